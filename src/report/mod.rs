//! The report layer: the only code that writes to the user. Each command's renderer
//! takes computed results and a writer; nothing here computes dates.

pub(crate) mod cache;
pub(crate) mod diagnostics;
pub(crate) mod due;
pub(crate) mod ics;
pub(crate) mod lifecycle;
pub(crate) mod list;
pub(crate) mod message;
pub(crate) mod packed;
pub(crate) mod record;
pub(crate) mod show;
pub(crate) mod terminate;

pub(crate) use comfy_table::Color;
use comfy_table::{presets, ContentArrangement, Table};

/// How output looks: colour, and the width tables must fit.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Style {
    pub color: bool,
    /// Terminal width, when known (a terminal, or `COLUMNS`).
    pub width: Option<u16>,
}

/// One table cell: its text and, when colour is on, its colour.
#[derive(Clone, Debug)]
pub(crate) struct Cell {
    text: String,
    color: Option<Color>,
}

impl Cell {
    pub(crate) fn new(text: impl ToString) -> Cell {
        Cell {
            text: text.to_string(),
            color: None,
        }
    }
}

/// A cell coloured only when colour is on.
pub(crate) fn colored(style: &Style, text: impl ToString, color: Color) -> Cell {
    Cell {
        text: text.to_string(),
        color: style.color.then_some(color),
    }
}

/// A table in accord's house style: no borders, upper-case headers, columns separated
/// by two spaces. Fitted to the terminal width with comfy-table when a width is known;
/// otherwise (pipes, files, large outputs) written directly, which is much faster.
pub(crate) struct Grid {
    style: Style,
    headers: Vec<String>,
    rows: Vec<Vec<Cell>>,
}

pub(crate) fn table(style: &Style, headers: &[&str]) -> Grid {
    Grid {
        style: *style,
        headers: headers.iter().map(|h| h.to_uppercase()).collect(),
        rows: Vec::new(),
    }
}

impl Grid {
    pub(crate) fn add_row(&mut self, row: Vec<Cell>) {
        self.rows.push(row);
    }

    fn comfy(&self, width: u16) -> Table {
        let mut t = Table::new();
        t.load_style(presets::NOTHING);
        t.force_no_tty();
        if self.style.color {
            t.enforce_styling();
        }
        t.set_width(width);
        t.set_content_arrangement(ContentArrangement::Dynamic);
        t.set_header(self.headers.iter().map(comfy_table::Cell::new));
        for row in &self.rows {
            t.add_row(row.iter().map(|c| {
                let cell = comfy_table::Cell::new(&c.text);
                match c.color {
                    Some(color) => cell.fg(color),
                    None => cell,
                }
            }));
        }
        t
    }
}

fn ansi(color: Color) -> &'static str {
    match color {
        Color::Red => "\x1b[31m",
        Color::Green => "\x1b[32m",
        Color::Yellow => "\x1b[33m",
        Color::Cyan => "\x1b[36m",
        Color::DarkGrey => "\x1b[90m",
        _ => "",
    }
}

/// Writes a table without trailing spaces on its lines.
pub(crate) fn write_table(out: &mut dyn std::io::Write, t: &Grid) -> std::io::Result<()> {
    if let Some(w) = t.style.width {
        for line in t.comfy(w).lines() {
            writeln!(out, "{}", line.trim_end())?;
        }
        return Ok(());
    }
    aligned(out, &t.headers, t.rows.len(), |i, cells| {
        cells.extend_from_slice(&t.rows[i])
    })
}

/// Writes a table of `n` rows, row `i` made on demand by `row(i, cells)`. Without a
/// width to fit, rows are made twice (once to measure the columns, once to write)
/// instead of being kept: a report of any length costs the memory of one row.
pub(crate) fn write_rows(
    out: &mut dyn std::io::Write,
    style: &Style,
    headers: &[&str],
    n: usize,
    row: impl Fn(usize, &mut Vec<Cell>),
) -> std::io::Result<()> {
    let mut t = table(style, headers);
    if style.width.is_some() {
        for i in 0..n {
            let mut cells = Vec::new();
            row(i, &mut cells);
            t.add_row(cells);
        }
        return write_table(out, &t);
    }
    aligned(out, &t.headers, n, row)
}

/// Columns two spaces apart, each as wide as its widest cell.
fn aligned(
    out: &mut dyn std::io::Write,
    headers: &[String],
    n: usize,
    row: impl Fn(usize, &mut Vec<Cell>),
) -> std::io::Result<()> {
    let columns = headers.len();
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    let mut cells = Vec::with_capacity(columns);
    for i in 0..n {
        cells.clear();
        row(i, &mut cells);
        for (w, c) in widths.iter_mut().zip(&cells) {
            *w = (*w).max(c.text.chars().count());
        }
    }
    let mut line = String::new();
    let mut write_row = |cells: &mut dyn Iterator<Item = (&str, Option<Color>)>| -> std::io::Result<()> {
        line.clear();
        for (i, (text, color)) in cells.enumerate().take(columns) {
            line.push(' ');
            let pad = widths[i] - text.chars().count();
            match color.map(ansi).filter(|a| !a.is_empty()) {
                Some(code) => {
                    line.push_str(code);
                    line.push_str(text);
                    line.push_str("\x1b[39m");
                }
                None => line.push_str(text),
            }
            line.extend(std::iter::repeat_n(' ', pad + 1));
        }
        writeln!(out, "{}", line.trim_end())
    };
    write_row(&mut headers.iter().map(|h| (h.as_str(), None)))?;
    for i in 0..n {
        cells.clear();
        row(i, &mut cells);
        write_row(&mut cells.iter().map(|c| (c.text.as_str(), c.color)))?;
    }
    Ok(())
}

/// Pretty-printed JSON and a line end.
pub(crate) fn write_json(out: &mut dyn std::io::Write, value: &impl serde::Serialize) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)
}

pub(crate) fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map_or_else(|| "-".to_string(), |x| x.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(width: Option<u16>) -> String {
        let style = Style { color: false, width };
        let mut t = table(&style, &["date", "what", "who"]);
        t.add_row(vec![
            Cell::new("2027-01-27"),
            Cell::new("Consult each other"),
            Cell::new("ECO, IOM"),
        ]);
        t.add_row(vec![
            Cell::new("-"),
            Cell::new("Prepare a work programme — Art. V(2)"),
            Cell::new(""),
        ]);
        let mut out = Vec::new();
        write_table(&mut out, &t).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn direct_and_fitted_layouts_agree_when_the_table_fits() {
        assert_eq!(sample(None), sample(Some(200)));
        assert!(sample(None).starts_with(" DATE        WHAT"));
    }

    #[test]
    fn fitted_tables_wrap_to_the_width() {
        for line in sample(Some(30)).lines() {
            assert!(line.chars().count() <= 30, "{line}");
        }
    }
}
