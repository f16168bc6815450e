//! The project's build tool, run as `cargo xtask COMMAND` from any folder of
//! the repository (the alias lives in `.cargo/config.toml`).
//!
//! Everything a developer or CI does goes through here, so that the steps are
//! written once, in Rust, and install what they need on a fresh machine.

mod bench;
mod csp;
mod dist;
mod e2e;
mod fuzz;
mod html;
mod pages;
mod paths;
mod serve;
mod statics;
mod tools;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};

use anyhow::{bail, Context, Result};

const USAGE: &str = "\
Usage: cargo xtask COMMAND

Commands:
  dist                 build the page into dist/ (WebAssembly, JavaScript, www/, data files)
  serve [--port N]     build dist/ and serve it on http://127.0.0.1:N/ (default 8000)
  test                 run every check: cargo test, dist, and the browser tests (what CI runs)
  fuzz [--seconds N] [TARGET]
                       run the fuzz targets of fuzz/ (options, data_file) for N s each (default 300)
  screenshots          build dist/ and save screenshots of the page to target/screenshots/
  bench [--loads N] [--hovers N] [--memory-hovers N] [--no-write]
                       measure the page against the same charts in Chart.js; writes bench/results.md
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
    // command was started from.
    let root = workspace_root()?;
    std::env::set_current_dir(&root)
        .with_context(|| format!("cannot change into the workspace root {}", root.display()))?;

    match command.as_str() {
        "dist" => {
            no_arguments(command, rest)?;
            dist::dist(&root)
        }
        "serve" => {
            let port = parse_serve_args(rest)?;
            serve::serve_command(&root, port)
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
        "bench" => bench::bench(&root, &bench::parse_args(rest)?),
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

/// Reads `--port N` or `--port=N`; anything else is an error rather than
/// silently ignored, so a typo does not serve on an unexpected port.
fn parse_serve_args(args: &[String]) -> Result<u16> {
    let mut port = DEFAULT_PORT;
    let mut i = 0;
    while i < args.len() {
        let arg = &args[i];
        let value = if arg == "--port" {
            i += 1;
            args.get(i)
                .context("`--port` needs a number, e.g. `--port 8080`")?
                .as_str()
        } else if let Some(value) = arg.strip_prefix("--port=") {
            value
        } else {
            bail!("unknown argument `{arg}` for `serve`\n\n{USAGE}");
        };
        port = value.parse().with_context(|| {
            format!("`{value}` is not a port number (0-65535; 0 lets the system choose)")
        })?;
        i += 1;
    }
    Ok(port)
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
    fn serve_port_defaults_and_parses_both_spellings() {
        assert_eq!(parse_serve_args(&[]).ok(), Some(DEFAULT_PORT));
        assert_eq!(
            parse_serve_args(&strings(&["--port", "9000"])).ok(),
            Some(9000)
        );
        assert_eq!(
            parse_serve_args(&strings(&["--port=9001"])).ok(),
            Some(9001)
        );
    }

    #[test]
    fn serve_rejects_bad_ports_and_unknown_arguments() {
        assert!(parse_serve_args(&strings(&["--port"])).is_err());
        assert!(parse_serve_args(&strings(&["--port", "70000"])).is_err());
        assert!(parse_serve_args(&strings(&["--port", "eighty"])).is_err());
        assert!(parse_serve_args(&strings(&["--prot", "80"])).is_err());
    }

    #[test]
    fn workspace_root_holds_this_crate() {
        let root = workspace_root().ok();
        assert!(root.is_some_and(|r| r.join("xtask").join("Cargo.toml").is_file()));
    }
}
