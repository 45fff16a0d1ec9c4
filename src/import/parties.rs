//! The parties: read from the preamble's opening ("The Economic Cooperation
//! Organization (ECO) and the International Organization for Migration (IOM),
//! hereinafter referred to as the Parties,"), from a contract's "by and between X,
//! a … corporation ("the Customer"), and Y", or from the title's "between X and Y".
//! Each party gets the abbreviation or role the text defines for it, an id derived
//! from it (`eco`, `cis` from "the Executive Committee of the CIS", `netherlands` for
//! "the Kingdom of the Netherlands", `customer`), and every name the text uses for
//! it, including definitions ("“Government” means the Government of …").

use super::casing::Fallback;
use super::front::{paragraphs, Title};
use super::naming::complete;
use super::source::{Quote, Text};
use super::structure::Document;
use super::words::{find_any, find_words, tokens};

/// A party as found in the text.
#[derive(Clone, Debug)]
pub(crate) struct Party {
    pub id: String,
    pub name: String,
    pub quote: Quote,
    /// The abbreviation or role the text defines ("ECO", "the Customer").
    pub short: Option<(String, Quote)>,
    /// Every way the text names it, longest first.
    pub aliases: Vec<String>,
    /// A state (its government acts for it).
    pub state: bool,
    /// Stands for the parties the text does not name ("Other parties").
    pub collective: bool,
    /// Organs whose approval a clause requires (filled by the clause readers).
    pub organs: Vec<String>,
    pub signatory: Option<(String, Option<String>, Quote)>,
}

/// Words that open a recital and end the list of parties.
const RECITALS: &[&str] = &[
    "recalling",
    "considering",
    "having",
    "whereas",
    "bearing",
    "noting",
    "desiring",
    "wishing",
    "recognizing",
    "recognising",
    "convinced",
    "conscious",
    "taking",
    "mindful",
    "acknowledging",
    "reaffirming",
    "expressing",
    "emphasizing",
    "emphasising",
    "believing",
    "determined",
    "aware",
    "guided",
    "hereby",
];

/// Phrases that end a party's name and begin a description of it.
const DESCRIPTORS: &[&str] = &[
    ", a ",
    ", an ",
    ", having",
    ", represented",
    ", acting",
    ", hereinafter",
    ", herein",
    ", hereafter",
    ", thereafter",
    ", with ",
    ", whose",
    ", located",
    ", organized",
    ", organised",
    ", incorporated",
    ", registered",
    ", established",
    " represented by",
    " acting through",
    " hereinafter",
    " thereafter",
    " hereafter",
];

/// Finds the parties; an empty list when the text names fewer than two.
pub(crate) fn find(doc: &Document, title: Option<&Title>, preamble: &[Text]) -> Vec<Party> {
    let mut candidates: Vec<Text> = Vec::new();
    if let Some(first) = preamble.first() {
        candidates.push(first.clone());
    }
    candidates.extend(
        preamble
            .iter()
            .skip(1)
            .take(3)
            .filter(|p| find_any(p.as_str(), &["between"]).is_some())
            .cloned(),
    );
    let mut parties = Vec::new();
    for c in &candidates {
        parties = from_phrase(c, doc);
        if parties.len() >= 2 {
            break;
        }
    }
    if parties.len() < 2 {
        if let Some(t) = title {
            let text = title_text(doc, t);
            parties = from_phrase(&text, doc);
        }
    }
    if parties.len() < 2 {
        return Vec::new();
    }
    complete(&mut parties, doc);
    parties
}

fn title_text(doc: &Document, t: &Title) -> Text {
    let lines: Vec<_> = doc
        .lines
        .iter()
        .filter(|l| l.no >= t.quote.line && l.no <= t.last_line)
        .cloned()
        .collect();
    let mut text = Text::new();
    for p in paragraphs(&lines) {
        text.join_line(&p);
    }
    text
}

/// The parties named in one phrase ("X (A) and the Y (B), hereinafter …").
fn from_phrase(phrase: &Text, doc: &Document) -> Vec<Party> {
    let s = phrase.as_str();
    let start = find_any(s, &["by and between", "between"]).map_or(0, |(at, k)| at + if k == 0 { 14 } else { 7 });
    let end = recital_start(s, start).unwrap_or(s.len());
    let part = phrase.slice(start..end);
    let p = part.as_str();
    // The best-scored " and " whose two sides both name a party.
    for (l, r) in ands(p) {
        let left = mention(&part.slice(0..l).trim(), doc);
        let right = mention(&part.slice(r..p.len()).trim(), doc);
        if let (Some(a), Some(b)) = (left, right) {
            return vec![a, b];
        }
    }
    Vec::new()
}

