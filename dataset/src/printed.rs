//! Reads figures as Chinese prose prints them: "9597名", "超过670亿元",
//! "1/4", "四分之一", "第一", "二〇二〇年".
//!
//! One reader serves twice. The validator checks each indicator's `value`
//! against its `printed` figure with it, and `article-draft` finds the figures
//! of an article with it; so a figure the draft writes is one the validator
//! reads back the same way. The loader also keeps the words around each
//! figure's number ([`Worded`]), so that the page's module, which formats
//! the figures, carries those words and not this reader.
//!
//! It knows numerals, not words: Arabic digits (half or full width, with
//! thousands separators and decimals), Chinese numerals (一百二十, 两, 二〇二〇),
//! the multipliers 万 / 亿 / 万亿, percents, fractions, and the words around a
//! number that bound it (余 / 多 / 以上 / 超过 / 逾: at least; 近 / 约 / 左右:
//! about; 以下 / 不到: at most). Which numbers are figures of an article is the
//! draft's work.

use crate::Text;

/// How the text bounds a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bound {
    /// The number as printed.
    Exact,
    /// A lower bound: 余, 多, 以上, 超过, 逾.
    AtLeast,
    /// An upper bound: 以下, 不到, 不足, 不超过.
    AtMost,
    /// About: 近, 约, 左右.
    Approx,
}

impl Bound {
    /// The qualifier of the data file that says the same: the validator
    /// checks a figure's qualifier against it, and the draft writes it.
    pub fn qualifier(self) -> crate::Qualifier {
        match self {
            Bound::Exact => crate::Qualifier::Exact,
            Bound::AtLeast => crate::Qualifier::AtLeast,
            Bound::Approx => crate::Qualifier::Approx,
            // 以下, 不到, 不足, 不超过: an upper bound, never "about".
            Bound::AtMost => crate::Qualifier::AtMost,
        }
    }
}

/// How a number is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    /// Arabic digits: 8564, 2.6, 1,234.
    Arabic,
    /// Chinese numerals with place words: 一百二十, 两, 十五.
    Chinese,
    /// Chinese digits read one by one, as years are written: 二〇二〇.
    Digits,
}

/// One number found in a text.
#[derive(Clone, Debug, PartialEq)]
pub struct Number {
    /// Byte offset of its first character.
    pub start: usize,
    /// Byte offset just past it, past any multiplier, 余 / 多 and percent sign.
    pub end: usize,
    /// Its value, multipliers applied: "670亿" is 67000000000.
    pub value: f64,
    /// How its digits are written.
    pub form: Form,
    /// 余 or 多 stands right after the digits or the multiplier.
    pub more: bool,
    /// A multiplier (万, 亿) is part of it.
    pub scaled: bool,
    /// It is a percent: "16.8%", "百分之三十".
    pub percent: bool,
    /// It is a fraction, valued as a share of one: "1/4", "四分之一" are 0.25.
    pub fraction: bool,
    /// It is a ratio, valued as its quotient: "1∶1" is 1, "3∶2" 1.5.
    pub ratio: bool,
}

/// The value of a Chinese digit character.
fn digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' => 0,
        '一' => 1,
        '二' | '两' | '兩' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// The value of a Chinese place word within a group of four digits.
fn place(c: char) -> Option<f64> {
    Some(match c {
        '十' => 10.0,
        '百' => 100.0,
        '千' => 1000.0,
        _ => return None,
    })
}

fn is_ten_thousand(c: char) -> bool {
    matches!(c, '万' | '萬')
}

fn is_hundred_million(c: char) -> bool {
    matches!(c, '亿' | '億')
}

/// An Arabic digit, half or full width.
fn arabic(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// The characters of `text` from byte `at`, with their offsets.
fn chars_from(text: &str, at: usize) -> impl Iterator<Item = (usize, char)> + '_ {
    text[at..].char_indices().map(move |(i, c)| (at + i, c))
}

fn next_char(text: &str, at: usize) -> Option<char> {
    text.get(at..).and_then(|s| s.chars().next())
}

