//! The report layer: the only code that writes to the user. Each command's renderer
//! takes computed results and a writer; nothing here computes dates.

pub(crate) mod cache;
pub(crate) mod diagnostics;
pub(crate) mod due;
pub(crate) mod fingerprint;
pub(crate) mod gitlab;
pub(crate) mod html;
pub(crate) mod ics;
pub(crate) mod import;
pub(crate) mod lifecycle;
pub(crate) mod list;
pub(crate) mod markdown;
pub(crate) mod message;
pub(crate) mod packed;
pub(crate) mod record;
pub(crate) mod sarif;
pub(crate) mod show;
pub(crate) mod table;
pub(crate) mod terminate;

pub(crate) use table::{
    drop, fold, fold_text, keep, table, wrap, write_rows, write_rows_with_notes, write_table, Cell, Color, Column,
    Style,
};

/// Pretty-printed JSON and a line end.
pub(crate) fn write_json(out: &mut dyn std::io::Write, value: &impl serde::Serialize) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)
}

pub(crate) fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map_or_else(|| "-".to_string(), |x| x.to_string())
}

/// A date as `YYYY-MM-DD`, exactly as chrono writes it, without the formatting
/// machinery: a long table writes one or two per row, twice (to measure and to write).
/// Years outside 0–9999, which chrono writes with a sign, are left to chrono.
pub(crate) fn iso_date(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let y = d.year();
    let Ok(y @ 0..=9999) = u32::try_from(y) else {
        return d.to_string();
    };
    let digit = |n: u32| char::from(b'0' + (n % 10) as u8);
    let mut s = String::with_capacity(10);
    s.extend([digit(y / 1000), digit(y / 100), digit(y / 10), digit(y)]);
    s.push('-');
    s.extend([digit(d.month() / 10), digit(d.month())]);
    s.push('-');
    s.extend([digit(d.day() / 10), digit(d.day())]);
    s
}

#[cfg(test)]
mod tests {
    #[test]
    fn dates_are_written_as_chrono_writes_them() {
        let mut d = chrono::NaiveDate::from_ymd_opt(-2, 12, 25).unwrap();
        // Every day from before year 0 to after 10000, by steps that visit every month
        // and day length, and the ends of chrono's range.
        while d < chrono::NaiveDate::from_ymd_opt(10_003, 1, 1).unwrap() {
            assert_eq!(super::iso_date(d), d.to_string());
            d = d + chrono::Days::new(13);
        }
        for d in [chrono::NaiveDate::MIN, chrono::NaiveDate::MAX] {
            assert_eq!(super::iso_date(d), d.to_string());
        }
    }
}
