//! Text for readers who do not see the canvas: a chart's summary, the
//! tooltip's lines (also announced when a key moves to an item) and the rows
//! of a chart's data table.
//!
//! Pure functions of the dataset and a locale, so the page, the tests and
//! any static export say the same thing. Every figure is written by
//! [`format_value`], so qualifiers ("380余户", "380+", "nearly 200") are
//! never lost on the way to a screen reader.

use article_dataset::{Chart, Dataset, Indicator, Kind, Period, Quantity};

use crate::locale::Locale;
use crate::measure::one_of;
use crate::number::{format_period, format_value};
use crate::strings::fill;

/// A figure's value as a reader is told it: number, qualifier and unit, and
/// a word that the article lost it when it did.
pub fn value_text(ind: &Indicator, locale: Locale) -> String {
    let value = format_value(ind, locale).joined(locale);
    if ind.value.is_some() {
        return value;
    }
    let s = locale.strings();
    fill(s.phrases.bracket, &[("text", &value), ("inner", s.unknown)])
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
    /// The article's sentence, quoted, in the reader's language.
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
    /// region that speaks it. A line that already ends a sentence or a
    /// clause ("…。", "…：") is followed by no separator's punctuation: the
    /// region said "…。，原文：…".
    pub fn announcement(&self, locale: Locale) -> String {
        let sep = locale.strings().phrases.announce;
        let bare = sep.trim_start_matches(|c: char| is_stop(c) || c == ',' || c == '，');
        let mut out = String::new();
        for line in self.lines() {
            if !out.is_empty() {
                let ended = out.trim_end().ends_with(is_stop);
                out.truncate(out.trim_end().len());
                out.push_str(if ended { bare } else { sep });
            }
            out.push_str(line);
        }
        out
    }

    /// The note as the tooltip shows it: whole sentences that fit in about
    /// three lines of a phone's tooltip, and "……" / "…" where it stops. A
    /// sentence longer than that is cut at its last clause break (，；),
    /// then at a space, that fits. Cut by the style sheet to two lines, the
    /// note broke off mid-word ("…〔〕内…"). The full note is in the live
    /// region and the table of every figure.
    pub fn brief_note(&self, locale: Locale) -> String {
        brief(&self.note, locale)
    }
}

/// The width of the tooltip's note on a phone: three lines of a 240 px box
/// less its padding, at its 13 px type (www/chart.css).
pub const NOTE_BUDGET: f64 = 3.0 * 220.0;
const NOTE_SIZE: f64 = 13.0;

/// Whether a character ends a sentence or a clause.
fn is_stop(c: char) -> bool {
    one_of("。！？；：.!?;:", c)
}

/// `text` cut to [`NOTE_BUDGET`] at a sentence, clause or word boundary.
pub fn brief(text: &str, locale: Locale) -> String {
    use crate::measure::text_width;
    let text = text.trim();
    if text_width(text, NOTE_SIZE) <= NOTE_BUDGET {
        return text.to_owned();
    }
    let ellipsis = locale.strings().phrases.ellipsis;
    let room = NOTE_BUDGET - text_width(ellipsis, NOTE_SIZE);
    // The byte offsets just after each boundary of one kind, as far as
    // they fit.
    let head = |end: usize| text.get(..end).unwrap_or(text);
    let fits = |end: usize| text_width(head(end), NOTE_SIZE) <= room;
    let ends_after = |is_break: &dyn Fn(char, Option<char>) -> bool| {
        let mut chars = text.char_indices().peekable();
        let mut last = None;
        while let Some((i, c)) = chars.next() {
            let next = chars.peek().map(|&(_, n)| n);
            let end = i + c.len_utf8();
            if !fits(end) {
                break;
            }
            if is_break(c, next) {
                last = Some(end);
            }
        }
        last
    };
    // A sentence ends at 。！？, or at . ! ? before a space (not in "2.6").
    let sentence = |c: char, next: Option<char>| {
        one_of("。！？", c) || (one_of(".!?", c) && next.is_none_or(char::is_whitespace))
    };
    let clause = |c: char, next: Option<char>| {
        one_of("，；：", c) || (one_of(",;:", c) && next.is_none_or(char::is_whitespace))
    };
    let word = |c: char, _: Option<char>| c.is_whitespace();
    // A clause or word break keeps at least half the room: cut after an
    // early colon, "Cumulative: the article says …" said only
    // "Cumulative…".
    let half = |end: &usize| text_width(head(*end), NOTE_SIZE) >= room / 2.0;
    let cut = ends_after(&sentence)
        .or_else(|| ends_after(&clause).filter(half))
        .or_else(|| ends_after(&word).filter(half))
        .or_else(|| ends_after(&clause))
        .or_else(|| ends_after(&word))
        .unwrap_or_else(|| {
            // No break fits (one long word): as many characters as fit.
            text.char_indices()
                .map(|(i, c)| i + c.len_utf8())
                .take_while(|&end| fits(end))
                .last()
                .unwrap_or(0)
        });
    let kept = head(cut).trim_end();
    // A cut clause gives up its comma to the ellipsis.
    let kept = kept.trim_end_matches(['，', '；', '：', ',', ';', ':']);
    format!("{kept}{ellipsis}")
}

