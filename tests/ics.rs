//! The calendar export parsed back: RFC 5545 line structure, all-day events whose DTEND
//! is the next day, an alarm at the lead time, and UIDs that stay the same across runs.

use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::process::Command;

/// `accord due --format ics` on the desk fixtures, as a calendar would fetch it.
fn export(as_of: NaiveDate) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_accord"))
        .env_remove("ACCORD_DIR")
        .env("XDG_CACHE_HOME", concat!(env!("CARGO_TARGET_TMPDIR"), "/cache-home"))
        .args(["--dir", "tests/fixtures/desk", "--as-of", &as_of.to_string()])
        .args(["due", "--format", "ics"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// Unfolds content lines and returns each VEVENT as property → value.
fn events(ics: &str) -> Vec<BTreeMap<String, String>> {
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "line longer than 75 octets: {line}");
        assert!(!line.contains('\n'), "bare LF in {line:?}");
    }
    let unfolded = ics.replace("\r\n ", "");
    let mut out = Vec::new();
    let mut cur: Option<BTreeMap<String, String>> = None;
    let mut in_alarm = false;
    for line in unfolded.split("\r\n").filter(|l| !l.is_empty()) {
        let (name, value) = line.split_once(':').expect("NAME:VALUE");
        match (name, value) {
            ("BEGIN", "VEVENT") => cur = Some(BTreeMap::new()),
            ("END", "VEVENT") => out.push(cur.take().unwrap()),
            ("BEGIN", "VALARM") => in_alarm = true,
            ("END", "VALARM") => in_alarm = false,
            _ => {
                if let Some(ev) = cur.as_mut() {
                    let key = if in_alarm {
                        format!("VALARM.{name}")
                    } else {
                        name.to_string()
                    };
                    ev.insert(key, value.to_string());
                }
            }
        }
    }
    out
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y%m%d").unwrap()
}

#[test]
fn events_are_all_day_with_exclusive_end_and_an_alarm() {
    let evs = events(&export(NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()));
    assert!(evs.len() >= 5, "{evs:?}");
    for ev in &evs {
        let start = day(&ev["DTSTART;VALUE=DATE"]);
        let end = day(&ev["DTEND;VALUE=DATE"]);
        assert_eq!(end, start.succ_opt().unwrap(), "{ev:?}");
        assert!(ev["VALARM.TRIGGER"].starts_with("-P"), "{ev:?}");
        assert!(ev["UID"].ends_with("@accord"));
    }
    let audit = evs.iter().find(|e| e["UID"].contains(".audit.")).unwrap();
    assert_eq!(audit["DTSTART;VALUE=DATE"], "20261215");
    assert_eq!(audit["VALARM.TRIGGER"], "-P30D");
    let report = evs.iter().find(|e| e["UID"].contains(".quarterly-report.")).unwrap();
    assert_eq!(report["VALARM.TRIGGER"], "-P14D");
}

#[test]
fn uids_are_unique_and_stable_across_runs() {
    let first = events(&export(NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()));
    let later = events(&export(NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()));
    let uid_by_date = |evs: &[BTreeMap<String, String>]| -> BTreeMap<String, String> {
        evs.iter()
            .map(|e| (e["UID"].clone(), e["DTSTART;VALUE=DATE"].clone()))
            .collect()
    };
    let a = uid_by_date(&first);
    let b = uid_by_date(&later);
    assert_eq!(a.len(), first.len(), "duplicate UIDs");
    // The same occurrences, exported a week later, keep their UIDs.
    let common: Vec<_> = a.keys().filter(|k| b.contains_key(*k)).collect();
    assert!(common.len() >= 4, "{a:?} vs {b:?}");
    for uid in common {
        assert_eq!(a[uid], b[uid]);
    }
}
