//! Short names for the module's imports.
//!
//! wasm-bindgen names every JavaScript function the module imports after
//! its Rust binding and a hash of 16 hex digits
//! (`__wbg_getBoundingClientRect_329ca748ec918b0c`), once in the module's
//! import section and once as a key of the glue's import object. For 166
//! imports that is about 3 KB gzip of the module and 2 KB of the glue,
//! mostly hashes, which do not compress. The names are a private contract
//! between the two files, so the build renames each to a short one (`a`,
//! `b`, …, `ba`, …) in both; every other byte of the module is copied as it
//! is.

use std::fs;
use std::path::Path;

use anyhow::{bail, Context, Result};
use wasm_encoder::reencode::{Reencode, RoundtripReencoder};
use wasmparser::{Parser, Payload};

/// The prefix of the names wasm-bindgen gives the functions it imports.
const PREFIX: &str = "__wbg_";

/// Each renamed import: its name as wasm-bindgen wrote it, and its new one.
type Renames = Vec<(String, String)>;

/// Renames the module's wasm-bindgen imports in the module file at
/// `module` and in the glue at `glue`, in place; returns how many.
pub fn shorten(module: &Path, glue: &Path) -> Result<usize> {
    let read = |p: &Path| fs::read(p).with_context(|| format!("cannot read {}", p.display()));
    let (bytes, renames) = shortened_module(&read(module)?)?;
    let text = String::from_utf8(read(glue)?)
        .with_context(|| format!("{} is not UTF-8", glue.display()))?;
    let text = renamed_glue(&text, &renames)
        .with_context(|| format!("cannot rename the imports in {}", glue.display()))?;
    crate::files::write_file(module, &bytes)?;
    crate::files::write_file(glue, text.as_bytes())?;
    Ok(renames.len())
}

/// The short name of the `n`th import: `a` … `z`, `A` … `Z`, then `ba`, `bb`, …
fn short_name(mut n: usize) -> String {
    const LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut name = Vec::new();
    loop {
        name.push(LETTERS[n % LETTERS.len()]);
        n /= LETTERS.len();
        if n == 0 {
            break;
        }
    }
    name.reverse();
    String::from_utf8_lossy(&name).into_owned()
}

/// `module` with every import named `__wbg_…` renamed, and the renames.
fn shortened_module(module: &[u8]) -> Result<(Vec<u8>, Renames)> {
    let mut out = wasm_encoder::Module::new();
    let mut renames = Vec::new();
    for payload in Parser::new(0).parse_all(module) {
        let payload = payload.context("the module is not valid WebAssembly")?;
        if let Payload::ImportSection(reader) = payload {
            let mut section = wasm_encoder::ImportSection::new();
            for import in reader.into_imports() {
                let import = import.context("the module's import section is not valid")?;
                let ty = RoundtripReencoder
                    .entity_type(import.ty)
                    .context("an import of the module has a type this build cannot copy")?;
                let name = if import.name.starts_with(PREFIX) {
                    let short = short_name(renames.len());
                    renames.push((import.name.to_owned(), short.clone()));
                    short
                } else {
                    import.name.to_owned()
                };
                section.import(import.module, &name, ty);
            }
            out.section(&section);
        } else if let Some((id, range)) = payload.as_section() {
            let data = usize::try_from(range.start)
                .ok()
                .zip(usize::try_from(range.end).ok())
                .and_then(|(start, end)| module.get(start..end))
                .context("a section of the module lies outside it")?;
            out.section(&wasm_encoder::RawSection { id, data });
        }
    }
    Ok((out.finish(), renames))
}

/// `glue` with each renamed import's key renamed. Each old name must be a
/// key of the import object exactly once, or the module and its glue would
/// no longer meet.
fn renamed_glue(glue: &str, renames: &Renames) -> Result<String> {
    let mut out = glue.to_owned();
    for (old, new) in renames {
        let key = format!("{old}:");
        match out.matches(&key).count() {
            1 => out = out.replacen(&key, &format!("{new}:"), 1),
            n => bail!("the import `{old}` is a key of the glue {n} times, not once"),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A module importing `names` from `./m.js`, each a function of no
    /// arguments, with a custom section after them.
    fn module(names: &[&str]) -> Vec<u8> {
        let mut m = wasm_encoder::Module::new();
        let mut types = wasm_encoder::TypeSection::new();
        types.ty().function([], []);
        m.section(&types);
        let mut imports = wasm_encoder::ImportSection::new();
        for name in names {
            imports.import("./m.js", name, wasm_encoder::EntityType::Function(0));
        }
        m.section(&imports);
        m.section(&wasm_encoder::CustomSection {
            name: "note".into(),
            data: b"kept".as_slice().into(),
        });
        m.finish()
    }

    #[test]
    fn imports_are_renamed_in_the_module_and_the_glue_alike() -> Result<()> {
        let names = [
            "__wbg_focus_0123456789abcdef",
            "__wbindgen_init_externref_table",
        ];
        let (bytes, renames) = shortened_module(&module(&names))?;
        assert_eq!(bytes, module(&["a", "__wbindgen_init_externref_table"]));
        let glue = "const i={__wbg_focus_0123456789abcdef:function(a){a.focus()},__wbindgen_init_externref_table:function(){}};";
        assert_eq!(
            renamed_glue(glue, &renames)?,
            "const i={a:function(a){a.focus()},__wbindgen_init_externref_table:function(){}};"
        );
        Ok(())
    }

    #[test]
    fn a_glue_without_the_key_or_with_it_twice_is_refused() {
        let renames = vec![("__wbg_x_00".to_owned(), "a".to_owned())];
        assert!(renamed_glue("{__wbg_y_00:function(){}}", &renames).is_err());
        assert!(renamed_glue("{__wbg_x_00:1,__wbg_x_00:2}", &renames).is_err());
    }

    #[test]
    fn short_names_are_distinct() {
        let names: std::collections::HashSet<String> = (0..3000).map(short_name).collect();
        assert_eq!(names.len(), 3000);
        assert_eq!(
            (short_name(0), short_name(51), short_name(52)),
            ("a".into(), "Z".into(), "ba".into())
        );
    }
}
