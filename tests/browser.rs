//! `accord report` in a real browser: Debian's headless Chromium opens the page for the
//! bundled agreements and for a generated folder of 1,000, at 1280 and 390 pixels wide.
//! The page is opened unchanged in a frame of that width, beside a probe script that lays
//! out everything (even what `content-visibility` would skip), measures it and writes its
//! findings into the DOM, which Chromium dumps: every agreement has its timeline row,
//! every decision its line, and nothing is wider than the window, with the page's script
//! and without it (a sandboxed frame runs none). Printed to PDF, each agreement starts a
//! page. Screenshots go to `target/tmp/report-screenshots`.
//!
//! Needs `chromium` (or `ACCORD_CHROMIUM=/path/to/chrome`): `.ci/run` installs it. Without
//! it the test fails under CI (`CI` set) and is skipped, saying so, on a developer's
//! machine.

#[path = "../examples/gen-agreements.rs"]
#[allow(dead_code)]
mod gen;

use scraper::{Html, Selector};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const AS_OF: &str = "2026-11-22";
/// Each width the page is opened at, with its script running or not (the page must be
/// complete without it: a frame sandboxed without `allow-scripts` runs none of it).
const RUNS: [(u32, bool); 3] = [(1280, true), (390, true), (1280, false)];

/// The page the browser opens: the report, unchanged, in a frame WIDTH pixels wide (a
/// headless window is at least 500 pixels wide; a frame can be narrower, and the
/// report's media queries follow the frame), and a probe that lays out everything in it
/// (even what `content-visibility` would skip), measures, and writes what it found into
/// this page, which Chromium dumps.
const WRAPPER: &str = r##"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>probe</title>
<style>body{margin:0}iframe{display:block;border:0;width:WIDTHpx;height:2000px}</style></head>
<body><iframe id="page" src="SRC"SANDBOX></iframe>
<script>
window.addEventListener("load", function () {
  var out = document.createElement("pre");
  out.id = "accord-probe";
  document.body.appendChild(out);
  var doc = document.getElementById("page").contentDocument;
  var opened = doc.defaultView.performance.now();
  var s = doc.createElement("style");
  s.textContent = "*{content-visibility:visible!important}";
  doc.head.appendChild(s);
  var vw = doc.documentElement.clientWidth;
  var wide = [];
  var all = doc.body.getElementsByTagName("*");
  for (var i = 0; i < all.length; i++) {
    var r = all[i].getBoundingClientRect();
    if ((r.width > 0 || r.height > 0) && (r.right > vw + 0.5 || r.left < -0.5) && wide.length < 20) {
      wide.push(all[i].tagName + "." + all[i].getAttribute("class") + " " + Math.round(r.left) + ".." + Math.round(r.right));
    }
  }
  var rows = [], flat = [];
  doc.querySelectorAll("li.tl-row").forEach(function (li) {
    var bar = li.querySelector("svg.tl-bar").getBoundingClientRect();
    rows.push(li.getAttribute("data-agreement"));
    if (li.getBoundingClientRect().height < 10 || bar.width < 100 || bar.height < 20) flat.push(li.getAttribute("data-agreement"));
  });
  var sections = [];
  doc.querySelectorAll("article.agreement").forEach(function (a) {
    if (a.getBoundingClientRect().height > 0) sections.push(a.getAttribute("data-agreement"));
  });
  var due_shown = 0, due_all = doc.querySelectorAll("#due tbody tr");
  due_all.forEach(function (tr) { if (tr.getBoundingClientRect().height > 0) due_shown++; });
  var decisions = [];
  doc.querySelectorAll("#decisions tbody tr").forEach(function (tr) {
    if (tr.getBoundingClientRect().height > 0) {
      decisions.push(tr.getAttribute("data-agreement") + "|" + tr.getAttribute("data-kind") + "|" + tr.cells[0].textContent);
    }
  });
  var common = {
    opened_ms: opened, width: vw, scroll_width: doc.documentElement.scrollWidth,
    wide: wide, rows: rows, flat: flat, decisions: decisions, sections: sections,
    due: [due_shown, due_all.length], form: !doc.getElementById("filter").hidden,
    buttons: doc.querySelectorAll("button").length
  };
  if (!SCRIPTED) { out.textContent = JSON.stringify(common); return; }
  // The script's filter: the first agreement's id leaves its row and section alone.
  var visible = function (sel) {
    return Array.prototype.filter.call(doc.querySelectorAll(sel), function (e) { return e.getClientRects().length > 0; }).length;
  };
  var text = doc.getElementById("filter-text");
  var filter = {};
  text.value = rows[0];
  text.dispatchEvent(new Event("input"));
  filter.rows = visible("li.tl-row");
  filter.sections = visible("article.agreement");
  filter.due_rows = visible("#due tbody tr");
  text.value = "";
  text.dispatchEvent(new Event("input"));
  filter.rows_after = visible("li.tl-row");
  // The script's sorting: the first group of the due table, by date, both ways.
  var group = doc.querySelector("#due .group.sortable");
  var first = function () { return group.querySelector("tbody tr td").textContent; };
  var last = function () { var b = group.querySelectorAll("tbody"); var r = b[b.length - 1].rows; return r[r.length - 1].cells[0].textContent; };
  var button = group.querySelector("thead button");
  button.click();
  var up = [first(), last()];
  button.click();
  var down = [first(), last()];
  common.filter = filter;
  common.sorted_up = up;
  common.sorted_down = down;
  out.textContent = JSON.stringify(common);
});
</script></body></html>
"##;

fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("ACCORD_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|d| ["chromium", "chromium-browser"].map(|n| d.join(n)))
        .find(|p| p.is_file())
}

/// Runs Chromium headless on `page` at `width` with `extra` arguments; its stdout.
fn browse(browser: &Path, page: &Path, width: u32, extra: &[&str], scratch: &Path) -> Vec<u8> {
    let profile = scratch.join(format!("profile-{width}-{}", extra.len()));
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
            "--mute-audio",
            // The probe reads the framed page, another file.
            "--allow-file-access-from-files",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--window-size={width},2000"))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", browser.display()));
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut stdout, &mut buf).map(|_| buf)
    });
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(180) {
            let _ = child.kill();
            panic!("chromium did not finish with {} in 180 s", page.display());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    reader.join().unwrap().unwrap()
}

fn report(dir: &Path, out: &Path) -> String {
    let run = Command::new(env!("CARGO_BIN_EXE_accord"))
        .env_remove("ACCORD_DIR")
        .env("XDG_CACHE_HOME", concat!(env!("CARGO_TARGET_TMPDIR"), "/cache-home"))
        .arg("--dir")
        .arg(dir)
        .args(["--as-of", AS_OF, "report", "--out"])
        .arg(out)
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    std::fs::read_to_string(out).unwrap()
}

fn ids(dir: &Path) -> Vec<String> {
    let run = Command::new(env!("CARGO_BIN_EXE_accord"))
        .env("XDG_CACHE_HOME", concat!(env!("CARGO_TARGET_TMPDIR"), "/cache-home"))
        .arg("--dir")
        .arg(dir)
        .args(["--as-of", AS_OF, "list", "--format", "json"])
        .output()
        .unwrap();
    let list: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    let mut ids: Vec<String> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_string())
        .collect();
    ids.sort();
    ids
}

/// The decisions the page itself holds, as the probe writes them.
fn decisions(html: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    let mut out: Vec<String> = doc
        .select(&Selector::parse("#decisions tbody tr").unwrap())
        .map(|tr| {
            let first: String = tr
                .select(&Selector::parse("td").unwrap())
                .next()
                .unwrap()
                .text()
                .collect();
            let attr = |a| tr.value().attr(a).unwrap();
            format!("{}|{}|{first}", attr("data-agreement"), attr("data-kind"))
        })
        .collect();
    out.sort();
    out
}

