//! Text for readers who do not see the canvas: a chart's summary, the
//! tooltip's lines (also announced when a key moves to an item) and the rows
//! of a chart's data table.
//!
//! Pure functions of the dataset and a locale, so the page, the tests and
//! any static export say the same thing. Every figure is written by
//! [`format_value`], so qualifiers ("380余户", "380+ households", "nearly
//! 200") are never lost on the way to a screen reader.

use danba_dataset::{Chart, Dataset, Indicator, Kind, Period};

use crate::text::{format_period, format_value, Locale};

/// A figure's value as a reader is told it: number, qualifier and unit, and
/// a word that the article lost it when it did.
pub fn value_text(ind: &Indicator, locale: Locale) -> String {
    let value = format_value(ind, locale).joined(locale);
    if ind.value.is_some() {
        return value;
    }
    let unknown = locale.strings().unknown;
    if locale.is_chinese() {
        format!("{value}（{unknown}）")
    } else {
        format!("{value} ({unknown})")
    }
}

/// The lines of the tooltip of one figure; empty lines are not shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TooltipText {
    /// What the figure counts.
    pub label: String,
    /// The value with qualifier and unit.
    pub value: String,
    /// Its year or period.
    pub period: String,
    /// A note on the figure.
    pub note: String,
    /// The figure as printed, on pages not in Chinese.
    pub printed: String,
    /// The article's sentence, quoted (always Simplified Chinese).
    pub source: String,
}

impl TooltipText {
    /// The non-empty lines in the order they are shown.
    pub fn lines(&self) -> impl Iterator<Item = &str> {
        [
            &self.label,
            &self.value,
            &self.period,
            &self.note,
            &self.printed,
            &self.source,
        ]
        .into_iter()
        .map(String::as_str)
        .filter(|l| !l.is_empty())
    }

    /// The whole tooltip as one sentence-separated string, for the live
    /// region that speaks it.
    pub fn announcement(&self, locale: Locale) -> String {
        let sep = if locale.is_chinese() { "，" } else { ". " };
        self.lines().collect::<Vec<_>>().join(sep)
    }
}

/// What the tooltip of a figure says.
pub fn tooltip_text(ind: &Indicator, locale: Locale) -> TooltipText {
    let s = locale.strings();
    TooltipText {
        label: locale.label(ind).to_owned(),
        value: value_text(ind, locale),
        period: format_period(ind.period, locale),
        note: locale.note(ind).unwrap_or("").to_owned(),
        printed: if locale.is_chinese() {
            String::new()
        } else {
            format!("{}: {}", s.as_printed, ind.printed)
        },
        source: format!("{}“{}”", s.quote, ind.source),
    }
}

/// One row of a chart's data table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableRow {
    /// The indicator's id.
    pub id: String,
    /// What the figure counts.
    pub label: String,
    /// Value with qualifier and unit.
    pub value: String,
    /// Year or period; empty when the article gives none.
    pub year: String,
    /// The article's sentence (Simplified Chinese).
    pub source: String,
}

/// The rows of a chart's data table, one per figure, in the chart's order.
pub fn table_rows(data: &Dataset, chart: &Chart, locale: Locale) -> Vec<TableRow> {
    data.items(chart)
        .map(|ind| TableRow {
            id: ind.id.to_string(),
            label: locale.label(ind).to_owned(),
            value: value_text(ind, locale),
            year: format_period(ind.period, locale),
            source: ind.source.to_string(),
        })
        .collect()
}

/// The phrases of a summary in one locale.
struct Phrases {
    /// Separates a label from its value.
    sep: &'static str,
    /// Separates figures in a list.
    list: &'static str,
    /// Ends a sentence.
    stop: &'static str,
}

impl Phrases {
    fn of(locale: Locale) -> Self {
        if locale.is_chinese() {
            Phrases {
                sep: "，",
                list: "；",
                stop: "。",
            }
        } else {
            Phrases {
                sep: ", ",
                list: "; ",
                stop: ". ",
            }
        }
    }
}

/// "label, value" of one figure.
fn figure(ind: &Indicator, locale: Locale) -> String {
    format!(
        "{}{}{}",
        locale.label(ind),
        Phrases::of(locale).sep,
        value_text(ind, locale)
    )
}

/// "label (period)" of one figure.
fn dated(ind: &Indicator, locale: Locale) -> String {
    let period = format_period(ind.period, locale);
    match (period.is_empty(), locale.is_chinese()) {
        (true, _) => locale.label(ind).to_owned(),
        (false, true) => format!("{}（{period}）", locale.label(ind)),
        (false, false) => format!("{} ({period})", locale.label(ind)),
    }
}

