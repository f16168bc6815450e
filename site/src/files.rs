//! Copying, listing and replacing folders, with messages that name the
//! file that failed.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

/// Writes `contents` to `path`, naming the file if that fails.
pub fn write_file(path: &Path, contents: &[u8]) -> Result<()> {
    fs::write(path, contents).with_context(|| format!("cannot write {}", path.display()))
}

/// Copies every file below `from` into `to`, keeping the folder structure.
pub fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    fs::create_dir_all(to).with_context(|| format!("cannot create {}", to.display()))?;
    let entries = fs::read_dir(from).with_context(|| format!("cannot read {}", from.display()))?;
    for entry in entries {
        let entry = entry.with_context(|| format!("cannot read {}", from.display()))?;
        let source = entry.path();
        let target = to.join(entry.file_name());
        // `metadata` follows symbolic links, so a linked file is copied as
        // the file it points to.
        let metadata =
            fs::metadata(&source).with_context(|| format!("cannot read {}", source.display()))?;
        if metadata.is_dir() {
            copy_dir(&source, &target)?;
        } else {
            fs::copy(&source, &target).with_context(|| {
                format!("cannot copy {} to {}", source.display(), target.display())
            })?;
        }
    }
    Ok(())
}

/// Refuses an `--out` folder that holds anything but a site this tool
/// built: the build replaces the folder as a whole, so a name that happens
/// to be a source folder (the workspace's `site/` crate, say) would lose
/// its files. Every build writes `_headers`; no source folder has one.
pub fn may_replace(out: &Path, shown: &Path) -> Result<()> {
    let Ok(entries) = fs::read_dir(out) else {
        // A folder that is not there yet is made.
        return Ok(());
    };
    let names: Vec<String> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    let built = names.iter().any(|n| n == "_headers");
    let source = names.iter().any(|n| n == "Cargo.toml" || n == ".git");
    if !names.is_empty() && (!built || source) {
        bail!(
            "`--out {}` holds files that are not a site built by `cargo xtask dist` \
             (it would be replaced as a whole); name a new or empty folder, such as `public/story/`",
            shown.display()
        );
    }
    Ok(())
}

/// Runs `build` on a new, empty folder beside `out` (in the same parent,
/// so on the same file system, where a rename is atomic), and only if it
/// succeeds puts that folder in the place of `out`: the old `out` is renamed
/// away, the new one renamed in, and the old one deleted. If `build` fails,
/// its folder is removed and `out` is left untouched, so a failed build
/// never destroys the last good site. A new folder also keeps files of an
/// earlier build (a page since deleted from www/, say) from being served or
/// deployed by mistake.
pub fn replace_folder(out: &Path, build: impl FnOnce(&Path) -> Result<()>) -> Result<()> {
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = out
        .file_name()
        .with_context(|| format!("{} names no folder to write the site to", out.display()))?
        .to_string_lossy()
        .into_owned();
    fs::create_dir_all(&parent).with_context(|| format!("cannot create {}", parent.display()))?;
    // A `TempDir` is deleted when dropped: on an error below, and on a
    // panic, as much as on success before it is kept.
    let staging = tempfile::Builder::new()
        .prefix(&format!(".{name}.new-"))
        .tempdir_in(&parent)
        .with_context(|| format!("cannot create a folder in {}", parent.display()))?;
    build(staging.path())?;
    // Its name is random, so no other build can be writing to it.
    let old = tempfile::Builder::new()
        .prefix(&format!(".{name}.old-"))
        .tempdir_in(&parent)
        .with_context(|| format!("cannot create a folder in {}", parent.display()))?;
    let had_old = out.exists();
    if had_old {
        // Renaming a folder onto an empty folder replaces it (POSIX).
        fs::rename(out, old.path()).with_context(|| {
            format!(
                "cannot move the old {} aside to {}",
                out.display(),
                old.path().display()
            )
        })?;
    }
    let new = staging.keep();
    if let Err(error) = fs::rename(&new, out) {
        // Put the last good site back, and leave no half-way state.
        let restored = !had_old || fs::rename(old.path(), out).is_ok();
        let _ = fs::remove_dir_all(&new);
        let what = if restored {
            "the old site is left in place".to_owned()
        } else {
            // Not deleted: it is the last good site.
            format!("the old site is kept in {}", old.keep().display())
        };
        return Err(error)
            .with_context(|| format!("cannot move the new site into {} ({what})", out.display()));
    }
    // Dropping `old` deletes the previous site.
    old.close()
        .with_context(|| format!("cannot delete the previous site in {}", parent.display()))
}

/// The files directly in `dir` (not in its folders) whose name ends in
/// `.{extension}`, in a stable order.
pub fn files_in(dir: &Path, extension: &str) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))? {
        let path = entry
            .with_context(|| format!("cannot read {}", dir.display()))?
            .path();
        if path.is_file() && path.extension().is_some_and(|x| x == extension) {
            found.push(path);
        }
    }
    found.sort();
    Ok(found)
}

