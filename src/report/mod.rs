//! The report layer: the only code that writes to the user. Each command's renderer
//! takes computed results and a writer; nothing here computes dates.

pub(crate) mod diagnostics;
pub(crate) mod due;
pub(crate) mod fingerprint;
pub(crate) mod gitlab;
pub(crate) mod ics;
pub(crate) mod import;
pub(crate) mod lifecycle;
pub(crate) mod list;
pub(crate) mod markdown;
pub(crate) mod message;
pub(crate) mod packed;
pub(crate) mod record;
pub(crate) mod sarif;
pub(crate) mod show;
pub(crate) mod table;
pub(crate) mod terminate;

pub(crate) use table::{
    drop, fold, fold_text, keep, table, wrap, write_rows, write_rows_with_notes, write_table, Cell, Color, Column,
    Style,
};

/// Pretty-printed JSON and a line end.
pub(crate) fn write_json(out: &mut dyn std::io::Write, value: &impl serde::Serialize) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)
}

pub(crate) fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map_or_else(|| "-".to_string(), |x| x.to_string())
}
