//! Each party's participation in an agreement as of a date: when the agreement entered
//! into force for it (a multilateral treaty enters into force for a party that deposits
//! later on its own date), and whether it has withdrawn or is withdrawing. In a
//! multilateral agreement a party's withdrawal ends its participation, not the
//! agreement (VCLT art. 55).

use super::ends::withdrawal;
use super::entry::party_entry_into_force;
use crate::model::*;
use chrono::NaiveDate;

/// Where a party stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PartState {
    /// Not (yet) bound: no instrument, or the agreement is not in force.
    NotBound,
    Bound,
    /// Bound, with its notice of withdrawal running.
    Withdrawing,
    Withdrawn,
    /// A collective entry standing for the parties the file does not name.
    Others,
}

impl PartState {
    /// The state in words, for tables.
    pub fn label(self) -> &'static str {
        match self {
            PartState::NotBound => "not bound",
            PartState::Bound => "bound",
            PartState::Withdrawing => "withdrawing",
            PartState::Withdrawn => "withdrawn",
            PartState::Others => "other parties",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            PartState::NotBound => "not_bound",
            PartState::Bound => "bound",
            PartState::Withdrawing => "withdrawing",
            PartState::Withdrawn => "withdrawn",
            PartState::Others => "other_parties",
        }
    }
}

/// One party's participation on a date.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Participation {
    pub party: String,
    pub status: PartState,
    /// The first day the agreement binds the party.
    pub since: Option<NaiveDate>,
    /// Withdrawing or withdrawn: the last day the agreement binds the party.
    pub last_day_in_force: Option<NaiveDate>,
    /// The day the withdrawal takes effect.
    pub takes_effect_on: Option<NaiveDate>,
    pub reason: String,
}

/// Every party's participation on `as_of`, in the file's order.
pub fn participation(a: &Agreement, as_of: NaiveDate) -> Vec<Participation> {
    a.parties.iter().map(|p| one(a, p, as_of)).collect()
}

fn one(a: &Agreement, p: &Party, as_of: NaiveDate) -> Participation {
    let mut row = Participation {
        party: p.id.clone(),
        status: PartState::NotBound,
        since: None,
        last_day_in_force: None,
        takes_effect_on: None,
        reason: String::new(),
    };
    if p.collective {
        row.status = PartState::Others;
        row.reason = "stands for the parties the file does not name".into();
        return row;
    }
    let Some((since, how)) = party_entry_into_force(a, &p.id, as_of) else {
        row.reason = "not bound: no instrument deposited, or the agreement is not in force".into();
        return row;
    };
    if since > as_of {
        row.reason = format!("enters into force for it on {since}, {how}");
        return row;
    }
    row.status = PartState::Bound;
    row.since = Some(since);
    row.reason = format!("bound since {since}, {how}");
    if let Some(end) = withdrawal(a, &p.id, as_of) {
        row.last_day_in_force = Some(end.last_day_in_force);
        row.takes_effect_on = Some(end.takes_effect_on);
        if end.takes_effect_on <= as_of {
            row.status = PartState::Withdrawn;
            row.reason = format!("withdrawn: {}", end.reason);
        } else {
            row.status = PartState::Withdrawing;
            row.reason = format!("withdrawing: {}", end.reason);
        }
    }
    row
}
