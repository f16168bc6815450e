//! Building the page's elements. Every string reaches the DOM as text
//! (`textContent`, attributes), never as HTML, so nothing in the data or the
//! URL can inject markup.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlCanvasElement, HtmlElement, Window};

use crate::data::{Indicator, DATASET};
use crate::download::chart_csv;
use crate::embed_code;
use crate::hit::place_tooltip;
use crate::layout::Rect;
use crate::summary::tooltip_text;
use crate::locale::Locale;
use crate::theme::{Theme, CSS_COLOURS};


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

/// The `lang=` of the page URL, or Simplified Chinese.
pub(super) fn locale_from_url(window: &Window) -> Locale {
    let search = window.location().search().unwrap_or_default();
    web_sys::UrlSearchParams::new_with_str(&search)
        .ok()
        .and_then(|p| p.get("lang"))
        .and_then(|tag| Locale::from_tag(&tag))
        .unwrap_or(Locale::DEFAULT)
}

fn el(document: &Document, tag: &str, class: &str) -> Result<Element, JsValue> {
    let e = document.create_element(tag)?;
    if !class.is_empty() {
        e.set_class_name(class);
    }
    Ok(e)
}

fn text_el(document: &Document, tag: &str, class: &str, text: &str) -> Result<Element, JsValue> {
    let e = el(document, tag, class)?;
    e.set_text_content(Some(text));
    Ok(e)
}

fn link(document: &Document, href: &str, text: &str) -> Result<Element, JsValue> {
    let a = text_el(document, "a", "", text)?;
    a.set_attribute("href", href)?;
    Ok(a)
}

/// Builds header, sections and one figure per chart inside `root`.
pub(super) fn build_page(
    document: &Document,
    root: &HtmlElement,
    locale: Locale,
) -> Result<Vec<Placed>, JsValue> {
    let s = locale.strings();
    if let Some(html) = document.document_element() {
        html.set_attribute("lang", locale.tag())?;
    }
    let meta = &DATASET.meta;
    let headline = locale.pick(&meta.title);
    document.set_title(headline);
    root.set_text_content(None);

    let header = el(document, "header", "masthead")?;
    header.append_child(&*super::lang::switch(document, locale)?)?;
    header.append_child(&*text_el(document, "h1", "", headline)?)?;
    if let Some(dek) = locale.pick_opt(meta.dek.as_ref()) {
        header.append_child(&*text_el(document, "p", "dek", dek)?)?;
    }
    let data_note = locale.pick_opt(meta.data_note.as_ref()).unwrap_or("");
    let note = text_el(document, "p", "data-note", data_note)?;
    for (href, text) in [
        ("data/indicators.csv", s.download_csv),
        ("data/indicators.json", s.download_json),
    ] {
        note.append_with_str_1(" ")?;
        let a = link(document, href, text)?;
        a.set_attribute("download", "")?;
        note.append_child(&a)?;
    }
    header.append_child(&note)?;
    root.append_child(&header)?;

    let main = el(document, "main", "")?;
    let mut placed = Vec::new();
    for (number, section) in DATASET.sections.iter().enumerate() {
        let charts: Vec<usize> = DATASET
            .charts
            .iter()
            .enumerate()
            .filter(|(_, c)| usize::from(c.section) == number)
            .map(|(i, _)| i)
            .collect();
        if charts.is_empty() {
            continue;
        }
        let sec = el(document, "section", "story-section")?;
        sec.set_attribute("data-section", &section.id)?;
        sec.append_child(&*text_el(document, "h2", "", locale.pick(&section.title))?)?;
        sec.append_child(&*text_el(document, "p", "intro", locale.pick(&section.description))?)?;
        let grid = el(document, "div", "chart-grid")?;
        let needs_row: Vec<bool> = charts
            .iter()
            .filter_map(|&i| DATASET.charts.get(i))
            .map(crate::layout::spans_the_row)
            .collect();
        let whole = crate::layout::whole_rows(&needs_row);
        for (n, index) in charts.into_iter().enumerate() {
            let (figure, p) = build_chart(
                document,
                index,
                locale,
                Chrome {
                    plain: false,
                    tools: true,
                    heading: "h3",
                },
            )?;
            if whole.get(n) == Some(&true) {
                figure.class_list().add_1("wide")?;
            }
            grid.append_child(&figure)?;
            placed.push(p);
        }
        sec.append_child(&grid)?;
        main.append_child(&sec)?;
    }
    main.append_child(&*super::figures::section(document, locale)?)?;
    root.append_child(&main)?;
    Ok(placed)
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
    index: usize,
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
    let base = document.base_uri().ok().flatten().unwrap_or_default();
    let dir = embed_code::folder_of(&base);
    let url = embed_code::embed_url(dir, &chart.id, locale);
    let title = locale.pick(&chart.title);
    let height = crate::layout::layout(&DATASET, chart, locale, 640.0).height + 160.0;
    let iframe = embed_code::iframe_code(dir, &url, title, height);
    let script = embed_code::script_code(dir, &chart.id, locale, title);
    for (n, (help, text)) in [(s.embed_help, iframe), (s.embed_script_help, script)]
        .into_iter()
        .enumerate()
    {
        let id = format!("embed-code-{index}-{n}");
        let label = text_el(document, "label", "", help)?;
        label.set_attribute("for", &id)?;
        let area = el(document, "textarea", "embed-code")?;
        area.set_id(&id);
        area.set_attribute("readonly", "")?;
        area.set_attribute("rows", "5")?;
        area.set_text_content(Some(&text));
        details.append_child(&label)?;
        details.append_child(&area)?;
    }
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

/// Shows a problem with an embed's options, as text.
pub(super) fn problem(
    document: &Document,
    root: &HtmlElement,
    message: &str,
    fatal: bool,
) -> Result<(), JsValue> {
    let p = text_el(document, "p", "embed-problem", message)?;
    p.set_attribute("role", if fatal { "alert" } else { "status" })?;
    root.append_child(&p)?;
    Ok(())
}

/// Writes the theme's colours into CSS custom properties on `target`.
pub(super) fn set_theme_colours(target: &HtmlElement, theme: &Theme) {
    let style = target.style();
    for (name, paint) in CSS_COLOURS {
        let _ = style.set_property(name, &theme.rgb(paint).hex());
    }
}

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
        let keep_focus = super::listener::Listener::new(&more, "mousedown", |e: web_sys::Event| {
            e.prevent_default();
        })?;
        let toggle = {
            let (root, button, source, anchor) =
                (root.clone(), more.clone(), source.clone(), Rc::clone(&anchor));
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
