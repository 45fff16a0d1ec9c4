//! The checking context of one file: it collects diagnostics, and reads each kind of
//! value (date, period, keyword, party, organ, approval, id), reporting at the value's
//! position when it cannot, so that checking goes on after every problem.

use super::values::{is_valid_id, parse_date, suggest_id};
use crate::diagnostic::{Code, Diagnostic, Severity, Span};
use crate::file::raw::{RawApproval, S};
use crate::keyword::Keyword;
use crate::model::{Approval, Party};
use crate::suggest::did_you_mean;
use crate::time::period::Period;
use chrono::NaiveDate;
use serde_saphyr::Location;
use std::path::Path;

/// Collects the diagnostics of one file.
pub(crate) struct Ctx<'a> {
    file: &'a Path,
    source: &'a str,
    pub(super) diagnostics: Vec<Diagnostic>,
    /// Every article citation read, with its position, checked against the articles
    /// once the whole file is read.
    pub(super) citations: Vec<(String, Location)>,
}

impl<'a> Ctx<'a> {
    pub(super) fn new(file: &'a Path, source: &'a str) -> Self {
        Ctx {
            file,
            source,
            diagnostics: Vec::new(),
            citations: Vec::new(),
        }
    }

    /// Reports a problem at `loc`. Some values come without a location from the parser
    /// (line 0: seen for a party in `requires`, which is read through an untagged
    /// enum); the problem is then reported on the file, never at line 0.
    pub(super) fn report(&mut self, code: Code, loc: &Location, message: impl Into<String>, help: Option<String>) {
        let span = (loc.line() > 0).then(|| Span::at(self.source, loc.line() as usize, loc.column() as usize));
        let mut d = Diagnostic::new(code, self.file, span, message);
        d.help = help;
        self.diagnostics.push(d);
    }

