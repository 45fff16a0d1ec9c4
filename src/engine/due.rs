//! The schedule: every obligation, deadline and pending step of a set of agreements as
//! of a date, each with its status and the reason for its date. A pure function of the
//! agreements, the date, the window and the filter.

use crate::engine::amendments::{self, AmendmentState};
use crate::engine::status::{self, State};
use crate::engine::{notice, rules, terminate};
use crate::model::*;
use crate::time::calendar::{next_occurrence, period_end, shift, shift_back};
use crate::time::period::Period;
use chrono::{Datelike, NaiveDate};

/// What kind of step an item is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Obligation,
    Deadline,
    Approval,
    Amendment,
}

impl Kind {
    pub const ALL: [(&'static str, Kind); 4] = [
        ("obligation", Kind::Obligation),
        ("deadline", Kind::Deadline),
        ("approval", Kind::Approval),
        ("amendment", Kind::Amendment),
    ];
    pub fn name(self) -> &'static str {
        Kind::ALL
            .iter()
            .find(|(_, k)| *k == self)
            .map_or("obligation", |(n, _)| n)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
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
    /// The obligation, deadline, approval or amendment id; with `agreement` and
    /// `date` it identifies the occurrence.
    pub id: String,
    /// Who must act (party ids).
    pub parties: Vec<String>,
    pub article: Option<String>,
    /// The interval or date is the file author's assumption.
    pub assumed: bool,
    pub text: String,
    /// Reminder lead time.
    #[serde(serialize_with = "ser_period")]
    pub lead: Period,
    /// How the date was computed.
    pub explanation: String,
    /// Who must act, as display labels ("UNHCR, IOM"); for tables.
    #[serde(skip)]
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
    /// Leave `explanation` empty, for outputs that do not print it (table, CSV): on a
    /// large folder the explanations are most of the report's memory.
    pub terse: bool,
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
    let mut items: Vec<Item> = agreements
        .iter()
        .flat_map(|a| items_for(a, as_of, within, filter, agreements))
        .collect();
    sort(&mut items);
    items
}

/// The items of one agreement that pass the window and the filter, unsorted; `all` is
/// the folder, for supersession (pass `&[]` and drop superseded agreements' items
/// afterwards when streaming).
pub fn items_for(a: &Agreement, as_of: NaiveDate, within: Period, filter: &Filter, all: &[Agreement]) -> Vec<Item> {
    if !filter.agreements.is_empty() && !filter.agreements.contains(&a.id) {
        return Vec::new();
    }
    let horizon = shift(as_of, within).unwrap_or(NaiveDate::MAX);
    let mut items = Vec::new();
    agreement_items(a, as_of, all, filter.terse, &mut items);
    items.retain(|i| i.date.is_none_or(|d| d <= horizon) && filter.keeps(i));
    items
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

struct Builder<'a> {
    terse: bool,
    a: &'a Agreement,
    as_of: NaiveDate,
}

impl Builder<'_> {
    /// How a date was computed, unless the output does not print it.
    fn explain(&self, why: impl FnOnce() -> String) -> String {
        if self.terse {
            String::new()
        } else {
            why()
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn item(
        &self,
        date: Option<NaiveDate>,
        kind: Kind,
        id: String,
        parties: Vec<String>,
        article: Option<String>,
        assumed: bool,
        text: String,
        lead: Option<Period>,
        explanation: String,
    ) -> Item {
        let lead = lead.unwrap_or(DEFAULT_LEAD);
        let status = match date {
            None => DueStatus::Open,
            Some(d) if d < self.as_of => DueStatus::Overdue,
            Some(d) if shift_back(d, lead).is_none_or(|r| r <= self.as_of) => DueStatus::Due,
            Some(_) => DueStatus::Upcoming,
        };
        Item {
            date,
            days: date.map(|d| days_from(self.as_of, d)),
            status,
            agreement: self.a.id.clone(),
            kind,
            id,
            parties: parties.clone(),
            article,
            assumed,
            text,
            lead,
            explanation,
            who: parties
                .iter()
                .map(|p| self.a.party_label(p))
                .collect::<Vec<_>>()
                .join(", "),
        }
    }
}

fn agreement_items(a: &Agreement, as_of: NaiveDate, all: &[Agreement], terse: bool, out: &mut Vec<Item>) {
    let b = Builder { a, as_of, terse };
    let st = status::status(a, as_of, all);
    match st.state {
        State::Draft | State::AwaitingApproval => {
            let then = match a.entry_into_force.as_ref().map(|e| &e.upon) {
                Some(Upon::Conditions {
                    then: Then::Signature, ..
                }) => "; then signature",
                _ => "",
            };
            for m in &st.missing_approvals {
                let who = a.approval_label(m);
                let id = format!(
                    "approval-{}{}",
                    m.party,
                    m.organ.as_ref().map(|o| format!("-{}", slug(o))).unwrap_or_default()
                );
                let article = a.entry_into_force.as_ref().and_then(|e| e.article.clone());
                out.push(b.item(
                    None,
                    Kind::Approval,
                    id,
                    vec![m.party.clone()],
                    article,
                    false,
                    format!("approval by {who} for entry into force{then}"),
                    None,
                    b.explain(|| st.reason.clone()),
                ));
            }
            amendment_items(&b, out);
            return;
        }
        State::Signed | State::Terminated | State::Superseded => return,
        State::InForce | State::Terminating => {}
    }
    let Some(since) = st.in_force_since else { return };
    let ends = st.ends_on;
    if let (State::Terminating, Some(end)) = (st.state, ends) {
        let text = format!("agreement ends ({})", st.reason);
        out.push(b.item(
            Some(end),
            Kind::Deadline,
            "termination-effective".into(),
            a.parties.iter().map(|p| p.id.clone()).collect(),
            a.termination.as_ref().and_then(|t| t.article.clone()),
            false,
            text,
            None,
            b.explain(|| notice_explanation(a, as_of)),
        ));
    }
    for o in &a.obligations {
        obligation_item(&b, o, since, ends, out);
    }
    if st.state == State::InForce {
        term_items(&b, out);
    }
    amendment_items(&b, out);
}

fn obligation_item(b: &Builder, o: &Obligation, since: NaiveDate, ends: Option<NaiveDate>, out: &mut Vec<Item>) {
    let last =
        b.a.events
            .iter()
            .filter(|e| e.kind == EventKind::Performed && e.obligation.as_deref() == Some(&o.id) && e.date <= b.as_of)
            .map(|e| e.date)
            .max();
    let (date, explanation) = match &o.schedule {
        Schedule::Standing => return,
        Schedule::Once { due } => {
            if last.is_some() {
                return;
            }
            (
                *due,
                b.explain(|| due.map_or("no deadline in the text".to_string(), |d| format!("due on {d}"))),
            )
        }
        Schedule::Every { period, from } => {
            let anchor = from.unwrap_or(since);
            let anchor_why = if from.is_some() {
                "its `from` date"
            } else {
                "entry into force"
            };
            match last {
                Some(l) => {
                    let Some(next) = period_end(l, *period) else { return };
                    (
                        Some(next.date),
                        b.explain(|| format!("every {period} from the last performance: {next}")),
                    )
                }
                None => {
                    let Some((k, next)) = next_occurrence(anchor, *period, b.as_of) else {
                        return;
                    };
                    let month_end = if period.has_months() && next.day() != anchor.day() {
                        ", the last day of the month (Reg. 1182/71 art. 3(2)(c))"
                    } else {
                        ""
                    };
                    (Some(next), b.explain(|| format!("every {period} from {anchor} ({anchor_why}); occurrence {k}: {anchor} + {k} × {period} → {next}{month_end}; no performance recorded")))
                }
            }
        }
    };
    if let (Some(d), Some(end)) = (date, ends) {
        if d > end {
            return;
        }
    }
    out.push(b.item(
        date,
        Kind::Obligation,
        o.id.clone(),
        o.parties.clone(),
        o.article.clone(),
        o.assumed,
        o.text.clone(),
        o.lead,
        explanation,
    ));
}

fn term_items(b: &Builder, out: &mut Vec<Item>) {
    let Ok(rules) = rules::rules(b.a, b.as_of, &rules::Options::default()) else {
        return;
    };
    let Some(term) = &rules.term else { return };
    let everyone: Vec<String> = b.a.parties.iter().map(|p| p.id.clone()).collect();
    let article = term.article.clone().or_else(|| rules.article.clone());
    if term.renewal.is_none() {
        if let Some((_, e)) = term.term(0) {
            if e >= b.as_of {
                out.push(b.item(
                    Some(e),
                    Kind::Deadline,
                    "term-end".into(),
                    everyone,
                    article,
                    false,
                    "fixed term expires".into(),
                    None,
                    b.explain(|| {
                        format!(
                            "fixed term of {} from {}: {} + {} = {}; a term ends the day before, on {e}",
                            term.length,
                            term.start,
                            term.start,
                            term.length,
                            e.succ_opt().unwrap_or(e)
                        )
                    }),
                ));
            }
        }
        return;
    }
    let windows = terminate::windows(&rules, b.as_of, 2);
    if let Some(w) = windows.iter().find(|w| w.closes >= b.as_of) {
        let text = format!("last day to give notice of non-renewal (term ends {})", w.term_end);
        let expl = b.explain(|| {
            format!(
                "latest receipt so that the notice period ends by {}, the last day of {}; window opened {}",
                w.term_end,
                if w.term == 0 {
                    "the initial term".to_string()
                } else {
                    format!("renewal term {}", w.term)
                },
                w.opens
            )
        });
        out.push(b.item(
            Some(w.closes),
            Kind::Deadline,
            "non-renewal-notice".into(),
            everyone.clone(),
            article.clone(),
            false,
            text,
            Some(Period::days(90)),
            expl,
        ));
    }
    if let Some(w) = windows.first() {
        out.push(b.item(
            Some(w.term_end),
            Kind::Deadline,
            "term-end".into(),
            everyone,
            article,
            false,
            "current term ends; renewed tacitly unless notice was given in time".into(),
            None,
            b.explain(|| {
                format!(
                    "term {} runs {} to {}, the day before the next term starts on {}",
                    w.term,
                    w.term_start,
                    w.term_end,
                    w.term_end.succ_opt().unwrap_or(w.term_end)
                )
            }),
        ));
    }
}

fn amendment_items(b: &Builder, out: &mut Vec<Item>) {
    for am in
        b.a.amendments
            .iter()
            .filter(|am| amendments::proposed_by_then(am, b.as_of))
    {
        let st = amendments::status(b.a, am, b.as_of);
        if !matches!(st.state, AmendmentState::Proposed | AmendmentState::Pending) {
            continue;
        }
        let parties: Vec<String> = st.awaiting.iter().map(|x| x.party.clone()).collect();
        let by = am
            .proposed_by
            .as_ref()
            .map(|p| format!(", proposed by {}", b.a.party_label(p)))
            .unwrap_or_default();
        let text = format!(
            "decide on amendment {} to {}{by}",
            am.id,
            am.article.as_deref().unwrap_or("the agreement")
        );
        let summary = am.summary.as_ref().map(|s| format!("; {s}")).unwrap_or_default();
        out.push(b.item(
            None,
            Kind::Amendment,
            am.id.clone(),
            parties,
            am.article.clone(),
            false,
            text,
            None,
            b.explain(|| format!("{}: {}{summary}", st.state.name(), st.reason)),
        ));
    }
}

/// The arithmetic behind the end date of the notice on record.
fn notice_explanation(a: &Agreement, as_of: NaiveDate) -> String {
    notice::pending_notice(a, as_of)
        .and_then(|n| {
            let rules = rules::rules(a, as_of, &rules::Options::default()).ok()?;
            notice::end_date(&rules, n.received)
        })
        .map_or_else(
            || "the last day in force under the notice on record".to_string(),
            |o| o.steps.join("; "),
        )
}

fn slug(s: &str) -> String {
    s.to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::file::parse::load_source;
    use std::path::Path;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn agreement(extra: &str) -> Agreement {
        let src = format!(
            "id: t\ntitle: T\nparties:\n  a: {{name: A}}\n  b: {{name: B}}\nsigned: {{date: 2024-02-29}}\nentry_into_force: {{upon: signature}}\n{extra}"
        );
        let (a, diags) = load_source(Path::new("t.yaml"), &src);
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
