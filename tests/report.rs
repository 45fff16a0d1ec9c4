//! `accord report` read back by a standards-conforming HTML parser (html5ever, through
//! scraper): the page parses without a single error, has a row and a section for every
//! agreement and a line for every decision, and shows hostile text from files as text.
//! The same page in a real browser: tests/browser.rs.

use scraper::{Html, Selector};
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

const AS_OF: &str = "2026-11-22";

fn accord(dir: &str, args: &[&str]) -> (Option<i32>, String, String) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::new(env!("CARGO_BIN_EXE_accord"))
        .current_dir(root)
        .env_remove("ACCORD_DIR")
        .env("XDG_CACHE_HOME", concat!(env!("CARGO_TARGET_TMPDIR"), "/cache-home"))
        .env_remove("COLUMNS")
        .args(["--dir", dir, "--as-of", AS_OF])
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

/// Parses the page, failing on any parse error.
fn parse(html: &str) -> Html {
    let doc = Html::parse_document(html);
    assert!(
        doc.errors.is_empty(),
        "the page has HTML parse errors: {:?}",
        doc.errors
    );
    assert!(html.starts_with("<!DOCTYPE html>"));
    doc
}

fn attrs(doc: &Html, selector: &str, attr: &str) -> BTreeSet<String> {
    doc.select(&sel(selector))
        .filter_map(|e| e.value().attr(attr).map(str::to_string))
        .collect()
}

fn ids(dir: &str) -> BTreeSet<String> {
    let (_, json, _) = accord(dir, &["list", "--format", "json"]);
    let list: serde_json::Value = serde_json::from_str(&json).unwrap();
    list.as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_string())
        .collect()
}

/// The decisions `due` knows of: approvals, other steps to entry into force, amendments
/// and changes to a draft awaited, and the last day for notice of non-renewal, as
/// (agreement, date or "").
fn due_decisions(dir: &str) -> Vec<(String, String)> {
    let (_, json, _) = accord(dir, &["due", "--format", "json"]);
    let items: serde_json::Value = serde_json::from_str(&json).unwrap();
    items
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| {
            matches!(
                i["kind"].as_str(),
                Some("approval" | "step" | "amendment" | "draft_change")
            ) || i["id"] == "non-renewal-notice"
        })
        .map(|i| {
            let date = i["date"].as_str().unwrap_or("").to_string();
            (i["agreement"].as_str().unwrap().to_string(), date)
        })
        .collect()
}

fn page_decisions(doc: &Html) -> Vec<(String, String)> {
    doc.select(&sel("#decisions tbody tr"))
        .map(|tr| {
            let date: String = tr.select(&sel("td")).next().unwrap().text().collect();
            let date = if date == "–" { String::new() } else { date };
            (tr.value().attr("data-agreement").unwrap().to_string(), date)
        })
        .collect()
}

/// "in 23 days", "236 days ago", "today": the number of days, signed as `due` gives it.
fn days_in_words(text: &str) -> Option<i64> {
    match text {
        "" => None,
        "today" => Some(0),
        "tomorrow" => Some(1),
        "yesterday" => Some(-1),
        t => {
            let n: i64 = t.split(' ').find_map(|w| w.parse().ok()).unwrap();
            Some(if t.ends_with("ago") { -n } else { n })
        }
    }
}

