//! The rules added for drafted folders: a Chinese-only folder
//! (`languages = ["zh"]`), the editor's `review` note, and `value` checked
//! against `printed`; and that every existing folder stays valid under them.

use std::path::PathBuf;

use article_dataset::{load, parse, parse_files};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

#[test]
fn every_existing_folder_stays_valid() {
    for folder in ["data", "tests/data/second-article"] {
        let d = load(&root().join(folder)).unwrap_or_else(|e| panic!("{folder}: {e}"));
        assert!(d.meta.has_english(), "{folder} is read as English too");
    }
    // The one-file examples are read with the shared vocabulary, as the
    // site's own tests read them.
    let read =
        |p: &str| std::fs::read_to_string(root().join(p)).unwrap_or_else(|e| panic!("{p}: {e}"));
    let mut files = vec!["tests/data/valid.toml".to_owned()];
    for entry in std::fs::read_dir(root().join("tests/data/edge")).unwrap() {
        files.push(format!(
            "tests/data/edge/{}",
            entry.unwrap().file_name().to_string_lossy()
        ));
    }
    for file in files {
        let pair = [
            (
                "vocabulary.toml".to_owned(),
                read("tests/data/vocabulary.toml"),
            ),
            (file.clone(), read(&file)),
        ];
        parse_files(&pair).unwrap_or_else(|e| panic!("{file}: {e}"));
    }
}

/// A one-file folder; `meta_extra` goes into `[meta]`, `indicator` is the
/// whole `[[indicator]]` table.
fn folder(meta_extra: &str, indicator: &str) -> String {
    format!(
        r#"[meta]
title_zh = "标题"
source_zh = "来源"
{meta_extra}

[[section]]
id = "s"
title_zh = "节"
description_zh = "说明"

[[category]]
id = "c"
name_zh = "类"

[[unit]]
id = "yuan"
quantity = "money"
zh = "元"

{indicator}
"#
    )
}

const MONEY: &str = r#"[[indicator]]
id = "money"
category = "c"
label_zh = "资金"
value = 67000000000
unit = "yuan"
qualifier = "at_least"
printed = "超过670亿元"
source = "累计投入资金超过670亿元。"
"#;

#[test]
fn a_chinese_only_folder_needs_no_english() {
    let d =
        parse("zh.toml", &folder(r#"languages = ["zh"]"#, MONEY)).unwrap_or_else(|e| panic!("{e}"));
    assert!(!d.meta.has_english());
    assert_eq!(d.indicators[0].label.en, "");
    // The same folder without the list is refused for its missing English.
    let e = parse("zh.toml", &folder("", MONEY))
        .unwrap_err()
        .to_string();
    assert!(e.contains("field `title_en`: missing"), "{e}");
    assert!(e.contains("field `source_en`: missing"), "{e}");
}

#[test]
fn the_language_list_is_checked() {
    for (list, message) in [
        (r#"languages = ["en"]"#, "must list \"zh\""),
        (r#"languages = ["zh", "fr"]"#, "unknown language \"fr\""),
        (r#"languages = "zh""#, "must be a list"),
        (r#"languages = ["zh", "zh"]"#, "twice"),
    ] {
        let e = parse("zh.toml", &folder(list, MONEY))
            .unwrap_err()
            .to_string();
        assert!(e.contains(message), "{list}: {e}");
    }
}

#[test]
fn a_review_note_is_accepted_and_kept_from_the_model() {
    let with = MONEY.replace(
        "qualifier =",
        "review = \"可能与上文重复；请核对 `value`\"\nqualifier =",
    );
    let d =
        parse("zh.toml", &folder(r#"languages = ["zh"]"#, &with)).unwrap_or_else(|e| panic!("{e}"));
    assert!(!format!("{d:?}").contains("可能与上文重复"));
    let bad = MONEY.replace("qualifier =", "review = 3\nqualifier =");
    let e = parse("zh.toml", &folder(r#"languages = ["zh"]"#, &bad))
        .unwrap_err()
        .to_string();
    assert!(e.contains("field `review`: must be a string"), "{e}");
}

#[test]
fn a_value_that_disagrees_with_its_printed_figure_is_refused() {
    let wrong = MONEY.replace("67000000000", "6700000000");
    let e = parse("zh.toml", &folder(r#"languages = ["zh"]"#, &wrong))
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("zh.toml:24: indicator \"money\", field `value`: 6700000000 disagrees with `printed` \"超过670亿元\", which reads as 67000000000"),
        "{e}"
    );
    // In 亿元 it agrees; a lost digit is not checked.
    let scaled = MONEY.replace("67000000000", "670");
    assert!(parse("zh.toml", &folder(r#"languages = ["zh"]"#, &scaled)).is_ok());
    let lost = MONEY
        .replace("67000000000", "1")
        .replace("超过670亿元", "?70亿元");
    assert!(parse("zh.toml", &folder(r#"languages = ["zh"]"#, &lost)).is_ok());
}

/// The broken examples keep exactly the messages the site's tests expect:
/// the value check adds none to them.
#[test]
fn the_value_check_adds_no_message_to_the_broken_examples() {
    let dir = root().join("tests/data/broken");
    let vocabulary = std::fs::read_to_string(root().join("tests/data/vocabulary.toml")).unwrap();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let pair = [
            ("vocabulary.toml".to_owned(), vocabulary.clone()),
            (path.display().to_string(), text),
        ];
        if let Err(e) = parse_files(&pair) {
            assert!(
                !e.to_string().contains("disagrees"),
                "{}: {e}",
                path.display()
            );
        }
    }
}
