//! The GitHub Action (`action.yml`) run locally as a runner would run it: each `run:`
//! step's script goes to `bash --noprofile --norc -eo pipefail` (GitHub's `shell: bash`)
//! with the environment a runner gives a composite action's steps (`GITHUB_ACTION_PATH`,
//! `GITHUB_WORKSPACE`, `GITHUB_STEP_SUMMARY`, `GITHUB_OUTPUT`, `GITHUB_PATH`, `RUNNER_*`)
//! and the step's `env:` with its `${{ inputs.* }}` and `${{ steps.*.outputs.* }}`
//! filled in; what a step writes to `GITHUB_OUTPUT` and `GITHUB_PATH` reaches the later
//! steps; the first failing step ends the run. The cache steps (`uses:`) are simulated:
//! a restore hits when the cached folder exists.
//!
//! `cargo` is a stand-in that records its arguments and installs the accord this test
//! suite built, so the install step is exercised without a second build. The PATH holds
//! only the system's folders and that stand-in: `accord` is found only if the Action
//! puts it there.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

#[derive(Debug, Deserialize)]
struct Action {
    inputs: BTreeMap<String, Input>,
    runs: Runs,
}

#[derive(Debug, Deserialize)]
struct Input {
    description: String,
    default: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Runs {
    using: String,
    steps: Vec<Step>,
}

#[derive(Debug, Deserialize)]
struct Step {
    name: String,
    id: Option<String>,
    #[serde(rename = "if")]
    condition: Option<String>,
    uses: Option<String>,
    run: Option<String>,
    shell: Option<String>,
    #[serde(default)]
    env: BTreeMap<String, String>,
    #[serde(default)]
    with: BTreeMap<String, String>,
}

fn action() -> Action {
    let text = std::fs::read_to_string(Path::new(ROOT).join("action.yml")).unwrap();
    serde_saphyr::from_str(&text).unwrap()
}

/// One run of the Action.
struct Run {
    /// Every step's standard output and error, in order.
    log: String,
    /// What the steps wrote to `GITHUB_STEP_SUMMARY`.
    summary: String,
    /// The exit code of the last step that ran.
    status: Option<i32>,
    /// The names of the steps that ran (a failing step is the last).
    ran: Vec<String>,
    /// What the stand-in `cargo` was called with, one call a line.
    cargo_calls: String,
}

/// A runner's folders for one job: the workspace (the repository a workflow checked
/// out), the tool cache (kept across runs, as the Actions cache would) and the rest.
struct Runner {
    base: PathBuf,
    workspace: PathBuf,
    tool_cache: PathBuf,
    fake_bin: PathBuf,
}

impl Runner {
    fn new(name: &str) -> Runner {
        let base = std::env::temp_dir().join(format!("accord-action-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&base);
        let runner = Runner {
            workspace: base.join("workspace"),
            tool_cache: base.join("tool-cache"),
            fake_bin: base.join("fake-bin"),
            base,
        };
        for d in [&runner.workspace, &runner.tool_cache, &runner.fake_bin] {
            std::fs::create_dir_all(d).unwrap();
        }
        // cargo install --locked --path P --root R: record, then "install" the built binary.
        let cargo = runner.fake_bin.join("cargo");
        std::fs::write(
            &cargo,
            "#!/bin/bash\necho \"$*\" >> \"$FAKE_CARGO_LOG\"\nroot=\nwhile [ $# -gt 0 ]; do\n  \
             [ \"$1\" = --root ] && root=$2\n  shift\ndone\nmkdir -p \"$root/bin\"\ncp \"$ACCORD_BUILT\" \"$root/bin/accord\"\n",
        )
        .unwrap();
        make_executable(&cargo);
        runner
    }

    /// Copies `files` (paths in this repository) into the workspace's `agreements/`.
    fn agreements(&self, files: &[&str]) {
        let dir = self.workspace.join("agreements");
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        for f in files {
            let from = Path::new(ROOT).join(f);
            std::fs::copy(&from, dir.join(from.file_name().unwrap())).unwrap();
        }
    }

    /// Runs the Action's steps with these inputs (the rest take their defaults).
    fn run(&self, inputs: &[(&str, &str)]) -> Run {
        let action = action();
        let mut values: BTreeMap<String, String> = action
            .inputs
            .iter()
            .map(|(k, i)| (k.clone(), i.default.clone().unwrap_or_default()))
            .collect();
        for (k, v) in inputs {
            assert!(values.contains_key(*k), "the Action has no input `{k}`");
            values.insert(k.to_string(), v.to_string());
        }
        let mut outputs: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
        let mut path = format!("{}:/usr/local/bin:/usr/bin:/bin", self.fake_bin.display());
        let summary_all = self.base.join("summary-all.md");
        let cargo_log = self.base.join("cargo-calls");
        let _ = std::fs::remove_file(&summary_all);
        let _ = std::fs::remove_file(&cargo_log);
        let mut run = Run {
            log: String::new(),
            summary: String::new(),
            status: Some(0),
            ran: Vec::new(),
            cargo_calls: String::new(),
        };
        for (n, step) in action.runs.steps.iter().enumerate() {
            let expand = |text: &str| expand(text, &values, &outputs);
            if let Some(uses) = &step.uses {
                // actions/cache: a restore hits when the folder it restores exists.
                let id = step.id.clone().unwrap_or_default();
                let cached = Path::new(&expand(&step.with["path"])).join("bin/accord");
                assert!(!expand(&step.with["key"]).is_empty(), "{}: a cache key", step.name);
                if uses.starts_with("actions/cache/restore@") {
                    let hit = if cached.exists() { "true" } else { "false" };
                    outputs.entry(id).or_default().insert("cache-hit".into(), hit.into());
                } else {
                    assert!(uses.starts_with("actions/cache/save@"), "unknown action {uses}");
                    assert!(step.condition.is_some(), "save only on a miss");
                }
                continue;
            }
            let script = step.run.as_ref().unwrap();
            let step_dir = self.base.join(format!("step-{n}"));
            let _ = std::fs::remove_dir_all(&step_dir);
            std::fs::create_dir_all(&step_dir).unwrap();
            let script_file = step_dir.join("script.sh");
            std::fs::write(&script_file, script).unwrap();
            let (output_file, path_file, summary) =
                (step_dir.join("output"), step_dir.join("path"), step_dir.join("summary"));
            for f in [&output_file, &path_file, &summary] {
                std::fs::write(f, "").unwrap();
            }
            let mut cmd = Command::new("/bin/bash");
            cmd.args(["--noprofile", "--norc", "-eo", "pipefail"])
                .arg(&script_file)
                .current_dir(&self.workspace)
                .env_clear()
                .env("PATH", &path)
                .env("HOME", self.base.join("home"))
                .env("CI", "true")
                .env("GITHUB_ACTIONS", "true")
                .env("GITHUB_ACTION_PATH", ROOT)
                .env("GITHUB_WORKSPACE", &self.workspace)
                .env("GITHUB_OUTPUT", &output_file)
                .env("GITHUB_PATH", &path_file)
                .env("GITHUB_STEP_SUMMARY", &summary)
                .env("RUNNER_OS", "Linux")
                .env("RUNNER_ARCH", "X64")
                .env("RUNNER_TEMP", self.base.join("temp"))
                .env("RUNNER_TOOL_CACHE", &self.tool_cache)
                .env("FAKE_CARGO_LOG", &cargo_log)
                .env("ACCORD_BUILT", env!("CARGO_BIN_EXE_accord"));
            for (k, v) in &step.env {
                cmd.env(k, expand(v));
            }
            let out = cmd.output().unwrap();
            run.ran.push(step.name.clone());
            run.log.push_str(&String::from_utf8_lossy(&out.stdout));
            run.log.push_str(&String::from_utf8_lossy(&out.stderr));
            run.summary.push_str(&std::fs::read_to_string(&summary).unwrap());
            run.status = out.status.code();
            for line in std::fs::read_to_string(&path_file).unwrap().lines() {
                path = format!("{line}:{path}");
            }
            if let Some(id) = &step.id {
                for line in std::fs::read_to_string(&output_file).unwrap().lines() {
                    let (k, v) = line.split_once('=').expect("name=value outputs");
                    outputs.entry(id.clone()).or_default().insert(k.into(), v.into());
                }
            }
            if !out.status.success() {
                break;
            }
        }
        run.cargo_calls = std::fs::read_to_string(&cargo_log).unwrap_or_default();
        run
    }
}

impl Drop for Runner {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.base);
    }
}

fn make_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// Fills in the `${{ … }}` expressions the Action may use in `env:` and `with:`.
fn expand(
    text: &str,
    inputs: &BTreeMap<String, String>,
    outputs: &BTreeMap<String, BTreeMap<String, String>>,
) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("${{") {
        out.push_str(&rest[..start]);
        let end = rest[start..].find("}}").expect("an expression ends with }}") + start;
        let expr = rest[start + 3..end].trim();
        let value = if let Some(name) = expr.strip_prefix("inputs.") {
            inputs.get(name).unwrap_or_else(|| panic!("no input `{name}`")).clone()
        } else if let Some(path) = expr.strip_prefix("steps.") {
            let (id, name) = path.split_once(".outputs.").expect("steps.ID.outputs.NAME");
            outputs.get(id).and_then(|o| o.get(name)).cloned().unwrap_or_default()
        } else {
            panic!("this test does not know the expression `{expr}`; keep action.yml to inputs and step outputs")
        };
        out.push_str(&value);
        rest = &rest[end + 2..];
    }
    out.push_str(rest);
    out
}

