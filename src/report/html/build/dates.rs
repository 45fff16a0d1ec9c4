//! The dates of one agreement for the report, each with its explanation, all as the
//! engines give them: the spans of its life (provisional application, in force up to its
//! last day, what survives the end), the marks of the timeline (the timeline engine's
//! milestones and recorded events, the due items' dates; terms and latest days for
//! notice are in [`super::notice`]), the decisions of its due items, and supersession
//! once the folder is known.

use super::Options;
use crate::engine::amendments;
use crate::engine::due::{self, Kind};
use crate::engine::entry::{entry_into_force, EntryIntoForce};
use crate::engine::status::{State, Status};
use crate::engine::timeline::{self, Entry};
use crate::model::Agreement;
use crate::report::html::page::*;
use chrono::NaiveDate;

/// Fills `view`'s spans and marks and adds the agreement's decisions; `items` are its due
/// items (in the `due` command's order).
pub(super) fn fill(
    a: &Agreement,
    st: &Status,
    items: &[due::Item],
    opts: &Options,
    view: &mut AgreementView,
    decisions: &mut Vec<Decision>,
) {
    life(a, st, opts.as_of, view);
    for e in timeline::timeline(a, opts.as_of, &[]) {
        view.marks.push(entry_mark(e));
    }
    // Terms, windows and notice days matter only while the agreement is in force and
    // no notice is running.
    if st.state == State::InForce {
        super::notice::fill(a, opts, view, decisions);
    }
    for i in items {
        item_dates(a, i, opts.as_of, view, decisions);
    }
    view.marks.sort_by_key(|x| (x.date, x.kind));
}

pub(super) fn mark(date: NaiveDate, kind: MarkKind, label: impl Into<String>, explanation: impl Into<String>) -> Mark {
    Mark {
        date,
        kind,
        label: label.into(),
        explanation: explanation.into(),
        short: None,
        derived: true,
    }
}

pub(super) fn with_short(mut m: Mark, short: Option<String>) -> Mark {
    m.short = short;
    m
}

/// The bars of the agreement's life: applied provisionally, in force (up to its last day
/// when known), and what survives its end; entry into force on a date still ahead.
fn life(a: &Agreement, st: &Status, as_of: NaiveDate, view: &mut AgreementView) {
    if let (State::ProvisionallyApplied, Some(since)) = (st.state, st.provisionally_applied_since) {
        view.spans.push(Span {
            kind: SpanKind::Provisional,
            from: since,
            to: None,
            label: format!("Applied provisionally since {since}; not in force"),
            explanation: st.reason.clone(),
        });
    }
    let Some(since) = st.in_force_since else {
        if let EntryIntoForce::OnDate { date, reason } = entry_into_force(a, as_of) {
            view.marks
                .push(mark(date, MarkKind::EntryIntoForce, "Enters into force", reason));
        }
        return;
    };
    let kind = match st.state {
        State::Terminating => SpanKind::Ending,
        State::Terminated => SpanKind::Terminated,
        _ => SpanKind::InForce,
    };
    let label = match (st.last_day_in_force, st.takes_effect_on) {
        (Some(last), Some(takes)) => {
            format!("In force from {since} to {last}, its last day; termination takes effect on {takes}")
        }
        _ => format!("In force since {since}; no end date"),
    };
    view.spans.push(Span {
        kind,
        from: since,
        to: st.last_day_in_force,
        label,
        explanation: st.reason.clone(),
    });
    if let Some(from) = st.takes_effect_on {
        for s in &st.survives {
            view.spans.push(Span {
                kind: SpanKind::Survival,
                from,
                to: Some(s.until),
                label: format!(
                    "{} {} continue to apply until {}",
                    if s.articles.len() == 1 { "Article" } else { "Articles" },
                    s.articles.join(", "),
                    s.until
                ),
                explanation: format!(
                    "the survival clause{}{}",
                    crate::model::cite(s.article.as_deref()),
                    s.scope.as_ref().map(|x| format!(", for {x}")).unwrap_or_default()
                ),
            });
        }
    }
}