/// Reads an Arabic number at `at`: digits with thousands separators and a
/// decimal part. Returns the value and the offset past it. The value is
/// computed from whole digits and a power of ten so that "2.6" times 亿 is
/// exactly 260000000.
fn read_arabic(text: &str, at: usize) -> Option<(f64, u32, usize)> {
    let mut mantissa: f64 = 0.0;
    let mut decimals: u32 = 0;
    let mut end = at;
    let mut seen_point = false;
    let mut any = false;
    let mut it = chars_from(text, at).peekable();
    while let Some((i, c)) = it.next() {
        if let Some(d) = arabic(c) {
            mantissa = mantissa * 10.0 + f64::from(d);
            if seen_point {
                decimals += 1;
            }
            any = true;
            end = i + c.len_utf8();
        } else if (c == ',' || c == '，') && any && !seen_point {
            // A thousands separator is followed by exactly three digits;
            // otherwise the comma ends the number ("5，6个" lists two).
            let after = i + c.len_utf8();
            let three: Vec<char> = text[after..].chars().take(4).collect();
            let ok = three.len() >= 3
                && three.iter().take(3).all(|&d| arabic(d).is_some())
                && three.get(3).is_none_or(|&d| arabic(d).is_none());
            if !ok {
                break;
            }
        } else if (c == '.' || c == '．') && any && !seen_point {
            match it.peek() {
                Some(&(_, d)) if arabic(d).is_some() => seen_point = true,
                _ => break,
            }
        } else {
            break;
        }
    }
    any.then_some((mantissa, decimals, end))
}

/// Reads Chinese numerals at `at`: the longest prefix that is a well-formed
/// number. Returns the value, its form and the offset past it.
fn read_chinese(text: &str, at: usize) -> Option<(f64, Form, usize)> {
    let run: Vec<(usize, char)> = chars_from(text, at)
        .take_while(|&(_, c)| {
            digit(c).is_some() || place(c).is_some() || is_ten_thousand(c) || is_hundred_million(c)
        })
        .collect();
    let first = run.first()?.1;
    // 万 and 亿 alone are words (万众, 亿万); a number starts with a digit
    // or a place word (十五, 百亿).
    if is_ten_thousand(first) || is_hundred_million(first) {
        return None;
    }
    // Digits read one by one: 二〇二〇, 一九九五.
    let digits: Vec<u32> = run.iter().map_while(|&(_, c)| digit(c)).collect();
    if digits.len() == 4 || (digits.len() > 1 && run.iter().any(|&(_, c)| c == '〇')) {
        let n = digits.len();
        let value = digits.iter().fold(0.0, |v, &d| v * 10.0 + f64::from(d));
        let (i, c) = run[n - 1];
        return Some((value, Form::Digits, i + c.len_utf8()));
    }
    let (mut high, mut group, mut current) = (0.0f64, 0.0f64, None::<u32>);
    let mut end = at;
    for &(i, c) in &run {
        if let Some(d) = digit(c) {
            if d == 0 {
                // 零 holds a place: 一百零五.
            } else if current.is_some() {
                // Two digits in a row ("三四个", "十三五") are not one number.
                break;
            } else {
                current = Some(d);
            }
        } else if let Some(p) = place(c) {
            let d = current.take().map_or(1.0, f64::from);
            group += d * p;
        } else if is_ten_thousand(c) {
            group = (group + current.take().map_or(0.0, f64::from)) * 1e4;
        } else {
            high = (high + group + current.take().map_or(0.0, f64::from)) * 1e8;
            group = 0.0;
        }
        end = i + c.len_utf8();
    }
    let value = high + group + current.map_or(0.0, f64::from);
    (end > at).then_some((value, Form::Chinese, end))
}

