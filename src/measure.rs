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
    "，。、；：？！）》」』”’%,.;:?!)".contains(c)
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
