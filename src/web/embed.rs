//! One chart for an embed — the iframe page, which reports its height to
//! the parent page, or a script embed's shadow root.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, UrlSearchParams, Window};

use crate::data::DATASET;
use crate::options::Options;

use web_sys::ResizeObserver;

use crate::theme::Theme;

use super::app::{ready, start, App, Finish};
use super::panic;
use super::{dom, figure};

/// Builds one chart inside `root` for an embed. Options come from `query`
/// (a URL query string: `chart`, `lang`, `theme`, `plain`), overridden by
/// `data-chart`, `data-lang`, `data-theme` and `data-plain` attributes of
/// `root`. A bad option shows a message listing the valid values; an
/// unknown chart shows only that message. `in_frame` is true for the iframe
/// page, which then reports its height to the parent page.
#[wasm_bindgen]
pub fn mount_chart(root: &HtmlElement, query: &str, in_frame: bool) -> Result<App, JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let params = UrlSearchParams::new_with_str(query)?;
    let mut values: Vec<(&str, String)> = Vec::new();
    for key in ["chart", "lang", "theme", "plain"] {
        let value = root
            .get_attribute(&format!("data-{key}"))
            .or_else(|| params.get(key));
        if let Some(value) = value {
            values.push((key, value));
        }
    }
    let (options, problems) =
        Options::from_pairs(&DATASET, values.iter().map(|(k, v)| (*k, v.as_str())));
    let locale = options.locale;
    // An embed page carries its chart prerendered; a script embed's element
    // (until it fetches that page) is empty and gets the chart built whole.
    let prerendered = root.query_selector("figure.chart[data-chart]")?.is_some();
    if !prerendered {
        root.set_text_content(None);
    }
    root.class_list().add_1("danba-embed")?;
    root.set_attribute("lang", locale.tag())?;
    let ready_on: Element = if in_frame {
        document.document_element().ok_or("no <html>")?
    } else {
        root.clone().into()
    };
    if in_frame {
        ready_on.set_attribute("lang", locale.tag())?;
    }
    for problem in &problems {
        dom::problem(
            &document,
            root,
            &problem.message(&DATASET, locale),
            problem.is_fatal(),
        )?;
    }
    let mut app = match options.chart {
        Some(_) if prerendered => {
            if options.plain {
                // Chart only: the title and notes stay for assistive
                // technology, the host page shows its own.
                let figures = root.query_selector_all("figure.chart")?;
                for i in 0..figures.length() {
                    if let Some(f) = figures.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                        f.class_list().add_1("plain")?;
                    }
                }
            }
            let placed = figure::find(root)?;
            start(
                &window,
                &document,
                placed,
                locale,
                options.theme,
                root,
                root.clone(),
            )?
        }
        Some(index) => {
            let (figure, placed) = figure::build_chart(
                &document,
                index,
                locale,
                figure::Chrome {
                    plain: options.plain,
                    heading: if in_frame { "h1" } else { "h3" },
                },
            )?;
            root.append_child(&figure)?;
            start(
                &window,
                &document,
                vec![placed],
                locale,
                options.theme,
                root,
                root.clone(),
            )?
        }
        None => {
            let app = App {
                state: None,
                _listeners: Vec::new(),
                observers: Vec::new(),
                _callbacks: Vec::new(),
                seen: None,
                _mounted: None,
                finish: Finish::default(),
            };
            dom::set_theme_colours(root, &Theme::LIGHT);
            ready_on.set_attribute("data-ready", "error")?;
            app
        }
    };
    if in_frame {
        let chart_id = options
            .chart
            .and_then(|i| DATASET.charts.get(i))
            .map_or_else(|| "unknown".to_owned(), |c| c.id.to_string());
        let child_id = params.get("childId").filter(|id| {
            !id.is_empty()
                && id.len() <= 64
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        });
        let html = document.document_element().ok_or("no <html>")?;
        let win = window.clone();
        let measured = html.clone();
        let report =
            panic::guarded(move || post_height(&win, &measured, &chart_id, child_id.as_deref()));
        // The observer fires once at once and then on every change of the
        // page's height: no polling.
        let observer = ResizeObserver::new(report.as_ref().unchecked_ref())?;
        observer.observe(&html);
        app.observers.push(observer);
        app._callbacks.push(report);
    }
    if options.chart.is_some() {
        ready(&window, root, locale, &ready_on, &app.finish)?;
    }
    Ok(app)
}

/// Tells the parent page the embed's height in the formats parent pages
/// already listen for: pym.js's message, Datawrapper's and AMP's.
pub(super) fn post_height(window: &Window, html: &Element, chart_id: &str, child_id: Option<&str>) {
    let Ok(Some(parent)) = window.parent() else {
        return;
    };
    if js_sys::Object::is(&parent, window) {
        return;
    }
    let height = html.get_bounding_client_rect().height().ceil();
    if let Some(id) = child_id {
        let _ = parent.post_message(
            &JsValue::from_str(&format!("pymxPYMx{id}xPYMxheightxPYMx{height}")),
            "*",
        );
    }
    let inner = js_sys::Object::new();
    let outer = js_sys::Object::new();
    let amp = js_sys::Object::new();
    let set = |o: &js_sys::Object, k: &str, v: &JsValue| {
        js_sys::Reflect::set(o, &JsValue::from_str(k), v).is_ok()
    };
    if set(&inner, chart_id, &JsValue::from_f64(height))
        && set(&outer, "datawrapper-height", &inner)
    {
        let _ = parent.post_message(&outer, "*");
    }
    if set(&amp, "sentinel", &JsValue::from_str("amp"))
        && set(&amp, "type", &JsValue::from_str("embed-size"))
        && set(&amp, "height", &JsValue::from_f64(height))
    {
        let _ = parent.post_message(&amp, "*");
    }
}
