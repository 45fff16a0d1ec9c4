//! The lifecycle of an agreement as of a date, derived from its clauses and recorded
//! events (nothing derived is stored in files): entry into force (VCLT art. 24),
//! approvals awaited, notice and termination (arts. 67, 68, 78), supersession.

use crate::model::*;
use crate::terminate;
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

/// When and how an agreement entered (or will enter) into force, as of a date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EntryIntoForce {
    /// In force since `date`; `assumed` when the clause is the file author's assumption.
    Since {
        date: NaiveDate,
        reason: String,
        assumed: bool,
    },
    /// Approvals still awaited, then `then`.
    AwaitingApprovals {
        missing: Vec<Approval>,
        then: Then,
        article: Option<String>,
    },
    /// Every condition is met but signature.
    AwaitingSignature { article: Option<String> },
    /// A date of entry into force still in the future.
    OnDate { date: NaiveDate },
    /// The file gives no way to establish it.
    Unknown { reason: String },
}

/// Derives entry into force from the clause and the events up to `as_of`.
pub fn entry_into_force(a: &Agreement, as_of: NaiveDate) -> EntryIntoForce {
    let signed = a.signature_date().filter(|d| *d <= as_of);
    let Some(clause) = &a.entry_into_force else {
        return EntryIntoForce::Unknown {
            reason: "the agreement has no entry-into-force clause".into(),
        };
    };
    let cite = |r: &str| match &clause.article {
        Some(art) => format!("{r} ({art})"),
        None => r.to_string(),
    };
    let assumed = clause.assumed;
    match &clause.upon {
        Upon::Signature => match signed {
            Some(date) => EntryIntoForce::Since {
                date,
                reason: cite(if assumed {
                    "on signature, assumed: the text has no entry-into-force clause"
                } else {
                    "on signature"
                }),
                assumed,
            },
            None => EntryIntoForce::AwaitingSignature {
                article: clause.article.clone(),
            },
        },
        Upon::Date(date) if *date <= as_of => EntryIntoForce::Since {
            date: *date,
            reason: cite("on the date it sets"),
            assumed,
        },
        Upon::Date(date) => EntryIntoForce::OnDate { date: *date },
        Upon::Conditions { requires, then } => {
            let (given, missing) = approvals(a, requires, as_of);
            if !missing.is_empty() {
                return EntryIntoForce::AwaitingApprovals {
                    missing,
                    then: *then,
                    article: clause.article.clone(),
                };
            }
            let last = given.into_iter().max();
            match (then, last) {
                (Then::LastApproval, Some(date)) => EntryIntoForce::Since {
                    date,
                    reason: cite("on the date of the last approval"),
                    assumed,
                },
                (Then::Signature, _) => match (signed, last) {
                    (Some(s), Some(l)) if s >= l => EntryIntoForce::Since {
                        date: s,
                        reason: cite("on signature, after the approvals"),
                        assumed,
                    },
                    (Some(s), Some(l)) => EntryIntoForce::Unknown {
                        reason: format!(
                            "signed on {s}, before the last approval on {l}; the clause requires approval first"
                        ),
                    },
                    _ => EntryIntoForce::AwaitingSignature {
                        article: clause.article.clone(),
                    },
                },
                (Then::LastApproval, None) => EntryIntoForce::Unknown {
                    reason: "no approvals are required".into(),
                },
            }
        }
    }
}

