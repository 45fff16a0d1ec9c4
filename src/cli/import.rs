//! `accord import FILE [--id ID] [--out PATH | -] [--format yaml|json]`: reads the
//! text (a file, or standard input for `-`), has the importer draft the agreement
//! file, checks the draft with accord's own parser, and writes it to `DIR/ID.yaml` (or
//! `--out`) without ever replacing a file; `--out -` prints it. PDF is refused with the
//! command that extracts its text (docs/import.md says why).

use super::args::Common;
use super::context::Context;
use super::error::Error;
use super::exit::Exit;
use super::output::Io;
use crate::diagnostic::{Diagnostic, Severity};
use crate::file::parse::{self, Texts};
use crate::file::validate::is_valid_id;
use crate::file::write::{create_new, WriteError};
use crate::import::{import, render, Options};
use crate::report;
use clap::{Args, ValueEnum};
use std::io::{self, Read};
use std::path::{Component, Path, PathBuf};

/// Inputs larger than this are refused (a long treaty is under 1 MiB of text).
const MAX_INPUT: u64 = 16 * 1024 * 1024;

#[derive(Debug, Args)]
pub(crate) struct ImportArgs {
    /// The agreement's text (.txt or .md); `-` reads standard input.
    #[arg(value_hint = clap::ValueHint::FilePath)]
    file: PathBuf,
    /// The agreement id ([a-z0-9-]+); default: the party ids and the year of signature.
    #[arg(long)]
    id: Option<String>,
    /// Where to write the draft (`-`: print it); default DIR/ID.yaml.
    #[arg(long, value_name = "PATH")]
    out: Option<PathBuf>,
    /// Output format: the agreement file, or the extraction with spans (printed unless
    /// --out names a file).
    #[arg(long, value_enum, default_value = "yaml", value_name = "FORMAT")]
    format: ImportFormat,
    #[command(flatten)]
    pub(crate) common: Common,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ImportFormat {
    /// The agreement file, each value with a comment citing its source line.
    Yaml,
    /// The extraction: every value with its span (line, column, quote).
    Json,
}

pub(crate) fn run(args: &ImportArgs, cx: &Context, io: &mut Io) -> Result<Exit, Error> {
    if let Some(id) = args.id.as_deref().filter(|id| !is_valid_id(id)) {
        return Err(Error::InvalidArgument(format!(
            "`{id}` is not a valid id (lowercase letters, digits and hyphens)"
        )));
    }
    let text = read_input(&args.file)?;
    let json = args.format == ImportFormat::Json;
    let printed = args.out.as_deref() == Some(Path::new("-")) || (json && args.out.is_none());
    let out = args.out.as_deref().filter(|_| !printed);
    let document = (args.file != Path::new("-")).then(|| cite(&args.file, out, &cx.dir));
    let options = Options {
        id: args.id.clone(),
        document,
    };
    let draft = import(&text, &options);
    let yaml = render::yaml(&draft);
    let path = out.map_or_else(|| cx.dir.join(format!("{}.yaml", draft.id)), Path::to_path_buf);
    let (_, diagnostics) = parse::agreement(&path, &yaml, Texts::Keep);
    let errors: Vec<Diagnostic> = diagnostics
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    if printed {
        if json {
            report::import::json(io.out, &draft)?;
        } else {
            report::import::yaml(io.out, &yaml)?;
        }
        if errors.is_empty() {
            return Ok(Exit::Success);
        }
        io.out.flush()?;
        report::diagnostics::text(io.err, &errors, io.err_color)?;
        return Err(Error::Incomplete(
            "the draft above does not pass `accord check` yet: complete it by hand".into(),
        ));
    }
    if !errors.is_empty() {
        report::diagnostics::text(io.err, &errors, io.err_color)?;
        return Err(Error::NotWritten(
            "the draft does not pass `accord check`, so nothing was written; `--out -` prints it for completing by hand"
                .into(),
        ));
    }
    refuse(args, cx, &path, &draft.id, io)?;
    create_new(&path, &yaml).map_err(|e| match e {
        WriteError::Exists(p) => Error::NoReplace(p),
        e => Error::Write(e),
    })?;
    cx.refresh(&path);
    let reviews = yaml.lines().filter(|l| l.trim_start().starts_with("# review:")).count();
    report::import::written(io.out, &path, draft.articles.len(), draft.obligations.len(), reviews)?;
    Ok(Exit::Success)
}

/// Why the draft may not be written at `path`: no folder, a file already there, or
/// the id already used by another file of the folder, or a folder that cannot be read
/// whole, so that the id cannot be checked.
fn refuse(args: &ImportArgs, cx: &Context, path: &Path, id: &str, io: &mut Io) -> Result<(), Error> {
    if args.out.is_none() && !cx.dir.is_dir() {
        return Err(Error::InvalidArgument(format!(
            "{}: no such folder (create it, or pass --dir or --out)",
            cx.dir.display()
        )));
    }
    if path.exists() {
        return Err(Error::NoReplace(path.to_path_buf()));
    }
    if args.out.is_none() {
        super::new::id_unused(cx, id, path, io)?;
    }
    Ok(())
}

/// The text of `file` (`-`: standard input), refusing PDF, oversized and non-UTF-8 input.
fn read_input(file: &Path) -> Result<String, Error> {
    let shown = file.display();
    let failed = |e: io::Error| Error::Input {
        message: format!("{shown}: {e}"),
        help: None,
    };
    let mut bytes = Vec::new();
    if file == Path::new("-") {
        io::stdin()
            .take(MAX_INPUT + 1)
            .read_to_end(&mut bytes)
            .map_err(failed)?;
    } else {
        let f = std::fs::File::open(file).map_err(failed)?;
        f.take(MAX_INPUT + 1).read_to_end(&mut bytes).map_err(failed)?;
    }
    let pdf_name = file.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    if pdf_name || bytes.starts_with(b"%PDF-") {
        let txt = file.with_extension("txt");
        let txt = txt.display();
        return Err(Error::Input {
            message: format!(
                "{shown} is a PDF, which accord does not read (no maintained pure-Rust extractor reads real PDFs reliably; see docs/import.md)"
            ),
            help: Some(format!(
                "extract its text first:\n  pdftotext -layout {shown} {txt}\nthen run: accord import {txt}"
            )),
        });
    }
    if bytes.len() as u64 > MAX_INPUT {
        return Err(Error::Input {
            message: format!("{shown} is larger than {} MiB", MAX_INPUT / (1024 * 1024)),
            help: Some("an agreement's text is far smaller: import the agreement alone".into()),
        });
    }
    String::from_utf8(bytes).map_err(|e| Error::Input {
        message: format!(
            "{shown} is not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        ),
        help: Some("convert it first, e.g. `iconv -f latin1 -t utf-8`".into()),
    })
}

/// How the draft's `sources` cites the input: relative to the folder the draft goes to.
fn cite(input: &Path, out: Option<&Path>, dir: &Path) -> String {
    let base = match out {
        Some(o) => o.parent().map(Path::to_path_buf).unwrap_or_default(),
        None => dir.to_path_buf(),
    };
    let cwd = std::env::current_dir().unwrap_or_default();
    let abs = |p: &Path| normalise(&if p.is_absolute() { p.to_path_buf() } else { cwd.join(p) });
    relative(&abs(&base), &abs(input)).to_string_lossy().replace('\\', "/")
}

/// `p` without `.` and `..` components.
fn normalise(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            c => out.push(c),
        }
    }
    out
}

