//! Where an agreement stands on the as-of day, taken before and after a change so the
//! report can say what the change did: its status, the end date, the next date on its
//! schedule, and the obligation or amendment the change concerns.

use super::change::Change;
use crate::engine::due::{self, Explanations, Filter, Kind, Query, Superseders};
use crate::engine::{amendments, status};
use crate::model::Agreement;
use crate::report::record::{AmendmentNow, Due, ObligationDue, Snapshot};
use crate::time::period::Period;
use chrono::NaiveDate;

/// `a` on `as_of`; `all` holds `a` and the agreements its status depends on.
pub(super) fn snapshot(a: &Agreement, all: &[Agreement], as_of: NaiveDate, change: &Change) -> Snapshot {
    let st = status::status(a, as_of, all);
    let filter = Filter {
        agreements: vec![a.id.clone()],
        ..Filter::default()
    };
    let query = Query {
        as_of,
        within: Period::years(100),
        filter: &filter,
        explanations: Explanations::Include,
        superseders: Superseders::Among(all),
    };
    let mut items = due::items_for(a, &query);
    due::sort(&mut items);
    let next_due = items.iter().find_map(|i| {
        i.date.map(|date| Due {
            date,
            kind: i.kind,
            id: i.id.clone(),
            text: i.text.clone(),
        })
    });
    let obligation = change.obligation().map(|id| {
        let item = items.iter().find(|i| i.kind == Kind::Obligation && i.id == id);
        ObligationDue {
            id: id.to_string(),
            next_due: item.and_then(|i| i.date),
            explanation: item.map_or_else(|| "nothing further is due".to_string(), |i| i.explanation.clone()),
        }
    });
    let amendment = change.amendment().and_then(|id| a.amendment(id)).map(|am| {
        let s = amendments::status(a, am, as_of);
        AmendmentNow {
            id: am.id.clone(),
            state: s.state,
            reason: s.reason,
        }
    });
    Snapshot {
        status: st.state,
        reason: st.reason,
        in_force_since: st.in_force_since,
        last_day_in_force: st.last_day_in_force,
        takes_effect_on: st.takes_effect_on,
        next_due,
        obligation,
        amendment,
    }
}
