//! Copying and listing the files of a folder, with messages that name the
//! file that failed.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

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
}
