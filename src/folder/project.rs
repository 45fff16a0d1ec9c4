//! The project a command runs in, found the way git finds `.git`: from a folder upwards,
//! the first folder that holds an `accord.toml` project file or an `agreements/`
//! folder. The project file is optional; it names the agreements folder and the
//! defaults a team shares (output format, roll-over convention and holidays, cache).
//!
//! ```toml
//! # accord.toml
//! dir = "legal/agreements"     # relative to this file; default "agreements"
//! format = "json"              # default --format, for the commands that offer it
//! roll = "following"           # default --roll of `terminate`, for agreements that name none
//! holidays = ["2027-01-01"]    # non-working days for the roll-over
//! cache_dir = ".accord-cache"  # where the cache of checked files is kept
//! ```

use crate::file::validate::parse_date;
use crate::keyword::Keyword;
use crate::time::calendar::{self, Roll};
use chrono::NaiveDate;
use serde::Deserialize;
use std::fmt;
use std::path::{Path, PathBuf};

/// The project file's name.
pub const FILE: &str = "accord.toml";

/// The folder of agreements when nothing names one.
pub const DEFAULT_DIR: &str = "agreements";

/// What was found from the starting folder upwards.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Project {
    /// The agreements folder: the project file's `dir`, or the `agreements/` found.
    pub dir: Option<PathBuf>,
    /// The project file, if one was found.
    pub file: Option<PathBuf>,
    pub config: Config,
}

/// The checked contents of a project file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Config {
    pub format: Option<String>,
    pub roll: Option<Roll>,
    pub holidays: Vec<NaiveDate>,
    /// Relative to the project file's folder, already joined to it.
    pub cache_dir: Option<PathBuf>,
}

/// The file as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    dir: Option<String>,
    format: Option<String>,
    roll: Option<String>,
    holidays: Option<Vec<String>>,
    cache_dir: Option<String>,
}

/// A project file that cannot be read or used, located to line and column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProjectError {
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for ProjectError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file.display(),
            self.line,
            self.column,
            self.message
        )
    }
}

/// Looks from `start` upwards for the first folder holding `accord.toml` or
/// `agreements/`; an `accord.toml` in a folder wins over an `agreements/` beside it.
///
/// # Errors
///
/// A project file that cannot be read, is not valid TOML, has an unknown key or a
/// value accord cannot use.
pub fn discover(start: &Path) -> Result<Project, ProjectError> {
    for (up, folder) in start.ancestors().enumerate() {
        // Paths are given relative to `start` (`../../accord.toml`), as a user would
        // write them from there.
        let relative: PathBuf = std::iter::repeat_n("..", up).collect();
        if folder.join(FILE).is_file() {
            let file = relative.join(FILE);
            let text = std::fs::read_to_string(folder.join(FILE)).map_err(|e| ProjectError {
                file: file.clone(),
                line: 1,
                column: 1,
                message: format!("cannot read the project file: {e}"),
            })?;
            return parse(&file, &text);
        }
        if folder.join(DEFAULT_DIR).is_dir() {
            return Ok(Project {
                dir: Some(relative.join(DEFAULT_DIR)),
                ..Project::default()
            });
        }
    }
    Ok(Project::default())
}