/// The dates on the page are the engines' own, not recomputed: the due table is `due
/// --format json`, row for row in the same order (date, days, status, agreement, article),
/// and each agreement's earliest end for notice received on the as-of date is
/// `terminate --format json`'s (both the last day in force and the day termination takes
/// effect), in the agreement's section.
fn check_engines(dir: &str, doc: &Html) {
    let (_, json, _) = accord(dir, &["due", "--format", "json"]);
    let items: serde_json::Value = serde_json::from_str(&json).unwrap();
    let expected: Vec<(String, Option<i64>, String, String, String)> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            let s = |k: &str| i[k].as_str().unwrap_or("").to_string();
            let date = i["date"].as_str().unwrap_or("–").to_string();
            (date, i["days"].as_i64(), s("status"), s("agreement"), s("article"))
        })
        .collect();
    let shown: Vec<(String, Option<i64>, String, String, String)> = doc
        .select(&sel("#due tbody tr"))
        .map(|tr| {
            let cells: Vec<String> = tr.select(&sel("td")).map(|td| td.text().collect()).collect();
            (
                cells[0].clone(),
                days_in_words(&cells[1]),
                cells[2].clone(),
                cells[3].clone(),
                cells[6].clone(),
            )
        })
        .collect();
    assert!(!expected.is_empty(), "{dir}: nothing due");
    // The summary's figures: overdue, the next 90 days, the agreements by status (as
    // `list --format json` gives them).
    let figures: String = doc.select(&sel("#summary p.figures")).flat_map(|e| e.text()).collect();
    let overdue = expected.iter().filter(|e| e.2 == "overdue").count();
    let soon = expected
        .iter()
        .filter(|e| e.2 != "overdue" && e.1.is_some_and(|d| (0..=90).contains(&d)))
        .count();
    assert!(
        figures.starts_with(&format!("{overdue} overdue · {soon} in the next 90 days")),
        "{dir}: {figures}"
    );
    let (_, json, _) = accord(dir, &["list", "--format", "json"]);
    let list: serde_json::Value = serde_json::from_str(&json).unwrap();
    let mut by_status = std::collections::BTreeMap::<String, u64>::new();
    for a in list.as_array().unwrap() {
        *by_status.entry(a["status"].as_str().unwrap().to_string()).or_default() += 1;
    }
    let counts: std::collections::BTreeMap<String, u64> = doc
        .select(&sel("#summary li.count"))
        .map(|li| {
            let n: String = li.select(&sel(".n")).flat_map(|e| e.text()).collect();
            let label: String = li.text().collect::<String>()[n.len()..].trim().to_lowercase();
            (label.replace(' ', "_"), n.parse().unwrap())
        })
        .collect();
    assert_eq!(counts, by_status, "{dir}: agreements by status");
    assert_eq!(shown, expected, "{dir}: the due table is not `due`'s");
    let mut compared = 0;
    for id in ids(dir) {
        let (code, json, _) = accord(dir, &["terminate", &id, "--format", "json"]);
        if code != Some(0) {
            continue; // not in force, or a party must be named: nothing to terminate
        }
        let answer: serde_json::Value = serde_json::from_str(&json).unwrap();
        let today = &answer["end_if_notice_today"];
        if today.is_null() {
            continue;
        }
        let section: String = doc
            .select(&sel(&format!("article#a-{id}")))
            .flat_map(|e| e.text())
            .collect();
        let (notice, last, takes) = (
            today["notice_date"].as_str().unwrap(),
            today["last_day_in_force"].as_str().unwrap(),
            today["takes_effect_on"].as_str().unwrap(),
        );
        assert_eq!(notice, AS_OF);
        let earliest =
            format!("in force up to and including {last}, its last day; termination takes effect on {takes}");
        let expiry = format!("last day in force {last}; no longer binding from {takes}");
        assert!(
            section.contains(&earliest) || section.contains(&expiry),
            "{dir}/{id}: terminate gives {last} / {takes}; the section says {section}"
        );
        compared += 1;
    }
    assert!(compared > 0, "{dir}: no agreement to compare with terminate");
}

/// Nothing on the page makes a request: no element that loads anything, no link out of
/// the page, no font, no import; the style's only `url()`s are the page's own patterns,
/// and the script neither fetches nor loads.
fn check_self_contained(html: &str, doc: &Html) {
    assert_eq!(
        doc.select(&sel("link, img, iframe, frame, object, embed, video, audio, source, base, [src], [srcset], [background], meta[http-equiv]"))
            .count(),
        0,
        "no element that loads anything"
    );
    for e in doc.select(&sel("[href], [action], [xlink\\:href], [formaction]")) {
        for attr in ["href", "action", "xlink:href", "formaction"] {
            if let Some(v) = e.value().attr(attr) {
                assert!(v.starts_with('#'), "a link out of the page: {}", e.html());
            }
        }
    }
    let style: String = doc.select(&sel("style")).flat_map(|e| e.text()).collect();
    assert!(!style.is_empty());
    for bad in ["@import", "@font-face", "image-set(", "//"] {
        assert!(!style.contains(bad), "the style has {bad}");
    }
    for (at, _) in style.match_indices("url(") {
        assert!(
            style[at..].starts_with("url(#"),
            "the style loads {}",
            &style[at..at + 40]
        );
    }
    let script: String = doc.select(&sel("script")).flat_map(|e| e.text()).collect();
    for bad in [
        "fetch(",
        "XMLHttpRequest",
        "import(",
        "WebSocket",
        "EventSource",
        "sendBeacon",
        ".src",
        "http",
    ] {
        assert!(!script.contains(bad), "the script has {bad}");
    }
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "an address on the page"
    );
}

/// The page is complete before any script runs: the parser, which runs none, already
/// found every row, section and decision (`check_folder`); here, that nothing but the
/// filter form (which only the script can work) starts hidden, and that the sort
/// buttons are the script's, not the page's.
fn check_without_script(doc: &Html) {
    let hidden: Vec<String> = doc
        .select(&sel("[hidden], [style*='display'], [style*='visibility']"))
        .map(|e| e.value().attr("id").unwrap_or("?").to_string())
        .collect();
    assert_eq!(hidden, ["filter"], "hidden until a script shows it");
    assert_eq!(doc.select(&sel("button")).count(), 0, "buttons that need the script");
}

