//! The code an editor pastes to embed a chart, and the names of a chart's
//! files: platform-free, so the dashboard (in the browser) and the build
//! tool (which writes the files and the catalogue) agree to the letter, and
//! both are tested natively.

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

/// The address of a chart's embed page in the folder `dir` (which ends
/// with `/`, or is empty for a relative address).
pub fn embed_url(dir: &str, id: &str, locale: Locale) -> String {
    format!("{dir}embed.html?chart={id}&lang={}", locale.url_tag())
}

/// The folder of an address: everything up to its last `/`, query and
/// fragment dropped.
pub fn folder_of(url: &str) -> &str {
    let page = url.split(['?', '#']).next().unwrap_or("");
    &page[..page.rfind('/').map_or(0, |i| i + 1)]
}

/// The iframe code, with the optional resizing script beside it.
pub fn iframe_code(dir: &str, url: &str, title: &str, height: f64) -> String {
    format!(
        "<iframe src=\"{}\" title=\"{}\" width=\"100%\" height=\"{}\" style=\"border:0\" loading=\"lazy\"></iframe>\n<script async src=\"{}embed-resize.js\"></script>",
        escape_attr(url),
        escape_attr(title),
        height.round(),
        escape_attr(dir)
    )
}

/// The script embed: an element the script mounts the chart in, with the
/// static image for readers without scripts.
pub fn script_code(dir: &str, id: &str, locale: Locale, title: &str) -> String {
    let dir = escape_attr(dir);
    format!(
        "<div data-danba-chart=\"{}\" data-lang=\"{}\"><noscript><img src=\"{dir}static/{}.png\" alt=\"{}\" width=\"640\"></noscript></div>\n<script type=\"module\" src=\"{dir}danba-embed.js\"></script>",
        escape_attr(id),
        locale.url_tag(),
        escape_attr(&stem(id, locale)),
        escape_attr(title),
    )
}

/// The forms of embed code the dashboard offers, in the panel's order.
/// (Interface shared by the page markup and the embed codes; the forms'
/// exact text is the embed-code module's job.)
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
}

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

/// The code of one form for one chart. (Stub: the embed-code work refines
/// each form.)
pub fn code(form: Form, embed: &Embed) -> String {
    let url = embed_url(embed.dir, embed.id, embed.locale);
    match form {
        Form::Iframe | Form::Pym => iframe_code(embed.dir, &url, embed.title, embed.height),
        Form::Script => script_code(embed.dir, embed.id, embed.locale, embed.title),
        Form::Image => format!(
            "<a href=\"{}\"><img src=\"{}static/{}.png\" alt=\"{}\"></a>",
            escape_attr(&url),
            escape_attr(embed.dir),
            escape_attr(&stem(embed.id, embed.locale)),
            escape_attr(embed.title)
        ),
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

    #[test]
    fn embed_codes_escape_what_they_quote() {
        let code = iframe_code(
            "https://a.example/",
            "https://a.example/embed.html?chart=x&lang=en",
            "A \"quoted\" <title>",
            403.4,
        );
        assert!(
            code.contains("src=\"https://a.example/embed.html?chart=x&amp;lang=en\""),
            "{code}"
        );
        assert!(
            code.contains("title=\"A &quot;quoted&quot; &lt;title&gt;\""),
            "{code}"
        );
        assert!(code.contains("height=\"403\""), "{code}");
        let script = script_code("https://a.example/", "x", Locale::En, "T & U");
        assert!(
            script.contains("data-danba-chart=\"x\" data-lang=\"en\""),
            "{script}"
        );
        assert!(script.contains("static/x.en.png"), "{script}");
        assert!(script.contains("alt=\"T &amp; U\""), "{script}");
    }
}
