//! A data folder written in Chinese only (`[meta] languages = ["zh"]`)
//! publishes its Simplified and Traditional Chinese files and nothing in
//! English: no English page, embed page, standalone file, static image or
//! oEmbed file, and no page, catalogue entry or link that leads to one.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// The workspace's root, where `www/` and `tests/data/` are.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every file under `dir`, recursively.
fn files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))? {
        let path = entry?.path();
        if path.is_dir() {
            out.extend(files(&path)?);
        } else {
            out.push(path);
        }
    }
    Ok(out)
}

/// The values of every `href`, `src`, `srcset` and `content` attribute of
/// an HTML page, roughly: enough to see which files it names.
fn addresses(page: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for attribute in [" href=\"", " src=\"", " srcset=\"", " content=\""] {
        for (at, _) in page.match_indices(attribute) {
            let rest = &page[at + attribute.len()..];
            out.push(&rest[..rest.find('"').unwrap_or(rest.len())]);
        }
    }
    out
}

/// An HTML page without its comments, which readers never see and which
/// may name every file the build can write.
fn without_comments(page: &str) -> String {
    let mut out = String::new();
    let mut rest = page;
    while let Some(start) = rest.find("<!--") {
        out.push_str(&rest[..start]);
        rest = rest[start..]
            .find("-->")
            .map_or("", |end| &rest[start + end + 3..]);
    }
    out.push_str(rest);
    out
}

#[test]
fn a_chinese_only_article_publishes_no_english_file_and_links_to_none() -> Result<()> {
    let data = article_dataset::load(&root().join("tests/data/chinese-only"))
        .map_err(|e| anyhow::anyhow!("the fixture is not valid:\n{e}"))?;
    assert!(!data.meta.has_english());

    // A folder of its own per run, as the tests of one binary run at once.
    let dist = std::env::temp_dir().join(format!(
        "article-site-chinese-only-{}-{:?}",
        std::process::id(),
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH)?
    ));
    let pkg = dist.join("pkg");
    fs::create_dir_all(&pkg)?;
    // The site generator wants the module and its glue; these pages are
    // read, never run, so a stand-in of each does.
    fs::write(
        pkg.join("article_charts.js"),
        "async function init() {}\nexport { init as default };\n",
    )?;
    fs::write(pkg.join("article_charts_bg.wasm"), b"\0asm\x01\0\0\0")?;
    // With the site's address the build also writes oEmbed files and the
    // dashboards' hreflang alternates, which must leave English out too.
    article_site::write(
        &dist,
        &root().join("www"),
        &data,
        Some("https://charts.example.org/story/"),
    )?;

    let all = files(&dist)?;
    let name = |p: &Path| {
        p.strip_prefix(&dist)
            .map_or_else(|_| p.display().to_string(), |r| r.display().to_string())
    };
    let english: Vec<String> = all
        .iter()
        .map(|p| name(p))
        .filter(|n| n.contains(".en.") || n.ends_with(".en"))
        .collect();
    assert!(
        english.is_empty(),
        "English files were written: {english:?}"
    );
    // The Chinese files are all there: both scripts of the dashboard, and
    // every chart's embed page and image in both.
    for file in ["index.html", "index.zh-Hant.html"] {
        assert!(dist.join(file).is_file(), "{file} is missing");
    }
    for chart in data.charts.iter() {
        for stem in [chart.id.to_string(), format!("{}.zh-Hant", chart.id)] {
            assert!(
                dist.join(format!("embed/{stem}.html")).is_file(),
                "embed/{stem}.html is missing"
            );
            assert!(
                dist.join(format!("standalone/{stem}.html")).is_file(),
                "standalone/{stem}.html is missing"
            );
            assert!(
                dist.join(format!("oembed/{stem}.json")).is_file(),
                "oembed/{stem}.json is missing"
            );
        }
    }

    let mut pages = 0;
    for path in all
        .iter()
        .filter(|p| p.extension().is_some_and(|x| x == "html"))
    {
        pages += 1;
        let page = without_comments(&fs::read_to_string(path)?);
        let at = name(path);
        for (english, why) in [
            ("index.en.html", "links to index.en.html"),
            ("lang=\"en\"", "has a text or link in English (lang=\"en\")"),
            ("hreflang=\"en\"", "names an English alternate"),
            (">English<", "offers English in its language switch"),
        ] {
            assert!(!page.contains(english), "{at} {why}");
        }
        for address in addresses(&page) {
            assert!(!address.contains(".en."), "{at} links to {address}");
        }
    }
    assert!(pages > 0, "no page was written");

    // The catalogue names no English file and has no English entry.
    let catalogue = fs::read_to_string(dist.join("charts.json"))?;
    for (english, why) in [
        (".en.", "names an English file"),
        ("\"en\"", "has an English entry"),
        ("_en\"", "has an English image"),
    ] {
        assert!(!catalogue.contains(english), "charts.json {why}");
    }

    fs::remove_dir_all(&dist)?;
    Ok(())
}
