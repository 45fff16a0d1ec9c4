//! The lifecycle of an agreement as of a date, derived from its clauses and recorded
//! events (nothing derived is stored in files), and true of that day: nothing is said
//! before it happened. Entry into force (VCLT art. 24, see [`super::entry`]) and
//! provisional application (art. 25), approvals awaited, notice and termination (arts.
//! 67, 68, 78, see [`super::ends`]), what survives termination, supersession.

use super::ends::{pending_notice, recorded_end};
use super::entry::{entry_into_force, in_force_since, provisionally_applied_since, EntryIntoForce};
use crate::model::*;
use crate::time::calendar::shift;
use chrono::NaiveDate;
use std::fmt;

crate::keywords! {
    /// Where an agreement stands.
    pub enum State: "state" {
        Draft = "draft": "a text not signed (yet): under negotiation, or not signed on the day asked about",
        AwaitingApproval = "awaiting_approval": "final, awaiting the approvals its entry into force requires",
        Signed = "signed": "signed, not yet in force",
        ProvisionallyApplied = "provisionally_applied": "applied provisionally before entry into force (VCLT art. 25)",
        InForce = "in_force": "in force",
        Terminating = "terminating": "in force, with its last day known",
        Terminated = "terminated": "no longer in force",
        Superseded = "superseded": "replaced by an agreement that supersedes it",
    }
}

impl State {
    /// The state in words, for tables: "in force".
    pub fn label(self) -> &'static str {
        match self {
            State::Draft => "draft",
            State::AwaitingApproval => "awaiting approval",
            State::Signed => "signed",
            State::ProvisionallyApplied => "provisionally applied",
            State::InForce => "in force",
            State::Terminating => "terminating",
            State::Terminated => "terminated",
            State::Superseded => "superseded",
        }
    }
}

/// Where an agreement stands on a date, with the reason in words.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Status {
    pub state: State,
    pub in_force_since: Option<NaiveDate>,
    pub provisionally_applied_since: Option<NaiveDate>,
    /// Terminating or terminated: the last day in force.
    pub last_day_in_force: Option<NaiveDate>,
    /// Terminating or terminated: the day termination takes effect.
    pub takes_effect_on: Option<NaiveDate>,
    pub superseded_by: Option<(String, NaiveDate)>,
    pub missing_approvals: Vec<Approval>,
    /// Entry into force rests on the file author's assumption.
    pub assumed: bool,
    /// Terminated: the provisions that continue to apply, and until when.
    pub survives: Vec<Surviving>,
    pub reason: String,
}

/// Provisions that continue to apply after the end.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Surviving {
    pub articles: Vec<String>,
    /// Their last day: the last day in force + the survival period (Reg. 1182/71).
    pub until: NaiveDate,
    /// The survival clause.
    pub article: Option<String>,
    pub scope: Option<String>,
}

impl Status {
    fn new(state: State, reason: String) -> Status {
        Status {
            state,
            in_force_since: None,
            provisionally_applied_since: None,
            last_day_in_force: None,
            takes_effect_on: None,
            superseded_by: None,
            missing_approvals: Vec::new(),
            assumed: false,
            survives: Vec::new(),
            reason,
        }
    }

    /// Ended: terminated, with the last day in force and what survives it.
    fn ended(&mut self, a: &Agreement, last: NaiveDate, takes_effect: NaiveDate, why: String, as_of: NaiveDate) {
        self.state = State::Terminated;
        self.last_day_in_force = Some(last);
        self.takes_effect_on = Some(takes_effect);
        self.survives = surviving(a, last, as_of);
        self.reason = format!("terminated: {why}{}", survival_words(&self.survives));
    }
}

/// The status of `a` on `as_of`; `all` is the folder, for supersession.
pub fn status(a: &Agreement, as_of: NaiveDate, all: &[Agreement]) -> Status {
    if let Some(date) = a.date.filter(|d| a.draft && *d > as_of) {
        return Status::new(State::Draft, format!("the draft text of {date} did not exist yet"));
    }
    let since = match entry_into_force(a, as_of) {
        EntryIntoForce::Since { date, reason, assumed } => {
            let mut st = Status::new(State::InForce, format!("in force since {date}, {reason}"));
            st.in_force_since = Some(date);
            st.assumed = assumed;
            st
        }
        other => return not_in_force(a, other, as_of),
    };
    in_force(a, since, as_of, all)
}

