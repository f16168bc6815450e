//! A chart framed to stand on its own: title above, notes and source below.
//!
//! On the dashboard a chart's title and caption are HTML around the canvas.
//! A static image (an `og:image`, a `<noscript>` fallback, a print or RSS
//! copy) has no page around it, so [`framed`] draws the same texts the
//! dashboard's `<h3>` and `<figcaption>` show into the scene itself, in the
//! page's order: the title in bold, wrapped, and the subtitle above the
//! chart; the chart's note, the qualifier footnotes, the source line and
//! the credit below it. It is pure, like
//! [`crate::layout`], and its scene is drawn by the same [`crate::draw::draw`].
//!
//! The chart inside is [`layout`]'s scene moved down and right; its hover
//! boxes move with it, so hit-testing a framed scene finds the same items.

use article_dataset::{Chart, Dataset};

use crate::layout::layout;
use crate::locale::Locale;
use crate::measure::{wrap, BOLD_WIDTH};
use crate::number::qualifier_notes;
use crate::scene::{shift, Align, Item, Mark, Rect, Scene, Shape, LINE, MIN_WIDTH};
use crate::strings::fill;
use crate::theme::Paint;

/// Margin around everything, in CSS px, so the image does not end at its ink.
pub const PAD: f64 = 16.0;
/// The title's size: the dashboard's `.chart-title` (1.05rem), bold.
const TITLE: f64 = 17.0;
/// The caption's size: the dashboard's `figcaption` (0.85rem), rounded down.
const NOTE: f64 = 13.0;
/// Space between the title, the chart and the caption.
const GAP: f64 = 12.0;
/// The subtitle's size: the dashboard's `.chart-subtitle` (0.9rem), rounded
/// down.
const SUBTITLE: f64 = 14.0;
/// Space between the title's last line and the subtitle.
const SUBTITLE_GAP: f64 = 4.0;

/// The texts around a chart besides its title, apart so that the page can
/// put the subtitle under the title and the source in the chart's row of
/// links, while a static image stacks them in the same order: title,
/// subtitle, chart, notes, source, credit.
pub struct CaptionParts {
    /// Measure, place, period and unit.
    pub subtitle: Option<String>,
    /// The chart's note, then the qualifier footnotes (one line).
    pub notes: Vec<String>,
    /// The source line, "来源：…" / "Source: …": the data's origin, with
    /// the outlet and the date of the article where the data folder names
    /// them, so that a copy that leaves the page still says where it is from.
    pub source: String,
    /// The byline's credit on its own line ("文：…" / "Reporting: …"),
    /// where the data folder names the author; a byline is never a source.
    pub credit: Option<String>,
}

/// The parts of a chart's caption in a locale.
pub fn caption_parts(data: &Dataset, chart: &Chart, locale: Locale) -> CaptionParts {
    let mut notes = Vec::new();
    if let Some(note) = locale.pick_opt(chart.note.as_ref()) {
        notes.push(note.to_owned());
    }
    let qualifiers = qualifier_notes(data.items(chart), locale);
    if !qualifiers.is_empty() {
        notes.push(qualifiers.join(" "));
    }
    let credits = &locale.page_strings().credits;
    let credit = locale
        .pick_opt(data.meta.author.as_ref())
        .filter(|a| !a.trim().is_empty())
        .map(|author| fill(credits.author, &[("author", author.trim())]));
    CaptionParts {
        subtitle: locale.pick_opt(chart.subtitle.as_ref()).map(str::to_owned),
        notes,
        source: format!("{}{}", locale.strings().source, source_line(data, locale)),
        credit,
    }
}

