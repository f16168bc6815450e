//! The server of a built site, as a static host would serve it, and of the
//! live preview of a data folder while an editor edits it: `cargo xtask
//! serve` runs it in the foreground; the browser tests, the bench, the
//! screenshots and the WordPress check run it in a background thread.
//!
//! HTTP itself is hyper's: it reads the request heads, within a time limit
//! on the whole head and a limit on its size, and writes the responses.
//! This file decides what is served: the file a path names below the
//! folder and nothing outside it, its Content-Type, its precompressed copy
//! for the client's `Accept-Encoding`, the headers the site's `_headers`
//! gives its path, and the preview's state and script. It only listens on
//! 127.0.0.1: it is a development tool, never a public server.

use std::convert::Infallible;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

use anyhow::{anyhow, Context, Result};
use http_body_util::Full;
use hyper::body::Bytes;
use hyper::header::{HeaderName, HeaderValue, CACHE_CONTROL, CONTENT_TYPE};
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::AsyncWriteExt;

use article_site::compress::Encoding;
use article_site::csp;
use article_site::preview::{self, Preview};

/// How many ports after the requested one are tried when it is busy.
const PORT_TRIES: u16 = 20;

/// What one client may take of the server. A limit per read alone would let
/// a client that sends one byte every few seconds hold a connection for
/// ever, and connections without a cap let idle clients pile up without
/// end.
#[derive(Clone, Copy, Debug)]
struct Limits {
    /// The whole request head must arrive within this time (hyper's
    /// `header_read_timeout`, from the connection's start).
    head: Duration,
    /// Connections answered at once; any more are told 503 and closed.
    connections: usize,
    /// The longest a connection may take in all, head and response: a
    /// client that stops reading its response cannot hold a place for
    /// ever. The largest file of a site, sent over the loopback, takes
    /// milliseconds.
    whole: Duration,
}

/// The limits of `cargo xtask serve` and of the test server: a browser sends
/// its request head at once and opens a few connections per host.
const LIMITS: Limits = Limits {
    head: Duration::from_secs(10),
    connections: 64,
    whole: Duration::from_secs(60),
};

/// The longest request head accepted; ours are a few hundred bytes. A
/// longer one is answered 431 by hyper.
const HEAD_MAX: usize = 16 * 1024;

/// The whole answer to a connection beyond the cap, written before any of
/// its request is read, so that it takes no place while it waits.
const BUSY: &[u8] =
    b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n\
Content-Length: 4\r\nRetry-After: 1\r\nConnection: close\r\n\r\nbusy";

/// Serves `site` on `listener` until the process ends, with a line for
/// every request (`cargo xtask serve` in the foreground).
pub fn serve(listener: TcpListener, site: Site) -> Result<()> {
    run(listener, site, true, LIMITS)
}

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
    let site = Site {
        dir,
        linked,
        preview: None,
    };
    serve_with_limits(site, LIMITS)
}

/// What is served: the files below `dir`, and those below `linked` that a
/// symbolic link in `dir` leads to.
pub struct Site {
    pub dir: PathBuf,
    pub linked: Vec<PathBuf>,
    /// The preview's state, when the site is a preview: then, and only
    /// then, its state and its script are answered.
    pub preview: Option<Arc<Preview>>,
}

