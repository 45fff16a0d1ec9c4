//! Tables in accord's house style: no borders, upper-case headers, columns two spaces
//! apart. Fitted to the terminal's width when one is known: only free-text columns
//! wrap, at spaces, and nothing else is ever split (an id, a date, a status, a word).
//! When even that does not fit, columns that can go elsewhere are folded into a
//! free-text column ("Art. VII" after the text) or dropped (a count of days), in the
//! order the table names. Without a width (a pipe, a file) rows are written on one line
//! each, in two passes over rows made on demand, so a report of any length costs the
//! memory of one row.

use std::io::{self, Write};
use unicode_width::UnicodeWidthStr;

/// A colour for a cell, used only when colour is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Color {
    Red,
    Green,
    Yellow,
    Cyan,
    DarkGrey,
    /// The terminal's own colour.
    Reset,
}

impl Color {
    fn ansi(self) -> Option<&'static str> {
        match self {
            Color::Red => Some("\x1b[31m"),
            Color::Green => Some("\x1b[32m"),
            Color::Yellow => Some("\x1b[33m"),
            Color::Cyan => Some("\x1b[36m"),
            Color::DarkGrey => Some("\x1b[90m"),
            Color::Reset => None,
        }
    }
}

/// How output looks: colour, and the width tables must fit.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Style {
    pub color: bool,
    /// Terminal width, when known (a terminal, or `COLUMNS`).
    pub width: Option<u16>,
}

/// One table cell: its text and, when colour is on, its colour. Spaces inside a unit
/// that must stay on one line ("in force", "(last day 2027-02-20)") are kept as
/// no-break spaces until the cell is written.
#[derive(Clone, Debug)]
pub(crate) struct Cell {
    text: String,
    color: Option<Color>,
}

const NO_BREAK: char = '\u{a0}';

impl Cell {
    pub(crate) fn new(text: impl ToString) -> Cell {
        Cell {
            text: text.to_string(),
            color: None,
        }
    }

    /// A cell of units, each kept on one line: `["in force", "(assumed)"]`.
    pub(crate) fn units<S: AsRef<str>>(units: &[S]) -> Cell {
        let text = units
            .iter()
            .map(|u| u.as_ref().replace(' ', "\u{a0}"))
            .collect::<Vec<_>>()
            .join(" ");
        Cell { text, color: None }
    }

    /// The same cell, coloured when colour is on.
    pub(crate) fn colored(mut self, style: &Style, color: Color) -> Cell {
        self.color = style.color.then_some(color);
        self
    }
}

/// How a column behaves when the table is wider than the terminal.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Fit {
    /// Never wrapped: ids, dates, counts, statuses.
    Keep,
    /// Free text, wrapped at spaces.
    Wrap,
    /// Dropped when the table does not fit (a value that follows from others); columns
    /// move in the order of their `rank`.
    Drop { rank: u8 },
    /// Moved to the end of column `into`'s text, after a space, as `before` + value +
    /// `after`; kept on one line when `whole`.
    Fold {
        into: usize,
        before: &'static str,
        after: &'static str,
        whole: bool,
        rank: u8,
    },
}

impl Fit {
    /// When the column moves, if it can: lower first.
    fn rank(self) -> Option<u8> {
        match self {
            Fit::Drop { rank } | Fit::Fold { rank, .. } => Some(rank),
            Fit::Keep | Fit::Wrap => None,
        }
    }
}

/// A column: its header and how it fits.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Column {
    pub header: &'static str,
    pub fit: Fit,
}

/// A column never wrapped.
pub(crate) const fn keep(header: &'static str) -> Column {
    Column { header, fit: Fit::Keep }
}

/// A free-text column, wrapped at spaces.
pub(crate) const fn wrap(header: &'static str) -> Column {
    Column { header, fit: Fit::Wrap }
}

/// A column dropped when the table does not fit, after those of lower `rank` moved.
pub(crate) const fn drop(header: &'static str, rank: u8) -> Column {
    Column {
        header,
        fit: Fit::Drop { rank },
    }
}

