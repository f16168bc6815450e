//! Helpers shared by the scene tests (`render.rs`, `frame.rs`): drawing a
//! scene to an SVG string and the extent of a shape by the layout's own
//! text-width estimate.

use danba_charts::draw::{draw, Style};
use danba_charts::layout::{Align, Scene, Shape};
use danba_charts::text::styled_width;
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

/// The horizontal extent of a text by the layout's own estimate.
pub fn text_extent(at: (f64, f64), text: &str, size: f64, bold: bool, align: Align) -> (f64, f64) {
    let w = styled_width(text, size, bold);
    match align {
        Align::Left => (at.0, at.0 + w),
        Align::Centre => (at.0 - w / 2.0, at.0 + w / 2.0),
        Align::Right => (at.0 - w, at.0),
    }
}

/// A box as `(x0, x1, y0, y1)` in CSS px.
pub type Extent = (f64, f64, f64, f64);

/// The box a shape covers.
pub fn extent(shape: &Shape) -> Extent {
    match shape {
        Shape::Rect { rect, .. } => (rect.x, rect.x + rect.w, rect.y, rect.y + rect.h),
        Shape::Line { from, to, .. } => (
            from.0.min(to.0),
            from.0.max(to.0),
            from.1.min(to.1),
            from.1.max(to.1),
        ),
        Shape::Dot { centre, radius, .. } => (
            centre.0 - radius,
            centre.0 + radius,
            centre.1 - radius,
            centre.1 + radius,
        ),
        Shape::Text {
            at,
            text,
            size,
            bold,
            align,
            ..
        } => {
            let (x0, x1) = text_extent(*at, text, *size, *bold, *align);
            (x0, x1, at.1, at.1 + size)
        }
    }
}

/// The first shape of `scene` that leaves it (half a pixel of slack), if any.
pub fn first_outside(scene: &Scene) -> Option<&Shape> {
    scene.marks.iter().map(|m| &m.shape).find(|shape| {
        let (x0, x1, y0, y1) = extent(shape);
        !(x0 >= -0.5 && x1 <= scene.width + 0.5 && y0 >= -0.5 && y1 <= scene.height + 0.5)
    })
}

/// The first two texts of `scene` whose boxes overlap (by more than half a
/// pixel each way), if any.
pub fn first_text_overlap(scene: &Scene) -> Option<(&str, &str)> {
    let boxes: Vec<(Extent, &str)> = scene
        .marks
        .iter()
        .filter_map(|m| match &m.shape {
            Shape::Text { text, .. } => Some((extent(&m.shape), text.as_str())),
            _ => None,
        })
        .collect();
    for (i, (a, a_text)) in boxes.iter().enumerate() {
        for (b, b_text) in &boxes[i + 1..] {
            if a.0 < b.1 - 0.5 && b.0 < a.1 - 0.5 && a.2 < b.3 - 0.5 && b.2 < a.3 - 0.5 {
                return Some((a_text, b_text));
            }
        }
    }
    None
}
