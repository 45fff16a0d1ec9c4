//! Periods of time as agreements write them ("six months", "90 days", `P1Y6M`):
//! the [`Period`] type, its parser and its canonical spelling.
//!
//! A period is kept in its calendar units (years, months, weeks, days) and is never
//! normalised to a number of days: "6 months" and "182 days" count differently
//! under Reg. 1182/71 art. 3(2)(c). Date arithmetic lives in [`crate::time::calendar`].

use std::fmt;

/// A length of time in calendar units, as written in an agreement.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Period {
    pub years: u32,
    pub months: u32,
    pub weeks: u32,
    pub days: u32,
}

/// Why a period could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct PeriodError(pub String);

/// The forms the parser accepts, for error messages and documentation.
pub const ACCEPTED_FORMS: &str =
    "`90 days`, `2 weeks`, `6 months`, `six months`, `1 year`, `1 year 6 months`, short forms `30d`, `2w`, `6m`, `1y`, or ISO 8601 such as `P90D`, `P6M`, `P1Y6M`, `P2W`";

/// Number words one to twelve, the ones agreements spell out.
const NUMBER_WORDS: [&str; 12] = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
];

/// Periods longer than this many years are refused: they are typing mistakes, and
/// refusing them keeps all date arithmetic inside chrono's range. The limit applies to
/// the numbers as written, each unit on its own and all units together, computed
/// without overflow: `613566757 weeks` is 4,294,967,299 days, not 3.
pub const MAX_YEARS: u32 = 1000;

/// The limit in months and in days (a year counted as 366 days).
const MAX_MONTHS: u64 = MAX_YEARS as u64 * 12;
const MAX_DAYS: u64 = MAX_YEARS as u64 * 366;

impl Period {
    pub const fn days(n: u32) -> Self {
        Period {
            years: 0,
            months: 0,
            weeks: 0,
            days: n,
        }
    }
    pub const fn weeks(n: u32) -> Self {
        Period {
            years: 0,
            months: 0,
            weeks: n,
            days: 0,
        }
    }
    pub const fn months(n: u32) -> Self {
        Period {
            years: 0,
            months: n,
            weeks: 0,
            days: 0,
        }
    }
    pub const fn years(n: u32) -> Self {
        Period {
            years: n,
            months: 0,
            weeks: 0,
            days: 0,
        }
    }

    /// Whether the period has no length at all ("0 days").
    pub fn is_zero(&self) -> bool {
        self.total_months() == 0 && self.total_days() == 0
    }

    /// Years and months together, in months: the part counted by art. 3(2)(c).
    /// Saturates at `u32::MAX`, which is far outside the calendar (a parsed period has
    /// at most 12,000 months; only a period built in code can get there).
    ///
    /// ```
    /// use accord::time::period::Period;
    /// assert_eq!(Period { years: 1, months: 6, ..Period::default() }.total_months(), 18);
    /// assert_eq!(Period { years: u32::MAX, months: 1, ..Period::default() }.total_months(), u32::MAX);
    /// ```
    pub fn total_months(&self) -> u32 {
        self.years.saturating_mul(12).saturating_add(self.months)
    }

    /// Weeks and days together, in days: the part counted day by day. Saturates at
    /// `u32::MAX` like [`Period::total_months`].
    ///
    /// ```
    /// use accord::time::period::Period;
    /// assert_eq!(Period { weeks: 2, days: 3, ..Period::default() }.total_days(), 17);
    /// assert_eq!(Period::weeks(613_566_757).total_days(), u32::MAX);
    /// ```
    pub fn total_days(&self) -> u32 {
        self.weeks.saturating_mul(7).saturating_add(self.days)
    }

    /// Whether the month-end rule of art. 3(2)(c) can apply to this period.
    pub fn has_months(&self) -> bool {
        self.total_months() > 0
    }

    /// The period `k` times over, for schedules computed from their anchor.
    pub fn times(&self, k: u32) -> Option<Period> {
        Some(Period {
            years: self.years.checked_mul(k)?,
            months: self.months.checked_mul(k)?,
            weeks: self.weeks.checked_mul(k)?,
            days: self.days.checked_mul(k)?,
        })
    }

