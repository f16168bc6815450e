//! The site's pages, prerendered at build time by `article_charts::markup`
//! (the same Rust code the module runs), for every chart and language:
//!
//! - `dist/index.html`, `index.zh-Hant.html`, `index.en.html`: the dashboard
//!   in each language, every text, table, download link and a build-time
//!   image of each chart in its place ([`write_dashboards`]), with
//!   `plot-heights.css`, which reserves each plot's height at every width,
//!   and `data/ID.csv`, each chart's figures; and `dist/figures.html`,
//!   `figures.zh-Hant.html`, `figures.en.html`, the table of every figure
//!   in each language, which the dashboard links to. Both kinds of page
//!   then have their style sheets put inline ([`inline_page_styles`]);
//!
//! - `dist/embed/STEM.html` (made from `embed.html`): the chart's figure
//!   prerendered, with the chart fixed (`data-chart` / `data-lang` on
//!   `#app`, which the module reads before the query), `<base href="../">`
//!   so it loads the site's files, its own `<title>` and description, and
//!   Open Graph and Twitter card tags pointing at the static PNG. Its style
//!   sheets are inline, so its first paint needs no other file, with the
//!   height rules of its own chart and language alone
//!   (`heights::page_css`): its plot's, and its text blocks', so the page
//!   is exactly as tall as `heights::embed_height` says.
//! - `dist/standalone/ID.html`, `ID.en.html`: one file with everything
//!   inlined — style sheets and height rules as in the embed page, the page
//!   script, the wasm-bindgen glue and the
//!   WebAssembly module as base64 — that works opened from disk or uploaded
//!   into a CMS. The glue, the modules the page script imports (`boot.js`)
//!   and the script become one inline module (each import replaced by
//!   bindings, `init` handed the inlined bytes), and the page's
//!   Content-Security-Policy allows exactly its inline module and styles by
//!   SHA-256 hash (see `csp.rs`).
//!
//! Every string inserted into markup goes through [`escape`].

use std::fs;
use std::path::Path;

use anyhow::{bail, Context, Result};
use article_charts::data::{Chart, Dataset};
use article_charts::draw::{draw, Style};
use article_charts::layout::{layout, Scene};
use article_charts::locale::Locale;
use article_charts::markup;
use article_charts::theme::{Theme, CSS_COLOURS};
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use plotters::prelude::SVGBackend;

use crate::html::{self, ContentType};
use crate::statics::{stem, Drawn, PNG_SCALE, WIDTH};
use crate::{csp, oembed};
use article_charts::markup::escape;

/// The site's one-chart page (from `www/`), which every page here is made from.
pub const TEMPLATE: &str = "embed.html";
/// The glue module the page script imports, relative to the page.
const GLUE: &str = "./pkg/article_charts.js";
/// The WebAssembly module next to the glue.
const WASM: &str = "pkg/article_charts_bg.wasm";
/// The id of the standalone page's data block holding the WebAssembly module.
const WASM_ELEMENT: &str = "article-charts-wasm";

/// What a page needs to know of its chart.
pub struct Target<'a> {
    /// The chart.
    pub chart: &'a Chart,
    /// The language.
    pub locale: Locale,
    /// The framed chart's height at [`WIDTH`], CSS px (sizes the fallback image).
    pub height: f64,
    /// The site's absolute address (`--base-url`), if the build knows it.
    pub base: Option<&'a str>,
}

impl Target<'_> {
    fn title(&self) -> &str {
        self.locale.pick(&self.chart.title)
    }

    fn stem(&self) -> String {
        stem(&self.chart.id, self.locale)
    }

    /// `data-chart` / `data-lang` for `#app`.
    fn app_attributes(&self) -> [(String, String); 2] {
        [
            ("data-chart".to_owned(), escape(&self.chart.id)),
            ("data-lang".to_owned(), escape(self.locale.url_tag())),
        ]
    }
}

/// The style sheet of every plot's height at every width (the dashboards).
pub const PLOT_HEIGHTS: &str = "plot-heights.css";
/// The width a dashboard chart's build-time image is drawn at: the column of
/// `style.css`'s grid at a 1280 px window (1056 px of content, two columns
/// 40 px apart), or the whole row for a wide chart. The image is scaled
/// into its box at other widths until the canvas replaces it.
const DASHBOARD_WIDTHS: (f64, f64) = (508.0, 1056.0);
/// The width of a dashboard chart's picture on a phone: a 375 px screen
/// less `style.css`'s side padding (4vw, 15 px).
const PHONE_WIDTH: f64 = 345.0;
/// The width an embed page's image is drawn at: an article column of
/// [`WIDTH`] less the embed page's padding (`embed.css`).
const EMBED_PLOT_WIDTH: f64 = WIDTH - 4.0;

/// The inline SVG of `chart`'s plot at `width` CSS px: drawn by `draw.rs`
/// as the canvas is, scaled to its box, hidden from assistive technology
/// (the figure's title, summary and table say what it shows), and with the
/// theme's colours as classes, so that a dark page shows a dark image.
/// `class` is the picture's class: `plot-img`, and the one that says which
/// width it is for where there are two.
pub fn plot_svg(
    data: &Dataset,
    chart: &Chart,
    locale: Locale,
    width: f64,
    class: &str,
) -> Result<String> {
    let scene = layout(data, chart, locale, width);
    let raw = scene_svg(&scene, locale)?;
    // plotters writes the element and nothing else of note before it.
    let Some(at) = raw.find("<svg") else {
        bail!("plotters wrote no <svg> element");
    };
    // The picture is scaled to its box: plotters' size goes, its viewBox
    // (the scene's size, rounded up) stays. lol_html writes the names it
    // adds in lower case, which the HTML parser corrects for SVG
    // (`preserveAspectRatio`), as it does for any page's inline SVG.
    let svg = html::edit(raw[at..].trim(), "svg", "<svg> element", |el| {
        el.remove_attribute("width");
        el.remove_attribute("height");
        let view = format!("0 0 {} {}", scene.width.ceil(), scene.height.ceil());
        for (name, value) in [
            ("viewBox", view.as_str()),
            ("class", class),
            ("preserveAspectRatio", "xMinYMin meet"),
            ("aria-hidden", "true"),
            ("focusable", "false"),
        ] {
            el.set_attribute(name, value)?;
        }
        Ok(())
    })?;
    with_colour_classes(&svg)
}

fn scene_svg(scene: &Scene, locale: Locale) -> Result<String> {
    let mut out = String::new();
    {
        let size = (scene.width.ceil() as u32, scene.height.ceil() as u32);
        let style = Style {
            theme: Theme::LIGHT,
            scale: 1.0,
            locale,
            highlight: None,
        };
        draw(SVGBackend::with_string(&mut out, size), scene, &style)
            .map_err(|e| anyhow::anyhow!("drawing failed: {e:?}"))?;
    }
    Ok(out)
}

