//! The keyboard: every chart's canvas is one tab stop; the arrow keys move
//! between its items in reading order, Home and End jump to the ends, and
//! Escape hides the tooltip. The item reached is highlighted as on hover,
//! its tooltip is set beside it, and the same text is read out through the
//! page's one polite live region.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Event, HtmlCanvasElement, KeyboardEvent};

use crate::data::DATASET;
use crate::hit::{anchor_of, step, Anchor, Step};
use crate::layout::Rect;

use super::app::State;
use super::listener::Listener;
use super::texts::tooltip_text;

/// The id of the live region, so a second mount on the page reuses it.
const LIVE_ID: &str = "article-charts-live";

/// The class of a live region, which hides it from sight.
const LIVE_CLASS: &str = "sr-only article-charts-live";

/// The live region for the charts that `canvas` belongs to, created on
/// first use. An embed's region goes inside the embed's own root: there
/// `.sr-only` is defined (in a script embed's shadow root, the host page's
/// body knows no such class and would show every announcement as text), and
/// it leaves with the chart. The dashboard's is the page's one region.
fn live_region(document: &Document, canvas: &HtmlCanvasElement) -> Result<Element, JsValue> {
    if let Some(root) = canvas.closest(".article-charts-embed")? {
        if let Some(live) = root.query_selector(":scope > .article-charts-live")? {
            return Ok(live);
        }
        let live = new_region(document)?;
        root.append_child(&live)?;
        return Ok(live);
    }
    page_live_region(document)
}

/// The page's one live region (the dashboard's), created on first use; the
/// embed panel's copy buttons speak through it too (`copy`).
pub(super) fn page_live_region(document: &Document) -> Result<Element, JsValue> {
    if let Some(live) = document.get_element_by_id(LIVE_ID) {
        return Ok(live);
    }
    let live = new_region(document)?;
    live.set_id(LIVE_ID);
    document.body().ok_or("no body")?.append_child(&live)?;
    Ok(live)
}

fn new_region(document: &Document) -> Result<Element, JsValue> {
    let live = document.create_element("div")?;
    live.set_class_name(LIVE_CLASS);
    live.set_attribute("aria-live", "polite")?;
    live.set_attribute("aria-atomic", "true")?;
    Ok(live)
}

/// An item's box in viewport px, after scrolling the page just enough to
/// bring it into view (the canvas may be taller than the window).
fn reveal(canvas: &HtmlCanvasElement, hit: Rect) -> Rect {
    const MARGIN: f64 = 16.0;
    let rect = canvas.get_bounding_client_rect();
    let (top, bottom) = (rect.top() + hit.y, rect.top() + hit.y + hit.h);
    let window = web_sys::window();
    let vh = window
        .as_ref()
        .and_then(|w| w.inner_height().ok())
        .and_then(|v| v.as_f64())
        .unwrap_or(bottom);
    let dy = if top < MARGIN {
        top - MARGIN
    } else if bottom > vh - MARGIN {
        (bottom - vh + MARGIN).min(top - MARGIN)
    } else {
        0.0
    };
    if dy != 0.0 {
        if let Some(w) = &window {
            w.scroll_by_with_x_and_y(0.0, dy);
        }
    }
    let rect = canvas.get_bounding_client_rect();
    Rect {
        x: rect.left() + hit.x,
        y: rect.top() + hit.y,
        ..hit
    }
}

/// Listens for keys on every chart's canvas and for Escape anywhere.
pub(super) fn listen(
    state: &Rc<RefCell<State>>,
    document: &Document,
) -> Result<Vec<Listener>, JsValue> {
    let mut listeners = Vec::new();
    let canvases = state.borrow().canvases();
    for (v, canvas) in canvases.into_iter().enumerate() {
        let st = Rc::clone(state);
        let said = live_region(document, &canvas)?;
        let c = canvas.clone();
        listeners.push(Listener::new(&canvas, "keydown", move |e: Event| {
            let Some(key) = e.dyn_ref::<KeyboardEvent>() else {
                return;
            };
            if key.alt_key() || key.ctrl_key() || key.meta_key() {
                return;
            }
            if key.key() == "Escape" {
                st.borrow_mut().point(None, (0.0, 0.0));
                return;
            }
            let Some(mv) = Step::from_key(&key.key()) else {
                return;
            };
            // The page must not scroll as well.
            e.prevent_default();
            let mut s = st.borrow_mut();
            let locale = s.locale;
            let Some(view) = s.views.get(v) else {
                return;
            };
            let Some(item) = step(view.scene.items.len(), view.active, mv) else {
                return;
            };
            let Some(placed) = view.scene.items.get(item).copied() else {
                return;
            };
            let shown = reveal(&c, placed.hit);
            // Beside the item's box, centred on its marks (see `Anchor`).
            let origin = (shown.x - placed.hit.x, shown.y - placed.hit.y);
            let anchor = anchor_of(&view.scene, item, origin).unwrap_or(Anchor {
                item: shown,
                along: None,
            });
            s.point_at(Some((v, item)), anchor);
            if let Some(ind) = DATASET.indicators.get(usize::from(placed.indicator)) {
                said.set_text_content(Some(&tooltip_text(&c, ind, locale).announcement(locale)));
            }
        })?);
        // Leaving a chart with the keyboard takes its tooltip along; a
        // tooltip another chart has shown meanwhile is left alone.
        let st = Rc::clone(state);
        listeners.push(Listener::new(&canvas, "blur", move |_| {
            let mut s = st.borrow_mut();
            if s.views.get(v).is_some_and(|view| view.active.is_some()) {
                s.point(None, (0.0, 0.0));
            }
        })?);
    }
    // Escape dismisses a hovered or tapped tooltip too (WCAG 1.4.13).
    let st = Rc::clone(state);
    listeners.push(Listener::new(document, "keydown", move |e: Event| {
        if e.dyn_ref::<KeyboardEvent>()
            .is_some_and(|k| k.key() == "Escape")
        {
            st.borrow_mut().point(None, (0.0, 0.0));
        }
    })?);
    Ok(listeners)
}
