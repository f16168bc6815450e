//! `cargo xtask bench`: measures the dashboard and one chart's embed page
//! against the same charts drawn with Chart.js, in one run on one machine,
//! with Lighthouse beside, and writes the tables into `bench/results.md`.
//!
//! The measuring itself is `bench/bench.mjs` (Playwright in headless
//! Chromium, and Lighthouse on the same Chromium); this module builds the
//! release `dist/`, installs the pinned Chart.js and Lighthouse, serves
//! `dist/` and `bench/` under one origin, and runs the script. It is a
//! measurement, never a pass/fail test: timings do not fail a build.
//! `cargo xtask test` runs it once on one load, with one Lighthouse run of
//! the embed pages (see [`smoke`]), only to check that it still measures
//! every row.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{bail, Context, Result};

use crate::e2e::E2E_DIR;
use crate::{describe, dist, target_dir, tools};

/// The folder of the anchor page, its npm packages and the results.
const BENCH_DIR: &str = "bench";
/// The file the table is written into, between the script's markers.
const RESULTS: &str = "bench/results.md";

/// The metrics the script prints, one table row each. The smoke test
/// checks that every one of them is printed with a value, so a row that
/// stops being measured is noticed. The dashboard's Lighthouse rows are
/// left out: the smoke test runs Lighthouse on the embed pages only.
const ROWS: [&str; 43] = [
    "bytes HTML, gzip",
    "bytes CSS, gzip",
    "bytes JS, gzip",
    "bytes wasm, gzip",
    "bytes total, raw",
    "bytes total, gzip",
    "bytes total, brotli",
    "bytes on the wire, gzip accepted",
    "bytes on the wire, brotli accepted",
    "embed page bytes total, gzip",
    "embed page bytes total, brotli",
    "embed page bytes on the wire, gzip accepted",
    "embed page bytes on the wire, brotli accepted",
    "all charts drawn, median",
    "all charts drawn, p95",
    "main-thread time per pointer move",
    "script time per pointer move",
    "layouts per pointer move",
    "style recalculations per pointer move",
    "hover in handler, median",
    "hover in handler, p95",
    "hover to next frame, median",
    "hover to next frame, p95",
    "hover frames late (> 1.5 × frame)",
    "resize redraw in rendering step, median",
    "resize redraw to next frame, median",
    "resize redraw to next frame, p95",
    "canvases redrawn by a resize",
    "phone: main-thread time per pointer move",
    "phone: resize redraw to next frame, median",
    "phone: canvases redrawn at once by a resize",
    "JS heap after load",
    "JS heap after the hovers",
    "JS heap growth over all hovers",
    "JS heap growth after the timed hovers",
    "wasm memory after load",
    "wasm memory after the hovers",
    "wasm memory growth over all hovers",
    "Lighthouse embed page: LCP",
    "Lighthouse embed page: Performance",
    "Lighthouse embed page: CLS",
    "Lighthouse embed page: Accessibility",
    "Lighthouse embed page: SEO",
];

/// How much to measure; the defaults are what the issue asks for and keep
/// the whole run within a few minutes on two cores.
#[derive(clap::Args, Debug, PartialEq)]
pub struct Options {
    /// Cold loads of each page.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..))]
    loads: u32,
    /// Timed hovers of each page.
    #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u32).range(1..))]
    hovers: u32,
    /// Hovers over which memory is watched.
    #[arg(long, default_value_t = 10_000, value_parser = clap::value_parser!(u32).range(1..))]
    memory_hovers: u32,
    /// Lighthouse runs per page, of which the median is kept; 0 runs none.
    #[arg(long, default_value_t = 3)]
    lighthouse_runs: u32,
    /// Leave bench/results.md as it is (for trial runs).
    #[arg(long = "no-write", action = clap::ArgAction::SetFalse)]
    write: bool,
    /// Only the bench step of `test`, on the dist/ already built.
    #[arg(long, conflicts_with_all = ["loads", "hovers", "memory_hovers", "lighthouse_runs", "write"])]
    pub smoke: bool,
}

/// `cargo xtask bench`: builds, serves and measures, and prints the table.
pub fn bench(root: &Path, options: &Options) -> Result<()> {
    tools::ensure_browser()?;
    tools::ensure_node()?;
    dist::dist(root, &dist::Site::default())?;
    let base_url = prepare_and_serve(root)?;
    println!(
        "==> measuring article-charts and Chart.js ({} cold loads each, {} timed hovers, \
         {} Lighthouse runs of each of four pages; about twenty minutes)",
        options.loads, options.hovers, options.lighthouse_runs
    );
    let results = root.join(RESULTS);
    let output = run_script(
        root,
        &base_url,
        options,
        "all",
        options.write.then_some(&results),
    )?;
    print!("{output}");
    Ok(())
}

