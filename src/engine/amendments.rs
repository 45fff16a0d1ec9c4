//! The status of each amendment as of a date (VCLT arts. 39–40: an amendment is made
//! by agreement between the parties, under the agreement's amendment clause), and the
//! text of each article as in force on a date. Changes proposed to a draft are not
//! amendments under its clause: they need every party's agreement, and once agreed they
//! become part of the text that enters into force; they are never "in force" themselves.

use super::entry::{entry_into_force, EntryIntoForce};
use crate::model::*;
use chrono::NaiveDate;

crate::keywords! {
    /// Where an amendment (or a change to a draft) stands.
    pub enum AmendmentState: "amendment state" {
        Proposed = "proposed": "no acceptance but the proposer's",
        Pending = "pending": "accepted by some, awaiting others",
        Agreed = "agreed": "a change to a draft agreed by every party: part of the text that enters into force",
        InForce = "in_force": "an amendment in force",
        Rejected = "rejected": "rejected by a party",
        Withdrawn = "withdrawn": "withdrawn by its proposer",
    }
}

crate::keywords! {
    /// What a proposed change is.
    pub enum AmendmentKind: "kind" {
        Amendment = "amendment": "an amendment of the agreement under its amendment clause",
        DraftChange = "draft_change": "a change proposed to a draft text, agreed by every party before signature",
    }
}