fn check_folder(dir: &str) -> Html {
    let (code, html, stderr) = accord(dir, &["report"]);
    assert_eq!(code, Some(0), "{stderr}");
    let doc = parse(&html);
    let ids = ids(dir);
    assert_eq!(
        attrs(&doc, "li.tl-row", "data-agreement"),
        ids,
        "a timeline row per agreement"
    );
    assert_eq!(
        attrs(&doc, "article.agreement", "data-agreement"),
        ids,
        "a section per agreement"
    );
    for id in &ids {
        let anchor = format!("a-{id}");
        assert_eq!(doc.select(&sel(&format!("article#{anchor}"))).count(), 1);
        assert!(doc.select(&sel(&format!("a[href='#{anchor}']"))).next().is_some());
    }
    let mut shown = page_decisions(&doc);
    for d in due_decisions(dir) {
        let at = shown
            .iter()
            .position(|s| *s == d)
            .unwrap_or_else(|| panic!("decision {d:?} missing from {shown:?}"));
        shown.remove(at);
    }
    // Every bar and mark of the timeline carries its date and explanation.
    for e in doc.select(&sel("svg.tl-bar rect, svg.tl-bar circle")) {
        let title: String = e.select(&sel("title")).flat_map(|t| t.text()).collect();
        assert!(title.len() > 12, "a mark without a tooltip: {}", e.html());
    }
    check_engines(dir, &doc);
    check_self_contained(&html, &doc);
    check_without_script(&doc);
    doc
}

#[test]
fn the_bundled_folder() {
    let doc = check_folder("agreements");
    let text: String = doc.root_element().text().collect();
    assert!(text.contains("Agreements: where they stand on 22 November 2026"));
    // The draft un-iom-2016 awaits two approvals and three changes to its text.
    assert_eq!(page_decisions(&doc).iter().filter(|d| d.0 == "un-iom-2016").count(), 5);
    assert!(text.contains("Changes to the draft, as of 2026-11-22"), "{text}");
    assert_eq!(doc.select(&sel("script")).count(), 1);
}

#[test]
fn the_desk_folder_with_every_kind_of_decision() {
    let doc = check_folder("tests/fixtures/desk");
    let dated: Vec<(String, String)> = page_decisions(&doc).into_iter().filter(|d| !d.1.is_empty()).collect();
    let expected = [
        ("minimum-term", "2026-12-30"),
        ("renewal-2020", "2026-12-30"),
        ("calendar-year", "2027-06-30"),
    ];
    assert_eq!(dated.len(), expected.len(), "{dated:?}");
    for ((a, d), (ea, ed)) in dated.iter().zip(expected) {
        assert_eq!((a.as_str(), d.as_str()), (ea, ed));
    }
    let superseded = doc
        .select(&sel("li.tl-row[data-agreement=old-cooperation] rect.s.superseded"))
        .count();
    let terminated = doc
        .select(&sel("li.tl-row[data-agreement=terminated] rect.s.terminated"))
        .count();
    assert_eq!((superseded, terminated), (1, 1));
    // Both end dates of a terminating agreement, and of a fixed term.
    let text: String = doc.root_element().text().collect();
    assert!(
        text.contains("In force from 2014-10-01 to 2027-01-31, its last day; termination takes effect on 2027-02-01"),
        "{text}"
    );
    assert!(text.contains("fixed term expires (last day in force 2027-02-27; no longer binding from 2027-02-28)"));
}

#[test]
fn the_treaties_folder_with_participation_and_provisional_application() {
    let doc = check_folder("tests/fixtures/treaties");
    let section = |id: &str| -> String {
        doc.select(&sel(&format!("article#a-{id}")))
            .flat_map(|e| e.text())
            .collect()
    };
    let climate = section("climate-withdrawal");
    assert!(
        climate.contains("USA: withdrawn: notice of withdrawal received 2019-11-04; last day bound 2020-11-03, the withdrawal takes effect on 2020-11-04"),
        "{climate}"
    );
    assert!(section("provisional").contains("Applied provisionally since 2024-03-15; not in force"));
    assert_eq!(
        doc.select(&sel("li.tl-row[data-agreement=provisional] rect.s.provisional"))
            .count(),
        1
    );
}

