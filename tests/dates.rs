//! Property tests of the date engine against a deliberately simple oracle: days are
//! counted one at a time, and months by calendar arithmetic on (year, month) with the
//! month's length found by walking its days.

use accord::engine::notice::{end_date, with_later_date};
use accord::engine::rules::{FirstNotice, Rules, TermRules};
use accord::engine::terminate::latest_notice;
use accord::model::{Counting, Effective};
use accord::time::after::After;
use accord::time::calendar::{next_occurrence, occurrence, shift};
use accord::time::period::Period;
use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;

fn days_in_month(year: i32, month: u32) -> u32 {
    let mut d = NaiveDate::from_ymd_opt(year, month, 1).unwrap();
    let mut n = 0;
    while d.month() == month {
        n += 1;
        d = d.succ_opt().unwrap();
    }
    n
}

/// Reg. 1182/71 art. 3(2)(c) by hand: same day number in the target month, or its last day.
fn oracle_add(date: NaiveDate, p: Period) -> NaiveDate {
    let months = (date.year() * 12 + date.month0() as i32) + p.total_months() as i32;
    let (y, m) = (months.div_euclid(12), months.rem_euclid(12) as u32 + 1);
    let day = date.day().min(days_in_month(y, m));
    let mut d = NaiveDate::from_ymd_opt(y, m, day).unwrap();
    for _ in 0..p.total_days() {
        d = d.succ_opt().unwrap();
    }
    d
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (1900i32..=2100, 1u32..=12, 1u32..=31).prop_map(|(y, m, d)| {
        let d = d.min(days_in_month(y, m));
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    })
}

fn period() -> impl Strategy<Value = Period> {
    prop_oneof![
        (1u32..400).prop_map(Period::days),
        (1u32..60).prop_map(Period::weeks),
        (1u32..60).prop_map(Period::months),
        (1u32..10).prop_map(Period::years),
        (0u32..3, 0u32..12, 0u32..4, 0u32..40).prop_map(|(years, months, weeks, days)| Period {
            years,
            months,
            weeks,
            days
        }),
    ]
    .prop_filter("non-zero", |p| !p.is_zero())
}

fn simple_rules(start: NaiveDate, notice: Period) -> Rules {
    Rules::notice("p", start, notice)
}

