//! Arbitrary periods (any 32-bit numbers, not only what the parser reads) and dates
//! through the date paths of `terminate` and `due`: each must give a result or a clean
//! `None`, never panic or overflow, and the results must obey their laws:
//!
//! - the next occurrence of a schedule is on or after the day asked, and the one
//!   before it is not;
//! - a roll-over gives a working day on the right side of the date, or nothing;
//! - the end of a notice never decreases as the notice date grows, and the latest
//!   notice date L for an end-by date E satisfies `end(L) <= E < end(L + 1 day)`;
//! - an agreement written with these periods and dates is read, and `due`, `status`
//!   and `terminate` answer about it.
//!
//! See docs/fuzzing.md.
#![no_main]

use accord::engine::due::{due, Filter};
use accord::engine::notice::end_only;
use accord::engine::rules::{Options, Rules, TermRules};
use accord::engine::status::status;
use accord::engine::terminate::{answer, latest_notice_date, Question};
use accord::file::parse::{agreement, Texts};
use accord::model::{Counting, Effective};
use accord::time::calendar::{is_working_day, next_occurrence, occurrence, roll, Roll};
use accord::time::period::Period;
use chrono::{Datelike, Days, NaiveDate};
use libfuzzer_sys::arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

/// A date anywhere in the calendar, or (mostly) within a few centuries of today.
fn date(u: &mut Unstructured) -> Result<NaiveDate> {
    let wide: bool = u.ratio(1, 8)?;
    let days = if wide {
        u.int_in_range(NaiveDate::MIN.num_days_from_ce()..=NaiveDate::MAX.num_days_from_ce())?
    } else {
        u.int_in_range(693_000..=800_000)? // 1899 to 2191
    };
    Ok(NaiveDate::from_num_days_from_ce_opt(days).unwrap_or(NaiveDate::MIN))
}

/// Any number, but mostly the small ones periods are written with.
fn number(u: &mut Unstructured) -> Result<u32> {
    Ok(match u.int_in_range(0..=9)? {
        0 => u.arbitrary()?,
        1..=3 => 0,
        _ => u.int_in_range(1..=40)?,
    })
}

fn period(u: &mut Unstructured) -> Result<Period> {
    Ok(Period {
        years: number(u)?,
        months: number(u)?,
        weeks: number(u)?,
        days: number(u)?,
    })
}

fn nonzero(u: &mut Unstructured) -> Result<Period> {
    let p = period(u)?;
    Ok(if p.is_zero() { Period::days(1) } else { p })
}

fn roll_rule(u: &mut Unstructured) -> Result<Option<Roll>> {
    Ok(match u.int_in_range(0..=3)? {
        0 => Some(Roll::Following),
        1 => Some(Roll::Preceding),
        2 => Some(Roll::ModifiedFollowing),
        _ => None,
    })
}

fn calendar_laws(u: &mut Unstructured) -> Result<()> {
    let (anchor, p, target) = (date(u)?, period(u)?, date(u)?);
    if let Some((k, on)) = next_occurrence(anchor, p, target) {
        assert!(k >= 1 && on >= target && occurrence(anchor, p, k) == Some(on));
        if k > 1 {
            assert!(occurrence(anchor, p, k - 1).is_some_and(|before| before < target));
        }
    }
    let day = date(u)?;
    // Holidays in the three weeks from `day` (none past the end of the calendar).
    let mut holidays: Vec<NaiveDate> = Vec::new();
    for _ in 0..u.int_in_range(0..=8)? {
        holidays.extend(day.checked_add_days(Days::new(u.int_in_range(0..=20)?)));
    }
    if let Some(rule) = roll_rule(u)? {
        if let Some(r) = roll(day, rule, &holidays) {
            assert!(is_working_day(r, &holidays));
            match rule {
                Roll::Following => assert!(r >= day),
                Roll::Preceding => assert!(r <= day),
                Roll::ModifiedFollowing => {}
            }
        }
    }
    Ok(())
}

