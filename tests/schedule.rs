//! Tests that catch wrong arithmetic in the schedule (`engine/due/`): each kind of item,
//! each status at the day it changes, the window, every filter, the order of the report
//! and the explanation of each date, on agreements read from the file format.
//! `tools/mutants` checks that each change of an operator or a comparison makes one of
//! them fail (docs/testing.md).

use accord::diagnostic::Severity;
use accord::engine::due::{
    days_from, due, items_for, order, sort, DueStatus, Explanations, Filter, Item, Kind, Query, Superseders,
    DEFAULT_WITHIN,
};
use accord::file::parse::{agreement as parse, Texts};
use accord::model::Agreement;
use accord::time::period::Period;
use chrono::NaiveDate;
use std::path::Path;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// An agreement `id` read from the file format, signed 2020-03-31 and in force on
/// signature, with `extra` keys.
fn agreement(id: &str, extra: &str) -> Agreement {
    let text = format!(
        "id: {id}\ntitle: T\nparties:\n  alpha: {{name: Alpha, short_name: Alpha, organs: [General Assembly]}}\n  beta: {{name: Beta, short_name: Beta}}\nsigned: {{date: 2020-03-31}}\n{extra}"
    );
    let (a, diagnostics) = parse(Path::new("t.yaml"), &text, Texts::Skip);
    assert!(
        diagnostics.iter().all(|d| d.severity != Severity::Error),
        "{diagnostics:#?}"
    );
    a.unwrap()
}

const IN_FORCE: &str = "entry_into_force: {upon: signature}\n";

fn obligation(spec: &str) -> Agreement {
    agreement(
        "t",
        &format!("{IN_FORCE}obligations:\n  - {{id: o, text: Do it, parties: [beta], article: Art. 4, {spec}}}\n"),
    )
}

fn all(a: &[Agreement], on: NaiveDate) -> Vec<Item> {
    due(a, on, DEFAULT_WITHIN, &Filter::default())
}

fn dates(items: &[Item]) -> Vec<Option<NaiveDate>> {
    items.iter().map(|i| i.date).collect()
}

#[test]
fn a_daily_obligation_is_due_every_day() {
    let a = [obligation("every: 1 day")];
    for on in d(2026, 11, 20).iter_days().take(5) {
        let items = all(&a, on);
        assert_eq!(dates(&items), [Some(on)], "{on}");
        assert_eq!((items[0].status, items[0].days), (DueStatus::Due, Some(0)));
    }
    let first = all(&a, d(2020, 3, 31));
    assert_eq!(first[0].date, Some(d(2020, 4, 1)));
    assert_eq!(
        first[0].explanation,
        "every 1 day from 2020-03-31 (entry into force); occurrence 1: 2020-03-31 + 1 × 1 day → 2020-04-01; no performance recorded"
    );
}

#[test]
fn status_changes_on_the_right_day() {
    // Due 2027-01-31 with 30 days' lead: upcoming until 2026-12-31, due from
    // 2027-01-01 to the day itself, overdue after.
    let a = [obligation("once: true, due: 2027-01-31, lead: 30 days")];
    for (on, status, days) in [
        (d(2026, 12, 31), DueStatus::Upcoming, 31),
        (d(2027, 1, 1), DueStatus::Due, 30),
        (d(2027, 1, 31), DueStatus::Due, 0),
        (d(2027, 2, 1), DueStatus::Overdue, -1),
    ] {
        let items = all(&a, on);
        assert_eq!((items[0].status, items[0].days), (status, Some(days)), "{on}");
    }
    // No lead given: 30 days.
    let a = [obligation("once: true, due: 2027-01-31")];
    assert_eq!(all(&a, d(2027, 1, 1))[0].status, DueStatus::Due);
    assert_eq!(all(&a, d(2026, 12, 31))[0].status, DueStatus::Upcoming);
    assert_eq!(all(&a, d(2027, 1, 1))[0].lead, Period::days(30));
    // No date: open, whatever the day.
    let a = [obligation("once: true")];
    let items = all(&a, d(2027, 1, 1));
    assert_eq!(
        (items[0].status, items[0].days, items[0].date),
        (DueStatus::Open, None, None)
    );
    assert_eq!(items[0].explanation, "no deadline in the text");
    assert_eq!(days_from(d(2027, 1, 1), d(2026, 12, 30)), -2);
}

