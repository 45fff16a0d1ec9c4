//! Output generated from accord's own definitions: shell completion scripts
//! (clap_complete) and the man page (clap_mangen), from the same clap definitions as
//! `--help`, and the JSON Schema of the file format, from the loader's raw types.

use super::args::Cli;
use super::error::Error;
use super::exit::Exit;
use super::output::Io;
use crate::file::schema::schema;
use crate::report;
use clap::{Args, CommandFactory, ValueEnum};

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
    Powershell,
}

pub(crate) fn completions(args: &CompletionsArgs, io: &mut Io) -> Result<Exit, Error> {
    let shell = match args.shell {
        Shell::Bash => clap_complete::Shell::Bash,
        Shell::Zsh => clap_complete::Shell::Zsh,
        Shell::Fish => clap_complete::Shell::Fish,
        Shell::Powershell => clap_complete::Shell::PowerShell,
    };
    clap_complete::generate(shell, &mut Cli::command(), "accord", io.out);
    Ok(Exit::Success)
}

pub(crate) fn man(io: &mut Io) -> Result<Exit, Error> {
    clap_mangen::Man::new(Cli::command()).render(io.out)?;
    Ok(Exit::Success)
}

pub(crate) fn schema_out(io: &mut Io) -> Result<Exit, Error> {
    report::write_json(io.out, &schema())?;
    Ok(Exit::Success)
}
