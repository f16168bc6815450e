//! Old data folders keep building. A desk keeps the data folders of the
//! articles it has published and rebuilds them when the product changes;
//! `tests/data/archive-v1/` is a frozen folder in the format of the release
//! that brought `[meta] languages`, and it must load, lay out and draw
//! however the format grows. The Chinese-only folder is drawn here in every
//! locale too, English included: a page or embed that asks it for English
//! must get a chart, never a panic.

mod common;

use std::path::Path;

use article_charts::data::Dataset;
use article_charts::frame::framed;
use article_charts::layout::layout;
use article_charts::locale::Locale;
use article_charts::summary::{all_figure_rows, summary};
use common::assert_draws;

/// Widths from the narrowest phone to a wide desktop column.
const WIDTHS: [f64; 4] = [200.0, 375.0, 640.0, 1080.0];

/// The data folder `tests/data/NAME`, loaded by the validator.
fn load(name: &str) -> Dataset {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name);
    article_dataset::load(&dir)
        .unwrap_or_else(|e| panic!("tests/data/{name} no longer builds:\n{e}"))
}

/// Lays out, draws and frames every chart of `data` in `locales` at every
/// width, and summarises it, as the page and the static images do.
fn draws_every_chart(data: &Dataset, locales: &[Locale]) {
    assert!(!data.charts.is_empty());
    for chart in data.charts.iter() {
        for &locale in locales {
            for width in WIDTHS {
                let what = format!("{} ({locale:?}, {width}px)", chart.id);
                let scene = layout(data, chart, locale, width);
                assert!(!scene.items.is_empty(), "{what} shows nothing");
                assert!(scene.height > 0.0, "{what} has no height");
                assert_draws(&scene, locale, 1.0, &what);
                let frame = framed(data, chart, locale, width);
                assert!(
                    frame.height > scene.height,
                    "{what}: the frame is not drawn"
                );
                assert_draws(&frame, locale, 1.0, &what);
            }
            assert!(!summary(data, chart, locale).is_empty());
        }
    }
    for &locale in locales {
        assert_eq!(all_figure_rows(data, locale).len(), data.indicators.len());
    }
}

#[test]
fn the_archived_folder_still_loads_and_draws_every_chart() {
    let data = load("archive-v1");
    // Written before languages could be chosen, it is read as Chinese and
    // English, and published in all three locales.
    assert!(data.meta.has_english());
    assert_eq!(Locale::published(&data), Locale::ALL);
    draws_every_chart(&data, Locale::published(&data));
}

#[test]
fn the_chinese_only_folder_draws_in_every_locale_english_included() {
    let data = load("chinese-only");
    assert_eq!(Locale::published(&data), [Locale::ZhHans, Locale::ZhHant]);
    assert_eq!(Locale::En.within(&data), Locale::DEFAULT);
    draws_every_chart(&data, &Locale::ALL);
}
