//! Tests that catch wrong arithmetic in the termination engine (`engine/rules.rs`,
//! `engine/notice.rs`, `engine/terminate.rs`), through its public functions: every
//! route, every bound a comparison could be off by one at, and the law of the latest
//! notice date, `end(latest) <= E < end(latest + 1 day)`. `tools/mutants` checks that
//! each change of an operator or a comparison makes one of them fail (docs/testing.md).

use accord::diagnostic::Severity;
use accord::engine::ends::{pending_notice, withdrawal};
use accord::engine::notice::{end_date, end_only, with_later_date, Route};
use accord::engine::rules::{rules as rules_of, Basis, Options, Refusal, Rules, TermRules};
use accord::engine::terminate::{answer, latest_notice, latest_notice_date, windows, Question};
use accord::file::parse::{agreement as parse, Texts};
use accord::model::{Agreement, Effective};
use accord::time::calendar::Roll;
use accord::time::period::Period;
use chrono::NaiveDate;
use std::path::Path;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn rules(notice: Option<Period>) -> Rules {
    let mut r = Rules::notice("t", d(2020, 3, 31), Period::days(1));
    r.notice = notice;
    r
}

fn fixed_term(length: Period) -> TermRules {
    TermRules {
        start: d(2020, 3, 31),
        length,
        renewal: None,
        article: None,
    }
}

#[test]
fn a_roll_over_that_gives_up_leaves_the_end_unknown() {
    // 90 days from 2026-11-22 ends on 2027-02-20, inside 800 listed holidays.
    let mut r = rules(Some(Period::days(90)));
    r.roll = Some(Roll::Following);
    r.holidays = d(2027, 1, 1).iter_days().take(800).collect();
    assert_eq!(end_date(&r, d(2026, 11, 22)), None);
    assert_eq!(end_only(&r, d(2026, 11, 22)), None);
    // Never the end of another route instead: here the fixed term's expiry, later.
    r.term = Some(fixed_term(Period::years(10)));
    assert_eq!(end_date(&r, d(2026, 11, 22)), None);
    // Where the notice period ends outside the run, the roll-over works.
    let o = end_date(&r, d(2029, 6, 1)).unwrap();
    assert_eq!((o.last_day_in_force, o.route), (d(2029, 8, 30), Route::Notice));
    let before = end_date(&r, d(2026, 9, 1)).unwrap();
    assert_eq!(before.last_day_in_force, d(2026, 11, 30));
}

fn renewing(notice: Period) -> TermRules {
    TermRules {
        start: d(2020, 3, 31),
        length: Period::years(2),
        renewal: Some((Period::years(1), notice)),
        article: Some("Art. 10".into()),
    }
}

/// Notice received on `day` ends the agreement on this day: the engine's answer.
fn end(r: &Rules, day: NaiveDate) -> Option<NaiveDate> {
    end_only(r, day)
}

#[test]
fn notice_at_any_time_explains_each_step() {
    let mut r = rules(Some(Period::months(6)));
    r.article = Some("Art. IX(3)".into());
    let o = end_date(&r, d(2026, 8, 31)).unwrap();
    assert_eq!(
        (o.notice_date, o.last_day_in_force, o.takes_effect_on, o.route),
        (d(2026, 8, 31), d(2027, 2, 28), d(2027, 3, 1), Route::Notice)
    );
    assert_eq!(o.period, Some(Period::months(6)));
    assert_eq!(
        o.steps,
        [
            "notice received 2026-08-31 (a notice counts from its receipt, VCLT art. 78)",
            "termination clause (Art. IX(3)): 6 months' notice",
            "notice period: 2026-08-31 + 6 months → 2027-02-28, the last day of February as it has no day 31 (Reg. 1182/71 art. 3(2)(c))",
            "2027-02-28 is a Sunday; no roll-over applies (neither the agreement nor --roll asks for Reg. 1182/71 art. 3(4)), so the period ends on it",
            "the agreement is in force up to and including 2027-02-28, its last day; termination takes effect on 2027-03-01",
        ]
    );
    r.basis = Basis::Assumed;
    r.article = None; // the assumption's own citation
    let o = end_date(&r, d(2026, 8, 31)).unwrap();
    assert_eq!(
        o.steps[1],
        "no termination clause; assumed twelve months' notice (VCLT art. 56(2))"
    );
    assert_eq!(end(&r, d(2026, 8, 31)), Some(d(2027, 2, 28)));
}

