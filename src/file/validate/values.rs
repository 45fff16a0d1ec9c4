//! Scalar values as files write them: dates (`YYYY-MM-DD`, and why a date does not
//! exist) and ids (`[a-z0-9-]+`, and a valid id to suggest for an invalid one).

use crate::time::calendar::{month_name, term_last_day};
use crate::time::period::Period;
use chrono::{Datelike, NaiveDate};

/// Parses a strict ISO date and explains why one does not exist.
///
/// ```
/// use accord::file::validate::parse_date;
/// assert!(parse_date("2024-02-29").is_ok());
/// assert_eq!(parse_date("2023-02-29").unwrap_err(), "2023-02-29 does not exist: February 2023 has 28 days");
/// ```
///
/// # Errors
///
/// A sentence saying why `text` is not a date: its shape, a month that does not exist,
/// or a day its month does not have.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let b = text.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape {
        return Err(format!("`{text}` is not a date in the form YYYY-MM-DD"));
    }
    let (y, m, d) = (
        text[0..4].parse().unwrap_or(0),
        text[5..7].parse().unwrap_or(0),
        text[8..10].parse().unwrap_or(0),
    );
    if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
        return Ok(date);
    }
    if !(1..=12).contains(&m) {
        return Err(format!("{text} does not exist: there is no month {m}"));
    }
    let first = NaiveDate::from_ymd_opt(y, m, 1).ok_or_else(|| format!("{text} is out of range"))?;
    let days = term_last_day(first, Period::months(1)).map_or(31, |d| d.day());
    Err(format!("{text} does not exist: {} {y} has {days} days", month_name(m)))
}

/// Whether `id` is a valid agreement, party, obligation or amendment id.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-')
}

/// A valid id close to an invalid one: `Bad Id` → `bad-id`.
pub(super) fn suggest_id(id: &str) -> String {
    let s: String = id
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let s = s.trim_matches('-').to_string();
    if s.is_empty() {
        "my-agreement".into()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_that_do_not_exist_say_why() {
        assert_eq!(
            parse_date("2023-13-01").unwrap_err(),
            "2023-13-01 does not exist: there is no month 13"
        );
        assert_eq!(
            parse_date("2023-04-31").unwrap_err(),
            "2023-04-31 does not exist: April 2023 has 30 days"
        );
        assert!(parse_date("2023-4-1").unwrap_err().contains("YYYY-MM-DD"));
    }

    #[test]
    fn ids_and_suggestions() {
        assert!(is_valid_id("eco-iom-2009"));
        assert!(!is_valid_id("Eco IOM"));
        assert!(!is_valid_id(""));
        assert_eq!(suggest_id("Eco IOM 2009"), "eco-iom-2009");
        assert_eq!(suggest_id("!!"), "my-agreement");
    }
}
