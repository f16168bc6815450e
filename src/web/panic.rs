//! What the page does if Rust ever panics: no dead canvas, no flood of
//! console errors.
//!
//! The release build aborts on panic (`panic = "abort"`), which in
//! WebAssembly traps out of the current call and leaves the module's state as
//! it was at that moment — a `RefCell` may stay borrowed for ever. So the
//! hook installed here, on the first panic only, reports it once with
//! `console.error`, puts a short message in the place of every mounted chart
//! and shows each chart's data table (the figures stay readable), and sets a
//! flag. From then on every listener returns at once instead of calling into
//! that state (see `Listener::new` and [`guarded`]), so later events add no
//! errors. Everything is set as text, never as HTML.

use std::cell::RefCell;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Once;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;

use crate::locale::Locale;

/// Set by the first panic; never cleared while the page lives.
static PANICKED: AtomicBool = AtomicBool::new(false);

thread_local! {
    /// The root of every mounted dashboard or embed and its language, for
    /// the hook to find the charts without touching their (maybe borrowed)
    /// state.
    static MOUNTED: RefCell<Vec<(Element, Locale)>> = const { RefCell::new(Vec::new()) };
}

/// Whether a panic has happened: listeners then do nothing.
pub(super) fn panicked() -> bool {
    PANICKED.load(Ordering::Relaxed)
}

/// Installs the panic hook, once per module instance.
pub(super) fn install() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| std::panic::set_hook(Box::new(on_panic)));
}

/// A callback for a `ResizeObserver` that does nothing after a panic.
pub(super) fn guarded(mut f: impl FnMut() + 'static) -> Closure<dyn FnMut()> {
    Closure::<dyn FnMut()>::new(move || {
        if !panicked() {
            f();
        }
    })
}

/// A mounted dashboard or embed, known to the panic hook while it lives.
pub(super) struct Mounted(Element);

impl Mounted {
    pub(super) fn new(root: &Element, locale: Locale) -> Self {
        MOUNTED.with(|m| {
            if let Ok(mut m) = m.try_borrow_mut() {
                m.push((root.clone(), locale));
            }
        });
        Mounted(root.clone())
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        let _ = MOUNTED.try_with(|m| {
            if let Ok(mut m) = m.try_borrow_mut() {
                if let Some(i) = m.iter().position(|(root, _)| *root == self.0) {
                    m.swap_remove(i);
                }
            }
        });
    }
}

/// The message shown in a chart's place.
fn message(locale: Locale) -> &'static str {
    locale.strings().chart_failed
}

fn on_panic(info: &std::panic::PanicHookInfo<'_>) {
    if PANICKED.swap(true, Ordering::SeqCst) {
        return;
    }
    web_sys::console::error_1(&format!("article-charts stopped: {info}").into());
    hush_the_trap();
    let mounted = MOUNTED
        .try_with(|m| m.try_borrow().map(|m| m.clone()).unwrap_or_default())
        .unwrap_or_default();
    for (root, locale) in mounted {
        let _ = replace_charts(&root, locale);
    }
}

/// Marks the trap that follows this panic as handled. A panic aborts, which
/// traps out of the call into the module; when that call came from an event
/// listener, the browser reports the trap ("RuntimeError: unreachable") as an
/// uncaught error besides our own report. One report is enough, so the next
/// error event of the window, if it is that trap, is cancelled, which keeps
/// it off the console. The listener fires once: a host page's own errors
/// after it are untouched.
fn hush_the_trap() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let hush = Closure::<dyn FnMut(web_sys::ErrorEvent)>::new(|e: web_sys::ErrorEvent| {
        if e.error()
            .is_instance_of::<js_sys::WebAssembly::RuntimeError>()
        {
            e.prevent_default();
        }
    });
    let options = web_sys::AddEventListenerOptions::new();
    options.set_once(true);
    let _ = window.add_event_listener_with_callback_and_add_event_listener_options(
        "error",
        hush.as_ref().unchecked_ref(),
        &options,
    );
    // The closure must outlive this call; after a panic the module is done,
    // so the few bytes are never wanted back.
    hush.forget();
}

/// Every element under `root` that matches `selector`.
fn all(root: &Element, selector: &str) -> Vec<Element> {
    let Ok(list) = root.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .collect()
}

/// Puts the message in the place of each chart's canvas under `root`, shows
/// its data table (whose button no longer works) and hides the tooltip.
fn replace_charts(root: &Element, locale: Locale) -> Result<(), JsValue> {
    let document = root.owner_document().ok_or("no document")?;
    for wrap in all(root, ".plot-wrap") {
        let p = document.create_element("p")?;
        p.set_class_name("chart-failed");
        p.set_text_content(Some(message(locale)));
        wrap.set_text_content(None);
        wrap.append_child(&p)?;
    }
    for table in all(root, ".data-table-wrap") {
        table.class_list().remove_1("sr-only")?;
    }
    for button in all(root, ".data-toggle") {
        button.set_attribute("hidden", "")?;
    }
    // The dashboard's tooltip hangs off <body>, an embed's off its root.
    let tooltips = all(root, "[role=tooltip]")
        .into_iter()
        .chain(document.get_element_by_id("article-charts-tooltip"));
    for tooltip in tooltips {
        tooltip.set_attribute("hidden", "")?;
    }
    Ok(())
}

/// Panics, while holding the state of `app` borrowed as a panic in the
/// middle of a redraw would; for the browser test of this module only.
///
/// The code is written not to panic on any input (options and hit-testing
/// are property-tested), so a test has no other way to cause one. Calling it
/// breaks only the page that calls it, which could break itself anyway.
#[cfg(feature = "test-hooks")]
pub(super) fn panic_for_tests<T>(state: Option<&RefCell<T>>) {
    let _held = state.map(RefCell::borrow_mut);
    panic!("panic requested by a test (__panic_for_tests)");
}