/// The multiplier at `at`, if any, and the offset past it.
fn multiplier(text: &str, at: usize) -> Option<(f64, usize)> {
    const WORDS: [(&str, f64); 10] = [
        ("万亿", 1e12),
        ("萬億", 1e12),
        ("千万", 1e7),
        ("千萬", 1e7),
        ("百万", 1e6),
        ("百萬", 1e6),
        ("万", 1e4),
        ("萬", 1e4),
        ("亿", 1e8),
        ("億", 1e8),
    ];
    let rest = text.get(at..)?;
    WORDS
        .iter()
        .find(|(w, _)| rest.starts_with(w))
        .map(|&(w, m)| (m, at + w.len()))
}

/// 余 or 多 at `at`: "20余名", "4400多个", "8000余万元".
fn more_at(text: &str, at: usize) -> Option<usize> {
    let c = next_char(text, at)?;
    // 馀 is how the converter writes 餘 in some words.
    matches!(c, '余' | '餘' | '馀' | '多').then_some(at + c.len_utf8())
}

/// Finds every number of a text, left to right.
///
/// A digit next to a Latin letter belongs to a name ("5G", "G318",
/// "COVID-19") and is not read.
pub fn numbers(text: &str) -> Vec<Number> {
    let mut out = Vec::new();
    let mut at = 0;
    while at < text.len() {
        let Some(c) = next_char(text, at) else { break };
        let found = if text[at..].starts_with("百分之") {
            read_chinese(text, at + "百分之".len()).map(|(v, form, end)| Number {
                start: at,
                end,
                value: v,
                form,
                more: false,
                scaled: false,
                percent: true,
                fraction: false,
                ratio: false,
            })
        } else if arabic(c).is_some() {
            read_arabic_number(text, at)
        } else if digit(c).is_some() || place(c).is_some() {
            read_chinese_number(text, at)
        } else {
            None
        };
        match found {
            Some(n) => {
                at = n.end;
                out.push(n);
            }
            None => {
                // Past the whole run of digits, so that "COVID-19" is not
                // read again from its "9".
                at += c.len_utf8();
                while let Some(d) = next_char(text, at) {
                    if arabic(d).is_none() || arabic(c).is_none() {
                        break;
                    }
                    at += d.len_utf8();
                }
            }
        }
    }
    out
}

fn is_latin(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_ascii_alphabetic() || ('Ａ'..='ｚ').contains(&c))
}

fn read_arabic_number(text: &str, at: usize) -> Option<Number> {
    let before = text[..at].chars().next_back();
    // "COVID-19": a hyphen after a letter joins the digits to the name.
    let before2 = text[..at].chars().rev().nth(1);
    if is_latin(before) || (before == Some('-') && is_latin(before2)) {
        return None;
    }
    let (mantissa, decimals, mut end) = read_arabic(text, at)?;
    if is_latin(next_char(text, end)) {
        return None;
    }
    let mut value = mantissa / 10f64.powi(decimals as i32);
    let mut n = Number {
        start: at,
        end,
        value,
        form: Form::Arabic,
        more: false,
        scaled: false,
        percent: false,
        fraction: false,
        ratio: false,
    };
    // A ratio "1∶1", written with the ratio sign (a colon could be a time
    // of day): its second term is Arabic digits too.
    if let Some(sign) = next_char(text, end).filter(|&c| c == '∶') {
        let from = end + sign.len_utf8();
        if let Some((second, sd, second_end)) = read_arabic(text, from) {
            if second > 0.0 && !is_latin(next_char(text, second_end)) {
                n.value = value / (second / 10f64.powi(sd as i32));
                n.ratio = true;
                n.end = second_end;
                return Some(n);
            }
        }
    }
    // A fraction "1/4": the denominator is Arabic digits too.
    if let Some(slash) = next_char(text, end).filter(|&c| c == '/' || c == '／') {
        let from = end + slash.len_utf8();
        if let Some((den, dd, den_end)) = read_arabic(text, from) {
            if den > 0.0 && !is_latin(next_char(text, den_end)) {
                let den = den / 10f64.powi(dd as i32);
                n.value = value / den;
                n.fraction = true;
                n.end = den_end;
                return Some(n);
            }
        }
    }
    if let Some(e) = more_at(text, end) {
        // 多 is "more" only before a multiplier or a measure word; 余 always.
        n.more = true;
        end = e;
    }
    if let Some((m, e)) = multiplier(text, end) {
        value = mantissa * m / 10f64.powi(decimals as i32);
        n.value = value;
        n.scaled = true;
        end = e;
        if let Some(e) = more_at(text, end) {
            n.more = true;
            end = e;
        }
    }
    if let Some(c) = next_char(text, end).filter(|&c| c == '%' || c == '％') {
        n.percent = true;
        end += c.len_utf8();
    }
    n.end = end;
    Some(n)
}