    pub(super) fn errors(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    /// An article citation ("Art. IX(3)"), kept to be checked against the articles.
    pub(super) fn article(&mut self, s: &Option<S>) -> Option<String> {
        let s = s.as_ref()?;
        self.citations.push((s.value.clone(), s.referenced));
        Some(s.value.clone())
    }

    /// An article number in a survival clause, kept to be checked like a citation.
    pub(super) fn survivor(&mut self, s: &S) -> String {
        self.citations.push((s.value.clone(), s.referenced));
        s.value.clone()
    }

    /// A date written `YYYY-MM-DD` that exists in the calendar.
    pub(super) fn date(&mut self, s: &S) -> Option<NaiveDate> {
        match parse_date(&s.value) {
            Ok(d) => Some(d),
            Err(why) => {
                self.report(
                    Code::InvalidDate,
                    &s.referenced,
                    why,
                    Some("write dates as YYYY-MM-DD, e.g. 2009-01-27".into()),
                );
                None
            }
        }
    }

    /// A period of some length; `what` names it in messages ("notice period").
    pub(super) fn period(&mut self, s: &S, what: &str) -> Option<Period> {
        match Period::parse(&s.value) {
            Ok(p) if p.is_zero() => {
                self.report(
                    Code::ZeroPeriod,
                    &s.referenced,
                    format!("{what} `{}` has no length", s.value),
                    Some("give a length of at least one day, or remove the key".into()),
                );
                None
            }
            Ok(p) => Some(p),
            Err(e) => {
                let help = misspelt_unit(&s.value).map_or(e.0, |fixed| format!("did you mean `{fixed}`?"));
                self.report(
                    Code::InvalidPeriod,
                    &s.referenced,
                    format!("{what} `{}` cannot be read", s.value),
                    Some(help),
                );
                None
            }
        }
    }

    /// A keyword of the set `T`.
    pub(super) fn keyword<T: Keyword>(&mut self, s: &S) -> Option<T> {
        if let Some(v) = T::parse(&s.value) {
            return Some(v);
        }
        let help = did_you_mean(&s.value, T::names())
            .unwrap_or_else(|| format!("expected one of: {}", T::names().collect::<Vec<_>>().join(", ")));
        self.report(
            Code::InvalidValue,
            &s.referenced,
            format!("`{}` is not a valid {}", s.value, T::WHAT),
            Some(help),
        );
        None
    }

    /// The id of a party defined in the file.
    pub(super) fn party(&mut self, s: &S, parties: &[Party]) -> Option<String> {
        if parties.iter().any(|p| p.id == s.value) {
            return Some(s.value.clone());
        }
        let help = did_you_mean(&s.value, parties.iter().map(|p| p.id.as_str())).unwrap_or_else(|| {
            format!(
                "the parties are: {}",
                parties.iter().map(|p| p.id.as_str()).collect::<Vec<_>>().join(", ")
            )
        });
        self.report(
            Code::UndefinedParty,
            &s.referenced,
            format!("`{}` is not a party to this agreement", s.value),
            Some(help),
        );
        None
    }

    /// An organ listed under `parties.PARTY.organs`; `help_to_add` says to list it there
    /// when no known organ is close.
    pub(super) fn organ(&mut self, s: &S, party: &str, parties: &[Party], help_to_add: bool) -> Option<String> {
        let organs: &[String] = parties.iter().find(|p| p.id == party).map_or(&[], |p| &p.organs);
        if organs.contains(&s.value) {
            return Some(s.value.clone());
        }
        let mut help = did_you_mean(&s.value, organs.iter().map(String::as_str));
        if help.is_none() && help_to_add {
            help = Some(format!("list it under `parties.{party}.organs`"));
        }
        self.report(
            Code::UndefinedOrgan,
            &s.referenced,
            format!("`{}` is not an organ of `{party}`", s.value),
            help,
        );
        None
    }

    /// A required approval: a party and, optionally, one of its organs.
    pub(super) fn approval(&mut self, raw: &RawApproval, parties: &[Party]) -> Option<Approval> {
        let party = self.party(&raw.party, parties)?;
        let organ = match &raw.organ {
            None => None,
            Some(o) => Some(self.organ(o, &party, parties, true)?),
        };
        Some(Approval { party, organ })
    }

    /// Checks that an id is `[a-z0-9-]+`; `what` names it ("party id").
    pub(super) fn id(&mut self, s: &S, what: &str) {
        if !is_valid_id(&s.value) {
            self.report(
                Code::InvalidId,
                &s.referenced,
                format!("{what} `{}` is not a valid id", s.value),
                Some(format!(
                    "ids use lowercase letters, digits and hyphens, e.g. `{}`",
                    suggest_id(&s.value)
                )),
            );
        }
    }

    /// Reports an id defined twice in one list; `what` names the list ("obligation").
    pub(super) fn unique<'x>(&mut self, s: &S, what: &str, mut seen: impl Iterator<Item = &'x str>) {
        if seen.any(|id| id == s.value) {
            self.report(
                Code::DuplicateId,
                &s.referenced,
                format!("{what} `{}` is defined twice", s.value),
                None,
            );
        }
    }
}

/// `6 monts` → `6 months`: the period with each misspelt unit replaced by the nearest
/// unit (singular after one, plural otherwise), if that makes it readable.
fn misspelt_unit(text: &str) -> Option<String> {
    const UNITS: [&str; 4] = ["day", "week", "month", "year"];
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut changed = false;
    let mut fixed: Vec<String> = Vec::new();
    for (i, word) in words.iter().enumerate() {
        let lower = word.to_ascii_lowercase();
        let singular = lower.strip_suffix('s').unwrap_or(&lower);
        let known = UNITS.contains(&singular) || word.chars().any(|c| c.is_ascii_digit());
        match crate::suggest::closest(singular, UNITS).filter(|_| !known && i > 0) {
            Some(unit) => {
                changed = true;
                let one = matches!(words[i - 1].to_ascii_lowercase().as_str(), "1" | "one");
                fixed.push(if one { unit.to_string() } else { format!("{unit}s") });
            }
            None => fixed.push(word.to_string()),
        }
    }
    let fixed = fixed.join(" ");
    (changed && Period::parse(&fixed).is_ok()).then_some(fixed)
}

#[cfg(test)]
mod tests {
    use super::misspelt_unit;

    #[test]
    fn misspelt_units_are_corrected_in_number() {
        assert_eq!(misspelt_unit("6 monts").as_deref(), Some("6 months"));
        assert_eq!(misspelt_unit("1 yaer").as_deref(), Some("1 year"));
        assert_eq!(misspelt_unit("one wek").as_deref(), Some("one week"));
        assert_eq!(misspelt_unit("90 dayz").as_deref(), Some("90 days"));
        assert_eq!(misspelt_unit("6 moons"), None);
        assert_eq!(misspelt_unit("six months"), None);
    }
}
