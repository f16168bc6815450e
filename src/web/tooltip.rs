//! The one tooltip of a mount: what it says of the figure under the pointer
//! or the keyboard, and where it stands (beside the item, never over it).
//!
//! Hover stays on the compositor: the box is a layer of its own
//! (`will-change: transform` in `chart.css`, in the top layer as a popover)
//! and is moved only by its `transform`. Its texts are written, and its size
//! measured, only when the item changes or the source sentence opens; a
//! pointer moving within one item changes nothing at all, and a box that
//! follows its item through a scroll is moved without layout or paint
//! (`tests/e2e/hover-compositor.test.mjs` counts both).

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement};

use crate::data::Indicator;
use crate::decimal::Decimal;
use crate::hit::{place_beside, Anchor};
use crate::locale::Locale;

use super::dom::el;
use super::texts::tooltip_text;

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
    /// Where the tooltip was last asked to stand, to place it again when
    /// the source sentence opens and the box grows.
    anchor: Rc<Cell<Option<Anchor>>>,
    /// The box's measured size and where it stands now.
    placed: Rc<Placed>,
    /// Whether the box is shown, so a move within one item touches no
    /// attribute of it.
    shown: Cell<bool>,
    _toggle: super::listener::Listener,
    _keep_focus: super::listener::Listener,
    /// The figure whose text the tooltip holds, so that moving the pointer
    /// within one item only moves the box instead of rewriting it.
    showing: std::cell::Cell<Option<*const Indicator>>,
    /// Where the next animation frame puts the tooltip; `None` when no
    /// frame is asked for.
    pending: Rc<Cell<Option<Anchor>>>,
    /// The animation-frame callback that places the tooltip, made once.
    on_frame: Closure<dyn FnMut()>,
}

impl Tooltip {
    pub(super) fn new(document: &Document, parent: &web_sys::Node) -> Result<Self, JsValue> {
        let root: HtmlElement = el(document, "div", "tooltip")?.dyn_into()?;
        root.set_attribute("role", "tooltip")?;
        root.set_id("article-charts-tooltip");
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
        more.set_attribute("aria-controls", "article-charts-tooltip-source")?;
        let source = el(document, "blockquote", "tt-source")?;
        source.set_id("article-charts-tooltip-source");
        source.set_attribute("lang", "zh-Hans")?;
        source.set_attribute("hidden", "")?;
        for child in [&value, &label, &period, &note, &printed, &more, &source] {
            root.append_child(child)?;
        }
        parent.append_child(&root)?;
        let anchor: Rc<Cell<Option<Anchor>>> = Rc::new(Cell::new(None));
        let placed = Rc::new(Placed::default());
        // Focus stays on the chart when the toggle is pressed: the chart's
        // `blur` would otherwise take the tooltip away (see `keys.rs`).
        let keep_focus =
            super::listener::Listener::new(&more, "mousedown", |e: web_sys::Event| {
                e.prevent_default();
            })?;
        let toggle = {
            let (root, button, source, anchor, placed) = (
                root.clone(),
                more.clone(),
                source.clone(),
                Rc::clone(&anchor),
                Rc::clone(&placed),
            );
            super::listener::Listener::new(&more, "click", move |_| {
                let open = button.get_attribute("aria-expanded").as_deref() != Some("true");
                let _ = button.set_attribute("aria-expanded", if open { "true" } else { "false" });
                let _ = source.toggle_attribute_with_force("hidden", !open);
                // The box changed size: measure it and place it again beside
                // the same item.
                placed.size.set(None);
                if let Some(a) = anchor.get() {
                    place(&root, a, &placed);
                }
            })?
        };
        let pending: Rc<Cell<Option<Anchor>>> = Rc::new(Cell::new(None));
        let on_frame = {
            let (root, pending, placed) = (root.clone(), Rc::clone(&pending), Rc::clone(&placed));
            Closure::<dyn FnMut()>::new(move || {
                // The callback touches only the tooltip's element, never the
                // charts' state, so it is safe even after a panic.
                if let Some(anchor) = pending.take() {
                    place(&root, anchor, &placed);
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
            placed,
            shown: Cell::new(false),
            _toggle: toggle,
            _keep_focus: keep_focus,
            showing: std::cell::Cell::new(None),
            pending,
            on_frame,
        })
    }

    /// Shows the tooltip of `ind`, an item of the chart on `canvas`, beside
    /// `anchor`.
    pub(super) fn show(&self, canvas: &Element, ind: &Indicator, locale: Locale, anchor: Anchor) {
        let same_item = self.showing.get() == Some(std::ptr::from_ref(ind));
        // The pointer moved within the item it was on, and the item did not
        // move on the screen: the box stays as it is, untouched.
        if same_item && self.shown.get() && self.anchor.get() == Some(anchor) {
            return;
        }
        if !same_item {
            // Only what differs is written: a text written again, even the
            // same, is a new text node the browser lays out again, and
            // items next to each other often share a period, a note or a
            // source sentence. (`toggleAttribute` with its force changes
            // nothing that is already so.)
            let set = |e: &Element, text: &str| {
                set_text(e, text);
                let _ = e.toggle_attribute_with_force("hidden", text.is_empty());
            };
            let t = tooltip_text(canvas, ind, locale);
            set(&self.label, &t.label);
            set(&self.value, &t.value);
            set(&self.period, &t.period);
            // Whole sentences, cut where one ends (see `brief_note`).
            set(&self.note, &t.brief_note(locale));
            set(&self.printed, &t.printed);
            set_text(&self.source, &t.source);
            // Each figure starts with its source sentence closed.
            let _ = self.source.toggle_attribute_with_force("hidden", true);
            if self.more.get_attribute("aria-expanded").as_deref() != Some("false") {
                let _ = self.more.set_attribute("aria-expanded", "false");
            }
            let _ = self
                .more
                .toggle_attribute_with_force("hidden", t.source.is_empty());
            set_text(&self.more, locale.strings().source_toggle);
            self.showing.set(Some(std::ptr::from_ref(ind)));
            // New texts, a new size: measured in the next frame.
            self.placed.size.set(None);
        }
        if !self.shown.replace(true) {
            self.root.set_hidden(false);
            super::popover::show(&self.root);
        }
        self.anchor.set(Some(anchor));
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
                place(&self.root, anchor, &self.placed);
            }
        }
    }

