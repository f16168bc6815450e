//! Years: one measure at the years the article reports, as separate points.

use article_dataset::{Indicator, Quantity};

use crate::decimal::{decimals, within};
use crate::locale::Locale;
use crate::measure::{styled_width, text_width};
use crate::number::{axis_label, format_value, gap_text};
use crate::scene::*;
use crate::theme::Paint;

/// The radius of a point's dot.
const DOT: f64 = 7.0;

/// Rounds a maximum up to a tidy axis end: 16.8 → 20.
fn nice_ceiling(x: f64) -> f64 {
    if x <= 0.0 {
        return 1.0;
    }
    let p = 10f64.powf(x.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * p)
        .find(|&c| c >= x)
        .unwrap_or(10.0 * p)
}

/// The same measure at the reported years only: points, never a line, with
/// the unreported years marked as such.
pub(super) fn years(items: &[(u16, &Indicator)], locale: Locale, width: f64) -> Scene {
    const HEIGHT: f64 = 230.0;
    const TOP: f64 = 40.0;
    const BOTTOM: f64 = 34.0;
    // The value axis is labelled in a gutter of its own, so value labels of
    // the points can never run into it.
    const GUTTER: f64 = 40.0;
    const SIDE: f64 = 34.0;
    let mut scene = Scene::new(width);
    let dated: Vec<(u16, &Indicator, u16)> = items
        .iter()
        .filter_map(|&(i, ind)| ind.period.start().map(|y| (i, ind, y)))
        .collect();
    let (Some(first), Some(last)) = (
        dated.iter().map(|d| d.2).min(),
        dated.iter().map(|d| d.2).max(),
    ) else {
        return scene;
    };
    let max = nice_ceiling(dated.iter().filter_map(|d| d.1.value).fold(0.0, f64::max));
    let base = HEIGHT - BOTTOM;
    let plot_h = base - TOP;
    let span = f64::from(last.saturating_sub(first)).max(1.0);
    let percent = dated
        .first()
        .is_some_and(|d| d.1.unit.quantity == Quantity::Percent);
    let tick = |v: f64| {
        if percent {
            format!("{}%", trim_number(v))
        } else {
            axis_label(v, max, locale)
        }
    };
    // The gutter widens for long tick labels (the largest values have
    // sixteen digits), but never narrows below its usual width.
    let gutter = (0..=2)
        .map(|k| text_width(&tick(max * f64::from(k) / 2.0), SMALL) + 6.0)
        .fold(GUTTER, f64::max);
    let left = gutter + SIDE;
    let x_of =
        |year: u16| left + f64::from(year.saturating_sub(first)) / span * (width - left - SIDE);
    let y_of = |v: f64| base - v / max * plot_h;

    for k in 0..=2 {
        let v = max * f64::from(k) / 2.0;
        let y = y_of(v);
        scene.line((gutter, y), (width, y), Paint::Grid, 1.0, None);
        scene.muted_text((gutter - 6.0, y - SMALL * 0.6), tick(v), Align::Right, None);
    }
    // Year ticks: every year if there is room, else the reported ones.
    let room = (width - left - SIDE) / span;
    for year in first..=last {
        let reported = dated.iter().any(|d| d.2 == year);
        if reported || room >= 38.0 {
            let x = x_of(year);
            scene.line((x, base), (x, base + 4.0), Paint::Grid, 1.0, None);
            let paint = if reported { Paint::Ink } else { Paint::Muted };
            scene.add(
                Shape::Text {
                    at: (x, base + 8.0),
                    text: year.to_string(),
                    size: SMALL,
                    bold: reported,
                    paint,
                    align: Align::Centre,
                },
                None,
            );
        }
    }
    // Gaps between reported years are labelled, not bridged.
    for pair in dated.windows(2) {
        let (a, b) = (pair[0].2, pair[1].2);
        if b > a + 1 {
            let x = (x_of(a) + x_of(b)) / 2.0;
            let text = gap_text(a + 1, b - 1, locale);
            // Kept inside a narrow chart, like the labels of the points.
            let half = (text_width(&text, SMALL) / 2.0).min(width / 2.0);
            scene.muted_text(
                (within(x, half, width - half), base - plot_h * 0.28),
                text,
                Align::Centre,
                None,
            );
        }
    }
    // At least 24 px to touch, but never wider than a year's room: the
    // boxes of adjacent years would overlap, and one of them could then be
    // reached only where the other happens to end.
    let band = within(room * 0.9, room.min(24.0), 90.0);
    let labels = place_labels(&dated, locale, width, gutter, x_of, y_of);
    for ((index, ind, year), label) in dated.iter().zip(labels) {
        let item = scene.items.len();
        let x = x_of(*year);
        let v = ind.value.unwrap_or(0.0);
        let y = y_of(v);
        scene.line((x, y), (x, base), Paint::Qualified, 2.0, Some(item));
        scene.add(
            Shape::Dot {
                centre: (x, y),
                radius: DOT,
                paint: Paint::Accent,
            },
            Some(item),
        );
        scene.add(label, Some(item));
        let (x0, x1) = ((x - band / 2.0).max(0.0), (x + band / 2.0).min(width));
        scene.items.push(Item {
            indicator: *index,
            hit: Rect {
                x: x0,
                y: TOP - 34.0,
                w: x1 - x0,
                h: base - TOP + 44.0,
            },
        });
    }
    scene.height = HEIGHT;
    scene
}

