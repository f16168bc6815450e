//! The text for readers who do not see the canvas — summaries, tooltips,
//! table rows — on the made-up second article (`tests/data/second-article`),
//! whose figures these tests know; every chart kind is there.

use std::path::PathBuf;

use article_charts::data::{Chart, Dataset};
use article_charts::locale::Locale;
use article_charts::summary::{
    all_figure_rows, extremes, summary, table_rows, tooltip_text, value_text,
};

fn second_article() -> Dataset {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/second-article");
    article_dataset::load(&dir).unwrap_or_else(|e| panic!("{e}"))
}

fn chart<'a>(data: &'a Dataset, id: &str) -> &'a Chart {
    data.chart(id).unwrap_or_else(|| panic!("no chart {id}"))
}

#[test]
fn a_years_summary_gives_the_trend_with_years_and_units() {
    let data = second_article();
    let c = chart(&data, "roads");
    assert_eq!(
        summary(&data, c, Locale::ZhHans),
        "点图，只有2018年、2021年共2个报告年份的数值，中间年份无数据。由2018年的120公里升至2021年的310公里。"
    );
    assert_eq!(
        summary(&data, c, Locale::En),
        "Dot chart of the 2 reported years only: 2018, 2021; there are no figures for the years between. It rose from 120 km in 2018 to 310 km in 2021."
    );
    assert!(summary(&data, c, Locale::ZhHant)
        .starts_with("點圖，只有2018年、2021年共2個報告年份的數值，中間年份無數據。"));
}

#[test]
fn a_bars_summary_names_the_largest_and_smallest_with_qualifiers() {
    let data = second_article();
    let c = chart(&data, "land");
    let zh = summary(&data, c, Locale::ZhHans);
    assert_eq!(
        zh,
        "条形图，比较3项数字。最大：新增果园，120公顷；最小：新增大棚，12公顷。"
    );
    let en = summary(&data, c, Locale::En);
    assert!(
        en.contains("Largest: New orchards, 120 ha; smallest: New greenhouses, 12 ha."),
        "{en}"
    );
    let hant = summary(&data, c, Locale::ZhHant);
    assert!(hant.contains("最大：新增果園，120公頃"), "{hant}");
    for locale in Locale::ALL {
        let text = summary(&data, c, locale);
        let items: Vec<_> = data.items(c).collect();
        let (max, min) = extremes(&items).unwrap_or_else(|| panic!("no extremes"));
        for ind in [max, min] {
            assert!(
                text.contains(&value_text(ind, locale)),
                "{locale:?}: {text}"
            );
        }
    }
}

#[test]
fn qualifiers_stay_with_every_figure_a_summary_names() {
    let data = second_article();
    let c = chart(&data, "tea");
    assert!(summary(&data, c, Locale::ZhHans).contains("近1200吨"));
    assert!(summary(&data, c, Locale::ZhHant).contains("近1200噸"));
    assert!(summary(&data, c, Locale::En).contains("nearly 1,200 tonnes"));
    let cards = chart(&data, "schools");
    for locale in Locale::ALL {
        let text = summary(&data, cards, locale);
        for ind in data.items(cards) {
            assert!(
                text.contains(&value_text(ind, locale)),
                "{locale:?}: {text}"
            );
        }
    }
    assert!(summary(&data, cards, Locale::En).starts_with(
        "3 figures: Classrooms built, 48 classrooms; Teachers trained, nearly 300 teachers"
    ));
}

#[test]
fn a_timeline_summary_gives_its_span_and_ends() {
    let data = second_article();
    let c = chart(&data, "milestones");
    let en = summary(&data, c, Locale::En);
    assert_eq!(en, "Timeline of 3 events, 2016–2021. Earliest: Pairing begins (2016); latest: Road plan (2018–2021).");
    let zh = summary(&data, c, Locale::ZhHans);
    assert_eq!(zh, "时间线，2016—2021年间的3个事件。最早：结对帮扶开始（2016年）；最晚：修路计划（2018—2021年）。");
}

