//! Provisions that continue to apply after the agreement ends ("the provisions of
//! Articles 8 and 9 shall continue to apply for a period of ten years after the date
//! of termination"): the articles, the period, and the clause's article. "The
//! provisions of this Agreement shall continue to be effective" names every article
//! (a review says so); provisions described rather than numbered ("the rules on
//! winding up") are left to the reviewer in a remark.

use super::draft::{Article, Found, Remark, RemarkKind, Section, Survival};
use super::periods;
use super::sentences::{reference, Sentence};
use super::structure::Document;
use super::words::{find_any, find_words, has_any, tokens};

const CONTINUE: &[&str] = &[
    "survive",
    "survives",
    "continue to apply",
    "continue to be applicable",
    "continue to be effective",
    "continue to have effect",
    "continue in force",
    "continue in effect",
    "remain applicable",
    "remain in effect",
    "remain in force",
];

const AFTER_END: &[&str] = &[
    "termination",
    "terminated",
    "withdrawal",
    "denunciation",
    "expiry",
    "expiration",
    "ceases to be in force",
];

/// Every survival clause. `articles` are the draft's articles (for "the provisions
/// of this Agreement").
pub(crate) fn survival(
    doc: &Document,
    all: &[Sentence],
    articles: &[Article],
    remarks: &mut Vec<Remark>,
) -> Vec<Survival> {
    let mut out = Vec::new();
    for s in all {
        let t = s.text.as_str();
        let Some((at, _)) = find_any(t, CONTINUE) else { continue };
        if !has_any(t, AFTER_END) {
            continue;
        }
        let Some(p) = periods::find(&t[at..]).into_iter().next() else {
            continue;
        };
        let article = reference(doc, s.unit, s.para.as_deref());
        let period = Found::new(p.written.clone(), s.text.quote(at + p.range.start..at + p.range.end));
        let period = if has_any(
            &t[..at + p.range.start],
            &["no longer than", "not exceeding", "not more than"],
        ) {
            period.review("an upper limit (\"no longer than\"): the provisions may end earlier")
        } else {
            period
        };
        let numbers = numbered(&t[..at]);
        let (list, review) = if !numbers.is_empty() {
            (numbers, None)
        } else if whole(&t[..at]) {
            let all_numbers = articles.iter().map(|a| a.number.clone()).collect();
            (
                all_numbers,
                Some("the text says the provisions of the agreement continue: every article is listed"),
            )
        } else {
            remarks.push(Remark {
                section: Section::Survival,
                kind: RemarkKind::Review,
                text: format!("{article}: provisions continue to apply after the agreement ends ({}), but the text does not number them: add `survival` by hand", p.written),
                source: Some(s.text.quote_all()),
            });
            continue;
        };
        out.push(Survival {
            articles: list,
            period: match review {
                Some(r) => period.review(r),
                None => period,
            },
            source: s.text.quote(at..t.len()),
            article,
        });
    }
    out
}

/// Whether the subject is the whole agreement ("The provisions of this Agreement shall").
fn whole(subject: &str) -> bool {
    let lower = subject.trim().to_lowercase();
    [
        "of this agreement",
        "of the present agreement",
        "of this treaty",
        "of this convention",
        "this agreement",
    ]
    .iter()
    .any(|e| lower.ends_with(&format!("{e} shall")) || lower.ends_with(&format!("{e} will")) || lower.ends_with(e))
}

/// Article numbers named in a passage: "Articles 8 and 9", "Article IV", "articles 3,
/// 5 and 12".
fn numbered(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    for key in ["articles", "article"] {
        for at in find_words(s, key) {
            let toks = tokens(&s[at + key.len()..]);
            for (_, w) in toks {
                let number =
                    w.chars().all(|c| c.is_ascii_digit()) || (w.len() <= 6 && w.chars().all(|c| "IVXLC".contains(c)));
                if number {
                    if !out.iter().any(|x| x == w) {
                        out.push(w.to_string());
                    }
                } else if !["and", "to"].contains(&w) {
                    break;
                }
            }
        }
        if !out.is_empty() {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::clean::clean;
    use crate::import::sentences::sentences;
    use crate::import::structure::segment;

    fn run(article: &str) -> (Vec<Survival>, Vec<Remark>) {
        let text = format!(
            "AGREEMENT\n\nAlpha and Beta,\n\nHave agreed as follows:\n\nArticle 1\nAlpha shall act.\n\n{article}\n"
        );
        let c = clean(&text);
        let d = segment(c.lines, c.fixes);
        let articles: Vec<Article> = d
            .units
            .iter()
            .map(|u| Article {
                number: u.number.clone(),
                title: None,
                text: String::new(),
                line: 0,
            })
            .collect();
        let mut remarks = Vec::new();
        (survival(&d, &sentences(&d), &articles, &mut remarks), remarks)
    }

    #[test]
    fn numbered_whole_and_described_provisions() {
        let (s, _) = run("Article 12\n3. The provisions of Articles 1 and 12 shall continue to apply for a period of five years after the date of termination.");
        assert_eq!(s[0].articles, ["1", "12"]);
        assert_eq!(
            (s[0].period.value.as_str(), s[0].article.as_str()),
            ("five years", "Art. 12(3)")
        );
        let (s, _) = run("Article 12\nIn respect of loans made before termination, the provisions of this Agreement shall continue to be effective for a further period of ten years.");
        assert_eq!(s[0].articles, ["1", "12"]);
        assert!(s[0].period.review.is_some());
        let (s, r) =
            run("Article 12\nThe rules on winding up remain applicable after termination for six months at most.");
        assert!(s.is_empty());
        assert!(r[0].text.contains("does not number them"));
        let (s, _) = run("Article 12\nThe privileges shall remain in force for one year.");
        assert!(s.is_empty());
    }
}