    /// A rough length in days, only for ordering periods and choosing search bounds,
    /// never for computing a date.
    pub fn approx_days(&self) -> u64 {
        u64::from(self.total_months()) * 31 + u64::from(self.total_days())
    }

    /// Reads a period in any accepted form.
    ///
    /// ```
    /// use accord::time::period::Period;
    /// assert_eq!(Period::parse("six months").unwrap(), Period::months(6));
    /// assert_eq!(Period::parse("P1Y6M").unwrap().total_months(), 18);
    /// assert_eq!(Period::parse("90 days").unwrap(), Period::days(90));
    /// assert_eq!(Period::parse("30d").unwrap(), Period::days(30));
    /// assert_eq!(Period::parse("1y6m").unwrap().total_months(), 18);
    /// assert!(Period::parse("90").is_err());
    /// assert!(Period::parse("6x").is_err());
    /// ```
    ///
    /// # Errors
    ///
    /// A [`PeriodError`] naming the accepted forms when `input` is not one of them, or
    /// the period is longer than 1,000 years.
    pub fn parse(input: &str) -> Result<Period, PeriodError> {
        let text = input.trim();
        if text.is_empty() {
            return Err(PeriodError(format!("empty period; write it as {ACCEPTED_FORMS}")));
        }
        let short = text.starts_with(|c: char| c.is_ascii_digit()) && !text.contains(' ');
        let period = if text.starts_with(['P', 'p']) && !text.contains(' ') {
            parse_iso(text)
        } else if short && text.ends_with(|c: char| c.is_ascii_alphabetic()) && single_letter_units(text) {
            // `30d`, `6m`, `1y6m`: ISO 8601 without its `P`.
            parse_iso(&format!("P{text}")).map_err(|why| why.replacen(&format!("`P{text}`"), &format!("`{text}`"), 1))
        } else if short {
            // `90days`, `1year6months`: words written without their spaces.
            parse_words(&spaced(text))
        } else {
            parse_words(text)
        }
        .map_err(|why| PeriodError(format!("{why}; write it as {ACCEPTED_FORMS}")))?;
        if period.is_too_long() {
            return Err(PeriodError(format!("period `{text}` is longer than {MAX_YEARS} years")));
        }
        Ok(period)
    }

    /// Whether the period is longer than [`MAX_YEARS`]: more than 12,000 months in its
    /// years and months, or more than 366,000 days in its weeks and days. Computed in
    /// 64 bits, so no number a `u32` can hold wraps around.
    fn is_too_long(&self) -> bool {
        let months = u64::from(self.years) * 12 + u64::from(self.months);
        let days = u64::from(self.weeks) * 7 + u64::from(self.days);
        months > MAX_MONTHS || days > MAX_DAYS
    }
}

fn parse_iso(text: &str) -> Result<Period, String> {
    let body = &text[1..];
    if body.is_empty() {
        return Err(format!("`{text}` has no length after `P`"));
    }
    if body.contains(['T', 't']) {
        return Err(format!("`{text}` has a time part; agreement periods are whole days"));
    }
    let mut period = Period::default();
    let mut digits = String::new();
    let mut seen = String::new();
    for ch in body.chars() {
        if ch.is_ascii_digit() {
            digits.push(ch);
            continue;
        }
        let unit = ch.to_ascii_uppercase();
        if digits.is_empty() {
            return Err(format!("`{text}` has `{ch}` without a number before it"));
        }
        if seen.contains(unit) {
            return Err(format!("`{text}` gives `{unit}` twice"));
        }
        let n: u32 = digits.parse().map_err(|_| format!("`{text}` has a number too large"))?;
        match unit {
            'Y' => period.years = n,
            'M' => period.months = n,
            'W' => period.weeks = n,
            'D' => period.days = n,
            _ => return Err(format!("`{text}` has an unknown unit `{ch}`")),
        }
        seen.push(unit);
        digits.clear();
    }
    if !digits.is_empty() {
        return Err(format!("`{text}` ends with a number without a unit"));
    }
    Ok(period)
}

/// Whether every run of letters in `text` is one letter long (`1y6m`, not `90days`).
fn single_letter_units(text: &str) -> bool {
    text.split(|c: char| !c.is_ascii_alphabetic())
        .all(|run| run.chars().count() <= 1)
}

