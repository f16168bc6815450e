//! The address a site will be served from (`--base-url`): read by the URL
//! standard, refused when it cannot be the address of the site's folder,
//! and written normalised into every page that names it.

use anyhow::{bail, Result};

/// The `--base-url` of a build, read with the `url` crate and written as it
/// serialises it, with a final `/`, and what the person deploying should
/// know about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BaseUrl {
    /// The normalised address: lowercase scheme and host, the host in
    /// punycode, no default port, `%`-escapes where the URL standard puts
    /// them, a final `/`.
    pub url: String,
    /// What may be wrong with it, yet might be meant (printed, not fatal).
    pub warnings: Vec<String>,
}

/// Reads the `--base-url` of a build: an absolute http(s) address with a
/// host and no user, query or fragment (the site's files are found below
/// it). A relative or mistyped address is refused rather than written into
/// every page, where link previews and oEmbed consumers would fail without
/// a word; what the `url` crate refuses (a port above 65535, a broken IPv6
/// address, a host of `%` escapes) is refused with its reason.
pub fn parse(value: &str) -> Result<BaseUrl> {
    let hint = "give the address the site will be served from, e.g. `--base-url https://charts.example.org/story/`";
    // The parser would drop some of these silently (tabs, line breaks,
    // spaces at the ends) and %-escape others; a direction or zero-width
    // character could make the address that is shown differ from the one
    // that is used. Either way the person meant something else.
    if let Some(c) = value
        .chars()
        .find(|&c| c.is_whitespace() || article_dataset::unwanted_character(c).is_some())
    {
        let kind = article_dataset::unwanted_character(c).unwrap_or("a space");
        bail!(
            "`--base-url` contains U+{:04X} ({kind}), which an address of the site's folder cannot have; {hint}",
            u32::from(c)
        );
    }
    // Quotes, angle brackets and backslashes are typing mistakes in an
    // address (the parser would escape them, or read `\` as `/`).
    if let Some(bad) = value
        .chars()
        .find(|c| matches!(c, '"' | '\'' | '<' | '>' | '\\'))
    {
        bail!("`--base-url {value}` contains `{bad}`, which an address of the site's folder cannot have; {hint}");
    }
    let lower = value.to_ascii_lowercase();
    let Some(rest) = ["https://", "http://"]
        .iter()
        .find_map(|scheme| lower.strip_prefix(scheme))
    else {
        bail!("`--base-url {value}` is not an absolute http(s) address; {hint}");
    };
    // The URL standard reads `https:///story/` as the host `story`; a third
    // slash is a typing mistake, not a host.
    if rest.is_empty() || rest.starts_with('/') {
        bail!("`--base-url {value}` names no host; {hint}");
    }
    let parsed = url::Url::parse(value).map_err(|e| {
        anyhow::anyhow!("`--base-url {value}` is not a valid address ({e}); {hint}")
    })?;
    if parsed.host_str().is_none_or(str::is_empty) {
        bail!("`--base-url {value}` names no host; {hint}");
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        bail!("`--base-url {value}` has a user name in it, which every page would show; {hint}");
    }
    // The site's file names are appended to the address: a query or a
    // fragment would be cut off by them.
    if parsed.query().is_some() || parsed.fragment().is_some() {
        bail!("`--base-url {value}` has a query (`?`) or fragment (`#`); {hint}");
    }
    let mut warnings = Vec::new();
    if parsed.scheme() == "http" {
        warnings.push(format!(
            "`--base-url {value}` is not https: an https article that embeds the charts will have its browser block them as mixed content, and link previews may refuse them"
        ));
    }
    let mut url = parsed.to_string();
    if !url.ends_with('/') {
        // A last part with an extension, given without a final `/`, names
        // a file (`…/index.html`, `…/main.js`), not the folder the site is
        // in. A folder may be named so (`…/v1.2/`), so it is a warning, and
        // none when the final `/` says a folder is meant.
        let last = parsed
            .path_segments()
            .and_then(|mut s| s.next_back())
            .unwrap_or("");
        let looks_like_file = last.rsplit_once('.').is_some_and(|(stem, ext)| {
            !stem.is_empty() && !ext.is_empty() && ext.chars().all(|c| c.is_ascii_alphanumeric())
        });
        url.push('/');
        if looks_like_file {
            warnings.push(format!(
                "`--base-url {value}` seems to name a file (`{last}`), not a folder: the site's pages will be addressed below {url}"
            ));
        }
    }
    Ok(BaseUrl { url, warnings })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_are_absolute_folders() {
        // Written as the `url` crate serialises it: lowercase scheme and
        // host, no default port, the host in punycode, a final `/`.
        for (given, written) in [
            (
                "https://charts.example.org/story",
                "https://charts.example.org/story/",
            ),
            ("http://127.0.0.1:8106/", "http://127.0.0.1:8106/"),
            (
                "HTTPS://Charts.Example.ORG:443/Story",
                "https://charts.example.org/Story/",
            ),
            (
                "https://bücher.example/a",
                "https://xn--bcher-kva.example/a/",
            ),
            ("https://[::1]:8443", "https://[::1]:8443/"),
        ] {
            let url = parse(given).ok().map(|b| b.url);
            assert_eq!(url.as_deref(), Some(written), "{given}");
        }
        for bad in [
            "charts.example.org/story/",
            "/story/",
            "ftp://example.org/",
            "https:///story/",
            "https://",
            "https://example.org/?x=1",
            "https://example.org/?",
            "https://example.org/#top",
            "https://example.org/a b/",
            " https://example.org/",
            "https://example.org/\"x",
            "https://example.org\\story/",
            "https://user@example.org/",
            "https://:secret@example.org/",
            // What the `url` crate refuses.
            "https://evil.example:99999/",
            "https://[::1/",
            "https://%%/",
            // Direction and invisible characters, which would make the
            // address shown differ from the address used.
            "https://example.org/\u{202e}lmth.evil/",
            "https://exa\u{200b}mple.org/",
            "https://example.org/\u{2066}a/",
            "https://example.org/\u{feff}",
            "https://example.org/\u{1b}[2J/",
            "https://example.org/\ta/",
        ] {
            assert!(parse(bad).is_err(), "{bad:?} was accepted");
        }
        let refused = parse("https://evil.example:99999/")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(refused.contains("invalid port number"), "{refused}");
        let refused = parse("https://example.org/\u{202e}x/")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(refused.contains("U+202E"), "{refused}");
        assert!(!refused.contains('\u{202e}'), "{refused:?}");
    }

    #[test]
    fn base_urls_that_are_likely_mistakes_are_warned_of_but_kept() {
        let warnings = |value: &str| {
            parse(value)
                .map(|b| b.warnings.join("\n"))
                .unwrap_or_else(|e| panic!("{value}: {e}"))
        };
        assert_eq!(warnings("https://charts.example.org/story/"), "");
        assert!(warnings("http://charts.example.org/").contains("mixed content"));
        let file = warnings("https://charts.example.org/story/index.html");
        assert!(
            file.contains("seems to name a file (`index.html`)"),
            "{file}"
        );
        assert!(
            file.contains("https://charts.example.org/story/index.html/"),
            "{file}"
        );
        assert!(warnings("https://charts.example.org/main.js").contains("`main.js`"));
        // A final `/` says a folder is meant, whatever its name.
        assert_eq!(warnings("https://charts.example.org/v1.2/"), "");
        assert_eq!(warnings("https://charts.example.org/main.js/"), "");
        assert_eq!(warnings("https://charts.example.org/story"), "");
        assert_eq!(
            parse("https://charts.example.org/story/index.html")
                .ok()
                .map(|b| b.url),
            Some("https://charts.example.org/story/index.html/".to_owned())
        );
    }
}
