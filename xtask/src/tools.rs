//! Finds, checks and, when missing, installs the tools the build and the
//! browser tests need. A fresh CI machine has none of them, so each check
//! installs what it can (rustup, cargo install, apt-get) and otherwise says
//! exactly what to run.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::{bail, Context, Result};

use crate::{cargo, output_of, run_command};

pub const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// Debian's paths of the browser and its driver, which Playwright is pointed at.
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Makes sure the Rust standard library for WebAssembly is installed.
pub fn ensure_wasm_target() -> Result<()> {
    match output_of("rustup", &["target", "list", "--installed"]) {
        Some(list) if list.lines().any(|line| line.trim() == WASM_TARGET) => {
            println!("==> Rust target {WASM_TARGET} is installed");
            Ok(())
        }
        Some(_) => {
            println!("==> installing the Rust target {WASM_TARGET}");
            run_command(Command::new("rustup").args(["target", "add", WASM_TARGET]))
        }
        None => {
            // Without rustup (a distribution's Rust), the target may still be
            // there: its standard library lives in the sysroot.
            let sysroot = output_of("rustc", &["--print", "sysroot"]).unwrap_or_default();
            let lib = Path::new(sysroot.trim())
                .join("lib/rustlib")
                .join(WASM_TARGET);
            if !sysroot.trim().is_empty() && lib.is_dir() {
                println!("==> Rust target {WASM_TARGET} is installed");
                return Ok(());
            }
            bail!(
                "the Rust target {WASM_TARGET} is missing and rustup is not available; \
                 install rustup and run `rustup target add {WASM_TARGET}`"
            )
        }
    }
}

/// The version of a package recorded in `Cargo.lock`.
pub fn locked_version(root: &Path, package: &str) -> Result<String> {
    let path = root.join("Cargo.lock");
    let text = std::fs::read_to_string(&path).with_context(|| {
        format!(
            "cannot read {} (run `cargo generate-lockfile` to create it)",
            path.display()
        )
    })?;
    let versions = versions_in_lock(&text, package);
    match versions.as_slice() {
        [one] => Ok(one.clone()),
        [] => bail!("{} does not list the package `{package}`", path.display()),
        many => bail!(
            "{} lists several versions of `{package}` ({}); the wasm-bindgen CLI must match exactly one",
            path.display(),
            many.join(", ")
        ),
    }
}

/// Every version of `package` in the text of a `Cargo.lock`. The format is
/// stable and simple (`name = "…"` followed by `version = "…"` inside each
/// `[[package]]`), so a line reader avoids a TOML dependency.
fn versions_in_lock(text: &str, package: &str) -> Vec<String> {
    let wanted = format!("name = \"{package}\"");
    let mut versions = Vec::new();
    let mut lines = text.lines().map(str::trim);
    while let Some(line) = lines.next() {
        if line != wanted {
            continue;
        }
        if let Some(version) = lines
            .next()
            .and_then(|l| l.strip_prefix("version = \""))
            .and_then(|l| l.strip_suffix('"'))
        {
            versions.push(version.to_owned());
        }
    }
    versions
}

/// A program on `PATH`, or else in cargo's own `bin` folder, which is where
/// `cargo install` puts it even when that folder is not on `PATH`.
pub fn find_program(name: &str) -> Option<PathBuf> {
    let on_path = std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).collect::<Vec<_>>())
        .unwrap_or_default();
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")));
    on_path
        .into_iter()
        .chain(cargo_home.map(|home| home.join("bin")))
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
}

/// The version a `wasm-bindgen --version` prints ("wasm-bindgen 0.2.130").
fn wasm_bindgen_version(program: &Path) -> Option<String> {
    let text = output_of(program, &["--version"])?;
    text.split_whitespace().nth(1).map(str::to_owned)
}

/// Makes sure the wasm-bindgen CLI has exactly the version of the
/// `wasm-bindgen` crate in `Cargo.lock`; the two refuse to work together
/// otherwise. Returns the program's path.
pub fn ensure_wasm_bindgen(root: &Path) -> Result<PathBuf> {
    let wanted = locked_version(root, "wasm-bindgen")?;
    let found = find_program("wasm-bindgen");
    let installed = found.as_deref().and_then(wasm_bindgen_version);
    if let (Some(path), Some(version)) = (&found, &installed) {
        if *version == wanted {
            println!(
                "==> wasm-bindgen {wanted} is installed ({})",
                path.display()
            );
            return Ok(path.clone());
        }
    }
    match &installed {
        Some(version) => println!(
            "==> installing wasm-bindgen-cli {wanted} to match Cargo.lock (found {version}; takes a few minutes)"
        ),
        None => println!("==> installing wasm-bindgen-cli {wanted} to match Cargo.lock (takes a few minutes)"),
    }
    // `--locked` is left out on purpose: with it the install fails on the
    // project's machines, while the plain install resolves and builds.
    run_command(cargo().args([
        "install",
        "wasm-bindgen-cli",
        "--version",
        &wanted,
        "--force",
    ]))?;
    let path = find_program("wasm-bindgen").context(
        "`cargo install wasm-bindgen-cli` succeeded but no `wasm-bindgen` program was found",
    )?;
    match wasm_bindgen_version(&path) {
        Some(version) if version == wanted => Ok(path),
        other => bail!(
            "{} reports version {} after installing {wanted}; is another wasm-bindgen earlier on PATH?",
            path.display(),
            other.unwrap_or_else(|| "nothing".into())
        ),
    }
}

