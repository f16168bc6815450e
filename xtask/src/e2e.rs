//! `cargo xtask test` and `cargo xtask screenshots`: the steps that need the
//! built page, a server and a real browser.

use std::fs;
use std::io::BufRead as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use anyhow::{bail, Context, Result};

use crate::{bench, cargo, dist, fuzz, run_command, target_dir, tools};

/// The folder of the browser tests and their npm packages.
pub const E2E_DIR: &str = "tests/e2e";

/// The browser tests that hold for the site of any data folder.
const ANY_ARTICLE_TESTS: &str = "tests/e2e/any-article/smoke.test.mjs";

/// A made-up second article, of another shape than `data/`: its site must
/// build and pass the smoke tests with no change outside its data folder.
const SECOND_ARTICLE: &str = "tests/data/second-article";

/// A made-up article written in Chinese only (`[meta] languages = ["zh"]`):
/// its site publishes no English page, and an old English link lands on a
/// Chinese one. Its site is a second release build of the module, a few
/// minutes; the smoke tests on it take well under one.
const CHINESE_ONLY: &str = "tests/data/chinese-only";

/// The preview's browser test: it edits a copy of a data folder while
/// `cargo xtask serve --data COPY` previews it.
const PREVIEW_TEST: &str = "tests/e2e/preview.test.mjs";

/// How long `serve` may take to build the site before it serves it: a
/// release build of the module with the copy's data, a few minutes at most.
const SERVE_READY: Duration = Duration::from_secs(15 * 60);

/// Runs one named step, announcing it and naming it in the error if it fails,
/// so that a red CI log says at once which step broke.
fn step<T>(number: usize, name: &str, action: impl FnOnce() -> Result<T>) -> Result<T> {
    println!("==> step {number}: {name}");
    let started = std::time::Instant::now();
    let result = action().with_context(|| format!("step {number} ({name}) failed"));
    // The time of each step, so that a slow suite says where its time goes.
    println!(
        "==> step {number} took {:.0} s",
        started.elapsed().as_secs_f64()
    );
    result
}

/// Every check of the project, in the order CI runs them.
pub fn test(root: &Path) -> Result<()> {
    step(1, "check the tools", || {
        tools::ensure_browser()?;
        tools::ensure_engines()?;
        tools::ensure_node()?;
        tools::ensure_wasm_target()?;
        tools::ensure_wasm_bindgen(root)?;
        tools::ensure_wasm_opt(root)?;
        fuzz::ensure_cargo_fuzz()?;
        ensure_clippy()?;
        tools::print_versions(root);
        Ok(())
    })?;
    step(
        2,
        "cargo test --workspace, and clippy's guard rails",
        || {
            // The workspace denies `unwrap`/`expect` outside tests (Cargo.toml);
            // only clippy checks that, natively and for the browser code.
            // The native check rides on the test build: clippy's driver
            // compiles the workspace's own crates (as `cargo clippy` has it
            // do), lints them and builds them as rustc would, so every crate
            // is compiled once instead of once for the tests and once more
            // for clippy (a minute on a fresh clone).
            run_command(
                cargo()
                    .current_dir(root)
                    .env("RUSTC_WORKSPACE_WRAPPER", clippy_driver())
                    .args(["test", "--workspace"]),
            )?;
            run_command(cargo().current_dir(root).args([
                "clippy",
                "-p",
                "article-charts",
                "--lib",
                "--target",
                tools::WASM_TARGET,
            ]))
        },
    )?;
    step(3, "fuzz the options and data-file parsers", || {
        fuzz::run_all(root, fuzz::TEST_SECONDS)
    })?;
    step(4, "build dist/ with the browser tests' hooks", || {
        let site = dist::Site {
            test_hooks: true,
            ..dist::Site::default()
        };
        dist::dist(root, &site)
    })?;
    step(5, "install the browser-test packages", || {
        tools::npm_ci(&root.join(E2E_DIR))
    })?;
    let base_url = step(6, "serve dist/", || {
        article_server::serve_in_background(root.join("dist"))
    })?;
    step(7, "browser tests", || run_browser_tests(root, &base_url))?;
    step(
        8,
        "build and smoke-test the sites of two other articles, and preview one while editing it",
        || {
            other_article(root, SECOND_ARTICLE)?;
            other_article(root, CHINESE_ONLY)?;
            preview(root, SECOND_ARTICLE)
        },
    )?;
    step(
        9,
        "bench smoke test (one load; no timing is judged)",
        || bench::smoke(root),
    )?;
    println!("==> all steps passed");
    Ok(())
}

