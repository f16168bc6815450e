//! Numbers as each language writes them: 万/亿 and 萬/億 in Chinese, million
//! in English, and the unit words of the data folder after them.
//!
//! A qualifier is shown in the article's own word, read from the printed
//! figure: "超过670亿元" stays 超过 in Chinese ("more than ¥67 billion"),
//! "4400多个" keeps its 多, "3000米以上" its 以上, "不到3%" its 不到; only
//! the script changes (余 → 餘). The qualifier's kind decides the marks, not
//! the word. A fraction is shown as printed ("1/4", "四分之一"), a rank
//! without a measure word as the article writes it ("第一", "No. 1"), and
//! 连续 ("in a row") stays with its figure.
//!
//! How a value is written depends on its unit's [`Quantity`]: a calendar
//! year is a year ("2017—2021年"), an ordinal a position ("第2轮", "2nd
//! round"), money carries its sign in English ("¥260 million").

use article_dataset::printed::Wording;
use article_dataset::{Indicator, Period, Qualifier, Quantity, Unit};

use crate::decimal::decimals;
use crate::locale::Locale;
use crate::measure::{trim_end_text, trim_start_text};
use crate::strings::fill;

/// A value split into the parts a chart sets in different sizes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Formatted {
    /// The figure, e.g. "2.6亿", "380余", "近200", "¥260 million", "380+".
    pub number: String,
    /// The unit after it, e.g. "元", "户", "km"; may be empty.
    pub unit: String,
}

impl Formatted {
    /// The whole figure as one string, e.g. "380余户" or "380+ km".
    pub fn joined(&self, locale: Locale) -> String {
        if self.unit.is_empty() {
            self.number.clone()
        } else if locale == Locale::En && self.unit != "%" {
            format!("{} {}", self.number, self.unit)
        } else {
            format!("{}{}", self.number, self.unit)
        }
    }
}

/// Formats an indicator's value with its qualifier and unit.
pub fn format_value(i: &Indicator, locale: Locale) -> Formatted {
    let Some(v) = i.value else {
        // A figure the article lost (such as "?00余次"): the digit is lost,
        // and we do not guess it. The printed form is kept as the number,
        // lost digits included, in the reader's script; 余 is spelt the
        // way the locale spells it.
        let unit = unit_word(&i.unit, locale, false);
        let printed = locale.pick(&i.printed);
        let zh_unit = locale_zh_word(&i.unit, locale);
        let number = trim_end_text(printed, zh_unit);
        let words = ChineseWords::of(locale);
        return Formatted {
            number: number.replace(
                ['余', '餘'],
                if locale.is_chinese() { words.more } else { "+" },
            ),
            unit: unit.to_owned(),
        };
    };
    if i.unit.quantity == Quantity::Year {
        // A year is shown as the period the article gives ("2017—2019年").
        let period = format_period(
            if i.period == Period::Undated {
                Period::Year(v as u16)
            } else {
                i.period
            },
            locale,
        );
        return Formatted {
            number: period,
            unit: String::new(),
        };
    }
    format_known(v, i, locale, None)
}

/// A known value of `i` in `locale`; `magnitude` as for [`format_zh`] and
/// [`format_en`].
fn format_known(v: f64, i: &Indicator, locale: Locale, magnitude: Option<u8>) -> Formatted {
    let w = i.wording.wording();
    let said = Said::of(i.qualifier, &w, locale);
    if let Some((printed, num, den)) = w.fraction {
        // A fraction or a ratio is shown as the article writes it ("1/4",
        // "四分之一", "1∶1"),
        // whether the value is kept as a percent (25) or a share (0.25):
        // "25%" would be a figure the article does not print.
        let number = match locale {
            Locale::ZhHans | Locale::ZhHant => printed.to_owned(),
            Locale::En if w.ratio => format!("{}:{}", trim(num), trim(den)),
            Locale::En => format!("{}/{}", trim(num), trim(den)),
        };
        return said.around(
            format!("{}{number}{}", said.before, said.more),
            String::new(),
        );
    }
    let ordinal = i.unit.quantity == Quantity::Ordinal;
    if ordinal && w.ordinal && locale.is_chinese() {
        // A position reads in Chinese as the article writes it, in the
        // page's script: "第四届" stays 第四届 and "第2轮" 第2轮, and a rank
        // without a measure word ("名列全国第一") stays 第一.
        let own = match locale {
            Locale::ZhHant => &i.wording.number_hant,
            Locale::ZhHans | Locale::En => &i.wording.number,
        };
        let number = format!("第{own}");
        return said.around(number, unit_word(&i.unit, locale, false).to_owned());
    }
    if ordinal && w.ordinal && i.unit.word.zh.is_empty() {
        // A rank without a measure word reads as "No. 1" in English, where
        // "1st" alone would name no thing.
        return said.around(format!("No. {}", grouped(v)), String::new());
    }
    match locale {
        Locale::ZhHans | Locale::ZhHant => format_zh(
            v,
            &i.unit,
            &said,
            locale,
            zh_magnitude_of(v, w.number),
            magnitude,
        ),
        Locale::En => format_en(v, &i.unit, i.qualifier, &said, magnitude),
    }
}

