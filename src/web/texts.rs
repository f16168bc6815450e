//! The texts of a figure the module does not carry, read from the page.
//!
//! The module is built without the texts the prerendered page already
//! holds (`Dataset::without_page_texts`). The tooltip and the live region
//! still say a figure's source sentence and note: both are in the row of
//! the figure in its chart's data table, which every figure carries (the
//! dashboard, an embed page, and a script embed's shadow root alike), the
//! sentence in its `source` cell and the note in the row's `data-note`.

use wasm_bindgen::JsCast;
use web_sys::Element;

use crate::data::Indicator;
use crate::locale::Locale;
use crate::summary::{tooltip_with, TooltipText};

/// What the tooltip of `ind`, drawn on `canvas`, says; the sentence is
/// empty when the page lacks the figure's row (the tooltip then offers no
/// sentence rather than an empty one).
pub(super) fn tooltip_text(canvas: &Element, ind: &Indicator, locale: Locale) -> TooltipText {
    let (note, source) = row_of(canvas, &ind.id).map_or_else(
        || (String::new(), String::new()),
        |row| {
            let note = row.get_attribute("data-note").unwrap_or_default();
            let source = row
                .query_selector("td.source")
                .ok()
                .flatten()
                .and_then(|cell| cell.text_content())
                .unwrap_or_default();
            (note, source)
        },
    );
    let mut text = tooltip_with(ind, locale, &note, &source);
    if source.is_empty() {
        text.source.clear();
    }
    text
}

/// The row of the figure `id` in the data table of the chart `canvas`
/// draws.
fn row_of(canvas: &Element, id: &str) -> Option<Element> {
    let figure = canvas.closest("figure.chart").ok()??;
    let rows = figure
        .query_selector_all(".data-table tr[data-indicator]")
        .ok()?;
    // Compared attribute by attribute rather than put into a selector, so
    // that no id needs escaping.
    (0..rows.length())
        .filter_map(|i| rows.item(i)?.dyn_into::<Element>().ok())
        .find(|row| row.get_attribute("data-indicator").as_deref() == Some(id))
}
