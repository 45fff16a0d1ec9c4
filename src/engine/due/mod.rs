//! The schedule: every obligation, deadline and pending step of a set of agreements as
//! of a date, each with its status and the reason for its date. A pure function of the
//! agreements, the date, the window and the filter.

mod deadlines;
mod items;
mod obligations;
mod steps;

use crate::model::*;
use crate::time::calendar::shift;
use crate::time::period::Period;
use chrono::NaiveDate;

crate::keywords! {
    /// What kind of step an item is.
    pub enum Kind: "kind" {
        Obligation = "obligation": "an obligation of the agreement",
        Deadline = "deadline": "a deadline the clauses set: the end of a notice, of a term, the last day to give notice",
        Approval = "approval": "an approval awaited for entry into force",
        Step = "step": "another step entry into force waits for: a signature, a notification, an instrument, an agreed date",
        Amendment = "amendment": "an amendment awaiting a decision",
        DraftChange = "draft_change": "a change proposed to a draft text, awaiting agreement",
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DueStatus {
    /// The date has passed.
    Overdue,
    /// Within the item's lead time.
    Due,
    Upcoming,
    /// No deadline.
    Open,
}

impl DueStatus {
    pub fn name(self) -> &'static str {
        match self {
            DueStatus::Overdue => "overdue",
            DueStatus::Due => "due",
            DueStatus::Upcoming => "upcoming",
            DueStatus::Open => "open",
        }
    }
}

/// The lead time when an item gives none.
pub const DEFAULT_LEAD: Period = Period::days(30);

/// The window when the user gives none.
pub const DEFAULT_WITHIN: Period = Period::years(1);

/// One thing to do.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Item {
    pub date: Option<NaiveDate>,
    /// Days from the as-of date to `date` (negative when overdue).
    pub days: Option<i64>,
    pub status: DueStatus,
    pub agreement: String,
    pub kind: Kind,
    /// The obligation, deadline, approval or amendment id; with `agreement`, `kind`
    /// and `occurrence` it identifies the occurrence, whatever its date.
    pub id: String,
    /// Who must act (party ids).
    pub parties: Vec<String>,
    pub article: Option<String>,
    /// The date rests on an assumption of the file's author (see `assumptions`).
    pub assumed: bool,
    /// What is assumed: `interval` (the text gives none), `entry_into_force` (the text
    /// has no clause).
    pub assumptions: Vec<&'static str>,
    /// How the text words an obligation; `intends` is a statement of intention, not binding.
    pub modality: Option<Modality>,
    /// What the obligation depends on, in the text's words.
    pub condition: Option<String>,
    pub text: String,
    /// Reminder lead time.
    #[serde(serialize_with = "ser_period")]
    pub lead: Period,
    /// How the date was computed.
    pub explanation: String,
    /// For a recurring obligation, the number of the occurrence (the first interval
    /// after the anchor is 1); for a term's deadlines, the term (0 the initial term, k
    /// the k-th renewal): with `agreement`, `kind` and `id`, it names the occurrence
    /// whatever its date.
    pub occurrence: Option<u32>,
    /// The end of the agreement: its last day in force, and the day termination takes effect.
    pub last_day_in_force: Option<NaiveDate>,
    pub takes_effect_on: Option<NaiveDate>,
    /// Who must act, as the parties' short names ("UNHCR, IOM").
    pub who: String,
}

fn ser_period<S: serde::Serializer>(p: &Period, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&p.to_string())
}

/// Which items to keep.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub party: Option<String>,
    pub agreements: Vec<String>,
    pub kinds: Vec<Kind>,
    pub overdue_only: bool,
    pub dated_only: bool,
}

/// Whether items carry the explanation of their dates. Outputs that do not print it
/// (table, CSV) omit it: on a large folder the explanations are most of the report's
/// memory.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Explanations {
    #[default]
    Include,
    Omit,
}

/// Where the agreements that may supersede one come from.
#[derive(Clone, Copy, Debug)]
pub enum Superseders<'a> {
    /// Supersession is decided here, among these agreements (the folder).
    Among(&'a [Agreement]),
    /// Supersession is not decided here: a caller that streams the folder drops the
    /// items of superseded agreements afterwards, from the folder index.
    DecidedLater,
}

/// What [`items_for`] computes: the day, the window ahead, the filter, and the two
/// switches above.
#[derive(Clone, Copy, Debug)]
pub struct Query<'a> {
    pub as_of: NaiveDate,
    pub within: Period,
    pub filter: &'a Filter,
    pub explanations: Explanations,
    pub superseders: Superseders<'a>,
}

