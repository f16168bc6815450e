//! The browser side: the only module that touches wasm-bindgen and web-sys.
//!
//! [`mount`] builds the dashboard and [`mount_chart`] one chart for an embed
//! (an iframe page or a script embed's shadow root). Both give every chart a
//! `<canvas>` sized to its container × `devicePixelRatio`, and listens for
//! resize, pixel-ratio and colour-scheme changes; `touch` (pointer and
//! finger), `keys` (keyboard and the live region) and `table` (summaries and
//! data tables) add what every reader needs, `figures` the table of every
//! figure, `lang` the language switch. Each listener is a
//! Rust closure owned by the returned [`App`] and removed when it is dropped,
//! so nothing leaks and no JavaScript duplicates geometry: hover boxes come
//! from [`crate::layout`] and are tested by [`crate::hit`].

mod dom;
mod figures;
mod keys;
mod lang;
mod panic;
mod table;
mod touch;

use std::cell::RefCell;
use std::rc::Rc;

use plotters_canvas::CanvasBackend;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    CanvasRenderingContext2d, Document, Element, Event, EventTarget, HtmlCanvasElement,
    HtmlElement, MediaQueryList, Node, ResizeObserver, UrlSearchParams, Window,
};

use crate::data::DATASET;
use crate::draw::{draw, draw_highlight, Style};
use crate::layout::{layout, Rect, Scene};
use crate::options::{Options, ThemeChoice};
use crate::locale::Locale;
use crate::theme::{Paint, Theme};

/// One chart on the page.
struct View {
    /// Index into the dataset's charts.
    chart: usize,
    canvas: HtmlCanvasElement,
    /// The element whose width the chart takes.
    wrap: HtmlElement,
    scene: Scene,
    /// The highlighted item, if any.
    active: Option<usize>,
    /// The CSS width and pixel ratio the canvas was last drawn for.
    drawn_for: (f64, f64),
    /// A copy of the chart drawn with nothing highlighted, taken the first
    /// time an item is lit after a full paint; `None` until then. Hovering
    /// restores it and paints one item over it (see [`highlight`]).
    unlit: Option<HtmlCanvasElement>,
}

/// Everything the listeners share.
struct State {
    locale: Locale,
    views: Vec<View>,
    tooltip: dom::Tooltip,
    /// The theme asked for; `Auto` follows `dark`.
    choice: ThemeChoice,
    dark: Option<MediaQueryList>,
    /// The element whose CSS custom properties carry the theme's colours:
    /// `<html>` on the dashboard, the chart's root in an embed.
    colours_on: HtmlElement,
}

impl State {
    fn theme(&self) -> Theme {
        match (self.choice, &self.dark) {
            (ThemeChoice::Light, _) => Theme::LIGHT,
            (ThemeChoice::Dark, _) => Theme::DARK,
            (ThemeChoice::Auto, Some(q)) if q.matches() => Theme::DARK,
            (ThemeChoice::Auto, _) => Theme::LIGHT,
        }
    }

    /// Every chart's canvas, in page order.
    fn canvases(&self) -> Vec<HtmlCanvasElement> {
        self.views.iter().map(|v| v.canvas.clone()).collect()
    }

    /// Lays out and redraws every chart whose width or pixel ratio changed,
    /// or all of them when `force` is set (theme change).
    fn refresh(&mut self, force: bool) {
        let dpr = device_pixel_ratio();
        let theme = self.theme();
        dom::set_theme_colours(&self.colours_on, &theme);
        // Every width is read before any canvas is resized: a read after a
        // write would make the browser lay the page out again, once per chart.
        let widths: Vec<f64> = self
            .views
            .iter()
            .map(|v| v.wrap.get_bounding_client_rect().width())
            .collect();
        for (view, width) in self.views.iter_mut().zip(widths) {
            // A container without width (`display: none`, collapsed) keeps
            // its last drawing; its ResizeObserver calls again once it has one.
            if width.is_nan() || width <= 0.0 {
                continue;
            }
            if !force && view.drawn_for == (width, dpr) {
                continue;
            }
            let Some(chart) = DATASET.charts.get(view.chart) else {
                continue;
            };
            view.scene = layout(&DATASET, chart, self.locale, width);
            view.active = None;
            view.drawn_for = (width, dpr);
            view.unlit = None;
            size_canvas(&view.canvas, &view.scene, dpr);
            paint(view, &theme, self.locale);
        }
    }

