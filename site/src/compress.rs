//! Precompressed copies of the site's text files: `FILE.br` (brotli) and
//! `FILE.gz` (gzip) beside `FILE`, at the best compression each format has
//! for the files a reader's page load fetches, and at a faster one for the
//! rest (see [`Effort`]).
//! A server that finds them (`cargo xtask serve`, nginx's `gzip_static` and
//! `brotli_static`, Caddy's `precompressed`) sends them to browsers that
//! accept the encoding, and spends no time compressing on each request.

use std::fs;
use std::io::Write as _;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::{Context, Result};
use sha2::Digest as _;

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

    /// `bytes` compressed in this encoding, at its best compression.
    pub fn compress(self, bytes: &[u8]) -> Result<Vec<u8>> {
        self.compress_at(bytes, Effort::BEST)
    }

    /// `bytes` compressed in this encoding with `effort`.
    fn compress_at(self, bytes: &[u8], effort: Effort) -> Result<Vec<u8>> {
        match self {
            Encoding::Brotli => brotli_at(bytes, effort.brotli),
            Encoding::Gzip if effort.zopfli => zopfli_gzip(bytes),
            Encoding::Gzip => gzip(bytes),
        }
    }
}

/// How hard a file's copies are compressed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Effort {
    /// The brotli quality, 0 to 11.
    brotli: u32,
    /// Whether the gzip copy is written by Zopfli rather than at zlib's
    /// level 9 (see [`zopfli_gzip`]).
    zopfli: bool,
}

impl Effort {
    /// What a file a reader's page load fetches is compressed with.
    const BEST: Effort = Effort {
        brotli: BEST_BROTLI,
        zopfli: true,
    };

    /// A short tag of what differs from [`Effort::BEST`] in `encoding`, for
    /// the cache: a copy made with another effort is another entry, so that
    /// a build's copies depend on its files alone, not on what was cached.
    fn tag(self, encoding: Encoding) -> String {
        match encoding {
            Encoding::Brotli if self.brotli != BEST_BROTLI => format!(".q{}", self.brotli),
            Encoding::Gzip if self.zopfli => ".zopfli".to_owned(),
            _ => String::new(),
        }
    }
}

/// Brotli's best quality: what readers load is compressed at it.
const BEST_BROTLI: u32 = 11;

/// The folder of the standalone files (see `pages.rs`): single-file
/// downloads, which inline the WebAssembly module as base64.
const DOWNLOADS: &str = "standalone/";

/// The brotli quality of the standalone files. Each inlines the module, so
/// all of them change with any figure, and at quality 11 they took most of
/// a `dist` of a changed folder: measured on one (477 KiB), quality 11 took
/// 2.5 s for 154 KiB, quality 10 1.1 s for 161 KiB and quality 9 0.14 s for
/// 170 KiB. A download fetched now and then is worth a tenth more bytes,
/// not two seconds of every build for each chart and language.
const DOWNLOAD_BROTLI: u32 = 9;

/// The kinds of file a page load fetches: the pages, their scripts, style
/// sheets and module. Their gzip copies are made by Zopfli.
const FETCHED_BY_PAGES: [&str; 5] = ["html", "js", "mjs", "css", "wasm"];

