//! `cargo xtask fuzz` and the fuzz step of `cargo xtask test`: runs each
//! cargo-fuzz target of `fuzz/` for a bounded time.
//!
//! The targets are built with `--sanitizer none`, which needs no `-Z` flag,
//! so they build with whatever toolchain is active — stable included — and
//! no nightly toolchain or `RUSTC_BOOTSTRAP` is needed. The code under test
//! is safe Rust, so AddressSanitizer would find nothing the fuzzer does not:
//! what is looked for is a panic, an overflow (debug assertions are on), a
//! stack overflow or a hang. Build output, the growing corpus and any crash
//! input all go under `target/fuzz/`; only the seeds in `fuzz/seeds/` are
//! committed.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::{bail, Context, Result};

use crate::{cargo, describe, output_of, run_command, target_dir, tools};

/// How long `cargo xtask test` runs each target.
pub const TEST_SECONDS: u64 = 25;

/// One fuzz target and the folders its corpus is seeded from, besides its
/// own `fuzz/seeds/NAME/`. libFuzzer reads these folders recursively and
/// never writes into them.
struct Target {
    name: &'static str,
    seeds: &'static [&'static str],
}

/// The data-file target starts from the real data file (and the article
/// beside it), the small valid file and every broken file of the tests.
const TARGETS: [Target; 2] = [
    Target {
        name: "options",
        seeds: &[],
    },
    Target {
        name: "data_file",
        seeds: &["data", "tests/data"],
    },
];

/// Makes sure `cargo fuzz` runs, installing cargo-fuzz (and the C++
/// compiler libFuzzer is built with) when missing.
pub fn ensure_cargo_fuzz() -> Result<()> {
    if tools::find_program("c++").is_none() {
        tools::apt_install(&["g++"], "libFuzzer is C++, compiled by libfuzzer-sys")?;
    }
    if let Some(version) = cargo_fuzz_version() {
        println!("==> {} is installed", version.trim());
        return Ok(());
    }
    println!("==> installing cargo-fuzz (cargo install cargo-fuzz --locked; about a minute)");
    // Unlike wasm-bindgen-cli, cargo-fuzz installs with its own lock file on
    // the project's machines; should that ever fail, a plain install is tried.
    let locked = run_command(cargo().args(["install", "cargo-fuzz", "--locked"]));
    if let Err(error) = locked {
        println!("==> `--locked` failed ({error:#}); installing cargo-fuzz without it");
        run_command(cargo().args(["install", "cargo-fuzz"]))?;
    }
    match cargo_fuzz_version() {
        Some(version) => {
            println!("==> {} is installed", version.trim());
            Ok(())
        }
        None => bail!("`cargo install cargo-fuzz` succeeded but `cargo fuzz --version` does not run; is cargo's bin folder on PATH?"),
    }
}

fn cargo_fuzz_version() -> Option<String> {
    let program = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    output_of(program, &["fuzz", "--version"])
}

/// The names of the targets, which `cargo xtask fuzz TARGET` accepts.
pub fn target_names() -> [&'static str; 2] {
    TARGETS.map(|t| t.name)
}

/// `cargo xtask fuzz [--seconds N] [TARGET]`: runs one target, or every
/// one (side by side), for N seconds, keeping the corpus for the next run.
pub fn command(root: &Path, seconds: u64, only: Option<&str>) -> Result<()> {
    ensure_cargo_fuzz()?;
    let Some(only) = only else {
        return run_all(root, seconds);
    };
    for target in TARGETS.iter().filter(|t| t.name == only) {
        run(root, target, seconds)?;
    }
    Ok(())
}

/// Runs every target for `seconds` (the test step): built together, then
/// fuzzed side by side. libFuzzer runs on one core, so two targets at once
/// take the time of one on a machine with two.
pub fn run_all(root: &Path, seconds: u64) -> Result<()> {
    let work = target_dir(root).join("fuzz");
    run_command(&mut fuzz_command(root, "build", &work))?;
    std::thread::scope(|scope| {
        let runs: Vec<_> = TARGETS
            .iter()
            .map(|target| scope.spawn(move || fuzz(root, target, seconds)))
            .collect();
        for run in runs {
            run.join()
                .map_err(|_| anyhow::anyhow!("a fuzzing thread panicked"))??;
        }
        Ok(())
    })
}

/// `cargo fuzz SUBCOMMAND` with the options every build and run shares:
/// no sanitizer (see the top of this file), debug assertions on, output
/// under `work`.
fn fuzz_command(root: &Path, subcommand: &str, work: &Path) -> Command {
    let mut command = cargo();
    command
        .current_dir(root)
        .args([
            "fuzz",
            subcommand,
            "--fuzz-dir",
            "fuzz",
            "--sanitizer",
            "none",
        ])
        .arg("--debug-assertions")
        .arg("--target-dir")
        .arg(work);
    command
}

