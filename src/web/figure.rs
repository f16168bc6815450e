//! One chart's `<figure>` in the page: found in the prerendered HTML (see
//! `crate::markup::figure`) and given its canvas, or, for a script embed
//! whose host has no prerendered HTML yet, built whole.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlCanvasElement, HtmlElement};

use crate::data::DATASET;
use crate::locale::Locale;

use super::dom::{el, text_el};

/// A chart's elements, as built.
pub(super) struct Placed {
    pub chart: usize,
    pub canvas: HtmlCanvasElement,
    pub wrap: HtmlElement,
}

/// What a chart's figure carries besides the chart.
#[derive(Clone, Copy)]
pub(super) struct Chrome {
    /// Chart only: no title, notes or source (`plain=1` of embeds).
    pub plain: bool,
    /// The title's element: `h3` under the dashboard's sections, `h1` on a
    /// chart's own page.
    pub heading: &'static str,
}

/// Builds one chart's `<figure>`: title, canvas, notes and source line, and
/// on the dashboard the embed code and downloads.
pub(super) fn build_chart(
    document: &Document,
    index: usize,
    locale: Locale,
    chrome: Chrome,
) -> Result<(Element, Placed), JsValue> {
    let chart = DATASET
        .charts
        .get(index)
        .ok_or("chart index out of range")?;
    let figure = el(document, "figure", "chart")?;
    figure.set_attribute("data-chart", &chart.id)?;
    figure.set_attribute("data-kind", chart.kind.name())?;
    let wrap: HtmlElement = el(document, "div", "plot-wrap")?.dyn_into()?;
    let canvas: HtmlCanvasElement = el(document, "canvas", "plot")?.dyn_into()?;
    // A plain chart keeps its title for assistive technology only: the host
    // page shows its own.
    let title_id = format!("chart-title-{}", chart.id);
    let class = if chrome.plain {
        "chart-title sr-only"
    } else {
        "chart-title"
    };
    let title = text_el(document, chrome.heading, class, locale.pick(&chart.title))?;
    title.set_id(&title_id);
    figure.append_child(&title)?;
    let parts = crate::frame::caption_parts(&DATASET, chart, locale);
    canvas.set_attribute("aria-labelledby", &title_id)?;
    if let Some(subtitle) = &parts.subtitle {
        // Visible under the title and read in browse mode; the canvas keeps
        // the title alone as its name, short enough to hear on each visit.
        let class = if chrome.plain {
            "chart-subtitle sr-only"
        } else {
            "chart-subtitle"
        };
        figure.append_child(&*text_el(document, "p", class, subtitle)?)?;
    }
    wrap.append_child(&canvas)?;
    figure.append_child(&wrap)?;
    super::table::describe(document, &figure, &canvas, index, locale)?;
    let placed = Placed {
        chart: index,
        canvas,
        wrap,
    };
    if chrome.plain {
        return Ok((figure, placed));
    }

    // Notes under the chart, then one quiet row: the source, the data
    // table's button, and one menu for downloads and embed codes — not four
    // stacked controls.
    let caption = el(document, "figcaption", "")?;
    for note in &parts.notes {
        caption.append_child(&*text_el(document, "p", "note", note)?)?;
    }
    let row = el(document, "div", "chart-actions")?;
    row.append_child(&*text_el(document, "p", "source", &parts.source)?)?;
    // The button and its table stay together, as `table::listen` finds the
    // table next to the button; they move from under the chart into the row.
    if let Some(data) = figure.query_selector(".chart-data")? {
        row.append_child(&data)?;
    }
    caption.append_child(&row)?;
    figure.append_child(&caption)?;
    Ok((figure, placed))
}

/// Every prerendered chart figure under `root` that has no canvas yet,
/// given one: the canvas goes into the plot's box, over the image drawn at
/// build time (which stays underneath until the canvas is painted), with
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