#[test]
fn the_end_of_the_calendar_year_and_the_minimum_term() {
    let mut r = rules(Some(Period::months(6)));
    r.effective = Effective::EndOfCalendarYear;
    let o = end_date(&r, d(2026, 6, 30)).unwrap();
    assert_eq!(o.last_day_in_force, d(2026, 12, 31));
    assert!(o.steps[3]
        .starts_with("effective at the end of the calendar year in which the notice period ends → 2026-12-31"));
    assert_eq!(end(&r, d(2026, 7, 1)), Some(d(2027, 12, 31)));

    // The minimum term holds an earlier end, and says so only where it does.
    let mut r = rules(Some(Period::months(3)));
    r.minimum_end = Some(d(2022, 3, 30));
    let held = end_date(&r, d(2021, 12, 29)).unwrap();
    assert_eq!(held.last_day_in_force, d(2022, 3, 30));
    assert!(held
        .steps
        .iter()
        .any(|s| s.contains("the minimum term runs to 2022-03-30")));
    let equal = end_date(&r, d(2021, 12, 30)).unwrap();
    assert_eq!(equal.last_day_in_force, d(2022, 3, 30));
    assert!(
        !equal.steps.iter().any(|s| s.contains("minimum term")),
        "{:?}",
        equal.steps
    );
    assert_eq!(end(&r, d(2021, 12, 31)), Some(d(2022, 3, 31)));
}

#[test]
fn roll_over_is_explained_only_when_it_moves_the_date() {
    let mut r = rules(Some(Period::days(90)));
    r.roll = Some(Roll::Following);
    // 2026-11-22 + 90 days = Saturday 2027-02-20.
    let moved = end_date(&r, d(2026, 11, 22)).unwrap();
    assert_eq!(moved.last_day_in_force, d(2027, 2, 22));
    assert!(moved.steps.iter().any(|s| s.contains(
        "2027-02-20 is not a working day; rolled to 2027-02-22 (following convention, Reg. 1182/71 art. 3(4))"
    )));
    // 2026-11-24 + 90 days = Monday 2027-02-22: nothing to move.
    let kept = end_date(&r, d(2026, 11, 24)).unwrap();
    assert_eq!(kept.last_day_in_force, d(2027, 2, 22));
    assert!(!kept.steps.iter().any(|s| s.contains("rolled")), "{:?}", kept.steps);
}

#[test]
fn non_renewal_names_the_term_it_ends() {
    let mut r = rules(None);
    r.term = Some(renewing(Period::months(3)));
    let initial = end_date(&r, d(2021, 12, 30)).unwrap();
    assert_eq!(
        (initial.last_day_in_force, initial.route),
        (d(2022, 3, 30), Route::NonRenewal { term: 0 })
    );
    assert_eq!(initial.period, Some(Period::months(3)));
    assert!(initial.steps[0].starts_with("notice of non-renewal received 2021-12-30"));
    assert_eq!(
        initial.steps[1],
        "non-renewal clause (Art. 10): 3 months' notice before the end of the current term"
    );
    assert!(initial.steps[3].contains("the first term it can end is the initial term, 2020-03-31 to 2022-03-30"));
    let second = end_date(&r, d(2022, 12, 31)).unwrap();
    assert_eq!(
        (second.last_day_in_force, second.route),
        (d(2024, 3, 30), Route::NonRenewal { term: 2 })
    );
    assert!(
        second.steps[3].contains("renewal term 2, 2023-03-31 to 2024-03-30"),
        "{:?}",
        second.steps
    );
    // A minimum term beyond the end of the term holds it, and says so only then.
    r.minimum_end = Some(d(2022, 6, 30));
    let held = end_date(&r, d(2021, 12, 30)).unwrap();
    assert_eq!(held.last_day_in_force, d(2022, 6, 30));
    assert!(held
        .steps
        .iter()
        .any(|s| s.contains("the minimum term runs to 2022-06-30 → 2022-06-30")));
    r.minimum_end = Some(d(2022, 3, 30));
    let equal = end_date(&r, d(2021, 12, 30)).unwrap();
    assert!(
        !equal.steps.iter().any(|s| s.contains("minimum term")),
        "{:?}",
        equal.steps
    );
}

