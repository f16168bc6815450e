//! Bakes one article's data folder into the binary.
//!
//! The folder is `data/` or the one `ARTICLE_CHARTS_DATA` names (`cargo xtask dist
//! --data DIR` sets it). It is parsed and validated here, at build time, so
//! that a wrong file fails the build with `file:line: …, field …` messages
//! instead of reaching a reader. The page then carries the dataset as a
//! `static` and never parses anything.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    println!("cargo:rerun-if-env-changed=ARTICLE_CHARTS_DATA");
    let dir = std::env::var_os("ARTICLE_CHARTS_DATA")
        .map_or_else(|| PathBuf::from("data"), PathBuf::from);
    // The folder itself is watched so that a new or removed file rebuilds;
    // each file so that an edit does.
    println!("cargo:rerun-if-changed={}", dir.display());
    if let Ok(entries) = std::fs::read_dir(&dir) {
        for entry in entries.flatten() {
            println!("cargo:rerun-if-changed={}", entry.path().display());
        }
    }
    let dataset = match article_dataset::load(&dir) {
        Ok(dataset) => dataset,
        Err(errors) => {
            eprintln!(
                "The data folder {} is not valid ({} problem(s)):",
                dir.display(),
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
    // The WebAssembly module only hydrates pages prerendered with every
    // text, so it carries only the texts it draws or says itself (see
    // `Dataset::without_page_texts`); native builds (the tests, and the
    // xtask that prerenders the pages) keep them all.
    let for_module = std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|a| a == "wasm32");
    let baked = if for_module {
        dataset.without_page_texts()
    } else {
        dataset
    };
    let target = PathBuf::from(out).join("dataset.rs");
    if let Err(e) = std::fs::write(&target, baked.to_rust()) {
        eprintln!("cannot write {}: {e}", target.display());
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
