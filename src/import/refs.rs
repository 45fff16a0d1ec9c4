//! Who a phrase names: a party by any of its names ("the International Organization for
//! Migration", "IOM", "the Organization", "the Government"), both or each of them ("the
//! Parties", "both organizations", "each agency", "either Party", "the other"), or an
//! organ or officer of one ("the Secretariat of ECO", "the Director General" when the
//! text writes "Director General of IOM", "the Assembly of the Alpha Union").

use super::parties::Party;
use super::structure::Document;
use super::words::{find_words, tokens};

/// Phrases that name every party.
const ALL: &[&str] = &[
    "parties",
    "the parties",
    "both parties",
    "the two parties",
    "contracting parties",
    "the contracting parties",
    "states parties",
    "the states parties",
    "each party",
    "either party",
    "any party",
    "each of the parties",
    "either of the parties",
    "each of the contracting parties",
    "organizations",
    "organisations",
    "both organizations",
    "both organisations",
    "the two organizations",
    "the two organisations",
    "each organization",
    "each organisation",
    "either organization",
    "either organisation",
    "each agency",
    "either agency",
    "both agencies",
    "the two agencies",
    "the other",
    "the other party",
    "the other organization",
    "each side",
    "both sides",
    "signatories",
    "each signatory",
    "the signatories",
    "both",
    "each",
    "either",
];

/// Resolves phrases to parties.
#[derive(Clone, Debug)]
pub(crate) struct Refs<'a> {
    pub parties: &'a [Party],
    /// Titles of organs and officers and the party they belong to ("Director General").
    pub officers: Vec<(String, usize)>,
}

