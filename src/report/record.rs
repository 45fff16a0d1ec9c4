//! What `accord new` and `accord record` say they did.

use std::io::{self, Write};
use std::path::Path;

/// `created agreements/x.yaml`.
pub(crate) fn created(out: &mut dyn Write, path: &Path) -> io::Result<()> {
    writeln!(out, "created {}", path.display())
}

/// The event written, as its `key: value` pairs, and what it changed: `before` and
/// `after` when they differ, else the state after.
pub(crate) fn recorded(
    out: &mut dyn Write,
    path: &Path,
    fields: &[(&str, String)],
    before: &str,
    after: &str,
) -> io::Result<()> {
    let line: Vec<String> = fields.iter().map(|(k, v)| format!("{k}: {v}")).collect();
    writeln!(out, "recorded in {}: {}", path.display(), line.join(", "))?;
    if before != after {
        writeln!(out, "before: {before}\nafter:  {after}")
    } else {
        writeln!(out, "{after}")
    }
}
