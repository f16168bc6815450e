//! The dashboard as HTML, one page per language: the language switch (plain
//! links to the other languages' files), headline, dek and data note, one
//! section of figures after another, and a link to the table of every
//! figure, which has a page of its own in each language.

use article_dataset::{Chart, Dataset};

use super::figure::{figure, Chrome};
use super::{escape, tables, text_el};
use crate::embed_code::stem;
use crate::locale::Locale;
use crate::strings::fill;

/// The file name of the dashboard in `locale`: `index.html`,
/// `index.zh-Hant.html`, `index.en.html`.
pub fn dashboard_file(locale: Locale) -> String {
    format!("{}.html", stem("index", locale))
}

/// The file name of the table of every figure in `locale`: `figures.html`,
/// `figures.zh-Hant.html`, `figures.en.html`.
pub fn figures_file(locale: Locale) -> String {
    format!("{}.html", stem("figures", locale))
}

/// The language switch: every language `data` publishes named in itself,
/// each a link to the same page in it (`file` names that page in a
/// language), the current one marked with `aria-current`.
pub fn language_switch(data: &Dataset, locale: Locale, file: fn(Locale) -> String) -> String {
    let mut out = format!(
        "<nav class=\"lang-switch\" aria-label=\"{}\"><ul>",
        escape(locale.page_strings().languages)
    );
    for &other in Locale::published(data) {
        let current = if other == locale {
            " aria-current=\"page\""
        } else {
            ""
        };
        out.push_str(&format!(
            "<li><a href=\"{}\" lang=\"{tag}\" hreflang=\"{tag}\"{current}>{}</a></li>",
            file(other),
            escape(other.endonym()),
            tag = other.tag(),
        ));
    }
    out.push_str("</ul></nav>");
    out
}

/// The inside of the dashboard's `#app`. `plot(chart, wide)` gives a
/// chart's prerendered image; `base` is the site's address for the embed
/// codes, when the build knows it.
pub fn dashboard(
    data: &Dataset,
    locale: Locale,
    base: Option<&str>,
    plot: &mut dyn FnMut(&Chart, bool) -> String,
) -> String {
    let meta = &data.meta;
    let mut out = String::from("<header class=\"masthead\">");
    out.push_str(&language_switch(data, locale, dashboard_file));
    out.push_str(&text_el("h1", "", locale.pick(&meta.title)));
    if let Some(dek) = locale.pick_opt(meta.dek.as_ref()) {
        out.push_str(&text_el("p", "dek", dek));
    }
    out.push_str(&data_note(data, locale));
    out.push_str("</header><main>");
    for (number, section) in data.sections.iter().enumerate() {
        let charts: Vec<&Chart> = data
            .charts
            .iter()
            .filter(|c| usize::from(c.section) == number)
            .collect();
        if charts.is_empty() {
            continue;
        }
        out.push_str(&format!(
            "<section class=\"story-section\" data-section=\"{}\">",
            escape(&section.id)
        ));
        out.push_str(&text_el("h2", "", locale.pick(&section.title)));
        out.push_str(&text_el("p", "intro", locale.pick(&section.description)));
        out.push_str("<div class=\"chart-grid\">");
        let needs_row: Vec<bool> = charts
            .iter()
            .map(|c| crate::layout::spans_the_row(c))
            .collect();
        let whole = crate::layout::whole_rows(&needs_row);
        for (chart, wide) in charts.iter().zip(whole) {
            let chrome = Chrome {
                tools: Some(base),
                heading: "h3",
                wide,
            };
            out.push_str(&figure(data, chart, locale, chrome, &plot(chart, wide)));
        }
        out.push_str("</div></section>");
    }
    out.push_str(&all_figures_link(data, locale));
    out.push_str("</main>");
    out
}

/// The article's data note and the links that download every figure.
fn data_note(data: &Dataset, locale: Locale) -> String {
    let s = locale.page_strings();
    let mut out = format!(
        "<p class=\"data-note\">{}",
        escape(locale.pick_opt(data.meta.data_note.as_ref()).unwrap_or(""))
    );
    for (href, text) in [
        ("data/indicators.csv", s.download_csv),
        ("data/indicators.json", s.download_json),
    ] {
        out.push_str(&format!(
            " <a href=\"{href}\" download>{}</a>",
            escape(text)
        ));
    }
    out.push_str("</p>");
    out
}

/// The dashboard's last section: what the table of every figure holds and
/// a link to its page. The table had stood here, and made most of the
/// dashboard's height: every resize of the page laid it out again, and
/// with it the first frame and every pointer move cost more (see
/// `bench/results.md`). Its anchor stays, so an old link to it still lands
/// on the way to the table.
fn all_figures_link(data: &Dataset, locale: Locale) -> String {
    let s = &locale.page_strings().all;
    format!(
        concat!(
            "<section class=\"story-section all-figures-link\" id=\"all-figures\" ",
            "data-section=\"all-figures\">",
            "<h2>{}</h2><p class=\"intro\">{}</p>",
            "<p class=\"more\"><a href=\"{}\">{}</a></p></section>"
        ),
        escape(s.title),
        escape(s.elsewhere),
        figures_file(locale),
        escape(&fill(
            s.open,
            &[("count", &data.indicators.len().to_string())]
        )),
    )
}

/// The inside of `#app` of the table of every figure's own page: the
/// language switch, a link back to the charts, the data note and the table.
pub fn figures_page(data: &Dataset, locale: Locale) -> String {
    let mut out = String::from("<header class=\"masthead\">");
    out.push_str(&language_switch(data, locale, figures_file));
    // The way back is the article's headline, as a kicker above the
    // table's heading: it says which article the figures are from.
    out.push_str(&format!(
        "<p class=\"back\"><a href=\"{}\">{}</a></p>",
        dashboard_file(locale),
        escape(locale.pick(&data.meta.title))
    ));
    out.push_str(&data_note(data, locale));
    out.push_str("</header><main>");
    out.push_str(&tables::all_figures(data, locale));
    out.push_str("</main>");
    out
}

/// The `<title>` of the table of every figure's page, escaped.
pub fn figures_title(data: &Dataset, locale: Locale) -> String {
    let s = &locale.page_strings().all;
    escape(&fill(
        s.page_title,
        &[("title", locale.pick(&data.meta.title))],
    ))
}

/// The meta description of the table of every figure's page, escaped.
pub fn figures_description(data: &Dataset, locale: Locale) -> String {
    let s = &locale.page_strings().all;
    escape(&fill(
        s.description,
        &[("title", locale.pick(&data.meta.title))],
    ))
}

/// The inside of a chart's embed page's `#app`: its figure with an `h1`.
pub fn embed_page(data: &Dataset, chart: &Chart, locale: Locale, plot: &str) -> String {
    let chrome = Chrome {
        tools: None,
        heading: "h1",
        wide: false,
    };
    figure(data, chart, locale, chrome, plot)
}

/// A page's meta description: the dek, or the headline without one.
pub fn description(data: &Dataset, locale: Locale) -> String {
    escape(
        locale
            .pick_opt(data.meta.dek.as_ref())
            .unwrap_or(locale.pick(&data.meta.title)),
    )
}

/// A chart page's meta description: its summary, which says what it shows.
pub fn chart_description(data: &Dataset, chart: &Chart, locale: Locale) -> String {
    escape(&crate::summary::summary(data, chart, locale))
}