/// Where the list of parties ends in `s` (after `from`): a recital word after a comma
/// or a semicolon, or a word that ends a title's "between X and Y" ("concerning").
fn recital_start(s: &str, from: usize) -> Option<usize> {
    tokens(s).into_iter().filter(|(at, _)| *at > from).find_map(|(at, w)| {
        let lower = w.to_lowercase();
        let after_punct = s[..at].trim_end().ends_with([',', ';']);
        // Recitals open with a capital ("…, Recalling"); "…, having its seat at" describes.
        let capital = w.chars().next().is_some_and(char::is_uppercase);
        let recital = (after_punct && capital && RECITALS.contains(&lower.as_str()))
            || ["agree", "whereas", "witnesseth", "recitals"].contains(&lower.as_str());
        let cut = ["concerning", "regarding", "relating", "on"].contains(&w);
        (recital || cut).then_some(at)
    })
}

/// The " and " that separates two parties: outside brackets and quotes, preferring
/// ", and the", then " and the" or ", and", then " and " before a capital.
fn ands(s: &str) -> Vec<(usize, usize)> {
    let mut depth = 0i32;
    let mut found: Vec<(u8, usize, usize)> = Vec::new();
    let b = s.as_bytes();
    for (i, c) in s.char_indices() {
        match c {
            '(' | '“' | '[' => depth += 1,
            ')' | '”' | ']' => depth -= 1,
            _ => {}
        }
        if depth != 0 || !s[i..].starts_with(" and ") {
            continue;
        }
        let comma = i > 0 && b[i - 1] == b',';
        let after = &s[i + 5..];
        let the = after.starts_with("the ") || after.starts_with("The ");
        let capital = after.chars().next().is_some_and(|c| c.is_uppercase()) || the;
        let score = match (comma, the) {
            (true, true) => 4,
            (false, true) => 3,
            (true, false) => 2,
            (false, false) if capital => 1,
            _ => 0,
        };
        if score > 0 {
            found.push((score, if comma { i - 1 } else { i }, i + 5));
        }
    }
    found.sort_by_key(|x| std::cmp::Reverse(x.0));
    found.into_iter().map(|(_, l, r)| (l, r)).collect()
}

/// Words that name the parties together, never one of them.
const COLLECTIVE: &[&str] = &[
    "parties",
    "party",
    "contracting parties",
    "signatories",
    "parties hereto",
    "undersigned",
];

/// One party mention: its name, and the abbreviation or role defined for it.
fn mention(side: &Text, doc: &Document) -> Option<Party> {
    let s = side.as_str();
    let lead = ["the ", "The ", "THE "]
        .iter()
        .find(|p| s.starts_with(*p))
        .map_or(0, |p| p.len());
    let open = s.find('(');
    let desc = DESCRIPTORS.iter().filter_map(|d| s.find(d)).min();
    let name_end = [open, desc].into_iter().flatten().min().unwrap_or(s.len());
    let name_text = side.slice(lead..name_end).trim();
    // A final comma or full stop is punctuation, unless it ends an abbreviation ("Inc.").
    let raw = name_text.as_str();
    let kept = raw.trim_end_matches([',', ';', ':']);
    let last_word = kept.rsplit(' ').next().unwrap_or("");
    let kept = if last_word.len() <= 5 && last_word.ends_with('.') {
        kept
    } else {
        kept.trim_end_matches('.')
    };
    let name_text = name_text.slice(0..kept.len());
    let name = name_text.as_str().trim_end_matches([',', ';', ':']).trim().to_string();
    if name.is_empty()
        || name.len() > 160
        || name.split_whitespace().count() > 14
        || COLLECTIVE.contains(&name.to_lowercase().as_str())
    {
        return None;
    }
    let name = doc.casing.restore(&name, Fallback::Title);
    let short = definition(side, name_end).map(|(d, q)| (doc.casing.restore(&d, Fallback::Title), q));
    Some(Party {
        id: String::new(),
        name,
        quote: name_text.quote_all(),
        short,
        aliases: Vec::new(),
        state: is_state(side.as_str()),
        collective: false,
        organs: Vec::new(),
        signatory: None,
    })
}

