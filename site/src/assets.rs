//! The last pass of `cargo xtask dist` over the finished site: fingerprinted
//! names for the files a page loads, their cache lifetimes in `_headers`,
//! and precompressed copies (`compress.rs`).
//!
//! A file whose name carries a hash of its contents
//! (`pkg/article_charts_bg.1a2b3c4d.wasm`) can be cached for a year: a new
//! build that changes it also changes its name, and the pages that load it
//! name the new file. Pages and the files outsiders link to keep their names
//! and are revalidated on every load instead.
//!
//! The pass is generic: it reads whatever pages and scripts the build wrote
//! and rewrites every reference it finds — HTML attributes, JavaScript
//! imports, `new URL('…', import.meta.url)`, CSS `url()` — wherever a text
//! names a fingerprinted file by a path that resolves to it.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use anyhow::{bail, Context, Result};
use sha2::{Digest, Sha256};

use crate::compress;
use crate::html;

/// Files that keep their names whatever their kind: embed codes pasted into
/// articles point at them, so a new name would break every published embed.
/// `danba-embed.js` is the script embed's deprecated name, kept as a
/// forwarder for codes pasted before the product had a neutral name.
const STABLE: [&str; 3] = [
    "article-charts-embed.js",
    "danba-embed.js",
    "embed-resize.js",
];

/// The kinds of file that get a fingerprint: the module, its glue, the page
/// scripts and the style sheets.
const FINGERPRINTED_KINDS: [&str; 4] = ["wasm", "js", "mjs", "css"];

/// The kinds of file that may name another file, and are searched for
/// references (the module is binary, images and data name nothing).
const TEXT_KINDS: [&str; 6] = ["html", "htm", "js", "mjs", "css", "json"];

/// The map from each fingerprinted file's old name to its new one, written
/// into `dist/` for tools and tests that must find the module or the glue.
pub const MANIFEST: &str = "fingerprints.json";

/// How long a fingerprinted file may be cached: a year, without ever asking
/// again; its name changes whenever its contents do.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// How long anything else may be cached: it may be stored, but is
/// revalidated on every use (a `304 Not Modified` costs a round trip and no
/// body). A page cached for minutes would outlive a deploy and name
/// fingerprinted files the host no longer has; a correction must reach the
/// next reader at once.
pub const REVALIDATE: &str = "no-cache";

/// Whether and how [`finish_with`] writes the `.br` and `.gz` copies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compress<'a> {
    /// Every copy, compressed now.
    All,
    /// Every copy, taken from this cache folder where the same bytes were
    /// compressed before (see [`compress::precompress_cached`]).
    Cached(&'a Path),
    /// No copy: a preview is looked at on this machine, where compressing
    /// would only delay the page; the server sends the files themselves.
    None,
}

/// Fingerprints, rewrites references, adds the cache rules to `_headers`,
/// checks that nothing still names an old file, and writes the `.br` and
/// `.gz` copies. Returns the map from old to new names.
pub fn finish(dist: &Path) -> Result<BTreeMap<String, String>> {
    finish_with(dist, Compress::All)
}

/// As [`finish`], with the copies written as `compress` says.
pub fn finish_with(dist: &Path, compress: Compress) -> Result<BTreeMap<String, String>> {
    println!("==> fingerprinting the module, glue, scripts and style sheets of the site");
    let renamed = fingerprint(dist)?;
    for (from, to) in &renamed {
        println!("    {from} -> {to}");
    }
    let manifest = serde_json::to_string_pretty(&renamed).context("cannot write the manifest")?;
    write(&dist.join(MANIFEST), manifest.as_bytes())?;

    println!("==> adding cache lifetimes to _headers (a year for fingerprinted files)");
    let headers = dist.join("_headers");
    let mut rules = fs::read_to_string(&headers)
        .with_context(|| format!("cannot read {}", headers.display()))?;
    let files = served_files(dist)?;
    let fingerprinted: BTreeSet<String> = renamed.values().cloned().collect();
    rules.push_str(&cache_rules(&files, &fingerprinted));
    write(&headers, rules.as_bytes())?;

    check_references(dist, &renamed)?;

    match compress {
        Compress::All => {
            println!("==> writing .br and .gz beside every text file of the site");
            let written = compress::precompress(dist)?;
            println!("    {written} compressed copies");
        }
        Compress::Cached(cache) => {
            println!(
                "==> writing .br and .gz beside every text file of the site (files compressed before are taken from {})",
                cache.display()
            );
            let counts = compress::precompress_cached(dist, Some(cache))?;
            println!(
                "    {} compressed copies: {} files compressed, {} unchanged files from the cache",
                counts.written, counts.compressed, counts.reused
            );
        }
        Compress::None => println!("==> no .br or .gz copies (preview)"),
    }
    Ok(renamed)
}

fn write(path: &Path, contents: &[u8]) -> Result<()> {
    fs::write(path, contents).with_context(|| format!("cannot write {}", path.display()))
}

/// The extension of a path, lower-cased.
fn kind(path: &str) -> String {
    path.rsplit_once('.')
        .filter(|(_, ext)| !ext.contains('/'))
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .unwrap_or_default()
}

