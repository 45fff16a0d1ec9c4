//! The signature: date and place from the closing formula ("Done at Geneva on 27
//! January 2009", "Signed on 19 September 2008 in Minsk", "Geneva, 15 May 1997",
//! "Fait à Genève, le …", "Hecho en Ginebra, el …"), or a contract's "is made this
//! 2nd day of May, 2005"; blanks left for filling in ("this xxth day of xx 2016 at
//! xxx") mark an unsigned text. Signatories come from the blocks "For the X" followed
//! by a name and a title (one party per line, or the parties' columns side by side).

use super::dates::{find_dates, DateMatch};
use super::front::paragraphs;
use super::parties::Party;
use super::source::{Quote, Text};
use super::structure::Document;
use super::words::{find_any, find_words, is_caps, reading, tokens};
use chrono::NaiveDate;

/// What the text says about its signature.
#[derive(Clone, Debug, Default)]
pub(crate) struct Signature {
    pub date: Option<(NaiveDate, Quote)>,
    pub place: Option<(String, Quote)>,
    /// A closing formula with blanks where the date should be.
    pub blank: Option<Quote>,
    /// The year the text gives even when the date is blank.
    pub year: Option<i32>,
    /// Why the date needs a second look.
    pub review: Option<String>,
}

const SIGNING: &[&str] = &[
    "done at",
    "done in",
    "signed at",
    "signed on",
    "signed in",
    "signed this",
    "signed",
    "fait à",
    "fait a",
    "fait en",
    "hecho en",
    "firmado en",
    "executed at",
    "executed on",
];

/// Reads the signature from the closing lines, then from a contract's opening.
pub(crate) fn find(doc: &Document) -> Signature {
    let closing = paragraphs(&doc.lines[doc.closing.clone()]);
    let mut sig = Signature::default();
    let mut dates: Vec<(NaiveDate, Quote)> = Vec::new();
    for p in &closing {
        let s = p.as_str();
        let formula = find_any(s, SIGNING).map(|(at, _)| at);
        let place_date = formula.is_none() && s.len() < 80 && place_comma_date(s);
        let Some(from) = formula.or(place_date.then_some(0)) else {
            continue;
        };
        for m in find_dates(&s[from..]) {
            let range = from + m.range.start..from + m.range.end;
            match m.date {
                Some(d) => dates.push((d, p.quote(range))),
                None => {
                    sig.blank.get_or_insert_with(|| p.quote(from..s.len()));
                    sig.year = sig.year.or(m.year);
                }
            }
        }
        if sig.place.is_none() {
            sig.place = place(p, from);
        }
    }
    if dates.is_empty() {
        if let Some(d) = entered_into(doc) {
            sig.review = Some("the date the text says the agreement is entered into, not a signature".into());
            dates.push(d);
        }
    }
    dates.sort_by_key(|d| d.0);
    dates.dedup_by_key(|d| d.0);
    if dates.len() > 1 {
        sig.review = Some(format!(
            "the text gives {} signing dates; the latest is taken",
            dates.len()
        ));
    }
    sig.date = dates.pop();
    sig.year = sig.year.or(sig.date.as_ref().map(|d| chrono::Datelike::year(&d.0)));
    sig
}

/// "Geneva, 15 May 1997": a place, a comma, a date.
fn place_comma_date(s: &str) -> bool {
    let Some(comma) = s.find(',') else { return false };
    let head = &s[..comma];
    let dates = find_dates(&s[comma..]);
    !head.is_empty()
        && head.split_whitespace().count() <= 3
        && head.chars().next().is_some_and(char::is_uppercase)
        && dates
            .first()
            .is_some_and(|d: &DateMatch| s[comma + 1..comma + d.range.start].trim().is_empty())
}

/// The place after "at", "in", "à" or "en" in a signing formula (capitalised words),
/// or the words before the comma of "Geneva, 15 May 1997".
fn place(p: &Text, from: usize) -> Option<(String, Quote)> {
    let s = p.as_str();
    if from == 0 && place_comma_date(s) {
        let comma = s.find(',')?;
        return Some((s[..comma].trim().to_string(), p.quote(0..comma)));
    }
    let toks = tokens(&s[from..]);
    for (k, (at, w)) in toks.iter().enumerate() {
        if !["at", "in", "à", "en", "a"].contains(&w.to_lowercase().as_str()) || k == 0 {
            continue;
        }
        let mut words: Vec<(usize, &str)> = Vec::new();
        for (a2, w2) in toks[k + 1..].iter() {
            let first = words.is_empty();
            let capital = w2.chars().next().is_some_and(char::is_uppercase);
            let joiner = !first && ["de", "del", "la", "le", "sur", "am"].contains(w2);
            let gap = words.last().map_or(&s[from + at + w.len()..from + a2], |(pa, pw)| {
                &s[from + pa + pw.len()..from + a2]
            });
            if gap.contains([',', '.', ';']) || !(capital || joiner) || month_or_number(w2) {
                break;
            }
            words.push((*a2, w2));
        }
        let blank = words.iter().any(|(_, w)| w.chars().all(|c| c == 'x' || c == 'X'));
        if let (Some(first), Some(last), false) = (words.first(), words.last(), blank) {
            let range = from + first.0..from + last.0 + last.1.len();
            let name = s[range.clone()].to_string();
            if !is_caps(&name) || name.len() <= 12 {
                return Some((name, p.quote(range)));
            }
        }
    }
    None
}

fn month_or_number(w: &str) -> bool {
    super::dates::month(w).is_some() || w.chars().all(|c| c.is_ascii_digit())
}

