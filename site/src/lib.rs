//! The site generator: from one article's validated data folder, the
//! WebAssembly module built from it and the front end in `www/`, every file
//! a newsroom deploys — prerendered pages in each language, static images,
//! downloads, embed pages and codes, oEmbed files, the catalogue, the
//! security headers, fingerprinted names and precompressed copies.
//!
//! It knows nothing of cargo or of the tools that build the module: `xtask`
//! builds the module into `DIST/pkg/` and then hands the folder to [`write`].
//! One module, one job:
//! - [`pages`]: the dashboards, embed pages and standalone pages;
//! - [`statics`]: the static SVG/PNG images and `charts.json`;
//! - [`oembed`]: the oEmbed files;
//! - [`csp`]: the Content-Security-Policy and `_headers`;
//! - [`assets`]: fingerprints and cache rules;
//! - [`compress`]: the `.br` and `.gz` copies;
//! - [`files`]: copying, listing and replacing folders;
//! - [`preview`]: the live preview of `cargo xtask serve --data DIR`;
//! - [`base_url`]: reading the address the site will be served from;
//! - [`sizes`]: the sizes of the built site, as a reader loads it;
//! - [`linked`]: what the built module must not link;
//! - [`imports`]: short names for the module's imports;
//! - `html`: reading and editing elements by CSS selector (lol_html);
//! - `heights`: the height style sheets, kept between builds of one process;
//! - `parallel`: independent work shared among the cores.

pub mod assets;
pub mod base_url;
pub mod compress;
pub mod csp;
pub mod files;
mod heights;
mod html;
pub mod imports;
pub mod linked;
mod minify;
pub mod oembed;
pub mod pages;
mod parallel;
pub mod preview;
pub mod sizes;
pub mod statics;
pub mod std_paths;

use std::fs;
use std::path::Path;

use anyhow::{bail, Context, Result};
use article_charts::data::Dataset;
use article_charts::locale::Locale;

use crate::files::{copy_dir, write_file};

/// What [`write_with`] builds the site for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode<'a> {
    /// The site to deploy: every `.br` and `.gz` copy, compressed now.
    Dist,
    /// The site to deploy, with the copies of files compressed before taken
    /// from this cache folder (`cargo xtask dist` keeps it under `target/`).
    DistCached(&'a Path),
    /// The site `cargo xtask serve` shows while a desk edits its data
    /// folder: no compressed copies, and every page but the standalone files
    /// loads [`PREVIEW_SCRIPT`], which reloads the page when the folder
    /// changes and shows its errors. `hydrate` is false when the module in
    /// `pkg/` was built from other data than `dataset`: the pages then load
    /// no module, since it would draw its own, older figures over the
    /// prerendered pictures, which are right.
    Preview { hydrate: bool },
}

/// The address of the script preview pages load. It is same-origin, so the
/// pages' `script-src 'self'` allows it; `cargo xtask serve` answers it,
/// and no file of the site has that name.
pub const PREVIEW_SCRIPT: &str = "/__preview.js";

/// Writes the whole site of `dataset` into `dist` for deploying (see
/// [`write_with`]).
pub fn write(dist: &Path, www: &Path, dataset: &Dataset, base_url: Option<&str>) -> Result<()> {
    write_with(dist, www, dataset, base_url, Mode::Dist)
}

/// Writes the whole site of `dataset` into `dist`, which already holds the
/// module and its glue in `pkg/`: copies `www`, prerenders the pages, draws
/// the images, writes the downloads, oEmbed files, catalogue and headers,
/// then fingerprints and (unless `mode` is a preview) compresses the result.
/// `base_url` is the address the site will be served from (absolute,
/// ending with `/`), if known.
pub fn write_with(
    dist: &Path,
    www: &Path,
    dataset: &Dataset,
    base_url: Option<&str>,
    mode: Mode,
) -> Result<()> {
    println!("==> copying www/ into the site");
    if !www.is_dir() {
        bail!(
            "{} is missing: it holds index.html, the styles and the script of the page",
            www.display()
        );
    }
    copy_dir(www, dist)?;

    println!("==> writing the article's headline and description into index.html and embed.html");
    pages::fill_shells(dist, dataset)?;
    pages::write_dashboards(dist, dataset, base_url)?;
    pages::fill_palette(dist)?;
    println!("==> minifying the style sheets");
    minify::style_sheets(dist)?;

    println!("==> writing data/indicators.csv and data/indicators.json");
    let data = dist.join("data");
    fs::create_dir_all(&data).with_context(|| format!("cannot create {}", data.display()))?;
    write_file(&data.join("indicators.csv"), dataset.to_csv()?.as_bytes())?;
    write_file(&data.join("indicators.json"), dataset.to_json()?.as_bytes())?;

    let drawn = if let Mode::Preview { .. } = mode {
        // Rasterising every image took most of a preview's time, and the
        // pages show their own inline pictures: a preview has no static
        // images, only their heights, which the pages need.
        println!("==> no static images (preview)");
        preview_drawn(dataset)
    } else {
        println!("==> drawing static/STEM.svg and .png (2×), 640 px and 360 px wide, for every chart and language");
        statics::write_images(dist, dataset)?
    };
    let written = if let Mode::Preview { .. } = mode {
        without_module(dist, || pages::write_pages(dist, dataset, &drawn, base_url))?
    } else {
        pages::write_pages(dist, dataset, &drawn, base_url)?
    };
    oembed::write(dist, dataset, &drawn, base_url)?;
    println!("==> minifying the scripts (after the standalone pages inlined them)");
    minify::scripts(dist)?;
    let (dashboard, table) = pages::inline_page_styles(dist, dataset)?;
    let (dashboards, tables) = pages::page_files(dataset);
    csp::check_and_write_headers(
        dist,
        &csp::Policies {
            dashboards: &dashboards,
            dashboard: &dashboard,
            tables: &tables,
            table: &table,
            chart_pages: &written.chart_pages,
            standalone: &written.standalone,
        },
    )?;
    println!("==> writing the catalogue charts.json");
    statics::write_catalogue(dist, &drawn)?;

    // Last: it renames what the steps above wrote and compresses the result.
    match mode {
        Mode::Dist => {
            assets::finish_with(dist, assets::Compress::All)?;
        }
        Mode::DistCached(cache) => {
            assets::finish_with(dist, assets::Compress::Cached(cache))?;
        }
        Mode::Preview { hydrate } => {
            assets::finish_with(dist, assets::Compress::None)?;
            // After the checks of `finish`: the preview script is no file
            // of the site, and a page that loads no module is only right
            // for a preview.
            mark_preview_pages(dist, hydrate)?;
        }
    }
    Ok(())
}

