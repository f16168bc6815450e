//! The static images of `dist/static/` and the catalogue `dist/charts.json`.
//!
//! Every chart is drawn natively by the page's own code: `frame::framed`
//! (the chart with its title, notes and source) and `draw::draw`, the same
//! function that draws on the canvas, here into plotters' SVG backend. resvg
//! then sets its text with the system's fonts (Noto Sans CJK for Chinese,
//! Liberation Sans for Latin letters) and writes it back out with every
//! letter as an outline, so the SVG looks the same in any browser whatever
//! fonts its reader has; the texts stay readable to screen readers and search
//! in its `<title>` and `<desc>`. The PNG is that SVG rasterised by resvg at
//! twice the density ([`PNG_SCALE`]), so both show the same image.
//!
//! Each chart has two sizes in every language: `ID.png` at [`WIDTH`] (the
//! publication image: the dashboard's PNG button downloads it; `og:image`,
//! `<noscript>`, print) and `ID.360.png` at [`PHONE_WIDTH`], magnified so that
//! no text is under [`PHONE_TEXT`] px, for phone columns (RSS, AMP, WeChat).

use std::fs;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use anyhow::{anyhow, Context, Result};
use article_charts::data::{Chart, Dataset};
use article_charts::draw::{draw, Style};
pub use article_charts::embed_code::{stem, FILE_LANGUAGES as LANGUAGES};
use article_charts::frame::{framed, framed_legible};
use article_charts::layout::Scene;
use article_charts::locale::Locale;
use article_charts::theme::Theme;
use plotters::prelude::SVGBackend;
use resvg::usvg::fontdb;
use resvg::{tiny_skia, usvg};
use serde_json::json;

use article_charts::markup::escape;

mod glyphs;

/// The two sizes of every static image: the file name's suffix after the
/// chart's stem, and how the chart is framed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Size {
    /// [`WIDTH`] px, the chart's usual type sizes: `ID.png`.
    Column,
    /// [`PHONE_WIDTH`] px, every text at least [`PHONE_TEXT`] px: `ID.360.png`.
    Phone,
}

impl Size {
    /// Both sizes, the publication image first.
    pub const ALL: [Size; 2] = [Size::Column, Size::Phone];

    /// What follows the stem in the file name, before `.svg` / `.png`.
    pub fn suffix(self) -> &'static str {
        match self {
            Size::Column => "",
            Size::Phone => ".360",
        }
    }

    /// The chart framed at this size.
    pub fn scene(self, data: &Dataset, chart: &Chart, locale: Locale) -> Scene {
        match self {
            Size::Column => framed(data, chart, locale, WIDTH),
            Size::Phone => framed_legible(data, chart, locale, PHONE_WIDTH, PHONE_TEXT),
        }
    }
}

/// The width of the static images in CSS px: a typical article column.
pub const WIDTH: f64 = 640.0;
/// The width of the images for phone columns in CSS px: the narrowest
/// common phone screen (RSS readers, AMP pages and WeChat articles show an
/// image at the column's width, whatever its own).
pub const PHONE_WIDTH: f64 = 360.0;
pub use article_charts::frame::PHONE_TEXT;
/// Device pixels per CSS px of the PNGs, sharp on HiDPI screens.
pub const PNG_SCALE: f64 = 2.0;
/// Room added to a framed chart's height for an iframe's default height, so
/// that a parent page that runs no resizing script still shows it whole.
const IFRAME_ROOM: f64 = 40.0;

/// What the catalogue needs to know of a chart once its images are drawn.
pub struct Drawn<'a> {
    /// The chart.
    pub chart: &'a Chart,
    /// The languages the chart is published in (`Locale::published`), the
    /// default first.
    pub locales: &'static [Locale],
    /// The framed chart's height at [`WIDTH`] in CSS px, in the order of
    /// `locales`.
    pub heights: Vec<f64>,
}

/// How much smaller plotters' SVG backend sets text than it is asked to: it
/// writes `font-size` as the size divided by 1.24 (it takes a size for a
/// line's height), where its canvas backend uses the size as the CSS font
/// size. Uncorrected, the images' 13 px labels came out 10.5 px.
const SVG_BACKEND_SHRINK: f64 = 1.24;

