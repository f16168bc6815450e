//! Timeline: dated events and periods on one year axis.

use article_dataset::{Indicator, Period, Quantity};

use crate::locale::Locale;
use crate::measure::text_width;
use crate::number::{format_period, format_value};
use crate::scene::*;
use crate::strings::fill;
use crate::theme::Paint;

/// Dated events and periods, one row each, on a shared year axis. Wide
/// charts set the label beside its track; narrow ones above it.
pub(super) fn timeline(items: &[(u16, &Indicator)], locale: Locale, width: f64) -> Scene {
    const AXIS: f64 = 22.0;
    const TRACK: f64 = 14.0;
    let mut scene = Scene::new(width);
    // The validator lets only dated figures into a timeline; without one
    // there is no axis to draw.
    let (Some(first), Some(last)) = (
        items.iter().filter_map(|(_, i)| i.period.start()).min(),
        items.iter().filter_map(|(_, i)| i.period.end()).max(),
    ) else {
        return scene;
    };
    let beside = width >= 560.0;
    let label_w = if beside {
        (width * 0.42).min(360.0)
    } else {
        width
    };
    let track_x = if beside { label_w + 16.0 } else { 0.0 };
    let band = (width - track_x) / f64::from(last - first + 1);
    let x_start = |y: u16| track_x + f64::from(y.saturating_sub(first)) * band;
    // Label every year there is room for; the end labels are kept inside.
    let step = ((34.0 / band).ceil() as usize).max(1);
    for (k, year) in (first..=last).enumerate() {
        let half = text_width(&year.to_string(), SMALL) / 2.0;
        let x = (x_start(year) + band / 2.0).clamp(track_x + half, width - half);
        if k % step == 0 {
            scene.add(
                Shape::Text {
                    at: (x, 0.0),
                    text: year.to_string(),
                    size: SMALL,
                    bold: false,
                    paint: Paint::Muted,
                    align: Align::Centre,
                },
                None,
            );
        }
    }
    let mut y = AXIS;
    let rows_top = y;
    // Where the year lines run: beside the labels, the whole height of the
    // rows; under them (narrow), only across each track, so that no line
    // runs through a label.
    // Each span also names the stretch of x its row's period label covers,
    // where no line is drawn.
    let mut grid_spans: Vec<(f64, f64, (f64, f64))> = Vec::new();
    for (index, ind) in items {
        let (Some(start), Some(end)) = (ind.period.start(), ind.period.end()) else {
            continue;
        };
        let item = scene.items.len();
        let top = y;
        let text = if ind.unit.quantity == Quantity::Year {
            locale.pick(&ind.label).to_owned()
        } else if ind.unit.quantity == Quantity::Ordinal && ind.value.is_some() {
            // An edition or a round on a timeline is an event of its year
            // ("第4届茶叶节"), not a field with its value
            // ("…届次：第4届"); its label names the event.
            let f = format_value(ind, locale);
            fill(
                locale.strings().phrases.numbered_event,
                &[
                    ("number", &f.number),
                    ("unit", &f.unit),
                    ("label", locale.pick(&ind.label)),
                ],
            )
        } else {
            let sep = locale.strings().phrases.colon;
            format!(
                "{}{sep}{}",
                locale.pick(&ind.label),
                format_value(ind, locale).joined(locale)
            )
        };
        let below = scene.paragraph(y + 4.0, label_w, &text, FONT, Paint::Ink, Some(item));
        let mid = if beside {
            y + 4.0 + ((below - y - 4.0).max(TRACK)) / 2.0 - 1.0
        } else {
            below + TRACK / 2.0
        };
        let (x0, x1) = (x_start(start), x_start(end) + band);
        // The qualifier's marks, as on bars; they push the period's label
        // out by as much as they reach past the mark.
        let mut past = 0.0;
        if matches!(ind.period, Period::Span(..)) {
            let span = Rect {
                x: x0 + 2.0,
                y: mid - 4.0,
                w: x1 - x0 - 4.0,
                h: 8.0,
            };
            scene.add(
                Shape::Rect {
                    rect: span,
                    paint: Paint::Accent2,
                },
                Some(item),
            );
            let (marks, reach) = super::qualifier_marks(ind.qualifier, span);
            for m in marks {
                // A span that ends at the chart's right edge keeps its stub
                // inside the chart, shortened.
                let m = match m {
                    Shape::Rect { rect, paint } => Shape::Rect {
                        rect: Rect {
                            w: rect.w.min(width - rect.x).max(0.0),
                            ..rect
                        },
                        paint,
                    },
                    other => other,
                };
                scene.add(m, Some(item));
            }
            if reach > 0.0 {
                past = (span.x + span.w + reach - x1).max(0.0);
            }
        } else {
            scene.add(
                Shape::Dot {
                    centre: ((x0 + x1) / 2.0, mid),
                    radius: 6.0,
                    paint: Paint::Accent,
                },
                Some(item),
            );
            // A dot is a bar with no length: the stub of "at least" runs on
            // from its right edge, and "nearly" pales its right third.
            let dot = Rect {
                x: (x0 + x1) / 2.0 - 6.0,
                y: mid - 6.0,
                w: 12.0,
                h: 12.0,
            };
            let (marks, reach) = super::qualifier_marks(ind.qualifier, dot);
            for m in marks {
                scene.add(m, Some(item));
            }
            if reach > 0.0 {
                past = (dot.x + dot.w + reach - x1).max(0.0);
            }
        }
        let x1 = x1 + past;
        let period = format_period(ind.period, locale);
        let pw = text_width(&period, SMALL);
        let (px, align) = if x1 + 6.0 + pw <= width {
            (x1 + 4.0, Align::Left)
        } else if x0 - 4.0 - pw >= 0.0 {
            (x0 - 4.0, Align::Right)
        } else {
            // A long period in a narrow chart has room on neither side of
            // its track; it goes over the track rather than off the chart.
            ((width - pw).max(0.0), Align::Left)
        };
        if !beside {
            let x0 = match align {
                Align::Right => px - pw,
                _ => px,
            };
            grid_spans.push((
                mid - TRACK / 2.0 - 1.0,
                mid + TRACK / 2.0 + 1.0,
                (x0 - 2.0, x0 + pw + 2.0),
            ));
        }
        scene.add(
            Shape::Text {
                at: (px, mid - SMALL * 0.6),
                text: period,
                size: SMALL,
                bold: false,
                paint: Paint::Muted,
                align,
            },
            Some(item),
        );
        y = if beside {
            below.max(mid + TRACK / 2.0) + 6.0
        } else {
            below + TRACK + 6.0
        };
        scene.items.push(Item {
            indicator: *index,
            hit: Rect {
                x: 0.0,
                y: top,
                w: width,
                h: y - top,
            },
        });
    }
    // Faint year lines behind the tracks: placed first so they sit underneath.
    if beside {
        grid_spans.push((rows_top, y, (0.0, 0.0)));
    }
    let mut grid: Vec<Mark> = grid_spans
        .iter()
        .flat_map(|&(top, bottom, (gap0, gap1))| {
            (first..=last + 1).filter_map(move |year| {
                let x = x_start(year).min(width - 0.5).max(track_x + 0.5);
                (x < gap0 || x > gap1).then_some(Mark {
                    shape: Shape::Line {
                        from: (x, top),
                        to: (x, bottom),
                        paint: Paint::Grid,
                        width: 1.0,
                    },
                    item: None,
                })
            })
        })
        .collect();
    grid.append(&mut scene.marks);
    scene.marks = grid;
    scene.height = y;
    scene
}
