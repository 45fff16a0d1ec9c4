//! `accord import`: drafts an agreement file from the agreement's text, for a person
//! to review instead of type. Rules, not a model: no network, no download, the same
//! draft for the same text. Every value keeps the line and words it was read from;
//! values to check carry a review remark; what is not found is said, never invented.
//!
//! - Text: [`source`] (positions), `clean` and `ocr` (clean-up), `words`,
//!   `casing`, `dates`, `periods`.
//! - Shape: `numbering` and `headings` (labels and heading lines), `blocks`
//!   (paragraphs), `structure` and `units` (operative part, articles, annexes),
//!   `sentences`.
//! - Reading: `front` (title), `parties` and `collective`, `naming` and `refs` (who is
//!   who), `signature`, `eif` and `offsets` (entry into force), `clauses` (amendment,
//!   supersession), `termination` and `notice`, `term`, `duration`, `survival`,
//!   `depositary`, `obligations`, `duties`, `subjects` and `schedule`.
//! - Output: [`draft`] (what was found), [`render`] and `render_clauses` (the file's
//!   text, YAML with provenance comments).
//!
//! Entry points: [`import`] (text → [`Draft`]) and [`render::yaml`] (draft → file text).
//! The command (`cli/import.rs`) checks and writes the file; the report layer prints
//! the draft and the extraction as JSON with spans. Nothing here reads files or prints.
//! docs/import.md describes the rules and their measured accuracy.

pub(crate) mod blocks;
pub(crate) mod casing;
pub(crate) mod clauses;
pub(crate) mod clean;
pub(crate) mod collective;
pub(crate) mod dates;
pub(crate) mod depositary;
pub mod draft;
pub(crate) mod duration;
pub(crate) mod duties;
pub(crate) mod eif;
pub(crate) mod front;
pub(crate) mod headings;
pub(crate) mod naming;
pub(crate) mod notice;
pub(crate) mod numbering;
pub(crate) mod obligations;
pub(crate) mod ocr;
pub(crate) mod offsets;
pub(crate) mod parties;
pub(crate) mod periods;
pub(crate) mod refs;
pub mod render;
pub(crate) mod render_clauses;
pub(crate) mod schedule;
pub(crate) mod sentences;
pub(crate) mod signature;
pub mod source;
pub(crate) mod structure;
pub(crate) mod subjects;
pub(crate) mod survival;
pub(crate) mod term;
pub(crate) mod termination;
pub(crate) mod units;
pub(crate) mod words;

use draft::{Article, Draft, EntryIntoForce, Found, PartyDraft, RemarkKind, Section, Signatory, Upon};
use refs::Refs;

/// What the caller knows that the text does not say.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The agreement id to use instead of the derived one.
    pub id: Option<String>,
    /// How the file's `sources` should cite the input (a path relative to the file).
    pub document: Option<String>,
}