/// The words around a figure's digits as the reader sees them in one
/// language: the article's own, in the locale's script or translated.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Said {
    /// Before the digits: "超过", "近", "连续" / "more than ", "nearly ".
    before: String,
    /// Between the digits and 万/亿: "余", "多" / "+".
    more: String,
    /// After the unit word: "以上" / " in a row".
    after: String,
}

impl Said {
    /// What `locale` shows of the printed words `w` of a figure qualified
    /// by `q`. An exact figure shows no bound word; a qualified figure
    /// whose printed form lacks one (a test's or an old folder's) gets the
    /// kind's usual word, the only place the code picks a word itself.
    fn of(q: Qualifier, w: &Wording<'_>, locale: Locale) -> Said {
        let has_word = !(w.before.is_empty() && w.more.is_empty() && w.after.is_empty());
        let (before, more, after) = match (q, has_word) {
            (Qualifier::Exact, _) => ("", "", ""),
            (_, true) => (w.before, w.more, w.after),
            (Qualifier::AtLeast, false) => ("", "余", ""),
            (Qualifier::Approx, false) => ("近", "", ""),
            (Qualifier::AtMost, false) => ("不超过", "", ""),
        };
        match locale {
            Locale::ZhHans | Locale::ZhHant => {
                let script = |word: &str| zh_word(word, locale).to_owned();
                let row = if w.in_a_row {
                    script("连续")
                } else {
                    String::new()
                };
                Said {
                    before: format!("{row}{}", script(before)),
                    more: script(more),
                    after: script(after),
                }
            }
            Locale::En => {
                // 以上 is "or more", after the unit; the other words after a
                // figure read before it in English ("5%以下": "under 5%").
                let (prefix, suffix) = match (en_word(before), after) {
                    ("", "以上") => ("", " or more"),
                    ("", a) => (en_word(a), ""),
                    (b, _) => (b, ""),
                };
                let row = if w.in_a_row { " in a row" } else { "" };
                Said {
                    before: prefix.to_owned(),
                    more: if more.is_empty() { "" } else { "+" }.to_owned(),
                    after: format!("{suffix}{row}"),
                }
            }
        }
    }

    /// A number and unit with the words after the unit ("米以上", "years
    /// in a row"); with no unit word, after the number ("¥3,000 or more").
    fn around(&self, number: String, unit: String) -> Formatted {
        if unit.is_empty() {
            Formatted {
                number: format!("{number}{}", self.after),
                unit,
            }
        } else {
            Formatted {
                number,
                unit: format!("{unit}{}", self.after),
            }
        }
    }

    /// The qualifier word alone, as a footnote quotes it: "超过", "余",
    /// "以上" / "more than", "+", "or more".
    fn word(&self) -> String {
        let before = trim_start_text(trim_start_text(&self.before, "连续"), "連續");
        let after = trim_end_text(&self.after, " in a row");
        [before, &self.more, after]
            .iter()
            .map(|w| w.trim())
            .find(|w| !w.is_empty())
            .unwrap_or("")
            .to_owned()
    }
}