/// Adds to every element filled or stroked in one of the light theme's
/// colours of the page (`CSS_COLOURS`) a class naming it (`f-ink`,
/// `s-grid`), which `chart.css` maps to the page's custom property: the
/// image then follows the colour scheme without a style attribute. Its text
/// is set at the canvas's size: plotters' SVG backend writes text at 1/1.24
/// of its size, its canvas backend at the size itself.
fn with_colour_classes(svg: &str) -> Result<String> {
    let named: Vec<(String, &str)> = CSS_COLOURS
        .iter()
        .map(|(name, paint)| {
            (
                Theme::LIGHT.rgb(*paint).hex().to_ascii_uppercase(),
                name.trim_start_matches("--"),
            )
        })
        .collect();
    let role = |value: Option<String>| {
        let value = value?.to_ascii_uppercase();
        named.iter().find(|(hex, _)| *hex == value).map(|(_, n)| *n)
    };
    html::edit(svg, "svg, svg *", "<svg> element", |el| {
        if el.tag_name() == "text" {
            if let Some(size) = el
                .get_attribute("font-size")
                .and_then(|v| v.parse::<f64>().ok())
            {
                let scaled = (size * 1.24 * 100.0).round() / 100.0;
                el.set_attribute("font-size", &scaled.to_string())?;
            }
        }
        let mut classes = Vec::new();
        if let Some(n) = role(el.get_attribute("fill")) {
            classes.push(format!("f-{n}"));
        }
        if let Some(n) = role(el.get_attribute("stroke")) {
            classes.push(format!("s-{n}"));
        }
        if !classes.is_empty() {
            let own = el.get_attribute("class").unwrap_or_default();
            let all = [own.as_str()]
                .into_iter()
                .chain(classes.iter().map(String::as_str))
                .filter(|c| !c.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            el.set_attribute("class", &all)?;
        }
        Ok(())
    })
}

/// Writes the dashboard in every language from `dist/index.html`, the
/// height style sheet of its plots and each chart's CSV. `base` is the
/// site's address for the embed codes, when the build is told it.
pub fn write_dashboards(dist: &Path, data: &Dataset, base: Option<&str>) -> Result<()> {
    let locales = Locale::published(data);
    let pages: Vec<String> = locales
        .iter()
        .map(|&l| markup::page::dashboard_file(l))
        .collect();
    println!(
        "==> prerendering {}, {PLOT_HEIGHTS} and data/ID.csv",
        pages.join(", ")
    );
    write(
        &dist.join(PLOT_HEIGHTS),
        &crate::heights::plot_css(data, locales)?,
    )?;
    let csv_dir = dist.join("data");
    fs::create_dir_all(&csv_dir).with_context(|| format!("cannot create {}", csv_dir.display()))?;
    for chart in data.charts.iter() {
        // A byte-order mark makes spreadsheet programs read the file as UTF-8.
        let csv = format!(
            "\u{feff}{}",
            article_charts::download::chart_csv(data, chart)
        );
        write(&csv_dir.join(format!("{}.csv", chart.id)), &csv)?;
    }
    let shell = read_text(&dist.join("index.html"))?;
    // Each language's dashboard on any core: a preview waits for them.
    crate::parallel::map(locales, |&locale| {
        let mut failed = None;
        let mut plot = |chart: &Chart, wide: bool| {
            let width = if wide {
                DASHBOARD_WIDTHS.1
            } else {
                DASHBOARD_WIDTHS.0
            };
            // A phone's picture and a desktop's; `chart.css` shows the one
            // for the figure's width.
            let both =
                plot_svg(data, chart, locale, PHONE_WIDTH, "plot-img narrow").and_then(|phone| {
                    Ok(phone + &plot_svg(data, chart, locale, width, "plot-img broad")?)
                });
            both.unwrap_or_else(|e| {
                failed = Some(format!("chart {}: {e:#}", chart.id));
                String::new()
            })
        };
        let inner = markup::page::dashboard(data, locale, base, &mut plot);
        if let Some(problem) = failed {
            bail!("{problem}");
        }
        let mut page = set_html_lang(&shell, locale.tag())?;
        page = set_title(&page, &escape(locale.pick(&data.meta.title)))?;
        page = set_description(&page, &markup::page::description(data, locale))?;
        page = append_to_head(
            &page,
            &page_links(data, locale, base, markup::page::dashboard_file),
        )?;
        page = replace_app(&page, &inner)?;
        let name = markup::page::dashboard_file(locale);
        csp::check_page(&page, csp::POLICY, &format!("dist/{name}"))?;
        write(&dist.join(&name), &page)?;
        write_figures_page(dist, &shell, data, locale, base)
    })?;
    Ok(())
}

/// Writes the page of the table of every figure in `locale` from the
/// dashboard's `shell`: the same script sorts the table, and the dashboard's
/// style sheets but the two only charts need (the embed panel's and the
/// plots' heights).
fn write_figures_page(
    dist: &Path,
    shell: &str,
    data: &Dataset,
    locale: Locale,
    base: Option<&str>,
) -> Result<()> {
    let mut page = set_html_lang(shell, locale.tag())?;
    for sheet in ["panel.css", PLOT_HEIGHTS] {
        page = html::remove(&page, &format!("link[rel=stylesheet][href=\"{sheet}\"]"))?;
    }
    page = set_title(&page, &markup::page::figures_title(data, locale))?;
    page = set_description(&page, &markup::page::figures_description(data, locale))?;
    page = append_to_head(
        &page,
        &page_links(data, locale, base, markup::page::figures_file),
    )?;
    page = replace_app(&page, &markup::page::figures_page(data, locale))?;
    let name = markup::page::figures_file(locale);
    csp::check_page(&page, csp::POLICY, &format!("dist/{name}"))?;
    write(&dist.join(&name), &page)
}

/// The files of the dashboards and of the tables of every figure, in every
/// language `data` publishes.
pub fn page_files(data: &Dataset) -> (Vec<String>, Vec<String>) {
    let locales = Locale::published(data);
    (
        locales
            .iter()
            .map(|&l| markup::page::dashboard_file(l))
            .collect(),
        locales
            .iter()
            .map(|&l| markup::page::figures_file(l))
            .collect(),
    )
}

/// A page's `<link>`s in `locale`, when the site's address is known:
/// `rel="alternate" hreflang` to the same page (`file` names it in a
/// language) in every language `data` publishes, and its canonical
/// address, both absolute. Without the address there are none:
/// search engines take only fully qualified alternates (Lighthouse's SEO
/// audit fails a page on a relative one), and readers switch languages by
/// the page's own links.
fn page_links(
    data: &Dataset,
    locale: Locale,
    base: Option<&str>,
    file: fn(Locale) -> String,
) -> String {
    let Some(base) = base else {
        return String::new();
    };
    let address = |l: Locale| {
        let file = file(l);
        // The default language's dashboard is the folder's index.
        if file == "index.html" {
            base.to_owned()
        } else {
            format!("{base}{file}")
        }
    };
    let mut out: String = Locale::published(data)
        .iter()
        .map(|&l| {
            format!(
                "<link rel=\"alternate\" hreflang=\"{}\" href=\"{}\">\n",
                l.tag(),
                escape(&address(l))
            )
        })
        .collect();
    out.push_str(&format!(
        "<link rel=\"canonical\" href=\"{}\">\n",
        escape(&address(locale))
    ));
    out
}

/// The inside of `#app` of a chart's own page: its figure, prerendered.
fn embed_inner(data: &Dataset, target: &Target) -> Result<String> {
    let plot = plot_svg(
        data,
        target.chart,
        target.locale,
        EMBED_PLOT_WIDTH,
        "plot-img",
    )?;
    Ok(markup::page::embed_page(
        data,
        target.chart,
        target.locale,
        &plot,
    ))
}

/// The per-chart embed page made from the template.
pub fn embed_page(template: &str, target: &Target, inner: &str) -> Result<String> {
    let png = format!("static/{}.png", target.stem());
    // Link previews need an absolute image address; the page itself keeps
    // the relative one, which works wherever the site is served.
    let preview = format!("{}{png}", target.base.unwrap_or(""));
    let title = escape(target.title());
    let (w, h) = (
        (WIDTH * PNG_SCALE).round() as u32,
        (target.height * PNG_SCALE).round() as u32,
    );
    let mut page = set_html_lang(template, target.locale.tag())?;
    // The base comes first in <head>, before anything that names a file.
    page = prepend_to_head(&page, "\n<base href=\"../\">")?;
    page = set_title(&page, &title)?;
    let meta = format!(
        concat!(
            "<meta property=\"og:type\" content=\"article\">\n",
            "<meta property=\"og:title\" content=\"{title}\">\n",
            "<meta property=\"og:image\" content=\"{png}\">\n",
            "<meta property=\"og:image:width\" content=\"{w}\">\n",
            "<meta property=\"og:image:height\" content=\"{h}\">\n",
            "<meta property=\"og:image:alt\" content=\"{title}\">\n",
            "<meta name=\"twitter:card\" content=\"summary_large_image\">\n",
            "<meta name=\"twitter:title\" content=\"{title}\">\n",
        ),
        title = title,
        png = escape(&preview),
        w = w,
        h = h,
    );
    page = append_to_head(&page, &meta)?;
    if let Some(base) = target.base {
        let links = format!(
            "<link rel=\"canonical\" href=\"{}\">\n{}",
            escape(&format!("{base}{}", oembed::page_path(&target.stem()))),
            oembed::discovery_link(base, &target.stem(), target.title())
        );
        page = append_to_head(&page, &links)?;
    }
    set_app(&page, &target.app_attributes(), inner)
}

/// The files of `dist/` a standalone page inlines.
pub struct Assets {
    /// `pkg/article_charts.js`.
    pub glue: String,
    /// `pkg/article_charts_bg.wasm`.
    pub wasm: Vec<u8>,
}

/// The self-contained page made from the template: `read` gives the text of
/// a file of `dist/` by the relative path the template names it with.
/// `heights` is the chart's own height rules (`heights::page_css`).
pub fn standalone_page(
    template: &str,
    target: &Target,
    assets: &Assets,
    read: &dyn Fn(&str) -> Result<String>,
    heights: &str,
    inner: &str,
) -> Result<String> {
    let mut page = set_html_lang(template, target.locale.tag())?;
    page = set_title(&page, &escape(target.title()))?;
    page = html::remove(&page, "link[rel=modulepreload]")?;
    page = inline_style_sheets(&page, read)?;
    page = with_heights(&page, heights)?;
    page = inline_module_scripts(&page, assets, read)?;
    // The template's policy allows files of the site and no inline code;
    // this page has no files and all its code inline, allowed by hash.
    page = csp::set_policy(&page, &csp::inline_of(&page)?.policy())?;
    set_app(&page, &target.app_attributes(), inner)
}

/// Puts the style sheets of each dashboard and each table of every figure
/// into its head as `<style>` elements, allowed by hash, and returns the
/// policies of the two kinds of page. Their first paint then needs the page
/// alone: four render-blocking requests were most of the time from the
/// page's arrival to its first paint on a slow phone network. The sheets
/// `embed.html` also loads stay; the others, which nothing loads any more,
/// are removed.
pub fn inline_page_styles(dist: &Path, data: &Dataset) -> Result<(String, String)> {
    let sheets = |page: &str| -> Result<Vec<String>> {
        Ok(html::elements(page, "link[rel=stylesheet][href]")?
            .iter()
            .filter_map(|tag| tag.attribute("href").map(str::to_owned))
            .collect())
    };
    let read = |href: &str| read_text(&dist.join(href));
    let mut inlined = std::collections::BTreeSet::new();
    // Each kind of page has a policy of its own, which allows exactly the
    // sheets its pages carry.
    let mut inline = |files: &[String]| -> Result<String> {
        let mut pages = Vec::new();
        let mut styles = csp::Inline::default();
        for name in files {
            let page = read_text(&dist.join(name))?;
            inlined.extend(sheets(&page)?);
            let page = inline_style_sheets(&page, &read)?;
            styles.extend(&csp::inline_of(&page)?);
            pages.push((name, page));
        }
        let policy = csp::with_inline_styles(&styles);
        for (name, page) in pages {
            let page = csp::set_policy(&page, &policy)?;
            csp::check_page(&page, &policy, &format!("dist/{name}"))?;
            write(&dist.join(name), &page)?;
        }
        Ok(policy)
    };
    let (dashboards, tables) = page_files(data);
    let policies = (inline(&dashboards)?, inline(&tables)?);
    let still_loaded = sheets(&read_text(&dist.join("embed.html"))?)?;
    for href in inlined.iter().filter(|href| !still_loaded.contains(href)) {
        let path = dist.join(href);
        fs::remove_file(&path).with_context(|| format!("cannot remove {}", path.display()))?;
    }
    Ok(policies)
}

/// Writes the article's headline and description into the site's pages
/// (`index.html`, `embed.html`), whose shells in `www/` name no article.
pub fn fill_shells(dist: &Path, data: &Dataset) -> Result<()> {
    let locale = Locale::ALL[0];
    let title = escape(locale.pick(&data.meta.title));
    let description = escape(
        locale
            .pick_opt(data.meta.dek.as_ref())
            .unwrap_or(locale.pick(&data.meta.title)),
    );
    for name in ["index.html", TEMPLATE] {
        let path = dist.join(name);
        let mut page = read_text(&path)?;
        page = set_title(&page, &title)?;
        page = set_description(&page, &description)?;
        write(&path, &page)?;
    }
    Ok(())
}

/// Writes the palette of `src/theme.rs` into every style sheet of the site
/// where a `/* palette: light */` or `/* palette: dark */` comment stands, so
/// the first paint has the chart's colours and no style sheet keeps a copy
/// of them that could drift.
pub fn fill_palette(dist: &Path) -> Result<()> {
    for path in crate::files::files_in(dist, "css")? {
        let text = read_text(&path)?;
        write(&path, &with_palette(&text))?;
    }
    Ok(())
}

/// A style sheet with its palette comments replaced by the theme's colours.
pub fn with_palette(css: &str) -> String {
    css.replace("/* palette: light */", &Theme::LIGHT.css_declarations())
        .replace("/* palette: dark */", &Theme::DARK.css_declarations())
}

/// What [`write_pages`] gives `_headers`.
pub struct Written {
    /// The header policy of every chart page: [`csp::POLICY`] with the
    /// inline style sheets of all of them allowed by hash (each page's meta
    /// tag allows its own only).
    pub chart_pages: String,
    /// The inline code of all standalone pages, whose hashes the policy
    /// of every standalone page allows.
    pub standalone: csp::Inline,
}

/// Writes the embed and standalone pages of every chart from `dist/`'s
/// copy of the template.
///
/// Every page carries the policy of its kind and is checked against it
/// ([`csp::check_page`]); the chart pages' policy and the inline code of
/// all standalone pages are returned, for `_headers`.
pub fn write_pages(
    dist: &Path,
    data: &Dataset,
    drawn: &[Drawn],
    base: Option<&str>,
) -> Result<Written> {
    let template_path = dist.join(TEMPLATE);
    println!(
        "==> writing embed/STEM.html and standalone/STEM.html for every chart and language from {TEMPLATE}"
    );
    let template = read_text(&template_path)?;
    let read = |relative: &str| read_text(&dist.join(relative));
    let assets = Assets {
        glue: read(GLUE)?,
        wasm: fs::read(dist.join(WASM))
            .with_context(|| format!("cannot read {}", dist.join(WASM).display()))?,
    };
    let (embed_dir, standalone_dir) = (dist.join("embed"), dist.join("standalone"));
    for dir in [&embed_dir, &standalone_dir] {
        fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let targets: Vec<Target> = drawn
        .iter()
        .flat_map(|d| {
            Locale::published(data)
                .iter()
                .zip(&d.heights)
                .map(|(&locale, &height)| Target {
                    chart: d.chart,
                    locale,
                    height,
                    base,
                })
        })
        .collect();
    let pairs: Vec<(&Chart, Locale)> = targets.iter().map(|t| (t.chart, t.locale)).collect();
    let heights = crate::heights::page_css(data, &pairs)?;
    let jobs: Vec<(&Target, &String)> = targets.iter().zip(&heights).collect();
    // Each chart's pages in each language on any core: they are made from
    // the same template, and each only reads it. They are written once all
    // are made: one `_headers` rule gives every chart page its policy, and
    // another every standalone page, so each policy must allow the inline
    // code of every page it is given to, and each page carries it.
    let made = crate::parallel::map(&jobs, |&(target, heights)| {
        let what = || {
            format!(
                "the pages of chart {} ({})",
                target.chart.id,
                target.locale.url_tag()
            )
        };
        let name = format!("{}.html", target.stem());
        let description = markup::page::chart_description(data, target.chart, target.locale);
        let inner = embed_inner(data, target).with_context(what)?;
        let embed = embed_page(&template, target, &inner).with_context(what)?;
        let embed = set_description(&embed, &description)?;
        let embed = with_heights(&inline_style_sheets(&embed, &read)?, heights)?;
        let standalone = standalone_page(&template, target, &assets, &read, heights, &inner)
            .with_context(what)?;
        let standalone = set_description(&standalone, &description)?;
        Ok((name, embed, standalone))
    })?;
    let mut styles = csp::Inline::default();
    let mut standalone = csp::Inline::default();
    for (_, embed, alone) in &made {
        styles.extend(&csp::inline_of(embed)?);
        standalone.extend(&csp::inline_of(alone)?);
    }
    let chart_pages = csp::with_inline_styles(&styles);
    let standalone_policy = standalone.policy();
    crate::parallel::map(&made, |(name, embed, alone)| {
        // A chart page's meta tag allows its own style sheets only. Its
        // header, from the one `_headers` rule of all chart pages, allows
        // every chart page's, and a browser enforces both: the page runs
        // under exactly its own, and its meta tag carries no other page's
        // hashes (about 0.7 KiB gzip a page).
        let own = csp::with_inline_styles(&csp::inline_of(embed)?);
        for (page, policy, dir, folder) in [
            (embed, &own, &embed_dir, "embed"),
            (alone, &standalone_policy, &standalone_dir, "standalone"),
        ] {
            let page = csp::set_policy(page, policy)?;
            csp::check_page(&page, policy, &format!("dist/{folder}/{name}"))?;
            write(&dir.join(name), &page)?;
        }
        Ok(())
    })?;
    Ok(Written {
        chart_pages,
        standalone,
    })
}

/// `doc` with `heights`, the height rules of its own chart
/// (`heights::page_css`), in a `<style>` at the end of its head (none
/// when there are no rules).
fn with_heights(doc: &str, heights: &str) -> Result<String> {
    if heights.is_empty() {
        return Ok(doc.to_owned());
    }
    let css = raw_text(heights, "style", "the height rules")?;
    append_to_head(doc, &format!("<style>\n{css}</style>\n"))
}

fn read_text(path: &Path) -> Result<String> {
    fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))
}

