//! No string reaches the page as HTML or code: the browser code (`src/web/`
//! and the scripts of `www/`) never calls an HTML or code sink — `innerHTML`
//! and its relatives, `document.write`, `srcdoc`, `eval` — and never sets a
//! `style` or `on…` attribute, which the pages' Content-Security-Policy
//! refuses. Text from the data, the URL or a message can then only ever be
//! set as text (`textContent`) or as an ordinary attribute.
//!
//! The browser tests check the same at run time: the pages run under
//! `require-trusted-types-for 'script'`, which makes Chromium throw on any
//! string handed to an HTML sink, but only on the code paths they reach; this
//! check covers every line.

use std::fs;
use std::path::{Path, PathBuf};

/// Sinks of the Rust DOM bindings (web-sys, js-sys).
const RUST_SINKS: [&str; 12] = [
    "inner_html",
    "outer_html",
    "insert_adjacent_html",
    "write_with_str",
    "writeln_with_str",
    "srcdoc",
    "DomParser",
    "create_contextual_fragment",
    "js_sys::eval",
    "Function::new",
    "set_attribute(\"style\"",
    "set_attribute(\"on",
];

/// The same sinks in JavaScript. `srcdoc` is a sink where it is set (the
/// property, or the attribute by `setAttribute`); asking whether a frame
/// has the attribute, as `embed-resize.js` does to ignore such frames, is
/// not.
const JS_SINKS: [&str; 14] = [
    "innerHTML",
    "outerHTML",
    "insertAdjacentHTML",
    "document.write",
    ".srcdoc",
    "setAttribute('srcdoc'",
    "setAttribute(\"srcdoc\"",
    "DOMParser",
    "createContextualFragment",
    "eval(",
    "new Function",
    "setAttribute('style'",
    "setAttribute(\"style\"",
    "setAttribute('on",
];

/// Every `line: sink` of `text` outside comments, for the sinks given.
fn sinks_in(text: &str, sinks: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let code = line.trim_start();
        if code.starts_with("//") || code.starts_with("/*") || code.starts_with('*') {
            continue;
        }
        for sink in sinks {
            if code.contains(sink) {
                found.push(format!("{}: {sink}", number + 1));
            }
        }
    }
    found
}

/// The files with extension `ext` directly in `dir`, sorted.
fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|e| e == ext))
        .collect();
    found.sort();
    found
}

#[test]
fn the_scan_finds_sinks_in_code_and_skips_comments() {
    let rust = "// never inner_html\nel.set_inner_html(&label);\ne.set_attribute(\"style\", s)?;";
    assert_eq!(
        sinks_in(rust, &RUST_SINKS),
        vec!["2: inner_html", "3: set_attribute(\"style\""]
    );
    let js = "/* innerHTML */\nroot.innerHTML = text;\n x.setAttribute('onclick', y);\n\
              if (f.hasAttribute('srcdoc')) return;\nf.srcdoc = html;\nf.setAttribute('srcdoc', html);";
    assert_eq!(
        sinks_in(js, &JS_SINKS),
        vec![
            "2: innerHTML",
            "3: setAttribute('on",
            "5: .srcdoc",
            "6: setAttribute('srcdoc'"
        ]
    );
}

#[test]
fn browser_code_uses_no_html_or_code_sink() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut problems = Vec::new();
    let mut scanned = 0;
    for (dir, ext, sinks) in [
        ("src/web", "rs", &RUST_SINKS[..]),
        ("www", "js", &JS_SINKS[..]),
    ] {
        for path in files(&root.join(dir), ext) {
            let text = fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            scanned += 1;
            for hit in sinks_in(&text, sinks) {
                problems.push(format!("{}:{hit}", path.display()));
            }
        }
    }
    assert!(scanned >= 8, "only {scanned} files scanned");
    assert!(problems.is_empty(), "HTML or code sinks: {problems:#?}");
}
