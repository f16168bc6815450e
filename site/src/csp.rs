//! The site's Content-Security-Policy: the policy every page ships in a
//! `<meta http-equiv="Content-Security-Policy">` tag, that of the
//! dashboards and the chart pages (the same, with their inline style sheets
//! allowed by SHA-256 hash), the one of the standalone files (the inline
//! scripts and styles of the standalone files allowed by hash, nothing
//! else), the `dist/_headers` file that gives static hosts (Netlify,
//! Cloudflare Pages) the same policies as HTTP headers, and the build-time
//! check that every page of `dist/` keeps to its policy.
//!
//! The policy forbids inline scripts and styles, `style="…"` attributes,
//! event-handler attributes and `eval`; `'wasm-unsafe-eval'` lets the page
//! compile its WebAssembly module and nothing else. `require-trusted-types-for
//! 'script'` makes Chromium refuse any string handed to an HTML sink
//! (`innerHTML`, `insertAdjacentHTML`, `document.write`, …), so a string can
//! reach the DOM only as text. There is no `frame-ancestors`: a meta tag
//! cannot carry it, and embeds must be frameable by any article page.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use anyhow::{bail, Context, Result};
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use sha2::{Digest, Sha256};

use crate::html::{self, ContentType, Tag};

/// The policy of the site's pages, as `www/index.html` and `www/embed.html`
/// carry it in their meta tag (the build checks they do): files of the site
/// only, no inline code.
pub const POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
                          style-src 'self'; img-src 'self' data:; require-trusted-types-for 'script'";

/// [`POLICY`] with the inline style sheets `styles` allowed by hash and no
/// other inline style: the policy of the dashboards, with theirs, and of
/// the chart pages (`embed/STEM.html`), with all of theirs, since one
/// `_headers` rule gives every chart page the same policy.
pub fn with_inline_styles(styles: &Inline) -> String {
    let hashes: Vec<&str> = styles.styles.iter().map(String::as_str).collect();
    POLICY.replacen(
        "style-src 'self'",
        &format!("style-src 'self' {}", hashes.join(" ")),
        1,
    )
}

/// The paths of `dist/` whose pages carry the chart pages' policy, and
/// those whose pages carry [`POLICY`], in `_headers` syntax. `/embed`, and
/// `/embed/*` without `.html`, are there for hosts that drop the extension
/// from addresses (Cloudflare Pages does).
const CHART_PAGE_PATHS: [&str; 1] = ["/embed/*"];
const POLICY_PATHS: [&str; 2] = ["/embed", "/embed.html"];

/// The `_headers` path of the standalone files, which have a policy of their own.
const STANDALONE_PATHS: &str = "/standalone/*";

/// `'sha256-…'`: the CSP source that allows one inline script or style
/// whose text is exactly `text`.
pub fn hash_source(text: &str) -> String {
    format!(
        "'sha256-{}'",
        BASE64.encode(Sha256::digest(text.as_bytes()))
    )
}

/// The inline scripts and styles a page may run, as hash sources.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Inline {
    /// Hashes of inline `<script>` elements.
    pub scripts: BTreeSet<String>,
    /// Hashes of `<style>` elements.
    pub styles: BTreeSet<String>,
}

impl Inline {
    /// Adds the hashes of `other`.
    pub fn extend(&mut self, other: &Inline) {
        self.scripts.extend(other.scripts.iter().cloned());
        self.styles.extend(other.styles.iter().cloned());
    }

    /// The policy that allows exactly these inline scripts and styles, the
    /// WebAssembly compiler and `data:` images (the `<noscript>` fallback and
    /// the page icon), and nothing else: no file, no connection, no eval.
    pub fn policy(&self) -> String {
        let join = |set: &BTreeSet<String>| set.iter().cloned().collect::<Vec<_>>().join(" ");
        format!(
            "default-src 'none'; script-src {} 'wasm-unsafe-eval'; style-src {}; img-src data:; \
             require-trusted-types-for 'script'",
            join(&self.scripts),
            join(&self.styles)
        )
    }
}

/// The meta tag that carries `policy` (which holds no `"`, `<` or `&`).
pub fn meta(policy: &str) -> String {
    format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\">")
}

/// The CSS selector of a page's CSP meta tag.
const META: &str = "meta[http-equiv=Content-Security-Policy i]";

/// `page` with its CSP meta tag replaced by one carrying `policy`.
pub fn set_policy(page: &str, policy: &str) -> Result<String> {
    html::edit(page, META, "Content-Security-Policy meta tag", |el| {
        el.replace(&meta(policy), ContentType::Html);
        Ok(())
    })
}

