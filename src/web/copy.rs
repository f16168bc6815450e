//! The embed panel's copy buttons (the panel itself is static HTML,
//! `markup::panel`). A button copies its code with the asynchronous
//! clipboard API; where the browser refuses (no secure context, no
//! permission, an old browser), the code is selected instead and the
//! status line says which keys copy it. Either way the button shows the
//! result, and the page's one polite live region (`keys`, `article-charts-live`)
//! reads it out.
//!
//! A panel built without the site's address (`data-relative`) holds
//! relative codes, which would point into the article's own site once
//! pasted; they are completed here with the page's own folder, from the
//! same `embed_code` functions that wrote them, and the chart's title its
//! figure shows.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Event, HtmlElement};

use crate::data::DATASET;
use crate::embed_code::{code, folder_of, Embed, Form, Heights, THEMES};
use crate::heights::Reserve;
use crate::locale::Locale;

use super::dom;
use super::listener::{event_origin, Listener};

/// Completes the relative codes of every panel under `root` and answers
/// their copy buttons (one listener for all of them).
pub(super) fn attach(root: &Element) -> Result<Listener, JsValue> {
    let document = root.owner_document().ok_or("no document")?;
    complete_codes(&document, root)?;
    Listener::new(root, "click", move |e: Event| {
        let Some(button) = event_origin(&e).and_then(|t| t.closest(".copy-code").ok().flatten())
        else {
            return;
        };
        if let Err(err) = copy(&document, &button) {
            web_sys::console::error_1(&err);
        }
    })
}

/// Writes the codes of the relative panels under `root` again with the
/// page's folder as their address.
fn complete_codes(document: &Document, root: &Element) -> Result<(), JsValue> {
    let base = document.base_uri()?.unwrap_or_default();
    let dir = folder_of(&base);
    let panels = root.query_selector_all(".embed-panel[data-relative]")?;
    for i in 0..panels.length() {
        let Some(panel) = panels.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        let attr = |name: &str| panel.get_attribute(name).unwrap_or_default();
        let Some(chart) = DATASET.charts.iter().find(|c| *c.id == *attr("data-chart")) else {
            continue;
        };
        // A language the article does not publish has no files to embed.
        let locale =
            Locale::from_tag(&attr("data-lang")).map_or(Locale::DEFAULT, |l| l.within(&DATASET));
        let number = |name: &str| dom::number(&attr(name)).unwrap_or(0.0);
        let phone_image = attr("data-phone-image");
        let mut phone_image = phone_image
            .split(' ')
            .map(|n| dom::number(n).unwrap_or(0.0));
        let heights = Heights {
            column: number("data-height"),
            // A panel written by this very build always has its knots; the
            // 640 px height alone is the next best thing.
            reserve: Reserve::from_attr(&attr("data-reserve"), dom::number)
                .unwrap_or_else(|| Reserve::flat(number("data-height"))),
            image: number("data-image-height"),
            phone_image: (
                phone_image.next().unwrap_or(0.0),
                phone_image.next().unwrap_or(0.0),
            ),
        };
        // The module does not carry the charts' titles: the panel's figure
        // shows it (see `Dataset::without_page_texts`).
        let title = panel
            .closest("figure.chart")?
            .and_then(|f| f.query_selector(".chart-title").ok().flatten())
            .and_then(|t| t.text_content())
            .unwrap_or_default();
        let codes = panel.query_selector_all(".embed-code")?;
        for j in 0..codes.length() {
            let Some(area) = codes.item(j).and_then(|n| n.dyn_into::<Element>().ok()) else {
                continue;
            };
            let Some(form) = area
                .get_attribute("data-form")
                .and_then(|f| Form::from_key(&f))
            else {
                continue;
            };
            let theme = area.get_attribute("data-theme");
            let embed = Embed {
                dir,
                id: &chart.id,
                locale,
                title: &title,
                heights,
                theme: theme.as_deref().unwrap_or(THEMES[0]),
            };
            area.set_text_content(Some(&code(form, &embed)));
        }
        panel.remove_attribute("data-relative")?;
    }
    Ok(())
}

/// Copies the code of `button`, then shows what happened.
fn copy(document: &Document, button: &Element) -> Result<(), JsValue> {
    let id = button.get_attribute("data-copy").unwrap_or_default();
    let area: HtmlElement = document
        .get_element_by_id(&id)
        .ok_or("no code for this button")?
        .dyn_into()?;
    let panel = button.closest(".embed-panel")?;
    let locale = panel
        .and_then(|p| p.get_attribute("data-lang"))
        .and_then(|tag| Locale::from_tag(&tag))
        .map_or(Locale::DEFAULT, |l| l.within(&DATASET));
    // Earlier buttons go back to "copy": only the last copy is on the
    // clipboard.
    if let Some(panel) = button.closest(".embed-panel")? {
        let copied = panel.query_selector_all(".copy-code[data-copied]")?;
        for i in 0..copied.length() {
            if let Some(other) = copied.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                show(&other, locale, None);
            }
        }
    }
    let clipboard = web_sys::window()
        .map(|w| w.navigator())
        .filter(|n| js_sys::Reflect::has(n, &JsValue::from_str("clipboard")).unwrap_or(false))
        .map(|n| n.clipboard());
    let Some(clipboard) = clipboard else {
        by_hand(&area, button, locale);
        return Ok(());
    };
    let text = area.text_content().unwrap_or_default();
    let (done, failed) = (button.clone(), button.clone());
    let ok = Closure::once_into_js(move |_: JsValue| show(&done, locale, Some(true)));
    let refused = Closure::once_into_js(move |_: JsValue| by_hand(&area, &failed, locale));
    // `then` with two one-shot callbacks, each freed once called.
    let promise = clipboard.write_text(&text);
    let then: js_sys::Function =
        js_sys::Reflect::get(&promise, &JsValue::from_str("then"))?.dyn_into()?;
    then.call2(&promise, &ok, &refused)?;
    Ok(())
}

/// Selects the code for the reader to copy with the keyboard.
fn by_hand(area: &HtmlElement, button: &Element, locale: Locale) {
    let _ = area.focus();
    if let Some(selection) = web_sys::window().and_then(|w| w.get_selection().ok().flatten()) {
        let _ = selection.select_all_children(area);
    }
    show(button, locale, Some(false));
}

/// Shows the state of a copy button: copied (`Some(true)`), selected for
/// copying by hand (`Some(false)`), or back to "copy" (`None`).
fn show(button: &Element, locale: Locale, copied: Option<bool>) {
    let s = &locale.strings().copy;
    let status = button.next_element_sibling();
    let (label, said) = match copied {
        Some(true) => (s.copied, s.copied),
        Some(false) => (s.copy, s.copy_by_hand),
        None => (s.copy, ""),
    };
    button.set_text_content(Some(label));
    let _ = if copied == Some(true) {
        button.set_attribute("data-copied", "")
    } else {
        button.remove_attribute("data-copied")
    };
    if let Some(status) = status {
        status.set_text_content(Some(said));
    }
    // Said through the page's one live region.
    let live = button
        .owner_document()
        .and_then(|d| super::keys::page_live_region(&d).ok());
    if let (Some(live), false) = (live, said.is_empty()) {
        live.set_text_content(Some(said));
    }
}
