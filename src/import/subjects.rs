//! Who an obligation binds. The subject of a duty clause names parties ("ECO and
//! IOM", "the Secretariat of ECO", "Each agency", "the other", "They"), or the clause
//! is a passive whose agent does ("shall be distributed by the Administration of
//! IOM"), a review of the agreement itself ("This MOU shall be reviewed"), a meeting
//! "between both organizations" that "will take place", terms to settle in the
//! parties' own instrument ("Special arrangements shall define …"), or a joint
//! undertaking in the passive ("a mutually agreeable plan … shall be prepared").
//! Rights and status ("shall be entitled", "shall enjoy", "shall be exempt") are not
//! duties.

use super::clauses::SELF;
use super::refs::Refs;
use super::words::{has_any, tokens};

/// Verb phrases that state a right, a privilege or a status, not a duty.
const NOT_DUTIES: &[&str] = &[
    "be entitled",
    "enjoy",
    "have the right",
    "be exempt",
    "be immune",
    "be inviolable",
    "possess",
    "be free",
    "apply",
    "be deemed",
    "be construed",
    "be interpreted",
    "remain",
    "enter into force",
    "terminate",
    "expire",
    "cease",
    "be final",
    "have effect",
    "take effect",
    "be binding",
    "be subject",
    "be bound",
    "be accorded",
    "be granted",
    "not apply",
    "be applicable",
    "prevail",
    "be governed",
    "be valid",
    "form",
    "be regarded",
    "mean",
    "include",
    "have the same",
    "be composed",
    "consist",
    "be the",
    "be an",
    "be a",
    "not affect",
    "affect",
    "be necessary",
    "be required",
    "be appropriate",
    "be desirable",
    "be found",
    "be made available to",
    "function",
    "be brought",
    "have",
    "not incur",
    "incur no",
    "bear no",
];

/// Passive participles that describe a state rather than an action.
const STATIVE: &[&str] = &[
    "deemed",
    "construed",
    "interpreted",
    "governed",
    "regarded",
    "understood",
    "entitled",
    "exempted",
    "accorded",
    "granted",
    "permitted",
    "allowed",
    "authorized",
    "authorised",
    "bound",
    "located",
    "composed",
    "considered",
    "recognized",
    "recognised",
    "subject",
    "settled",
    "determined",
    "based",
    "applied",
    "limited",
    "affected",
];

const IRREGULAR: &[&str] = &[
    "made",
    "held",
    "done",
    "set",
    "paid",
    "borne",
    "given",
    "taken",
    "kept",
    "sent",
    "brought",
    "sought",
    "built",
    "met",
    "shown",
    "known",
    "drawn",
    "chosen",
    "spent",
    "put",
    "laid",
    "led",
    "told",
    "undertaken",
    "written",
    "shared",
    "run",
];

