//! `accord due` output: table, JSON and CSV (ICS is in [`super::ics`]).

use super::{colored, opt, table, write_table, Cell, Color, Style};
use crate::due::{DueStatus, Item};
use std::io::{self, Write};

pub fn table_out(out: &mut dyn Write, style: &Style, items: &[Item]) -> io::Result<()> {
    if items.is_empty() {
        return writeln!(out, "nothing due");
    }
    let mut t = table(
        style,
        &["date", "days", "status", "agreement", "what", "who", "article"],
    );
    for i in items {
        let (mark, color) = match i.status {
            DueStatus::Overdue => ("! overdue", Color::Red),
            DueStatus::Due => ("due", Color::Yellow),
            DueStatus::Upcoming => ("upcoming", Color::Reset),
            DueStatus::Open => ("open", Color::DarkGrey),
        };
        let mut what = i.text.clone();
        if i.assumed {
            what.push_str(" [assumed interval]");
        }
        t.add_row(vec![
            Cell::new(opt(&i.date)),
            Cell::new(i.days.map_or(String::new(), |d| format!("{d:+}"))),
            colored(style, mark, color),
            Cell::new(&i.agreement),
            Cell::new(what),
            Cell::new(&i.who),
            Cell::new(i.article.as_deref().unwrap_or("")),
        ]);
    }
    write_table(out, &t)
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

pub fn csv_out(out: &mut dyn Write, items: &[Item]) -> io::Result<()> {
    write!(out, "{}\r\n", CSV_COLUMNS.join(","))?;
    for i in items {
        let row = [
            i.date.map(|d| d.to_string()).unwrap_or_default(),
            i.days.map(|d| d.to_string()).unwrap_or_default(),
            i.status.name().to_string(),
            i.agreement.clone(),
            i.kind.name().to_string(),
            i.id.clone(),
            i.parties.join(" "),
            i.article.clone().unwrap_or_default(),
            i.assumed.to_string(),
            i.text.clone(),
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
