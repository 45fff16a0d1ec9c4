//! `accord new`: a new agreement file from a commented template: a draft until its
//! signature is recorded, with the schema modeline for editors, checked before it is
//! written, never replacing a file or reusing an id without being told.

use super::args::Common;
use super::context::Context;
use super::error::Error;
use super::exit::Exit;
use super::output::Io;
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::file::edit::template;
use crate::file::parse::{self, Texts};
use crate::file::validate::is_valid_id;
use crate::file::write::{create_new, Locked, WriteError};
use crate::folder::load;
use crate::model::Agreement;
use crate::report;
use clap::Args;
use std::path::{Component, Path, PathBuf};

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
    #[command(flatten)]
    pub(crate) common: Common,
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
    id_unused(cx, &args.id, &path, io)?;
    if path.exists() && !args.force {
        return Err(Error::FileExists(path));
    }
    let (modeline, missing) = schema(dir);
    let text = template(&args.id, &args.title, &parties, Some(&modeline));
    let (_, diagnostics) = parse::agreement(&path, &text, Texts::Keep);
    if diagnostics.iter().any(|d| d.severity == Severity::Error) {
        report::diagnostics::text(io.err, &diagnostics, io.err_color)?;
        return Err(Error::NotWritten("nothing was written".into()));
    }
    let written = if path.exists() {
        Locked::open(&path).and_then(|l| l.replace(&text))
    } else {
        create_new(&path, &text)
    };
    written.map_err(|e| match e {
        WriteError::Exists(p) => Error::FileExists(p),
        e => Error::Write(e),
    })?;
    cx.refresh(&path);
    report::record::created(io.out, &path, &args.id, missing.as_deref())?;
    Ok(Exit::Success)
}

/// `--party ID=Name`, each with a valid id and a name; at least two, each id once.
fn parties(args: &[String]) -> Result<Vec<(String, String)>, Error> {
    let parties = args
        .iter()
        .map(|p| match p.split_once('=') {
            Some((id, name)) if is_valid_id(id) && !name.trim().is_empty() => {
                Ok((id.to_string(), name.trim().to_string()))
            }
            _ => Err(Error::InvalidArgument(format!(
                "--party `{p}` must be ID=Name, with an id of lowercase letters, digits and hyphens"
            ))),
        })
        .collect::<Result<Vec<_>, _>>()?;
    if parties.len() < 2 {
        return Err(Error::InvalidArgument(
            "an agreement has at least two parties: give --party ID=NAME for each".into(),
        ));
    }
    if let Some((id, _)) = parties
        .iter()
        .enumerate()
        .find_map(|(i, p)| parties[..i].iter().any(|q| q.0 == p.0).then_some(p))
    {
        return Err(Error::InvalidArgument(format!("--party `{id}` is given twice")));
    }
    Ok(parties)
}

/// The path of `docs/accord.schema.json` relative to the folder of new files, for the
/// editor modeline: the nearest such file in the folder or above it, else the one
/// `accord schema` would write in the current folder's `docs/` (returned a second time,
/// as it does not exist yet).
fn schema(dir: &Path) -> (String, Option<PathBuf>) {
    const SCHEMA: &str = "docs/accord.schema.json";
    let Ok(from) = std::fs::canonicalize(dir) else {
        return (format!("../{SCHEMA}"), None);
    };
    if let Some(found) = from.ancestors().map(|a| a.join(SCHEMA)).find(|p| p.is_file()) {
        return (relative(&from, &found), None);
    }
    match std::fs::canonicalize(".") {
        Ok(cwd) => (relative(&from, &cwd.join(SCHEMA)), Some(PathBuf::from(SCHEMA))),
        Err(_) => (format!("../{SCHEMA}"), Some(PathBuf::from(SCHEMA))),
    }
}

/// `to` relative to the folder `from` (both absolute), with `/` separators.
fn relative(from: &Path, to: &Path) -> String {
    let from: Vec<Component> = from.components().collect();
    let to: Vec<Component> = to.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let ups = std::iter::repeat_n("..".to_string(), from.len() - common);
    let downs = to[common..]
        .iter()
        .map(|c| c.as_os_str().to_string_lossy().into_owned());
    ups.chain(downs).collect::<Vec<_>>().join("/")
}

/// Refuses `id` when a file of the folder other than `path` already holds an agreement
/// with it. The id must be checked against every file: a scan that fails, or that could
/// not read some of them, refuses too (their diagnostics on stderr), rather than risk a
/// second agreement with that id, which would put the first out of `list` and `due`.
pub(super) fn id_unused(cx: &Context, id: &str, path: &Path, io: &mut Io) -> Result<(), Error> {
    let same_id = |a: Agreement| (a.id == id && a.file != path).then_some(a.file);
    let scanned = load::scan_paths(std::slice::from_ref(&cx.dir), &cx.reading(), Texts::Skip, same_id)?;
    let unread: Vec<Diagnostic> = scanned
        .diagnostics
        .iter()
        .filter(|d| matches!(d.code, Code::UnreadableFile | Code::UnreadableFolder))
        .cloned()
        .collect();
    if !unread.is_empty() {
        report::diagnostics::text(io.err, &unread, io.err_color)?;
        return Err(Error::NotWritten(format!(
            "nothing was written: `{id}` cannot be checked against what cannot be read"
        )));
    }
    match scanned.entries.into_iter().flatten().next() {
        Some(file) => Err(Error::IdInUse {
            id: id.to_string(),
            file,
        }),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_between_folders() {
        assert_eq!(
            relative(Path::new("/p/agreements"), Path::new("/p/docs/accord.schema.json")),
            "../docs/accord.schema.json"
        );
        assert_eq!(
            relative(
                Path::new("/p/agreements/field"),
                Path::new("/p/docs/accord.schema.json")
            ),
            "../../docs/accord.schema.json"
        );
        assert_eq!(relative(Path::new("/p"), Path::new("/p/docs/a.json")), "docs/a.json");
    }

    #[test]
    fn one_party_is_refused() {
        assert!(parties(&["a=A".into()]).is_err());
        assert!(parties(&["a=A".into(), "a=B".into()]).is_err());
        assert_eq!(
            parties(&["a=A".into(), "b= B ".into()]).unwrap()[1],
            ("b".into(), "B".into())
        );
    }
}