#[test]
fn hostile_text_is_shown_as_text() {
    let (code, html, stderr) = accord("tests/fixtures/markup", &["report"]);
    assert_eq!(code, Some(0), "{stderr}");
    let doc = parse(&html);
    check_self_contained(&html, &doc);
    assert_eq!(doc.select(&sel("script")).count(), 1, "only the page's own script");
    assert_eq!(
        doc.select(&sel("b, i, em, img, textarea")).count(),
        0,
        "markup from the file became elements"
    );
    assert!(doc.select(&sel("svg[onload], [onerror], [onload]")).next().is_none());
    let text: String = doc.root_element().text().collect();
    for shown in [
        "<script>alert(\"title\")</script> & 'Co' \"quoted\"",
        "Short <b>bold</b> & <img src=x onerror=alert(1)>",
        "Evil <script>alert('party')</script> & \"Sons\"",
        "<i>E&amp;S</i>",
        "Good & Fair \"Partners\"",
        "<script>alert('place')</script>",
        "Art. 2 & <script>alert('article')</script>",
        "Report \"quarterly\" on <em>all</em> & everything",
        "Art. 3 \"quoted\" <script>alert(3)</script>",
        "</title><script>alert('note')</script>",
        "Term & renewal <svg onload=alert(2)>",
        "<script>alert('summary')</script> & \"more\"",
    ] {
        assert!(text.contains(shown), "not shown as text: {shown}");
    }
    // The tooltips of the timeline hold the same text, as text.
    let tips: String = doc.select(&sel("svg.tl-bar title")).flat_map(|t| t.text()).collect();
    assert!(tips.contains("</title><script>alert('note')</script>"), "{tips}");
}

#[test]
fn out_writes_the_file_and_filters_like_due() {
    let dir = std::env::temp_dir().join(format!("accord-report-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("report.html");
    let file_arg = file.to_str().unwrap();
    let (code, stdout, stderr) = accord(
        "tests/fixtures/desk",
        &["report", "--out", file_arg, "--party", "beta", "--within", "6 months"],
    );
    assert_eq!((code, stdout.as_str()), (Some(0), ""), "{stderr}");
    let html = std::fs::read_to_string(&file).unwrap();
    let doc = parse(&html);
    let shown = attrs(&doc, "article.agreement", "data-agreement");
    assert!(
        shown.contains("renewal-2020") && !shown.contains("minimum-term"),
        "{shown:?}"
    );
    assert!(html.contains("Only party: beta."));
    assert!(html.contains("listed to 2027-05-22 (6 months ahead)"));
    let (code, _, stderr) = accord("tests/fixtures/desk", &["report", "--party", "zeta"]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("no party `zeta` in any agreement"), "{stderr}");
    let (code, _, stderr) = accord("tests/fixtures/desk", &["report", "--agreement", "renewal-2002"]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("did you mean `renewal-2020`"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[cfg(unix)]
#[test]
fn out_replaces_a_file_whole_keeping_its_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = std::env::temp_dir().join(format!("accord-report-replace-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("report.html");
    std::fs::write(&file, "an older page, longer than nothing ".repeat(10_000)).unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
    let (code, stdout, stderr) = accord("agreements", &["report", "--out", file.to_str().unwrap()]);
    assert_eq!((code, stdout.as_str()), (Some(0), ""), "{stderr}");
    let html = std::fs::read_to_string(&file).unwrap();
    parse(&html);
    assert!(!html.contains("an older page"));
    assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o640);
    // No temporary file is left beside it.
    let names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["report.html"]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn broken_files_are_listed_on_the_page_and_fail_the_run() {
    let (code, html, stderr) = accord("tests/fixtures/broken", &["report"]);
    assert_eq!(code, Some(1));
    assert!(stderr.contains("skipped"), "{stderr}");
    let doc = parse(&html);
    let problems = doc.select(&sel(".problems li")).count();
    assert!(problems >= 20, "{problems} problems listed");
    let text: String = doc.select(&sel(".problems")).flat_map(|e| e.text()).collect();
    assert!(text.contains("tests/fixtures/broken/invalid-date.yaml:8:9"), "{text}");
}

#[test]
fn the_parser_reports_what_it_would_reject() {
    // The well-formedness checks above mean something: stray end tags, a missing doctype
    // and unclosed elements are all reported.
    for bad in [
        "<!DOCTYPE html><p></div>",
        "<html><body></body></html>",
        "<!DOCTYPE html><table><tr><td>x</table></p>",
    ] {
        assert!(!Html::parse_document(bad).errors.is_empty(), "{bad}");
    }
}

#[cfg(unix)]
#[test]
fn out_writes_a_device_in_place_and_refuses_a_folder() {
    use std::os::unix::fs::FileTypeExt;
    let dir = std::env::temp_dir().join(format!("accord-report-dir-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (code, _, stderr) = accord("tests/fixtures/desk", &["report", "--out", "/dev/null"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(std::fs::metadata("/dev/null").unwrap().file_type().is_char_device());
    let (code, _, stderr) = accord("tests/fixtures/desk", &["report", "--out", dir.to_str().unwrap()]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains(dir.to_str().unwrap()), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}