fn write(path: &Path, text: &str) -> Result<()> {
    fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))
}

/// `doc` with `html` put first inside its `<head>`.
fn prepend_to_head(doc: &str, html: &str) -> Result<String> {
    html::edit(doc, "head", "<head>", |el| {
        el.prepend(html, ContentType::Html);
        Ok(())
    })
}

/// `doc` with `html` put last inside its `<head>`.
fn append_to_head(doc: &str, html: &str) -> Result<String> {
    html::edit(doc, "head", "<head>", |el| {
        el.append(html, ContentType::Html);
        Ok(())
    })
}

/// Sets `lang` on `<html>`, replacing the template's.
fn set_html_lang(doc: &str, lang: &str) -> Result<String> {
    html::edit(doc, "html", "<html> tag", |el| {
        el.set_attribute("lang", &escape(lang))?;
        Ok(())
    })
}

/// Sets the content of `<meta name="description">`, which the page must
/// have; `description` is already escaped.
fn set_description(doc: &str, description: &str) -> Result<String> {
    html::edit(
        doc,
        "meta[name=description]",
        "<meta name=\"description\">",
        |el| {
            el.set_attribute("content", description)?;
            Ok(())
        },
    )
}

/// Replaces the text of `<title>` (or adds one), `title` already escaped.
fn set_title(doc: &str, title: &str) -> Result<String> {
    if html::first(doc, "title")?.is_none() {
        return append_to_head(doc, &format!("<title>{title}</title>\n"));
    }
    html::edit(doc, "title", "<title>", |el| {
        el.set_inner_content(title, ContentType::Html);
        Ok(())
    })
}