impl AmendmentState {
    /// The state in words, for tables.
    pub fn label(self) -> &'static str {
        match self {
            AmendmentState::InForce => "in force",
            other => other.name(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AmendmentStatus {
    pub kind: AmendmentKind,
    pub state: AmendmentState,
    /// Who must still act: "IOM", "UN General Assembly".
    pub awaiting: Vec<Approval>,
    pub in_force_on: Option<NaiveDate>,
    /// The date of the proposal, the text's date when the file gives none of its own.
    pub proposed_on: Option<NaiveDate>,
    pub reason: String,
}

/// What an amendment needs: the clause once the agreement is in force; for a draft
/// (or an agreement with no clause) the acceptance of every party.
fn requirements(a: &Agreement, draft_stage: bool) -> (Vec<Approval>, AmendmentInForce, Option<String>) {
    match (&a.amendment, draft_stage) {
        (Some(c), false) => {
            let reqs = match &c.requires {
                Requires::AllParties => all_parties(a),
                Requires::Approvals(list) => list.clone(),
            };
            (reqs, c.in_force, c.article.clone())
        }
        _ => (all_parties(a), AmendmentInForce::OnLastAcceptance, None),
    }
}

fn all_parties(a: &Agreement) -> Vec<Approval> {
    a.parties
        .iter()
        .filter(|p| !p.collective)
        .map(|p| Approval {
            party: p.id.clone(),
            organ: None,
        })
        .collect()
}

/// The date a proposal was made: its own, or the date of the text it was made to.
pub fn proposal_date(a: &Agreement, am: &Amendment) -> Option<NaiveDate> {
    am.proposed_on.or(if a.draft { a.date } else { None })
}

/// The status of amendment `am` of `a` on `as_of`.
pub fn status(a: &Agreement, am: &Amendment, as_of: NaiveDate) -> AmendmentStatus {
    let kind = if a.draft {
        AmendmentKind::DraftChange
    } else {
        AmendmentKind::Amendment
    };
    let (reqs, rule, article) = requirements(a, a.draft);
    let proposed_on = proposal_date(a, am);
    let mut st = AmendmentStatus {
        kind,
        state: AmendmentState::Proposed,
        awaiting: Vec::new(),
        in_force_on: None,
        proposed_on,
        reason: String::new(),
    };
    if let Some(w) = am.withdrawn.filter(|w| *w <= as_of) {
        st.state = AmendmentState::Withdrawn;
        st.reason = format!("withdrawn on {w}");
        return st;
    }
    if let Some((p, d)) = am.rejected.iter().find(|(_, d)| *d <= as_of) {
        st.state = AmendmentState::Rejected;
        st.reason = format!("rejected by {} on {d}", a.party_label(p));
        return st;
    }
    let (dates, awaiting, others) = acts(a, am, &reqs, as_of);
    let cite = cite(article.as_deref());
    if awaiting.is_empty() {
        decided(a, am, &mut st, rule, &dates, &cite, as_of);
        return st;
    }
    st.state = if others == 0 {
        AmendmentState::Proposed
    } else {
        AmendmentState::Pending
    };
    let stage = if a.draft {
        " (changes to the draft text need every party's agreement)"
    } else {
        ""
    };
    let who: Vec<String> = awaiting.iter().map(|x| a.approval_label(x)).collect();
    let dated = match (am.proposed_on, proposed_on) {
        (None, Some(d)) if a.draft => format!("; proposed with the draft of {d} (no date of its own)"),
        _ => String::new(),
    };
    st.reason = format!("awaiting {}{cite}{stage}{dated}", who.join(", "));
    st.awaiting = awaiting;
    st
}

/// The dates of the acts that meet the requirements, the requirements still awaited,
/// and how many parties other than the proposer have acted.
fn acts(a: &Agreement, am: &Amendment, reqs: &[Approval], as_of: NaiveDate) -> (Vec<NaiveDate>, Vec<Approval>, usize) {
    // An acceptance by the party satisfies its requirement; an `approved` event for
    // this amendment satisfies the named organ's; the proposer accepts its own proposal
    // (on the date of the proposal, if known).
    let acted = |req: &Approval| -> Option<Option<NaiveDate>> {
        if let Some((_, d)) = am.accepted.iter().find(|(p, d)| *p == req.party && *d <= as_of) {
            return Some(Some(*d));
        }
        if let Some(e) = a.approval_event(req, Some(&am.id), as_of) {
            return Some(Some(e.date));
        }
        let proposer = am.proposed_by.as_deref() == Some(&req.party) && req.organ.is_none();
        (proposer && am.proposed_on.is_none_or(|d| d <= as_of)).then_some(am.proposed_on)
    };
    let mut awaiting = Vec::new();
    let mut dates = Vec::new();
    let mut others = 0;
    for req in reqs {
        match acted(req) {
            Some(d) => {
                dates.extend(d);
                if am.proposed_by.as_deref() != Some(&req.party) {
                    others += 1;
                }
            }
            None => awaiting.push(req.clone()),
        }
    }
    (dates, awaiting, others)
}

/// Every requirement is met: a change to a draft is agreed; an amendment enters into
/// force as the clause says, or awaits its signature.
fn decided(
    a: &Agreement,
    am: &Amendment,
    st: &mut AmendmentStatus,
    rule: AmendmentInForce,
    dates: &[NaiveDate],
    cite: &str,
    as_of: NaiveDate,
) {
    if st.kind == AmendmentKind::DraftChange {
        st.state = AmendmentState::Agreed;
        let on = dates.iter().max().map(|d| format!(" on {d}")).unwrap_or_default();
        st.reason = format!("agreed by every party{on}; part of the text that enters into force");
        return;
    }
    let on = match rule {
        AmendmentInForce::OnSignature => am.signed.filter(|s| *s <= as_of),
        _ => dates.iter().max().copied(),
    };
    let assumed = if a.amendment.as_ref().is_some_and(|c| c.assumed) {
        ", assumed: the text does not say when an amendment enters into force"
    } else {
        ""
    };
    match on {
        Some(on) => {
            let how = match rule {
                AmendmentInForce::OnSignature => "on signature",
                AmendmentInForce::OnLastApproval => "on the date of the later approval",
                AmendmentInForce::OnLastAcceptance => "on the last acceptance",
            };
            settled(a, st, on, &format!("{how}{assumed}{cite}"), as_of);
        }
        None => {
            st.state = AmendmentState::Pending;
            st.reason = format!("accepted by all; awaiting signature{cite}");
        }
    }
}

/// An amendment every party has agreed to (on `on`, `how`): in force, but not before
/// the agreement itself. One agreed while the agreement is not yet in force is `agreed`
/// until the agreement enters into force, and in force from that day.
fn settled(a: &Agreement, st: &mut AmendmentStatus, on: NaiveDate, how: &str, as_of: NaiveDate) {
    match entry_into_force(a, as_of) {
        EntryIntoForce::Since { date, .. } if date > on => {
            st.state = AmendmentState::InForce;
            st.in_force_on = Some(date);
            st.reason = format!("in force since {date}, the agreement's entry into force (agreed on {on}, {how})");
        }
        EntryIntoForce::Since { .. } => {
            st.state = AmendmentState::InForce;
            st.in_force_on = Some(on);
            st.reason = format!("in force since {on}, {how}");
        }
        other => {
            st.state = AmendmentState::Agreed;
            st.reason = format!(
                "agreed on {on}, {how}; it takes effect when the agreement enters into force ({})",
                other.not_in_force_reason(a)
            );
        }
    }
}

/// Whether an amendment had been proposed by `as_of`: by its own date, or, without one,
/// by the date of the draft it was proposed to (one with neither is taken as known).
pub fn proposed_by_then(a: &Agreement, am: &Amendment, as_of: NaiveDate) -> bool {
    proposal_date(a, am).is_none_or(|d| d <= as_of)
}

/// The text of each article as in force on `as_of`: the original, or the text of
/// the latest amendment replacing it that is in force by then.
pub fn articles_as_of(a: &Agreement, as_of: NaiveDate) -> Vec<(Article, Option<String>)> {
    a.articles
        .iter()
        .map(|art| {
            let latest = a
                .amendments
                .iter()
                .filter(|am| am.article.as_deref() == Some(art.number.as_str()) && am.text.is_some())
                .filter_map(|am| {
                    let st = status(a, am, as_of);
                    (st.state == AmendmentState::InForce).then_some((st.in_force_on, am))
                })
                .max_by_key(|(on, _)| *on);
            match latest {
                Some((_, am)) => (
                    Article {
                        text: am.text.clone(),
                        ..art.clone()
                    },
                    Some(am.id.clone()),
                ),
                None => (art.clone(), None),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::file::parse::{agreement, Texts};
    use std::path::Path;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn parse(head: &str) -> Agreement {
        let text = format!(
            "id: t\ntitle: T\n{head}parties:\n  a: {{name: A}}\n  b: {{name: B}}\nentry_into_force: {{upon: signature}}\namendments:\n  - {{id: x, proposed: {{by: a, date: 2020-01-01}}, accepted: {{b: 2020-02-01}}}}\n"
        );
        agreement(Path::new("t.yaml"), &text, Texts::Keep).0.unwrap()
    }

    #[test]
    fn a_change_agreed_to_a_draft_is_not_in_force() {
        let a = parse("status: draft\n");
        let st = status(&a, &a.amendments[0], d("2026-01-01"));
        assert_eq!((st.state, st.in_force_on), (AmendmentState::Agreed, None));
        assert!(
            st.reason.starts_with("agreed by every party on 2020-02-01"),
            "{}",
            st.reason
        );
    }

    #[test]
    fn a_change_agreed_before_entry_into_force_takes_effect_with_it() {
        let a = parse("signed: {date: 2021-03-01}\n");
        assert_eq!(
            status(&a, &a.amendments[0], d("2021-02-01")).state,
            AmendmentState::Agreed
        );
        let st = status(&a, &a.amendments[0], d("2026-01-01"));
        assert_eq!(
            (st.state, st.in_force_on),
            (AmendmentState::InForce, Some(d("2021-03-01")))
        );
        let a = parse("signed: {date: 2019-03-01}\n");
        let st = status(&a, &a.amendments[0], d("2026-01-01"));
        assert_eq!(st.in_force_on, Some(d("2020-02-01")));
    }
}