/// A column folded into column `into` when the table does not fit, kept on one line
/// there (`Art. VII`).
pub(crate) const fn fold(
    header: &'static str,
    rank: u8,
    into: usize,
    before: &'static str,
    after: &'static str,
) -> Column {
    Column {
        header,
        fit: Fit::Fold {
            into,
            before,
            after,
            whole: true,
            rank,
        },
    }
}

/// A column folded into column `into` when the table does not fit, wrapped there like
/// the text it joins (a list of names).
pub(crate) const fn fold_text(
    header: &'static str,
    rank: u8,
    into: usize,
    before: &'static str,
    after: &'static str,
) -> Column {
    Column {
        header,
        fit: Fit::Fold {
            into,
            before,
            after,
            whole: false,
            rank,
        },
    }
}

/// A table whose rows are held, for short reports.
pub(crate) struct Grid {
    style: Style,
    columns: Vec<Column>,
    rows: Vec<Vec<Cell>>,
}

pub(crate) fn table(style: &Style, columns: &[Column]) -> Grid {
    Grid {
        style: *style,
        columns: columns.to_vec(),
        rows: Vec::new(),
    }
}

impl Grid {
    pub(crate) fn add_row(&mut self, row: Vec<Cell>) {
        self.rows.push(row);
    }
}

/// Writes a held table.
pub(crate) fn write_table(out: &mut dyn Write, t: &Grid) -> io::Result<()> {
    write_rows(out, &t.style, &t.columns, t.rows.len(), |i, cells| {
        cells.extend_from_slice(&t.rows[i]);
    })
}

/// Writes a table of `n` rows, row `i` made on demand by `row(i, cells)`: once to
/// measure the columns, once to write.
pub(crate) fn write_rows(
    out: &mut dyn Write,
    style: &Style,
    columns: &[Column],
    n: usize,
    row: impl Fn(usize, &mut Vec<Cell>),
) -> io::Result<()> {
    write_rows_with_notes(out, style, columns, n, row, |_| None)
}

/// As [`write_rows`], with a note under each row that has one (`due --explain`),
/// indented and wrapped to the width.
pub(crate) fn write_rows_with_notes(
    out: &mut dyn Write,
    style: &Style,
    columns: &[Column],
    n: usize,
    row: impl Fn(usize, &mut Vec<Cell>),
    note: impl Fn(usize) -> Option<String>,
) -> io::Result<()> {
    let mut measures: Vec<Measure> = columns.iter().map(|c| Measure::of_header(c.header)).collect();
    let mut cells = Vec::with_capacity(columns.len());
    for i in 0..n {
        cells.clear();
        row(i, &mut cells);
        for (m, c) in measures.iter_mut().zip(&cells) {
            m.add(&c.text);
        }
    }
    let layout = Layout::new(columns, &measures, style.width.map(usize::from));
    let headers: Vec<Cell> = columns.iter().map(|c| Cell::new(c.header.to_uppercase())).collect();
    layout.write(out, &headers, true)?;
    for i in 0..n {
        cells.clear();
        row(i, &mut cells);
        layout.write(out, &cells, false)?;
        if let Some(text) = note(i) {
            write_note(out, &text, style.width.map(usize::from))?;
        }
    }
    Ok(())
}

/// A note under a row ("why: …"): indented, its lines after the first hanging under
/// its text, wrapped to the width when one is known.
fn write_note(out: &mut dyn Write, text: &str, terminal: Option<usize>) -> io::Result<()> {
    const INDENT: usize = 5;
    let hang = text.find(": ").map_or(0, |i| i + 2);
    let lines = match terminal.filter(|w| *w > INDENT + hang + 20) {
        Some(w) => wrap_text(&text[hang..], w - INDENT - hang),
        None => vec![text[hang..].to_string()],
    };
    for (k, line) in lines.iter().enumerate() {
        let head = if k == 0 { &text[..hang] } else { "" };
        writeln!(out, "{:INDENT$}{head:hang$}{line}", "")?;
    }
    Ok(())
}

