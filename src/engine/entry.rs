//! Entry into force as of a date (VCLT art. 24: as the agreement provides), derived from
//! the clause and the recorded signature, approvals, notifications and deposits, or
//! taken from a recorded `entered_into_force` event, which always wins; and provisional
//! application before it (VCLT art. 25). Both the status and the termination engines
//! start from here.

use crate::model::EntryIntoForce as Clause;
use crate::model::*;
use crate::time::after::After;
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
    /// Every condition is met but signature (or the agreement is not signed yet).
    AwaitingSignature { article: Option<String> },
    /// Parties whose notification that their internal requirements are met is awaited.
    AwaitingNotifications {
        missing: Vec<String>,
        article: Option<String>,
    },
    /// Instruments still awaited: `deposited` of `count`, and required parties missing.
    AwaitingInstruments {
        deposited: u32,
        count: u32,
        missing_required: Vec<String>,
        article: Option<String>,
    },
    /// The parties are to agree on the date.
    AwaitingAgreedDate { article: Option<String> },
    /// A date of entry into force still in the future, and how it was reached.
    OnDate { date: NaiveDate, reason: String },
    /// The file gives no way to establish it.
    Unknown { reason: String },
}

/// A date far enough ahead that every recorded event is known by then: for checks that
/// look at the whole record rather than at one day.
pub const END_OF_RECORD: NaiveDate = match NaiveDate::from_ymd_opt(9999, 12, 31) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

/// Derives entry into force from the clause and the events up to `as_of`. A recorded
/// `entered_into_force` event (for the whole agreement) is the fact and wins over the
/// computation, as of its date.
pub fn entry_into_force(a: &Agreement, as_of: NaiveDate) -> EntryIntoForce {
    let recorded = a
        .events
        .iter()
        .find(|e| e.kind == EventKind::EnteredIntoForce && e.party.is_none());
    match recorded {
        Some(e) if e.date <= as_of => EntryIntoForce::Since {
            date: e.date,
            reason: format!(
                "as recorded{}",
                cite(a.entry_into_force.as_ref().and_then(|c| c.article.as_deref()))
            ),
            assumed: false,
        },
        // A fact recorded for a later day was not known on `as_of`: say what the
        // clause gave then.
        _ => computed(a, as_of),
    }
}

/// Entry into force as the clause gives it from the events up to `as_of`, without a
/// recorded `entered_into_force` event (for the check that compares the two).
pub fn computed(a: &Agreement, as_of: NaiveDate) -> EntryIntoForce {
    let Some(clause) = &a.entry_into_force else {
        return EntryIntoForce::Unknown {
            reason: "the agreement has no entry-into-force clause".into(),
        };
    };
    let signed = a.signature_date().filter(|d| *d <= as_of);
    let article = clause.article.clone();
    let trigger = match &clause.upon {
        Upon::Signature => match signed {
            Some(s) => Trigger::new(s, "signature"),
            None => return EntryIntoForce::AwaitingSignature { article },
        },
        Upon::Date(d) => Trigger::new(*d, "the date it sets"),
        Upon::Conditions { requires, then } => match conditions(a, requires, *then, signed, as_of, article) {
            Ok(t) => t,
            Err(pending) => return pending,
        },
        Upon::Notifications => match notifications(a, as_of) {
            Ok(t) => t,
            Err(missing) => return EntryIntoForce::AwaitingNotifications { missing, article },
        },
        Upon::Instruments(rule) => match general_by_instruments(a, rule, as_of) {
            Ok(Found::Trigger(t)) => t,
            Ok(Found::Stated(date)) => {
                return since_or_on(date, "on the date stated in the file".into(), clause, as_of)
            }
            Err(pending) => return pending,
        },
        Upon::AgreedDate => return EntryIntoForce::AwaitingAgreedDate { article },
    };
    let (date, how) = trigger.then(clause.after);
    since_or_on(date, how, clause, as_of)
}

/// In force since `date` if it has come, else on it; the reason names the rule, the
/// article and an assumed clause.
fn since_or_on(date: NaiveDate, how: String, clause: &Clause, as_of: NaiveDate) -> EntryIntoForce {
    let assumed = if clause.assumed {
        ", assumed: the text has no entry-into-force clause"
    } else {
        ""
    };
    let reason = format!("{how}{assumed}{}", cite(clause.article.as_deref()));
    if date <= as_of {
        EntryIntoForce::Since {
            date,
            reason,
            assumed: clause.assumed,
        }
    } else {
        EntryIntoForce::OnDate { date, reason }
    }
}

/// The day that sets entry into force going, and what it is, for the explanation.
struct Trigger {
    date: NaiveDate,
    what: String,
}

