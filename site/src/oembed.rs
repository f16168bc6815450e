//! oEmbed (<https://oembed.com/>): what lets an editor embed a chart by
//! pasting the address of its page (`embed/STEM.html`) alone on a line of a
//! WordPress post, or into any other consumer of oEmbed.
//!
//! Every chart page names, in a `<link rel="alternate"
//! type="application/json+oembed">`, a static JSON file per chart and
//! language (`oembed/STEM.json`): a `rich` embed whose HTML is an iframe of
//! the chart page, `width="100%"` and the height of a 640 px column, with a
//! `<blockquote>` link to the page before it. WordPress shows the link until
//! the framed page speaks (then hides it and sizes the frame to the height
//! the page posts), and it loads its resizing script only for embeds that
//! have such a blockquote (`wp_maybe_enqueue_oembed_host_js`).
//!
//! The provider the documents name is the article's publication
//! (`publication_*` in `[meta]`), in the document's language, or, where the
//! data folder names none, the product: never the headline, which WordPress
//! would show as "Embedded content from <headline>". A byline (`author_*`)
//! becomes `author_name`.
//!
//! oEmbed only works with absolute addresses: a consumer fetches the JSON
//! from its own server and pastes the HTML into another site, where a
//! relative address would point at that site. So the files and the links
//! exist only when the build knows where the site will be served from
//! (`cargo xtask dist --base-url URL`); without it there is no oEmbed, and
//! a pasted address stays a plain link.

use std::fs;
use std::path::Path;

use anyhow::{bail, Context, Result};
use article_charts::data::{Chart, Dataset};
use article_charts::embed_code::stem;
use article_charts::frame::caption_parts;
use article_charts::heights::{embed_height, reserve};
use article_charts::locale::Locale;
use serde_json::{json, Value};

use crate::statics::Drawn;
use article_charts::markup::escape;

/// The folder of `dist/` the oEmbed files are written to.
pub const DIR: &str = "oembed";

/// The width of the article column the embed's height is given for, CSS px.
pub const COLUMN: f64 = 640.0;

/// The provider an oEmbed document names when the data folder names no
/// publication: the product's own name. Never the headline, which consumers
/// would show as the outlet ("Embedded content from <headline>"), and never
/// an outlet the folder does not name.
pub const PRODUCT: &str = "article-charts";

/// The chart page of a chart's files, relative to the site.
pub fn page_path(stem: &str) -> String {
    format!("embed/{stem}.html")
}

/// The oEmbed file of a chart's files, relative to the site.
pub fn json_path(stem: &str) -> String {
    format!("{DIR}/{stem}.json")
}

/// The discovery link a chart page carries in its `<head>`; `base` is the
/// site's absolute address, ending with `/`.
pub fn discovery_link(base: &str, stem: &str, title: &str) -> String {
    format!(
        "<link rel=\"alternate\" type=\"application/json+oembed\" href=\"{}\" title=\"{}\">\n",
        escape(&format!("{base}{}", json_path(stem))),
        escape(title)
    )
}

/// A static image's size in pixels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Size {
    /// Width, px.
    pub width: u32,
    /// Height, px.
    pub height: u32,
}

/// The oEmbed document of `chart` in `locale`; `base` is the site's absolute
/// address, `thumbnail` the size of the chart's static PNG.
pub fn document(
    data: &Dataset,
    chart: &Chart,
    locale: Locale,
    base: &str,
    thumbnail: Size,
) -> Value {
    let stem = stem(&chart.id, locale);
    let title = locale.pick(&chart.title);
    let page = format!("{base}{}", page_path(&stem));
    // Whole pixels: oEmbed's width and height are integers, and a frame a
    // fraction short would show a scroll bar. The height attribute is the
    // 640 px column's; the style reserves the height of every screen, as
    // the embed codes do, for consumers that keep it (WordPress drops
    // styles, shows the blockquote, and sizes the frame when it speaks).
    let height = embed_height(data, chart, locale, COLUMN).ceil() as u32;
    // The chart is shown light whatever the reader's system prefers, as
    // articles around it almost always are (the embed codes' default too).
    // The blockquote is what a consumer shows when it drops the frame: it
    // carries the chart's credits, as sentences after the link, since
    // WordPress keeps no element but the link inside it.
    let parts = caption_parts(data, chart, locale);
    let stop = locale.strings().phrases.stop;
    let credits: String = std::iter::once(parts.source)
        .chain(parts.credit)
        .map(|line| format!("{stop}{}", escape(&line)))
        .collect();
    let html = format!(
        "<blockquote><a href=\"{page}\">{title}</a>{credits}</blockquote>\
         <iframe src=\"{src}\" title=\"{title}\" width=\"100%\" height=\"{height}\" style=\"height:{reserve}\" frameborder=\"0\"></iframe>",
        reserve = reserve(data, chart, locale).css(),
        page = escape(&page),
        src = escape(&format!("{page}?theme=light")),
        title = escape(title),
    );
    let provider = locale
        .pick_opt(data.meta.publication.as_ref())
        .unwrap_or(PRODUCT);
    let mut document = json!({
        "version": "1.0",
        "type": "rich",
        "provider_name": provider,
        "provider_url": base,
        "title": title,
        "html": html,
        "width": COLUMN as u32,
        "height": height,
        "thumbnail_url": format!("{base}static/{stem}.png"),
        "thumbnail_width": thumbnail.width,
        "thumbnail_height": thumbnail.height,
    });
    // oEmbed's optional byline, only where the folder gives one.
    if let (Some(author), Value::Object(map)) =
        (locale.pick_opt(data.meta.author.as_ref()), &mut document)
    {
        map.insert("author_name".into(), Value::from(author));
    }
    document
}

