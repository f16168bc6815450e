//! HTML as the build reads and writes it: the one scanner of start tags and
//! their attributes that `pages.rs` (making pages from the template) and
//! `csp.rs` (checking them against their policy) both use, and escaping text
//! for HTML and XML, for every string the build inserts into a page or an SVG
//! (titles, ids): the only way a string reaches markup here.

/// One start tag of a document: where it is, its name and its attributes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tag<'d> {
    /// Byte offset of its `<`.
    pub start: usize,
    /// Byte offset just after its `>`.
    pub end: usize,
    /// The element's name, lower-cased.
    pub name: String,
    /// Each attribute's lower-cased name and its value (`None` for a bare
    /// attribute such as `readonly`), in order.
    pub attributes: Vec<(String, Option<&'d str>)>,
}

impl<'d> Tag<'d> {
    /// The value of an attribute (case-insensitive name); `Some("")` for a
    /// bare one.
    pub fn attribute(&self, name: &str) -> Option<&'d str> {
        let name = name.to_ascii_lowercase();
        self.attributes
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.unwrap_or(""))
    }
}

/// Every start tag of `doc`, in order. Comments are skipped, quoted values are
/// read whole (a `>` inside one does not end the tag), and the text of
/// `<script>` and `<style>` elements is code, not markup, so nothing in it is
/// taken for a tag.
pub fn tags(doc: &str) -> Vec<Tag<'_>> {
    start_tags(doc).collect()
}

/// The start tags of `doc` as [`tags`] reads them, one at a time: a search
/// for one tag stops where it is found, rather than reading every tag of a
/// page that holds a hundred inline pictures.
pub fn start_tags(doc: &str) -> Tags<'_> {
    Tags { doc, at: 0 }
}

/// The iterator of [`start_tags`].
pub struct Tags<'d> {
    doc: &'d str,
    /// Where the next tag is looked for.
    at: usize,
}

impl<'d> Iterator for Tags<'d> {
    type Item = Tag<'d>;

    fn next(&mut self) -> Option<Tag<'d>> {
        let doc = self.doc;
        let bytes = doc.as_bytes();
        loop {
            let open = doc[self.at..].find('<').map(|o| self.at + o)?;
            if doc[open..].starts_with("<!--") {
                self.at = doc[open..]
                    .find("-->")
                    .map_or(bytes.len(), |e| open + e + 3);
                continue;
            }
            let mut i = open + 1;
            while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
                i += 1;
            }
            let name = doc[open + 1..i].to_ascii_lowercase();
            if name.is_empty() || !bytes[open + 1].is_ascii_alphabetic() {
                self.at = open + 1;
                continue;
            }
            let mut attributes = Vec::new();
            // Attributes: a name, then perhaps `=` and a quoted or bare value.
            loop {
                while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
                    i += 1;
                }
                if i >= bytes.len() || bytes[i] == b'>' {
                    break;
                }
                let start = i;
                while i < bytes.len()
                    && !matches!(bytes[i], b'=' | b'>' | b'/')
                    && !bytes[i].is_ascii_whitespace()
                {
                    i += 1;
                }
                let attribute = doc[start..i].to_ascii_lowercase();
                while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                let mut value = None;
                if i < bytes.len() && bytes[i] == b'=' {
                    i += 1;
                    while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                        i += 1;
                    }
                    match bytes.get(i) {
                        Some(&quote @ (b'"' | b'\'')) => {
                            let inner = i + 1;
                            let close = doc[inner..]
                                .find(quote as char)
                                .map_or(bytes.len(), |e| inner + e);
                            value = Some(&doc[inner..close]);
                            i = (close + 1).min(bytes.len());
                        }
                        _ => {
                            let start = i;
                            while i < bytes.len()
                                && bytes[i] != b'>'
                                && !bytes[i].is_ascii_whitespace()
                            {
                                i += 1;
                            }
                            value = Some(&doc[start..i]);
                        }
                    }
                }
                attributes.push((attribute, value));
            }
            let end = (i + 1).min(bytes.len());
            self.at = end;
            // The text of a raw-text element is code or CSS, not markup.
            if name == "script" || name == "style" {
                self.at = find_ignoring_case(&doc[end..], &format!("</{name}"))
                    .map_or(bytes.len(), |e| end + e);
            }
            return Some(Tag {
                start: open,
                end,
                name,
                attributes,
            });
        }
    }
}