/// The abbreviation or role defined after a name: `(ECO)`, `(thereafter the Executive
/// Committee of the CIS)`, `("the Customer")`, `, hereinafter called the Organization`.
fn definition(side: &Text, from: usize) -> Option<(String, Quote)> {
    let s = side.as_str();
    let rest = &s[from..];
    let (start, end) = if let Some(o) = rest.find('(') {
        let c = rest[o..].find(')')? + o;
        (from + o + 1, from + c)
    } else {
        let (at, _) = find_any(rest, &["hereinafter", "thereafter", "hereafter"])?;
        let tail_end = rest[at..].find([',', ';', ')']).map_or(rest.len(), |k| at + k);
        (from + at, from + tail_end)
    };
    let inner = &s[start..end];
    // `("Buyer", and with the Seller the "Parties")`: the first quoted term.
    let quoted = ['"', '“'].iter().find_map(|q| {
        let a = inner.find(*q)?;
        let close = inner[a + 1..].find(['"', '”'])? + a + 1;
        Some(start + a + q.len_utf8()..start + close)
    });
    let (start, end) = match quoted {
        Some(r) => (r.start, r.end),
        None => (start, end),
    };
    let mut d = s[start..end].trim().to_string();
    for lead in [
        "hereinafter",
        "thereafter",
        "hereafter",
        "referred to as",
        "called",
        "the",
        "The",
    ] {
        d = d.trim_start_matches(lead).trim().to_string();
        d = d
            .trim_start_matches(['“', '”', '"', '\'', '‘', '’', ':'])
            .trim()
            .to_string();
        if let Some(x) = d.strip_prefix("the ") {
            d = x.to_string();
        }
    }
    let d = d.trim_matches(['“', '”', '"', '\'', '‘', '’', ',', ' ']).to_string();
    let d = d.strip_prefix("the ").unwrap_or(&d).to_string();
    if d.is_empty() || d.len() > 80 || find_words(&d, "parties").len() == 1 && d.split_whitespace().count() == 1 {
        return None;
    }
    Some((d, side.quote(start..end)))
}

fn is_state(s: &str) -> bool {
    [
        "Kingdom of",
        "Republic of",
        "Government of",
        "State of",
        "Federation",
        "Confederation",
        "Principality of",
        "Grand Duchy",
    ]
    .iter()
    .any(|w| s.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::clean::clean;
    use crate::import::front::{preamble, title};
    use crate::import::structure::segment;

    fn parties(s: &str) -> Vec<(String, String, Option<String>)> {
        let c = clean(s);
        let d = segment(c.lines, c.fixes);
        let t = title(&d);
        let pre = preamble(&d, t.as_ref());
        find(&d, t.as_ref(), &pre)
            .into_iter()
            .map(|p| (p.id, p.name, p.short.map(|s| s.0)))
            .collect()
    }

    #[test]
    fn preamble_with_abbreviations() {
        let p = parties("AGREEMENT\n\nThe Alpha Cooperation Organization (ACO) and the Beta Fund for Children (BFC), hereinafter referred to as “Parties”,\n\nRECALLING things,\n\nHAVE AGREED AS FOLLOWS:\nArticle 1\nACO and BFC shall meet.\n");
        assert_eq!(
            p,
            vec![
                (
                    "aco".into(),
                    "Alpha Cooperation Organization".into(),
                    Some("ACO".into())
                ),
                ("bfc".into(), "Beta Fund for Children".into(), Some("BFC".into()))
            ]
        );
    }

    #[test]
    fn defined_short_forms_and_states() {
        let p = parties("AGREEMENT\n\nThe Kingdom of Utopia, and the Executive Committee of the Northern Union (thereafter the Executive Committee of the NU), Recalling that;\n\nhave agreed as follows:\nArticle 1\n“Host State” means the Kingdom of Utopia;\n");
        assert_eq!(p[0].0, "utopia");
        assert_eq!(
            p[1],
            (
                "nu".into(),
                "Executive Committee of the Northern Union".into(),
                Some("Executive Committee of the NU".into())
            )
        );
    }

    #[test]
    fn contract_roles() {
        let p = parties("HOSTING AGREEMENT\n\nThis AGREEMENT is made this 2nd day of May, 2005 by and between Zeta Works, a Utopian corporation (\"the Customer\"), and q-web interactive, a Utopian corporation (\"q-web\").\n\nMEANINGS\n\nThe Customer shall pay.\n");
        assert_eq!(p[0], ("customer".into(), "Zeta Works".into(), Some("Customer".into())));
        assert_eq!(p[1].0, "q-web");
    }

    #[test]
    fn from_the_title_when_the_preamble_names_none() {
        let p = parties("Memorandum of Understanding between the Alpha Fund and the\nBeta Organization for Peace\nI. INTRODUCTION\n\n1. The Alpha Fund (AF) and the Beta Organization for Peace (BOP) agree. AF and BOP shall meet.\n");
        assert_eq!(p[0], ("af".into(), "Alpha Fund".into(), Some("AF".into())));
        assert_eq!(p[1].0, "bop");
    }
}
