//! Numbers as each language writes them: 万/亿 and 萬/億 in Chinese, million
//! in English, qualifiers kept beside the digits (余 → 餘 / "+", 近 →
//! "nearly"), and the unit words of the data folder after them.
//!
//! How a value is written depends on its unit's [`Quantity`]: a calendar
//! year is a year ("2017—2021年"), an ordinal a position ("第2轮", "2nd
//! round"), money carries its sign in English ("¥260 million").

use danba_dataset::{Indicator, Period, Qualifier, Quantity, Unit};

use crate::locale::Locale;
use crate::strings::fill;

/// A value split into the parts a chart sets in different sizes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Formatted {
    /// The figure, e.g. "2.6亿", "380余", "近200", "¥260 million", "380+".
    pub number: String,
    /// The unit after it, e.g. "元", "户", "households"; may be empty.
    pub unit: String,
}

impl Formatted {
    /// The whole figure as one string, e.g. "380余户" or "380+ households".
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
        // A figure the article lost (such as "?00余人次"): the digit is lost,
        // and we do not guess it. The printed form is kept as the number,
        // lost digits included, in the reader's script; 余 is spelt the
        // way the locale spells it.
        let unit = unit_word(&i.unit, locale, false);
        let printed = locale.pick(&i.printed);
        let zh_unit = locale_zh_word(&i.unit, locale);
        let number = printed.trim_end_matches(zh_unit);
        let words = ChineseWords::of(locale);
        return Formatted {
            number: number
                .replace(['余', '餘'], if locale.is_chinese() { words.more } else { "+" }),
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
        Locale::ZhHans | Locale::ZhHant => format_zh(v, &i.unit, i.qualifier, locale),
        Locale::En => format_en(v, &i.unit, i.qualifier),
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

fn format_zh(v: f64, unit: &Unit, q: Qualifier, locale: Locale) -> Formatted {
    let words = ChineseWords::of(locale);
    // Chinese writes large amounts in 万 and 亿, and puts 余 before them
    // ("8000余万元"); 近 goes before the number ("近200户").
    let (digits, magnitude) = if v >= 1e8 {
        (trim(v / 1e8), words.yi)
    } else if v >= 1e5 && (v % 1e4) == 0.0 {
        (trim(v / 1e4), words.wan)
    } else {
        (trim(v), "")
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

fn format_en(v: f64, unit: &Unit, q: Qualifier) -> Formatted {
    let (digits, scale) = if v >= 1e9 {
        (trim(v / 1e9), " billion")
    } else if v >= 1e6 {
        (trim(v / 1e6), " million")
    } else {
        (grouped(v), "")
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

#[cfg(test)]
mod tests {
    use super::*;
    use danba_dataset::Words;
    use std::borrow::Cow;

    fn words(zh: &'static str, hant: &'static str, en: &'static str) -> Words {
        Words {
            zh: Cow::Borrowed(zh),
            zh_hant: Cow::Borrowed(hant),
            en: Cow::Borrowed(en),
        }
    }

    /// A unit as a data folder would define it.
    fn unit(
        quantity: Quantity,
        zh: &'static str,
        hant: &'static str,
        en: (&'static str, &'static str),
        symbol: Option<&'static str>,
    ) -> Unit {
        Unit {
            id: Cow::Borrowed("u"),
            quantity,
            word: words(zh, hant, en.0),
            en_plural: Cow::Borrowed(en.1),
            symbol: symbol.map(Cow::Borrowed),
        }
    }

    fn household() -> Unit {
        unit(Quantity::Count, "户", "戶", ("household", "households"), None)
    }
    fn yuan() -> Unit {
        unit(Quantity::Money, "元", "元", ("yuan", "yuan"), Some("¥"))
    }
    fn seedling() -> Unit {
        unit(Quantity::Count, "株", "株", ("seedling", "seedlings"), None)
    }
    fn person() -> Unit {
        unit(Quantity::Count, "人", "人", ("person", "people"), None)
    }
    fn percent() -> Unit {
        unit(Quantity::Percent, "%", "%", ("%", "%"), None)
    }
    fn edition() -> Unit {
        unit(Quantity::Ordinal, "届", "屆", ("edition", "editions"), None)
    }
    fn round() -> Unit {
        unit(Quantity::Ordinal, "轮", "輪", ("round", "rounds"), None)
    }
    fn mu() -> Unit {
        unit(Quantity::Area, "亩", "畝", ("mu", "mu"), None)
    }
    fn person_time() -> Unit {
        unit(Quantity::Count, "人次", "人次", ("person-time", "person-times"), None)
    }
    fn calendar_year() -> Unit {
        unit(Quantity::Year, "年", "年", ("", ""), None)
    }

    fn figure(value: Option<f64>, unit: Unit, qualifier: Qualifier, printed: &'static str) -> Indicator {
        let hant = zhconv::zhconv(printed, zhconv::Variant::ZhHant);
        Indicator {
            id: Cow::Borrowed("x"),
            category: 0,
            label: words("标签", "標籤", "Label"),
            value,
            unit,
            qualifier,
            period: Period::Undated,
            printed: Words {
                zh: Cow::Borrowed(printed),
                zh_hant: Cow::Owned(hant),
                en: Cow::Borrowed(printed),
            },
            source: words(printed, printed, printed),
            note: None,
        }
    }

    fn both(i: &Indicator) -> (String, String) {
        (
            format_value(i, Locale::ZhHans).joined(Locale::ZhHans),
            format_value(i, Locale::En).joined(Locale::En),
        )
    }

    #[test]
    fn qualifiers_stay_with_the_number() {
        let cases = [
            (figure(Some(380.0), household(), Qualifier::AtLeast, "380余户"), "380余户", "380+ households"),
            (figure(Some(200.0), household(), Qualifier::Approx, "近200户"), "近200户", "nearly 200 households"),
            (figure(Some(80_000_000.0), yuan(), Qualifier::AtLeast, "8000余万元"), "8000余万元", "¥80+ million"),
            (figure(Some(17_000_000.0), yuan(), Qualifier::AtLeast, "1700余万元"), "1700余万元", "¥17+ million"),
            (figure(Some(260_000_000.0), yuan(), Qualifier::Exact, "2.6亿元"), "2.6亿元", "¥260 million"),
            (figure(Some(800_000.0), yuan(), Qualifier::Exact, "80万元"), "80万元", "¥800,000"),
            (figure(Some(120_000_000.0), seedling(), Qualifier::Exact, "1.2亿株"), "1.2亿株", "120 million seedlings"),
            (figure(Some(8564.0), person(), Qualifier::Exact, "8564名"), "8564人", "8,564 people"),
            (figure(Some(16.8), percent(), Qualifier::Exact, "16.8%"), "16.8%", "16.8%"),
            (figure(Some(1.0), person(), Qualifier::Exact, "1人"), "1人", "1 person"),
            (figure(Some(4.0), edition(), Qualifier::Exact, "第四届"), "第4届", "4th edition"),
            (figure(Some(2.0), round(), Qualifier::Exact, "第二轮"), "第2轮", "2nd round"),
        ];
        for (i, zh, en) in cases {
            assert_eq!(both(&i), (zh.to_owned(), en.to_owned()), "{}", i.printed.zh);
        }
    }

    #[test]
    fn a_lost_figure_is_shown_as_printed_never_guessed() {
        let i = figure(None, person_time(), Qualifier::AtLeast, "?00余人次");
        assert_eq!(both(&i), ("?00余人次".to_owned(), "?00+ person-times".to_owned()));
        assert_eq!(format_value(&i, Locale::ZhHant).joined(Locale::ZhHant), "?00餘人次");
    }

    #[test]
    fn years_and_periods() {
        let mut i = figure(Some(2017.0), calendar_year(), Qualifier::Exact, "2017年至2019年");
        i.period = Period::Span(2017, 2019);
        assert_eq!(both(&i), ("2017—2019年".to_owned(), "2017–2019".to_owned()));
        i.period = Period::Undated;
        assert_eq!(both(&i).1, "2017");
    }

    #[test]
    fn traditional_chinese_writes_wan_yi_and_yu_in_its_own_script() {
        let cases = [
            (figure(Some(380.0), household(), Qualifier::AtLeast, "380余户"), "380餘戶"),
            (figure(Some(200.0), household(), Qualifier::Approx, "近200户"), "近200戶"),
            (figure(Some(80_000_000.0), yuan(), Qualifier::AtLeast, "8000余万元"), "8000餘萬元"),
            (figure(Some(260_000_000.0), yuan(), Qualifier::Exact, "2.6亿元"), "2.6億元"),
            (figure(Some(800_000.0), yuan(), Qualifier::Exact, "80万元"), "80萬元"),
            (figure(Some(120_000_000.0), seedling(), Qualifier::Exact, "1.2亿株"), "1.2億株"),
            (figure(Some(8564.0), person(), Qualifier::Exact, "8564名"), "8564人"),
            (figure(Some(4.0), edition(), Qualifier::Exact, "第四届"), "第4屆"),
            (figure(Some(60.0), mu(), Qualifier::Exact, "60亩"), "60畝"),
        ];
        for (i, hant) in cases {
            assert_eq!(format_value(&i, Locale::ZhHant).joined(Locale::ZhHant), hant, "{}", i.printed.zh);
        }
    }
}