/// A bound word of the article in the script of `locale`. The printed
/// figure is read in Simplified; Traditional pages write these few words
/// in their own script.
fn zh_word(word: &str, locale: Locale) -> &str {
    if locale != Locale::ZhHant {
        // 馀 is how the converter writes 餘 in some words; in Simplified it is 余.
        return if word == "馀" { "余" } else { word };
    }
    match word {
        "余" | "馀" => "餘",
        "超过" => "超過",
        "不超过" => "不超過",
        "将近" => "將近",
        "约" => "約",
        "大约" => "大約",
        "少于" => "少於",
        "多于" => "多於",
        "高于" => "高於",
        "以内" => "以內",
        "连续" => "連續",
        other => other,
    }
}

/// The English of a bound word of the article, with its space.
fn en_word(word: &str) -> &'static str {
    match word {
        "超过" | "超過" | "逾" | "超" | "多于" | "高于" => "more than ",
        "至少" | "最少" => "at least ",
        "近" | "将近" | "將近" | "接近" => "nearly ",
        "约" | "約" | "大约" | "大約" | "左右" => "about ",
        "不到" | "不足" | "少于" => "less than ",
        "以下" => "under ",
        "不超过" | "不超過" | "最多" | "至多" | "以内" => "at most ",
        _ => "",
    }
}

/// Formats figures that share one axis (a bar chart's) in one unit: the
/// largest magnitude every one of them can be written in. Each on its own
/// mixed units on one axis (2.6亿元 beside 8000余万元); in 亿 throughout, a
/// figure of "8000余万" would have to become "0.8余亿", which says less than
/// the article (余 qualifies the 8000, not the 0.8), so the smaller unit
/// wins: 26000万元, 8000余万元, 1700余万元. A figure that is not a plain
/// number (a lost one, a year) is written as on its own.
pub fn format_values_on_one_axis(items: &[&Indicator], locale: Locale) -> Vec<Formatted> {
    let known = || {
        items
            .iter()
            .filter(|i| i.unit.quantity != Quantity::Year)
            .filter_map(|i| i.value)
    };
    // An axis whose figures span too many powers of ten for one unit keeps
    // each figure's own: a 16-digit number beside a 1-digit one does not fit
    // a chart, and no reader counts its digits.
    let largest = known().fold(0.0, f64::max);
    let zh = items
        .iter()
        .filter(|i| i.unit.quantity != Quantity::Year)
        .filter_map(|i| i.value.map(|v| zh_magnitude_of(v, &i.printed.zh)))
        .min()
        .filter(|&m| largest / 1e4_f64.powi(i32::from(m)) < 1e6);
    let en = known()
        .map(en_magnitude)
        .min()
        .filter(|&m| largest / 1e3_f64.powi(3 * i32::from(m)) < 1e6);
    items
        .iter()
        .map(|i| match i.value {
            Some(v) if i.unit.quantity != Quantity::Year => {
                let magnitude = match locale {
                    Locale::ZhHans | Locale::ZhHant => zh,
                    Locale::En => en,
                };
                format_known(v, i, locale, magnitude)
            }
            _ => format_value(i, locale),
        })
        .collect()
}

/// The Chinese unit a figure is written in: the one the article prints it
/// in (`number`, its first number as printed) where that writes the value
/// exactly in at most two decimals ("199.8万人次" stays 199.8万, not
/// 1998000), or else the largest it is written in on its own.
fn zh_magnitude_of(v: f64, number: &str) -> u8 {
    let own = zh_magnitude(v);
    let said = if number.chars().any(|c| c == '亿') {
        2
    } else if number.chars().any(|c| c == '万') {
        1
    } else {
        0
    };
    let hundredths = v / 1e4_f64.powi(i32::from(said)) * 100.0;
    if said > own && (hundredths - hundredths.round()).abs() < 1e-6 {
        said
    } else {
        own
    }
}

/// The largest Chinese unit a value is written in on its own: 2 for 亿,
/// 1 for 万 (only for whole 万 from 10万 up), 0 for none.
fn zh_magnitude(v: f64) -> u8 {
    if v >= 1e8 {
        2
    } else if v >= 1e5 && (v % 1e4) == 0.0 {
        1
    } else {
        0
    }
}