/// What the probe found when the script ran: its filter keeps one agreement's row and
/// section, and clearing it brings every row back; its sorting turns a group of the due
/// table both ways.
fn check_script(name: &str, found: &serde_json::Value, agreements: usize) {
    let filter = &found["filter"];
    assert_eq!(
        (filter["rows"].as_u64(), filter["sections"].as_u64()),
        (Some(1), Some(1)),
        "{name}: filter {filter}"
    );
    assert!(
        filter["due_rows"].as_u64() < Some(agreements as u64 * 20),
        "{name}: filter {filter}"
    );
    assert_eq!(
        filter["rows_after"].as_u64(),
        Some(agreements as u64),
        "{name}: filter cleared"
    );
    let (up, down) = (&found["sorted_up"], &found["sorted_down"]);
    assert!(
        up[0].as_str() <= up[1].as_str() && down[0].as_str() >= down[1].as_str(),
        "{name}: sorting {up} {down}"
    );
    assert_eq!(
        (up[0].as_str(), up[1].as_str()),
        (down[1].as_str(), down[0].as_str()),
        "{name}: sorting {up} {down}"
    );
}

fn check(browser: &Path, name: &str, dir: &Path, scratch: &Path, shots: &Path) -> usize {
    let page = scratch.join(format!("{name}.html"));
    let html = report(dir, &page);
    let expected_rows = ids(dir);
    let expected_decisions = decisions(&html);
    for (width, scripted) in RUNS {
        let run = if scripted {
            width.to_string()
        } else {
            format!("{width}-noscript")
        };
        let probed = scratch.join(format!("{name}-{run}.html"));
        let src = page.file_name().unwrap().to_str().unwrap();
        std::fs::write(
            &probed,
            WRAPPER
                .replace("WIDTH", &width.to_string())
                .replace("SRC", src)
                .replace("SANDBOX", if scripted { "" } else { " sandbox=\"allow-same-origin\"" })
                .replace("SCRIPTED", if scripted { "true" } else { "false" }),
        )
        .unwrap();
        let dom = String::from_utf8(browse(browser, &probed, width.max(500), &["--dump-dom"], scratch)).unwrap();
        let doc = Html::parse_document(&dom);
        let probe: String = doc
            .select(&Selector::parse("pre#accord-probe").unwrap())
            .next()
            .unwrap_or_else(|| panic!("{name} at {run} px: the probe did not run"))
            .text()
            .collect();
        let found: serde_json::Value = serde_json::from_str(&probe).unwrap();
        let list = |k: &str| -> Vec<String> {
            let mut v: Vec<String> = found[k]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_str().unwrap().to_string())
                .collect();
            v.sort();
            v
        };
        assert_eq!(list("rows"), expected_rows, "{name} at {run} px: timeline rows");
        assert_eq!(list("flat"), Vec::<String>::new(), "{name} at {run} px: rows not drawn");
        assert_eq!(list("sections"), expected_rows, "{name} at {run} px: sections shown");
        assert_eq!(list("decisions"), expected_decisions, "{name} at {run} px: decisions");
        let due = (found["due"][0].as_u64(), found["due"][1].as_u64());
        assert!(
            due.0 == due.1 && due.1 > Some(0),
            "{name} at {run} px: due rows shown {due:?}"
        );
        assert_eq!(found["width"].as_u64(), Some(u64::from(width)), "{name}: window width");
        // The filter form and the sort buttons are the script's: without it they are not
        // there, and everything else is.
        assert_eq!(found["form"], scripted, "{name} at {run} px: the filter form");
        assert_eq!(
            found["buttons"].as_u64() > Some(0),
            scripted,
            "{name} at {run} px: sort buttons"
        );
        if scripted {
            check_script(name, &found, expected_rows.len());
        }
        assert_eq!(
            list("wide"),
            Vec::<String>::new(),
            "{name} at {run} px: wider than the window"
        );
        assert!(
            found["scroll_width"].as_u64() <= found["width"].as_u64(),
            "{name} at {run} px: scrolls sideways ({found})"
        );
        eprintln!(
            "{name} at {run} px: {} rows, {} decisions, load event after {:.0} ms",
            expected_rows.len(),
            expected_decisions.len(),
            found["opened_ms"].as_f64().unwrap_or(0.0)
        );
        let shot = shots.join(format!("{name}-{run}.png"));
        let _ = std::fs::remove_file(&shot);
        // A window narrower than 500 pixels is laid out at 500 and cut: the frame at its
        // left is exactly `width` wide, so the cut shows it whole.
        browse(
            browser,
            &probed,
            width,
            &[&format!("--screenshot={}", shot.display())],
            scratch,
        );
        let png = std::fs::read(&shot).unwrap_or_else(|e| panic!("no screenshot {}: {e}", shot.display()));
        assert!(png.starts_with(b"\x89PNG") && png.len() > 10_000, "{}", shot.display());
    }
    expected_decisions.len()
}

