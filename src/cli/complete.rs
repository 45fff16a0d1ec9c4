//! Dynamic shell completion: the values the shell offers for an argument, computed when
//! it asks (clap_complete's protocol: the registration script that `accord completions
//! SHELL` prints runs `COMPLETE=SHELL accord -- WORDS…`). Agreement ids, party ids and
//! an agreement's obligations and amendments come from the folder the command would
//! read; dates, numbers and periods get an example of their form, never file names.
//!
//! A completer runs inside the shell's request, before any command, so this module
//! reads the environment itself (`--dir` among the words, `ACCORD_DIR`, the current
//! folder): the one place in the library that does.

use crate::file::parse::Texts;
use crate::folder::{load, project};
use chrono::Local;
use clap_complete::engine::{ArgValueCandidates, CompletionCandidate};
use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::PathBuf;

/// What the folder holds, for completion: each agreement's id, title, parties and
/// the ids of its obligations and amendments.
#[derive(Default)]
struct Known {
    agreements: Vec<(String, String)>,
    parties: BTreeMap<String, String>,
    obligations: BTreeMap<String, Vec<(String, String)>>,
    amendments: BTreeMap<String, Vec<(String, String)>>,
}

/// The words of the command line being completed (after `--`).
fn words() -> Vec<String> {
    let args: Vec<OsString> = std::env::args_os().collect();
    let start = args.iter().position(|a| a == "--").map_or(0, |i| i + 1);
    args[start..].iter().map(|a| a.to_string_lossy().into_owned()).collect()
}

/// The folder the command would read: `--dir` among the words, `ACCORD_DIR`, or the
/// project's.
fn folder(words: &[String]) -> PathBuf {
    let given = words.iter().enumerate().find_map(|(i, w)| {
        w.strip_prefix("--dir=")
            .map(str::to_string)
            .or_else(|| (w == "--dir").then(|| words.get(i + 1).cloned()).flatten())
    });
    given
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("ACCORD_DIR")
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        })
        .or_else(|| {
            let cwd = std::env::current_dir().ok()?;
            project::discover(&cwd).ok()?.dir
        })
        .unwrap_or_else(|| PathBuf::from(project::DEFAULT_DIR))
}

/// Reads the folder (files with errors are left out: completion never complains).
fn known() -> Known {
    let dir = folder(&words());
    let scanned = load::scan_paths(&[dir], 1, Texts::Skip, |a| {
        let parties: Vec<(String, String)> = a
            .parties
            .iter()
            .filter(|p| !p.collective)
            .map(|p| (p.id.clone(), p.name.clone()))
            .collect();
        let obligations = a.obligations.iter().map(|o| (o.id.clone(), o.text.clone())).collect();
        let amendments = a
            .amendments
            .iter()
            .map(|am| (am.id.clone(), am.summary.clone().unwrap_or_default()))
            .collect();
        (
            a.id.clone(),
            a.display_title().to_string(),
            parties,
            obligations,
            amendments,
        )
    });
    let mut known = Known::default();
    let Ok(scanned) = scanned else { return known };
    for (id, title, parties, obligations, amendments) in scanned.entries {
        known.parties.extend(parties);
        known.obligations.insert(id.clone(), obligations);
        known.amendments.insert(id.clone(), amendments);
        known.agreements.push((id, title));
    }
    known.agreements.sort();
    known
}

fn candidates(pairs: impl IntoIterator<Item = (String, String)>) -> Vec<CompletionCandidate> {
    pairs
        .into_iter()
        .map(|(value, help)| CompletionCandidate::new(value).help(Some(help.into())))
        .collect()
}

/// Agreement ids, with their titles.
pub(crate) fn agreements() -> ArgValueCandidates {
    ArgValueCandidates::new(|| candidates(known().agreements))
}

/// Party ids of every agreement, with their names.
pub(crate) fn parties() -> ArgValueCandidates {
    ArgValueCandidates::new(|| candidates(known().parties))
}

/// The agreement named after `record` on the command line.
fn recorded_agreement(words: &[String]) -> Option<String> {
    let at = words.iter().position(|w| w == "record")?;
    words[at + 1..].iter().find(|w| !w.starts_with('-')).cloned()
}

/// The obligations of the agreement being recorded.
pub(crate) fn obligations() -> ArgValueCandidates {
    ArgValueCandidates::new(|| {
        let id = recorded_agreement(&words()).unwrap_or_default();
        candidates(known().obligations.remove(&id).unwrap_or_default())
    })
}

/// The amendments of the agreement being recorded.
pub(crate) fn amendments() -> ArgValueCandidates {
    ArgValueCandidates::new(|| {
        let id = recorded_agreement(&words()).unwrap_or_default();
        candidates(known().amendments.remove(&id).unwrap_or_default())
    })
}

/// A date: today's, which shows the form.
pub(crate) fn dates() -> ArgValueCandidates {
    ArgValueCandidates::new(|| {
        let today = Local::now().date_naive();
        candidates([(today.to_string(), "today (YYYY-MM-DD)".to_string())])
    })
}

/// A period, in the short and the long forms.
pub(crate) fn periods() -> ArgValueCandidates {
    ArgValueCandidates::new(|| {
        candidates(
            [
                ("30d", "30 days"),
                ("90d", "90 days"),
                ("6m", "6 months"),
                ("1y", "1 year"),
            ]
            .map(|(v, h)| (v.to_string(), h.to_string())),
        )
    })
}

/// A count of threads.
pub(crate) fn numbers() -> ArgValueCandidates {
    ArgValueCandidates::new(|| {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        candidates((1..=cores).map(|n| (n.to_string(), format!("{n} thread{}", if n == 1 { "" } else { "s" }))))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_recorded_agreement_is_the_word_after_record() {
        let w = |s: &str| s.split(' ').map(str::to_string).collect::<Vec<_>>();
        assert_eq!(
            recorded_agreement(&w("accord record eco-iom-2009 performed ")).as_deref(),
            Some("eco-iom-2009")
        );
        assert_eq!(
            recorded_agreement(&w("accord --as-of 2026-01-01 record x accepted")).as_deref(),
            Some("x")
        );
        assert_eq!(recorded_agreement(&w("accord due")), None);
        assert_eq!(folder(&w("accord --dir there due")), PathBuf::from("there"));
        assert_eq!(folder(&w("accord due --dir=elsewhere")), PathBuf::from("elsewhere"));
    }
}
