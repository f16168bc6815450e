//! One chart's `<figure>`: title, subtitle, canvas, notes, source line and,
//! on the dashboard, its row of data, download and embed controls.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlCanvasElement, HtmlElement};

use crate::data::DATASET;
use crate::download::chart_csv;
use crate::embed_code;
use crate::locale::Locale;

use super::dom::{el, link, text_el};

/// A chart's elements, as built.
pub(super) struct Placed {
    pub chart: usize,
    pub canvas: HtmlCanvasElement,
    pub wrap: HtmlElement,
}

/// What a chart's figure carries besides the chart.
#[derive(Clone, Copy)]
pub(super) struct Chrome {
    /// Chart only: no title, notes or source (`plain=1` of embeds).
    pub plain: bool,
    /// The dashboard's embed code and downloads.
    pub tools: bool,
    /// The title's element: `h3` under the dashboard's sections, `h1` on a
    /// chart's own page.
    pub heading: &'static str,
}

/// Builds one chart's `<figure>`: title, canvas, notes and source line, and
/// on the dashboard the embed code and downloads.
pub(super) fn build_chart(
    document: &Document,
    index: usize,
    locale: Locale,
    chrome: Chrome,
) -> Result<(Element, Placed), JsValue> {
    let chart = DATASET
        .charts
        .get(index)
        .ok_or("chart index out of range")?;
    let figure = el(document, "figure", "chart")?;
    figure.set_attribute("data-chart", &chart.id)?;
    figure.set_attribute("data-kind", chart.kind.name())?;
    let wrap: HtmlElement = el(document, "div", "plot-wrap")?.dyn_into()?;
    let canvas: HtmlCanvasElement = el(document, "canvas", "plot")?.dyn_into()?;
    // A plain chart keeps its title for assistive technology only: the host
    // page shows its own.
    let title_id = format!("chart-title-{}", chart.id);
    let class = if chrome.plain {
        "chart-title sr-only"
    } else {
        "chart-title"
    };
    let title = text_el(document, chrome.heading, class, locale.pick(&chart.title))?;
    title.set_id(&title_id);
    figure.append_child(&title)?;
    let parts = crate::frame::caption_parts(&DATASET, chart, locale);
    canvas.set_attribute("aria-labelledby", &title_id)?;
    if let Some(subtitle) = &parts.subtitle {
        // Visible under the title and read in browse mode; the canvas keeps
        // the title alone as its name, short enough to hear on each visit.
        let class = if chrome.plain {
            "chart-subtitle sr-only"
        } else {
            "chart-subtitle"
        };
        figure.append_child(&*text_el(document, "p", class, subtitle)?)?;
    }
    wrap.append_child(&canvas)?;
    figure.append_child(&wrap)?;
    super::table::describe(document, &figure, &canvas, index, locale)?;
    let placed = Placed {
        chart: index,
        canvas,
        wrap,
    };
    if chrome.plain {
        return Ok((figure, placed));
    }

    // Notes under the chart, then one quiet row: the source, the data
    // table's button, and one menu for downloads and embed codes — not four
    // stacked controls.
    let caption = el(document, "figcaption", "")?;
    for note in &parts.notes {
        caption.append_child(&*text_el(document, "p", "note", note)?)?;
    }
    let row = el(document, "div", "chart-actions")?;
    row.append_child(&*text_el(document, "p", "source", &parts.source)?)?;
    // The button and its table stay together, as `table::listen` finds the
    // table next to the button; they move from under the chart into the row.
    if let Some(data) = figure.query_selector(".chart-data")? {
        row.append_child(&data)?;
    }
    if chrome.tools {
        row.append_child(&*tools(document, chart, index, locale)?)?;
    }
    caption.append_child(&row)?;
    figure.append_child(&caption)?;
    Ok((figure, placed))
}

