//! What a chart offers readers who do not see its canvas: an accessible
//! name and summary on the canvas, and a real `<table>` of its figures
//! behind a "查看数据 / Show data" button.
//!
//! The table is in the page from the start, visually hidden but read by
//! assistive technology; the button shows it on screen and says so with
//! `aria-expanded`. Everything is set as text, never as HTML.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Event, EventTarget, HtmlCanvasElement};

use crate::data::DATASET;
use crate::locale::Locale;

use super::dom::text_el;
use crate::summary::{summary, table_rows};

use super::listener::{event_origin, Listener};

/// Hides an element visually while keeping it for screen readers.
const SR_ONLY: &str = "sr-only";

/// Makes `canvas` one tab stop with the chart's summary and key hint as its
/// description, and appends the summary and the data table to `figure`.
pub(super) fn describe(
    document: &Document,
    figure: &Element,
    canvas: &HtmlCanvasElement,
    index: usize,
    locale: Locale,
) -> Result<(), JsValue> {
    let chart = DATASET
        .charts
        .get(index)
        .ok_or("chart index out of range")?;
    let s = locale.strings();
    let summary_id = format!("chart-summary-{}", chart.id);
    let keys_id = format!("chart-keys-{}", chart.id);
    let table_id = format!("chart-data-{}", chart.id);

    // The arrow keys move between items, so screen readers must pass them
    // on: `application` does that, and the data table below is the way to
    // read the figures in browse mode.
    canvas.set_attribute("role", "application")?;
    canvas.set_attribute("tabindex", "0")?;
    canvas.set_attribute("aria-describedby", &format!("{summary_id} {keys_id}"))?;

    let summary_el = text_el(
        document,
        "p",
        &format!("chart-summary {SR_ONLY}"),
        &summary(&DATASET, chart, locale),
    )?;
    summary_el.set_id(&summary_id);
    figure.append_child(&summary_el)?;
    // Referenced by `aria-describedby`, the hint is read with the canvas;
    // hidden, it is not read a second time in browse mode.
    let keys = text_el(document, "p", "", s.keys_hint)?;
    keys.set_id(&keys_id);
    keys.set_attribute("hidden", "")?;
    figure.append_child(&keys)?;

    let data = document.create_element("div")?;
    data.set_class_name("chart-data");
    let button = text_el(document, "button", "data-toggle", s.show_data)?;
    button.set_attribute("type", "button")?;
    button.set_attribute("aria-expanded", "false")?;
    button.set_attribute("aria-controls", &table_id)?;
    data.append_child(&button)?;

    // The table itself is built by [`fill`], once the charts are drawn.
    let wrap = document.create_element("div")?;
    wrap.set_class_name(&format!("data-table-wrap {SR_ONLY}"));
    wrap.set_id(&table_id);
    data.append_child(&wrap)?;
    figure.append_child(&data)?;
    Ok(())
}

/// Builds the data table of every chart under `root` whose table is not
/// built yet: a caption, a header row, and a row per figure with its value,
/// year and source sentence.
pub(super) fn fill(root: &Element, locale: Locale) -> Result<(), JsValue> {
    let document = root.owner_document().ok_or("no document")?;
    let figures = root.query_selector_all("figure.chart[data-chart]")?;
    for i in 0..figures.length() {
        let Some(figure) = figures.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        let id = figure.get_attribute("data-chart").unwrap_or_default();
        let Some(chart) = DATASET.charts.iter().find(|c| c.id == id) else {
            continue;
        };
        let Some(wrap) = figure.query_selector(".data-table-wrap")? else {
            continue;
        };
        if wrap.first_child().is_none() {
            wrap.append_child(&*build_table(&document, chart, locale)?)?;
        }
    }
    Ok(())
}

fn build_table(
    document: &Document,
    chart: &danba_dataset::Chart,
    locale: Locale,
) -> Result<Element, JsValue> {
    let s = locale.strings();
    let table = document.create_element("table")?;
    table.set_class_name("data-table");
    table.append_child(&*text_el(
        document,
        "caption",
        "",
        locale.pick(&chart.title),
    )?)?;
    let head = document.create_element("thead")?;
    let row = document.create_element("tr")?;
    for name in s.table_columns {
        let th = text_el(document, "th", "", name)?;
        th.set_attribute("scope", "col")?;
        row.append_child(&th)?;
    }
    head.append_child(&row)?;
    table.append_child(&head)?;
    let body = document.create_element("tbody")?;
    for r in table_rows(&DATASET, chart, locale) {
        let tr = document.create_element("tr")?;
        tr.set_attribute("data-indicator", &r.id)?;
        let th = text_el(document, "th", "", &r.label)?;
        th.set_attribute("scope", "row")?;
        tr.append_child(&th)?;
        tr.append_child(&*text_el(document, "td", "value", &r.value)?)?;
        tr.append_child(&*text_el(document, "td", "year", &r.year)?)?;
        let source = text_el(document, "td", "source", &r.source)?;
        // The sentence is in the reader's language (a translation on the
        // English page), so it is marked as the page's language.
        source.set_attribute("lang", locale.tag())?;
        tr.append_child(&source)?;
        body.append_child(&tr)?;
    }
    table.append_child(&body)?;
    Ok(table)
}

/// One click listener on `root` for every "Show data" button: it flips the
/// button's `aria-expanded` and shows or hides the table it controls.
pub(super) fn listen(root: &EventTarget) -> Result<Listener, JsValue> {
    Listener::new(root, "click", move |e: Event| {
        let Some(button) =
            event_origin(&e).and_then(|el| el.closest("button.data-toggle").ok().flatten())
        else {
            return;
        };
        let open = button.get_attribute("aria-expanded").as_deref() != Some("true");
        let _ = button.set_attribute("aria-expanded", if open { "true" } else { "false" });
        // The table sits next to its button, in the same tree (page or
        // shadow root), so it is found from the button, not by document id.
        let table = button
            .parent_element()
            .and_then(|p| p.query_selector(".data-table-wrap").ok().flatten());
        if let Some(table) = table {
            let _ = table.class_list().toggle_with_force(SR_ONLY, !open);
        }
    })
}

/// Whether the event happened on a chart's canvas.
pub(super) fn on_chart(e: &Event) -> bool {
    event_origin(e)
        .and_then(|el| el.dyn_into::<HtmlCanvasElement>().ok())
        .is_some_and(|c| c.class_list().contains("plot"))
}
