//! What the built module must not link.
//!
//! Rust's float formatter and float parser cost every reader about 8 and
//! 10 KiB of download, for a handful of numbers. The library writes its
//! decimals with `article_charts::decimal` and reads numbers with the
//! browser's `Number()`; one `format!("{}", x)` on an `f64`, one
//! `f64::clamp` or one `str::parse::<f64>()` anywhere the module reaches
//! would link them again without a word. `cargo xtask dist` checks the
//! module as wasm-bindgen writes it, whose name section still names every
//! function, before wasm-opt strips the names.
//!
//! Two more pieces are kept out the same way. Unicode's tables of printable
//! characters (about 4 KiB) come with any slice or substring search of text
//! that can panic, since the panic message prints a character with `{:?}`
//! (see `article_charts::measure::one_of`). The reader of printed figures
//! (about 3 KiB) is not needed: the loader keeps each figure's words
//! (`article_dataset::printed::Worded`) for the module to format with.
//!
//! The same check finds the texts only the prerendered pages hold
//! (`article_charts::strings::PageStrings`): a table of strings the module
//! reads is linked whole, so one such text in it means a page-only table
//! has come back into the module's reach.

use std::fs;
use std::path::Path;

use anyhow::{bail, Context, Result};
use article_charts::locale::Locale;

/// Parts of the standard library and of ours the module must not link: a
/// piece of their functions' (mangled) names, and what to do instead.
const UNWANTED: &[(&str, &str)] = &[
    (
        "flt2dec",
        "Rust's float formatter (about 8 KiB gzip), linked by `{}` or `{:.2}` on an `f64`, \
         `f64::clamp` or `{:?}` of a value holding an `f64`: write decimals with \
         `article_charts::decimal::Decimal` and bound values with `decimal::within`",
    ),
    (
        "dec2flt",
        "Rust's float parser (about 10 KiB gzip), linked by `str::parse::<f64>`: read \
         numbers with the browser's `Number()` (`web::dom::number`)",
    ),
    (
        "unicode::printable",
        "Unicode's tables of printable characters (about 4 KiB gzip), linked by the panic \
         message of a slice of a `str` at byte offsets or of a substring search \
         (`contains`, `find`, `trim_*_matches`, `replace` with a `&str`, or `contains` with \
         a character outside ASCII), which prints a `char` with `{:?}`: slice with \
         `split_once` or `str::get`, and search with `article_charts::measure::{one_of, \
         holds, trim_start_text, trim_end_text}`",
    ),
    (
        "printed::wording::",
        "the reader of printed figures (`article_dataset::printed::wording`, about 3 KiB \
         gzip): format from the words the loader kept, `Indicator::wording`",
    ),
];

/// Fails, saying what to do instead, if the module file at `path` links an
/// unwanted part of the standard library.
pub fn check(path: &Path) -> Result<()> {
    let module = fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let unwanted = unwanted(&module);
    if !unwanted.is_empty() {
        bail!("{}", unwanted.join("\n"));
    }
    Ok(())
}

/// One message for each unwanted part `module` links, found by its
/// functions' names; none for a module without a name section.
pub fn unwanted(module: &[u8]) -> Vec<String> {
    let holds = |text: &str| module.windows(text.len()).any(|w| w == text.as_bytes());
    let parts = UNWANTED
        .iter()
        .filter(|(name, _)| holds(name))
        .map(|(_, what)| format!("the module links {what}"));
    let texts = page_only_texts()
        .into_iter()
        .filter(|text| holds(text))
        .map(|text| {
            format!(
                "the module carries \"{text}\", a text only the pages hold: keep such texts \
                 in `strings::PageStrings`, which only `markup` and `frame` read"
            )
        });
    parts.chain(texts).collect()
}

/// The longest texts of each language's page-only table: none of them is
/// in the tables the module reads.
fn page_only_texts() -> Vec<&'static str> {
    Locale::ALL
        .iter()
        .flat_map(|locale| {
            let page = locale.page_strings();
            [page.keys_hint, page.all.intro, page.panel.cors]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::unwanted;

    #[test]
    fn a_function_of_the_float_formatter_is_named_and_explained() {
        let module = b"\0asm...core::num::flt2dec::strategy::grisu::format_shortest...";
        let found = unwanted(module);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("article_charts::decimal"), "{}", found[0]);
        assert!(unwanted(b"\0asm...core::fmt::num::imp::fmt_u64...").is_empty());
    }

    #[test]
    fn unicode_s_printable_tables_are_named_with_what_to_use_instead() {
        let module = b"\0asm...core[c5930c85a12de822]::unicode::printable::is_printable...";
        let found = unwanted(module);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("split_once"), "{}", found[0]);
    }

    #[test]
    fn the_reader_of_printed_figures_is_named_but_not_the_kept_words() {
        let module = b"\0asm...article_dataset::printed::wording::h355afc017b01fa2b...";
        let found = unwanted(module);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("Indicator::wording"), "{}", found[0]);
        let kept = b"\0asm...article_dataset::printed::Worded::wording::h0123456789abcdef...";
        assert!(unwanted(kept).is_empty());
    }

    #[test]
    fn a_page_only_text_in_the_module_is_named() {
        let text = super::page_only_texts()[0];
        let module = [b"\0asm...".as_slice(), text.as_bytes(), b"..."].concat();
        let found = unwanted(&module);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains(text), "{}", found[0]);
    }
}
