//! Bakes `data/indicators.toml` into the binary.
//!
//! The data file is parsed and validated here, at build time, so that a wrong
//! file fails the build with `file:line: …, field …` messages instead of
//! reaching a reader. The page then carries the dataset as a `static` and
//! never parses anything. It also writes the Traditional Chinese texts of
//! the data (converted from Simplified with `zhconv`) for `?lang=zh-Hant`.

use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let path = Path::new("data/indicators.toml");
    println!("cargo:rerun-if-changed={}", path.display());
    let dataset = match danba_dataset::load(path) {
        Ok(dataset) => dataset,
        Err(errors) => {
            eprintln!(
                "The data file is not valid ({} problem(s)):",
                errors.0.len()
            );
            eprintln!("{errors}");
            return ExitCode::FAILURE;
        }
    };
    let Some(out) = std::env::var_os("OUT_DIR") else {
        eprintln!("OUT_DIR is not set; build.rs must be run by cargo");
        return ExitCode::FAILURE;
    };
    let target = Path::new(&out).join("dataset.rs");
    if let Err(e) = std::fs::write(&target, dataset.to_rust()) {
        eprintln!("cannot write {}: {e}", target.display());
        return ExitCode::FAILURE;
    }
    let target = Path::new(&out).join("hant.rs");
    if let Err(e) = std::fs::write(&target, hant_rust(&dataset)) {
        eprintln!("cannot write {}: {e}", target.display());
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

/// The Traditional Chinese texts of the dataset as a Rust expression of type
/// `data::hant::Hant`: every Simplified label, note, printed figure and title
/// converted with `zhconv`, so the page needs no converter of its own.
fn hant_rust(dataset: &danba_dataset::Dataset) -> String {
    use std::fmt::Write as _;
    let hant = |s: &str| zhconv::zhconv(s, zhconv::Variant::ZhHant);
    let opt = |s: &Option<std::borrow::Cow<'static, str>>| match s {
        Some(s) => format!("Some({:?})", hant(s)),
        None => "None".to_owned(),
    };
    let mut s = String::from("Hant {\n");
    let _ = writeln!(
        s,
        "  meta_title: {:?},\n  meta_source: {:?},\n  indicators: &[",
        hant(&dataset.meta.title_zh),
        hant(&dataset.meta.source_zh)
    );
    for i in dataset.indicators.iter() {
        let _ = writeln!(
            s,
            "    IndicatorHant {{ id: {:?}, label: {:?}, note: {}, printed: {:?} }},",
            i.id.as_ref(),
            hant(&i.label_zh),
            opt(&i.note_zh),
            hant(&i.printed)
        );
    }
    s.push_str("  ],\n  charts: &[\n");
    for c in dataset.charts.iter() {
        let _ = writeln!(
            s,
            "    ChartHant {{ id: {:?}, title: {:?}, note: {} }},",
            c.id.as_ref(),
            hant(&c.title_zh),
            opt(&c.note_zh)
        );
    }
    s.push_str("  ],\n}\n");
    s
}
