//! The project's build tool, run as `cargo xtask COMMAND` from any folder of
//! the repository (the alias lives in `.cargo/config.toml`).
//!
//! Everything a developer or CI does goes through here, so that the steps are
//! written once, in Rust, and install what they need on a fresh machine.

mod bench;
mod dist;
mod e2e;
mod fuzz;
mod paths;
mod serve;
mod tools;
mod wordpress;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};

use anyhow::{bail, Context, Result};
use clap::{Args, Parser, Subcommand};

/// The project's build tool: every check, build and server of article-charts.
#[derive(Parser, Debug)]
#[command(name = "cargo xtask", bin_name = "cargo xtask")]
struct Cli {
    #[command(subcommand)]
    command: Task,
}

#[derive(Subcommand, Debug)]
enum Task {
    /// Build the site of a data folder (default data/) into dist/.
    ///
    /// WebAssembly, pages, static images, data files. With the address it will be served from (--base-url
    /// https://…/), link previews, canonical links, embed codes and oEmbed
    /// are absolute.
    Dist {
        #[command(flatten)]
        site: SiteArgs,
        /// The address the site will be served from, e.g.
        /// https://charts.example.org/story/
        #[arg(long)]
        base_url: Option<String>,
    },
    /// Build the site and serve it, or preview a data folder while it is edited.
    ///
    /// Serves the site on http://127.0.0.1:PORT/ as a static host would.
    /// With --data, serve a preview of that folder and watch
    /// it: a save rebuilds the pages (no module, static images or
    /// compressed copies), open pages reload, and errors show on the page.
    Serve {
        #[command(flatten)]
        site: SiteArgs,
        /// The port to try first (the next free one is taken when it is
        /// busy; 0 lets the system choose).
        #[arg(long, default_value_t = 8000)]
        port: u16,
    },
    /// Draft a data folder from a Chinese news article.
    ///
    /// The draft is Chinese only: every figure, charts, and DIR/DRAFT.md listing each cleaning of the
    /// text and what the editor must decide.
    Draft {
        /// The article's text (`-` reads standard input).
        article: PathBuf,
        /// The folder to write the draft into.
        #[arg(long)]
        out: PathBuf,
    },
    /// Run every check: cargo test, dist, and the browser tests (what CI runs).
    Test,
    /// Run the fuzz targets of fuzz/ (options, data_file) for N seconds each.
    Fuzz {
        #[arg(long, default_value_t = 300)]
        seconds: u64,
        /// One target only.
        #[arg(value_parser = fuzz::target_names())]
        target: Option<String>,
    },
    /// Build dist/ and save screenshots of the pages to target/screenshots/.
    Screenshots,
    /// Test that a WordPress Author can embed a chart (opt-in).
    ///
    /// Installs WordPress, MariaDB and Apache (Debian, as root) and tests
    /// that an Author can embed a chart by pasting its address.
    Wordpress,
    /// Measure the pages against the same charts in Chart.js.
    ///
    /// Loads, hovers, resizes, memory and Lighthouse; writes
    /// bench/results.md.
    Bench(bench::Options),
}

/// The folders every command that builds a site reads.
#[derive(Args, Debug)]
struct SiteArgs {
    /// The data folder [default: data/].
    #[arg(long)]
    data: Option<PathBuf>,
    /// The folder the site is built into [default: dist/]; it is replaced
    /// only if it is absent, empty or a site built before.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Add what only the browser tests call (never publish such a site).
    #[arg(long)]
    test_hooks: bool,
}

