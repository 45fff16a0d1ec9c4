//! The term: a fixed length said of the agreement itself ("for a period of four
//! years", "remains in force for"), tacit renewal ("is tacitly renewed for the same
//! period", "renewed automatically for further terms of one year") with its
//! notice of non-renewal; none for an agreement of indefinite duration.

use super::draft::{Found, Renewal, Term};
use super::periods;
use super::sentences::{reference, Sentence};
use super::structure::Document;
use super::termination::NOUNS;
use super::words::{find_any, has_any};

/// The term: a fixed length and tacit renewal. An agreement of indefinite duration
/// has none (its `duration` is read by [`super::duration`]).
pub(crate) fn term(doc: &Document, all: &[Sentence]) -> Option<Term> {
    for s in all {
        let t = s.text.as_str();
        let article = reference(doc, s.unit, s.para.as_deref());
        if has_any(
            t,
            &[
                "indefinite duration",
                "indefinite period",
                "unlimited duration",
                "unlimited period",
                "remain in force indefinitely",
            ],
        ) {
            return None;
        }
        let Some((at, _)) = find_any(
            t,
            &[
                "for a period of",
                "for an initial period of",
                "initial term of",
                "for an initial term of",
                "remain in force for",
                "remains in force for",
                "concluded for",
                "valid for a period of",
                "for a term of",
            ],
        ) else {
            continue;
        };
        // The agreement's own term, not a period some other duty lasts.
        if !has_any(&t[..at], NOUNS) {
            continue;
        }
        let Some(p) = periods::find(&t[at..])
            .into_iter()
            .next()
            .filter(|p| p.range.start < 40)
        else {
            continue;
        };
        let length = Found::new(p.written.clone(), s.text.quote(at..at + p.range.end));
        let renewal = all
            .iter()
            .filter(|x| x.unit == s.unit)
            .find_map(|x| renewal(x, &p.written));
        return Some(Term {
            length: Some(length),
            renewal,
            article,
        });
    }
    None
}

/// Renewal: "tacitly renewed for the same period", "renewed automatically for further
/// periods of one year", and the notice of non-renewal ("three months before the end").
fn renewal(s: &Sentence, initial: &str) -> Option<Found<Renewal>> {
    let t = s.text.as_str();
    let (at, _) = find_any(
        t,
        &["renewed", "renewal", "extended", "prolonged", "renew", "extension"],
    )?;
    let tacit = has_any(t, &["tacit", "tacitly", "automatically", "unless", "deemed to be"]);
    let rest = &t[at..];
    let length = if has_any(rest, &["similar period", "same period", "equal period", "like period"]) {
        Some(initial.to_string())
    } else {
        periods::find(rest).first().map(|p| p.written.clone())
    };
    let notice = periods::find(t)
        .into_iter()
        .find(|p| {
            t[p.range.end..].trim_start().to_lowercase().starts_with("before")
                || t[p.range.end..].trim_start().to_lowercase().starts_with("prior to")
        })
        .map(|p| p.written);
    let notice = notice.filter(|n| Some(n) != length.as_ref());
    (tacit || length.is_some()).then(|| Found::new(Renewal { tacit, length, notice }, s.text.quote(at..t.len())))
}