/// In force: ended by a recorded termination or the end of its condition, superseded,
/// or ending under a notice on record.
fn in_force(a: &Agreement, mut st: Status, as_of: NaiveDate, all: &[Agreement]) -> Status {
    let ended = recorded_end(a);
    if let Some(end) = ended.as_ref().filter(|e| e.takes_effect_on <= as_of) {
        st.ended(a, end.last_day_in_force, end.takes_effect_on, end.reason.clone(), as_of);
        return st;
    }
    apply_supersession(&mut st, superseded(a, as_of, all));
    if st.state == State::Superseded {
        return st;
    }
    let expires = expiry(a, as_of);
    let notice = pending_notice(a, as_of);
    if let Some((last, why)) = expires
        .as_ref()
        .filter(|(last, _)| notice.as_ref().is_none_or(|n| *last < n.last_day_in_force))
    {
        let next = last.succ_opt().unwrap_or(*last);
        if next <= as_of {
            let why = why.replacen(" runs from ", " ran from ", 1);
            st.ended(a, *last, next, format!("expired: {why}, its last day in force"), as_of);
        } else {
            st.last_day_in_force = Some(*last);
            st.takes_effect_on = Some(next);
            st.reason = format!("{}; {why}, its last day", st.reason);
        }
        return st;
    }
    if let Some(n) = notice {
        let by = a.party_label(&n.by);
        if n.takes_effect_on <= as_of {
            let why = format!(
                "notice by {by} received {}, last day in force {}, termination took effect on {}",
                n.received, n.last_day_in_force, n.takes_effect_on
            );
            st.ended(a, n.last_day_in_force, n.takes_effect_on, why, as_of);
        } else {
            st.state = State::Terminating;
            st.last_day_in_force = Some(n.last_day_in_force);
            st.takes_effect_on = Some(n.takes_effect_on);
            st.reason = format!(
                "terminating: notice by {by} received {}, in force until {} (its last day); termination takes effect on {}",
                n.received, n.last_day_in_force, n.takes_effect_on
            );
        }
        return st;
    }
    // On its last day, an agreement whose termination took effect the next day was
    // terminating, whether or not the notice is on record.
    if let Some(end) = ended.filter(|e| e.last_day_in_force == as_of) {
        st.state = State::Terminating;
        st.last_day_in_force = Some(end.last_day_in_force);
        st.takes_effect_on = Some(end.takes_effect_on);
        st.reason = format!("terminating: its last day; {}", end.reason);
    }
    st
}

/// The end of a fixed term that is not renewed tacitly: its last day, and why ("the
/// fixed term of 3 years (Art. 2) runs from 2024-02-29 to 2027-02-27").
fn expiry(a: &Agreement, as_of: NaiveDate) -> Option<(NaiveDate, String)> {
    let rules = super::rules::rules(a, as_of, &super::rules::Options::default()).ok()?;
    let term = rules.term.as_ref()?;
    if term.renewal.is_some() {
        return None;
    }
    let (start, last) = term.term(0)?;
    Some((
        last,
        format!(
            "the fixed term of {}{} runs from {start} to {last}",
            term.length,
            cite(term.article.as_deref())
        ),
    ))
}

/// Not in force on `as_of`: provisionally applied, or a draft, awaiting approval, or
/// signed, with the next step.
fn not_in_force(a: &Agreement, eif: EntryIntoForce, as_of: NaiveDate) -> Status {
    let signed = a.signature_date().is_some_and(|d| d <= as_of);
    let mut reason = eif.not_in_force_reason(a);
    let state = match &eif {
        _ if a.draft => State::Draft,
        EntryIntoForce::AwaitingApprovals { .. } => State::AwaitingApproval,
        _ if signed => State::Signed,
        _ => {
            reason = not_signed(a, &eif, as_of);
            State::Draft
        }
    };
    if let Some(sup) = supersedes_words(a) {
        reason.push_str(&sup);
    }
    let mut st = Status::new(state, reason);
    if let EntryIntoForce::AwaitingApprovals { missing, .. } = eif {
        st.missing_approvals = missing;
    }
    if let Some((since, how)) = provisionally_applied_since(a, as_of) {
        match provisional_application_ended(a, since, as_of) {
            Some(ended) => st.reason = format!("{}; {ended}", st.reason),
            None => {
                st.state = State::ProvisionallyApplied;
                st.provisionally_applied_since = Some(since);
                st.reason = format!("{how} since {since}; not in force: {}", st.reason);
            }
        }
    }
    st
}

/// "not yet signed (signature on 2009-01-27); then in force on signature (Art. IX(1))".
fn not_signed(a: &Agreement, eif: &EntryIntoForce, as_of: NaiveDate) -> String {
    let next = match a.signature_date().filter(|d| *d > as_of) {
        Some(d) => format!("not yet signed (signature on {d})"),
        None => "not signed".to_string(),
    };
    let article = a.entry_into_force.as_ref().and_then(|c| c.article.as_deref());
    match eif {
        EntryIntoForce::AwaitingSignature { .. } => format!("{next}; in force on signature{}", cite(article)),
        EntryIntoForce::Unknown { reason } => format!("{next}; entry into force cannot be established: {reason}"),
        other => format!("{next}; {}", other.not_in_force_reason(a)),
    }
}