    /// Highlights `target` (a view and one of its items), or nothing, and
    /// shows or hides the tooltip to match, beside the pointer at `client`.
    fn point(&mut self, target: Option<(usize, usize)>, client: (f64, f64)) {
        // The pointer as a small square, so the tooltip clears the cursor.
        const CURSOR: f64 = 6.0;
        let anchor = Rect {
            x: client.0 - CURSOR,
            y: client.1 - CURSOR,
            w: 2.0 * CURSOR,
            h: 2.0 * CURSOR,
        };
        self.point_at(target, anchor);
    }

    /// As [`State::point`], with the tooltip beside the item's own box (its
    /// canvas's top-left corner at `origin`, viewport px), so that it never
    /// covers the item the reader is choosing; beside the pointer when no
    /// item is under it.
    fn point_item(
        &mut self,
        target: Option<(usize, usize)>,
        client: (f64, f64),
        origin: (f64, f64),
    ) {
        let item = target.and_then(|(v, i)| self.views.get(v)?.scene.items.get(i).map(|it| it.hit));
        match item {
            Some(hit) => {
                let anchor = Rect {
                    x: origin.0 + hit.x,
                    y: origin.1 + hit.y,
                    w: hit.w,
                    h: hit.h,
                };
                self.point_at(target, anchor);
            }
            None => self.point(target, client),
        }
    }

    /// As [`State::point`], with the tooltip beside `anchor` (viewport px):
    /// the pointer, or the box of an item reached with the keyboard.
    fn point_at(&mut self, target: Option<(usize, usize)>, anchor: Rect) {
        let locale = self.locale;
        // The colour scheme is only asked for when something is repainted,
        // not on every move within one item.
        let mut theme = None;
        // Only one chart is highlighted at a time.
        for k in 0..self.views.len() {
            let want = target.filter(|t| t.0 == k).map(|t| t.1);
            if self.views[k].active != want {
                let theme = *theme.get_or_insert_with(|| self.theme());
                let view = &mut self.views[k];
                highlight(view, want, &theme, locale);
                match want
                    .and_then(|i| view.scene.items.get(i))
                    .and_then(|it| DATASET.indicators.get(usize::from(it.indicator)))
                {
                    Some(ind) => {
                        let _ = view.canvas.set_attribute("data-active", &ind.id);
                    }
                    None => {
                        let _ = view.canvas.remove_attribute("data-active");
                    }
                }
            }
        }
        let indicator = target
            .and_then(|(v, i)| self.views.get(v).and_then(|view| view.scene.items.get(i)))
            .and_then(|it| DATASET.indicators.get(usize::from(it.indicator)));
        match indicator {
            Some(ind) => self.tooltip.show(ind, locale, anchor),
            None => self.tooltip.hide(),
        }
    }
}

fn device_pixel_ratio() -> f64 {
    web_sys::window()
        .map(|w| w.device_pixel_ratio())
        .filter(|r| r.is_finite() && *r > 0.0)
        .unwrap_or(1.0)
}

/// Sets the canvas's CSS size to the scene's and its backing store to that
/// times the pixel ratio, not truncated to an integer ratio.
fn size_canvas(canvas: &HtmlCanvasElement, scene: &Scene, dpr: f64) {
    let style = canvas.style();
    let _ = style.set_property("width", &format!("{}px", scene.width));
    let _ = style.set_property("height", &format!("{}px", scene.height));
    canvas.set_width((scene.width * dpr).round().max(1.0) as u32);
    canvas.set_height((scene.height * dpr).round().max(1.0) as u32);
}

