//! The data folder and its validator: the real folder is accepted, each
//! broken file in `tests/data/broken/` is refused with the message its first
//! line expects, every message names the right file and points at the right
//! line, the files of `tests/data/edge/` (trailing commas, values at the
//! edges) are accepted, and the downloads carry every field.
//!
//! The small test files hold figures and charts only; each is read together
//! with `tests/data/vocabulary.toml` (its sections, categories and units), as
//! the build reads the files of a data folder together.

use std::path::{Path, PathBuf};

use article_dataset::{load, parse_files, Dataset, Errors, Words};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The vocabulary file and the named file, as (name, text) pairs.
fn with_vocabulary(name: &str, text: &str) -> Vec<(String, String)> {
    let vocabulary = root().join("tests/data/vocabulary.toml");
    vec![
        ("vocabulary.toml".to_owned(), read(&vocabulary)),
        (name.to_owned(), text.to_owned()),
    ]
}

/// Every problem the validator finds in `files`, as it prints them; empty
/// when it accepts them.
fn problems(files: &[(String, String)]) -> String {
    parse_files(files)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default()
}

/// Reads a test file together with the vocabulary.
fn load_test(path: &Path) -> Result<Dataset, Errors> {
    parse_files(&with_vocabulary(&path.display().to_string(), &read(path)))
}

/// The text of `tests/data/valid.toml`, the small valid file that most
/// tests edit to break one rule.
fn valid_toml() -> String {
    read(&root().join("tests/data/valid.toml"))
}

/// Fails the test unless the validator finds in `files` a problem that
/// says `want`.
fn assert_refused(files: &[(String, String)], want: &str) {
    let all = problems(files);
    assert!(all.contains(want), "expected: {want}\ngot:\n{all}");
}

/// Fails the test unless `valid.toml`, with the first `edit.0` replaced by
/// `edit.1`, is refused with a problem that says `want`.
fn assert_edit_refused(edit: (&str, &str), want: &str) {
    assert_refused(
        &with_vocabulary("valid.toml", &valid_with(edit.0, edit.1)),
        want,
    );
}

/// `tests/data/valid.toml` with its first `from` replaced by `to`. It fails
/// the test if the file has no `from`, so that no test passes on an edit
/// that no longer applies.
fn valid_with(from: &str, to: &str) -> String {
    let valid = valid_toml();
    assert!(valid.contains(from), "valid.toml has no {from:?}");
    valid.replacen(from, to, 1)
}

/// `tests/data/valid.toml` with the vocabulary, loaded.
fn valid_dataset() -> Dataset {
    load_test(&root().join("tests/data/valid.toml")).unwrap_or_else(|e| panic!("{e}"))
}

fn the_real_data() -> Dataset {
    load(&root().join("data")).unwrap_or_else(|e| panic!("data/ is refused:\n{e}"))
}

#[test]
fn the_real_data_folder_is_valid() {
    let ds = the_real_data();
    assert!(!ds.indicators.is_empty() && !ds.charts.is_empty() && !ds.sections.is_empty());
}

#[test]
fn the_small_valid_file_is_valid() {
    let ds = valid_dataset();
    assert_eq!(ds.indicators.len(), 4);
    assert_eq!(
        ds.indicator("cadres_mentored").and_then(|i| i.value),
        None,
        "\"unknown\" must stay unknown"
    );
}

/// Reads the `# expect: …` line at the top of a broken file.
fn expectation(text: &str, path: &Path) -> String {
    text.lines()
        .next()
        .and_then(|l| l.strip_prefix("# expect: "))
        .unwrap_or_else(|| panic!("{} lacks an `# expect: …` first line", path.display()))
        .to_owned()
}