impl Trigger {
    fn new(date: NaiveDate, what: impl Into<String>) -> Trigger {
        Trigger {
            date,
            what: what.into(),
        }
    }

    /// The day of entry into force with `after` applied, and how it was reached.
    fn then(self, after: Option<After>) -> (NaiveDate, String) {
        match after {
            None => (self.date, format!("on {}", self.what)),
            Some(rule) => match rule.apply(self.date) {
                Some(date) => (
                    date,
                    format!("{} after {}: {}", rule, self.what, rule.explain(self.date)),
                ),
                None => (self.date, format!("on {}", self.what)),
            },
        }
    }
}

/// `upon: conditions`: the last approval, or the signature after the approvals.
fn conditions(
    a: &Agreement,
    requires: &[Approval],
    then: Then,
    signed: Option<NaiveDate>,
    as_of: NaiveDate,
    article: Option<String>,
) -> Result<Trigger, EntryIntoForce> {
    let (given, missing) = approvals(a, requires, as_of);
    if !missing.is_empty() {
        return Err(EntryIntoForce::AwaitingApprovals { missing, then, article });
    }
    let last = given.into_iter().max();
    match (then, last, signed) {
        (Then::LastApproval, Some(date), _) => Ok(Trigger::new(date, "the date of the last approval")),
        (Then::LastApproval, None, _) => Err(EntryIntoForce::Unknown {
            reason: "no approvals are required".into(),
        }),
        (Then::Signature, Some(l), Some(s)) if s >= l => Ok(Trigger::new(s, "signature, after the approvals")),
        (Then::Signature, Some(l), Some(s)) => Err(EntryIntoForce::Unknown {
            reason: format!("signed on {s}, before the last approval on {l}; the clause requires approval first"),
        }),
        (Then::Signature, _, _) => Err(EntryIntoForce::AwaitingSignature { article }),
    }
}

/// `upon: notifications`: the last of every named party's notification that its
/// internal requirements are met, or the parties still to notify.
fn notifications(a: &Agreement, as_of: NaiveDate) -> Result<Trigger, Vec<String>> {
    let mut last = None;
    let mut missing = Vec::new();
    for p in a.parties.iter().filter(|p| !p.collective) {
        match a
            .events_of(EventKind::Notified, as_of)
            .find(|e| e.party.as_deref() == Some(&p.id))
        {
            Some(e) => last = last.max(Some(e.date)),
            None => missing.push(p.id.clone()),
        }
    }
    match last {
        Some(date) if missing.is_empty() => Ok(Trigger::new(date, "the last notification")),
        _ => Err(missing),
    }
}

/// What the instruments clause gives: the deposit that triggers entry into force, or a
/// date stated as a fact.
enum Found {
    Trigger(Trigger),
    Stated(NaiveDate),
}

/// `upon: instruments`: the deposit of the count-th instrument (the required parties'
/// included), or the date stated in the file when the deposits are not all recorded.
fn general_by_instruments(a: &Agreement, rule: &Instruments, as_of: NaiveDate) -> Result<Found, EntryIntoForce> {
    if let Some(date) = rule.date {
        return Ok(Found::Stated(date));
    }
    let deposits: Vec<&Event> = a.events_of(EventKind::Deposited, as_of).collect();
    let missing_required: Vec<String> = rule
        .requires_parties
        .iter()
        .filter(|p| !deposits.iter().any(|e| e.party.as_deref() == Some(p.as_str())))
        .cloned()
        .collect();
    let count = deposits.len() as u32;
    if count < rule.count || !missing_required.is_empty() {
        return Err(EntryIntoForce::AwaitingInstruments {
            deposited: count,
            count: rule.count,
            missing_required,
            article: a.entry_into_force.as_ref().and_then(|c| c.article.clone()),
        });
    }
    // The count is reached with the count-th deposit, unless a required party deposits
    // later: then with that party's deposit.
    let nth = deposits[rule.count as usize - 1].date;
    let required_last = rule
        .requires_parties
        .iter()
        .filter_map(|p| deposits.iter().find(|e| e.party.as_deref() == Some(p.as_str())))
        .map(|e| e.date)
        .max();
    let date = nth.max(required_last.unwrap_or(nth));
    Ok(Found::Trigger(Trigger::new(
        date,
        format!("the deposit of the {} instrument", ordinal(rule.count)),
    )))
}

/// "55th".
fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (1, r) if r != 11 => "st",
        (2, r) if r != 12 => "nd",
        (3, r) if r != 13 => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// The first day in force, if the agreement is in force by `as_of`.
pub fn in_force_since(a: &Agreement, as_of: NaiveDate) -> Option<NaiveDate> {
    match entry_into_force(a, as_of) {
        EntryIntoForce::Since { date, .. } => Some(date),
        _ => None,
    }
}

