//! Bakes `data/indicators.toml` into the binary.
//!
//! The data file is parsed and validated here, at build time, so that a wrong
//! file fails the build with `file:line: …, field …` messages instead of
//! reaching a reader. The page then carries the dataset as a `static` and
//! never parses anything.

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
    ExitCode::SUCCESS
}
