//! The site's style sheets and scripts without their comments and spaces.
//!
//! Our CSS and JavaScript explain themselves at length, as the project
//! asks, and those comments were about half of each script's compressed
//! size: every reader downloaded them, on every page, inline in the
//! dashboards' heads too. The build strips them with the `minifier` crate's
//! tokenisers, which keep every name, string and number as written.
//!
//! Scripts are minified after the standalone pages have inlined them (see
//! [`scripts`]); style sheets before any page inlines them, so that the
//! hashes the Content-Security-Policy allows are those of what ships.

use std::fs;
use std::path::Path;

use anyhow::{anyhow, Context, Result};

use crate::files::files_in;

/// Minifies every style sheet (`*.css`) directly in `dist`.
pub fn style_sheets(dist: &Path) -> Result<()> {
    for path in files_in(dist, "css")? {
        rewrite(&path, |text| {
            minifier::css::minify(text).map(|m| m.to_string())
        })?;
    }
    Ok(())
}

/// Minifies every script (`*.js`) in `dist` and `dist/pkg`. Run it after
/// the standalone pages are written: their inliner reads the scripts'
/// statements line by line, and a minified script is one line.
pub fn scripts(dist: &Path) -> Result<()> {
    let mut paths = files_in(dist, "js")?;
    let pkg = dist.join("pkg");
    if pkg.is_dir() {
        paths.extend(files_in(&pkg, "js")?);
    }
    for path in paths {
        rewrite(&path, |text| {
            minifier::js::minify(text).map(|m| m.to_string())
        })?;
    }
    Ok(())
}

/// Replaces the file at `path` with `minify` of its text. A file the
/// minifier cannot read fails the build: they are the site's own files,
/// and shipping one unminified would hide the change that broke it.
fn rewrite(path: &Path, minify: impl Fn(&str) -> Result<String, &'static str>) -> Result<()> {
    let text =
        fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let small = minify(&text).map_err(|e| anyhow!("cannot minify {}: {e}", path.display()))?;
    fs::write(path, small.trim()).with_context(|| format!("cannot write {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn folder(files: &[(&str, &str)]) -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "minify-test-{}-{}",
            std::process::id(),
            files.len()
        ));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("pkg")).expect("a temporary folder");
        for (name, text) in files {
            fs::write(dir.join(name), text).expect("a temporary file");
        }
        dir
    }

    #[test]
    fn comments_and_spaces_go_names_strings_and_calc_stay() {
        let dir = folder(&[
            (
                "a.css",
                "/* Names chart.css, which is not a reference. */\n.a > b {\n  width: calc(100% - 16px);\n  content: \"/* kept */\";\n}\n",
            ),
            (
                "a.js",
                "// Why this is so.\nimport { x } from './boot.js';\n/** A doc comment. */\nexport function f(url) {\n  return `${url} // not a comment`;\n}\n",
            ),
            ("pkg/glue.js", "/* glue */\nexport const A = 'http://a.example/';\n"),
            ("page.html", "<!-- kept --> <p>  a  </p>\n"),
        ]);
        style_sheets(&dir).expect("the sheets minify");
        scripts(&dir).expect("the scripts minify");
        let read = |name: &str| fs::read_to_string(dir.join(name)).expect("the file");
        let css = read("a.css");
        assert!(!css.contains("chart.css"), "{css}");
        assert!(css.contains("calc(100% - 16px)"), "{css}");
        assert!(css.contains("\"/* kept */\""), "{css}");
        let js = read("a.js");
        assert!(!js.contains("Why") && !js.contains("doc comment"), "{js}");
        assert!(
            js.contains("from'./boot.js'") || js.contains("from './boot.js'"),
            "{js}"
        );
        assert!(js.contains("export function f("), "{js}");
        assert!(js.contains("// not a comment"), "{js}");
        assert!(!read("pkg/glue.js").contains("glue"));
        assert!(read("pkg/glue.js").contains("'http://a.example/'"));
        // Pages are not touched.
        assert_eq!(read("page.html"), "<!-- kept --> <p>  a  </p>\n");
        let _ = fs::remove_dir_all(&dir);
    }
}