/// What libFuzzer reports at the end of a run (`-print_final_stats=1`).
#[derive(Debug, Default, PartialEq)]
struct Stats {
    runs: Option<u64>,
    new_units: Option<u64>,
}

impl Stats {
    /// Reads one line of libFuzzer's output, keeping the figures it gives.
    fn read(&mut self, line: &str) {
        let figure = |name: &str| {
            line.strip_prefix(name)
                .and_then(|rest| rest.trim().parse().ok())
        };
        if let Some(n) = figure("stat::number_of_executed_units:") {
            self.runs = Some(n);
        }
        if let Some(n) = figure("stat::new_units_added:") {
            self.new_units = Some(n);
        }
    }
}

/// Builds one target, then fuzzes it.
fn run(root: &Path, target: &Target, seconds: u64) -> Result<()> {
    let work = target_dir(root).join("fuzz");
    // The build comes first, so that the time limit is all fuzzing.
    run_command(fuzz_command(root, "build", &work).arg(target.name))?;
    fuzz(root, target, seconds)
}

/// Fuzzes one target, already built, for `seconds`.
fn fuzz(root: &Path, target: &Target, seconds: u64) -> Result<()> {
    let work = target_dir(root).join("fuzz");
    let corpus = work.join("corpus").join(target.name);
    let artifacts = work.join("artifacts").join(target.name);
    for dir in [&corpus, &artifacts] {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    // The first folder is the one libFuzzer adds new inputs to.
    let mut folders: Vec<PathBuf> = vec![corpus, root.join("fuzz/seeds").join(target.name)];
    folders.extend(target.seeds.iter().map(|s| root.join(s)));
    let mut command = fuzz_command(root, "run", &work);
    command
        .arg(target.name)
        .args(folders.iter().filter(|f| f.is_dir()))
        .arg("--")
        .arg(format!("-max_total_time={seconds}"))
        // An input that takes this long is a hang, and fails the run.
        .arg("-timeout=10")
        .arg("-print_final_stats=1")
        .arg(format!("-artifact_prefix={}/", artifacts.display()));
    println!(
        "==> fuzzing `{}` for {seconds} s: {}",
        target.name,
        describe(&command)
    );
    let started = Instant::now();
    // libFuzzer reports on standard error; each line is passed on as it
    // comes, named by its target (two may run at once), and the final
    // figures are kept for the summary.
    let mut child = command
        .stdin(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .with_context(|| format!("cannot start `{}`", describe(&command)))?;
    let mut stats = Stats::default();
    if let Some(stderr) = child.stderr.take() {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            eprintln!("[{}] {line}", target.name);
            stats.read(&line);
        }
    }
    let status = child.wait().context("cargo fuzz did not finish")?;
    if !status.success() {
        bail!(
            "fuzz target `{}` failed ({status}); the failing input, if one was found, is in {}/ — \
             reproduce with `cargo fuzz run --fuzz-dir fuzz -s none -a {} FILE`, fix the bug and add \
             the input to the native tests",
            target.name,
            artifacts.display(),
            target.name
        );
    }
    let runs = stats
        .runs
        .map_or("an unknown number of".into(), |n| n.to_string());
    println!(
        "==> fuzz target `{}`: {runs} runs in {:.0} s, {} new inputs, no failure",
        target.name,
        started.elapsed().as_secs_f64(),
        stats.new_units.unwrap_or(0)
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_libfuzzers_final_figures() {
        let mut stats = Stats::default();
        for line in [
            "Done 1716856 runs in 16 second(s)",
            "stat::number_of_executed_units: 1716856",
            "stat::average_exec_per_sec:     107303",
            "stat::new_units_added:          4851",
        ] {
            stats.read(line);
        }
        assert_eq!(
            stats,
            Stats {
                runs: Some(1716856),
                new_units: Some(4851)
            }
        );
    }

    #[test]
    fn every_target_has_its_source_and_seeds() -> Result<()> {
        let root = crate::workspace_root()?;
        for target in &TARGETS {
            let source = root.join(format!("fuzz/fuzz_targets/{}.rs", target.name));
            assert!(source.is_file(), "{} is missing", source.display());
            let seeds = root.join("fuzz/seeds").join(target.name);
            assert!(seeds.is_dir(), "{} is missing", seeds.display());
            for folder in target.seeds {
                assert!(root.join(folder).is_dir(), "{folder} is not a folder");
            }
        }
        Ok(())
    }
}