#[test]
fn status_names() {
    let names: Vec<&str> = [DueStatus::Overdue, DueStatus::Due, DueStatus::Upcoming, DueStatus::Open]
        .iter()
        .map(|s| s.name())
        .collect();
    assert_eq!(names, ["overdue", "due", "upcoming", "open"]);
}

#[test]
fn the_window_is_inclusive_and_open_items_always_shown() {
    let a = [obligation("once: true, due: 2027-11-22")];
    assert_eq!(all(&a, d(2026, 11, 22)).len(), 1);
    assert_eq!(all(&a, d(2026, 11, 21)).len(), 0);
    assert_eq!(due(&a, d(2027, 11, 21), Period::days(1), &Filter::default()).len(), 1);
    assert_eq!(due(&a, d(2027, 11, 20), Period::days(1), &Filter::default()).len(), 0);
    // Overdue items are always shown.
    assert_eq!(due(&a, d(2030, 1, 1), Period::days(1), &Filter::default()).len(), 1);
    let open = [obligation("once: true")];
    assert_eq!(due(&open, d(2030, 1, 1), Period::days(1), &Filter::default()).len(), 1);
}

#[test]
fn recurring_obligations_from_the_anchor_or_the_last_performance() {
    // From its `from` date, with the month-end rule named where it applied.
    let a = [obligation("every: 1 month, from: 2027-01-31")];
    let items = all(&a, d(2027, 2, 1));
    assert_eq!(items[0].date, Some(d(2027, 2, 28)));
    assert_eq!(
        items[0].explanation,
        "every 1 month from 2027-01-31 (its `from` date); occurrence 1: 2027-01-31 + 1 × 1 month → 2027-02-28, the last day of the month (Reg. 1182/71 art. 3(2)(c)); no performance recorded"
    );
    let items = all(&a, d(2027, 3, 1));
    assert_eq!(items[0].date, Some(d(2027, 3, 31)));
    assert!(
        !items[0].explanation.contains("last day of the month"),
        "{}",
        items[0].explanation
    );
    // Every two weeks: never the month-end rule.
    let a = [obligation("every: 2 weeks, from: 2027-01-31")];
    assert!(!all(&a, d(2027, 2, 1))[0].explanation.contains("last day"));
    // Once performed, one interval after the last performance by the as-of date.
    let performed = |events: &str| {
        [agreement(
            "t",
            &format!(
                "{IN_FORCE}obligations:\n  - {{id: o, text: Do it, parties: [beta], article: Art. 4, every: 1 year}}\n  - {{id: other, text: Other, parties: [beta], article: Art. 5, once: true}}\nevents:\n{events}"
            ),
        )]
    };
    let a = performed("  - {date: 2025-06-10, type: performed, obligation: o}\n");
    let items = all(&a, d(2026, 11, 22));
    let o = items.iter().find(|i| i.id == "o").unwrap();
    assert_eq!(
        (o.date, o.status, o.days),
        (Some(d(2026, 6, 10)), DueStatus::Overdue, Some(-165))
    );
    assert_eq!(
        o.explanation,
        "every 1 year from the last performance: 2025-06-10 + 1 year → 2026-06-10 (Reg. 1182/71 art. 3(1), 3(2)(c))"
    );
    // A performance after the as-of date is not known yet; nor is another obligation's
    // performance, nor another event, this one's.
    assert_eq!(
        all(&a, d(2025, 6, 9)).iter().find(|i| i.id == "o").unwrap().date,
        Some(d(2026, 3, 31))
    );
    for other in [
        "  - {date: 2025-06-10, type: performed, obligation: other}\n",
        "  - {date: 2025-06-10, type: note}\n",
    ] {
        let a = performed(other);
        let o = all(&a, d(2026, 11, 22)).into_iter().find(|i| i.id == "o").unwrap();
        assert_eq!(o.date, Some(d(2027, 3, 31)), "{other}");
    }
    // A one-off obligation performed is done; one not performed stays.
    let a = performed("  - {date: 2025-06-10, type: performed, obligation: other}\n");
    assert!(!all(&a, d(2026, 11, 22)).iter().any(|i| i.id == "other"));
    let a = performed("  - {date: 2025-06-10, type: performed, obligation: o}\n");
    assert!(all(&a, d(2026, 11, 22)).iter().any(|i| i.id == "other"));
    // The latest performance counts.
    let a = performed(
        "  - {date: 2024-06-10, type: performed, obligation: o}\n  - {date: 2026-01-10, type: performed, obligation: o}\n",
    );
    assert_eq!(
        all(&a, d(2026, 11, 22)).iter().find(|i| i.id == "o").unwrap().date,
        Some(d(2027, 1, 10))
    );
    // A standing obligation has no date and no item.
    let a = [agreement(
        "t",
        &format!("{IN_FORCE}obligations:\n  - {{id: s, text: Always, parties: [beta], article: Art. 4}}\n"),
    )];
    assert!(all(&a, d(2026, 11, 22)).is_empty());
}

