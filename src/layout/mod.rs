//! Where everything of a chart goes, computed before anything is drawn.
//!
//! [`layout`] turns a chart, a locale and a width into a [`Scene`] (see
//! `crate::scene`): shapes to draw and the hover box of every item. It is
//! pure and knows nothing of any backend, so the same scene is drawn on a
//! canvas, to SVG in the tests, and hit-tested by `crate::hit`. Each chart
//! kind has a module of its own.

use article_dataset::{Chart, Dataset, Indicator, Kind, Qualifier};

use crate::locale::Locale;
use crate::number::format_period;
pub use crate::scene::{overlap, Align, Item, Mark, Rect, Scene, Shape, MIN_WIDTH};
use crate::strings::fill;

mod bars;
mod cards;
mod timeline;
mod years;

/// Whether a chart needs a whole row of the page's two-column grid: a
/// timeline reads along its years, and more than two cards need the width;
/// bars, years and a pair of cards sit side by side.
pub fn spans_the_row(chart: &Chart) -> bool {
    match chart.kind {
        Kind::Timeline => true,
        Kind::Cards => chart.items.len() > 2,
        Kind::Bars | Kind::Years => false,
    }
}

/// Which charts of a section, in page order, take a whole row of a
/// two-column grid: those that need it ([`spans_the_row`]), and a narrow
/// chart with no narrow neighbour to share its row, which would otherwise
/// leave half a row empty beside it.
pub fn whole_rows(needs_row: &[bool]) -> Vec<bool> {
    let mut out = needs_row.to_vec();
    let mut i = 0;
    while i < out.len() {
        if out[i] {
            i += 1;
        } else if out.get(i + 1) == Some(&false) {
            // Two narrow charts share one row.
            i += 2;
        } else {
            out[i] = true;
            i += 1;
        }
    }
    out
}

/// For every chart of `charts` (in page order), whether it takes a whole
/// row of its section's grid ([`whole_rows`] within each section).
pub fn wide_charts(charts: &[&Chart]) -> Vec<bool> {
    let mut out = Vec::with_capacity(charts.len());
    let mut start = 0;
    while start < charts.len() {
        let section = charts[start].section;
        let end = charts[start..]
            .iter()
            .position(|c| c.section != section)
            .map_or(charts.len(), |n| start + n);
        let needs: Vec<bool> = charts[start..end]
            .iter()
            .map(|c| spans_the_row(c))
            .collect();
        out.extend(whole_rows(&needs));
        start = end;
    }
    out
}

/// The figures of `chart`, each with its index in `data`: with the chart's
/// kind, the locale and the width, all that [`layout`] reads.
fn items<'d>(data: &'d Dataset, chart: &Chart) -> Vec<(u16, &'d Indicator)> {
    chart
        .items
        .iter()
        .filter_map(|&i| data.indicators.get(usize::from(i)).map(|ind| (i, ind)))
        .collect()
}

/// Everything [`layout`] reads of `data`, `chart` and `locale`, written
/// out: where two calls give the same text, their scenes are the same at
/// every width. A build keeps what it computed of a chart at many widths
/// (its heights) by this text and reuses it while the chart's figures stay
/// as they were; a layout that came to read anything more must write it
/// here too.
pub fn inputs(data: &Dataset, chart: &Chart, locale: Locale) -> String {
    format!("{:?}\n{:?}\n{:?}", chart.kind, locale, items(data, chart))
}

/// Lays a chart out at `width` CSS px.
pub fn layout(data: &Dataset, chart: &Chart, locale: Locale, width: f64) -> Scene {
    let width = if width.is_finite() {
        width.max(MIN_WIDTH)
    } else {
        MIN_WIDTH
    };
    let items = items(data, chart);
    let mut scene = match chart.kind {
        Kind::Cards => cards::cards(&items, locale, width),
        Kind::Bars => bars::bars(&items, locale, width),
        Kind::Years => years::years(&items, locale, width),
        Kind::Timeline => timeline::timeline(&items, locale, width),
    };
    // A whole number of CSS px: the canvas's backing store has a whole
    // number of device pixels, and a box of 142.59 px showed a store of 143
    // rows squeezed into it, every edge blurred. The page's plot boxes take
    // the same height (`heights.rs`), so nothing moves when the canvas
    // replaces the picture.
    scene.height = scene.height.ceil();
    scene
}

/// How far the pale stub of an "at least" figure runs past its mark.
pub(crate) const STUB: f64 = 10.0;

/// The marks of a figure's qualifier at the end of a bar-like mark `bar` (a
/// bar, a timeline's span, the small bar under a card's number), drawn the
/// same in every chart kind: "at least" (余/多) is a pale stub past the end,
/// as the figure runs on past what is stated; "nearly" (近) paints the
/// bar's own last stretch pale, as the figure stops short of it. Exact
/// figures have none, and neither have "at most" figures (以下/不到): the
/// bar is drawn to the stated figure and its label carries the article's
/// word, as a stub past the end would say the opposite. Returns the marks and how far past the bar's end they
/// reach, so that a label after them can make room.
pub(crate) fn qualifier_marks(qualifier: Qualifier, bar: Rect) -> (Vec<Shape>, f64) {
    let pale = crate::theme::Paint::Qualified;
    match qualifier {
        Qualifier::Exact | Qualifier::AtMost => (Vec::new(), 0.0),
        Qualifier::AtLeast => (
            vec![Shape::Rect {
                rect: Rect {
                    x: bar.x + bar.w,
                    y: bar.y + bar.h * 0.3,
                    w: STUB,
                    h: bar.h * 0.4,
                },
                paint: pale,
            }],
            STUB,
        ),
        Qualifier::Approx => {
            let w = STUB.min(bar.w / 3.0);
            (
                vec![Shape::Rect {
                    rect: Rect {
                        x: bar.x + bar.w - w,
                        y: bar.y,
                        w,
                        h: bar.h,
                    },
                    paint: pale,
                }],
                0.0,
            )
        }
    }
}

/// A label with its period, e.g. "旅游节投入（2019年）".
pub(crate) fn label_with_period(ind: &Indicator, locale: Locale) -> String {
    let period = format_period(ind.period, locale);
    let label = locale.pick(&ind.label);
    if period.is_empty() {
        label.to_owned()
    } else {
        fill(
            locale.strings().phrases.bracket,
            &[("text", label), ("inner", &period)],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::{layout, whole_rows};
    use crate::data::DATASET;
    use crate::locale::Locale;

    #[test]
    fn every_chart_is_a_whole_number_of_px_tall() {
        // A canvas of 142.59 CSS px over a backing store of 143 rows was
        // shown resampled, every edge blurred; the odd widths are a
        // phone's column and a fraction of one.
        for chart in DATASET.charts.iter() {
            for locale in Locale::ALL {
                for width in [300.0, 343.5, 358.0, 508.0, 1056.0] {
                    let h = layout(&DATASET, chart, locale, width).height;
                    assert_eq!(h, h.ceil(), "{} {locale:?} at {width} px", chart.id);
                }
            }
        }
    }

    #[test]
    fn no_narrow_chart_is_left_alone_in_its_row() {
        assert_eq!(whole_rows(&[false, false]), [false, false]);
        assert_eq!(whole_rows(&[false]), [true]);
        assert_eq!(
            whole_rows(&[false, true, false, false]),
            [true, true, false, false]
        );
        assert_eq!(whole_rows(&[false, false, false]), [false, false, true]);
        assert_eq!(
            whole_rows(&[true, false, false, true]),
            [true, false, false, true]
        );
        assert_eq!(whole_rows(&[]), Vec::<bool>::new());
    }
}
