//! `accord due` output: table, JSON and CSV (ICS is in [`super::ics`]).

use super::packed::Fields;
use super::{colored, opt, write_rows, Cell, Color, Style};
use crate::due::{DueStatus, Item, Kind};
use chrono::NaiveDate;
use std::io::{self, Write};

/// One `due` item as the table and CSV print it, with its sort key: the printed
/// fields share one allocation, about a quarter of an [`Item`]'s memory, which
/// matters when a registry's report runs to hundreds of thousands of rows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub date: Option<NaiveDate>,
    pub status: DueStatus,
    kind: Kind,
    assumed: bool,
    /// agreement, id, text, who, article and parties (space-separated).
    fields: Fields<6>,
}

impl Row {
    pub fn of(i: &Item) -> Row {
        let article = i.article.as_deref().unwrap_or("");
        Row {
            date: i.date,
            status: i.status,
            kind: i.kind,
            assumed: i.assumed,
            fields: Fields::new([&i.agreement, &i.id, &i.text, &i.who, article, &i.parties.join(" ")]),
        }
    }

    fn field(&self, n: usize) -> &str {
        self.fields.get(n)
    }

    pub fn agreement(&self) -> &str {
        self.field(0)
    }

    pub fn id(&self) -> &str {
        self.field(1)
    }

    fn order(&self) -> impl Ord + '_ {
        crate::due::order(self.date, self.agreement(), self.kind, self.id())
    }
}

/// Sorts rows in the report's order ([`crate::due::order`]).
pub fn sort(rows: &mut [Row]) {
    rows.sort_unstable_by(|a, b| a.order().cmp(&b.order()));
}

pub fn table_out(out: &mut dyn Write, style: &Style, rows: &[Row], as_of: NaiveDate) -> io::Result<()> {
    if rows.is_empty() {
        return writeln!(out, "nothing due");
    }
    let headers = ["date", "days", "status", "agreement", "what", "who", "article"];
    write_rows(out, style, &headers, rows.len(), |n, cells| {
        let r = &rows[n];
        let (mark, color) = match r.status {
            DueStatus::Overdue => ("! overdue", Color::Red),
            DueStatus::Due => ("due", Color::Yellow),
            DueStatus::Upcoming => ("upcoming", Color::Reset),
            DueStatus::Open => ("open", Color::DarkGrey),
        };
        let mut what = r.field(2).to_string();
        if r.assumed {
            what.push_str(" [assumed interval]");
        }
        cells.extend([
            Cell::new(opt(&r.date)),
            Cell::new(
                r.date
                    .map_or(String::new(), |d| format!("{:+}", (d - as_of).num_days())),
            ),
            colored(style, mark, color),
            Cell::new(r.agreement()),
            Cell::new(what),
            Cell::new(r.field(3)),
            Cell::new(r.field(4)),
        ]);
    })
}

pub fn json_out(out: &mut dyn Write, items: &[Item]) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, items)?;
    writeln!(out)
}

/// RFC 4180: quote a field when it holds a comma, quote or line end.
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

pub const CSV_COLUMNS: [&str; 10] = [
    "date",
    "days",
    "status",
    "agreement",
    "kind",
    "id",
    "parties",
    "article",
    "assumed",
    "text",
];

pub fn csv_out(out: &mut dyn Write, rows: &[Row], as_of: NaiveDate) -> io::Result<()> {
    write!(out, "{}\r\n", CSV_COLUMNS.join(","))?;
    for r in rows {
        let row = [
            r.date.map(|d| d.to_string()).unwrap_or_default(),
            r.date.map(|d| (d - as_of).num_days().to_string()).unwrap_or_default(),
            r.status.name().to_string(),
            r.agreement().to_string(),
            r.kind.name().to_string(),
            r.id().to_string(),
            r.field(5).to_string(),
            r.field(4).to_string(),
            r.assumed.to_string(),
            r.field(2).to_string(),
        ];
        let line: Vec<String> = row.iter().map(|f| csv_field(f)).collect();
        write!(out, "{}\r\n", line.join(","))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::csv_field;

    #[test]
    fn csv_quotes_only_when_needed() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    }
}
