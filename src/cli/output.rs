//! Where a command's output goes and how it looks: standard output and error, colour
//! and width decided once from the terminal the binary describes and `--color`.

use super::args::ColorChoice;
use super::exit::Exit;
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::report::{self, Style};
use std::io::{self, Write};

/// What the binary knows of the terminal and the environment (read in `main`, never in
/// the library).
#[derive(Clone, Debug, Default)]
pub struct Terminal {
    /// Standard output is a terminal.
    pub stdout_tty: bool,
    /// Standard error is a terminal.
    pub stderr_tty: bool,
    /// `NO_COLOR` is set to a non-empty value.
    pub no_color: bool,
    /// `COLUMNS`, if set.
    pub columns: Option<String>,
    /// The width the terminal reports, if standard output is one.
    pub width: Option<u16>,
}

/// The output handles and style every command writes with.
pub struct Io<'a> {
    pub(crate) out: &'a mut dyn Write,
    pub(crate) err: &'a mut dyn Write,
    pub(crate) style: Style,
    /// Colour on stderr (diagnostics).
    pub(crate) err_color: bool,
}

impl<'a> Io<'a> {
    /// Output to `out` and `err`, coloured as `color` and the terminal allow: `always`
    /// and `never` decide; `auto` colours a terminal unless `NO_COLOR` is set. Tables fit
    /// `COLUMNS`, else the terminal's width; output to a pipe is not wrapped.
    pub fn new(out: &'a mut dyn Write, err: &'a mut dyn Write, color: ColorChoice, terminal: &Terminal) -> Io<'a> {
        let colour = |tty: bool| match color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => tty && !terminal.no_color,
        };
        let width = terminal
            .columns
            .as_deref()
            .and_then(|c| c.parse().ok())
            .filter(|w: &u16| *w > 0)
            .or(if terminal.stdout_tty { terminal.width } else { None });
        Io {
            out,
            err,
            style: Style {
                color: colour(terminal.stdout_tty),
                width,
                jobs: 1,
            },
            err_color: colour(terminal.stderr_tty),
        }
    }

    /// Says on stderr that the folder holds no agreement file: an empty report must not
    /// pass for an empty schedule.
    pub(crate) fn no_files(&mut self, files: usize, dir: &std::path::Path) -> io::Result<()> {
        if files == 0 {
            let message = format!("no agreement files (*.yaml, *.yml) in {}", dir.display());
            report::message::warning(self.err, &message)?;
        }
        Ok(())
    }

    /// Ends a command that reported on a folder: flushes the report, then prints the
    /// errors of the files it left out, so that no deadline vanishes silently. `exit`,
    /// or `Findings` when files were left out.
    pub(crate) fn finish(&mut self, diagnostics: &[Diagnostic], failed_files: usize, exit: Exit) -> io::Result<Exit> {
        self.out.flush()?;
        let errors: Vec<Diagnostic> = diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .cloned()
            .collect();
        if errors.is_empty() {
            return Ok(exit);
        }
        report::diagnostics::text(self.err, &errors, self.err_color)?;
        let folders = errors.iter().filter(|d| d.code == Code::UnreadableFolder).count();
        report::diagnostics::skipped(self.err, failed_files, folders)?;
        Ok(exit.or_findings(true))
    }
}
