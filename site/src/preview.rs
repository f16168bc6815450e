//! The live preview of `cargo xtask serve --data DIR`: what tells a save
//! of the data folder ([`Watcher`]), the rebuild of the pages alone around
//! the module built at the start ([`PreviewSite`]), and what the server
//! answers the open pages ([`Preview`], [`PREVIEW_STATE`], [`PREVIEW_JS`]).
//! The server itself is `xtask`'s; it only hands these answers out.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;
use std::time::{Duration, Instant, SystemTime};

use crate::files::{copy_dir, replace_folder};
use crate::Mode;

/// How often the data folder is looked at for changes: a save is seen a
/// twentieth of a second later on average, a small part of the two seconds
/// a save may take to show, and reading a few file times this often costs
/// nothing.
const POLL: Duration = Duration::from_millis(100);

/// The `*.toml` files of a data folder (or the one file it names) with
/// their modification times and sizes: what tells a save.
type Stamps = BTreeMap<PathBuf, (Option<SystemTime>, u64)>;

/// The data files [`article_dataset::load`] reads for `data`: every
/// `*.toml` file of a folder, or the file itself.
fn data_files(data: &Path) -> Vec<PathBuf> {
    if data.is_file() {
        return vec![data.to_path_buf()];
    }
    let Ok(entries) = std::fs::read_dir(data) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|e| e == "toml") && path.is_file())
        .collect();
    files.sort();
    files
}

/// Tells when the data files of a folder were saved, added or removed, by
/// their times and sizes, looked at on each call. Polling a handful of
/// files needs no dependency and behaves the same on every file system
/// (network and container mounts included, where change notifications are
/// often missing); the cost is up to one poll of delay.
pub struct Watcher {
    data: PathBuf,
    seen: Stamps,
}

impl Watcher {
    /// A watcher of `data` that counts its files as they are now as seen.
    pub fn new(data: PathBuf) -> Self {
        let seen = Self::stamps(&data);
        Watcher { data, seen }
    }

    fn stamps(data: &Path) -> Stamps {
        data_files(data)
            .into_iter()
            .filter_map(|file| {
                let metadata = std::fs::metadata(&file).ok()?;
                Some((file, (metadata.modified().ok(), metadata.len())))
            })
            .collect()
    }

    /// Whether any data file was saved, added or removed since the last
    /// call (or since [`Watcher::new`]).
    pub fn changed(&mut self) -> bool {
        let now = Self::stamps(&self.data);
        if now == self.seen {
            return false;
        }
        self.seen = now;
        true
    }
}

/// The contents of a folder's data files, by file name (not by path, so
/// that the folder named relatively or absolutely reads the same): whether
/// the module was built from the data the pages show.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct DataFiles(BTreeMap<std::ffi::OsString, Vec<u8>>);

impl DataFiles {
    pub fn read(data: &Path) -> Self {
        DataFiles(
            data_files(data)
                .into_iter()
                .filter_map(|file| Some((file.file_name()?.to_owned(), std::fs::read(&file).ok()?)))
                .collect(),
        )
    }
}

/// What `serve` rebuilds when the data folder changes: only the pages,
/// images and data files, by the site crate in its preview mode, around the
/// module built at the start. Neither the module (minutes of release build
/// and wasm-opt) nor the `.br`/`.gz` copies (most of a `dist`) are made
/// again, so a save shows within a second or two.
///
/// The module carries the data it was built from. When that is not the
/// data of the pages any more, the pages load no module: the prerendered
/// pictures, which are right, stay as they are, and only the interaction
/// (tooltips, keyboard) is missing until `serve` is started again. A module
/// that hydrated them would draw its older figures over them.
pub struct PreviewSite {
    /// The data folder, as messages name it.
    pub data: PathBuf,
    /// The folder served, replaced as a whole by each good rebuild.
    pub out: PathBuf,
    /// The front end, `www/`.
    pub www: PathBuf,
    /// The module and glue as wasm-bindgen and wasm-opt wrote them.
    pub module: PathBuf,
    /// The data files the module was built from.
    pub module_data: DataFiles,
    /// `--base-url`, if any.
    pub base_url: Option<String>,
}

impl PreviewSite {
    /// Validates the data folder and, if it is valid, rebuilds the preview
    /// site in a new folder that then replaces the served one. On any
    /// problem the served site is left as it was, and the problems are
    /// returned as text, one `FILE:LINE: …` per line for the data's.
    pub fn rebuild(&self) -> std::result::Result<(), String> {
        let dataset = article_dataset::load(&self.data).map_err(|errors| errors.to_string())?;
        let hydrate = DataFiles::read(&self.data) == self.module_data;
        replace_folder(&self.out, |staging| {
            copy_dir(&self.module, &staging.join("pkg"))?;
            crate::write_with(
                staging,
                &self.www,
                &dataset,
                self.base_url.as_deref(),
                Mode::Preview { hydrate },
            )
        })
        .map_err(|error| format!("{error:#}"))
    }
}