fn read_chinese_number(text: &str, at: usize) -> Option<Number> {
    let (value, form, end) = read_chinese(text, at)?;
    let mut n = Number {
        start: at,
        end,
        value,
        form,
        more: false,
        scaled: text[at..end]
            .chars()
            .any(|c| is_ten_thousand(c) || is_hundred_million(c)),
        percent: false,
        fraction: false,
        ratio: false,
    };
    // "四分之一": the denominator comes first.
    if text[end..].starts_with("分之") {
        let from = end + "分之".len();
        if let Some((num, _, e)) = read_chinese(text, from) {
            if value > 0.0 {
                n.value = num / value;
                n.fraction = true;
                n.end = e;
                return Some(n);
            }
        }
    }
    if let Some(e) = more_at(text, n.end) {
        // "十余个": 余 after Chinese numerals bounds them as it does digits.
        n.more = true;
        n.end = e;
    }
    Some(n)
}

/// The bound the words before and after a number put on it. `before` is
/// the text that ends where the number starts, `after` the text from where
/// it ends (its unit word included).
pub fn bound(before: &str, after: &str, more: bool) -> Bound {
    if AT_MOST_BEFORE.iter().any(|w| before.ends_with(w)) {
        return Bound::AtMost;
    }
    if AT_LEAST_BEFORE.iter().any(|w| before.ends_with(w)) || more {
        return Bound::AtLeast;
    }
    // The bound words after a figure follow its unit word: "3000米以上".
    let tail: String = after.chars().take(6).collect();
    if tail.contains("以上") {
        return Bound::AtLeast;
    }
    if tail.contains("以下") || tail.contains("以内") {
        return Bound::AtMost;
    }
    if tail.contains("左右") {
        return Bound::Approx;
    }
    if APPROX_BEFORE.iter().any(|w| before.ends_with(w)) {
        return Bound::Approx;
    }
    Bound::Exact
}

/// The words of a printed figure around its first number, exactly as
/// printed, so that a page can show the article's own qualifier ("超过670亿元"
/// stays 超过) rather than one word for every lower bound.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Wording<'a> {
    /// A bound word right before the number: 超过, 逾, 近, 约, 不到, 不超过.
    pub before: &'a str,
    /// 余 / 多 (or 餘 / 馀) right after the digits or the multiplier.
    pub more: &'a str,
    /// A bound word after the figure and its unit word: 以上, 以下, 以内, 左右.
    pub after: &'a str,
    /// 连续 before the number: "连续4年" is four years in a row.
    pub in_a_row: bool,
    /// 各 before the number: "各20个" is twenty for each item of a list.
    pub each: bool,
    /// The fraction as printed ("1/4", "四分之一"), its numerator and its
    /// denominator, where the figure is one; a ratio ("1∶1") is read so too.
    pub fraction: Option<(&'a str, f64, f64)>,
    /// The figure is a ratio: "1∶1".
    pub ratio: bool,
    /// The number is a position or rank: "第一", "第2轮".
    pub ordinal: bool,
    /// The first number as printed, multiplier and 余 included: "670亿", "一".
    pub number: &'a str,
}

