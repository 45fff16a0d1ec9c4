//! Fills the report's [`Page`] from the engines' results: status, participation,
//! amendments, due items, termination terms and latest days for notice, timeline
//! entries. This module (with [`clauses`], [`dates`] and [`notice`]) is the only part of
//! the report that knows the engine types; the page it builds is plain data. It maps
//! and words what the engines computed, and computes no date itself.
//!
//! It works one agreement at a time ([`agreement`], on the thread that parsed the file),
//! then assembles the page once the folder is read ([`page`]): supersession is known only
//! then, as in `due` and `list`.

mod assemble;
mod clauses;
mod dates;
mod notice;

use super::page::*;
use crate::diagnostic::{Diagnostic, Severity};
use crate::engine::amendments::{self, AmendmentState};
use crate::engine::due::{self, Explanations, Query, Superseders};
use crate::engine::participation::participation;
use crate::engine::rules;
use crate::engine::status::{self, State, Status};
use crate::model::Agreement;
use crate::time::period::Period;
use chrono::NaiveDate;
use std::collections::HashMap;

/// What the report covers: the `due` command's filters, and the project's termination
/// conventions.
#[derive(Clone, Debug)]
pub(crate) struct Options {
    pub as_of: NaiveDate,
    /// How far the due table looks ahead (inclusive).
    pub within: Period,
    /// Only the agreements this party is a party to, and what it must do.
    pub party: Option<String>,
    /// Only these agreements (all when empty).
    pub agreements: Vec<String>,
    /// The project's roll-over convention and holidays.
    pub rules: rules::Options,
}

/// The window of the summary's "coming up" list.
const NEXT: Period = Period::days(NEXT_DAYS as u32);

impl Options {
    /// `as_of + within`, the last day of the due table.
    pub(crate) fn horizon(&self) -> NaiveDate {
        due::horizon(self.as_of, self.within)
    }

    /// The last day of the summary's "coming up" list.
    fn next_until(&self) -> NaiveDate {
        due::horizon(self.as_of, NEXT)
    }

    /// The window due items are computed for: `within`, or the summary's 90 days when
    /// that is longer.
    fn window(&self) -> Period {
        if self.next_until() > self.horizon() {
            NEXT
        } else {
            self.within
        }
    }

    fn keeps(&self, a: &Agreement) -> bool {
        (self.agreements.is_empty() || self.agreements.contains(&a.id))
            && self.party.as_ref().is_none_or(|p| a.party(p).is_some())
    }
}

/// What the report keeps of one agreement while the folder is read.
#[derive(Debug)]
pub(crate) struct Built {
    /// The first day in force, for the agreements this one supersedes.
    pub since: Option<NaiveDate>,
    /// The party ids, kept only to check `--party` against.
    pub parties: Vec<String>,
    /// `None` when the filters leave the agreement out.
    kept: Option<Box<Kept>>,
}

#[derive(Debug)]
struct Kept {
    view: AgreementView,
    status: Status,
    decisions: Vec<Decision>,
}

/// The part of the page one agreement gives, computed as of `opts.as_of` without the
/// rest of the folder (supersession is applied by [`page`]).
pub(crate) fn agreement(a: &Agreement, opts: &Options) -> Built {
    let status = status::status(a, opts.as_of, &[]);
    let parties = match opts.party {
        Some(_) => a.parties.iter().map(|p| p.id.clone()).collect(),
        None => Vec::new(),
    };
    let since = status.in_force_since;
    let kept = opts.keeps(a).then(|| Box::new(keep(a, status, opts)));
    Built { since, parties, kept }
}