#[test]
fn the_earliest_route_wins_and_a_tie_goes_to_the_notice() {
    // A fixed term of two years (last day 2022-03-30) and three months' notice.
    let mut r = rules(Some(Period::months(3)));
    r.term = Some(fixed_term(Period::years(2)));
    let notice = end_date(&r, d(2020, 6, 1)).unwrap();
    assert_eq!((notice.last_day_in_force, notice.route), (d(2020, 9, 1), Route::Notice));
    let expiry = end_date(&r, d(2022, 1, 15)).unwrap();
    assert_eq!(
        (expiry.last_day_in_force, expiry.route),
        (d(2022, 3, 30), Route::Expiry)
    );
    assert_eq!(expiry.period, None);
    assert_eq!(
        expiry.steps[0],
        "fixed term of 2 years from 2020-03-31, not renewed: it expires on 2022-03-30 without notice"
    );
    let tie = end_date(&r, d(2021, 12, 30)).unwrap();
    assert_eq!((tie.last_day_in_force, tie.route), (d(2022, 3, 30), Route::Notice));
    // Non-renewal and a separate right to terminate at any time.
    let mut r = rules(Some(Period::months(1)));
    r.term = Some(renewing(Period::months(3)));
    assert_eq!(end_date(&r, d(2021, 12, 30)).unwrap().route, Route::Notice);
    assert_eq!(end(&r, d(2021, 12, 30)), Some(d(2022, 1, 30)));
    r.notice = Some(Period::months(4));
    let o = end_date(&r, d(2021, 12, 30)).unwrap();
    assert_eq!(
        (o.last_day_in_force, o.route),
        (d(2022, 3, 30), Route::NonRenewal { term: 0 })
    );
}

/// Configurations the law of the latest notice date is checked on.
fn configurations() -> Vec<(&'static str, Rules)> {
    let mut out = Vec::new();
    for (name, notice) in [
        ("6 months", Period::months(6)),
        ("90 days", Period::days(90)),
        ("1 year", Period::years(1)),
    ] {
        out.push((name, rules(Some(notice))));
    }
    let mut calendar_year = rules(Some(Period::months(6)));
    calendar_year.effective = Effective::EndOfCalendarYear;
    out.push(("calendar year", calendar_year));
    let mut minimum = rules(Some(Period::months(3)));
    minimum.minimum_end = Some(d(2021, 9, 30));
    out.push(("minimum", minimum));
    let mut renewal = rules(None);
    renewal.term = Some(renewing(Period::months(3)));
    out.push(("renewal", renewal));
    let mut both = rules(Some(Period::months(7)));
    both.term = Some(renewing(Period::months(2)));
    out.push(("renewal and notice", both));
    let mut fixed = rules(Some(Period::months(2)));
    fixed.term = Some(fixed_term(Period::years(1)));
    out.push(("fixed", fixed));
    let mut rolled = rules(Some(Period::days(30)));
    rolled.roll = Some(Roll::ModifiedFollowing);
    rolled.holidays = vec![d(2021, 1, 4), d(2021, 5, 31)];
    out.push(("rolled", rolled));
    out
}

#[test]
fn the_latest_notice_date_is_exact_for_every_end_by_date() {
    // end(latest(E)) <= E < end(latest(E) + 1 day), or no notice fits at all, or none
    // is needed (a fixed term expires by E on its own).
    for (name, r) in configurations() {
        for e in d(2020, 1, 1).iter_days().take(1400) {
            let latest = latest_notice_date(&r, e);
            match latest {
                Some(l) => {
                    assert!(l >= r.start, "{name}, {e}: {l}");
                    assert!(end(&r, l).unwrap() <= e, "{name}, {e}: {l}");
                    assert!(end(&r, l.succ_opt().unwrap()).unwrap() > e, "{name}, {e}: {l}");
                    let o = latest_notice(&r, e).unwrap();
                    assert_eq!((o.notice_date, Some(o.last_day_in_force)), (l, end(&r, l)));
                }
                None => {
                    let no_notice_fits = e < r.start || end(&r, r.start).unwrap() > e;
                    let none_needed = end(&r, e).unwrap() <= e;
                    assert!(no_notice_fits || none_needed, "{name}, {e}");
                    assert_eq!(latest_notice(&r, e), None);
                }
            }
        }
    }
}

#[test]
fn no_latest_notice_before_the_first_day_when_nothing_fits_or_none_is_needed() {
    let r = rules(Some(Period::months(6)));
    assert_eq!(latest_notice_date(&r, d(2020, 3, 30)), None);
    assert_eq!(latest_notice_date(&r, d(2020, 9, 29)), None);
    assert_eq!(latest_notice_date(&r, d(2020, 9, 30)), Some(d(2020, 3, 31)));
    // A fixed term of a year (last day 2021-03-30) and two months' notice.
    let mut fixed = rules(Some(Period::months(2)));
    fixed.term = Some(fixed_term(Period::years(1)));
    assert_eq!(latest_notice_date(&fixed, d(2021, 3, 29)), Some(d(2021, 1, 29)));
    assert_eq!(latest_notice_date(&fixed, d(2021, 3, 30)), None);
    // A fixed term that ran out before the first day in force.
    let mut expired = rules(None);
    expired.term = Some(TermRules {
        start: d(2010, 1, 1),
        ..fixed_term(Period::years(1))
    });
    assert_eq!(latest_notice_date(&expired, expired.start), None);
    assert_eq!(latest_notice_date(&expired, d(2009, 1, 1)), None);
}

