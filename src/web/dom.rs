//! Small helpers for building elements, and what any mount sets on its
//! root: a problem message and the theme's colours. Every string reaches the
//! DOM as text (`textContent`, attributes), never as HTML, so nothing in the
//! data or the URL can inject markup.

use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, HtmlElement};

use crate::theme::{Theme, CSS_COLOURS};

/// The number `text` holds, read by the browser (`Number(text)`); `None`
/// for an empty text, words or an infinity. The page reads its few numbers
/// this way because Rust's `f64::from_str` would link its table of powers
/// of five, 10 KB nearly incompressible, into the module.
pub(super) fn number(text: &str) -> Option<f64> {
    if text.trim().is_empty() {
        return None;
    }
    // `js_sys::Number`'s `FromStr` is JavaScript's `new Number(text)`.
    let value = text.parse::<js_sys::Number>().ok()?.value_of();
    value.is_finite().then_some(value)
}

pub(super) fn el(document: &Document, tag: &str, class: &str) -> Result<Element, JsValue> {
    let e = document.create_element(tag)?;
    if !class.is_empty() {
        e.set_class_name(class);
    }
    Ok(e)
}

pub(super) fn text_el(
    document: &Document,
    tag: &str,
    class: &str,
    text: &str,
) -> Result<Element, JsValue> {
    let e = el(document, tag, class)?;
    e.set_text_content(Some(text));
    Ok(e)
}

/// Shows a problem with an embed's options, as text.
pub(super) fn problem(
    document: &Document,
    root: &HtmlElement,
    message: &str,
    fatal: bool,
) -> Result<(), JsValue> {
    let p = text_el(document, "p", "embed-problem", message)?;
    p.set_attribute("role", if fatal { "alert" } else { "status" })?;
    // Before a prerendered chart, as the reader meets it first, and after
    // the messages before it, in their order.
    let figure = root.query_selector("figure.chart")?;
    root.insert_before(&p, figure.as_ref().map(|f| f as &web_sys::Node))?;
    Ok(())
}

/// Writes the theme's colours into CSS custom properties on `target`.
pub(super) fn set_theme_colours(target: &HtmlElement, theme: &Theme) {
    let style = target.style();
    for (name, paint) in CSS_COLOURS {
        let _ = style.set_property(name, &theme.rgb(paint).hex());
    }
}
