//! Cards: "by the numbers" tiles for a few headline figures.

use article_dataset::{Indicator, Qualifier, Quantity};

use crate::decimal::within;
use crate::locale::Locale;
use crate::measure::{holds, styled_width, text_width};
use crate::number::{format_period, format_value};
use crate::scene::*;
use crate::theme::Paint;

/// "By the numbers" tiles in a grid that reflows with the width.
pub(super) fn cards(items: &[(u16, &Indicator)], locale: Locale, width: f64) -> Scene {
    const MIN_CARD: f64 = 148.0;
    let mut scene = Scene::new(width);
    let n = items.len().max(1);
    let fit = (((width + GAP) / (MIN_CARD + GAP)).floor() as usize).clamp(1, 4.min(n));
    // Balance the rows: five cards on four columns would leave one alone.
    let rows = n.div_ceil(fit);
    let cols = n.div_ceil(rows);
    let card_w = (width - GAP * (cols as f64 - 1.0)) / cols as f64;
    let inner = card_w - 2.0 * PAD;
    let mut y = 0.0;
    for row in items.chunks(cols) {
        // Every card of a row is as tall as the tallest, so first lay each out.
        let laid: Vec<(Vec<Mark>, f64)> = row
            .iter()
            .map(|(_, ind)| card(ind, locale, inner))
            .collect();
        let row_h = laid.iter().map(|(_, h)| *h).fold(0.0, f64::max) + 2.0 * PAD;
        for (col, ((index, _), (marks, _))) in row.iter().zip(laid).enumerate() {
            let item = scene.items.len();
            let x = col as f64 * (card_w + GAP);
            let rect = Rect {
                x,
                y,
                w: card_w,
                h: row_h,
            };
            scene.items.push(Item {
                indicator: *index,
                hit: rect,
            });
            scene.add(
                Shape::Rect {
                    rect,
                    paint: Paint::Surface,
                },
                Some(item),
            );
            for m in marks {
                scene.add(shift(m.shape, x + PAD, y + PAD), Some(item));
            }
        }
        y += row_h + GAP;
    }
    scene.height = (y - GAP).max(0.0);
    scene
}

/// One card's content at the origin; returns its marks and height.
fn card(ind: &Indicator, locale: Locale, inner: f64) -> (Vec<Mark>, f64) {
    let mut s = Scene::new(inner);
    let f = format_value(ind, locale);
    let number_paint = if ind.value.is_some() {
        Paint::Accent
    } else {
        Paint::Muted
    };
    // A long figure ("¥260 million") is set smaller rather than clipped.
    let big = within(inner / styled_width(&f.number, 1.0, true), 12.0, BIG);
    s.add(
        Shape::Text {
            at: (0.0, BIG - big),
            text: f.number.clone(),
            size: big,
            bold: true,
            paint: number_paint,
            align: Align::Left,
        },
        None,
    );
    let number_w = styled_width(&f.number, big, true);
    let mut y = BIG * 1.2;
    // An "at most" figure has no marks (see `qualifier_marks`), so no bar.
    if ind.value.is_some() && matches!(ind.qualifier, Qualifier::AtLeast | Qualifier::Approx) {
        // A qualified figure gets a small bar under its number carrying the
        // same marks as a bar chart's bar, so "at least" and "nearly" look
        // the same in every chart kind. It stops short of the widest number
        // so that the stub of "at least" stays inside the card.
        let bar = Rect {
            x: 0.0,
            y: y - 2.0,
            w: (number_w.min(inner - super::STUB)).max(4.0),
            h: 6.0,
        };
        s.add(
            Shape::Rect {
                rect: bar,
                paint: number_paint,
            },
            None,
        );
        for m in super::qualifier_marks(ind.qualifier, bar).0 {
            s.add(m, None);
        }
        y += 7.0;
    }
    if !f.unit.is_empty() {
        // Chinese sets no space between a number and its unit ("670亿元",
        // not "670亿 元"); English does ("8,564 people").
        let space = if locale.is_chinese() { 1.0 } else { 4.0 };
        if number_w + space + text_width(&f.unit, FONT) <= inner {
            // The unit sits on the number's baseline.
            s.text(
                (number_w + space, BIG * 0.95 - FONT * 0.95),
                f.unit.clone(),
                FONT,
                Paint::Ink,
                None,
            );
        } else {
            s.text((0.0, y), f.unit.clone(), FONT, Paint::Ink, None);
            y += FONT * LINE;
        }
    }
    y += 4.0;
    let label = locale.pick(&ind.label);
    y = s.paragraph(y, inner, label, FONT, Paint::Ink, None);
    let period = format_period(ind.period, locale);
    // A label that already names its period ("…, by 2019") is not followed
    // by the year again.
    if !period.is_empty() && ind.unit.quantity != Quantity::Year && !holds(label, &period) {
        y = s.paragraph(y, inner, &period, SMALL, Paint::Muted, None);
    }
    if ind.value.is_none() {
        y = s.paragraph(
            y,
            inner,
            locale.strings().unknown,
            SMALL,
            Paint::Muted,
            None,
        );
    }
    (s.marks, y)
}