/// `to` relative to the folder `from` (both absolute and normalised).
fn relative(from: &Path, to: &Path) -> PathBuf {
    let f: Vec<_> = from.components().collect();
    let t: Vec<_> = to.components().collect();
    let common = f.iter().zip(&t).take_while(|(a, b)| a == b).count();
    let mut out = PathBuf::new();
    for _ in common..f.len() {
        out.push("..");
    }
    for c in &t[common..] {
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_are_cited_from_the_draft_folder() {
        assert_eq!(
            relative(Path::new("/r/agreements"), Path::new("/r/sources/a.txt")),
            PathBuf::from("../sources/a.txt")
        );
        assert_eq!(relative(Path::new("/r"), Path::new("/r/a.txt")), PathBuf::from("a.txt"));
        assert_eq!(normalise(Path::new("/r/x/../a/./b")), PathBuf::from("/r/a/b"));
    }

    #[test]
    fn a_pdf_is_refused_with_the_command_to_run() {
        let dir = std::env::temp_dir().join(format!("accord-import-pdf-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("scan.bin");
        std::fs::write(&p, b"%PDF-1.4\n").unwrap();
        let e = read_input(&p).unwrap_err();
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(e.to_string().contains("is a PDF"), "{e}");
        assert!(e.help().is_some_and(|h| h.contains("pdftotext -layout")));
    }
}
