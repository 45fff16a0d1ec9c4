//! The duty clauses of a sentence: each trigger (shall, will, must, should, may,
//! undertake(s) to, agree(s) to, commit(s) to, is/are to, intend(s) to, express(es) …
//! intention) with the clause it opens, the subject
//! before it (carried over in "… and will send"), and its verb phrase. A trigger in a
//! relative clause ("such action as may be necessary", "bodies that may be
//! established") or inside another duty's verb phrase is not a duty of its own. A
//! resolution's "Requests the Director General to report" is one. Who each clause
//! binds is decided by [`super::subjects`].

use super::draft::Modality;
use super::refs::Refs;
use super::subjects::subject;
use super::words::{find_words, tokens};

/// What triggers a duty, and its modality.
const TRIGGERS: &[(&str, Modality)] = &[
    ("shall", Modality::Shall),
    ("must", Modality::Shall),
    ("will", Modality::Will),
    ("should", Modality::Should),
    ("may", Modality::May),
    ("intend to", Modality::Intends),
    ("intends to", Modality::Intends),
    ("express their intention", Modality::Intends),
    ("expresses its intention", Modality::Intends),
    ("declare their intention", Modality::Intends),
    ("declares its intention", Modality::Intends),
    ("have the intention", Modality::Intends),
    ("has the intention", Modality::Intends),
    ("undertake to", Modality::Shall),
    ("undertakes to", Modality::Shall),
    ("agree to", Modality::Shall),
    ("agrees to", Modality::Shall),
    ("commit to", Modality::Shall),
    ("commits to", Modality::Shall),
    ("are to", Modality::Shall),
    ("is to", Modality::Shall),
];

/// A clause found in a sentence.
pub(crate) struct Clause {
    pub modality: Modality,
    pub parties: Vec<usize>,
    /// Where the clause starts (its subject) and its verb phrase.
    pub start: usize,
    /// The subject's words when they come from a preceding clause ("… and will send").
    pub carried: Option<String>,
    pub vp: std::ops::Range<usize>,
    pub review: Option<String>,
}

/// "Requests the Director General to report …", an operative paragraph of a resolution.
pub(crate) fn resolution(t: &str, refs: &Refs) -> Option<Clause> {
    let (verb, review) = [
        ("Requests", None),
        ("Instructs", None),
        ("Invites", Some("an invitation in a resolution, read as a duty")),
        ("Calls upon", Some("a call in a resolution, read as a duty")),
        ("Urges", Some("an urging in a resolution, read as a duty")),
    ]
    .into_iter()
    .find(|(v, _)| t.starts_with(v) || t.starts_with(&format!("Also {}", v.to_lowercase())))?;
    let after = t.find(&verb[1..]).map(|k| k + verb.len() - 1)?;
    let to = find_words(&t[after..], "to").first().map(|k| after + k)?;
    let target = t[after..to].trim();
    let parties = refs.parties_of(target)?;
    Some(Clause {
        modality: Modality::Shall,
        parties,
        // The text keeps the operative verb: "Requests the Director General to report …".
        start: 0,
        carried: None,
        vp: to..t.len(),
        review: review.map(String::from),
    })
}

/// The duty clauses of one sentence.
pub(crate) fn clauses_of(
    t: &str,
    refs: &Refs,
    last: &mut Option<(usize, usize, Vec<usize>)>,
    at: (usize, usize),
) -> Vec<Clause> {
    let triggers = triggers(t);
    let mut out = Vec::new();
    let mut prev_end = 0;
    let mut prev_parties: Option<Vec<usize>> = None;
    let mut prev_subject = String::new();
    // "IOM recognizes the mandate …, and shall cooperate": the sentence's subject.
    let lead = leading_subject(t, refs);
    if let Some((_, words)) = &lead {
        prev_subject = words.clone();
    }
    for (k, &(pos, len, modality)) in triggers.iter().enumerate() {
        let clause_start = boundary_before(t, prev_end, pos);
        let embedded = k > 0 && clause_start.is_none();
        let start = clause_start.unwrap_or(prev_end);
        if relative(&t[start..pos]) {
            continue;
        }
        prev_end = pos + len;
        if embedded {
            continue;
        }
        let vp_end = triggers
            .get(k + 1)
            .map_or(t.len(), |&(p, _, _)| {
                boundary_before(t, pos + len, p).unwrap_or(t.len())
            })
            .min(t.len());
        // "keep it available and" | "will send …": the joining word is not the duty's.
        let kept = t[..vp_end].trim_end();
        let kept = kept
            .strip_suffix(", and")
            .or_else(|| kept.strip_suffix(" and"))
            .unwrap_or(kept);
        let vp_end = kept.trim_end_matches([',', ';']).len().max(pos + len);
        let vp = skip_parentheticals(t, pos + len, vp_end);
        let prefix = &t[start..pos];
        let carried_over = prev_parties.as_ref().or(lead.as_ref().map(|l| &l.0));
        let found = subject(prefix, refs, &t[vp.clone()], last, at, carried_over);
        let Some((parties, subject_start, review)) = found else {
            continue;
        };
        // An agentless passive with "may" ("may also be used") grants, it does not bind.
        if review.is_some() && modality == Modality::May {
            continue;
        }
        prev_parties = Some(parties.clone());
        *last = Some((at.0, at.1, parties.clone()));
        let own = t[start + subject_start..pos].trim().to_string();
        let carried = own.is_empty().then(|| prev_subject.clone()).filter(|c| !c.is_empty());
        if !own.is_empty() {
            prev_subject = own;
        }
        out.push(Clause {
            modality,
            parties,
            start: start + subject_start,
            carried,
            vp,
            review,
        });
    }
    out
}

