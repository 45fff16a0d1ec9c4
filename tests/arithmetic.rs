//! Tests that catch wrong arithmetic in `time/`: every function against a deliberately
//! simple oracle over whole ranges of dates (not a few examples), and every boundary a
//! comparison could be off by one at. `tools/mutants` checks that each change of an
//! operator or a comparison in the date engine makes some test fail (docs/testing.md).

use accord::time::calendar::{
    end_of_year, month_name, months_to_reach, next_occurrence, occurrence, period_end, shift, shift_back, term_last_day,
};
use accord::time::period::Period;
use chrono::{Datelike, Days, NaiveDate};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn p(years: u32, months: u32, weeks: u32, days: u32) -> Period {
    Period {
        years,
        months,
        weeks,
        days,
    }
}

/// The last day of a month, found by walking to the first of the next.
fn month_length(year: i32, month: u32) -> u32 {
    let mut day = d(year, month, 28);
    while day.succ_opt().unwrap().month() == month {
        day = day.succ_opt().unwrap();
    }
    day.day()
}

/// Reg. 1182/71 art. 3(2)(c) by hand: months on (year, month), the same day number or
/// the month's last day; then the days.
fn oracle_shift(date: NaiveDate, period: Period) -> NaiveDate {
    let index = date.year() * 12 + date.month0() as i32 + (period.years * 12 + period.months) as i32;
    let (y, m) = (index.div_euclid(12), index.rem_euclid(12) as u32 + 1);
    // Days are not ambiguous: chrono adds them.
    d(y, m, date.day().min(month_length(y, m))) + Days::new(u64::from(period.weeks * 7 + period.days))
}

/// Every occurrence up to `until` (and one past it), each from the anchor: index 0 is
/// the anchor itself.
fn oracle_occurrences(anchor: NaiveDate, period: Period, until: NaiveDate) -> Vec<NaiveDate> {
    let mut out = vec![anchor];
    let mut k = 1;
    loop {
        let times = p(period.years * k, period.months * k, period.weeks * k, period.days * k);
        let next = oracle_shift(anchor, times);
        out.push(next);
        if next > until {
            return out;
        }
        k += 1;
    }
}

const ANCHORS: [(i32, u32, u32); 7] = [
    (2024, 2, 29),
    (2027, 1, 31),
    (2026, 8, 31),
    (2026, 11, 22),
    (2025, 12, 31),
    (2026, 3, 15),
    (2027, 2, 28),
];

fn periods() -> Vec<Period> {
    vec![
        Period::days(1),
        Period::days(2),
        Period::days(30),
        Period::weeks(1),
        Period::weeks(2),
        Period::months(1),
        Period::months(2),
        Period::months(3),
        Period::years(1),
        p(1, 6, 0, 0),
        p(0, 1, 0, 1),
        p(0, 1, 2, 0),
        p(1, 0, 0, 10),
    ]
}

#[test]
fn next_occurrence_is_the_first_on_or_after_every_day_of_four_years() {
    for (y, m, day) in ANCHORS {
        let anchor = d(y, m, day);
        let from = anchor - Days::new(40);
        let until = anchor + Days::new(4 * 366);
        for period in periods() {
            let all = oracle_occurrences(anchor, period, until);
            let mut k = 1;
            for target in from.iter_days().take_while(|t| *t <= until) {
                while all[k] < target {
                    k += 1;
                }
                assert_eq!(
                    next_occurrence(anchor, period, target),
                    Some((k as u32, all[k])),
                    "{anchor} every {period}, on or after {target}"
                );
            }
        }
    }
}

#[test]
fn next_occurrence_far_from_the_anchor() {
    // Hundreds of occurrences away: the index is computed (days, months) or bisected
    // (both), never walked to.
    for (anchor, period, target) in [
        (d(1900, 1, 31), p(0, 1, 0, 1), d(2100, 6, 15)),
        (d(1900, 1, 31), p(0, 1, 2, 0), d(2100, 6, 15)),
        (d(1901, 3, 30), p(1, 0, 0, 1), d(2099, 12, 31)),
        (d(1900, 1, 1), Period::days(1), d(2100, 1, 1)),
        (d(1900, 1, 31), Period::months(1), d(2100, 2, 28)),
        (d(1900, 1, 31), Period::months(1), d(2100, 3, 1)),
        (d(1904, 2, 29), Period::years(4), d(2100, 1, 1)),
    ] {
        let all = oracle_occurrences(anchor, period, target);
        let k = all.iter().skip(1).position(|o| *o >= target).unwrap() + 1;
        assert!(k > 40, "{k}");
        assert_eq!(
            next_occurrence(anchor, period, target),
            Some((k as u32, all[k])),
            "{anchor} every {period}, on or after {target}"
        );
    }
}

#[test]
fn next_occurrence_of_a_daily_schedule_is_the_day_itself() {
    // `every: 1 day`: a period of one day, divided into the days to go.
    let anchor = d(2026, 1, 5);
    assert_eq!(
        next_occurrence(anchor, Period::days(1), d(2026, 11, 22)),
        Some((321, d(2026, 11, 22)))
    );
    assert_eq!(
        next_occurrence(anchor, Period::days(1), anchor),
        Some((1, d(2026, 1, 6)))
    );
    assert_eq!(
        next_occurrence(anchor, Period::days(1), d(2026, 1, 6)),
        Some((1, d(2026, 1, 6)))
    );
    assert_eq!(
        next_occurrence(anchor, Period::days(1), d(2026, 1, 7)),
        Some((2, d(2026, 1, 7)))
    );
    assert_eq!(
        next_occurrence(anchor, Period::days(1), d(2020, 1, 1)),
        Some((1, d(2026, 1, 6)))
    );
}