/// Whether a `<script>` holds code the browser would run inline: no
/// `src`, and a JavaScript type, `module` or `importmap` (a data block
/// such as `application/octet-stream` is never run, so CSP leaves it alone).
fn runs_inline(tag: &Tag) -> bool {
    if tag.attribute("src").is_some() {
        return false;
    }
    match tag.attribute("type").map(str::to_ascii_lowercase) {
        None => true,
        Some(kind) => matches!(
            kind.as_str(),
            "" | "module" | "importmap" | "text/javascript" | "application/javascript"
        ),
    }
}

/// The inline scripts and styles of the elements `all`, hashed.
fn inline_in(all: &[Tag]) -> Inline {
    let hashes = |name: &str, runs: fn(&Tag) -> bool| {
        all.iter()
            .filter(|t| t.name == name && runs(t))
            .map(|t| hash_source(&t.text))
            .collect()
    };
    Inline {
        scripts: hashes("script", runs_inline),
        styles: hashes("style", |_| true),
    }
}

/// The inline scripts and styles of `page`, hashed.
pub fn inline_of(page: &str) -> Result<Inline> {
    Ok(inline_in(&html::elements(page, "script, style")?))
}

/// Checks that `page` keeps to `policy`: it carries exactly that policy in
/// a meta tag placed before anything the policy governs (a meta policy only
/// applies to what follows it), it has no `style` or `on…` attribute, and
/// every inline script and style is allowed by hash. `what` names the page
/// in errors.
pub fn check_page(page: &str, policy: &str, what: &str) -> Result<()> {
    let mut all = html::elements(page, "*").with_context(|| what.to_owned())?;
    // What a browser without scripts shows is under the policy too.
    let mut shown_without_scripts = Vec::new();
    for noscript in all.iter().filter(|t| t.name == "noscript") {
        shown_without_scripts.extend(html::elements(&noscript.text, "*")?);
    }
    all.extend(shown_without_scripts);
    let is_meta = |t: &Tag| {
        t.name == "meta"
            && t.attribute("http-equiv")
                .is_some_and(|v| v.eq_ignore_ascii_case("Content-Security-Policy"))
    };
    let Some(at) = all.iter().position(is_meta) else {
        bail!("{what}: no Content-Security-Policy meta tag");
    };
    let carried = all[at].attribute("content").unwrap_or("");
    if carried != policy {
        bail!("{what}: the meta tag carries the policy `{carried}`, expected `{policy}`");
    }
    if let Some(early) = all[..at]
        .iter()
        .find(|t| ["link", "script", "style", "img"].contains(&t.name.as_str()))
    {
        bail!(
            "{what}: a <{}> comes before the Content-Security-Policy meta tag",
            early.name
        );
    }
    for tag in &all {
        for (name, _) in &tag.attributes {
            if name == "style" || (name.starts_with("on") && name.len() > 2) {
                bail!(
                    "{what}: the attribute `{name}` of <{}> is refused by the policy",
                    tag.name
                );
            }
        }
    }
    let inline = inline_in(&all);
    for (kind, hashes) in [("script", &inline.scripts), ("style", &inline.styles)] {
        for hash in hashes {
            if !policy.contains(hash.as_str()) {
                bail!("{what}: an inline <{kind}> ({hash}) is not allowed by the policy");
            }
        }
    }
    Ok(())
}

/// The policies of the site's pages, which `_headers` gives them.
pub struct Policies<'a> {
    /// The dashboards' files (`index.html`, `index.en.html`, …).
    pub dashboards: &'a [String],
    /// The dashboards' policy.
    pub dashboard: &'a str,
    /// The files of the table of every figure (`figures.html`, …).
    pub tables: &'a [String],
    /// Their policy, which allows their own inline style sheets.
    pub table: &'a str,
    /// The chart pages' policy (`embed/STEM.html`).
    pub chart_pages: &'a str,
    /// The inline code of every standalone file, whose hashes their policy
    /// allows.
    pub standalone: &'a Inline,
}

/// The `_headers` paths of the page `file` at the site's root (a dashboard
/// or a table of every figure): its own, without `.html`
/// for hosts that drop the extension from addresses, and `/` for the
/// folder's index.
fn root_page_paths(file: &str) -> Vec<String> {
    let mut paths = vec![format!("/{file}")];
    if let Some(stem) = file.strip_suffix(".html") {
        paths.push(format!("/{stem}"));
    }
    if file == "index.html" {
        paths.insert(0, "/".to_owned());
    }
    paths
}

