//! A chart framed to stand on its own: title above, notes and source below.
//!
//! On the dashboard a chart's title and caption are HTML around the canvas.
//! A static image (an `og:image`, a `<noscript>` fallback, a print or RSS
//! copy) has no page around it, so [`framed`] draws the same texts the
//! dashboard's `<h3>` and `<figcaption>` show into the scene itself: the title
//! in bold, wrapped, above the chart; the chart's note, the qualifier
//! footnotes and the source line below it. It is pure, like
//! [`crate::layout`], and its scene is drawn by the same [`crate::draw::draw`].
//!
//! The chart inside is [`layout`]'s scene moved down and right; its hover
//! boxes move with it, so hit-testing a framed scene finds the same items.

use article_dataset::{Chart, Dataset};

use crate::layout::layout;
use crate::locale::Locale;
use crate::measure::{wrap, BOLD_WIDTH};
use crate::number::qualifier_notes;
use crate::scene::{shift, Align, Item, Mark, Rect, Scene, Shape, LINE, MIN_WIDTH};
use crate::theme::Paint;

/// Margin around everything, in CSS px, so the image does not end at its ink.
pub const PAD: f64 = 16.0;
/// The title's size: the dashboard's `.chart-title` (1.05rem), bold.
const TITLE: f64 = 17.0;
/// The caption's size: the dashboard's `figcaption` (0.85rem), rounded down.
const NOTE: f64 = 13.0;
/// Space between the title, the chart and the caption.
const GAP: f64 = 12.0;

/// The texts around a chart besides its title, apart so that the page can
/// put the subtitle under the title and the source in the chart's row of
/// links, while a static image stacks them as [`caption`] does.
pub struct CaptionParts {
    /// Measure, place, period and unit.
    pub subtitle: Option<String>,
    /// The chart's note, then the qualifier footnotes (one line).
    pub notes: Vec<String>,
    /// The source line, "来源：…" / "Source: …".
    pub source: String,
}

/// The parts of a chart's caption in a locale.
pub fn caption_parts(data: &Dataset, chart: &Chart, locale: Locale) -> CaptionParts {
    let mut notes = Vec::new();
    if let Some(note) = locale.pick_opt(chart.note.as_ref()) {
        notes.push(note.to_owned());
    }
    let qualifiers = qualifier_notes(data.items(chart), locale);
    if !qualifiers.is_empty() {
        notes.push(qualifiers.join(" "));
    }
    let source = locale.pick(&data.meta.source);
    CaptionParts {
        subtitle: locale.pick_opt(chart.subtitle.as_ref()).map(str::to_owned),
        notes,
        source: format!("{}{}", locale.strings().source, source),
    }
}

/// The lines under a chart's title in a static image: the subtitle, the
/// chart's note, the qualifier footnotes (one line), and the source line.
pub fn caption(data: &Dataset, chart: &Chart, locale: Locale) -> Vec<String> {
    let parts = caption_parts(data, chart, locale);
    let mut lines: Vec<String> = parts.subtitle.into_iter().collect();
    lines.extend(parts.notes);
    lines.push(parts.source);
    lines
}

/// Lays a chart out at `width` CSS px in all, margins, title and caption
/// included. The height is a whole number of CSS px, so an image drawn at
/// twice the density is exactly twice as tall.
pub fn framed(data: &Dataset, chart: &Chart, locale: Locale, width: f64) -> Scene {
    let width = if width.is_finite() {
        width.max(MIN_WIDTH + 2.0 * PAD)
    } else {
        MIN_WIDTH + 2.0 * PAD
    };
    let inner = width - 2.0 * PAD;
    let mut marks = Vec::new();
    let mut y = PAD;
    // `wrap` estimates regular text, so the bold title is wrapped narrower.
    for line in wrap(locale.pick(&chart.title), TITLE, inner / BOLD_WIDTH) {
        marks.push(text(line, (PAD, y), TITLE, true, Paint::Ink));
        y += TITLE * LINE;
    }
    y += GAP - (LINE - 1.0) * TITLE;

    let plot = layout(data, chart, locale, inner);
    let (dx, dy) = (PAD, y);
    marks.extend(plot.marks.into_iter().map(|m| Mark {
        shape: shift(m.shape, dx, dy),
        item: m.item,
    }));
    let items = plot
        .items
        .into_iter()
        .map(|mut item| {
            item.hit = Rect {
                x: item.hit.x + dx,
                y: item.hit.y + dy,
                ..item.hit
            };
            item
        })
        .collect();
    y += plot.height + GAP;

    for paragraph in caption(data, chart, locale) {
        for line in wrap(&paragraph, NOTE, inner) {
            marks.push(text(line, (PAD, y), NOTE, false, Paint::Muted));
            y += NOTE * LINE;
        }
    }
    Scene {
        width,
        height: (y + PAD - (LINE - 1.0) * NOTE).ceil(),
        items,
        marks,
    }
}

/// The smallest text of an image for a phone column, in CSS px: readable
/// without zooming at arm's length (WCAG's "large print" is 14 pt; 14 px is
/// what news apps use for captions).
pub const PHONE_TEXT: f64 = 14.0;

