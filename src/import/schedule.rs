//! When an obligation recurs or happens once: intervals the text gives ("annually",
//! "at least once a year", "every two years", "twice a year", "quarterly"), rhythms it
//! leaves open ("regularly", "on a regular basis", "at regular intervals",
//! "periodically", "regular consultations"), and one-off duties (a designation, a
//! notification, a plan to prepare, something due "upon entry into force" or
//! "within 30 days").

use super::periods;
use super::words::{find_any, find_words, tokens};

/// An interval found in an obligation's words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Interval {
    /// As the file writes it: "1 year", "2 years", "6 months".
    pub every: String,
    /// The text leaves the rhythm open; `every` is the default.
    pub assumed: bool,
    /// The words, and where they are in the passage.
    pub at: std::ops::Range<usize>,
}

/// The default interval for an obligation the text says recurs without saying how often.
pub(crate) const DEFAULT_EVERY: &str = "1 year";

const EXPLICIT: &[(&str, &str)] = &[
    ("at least once a year", "1 year"),
    ("at least annually", "1 year"),
    ("once a year", "1 year"),
    ("once every year", "1 year"),
    ("annually", "1 year"),
    ("every year", "1 year"),
    ("each year", "1 year"),
    ("yearly", "1 year"),
    ("per annum", "1 year"),
    ("twice a year", "6 months"),
    ("twice yearly", "6 months"),
    ("semi-annually", "6 months"),
    ("half-yearly", "6 months"),
    ("every six months", "6 months"),
    ("quarterly", "3 months"),
    ("every quarter", "3 months"),
    ("monthly", "1 month"),
    ("every month", "1 month"),
    ("each month", "1 month"),
    ("weekly", "1 week"),
    ("every week", "1 week"),
    ("biennially", "2 years"),
    ("every other year", "2 years"),
];

const OPEN: &[&str] = &[
    "regularly",
    "on a regular basis",
    "at regular intervals",
    "periodically",
    "on a periodic basis",
    "at periodic intervals",
];

const REGULAR_NOUNS: &[&str] = &[
    "consultations",
    "meetings",
    "reviews",
    "reports",
    "contacts",
    "exchanges",
    "consultation",
    "meeting",
    "review",
];

/// The interval the words give or leave open.
pub(crate) fn interval(s: &str) -> Option<Interval> {
    if let Some((at, k)) = find_any(s, &EXPLICIT.iter().map(|(w, _)| *w).collect::<Vec<_>>()) {
        let (w, every) = EXPLICIT[k];
        return Some(Interval {
            every: every.to_string(),
            assumed: false,
            at: at..at + w.len(),
        });
    }
    // "every two years", "every 3 months"
    for at in find_words(s, "every") {
        if let Some(p) = periods::find(&s[at + 5..])
            .into_iter()
            .next()
            .filter(|p| p.range.start <= 1)
        {
            return Some(Interval {
                every: p.written,
                assumed: false,
                at: at..at + 5 + p.range.end,
            });
        }
    }
    if let Some((at, k)) = find_any(s, OPEN) {
        return Some(Interval {
            every: DEFAULT_EVERY.into(),
            assumed: true,
            at: at..at + OPEN[k].len(),
        });
    }
    // "regular consultations", not "for regular consultations" nor "regular session"
    let toks = tokens(s);
    for (k, (at, w)) in toks.iter().enumerate() {
        let adj = w.eq_ignore_ascii_case("regular") || w.eq_ignore_ascii_case("periodic");
        let noun = toks
            .get(k + 1)
            .is_some_and(|(_, n)| REGULAR_NOUNS.contains(&n.to_lowercase().as_str()));
        let purpose = k > 0 && ["for", "of", "through", "in"].contains(&toks[k - 1].1.to_lowercase().as_str());
        if adj && noun && !purpose {
            let end = toks[k + 1].0 + toks[k + 1].1.len();
            return Some(Interval {
                every: DEFAULT_EVERY.into(),
                assumed: true,
                at: *at..end,
            });
        }
    }
    None
}

const ONE_OFF_VERBS: &[&str] = &[
    "designate",
    "appoint",
    "nominate",
    "establish",
    "set up",
    "prepare",
    "draw up",
    "notify",
    "conclude",
    "sign",
    "publicize",
    "publicise",
    "register",
    "transmit",
    "submit",
];

