//! The code knows kinds, never one article's names: none of the headline,
//! section titles, unit words, chart ids, place and organisation names of
//! `data/` occurs in the code (`src/`, `www/`, the crates' sources, the build
//! script and the manifests). A second article is then charted by writing a
//! data folder, with no change to the code.

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

/// Chinese measure words of any article, which the printed-figure reader
/// of the dataset must know to read figures at all: 人次 (visits,
/// person-times) and 大类 (broad classes).
const MEASURE_WORDS: [&str; 2] = ["人次", "大类"];

/// What would show that code was written for this article: its headline,
/// its section titles, its unit words (those long enough not to be common
/// words of the product's own text) and its chart ids (as the code would
/// name them: quoted, or in a file name or query).
fn article_names() -> Vec<String> {
    let data = article_dataset::load(&root().join("data")).unwrap_or_else(|e| panic!("{e}"));
    let mut names = Vec::new();
    let mut words = |w: &article_dataset::Words| {
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
            if long
                && !PRODUCT_WORDS.contains(&word.as_ref())
                && !MEASURE_WORDS.contains(&word.as_ref())
            {
                names.push(word.to_string());
            }
        }
    }
    let (proper, _) = proper_names(&data);
    names.extend(proper);
    for c in data.charts.iter() {
        // A chart id that is also a word of the data model ("timeline", a
        // kind of chart; "money", a kind of quantity) is the model's word.
        let model_word = article_dataset::Kind::ALL
            .iter()
            .any(|k| k.name() == c.id.as_ref())
            || article_dataset::Quantity::ALL
                .iter()
                .any(|q| q.name() == c.id.as_ref());
        if model_word {
            continue;
        }
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

/// The place and organisation names of the article, as they would show in
/// code: Chinese names ending in an administrative or institutional word
/// (成华区, 丹巴县, …局), and the capitalised words of the English texts that
/// are not the first word of a sentence (Chenghua, Garzê, …).
fn proper_names(data: &article_dataset::Dataset) -> (Vec<String>, Vec<String>) {
    /// The endings that make a run of Han characters a name: a place or a
    /// body of government, a school or a hospital.
    const ENDINGS: [&str; 14] = [
        "县", "縣", "区", "區", "州", "市", "省", "乡", "鄉", "镇", "鎮", "村", "局", "委",
    ];
    /// Capitalised English words that any product text may hold.
    const COMMON: [&str; 12] = [
        "China",
        "Chinese",
        "English",
        "Traditional",
        "Simplified",
        "Figures",
        "Figure",
        "Source",
        "Note",
        "Chart",
        "Table",
        "Year",
    ];
    let mut texts: Vec<&article_dataset::Words> = vec![&data.meta.title, &data.meta.source];
    texts.extend(data.meta.dek.iter());
    texts.extend(
        data.sections
            .iter()
            .flat_map(|s| [&s.title, &s.description]),
    );
    texts.extend(data.indicators.iter().flat_map(|i| [&i.label, &i.source]));
    texts.extend(data.charts.iter().map(|c| &c.title));
    // A word the article also writes in lower case is a common word written
    // in a title's capitals ("Households"), not a name.
    let lower_words: std::collections::HashSet<String> = texts
        .iter()
        .flat_map(|w| w.en.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
        .map(str::to_owned)
        .collect();
    /// The English words that follow a place's own name.
    const PLACE_WORDS: [&str; 8] = [
        "County",
        "District",
        "Prefecture",
        "Province",
        "City",
        "Town",
        "Township",
        "Village",
    ];
    let mut names = Vec::new();
    // Place names are also looked for in lower case, as code would write
    // them in an identifier (`article_charts`); other names only as written,
    // since "Media" or "Technology" in lower case are words of any code.
    let mut places = Vec::new();
    for words in &texts {
        let en: Vec<&str> = words.en.split_whitespace().collect();
        for pair in en.windows(2) {
            let name = pair[0].trim_matches(|c: char| !c.is_alphanumeric());
            if PLACE_WORDS.contains(&pair[1].trim_matches(|c: char| !c.is_alphanumeric()))
                && name.chars().next().is_some_and(char::is_uppercase)
                && name.chars().count() >= 4
            {
                places.push(name.to_lowercase());
            }
        }
    }
    for words in &texts {
        for zh in [&words.zh, &words.zh_hant] {
            let chars: Vec<char> = zh.chars().collect();
            for (end, c) in chars.iter().enumerate() {
                if !ENDINGS.contains(&c.to_string().as_str()) {
                    continue;
                }
                // Two Han characters before the ending: 成华 + 区. Shorter
                // runs (一区, 本县) are words, not names, and so are runs that
                // begin with a numeral or measure word (个乡镇) or with a
                // word that makes any place a kind (贫困村, "poor village").
                if end >= 2 && chars[end - 2..end].iter().all(|c| is_han(*c)) {
                    let run: String = chars[end - 2..=end].iter().collect();
                    let counted = "一二两三四五六七八九十百千万个名户多余各全该本每其"
                        .contains(chars[end - 2]);
                    let kind = ["贫困", "貧困"].iter().any(|k| run.starts_with(k));
                    if !counted && !kind {
                        names.push(run);
                    }
                }
            }
        }
        let en: &str = &words.en;
        for sentence in en.split(['.', ';', ':', '?', '!']) {
            for word in sentence.split_whitespace().skip(1) {
                let word = word.trim_matches(|c: char| !c.is_alphanumeric());
                let capital = word.chars().next().is_some_and(char::is_uppercase);
                let common = COMMON.contains(&word) || lower_words.contains(&word.to_lowercase());
                if capital && word.chars().count() >= 5 && !common {
                    names.push(word.to_owned());
                }
            }
        }
    }
    places.sort();
    places.dedup();
    (names, places)
}

/// Whether `text` holds `name`; a name of letters and digits only as a
/// whole word ("Media" is not in "MediaQueryList").
fn contains_word(text: &str, name: &str) -> bool {
    let word = name.chars().all(|c| c.is_ascii_alphanumeric());
    text.match_indices(name).any(|(at, _)| {
        !word || {
            let before = text[..at].chars().next_back();
            let after = text[at + name.len()..].chars().next();
            !before.is_some_and(|c| c.is_ascii_alphanumeric())
                && !after.is_some_and(|c| c.is_ascii_alphanumeric())
        }
    })
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}')
}

/// The public names of the product when it was named after its first
/// article, still read so that embed codes pasted then keep working: the
/// forwarding script and the element attribute. Deprecated; nothing else of
/// the code may name the article.
const DEPRECATED: [&str; 3] = ["danba-embed.js", "data-danba-chart", "danbaChart"];

/// The code, as the test reads it: every source file of every crate and
/// the front end, the build script and the manifests.
fn code_files() -> Vec<PathBuf> {
    let mut all = Vec::new();
    for dir in [
        "src",
        "www",
        "xtask/src",
        "dataset/src",
        "draft/src",
        "site/src",
    ] {
        files(&root().join(dir), &mut all);
    }
    for file in [
        "build.rs",
        "Cargo.toml",
        "dataset/Cargo.toml",
        "xtask/Cargo.toml",
        "draft/Cargo.toml",
        "site/Cargo.toml",
    ] {
        if root().join(file).is_file() {
            all.push(root().join(file));
        }
    }
    all
}

#[test]
fn the_code_names_nothing_of_this_article() {
    let names = article_names();
    let data = article_dataset::load(&root().join("data")).unwrap_or_else(|e| panic!("{e}"));
    let (_, places) = proper_names(&data);
    let unit_words: std::collections::HashSet<String> = data
        .units
        .iter()
        .flat_map(|u| [&u.word.zh, &u.word.zh_hant, &u.word.en, &u.en_plural])
        .map(|w| w.to_string())
        .collect();
    assert!(
        !places.is_empty(),
        "no place named in the English texts of data/"
    );
    assert!(names.len() > 20, "too few names to look for: {names:?}");
    let all = code_files();
    assert!(all.len() > 20, "the code was not found: {all:?}");
    let mut found = Vec::new();
    for path in all {
        let Ok(mut text) = std::fs::read_to_string(&path) else {
            continue;
        };
        for deprecated in DEPRECATED {
            text = text.replace(deprecated, "");
        }
        let lower = text.to_lowercase();
        for place in &places {
            if lower.contains(place.as_str()) {
                found.push(format!(
                    "{}: {place} (in any case)",
                    path.strip_prefix(root()).unwrap_or(&path).display()
                ));
            }
        }
        // The draft reads the figures of any article, so it knows the
        // measure and unit words of Chinese news (`draft/src/units.rs`), this
        // article's among them; its places, headline and charts it must not.
        let vocabulary = path.starts_with(root().join("draft/src"));
        for name in &names {
            if vocabulary && unit_words.contains(name) {
                continue;
            }
            if contains_word(&text, name) {
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
