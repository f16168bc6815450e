//! A small static file server for `dist/`, used by `cargo xtask serve` and,
//! in a background thread, by the browser tests and the screenshots.
//!
//! It only listens on 127.0.0.1: it is a development tool, never a public
//! server.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;
use std::time::{Duration, Instant, SystemTime};

use anyhow::{anyhow, Result};

use crate::{dist, target_dir};
use article_site::compress::Encoding;
use article_site::csp;

/// How many ports after the requested one are tried when it is busy.
const PORT_TRIES: u16 = 20;

/// How long a connection may sit idle before it is dropped: no client can
/// hold a thread forever.
const IDLE: Duration = Duration::from_secs(15);

/// What one client may take of the server. A limit per read alone would let
/// a client that sends one byte every few seconds hold a thread for ever,
/// and a thread per connection without a cap lets idle connections exhaust
/// the machine's threads.
#[derive(Clone, Copy, Debug)]
struct Limits {
    /// The whole request head must arrive within this time.
    head: Duration,
    /// Connections answered at once; any more are told 503 and closed.
    connections: usize,
}

/// The limits of `cargo xtask serve` and of the test server: a browser sends
/// its request head at once and opens a few connections per host.
const LIMITS: Limits = Limits {
    head: Duration::from_secs(10),
    connections: 64,
};

/// The longest request head accepted; ours are a few hundred bytes.
const HEAD_MAX: usize = 16 * 1024;

/// How often the data folder is looked at for changes: a save is seen a
/// twentieth of a second later on average, a small part of the two seconds
/// a save may take to show, and reading a few file times this often costs
/// nothing.
const POLL: Duration = Duration::from_millis(100);

/// `cargo xtask serve`: builds the site, then serves it until Ctrl+C, and
/// rebuilds its pages whenever a `*.toml` file of the data folder changes
/// (see [`PreviewSite`]).
pub fn serve_command(root: &Path, port: u16, site: &dist::Site) -> Result<()> {
    let module = target_dir(root).join("xtask").join("preview-module");
    // Read before the build, so that a save during the build counts as a
    // change and is previewed.
    let module_data = DataFiles::read(&root.join(&site.data));
    let mut watcher = Watcher::new(root.join(&site.data));
    dist::dist_keeping_module(root, site, Some(&module))?;
    let (listener, port) = bind(port)?;
    let preview = Arc::new(Preview::default());
    let previewed = PreviewSite {
        data: site.data.clone(),
        out: root.join(&site.out),
        www: root.join("www"),
        module,
        module_data,
        base_url: site.base_url.clone(),
    };
    // The pages `dist` wrote load no preview script; rebuilt once as a
    // preview (a few seconds), a page opened now reloads after a save.
    let started = Instant::now();
    match previewed.rebuild() {
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
            match previewed.rebuild() {
                Ok(()) => {
                    let build = watched.record(None);
                    println!(
                        "==> preview {build}: the pages of {} were rebuilt in {} ms",
                        previewed.data.display(),
                        started.elapsed().as_millis()
                    );
                }
                Err(problems) => {
                    eprintln!(
                        "==> the data folder {} cannot be previewed; the last good site stays served:\n{problems}",
                        previewed.data.display()
                    );
                    watched.record(Some(problems));
                }
            }
        }
    }));
    println!(
        "Serving {} (the site of {}) at http://127.0.0.1:{port}/ (Ctrl+C to stop);\n\
         watching {} for changes: the pages are rebuilt without the module or compressed copies",
        site.out.display(),
        site.data.display(),
        site.data.display()
    );
    accept(
        listener,
        Site {
            preview: Some(preview),
            ..Site::new(root.join(&site.out))
        },
        true,
        LIMITS,
    );
    Ok(())
}

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
        dist::replace_folder(&self.out, |staging| {
            article_site::files::copy_dir(&self.module, &staging.join("pkg"))?;
            article_site::write_with(
                staging,
                &self.www,
                &dataset,
                self.base_url.as_deref(),
                article_site::Mode::Preview { hydrate },
            )
        })
        .map_err(|error| format!("{error:#}"))
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
    fn report(&self) -> String {
        let state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        format!("{}\n{}", state.0, state.1)
    }
}

/// The address of the preview's state.
const PREVIEW_STATE: &str = "/__preview";

/// The script every preview page loads (`article_site::PREVIEW_SCRIPT`),
/// served by `serve` alone, never written into a site. It asks for the
/// preview's state four times a second (a request to this machine, which
/// adds an eighth of a second on average to a save's way to the page);
/// when the number changes and the rebuild
/// succeeded it reloads the page, and while the data folder has problems
/// it shows them in a banner over the last good page. Every problem
/// reaches the page as text (`textContent`), never as HTML, so a `<` in a
/// data file is shown as it is and the pages' Trusted Types allow it; the
/// banner's look is set through the CSSOM, which `style-src 'self'`
/// allows, not by a `style` attribute, which it does not.
const PREVIEW_JS: &str = r#"// cargo xtask serve: reloads a preview page when its data folder was rebuilt.
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

