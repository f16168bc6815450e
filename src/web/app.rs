//! The mounted charts: the state every listener shares, the [`App`] handle
//! JavaScript holds, mounting the dashboard, and starting the listeners of
//! any set of placed charts.

use std::cell::RefCell;
use std::rc::Rc;

use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    Document, Element, HtmlCanvasElement, HtmlElement, IntersectionObserver,
    IntersectionObserverEntry, IntersectionObserverInit, MediaQueryList, Node, ResizeObserver,
    Window,
};

use crate::data::DATASET;
use crate::hit::{anchor_of, Anchor};
use crate::layout::{layout, Rect, Scene};
use crate::locale::Locale;
use crate::options::ThemeChoice;
use crate::theme::Theme;

use super::listener::Listener;
use super::view::{device_pixel_ratio, highlight, paint_sized, size_css, size_for_layout, View};
use super::{dom, figure, figures, keys, panic, table, tooltip, touch};

/// Everything the listeners share.
pub(super) struct State {
    pub(super) locale: Locale,
    pub(super) views: Vec<View>,
    pub(super) tooltip: tooltip::Tooltip,
    /// The theme asked for; `Auto` follows `dark`.
    pub(super) choice: ThemeChoice,
    pub(super) dark: Option<MediaQueryList>,
    /// The element whose CSS custom properties carry the theme's colours:
    /// `<html>` on the dashboard, the chart's root in an embed.
    pub(super) colours_on: HtmlElement,
    /// An embed page's `<html>` when the page is opened on its own, which
    /// takes the colours too (see [`Colours::page`]).
    pub(super) colours_page: Option<HtmlElement>,
    /// Whether the colours on `colours_on` are the dark theme's (`Some(true)`)
    /// or the light one's, so that they are written only when the theme
    /// changes: custom properties inherit, and writing them on `<html>`
    /// made the browser restyle the whole dashboard. `None` until written.
    pub(super) colours_dark: Option<bool>,
}

impl State {
    pub(super) fn theme(&self) -> Theme {
        match (self.choice, &self.dark) {
            (ThemeChoice::Light, _) => Theme::LIGHT,
            (ThemeChoice::Dark, _) => Theme::DARK,
            (ThemeChoice::Auto, Some(q)) if q.matches() => Theme::DARK,
            (ThemeChoice::Auto, _) => Theme::LIGHT,
        }
    }

    /// Every chart's canvas, in page order.
    pub(super) fn canvases(&self) -> Vec<HtmlCanvasElement> {
        self.views.iter().map(|v| v.canvas.clone()).collect()
    }

    /// Lays out every chart whose width or pixel ratio changed, or all of
    /// them when `force` is set (theme change), and paints those near the
    /// viewport; the others are painted when they come near (the observer
    /// of [`start`]).
    pub(super) fn refresh(&mut self, force: bool) {
        let dpr = device_pixel_ratio();
        let theme = self.theme();
        if self.colours_dark != Some(theme.dark) {
            dom::set_theme_colours(&self.colours_on, &theme);
            if let Some(page) = &self.colours_page {
                dom::set_theme_colours(page, &theme);
            }
            self.colours_dark = Some(theme.dark);
        }
        // Every width is read before any canvas is resized: a read after a
        // write would make the browser lay the page out again, once per chart.
        let widths: Vec<f64> = self
            .views
            .iter()
            .map(|v| v.wrap.get_bounding_client_rect().width())
            .collect();
        // The charts to paint once all are laid out: near the viewport,
        // laid out here or before, and not painted since.
        let mut due = Vec::new();
        for (i, (view, width)) in self.views.iter_mut().zip(widths).enumerate() {
            // A container without width (`display: none`, collapsed) keeps
            // its last drawing; its ResizeObserver calls again once it has one.
            if width.is_nan() || width <= 0.0 {
                continue;
            }
            // Whole CSS px, as the build's table of plot heights
            // (`crate::heights`) assumes: the canvas then takes exactly the
            // height the page reserved for it.
            let width = width.floor();
            if force || view.drawn_for != (width, dpr) {
                let Some(chart) = DATASET.charts.get(view.chart) else {
                    continue;
                };
                view.scene = layout(&DATASET, chart, self.locale, width);
                view.active = None;
                view.drawn_for = (width, dpr);
                view.unlit = None;
                view.painted = false;
                size_css(&view.canvas, &view.scene);
            }
            if view.near && !view.painted {
                due.push(i);
            }
        }
        // Every backing store is sized before any chart is painted. Sizing
        // one invalidates the page's layout, and the first font a chart
        // sets makes the browser lay the page out again at once: sized and
        // painted in turn, the charts cost a layout each.
        for &i in &due {
            size_for_layout(&self.views[i]);
        }
        for &i in &due {
            paint_sized(&mut self.views[i], &theme, self.locale);
        }
    }

