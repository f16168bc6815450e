//! The static images of `dist/static/` and the catalogue `dist/charts.json`.
//!
//! Every chart is drawn natively by the page's own code: `frame::framed`
//! (the chart with its title, notes and source) and `draw::draw`, the same
//! function that draws on the canvas, here into plotters' SVG backend. The
//! PNG is the same scene drawn at twice the density (`Style::scale` 2.0) to
//! SVG and rasterised with resvg, using the system's fonts so that Chinese is
//! set in Noto Sans CJK. They serve as `<noscript>` images, `og:image` and
//! Twitter cards of the embed pages, and for RSS, AMP and print.

use std::fs;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use anyhow::{anyhow, Context, Result};
use danba_charts::data::{Chart, Dataset};
use danba_charts::draw::{draw, Style};
pub use danba_charts::embed_code::{stem, FILE_LANGUAGES as LANGUAGES};
use danba_charts::frame::framed;
use danba_charts::layout::Scene;
use danba_charts::locale::Locale;
use danba_charts::theme::Theme;
use plotters::prelude::SVGBackend;
use resvg::usvg::fontdb;
use resvg::{tiny_skia, usvg};
use serde_json::json;

use crate::html::escape;

/// The width of the static images in CSS px: a typical article column.
pub const WIDTH: f64 = 640.0;
/// Device pixels per CSS px of the PNGs, sharp on HiDPI screens.
pub const PNG_SCALE: f64 = 2.0;
/// Room added to a framed chart's height for an iframe's default height, so
/// that a parent page that runs no resizing script still shows it whole.
const IFRAME_ROOM: f64 = 40.0;

/// What the catalogue needs to know of a chart once its images are drawn.
pub struct Drawn<'a> {
    /// The chart.
    pub chart: &'a Chart,
    /// The framed chart's height at [`WIDTH`] in CSS px, in the order of
    /// [`LANGUAGES`] (the default language first).
    pub heights: Vec<f64>,
}

/// Draws `scene` to an SVG document at `scale` device px per CSS px, with the
/// chart's title as its `<title>` for screen readers and file browsers.
pub fn svg(scene: &Scene, locale: Locale, scale: f64, title: &str) -> Result<String> {
    let mut out = String::new();
    {
        let size = (
            (scene.width * scale).ceil() as u32,
            (scene.height * scale).ceil() as u32,
        );
        let style = Style {
            theme: Theme::LIGHT,
            scale,
            locale,
            highlight: None,
        };
        draw(SVGBackend::with_string(&mut out, size), scene, &style)
            .map_err(|e| anyhow!("drawing failed: {e:?}"))?;
    }
    let Some(end) = out
        .find("<svg")
        .and_then(|at| out[at..].find('>').map(|e| at + e + 1))
    else {
        return Err(anyhow!("plotters wrote no <svg> element"));
    };
    out.insert_str(end, &format!("\n<title>{}</title>", escape(title)));
    Ok(out)
}

/// The system's fonts, loaded once: resvg looks each SVG font family up here.
pub fn system_fonts() -> Arc<fontdb::Database> {
    let mut db = fontdb::Database::new();
    db.load_system_fonts();
    // A family that names no installed font falls back to one that has both
    // Chinese and Latin letters, rather than to a serif that lacks Chinese.
    // On Debian with fonts-noto-cjk, English is set in Noto Sans CJK SC as
    // well (its stack's Latin fonts are not installed; fontdb does not read
    // fontconfig's Arial alias): one font throughout, and a line that mixes
    // both scripts looks like the others.
    db.set_sans_serif_family(CJK_SANS);
    Arc::new(db)
}

/// The font for Chinese, and for letters the chosen font lacks.
const CJK_SANS: &str = "Noto Sans CJK SC";

/// Picks the font for a character the chosen font lacks (a 余 in an English
/// note): Noto Sans CJK SC of the same weight, so the text
/// stays sans-serif and Chinese keeps its Simplified forms, rather than
/// whichever installed font happens to come first (a serif, or the Japanese
/// variant).
fn cjk_sans_first() -> usvg::FallbackSelectionFn<'static> {
    let default = usvg::FontResolver::default_fallback_selector();
    Box::new(move |c, exclude, db| {
        let weight = exclude
            .first()
            .and_then(|id| db.face(*id))
            .map(|face| face.weight)
            .unwrap_or_default();
        let query = fontdb::Query {
            families: &[fontdb::Family::Name(CJK_SANS)],
            weight,
            ..fontdb::Query::default()
        };
        match db.query(&query) {
            // The face was not tried yet; were it to lack the letter too,
            // the shaper asks again with it excluded.
            Some(id) if !exclude.contains(&id) => Some(id),
            _ => default(c, exclude, db),
        }
    })
}

/// Rasterises an SVG document to PNG, one pixel per SVG user unit.
pub fn rasterise(svg: &str, fonts: &Arc<fontdb::Database>) -> Result<Vec<u8>> {
    let options = usvg::Options {
        fontdb: Arc::clone(fonts),
        font_family: CJK_SANS.to_owned(),
        font_resolver: usvg::FontResolver {
            select_font: usvg::FontResolver::default_font_selector(),
            select_fallback: cjk_sans_first(),
        },
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).context("resvg cannot read the SVG")?;
    let size = tree.size().to_int_size();
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height())
        .with_context(|| format!("no {}×{} image can be made", size.width(), size.height()))?;
    resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
    pixmap.encode_png().context("PNG encoding failed")
}

