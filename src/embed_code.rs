//! The code an editor pastes to embed a chart, and the names of a chart's
//! files: platform-free, so the dashboard (in the browser) and the build
//! tool (which writes the files and the catalogue) agree to the letter, and
//! both are tested natively.

use article_dataset::{Chart, Dataset};

use crate::decimal::Decimal;
use crate::heights::Reserve;
use crate::locale::Locale;
use crate::markup::escape;

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
    page.rfind('/').and_then(|i| page.get(..=i)).unwrap_or("")
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
    /// The heights the code reserves and the sizes of its images.
    pub heights: Heights,
    /// The theme the code asks for: `"light"`, `"dark"` or `"auto"`.
    pub theme: &'a str,
}

/// The heights an embed code reserves and the sizes of the static images
/// it shows, CSS px, all known at build time.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Heights {
    /// The embed page's height in a 640 px column.
    pub column: f64,
    /// The room the codes reserve on every screen from a small phone's
    /// up, never less than the embed page's height there.
    pub reserve: Reserve,
    /// The static image's height at [`IMAGE_WIDTH`] (`static/STEM.png`).
    pub image: f64,
    /// The phone image's width and height (`static/STEM.360.png`).
    pub phone_image: (f64, f64),
}

impl Heights {
    /// The heights of `chart` in `locale`, from the same layout as the
    /// embed page and the static images.
    pub fn of(data: &Dataset, chart: &Chart, locale: Locale) -> Heights {
        let phone = crate::frame::framed_legible(
            data,
            chart,
            locale,
            PHONE_IMAGE_WIDTH,
            crate::frame::PHONE_TEXT,
        );
        Heights {
            column: crate::heights::embed_height(data, chart, locale, IMAGE_WIDTH),
            reserve: crate::heights::reserve(data, chart, locale),
            image: image_size(data, chart, locale).1,
            phone_image: (phone.width.ceil(), phone.height.ceil()),
        }
    }
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

/// The width of the phone images (`STEM.360.png`), CSS px, as the site's
/// statics draw them.
pub const PHONE_IMAGE_WIDTH: f64 = 360.0;

/// The widest screen that gets the phone image, CSS px: above it the
/// column takes the 640 px image at 80% or more, so its 12 px ticks stay
/// near 10 px; below, they would shrink towards 7 px, while the phone
/// image keeps every text at 14 px.
pub const PHONE_IMAGE_BELOW: f64 = 520.0;

/// The code of one form for one chart. The iframe and pym.js forms reserve
/// the chart's height on every screen from a small phone's up (see
/// [`Reserve`]), so the article does not move when the chart arrives; the script form reserves
/// it only where scripts run, and otherwise is as tall as its image; the
/// image form shows the phone image to narrow screens.
pub fn code(form: Form, embed: &Embed) -> String {
    let page = embed_url(embed.dir, embed.id, embed.locale);
    let framed = escape(&themed(&page, embed.theme));
    let title = escape(embed.title);
    let dir = escape(embed.dir);
    let h = embed.heights;
    let height = Decimal(h.column.ceil(), 0);
    let reserved = h.reserve.css();
    let stem = escape(&stem(embed.id, embed.locale));
    // Art direction, not resolution: the phone image is laid out anew with
    // larger text, so a `<picture>` picks it by the screen's width (a
    // `srcset` would pick the 640 px one for a phone's dense screen). Mail
    // and RSS readers that know no `<picture>` show the `<img>`.
    let image = format!(
        "<a href=\"{}\"><picture><source media=\"(max-width:{}px)\" srcset=\"{dir}static/{stem}.360.png\" width=\"{}\" height=\"{}\"><img src=\"{dir}static/{stem}.png\" alt=\"{title}\" width=\"{}\" height=\"{}\" style=\"max-width:100%;height:auto\"></picture></a>",
        escape(&page),
        Decimal(PHONE_IMAGE_BELOW - 1.0, 0),
        Decimal(h.phone_image.0.ceil(), 0),
        Decimal(h.phone_image.1.ceil(), 0),
        Decimal(IMAGE_WIDTH, 0),
        Decimal(h.image.ceil(), 0),
    );
    match form {
        // The script beside the iframe is optional: without it, or with
        // scripts blocked, the frame keeps the reserved height, which
        // shows the whole chart, notes and source on every screen.
        Form::Iframe => format!(
            "<iframe src=\"{framed}\" title=\"{title}\" width=\"100%\" height=\"{height}\" style=\"border:0;display:block;height:{reserved}\" loading=\"lazy\"></iframe>\n<script async src=\"{dir}embed-resize.js\"></script>"
        ),
        // pym.js empties the element and puts its iframe in; until then, and
        // for good where scripts are blocked, the element shows the static
        // image linked to the chart. The minimum height keeps the article
        // still until the chart reports its own, and no line height leaves
        // room under the (inline) iframe that would grow it.
        Form::Pym => format!(
            "<div data-pym-src=\"{framed}\" data-pym-title=\"{title}\" style=\"min-height:{reserved};line-height:0\">{image}</div>\n<script src=\"{PYM_URL}\"></script>"
        ),
        // The image stands in the chart's place until the script mounts
        // the chart, and stays there if it cannot (see
        // article-charts-embed.js). The chart's height is reserved only
        // where scripts run, so that a reader without them (or a feed that
        // drops the script) sees the image with no blank under it.
        Form::Script => {
            let theme = if embed.theme == "auto" {
                String::new()
            } else {
                format!(" data-theme=\"{}\"", escape(embed.theme))
            };
            let lang = embed.locale.url_tag();
            // Where scripts run, the image also fits inside the reserved
            // height (a block, scaled down if need be): on a phone the
            // 360 px image is taller than the chart, and the article moved
            // up when the chart took its place.
            format!(
                "<style>@media (scripting:enabled){{[data-article-chart=\"{0}\"][data-lang=\"{lang}\"]{{min-height:{reserved}}}[data-article-chart=\"{0}\"][data-lang=\"{lang}\"] img{{display:block;width:auto;max-height:{reserved}}}}}</style>\n<div data-article-chart=\"{1}\" data-lang=\"{lang}\"{theme}>{image}</div>\n<script type=\"module\" src=\"{dir}article-charts-embed.js\"></script>",
                escape_css_string(embed.id),
                escape(embed.id),
            )
        }
        Form::Image => image,
    }
}

/// Escapes text for a quoted CSS string inside a `<style>` element, where
/// HTML's entities mean nothing: quotes and backslashes are escaped, and
/// `<` is written as its code so no `</style>` can end the element.
fn escape_css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("\\3c "),
            '\n' | '\r' | '\u{c}' => out.push_str(&format!("\\{:x} ", u32::from(c))),
            _ => out.push(c),
        }
    }
    out
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

    /// A chart 395 px tall in a 640 px column, 462 px on screens up to
    /// 375 px wide, and between the two on a line.
    fn heights() -> Heights {
        Heights {
            column: 394.2,
            reserve: Reserve::from_knots(&[(375.0, 462.0), (672.0, 395.0)]).unwrap_or_default(),
            image: 380.4,
            phone_image: (360.0, 512.0),
        }
    }

    fn embed<'a>(dir: &'a str, title: &'a str, theme: &'a str) -> Embed<'a> {
        Embed {
            dir,
            id: "x",
            locale: Locale::En,
            title,
            heights: heights(),
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
        let odd = Embed {
            id: "a\"b</style>",
            ..embed("", "T", "light")
        };
        let script = code(Form::Script, &odd);
        assert!(!script.contains("b</style>"), "{script}");
        assert!(
            script.contains("[data-article-chart=\"a\\\"b\\3c /style>\"]"),
            "{script}"
        );
    }

    #[test]
    fn every_form_reserves_the_height_of_every_screen_and_the_theme() {
        let e = embed("https://a.example/", "T", "light");
        let reserved = heights().reserve.css();
        assert_eq!(
            reserved,
            "calc(395px + clamp(0px, 672px - 100vw, 297px) * 0.2256)"
        );
        let iframe = code(Form::Iframe, &e);
        assert!(
            iframe.contains("src=\"https://a.example/embed/x.en.html?theme=light\""),
            "{iframe}"
        );
        // The attribute for the oldest browsers, the style for the rest;
        // with scripts blocked the frame keeps it, so a phone's reserved
        // height shows the notes and the source.
        assert!(iframe.contains("height=\"395\""), "{iframe}");
        assert!(iframe.contains(&format!("height:{reserved}\"")), "{iframe}");
        assert!(
            iframe.contains("src=\"https://a.example/embed-resize.js\""),
            "{iframe}"
        );
        let pym = code(Form::Pym, &e);
        assert!(
            pym.contains("data-pym-src=\"https://a.example/embed/x.en.html?theme=light\""),
            "{pym}"
        );
        assert!(pym.contains(&format!("min-height:{reserved};")), "{pym}");
        let script = code(Form::Script, &e);
        assert!(
            script.contains("data-article-chart=\"x\" data-lang=\"en\" data-theme=\"light\""),
            "{script}"
        );
        assert!(
            script.contains(&format!("@media (scripting:enabled){{[data-article-chart=\"x\"][data-lang=\"en\"]{{min-height:{reserved}}}")),
            "{script}"
        );
        // The fallback image fits inside that height while the chart loads.
        assert!(
            script.contains(&format!("[data-article-chart=\"x\"][data-lang=\"en\"] img{{display:block;width:auto;max-height:{reserved}}}")),
            "{script}"
        );
        let dark = code(Form::Script, &embed("", "T", "dark"));
        assert!(dark.contains("data-theme=\"dark\""), "{dark}");
        let auto = code(Form::Iframe, &embed("", "T", "auto"));
        assert!(auto.contains("src=\"embed/x.en.html\""), "{auto}");
        assert!(!code(Form::Script, &embed("", "T", "auto")).contains("data-theme"));
    }

    const IMAGE: &str = "<a href=\"https://a.example/embed/x.en.html\"><picture><source media=\"(max-width:519px)\" srcset=\"https://a.example/static/x.en.360.png\" width=\"360\" height=\"512\"><img src=\"https://a.example/static/x.en.png\" alt=\"T\" width=\"640\" height=\"381\" style=\"max-width:100%;height:auto\"></picture></a>";

    #[test]
    fn the_image_snippet_shows_the_phone_image_to_narrow_screens() {
        let e = embed("https://a.example/", "T", "dark");
        assert_eq!(code(Form::Image, &e), IMAGE);
    }

    #[test]
    fn the_script_fallback_is_the_sized_image_with_no_room_reserved_without_scripts() {
        let e = embed("https://a.example/", "T", "dark");
        let script = code(Form::Script, &e);
        assert!(script.contains(&format!(">{IMAGE}</div>")), "{script}");
        // The element itself has no height of its own: without scripts it
        // is as tall as its image, on a phone as in a 640 px column.
        let div = script
            .split("<div ")
            .nth(1)
            .and_then(|d| d.split('>').next())
            .unwrap_or_default();
        assert!(!div.contains("style") && !div.contains("height"), "{div}");
    }

    #[test]
    fn the_pym_element_holds_the_image_until_pym_replaces_it() {
        let e = embed("https://a.example/", "T", "dark");
        let pym = code(Form::Pym, &e);
        assert!(
            pym.contains(&format!("line-height:0\">{IMAGE}</div>")),
            "{pym}"
        );
    }

    #[test]
    fn forms_are_named_both_ways() {
        for form in Form::ALL {
            assert_eq!(Form::from_key(form.key()), Some(form));
        }
        assert_eq!(Form::from_key("video"), None);
    }
}
