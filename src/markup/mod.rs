//! The page's HTML, written at build time from the same Rust code that runs
//! in the browser: platform-free, so `xtask` prerenders every page and the
//! module only hydrates what is already there.
//!
//! Every text reaches the markup through [`escape`], the one escape
//! function of the project's HTML (the embed codes use it too). The plot of
//! a chart is handed in by the caller as an inline SVG (`xtask` draws it
//! with `draw.rs` into plotters' SVG backend), so this module needs no
//! drawing backend of its own.

pub mod figure;
pub mod page;
pub mod panel;
pub mod tables;

/// `text` with the five characters that mean something in HTML and XML
/// (`& < > " '`) replaced by entities, so it is safe as element content,
/// inside an attribute in either quote, and in the SVG of a static image.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// An element with `class` and escaped `text`: `<p class="x">text</p>`.
pub(crate) fn text_el(tag: &str, class: &str, text: &str) -> String {
    if class.is_empty() {
        format!("<{tag}>{}</{tag}>", escape(text))
    } else {
        format!("<{tag} class=\"{class}\">{}</{tag}>", escape(text))
    }
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_markup_and_both_quotes() {
        assert_eq!(
            escape(r#"<img src=x onerror="a('b')">&amp;"#),
            "&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt;&amp;amp;"
        );
    }

    #[test]
    fn leaves_other_text_alone() {
        let title = "标题：比率 16.8% → 0 (2012–2019)";
        assert_eq!(escape(title), title);
        assert_eq!(escape(""), "");
    }
}
