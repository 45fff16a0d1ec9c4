//! The lifecycle of an agreement as of a date, derived from its clauses and recorded
//! events (nothing derived is stored in files): entry into force (VCLT art. 24, see
//! [`super::entry`]), approvals awaited, notice and termination (arts. 67, 68, 78, see
//! [`super::notice`]), supersession.

use super::entry::{entry_into_force, in_force_since, EntryIntoForce};
use super::notice::pending_notice;
use crate::model::*;
use chrono::NaiveDate;
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    Draft,
    AwaitingApproval,
    Signed,
    InForce,
    Terminating,
    Terminated,
    Superseded,
}

impl State {
    pub fn name(self) -> &'static str {
        match self {
            State::Draft => "draft",
            State::AwaitingApproval => "awaiting_approval",
            State::Signed => "signed",
            State::InForce => "in_force",
            State::Terminating => "terminating",
            State::Terminated => "terminated",
            State::Superseded => "superseded",
        }
    }
}

impl fmt::Display for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Where an agreement stands on a date, with the reason in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Status {
    pub state: State,
    pub in_force_since: Option<NaiveDate>,
    /// Terminating or terminated: the last day in force.
    pub ends_on: Option<NaiveDate>,
    pub superseded_by: Option<(String, NaiveDate)>,
    pub missing_approvals: Vec<Approval>,
    /// Entry into force rests on the file author's assumption.
    pub assumed: bool,
    pub reason: String,
}

/// The status of `a` on `as_of`; `all` is the folder, for supersession.
pub fn status(a: &Agreement, as_of: NaiveDate, all: &[Agreement]) -> Status {
    let eif = entry_into_force(a, as_of);
    let mut st = Status {
        state: State::Signed,
        in_force_since: None,
        ends_on: None,
        superseded_by: None,
        missing_approvals: Vec::new(),
        assumed: false,
        reason: String::new(),
    };
    let since = match eif {
        EntryIntoForce::Since { date, reason, assumed } => {
            st.assumed = assumed;
            st.reason = format!("in force since {date}, {reason}");
            date
        }
        other => {
            st.reason = other.not_in_force_reason(a);
            st.state = match &other {
                EntryIntoForce::OnDate { .. } => State::Signed,
                _ if a.draft => State::Draft,
                EntryIntoForce::AwaitingApprovals { .. } => State::AwaitingApproval,
                EntryIntoForce::AwaitingSignature { .. } if a.signature_date().is_none() => State::AwaitingApproval,
                _ => State::Signed,
            };
            if let EntryIntoForce::AwaitingApprovals { missing, .. } = other {
                st.missing_approvals = missing;
            }
            return st;
        }
    };
    st.state = State::InForce;
    st.in_force_since = Some(since);

    if let Some(t) = a
        .events
        .iter()
        .find(|e| e.kind == EventKind::Terminated && e.date <= as_of)
    {
        st.state = State::Terminated;
        st.ends_on = Some(t.date);
        st.reason = format!("terminated on {}", t.date);
        return st;
    }
    apply_supersession(&mut st, superseded(a, as_of, all));
    if st.state == State::Superseded {
        return st;
    }
    if let Some(n) = pending_notice(a, as_of) {
        st.ends_on = Some(n.end);
        if n.end < as_of {
            st.state = State::Terminated;
            st.reason = format!(
                "terminated: notice by {} received {}, last day in force {}",
                a.party_label(&n.by),
                n.received,
                n.end
            );
        } else {
            st.state = State::Terminating;
            st.reason = format!(
                "terminating: notice by {} received {}, in force until {}",
                a.party_label(&n.by),
                n.received,
                n.end
            );
        }
    }
    st
}

/// The supersession rule: of the agreements that supersede one (`candidates`: each
/// id with its date of entry into force, if it has entered into force), those in force
/// on `as_of` supersede it from the earliest of their dates. Used on the whole folder
/// ([`superseded`]) and, by commands that stream the folder, on its index.
///
/// ```
/// use accord::engine::status::superseding;
/// use chrono::NaiveDate;
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
/// let by = [("later", d(2030, 1, 1)), ("earlier", d(2020, 1, 1)), ("draft", None)];
/// let on = |y| superseding(by.map(|(id, date)| (id.to_string(), date)), d(y, 6, 1).unwrap());
/// assert_eq!(on(2025), Some(("earlier".to_string(), d(2020, 1, 1).unwrap())));
/// assert_eq!(on(2019), None);
/// ```
pub fn superseding(
    candidates: impl IntoIterator<Item = (String, Option<NaiveDate>)>,
    as_of: NaiveDate,
) -> Option<(String, NaiveDate)> {
    candidates
        .into_iter()
        .filter_map(|(id, since)| since.filter(|d| *d <= as_of).map(|d| (id, d)))
        .min_by_key(|(_, d)| *d)
}

/// Marks a status superseded (by the agreement and from the date [`superseding`]
/// found) when the agreement is in force or terminating.
pub fn apply_supersession(st: &mut Status, by: Option<(String, NaiveDate)>) {
    if !matches!(st.state, State::InForce | State::Terminating) {
        return;
    }
    if let Some((by, date)) = by {
        st.state = State::Superseded;
        st.reason = format!("superseded by {by} from {date}");
        st.superseded_by = Some((by, date));
    }
}

/// The agreement of the folder `all` that supersedes `a` on `as_of`, if any, and from when.
pub fn superseded(a: &Agreement, as_of: NaiveDate, all: &[Agreement]) -> Option<(String, NaiveDate)> {
    if a.superseded_by.is_empty() {
        return None;
    }
    let candidates = all
        .iter()
        .filter(|b| b.id != a.id && a.superseded_by.contains(&b.id))
        .map(|b| (b.id.clone(), in_force_since(b, as_of)));
    superseding(candidates, as_of)
}