fn basename(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

fn is_text(path: &str) -> bool {
    TEXT_KINDS.contains(&kind(path).as_str()) || basename(path) == "_headers"
}

/// Whether the file at `path` (relative to `dist/`) gets a fingerprint.
pub fn gets_fingerprint(path: &str) -> bool {
    FINGERPRINTED_KINDS.contains(&kind(path).as_str()) && !STABLE.contains(&basename(path))
}

/// `name.ext` with `hash` before the extension: `pkg/a_bg.1a2b3c4d.wasm`.
fn with_hash(path: &str, hash: &str) -> String {
    match path.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}.{hash}.{ext}"),
        None => format!("{path}.{hash}"),
    }
}

/// Every file of `dist/` as `/`-separated paths relative to it, sorted.
pub fn site_files(dist: &Path) -> Result<Vec<String>> {
    Ok(crate::files::files_below(dist)?
        .iter()
        .map(|p| {
            p.components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/")
        })
        .collect())
}

/// The files a host serves by their own address: all but the compressed
/// copies (a host sends those in place of the file) and `_headers`.
fn served_files(dist: &Path) -> Result<Vec<String>> {
    Ok(site_files(dist)?
        .into_iter()
        .filter(|f| !compress::is_copy(f) && f != "_headers")
        .collect())
}

/// Renames every file that [`gets_fingerprint`] to its fingerprinted name
/// and rewrites every reference to it in the site's texts.
///
/// A file's hash covers its own contents and those of every file it names,
/// directly or through others: once references are rewritten its bytes
/// depend on their names, so a change anywhere below it must change its
/// name too. Hashing the original contents of that whole set, rather than
/// the rewritten file, needs no order and copes with files that name each
/// other.
fn fingerprint(dist: &Path) -> Result<BTreeMap<String, String>> {
    let files = site_files(dist)?;
    let targets: BTreeSet<String> = files
        .iter()
        .filter(|f| gets_fingerprint(f))
        .cloned()
        .collect();
    let mut texts = BTreeMap::new();
    for file in files.iter().filter(|f| is_text(f)) {
        let path = dist.join(file);
        let text =
            fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
        texts.insert(file.clone(), text);
    }
    let mut names: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for target in &targets {
        let named = texts
            .get(target)
            .map(|text| references(text, target, &targets))
            .unwrap_or_default()
            .into_iter()
            .map(|r| r.target)
            .collect();
        names.insert(target.clone(), named);
    }
    let mut renamed = BTreeMap::new();
    for target in &targets {
        let mut hasher = Sha256::new();
        for member in reachable(target, &names) {
            let path = dist.join(&member);
            let bytes =
                fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
            hasher.update(member.as_bytes());
            hasher.update((bytes.len() as u64).to_le_bytes());
            hasher.update(&bytes);
        }
        let digest = hasher.finalize();
        let hash: String = digest[..4].iter().map(|b| format!("{b:02x}")).collect();
        renamed.insert(target.clone(), with_hash(target, &hash));
    }
    // Each text is checked and rewritten on any core.
    let entries: Vec<(&String, &String)> = texts.iter().collect();
    crate::parallel::map(&entries, |&(file, text)| {
        if kind(file).starts_with("htm") {
            // The inline code of a page is allowed by the hash of its text
            // (`csp.rs`), so it is never rewritten: naming a fingerprinted
            // file there would leave the old name behind.
            let folder = base_folder(text, file);
            let inline = naming_parts(text, file)?.inline;
            if inline
                .iter()
                .any(|code| !references_in(code, &folder, &targets).is_empty())
            {
                bail!(
                    "{file}: an inline script or style names a fingerprinted file; \
                     load it with a <script src> or <link> instead, so its hash stays valid"
                );
            }
        }
        let rewritten = rewrite(text, file, &renamed)?;
        let to = renamed.get(file).unwrap_or(file);
        write(&dist.join(to), rewritten.as_bytes())
    })?;
    for (from, to) in &renamed {
        let (old, new) = (dist.join(from), dist.join(to));
        if texts.contains_key(from) {
            fs::remove_file(&old).with_context(|| format!("cannot remove {}", old.display()))?;
        } else {
            fs::rename(&old, &new).with_context(|| format!("cannot rename {}", old.display()))?;
        }
    }
    Ok(renamed)
}

/// `start` and every file it names, directly or through others, sorted.
fn reachable(start: &str, names: &BTreeMap<String, BTreeSet<String>>) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut pending = vec![start.to_owned()];
    while let Some(file) = pending.pop() {
        if seen.insert(file.clone()) {
            pending.extend(names.get(&file).into_iter().flatten().cloned());
        }
    }
    seen
}

/// One place where a text names a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    /// Byte range of the file's last segment (`chart.css`) in the text.
    pub start: usize,
    pub end: usize,
    /// The file named, relative to `dist/`.
    pub target: String,
}

/// Bytes that may stand in a path of a URL as our pages write them.
fn in_path(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || b"._~%/-".contains(&byte)
}