    /// Highlights `target` (a view and one of its items), or nothing, and
    /// shows or hides the tooltip to match, beside the pointer at `client`.
    pub(super) fn point(&mut self, target: Option<(usize, usize)>, client: (f64, f64)) {
        // The pointer as a small square, so the tooltip clears the cursor.
        const CURSOR: f64 = 6.0;
        let anchor = Rect {
            x: client.0 - CURSOR,
            y: client.1 - CURSOR,
            w: 2.0 * CURSOR,
            h: 2.0 * CURSOR,
        };
        self.point_at(
            target,
            Anchor {
                item: anchor,
                along: None,
            },
        );
    }

    /// As [`State::point`], with the tooltip beside the item's own box (its
    /// canvas's top-left corner at `origin`, viewport px), so that it never
    /// covers the item the reader is choosing; beside the pointer when no
    /// item is under it.
    pub(super) fn point_item(
        &mut self,
        target: Option<(usize, usize)>,
        client: (f64, f64),
        origin: (f64, f64),
    ) {
        // Centred on the item's marks, not on its box's left edge: a
        // timeline's row spans the chart, and the tooltip of a bar at its
        // right end opened at the far left, over other rows' labels.
        let anchor = target.and_then(|(v, i)| anchor_of(&self.views.get(v)?.scene, i, origin));
        match anchor {
            Some(anchor) => self.point_at(target, anchor),
            None => self.point(target, client),
        }
    }

    /// As [`State::point`], with the tooltip beside `anchor` (viewport px):
    /// the pointer, or the box of an item reached with the keyboard.
    pub(super) fn point_at(&mut self, target: Option<(usize, usize)>, anchor: Anchor) {
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
        let shown = target.and_then(|(v, i)| {
            let view = self.views.get(v)?;
            let item = view.scene.items.get(i)?;
            Some((
                &view.canvas,
                DATASET.indicators.get(usize::from(item.indicator))?,
            ))
        });
        match shown {
            Some((canvas, ind)) => self.tooltip.show(canvas, ind, locale, anchor),
            None => self.tooltip.hide(),
        }
    }
}

/// The mounted dashboard. Keep it alive as long as the page shows it; the
/// page stores it as `window.articleCharts`.
#[wasm_bindgen]
pub struct App {
    pub(super) state: Option<Rc<RefCell<State>>>,
    pub(super) _listeners: Vec<Listener>,
    pub(super) observers: Vec<ResizeObserver>,
    pub(super) _callbacks: Vec<Closure<dyn FnMut()>>,
    /// Tells which charts have come near the viewport (see [`start`]).
    pub(super) seen: Option<(IntersectionObserver, SeenCallback)>,
    /// Lets the panic hook find this mount's charts.
    pub(super) _mounted: Option<panic::Mounted>,
    /// What is left to do once the charts are on screen (see [`ready`]);
    /// emptied by `unmount`, so a pending callback then holds nothing.
    pub(super) finish: Finish,
}

/// What the IntersectionObserver calls with its entries.
pub(super) type SeenCallback = Closure<dyn FnMut(js_sys::Array)>;

/// Work waiting for a later task, run by whichever callback comes first.
pub(super) type Finish = Rc<RefCell<Option<Box<dyn FnOnce()>>>>;