/// The source line after "来源：" / "Source: ": the data's origin, then the
/// outlet and the date where the data folder gives them. Nothing is said of
/// an outlet or a date the folder does not name.
pub fn source_line(data: &Dataset, locale: Locale) -> String {
    let credits = &locale.page_strings().credits;
    let source = locale.pick(&data.meta.source);
    // The template adds the title marks a Chinese outlet's name takes; a
    // folder that already wrote them must not get two pairs.
    let publication = locale
        .pick_opt(data.meta.publication.as_ref())
        .map(|p| {
            p.trim()
                .trim_start_matches('《')
                .trim_end_matches('》')
                .trim()
        })
        .filter(|p| !p.is_empty());
    let date = data
        .meta
        .published
        .as_deref()
        .and_then(|d| written_date(d, locale));
    let template = match (&publication, &date) {
        (Some(_), Some(_)) => credits.via_dated,
        (Some(_), None) => credits.via,
        (None, Some(_)) => credits.dated,
        (None, None) => return source.to_owned(),
    };
    fill(
        template,
        &[
            ("source", source),
            ("publication", publication.unwrap_or_default()),
            ("date", date.as_deref().unwrap_or_default()),
        ],
    )
}

/// An ISO date (`2020-05-08`) as `locale` writes a day: 2020年5月8日,
/// 8 May 2020. `None` if it is not one (the validator lets none through).
pub fn written_date(iso: &str, locale: Locale) -> Option<String> {
    let mut parts = iso.trim().splitn(3, '-');
    let y: u32 = parts.next()?.parse().ok()?;
    let m: usize = parts.next()?.parse().ok()?;
    let d: u32 = parts.next()?.parse().ok()?;
    let credits = &locale.page_strings().credits;
    let month = credits.months.get(m.checked_sub(1)?)?;
    if !(1..=31).contains(&d) {
        return None;
    }
    Some(fill(
        credits.date,
        &[
            ("y", &y.to_string()),
            ("month", month),
            ("d", &d.to_string()),
        ],
    ))
}

/// The lines under the chart in a static image, in the page's order: the
/// chart's note, the qualifier footnotes (one line), the source line and
/// the credit. The subtitle is not among them: it stands under the title,
/// above the chart, as on the page.
pub fn caption(data: &Dataset, chart: &Chart, locale: Locale) -> Vec<String> {
    let parts = caption_parts(data, chart, locale);
    let mut lines = parts.notes;
    lines.push(parts.source);
    lines.extend(parts.credit);
    lines
}

/// Lays a chart out at `width` CSS px in all, margins, title and caption
/// included. The height is a whole number of CSS px, so an image drawn at
/// twice the density is exactly twice as tall.
pub fn framed(data: &Dataset, chart: &Chart, locale: Locale, width: f64) -> Scene {
    let width = if width.is_finite() {
        width.max(MIN_WIDTH + 2.0 * PAD)
    } else {
        MIN_WIDTH + 2.0 * PAD
    };
    let inner = width - 2.0 * PAD;
    let mut marks = Vec::new();
    let mut y = PAD;
    // `wrap` estimates regular text, so the bold title is wrapped narrower.
    for line in wrap(locale.pick(&chart.title), TITLE, inner / BOLD_WIDTH) {
        marks.push(text(line, (PAD, y), TITLE, true, Paint::Ink));
        y += TITLE * LINE;
    }
    // The subtitle (measure, place, period, unit) stands under the title,
    // as on the page: an image read without the page must say what the
    // chart measures before the reader reaches the chart.
    y -= (LINE - 1.0) * TITLE;
    if let Some(subtitle) = caption_parts(data, chart, locale).subtitle {
        y += SUBTITLE_GAP;
        for line in wrap(&subtitle, SUBTITLE, inner) {
            marks.push(text(line, (PAD, y), SUBTITLE, false, Paint::Muted));
            y += SUBTITLE * LINE;
        }
        y -= (LINE - 1.0) * SUBTITLE;
    }
    y += GAP;

    let plot = layout(data, chart, locale, inner);
    let (dx, dy) = (PAD, y);
    marks.extend(plot.marks.into_iter().map(|m| Mark {
        shape: shift(m.shape, dx, dy),
        item: m.item,
    }));
    let items = plot
        .items
        .into_iter()
        .map(|mut item| {
            item.hit = Rect {
                x: item.hit.x + dx,
                y: item.hit.y + dy,
                ..item.hit
            };
            item
        })
        .collect();
    y += plot.height + GAP;

    for paragraph in caption(data, chart, locale) {
        for line in wrap(&paragraph, NOTE, inner) {
            marks.push(text(line, (PAD, y), NOTE, false, Paint::Muted));
            y += NOTE * LINE;
        }
    }
    Scene {
        width,
        height: (y + PAD - (LINE - 1.0) * NOTE).ceil(),
        items,
        marks,
    }
}

