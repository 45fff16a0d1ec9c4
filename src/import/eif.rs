//! Entry into force: what it waits for (signature, a date, approvals by organs, the
//! parties' notifications, a number of instruments, a date the parties agree) and how
//! long after that day it comes ([`super::offsets`]: "on the thirtieth day after",
//! "on the day after", "on the first day of the second month following"). For a
//! multilateral agreement, the period for a party whose instrument comes later. A
//! clause that puts an amendment in force is the amendment's.

use super::clauses::{joined, paragraph, AMEND, SELF};
use super::dates::find_dates;
use super::draft::{Approval, EntryIntoForce, Found, Remark, RemarkKind, Section, Then, Upon};
use super::offsets::{offset, Offset};
use super::parties::Party;
use super::refs::Refs;
use super::sentences::{reference, Sentence};
use super::structure::Document;
use super::words::{cardinal, find_any, find_words, has_any, ordinal, tokens};

const EIF: &[&str] = &[
    "enter into force",
    "enters into force",
    "entered into force",
    "come into force",
    "comes into force",
    "take effect",
    "takes effect",
    "become effective",
    "becomes effective",
    "entrera en vigueur",
    "entre en vigueur",
    "entrará en vigor",
    "entrarán en vigor",
    "entra en vigor",
];

/// Words of a clause that waits for instruments or for consent to be bound.
const INSTRUMENTS: &[&str] = &[
    "instrument of ratification",
    "instruments of ratification",
    "instrument of acceptance",
    "instruments of acceptance",
    "instrument of approval",
    "instruments of approval",
    "instrument of accession",
    "instruments of accession",
    "consent to be bound",
    "ratifications",
];

/// Words of a clause that waits for the parties' notifications.
const NOTIFIED: &[&str] = &[
    "notified",
    "notification",
    "notifications",
    "notify",
    "informed each other",
    "inform each other",
    "formalities",
    "internal requirements",
    "legal requirements",
    "constitutional requirements",
    "internal procedures",
];

/// The subject part of a sentence (before `at`) names the agreement, not an amendment.
fn about_self(before: &str) -> bool {
    let b = before.trim();
    (b.is_empty() || has_any(b, SELF) || b.eq_ignore_ascii_case("upon its")) && !has_any(b, AMEND)
}

/// Whether a sentence puts the agreement in force for a party that joins later ("For a
/// State that ratifies later, the Convention enters into force on the sixtieth day after
/// …", "… it then enters into force for that State on …").
fn for_later(t: &str) -> bool {
    const FOR: &[&str] = &[
        "for each ",
        "for every ",
        "for any ",
        "for that ",
        "for such ",
        "for the state",
        "for a state",
        "for an organization",
        "for an organisation",
        "for an intergovernmental",
        "for a party",
        "for the acceding",
    ];
    let lower = t.to_lowercase();
    FOR.iter().any(|p| lower.starts_with(p))
        || find_any(t, EIF).is_some_and(|(at, k)| {
            let after = t.get(at + EIF[k].len()..).unwrap_or("").trim_start().to_lowercase();
            FOR.iter().any(|p| after.starts_with(p))
        })
}

/// Entry into force.
pub(crate) fn entry_into_force(
    doc: &Document,
    all: &[Sentence],
    refs: &Refs,
    parties: &mut [Party],
    remarks: &mut Vec<Remark>,
) -> Option<EntryIntoForce> {
    // The first sentence putting the agreement itself in force, outside the paragraph
    // on amendments (whose "shall enter into force" is the amendment's).
    let s = all.iter().find(|s| {
        let t = s.text.as_str();
        find_any(t, EIF).is_some_and(|(at, _)| about_self(&t[..at]))
            && !for_later(t)
            && !has_any(&joined(&paragraph(all, s)), AMEND)
    })?;
    let t = s.text.as_str();
    let (at, _) = find_any(t, EIF)?;
    let rest = &t[at..];
    let article = reference(doc, s.unit, s.para.as_deref());
    let quote = s.text.quote(at..t.len());
    let context = joined(&paragraph(all, s));
    let shift = offset(rest);
    let Some(mut upon) = upon(s, at, &context, refs, parties) else {
        remarks.push(Remark {
            section: Section::EntryIntoForce,
            kind: RemarkKind::Review,
            text: format!("{article}: the entry-into-force clause was found but not understood; encode it by hand"),
            source: Some(quote),
        });
        return None;
    };
    if let Some(words) = further_conditions(rest, matches!(upon.value, Upon::Instruments { .. })) {
        let why = format!("the clause sets further conditions the file cannot state ({words}): check them by hand");
        upon.review = Some(match upon.review.take() {
            Some(r) => format!("{r}; {why}"),
            None => why,
        });
    }
    let after = shift
        .filter(|_| upon.value != Upon::AgreedDate)
        .map(|o| found_offset(s, at, &o));
    let for_later_parties = match upon.value {
        Upon::Instruments { .. } => later_parties(all, s),
        _ => None,
    };
    Some(EntryIntoForce {
        upon,
        after,
        for_later_parties,
        article: Some(article),
        assumed: false,
    })
}