/// Adds `attributes` (name and escaped value) to the `<div id="app">`
/// start tag and puts `inner` first inside it.
fn set_app(doc: &str, attributes: &[(String, String)], inner: &str) -> Result<String> {
    html::edit(doc, "div#app", "<div id=\"app\">", |el| {
        for (name, value) in attributes {
            el.set_attribute(name, value)?;
        }
        el.prepend(inner, ContentType::Html);
        Ok(())
    })
}

/// Replaces the content of `<div id="app">…</div>` (the template's
/// loading message) by `inner`.
fn replace_app(doc: &str, inner: &str) -> Result<String> {
    html::edit(doc, "div#app", "<div id=\"app\">", |el| {
        el.set_inner_content(inner, ContentType::Html);
        Ok(())
    })
}

/// Text that is to go inside `<style>` or `<script>`, refused if it would
/// end the element early.
fn raw_text<'t>(text: &'t str, element: &str, what: &str) -> Result<&'t str> {
    if text.to_ascii_lowercase().contains(&format!("</{element}")) {
        bail!("{what} contains `</{element}`, which cannot be inlined");
    }
    Ok(text)
}

/// Replaces every `<link rel="stylesheet" href="…">` by a `<style>` with the
/// file's text.
fn inline_style_sheets(doc: &str, read: &dyn Fn(&str) -> Result<String>) -> Result<String> {
    html::replace(doc, "link[rel=stylesheet][href]", |tag| {
        let href = tag.attribute("href").unwrap_or_default();
        let css = read(href)?;
        if css.contains("url(") {
            bail!("{href} refers to other files (url(…)), which are not inlined");
        }
        Ok(format!(
            "<style>\n{}\n</style>",
            raw_text(&css, "style", href)?
        ))
    })
}

/// The relative module specifiers a script imports statically
/// (`from './x.js'`, `import './x.js'`).
fn relative_imports(script: &str) -> Vec<String> {
    let mut found = Vec::new();
    for keyword in ["from", "import"] {
        let mut at = 0;
        while let Some(k) = script[at..].find(keyword) {
            let rest = script[at + k + keyword.len()..].trim_start();
            if let Some(quote) = rest.chars().next().filter(|q| *q == '\'' || *q == '"') {
                if let Some(end) = rest[1..].find(quote) {
                    let spec = &rest[1..1 + end];
                    if spec.starts_with("./") || spec.starts_with("../") {
                        found.push(spec.to_owned());
                    }
                }
            }
            at += k + keyword.len();
        }
    }
    found.sort();
    found.dedup();
    found
}

/// Replaces every `<script type="module" src="…"></script>` by one inline
/// module holding the wasm-bindgen glue, the modules the script imports and
/// then the script ([`with_glue`]), preceded (once) by the WebAssembly
/// module as base64 in a data block.
///
/// One inline module, rather than an import map sending the script's import
/// to `data:` modules, because the page's Content-Security-Policy allows its
/// inline code by hash and nothing else: a `data:` module is a file fetched
/// from an address, which the policy refuses.
fn inline_module_scripts(
    doc: &str,
    assets: &Assets,
    read: &dyn Fn(&str) -> Result<String>,
) -> Result<String> {
    let mut inlined = 0;
    let out = html::replace(doc, "script[type=module][src]", |tag| {
        let src = tag.attribute("src").unwrap_or_default();
        let script = read(src)?;
        let mut out = String::new();
        if inlined == 0 {
            out.push_str(&format!(
                "<script type=\"application/octet-stream\" id=\"{WASM_ELEMENT}\">{}</script>\n",
                BASE64.encode(&assets.wasm)
            ));
        }
        inlined += 1;
        let module = with_glue(&script, src, &assets.glue, read)?;
        out.push_str(&format!(
            "<script type=\"module\">\n{}\n</script>",
            raw_text(&module, "script", src)?
        ));
        Ok(out)
    })?;
    if inlined == 0 {
        bail!("the template loads no module script");
    }
    Ok(out)
}