/// Serves `dir` on a free port of 127.0.0.1 from a background thread of
/// this process, and returns the base URL (`http://127.0.0.1:PORT/`). The
/// server lives as long as the process.
pub fn serve_in_background(dir: PathBuf) -> Result<String> {
    serve_with_limits(Site::new(dir), LIMITS)
}

/// As [`serve_in_background`], for a folder of symbolic links (the bench
/// serves `dist/` and `bench/` side by side that way): files the links lead
/// to are served if they lie in one of `linked`, and nowhere else.
pub fn serve_linked_in_background(dir: PathBuf, linked: Vec<PathBuf>) -> Result<String> {
    serve_with_limits(
        Site {
            dir,
            linked,
            preview: None,
        },
        LIMITS,
    )
}

/// What is served: the files below `dir`, and those below `linked` that a
/// symbolic link in `dir` leads to.
struct Site {
    dir: PathBuf,
    linked: Vec<PathBuf>,
    /// The preview's state, when the site is a preview: then, and only
    /// then, [`PREVIEW_STATE`] and the preview script are answered.
    preview: Option<Arc<Preview>>,
}

impl Site {
    fn new(dir: PathBuf) -> Self {
        Site {
            dir,
            linked: Vec::new(),
            preview: None,
        }
    }
}

/// [`serve_in_background`] with the given limits (tests use small ones).
fn serve_with_limits(site: Site, limits: Limits) -> Result<String> {
    let (listener, port) = bind(0)?;
    println!(
        "==> serving {} at http://127.0.0.1:{port}/",
        site.dir.display()
    );
    // Detached on purpose: the thread ends with the process.
    drop(thread::spawn(move || accept(listener, site, false, limits)));
    Ok(format!("http://127.0.0.1:{port}/"))
}

/// Binds 127.0.0.1 on `port`, or the next free one after it. Port 0 lets the
/// system choose a free port.
fn bind(port: u16) -> Result<(TcpListener, u16)> {
    let candidates: Vec<u16> = if port == 0 {
        vec![0]
    } else {
        (0..PORT_TRIES)
            .filter_map(|offset| port.checked_add(offset))
            .collect()
    };
    let mut last_error = None;
    for candidate in candidates {
        match TcpListener::bind(("127.0.0.1", candidate)) {
            Ok(listener) => {
                let bound = listener.local_addr().map(|a| a.port()).unwrap_or(candidate);
                return Ok((listener, bound));
            }
            Err(error) => last_error = Some(error),
        }
    }
    Err(anyhow!(
        "cannot listen on 127.0.0.1 ports {port} to {}: {}",
        port.saturating_add(PORT_TRIES - 1),
        last_error.map(|e| e.to_string()).unwrap_or_default()
    ))
}

/// Answers each connection on a thread of its own: one request, one
/// response, then the connection is closed. Without keep-alive no request
/// can wait behind another on a reused connection, and the timeouts free a
/// thread whose client went away. At most `limits.connections` are answered
/// at once: a connection beyond that gets a short 503 from this thread and
/// is closed, so idle clients cannot make the server start threads without
/// end.
fn accept(listener: TcpListener, site: Site, log_all: bool, limits: Limits) {
    let site = Arc::new(site);
    let open = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming() {
        let Ok(mut stream) = stream else { continue };
        if open.fetch_add(1, Ordering::SeqCst) >= limits.connections {
            open.fetch_sub(1, Ordering::SeqCst);
            // A few bytes fit in any socket buffer, so this write does not
            // wait for the client; the timeout is there all the same.
            let _ = stream.set_write_timeout(Some(Duration::from_millis(100)));
            let _ = stream.write_all(&response(
                503,
                "text/plain; charset=utf-8",
                b"busy",
                "Retry-After: 1\r\n",
                false,
            ));
            if log_all {
                eprintln!(
                    "connection refused: {} are open already",
                    limits.connections
                );
            }
            continue;
        }
        let site = Arc::clone(&site);
        let open = Arc::clone(&open);
        drop(thread::spawn(move || {
            if let Err(error) = answer(stream, &site, log_all, limits.head) {
                if log_all {
                    eprintln!("connection: {error}");
                }
            }
            open.fetch_sub(1, Ordering::SeqCst);
        }));
    }
}