impl PreviewSite {
    /// Rebuilds the pages as preview pages once (the pages `dist` wrote
    /// load no preview script), then, in a thread of its own for as long as
    /// the process lives, rebuilds them after every save that `watcher`
    /// sees. Each outcome is printed and recorded in the returned state,
    /// which the server answers at [`PREVIEW_STATE`].
    pub fn watch(self, mut watcher: Watcher) -> Arc<Preview> {
        let preview = Arc::new(Preview::default());
        let started = Instant::now();
        match self.rebuild() {
            Ok(()) => println!(
                "==> the pages were rebuilt as preview pages in {} ms",
                started.elapsed().as_millis()
            ),
            Err(problems) => {
                eprintln!("==> the pages cannot be rebuilt as preview pages:\n{problems}");
                preview.record(Some(problems));
            }
        }
        let watched = Arc::clone(&preview);
        drop(thread::spawn(move || loop {
            thread::sleep(POLL);
            if watcher.changed() {
                let started = Instant::now();
                match self.rebuild() {
                    Ok(()) => {
                        let build = watched.record(None);
                        println!(
                            "==> preview {build}: the pages of {} were rebuilt in {} ms",
                            self.data.display(),
                            started.elapsed().as_millis()
                        );
                    }
                    Err(problems) => {
                        eprintln!(
                            "==> the data folder {} cannot be previewed; the last good site stays served:\n{problems}",
                            self.data.display()
                        );
                        watched.record(Some(problems));
                    }
                }
            }
        }));
        preview
    }
}

/// The preview's state, which [`PREVIEW_JS`] asks for at [`PREVIEW_STATE`]:
/// a number that grows with every rebuild, and the problems of the last
/// one (none when it succeeded).
#[derive(Debug, Default)]
pub struct Preview {
    state: Mutex<(u64, String)>,
}

impl Preview {
    /// Counts a rebuild and keeps its problems; returns its number.
    pub fn record(&self, problems: Option<String>) -> u64 {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        state.0 += 1;
        state.1 = problems.unwrap_or_default();
        state.0
    }

    /// The answer of [`PREVIEW_STATE`]: the number on the first line, the
    /// problems, if any, on the lines after it.
    pub fn report(&self) -> String {
        let state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        format!("{}\n{}", state.0, state.1)
    }
}

/// The address of the preview's state.
pub const PREVIEW_STATE: &str = "/__preview";

