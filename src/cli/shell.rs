//! Output generated from accord's own definitions: the shell completion registration
//! scripts (clap_complete's dynamic completion, answered by `complete.rs`) and the man
//! pages (clap_mangen), from the same clap definitions as `--help`, and the JSON Schema
//! of the file format, from the loader's raw types.

use super::args::Cli;
use super::error::Error;
use super::exit::Exit;
use super::output::Io;
use crate::file::schema::schema;
use crate::report;
use clap::{Args, CommandFactory, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub(crate) struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    shell: Shell,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Shell {
    Bash,
    Zsh,
    Fish,
    Elvish,
    Powershell,
}

/// The environment variable that turns a run of `accord` into a completion request.
pub(crate) const COMPLETE_VAR: &str = "COMPLETE";

/// Prints the script that registers accord's completions with the shell. The script
/// asks `accord` itself for the candidates each time (`COMPLETE=SHELL accord -- WORDS`),
/// so ids and parties come from the folder the command would read.
pub(crate) fn completions(args: &CompletionsArgs, io: &mut Io) -> Result<Exit, Error> {
    let name = match args.shell {
        Shell::Bash => "bash",
        Shell::Zsh => "zsh",
        Shell::Fish => "fish",
        Shell::Elvish => "elvish",
        Shell::Powershell => "powershell",
    };
    let shells = clap_complete::env::Shells::builtins();
    let shell = shells
        .completer(name)
        .ok_or_else(|| Error::InvalidArgument(format!("no completion for {name}")))?;
    shell.write_registration(COMPLETE_VAR, "accord", "accord", "accord", io.out)?;
    Ok(Exit::Success)
}

#[derive(Debug, Args)]
pub(crate) struct ManArgs {
    /// Write one page per command into this folder (accord.1, accord-due.1, …)
    /// instead of printing the main page.
    #[arg(long, value_name = "DIR", value_hint = clap::ValueHint::DirPath)]
    dir: Option<PathBuf>,
}

/// The man page of accord, or one page per command written into a folder.
pub(crate) fn man(args: &ManArgs, io: &mut Io) -> Result<Exit, Error> {
    let cmd = Cli::command();
    let Some(dir) = &args.dir else {
        clap_mangen::Man::new(cmd).render(io.out)?;
        return Ok(Exit::Success);
    };
    let mut written = Vec::new();
    for (name, page) in pages(cmd) {
        let path = dir.join(format!("{name}.1"));
        let mut text = Vec::new();
        clap_mangen::Man::new(page).render(&mut text)?;
        std::fs::write(&path, text)
            .map_err(|e| Error::InvalidArgument(format!("cannot write {}: {e}", path.display())))?;
        written.push(path);
    }
    report::message::wrote(io.out, &written)?;
    Ok(Exit::Success)
}

/// The page of the main command and of every command under it, each with its name
/// (`accord`, `accord-due`, `accord-record-performed`).
fn pages(mut cmd: clap::Command) -> Vec<(String, clap::Command)> {
    cmd.build();
    let mut out = Vec::new();
    collect(&cmd, "accord", &mut out);
    out
}

fn collect(cmd: &clap::Command, name: &str, out: &mut Vec<(String, clap::Command)>) {
    out.push((name.to_string(), cmd.clone()));
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        collect(sub, &format!("{name}-{}", sub.get_name()), out);
    }
}

pub(crate) fn schema_out(io: &mut Io) -> Result<Exit, Error> {
    report::write_json(io.out, &schema())?;
    Ok(Exit::Success)
}