fn paint(view: &View, theme: &Theme, locale: Locale) {
    let Some(backend) = CanvasBackend::with_canvas_object(view.canvas.clone()) else {
        return;
    };
    if let Err(e) = draw(backend, &view.scene, &style(view, theme, locale)) {
        web_sys::console::error_1(&format!("chart could not be drawn: {e:?}").into());
    }
}

/// Lights `want` (or nothing) on `view`'s canvas without redrawing the
/// whole chart: the unlit chart is restored from its copy and only the lit
/// item's marks are painted over it. A pointer move thus costs one image
/// copy and a few shapes instead of every shape and text of the chart.
fn highlight(view: &mut View, want: Option<usize>, theme: &Theme, locale: Locale) {
    if view.unlit.is_none() {
        // Nothing has been lit since the last full paint (which clears the
        // copy), so the canvas shows the unlit chart: copy it now.
        view.unlit = copy_of(&view.canvas);
    }
    view.active = want;
    let restored = view.unlit.as_ref().and_then(|unlit| {
        context_2d(&view.canvas)?
            .draw_image_with_html_canvas_element(unlit, 0.0, 0.0)
            .ok()
    });
    if restored.is_none() {
        // Without a copy (a canvas the browser would not give a context
        // for), fall back to a full paint, which is slower but right.
        paint(view, theme, locale);
        return;
    }
    let Some(backend) = CanvasBackend::with_canvas_object(view.canvas.clone()) else {
        return;
    };
    if let Err(e) = draw_highlight(backend, &view.scene, &style(view, theme, locale)) {
        web_sys::console::error_1(&format!("chart could not be drawn: {e:?}").into());
    }
}

/// A canvas the size of `canvas` holding a copy of its pixels.
fn copy_of(canvas: &HtmlCanvasElement) -> Option<HtmlCanvasElement> {
    let copy: HtmlCanvasElement = canvas
        .owner_document()?
        .create_element("canvas")
        .ok()?
        .dyn_into()
        .ok()?;
    copy.set_width(canvas.width());
    copy.set_height(canvas.height());
    context_2d(&copy)?
        .draw_image_with_html_canvas_element(canvas, 0.0, 0.0)
        .ok()?;
    Some(copy)
}

fn context_2d(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    canvas.get_context("2d").ok()??.dyn_into().ok()
}

/// How `view` is drawn: at its canvas's pixel density, with its lit item.
fn style(view: &View, theme: &Theme, locale: Locale) -> Style {
    Style {
        theme: *theme,
        scale: f64::from(view.canvas.width()) / view.scene.width.max(1.0),
        locale,
        highlight: view.active,
    }
}

/// A listener that removes itself from its target when dropped.
struct Listener {
    target: EventTarget,
    kind: &'static str,
    closure: Closure<dyn FnMut(Event)>,
}

impl Listener {
    fn new(
        target: &EventTarget,
        kind: &'static str,
        mut f: impl FnMut(Event) + 'static,
    ) -> Result<Self, JsValue> {
        // After a panic no listener calls into the (maybe still borrowed) state.
        let closure = Closure::<dyn FnMut(Event)>::new(move |e: Event| {
            if !panic::panicked() {
                f(e);
            }
        });
        target.add_event_listener_with_callback(kind, closure.as_ref().unchecked_ref())?;
        Ok(Listener {
            target: target.clone(),
            kind,
            closure,
        })
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self
            .target
            .remove_event_listener_with_callback(self.kind, self.closure.as_ref().unchecked_ref());
    }
}

/// The mounted dashboard. Keep it alive as long as the page shows it; the
/// page stores it as `window.danba`.
#[wasm_bindgen]
pub struct App {
    state: Option<Rc<RefCell<State>>>,
    _listeners: Vec<Listener>,
    observers: Vec<ResizeObserver>,
    _callbacks: Vec<Closure<dyn FnMut()>>,
    /// Lets the panic hook find this mount's charts.
    _mounted: Option<panic::Mounted>,
    /// What is left to do once the charts are on screen (see [`ready`]);
    /// emptied by `unmount`, so a pending callback then holds nothing.
    finish: Finish,
}

