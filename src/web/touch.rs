//! The pointer: hover with a mouse or pen; with a finger, a tap pins an
//! item's tooltip, a tap on the same item or anywhere else dismisses it, and
//! a drag scrubs across items. A tap never leaves a hover behind: lifting a
//! finger is not "leaving" the chart, and only mouse pointers hover.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Event, PointerEvent};

use crate::hit::hit;

use super::app::State;
use super::listener::Listener;

/// How far (CSS px) a finger may move and still count as a tap.
const TAP_SLOP: f64 = 8.0;

/// A finger on a chart.
#[derive(Clone, Copy)]
struct Touch {
    /// The pointer's id, so a second finger does not confuse the first.
    id: i32,
    /// Where it went down, in viewport px.
    start: (f64, f64),
    /// Whether the item under it was already pinned: lifting the finger
    /// without moving then dismisses it.
    was_pinned: bool,
    /// Whether it moved further than a tap.
    dragged: bool,
}

/// Listens for pointers on every chart's canvas and for taps elsewhere.
pub(super) fn listen(
    state: &Rc<RefCell<State>>,
    document: &Document,
) -> Result<Vec<Listener>, JsValue> {
    let touch: Rc<RefCell<Option<Touch>>> = Rc::new(RefCell::new(None));
    let mut listeners = Vec::new();
    let canvases = state.borrow().canvases();
    for (v, canvas) in canvases.into_iter().enumerate() {
        // The item under a pointer event, and where the event was.
        let under = {
            let c = canvas.clone();
            let st = Rc::clone(state);
            move |e: &PointerEvent| {
                let rect = c.get_bounding_client_rect();
                let (cx, cy) = (f64::from(e.client_x()), f64::from(e.client_y()));
                let item = st
                    .borrow()
                    .views
                    .get(v)
                    .and_then(|view| hit(&view.scene, cx - rect.left(), cy - rect.top()));
                (item, (cx, cy), (rect.left(), rect.top()))
            }
        };

        let (st, t, at) = (Rc::clone(state), Rc::clone(&touch), under.clone());
        listeners.push(Listener::new(&canvas, "pointerdown", move |e: Event| {
            let Some(e) = e.dyn_ref::<PointerEvent>() else {
                return;
            };
            let (item, client, origin) = at(e);
            let mut s = st.borrow_mut();
            if e.pointer_type() == "touch" {
                let active = s.views.get(v).and_then(|view| view.active);
                let was_pinned = item.is_some() && item == active;
                *t.borrow_mut() = Some(Touch {
                    id: e.pointer_id(),
                    start: client,
                    was_pinned,
                    dragged: false,
                });
                if was_pinned {
                    // Decided when the finger lifts: a tap dismisses, a drag scrubs.
                    return;
                }
            }
            s.point_item(item.map(|i| (v, i)), client, origin);
        })?);

        let (st, t, at) = (Rc::clone(state), Rc::clone(&touch), under.clone());
        listeners.push(Listener::new(&canvas, "pointermove", move |e: Event| {
            let Some(e) = e.dyn_ref::<PointerEvent>() else {
                return;
            };
            let (item, client, origin) = at(e);
            if e.pointer_type() == "touch" {
                let mut t = t.borrow_mut();
                let Some(touch) = t.as_mut().filter(|t| t.id == e.pointer_id()) else {
                    return;
                };
                let (dx, dy) = (client.0 - touch.start.0, client.1 - touch.start.1);
                touch.dragged |= dx.hypot(dy) > TAP_SLOP;
                if !touch.dragged {
                    return;
                }
            }
            st.borrow_mut()
                .point_item(item.map(|i| (v, i)), client, origin);
        })?);

        let (st, t) = (Rc::clone(state), Rc::clone(&touch));
        listeners.push(Listener::new(&canvas, "pointerup", move |e: Event| {
            let Some(e) = e.dyn_ref::<PointerEvent>() else {
                return;
            };
            let ended = t.borrow_mut().take_if(|t| t.id == e.pointer_id());
            if ended.is_some_and(|t| t.was_pinned && !t.dragged) {
                st.borrow_mut().point(None, (0.0, 0.0));
            }
        })?);

        // The browser takes a finger over to scroll the page: the item is
        // moving away from its tooltip, so the tooltip goes.
        let (st, t) = (Rc::clone(state), Rc::clone(&touch));
        listeners.push(Listener::new(&canvas, "pointercancel", move |e: Event| {
            let Some(e) = e.dyn_ref::<PointerEvent>() else {
                return;
            };
            if t.borrow_mut().take_if(|t| t.id == e.pointer_id()).is_some() {
                st.borrow_mut().point(None, (0.0, 0.0));
            }
        })?);

        let st = Rc::clone(state);
        listeners.push(Listener::new(&canvas, "pointerleave", move |e: Event| {
            // A finger lifting off the screen also "leaves"; a tapped tooltip
            // stays pinned until the reader taps again.
            if e.dyn_ref::<PointerEvent>()
                .is_some_and(|p| p.pointer_type() == "touch")
            {
                return;
            }
            st.borrow_mut().point(None, (0.0, 0.0));
        })?);
    }
    // A tap or click outside every chart dismisses a pinned tooltip.
    let st = Rc::clone(state);
    // A tap inside the tooltip (on its "source" toggle) is not "elsewhere".
    listeners.push(Listener::new(document, "pointerdown", move |e: Event| {
        if !super::table::on_chart(&e) && !super::tooltip::in_tooltip(&e) {
            st.borrow_mut().point(None, (0.0, 0.0));
        }
    })?);
    Ok(listeners)
}
