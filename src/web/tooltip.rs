//! The one tooltip of a mount: what it says of the figure under the pointer
//! or the keyboard, and where it stands (beside the item, never over it).

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement};

use crate::data::Indicator;
use crate::hit::place_tooltip;
use crate::layout::Rect;
use crate::locale::Locale;
use crate::summary::tooltip_text;

use super::dom::el;

/// The one tooltip of the page.
pub(super) struct Tooltip {
    root: HtmlElement,
    label: Element,
    value: Element,
    period: Element,
    note: Element,
    printed: Element,
    /// Shows and hides the source sentence: the box leads with what a
    /// reader choosing between items needs, and stays small on a phone.
    more: Element,
    source: Element,
    /// Where the tooltip was last placed, to place it again when the source
    /// sentence opens and the box grows.
    anchor: Rc<Cell<Option<Rect>>>,
    _toggle: super::listener::Listener,
    _keep_focus: super::listener::Listener,
    /// The figure whose text the tooltip holds, so that moving the pointer
    /// within one item only moves the box instead of rewriting it.
    showing: std::cell::Cell<Option<*const Indicator>>,
    /// Where the next animation frame puts the tooltip; `None` when no
    /// frame is asked for.
    pending: Rc<Cell<Option<Rect>>>,
    /// The animation-frame callback that places the tooltip, made once.
    on_frame: Closure<dyn FnMut()>,
}

impl Tooltip {
    pub(super) fn new(document: &Document, parent: &web_sys::Node) -> Result<Self, JsValue> {
        let root: HtmlElement = el(document, "div", "tooltip")?.dyn_into()?;
        root.set_attribute("role", "tooltip")?;
        root.set_id("danba-tooltip");
        root.set_hidden(true);
        super::popover::prepare(&root);
        let label = el(document, "p", "tt-label")?;
        let value = el(document, "p", "tt-value")?;
        let period = el(document, "p", "tt-period")?;
        let note = el(document, "p", "tt-note")?;
        let printed = el(document, "p", "tt-printed")?;
        let more = el(document, "button", "tt-more")?;
        more.set_attribute("type", "button")?;
        more.set_attribute("aria-expanded", "false")?;
        more.set_attribute("aria-controls", "danba-tooltip-source")?;
        let source = el(document, "blockquote", "tt-source")?;
        source.set_id("danba-tooltip-source");
        source.set_attribute("lang", "zh-Hans")?;
        source.set_attribute("hidden", "")?;
        for child in [&value, &label, &period, &note, &printed, &more, &source] {
            root.append_child(child)?;
        }
        parent.append_child(&root)?;
        let anchor: Rc<Cell<Option<Rect>>> = Rc::new(Cell::new(None));
        // Focus stays on the chart when the toggle is pressed: the chart's
        // `blur` would otherwise take the tooltip away (see `keys.rs`).
        let keep_focus =
            super::listener::Listener::new(&more, "mousedown", |e: web_sys::Event| {
                e.prevent_default();
            })?;
        let toggle = {
            let (root, button, source, anchor) = (
                root.clone(),
                more.clone(),
                source.clone(),
                Rc::clone(&anchor),
            );
            super::listener::Listener::new(&more, "click", move |_| {
                let open = button.get_attribute("aria-expanded").as_deref() != Some("true");
                let _ = button.set_attribute("aria-expanded", if open { "true" } else { "false" });
                let _ = source.toggle_attribute_with_force("hidden", !open);
                // The box changed size: place it again beside the same item.
                if let Some(a) = anchor.get() {
                    place(&root, a);
                }
            })?
        };
        let pending: Rc<Cell<Option<Rect>>> = Rc::new(Cell::new(None));
        let on_frame = {
            let (root, pending) = (root.clone(), Rc::clone(&pending));
            Closure::<dyn FnMut()>::new(move || {
                // The callback touches only the tooltip's element, never the
                // charts' state, so it is safe even after a panic.
                if let Some(anchor) = pending.take() {
                    place(&root, anchor);
                }
            })
        };
        Ok(Tooltip {
            root,
            label,
            value,
            period,
            note,
            printed,
            more,
            source,
            anchor,
            _toggle: toggle,
            _keep_focus: keep_focus,
            showing: std::cell::Cell::new(None),
            pending,
            on_frame,
        })
    }

    pub(super) fn show(&self, ind: &Indicator, locale: Locale, anchor: Rect) {
        if self.showing.get() != Some(std::ptr::from_ref(ind)) {
            let set = |e: &Element, text: &str| {
                e.set_text_content(Some(text));
                let _ = e.toggle_attribute_with_force("hidden", text.is_empty());
            };
            let t = tooltip_text(ind, locale);
            set(&self.label, &t.label);
            set(&self.value, &t.value);
            set(&self.period, &t.period);
            set(&self.note, &t.note);
            set(&self.printed, &t.printed);
            self.source.set_text_content(Some(&t.source));
            // Each figure starts with its source sentence closed.
            let _ = self.source.set_attribute("hidden", "");
            let _ = self.more.set_attribute("aria-expanded", "false");
            let s = locale.strings();
            self.more.set_text_content(Some(s.source_toggle));
            self.showing.set(Some(std::ptr::from_ref(ind)));
        }
        self.root.set_hidden(false);
        self.anchor.set(Some(anchor));
        super::popover::show(&self.root);
        // Placing the box needs its size, and measuring it right after its
        // text changed would make the browser lay the page out inside the
        // pointer handler. The next animation frame, which lays the page out
        // anyway before painting, places it instead, once per frame however
        // many pointer events arrive (nothing is painted in between, so the
        // box never shows at its old place).
        if self.pending.replace(Some(anchor)).is_none() {
            let asked = web_sys::window().and_then(|w| {
                w.request_animation_frame(self.on_frame.as_ref().unchecked_ref())
                    .ok()
            });
            if asked.is_none() {
                // No frame to wait for (no window): place it now.
                self.pending.set(None);
                place(&self.root, anchor);
            }
        }
    }

    pub(super) fn hide(&self) {
        super::popover::hide(&self.root);
        self.root.set_hidden(true);
        self.showing.set(None);
        self.pending.set(None);
    }

    pub(super) fn remove(&self) {
        self.pending.set(None);
        self.root.remove();
    }
}

/// Whether an event happened inside the tooltip.
pub(super) fn in_tooltip(e: &web_sys::Event) -> bool {
    super::listener::event_origin(e)
        .and_then(|el| el.closest(".tooltip").ok().flatten())
        .is_some()
}

/// Puts the tooltip `root` beside `anchor`, inside the viewport.
fn place(tooltip: &HtmlElement, anchor: Rect) {
    let Some(window) = web_sys::window() else {
        return;
    };
    // The layout viewport without scroll bars: a tooltip under a scroll bar
    // would be cut.
    let html = window.document().and_then(|d| d.document_element());
    let vw = html
        .as_ref()
        .map(|r| f64::from(r.client_width()))
        .filter(|w| *w > 0.0)
        .or_else(|| window.inner_width().ok().and_then(|v| v.as_f64()))
        .unwrap_or(800.0);
    let vh = window
        .inner_height()
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(600.0);
    let rect = tooltip.get_bounding_client_rect();
    let (left, top) = place_tooltip(anchor, (rect.width(), rect.height()), (vw, vh), 8.0);
    // Moved by a transform rather than `left`/`top`: a move then needs no
    // layout, and the browser does not log it as a layout shift.
    let _ = tooltip
        .style()
        .set_property("transform", &format!("translate({left}px, {top}px)"));
}
