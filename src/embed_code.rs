//! The code an editor pastes to embed a chart, and the names of a chart's
//! files: platform-free, so the dashboard (in the browser) and the build
//! tool (which writes the files and the catalogue) agree to the letter, and
//! both are tested natively.

use article_dataset::{Chart, Dataset};

use crate::locale::Locale;

/// The languages that have files of their own (static images, embed pages,
/// standalone files), default first: every language the page speaks.
pub const FILE_LANGUAGES: [Locale; 3] = [Locale::ZhHans, Locale::ZhHant, Locale::En];

/// The name of a chart's files in a language, without extension: the
/// default language has none, others add `.TAG`. A language without files
/// of its own gets the default language's.
pub fn stem(id: &str, locale: Locale) -> String {
    if locale == FILE_LANGUAGES[0] || !FILE_LANGUAGES.contains(&locale) {
        id.to_owned()
    } else {
        format!("{id}.{}", locale.url_tag())
    }
}

/// The address of a chart's page (its embed page) in the folder `dir`
/// (which ends with `/`, or is empty for a relative address):
/// `embed/STEM.html`, prerendered for its language.
pub fn embed_url(dir: &str, id: &str, locale: Locale) -> String {
    format!("{dir}embed/{}.html", stem(id, locale))
}

/// The folder of an address: everything up to its last `/`, query and
/// fragment dropped.
pub fn folder_of(url: &str) -> &str {
    let page = url.split(['?', '#']).next().unwrap_or("");
    &page[..page.rfind('/').map_or(0, |i| i + 1)]
}

/// The forms of embed code the dashboard offers, in the panel's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// An iframe with the optional resizing script.
    Iframe,
    /// An iframe sized by pym.js.
    Pym,
    /// The script embed, with its static image as fallback.
    Script,
    /// The static image linked to the chart's page, for a CMS that strips
    /// scripts and iframes.
    Image,
}

impl Form {
    /// Every form, in the panel's order.
    pub const ALL: [Form; 4] = [Form::Iframe, Form::Pym, Form::Script, Form::Image];

    /// The form's name in markup (`data-form`) and in the copy button's
    /// target ids.
    pub fn key(self) -> &'static str {
        match self {
            Form::Iframe => "iframe",
            Form::Pym => "pym",
            Form::Script => "script",
            Form::Image => "image",
        }
    }

    /// The form named `key`, as [`Form::key`] writes it.
    pub fn from_key(key: &str) -> Option<Form> {
        Form::ALL.into_iter().find(|f| f.key() == key)
    }

    /// Whether the form's code depends on the theme (the image is always
    /// the light publication image).
    pub fn themed(self) -> bool {
        self != Form::Image
    }
}

/// The themes an editor may choose for the code, the default first: a
/// light chart in a light article whatever the reader's phone is set to.
pub const THEMES: [&str; 3] = ["light", "dark", "auto"];

/// What one embed code is for.
pub struct Embed<'a> {
    /// The site's folder, ending with `/` (or empty for relative codes).
    pub dir: &'a str,
    /// The chart's id.
    pub id: &'a str,
    /// The chart's language.
    pub locale: Locale,
    /// The chart's title in that language.
    pub title: &'a str,
    /// The embed page's height in a 640 px column, CSS px.
    pub height: f64,
    /// The theme the code asks for: `"light"`, `"dark"` or `"auto"`.
    pub theme: &'a str,
}

/// The static image's size in CSS px, as `xtask`'s statics draw it: the
/// framed chart at the width of an article column.
pub fn image_size(data: &Dataset, chart: &Chart, locale: Locale) -> (f64, f64) {
    let width = IMAGE_WIDTH;
    (
        width,
        crate::frame::framed(data, chart, locale, width)
            .height
            .ceil(),
    )
}

/// The width of the static images, CSS px: a typical article column.
pub const IMAGE_WIDTH: f64 = 640.0;

/// The code of one form for one chart. The image's height comes from
/// `image_height` (see [`image_size`]); every other form reserves the
/// chart's own height in a 640 px column, so the article does not move
/// when the chart arrives.
pub fn code(form: Form, embed: &Embed) -> String {
    code_with_image(form, embed, embed.height)
}

