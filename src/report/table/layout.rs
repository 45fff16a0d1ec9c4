//! Fitting a table to a width: how wide each column must be (its widest cell, its
//! longest unit), which columns fold or drop when even the narrowest layout does not
//! fit, and how each row is written on as many lines as its wrapped cells need.

use super::wrap::{units, wrap_text};
use super::{Cell, Color, Column, Fit, NO_BREAK};
use std::io::{self, Write};
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

    pub(super) fn add(&mut self, text: &str) {
        self.natural = self.natural.max(width(text));
        self.cells = self.cells.max(width(text));
        self.unit = self.unit.max(units(text).into_iter().map(width).max().unwrap_or(0));
    }
}

/// Display width, counting a no-break space as one column.
pub(super) fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
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
    pub(super) fn write(&self, out: &mut dyn Write, cells: &[Cell], header: bool) -> io::Result<()> {
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
