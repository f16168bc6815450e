//! Every chart rendered natively to SVG by the same drawing code the page
//! uses: it must draw without error, show its figures, keep every text and
//! shape inside the chart at every width, and match its snapshot.

use danba_charts::data::{Chart, Kind, DATASET};
use danba_charts::draw::{draw, Style};
use danba_charts::layout::{layout, Align, Scene, Shape};
use danba_charts::text::{format_value, styled_width, Locale};
use danba_charts::theme::Theme;
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
    let scene = layout(&DATASET, chart, locale, width);
    let mut out = String::new();
    {
        let size = (scene.width.ceil() as u32, scene.height.ceil() as u32);
        let backend = SVGBackend::with_string(&mut out, size);
        let style = Style {
            theme,
            scale: 1.0,
            locale,
            highlight,
        };
        if let Err(e) = draw(backend, &scene, &style) {
            panic!("{} ({locale:?}, {width}px) failed to draw: {e:?}", chart.id);
        }
    }
    (scene, out)
}

#[test]
fn every_chart_draws_in_every_locale_theme_and_width() {
    for chart in DATASET.charts.iter() {
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
    for chart in DATASET.charts.iter().filter(|c| c.kind != Kind::Timeline) {
        for locale in Locale::ALL {
            let (_, out) = svg(chart, locale, 640.0, Theme::LIGHT, None);
            for ind in DATASET.items(chart) {
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

/// The horizontal extent of a text by the layout's own estimate.
fn text_extent(at: (f64, f64), text: &str, size: f64, bold: bool, align: Align) -> (f64, f64) {
    let w = styled_width(text, size, bold);
    match align {
        Align::Left => (at.0, at.0 + w),
        Align::Centre => (at.0 - w / 2.0, at.0 + w / 2.0),
        Align::Right => (at.0 - w, at.0),
    }
}

#[test]
fn nothing_leaves_the_chart_at_any_width() {
    for chart in DATASET.charts.iter() {
        for locale in Locale::ALL {
            for width in WIDTHS {
                let scene = layout(&DATASET, chart, locale, width);
                let fits = |x0: f64, x1: f64, y0: f64, y1: f64| {
                    x0 >= -0.5 && x1 <= scene.width + 0.5 && y0 >= -0.5 && y1 <= scene.height + 0.5
                };
                for mark in &scene.marks {
                    let ok = match &mark.shape {
                        Shape::Rect { rect, .. } => {
                            fits(rect.x, rect.x + rect.w, rect.y, rect.y + rect.h)
                        }
                        Shape::Line { from, to, .. } => fits(
                            from.0.min(to.0),
                            from.0.max(to.0),
                            from.1.min(to.1),
                            from.1.max(to.1),
                        ),
                        Shape::Dot { centre, radius, .. } => fits(
                            centre.0 - radius,
                            centre.0 + radius,
                            centre.1 - radius,
                            centre.1 + radius,
                        ),
                        Shape::Text {
                            at,
                            text,
                            size,
                            bold,
                            align,
                            ..
                        } => {
                            let (x0, x1) = text_extent(*at, text, *size, *bold, *align);
                            fits(x0, x1, at.1, at.1 + size)
                        }
                    };
                    assert!(
                        ok,
                        "{} ({locale:?}, {width}px): {:?} leaves the {}×{} chart",
                        chart.id, mark.shape, scene.width, scene.height
                    );
                }
            }
        }
    }
}

#[test]
fn texts_of_one_chart_do_not_overlap() {
    for chart in DATASET.charts.iter() {
        for locale in Locale::ALL {
            for width in [320.0, 375.0, 1080.0] {
                let scene = layout(&DATASET, chart, locale, width);
                let boxes: Vec<(f64, f64, f64, f64, &str)> = scene
                    .marks
                    .iter()
                    .filter_map(|m| match &m.shape {
                        Shape::Text {
                            at,
                            text,
                            size,
                            bold,
                            align,
                            ..
                        } => {
                            let (x0, x1) = text_extent(*at, text, *size, *bold, *align);
                            Some((x0, x1, at.1, at.1 + size, text.as_str()))
                        }
                        _ => None,
                    })
                    .collect();
                for (i, a) in boxes.iter().enumerate() {
                    for b in &boxes[i + 1..] {
                        let overlap = a.0 < b.1 - 0.5
                            && b.0 < a.1 - 0.5
                            && a.2 < b.3 - 0.5
                            && b.2 < a.3 - 0.5;
                        assert!(
                            !overlap,
                            "{} ({locale:?}, {width}px): {:?} overlaps {:?}",
                            chart.id, a.4, b.4
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn snapshots_of_every_chart() {
    for chart in DATASET.charts.iter() {
        for locale in Locale::ALL {
            let (_, out) = svg(chart, locale, 640.0, Theme::LIGHT, None);
            insta::assert_snapshot!(format!("{}-{}", chart.id, locale.url_tag()), out);
        }
        // One narrow, dark, highlighted rendering per chart as well.
        let (_, out) = svg(chart, Locale::ZhHans, 320.0, Theme::DARK, Some(0));
        insta::assert_snapshot!(format!("{}-zh-320-dark-highlight", chart.id), out);
    }
}