/// A line of the timeline engine: a milestone it derives, or a recorded event (in a few
/// words: the full texts are in the clauses).
fn entry_mark(e: Entry) -> Mark {
    let detail = e.detail.trim().to_string();
    if !e.derived {
        let (kind, explanation) = match e.event.as_str() {
            "signed" if detail.is_empty() => (MarkKind::Signed, "no place given".to_string()),
            "signed" => (MarkKind::Signed, detail),
            _ if detail.is_empty() => (MarkKind::Event, "recorded in the file".to_string()),
            _ => (MarkKind::Event, detail),
        };
        return Mark {
            date: e.date,
            kind,
            label: event_label(&e.event),
            explanation,
            short: None,
            derived: false,
        };
    }
    let (kind, label) = match e.event.as_str() {
        "provisional_application" => (MarkKind::Provisional, "Provisional application begins".to_string()),
        "entry_into_force" => (MarkKind::EntryIntoForce, "Entry into force".to_string()),
        "entry_into_force_for_party" => (MarkKind::EntryIntoForce, format!("Entry into force {detail}")),
        "last_day_in_force" => (MarkKind::LastDay, "Last day in force".to_string()),
        "termination_takes_effect" => (MarkKind::TakesEffect, "Termination takes effect".to_string()),
        "survival_ends" => (MarkKind::SurvivalEnds, "Surviving provisions end".to_string()),
        "superseded" => (MarkKind::Superseded, "Superseded".to_string()),
        "amendment_in_force" => (MarkKind::Amendment, "Amendment in force".to_string()),
        "last_day_bound" => (MarkKind::LastDay, "Last day a party is bound".to_string()),
        "withdrawal_takes_effect" => (MarkKind::TakesEffect, "Withdrawal takes effect".to_string()),
        other => (MarkKind::Event, event_label(other)),
    };
    mark(e.date, kind, label, detail)
}

/// "notice_given" → "Notice given".
fn event_label(name: &str) -> String {
    let words = name.replace('_', " ");
    let mut c = words.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => words,
    }
}

/// A due item's mark (dated obligations) or decision (approvals, other steps to entry
/// into force, amendments and changes to a draft).
fn item_dates(a: &Agreement, i: &due::Item, as_of: NaiveDate, view: &mut AgreementView, decisions: &mut Vec<Decision>) {
    match (i.kind, i.date) {
        (Kind::Obligation, Some(d)) => {
            let overdue = i.status == due::DueStatus::Overdue;
            // Shown only on the timeline (the section lists obligations with their dates):
            // the obligation by its id and article, and the rule its date follows
            // ("every 1 year from entry into force"); the arithmetic is in the section.
            let article = i.article.as_ref().map(|x| format!(" ({x})")).unwrap_or_default();
            let rule = i.explanation.split("; ").next().unwrap_or_default().to_string();
            view.marks.push(with_short(
                mark(
                    d,
                    if overdue {
                        MarkKind::Overdue
                    } else {
                        MarkKind::Obligation
                    },
                    format!(
                        "{} {}{article}{}",
                        if overdue { "Overdue:" } else { "Next:" },
                        i.id,
                        if i.assumed { " [assumed]" } else { "" }
                    ),
                    i.explanation.clone(),
                ),
                Some(rule),
            ));
        }
        (Kind::Approval | Kind::Step | Kind::Amendment | Kind::DraftChange, None) => {
            let kind = match i.kind {
                Kind::Approval => DecisionKind::Approval,
                Kind::Step => DecisionKind::Step,
                Kind::Amendment => DecisionKind::Amendment,
                _ => DecisionKind::DraftChange,
            };
            let since = a
                .amendment(&i.id)
                .filter(|_| matches!(i.kind, Kind::Amendment | Kind::DraftChange))
                .and_then(|am| amendments::status(a, am, as_of).proposed_on);
            decisions.push(Decision {
                agreement: 0,
                kind,
                date: None,
                days_left: None,
                since,
                what: i.text.clone(),
                who: i.who.clone(),
                article: i.article.clone(),
                explanation: i.explanation.clone(),
            });
        }
        _ => {}
    }
}

