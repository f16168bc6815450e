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

use std::fs;
use std::path::Path;

use anyhow::{bail, Context, Result};

/// Parts of the standard library the module must not link: a piece of
/// their functions' names, and what to do instead.
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
    UNWANTED
        .iter()
        .filter(|(name, _)| module.windows(name.len()).any(|w| w == name.as_bytes()))
        .map(|(_, what)| format!("the module links {what}"))
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
}