/// Clippy's driver, beside the cargo that runs this task (where a rustup
/// toolchain and a distribution's package both put it), else on `PATH`.
fn clippy_driver() -> std::ffi::OsString {
    std::env::var_os("CARGO")
        .map(|cargo| Path::new(&cargo).with_file_name("clippy-driver"))
        .filter(|driver| driver.is_file())
        .map_or_else(|| "clippy-driver".into(), std::ffi::OsString::from)
}

/// Installs clippy with rustup when cargo has none.
fn ensure_clippy() -> Result<()> {
    if crate::output_of("cargo", &["clippy", "--version"]).is_some() {
        println!("==> clippy is installed");
        return Ok(());
    }
    println!("==> installing clippy (rustup component add clippy)");
    run_command(Command::new("rustup").args(["component", "add", "clippy"]))
}

/// Builds the site of the data folder `data` into `target/` and runs the
/// smoke tests that hold for any data folder against it. The dashboard's
/// own `dist/` is left as it is.
fn other_article(root: &Path, data: &str) -> Result<()> {
    let name = Path::new(data)
        .file_name()
        .map_or_else(|| "other".into(), |n| n.to_string_lossy());
    let out = target_dir(root).join(format!("{name}-site"));
    let site = dist::Site {
        data: data.into(),
        out: out.strip_prefix(root).unwrap_or(&out).to_path_buf(),
        ..dist::Site::default()
    };
    dist::dist(root, &site)?;
    let base_url = article_server::serve_in_background(root.join(&site.out))?;
    run_command(
        Command::new("node")
            .args(["--test", "--test-concurrency=1", ANY_ARTICLE_TESTS])
            .current_dir(root)
            .env("BASE_URL", base_url),
    )
}

/// Runs `cargo xtask serve --data COPY` on a copy of the data folder `data`,
/// on a port the system chooses and into a folder of its own, and the
/// preview's browser test against it, which saves changes into the copy
/// (a new label, a wrong unit, the folder as it was) and waits for each on
/// the page; then stops the server.
fn preview(root: &Path, data: &str) -> Result<()> {
    let temporary = tempfile::tempdir().context("cannot create a temporary folder")?;
    let copy = temporary.path().join("data");
    article_site::files::copy_dir(&root.join(data), &copy)?;
    let out = temporary.path().join("site");
    let program = std::env::current_exe().context("cannot find the running xtask")?;
    println!("==> previewing a copy of {data} (cargo xtask serve --port 0 --data COPY --out SITE)");
    let child = Command::new(program)
        .args(["serve", "--port", "0", "--data"])
        .arg(&copy)
        .arg("--out")
        .arg(&out)
        .current_dir(root)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .spawn()
        .context("cannot start `cargo xtask serve`")?;
    let mut server = Server(child);
    let base_url = server.address()?;
    run_command(
        Command::new("node")
            .args(["--test", "--test-concurrency=1", PREVIEW_TEST])
            .current_dir(root)
            .env("PREVIEW_URL", &base_url)
            .env("PREVIEW_DATA", &copy),
    )
}

/// A `serve` started by [`preview`], stopped when dropped, whatever ended
/// the test.
struct Server(Child);

