//! Honesty: every figure of the data file is checked against the article it
//! comes from (`data/article.zh-Hant.txt`, Traditional Chinese with stray
//! pinyin glitches), converted to Simplified Chinese here.

use std::path::PathBuf;

use danba_dataset::load;
use zhconv::{zhconv, Variant};

/// Drops the pinyin glitches, e.g. "實現(xiàn)" → "實現", and converts to
/// Simplified Chinese.
fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('(') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find(')') {
            Some(close)
                if close > 0
                    && after[..close]
                        .chars()
                        .all(|c| c.is_alphabetic() && !is_cjk(c)) =>
            {
                rest = &after[close + 1..];
            }
            _ => {
                out.push('(');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    zhconv(&out, Variant::ZhHans)
}

fn is_cjk(c: char) -> bool {
    ('\u{3400}'..='\u{9fff}').contains(&c)
}

fn article() -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/article.zh-Hant.txt");
    normalise(&std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
}

#[test]
fn glitches_are_removed_and_text_is_simplified() {
    assert_eq!(normalise("實現(xiàn)脫(tuō)貧"), "实现脱贫");
    assert_eq!(normalise("(2017-2021年)"), "(2017-2021年)");
}

#[test]
fn every_printed_figure_occurs_in_the_article() {
    let article = article();
    let ds = load(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/indicators.toml"))
        .unwrap_or_else(|e| panic!("{e}"));
    let missing: Vec<String> = ds
        .indicators
        .iter()
        .filter(|i| !article.contains(&normalise(&i.printed)))
        .map(|i| format!("{}: {:?}", i.id, i.printed))
        .collect();
    assert!(
        missing.is_empty(),
        "figures not found in the article:\n{}",
        missing.join("\n")
    );
}

#[test]
fn every_source_sentence_is_quoted_from_the_article() {
    let article = article();
    let ds = load(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/indicators.toml"))
        .unwrap_or_else(|e| panic!("{e}"));
    let missing: Vec<String> = ds
        .indicators
        .iter()
        .filter(|i| !article.contains(&normalise(&i.source)))
        .map(|i| format!("{}: {}", i.id, i.source))
        .collect();
    assert!(
        missing.is_empty(),
        "source sentences not found verbatim in the article:\n{}",
        missing.join("\n")
    );
}