/// The script every preview page loads ([`crate::PREVIEW_SCRIPT`]),
/// served by `serve` alone, never written into a site. It asks for the
/// preview's state four times a second; when the number changes and the rebuild
/// succeeded it reloads the page, and while the data folder has problems
/// it shows them in a banner over the last good page. Every problem
/// reaches the page as text (`textContent`), never as HTML, so a `<` in a
/// data file is shown as it is and the pages' Trusted Types allow it; the
/// banner's look is set through the CSSOM, which `style-src 'self'`
/// allows, not by a `style` attribute, which it does not.
pub const PREVIEW_JS: &str = r#"// cargo xtask serve: reloads a preview page when its data folder was rebuilt.
(() => {
  let seen = null;
  let banner = null;
  const show = (problems) => {
    if (!problems) {
      banner?.remove();
      banner = null;
      return;
    }
    if (!banner) {
      banner = document.createElement('pre');
      banner.id = '__preview-problems';
      banner.setAttribute('role', 'alert');
      Object.assign(banner.style, {
        position: 'fixed', insetInline: '0', top: '0', zIndex: '2147483647', margin: '0',
        maxHeight: '60vh', overflow: 'auto', padding: '12px 16px', whiteSpace: 'pre-wrap',
        background: '#8b0000', color: '#fff', font: '14px/1.5 ui-monospace, monospace',
      });
      document.body.append(banner);
    }
    banner.textContent =
      'The data folder cannot be built; this is the last good page.\n\n' + problems;
  };
  const poll = async () => {
    try {
      const response = await fetch('/__preview', { cache: 'no-store' });
      const text = await response.text();
      const newline = text.indexOf('\n');
      const build = newline < 0 ? text : text.slice(0, newline);
      const problems = newline < 0 ? '' : text.slice(newline + 1).trim();
      if (seen !== null && build !== seen && !problems) {
        location.reload();
        return;
      }
      seen = build;
      show(problems);
    } catch {
      // The server is restarting or gone: ask again.
    }
    setTimeout(poll, 250);
  };
  poll();
})();
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use anyhow::{anyhow, Context, Result};

    #[test]
    fn the_watcher_sees_saves_new_files_and_removals_of_data_files_only() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let data = dir.path().to_path_buf();
        std::fs::write(data.join("article.toml"), "[meta]\n")?;
        let mut watcher = Watcher::new(data.clone());
        assert!(!watcher.changed(), "nothing was saved yet");
        std::fs::write(data.join("article.toml"), "[meta]\ntitle_en = \"A\"\n")?;
        assert!(watcher.changed(), "a save of a data file");
        assert!(!watcher.changed(), "the same save counts once");
        std::fs::write(data.join("notes.txt"), "not data")?;
        assert!(!watcher.changed(), "a file that is not *.toml");
        std::fs::write(data.join("charts.toml"), "")?;
        assert!(watcher.changed(), "a new data file");
        // A save that keeps the size is told by its time.
        let file = std::fs::File::options()
            .write(true)
            .open(data.join("charts.toml"))?;
        file.set_modified(SystemTime::now() + Duration::from_secs(5))?;
        drop(file);
        assert!(watcher.changed(), "a save of the same size");
        std::fs::remove_file(data.join("charts.toml"))?;
        assert!(watcher.changed(), "a removed data file");
        Ok(())
    }

    /// Every file below `dir`, as `/`-separated relative paths.
    fn files_of(dir: &Path) -> Result<Vec<String>> {
        crate::assets::site_files(dir)
    }

    #[test]
    fn a_preview_rebuild_shows_a_new_label_at_once_and_keeps_the_last_good_site_on_errors(
    ) -> Result<()> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .ok_or_else(|| anyhow!("no workspace root"))?;
        let temporary = tempfile::tempdir()?;
        let data = temporary.path().join("data");
        copy_dir(&root.join("tests/data/second-article"), &data)?;
        // A stand-in for the module and its glue: the preview copies them
        // as they are and never runs them.
        let module = temporary.path().join("module");
        std::fs::create_dir_all(&module)?;
        std::fs::write(
            module.join("article_charts.js"),
            "export function mount(root) {}\nexport function mount_chart(root) {}\n\
             export function hydrate(root) {}\nasync function __wbg_init(options) {}\n\
             export { __wbg_init as default };\n",
        )?;
        std::fs::write(module.join("article_charts_bg.wasm"), b"\0asm\x01\0\0\0")?;
        let out = temporary.path().join("site");
        let preview = PreviewSite {
            data: data.clone(),
            out: out.clone(),
            www: root.join("www"),
            module,
            // Named otherwise than the preview names it, as `serve` does.
            module_data: DataFiles::read(&data.join(".").join("")),
            base_url: None,
        };
        preview
            .rebuild()
            .map_err(|problems| anyhow!("{problems}"))?;
        // A label of the fixture, read from it: the code names no article.
        let indicators = data.join("indicators.toml");
        let text = std::fs::read_to_string(&indicators)?;
        let label = text
            .lines()
            .find_map(|l| l.strip_prefix("label_en = \"")?.strip_suffix('"'))
            .context("the fixture has an English label")?
            .to_owned();
        let page = std::fs::read_to_string(out.join("index.en.html"))?;
        assert!(page.contains(&label), "the first build");
        assert!(page.contains("<script src=\"/__preview.js\" defer></script>"));
        // The module was built from this data: it hydrates the page.
        assert!(page.contains("type=\"module\""), "{page}");

        std::fs::write(
            &indicators,
            text.replace(
                &format!("label_en = \"{label}\""),
                "label_en = \"Picked <by hand>\"",
            ),
        )?;
        let started = Instant::now();
        preview
            .rebuild()
            .map_err(|problems| anyhow!("{problems}"))?;
        let took = started.elapsed();
        let page = std::fs::read_to_string(out.join("index.en.html"))?;
        assert!(
            page.contains("Picked &lt;by hand&gt;"),
            "the new label is not shown"
        );
        assert!(
            !page.contains(&format!(">{label}<")),
            "the old label is still shown"
        );
        // The module carries the old label: the page does not load it.
        assert!(!page.contains("type=\"module\""), "{page}");
        let files = files_of(&out)?;
        let copies: Vec<&String> = files
            .iter()
            .filter(|f| crate::compress::is_copy(f))
            .collect();
        assert!(
            copies.is_empty(),
            "a preview wrote compressed copies: {copies:?}"
        );
        assert!(
            files
                .iter()
                .any(|f| f.starts_with("pkg/article_charts_bg.") && f.ends_with(".wasm")),
            "{files:?}"
        );
        println!("a preview rebuild took {} ms", took.as_millis());

        // A wrong unit: the folder is refused, and the last good site stays.
        std::fs::write(
            &indicators,
            std::fs::read_to_string(&indicators)?.replacen(
                "unit = \"tonne\"",
                "unit = \"<b>tonnes</b>\"",
                1,
            ),
        )?;
        let problems = preview
            .rebuild()
            .err()
            .ok_or_else(|| anyhow!("an unknown unit was previewed"))?;
        assert!(problems.contains("indicators.toml:"), "{problems}");
        assert!(problems.contains("`unit`"), "{problems}");
        assert_eq!(
            std::fs::read_to_string(out.join("index.en.html"))?,
            page,
            "the last good page changed"
        );
        Ok(())
    }

    #[test]
    fn the_state_counts_rebuilds_and_keeps_the_last_problems() {
        let state = Preview::default();
        assert_eq!(state.report(), "0\n");
        assert_eq!(state.record(Some("a.toml:1: wrong".to_owned())), 1);
        assert_eq!(state.report(), "1\na.toml:1: wrong");
        assert_eq!(state.record(None), 2);
        assert_eq!(state.report(), "2\n");
        assert!(PREVIEW_JS.contains("textContent") && !PREVIEW_JS.contains("innerHTML"));
    }
}
