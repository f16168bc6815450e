//! Cleans the glitches that copied news text carries, and lists each one so
//! that the editor can see what the draft changed before quoting it.
//!
//! Every rule is about the form of the text, never its words: HTML left in
//! the text, pinyin in parentheses after characters (a converter's ruby
//! annotation flattened: `實現(xiàn)`), doubled or stray commas, and spaces
//! between Chinese characters.

/// One change the cleaning made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cleaning {
    /// 1-based line of the input.
    pub line: usize,
    /// What was there.
    pub before: String,
    /// What is there now ("" where it was dropped).
    pub after: String,
    /// Why.
    pub why: &'static str,
}

pub(crate) fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F | 0x3007)
}

/// Letters pinyin is written in: a–z and the vowels with tone marks.
fn is_pinyin_letter(c: char) -> bool {
    c.is_ascii_lowercase() || "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüê".contains(c)
}

/// HTML entities seen in copied articles, and what they stand for.
const ENTITIES: [(&str, &str); 9] = [
    ("&ldquo;", "“"),
    ("&rdquo;", "”"),
    ("&lsquo;", "‘"),
    ("&rsquo;", "’"),
    ("&quot;", "\""),
    ("&nbsp;", " "),
    ("&mdash;", "—"),
    ("&hellip;", "…"),
    ("&amp;", "&"),
];

/// Cleans one line; `number` is its 1-based line number for the log.
pub fn clean_line(line: &str, number: usize, log: &mut Vec<Cleaning>) -> String {
    // The byte-order mark an editor writes first says nothing of the text.
    let line = line.trim_start_matches('\u{feff}');
    let mut text = String::with_capacity(line.len());
    // Characters no text of a data folder may hold (the validator's rule,
    // `dataset::unwanted_character`), which a copy from a web page brings:
    // zero-width spaces, soft hyphens, direction marks, a byte-order mark.
    // Kept, they made a folder the build refused. A tab becomes a space;
    // the rest go, each kind logged once a line.
    let mut logged: Vec<char> = Vec::new();
    for c in line.chars() {
        let Some(why) = dataset::unwanted_character(c) else {
            text.push(c);
            continue;
        };
        if c == '\t' {
            text.push(' ');
        }
        if !logged.contains(&c) {
            logged.push(c);
            log.push(Cleaning {
                line: number,
                before: format!("U+{:04X}", u32::from(c)),
                after: if c == '\t' {
                    " ".to_owned()
                } else {
                    String::new()
                },
                why,
            });
        }
    }
    // HTML tags such as <p> and </p> left by a copy from a web page.
    while let Some(start) = text.find('<') {
        let Some(len) = text[start..].find('>') else {
            break;
        };
        let tag = &text[start..start + len + 1];
        let inner = &tag[1..tag.len() - 1];
        let looks_like_tag = !inner.is_empty()
            && inner.len() <= 40
            && inner
                .trim_start_matches('/')
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic());
        if !looks_like_tag {
            break;
        }
        log.push(Cleaning {
            line: number,
            before: tag.to_owned(),
            after: String::new(),
            why: "HTML tag left in the text",
        });
        text.replace_range(start..start + len + 1, "");
    }
    for (entity, character) in ENTITIES {
        if text.contains(entity) {
            log.push(Cleaning {
                line: number,
                before: entity.to_owned(),
                after: character.to_owned(),
                why: "HTML entity left in the text",
            });
            text = text.replace(entity, character);
        }
    }
    text = drop_pinyin(&text, number, log);
    text = fix_commas(&text, number, log);
    text = join_han(&text, number, log);
    text = year_zeros(&text, number, log);
    text.trim().to_owned()
}

/// "二○○八年": a circle (○, ◯, Ｏ) typed for the numeral 〇 inside a
/// number written in words, which the reader of figures then took for two
/// numbers ("八年", eight years, of 2008).
fn year_zeros(text: &str, number: usize, log: &mut Vec<Cleaning>) -> String {
    const CIRCLES: [char; 3] = ['○', '◯', 'Ｏ'];
    let numeral = |c: char| "〇零一二三四五六七八九".contains(c);
    rewrite(text, |chars, i, out| {
        if !CIRCLES.contains(&chars[i]) || !out.chars().next_back().is_some_and(numeral) {
            return None;
        }
        let mut j = i;
        while j < chars.len() && CIRCLES.contains(&chars[j]) {
            j += 1;
        }
        if !chars.get(j).is_some_and(|&c| numeral(c) || c == '年') {
            return None;
        }
        let run: String = chars[i..j].iter().collect();
        log.push(Cleaning {
            line: number,
            before: run,
            after: "〇".repeat(j - i),
            why: "a circle typed for the numeral 〇",
        });
        out.push_str(&"〇".repeat(j - i));
        Some(j)
    })
}

/// Copies `text` a character at a time, but where `step`, handed the
/// characters, a position `i` and the text written so far, returns `Some(j)`:
/// it has written (and logged) what stands for the characters from `i` up to
/// `j`, and the copy goes on from `j`, which must be past `i`. Every cleaning
/// of a line is such a walk.
fn rewrite(
    text: &str,
    mut step: impl FnMut(&[char], usize, &mut String) -> Option<usize>,
) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        match step(&chars, i, &mut out) {
            Some(next) => i = next,
            None => {
                out.push(chars[i]);
                i += 1;
            }
        }
    }
    out
}

