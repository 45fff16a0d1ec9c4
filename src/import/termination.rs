//! Termination: the notice period ("six months written notice", "upon 90 days’
//! written notice", "twelve months after a Party has given notice", "thirty (30)
//! days' notice"), who may give it, its form, and whether it takes effect at the end
//! of a calendar year. A notice counted to an ordinal day ("on the thirtieth day after
//! receipt") is not a notice period the format can state without a one-day doubt: it
//! goes into a review remark. The term is read by [`super::term`].

use super::draft::{Found, Remark, RemarkKind, Section, Termination};
use super::periods;
use super::refs::Refs;
use super::sentences::{reference, Sentence};
use super::structure::Document;
use super::words::{find_any, find_words, has_any, ordinal, tokens};

const TERMINATE: &[&str] = &[
    "terminate",
    "terminated",
    "termination",
    "denounce",
    "denounced",
    "denunciation",
    "withdraw",
    "withdrawal",
    "cease to be in force",
    "cease to have effect",
    "résilier",
    "dénoncer",
    "denunciar",
    "notice of termination",
];

const ANY: &[&str] = &[
    "either party",
    "either of the parties",
    "each party",
    "each of the parties",
    "each of the contracting parties",
    "any party",
    "one of the parties",
    "one of the contracting parties",
    "either of the contracting parties",
    "a party",
];

const BREACH: &[&str] = &[
    "breach",
    "default",
    "insolvency",
    "insolvent",
    "bankruptcy",
    "fails to",
    "failure to",
    "violation",
];

/// Nouns by which an agreement names itself.
pub(crate) const NOUNS: &[&str] = &[
    "agreement",
    "memorandum",
    "memorandum of understanding",
    "mou",
    "treaty",
    "contract",
    "convention",
    "protocol",
    "arrangement",
    "accord",
];

/// Whether a sentence terminates the agreement itself ("terminate this MOU", "This
/// Agreement may be terminated", "shall cease to be in force"), not a person's
/// functions or an office's operations.
fn ends_itself(t: &str) -> bool {
    let lower = t.to_lowercase();
    NOUNS.iter().any(|n| {
        ["this", "the present", "the"].iter().any(|d| {
            let np = format!("{d} {n}");
            [
                "terminate",
                "denounce",
                "withdraw from",
                "termination of",
                "denunciation of",
                "withdrawal from",
                "résilier",
                "dénoncer",
            ]
            .iter()
            .any(|v| lower.contains(&format!("{v} {np}")))
                || [
                    "may be terminated",
                    "shall be terminated",
                    "may be denounced",
                    "shall cease to be in force",
                    "shall cease to have effect",
                    "shall terminate",
                    "will terminate",
                    "terminates",
                ]
                .iter()
                .any(|v| lower.contains(&format!("{np} {v}")))
        })
    })
}

/// Whether a sentence refers back to a termination ("The denunciation shall take
/// effect …", "notice of termination").
fn refers_back(t: &str) -> bool {
    let lower = t.to_lowercase();
    [
        "the denunciation",
        "such denunciation",
        "the withdrawal",
        "such withdrawal",
        "such termination",
        "notice of termination",
        "notice of denunciation",
        "notice of withdrawal",
        "notice to terminate",
        "decision to terminate",
    ]
    .iter()
    .any(|p| lower.contains(p))
        || find_words(&lower, "the termination")
            .iter()
            .any(|&at| !lower[at + 15..].trim_start().starts_with("of"))
}

/// The termination clause, and the paragraph it is in.
pub(crate) fn termination(
    doc: &Document,
    all: &[Sentence],
    refs: &Refs,
    remarks: &mut Vec<Remark>,
) -> Option<(Termination, (usize, usize))> {
    let candidates = candidates(all);
    if candidates.is_empty() {
        no_notice(doc, all, remarks);
        return None;
    }
    for s in &candidates {
        let t = s.text.as_str();
        let article = reference(doc, s.unit, s.para.as_deref());
        if let Some(words) = ordinal_day(t) {
            remarks.push(Remark {
                section: Section::Termination,
                kind: RemarkKind::Review,
                text: format!("{article}: termination takes effect {words}; a notice period in days would differ by one day, so none is encoded: encode it by hand"),
                source: Some(s.text.quote_all()),
            });
            return None;
        }
        let Some(p) = periods::find(t).into_iter().next() else {
            continue;
        };
        let mut notice = Found::new(p.written.clone(), s.text.quote(p.range.clone()));
        if p.working_days {
            notice = notice.review("the text counts working days; the file counts calendar days");
        }
        let form = has_any(t, &["written", "in writing", "écrit", "por escrito"]).then(|| "written".to_string());
        let end_of_calendar_year = has_any(t, YEAR_END);
        let termination = Termination {
            notice,
            by: who_may(t, refs),
            form,
            end_of_calendar_year,
            article,
        };
        return Some((termination, (s.unit, s.block)));
    }
    None
}

const YEAR_END: &[&str] = &[
    "end of the calendar year",
    "end of a calendar year",
    "31 december of",
    "end of the year",
];

/// Sentences that may hold the notice clause: they end the agreement itself (or
/// refer back to its ending in an article that does), speak of notice, and are not
/// about breach.
fn candidates(all: &[Sentence]) -> Vec<&Sentence> {
    let units: Vec<usize> = all
        .iter()
        .filter(|s| ends_itself(s.text.as_str()))
        .map(|s| s.unit)
        .collect();
    let notice = ["notice", "notification", "notified", "préavis", "preaviso", "notifying"];
    all.iter()
        .filter(|s| ends_itself(s.text.as_str()) || (units.contains(&s.unit) && refers_back(s.text.as_str())))
        .filter(|s| has_any(s.text.as_str(), TERMINATE) && !has_any(s.text.as_str(), BREACH))
        .filter(|s| has_any(s.text.as_str(), &notice))
        .collect()
}

