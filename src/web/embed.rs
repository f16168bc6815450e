//! One chart for an embed — the iframe page, which reports its height to
//! the parent page, or a script embed's shadow root.

use wasm_bindgen::prelude::*;
use web_sys::{Element, HtmlElement, UrlSearchParams};

use crate::data::DATASET;
use crate::options::Options;

use crate::theme::Theme;

use super::app::{ready, start, App, Colours, Finish};
use super::{dom, figure, resize};

/// Hydrates the prerendered chart inside `root` for an embed. Options come from `query`
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
    // An embed page carries its chart prerendered, and a script embed puts
    // that page's figure into its element before it calls this.
    let prerendered = root.query_selector("figure.chart[data-chart]")?.is_some();
    root.class_list().add_1("article-charts-embed")?;
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
            let page = if in_frame && resize::parent_of(&window).is_none() {
                document
                    .document_element()
                    .and_then(|html| html.dyn_into::<HtmlElement>().ok())
            } else {
                None
            };
            start(
                &window,
                &document,
                placed,
                locale,
                options.theme,
                root,
                Colours {
                    on: root.clone(),
                    in_sheet: false,
                    page,
                },
            )?
        }
        // A known chart without its prerendered figure: the script embed
        // fetches that figure before it calls this, so the page it came
        // from is missing or broken, and the caller shows its fallback.
        Some(_) => {
            return Err(JsValue::from_str(
                "the chart's prerendered figure is missing",
            ))
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
        let html = document.document_element().ok_or("no <html>")?;
        let hash = window.location().hash().unwrap_or_default();
        if let Some(reports) = resize::start(&window, &html, &chart_id, query, &hash)? {
            app.observers.push(reports.observer);
            app._callbacks.push(reports.callback);
            app._listeners.push(reports.listener);
        }
    }
    if options.chart.is_some() {
        ready(&window, &ready_on, &app.finish)?;
    }
    Ok(app)
}