impl Filter {
    fn keeps(&self, item: &Item) -> bool {
        (self.party.as_ref().is_none_or(|p| item.parties.contains(p)))
            && (self.agreements.is_empty() || self.agreements.contains(&item.agreement))
            && (self.kinds.is_empty() || self.kinds.contains(&item.kind))
            && (!self.overdue_only || item.status == DueStatus::Overdue)
            && (!self.dated_only || item.date.is_some())
    }
}

/// Everything due from `agreements` as of `as_of`: overdue items, dated items up to
/// `as_of + within` inclusive, and open items; sorted by date (overdue first), open
/// items last.
pub fn due(agreements: &[Agreement], as_of: NaiveDate, within: Period, filter: &Filter) -> Vec<Item> {
    let query = Query {
        as_of,
        within,
        filter,
        explanations: Explanations::Include,
        superseders: Superseders::Among(agreements),
    };
    let mut items: Vec<Item> = agreements.iter().flat_map(|a| items_for(a, &query)).collect();
    sort(&mut items);
    items
}

/// The items of one agreement that pass the window and the filter, unsorted.
pub fn items_for(a: &Agreement, query: &Query) -> Vec<Item> {
    let filter = query.filter;
    if !filter.agreements.is_empty() && !filter.agreements.contains(&a.id) {
        return Vec::new();
    }
    let horizon = horizon(query.as_of, query.within);
    let mut items = items::agreement_items(a, query);
    items.retain(|i| i.date.is_none_or(|d| d <= horizon) && filter.keeps(i));
    items
}

/// The last day a window of `within` from `as_of` covers (inclusive): `as_of + within`
/// by the month-end rule (Reg. 1182/71 art. 3(2)(c)); the end of the calendar when the
/// sum is beyond it.
///
/// ```
/// use accord::engine::due::horizon;
/// use accord::time::period::Period;
/// use chrono::NaiveDate;
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
/// // There is no 31 February: six months from 31 August end on the 28th.
/// assert_eq!(horizon(d(2026, 8, 31), Period::months(6)), d(2027, 2, 28));
/// assert_eq!(horizon(d(2027, 2, 28), Period::years(1)), d(2028, 2, 28));
/// assert_eq!(horizon(d(2026, 11, 22), Period::days(90)), d(2027, 2, 20));
/// ```
pub fn horizon(as_of: NaiveDate, within: Period) -> NaiveDate {
    shift(as_of, within).unwrap_or(NaiveDate::MAX)
}

/// By date, open items last; ties by agreement, kind and id (a total order, so the
/// output never depends on thread timing).
pub fn sort(items: &mut [Item]) {
    items.sort_by(|a, b| order(a.date, &a.agreement, a.kind, &a.id).cmp(&order(b.date, &b.agreement, b.kind, &b.id)));
}

/// Days from `as_of` to `date`, negative when `date` has passed: the `days` of an item.
///
/// ```
/// use chrono::NaiveDate;
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
/// // 2028 is a leap year: 29 February counts.
/// assert_eq!(accord::engine::due::days_from(d(2028, 2, 28), d(2028, 3, 1)), 2);
/// assert_eq!(accord::engine::due::days_from(d(2026, 11, 22), d(2026, 11, 20)), -2);
/// ```
pub fn days_from(as_of: NaiveDate, date: NaiveDate) -> i64 {
    (date - as_of).num_days()
}