#[test]
fn the_action_is_a_composite_of_bash_steps_that_take_inputs_from_env() {
    let action = action();
    assert_eq!(action.runs.using, "composite");
    for (name, input) in &action.inputs {
        assert!(!input.description.is_empty(), "input {name} is documented");
    }
    for step in &action.runs.steps {
        match (&step.uses, &step.run) {
            (Some(uses), None) => assert!(uses.starts_with("actions/cache/"), "{uses}"),
            (None, Some(script)) => {
                assert_eq!(step.shell.as_deref(), Some("bash"), "{}", step.name);
                assert!(
                    step.condition.is_none(),
                    "{}: the script decides, so the test runs it",
                    step.name
                );
                assert!(
                    !script.contains("${{"),
                    "{}: inputs reach the script through env, never as ${{{{ }}}} in it",
                    step.name
                );
            }
            _ => panic!("{}: a step either uses an action or runs a script", step.name),
        }
    }
}

#[test]
fn the_first_run_installs_with_cargo_and_the_next_uses_the_cache() {
    let runner = Runner::new("install");
    runner.agreements(&["agreements/eco-iom-2009.yaml", "agreements/unhcr-iom-1997.yaml"]);

    let first = runner.run(&[]);
    assert_eq!(first.status, Some(0), "{}", first.log);
    let calls: Vec<&str> = first.cargo_calls.lines().collect();
    assert_eq!(calls.len(), 1, "{}", first.cargo_calls);
    let root = calls[0].rsplit_once("--root ").unwrap().1;
    assert_eq!(calls[0], format!("install --locked --path {ROOT} --root {root}"));
    assert!(root.starts_with(runner.tool_cache.to_str().unwrap()), "{root}");
    assert!(
        first.log.contains("accord 0."),
        "the installed accord runs: {}",
        first.log
    );
    assert!(first.log.contains("accord due: skipped"), "{}", first.log);
    assert!(first.summary.is_empty());

    let second = runner.run(&[]);
    assert_eq!(second.status, Some(0), "{}", second.log);
    assert_eq!(second.cargo_calls, "", "a cache hit does not build");
    assert_eq!(second.ran, first.ran);
}

