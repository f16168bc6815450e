//! The table of every figure of the article, at the end of the dashboard.
//!
//! Charts show the figures that answer a question; this table shows all of
//! them, so that no figure needs a chart to be found. Each row gives the
//! figure, its value with qualifier and unit, its period (or that the
//! article gives none), the sentence it comes from in the reader's language
//! (an English reader gets the translation, with the Chinese sentence one
//! tap away in a `<details>`), and the charts that draw it. Rows are grouped
//! by theme; a button in a column heading sorts by that column instead.
//! Everything is set as text, never as HTML.

use std::cmp::Ordering;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Event, EventTarget};

use crate::data::DATASET;
use crate::locale::Locale;

use super::dom::text_el;
use crate::summary::all_figure_rows;

use super::listener::{event_origin, Listener};

/// The sort keys of the table, as written in `data-sort` of its buttons.
const THEME: &str = "theme";
const LABEL: &str = "label";
const VALUE: &str = "value";
const YEAR: &str = "year";

fn sort_button(document: &Document, key: &str, text: &str) -> Result<Element, JsValue> {
    let b = text_el(document, "button", "sort", text)?;
    b.set_attribute("type", "button")?;
    b.set_attribute("data-sort", key)?;
    Ok(b)
}

/// The section that holds the table: heading, a line on how to use it and
/// the theme button; the table itself is built by [`fill`] once the charts
/// are on screen, as the charts' own tables are.
pub(super) fn section(document: &Document, locale: Locale) -> Result<Element, JsValue> {
    let s = &locale.strings().all;
    let sec = text_el(document, "section", "story-section all-figures", "")?;
    sec.set_id("all-figures");
    sec.set_attribute("data-section", "all-figures")?;
    let heading = text_el(document, "h2", "", s.title)?;
    heading.set_id("all-figures-title");
    sec.append_child(&heading)?;
    sec.append_child(&*text_el(document, "p", "intro", s.intro)?)?;
    let bar = text_el(document, "p", "sort-bar", s.sort_by)?;
    let theme = sort_button(document, THEME, s.by_theme)?;
    theme.set_attribute("aria-pressed", "true")?;
    bar.append_child(&theme)?;
    sec.append_child(&bar)?;
    let wrap = text_el(document, "div", "all-figures-wrap", "")?;
    sec.append_child(&wrap)?;
    Ok(sec)
}

/// Builds the table of every figure under `root`, unless it is built.
pub(super) fn fill(root: &Element, locale: Locale) -> Result<(), JsValue> {
    let Some(wrap) = root.query_selector(".all-figures-wrap")? else {
        return Ok(());
    };
    if wrap.first_child().is_some() {
        return Ok(());
    }
    let document = root.owner_document().ok_or("no document")?;
    wrap.append_child(&*table(&document, locale)?)?;
    Ok(())
}

fn table(document: &Document, locale: Locale) -> Result<Element, JsValue> {
    let s = &locale.strings().all;
    let table = document.create_element("table")?;
    table.set_class_name("data-table figures-table");
    table.set_attribute("aria-labelledby", "all-figures-title")?;
    table.set_attribute("data-sorted", THEME)?;
    let head = document.create_element("thead")?;
    let tr = document.create_element("tr")?;
    let keys = [Some(LABEL), Some(VALUE), Some(YEAR), None, None];
    for (name, key) in s.columns.iter().zip(keys) {
        let th = document.create_element("th")?;
        th.set_attribute("scope", "col")?;
        match key {
            Some(key) => {
                th.append_child(&*sort_button(document, key, name)?)?;
            }
            None => th.set_text_content(Some(name)),
        }
        tr.append_child(&th)?;
    }
    head.append_child(&tr)?;
    table.append_child(&head)?;

    let body = document.create_element("tbody")?;
    let source_lang = locale.tag();
    let mut theme = None;
    for (order, r) in all_figure_rows(&DATASET, locale).into_iter().enumerate() {
        if theme != Some(r.theme) {
            theme = Some(r.theme);
            let group = document.create_element("tr")?;
            group.set_class_name("group");
            group.set_attribute("data-theme", &r.theme.to_string())?;
            let th = text_el(document, "th", "", &r.theme_name)?;
            th.set_attribute("colspan", "5")?;
            th.set_attribute("scope", "rowgroup")?;
            group.append_child(&th)?;
            body.append_child(&group)?;
        }
        let row = document.create_element("tr")?;
        row.set_attribute("data-indicator", &r.id)?;
        row.set_attribute("data-theme", &r.theme.to_string())?;
        row.set_attribute("data-order", &order.to_string())?;
        if let Some(n) = r.number {
            row.set_attribute("data-number", &n.to_string())?;
        }
        if let Some(y) = r.year {
            row.set_attribute("data-year", &y.to_string())?;
        }
        let th = text_el(document, "th", "", &r.label)?;
        th.set_attribute("scope", "row")?;
        row.append_child(&th)?;
        row.append_child(&*text_el(document, "td", "value", &r.value)?)?;
        row.append_child(&*text_el(document, "td", "year", &r.period)?)?;
        let source = document.create_element("td")?;
        source.set_class_name("source");
        let sentence = text_el(document, "span", "", &r.source)?;
        sentence.set_attribute("lang", source_lang)?;
        source.append_child(&sentence)?;
        if let Some(original) = &r.original {
            let details = document.create_element("details")?;
            details.append_child(&*text_el(document, "summary", "", s.original)?)?;
            let quote = text_el(document, "p", "original", original)?;
            quote.set_attribute("lang", "zh-Hans")?;
            details.append_child(&quote)?;
            source.append_child(&details)?;
        }
        row.append_child(&source)?;
        let shown = document.create_element("td")?;
        shown.set_class_name("shown");
        if r.shown_in.is_empty() {
            shown.set_text_content(Some(s.table_only));
            shown.class_list().add_1("table-only")?;
        }
        for (n, (id, title)) in r.shown_in.iter().enumerate() {
            if n > 0 {
                shown.append_with_str_1(" · ")?;
            }
            let a = text_el(document, "a", "", title)?;
            a.set_attribute("href", &format!("#chart-title-{id}"))?;
            shown.append_child(&a)?;
        }
        row.append_child(&shown)?;
        body.append_child(&row)?;
    }
    table.append_child(&body)?;
    Ok(table)
}