/// Reads one request head from `stream`, which must arrive in full within
/// `head_limit` of the connection's start, and writes the response.
fn answer(
    mut stream: TcpStream,
    site: &Site,
    log_all: bool,
    head_limit: Duration,
) -> std::io::Result<()> {
    let deadline = Instant::now() + head_limit;
    stream.set_write_timeout(Some(IDLE))?;
    let mut head = Vec::new();
    let mut chunk = [0u8; 2048];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        // Each read may only wait for what is left of the whole limit.
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return stream.write_all(&response(
                408,
                "text/plain; charset=utf-8",
                b"request timeout",
                "",
                false,
            ));
        }
        stream.set_read_timeout(Some(left))?;
        let n = match stream.read(&mut chunk) {
            Ok(n) => n,
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                continue;
            }
            Err(e) => return Err(e),
        };
        if n == 0 {
            return Ok(());
        }
        head.extend_from_slice(&chunk[..n]);
        if head.len() > HEAD_MAX {
            return stream.write_all(&response(
                431,
                "text/plain; charset=utf-8",
                b"request too large",
                "",
                false,
            ));
        }
    }
    let text = String::from_utf8_lossy(&head);
    let mut words = text.lines().next().unwrap_or("").split(' ');
    let (method, url) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
    let accept = header(&text, "accept-encoding");
    let (code, kind, body, mut extra) = if method != "GET" && method != "HEAD" {
        (
            405,
            "text/plain; charset=utf-8",
            b"method not allowed".to_vec(),
            String::new(),
        )
    } else if let Some((kind, body)) = preview_answer(site, url) {
        // Never cached: the state changes with every save.
        (200, kind, body, "Cache-Control: no-store\r\n".to_owned())
    } else {
        match resolve_in(site, url) {
            Target::File(path) => {
                let (chosen, vary) = representation(site, &path, accept.as_deref());
                let mut extra = String::new();
                if vary {
                    extra.push_str("Vary: Accept-Encoding\r\n");
                }
                let read = match chosen {
                    Some((encoding, copy)) => {
                        extra.push_str(&format!("Content-Encoding: {}\r\n", encoding.token()));
                        std::fs::read(copy)
                    }
                    None => std::fs::read(&path),
                };
                match read {
                    Ok(bytes) => (200, content_type(&path), bytes, extra),
                    Err(_) => (
                        404,
                        "text/plain; charset=utf-8",
                        b"not found".to_vec(),
                        String::new(),
                    ),
                }
            }
            Target::Redirect(location) => (
                301,
                "text/plain; charset=utf-8",
                b"moved".to_vec(),
                format!("Location: {location}\r\n"),
            ),
            Target::Status(code) => {
                let text: &[u8] = if code == 404 {
                    b"not found"
                } else {
                    b"bad request"
                };
                (
                    code,
                    "text/plain; charset=utf-8",
                    text.to_vec(),
                    String::new(),
                )
            }
        }
    };
    // While tests run, only failures are worth a line: a 404 often explains a
    // failing browser test. The preview pages ask for the preview's state
    // four times a second, which would drown every other line.
    if (log_all && url != PREVIEW_STATE) || code >= 400 {
        eprintln!("{method} {url} -> {code}");
    }
    // The site's cache lifetimes are for its files: an error or a redirect
    // cached for a year would outlive the fix, and the preview's answers set
    // their own.
    let own_cache = extra.starts_with("Cache-Control:");
    extra.push_str(&site_headers(
        &site.dir,
        &rule_path(url),
        code == 200 && !own_cache,
    ));
    stream.write_all(&response(code, kind, &body, &extra, method == "HEAD"))?;
    stream.flush()
}

/// The preview's own answers (its state and its script) with their
/// Content-Type, for a site that is a preview; `None` for anything else.
fn preview_answer(site: &Site, url: &str) -> Option<(&'static str, Vec<u8>)> {
    let preview = site.preview.as_ref()?;
    match url.split(['?', '#']).next().unwrap_or("") {
        PREVIEW_STATE => Some(("text/plain; charset=utf-8", preview.report().into_bytes())),
        article_site::PREVIEW_SCRIPT => Some(("text/javascript", PREVIEW_JS.as_bytes().to_vec())),
        _ => None,
    }
}

/// The value of the header `name` (lower-case) in a request head, if sent.
fn header(head: &str, name: &str) -> Option<String> {
    head.lines().skip(1).find_map(|line| {
        let (key, value) = line.split_once(':')?;
        key.trim()
            .eq_ignore_ascii_case(name)
            .then(|| value.trim().to_owned())
    })
}

/// The precompressed copy of `path` to send for the request's
/// `Accept-Encoding`, if any (with its encoding), and whether the file has
/// copies at all: if so, the answer depends on that header and says so
/// with `Vary`, even when the file itself is sent.
fn representation(
    site: &Site,
    path: &Path,
    accept: Option<&str>,
) -> (Option<(Encoding, PathBuf)>, bool) {
    let copies: Vec<(Encoding, PathBuf)> = Encoding::ALL
        .into_iter()
        .filter_map(|encoding| {
            let mut copy = path.as_os_str().to_owned();
            copy.push(format!(".{}", encoding.extension()));
            let copy = PathBuf::from(copy);
            let allowed = copy.is_file()
                && (inside(&site.dir, &copy) || site.linked.iter().any(|l| inside(l, &copy)));
            allowed.then_some((encoding, copy))
        })
        .collect();
    let available: Vec<Encoding> = copies.iter().map(|(e, _)| *e).collect();
    let chosen = negotiate(accept, &available)
        .and_then(|encoding| copies.into_iter().find(|(e, _)| *e == encoding));
    (chosen, !available.is_empty())
}

