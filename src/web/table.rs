//! The "查看数据 / Show data" button of each chart's data table.
//!
//! The table is prerendered (see `crate::markup`), visually hidden but read
//! by assistive technology; the button shows it on screen and says so with
//! `aria-expanded`.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Event, EventTarget, HtmlCanvasElement};

use super::listener::{event_origin, Listener};

/// Hides an element visually while keeping it for screen readers.
const SR_ONLY: &str = "sr-only";

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