/// The `dist/_headers` file: the dashboards' policy for every dashboard,
/// the tables' for every table of every figure, the chart pages'
/// (`embed/STEM.html`), [`POLICY`] for `embed.html`, the
/// standalone policy for the standalone files, and
/// `Access-Control-Allow-Origin: *` for every file, which the script embed
/// and iframes sandboxed without `allow-same-origin` need: both load the
/// module and its WebAssembly with CORS requests from another origin.
///
/// The rules never give one path two policies: a host that merges the
/// headers of several matching rules would send both, and a browser
/// enforces every policy it is sent.
pub fn headers_file(policies: &Policies) -> String {
    let mut out = String::from(
        "# Headers for static hosts (Netlify and Cloudflare Pages read this file).\n\
         # Written by `cargo xtask dist`; `cargo xtask serve` sends them too.\n\
         /*\n  Access-Control-Allow-Origin: *\n",
    );
    let paths = |files: &[String]| -> Vec<String> {
        files
            .iter()
            .flat_map(|file| root_page_paths(file))
            .collect()
    };
    let as_str = |paths: &[&'static str]| paths.iter().map(|&p| p.to_owned()).collect();
    let standalone = policies.standalone.policy();
    for (paths, policy) in [
        (paths(policies.dashboards), policies.dashboard),
        (paths(policies.tables), policies.table),
        (as_str(&CHART_PAGE_PATHS), policies.chart_pages),
        (as_str(&POLICY_PATHS), POLICY),
        (as_str(&[STANDALONE_PATHS]), &standalone),
    ] {
        for path in paths {
            out.push_str(&format!("{path}\n  Content-Security-Policy: {policy}\n"));
        }
    }
    out
}

/// Checks the site's own pages (each dashboard against the dashboards'
/// policy, `embed.html` against [`POLICY`]; each chart page and
/// standalone file was checked against its policy as it was written) and
/// writes `dist/_headers` with the policies of all.
pub fn check_and_write_headers(dist: &Path, policies: &Policies) -> Result<()> {
    let pages = policies
        .dashboards
        .iter()
        .map(|file| (file.as_str(), policies.dashboard))
        .chain(
            policies
                .tables
                .iter()
                .map(|file| (file.as_str(), policies.table)),
        )
        .chain([("embed.html", POLICY)]);
    for (name, policy) in pages {
        let path = dist.join(name);
        let page =
            fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
        check_page(&page, policy, &format!("dist/{name}"))?;
    }
    println!("==> writing _headers (Content-Security-Policy and CORS for static hosts)");
    let path = dist.join("_headers");
    fs::write(&path, headers_file(policies))
        .with_context(|| format!("cannot write {}", path.display()))
}

/// The headers that `_headers` text `rules` gives the request path `path`:
/// every rule whose path is `path`, or ends in `*` and starts `path`.
pub fn headers_for(rules: &str, path: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut matching = false;
    for line in rules.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if !line.starts_with(char::is_whitespace) {
            matching = match trimmed.strip_suffix('*') {
                Some(prefix) => path.starts_with(prefix),
                None => path == trimmed,
            };
        } else if matching {
            if let Some((name, value)) = trimmed.split_once(':') {
                found.push((name.trim().to_owned(), value.trim().to_owned()));
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(head: &str, body: &str) -> String {
        format!(
            "<!doctype html><html><head><meta charset=\"utf-8\">\n{head}</head><body>{body}</body></html>"
        )
    }

    #[test]
    fn hashes_are_those_browsers_compute() {
        // The value Chromium's console suggests for an inline `alert(1)`.
        assert_eq!(
            hash_source("alert(1)"),
            "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"
        );
    }

    #[test]
    fn a_page_keeping_to_the_policy_passes() -> Result<()> {
        // Words in values, scripts and comments are not attributes.
        let ok = page(
            &format!("{}\n<link rel=\"stylesheet\" href=\"a.css\"><script type=\"module\" src=\"a.js\"></script>", meta(POLICY)),
            "<div id=\"app\" class=\"x\"><img alt=\"Living style onerror\" src=\"a.png\"></div>\
             <!-- <p style=\"x\"> --><script type=\"application/octet-stream\">if (a <b style=1) {}</script>",
        );
        check_page(&ok, POLICY, "ok")
    }

    #[test]
    fn every_break_of_the_policy_is_named() {
        let m = meta(POLICY);
        let cases = [
            (page("", ""), "no Content-Security-Policy"),
            (page(&meta("default-src *"), ""), "expected"),
            (
                page(&format!("<link rel=\"stylesheet\" href=\"a.css\">{m}"), ""),
                "<link> comes before",
            ),
            (page(&m, "<p style=\"color:red\">x</p>"), "`style`"),
            (page(&m, "<img src=x onerror=alert(1)>"), "`onerror`"),
            (page(&m, "<script>alert(1)</script>"), "inline <script>"),
            (page(&m, "<style>p{}</style>"), "inline <style>"),
            (
                page(
                    &m,
                    "<noscript><img src=\"a.png\" style=max-width:100%></noscript>",
                ),
                "`style`",
            ),
        ];
        for (html, expected) in cases {
            let error = check_page(&html, POLICY, "page")
                .err()
                .map(|e| e.to_string());
            assert!(
                error.as_deref().is_some_and(|e| e.contains(expected)),
                "{html}: {error:?}"
            );
        }
    }

    #[test]
    fn inline_code_is_allowed_by_its_own_hash_only() -> Result<()> {
        let body = "<script type=\"application/octet-stream\" id=\"d\">AAAA</script>\
                    <script type=\"module\">go()</script><style>p{}</style>";
        let template = page(&meta(POLICY), body);
        let inline = inline_of(&template)?;
        // The data block is not code and needs no hash.
        assert_eq!(inline.scripts.len(), 1);
        assert_eq!(inline.styles.len(), 1);
        let policy = inline.policy();
        assert!(!policy.contains("'self'") && !policy.contains("unsafe-inline"));
        let hashed = set_policy(&template, &policy)?;
        check_page(&hashed, &policy, "hashed")?;
        // Changing the script after hashing is caught.
        let changed = hashed.replace("go()", "go(1)");
        assert!(check_page(&changed, &policy, "changed").is_err());
        Ok(())
    }

    #[test]
    fn headers_give_one_policy_per_path_and_cors_to_all() {
        let styles = Inline {
            styles: [hash_source("p{}")].into_iter().collect(),
            ..Inline::default()
        };
        let dashboard = with_inline_styles(&styles);
        assert!(
            dashboard.contains(&format!("style-src 'self' {};", hash_source("p{}"))),
            "{dashboard}"
        );
        let chart_pages = with_inline_styles(&Inline {
            styles: [hash_source("a{}")].into_iter().collect(),
            ..Inline::default()
        });
        let standalone = Inline {
            styles: [hash_source("b{}")].into_iter().collect(),
            ..Inline::default()
        };
        let table = with_inline_styles(&Inline {
            styles: [hash_source("t{}")].into_iter().collect(),
            ..Inline::default()
        });
        let rules = headers_file(&Policies {
            dashboards: &["index.html".to_owned(), "index.en.html".to_owned()],
            dashboard: &dashboard,
            tables: &["figures.html".to_owned(), "figures.en.html".to_owned()],
            table: &table,
            chart_pages: &chart_pages,
            standalone: &standalone,
        });
        let csp = |path: &str| -> Vec<String> {
            headers_for(&rules, path)
                .into_iter()
                .filter(|(n, _)| n == "Content-Security-Policy")
                .map(|(_, v)| v)
                .collect()
        };
        for path in ["/", "/index.html", "/index", "/index.en.html", "/index.en"] {
            assert_eq!(csp(path), vec![dashboard.clone()], "{path}");
        }
        for path in [
            "/figures.html",
            "/figures",
            "/figures.en.html",
            "/figures.en",
        ] {
            assert_eq!(csp(path), vec![table.clone()], "{path}");
        }
        for path in ["/embed", "/embed.html"] {
            assert_eq!(csp(path), vec![POLICY.to_owned()], "{path}");
        }
        for path in ["/embed/a-chart.en.html", "/embed/a-chart"] {
            assert_eq!(csp(path), vec![chart_pages.clone()], "{path}");
        }
        assert_eq!(csp("/standalone/a-chart.html"), vec![standalone.policy()]);
        assert!(csp("/pkg/article_charts.js").is_empty());
        for path in [
            "/pkg/article_charts_bg.wasm",
            "/main.js",
            "/data/indicators.json",
            "/",
        ] {
            assert!(
                headers_for(&rules, path)
                    .contains(&("Access-Control-Allow-Origin".into(), "*".into())),
                "{path}"
            );
        }
    }
}