/// The size of a PNG file, read from its header by the `png` crate.
pub fn png_size(bytes: &[u8]) -> Option<Size> {
    let reader = png::Decoder::new(std::io::Cursor::new(bytes))
        .read_info()
        .ok()?;
    let info = reader.info();
    Some(Size {
        width: info.width,
        height: info.height,
    })
}

/// Writes `dist/oembed/STEM.json` for every drawn chart and language when
/// the site's address is known; says why there are none otherwise.
pub fn write(dist: &Path, data: &Dataset, drawn: &[Drawn], base: Option<&str>) -> Result<()> {
    let Some(base) = base else {
        println!("==> no oEmbed files: they need the site's address (`--base-url`)");
        return Ok(());
    };
    println!("==> writing {DIR}/ID.json (oEmbed) for every chart and language");
    let dir = dist.join(DIR);
    fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    for d in drawn {
        for &locale in d.locales {
            let stem = stem(&d.chart.id, locale);
            let png = dist.join(format!("static/{stem}.png"));
            let bytes = fs::read(&png).with_context(|| format!("cannot read {}", png.display()))?;
            let Some(size) = png_size(&bytes) else {
                bail!("{} is not a PNG image", png.display());
            };
            let text = serde_json::to_string_pretty(&document(data, d.chart, locale, base, size))
                .context("cannot write an oEmbed document")?;
            let path = dist.join(json_path(&stem));
            fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use article_charts::data::{Words, DATASET};

    const BASE: &str = "https://charts.example.org/story/";

    fn doc(locale: Locale) -> Value {
        let size = Size {
            width: 1280,
            height: 806,
        };
        document(&DATASET, &DATASET.charts[0], locale, BASE, size)
    }

    #[test]
    fn the_document_is_a_rich_embed_of_the_chart_page() {
        let chart = &DATASET.charts[0];
        let id = chart.id.as_ref();
        let d = doc(Locale::En);
        assert_eq!(d["version"], "1.0");
        assert_eq!(d["type"], "rich");
        assert_eq!(d["title"], chart.title.en.as_ref());
        assert_eq!(d["provider_url"], BASE);
        // The article names no outlet: the product, never the headline.
        assert!(DATASET.meta.publication.is_none());
        assert_eq!(d["provider_name"], PRODUCT);
        assert_ne!(d["provider_name"], DATASET.meta.title.en.as_ref());
        // It names its author: the byline travels as oEmbed's author.
        match DATASET.meta.author.as_ref() {
            Some(author) => assert_eq!(d["author_name"], author.en.as_ref()),
            None => assert!(d.get("author_name").is_none()),
        }
        assert_eq!(d["thumbnail_url"], format!("{BASE}static/{id}.en.png"));
        assert_eq!(
            (&d["thumbnail_width"], &d["thumbnail_height"]),
            (&json!(1280), &json!(806))
        );
        let height = embed_height(&DATASET, chart, Locale::En, COLUMN).ceil();
        assert_eq!(d["width"], 640);
        assert_eq!(d["height"], height as u32);
        let html = d["html"].as_str().unwrap_or_default();
        assert!(
            html.contains(&format!(
                "<iframe src=\"{BASE}embed/{id}.en.html?theme=light\" title=\""
            )),
            "{html}"
        );
        assert!(
            html.contains(&format!("width=\"100%\" height=\"{height}\"")),
            "{html}"
        );
        // The room of every screen, as the embed codes reserve it, for
        // consumers that keep the style (WordPress drops it).
        let room = reserve(&DATASET, chart, Locale::En).css();
        assert!(room.starts_with("calc("), "{room}");
        assert!(
            html.contains(&format!("height=\"{height}\" style=\"height:{room}\" ")),
            "{html}"
        );
        // WordPress keeps a blockquote only if it is bare and comes first,
        // and loads its resizing script only when there is one.
        assert!(
            html.starts_with(&format!(
                "<blockquote><a href=\"{BASE}embed/{id}.en.html\">"
            )),
            "{html}"
        );
        assert!(html.ends_with("></iframe>"), "{html}");
        // A consumer that drops the frame still shows the credits.
        let parts = caption_parts(&DATASET, chart, Locale::En);
        assert!(
            html.contains(&format!("</a>. {}", escape(&parts.source))),
            "{html}"
        );
        if let Some(credit) = parts.credit {
            assert!(
                html.contains(&format!(". {}</blockquote>", escape(&credit))),
                "{html}"
            );
        }
    }

    #[test]
    fn each_language_embeds_its_own_page_and_height() {
        let id = DATASET.charts[0].id.as_ref();
        let zh = doc(Locale::ZhHans);
        let hant = doc(Locale::ZhHant);
        assert!(zh["html"]
            .as_str()
            .is_some_and(|h| h.contains(&format!("embed/{id}.html?"))));
        assert!(hant["html"]
            .as_str()
            .is_some_and(|h| h.contains(&format!("embed/{id}.zh-Hant.html?"))));
        assert_eq!(
            hant["thumbnail_url"],
            format!("{BASE}static/{id}.zh-Hant.png")
        );
        assert_eq!(zh["title"], DATASET.charts[0].title.zh.as_ref());
    }

    #[test]
    fn the_provider_is_the_publication_in_each_language_and_the_author_is_kept() {
        let mut data = DATASET.clone();
        data.meta.publication = Some(Words {
            zh: "青石日报".into(),
            zh_hant: "東河日報".into(),
            en: "Qingshi Daily".into(),
        });
        data.meta.author = Some(Words {
            zh: "李明".into(),
            zh_hant: "李明".into(),
            en: "Li Ming".into(),
        });
        let size = Size {
            width: 1,
            height: 1,
        };
        let chart = &data.charts[0];
        let d = |locale| document(&data, chart, locale, BASE, size);
        assert_eq!(d(Locale::En)["provider_name"], "Qingshi Daily");
        assert_eq!(d(Locale::ZhHans)["provider_name"], "青石日报");
        assert_eq!(d(Locale::ZhHant)["provider_name"], "東河日報");
        assert_eq!(d(Locale::En)["author_name"], "Li Ming");
        assert_eq!(d(Locale::ZhHant)["author_name"], "李明");
    }

    #[test]
    fn titles_are_escaped_in_the_html_and_the_link() {
        let mut chart = DATASET.charts[0].clone();
        chart.title.en = "A \"quoted\" <b>title</b> & more".into();
        let size = Size {
            width: 1,
            height: 1,
        };
        let d = document(&DATASET, &chart, Locale::En, BASE, size);
        let html = d["html"].as_str().unwrap_or_default();
        assert!(!html.contains("<b>"), "{html}");
        assert!(
            html.contains("title=\"A &quot;quoted&quot; &lt;b&gt;title&lt;/b&gt; &amp; more\""),
            "{html}"
        );
        // The JSON keeps the title as text; consumers escape it themselves.
        assert_eq!(d["title"], "A \"quoted\" <b>title</b> & more");
        let link = discovery_link(BASE, "x.en", "T \"1\"");
        assert_eq!(
            link,
            "<link rel=\"alternate\" type=\"application/json+oembed\" \
             href=\"https://charts.example.org/story/oembed/x.en.json\" title=\"T &quot;1&quot;\">\n"
        );
    }

    #[test]
    fn png_sizes_are_read_from_the_header() {
        let mut png = Vec::new();
        {
            let mut encoder = png::Encoder::new(&mut png, 1280, 806);
            encoder.set_color(png::ColorType::Grayscale);
            let mut writer = encoder.write_header().unwrap();
            writer.write_image_data(&vec![255; 1280 * 806]).unwrap();
        }
        assert_eq!(
            png_size(&png),
            Some(Size {
                width: 1280,
                height: 806
            })
        );
        assert_eq!(png_size(b"GIF89a"), None);
        assert_eq!(png_size(&png[..20]), None);
    }
}
