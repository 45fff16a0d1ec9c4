//! Tests that catch wrong arithmetic in `time/`: every function against a deliberately
//! simple oracle over whole ranges of dates (not a few examples), and every boundary a
//! comparison could be off by one at. `tools/mutants` checks that each change of an
//! operator or a comparison in the date engine makes some test fail (docs/testing.md).

use accord::time::calendar::{
    end_of_year, is_working_day, month_name, months_to_reach, next_occurrence, occurrence, period_end, roll, shift,
    shift_back, term_last_day, year_without_working_day, Roll, ROLL_LIMIT,
};
use accord::time::period::Period;
use chrono::{Datelike, Days, NaiveDate, Weekday};

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
fn working_days_and_roll_over() {
    let holiday = d(2027, 3, 1); // a Monday
    assert!(is_working_day(d(2027, 3, 2), &[holiday]));
    assert!(!is_working_day(holiday, &[holiday]));
    assert!(!is_working_day(d(2027, 2, 27), &[])); // Saturday
    assert!(!is_working_day(d(2027, 2, 28), &[])); // Sunday
    assert!(is_working_day(d(2027, 2, 26), &[])); // Friday
    let h = [holiday];
    for (date, rule, want) in [
        (d(2027, 2, 27), Roll::Following, d(2027, 3, 2)),
        (d(2027, 2, 27), Roll::Preceding, d(2027, 2, 26)),
        (d(2027, 2, 27), Roll::ModifiedFollowing, d(2027, 2, 26)),
        (d(2027, 2, 26), Roll::Following, d(2027, 2, 26)),
        (d(2027, 2, 26), Roll::Preceding, d(2027, 2, 26)),
        (d(2027, 2, 26), Roll::ModifiedFollowing, d(2027, 2, 26)),
        (d(2027, 3, 6), Roll::ModifiedFollowing, d(2027, 3, 8)),
        (d(2027, 3, 1), Roll::Preceding, d(2027, 2, 26)),
        (d(2027, 3, 1), Roll::ModifiedFollowing, d(2027, 3, 2)),
    ] {
        assert_eq!(roll(date, rule, &h), Some(want), "{date} {rule:?}");
    }
}

/// Every day from `first` for `days` days, as listed holidays.
fn run(first: NaiveDate, days: u64) -> Vec<NaiveDate> {
    first.iter_days().take(days as usize).collect()
}

#[test]
fn roll_over_gives_up_with_none_never_a_holiday() {
    let wednesday = d(2027, 1, 6);
    let limit = u64::from(ROLL_LIMIT);
    // A run of ROLL_LIMIT - 1 days still ends: the day after it is a working day.
    let short = run(wednesday, limit - 1);
    let after = wednesday + Days::new(limit - 1);
    assert_eq!(after.weekday(), Weekday::Thu);
    assert_eq!(roll(wednesday, Roll::Following, &short), Some(after));
    assert_eq!(roll(wednesday, Roll::ModifiedFollowing, &short), Some(d(2027, 1, 5)));
    // One day more and it gives up.
    let long = run(wednesday, limit);
    assert_eq!(roll(wednesday, Roll::Following, &long), None);
    // Backwards from the end of a run.
    let last = wednesday + Days::new(limit - 1);
    assert_eq!(roll(last, Roll::Preceding, &long), None);
    assert_eq!(roll(last, Roll::Preceding, &short), Some(last));
    let before = run(wednesday - Days::new(limit - 2), limit - 1);
    let day_before = wednesday - Days::new(limit - 1);
    assert_eq!(day_before.weekday(), Weekday::Tue);
    assert_eq!(roll(wednesday, Roll::Preceding, &before), Some(day_before));
    // Modified following: no working day ahead, or none behind either.
    assert_eq!(roll(wednesday, Roll::ModifiedFollowing, &long), None);
    let december: Vec<NaiveDate> = run(d(2027, 12, 1), 31)
        .into_iter()
        .chain(run(d(2028, 1, 1), 3))
        .collect();
    assert_eq!(
        roll(d(2027, 12, 31), Roll::ModifiedFollowing, &december),
        Some(d(2027, 11, 30))
    );
    let whole: Vec<NaiveDate> = run(d(2026, 12, 1), 400);
    assert_eq!(roll(d(2027, 12, 31), Roll::ModifiedFollowing, &whole), None);
    // At the ends of the calendar.
    assert_eq!(roll(NaiveDate::MAX, Roll::Following, &[NaiveDate::MAX]), None);
    assert_eq!(roll(NaiveDate::MIN, Roll::Preceding, &[NaiveDate::MIN]), None);
}

