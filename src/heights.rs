//! How tall a chart's boxes are at a given width, known at build time so
//! that the prerendered page reserves exactly the room the canvas will take
//! and embed codes carry the height of their column.

use danba_dataset::{Chart, Dataset};

use crate::locale::Locale;

/// The height of a chart's plot (the canvas) at `width` CSS px.
pub fn plot_height(data: &Dataset, chart: &Chart, locale: Locale, width: f64) -> f64 {
    crate::layout::layout(data, chart, locale, width).height
}

/// The height of a chart's embed page in a column `width` CSS px wide.
/// (Stub: the framed image's height; the prerender work makes it the
/// embed page's own.)
pub fn embed_height(data: &Dataset, chart: &Chart, locale: Locale, width: f64) -> f64 {
    crate::frame::framed(data, chart, locale, width).height
}