/// The hover box of one item, for tests and tools, in CSS px relative to the
/// canvas's top-left corner.
#[derive(Serialize)]
pub(super) struct ItemBox<'a> {
    pub(super) id: &'a str,
    pub(super) x: f64,
    pub(super) y: f64,
    pub(super) w: f64,
    pub(super) h: f64,
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
        if let Some((observer, _)) = self.seen.take() {
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
    /// `web/panic.rs`); it breaks only the page that calls it. Only a module
    /// built with the `test-hooks` feature has it.
    #[cfg(feature = "test-hooks")]
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
        if let Some((observer, _)) = &self.seen {
            observer.disconnect();
        }
    }
}

/// Hydrates the dashboard: every prerendered chart under `root` gets its
/// canvas, drawn as it comes near the viewport, and its listeners; the
/// table of every figure its sorting. The page's language is the figures'.
#[wasm_bindgen]
pub fn mount(root: &HtmlElement) -> Result<App, JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let html: HtmlElement = document.document_element().ok_or("no <html>")?.dyn_into()?;
    let body = document.body().ok_or("no <body>")?;
    let ready_on: Element = html.clone().into();
    // The dashboard's own style sheet carries both palettes on `:root`,
    // the dark one for a reader whose system is dark, as `Auto` chooses.
    let colours = Colours {
        on: html,
        in_sheet: true,
        page: None,
    };
    hydrate_in(&window, root, &body, colours, ThemeChoice::Auto, &ready_on)
}

/// Where a mount writes the theme's colours, and whether the page's style
/// sheet already has those of the theme the reader's system asks for.
pub(super) struct Colours {
    pub(super) on: HtmlElement,
    pub(super) in_sheet: bool,
    /// The `<html>` of an embed page opened on its own, not in a frame:
    /// its background shows wherever the window is taller than the chart,
    /// and it reads `--bg`, which would otherwise be defined only on the
    /// chart's root, leaving a white page under a dark chart. In a frame
    /// the page stays transparent, so the host page's colour shows there.
    pub(super) page: Option<HtmlElement>,
}

/// Hydrates every prerendered chart figure under `root` (a page's `#app`,
/// or the element a script embed put an embed page's content in): the
/// theme's colours are set on `root` and the tooltip lives inside it.
#[wasm_bindgen]
pub fn hydrate(root: &HtmlElement) -> Result<App, JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    let ready_on: Element = root.clone().into();
    let colours = Colours {
        on: root.clone(),
        in_sheet: false,
        page: None,
    };
    hydrate_in(&window, root, root, colours, ThemeChoice::Auto, &ready_on)
}

/// The language of the prerendered figures under `root`.
pub(super) fn figures_locale(root: &Element) -> Locale {
    root.query_selector("figure.chart[data-lang]")
        .ok()
        .flatten()
        .and_then(|f| f.get_attribute("data-lang"))
        .and_then(|tag| Locale::from_tag(&tag))
        // A language the article does not publish has empty texts.
        .map_or(Locale::DEFAULT, |l| l.within(&DATASET))
}

pub(super) fn hydrate_in(
    window: &Window,
    root: &HtmlElement,
    tooltip_parent: &Node,
    colours: Colours,
    choice: ThemeChoice,
    ready_on: &Element,
) -> Result<App, JsValue> {
    let document = window.document().ok_or("no document")?;
    let locale = figures_locale(root);
    let placed = figure::find(root)?;
    let mut app = start(
        window,
        &document,
        placed,
        locale,
        choice,
        tooltip_parent,
        colours,
    )?;
    app._listeners.push(figures::listen(root)?);
    app._listeners.push(super::copy::attach(root)?);
    ready(window, ready_on, &app.finish)?;
    Ok(app)
}