/// Reads an agreement's text into a draft.
pub fn import(input: &str, opts: &Options) -> Draft {
    let cleaned = clean::clean(input);
    let doc = structure::segment(cleaned.lines, {
        let mut f = cleaned.fixes;
        f.sort_by_key(|x| x.line);
        f
    });
    let title = front::title(&doc);
    let preamble = front::preamble(&doc, title.as_ref());
    let mut parties = parties::find(&doc, title.as_ref(), &preamble);
    if parties.len() < 2 {
        parties = collective::unnamed(&doc).unwrap_or_default();
    }
    signature::signatories(&doc, &mut parties);
    let snapshot = parties.clone();
    let refs = Refs::new(&doc, &snapshot);
    let all = sentences::sentences(&doc);
    let mut remarks = Vec::new();
    let eif = eif::entry_into_force(&doc, &all, &refs, &mut parties, &mut remarks);
    let amendment = clauses::amendment(&doc, &all, &refs, &mut parties);
    let termination = termination::termination(&doc, &all, &refs, &mut remarks);
    let term = term::term(&doc, &all);
    let supersedes = clauses::supersedes(&doc, &all);
    let sig = signature::find(&doc);

    let mut d = Draft {
        id: String::new(),
        title: title.as_ref().map(|t| Found::new(t.value.clone(), t.quote.clone())),
        kind: title.as_ref().and_then(|t| front::kind(&t.value)),
        draft: None,
        date: None,
        parties: parties.iter().map(party_draft).collect(),
        depositary: depositary::depositary(&doc, &all),
        signed_date: sig.date.clone().map(|(d, q)| {
            let f = Found::new(d, q);
            match &sig.review {
                Some(r) => f.review(r.clone()),
                None => f,
            }
        }),
        signed_place: sig.place.clone().map(|(p, q)| Found::new(p, q)),
        entry_into_force: eif,
        duration: duration::duration(&doc, &all),
        term,
        termination: termination.as_ref().map(|t| t.0.clone()),
        survival: Vec::new(),
        amendment: amendment.as_ref().map(|a| a.0.clone()),
        supersedes,
        obligations: Vec::new(),
        articles: doc
            .units
            .iter()
            .map(|u| Article {
                number: u.number.clone(),
                title: u.title.clone(),
                text: u.text(),
                line: u.at.line,
            })
            .collect(),
        document: opts.document.clone(),
        remarks,
    };
    d.survival = survival::survival(&doc, &all, &d.articles, &mut d.remarks);
    status(&mut d, title.as_ref(), &sig);
    if d.draft.is_some() {
        d.date = version_date(&doc, title.as_ref());
    }
    let anchored = d.entry_into_force.is_some() || d.signed_date.is_some();
    let skip: Vec<(usize, usize)> = amendment
        .iter()
        .map(|a| a.1)
        .chain(termination.iter().map(|t| t.1))
        .collect();
    d.obligations = obligations::find(&doc, &all, &refs, &skip, anchored);
    d.id = opts
        .id
        .clone()
        .unwrap_or_else(|| derive_id(&d, sig.year.or_else(|| year_of_title(&d))));
    notes(&mut d, &doc, &cleaned.dropped);
    d
}

fn party_draft(p: &parties::Party) -> PartyDraft {
    let name = Found::new(p.name.clone(), p.quote.clone());
    PartyDraft {
        id: p.id.clone(),
        name: if p.id == collective::OWN_ID && !p.collective {
            name.review("the text names none of its parties: replace `party` with the party this file is kept for (its id and name); `others` stands for all the rest")
        } else {
            name
        },
        collective: p.collective,
        short_name: p.short.clone().map(|(s, q)| Found::new(s, q)),
        signatory: p
            .signatory
            .clone()
            .map(|(name, title, q)| Found::new(Signatory { name, title }, q).review("read from the signature block")),
        organs: p.organs.clone(),
    }
}

/// Draft status, and entry into force assumed on signature when the text has no clause.
fn status(d: &mut Draft, title: Option<&front::Title>, sig: &signature::Signature) {
    let reason = if let Some(q) = title.and_then(|t| t.draft.clone()) {
        Some(format!("the title calls the text a draft (line {})", q.line))
    } else if let Some(q) = &sig.blank {
        Some(format!(
            "the signature line has blanks (line {}: \"{}\")",
            q.line,
            q.short(60)
        ))
    } else if d.signed_date.is_none() {
        Some("no signature date was found".to_string())
    } else {
        None
    };
    d.draft = reason;
    let eif_remark = d.remarks.iter().any(|r| r.section == Section::EntryIntoForce);
    if d.entry_into_force.is_none() && !eif_remark {
        match (&d.signed_date, &d.draft) {
            (Some(date), None) => {
                d.entry_into_force = Some(EntryIntoForce {
                    upon: Found::new(Upon::Signature, date.source.clone()).review("the text has no entry-into-force clause: entry into force on signature is this draft's assumption"),
                    after: None,
                    for_later_parties: None,
                    article: None,
                    assumed: true,
                });
            }
            _ => d.remark(
                Section::EntryIntoForce,
                RemarkKind::NotFound,
                "no entry-into-force clause",
                None,
            ),
        }
    }
}

