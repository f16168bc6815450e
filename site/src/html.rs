//! HTML as the build reads and edits it, through `lol_html` (Cloudflare's
//! streaming HTML rewriter, which tokenises as browsers do): the pages made
//! from the templates (`pages.rs`), the policy check (`csp.rs`) and the
//! fingerprints (`assets.rs`) read and change elements by CSS selector, and
//! never by searching a page's text. Text reaches markup only through
//! `article_charts::markup::escape`.

use anyhow::{anyhow, bail, Context, Result};
use lol_html::html_content::Element;
use lol_html::{element, rewrite_str, text, RewriteStrSettings};
use std::cell::RefCell;

pub use lol_html::html_content::ContentType;

/// One element of a page as it was read: its name, its attributes (names
/// lower-cased, values as written, entities and all) and, for `<script>`,
/// `<style>`, `<title>` and `<noscript>`, its text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tag {
    /// The element's name, lower-cased.
    pub name: String,
    /// Each attribute's name and value, in order.
    pub attributes: Vec<(String, String)>,
    /// The text inside a raw-text element; empty for others.
    pub text: String,
}

impl Tag {
    /// The value of an attribute (case-insensitive name); `Some("")` for a
    /// bare one such as `readonly`.
    pub fn attribute(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.attributes
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Every element of `doc` that `selector` matches, in document order.
/// Comments, code and styles are not markup: nothing in them is taken for
/// an element. Nor is the content of `<noscript>`, which a browser that
/// runs scripts reads as text (it is the `text` of its element, for a
/// reader of what a browser without scripts shows).
pub fn elements(doc: &str, selector: &str) -> Result<Vec<Tag>> {
    let found = RefCell::new(Vec::<Tag>::new());
    // The open raw-text element, whose text chunks belong to it.
    let open = RefCell::new(None::<usize>);
    let settings = RewriteStrSettings::new()
        // Any element that opens ends the text of the one before.
        .append_element_content_handler(element!("*", |_el| {
            *open.borrow_mut() = None;
            Ok(())
        }))
        .append_element_content_handler(element!(selector, |el| {
            let name = el.tag_name().to_ascii_lowercase();
            let attributes = el
                .attributes()
                .iter()
                .map(|a| (a.name().to_ascii_lowercase(), a.value()))
                .collect();
            let mut found = found.borrow_mut();
            let raw = matches!(name.as_str(), "script" | "style" | "title" | "noscript");
            *open.borrow_mut() = raw.then_some(found.len());
            found.push(Tag {
                name,
                attributes,
                text: String::new(),
            });
            Ok(())
        }))
        .append_element_content_handler(text!("script, style, title, noscript", |chunk| {
            if let Some(at) = *open.borrow() {
                if let Some(tag) = found.borrow_mut().get_mut(at) {
                    tag.text.push_str(chunk.as_str());
                }
            }
            if chunk.last_in_text_node() {
                *open.borrow_mut() = None;
            }
            Ok(())
        }));
    rewrite_str(doc, settings).map_err(|e| anyhow!("cannot read the page's markup: {e}"))?;
    Ok(found.into_inner())
}

/// The first element `selector` matches, if any.
pub fn first(doc: &str, selector: &str) -> Result<Option<Tag>> {
    Ok(elements(doc, selector)?.into_iter().next())
}

/// `doc` with `change` applied to every element `selector` matches, and
/// everything else left byte for byte as it was. Fails when `change` does,
/// and when nothing matches (every edit the build makes is of an element
/// the page must have; `what` names it in the message).
pub fn edit(
    doc: &str,
    selector: &str,
    what: &str,
    mut change: impl FnMut(&mut Element) -> Result<()>,
) -> Result<String> {
    let mut matched = 0;
    let settings =
        RewriteStrSettings::new().append_element_content_handler(element!(selector, |el| {
            matched += 1;
            change(el).map_err(|e| format!("{e:#}").into())
        }));
    let out = rewrite_str(doc, settings).map_err(|e| anyhow!("{e}"))?;
    if matched == 0 {
        bail!("the page has no {what}");
    }
    Ok(out)
}

/// `doc` with every element `selector` matches removed, content and all;
/// where there is none, `doc` as it was.
pub fn remove(doc: &str, selector: &str) -> Result<String> {
    let settings =
        RewriteStrSettings::new().append_element_content_handler(element!(selector, |el| {
            el.remove();
            Ok(())
        }));
    rewrite_str(doc, settings).context("cannot read the page's markup")
}

/// `doc` with every element `selector` matches replaced by what `with`
/// makes of it (HTML); where there is none, `doc` as it was.
pub fn replace(
    doc: &str,
    selector: &str,
    mut with: impl FnMut(&Tag) -> Result<String>,
) -> Result<String> {
    let settings =
        RewriteStrSettings::new().append_element_content_handler(element!(selector, |el| {
            let tag = Tag {
                name: el.tag_name().to_ascii_lowercase(),
                attributes: el
                    .attributes()
                    .iter()
                    .map(|a| (a.name().to_ascii_lowercase(), a.value()))
                    .collect(),
                text: String::new(),
            };
            let html = with(&tag).map_err(|e| format!("{e:#}"))?;
            el.replace(&html, ContentType::Html);
            Ok(())
        }));
    rewrite_str(doc, settings).map_err(|e| anyhow!("{e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_elements_and_attributes_as_a_browser_would() {
        let doc = r#"<!-- <a href="x"> --><HEAD><Meta HTTP-EQUIV="x" content='a > b'><header id=top readonly>
<script>if (a<b) { x = "<div id='no'>" }</script><style>p>a{}</style><div id="app" data-x=1></div>"#;
        let all = elements(doc, "*").unwrap();
        let names: Vec<&str> = all.iter().map(|t| t.name.as_str()).collect();
        // The parser adds the <html> and <body> a browser would imply only
        // to its tree, not to the markup: these are the page's own tags.
        assert_eq!(names, ["head", "meta", "header", "script", "style", "div"]);
        assert_eq!(all[1].attribute("http-equiv"), Some("x"));
        assert_eq!(all[1].attribute("content"), Some("a > b"));
        assert_eq!(all[2].attribute("id"), Some("top"));
        assert_eq!(all[2].attribute("readonly"), Some(""));
        assert_eq!(all[3].text, r#"if (a<b) { x = "<div id='no'>" }"#);
        assert_eq!(all[4].text, "p>a{}");
        assert_eq!(all[5].attribute("data-x"), Some("1"));
        let header = first(doc, "header").unwrap();
        assert_eq!(
            header.and_then(|t| t.attribute("id").map(str::to_owned)),
            Some("top".into())
        );
        assert!(first(doc, "title").unwrap().is_none());
    }

    #[test]
    fn edits_only_what_the_selector_matches() {
        let doc = "<p title=\"see main.js\">a <b>b</b></p><i>main.js</i>";
        let out = edit(doc, "p", "<p>", |el| {
            el.set_attribute("lang", "en")?;
            Ok(())
        })
        .unwrap();
        assert_eq!(
            out,
            "<p title=\"see main.js\" lang=\"en\">a <b>b</b></p><i>main.js</i>"
        );
        let missing = edit(doc, "title", "<title>", |_| Ok(())).unwrap_err();
        assert_eq!(missing.to_string(), "the page has no <title>");
        let failing = edit(doc, "b", "<b>", |_| bail!("no bold")).unwrap_err();
        assert!(failing.to_string().contains("no bold"), "{failing}");
        assert_eq!(
            remove(doc, "b").unwrap(),
            "<p title=\"see main.js\">a </p><i>main.js</i>"
        );
        assert_eq!(
            replace(doc, "i", |t| Ok(format!("<em>{}</em>", t.name))).unwrap(),
            "<p title=\"see main.js\">a <b>b</b></p><em>i</em>"
        );
    }
}