/// Checks that every error of a refused file names `name` and points at a
/// line of it that holds the field concerned, or its table's header.
fn check_places(errors: &Errors, name: &str, text: &str) {
    let lines: Vec<&str> = text.lines().collect();
    for e in &errors.0 {
        let said = e.to_string();
        assert!(
            said.starts_with(&format!("{name}:")),
            "message must start with the file's name {name}: {said}"
        );
        assert_eq!(e.file, name, "{said}");
        let line = lines.get(e.line.saturating_sub(1)).copied().unwrap_or("");
        // A message about a field points at that field's line, or at its
        // table's header when the field is missing.
        if let Some(field) = &e.field {
            let ok = line.trim_start().starts_with(&format!("{field} "))
                || line.starts_with("[[")
                || line.starts_with('[');
            assert!(
                ok,
                "{name}: message `{e}` points at line {} = {line:?}",
                e.line
            );
        }
    }
}

#[test]
fn each_broken_file_is_refused_with_its_message() {
    let files = files_in("broken");
    assert!(
        files.len() >= 15,
        "expected the set of broken files, found {}",
        files.len()
    );
    for path in files {
        let text = read(&path);
        let want = expectation(&text, &path);
        let name = path.display().to_string();
        let errors = match load_test(&path) {
            Ok(_) => panic!("{name} was accepted, but should fail with: {want}"),
            Err(e) => e,
        };
        let all = errors.to_string();
        assert!(
            all.contains(&want),
            "{name}:\n  expected a message containing: {want}\n  got:\n{all}"
        );
        check_places(&errors, &name, &text);
    }
}

/// The vocabulary with one change, and a valid file: the error must be in
/// the vocabulary's file, at the changed line.
fn refused_vocabulary(from: &str, to: &str) -> (Errors, String) {
    let mut files = with_vocabulary("valid.toml", &valid_toml());
    assert!(files[0].1.contains(from), "the vocabulary has no {from:?}");
    files[0].1 = files[0].1.replacen(from, to, 1);
    let text = files[0].1.clone();
    match parse_files(&files) {
        Ok(_) => panic!("a vocabulary with {to:?} was accepted"),
        Err(e) => (e, text),
    }
}

#[test]
fn sections_units_and_categories_are_checked_where_they_are_defined() {
    let cases = [
        // A language missing.
        (
            "title_en = \"Overview\"\n",
            "",
            "section \"overview\", field `title_en`: missing",
        ),
        (
            "name_en = \"Outcomes\"\n",
            "",
            "category \"outcome\", field `name_en`: missing",
        ),
        // A duplicate id.
        (
            "id = \"industry\"",
            "id = \"overview\"",
            "section \"overview\", field `id`: duplicate id; first used at vocabulary.toml:5",
        ),
        (
            "id = \"person\"\n",
            "id = \"household\"\n",
            "unit \"household\", field `id`: duplicate id",
        ),
        // A kind of quantity the code does not know.
        (
            "quantity = \"money\"",
            "quantity = \"cash\"",
            "field `quantity`: unknown quantity \"cash\"; expected one of: count, money",
        ),
        // A unit without its words.
        ("zh = \"人\"\n", "", "unit \"person\", field `zh`: missing"),
    ];
    for (from, to, want) in cases {
        let (errors, text) = refused_vocabulary(from, to);
        // A section or unit refused also leaves the figures and charts that
        // refer to it with an unknown reference; those are errors of the
        // other file. The one in the vocabulary names its file and line.
        let here = Errors(
            errors
                .0
                .iter()
                .filter(|e| e.file == "vocabulary.toml")
                .cloned()
                .collect(),
        );
        let said = here.to_string();
        assert!(
            said.contains(want),
            "{from:?} → {to:?}:\n  expected in vocabulary.toml: {want}\n  got:\n{errors}"
        );
        check_places(&here, "vocabulary.toml", &text);
    }
}

#[test]
fn a_reference_to_an_unknown_section_category_or_unit_is_refused_where_it_is_made() {
    let valid = valid_toml();
    let cases = [
        ("section = \"overview\"", "section = \"appendix\"", "field `section`: unknown section \"appendix\"; expected one of: overview, party_building"),
        ("category = \"outcome\"", "category = \"results\"", "field `category`: unknown category \"results\""),
        ("unit = \"household\"", "unit = \"hectare\"", "field `unit`: unknown unit \"hectare\""),
    ];
    for (from, to, want) in cases {
        assert!(valid.contains(from), "valid.toml has no {from:?}");
        let text = valid.replacen(from, to, 1);
        let errors = match parse_files(&with_vocabulary("valid.toml", &text)) {
            Ok(_) => panic!("{to} was accepted"),
            Err(e) => e,
        };
        let all = errors.to_string();
        assert!(all.contains(want), "expected: {want}\ngot:\n{all}");
        check_places(&errors, "valid.toml", &text);
    }
}

