//! Escaping text for HTML and XML, for every string the build inserts into a
//! page or an SVG (titles, ids): the only way a string reaches markup here.

/// `text` with the five characters that mean something in HTML and XML
/// (`& < > " '`) replaced by entities, so it is safe both as element content
/// and inside a quoted attribute.
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
        let title = "成华援丹巴：贫困发生率 16.8% → 0 (2012–2019)";
        assert_eq!(escape(title), title);
        assert_eq!(escape(""), "");
    }
}
