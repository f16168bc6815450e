//! One chart's `<figure>` in the page: found in the prerendered HTML (see
//! `crate::markup::figure`) and given its canvas.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlCanvasElement, HtmlElement};

use crate::data::DATASET;

use super::dom::el;

/// A chart's elements, once its canvas is placed.
pub(super) struct Placed {
    pub chart: usize,
    pub canvas: HtmlCanvasElement,
    pub wrap: HtmlElement,
}

/// Every prerendered chart figure under `root` that has no canvas yet,
/// given one: the canvas goes into the plot's box, over the image drawn at
/// build time (which shows until the canvas is painted, and then leaves the
/// layout: see `view::paint_now`), with
/// the accessible name, description and tab stop the markup prepared for.
pub(super) fn find(root: &Element) -> Result<Vec<Placed>, JsValue> {
    let document = root.owner_document().ok_or("no document")?;
    let figures = root.query_selector_all("figure.chart[data-chart]")?;
    let mut placed = Vec::new();
    for i in 0..figures.length() {
        let Some(figure) = figures.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        let id = figure.get_attribute("data-chart").unwrap_or_default();
        let Some(index) = DATASET.charts.iter().position(|c| c.id == id) else {
            continue;
        };
        let Some(wrap) = figure.query_selector(".plot-wrap")? else {
            continue;
        };
        if wrap.query_selector("canvas.plot")?.is_some() {
            continue;
        }
        let wrap: HtmlElement = wrap.dyn_into()?;
        let canvas: HtmlCanvasElement = el(&document, "canvas", "plot")?.dyn_into()?;
        // The arrow keys move between items, so screen readers must pass
        // them on: `application` does that, and the data table is the way
        // to read the figures in browse mode.
        canvas.set_attribute("role", "application")?;
        canvas.set_attribute("tabindex", "0")?;
        canvas.set_attribute("aria-labelledby", &format!("chart-title-{id}"))?;
        canvas.set_attribute(
            "aria-describedby",
            &format!("chart-summary-{id} chart-keys-{id}"),
        )?;
        wrap.prepend_with_node_1(&canvas)?;
        placed.push(Placed {
            chart: index,
            canvas,
            wrap,
        });
    }
    Ok(placed)
}
