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
//! - [`files`]: copying and listing folders;
//! - `html`: finding tags and attributes, escaping text.

pub mod assets;
pub mod compress;
pub mod csp;
pub mod files;
mod html;
pub mod oembed;
pub mod pages;
pub mod statics;

use std::fs;
use std::path::Path;

use anyhow::{bail, Context, Result};
use article_charts::data::Dataset;

use crate::files::{copy_dir, write_file};

/// Writes the whole site of `dataset` into `dist`, which already holds the
/// module and its glue in `pkg/`: copies `www`, prerenders the pages, draws
/// the images, writes the downloads, oEmbed files, catalogue and headers,
/// then fingerprints and compresses the result. `base_url` is the address
/// the site will be served from (absolute, ending with `/`), if known.
pub fn write(dist: &Path, www: &Path, dataset: &Dataset, base_url: Option<&str>) -> Result<()> {
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

    println!("==> writing data/indicators.csv and data/indicators.json");
    let data = dist.join("data");
    fs::create_dir_all(&data).with_context(|| format!("cannot create {}", data.display()))?;
    write_file(&data.join("indicators.csv"), dataset.to_csv()?.as_bytes())?;
    write_file(&data.join("indicators.json"), dataset.to_json()?.as_bytes())?;

    println!("==> drawing static/STEM.svg and .png (2×), 640 px and 360 px wide, for every chart and language");
    let drawn = statics::write_images(dist, dataset)?;
    let standalone = pages::write_pages(dist, dataset, &drawn, base_url)?;
    oembed::write(dist, dataset, &drawn, base_url)?;
    csp::check_and_write_headers(dist, &standalone)?;
    println!("==> writing the catalogue charts.json");
    statics::write_catalogue(dist, &drawn)?;

    // Last: it renames what the steps above wrote and compresses the result.
    assets::finish(dist)?;
    Ok(())
}