#[test]
fn a_preceding_roll_over_can_bring_the_latest_notice_after_the_day_asked_for() {
    // One day's notice: received on Saturday 2027-02-27, the period ends on Sunday,
    // rolled back to Friday 2027-02-26.
    let mut r = rules(Some(Period::days(1)));
    r.roll = Some(Roll::Preceding);
    let friday = d(2027, 2, 26);
    assert_eq!(end(&r, d(2027, 2, 27)), Some(friday));
    assert_eq!(end(&r, d(2027, 2, 28)), Some(d(2027, 3, 1)));
    assert_eq!(latest_notice_date(&r, friday), Some(d(2027, 2, 27)));
}

#[test]
fn notice_windows_follow_each_renewal() {
    let mut r = rules(None);
    r.term = Some(renewing(Period::months(3)));
    let w = windows(&r, d(2020, 4, 1), 3);
    let got: Vec<(u32, NaiveDate, NaiveDate, NaiveDate, NaiveDate)> = w
        .iter()
        .map(|w| (w.term, w.term_start, w.term_end, w.opens, w.closes))
        .collect();
    assert_eq!(
        got,
        [
            (0, d(2020, 3, 31), d(2022, 3, 30), d(2020, 3, 31), d(2021, 12, 30)),
            (1, d(2022, 3, 31), d(2023, 3, 30), d(2021, 12, 31), d(2022, 12, 30)),
            (2, d(2023, 3, 31), d(2024, 3, 30), d(2022, 12, 31), d(2023, 12, 30)),
        ]
    );
    // On the last day of a term, that term's window is still listed.
    assert_eq!(windows(&r, d(2023, 3, 30), 1)[0].term, 1);
    assert_eq!(windows(&r, d(2023, 3, 31), 1)[0].term, 2);
    assert_eq!(windows(&r, d(2030, 1, 1), 2).len(), 2);
    // No renewal, no windows; a notice longer than every term, none either.
    assert!(windows(&rules(Some(Period::months(3))), d(2021, 1, 1), 3).is_empty());
    let mut fixed = rules(None);
    fixed.term = Some(fixed_term(Period::years(2)));
    assert!(windows(&fixed, d(2021, 1, 1), 3).is_empty());
    let mut too_long = rules(None);
    too_long.term = Some(TermRules {
        renewal: Some((Period::months(1), Period::years(3))),
        ..renewing(Period::months(1))
    });
    too_long.start = d(2020, 3, 31);
    let w = windows(&too_long, d(2021, 1, 1), 2);
    assert!(
        w.iter().all(|w| end(&too_long, w.closes).unwrap() <= w.term_end),
        "{w:?}"
    );
}

/// An agreement read from the file format, with `extra` keys after the parties.
fn agreement(extra: &str) -> Agreement {
    let text = format!(
        "id: t\ntitle: T\nparties:\n  alpha: {{name: Alpha}}\n  beta: {{name: Beta}}\nsigned: {{date: 2020-03-31}}\n{extra}"
    );
    let (a, diagnostics) = parse(Path::new("t.yaml"), &text, Texts::Skip);
    assert!(
        diagnostics.iter().all(|d| d.severity != Severity::Error),
        "{diagnostics:#?}"
    );
    a.unwrap()
}

const SIGNATURE: &str = "entry_into_force: {upon: signature}\n";