const AT_MOST_BEFORE: [&str; 7] = ["不超过", "不超過", "不到", "不足", "最多", "至多", "少于"];
const AT_LEAST_BEFORE: [&str; 8] = ["超过", "超過", "逾", "超", "至少", "最少", "多于", "高于"];
const APPROX_BEFORE: [&str; 8] = ["将近", "將近", "接近", "大约", "大約", "近", "约", "約"];
const AFTER: [&str; 4] = ["以上", "以下", "以内", "左右"];

/// The words around the first number of a printed figure (see [`Wording`]).
/// Empty where it holds no number or a lost digit.
pub fn wording(printed: &str) -> Wording<'_> {
    let Some(reading) = read(printed) else {
        return Wording::default();
    };
    let first = &reading.numbers[0];
    let before = &printed[..first.start];
    let after = &printed[first.end..];
    // The longest word wins: 不超过 is an upper bound, not 超过 after 不.
    let before_word = AT_MOST_BEFORE
        .iter()
        .chain(&AT_LEAST_BEFORE)
        .chain(&APPROX_BEFORE)
        .filter(|w| before.ends_with(*w))
        .max_by_key(|w| w.len())
        .map_or("", |w| &before[before.len() - w.len()..]);
    let own = &printed[first.start..first.end];
    let more = own
        .char_indices()
        .find(|&(_, c)| matches!(c, '余' | '餘' | '馀' | '多'))
        .map_or("", |(i, c)| &own[i..i + c.len_utf8()]);
    // The bound words after a figure follow its unit word: "3000米以上".
    let tail_end = after.char_indices().nth(6).map_or(after.len(), |(i, _)| i);
    let after_word = AFTER
        .iter()
        .find_map(|w| after[..tail_end].find(w).map(|i| &after[i..i + w.len()]))
        .unwrap_or("");
    let fraction = (first.fraction || first.ratio).then(|| {
        // "1/4" reads numerator first, "四分之一" denominator first.
        let parts: Vec<f64> = if own.contains("分之") {
            let mut parts: Vec<f64> = own
                .split("分之")
                .filter_map(|p| read_chinese(p, 0).map(|(v, _, _)| v))
                .collect();
            parts.reverse();
            parts
        } else {
            own.split(['/', '／', '∶'])
                .filter_map(|p| read_arabic(p, 0).map(|(m, d, _)| m / 10f64.powi(d as i32)))
                .collect()
        };
        match parts[..] {
            [num, den] => (own, num, den),
            _ => (own, first.value, 1.0),
        }
    });
    Wording {
        before: before_word,
        more,
        after: after_word,
        in_a_row: before.contains("连续") || before.contains("連續"),
        each: before.ends_with('各'),
        fraction,
        ratio: first.ratio,
        ordinal: reading.ordinal,
        number: own,
    }
}

/// A figure's [`Wording`], owned: what a dataset keeps of its printed
/// form, read once when the folder is loaded. The page's module formats
/// figures from it and so never reads printed numbers itself; the reader of
/// this file stays out of the module (3.3 KB of its gzip size).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Worded {
    /// See [`Wording::before`].
    pub before: Text,
    /// See [`Wording::more`].
    pub more: Text,
    /// See [`Wording::after`].
    pub after: Text,
    /// See [`Wording::in_a_row`].
    pub in_a_row: bool,
    /// See [`Wording::each`].
    pub each: bool,
    /// See [`Wording::fraction`].
    pub fraction: Option<(Text, f64, f64)>,
    /// See [`Wording::ratio`].
    pub ratio: bool,
    /// See [`Wording::ordinal`].
    pub ordinal: bool,
    /// See [`Wording::number`]: the Simplified form's.
    pub number: Text,
    /// The first number of the Traditional form ("第四屆": 四), which a
    /// position in Traditional Chinese is shown with.
    pub number_hant: Text,
}