fn keep(a: &Agreement, status: Status, opts: &Options) -> Kept {
    let filter = due::Filter {
        party: opts.party.clone(),
        ..due::Filter::default()
    };
    let query = Query {
        as_of: opts.as_of,
        within: opts.window(),
        filter: &filter,
        explanations: Explanations::Include,
        superseders: Superseders::DecidedLater,
    };
    let mut items = due::items_for(a, &query);
    due::sort(&mut items);
    let mut view = AgreementView {
        id: a.id.clone(),
        title: a.display_title().to_string(),
        full_title: a.short_title.as_ref().map(|_| a.title.clone()),
        file: a.file.display().to_string(),
        standing: clauses::standing(&status),
        parties: a
            .parties
            .iter()
            .map(|p| PartyView {
                id: p.id.clone(),
                label: a.party_label(&p.id),
                name: p.name.clone(),
            })
            .collect(),
        clauses: clauses::clauses(a),
        obligations: clauses::obligations(a),
        participation: party_standings(a, opts.as_of),
        amendments: amendment_views(a, opts.as_of),
        draft_changes: a.draft,
        ..AgreementView::default()
    };
    let mut decisions = Vec::new();
    dates::fill(a, &status, &items, opts, &mut view, &mut decisions);
    view.due = items.iter().map(item).collect();
    Kept {
        view,
        status,
        decisions,
    }
}

/// Each party's participation in a multilateral agreement, as the engine gives it.
fn party_standings(a: &Agreement, as_of: NaiveDate) -> Vec<PartyStanding> {
    if !a.is_multilateral() {
        return Vec::new();
    }
    participation(a, as_of)
        .into_iter()
        .map(|p| PartyStanding {
            party: a.party_label(&p.party),
            class: p.status.name().replace('_', "-"),
            reason: p.reason,
        })
        .collect()
}

/// The amendments (or changes to a draft) proposed by the as-of date, each with its
/// status: agreed changes to a draft are part of the text that will enter into force.
fn amendment_views(a: &Agreement, as_of: NaiveDate) -> Vec<AmendmentView> {
    a.amendments
        .iter()
        .filter(|am| amendments::proposed_by_then(a, am, as_of))
        .map(|am| {
            let st = amendments::status(a, am, as_of);
            let state = match st.state {
                AmendmentState::Agreed => "agreed: part of the text that enters into force",
                other => other.label(),
            };
            AmendmentView {
                id: am.id.clone(),
                article: am.article.clone(),
                state: state.to_string(),
                reason: st.reason,
                summary: am.summary.clone(),
            }
        })
        .collect()
}

fn item(i: &due::Item) -> Item {
    Item {
        date: i.date,
        days: i.days,
        state: match i.status {
            due::DueStatus::Overdue => DueState::Overdue,
            due::DueStatus::Due => DueState::Due,
            due::DueStatus::Upcoming => DueState::Upcoming,
            due::DueStatus::Open => DueState::Open,
        },
        kind: i.kind.name().to_string(),
        id: i.id.clone(),
        what: i.text.clone(),
        who: i.who.clone(),
        article: i.article.clone(),
        assumed: i.assumed,
        explanation: i.explanation.clone(),
        ends: i.last_day_in_force.zip(i.takes_effect_on),
    }
}

/// The files left out because of their errors, one line each.
pub(crate) fn problems(diagnostics: &[Diagnostic]) -> Vec<Problem> {
    diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| {
            let location = match &d.span {
                Some(s) => format!("{}:{}:{}", d.file.display(), s.line, s.column),
                None => d.file.display().to_string(),
            };
            Problem {
                location,
                message: d.message.clone(),
            }
        })
        .collect()
}

/// The page, from every agreement of the folder in file order (`(id, built)`), and for
/// each agreement superseded on the as-of date the agreement that supersedes it and from
/// when (the engine's supersession rule, applied to the folder).
pub(crate) fn page(
    entries: Vec<(String, Built)>,
    superseded: &HashMap<String, (String, NaiveDate)>,
    problems: Vec<Problem>,
    files: usize,
    opts: &Options,
) -> Page {
    let mut views = Vec::new();
    let mut states = Vec::new();
    let mut decisions = Vec::new();
    for (id, built) in entries {
        let Some(k) = built.kept else { continue };
        let mut k = *k;
        status::apply_supersession(&mut k.status, superseded.get(&id).cloned());
        if k.status.state == State::Superseded {
            dates::supersede(&mut k.view, &k.status);
            k.decisions.clear();
        }
        let n = views.len() as u32;
        decisions.extend(k.decisions.into_iter().map(|d| Decision { agreement: n, ..d }));
        views.push(k.view);
        states.push(k.status.state);
    }
    let mut page = assemble::assemble(views, decisions, problems, files, opts);
    page.counts = assemble::counts(&states);
    page
}

