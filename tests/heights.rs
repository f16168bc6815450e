//! The room the embed codes reserve (`heights::reserve`), for every chart
//! and language of this article and of the test articles: never under the
//! embed page's height on a screen from 320 to 1280 px, whole or a
//! fraction of a px wider, and close above it.

use std::path::PathBuf;

use article_charts::data::{Dataset, DATASET};
use article_charts::embed_code::IMAGE_WIDTH;
use article_charts::heights::{
    embed_height, reserve, MARGINS, MAX_STRETCHES, NARROWEST_SCREEN, WIDE_SCREEN,
};
use article_charts::locale::Locale;

fn fixture(name: &str) -> Dataset {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name);
    article_dataset::load(&dir).unwrap_or_else(|e| panic!("{e}"))
}

/// Checks every chart of `data`; returns the most blank room a chart
/// leaves on average over screens from 320 to 672 px.
fn check(data: &Dataset) -> f64 {
    let mut most = 0.0f64;
    for chart in data.charts.iter() {
        for &locale in Locale::published(data) {
            let r = reserve(data, chart, locale);
            let what = format!("{} {locale:?}: {}", chart.id, r.css());
            let mut blank = 0.0;
            for screen in NARROWEST_SCREEN as u32..=1280 {
                for fraction in [0.0, 0.5, 0.99] {
                    let s = f64::from(screen) + fraction;
                    let column = (s - MARGINS).min(IMAGE_WIDTH);
                    let page = embed_height(data, chart, locale, column);
                    assert!(
                        r.at(s) >= page,
                        "{what}: {} px at {s} px for {page}",
                        r.at(s)
                    );
                    if fraction == 0.0 && s <= WIDE_SCREEN {
                        blank += r.at(s) - page;
                    }
                }
            }
            // A 640 px column has exactly its own height, on every wider
            // screen too.
            assert_eq!(
                r.at(1280.0),
                embed_height(data, chart, locale, IMAGE_WIDTH),
                "{what}"
            );
            assert!(r.knots().windows(2).filter(|w| w[0].1 > w[1].1).count() <= MAX_STRETCHES);
            most = most.max(blank / (WIDE_SCREEN - NARROWEST_SCREEN + 1.0));
        }
    }
    most
}

#[test]
fn the_reserve_is_above_the_page_and_close_to_it() {
    // When this was written: 14.8, 6.9 and 0.4 px at most on average.
    for (name, data) in [
        ("data/", DATASET.clone()),
        ("second-article", fixture("second-article")),
        ("chinese-only", fixture("chinese-only")),
    ] {
        let blank = check(&data);
        assert!(
            blank < 20.0,
            "{name}: {blank:.1} px of blank room on average"
        );
    }
}
