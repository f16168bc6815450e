//! Helpers shared by the scene tests (`render.rs`, `frame.rs`, `hit.rs`,
//! `archive.rs`, `edge_values.rs`): laying out every chart of a data folder
//! in each language at each width, drawing a scene to an SVG string, and
//! finding shapes that leave the scene or texts that overlap, by the
//! layout's own extents.

// Each test binary compiles this module and uses only some of it.
#![allow(dead_code)]

use std::path::Path;
use std::sync::OnceLock;

use article_charts::data::{Chart, Dataset};
use article_charts::draw::{draw, Style};
use article_charts::locale::Locale;
use article_charts::scene::{overlap, Rect, Scene, Shape};
use article_charts::theme::Theme;
use plotters::prelude::SVGBackend;

/// Draws `scene` to SVG at `style.scale`, failing the test with `what` if
/// drawing fails.
pub fn draw_svg(scene: &Scene, style: &Style, what: &str) -> String {
    let mut out = String::new();
    {
        let size = (
            (scene.width * style.scale).ceil() as u32,
            (scene.height * style.scale).ceil() as u32,
        );
        let backend = SVGBackend::with_string(&mut out, size);
        if let Err(e) = draw(backend, scene, style) {
            panic!("{what} failed to draw: {e:?}");
        }
    }
    out
}

/// One chart laid out in one language at one width.
pub struct Case<'a> {
    pub chart: &'a Chart,
    pub locale: Locale,
    pub width: f64,
    pub scene: Scene,
    /// Which case this is, for messages: "ID (Locale, WIDTHpx)".
    pub what: String,
}

/// Every chart of `data` in each of `locales` at each of `widths`, laid out
/// by `make`: `layout::layout` for the page, `frame::framed` for the static
/// images.
pub fn cases<'a>(
    data: &'a Dataset,
    make: fn(&Dataset, &Chart, Locale, f64) -> Scene,
    locales: &'a [Locale],
    widths: &'a [f64],
) -> impl Iterator<Item = Case<'a>> + 'a {
    data.charts.iter().flat_map(move |chart| {
        locales.iter().flat_map(move |&locale| {
            widths.iter().map(move |&width| Case {
                chart,
                locale,
                width,
                scene: make(data, chart, locale, width),
                what: format!("{} ({locale:?}, {width}px)", chart.id),
            })
        })
    })
}

/// Draws `scene` in the light theme at `scale` with its first item lit,
/// failing the test with `what` unless that makes an SVG document.
pub fn assert_draws(scene: &Scene, locale: Locale, scale: f64, what: &str) {
    let style = Style {
        theme: Theme::LIGHT,
        scale,
        locale,
        highlight: Some(0),
    };
    assert!(draw_svg(scene, &style, what).starts_with("<svg"), "{what}");
}

/// Fails the test with `what` if a shape of `scene` leaves it.
pub fn assert_inside(scene: &Scene, what: &str) {
    if let Some(shape) = first_outside(scene) {
        panic!(
            "{what}: {shape:?} leaves the {}×{} scene",
            scene.width, scene.height
        );
    }
}

/// Fails the test with `what` if two texts of `scene` overlap.
pub fn assert_texts_apart(scene: &Scene, what: &str) {
    if let Some((a, b)) = first_text_overlap(scene) {
        panic!("{what}: {a:?} overlaps {b:?}");
    }
}

/// The first shape of `scene` that leaves it (half a pixel of slack), if any.
pub fn first_outside(scene: &Scene) -> Option<&Shape> {
    scene.marks.iter().map(|m| &m.shape).find(|shape| {
        let r = shape.extent();
        !(r.x >= -0.5
            && r.right() <= scene.width + 0.5
            && r.y >= -0.5
            && r.bottom() <= scene.height + 0.5)
    })
}

/// The first two texts of `scene` whose boxes overlap (by more than half a
/// pixel each way), if any.
pub fn first_text_overlap(scene: &Scene) -> Option<(&str, &str)> {
    let boxes: Vec<(Rect, &str)> = scene
        .marks
        .iter()
        .filter_map(|m| match &m.shape {
            Shape::Text { text, .. } => Some((m.shape.extent(), text.as_str())),
            _ => None,
        })
        .collect();
    for (i, (a, a_text)) in boxes.iter().enumerate() {
        for (b, b_text) in &boxes[i + 1..] {
            if overlap(*a, *b) {
                return Some((a_text, b_text));
            }
        }
    }
    None
}

/// The data folder the drawing, hit and frame tests run on: a made-up
/// article with every kind of chart, so that a newsroom replacing `data/`
/// with its own article breaks none of them. `ARTICLE_CHARTS_FIXTURE` names
/// another folder (relative to the workspace), to check the layout's
/// invariants on a new article: `ARTICLE_CHARTS_FIXTURE=data cargo test
/// --test render --test frame --test hit` (the snapshots then differ, as
/// they are the fixture's). Loaded once per test binary.
pub fn fixture() -> &'static Dataset {
    static FIXTURE: OnceLock<Dataset> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let folder = std::env::var("ARTICLE_CHARTS_FIXTURE")
            .unwrap_or_else(|_| "tests/data/second-article".to_owned());
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
        article_dataset::load(&dir).unwrap_or_else(|e| panic!("the fixture is not valid:\n{e}"))
    })
}