#[test]
fn the_rules_come_from_the_clauses() {
    let o = Options::default();
    let on = d(2026, 11, 22);
    let a = agreement(&format!(
        "{SIGNATURE}termination: {{notice: 3 months, article: Art. 9, roll: following, holidays: [2027-01-04]}}\n"
    ));
    let r = rules_of(&a, on, &o).unwrap();
    assert_eq!(
        (r.start, r.notice, r.basis),
        (d(2020, 3, 31), Some(Period::months(3)), Basis::Clause)
    );
    assert_eq!(
        (r.article.as_deref(), r.roll, r.holidays.clone()),
        (Some("Art. 9"), Some(Roll::Following), vec![d(2027, 1, 4)])
    );
    assert!(r.term.is_none() && r.minimum_end.is_none());
    let preceding = Options {
        roll: Some(Roll::Preceding),
        ..Options::default()
    };
    assert_eq!(rules_of(&a, on, &preceding).unwrap().roll, Some(Roll::Preceding));

    // A renewing term whose only notice is the clause's: a notice of non-renewal.
    let a = agreement(&format!(
        "{SIGNATURE}term: {{length: 2 years, renewal: {{tacit: true, length: 1 year}}}}\ntermination: {{notice: 3 months}}\n"
    ));
    let r = rules_of(&a, on, &o).unwrap();
    assert_eq!(r.notice, None);
    let term = r.term.unwrap();
    assert_eq!(term.renewal, Some((Period::years(1), Period::months(3))));
    // With a notice of its own, the clause is a right to terminate at any time.
    let a = agreement(&format!(
        "{SIGNATURE}term: {{length: 2 years, renewal: {{tacit: true, length: 1 year, notice: 2 months}}}}\ntermination: {{notice: 3 months}}\n"
    ));
    let r = rules_of(&a, on, &o).unwrap();
    assert_eq!(r.notice, Some(Period::months(3)));
    assert_eq!(r.term.unwrap().renewal, Some((Period::years(1), Period::months(2))));
    // A renewal that is not tacit is no renewal; a fixed term with no clause is enough.
    let a = agreement(&format!(
        "{SIGNATURE}term: {{length: 2 years, renewal: {{tacit: false, length: 1 year}}}}\n"
    ));
    let r = rules_of(&a, on, &o).unwrap();
    assert_eq!((r.notice, r.term.unwrap().renewal), (None, None));
    // A minimum term counts from its own start.
    let a = agreement(&format!(
        "{SIGNATURE}term: {{minimum: 2 years, from: 2021-01-01}}\ntermination: {{notice: 3 months}}\n"
    ));
    assert_eq!(rules_of(&a, on, &o).unwrap().minimum_end, Some(d(2022, 12, 31)));
}

#[test]
fn without_a_clause_twelve_months_only_when_asked() {
    let on = d(2026, 11, 22);
    let bare = agreement(SIGNATURE);
    assert!(matches!(
        rules_of(&bare, on, &Options::default()),
        Err(Refusal::NoClause { .. })
    ));
    let assume = Options {
        assume_vclt56: true,
        ..Options::default()
    };
    let r = rules_of(&bare, on, &assume).unwrap();
    assert_eq!(
        (r.notice, r.basis, r.article.as_deref()),
        (Some(Period::months(12)), Basis::Assumed, Some("VCLT art. 56(2)"))
    );
    let fallback = agreement(&format!("{SIGNATURE}termination: {{fallback: vclt_56}}\n"));
    assert_eq!(
        rules_of(&fallback, on, &Options::default()).unwrap().basis,
        Basis::Assumed
    );
    // With a clause, the option changes nothing.
    let clause = agreement(&format!("{SIGNATURE}termination: {{notice: 3 months}}\n"));
    assert_eq!(rules_of(&clause, on, &assume).unwrap().basis, Basis::Clause);
}

#[test]
fn refusals_say_why() {
    let on = d(2026, 11, 22);
    let later = agreement("entry_into_force: {upon: date, date: 2027-01-01}\ntermination: {notice: 3 months}\n");
    let err = rules_of(&later, on, &Options::default()).unwrap_err();
    assert_eq!(err.to_string(), "t is not in force: it enters into force on 2027-01-01");
    let unsigned = agreement("entry_into_force: {upon: signature}\ntermination: {notice: 3 months}\n");
    let err = rules_of(&unsigned, d(2020, 1, 1), &Options::default()).unwrap_err();
    assert_eq!(err.to_string(), "t is not in force: awaiting signature");
    let only_alpha = agreement(&format!("{SIGNATURE}termination: {{notice: 3 months, by: [alpha]}}\n"));
    let by = |p: &str| Options {
        by: Some(p.into()),
        ..Options::default()
    };
    assert!(rules_of(&only_alpha, on, &by("alpha")).is_ok());
    let err = rules_of(&only_alpha, on, &by("beta")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "BETA may not terminate t: the termination clause gives that right to ALPHA only"
    );
    let err = rules_of(&only_alpha, on, &by("alpah")).unwrap_err();
    assert_eq!(err.to_string(), "`alpah` is not a party to t; did you mean `alpha`?");
}

