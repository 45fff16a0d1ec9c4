//! Amendment (by mutual consent, or approvals by organs; in force on acceptance, on
//! the later approval, or on signature) and supersession ("supersedes and replaces the
//! Cooperation Agreement … of 25 June 1996"), and what the final-clause readers share
//! (the agreement naming itself, the sentences of a paragraph). Entry into force is
//! read by [`super::eif`], termination and term by [`super::termination`].

use super::dates::find_dates;
use super::draft::{Amendment, Approval, Found, InForce, Requires, Superseded};
use super::eif::approvals;
use super::parties::Party;
use super::refs::Refs;
use super::sentences::{reference, Sentence};
use super::structure::Document;
use super::words::{find_any, has_any};

/// Nouns that name the agreement itself as a subject.
pub(crate) const SELF: &[&str] = &[
    "agreement",
    "memorandum",
    "mou",
    "treaty",
    "contract",
    "convention",
    "protocol",
    "arrangement",
    "accord",
    "it",
    "acuerdo",
    "convenio",
    "present instrument",
    "letter of understanding",
];

pub(crate) const AMEND: &[&str] = &[
    "amended",
    "modified",
    "revised",
    "amendment",
    "amendments",
    "modification",
    "modifications",
];

/// Sentences of one paragraph (the one `s` belongs to).
pub(crate) fn paragraph<'a>(all: &'a [Sentence], s: &Sentence) -> Vec<&'a Sentence> {
    all.iter().filter(|x| x.unit == s.unit && x.block == s.block).collect()
}

pub(crate) fn joined(sents: &[&Sentence]) -> String {
    sents.iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join(" ")
}

/// The amendment clause, and the paragraph it is in.
pub(crate) fn amendment(
    doc: &Document,
    all: &[Sentence],
    refs: &Refs,
    parties: &mut [Party],
) -> Option<(Amendment, (usize, usize))> {
    let s = all.iter().find(|s| {
        let t = s.text.as_str();
        let Some((at, _)) = find_any(
            t,
            &[
                "be amended",
                "be modified",
                "be revised",
                "be changed",
                "amendment to this",
                "amendments to this",
                "amendment of this",
                "amendments to the present",
                "amendment to the present",
            ],
        ) else {
            return false;
        };
        let end = super::source::floor_boundary(t, (at + 40).min(t.len()));
        has_any(&t[..end], SELF)
    })?;
    let para = paragraph(all, s);
    let text = joined(&para);
    let approvals = approvals(&text, refs);
    let quote = s.text.quote_all();
    let requires = if approvals.is_empty() {
        Found::new(Requires::AllParties, quote.clone())
    } else {
        for (i, organ) in &approvals {
            if let Some(o) = organ {
                if !parties[*i].organs.contains(o) {
                    parties[*i].organs.push(o.clone());
                }
            }
        }
        let list = approvals
            .iter()
            .map(|(i, o)| Approval {
                party: parties[*i].id.clone(),
                organ: o.clone(),
            })
            .collect();
        Found::new(Requires::Approvals(list), quote.clone())
    };
    let in_force_at = find_any(
        &text,
        &["enter into force", "come into force", "take effect", "become effective"],
    )
    .map(|(at, _)| at);
    let in_force = in_force_at.and_then(|at| {
        let rest = &text[at..];
        let value = if has_any(
            rest,
            &[
                "later of",
                "last approval",
                "later approval",
                "last of the",
                "latter of",
            ],
        ) {
            InForce::OnLastApproval
        } else if has_any(rest, &["acceptance", "accepted", "agreed"]) {
            InForce::OnLastAcceptance
        } else if has_any(rest, &["signature", "signed"]) {
            InForce::OnSignature
        } else {
            return None;
        };
        let sent = para.iter().find(|p| {
            find_any(
                p.text.as_str(),
                &["enter into force", "come into force", "take effect", "become effective"],
            )
            .is_some()
        })?;
        Some(Found::new(value, sent.text.quote_all()))
    });
    let form = has_any(&text, &["in writing", "written"]).then(|| "written".to_string());
    let article = reference(doc, s.unit, s.para.as_deref());
    Some((
        Amendment {
            requires,
            in_force,
            form,
            article,
        },
        (s.unit, s.block),
    ))
}

