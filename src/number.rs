//! Numbers as each language writes them: 万/亿 and 萬/億 in Chinese, million
//! in English, qualifiers kept beside the digits (余 → 餘 / "+", 近 →
//! "nearly"), and the unit words of the data folder after them.
//!
//! How a value is written depends on its unit's [`Quantity`]: a calendar
//! year is a year ("2017—2021年"), an ordinal a position ("第2轮", "2nd
//! round"), money carries its sign in English ("¥260 million").

use article_dataset::{Indicator, Period, Qualifier, Quantity, Unit};

use crate::locale::Locale;
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
        let number = printed.trim_end_matches(zh_unit);
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
    match locale {
        Locale::ZhHans | Locale::ZhHant => format_zh(v, &i.unit, i.qualifier, locale, None),
        Locale::En => format_en(v, &i.unit, i.qualifier, None),
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
    let zh = known()
        .map(zh_magnitude)
        .min()
        .filter(|&m| largest / 1e4_f64.powi(i32::from(m)) < 1e6);
    let en = known()
        .map(en_magnitude)
        .min()
        .filter(|&m| largest / 1e3_f64.powi(3 * i32::from(m)) < 1e6);
    items
        .iter()
        .map(|i| match i.value {
            Some(v) if i.unit.quantity != Quantity::Year => match locale {
                Locale::ZhHans | Locale::ZhHant => format_zh(v, &i.unit, i.qualifier, locale, zh),
                Locale::En => format_en(v, &i.unit, i.qualifier, en),
            },
            _ => format_value(i, locale),
        })
        .collect()
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

/// `magnitude` (see [`zh_magnitude`]) caps the unit, for figures that share
/// an axis with smaller ones.
fn format_zh(
    v: f64,
    unit: &Unit,
    q: Qualifier,
    locale: Locale,
    magnitude: Option<u8>,
) -> Formatted {
    let words = ChineseWords::of(locale);
    // Chinese writes large amounts in 万 and 亿, and puts 余 before them
    // ("8000余万元"); 近 goes before the number ("近200户").
    let (digits, magnitude) = match zh_magnitude(v).min(magnitude.unwrap_or(u8::MAX)) {
        2 => (trim(v / 1e8), words.yi),
        1 => (trim(v / 1e4), words.wan),
        _ => (trim(v), ""),
    };
    let number = match q {
        Qualifier::Exact => format!("{digits}{magnitude}"),
        Qualifier::AtLeast => format!("{digits}{}{magnitude}", words.more),
        Qualifier::Approx => format!("近{digits}{magnitude}"),
    };
    // Ordinals ("第4届", "第2轮") are positions, not amounts.
    let number = if unit.quantity == Quantity::Ordinal {
        format!("第{number}")
    } else {
        number
    };
    Formatted {
        number,
        unit: unit_word(unit, locale, false).to_owned(),
    }
}

/// `magnitude` (see [`en_magnitude`]) caps the scale, for figures that
/// share an axis with smaller ones.
fn format_en(v: f64, unit: &Unit, q: Qualifier, magnitude: Option<u8>) -> Formatted {
    let (digits, scale) = match en_magnitude(v).min(magnitude.unwrap_or(u8::MAX)) {
        2 => (trim(v / 1e9), " billion"),
        1 => (trim(v / 1e6), " million"),
        _ => (grouped(v), ""),
    };
    let plus = if q == Qualifier::AtLeast { "+" } else { "" };
    let near = if q == Qualifier::Approx {
        "nearly "
    } else {
        ""
    };
    let ordinal = unit.quantity == Quantity::Ordinal;
    let number = match &unit.symbol {
        Some(sign) => format!("{near}{sign}{digits}{plus}{scale}"),
        None if ordinal => format!("{near}{}{plus}", ordinal_en(v)),
        None => format!("{near}{digits}{plus}{scale}"),
    };
    let one = v == 1.0 && q == Qualifier::Exact;
    Formatted {
        number,
        unit: unit_word(unit, Locale::En, one || ordinal).to_owned(),
    }
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

/// The footnotes a chart needs for the qualifiers among its figures.
pub fn qualifier_notes<'a>(
    items: impl IntoIterator<Item = &'a Indicator>,
    locale: Locale,
) -> Vec<&'static str> {
    let s = locale.strings();
    let mut at_least = false;
    let mut approx = false;
    for i in items {
        at_least |= i.qualifier == Qualifier::AtLeast;
        approx |= i.qualifier == Qualifier::Approx;
    }
    let mut out = Vec::new();
    if at_least {
        out.push(s.at_least_note);
    }
    if approx {
        out.push(s.approx_note);
    }
    out
}

/// Up to two decimals, without trailing zeros: 2.6, 1.2, 8000.
fn trim(v: f64) -> String {
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_owned()
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
