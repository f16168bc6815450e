//! Bars: figures of one unit compared on one axis.

use article_dataset::Indicator;

use crate::locale::Locale;
use crate::measure::styled_width;
use crate::number::format_values_on_one_axis;
use crate::scene::*;
use crate::theme::Paint;

use super::label_with_period;

/// Horizontal bars on one axis, each labelled above its bar and valued at
/// its end, so nothing depends on a legend and long labels wrap.
pub(super) fn bars(items: &[(u16, &Indicator)], locale: Locale, width: f64) -> Scene {
    const BAR: f64 = 18.0;
    const TAIL: f64 = super::STUB;
    let mut scene = Scene::new(width);
    // One unit on the axis: 26000万元 beside 8000余万元, never 2.6亿元.
    let inds: Vec<&Indicator> = items.iter().map(|(_, i)| *i).collect();
    let values: Vec<String> = format_values_on_one_axis(&inds, locale)
        .iter()
        .map(|f| f.joined(locale))
        .collect();
    let label_room = values
        .iter()
        // Measured as drawn, in bold: with the regular width a long figure
        // ("10000000余亿元") ran past the right edge.
        .map(|v| styled_width(v, FONT, true))
        .fold(0.0, f64::max)
        + TAIL
        + 8.0;
    let max = items
        .iter()
        .filter_map(|(_, i)| i.value)
        .fold(0.0, f64::max);
    // The longest figure keeps its room beside the longest bar even when
    // that leaves the bars little (a value of 10^15 in English at 200 px).
    let span = if label_room <= width * 0.7 {
        width - label_room
    } else {
        (width - label_room).max(2.0)
    };
    let scale = if max > 0.0 { span / max } else { 0.0 };
    let mut y = 0.0;
    for ((index, ind), value) in items.iter().zip(values) {
        let item = scene.items.len();
        let top = y;
        y = scene.paragraph(
            y,
            width,
            &label_with_period(ind, locale),
            FONT,
            Paint::Ink,
            Some(item),
        );
        y += 2.0;
        let v = ind.value.unwrap_or(0.0);
        // A non-zero figure stays visible even when tiny beside the largest.
        let w = if v > 0.0 { (v * scale).max(2.0) } else { 0.0 };
        scene.add(
            Shape::Rect {
                rect: Rect {
                    x: 0.0,
                    y,
                    w,
                    h: BAR,
                },
                paint: Paint::Accent,
            },
            Some(item),
        );
        let bar = Rect {
            x: 0.0,
            y,
            w,
            h: BAR,
        };
        let (marks, past) = super::qualifier_marks(ind.qualifier, bar);
        for m in marks {
            scene.add(m, Some(item));
        }
        let end = w + past;
        scene.add(
            Shape::Text {
                at: (end + 5.0, y + (BAR - FONT) / 2.0 - 1.0),
                text: value,
                size: FONT,
                bold: true,
                paint: Paint::Ink,
                align: Align::Left,
            },
            Some(item),
        );
        y += BAR;
        scene.row_item(*index, top, y - top + GAP / 2.0);
        y += GAP + 4.0;
    }
    let bottom = (y - GAP - 4.0).max(0.0);
    // The zero line runs beside each bar only, not through the labels above
    // them (it crossed the first letter of every label), and goes under the
    // bars.
    let zero: Vec<Mark> = scene
        .marks
        .iter()
        .filter_map(|m| match m.shape {
            Shape::Rect {
                rect,
                paint: Paint::Accent,
            } => Some(Mark {
                shape: Shape::Line {
                    from: (0.5, rect.y - 2.0),
                    to: (0.5, rect.y + rect.h + 2.0),
                    paint: Paint::Grid,
                    width: 1.0,
                },
                item: None,
            }),
            _ => None,
        })
        .collect();
    scene.marks.splice(0..0, zero);
    scene.height = bottom + GAP / 2.0;
    scene
}
