//! Charts framed for static images (`frame::framed`): the title above and the
//! notes and source below are part of the scene, everything stays inside it
//! at every width, and two framed charts are kept as snapshots.

mod common;

use article_charts::data::Kind;
use article_charts::draw::Style;
use article_charts::frame::{caption, framed, framed_legible, PHONE_TEXT};
use article_charts::layout::Shape;
use article_charts::locale::Locale;
use article_charts::theme::Theme;
use common::{assert_inside, assert_texts_apart, cases, draw_svg, fixture, Case};

/// From the narrowest frame to wider than the static images' 640 px.
const WIDTHS: [f64; 6] = [232.0, 320.0, 375.0, 480.0, 640.0, 1080.0];

/// Every text of a scene run together without white space, so a title or
/// source wrapped over several lines is found whole.
fn all_text(scene: &article_charts::layout::Scene) -> String {
    scene
        .marks
        .iter()
        .filter_map(|m| match &m.shape {
            Shape::Text { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect::<String>()
        .split_whitespace()
        .collect()
}

fn squeezed(text: &str) -> String {
    text.split_whitespace().collect()
}

#[test]
fn the_frame_shows_title_caption_and_source() {
    for chart in fixture().charts.iter() {
        for locale in Locale::ALL {
            for width in [320.0, 640.0] {
                let scene = framed(fixture(), chart, locale, width);
                let text = all_text(&scene);
                let lines = caption(fixture(), chart, locale);
                assert!(lines.iter().any(|l| l.starts_with(locale.strings().source)));
                for wanted in std::iter::once(locale.pick(&chart.title))
                    .chain(lines.iter().map(String::as_str))
                {
                    assert!(
                        text.contains(&squeezed(wanted)),
                        "{} ({locale:?}, {width}px) does not show {wanted:?}",
                        chart.id
                    );
                }
                // The title is the first text and is bold.
                let first = scene.marks.iter().find_map(|m| match &m.shape {
                    Shape::Text { text, bold, .. } => Some((text.clone(), *bold)),
                    _ => None,
                });
                assert!(
                    first
                        .is_some_and(|(t, bold)| bold && locale.pick(&chart.title).starts_with(&t)),
                    "{}: the title does not come first",
                    chart.id
                );
            }
        }
    }
}

#[test]
fn the_drawn_image_carries_the_title_and_source() {
    let style = |locale| Style {
        theme: Theme::LIGHT,
        scale: 2.0,
        locale,
        highlight: None,
    };
    for chart in fixture().charts.iter() {
        for locale in Locale::ALL {
            let scene = framed(fixture(), chart, locale, 640.0);
            let out = draw_svg(&scene, &style(locale), chart.id.as_ref());
            let size = format!(
                r#"width="{}" height="{}""#,
                scene.width * 2.0,
                scene.height * 2.0
            );
            assert!(out.contains(&size), "{}: not drawn at 2×: {size}", chart.id);
            let source = locale.pick(&fixture().meta.source);
            // Short enough to stay on one line at 640 px in both languages.
            let head: String = source.chars().take(8).collect();
            assert!(out.contains(&head), "{}: no source {head:?}", chart.id);
        }
    }
}

#[test]
fn nothing_leaves_the_frame_and_no_texts_overlap() {
    for Case { scene, what, .. } in cases(fixture(), framed, &Locale::ALL, &WIDTHS) {
        assert_inside(&scene, &what);
        assert_texts_apart(&scene, &what);
        for item in &scene.items {
            let r = item.hit;
            assert!(
                r.x >= 0.0 && r.y >= 0.0 && r.x + r.w <= scene.width && r.y + r.h <= scene.height,
                "{what}: hover box {r:?} leaves the frame"
            );
        }
    }
}

#[test]
fn the_phone_images_have_no_text_under_14_px_and_stay_360_px_wide() {
    for chart in fixture().charts.iter() {
        for locale in Locale::ALL {
            let scene = framed_legible(fixture(), chart, locale, 360.0, PHONE_TEXT);
            assert_eq!(scene.width, 360.0, "{} ({locale:?})", chart.id);
            assert_eq!(
                scene.height,
                scene.height.ceil(),
                "{} ({locale:?})",
                chart.id
            );
            let mut texts = 0;
            for mark in &scene.marks {
                if let Shape::Text { text, size, .. } = &mark.shape {
                    texts += 1;
                    assert!(
                        *size >= 14.0,
                        "{} ({locale:?}): {text:?} is {size} px in the 360 px image",
                        chart.id
                    );
                }
            }
            assert!(texts > 3, "{} ({locale:?}): only {texts} texts", chart.id);
            let what = format!("{} ({locale:?}, the 360 px image)", chart.id);
            assert_inside(&scene, &what);
            assert_texts_apart(&scene, &what);
        }
    }
}

#[test]
fn snapshots_of_framed_charts() {
    // One chart of cards in Chinese and one of bars in English, as the static
    // images draw them.
    let picks = [(Kind::Cards, Locale::ZhHans), (Kind::Bars, Locale::En)];
    for (kind, locale) in picks {
        let Some(chart) = fixture().charts.iter().find(|c| c.kind == kind) else {
            panic!("no chart of kind {kind:?}");
        };
        let scene = framed(fixture(), chart, locale, 640.0);
        let style = Style {
            theme: Theme::LIGHT,
            scale: 1.0,
            locale,
            highlight: None,
        };
        let out = draw_svg(&scene, &style, chart.id.as_ref());
        insta::assert_snapshot!(format!("framed-{}-{}", chart.id, locale.url_tag()), out);
    }
}