/// Whether the words describe a one-off duty.
pub(crate) fn once(vp: &str) -> bool {
    let timed = find_any(
        vp,
        &[
            "upon its entry into force",
            "upon entry into force",
            "not later than",
            "as soon as possible",
            "to the next",
            "at the next",
        ],
    )
    .is_some()
        || find_words(vp, "within")
            .iter()
            .any(|&at| !periods::find(&vp[at..]).is_empty() && periods::find(&vp[at..])[0].range.start < 12);
    let first = vp
        .split_whitespace()
        .find(|w| {
            ![
                "also",
                "jointly",
                "each",
                "promptly",
                "immediately",
                "thereafter",
                "further",
            ]
            .contains(w)
        })
        .unwrap_or("");
    let verb = ONE_OFF_VERBS.iter().any(|v| v.split(' ').next() == Some(first));
    timed || verb
}

/// Verbs that can open a second action in "shall conduct X and designate Y".
const VERBS: &[&str] = &[
    "designate",
    "appoint",
    "establish",
    "prepare",
    "submit",
    "inform",
    "notify",
    "exchange",
    "provide",
    "consult",
    "meet",
    "review",
    "report",
    "share",
    "cooperate",
    "coordinate",
    "promote",
    "facilitate",
    "take",
    "ensure",
    "set",
    "make",
    "hold",
    "conduct",
    "publicize",
    "publish",
    "invite",
    "participate",
    "contribute",
    "send",
    "transmit",
    "assist",
    "furnish",
    "arrange",
    "maintain",
    "keep",
    "pay",
    "deliver",
    "refrain",
    "respect",
    "observe",
    "develop",
    "implement",
    "organize",
    "organise",
    "support",
    "seek",
    "use",
    "return",
    "issue",
    "decide",
    "determine",
    "define",
    "consider",
    "approve",
    "adopt",
    "convene",
    "attend",
    "bring",
    "propose",
    "distribute",
    "protect",
    "avoid",
    "nominate",
    "identify",
    "study",
    "explore",
    "strengthen",
    "enhance",
    "undertake",
    "apply",
    "give",
    "grant",
    "allow",
    "permit",
    "help",
];

/// Splits "conduct regular consultations and designate contact persons" into its
/// actions when only one of them recurs: byte offsets where each action starts.
pub(crate) fn actions(vp: &str) -> Vec<usize> {
    let mut starts = vec![0];
    for at in find_words(vp, "and") {
        let next = vp[at + 3..].split_whitespace().next().unwrap_or("");
        if VERBS.contains(&next) {
            starts.push(at + 4);
        }
    }
    if starts.len() < 2 {
        return starts;
    }
    let parts: Vec<&str> = starts
        .iter()
        .enumerate()
        .map(|(k, &s)| &vp[s..starts.get(k + 1).copied().unwrap_or(vp.len())])
        .collect();
    let recurring = parts.iter().filter(|p| interval(p).is_some()).count();
    if recurring > 0 && recurring < parts.len() {
        starts
    } else {
        vec![0]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every(s: &str) -> Option<(String, bool)> {
        interval(s).map(|i| (i.every, i.assumed))
    }

    #[test]
    fn intervals_given_and_left_open() {
        assert_eq!(
            every("meet regularly, at least annually to review"),
            Some(("1 year".into(), false))
        );
        assert_eq!(every("report every two years"), Some(("two years".into(), false)));
        assert_eq!(every("meet twice a year"), Some(("6 months".into(), false)));
        assert_eq!(every("consult each other regularly"), Some(("1 year".into(), true)));
        assert_eq!(every("review it on a regular basis"), Some(("1 year".into(), true)));
        assert_eq!(every("conduct regular consultations"), Some(("1 year".into(), true)));
        assert_eq!(every("designate focal points for regular consultations"), None);
        assert_eq!(every("report to the next regular session"), None);
        assert_eq!(every("cooperate closely"), None);
    }

    #[test]
    fn one_off_duties() {
        assert!(once("prepare a work programme"));
        assert!(once("publicize it among their personnel upon its entry into force"));
        assert!(once("notify each other in writing of the date of such approval"));
        assert!(once("report to the next regular session of the Council"));
        assert!(once("pay the fee within 30 days"));
        assert!(!once("cooperate closely"));
    }

    #[test]
    fn actions_split_only_when_one_recurs() {
        let vp = "conduct regular consultations and designate contact persons";
        assert_eq!(actions(vp), vec![0, 34]);
        assert!(vp[34..].starts_with("designate"));
        assert_eq!(actions("cooperate closely and consult on matters"), vec![0]);
    }
}
