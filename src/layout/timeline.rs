//! Timeline: dated events and periods on one year axis.

use article_dataset::{Indicator, Period, Quantity};

use crate::decimal::within;
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
    for (year, x) in year_labels(first, last, track_x, width) {
        scene.muted_text((x, 0.0), year.to_string(), Align::Centre, None);
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
        scene.muted_text((px, mid - SMALL * 0.6), period, align, Some(item));
        y = if beside {
            below.max(mid + TRACK / 2.0) + 6.0
        } else {
            below + TRACK + 6.0
        };
        scene.row_item(*index, top, y - top);
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

/// The years of the axis that are labelled, and where: every year there is
/// room for, first and last included where they fit, each label centred in
/// its own year's band. A label that would have to move out of its band to
/// stay inside the chart is left out rather than set over another year, and
/// no two labels come closer than a gap.
fn year_labels(first: u16, last: u16, track_x: f64, width: f64) -> Vec<(u16, f64)> {
    const GAP: f64 = 6.0;
    let band = (width - track_x) / f64::from(last - first + 1);
    let centre = |y: u16| track_x + (f64::from(y - first) + 0.5) * band;
    let half = |y: u16| text_width(&y.to_string(), SMALL) / 2.0;
    // Where a year's label can stand: centred, or moved inwards at the
    // chart's ends, but never out of its own band.
    let place = |y: u16| {
        let x = within(centre(y), track_x + half(y), width - half(y));
        ((x - centre(y)).abs() <= band / 2.0).then_some(x)
    };
    let room = (2.0 * half(last) + GAP).max(1.0);
    let step = ((room / band).ceil() as u16).max(1);
    let mut labels: Vec<(u16, f64)> = (first..=last)
        .step_by(usize::from(step))
        .filter_map(|y| place(y).map(|x| (y, x)))
        .collect();
    // The last year closes the axis: it replaces the labels it would crowd.
    if let (Some(x), false) = (place(last), labels.last().is_some_and(|l| l.0 == last)) {
        labels.retain(|&(y, lx)| lx + half(y) + GAP <= x - half(last));
        labels.push((last, x));
    }
    labels
}

#[cfg(test)]
mod tests {
    use super::*;

    /// At every width and over every span of years, each label stands in
    /// its own year's band, inside the chart, apart from its neighbours,
    /// and the axis is labelled at both ends when one year's label fits.
    #[test]
    fn year_labels_sit_in_their_own_year_at_any_density() {
        for years in 0..40u16 {
            let (first, last) = (2000, 2000 + years);
            for width in (200..=1300).step_by(7).map(f64::from) {
                for track_x in [0.0, width * 0.42] {
                    let band = (width - track_x) / f64::from(years + 1);
                    let labels = year_labels(first, last, track_x, width);
                    let mut right = f64::NEG_INFINITY;
                    for &(y, x) in &labels {
                        let half = text_width(&y.to_string(), SMALL) / 2.0;
                        let start = track_x + f64::from(y - first) * band;
                        let what =
                            format!("{first}–{last} at {width} px from {track_x}: {y} at {x}");
                        assert!(
                            x >= start - 1e-9 && x <= start + band + 1e-9,
                            "out of its year: {what}"
                        );
                        assert!(
                            x - half >= track_x - 1e-9 && x + half <= width + 1e-9,
                            "off the chart: {what}"
                        );
                        assert!(x - half >= right, "on another label: {what}");
                        right = x + half;
                    }
                    let fits = text_width("2000", SMALL) <= band;
                    if fits {
                        assert_eq!(
                            labels.first().map(|l| l.0),
                            Some(first),
                            "{first}–{last} at {width}"
                        );
                        assert_eq!(
                            labels.last().map(|l| l.0),
                            Some(last),
                            "{first}–{last} at {width}"
                        );
                    }
                    assert!(
                        !labels.is_empty() || band < 8.0,
                        "{first}–{last} at {width}: no label"
                    );
                }
            }
        }
    }
}