/// The key of the report's order: by date, open items last; ties by agreement, kind
/// and id.
pub fn order<'a>(
    date: Option<NaiveDate>,
    agreement: &'a str,
    kind: Kind,
    id: &'a str,
) -> (bool, Option<NaiveDate>, &'a str, Kind, &'a str) {
    (date.is_none(), date, agreement, kind, id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::file::parse::{agreement as parse, Texts};
    use std::path::Path;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn agreement(extra: &str) -> Agreement {
        let src = format!(
            "id: t\ntitle: T\nparties:\n  a: {{name: A}}\n  b: {{name: B}}\nsigned: {{date: 2024-02-29}}\nentry_into_force: {{upon: signature}}\n{extra}"
        );
        let (a, diags) = parse(Path::new("t.yaml"), &src, Texts::Keep);
        assert!(
            diags.iter().all(|d| d.severity != crate::diagnostic::Severity::Error),
            "{diags:?}"
        );
        a.unwrap()
    }

    fn dates(items: &[Item]) -> Vec<Option<NaiveDate>> {
        items.iter().map(|i| i.date).collect()
    }

    #[test]
    fn monthly_from_31_january_falls_on_month_ends() {
        let a = agreement(
            "obligations:\n  - {id: m, text: M, parties: [a], article: '1', every: 1 month, from: 2027-01-31}\n",
        );
        let all = [a];
        let got: Vec<_> = [d(2027, 2, 1), d(2027, 3, 1), d(2027, 4, 1)]
            .iter()
            .map(|on| due(&all, *on, Period::months(1), &Filter::default())[0].date.unwrap())
            .collect();
        assert_eq!(got, [d(2027, 2, 28), d(2027, 3, 31), d(2027, 4, 30)]);
    }

    #[test]
    fn yearly_from_29_february() {
        let a = agreement("obligations:\n  - {id: y, text: Y, parties: [a], article: '1', every: 1 year}\n");
        let all = [a];
        assert_eq!(
            dates(&due(&all, d(2026, 11, 22), DEFAULT_WITHIN, &Filter::default())),
            [Some(d(2027, 2, 28))]
        );
        assert_eq!(
            dates(&due(&all, d(2027, 3, 1), DEFAULT_WITHIN, &Filter::default())),
            [Some(d(2028, 2, 29))]
        );
    }

    #[test]
    fn rolling_from_the_last_performance_and_overdue() {
        let a = agreement(
            "obligations:\n  - {id: y, text: Y, parties: [a], article: '1', every: 1 year}\nevents:\n  - {date: 2025-06-10, type: performed, obligation: y}\n",
        );
        let all = [a];
        let items = due(&all, d(2026, 11, 22), DEFAULT_WITHIN, &Filter::default());
        assert_eq!(items[0].date, Some(d(2026, 6, 10)));
        assert_eq!(items[0].status, DueStatus::Overdue);
        assert_eq!(items[0].days, Some(-165));
        // A performance after the as-of date is not known yet.
        let items = due(&all, d(2025, 6, 1), DEFAULT_WITHIN, &Filter::default());
        assert_eq!(items[0].date, Some(d(2026, 2, 28)));
    }

    #[test]
    fn lead_time_boundaries() {
        let a =
            agreement("obligations:\n  - {id: o, text: O, parties: [a], once: true, due: 2027-01-31, lead: 30 days}\n");
        let all = [a];
        let status = |on| due(&all, on, DEFAULT_WITHIN, &Filter::default())[0].status;
        assert_eq!(status(d(2026, 12, 31)), DueStatus::Upcoming);
        assert_eq!(status(d(2027, 1, 1)), DueStatus::Due);
        assert_eq!(status(d(2027, 1, 31)), DueStatus::Due);
        assert_eq!(status(d(2027, 2, 1)), DueStatus::Overdue);
    }

    #[test]
    fn the_window_is_inclusive() {
        let a = agreement("obligations:\n  - {id: o, text: O, parties: [a], once: true, due: 2027-11-22}\n");
        let all = [a];
        assert_eq!(due(&all, d(2026, 11, 22), DEFAULT_WITHIN, &Filter::default()).len(), 1);
        assert_eq!(due(&all, d(2026, 11, 21), DEFAULT_WITHIN, &Filter::default()).len(), 0);
    }

    #[test]
    fn open_items_come_last_and_can_be_hidden() {
        let a = agreement(
            "obligations:\n  - {id: open, text: O, parties: [a], once: true}\n  - {id: dated, text: D, parties: [b], once: true, due: 2027-01-01}\n",
        );
        let all = [a];
        let items = due(&all, d(2026, 11, 22), DEFAULT_WITHIN, &Filter::default());
        assert_eq!(
            items.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(),
            ["dated", "open"]
        );
        let dated = Filter {
            dated_only: true,
            ..Filter::default()
        };
        assert_eq!(due(&all, d(2026, 11, 22), DEFAULT_WITHIN, &dated).len(), 1);
        let party = Filter {
            party: Some("a".into()),
            ..Filter::default()
        };
        assert_eq!(due(&all, d(2026, 11, 22), DEFAULT_WITHIN, &party)[0].id, "open");
    }

    #[test]
    fn nothing_is_due_after_the_agreement_ends() {
        let a = agreement(
            "termination: {notice: 3 months}\nobligations:\n  - {id: y, text: Y, parties: [a], article: '1', every: 1 year}\nevents:\n  - {date: 2026-10-01, type: notice_given, by: a}\n",
        );
        let all = [a];
        let items = due(&all, d(2026, 11, 22), DEFAULT_WITHIN, &Filter::default());
        // The end on 2027-01-01 is listed; the yearly obligation (2027-02-28) is not.
        assert_eq!(dates(&items), [Some(d(2027, 1, 1))]);
        assert_eq!(items[0].kind, Kind::Deadline);
    }
}