    pub(super) fn hide(&self) {
        // Leaving a chart sends a `pointerleave` and often a move outside
        // every item too: a hidden box is not touched again.
        if self.shown.replace(false) {
            super::popover::hide(&self.root);
            self.root.set_hidden(true);
        }
        self.showing.set(None);
        self.anchor.set(None);
        self.pending.set(None);
    }

    pub(super) fn remove(&self) {
        self.pending.set(None);
        self.root.remove();
    }
}

/// Writes `text` into `e` unless it is there already.
fn set_text(e: &Element, text: &str) {
    if e.text_content().as_deref() != Some(text) {
        e.set_text_content(Some(text));
    }
}

/// Whether an event happened inside the tooltip.
pub(super) fn in_tooltip(e: &web_sys::Event) -> bool {
    super::listener::event_origin(e)
        .and_then(|el| el.closest(".tooltip").ok().flatten())
        .is_some()
}

/// The box's size, measured once per text, and its place, so that placing
/// it again reads no layout and writes no style unless something changed.
#[derive(Default)]
struct Placed {
    /// The box's width and height, and the viewport width they were
    /// measured at (the box's `max-width` follows the viewport's).
    size: Cell<Option<((f64, f64), f64)>>,
    /// The translation the box stands at.
    at: Cell<Option<(f64, f64)>>,
}

/// Puts the tooltip `root` beside `anchor`, inside the viewport.
fn place(tooltip: &HtmlElement, anchor: Anchor, placed: &Placed) {
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
    // Measured only after its text or the viewport's width changed: reading
    // the size lays the box out, which a box that only moves does not need.
    let size = match placed.size.get() {
        Some((size, at_width)) if at_width == vw => size,
        _ => {
            let rect = tooltip.get_bounding_client_rect();
            let size = (rect.width(), rect.height());
            placed.size.set(Some((size, vw)));
            size
        }
    };
    let (left, top) = place_beside(anchor, size, (vw, vh), 8.0);
    if placed.at.replace(Some((left, top))) == Some((left, top)) {
        return;
    }
    // Moved by a transform rather than `left`/`top`: on its own layer the
    // box then moves on the compositor, with no layout and no paint, and the
    // browser does not log it as a layout shift.
    let _ = tooltip.style().set_property(
        "transform",
        &format!("translate({}px, {}px)", Decimal(left, 2), Decimal(top, 2)),
    );
}
