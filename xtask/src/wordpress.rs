//! `cargo xtask wordpress`: checks against a real WordPress (Debian's
//! `wordpress` package, MariaDB, Apache with mod_php) that a reporter with
//! WordPress's Author role — who may not post iframes or scripts — can put
//! a chart into a post by pasting its page's address (oEmbed), and that the
//! static image snippet survives the Author's save.
//!
//! Everything runs on 127.0.0.1 and is thrown away afterwards: the chart
//! site is built with `--base-url` into `target/wordpress-site/` and served
//! from this process; MariaDB gets a fresh data folder and socket in the
//! system's temporary folder, without networking; Apache runs from a
//! configuration file of its own (not the system's sites) on a free port;
//! WordPress reads its settings from `/etc/wordpress/config-article-charts-test.php`
//! (Debian's convention, chosen by the `WORDPRESS_CONFIG` variable Apache
//! sets) and is installed, and its Author created, by a PHP script that loads
//! WordPress as WP-CLI would (Debian has no WP-CLI). The posts are then
//! saved through the REST API with the Author's application password, as
//! the block editor saves them, and looked at in Chromium by
//! `tests/e2e/wordpress/wordpress.test.mjs`.

use std::fs;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use article_charts::data::DATASET;
use article_charts::embed_code::{code, Embed, Form};
use article_charts::locale::Locale;

use crate::{dist, e2e, output_of, run_command, target_dir, tools};

/// The Debian packages this needs.
const PACKAGES: [&str; 5] = [
    "wordpress",
    "mariadb-server",
    "apache2",
    "libapache2-mod-php",
    "php-mysql",
];

/// Where Debian's WordPress lives.
const WORDPRESS: &str = "/usr/share/wordpress";

/// Apache's modules.
const MODULES: &str = "/usr/lib/apache2/modules";

/// The name Debian's `wp-config.php` turns into
/// `/etc/wordpress/config-NAME.php`.
const CONFIG_NAME: &str = "article-charts-test";

/// The browser test.
const TEST_FILE: &str = "tests/e2e/wordpress/wordpress.test.mjs";

/// The settings files, scripts and plugin the check fills in and writes.
const TEMPLATES: &str = "tests/e2e/wordpress";

/// The reporter's login.
const AUTHOR: &str = "reporter";

/// Runs the whole check and prints how long each part took.
pub fn test(root: &Path) -> Result<()> {
    let started = Instant::now();
    let mut timings = Vec::new();
    let mut lap = |name: &str, since: &mut Instant| {
        timings.push((name.to_owned(), since.elapsed()));
        *since = Instant::now();
    };
    let mut since = Instant::now();

    ensure_packages()?;
    tools::ensure_browser()?;
    tools::ensure_node()?;
    tools::npm_ci(&root.join(e2e::E2E_DIR))?;
    lap("install packages", &mut since);

    // The server starts first, so that the site can be built with its
    // address; it reads the files at each request.
    let out = target_dir(root).join("wordpress-site");
    let base_url = article_server::serve_in_background(out.clone())?;
    let site = dist::Site {
        out: out.strip_prefix(root).unwrap_or(&out).to_path_buf(),
        base_url: Some(base_url.clone()),
        ..dist::Site::default()
    };
    dist::dist(root, &site)?;
    lap("build the chart site", &mut since);

    let state =
        std::env::temp_dir().join(format!("article-charts-wordpress-{}", std::process::id()));
    let result = run_wordpress(root, &state, &base_url, &mut lap, &mut since);
    // The state folder holds the database, and the settings file names it:
    // both are removed even if a step failed.
    for removed in [
        fs::remove_dir_all(&state).map_err(|e| (state.clone(), e)),
        fs::remove_file(config_path()).map_err(|e| (config_path(), e)),
    ] {
        if let Err((path, error)) = removed {
            println!("(could not remove {}: {error})", path.display());
        }
    }
    // The timings are printed whatever the outcome: a slow failing run is
    // as worth knowing about as a slow passing one.
    println!("==> timings:");
    for (name, took) in &timings {
        println!("  {name:<28} {:>6.1} s", took.as_secs_f64());
    }
    println!(
        "  {:<28} {:>6.1} s",
        "total",
        started.elapsed().as_secs_f64()
    );
    result
}