/// Turns the view of an agreement found superseded once the whole folder is known: its
/// life bar stops where the superseding agreement entered into force, and nothing after
/// that is due or to decide (the `due` command drops its items too).
pub(super) fn supersede(view: &mut AgreementView, st: &Status) {
    let Some((by, from)) = &st.superseded_by else { return };
    let from = *from;
    view.standing = super::clauses::standing(st);
    view.spans.retain(|s| s.kind.is_life() || s.from < from);
    for s in view.spans.iter_mut().filter(|s| s.kind.is_life()) {
        s.kind = SpanKind::Superseded;
        // Drawn up to the day the superseding agreement entered into force.
        s.to = Some(s.to.map_or(from, |t| t.min(from)));
        s.label = format!("In force from {}; superseded by {by} from {from}", s.from);
    }
    view.marks
        .retain(|m| !m.derived || m.date < from || m.kind == MarkKind::EntryIntoForce);
    view.marks.retain(|m| {
        !matches!(
            m.kind,
            MarkKind::Obligation | MarkKind::Overdue | MarkKind::LatestNotice | MarkKind::EarliestEnd
        )
    });
    view.marks.push(mark(
        from,
        MarkKind::Superseded,
        format!("Superseded by {by}"),
        format!("{by} entered into force on {from} and supersedes this agreement"),
    ));
    view.marks.sort_by_key(|x| (x.date, x.kind));
    view.due.clear();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rules;
    use crate::file::parse::Texts;
    use crate::folder::load::{load_paths_with, Reading};
    use crate::report::html::build::{page_of, Options};
    use std::path::PathBuf;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn page_at(dir: &str, as_of: NaiveDate) -> Page {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(dir);
        let all = load_paths_with(&[dir], &Reading::threads(1), Texts::Skip)
            .unwrap()
            .agreements;
        let opts = Options {
            as_of,
            within: due::DEFAULT_WITHIN,
            party: None,
            agreements: Vec::new(),
            rules: rules::Options::default(),
        };
        page_of(&all, Vec::new(), &opts)
    }

    fn desk() -> Page {
        page_at("tests/fixtures/desk", d(2026, 11, 22))
    }

    fn view<'a>(page: &'a Page, id: &str) -> &'a AgreementView {
        page.agreements.iter().find(|a| a.id == id).unwrap()
    }

    #[test]
    fn terms_and_windows_of_a_renewing_agreement() {
        let page = desk();
        let a = view(&page, "renewal-2020");
        let span = |k: SpanKind| {
            a.spans
                .iter()
                .filter(|s| s.kind == k)
                .map(|s| (s.from, s.to))
                .collect::<Vec<_>>()
        };
        assert_eq!(span(SpanKind::CurrentTerm), [(d(2026, 3, 31), Some(d(2027, 3, 30)))]);
        assert_eq!(span(SpanKind::NextTerm), [(d(2027, 3, 31), Some(d(2028, 3, 30)))]);
        assert_eq!(
            span(SpanKind::NoticeWindow),
            [
                (d(2025, 12, 31), Some(d(2026, 12, 30))),
                (d(2026, 12, 31), Some(d(2027, 12, 30)))
            ]
        );
        assert_eq!(span(SpanKind::InForce), [(d(2020, 3, 31), None)]);
        assert!(a.marks.windows(2).all(|w| w[0].date <= w[1].date));
        let overdue: Vec<NaiveDate> = a
            .marks
            .iter()
            .filter(|m| m.kind == MarkKind::Overdue)
            .map(|m| m.date)
            .collect();
        assert_eq!(overdue, [d(2026, 3, 31)]);
    }

    #[test]
    fn ends_and_supersession_are_drawn_differently() {
        let page = desk();
        let old = view(&page, "old-cooperation");
        assert_eq!(old.standing.name, "superseded");
        assert_eq!(old.standing.phase, Phase::Ended);
        assert_eq!(old.spans.len(), 1);
        assert_eq!(old.spans[0].kind, SpanKind::Superseded);
        assert_eq!(old.spans[0].to, Some(d(2024, 11, 20)));
        assert!(old.due.is_empty());
        assert!(old
            .marks
            .iter()
            .any(|m| m.kind == MarkKind::Superseded && m.date == d(2024, 11, 20)));
        // Terminated: the last day in force, and the day termination took effect.
        let ended = view(&page, "terminated");
        assert_eq!(
            (ended.spans[0].kind, ended.spans[0].to),
            (SpanKind::Terminated, Some(d(2025, 4, 15)))
        );
        let marks = |a: &AgreementView, k: MarkKind| {
            a.marks
                .iter()
                .filter(|m| m.kind == k)
                .map(|m| m.date)
                .collect::<Vec<_>>()
        };
        assert_eq!(marks(ended, MarkKind::LastDay), [d(2025, 4, 15)]);
        assert_eq!(marks(ended, MarkKind::TakesEffect), [d(2025, 4, 16)]);
        let ending = view(&page, "under-notice");
        assert_eq!(
            (ending.standing.phase, ending.spans[0].to),
            (Phase::Ending, Some(d(2027, 1, 31)))
        );
        assert!(ending.spans[0]
            .label
            .ends_with("termination takes effect on 2027-02-01"));
        // A fixed term expires on its last day; the engine's status is "in force".
        let fixed = view(&page, "fixed-term");
        assert_eq!(fixed.standing.name, "in_force");
        assert_eq!(fixed.standing.phase, Phase::Ending);
        assert_eq!(fixed.spans[0].kind, SpanKind::Ending);
        assert_eq!(marks(fixed, MarkKind::LastDay), [d(2027, 2, 27)]);
        assert_eq!(marks(fixed, MarkKind::TakesEffect), [d(2027, 2, 28)]);
    }

    #[test]
    fn the_latest_day_for_notice_in_one_sentence() {
        let page = desk();
        let a = view(&page, "calendar-year");
        let m = a.marks.iter().find(|m| m.kind == MarkKind::LatestNotice).unwrap();
        assert_eq!(m.date, d(2027, 6, 30));
        assert_eq!(
            m.tooltip(),
            "6 months' notice received by 2027-06-30 (VCLT art. 78): last day in force 2027-12-31, termination takes effect on 2028-01-01; received a day later, the last day would be 2028-12-31"
        );
        assert!(m
            .explanation
            .contains("effective at the end of the calendar year in which the notice period ends"));
        let earliest = a.marks.iter().find(|m| m.kind == MarkKind::EarliestEnd).unwrap();
        assert_eq!(earliest.date, d(2027, 12, 31));
    }

    #[test]
    fn treaties_provisional_application_participation_and_survival() {
        let treaties = page_at("tests/fixtures/treaties", d(2026, 11, 22));
        let page = &treaties;
        let standings: Vec<(&str, &str)> = page
            .agreements
            .iter()
            .map(|a| (a.id.as_str(), a.standing.name.as_str()))
            .collect();
        let provisional = page
            .agreements
            .iter()
            .find(|a| a.standing.name == "provisionally_applied")
            .unwrap_or_else(|| panic!("{standings:?}"));
        assert_eq!(provisional.standing.phase, Phase::Pending);
        assert_eq!(provisional.spans[0].kind, SpanKind::Provisional);
        assert!(provisional.marks.iter().any(|m| m.kind == MarkKind::Provisional));
        let multilateral = page.agreements.iter().filter(|a| !a.participation.is_empty()).count();
        assert!(multilateral > 0, "{standings:?}");
        let withdrawn = page
            .agreements
            .iter()
            .flat_map(|a| &a.participation)
            .find(|p| p.class == "withdrawn")
            .unwrap_or_else(|| panic!("{standings:?}"));
        assert!(withdrawn.reason.contains("withdrawal"), "{}", withdrawn.reason);
        // Terminated in 2012; articles 1 to 9 survive for ten years after its last day.
        let earlier = page_at("tests/fixtures/treaties", d(2020, 1, 1));
        let bit = view(&earlier, "investment-treaty");
        let survival: Vec<_> = bit
            .spans
            .iter()
            .filter(|s| s.kind == SpanKind::Survival)
            .map(|s| (s.from, s.to))
            .collect();
        assert_eq!(survival, [(d(2012, 6, 11), Some(d(2022, 6, 10)))]);
        assert!(bit
            .marks
            .iter()
            .any(|m| m.kind == MarkKind::SurvivalEnds && m.date == d(2022, 6, 10)));
    }
}
