//! `accord new`: a new agreement file from a commented template, checked before it is
//! written, never replacing a file or reusing an id without being told.

use super::context::Context;
use super::error::Error;
use super::exit::Exit;
use super::output::Io;
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::file::edit::template;
use crate::file::parse::{self, Texts};
use crate::file::validate::is_valid_id;
use crate::file::write::{write_atomically, Lock};
use crate::folder::load;
use crate::model::Agreement;
use crate::report;
use clap::Args;

#[derive(Debug, Args)]
pub(crate) struct NewArgs {
    /// The new agreement's id ([a-z0-9-]+); the file is DIR/ID.yaml.
    id: String,
    /// The agreement's title.
    #[arg(long)]
    title: String,
    /// A party as ID=Name (at least two).
    #[arg(long = "party", value_name = "ID=NAME", required = true)]
    parties: Vec<String>,
    /// Replace an existing file of that name.
    #[arg(long)]
    force: bool,
}

pub(crate) fn run(args: &NewArgs, cx: &Context, io: &mut Io) -> Result<Exit, Error> {
    if !is_valid_id(&args.id) {
        return Err(Error::InvalidArgument(format!(
            "`{}` is not a valid id (lowercase letters, digits and hyphens)",
            args.id
        )));
    }
    let parties = parties(&args.parties)?;
    let dir = &cx.dir;
    if !dir.is_dir() {
        return Err(Error::InvalidArgument(format!("{}: no such folder", dir.display())));
    }
    let path = dir.join(format!("{}.yaml", args.id));
    let same_id = |a: Agreement| (a.id == args.id && a.file != path).then_some(a.file);
    // The id must be checked against every file: a scan that fails, or that could not
    // read some of them, stops `new` rather than risk a second agreement with that id.
    let scanned = load::scan_paths(std::slice::from_ref(dir), cx.jobs, Texts::Skip, same_id)?;
    let unread: Vec<Diagnostic> = scanned
        .diagnostics
        .iter()
        .filter(|d| matches!(d.code, Code::UnreadableFile | Code::UnreadableFolder))
        .cloned()
        .collect();
    if !unread.is_empty() {
        report::diagnostics::text(io.err, &unread, io.err_color)?;
        return Err(Error::NotWritten(format!(
            "nothing was written: `{}` cannot be checked against what cannot be read",
            args.id
        )));
    }
    if let Some(file) = scanned.entries.into_iter().flatten().next() {
        return Err(Error::IdInUse {
            id: args.id.clone(),
            file,
        });
    }
    let _lock = Lock::take(&path).map_err(Error::File)?;
    if path.exists() && !args.force {
        return Err(Error::FileExists(path));
    }
    let text = template(&args.id, &args.title, &parties);
    let (_, diagnostics) = parse::agreement(&path, &text, Texts::Keep);
    if diagnostics.iter().any(|d| d.severity == Severity::Error) {
        report::diagnostics::text(io.err, &diagnostics, io.err_color)?;
        return Err(Error::NotWritten("nothing was written".into()));
    }
    write_atomically(&path, &text).map_err(Error::File)?;
    report::record::created(io.out, &path)?;
    Ok(Exit::Success)
}

/// `--party ID=Name`, each with a valid id and a name.
fn parties(args: &[String]) -> Result<Vec<(String, String)>, Error> {
    args.iter()
        .map(|p| match p.split_once('=') {
            Some((id, name)) if is_valid_id(id) && !name.trim().is_empty() => {
                Ok((id.to_string(), name.trim().to_string()))
            }
            _ => Err(Error::InvalidArgument(format!(
                "--party `{p}` must be ID=Name, with an id of lowercase letters, digits and hyphens"
            ))),
        })
        .collect()
}