#[test]
fn answers_are_computed_as_of_the_notice_date() {
    let as_of = d(2026, 11, 22);
    let o = Options::default();
    let a = agreement(&format!("{SIGNATURE}termination: {{notice: 3 months}}\n"));
    let at = |q| answer(&a, &[], q, as_of, &o);
    // Notice on the first day in force is allowed; the day before is not.
    assert_eq!(
        at(Question::Notice {
            received: d(2020, 3, 31),
            effective_on: None
        })
        .unwrap()
        .outcome
        .unwrap()
        .last_day_in_force,
        d(2020, 6, 30)
    );
    let err = at(Question::Notice {
        received: d(2020, 3, 30),
        effective_on: None,
    })
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "t: notice on 2020-03-30 would precede entry into force on 2020-03-31"
    );
    assert_eq!(
        at(Question::EndBy(d(2027, 3, 31)))
            .unwrap()
            .outcome
            .unwrap()
            .notice_date,
        d(2026, 12, 31)
    );
    assert!(at(Question::Terms).unwrap().outcome.is_none());
    // An agreement that enters into force later: notice after that day is answered.
    let later = agreement("entry_into_force: {upon: date, date: 2027-01-01}\ntermination: {notice: 3 months}\n");
    let o2 = answer(
        &later,
        &[],
        Question::Notice {
            received: d(2027, 2, 1),
            effective_on: None,
        },
        as_of,
        &o,
    )
    .unwrap();
    assert_eq!(o2.outcome.unwrap().last_day_in_force, d(2027, 5, 1));
    // Terminated before the notice date: nothing left to terminate.
    let ended = agreement(&format!(
        "{SIGNATURE}termination: {{notice: 3 months}}\nevents:\n  - {{date: 2027-01-15, type: terminated}}\n"
    ));
    assert!(answer(
        &ended,
        &[],
        Question::Notice {
            received: d(2026, 12, 1),
            effective_on: None
        },
        as_of,
        &o
    )
    .is_ok());
    let err = answer(
        &ended,
        &[],
        Question::Notice {
            received: d(2027, 2, 1),
            effective_on: None,
        },
        as_of,
        &o,
    )
    .unwrap_err();
    assert!(matches!(err, Refusal::NoLongerInForce { .. }), "{err}");
    // A fixed term that expires by the day asked for needs no notice.
    let fixed = agreement(&format!(
        "{SIGNATURE}term: {{length: 2 years}}\ntermination: {{notice: 3 years}}\n"
    ));
    let at = |e| {
        answer(&fixed, &[], Question::EndBy(e), d(2021, 1, 1), &o)
            .unwrap()
            .outcome
    };
    let expiry = at(d(2022, 6, 1)).unwrap();
    assert_eq!(
        (expiry.route, expiry.last_day_in_force),
        (Route::Expiry, d(2022, 3, 30))
    );
    assert_eq!(at(d(2022, 3, 30)).unwrap().route, Route::Expiry);
    assert_eq!(at(d(2022, 3, 29)), None);
}

#[test]
fn the_latest_notice_date_has_passed_only_the_day_after() {
    let o = Options::default();
    let a = agreement(&format!("{SIGNATURE}termination: {{notice: 3 months}}\n"));
    // Notice received by 2026-12-31 ends it by 2027-03-31.
    let ask = |as_of| answer(&a, &[], Question::EndBy(d(2027, 3, 31)), as_of, &o).unwrap();
    let on_the_day = ask(d(2026, 12, 31));
    assert_eq!(on_the_day.outcome.map(|o| o.notice_date), Some(d(2026, 12, 31)));
    assert!(!on_the_day.passed);
    assert_eq!(on_the_day.end_if_notice_today, None);
    let after = ask(d(2027, 1, 1));
    assert!(after.passed);
    assert_eq!(
        after.end_if_notice_today.map(|t| t.last_day_in_force),
        Some(d(2027, 4, 1))
    );
}

#[test]
fn a_party_is_refused_from_the_day_its_withdrawal_takes_effect() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/treaties/climate-withdrawal.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    let (a, _) = parse(&file, &text, Texts::Skip);
    let a = a.unwrap();
    let usa = Options {
        by: Some("usa".into()),
        ..Options::default()
    };
    // Notice received 2019-11-04; the withdrawal takes effect on 2020-11-04.
    let before = answer(&a, &[], Question::Terms, d(2020, 11, 3), &usa).unwrap();
    assert_eq!(before.pending.map(|p| p.takes_effect_on), Some(d(2020, 11, 4)));
    let err = answer(&a, &[], Question::Terms, d(2020, 11, 4), &usa).unwrap_err();
    assert!(matches!(err, Refusal::NoLongerInForce { .. }), "{err}");
}

