//! The status of each amendment as of a date (VCLT arts. 39–40: an amendment is made
//! by agreement between the parties, under the agreement's amendment clause), and the
//! text of each article as in force on a date.

use super::entry::{entry_into_force, EntryIntoForce};
use crate::model::*;
use chrono::NaiveDate;

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AmendmentState {
    /// No acceptance but the proposer's.
    Proposed,
    /// Accepted by some, awaiting others.
    Pending,
    /// Accepted by all while the agreement is not in force (a draft, or a text awaiting
    /// entry into force): in force from the agreement's entry into force.
    Agreed,
    InForce,
    Rejected,
    Withdrawn,
}

impl AmendmentState {
    pub fn name(self) -> &'static str {
        match self {
            AmendmentState::Proposed => "proposed",
            AmendmentState::Pending => "pending",
            AmendmentState::Agreed => "agreed",
            AmendmentState::InForce => "in_force",
            AmendmentState::Rejected => "rejected",
            AmendmentState::Withdrawn => "withdrawn",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AmendmentStatus {
    pub state: AmendmentState,
    /// Who must still act: "IOM", "UN General Assembly".
    pub awaiting: Vec<Approval>,
    pub in_force_on: Option<NaiveDate>,
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
        .map(|p| Approval {
            party: p.id.clone(),
            organ: None,
        })
        .collect()
}

/// The status of amendment `am` of `a` on `as_of`.
pub fn status(a: &Agreement, am: &Amendment, as_of: NaiveDate) -> AmendmentStatus {
    let draft_stage = a.draft;
    let (reqs, rule, article) = requirements(a, draft_stage);
    let cite = cite(article.as_deref());
    if let Some(w) = am.withdrawn.filter(|w| *w <= as_of) {
        return AmendmentStatus {
            state: AmendmentState::Withdrawn,
            awaiting: vec![],
            in_force_on: None,
            reason: format!("withdrawn on {w}"),
        };
    }
    if let Some((p, d)) = am.rejected.iter().find(|(_, d)| *d <= as_of) {
        return AmendmentStatus {
            state: AmendmentState::Rejected,
            awaiting: vec![],
            in_force_on: None,
            reason: format!("rejected by {} on {d}", a.party_label(p)),
        };
    }
    // An acceptance by the party satisfies its requirement; an `approved` event for
    // this amendment satisfies the named organ's.
    let acted = |req: &Approval| -> Option<Option<NaiveDate>> {
        if let Some((_, d)) = am.accepted.iter().find(|(p, d)| *p == req.party && *d <= as_of) {
            return Some(Some(*d));
        }
        if let Some(e) = a.approval_event(req, Some(&am.id), as_of) {
            return Some(Some(e.date));
        }
        // The proposer accepts its own proposal; the date is the proposal's, if known.
        if am.proposed_by.as_deref() == Some(&req.party)
            && req.organ.is_none()
            && am.proposed_on.is_none_or(|d| d <= as_of)
        {
            return Some(am.proposed_on);
        }
        None
    };
    let mut awaiting = Vec::new();
    let mut dates = Vec::new();
    let mut others = 0;
    for req in &reqs {
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
    let label = |list: &[Approval]| list.iter().map(|x| a.approval_label(x)).collect::<Vec<_>>().join(", ");
    if awaiting.is_empty() {
        let on = match rule {
            AmendmentInForce::OnSignature => am.signed.filter(|s| *s <= as_of),
            _ => dates.iter().max().copied(),
        };
        if let Some(on) = on {
            let how = match rule {
                AmendmentInForce::OnSignature => "on signature",
                AmendmentInForce::OnLastApproval => "on the date of the later approval",
                AmendmentInForce::OnLastAcceptance => "on the last acceptance",
            };
            return settled(a, on, &format!("{how}{cite}"), as_of);
        }
        return AmendmentStatus {
            state: AmendmentState::Pending,
            awaiting,
            in_force_on: None,
            reason: format!("accepted by all; awaiting signature{cite}"),
        };
    }
    let state = if others == 0 {
        AmendmentState::Proposed
    } else {
        AmendmentState::Pending
    };
    let stage = if draft_stage {
        " (changes to the draft text need every party's agreement)"
    } else {
        ""
    };
    AmendmentStatus {
        state,
        awaiting: awaiting.clone(),
        in_force_on: None,
        reason: format!("awaiting {}{cite}{stage}", label(&awaiting)),
    }
}

/// An amendment every party has agreed to (on `on`, `how`): in force, but not before
/// the agreement itself. A change agreed to a draft, or to a text not yet in force, is
/// `agreed` until the agreement enters into force, and in force from that day.
fn settled(a: &Agreement, on: NaiveDate, how: &str, as_of: NaiveDate) -> AmendmentStatus {
    let (state, in_force_on, reason) = match entry_into_force(a, as_of) {
        EntryIntoForce::Since { date, .. } if date > on => (
            AmendmentState::InForce,
            Some(date),
            format!("in force since {date}, the agreement's entry into force (agreed on {on}, {how})"),
        ),
        EntryIntoForce::Since { .. } => (AmendmentState::InForce, Some(on), format!("in force since {on}, {how}")),
        other => (
            AmendmentState::Agreed,
            None,
            format!(
                "agreed on {on}, {how}; it takes effect when the agreement enters into force ({})",
                other.not_in_force_reason(a)
            ),
        ),
    };
    AmendmentStatus {
        state,
        awaiting: Vec::new(),
        in_force_on,
        reason,
    }
}

/// Whether an amendment had been proposed by `as_of` (one with no proposal date is
/// taken as known).
pub fn proposed_by_then(am: &Amendment, as_of: NaiveDate) -> bool {
    am.proposed_on.is_none_or(|d| d <= as_of)
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
        assert!(st.reason.starts_with("agreed on 2020-02-01"), "{}", st.reason);
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