/// The oldest Binaryen that reads what rustc and wasm-bindgen emit today:
/// since Rust 1.82 the module uses reference types, and wasm-bindgen's
/// output contains `table.fill`, which Binaryen only parses from version 117
/// on. Debian 12's package is version 108.
const MIN_WASM_OPT: u32 = 117;

/// The folder whose package-lock.json pins Binaryen from npm.
const BUILD_TOOLS_DIR: &str = "xtask";

/// Finds a `wasm-opt` that can read the module: the system's if it is recent
/// enough, else Binaryen's npm build pinned in xtask/package-lock.json (the
/// same optimiser compiled to WebAssembly, run by Node.js).
pub fn ensure_wasm_opt(root: &Path) -> Result<PathBuf> {
    if let Some(path) = find_program("wasm-opt") {
        match wasm_opt_version(&path) {
            Some(version) if version >= MIN_WASM_OPT => {
                println!("==> wasm-opt {version} is installed ({})", path.display());
                return Ok(path);
            }
            Some(version) => println!(
                "==> {} is Binaryen {version}, too old for reference types (needs {MIN_WASM_OPT}+); using Binaryen from npm",
                path.display()
            ),
            None => {}
        }
    }
    ensure_node()?;
    npm_ci(&root.join(BUILD_TOOLS_DIR))?;
    let path = root
        .join(BUILD_TOOLS_DIR)
        .join("node_modules/.bin/wasm-opt");
    match wasm_opt_version(&path) {
        Some(version) if version >= MIN_WASM_OPT => {
            println!("==> wasm-opt {version} from npm is installed ({})", path.display());
            Ok(path)
        }
        Some(version) => bail!(
            "{} is Binaryen {version}; raise `binaryen` in {BUILD_TOOLS_DIR}/package.json to {MIN_WASM_OPT} or newer",
            path.display()
        ),
        None => bail!("{} does not run; try deleting {BUILD_TOOLS_DIR}/node_modules", path.display()),
    }
}

/// The version number of a `wasm-opt --version` ("wasm-opt version 132 (version_132)").
fn wasm_opt_version(program: &Path) -> Option<u32> {
    parse_wasm_opt_version(&output_of(program, &["--version"])?)
}

fn parse_wasm_opt_version(text: &str) -> Option<u32> {
    let mut words = text.split_whitespace();
    words.find(|w| *w == "version")?;
    words.next()?.parse().ok()
}

/// Runs `npm ci` in `dir` unless `node_modules` already holds exactly the
/// packages its package-lock.json pins. npm writes what it installed to
/// `node_modules/.package-lock.json`; that list is compared with the lock,
/// package by package. File times would not do: an `npm install
/// --package-lock-only` or a checkout may leave a newer list beside
/// missing packages.
pub fn npm_ci(dir: &Path) -> Result<()> {
    let lock = dir.join("package-lock.json");
    let pinned = std::fs::read_to_string(&lock).with_context(|| {
        format!(
            "cannot read {}; it pins the npm packages of that folder",
            lock.display()
        )
    })?;
    let installed =
        std::fs::read_to_string(dir.join("node_modules").join(".package-lock.json")).ok();
    let on_disk = |package: &str| dir.join(package).join("package.json").is_file();
    if installed.is_some_and(|installed| installs_lock(&pinned, &installed, on_disk)) {
        println!("==> {}/node_modules is up to date", dir.display());
        return Ok(());
    }
    println!("==> installing npm packages (npm ci in {})", dir.display());
    run_command(
        Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(dir),
    )
}

/// Whether npm's list of what it installed (`installed`, the text of
/// `node_modules/.package-lock.json`) has every package of the lock
/// (`pinned`) at its pinned version, and each is `on_disk` (npm has been
/// seen to write the list without the packages). An optional package may be
/// missing: npm leaves out those meant for other systems.
fn installs_lock(pinned: &str, installed: &str, on_disk: impl Fn(&str) -> bool) -> bool {
    let packages = |text: &str| {
        serde_json::from_str::<serde_json::Value>(text)
            .ok()
            .and_then(|v| v.get("packages").and_then(|p| p.as_object()).cloned())
    };
    let (Some(pinned), Some(installed)) = (packages(pinned), packages(installed)) else {
        return false;
    };
    let version = |entry: &serde_json::Value| entry.get("version").cloned();
    pinned
        .iter()
        .filter(|(path, _)| !path.is_empty())
        .all(|(path, entry)| match installed.get(path) {
            Some(there) => version(there) == version(entry) && on_disk(path),
            None => entry.get("optional").and_then(|o| o.as_bool()) == Some(true),
        })
}