impl<'a> Refs<'a> {
    /// Learns which organs and officers belong to which party from "TITLE of PARTY".
    pub(crate) fn new(doc: &Document, parties: &'a [Party]) -> Refs<'a> {
        let mut found: Vec<(String, usize)> = Vec::new();
        for l in &doc.lines {
            let s = l.text.as_str();
            for at in find_words(s, "of") {
                let title = officer_before(s, at);
                if title.is_empty() {
                    continue;
                }
                let after = s[at + 2..].trim_start();
                let after = after.strip_prefix("the ").unwrap_or(after);
                if let Some(p) = party_at_start(parties, after) {
                    found.push((title, p));
                }
            }
        }
        let mut officers: Vec<(String, usize)> = Vec::new();
        for (t, p) in &found {
            let ambiguous = found.iter().any(|(t2, p2)| t2 == t && p2 != p)
                || parties.iter().any(|x| x.aliases.iter().any(|a| a == t));
            if !ambiguous && !officers.iter().any(|(t2, _)| t2 == t) {
                officers.push((t.clone(), *p));
            }
        }
        officers.sort_by_key(|(t, _)| std::cmp::Reverse(t.len()));
        Refs { parties, officers }
    }

    /// The parties a noun phrase names, if it names nothing but parties.
    pub(crate) fn parties_of(&self, np: &str) -> Option<Vec<usize>> {
        let np = clean_np(np);
        if np.is_empty() {
            return None;
        }
        let mut out: Vec<usize> = Vec::new();
        for part in split_conjuncts(&np) {
            let ids = self.one(&part)?;
            for i in ids {
                if !out.contains(&i) {
                    out.push(i);
                }
            }
        }
        out.sort_unstable();
        (!out.is_empty()).then_some(out)
    }

    fn one(&self, part: &str) -> Option<Vec<usize>> {
        let p = part.trim();
        let bare = p.strip_prefix("the ").or_else(|| p.strip_prefix("The ")).unwrap_or(p);
        let lower = p.to_lowercase();
        if ALL.contains(&lower.as_str()) || ALL.contains(&bare.to_lowercase().as_str()) {
            return Some((0..self.parties.len()).collect());
        }
        if let Some(i) = self.alias(bare) {
            return Some(vec![i]);
        }
        // "the Secretariat of ECO", "the Executive Heads of both organizations"
        if let Some(at) = find_words(bare, "of").first().copied() {
            let head = &bare[..at];
            let rest = bare[at + 2..].trim();
            if capitalised_words(head.trim()) {
                if let Some(ids) = self.one(rest) {
                    return Some(ids);
                }
            }
        }
        // "the Director General"
        if let Some((_, i)) = self.officers.iter().find(|(t, _)| t == bare) {
            return Some(vec![*i]);
        }
        // "IOM Administration", "ECO Secretariat"
        let toks = tokens(bare);
        if let Some((_, first)) = toks.first() {
            if toks.len() <= 3 && capitalised_words(bare) {
                if let Some(i) = self.alias(first) {
                    return Some(vec![i]);
                }
            }
        }
        None
    }

    /// The party one of whose names is exactly `s`.
    pub(crate) fn alias(&self, s: &str) -> Option<usize> {
        let s = s.trim().trim_end_matches(['’', '\'']).trim();
        self.parties.iter().position(|p| {
            p.aliases.iter().any(|a| {
                let acronym = a.chars().all(|c| c.is_uppercase() || !c.is_alphabetic());
                if acronym {
                    a == s
                } else {
                    a.eq_ignore_ascii_case(s)
                }
            })
        })
    }

    /// The party and organ a phrase names: "the Assembly of the Alpha Union" → (that
    /// party, Assembly); "the Alpha Union" → (that party, no organ).
    pub(crate) fn organ_of(&self, np: &str) -> Option<(usize, Option<String>)> {
        let np = clean_np(np);
        let bare = np
            .strip_prefix("the ")
            .or_else(|| np.strip_prefix("The "))
            .unwrap_or(&np);
        if let Some(i) = self.alias(bare) {
            return Some((i, None));
        }
        if let Some(at) = find_words(bare, "of").first().copied() {
            let head = bare[..at].trim();
            let rest = bare[at + 2..].trim();
            let rest = rest.strip_prefix("the ").unwrap_or(rest);
            if capitalised_words(head) {
                if let Some(i) = self.alias(rest) {
                    return Some((i, Some(head.to_string())));
                }
            }
        }
        if let Some((t, i)) = self.officers.iter().find(|(t, _)| t == bare) {
            return Some((*i, Some(t.clone())));
        }
        None
    }
}

/// A phrase without framing words: "Both", trailing "on its part", commas.
fn clean_np(np: &str) -> String {
    let mut s = np.trim().trim_matches([',', ';', ':', '.', ' ']).to_string();
    for tail in [
        ", on its part",
        " on its part",
        ", likewise",
        " likewise",
        " also",
        " itself",
        ", itself",
        " jointly",
    ] {
        if let Some(x) = s.strip_suffix(tail) {
            s = x.trim().to_string();
        }
    }
    for lead in ["Both ", "both "] {
        if let Some(x) = s.strip_prefix(lead) {
            if x.contains(" and ") {
                s = x.to_string();
            }
        }
    }
    s
}

/// "A and B", "A, B and C", "A as well as B".
fn split_conjuncts(np: &str) -> Vec<String> {
    let lower = np.to_lowercase();
    if crate::import::refs::ALL.contains(&lower.as_str()) {
        return vec![np.to_string()];
    }
    np.replace(" as well as ", " and ")
        .split(" and ")
        .flat_map(|p| p.split(", "))
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

/// Whether every word is capitalised (hyphenated parts too): "Director General",
/// "Secretary-General", "Executive Heads".
fn capitalised_words(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    !words.is_empty() && words.len() <= 5 && words.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// The capitalised title just before " of " at `at` ("the Director General of").
fn officer_before(s: &str, at: usize) -> String {
    let head = s[..at].trim_end();
    let mut words: Vec<&str> = Vec::new();
    for w in head.rsplit(' ') {
        let cap = w.chars().next().is_some_and(char::is_uppercase) && w.chars().all(|c| c.is_alphabetic() || c == '-');
        if !cap || words.len() == 4 || w == "The" {
            break;
        }
        words.push(w);
    }
    words.reverse();
    let title = words.join(" ");
    let skip = ["This", "Article", "Government", "Kingdom", "Republic"];
    if words.is_empty() || skip.contains(&words[0]) {
        return String::new();
    }
    title
}

/// The party whose name opens `s` (the longest name that does).
fn party_at_start(parties: &[Party], s: &str) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for (i, p) in parties.iter().enumerate() {
        for a in &p.aliases {
            let ok = s.starts_with(a.as_str()) && !s[a.len()..].chars().next().is_some_and(char::is_alphanumeric);
            if ok && best.is_none_or(|(_, l)| a.len() > l) {
                best = Some((i, a.len()));
            }
        }
    }
    best.map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::clean::clean;
    use crate::import::front::{preamble, title};
    use crate::import::parties::find;
    use crate::import::structure::segment;

    fn with_refs(text: &str, check: impl Fn(&Refs)) {
        let c = clean(text);
        let d = segment(c.lines, c.fixes);
        let t = title(&d);
        let pre = preamble(&d, t.as_ref());
        let parties = find(&d, t.as_ref(), &pre);
        let refs = Refs::new(&d, &parties);
        check(&refs);
    }

    const TEXT: &str = "AGREEMENT\n\nThe Alpha Union and the Beta Fund for Rivers (BFR),\n\nHave agreed as follows:\n\nArticle 1\nThe Director General of the Beta Fund for Rivers and the Secretary-General of the Alpha Union will hold talks. The Assembly of the Alpha Union is to approve them.\n";

    #[test]
    fn names_organs_and_collectives() {
        with_refs(TEXT, |r| {
            assert_eq!(r.parties_of("The Alpha Union and BFR"), Some(vec![0, 1]));
            assert_eq!(r.parties_of("the Parties"), Some(vec![0, 1]));
            assert_eq!(r.parties_of("Each Organization"), Some(vec![0, 1]));
            assert_eq!(r.parties_of("The Director General"), Some(vec![1]));
            assert_eq!(r.parties_of("the Secretariat of the Alpha Union"), Some(vec![0]));
            assert_eq!(r.parties_of("BFR Administration"), Some(vec![1]));
            assert_eq!(r.parties_of("The Alpha Union bodies named above"), None);
            assert_eq!(r.parties_of("Written statements"), None);
            assert_eq!(
                r.organ_of("the Assembly of the Alpha Union"),
                Some((0, Some("Assembly".into())))
            );
            assert_eq!(r.organ_of("the Beta Fund for Rivers"), Some((1, None)));
        });
    }
}