/// The scene with every text enlarged by [`SVG_BACKEND_SHRINK`], so that
/// plotters' SVG backend sets it at the size the scene says, as the canvas
/// does.
fn for_svg_backend(scene: &Scene) -> Scene {
    use article_charts::layout::Shape;
    let marks = scene
        .marks
        .iter()
        .map(|m| {
            let mut mark = m.clone();
            if let Shape::Text { size, .. } = &mut mark.shape {
                *size *= SVG_BACKEND_SHRINK;
            }
            mark
        })
        .collect();
    Scene {
        marks,
        ..scene.clone()
    }
}

/// Draws `scene` to an SVG document at `scale` device px per CSS px, with the
/// chart's title as its `<title>` for screen readers and file browsers.
pub fn svg(scene: &Scene, locale: Locale, scale: f64, title: &str) -> Result<String> {
    let scene = &for_svg_backend(scene);
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
    // English names Arial, which is found as Liberation Sans
    // ([`LATIN_ALIASES`]).
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
///
/// In a Latin-script image the Chinese characters are in `<tspan>`s of their
/// own font ([`chinese_in_its_font`]), and no fallback is sought for them:
/// resvg shapes a whole line with each span's font, and a fallback font that
/// has every letter of the line replaces the Latin font for all of it.
fn cjk_sans_first(latin: bool) -> usvg::FallbackSelectionFn<'static> {
    let default = usvg::FontResolver::default_fallback_selector();
    Box::new(move |c, exclude, db| {
        if latin && is_cjk(c) {
            return None;
        }
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

/// The names an English font stack gives its Latin fonts by (Arial,
/// Helvetica), and the free font of the same metrics that browsers on Linux
/// use for them (fontconfig's alias, which fontdb does not read). Without
/// it, English was set in Noto Sans CJK, whose quote marks and commas are
/// full-width: "“+”  means".
const LATIN_ALIASES: [(&str, &str); 3] = [
    ("Arial", LATIN_SANS),
    ("Helvetica", LATIN_SANS),
    ("Helvetica Neue", LATIN_SANS),
];

/// The font for Latin letters: Arial's metrics, SIL Open Font License.
const LATIN_SANS: &str = "Liberation Sans";

/// Picks the font for a text: the first family of its stack that is
/// installed, a proprietary Latin family by its free equivalent
/// ([`LATIN_ALIASES`]), as a browser would.
fn aliased_font_selector() -> usvg::FontSelectionFn<'static> {
    let default = usvg::FontResolver::default_font_selector();
    Box::new(move |font, db| {
        for family in font.families() {
            let usvg::FontFamily::Named(name) = family else {
                continue;
            };
            let name = LATIN_ALIASES
                .iter()
                .find(|(alias, _)| alias.eq_ignore_ascii_case(name))
                .map_or(name.as_str(), |(_, free)| free);
            let style = match font.style() {
                usvg::FontStyle::Normal => fontdb::Style::Normal,
                usvg::FontStyle::Italic => fontdb::Style::Italic,
                usvg::FontStyle::Oblique => fontdb::Style::Oblique,
            };
            let query = fontdb::Query {
                families: &[fontdb::Family::Name(name)],
                weight: fontdb::Weight(font.weight()),
                style,
                ..fontdb::Query::default()
            };
            if let Some(id) = db.query(&query) {
                return Some(id);
            }
        }
        default(font, db)
    })
}

/// How resvg reads our SVGs: with the system's fonts and the choices above;
/// `latin` for an image in a Latin-script language.
fn options(fonts: &Arc<fontdb::Database>, latin: bool) -> usvg::Options<'static> {
    usvg::Options {
        fontdb: Arc::clone(fonts),
        font_family: CJK_SANS.to_owned(),
        font_resolver: usvg::FontResolver {
            select_font: aliased_font_selector(),
            select_fallback: cjk_sans_first(latin),
        },
        ..usvg::Options::default()
    }
}

/// Rasterises an SVG document to PNG at `scale` pixels per SVG user unit.
pub fn rasterise(svg: &str, fonts: &Arc<fontdb::Database>, scale: f64) -> Result<Vec<u8>> {
    // Our outlined SVGs have no text left: no font is looked up.
    let tree =
        usvg::Tree::from_str(svg, &options(fonts, false)).context("resvg cannot read the SVG")?;
    let size = tree.size();
    let (width, height) = (
        (f64::from(size.width()) * scale).ceil() as u32,
        (f64::from(size.height()) * scale).ceil() as u32,
    );
    let mut pixmap = tiny_skia::Pixmap::new(width, height)
        .with_context(|| format!("no {width}×{height} image can be made"))?;
    let scale = scale as f32;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap.encode_png().context("PNG encoding failed")
}

/// The scene drawn to an SVG document whose texts are outlines, set by resvg
/// with the build machine's fonts ([`glyphs`]), so that it looks the same
/// whatever fonts a reader has. The title and every other text (one line
/// each, [`description`]) are its `<title>` and `<desc>`, read by screen
/// readers and found by search in place of the outlines.
pub fn outlined(
    scene: &Scene,
    locale: Locale,
    fonts: &Arc<fontdb::Database>,
    title: &str,
) -> Result<String> {
    use article_charts::layout::Shape;
    let (words, shapes): (Vec<_>, Vec<_>) = scene
        .marks
        .iter()
        .cloned()
        .partition(|m| matches!(m.shape, Shape::Text { .. }));
    // Shapes first, then the texts over them: no shape of a chart covers a
    // text (a card's text lies on its card).
    let shapes = svg(
        &Scene {
            marks: shapes,
            ..scene.clone()
        },
        locale,
        1.0,
        title,
    )?;
    let text = svg(
        &Scene {
            marks: words,
            ..scene.clone()
        },
        locale,
        1.0,
        title,
    )?;
    let text = if locale.is_chinese() {
        text
    } else {
        chinese_in_its_font(&text)
    };
    let tree = usvg::Tree::from_str(&text, &options(fonts, !locale.is_chinese()))
        .context("resvg cannot read the SVG")?;
    let glyphs = glyphs::Glyphs::of(&tree, &id_prefix(title, scene))?.into_svg();
    let body = shapes
        .find("<svg")
        .and_then(|at| shapes[at..].find('>').map(|e| at + e + 1))
        .and_then(|start| shapes.rfind("</svg>").map(|end| &shapes[start..end]))
        .ok_or_else(|| anyhow!("plotters wrote no <svg> element"))?;
    // Without the title plotters' drawing starts with, the shapes alone.
    let body = body
        .find("</title>")
        .map_or(body, |end| &body[end + "</title>".len()..]);
    let (w, h) = (scene.width.ceil(), scene.height.ceil());
    let desc = description(scene).join("\n");
    Ok(format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img"><title>{}</title><desc>{}</desc>{}{glyphs}</svg>
"#,
        escape(title),
        escape(&desc),
        body.trim()
    ))
}