/// What the tooltip of a figure says.
pub fn tooltip_text(ind: &Indicator, locale: Locale) -> TooltipText {
    tooltip_with(
        ind,
        locale,
        locale.pick_opt(ind.note.as_ref()).unwrap_or(""),
        locale.pick(&ind.source),
    )
}

/// What the tooltip of a figure says, with its note and source sentence in
/// the reader's language given: the page's module takes them from the
/// prerendered page, as it does not carry them (see
/// `Dataset::without_page_texts`).
pub fn tooltip_with(ind: &Indicator, locale: Locale, note: &str, source: &str) -> TooltipText {
    let s = locale.strings();
    let value = value_text(ind, locale);
    // A year's value is its period ("2020年"): said once, not twice.
    let period = format_period(ind.period, locale);
    let period = if period == value {
        String::new()
    } else {
        period
    };
    TooltipText {
        label: locale.pick(&ind.label).to_owned(),
        value,
        period,
        note: note.to_owned(),
        printed: if locale.is_chinese() {
            String::new()
        } else {
            format!("{}{}{}", s.as_printed, s.phrases.colon, ind.printed.zh)
        },
        source: format!("{}{}", s.quote, fill(s.phrases.quoted, &[("text", source)])),
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
    /// The article's sentence, in the reader's language.
    pub source: String,
    /// A note on the figure, in the reader's language; empty when it has
    /// none.
    pub note: String,
}

/// The rows of a chart's data table, one per figure, in the chart's order.
pub fn table_rows(data: &Dataset, chart: &Chart, locale: Locale) -> Vec<TableRow> {
    data.items(chart)
        .map(|ind| TableRow {
            id: ind.id.to_string(),
            label: locale.pick(&ind.label).to_owned(),
            value: value_text(ind, locale),
            year: format_period(ind.period, locale),
            source: locale.pick(&ind.source).to_owned(),
            note: locale.pick_opt(ind.note.as_ref()).unwrap_or("").to_owned(),
        })
        .collect()
}

/// "label, value" of one figure.
fn figure(ind: &Indicator, locale: Locale) -> String {
    format!(
        "{}{}{}",
        locale.pick(&ind.label),
        locale.strings().phrases.sep,
        value_text(ind, locale)
    )
}

/// "label (period)" of one figure.
fn dated(ind: &Indicator, locale: Locale) -> String {
    let _period = format_period(ind.period, locale);
    crate::layout::label_with_period(ind, locale)
}

/// A count of figures: "5项数字", "5 項數字", "5 figures".
fn count(n: usize, locale: Locale) -> String {
    let p = &locale.strings().phrases;
    let template = if n == 1 {
        p.figures_one
    } else {
        p.figures_many
    };
    fill(template, &[("n", &n.to_string())])
}

/// The largest and smallest known figure, first of equals; `None` without
/// two different known values.
pub fn extremes<'a>(items: &[&'a Indicator]) -> Option<(&'a Indicator, &'a Indicator)> {
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
    let p = &locale.strings().phrases;
    let [hi, lo] = if years { p.highest } else { p.largest };
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
        locale.strings().phrases.sep,
        value_text(ind, locale)
    )
}

