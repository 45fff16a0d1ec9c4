//! `accord report`: streams the folder as `due` does (each agreement becomes its part of
//! the page on the thread that parsed it), assembles the page once supersession is
//! known, and writes it to standard output or to `--out`: a file is replaced whole (a
//! temporary file renamed over it, or created new), a device or a pipe is written in
//! place and never renamed over.

use super::args::{period_arg, Common};
use super::complete;
use super::context::{check_filters, superseded_in, Context};
use super::error::Error;
use super::exit::Exit;
use super::output::Io;
use crate::file::write::{create_new, Locked, WriteError};
use crate::report::html::{self, build, page::Page};
use crate::time::period::Period;
use clap::Args;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, Args)]
pub(crate) struct ReportArgs {
    /// Write the page to this file instead of standard output (replaced whole, never
    /// left half-written; a device or a pipe is written in place).
    #[arg(long, value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
    out: Option<PathBuf>,
    /// Only the agreements this party is a party to, and what it must do.
    #[arg(long, value_name = "PARTY", add = complete::parties())]
    party: Option<String>,
    /// Only these agreements (repeatable).
    #[arg(long = "agreement", value_name = "ID", add = complete::agreements())]
    agreements: Vec<String>,
    /// How far ahead the due table looks (inclusive); overdue and open items are always
    /// shown.
    #[arg(long, value_parser = period_arg, default_value = "1 year", value_name = "PERIOD", add = complete::periods())]
    within: Period,
    #[command(flatten)]
    pub(crate) common: Common,
}

pub(crate) fn run(args: &ReportArgs, cx: &Context, io: &mut Io) -> Result<Exit, Error> {
    let opts = build::Options {
        as_of: cx.as_of,
        within: args.within,
        party: args.party.clone(),
        agreements: args.agreements.clone(),
        rules: cx.rules_options(),
    };
    let scanned = cx.scan(|a| build::agreement(&a, &opts))?;
    let parties = scanned
        .entries
        .iter()
        .flat_map(|b| b.parties.iter().map(String::as_str));
    check_filters(&args.agreements, args.party.as_deref(), &scanned.index, parties)?;
    let superseded = superseded_in(&scanned, cx.as_of, |b| b.since);
    let problems = build::problems(&scanned.diagnostics);
    let ids: Vec<String> = scanned.index.ids().map(str::to_string).collect();
    let (files, failed, diagnostics) = (scanned.files, scanned.failed_files, scanned.diagnostics);
    let page = build::page(
        ids.into_iter().zip(scanned.entries).collect(),
        &superseded,
        problems,
        files,
        &opts,
    );
    match &args.out {
        None => html::write(io.out, &page)?,
        Some(path) => write_file(path, &page)?,
    }
    io.no_files(files, &cx.dir)?;
    Ok(io.finish(&diagnostics, failed, Exit::Success)?)
}

/// Writes the page to `path`: a regular file (or a new one) is replaced whole, as agreement
/// files are; anything else that exists (a device, a pipe) is written in place, since
/// renaming over it would replace the device node.
fn write_file(path: &Path, page: &Page) -> Result<(), Error> {
    let failed = |action: &'static str| {
        move |source: io::Error| WriteError::Io {
            path: path.to_path_buf(),
            action,
            source,
        }
    };
    let written = match fs::metadata(path) {
        Ok(meta) if !meta.is_file() => fs::OpenOptions::new()
            .write(true)
            .open(path)
            .map_err(failed("open it for writing"))
            .and_then(|file| {
                let mut out = io::BufWriter::new(file);
                html::write(&mut out, page)
                    .and_then(|()| out.flush())
                    .map_err(failed("write the page"))
            }),
        exists => {
            let mut buf = Vec::new();
            html::write(&mut buf, page)
                .map_err(failed("write the page"))
                .map_err(Error::Write)?;
            let text = String::from_utf8(buf)
                .map_err(|e| failed("write the page")(io::Error::new(io::ErrorKind::InvalidData, e)))
                .map_err(Error::Write)?;
            let replace = || Locked::open(path)?.replace(&text);
            match exists {
                Ok(_) => replace(),
                // Created by another process meanwhile: replaced like any file.
                Err(_) => match create_new(path, &text) {
                    Err(WriteError::Exists(_)) => replace(),
                    other => other,
                },
            }
        }
    };
    written.map_err(Error::Write)
}