/// Who the clause binds: the subject if it names parties, the agent of a passive, the
/// parties of a meeting "between" them, or all parties for a review of the agreement.
pub(crate) fn subject(
    prefix: &str,
    refs: &Refs,
    vp: &str,
    last: &Option<(usize, usize, Vec<usize>)>,
    at: (usize, usize),
    coordinated: Option<&Vec<usize>>,
) -> Option<(Vec<usize>, usize, Option<String>)> {
    let vp_l = vp.trim_start().to_lowercase();
    let vp_l = vp_l.trim_start_matches("also ").trim_start_matches("not only ");
    if let Some(parties) = instrument(prefix, vp_l, refs) {
        return Some((parties, prefix.len() - prefix.trim_start().len(), None));
    }
    if NOT_DUTIES
        .iter()
        .any(|n| vp_l.starts_with(n) && vp_l[n.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric()))
    {
        return None;
    }
    let trimmed = prefix.trim();
    if trimmed.is_empty() {
        return coordinated.map(|p| (p.clone(), 0, None));
    }
    let lower = trimmed.to_lowercase();
    if ["nothing", "no ", "none", "neither"]
        .iter()
        .any(|n| lower.starts_with(n))
    {
        return None;
    }
    if matches!(lower.as_str(), "they" | "both" | "each") {
        return last
            .as_ref()
            .filter(|(u, b, _)| (*u, *b) == at)
            .map(|l| (l.2.clone(), prefix.len() - prefix.trim_start().len(), None));
    }
    let passive = passive(vp);
    for (offset, np) in candidates(prefix) {
        if let Some(parties) = refs.parties_of(np) {
            return match &passive {
                None => Some((parties, offset, None)),
                Some((_, Some(agent))) => refs.parties_of(agent).map(|a| (a, offset, None)),
                // "the other shall be consulted": a generic subject is every party.
                Some((_, None))
                    if parties.len() == refs.parties.len()
                        && !refs
                            .parties
                            .iter()
                            .any(|p| p.aliases.iter().any(|a| np.contains(a.as_str()))) =>
                {
                    Some((parties, offset, None))
                }
                Some(_) => None,
            };
        }
    }
    if passive.is_none() {
        if let Some((offset, parties)) = suffix_subject(prefix, refs) {
            return Some((parties, offset, None));
        }
    }
    let all: Vec<usize> = (0..refs.parties.len()).collect();
    let start = prefix.len() - prefix.trim_start().len();
    // The subject proper: what follows the last comma ("Prior to …, a plan").
    let bare = prefix.trim().trim_end_matches(',');
    let trimmed = bare.rsplit(", ").next().unwrap_or(bare).trim();
    match passive {
        Some((_, Some(agent))) => refs.parties_of(&agent).map(|a| (a, start, None)),
        Some((p, None))
            if has_any(trimmed, SELF) && ["reviewed", "evaluated", "assessed", "monitored"].contains(&p.as_str()) =>
        {
            Some((all, start, None))
        }
        Some((p, None))
            if !STATIVE.contains(&p.as_str())
                && !has_any(trimmed, SELF)
                && !has_any(trimmed, &["that", "whereas", "if", "unless"])
                && joint(prefix, vp) =>
        {
            Some((
                all,
                start,
                Some("passive: the text does not say who must act; every party is assumed".into()),
            ))
        }
        _ => candidates(prefix)
            .into_iter()
            .find_map(|(o, np)| meeting_between(np, vp, refs).map(|p| (p, o, None))),
    }
}

/// Terms the parties are to settle in an instrument of their own: "Special
/// arrangements shall define the conditions of participation of each Party",
/// "initiatives … shall be the subject of a field-level Letter of Understanding".
fn instrument(prefix: &str, vp: &str, refs: &Refs) -> Option<Vec<usize>> {
    const INSTRUMENTS: &[&str] = &[
        "arrangement",
        "arrangements",
        "letter of understanding",
        "letters of understanding",
    ];
    let bare = prefix.trim().trim_end_matches(',');
    let subject = bare.rsplit(", ").next().unwrap_or(bare);
    let by_subject =
        has_any(subject, INSTRUMENTS) && !has_any(subject, SELF) && passive(vp).is_none() && !vp.starts_with("be ");
    let by_complement = vp.starts_with("be the subject of") && has_any(vp, INSTRUMENTS);
    (by_subject || by_complement).then(|| (0..refs.parties.len()).collect())
}

/// A subject after an opening phrase without a comma ("To realize their intentions
/// the Executive Committee of the CIS and IOM Administration shall"): the longest
/// ending of the prefix that names parties, not right after a preposition or "that".
fn suffix_subject(prefix: &str, refs: &Refs) -> Option<(usize, Vec<usize>)> {
    const GLUE: &[&str] = &[
        "of", "to", "and", "or", "by", "with", "for", "from", "that", "between", "in", "on", "at", "as", "than",
        "among", "whether", "if", "the", "a", "an", "its", "their", "his", "her",
    ];
    let toks = tokens(prefix);
    for k in 1..toks.len() {
        let prev = toks[k - 1].1.to_lowercase();
        let gap = &prefix[toks[k - 1].0 + toks[k - 1].1.len()..toks[k].0];
        if GLUE.contains(&prev.as_str()) || gap.contains(',') {
            continue;
        }
        let (at, w) = toks[k];
        if !(w.chars().next().is_some_and(char::is_uppercase) || ["the", "both", "each", "either"].contains(&w)) {
            continue;
        }
        if let Some(p) = refs.parties_of(&prefix[at..]) {
            return Some((at, p));
        }
    }
    None
}