#[test]
fn the_terms_offer_a_new_notice_only_without_one_on_record() {
    let as_of = d(2026, 11, 22);
    let o = Options::default();
    let bare = agreement(&format!("{SIGNATURE}termination: {{notice: 3 months}}\n"));
    let terms = answer(&bare, &[], Question::Terms, as_of, &o).unwrap();
    assert_eq!(terms.pending, None);
    assert_eq!(
        terms.end_if_notice_today.map(|t| (t.notice_date, t.last_day_in_force)),
        Some((as_of, d(2027, 2, 22)))
    );
    let given = agreement(&format!(
        "{SIGNATURE}termination: {{notice: 3 months}}\nevents:\n  - {{date: 2026-10-31, type: notice_given, by: alpha}}\n"
    ));
    let terms = answer(&given, &[], Question::Terms, as_of, &o).unwrap();
    assert_eq!(terms.pending.map(|p| p.last_day_in_force), Some(d(2027, 1, 31)));
    assert_eq!(terms.end_if_notice_today, None);
}

#[test]
fn the_pending_notice_is_the_earliest_ending_one_not_revoked_in_time() {
    let as_of = d(2026, 11, 22);
    let with = |events: &str| {
        agreement(&format!(
            "{SIGNATURE}termination: {{notice: 3 months}}\nevents:\n{events}"
        ))
    };
    let notice = |by: &str, on: &str| format!("  - {{date: {on}, type: notice_given, by: {by}}}\n");
    let revoked = |by: &str, on: &str| format!("  - {{date: {on}, type: notice_revoked, by: {by}}}\n");
    let pending = |a: &Agreement| pending_notice(a, as_of).map(|n| (n.by, n.received, n.last_day_in_force));

    assert_eq!(pending(&with("  - {date: 2026-01-01, type: note}\n")), None);
    let one = with(&notice("alpha", "2026-10-31"));
    assert_eq!(pending(&one), Some(("alpha".into(), d(2026, 10, 31), d(2027, 1, 31))));
    // Not yet received on the as-of date.
    assert_eq!(pending(&with(&notice("alpha", "2026-11-23"))), None);
    assert_eq!(
        pending(&with(&notice("alpha", "2026-11-22"))).map(|n| n.2),
        Some(d(2027, 2, 22))
    );
    // The earliest end wins; on a tie, the first recorded.
    let two = with(&(notice("beta", "2026-10-01") + &notice("alpha", "2026-10-15")));
    assert_eq!(pending(&two).map(|n| n.0), Some("beta".to_string()));
    let tie = with(&(notice("beta", "2026-10-01") + &notice("alpha", "2026-10-01")));
    assert_eq!(pending(&tie).map(|n| n.0), Some("beta".to_string()));
    let later_first = with(&(notice("beta", "2026-10-15") + &notice("alpha", "2026-10-01")));
    assert_eq!(pending(&later_first).map(|n| n.0), Some("alpha".to_string()));
    // Revoked by the same party, after the notice, before it took effect, by the
    // as-of date: no longer pending. Any other revocation leaves it pending.
    let n = notice("alpha", "2026-10-31");
    assert_eq!(pending(&with(&(n.clone() + &revoked("alpha", "2026-11-10")))), None);
    assert_eq!(pending(&with(&(n.clone() + &revoked("alpha", "2026-10-31")))), None);
    for other in [
        revoked("beta", "2026-11-10"),
        revoked("alpha", "2026-10-30"),
        revoked("alpha", "2026-11-23"),
        "  - {date: 2026-11-10, type: note, by: alpha}\n".to_string(),
    ] {
        let events = if other.contains("10-30") {
            other.clone() + &n
        } else {
            n.clone() + &other
        };
        assert!(pending(&with(&events)).is_some(), "{other}");
    }
    // Revoked after it took effect: too late (as of a day after the end).
    let late = with(&(notice("alpha", "2026-06-01") + &revoked("alpha", "2026-09-02")));
    assert_eq!(
        pending_notice(&late, d(2026, 11, 22)).map(|n| n.last_day_in_force),
        Some(d(2026, 9, 1))
    );
    let in_time = with(&(notice("alpha", "2026-06-01") + &revoked("alpha", "2026-09-01")));
    assert_eq!(pending_notice(&in_time, d(2026, 11, 22)), None);
}