#[test]
fn next_occurrence_has_none_for_nothing_or_outside_the_calendar() {
    assert_eq!(next_occurrence(d(2026, 1, 1), Period::default(), d(2027, 1, 1)), None);
    let end = NaiveDate::MAX;
    // The last day of the calendar can be an occurrence; the one after it cannot.
    assert_eq!(
        next_occurrence(end - Days::new(10), Period::days(5), end - Days::new(1)),
        Some((2, end))
    );
    assert_eq!(next_occurrence(end - Days::new(1), Period::days(2), end), None);
    assert_eq!(next_occurrence(end - Days::new(40), Period::months(1), end), None);
    assert_eq!(next_occurrence(end - Days::new(40), p(0, 1, 0, 1), end), None);
    assert_eq!(next_occurrence(d(2026, 1, 1), Period::years(1000), end), None);
}

#[test]
fn months_to_reach_counts_months_and_compares_the_day_numbers() {
    let anchor = d(2027, 1, 15);
    for (date, months) in [
        (d(2027, 1, 14), 0),
        (d(2027, 1, 15), 0),
        (d(2027, 1, 16), 1),
        (d(2027, 2, 15), 1),
        (d(2027, 2, 16), 2),
        (d(2028, 1, 15), 12),
        (d(2028, 1, 16), 13),
        (d(2026, 12, 15), -1),
        (d(2026, 12, 16), 0),
        (d(2025, 1, 1), -24),
    ] {
        assert_eq!(months_to_reach(anchor, date), months, "{date}");
    }
    // 31 January: one month reaches the last day of February.
    assert_eq!(months_to_reach(d(2027, 1, 31), d(2027, 2, 28)), 1);
    assert_eq!(months_to_reach(d(2027, 1, 31), d(2027, 3, 1)), 2);
}

#[test]
fn shift_and_shift_back_match_the_oracle_and_each_other() {
    for (y, m, day) in ANCHORS {
        let start = d(y, m, day);
        for period in periods() {
            assert_eq!(
                shift(start, period),
                Some(oracle_shift(start, period)),
                "{start} + {period}"
            );
        }
    }
    // Back: days first, then months, with the month-end rule.
    assert_eq!(shift_back(d(2027, 3, 31), Period::months(1)), Some(d(2027, 2, 28)));
    assert_eq!(shift_back(d(2027, 3, 31), p(0, 1, 0, 10)), Some(d(2027, 2, 21)));
    assert_eq!(shift_back(d(2027, 3, 31), p(1, 1, 1, 0)), Some(d(2026, 2, 24)));
    assert_eq!(shift_back(d(2027, 1, 30), Period::days(30)), Some(d(2026, 12, 31)));
    assert_eq!(shift_back(NaiveDate::MIN, Period::days(1)), None);
    assert_eq!(shift_back(d(2027, 1, 30), Period::years(u32::MAX)), None);
    assert_eq!(shift(NaiveDate::MAX, Period::days(1)), None);
    assert_eq!(shift(d(2027, 1, 30), Period::years(u32::MAX)), None);
}

#[test]
fn term_and_occurrence_from_the_anchor() {
    assert_eq!(term_last_day(d(2020, 3, 31), Period::years(2)), Some(d(2022, 3, 30)));
    assert_eq!(term_last_day(d(2024, 2, 29), Period::years(1)), Some(d(2025, 2, 27)));
    assert_eq!(term_last_day(d(2024, 1, 31), Period::months(1)), Some(d(2024, 2, 28)));
    assert_eq!(term_last_day(NaiveDate::MAX, Period::days(1)), None);
    assert_eq!(occurrence(d(2027, 1, 31), Period::months(1), 0), Some(d(2027, 1, 31)));
    assert_eq!(occurrence(d(2027, 1, 31), Period::months(1), 13), Some(d(2028, 2, 29)));
    assert_eq!(occurrence(d(2027, 1, 31), Period::months(2), u32::MAX), None);
}

#[test]
fn period_end_explains_the_month_end_rule_only_where_it_applied() {
    let end = period_end(d(2026, 8, 31), Period::months(6)).unwrap();
    assert_eq!(
        (end.start, end.date, end.month_end),
        (d(2026, 8, 31), d(2027, 2, 28), true)
    );
    assert_eq!(
        end.to_string(),
        "2026-08-31 + 6 months → 2027-02-28, the last day of February as it has no day 31 (Reg. 1182/71 art. 3(2)(c))"
    );
    let same_day = period_end(d(2026, 8, 15), Period::months(6)).unwrap();
    assert!(!same_day.month_end);
    assert_eq!(
        same_day.to_string(),
        "2026-08-15 + 6 months → 2027-02-15 (Reg. 1182/71 art. 3(1), 3(2)(c))"
    );
    let days = period_end(d(2026, 8, 31), Period::days(183)).unwrap();
    assert!(!days.month_end);
    assert_eq!(
        days.to_string(),
        "2026-08-31 + 183 days → 2027-03-02 (Reg. 1182/71 art. 3(1): the day of receipt is not counted)"
    );
    // Months and days: the rule applied to the months.
    let both = period_end(d(2026, 8, 31), p(0, 6, 0, 1)).unwrap();
    assert_eq!((both.date, both.month_end), (d(2027, 3, 1), true));
    assert_eq!(period_end(NaiveDate::MAX, Period::days(1)), None);
}

#[test]
fn month_names_and_year_ends() {
    let names: Vec<&str> = (1..=12).map(month_name).collect();
    assert_eq!(
        names,
        [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December"
        ]
    );
    assert_eq!((month_name(0), month_name(13)), ("January", "December"));
    assert_eq!(end_of_year(d(2027, 2, 28)), d(2027, 12, 31));
    assert_eq!(end_of_year(d(2028, 12, 31)), d(2028, 12, 31));
}