#[test]
fn a_broken_agreement_fails_the_check_with_an_annotation() {
    let runner = Runner::new("broken");
    runner.agreements(&[
        "agreements/eco-iom-2009.yaml",
        "tests/fixtures/broken/invalid-date.yaml",
    ]);
    let run = runner.run(&[("fail-on", "overdue")]);
    assert_eq!(run.status, Some(1), "{}", run.log);
    assert_eq!(run.ran.last().map(String::as_str), Some("Check the agreement files"));
    assert!(
        run.log
            .contains("::error file=agreements/invalid-date.yaml,line=8,col=9,title=invalid-date::"),
        "{}",
        run.log
    );
    assert!(run.summary.is_empty(), "the due step did not run");
}

#[test]
fn fail_on_overdue_writes_the_table_to_the_summary_and_fails() {
    let runner = Runner::new("overdue");
    let desk = ["renewal.yaml", "fixed.yaml", "signed.yaml"].map(|f| format!("tests/fixtures/desk/{f}"));
    runner.agreements(&desk.each_ref().map(String::as_str));
    let run = runner.run(&[("fail-on", "overdue"), ("due-args", "--as-of 2026-11-22")]);
    assert_eq!(run.status, Some(1), "{}", run.log);
    assert!(
        run.summary
            .starts_with("## What is due (accord)\n\n| Date | Days | Status |"),
        "{}",
        run.summary
    );
    assert!(
        run.summary
            .contains("| 2026-03-31 | -236 | **overdue** | renewal-2020 | Joint annual review meeting |"),
        "{}",
        run.summary
    );
    assert!(
        run.log.contains("::error title=accord due::an item is overdue"),
        "{}",
        run.log
    );

    // Without what is overdue, the job passes and still gets its table.
    let run = runner.run(&[
        ("fail-on", "overdue"),
        ("due-args", "--as-of 2026-11-22 --agreement fixed-term"),
    ]);
    assert_eq!(run.status, Some(0), "{}", run.log);
    assert!(
        run.summary
            .contains("| 2027-02-27 | +97 | upcoming | fixed-term | fixed term expires |"),
        "{}",
        run.summary
    );
}