/// Every place where `text`, the contents of the file `from`, names one of
/// `targets` (paths relative to `dist/`): a name that, read as a URL
/// relative to `from` (`chart.css`, `../pkg/a.js`, `./pkg/a.js`), to the
/// site's root (`/pkg/a.js`), or as an absolute URL on any host and under
/// any base path (`https://example.org/charts/pkg/a.js`), is that file.
/// Query strings and fragments after the name do not matter.
///
/// A page's `<base href>` moves what its relative names are read against,
/// in its markup and in its inline scripts alike (`import.meta.url` of an
/// inline module is the page's base).
pub fn references(text: &str, from: &str, targets: &BTreeSet<String>) -> Vec<Reference> {
    references_in(text, &base_folder(text, from), targets)
}

/// As [`references`], for a piece of text whose relative names are read
/// against `folder` (a page's attribute value, read against the page's base).
fn references_in(text: &str, folder: &str, targets: &BTreeSet<String>) -> Vec<Reference> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    for target in targets {
        let name = basename(target);
        for (at, _) in text.match_indices(name) {
            let end = at + name.len();
            // `chart.css.map` and `main.jsx` are other files; a full stop
            // ending a sentence is not part of the name.
            let continues = match (bytes.get(end), bytes.get(end + 1)) {
                (Some(b'.'), Some(next)) => next.is_ascii_alphanumeric(),
                (Some(next), _) => next.is_ascii_alphanumeric() || b"_-".contains(next),
                (None, _) => false,
            };
            if continues {
                continue;
            }
            let mut start = at;
            while start > 0 && in_path(bytes[start - 1]) {
                start -= 1;
            }
            let url = &text[start..end];
            let after_scheme = text[..start].ends_with(':');
            if names_target(url, after_scheme, folder, target) {
                found.push(Reference {
                    start: at,
                    end,
                    target: target.clone(),
                });
            }
        }
    }
    found.sort_by_key(|r| r.start);
    found
}

/// The folder relative names in the file `from` are read against: its own,
/// or for a page with `<base href>`, the base's. A base on another host
/// (`https://example.org/charts/`) is taken for the site's root: a page
/// names its own site so only when the site is served from elsewhere.
fn base_folder(text: &str, from: &str) -> String {
    let own = from.rsplit_once('/').map_or("", |(folder, _)| folder);
    if !kind(from).starts_with("htm") {
        return own.to_owned();
    }
    // A page the markup reader cannot read names no base.
    let base = html::first(text, "base[href]").ok().flatten();
    let Some(href) = base.as_ref().and_then(|tag| tag.attribute("href")) else {
        return own.to_owned();
    };
    let href = href.split(['?', '#']).next().unwrap_or("");
    if href.contains("://") || href.starts_with("//") {
        return String::new();
    }
    let folder = href.rsplit_once('/').map_or("", |(folder, _)| folder);
    let joined = match folder.strip_prefix('/') {
        Some(rooted) => rooted.to_owned(),
        None => format!("{own}/{folder}"),
    };
    normalise(&joined).unwrap_or_default()
}

/// Whether `url`, found in a file of `folder`, is `target`.
fn names_target(url: &str, after_scheme: bool, folder: &str, target: &str) -> bool {
    if let Some(rest) = url.strip_prefix("//") {
        // `https://host/base/pkg/a.js` or `//host/pkg/a.js`: the host and
        // any base path before the site's own path are not ours to know.
        let path = rest.find('/').map_or("", |slash| &rest[slash..]);
        return (after_scheme || !path.is_empty()) && path.ends_with(&format!("/{target}"));
    }
    if after_scheme {
        return false;
    }
    let joined = match url.strip_prefix('/') {
        Some(rooted) => rooted.to_owned(),
        None if folder.is_empty() => url.to_owned(),
        None => format!("{folder}/{url}"),
    };
    normalise(&joined).is_some_and(|path| path == target)
}