/// The smallest text of an image for a phone column, in CSS px: readable
/// without zooming at arm's length (WCAG's "large print" is 14 pt; 14 px is
/// what news apps use for captions).
pub const PHONE_TEXT: f64 = 14.0;

/// A framed chart exactly `width` CSS px wide whose every text is at least
/// `min_text` px: the chart is framed narrower and the whole scene magnified
/// by as much as its smallest text needs. At 360 px (RSS, AMP, WeChat) a
/// framed chart's 12 px ticks would stay 12 px while its labels wrapped more;
/// magnified, the image reads like the 640 px one shown at 1.17 times its
/// size. A chart that cannot be framed narrow enough (narrower than
/// [`MIN_WIDTH`] plus margins) comes out wider than `width`.
pub fn framed_legible(
    data: &Dataset,
    chart: &Chart,
    locale: Locale,
    width: f64,
    min_text: f64,
) -> Scene {
    let mut zoom = 1.0;
    let mut scene = framed(data, chart, locale, width);
    // A narrower frame may lay a chart out differently (a timeline sets its
    // labels above the tracks), with other text sizes; two rounds settle it.
    for _ in 0..3 {
        let smallest = smallest_text(&scene);
        if smallest * zoom >= min_text - 1e-9 || smallest <= 0.0 {
            break;
        }
        zoom = min_text / smallest;
        scene = framed(data, chart, locale, width / zoom);
    }
    let mut scene = magnify(scene, zoom);
    // Dividing and multiplying again may leave a width of 359.99999.
    if (scene.width - width).abs() < 1e-6 {
        scene.width = width;
    }
    scene
}

/// The size of the smallest text of a scene; infinite if it has none.
pub fn smallest_text(scene: &Scene) -> f64 {
    scene
        .marks
        .iter()
        .filter_map(|m| match m.shape {
            Shape::Text { size, .. } => Some(size),
            _ => None,
        })
        .fold(f64::INFINITY, f64::min)
}

/// The scene `zoom` times as large: every coordinate, size, stroke and
/// hover box. The height stays a whole number of CSS px.
fn magnify(scene: Scene, zoom: f64) -> Scene {
    let k = |v: f64| v * zoom;
    let kr = |r: Rect| Rect {
        x: k(r.x),
        y: k(r.y),
        w: k(r.w),
        h: k(r.h),
    };
    let marks = scene
        .marks
        .into_iter()
        .map(|m| Mark {
            shape: m.shape.map_geometry(|(x, y)| (k(x), k(y)), k),
            item: m.item,
        })
        .collect();
    let items = scene
        .items
        .into_iter()
        .map(|item| Item {
            hit: kr(item.hit),
            ..item
        })
        .collect();
    Scene {
        width: k(scene.width),
        height: k(scene.height).ceil(),
        items,
        marks,
    }
}

