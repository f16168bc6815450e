//! Draws a [`Scene`] with plotters on any `DrawingBackend`.
//!
//! This is the only place that turns CSS pixels into device pixels: every
//! coordinate, stroke and font size is multiplied by `scale` (the device
//! pixel ratio on a canvas, 1 or 2 for static images), so text and lines are
//! as sharp as the screen allows. The function never creates a backend; the
//! caller hands one in (a canvas in `web`, SVG in tests).

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters_backend::DrawingBackend;

use plotters::coord::Shift;

use crate::locale::Locale;
use crate::scene::{overlap, Align, Mark, Rect, Scene, Shape};
use crate::theme::{Paint, Rgb, Theme};

/// How to draw a scene.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    /// Colours.
    pub theme: Theme,
    /// Device pixels per CSS pixel.
    pub scale: f64,
    /// The language, for the font stack.
    pub locale: Locale,
    /// The item to highlight, as an index into [`Scene::items`].
    pub highlight: Option<usize>,
}

/// How much larger a lit dot is drawn than an unlit one.
const LIT_DOT_SCALE: f64 = 1.3;

fn colour(theme: &Theme, paint: Paint) -> RGBColor {
    let Rgb(r, g, b) = theme.rgb(paint);
    RGBColor(r, g, b)
}

/// Draws `scene` onto `backend`, which must be `scene.width × scale` by
/// `scene.height × scale` device pixels (it is cleared first).
pub fn draw<DB: DrawingBackend>(
    backend: DB,
    scene: &Scene,
    style: &Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let area = backend.into_drawing_area();
    area.fill(&colour(&style.theme, Paint::Background))?;
    for mark in &scene.marks {
        draw_mark(&area, mark, style)?;
    }
    area.present()
}

/// Draws only the marks of `style.highlight`, lit, over whatever `backend`
/// already shows. Hovering restores a copy of the unlit chart and calls
/// this, so one pointer move repaints a handful of shapes instead of the
/// whole chart with its texts; the result is what [`draw`] with the same
/// highlight gives, as long as no other item's mark is drawn over this one
/// (tested).
pub fn draw_highlight<DB: DrawingBackend>(
    backend: DB,
    scene: &Scene,
    style: &Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let area = backend.into_drawing_area();
    let Some(lit) = style.highlight else {
        return area.present();
    };
    // The boxes painted so far, lit.
    let mut painted: Vec<Rect> = Vec::new();
    for mark in scene.marks.iter().filter(|m| m.item == Some(lit)) {
        if let Shape::Text { .. } = mark.shape {
            // A text looks the same lit or not, and is already on the copy;
            // drawn again over itself its anti-aliased edges would thicken.
            // It is drawn again only where a lit shape was painted over it.
            if !painted.iter().any(|p| overlap(*p, mark.shape.extent())) {
                continue;
            }
        } else {
            painted.push(lit_extent(&mark.shape));
        }
        draw_mark(&area, mark, style)?;
    }
    area.present()
}

/// The box a shape covers when lit: a lit dot is drawn larger.
pub fn lit_extent(shape: &Shape) -> Rect {
    match shape {
        Shape::Dot { centre, radius, .. } => {
            let r = radius * LIT_DOT_SCALE;
            Rect::spanning((centre.0 - r, centre.1 - r), (centre.0 + r, centre.1 + r))
        }
        shape => shape.extent(),
    }
}

/// Draws one mark, in the highlight colours if it belongs to the
/// highlighted item.
fn draw_mark<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    mark: &Mark,
    style: &Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let theme = &style.theme;
    let s = style.scale;
    let px = |v: f64| (v * s).round() as i32;
    let family = style.locale.font_family();
    let lit = mark.item.is_some() && mark.item == style.highlight;
    match &mark.shape {
        Shape::Rect { rect, paint } => {
            let (x0, y0, x1, y1) = (
                px(rect.x),
                px(rect.y),
                px(rect.x + rect.w),
                px(rect.y + rect.h),
            );
            if x1 <= x0 || y1 <= y0 {
                return Ok(());
            }
            let fill = match (lit, paint) {
                (true, Paint::Accent | Paint::Accent2) => Paint::Highlight,
                _ => *paint,
            };
            area.draw(&Rectangle::new(
                [(x0, y0), (x1, y1)],
                colour(theme, fill).filled(),
            ))?;
            if lit && *paint == Paint::Surface {
                // A card is outlined rather than recoloured, so its text
                // keeps its contrast.
                let w = (2.0 * s).round().max(1.0) as u32;
                let inset = (w / 2) as i32;
                area.draw(&Rectangle::new(
                    [(x0 + inset, y0 + inset), (x1 - inset - 1, y1 - inset - 1)],
                    colour(theme, Paint::Highlight).stroke_width(w),
                ))?;
            }
        }
        Shape::Line {
            from,
            to,
            paint,
            width,
        } => {
            let paint = if lit { Paint::Highlight } else { *paint };
            let w = (width * s).round().max(1.0) as u32;
            area.draw(&PathElement::new(
                vec![(px(from.0), px(from.1)), (px(to.0), px(to.1))],
                colour(theme, paint).stroke_width(w),
            ))?;
        }
        Shape::Dot {
            centre,
            radius,
            paint,
        } => {
            let paint = if lit { Paint::Highlight } else { *paint };
            let r = (radius * s * if lit { LIT_DOT_SCALE } else { 1.0 })
                .round()
                .max(1.0) as i32;
            area.draw(&Circle::new(
                (px(centre.0), px(centre.1)),
                r,
                colour(theme, paint).filled(),
            ))?;
        }
        Shape::Text {
            at,
            text,
            size,
            bold,
            paint,
            align,
        } => {
            let h = match align {
                Align::Left => HPos::Left,
                Align::Centre => HPos::Center,
                Align::Right => HPos::Right,
            };
            let font_style = if *bold {
                FontStyle::Bold
            } else {
                FontStyle::Normal
            };
            let font = FontDesc::new(FontFamily::Name(family), size * s, font_style);
            let ink = colour(theme, *paint);
            let text_style = TextStyle::from(font)
                .color(&ink)
                .pos(Pos::new(h, VPos::Top));
            area.draw(&Text::new(text.as_str(), (px(at.0), px(at.1)), text_style))?;
        }
    }
    Ok(())
}