#[test]
fn the_meta_table_is_checked_and_comes_once() {
    assert_edit_refused(
        ("title_en = \"Test data\"\n", ""),
        "valid.toml:3: meta, field `title_en`: missing",
    );

    let mut files = with_vocabulary("valid.toml", &valid_toml());
    files.push(("second.toml".to_owned(), "[meta]\ntitle_zh = \"又一个\"\ntitle_en = \"Another\"\nsource_zh = \"来源\"\nsource_en = \"Source\"\n".to_owned()));
    assert_refused(&files, "second.toml:1: meta: a second [meta] table");
}

#[test]
fn a_note_for_editors_is_refused() {
    assert_edit_refused(
        ("note_en = \"", "note_en = \"The span is in `year`. "),
        "field `note_en`: names the field `year`",
    );
}

#[test]
fn traditional_texts_are_converted_unless_given() {
    let ds = valid_dataset();
    let households = ds.indicator("households_visited").map(|i| i.label.clone());
    assert_eq!(
        households,
        Some(Words {
            zh: "入户走访".into(),
            zh_hant: "入戶走訪".into(),
            en: "Households visited".into(),
        })
    );
    let text = valid_with(
        "label_zh = \"入户走访\"\n",
        "label_zh = \"入户走访\"\nlabel_zh_hant = \"走訪住戶\"\n",
    );
    let ds = parse_files(&with_vocabulary("valid.toml", &text)).unwrap_or_else(|e| panic!("{e}"));
    let given = ds
        .indicator("households_visited")
        .map(|i| i.label.zh_hant.to_string());
    assert_eq!(given.as_deref(), Some("走訪住戶"));
}