/// One module: the glue as built, then every module the page script `src`
/// imports (but the glue), each once, in the order a browser evaluates
/// them, then the script itself in a block of its own. Each import is
/// replaced by bindings: to the glue's names, which stand at the top level
/// of the module, or to the exports of an inlined module, which runs inside
/// a function of its own and returns them (see [`ModuleGraph`]). `init` is
/// given the inlined bytes.
fn with_glue(
    script: &str,
    src: &str,
    glue: &str,
    read: &dyn Fn(&str) -> Result<String>,
) -> Result<String> {
    if let Some(spec) = relative_imports(glue).first() {
        bail!("the glue imports {spec}, which is not inlined");
    }
    let init = glue
        .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ' '))
        .filter_map(|part| part.trim().strip_suffix(" as default").map(str::trim))
        .find(|name| !name.is_empty() && !name.contains(' '))
        .context("the glue has no `export { … as default }` (its init function)")?;
    let init = format!(
        "() => {init}({{ module_or_path: Uint8Array.from(\
         atob(document.getElementById('{WASM_ELEMENT}').textContent.trim()), (c) => c.charCodeAt(0)) }})"
    );
    let path = module_path("", src).with_context(|| format!("cannot read the address {src}"))?;
    let mut graph = ModuleGraph {
        glue,
        init,
        read,
        inlined: Vec::new(),
        importing: Vec::new(),
        modules: String::new(),
        glue_imported: false,
    };
    let body = graph.body(script, &path)?;
    if !graph.glue_imported {
        bail!("{src} does not import {GLUE}, itself or through the modules it imports");
    }
    Ok(format!(
        "{glue}\n{}// {path}, with its imports replaced by bindings to the code above.\n{{\n{body}\n}}",
        graph.modules
    ))
}

/// The modules a page script imports, as they are inlined after the glue.
///
/// Each module but the page script becomes
/// `const __inlined_N = await (async () => { …; return { exports }; })();`:
/// its code runs once, where a browser would run it (before the first
/// module that imports it), in a scope of its own, so that its names meet
/// neither the glue's nor another module's; its `export` keywords are taken
/// off its declarations, and the object it returns holds what it exported.
/// An importer's `import { a, b as c } from './m.js'` becomes
/// `const { a, b: c } = __inlined_N;`. The exports are copies, not live
/// bindings: a module whose exported variables change after it has run is
/// not inlined correctly, and none of ours does that.
struct ModuleGraph<'a> {
    glue: &'a str,
    /// The expression that replaces the glue's init function.
    init: String,
    read: &'a dyn Fn(&str) -> Result<String>,
    /// Each module inlined so far (its path relative to `dist/`), with its
    /// exports; the N of its `__inlined_N` is its place here.
    inlined: Vec<(String, Vec<String>)>,
    /// The modules being inlined, importer before imported, to refuse a
    /// cycle (a module that imports itself through others).
    importing: Vec<String>,
    /// The inlined modules' code, in the order they run.
    modules: String,
    /// Whether any module imports the glue: a page script that never does
    /// would never start the inlined module.
    glue_imported: bool,
}

impl ModuleGraph<'_> {
    /// The code of the module `path` (text `script`) with its imports
    /// replaced by bindings; every module it imports is inlined first.
    fn body(&mut self, script: &str, path: &str) -> Result<String> {
        let script = match with_dynamic_glue(script, path, self.glue, &self.init)? {
            Some(replaced) => {
                self.glue_imported = true;
                replaced
            }
            None => script.to_owned(),
        };
        if script.contains("import(") {
            bail!("{path} imports a module other than {GLUE} dynamically, which is not inlined");
        }
        let mut bindings = String::new();
        let mut rest = String::new();
        let mut copied = 0;
        for import in static_imports(&script, path)? {
            rest.push_str(&script[copied..import.start]);
            copied = import.end;
            let target = module_path(path, &import.spec)
                .filter(|_| import.spec.starts_with("./") || import.spec.starts_with("../"))
                .with_context(|| format!("{path} imports {}, which is not inlined", import.spec))?;
            if Some(target.as_str()) == GLUE.strip_prefix("./") {
                self.glue_imported = true;
                bindings.push_str(&glue_bindings(&import.clause, &self.init));
            } else {
                let at = self.module(&target)?;
                bindings.push_str(&self.module_bindings(at, &import.clause, path, &import.spec)?);
            }
        }
        rest.push_str(&script[copied..]);
        Ok(format!("{bindings}{rest}"))
    }

    /// Inlines the module `path` (once) and returns its place in `inlined`.
    fn module(&mut self, path: &str) -> Result<usize> {
        if let Some(at) = self.inlined.iter().position(|(p, _)| p == path) {
            return Ok(at);
        }
        if self.importing.iter().any(|p| p == path) {
            bail!(
                "{path} imports itself through {}, which is not inlined",
                self.importing.join(", ")
            );
        }
        self.importing.push(path.to_owned());
        let script = (self.read)(path)?;
        let body = self.body(&script, path)?;
        let (body, exports) = without_exports(&body, path)?;
        self.importing.pop();
        let at = self.inlined.len();
        let name = format!("__inlined_{at}");
        if self.glue.contains(&name) {
            bail!("the glue uses the name {name}, which the inlined modules need");
        }
        self.modules.push_str(&format!(
            "// {path}, with its imports replaced by bindings and its exports returned.\n\
             const {name} = await (async () => {{\n{body}\nreturn {{ {} }};\n}})();\n",
            exports.join(", ")
        ));
        self.inlined.push((path.to_owned(), exports));
        Ok(at)
    }

    /// The bindings that replace `import CLAUSE from SPEC` of the module
    /// inlined at `at`, in `importer`.
    fn module_bindings(
        &self,
        at: usize,
        clause: &str,
        importer: &str,
        spec: &str,
    ) -> Result<String> {
        let (_, exports) = &self.inlined[at];
        let object = format!("__inlined_{at}");
        let clause = clause.trim();
        if clause.is_empty() {
            return Ok(String::new());
        }
        if let Some(namespace) = clause.strip_prefix('*').map(str::trim_start) {
            let local = namespace
                .strip_prefix("as ")
                .map(str::trim)
                .context("cannot read the import statement")?;
            return Ok(format!("const {local} = {object};\n"));
        }
        let Some(named) = clause.strip_prefix('{').and_then(|c| c.strip_suffix('}')) else {
            bail!("{importer} imports the default export of {spec}, which is not inlined");
        };
        let mut pairs = Vec::new();
        for name in named.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            let (exported, local) = match name.split_once(" as ") {
                Some((exported, local)) => (exported.trim(), Some(local.trim())),
                None => (name, None),
            };
            if !exports.iter().any(|e| e == exported) {
                bail!("{importer} imports {exported} from {spec}, which does not export it");
            }
            pairs.push(local.map_or(exported.to_owned(), |local| format!("{exported}: {local}")));
        }
        Ok(format!("const {{ {} }} = {object};\n", pairs.join(", ")))
    }
}

