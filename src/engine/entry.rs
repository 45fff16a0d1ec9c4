//! Entry into force as of a date (VCLT art. 24: as the agreement provides), derived from
//! the clause and the recorded signature and approvals. Both the status and the
//! termination engines start from it.

use crate::model::*;
use chrono::NaiveDate;

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
    let cite = |r: &str| format!("{r}{}", cite(clause.article.as_deref()));
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

/// The first day in force, if the agreement is in force by `as_of`.
pub fn in_force_since(a: &Agreement, as_of: NaiveDate) -> Option<NaiveDate> {
    match entry_into_force(a, as_of) {
        EntryIntoForce::Since { date, .. } => Some(date),
        _ => None,
    }
}

/// The dates of the required approvals given by `as_of`, and those still missing.
pub fn approvals(a: &Agreement, requires: &[Approval], as_of: NaiveDate) -> (Vec<NaiveDate>, Vec<Approval>) {
    let mut given = Vec::new();
    let mut missing = Vec::new();
    for req in requires {
        match a.approval_event(req, None, as_of) {
            Some(e) => given.push(e.date),
            None => missing.push(req.clone()),
        }
    }
    (given, missing)
}

impl EntryIntoForce {
    /// Why the agreement is not (yet) in force, in words: "awaiting approval by UN
    /// General Assembly; then signature (Art. 17(1))". Empty for [`EntryIntoForce::Since`].
    pub fn not_in_force_reason(&self, a: &Agreement) -> String {
        match self {
            EntryIntoForce::Since { .. } => String::new(),
            EntryIntoForce::AwaitingApprovals { missing, then, article } => {
                let who = missing
                    .iter()
                    .map(|m| a.approval_label(m))
                    .collect::<Vec<_>>()
                    .join(", ");
                let then = match then {
                    Then::Signature => "; then signature",
                    Then::LastApproval => "",
                };
                format!(
                    "{}awaiting approval by {who}{then}{}",
                    if a.draft { "draft text; " } else { "" },
                    cite(article.as_deref())
                )
            }
            EntryIntoForce::AwaitingSignature { article } if a.draft => {
                format!("draft text, not signed{}", cite(article.as_deref()))
            }
            EntryIntoForce::AwaitingSignature { article } => format!("awaiting signature{}", cite(article.as_deref())),
            EntryIntoForce::OnDate { date } => format!("enters into force on {date}"),
            EntryIntoForce::Unknown { reason } => match a.signature_date() {
                Some(s) => format!("signed on {s}; entry into force cannot be established: {reason}"),
                None => format!("entry into force cannot be established: {reason}"),
            },
        }
    }
}