/// Every file below `dir`, as paths relative to it, in a stable order.
pub fn files_below(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut pending = vec![PathBuf::new()];
    while let Some(relative) = pending.pop() {
        let folder = dir.join(&relative);
        for entry in
            fs::read_dir(&folder).with_context(|| format!("cannot read {}", folder.display()))?
        {
            let entry = entry.with_context(|| format!("cannot read {}", folder.display()))?;
            let path = relative.join(entry.file_name());
            if entry.file_type().map(|t| t.is_dir()).unwrap_or(false) {
                pending.push(path);
            } else {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use anyhow::bail;

    #[test]
    fn copies_nested_folders_and_lists_them_in_order() -> Result<()> {
        let base = std::env::temp_dir().join(format!("xtask-copy-test-{}", std::process::id()));
        let (from, to) = (base.join("from"), base.join("to"));
        fs::create_dir_all(from.join("img"))?;
        fs::write(from.join("index.html"), "<!doctype html>")?;
        fs::write(from.join("img").join("a.svg"), "<svg/>")?;
        copy_dir(&from, &to)?;
        let files = files_below(&to)?;
        fs::remove_dir_all(&base)?;
        assert_eq!(
            files,
            vec![PathBuf::from("img/a.svg"), PathBuf::from("index.html")]
        );
        Ok(())
    }

    /// Every file below `dir` with its bytes.
    fn contents(dir: &Path) -> Result<Vec<(PathBuf, Vec<u8>)>> {
        files_below(dir)?
            .into_iter()
            .map(|f| Ok((f.clone(), fs::read(dir.join(&f))?)))
            .collect()
    }

    /// The names in `dir`, sorted.
    fn names(dir: &Path) -> Result<Vec<String>> {
        let mut names: Vec<String> = fs::read_dir(dir)?
            .map(|e| Ok(e?.file_name().to_string_lossy().into_owned()))
            .collect::<Result<_>>()?;
        names.sort();
        Ok(names)
    }

    #[test]
    fn a_failed_build_leaves_the_last_good_site_as_it_was() -> Result<()> {
        let parent = tempfile::tempdir()?;
        let out = parent.path().join("site");
        fs::create_dir_all(out.join("static"))?;
        fs::write(out.join("index.html"), "<!doctype html>good")?;
        fs::write(out.join("static").join("a.png"), [0x89, b'P', b'N', b'G'])?;
        let before = contents(&out)?;

        // The build fails late, after writing much of a site.
        let result = replace_folder(&out, |dist| {
            fs::write(dist.join("index.html"), "<!doctype html>half")?;
            fs::create_dir_all(dist.join("pkg"))?;
            fs::write(dist.join("pkg").join("x.wasm"), "half")?;
            bail!("resvg could not draw static/x.png")
        });
        let error = result.err().map(|e| format!("{e:#}")).unwrap_or_default();
        assert!(error.contains("resvg could not draw"), "{error}");
        assert_eq!(contents(&out)?, before, "the last good site changed");
        // And nothing is left beside it.
        assert_eq!(names(parent.path())?, ["site"]);

        // A panic in the build is no different.
        let panicked = std::panic::catch_unwind(|| {
            replace_folder(&out, |dist| {
                fs::write(dist.join("index.html"), "half")?;
                panic!("a bug")
            })
        });
        assert!(panicked.is_err());
        assert_eq!(contents(&out)?, before, "the last good site changed");
        assert_eq!(names(parent.path())?, ["site"]);
        Ok(())
    }

    #[test]
    fn a_build_that_succeeds_replaces_the_whole_site() -> Result<()> {
        let parent = tempfile::tempdir()?;
        let out = parent.path().join("site");
        // No site yet: the first build creates it.
        replace_folder(&out, |dist| Ok(fs::write(dist.join("old.html"), "1")?))?;
        assert_eq!(files_below(&out)?, [PathBuf::from("old.html")]);
        replace_folder(&out, |dist| Ok(fs::write(dist.join("index.html"), "2")?))?;
        // The new site only: no file of the old one stays.
        assert_eq!(
            contents(&out)?,
            [(PathBuf::from("index.html"), b"2".to_vec())]
        );
        assert_eq!(names(parent.path())?, ["site"]);
        Ok(())
    }

    #[test]
    fn out_is_a_new_or_empty_folder_or_a_built_site() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let out = dir.path().join("public");
        may_replace(&out, &out)?;
        std::fs::create_dir(&out)?;
        may_replace(&out, &out)?;
        std::fs::write(out.join("Cargo.toml"), "[package]")?;
        let refused = may_replace(&out, &out).unwrap_err();
        assert!(
            refused.to_string().contains("not a site built"),
            "{refused}"
        );
        std::fs::remove_file(out.join("Cargo.toml"))?;
        std::fs::write(out.join("_headers"), "/*\n")?;
        std::fs::write(out.join("index.html"), "")?;
        may_replace(&out, &out)?;
        Ok(())
    }
}