/// Provisional application ended by a notice that a party will not become a party (VCLT
/// art. 25(2)); in a multilateral agreement such a notice ends it for that party only.
fn provisional_application_ended(a: &Agreement, since: NaiveDate, as_of: NaiveDate) -> Option<String> {
    if a.is_multilateral() {
        return None;
    }
    let e = a
        .events_of(EventKind::NoticeGiven, as_of)
        .find(|e| e.scope == Some(NoticeScope::ProvisionalApplication) && e.date >= since)?;
    let by = e.by.as_deref().map(|b| a.party_label(b)).unwrap_or_default();
    Some(format!(
        "provisional application ended on {}: notice by {by} that it will not become a party ({}(2))",
        e.date,
        a.vclt("25")
    ))
}

/// "; on entry into force it supersedes the Cooperation Agreement … (Art. 17(2))".
fn supersedes_words(a: &Agreement) -> Option<String> {
    let list: Vec<String> = a
        .supersedes
        .iter()
        .map(|r| {
            let what = match r {
                Reference::Id { id, .. } => id.clone(),
                Reference::External { title, date, .. } => {
                    format!(
                        "{title}{}",
                        date.as_ref().map(|d| format!(" of {d}")).unwrap_or_default()
                    )
                }
            };
            format!("{what}{}", cite(r.article()))
        })
        .collect();
    (!list.is_empty()).then(|| format!("; on entry into force it supersedes {}", list.join(", ")))
}

/// The survival clauses still running on `as_of` after an end whose last day in force is
/// `last`: each until `last` + its period (Reg. 1182/71).
pub fn surviving(a: &Agreement, last: NaiveDate, as_of: NaiveDate) -> Vec<Surviving> {
    a.survival
        .iter()
        .filter_map(|s| {
            let until = shift(last, s.period)?;
            (until >= as_of).then(|| Surviving {
                articles: s.articles.clone(),
                until,
                article: s.article.clone(),
                scope: s.scope.clone(),
            })
        })
        .collect()
}

/// "; Arts. 8, 9 continue to apply until 2022-06-10 (Art. 14(3))".
fn survival_words(survives: &[Surviving]) -> String {
    survives
        .iter()
        .map(|s| {
            format!(
                "; {} {} continue to apply until {}{}",
                if s.articles.len() == 1 { "article" } else { "articles" },
                s.articles.join(", "),
                s.until,
                cite(s.article.as_deref())
            )
        })
        .collect()
}

/// The supersession rule: of the agreements that supersede one (`candidates`: each
/// id with its date of entry into force, if it has entered into force), those in force
/// on `as_of` supersede it from the earliest of their dates. Used on the whole folder
/// ([`superseded`]) and, by commands that stream the folder, on its index.
///
/// ```
/// use accord::engine::status::superseding;
/// use chrono::NaiveDate;
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
/// let by = [("later", d(2030, 1, 1)), ("earlier", d(2020, 1, 1)), ("draft", None)];
/// let on = |y| superseding(by.map(|(id, date)| (id.to_string(), date)), d(y, 6, 1).unwrap());
/// assert_eq!(on(2025), Some(("earlier".to_string(), d(2020, 1, 1).unwrap())));
/// assert_eq!(on(2019), None);
/// ```
pub fn superseding(
    candidates: impl IntoIterator<Item = (String, Option<NaiveDate>)>,
    as_of: NaiveDate,
) -> Option<(String, NaiveDate)> {
    candidates
        .into_iter()
        .filter_map(|(id, since)| since.filter(|d| *d <= as_of).map(|d| (id, d)))
        .min_by_key(|(_, d)| *d)
}

/// Marks a status superseded (by the agreement and from the date [`superseding`]
/// found) when the agreement is in force or terminating.
pub fn apply_supersession(st: &mut Status, by: Option<(String, NaiveDate)>) {
    if !matches!(st.state, State::InForce | State::Terminating) {
        return;
    }
    if let Some((by, date)) = by {
        st.state = State::Superseded;
        st.reason = format!("superseded by {by} from {date}");
        st.superseded_by = Some((by, date));
    }
}

/// The agreement of the folder `all` that supersedes `a` on `as_of`, if any, and from when.
pub fn superseded(a: &Agreement, as_of: NaiveDate, all: &[Agreement]) -> Option<(String, NaiveDate)> {
    if a.superseded_by.is_empty() {
        return None;
    }
    let candidates = all
        .iter()
        .filter(|b| b.id != a.id && a.superseded_by.contains(&b.id))
        .map(|b| (b.id.clone(), in_force_since(b, as_of)));
    superseding(candidates, as_of)
}

impl fmt::Display for Surviving {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} until {}", self.articles.join(", "), self.until)
    }
}
