//! What every command runs with (the folder, the threads, the day it computes for, the
//! cache) and the ways a command loads it: streaming the whole folder, or one agreement
//! with those its status depends on. Errors become [`Error`]s with their help.

use super::args::Common;
use super::error::Error;
use crate::engine::status::superseding;
use crate::file::parse::Texts;
use crate::folder::index::Index;
use crate::folder::load::{self, LoadError, Loaded, Reading, Scanned};
use crate::folder::project::{self, Config};
use crate::model::Agreement;
use crate::suggest::did_you_mean;
use chrono::NaiveDate;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// What the binary read from the clock and the environment for this run (never read
/// in the library).
#[derive(Clone, Debug)]
pub struct Invocation {
    /// Today's date, from the clock.
    pub today: NaiveDate,
    /// The current folder, where the project is looked for.
    pub cwd: Option<PathBuf>,
    /// `ACCORD_DIR`, if set and not empty.
    pub accord_dir: Option<PathBuf>,
    /// Accord's directory in the platform's cache directory (`$XDG_CACHE_HOME/accord`
    /// or the like), if the environment names one.
    pub cache_home: Option<PathBuf>,
}

/// The folder, the threads, the day, the project's defaults and the cache, resolved
/// from the common options, the environment and the project file.
pub(crate) struct Context {
    pub dir: PathBuf,
    pub jobs: usize,
    pub as_of: NaiveDate,
    /// The project file's defaults (empty without one).
    pub config: Config,
    /// Accord's cache directory, wherever it is, used or not (`accord cache`): the
    /// project's `cache_dir`, else the platform's.
    pub cache_location: Option<PathBuf>,
    /// Whether commands read and write the cache (not with `--no-cache`).
    pub use_cache: bool,
}

impl Context {
    /// The folder is `--dir`, else `ACCORD_DIR`, else the project's (the `dir` of the
    /// first `accord.toml` from the current folder upwards, or the first `agreements/`
    /// folder), else `agreements`; the thread count defaults to the cores the operating
    /// system offers.
    pub(super) fn new(common: &Common, inv: &Invocation) -> Result<Context, Error> {
        let project = match &inv.cwd {
            Some(cwd) => project::discover(cwd).map_err(|e| Error::Project(e.to_string()))?,
            None => project::Project::default(),
        };
        let dir = common
            .dir
            .clone()
            .or_else(|| inv.accord_dir.clone())
            .or(project.dir)
            .unwrap_or_else(|| PathBuf::from(project::DEFAULT_DIR));
        let cache_location = project.config.cache_dir.clone().or_else(|| inv.cache_home.clone());
        Ok(Context {
            dir,
            jobs: common
                .jobs
                .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())),
            as_of: common.as_of.unwrap_or(inv.today),
            config: project.config,
            cache_location,
            use_cache: !common.no_cache,
        })
    }

    /// The threads and the cache, as the loader takes them.
    pub(super) fn reading(&self) -> Reading<'_> {
        Reading {
            jobs: self.jobs,
            cache: self.cache_location.as_deref().filter(|_| self.use_cache),
        }
    }

    /// The options of the termination rules: the project's roll-over convention and
    /// holidays, and what the command adds.
    pub(super) fn rules_options(&self) -> crate::engine::rules::Options {
        crate::engine::rules::Options {
            default_roll: self.config.roll,
            holidays: self.config.holidays.clone(),
            ..crate::engine::rules::Options::default()
        }
    }

    /// The output format: the one asked for, else the project's `format` if this command
    /// offers it, else the command's default.
    pub(super) fn format<F: clap::ValueEnum>(&self, asked: Option<F>, default: F) -> F {
        asked
            .or_else(|| self.config.format.as_deref().and_then(|f| F::from_str(f, true).ok()))
            .unwrap_or(default)
    }

    /// Streams the folder: `f` keeps what the command reports of each agreement.
    pub(super) fn scan<T: Send>(&self, f: impl Fn(Agreement) -> T + Sync) -> Result<Scanned<T>, Error> {
        load::scan_paths(std::slice::from_ref(&self.dir), &self.reading(), Texts::Skip, f)
            .map_err(|e| self.load_error(e))
    }

    /// As [`Context::scan`], for a command whose answers the cache keeps (see
    /// [`load::scan_answers`]).
    pub(super) fn scan_answers<Q, T>(
        &self,
        command: &'static str,
        question: &Q,
        answer: fn(&Q, Agreement) -> T,
    ) -> Result<Scanned<T>, Error>
    where
        Q: std::fmt::Debug + Sync,
        T: Send + serde::Serialize + for<'de> serde::Deserialize<'de>,
    {
        load::scan_answers(
            std::slice::from_ref(&self.dir),
            &self.reading(),
            command,
            question,
            answer,
        )
        .map_err(|e| self.load_error(e))
    }

    /// The agreement `id` whole, and those its status depends on (see
    /// [`load::load_around`]), with the whole folder's diagnostics and ids.
    pub(super) fn around(&self, id: &str, texts: Texts) -> Result<Loaded, Error> {
        load::load_around(std::slice::from_ref(&self.dir), &self.reading(), &[id], texts)
            .map_err(|e| self.load_error(e))
    }

    /// Every agreement of the folder.
    pub(super) fn load_all(&self) -> Result<Loaded, Error> {
        load::load_paths_with(std::slice::from_ref(&self.dir), &self.reading(), Texts::Skip)
            .map_err(|e| self.load_error(e))
    }

    /// After a command wrote `file`: its cache entry, so that the next run finds it.
    pub(super) fn refresh(&self, file: &Path) {
        if let Some(root) = self.reading().cache {
            load::refresh(&self.dir, file, root);
        }
    }

    /// A folder that does not exist most often means accord runs in the wrong place.
    fn load_error(&self, source: LoadError) -> Error {
        let help = (!self.dir.exists())
            .then_some("run accord in the folder that holds `agreements/`, or pass --dir PATH or set ACCORD_DIR");
        Error::Load { source, help }
    }
}