/// The widths a column's cells need: all on one line, and its longest unbreakable unit.
#[derive(Clone, Copy, Debug, Default)]
struct Measure {
    /// Header and cells on one line.
    natural: usize,
    /// The widest cell.
    cells: usize,
    /// The longest unit of a cell.
    unit: usize,
    /// The header's own widths, which wrap like free text.
    header_unit: usize,
}

impl Measure {
    fn of_header(header: &str) -> Measure {
        Measure {
            natural: width(header),
            cells: 0,
            unit: 0,
            header_unit: header.split(' ').map(width).max().unwrap_or(0),
        }
    }

    fn add(&mut self, text: &str) {
        self.natural = self.natural.max(width(text));
        self.cells = self.cells.max(width(text));
        self.unit = self.unit.max(units(text).into_iter().map(width).max().unwrap_or(0));
    }
}

/// Display width, counting a no-break space as one column.
fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Which columns are shown, where folded ones go, and how wide each is.
struct Layout {
    columns: Vec<Column>,
    shown: Vec<bool>,
    widths: Vec<usize>,
    /// Cells wider than their column are wrapped (otherwise one line per row).
    wrapping: bool,
}

impl Layout {
    fn new(columns: &[Column], measures: &[Measure], terminal: Option<usize>) -> Layout {
        let n = columns.len();
        let natural = Layout {
            columns: columns.to_vec(),
            shown: vec![true; n],
            widths: measures.iter().map(|m| m.natural).collect(),
            wrapping: false,
        };
        let Some(limit) = terminal.filter(|w| *w > 0) else {
            return natural;
        };
        if natural.total() <= limit {
            return natural;
        }
        // Fold or drop columns, in the order they are declared, until the narrowest
        // layout fits (or nothing more can go).
        let mut shown = vec![true; n];
        let mut m: Vec<Measure> = measures.to_vec();
        let mut movable: Vec<usize> = (0..n).filter(|&i| columns[i].fit.rank().is_some()).collect();
        movable.sort_by_key(|&i| columns[i].fit.rank());
        let mut next = movable.into_iter();
        loop {
            let widths = Self::fit(columns, &m, &shown, limit);
            let layout = Layout {
                columns: columns.to_vec(),
                shown: shown.clone(),
                widths,
                wrapping: true,
            };
            if layout.total() <= limit {
                return layout;
            }
            match next.next() {
                Some(i) => {
                    shown[i] = false;
                    if let Fit::Fold {
                        into,
                        before,
                        after,
                        whole,
                        ..
                    } = columns[i].fit
                    {
                        let moved = width(before) + measures[i].cells + width(after);
                        m[into].natural += 1 + moved;
                        m[into].cells += 1 + moved;
                        let unit = if whole {
                            moved
                        } else {
                            measures[i].unit + width(before).max(width(after))
                        };
                        m[into].unit = m[into].unit.max(unit);
                    }
                }
                None => return layout,
            }
        }
    }