/// Agreements this one supersedes.
pub(crate) fn supersedes(doc: &Document, all: &[Sentence]) -> Vec<Found<Superseded>> {
    let mut out = Vec::new();
    for s in all {
        let t = s.text.as_str();
        let Some((at, _)) = find_any(
            t,
            &[
                "supersedes",
                "supersede",
                "shall replace",
                "replaces",
                "abrogates",
                "abrogate",
            ],
        ) else {
            continue;
        };
        if !has_any(&t[..at], SELF) || has_any(&t[..at], AMEND) {
            continue;
        }
        let mut from = at + t[at..].find(' ').unwrap_or(0);
        for lead in [" and replaces", " and replace", " and abrogates", " and terminates"] {
            if t[from..].starts_with(lead) {
                from += lead.len();
            }
        }
        let end = t[from..].rfind('.').map_or(t.len(), |e| from + e);
        let object = t[from..end].trim();
        let object = object.strip_prefix("the ").unwrap_or(object);
        if object.is_empty() || !object.chars().next().is_some_and(char::is_uppercase) {
            continue;
        }
        let dates = find_dates(object);
        let date = dates.iter().find_map(|m| m.date);
        let mut title = object.to_string();
        if let Some(m) = dates.iter().find(|m| m.date.is_some()) {
            let before = object[..m.range.start].trim_end();
            let cut = ["concluded on", "signed on", "signed at", "dated", "of", "on"]
                .iter()
                .filter_map(|w| before.strip_suffix(w).map(str::trim_end))
                .next()
                .unwrap_or(before);
            title = format!("{} {}", cut, object[m.range.end..].trim()).trim().to_string();
        }
        let title = title.trim_end_matches([',', ' ']).to_string();
        let article = reference(doc, s.unit, s.para.as_deref());
        out.push(Found::new(Superseded { title, date, article }, s.text.quote(from..end)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::clean::clean;
    use crate::import::draft::{EntryIntoForce, Then, Upon};
    use crate::import::eif::entry_into_force;
    use crate::import::front::{preamble, title};
    use crate::import::parties::find;
    use crate::import::sentences::sentences;
    use crate::import::structure::segment;

    struct Out {
        eif: Option<EntryIntoForce>,
        amendment: Option<Amendment>,
        supersedes: Vec<Found<Superseded>>,
        organs: Vec<Vec<String>>,
    }

    fn run(articles: &str) -> Out {
        let text =
            format!("AGREEMENT\n\nThe Alpha Union and the Beta Fund,\n\nHave agreed as follows:\n\n{articles}\n");
        let c = clean(&text);
        let d = segment(c.lines, c.fixes);
        let t = title(&d);
        let pre = preamble(&d, t.as_ref());
        let mut parties = find(&d, t.as_ref(), &pre);
        let all = sentences(&d);
        let refs_parties = parties.clone();
        let refs = Refs::new(&d, &refs_parties);
        let mut remarks = Vec::new();
        let eif = entry_into_force(&d, &all, &refs, &mut parties, &mut remarks);
        let amendment = amendment(&d, &all, &refs, &mut parties).map(|a| a.0);
        Out {
            eif,
            amendment,
            supersedes: supersedes(&d, &all),
            organs: parties.iter().map(|p| p.organs.clone()).collect(),
        }
    }

    #[test]
    fn entry_into_force_on_signature() {
        let o = run("Article 9\n1. The present Agreement enters into force on the day it is signed. Once in force, it will be publicised by the Parties.");
        let e = o.eif.unwrap();
        assert_eq!(e.upon.value, Upon::Signature);
        assert_eq!(e.article.as_deref(), Some("Art. 9(1)"));
    }

    #[test]
    fn entry_into_force_after_approvals_then_signature() {
        let o = run("Article 17\n1. The present Agreement shall be approved by the Assembly of the Alpha Union and by the Council of the Beta Fund. The Agreement shall thereafter enter into force upon signature.\n2. From that day, this Agreement supersedes the Cooperation Agreement between the Alpha Union and the Beta Fund of 25 June 1996.");
        let Upon::Conditions { requires, then } = o.eif.unwrap().upon.value else {
            panic!()
        };
        assert_eq!(then, Then::Signature);
        assert_eq!(
            requires[0],
            Approval {
                party: "au".into(),
                organ: Some("Assembly".into())
            }
        );
        assert_eq!(
            o.organs,
            vec![vec!["Assembly".to_string()], vec!["Council".to_string()]]
        );
        assert_eq!(
            o.supersedes[0].value.title,
            "Cooperation Agreement between the Alpha Union and the Beta Fund"
        );
        assert_eq!(
            o.supersedes[0].value.date.map(|d| d.to_string()).as_deref(),
            Some("1996-06-25")
        );
    }

    #[test]
    fn offsets_after_the_trigger() {
        let after = |o: &Out| o.eif.as_ref().and_then(|e| e.after.as_ref()).map(|a| a.value.clone());
        let o =
            run("Article 12\nThe present Agreement enters into force on the thirtieth day after it has been signed.");
        assert_eq!(o.eif.as_ref().map(|e| e.upon.value.clone()), Some(Upon::Signature));
        assert_eq!(after(&o).as_deref(), Some("30 days"));
        let o = run("Article 12\nThe present Agreement enters into force on the day after the second of the two notifications is received.");
        assert_eq!(o.eif.as_ref().map(|e| e.upon.value.clone()), Some(Upon::Notifications));
        assert_eq!(after(&o).as_deref(), Some("1 day"));
        let o = run("Article 12\nThis Agreement shall enter into force on the first day of the third month following the month in which it was signed.");
        assert_eq!(after(&o).as_deref(), Some("first day of the third month"));
        assert_eq!(
            o.eif.unwrap().after.unwrap().source.text,
            "first day of the third month following"
        );
    }

    #[test]
    fn instruments_agreed_dates_and_later_parties() {
        let o = run("Article 20\n1. This Agreement shall enter into force sixty days after the date on which twelve States have deposited their instruments of ratification, provided that three of them are coastal States.\n2. For each State depositing its instrument after that date, the Agreement shall enter into force on the thirtieth day following the deposit of its own instrument.");
        let e = o.eif.unwrap();
        assert_eq!(e.upon.value, Upon::Instruments { count: 12 });
        assert!(e
            .upon
            .review
            .as_deref()
            .unwrap_or("")
            .contains("\"provided that three of them are coastal States\""));
        assert_eq!(e.after.map(|a| a.value).as_deref(), Some("60 days"));
        assert_eq!(e.for_later_parties.map(|a| a.value).as_deref(), Some("30 days"));
        let o = run("Article 8\nThe Agreement shall enter into force on a date to be agreed once the Parties have informed each other that their procedures are complete.");
        let e = o.eif.unwrap();
        assert_eq!((e.upon.value, e.after.is_none()), (Upon::AgreedDate, true));
        assert!(e.upon.review.is_some());
        let o =
            run("Article 8\nThis Agreement enters into force upon the exchange of the instruments of ratification.");
        assert_eq!(o.eif.unwrap().upon.value, Upon::Instruments { count: 2 });
    }

    #[test]
    fn amendment_clauses() {
        let o = run("Article 9\n2. This Agreement may be amended by mutual consent of the parties. The proposed amendment shall be made in writing and shall enter into force upon its acceptance in writing by the two parties.");
        let a = o.amendment.unwrap();
        assert!(matches!(a.requires.value, Requires::AllParties));
        assert_eq!(a.in_force.unwrap().value, InForce::OnLastAcceptance);
        assert_eq!((a.form.as_deref(), a.article.as_str()), (Some("written"), "Art. 9(2)"));
        let o = run("Article 16\nThe present Agreement may be amended by agreement between the Parties. Any such amendment shall be approved by the Assembly of the Alpha Union and by the Council of the Beta Fund, and shall enter into force on the date of the later of the said approvals.");
        let a = o.amendment.unwrap();
        assert!(matches!(a.requires.value, Requires::Approvals(ref v) if v.len() == 2));
        assert_eq!(a.in_force.unwrap().value, InForce::OnLastApproval);
        // The amendment's entry into force is not the agreement's.
        assert!(o.eif.is_none());
    }
}