/// The bindings that replace `import CLAUSE from './pkg/article_charts.js'`:
/// the default import is the init function handed the inlined bytes; a
/// name imported without `as` is the glue's own top-level name, already in
/// scope.
fn glue_bindings(clause: &str, init: &str) -> String {
    let mut bindings = String::new();
    let (default, named) = match clause.split_once('{') {
        Some((default, named)) => (default, named.trim_end().trim_end_matches('}')),
        None => (clause, ""),
    };
    let default = default.trim().trim_end_matches(',').trim();
    if !default.is_empty() {
        bindings.push_str(&format!("const {default} = {init};\n"));
    }
    for name in named.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        if let Some((exported, local)) = name.split_once(" as ") {
            bindings.push_str(&format!("const {} = {};\n", local.trim(), exported.trim()));
        }
    }
    bindings
}

/// The path relative to `dist/` of the module `spec` imported by the
/// module `from` (itself relative to `dist/`); `None` if it leaves the site.
fn module_path(from: &str, spec: &str) -> Option<String> {
    let folder = from.rsplit_once('/').map_or("", |(folder, _)| folder);
    crate::assets::normalise(&format!("{folder}/{spec}"))
}

/// One static import statement of a script.
struct Import {
    /// Byte range of the whole statement, its `;` and line break included.
    start: usize,
    end: usize,
    /// What stands between `import` and `from` (empty for `import './x.js'`).
    clause: String,
    /// The module specifier, as written.
    spec: String,
}

/// The static import statements of `script` (the module `path`): those
/// that begin a line, as ours do, where `import` is the first word.
fn static_imports(script: &str, path: &str) -> Result<Vec<Import>> {
    let mut found = Vec::new();
    let mut line_start = 0;
    for line in script.split_inclusive('\n') {
        let start = line_start;
        line_start += line.len();
        let Some(after) = line.strip_prefix("import") else {
            continue;
        };
        if !after.starts_with([' ', '{', '*', '\'', '"']) {
            continue;
        }
        let head = start + "import".len();
        let rest = &script[head..];
        let quote_at = rest
            .find(['\'', '"'])
            .with_context(|| format!("{path}: cannot read the import statement at byte {start}"))?;
        let quote = &rest[quote_at..=quote_at];
        let clause = rest[..quote_at].trim();
        let clause = if clause.is_empty() {
            ""
        } else {
            clause.strip_suffix("from").with_context(|| {
                format!("{path}: cannot read the import statement at byte {start}")
            })?
        };
        let spec_end = rest[quote_at + 1..]
            .find(quote)
            .with_context(|| format!("{path}: cannot read the import statement at byte {start}"))?;
        let spec = &rest[quote_at + 1..quote_at + 1 + spec_end];
        let mut end = head + quote_at + 1 + spec_end + 1;
        if script[end..].starts_with(';') {
            end += 1;
        }
        // The statement's line goes with it.
        if script[end..].starts_with('\n') {
            end += 1;
        }
        found.push(Import {
            start,
            end,
            clause: clause.trim().to_owned(),
            spec: spec.to_owned(),
        });
    }
    Ok(found)
}

/// `body` (the module `path`) with `export` taken off each exported
/// declaration, and the names it declares. Only declarations one by one
/// (`export function f`, `export async function f`, `export class C`,
/// `export const X = …` and `let`) are read; any other export is refused.
fn without_exports(body: &str, path: &str) -> Result<(String, Vec<String>)> {
    let mut out = String::with_capacity(body.len());
    let mut names = Vec::new();
    for line in body.split_inclusive('\n') {
        let Some(declaration) = line.strip_prefix("export ") else {
            out.push_str(line);
            continue;
        };
        let name = ["function ", "async function ", "class ", "const ", "let "]
            .iter()
            .find_map(|keyword| declaration.strip_prefix(keyword))
            .and_then(|rest| {
                rest.trim_start_matches('*')
                    .trim_start()
                    .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
                    .next()
                    .filter(|n| !n.is_empty())
            })
            .with_context(|| {
                format!(
                    "{path}: `{}` is not inlined; export each declaration (`export function`, `export const`)",
                    line.trim_end()
                )
            })?;
        names.push(name.to_owned());
        out.push_str(declaration);
    }
    Ok((out, names))
}

/// `script` with its dynamic import of the glue (`import('./pkg/article_charts.js')`,
/// which the page scripts use so that a glue that fails to load ends in a
/// message) replaced by a promise of the inlined glue's exports, its
/// `default` giving the init function the inlined module; `None` when the
/// script imports the glue statically.
fn with_dynamic_glue(script: &str, src: &str, glue: &str, init: &str) -> Result<Option<String>> {
    let Some(call) = [format!("import('{GLUE}')"), format!("import(\"{GLUE}\")")]
        .into_iter()
        .find(|call| script.contains(call.as_str()))
    else {
        return Ok(None);
    };
    if script.matches("import(").count() != 1 {
        bail!("{src} has more than one import, which is not inlined");
    }
    let mut names = vec![format!("default: {init}")];
    for line in glue.lines() {
        for prefix in [
            "export function ",
            "export class ",
            "export async function ",
        ] {
            if let Some(name) = line.strip_prefix(prefix).and_then(|rest| {
                rest.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
                    .next()
                    .filter(|n| !n.is_empty())
            }) {
                names.push(name.to_owned());
            }
        }
    }
    Ok(Some(script.replacen(
        &call,
        &format!("Promise.resolve({{ {} }})", names.join(", ")),
        1,
    )))
}

#[cfg(test)]
mod tests {
    use super::*;
    use article_charts::data::DATASET;

    /// A page shaped like `www/embed.html`.
    const TEMPLATE_TEXT: &str = r#"<!doctype html>
<html lang="zh-Hans">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'">
<title>嵌入</title>
<link rel="stylesheet" href="style.css">
<link rel="modulepreload" href="pkg/article_charts.js">
<script type="module" src="embed.js"></script>
</head>
<body>
<header></header>
<div id="app" class="embed"></div>
</body>
</html>
"#;

