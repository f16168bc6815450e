//! `cargo xtask dist [--data DIR] [--out DIR]`: builds the whole site of one
//! article's data folder (default `data/`) into a folder (default `dist/`),
//! ready to be served by any static file server.
//!
//! The site is built in a new folder beside `--out` and takes its place only
//! when every step has succeeded (see `article_site::files::replace_folder`): a build that fails
//! halfway leaves the last good site as it was, byte for byte.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{anyhow, Context, Result};

use article_site::files::replace_folder;

use crate::{cargo, paths, run_command, target_dir, tools};

/// The crate compiled to WebAssembly and the file name cargo gives it.
const WASM_PACKAGE: &str = "article-charts";
const WASM_FILE: &str = "article_charts.wasm";

/// The features Rust's wasm32 target uses today. Binaryen validates against
/// the features it is told about, so they are named explicitly rather than
/// left to each Binaryen version's defaults.
const WASM_OPT_FEATURES: [&str; 6] = [
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// What wasm-opt is asked to do, unless `WASM_OPT_FLAGS` says otherwise.
/// Chosen by measurement (see `bench/results.md`): `-Oz` gives the smallest
/// module, and the debug and producer sections are of no use to readers.
const WASM_OPT_DEFAULT: &str = "-Oz --strip-debug --strip-producers";

/// The wasm-opt flags: `WASM_OPT_FLAGS` (space-separated), so that the bench
/// can compare settings without editing this file, or the default.
fn wasm_opt_flags() -> Vec<String> {
    let flags = std::env::var("WASM_OPT_FLAGS").unwrap_or_default();
    let chosen = if flags.trim().is_empty() {
        WASM_OPT_DEFAULT
    } else {
        flags.as_str()
    };
    chosen.split_whitespace().map(str::to_owned).collect()
}

/// Which data folder to build, and where to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Site {
    /// The article's data folder, relative to the workspace root where it
    /// lies inside it (so that messages read `data/indicators.toml:12: …`).
    pub data: PathBuf,
    /// The folder the site is written to; replaced as a whole once the new
    /// site is complete.
    pub out: PathBuf,
    /// The address the site will be served from (`--base-url`, absolute,
    /// ending with `/`): with it, link previews, canonical links, oEmbed and
    /// embed codes name absolute addresses; without it they stay relative
    /// and there is no oEmbed (see `oembed.rs`).
    pub base_url: Option<String>,
    /// Whether the module has the hooks only the browser tests call (the
    /// `test-hooks` feature); a site to publish has none.
    pub test_hooks: bool,
}

impl Default for Site {
    fn default() -> Self {
        Site {
            data: PathBuf::from("data"),
            out: PathBuf::from("dist"),
            base_url: None,
            test_hooks: false,
        }
    }
}

/// Builds the site from scratch and prints the size of every file in it.
pub fn dist(root: &Path, site: &Site) -> Result<()> {
    dist_keeping_module(root, site, None)
}

/// As [`dist`], and copies the module and its glue as wasm-bindgen and
/// wasm-opt wrote them, before fingerprinting, into `keep` (replacing what
/// it held): `cargo xtask serve` rebuilds its preview pages around them
/// without building the module again.
pub fn dist_keeping_module(root: &Path, site: &Site, keep: Option<&Path>) -> Result<()> {
    let out = root.join(&site.out);
    article_site::files::may_replace(&out, &site.out)?;
    replace_folder(&out, |staging| build(root, site, staging, keep))?;
    println!("==> the site is in {}", site.out.display());
    Ok(())
}

/// The folder of compressed copies `dist` keeps between builds, keyed by
/// the contents they were made of (see `compress::precompress_cached`).
pub fn compress_cache(root: &Path) -> PathBuf {
    target_dir(root).join("xtask").join("compressed")
}

