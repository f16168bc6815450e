//! The data tables as HTML: a chart's own (behind its "Show data" button)
//! and the table of every figure on a page of its own, whose rows carry the
//! numbers the page's sort buttons order them by.

use std::collections::HashMap;

use article_dataset::{Chart, Dataset};

use super::{escape, text_el};
use crate::locale::Locale;
use crate::strings::fill;
use crate::summary::{all_figure_rows, table_rows};

/// The sort keys of the table of every figure, as in `data-sort`.
pub const SORT_KEYS: [&str; 4] = ["theme", "label", "value", "year"];

/// A chart's data table: a caption, a header row, and a row per figure with
/// its value, year and source sentence. A figure's note rides on its row as
/// `data-note`: the tooltip shows it, and the module, which does not carry
/// the notes, reads it there (see `web/texts.rs`).
pub fn chart_table(data: &Dataset, chart: &Chart, locale: Locale) -> String {
    let s = locale.page_strings();
    let mut out = String::from("<table class=\"data-table\">");
    out.push_str(&text_el("caption", "", locale.pick(&chart.title)));
    out.push_str("<thead><tr>");
    for name in s.table_columns {
        out.push_str(&format!("<th scope=\"col\">{}</th>", escape(name)));
    }
    out.push_str("</tr></thead><tbody>");
    for r in table_rows(data, chart, locale) {
        let note = if r.note.is_empty() {
            String::new()
        } else {
            format!(" data-note=\"{}\"", escape(&r.note))
        };
        // The sentence is in the reader's language (a translation on the
        // English page), so it is marked as the page's language.
        out.push_str(&format!(
            concat!(
                "<tr data-indicator=\"{}\"{}><th scope=\"row\">{}</th><td class=\"value\">{}</td>",
                "<td class=\"year\">{}</td><td class=\"source\" lang=\"{}\">{}</td></tr>"
            ),
            escape(&r.id),
            note,
            escape(&r.label),
            escape(&r.value),
            escape(&r.year),
            locale.tag(),
            escape(&r.source),
        ));
    }
    out.push_str("</tbody></table>");
    out
}

fn sort_button(key: &str, text: &str, pressed: Option<bool>) -> String {
    let pressed = pressed.map_or(String::new(), |p| format!(" aria-pressed=\"{p}\""));
    format!(
        "<button type=\"button\" class=\"sort\" data-sort=\"{key}\"{pressed}>{}</button>",
        escape(text)
    )
}

