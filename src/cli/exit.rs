//! How a command ends: the exit code every command returns and the binary passes on.

/// A command's outcome, as an exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// 0: done, nothing to report as failing.
    Success,
    /// 1: findings: errors in files, or what the command reports as failing (`--fail-on`,
    /// a refused termination, a write refused to keep a file valid).
    Findings,
    /// 2: usage or I/O errors: an unknown id or party, an unreadable folder.
    Usage,
}

impl Exit {
    /// The process exit code.
    pub fn code(self) -> u8 {
        match self {
            Exit::Success => 0,
            Exit::Findings => 1,
            Exit::Usage => 2,
        }
    }

    /// `Findings` when `found`, else `self`: a successful command that also skipped
    /// broken files reports them.
    pub(crate) fn or_findings(self, found: bool) -> Exit {
        if found && self == Exit::Success {
            Exit::Findings
        } else {
            self
        }
    }
}