/// Reads the project file `file` whose text is `text`.
///
/// # Errors
///
/// As [`discover`].
pub fn parse(file: &Path, text: &str) -> Result<Project, ProjectError> {
    let raw: RawConfig = toml::from_str(text).map_err(|e| {
        let (line, column) = e.span().map_or((1, 1), |s| line_column(text, s.start));
        ProjectError {
            file: file.to_path_buf(),
            line,
            column,
            message: e.message().trim().to_string(),
        }
    })?;
    let base = file.parent().unwrap_or(Path::new(""));
    let at = |key: &str, message: String| {
        let offset = find_key(text, key);
        let (line, column) = line_column(text, offset);
        ProjectError {
            file: file.to_path_buf(),
            line,
            column,
            message,
        }
    };
    let roll = match &raw.roll {
        None => None,
        Some(r) => Some(Roll::parse(r).ok_or_else(|| {
            at(
                "roll",
                format!(
                    "`roll` is `{r}`; write one of {}",
                    Roll::names().collect::<Vec<_>>().join(", ")
                ),
            )
        })?),
    };
    let holidays = raw
        .holidays
        .unwrap_or_default()
        .iter()
        .map(|h| parse_date(h).map_err(|e| at("holidays", format!("`holidays`: {e}"))))
        .collect::<Result<Vec<_>, _>>()?;
    // A roll-over looks a year ahead at most: a list that leaves no working day for a
    // year would leave end dates unknown, so it is refused like the same list in a file.
    if let Some((first, last)) = calendar::year_without_working_day(&holidays) {
        return Err(at(
            "holidays",
            format!(
                "`holidays` leave no working day from {first} to {last}: a roll-over, which looks {} days ahead at most, could not end a period there; check the dates of the list",
                calendar::ROLL_LIMIT
            ),
        ));
    }
    Ok(Project {
        dir: Some(base.join(raw.dir.as_deref().unwrap_or(DEFAULT_DIR))),
        file: Some(file.to_path_buf()),
        config: Config {
            format: raw.format,
            roll,
            holidays,
            cache_dir: raw.cache_dir.map(|c| base.join(c)),
        },
    })
}

/// The byte offset where `key` is assigned, or 0.
fn find_key(text: &str, key: &str) -> usize {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed
            .strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with('='))
        {
            return offset + (line.len() - trimmed.len());
        }
        offset += line.len();
    }
    0
}

/// 1-based line and column (in characters) of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Project, ProjectError> {
        parse(Path::new("/p/accord.toml"), text)
    }

    #[test]
    fn every_key_is_read_and_paths_are_relative_to_the_file() {
        let p = read("dir = \"legal\"\nformat = \"json\"\nroll = \"following\"\nholidays = [\"2027-01-01\"]\ncache_dir = \".cache\"\n").unwrap();
        assert_eq!(p.dir, Some(PathBuf::from("/p/legal")));
        assert_eq!(p.config.format.as_deref(), Some("json"));
        assert_eq!(p.config.roll, Some(Roll::Following));
        assert_eq!(p.config.holidays, [NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()]);
        assert_eq!(p.config.cache_dir, Some(PathBuf::from("/p/.cache")));
        assert_eq!(read("").unwrap().dir, Some(PathBuf::from("/p/agreements")));
    }

    #[test]
    fn mistakes_are_located() {
        let e = read("format = \"json\"\ndri = \"x\"\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 1), "{e}");
        assert!(e.message.contains("dri"), "{e}");
        let e = read("roll = \"sideways\"\n").unwrap_err();
        assert_eq!((e.line, e.column), (1, 1));
        assert!(e.message.contains("following"), "{e}");
        let e = read("\n\nholidays = [\"2027-02-30\"]\n").unwrap_err();
        assert_eq!(e.line, 3, "{e}");
        let e = read("dir = \n").unwrap_err();
        assert_eq!(e.line, 1, "{e}");
    }

    #[test]
    fn holidays_that_leave_no_working_day_for_a_year_are_refused() {
        let days = |n: u64| -> String {
            let first = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
            let list: Vec<String> = (0..n)
                .map(|i| format!("\"{}\"", first + chrono::Days::new(i)))
                .collect();
            format!("roll = \"following\"\nholidays = [{}]\n", list.join(", "))
        };
        let e = read(&days(800)).unwrap_err();
        assert_eq!((e.line, e.column), (2, 1), "{e}");
        assert!(
            e.message.contains("no working day from 2027-01-01 to 2029-03-11"),
            "{e}"
        );
        assert_eq!(read(&days(300)).unwrap().config.holidays.len(), 300);
    }
}