impl Site {
    pub fn new(dir: PathBuf) -> Self {
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
    drop(thread::spawn(move || {
        if let Err(error) = run(listener, site, false, limits) {
            eprintln!("the server of the tests stopped: {error:#}");
        }
    }));
    Ok(format!("http://127.0.0.1:{port}/"))
}

/// Binds 127.0.0.1 on `port`, or the next free one after it. Port 0 lets the
/// system choose a free port.
pub fn bind(port: u16) -> Result<(TcpListener, u16)> {
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

/// Serves `site` on `listener` until the process ends, on a runtime of one
/// thread: each connection is a task that hyper drives, one request per
/// connection (no keep-alive, so no request waits behind another, and a
/// finished connection frees its place at once). At most
/// `limits.connections` are answered at once; one beyond that is told 503
/// and closed before anything of it is read.
fn run(listener: TcpListener, site: Site, log_all: bool, limits: Limits) -> Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the server's runtime")?;
    runtime.block_on(async move {
        listener.set_nonblocking(true)?;
        let listener = tokio::net::TcpListener::from_std(listener)?;
        let site = Arc::new(site);
        let open = Arc::new(AtomicUsize::new(0));
        loop {
            let Ok((mut stream, _)) = listener.accept().await else {
                // Out of file descriptors, most likely: wait for some to be
                // closed rather than ask again at once, in a busy loop.
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            };
            if open.fetch_add(1, Ordering::SeqCst) >= limits.connections {
                open.fetch_sub(1, Ordering::SeqCst);
                if log_all {
                    eprintln!(
                        "connection refused: {} are open already",
                        limits.connections
                    );
                }
                // A few bytes fit in any socket buffer, so this write does
                // not wait for the client; the time limit is there all the
                // same.
                drop(tokio::spawn(async move {
                    let _ =
                        tokio::time::timeout(Duration::from_millis(100), stream.write_all(BUSY))
                            .await;
                }));
                continue;
            }
            let place = Place(Arc::clone(&open));
            let site = Arc::clone(&site);
            drop(tokio::spawn(async move {
                let service = hyper::service::service_fn(move |request| {
                    let site = Arc::clone(&site);
                    async move { Ok::<_, Infallible>(answer(site, request, log_all).await) }
                });
                let connection = hyper::server::conn::http1::Builder::new()
                    .timer(TokioTimer::new())
                    .header_read_timeout(limits.head)
                    .max_header_size(HEAD_MAX)
                    .keep_alive(false)
                    // Header names as browsers' tools and the docs spell them.
                    .title_case_headers(true)
                    .serve_connection(TokioIo::new(stream), service);
                match tokio::time::timeout(limits.whole, connection).await {
                    Ok(Err(error)) if log_all => eprintln!("connection: {error}"),
                    Err(_) if log_all => eprintln!("connection: closed after {:?}", limits.whole),
                    _ => {}
                }
                drop(place);
            }));
        }
    })
}

/// A connection's place among those answered at once, given back when the
/// connection ends, however it ends.
struct Place(Arc<AtomicUsize>);

impl Drop for Place {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// The response to one request. The files are read on a thread of the
/// runtime's blocking pool, so that a slow disk holds up no other client.
async fn answer(
    site: Arc<Site>,
    request: Request<hyper::body::Incoming>,
    log_all: bool,
) -> Response<Full<Bytes>> {
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let is_state = path == preview::PREVIEW_STATE;
    let accept = request
        .headers()
        .get(hyper::header::ACCEPT_ENCODING)
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    let response =
        tokio::task::spawn_blocking(move || respond(&site, &method, &path, accept.as_deref()))
            .await
            .unwrap_or_else(|_| plain(StatusCode::INTERNAL_SERVER_ERROR, "the answer failed"));
    // While tests run, only failures are worth a line: a 404 often explains a
    // failing browser test.
    let code = response.status();
    // The preview's page asks for its state four times a second: those
    // lines would drown the others.
    if (log_all && !is_state) || code.as_u16() >= 400 {
        eprintln!(
            "{} {} -> {}",
            request.method(),
            request.uri(),
            code.as_u16()
        );
    }
    response
}

/// A short text response with `code`.
fn plain(code: StatusCode, text: &'static str) -> Response<Full<Bytes>> {
    with_type(
        code,
        "text/plain; charset=utf-8",
        Bytes::from_static(text.as_bytes()),
    )
}

/// A response with `code`, its Content-Type and its body.
fn with_type(code: StatusCode, kind: &'static str, body: Bytes) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(body));
    *response.status_mut() = code;
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static(kind));
    response
}

/// The response to a GET or HEAD of `path` (hyper leaves out the body of
/// a HEAD), for a client that accepts the encodings `accept`.
fn respond(
    site: &Site,
    method: &Method,
    path: &str,
    accept: Option<&str>,
) -> Response<Full<Bytes>> {
    let mut response = if method != Method::GET && method != Method::HEAD {
        plain(StatusCode::METHOD_NOT_ALLOWED, "method not allowed")
    } else if let Some(response) = preview_answer(site, path) {
        response
    } else {
        match resolve_in(site, path) {
            Target::File(file) => file_response(site, &file, accept),
            Target::Redirect(location) => {
                let mut response = plain(StatusCode::MOVED_PERMANENTLY, "moved");
                if let Ok(location) = HeaderValue::from_str(&location) {
                    response
                        .headers_mut()
                        .insert(hyper::header::LOCATION, location);
                }
                response
            }
            Target::Status(400) => plain(StatusCode::BAD_REQUEST, "bad request"),
            Target::Status(_) => plain(StatusCode::NOT_FOUND, "not found"),
        }
    };
    // The site's cache lifetimes are for its files: an error or a redirect
    // cached for a year would outlive the fix, and the preview's answers set
    // their own.
    let found = response.status() == StatusCode::OK;
    let own_cache = response.headers().contains_key(CACHE_CONTROL);
    let headers = response.headers_mut();
    for (name, value) in site_headers(&site.dir, &rule_path(path)) {
        if name == CACHE_CONTROL && (!found || own_cache) {
            continue;
        }
        headers.append(name, value);
    }
    // CORS, the Content-Security-Policy and the cache lifetimes come from
    // the site's `_headers`, as on a static host. Whatever they leave out
    // is revalidated, so a rebuilt dist/ is seen on reload.
    if !headers.contains_key(CACHE_CONTROL) {
        headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    }
    headers.insert(
        hyper::header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

/// A file of the site, or its precompressed copy for `accept`.
fn file_response(site: &Site, file: &Path, accept: Option<&str>) -> Response<Full<Bytes>> {
    let (chosen, vary) = representation(site, file, accept);
    let read = match &chosen {
        Some((_, copy)) => std::fs::read(copy),
        None => std::fs::read(file),
    };
    let Ok(bytes) = read else {
        return plain(StatusCode::NOT_FOUND, "not found");
    };
    let mut response = with_type(StatusCode::OK, content_type(file), Bytes::from(bytes));
    let headers = response.headers_mut();
    if vary {
        headers.insert(
            hyper::header::VARY,
            HeaderValue::from_static("Accept-Encoding"),
        );
    }
    if let Some((encoding, _)) = chosen {
        headers.insert(
            hyper::header::CONTENT_ENCODING,
            HeaderValue::from_static(encoding.token()),
        );
    }
    response
}

/// The preview's own answers (its state and its script), never cached,
/// for a site that is a preview; `None` for anything else.
fn preview_answer(site: &Site, path: &str) -> Option<Response<Full<Bytes>>> {
    let state = site.preview.as_ref()?;
    let mut response = match path {
        preview::PREVIEW_STATE => with_type(
            StatusCode::OK,
            "text/plain; charset=utf-8",
            Bytes::from(state.report()),
        ),
        article_site::PREVIEW_SCRIPT => with_type(
            StatusCode::OK,
            "text/javascript",
            Bytes::from_static(preview::PREVIEW_JS.as_bytes()),
        ),
        _ => return None,
    };
    // The state changes with every save.
    response
        .headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Some(response)
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

/// The headers the served folder's `_headers` file (Netlify and Cloudflare
/// Pages syntax, written by `dist`) gives `path`. It is read for every
/// request, so a rebuilt `dist/` is served with its own rules. Script
/// embeds and sandboxed iframes need its CORS header; the browser tests
/// need its Content-Security-Policy. A header that is not a valid header
/// is left out.
fn site_headers(dir: &Path, path: &str) -> Vec<(HeaderName, HeaderValue)> {
    let Ok(rules) = std::fs::read_to_string(dir.join("_headers")) else {
        return Vec::new();
    };
    csp::headers_for(&rules, path)
        .into_iter()
        .filter_map(|(name, value)| {
            let name = HeaderName::from_bytes(name.as_bytes()).ok()?;
            Some((name, HeaderValue::from_str(&value).ok()?))
        })
        .collect()
}

/// The path `_headers` rules are matched against: the one the file is
/// served by, decoded and with empty and `.` segments dropped. A rule for
/// `/embed/*` must also reach `/%65mbed/a.html`, `//embed/a.html` and
/// `/./embed/a.html`, which serve the same file; matching the raw text sent
/// those pages without their Content-Security-Policy. A path that does not
/// decode is answered 400 and matched as it came.
fn rule_path(raw: &str) -> String {
    let Some(decoded) = decode(raw) else {
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

/// A request path with its `%XX` escapes decoded; `None` for a malformed
/// escape (`%zz`, a `%` at the end) or text that is not UTF-8, which are
/// answered 400 as static hosts do (the decoder itself would keep a
/// malformed escape as it is).
fn decode(path: &str) -> Option<String> {
    let well_formed = path.split('%').skip(1).all(|after| {
        after
            .get(..2)
            .is_some_and(|hex| hex.chars().all(|c| c.is_ascii_hexdigit()))
    });
    let decoded = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .ok()?;
    well_formed.then(|| decoded.into_owned())
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

/// Maps a request path (without its query) to a file below `dir`, refusing anything that could
/// leave it (`..`, encoded or not, or a symbolic link that points out of
/// `dir`) or that is not a plain path.
#[cfg(test)]
fn resolve(dir: &Path, path: &str) -> Target {
    resolve_in(&Site::new(dir.to_path_buf()), path)
}

/// As [`resolve`], for a site whose links may also lead into its `linked`
/// folders.
fn resolve_in(site: &Site, path: &str) -> Target {
    let dir = site.dir.as_path();
    let inside =
        |path: &Path| inside(dir, path) || site.linked.iter().any(|folder| inside(folder, path));
    let Some(decoded) = decode(path) else {
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
    use article_site::{assets, compress};
    use std::io::{Read, Write};
    use std::time::Instant;

    #[test]
    fn content_types_of_the_page_files() {
        for (file, kind) in [
            ("pkg/article_charts_bg.wasm", "application/wasm"),
            ("main.js", "text/javascript"),
            ("x.MJS", "text/javascript"),
            ("index.html", "text/html; charset=utf-8"),
            ("style.css", "text/css"),
            ("data/indicators.json", "application/json"),
            ("data/indicators.csv", "text/csv; charset=utf-8"),
            ("logo.svg", "image/svg+xml"),
            ("og.png", "image/png"),
            ("README", "application/octet-stream"),
        ] {
            assert_eq!(content_type(Path::new(file)), kind, "{file}");
        }
    }

    #[test]
    fn decodes_escapes_and_refuses_bad_ones() {
        assert_eq!(decode("/a%20b").as_deref(), Some("/a b"));
        assert_eq!(decode("/%E4%B8%B9").as_deref(), Some("/丹"));
        assert_eq!(decode("/%zz"), None);
        assert_eq!(decode("/%4"), None);
        assert_eq!(decode("/a%"), None);
        assert_eq!(decode("/%ff"), None);
    }

    fn fixture() -> Result<PathBuf> {
        let dir = std::env::temp_dir().join(format!(
            "article-server-test-{}-{:?}",
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
        for url in ["//data", "///data", "//./data"] {
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

    /// Serves a new fixture with `limits`, runs `check` with the fixture's
    /// folder and a connection to the server, and removes the fixture.
    fn on_connection(
        limits: Limits,
        check: impl FnOnce(&Path, &str, std::net::TcpStream) -> Result<()>,
    ) -> Result<()> {
        let dir = fixture()?;
        let address = serve_test(&dir, limits)?;
        let stream = std::net::TcpStream::connect(&address)?;
        check(&dir, &address, stream)?;
        std::fs::remove_dir_all(&dir)?;
        Ok(())
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
        let limits = Limits {
            head: Duration::from_millis(800),
            ..LIMITS
        };
        on_connection(limits, |_, _, mut stream| {
            let started = Instant::now();
            // Each byte comes well within any per-read limit, but the whole
            // head takes about three seconds.
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
            Ok(())
        })
    }

    #[test]
    fn idle_connections_beyond_the_cap_are_refused() -> Result<()> {
        let limits = Limits {
            connections: 4,
            ..LIMITS
        };
        on_connection(limits, |_, address, first| {
            let idle: Vec<_> = (1..4)
                .map(|_| std::net::TcpStream::connect(address))
                .collect::<std::io::Result<_>>()?;
            // The server counts a connection once it has accepted it.
            thread::sleep(Duration::from_millis(200));
            let mut extra = std::net::TcpStream::connect(address)?;
            let _ = extra.write_all(b"GET / HTTP/1.1\r\n\r\n");
            let answer = answer_of(&mut extra);
            assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
            drop((first, idle));
            // Closed connections free their places.
            let deadline = Instant::now() + Duration::from_secs(5);
            loop {
                let mut stream = std::net::TcpStream::connect(address)?;
                stream.write_all(b"GET / HTTP/1.1\r\n\r\n")?;
                let answer = answer_of(&mut stream);
                if answer.starts_with("HTTP/1.1 200") {
                    return Ok(());
                }
                assert!(Instant::now() < deadline, "still refused: {answer}");
                thread::sleep(Duration::from_millis(100));
            }
        })
    }

    #[test]
    fn a_client_that_stops_reading_is_cut_off_by_the_whole_connection_limit() -> Result<()> {
        let limits = Limits {
            whole: Duration::from_millis(500),
            ..LIMITS
        };
        on_connection(limits, |dir, address, _| {
            // Far more than the sockets' buffers hold, so the server must
            // wait for the client to read.
            let size = 32 * 1024 * 1024;
            std::fs::write(dir.join("large.png"), vec![0u8; size])?;
            // A connection of its own, opened once the file is written: the
            // limit runs from a connection's start.
            let mut stream = std::net::TcpStream::connect(address)?;
            stream.write_all(b"GET /large.png HTTP/1.1\r\n\r\n")?;
            thread::sleep(Duration::from_millis(1500));
            // The body is zeros, which stay one byte each as text.
            let answer = answer_of(&mut stream);
            assert!(
                answer.starts_with("HTTP/1.1 200") && answer.len() < size,
                "{} bytes of {size} came after the limit",
                answer.len()
            );
            Ok(())
        })
    }

    #[test]
    fn a_request_head_beyond_the_size_limit_is_refused() -> Result<()> {
        on_connection(LIMITS, |_, _, mut stream| {
            let long = "a".repeat(HEAD_MAX);
            // The server may close the connection before it has read it all.
            let _ = write!(stream, "GET / HTTP/1.1\r\nX-Long: {long}\r\n\r\n");
            let answer = answer_of(&mut stream);
            assert!(answer.starts_with("HTTP/1.1 431"), "{answer}");
            Ok(())
        })
    }

    #[test]
    fn serves_over_http_with_types_and_no_cache() -> Result<()> {
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
    fn a_preview_server_answers_its_state_its_script_and_the_last_good_page() -> Result<()> {
        let out = fixture()?;
        let page = "<!doctype html><p>the last good page</p>";
        std::fs::write(out.join("index.en.html"), page)?;
        let problems = "indicators.toml:3: indicator \"a\", field `unit`: <b>tonnes</b> is no unit";
        let state = Arc::new(Preview::default());
        state.record(None);
        state.record(Some(problems.to_owned()));
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
        std::fs::remove_dir_all(&out)?;
        Ok(())
    }
}
