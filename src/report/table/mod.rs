//! Tables in accord's house style: no borders, upper-case headers, columns two spaces
//! apart. Fitted to the terminal's width when one is known: only free-text columns
//! wrap, at spaces, and nothing else is ever split (an id, a date, a status, a word).
//! When even that does not fit, columns that can go elsewhere are folded into a
//! free-text column ("Art. VII" after the text) or dropped (a count of days), in the
//! order the table names. Without a width (a pipe, a file) rows are written on one line
//! each, in two passes over rows made on demand, so a report of any length costs the
//! memory of one row.

mod layout;
mod wrap;

use layout::{Layout, Measure, Scratch};
use std::borrow::Cow;
use std::io::{self, Write};
use wrap::wrap_text;

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
    /// Threads that may render a long table (0 or 1: the calling thread alone).
    pub jobs: usize,
}

/// One table cell: its text (borrowed from what the report holds where it can be, so
/// that a long table's rows cost no copies) and, when colour is on, its colour. Spaces
/// inside a unit that must stay on one line ("in force", "(last day 2027-02-20)") are
/// kept as no-break spaces until the cell is written.
#[derive(Clone, Debug)]
pub(crate) struct Cell<'a> {
    text: Cow<'a, str>,
    color: Option<Color>,
}

const NO_BREAK: char = '\u{a0}';

impl<'a> Cell<'a> {
    pub(crate) fn new(text: impl Into<Cow<'a, str>>) -> Cell<'a> {
        Cell {
            text: text.into(),
            color: None,
        }
    }

    /// A cell of units, each kept on one line: `["in force", "(assumed)"]`.
    pub(crate) fn units<S: AsRef<str>>(units: &[S]) -> Cell<'a> {
        let text = units
            .iter()
            .map(|u| u.as_ref().replace(' ', "\u{a0}"))
            .collect::<Vec<_>>()
            .join(" ");
        Cell {
            text: text.into(),
            color: None,
        }
    }

    /// The same cell, coloured when colour is on.
    pub(crate) fn colored(mut self, style: &Style, color: Color) -> Cell<'a> {
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
    folded(header, rank, into, (before, after), true)
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
    folded(header, rank, into, (before, after), false)
}

/// A folded column: `whole` keeps it on one line in the column it joins.
const fn folded(
    header: &'static str,
    rank: u8,
    into: usize,
    around: (&'static str, &'static str),
    whole: bool,
) -> Column {
    let (before, after) = around;
    Column {
        header,
        fit: Fit::Fold {
            into,
            before,
            after,
            whole,
            rank,
        },
    }
}

/// A table whose rows are held, for short reports.
pub(crate) struct Grid<'a> {
    style: Style,
    columns: Vec<Column>,
    rows: Vec<Vec<Cell<'a>>>,
}

pub(crate) fn table<'a>(style: &Style, columns: &[Column]) -> Grid<'a> {
    Grid {
        style: *style,
        columns: columns.to_vec(),
        rows: Vec::new(),
    }
}

