//! The calendar export parsed back: RFC 5545 line structure, all-day events whose DTEND
//! is the next day, an alarm at the lead time, and UIDs that stay the same across runs.

use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::process::Command;

/// `accord due --format ics` on the desk fixtures, as a calendar would fetch it.
fn export(as_of: NaiveDate) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_accord"))
        .env_remove("ACCORD_DIR")
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
    let audit = evs.iter().find(|e| e["UID"].contains(".obligation.audit@")).unwrap();
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

/// A folder holding a copy of the desk's renewal agreement, for commands that write.
fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("accord-ics-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy("tests/fixtures/desk/renewal.yaml", dir.join("renewal.yaml")).unwrap();
    dir
}

fn accord(dir: &std::path::Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_accord"))
        .env_remove("ACCORD_DIR")
        .arg("--dir")
        .arg(dir)
        .args(["--as-of", "2027-02-15"])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The quarterly report's event, by UID, in the folder's calendar on 2027-02-15.
fn report_events(dir: &std::path::Path) -> BTreeMap<String, String> {
    events(&accord(dir, &["due", "--format", "ics"]))
        .into_iter()
        .filter(|e| e["UID"].contains(".quarterly-report."))
        .map(|e| (e["UID"].clone(), e["DTSTART;VALUE=DATE"].clone()))
        .collect()
}

#[test]
fn a_performance_moves_the_next_occurrence_under_its_own_uid() {
    // Quarterly from 2026-01-31; the third report was made on 2026-10-31, so the fourth
    // was due on 2027-01-31 and is overdue on 2027-02-15.
    let on_time = scratch("on-time");
    let before = report_events(&on_time);
    assert_eq!(
        before,
        BTreeMap::from([(
            "renewal-2020.obligation.quarterly-report.4@accord".into(),
            "20270131".into()
        )])
    );
    let late = scratch("late");
    accord(
        &on_time,
        &[
            "record",
            "renewal-2020",
            "performed",
            "quarterly-report",
            "--date",
            "2027-01-31",
        ],
    );
    accord(
        &late,
        &[
            "record",
            "renewal-2020",
            "performed",
            "quarterly-report",
            "--date",
            "2027-02-14",
        ],
    );
    // The fourth is done and leaves the calendar; the fifth is due three months after
    // the performance, under the same UID whichever day the fourth was made, so a
    // calendar that imported one export moves the event when it imports the other.
    let fifth = "renewal-2020.obligation.quarterly-report.5@accord".to_string();
    assert_eq!(
        report_events(&on_time),
        BTreeMap::from([(fifth.clone(), "20270430".into())])
    );
    assert_eq!(report_events(&late), BTreeMap::from([(fifth, "20270514".into())]));
    for dir in [on_time, late] {
        let _ = std::fs::remove_dir_all(dir);
    }
}