/// The effort the copies of the file at `path` (relative to the site) are
/// compressed with. Zopfli is spent only where readers wait for the bytes:
/// on the pages and what they load. The data downloads and the static
/// images (1.6 MB of SVG) would cost it about half a minute of every fresh
/// build for files that are fetched now and then; the standalone files
/// also get a faster brotli (see [`DOWNLOAD_BROTLI`]).
fn effort(path: &str) -> Effort {
    let download = path.starts_with(DOWNLOADS);
    let fetched = has_extension(path, &FETCHED_BY_PAGES);
    Effort {
        brotli: if download {
            DOWNLOAD_BROTLI
        } else {
            BEST_BROTLI
        },
        zopfli: fetched && !download,
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
    has_extension(path, &COMPRESSIBLE)
}

/// Whether the extension of `path`, in any case, is one of `kinds`.
fn has_extension(path: &str, kinds: &[&str]) -> bool {
    path.rsplit_once('.')
        .is_some_and(|(_, ext)| kinds.contains(&ext.to_ascii_lowercase().as_str()))
}

/// gzip at level 9, as `gzip -9` writes it.
pub fn gzip(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(bytes).context("gzip failed")?;
    encoder.finish().context("gzip failed")
}

/// How many times Zopfli refines its choice of each block's codes. Measured
/// on the module (223 KB): 1 pass gives 92,199 B in 0.51 s, 5 passes
/// 92,020 B in 0.62 s, 15 (Zopfli's default) 91,983 B in 0.90 s; zlib's
/// level 9 gives 97,323 B. Past 5, a pass buys a few bytes.
const ZOPFLI_ITERATIONS: u64 = 5;

/// gzip written by Zopfli: any gzip reader unpacks it, and it is about 5 %
/// smaller than level 9 (the module: 97.3 → 92.0 KB; the dashboard's page:
/// 27.4 → 25.9 KB), at about a hundred times the time, paid once per build
/// and file (the cache of [`precompress_cached`] keeps it).
fn zopfli_gzip(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut options = zopfli::Options::default();
    if let Some(iterations) = std::num::NonZeroU64::new(ZOPFLI_ITERATIONS) {
        options.iteration_count = iterations;
    }
    let mut out = Vec::new();
    zopfli::compress(options, zopfli::Format::Gzip, bytes, &mut out).context("zopfli failed")?;
    Ok(out)
}

/// brotli at quality 11 with a 16 MiB window (the largest browsers accept),
/// as `brotli --best --large_window=0 -w 24` writes it.
pub fn brotli(bytes: &[u8]) -> Result<Vec<u8>> {
    brotli_at(bytes, BEST_BROTLI)
}

/// brotli at `quality` (0 to 11) with a 16 MiB window.
fn brotli_at(bytes: &[u8], quality: u32) -> Result<Vec<u8>> {
    let params = ::brotli::enc::BrotliEncoderParams {
        quality: i32::try_from(quality.min(BEST_BROTLI)).unwrap_or(11),
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
    precompress_cached(dist, None).map(|counts| counts.written)
}

/// What [`precompress_cached`] did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Copies written beside the site's files.
    pub written: usize,
    /// Files whose copies came from the cache, not from compressing.
    pub reused: usize,
    /// Files compressed anew.
    pub compressed: usize,
}

/// As [`precompress`], with a cache of compressed bytes in `cache` (a
/// folder, created if missing) keyed by the SHA-256 of a file's contents.
///
/// Most of a rebuilt site is byte for byte what it was (the scripts, the
/// styles, the images and the pages of charts that did not change), and
/// brotli at quality 11 took about 150 s of a 250 s build, so a file whose
/// bytes were compressed before is not compressed again. Each entry is
/// written under a temporary name and renamed, so a build that reads the
/// cache while another writes it never sees half an entry.
pub fn precompress_cached(dist: &Path, cache: Option<&Path>) -> Result<Counts> {
    if let Some(cache) = cache {
        fs::create_dir_all(cache).with_context(|| format!("cannot create {}", cache.display()))?;
    }
    let mut files: Vec<String> = crate::assets::site_files(dist)?
        .into_iter()
        .filter(|file| compressible(file))
        .collect();
    // The largest first: a large file taken last would keep one core busy
    // while the others had nothing left to do.
    files.sort_by_cached_key(|file| {
        std::cmp::Reverse(fs::metadata(dist.join(file)).map_or(0, |m| m.len()))
    });
    let done = crate::parallel::map(&files, |file| precompress_file(dist, file, cache))?;
    Ok(done
        .into_iter()
        .fold(Counts::default(), |sum, (written, reused)| Counts {
            written: sum.written + written,
            reused: sum.reused + usize::from(reused),
            compressed: sum.compressed + usize::from(!reused),
        }))
}

/// The copy of `bytes` in `encoding` (compressed with `effort`), from
/// `cache` when it holds one for these bytes, else compressed now (and
/// stored in `cache`). An empty entry records that the copy was not
/// smaller. Returns the copy and whether it came from the cache.
fn compressed(
    bytes: &[u8],
    encoding: Encoding,
    effort: Effort,
    cache: Option<&Path>,
) -> Result<(Vec<u8>, bool)> {
    let Some(cache) = cache else {
        return Ok((encoding.compress_at(bytes, effort)?, false));
    };
    let key = format!(
        "{:x}{}.{}",
        sha2::Sha256::digest(bytes),
        effort.tag(encoding),
        encoding.extension()
    );
    let entry = cache.join(&key);
    if let Ok(stored) = fs::read(&entry) {
        return Ok((stored, true));
    }
    let packed = encoding.compress_at(bytes, effort)?;
    // An entry is only for the next build: one that cannot be written
    // costs time later, never this build.
    let stored: &[u8] = if packed.len() < bytes.len() {
        &packed
    } else {
        &[]
    };
    static SERIAL: AtomicUsize = AtomicUsize::new(0);
    let temporary = cache.join(format!(
        ".{key}.{}.{}.part",
        std::process::id(),
        SERIAL.fetch_add(1, Ordering::Relaxed)
    ));
    if fs::write(&temporary, stored).is_err() || fs::rename(&temporary, &entry).is_err() {
        let _ = fs::remove_file(&temporary);
    }
    Ok((packed, false))
}

/// Writes the smaller-than-the-original copies of one file of `dist/`, and
/// says how many and whether every copy came from `cache`.
fn precompress_file(dist: &Path, file: &str, cache: Option<&Path>) -> Result<(usize, bool)> {
    let path = dist.join(file);
    let bytes = fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut written = 0;
    let mut all_reused = true;
    for encoding in Encoding::ALL {
        let (packed, reused) = compressed(&bytes, encoding, effort(file), cache)?;
        all_reused &= reused;
        // An empty copy is the cache's mark for "not smaller": only an
        // empty file compresses to nothing, and it is never smaller.
        if !packed.is_empty() && packed.len() < bytes.len() {
            let copy = dist.join(format!("{file}.{}", encoding.extension()));
            fs::write(&copy, packed).with_context(|| format!("cannot write {}", copy.display()))?;
            written += 1;
        }
    }
    Ok((written, all_reused))
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
    fn a_cached_file_is_not_compressed_again() -> Result<()> {
        let base = std::env::temp_dir().join(format!("site-compress-cache-{}", std::process::id()));
        let (dist, cache) = (base.join("dist"), base.join("cache"));
        fs::create_dir_all(&dist)?;
        fs::write(dist.join("index.html"), "<p>figure</p>".repeat(100))?;
        fs::write(dist.join("tiny.js"), "x")?;
        let first = precompress_cached(&dist, Some(&cache))?;
        assert_eq!((first.written, first.reused, first.compressed), (2, 0, 2));
        let brotli_copy = fs::read(dist.join("index.html.br"))?;
        // One file changes: only it is compressed again, and the unchanged
        // file gets the same copies from the cache.
        fs::write(dist.join("tiny.js"), "let y = 2;\n".repeat(100))?;
        fs::remove_file(dist.join("index.html.br"))?;
        let second = precompress_cached(&dist, Some(&cache))?;
        assert_eq!(
            (second.written, second.reused, second.compressed),
            (4, 1, 1)
        );
        assert_eq!(fs::read(dist.join("index.html.br"))?, brotli_copy);
        fs::remove_dir_all(&base)?;
        Ok(())
    }

    #[test]
    fn the_standalone_downloads_are_compressed_faster_than_the_rest() -> Result<()> {
        let dir = tempfile_dir("quality")?;
        let page: String = (0..3000)
            .map(|n| format!("<p>{}</p>", n * 7919 % 1000))
            .collect();
        fs::create_dir_all(dir.join("standalone"))?;
        fs::write(dir.join("standalone").join("a.html"), &page)?;
        fs::write(dir.join("index.html"), &page)?;
        precompress(&dir)?;
        let (download, best) = (
            brotli_at(page.as_bytes(), DOWNLOAD_BROTLI)?,
            brotli(page.as_bytes())?,
        );
        assert_ne!(download, best, "the two qualities give the same bytes here");
        assert_eq!(
            fs::read(dir.join("standalone").join("a.html.br"))?,
            download
        );
        assert_eq!(fs::read(dir.join("index.html.br"))?, best);
        // Cached, each quality is an entry of its own.
        let cache = dir.join("cache");
        fs::write(dir.join("standalone").join("b.html"), &page)?;
        precompress_cached(&dir, Some(&cache))?;
        assert_eq!(
            fs::read(dir.join("standalone").join("b.html.br"))?,
            download
        );
        assert_eq!(fs::read(dir.join("index.html.br"))?, best);
        fs::remove_dir_all(&dir)?;
        Ok(())
    }

    #[test]
    fn the_files_pages_load_are_gzipped_by_zopfli_and_the_rest_at_level_9() -> Result<()> {
        let dir = tempfile_dir("zopfli")?;
        let page: String = (0..3000)
            .map(|n| format!("<p>{}</p>", n * 7919 % 1000))
            .collect();
        for file in [
            "index.html",
            "pkg/a.wasm",
            "data/a.csv",
            "standalone/a.html",
        ] {
            if let Some(folder) = Path::new(file).parent() {
                fs::create_dir_all(dir.join(folder))?;
            }
            fs::write(dir.join(file), &page)?;
        }
        precompress(&dir)?;
        let (best, level_9) = (zopfli_gzip(page.as_bytes())?, gzip(page.as_bytes())?);
        assert!(
            best.len() < level_9.len(),
            "{} ≥ {}",
            best.len(),
            level_9.len()
        );
        let mut unpacked = Vec::new();
        flate2::read::GzDecoder::new(&best[..]).read_to_end(&mut unpacked)?;
        assert_eq!(unpacked, page.as_bytes());
        for (file, expected) in [
            ("index.html", &best),
            ("pkg/a.wasm", &best),
            ("data/a.csv", &level_9),
            ("standalone/a.html", &level_9),
        ] {
            assert!(
                fs::read(dir.join(format!("{file}.gz")))? == *expected,
                "{file}"
            );
        }
        fs::remove_dir_all(&dir)?;
        Ok(())
    }

    /// A new empty folder for a test.
    fn tempfile_dir(name: &str) -> Result<std::path::PathBuf> {
        let dir = std::env::temp_dir().join(format!("site-compress-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir)?;
        Ok(dir)
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
