//! One chart's `<figure>` as HTML: title, subtitle, the box of its plot
//! (holding the prerendered image the canvas is later drawn over), the
//! summary and key hint for assistive technology, notes, the source line,
//! the data table behind its button and, on the dashboard, the menu of
//! downloads and embed codes.

use article_dataset::{Chart, Dataset};

use super::{escape, tables, text_el};
use crate::embed_code::stem;
use crate::frame::caption_parts;
use crate::locale::Locale;
use crate::summary::summary;

/// What a chart's figure carries besides the chart.
#[derive(Clone, Copy)]
pub struct Chrome<'a> {
    /// The dashboard's downloads and embed codes; `Some` holds the site's
    /// address for the embed codes (`None` inside: relative codes).
    pub tools: Option<Option<&'a str>>,
    /// The title's element: `h3` under the dashboard's sections, `h1` on a
    /// chart's own page.
    pub heading: &'static str,
    /// The chart takes a whole row of the dashboard's grid.
    pub wide: bool,
}

/// The `<figure>` of `chart` in `locale`, with `plot` (an inline `<svg>`,
/// already markup) in the box the canvas will take.
pub fn figure(data: &Dataset, chart: &Chart, locale: Locale, chrome: Chrome, plot: &str) -> String {
    let s = locale.page_strings();
    let id = escape(&chart.id);
    let parts = caption_parts(data, chart, locale);
    let mut out = format!(
        "<figure class=\"chart{}\" data-chart=\"{id}\" data-kind=\"{}\" data-lang=\"{}\">",
        if chrome.wide { " wide" } else { "" },
        chart.kind.name(),
        locale.url_tag(),
    );
    out.push_str(&format!(
        "<{h} class=\"chart-title\" id=\"chart-title-{id}\">{}</{h}>",
        escape(locale.pick(&chart.title)),
        h = chrome.heading,
    ));
    if let Some(subtitle) = &parts.subtitle {
        out.push_str(&text_el("p", "chart-subtitle", subtitle));
    }
    // The box's height is reserved by the generated `plot-heights.css` for
    // every width, so nothing moves when the canvas replaces the image.
    out.push_str(&format!("<div class=\"plot-wrap\">{plot}</div>"));
    out.push_str(&format!(
        "<p class=\"chart-summary sr-only\" id=\"chart-summary-{id}\">{}</p>",
        escape(&summary(data, chart, locale))
    ));
    // Referenced by the canvas's `aria-describedby`, the hint is read with
    // it; hidden, it is not read a second time in browse mode.
    out.push_str(&format!(
        "<p id=\"chart-keys-{id}\" hidden>{}</p>",
        escape(s.keys_hint)
    ));
    out.push_str("<figcaption>");
    for note in &parts.notes {
        out.push_str(&text_el("p", "note", note));
    }
    // One quiet row: the source, the data table's button, and one menu for
    // downloads and embed codes.
    out.push_str("<div class=\"chart-actions\">");
    out.push_str(&text_el("p", "source", &parts.source));
    if let Some(credit) = &parts.credit {
        out.push_str(&text_el("p", "credit", credit));
    }
    out.push_str(&format!(
        concat!(
            "<div class=\"chart-data\"><button type=\"button\" class=\"data-toggle\" ",
            "aria-expanded=\"false\" aria-controls=\"chart-data-{id}\">{}</button>",
            "<div class=\"data-table-wrap sr-only\" id=\"chart-data-{id}\">{}</div></div>"
        ),
        escape(s.show_data),
        tables::chart_table(data, chart, locale),
        id = id,
    ));
    if let Some(base) = chrome.tools {
        out.push_str(&tools(data, chart, locale, base));
    }
    out.push_str("</div></figcaption></figure>");
    out
}

/// The downloads and embed codes under a dashboard chart, in a native
/// `<details>` disclosure, so they need no script to open.
fn tools(data: &Dataset, chart: &Chart, locale: Locale, base: Option<&str>) -> String {
    let s = locale.page_strings();
    let name = escape(&stem(&chart.id, locale));
    let id = escape(&chart.id);
    let download = escape(s.download);
    let link = |href: String, file: String, text: &str| {
        format!(
            "<a class=\"download\" href=\"{href}\" download=\"{file}\" aria-label=\"{download} {text}\">{text}</a>"
        )
    };
    // The PNG is the publication image drawn at build time; the CSV is
    // written at build time too, so every download is a plain link.
    let downloads = [
        link(format!("static/{name}.png"), format!("{name}.png"), "PNG"),
        link(format!("data/{id}.csv"), format!("{id}.csv"), "CSV"),
        link(format!("static/{name}.svg"), format!("{name}.svg"), "SVG"),
    ]
    .concat();
    format!(
        concat!(
            "<details class=\"chart-tools\"><summary>{menu}</summary><div class=\"menu-panel\">",
            "<p class=\"downloads\"><span class=\"tools-label\">{download}</span>{downloads}</p>",
            "<div class=\"embed\"><p class=\"tools-label\">{embed}</p>{panel}",
            "<a href=\"embed/{name}.html\" target=\"_blank\" rel=\"noopener\">{open}</a> · ",
            "<a href=\"standalone/{name}.html\" download=\"{name}.html\">{copy}</a>",
            "</div></div></details>"
        ),
        menu = escape(s.menu),
        download = download,
        downloads = downloads,
        embed = escape(s.embed),
        panel = super::panel::embed_panel(data, chart, locale, base),
        name = name,
        open = escape(s.open_chart),
        copy = escape(s.standalone_copy),
    )
}