/// How many figures of the chart the article lost, as a sentence.
fn lost_sentence(items: &[&Indicator], locale: Locale) -> String {
    let lost = items.iter().filter(|i| i.value.is_none()).count();
    let p = &locale.strings().phrases;
    match lost {
        0 => String::new(),
        1 => p.lost_one.to_owned(),
        n => fill(p.lost_many, &[("n", &n.to_string())]),
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
    use std::cmp::Ordering::{Greater, Less};
    let p = &locale.strings().phrases;
    let template = match change {
        Some(Less) => p.fell,
        Some(Greater) => p.rose,
        _ => p.same,
    };
    fill(template, &[("a", &a), ("b", &b), ("ya", &ya), ("yb", &yb)])
}

/// A chart's summary for screen readers: what it shows, its largest and
/// smallest figures where they can be compared (bars and years share one
/// axis), the trend of a `years` chart, the span of a timeline, and how many
/// figures the article lost.
pub fn summary(data: &Dataset, chart: &Chart, locale: Locale) -> String {
    let items: Vec<&Indicator> = data.items(chart).collect();
    let n = items.len();
    let p = &locale.strings().phrases;
    let mut out = match chart.kind {
        Kind::Bars => {
            let lead = fill(p.bars_lead, &[("count", &count(n, locale))]);
            lead + &extremes_sentence(&items, locale, false)
        }
        Kind::Cards => {
            let list: Vec<String> = items.iter().map(|i| figure(i, locale)).collect();
            let lead = fill(p.cards_lead, &[("count", &capitalise(&count(n, locale)))]);
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
    let p = &locale.strings().phrases;
    let mut out = fill(
        p.years_lead,
        &[("list", &list.join(p.comma)), ("n", &n.to_string())],
    );
    out.push_str(if gaps { p.years_gaps } else { p.years_no_gaps });
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
    fill(
        locale.strings().phrases.timeline,
        &[
            ("n", &n.to_string()),
            ("span", &span),
            ("first", &e),
            ("last", &l),
        ],
    )
}

/// A timeline event: its label and period (and value, unless the value is
/// the period itself).
fn dated_name(ind: &Indicator, locale: Locale) -> String {
    if ind.unit.quantity == Quantity::Year {
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

/// One row of the table of every figure of the article.
#[derive(Clone, Debug, PartialEq)]
pub struct FigureRow {
    /// The indicator's id.
    pub id: String,
    /// Index of its theme (category), the table's first grouping.
    pub theme: u16,
    /// The theme's name.
    pub theme_name: String,
    /// What the figure counts.
    pub label: String,
    /// Value with qualifier and unit (and a word when the article lost it).
    pub value: String,
    /// The value in base units, for sorting; `None` when lost.
    pub number: Option<f64>,
    /// Year or period, or words saying the article gives none.
    pub period: String,
    /// The first year, for sorting; `None` when undated.
    pub year: Option<u16>,
    /// The article's sentence in the reader's language.
    pub source: String,
    /// The Chinese sentence as quoted, where the reader's language is not
    /// Chinese: a translation must keep its original within reach.
    pub original: Option<String>,
    /// The charts that draw the figure: (chart id, title).
    /// The figure's note in the reader's language (definitions, gaps,
    /// [sic] flags); empty when it has none. Shown in the row, so that the
    /// note of a figure no chart draws reaches the page too.
    pub note: String,
    pub shown_in: Vec<(String, String)>,
}

/// Every figure of the dataset, in the data file's order within the order
/// of themes: the one place where a figure in no chart is still shown.
pub fn all_figure_rows(data: &Dataset, locale: Locale) -> Vec<FigureRow> {
    let s = locale.strings();
    let mut rows: Vec<(usize, FigureRow)> = data
        .indicators
        .iter()
        .enumerate()
        .map(|(n, ind)| {
            let period = format_period(ind.period, locale);
            let shown_in = data
                .charts
                .iter()
                .filter(|c| c.items.iter().any(|&i| usize::from(i) == n))
                .map(|c| (c.id.to_string(), locale.pick(&c.title).to_owned()))
                .collect();
            let row = FigureRow {
                id: ind.id.to_string(),
                theme: ind.category,
                theme_name: data
                    .categories
                    .get(usize::from(ind.category))
                    .map(|c| locale.pick(&c.name).to_owned())
                    .unwrap_or_default(),
                label: locale.pick(&ind.label).to_owned(),
                value: value_text(ind, locale),
                number: ind.value,
                period: if period.is_empty() {
                    s.undated.to_owned()
                } else {
                    period
                },
                year: ind.period.start(),
                source: locale.pick(&ind.source).to_owned(),
                original: (!locale.is_chinese()).then(|| ind.source.zh.to_string()),
                note: locale.pick_opt(ind.note.as_ref()).unwrap_or("").to_owned(),
                shown_in,
            };
            (n, row)
        })
        .collect();
    rows.sort_by_key(|(n, r)| (r.theme, *n));
    rows.into_iter().map(|(_, r)| r).collect()
}

#[cfg(test)]
mod brief_tests {
    use super::*;
    use crate::measure::text_width;

    /// A tooltip's note stops where a sentence (or a clause, or a word)
    /// does, within three lines of a phone's tooltip, and says where it
    /// stopped; the style sheet cut it mid-word ("…〔〕内…").
    #[test]
    fn a_tooltip_note_is_cut_at_a_sentence_and_fits() {
        let data = crate::data::dataset();
        for locale in Locale::ALL {
            let ellipsis = locale.strings().phrases.ellipsis;
            for ind in data.indicators.iter() {
                let Some(note) = locale.pick_opt(ind.note.as_ref()) else {
                    continue;
                };
                let brief = brief(note, locale);
                assert!(text_width(&brief, 13.0) <= NOTE_BUDGET + 0.01, "{brief}");
                if brief == note.trim() {
                    continue;
                }
                let kept = brief
                    .strip_suffix(ellipsis)
                    .unwrap_or_else(|| panic!("{brief}"));
                assert!(note.starts_with(kept), "{kept} / {note}");
                let next = note[kept.len()..].chars().next();
                let last = kept.chars().last();
                assert!(
                    last.is_some_and(|c| "。！？.!?".contains(c))
                        || next.is_some_and(|c| "，；：,;: ".contains(c)),
                    "{locale:?} {}: cut mid-clause: {brief}",
                    ind.id
                );
            }
        }
        let plan = "《青石区对口帮扶白水县五年规划（2017—2021年）》，第二轮帮扶启动时编制。〔〕内的字系据原文乱码处的字节复原（原文此处编码错位）。";
        assert_eq!(
            brief(plan, Locale::ZhHans),
            "《青石区对口帮扶白水县五年规划（2017—2021年）》，第二轮帮扶启动时编制。……"
        );
        assert_eq!(brief("Short. Note.", Locale::En), "Short. Note.");
        let cumulative = "Cumulative: the article says the funds were invested “over the years” (先后共投入) and gives no period, nor any other figure that would let a reader date them.";
        let kept = brief(cumulative, Locale::En);
        assert!(kept.len() > cumulative.len() / 2, "{kept}");
    }

    /// The live region reads the tooltip's lines as one text, with no
    /// separator's comma after a line that already ends a sentence: it said
    /// "…。，原文：…".
    #[test]
    fn an_announcement_has_no_doubled_punctuation() {
        let data = crate::data::dataset();
        for locale in Locale::ALL {
            for ind in data.indicators.iter() {
                let said = tooltip_text(ind, locale).announcement(locale);
                for doubled in ["。，", "。。", "：，", "；，", ".. ", ". . ", ":. "] {
                    assert!(!said.contains(doubled), "{locale:?} {}: {said}", ind.id);
                }
                // Nor is a year said twice, as value and as period.
                let t = tooltip_text(ind, locale);
                assert_ne!(t.value, t.period, "{locale:?} {}", ind.id);
            }
        }
    }
}
