//! The standard library's paths in a built module, made relative before
//! the module ships.
//!
//! Panic messages carry the path of the source file they come from; the
//! build rewrites the machine's own paths with `--remap-path-prefix` (see
//! the xtask's `paths.rs`), but the standard library comes compiled, its
//! paths already rewritten by the Rust project to `/rustc/COMMIT-HASH/…`,
//! which says which compiler built the module.

use std::fs;
use std::path::Path;

use anyhow::{Context, Result};

/// Rewrites the standard library's paths in the module file at `path` (see
/// [`relativise_std_paths`]) and returns how many were replaced.
pub fn relativise_std_paths_in(path: &Path) -> Result<usize> {
    let mut bytes = fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let replaced = relativise_std_paths(&mut bytes);
    crate::files::write_file(path, &bytes)?;
    Ok(replaced)
}

/// Rewrites the standard library's paths in a built module, in place.
///
/// The standard library comes compiled, its paths already rewritten by the
/// Rust project to `/rustc/COMMIT-HASH/library/…` and `/rust/deps/…`, and
/// `--remap-path-prefix` does not reach them. Each is replaced by a relative
/// path to the same file of the same length (`std/././…/library/…`,
/// `std/./deps/…`): a string's length is stored apart from its bytes, so
/// only a replacement of equal length leaves the module valid. Returns how
/// many were replaced.
pub fn relativise_std_paths(module: &mut [u8]) -> usize {
    const DEPS: &[u8] = b"/rust/deps/";
    const DEPS_AS: &[u8] = b"std/./deps/";
    const RUSTC: &[u8] = b"/rustc/";
    // `/rustc/`, 40 hex digits, `/`.
    const HASHED: usize = 48;
    let mut replaced = 0;
    let mut at = 0;
    while at < module.len() {
        let rest = &module[at..];
        if rest.starts_with(DEPS) {
            module[at..at + DEPS.len()].copy_from_slice(DEPS_AS);
            replaced += 1;
            at += DEPS.len();
        } else if rest.len() >= HASHED
            && rest.starts_with(RUSTC)
            && rest[RUSTC.len()..HASHED - 1]
                .iter()
                .all(u8::is_ascii_hexdigit)
            && rest[HASHED - 1] == b'/'
        {
            // `std` and `/.` 22 times: the same 47 bytes, then the `/`.
            let mut with = b"std".to_vec();
            with.extend(std::iter::repeat_n(b"/.".as_slice(), 22).flatten());
            module[at..at + HASHED - 1].copy_from_slice(&with);
            replaced += 1;
            at += HASHED;
        } else {
            at += 1;
        }
    }
    replaced
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standard_library_paths_become_relative_with_their_length() {
        let hash = "59807616e1fa2540724bfbac14d7976d7e4a3860";
        let text = format!(
            "x/rustc/{hash}/library/core/src/fmt.rs\0/rust/deps/dlmalloc-0.2.11/src/dlmalloc.rs/rustc/abc/y"
        );
        let mut bytes = text.clone().into_bytes();
        assert_eq!(relativise_std_paths(&mut bytes), 2);
        let out = String::from_utf8(bytes).expect("still text");
        assert_eq!(out.len(), text.len());
        assert!(!out.contains(hash) && !out.contains("/rust/deps/"), "{out}");
        assert!(out.starts_with("xstd/././"), "{out}");
        assert!(
            out.contains("/./library/core/src/fmt.rs\0std/./deps/dlmalloc"),
            "{out}"
        );
        // Not a commit hash: left alone.
        assert!(out.ends_with("/rustc/abc/y"), "{out}");
    }
}