/// A count of figures: "5项数字", "5 項數字", "5 figures".
fn count(n: usize, locale: Locale) -> String {
    match locale {
        Locale::ZhHans => format!("{n}项数字"),
        Locale::ZhHant => format!("{n}項數字"),
        Locale::En if n == 1 => "1 figure".to_owned(),
        Locale::En => format!("{n} figures"),
    }
}

/// The largest and smallest known figure, first of equals; `None` without
/// two different known values.
fn extremes<'a>(items: &[&'a Indicator]) -> Option<(&'a Indicator, &'a Indicator)> {
    let known: Vec<(&Indicator, f64)> = items
        .iter()
        .filter_map(|&i| i.value.map(|v| (i, v)))
        .collect();
    let mut max = *known.first()?;
    let mut min = max;
    for &(i, v) in &known[1..] {
        if v > max.1 {
            max = (i, v);
        }
        if v < min.1 {
            min = (i, v);
        }
    }
    (max.1 > min.1).then_some((max.0, min.0))
}

/// "Largest: …; smallest: …." in the locale, or nothing.
fn extremes_sentence(items: &[&Indicator], locale: Locale, years: bool) -> String {
    let Some((max, min)) = extremes(items) else {
        return String::new();
    };
    let p = Phrases::of(locale);
    let (hi, lo) = match (locale, years) {
        (Locale::ZhHans | Locale::ZhHant, true) => ("最高：", "最低："),
        (Locale::ZhHans | Locale::ZhHant, false) => ("最大：", "最小："),
        (Locale::En, true) => ("Highest: ", "lowest: "),
        (Locale::En, false) => ("Largest: ", "smallest: "),
    };
    let (max, min) = if years {
        (dated_figure(max, locale), dated_figure(min, locale))
    } else {
        (figure(max, locale), figure(min, locale))
    };
    format!("{hi}{max}{}{lo}{min}{}", p.list, p.stop)
}

/// "label, value (period)".
fn dated_figure(ind: &Indicator, locale: Locale) -> String {
    format!(
        "{}{}{}",
        dated(ind, locale),
        Phrases::of(locale).sep,
        value_text(ind, locale)
    )
}

/// How many figures of the chart the article lost, as a sentence.
fn lost_sentence(items: &[&Indicator], locale: Locale) -> String {
    let lost = items.iter().filter(|i| i.value.is_none()).count();
    match (lost, locale) {
        (0, _) => String::new(),
        (n, Locale::ZhHans) => format!("其中{n}项数字原文缺失。"),
        (n, Locale::ZhHant) => format!("其中{n}項數字原文缺失。"),
        (1, Locale::En) => "One figure is lost in the source. ".to_owned(),
        (n, Locale::En) => format!("{n} figures are lost in the source. "),
    }
}

/// The trend of a `years` chart from its first to its last reported figure.
fn trend_sentence(items: &[&Indicator], locale: Locale) -> String {
    let dated: Vec<(&Indicator, u16, f64)> = items
        .iter()
        .filter_map(|&i| Some((i, i.period.start()?, i.value?)))
        .collect();
    let (Some(first), Some(last)) = (
        dated.iter().min_by_key(|d| d.1),
        dated.iter().max_by_key(|d| d.1),
    ) else {
        return String::new();
    };
    if first.1 == last.1 {
        return String::new();
    }
    let (a, b) = (value_text(first.0, locale), value_text(last.0, locale));
    let (ya, yb) = (
        format_period(Period::Year(first.1), locale),
        format_period(Period::Year(last.1), locale),
    );
    let change = last.2.partial_cmp(&first.2);
    use std::cmp::Ordering::{Equal, Greater, Less};
    match (locale, change) {
        (Locale::ZhHans | Locale::ZhHant, Some(Less)) => {
            format!("由{ya}的{a}降至{yb}的{b}。")
        }
        (Locale::ZhHans | Locale::ZhHant, Some(Greater)) => {
            format!("由{ya}的{a}升至{yb}的{b}。")
        }
        (Locale::ZhHans, _) => format!("{ya}与{yb}均为{a}。"),
        (Locale::ZhHant, _) => format!("{ya}與{yb}均為{a}。"),
        (Locale::En, Some(Less)) => format!("It fell from {a} in {ya} to {b} in {yb}. "),
        (Locale::En, Some(Greater)) => format!("It rose from {a} in {ya} to {b} in {yb}. "),
        (Locale::En, Some(Equal) | None) => format!("It was {a} in both {ya} and {yb}. "),
    }
}

