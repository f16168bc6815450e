//! Text measured without a font: the estimated width of a string and line
//! wrapping by that estimate.
//!
//! The width of text is *estimated* (a CJK character is one em, Latin
//! letters and digits a little over half) rather than measured, so that
//! layout and hover geometry are identical in every backend — canvas, SVG,
//! the tests; boxes are made generous enough that real fonts fit.

/// Estimated advance width of one character, in em.
fn char_em(c: char) -> f64 {
    match c {
        ' ' => 0.3,
        'i' | 'l' | 'j' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' => 0.3,
        'm' | 'w' | 'M' | 'W' | '%' | '@' => 0.9,
        c if c.is_ascii_uppercase() => 0.68,
        c if c.is_ascii() => 0.58,
        '¥' | '–' | '—' | '²' => 0.62,
        // Curly quotes are full width in a CJK font, which sets them in a
        // Chinese text (“余”“多”): counted narrow, a phone's column wrapped
        // a note a line later than the browser. In English they are
        // narrower, and the estimate errs wide, as it should.
        '“' | '”' | '‘' | '’' => 1.0,
        // CJK ideographs, kana, full-width punctuation and the rest.
        _ => 1.0,
    }
}

/// Estimated width of `text` set at `size` px.
pub fn text_width(text: &str, size: f64) -> f64 {
    text.chars().map(char_em).sum::<f64>() * size
}

/// How much wider bold text is estimated than regular.
pub const BOLD_WIDTH: f64 = 1.05;

/// Estimated width of `text` at `size` px, bold or not; bold glyphs run
/// about five per cent wider.
pub fn styled_width(text: &str, size: f64, bold: bool) -> f64 {
    text_width(text, size) * if bold { BOLD_WIDTH } else { 1.0 }
}

/// Whether a line may not start with this character (closing punctuation).
fn no_line_start(c: char) -> bool {
    one_of("，。、；：？！）》」』”’%,.;:?!)", c)
}

/// Whether `c` is one of the characters of `set`.
///
/// The code the module runs searches text only by character and slices it
/// only where a slice cannot fail (`split_once`, `str::get`).
/// `str::contains` with a character outside ASCII searches for its UTF-8
/// bytes as a substring, and a substring search, like a slice at a byte
/// offset, carries a panic message that prints a character with `{:?}`:
/// that links Unicode's tables of printable characters into the module,
/// about 4 KB of every reader's download (`article_site::linked` refuses
/// it).
pub fn one_of(set: &str, c: char) -> bool {
    set.chars().any(|s| s == c)
}

/// Whether `text` holds `part`, without a substring searcher (see
/// [`one_of`]); for the short texts of a chart.
pub fn holds(text: &str, part: &str) -> bool {
    text.char_indices()
        .any(|(at, _)| text.get(at..).is_some_and(|rest| rest.starts_with(part)))
        || part.is_empty()
}

/// `text` without every `part` at its start, as `trim_start_matches` with
/// a text would give it, without a substring searcher (see [`one_of`]).
pub fn trim_start_text<'a>(mut text: &'a str, part: &str) -> &'a str {
    while let Some(rest) = text.strip_prefix(part).filter(|_| !part.is_empty()) {
        text = rest;
    }
    text
}

/// `text` without every `part` at its end (see [`trim_start_text`]).
pub fn trim_end_text<'a>(mut text: &'a str, part: &str) -> &'a str {
    while let Some(rest) = text.strip_suffix(part).filter(|_| !part.is_empty()) {
        text = rest;
    }
    text
}

/// Breaks `text` into lines no wider than `width` at `size` px. Chinese may
/// break between any two characters except before closing punctuation;
/// other scripts break at spaces, and a word longer than a line is split.
pub fn wrap(text: &str, size: f64, width: f64) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_w = 0.0;
    for token in tokens(text) {
        let w = text_width(&token, size);
        let fits = line_w + w <= width;
        let glued = token.chars().next().is_some_and(no_line_start);
        if fits || line.is_empty() || glued {
            line.push_str(&token);
            line_w += w;
            continue;
        }
        lines.push(line.trim_end().to_owned());
        let token = token.trim_start().to_owned();
        line_w = text_width(&token, size);
        line = token;
    }
    if !line.trim().is_empty() {
        lines.push(line.trim_end().to_owned());
    }
    // A single word wider than the line is cut so nothing leaves the canvas.
    lines
        .into_iter()
        .flat_map(|l| {
            if text_width(&l, size) > width {
                split_chars(&l, size, width)
            } else {
                vec![l]
            }
        })
        .collect()
}

/// Splits text into break opportunities: each CJK character alone, Latin
/// words with their following space.
fn tokens(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        if c.is_ascii() && c != ' ' {
            word.push(c);
        } else {
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            if c == ' ' {
                match out.last_mut() {
                    Some(last) if !last.ends_with(' ') => last.push(' '),
                    _ => {}
                }
            } else {
                out.push(c.to_string());
            }
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

fn split_chars(line: &str, size: f64, width: f64) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in line.chars() {
        if !cur.is_empty() && text_width(&cur, size) + char_em(c) * size > width {
            out.push(std::mem::take(&mut cur));
        }
        cur.push(c);
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Texts of a few characters, Chinese, Latin and punctuation mixed, so
    /// that a part is often found in a text, and found repeated.
    fn short_text() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop::sample::select(vec!['连', '续', 'a', ' ', '，', '。', '余']),
            0..8,
        )
        .prop_map(|chars| chars.into_iter().collect())
    }

    proptest! {
        /// The searches without a substring searcher answer as the
        /// standard library's do.
        #[test]
        fn the_searches_without_a_searcher_agree_with_the_standard_library(
            text in short_text(),
            part in short_text(),
            c in prop::sample::select(vec!['连', 'a', ' ', '，', '。', 'x']),
        ) {
            prop_assert_eq!(one_of(&text, c), text.contains(c));
            prop_assert_eq!(holds(&text, &part), text.contains(part.as_str()));
            prop_assert_eq!(trim_start_text(&text, &part), text.trim_start_matches(part.as_str()));
            prop_assert_eq!(trim_end_text(&text, &part), text.trim_end_matches(part.as_str()));
        }
    }

    #[test]
    fn wrapping_breaks_chinese_anywhere_but_before_closing_punctuation() {
        let lines = wrap("贫困发生率由百分之十六点八降至零，如期退出。", 10.0, 60.0);
        assert!(lines.len() > 1);
        for l in &lines {
            assert!(text_width(l, 10.0) <= 60.0 + 10.0, "{l}");
            assert!(!l.starts_with('，') && !l.starts_with('。'), "{l}");
        }
        assert_eq!(
            lines.concat(),
            "贫困发生率由百分之十六点八降至零，如期退出。"
        );
    }

    #[test]
    fn wrapping_breaks_english_at_spaces() {
        let lines = wrap("Lines break between words of English text", 13.0, 120.0);
        assert!(lines.len() > 1);
        assert!(lines
            .iter()
            .all(|l| !l.starts_with(' ') && !l.ends_with(' ')));
        assert_eq!(lines.join(" "), "Lines break between words of English text");
    }
}
