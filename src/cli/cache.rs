//! `accord cache`: where the cache of checked files is and what it holds (`info`), and
//! removing it (`clear`, the folder's; `clear --all`, every folder's).

use super::args::Common;
use super::context::Context;
use super::error::Error;
use super::exit::Exit;
use super::output::Io;
use crate::folder::cache;
use crate::report;
use clap::{Args, Subcommand};

#[derive(Debug, Args)]
pub(crate) struct CacheArgs {
    #[command(subcommand)]
    action: Action,
}

impl CacheArgs {
    /// The common options, given after `info` or `clear`.
    pub(crate) fn common(&self) -> &Common {
        match &self.action {
            Action::Info { common } | Action::Clear { common, .. } => common,
        }
    }
}

#[derive(Debug, Subcommand)]
enum Action {
    /// Where the cache is, and its entries for the folder and in all.
    Info {
        #[command(flatten)]
        common: Common,
    },
    /// Remove the folder's cache; it is rebuilt by the next command that reads the folder.
    Clear {
        /// Remove the cache of every folder.
        #[arg(long)]
        all: bool,
        #[command(flatten)]
        common: Common,
    },
}

pub(crate) fn run(args: &CacheArgs, cx: &Context, io: &mut Io) -> Result<Exit, Error> {
    let Some(root) = &cx.cache_location else {
        return Err(Error::InvalidArgument(
            "accord has no cache directory: set `cache_dir` in accord.toml, or XDG_CACHE_HOME or HOME".into(),
        ));
    };
    match &args.action {
        Action::Info { .. } => {
            let info = cache::info(root, &cx.dir);
            let shown = report::cache::Shown {
                root,
                folder: &cx.dir,
                dir: info.dir.as_deref(),
                entries: usage(info.folder),
                folders: info.folders,
                all: usage(info.all),
                in_use: cx.use_cache,
            };
            report::cache::info(io.out, &shown)?;
        }
        Action::Clear { all, .. } => {
            let folder = (!*all).then_some(cx.dir.as_path());
            let removed = cache::clear(root, folder).map_err(|source| Error::Cache {
                dir: root.clone(),
                source,
            })?;
            report::cache::cleared(io.out, root, folder, usage(removed))?;
        }
    }
    Ok(Exit::Success)
}

fn usage(u: cache::Usage) -> report::cache::Usage {
    report::cache::Usage {
        entries: u.entries,
        bytes: u.bytes,
    }
}