/// A chart's summary for screen readers: what it shows, its largest and
/// smallest figures where they can be compared (bars and years share one
/// axis), the trend of a `years` chart, the span of a timeline, and how many
/// figures the article lost.
pub fn summary(data: &Dataset, chart: &Chart, locale: Locale) -> String {
    let items: Vec<&Indicator> = data.items(chart).collect();
    let n = items.len();
    let p = Phrases::of(locale);
    let mut out = match chart.kind {
        Kind::Bars => {
            let lead = match locale {
                Locale::ZhHans => format!("条形图，比较{}。", count(n, locale)),
                Locale::ZhHant => format!("條形圖，比較{}。", count(n, locale)),
                Locale::En => format!("Bar chart comparing {}. ", count(n, locale)),
            };
            lead + &extremes_sentence(&items, locale, false)
        }
        Kind::Cards => {
            let list: Vec<String> = items.iter().map(|i| figure(i, locale)).collect();
            let lead = match locale {
                Locale::ZhHans => format!("{}：", count(n, locale)),
                Locale::ZhHant => format!("{}：", count(n, locale)),
                Locale::En => format!("{}: ", capitalise(&count(n, locale))),
            };
            format!("{lead}{}{}", list.join(p.list), p.stop)
        }
        Kind::Years => years_summary(&items, locale),
        Kind::Timeline => timeline_summary(&items, locale),
    };
    out.push_str(&lost_sentence(&items, locale));
    out.trim_end().to_owned()
}

fn years_summary(items: &[&Indicator], locale: Locale) -> String {
    let mut years: Vec<u16> = items.iter().filter_map(|i| i.period.start()).collect();
    years.sort_unstable();
    years.dedup();
    let n = years.len();
    let list: Vec<String> = years
        .iter()
        .map(|&y| format_period(Period::Year(y), locale))
        .collect();
    let gaps = years.windows(2).any(|w| w[1] > w[0] + 1);
    let mut out = match locale {
        Locale::ZhHans => format!("点图，只有{}共{n}个报告年份的数值", list.join("、")),
        Locale::ZhHant => format!("點圖，只有{}共{n}個報告年份的數值", list.join("、")),
        Locale::En => format!(
            "Dot chart of the {n} reported years only: {}",
            list.join(", ")
        ),
    };
    out.push_str(match (gaps, locale) {
        (true, Locale::ZhHans) => "，中间年份无数据。",
        (true, Locale::ZhHant) => "，中間年份無數據。",
        (true, Locale::En) => "; there are no figures for the years between. ",
        (false, Locale::ZhHans | Locale::ZhHant) => "。",
        (false, Locale::En) => ". ",
    });
    out.push_str(&trend_sentence(items, locale));
    // With two points the trend already names both extremes.
    if items.len() > 2 {
        out.push_str(&extremes_sentence(items, locale, true));
    }
    out
}

fn timeline_summary(items: &[&Indicator], locale: Locale) -> String {
    let dated: Vec<&Indicator> = items
        .iter()
        .copied()
        .filter(|i| i.period.start().is_some())
        .collect();
    let first = dated.iter().filter_map(|i| i.period.start()).min();
    let last = dated.iter().filter_map(|i| i.period.end()).max();
    let (Some(first), Some(last)) = (first, last) else {
        return String::new();
    };
    let span = format_period(Period::Span(first, last), locale);
    let n = dated.len();
    // The earliest event starts first; the latest ends last (first of equals).
    let earliest = dated.iter().min_by_key(|i| i.period.start());
    let latest = dated.iter().rev().max_by_key(|i| i.period.end());
    let (Some(earliest), Some(latest)) = (earliest, latest) else {
        return String::new();
    };
    let (e, l) = (dated_name(earliest, locale), dated_name(latest, locale));
    match locale {
        Locale::ZhHans => format!("时间线，{span}间的{n}个事件。最早：{e}；最晚：{l}。"),
        Locale::ZhHant => format!("時間線，{span}間的{n}個事件。最早：{e}；最晚：{l}。"),
        Locale::En => format!("Timeline of {n} events, {span}. Earliest: {e}; latest: {l}. "),
    }
}

