//! Fitting a table to a width: how wide each column must be (its widest cell, its
//! longest unit), which columns fold or drop when even the narrowest layout does not
//! fit, and how each row is written on as many lines as its wrapped cells need.

use super::wrap::{each_unit, wrap_text};
use super::{Cell, Color, Column, Fit, NO_BREAK};
use std::borrow::Cow;
use unicode_width::UnicodeWidthStr;

/// The widths a column's cells need: all on one line, and its longest unbreakable unit.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Measure {
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
    pub(super) fn of_header(header: &str) -> Measure {
        Measure {
            natural: width(header),
            cells: 0,
            unit: 0,
            header_unit: header.split(' ').map(width).max().unwrap_or(0),
        }
    }

    /// The widths of two sets of cells together.
    pub(super) fn merge(&mut self, other: &Measure) {
        self.natural = self.natural.max(other.natural);
        self.cells = self.cells.max(other.cells);
        self.unit = self.unit.max(other.unit);
        self.header_unit = self.header_unit.max(other.header_unit);
    }

    /// Measures a cell; its units too when `units` (the table is fitted to a width).
    pub(super) fn add(&mut self, text: &str, units: bool) {
        let w = width(text);
        self.natural = self.natural.max(w);
        self.cells = self.cells.max(w);
        // No unit of a cell is wider than the cell.
        if units && w > self.unit {
            each_unit(text, |u| self.unit = self.unit.max(width(u)));
        }
    }
}

/// Display width, counting a no-break space as one column.
pub(super) fn width(s: &str) -> usize {
    // Printable ASCII, most of what a table holds, is a column a byte.
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        s.len()
    } else {
        UnicodeWidthStr::width(s)
    }
}

/// Buffers that [`Layout::write`] reuses from one row to the next.
#[derive(Default)]
pub(super) struct Scratch {
    line: String,
}

const SPACES: &str = "                                                                ";

/// Writes `line` to `out` without its trailing spaces, its no-break spaces (which kept
/// units together) as spaces.
fn emit(out: &mut Vec<u8>, line: &str) {
    for (j, part) in line.trim_end().split(NO_BREAK).enumerate() {
        if j > 0 {
            out.push(b' ');
        }
        out.extend_from_slice(part.as_bytes());
    }
    out.push(b'\n');
}

/// Which columns are shown, where folded ones go, and how wide each is.
pub(super) struct Layout {
    columns: Vec<Column>,
    shown: Vec<bool>,
    widths: Vec<usize>,
    /// Cells wider than their column are wrapped (otherwise one line per row).
    wrapping: bool,
}

impl Layout {
    pub(super) fn new(columns: &[Column], measures: &[Measure], terminal: Option<usize>) -> Layout {
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
    pub(super) fn write(&self, out: &mut Vec<u8>, cells: &[Cell], header: bool, scratch: &mut Scratch) {
        let n = self.columns.len();
        let text = |i: usize| cells.get(i).map_or("", |c| &*c.text);
        let color = |i: usize| cells.get(i).and_then(|c| c.color).and_then(Color::ansi);
        let line = &mut scratch.line;
        // Not fitted to a width, every column is shown and every row is one line.
        if !self.wrapping {
            line.clear();
            for i in 0..n {
                self.push_cell(line, i, text(i), color(i));
            }
            emit(out, line);
            return;
        }
        let mut texts: Vec<Cow<'_, str>> = (0..n).map(|i| Cow::Borrowed(text(i))).collect();
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
                        let joined = texts[into].to_mut();
                        joined.push(' ');
                        joined.push_str(&if whole { moved.replace(' ', "\u{a0}") } else { moved });
                    }
                }
            }
        }
        // Cells wider than their column, in lines; the others are one line.
        let wrapped: Vec<Option<Vec<String>>> = (0..n)
            .map(|i| (self.shown[i] && width(&texts[i]) > self.widths[i]).then(|| wrap_text(&texts[i], self.widths[i])))
            .collect();
        let height = wrapped.iter().flatten().map(Vec::len).max().unwrap_or(1).max(1);
        for k in 0..height {
            line.clear();
            for i in 0..n {
                let text = match &wrapped[i] {
                    Some(lines) => lines.get(k).map_or("", String::as_str),
                    None if k == 0 => &texts[i],
                    None => "",
                };
                self.push_cell(line, i, text, color(i));
            }
            emit(out, line);
        }
    }

    /// Adds column `i`'s `text` to `line` (nothing when the column is not shown): after
    /// the space before it, in `color` if any, padded to the column's width.
    fn push_cell(&self, line: &mut String, i: usize, text: &str, color: Option<&str>) {
        if !self.shown[i] {
            return;
        }
        line.push_str(if line.is_empty() { " " } else { "  " });
        match color.filter(|_| !text.is_empty()) {
            Some(code) => {
                line.push_str(code);
                line.push_str(text);
                line.push_str("\x1b[39m");
            }
            None => line.push_str(text),
        }
        let mut pad = self.widths[i].saturating_sub(width(text));
        while pad > 0 {
            let k = pad.min(SPACES.len());
            line.push_str(&SPACES[..k]);
            pad -= k;
        }
    }
}
