//! Entry into force: on signature, on a date, or after approvals or notifications
//! (on the last of them, or "thereafter upon signature"). Wording the format cannot
//! state (an offset such as "on the thirtieth day after", "the day after the last
//! notification", "on an agreed date") is not encoded: the words go into a review
//! remark. A clause that puts an amendment in force is the amendment's.

use super::clauses::{joined, paragraph, AMEND, SELF};
use super::dates::find_dates;
use super::draft::{Approval, EntryIntoForce, Found, Remark, RemarkKind, Section, Then, Upon};
use super::parties::Party;
use super::refs::Refs;
use super::sentences::{reference, Sentence};
use super::structure::Document;
use super::words::{find_any, find_words, has_any, ordinal, tokens};

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

/// The subject part of a sentence (before `at`) names the agreement, not an amendment.
fn about_self(before: &str) -> bool {
    let b = before.trim();
    (b.is_empty() || has_any(b, SELF) || b.eq_ignore_ascii_case("upon its")) && !has_any(b, AMEND)
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
        find_any(t, EIF).is_some_and(|(at, _)| about_self(&t[..at])) && !has_any(&joined(&paragraph(all, s)), AMEND)
    })?;
    let t = s.text.as_str();
    let (at, _) = find_any(t, EIF)?;
    let rest = &t[at..];
    let article = reference(doc, s.unit, s.para.as_deref());
    let quote = s.text.quote(at..t.len());
    let para = paragraph(all, s);
    let context = joined(&para);
    if let Some(words) = offset(rest) {
        remarks.push(Remark {
            section: Section::EntryIntoForce,
            kind: RemarkKind::Review,
            text: format!("{article}: entry into force {words}: the format cannot state this, so entry_into_force is left out; encode it by hand"),
            source: Some(quote),
        });
        return None;
    }
    let approvals = approvals(&context, refs);
    let notified = has_any(
        &context,
        &[
            "notified",
            "notification",
            "notifications",
            "informed each other",
            "formalities",
            "ratification",
            "instruments of",
        ],
    );
    let upon = if !approvals.is_empty() || notified {
        conditions(s, rest, &context, &approvals, parties)
    } else if has_any(rest, &["signature", "signed", "signing", "signée", "firma"]) {
        Found::new(Upon::Signature, quote)
    } else if let Some(d) = find_dates(rest).into_iter().find_map(|m| m.date) {
        Found::new(Upon::Date { date: d }, quote)
    } else {
        remarks.push(Remark {
            section: Section::EntryIntoForce,
            kind: RemarkKind::Review,
            text: format!("{article}: the entry-into-force clause was found but not understood; encode it by hand"),
            source: Some(quote),
        });
        return None;
    };
    Some(EntryIntoForce {
        upon,
        article: Some(article),
        assumed: false,
    })
}

/// Entry into force after approvals ("approved by the General Assembly … and by the
/// Council …") or notifications ("once each has notified the other"):
/// on the last of them, or "thereafter upon signature".
fn conditions(
    s: &Sentence,
    rest: &str,
    context: &str,
    approvals: &[(usize, Option<String>)],
    parties: &mut [Party],
) -> Found<Upon> {
    // "thereafter … upon signature"; not "after signature, once both have notified
    // the other" (in force on the last notification).
    let last = has_any(
        context,
        &[
            "last notification",
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
    let requires = if approvals.is_empty() {
        (0..parties.len())
            .map(|i| Approval {
                party: parties[i].id.clone(),
                organ: None,
            })
            .collect()
    } else {
        approvals
            .iter()
            .map(|(i, organ)| Approval {
                party: parties[*i].id.clone(),
                organ: organ.clone(),
            })
            .collect()
    };
    for (i, organ) in approvals {
        if let Some(o) = organ {
            if !parties[*i].organs.contains(o) {
                parties[*i].organs.push(o.clone());
            }
        }
    }
    let mut f = Found::new(Upon::Conditions { requires, then }, s.text.quote_all());
    if approvals.is_empty() {
        f = f.review("the conditions are the parties' notifications: record each as an `approved` event on the day it was received");
    }
    f
}

/// Words that put entry into force at a distance from an event ("on the thirtieth
/// day after", "the day after", "one month after", "the first day of the month") or
/// on a date the text does not give ("on an agreed date").
fn offset(rest: &str) -> Option<String> {
    const AFTER: &[&str] = &["after", "following", "from"];
    let toks = tokens(rest);
    for (k, (at, w)) in toks.iter().enumerate() {
        let word = |i: usize| toks.get(k + i).map(|t| t.1.to_lowercase()).unwrap_or_default();
        let lw = w.to_lowercase();
        let ordinal_day = ordinal(&lw).is_some() && word(1) == "day" && AFTER.contains(&word(2).as_str());
        let day_after =
            lw == "day" && AFTER.contains(&word(1).as_str()) && k > 0 && toks[k - 1].1.eq_ignore_ascii_case("the");
        let first_of_month = lw == "first" && word(1) == "day" && word(2) == "of";
        // "on an agreed date", "on a date to be agreed"
        let agreed_date = (lw == "agreed" && word(1) == "date") || (lw == "date" && word(1) == "to" && word(2) == "be");
        let period_after = super::periods::find(&rest[*at..])
            .first()
            .filter(|f| f.range.start == 0)
            .and_then(|f| rest[at + f.range.end..].split_whitespace().next())
            .is_some_and(|next| AFTER.contains(&next.to_lowercase().as_str()));
        if ordinal_day || day_after || first_of_month || period_after || agreed_date {
            let end = rest[*at..].find(['.', ';']).map_or(rest.len(), |e| at + e);
            return Some(format!("\"{}\"", super::source::collapse_spaces(&rest[*at..end])));
        }
    }
    None
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
