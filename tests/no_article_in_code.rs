//! The code knows kinds, never one article's names: none of the headline,
//! section titles, unit words or chart ids of `data/` occurs in `src/`,
//! `www/` or `xtask/src/`. A second article is then charted by writing a data
//! folder, with no change to the code.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every file below `dir`, depth first.
fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// Words of the article that are also words of the product's own code (an
/// HTML `class`, a CSV column `category` and the dataset's `categories`,
/// `round` and `times` in arithmetic,
/// the chart kinds `Timeline` and `years` and a timeline's summary, "project"
/// as in this project): their presence says nothing of the article.
const PRODUCT_WORDS: [&str; 12] = [
    "class",
    "category",
    "categories",
    "round",
    "rounds",
    "times",
    "level",
    "years",
    "project",
    "Timeline",
    "时间线",
    "時間線",
];

/// What would show that code was written for this article: its headline,
/// its section titles, its unit words (those long enough not to be common
/// words of the product's own text) and its chart ids (as the code would
/// name them: quoted, or in a file name or query).
fn article_names() -> Vec<String> {
    let data = danba_dataset::load(&root().join("data")).unwrap_or_else(|e| panic!("{e}"));
    let mut names = Vec::new();
    let mut words = |w: &danba_dataset::Words| {
        names.extend([w.zh.to_string(), w.zh_hant.to_string(), w.en.to_string()]);
    };
    words(&data.meta.title);
    for s in data.sections.iter() {
        words(&s.title);
    }
    names.retain(|n| !PRODUCT_WORDS.contains(&n.as_str()));
    for u in data.units.iter() {
        for word in [&u.word.zh, &u.word.zh_hant, &u.word.en, &u.en_plural] {
            // "个", "m" or "person" are words of any text; "平方公里" or
            // "households" are this article's.
            let long = if word.is_ascii() {
                word.len() >= 8
            } else {
                word.chars().count() >= 2
            };
            if long && !PRODUCT_WORDS.contains(&word.as_ref()) {
                names.push(word.to_string());
            }
        }
    }
    for c in data.charts.iter() {
        for form in [
            format!("\"{}\"", c.id),
            format!("'{}'", c.id),
            format!("chart={}", c.id),
            format!("/{}.", c.id),
        ] {
            names.push(form);
        }
    }
    names.sort();
    names.dedup();
    names
}

#[test]
fn the_code_names_nothing_of_this_article() {
    let names = article_names();
    assert!(names.len() > 20, "too few names to look for: {names:?}");
    let mut all = Vec::new();
    for dir in ["src", "www", "xtask/src"] {
        files(&root().join(dir), &mut all);
    }
    assert!(all.len() > 20, "the code was not found: {all:?}");
    let mut found = Vec::new();
    for path in all {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        for name in &names {
            if text.contains(name.as_str()) {
                found.push(format!(
                    "{}: {name}",
                    path.strip_prefix(root()).unwrap_or(&path).display()
                ));
            }
        }
    }
    assert!(
        found.is_empty(),
        "the code names this article:\n{}",
        found.join("\n")
    );
}
