//! Values at the edges the validator accepts — 0, the largest (10^15 in base
//! units), tiny beside huge — are drawn like any other: every chart kind lays
//! them out and draws them without error, gives each a hover box, and keeps
//! every shape inside the chart, at every width and in every language.

mod common;

use std::path::PathBuf;

use article_charts::data::{Dataset, Quantity};
use article_charts::hit::hit;
use article_charts::layout::layout;
use article_charts::locale::Locale;
use common::{assert_draws, assert_inside};
use proptest::prelude::*;

/// The largest value the validator accepts, in base units.
const LARGEST: f64 = 1e15;

/// A file of `tests/data/edge/`, read with the vocabulary its figures
/// refer to.
fn edge(name: &str) -> Dataset {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let read = |name: &str| {
        let path = dir.join(name);
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        (name.to_owned(), text)
    };
    article_dataset::parse_files(&[read("vocabulary.toml"), read(&format!("edge/{name}"))])
        .unwrap_or_else(|e| panic!("{e}"))
}

/// The edge file, read with the vocabulary its figures refer to.
fn edge_file() -> Dataset {
    edge("values.toml")
}

/// Lays out and draws every chart of `data` at `width` in every language,
/// failing with what went wrong and where.
fn check_every_chart(data: &Dataset, width: f64) {
    for chart in data.charts.iter() {
        for locale in Locale::ALL {
            let what = format!("{} ({locale:?}, {width}px)", chart.id);
            let scene = layout(data, chart, locale, width);
            assert_eq!(
                scene.items.len(),
                chart.items.len(),
                "{what}: a figure has no box"
            );
            assert!(
                scene.width.is_finite() && scene.height.is_finite() && scene.height > 0.0,
                "{what}: size {}×{}",
                scene.width,
                scene.height
            );
            assert_inside(&scene, &what);
            for (i, item) in scene.items.iter().enumerate() {
                let (x, y) = item.hit.centre();
                assert_eq!(hit(&scene, x, y), Some(i), "{what}: item {i} cannot be hit");
                // Overlapping boxes would make an item reachable only by
                // chance, where its neighbour's box happens to end. Boxes
                // that abut may share a rounding error's width.
                let r = item.hit;
                const ROUNDING: f64 = 1e-9;
                for (j, other) in scene.items.iter().enumerate().skip(i + 1) {
                    let s = other.hit;
                    let overlap = r.x + ROUNDING < s.x + s.w
                        && s.x + ROUNDING < r.x + r.w
                        && r.y + ROUNDING < s.y + s.h
                        && s.y + ROUNDING < r.y + r.h;
                    assert!(
                        !overlap,
                        "{what}: the boxes of items {i} and {j} overlap: {r:?}, {s:?}"
                    );
                }
            }
            assert_draws(&scene, locale, 2.0, &what);
        }
    }
}

#[test]
fn the_edge_file_draws_at_every_width() {
    let data = edge_file();
    for width in [200.0, 320.0, 375.0, 640.0, 1080.0] {
        check_every_chart(&data, width);
    }
}

/// A value the validator would accept for `unit`: 0, the largest, or
/// anything between, whole for counts and money, at most 100 for a percent.
fn value_for(quantity: Quantity, edge: u8, fraction: f64) -> f64 {
    let top = if quantity == Quantity::Percent {
        100.0
    } else {
        LARGEST
    };
    let x = match edge {
        0 => 0.0,
        1 => top,
        _ => fraction * top,
    };
    if quantity.is_whole() {
        x.floor()
    } else {
        x
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Any values at or between the edges, in every chart kind, at any
    /// width, stay drawable and inside the chart.
    #[test]
    fn any_accepted_values_stay_inside_the_chart(
        values in prop::collection::vec((0u8..4, 0.0..=1.0f64), 7),
        width in 120.0..1400.0f64,
    ) {
        let mut data = edge_file();
        for (ind, (edge, fraction)) in data.indicators.to_mut().iter_mut().zip(values) {
            ind.value = Some(value_for(ind.unit.quantity, edge, fraction));
        }
        check_every_chart(&data, width);
    }
}

/// The file of figures in other forms (`edge/forms.toml`): a fraction, a
/// rank, "each", an upper bound, a run of years, figures without a year.
fn forms_file() -> Dataset {
    edge("forms.toml")
}

/// Every text a chart draws, in one string.
fn drawn_text(data: &Dataset, id: &str, locale: Locale) -> String {
    let chart = data.chart(id).unwrap_or_else(|| panic!("no chart {id}"));
    layout(data, chart, locale, 640.0)
        .marks
        .iter()
        .filter_map(|m| match &m.shape {
            article_charts::layout::Shape::Text { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("|")
}

/// Each form validates, is drawn at every width, and reads as the article
/// writes it: 1/4 (not 25%), 第一 / "No. 1", 不到3% / "less than 3%", each
/// school figure as 20所, 连续4年 / "4 years in a row".
#[test]
fn figures_in_other_forms_are_drawn_as_the_article_writes_them() {
    let data = forms_file();
    for width in [200.0, 375.0, 640.0] {
        check_every_chart(&data, width);
    }
    let bars = drawn_text(&data, "forms-shares", Locale::ZhHans);
    assert!(bars.contains("1/4") && !bars.contains("25%"), "{bars}");
    assert!(bars.contains("不到3%"), "{bars}");
    let bars_en = drawn_text(&data, "forms-shares", Locale::En);
    assert!(
        bars_en.contains("1/4") && bars_en.contains("less than 3%"),
        "{bars_en}"
    );
    let cards = drawn_text(&data, "forms-cards", Locale::ZhHans);
    for want in ["第一", "20", "所", "连续4", "年"] {
        assert!(cards.contains(want), "{want} missing: {cards}");
    }
    let cards_en = drawn_text(&data, "forms-cards", Locale::En);
    for want in ["No. 1", "20", "years in a row"] {
        assert!(cards_en.contains(want), "{want} missing: {cards_en}");
    }
    let hant = drawn_text(&data, "forms-cards", Locale::ZhHant);
    assert!(hant.contains("連續4"), "{hant}");
}