/// An offset as the draft writes it, quoting the words of sentence `s` at `base + range`.
fn found_offset(s: &Sentence, base: usize, o: &Offset) -> Found<String> {
    let quote = s.text.quote(base + o.range.start..base + o.range.end);
    let f = Found::new(o.after.clone(), quote);
    match &o.review {
        Some(r) => f.review(r.clone()),
        None => f,
    }
}

/// What entry into force waits for, read from sentence `s` from its entry-into-force
/// words (at `at`) on, and from its whole paragraph (`context`).
fn upon(s: &Sentence, at: usize, context: &str, refs: &Refs, parties: &mut [Party]) -> Option<Found<Upon>> {
    let rest = &s.text.as_str()[at..];
    let quote = || s.text.quote(at..s.text.len());
    if has_any(
        rest,
        &[
            "agreed date",
            "date to be agreed",
            "date agreed",
            "date to be mutually agreed",
            "date to be fixed",
            "date fixed by",
        ],
    ) {
        let mut f = Found::new(Upon::AgreedDate, quote());
        if has_any(context, NOTIFIED) {
            f = f.review(
                "the date is agreed once each party has notified the other: record it as an `entered_into_force` event",
            );
        }
        return Some(f);
    }
    if let Some(f) = instruments(s, at, context, parties) {
        return Some(f);
    }
    let approvals = approvals(context, refs);
    if !approvals.is_empty() {
        return Some(conditions(s, rest, context, &approvals, parties));
    }
    if has_any(context, NOTIFIED) {
        return Some(Found::new(Upon::Notifications, quote()));
    }
    if has_any(rest, &["signature", "signed", "signing", "signée", "firma"]) {
        return Some(Found::new(Upon::Signature, quote()));
    }
    find_dates(rest)
        .into_iter()
        .find_map(|m| m.date)
        .map(|date| Found::new(Upon::Date { date }, quote()))
}

/// Entry into force once a number of instruments are deposited ("sixty days after
/// twenty States have ratified it", "the deposit of the fifty-fifth instrument"), or once a number of signatories have notified the
/// depositary. A bilateral exchange of instruments counts each party's.
fn instruments(s: &Sentence, at: usize, context: &str, parties: &[Party]) -> Option<Found<Upon>> {
    let rest = &s.text.as_str()[at..];
    let depositary = has_any(rest, &["depositary", "depository"]) && has_any(rest, NOTIFIED);
    if !has_any(context, INSTRUMENTS) && !depositary {
        return None;
    }
    let quote = s.text.quote(at..s.text.len());
    if let Some(count) = count(rest) {
        let f = Found::new(Upon::Instruments { count }, quote);
        return Some(if depositary && !has_any(rest, INSTRUMENTS) {
            f.review("notifications to the depositary, counted as instruments: record each as a `deposited` event")
        } else {
            f
        });
    }
    let named = parties.iter().filter(|p| !p.collective).count();
    (parties.len() == 2 && named == 2).then(|| {
        Found::new(Upon::Instruments { count: 2 }, quote)
            .review("an exchange of instruments: both parties' are counted (record each as a `deposited` event)")
    })
}

/// The number of instruments or parties a clause waits for: "twenty States", "at least
/// three signatories", "the fifty-fifth instrument".
fn count(rest: &str) -> Option<u32> {
    const WHO: &[&str] = &[
        "states",
        "instruments",
        "instrument",
        "ratifications",
        "signatories",
        "parties",
        "members",
        "countries",
        "governments",
        "organizations",
        "organisations",
    ];
    let toks = tokens(rest);
    toks.windows(2).find_map(|w| {
        let next = w[1].1.to_lowercase();
        if !WHO.contains(&next.as_str()) {
            return None;
        }
        let n = if next == "instrument" {
            ordinal(w[0].1)
        } else {
            cardinal(w[0].1)
        };
        n.filter(|&n| n > 1)
    })
}