#[test]
fn nothing_is_due_after_the_last_day_in_force() {
    // Notice received 2026-10-01: in force up to and including 2027-01-01.
    let terminating = |every: &str| {
        [agreement(
            "t",
            &format!(
                "{IN_FORCE}termination: {{notice: 3 months, article: Art. 9}}\nobligations:\n  - {{id: o, text: Do it, parties: [beta], article: Art. 4, {every}}}\nevents:\n  - {{date: 2026-10-01, type: notice_given, by: alpha}}\n"
            ),
        )]
    };
    let a = terminating("every: 1 year, from: 2026-01-02");
    let items = all(&a, d(2026, 11, 22));
    assert_eq!(dates(&items), [Some(d(2027, 1, 1))]);
    let end = &items[0];
    assert_eq!(
        (end.kind, end.id.as_str(), end.article.as_deref()),
        (Kind::Deadline, "termination-effective", Some("Art. 9"))
    );
    assert_eq!(end.parties, ["alpha", "beta"]);
    assert!(end.text.starts_with("agreement ends ("), "{}", end.text);
    assert!(
        end.explanation.contains("notice received 2026-10-01"),
        "{}",
        end.explanation
    );
    assert!(end
        .explanation
        .contains("; the agreement is in force up to and including 2027-01-01"));
    // An item on the last day in force is still due; the day after, it is not.
    let on_the_day = |due: &str| {
        [agreement(
            "t",
            &format!(
                "{IN_FORCE}termination: {{notice: 3 months}}\nobligations:\n  - {{id: o, text: Do it, parties: [beta], article: Art. 4, once: true, due: {due}}}\nevents:\n  - {{date: 2026-10-01, type: notice_given, by: alpha}}\n"
            ),
        )]
    };
    assert!(all(&on_the_day("2027-01-01"), d(2026, 11, 22))
        .iter()
        .any(|i| i.id == "o"));
    assert!(!all(&on_the_day("2027-01-02"), d(2026, 11, 22))
        .iter()
        .any(|i| i.id == "o"));
    // No term items while terminating.
    let renewing = [agreement(
        "t",
        &format!("{IN_FORCE}term: {{length: 2 years, renewal: {{tacit: true, length: 1 year, notice: 3 months}}}}\ntermination: {{notice: 6 months}}\nevents:\n  - {{date: 2026-10-01, type: notice_given, by: alpha}}\n"),
    )];
    let ids: Vec<String> = all(&renewing, d(2026, 11, 22)).into_iter().map(|i| i.id).collect();
    assert_eq!(ids, ["termination-effective"]);
}

