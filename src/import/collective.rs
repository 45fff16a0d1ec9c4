//! The parties of a multilateral text that names none of them ("The Parties signatory
//! hereto", "The States Parties to this Protocol"): the file is kept from one party's
//! point of view, so the draft gets an entry for that party, to be named by the person
//! reviewing it, and a `collective` entry that stands for all the others ("Other
//! parties"), so that the file has the two parties a file needs and the others'
//! instruments count towards entry into force.

use super::parties::Party;
use super::structure::Document;
use super::words::find_any;

/// Phrases by which a multilateral text designates its parties without naming them.
const DESIGNATIONS: &[&str] = &[
    "parties signatory",
    "states signatory",
    "governments signatory",
    "signatory states",
    "signatory governments",
    "states parties to this",
    "states parties to the present",
    "high contracting parties",
    "contracting parties to this",
    "parties to this agreement",
    "parties to this convention",
    "parties to this memorandum",
    "parties to this protocol",
    "parties to this treaty",
    "parties to the present",
];

/// The id and name of the entry the reviewer replaces with the party the file is kept for.
pub(crate) const OWN_ID: &str = "party";
const OWN_NAME: &str = "The party this file is kept for";

/// The two entries for a text that designates its parties without naming them, with
/// the words that designate them; `None` when it does not.
pub(crate) fn unnamed(doc: &Document) -> Option<Vec<Party>> {
    let (line, at, end) = doc.lines.iter().find_map(|l| {
        let s = l.text.as_str();
        let (at, k) = find_any(s, DESIGNATIONS)?;
        let end = s[at + DESIGNATIONS[k].len()..]
            .find([',', ';', ':', '.'])
            .map_or(s.len(), |e| at + DESIGNATIONS[k].len() + e);
        Some((&l.text, at, end))
    })?;
    let quote = line.slice(at..end).trim().quote_all();
    let entry = |id: &str, name: &str, collective: bool| Party {
        id: id.to_string(),
        name: name.to_string(),
        quote: quote.clone(),
        short: None,
        aliases: Vec::new(),
        state: false,
        collective,
        organs: Vec::new(),
        signatory: None,
    };
    Some(vec![
        entry(OWN_ID, OWN_NAME, false),
        entry("others", "Other parties", true),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::clean::clean;
    use crate::import::structure::segment;

    #[test]
    fn unnamed_parties_become_an_entry_to_name_and_the_others() {
        let text = "CONVENTION ON SHARED RIVERS\n\nThe States Parties to this Convention,\n\nRecalling their earlier work,\n\nHave agreed as follows:\n\nArticle 1\nThe Parties shall meet every two years.\n";
        let c = clean(text);
        let d = segment(c.lines, c.fixes);
        let p = unnamed(&d).unwrap();
        assert_eq!(
            p.iter().map(|p| (p.id.as_str(), p.collective)).collect::<Vec<_>>(),
            [("party", false), ("others", true)]
        );
        assert_eq!(
            (p[1].quote.line, p[1].quote.text.as_str()),
            (3, "States Parties to this Convention")
        );
        let c = clean("AGREEMENT\n\nAlpha and Beta agree.\n");
        assert!(unnamed(&segment(c.lines, c.fixes)).is_none());
    }
}