/// Starts the database and the web server, sets WordPress up and runs the
/// browser test; both servers are stopped when this returns.
fn run_wordpress(
    root: &Path,
    state: &Path,
    base_url: &str,
    lap: &mut impl FnMut(&str, &mut Instant),
    since: &mut Instant,
) -> Result<()> {
    fs::create_dir_all(state).with_context(|| format!("cannot create {}", state.display()))?;
    let chart_port = port_of(base_url)?;
    let database = Database::start(state)?;
    let password = "article-charts-test-db";
    database.sql(&format!(
        "CREATE DATABASE wordpress; CREATE USER 'wordpress'@'localhost' IDENTIFIED BY '{password}'; \
         GRANT ALL ON wordpress.* TO 'wordpress'@'localhost';"
    ))?;
    let wp_port = free_port()?;
    let wp_url = format!("http://127.0.0.1:{wp_port}");
    write_config(state, &database.socket, password, &wp_url, chart_port)?;
    let apache = Apache::start(state, wp_port)?;
    lap("start MariaDB and Apache", since);

    let author_password = install(state, &wp_url)?;
    lap("install WordPress", since);

    let chart = DATASET
        .charts
        .first()
        .context("the data folder has no chart")?;
    let locale = Locale::ZhHans;
    let embed = Embed {
        dir: base_url,
        id: &chart.id,
        locale,
        title: locale.pick(&chart.title),
        heights: article_charts::embed_code::Heights::of(&DATASET, chart, locale),
        theme: "light",
    };
    let outcome = run_command(
        Command::new("node")
            .args(["--test", "--test-concurrency=1", TEST_FILE])
            .current_dir(root)
            .env("BASE_URL", base_url)
            .env("WP_URL", format!("{wp_url}/"))
            .env("WP_AUTHOR", AUTHOR)
            .env("WP_AUTHOR_PASSWORD", &author_password)
            .env("ARTICLE_CHARTS_CHART", chart.id.as_ref())
            .env("ARTICLE_CHARTS_IFRAME_CODE", code(Form::Iframe, &embed))
            .env("ARTICLE_CHARTS_IMAGE_CODE", code(Form::Image, &embed)),
    );
    lap("browser test", since);
    drop(apache);
    drop(database);
    outcome
}

/// Installs the packages unless every file this uses is there already.
fn ensure_packages() -> Result<()> {
    let present = Path::new(WORDPRESS).join("wp-settings.php").is_file()
        && Path::new("/usr/sbin/mariadbd").is_file()
        && Path::new("/usr/sbin/apache2").is_file()
        && php_module().is_some()
        && output_of("php", &["-m"]).is_some_and(|m| m.lines().any(|l| l == "mysqli"));
    if present {
        println!("==> WordPress, MariaDB, Apache and PHP are installed");
        return Ok(());
    }
    tools::apt_install(&PACKAGES, "the WordPress test")
}

/// Apache's PHP module (`libphp8.2.so` on Debian 12).
fn php_module() -> Option<PathBuf> {
    fs::read_dir(MODULES)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| {
            p.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .is_some_and(|n| n.starts_with("libphp") && n.ends_with(".so"))
        })
}

/// The port of an `http://127.0.0.1:PORT/` address.
fn port_of(url: &str) -> Result<u16> {
    url.trim_end_matches('/')
        .rsplit(':')
        .next()
        .and_then(|p| p.parse().ok())
        .with_context(|| format!("{url} names no port"))
}

/// A port that was free a moment ago (the system's choice).
fn free_port() -> Result<u16> {
    let listener = TcpListener::bind(("127.0.0.1", 0)).context("cannot find a free port")?;
    Ok(listener
        .local_addr()
        .context("cannot find a free port")?
        .port())
}

/// Waits until `ready` holds, or fails after `seconds` naming `what`.
fn wait_for(what: &str, seconds: u64, mut ready: impl FnMut() -> bool) -> Result<()> {
    let deadline = Instant::now() + Duration::from_secs(seconds);
    while Instant::now() < deadline {
        if ready() {
            return Ok(());
        }
        thread::sleep(Duration::from_millis(200));
    }
    bail!("{what} did not start within {seconds} s")
}

/// A MariaDB server of its own, on a socket in the state folder.
struct Database {
    server: Child,
    socket: PathBuf,
}

impl Database {
    fn start(state: &Path) -> Result<Self> {
        let data = state.join("db");
        let socket = state.join("mysqld.sock");
        println!("==> starting MariaDB on {}", socket.display());
        run_command(
            Command::new("mariadb-install-db")
                .arg("--no-defaults")
                .arg("--user=root")
                .arg("--skip-test-db")
                .arg("--auth-root-authentication-method=socket")
                .arg(format!("--datadir={}", data.display()))
                .stdout(Stdio::null()),
        )?;
        let server = Command::new("mariadbd")
            .arg("--no-defaults")
            .arg("--user=root")
            .arg("--skip-networking")
            .arg(format!("--datadir={}", data.display()))
            .arg(format!("--socket={}", socket.display()))
            .arg(format!("--pid-file={}", state.join("mysqld.pid").display()))
            .arg(format!(
                "--log-error={}",
                state.join("mysqld.log").display()
            ))
            .stdin(Stdio::null())
            .spawn()
            .context("cannot start mariadbd")?;
        let database = Database { server, socket };
        wait_for("MariaDB", 60, || database.sql("SELECT 1").is_ok())?;
        Ok(database)
    }

    /// Runs SQL as the database's root (by the socket's peer credentials).
    fn sql(&self, statements: &str) -> Result<()> {
        let output = Command::new("mariadb")
            .arg("--no-defaults")
            .arg(format!("--socket={}", self.socket.display()))
            .args(["-uroot", "-e", statements])
            .stdin(Stdio::null())
            .output()
            .context("cannot start the mariadb client")?;
        if !output.status.success() {
            bail!(
                "SQL failed: {}",
                String::from_utf8_lossy(&output.stderr).trim()
            );
        }
        Ok(())
    }
}