/// The largest English scale a value is written in on its own: 2 for
/// billion, 1 for million, 0 for none.
fn en_magnitude(v: f64) -> u8 {
    if v >= 1e9 {
        2
    } else if v >= 1e6 {
        1
    } else {
        0
    }
}

/// The words Chinese numbers are written with, which differ between the two
/// scripts.
struct ChineseWords {
    /// "More than", after the digits: 余 / 餘.
    more: &'static str,
    /// Ten thousand: 万 / 萬.
    wan: &'static str,
    /// A hundred million: 亿 / 億.
    yi: &'static str,
}

impl ChineseWords {
    fn of(locale: Locale) -> Self {
        match locale {
            Locale::ZhHant => ChineseWords {
                more: "餘",
                wan: "萬",
                yi: "億",
            },
            Locale::ZhHans | Locale::En => ChineseWords {
                more: "余",
                wan: "万",
                yi: "亿",
            },
        }
    }
}

/// `own` is the unit the figure is written in ([`zh_magnitude_of`]);
/// `magnitude` caps it, for figures that share an axis with smaller ones.
/// `said` holds the article's words around it.
fn format_zh(
    v: f64,
    unit: &Unit,
    said: &Said,
    locale: Locale,
    own: u8,
    magnitude: Option<u8>,
) -> Formatted {
    let words = ChineseWords::of(locale);
    // Chinese writes large amounts in 万 and 亿, and puts 余 before them
    // ("8000余万元"); 近 and 超过 go before the number ("近200户"), 以上
    // after the unit ("3000米以上"). Nothing stands between the digits, 万
    // or 亿 and the unit word.
    let (digits, magnitude) = match own.min(magnitude.unwrap_or(u8::MAX)) {
        2 => (trim(v / 1e8), words.yi),
        1 => (trim(v / 1e4), words.wan),
        _ => (trim(v), ""),
    };
    let number = format!("{}{digits}{}{magnitude}", said.before, said.more);
    // Ordinals ("第4届", "第2轮") are positions, not amounts.
    let number = if unit.quantity == Quantity::Ordinal {
        format!("第{number}")
    } else {
        number
    };
    said.around(number, unit_word(unit, locale, false).to_owned())
}

/// `magnitude` (see [`en_magnitude`]) caps the scale, for figures that
/// share an axis with smaller ones. `said` holds the article's words,
/// translated.
fn format_en(v: f64, unit: &Unit, q: Qualifier, said: &Said, magnitude: Option<u8>) -> Formatted {
    // A figure keeps the digits the article gives: 1,998,000 is "1.998
    // million", never "2 million" (three decimals at most, as a reader
    // takes in a scaled number).
    let scaled = |x: f64| decimals(x, 3);
    let (digits, scale) = match en_magnitude(v).min(magnitude.unwrap_or(u8::MAX)) {
        2 => (scaled(v / 1e9), " billion"),
        1 => (scaled(v / 1e6), " million"),
        _ => (grouped(v), ""),
    };
    let (before, plus) = (&said.before, &said.more);
    let ordinal = unit.quantity == Quantity::Ordinal;
    let number = match &unit.symbol {
        Some(sign) => format!("{before}{sign}{digits}{plus}{scale}"),
        None if ordinal => format!("{before}{}{plus}", ordinal_en(v)),
        None => format!("{before}{digits}{plus}{scale}"),
    };
    let one = v == 1.0 && q == Qualifier::Exact;
    said.around(
        number,
        unit_word(unit, Locale::En, one || ordinal).to_owned(),
    )
}

/// The Chinese word of a unit in the script of `locale` (Simplified for
/// English, whose pages quote the Chinese original).
fn locale_zh_word(unit: &Unit, locale: Locale) -> &str {
    match locale {
        Locale::ZhHant => &unit.word.zh_hant,
        Locale::ZhHans | Locale::En => &unit.word.zh,
    }
}

/// The word after a number in `locale`: the Chinese measure word, or the
/// English singular (`one`) or plural. Empty where English writes a sign
/// before the number instead.
pub fn unit_word(unit: &Unit, locale: Locale, one: bool) -> &str {
    match locale {
        Locale::ZhHans | Locale::ZhHant => locale.pick(&unit.word),
        Locale::En if unit.symbol.is_some() => "",
        Locale::En if one => &unit.word.en,
        Locale::En => &unit.en_plural,
    }
}