    fn target(locale: Locale) -> Target<'static> {
        Target {
            chart: &DATASET.charts[0],
            locale,
            height: 300.0,
            base: None,
        }
    }

    #[test]
    fn the_embed_page_fixes_its_chart_and_points_previews_at_the_png() -> Result<()> {
        let t = target(Locale::En);
        let id = t.chart.id.as_ref();
        let page = embed_page(TEMPLATE_TEXT, &t, "<figure></figure>")?;
        assert!(page.contains(r#"<html lang="en">"#), "{page}");
        assert!(
            page.contains("<head>\n<base href=\"../\">\n<meta charset"),
            "{page}"
        );
        let title = escape(&t.chart.title.en);
        assert!(page.contains(&format!("<title>{title}</title>")), "{page}");
        assert!(page.contains(&format!(
            r#"<meta property="og:image" content="static/{id}.en.png">"#
        )));
        assert!(page.contains(r#"<meta property="og:image:height" content="600">"#));
        assert!(page.contains(r#"<meta name="twitter:card" content="summary_large_image">"#));
        assert!(page.contains(&format!(
            r#"<div id="app" class="embed" data-chart="{id}" data-lang="en"><figure></figure>"#
        )));
        // `<header>` is not `<head>`.
        assert_eq!(page.matches("<base").count(), 1);
        Ok(())
    }

    #[test]
    fn with_the_site_address_previews_canonical_and_oembed_are_absolute() -> Result<()> {
        let base = "https://charts.example.org/story/";
        let t = Target {
            base: Some(base),
            ..target(Locale::En)
        };
        let id = t.chart.id.as_ref();
        let page = embed_page(TEMPLATE_TEXT, &t, "")?;
        assert!(page.contains(&format!(
            r#"<meta property="og:image" content="{base}static/{id}.en.png">"#
        )));
        assert!(page.contains(&format!(
            r#"<link rel="canonical" href="{base}embed/{id}.en.html">"#
        )));
        assert!(page.contains(&format!(
            r#"<link rel="alternate" type="application/json+oembed" href="{base}oembed/{id}.en.json" title=""#
        )));
        // The page's own files stay relative, so it works wherever it is served.
        assert!(page.contains(r#"<base href="../">"#));
        // Without the address there is nothing to point consumers at.
        let relative = embed_page(TEMPLATE_TEXT, &target(Locale::En), "")?;
        assert!(!relative.contains("canonical") && !relative.contains("oembed"));
        Ok(())
    }

    #[test]
    fn each_page_names_its_own_canonical_address_when_it_is_known() {
        let base = "https://charts.example.org/story/";
        let dashboard = markup::page::dashboard_file;
        let zh = page_links(&DATASET, Locale::ZhHans, Some(base), dashboard);
        assert!(
            zh.contains(&format!(r#"<link rel="canonical" href="{base}">"#)),
            "{zh}"
        );
        let en = page_links(&DATASET, Locale::En, Some(base), dashboard);
        assert!(
            en.contains(&format!(
                r#"<link rel="canonical" href="{base}index.en.html">"#
            )),
            "{en}"
        );
        assert!(
            en.contains(&format!(
                r#"hreflang="zh-Hant" href="{base}index.zh-Hant.html""#
            )),
            "{en}"
        );
        // The table of every figure's pages point at each other, the
        // default language's by its file name (it is no folder's index).
        let figures = page_links(&DATASET, Locale::En, Some(base), markup::page::figures_file);
        for wanted in [
            format!(r#"<link rel="canonical" href="{base}figures.en.html">"#),
            format!(r#"hreflang="zh-Hans" href="{base}figures.html""#),
        ] {
            assert!(figures.contains(&wanted), "{figures}");
        }
        // Without the address there is nothing to call canonical, and a
        // relative alternate is one search engines refuse.
        assert_eq!(page_links(&DATASET, Locale::En, None, dashboard), "");
    }

    #[test]
    fn inserted_text_is_escaped() -> Result<()> {
        let mut chart = DATASET.charts[0].clone();
        chart.title.zh = r#"<script>alert("x")</script> & '"#.into();
        chart.id = r#"a"b"#.into();
        let t = Target {
            chart: &chart,
            locale: Locale::ZhHans,
            height: 10.0,
            base: None,
        };
        let page = embed_page(TEMPLATE_TEXT, &t, "")?;
        assert!(!page.contains("<script>alert"));
        assert!(page.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;"));
        assert!(page.contains(r#"data-chart="a&quot;b""#));
        Ok(())
    }

    #[test]
    fn a_template_without_its_anchors_is_refused() {
        let t = target(Locale::ZhHans);
        assert!(embed_page("<html><head></head><body></body></html>", &t, "").is_err());
        assert!(embed_page("<div id=\"app\"></div>", &t, "").is_err());
    }

    #[test]
    fn the_standalone_page_inlines_everything() -> Result<()> {
        let read = |path: &str| -> Result<String> {
            match path {
                "style.css" => Ok("body { margin: 0 }".to_owned()),
                "embed.js" => Ok(
                    "import init, { mount_chart, App as A } from './pkg/article_charts.js';\nconst root = 1;\nawait init();"
                        .to_owned(),
                ),
                other => bail!("unexpected read of {other}"),
            }
        };
        let assets = Assets {
            glue: "let root = 0;\nasync function __wbg_init(m) {}\nexport { initSync, __wbg_init as default };"
                .to_owned(),
            wasm: vec![0, 97, 115, 109],
        };
        let t = target(Locale::ZhHans);
        let page = standalone_page(
            TEMPLATE_TEXT,
            &t,
            &assets,
            &read,
            ".a{min-height:1px}\n",
            "<svg/>",
        )?;
        assert!(page.contains("<style>\nbody { margin: 0 }\n</style>"));
        // The chart's own height rules, after its style sheets.
        let own = page.find("<style>\n.a{min-height:1px}\n</style>");
        assert!(
            own.is_some() && page.find("body { margin: 0 }") < own,
            "{page}"
        );
        assert!(!page.contains("<link"), "{page}");
        assert!(!page.contains("src=\"embed.js\""));
        assert!(page.contains(
            r#"<script type="application/octet-stream" id="article-charts-wasm">AGFzbQ==</script>"#
        ));
        // One module: the glue, then the script in a block, its import
        // replaced by bindings; no import and no data: module is left.
        assert!(
            !page.contains("import init") && !page.contains("from '"),
            "{page}"
        );
        assert!(!page.contains("data:text/javascript"), "{page}");
        assert!(
            page.contains("const init = () => __wbg_init({ module_or_path: "),
            "{page}"
        );
        assert!(page.contains("const A = App;\n"), "{page}");
        assert!(page.find("let root = 0;") < page.find("{\nconst init"));
        assert!(
            page.contains("const root = 1;\nawait init();\n}\n</script>"),
            "{page}"
        );
        // The chart is prerendered into the page, as in the embed page.
        assert!(page.contains("data-lang=\"zh\"><svg/>"), "{page}");
        // The policy allows exactly the page's inline module and style.
        let inline = csp::inline_of(&page)?;
        assert_eq!((inline.scripts.len(), inline.styles.len()), (1, 2));
        assert!(page.contains(&csp::meta(&inline.policy())), "{page}");
        csp::check_page(&page, &inline.policy(), "standalone")?;
        Ok(())
    }

    /// The English standalone page of the template, of a chart with no
    /// height rules, with these files.
    fn english_standalone(
        assets: &Assets,
        read: &dyn Fn(&str) -> Result<String>,
    ) -> Result<String> {
        standalone_page(
            TEMPLATE_TEXT,
            &target(Locale::En),
            assets,
            read,
            "",
            "<svg/>",
        )
    }

    #[test]
    fn a_dynamic_import_of_the_glue_is_inlined_too() -> Result<()> {
        let read = |path: &str| -> Result<String> {
            match path {
                "style.css" => Ok(String::new()),
                "embed.js" => Ok("try {\n  const glue = await import('./pkg/article_charts.js');\n  await glue.default({ module_or_path: later });\n  glue.mount_chart(1);\n} catch {}".to_owned()),
                other => bail!("unexpected read of {other}"),
            }
        };
        let assets = Assets {
            glue: "export function mount_chart(root) {}\nexport class App {}\nasync function __wbg_init(m) {}\nexport { initSync, __wbg_init as default };"
                .to_owned(),
            wasm: vec![0, 97, 115, 109],
        };
        let page = english_standalone(&assets, &read)?;
        assert!(!page.contains("import("), "{page}");
        assert!(
            page.contains("const glue = await Promise.resolve({ default: () => __wbg_init({ module_or_path: Uint8Array.from(atob(document.getElementById('article-charts-wasm')"),
            "{page}"
        );
        assert!(
            page.contains("(c) => c.charCodeAt(0)) }), mount_chart, App });"),
            "{page}"
        );
        Ok(())
    }

    #[test]
    fn a_glue_without_its_init_or_a_script_without_the_import_is_refused() {
        let assets = |glue: &str| Assets {
            glue: glue.to_owned(),
            wasm: Vec::new(),
        };
        let script = |text: &'static str| move |_: &str| -> Result<String> { Ok(text.to_owned()) };
        let good_glue = "export { __wbg_init as default };";
        let t = target(Locale::En);
        let no_init = standalone_page(
            TEMPLATE_TEXT,
            &t,
            &assets("export { a };"),
            &|p| script("import init from './pkg/article_charts.js';")(p),
            "",
            "",
        );
        assert!(no_init.is_err_and(|e| format!("{e:#}").contains("as default")));
        let no_import = standalone_page(
            TEMPLATE_TEXT,
            &t,
            &assets(good_glue),
            &script("go();"),
            "",
            "",
        );
        assert!(no_import.is_err_and(|e| format!("{e:#}").contains("does not import")));
    }

    #[test]
    fn the_modules_a_script_imports_are_inlined_before_it_once_each() -> Result<()> {
        // `embed.js` imports `boot.js` and `names.js`; `boot.js` imports
        // `names.js` too and the glue dynamically, as `www/` does.
        let read = |path: &str| -> Result<String> {
            Ok(match path {
                "style.css" => String::new(),
                "embed.js" => "import { start, STALL_MS as stall } from './boot.js';\nimport * as names from './names.js';\nconst root = 1;\nawait start(root, names.first, stall);".to_owned(),
                "boot.js" => "import { first } from './names.js';\nconst root = 2;\nexport const STALL_MS = 10;\nexport async function start(r) {\n  const glue = await import('./pkg/article_charts.js');\n  await glue.default({ module_or_path: later });\n  return glue.mount_chart(r, first);\n}".to_owned(),
                "names.js" => "export const first = 'a';\nexport function second() {}".to_owned(),
                other => bail!("unexpected read of {other}"),
            })
        };
        let assets = Assets {
            glue: "export function mount_chart(root) {}\nasync function __wbg_init(m) {}\nexport { initSync, __wbg_init as default };"
                .to_owned(),
            wasm: vec![0, 97, 115, 109],
        };
        let page = english_standalone(&assets, &read)?;
        let script = csp::inline_of(&page)?;
        assert_eq!(script.scripts.len(), 1, "{page}");
        // No import and no export keyword is left to a module's code.
        assert!(
            !page.contains("import(") && !page.contains("from '"),
            "{page}"
        );
        assert!(
            !page.contains("export const") && !page.contains("export async"),
            "{page}"
        );
        // Each module runs once, in the order a browser runs them: what
        // is imported before what imports it, the page script last.
        let names = page
            .find("const __inlined_0 = await (async () => {\nconst first = 'a';")
            .context("names.js is not inlined first")?;
        let boot = page
            .find("const __inlined_1 = await (async () => {\nconst { first } = __inlined_0;\nconst root = 2;")
            .context("boot.js is not inlined after names.js")?;
        let embed = page
            .find("{\nconst { start, STALL_MS: stall } = __inlined_1;\nconst names = __inlined_0;\nconst root = 1;")
            .context("embed.js does not come last")?;
        assert!(names < boot && boot < embed, "{page}");
        assert_eq!(page.matches("const first = 'a';").count(), 1, "{page}");
        assert!(page.contains("return { first, second };"), "{page}");
        assert!(page.contains("return { STALL_MS, start };"), "{page}");
        assert!(
            page.contains("const glue = await Promise.resolve({ default: () => __wbg_init("),
            "{page}"
        );
        Ok(())
    }

    #[test]
    fn imports_the_inliner_cannot_keep_are_refused() {
        let refused = |files: &[(&str, &str)]| {
            let read = move |path: &str| -> Result<String> {
                files
                    .iter()
                    .find(|(name, _)| *name == path)
                    .map(|(_, text)| (*text).to_owned())
                    .or_else(|| (path == "style.css").then(String::new))
                    .with_context(|| format!("no file {path}"))
            };
            let assets = Assets {
                glue: "export { __wbg_init as default };".to_owned(),
                wasm: Vec::new(),
            };
            match standalone_page(TEMPLATE_TEXT, &target(Locale::En), &assets, &read, "", "") {
                Ok(page) => panic!("inlined: {page}"),
                Err(e) => format!("{e:#}"),
            }
        };
        const GLUE_CALL: &str = "import('./pkg/article_charts.js');";
        // A name the module does not export, a default export, a module
        // that is not there, a cycle, a bare specifier, another dynamic
        // import, an export list.
        let cases: [(&[(&str, &str)], &str); 7] = [
            (
                &[
                    ("embed.js", "import { a } from './other.js';"),
                    ("other.js", GLUE_CALL),
                ],
                "./other.js, which does not export it",
            ),
            (
                &[
                    ("embed.js", "import a from './other.js';"),
                    ("other.js", GLUE_CALL),
                ],
                "default export of ./other.js",
            ),
            (
                &[("embed.js", "import { a } from './missing.js';")],
                "no file missing.js",
            ),
            (
                &[
                    ("embed.js", "import './a.js';"),
                    ("a.js", "import './b.js';"),
                    ("b.js", "import './a.js';"),
                ],
                "a.js imports itself",
            ),
            (
                &[("embed.js", "import { a } from 'lib';")],
                "imports lib, which is not inlined",
            ),
            (
                &[
                    ("embed.js", "import './a.js';"),
                    ("a.js", "import('./b.js');"),
                ],
                "dynamically",
            ),
            (
                &[
                    ("embed.js", "import './a.js';"),
                    (
                        "a.js",
                        "const a = 1;\nexport { a };\nimport('./pkg/article_charts.js');",
                    ),
                ],
                "export each declaration",
            ),
        ];
        for (files, message) in cases {
            let error = refused(files);
            assert!(error.contains(message), "{message}: {error}");
        }
    }

    #[test]
    fn the_style_sheets_take_their_colours_from_the_theme() -> Result<()> {
        // The workspace root, where `www/` lies, is this crate's parent.
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        for name in ["style.css", "chart.css"] {
            let css = read_text(&root.join("www").join(name))?;
            // No colour of the palette is written into a style sheet by hand.
            for (variable, _) in article_charts::theme::CSS_COLOURS {
                assert!(
                    !css.contains(&format!("{variable}: #")),
                    "{name} sets {variable} itself"
                );
            }
            assert!(
                css.contains("/* palette: light */"),
                "{name} has no light palette"
            );
            let filled = with_palette(&css);
            assert!(filled.contains(&Theme::LIGHT.css_declarations()), "{name}");
            assert!(!filled.contains("/* palette:"), "{name}");
        }
        let dashboard = with_palette(&read_text(&root.join("www/style.css"))?);
        assert!(dashboard.contains(&Theme::DARK.css_declarations()));
        Ok(())
    }

    #[test]
    fn finds_relative_imports() {
        assert_eq!(
            relative_imports("import a from './a.js'; import \"./b.js\"; import c from 'c';"),
            vec!["./a.js", "./b.js"]
        );
    }

    #[test]
    fn edits_the_head_the_title_and_the_app_of_a_template() -> Result<()> {
        // `<head` must not be taken for `<header`, nor a title in a script
        // for the page's.
        let doc = "<html lang=\"x\"><head><script>let t = '<title>';</script></head>\
                   <body><header>h</header><div id=\"app\" class='x'>loading</div></body></html>";
        let page = set_html_lang(doc, "zh-Hant")?;
        let page = set_title(&page, "A &amp; B")?;
        let page = prepend_to_head(&page, "<base href=\"../\">")?;
        let page = set_app(&page, &[("data-chart".into(), "c".into())], "<p>in</p>")?;
        assert_eq!(
            page,
            "<html lang=\"zh-Hant\"><head><base href=\"../\"><script>let t = '<title>';</script>\
             <title>A &amp; B</title>\n</head><body><header>h</header>\
             <div id=\"app\" class='x' data-chart=\"c\"><p>in</p>loading</div></body></html>"
        );
        assert_eq!(
            replace_app(&page, "<p>new</p>")?,
            page.replace("<p>in</p>loading", "<p>new</p>")
        );
        assert!(set_description(&page, "d").is_err_and(|e| e.to_string().contains("description")));
        Ok(())
    }
}
