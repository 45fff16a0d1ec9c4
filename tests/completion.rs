//! Shell completion driven as bash drives it: the script `accord completions bash`
//! prints is sourced, `COMP_WORDS` and `COMP_CWORD` are set as bash sets them on TAB,
//! and the completion function is called; `COMPREPLY` is what the user would be
//! offered. Ids and parties come from the bundled agreements.

use std::path::{Path, PathBuf};
use std::process::Command;

fn bin() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_accord"))
}

/// The registration script, written once per test run.
fn script() -> PathBuf {
    let out = Command::new(bin()).args(["completions", "bash"]).output().unwrap();
    assert!(out.status.success());
    let path = std::env::temp_dir().join(format!("accord-completion-{}.bash", std::process::id()));
    std::fs::write(&path, out.stdout).unwrap();
    path
}

/// What bash offers for the last of `words` (the word being completed, maybe empty).
fn offered(script: &Path, words: &[&str]) -> Vec<String> {
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let cword = words.len() - 1;
    let prev = if cword > 0 { words[cword - 1] } else { "" };
    let program = format!(
        "source '{}'\nCOMP_WORDS=({})\nCOMP_CWORD={cword}\nCOMP_TYPE=9\n_clap_complete_accord accord '{}' '{prev}'\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
        script.display(),
        quoted.join(" "),
        words[cword]
    );
    let path = std::env::var_os("PATH").unwrap_or_default();
    let mut dirs = vec![bin().parent().unwrap().to_path_buf()];
    dirs.extend(std::env::split_paths(&path));
    let out = Command::new("bash")
        .arg("-c")
        .arg(program)
        .env("PATH", std::env::join_paths(dirs).unwrap())
        .env("ACCORD_DIR", "agreements")
        .env_remove("COMPLETE")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut values: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    values.sort();
    values
}

#[test]
fn bash_offers_what_the_folder_and_the_options_hold() {
    if Command::new("bash").arg("--version").output().is_err() {
        eprintln!("bash is not installed: skipped");
        return;
    }
    let s = script();
    let ids = ["cis-iom-2008", "eco-iom-2009", "un-iom-2016", "unhcr-iom-1997"];
    let values = |words: &[&str]| offered(&s, words);
    // Agreement ids wherever an id is expected.
    assert_eq!(
        values(&["accord", "terminate", ""])
            .iter()
            .filter(|v| !v.starts_with('-'))
            .collect::<Vec<_>>(),
        ids
    );
    assert_eq!(
        values(&["accord", "due", "--agreement", "un"]),
        ["un-iom-2016", "unhcr-iom-1997"]
    );
    assert_eq!(values(&["accord", "show", "ec"]), ["eco-iom-2009"]);
    // Party ids.
    assert_eq!(
        values(&["accord", "due", "--party", ""]),
        ["cis", "eco", "iom", "un", "unhcr"]
    );
    assert_eq!(
        values(&["accord", "record", "eco-iom-2009", "notice", "--by", "e"]),
        ["eco"]
    );
    // The obligations and amendments of the agreement being recorded.
    let obligations = values(&["accord", "record", "unhcr-iom-1997", "performed", "senior"]);
    assert_eq!(obligations, ["senior-officials-meeting"]);
    assert_eq!(
        values(&["accord", "record", "un-iom-2016", "accepted", "un-art-8"]),
        ["un-art-8-2", "un-art-8-3"]
    );
    // Keywords.
    assert_eq!(
        values(&["accord", "due", "--format", ""]),
        ["csv", "ics", "json", "markdown", "table"]
    );
    assert_eq!(values(&["accord", "due", "--fail-on", ""]), ["due", "overdue"]);
    assert_eq!(
        values(&["accord", "terminate", "eco-iom-2009", "--roll", ""]),
        ["following", "modified-following", "preceding"]
    );
    assert!(values(&["accord", "due", "--kind", ""]).contains(&"obligation".to_string()));
    // A date or a period is offered in its form, never as a file name.
    let dates = values(&["accord", "due", "--as-of", ""]);
    assert_eq!(dates.len(), 1, "{dates:?}");
    assert!(
        chrono::NaiveDate::parse_from_str(&dates[0], "%Y-%m-%d").is_ok(),
        "{dates:?}"
    );
    assert_eq!(values(&["accord", "due", "--within", ""]), ["1y", "30d", "6m", "90d"]);
    // Commands, with the reading ones offered like the others.
    assert!(values(&["accord", "d"]).contains(&"due".to_string()));
    let _ = std::fs::remove_file(s);
}