/// The page printed to PDF by Chromium: its number of pages. The print style starts each
/// agreement's section on a page of its own, so there are at least as many pages as
/// agreements, plus the summary's.
fn printed_pages(browser: &Path, page: &Path, scratch: &Path) -> usize {
    let pdf = scratch.join("printed.pdf");
    let _ = std::fs::remove_file(&pdf);
    browse(
        browser,
        page,
        1280,
        &["--no-pdf-header-footer", &format!("--print-to-pdf={}", pdf.display())],
        scratch,
    );
    let bytes = std::fs::read(&pdf).unwrap_or_else(|e| panic!("no PDF {}: {e}", pdf.display()));
    assert!(bytes.starts_with(b"%PDF"), "{}", pdf.display());
    // Each page object is `/Type /Page` (the tree's nodes are `/Type /Pages`).
    let needle = b"/Type /Page";
    (0..bytes.len().saturating_sub(needle.len()))
        .filter(|&i| bytes[i..].starts_with(needle) && !bytes[i + needle.len()].is_ascii_alphanumeric())
        .count()
}

#[test]
fn the_report_in_chromium_at_1280_and_390_pixels() {
    let Some(browser) = chromium() else {
        if std::env::var_os("CI").is_some_and(|v| !v.is_empty()) {
            panic!("chromium is not installed: the browser test cannot run (.ci/run installs Debian's `chromium`)");
        }
        eprintln!(
            "SKIPPED: no `chromium` on PATH (apt-get install chromium, or set ACCORD_CHROMIUM); CI runs this test"
        );
        return;
    };
    let scratch = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("browser-{}", std::process::id()));
    let shots = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("report-screenshots");
    std::fs::create_dir_all(&scratch).unwrap();
    std::fs::create_dir_all(&shots).unwrap();
    let bundled = Path::new(env!("CARGO_MANIFEST_DIR")).join("agreements");
    assert!(check(&browser, "bundled", &bundled, &scratch, &shots) >= 5);
    let desk = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/desk");
    let page = scratch.join("desk.html");
    report(&desk, &page);
    let agreements = ids(&desk).len();
    let pages = printed_pages(&browser, &page, &scratch);
    assert!(
        pages > agreements,
        "printed on {pages} pages for {agreements} agreements"
    );
    let generated = scratch.join("gen-1000");
    gen::write_folder(1000, &generated, 42, 0).unwrap();
    // Every decision of the page is found in the browser above; here, that there are
    // hundreds (approvals, amendments, notice of non-renewal of the bilateral ones).
    assert!(check(&browser, "generated-1000", &generated, &scratch, &shots) > 400);
    let _ = std::fs::remove_dir_all(&scratch);
}