/// Writes `dist/static/STEM.svg` and `STEM.png` for every chart and language.
pub fn write_images<'a>(dist: &Path, data: &'a Dataset) -> Result<Vec<Drawn<'a>>> {
    let started = Instant::now();
    let dir = dist.join("static");
    fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let fonts = system_fonts();
    let mut drawn = Vec::new();
    for chart in data.charts.iter() {
        let mut heights = Vec::new();
        for locale in LANGUAGES {
            let scene = framed(data, chart, locale, WIDTH);
            heights.push(scene.height);
            let what = format!("chart {} ({})", chart.id, locale.url_tag());
            let title = locale.pick(&chart.title);
            let name = stem(&chart.id, locale);
            let plain = svg(&scene, locale, 1.0, title).with_context(|| what.clone())?;
            write(&dir.join(format!("{name}.svg")), plain.as_bytes())?;
            let dense = svg(&scene, locale, PNG_SCALE, title).with_context(|| what.clone())?;
            let png = rasterise(&dense, &fonts).with_context(|| what.clone())?;
            write(&dir.join(format!("{name}.png")), &png)?;
        }
        drawn.push(Drawn { chart, heights });
    }
    println!(
        "==> drew {} static images of {} charts in {:.1} s",
        drawn.len() * LANGUAGES.len() * 2,
        drawn.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(drawn)
}

/// The catalogue for newsroom tools: every chart with its titles, embed
/// addresses, static images, standalone files and a default iframe height
/// (the taller language's, so either fits). Paths are relative to `dist/`.
pub fn catalogue(drawn: &[Drawn]) -> serde_json::Value {
    let wide =
        danba_charts::layout::wide_charts(&drawn.iter().map(|d| d.chart).collect::<Vec<_>>());
    let charts: Vec<serde_json::Value> = drawn
        .iter()
        .zip(wide)
        .map(|(d, wide)| {
            let id = d.chart.id.as_ref();
            let zh = stem(id, Locale::ZhHans);
            let en = stem(id, Locale::En);
            json!({
                "id": id,
                "title": {
                    "zh": d.chart.title.zh.as_ref(),
                    "zh-Hant": d.chart.title.zh_hant.as_ref(),
                    "en": d.chart.title.en.as_ref(),
                },
                "kind": d.chart.kind.name(),
                "wide": wide,
                "embed": {
                    "zh": format!("embed/{zh}.html"),
                    "en": format!("embed/{en}.html"),
                    "query": format!("embed.html?chart={id}"),
                },
                "static": {
                    "svg": format!("static/{zh}.svg"),
                    "png": format!("static/{zh}.png"),
                    "svg_en": format!("static/{en}.svg"),
                    "png_en": format!("static/{en}.png"),
                },
                "standalone": {
                    "zh": format!("standalone/{zh}.html"),
                    "en": format!("standalone/{en}.html"),
                },
                "height": (d.heights.iter().copied().fold(0.0, f64::max) + IFRAME_ROOM).ceil() as u32,
            })
        })
        .collect();
    json!({ "width": WIDTH as u32, "charts": charts })
}

/// Writes `dist/charts.json`.
pub fn write_catalogue(dist: &Path, drawn: &[Drawn]) -> Result<()> {
    let text = serde_json::to_string_pretty(&catalogue(drawn))
        .context("cannot write the catalogue as JSON")?;
    write(&dist.join("charts.json"), text.as_bytes())
}

fn write(path: &Path, contents: &[u8]) -> Result<()> {
    fs::write(path, contents).with_context(|| format!("cannot write {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    use danba_charts::data::DATASET;

    #[test]
    fn the_svg_carries_its_escaped_title_and_size() -> Result<()> {
        let chart = &DATASET.charts[0];
        let scene = framed(&DATASET, chart, Locale::En, WIDTH);
        let out = svg(&scene, Locale::En, 2.0, "A <b>&</b> title")?;
        assert!(out.contains("<title>A &lt;b&gt;&amp;&lt;/b&gt; title</title>"));
        assert!(out.contains(&format!(r#"width="{}""#, WIDTH * 2.0)));
        Ok(())
    }

    #[test]
    fn the_png_is_as_large_as_the_svg_says() -> Result<()> {
        let chart = &DATASET.charts[0];
        let scene = framed(&DATASET, chart, Locale::ZhHans, 240.0);
        let out = svg(&scene, Locale::ZhHans, 2.0, "t")?;
        let png = rasterise(&out, &Arc::new(fontdb::Database::new()))?;
        // The IHDR chunk holds width and height, big-endian, at bytes 16..24.
        let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
        assert_eq!(&png[1..4], b"PNG");
        assert_eq!(be(&png[16..20]), (scene.width * 2.0) as u32);
        assert_eq!(be(&png[20..24]), (scene.height * 2.0) as u32);
        Ok(())
    }

    #[test]
    fn the_catalogue_names_every_file_of_a_chart() {
        let drawn: Vec<Drawn> = DATASET
            .charts
            .iter()
            .map(|chart| Drawn {
                chart,
                heights: vec![300.4, 320.2],
            })
            .collect();
        let all = catalogue(&drawn);
        assert_eq!(
            all["charts"].as_array().map(Vec::len),
            Some(DATASET.charts.len())
        );
        let first = &all["charts"][0];
        let id = drawn[0].chart.id.as_ref();
        assert_eq!(first["id"], json!(id));
        assert_eq!(
            first["static"]["png_en"],
            json!(format!("static/{id}.en.png"))
        );
        assert_eq!(first["embed"]["en"], json!(format!("embed/{id}.en.html")));
        assert_eq!(
            first["embed"]["query"],
            json!(format!("embed.html?chart={id}"))
        );
        assert_eq!(
            first["standalone"]["zh"],
            json!(format!("standalone/{id}.html"))
        );
        // The taller language, plus room, rounded up.
        assert_eq!(first["height"], json!(361));
    }
}