/// Whether an agentless passive is a joint undertaking: the words say the action or
/// its object is joint or mutual ("a mutually agreeable plan … shall be prepared").
/// A passive that only mentions a party ("tax … shall be refunded to the
/// Organization") does not say who acts, so it is left out.
fn joint(prefix: &str, vp: &str) -> bool {
    let s = format!("{prefix} {vp}");
    has_any(&s, &["joint", "jointly", "mutual", "mutually", "common"]) && !vp.trim_start().starts_with("not ")
}

/// Where the subject may be in a prefix: all of it, its first part before a comma
/// ("The Parties, recognizing …,"), or its last part ("In so far as possible, …, IOM
/// and UNHCR").
fn candidates(prefix: &str) -> Vec<(usize, &str)> {
    let mut out = vec![(0, prefix)];
    if let Some(c) = prefix.find(", ") {
        out.push((0, &prefix[..c]));
    }
    if let Some(c) = prefix.rfind(", ") {
        out.push((c + 2, &prefix[c + 2..]));
    }
    out.into_iter()
        .map(|(o, s)| (o + (s.len() - s.trim_start().len()), s.trim()))
        .collect()
}

/// A passive verb phrase: its participle, and its agent ("by X", "between X").
fn passive(vp: &str) -> Option<(String, Option<String>)> {
    let toks = tokens(vp);
    let mut k = 0;
    while toks
        .get(k)
        .is_some_and(|(_, w)| ["also", "likewise", "further", "jointly", "promptly", "not"].contains(w))
    {
        k += 1;
    }
    if toks.get(k).map(|t| t.1) != Some("be") {
        return None;
    }
    let (at, p) = *toks.get(k + 1)?;
    let participle = p.ends_with("ed") || p.ends_with("en") || IRREGULAR.contains(&p);
    if !participle {
        return None;
    }
    let rest = &vp[at + p.len()..];
    let agent = ["by ", "between "].iter().find_map(|w| {
        let mut r = rest.trim_start();
        // "reviewed jointly by", "exchanged also between"
        while let Some((word, after)) = r.split_once(' ') {
            if word == "also" || (word.ends_with("ly") && word.len() > 3) {
                r = after.trim_start();
            } else {
                break;
            }
        }
        r.strip_prefix(w)
            .map(|a| a.split([',', '.', ';']).next().unwrap_or(a).trim().to_string())
    });
    let agent = agent.map(|a| longest_party_prefix(&a));
    Some((p.to_string(), agent))
}

/// The words of `s` up to the end of the longest run that could name parties.
fn longest_party_prefix(s: &str) -> String {
    let cut = [
        " to ", " for ", " with ", " in ", " on ", " upon ", " at ", " within ", " from ",
    ]
    .iter()
    .filter_map(|w| s.find(w))
    .min()
    .unwrap_or(s.len());
    s[..cut].trim().to_string()
}

/// "consultations between both organizations … will take place".
fn meeting_between(subject: &str, vp: &str, refs: &Refs) -> Option<Vec<usize>> {
    let head = subject.split_whitespace().next()?.to_lowercase();
    let nouns = [
        "consultations",
        "consultation",
        "meetings",
        "meeting",
        "cooperation",
        "coordination",
        "exchanges",
        "exchange",
        "contacts",
    ];
    if !nouns.contains(&head.as_str()) {
        return None;
    }
    let v = vp.trim_start().to_lowercase();
    if !["take place", "be held", "be conducted", "continue", "also take place"]
        .iter()
        .any(|x| v.starts_with(x))
    {
        return None;
    }
    let (at, w) = ["between ", "among "]
        .iter()
        .find_map(|w| subject.find(w).map(|a| (a, w.len())))?;
    refs.parties_of(&longest_party_prefix(&subject[at + w..]))
}
