//! The `accord` binary: parses arguments, reads the clock and the terminal, runs the
//! library, and maps the outcome to an exit code. Output to a closed pipe ends quietly.

use accord::cli::args::{Cli, ColorChoice};
use accord::cli::run::{self as app, Io};
use accord::report::Style;
use clap::Parser;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let stdout = std::io::stdout();
    let stdout_tty = stdout.is_terminal();
    let stderr_tty = std::io::stderr().is_terminal();
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let color = |tty: bool| match cli.global.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => tty && !no_color,
    };
    let width = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()).or_else(|| {
        if stdout_tty {
            comfy_table::Table::new().width()
        } else {
            None
        }
    });
    let mut out = std::io::BufWriter::with_capacity(64 * 1024, stdout.lock());
    let mut err = std::io::stderr().lock();
    let today = chrono::Local::now().date_naive();
    let mut io = Io {
        out: &mut out,
        err: &mut err,
        style: Style {
            color: color(stdout_tty),
            width,
        },
        err_color: color(stderr_tty),
    };
    let result = app::run(&cli, today, &mut io).and_then(|code| out.flush().map(|_| code));
    match result {
        Ok(code) => ExitCode::from(code as u8),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "error: {e}");
            ExitCode::from(2)
        }
    }
}