/// The embed code and downloads under a dashboard chart. The embed code sits
/// in a native `<details>` disclosure, so it needs no script to open.
fn tools(
    document: &Document,
    chart: &danba_dataset::Chart,
    _index: usize,
    locale: Locale,
) -> Result<Element, JsValue> {
    let s = locale.strings();
    // One native disclosure: it opens without script, and a reader who
    // wants neither download nor embed sees one short word, not a toolbar.
    let tools = el(document, "details", "chart-tools")?;
    tools.append_child(&*text_el(document, "summary", "", s.menu)?)?;
    let panel = el(document, "div", "menu-panel")?;
    let downloads = el(document, "p", "downloads")?;
    downloads.append_child(&*text_el(document, "span", "tools-label", s.download)?)?;
    let png = text_el(document, "button", "download", "PNG")?;
    png.set_attribute("type", "button")?;
    png.set_attribute("data-png", &chart.id)?;
    png.set_attribute("aria-label", &format!("{} PNG", s.download))?;
    downloads.append_child(&png)?;
    // A byte-order mark makes spreadsheet programs read the file as UTF-8.
    let csv_text = format!("\u{feff}{}", chart_csv(&DATASET, chart));
    let href = format!(
        "data:text/csv;charset=utf-8,{}",
        String::from(js_sys::encode_uri_component(&csv_text))
    );
    let csv = link(document, &href, "CSV")?;
    csv.set_attribute("download", &format!("{}.csv", chart.id))?;
    csv.set_attribute("class", "download")?;
    csv.set_attribute("aria-label", &format!("{} CSV", s.download))?;
    downloads.append_child(&csv)?;
    // The SVG is drawn at build time by the same Rust drawing code, natively
    // (dist/static/); it exists in Simplified Chinese and English, so the
    // Traditional Chinese page offers the Simplified one.
    let stem = embed_code::stem(&chart.id, locale);
    let svg = link(document, &format!("static/{stem}.svg"), "SVG")?;
    svg.set_attribute("download", &format!("{stem}.svg"))?;
    svg.set_attribute("class", "download")?;
    svg.set_attribute("aria-label", &format!("{} SVG", s.download))?;
    downloads.append_child(&svg)?;
    panel.append_child(&downloads)?;

    let details = el(document, "div", "embed")?;
    details.append_child(&*text_el(document, "p", "tools-label", s.embed)?)?;
    // The panel is the prerendered page's (`markup::panel`); until every
    // page is prerendered, it is put in from the same markup.
    let holder = el(document, "div", "")?;
    set_markup(
        &holder,
        &crate::markup::panel::embed_panel(&DATASET, chart, locale, None),
    )?;
    details.append_child(&holder)?;
    let url = embed_code::embed_url("", &chart.id, locale);
    let open = link(document, &url, s.open_chart)?;
    open.set_attribute("target", "_blank")?;
    open.set_attribute("rel", "noopener")?;
    details.append_child(&open)?;
    details.append_with_str_1(" · ")?;
    // One file with everything inlined, for a CMS that takes uploads only.
    let copy = link(
        document,
        &format!("standalone/{stem}.html"),
        s.standalone_copy,
    )?;
    copy.set_attribute("download", &format!("{stem}.html"))?;
    details.append_child(&copy)?;
    panel.append_child(&details)?;
    tools.append_child(&panel)?;
    Ok(tools)
}

thread_local! {
    /// The Trusted Types policy that lets the page's own markup in.
    static POLICY: Option<js_sys::Function> = policy();
}

/// The `createHTML` of a Trusted Types policy that passes the page's own
/// markup (written by `markup`, which escapes every text it quotes), where
/// the browser enforces Trusted Types.
fn policy() -> Option<js_sys::Function> {
    let window = web_sys::window()?;
    let types = js_sys::Reflect::get(&window, &JsValue::from_str("trustedTypes")).ok()?;
    if types.is_undefined() {
        return None;
    }
    let create = Closure::<dyn Fn(String) -> String>::new(|s: String| s);
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &JsValue::from_str("createHTML"), create.as_ref()).ok()?;
    // The policy lives as long as the page.
    create.forget();
    let make: js_sys::Function = js_sys::Reflect::get(&types, &JsValue::from_str("createPolicy"))
        .ok()?
        .dyn_into()
        .ok()?;
    let policy = make
        .call2(&types, &JsValue::from_str("danba-markup"), &options)
        .ok()?;
    let html: js_sys::Function = js_sys::Reflect::get(&policy, &JsValue::from_str("createHTML"))
        .ok()?
        .dyn_into()
        .ok()?;
    Some(html.bind0(&policy))
}

/// Puts the page's own markup into `element`.
fn set_markup(element: &Element, html: &str) -> Result<(), JsValue> {
    let value = POLICY.with(|p| match p {
        Some(create) => create.call1(&JsValue::NULL, &JsValue::from_str(html)),
        None => Ok(JsValue::from_str(html)),
    })?;
    js_sys::Reflect::set(element, &JsValue::from_str("innerHTML"), &value)?;
    Ok(())
}