#[test]
fn renewal_windows_and_fixed_terms() {
    let renewing = [agreement(
        "t",
        &format!("{IN_FORCE}term: {{length: 2 years, renewal: {{tacit: true, length: 1 year, notice: 3 months}}, article: Art. 10}}\n"),
    )];
    let items = all(&renewing, d(2021, 6, 1));
    let got: Vec<(&str, Option<NaiveDate>)> = items.iter().map(|i| (i.id.as_str(), i.date)).collect();
    assert_eq!(
        got,
        [
            ("non-renewal-notice", Some(d(2021, 12, 30))),
            ("term-end", Some(d(2022, 3, 30)))
        ]
    );
    let notice = &items[0];
    assert_eq!(
        (notice.lead, notice.article.as_deref()),
        (Period::days(90), Some("Art. 10"))
    );
    assert_eq!(
        notice.text,
        "last day to give notice of non-renewal (term ends 2022-03-30)"
    );
    assert_eq!(
        notice.explanation,
        "latest receipt so that the notice period ends by 2022-03-30, the last day of the initial term; window opened 2020-03-31"
    );
    assert_eq!(
        items[1].explanation,
        "term 0 runs 2020-03-31 to 2022-03-30, the day before the next term starts on 2022-03-31"
    );
    // On the last day to give notice it is still listed; the day after, the next term's.
    let on_close = all(&renewing, d(2021, 12, 30));
    assert_eq!(on_close[0].date, Some(d(2021, 12, 30)));
    let after = all(&renewing, d(2021, 12, 31));
    assert_eq!(dates(&after), [Some(d(2022, 3, 30)), Some(d(2022, 12, 30))]);
    assert!(
        after[1].explanation.contains("the last day of renewal term 1"),
        "{}",
        after[1].explanation
    );
    // A fixed term: its end, up to and including its last day.
    let fixed = [agreement(
        "t",
        &format!("{IN_FORCE}term: {{length: 2 years}}\ntermination: {{notice: 3 months, article: Art. 9}}\n"),
    )];
    let items = all(&fixed, d(2022, 3, 30));
    assert_eq!(
        (items[0].id.as_str(), items[0].date),
        ("term-end", Some(d(2022, 3, 30)))
    );
    assert_eq!(items[0].text, "fixed term expires");
    assert_eq!(items[0].article.as_deref(), Some("Art. 9"));
    assert_eq!(
        items[0].explanation,
        "fixed term of 2 years from 2020-03-31: 2020-03-31 + 2 years = 2022-03-31; a term ends the day before, on 2022-03-30, its last day in force"
    );
    assert!(all(&fixed, d(2022, 3, 31)).is_empty());
}

#[test]
fn approvals_and_amendments_awaited() {
    let awaiting = [agreement(
        "t",
        "entry_into_force:\n  upon: conditions\n  requires:\n    - {party: alpha, organ: General Assembly}\n    - {party: beta}\n  then: signature\n  article: Art. 19\nevents:\n  - {date: 2020-05-01, type: approved, party: beta}\n",
    )];
    let items = all(&awaiting, d(2021, 1, 1));
    assert_eq!(items.len(), 1);
    let i = &items[0];
    assert_eq!(
        (i.kind, i.id.as_str(), i.status),
        (Kind::Approval, "approval-alpha-general-assembly", DueStatus::Open)
    );
    assert_eq!(
        i.text,
        "approval by Alpha General Assembly for entry into force; then signature"
    );
    assert_eq!(
        (i.parties.clone(), i.article.as_deref()),
        (vec!["alpha".to_string()], Some("Art. 19"))
    );
    let last = [agreement(
        "t",
        "entry_into_force:\n  upon: conditions\n  requires:\n    - {party: beta}\n  then: last_approval\n",
    )];
    assert_eq!(
        all(&last, d(2021, 1, 1))[0].text,
        "approval by Beta for entry into force"
    );
    // Signed but not in force, or ended: nothing to do.
    let signed = [agreement("t", "entry_into_force: {upon: date, date: 2030-01-01}\nobligations:\n  - {id: o, text: O, parties: [beta], article: Art. 4, once: true}\n")];
    assert!(all(&signed, d(2021, 1, 1)).is_empty());

    let amended = |extra: &str| {
        [agreement(
            "t",
            &format!("{IN_FORCE}amendments:\n  - {{id: change-1, article: Art. 2, proposed: {{by: alpha, date: 2021-03-01}}, summary: Longer notice{extra}}}\n"),
        )]
    };
    let a = amended("");
    assert!(all(&a, d(2021, 2, 28)).is_empty());
    let items = all(&a, d(2021, 3, 1));
    let i = &items[0];
    assert_eq!(
        (i.kind, i.id.as_str(), i.status),
        (Kind::Amendment, "change-1", DueStatus::Open)
    );
    assert_eq!(i.text, "decide on amendment change-1 to Art. 2, proposed by Alpha");
    assert_eq!(i.parties, ["beta"]);
    assert!(i.explanation.ends_with("; Longer notice"), "{}", i.explanation);
    let a = amended(", accepted: {beta: 2021-04-01}");
    assert_eq!(all(&a, d(2021, 3, 15)).len(), 1);
    assert!(all(&a, d(2021, 4, 1)).is_empty());
}

