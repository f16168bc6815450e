//! The iframe page's half of resizing: it tells the parent page its height
//! in every format parent pages listen for — pym.js, Datawrapper's (which
//! `embed-resize.js` reads), AMP's `embed-size` and WordPress's `height`
//! message — at once, on every change of its height, and whenever the
//! parent asks. A parent whose script arrives late (an async tag, a tag
//! manager, a single-page app's route change) asks: `embed-resize.js` says
//! hello, pym.js sends the frame's width, WordPress says it is ready. No
//! polling: a `ResizeObserver` and one `message` listener.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, MessageEvent, ResizeObserver, Window};

use crate::decimal::Decimal;

use super::listener::Listener;
use super::panic;

/// The hello of `embed-resize.js`: `{ "article-charts": "hello" }`.
const HELLO_KEY: &str = "article-charts";

/// What keeps the reports going; dropping it stops them.
pub(super) struct Reports {
    pub(super) observer: ResizeObserver,
    pub(super) callback: Closure<dyn FnMut()>,
    pub(super) listener: Listener,
}

/// Who the page reports to: the names each format wants.
#[derive(Clone)]
struct Names {
    /// The chart's id, Datawrapper's key.
    chart: String,
    /// pym.js's id of the frame (`childId=` of the page's address).
    child: Option<String>,
    /// WordPress's secret (`#?secret=` of the page's address).
    secret: Option<String>,
}

/// Starts reporting the height of `html` to the parent page, if there is
/// one. `query` and `hash` are the page's `location.search` and
/// `location.hash`.
pub(super) fn start(
    window: &Window,
    html: &Element,
    chart: &str,
    query: &str,
    hash: &str,
) -> Result<Option<Reports>, JsValue> {
    let Some(parent) = parent_of(window) else {
        return Ok(None);
    };
    let params = web_sys::UrlSearchParams::new_with_str(query)?;
    let names = Names {
        chart: chart.to_owned(),
        child: params.get("childId").filter(|id| plain(id)),
        secret: secret_of(hash),
    };
    // The page is sized by its parent from here on; `embed.css` then lets
    // it never scroll inside its frame.
    html.class_list().add_1("framed")?;
    // Told once now, without waiting for the observer: a frame the parent
    // keeps hidden until it hears from us (WordPress clips it) is not
    // rendered, so its observer would not fire until it is shown.
    post(window, html, &names);
    let (win, measured, to) = (window.clone(), html.clone(), names.clone());
    let callback = panic::guarded(move || post(&win, &measured, &to));
    // The observer fires once at once and then on every change of the
    // page's height.
    let observer = ResizeObserver::new(callback.as_ref().unchecked_ref())?;
    observer.observe(html);
    let (win, measured) = (window.clone(), html.clone());
    let listener = Listener::new(window, "message", move |e: Event| {
        let Some(e) = e.dyn_ref::<MessageEvent>() else {
            return;
        };
        // Only the parent may ask; anyone may be told, as the height is
        // no secret (and the parent's origin is not known).
        let from_parent = e
            .source()
            .is_some_and(|s| js_sys::Object::is(&s, parent.as_ref()));
        if from_parent && asks_for_height(&e.data(), &names) {
            post(&win, &measured, &names);
        }
    })?;
    Ok(Some(Reports {
        observer,
        callback,
        listener,
    }))
}

/// The parent window, if the page is framed.
pub(super) fn parent_of(window: &Window) -> Option<Window> {
    let parent = window.parent().ok().flatten()?;
    (!js_sys::Object::is(&parent, window)).then_some(parent)
}

/// Whether an id may be passed on: plain letters, digits, `-` and `_`.
fn plain(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// WordPress's secret from the page's hash, `#?secret=abc` (WordPress
/// adds it to the address of every embed it frames).
fn secret_of(hash: &str) -> Option<String> {
    let query = hash.trim_start_matches('#').trim_start_matches('?');
    web_sys::UrlSearchParams::new_with_str(query)
        .ok()?
        .get("secret")
        .filter(|s| plain(s))
}

/// Whether a message from the parent asks for the height: the hello of
/// `embed-resize.js`, pym.js's width message for this frame, or
/// WordPress's `ready`.
fn asks_for_height(data: &JsValue, names: &Names) -> bool {
    if let Some(text) = data.as_string() {
        // pym.js: `pymxPYMx{id}xPYMxwidthxPYMx{width}`.
        return names.child.as_deref().is_some_and(|id| {
            text.strip_prefix("pymxPYMx")
                .and_then(|rest| rest.strip_prefix(id))
                .is_some_and(|rest| rest.starts_with("xPYMxwidthxPYMx"))
        });
    }
    if !data.is_object() {
        return false;
    }
    let get = |key: &str| js_sys::Reflect::get(data, &JsValue::from_str(key)).ok();
    if get(HELLO_KEY).and_then(|v| v.as_string()).as_deref() == Some("hello") {
        return true;
    }
    get("message").and_then(|v| v.as_string()).as_deref() == Some("ready")
        && names.secret.is_some()
        && get("secret").and_then(|v| v.as_string()) == names.secret
}

/// Tells the parent page the height of `html`, in every format.
fn post(window: &Window, html: &Element, names: &Names) {
    let Some(parent) = parent_of(window) else {
        return;
    };
    let height = html.get_bounding_client_rect().height().ceil();
    let send = |message: &JsValue| {
        let _ = parent.post_message(message, "*");
    };
    if let Some(id) = &names.child {
        send(&JsValue::from_str(&format!(
            "pymxPYMx{id}xPYMxheightxPYMx{}",
            Decimal(height, 0)
        )));
    }
    let object = |pairs: &[(&str, JsValue)]| {
        let o = js_sys::Object::new();
        for (k, v) in pairs {
            let _ = js_sys::Reflect::set(&o, &JsValue::from_str(k), v);
        }
        JsValue::from(o)
    };
    let value = JsValue::from_f64(height);
    send(&object(&[(
        "datawrapper-height",
        object(&[(names.chart.as_str(), value.clone())]),
    )]));
    send(&object(&[
        ("sentinel", JsValue::from_str("amp")),
        ("type", JsValue::from_str("embed-size")),
        ("height", value.clone()),
    ]));
    if let Some(secret) = &names.secret {
        send(&object(&[
            ("message", JsValue::from_str("height")),
            ("value", value),
            ("secret", JsValue::from_str(secret)),
        ]));
    }
}