fn rules(u: &mut Unstructured) -> Result<Rules> {
    let start = date(u)?;
    let notice = if u.arbitrary()? { Some(nonzero(u)?) } else { None };
    let term = if u.arbitrary()? {
        let renewal = if u.arbitrary()? {
            Some((nonzero(u)?, nonzero(u)?))
        } else {
            None
        };
        Some(TermRules {
            start: if u.arbitrary()? { date(u)? } else { start },
            length: nonzero(u)?,
            renewal,
            article: None,
        })
    } else {
        None
    };
    let roll = roll_rule(u)?;
    // Holidays in the eleven years from `start` (none past the end of the calendar).
    let mut holidays = Vec::new();
    for _ in 0..u.int_in_range(0..=6)? {
        holidays.extend(start.checked_add_days(Days::new(u.int_in_range(0..=4000)?)));
    }
    let mut r = Rules::notice("fuzz", start, Period::months(12));
    if notice.is_some() || term.is_some() {
        r.notice = notice;
    }
    if u.arbitrary()? {
        r.effective = Effective::EndOfCalendarYear;
    }
    if u.arbitrary()? {
        r.counting = Counting::Anniversary;
    }
    if u.arbitrary()? {
        r.minimum_end = Some(date(u)?);
    }
    r.term = term;
    r.roll = roll;
    r.holidays = holidays;
    Ok(r)
}

fn termination_laws(u: &mut Unstructured) -> Result<()> {
    let r = rules(u)?;
    let notice = date(u)?;
    if let (Some(a), Some(b)) = (end_only(&r, notice), notice.succ_opt().and_then(|n| end_only(&r, n))) {
        assert!(a <= b, "end({notice}) = {a} > end(next day) = {b}: {r:?}");
    }
    let end_by = date(u)?;
    if let Some(l) = latest_notice_date(&r, end_by) {
        assert!(l >= r.first_permissible());
        assert!(end_only(&r, l).is_some_and(|e| e <= end_by), "{r:?} {end_by} {l}");
        if let Some(after) = l.succ_opt().and_then(|n| end_only(&r, n)) {
            assert!(after > end_by, "{r:?} {end_by} {l}");
        }
    }
    Ok(())
}

/// A period as an agreement writes it: words or ISO 8601, any numbers.
fn written(u: &mut Unstructured) -> Result<String> {
    let p = period(u)?;
    Ok(if u.arbitrary()? {
        format!("P{}Y{}M{}W{}D", p.years, p.months, p.weeks, p.days)
    } else {
        format!(
            "{} years {} months {} weeks {} days",
            p.years, p.months, p.weeks, p.days
        )
    })
}

fn agreement_paths(u: &mut Unstructured) -> Result<()> {
    let (signed, from, due_on, notice_on, as_of) = (date(u)?, date(u)?, date(u)?, date(u)?, date(u)?);
    let (notice, length, renewal, renewal_notice, every, lead, within) = (
        written(u)?,
        written(u)?,
        written(u)?,
        written(u)?,
        written(u)?,
        written(u)?,
        written(u)?,
    );
    let text = format!(
        "id: fuzz\ntitle: Fuzz\nparties:\n  a: {{name: A}}\n  b: {{name: B}}\nsigned: {{date: {signed}}}\n\
         entry_into_force: {{upon: signature}}\n\
         term: {{length: {length}, renewal: {{tacit: true, length: {renewal}, notice: {renewal_notice}}}}}\n\
         termination: {{notice: {notice}, roll: following}}\n\
         obligations:\n  - {{id: o, text: O, parties: [a], article: '1', every: {every}, from: {from}, lead: {lead}}}\n\
           - {{id: p, text: P, parties: [b], article: '2', once: true, due: {due_on}}}\n\
         events:\n  - {{date: {notice_on}, type: notice_given, by: a}}\n"
    );
    let (a, _) = agreement(Path::new("fuzz.yaml"), &text, Texts::Skip);
    let Some(a) = a else { return Ok(()) };
    let within = Period::parse(&within).unwrap_or(Period::years(1));
    let _ = due(std::slice::from_ref(&a), as_of, within, &Filter::default());
    let _ = status(&a, as_of, &[]);
    let received = date(u)?;
    let questions = [
        Question::Notice { received, effective_on: None },
        Question::EndBy(date(u)?),
        Question::Earliest,
        Question::Terms,
    ];
    for q in questions {
        let _ = answer(&a, &[], q, as_of, &Options::default());
    }
    Ok(())
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let _ = match u.int_in_range(0..=2u8) {
        Ok(0) => calendar_laws(&mut u),
        Ok(1) => termination_laws(&mut u),
        _ => agreement_paths(&mut u),
    };
});