#[test]
fn filters_keep_what_they_name() {
    let a = agreement(
        "a",
        &format!("{IN_FORCE}obligations:\n  - {{id: late, text: L, parties: [alpha], article: Art. 1, once: true, due: 2026-01-01}}\n  - {{id: open, text: O, parties: [beta], article: Art. 2, once: true}}\n"),
    );
    let b = agreement(
        "b",
        &format!("{IN_FORCE}term: {{length: 7 years}}\nobligations:\n  - {{id: soon, text: S, parties: [beta], article: Art. 3, once: true, due: 2026-12-01}}\n"),
    );
    let both = [a, b];
    let on = d(2026, 11, 22);
    let ids = |f: Filter| -> Vec<String> {
        due(&both, on, DEFAULT_WITHIN, &f)
            .into_iter()
            .map(|i| format!("{}/{}", i.agreement, i.id))
            .collect()
    };
    assert_eq!(ids(Filter::default()), ["a/late", "b/soon", "b/term-end", "a/open"]);
    assert_eq!(
        ids(Filter {
            party: Some("alpha".into()),
            ..Filter::default()
        }),
        ["a/late", "b/term-end"]
    );
    assert_eq!(
        ids(Filter {
            agreements: vec!["b".into()],
            ..Filter::default()
        }),
        ["b/soon", "b/term-end"]
    );
    assert_eq!(
        ids(Filter {
            kinds: vec![Kind::Deadline],
            ..Filter::default()
        }),
        ["b/term-end"]
    );
    assert_eq!(
        ids(Filter {
            overdue_only: true,
            ..Filter::default()
        }),
        ["a/late"]
    );
    assert_eq!(
        ids(Filter {
            dated_only: true,
            ..Filter::default()
        }),
        ["a/late", "b/soon", "b/term-end"]
    );
    // items_for: one agreement's, unsorted, the same filters.
    let f = Filter {
        agreements: vec!["b".into()],
        ..Filter::default()
    };
    let q = Query {
        as_of: on,
        within: DEFAULT_WITHIN,
        filter: &f,
        explanations: Explanations::Omit,
        superseders: Superseders::DecidedLater,
    };
    assert!(items_for(&both[0], &q).is_empty());
    let items = items_for(&both[1], &q);
    assert_eq!(items.len(), 2);
    assert!(items.iter().all(|i| i.explanation.is_empty()));
}