/// The section of the table of every figure: heading (the `h1` of its
/// page), a line on how to use it, the theme button and the table, grouped
/// by theme. A figure's charts are links to them on the dashboard.
pub fn all_figures(data: &Dataset, locale: Locale) -> String {
    let dashboard = super::page::dashboard_file(locale);
    let s = &locale.page_strings().all;
    let mut out = String::from(
        "<section class=\"story-section all-figures\" id=\"all-figures\" data-section=\"all-figures\">",
    );
    out.push_str(&format!(
        "<h1 id=\"all-figures-title\">{}</h1>",
        escape(s.title)
    ));
    out.push_str(&text_el("p", "intro", s.intro));
    out.push_str(&format!(
        "<p class=\"sort-bar\">{}{}</p>",
        escape(s.sort_by),
        sort_button(SORT_KEYS[0], s.by_theme, Some(true))
    ));
    out.push_str(concat!(
        "<div class=\"all-figures-wrap\"><table class=\"data-table figures-table\" ",
        "aria-labelledby=\"all-figures-title\" data-sorted=\"theme\"><thead><tr>"
    ));
    let keys = [
        Some(SORT_KEYS[1]),
        Some(SORT_KEYS[2]),
        Some(SORT_KEYS[3]),
        None,
        None,
    ];
    for (name, key) in s.columns.iter().zip(keys) {
        match key {
            Some(key) => out.push_str(&format!(
                "<th scope=\"col\">{}</th>",
                sort_button(key, name, None)
            )),
            None => out.push_str(&format!("<th scope=\"col\">{}</th>", escape(name))),
        }
    }
    out.push_str("</tr></thead><tbody>");
    let mut theme = None;
    // Each sentence is quoted once, in the first row that comes from it; the
    // other rows of that sentence link to it. One sentence may hold nine
    // figures: quoted in full nine times, it made most of the page's height
    // and of its first layout.
    let mut quoted: HashMap<String, (String, String)> = HashMap::new();
    for (order, r) in all_figure_rows(data, locale).into_iter().enumerate() {
        if theme != Some(r.theme) {
            theme = Some(r.theme);
            out.push_str(&format!(
                "<tr class=\"group\" data-theme=\"{}\"><th colspan=\"5\" scope=\"rowgroup\">{}</th></tr>",
                r.theme,
                escape(&r.theme_name)
            ));
        }
        let number = r
            .number
            .map_or(String::new(), |n| format!(" data-number=\"{n}\""));
        let year = r
            .year
            .map_or(String::new(), |y| format!(" data-year=\"{y}\""));
        let first = quoted.get(&r.source).cloned();
        let anchor = if first.is_none() {
            quoted.insert(r.source.clone(), (r.id.clone(), r.label.clone()));
            format!(" id=\"figure-{}\"", escape(&r.id))
        } else {
            String::new()
        };
        out.push_str(&format!(
            "<tr data-indicator=\"{}\" data-theme=\"{}\" data-order=\"{order}\"{number}{year}{anchor}>",
            escape(&r.id),
            r.theme
        ));
        // Each cell carries its column's name: on a phone the rows are
        // stacked and the header row is hidden, so the style sheet writes
        // the name before the cell (`data-label`, www/style.css).
        let [_, value_name, period_name, source_name, shown_name] = s.columns.map(escape);
        out.push_str(&format!(
            concat!(
                "<th scope=\"row\">{}</th><td class=\"value\" data-label=\"{}\">{}</td>",
                "<td class=\"year\" data-label=\"{}\">{}</td>"
            ),
            escape(&r.label),
            value_name,
            escape(&r.value),
            period_name,
            escape(&r.period)
        ));
        match &first {
            None => out.push_str(&format!(
                "<td class=\"source\" data-label=\"{}\"><span lang=\"{}\">{}</span>",
                source_name,
                locale.tag(),
                escape(&r.source)
            )),
            Some((id, label)) => out.push_str(&format!(
                "<td class=\"source same\" data-label=\"{}\"><a href=\"#figure-{}\" data-same=\"{}\" lang=\"{}\">{}</a>",
                source_name,
                escape(id),
                escape(id),
                locale.tag(),
                escape(&fill(s.same_sentence, &[("label", label)]))
            )),
        }
        // The note says what the sentence alone would mislead on (a [sic], a
        // restored passage, an overlap), in every language, for figures in
        // no chart as for the others.
        if !r.note.is_empty() {
            out.push_str(&format!(
                "<p class=\"note\" lang=\"{}\">{}{}</p>",
                locale.tag(),
                escape(s.note),
                escape(&r.note)
            ));
        }
        if let (None, Some(original)) = (&first, &r.original) {
            out.push_str(&format!(
                "<details><summary>{}</summary><p class=\"original\" lang=\"zh-Hans\">{}</p></details>",
                escape(s.original),
                escape(original)
            ));
        }
        out.push_str("</td>");
        if r.shown_in.is_empty() {
            out.push_str(&format!(
                "<td class=\"shown table-only\" data-label=\"{}\">{}</td>",
                shown_name,
                escape(s.table_only)
            ));
        } else {
            let links: Vec<String> = r
                .shown_in
                .iter()
                .map(|(id, title)| {
                    format!(
                        "<a href=\"{dashboard}#chart-title-{}\">{}</a>",
                        escape(id),
                        escape(title)
                    )
                })
                .collect();
            out.push_str(&format!(
                "<td class=\"shown\" data-label=\"{}\">{}</td>",
                shown_name,
                links.join(" · ")
            ));
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></div></section>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::summary::{tooltip_text, tooltip_with};

    /// The value of the attribute `name` in the row starting at `row`.
    fn attribute<'a>(row: &'a str, name: &str) -> Option<&'a str> {
        let head = &row[..row.find('>')?];
        let at = head.find(&format!(" {name}=\""))? + name.len() + 3;
        head[at..].split('"').next()
    }

    /// The text of the first `<td class="source" …>` cell in `row`.
    fn source_cell(row: &str) -> Option<&str> {
        let cell = &row[row.find("<td class=\"source\"")?..];
        let text = &cell[cell.find('>')? + 1..];
        text.split("</td>").next()
    }

    fn unescape(text: &str) -> String {
        text.replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&")
    }

    /// Every note of every figure reaches the table of every figure, in
    /// every language, figures in no chart included (their notes reached
    /// no page before: a [sic] flag was lost on the Chinese pages); and on
    /// a phone, where the header row is hidden, every cell names its column.
    #[test]
    fn the_table_of_every_figure_shows_every_note_and_names_every_cell() {
        let data = crate::data::dataset();
        let mut notes = 0;
        for locale in Locale::ALL {
            let html = all_figures(data, locale);
            let rows: Vec<&str> = html.split("<tr data-indicator=").skip(1).collect();
            assert_eq!(rows.len(), data.indicators.len());
            for (row, ind) in rows.iter().zip(all_figure_rows(data, locale)) {
                let row = row.split("</tr>").next().unwrap_or("");
                if let Some(note) = data
                    .indicators
                    .iter()
                    .find(|i| i.id.as_ref() == ind.id)
                    .and_then(|i| locale.pick_opt(i.note.as_ref()))
                {
                    notes += 1;
                    assert!(
                        row.contains(&escape(note)),
                        "{locale:?} {}: the note {note:?} is not in its row",
                        ind.id
                    );
                }
                let cells = row.matches("<td").count();
                assert_eq!(cells, 4, "{locale:?} {}", ind.id);
                assert_eq!(
                    row.matches("<td class=\"").count(),
                    row.matches(" data-label=\"").count(),
                    "{locale:?} {}: a cell without its column's name",
                    ind.id
                );
            }
        }
        assert!(notes > 0);
    }

    /// The table quotes each sentence once: in the first row of its
    /// figures; every later row of the same sentence links to that row,
    /// which exists and quotes it.
    #[test]
    fn the_table_of_every_figure_quotes_each_sentence_once() {
        let data = crate::data::dataset();
        for locale in Locale::ALL {
            let html = all_figures(data, locale);
            let figures = all_figure_rows(data, locale);
            let mut links = 0;
            for ind in &figures {
                let quoted = format!(">{}</span>", escape(&ind.source));
                assert_eq!(
                    html.matches(&quoted).count(),
                    1,
                    "{locale:?}: the sentence of {} is not quoted exactly once",
                    ind.id
                );
            }
            for row in html.split("<tr data-indicator=").skip(1) {
                let row = format!(
                    "<tr data-indicator={}",
                    row.split("</tr>").next().unwrap_or("")
                );
                let Some(target) = row
                    .split("data-same=\"")
                    .nth(1)
                    .and_then(|rest| rest.split('"').next())
                else {
                    continue;
                };
                links += 1;
                let id = attribute(&row, "data-indicator").unwrap_or_default();
                let sentence = |id: &str| {
                    figures
                        .iter()
                        .find(|f| f.id == id)
                        .map(|f| f.source.clone())
                };
                assert_eq!(
                    sentence(id),
                    sentence(target),
                    "{locale:?}: {id} links to {target}"
                );
                assert!(
                    html.contains(&format!(" id=\"figure-{target}\"")),
                    "{locale:?}: {id} links to a row that has no anchor"
                );
            }
            assert!(links > 0, "{locale:?}: no sentence holds two figures");
        }
    }

    /// The module is built without the figures' notes and sentences
    /// (`Dataset::without_page_texts`) and reads them from a chart's data
    /// table: from each row, the tooltip must say what the dataset says.
    #[test]
    fn each_row_carries_the_note_and_sentence_the_tooltip_shows() {
        let data = crate::data::dataset();
        let mut notes = 0;
        for locale in Locale::ALL {
            for chart in data.charts.iter() {
                let html = chart_table(data, chart, locale);
                let rows: Vec<&str> = html.split("<tr data-indicator=").skip(1).collect();
                assert_eq!(rows.len(), data.items(chart).count(), "{}", chart.id);
                for (ind, row) in data.items(chart).zip(rows) {
                    let row = format!("<tr data-indicator={row}");
                    assert_eq!(attribute(&row, "data-indicator"), Some(ind.id.as_ref()));
                    let note = attribute(&row, "data-note").map(unescape);
                    notes += usize::from(note.is_some());
                    let source = source_cell(&row).map(unescape).unwrap_or_default();
                    assert_eq!(
                        tooltip_with(ind, locale, note.as_deref().unwrap_or(""), &source),
                        tooltip_text(ind, locale),
                        "{:?} {}",
                        locale,
                        ind.id
                    );
                }
            }
        }
        // Some figure of the article has a note, or the test proves nothing
        // about them.
        assert!(notes > 0);
    }
}
