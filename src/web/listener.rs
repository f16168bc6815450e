//! Event listeners owned by Rust: each removes itself when dropped, and none
//! calls into Rust state after a panic.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, EventTarget};

use super::panic;

/// A listener that removes itself from its target when dropped.
pub(super) struct Listener {
    target: EventTarget,
    kind: &'static str,
    closure: Closure<dyn FnMut(Event)>,
}

impl Listener {
    pub(super) fn new(
        target: &EventTarget,
        kind: &'static str,
        mut f: impl FnMut(Event) + 'static,
    ) -> Result<Self, JsValue> {
        // After a panic no listener calls into the (maybe still borrowed) state.
        let closure = Closure::<dyn FnMut(Event)>::new(move |e: Event| {
            if !panic::panicked() {
                f(e);
            }
        });
        target.add_event_listener_with_callback(kind, closure.as_ref().unchecked_ref())?;
        Ok(Listener {
            target: target.clone(),
            kind,
            closure,
        })
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self
            .target
            .remove_event_listener_with_callback(self.kind, self.closure.as_ref().unchecked_ref());
    }
}

/// The element an event started on, looking through shadow roots (where the
/// event's `target` is only the host).
pub(super) fn event_origin(e: &Event) -> Option<Element> {
    e.composed_path()
        .get(0)
        .dyn_into::<Element>()
        .ok()
        .or_else(|| e.target().and_then(|t| t.dyn_into::<Element>().ok()))
}
