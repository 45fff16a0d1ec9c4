//! The rules for decisions on an amendment: one decision per party, on an amendment
//! proposed and still open (VCLT arts. 39–40); a withdrawal by its proposer, with no
//! decision dated after it.

use super::{no, Refusal, ONCE};
use crate::engine::amendments::{self, AmendmentState};
use crate::file::edit::Decision;
use crate::model::Agreement;
use chrono::NaiveDate;

/// A decision on an amendment: one per party, on an amendment proposed and still open.
pub(super) fn decided(a: &Agreement, id: &str, decision: &Decision, by: Option<&str>) -> Result<(), Refusal> {
    let Some(am) = a.amendment(id) else { return Ok(()) };
    match decision {
        Decision::Accepted { party, date } | Decision::Rejected { party, date } => {
            let who = a.party_label(party);
            let earlier = |list: &[(String, NaiveDate)]| list.iter().find(|(p, _)| p == party).map(|(_, d)| *d);
            let accepted = matches!(decision, Decision::Accepted { .. });
            match (earlier(&am.accepted), earlier(&am.rejected)) {
                (Some(d), _) if d == *date && accepted => {
                    return Err(no(format!("{who} is already recorded as accepting {id} on {d}"), ONCE))
                }
                (_, Some(d)) if d == *date && !accepted => {
                    return Err(no(format!("{who} is already recorded as rejecting {id} on {d}"), ONCE))
                }
                (Some(d), _) => {
                    return Err(no(
                        format!("{who} accepted {id} on {d}"),
                        "a party accepts or rejects an amendment once (VCLT arts. 39–40)",
                    ))
                }
                (_, Some(d)) => {
                    return Err(no(
                        format!("{who} rejected {id} on {d}"),
                        "a party accepts or rejects an amendment once (VCLT arts. 39–40)",
                    ))
                }
                _ => {}
            }
            open_amendment(a, id, *date)
        }
        Decision::Withdrawn { date } => {
            if let Some(w) = am.withdrawn {
                let rule = if w == *date {
                    ONCE
                } else {
                    "a proposal is withdrawn once"
                };
                return Err(no(format!("{id} is already recorded as withdrawn on {w}"), rule));
            }
            if let (Some(by), Some(proposer)) = (by, am.proposed_by.as_deref()) {
                if by != proposer {
                    return Err(no(
                        format!(
                            "{id} was proposed by {}, not {}",
                            a.party_label(proposer),
                            a.party_label(by)
                        ),
                        "only the party that proposed an amendment withdraws it",
                    ));
                }
            }
            let later = am.accepted.iter().chain(&am.rejected).find(|(_, d)| d > date);
            if let Some((p, d)) = later {
                return Err(no(
                    format!("{} decided on {id} on {d}, after {date}", a.party_label(p)),
                    "a withdrawn proposal is no longer open to acceptance or rejection",
                ));
            }
            open_amendment(a, id, *date)
        }
    }
}

/// The amendment proposed by `date` and still open on it (not withdrawn, rejected or in
/// force).
pub(super) fn open_amendment(a: &Agreement, id: &str, date: NaiveDate) -> Result<(), Refusal> {
    let Some(am) = a.amendment(id) else { return Ok(()) };
    if let Some(p) = am.proposed_on.filter(|p| date < *p) {
        return Err(no(
            format!("{id} was proposed on {p}, after {date}"),
            "an amendment is accepted, rejected or withdrawn once proposed (VCLT arts. 39–40)",
        ));
    }
    let st = amendments::status(a, am, date);
    match st.state {
        AmendmentState::Withdrawn | AmendmentState::Rejected | AmendmentState::Agreed | AmendmentState::InForce => {
            Err(no(
                format!("{id} is no longer open on {date}: {}", st.reason),
                "only an amendment still open is accepted, rejected or withdrawn (VCLT arts. 39–40)",
            ))
        }
        AmendmentState::Proposed | AmendmentState::Pending => Ok(()),
    }
}