/// Which of `available` to send for an `Accept-Encoding` header: the one
/// the client weighs highest (`q`, 1 unless given), brotli before gzip on a
/// tie; `None` for the file itself when none is acceptable. An encoding is
/// acceptable when it is listed, or `*` is, with a weight above 0
/// (`br;q=0` refuses brotli). Without the header nothing is encoded.
fn negotiate(accept: Option<&str>, available: &[Encoding]) -> Option<Encoding> {
    let accept = accept?;
    let mut weights: Vec<(String, f32)> = Vec::new();
    for item in accept.split(',') {
        let mut parts = item.split(';');
        let token = parts.next().unwrap_or("").trim().to_ascii_lowercase();
        let mut weight = Some(1.0);
        for parameter in parts {
            if let Some((key, value)) = parameter.split_once('=') {
                if key.trim().eq_ignore_ascii_case("q") {
                    weight = value
                        .trim()
                        .parse::<f32>()
                        .ok()
                        .filter(|q| (0.0..=1.0).contains(q));
                }
            }
        }
        // An entry whose weight cannot be read is ignored, as RFC 9110 asks.
        if let (false, Some(weight)) = (token.is_empty(), weight) {
            let token = if token == "x-gzip" {
                "gzip".to_owned()
            } else {
                token
            };
            weights.push((token, weight));
        }
    }
    let weight_of = |encoding: Encoding| -> f32 {
        let listed = |token: &str| weights.iter().find(|(t, _)| t == token).map(|(_, w)| *w);
        listed(encoding.token())
            .or_else(|| listed("*"))
            .unwrap_or(0.0)
    };
    let mut best: Option<(Encoding, f32)> = None;
    for encoding in Encoding::ALL {
        let weight = weight_of(encoding);
        if available.contains(&encoding)
            && weight > 0.0
            && best.is_none_or(|(_, highest)| weight > highest)
        {
            best = Some((encoding, weight));
        }
    }
    best.map(|(encoding, _)| encoding)
}

/// A whole HTTP/1.1 response: status line, headers and (unless HEAD) body.
fn response(code: u16, kind: &str, body: &[u8], extra: &str, head_only: bool) -> Vec<u8> {
    let reason = match code {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        503 => "Service Unavailable",
        431 => "Request Header Fields Too Large",
        _ => "",
    };
    // CORS, the Content-Security-Policy and the cache lifetimes come from
    // the site's `_headers` (`extra`), as on a static host. Whatever they
    // leave out is revalidated, so a rebuilt dist/ is seen on reload.
    let cache = if extra
        .lines()
        .any(|line| line.to_ascii_lowercase().starts_with("cache-control:"))
    {
        ""
    } else {
        "Cache-Control: no-cache\r\n"
    };
    let mut out = format!(
        "HTTP/1.1 {code} {reason}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\n{cache}\
         X-Content-Type-Options: nosniff\r\nConnection: close\r\n{extra}\r\n",
        body.len()
    )
    .into_bytes();
    if !head_only {
        out.extend_from_slice(body);
    }
    out
}

/// The headers the served folder's `_headers` file (Netlify and Cloudflare
/// Pages syntax, written by `dist`) gives `url`, as header lines. It is read
/// for every request, so a rebuilt `dist/` is served with its own rules.
/// Script embeds and sandboxed iframes need its CORS header; the browser
/// tests need its Content-Security-Policy. Its `Cache-Control` is only for
/// the files themselves (`found`).
fn site_headers(dir: &Path, url: &str, found: bool) -> String {
    let Ok(rules) = std::fs::read_to_string(dir.join("_headers")) else {
        return String::new();
    };
    let path = url.split(['?', '#']).next().unwrap_or("");
    csp::headers_for(&rules, path)
        .into_iter()
        .filter(|(name, value)| !(name.contains(['\r', '\n']) || value.contains(['\r', '\n'])))
        .filter(|(name, _)| found || !name.eq_ignore_ascii_case("cache-control"))
        .map(|(name, value)| format!("{name}: {value}\r\n"))
        .collect()
}

/// The path `_headers` rules are matched against: the one the file is
/// served by, decoded and with empty and `.` segments dropped. A rule for
/// `/embed/*` must also reach `/%65mbed/a.html`, `//embed/a.html` and
/// `/./embed/a.html`, which serve the same file; matching the raw text sent
/// those pages without their Content-Security-Policy. A path that does not
/// decode is answered 400 and matched as it came.
fn rule_path(url: &str) -> String {
    let raw = url.split(['?', '#']).next().unwrap_or("");
    let Some(decoded) = percent_decode(raw) else {
        return raw.to_owned();
    };
    let segments: Vec<&str> = decoded
        .split('/')
        .filter(|s| !s.is_empty() && *s != ".")
        .collect();
    let mut path = format!("/{}", segments.join("/"));
    if decoded.ends_with('/') && !segments.is_empty() {
        path.push('/');
    }
    path
}

/// What a request path resolves to.
#[derive(Debug, PartialEq)]
enum Target {
    /// A file to send.
    File(PathBuf),
    /// A folder asked for without its trailing slash: relative links in its
    /// index.html only work once the browser is sent to `path/`.
    Redirect(String),
    /// An error status.
    Status(u16),
}

/// Maps a request URL to a file below `dir`, refusing anything that could
/// leave it (`..`, encoded or not, or a symbolic link that points out of
/// `dir`) or that is not a plain path.
#[cfg(test)]
fn resolve(dir: &Path, url: &str) -> Target {
    resolve_in(&Site::new(dir.to_path_buf()), url)
}