/// Work waiting for a later task, run by whichever callback comes first.
type Finish = Rc<RefCell<Option<Box<dyn FnOnce()>>>>;

/// The hover box of one item, for tests and tools, in CSS px relative to the
/// canvas's top-left corner.
#[derive(Serialize)]
struct ItemBox<'a> {
    id: &'a str,
    x: f64,
    y: f64,
    w: f64,
    h: f64,
}

#[wasm_bindgen]
impl App {
    /// The ids of the charts on the page, in page order.
    pub fn charts(&self) -> Vec<String> {
        let Some(state) = self.state.as_ref().filter(|_| !panic::panicked()) else {
            return Vec::new();
        };
        let state = state.borrow();
        state
            .views
            .iter()
            .filter_map(|v| DATASET.charts.get(v.chart))
            .map(|c| c.id.to_string())
            .collect()
    }

    /// The hover boxes of a chart's items, or an empty list for an unknown id.
    pub fn items(&self, chart: &str) -> Result<JsValue, JsValue> {
        let Some(state) = self.state.as_ref().filter(|_| !panic::panicked()) else {
            return serde_wasm_bindgen::to_value(&Vec::<ItemBox<'_>>::new())
                .map_err(|e| JsValue::from_str(&e.to_string()));
        };
        let state = state.borrow();
        let view = state
            .views
            .iter()
            .find(|v| DATASET.charts.get(v.chart).is_some_and(|c| c.id == chart));
        let boxes: Vec<ItemBox<'_>> = view
            .map(|v| {
                v.scene
                    .items
                    .iter()
                    .filter_map(|it| {
                        let ind = DATASET.indicators.get(usize::from(it.indicator))?;
                        Some(ItemBox {
                            id: &ind.id,
                            x: it.hit.x,
                            y: it.hit.y,
                            w: it.hit.w,
                            h: it.hit.h,
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();
        serde_wasm_bindgen::to_value(&boxes).map_err(|e| JsValue::from_str(&e.to_string()))
    }

    /// Stops listening, removes the tooltip and lets go of every chart's
    /// state; the page calls it before mounting again, a script embed when
    /// its element leaves the document. Calling `free()` afterwards releases
    /// the rest.
    pub fn unmount(&mut self) {
        for observer in self.observers.drain(..) {
            observer.disconnect();
        }
        if let Some(state) = self.state.take() {
            if let Ok(state) = state.try_borrow() {
                state.tooltip.remove();
            }
        }
        self._listeners.clear();
        self._callbacks.clear();
        self._mounted = None;
        self.finish.borrow_mut().take();
    }

    /// Panics, for the browser test of what a panic leaves on the page (see
    /// `web/panic.rs`); it breaks only the page that calls it.
    #[doc(hidden)]
    #[wasm_bindgen(js_name = "__panic_for_tests")]
    pub fn panic_for_tests(&self) {
        panic::panic_for_tests(self.state.as_deref());
    }
}

impl Drop for App {
    fn drop(&mut self) {
        // A callback still waiting for the next frame then holds nothing.
        if let Ok(mut finish) = self.finish.try_borrow_mut() {
            finish.take();
        }
        for observer in &self.observers {
            observer.disconnect();
        }
    }
}

/// Builds the dashboard inside `root` and draws every chart. The language
/// comes from the page URL's `lang=` (Simplified Chinese by default).
#[wasm_bindgen]
pub fn mount(root: &HtmlElement) -> Result<App, JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let locale = dom::locale_from_url(&window);
    let placed = dom::build_page(&document, root, locale)?;
    let html: HtmlElement = document.document_element().ok_or("no <html>")?.dyn_into()?;
    let body = document.body().ok_or("no <body>")?;
    let mut app = start(
        &window,
        &document,
        placed,
        locale,
        ThemeChoice::Auto,
        &body,
        html,
    )?;
    app._listeners.push(figures::listen(root)?);
    if let Some(state) = &app.state {
        // Downloads of a chart as PNG are drawn afresh at twice the pixel
        // density; one listener on the page serves every button.
        let st = Rc::clone(state);
        app._listeners
            .push(Listener::new(root, "click", move |e: Event| {
                let Some(button) = e.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
                    return;
                };
                let Some(id) = button.get_attribute("data-png") else {
                    return;
                };
                if let Err(err) = download_png(&st.borrow(), &id) {
                    web_sys::console::error_1(&err);
                }
            })?);
    }
    ready(
        &window,
        root,
        locale,
        &document.document_element().ok_or("no <html>")?,
        &app.finish,
    )?;
    Ok(app)
}

/// Marks the charts as drawn (for the benchmark), and once they are on
/// screen builds the data tables of the charts under `root` and marks the
/// page ready (for tests).
///
/// Laying out the tables' long source sentences was half of the page's
/// first layout, and nothing is painted before the task that builds the page
/// ends; so the tables are built in a later task, after the frame that shows
/// the charts: an animation-frame callback runs just before that frame is
/// painted, and a timeout set there runs after it. Frames do not come to a
/// hidden tab or an iframe out of view, so a plain timeout builds them too;
/// whichever comes second finds nothing left to do.
fn ready(
    window: &Window,
    root: &Element,
    locale: Locale,
    on: &Element,
    finish: &Finish,
) -> Result<(), JsValue> {
    if let Some(perf) = window.performance() {
        let _ = perf.mark("danba:charts-painted");
    }
    let (root, on) = (root.clone(), on.clone());
    *finish.borrow_mut() = Some(Box::new(move || {
        if panic::panicked() {
            return;
        }
        if let Err(e) = table::fill(&root, locale).and_then(|()| figures::fill(&root, locale)) {
            web_sys::console::error_1(&e);
        }
        let _ = on.set_attribute("data-ready", "true");
    }));
    // Runs the work if no other callback has, and if the chart is mounted.
    let run = |finish: &Finish| {
        let work = finish.borrow_mut().take();
        if let Some(work) = work {
            work();
        }
    };
    let after_paint = {
        let (window, finish) = (window.clone(), Rc::clone(finish));
        Closure::once_into_js(move || {
            let later = Closure::once_into_js(move || run(&finish));
            let _ = window
                .set_timeout_with_callback_and_timeout_and_arguments_0(later.unchecked_ref(), 0);
        })
    };
    window.request_animation_frame(after_paint.unchecked_ref())?;
    // Long enough for a visible page's next frame to come first.
    const FALLBACK_MS: i32 = 200;
    let fallback = {
        let finish = Rc::clone(finish);
        Closure::once_into_js(move || run(&finish))
    };
    window.set_timeout_with_callback_and_timeout_and_arguments_0(
        fallback.unchecked_ref(),
        FALLBACK_MS,
    )?;
    Ok(())
}

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
    root.set_text_content(None);
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
        Some(index) => {
            let (figure, placed) = dom::build_chart(
                &document,
                index,
                locale,
                dom::Chrome {
                    plain: options.plain,
                    tools: false,
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
fn post_height(window: &Window, html: &Element, chart_id: &str, child_id: Option<&str>) {
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

/// Draws chart `id` at twice the pixel density into a new canvas and saves
/// it as PNG.
fn download_png(state: &State, id: &str) -> Result<(), JsValue> {
    let view = state
        .views
        .iter()
        .find(|v| DATASET.charts.get(v.chart).is_some_and(|c| c.id == id))
        .ok_or("no such chart")?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let canvas: HtmlCanvasElement = document.create_element("canvas")?.dyn_into()?;
    canvas.set_width((view.scene.width * 2.0).round().max(1.0) as u32);
    canvas.set_height((view.scene.height * 2.0).round().max(1.0) as u32);
    let backend = CanvasBackend::with_canvas_object(canvas.clone()).ok_or("no 2D context")?;
    let style = Style {
        theme: state.theme(),
        scale: 2.0,
        locale: state.locale,
        highlight: None,
    };
    draw(backend, &view.scene, &style).map_err(|e| JsValue::from_str(&format!("{e:?}")))?;
    let link: HtmlElement = document.create_element("a")?.dyn_into()?;
    link.set_attribute("href", &canvas.to_data_url()?)?;
    link.set_attribute("download", &format!("{id}.png"))?;
    link.click();
    Ok(())
}

/// Draws the placed charts and starts listening: pointer and touch on each
/// canvas, taps elsewhere, window resize (zoom changes the pixel ratio),
/// the colour scheme, and the size of each chart's container.
fn start(
    window: &Window,
    document: &Document,
    placed: Vec<dom::Placed>,
    locale: Locale,
    choice: ThemeChoice,
    tooltip_parent: &Node,
    colours_on: HtmlElement,
) -> Result<App, JsValue> {
    panic::install();
    if panic::panicked() {
        return Err(JsValue::from_str(
            "danba-charts stopped after an earlier error",
        ));
    }
    let mounted = panic::Mounted::new(&colours_on, locale);
    let tooltip = dom::Tooltip::new(document, tooltip_parent)?;
    let dark = window
        .match_media("(prefers-color-scheme: dark)")
        .ok()
        .flatten();
    let views = placed
        .into_iter()
        .map(|p| View {
            chart: p.chart,
            canvas: p.canvas,
            wrap: p.wrap,
            scene: Scene {
                width: 0.0,
                height: 0.0,
                items: Vec::new(),
                marks: Vec::new(),
            },
            active: None,
            drawn_for: (-1.0, -1.0),
            unlit: None,
        })
        .collect();
    let state = Rc::new(RefCell::new(State {
        locale,
        views,
        tooltip,
        choice,
        dark,
        colours_on,
    }));
    state.borrow_mut().refresh(true);

    // Pointer and touch, keyboard, and the "Show data" buttons.
    let mut listeners = touch::listen(&state, document)?;
    listeners.extend(keys::listen(&state, document)?);
    listeners.push(table::listen(document)?);
    // Zooming changes the pixel ratio and fires `resize` on the window.
    let st = Rc::clone(&state);
    listeners.push(Listener::new(window, "resize", move |_| {
        st.borrow_mut().refresh(false)
    })?);
    if let Some(q) = state.borrow().dark.clone() {
        let st = Rc::clone(&state);
        listeners.push(Listener::new(&q, "change", move |_| {
            st.borrow_mut().refresh(true)
        })?);
    }
    let st = Rc::clone(&state);
    let on_resize = panic::guarded(move || st.borrow_mut().refresh(false));
    let observer = ResizeObserver::new(on_resize.as_ref().unchecked_ref())?;
    for view in &state.borrow().views {
        observer.observe(&view.wrap);
    }

    Ok(App {
        state: Some(state),
        _listeners: listeners,
        observers: vec![observer],
        _callbacks: vec![on_resize],
        _mounted: Some(mounted),
        finish: Finish::default(),
    })
}

/// The element an event started on, looking through shadow roots (where the
/// event's `target` is only the host).
fn event_origin(e: &Event) -> Option<Element> {
    e.composed_path()
        .get(0)
        .dyn_into::<Element>()
        .ok()
        .or_else(|| e.target().and_then(|t| t.dyn_into::<Element>().ok()))
}

/// The colours CSS takes from the chart theme, so the page around a canvas
/// matches it exactly.
pub(crate) const CSS_COLOURS: [(&str, Paint); 6] = [
    ("--bg", Paint::Background),
    ("--surface", Paint::Surface),
    ("--ink", Paint::Ink),
    ("--muted", Paint::Muted),
    ("--grid", Paint::Grid),
    ("--accent", Paint::Accent),
];