#[test]
fn a_year_without_working_day_is_found_at_its_limits() {
    let friday = d(2027, 1, 1);
    let limit = u64::from(ROLL_LIMIT);
    assert_eq!(year_without_working_day(&[]), None);
    // Friday 1 January 2027 + 365 days is Saturday 1 January 2028: the run of holidays
    // reaches the limit with the weekend after it.
    for days in [limit - 3, limit - 2] {
        let listed = run(friday, days);
        assert_eq!(year_without_working_day(&listed), None, "{days} days");
    }
    let listed = run(friday, limit - 1);
    assert_eq!(
        year_without_working_day(&listed),
        Some((friday, friday + Days::new(limit)))
    );
    // Unsorted, repeated, with weekend days left out: the same run.
    let mut shuffled: Vec<NaiveDate> = listed
        .iter()
        .rev()
        .copied()
        .filter(|d| d.weekday().number_from_monday() < 6)
        .collect();
    shuffled.extend_from_slice(&listed[..10]);
    assert_eq!(
        year_without_working_day(&shuffled),
        Some((friday, friday + Days::new(limit)))
    );
    // The weekend before the run counts too.
    let from_monday = run(d(2027, 1, 4), limit - 2);
    assert_eq!(
        year_without_working_day(&from_monday),
        Some((d(2027, 1, 2), d(2027, 1, 4) + Days::new(limit - 3)))
    );
    // A working day breaks the run: two short runs are no long one.
    let mut broken = run(friday, limit - 1);
    broken.retain(|h| *h != d(2027, 6, 2));
    assert_eq!(year_without_working_day(&broken), None);
    // A short run first, then a long one.
    let mut two = run(d(2026, 3, 2), 3);
    two.extend(run(friday, 400));
    assert_eq!(year_without_working_day(&two).map(|r| r.0), Some(friday));
    // A long run first, then a short one: the first is reported.
    let mut first_long = run(friday, 400);
    first_long.extend(run(d(2030, 3, 4), 2));
    assert_eq!(year_without_working_day(&first_long).map(|r| r.0), Some(friday));
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

#[test]
fn periods_are_read_in_each_form_and_written_back() {
    for (text, want) in [
        ("90 days", p(0, 0, 0, 90)),
        ("1 day", p(0, 0, 0, 1)),
        ("2 weeks", p(0, 0, 2, 0)),
        ("one week", p(0, 0, 1, 0)),
        ("six months", p(0, 6, 0, 0)),
        ("Twelve Months", p(0, 12, 0, 0)),
        ("1 year", p(1, 0, 0, 0)),
        ("1 year, 6 months and 2 weeks and 3 days", p(1, 6, 2, 3)),
        ("  3 days  ", p(0, 0, 0, 3)),
        ("P90D", p(0, 0, 0, 90)),
        ("p2w", p(0, 0, 2, 0)),
        ("P6M", p(0, 6, 0, 0)),
        ("P1Y6M2W3D", p(1, 6, 2, 3)),
        ("P0D", p(0, 0, 0, 0)),
    ] {
        assert_eq!(Period::parse(text), Ok(want), "{text}");
    }
    for (period, text, possessive) in [
        (p(0, 0, 0, 1), "1 day", "1 day's"),
        (p(0, 0, 0, 90), "90 days", "90 days'"),
        (p(0, 1, 0, 0), "1 month", "1 month's"),
        (
            p(1, 6, 2, 3),
            "1 year 6 months 2 weeks 3 days",
            "1 year 6 months 2 weeks 3 days'",
        ),
        (p(2, 0, 1, 0), "2 years 1 week", "2 years 1 week's"),
        (p(0, 0, 0, 0), "0 days", "0 days'"),
    ] {
        assert_eq!(period.to_string(), text);
        assert_eq!(period.possessive(), possessive);
        assert_eq!(Period::parse(text), Ok(period));
    }
}

#[test]
fn a_period_that_cannot_be_read_says_why() {
    for (text, why) in [
        ("", "empty period"),
        ("   ", "empty period"),
        ("90", "needs a number and a unit for each part"),
        ("90dayz", "`dayz` is not a unit"),
        ("6x", "`6x` has an unknown unit `x`"),
        ("4294967296d", "`4294967296d` has a number too large"),
        ("613566757w", "longer than 1000 years"),
        ("6months 2", "`6months` is not a number"),
        ("ninety days", "`ninety` is not a number"),
        ("6 moons", "`moons` is not a unit"),
        ("6 months 2 months", "gives months twice"),
        ("4294967296 days", "`4294967296` is too large a number"),
        ("P", "has no length after `P`"),
        ("P6", "ends with a number without a unit"),
        ("PT6H", "has a time part"),
        ("P6M6M", "gives `M` twice"),
        ("PM", "has `M` without a number before it"),
        ("P6X", "has an unknown unit `X`"),
        ("P4294967296D", "has a number too large"),
        ("P 6M", "`p` is not a number"),
        ("P1001Y", "longer than 1000 years"),
    ] {
        let err = Period::parse(text).expect_err(text);
        assert!(err.0.contains(why), "{text:?}: {}", err.0);
        if !why.contains("1000 years") {
            assert!(
                err.0.ends_with("or ISO 8601 such as `P90D`, `P6M`, `P1Y6M`, `P2W`"),
                "{text:?}: {}",
                err.0
            );
        }
    }
}

#[test]
fn period_totals_and_zero() {
    assert!(Period::default().is_zero());
    for nonzero in [Period::days(1), Period::weeks(1), Period::months(1), Period::years(1)] {
        assert!(!nonzero.is_zero(), "{nonzero:?}");
    }
    assert!(Period::months(1).has_months() && Period::years(1).has_months());
    assert!(!Period::days(40).has_months() && !Period::default().has_months());
    assert_eq!(p(2, 3, 4, 5).total_months(), 27);
    assert_eq!(p(2, 3, 4, 5).total_days(), 33);
    assert_eq!(p(2, 3, 4, 5).approx_days(), 27 * 31 + 33);
    assert_eq!(p(1, 2, 3, 4).times(3), Some(p(3, 6, 9, 12)));
    assert_eq!(p(0, 0, 0, 2).times(u32::MAX), None);
    assert_eq!(Period::days(3), p(0, 0, 0, 3));
    assert_eq!(Period::weeks(3), p(0, 0, 3, 0));
    assert_eq!(Period::months(3), p(0, 3, 0, 0));
    assert_eq!(Period::years(3), p(3, 0, 0, 0));
}