/// The first day of the month `n` months after `date`'s, found by walking day by day
/// and counting the firsts of months passed.
fn oracle_first_of_month(date: NaiveDate, n: u32) -> NaiveDate {
    let mut d = date;
    let mut firsts = 0;
    loop {
        d = d.succ_opt().unwrap();
        if d.day() == 1 {
            firsts += 1;
            if firsts == n {
                return d;
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn shift_matches_the_oracle(d in date(), p in period()) {
        prop_assert_eq!(shift(d, p).unwrap(), oracle_add(d, p));
    }

    #[test]
    fn the_end_of_a_notice_matches_the_oracle(start in date(), notice in period(), gap in 0i64..20_000) {
        let rules = simple_rules(start, notice);
        let d = start + chrono::Duration::days(gap);
        let end = end_date(&rules, d).unwrap();
        prop_assert_eq!(end.last_day_in_force, oracle_add(d, notice));
        prop_assert_eq!(end.takes_effect_on, oracle_add(d, notice).succ_opt().unwrap());
        // Counted to the anniversary, it takes effect on the same date one period later.
        let mut anniversary = simple_rules(start, notice);
        anniversary.counting = Counting::Anniversary;
        let end = end_date(&anniversary, d).unwrap();
        prop_assert_eq!(end.takes_effect_on, oracle_add(d, notice));
        prop_assert_eq!(end.last_day_in_force, oracle_add(d, notice).pred_opt().unwrap());
    }

    #[test]
    fn occurrences_are_computed_from_the_anchor(anchor in date(), p in period(), k in 1u32..50) {
        let kp = p.times(k).unwrap();
        prop_assert_eq!(occurrence(anchor, p, k).unwrap(), oracle_add(anchor, kp));
    }

    #[test]
    fn next_occurrence_is_the_first_on_or_after(anchor in date(), p in period(), gap in -400i64..20_000) {
        let on = anchor + chrono::Duration::days(gap);
        let (k, next) = next_occurrence(anchor, p, on).unwrap();
        prop_assert!(next >= on);
        prop_assert_eq!(next, occurrence(anchor, p, k).unwrap());
        if k > 1 {
            prop_assert!(occurrence(anchor, p, k - 1).unwrap() < on);
        }
    }

    /// A later date named in the notice takes effect if it is not before the computed
    /// day, and is refused otherwise.
    #[test]
    fn a_later_date_is_taken_only_when_not_earlier(start in date(), notice in period(), gap in 0i64..5_000, shift_days in -400i64..400) {
        let mut rules = simple_rules(start, notice);
        rules.later_date = true;
        let d = start + chrono::Duration::days(gap);
        let computed = end_date(&rules, d).unwrap();
        let requested = computed.takes_effect_on + chrono::Duration::days(shift_days);
        match with_later_date(&rules, computed.clone(), requested) {
            Ok(o) => {
                prop_assert!(requested >= computed.takes_effect_on);
                prop_assert_eq!(o.takes_effect_on, requested);
                prop_assert_eq!(o.last_day_in_force, requested.pred_opt().unwrap());
            }
            Err(_) => prop_assert!(requested < computed.takes_effect_on),
        }
    }

    /// The calendar rules of entry-into-force clauses against day-by-day walking.
    #[test]
    fn after_rules_match_the_oracle(d in date(), p in period(), n in 1u32..13) {
        prop_assert_eq!(After::Period(p).apply(d).unwrap(), oracle_add(d, p));
        prop_assert_eq!(After::FirstDayOfMonth(n).apply(d).unwrap(), oracle_first_of_month(d, n));
    }

    /// With a waiting period before notice, the latest notice day is never before the
    /// first permitted one, and when none fits, notice on that day ends it too late.
    #[test]
    fn latest_notice_respects_the_waiting_period(start in date(), notice in period(), wait in 1u32..6, gap in 0i64..8_000) {
        let mut rules = simple_rules(start, notice);
        let first = oracle_add(start, Period::years(wait));
        rules.first_notice = Some(FirstNotice { date: first, rule: String::new() });
        let e = start + chrono::Duration::days(gap);
        match latest_notice(&rules, e) {
            Some(o) => {
                prop_assert!(o.notice_date >= first);
                prop_assert!(o.last_day_in_force <= e);
                let next = o.notice_date.succ_opt().unwrap();
                prop_assert!(end_date(&rules, next).unwrap().last_day_in_force > e);
            }
            None => prop_assert!(end_date(&rules, first).unwrap().last_day_in_force > e),
        }
    }

    /// end(latest) ≤ E < end(latest + 1 day), for every kind of rule.
    #[test]
    fn latest_notice_is_exact(
        start in date(),
        notice in period(),
        gap in 0i64..8_000,
        calendar_year in any::<bool>(),
        minimum in proptest::option::of(1u32..5),
        renewal in proptest::option::of((1u32..4, 1u32..12, 1u32..4)),
    ) {
        let mut rules = simple_rules(start, notice);
        if calendar_year {
            rules.effective = Effective::EndOfCalendarYear;
        }
        rules.minimum_end = minimum.map(|y| accord::time::calendar::term_last_day(start, Period::years(y)).unwrap());
        if let Some((len, months, renew)) = renewal {
            rules.notice = None;
            rules.term = Some(TermRules { start, length: Period::years(len), renewal: Some((Period::years(renew), Period::months(months))), article: None });
        }
        let e = start + chrono::Duration::days(gap);
        match latest_notice(&rules, e) {
            Some(o) => {
                prop_assert!(o.last_day_in_force <= e);
                prop_assert_eq!(end_date(&rules, o.notice_date).unwrap().last_day_in_force, o.last_day_in_force);
                let next = o.notice_date.succ_opt().unwrap();
                prop_assert!(end_date(&rules, next).unwrap().last_day_in_force > e);
            }
            None => prop_assert!(end_date(&rules, start).unwrap().last_day_in_force > e),
        }
    }
}

#[test]
fn monthly_from_31_january_falls_on_month_ends() {
    let jan31 = NaiveDate::from_ymd_opt(2028, 1, 31).unwrap();
    let got: Vec<String> = (1..=3)
        .map(|k| occurrence(jan31, Period::months(1), k).unwrap().to_string())
        .collect();
    assert_eq!(got, ["2028-02-29", "2028-03-31", "2028-04-30"]);
}
