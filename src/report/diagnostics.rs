//! Rendering diagnostics: rustc-style text (annotate-snippets), JSON, and GitHub
//! Actions workflow commands.

use crate::diagnostic::{Diagnostic, Severity};
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use std::io::{self, Write};

/// `error[code]: message`, ` --> file:line:col`, the source line with a caret and a
/// `help:` line where a fix is known.
pub(crate) fn text(out: &mut dyn Write, diagnostics: &[Diagnostic], color: bool) -> io::Result<()> {
    let renderer = if color { Renderer::styled() } else { Renderer::plain() };
    for d in diagnostics {
        let level = match d.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let path = d.file.display().to_string();
        let title = level.primary_title(d.message.as_str()).id(d.code.name());
        let mut group = match &d.span {
            Some(span) => Group::with_title(title).element(
                Snippet::source(span.line_text.as_str())
                    .line_start(span.line)
                    .path(path.as_str())
                    .annotation(AnnotationKind::Primary.span(span.range.clone())),
            ),
            None => Group::with_title(title).element(annotate_snippets::Origin::path(path.as_str())),
        };
        if let Some(help) = &d.help {
            group = group.element(Level::HELP.message(help.as_str()));
        }
        let report: [Group; 1] = [group];
        writeln!(out, "{}\n", renderer.render(&report))?;
    }
    Ok(())
}

/// After the diagnostics of broken files, on stderr: how many files, and folders that
/// could not be read, the output leaves out.
pub(crate) fn skipped(out: &mut dyn Write, files: usize, folders: usize) -> io::Result<()> {
    let s = |n: usize| if n == 1 { "" } else { "s" };
    let (n, m) = (files, folders);
    let files = format!("{n} file{} ha{} errors", s(n), if n == 1 { "s" } else { "ve" });
    let folders = format!("{m} folder{} cannot be read", s(m));
    let what = match (n, m) {
        (_, 0) => format!("{files} and {} skipped", if n == 1 { "was" } else { "were" }),
        (0, _) => format!("{folders} and {} skipped", if m == 1 { "was" } else { "were" }),
        _ => format!("{files} and {folders}"),
    };
    writeln!(out, "{what}; the output above leaves them out (run `accord check`)")
}

/// "2 errors and 1 warning in 5 files (2 files have errors)".
pub(crate) fn summary(errors: usize, warnings: usize, files: usize, failed: usize) -> String {
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    let mut s = format!(
        "{} and {} in {}",
        plural(errors, "error"),
        plural(warnings, "warning"),
        plural(files, "file")
    );
    if failed > 0 {
        s.push_str(&format!(" ({} with errors)", plural(failed, "file")));
    }
    s
}

#[derive(serde::Serialize)]
struct JsonDiagnostic<'a> {
    file: String,
    line: usize,
    column: usize,
    severity: Severity,
    code: &'a str,
    message: &'a str,
    help: Option<&'a str>,
}

pub(crate) fn json(out: &mut dyn Write, diagnostics: &[Diagnostic], files: usize, agreements: usize) -> io::Result<()> {
    let list: Vec<JsonDiagnostic> = diagnostics
        .iter()
        .map(|d| JsonDiagnostic {
            file: d.file.display().to_string(),
            line: d.line(),
            column: d.column(),
            severity: d.severity,
            code: d.code.name(),
            message: &d.message,
            help: d.help.as_deref(),
        })
        .collect();
    let doc = serde_json::json!({
        "files": files,
        "agreements": agreements,
        "errors": diagnostics.iter().filter(|d| d.severity == Severity::Error).count(),
        "warnings": diagnostics.iter().filter(|d| d.severity == Severity::Warning).count(),
        "diagnostics": list,
    });
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}

/// `::error file=…,line=…,col=…,title=code::message`
pub(crate) fn github(out: &mut dyn Write, diagnostics: &[Diagnostic]) -> io::Result<()> {
    for d in diagnostics {
        let mut msg = d.message.clone();
        if let Some(h) = &d.help {
            msg.push_str(" (help: ");
            msg.push_str(h);
            msg.push(')');
        }
        writeln!(
            out,
            "::{} file={},line={},col={},title={}::{}",
            d.severity.name(),
            escape_property(&d.file.display().to_string()),
            d.line(),
            d.column(),
            d.code.name(),
            escape_data(&msg)
        )?;
    }
    Ok(())
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}