    /// Widths for the shown columns: kept ones as wide as their widest cell, free text
    /// sharing what is left, none narrower than its longest unit.
    fn fit(columns: &[Column], m: &[Measure], shown: &[bool], limit: usize) -> Vec<usize> {
        let n = columns.len();
        let wraps = |i: usize| matches!(columns[i].fit, Fit::Wrap);
        let min = |i: usize| {
            if wraps(i) {
                m[i].unit.max(m[i].header_unit).max(1)
            } else {
                // A kept column's header may wrap at its spaces; its cells never do.
                m[i].cells.max(m[i].header_unit)
            }
        };
        let mut widths: Vec<usize> = (0..n).map(|i| if shown[i] { min(i) } else { 0 }).collect();
        let count = shown.iter().filter(|s| **s).count();
        let fixed = 1 + 2 * count.saturating_sub(1);
        let used: usize = widths.iter().sum::<usize>() + fixed;
        let mut spare = limit.saturating_sub(used);
        // Kept columns first get their headers on one line, then free text grows
        // evenly towards its natural width.
        for i in (0..n).filter(|&i| shown[i] && !wraps(i)) {
            let grow = m[i].natural.saturating_sub(widths[i]).min(spare);
            widths[i] += grow;
            spare -= grow;
        }
        let wrapping: Vec<usize> = (0..n).filter(|&i| shown[i] && wraps(i)).collect();
        while spare > 0 {
            let hungry: Vec<usize> = wrapping.iter().copied().filter(|&i| widths[i] < m[i].natural).collect();
            if hungry.is_empty() {
                break;
            }
            let share = (spare / hungry.len()).max(1);
            for i in hungry {
                let grow = share.min(m[i].natural - widths[i]).min(spare);
                widths[i] += grow;
                spare -= grow;
                if spare == 0 {
                    break;
                }
            }
        }
        widths
    }

    /// The width of a line of this layout.
    fn total(&self) -> usize {
        let shown: Vec<usize> = (0..self.widths.len()).filter(|&i| self.shown[i]).collect();
        1 + shown.iter().map(|&i| self.widths[i]).sum::<usize>() + 2 * shown.len().saturating_sub(1)
    }

    /// Writes one row (the header when `header`), on as many lines as its wrapped cells
    /// need, without trailing spaces.
    fn write(&self, out: &mut dyn Write, cells: &[Cell], header: bool) -> io::Result<()> {
        let mut texts: Vec<String> = cells.iter().map(|c| c.text.clone()).collect();
        texts.resize(self.columns.len(), String::new());
        if !header {
            for (i, c) in self.columns.iter().enumerate() {
                if let (
                    false,
                    Fit::Fold {
                        into,
                        before,
                        after,
                        whole,
                        ..
                    },
                ) = (self.shown[i], c.fit)
                {
                    if !texts[i].is_empty() {
                        let moved = format!("{before}{}{after}", texts[i]);
                        texts[into].push(' ');
                        texts[into].push_str(&if whole { moved.replace(' ', "\u{a0}") } else { moved });
                    }
                }
            }
        }
        let lines: Vec<Vec<String>> = (0..self.columns.len())
            .map(|i| {
                if !self.shown[i] {
                    Vec::new()
                } else if self.wrapping && width(&texts[i]) > self.widths[i] {
                    wrap_text(&texts[i], self.widths[i])
                } else {
                    vec![texts[i].clone()]
                }
            })
            .collect();
        let height = lines.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let mut line = String::new();
        for k in 0..height {
            line.clear();
            let mut first = true;
            for i in (0..self.columns.len()).filter(|&i| self.shown[i]) {
                line.push_str(if first { " " } else { "  " });
                first = false;
                let text = lines[i].get(k).map_or("", String::as_str);
                let color = cells.get(i).and_then(|c| c.color).and_then(Color::ansi);
                match color.filter(|_| !text.is_empty()) {
                    Some(code) => {
                        line.push_str(code);
                        line.push_str(text);
                        line.push_str("\x1b[39m");
                    }
                    None => line.push_str(text),
                }
                line.extend(std::iter::repeat_n(' ', self.widths[i].saturating_sub(width(text))));
            }
            writeln!(out, "{}", line.trim_end().replace(NO_BREAK, " "))?;
        }
        Ok(())
    }
}

/// Abbreviations never left at the end of a line: "Art. 17(1)" stays together.
const GLUED: [&str; 10] = [
    "Art.", "art.", "Arts.", "arts.", "para", "paras", "No.", "Reg.", "cl.", "§",
];

