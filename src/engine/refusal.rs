//! Why the termination engine will not compute, each reason a sentence about the
//! agreement that names its rule.

use chrono::NaiveDate;

/// Why the engine will not compute.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("{id} has no termination clause; under {vclt} it can be denounced only if the parties intended it or its nature implies it, then on not less than twelve months' notice. Pass --assume-vclt56 to compute on that assumption, or record `fallback: vclt_56` in the file")]
    NoClause { id: String, vclt: String },
    #[error("{id} is not in force: {reason}")]
    NotInForce { id: String, reason: String },
    #[error("{party} may not terminate {id}: the termination clause{article} gives that right to {allowed} only")]
    NotEntitled {
        id: String,
        party: String,
        allowed: String,
        article: String,
    },
    #[error("`{party}` is not a party to {id}{help}")]
    UnknownParty { id: String, party: String, help: String },
    #[error("{party} stands for the parties the file does not name and cannot give notice as one; name the party giving notice")]
    CollectiveParty { party: String },
    #[error("{id} has {parties} parties and a notice ends only the participation of the party that gives it{article}: name it with --by")]
    WhichParty {
        id: String,
        parties: usize,
        article: String,
    },
    #[error("{id} is no longer in force ({reason}); there is nothing left to terminate")]
    NoLongerInForce { id: String, reason: String },
    #[error("{id}: notice on {notice} would precede entry into force on {start}")]
    NoticeBeforeEntryIntoForce {
        id: String,
        notice: NaiveDate,
        start: NaiveDate,
    },
    #[error(
        "{id}: notice received on {notice} is not permitted: {rule}; the first day notice may be received is {first}"
    )]
    PrematureNotice {
        id: String,
        notice: NaiveDate,
        first: NaiveDate,
        rule: String,
    },
    #[error("{id}: the notice cannot take effect on {requested}: notice received on {notice} takes effect on {computed} at the earliest ({rule}); a later date named in the notice must be on or after it")]
    LaterDateTooEarly {
        id: String,
        notice: NaiveDate,
        requested: NaiveDate,
        computed: NaiveDate,
        rule: String,
    },
    #[error("{id}: the termination clause{article} does not allow the notice to name a later date (no `later_date: allowed`)")]
    LaterDateNotAllowed { id: String, article: String },
}

impl Refusal {
    /// The user named something that does not exist (a usage error) rather than asked
    /// something the agreement does not allow.
    pub fn is_usage(&self) -> bool {
        matches!(self, Refusal::UnknownParty { .. } | Refusal::WhichParty { .. })
    }
}