/// The agreement with this id, or an error suggesting the nearest id (and, when files
/// were skipped for their errors, that it may be in one of them).
pub(crate) fn find<'a>(loaded: &'a Loaded, id: &str) -> Result<&'a Agreement, Error> {
    loaded.agreements.iter().find(|a| a.id == id).ok_or_else(|| {
        let mut e = unknown_agreement(id, loaded.index.ids());
        if let (Error::UnknownAgreement { help, .. }, n @ 1..) = (&mut e, loaded.failed_files) {
            help.push_str(&format!(
                "; {n} file{} with errors {} skipped and may hold it: `accord check` shows why",
                if n == 1 { "" } else { "s" },
                if n == 1 { "was" } else { "were" }
            ));
        }
        e
    })
}

/// "no agreement `x` in the folder", with the nearest of `ids` as a suggestion.
pub(crate) fn unknown_agreement<'a>(id: &str, ids: impl Iterator<Item = &'a str>) -> Error {
    let help = did_you_mean(id, ids).unwrap_or_else(|| "`accord list` shows the agreements".to_string());
    Error::UnknownAgreement {
        id: id.to_string(),
        help,
    }
}

/// `--agreement` and `--party` must name what the folder has: `index` holds its
/// agreements' ids, `parties` the party ids its agreements define (duplicates allowed).
pub(crate) fn check_filters<'a>(
    agreements: &[String],
    party: Option<&str>,
    index: &Index,
    parties: impl Iterator<Item = &'a str>,
) -> Result<(), Error> {
    for id in agreements {
        if !index.ids().any(|known| known == id) {
            return Err(unknown_agreement(id, index.ids()));
        }
    }
    if let Some(p) = party {
        let mut known: Vec<&str> = parties.collect();
        known.sort_unstable();
        known.dedup();
        if !known.contains(&p) {
            let help = did_you_mean(p, known.iter().copied())
                .unwrap_or_else(|| format!("the parties are: {}", known.join(", ")));
            return Err(Error::UnknownParty {
                party: p.to_string(),
                help,
            });
        }
    }
    Ok(())
}

/// For each agreement of a streamed folder that is superseded on `as_of`: by which
/// agreement, from when. `since` gives each kept result's date of entry into force.
pub(crate) fn superseded_in<T>(
    scanned: &Scanned<T>,
    as_of: chrono::NaiveDate,
    since: impl Fn(&T) -> Option<chrono::NaiveDate>,
) -> HashMap<String, (String, chrono::NaiveDate)> {
    let mut out = HashMap::new();
    if scanned.superseded_by.is_empty() {
        return out;
    }
    let dates: HashMap<&str, Option<chrono::NaiveDate>> = scanned.iter().map(|(id, t)| (id, since(t))).collect();
    for (target, by) in &scanned.superseded_by {
        let candidates = by
            .iter()
            .map(|id| (id.clone(), dates.get(id.as_str()).copied().flatten()));
        if let Some(found) = superseding(candidates, as_of) {
            out.insert(target.clone(), found);
        }
    }
    out
}
