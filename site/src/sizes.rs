//! The sizes of a built site, printed after every `dist`: every file raw,
//! gzip and brotli, and what a reader loads for each kind of page, so that
//! a change that bloats a page is seen at once.

use std::fs;
use std::path::Path;

use anyhow::{Context, Result};

use crate::assets;
use crate::compress::{self, Encoding};

/// The size of a file as a server sends it in `encoding`: its precompressed
/// copy's, or the file's own where no copy was written (it would not have
/// been smaller).
fn sent_size(path: &Path, raw: usize, encoding: Encoding) -> usize {
    let mut copy = path.as_os_str().to_owned();
    copy.push(format!(".{}", encoding.extension()));
    fs::metadata(&copy).map_or(raw, |m| usize::try_from(m.len()).unwrap_or(usize::MAX))
}

/// Prints a table of every file in `dist/` with its raw, gzip and brotli
/// size, then what a reader loads for each kind of page (the page and the
/// scripts, styles, module and images it names), so a change that bloats
/// the page is seen at once.
pub fn print(dist: &Path, shown: &Path) -> Result<()> {
    let files: Vec<String> = assets::site_files(dist)?
        .into_iter()
        .filter(|f| !compress::is_copy(f))
        .collect();
    let mut sizes = std::collections::BTreeMap::new();
    for file in &files {
        let path = dist.join(file);
        let raw = usize::try_from(
            fs::metadata(&path)
                .with_context(|| format!("cannot read {}", path.display()))?
                .len(),
        )
        .unwrap_or(usize::MAX);
        let sent = Encoding::ALL.map(|e| sent_size(&path, raw, e));
        sizes.insert(file.clone(), [raw, sent[1], sent[0]]);
    }
    let mut rows: Vec<(String, [usize; 3])> = files
        .iter()
        .filter_map(|f| Some((format!("{}/{f}", shown.display()), *sizes.get(f)?)))
        .collect();
    rows.push(("total".to_owned(), sum(sizes.values().copied())));
    println!(
        "==> wrote {} files (and their .br and .gz copies):",
        files.len()
    );
    print_table(&rows);

    // One page of each kind: each page at the root, and the first of each
    // folder (the pages of a folder differ only in their chart).
    let mut pages: Vec<&String> = Vec::new();
    let mut folders = std::collections::BTreeSet::new();
    for file in files.iter().filter(|f| f.ends_with(".html")) {
        match file.split_once('/') {
            None => pages.push(file),
            Some((folder, _)) if folders.insert(folder) => pages.push(file),
            Some(_) => {}
        }
    }
    let read = |file: &str| fs::read_to_string(dist.join(file)).ok();
    let mut loads = Vec::new();
    for page in pages {
        let loaded = assets::loaded_by(page, &files, read);
        let total = sum(loaded.iter().filter_map(|f| sizes.get(f).copied()));
        loads.push((format!("{page} ({} files)", loaded.len()), total));
    }
    println!(
        "==> what a reader loads for one page (the page, its scripts, styles, module and images):"
    );
    print_table(&loads);
    Ok(())
}

fn sum(sizes: impl Iterator<Item = [usize; 3]>) -> [usize; 3] {
    sizes.fold([0; 3], |a, b| [a[0] + b[0], a[1] + b[1], a[2] + b[2]])
}

fn print_table(rows: &[(String, [usize; 3])]) {
    let width = rows
        .iter()
        .map(|(name, _)| name.chars().count())
        .max()
        .unwrap_or(0)
        .max(4);
    println!(
        "  {:<width$}  {:>10}  {:>10}  {:>10}",
        "file", "raw", "gzip", "brotli"
    );
    for (name, [raw, gzip, brotli]) in rows {
        println!(
            "  {:<width$}  {:>10}  {:>10}  {:>10}",
            name,
            human(*raw),
            human(*gzip),
            human(*brotli)
        );
    }
}

/// A byte count for people: bytes below 1 KiB, else KiB with one decimal.
fn human(bytes: usize) -> String {
    if bytes < 1024 {
        format!("{bytes} B")
    } else {
        // Precision loss is irrelevant at the sizes of a web page.
        #[allow(clippy::cast_precision_loss)]
        let kib = bytes as f64 / 1024.0;
        format!("{kib:.1} KiB")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(human(0), "0 B");
        assert_eq!(human(1023), "1023 B");
        assert_eq!(human(1536), "1.5 KiB");
    }
}