/// `text` with a space wherever digits and letters meet: `1year6months` → `1 year 6 months`.
fn spaced(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    let mut last: Option<char> = None;
    for c in text.chars() {
        if last.is_some_and(|l| l.is_ascii_digit() != c.is_ascii_digit()) {
            out.push(' ');
        }
        out.push(c);
        last = Some(c);
    }
    out
}

fn parse_words(text: &str) -> Result<Period, String> {
    let lower = text.to_ascii_lowercase();
    let tokens: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.is_empty() && *t != "and")
        .collect();
    if !tokens.len().is_multiple_of(2) {
        return Err(format!("`{text}` needs a number and a unit for each part"));
    }
    let mut period = Period::default();
    let mut seen: Vec<&str> = Vec::new();
    for pair in tokens.chunks(2) {
        let n = number(pair[0])?;
        let unit = pair[1];
        let canonical = match unit {
            "day" | "days" => "day",
            "week" | "weeks" => "week",
            "month" | "months" => "month",
            "year" | "years" => "year",
            _ => return Err(format!("`{unit}` is not a unit (days, weeks, months, years)")),
        };
        if seen.contains(&canonical) {
            return Err(format!("`{text}` gives {canonical}s twice"));
        }
        seen.push(canonical);
        match canonical {
            "day" => period.days = n,
            "week" => period.weeks = n,
            "month" => period.months = n,
            _ => period.years = n,
        }
    }
    Ok(period)
}

/// A number written in digits or as a word from one to twelve.
fn number(token: &str) -> Result<u32, String> {
    if let Some(i) = NUMBER_WORDS.iter().position(|w| *w == token) {
        return Ok(i as u32 + 1);
    }
    if !token.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!("`{token}` is not a number"));
    }
    token.parse().map_err(|_| format!("`{token}` is too large a number"))
}

impl Period {
    /// "6 months' notice", "1 month's notice": the period as a possessive.
    ///
    /// ```
    /// use accord::time::period::Period;
    /// assert_eq!(Period::months(1).possessive(), "1 month's");
    /// assert_eq!(Period::days(90).possessive(), "90 days'");
    /// ```
    pub fn possessive(&self) -> String {
        let s = self.to_string();
        if s.ends_with('s') {
            format!("{s}'")
        } else {
            format!("{s}'s")
        }
    }
}