/// Where `needle` (ASCII, lower-case) first occurs in `text` with ASCII
/// letters of any case, as `text.to_ascii_lowercase().find(needle)` finds
/// it, without copying `text`: the pages are large, and copying the rest
/// of a page at every script made reading its tags quadratic.
pub fn find_ignoring_case(text: &str, needle: &str) -> Option<usize> {
    let (hay, needle) = (text.as_bytes(), needle.as_bytes());
    let Some(&first) = needle.first() else {
        return Some(0);
    };
    // Where the first byte may be next: a byte that has no case (`<`, the
    // start of every needle here) is found by the standard library's fast
    // search for one character.
    let next = |from: usize| -> Option<usize> {
        if first.is_ascii() && !first.is_ascii_alphabetic() {
            text.get(from..)?
                .find(char::from(first))
                .map(|at| from + at)
        } else {
            hay.get(from..)?
                .iter()
                .position(|b| b.to_ascii_lowercase() == first)
                .map(|at| from + at)
        }
    };
    let mut from = 0;
    while let Some(at) = next(from) {
        if hay.len() - at < needle.len() {
            return None;
        }
        if hay[at..at + needle.len()].eq_ignore_ascii_case(needle) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// The first start tag `<NAME …>` (case-insensitive) at or after `from`.
pub fn find_tag<'d>(doc: &'d str, name: &str, from: usize) -> Option<Tag<'d>> {
    let name = name.to_ascii_lowercase();
    start_tags(doc).find(|t| t.start >= from && t.name == name)
}

/// Where the first start tag `<NAME …>` at or after `from` is, as a byte range.
pub fn find_span(doc: &str, name: &str, from: usize) -> Option<(usize, usize)> {
    find_tag(doc, name, from).map(|t| (t.start, t.end))
}

/// The value of an attribute of the one start tag `tag` (its text).
pub fn attribute<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
    start_tags(tag).next()?.attribute(name)
}

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
    use super::*;

    #[test]
    fn reads_tags_and_attributes_as_a_browser_would() {
        let doc = r#"<!-- <a href="x"> --><HEAD><Meta HTTP-EQUIV="x" content='a > b'><header id=top readonly>
<script>if (a<b) { x = "<div id='no'>" }</script><style>p>a{}</style><div id="app" data-x=1></div>"#;
        let all = tags(doc);
        let names: Vec<&str> = all.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["head", "meta", "header", "script", "style", "div"]);
        assert_eq!(all[1].attribute("http-equiv"), Some("x"));
        assert_eq!(all[1].attribute("content"), Some("a > b"));
        assert_eq!(all[2].attribute("id"), Some("top"));
        assert_eq!(all[2].attribute("readonly"), Some(""));
        assert_eq!(all[5].attribute("data-x"), Some("1"));
        // `<head` is not `<header`, and a later tag is found from an offset.
        let header = find_tag(doc, "header", 0);
        assert_eq!(
            header.map(|t| &doc[t.start..t.end]),
            Some("<header id=top readonly>")
        );
        assert!(find_tag(doc, "head", all[1].start).is_none());
        assert_eq!(
            attribute(r#"<img alt="x" src='y.png'>"#, "SRC"),
            Some("y.png")
        );
    }

    #[test]
    fn finds_a_closing_tag_in_any_case_as_a_lower_cased_copy_would() {
        let doc = "<script>let a = '</scrip'; 标题</SCRIPT><style></Style>";
        for needle in ["</script", "</style", "</scrip", "标题", "</none", "", "l"] {
            assert_eq!(
                find_ignoring_case(doc, needle),
                doc.to_ascii_lowercase().find(needle),
                "{needle}"
            );
        }
        assert_eq!(find_ignoring_case("</scr", "</script"), None);
    }

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