/// The module as the standalone files of a preview inline it: the eight
/// bytes of an empty module.
const EMPTY_MODULE: &[u8] = b"\0asm\x01\0\0\0";

/// Runs `write` (which writes the standalone files) with an empty module in
/// `pkg/` and then puts the real one back. Each standalone file inlines the
/// module in base64, and writing and checking those copies took half of a
/// preview's time; a standalone file is a download that `dist` builds
/// right, so in a preview it shows the page without interaction.
fn without_module<T>(dist: &Path, write: impl FnOnce() -> Result<T>) -> Result<T> {
    let module = dist.join("pkg").join("article_charts_bg.wasm");
    let real = fs::read(&module).with_context(|| format!("cannot read {}", module.display()))?;
    write_file(&module, EMPTY_MODULE)?;
    let written = write();
    write_file(&module, &real)?;
    written
}

/// What [`statics::write_images`] returns, without drawing any image: every
/// chart with its height in each language.
fn preview_drawn(dataset: &Dataset) -> Vec<statics::Drawn<'_>> {
    dataset
        .charts
        .iter()
        .map(|chart| {
            let locales = Locale::published(dataset);
            statics::Drawn {
                chart,
                locales,
                heights: locales
                    .iter()
                    .map(|&locale| statics::Size::Column.scene(dataset, chart, locale).height)
                    .collect(),
            }
        })
        .collect()
}

/// Makes every page of `dist` but the standalone files a preview page: it
/// loads [`PREVIEW_SCRIPT`], and without `hydrate` it loads no module
/// script. The standalone files are left as they are: their policy allows
/// only their own inline scripts, and they are meant to be downloaded.
fn mark_preview_pages(dist: &Path, hydrate: bool) -> Result<()> {
    println!(
        "==> making the pages preview pages{}",
        if hydrate {
            ""
        } else {
            " (without the module, which was built from older data)"
        }
    );
    let pages: Vec<String> = assets::site_files(dist)?
        .into_iter()
        .filter(|file| file.ends_with(".html") && !file.starts_with("standalone/"))
        .collect();
    parallel::map(&pages, |file| {
        let path = dist.join(file);
        let page =
            fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
        write_file(&path, preview_page(&page, hydrate)?.as_bytes())
    })?;
    Ok(())
}

/// `page` as a preview page: [`PREVIEW_SCRIPT`] loaded at the end of its
/// head, and without `hydrate` no `<script type="module">` element.
fn preview_page(page: &str, hydrate: bool) -> Result<String> {
    let page = if hydrate {
        page.to_owned()
    } else {
        html::remove(page, "script[type=module]")?
    };
    let tag = format!("<script src=\"{PREVIEW_SCRIPT}\" defer></script>");
    html::edit(&page, "head", "<head>", |el| {
        el.append(&tag, html::ContentType::Html);
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_preview_page_loads_the_preview_script_and_maybe_no_module() {
        let page = "<html><head><script type=\"module\" src=\"main.1a2b.js\"></script>\
                    <link rel=\"stylesheet\" href=\"style.css\"></head><body></body></html>";
        let hydrated = preview_page(page, true).unwrap();
        assert!(hydrated.contains("main.1a2b.js"), "{hydrated}");
        assert!(
            hydrated.contains("<script src=\"/__preview.js\" defer></script></head>"),
            "{hydrated}"
        );
        let still = preview_page(page, false).unwrap();
        assert!(!still.contains("<script type=\"module\""), "{still}");
        assert!(
            still.contains("style.css") && still.contains("/__preview.js"),
            "{still}"
        );
    }
}
