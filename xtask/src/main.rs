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

const USAGE: &str = "\
Usage: cargo xtask COMMAND

Commands:
  dist [--data DIR] [--out DIR] [--base-url URL] [--test-hooks]
                       build the site of a data folder (default data/) into a folder
                       (default dist/): WebAssembly, pages, static images, data files;
                       with the address it will be served from (https://…/), link
                       previews, canonical links, embed codes and oEmbed are absolute;
                       --test-hooks adds what only the browser tests call (never publish it)
  serve [--port N] [--data DIR] [--out DIR] [--test-hooks]
                       build the site into a folder (default dist/) and serve it on
                       http://127.0.0.1:N/ (default 8000, or the next free port; 0: any) as a
                       static host would; with --data, serve a preview of that folder and
                       watch it: a save rebuilds the pages (no module, static images or
                       compressed copies), open pages reload, and errors show on the page
  draft ARTICLE.txt --out DIR
                       draft a data folder (Chinese only) from a Chinese news article
                       (`-` reads standard input): every figure, charts, and DIR/DRAFT.md
                       listing each cleaning of the text and what the editor must decide
  test                 run every check: cargo test, dist, and the browser tests (what CI runs)
  fuzz [--seconds N] [TARGET]
                       run the fuzz targets of fuzz/ (options, data_file) for N s each (default 300)
  screenshots          build dist/ and save screenshots of the page to target/screenshots/
  wordpress            install WordPress, MariaDB and Apache (Debian, as root) and test
                       that an Author can embed a chart by pasting its address (opt-in)
  bench [--loads N] [--hovers N] [--memory-hovers N] [--lighthouse-runs N] [--no-write]
                       measure the pages against the same charts in Chart.js, and Lighthouse;
                       writes bench/results.md
  bench --smoke        the bench step of `test` alone, on the dist/ already built
  help                 print this message";

/// The port `serve` tries first; the next ones are tried when it is busy.
const DEFAULT_PORT: u16 = 8000;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // `{:#}` prints the whole chain of contexts on one line, so the
            // failing step and its cause are read together.
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &[String]) -> Result<()> {
    let Some(command) = args.first() else {
        println!("{USAGE}");
        bail!("no command given");
    };
    let rest = &args[1..];
    if matches!(command.as_str(), "help" | "--help" | "-h") {
        println!("{USAGE}");
        return Ok(());
    }

    // Every path below is relative to the workspace root, whatever folder the
    // command was started from; folders named on the command line are read
    // relative to where it was started, as a shell user expects.
    let start = std::env::current_dir().context("cannot read the current folder")?;
    let root = workspace_root()?;
    std::env::set_current_dir(&root)
        .with_context(|| format!("cannot change into the workspace root {}", root.display()))?;

    match command.as_str() {
        "dist" => {
            let (test_hooks, rest) = take_flag(rest, "--test-hooks");
            let options = parse_options(command, &rest, &["--data", "--out", "--base-url"])?;
            let mut site = site_of(&options, &start)?;
            site.test_hooks = test_hooks;
            if let Some(value) = options.get("--base-url") {
                let base = article_site::base_url::parse(value)?;
                for warning in &base.warnings {
                    eprintln!("warning: {warning}");
                }
                if base.url != *value {
                    println!("==> --base-url is written as {}", base.url);
                }
                site.base_url = Some(base.url);
            }
            dist::dist(&root, &site)
        }
        "serve" => {
            let (test_hooks, rest) = take_flag(rest, "--test-hooks");
            let options = parse_options(command, &rest, &["--data", "--port", "--out"])?;
            let port = match options.get("--port") {
                Some(value) => parse_port(value)?,
                None => DEFAULT_PORT,
            };
            let mut site = site_of(&options, &start)?;
            site.test_hooks = test_hooks;
            serve::serve_command(&root, port, &site, options.contains_key("--data"))
        }
        "draft" => {
            let Some(article) = rest.first().filter(|a| !a.starts_with("--")) else {
                bail!("`draft` needs an article\n\n{USAGE}");
            };
            let options = parse_options(command, &rest[1..], &["--out"])?;
            let out = options.get("--out").context("`draft` needs --out DIR")?;
            let article = if article == "-" {
                PathBuf::from("-")
            } else {
                start.join(article)
            };
            let said =
                article_draft::command(&article, &start.join(out)).map_err(anyhow::Error::msg)?;
            println!("{said}");
            Ok(())
        }
        "test" => {
            no_arguments(command, rest)?;
            e2e::test(&root)
        }
        "fuzz" => fuzz::command(&root, rest),
        "screenshots" => {
            no_arguments(command, rest)?;
            e2e::screenshots(&root)
        }
        "bench" if rest.first().map(String::as_str) == Some("--smoke") => {
            no_arguments("bench --smoke", &rest[1..])?;
            bench::smoke(&root)
        }
        "bench" => bench::bench(&root, &bench::parse_args(rest)?),
        "wordpress" => {
            no_arguments(command, rest)?;
            wordpress::test(&root)
        }
        other => bail!("unknown command `{other}`\n\n{USAGE}"),
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

fn no_arguments(command: &str, rest: &[String]) -> Result<()> {
    if let Some(extra) = rest.first() {
        bail!("`{command}` takes no arguments, got `{extra}`\n\n{USAGE}");
    }
    Ok(())
}

/// Reads `--name VALUE` or `--name=VALUE` options, each of `allowed` at most
/// once; anything else is an error rather than silently ignored, so a typo
/// does not build or serve something unexpected.
/// Whether `args` hold the flag `name`, and the other arguments.
fn take_flag(args: &[String], name: &str) -> (bool, Vec<String>) {
    let rest: Vec<String> = args.iter().filter(|a| *a != name).cloned().collect();
    (rest.len() < args.len(), rest)
}

fn parse_options(
    command: &str,
    args: &[String],
    allowed: &[&str],
) -> Result<std::collections::BTreeMap<String, String>> {
    let mut options = std::collections::BTreeMap::new();
    let mut i = 0;
    while i < args.len() {
        let arg = &args[i];
        let (name, value) = match arg.split_once('=') {
            Some((name, value)) if allowed.contains(&name) => (name.to_owned(), value.to_owned()),
            _ if allowed.contains(&arg.as_str()) => {
                i += 1;
                let value = args.get(i).with_context(|| {
                    format!("`{arg}` needs a value, e.g. `{arg} {}`", example(arg))
                })?;
                (arg.clone(), value.clone())
            }
            _ => bail!("unknown argument `{arg}` for `{command}`\n\n{USAGE}"),
        };
        if options.insert(name.clone(), value).is_some() {
            bail!("`{name}` is given twice");
        }
        i += 1;
    }
    Ok(options)
}

/// An example value of an option, for messages.
fn example(option: &str) -> &'static str {
    match option {
        "--port" => "8080",
        "--out" => "site/",
        "--base-url" => "https://charts.example.org/story/",
        _ => "data/",
    }
}

/// Reads a port number (0 lets the system choose).
fn parse_port(value: &str) -> Result<u16> {
    value.parse().with_context(|| {
        format!("`{value}` is not a port number (0-65535; 0 lets the system choose)")
    })
}

/// The site the options name: `--data` and `--out` resolved against the
/// folder the command was started in, and written relative to the
/// workspace root where they lie inside it (shorter messages).
fn site_of(
    options: &std::collections::BTreeMap<String, String>,
    start: &Path,
) -> Result<dist::Site> {
    let root = workspace_root()?;
    let resolve = |value: Option<&String>, default: PathBuf| -> PathBuf {
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
    let site = dist::Site::of(
        resolve(options.get("--data"), defaults.data),
        resolve(options.get("--out"), defaults.out),
    );
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

    fn strings(args: &[&str]) -> Vec<String> {
        args.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn options_take_both_spellings_and_refuse_the_rest() {
        let allowed = ["--port", "--data"];
        let o = parse_options("serve", &strings(&["--port", "9000", "--data=x"]), &allowed).ok();
        assert_eq!(
            o.as_ref().and_then(|o| o.get("--port")).map(String::as_str),
            Some("9000")
        );
        assert_eq!(
            o.as_ref().and_then(|o| o.get("--data")).map(String::as_str),
            Some("x")
        );
        assert!(parse_options("serve", &strings(&["--port"]), &allowed).is_err());
        assert!(parse_options("serve", &strings(&["--prot", "80"]), &allowed).is_err());
        assert!(
            parse_options("serve", &strings(&["--port", "1", "--port", "2"]), &allowed).is_err()
        );
        assert!(parse_options("dist", &strings(&["--out", "x"]), &allowed).is_err());
    }

    #[test]
    fn ports_are_numbers_in_range() {
        assert_eq!(parse_port("9001").ok(), Some(9001));
        assert!(parse_port("70000").is_err());
        assert!(parse_port("eighty").is_err());
    }

    #[test]
    fn a_site_never_writes_over_the_project() -> Result<()> {
        let root = workspace_root()?;
        let site = |pairs: &[(&str, &str)]| {
            let options = pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            site_of(&options, &root)
        };
        assert_eq!(site(&[])?, dist::Site::default());
        assert_eq!(
            site(&[("--out", "target/x")])?.out,
            PathBuf::from("target/x")
        );
        assert!(site(&[("--out", ".")]).is_err());
        assert!(site(&[("--out", "data")]).is_err());
        assert!(site(&[("--data", "no/such/folder")]).is_err());
        Ok(())
    }

    #[test]
    fn workspace_root_holds_this_crate() {
        let root = workspace_root().ok();
        assert!(root.is_some_and(|r| r.join("xtask").join("Cargo.toml").is_file()));
    }
}