/// The parties the opening words of a sentence name ("The International Organization
/// for Migration recognizes …"), with those words.
fn leading_subject(t: &str, refs: &Refs) -> Option<(Vec<usize>, String)> {
    let toks = tokens(t);
    (1..=toks.len().min(12)).rev().find_map(|k| {
        let end = toks[k - 1].0 + toks[k - 1].1.len();
        refs.parties_of(&t[..end]).map(|p| (p, t[..end].to_string()))
    })
}

/// Whether a trigger belongs to a relative clause: a relative pronoun since the last
/// comma ("bodies that … may be established", "from which information may be
/// collected"), or "as may be necessary".
fn relative(before: &str) -> bool {
    let tail = before.rsplit([',', ';']).next().unwrap_or(before);
    let lower = tail.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    words
        .iter()
        .any(|w| ["which", "that", "who", "whom", "whose", "where", "whereby"].contains(w))
        || words.last() == Some(&"as")
        || words.last() == Some(&"it")
}

/// Positions of duty triggers: (byte offset, length, modality).
fn triggers(t: &str) -> Vec<(usize, usize, Modality)> {
    let mut out: Vec<(usize, usize, Modality)> = Vec::new();
    for (word, m) in TRIGGERS {
        for at in find_words(t, word) {
            // "May" with a capital is the month; "Should" opens a condition ("Should
            // a dispute arise").
            if (*word == "may" && t[at..].starts_with('M')) || (*word == "should" && t[at..].starts_with('S')) {
                continue;
            }
            if !out.iter().any(|(a, l, _)| at >= *a && at < a + l) {
                out.push((at, word.len(), *m));
            }
        }
    }
    out.sort_by_key(|x| x.0);
    out
}

/// The start of the clause a trigger at `pos` belongs to, after `from`: after "; ",
/// ", and ", ", but ", ", while ", or at `from` when `from` is the sentence start.
fn boundary_before(t: &str, from: usize, pos: usize) -> Option<usize> {
    let seg = &t[from..pos];
    // "will keep it available and will send": the subject carries over.
    if from > 0
        && (seg.trim_end().ends_with(" and") || seg.trim_end().ends_with(", and"))
        && seg.trim_end().len() < seg.len()
    {
        return Some(pos);
    }
    let marks = ["; ", ", and ", ", but ", ", while ", ", whereas ", " and that "];
    let best = marks
        .iter()
        .filter_map(|m| seg.rfind(m).map(|k| from + k + m.len()))
        .max();
    match best {
        Some(b) => Some(b),
        None if from == 0 => Some(0),
        None => None,
    }
}

/// The verb phrase from `from`, without a parenthetical right after the modal
/// ("shall, in accordance with …, bring" → "bring …").
fn skip_parentheticals(t: &str, from: usize, end: usize) -> std::ops::Range<usize> {
    let rest = &t[from..end];
    let trimmed = rest.trim_start();
    let lead = rest.len() - trimmed.len();
    if let Some(inner) = trimmed.strip_prefix(", ") {
        if let Some(close) = inner.find(", ") {
            let start = from + lead + 2 + close + 2;
            if start < end {
                return start..end;
            }
        }
    }
    from + lead..end
}