/// The dates of the required approvals given by `as_of`, and those still missing.
pub fn approvals(a: &Agreement, requires: &[Approval], as_of: NaiveDate) -> (Vec<NaiveDate>, Vec<Approval>) {
    let mut given = Vec::new();
    let mut missing = Vec::new();
    for req in requires {
        let found = a.events.iter().find(|e| {
            e.kind == EventKind::Approved
                && e.date <= as_of
                && e.amendment.is_none()
                && e.party.as_deref() == Some(&req.party)
                && (req.organ.is_none() || e.organ == req.organ)
        });
        match found {
            Some(e) => given.push(e.date),
            None => missing.push(req.clone()),
        }
    }
    (given, missing)
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
        EntryIntoForce::AwaitingApprovals { missing, then, article } => {
            let who = missing
                .iter()
                .map(|m| approval_label(a, m))
                .collect::<Vec<_>>()
                .join(", ");
            let then = match then {
                Then::Signature => "; then signature",
                Then::LastApproval => "",
            };
            let art = article.map(|x| format!(" ({x})")).unwrap_or_default();
            st.state = if a.draft { State::Draft } else { State::AwaitingApproval };
            st.reason = format!(
                "{}awaiting approval by {who}{then}{art}",
                if a.draft { "draft text; " } else { "" }
            );
            st.missing_approvals = missing;
            return st;
        }
        EntryIntoForce::AwaitingSignature { article } => {
            st.state = if a.draft {
                State::Draft
            } else if a.signature_date().is_some() {
                State::Signed
            } else {
                State::AwaitingApproval
            };
            let art = article.map(|x| format!(" ({x})")).unwrap_or_default();
            st.reason = if a.draft {
                format!("draft text, not signed{art}")
            } else {
                format!("awaiting signature{art}")
            };
            return st;
        }
        EntryIntoForce::OnDate { date } => {
            st.reason = format!("enters into force on {date}");
            return st;
        }
        EntryIntoForce::Unknown { reason } => {
            st.state = if a.draft { State::Draft } else { State::Signed };
            st.reason = match a.signature_date() {
                Some(s) => format!("signed on {s}; entry into force cannot be established: {reason}"),
                None => format!("entry into force cannot be established: {reason}"),
            };
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
    apply_supersession(&mut st, &superseders(a, as_of, all));
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

/// Marks a status superseded when an agreement that supersedes it is in force
/// (`superseders`: id and date of entry into force of each); the streaming form of
/// the check in [`status`].
pub fn apply_supersession(st: &mut Status, superseders: &[(String, NaiveDate)]) {
    if !matches!(st.state, State::InForce | State::Terminating) {
        return;
    }
    if let Some((by, date)) = superseders.iter().min_by_key(|(_, d)| *d) {
        st.state = State::Superseded;
        st.reason = format!("superseded by {by} from {date}");
        st.superseded_by = Some((by.clone(), *date));
    }
}

/// A notice of termination on record and not revoked before it took effect.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub by: String,
    pub received: NaiveDate,
    /// The last day in force.
    pub end: NaiveDate,
}

/// The earliest-ending notice given by `as_of` and not revoked (VCLT art. 68) before
/// its end date.
pub fn pending_notice(a: &Agreement, as_of: NaiveDate) -> Option<Notice> {
    if !a
        .events
        .iter()
        .any(|e| e.kind == EventKind::NoticeGiven && e.date <= as_of)
    {
        return None;
    }
    let rules = terminate::rules(a, as_of, &terminate::Options::default()).ok();
    let mut best: Option<Notice> = None;
    for e in a
        .events
        .iter()
        .filter(|e| e.kind == EventKind::NoticeGiven && e.date <= as_of)
    {
        let Some(by) = &e.by else { continue };
        let end = rules
            .as_ref()
            .and_then(|r| terminate::end_date(r, e.date))
            .map(|o| o.effective_date);
        let Some(end) = end else { continue };
        let revoked = a.events.iter().any(|r| {
            r.kind == EventKind::NoticeRevoked
                && r.by.as_ref() == Some(by)
                && r.date >= e.date
                && r.date <= end
                && r.date <= as_of
        });
        if revoked {
            continue;
        }
        if best.as_ref().is_none_or(|b| end < b.end) {
            best = Some(Notice {
                by: by.clone(),
                received: e.date,
                end,
            });
        }
    }
    best
}

/// The agreements in the folder that supersede `a` and are in force on `as_of`, with
/// their dates of entry into force.
pub fn superseders(a: &Agreement, as_of: NaiveDate, all: &[Agreement]) -> Vec<(String, NaiveDate)> {
    if a.superseded_by.is_empty() {
        return Vec::new();
    }
    all.iter()
        .filter(|b| b.id != a.id && a.superseded_by.contains(&b.id))
        .filter_map(|b| match entry_into_force(b, as_of) {
            EntryIntoForce::Since { date, .. } => Some((b.id.clone(), date)),
            _ => None,
        })
        .collect()
}

/// The agreement that supersedes `a` on `as_of` (the earliest in force), if any.
pub fn superseded(a: &Agreement, as_of: NaiveDate, all: &[Agreement]) -> Option<(String, NaiveDate)> {
    superseders(a, as_of, all).into_iter().min_by_key(|(_, d)| *d)
}

/// "UN (General Assembly)".
pub fn approval_label(a: &Agreement, ap: &Approval) -> String {
    match &ap.organ {
        Some(o) => format!("{} {o}", a.party_label(&ap.party)),
        None => a.party_label(&ap.party),
    }
}