/// A framed chart exactly `width` CSS px wide whose every text is at least
/// `min_text` px: the chart is framed narrower and the whole scene magnified
/// by as much as its smallest text needs. At 360 px (RSS, AMP, WeChat) a
/// framed chart's 12 px ticks would stay 12 px while its labels wrapped more;
/// magnified, the image reads like the 640 px one shown at 1.17 times its
/// size. A chart that cannot be framed narrow enough (narrower than
/// [`MIN_WIDTH`] plus margins) comes out wider than `width`.
pub fn framed_legible(
    data: &Dataset,
    chart: &Chart,
    locale: Locale,
    width: f64,
    min_text: f64,
) -> Scene {
    let mut zoom = 1.0;
    let mut scene = framed(data, chart, locale, width);
    // A narrower frame may lay a chart out differently (a timeline sets its
    // labels above the tracks), with other text sizes; two rounds settle it.
    for _ in 0..3 {
        let smallest = smallest_text(&scene);
        if smallest * zoom >= min_text - 1e-9 || smallest <= 0.0 {
            break;
        }
        zoom = min_text / smallest;
        scene = framed(data, chart, locale, width / zoom);
    }
    let mut scene = magnify(scene, zoom);
    // Dividing and multiplying again may leave a width of 359.99999.
    if (scene.width - width).abs() < 1e-6 {
        scene.width = width;
    }
    scene
}

/// The size of the smallest text of a scene; infinite if it has none.
pub fn smallest_text(scene: &Scene) -> f64 {
    scene
        .marks
        .iter()
        .filter_map(|m| match m.shape {
            Shape::Text { size, .. } => Some(size),
            _ => None,
        })
        .fold(f64::INFINITY, f64::min)
}

/// The scene `zoom` times as large: every coordinate, size, stroke and
/// hover box. The height stays a whole number of CSS px.
fn magnify(scene: Scene, zoom: f64) -> Scene {
    let k = |v: f64| v * zoom;
    let kr = |r: Rect| Rect {
        x: k(r.x),
        y: k(r.y),
        w: k(r.w),
        h: k(r.h),
    };
    let marks = scene
        .marks
        .into_iter()
        .map(|m| Mark {
            shape: match m.shape {
                Shape::Rect { rect, paint } => Shape::Rect {
                    rect: kr(rect),
                    paint,
                },
                Shape::Line {
                    from,
                    to,
                    paint,
                    width,
                } => Shape::Line {
                    from: (k(from.0), k(from.1)),
                    to: (k(to.0), k(to.1)),
                    paint,
                    width: k(width),
                },
                Shape::Dot {
                    centre,
                    radius,
                    paint,
                } => Shape::Dot {
                    centre: (k(centre.0), k(centre.1)),
                    radius: k(radius),
                    paint,
                },
                Shape::Text {
                    at,
                    text,
                    size,
                    bold,
                    paint,
                    align,
                } => Shape::Text {
                    at: (k(at.0), k(at.1)),
                    text,
                    size: k(size),
                    bold,
                    paint,
                    align,
                },
            },
            item: m.item,
        })
        .collect();
    let items = scene
        .items
        .into_iter()
        .map(|item| Item {
            hit: kr(item.hit),
            ..item
        })
        .collect();
    Scene {
        width: k(scene.width),
        height: k(scene.height).ceil(),
        items,
        marks,
    }
}

/// A left-aligned line of text that belongs to no item.
fn text(line: String, at: (f64, f64), size: f64, bold: bool, paint: Paint) -> Mark {
    Mark {
        shape: Shape::Text {
            at,
            text: line,
            size,
            bold,
            paint,
            align: Align::Left,
        },
        item: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::DATASET;
    use crate::hit::hit;

    #[test]
    fn hover_boxes_move_with_the_chart() {
        for chart in DATASET.charts.iter() {
            let plain = layout(&DATASET, chart, Locale::En, 640.0 - 2.0 * PAD);
            let frame = framed(&DATASET, chart, Locale::En, 640.0);
            assert_eq!(plain.items.len(), frame.items.len(), "{}", chart.id);
            let top = frame.items[0].hit.y - plain.items[0].hit.y;
            assert!(
                top > TITLE,
                "{}: the chart starts under its title",
                chart.id
            );
            for (n, (a, b)) in plain.items.iter().zip(&frame.items).enumerate() {
                assert_eq!(a.indicator, b.indicator);
                let moved = Rect {
                    x: a.hit.x + PAD,
                    y: a.hit.y + top,
                    ..a.hit
                };
                assert_eq!(b.hit, moved, "{}", chart.id);
                // Just inside the moved box's corner, the pointer finds the item.
                let (x, y) = (moved.x + 0.5, moved.y + 0.5);
                assert_eq!(hit(&frame, x, y), Some(n), "{}", chart.id);
            }
        }
    }

    #[test]
    fn the_caption_names_the_source_last() {
        for chart in DATASET.charts.iter() {
            for locale in Locale::ALL {
                let lines = caption(&DATASET, chart, locale);
                let last = lines.last().map(String::as_str).unwrap_or_default();
                assert!(last.starts_with(locale.strings().source), "{last}");
            }
        }
    }

    #[test]
    fn a_narrow_or_odd_width_still_frames_a_whole_chart() {
        let chart = &DATASET.charts[0];
        for width in [0.0, -5.0, f64::NAN, f64::INFINITY, 100.0] {
            let scene = framed(&DATASET, chart, Locale::ZhHans, width);
            assert_eq!(scene.width, MIN_WIDTH + 2.0 * PAD);
            assert_eq!(scene.height, scene.height.ceil());
        }
    }
}
