//! `accord due` output: table, JSON, CSV and Markdown (ICS is in [`super::ics`]).

use super::packed::Fields;
use super::{drop, fold, fold_text, iso_date, keep, opt, wrap, write_rows_with_notes, Cell, Color, Column, Style};
use crate::engine::due::{DueStatus, Item, Kind};
use crate::model::Modality;
use chrono::NaiveDate;
use std::borrow::Cow;
use std::io::{self, Write};

/// One `due` item as the table and CSV print it, with its sort key: the printed
/// fields share one allocation, about a quarter of an [`Item`]'s memory, which
/// matters when a registry's report runs to hundreds of thousands of rows.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Row {
    #[serde(with = "super::packed::day_number")]
    pub date: Option<NaiveDate>,
    pub status: DueStatus,
    kind: Kind,
    assumed: bool,
    /// agreement, id, text, who, article, parties (space-separated), the marks the
    /// table adds to the text, the assumptions (space-separated), and the explanation
    /// (empty unless asked for).
    fields: Fields<9>,
}

/// What the table says beside an item's text: what rests on an assumption, what is
/// not binding, what depends on a condition.
pub(crate) fn marks(i: &Item) -> String {
    let mut out = String::new();
    for a in &i.assumptions {
        out.push_str(match *a {
            "interval" => " [assumed interval]",
            "entry_into_force" => " [assumed entry into force]",
            _ => " [assumed]",
        });
    }
    match i.modality {
        Some(Modality::Intends) => out.push_str(" [intention, not binding]"),
        Some(Modality::Should) => out.push_str(" [recommendation]"),
        _ => {}
    }
    if let Some(c) = &i.condition {
        out.push_str(&format!(" [if {c}]"));
    }
    out
}

impl Row {
    pub(crate) fn of(i: &Item) -> Row {
        let article = i.article.as_deref().unwrap_or("");
        Row {
            date: i.date,
            status: i.status,
            kind: i.kind,
            assumed: i.assumed,
            fields: Fields::new([
                &i.agreement,
                &i.id,
                &i.text,
                &i.who,
                article,
                &i.parties.join(" "),
                &marks(i),
                &i.assumptions.join(" "),
                &i.explanation,
            ]),
        }
    }

    pub(crate) fn agreement(&self) -> &str {
        self.fields.get(0)
    }

    pub(crate) fn id(&self) -> &str {
        self.fields.get(1)
    }

    fn text(&self) -> &str {
        self.fields.get(2)
    }

    /// Who must act, as display labels.
    fn who(&self) -> &str {
        self.fields.get(3)
    }

    fn article(&self) -> &str {
        self.fields.get(4)
    }

    fn marks(&self) -> &str {
        self.fields.get(6)
    }

    fn assumptions(&self) -> &str {
        self.fields.get(7)
    }

    /// How the date was computed; empty when explanations were left out.
    fn explanation(&self) -> &str {
        self.fields.get(8)
    }

    /// Party ids, space-separated.
    fn parties(&self) -> &str {
        self.fields.get(5)
    }

    /// As [`Item::days`] (not kept: it follows from the date).
    fn days(&self, as_of: NaiveDate) -> Option<i64> {
        self.date.map(|d| crate::engine::due::days_from(as_of, d))
    }

    fn order(&self) -> impl Ord + '_ {
        crate::engine::due::order(self.date, self.agreement(), self.kind, self.id())
    }
}

/// Sorts rows in the report's order ([`crate::engine::due::order`]): by date first,
/// which is a cheap key, then each date's rows by the whole order (the same order, with
/// a string comparison only between rows of the same date).
pub(crate) fn sort(rows: &mut [Row]) {
    rows.sort_unstable_by_key(|r| (r.date.is_none(), r.date));
    for day in rows.chunk_by_mut(|a, b| a.date == b.date) {
        day.sort_unstable_by(|a, b| a.order().cmp(&b.order()));
    }
}

