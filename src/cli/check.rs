//! `accord check`: load every file, apply `--strict`, `--allow` and `--deny`, print
//! every diagnostic and a summary. Silent with exit 0 when all is well.

use crate::cli::args::{CheckArgs, Format};
use crate::cli::run::{Io, FINDINGS, SUCCESS, USAGE};
use crate::diagnostic::{Severity, CODES};
use crate::folder::load;
use crate::report;
use crate::suggest::did_you_mean;
use std::io;
use std::path::Path;

pub fn run(args: &CheckArgs, dir: &Path, format: Option<Format>, jobs: usize, io: &mut Io) -> io::Result<i32> {
    let format = format.unwrap_or(Format::Text);
    if !matches!(format, Format::Text | Format::Json | Format::Github) {
        writeln!(io.err, "error: check supports --format text, json or github")?;
        return Ok(USAGE);
    }
    for code in args.allow.iter().chain(&args.deny) {
        if !CODES.iter().any(|(c, _, _)| c == code) {
            let help = did_you_mean(code, CODES.iter().map(|(c, _, _)| *c))
                .unwrap_or_else(|| "docs/checks.md lists the codes".into());
            writeln!(io.err, "error: unknown check `{code}`\nhelp: {help}")?;
            return Ok(USAGE);
        }
    }
    let paths = if args.paths.is_empty() {
        vec![dir.to_path_buf()]
    } else {
        args.paths.clone()
    };
    let mut loaded = match load::scan_paths(&paths, jobs, false, |_| ()) {
        Ok(l) => l,
        Err(e) => {
            writeln!(io.err, "error: {e}")?;
            return Ok(USAGE);
        }
    };
    loaded.diagnostics.retain(|d| !args.allow.iter().any(|c| c == d.code));
    for d in &mut loaded.diagnostics {
        if args.strict || args.deny.iter().any(|c| c == d.code) {
            d.severity = Severity::Error;
        }
    }
    let errors = loaded.errors();
    let warnings = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .count();
    let summary = report::diagnostics::summary(errors, warnings, loaded.files, loaded.failed_files);
    match format {
        Format::Json => report::diagnostics::json(io.out, &loaded.diagnostics, loaded.files, loaded.index.len())?,
        Format::Github => report::diagnostics::github(io.out, &loaded.diagnostics)?,
        _ => {
            report::diagnostics::text(io.out, &loaded.diagnostics, io.style.color)?;
            if !loaded.diagnostics.is_empty() || args.verbose {
                writeln!(io.out, "{summary}")?;
            }
        }
    }
    Ok(if errors > 0 { FINDINGS } else { SUCCESS })
}