/// One click listener on `root` for the table's sort buttons. Sorting moves
/// the existing rows; nothing is rebuilt or re-read from the data.
pub(super) fn listen(root: &EventTarget) -> Result<Listener, JsValue> {
    Listener::new(root, "click", move |e: Event| {
        let Some(button) = event_origin(&e).and_then(|el| el.closest("button.sort").ok().flatten())
        else {
            return;
        };
        let Some(key) = button.get_attribute("data-sort") else {
            return;
        };
        let section = button.closest("section.all-figures").ok().flatten();
        let table = section.and_then(|s| s.query_selector("table.figures-table").ok().flatten());
        if let Some(table) = table {
            let _ = sort(&table, &key);
        }
    })
}

/// The number in attribute `name` of a row; absent (unknown) sorts last.
fn number(row: &Element, name: &str) -> Option<f64> {
    row.get_attribute(name)?
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
}

/// Compares two optional numbers, a missing one after every present one.
fn by_number(a: Option<f64>, b: Option<f64>, descending: bool) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => {
            let o = a.partial_cmp(&b).unwrap_or(Ordering::Equal);
            if descending {
                o.reverse()
            } else {
                o
            }
        }
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// Sorts the table's rows by `key`; the same key again reverses the order.
fn sort(table: &Element, key: &str) -> Result<(), JsValue> {
    let body = table.query_selector("tbody")?.ok_or("no tbody")?;
    let previous = table.get_attribute("data-sorted").unwrap_or_default();
    let was_descending = table.get_attribute("data-descending").is_some();
    // A second press reverses; the grouped order has one direction only.
    let descending = key != THEME && previous == key && !was_descending;
    table.set_attribute("data-sorted", key)?;
    table.toggle_attribute_with_force("data-descending", descending)?;

    let list = body.query_selector_all("tr[data-indicator]")?;
    let mut rows: Vec<Element> = (0..list.length())
        .filter_map(|i| list.item(i).and_then(|n| n.dyn_into::<Element>().ok()))
        .collect();
    let order = |r: &Element| number(r, "data-order").unwrap_or(f64::MAX);
    rows.sort_by(|a, b| {
        let first = match key {
            THEME => by_number(number(a, "data-theme"), number(b, "data-theme"), false),
            VALUE => by_number(
                number(a, "data-number"),
                number(b, "data-number"),
                descending,
            ),
            YEAR => by_number(number(a, "data-year"), number(b, "data-year"), descending),
            _ => {
                let label = |r: &Element| {
                    r.query_selector("th")
                        .ok()
                        .flatten()
                        .and_then(|th| th.text_content())
                        .unwrap_or_default()
                };
                let o = label(a).cmp(&label(b));
                if descending {
                    o.reverse()
                } else {
                    o
                }
            }
        };
        first.then(by_number(Some(order(a)), Some(order(b)), false))
    });

    let groups = body.query_selector_all("tr.group")?;
    let grouped = key == THEME;
    for i in 0..groups.length() {
        if let Some(g) = groups.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
            g.toggle_attribute_with_force("hidden", !grouped)?;
        }
    }
    let mut last_theme = None;
    for row in &rows {
        let theme = row.get_attribute("data-theme").unwrap_or_default();
        if grouped && last_theme.as_ref() != Some(&theme) {
            // Each theme's heading row goes before its first figure.
            let selector = format!("tr.group[data-theme=\"{theme}\"]");
            if let Some(heading) = body.query_selector(&selector)? {
                body.append_child(&heading)?;
            }
        }
        body.append_child(row)?;
        last_theme = Some(theme);
    }

    // Tell assistive technology which column orders the rows now.
    let heads = table.query_selector_all("thead th")?;
    for i in 0..heads.length() {
        let Some(th) = heads.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        let this = th
            .query_selector("button.sort")?
            .and_then(|b| b.get_attribute("data-sort"))
            .is_some_and(|k| k == key);
        if this {
            th.set_attribute(
                "aria-sort",
                if descending {
                    "descending"
                } else {
                    "ascending"
                },
            )?;
        } else {
            th.remove_attribute("aria-sort")?;
        }
    }
    if let Some(section) = table.closest("section.all-figures")? {
        if let Some(theme) = section.query_selector("button.sort[data-sort=\"theme\"]")? {
            theme.set_attribute("aria-pressed", if grouped { "true" } else { "false" })?;
        }
    }
    Ok(())
}