impl Drop for Database {
    fn drop(&mut self) {
        // A clean shutdown is not needed: the data folder is removed next.
        let _ = self.server.kill();
        let _ = self.server.wait();
    }
}

/// Apache serving WordPress from a configuration file of its own.
struct Apache {
    config: PathBuf,
}

impl Apache {
    fn start(state: &Path, port: u16) -> Result<Self> {
        let php = php_module().context("Apache's PHP module is missing")?;
        let config = state.join("apache.conf");
        let text = fill(
            "apache.conf",
            &[
                ("port", port.to_string()),
                ("state", state.display().to_string()),
                ("php", php.display().to_string()),
            ],
        )?;
        fs::write(&config, text).with_context(|| format!("cannot write {}", config.display()))?;
        println!("==> starting Apache with WordPress on http://127.0.0.1:{port}/");
        run_command(
            Command::new("apache2")
                .arg("-f")
                .arg(&config)
                .args(["-k", "start"]),
        )?;
        let apache = Apache { config };
        wait_for("Apache", 30, || {
            std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
        })?;
        Ok(apache)
    }
}

impl Drop for Apache {
    fn drop(&mut self) {
        let _ = Command::new("apache2")
            .arg("-f")
            .arg(&self.config)
            .args(["-k", "stop"])
            .stdin(Stdio::null())
            .status();
    }
}

/// Writes WordPress's settings and the must-use plugin the test needs.
fn write_config(
    state: &Path,
    socket: &Path,
    password: &str,
    wp_url: &str,
    chart_port: u16,
) -> Result<()> {
    let plugins = state.join("mu-plugins");
    fs::create_dir_all(&plugins).with_context(|| format!("cannot create {}", plugins.display()))?;
    let plugin = fill("port-plugin.php", &[("chart_port", chart_port.to_string())])?;
    write(&plugins.join("article-charts-port.php"), &plugin)?;
    let config = fill(
        "config.php",
        &[
            ("password", password.to_owned()),
            ("socket", socket.display().to_string()),
            ("wp_url", wp_url.to_owned()),
            ("plugins", plugins.display().to_string()),
        ],
    )?;
    write(&config_path(), &config)
}

/// WordPress's settings for the test, where Debian's `wp-config.php` looks.
fn config_path() -> PathBuf {
    Path::new("/etc/wordpress").join(format!("config-{CONFIG_NAME}.php"))
}

/// Installs WordPress and creates the Author; returns the Author's
/// application password.
fn install(state: &Path, wp_url: &str) -> Result<String> {
    let host = wp_url.trim_start_matches("http://");
    let script = fill("install.php", &[("host", host.to_owned())])?;
    let path = state.join("install.php");
    write(&path, &script)?;
    println!("==> installing WordPress and creating the Author `{AUTHOR}`");
    let output = Command::new("php")
        .arg(&path)
        .stdin(Stdio::null())
        .output()
        .context("cannot start php")?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let password = stdout
        .lines()
        .find_map(|l| l.strip_prefix("PASSWORD="))
        .map(str::to_owned);
    match password {
        Some(p) if output.status.success() => Ok(p),
        _ => bail!(
            "installing WordPress failed:\n{stdout}\n{}",
            String::from_utf8_lossy(&output.stderr)
        ),
    }
}

/// The template `name` of the test's folder with each `{key}` of `values`,
/// and of the constants every template may name, filled in. A placeholder
/// left over (a template and this file that disagree) is an error, not a
/// setting that silently reads `{port}`.
fn fill(name: &str, values: &[(&str, String)]) -> Result<String> {
    let path = Path::new(TEMPLATES).join(name);
    let mut text =
        fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
    let constants = [
        ("WORDPRESS", WORDPRESS),
        ("MODULES", MODULES),
        ("CONFIG_NAME", CONFIG_NAME),
        ("AUTHOR", AUTHOR),
    ];
    for (key, value) in constants
        .into_iter()
        .chain(values.iter().map(|(k, v)| (*k, v.as_str())))
    {
        text = text.replace(&format!("{{{key}}}"), value);
    }
    if let Some(left) = placeholders(&text).next() {
        bail!(
            "{} has a placeholder {left} that nothing fills in",
            path.display()
        );
    }
    Ok(text)
}

/// The `{name}` placeholders of a template.
fn placeholders(text: &str) -> impl Iterator<Item = &str> {
    text.match_indices('{').filter_map(|(at, _)| {
        let rest = &text[at..];
        let end = rest.find('}')?;
        let name = &rest[1..end];
        (!name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
            .then(|| &rest[..=end])
    })
}

fn write(path: &Path, text: &str) -> Result<()> {
    fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_port_of_an_address() {
        assert_eq!(port_of("http://127.0.0.1:8106/").ok(), Some(8106));
        assert!(port_of("http://127.0.0.1/").is_err());
    }

    #[test]
    fn finds_the_placeholders_a_template_leaves() {
        let found: Vec<&str> = placeholders("Listen {port}; if (x) { exit(1); } {a_b}").collect();
        assert_eq!(found, ["{port}", "{a_b}"]);
    }
}