impl fmt::Display for Period {
    /// The canonical spelling: `6 months`, `1 year 6 months`, `90 days`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts = [
            (self.years, "year"),
            (self.months, "month"),
            (self.weeks, "week"),
            (self.days, "day"),
        ];
        let mut first = true;
        for (n, unit) in parts {
            if n == 0 {
                continue;
            }
            if !first {
                f.write_str(" ")?;
            }
            first = false;
            write!(f, "{n} {unit}{}", if n == 1 { "" } else { "s" })?;
        }
        if first {
            f.write_str("0 days")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_written_without_their_spaces() {
        assert_eq!(Period::parse("90days"), Ok(Period::days(90)));
        assert_eq!(Period::parse("1Year6Months"), Period::parse("1 year 6 months"));
        // One letter per unit stays the short form: `m` is months, never minutes.
        assert_eq!(Period::parse("6m"), Ok(Period::months(6)));
        assert!(Period::parse("90dayz").is_err_and(|e| e.0.contains("`dayz` is not a unit")));
    }

    #[test]
    fn words_singular_plural_and_spelled_numbers() {
        assert_eq!(Period::parse("90 days"), Ok(Period::days(90)));
        assert_eq!(Period::parse("1 day"), Ok(Period::days(1)));
        assert_eq!(Period::parse("2 weeks"), Ok(Period::weeks(2)));
        assert_eq!(Period::parse("Six Months"), Ok(Period::months(6)));
        assert_eq!(Period::parse("twelve months"), Ok(Period::months(12)));
        assert_eq!(Period::parse("1 year"), Ok(Period::years(1)));
        assert_eq!(
            Period::parse("1 year and 6 months"),
            Ok(Period {
                years: 1,
                months: 6,
                weeks: 0,
                days: 0
            })
        );
    }

    #[test]
    fn iso_8601() {
        assert_eq!(Period::parse("P90D"), Ok(Period::days(90)));
        assert_eq!(Period::parse("P6M"), Ok(Period::months(6)));
        assert_eq!(Period::parse("P1Y"), Ok(Period::years(1)));
        assert_eq!(Period::parse("P2W"), Ok(Period::weeks(2)));
        assert_eq!(
            Period::parse("P1Y6M"),
            Ok(Period {
                years: 1,
                months: 6,
                weeks: 0,
                days: 0
            })
        );
    }

    #[test]
    fn rejects_what_it_cannot_read_and_names_the_forms() {
        for bad in [
            "",
            "90",
            "days",
            "ninety days",
            "6 moons",
            "P",
            "P6",
            "PT6H",
            "P6M6M",
            "6 months 2 months",
            "P99999999999D",
            "5000 years",
        ] {
            let err = Period::parse(bad).expect_err(bad);
            assert!(!err.0.is_empty(), "{bad}");
        }
        assert!(Period::parse("6 moons").unwrap_err().0.contains("P6M"));
    }

    #[test]
    fn numbers_that_would_overflow_are_refused_not_wrapped() {
        // Each of these wrapped around in 32 bits: 613566757 weeks is 4,294,967,299
        // days (3 after wrapping); 1 year 4294967295 months read as 11 months.
        for text in [
            "613566757 weeks",
            "P613566757W",
            "1 year 4294967295 months",
            "P1Y4294967295M",
            "4294967295 years",
            "357913942 years",
            "4294967295 days 1 week",
        ] {
            let err = Period::parse(text).expect_err(text);
            assert!(err.0.contains("longer than 1000 years"), "{text}: {}", err.0);
        }
        for text in ["4294967296 days", "P4294967296D"] {
            let err = Period::parse(text).expect_err(text);
            assert!(err.0.contains("too large"), "{text}: {}", err.0);
        }
    }

    #[test]
    fn the_limit_is_a_thousand_years_in_each_unit_and_together() {
        let ok = |t: &str| assert!(Period::parse(t).is_ok(), "{t} should be read");
        let too_long = |t: &str| assert!(Period::parse(t).is_err(), "{t} should be refused");
        ok("1000 years");
        too_long("1001 years");
        ok("12000 months");
        too_long("12001 months");
        ok("999 years 12 months");
        too_long("1000 years 1 month");
        ok("366000 days");
        too_long("366001 days");
        ok("52285 weeks 5 days");
        too_long("52285 weeks 6 days");
        too_long("52286 weeks");
        ok("1000 years 366000 days");
    }

    #[test]
    fn totals_saturate_instead_of_wrapping() {
        let huge = Period {
            years: u32::MAX,
            months: u32::MAX,
            weeks: u32::MAX,
            days: u32::MAX,
        };
        assert_eq!((huge.total_months(), huge.total_days()), (u32::MAX, u32::MAX));
        assert!(!huge.is_zero());
        assert!(huge.has_months());
        let p = Period {
            years: 2,
            months: 3,
            weeks: 4,
            days: 5,
        };
        assert_eq!(
            (p.total_months(), p.total_days(), p.approx_days()),
            (27, 33, 27 * 31 + 33)
        );
    }

    #[test]
    fn times_is_none_when_a_unit_overflows() {
        let p = Period {
            years: 1,
            months: 2,
            weeks: 3,
            days: 4,
        };
        assert_eq!(
            p.times(3),
            Some(Period {
                years: 3,
                months: 6,
                weeks: 9,
                days: 12
            })
        );
        for big in [Period::years(2), Period::months(2), Period::weeks(2), Period::days(2)] {
            assert_eq!(big.times(u32::MAX), None, "{big:?}");
            assert!(big.times(u32::MAX / 2).is_some());
        }
    }

    #[test]
    fn zero_is_read_but_known_to_be_zero() {
        assert!(Period::parse("0 days").unwrap().is_zero());
        assert!(!Period::parse("1 day").unwrap().is_zero());
    }

    #[test]
    fn display_is_canonical_and_reparses() {
        for text in ["6 months", "90 days", "1 year 6 months", "2 weeks", "1 year"] {
            let p = Period::parse(text).unwrap();
            assert_eq!(p.to_string(), text);
            assert_eq!(Period::parse(&p.to_string()).unwrap(), p);
        }
    }
}
