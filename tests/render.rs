//! Every chart rendered natively to SVG by the same drawing code the page
//! uses: it must draw without error, show its figures, keep every text and
//! shape inside the chart at every width, and match its snapshot.

mod common;

use article_charts::data::{Chart, Kind};
use article_charts::draw::{draw_highlight, lit_extent, Style};
use article_charts::layout::{layout, overlap, Scene, Shape};
use article_charts::locale::Locale;
use article_charts::number::format_value;
use article_charts::theme::Theme;
use common::{assert_inside, assert_texts_apart, cases, draw_svg, fixture, Case};
use plotters::prelude::SVGBackend;

/// Widths from the narrowest phone to a wide desktop column.
const WIDTHS: [f64; 6] = [200.0, 320.0, 375.0, 480.0, 768.0, 1080.0];

fn svg(
    chart: &Chart,
    locale: Locale,
    width: f64,
    theme: Theme,
    highlight: Option<usize>,
) -> (Scene, String) {
    let scene = layout(fixture(), chart, locale, width);
    let style = Style {
        theme,
        scale: 1.0,
        locale,
        highlight,
    };
    let out = draw_svg(
        &scene,
        &style,
        &format!("{} ({locale:?}, {width}px)", chart.id),
    );
    (scene, out)
}

#[test]
fn every_chart_draws_in_every_locale_theme_and_width() {
    for chart in fixture().charts.iter() {
        for locale in Locale::ALL {
            for theme in [Theme::LIGHT, Theme::DARK] {
                for width in WIDTHS {
                    let (scene, out) = svg(chart, locale, width, theme, Some(0));
                    assert!(out.starts_with("<svg"), "{}: not SVG", chart.id);
                    assert!(!scene.items.is_empty(), "{} shows nothing", chart.id);
                    assert!(scene.height > 0.0, "{} has no height", chart.id);
                }
            }
        }
    }
}

#[test]
fn cards_bars_and_years_print_each_figure() {
    for chart in fixture().charts.iter().filter(|c| c.kind != Kind::Timeline) {
        for locale in Locale::ALL {
            let (_, out) = svg(chart, locale, 640.0, Theme::LIGHT, None);
            for ind in fixture().items(chart) {
                let f = format_value(ind, locale);
                // Cards set number and unit apart; bars and points join them.
                let shown = if chart.kind == Kind::Cards {
                    f.number.clone()
                } else {
                    f.joined(locale)
                };
                let escaped = shown
                    .replace('&', "&amp;")
                    .replace('<', "&lt;")
                    .replace('>', "&gt;");
                assert!(
                    out.contains(&escaped),
                    "{} ({locale:?}) does not show {shown:?} for {}",
                    chart.id,
                    ind.id
                );
            }
        }
    }
}

#[test]
fn nothing_leaves_the_chart_at_any_width() {
    for case in cases(fixture(), layout, &Locale::ALL, &WIDTHS) {
        assert_inside(&case.scene, &case.what);
    }
}

#[test]
fn texts_of_one_chart_do_not_overlap() {
    for case in cases(fixture(), layout, &Locale::ALL, &[320.0, 375.0, 1080.0]) {
        assert_texts_apart(&case.scene, &case.what);
    }
}

/// Hovering paints an item's marks, lit, over a copy of the unlit chart
/// (`draw::draw_highlight`). That equals a full redraw only if no mark of
/// anything else is drawn later over one of the item's marks, lit dots
/// being larger.
#[test]
fn no_later_mark_covers_a_highlighted_item() {
    for Case { scene, what, .. } in cases(fixture(), layout, &Locale::ALL, &WIDTHS) {
        for (i, mark) in scene.marks.iter().enumerate() {
            let Some(item) = mark.item else { continue };
            let lit = lit_extent(&mark.shape);
            let later = scene.marks[i + 1..]
                .iter()
                .find(|m| m.item != Some(item) && overlap(lit, m.shape.extent()));
            if let Some(other) = later {
                panic!(
                    "{what}: {:?} is drawn over item {item}'s {:?}",
                    other.shape, mark.shape
                );
            }
        }
    }
}

/// Lighting an item paints its shapes over the unlit chart but draws its
/// texts again only where a lit shape covers them: a text drawn over itself
/// would look bolder. A lit card is refilled, so its texts come back; a lit
/// bar covers no text of its own, so no text is drawn.
#[test]
fn lighting_an_item_draws_again_only_the_texts_it_covers() {
    let locales = [Locale::ZhHans, Locale::En];
    for case in cases(fixture(), layout, &locales, &[375.0, 1080.0]) {
        let Case {
            chart,
            locale,
            scene,
            what,
            ..
        } = case;
        for i in 0..scene.items.len() {
            let style = Style {
                theme: Theme::LIGHT,
                scale: 1.0,
                locale,
                highlight: Some(i),
            };
            let mut out = String::new();
            {
                let size = (scene.width.ceil() as u32, scene.height.ceil() as u32);
                let backend = SVGBackend::with_string(&mut out, size);
                if let Err(e) = draw_highlight(backend, &scene, &style) {
                    panic!("{}: item {i} failed to draw: {e:?}", chart.id);
                }
            }
            let drawn = out.matches("<text").count();
            let own = scene
                .marks
                .iter()
                .filter(|m| m.item == Some(i) && matches!(m.shape, Shape::Text { .. }))
                .count();
            let where_ = format!("{what}, item {i}");
            match chart.kind {
                Kind::Cards => assert_eq!(drawn, own, "{where_}: a lit card lost texts"),
                Kind::Bars => assert_eq!(drawn, 0, "{where_}: a bar's texts drawn twice"),
                _ => assert!(drawn <= own, "{where_}: {drawn} texts of {own}"),
            }
        }
    }
}

#[test]
fn snapshots_of_every_chart() {
    for chart in fixture().charts.iter() {
        for locale in Locale::ALL {
            let (_, out) = svg(chart, locale, 640.0, Theme::LIGHT, None);
            insta::assert_snapshot!(format!("{}-{}", chart.id, locale.url_tag()), out);
        }
        // One narrow, dark, highlighted rendering per chart as well.
        let (_, out) = svg(chart, Locale::ZhHans, 320.0, Theme::DARK, Some(0));
        insta::assert_snapshot!(format!("{}-zh-320-dark-highlight", chart.id), out);
    }
}