/// Makes sure Debian's Chromium, its driver and a Chinese font are installed:
/// the browser tests and screenshots drive that Chromium, and without a CJK
/// font every Chinese label would render as empty boxes.
pub fn ensure_browser() -> Result<()> {
    let mut missing = Vec::new();
    if !Path::new(CHROMIUM).is_file() {
        missing.push("chromium");
    }
    if !Path::new(CHROMEDRIVER).is_file() {
        missing.push("chromium-driver");
    }
    let chinese_fonts = output_of("fc-list", &[":lang=zh"]).unwrap_or_default();
    if chinese_fonts.trim().is_empty() {
        missing.push("fonts-noto-cjk");
        if find_program("fc-list").is_none() {
            missing.push("fontconfig");
        }
    }
    if missing.is_empty() {
        println!("==> Chromium, ChromeDriver and a Chinese font are installed");
        return Ok(());
    }
    apt_install(&missing, "the browser tests drive Debian's Chromium")
}

/// Prints the version of every browser and driver the tests run, and of the
/// npm packages that drive them, so that a red log after one of Debian's
/// silent browser updates says at once which version it ran (Chromium 156
/// dropped a CDP method that 148 had).
pub fn print_versions(root: &Path) {
    // WebKitWebDriver has no `--version`: its Debian package says it.
    let programs = [
        (CHROMIUM, "chromium"),
        (CHROMEDRIVER, "chromium-driver"),
        ("/usr/bin/firefox-esr", "firefox-esr"),
        ("/usr/bin/WebKitWebDriver", "webkit2gtk-driver"),
    ];
    for (program, package) in programs {
        let own = output_of(program, &["--version"])
            .map(|text| text.lines().next().unwrap_or_default().trim().to_owned())
            .filter(|line| !line.is_empty());
        let version = own
            .or_else(|| {
                output_of("dpkg-query", &["-W", "-f=${Version}", package])
                    .map(|v| format!("Debian package {package} {}", v.trim()))
            })
            .unwrap_or_else(|| "not found".to_owned());
        println!("    {program}: {version}");
    }
    for (lock, package) in [
        ("tests/e2e/package-lock.json", "playwright-core"),
        ("tests/e2e/package-lock.json", "puppeteer-core"),
        ("bench/package-lock.json", "lighthouse"),
    ] {
        let version = fs::read_to_string(root.join(lock))
            .ok()
            .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
            .and_then(|json| {
                json.pointer(&format!("/packages/node_modules~1{package}/version"))
                    .and_then(|v| v.as_str().map(str::to_owned))
            })
            .unwrap_or_else(|| "not pinned".to_owned());
        println!("    npm {package}: {version} (pinned in {lock})");
    }
}

/// The other two engines of the smoke test (`tests/e2e/engines.test.mjs`) and
/// what runs them: Debian's Firefox ESR, WebKitWebDriver with the
/// `MiniBrowser` it drives, a virtual X server for MiniBrowser (`xvfb-run`,
/// which needs `xauth`), and `xdotool`, which gives its window the input
/// focus that no window manager gives it there.
pub const ENGINES: [(&str, &str); 6] = [
    ("/usr/bin/firefox-esr", "firefox-esr"),
    ("/usr/bin/WebKitWebDriver", "webkit2gtk-driver"),
    (
        "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser",
        "libwebkit2gtk-4.1-0",
    ),
    ("/usr/bin/xvfb-run", "xvfb"),
    ("/usr/bin/xauth", "xauth"),
    ("/usr/bin/xdotool", "xdotool"),
];

/// Makes sure Firefox ESR and WebKitGTK, and what drives them, are
/// installed; the browser tests run a smoke test in each. Debian's packages
/// are used, so nothing downloads a browser at run time.
pub fn ensure_engines() -> Result<()> {
    let missing: Vec<&str> = ENGINES
        .iter()
        .filter(|(path, _)| !Path::new(path).is_file())
        .map(|(_, package)| *package)
        .collect();
    if missing.is_empty() {
        println!(
            "==> Firefox ESR, WebKitWebDriver with MiniBrowser, Xvfb and xdotool are installed"
        );
        return Ok(());
    }
    apt_install(
        &missing,
        "the browser tests also run in Firefox ESR and in WebKitGTK, Safari's engine",
    )
}