/// A contract's "is made this 2nd day of May, 2005" or "dated as of …".
fn entered_into(doc: &Document) -> Option<(NaiveDate, Quote)> {
    let front = paragraphs(&doc.lines[doc.front.clone()]);
    for p in front.iter().take(6) {
        let s = p.as_str();
        let Some((at, _)) = find_any(
            s,
            &[
                "entered into",
                "made and entered",
                "dated as of",
                "is made on",
                "is made this",
            ],
        ) else {
            continue;
        };
        let window_end = (at + 120).min(s.len());
        let window = &s[at..super::source::floor_boundary(s, window_end)];
        if let Some(m) = find_dates(window).into_iter().find(|m| m.date.is_some()) {
            let d = m.date?;
            return Some((d, p.quote(at + m.range.start..at + m.range.end)));
        }
    }
    None
}

/// Fills each party's signatory from the closing lines where the layout is clear.
pub(crate) fn signatories(doc: &Document, parties: &mut [Party]) {
    let lines: Vec<Text> = doc.lines[doc.closing.clone()]
        .iter()
        .map(|l| reading(&l.text))
        .filter(|t| !t.is_empty() && !t.as_str().chars().all(|c| matches!(c, '.' | '…' | '_' | ' ')))
        .collect();
    let mut k = 0;
    while k < lines.len() {
        let fors: Vec<usize> = (k..lines.len())
            .take_while(|&i| for_party(lines[i].as_str(), parties).is_some())
            .collect();
        if fors.is_empty() {
            k += 1;
            continue;
        }
        let n = fors.len();
        let rest: Vec<&Text> = lines[k + n..]
            .iter()
            .take_while(|t| for_party(t.as_str(), parties).is_none())
            .collect();
        // One party: name then title. Several in columns: n names, then n titles.
        for (j, &f) in fors.iter().enumerate() {
            let Some(idx) = for_party(lines[f].as_str(), parties) else {
                continue;
            };
            let name = rest.get(j).filter(|t| looks_like_name(t.as_str()));
            let title = rest.get(n + j).filter(|t| !looks_like_name(t.as_str()) || n == 1);
            if let (Some(name), None) = (name, &parties[idx].signatory) {
                let title = title.map(|t| t.as_str().trim_end_matches(['*', ',']).to_string());
                parties[idx].signatory = Some((name.as_str().to_string(), title, name.quote_all()));
            }
        }
        k += n + rest.len();
    }
}

/// The party a "For the …" line signs for.
fn for_party(s: &str, parties: &[Party]) -> Option<usize> {
    let lower = s.to_lowercase();
    if !lower.starts_with("for ") || s.len() > 160 {
        return None;
    }
    parties
        .iter()
        .position(|p| p.aliases.iter().any(|a| a.len() > 3 && !find_words(s, a).is_empty()))
        .filter(|_| tokens(s).len() <= 14)
}

/// A person's name: two to five words, each capitalised or an initial.
fn looks_like_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().filter(|w| !w.starts_with('(')).collect();
    (2..=5).contains(&words.len())
        && words.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && ![
            "General",
            "Director",
            "Secretary",
            "President",
            "Minister",
            "Chairman",
            "High",
            "Executive",
            "Head",
            "Chief",
        ]
        .contains(&words[0])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::clean::clean;
    use crate::import::structure::segment;

    fn sig(s: &str) -> Signature {
        let c = clean(s);
        find(&segment(c.lines, c.fixes))
    }

    fn summary(s: &Signature) -> (Option<String>, Option<String>) {
        (
            s.date.as_ref().map(|d| d.0.to_string()),
            s.place.as_ref().map(|p| p.0.clone()),
        )
    }

    #[test]
    fn closing_formulas() {
        let body = "Have agreed as follows:\nArticle 1\nText.\n";
        let cases = [
            (
                "IN WITNESS WHEREOF, signed.\n\nSigned at Geneva on 27th January, 2009.\n",
                "2009-01-27",
                "Geneva",
            ),
            (
                "Signed on 19 September 2008 in Minsk in two originals.\n",
                "2008-09-19",
                "Minsk",
            ),
            (
                "DONE at The Hague on 4 July 2018, in duplicate.\n",
                "2018-07-04",
                "The Hague",
            ),
            (
                "DONE at Lyon, in two copies, on 9 October 2015.\n",
                "2015-10-09",
                "Lyon",
            ),
            (
                "SIGNED FOR\n(signed) (signed)\n\nGeneva, 15 May 1997\n",
                "1997-05-15",
                "Geneva",
            ),
            ("Fait à Genève, le 1er mars 2010.\n", "2010-03-01", "Genève"),
            ("Hecho en Ginebra, el 27 de enero de 2009.\n", "2009-01-27", "Ginebra"),
        ];
        for (closing, date, place) in cases {
            let s = sig(&format!("{body}{closing}"));
            assert_eq!(summary(&s), (Some(date.into()), Some(place.into())), "{closing}");
        }
    }

    #[test]
    fn blanks_are_not_dates() {
        let s = sig("Have agreed as follows:\nArticle 1\nText.\nIn witness thereof, signed.\n\nSigned this xxth day of xx 2016 at xxx in two originals.\n");
        assert_eq!(summary(&s), (None, None));
        assert!(s.blank.is_some());
        assert_eq!(s.year, Some(2016));
    }

    #[test]
    fn a_contract_entered_into_on_a_date() {
        let s = sig("HOSTING AGREEMENT\n\nThis Agreement is made this 2nd day of May, 2005 by and between A and B.\n\nMEANINGS\n\nText.\n");
        assert_eq!(summary(&s).0.as_deref(), Some("2005-05-02"));
        assert!(s.review.is_some());
    }
}
