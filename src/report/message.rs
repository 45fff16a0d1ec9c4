//! Messages on standard error that end a command: an error of use (`error: …` with an
//! optional `help: …`), or a finding about an agreement, stated as a sentence.

use std::io::{self, Write};

/// `error: MESSAGE`, then `help: HELP` when a fix is known.
pub(crate) fn error(err: &mut dyn Write, message: &str, help: Option<&str>) -> io::Result<()> {
    writeln!(err, "error: {message}")?;
    if let Some(help) = help {
        writeln!(err, "help: {help}")?;
    }
    Ok(())
}

/// A refusal or finding: the sentence alone.
pub(crate) fn finding(err: &mut dyn Write, message: &str) -> io::Result<()> {
    writeln!(err, "{message}")
}

/// `warning: MESSAGE`.
pub(crate) fn warning(err: &mut dyn Write, message: &str) -> io::Result<()> {
    writeln!(err, "warning: {message}")
}

/// "wrote PATH" for each file a command wrote.
pub(crate) fn wrote(out: &mut dyn Write, paths: &[std::path::PathBuf]) -> io::Result<()> {
    for p in paths {
        writeln!(out, "wrote {}", p.display())?;
    }
    Ok(())
}