impl<'a> Grid<'a> {
    pub(crate) fn add_row(&mut self, row: Vec<Cell<'a>>) {
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
pub(crate) fn write_rows<'a>(
    out: &mut dyn Write,
    style: &Style,
    columns: &[Column],
    n: usize,
    row: impl Fn(usize, &mut Vec<Cell<'a>>) + Sync,
) -> io::Result<()> {
    write_rows_with_notes(out, style, columns, n, row, |_| None)
}

/// Rows a thread measures or renders at a time: enough to make handing them over cheap,
/// few enough that the rendered rows waiting to be written stay small.
const BLOCK: usize = 64;

/// As [`write_rows`], with a note under each row that has one (`due --explain`),
/// indented and wrapped to the width. Rows are measured and rendered in blocks on up
/// to `style.jobs` threads and written in order: the output is the same whatever the
/// number of threads.
pub(crate) fn write_rows_with_notes<'a>(
    out: &mut dyn Write,
    style: &Style,
    columns: &[Column],
    n: usize,
    row: impl Fn(usize, &mut Vec<Cell<'a>>) + Sync,
    note: impl Fn(usize) -> Option<String> + Sync,
) -> io::Result<()> {
    let blocks: Vec<std::ops::Range<usize>> = (0..n).step_by(BLOCK).map(|s| s..(s + BLOCK).min(n)).collect();
    let jobs = style.jobs.max(1);
    let mut measures: Vec<Measure> = columns.iter().map(|c| Measure::of_header(c.header)).collect();
    // Without a width nothing wraps: the units of cells need not be measured.
    let fitted = style.width.is_some_and(|w| w > 0);
    let measure = |rows: &std::ops::Range<usize>| {
        let mut found = vec![Measure::default(); columns.len()];
        let mut cells = Vec::with_capacity(columns.len());
        for i in rows.clone() {
            cells.clear();
            row(i, &mut cells);
            for (m, c) in found.iter_mut().zip(&cells) {
                m.add(&c.text, fitted);
            }
        }
        found
    };
    crate::parallel::for_each_ordered(&blocks, jobs, measure, |_, found| {
        for (m, f) in measures.iter_mut().zip(&found) {
            m.merge(f);
        }
    });
    let layout = Layout::new(columns, &measures, style.width.map(usize::from));
    let headers: Vec<Cell> = columns.iter().map(|c| Cell::new(c.header.to_uppercase())).collect();
    let mut head = Vec::new();
    layout.write(&mut head, &headers, true, &mut Scratch::default());
    out.write_all(&head)?;
    let render = |rows: &std::ops::Range<usize>| -> io::Result<Vec<u8>> {
        let mut text = Vec::new();
        let mut cells = Vec::with_capacity(columns.len());
        let mut scratch = Scratch::default();
        for i in rows.clone() {
            cells.clear();
            row(i, &mut cells);
            layout.write(&mut text, &cells, false, &mut scratch);
            if let Some(note) = note(i) {
                write_note(&mut text, &note, style.width.map(usize::from))?;
            }
        }
        Ok(text)
    };
    // The first failure to write stops the writing; the blocks still rendered are dropped.
    let mut written = Ok(());
    crate::parallel::for_each_ordered(&blocks, jobs, render, |_, text| {
        if written.is_ok() {
            written = text.and_then(|t| out.write_all(&t));
        }
    });
    written
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

#[cfg(test)]
mod tests {
    use super::layout::width;
    use super::*;

    const COLUMNS: [Column; 5] = [
        keep("date"),
        drop("days", 1),
        keep("agreement"),
        wrap("what"),
        fold("article", 2, 3, "(", ")"),
    ];

    fn sample(width: Option<u16>) -> String {
        let style = Style {
            color: false,
            width,
            jobs: 1,
        };
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

    /// A table of `n` rows of varied widths, with a note under every third row.
    fn long(n: usize, width: Option<u16>, jobs: usize) -> Vec<u8> {
        let style = Style {
            color: true,
            width,
            jobs,
        };
        let row = |i: usize, cells: &mut Vec<Cell>| {
            cells.extend([
                Cell::new(format!("2027-01-{:02}", i % 28 + 1)),
                Cell::new(format!("+{}", i * 7 % 1000)),
                Cell::new(format!("agreement-{}", i % 13)),
                Cell::new("consult each other on the Art. 5 programme ".repeat(i % 4 + 1)).colored(&style, Color::Red),
                Cell::new(if i.is_multiple_of(5) {
                    String::new()
                } else {
                    format!("Art. {i}")
                }),
            ]);
        };
        let note = |i: usize| {
            i.is_multiple_of(3)
                .then(|| format!("why: row {i} is due every {} months", i % 12 + 1))
        };
        let mut out = Vec::new();
        write_rows_with_notes(&mut out, &style, &COLUMNS, n, row, note).unwrap();
        out
    }

    #[test]
    fn the_output_is_the_same_whatever_the_number_of_threads() {
        for width in [None, Some(60)] {
            // Fewer rows than a block, a block and a bit, many blocks.
            for n in [0, 1, BLOCK + 1, 10 * BLOCK + 7] {
                let one = long(n, width, 1);
                // The header, each row, and the notes.
                assert!(String::from_utf8_lossy(&one).lines().count() > n + n / 3);
                for jobs in [2, 3] {
                    assert!(one == long(n, width, jobs), "{n} rows, width {width:?}, {jobs} threads");
                }
            }
        }
        // The widest cell of the last block sets the column for the first rows too.
        let out = String::from_utf8(long(10 * BLOCK + 7, None, 2)).unwrap();
        let first = out.lines().nth(1).unwrap();
        assert!(first.contains("agreement-0   "), "{first:?}");
    }

    /// A writer that fails after `limit` bytes.
    struct Full {
        limit: usize,
        taken: usize,
    }

    impl Write for Full {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.taken + buf.len() > self.limit {
                return Err(io::Error::new(io::ErrorKind::BrokenPipe, "closed"));
            }
            self.taken += buf.len();
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_failed_write_is_reported_and_nothing_after_it_is_written() {
        let style = Style {
            color: false,
            width: None,
            jobs: 2,
        };
        let mut out = Full {
            limit: 10_000,
            taken: 0,
        };
        let row =
            |i: usize, cells: &mut Vec<Cell>| cells.extend([Cell::new(i.to_string()), Cell::new("text of a row")]);
        let err = write_rows(&mut out, &style, &COLUMNS[..2], 10 * BLOCK, row).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::BrokenPipe);
        assert!(out.taken <= 10_000);
    }

    #[test]
    fn units_stay_whole() {
        let style = Style {
            color: false,
            width: Some(24),
            jobs: 1,
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
}
