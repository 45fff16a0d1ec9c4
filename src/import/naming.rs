//! What a party is called: its id (`eco`; `cis` from "the Executive Committee of the
//! CIS"; `netherlands` for "the Kingdom of the Netherlands"; `un` when the text uses
//! the initials; `customer` for a defined role), its abbreviation (defined in brackets
//! after the name, or the initials the text uses), and every other name the text
//! gives it ("the Government", "host State", "“Organization” means …"), so that a
//! sentence's subject can be matched to it.

use super::parties::Party;
use super::source::Quote;
use super::structure::Document;
use super::words::{find_words, is_caps, kebab, tokens};

/// Ids, aliases and acronyms for each party.
pub(super) fn complete(parties: &mut [Party], doc: &Document) {
    let all: String = doc.lines.iter().map(|l| l.text.as_str()).collect::<Vec<_>>().join("\n");
    let mut used: Vec<String> = Vec::new();
    for (k, p) in parties.iter_mut().enumerate() {
        let initials = acronym(&p.name);
        let acronym = initials
            .clone()
            .filter(|a| !find_words(&all, a).is_empty() && all.contains(a.as_str()));
        if p.short.is_none() {
            if let Some(a) = &acronym {
                if let Some(at) = doc
                    .lines
                    .iter()
                    .find(|l| l.text.as_str().split(|c: char| !c.is_alphanumeric()).any(|w| w == a))
                {
                    let col = at.text.as_str().find(a.as_str()).unwrap_or(0);
                    p.short = Some((a.clone(), at.text.quote(col..col + a.len())));
                }
            }
        }
        if p.short.is_none() {
            p.short = abbreviation_in_text(doc, &p.name);
        }
        let mut id = derive_id(p, acronym.as_deref(), initials.as_deref());
        if id.is_empty() {
            id = format!("party-{}", k + 1);
        }
        while used.contains(&id) {
            id.push_str("-2");
        }
        used.push(id.clone());
        p.id = id;
        let mut aliases = vec![p.name.clone()];
        if let Some((s, _)) = &p.short {
            aliases.push(s.clone());
            // "IOM Administration": the acronym alone names the party too.
            aliases.extend(
                tokens(s)
                    .into_iter()
                    .map(|(_, w)| w.to_string())
                    .filter(|w| is_caps(w) && w.len() >= 2),
            );
        }
        if let Some(a) = acronym {
            aliases.push(a);
        }
        if p.state {
            aliases.push("Government".into());
            aliases.push("host State".into());
            aliases.push("host country".into());
        }
        aliases.extend(defined_as(&all, &p.name));
        let mut seen = std::collections::HashSet::new();
        aliases.retain(|a| seen.insert(a.clone()));
        aliases.sort_by_key(|a| std::cmp::Reverse(a.len()));
        p.aliases = aliases;
    }
}

/// An abbreviation the text gives in brackets after the name: "… for Refugees (UNHCR)".
fn abbreviation_in_text(doc: &Document, name: &str) -> Option<(String, Quote)> {
    for l in &doc.lines {
        let s = l.text.as_str();
        for at in find_words(s, name) {
            let after = &s[at..];
            let Some(open) = after.find('(') else { continue };
            let gap = &after[..open];
            if gap.split_whitespace().count() != name.split_whitespace().count() {
                continue;
            }
            let close = after[open..].find(')').map(|c| open + c)?;
            let inner = &after[open + 1..close];
            if is_caps(inner) && !inner.contains(' ') && inner.len() <= 10 {
                return Some((inner.to_string(), l.text.quote(at + open + 1..at + close)));
            }
        }
    }
    None
}

/// Terms a definition gives for `name`: `"Host State" means the Republic of Utopia`
/// (or "… means the Government of the Republic of Utopia") gives "Host State" for
/// "Republic of Utopia".
fn defined_as(all: &str, name: &str) -> Vec<String> {
    let mut out = Vec::new();
    for at in find_words(all, "means") {
        let line_start = all[..at].rfind('\n').map_or(0, |k| k + 1);
        let line_end = all[at..].find(['\n', ';']).map_or(all.len(), |k| at + k);
        let meaning = &all[at + 5..line_end];
        let head = all[line_start..at].trim_end();
        let term = quoted_tail(head).unwrap_or_default();
        let m = meaning.trim().trim_start_matches("the ");
        let m = m
            .strip_prefix("Government of the ")
            .or_else(|| m.strip_prefix("Government of "))
            .unwrap_or(m);
        let m = m.trim_start_matches("the ");
        let is_name = m.starts_with(name)
            && m[name.len()..]
                .trim_start()
                .chars()
                .next()
                .is_none_or(|c| matches!(c, ',' | ';' | '.' | '('));
        if is_name && !term.is_empty() && term.len() < 40 {
            out.push(term.trim_start_matches("the ").to_string());
        }
    }
    out
}

/// The quoted term that ends `head` (`c) „Host State”` → `Host State`).
fn quoted_tail(head: &str) -> Option<String> {
    let close = head
        .chars()
        .next_back()
        .filter(|c| matches!(c, '”' | '"' | '’' | '\''))?;
    let inner = &head[..head.len() - close.len_utf8()];
    let open = inner.rfind(['“', '"', '„', '‘', '\''])?;
    let open_len = inner[open..].chars().next().map_or(1, char::len_utf8);
    Some(inner[open + open_len..].trim().to_string())
}

/// The initials of a name's capitalised words ("United Nations" → "UN").
fn acronym(name: &str) -> Option<String> {
    let initials: String = name
        .split_whitespace()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .filter_map(|w| w.chars().next())
        .collect();
    (initials.len() >= 2).then_some(initials)
}

/// The id: a capitalised abbreviation the text defines ("cis"), a state's name
/// ("netherlands"), the initials when the text uses them ("un"), a defined role
/// ("customer"), the initials, or the first word.
fn derive_id(p: &Party, in_text: Option<&str>, initials: Option<&str>) -> String {
    if let Some((s, _)) = &p.short {
        if let Some((_, caps)) = tokens(s).into_iter().find(|(_, w)| is_caps(w) && w.len() >= 2) {
            return kebab(caps);
        }
    }
    if p.state {
        let tail = p.name.rsplit(" of the ").next().unwrap_or(&p.name);
        let tail = tail.rsplit(" of ").next().unwrap_or(tail);
        return kebab(tail);
    }
    if let Some(a) = in_text {
        return kebab(a);
    }
    if let Some((s, _)) = &p.short {
        return kebab(s);
    }
    if let Some(a) = initials {
        return kebab(a);
    }
    kebab(p.name.split_whitespace().next().unwrap_or(""))
}