/// As [`resolve`], for a site whose links may also lead into its `linked`
/// folders.
fn resolve_in(site: &Site, url: &str) -> Target {
    let dir = site.dir.as_path();
    let inside =
        |path: &Path| inside(dir, path) || site.linked.iter().any(|folder| inside(folder, path));
    let path = url.split(['?', '#']).next().unwrap_or("");
    let Some(decoded) = percent_decode(path) else {
        return Target::Status(400);
    };
    if !decoded.starts_with('/') {
        return Target::Status(400);
    }
    let mut file = dir.to_path_buf();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return Target::Status(400),
            _ if segment.contains(['\\', '\0']) => return Target::Status(400),
            _ => file.push(segment),
        }
    }
    if !inside(&file) {
        return Target::Status(404);
    }
    if file.is_dir() {
        if !decoded.ends_with('/') {
            // One leading slash only: `//static/` would be a scheme-relative
            // URL, which a browser follows to the host named `static`.
            return Target::Redirect(format!("/{}/", path.trim_start_matches('/')));
        }
        file.push("index.html");
    }
    if file.is_file() && inside(&file) {
        Target::File(file)
    } else {
        Target::Status(404)
    }
}

/// Whether `path`, with every symbolic link followed, is `dir` or below it.
/// A path that does not exist is not inside.
fn inside(dir: &Path, path: &Path) -> bool {
    match (dir.canonicalize(), path.canonicalize()) {
        (Ok(dir), Ok(path)) => path.starts_with(dir),
        _ => false,
    }
}