/// A timeline event: its label and period (and value, unless the value is
/// the period itself).
fn dated_name(ind: &Indicator, locale: Locale) -> String {
    if ind.unit == danba_dataset::Unit::CalendarYear {
        dated(ind, locale)
    } else {
        dated_figure(ind, locale)
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::DATASET;

    fn chart(id: &str) -> &'static Chart {
        match DATASET.chart(id) {
            Some(c) => c,
            None => panic!("no chart {id} in the dataset"),
        }
    }

    #[test]
    fn a_years_summary_gives_the_trend_with_years_and_units() {
        let c = chart("poverty-rate");
        assert_eq!(
            summary(&DATASET, c, Locale::ZhHans),
            "点图，只有2012年、2019年共2个报告年份的数值，中间年份无数据。由2012年的16.8%降至2019年的0%。"
        );
        assert_eq!(
            summary(&DATASET, c, Locale::En),
            "Dot chart of the 2 reported years only: 2012, 2019; there are no figures for the years between. It fell from 16.8% in 2012 to 0% in 2019."
        );
        assert!(summary(&DATASET, c, Locale::ZhHant)
            .starts_with("點圖，只有2012年、2019年共2個報告年份的數值，中間年份無數據。"));
    }

    #[test]
    fn a_bars_summary_names_the_largest_and_smallest_with_qualifiers() {
        let c = chart("money");
        let zh = summary(&DATASET, c, Locale::ZhHans);
        assert!(zh.starts_with("条形图，比较"), "{zh}");
        assert!(
            zh.contains("最大：财政帮扶资金累计投入，2.6亿元；最小：贝母基地投入，80万元。"),
            "{zh}"
        );
        let en = summary(&DATASET, c, Locale::En);
        assert!(
            en.contains("Largest: Fiscal assistance funds, cumulative, ¥260 million"),
            "{en}"
        );
        let hant = summary(&DATASET, c, Locale::ZhHant);
        assert!(
            hant.contains("最大：財政幫扶資金累計投入，2.6億元"),
            "{hant}"
        );
        // Every figure of the chart that has a qualifier keeps it when named.
        for locale in Locale::ALL {
            let text = summary(&DATASET, c, locale);
            let (max, min) = match extremes(&DATASET.items(c).collect::<Vec<_>>()) {
                Some(x) => x,
                None => panic!("money has no extremes"),
            };
            for ind in [max, min] {
                assert!(
                    text.contains(&value_text(ind, locale)),
                    "{locale:?}: {text}"
                );
            }
        }
    }

    #[test]
    fn a_cards_summary_lists_every_figure_with_its_qualifier() {
        let c = chart("liang-fieldwork");
        for locale in Locale::ALL {
            let text = summary(&DATASET, c, locale);
            for ind in DATASET.items(c) {
                assert!(
                    text.contains(&value_text(ind, locale)),
                    "{locale:?}: {text}"
                );
            }
        }
        assert!(summary(&DATASET, c, Locale::ZhHans).contains("380余户"));
        assert!(summary(&DATASET, c, Locale::ZhHant).contains("380餘戶"));
        assert!(summary(&DATASET, c, Locale::En).contains("380+ households"));
    }

    #[test]
    fn a_lost_figure_is_said_to_be_lost() {
        let c = DATASET
            .charts
            .iter()
            .find(|c| DATASET.items(c).any(|i| i.value.is_none()));
        let Some(c) = c else {
            panic!("the article lost a figure, so some chart shows one")
        };
        assert!(summary(&DATASET, c, Locale::ZhHans).contains("原文缺失"));
        assert!(summary(&DATASET, c, Locale::En).contains("lost in the source"));
    }

    #[test]
    fn a_timeline_summary_gives_its_span_and_ends() {
        let en = summary(&DATASET, chart("timeline"), Locale::En);
        assert!(en.starts_with("Timeline of 14 events, 2012–"), "{en}");
        assert!(
            en.contains("Earliest: Year the pairing began (2012)"),
            "{en}"
        );
        let zh = summary(&DATASET, chart("timeline"), Locale::ZhHans);
        assert!(zh.starts_with("时间线，2012—"), "{zh}");
    }

    #[test]
    fn every_chart_has_a_summary_in_every_locale_in_its_script() {
        for c in DATASET.charts.iter() {
            let hans = summary(&DATASET, c, Locale::ZhHans);
            let hant = summary(&DATASET, c, Locale::ZhHant);
            let en = summary(&DATASET, c, Locale::En);
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

    #[test]
    fn the_announcement_is_the_tooltip_in_one_line() {
        let Some(ind) = DATASET.indicator("liang_households") else {
            panic!("no liang_households")
        };
        let t = tooltip_text(ind, Locale::En);
        let said = t.announcement(Locale::En);
        for line in t.lines() {
            assert!(said.contains(line), "{said} lacks {line}");
        }
        assert!(
            said.starts_with("Households visited. 380+ households."),
            "{said}"
        );
        let zh = tooltip_text(ind, Locale::ZhHans);
        assert_eq!(
            zh.printed, "",
            "the Chinese tooltip does not repeat the printed figure"
        );
        assert!(zh
            .announcement(Locale::ZhHans)
            .starts_with("入户走访，380余户，"));
    }

    #[test]
    fn table_rows_follow_the_chart_and_keep_sources_in_simplified_chinese() {
        for c in DATASET.charts.iter() {
            for locale in Locale::ALL {
                let rows = table_rows(&DATASET, c, locale);
                let ids: Vec<&str> = DATASET.items(c).map(|i| i.id.as_ref()).collect();
                assert_eq!(rows.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ids);
                for (row, ind) in rows.iter().zip(DATASET.items(c)) {
                    assert_eq!(row.source, ind.source.as_ref());
                    assert!(!row.value.is_empty(), "{}", row.id);
                }
            }
        }
    }
}