/// The value label of each point, in the order of `dated`: centred above
/// its point, kept clear of the value axis's labels in the gutter and inside
/// the chart, and lifted above any label placed before it that it would run
/// into (close values in adjacent years on a narrow screen), so that every
/// figure stays printed and legible.
fn place_labels(
    dated: &[(u16, &Indicator, u16)],
    locale: Locale,
    width: f64,
    gutter: f64,
    x_of: impl Fn(u16) -> f64,
    y_of: impl Fn(f64) -> f64,
) -> Vec<Shape> {
    const SIZE: f64 = 16.0;
    /// The gap left between a lifted label and the one below it.
    const LEAD: f64 = 2.0;
    let dots: Vec<Rect> = dated
        .iter()
        .map(|(_, ind, year)| {
            let (x, y) = (x_of(*year), y_of(ind.value.unwrap_or(0.0)));
            Rect::spanning((x - DOT, y - DOT), (x + DOT, y + DOT))
        })
        .collect();
    let mut placed: Vec<Shape> = Vec::with_capacity(dated.len());
    for (_, ind, year) in dated {
        let x = x_of(*year);
        let y = y_of(ind.value.unwrap_or(0.0));
        let text = format_value(ind, locale).joined(locale);
        // A long label at the first or last year is moved in from the edge,
        // and off the value axis's labels on the left where there is room.
        let half = (styled_width(&text, SIZE, true) / 2.0).min(width / 2.0);
        let low = if gutter + 2.0 * half <= width {
            gutter + half
        } else {
            half
        };
        let centre = within(x, low, (width - half).max(low));
        let mut label = Shape::Text {
            at: (centre, y - 30.0),
            text,
            size: SIZE,
            bold: true,
            paint: Paint::Ink,
            align: Align::Centre,
        };
        // Each lift clears one label or dot; there are never more to clear
        // than labels placed and dots.
        for _ in 0..placed.len() + dots.len() {
            let extent = label.extent();
            let Some(top) = placed
                .iter()
                .map(Shape::extent)
                .chain(dots.iter().copied())
                .filter(|other| overlap(extent, *other))
                .map(|other| other.y)
                .reduce(f64::min)
            else {
                break;
            };
            if let Shape::Text { at, .. } = &mut label {
                at.1 -= extent.bottom() - top + LEAD;
            }
        }
        // A label is never lifted out of the chart: where labels far too
        // long for the width crowd the top, the last one stays at the edge.
        let above = label.extent().y;
        if above < 0.0 {
            if let Shape::Text { at, .. } = &mut label {
                at.1 -= above;
            }
        }
        placed.push(label);
    }
    placed
}

fn trim_number(v: f64) -> String {
    decimals(v, 1)
}
