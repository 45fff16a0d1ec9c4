//! Why a command stopped short: one error type for the whole command layer, each case
//! with its exit code and, where a fix is known, a help line. Commands return it; the
//! dispatcher prints it once, through the report layer.

use super::exit::Exit;
use crate::engine::rules::Refusal;
use crate::file::edit::EditError;
use crate::file::write::WriteError;
use crate::folder::load::LoadError;
use std::io;
use std::path::PathBuf;

/// A command's error.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The folder or a path given cannot be read at all.
    #[error("{source}")]
    Load {
        source: LoadError,
        help: Option<&'static str>,
    },
    /// An agreement id that is not in the folder.
    #[error("no agreement `{id}` in the folder")]
    UnknownAgreement { id: String, help: String },
    /// A party id that no agreement defines.
    #[error("no party `{party}` in any agreement")]
    UnknownParty { party: String, help: String },
    /// An option value the command cannot use.
    #[error("{0}")]
    InvalidArgument(String),
    /// The project file (`accord.toml`) cannot be used, with its location.
    #[error("{0}")]
    Project(String),
    /// A common option given to a command that takes none (`accord --as-of D man`).
    #[error("{option} does not apply to `accord {command}`")]
    NotApplicable {
        option: &'static str,
        command: &'static str,
    },
    /// The engine will not compute, and says why (an answer about the agreement, so it
    /// is printed as a sentence, not as an error of use).
    #[error(transparent)]
    Refused(#[from] Refusal),
    /// `new` would give an id that another file already uses.
    #[error("the id `{id}` is already used by {}", file.display())]
    IdInUse { id: String, file: PathBuf },
    /// `new` would replace a file.
    #[error("{} exists; pass --force to replace it", .0.display())]
    FileExists(PathBuf),
    /// `import` would replace a file, which it never does.
    #[error("{} exists; import never replaces a file", .0.display())]
    NoReplace(PathBuf),
    /// The input of `import` cannot be read as an agreement's text (a PDF, not UTF-8…).
    #[error("{message}")]
    Input { message: String, help: Option<String> },
    /// The file's text cannot be edited safely.
    #[error("{}: {source}", path.display())]
    Edit { path: PathBuf, source: EditError },
    /// A write refused because the result would not pass the checks; the diagnostics
    /// were printed just before. The file is unchanged.
    #[error("{0}")]
    NotWritten(String),
    /// A draft printed that does not pass the checks yet (its diagnostics were printed
    /// just before): the person completing it has work left.
    #[error("{0}")]
    Incomplete(String),
    /// `record` refuses a change that cannot be true; the file is unchanged.
    #[error("not recorded: {reason}\n  rule: {rule}\n  {} is unchanged", file.display())]
    NotRecorded {
        file: PathBuf,
        reason: String,
        rule: String,
    },
    /// The agreement's file has errors (printed just before); nothing is written into it.
    #[error("not recorded: {} {} errors (shown above); accord writes only into a file that passes `accord check`, and left {} unchanged", list(files), if files.len() == 1 { "has" } else { "have" }, if files.len() == 1 { "it" } else { "them" })]
    HasErrors { id: String, files: Vec<PathBuf> },
    /// A file could not be written safely, or was refused (read-only, locked…); it is unchanged.
    #[error("{0}")]
    Write(WriteError),
    /// Reading or writing an agreement file failed.
    #[error("{0}")]
    File(io::Error),
    /// Writing to standard output or error failed (a closed pipe ends quietly).
    #[error(transparent)]
    Output(#[from] io::Error),
}

impl From<LoadError> for Error {
    fn from(source: LoadError) -> Error {
        Error::Load { source, help: None }
    }
}

impl Error {
    /// The exit code the error ends the command with.
    pub fn exit(&self) -> Exit {
        match self {
            Error::Refused(r) if r.is_usage() => Exit::Usage,
            Error::Refused(_) | Error::IdInUse { .. } | Error::FileExists(_) | Error::Edit { .. } => Exit::Findings,
            Error::NoReplace(_) | Error::Incomplete(_) => Exit::Findings,
            Error::NotWritten(_) | Error::NotRecorded { .. } | Error::HasErrors { .. } => Exit::Findings,
            Error::Write(e) if e.is_refusal() => Exit::Findings,
            Error::Write(_) => Exit::Usage,
            Error::Load { .. }
            | Error::UnknownAgreement { .. }
            | Error::UnknownParty { .. }
            | Error::InvalidArgument(_)
            | Error::Project(_)
            | Error::NotApplicable { .. }
            | Error::Input { .. }
            | Error::File(_)
            | Error::Output(_) => Exit::Usage,
        }
    }

    /// What to do about it, when accord knows.
    pub fn help(&self) -> Option<&str> {
        match self {
            Error::UnknownAgreement { help, .. } | Error::UnknownParty { help, .. } => Some(help),
            Error::Load { help, .. } => *help,
            Error::Project(_) => Some("docs/project.md describes accord.toml"),
            Error::NotApplicable { .. } => Some("it reads no agreements; leave the option out"),
            Error::Input { help, .. } => help.as_deref(),
            Error::NoReplace(_) => Some("choose another --out or --id"),
            _ => None,
        }
    }

    /// Whether the message is a finding about an agreement, printed as a sentence,
    /// rather than an error (`error: …`).
    pub fn is_finding(&self) -> bool {
        matches!(
            self,
            Error::Refused(_)
                | Error::NotWritten(_)
                | Error::Incomplete(_)
                | Error::NotRecorded { .. }
                | Error::HasErrors { .. }
        )
    }
}

/// Paths for a message: `a.yaml`, `a.yaml and b.yaml`.
fn list(files: &[PathBuf]) -> String {
    let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => names.join(""),
    }
}