/// A relative path with `.` and `..` resolved; `None` if it climbs out of
/// the site.
pub(crate) fn normalise(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

/// `text` (the contents of `from`) with every reference to a file of
/// `renamed` pointing at its new name.
///
/// Only where a file can be named: the whole of a script, style sheet or
/// `_headers`; in a page, the URL attributes of its markup (through a real
/// HTML rewriter), never its text, which is the article's — a data note that
/// says "see main.js" stays as written; in a data file (JSON) nowhere, as its
/// strings are the article's too.
fn rewrite(text: &str, from: &str, renamed: &BTreeMap<String, String>) -> Result<String> {
    let targets: BTreeSet<String> = renamed.keys().cloned().collect();
    match kind(from).as_str() {
        "json" => Ok(text.to_owned()),
        "html" | "htm" => {
            let folder = base_folder(text, from);
            rewrite_url_attributes(text, |value| {
                replace_references(value, references_in(value, &folder, &targets), renamed)
            })
            .with_context(|| format!("cannot rewrite the references of {from}"))
        }
        _ => Ok(replace_references(
            text,
            references(text, from, &targets),
            renamed,
        )),
    }
}

/// The attributes of an element that may name a file of the site.
const URL_ATTRIBUTES: [&str; 4] = ["src", "href", "srcset", "poster"];

/// `page` with each URL attribute's value passed through `change`;
/// everything else is left byte for byte as it was.
fn rewrite_url_attributes(page: &str, change: impl Fn(&str) -> String) -> Result<String> {
    use lol_html::{element, rewrite_str, RewriteStrSettings};
    let handler = element!("[src], [href], [srcset], [poster]", |el| {
        for name in URL_ATTRIBUTES {
            if let Some(value) = el.get_attribute(name) {
                let changed = change(&value);
                if changed != value {
                    el.set_attribute(name, &changed)?;
                }
            }
        }
        Ok(())
    });
    Ok(rewrite_str(
        page,
        RewriteStrSettings::new().append_element_content_handler(handler),
    )?)
}

/// The pieces of a file in which it may name other files.
#[derive(Default)]
struct Naming {
    /// What [`rewrite`] rewrites: each URL attribute's value of a page, the
    /// whole text of a script, style sheet or `_headers`; nothing of a data
    /// file.
    rewritten: Vec<String>,
    /// A page's inline scripts and styles, which are never rewritten.
    inline: Vec<String>,
}

/// The pieces of the file `from` (contents `text`) that may name files.
fn naming_parts(text: &str, from: &str) -> Result<Naming> {
    use lol_html::{element, rewrite_str, text, RewriteStrSettings};
    use std::cell::RefCell;
    match kind(from).as_str() {
        "json" => Ok(Naming::default()),
        "html" | "htm" => {
            let parts = RefCell::new(Naming::default());
            let inline = RefCell::new(String::new());
            let settings = RewriteStrSettings::new()
                .append_element_content_handler(element!(
                    "[src], [href], [srcset], [poster]",
                    |el| {
                        for name in URL_ATTRIBUTES {
                            if let Some(value) = el.get_attribute(name) {
                                parts.borrow_mut().rewritten.push(value);
                            }
                        }
                        Ok(())
                    }
                ))
                .append_element_content_handler(text!("script, style", |chunk| {
                    inline.borrow_mut().push_str(chunk.as_str());
                    if chunk.last_in_text_node() {
                        parts.borrow_mut().inline.push(inline.take());
                    }
                    Ok(())
                }));
            rewrite_str(text, settings)
                .with_context(|| format!("cannot read the markup of {from}"))?;
            Ok(parts.into_inner())
        }
        _ => Ok(Naming {
            rewritten: vec![text.to_owned()],
            inline: Vec::new(),
        }),
    }
}

/// `text` with each of `references` replaced by its target's new name.
fn replace_references(
    text: &str,
    references: Vec<Reference>,
    renamed: &BTreeMap<String, String>,
) -> String {
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for reference in references {
        if reference.start < copied {
            continue;
        }
        out.push_str(&text[copied..reference.start]);
        out.push_str(renamed.get(&reference.target).map_or("", |to| basename(to)));
        copied = reference.end;
    }
    out.push_str(&text[copied..]);
    out
}

/// Fails if any text of `dist/` still names a file by the name it had
/// before fingerprinting, or names a fingerprinted file that is missing.
fn check_references(dist: &Path, renamed: &BTreeMap<String, String>) -> Result<()> {
    let files = site_files(dist)?;
    let present: BTreeSet<&String> = files.iter().collect();
    let old: BTreeSet<String> = renamed.keys().cloned().collect();
    // The manifest names the old files on purpose. Each file is read and
    // searched on any core: pages are many and large.
    let checked: Vec<&String> = files
        .iter()
        .filter(|f| (is_text(f) && *f != MANIFEST) || kind(f).starts_with("htm"))
        .collect();
    let found = crate::parallel::map(&checked, |&file| {
        let path = dist.join(file);
        let text =
            fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
        let mut problems = Vec::new();
        if is_text(file) && file != MANIFEST {
            let folder = base_folder(&text, file);
            let named = naming_parts(&text, file)?;
            for part in named.rewritten.iter().chain(&named.inline) {
                for reference in references_in(part, &folder, &old) {
                    problems.push(format!(
                        "dist/{file} still names {} (now {})",
                        reference.target,
                        renamed.get(&reference.target).map_or("?", String::as_str)
                    ));
                }
            }
        }
        if kind(file).starts_with("htm") {
            for missing in missing_subresources(&text, file, &present) {
                problems.push(format!(
                    "dist/{file} loads {missing}, which is not in dist/"
                ));
            }
        }
        Ok(problems)
    })?;
    let mut problems: Vec<String> = found.into_iter().flatten().collect();
    for to in renamed.values() {
        if !present.contains(to) {
            problems.push(format!("dist/{to} is missing"));
        }
    }
    if !problems.is_empty() {
        bail!(
            "fingerprinting left broken references:\n{}",
            problems.join("\n")
        );
    }
    Ok(())
}

/// What the page `page` loads with `<script src>`, `<link href>` or
/// `<img src>` on its own site that is not among `present`.
fn missing_subresources(text: &str, page: &str, present: &BTreeSet<&String>) -> Vec<String> {
    let folder = base_folder(text, page);
    let mut missing = Vec::new();
    // lol_html fails only when a handler does, and these handlers cannot.
    let loading = html::elements(text, "script[src], img[src], link[href]").unwrap_or_default();
    for tag in &loading {
        let url = match tag.name.as_str() {
            "script" | "img" => tag.attribute("src"),
            "link" => tag.attribute("href"),
            _ => None,
        };
        let Some(url) = url.map(|u| u.split(['?', '#']).next().unwrap_or("")) else {
            continue;
        };
        if url.is_empty() || url.contains(':') || url.starts_with("//") || url.ends_with('/') {
            continue;
        }
        let joined = match url.strip_prefix('/') {
            Some(rooted) => rooted.to_owned(),
            None => format!("{folder}/{url}"),
        };
        match normalise(&joined) {
            Some(file) if present.contains(&file) => {}
            _ => missing.push(url.to_owned()),
        }
    }
    missing
}

/// The `_headers` rules that give every served file one `Cache-Control`:
/// [`IMMUTABLE`] for fingerprinted files, [`REVALIDATE`] for the rest.
///
/// Netlify and Cloudflare Pages send the headers of every rule a path
/// matches, joining repeated ones with commas, so no path may match two
/// rules that both set `Cache-Control`. A folder gets one `/folder/*` rule
/// when its files all take the same lifetime; otherwise, and at the root,
/// each file has a rule of its own. A page is also reached without its
/// `.html` (Cloudflare Pages' addresses), the dashboard as `/`.
pub fn cache_rules(files: &[String], fingerprinted: &BTreeSet<String>) -> String {
    let lifetime = |file: &String| {
        if fingerprinted.contains(file) {
            IMMUTABLE
        } else {
            REVALIDATE
        }
    };
    let mut rules: Vec<(String, &str)> = Vec::new();
    let mut folders: BTreeMap<&str, Vec<&String>> = BTreeMap::new();
    for file in files {
        match file.split_once('/') {
            Some((folder, _)) => folders.entry(folder).or_default().push(file),
            None => {
                rules.push((format!("/{file}"), lifetime(file)));
                if let Some(page) = file.strip_suffix(".html") {
                    rules.push((format!("/{page}"), lifetime(file)));
                    if page == "index" {
                        rules.push(("/".to_owned(), lifetime(file)));
                    }
                }
            }
        }
    }
    for (folder, inside) in folders {
        let lifetimes: BTreeSet<&str> = inside.iter().map(|f| lifetime(f)).collect();
        if let [only] = lifetimes.into_iter().collect::<Vec<_>>()[..] {
            rules.push((format!("/{folder}/*"), only));
        } else {
            for file in inside {
                rules.push((format!("/{file}"), lifetime(file)));
                if let Some(page) = file.strip_suffix(".html") {
                    rules.push((format!("/{page}"), lifetime(file)));
                }
            }
        }
    }
    let mut out = String::from(
        "# Cache lifetimes: a year for files whose names carry a hash of their\n\
         # contents, revalidation on every use for the rest.\n",
    );
    for (path, value) in rules {
        out.push_str(&format!("{path}\n  Cache-Control: {value}\n"));
    }
    out
}

/// The files a reader's browser loads for the page `page`: the page, then
/// every script, style sheet, module and image it names, and what those
/// name in turn. Links to other pages and downloads are not loaded.
pub fn loaded_by(
    page: &str,
    files: &[String],
    read: impl Fn(&str) -> Option<String>,
) -> Vec<String> {
    const LOADED: [&str; 10] = [
        "js", "mjs", "css", "wasm", "svg", "png", "jpg", "webp", "woff2", "ico",
    ];
    let targets: BTreeSet<String> = files
        .iter()
        .filter(|f| LOADED.contains(&kind(f).as_str()) && !compress::is_copy(f))
        .cloned()
        .collect();
    let mut seen = BTreeSet::new();
    let mut pending = vec![page.to_owned()];
    while let Some(file) = pending.pop() {
        if !seen.insert(file.clone()) || !is_text(&file) {
            continue;
        }
        if let Some(text) = read(&file) {
            let text = if kind(&file).starts_with("htm") {
                not_loaded_removed(&text)
            } else {
                text
            };
            pending.extend(
                references(&text, &file, &targets)
                    .into_iter()
                    .map(|r| r.target),
            );
        }
    }
    seen.into_iter().collect()
}

/// `page` with what a browser running scripts does not load taken out:
/// `<noscript>` content, the embed codes a reader may copy
/// (`.embed-code`), `<meta>` tags (a link preview's image is for the site that shows
/// the link) and `<a>` tags (a download or another page is fetched only
/// when followed).
fn not_loaded_removed(page: &str) -> String {
    use lol_html::{element, rewrite_str, RewriteStrSettings};
    let settings = RewriteStrSettings::new()
        .append_element_content_handler(element!("noscript, .embed-code, meta", |el| {
            el.remove();
            Ok(())
        }))
        .append_element_content_handler(element!("a", |el| {
            el.remove_and_keep_content();
            Ok(())
        }));
    // A page the markup reader cannot read loads nothing it can name.
    rewrite_str(page, settings).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(items: &[&str]) -> BTreeSet<String> {
        items.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn finds_references_in_every_form_our_files_use() {
        let targets = set(&["pkg/glue.js", "pkg/glue_bg.wasm", "chart.css", "main.js"]);
        let found = |text: &str, from: &str| -> Vec<String> {
            references(text, from, &targets)
                .into_iter()
                .map(|r| r.target)
                .collect()
        };
        assert_eq!(
            found("<link href=\"chart.css\">", "index.html"),
            ["chart.css"]
        );
        assert_eq!(
            found("<link href=\"../chart.css?v=1\">", "embed/a.html"),
            ["chart.css"]
        );
        assert_eq!(found("import('./pkg/glue.js')", "main.js"), ["pkg/glue.js"]);
        assert_eq!(
            found("new URL('glue_bg.wasm', import.meta.url)", "pkg/glue.js"),
            ["pkg/glue_bg.wasm"]
        );
        assert_eq!(found("src=\"/main.js\"", "embed/a.html"), ["main.js"]);
        assert_eq!(
            found(
                "src=\"https://example.org/charts/pkg/glue.js\"",
                "index.html"
            ),
            ["pkg/glue.js"]
        );
        // Another file of the same name elsewhere, a longer name, a name
        // that only begins the same, a path that leaves the site.
        assert!(found("import('./glue.js')", "main.js").is_empty());
        assert!(found("href=\"chart.css.map\"", "index.html").is_empty());
        assert!(found("src=\"article-charts-main.js\"", "index.html").is_empty());
        assert!(found("src=\"../../main.js\"", "embed/a.html").is_empty());
        assert!(found("src=\"https://example.org/other/glue.js\"", "index.html").is_empty());
        // A page's base moves its relative names, in markup and inline code.
        assert_eq!(
            found(
                "<base href=\"../\"><link href=\"chart.css\">",
                "embed/a.html"
            ),
            ["chart.css"]
        );
        assert_eq!(
            found(
                "<base href=\"../\"><script>import('./pkg/glue.js')</script>",
                "embed/a.html"
            ),
            ["pkg/glue.js"]
        );
        assert!(found(
            "<base href=\"../\"><link href=\"../chart.css\">",
            "embed/a.html"
        )
        .is_empty());
        assert_eq!(
            found(
                "<base href=\"https://example.org/charts/\"><link href=\"chart.css\">",
                "embed/a.html"
            ),
            ["chart.css"]
        );
        // Only a page has a base.
        assert!(found(
            "'<base href=\"../\">'; import('./pkg/glue.js')",
            "embed/b.js"
        )
        .is_empty());
        // A sentence may end after a name.
        assert_eq!(found("see main.js. Then", "index.html"), ["main.js"]);
    }

    #[test]
    fn rewrites_only_the_file_name() {
        let renamed: BTreeMap<String, String> = [
            ("pkg/glue.js", "pkg/glue.0011aabb.js"),
            ("chart.css", "chart.22334455.css"),
        ]
        .into_iter()
        .map(|(a, b)| (a.to_owned(), b.to_owned()))
        .collect();
        // A script names files anywhere in its code.
        assert_eq!(
            rewrite(
                "import('../pkg/glue.js'); chart.css",
                "embed/a.js",
                &renamed
            )
            .ok(),
            Some("import('../pkg/glue.0011aabb.js'); chart.css".to_owned())
        );
        // A page names them in its markup's URL attributes only: its text is
        // the article's, and stays as written even where it reads like a
        // reference.
        assert_eq!(
            rewrite(
                "<p>a <link href=\"../chart.css\"> import('../pkg/glue.js'), see chart.css</p>",
                "embed/a.html",
                &renamed
            )
            .ok(),
            Some("<p>a <link href=\"../chart.22334455.css\"> import('../pkg/glue.js'), see chart.css</p>".to_owned())
        );
        // A data file's strings are the article's: nothing is rewritten.
        let data = r#"{"note":"see chart.css and https://example.org/pkg/glue.js"}"#;
        assert_eq!(
            rewrite(data, "data/indicators.json", &renamed).ok(),
            Some(data.to_owned())
        );
    }

    #[test]
    fn names_carry_the_hash_before_the_extension() {
        assert_eq!(
            with_hash("pkg/a_bg.wasm", "0011aabb"),
            "pkg/a_bg.0011aabb.wasm"
        );
        assert_eq!(with_hash("x.min.js", "0011aabb"), "x.min.0011aabb.js");
        assert!(gets_fingerprint("pkg/article_charts_bg.wasm"));
        assert!(gets_fingerprint("style.css"));
        assert!(!gets_fingerprint("article-charts-embed.js"));
        // The deprecated forwarder keeps the name pasted codes load.
        assert!(!gets_fingerprint("article-charts-embed.js"));
        assert!(!gets_fingerprint("embed-resize.js"));
        assert!(!gets_fingerprint("index.html"));
        assert!(!gets_fingerprint("static/a-chart.svg"));
    }

    #[test]
    fn every_file_has_exactly_one_cache_rule() {
        let files: Vec<String> = [
            "index.html",
            "index.en.html",
            "main.0011aabb.js",
            "article-charts-embed.js",
            "pkg/glue.0011aabb.js",
            "pkg/glue_bg.0011aabb.wasm",
            "embed/a.html",
            "static/a.png",
            "mixed/a.0011aabb.css",
            "mixed/b.html",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
        let fingerprinted = set(&[
            "main.0011aabb.js",
            "pkg/glue.0011aabb.js",
            "pkg/glue_bg.0011aabb.wasm",
            "mixed/a.0011aabb.css",
        ]);
        let rules = cache_rules(&files, &fingerprinted);
        let cache = |path: &str| -> Vec<String> {
            crate::csp::headers_for(&rules, path)
                .into_iter()
                .filter(|(name, _)| name == "Cache-Control")
                .map(|(_, value)| value)
                .collect()
        };
        for file in &files {
            let expected = if fingerprinted.contains(file) {
                IMMUTABLE
            } else {
                REVALIDATE
            };
            assert_eq!(cache(&format!("/{file}")), [expected], "{file}\n{rules}");
        }
        for page in ["/", "/index", "/index.en", "/embed/a", "/mixed/b"] {
            assert_eq!(cache(page), [REVALIDATE], "{page}\n{rules}");
        }
    }

    #[test]
    fn a_page_loads_its_scripts_styles_module_and_images_not_its_links() {
        let files: Vec<String> = [
            "index.html",
            "main.js",
            "pkg/glue.js",
            "pkg/glue_bg.wasm",
            "style.css",
            "static/a.svg",
            "static/b.png",
            "data/all.csv",
            "embed/a.html",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
        let read = |file: &str| -> Option<String> {
            Some(
                match file {
                    "index.html" => "<meta property=og:image content=static/b.png><link href=style.css><script src=main.js></script>\
                                     <img src=static/a.svg><noscript><img src=static/b.png></noscript><a href=data/all.csv>x</a><a href=embed/a.html>\
                                     <a href=static/b.png download>PNG</a><pre class=embed-code><img src=\"static/b.png\"></pre>",
                    "main.js" => "import('./pkg/glue.js')",
                    "pkg/glue.js" => "new URL('glue_bg.wasm', import.meta.url)",
                    _ => "",
                }
                .to_owned(),
            )
        };
        assert_eq!(
            loaded_by("index.html", &files, read),
            [
                "index.html",
                "main.js",
                "pkg/glue.js",
                "pkg/glue_bg.wasm",
                "static/a.svg",
                "style.css"
            ]
        );
    }

    /// A small site shaped like ours, in a fresh folder named `name`.
    fn site(name: &str, module: &[u8]) -> Result<std::path::PathBuf> {
        let dir = std::env::temp_dir().join(format!("xtask-assets-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("pkg"))?;
        fs::create_dir_all(dir.join("embed"))?;
        let files: [(&str, &[u8]); 11] = [
            (
                "index.html",
                b"<link rel=stylesheet href=\"style.css\"><link rel=modulepreload href=\"pkg/glue.js\">\
                  <link rel=preload href=\"pkg/glue_bg.wasm\"><script type=module src=\"main.js\"></script>",
            ),
            ("main.js", b"await import('./pkg/glue.js'); new URL('pkg/glue_bg.wasm', import.meta.url);"),
            ("pkg/glue.js", b"new URL('glue_bg.wasm', import.meta.url)"),
            ("pkg/glue_bg.wasm", module),
            ("style.css", b"p { color: red }"),
            ("chart.css", b"canvas { display: block }"),
            ("article-charts-embed.js", b"new URL('chart.css', import.meta.url); import('./pkg/glue.js');"),
            ("embed.js", b"import('../x.js'); // styled by chart.css."),
            ("embed/a.html", b"<link rel=stylesheet href=\"../chart.css\"><script type=module src=\"../embed.js\"></script>"),
            ("embed/b.html", b"<base href=\"../\"><link rel=stylesheet href=\"chart.css\"><script type=module src=\"embed.js\"></script>"),
            ("_headers", b"/*\n  Access-Control-Allow-Origin: *\n"),
        ];
        for (file, contents) in files {
            fs::write(dir.join(file), contents)?;
        }
        Ok(dir)
    }

    #[test]
    fn fingerprints_and_every_reference_follows() -> Result<()> {
        let dir = site("follow", b"\0asm-one")?;
        let renamed = fingerprint(&dir)?;
        check_references(&dir, &renamed)?;
        let files = site_files(&dir)?;
        let old = set(&[
            "main.js",
            "embed.js",
            "style.css",
            "chart.css",
            "pkg/glue.js",
            "pkg/glue_bg.wasm",
        ]);
        assert_eq!(renamed.keys().cloned().collect::<BTreeSet<_>>(), old);
        for (from, to) in &renamed {
            assert!(!files.contains(from), "{from} is still there");
            assert!(files.contains(to), "{to} is missing");
            let hash = to.rsplit('.').nth(1).unwrap_or("");
            assert!(
                hash.len() == 8 && hash.chars().all(|c| c.is_ascii_hexdigit()),
                "{to}"
            );
        }
        // The stable names stay and name the new files.
        assert!(files.contains(&"article-charts-embed.js".to_owned()));
        let embed = fs::read_to_string(dir.join("article-charts-embed.js"))?;
        assert!(
            embed.contains(&format!("'{}'", basename(&renamed["chart.css"]))),
            "{embed}"
        );
        // Every reference of every text resolves to a file that exists.
        let present: BTreeSet<String> = files.iter().cloned().collect();
        let mut resolved = 0;
        for file in files.iter().filter(|f| is_text(f)) {
            let text = fs::read_to_string(dir.join(file))?;
            resolved += references(&text, file, &present).len();
        }
        // index.html 4, main.js 2, glue 1, article-charts-embed.js 2, embed.js 1 (a
        // name in a comment is rewritten too, harmlessly), embed/a.html 2,
        // embed/b.html 2.
        assert_eq!(resolved, 14);
        fs::remove_dir_all(&dir)?;
        Ok(())
    }

    #[test]
    fn a_module_the_page_scripts_share_is_fingerprinted_and_followed() -> Result<()> {
        // `boot.js` loads the glue; the dashboard's script and the script
        // embed (a stable name) import it.
        let build =
            |name: &str, glue: &str| -> Result<(std::path::PathBuf, BTreeMap<String, String>)> {
                let dir = site(name, b"\0asm")?;
                fs::write(dir.join("pkg/glue.js"), glue)?;
                fs::write(
                    dir.join("boot.js"),
                    "export const go = () => import('./pkg/glue.js');",
                )?;
                fs::write(
                    dir.join("main.js"),
                    "import { go } from './boot.js'; await go();",
                )?;
                fs::write(
                    dir.join("article-charts-embed.js"),
                    "import { go } from './boot.js'; new URL('chart.css', import.meta.url);",
                )?;
                let renamed = fingerprint(&dir)?;
                check_references(&dir, &renamed)?;
                Ok((dir, renamed))
            };
        let (dir, renamed) = build("shared", "new URL('glue_bg.wasm', import.meta.url)")?;
        let boot = basename(&renamed["boot.js"]).to_owned();
        assert_ne!(boot, "boot.js");
        for script in [renamed["main.js"].as_str(), "article-charts-embed.js"] {
            let text = fs::read_to_string(dir.join(script))?;
            assert!(
                text.contains(&format!("from './{boot}'")),
                "{script}: {text}"
            );
        }
        let text = fs::read_to_string(dir.join(&renamed["boot.js"]))?;
        assert!(text.contains(&renamed["pkg/glue.js"]), "{text}");
        fs::remove_dir_all(&dir)?;
        // A new glue renames the shared module and the script that imports it.
        let (other, again) = build(
            "shared-again",
            "new URL('glue_bg.wasm', import.meta.url); 2",
        )?;
        assert_ne!(again["boot.js"], renamed["boot.js"]);
        assert_ne!(again["main.js"], renamed["main.js"]);
        fs::remove_dir_all(&other)?;
        Ok(())
    }

    #[test]
    fn a_page_that_loads_a_missing_file_fails_the_check() -> Result<()> {
        let dir = site("missing", b"\0asm")?;
        let renamed = fingerprint(&dir)?;
        fs::write(
            dir.join("embed/c.html"),
            "<base href=\"../\"><script type=module src=\"embed.js\"></script>",
        )?;
        let error = check_references(&dir, &renamed)
            .err()
            .map(|e| e.to_string());
        fs::remove_dir_all(&dir)?;
        assert!(
            error
                .as_deref()
                .is_some_and(|e| e.contains("dist/embed/c.html loads embed.js")),
            "{error:?}"
        );
        Ok(())
    }

    #[test]
    fn a_changed_module_renames_everything_that_leads_to_it() -> Result<()> {
        let (one, two) = (site("one", b"\0asm-one")?, site("two", b"\0asm-two")?);
        let (first, second) = (fingerprint(&one)?, fingerprint(&two)?);
        for file in ["pkg/glue_bg.wasm", "pkg/glue.js", "main.js"] {
            assert_ne!(first[file], second[file], "{file}");
        }
        for file in ["style.css", "chart.css", "embed.js"] {
            assert_eq!(first[file], second[file], "{file}");
        }
        fs::remove_dir_all(&one)?;
        fs::remove_dir_all(&two)?;
        Ok(())
    }

    #[test]
    fn inline_code_naming_a_fingerprinted_file_is_refused() -> Result<()> {
        let dir = site("inline", b"\0asm")?;
        fs::write(
            dir.join("embed/b.html"),
            "<script type=module>import('../pkg/glue.js')</script>",
        )?;
        let error = fingerprint(&dir).err().map(|e| e.to_string());
        fs::remove_dir_all(&dir)?;
        assert!(
            error.as_deref().is_some_and(|e| e.contains("embed/b.html")),
            "{error:?}"
        );
        Ok(())
    }
}
