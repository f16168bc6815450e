//! The graphics desk's checks on this article's charts (see the desk
//! reference's checklist): what a reader of each language sees, laid out
//! from `data/` as the site builds it. These check `data/` itself, the
//! first article charted (its timeline, its money chart, its 巴塘 slip): a
//! newsroom that replaces `data/` with another article replaces or removes
//! this file with it.

use std::path::PathBuf;

use article_charts::data::{Dataset, Kind};
use article_charts::layout::{layout, Scene, Shape};
use article_charts::locale::Locale;

fn dataset() -> Dataset {
    let data = article_dataset::load(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data"))
        .unwrap_or_else(|e| panic!("{e}"));
    // Said at once, rather than as a puzzling failure of a check below.
    assert!(
        data.meta.title.en.starts_with("Chenghua's aid to Danba"),
        "tests/editorial.rs checks the charts of data/'s own article, the first charted; \
         data/ now holds \"{}\": this file goes with that article",
        data.meta.title.en
    );
    data
}

/// The texts drawn for each item of a scene, joined in drawing order.
fn item_texts(scene: &Scene) -> Vec<String> {
    let mut out = vec![String::new(); scene.items.len()];
    for m in &scene.marks {
        if let (Shape::Text { text, .. }, Some(item)) = (&m.shape, m.item) {
            out[item].push_str(text);
        }
    }
    out
}

/// Checklist 18: each row of the timeline reads as an event ("2012年 成华区
/// 开始对口援助丹巴"), never as a field name ("…起始年", "…年份", "…届次")
/// or a field with its value ("…届次：第4届").
#[test]
fn timeline_rows_read_as_events_in_every_language() {
    let data = dataset();
    let chart = data
        .charts
        .iter()
        .find(|c| c.kind == Kind::Timeline)
        .expect("the article has a timeline");
    for locale in Locale::ALL {
        for width in [375.0, 1280.0] {
            let rows = item_texts(&layout(&data, chart, locale, width));
            let joined = rows.join(" | ");
            for row in &rows {
                for field in ["起始年", "年份", "届次", "屆次", "Year ", "Edition of"] {
                    assert!(!row.contains(field), "{locale:?} {width}: {row}");
                }
                assert!(
                    !row.contains('：') && !row.contains(": "),
                    "{locale:?} {width}: a field and its value: {row}"
                );
            }
            let festival = match locale {
                Locale::ZhHans => "第四届甘孜州山地文化旅游节",
                Locale::ZhHant => "第四屆甘孜州山地文化旅遊節",
                Locale::En => "4th Garzê mountain culture and tourism festival",
            };
            assert!(joined.contains(festival), "{locale:?} {width}: {joined}");
        }
    }
}

/// A chart's note travels with it into embeds and static images, where no
/// table stands below it: no note may point at one.
#[test]
fn no_chart_note_points_at_a_table_that_is_not_there() {
    let data = dataset();
    for chart in data.charts.iter() {
        for locale in Locale::ALL {
            let note = chart.note.as_ref().map(|n| locale.pick(n)).unwrap_or("");
            for pointer in ["下表", "見下表", "table below", "see the table"] {
                assert!(!note.contains(pointer), "{} {locale:?}: {note}", chart.id);
            }
        }
    }
}

/// The headline and the timeline's title count the same years, or none: the
/// article gives 2012 (pairing) and 2019 (exit), seven years apart, and
/// counts no years itself, so a headline's "eight years" was the page's own
/// and disagreed with the timeline's "seven years after pairing".
#[test]
fn the_headline_and_the_timeline_count_the_same_years() {
    let data = dataset();
    for locale in Locale::ALL {
        let headline = locale.pick(&data.meta.title);
        for count in ["八年", "eight-year", "eight years", "8年"] {
            assert!(!headline.contains(count), "{locale:?}: {headline}");
        }
    }
}

/// A tooltip opens beside the mark the reader points at: on a desktop the
/// timeline's rows span 1,280 px, and the tooltip of the five-year plan's
/// bar, at the right, opened under the row's left edge, 900 px away, over
/// other rows' labels. It is now centred on the item's marks, and still
/// never covers the item's own box.
#[test]
fn a_tooltip_opens_by_the_mark_it_tells_about() {
    use article_charts::hit::{anchor_of, marks_extent, place_beside};
    let data = dataset();
    let size = (300.0, 140.0);
    for chart in data.charts.iter() {
        for (width, viewport) in [(1280.0, (1296.0, 900.0)), (375.0, (391.0, 800.0))] {
            let scene = layout(&data, chart, Locale::ZhHans, width);
            let origin = (8.0, 120.0);
            for item in 0..scene.items.len() {
                let anchor = anchor_of(&scene, item, origin).expect("an item");
                let Some(mark) = marks_extent(&scene, item) else {
                    continue;
                };
                let (left, top) = place_beside(anchor, size, viewport, 8.0);
                let (mark_left, mark_right) = (origin.0 + mark.x, origin.0 + mark.right());
                // Beside or under the mark: at most a hand's breadth away.
                let apart = (mark_left - (left + size.0))
                    .max(left - mark_right)
                    .max(0.0);
                assert!(
                    apart <= 80.0,
                    "{} at {width}: item {item}'s tooltip at x {left}..{} is {apart} px from its mark at {mark_left}..{mark_right}",
                    chart.id,
                    left + size.0
                );
                let a = anchor.item;
                let covers = left < a.right()
                    && a.x < left + size.0
                    && top < a.bottom()
                    && a.y < top + size.1;
                assert!(
                    !covers,
                    "{} at {width}: item {item}'s tooltip covers it",
                    chart.id
                );
            }
        }
    }
}

/// Checklist 17: a figure quoted from the sentence that says 巴塘 (Batang,
/// probably a slip for 丹巴) is flagged [sic] on the page of every language:
/// the English sentence says "[sic]", the Chinese ones quote the article
/// as printed, so their row's note flags it (〔原文如此〕).
#[test]
fn every_batang_slip_is_flagged_in_every_language() {
    use article_charts::markup::tables::all_figures;
    let data = dataset();
    for locale in Locale::ALL {
        let html = all_figures(&data, locale);
        for ind in data
            .indicators
            .iter()
            .filter(|i| i.source.zh.contains("巴塘"))
        {
            let at = html
                .find(&format!("<tr data-indicator=\"{}\"", ind.id))
                .expect("a row per figure");
            let row_at = |at: usize| {
                let row = &html[at..];
                &row[..row.find("</tr>").unwrap_or(row.len())]
            };
            let row = row_at(at);
            // The sentence is quoted once: a later figure of it links to
            // the row that quotes it, whose flag it shares.
            let quoting = row
                .split("data-same=\"")
                .nth(1)
                .and_then(|rest| rest.split('"').next())
                .and_then(|id| html.find(&format!("<tr data-indicator=\"{id}\"")))
                .map_or("", row_at);
            let flag = if locale == Locale::En {
                "[sic]"
            } else {
                "原文如此"
            };
            assert!(
                row.contains(flag) || quoting.contains(flag),
                "{locale:?} {}: no {flag} in {row}",
                ind.id
            );
        }
    }
}

/// Checklist 3 and 12: one unit per axis in every language. The money
/// chart's bars were labelled 2.6亿元 beside 8000余万元; they are now all in
/// 万元 (0.8余亿 would put the article's 余 on the wrong number), with each
/// qualifier as the article words it.
#[test]
fn a_bar_chart_labels_its_figures_in_one_unit() {
    let data = dataset();
    let magnitude = |t: &str| -> &'static str {
        if t.contains('亿') || t.contains('億') || t.contains("billion") {
            "1e8/1e9"
        } else if t.contains('万') || t.contains('萬') || t.contains("million") {
            "1e4/1e6"
        } else {
            "1"
        }
    };
    let mut money = 0;
    for chart in data.charts.iter().filter(|c| c.kind == Kind::Bars) {
        for locale in Locale::ALL {
            let scene = layout(&data, chart, locale, 640.0);
            let values: Vec<&str> = scene
                .marks
                .iter()
                .filter_map(|m| match &m.shape {
                    Shape::Text {
                        text, bold: true, ..
                    } => Some(text.as_str()),
                    _ => None,
                })
                .collect();
            let mut units: Vec<&str> = values.iter().map(|v| magnitude(v)).collect();
            units.dedup();
            assert_eq!(units.len(), 1, "{} {locale:?}: {values:?}", chart.id);
            if values.iter().any(|v| v.contains("8000")) && locale == Locale::ZhHans {
                money += 1;
                assert_eq!(
                    values,
                    ["26000万元", "8000余万元", "1700余万元"],
                    "{}",
                    chart.id
                );
            }
        }
    }
    assert_eq!(money, 1, "the money chart");
}