/// "2019", "2017–2021" or nothing, as the locale writes a period.
pub fn format_period(p: Period, locale: Locale) -> String {
    match (p, locale) {
        (Period::Undated, _) => String::new(),
        (Period::Year(y), Locale::ZhHans | Locale::ZhHant) => format!("{y}年"),
        (Period::Year(y), Locale::En) => y.to_string(),
        (Period::Span(a, b), Locale::ZhHans | Locale::ZhHant) => format!("{a}—{b}年"),
        (Period::Span(a, b), Locale::En) => format!("{a}–{b}"),
    }
}

/// The years between two reported years, "not reported": "2013—2018年未报告".
pub fn gap_text(first: u16, last: u16, locale: Locale) -> String {
    let s = locale.strings();
    fill(
        s.phrases.gap,
        &[
            ("a", &first.to_string()),
            ("b", &last.to_string()),
            ("words", s.not_reported),
        ],
    )
}

/// The footnotes a chart needs for the qualifiers among its figures, each
/// quoting only the words its figures use ("“超过”表示至少为该数…"), so
/// that a note never explains a 余 the reader does not see. An upper bound
/// has no footnote: its word ("不到", "under") says it, and its mark is
/// drawn to the stated figure with nothing to explain.
pub fn qualifier_notes<'a>(
    items: impl IntoIterator<Item = &'a Indicator>,
    locale: Locale,
) -> Vec<String> {
    let s = locale.strings();
    let mut at_least: Vec<String> = Vec::new();
    let mut approx: Vec<String> = Vec::new();
    for i in items {
        let list = match i.qualifier {
            Qualifier::AtLeast => &mut at_least,
            Qualifier::Approx => &mut approx,
            Qualifier::Exact | Qualifier::AtMost => continue,
        };
        let word = Said::of(i.qualifier, &i.wording.wording(), locale).word();
        if !word.is_empty() && !list.contains(&word) {
            list.push(word);
        }
    }
    let quoted = |words: &[String]| {
        words
            .iter()
            .map(|w| fill(s.phrases.quoted, &[("text", w)]))
            .collect::<Vec<_>>()
            .join(s.phrases.words)
    };
    let mut out = Vec::new();
    if !at_least.is_empty() {
        out.push(fill(s.at_least_note, &[("words", &quoted(&at_least))]));
    }
    if !approx.is_empty() {
        out.push(fill(s.approx_note, &[("words", &quoted(&approx))]));
    }
    out
}

/// A label of a value axis whose highest tick is `max`: in 亿 or 万 (in
/// English, billion or million, short) as its figures are, so that an axis
/// of sums up to 500亿 reads 250亿, not 25000000000. Values an axis holds
/// in units keep one decimal at most, as before.
pub fn axis_label(v: f64, max: f64, locale: Locale) -> String {
    if v == 0.0 {
        return "0".to_owned();
    }
    match locale {
        Locale::En => match en_magnitude(max) {
            2 => format!("{}bn", trim(v / 1e9)),
            1 => format!("{}m", trim(v / 1e6)),
            _ => grouped(v),
        },
        Locale::ZhHans | Locale::ZhHant => {
            let words = ChineseWords::of(locale);
            if max >= 1e8 {
                format!("{}{}", trim(v / 1e8), words.yi)
            } else if max >= 1e5 {
                format!("{}{}", trim(v / 1e4), words.wan)
            } else {
                decimals(v, 1)
            }
        }
    }
}

/// Up to two decimals, without trailing zeros: 2.6, 1.2, 8000.
fn trim(v: f64) -> String {
    decimals(v, 2)
}

/// Thousands separated by commas, as English writes them: 8,564.
fn grouped(v: f64) -> String {
    let s = trim(v);
    let (int, frac) = s
        .split_once('.')
        .map_or((s.as_str(), None), |(a, b)| (a, Some(b)));
    let mut out = String::new();
    for (n, ch) in int.chars().enumerate() {
        if n > 0 && (int.len() - n) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

fn ordinal_en(v: f64) -> String {
    let n = v as u64;
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}