#[test]
fn every_chart_has_a_summary_in_every_locale_in_its_script() {
    for data in [second_article(), article_charts::data::DATASET.clone()] {
        for c in data.charts.iter() {
            let hans = summary(&data, c, Locale::ZhHans);
            let hant = summary(&data, c, Locale::ZhHant);
            let en = summary(&data, c, Locale::En);
            assert!(
                !hans.is_empty() && !hant.is_empty() && !en.is_empty(),
                "{}",
                c.id
            );
            assert_ne!(
                hans, hant,
                "{}: the Traditional summary is not converted",
                c.id
            );
            assert!(
                !en.chars().any(|ch| ('\u{4e00}'..='\u{9fff}').contains(&ch)),
                "{}: {en}",
                c.id
            );
        }
    }
}

#[test]
fn the_announcement_is_the_tooltip_in_one_line() {
    let data = second_article();
    let ind = data
        .indicator("teachers")
        .unwrap_or_else(|| panic!("no teachers"));
    let t = tooltip_text(ind, Locale::En);
    let said = t.announcement(Locale::En);
    for line in t.lines() {
        assert!(said.contains(line), "{said} lacks {line}");
    }
    assert!(
        said.starts_with("Teachers trained. nearly 300 teachers."),
        "{said}"
    );
    assert!(said.contains("As printed: 近300名"), "{said}");
    assert!(
        said.contains("“Donghe built 48 classrooms"),
        "the English reader gets the translation: {said}"
    );
    let zh = tooltip_text(ind, Locale::ZhHans);
    assert_eq!(
        zh.printed, "",
        "the Chinese tooltip does not repeat the printed figure"
    );
    assert!(zh
        .announcement(Locale::ZhHans)
        .starts_with("培训教师，近300名，"));
    let hant = tooltip_text(ind, Locale::ZhHant);
    assert!(
        hant.source.contains("「東河區援建教室48間"),
        "{}",
        hant.source
    );
}

#[test]
fn table_rows_follow_the_chart_and_quote_the_source_in_the_readers_language() {
    let data = second_article();
    for c in data.charts.iter() {
        for locale in Locale::ALL {
            let rows = table_rows(&data, c, locale);
            let ids: Vec<&str> = data.items(c).map(|i| i.id.as_ref()).collect();
            assert_eq!(rows.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ids);
            for (row, ind) in rows.iter().zip(data.items(c)) {
                assert_eq!(row.source, locale.pick(&ind.source));
                assert!(!row.value.is_empty(), "{}", row.id);
            }
        }
    }
}

/// The table of every figure lists each figure of the data once, in its
/// theme, names the charts that draw it, and gives English readers the
/// Chinese sentence beside the translation.
#[test]
fn the_table_of_every_figure_lists_each_figure_once() {
    let data = second_article();
    for locale in [Locale::ZhHans, Locale::ZhHant, Locale::En] {
        let rows = all_figure_rows(&data, locale);
        let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
        let mut unique = ids.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(
            unique.len(),
            data.indicators.len(),
            "{locale:?}: every figure once"
        );
        assert_eq!(
            ids.len(),
            data.indicators.len(),
            "{locale:?}: no figure twice"
        );
        assert!(
            rows.windows(2).all(|w| w[0].theme <= w[1].theme),
            "grouped by theme"
        );
        for row in &rows {
            let ind = data.indicator(&row.id).expect("a row of a real figure");
            assert!(
                !row.period.is_empty(),
                "{}: a period or words saying there is none",
                row.id
            );
            assert_eq!(row.original.is_some(), !locale.is_chinese(), "{}", row.id);
            for chart in data.charts.iter() {
                let drawn = data.items(chart).any(|i| i.id == ind.id);
                let listed = row
                    .shown_in
                    .iter()
                    .any(|(id, _)| id.as_str() == chart.id.as_ref());
                assert_eq!(drawn, listed, "{} in {}", row.id, chart.id);
            }
        }
    }
    // Figures that no chart of the article draws are in its table all the same.
    let rows = all_figure_rows(&second_article(), Locale::En);
    assert!(
        rows.iter().any(|r| r.shown_in.is_empty()),
        "some figures are table-only"
    );
}