#[test]
fn a_data_folder_is_every_toml_file_in_it() {
    let dir =
        std::env::temp_dir().join(format!("article-charts-data-folder-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    for (name, text) in with_vocabulary("valid.toml", &valid_toml()) {
        std::fs::write(dir.join(name), text).unwrap_or_else(|e| panic!("{e}"));
    }
    std::fs::write(dir.join("README.txt"), "not data").unwrap_or_else(|e| panic!("{e}"));
    let folder = load(&dir);
    let empty = dir.join("empty");
    std::fs::create_dir_all(&empty).unwrap_or_else(|e| panic!("{e}"));
    let none = load(&empty)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    let _ = std::fs::remove_dir_all(&dir);
    let folder = folder.unwrap_or_else(|e| panic!("{e}"));
    let single = valid_dataset();
    assert_eq!(folder, single);
    assert!(none.contains("holds no `*.toml` file"), "{none}");
}

#[test]
fn a_byte_order_mark_and_crlf_line_ends_are_accepted() {
    let text = valid_toml();
    let windows = format!("\u{feff}{}", text.replace('\n', "\r\n"));
    let ds =
        parse_files(&with_vocabulary("valid.toml", &windows)).unwrap_or_else(|e| panic!("{e}"));
    let plain =
        parse_files(&with_vocabulary("valid.toml", &text)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(ds, plain);
}

/// The `*.toml` files of a folder of `tests/data/`, sorted.
fn files_in(folder: &str) -> Vec<PathBuf> {
    let dir = root().join("tests/data").join(folder);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    files
}

#[test]
fn each_edge_file_is_accepted() {
    let files = files_in("edge");
    assert!(files.len() >= 2, "expected the edge files, found {files:?}");
    for path in files {
        if let Err(errors) = load_test(&path) {
            panic!("{} is refused:\n{errors}", path.display());
        }
    }
}

#[test]
fn trailing_commas_in_lists_change_nothing() {
    let valid = valid_dataset();
    let commas = load_test(&root().join("tests/data/edge/trailing_commas.toml"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(commas, valid);
}

#[test]
fn values_at_the_edges_are_kept_exactly() {
    let ds =
        load_test(&root().join("tests/data/edge/values.toml")).unwrap_or_else(|e| panic!("{e}"));
    let value = |id: &str| ds.indicator(id).and_then(|i| i.value);
    assert_eq!(value("money_zero"), Some(0.0));
    assert_eq!(value("money_largest"), Some(1e15));
    assert_eq!(value("people_largest"), Some(1e15));
    // Negative zero is read as zero, so that it never prints as "-0".
    let zero = value("rate_negative_zero").unwrap_or(f64::NAN);
    assert!(zero == 0.0 && zero.is_sign_positive(), "{zero:?}");
    let csv = ds.to_csv().unwrap_or_else(|e| panic!("{e}"));
    assert!(csv.contains(",1000000000000000,"), "{csv}");
    assert!(!csv.contains("-0"), "{csv}");
}

#[test]
fn csv_opens_in_a_spreadsheet_with_one_row_per_figure() {
    let ds = the_real_data();
    let csv = ds.to_csv().unwrap_or_else(|e| panic!("{e}"));
    // Excel on Windows reads a CSV as UTF-8 only with a byte-order mark;
    // RFC 4180 ends every line with CRLF.
    let body = csv
        .strip_prefix('\u{feff}')
        .unwrap_or_else(|| panic!("no byte-order mark"));
    assert!(
        body.lines().count() > 1 && body.split("\r\n").count() > ds.indicators.len(),
        "lines must end with CRLF"
    );
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map(|h| h.iter().map(str::to_owned).collect())
        .unwrap_or_default();
    assert_eq!(
        header,
        [
            "id",
            "category",
            "label_zh",
            "label_en",
            "value",
            "unit",
            "qualifier",
            "year",
            "printed",
            "source",
            "source_zh_hant",
            "source_en",
            "note_zh",
            "note_en",
        ]
    );
    let rows: Vec<csv::StringRecord> = reader
        .records()
        .map(|r| r.unwrap_or_else(|e| panic!("{e}")))
        .collect();
    assert_eq!(rows.len(), ds.indicators.len());
    for (row, ind) in rows.iter().zip(ds.indicators.iter()) {
        assert_eq!(&row[0], ind.id.as_ref());
        assert_eq!(&row[8], ind.printed.zh.as_ref(), "{}: printed", ind.id);
        for column in [9, 10, 11] {
            assert!(
                !row[column].trim().is_empty(),
                "{} has an empty source column {column}",
                ind.id
            );
        }
        match ind.value {
            // Base units, written out in full: no exponent, no 万/亿.
            Some(v) => assert_eq!(
                row[4].parse::<f64>().ok(),
                Some(v),
                "{}: {:?}",
                ind.id,
                &row[4]
            ),
            None => assert_eq!(&row[4], "", "{}: an unknown value is an empty cell", ind.id),
        }
    }
}

/// The text of a JSON field, or `None` for null or absent.
fn text_of(v: &serde_json::Value) -> Option<&str> {
    v.as_str()
}

#[test]
fn json_round_trips_every_field_of_every_figure() {
    let ds = the_real_data();
    let doc: serde_json::Value =
        serde_json::from_str(&ds.to_json().unwrap_or_else(|e| panic!("{e}")))
            .unwrap_or_else(|e| panic!("{e}"));
    let list = doc["indicators"].as_array().cloned().unwrap_or_default();
    assert_eq!(list.len(), ds.indicators.len());
    let words = |j: &serde_json::Value, name: &str| -> Option<Words> {
        Some(Words {
            zh: text_of(&j[format!("{name}_zh")])?.to_owned().into(),
            zh_hant: text_of(&j[format!("{name}_zh_hant")])?.to_owned().into(),
            en: text_of(&j[format!("{name}_en")])?.to_owned().into(),
        })
    };
    for (j, ind) in list.iter().zip(ds.indicators.iter()) {
        let what = ind.id.as_ref();
        assert_eq!(text_of(&j["id"]), Some(what));
        assert_eq!(text_of(&j["category"]), Some(ds.category_id(ind)), "{what}");
        assert_eq!(words(j, "label"), Some(ind.label.clone()), "{what}");
        assert_eq!(j["value"].as_f64(), ind.value, "{what}");
        if let Some(v) = ind.value.filter(|v| v.fract() == 0.0) {
            assert_eq!(
                j["value"].as_i64(),
                Some(v as i64),
                "{what}: a whole number is written as one"
            );
        }
        for (field, text) in [
            ("unit", ind.unit.id.as_ref()),
            ("qualifier", ind.qualifier.name()),
            ("printed", ind.printed.zh.as_ref()),
            ("source", ind.source.zh.as_ref()),
            ("source_zh_hant", ind.source.zh_hant.as_ref()),
            ("source_en", ind.source.en.as_ref()),
        ] {
            assert_eq!(text_of(&j[field]), Some(text), "{what}: {field}");
        }
        assert_eq!(
            text_of(&j["year"]).unwrap_or(""),
            article_dataset::period_text(ind.period),
            "{what}"
        );
        assert_eq!(words(j, "note"), ind.note.clone(), "{what}");
    }
    let charts = doc["charts"].as_array().cloned().unwrap_or_default();
    assert_eq!(charts.len(), ds.charts.len());
    for (j, chart) in charts.iter().zip(ds.charts.iter()) {
        assert_eq!(text_of(&j["id"]), Some(chart.id.as_ref()));
        assert_eq!(words(j, "title"), Some(chart.title.clone()));
        let items: Vec<&str> = j["items"]
            .as_array()
            .map(|a| a.iter().filter_map(|v| v.as_str()).collect())
            .unwrap_or_default();
        let want: Vec<&str> = ds.items(chart).map(|i| i.id.as_ref()).collect();
        assert_eq!(items, want, "{}", chart.id);
    }
    assert_eq!(doc["units"].as_array().map(Vec::len), Some(ds.units.len()));
    assert_eq!(
        doc["sections"].as_array().map(Vec::len),
        Some(ds.sections.len())
    );
}

#[test]
fn the_readme_example_is_a_valid_data_folder() {
    // The reference of the format, which README.md links to.
    let readme = read(&root().join("docs/data-format.md"));
    let section = readme
        .split("## Charting another article")
        .nth(1)
        .unwrap_or_else(|| panic!("docs/data-format.md has no \"Charting another article\""));
    let example = section
        .split("```toml\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .unwrap_or_else(|| panic!("the section has no TOML example"));
    let ds = parse_files(&[("docs/data-format.md example".to_owned(), example.to_owned())])
        .unwrap_or_else(|e| panic!("the documented example is refused:\n{e}"));
    assert_eq!(ds.charts.len(), 1);
    assert_eq!(ds.indicators[0].unit.word.zh_hant, "公里");
}

/// Every `key = "text"` line of a file: its 1-based line, key and text.
fn string_lines(text: &str) -> Vec<(usize, String, String)> {
    text.lines()
        .enumerate()
        .filter_map(|(i, line)| {
            let (key, value) = line.split_once(" = \"")?;
            let value = value.strip_suffix('"')?;
            // `value = "unknown"` is a keyword, not a text: any other
            // string there is refused as not a number.
            (!key.starts_with('#') && key != "value")
                .then(|| (i + 1, key.to_owned(), value.to_owned()))
        })
        .collect()
}

/// Replaces line `line` (1-based) of the `which`th file (0: the vocabulary,
/// 1: valid.toml) by `key = "value"`, and returns the errors of the folder.
fn refuse_line(which: usize, line: usize, key: &str, value: &str) -> (String, Errors) {
    let mut files = with_vocabulary("valid.toml", &valid_toml());
    let lines: Vec<String> = files[which]
        .1
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i + 1 == line {
                format!("{key} = \"{value}\"")
            } else {
                l.to_owned()
            }
        })
        .collect();
    files[which].1 = lines.join("\n");
    let name = files[which].0.clone();
    match parse_files(&files) {
        Ok(_) => panic!("{name}:{line}: {key} = {value:?} was accepted"),
        Err(e) => (name, e),
    }
}

/// Characters no text may hold, as TOML escapes, with the code point the
/// message names. Each is refused in every string field of both files.
const UNWANTED: [(&str, &str); 22] = [
    ("\\u0000", "U+0000"),
    ("\\u001B[2J", "U+001B"),
    ("\\u0007", "U+0007"),
    ("\\u007F", "U+007F"),
    ("\\u0085", "U+0085"),
    ("\\n", "U+000A"),
    ("\\t", "U+0009"),
    ("\\r", "U+000D"),
    ("\\uFFFE", "U+FFFE"),
    ("\\uFFFF", "U+FFFF"),
    ("\\uFDD0", "U+FDD0"),
    ("\\u202E", "U+202E"),
    ("\\u202A", "U+202A"),
    ("\\u2066", "U+2066"),
    ("\\u2069", "U+2069"),
    ("\\u200F", "U+200F"),
    ("\\u061C", "U+061C"),
    ("\\u200B", "U+200B"),
    ("\\u200D", "U+200D"),
    ("\\uFEFF", "U+FEFF"),
    ("\\u2028", "U+2028"),
    ("\\u00AD", "U+00AD"),
];

#[test]
fn every_text_refuses_control_bidi_invisible_and_noncharacters() {
    let files = with_vocabulary("valid.toml", &valid_toml());
    let mut checked = 0;
    for (which, (_, text)) in files.iter().enumerate() {
        for (k, (line, key, value)) in string_lines(text).into_iter().enumerate() {
            // Every character in one field; one character, in turn, in each
            // of the others (each parse converts every Chinese text).
            let picks: Vec<&(&str, &str)> = if k == 0 {
                UNWANTED.iter().collect()
            } else {
                vec![&UNWANTED[k % UNWANTED.len()]]
            };
            for (escape, code) in picks {
                // In the middle of the text, where trimming cannot drop it.
                let mut chars: Vec<char> = value.chars().collect();
                let middle = chars.len() / 2;
                let tail: String = chars.split_off(middle).into_iter().collect();
                let head: String = chars.into_iter().collect();
                let (name, errors) =
                    refuse_line(which, line, &key, &format!("a{head}{escape}{tail}b"));
                let all = errors.to_string();
                let want = format!("field `{key}`: holds {code} at character");
                assert!(
                    errors.0.iter().any(|e| e.file == name
                        && e.line == line
                        && e.field.as_deref() == Some(&key)
                        && e.to_string().contains(&want)),
                    "{name}:{line}: {key} with {escape}: expected `{name}:{line}: … {want}`, got:\n{all}"
                );
                // No message carries the character itself.
                assert!(!all.chars().any(|c| c.is_control() && c != '\n'), "{all:?}");
                checked += 1;
            }
        }
    }
    assert!(checked > 60, "only {checked} fields were checked");
}

#[test]
fn every_text_has_a_length_cap() {
    let files = with_vocabulary("valid.toml", &valid_toml());
    for (which, (_, text)) in files.iter().enumerate() {
        for (line, key, _) in string_lines(text) {
            let long = if key.ends_with("zh") || matches!(key.as_str(), "printed" | "source") {
                "字".repeat(100_000)
            } else {
                "a".repeat(100_000)
            };
            let (name, errors) = refuse_line(which, line, &key, &long);
            let said = errors
                .0
                .iter()
                .find(|e| e.file == name && e.line == line && e.field.as_deref() == Some(&key))
                .map(ToString::to_string)
                .unwrap_or_else(|| panic!("{name}:{line}: {key} of 100,000 characters:\n{errors}"));
            assert!(
                said.contains("is 100000 characters long;") && said.contains(" is at most "),
                "{said}"
            );
            // The message names the cap, and does not repeat the text.
            assert!(said.len() < 300, "{said}");
        }
    }
}

#[test]
fn a_key_or_item_from_the_file_is_shown_with_its_invisible_characters_named() {
    let text = valid_with(
        "items = [\"rate_2012\", \"rate_2019\"]",
        "items = [\"rate_2012\", \"rate_2019\", \"x\\u001B[2J\\u202Ey\"]\n\"\\u001B]0;pwned\\u0007\" = 1",
    );
    let all = problems(&with_vocabulary("valid.toml", &text));
    assert!(
        all.contains("\"x<U+001B>[2J<U+202E>y\" is not the id"),
        "{all}"
    );
    assert!(
        all.contains("field `<U+001B>]0;pwned<U+0007>`: unknown field"),
        "{all}"
    );
    assert!(
        !all.contains('\u{1b}') && !all.contains('\u{202e}'),
        "{all:?}"
    );
}

#[test]
fn the_articles_folders_fit_every_cap_and_keep_their_punctuation() {
    // The real article's texts hold CJK punctuation, 〔〕 around restored
    // characters, full-width forms and no-break spaces: all visible.
    the_real_data();
    let second = root().join("tests/data/second-article");
    load(&second).unwrap_or_else(|e| panic!("{} is refused:\n{e}", second.display()));
}

/// Whether a spreadsheet would read a cell as a formula (OWASP's list).
fn formula_like(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

#[test]
fn no_text_cell_of_a_csv_download_is_a_formula() {
    let valid = valid_toml();
    let text = valid
        .replacen(
            "label_en = \"Poverty incidence\"",
            "label_en = '=HYPERLINK(\"https://evil.example/\",\"Click\")'",
            1,
        )
        .replacen("label_zh = \"贫困发生率\"", "label_zh = \"+贫困发生率\"", 1)
        .replacen(
            "note_en = \"The article lost the hundreds digit.\"",
            "note_en = \"@SUM(1+1)*cmd|' /C calc'!A0\"",
            1,
        )
        .replacen("printed = \"降至0\"", "printed = \"-降至0\"", 1)
        .replacen(
            "source = \"贫困发生率由2012年的16.8%降至0。\"",
            "source = \"-贫困发生率由2012年的16.8%-降至0。\"",
            2,
        );
    let mut ds =
        parse_files(&with_vocabulary("valid.toml", &text)).unwrap_or_else(|e| panic!("{e}"));
    // A negative value is refused by the validator; written anyway, it must
    // stay a number, not become text.
    ds.indicators.to_mut()[1].value = Some(-5.0);
    let charts = ds.charts.clone();
    let mut downloads = vec![(
        "indicators.csv".to_owned(),
        ds.to_csv().unwrap_or_else(|e| panic!("{e}")),
    )];
    for chart in charts.iter() {
        downloads.push((
            format!("{}.csv", chart.id),
            article_charts::download::chart_csv(&ds, chart),
        ));
    }
    let mut seen = 0;
    for (name, csv) in downloads {
        let body = csv.strip_prefix('\u{feff}').unwrap_or(&csv);
        let mut reader = csv::Reader::from_reader(body.as_bytes());
        for row in reader.records() {
            let row = row.unwrap_or_else(|e| panic!("{name}: {e}"));
            for (i, cell) in row.iter().enumerate() {
                if i == article_dataset::CSV_VALUE_COLUMN {
                    assert!(
                        cell.is_empty() || cell.parse::<f64>().is_ok(),
                        "{name}: value {cell:?}"
                    );
                    continue;
                }
                assert!(
                    !formula_like(cell),
                    "{name}: column {i} is a formula: {cell:?}"
                );
                if cell.starts_with('\'') {
                    seen += 1;
                }
            }
            if &row[0] == "rate_2019" {
                assert_eq!(&row[4], "-5", "{name}: the value must stay a number");
            }
        }
    }
    // The label, note, printed figure and both sources of the figures
    // concerned, in the full download and in each chart's.
    assert!(seen >= 10, "only {seen} cells were neutralised");
    let csv = ds.to_csv().unwrap_or_else(|e| panic!("{e}"));
    assert!(
        csv.contains("\"'=HYPERLINK(\"\"https://evil.example/\"\",\"\"Click\"\")\""),
        "{csv}"
    );
}

#[test]
fn the_publication_author_and_date_are_optional_and_checked() {
    let meta = "source_en = \"Test\"\n";
    let with = |extra: &str| valid_with(meta, &format!("{meta}{extra}"));

    let ds = parse_files(&with_vocabulary(
        "valid.toml",
        &with("publication_zh = \"东河日报\"\npublication_en = \"Donghe Daily\"\nauthor_zh = \"李明\"\nauthor_en = \"Li Ming\"\npublished = \"2020-02-29\"\n"),
    ))
    .unwrap_or_else(|e| panic!("{e}"));
    let publication = ds
        .meta
        .publication
        .clone()
        .unwrap_or_else(|| panic!("no publication"));
    assert_eq!(publication.zh_hant, "東河日報");
    assert_eq!(publication.en, "Donghe Daily");
    assert_eq!(
        ds.meta.author.as_ref().map(|a| a.en.as_ref()),
        Some("Li Ming")
    );
    assert_eq!(ds.meta.published.as_deref(), Some("2020-02-29"));
    let json = ds.to_json().unwrap_or_else(|e| panic!("{e}"));
    assert!(
        json.contains("\"publication_en\": \"Donghe Daily\""),
        "{json}"
    );
    assert!(json.contains("\"published\": \"2020-02-29\""), "{json}");

    // A TOML date is a date too.
    let ds = parse_files(&with_vocabulary(
        "valid.toml",
        &with("published = 2021-06-30\n"),
    ))
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(ds.meta.published.as_deref(), Some("2021-06-30"));
    // None given: none invented.
    let ds = valid_dataset();
    assert_eq!(
        (ds.meta.publication, ds.meta.author, ds.meta.published),
        (None, None, None)
    );

    for (extra, want) in [
        ("published = \"2021-02-29\"\n", "valid.toml:8: meta, field `published`: \"2021-02-29\" is not a date like \"2021-06-30\""),
        ("published = \"30/06/2021\"\n", "valid.toml:8: meta, field `published`: \"30/06/2021\" is not a date"),
        ("published = 2021-06-30T08:00:00Z\n", "valid.toml:8: meta, field `published`: must be a string, not datetime"),
        ("publication_en = \"Donghe Daily\"\n", "meta, field `publication_zh`: missing; `publication_en` is given"),
        ("publication_zh = \"東河日報\"\npublication_en = \"Donghe Daily\"\n", "valid.toml:8: meta, field `publication_zh`: has Traditional characters"),
    ] {
        let text = with(extra);
        let all = problems(&with_vocabulary("valid.toml", &text));
        assert!(!all.is_empty(), "{extra:?} was accepted");
        assert!(all.contains(want), "{extra:?}: expected {want}\ngot:\n{all}");
    }
}

/// The dataset `build.rs` bakes into the binary (written out as Rust by
/// `Dataset::to_rust`) is the folder it was built from, field for field:
/// the words read from each printed figure too, which the page's module
/// formats figures with and never reads again.
#[test]
fn the_baked_dataset_is_the_folder_it_was_built_from() {
    let folder =
        option_env!("ARTICLE_CHARTS_DATA").map_or_else(|| root().join("data"), PathBuf::from);
    let loaded = load(&folder).unwrap_or_else(|e| panic!("{}: {e}", folder.display()));
    let baked = &article_charts::data::DATASET;
    assert_eq!(baked.indicators.len(), loaded.indicators.len());
    for (b, l) in baked.indicators.iter().zip(loaded.indicators.iter()) {
        assert_eq!(b, l, "{}", l.id);
    }
    assert_eq!(*baked, loaded);
    assert!(
        loaded
            .indicators
            .iter()
            .any(|i| !i.wording.before.is_empty() || !i.wording.more.is_empty()),
        "no figure of {} is qualified in words: the check above would not see a lost wording",
        folder.display()
    );
}
