//! GitHub-flavoured Markdown tables, for reports pasted into issues, chat and the job
//! summary of a GitHub Actions run: a header row, a delimiter row, one row per line.
//! A cell's `|` and `\` are escaped (a backslash before a pipe would otherwise escape
//! the escape) and its line ends become spaces, so that no text can end a cell or the
//! table early.

use std::io::{self, Write};

/// The text as one table cell.
pub(crate) fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '|' => out.push_str("\\|"),
            '\\' => out.push_str("\\\\"),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' | '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out.trim().to_string()
}

/// Writes a table; `right` marks the columns aligned to the right (numbers).
pub(crate) fn table(
    out: &mut dyn Write,
    headers: &[&str],
    right: &[bool],
    rows: impl IntoIterator<Item = Vec<String>>,
) -> io::Result<()> {
    let line = |cells: &mut dyn Iterator<Item = String>| {
        let cells: Vec<String> = cells.collect();
        format!("| {} |", cells.join(" | "))
    };
    writeln!(out, "{}", line(&mut headers.iter().map(|h| cell(h))))?;
    let delimiters = (0..headers.len()).map(|i| if right.get(i) == Some(&true) { "--:" } else { "---" });
    writeln!(out, "{}", line(&mut delimiters.map(String::from)))?;
    for row in rows {
        writeln!(out, "{}", line(&mut row.iter().map(|c| cell(c))))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pipes_and_line_ends_cannot_break_a_cell() {
        assert_eq!(cell("a | b"), "a \\| b");
        assert_eq!(cell("two\r\nlines\nhere"), "two lines here");
        assert_eq!(cell("plain"), "plain");
        assert_eq!(cell("a\\|b"), "a\\\\\\|b");
    }

    #[test]
    fn a_table_has_a_header_a_delimiter_and_escaped_rows() {
        let mut out = Vec::new();
        let rows = vec![vec!["-3".to_string(), "report | annex".to_string()]];
        table(&mut out, &["Days", "What"], &[true, false], rows).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "| Days | What |\n| --: | --- |\n| -3 | report \\| annex |\n"
        );
    }
}