/// Builds the whole site into `dist`, an empty folder; `site.out` is the
/// folder the site will be in, named in messages.
fn build(root: &Path, site: &Site, dist: &Path, keep: Option<&Path>) -> Result<()> {
    let shown = site.out.display();
    // The data is read first: a wrong file fails in a second, before any
    // compiling, with every problem named by file, line and field.
    println!(
        "==> reading and checking the data folder {}",
        site.data.display()
    );
    let dataset = article_dataset::load(&site.data).map_err(|errors| {
        anyhow!(
            "the data folder {} is not valid:\n{errors}",
            site.data.display()
        )
    })?;
    tools::ensure_wasm_target()?;
    let wasm_bindgen = tools::ensure_wasm_bindgen(root)?;
    let wasm_opt = tools::ensure_wasm_opt(root)?;

    println!(
        "==> building {WASM_PACKAGE} for {} (release) with the data of {}{}",
        tools::WASM_TARGET,
        site.data.display(),
        if site.test_hooks {
            " and the browser tests' hooks"
        } else {
            ""
        }
    );
    // build.rs bakes the folder `ARTICLE_CHARTS_DATA` names into the module. The
    // build machine's paths are rewritten to relative names (see
    // `paths.rs`); given with `--target`, the flags reach only the module,
    // not build scripts, which thus stay cached.
    let data_dir = root.join(&site.data);
    run_command(
        cargo()
            .current_dir(root)
            .env("ARTICLE_CHARTS_DATA", &data_dir)
            .env("CARGO_ENCODED_RUSTFLAGS", paths::encoded_rustflags(root))
            .env_remove("RUSTFLAGS")
            .args([
                "build",
                "--release",
                "--lib",
                "--target",
                tools::WASM_TARGET,
                "-p",
                WASM_PACKAGE,
            ])
            .args(site.test_hooks.then_some("--features=test-hooks")),
    )?;
    let wasm = target_dir(root)
        .join(tools::WASM_TARGET)
        .join("release")
        .join(WASM_FILE);

    let pkg = dist.join("pkg");
    fs::create_dir_all(&pkg).with_context(|| format!("cannot create {}", pkg.display()))?;

    println!(
        "==> generating the JavaScript bindings into {shown}/pkg/ (wasm-bindgen --target web)"
    );
    run_command(
        Command::new(&wasm_bindgen)
            .args(["--target", "web", "--no-typescript", "--out-dir"])
            .arg(&pkg)
            .arg(&wasm),
    )?;

    let module = pkg.join("article_charts_bg.wasm");
    article_site::linked::check(&module)?;
    let flags = wasm_opt_flags();
    println!(
        "==> shrinking {shown}/pkg/article_charts_bg.wasm (wasm-opt {})",
        flags.join(" ")
    );
    // wasm-opt writes to a new file which then replaces the original, so an
    // interrupted run never leaves a half-written module behind.
    let optimised = pkg.join("article_charts_bg.opt.wasm");
    run_command(
        Command::new(&wasm_opt)
            .args(&flags)
            .args(WASM_OPT_FEATURES)
            .arg(&module)
            .arg("-o")
            .arg(&optimised),
    )?;
    fs::rename(&optimised, &module)
        .with_context(|| format!("cannot replace {}", module.display()))?;
    let replaced = article_site::std_paths::relativise_std_paths_in(&module)?;
    println!("==> made {replaced} paths of the standard library relative in {shown}/pkg/article_charts_bg.wasm");
    let renamed = article_site::imports::shorten(&module, &pkg.join("article_charts.js"))?;
    println!("==> gave the module's {renamed} imports short names, in it and in its glue");

    if let Some(keep) = keep {
        if keep.exists() {
            fs::remove_dir_all(keep).with_context(|| format!("cannot empty {}", keep.display()))?;
        }
        article_site::files::copy_dir(&pkg, keep)?;
    }

    let cache = compress_cache(root);
    article_site::write_with(
        dist,
        &root.join("www"),
        &dataset,
        site.base_url.as_deref(),
        article_site::Mode::DistCached(&cache),
    )?;
    article_site::sizes::print(dist, &site.out)
}
