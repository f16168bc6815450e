//! Where everything of a chart goes, computed before anything is drawn.
//!
//! [`layout`] turns a chart, a locale and a width into a [`Scene`] (see
//! `crate::scene`): shapes to draw and the hover box of every item. It is
//! pure and knows nothing of any backend, so the same scene is drawn on a
//! canvas, to SVG in the tests, and hit-tested by `crate::hit`. Each chart
//! kind has a module of its own.

use danba_dataset::{Chart, Dataset, Indicator, Kind};

use crate::locale::Locale;
use crate::number::format_period;
pub use crate::scene::{overlap, Align, Item, Mark, Rect, Scene, Shape, MIN_WIDTH};
use crate::strings::fill;

mod bars;
mod cards;
mod timeline;
mod years;

/// Whether charts of this kind take a whole row of the page's grid: cards
/// and timelines read better wide, bars and years sit side by side.
pub fn spans_the_row(kind: Kind) -> bool {
    matches!(kind, Kind::Cards | Kind::Timeline)
}

/// Lays a chart out at `width` CSS px.
pub fn layout(data: &Dataset, chart: &Chart, locale: Locale, width: f64) -> Scene {
    let width = if width.is_finite() {
        width.max(MIN_WIDTH)
    } else {
        MIN_WIDTH
    };
    let items: Vec<(u16, &Indicator)> = chart
        .items
        .iter()
        .filter_map(|&i| data.indicators.get(usize::from(i)).map(|ind| (i, ind)))
        .collect();
    match chart.kind {
        Kind::Cards => cards::cards(&items, locale, width),
        Kind::Bars => bars::bars(&items, locale, width),
        Kind::Years => years::years(&items, locale, width),
        Kind::Timeline => timeline::timeline(&items, locale, width),
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

