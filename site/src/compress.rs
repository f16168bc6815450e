//! Precompressed copies of the site's text files: `FILE.br` (brotli) and
//! `FILE.gz` (gzip) beside `FILE`, at the best compression each format has.
//! A server that finds them (`cargo xtask serve`, nginx's `gzip_static` and
//! `brotli_static`, Caddy's `precompressed`) sends them to browsers that
//! accept the encoding, and spends no time compressing on each request.

use std::fs;
use std::io::Write as _;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::{Context, Result};

use flate2::write::GzEncoder;
use flate2::Compression;

/// An encoding a copy may have, as `Content-Encoding` names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Brotli,
    Gzip,
}

impl Encoding {
    /// Both, in the order a server prefers them: brotli is smaller.
    pub const ALL: [Encoding; 2] = [Encoding::Brotli, Encoding::Gzip];

    /// The token of `Accept-Encoding` and `Content-Encoding`.
    pub fn token(self) -> &'static str {
        match self {
            Encoding::Brotli => "br",
            Encoding::Gzip => "gzip",
        }
    }

    /// The extension of the copy, after the file's own.
    pub fn extension(self) -> &'static str {
        match self {
            Encoding::Brotli => "br",
            Encoding::Gzip => "gz",
        }
    }

    /// `bytes` compressed in this encoding.
    pub fn compress(self, bytes: &[u8]) -> Result<Vec<u8>> {
        match self {
            Encoding::Brotli => brotli(bytes),
            Encoding::Gzip => gzip(bytes),
        }
    }
}

/// The kinds of file worth compressing: text, and the module (its code
/// compresses to about half). Images are compressed already.
const COMPRESSIBLE: [&str; 11] = [
    "html", "htm", "js", "mjs", "css", "json", "csv", "svg", "wasm", "txt", "xml",
];

/// Whether `path` is a compressed copy (`….br`, `….gz`).
pub fn is_copy(path: &str) -> bool {
    Encoding::ALL
        .iter()
        .any(|e| path.ends_with(&format!(".{}", e.extension())))
}

/// Whether `path` is of a kind [`precompress`] writes copies of.
pub fn compressible(path: &str) -> bool {
    path.rsplit_once('.')
        .is_some_and(|(_, ext)| COMPRESSIBLE.contains(&ext.to_ascii_lowercase().as_str()))
}

/// gzip at level 9, as `gzip -9` writes it.
pub fn gzip(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(bytes).context("gzip failed")?;
    encoder.finish().context("gzip failed")
}

/// brotli at quality 11 with a 16 MiB window (the largest browsers accept),
/// as `brotli --best --large_window=0 -w 24` writes it.
pub fn brotli(bytes: &[u8]) -> Result<Vec<u8>> {
    let params = ::brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 24,
        size_hint: bytes.len(),
        ..Default::default()
    };
    let mut out = Vec::new();
    ::brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).context("brotli failed")?;
    Ok(out)
}

/// Writes `FILE.br` and `FILE.gz` beside every compressible file of `dist/`
/// (copies that would not be smaller are left out: a server then sends the
/// file itself). Returns how many copies were written.
///
/// Brotli at quality 11 is slow, and the files are independent, so every
/// core takes the next file until none is left.
pub fn precompress(dist: &Path) -> Result<usize> {
    let files: Vec<String> = crate::assets::site_files(dist)?
        .into_iter()
        .filter(|file| compressible(file))
        .collect();
    let next = AtomicUsize::new(0);
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| -> Result<usize> {
                    let mut written = 0;
                    while let Some(file) = files.get(next.fetch_add(1, Ordering::Relaxed)) {
                        written += precompress_file(dist, file)?;
                    }
                    Ok(written)
                })
            })
            .collect();
        handles.into_iter().try_fold(0, |sum, handle| {
            let written = handle
                .join()
                .map_err(|_| anyhow::anyhow!("a compressing thread panicked"))??;
            Ok(sum + written)
        })
    })
}

/// Writes the smaller-than-the-original copies of one file of `dist/`.
fn precompress_file(dist: &Path, file: &str) -> Result<usize> {
    let path = dist.join(file);
    let bytes = fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut written = 0;
    for encoding in Encoding::ALL {
        let packed = encoding.compress(&bytes)?;
        if packed.len() < bytes.len() {
            let copy = dist.join(format!("{file}.{}", encoding.extension()));
            fs::write(&copy, packed).with_context(|| format!("cannot write {}", copy.display()))?;
            written += 1;
        }
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read as _;

    #[test]
    fn copies_decompress_to_the_original() -> Result<()> {
        let text = "<p>正在加载图表… Loading charts…</p>\n".repeat(200);
        let mut unpacked = Vec::new();
        ::brotli::Decompressor::new(&brotli(text.as_bytes())?[..], 4096)
            .read_to_end(&mut unpacked)?;
        assert_eq!(unpacked, text.as_bytes());
        let mut unpacked = Vec::new();
        flate2::read::GzDecoder::new(&gzip(text.as_bytes())?[..]).read_to_end(&mut unpacked)?;
        assert_eq!(unpacked, text.as_bytes());
        Ok(())
    }

    #[test]
    fn writes_smaller_copies_of_text_only() -> Result<()> {
        let dir = std::env::temp_dir().join(format!("xtask-compress-test-{}", std::process::id()));
        fs::create_dir_all(dir.join("pkg"))?;
        fs::write(dir.join("index.html"), "<p>figure</p>".repeat(100))?;
        fs::write(dir.join("pkg").join("a.wasm"), [0u8; 4000])?;
        fs::write(dir.join("tiny.js"), "x")?;
        fs::write(dir.join("a.png"), [0u8; 4000])?;
        let written = precompress(&dir)?;
        let mut files = crate::assets::site_files(&dir)?;
        files.sort();
        fs::remove_dir_all(&dir)?;
        assert_eq!(written, 4);
        assert_eq!(
            files,
            [
                "a.png",
                "index.html",
                "index.html.br",
                "index.html.gz",
                "pkg/a.wasm",
                "pkg/a.wasm.br",
                "pkg/a.wasm.gz",
                "tiny.js"
            ]
        );
        Ok(())
    }
}