/// The due table: on a narrow terminal the parties follow the text first, then the
/// days go, then the article follows the text too.
const DUE_COLUMNS: [Column; 7] = [
    keep("date"),
    drop("days", 2),
    keep("status"),
    keep("agreement"),
    wrap("what"),
    fold_text("who", 1, 4, "— ", ""),
    fold("article", 3, 4, "(", ")"),
];

pub(crate) fn table_out<'r>(
    out: &mut dyn Write,
    style: &Style,
    rows: &'r [Row],
    as_of: NaiveDate,
    empty: &str,
) -> io::Result<()> {
    if rows.is_empty() {
        return writeln!(out, "{empty}");
    }
    let row = |n: usize, cells: &mut Vec<Cell<'r>>| {
        let r = &rows[n];
        // Each kept on one line (a no-break space).
        let (mark, color) = match r.status {
            DueStatus::Overdue => ("!\u{a0}overdue", Color::Red),
            DueStatus::Due => ("due", Color::Yellow),
            DueStatus::Upcoming => ("upcoming", Color::Reset),
            DueStatus::Open => ("open", Color::DarkGrey),
        };
        let what = match r.marks() {
            "" => Cow::Borrowed(r.text()),
            marks => Cow::Owned(format!("{}{marks}", r.text())),
        };
        cells.extend([
            Cell::new(r.date.map_or(Cow::Borrowed("-"), |d| Cow::Owned(iso_date(d)))),
            Cell::new(r.days(as_of).map_or(String::new(), |d| format!("{d:+}"))),
            Cell::new(mark).colored(style, color),
            Cell::new(r.agreement()),
            Cell::new(what),
            Cell::new(r.who()),
            Cell::new(r.article()),
        ]);
    };
    let note = |n: usize| {
        let e = rows[n].explanation();
        (!e.is_empty()).then(|| format!("why: {e}"))
    };
    write_rows_with_notes(out, style, &DUE_COLUMNS, rows.len(), row, note)
}

/// The schedule as a GitHub-flavoured Markdown table, the columns of the terminal
/// table; overdue in bold.
pub(crate) fn markdown_out(out: &mut dyn Write, rows: &[Row], as_of: NaiveDate) -> io::Result<()> {
    if rows.is_empty() {
        return writeln!(out, "nothing due");
    }
    let headers = ["Date", "Days", "Status", "Agreement", "What", "Who", "Article"];
    let right = [false, true, false, false, false, false, false];
    let cells = rows.iter().map(|r| {
        let status = match r.status {
            DueStatus::Overdue => "**overdue**".to_string(),
            s => s.name().to_string(),
        };
        vec![
            opt(&r.date),
            r.days(as_of).map_or(String::new(), |d| format!("{d:+}")),
            status,
            r.agreement().to_string(),
            format!("{}{}", r.text(), r.marks()),
            r.who().to_string(),
            r.article().to_string(),
        ]
    });
    super::markdown::table(out, &headers, &right, cells)
}

pub(crate) fn json_out(out: &mut dyn Write, items: &[Item]) -> io::Result<()> {
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

pub(crate) const CSV_COLUMNS: [&str; 12] = [
    "date",
    "days",
    "status",
    "agreement",
    "kind",
    "id",
    "parties",
    "who",
    "article",
    "assumed",
    "text",
    "assumptions",
];

pub(crate) fn csv_out(out: &mut dyn Write, rows: &[Row], as_of: NaiveDate) -> io::Result<()> {
    write!(out, "{}\r\n", CSV_COLUMNS.join(","))?;
    for r in rows {
        let row = [
            r.date.map(|d| d.to_string()).unwrap_or_default(),
            r.days(as_of).map(|d| d.to_string()).unwrap_or_default(),
            r.status.name().to_string(),
            r.agreement().to_string(),
            r.kind.name().to_string(),
            r.id().to_string(),
            r.parties().to_string(),
            r.who().to_string(),
            r.article().to_string(),
            r.assumed.to_string(),
            r.text().to_string(),
            r.assumptions().to_string(),
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