impl Server {
    /// The address the server says it serves at, once it does; its output
    /// is passed through as it comes.
    fn address(&mut self) -> Result<String> {
        let Some(stdout) = self.0.stdout.take() else {
            bail!("the output of `serve` is not readable");
        };
        let (found, address) = mpsc::channel();
        // The server writes a line after each rebuild: its output is read
        // until it ends, so that it never waits on a full pipe.
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                println!("    serve: {line}");
                if let Some(url) = served_address(&line) {
                    let _ = found.send(url);
                }
            }
        });
        address.recv_timeout(SERVE_READY).map_err(|_| {
            anyhow::anyhow!(
                "`serve` did not serve the preview within {} s (or stopped; see its output above)",
                SERVE_READY.as_secs()
            )
        })
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // The server runs until it is stopped; it holds nothing that needs
        // a gentler end, and its folders are temporary.
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The address in `serve`'s line "Serving … at http://127.0.0.1:PORT/ …".
fn served_address(line: &str) -> Option<String> {
    if !line.starts_with("Serving ") {
        return None;
    }
    let start = line.find("http://127.0.0.1:")?;
    let end = line[start..]
        .find(char::is_whitespace)
        .map_or(line.len(), |e| start + e);
    Some(line[start..end].to_owned())
}

/// Saves screenshots of the page in both languages, two widths and both
/// colour schemes to `target/screenshots/`.
pub fn screenshots(root: &Path) -> Result<()> {
    tools::ensure_browser()?;
    tools::ensure_node()?;
    dist::dist(root, &dist::Site::default())?;
    tools::npm_ci(&root.join(E2E_DIR))?;
    let base_url = article_server::serve_in_background(root.join("dist"))?;
    let out = target_dir(root).join("screenshots");
    fs::create_dir_all(&out).with_context(|| format!("cannot create {}", out.display()))?;
    println!("==> taking screenshots into {}", out.display());
    run_command(
        Command::new("node")
            .arg(Path::new(E2E_DIR).join("screenshots.mjs"))
            .current_dir(root)
            .env("BASE_URL", &base_url)
            .env("SCREENSHOT_DIR", &out),
    )
}

/// Runs every `tests/e2e/*.test.mjs` with node's test runner, one file at a
/// time (they share one machine's two cores with a browser), against the
/// server at `base_url`. The files are listed here rather than left to node,
/// whose handling of a folder argument differs between versions.
fn run_browser_tests(root: &Path, base_url: &str) -> Result<()> {
    let files = test_files(&root.join(E2E_DIR))?;
    if files.is_empty() {
        bail!("no *.test.mjs file in {E2E_DIR}");
    }
    let relative: Vec<PathBuf> = files.iter().map(|f| Path::new(E2E_DIR).join(f)).collect();
    run_command(
        Command::new("node")
            .args(["--test", "--test-concurrency=1"])
            .args(&relative)
            .current_dir(root)
            .env("BASE_URL", base_url),
    )
}

/// The names of the `*.test.mjs` files directly in `dir`, sorted.
fn test_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))? {
        let entry = entry.with_context(|| format!("cannot read {}", dir.display()))?;
        let name = entry.file_name();
        if name.to_string_lossy().ends_with(".test.mjs") {
            files.push(PathBuf::from(name));
        }
    }
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_address_serve_announces() {
        assert_eq!(
            served_address(
                "Serving /tmp/x/site (the site of /tmp/x/data) at http://127.0.0.1:40123/ (Ctrl+C to stop);"
            )
            .as_deref(),
            Some("http://127.0.0.1:40123/")
        );
        assert_eq!(served_address("==> building at http://127.0.0.1:1/"), None);
    }

    #[test]
    fn finds_the_browser_test_files() -> Result<()> {
        let root = crate::workspace_root()?;
        let files = test_files(&root.join(E2E_DIR))?;
        assert!(
            files.contains(&PathBuf::from("dashboard.test.mjs")),
            "{files:?}"
        );
        assert!(files
            .iter()
            .all(|f| f.to_string_lossy().ends_with(".test.mjs")));
        Ok(())
    }
}
