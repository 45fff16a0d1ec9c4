//! `accord check`: load every file, apply `--strict`, `--allow` and `--deny`, print
//! every diagnostic and a summary. Silent with exit 0 when all is well.

use super::args::Common;
use super::context::Context;
use super::error::Error;
use super::exit::Exit;
use super::output::Io;
use crate::diagnostic::{Code, Severity};
use crate::file::parse::Texts;
use crate::folder::load;
use crate::report;
use crate::suggest::did_you_mean;
use clap::{Args, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// Files or folders to check; default the agreements folder.
    paths: Vec<PathBuf>,
    /// Print a summary even when all is well.
    #[arg(long, short)]
    verbose: bool,
    /// Treat warnings as errors.
    #[arg(long)]
    strict: bool,
    /// Ignore this check (repeatable).
    #[arg(long, value_parser = code_arg, value_name = "CODE")]
    allow: Vec<Code>,
    /// Make this check an error (repeatable).
    #[arg(long, value_parser = code_arg, value_name = "CODE")]
    deny: Vec<Code>,
    /// Output format [default: text, or the project's `format` where it is one of these].
    #[arg(long, value_enum, value_name = "FORMAT")]
    format: Option<CheckFormat>,
    #[command(flatten)]
    pub(crate) common: Common,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum CheckFormat {
    Text,
    Json,
    /// GitHub Actions workflow commands (annotations on the pull request).
    Github,
    /// GitLab Code Quality report (JSON).
    Gitlab,
    /// SARIF 2.1.0 log, for code-scanning dashboards.
    Sarif,
}

/// A check's code, with the nearest one suggested for a typo.
fn code_arg(s: &str) -> Result<Code, String> {
    Code::parse(s).ok_or_else(|| {
        let help = did_you_mean(s, Code::ALL.iter().map(|c| c.name()))
            .unwrap_or_else(|| "docs/checks.md lists the codes".into());
        format!("unknown check `{s}`; {help}")
    })
}

pub(crate) fn run(args: &CheckArgs, cx: &Context, io: &mut Io) -> Result<Exit, Error> {
    let paths = if args.paths.is_empty() {
        vec![cx.dir.clone()]
    } else {
        args.paths.clone()
    };
    let mut scanned = load::scan_paths(&paths, cx.jobs, Texts::Skip, |_| ())?;
    if scanned.files == 0 && scanned.diagnostics.is_empty() {
        let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        return Err(Error::InvalidArgument(format!(
            "no agreement files (*.yaml, *.yml) in {}",
            names.join(", ")
        )));
    }
    scanned.diagnostics.retain(|d| !args.allow.contains(&d.code));
    for d in &mut scanned.diagnostics {
        if args.strict || args.deny.contains(&d.code) {
            d.severity = Severity::Error;
        }
    }
    let errors = scanned.errors();
    let warnings = scanned
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .count();
    let diagnostics = &scanned.diagnostics;
    match cx.format(args.format, CheckFormat::Text) {
        CheckFormat::Json => report::diagnostics::json(io.out, diagnostics, scanned.files, scanned.index.len())?,
        CheckFormat::Github => report::diagnostics::github(io.out, diagnostics)?,
        CheckFormat::Gitlab => report::gitlab::write(io.out, diagnostics)?,
        CheckFormat::Sarif => report::sarif::write(io.out, diagnostics)?,
        CheckFormat::Text => {
            report::diagnostics::text(io.out, diagnostics, io.style.color)?;
            if !diagnostics.is_empty() || args.verbose {
                let summary = report::diagnostics::summary(errors, warnings, scanned.files, scanned.failed_files);
                writeln!(io.out, "{summary}")?;
            }
        }
    }
    Ok(Exit::Success.or_findings(errors > 0))
}