/// Marks the charts as drawn (for the benchmark), and once they are on
/// screen marks the page ready (for tests): an animation-frame callback
/// runs just before that frame is painted, and a timeout set there runs
/// after it. Frames do not come to a hidden tab or an iframe out of view,
/// so a plain timeout marks it too; whichever comes second finds nothing
/// left to do.
pub(super) fn ready(window: &Window, on: &Element, finish: &Finish) -> Result<(), JsValue> {
    if let Some(perf) = window.performance() {
        let _ = perf.mark("article-charts:painted");
    }
    let on = on.clone();
    *finish.borrow_mut() = Some(Box::new(move || {
        if panic::panicked() {
            return;
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

/// Draws the placed charts and starts listening: pointer and touch on each
/// canvas, taps elsewhere, window resize (zoom changes the pixel ratio),
/// the colour scheme, and the size of each chart's container.
pub(super) fn start(
    window: &Window,
    document: &Document,
    placed: Vec<figure::Placed>,
    locale: Locale,
    choice: ThemeChoice,
    tooltip_parent: &Node,
    colours: Colours,
) -> Result<App, JsValue> {
    panic::install();
    if panic::panicked() {
        return Err(JsValue::from_str(
            "article-charts stopped after an earlier error",
        ));
    }
    let mounted = panic::Mounted::new(&colours.on, locale);
    let tooltip = tooltip::Tooltip::new(document, tooltip_parent)?;
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
            near: false,
            painted: false,
            unlit: None,
        })
        .collect();
    let state = Rc::new(RefCell::new(State {
        locale,
        views,
        tooltip,
        choice,
        dark,
        colours_on: colours.on,
        colours_page: colours.page,
        colours_dark: None,
    }));
    if colours.in_sheet {
        let dark = state.borrow().theme().dark;
        state.borrow_mut().colours_dark = Some(dark);
    }
    // The charts within a screen of the viewport are painted at once, in
    // this task, as the observer below would only call in a later one.
    {
        let reach = window
            .inner_height()
            .ok()
            .and_then(|h| h.as_f64())
            .unwrap_or(0.0);
        let mut s = state.borrow_mut();
        for view in s.views.iter_mut() {
            let r = view.wrap.get_bounding_client_rect();
            view.near = r.bottom() > -reach && r.top() < 2.0 * reach;
        }
    }
    state.borrow_mut().refresh(true);

    // Pointer and touch, keyboard, and the "Show data" buttons.
    let mut listeners = touch::listen(&state, document)?;
    listeners.extend(keys::listen(&state, document)?);
    // On this mount's own root: a listener on `document` would be added
    // once per script embed, and each would flip the same button.
    listeners.push(table::listen(tooltip_parent)?);
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

    // A chart is painted when it comes within a screen's reach of the
    // viewport, so that start-up paints only what the reader can see and no
    // task draws every chart of a long page; until then the image drawn at
    // build time shows, at the same size. A chart that leaves that reach
    // keeps its drawing; one laid out anew while away (a resize, a theme
    // change) is painted when it comes back.
    let st = Rc::clone(&state);
    let on_seen = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
        if panic::panicked() {
            return;
        }
        let Ok(mut s) = st.try_borrow_mut() else {
            return;
        };
        let mut any = false;
        for entry in entries.iter() {
            let Ok(entry) = entry.dyn_into::<IntersectionObserverEntry>() else {
                continue;
            };
            let near = entry.is_intersecting();
            let target: Node = entry.target().into();
            for view in s.views.iter_mut() {
                if view.near != near && view.wrap.is_same_node(Some(&target)) {
                    view.near = near;
                    any |= near;
                }
            }
        }
        if any {
            s.refresh(false);
        }
    });
    let init = IntersectionObserverInit::new();
    init.set_root_margin("100% 0px");
    let seen = IntersectionObserver::new_with_options(on_seen.as_ref().unchecked_ref(), &init)?;
    for view in &state.borrow().views {
        seen.observe(&view.wrap);
    }

    Ok(App {
        state: Some(state),
        _listeners: listeners,
        observers: vec![observer],
        _callbacks: vec![on_resize],
        seen: Some((seen, on_seen)),
        _mounted: Some(mounted),
        finish: Finish::default(),
    })
}
