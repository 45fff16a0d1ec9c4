//! The CI report formats checked as the systems that read them would: `accord check
//! --format sarif` and `--format gitlab` on every broken fixture, validated against the
//! published schemas kept in tests/schemas/ (its README gives their sources), and what a
//! schema cannot state: every check is a rule, every result names its rule and a file
//! that exists, and fingerprints are unique and survive moved lines.

use accord::diagnostic::Code;
use serde_json::Value;
use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::process::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Runs accord in `dir`; its exit code and its standard output as JSON.
fn accord(dir: &Path, args: &[&str]) -> (Option<i32>, Value) {
    let out = Command::new(env!("CARGO_BIN_EXE_accord"))
        .current_dir(dir)
        .env_remove("ACCORD_DIR")
        .args(args)
        .output()
        .unwrap();
    let json = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{args:?}: not JSON ({e})\n{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code(), json)
}

fn validator(schema: &str) -> jsonschema::Validator {
    let text = std::fs::read_to_string(Path::new(ROOT).join("tests/schemas").join(schema)).unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap()
}

fn assert_valid(v: &jsonschema::Validator, instance: &Value, what: &str) {
    let errors: Vec<String> = v
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{what} is not valid:\n{}", errors.join("\n"));
}

/// The codes the broken fixtures are named after, and the file of each.
fn fixture_codes() -> Vec<(Code, String)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(Path::new(ROOT).join("tests/fixtures/broken")).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if let Some(code) = name.strip_suffix(".yaml").and_then(Code::parse) {
            out.push((code, format!("tests/fixtures/broken/{name}")));
        }
    }
    assert!(out.len() > 25, "the broken fixtures were not found");
    out
}

const BROKEN: [&str; 2] = ["tests/fixtures/broken", "tests/fixtures/folder-checks"];