#[test]
fn the_report_is_in_date_order_open_items_last_ties_by_agreement_kind_and_id() {
    let later = agreement(
        "a-later",
        &format!("{IN_FORCE}obligations:\n  - {{id: z, text: Z, parties: [beta], article: Art. 1, once: true, due: 2027-03-01}}\n  - {{id: open, text: O, parties: [beta], article: Art. 2, once: true}}\n  - {{id: y, text: Y, parties: [beta], article: Art. 3, once: true, due: 2027-01-01}}\n"),
    );
    let sooner = agreement(
        "b-sooner",
        &format!("{IN_FORCE}term: {{length: 6 years 10 months}}\nobligations:\n  - {{id: a, text: A, parties: [beta], article: Art. 1, once: true, due: 2027-01-01}}\n  - {{id: b, text: B, parties: [beta], article: Art. 2, once: true, due: 2026-12-01}}\n  - {{id: open, text: O, parties: [beta], article: Art. 3, once: true}}\n"),
    );
    let items = all(&[later, sooner], d(2026, 11, 22));
    let got: Vec<String> = items
        .iter()
        .map(|i| {
            format!(
                "{} {}/{}",
                i.date.map_or("-".into(), |d| d.to_string()),
                i.agreement,
                i.id
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            "2026-12-01 b-sooner/b",
            "2027-01-01 a-later/y",
            "2027-01-01 b-sooner/a",
            "2027-01-30 b-sooner/term-end",
            "2027-03-01 a-later/z",
            "- a-later/open",
            "- b-sooner/open",
        ]
    );
    // Same date and agreement: obligations before deadlines, then by id.
    let mut items = items;
    items.reverse();
    sort(&mut items);
    assert_eq!(items[0].id, "b");
    assert!(
        order(Some(d(2027, 1, 1)), "a", Kind::Obligation, "x") < order(Some(d(2027, 1, 1)), "a", Kind::Deadline, "a")
    );
    assert!(
        order(Some(d(2027, 1, 1)), "a", Kind::Obligation, "a") < order(Some(d(2027, 1, 1)), "a", Kind::Obligation, "b")
    );
    assert!(order(Some(d(2030, 1, 1)), "z", Kind::Obligation, "z") < order(None, "a", Kind::Obligation, "a"));
}

#[test]
fn items_serialize_with_their_lead_time() {
    let a = [obligation("once: true, due: 2027-01-31, lead: 2 weeks")];
    let json = serde_json::to_value(&all(&a, d(2027, 1, 20))[0]).unwrap();
    assert_eq!(json["lead"], "2 weeks");
    assert_eq!(json["status"], "due");
    assert_eq!(json["days"], 11);
}

#[test]
fn a_drafts_steps_are_pending_from_the_day_of_its_text() {
    let text = "id: d\ntitle: D\nstatus: draft\ndate: 2027-01-15\nparties:\n  alpha: {name: Alpha}\n  beta: {name: Beta}\nentry_into_force: {upon: signature}\n";
    let (a, diagnostics) = parse(Path::new("d.yaml"), text, Texts::Skip);
    assert!(
        diagnostics.iter().all(|d| d.severity != Severity::Error),
        "{diagnostics:#?}"
    );
    let a = [a.unwrap()];
    // Nothing of a text is pending before the text exists; on its date, its signature is.
    assert_eq!(all(&a, d(2027, 1, 14)), []);
    let on_the_day = all(&a, d(2027, 1, 15));
    assert_eq!(
        on_the_day.iter().map(|i| (i.kind, i.id.as_str())).collect::<Vec<_>>(),
        [(Kind::Step, "signature")]
    );
}

/// The one item of an agreement in force on signature (2020-03-31), an assumption of
/// the file's author, with one obligation `spec`, on 2026-11-22.
fn under_an_assumed_entry_into_force(spec: &str) -> Item {
    let a = [agreement(
        "t",
        &format!(
            "entry_into_force: {{upon: signature, assumed: true}}\nobligations:\n  - {{id: o, text: Do it, parties: [beta], article: Art. 4, {spec}}}\n"
        ),
    )];
    let mut items = all(&a, d(2026, 11, 22));
    assert_eq!(items.len(), 1, "{items:#?}");
    items.remove(0)
}

#[test]
fn a_date_rests_on_an_assumed_entry_into_force_only_when_counted_from_it() {
    let counted = under_an_assumed_entry_into_force("every: 1 year");
    assert_eq!(counted.date, Some(d(2027, 3, 31)));
    assert_eq!(counted.assumptions, ["entry_into_force"]);
    // From a date the text names, or from the last performance, it does not.
    let none: [&str; 0] = [];
    for spec in ["every: 1 year, from: 2021-06-30", "every: 1 year, first: 2021-06-30"] {
        let item = under_an_assumed_entry_into_force(spec);
        assert_eq!(
            (item.date, item.assumptions.as_slice()),
            (Some(d(2027, 6, 30)), &none[..]),
            "{spec}"
        );
    }
    let performed = agreement(
        "t",
        "entry_into_force: {upon: signature, assumed: true}\nobligations:\n  - {id: o, text: Do it, parties: [beta], article: Art. 4, every: 1 year}\nevents:\n  - {date: 2026-06-10, type: performed, obligation: o}\n",
    );
    let item = all(&[performed], d(2026, 11, 22)).remove(0);
    assert_eq!(
        (item.date, item.assumptions.as_slice()),
        (Some(d(2027, 6, 10)), &none[..])
    );
}

#[test]
fn an_occurrence_from_a_first_due_date_in_the_past_is_numbered_from_it() {
    // 2021-06-30 is occurrence 1; 2027-06-30, six years on, is occurrence 7.
    let item = under_an_assumed_entry_into_force("every: 1 year, first: 2021-06-30");
    assert_eq!((item.date, item.occurrence), (Some(d(2027, 6, 30)), Some(7)));
    assert!(
        item.explanation
            .contains("occurrence 7: 2021-06-30 + 6 × 1 year → 2027-06-30"),
        "{}",
        item.explanation
    );
    // Still to come, the first due date is occurrence 1.
    let item = under_an_assumed_entry_into_force("every: 1 year, first: 2027-06-30");
    assert_eq!((item.date, item.occurrence), (Some(d(2027, 6, 30)), Some(1)));
}

/// A convention in force on the thirtieth day after the second instrument, for a later
/// party on the thirtieth day after its own; Alpha's instrument is required; `others`
/// is a collective entry, never asked for an instrument.
fn by_instruments(events: &str) -> Agreement {
    let text = format!(
        "id: c\ntitle: C\nparties:\n  alpha: {{name: Alpha}}\n  beta: {{name: Beta}}\n  gamma: {{name: Gamma}}\n  others: {{name: Other parties, collective: true}}\nsigned: {{date: 2026-01-05}}\nentry_into_force: {{upon: instruments, count: 2, after: 30 days, for_later_parties: 30 days, requires_parties: [alpha], article: Art. 9}}\nevents:\n{events}"
    );
    let (a, diagnostics) = parse(Path::new("c.yaml"), &text, Texts::Skip);
    assert!(
        diagnostics.iter().all(|d| d.severity != Severity::Error),
        "{diagnostics:#?}"
    );
    a.unwrap()
}

fn ids(items: &[Item]) -> Vec<&str> {
    items.iter().map(|i| i.id.as_str()).collect()
}

#[test]
fn each_named_party_without_an_instrument_is_asked_for_one() {
    // Alpha has deposited: the others named are asked for theirs, the collective entry is not.
    let a = [by_instruments(
        "  - {date: 2026-02-01, type: deposited, party: alpha, instrument: ratification}\n",
    )];
    let items = all(&a, d(2026, 3, 1));
    assert_eq!(ids(&items), ["instrument-beta", "instrument-gamma"]);
    assert!(items.iter().all(|i| i.kind == Kind::Step && i.date.is_none()));
    assert_eq!(items[0].parties, ["beta"]);
    assert_eq!(items[0].explanation, "1 of 2 instruments deposited");
    // The second instrument brings entry into force on 2026-03-07, thirty days later:
    // the day before, that date is the item. From that day, Gamma is bound as recorded,
    // with no instrument of its own: only Beta is asked.
    let a = [by_instruments(
        "  - {date: 2026-02-01, type: deposited, party: alpha, instrument: ratification}\n  - {date: 2026-02-05, type: deposited, party: others, instrument: ratification}\n  - {date: 2026-03-07, type: entered_into_force, party: gamma}\n",
    )];
    assert_eq!(ids(&all(&a, d(2026, 3, 6))), ["entry-into-force"]);
    assert_eq!(ids(&all(&a, d(2026, 3, 7))), ["instrument-beta"]);
}
