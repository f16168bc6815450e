//! One chart's canvas: sized to its container × `devicePixelRatio`, painted
//! in full when its size, ratio or theme changes, and lit item by item on
//! hover without a full repaint.

use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, HtmlElement};

use crate::decimal::Decimal;
use crate::draw::{draw, draw_highlight, Style};
use crate::locale::Locale;
use crate::scene::Scene;
use crate::theme::Theme;

/// One chart on the page.
pub(super) struct View {
    /// Index into the dataset's charts.
    pub(super) chart: usize,
    pub(super) canvas: HtmlCanvasElement,
    /// The element whose width the chart takes.
    pub(super) wrap: HtmlElement,
    pub(super) scene: Scene,
    /// The highlighted item, if any.
    pub(super) active: Option<usize>,
    /// The CSS width and pixel ratio the canvas was last laid out for.
    pub(super) drawn_for: (f64, f64),
    /// Whether the chart is near the viewport (within a screen of it): only
    /// then is it painted, so that no start-up task draws every chart of the
    /// page, and a resize or a theme change repaints only what the reader
    /// can see; the others are painted when they come near.
    pub(super) near: bool,
    /// Whether the canvas shows the current layout. A chart away from the
    /// viewport is laid out and takes its new CSS size at once (its hover
    /// boxes and the page's width stay right), but its backing store is
    /// sized and painted only when it comes near ([`paint_now`]).
    pub(super) painted: bool,
    /// A copy of the chart drawn with nothing highlighted, taken the first
    /// time an item is lit after a full paint; `None` until then. Hovering
    /// restores it and paints one item over it (see [`highlight`]).
    pub(super) unlit: Option<HtmlCanvasElement>,
}

pub(super) fn device_pixel_ratio() -> f64 {
    web_sys::window()
        .map(|w| w.device_pixel_ratio())
        .filter(|r| r.is_finite() && *r > 0.0)
        .unwrap_or(1.0)
}

/// Sets the canvas's CSS size to the scene's.
pub(super) fn size_css(canvas: &HtmlCanvasElement, scene: &Scene) {
    let style = canvas.style();
    let _ = style.set_property("width", &format!("{}px", Decimal(scene.width, 3)));
    let _ = style.set_property("height", &format!("{}px", Decimal(scene.height, 3)));
}

/// Sizes the canvas's backing store to the scene's size times the pixel
/// ratio, not truncated to an integer ratio. This clears the canvas.
fn size_store(canvas: &HtmlCanvasElement, scene: &Scene, dpr: f64) {
    canvas.set_width((scene.width * dpr).round().max(1.0) as u32);
    canvas.set_height((scene.height * dpr).round().max(1.0) as u32);
}

/// Sizes the backing store to the current layout and paints the whole
/// chart: once per layout, for a chart not `painted` since it was laid out.
pub(super) fn paint_now(view: &mut View, theme: &Theme, locale: Locale) {
    size_for_layout(view);
    paint_sized(view, theme, locale);
}

/// Sizes the backing store to the current layout, which clears it: the
/// first half of [`paint_now`], for painting several charts at once (see
/// `State::refresh`).
pub(super) fn size_for_layout(view: &View) {
    size_store(&view.canvas, &view.scene, view.drawn_for.1);
}

/// Paints the whole chart on a backing store already sized by
/// [`size_for_layout`]: the second half of [`paint_now`].
pub(super) fn paint_sized(view: &mut View, theme: &Theme, locale: Locale) {
    paint(view, theme, locale);
    view.painted = true;
    view.unlit = None;
    // The opaque canvas now covers the image drawn at build time for good:
    // the style sheet takes that image out of the layout, where its SVG
    // texts were laid out again at every resize.
    let _ = view.wrap.class_list().add_1("painted");
}

pub(super) fn paint(view: &View, theme: &Theme, locale: Locale) {
    let Some(backend) = CanvasBackend::with_canvas_object(view.canvas.clone()) else {
        return;
    };
    if let Err(e) = draw(backend, &view.scene, &style(view, theme, locale)) {
        web_sys::console::error_1(&format!("chart could not be drawn: {e}").into());
    }
}

/// Lights `want` (or nothing) on `view`'s canvas without redrawing the
/// whole chart: the unlit chart is restored from its copy and only the lit
/// item's marks are painted over it. A pointer move thus costs one image
/// copy and a few shapes instead of every shape and text of the chart.
pub(super) fn highlight(view: &mut View, want: Option<usize>, theme: &Theme, locale: Locale) {
    if !view.painted {
        // Not painted since its last layout (it was away from the viewport,
        // and the observer that paints it has not called yet): its canvas
        // holds an old drawing, which must not become the unlit copy. It is
        // painted unlit first, so that the copy taken below is of the unlit
        // chart: painted with `want` lit, that item would stay lit in every
        // later restore.
        view.active = None;
        paint_now(view, theme, locale);
    }
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
        web_sys::console::error_1(&format!("chart could not be drawn: {e}").into());
    }
}

/// A canvas the size of `canvas` holding a copy of its pixels.
pub(super) fn copy_of(canvas: &HtmlCanvasElement) -> Option<HtmlCanvasElement> {
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

pub(super) fn context_2d(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    canvas.get_context("2d").ok()??.dyn_into().ok()
}

/// How `view` is drawn: at its canvas's pixel density, with its lit item.
pub(super) fn style(view: &View, theme: &Theme, locale: Locale) -> Style {
    Style {
        theme: *theme,
        scale: f64::from(view.canvas.width()) / view.scene.width.max(1.0),
        locale,
        highlight: view.active,
    }
}
