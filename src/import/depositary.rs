//! The depositary of a multilateral agreement ("The Director-General of the Alpine
//! Office is designated as the depositary of this Convention"): who receives instruments
//! and notices, and the article that says so.

use super::draft::{Depositary, Found};
use super::sentences::{reference, Sentence};
use super::structure::Document;
use super::words::find_any;

const IS_DEPOSITARY: &[&str] = &[
    "shall be the depositary",
    "is the depositary",
    "shall act as depositary",
    "shall act as the depositary",
    "is designated as the depositary",
    "is hereby designated as the depositary",
    "shall be depositary",
];

/// The depositary clause, if the text has one.
pub(crate) fn depositary(doc: &Document, all: &[Sentence]) -> Option<Depositary> {
    all.iter().find_map(|s| {
        let t = s.text.as_str();
        let (at, _) = find_any(t, IS_DEPOSITARY)?;
        let lead = t[..at].len() - t[..at].trim_start().len();
        let subject = t[lead..at].trim_end();
        // "Article 12 Depositary The Director-General …": a heading run into the text.
        let subject = subject.rfind(" The ").map_or(subject, |k| &subject[k + 1..]);
        let name = subject
            .strip_prefix("The ")
            .or_else(|| subject.strip_prefix("the "))
            .unwrap_or(subject);
        // `name` is a slice of `t`: where it starts in `t`.
        let offset = name.as_ptr() as usize - t.as_ptr() as usize;
        (!name.is_empty() && name.split_whitespace().count() <= 12).then(|| Depositary {
            name: Found::new(name.to_string(), s.text.quote(offset..offset + name.len())),
            article: reference(doc, s.unit, s.para.as_deref()),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::clean::clean;
    use crate::import::sentences::sentences;
    use crate::import::structure::segment;

    #[test]
    fn who_receives_instruments() {
        let text = "CONVENTION\n\nThe States Parties to this Convention,\n\nHave agreed as follows:\n\nArticle 1\nThe Parties shall meet.\n\nArticle 9\nThe Director-General of the Alpha Organization shall be the depositary of this Convention.\n";
        let c = clean(text);
        let d = segment(c.lines, c.fixes);
        let dep = depositary(&d, &sentences(&d)).unwrap();
        assert_eq!(dep.name.value, "Director-General of the Alpha Organization");
        assert_eq!(dep.name.source.text, "Director-General of the Alpha Organization");
        assert_eq!((dep.name.source.line, dep.article.as_str()), (11, "Art. 9"));
    }
}