impl Worded {
    /// The wording of a figure printed `zh` in Simplified and `zh_hant` in
    /// Traditional Chinese.
    pub fn of(zh: &str, zh_hant: &str) -> Worded {
        let w = wording(zh);
        let own = |t: &str| Text::Owned(t.to_owned());
        Worded {
            before: own(w.before),
            more: own(w.more),
            after: own(w.after),
            in_a_row: w.in_a_row,
            each: w.each,
            fraction: w
                .fraction
                .map(|(printed, num, den)| (own(printed), num, den)),
            ratio: w.ratio,
            ordinal: w.ordinal,
            number: own(w.number),
            number_hant: own(wording(zh_hant).number),
        }
    }

    /// The Simplified form's wording, borrowed.
    pub fn wording(&self) -> Wording<'_> {
        Wording {
            before: &self.before,
            more: &self.more,
            after: &self.after,
            in_a_row: self.in_a_row,
            each: self.each,
            fraction: self
                .fraction
                .as_ref()
                .map(|(printed, num, den)| (printed.as_ref(), *num, *den)),
            ratio: self.ratio,
            ordinal: self.ordinal,
            number: &self.number,
        }
    }
}

/// A printed figure, read.
#[derive(Clone, Debug, PartialEq)]
pub struct Reading {
    /// Every number in it, left to right: "2017-2021年" holds two.
    pub numbers: Vec<Number>,
    /// How the words around the first number bound it.
    pub bound: Bound,
    /// It is a rank or position: "第一", "第二轮".
    pub ordinal: bool,
}

/// Reads a printed figure. `None` where it holds no number or a lost digit
/// ("?00余人次"): such a figure cannot be checked.
pub fn read(printed: &str) -> Option<Reading> {
    if printed.contains(['?', '？', '\u{fffd}']) {
        return None;
    }
    let numbers = numbers(printed);
    let first = numbers.first()?;
    let before = &printed[..first.start];
    let after = &printed[first.end..];
    Some(Reading {
        bound: bound(before, after, first.more),
        ordinal: before.ends_with('第'),
        numbers,
    })
}