fn main() -> ExitCode {
    // Help and malformed arguments are answered by clap, which exits.
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // `{:#}` prints the whole chain of contexts on one line, so the
            // failing step and its cause are read together.
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(task: Task) -> Result<()> {
    // Every path below is relative to the workspace root, whatever folder the
    // command was started from; folders named on the command line are read
    // relative to where it was started, as a shell user expects.
    let start = std::env::current_dir().context("cannot read the current folder")?;
    let root = workspace_root()?;
    std::env::set_current_dir(&root)
        .with_context(|| format!("cannot change into the workspace root {}", root.display()))?;

    match task {
        Task::Dist { site, base_url } => {
            let mut site = site_of(&site, &start)?;
            if let Some(value) = base_url {
                let base = article_site::base_url::parse(&value)?;
                for warning in &base.warnings {
                    eprintln!("warning: {warning}");
                }
                if base.url != value {
                    println!("==> --base-url is written as {}", base.url);
                }
                site.base_url = Some(base.url);
            }
            dist::dist(&root, &site)
        }
        Task::Serve { site: args, port } => {
            let site = site_of(&args, &start)?;
            serve::serve_command(&root, port, &site, args.data.is_some())
        }
        Task::Draft { article, out } => {
            let article = if article == Path::new("-") {
                article
            } else {
                start.join(article)
            };
            let said =
                article_draft::command(&article, &start.join(out)).map_err(anyhow::Error::msg)?;
            println!("{said}");
            Ok(())
        }
        Task::Test => e2e::test(&root),
        Task::Fuzz { seconds, target } => fuzz::command(&root, seconds, target.as_deref()),
        Task::Screenshots => e2e::screenshots(&root),
        Task::Bench(options) if options.smoke => bench::smoke(&root),
        Task::Bench(options) => bench::bench(&root, &options),
        Task::Wordpress => wordpress::test(&root),
    }
}

/// The workspace root is the parent of this crate's folder. It is fixed at
/// compile time, which is right: the xtask is always built from that tree.
fn workspace_root() -> Result<PathBuf> {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir
        .parent()
        .map(Path::to_path_buf)
        .context("the xtask crate has no parent folder")
}

/// The site the options name: `--data` and `--out` resolved against the
/// folder the command was started in, and written relative to the
/// workspace root where they lie inside it (shorter messages).
fn site_of(args: &SiteArgs, start: &Path) -> Result<dist::Site> {
    let root = workspace_root()?;
    let resolve = |value: Option<&PathBuf>, default: PathBuf| -> PathBuf {
        let path = match value {
            Some(v) => start.join(v),
            None => root.join(default),
        };
        match path.strip_prefix(&root) {
            Ok(inside) => inside.to_path_buf(),
            Err(_) => path,
        }
    };
    let defaults = dist::Site::default();
    let site = dist::Site {
        data: resolve(args.data.as_ref(), defaults.data),
        out: resolve(args.out.as_ref(), defaults.out),
        test_hooks: args.test_hooks,
        ..dist::Site::default()
    };
    if !root.join(&site.data).is_dir() {
        bail!("the data folder {} does not exist", site.data.display());
    }
    // The output folder is replaced by each build, so it must not be
    // the repository, a data folder or a folder above one.
    let out = root.join(&site.out);
    if out == root || root.starts_with(&out) || root.join(&site.data).starts_with(&out) {
        bail!(
            "`--out {}` would empty a folder that holds the project or its data",
            site.out.display()
        );
    }
    Ok(site)
}

/// The cargo that runs this xtask, so that builds use the same toolchain.
pub fn cargo() -> Command {
    let program = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    Command::new(program)
}

/// Where cargo writes its output: `CARGO_TARGET_DIR` if set, else `target/`.
pub fn target_dir(root: &Path) -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if !dir.is_empty() => root.join(dir),
        _ => root.join("target"),
    }
}

/// A command line as a person would type it, for messages.
pub fn describe(command: &Command) -> String {
    let mut words = vec![command.get_program().to_string_lossy().into_owned()];
    words.extend(command.get_args().map(|a| a.to_string_lossy().into_owned()));
    words.join(" ")
}

/// Runs a command with its output passed through, and fails with the command
/// line if it cannot start or exits non-zero. Standard input is closed so that
/// nothing can wait for a person, as in CI.
pub fn run_command(command: &mut Command) -> Result<()> {
    let line = describe(command);
    let status = command
        .stdin(Stdio::null())
        .status()
        .with_context(|| format!("cannot start `{line}`"))?;
    if !status.success() {
        bail!("`{line}` failed ({status})");
    }
    Ok(())
}

/// The standard output of a command that succeeded, or `None` if it could not
/// start or failed: used to probe for tools without treating absence as an error.
pub fn output_of(program: impl AsRef<OsStr>, args: &[&str]) -> Option<String> {
    let output = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    Some(String::from_utf8_lossy(&output.stdout).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed_and_refuses_the_unknown() {
        Cli::command().debug_assert();
        let parse = |words: &[&str]| Cli::try_parse_from(words.iter().copied());
        assert!(matches!(
            parse(&["x", "serve", "--port=0", "--data", "d"]).map(|c| c.command),
            Ok(Task::Serve { port: 0, .. })
        ));
        assert!(parse(&["x", "serve", "--prot", "80"]).is_err());
        assert!(parse(&["x", "serve", "--port", "70000"]).is_err());
        assert!(parse(&["x", "dist", "--port", "80"]).is_err());
        assert!(parse(&["x", "test", "extra"]).is_err());
        assert!(parse(&["x", "fuzz", "no_such_target"]).is_err());
    }

    #[test]
    fn a_site_never_writes_over_the_project() -> Result<()> {
        let root = workspace_root()?;
        let site = |data: Option<&str>, out: Option<&str>| {
            let args = SiteArgs {
                data: data.map(PathBuf::from),
                out: out.map(PathBuf::from),
                test_hooks: false,
            };
            site_of(&args, &root)
        };
        assert_eq!(site(None, None)?, dist::Site::default());
        assert_eq!(site(None, Some("target/x"))?.out, PathBuf::from("target/x"));
        assert!(site(None, Some(".")).is_err());
        assert!(site(None, Some("data")).is_err());
        assert!(site(Some("no/such/folder"), None).is_err());
        Ok(())
    }

    #[test]
    fn workspace_root_holds_this_crate() {
        let root = workspace_root().ok();
        assert!(root.is_some_and(|r| r.join("xtask").join("Cargo.toml").is_file()));
    }
}
