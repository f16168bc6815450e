//! The dashboard's page: its language from the URL, the headline, dek and
//! data note, and one section of figures after another.

use wasm_bindgen::prelude::*;
use web_sys::{Document, HtmlElement, Window};

use crate::data::DATASET;
use crate::locale::Locale;

use super::dom::{el, link, text_el};
use super::figure::{build_chart, Chrome, Placed};

/// The `lang=` of the page URL, or Simplified Chinese.
pub(super) fn locale_from_url(window: &Window) -> Locale {
    let search = window.location().search().unwrap_or_default();
    web_sys::UrlSearchParams::new_with_str(&search)
        .ok()
        .and_then(|p| p.get("lang"))
        .and_then(|tag| Locale::from_tag(&tag))
        .unwrap_or(Locale::DEFAULT)
}

/// Builds header, sections and one figure per chart inside `root`.
pub(super) fn build_page(
    document: &Document,
    root: &HtmlElement,
    locale: Locale,
) -> Result<Vec<Placed>, JsValue> {
    let s = locale.strings();
    if let Some(html) = document.document_element() {
        html.set_attribute("lang", locale.tag())?;
    }
    let meta = &DATASET.meta;
    let headline = locale.pick(&meta.title);
    document.set_title(headline);
    root.set_text_content(None);

    let header = el(document, "header", "masthead")?;
    header.append_child(&*super::lang::switch(document, locale)?)?;
    header.append_child(&*text_el(document, "h1", "", headline)?)?;
    if let Some(dek) = locale.pick_opt(meta.dek.as_ref()) {
        header.append_child(&*text_el(document, "p", "dek", dek)?)?;
    }
    let data_note = locale.pick_opt(meta.data_note.as_ref()).unwrap_or("");
    let note = text_el(document, "p", "data-note", data_note)?;
    for (href, text) in [
        ("data/indicators.csv", s.download_csv),
        ("data/indicators.json", s.download_json),
    ] {
        note.append_with_str_1(" ")?;
        let a = link(document, href, text)?;
        a.set_attribute("download", "")?;
        note.append_child(&a)?;
    }
    header.append_child(&note)?;
    root.append_child(&header)?;

    let main = el(document, "main", "")?;
    let mut placed = Vec::new();
    for (number, section) in DATASET.sections.iter().enumerate() {
        let charts: Vec<usize> = DATASET
            .charts
            .iter()
            .enumerate()
            .filter(|(_, c)| usize::from(c.section) == number)
            .map(|(i, _)| i)
            .collect();
        if charts.is_empty() {
            continue;
        }
        let sec = el(document, "section", "story-section")?;
        sec.set_attribute("data-section", &section.id)?;
        sec.append_child(&*text_el(document, "h2", "", locale.pick(&section.title))?)?;
        sec.append_child(&*text_el(
            document,
            "p",
            "intro",
            locale.pick(&section.description),
        )?)?;
        let grid = el(document, "div", "chart-grid")?;
        let needs_row: Vec<bool> = charts
            .iter()
            .filter_map(|&i| DATASET.charts.get(i))
            .map(crate::layout::spans_the_row)
            .collect();
        let whole = crate::layout::whole_rows(&needs_row);
        for (n, index) in charts.into_iter().enumerate() {
            let (figure, p) = build_chart(
                document,
                index,
                locale,
                Chrome {
                    plain: false,
                    tools: true,
                    heading: "h3",
                },
            )?;
            if whole.get(n) == Some(&true) {
                figure.class_list().add_1("wide")?;
            }
            grid.append_child(&figure)?;
            placed.push(p);
        }
        sec.append_child(&grid)?;
        main.append_child(&sec)?;
    }
    main.append_child(&*super::figures::section(document, locale)?)?;
    root.append_child(&main)?;
    Ok(placed)
}
