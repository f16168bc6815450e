//! The language switch of the dashboard: every supported language, each
//! named in itself, the current one marked with `aria-current`.

use wasm_bindgen::prelude::*;
use web_sys::{Document, Element};

use crate::locale::Locale;

/// A `<nav>` with one entry per language.
pub(super) fn switch(document: &Document, locale: Locale) -> Result<Element, JsValue> {
    let nav = document.create_element("nav")?;
    nav.set_class_name("lang-switch");
    nav.set_attribute("aria-label", locale.strings().languages)?;
    let list = document.create_element("ul")?;
    for other in Locale::ALL {
        let item = document.create_element("li")?;
        let a = document.create_element("a")?;
        a.set_text_content(Some(other.endonym()));
        a.set_attribute("href", &format!("?lang={}", other.url_tag()))?;
        a.set_attribute("lang", other.tag())?;
        a.set_attribute("hreflang", other.tag())?;
        if other == locale {
            a.set_attribute("aria-current", "page")?;
        }
        item.append_child(&a)?;
        list.append_child(&item)?;
    }
    nav.append_child(&list)?;
    Ok(nav)
}