#[test]
fn sarif_of_every_broken_fixture_is_valid_sarif_2_1_0() {
    let (status, log) = accord(Path::new(ROOT), &["check", BROKEN[0], BROKEN[1], "--format", "sarif"]);
    assert_eq!(status, Some(1));
    let schema = validator("sarif-schema-2.1.0.json");
    assert_valid(&schema, &log, "the SARIF log");

    let runs = log["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1, "one run");
    let rules = runs[0]["tool"]["driver"]["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let names: Vec<&str> = Code::ALL.iter().map(|c| c.name()).collect();
    assert_eq!(ids, names, "a rule for every check, in documentation order");
    for (rule, code) in rules.iter().zip(Code::ALL) {
        assert_eq!(
            rule["shortDescription"]["text"].as_str().unwrap().to_lowercase(),
            format!("{}.", code.summary()).to_lowercase()
        );
        let help = rule["help"]["markdown"].as_str().unwrap();
        assert!(help.contains("\nFix"), "{code}: the help shows the fix");
    }

    let results = runs[0]["results"].as_array().unwrap();
    let mut found = BTreeSet::new();
    for r in results {
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(r["ruleId"], rules[index]["id"], "ruleIndex points at the rule");
        let location = &r["locations"][0]["physicalLocation"];
        let uri = location["artifactLocation"]["uri"].as_str().unwrap();
        assert!(Path::new(ROOT).join(uri).exists(), "{uri} is a file of the repository");
        // The schema's `uri-reference` format is not a draft-04 format, so validators
        // skip it: check here that the reference needs no encoding it lacks.
        assert!(
            uri.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~/%".contains(&b)),
            "{uri} is a relative URI reference"
        );
        assert!(location["region"]["startLine"].as_u64().unwrap() >= 1);
        found.insert((r["ruleId"].as_str().unwrap().to_string(), uri.to_string()));
    }
    for (code, file) in fixture_codes() {
        assert!(
            found.contains(&(code.name().to_string(), file.clone())),
            "no {code} result for {file}"
        );
    }
    let fingerprints: HashSet<&str> = results
        .iter()
        .map(|r| r["partialFingerprints"]["accord/v1"].as_str().unwrap())
        .collect();
    assert_eq!(fingerprints.len(), results.len(), "fingerprints are unique");

    // The schema is strict enough to catch a broken log.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0.into();
    assert!(!schema.is_valid(&broken), "a line 0 must be rejected");
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!schema.is_valid(&broken), "an unknown level must be rejected");
}

#[test]
fn gitlab_report_of_every_broken_fixture_is_valid_code_quality() {
    let (status, report) = accord(Path::new(ROOT), &["check", BROKEN[0], BROKEN[1], "--format", "gitlab"]);
    assert_eq!(status, Some(1));
    let structure = validator("gitlab-code-quality-report.json");
    let gitlab = validator("gitlab-codeclimate.json");
    assert_valid(&structure, &report, "the Code Quality report");
    let issues = report.as_array().unwrap();
    for (i, issue) in issues.iter().enumerate() {
        assert_valid(&gitlab, issue, &format!("issue {i}, by GitLab's parser schema"));
    }

    let mut found = BTreeSet::new();
    for issue in issues {
        let path = issue["location"]["path"].as_str().unwrap();
        assert!(
            Path::new(ROOT).join(path).exists(),
            "{path} is a file of the repository"
        );
        let code = Code::parse(issue["check_name"].as_str().unwrap()).unwrap();
        let expected = match code.default_severity() {
            accord::diagnostic::Severity::Error => "major",
            accord::diagnostic::Severity::Warning => "minor",
        };
        assert_eq!(issue["severity"], expected, "{code}");
        found.insert((code, path.to_string()));
    }
    for (code, file) in fixture_codes() {
        assert!(found.contains(&(code, file.clone())), "no {code} issue for {file}");
    }
    let fingerprints: HashSet<&str> = issues.iter().map(|i| i["fingerprint"].as_str().unwrap()).collect();
    assert_eq!(fingerprints.len(), issues.len(), "fingerprints are unique");

    let mut broken = report.clone();
    broken[0]["severity"] = "error".into();
    assert!(
        !structure.is_valid(&broken),
        "a severity off GitLab's scale must be rejected"
    );
    let mut broken = report.clone();
    broken[0].as_object_mut().unwrap().remove("check_name");
    assert!(
        !structure.is_valid(&broken),
        "an issue without check_name must be rejected"
    );
    let mut broken = report.clone();
    broken[0].as_object_mut().unwrap().remove("fingerprint");
    assert!(
        !gitlab.is_valid(&broken[0]),
        "GitLab's schema must reject an issue without fingerprint"
    );
}

#[test]
fn a_clean_folder_gives_empty_valid_reports_and_exit_0() {
    let (status, log) = accord(Path::new(ROOT), &["check", "agreements", "--format", "sarif"]);
    assert_eq!(status, Some(0));
    assert_valid(&validator("sarif-schema-2.1.0.json"), &log, "the SARIF log");
    assert_eq!(log["runs"][0]["results"], Value::Array(vec![]));
    let (status, report) = accord(Path::new(ROOT), &["check", "agreements", "--format", "gitlab"]);
    assert_eq!(status, Some(0));
    assert_eq!(report, Value::Array(vec![]));
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("accord-ci-reports-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("agreements")).unwrap();
    dir
}

/// (fingerprint, line) of each finding, in order.
type Located = Vec<(String, u64)>;

/// Every GitLab issue and every SARIF result, located.
fn located(dir: &Path) -> (Located, Located) {
    let (_, report) = accord(dir, &["check", "agreements", "--format", "gitlab"]);
    let (_, log) = accord(dir, &["check", "./agreements", "--format", "sarif"]);
    let gitlab = report
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["fingerprint"].as_str().unwrap().to_string(),
                i["location"]["lines"]["begin"].as_u64().unwrap(),
            )
        })
        .collect();
    let sarif = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["partialFingerprints"]["accord/v1"].as_str().unwrap().to_string(),
                r["locations"][0]["physicalLocation"]["region"]["startLine"]
                    .as_u64()
                    .unwrap(),
            )
        })
        .collect();
    (gitlab, sarif)
}

#[test]
fn fingerprints_survive_moved_lines_and_agree_across_formats() {
    let dir = scratch("moved");
    let files = ["invalid-date.yaml", "unknown-key.yaml", "event-order.yaml"];
    for f in files {
        std::fs::copy(
            Path::new(ROOT).join("tests/fixtures/broken").join(f),
            dir.join("agreements").join(f),
        )
        .unwrap();
    }
    let (gitlab, sarif) = located(&dir);
    assert_eq!(gitlab.len(), 3, "{gitlab:?}");
    assert_eq!(
        gitlab, sarif,
        "both formats give the same fingerprints (paths with and without ./)"
    );

    for f in files {
        let path = dir.join("agreements").join(f);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, format!("# reviewed by the legal office\n\n{text}")).unwrap();
    }
    let (moved, moved_sarif) = located(&dir);
    assert_eq!(moved, moved_sarif);
    for ((before, line), (after, moved_line)) in gitlab.iter().zip(&moved) {
        assert_eq!(before, after, "the fingerprint stays when the mistake moves");
        assert_eq!(*moved_line, line + 2, "the line moves");
    }

    // Fixing one mistake removes exactly its fingerprint.
    std::fs::copy(
        Path::new(ROOT).join("agreements/eco-iom-2009.yaml"),
        dir.join("agreements/invalid-date.yaml"),
    )
    .unwrap();
    let (fixed, _) = located(&dir);
    let remaining: Vec<&String> = fixed.iter().map(|(f, _)| f).collect();
    assert_eq!(remaining.len(), 2);
    assert!(remaining.iter().all(|f| moved.iter().any(|(m, _)| m == *f)));
    let _ = std::fs::remove_dir_all(&dir);
}
