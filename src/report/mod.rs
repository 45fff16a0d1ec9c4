//! The report layer: the only code that writes to the user. Each command's renderer
//! takes computed results and a writer; nothing here computes dates.

pub mod diagnostics;
pub mod due;
pub mod ics;
pub mod lifecycle;
pub mod list;
pub mod show;
pub mod terminate;

use comfy_table::{presets, Cell, Color, ContentArrangement, Table};

/// How output looks: colour, and the width tables must fit.
#[derive(Clone, Copy, Debug, Default)]
pub struct Style {
    pub color: bool,
    /// Terminal width, when known (a terminal, or `COLUMNS`).
    pub width: Option<u16>,
}

/// A table in accord's house style: no borders, header underlined, wrapped to the
/// terminal width when known.
pub fn table(style: &Style, headers: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_style(presets::NOTHING);
    t.force_no_tty();
    if style.color {
        t.enforce_styling();
    }
    match style.width {
        Some(w) => {
            t.set_width(w);
            t.set_content_arrangement(ContentArrangement::Dynamic);
        }
        None => {
            t.set_content_arrangement(ContentArrangement::Disabled);
        }
    }
    t.set_header(headers.iter().map(|h| Cell::new(h.to_uppercase())));
    t
}

/// A cell coloured only when colour is on.
pub fn colored(style: &Style, text: impl ToString, color: Color) -> Cell {
    let c = Cell::new(text.to_string());
    if style.color {
        c.fg(color)
    } else {
        c
    }
}

/// Writes a table without trailing spaces on its lines.
pub fn write_table(out: &mut dyn std::io::Write, t: &Table) -> std::io::Result<()> {
    for line in t.lines() {
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

pub fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map_or_else(|| "-".to_string(), |x| x.to_string())
}