/// Conditions beside the trigger that the format cannot state ("provided that such
/// States include …", "whichever is later"; with instruments, "including two States").
fn further_conditions(rest: &str, instruments: bool) -> Option<String> {
    let words: &[&str] = if instruments {
        &["provided that", "provided, however", "whichever is", "including"]
    } else {
        &["provided that", "provided, however", "whichever is"]
    };
    let (at, len) = find_any(rest, words)?;
    let end = rest[at..].find([',', ';', '.']).map_or(rest.len(), |e| at + e);
    let words = super::source::collapse_spaces(&rest[at..end]);
    Some(format!("\"{}\"", super::source::shorten(&words, 60.max(len))))
}

/// For a party whose instrument comes after entry into force: the offset of the
/// sentence that says so, in the same article.
fn later_parties(all: &[Sentence], s: &Sentence) -> Option<Found<String>> {
    all.iter()
        .filter(|x| x.unit == s.unit && for_later(x.text.as_str()))
        .find_map(|x| {
            let t = x.text.as_str();
            let (at, _) = find_any(t, EIF)?;
            let o = offset(&t[at..])?;
            Some(found_offset(x, at, &o))
        })
}

/// Entry into force after approvals ("approved by the General Assembly … and by the
/// Council …"): on the last of them, or "thereafter upon signature".
fn conditions(
    s: &Sentence,
    rest: &str,
    context: &str,
    approvals: &[(usize, Option<String>)],
    parties: &mut [Party],
) -> Found<Upon> {
    // "thereafter … upon signature"; not "after signature, once both have approved"
    // (in force on the last approval).
    let last = has_any(
        context,
        &[
            "later of",
            "last of the",
            "latter of",
            "last approval",
            "receipt of the",
        ],
    );
    let on_signature = has_any(
        rest,
        &[
            "upon signature",
            "on signature",
            "upon its signature",
            "upon the signature",
            "on the date of signature",
            "on the date of its signature",
            "upon signing",
        ],
    );
    let then = if on_signature && !last {
        Then::Signature
    } else {
        Then::LastApproval
    };
    let requires = approvals
        .iter()
        .map(|(i, organ)| Approval {
            party: parties[*i].id.clone(),
            organ: organ.clone(),
        })
        .collect();
    for (i, organ) in approvals {
        if let Some(o) = organ {
            if !parties[*i].organs.contains(o) {
                parties[*i].organs.push(o.clone());
            }
        }
    }
    Found::new(Upon::Conditions { requires, then }, s.text.quote_all())
}

/// Approvals a passage requires: "approved by the Assembly of the Alpha Union and
/// by the Board of the Beta Fund".
pub(crate) fn approvals(s: &str, refs: &Refs) -> Vec<(usize, Option<String>)> {
    let mut out: Vec<(usize, Option<String>)> = Vec::new();
    for key in [
        "approved by",
        "approval by",
        "approval of",
        "ratified by",
        "ratification by",
        "accepted by",
    ] {
        for at in find_words(s, key) {
            let from = at + key.len();
            let end = s[from..].find(['.', ';']).map_or(s.len(), |e| from + e);
            let list = s[from..end].replace(" and by ", " and ").replace(", and ", " and ");
            for part in list.split(" and ").flat_map(|p| p.split(", ")) {
                let part = part.trim().trim_start_matches("by ").trim();
                let part = part.split(" in accordance").next().unwrap_or(part);
                if let Some((i, organ)) = refs.organ_of(part) {
                    if !out.iter().any(|(j, o)| *j == i && *o == organ) {
                        out.push((i, organ));
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_of_instruments_and_parties() {
        assert_eq!(count("60 days after twenty-two States have ratified it"), Some(22));
        assert_eq!(count("once at least three signatories have notified"), Some(3));
        assert_eq!(count("after the deposit of the fifty-fifth instrument"), Some(55));
        assert_eq!(count("after its own instrument is deposited"), None);
        assert_eq!(count("for the two Parties"), Some(2));
    }

    #[test]
    fn later_parties_and_further_conditions() {
        assert!(for_later(
            "For each State ratifying after that day, it enters into force …"
        ));
        assert!(for_later(
            "The Agreement enters into force for that State on the day it accedes."
        ));
        assert!(!for_later("This Agreement enters into force on signature."));
        assert_eq!(
            further_conditions("twenty States, provided that ten of them are coastal States.", true).as_deref(),
            Some("\"provided that ten of them are coastal States\"")
        );
    }
}