/// A short prefix for the ids of an image's glyphs, different for every
/// image (its title and size): "g" and six hex digits of their SHA-256.
fn id_prefix(title: &str, scene: &Scene) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(format!("{title}\n{}×{}", scene.width, scene.height));
    let hex: String = digest.iter().take(3).map(|b| format!("{b:02x}")).collect();
    format!("g{hex}_")
}

/// Whether a character is Chinese (or other CJK): ideographs, kana,
/// CJK punctuation and full-width forms.
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{2e80}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{fe30}'..='\u{fe4f}' | '\u{ff00}'..='\u{ffef}' | '\u{20000}'..='\u{3ffff}')
}

/// Wraps every run of Chinese characters in a text of a Latin-script SVG in
/// a `<tspan>` set in [`CJK_SANS`]. resvg sets a whole line in the fallback
/// font when that font has all its letters: an English line with one 余 came
/// out entirely in Noto Sans CJK, full-width quote marks included, where a
/// browser sets only the 余 in it.
fn chinese_in_its_font(svg: &str) -> String {
    let mut out = String::with_capacity(svg.len() + 256);
    let mut in_cjk = false;
    let mut in_tag = false;
    for c in svg.chars() {
        if c == '<' {
            if in_cjk {
                out.push_str("</tspan>");
                in_cjk = false;
            }
            in_tag = true;
        }
        if !in_tag && is_cjk(c) != in_cjk {
            if in_cjk {
                out.push_str("</tspan>");
            } else {
                out.push_str(&format!(r#"<tspan font-family="{CJK_SANS}">"#));
            }
            in_cjk = !in_cjk;
        }
        out.push(c);
        if c == '>' {
            in_tag = false;
        }
    }
    out
}

/// Every text of a framed scene after its title, in drawing order: the
/// chart's labels and figures, the notes and the source. The title is the
/// run of bold lines the scene's marks start with ([`framed`]).
pub fn description(scene: &Scene) -> Vec<&str> {
    use article_charts::layout::Shape;
    let title_lines = scene
        .marks
        .iter()
        .take_while(|m| matches!(m.shape, Shape::Text { bold: true, .. }))
        .count();
    scene.marks[title_lines..]
        .iter()
        .filter_map(|m| match &m.shape {
            Shape::Text { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect()
}

/// Writes `dist/static/STEM.svg`, `STEM.png`, `STEM.360.svg` and
/// `STEM.360.png` for every chart and language.
pub fn write_images<'a>(dist: &Path, data: &'a Dataset) -> Result<Vec<Drawn<'a>>> {
    let started = Instant::now();
    let dir = dist.join("static");
    fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let fonts = system_fonts();
    for (family, package, why) in [
        (CJK_SANS, "fonts-noto-cjk", "Chinese would be missing"),
        (
            LATIN_SANS,
            "fonts-liberation",
            "English would be set in the Chinese font, with full-width quote marks",
        ),
    ] {
        let query = fontdb::Query {
            families: &[fontdb::Family::Name(family)],
            ..fontdb::Query::default()
        };
        if fonts.query(&query).is_none() {
            println!("==> warning: the font {family} is not installed ({why}); install Debian's {package}");
        }
    }
    let mut drawn = Vec::new();
    let mut files = 0;
    for chart in data.charts.iter() {
        let mut heights = Vec::new();
        let locales = Locale::published(data);
        for &locale in locales {
            let title = locale.pick(&chart.title);
            for size in Size::ALL {
                let scene = size.scene(data, chart, locale);
                if size == Size::Column {
                    heights.push(scene.height);
                }
                let name = format!("{}{}", stem(&chart.id, locale), size.suffix());
                let what = || format!("static/{name}.svg of chart {}", chart.id);
                let shapes = outlined(&scene, locale, &fonts, title).with_context(what)?;
                write(&dir.join(format!("{name}.svg")), shapes.as_bytes())?;
                // The PNG is the SVG file itself rasterised, so that the two
                // show the same image.
                let png = rasterise(&shapes, &fonts, PNG_SCALE).with_context(what)?;
                write(&dir.join(format!("{name}.png")), &png)?;
                files += 2;
            }
        }
        drawn.push(Drawn {
            chart,
            locales,
            heights,
        });
    }
    println!(
        "==> drew {} static images of {} charts in {:.1} s",
        files,
        drawn.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(drawn)
}

/// The catalogue for newsroom tools: every chart with its titles, embed
/// addresses, static images at both sizes (`static`, `static_360`),
/// standalone files and a default iframe height (the tallest language's, so
/// any fits). Paths are relative to `dist/`.
pub fn catalogue(drawn: &[Drawn]) -> serde_json::Value {
    let wide =
        article_charts::layout::wide_charts(&drawn.iter().map(|d| d.chart).collect::<Vec<_>>());
    let charts: Vec<serde_json::Value> = drawn
        .iter()
        .zip(wide)
        .map(|(d, wide)| {
            let id = d.chart.id.as_ref();
            let per_language = |path: &dyn Fn(&str) -> String| -> serde_json::Value {
                d.locales
                    .iter()
                    .map(|&l| (l.url_tag().to_owned(), json!(path(&stem(id, l)))))
                    .collect::<serde_json::Map<_, _>>()
                    .into()
            };
            // The images' keys: `svg`, `png` for the default language,
            // `svg_en`, `png_zh-Hant`… for the others.
            let images = |size: Size| -> serde_json::Value {
                let mut all = serde_json::Map::new();
                for &l in d.locales {
                    let name = format!("{}{}", stem(id, l), size.suffix());
                    let key = |ext: &str| {
                        if l == Locale::DEFAULT {
                            ext.to_owned()
                        } else {
                            format!("{ext}_{}", l.url_tag())
                        }
                    };
                    all.insert(key("svg"), json!(format!("static/{name}.svg")));
                    all.insert(key("png"), json!(format!("static/{name}.png")));
                }
                all.into()
            };
            let mut embed = per_language(&|s| format!("embed/{s}.html"));
            embed["query"] = json!(format!("embed.html?chart={id}"));
            json!({
                "id": id,
                "title": d
                    .locales
                    .iter()
                    .map(|&l| (l.url_tag().to_owned(), json!(l.pick(&d.chart.title))))
                    .collect::<serde_json::Map<_, _>>(),
                "kind": d.chart.kind.name(),
                "wide": wide,
                "embed": embed,
                "static": images(Size::Column),
                "static_360": images(Size::Phone),
                "standalone": per_language(&|s| format!("standalone/{s}.html")),
                "height": (d.heights.iter().copied().fold(0.0, f64::max) + IFRAME_ROOM).ceil() as u32,
            })
        })
        .collect();
    json!({
        "width": WIDTH as u32,
        "phone_width": PHONE_WIDTH as u32,
        "png_scale": PNG_SCALE,
        "charts": charts,
    })
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

    use article_charts::data::DATASET;

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
    fn the_outlined_svg_names_no_font_and_keeps_its_texts_readable() -> Result<()> {
        let chart = &DATASET.charts[0];
        let fonts = system_fonts();
        for locale in LANGUAGES {
            let scene = framed(&DATASET, chart, locale, WIDTH);
            let desc = description(&scene);
            let out = outlined(&scene, locale, &fonts, "A <title>")?;
            // Every letter is an outline: nothing depends on the reader's fonts.
            assert!(!out.contains("<text"), "{out}");
            assert!(!out.contains("font-family"), "{out}");
            assert!(out.contains("<path"), "{out}");
            assert!(out.contains("<title>A &lt;title&gt;</title>"));
            // The source line, the last text, is in the description.
            let source = desc.last().copied().unwrap_or_default();
            assert!(out.contains(&format!("{}</desc>", escape(source))), "{out}");
            assert!(out.contains(&format!(r#"width="{WIDTH}""#)));
            // Its glyph ids are its own: another image's differ.
            let phone = Size::Phone.scene(&DATASET, chart, locale);
            let other = outlined(&phone, locale, &fonts, "A <title>")?;
            let first_id = |svg: &str| {
                svg.split(r#"<path id=""#)
                    .nth(1)
                    .and_then(|rest| rest.split('"').next())
                    .map(str::to_owned)
            };
            assert!(first_id(&out).is_some());
            assert_ne!(first_id(&out), first_id(&other));
        }
        Ok(())
    }

    #[test]
    fn the_svg_sets_every_text_at_the_size_the_scene_says() -> Result<()> {
        let chart = &DATASET.charts[0];
        let scene = framed(&DATASET, chart, Locale::En, WIDTH);
        let out = svg(&scene, Locale::En, 2.0, "t")?;
        let mut wanted: Vec<f64> = scene
            .marks
            .iter()
            .filter_map(|m| match m.shape {
                article_charts::layout::Shape::Text { size, .. } => Some(size * 2.0),
                _ => None,
            })
            .collect();
        let mut written: Vec<f64> = out
            .split(r#"font-size=""#)
            .skip(1)
            .filter_map(|rest| rest.split('"').next()?.parse().ok())
            .collect();
        assert_eq!(written.len(), wanted.len());
        wanted.sort_by(f64::total_cmp);
        written.sort_by(f64::total_cmp);
        for (w, s) in wanted.iter().zip(&written) {
            assert!((w - s).abs() < 1e-6, "asked for {w} px, the SVG says {s}");
        }
        Ok(())
    }

    #[test]
    fn chinese_in_an_english_text_gets_its_own_font() {
        let svg = r#"<svg><text x="1">“+” means (余/多) ok</text><rect/></svg>"#;
        assert_eq!(
            chinese_in_its_font(svg),
            format!(
                r#"<svg><text x="1">“+” means (<tspan font-family="{CJK_SANS}">余</tspan>/<tspan font-family="{CJK_SANS}">多</tspan>) ok</text><rect/></svg>"#
            )
        );
    }

    /// Each character of the texts of `svg` as resvg sets it in an English
    /// image, with the family of the font it took.
    fn fonts_of(svg: &str) -> Result<Vec<(String, String)>> {
        let fonts = system_fonts();
        let tree = usvg::Tree::from_str(&chinese_in_its_font(svg), &options(&fonts, true))?;
        let mut out = Vec::new();
        for node in tree.root().children() {
            if let usvg::Node::Text(text) = node {
                for glyph in text.layouted().iter().flat_map(|s| &s.positioned_glyphs) {
                    let family = tree
                        .fontdb()
                        .face(glyph.font)
                        .and_then(|f| f.families.first())
                        .map(|f| f.0.clone())
                        .unwrap_or_default();
                    out.push((glyph.text.clone(), family));
                }
            }
        }
        Ok(out)
    }

    #[test]
    fn english_keeps_its_latin_font_beside_a_chinese_character() -> Result<()> {
        let family = Locale::En.font_family().replace('\'', "&apos;");
        let svg = format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="400" height="40"><text x="0" y="20" font-family="{family}" font-size="13">“+” means 余</text></svg>"#
        );
        let set = fonts_of(&svg)?;
        let family_of = |c: &str| set.iter().find(|(t, _)| t == c).map(|(_, f)| f.as_str());
        // Narrow Latin quote marks, not Noto Sans CJK's full-width ones.
        assert_eq!(family_of("“"), Some(LATIN_SANS), "{set:?}");
        assert_eq!(family_of("m"), Some(LATIN_SANS), "{set:?}");
        assert_eq!(family_of("余"), Some(CJK_SANS), "{set:?}");
        Ok(())
    }

    #[test]
    fn the_description_starts_after_the_title() {
        let chart = &DATASET.charts[0];
        let scene = framed(&DATASET, chart, Locale::En, WIDTH);
        let desc = description(&scene);
        let title = chart.title.en.as_ref();
        assert!(!desc.iter().any(|line| title.starts_with(line)), "{desc:?}");
        assert!(desc.len() > 2, "{desc:?}");
    }

    #[test]
    fn the_png_is_as_large_as_the_svg_says() -> Result<()> {
        let chart = &DATASET.charts[0];
        let scene = framed(&DATASET, chart, Locale::ZhHans, 240.0);
        let out = svg(&scene, Locale::ZhHans, 1.0, "t")?;
        let png = rasterise(&out, &Arc::new(fontdb::Database::new()), 2.0)?;
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
                locales: &Locale::ALL,
                heights: vec![300.4, 320.2, 310.0],
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
        // Each file's group and key in the catalogue, and its path, with
        // ID for the chart's id.
        for (group, key, path) in [
            ("static", "png_en", "static/ID.en.png"),
            ("static", "svg_zh-Hant", "static/ID.zh-Hant.svg"),
            ("static_360", "png", "static/ID.360.png"),
            ("static_360", "png_zh-Hant", "static/ID.zh-Hant.360.png"),
            ("embed", "en", "embed/ID.en.html"),
            ("embed", "zh-Hant", "embed/ID.zh-Hant.html"),
            ("embed", "query", "embed.html?chart=ID"),
            ("standalone", "zh", "standalone/ID.html"),
        ] {
            let path = path.replace("ID", id);
            assert_eq!(first[group][key], json!(path), "{group}.{key}");
        }
        // The taller language, plus room, rounded up.
        assert_eq!(first["height"], json!(361));
    }
}