/// The date of a draft's version: the first line before the title that holds nothing
/// but a date ("3 June 2016" under a meeting's heading).
fn version_date(doc: &structure::Document, title: Option<&front::Title>) -> Option<Found<chrono::NaiveDate>> {
    let before = title.map_or(u32::MAX, |t| t.quote.line);
    doc.lines[doc.front.clone()]
        .iter()
        .filter(|l| l.no < before)
        .find_map(|l| {
            let t = l.text.as_str().trim_matches(|c: char| c.is_whitespace() || c == '*');
            let m = dates::find_dates(t).into_iter().next()?;
            let date = m.date.filter(|_| m.range == (0..t.len()))?;
            let at = l.text.as_str().find(t)?;
            Some(Found::new(date, l.text.quote(at..at + t.len())))
        })
}

fn year_of_title(d: &Draft) -> Option<i32> {
    let t = d.title.as_ref()?;
    dates::find_dates(&t.value).into_iter().find_map(|m| m.year)
}

/// `eco-iom-2009`: the party ids and the year of signature; the kind of agreement
/// when the text names none of its parties.
fn derive_id(d: &Draft, year: Option<i32>) -> String {
    let mut parts: Vec<String> = d
        .parties
        .iter()
        .filter(|p| !p.collective && p.name.review.is_none())
        .take(3)
        .map(|p| p.id.clone())
        .collect();
    if parts.is_empty() {
        parts.push(d.kind.clone().unwrap_or_else(|| "agreement".into()));
    }
    if let Some(y) = year {
        parts.push(y.to_string());
    }
    let id = words::kebab(&parts.join("-"));
    if id.is_empty() {
        "agreement".into()
    } else {
        id
    }
}

/// Remarks on what was repaired, dropped, skipped or not found.
fn notes(d: &mut Draft, doc: &structure::Document, dropped: &[u32]) {
    // Lines in a passage left out as a whole are reported with it.
    let dropped: Vec<u32> = dropped
        .iter()
        .copied()
        .filter(|l| !doc.skipped.iter().any(|(a, b)| (a..=b).contains(&l)))
        .collect();
    if !dropped.is_empty() {
        let text = format!(
            "{} {}: page numbers or running heads, left out of the articles",
            if dropped.len() == 1 { "line" } else { "lines" },
            ranges(&dropped)
        );
        d.remark(Section::Articles, RemarkKind::Repaired, text, None);
    }
    for f in &doc.fixes {
        let text = format!("line {}: \"{}\" read as \"{}\" ({})", f.line, f.from, f.to, f.why);
        d.remark(Section::Articles, RemarkKind::Repaired, text, None);
    }
    for (a, b) in &doc.skipped {
        let text = format!("lines {a}–{b} follow the signatures without an annex heading (another language version, or statutes) and were not imported");
        d.remark(Section::Articles, RemarkKind::Review, text, None);
    }
    let missing: Vec<(Section, &str, bool)> = vec![
        (Section::Top, "title", d.title.is_none()),
        (
            Section::Parties,
            "fewer than two parties named in the preamble, the title or a \"between … and …\" phrase",
            d.parties.len() < 2,
        ),
        (Section::Signed, "signature date", d.signed_date.is_none()),
        (Section::Signed, "place of signature", d.signed_place.is_none()),
        (
            Section::Termination,
            "termination clause (no notice period found)",
            d.termination.is_none() && !d.remarks.iter().any(|r| r.section == Section::Termination),
        ),
        (Section::Amendment, "amendment clause", d.amendment.is_none()),
        (
            Section::Articles,
            "articles or numbered paragraphs",
            d.articles.is_empty(),
        ),
        (Section::Obligations, "obligations", d.obligations.is_empty()),
    ];
    for (section, what, absent) in missing {
        if absent {
            d.remark(section, RemarkKind::NotFound, what, None);
        }
    }
}

/// Sorted line numbers as ranges: `1, 3–6, 9`.
fn ranges(lines: &[u32]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let mut j = i;
        while j + 1 < lines.len() && lines[j + 1] == lines[j] + 1 {
            j += 1;
        }
        out.push(if j == i {
            lines[i].to_string()
        } else {
            format!("{}–{}", lines[i], lines[j])
        });
        i = j + 1;
    }
    out.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_numbers_are_written_as_ranges() {
        assert_eq!(ranges(&[1, 3, 4, 5, 6, 9]), "1, 3–6, 9");
        assert_eq!(ranges(&[7]), "7");
        assert_eq!(ranges(&[]), "");
    }
}