/// The bench's smoke test, a step of `cargo xtask test`: one load and a few
/// hovers of each page against the `dist/` already built, and one
/// Lighthouse run of the two embed pages (not three of four pages), then a
/// check that every row of the table was printed with a value. No timing is
/// judged.
pub fn smoke(root: &Path) -> Result<()> {
    let base_url = prepare_and_serve(root)?;
    let options = Options {
        loads: 1,
        hovers: 20,
        memory_hovers: 40,
        lighthouse_runs: 1,
        write: false,
        smoke: true,
    };
    let output = run_script(root, &base_url, &options, "embed", None)?;
    let missing = missing_rows(&output);
    if !missing.is_empty() {
        bail!(
            "the bench did not print these rows with a value: {}\n{output}",
            missing.join("; ")
        );
    }
    println!("==> the bench printed all {} rows", ROWS.len());
    Ok(())
}

/// Installs the npm packages of the bench (Chart.js, Lighthouse) and the
/// browser tests (Playwright), and serves
/// `dist/` and `bench/` side by side, so the anchor page reads the very
/// `dist/data/indicators.json` the dashboard ships from its own origin.
fn prepare_and_serve(root: &Path) -> Result<String> {
    tools::npm_ci(&root.join(E2E_DIR))?;
    tools::npm_ci(&root.join(BENCH_DIR))?;
    let site = target_dir(root).join("bench-site");
    link_site(root, &site)?;
    // The server follows no link out of the folder it serves, except into
    // the two folders linked here.
    article_server::serve_linked_in_background(site, vec![root.join("dist"), root.join(BENCH_DIR)])
}

/// Makes `site/dist` and `site/bench` links to the real folders: nothing is
/// copied, so the anchor page never ends up in `dist/` and a rebuilt `dist/`
/// is served as it is.
fn link_site(root: &Path, site: &Path) -> Result<()> {
    fs::create_dir_all(site).with_context(|| format!("cannot create {}", site.display()))?;
    for name in ["dist", BENCH_DIR] {
        let link = site.join(name);
        // A link left by an earlier run may point into another checkout.
        if fs::symlink_metadata(&link).is_ok() {
            fs::remove_file(&link).with_context(|| format!("cannot replace {}", link.display()))?;
        }
        symlink_dir(&root.join(name), &link)?;
    }
    Ok(())
}

#[cfg(unix)]
fn symlink_dir(target: &Path, link: &Path) -> Result<()> {
    std::os::unix::fs::symlink(target, link)
        .with_context(|| format!("cannot link {} to {}", link.display(), target.display()))
}

#[cfg(not(unix))]
fn symlink_dir(_target: &Path, link: &Path) -> Result<()> {
    bail!(
        "the bench links folders into {} and needs a Unix system",
        link.display()
    )
}

/// Runs `bench/bench.mjs` and returns what it printed; its warnings go
/// straight to the terminal.
fn run_script(
    root: &Path,
    base_url: &str,
    options: &Options,
    lighthouse_pages: &str,
    results: Option<&PathBuf>,
) -> Result<String> {
    let mut command = Command::new("node");
    command
        .arg(Path::new(BENCH_DIR).join("bench.mjs"))
        .current_dir(root)
        .env("BENCH_URL", base_url)
        .env("LOADS", options.loads.to_string())
        .env("HOVERS", options.hovers.to_string())
        .env("MEMORY_HOVERS", options.memory_hovers.to_string())
        .env("LIGHTHOUSE_RUNS", options.lighthouse_runs.to_string())
        .env("LIGHTHOUSE_PAGES", lighthouse_pages)
        .env("CHROME_PATH", tools::CHROMIUM)
        .env_remove("RESULTS_FILE")
        .stdin(Stdio::null())
        .stderr(Stdio::inherit());
    if let Some(file) = results {
        command.env("RESULTS_FILE", file);
    }
    let line = describe(&command);
    let output = command
        .output()
        .with_context(|| format!("cannot start `{line}`"))?;
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    if !output.status.success() {
        bail!("`{line}` failed ({}):\n{stdout}", output.status);
    }
    Ok(stdout)
}

/// The rows of [`ROWS`] that are not in `output` as a table row whose two
/// value cells hold something other than a dash or `NaN`. The wasm rows of
/// Chart.js are a dash by design, so one value is enough for them.
fn missing_rows(output: &str) -> Vec<&'static str> {
    ROWS.iter()
        .copied()
        .filter(|metric| {
            !output.lines().any(|line| {
                let cells: Vec<&str> = line
                    .trim()
                    .trim_matches('|')
                    .split('|')
                    .map(str::trim)
                    .collect();
                let measured =
                    |cell: &&str| !cell.is_empty() && *cell != "–" && !cell.contains("NaN");
                cells.len() == 4
                    && cells[0] == *metric
                    && measured(&cells[1])
                    && (metric.starts_with("wasm") || measured(&cells[2]))
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_missing_a_row_or_a_value_is_noticed() {
        let full: String = ROWS
            .iter()
            .map(|metric| format!("| {metric} | 1.0 KiB | 2.0 KiB | 0.50 |\n"))
            .collect();
        assert!(missing_rows(&full).is_empty());
        let without_one = full.replace(
            "| wasm memory growth over all hovers |",
            "| something else |",
        );
        assert_eq!(
            missing_rows(&without_one),
            vec!["wasm memory growth over all hovers"]
        );
        let unmeasured = full.replace(
            "| hover in handler, p95 | 1.0 KiB",
            "| hover in handler, p95 | NaN ms",
        );
        assert_eq!(missing_rows(&unmeasured), vec!["hover in handler, p95"]);
    }
}
