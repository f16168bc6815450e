//! The data file and its validator: the real file is accepted, each broken
//! file in `tests/data/broken/` is refused with the message its first line
//! expects, every message points at the right line, and the files of
//! `tests/data/edge/` (trailing commas, values at the edges) are accepted.

use std::path::{Path, PathBuf};

use danba_dataset::{load, parse};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_real_data_file_is_valid() {
    let path = root().join("data/indicators.toml");
    if let Err(errors) = load(&path) {
        panic!("data/indicators.toml is refused:\n{errors}");
    }
}

#[test]
fn the_small_valid_file_is_valid() {
    let path = root().join("tests/data/valid.toml");
    let ds = load(&path).unwrap_or_else(|e| panic!("{e}"));
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

#[test]
fn each_broken_file_is_refused_with_its_message() {
    let files = files_in("broken");
    assert!(
        files.len() >= 15,
        "expected the set of broken files, found {}",
        files.len()
    );
    for path in files {
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let want = expectation(&text, &path);
        let name = path.display().to_string();
        let errors = match parse(&name, &text) {
            Ok(_) => panic!("{name} was accepted, but should fail with: {want}"),
            Err(e) => e,
        };
        let all = errors.to_string();
        assert!(
            all.contains(&want),
            "{name}:\n  expected a message containing: {want}\n  got:\n{all}"
        );
        let lines: Vec<&str> = text.lines().collect();
        for e in &errors.0 {
            assert!(
                all.starts_with(&name) || all.contains(&format!("{name}:")),
                "message must name the file: {e}"
            );
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
}

#[test]
fn a_byte_order_mark_and_crlf_line_ends_are_accepted() {
    let text = std::fs::read_to_string(root().join("tests/data/valid.toml")).unwrap_or_default();
    let windows = format!("\u{feff}{}", text.replace('\n', "\r\n"));
    let ds = parse("valid.toml", &windows).unwrap_or_else(|e| panic!("{e}"));
    let plain = parse("valid.toml", &text).unwrap_or_else(|e| panic!("{e}"));
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
        if let Err(errors) = load(&path) {
            panic!("{} is refused:\n{errors}", path.display());
        }
    }
}

#[test]
fn trailing_commas_in_lists_change_nothing() {
    let valid = load(&root().join("tests/data/valid.toml")).unwrap_or_else(|e| panic!("{e}"));
    let commas = load(&root().join("tests/data/edge/trailing_commas.toml"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(commas, valid);
}

#[test]
fn values_at_the_edges_are_kept_exactly() {
    let ds = load(&root().join("tests/data/edge/values.toml")).unwrap_or_else(|e| panic!("{e}"));
    let value = |id: &str| ds.indicator(id).and_then(|i| i.value);
    assert_eq!(value("money_zero"), Some(0.0));
    assert_eq!(value("money_largest"), Some(1e15));
    assert_eq!(value("people_largest"), Some(1e15));
    // Negative zero is read as zero, so that it never prints as "-0".
    let zero = value("rate_negative_zero").unwrap_or(f64::NAN);
    assert!(zero == 0.0 && zero.is_sign_positive(), "{zero:?}");
    let csv = ds.to_csv();
    assert!(csv.contains(",1000000000000000,"), "{csv}");
    assert!(!csv.contains("-0"), "{csv}");
}

#[test]
fn csv_has_one_row_per_figure_with_a_source() {
    let ds = load(&root().join("data/indicators.toml")).unwrap_or_else(|e| panic!("{e}"));
    let csv = ds.to_csv();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
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
            "source"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader
        .records()
        .map(|r| r.unwrap_or_else(|e| panic!("{e}")))
        .collect();
    assert_eq!(rows.len(), ds.indicators.len());
    for (row, ind) in rows.iter().zip(ds.indicators.iter()) {
        assert_eq!(&row[0], ind.id.as_ref());
        assert!(!row[8].trim().is_empty(), "{} has an empty source", ind.id);
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

#[test]
fn json_round_trips_every_figure() {
    let ds = load(&root().join("data/indicators.toml")).unwrap_or_else(|e| panic!("{e}"));
    let doc: serde_json::Value =
        serde_json::from_str(&ds.to_json()).unwrap_or_else(|e| panic!("{e}"));
    let list = doc["indicators"].as_array().cloned().unwrap_or_default();
    assert_eq!(list.len(), ds.indicators.len());
    for (j, ind) in list.iter().zip(ds.indicators.iter()) {
        assert_eq!(j["id"].as_str(), Some(ind.id.as_ref()));
        assert_eq!(j["value"].as_f64(), ind.value);
        assert_eq!(j["source"].as_str(), Some(ind.source.as_ref()));
    }
    let charts = doc["charts"].as_array().cloned().unwrap_or_default();
    assert_eq!(charts.len(), ds.charts.len());
}
