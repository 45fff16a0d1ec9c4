//! The `accord` binary: parses arguments, reads the clock, the terminal and the
//! environment, runs the library, and maps the outcome to an exit code. Output to a
//! closed pipe ends quietly.

use accord::cli::{self, Cli, Invocation, Io, Terminal};
use anyhow::Context as _;
use clap::Parser;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    // A completion request from the shell (`COMPLETE=bash accord -- …`) is answered and
    // ends here, before anything is written.
    clap_complete::CompleteEnv::with_factory(|| {
        use clap::CommandFactory as _;
        Cli::command()
    })
    .complete();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(mut e) => {
            use clap::error::{ContextKind, ContextValue, ErrorKind};
            if e.kind() == ErrorKind::InvalidSubcommand {
                let typed = match e.get(ContextKind::InvalidSubcommand) {
                    Some(ContextValue::String(s)) => s.clone(),
                    _ => String::new(),
                };
                let suggestion = cli::suggest_command(&typed).map(|s| ContextValue::Strings(vec![s]));
                match suggestion {
                    Some(s) => e.insert(ContextKind::SuggestedSubcommand, s),
                    None => e.remove(ContextKind::SuggestedSubcommand),
                };
            }
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let stdout = std::io::stdout();
    let stdout_tty = stdout.is_terminal();
    let terminal = Terminal {
        stdout_tty,
        stderr_tty: std::io::stderr().is_terminal(),
        no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
        columns: std::env::var("COLUMNS").ok(),
        // A terminal that reports no size (0 × 0) is like a pipe: no width.
        width: if stdout_tty {
            terminal_size::terminal_size().map(|(w, _)| w.0).filter(|w| *w > 0)
        } else {
            None
        },
    };
    let invocation = Invocation {
        today: chrono::Local::now().date_naive(),
        cwd: std::env::current_dir().ok(),
        accord_dir: std::env::var_os("ACCORD_DIR")
            .filter(|v| !v.is_empty())
            .map(std::path::PathBuf::from),
    };
    let mut out = std::io::BufWriter::with_capacity(64 * 1024, stdout.lock());
    let mut err = std::io::stderr().lock();
    let result = {
        let mut io = Io::new(&mut out, &mut err, cli.color(), &terminal);
        cli::run(&cli, &invocation, &mut io)
    }
    .and_then(|exit| out.flush().map(|()| exit));
    match result.context("cannot write the output") {
        Ok(exit) => ExitCode::from(exit.code()),
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "error: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// A reader that went away (`accord list | head -1`) is not an error.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.downcast_ref::<std::io::Error>()
        .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
}
