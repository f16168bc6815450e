//! The PNG download of a chart.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use plotters_canvas::CanvasBackend;
use web_sys::{HtmlCanvasElement, HtmlElement};

use crate::data::DATASET;
use crate::draw::{draw, Style};

use super::app::State;

/// Draws chart `id` at twice the pixel density into a new canvas and saves
/// it as PNG.
pub(super) fn download_png(state: &State, id: &str) -> Result<(), JsValue> {
    let view = state
        .views
        .iter()
        .find(|v| DATASET.charts.get(v.chart).is_some_and(|c| c.id == id))
        .ok_or("no such chart")?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let canvas: HtmlCanvasElement = document.create_element("canvas")?.dyn_into()?;
    canvas.set_width((view.scene.width * 2.0).round().max(1.0) as u32);
    canvas.set_height((view.scene.height * 2.0).round().max(1.0) as u32);
    let backend = CanvasBackend::with_canvas_object(canvas.clone()).ok_or("no 2D context")?;
    let style = Style {
        theme: state.theme(),
        scale: 2.0,
        locale: state.locale,
        highlight: None,
    };
    draw(backend, &view.scene, &style).map_err(|e| JsValue::from_str(&format!("{e:?}")))?;
    let link: HtmlElement = document.create_element("a")?.dyn_into()?;
    link.set_attribute("href", &canvas.to_data_url()?)?;
    link.set_attribute("download", &format!("{id}.png"))?;
    link.click();
    Ok(())
}