/// One character for "more than" on the Traditional page: the page's own
/// words (headline, notes, labels, unit words, charts' texts) write 餘, as
/// its figures do (8000餘萬元); only quotations of the article, which
/// prints 余, keep it as printed. The header's data note wrote 余.
#[test]
fn the_traditional_page_writes_one_character_for_more_than() {
    use article_dataset::Words;
    let data = dataset();
    let mut texts: Vec<(&str, &Words)> =
        vec![("title", &data.meta.title), ("source", &data.meta.source)];
    texts.extend(data.meta.dek.iter().map(|w| ("dek", w)));
    texts.extend(data.meta.data_note.iter().map(|w| ("data note", w)));
    for s in data.sections.iter() {
        texts.push(("section", &s.title));
        texts.push(("section", &s.description));
    }
    for c in data.charts.iter() {
        texts.push((&c.id, &c.title));
        texts.extend(c.subtitle.iter().map(|w| (c.id.as_ref(), w)));
        texts.extend(c.note.iter().map(|w| (c.id.as_ref(), w)));
    }
    for i in data.indicators.iter() {
        texts.push((&i.id, &i.label));
        texts.extend(i.note.iter().map(|w| (i.id.as_ref(), w)));
    }
    for (what, words) in texts {
        assert!(!words.zh_hant.contains('余'), "{what}: {}", words.zh_hant);
    }
}