/// A left-aligned line of text that belongs to no item.
fn text(line: String, at: (f64, f64), size: f64, bold: bool, paint: Paint) -> Mark {
    Mark {
        shape: Shape::Text {
            at,
            text: line,
            size,
            bold,
            paint,
            align: Align::Left,
        },
        item: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::DATASET;
    use crate::hit::hit;

    #[test]
    fn hover_boxes_move_with_the_chart() {
        for chart in DATASET.charts.iter() {
            let plain = layout(&DATASET, chart, Locale::En, 640.0 - 2.0 * PAD);
            let frame = framed(&DATASET, chart, Locale::En, 640.0);
            assert_eq!(plain.items.len(), frame.items.len(), "{}", chart.id);
            let top = frame.items[0].hit.y - plain.items[0].hit.y;
            assert!(
                top > TITLE,
                "{}: the chart starts under its title",
                chart.id
            );
            for (n, (a, b)) in plain.items.iter().zip(&frame.items).enumerate() {
                assert_eq!(a.indicator, b.indicator);
                let moved = Rect {
                    x: a.hit.x + PAD,
                    y: a.hit.y + top,
                    ..a.hit
                };
                // The offset is measured back from the boxes, so it may
                // differ from the one applied in the last bit.
                let near = |p: f64, q: f64| (p - q).abs() < 1e-9;
                assert!(
                    near(b.hit.x, moved.x)
                        && near(b.hit.y, moved.y)
                        && near(b.hit.w, moved.w)
                        && near(b.hit.h, moved.h),
                    "{}: {:?} is not {moved:?}",
                    chart.id,
                    b.hit
                );
                // Just inside the moved box's corner, the pointer finds the item.
                let (x, y) = (moved.x + 0.5, moved.y + 0.5);
                assert_eq!(hit(&frame, x, y), Some(n), "{}", chart.id);
            }
        }
    }

    #[test]
    fn the_caption_names_the_source_then_the_credit_last() {
        for chart in DATASET.charts.iter() {
            for locale in Locale::ALL {
                let lines = caption(&DATASET, chart, locale);
                let parts = caption_parts(&DATASET, chart, locale);
                let skip = usize::from(parts.credit.is_some());
                let last = lines
                    .iter()
                    .rev()
                    .nth(skip)
                    .map(String::as_str)
                    .unwrap_or_default();
                assert!(last.starts_with(locale.strings().source), "{last}");
            }
        }
    }

    /// The top of the first text mark that says `text`, if any.
    fn top_of(scene: &Scene, wanted: &str) -> Option<f64> {
        scene.marks.iter().find_map(|m| match &m.shape {
            Shape::Text { text, at, .. } if wanted.starts_with(text.as_str()) => Some(at.1),
            _ => None,
        })
    }

    #[test]
    fn the_image_keeps_the_page_s_order_title_subtitle_chart_notes_source() {
        for chart in DATASET.charts.iter() {
            for locale in Locale::ALL {
                for width in [360.0, 640.0] {
                    let scene = framed(&DATASET, chart, locale, width);
                    let parts = caption_parts(&DATASET, chart, locale);
                    // The chart's own marks: those of its items.
                    let chart_top = scene
                        .items
                        .iter()
                        .map(|i| i.hit.y)
                        .fold(f64::INFINITY, f64::min);
                    let chart_bottom = scene
                        .items
                        .iter()
                        .map(|i| i.hit.y + i.hit.h)
                        .fold(0.0, f64::max);
                    let title = top_of(&scene, locale.pick(&chart.title));
                    let source = top_of(&scene, &parts.source);
                    let (Some(title), Some(source)) = (title, source) else {
                        panic!("{}: no title or source", chart.id);
                    };
                    assert!(title < chart_top, "{}: the title under the chart", chart.id);
                    if let Some(subtitle) = &parts.subtitle {
                        let Some(sub) = top_of(&scene, subtitle) else {
                            panic!("{}: no subtitle", chart.id);
                        };
                        assert!(
                            title < sub && sub < chart_top,
                            "{} ({locale:?}, {width}px): the subtitle at {sub} is not between the title at {title} and the chart at {chart_top}",
                            chart.id
                        );
                    }
                    let mut last = chart_bottom;
                    for note in &parts.notes {
                        let Some(y) = top_of(&scene, note) else {
                            panic!("{}: no note {note:?}", chart.id);
                        };
                        assert!(y > last, "{}: {note:?} out of order", chart.id);
                        last = y;
                    }
                    assert!(source > last, "{}: the source out of order", chart.id);
                }
            }
        }
    }

    #[test]
    fn the_source_names_the_data_then_the_outlet_and_date_and_the_byline_is_a_credit() {
        use article_dataset::Words;
        let mut data = DATASET.clone();
        // The article names its author, not its outlet or its date: the
        // source line says nothing of them.
        data.meta.source = Words {
            zh: "甲县统计局".into(),
            zh_hant: "甲縣統計局".into(),
            en: "Jia County statistics bureau".into(),
        };
        data.meta.author = Some(Words {
            zh: "李明".into(),
            zh_hant: "李明".into(),
            en: "Li Ming".into(),
        });
        data.meta.publication = None;
        data.meta.published = None;
        let chart = &data.charts[0];
        let parts = |data: &Dataset, locale| caption_parts(data, chart, locale);
        let assert_sources = |data: &Dataset, cases: &[(Locale, &str)]| {
            for &(locale, source) in cases {
                assert_eq!(parts(data, locale).source, source, "{locale:?}");
            }
        };
        assert_sources(
            &data,
            &[
                (Locale::ZhHans, "来源：甲县统计局"),
                (Locale::En, "Source: Jia County statistics bureau"),
            ],
        );
        assert_eq!(
            parts(&data, Locale::ZhHans).credit.as_deref(),
            Some("文：李明")
        );
        assert_eq!(
            parts(&data, Locale::En).credit.as_deref(),
            Some("Reporting: Li Ming")
        );
        // The credit is the last line of the image, after the source.
        let lines = caption(&data, chart, Locale::En);
        assert_eq!(lines.last().map(String::as_str), Some("Reporting: Li Ming"));

        data.meta.published = Some("2020-05-08".into());
        assert_sources(
            &data,
            &[
                (Locale::ZhHans, "来源：甲县统计局（2020年5月8日）"),
                (
                    Locale::En,
                    "Source: Jia County statistics bureau, 8 May 2020",
                ),
            ],
        );
        data.meta.publication = Some(Words {
            zh: "《青石日报》".into(),
            zh_hant: "東河日報".into(),
            en: "Qingshi Daily".into(),
        });
        assert_sources(
            &data,
            &[
                (
                    Locale::ZhHans,
                    "来源：甲县统计局，据《青石日报》2020年5月8日报道",
                ),
                (
                    Locale::ZhHant,
                    "來源：甲縣統計局，據《東河日報》2020年5月8日報道",
                ),
                (
                    Locale::En,
                    "Source: Jia County statistics bureau, via Qingshi Daily, 8 May 2020",
                ),
            ],
        );
        data.meta.published = None;
        assert_sources(
            &data,
            &[(
                Locale::En,
                "Source: Jia County statistics bureau, via Qingshi Daily",
            )],
        );
        data.meta.author = None;
        assert_eq!(parts(&data, Locale::En).credit, None);
    }

    #[test]
    fn dates_are_written_as_each_language_writes_a_day() {
        assert_eq!(
            written_date("2020-05-08", Locale::ZhHans).as_deref(),
            Some("2020年5月8日")
        );
        assert_eq!(
            written_date("2021-12-31", Locale::En).as_deref(),
            Some("31 December 2021")
        );
        assert_eq!(written_date("2021-13-01", Locale::En), None);
        assert_eq!(written_date("today", Locale::En), None);
    }

    #[test]
    fn the_seed_article_s_source_is_no_byline() {
        for locale in Locale::ALL {
            let parts = caption_parts(&DATASET, &DATASET.charts[0], locale);
            let Some(author) = locale.pick_opt(DATASET.meta.author.as_ref()) else {
                continue;
            };
            assert!(!parts.source.contains(author), "{}", parts.source);
            assert!(parts.credit.is_some_and(|c| c.contains(author)));
        }
    }

    #[test]
    fn a_narrow_or_odd_width_still_frames_a_whole_chart() {
        let chart = &DATASET.charts[0];
        for width in [0.0, -5.0, f64::NAN, f64::INFINITY, 100.0] {
            let scene = framed(&DATASET, chart, Locale::ZhHans, width);
            assert_eq!(scene.width, MIN_WIDTH + 2.0 * PAD);
            assert_eq!(scene.height, scene.height.ceil());
        }
    }
}
