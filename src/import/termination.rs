//! Termination: the notice period ("six months written notice", "upon 90 days’
//! written notice", "twelve months after a Party has given notice", "thirty (30)
//! days' notice"), who may give it, its form, and whether it takes effect at the end
//! of a calendar year; a notice that takes effect on an ordinal day, a waiting period
//! before notice and a later date the notice may name ([`super::notice`]). The term is
//! read by [`super::term`].

use super::draft::{Found, NotBefore, Remark, RemarkKind, Section, Termination};
use super::notice::{later_date, ordinal_day, waiting};
use super::periods;
use super::refs::Refs;
use super::sentences::{reference, Sentence};
use super::structure::Document;
use super::words::{find_any, find_words, has_any};

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
    // "each Party may withdraw from it"
    let from_it = ["withdraw from it", "denounce it", "terminate it"].iter().any(|v| {
        find_words(&lower, v)
            .iter()
            .any(|&at| !lower[at..].starts_with(&format!("{v}s")))
    });
    if from_it && NOUNS.iter().any(|n| lower.contains(&format!("this {n}"))) {
        return true;
    }
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
        let waits = waiting(t);
        let (notice, anniversary) = if let Some((days, range)) = ordinal_day(t) {
            let why = format!(
                "the text names the day notice takes effect (\"{}\"): counted to that day, `counting: anniversary`",
                &t[range.clone()]
            );
            (Found::new(days, s.text.quote(range)).review(why), true)
        } else {
            let skip = waits.as_ref().map(|w| w.period.range.clone());
            let Some(p) = periods::find(t).into_iter().find(|p| Some(&p.range) != skip.as_ref()) else {
                continue;
            };
            let notice = Found::new(p.written.clone(), s.text.quote(p.range.clone()));
            let notice = if p.working_days {
                notice.review("the text counts working days; the file counts calendar days")
            } else {
                notice
            };
            (notice, false)
        };
        // The clause may take several sentences ("Either Party may denounce it. The
        // denunciation takes effect …"): who, how and when are read from all of them.
        let clause: Vec<&&Sentence> = candidates.iter().filter(|x| x.unit == s.unit).collect();
        let words = clause.iter().map(|x| x.text.as_str()).collect::<Vec<_>>().join(" ");
        let form = has_any(&words, &["written", "in writing", "écrit", "por escrito"]).then(|| "written".to_string());
        let termination = Termination {
            notice,
            by: clause
                .iter()
                .find_map(|x| who_may(x.text.as_str(), refs))
                .filter(|_| !any_party(&words)),
            form,
            end_of_calendar_year: has_any(&words, YEAR_END),
            anniversary,
            not_before: clause.iter().find_map(|x| not_before(x)),
            later_date: clause
                .iter()
                .find_map(|x| later_date(x.text.as_str()).map(|r| x.text.quote(r))),
            article,
        };
        return Some((termination, (s.unit, s.block)));
    }
    None
}

/// The waiting period before notice, as the file writes it.
fn not_before(s: &Sentence) -> Option<Found<NotBefore>> {
    let w = waiting(s.text.as_str())?;
    let value = NotBefore {
        period: w.period.written.clone(),
        from_signature: w.from_signature,
    };
    Some(Found::new(value, s.text.quote(w.period.range)))
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
    if any_party(t) {
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

/// "either party", "each of the parties": any party may give notice.
fn any_party(t: &str) -> bool {
    has_any(&t.to_lowercase(), ANY)
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
        let tr = term(&d, &all);
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
    fn ordinal_days_waiting_periods_and_later_dates() {
        let (t, _, _) = run("Article 17\n1. Either Party may denounce this Agreement by written notification.\n2. The denunciation becomes effective on the thirtieth day after the notification reaches the other Party.");
        let t = t.unwrap();
        assert_eq!((t.notice.value.as_str(), t.anniversary), ("30 days", true));
        assert!(t.notice.review.is_some());
        assert_eq!(
            (t.by, t.form.as_deref(), t.article.as_str()),
            (None, Some("written"), "Art. 17(2)")
        );
        let (t, _, _) = run("Article 30\n1. At any time after four years from the date on which this Agreement has entered into force for a Party, that Party may withdraw from this Agreement by giving written notification to the depositary.\n2. Any such withdrawal shall take effect upon expiry of one year from the date of receipt of the notification, or on such later date as may be specified in the notification.");
        let t = t.unwrap();
        assert_eq!((t.notice.value.as_str(), t.anniversary), ("one year", false));
        let nb = t.not_before.unwrap();
        assert_eq!(
            (nb.value.period.as_str(), nb.value.from_signature),
            ("four years", false)
        );
        assert_eq!(nb.source.text, "four years");
        assert_eq!(
            t.later_date.map(|q| q.text).as_deref(),
            Some("such later date as may be specified in the notification")
        );
    }

    #[test]
    fn breach_is_not_a_notice_period() {
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
        let (_, term, _) =
            run("Article 44\nThis MOU will enter into force upon its signature and shall be of indefinite duration.");
        assert!(term.is_none());
    }
}