/// Whether a value agrees with a printed figure. A value agrees with any
/// number of the figure ("2017-2021年" is 2017 or 2021), in base units or in
/// a unit of 万 / 亿 / 万亿 of them (a folder may count in 万元), and a
/// fraction agrees as a share (0.25) or as a percent (25). `None` where the
/// printed figure cannot be read, so it cannot be checked.
pub fn agrees(value: f64, printed: &str) -> Option<bool> {
    let reading = read(printed)?;
    let close = |a: f64, b: f64| (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0);
    Some(reading.numbers.iter().any(|n| {
        let mut candidates = vec![n.value];
        if n.fraction {
            candidates.push(n.value * 100.0);
        }
        candidates.iter().any(|&c| {
            [1.0, 1e4, 1e8, 1e12]
                .iter()
                .any(|&scale| close(value * scale, c))
        })
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(text: &str) -> f64 {
        read(text).map(|r| r.numbers[0].value).unwrap_or(f64::NAN)
    }

    /// Asserts the value of the first number of each text.
    fn assert_values(cases: &[(&str, f64)]) {
        for &(text, expected) in cases {
            assert_eq!(value(text), expected, "{text}");
        }
    }

    #[test]
    fn arabic_numbers_with_multipliers_separators_and_decimals() {
        assert_values(&[
            ("9597名", 9597.0),
            ("670亿元", 67_000_000_000.0),
            ("2.6亿元", 260_000_000.0),
            ("89.66亿元", 8_966_000_000.0),
            ("1.2万亿元", 1_200_000_000_000.0),
            ("1,234,567人", 1_234_567.0),
            ("8000余万元", 80_000_000.0),
            ("１２３户", 123.0),
            ("16.8%", 16.8),
        ]);
    }

    #[test]
    fn chinese_numerals() {
        assert_values(&[
            ("五年", 5.0),
            ("九项", 9.0),
            ("两省区", 2.0),
            ("十二个", 12.0),
            ("二十个", 20.0),
            ("一百二十三人", 123.0),
            ("三万五千人", 35_000.0),
            ("一亿二千万元", 120_000_000.0),
            ("二〇二〇年", 2020.0),
            ("百亿元", 10_000_000_000.0),
        ]);
        assert_eq!(
            read("二〇二〇年").map(|r| r.numbers[0].form),
            Some(Form::Digits)
        );
    }

    #[test]
    fn fractions_percents_and_ranks() {
        assert_eq!(value("1/4"), 0.25);
        assert_eq!(value("四分之一"), 0.25);
        assert_eq!(value("三分之二"), 2.0 / 3.0);
        assert_eq!(value("百分之三十"), 30.0);
        let first = read("第一").unwrap();
        assert!(first.ordinal);
        assert_eq!(first.numbers[0].value, 1.0);
        assert!(read("名列全国第一").unwrap().ordinal);
    }

    #[test]
    fn bounds() {
        for (text, bound) in [
            ("超过670亿元", Bound::AtLeast),
            ("380余户", Bound::AtLeast),
            ("30馀家", Bound::AtLeast),
            ("4400多个", Bound::AtLeast),
            ("3000米以上", Bound::AtLeast),
            ("逾千人", Bound::AtLeast),
            ("近200户", Bound::Approx),
            ("约18万人", Bound::Approx),
            ("100人左右", Bound::Approx),
            ("5%以下", Bound::AtMost),
            ("不到3%", Bound::AtMost),
            ("不超过10亿元", Bound::AtMost),
            ("8564名", Bound::Exact),
        ] {
            assert_eq!(read(text).unwrap().bound, bound, "{text}");
        }
        assert_eq!(value("超过670亿元"), 67_000_000_000.0);
    }

    #[test]
    fn the_words_around_a_figure_are_kept_as_printed() {
        let w = wording("超过670亿元");
        assert_eq!((w.before, w.more, w.after), ("超过", "", ""));
        assert_eq!(wording("不超过10亿元").before, "不超过");
        assert_eq!(wording("4400多个").more, "多");
        assert_eq!(wording("8000余万元").more, "余");
        assert_eq!(wording("3000米以上").after, "以上");
        assert_eq!(wording("5%以下").after, "以下");
        assert!(wording("连续四年").in_a_row);
        assert!(wording("各20个").each);
        assert!(wording("第一").ordinal);
        assert_eq!(wording("1/4").fraction, Some(("1/4", 1.0, 4.0)));
        assert_eq!(wording("四分之一").fraction, Some(("四分之一", 1.0, 4.0)));
        assert_eq!(wording("三分之二").fraction, Some(("三分之二", 2.0, 3.0)));
        let ratio = wording("1∶1");
        assert_eq!(
            (ratio.fraction, ratio.ratio),
            (Some(("1∶1", 1.0, 1.0)), true)
        );
        assert_eq!(value("达到了3∶2。"), 1.5);
        assert_eq!(value("10:30举行"), 10.0);
        assert_eq!(wording("?00余人次"), Wording::default());
    }

    #[test]
    fn names_and_lost_digits_are_not_read() {
        for text in ["5G基站", "G318国道", "COVID-19疫情"] {
            assert!(numbers(text).is_empty(), "{text}");
        }
        assert!(read("?00余人次").is_none());
    }

    #[test]
    fn values_agree_with_printed_figures_in_any_scale() {
        assert_eq!(agrees(260_000_000.0, "2.6亿元"), Some(true));
        assert_eq!(agrees(26_000.0, "2.6亿元"), Some(true), "in 万元");
        assert_eq!(agrees(2.6, "2.6亿元"), Some(true), "in 亿元");
        assert_eq!(agrees(2017.0, "2017-2021年"), Some(true));
        assert_eq!(agrees(25.0, "1/4"), Some(true));
        assert_eq!(agrees(0.25, "四分之一"), Some(true));
        assert_eq!(agrees(2.0, "两年来"), Some(true));
        assert_eq!(agrees(261_000_000.0, "2.6亿元"), Some(false));
        assert_eq!(agrees(3.0, "380余户"), Some(false));
        assert_eq!(agrees(3.0, "?00余人次"), None);
    }
}