/// Drops pinyin in parentheses right after a Chinese character: `現(xiàn)`.
fn drop_pinyin(text: &str, number: usize, log: &mut Vec<Cleaning>) -> String {
    rewrite(text, |chars, i, out| {
        let c = chars[i];
        let last = out.chars().next_back();
        if (c == '(' || c == '（') && last.is_some_and(is_han) {
            let close = chars[i + 1..]
                .iter()
                .position(|&d| d == ')' || d == '）')
                .map(|p| i + 1 + p);
            if let Some(close) = close {
                let inner = &chars[i + 1..close];
                if !inner.is_empty()
                    && inner.len() <= 8
                    && inner.iter().all(|&d| is_pinyin_letter(d))
                {
                    let han = last.map(String::from).unwrap_or_default();
                    let inner: String = chars[i..=close].iter().collect();
                    log.push(Cleaning {
                        line: number,
                        before: format!("{han}{inner}"),
                        after: han,
                        why: "pinyin in parentheses after a character",
                    });
                    return Some(close + 1);
                }
            }
        }
        None
    })
}

fn is_comma(c: char) -> bool {
    matches!(c, ',' | '，' | '、')
}

/// Doubled commas (，，), and a comma before a full stop or another stop.
fn fix_commas(text: &str, number: usize, log: &mut Vec<Cleaning>) -> String {
    rewrite(text, |chars, i, out| {
        let c = chars[i];
        if is_comma(c) {
            let mut j = i + 1;
            while j < chars.len() && is_comma(chars[j]) {
                j += 1;
            }
            let next = chars.get(j).copied();
            let stop_next = next.is_some_and(|n| "。；;！？!?：:".contains(n));
            if j > i + 1 || stop_next {
                let run: String = chars[i..j].iter().collect();
                // A run keeps its last comma, the article's own (",、" was
                // "、"), unless a stop follows, which ends the clause alone.
                let keep = if stop_next {
                    String::new()
                } else {
                    chars[j - 1].to_string()
                };
                log.push(Cleaning {
                    line: number,
                    before: format!("{run}{}", next.map(String::from).unwrap_or_default()),
                    after: format!("{keep}{}", next.map(String::from).unwrap_or_default()),
                    why: if stop_next {
                        "comma before a stop"
                    } else {
                        "doubled comma"
                    },
                });
                out.push_str(&keep);
                return Some(j);
            }
        }
        None
    })
}

/// Spaces between two Chinese characters, which Chinese does not write.
fn join_han(text: &str, number: usize, log: &mut Vec<Cleaning>) -> String {
    rewrite(text, |chars, i, out| {
        let c = chars[i];
        if (c == ' ' || c == '\u{3000}' || c == '\u{a0}') && !out.is_empty() {
            let mut j = i;
            while j < chars.len() && matches!(chars[j], ' ' | '\u{3000}' | '\u{a0}') {
                j += 1;
            }
            let prev = out.chars().next_back();
            let next = chars.get(j).copied();
            if prev.is_some_and(is_han) && next.is_some_and(is_han) {
                log.push(Cleaning {
                    line: number,
                    before: format!(
                        "{}{}{}",
                        prev.unwrap_or(' '),
                        " ".repeat(j - i),
                        next.unwrap_or(' ')
                    ),
                    after: format!("{}{}", prev.unwrap_or(' '), next.unwrap_or(' ')),
                    why: "space between Chinese characters",
                });
                return Some(j);
            }
        }
        None
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(text: &str) -> (String, Vec<Cleaning>) {
        let mut log = Vec::new();
        (clean_line(text, 1, &mut log), log)
    }

    /// Asserts the cleaned text of each line.
    fn assert_cleaned(cases: &[(&str, &str)]) {
        for &(text, cleaned) in cases {
            assert_eq!(clean(text).0, cleaned, "{text}");
        }
    }

    #[test]
    fn characters_no_text_may_hold_are_dropped_and_logged() {
        // A zero-width space twice, a soft hyphen, a tab: each kind once.
        // (The tab's space between two Chinese characters then goes too.)
        let (text, log) = clean("投入\u{200b}资金\u{200b}5亿\u{ad}元\tA");
        assert_eq!(text, "投入资金5亿元 A");
        let logged: Vec<&str> = log.iter().map(|l| l.before.as_str()).collect();
        assert_eq!(logged, ["U+200B", "U+00AD", "U+0009"]);
        // The byte-order mark an editor writes first goes unlogged.
        let (text, log) = clean("\u{feff}投入资金");
        assert_eq!((text.as_str(), log.len()), ("投入资金", 0));
    }

    #[test]
    fn pinyin_after_characters_is_dropped() {
        assert_cleaned(&[
            ("實現(xiàn)之年", "實現之年"),
            ("脫貧攻堅戰(zhàn)", "脫貧攻堅戰"),
            ("東(dong)(dong)西", "東西"),
            // Not pinyin: a note in parentheses stays.
            ("幫扶縣(市、區(qū))", "幫扶縣(市、區)"),
            ("规划(2017-2021年)", "规划(2017-2021年)"),
        ]);
        assert_eq!(clean("實現(xiàn)").1.len(), 1);
    }

    #[test]
    fn commas_html_and_spaces_are_cleaned() {
        assert_cleaned(&[
            ("獲悉,,近年來", "獲悉,近年來"),
            ("攻堅,。", "攻堅。"),
            ("天津市,、山東省", "天津市、山東省"),
            ("<p>某县</p>", "某县"),
            ("當地的&ldquo;傳幫帶&rdquo;", "當地的“傳幫帶”"),
            ("资金 投入", "资金投入"),
            // A space after a digit is the article's own.
            ("2019 年", "2019 年"),
            // A circle typed for 〇 in a year in words; a circle
            // elsewhere is the article's own.
            ("二○○八年", "二〇〇八年"),
            ("○ 选项", "○ 选项"),
        ]);
    }
}
