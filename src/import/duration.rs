//! How long an agreement without a fixed term lasts: of indefinite duration ("is
//! concluded for an indefinite period", "of unlimited duration"), or as long as
//! a state of affairs lasts ("shall remain in force as long as the Office has its seat
//! in the Host State"), as the file's `duration` states it.

use super::draft::{Duration, Found};
use super::sentences::{reference, Sentence};
use super::structure::Document;
use super::termination::NOUNS;
use super::words::{find_any, has_any};

const INDEFINITE: &[&str] = &[
    "indefinite duration",
    "indefinite period",
    "unlimited duration",
    "unlimited period",
    "remain in force indefinitely",
    "remains in force indefinitely",
];

const WHILE: &[&str] = &["for as long as", "as long as", "so long as"];

/// The duration clause, if the text has one.
pub(crate) fn duration(doc: &Document, all: &[Sentence]) -> Option<Duration> {
    all.iter().find_map(|s| {
        let t = s.text.as_str();
        let article = reference(doc, s.unit, s.para.as_deref());
        if let Some((at, k)) = find_any(t, INDEFINITE) {
            let quote = s.text.quote(at..at + INDEFINITE[k].len());
            return Some(Duration {
                indefinite: true,
                while_: None,
                source: quote,
                article,
            });
        }
        let (at, k) = find_any(t, WHILE)?;
        // The agreement itself remains in force ("This Agreement shall remain in force
        // as long as …"): not a privilege that lasts as long as a person's functions,
        // nor provisions that apply "as long as necessary".
        let before = t[..at].trim_start().to_lowercase();
        let itself = NOUNS.iter().any(|n| {
            ["this ", "the present ", "the "]
                .iter()
                .any(|d| before.starts_with(&format!("{d}{n} ")))
        });
        if !itself || !has_any(&before, &["in force", "remain", "remains", "continue", "continues"]) {
            return None;
        }
        let from = at + WHILE[k].len();
        let end = t[from..].find([',', ';', '.']).map_or(t.len(), |e| from + e);
        let words = t[from..end].trim();
        (words.split_whitespace().count() >= 3).then(|| Duration {
            indefinite: false,
            while_: Some(Found::new(words.to_string(), s.text.quote(from..end))),
            source: s.text.quote(at..end),
            article,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::clean::clean;
    use crate::import::sentences::sentences;
    use crate::import::structure::segment;

    fn run(article: &str) -> Option<Duration> {
        let text = format!("AGREEMENT\n\nAlpha and Beta,\n\nHave agreed as follows:\n\n{article}\n");
        let c = clean(&text);
        let d = segment(c.lines, c.fixes);
        duration(&d, &sentences(&d))
    }

    #[test]
    fn indefinite_or_as_long_as() {
        let d = run("Article 20\nThis Agreement is concluded for an indefinite period.").unwrap();
        assert!(d.indefinite);
        assert_eq!(
            (d.source.text.as_str(), d.article.as_str()),
            ("indefinite period", "Art. 20")
        );
        let d = run("Article 27\n2. This Agreement shall remain in force as long as the Institute has its seat in Alpha, unless terminated earlier.").unwrap();
        assert_eq!(
            d.while_.map(|w| w.value).as_deref(),
            Some("the Institute has its seat in Alpha")
        );
        assert!(run("Article 3\nThe officials shall enjoy these privileges as long as they hold office.").is_none());
        assert!(run(
            "Article 3\nThe rules of this Agreement on winding up keep applying as long as needed once it ends."
        )
        .is_none());
    }
}
