//! Sorting the table of every figure at the end of the dashboard. The table
//! is in the prerendered page (`crate::markup::tables`), grouped by theme;
//! a button in a column heading sorts by that column instead, moving the
//! existing rows by the numbers their `data-` attributes carry.

use std::cmp::Ordering;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, EventTarget};

use super::dom;
use super::listener::{event_origin, Listener};

/// The sort keys of the table, as written in `data-sort` of its buttons.
const THEME: &str = "theme";
const VALUE: &str = "value";
const YEAR: &str = "year";

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
    dom::number(&row.get_attribute(name)?)
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