/// A right to terminate with no notice period: reported, since `termination` needs one.
fn no_notice(doc: &Document, all: &[Sentence], remarks: &mut Vec<Remark>) {
    let may = [
        "may be terminated",
        "may terminate",
        "may denounce",
        "may be denounced",
        "may withdraw",
    ];
    if let Some(s) = all
        .iter()
        .find(|s| ends_itself(s.text.as_str()) && has_any(s.text.as_str(), &may))
    {
        remarks.push(Remark {
            section: Section::Termination,
            kind: RemarkKind::Review,
            text: format!("{}: the agreement may be terminated, but the text gives no notice period; `termination` needs one, so it is left out", reference(doc, s.unit, s.para.as_deref())),
            source: Some(s.text.quote_all()),
        });
    }
}

/// Who may give notice: `None` for any party ("either party"), else the subject of
/// the sentence when it names some of the parties.
fn who_may(t: &str, refs: &Refs) -> Option<Vec<String>> {
    if has_any(&t.to_lowercase(), ANY) {
        return None;
    }
    let before = &t[..find_any(t, TERMINATE).map_or(0, |(at, _)| at)];
    let who: Vec<&str> = before
        .split_whitespace()
        .rev()
        .skip_while(|w| ["may", "shall", "can", "will"].contains(w))
        .collect();
    let subject: Vec<&str> = who.into_iter().rev().collect();
    refs.parties_of(&subject.join(" "))
        .filter(|ids| ids.len() < refs.parties.len())
        .map(|ids| ids.iter().map(|&i| refs.parties[i].id.clone()).collect())
}

/// "on the thirtieth day after receipt": an effect dated by an ordinal day.
fn ordinal_day(t: &str) -> Option<String> {
    let toks = tokens(t);
    for (k, (at, w)) in toks.iter().enumerate() {
        let next = toks.get(k + 1).map(|x| x.1.to_lowercase()).unwrap_or_default();
        let after = toks.get(k + 2).map(|x| x.1.to_lowercase()).unwrap_or_default();
        if ordinal(w).is_some_and(|n| n > 1)
            && next == "day"
            && ["after", "following", "from"].contains(&after.as_str())
        {
            let end = t[*at..].find(['.', ';']).map_or(t.len(), |e| at + e);
            return Some(format!("\"{}\"", super::source::collapse_spaces(&t[*at..end])));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::clean::clean;
    use crate::import::draft::Term;
    use crate::import::front::{preamble, title};
    use crate::import::parties::find;
    use crate::import::sentences::sentences;
    use crate::import::structure::segment;
    use crate::import::term::term;

    fn run(articles: &str) -> (Option<Termination>, Option<Term>, Vec<Remark>) {
        let text = format!(
            "AGREEMENT\n\nThe Alpha Union (AU) and the Beta Fund (BF),\n\nHave agreed as follows:\n\n{articles}\n"
        );
        let c = clean(&text);
        let d = segment(c.lines, c.fixes);
        let t = title(&d);
        let pre = preamble(&d, t.as_ref());
        let parties = find(&d, t.as_ref(), &pre);
        let all = sentences(&d);
        let refs = Refs::new(&d, &parties);
        let mut remarks = Vec::new();
        let tm = termination(&d, &all, &refs, &mut remarks).map(|x| x.0);
        let tr = term(&d, &all, &mut remarks);
        (tm, tr, remarks)
    }

    #[test]
    fn notice_periods_in_words_and_digits() {
        let (t, _, _) = run("Article 9\n3. Either of the parties may terminate this MOU by giving six months written notice to the other party.");
        let t = t.unwrap();
        assert_eq!(
            (
                t.notice.value.as_str(),
                t.by.is_none(),
                t.form.as_deref(),
                t.article.as_str()
            ),
            ("six months", true, Some("written"), "Art. 9(3)")
        );
        let (t, _, _) = run("Article 3\nThe Alpha Union may terminate this Agreement on thirty (30) days' notice in writing to the Beta Fund.");
        let t = t.unwrap();
        assert_eq!(
            (t.notice.value.as_str(), t.by),
            ("30 days", Some(vec!["au".to_string()]))
        );
        let (t, _, _) = run("Article 19\n4. Twelve months after one Party has notified the other in writing that it wishes to terminate this Agreement, the Agreement ends.");
        assert_eq!(t.unwrap().notice.value, "twelve months");
    }

    #[test]
    fn ordinal_days_and_breach_are_not_notice_periods() {
        let (t, _, r) = run("Article 17\n1. Either Party may denounce this Agreement.\n2. The denunciation becomes effective on the thirtieth day after the notification reaches the other Party.");
        assert!(t.is_none());
        assert!(r[0].text.contains("thirtieth day after the notification"));
        let (t, _, _) = run("Article 8\nThe Beta Fund may terminate this Agreement on ten days' notice if the Alpha Union is in breach.");
        assert!(t.is_none());
    }

    #[test]
    fn terms_and_renewals() {
        let (_, term, _) = run("Article 16\nThe present Agreement remains in force for four years; it is tacitly renewed each time for the same period.");
        let term = term.unwrap();
        assert_eq!(term.length.unwrap().value, "four years");
        let r = term.renewal.unwrap().value;
        assert!(r.tacit);
        assert_eq!(r.length.as_deref(), Some("four years"));
        let (_, term, remarks) =
            run("Article 44\nThis MOU will enter into force upon its signature and shall be of indefinite duration.");
        assert!(term.is_none());
        assert!(remarks[0].text.contains("indefinite"));
    }
}