#[test]
fn fail_on_due_fails_only_when_something_falls_due_within_the_period() {
    let runner = Runner::new("due");
    runner.agreements(&["tests/fixtures/desk/fixed.yaml"]);
    // The fixed term expires on 2027-02-27; reminders start 30 days before.
    let far = runner.run(&[
        ("fail-on", "due"),
        ("within", "30 days"),
        ("due-args", "--as-of 2026-11-22"),
    ]);
    assert_eq!(far.status, Some(0), "{}", far.log);
    assert!(far.summary.contains("nothing due"), "{}", far.summary);
    let near = runner.run(&[
        ("fail-on", "due"),
        ("within", "30 days"),
        ("due-args", "--as-of 2027-02-01"),
    ]);
    assert_eq!(near.status, Some(1), "{}", near.log);
    assert!(
        near.summary.contains("| 2027-02-27 | +26 | due | fixed-term |"),
        "{}",
        near.summary
    );
    let skipped = runner.run(&[
        ("check", "false"),
        ("fail-on", "due"),
        ("due-args", "--as-of 2026-11-22"),
    ]);
    assert!(skipped.log.contains("accord check: skipped"), "{}", skipped.log);
}

/// The YAML blocks of docs/ci.md that are whole documents (workflows, pipelines, configs).
fn documented_yaml() -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(Path::new(ROOT).join("docs/ci.md")).unwrap();
    let mut blocks = Vec::new();
    for part in text.split("```yaml\n").skip(1) {
        let block = &part[..part.find("```").unwrap()];
        if block.starts_with(' ') || block.starts_with('-') {
            continue; // a fragment to add to a file shown whole above it
        }
        let value: serde_json::Value =
            serde_saphyr::from_str(block).unwrap_or_else(|e| panic!("docs/ci.md: not YAML ({e}):\n{block}"));
        blocks.push(value);
    }
    blocks
}

#[test]
fn the_documented_workflows_use_only_inputs_the_action_has() {
    let action = action();
    let text = std::fs::read_to_string(Path::new(ROOT).join("docs/ci.md")).unwrap();
    for name in action.inputs.keys() {
        assert!(
            text.contains(&format!("| `{name}` |")),
            "docs/ci.md does not document input `{name}`"
        );
    }
    let mut uses = 0;
    for doc in documented_yaml() {
        let Some(jobs) = doc.get("jobs").and_then(|j| j.as_object()) else {
            continue;
        };
        for job in jobs.values() {
            for step in job["steps"].as_array().unwrap() {
                if !step["uses"].as_str().is_some_and(|u| u.starts_with("OWNER/accord@")) {
                    continue;
                }
                uses += 1;
                for key in step["with"].as_object().into_iter().flatten().map(|(k, _)| k) {
                    assert!(action.inputs.contains_key(key), "docs/ci.md uses unknown input `{key}`");
                }
            }
        }
    }
    assert!(uses >= 3, "the PR, schedule and SARIF workflows use the Action");
}