/// When the agreement enters (or entered) into force for `party`, and how; `None` when
/// the party is not bound (no instrument deposited, or the agreement's own entry into
/// force cannot be established). The date may be after `as_of`.
pub fn party_entry_into_force(a: &Agreement, party: &str, as_of: NaiveDate) -> Option<(NaiveDate, String)> {
    if let Some(e) = a
        .events
        .iter()
        .find(|e| e.kind == EventKind::EnteredIntoForce && e.party.as_deref() == Some(party) && e.date <= as_of)
    {
        return Some((e.date, "as recorded".into()));
    }
    let general = match entry_into_force(a, as_of) {
        EntryIntoForce::Since { date, reason, .. } | EntryIntoForce::OnDate { date, reason } => Some((date, reason)),
        _ => None,
    };
    let Some(Upon::Instruments(rule)) = a.entry_into_force.as_ref().map(|c| &c.upon) else {
        return general;
    };
    let deposit = a
        .events_of(EventKind::Deposited, as_of)
        .find(|e| e.party.as_deref() == Some(party))?;
    let (general_date, general_reason) = general?;
    let own = match rule.for_later_parties {
        Some(after) => after.apply(deposit.date).map(|d| {
            (
                d,
                format!("{after} after its own deposit: {}", after.explain(deposit.date)),
            )
        }),
        None => Some((deposit.date, format!("on its own deposit on {}", deposit.date))),
    }?;
    if own.0 > general_date {
        Some(own)
    } else {
        Some((general_date, general_reason))
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

/// Provisional application by `as_of`: since when, and why; `None` when the agreement
/// has no such clause or it has not started.
pub fn provisionally_applied_since(a: &Agreement, as_of: NaiveDate) -> Option<(NaiveDate, String)> {
    let pa = a.provisional_application.as_ref()?;
    let (date, how) = match &pa.from {
        PaStart::Signature => (a.signature_date()?, "from signature".to_string()),
        PaStart::Date(d) => (*d, format!("from {d}")),
        PaStart::Conditions(requires) => {
            let (given, missing) = approvals(a, requires, as_of);
            if !missing.is_empty() {
                return None;
            }
            (given.into_iter().max()?, "from the last approval".to_string())
        }
    };
    (date <= as_of).then(|| {
        (
            date,
            format!("applied provisionally {how}{}", cite(pa.article.as_deref())),
        )
    })
}

impl EntryIntoForce {
    /// Why the agreement is not (yet) in force, in words: "awaiting approval by UN
    /// General Assembly; then signature (Art. 17(1))". Empty for [`EntryIntoForce::Since`].
    pub fn not_in_force_reason(&self, a: &Agreement) -> String {
        let cite = |article: &Option<String>| cite(article.as_deref());
        let draft = if a.draft { "draft text; " } else { "" };
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
                format!("{draft}awaiting approval by {who}{then}{}", cite(article))
            }
            EntryIntoForce::AwaitingSignature { article } if a.draft => {
                format!("draft text, not signed{}", cite(article))
            }
            EntryIntoForce::AwaitingSignature { article } => format!("awaiting signature{}", cite(article)),
            EntryIntoForce::AwaitingNotifications { missing, article } => {
                let who: Vec<String> = missing.iter().map(|p| a.party_label(p)).collect();
                format!(
                    "awaiting the notification that internal requirements are met by {}{}",
                    who.join(", "),
                    cite(article)
                )
            }
            EntryIntoForce::AwaitingInstruments {
                deposited,
                count,
                missing_required,
                article,
            } => {
                let mut s = format!(
                    "awaiting instruments: {deposited} of {count} deposited, {} more needed",
                    count.saturating_sub(*deposited)
                );
                if !missing_required.is_empty() {
                    let who: Vec<String> = missing_required.iter().map(|p| a.party_label(p)).collect();
                    s.push_str(&format!(", including {}", who.join(", ")));
                }
                format!("{s}{}", cite(article))
            }
            EntryIntoForce::AwaitingAgreedDate { article } => format!(
                "awaiting the date of entry into force the parties agree on (to be recorded as an `entered_into_force` event){}",
                cite(article)
            ),
            EntryIntoForce::OnDate { date, reason } => format!("enters into force on {date}, {reason}"),
            EntryIntoForce::Unknown { reason } => match a.signature_date() {
                Some(s) => format!("signed on {s}; entry into force cannot be established: {reason}"),
                None => format!("entry into force cannot be established: {reason}"),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ordinal;

    #[test]
    fn ordinals() {
        let got: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 55, 101, 111].map(ordinal).to_vec();
        assert_eq!(
            got,
            ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "55th", "101st", "111th"]
        );
    }
}
