//! The tooltip lives in the browser's top layer, as a manual popover.
//!
//! A `position: fixed` box is placed in viewport coordinates only while no
//! ancestor has `transform`, `filter`, `contain: paint`, `will-change:
//! transform` or `backdrop-filter`; any of these on a host article makes that
//! ancestor its containing block, and the tooltip lands far from the
//! pointer, or off-screen. An element in the top layer has the viewport as
//! its containing block whatever its ancestors say, and no ancestor's
//! `overflow` clips it. Browsers without popovers (before 2023–2024) keep
//! the plain fixed box.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

/// Whether the tooltip is shown in the top layer now. `:popover-open` is a
/// syntax error where popovers are not supported, which reads as false.
fn is_open(element: &HtmlElement) -> bool {
    element.matches(":popover-open").unwrap_or(false)
}

/// Whether this browser knows popovers.
fn supported(element: &HtmlElement) -> bool {
    element.matches(":popover-open").is_ok()
}

/// Calls the element's method `name` with no arguments, if it has one.
fn call(element: &HtmlElement, name: &str) {
    let Ok(method) = js_sys::Reflect::get(element, &JsValue::from_str(name)) else {
        return;
    };
    if let Some(method) = method.dyn_ref::<js_sys::Function>() {
        // It throws only if the element left the document meanwhile, when
        // there is nothing to show.
        let _ = method.call0(element);
    }
}

/// Makes `element` a manual popover: shown and hidden only by [`show`] and
/// [`hide`], never dismissed by a click elsewhere or Escape on its own.
pub(super) fn prepare(element: &HtmlElement) {
    if supported(element) {
        let _ = element.set_attribute("popover", "manual");
    }
}

/// Puts `element` in the top layer, if it is a popover and not there yet.
pub(super) fn show(element: &HtmlElement) {
    if element.has_attribute("popover") && element.is_connected() && !is_open(element) {
        call(element, "showPopover");
    }
}

/// Takes `element` out of the top layer.
pub(super) fn hide(element: &HtmlElement) {
    if is_open(element) {
        call(element, "hidePopover");
    }
}