/// [`code`], with the static image's height at 640 px given: the script
/// embed's fallback and the image snippet carry it as `height`.
pub fn code_with_image(form: Form, embed: &Embed, image_height: f64) -> String {
    let page = embed_url(embed.dir, embed.id, embed.locale);
    let framed = escape_attr(&themed(&page, embed.theme));
    let title = escape_attr(embed.title);
    let dir = escape_attr(embed.dir);
    let height = embed.height.ceil();
    let image = format!(
        "<a href=\"{}\"><img src=\"{dir}static/{}.png\" alt=\"{title}\" width=\"{}\" height=\"{}\" style=\"max-width:100%;height:auto\"></a>",
        escape_attr(&page),
        escape_attr(&stem(embed.id, embed.locale)),
        IMAGE_WIDTH,
        image_height.ceil(),
    );
    match form {
        // The script beside the iframe is optional: without it the frame
        // keeps the height of a 640 px column.
        Form::Iframe => format!(
            "<iframe src=\"{framed}\" title=\"{title}\" width=\"100%\" height=\"{height}\" style=\"border:0;display:block\" loading=\"lazy\"></iframe>\n<script async src=\"{dir}embed-resize.js\"></script>"
        ),
        // pym.js puts its iframe into the element; the minimum height keeps
        // the article still until the chart reports its own, and no line
        // height leaves room under the (inline) iframe that would grow it.
        Form::Pym => format!(
            "<div data-pym-src=\"{framed}\" data-pym-title=\"{title}\" style=\"min-height:{height}px;line-height:0\"></div>\n<script src=\"{PYM_URL}\"></script>"
        ),
        // The image stands in the chart's place until the script mounts
        // the chart, and stays there if it cannot (see article-charts-embed.js).
        Form::Script => {
            let theme = if embed.theme == "auto" {
                String::new()
            } else {
                format!(" data-theme=\"{}\"", escape_attr(embed.theme))
            };
            format!(
                "<div data-article-chart=\"{}\" data-lang=\"{}\"{theme} style=\"min-height:{height}px\">{image}</div>\n<script type=\"module\" src=\"{dir}article-charts-embed.js\"></script>",
                escape_attr(embed.id),
                embed.locale.url_tag(),
            )
        }
        Form::Image => image,
    }
}

/// Where pym.js is loaded from: its makers' own copy, the one newsrooms
/// that use pym.js already load.
pub const PYM_URL: &str = "https://pym.nprapps.org/pym.v1.min.js";

/// `page` with the theme asked for; `auto` (follow the reader) is the
/// page's default and needs no query.
fn themed(page: &str, theme: &str) -> String {
    if theme == "auto" {
        page.to_owned()
    } else {
        format!("{page}?theme={theme}")
    }
}

/// Escapes text for an attribute or the text of an HTML element.
pub fn escape_attr(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_named_by_id_and_language() {
        assert_eq!(stem("a-chart", Locale::ZhHans), "a-chart");
        assert_eq!(stem("a-chart", Locale::En), "a-chart.en");
        assert_eq!(stem("a-chart", Locale::ZhHant), "a-chart.zh-Hant");
    }

    #[test]
    fn the_folder_of_an_address_ends_with_its_slash() {
        assert_eq!(
            folder_of("https://a.example/x/index.html?lang=en#top"),
            "https://a.example/x/"
        );
        assert_eq!(folder_of("index.html"), "");
    }

    fn embed<'a>(dir: &'a str, title: &'a str, theme: &'a str) -> Embed<'a> {
        Embed {
            dir,
            id: "x",
            locale: Locale::En,
            title,
            height: 394.2,
            theme,
        }
    }

    #[test]
    fn embed_codes_escape_what_they_quote() {
        let e = embed(
            "https://a.example/?a&b/",
            "A \"quoted\" <title> & more",
            "light",
        );
        for form in Form::ALL {
            let code = code(form, &e);
            assert!(
                code.contains("A &quot;quoted&quot; &lt;title&gt; &amp; more"),
                "{code}"
            );
            assert!(!code.contains("?a&b"), "{code}");
        }
    }

    #[test]
    fn every_form_carries_the_height_of_a_640_px_column_and_the_theme() {
        let e = embed("https://a.example/", "T", "light");
        let iframe = code(Form::Iframe, &e);
        assert!(
            iframe.contains("src=\"https://a.example/embed/x.en.html?theme=light\""),
            "{iframe}"
        );
        assert!(iframe.contains("height=\"395\""), "{iframe}");
        assert!(
            iframe.contains("src=\"https://a.example/embed-resize.js\""),
            "{iframe}"
        );
        let pym = code(Form::Pym, &e);
        assert!(
            pym.contains("data-pym-src=\"https://a.example/embed/x.en.html?theme=light\""),
            "{pym}"
        );
        assert!(pym.contains("min-height:395px"), "{pym}");
        let script = code_with_image(Form::Script, &e, 380.4);
        assert!(
            script.contains("data-article-chart=\"x\" data-lang=\"en\" data-theme=\"light\""),
            "{script}"
        );
        assert!(script.contains("min-height:395px"), "{script}");
        let dark = code(Form::Script, &embed("", "T", "dark"));
        assert!(dark.contains("data-theme=\"dark\""), "{dark}");
        let auto = code(Form::Iframe, &embed("", "T", "auto"));
        assert!(auto.contains("src=\"embed/x.en.html\""), "{auto}");
        assert!(!code(Form::Script, &embed("", "T", "auto")).contains("data-theme"));
    }

    #[test]
    fn the_fallback_and_the_image_snippet_link_the_sized_image_to_the_chart() {
        let e = embed("https://a.example/", "T", "dark");
        let expected = "<a href=\"https://a.example/embed/x.en.html\"><img src=\"https://a.example/static/x.en.png\" alt=\"T\" width=\"640\" height=\"381\" style=\"max-width:100%;height:auto\"></a>";
        assert_eq!(code_with_image(Form::Image, &e, 380.4), expected);
        assert!(code_with_image(Form::Script, &e, 380.4).contains(expected));
    }

    #[test]
    fn forms_are_named_both_ways() {
        for form in Form::ALL {
            assert_eq!(Form::from_key(form.key()), Some(form));
        }
        assert_eq!(Form::from_key("video"), None);
    }
}