#[test]
fn each_term_and_the_first_one_ending_on_or_after_a_day() {
    let t = renewing(Period::months(3));
    assert_eq!(t.term(0), Some((d(2020, 3, 31), d(2022, 3, 30))));
    assert_eq!(t.term(1), Some((d(2022, 3, 31), d(2023, 3, 30))));
    assert_eq!(t.term(3), Some((d(2024, 3, 31), d(2025, 3, 30))));
    assert_eq!(fixed_term(Period::years(2)).term(1), None);
    let mut k = 0;
    for day in d(2019, 1, 1).iter_days().take(3000) {
        while t.term(k).unwrap().1 < day {
            k += 1;
            assert!(k < 20, "terms that never reach {day}");
        }
        let (s, e) = t.term(k).unwrap();
        assert_eq!(t.first_ending_on_or_after(day), Some((k, s, e)), "{day}");
    }
    let fixed = fixed_term(Period::years(2));
    assert_eq!(fixed.first_ending_on_or_after(d(2022, 3, 30)).map(|x| x.0), Some(0));
    assert_eq!(fixed.first_ending_on_or_after(d(2022, 3, 31)), None);
}

#[test]
fn a_withdrawal_on_record_ends_the_withdrawing_partys_participation_only() {
    let a = agreement(&format!(
        "{SIGNATURE}termination: {{notice: 6 months, scope: withdrawing_party}}\nevents:\n  - {{date: 2024-01-01, type: terminated, party: alpha}}\n"
    ));
    let on = d(2026, 11, 22);
    let w = withdrawal(&a, "alpha", on).unwrap();
    assert_eq!(
        (w.last_day_in_force, w.takes_effect_on),
        (d(2023, 12, 31), d(2024, 1, 1))
    );
    assert_eq!(withdrawal(&a, "beta", on), None);
    // Nothing before it happened.
    assert_eq!(withdrawal(&a, "alpha", d(2023, 12, 31)), None);
}

#[test]
fn a_notice_ends_a_multilateral_agreement_only_for_the_party_unless_the_clause_says_otherwise() {
    use accord::engine::rules::scope;
    use accord::model::clauses::Scope;
    let mut a = agreement(&format!("{SIGNATURE}termination: {{notice: 6 months}}\n"));
    assert_eq!(scope(&a), Scope::Agreement);
    // A third party makes it multilateral: VCLT art. 55, the withdrawing party's only.
    let mut third = a.parties[0].clone();
    third.id = "gamma".into();
    a.parties.push(third);
    assert_eq!(scope(&a), Scope::WithdrawingParty);
    let mut said = agreement(&format!(
        "{SIGNATURE}termination: {{notice: 6 months, scope: agreement}}\n"
    ));
    let mut third = said.parties[0].clone();
    third.id = "gamma".into();
    said.parties.push(third);
    assert_eq!(scope(&said), Scope::Agreement);
}

#[test]
fn a_party_cannot_give_notice_before_the_agreement_binds_it() {
    // IOM accedes on 2012-01-10 and is bound from 2012-02-09 (thirty days later).
    let text = std::fs::read_to_string("tests/fixtures/treaties/fifty-five-instruments.yaml").unwrap();
    let (a, _) = parse(Path::new("fifty-five-instruments.yaml"), &text, Texts::Skip);
    let a = a.unwrap();
    let by_iom = Options {
        by: Some("iom".into()),
        ..Options::default()
    };
    match rules_of(&a, d(2012, 2, 8), &by_iom) {
        Err(Refusal::NotInForce { reason, .. }) => {
            assert!(reason.contains("enters into force for IOM on 2012-02-09"), "{reason}")
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(rules_of(&a, d(2012, 2, 9), &by_iom).map(|r| r.start), Ok(d(2012, 2, 9)));
}

#[test]
fn a_later_date_named_on_the_day_the_notice_takes_effect_anyway_changes_nothing() {
    let mut r = rules(Some(Period::months(6)));
    r.later_date = true;
    // Six months from 31 August: in force to 28 February, ends on 1 March.
    let o = end_date(&r, d(2026, 8, 31)).unwrap();
    assert_eq!(o.takes_effect_on, d(2027, 3, 1));
    // Naming that very day is allowed, and is no later date: the end and its
    // explanation stay as computed.
    assert_eq!(with_later_date(&r, o.clone(), d(2027, 3, 1)), Ok(o.clone()));
    // The day after is a later date, and explained as one.
    let later = with_later_date(&r, o.clone(), d(2027, 3, 2)).unwrap();
    assert_eq!(
        (later.last_day_in_force, later.takes_effect_on),
        (d(2027, 3, 1), d(2027, 3, 2))
    );
    assert!(
        later.steps.iter().any(|s| s.contains("names a later date, 2027-03-02")),
        "{:?}",
        later.steps
    );
    // The day before is refused.
    assert!(matches!(
        with_later_date(&r, o, d(2027, 2, 28)),
        Err(Refusal::LaterDateTooEarly { .. })
    ));
}
