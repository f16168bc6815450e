//! Honesty: every figure of the data file is checked against the article it
//! comes from (`data/article.zh-Hant.txt`, Traditional Chinese with stray
//! pinyin glitches), converted to Simplified Chinese here.
//!
//! These tests check `data/` itself, the first article charted: a newsroom
//! that replaces `data/` with another article replaces or removes this
//! file with it. Every other test holds for any data folder.

use std::path::PathBuf;

use article_dataset::{load, Indicator};
use zhconv::{zhconv, Variant};

/// Drops the pinyin glitches, e.g. "實現(xiàn)" → "實現", keeping the
/// article's script.
fn drop_glitches(text: &str) -> String {
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
    out
}

/// Drops the pinyin glitches and converts to Simplified Chinese.
fn normalise(text: &str) -> String {
    zhconv(&drop_glitches(text), Variant::ZhHans)
}

/// The article's garbled passages that the data quotes, and their
/// restorations: its GBK bytes were read one byte out of step after 當, and
/// re-reading them gives back the characters, which the data marks 〔〕. In
/// the second, the hundreds digit was lost with the second byte of 部.
const RESTORED: [(&str, &str); 2] = [
    ("當?shù)貙嶋H", "當〔地實際〕"),
    ("當?shù)馗刹?00", "當〔地干部〕?00"),
];

/// The article as the data quotes it in Traditional Chinese: glitches
/// dropped, garbled passages restored.
fn article_hant() -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/article.zh-Hant.txt");
    let mut text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; tests/article.rs checks the figures of data/ against the article \
                 data/ was made from, and must go with it when data/ holds another article",
            path.display()
        )
    });
    for (garbled, restored) in RESTORED {
        assert!(
            text.contains(garbled),
            "the article no longer has {garbled:?}"
        );
        text = text.replace(garbled, restored);
    }
    drop_glitches(&text)
}

/// The article converted to Simplified Chinese as the data quotes it; the
/// converter leaves 著 where Simplified writes 着.
fn article() -> String {
    zhconv(&article_hant(), Variant::ZhHans).replace("伴随著", "伴随着")
}

fn dataset() -> article_dataset::Dataset {
    load(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data")).unwrap_or_else(|e| panic!("{e}"))
}

fn is_cjk(c: char) -> bool {
    ('\u{3400}'..='\u{9fff}').contains(&c)
}

#[test]
fn glitches_are_removed_and_text_is_simplified() {
    assert_eq!(normalise("實現(xiàn)脫(tuō)貧"), "实现脱贫");
    assert_eq!(normalise("(2017-2021年)"), "(2017-2021年)");
}

/// Fails with `what`, listing every figure of data/ whose text that
/// `quoted` picks is not found verbatim in `article`.
fn assert_every_figure_in(article: &str, what: &str, quoted: impl Fn(&Indicator) -> String) {
    let missing: Vec<String> = dataset()
        .indicators
        .iter()
        .filter_map(|i| {
            let text = quoted(i);
            (!article.contains(&text)).then(|| format!("{}: {text:?}", i.id))
        })
        .collect();
    assert!(missing.is_empty(), "{what}:\n{}", missing.join("\n"));
}

#[test]
fn every_printed_figure_occurs_in_the_article() {
    assert_every_figure_in(&article(), "figures not found in the article", |i| {
        normalise(&i.printed.zh)
    });
}

#[test]
fn every_source_sentence_is_quoted_from_the_article() {
    assert_every_figure_in(
        &article(),
        "source sentences not found verbatim in the article",
        |i| i.source.zh.to_string(),
    );
}

#[test]
fn every_traditional_source_is_the_articles_own_sentence() {
    assert_every_figure_in(
        &article_hant(),
        "Traditional sentences not found verbatim in the article",
        |i| i.source.zh_hant.to_string(),
    );
}

#[test]
fn every_source_has_a_translation() {
    for i in dataset().indicators.iter() {
        assert_ne!(i.source.en, i.source.zh, "{}: `source_en` is missing", i.id);
    }
}