/// The page of agreements already loaded together (their `superseded_by` filled in by
/// the loader): what the tests call.
#[cfg(test)]
pub(crate) fn page_of(agreements: &[Agreement], problems: Vec<Problem>, opts: &Options) -> Page {
    let superseded = agreements
        .iter()
        .filter_map(|a| Some((a.id.clone(), status::superseded(a, opts.as_of, agreements)?)))
        .collect();
    let entries = agreements.iter().map(|a| (a.id.clone(), agreement(a, opts))).collect();
    page(entries, &superseded, problems, agreements.len(), opts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::file::parse::Texts;
    use crate::folder::load::{load_paths_with, Reading};
    use std::path::PathBuf;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn desk() -> Vec<Agreement> {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/desk");
        load_paths_with(&[dir], &Reading::threads(1), Texts::Skip)
            .unwrap()
            .agreements
    }

    fn opts() -> Options {
        Options {
            as_of: d(2026, 11, 22),
            within: due::DEFAULT_WITHIN,
            party: None,
            agreements: Vec::new(),
            rules: rules::Options::default(),
        }
    }

    fn view<'a>(page: &'a Page, id: &str) -> &'a AgreementView {
        page.agreements.iter().find(|a| a.id == id).unwrap()
    }

    #[test]
    fn the_due_table_is_the_due_command_in_its_order() {
        let all = desk();
        let page = page_of(&all, Vec::new(), &opts());
        let expected: Vec<(String, String, Option<NaiveDate>)> =
            due::due(&all, d(2026, 11, 22), due::DEFAULT_WITHIN, &due::Filter::default())
                .into_iter()
                .map(|i| (i.agreement, i.text, i.date))
                .collect();
        let got: Vec<(String, String, Option<NaiveDate>)> = page
            .due
            .iter()
            .map(|r| {
                let (a, i) = page.item(*r);
                (a.id.clone(), i.what.clone(), i.date)
            })
            .collect();
        assert_eq!(got, expected);
        assert!(page.overdue.iter().all(|r| page.item(*r).1.state == DueState::Overdue));
        assert_eq!(page.overdue.len(), 1);
        // The end of a terminating agreement carries both of its dates.
        let end = page
            .due
            .iter()
            .map(|r| page.item(*r).1)
            .find(|i| i.id == "termination-effective")
            .unwrap();
        assert_eq!(end.ends, Some((d(2027, 1, 31), d(2027, 2, 1))));
    }

    #[test]
    fn decisions_are_the_latest_notice_days_and_pending_steps() {
        let page = page_of(&desk(), Vec::new(), &opts());
        let dated: Vec<(&str, DecisionKind, NaiveDate, i64)> = page
            .decisions
            .iter()
            .filter_map(|x| {
                Some((
                    page.agreements[x.agreement as usize].id.as_str(),
                    x.kind,
                    x.date?,
                    x.days_left?,
                ))
            })
            .collect();
        assert_eq!(
            dated,
            [
                ("minimum-term", DecisionKind::LatestNotice, d(2026, 12, 30), 38),
                ("renewal-2020", DecisionKind::NonRenewal, d(2026, 12, 30), 38),
                // The end of 2026 can no longer be reached (notice by 2026-06-30).
                ("calendar-year", DecisionKind::LatestNotice, d(2027, 6, 30), 220),
            ]
        );
        let undated: Vec<(&str, DecisionKind)> = page
            .decisions
            .iter()
            .filter(|x| x.date.is_none())
            .map(|x| (page.agreements[x.agreement as usize].id.as_str(), x.kind))
            .collect();
        assert_eq!(
            undated,
            [
                ("awaiting", DecisionKind::Approval),
                ("draft-mou", DecisionKind::Step),
                ("new-cooperation", DecisionKind::Amendment),
                ("new-cooperation", DecisionKind::Amendment),
            ]
        );
        let renewal = page
            .decisions
            .iter()
            .find(|x| x.kind == DecisionKind::NonRenewal)
            .unwrap();
        assert_eq!(
            renewal.explanation,
            "3 months' notice received by 2026-12-30 (VCLT art. 78): last day in force 2027-03-30, termination takes effect on 2027-03-31; received a day later, the last day would be 2028-03-30"
        );
        // The agreement's section has every step of it.
        let mark = view(&page, "renewal-2020")
            .marks
            .iter()
            .find(|m| m.kind == MarkKind::LatestNotice && m.date == d(2026, 12, 30))
            .unwrap();
        assert!(
            mark.explanation.contains("renewal term 5, 2026-03-31 to 2027-03-30"),
            "{}",
            mark.explanation
        );
        assert!(mark
            .explanation
            .ends_with("; received a day later, the last day in force would be 2028-03-30"));
        assert_eq!(mark.tooltip(), renewal.explanation);
    }

    #[test]
    fn counts_by_status_in_the_order_of_the_phases() {
        let page = page_of(&desk(), Vec::new(), &opts());
        let counts: Vec<(&str, usize)> = page.counts.iter().map(|c| (c.status.name.as_str(), c.n)).collect();
        assert_eq!(
            counts,
            [
                ("in_force", 11),
                ("terminating", 1),
                ("draft", 1),
                ("awaiting_approval", 1),
                ("signed", 1),
                ("terminated", 1),
                ("superseded", 1),
            ]
        );
        assert_eq!(counts.iter().map(|c| c.1).sum::<usize>(), page.agreements.len());
    }

    #[test]
    fn filters_keep_the_agreements_of_a_party_and_what_it_must_do() {
        let all = desk();
        let party = Options {
            party: Some("gamma".into()),
            ..opts()
        };
        let page = page_of(&all, Vec::new(), &party);
        let ids: Vec<&str> = page.agreements.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["minimum-term"]);
        assert_eq!(page.filters, ["party: gamma"]);
        let one = Options {
            agreements: vec!["renewal-2020".into()],
            ..opts()
        };
        let page = page_of(&all, Vec::new(), &one);
        assert_eq!(page.agreements.len(), 1);
        assert!(page.decisions.iter().all(|x| x.agreement == 0));
        let beta = Options {
            party: Some("beta".into()),
            ..opts()
        };
        let page = page_of(&all, Vec::new(), &beta);
        for r in &page.due {
            let (a, i) = page.item(*r);
            assert!(i.who.contains("Beta"), "{} {}", a.id, i.what);
        }
    }

    #[test]
    fn the_next_ninety_days_are_listed_whatever_the_window() {
        let short = Options {
            within: Period::days(10),
            ..opts()
        };
        let page = page_of(&desk(), Vec::new(), &short);
        assert_eq!((page.horizon, page.next_until), (d(2026, 12, 2), d(2027, 2, 20)));
        let next: Vec<NaiveDate> = page.next.iter().filter_map(|r| page.item(*r).1.date).collect();
        assert_eq!(
            next,
            [
                d(2026, 12, 15),
                d(2026, 12, 30),
                d(2027, 1, 1),
                d(2027, 1, 31),
                d(2027, 1, 31)
            ]
        );
        // The due table keeps to its window: overdue, then dated up to the horizon, then open.
        assert!(page
            .due
            .iter()
            .all(|r| page.item(*r).1.date.is_none_or(|x| x <= d(2026, 12, 2))));
    }
}