/// Makes sure Node.js (20.10 or newer, for `node --test --test-concurrency`
/// and `playwright-core`) and npm are installed. A machine without Node.js
/// gets Debian's; where that is older than 20.10 the message says so, since
/// no other source of Node.js is reachable from here.
pub fn ensure_node() -> Result<()> {
    if output_of("node", &["--version"]).is_none() || output_of("npm", &["--version"]).is_none() {
        apt_install(
            &["nodejs", "npm"],
            "the browser tests and wasm-opt come from npm",
        )?;
    }
    let Some(version) = output_of("node", &["--version"]) else {
        bail!("Node.js is still not installed after `apt-get install nodejs npm`; install Node.js 20.10 or newer with npm");
    };
    let version = version.trim();
    if !node_is_recent(version) {
        bail!("the browser tests need Node.js 20.10 or newer (playwright-core requires 20), found {version}; install a newer Node.js");
    }
    println!("==> Node.js {version} and npm are installed");
    Ok(())
}

/// Whether `node --version` output ("v20.20.2") is at least 20.10.
fn node_is_recent(version: &str) -> bool {
    let mut parts = version
        .trim_start_matches('v')
        .split('.')
        .map(|p| p.parse::<u32>().ok());
    match (parts.next().flatten(), parts.next().flatten()) {
        (Some(major), Some(minor)) => (major, minor) >= (20, 10),
        _ => false,
    }
}

/// Set once `apt-get update` has run, so that several installs in one run
/// refresh the package lists only once.
static APT_UPDATED: AtomicBool = AtomicBool::new(false);

/// Installs Debian packages, or says what to run when not root.
pub fn apt_install(packages: &[&str], why: &str) -> Result<()> {
    let list = packages.join(" ");
    println!("==> installing {list} with apt-get ({why})");
    if !is_root() {
        bail!("{list} must be installed and this is not root; run: sudo apt-get update && sudo apt-get install -y {list}");
    }
    if !APT_UPDATED.swap(true, Ordering::SeqCst) {
        run_command(
            Command::new("apt-get")
                .arg("update")
                .env("DEBIAN_FRONTEND", "noninteractive"),
        )?;
    }
    run_command(
        Command::new("apt-get")
            .args(["install", "-y"])
            .args(packages)
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )
}

fn is_root() -> bool {
    output_of("id", &["-u"]).is_some_and(|uid| uid.trim() == "0")
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOCK: &str = r#"
version = 4

[[package]]
name = "wasm-bindgen"
version = "0.2.130"
source = "registry+https://github.com/rust-lang/crates.io-index"

[[package]]
name = "wasm-bindgen-backend"
version = "0.2.130"
"#;

    #[test]
    fn node_modules_is_up_to_date_only_when_it_holds_every_pinned_package() {
        let lock = r#"{"packages": {
            "": {"name": "bench", "dependencies": {"lighthouse": "12.8.2"}},
            "node_modules/lighthouse": {"version": "12.8.2"},
            "node_modules/fsevents": {"version": "2.3.3", "optional": true}
        }}"#;
        let installed = r#"{"packages": {"node_modules/lighthouse": {"version": "12.8.2"}}}"#;
        let all_there = |_: &str| true;
        assert!(installs_lock(lock, installed, all_there));
        // Listed, but the package itself is not there.
        assert!(!installs_lock(lock, installed, |p: &str| p != "node_modules/lighthouse"));
        // Left by an install of other packages, or of an older lock.
        let other = r#"{"packages": {"node_modules/chart.js": {"version": "4.6.1"}}}"#;
        assert!(!installs_lock(lock, other, all_there));
        let older = r#"{"packages": {"node_modules/lighthouse": {"version": "12.2.3"}}}"#;
        assert!(!installs_lock(lock, older, all_there));
        assert!(!installs_lock(lock, "not JSON", all_there));
    }

    #[test]
    fn reads_the_locked_version_of_exactly_that_package() {
        assert_eq!(
            versions_in_lock(LOCK, "wasm-bindgen"),
            vec!["0.2.130".to_owned()]
        );
        assert!(versions_in_lock(LOCK, "wasm").is_empty());
    }

    #[test]
    fn wasm_opt_versions() {
        assert_eq!(parse_wasm_opt_version("wasm-opt version 108\n"), Some(108));
        assert_eq!(
            parse_wasm_opt_version("wasm-opt version 132 (version_132)"),
            Some(132)
        );
        assert_eq!(parse_wasm_opt_version("wasm-opt"), None);
    }

    #[test]
    fn node_version_threshold() {
        assert!(node_is_recent("v20.20.2\n"));
        assert!(node_is_recent("v22.1.0"));
        assert!(!node_is_recent("v20.9.0"));
        assert!(!node_is_recent("v18.19.0"));
        assert!(!node_is_recent("garbage"));
    }
}