/// Decodes `%XX` escapes; `None` for a malformed escape or text that is not
/// UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The Content-Type for a file name. Browsers refuse to compile WebAssembly
/// streamed with another type, and refuse module scripts without a
/// JavaScript type, so these two matter most.
fn content_type(path: &Path) -> &'static str {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match extension.as_str() {
        "wasm" => "application/wasm",
        "js" | "mjs" => "text/javascript",
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css",
        "json" => "application/json",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        "woff2" => "font/woff2",
        "map" => "application/json",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use anyhow::Context;
    use article_site::{assets, compress};

    #[test]
    fn content_types_of_the_page_files() {
        assert_eq!(
            content_type(Path::new("pkg/article_charts_bg.wasm")),
            "application/wasm"
        );
        assert_eq!(content_type(Path::new("main.js")), "text/javascript");
        assert_eq!(content_type(Path::new("x.MJS")), "text/javascript");
        assert_eq!(
            content_type(Path::new("index.html")),
            "text/html; charset=utf-8"
        );
        assert_eq!(content_type(Path::new("style.css")), "text/css");
        assert_eq!(
            content_type(Path::new("data/indicators.json")),
            "application/json"
        );
        assert_eq!(
            content_type(Path::new("data/indicators.csv")),
            "text/csv; charset=utf-8"
        );
        assert_eq!(content_type(Path::new("logo.svg")), "image/svg+xml");
        assert_eq!(content_type(Path::new("og.png")), "image/png");
        assert_eq!(
            content_type(Path::new("README")),
            "application/octet-stream"
        );
    }

    #[test]
    fn decodes_escapes_and_refuses_bad_ones() {
        assert_eq!(percent_decode("/a%20b").as_deref(), Some("/a b"));
        assert_eq!(percent_decode("/%E4%B8%B9").as_deref(), Some("/丹"));
        assert_eq!(percent_decode("/%zz"), None);
        assert_eq!(percent_decode("/%4"), None);
        assert_eq!(percent_decode("/%ff"), None);
    }

    fn fixture() -> Result<PathBuf> {
        let dir = std::env::temp_dir().join(format!(
            "xtask-serve-test-{}-{:?}",
            std::process::id(),
            thread::current().id()
        ));
        std::fs::create_dir_all(dir.join("data"))?;
        std::fs::write(dir.join("index.html"), "<!doctype html>")?;
        std::fs::write(dir.join("data").join("indicators.csv"), "id\n")?;
        std::fs::write(
            dir.join("_headers"),
            "# rules\n/*\n  Access-Control-Allow-Origin: *\n/\n  Content-Security-Policy: default-src 'self'\n/embed/*\n  Content-Security-Policy: frame-ancestors *\n",
        )?;
        std::fs::create_dir_all(dir.join("embed"))?;
        std::fs::write(dir.join("embed").join("a.html"), "<!doctype html>")?;
        Ok(dir)
    }

    #[test]
    fn resolves_files_index_and_redirects() -> Result<()> {
        let dir = fixture()?;
        assert_eq!(resolve(&dir, "/"), Target::File(dir.join("index.html")));
        assert_eq!(
            resolve(&dir, "/?lang=en"),
            Target::File(dir.join("index.html"))
        );
        assert_eq!(
            resolve(&dir, "/data/indicators.csv"),
            Target::File(dir.join("data/indicators.csv"))
        );
        assert_eq!(resolve(&dir, "/data"), Target::Redirect("/data/".into()));
        assert_eq!(resolve(&dir, "/missing.js"), Target::Status(404));
        std::fs::remove_dir_all(&dir)?;
        Ok(())
    }

    #[test]
    fn refuses_paths_that_leave_the_folder() -> Result<()> {
        let dir = fixture()?;
        assert_eq!(resolve(&dir, "/../Cargo.toml"), Target::Status(400));
        assert_eq!(resolve(&dir, "/data/../../etc/passwd"), Target::Status(400));
        assert_eq!(resolve(&dir, "/%2e%2e/Cargo.toml"), Target::Status(400));
        assert_eq!(resolve(&dir, "/..%5c..%5cetc"), Target::Status(400));
        assert_eq!(resolve(&dir, "relative"), Target::Status(400));
        std::fs::remove_dir_all(&dir)?;
        Ok(())
    }

    #[test]
    fn never_redirects_to_another_host() -> Result<()> {
        let dir = fixture()?;
        for url in ["//data", "///data", "//data?x=1"] {
            match resolve(&dir, url) {
                Target::Redirect(location) => {
                    assert!(
                        location.starts_with('/') && !location.starts_with("//"),
                        "{url} -> {location}"
                    );
                }
                other => panic!("{url} -> {other:?}"),
            }
        }
        std::fs::remove_dir_all(&dir)?;
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn refuses_symbolic_links_out_of_the_folder() -> Result<()> {
        let dir = fixture()?;
        let outside = dir.with_extension("outside");
        std::fs::create_dir_all(&outside)?;
        std::fs::write(outside.join("secret.txt"), "secret")?;
        std::os::unix::fs::symlink(outside.join("secret.txt"), dir.join("link.txt"))?;
        std::os::unix::fs::symlink(&outside, dir.join("linked"))?;
        // A link that stays inside is served.
        std::os::unix::fs::symlink(dir.join("index.html"), dir.join("home.html"))?;
        assert_eq!(resolve(&dir, "/link.txt"), Target::Status(404));
        assert_eq!(resolve(&dir, "/linked/secret.txt"), Target::Status(404));
        assert_eq!(resolve(&dir, "/linked"), Target::Status(404));
        assert_eq!(
            resolve(&dir, "/home.html"),
            Target::File(dir.join("home.html"))
        );
        // A folder linked on purpose (the bench's) is served through its link.
        let site = Site {
            dir: dir.clone(),
            linked: vec![outside.clone()],
            preview: None,
        };
        assert_eq!(
            resolve_in(&site, "/linked/secret.txt"),
            Target::File(dir.join("linked/secret.txt"))
        );
        std::fs::remove_dir_all(&dir)?;
        std::fs::remove_dir_all(&outside)?;
        Ok(())
    }

    /// The address (`127.0.0.1:PORT`) of a server of `dir` with `limits`.
    fn serve_test(dir: &Path, limits: Limits) -> Result<String> {
        let base = serve_with_limits(Site::new(dir.to_path_buf()), limits)?;
        Ok(base
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_owned())
    }

    /// Everything the server sends on `stream` until it closes it.
    fn answer_of(stream: &mut std::net::TcpStream) -> String {
        let mut answer = Vec::new();
        let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
        let _ = stream.read_to_end(&mut answer);
        String::from_utf8_lossy(&answer).into_owned()
    }

    #[test]
    fn a_trickled_request_head_is_cut_off_by_the_whole_request_limit() -> Result<()> {
        let dir = fixture()?;
        let address = serve_test(
            &dir,
            Limits {
                head: Duration::from_millis(800),
                ..LIMITS
            },
        )?;
        let mut stream = std::net::TcpStream::connect(&address)?;
        let started = Instant::now();
        // Each byte comes well within any per-read limit, but the whole head
        // takes about three seconds.
        for byte in b"GET / HTTP/1.1\r\n\r\n" {
            if stream.write_all(&[*byte]).is_err() {
                break;
            }
            thread::sleep(Duration::from_millis(150));
        }
        let answer = answer_of(&mut stream);
        assert!(
            !answer.starts_with("HTTP/1.1 200"),
            "a head trickled over {:?} was served: {answer}",
            started.elapsed()
        );
        std::fs::remove_dir_all(&dir)?;
        Ok(())
    }

    #[test]
    fn idle_connections_beyond_the_cap_are_refused() -> Result<()> {
        let dir = fixture()?;
        let address = serve_test(
            &dir,
            Limits {
                connections: 4,
                ..LIMITS
            },
        )?;
        let idle: Vec<_> = (0..4)
            .map(|_| std::net::TcpStream::connect(&address))
            .collect::<std::io::Result<_>>()?;
        // The server counts a connection once it has accepted it.
        thread::sleep(Duration::from_millis(200));
        let mut extra = std::net::TcpStream::connect(&address)?;
        let _ = extra.write_all(b"GET / HTTP/1.1\r\n\r\n");
        let answer = answer_of(&mut extra);
        assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
        drop(idle);
        // Closed connections free their places.
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            let mut stream = std::net::TcpStream::connect(&address)?;
            stream.write_all(b"GET / HTTP/1.1\r\n\r\n")?;
            let answer = answer_of(&mut stream);
            if answer.starts_with("HTTP/1.1 200") {
                break;
            }
            assert!(Instant::now() < deadline, "still refused: {answer}");
            thread::sleep(Duration::from_millis(100));
        }
        std::fs::remove_dir_all(&dir)?;
        Ok(())
    }

    #[test]
    fn serves_over_http_with_types_and_no_cache() -> Result<()> {
        use std::io::{Read, Write};
        let dir = fixture()?;
        let base = serve_in_background(dir.clone())?;
        let address = base
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_owned();
        let get = |path: &str| -> Result<String> {
            let mut stream = std::net::TcpStream::connect(&address)?;
            write!(
                stream,
                "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
            )?;
            let mut answer = String::new();
            stream.read_to_string(&mut answer)?;
            Ok(answer)
        };
        let csv = get("/data/indicators.csv")?;
        assert!(csv.starts_with("HTTP/1.1 200"), "{csv}");
        assert!(
            csv.contains("Content-Type: text/csv; charset=utf-8"),
            "{csv}"
        );
        assert!(csv.contains("Cache-Control: no-cache"), "{csv}");
        assert!(csv.contains("Access-Control-Allow-Origin: *"), "{csv}");
        // `_headers` gives the page, and only the page, its policy.
        assert!(!csv.contains("Content-Security-Policy"), "{csv}");
        let index = get("/?lang=en")?;
        assert!(
            index.contains("\r\nContent-Security-Policy: default-src 'self'\r\n"),
            "{index}"
        );
        assert!(get("/nothing.png")?.starts_with("HTTP/1.1 404"));
        assert!(get("/../Cargo.toml")?.starts_with("HTTP/1.1 400"));
        // Every spelling of a path that serves an embed page gets its policy.
        for spelling in [
            "/embed/a.html",
            "/%65mbed/a.html",
            "//embed/a.html",
            "/./embed//a.html",
        ] {
            let page = get(spelling)?;
            assert!(page.starts_with("HTTP/1.1 200"), "{spelling}: {page}");
            assert!(
                page.contains("\r\nContent-Security-Policy: frame-ancestors *\r\n"),
                "{spelling} was served without its policy: {page}"
            );
        }
        std::fs::remove_dir_all(&dir)?;
        Ok(())
    }

    #[test]
    fn negotiates_the_encoding_by_weight() {
        use Encoding::{Brotli, Gzip};
        let both = [Brotli, Gzip];
        // What browsers send: brotli is preferred on a tie.
        assert_eq!(
            negotiate(Some("gzip, deflate, br, zstd"), &both),
            Some(Brotli)
        );
        assert_eq!(negotiate(Some("gzip, deflate"), &both), Some(Gzip));
        assert_eq!(negotiate(Some("BR"), &both), Some(Brotli));
        assert_eq!(negotiate(Some("x-gzip"), &both), Some(Gzip));
        // Weights decide; 0 refuses.
        assert_eq!(negotiate(Some("br;q=0, gzip"), &both), Some(Gzip));
        assert_eq!(negotiate(Some("br;q=0.4, gzip;q=0.5"), &both), Some(Gzip));
        assert_eq!(
            negotiate(Some("br ; q=0.9, gzip;q=0.5"), &both),
            Some(Brotli)
        );
        assert_eq!(negotiate(Some("br;q=0, gzip;q=0.0"), &both), None);
        // `*` stands for what is not listed.
        assert_eq!(negotiate(Some("*"), &both), Some(Brotli));
        assert_eq!(negotiate(Some("br;q=0, *"), &both), Some(Gzip));
        assert_eq!(negotiate(Some("*;q=0"), &both), None);
        // A weight that cannot be read drops its entry.
        assert_eq!(negotiate(Some("br;q=high, gzip"), &both), Some(Gzip));
        assert_eq!(negotiate(Some("br;q=2"), &both), None);
        // Only what was written can be sent; no header, no encoding.
        assert_eq!(negotiate(Some("br"), &[Gzip]), None);
        assert_eq!(negotiate(Some("identity"), &both), None);
        assert_eq!(negotiate(Some(""), &both), None);
        assert_eq!(negotiate(None, &both), None);
    }

    /// The head (lower-cased) and body of the answer to a GET of `path`
    /// with these extra request headers.
    fn fetch(address: &str, path: &str, headers: &str) -> Result<(String, Vec<u8>)> {
        let mut stream = std::net::TcpStream::connect(address)?;
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {address}\r\n{headers}Connection: close\r\n\r\n"
        )?;
        let mut answer = Vec::new();
        stream.read_to_end(&mut answer)?;
        let split = answer
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .ok_or_else(|| anyhow!("no head"))?;
        // Each header line, the last included, ends in CRLF.
        let head = String::from_utf8_lossy(&answer[..split + 2]).to_ascii_lowercase();
        Ok((head, answer[split + 4..].to_vec()))
    }

    #[test]
    fn sends_precompressed_copies_and_cache_lifetimes() -> Result<()> {
        let dir = fixture()?;
        let page = "<!doctype html><p>正在加载图表…</p>".repeat(50);
        std::fs::write(dir.join("index.html"), &page)?;
        std::fs::write(
            dir.join("index.html.br"),
            compress::brotli(page.as_bytes())?,
        )?;
        std::fs::write(dir.join("index.html.gz"), compress::gzip(page.as_bytes())?)?;
        std::fs::create_dir_all(dir.join("pkg"))?;
        let module = "export const a = 1;\n".repeat(50);
        std::fs::write(dir.join("pkg/a.0011aabb.js"), &module)?;
        std::fs::write(
            dir.join("pkg/a.0011aabb.js.gz"),
            compress::gzip(module.as_bytes())?,
        )?;
        let files: Vec<String> = ["index.html", "pkg/a.0011aabb.js"]
            .map(str::to_owned)
            .to_vec();
        let fingerprinted = ["pkg/a.0011aabb.js".to_owned()].into_iter().collect();
        std::fs::write(
            dir.join("_headers"),
            assets::cache_rules(&files, &fingerprinted),
        )?;
        let address = serve_test(&dir, LIMITS)?;

        let (head, body) = fetch(&address, "/", "Accept-Encoding: gzip, deflate, br\r\n")?;
        assert!(head.contains("\r\ncontent-encoding: br\r\n"), "{head}");
        assert!(head.contains("\r\nvary: accept-encoding\r\n"), "{head}");
        assert!(
            head.contains("\r\ncontent-type: text/html; charset=utf-8\r\n"),
            "{head}"
        );
        assert!(
            head.contains(&format!("\r\ncontent-length: {}\r\n", body.len())),
            "{head}"
        );
        let mut unpacked = Vec::new();
        ::brotli::Decompressor::new(&body[..], 4096).read_to_end(&mut unpacked)?;
        assert_eq!(unpacked, page.as_bytes());
        assert!(head.contains("\r\ncache-control: no-cache\r\n"), "{head}");
        assert!(!head.contains("immutable"), "{head}");

        let (head, _) = fetch(&address, "/", "Accept-Encoding: br;q=0, gzip\r\n")?;
        assert!(head.contains("\r\ncontent-encoding: gzip\r\n"), "{head}");
        // Without the header, or with nothing written for what is asked,
        // the file itself is sent.
        let (head, body) = fetch(&address, "/", "")?;
        assert!(!head.contains("content-encoding"), "{head}");
        assert!(head.contains("\r\nvary: accept-encoding\r\n"), "{head}");
        assert_eq!(body, page.as_bytes());
        let (head, body) = fetch(&address, "/pkg/a.0011aabb.js", "Accept-Encoding: br\r\n")?;
        assert!(!head.contains("content-encoding"), "{head}");
        assert_eq!(body, module.as_bytes());
        assert!(
            head.contains("\r\ncache-control: public, max-age=31536000, immutable\r\n"),
            "{head}"
        );
        assert_eq!(head.matches("cache-control").count(), 1, "{head}");
        // A file with no copies at all does not vary.
        let (head, _) = fetch(&address, "/data/indicators.csv", "Accept-Encoding: br\r\n")?;
        assert!(!head.contains("vary"), "{head}");
        // A missing fingerprinted file is not cached for a year.
        let (head, _) = fetch(&address, "/pkg/a.99999999.js", "")?;
        assert!(head.starts_with("http/1.1 404"), "{head}");
        assert!(!head.contains("immutable"), "{head}");
        std::fs::remove_dir_all(&dir)?;
        Ok(())
    }

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
        article_site::assets::site_files(dir)
    }

    #[test]
    fn a_preview_rebuild_shows_a_new_label_at_once_and_keeps_the_last_good_site_on_errors(
    ) -> Result<()> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .ok_or_else(|| anyhow!("no workspace root"))?;
        let temporary = tempfile::tempdir()?;
        let data = temporary.path().join("data");
        article_site::files::copy_dir(&root.join("tests/data/second-article"), &data)?;
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
            .filter(|f| article_site::compress::is_copy(f))
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

        // The server answers the problems, the script and the last good page.
        let state = Arc::new(Preview::default());
        state.record(None);
        state.record(Some(problems.clone()));
        let base = serve_with_limits(
            Site {
                preview: Some(Arc::clone(&state)),
                ..Site::new(out.clone())
            },
            LIMITS,
        )?;
        let address = base.trim_start_matches("http://").trim_end_matches('/');
        let (head, body) = fetch(address, "/__preview", "")?;
        assert!(head.starts_with("http/1.1 200"), "{head}");
        assert!(head.contains("\r\ncache-control: no-store\r\n"), "{head}");
        assert_eq!(String::from_utf8_lossy(&body), format!("2\n{problems}"));
        let (head, body) = fetch(address, "/__preview.js", "")?;
        assert!(
            head.contains("\r\ncontent-type: text/javascript\r\n"),
            "{head}"
        );
        let script = String::from_utf8_lossy(&body);
        assert!(script.contains("textContent") && !script.contains("innerHTML"));
        let (_, body) = fetch(address, "/index.en.html", "Accept-Encoding: br, gzip\r\n")?;
        assert_eq!(String::from_utf8_lossy(&body), page);
        // A site that is not a preview has no such addresses.
        let plain = serve_test(&out, LIMITS)?;
        let (head, _) = fetch(&plain, "/__preview", "")?;
        assert!(head.starts_with("http/1.1 404"), "{head}");
        Ok(())
    }
}
