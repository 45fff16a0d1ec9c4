//! Shell integration: completion scripts (clap_complete) and the man page
//! (clap_mangen), both generated from the same clap definitions as `--help`.

use crate::cli::args::{Cli, Shell};
use clap::CommandFactory;
use std::io::{self, Write};

pub fn completions(shell: Shell, out: &mut dyn Write) -> io::Result<()> {
    let mut cmd = Cli::command();
    let shell = match shell {
        Shell::Bash => clap_complete::Shell::Bash,
        Shell::Zsh => clap_complete::Shell::Zsh,
        Shell::Fish => clap_complete::Shell::Fish,
        Shell::Powershell => clap_complete::Shell::PowerShell,
    };
    clap_complete::generate(shell, &mut cmd, "accord", out);
    Ok(())
}

pub fn man(out: &mut dyn Write) -> io::Result<()> {
    clap_mangen::Man::new(Cli::command()).render(out)
}