/// The units a line may break between: words, an abbreviation that introduces a number
/// joined to it ("Art. 17(1)").
fn units(text: &str) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    let (mut offset, mut start, mut glue) = (0, 0, false);
    for word in text.split(' ') {
        let end = offset + word.len();
        if !word.is_empty() {
            if glue {
                out.pop();
            } else {
                start = offset;
            }
            out.push(&text[start..end]);
            glue = GLUED.contains(&word.trim_start_matches(['(', '[']));
        }
        offset = end + 1;
    }
    out
}

/// `text` in lines of at most `limit` columns, broken between [`units`] only (a unit
/// longer than the limit stands on its own line).
fn wrap_text(text: &str, limit: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    for unit in units(text) {
        if !current.is_empty() && width(&current) + 1 + width(unit) > limit {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(unit);
    }
    if !current.is_empty() || lines.is_empty() {
        lines.push(current);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    const COLUMNS: [Column; 5] = [
        keep("date"),
        drop("days", 1),
        keep("agreement"),
        wrap("what"),
        fold("article", 2, 3, "(", ")"),
    ];

    fn sample(width: Option<u16>) -> String {
        let style = Style { color: false, width };
        let mut t = table(&style, &COLUMNS);
        t.add_row(vec![
            Cell::new("2027-01-27"),
            Cell::new("+66"),
            Cell::new("unhcr-iom-1997"),
            Cell::new("The Secretariat of ECO and the Administration of IOM consult each other"),
            Cell::new("Art. VII"),
        ]);
        t.add_row(vec![
            Cell::new("-"),
            Cell::new(""),
            Cell::new("eco-iom-2009"),
            Cell::new("Prepare a work programme"),
            Cell::new(""),
        ]);
        let mut out = Vec::new();
        write_table(&mut out, &t).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn a_table_that_fits_is_written_on_one_line_a_row() {
        assert_eq!(sample(None), sample(Some(200)));
        assert_eq!(sample(None).lines().count(), 3);
        assert!(sample(None).starts_with(" DATE        DAYS  AGREEMENT"));
    }

    #[test]
    fn narrow_tables_wrap_free_text_only() {
        for w in [60, 44] {
            let out = sample(Some(w));
            for line in out.lines() {
                assert!(width(line) <= usize::from(w), "{w}: {line:?}\n{out}");
            }
            assert!(out.contains("2027-01-27"), "{out}");
            assert!(out.contains("unhcr-iom-1997"), "{out}");
            assert!(out.contains("Administration"), "{out}");
        }
        // At 44 the days go and the article follows the text, unsplit.
        let narrow = sample(Some(44));
        assert!(!narrow.contains("DAYS") && !narrow.contains("ARTICLE"), "{narrow}");
        assert!(narrow.contains("(Art. VII)"), "{narrow}");
    }

    #[test]
    fn units_stay_whole() {
        let style = Style {
            color: false,
            width: Some(24),
        };
        let mut t = table(&style, &[keep("id"), wrap("status")]);
        t.add_row(vec![
            Cell::new("x"),
            Cell::units(&["in force", "(last day 2027-02-20)"]),
        ]);
        let mut out = Vec::new();
        write_table(&mut out, &t).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(out.contains("in force\n"), "{out}");
        assert!(out.contains("(last day 2027-02-20)"), "{out}");
        assert!(!out.contains(NO_BREAK), "{out}");
    }

    #[test]
    fn a_zero_width_is_no_width() {
        assert_eq!(sample(Some(0)), sample(None));
    }

    #[test]
    fn wrapping_breaks_at_spaces_only() {
        assert_eq!(wrap_text("a bb ccc dddd", 6), ["a bb", "ccc", "dddd"]);
        assert_eq!(wrap_text("implementation of", 5), ["implementation", "of"]);
        assert_eq!(wrap_text("", 5), [""]);
        assert_eq!(wrap_text("signature (Art. 17(1))", 15), ["signature", "(Art. 17(1))"]);
        assert_eq!(wrap_text("in para 47 it", 6), ["in", "para 47", "it"]);
        assert_eq!(units("a (Art. 2) b"), ["a", "(Art. 2)", "b"]);
    }
}
