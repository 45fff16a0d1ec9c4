//! The check after every edit: the new text is parsed again and must read as exactly
//! the agreement expected (the old one with the change applied), with no error and no
//! warning the old text did not have. An edit that lands where YAML does not read it
//! (inside a comment, inside a multi-line string) fails here and is never written.

use crate::diagnostic::{Diagnostic, Severity};
use crate::file::parse::{self, Texts};
use crate::model::Agreement;
use std::path::Path;

/// Why an edited text is not written.
pub(super) enum Unsafe {
    /// The edited text has errors (or new warnings): these diagnostics.
    Diagnostics(Vec<Diagnostic>),
    /// It reads, but not as expected: the part that differs.
    Differs(&'static str),
}

/// The agreement the edited text reads as, if it is exactly `expected` and brings no
/// diagnostic that `old` (the diagnostics of the text before the edit) did not have.
pub(super) fn verify(
    path: &Path,
    new_text: &str,
    expected: &Agreement,
    old: &[Diagnostic],
) -> Result<Agreement, Unsafe> {
    let (parsed, diagnostics) = parse::agreement(path, new_text, Texts::Keep);
    let mut known: Vec<(_, &str)> = old.iter().map(|d| (d.code, d.message.as_str())).collect();
    let new: Vec<Diagnostic> = diagnostics
        .into_iter()
        .filter(|d| {
            if d.severity == Severity::Error {
                return true;
            }
            match known.iter().position(|k| *k == (d.code, d.message.as_str())) {
                Some(i) => {
                    known.swap_remove(i);
                    false
                }
                None => true,
            }
        })
        .collect();
    let Some(mut parsed) = parsed.filter(|_| new.is_empty()) else {
        return Err(Unsafe::Diagnostics(new));
    };
    // Derived by the folder loader, never read from the file.
    parsed.superseded_by.clone_from(&expected.superseded_by);
    match difference(expected, &parsed) {
        None => Ok(parsed),
        Some(part) => Err(Unsafe::Differs(part)),
    }
}

/// The first part of the model that differs between `a` and `b`, compared through their
/// full debug representations (every field, every nested value).
fn difference(a: &Agreement, b: &Agreement) -> Option<&'static str> {
    let same = |x: &dyn std::fmt::Debug, y: &dyn std::fmt::Debug| format!("{x:?}") == format!("{y:?}");
    let parts: [(&'static str, bool); 5] = [
        ("events", same(&a.events, &b.events)),
        ("signed", same(&a.signed, &b.signed)),
        ("status", a.draft == b.draft),
        ("amendments", same(&a.amendments, &b.amendments)),
        ("the rest of the agreement", same(a, b)),
    ];
    parts.into_iter().find(|(_, same)| !same).map(|(part, _)| part)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EventKind;

    const HEAD: &str = "id: t\ntitle: T\nparties:\n  a: {name: A}\n  b: {name: B}\nsigned: {date: 2020-01-01}\n";

    fn expected(old: &str) -> (Agreement, Vec<Diagnostic>) {
        let (a, diagnostics) = parse::agreement(Path::new("t.yaml"), old, Texts::Keep);
        let mut a = a.unwrap();
        let mut note = super::super::change::event(EventKind::Note, "2026-01-01".parse().unwrap());
        note.note = Some("n".into());
        a.events.push(note);
        (a, diagnostics)
    }

    #[test]
    fn an_event_written_where_yaml_does_not_read_it_is_caught() {
        let old = format!("{HEAD}events: [] # see minutes [1]\n");
        let (want, old_diagnostics) = expected(&old);
        // What a line-based edit did: the event lands inside the comment.
        let lost = format!("{HEAD}events: [] # see minutes [1, {{date: 2026-01-01, type: note, note: n}}]\n");
        let check = verify(Path::new("t.yaml"), &lost, &want, &old_diagnostics);
        assert!(matches!(check, Err(Unsafe::Differs("events"))));
        let right = format!("{HEAD}events: [{{date: 2026-01-01, type: note, note: n}}] # see minutes [1]\n");
        assert!(verify(Path::new("t.yaml"), &right, &want, &old_diagnostics).is_ok());
    }

    #[test]
    fn new_warnings_and_errors_are_caught() {
        let old = format!("{HEAD}events:\n  - {{date: 2026-02-01, type: note}}\n");
        let (mut want, old_diagnostics) = expected(&old);
        want.events.swap(0, 1);
        // Out of date order: `check` warns, so the edit is refused.
        let disordered = format!(
            "{HEAD}events:\n  - {{date: 2026-02-01, type: note}}\n  - {{date: 2026-01-01, type: note, note: n}}\n"
        );
        assert!(matches!(
            verify(Path::new("t.yaml"), &disordered, &want, &old_diagnostics),
            Err(Unsafe::Diagnostics(d)) if d.len() == 1
        ));
        let broken = format!("{HEAD}events:\n  - {{date: 2026-02-30, type: note}}\n");
        assert!(matches!(
            verify(Path::new("t.yaml"), &broken, &want, &old_diagnostics),
            Err(Unsafe::Diagnostics(_))
        ));
    }
}
