//! Obligations: the duty clauses of each sentence ([`super::duties`]) outside the
//! paragraphs read as the amendment or termination clause, each with its modality,
//! parties, article, text, id and schedule ([`super::schedule`]). A "may" in a
//! paragraph granting a right belongs to the right; standing duties of one paragraph
//! with the same parties and modality are merged. A lead-in that ends its paragraph
//! with a colon ("Both Parties express their intention:") gives its subject and
//! modality to the sub-paragraphs that follow it ("1.1 to facilitate …").

use super::draft::{Found, Modality, Obligation};
use super::duties::{clauses_of, resolution, Clause};
use super::refs::Refs;
use super::schedule::{actions, interval, once};
use super::sentences::{reference, Sentence};
use super::source::shorten;
use super::structure::Document;
use super::words::{capitalise, has_any, kebab, tokens};

/// Every obligation in the operative text. `skip` holds (unit, block) paragraphs
/// read as other clauses; `anchored` says whether recurring duties can be scheduled.
pub(crate) fn find(
    doc: &Document,
    all: &[Sentence],
    refs: &Refs,
    skip: &[(usize, usize)],
    anchored: bool,
) -> Vec<Obligation> {
    let mut out: Vec<(usize, Obligation)> = Vec::new();
    let mut last_subject: Option<(usize, usize, Vec<usize>)> = None;
    // Paragraphs granting a right: their "may" clauses belong to the right.
    let rights: Vec<(usize, usize)> = all
        .iter()
        .filter(|s| {
            has_any(
                s.text.as_str(),
                &[
                    "shall be entitled",
                    "is entitled",
                    "are entitled",
                    "shall have the right",
                    "has the right",
                ],
            )
        })
        .map(|s| (s.unit, s.block))
        .collect();
    let mut lead: Option<Lead> = None;
    for (n, s) in all.iter().enumerate() {
        if skip.contains(&(s.unit, s.block)) {
            continue;
        }
        let t = s.text.as_str();
        let number = place(doc, s);
        lead = lead.filter(|l| number.starts_with(&format!("{}.", l.number)));
        let mut clauses = resolution(t, refs).into_iter().collect::<Vec<_>>();
        if clauses.is_empty() {
            clauses = clauses_of(t, refs, &mut last_subject, (s.unit, s.block));
        }
        if clauses.is_empty() {
            clauses.extend(lead.as_ref().and_then(|l| l.item(t)));
        }
        for c in clauses {
            if c.modality == Modality::May && rights.contains(&(s.unit, s.block)) {
                continue;
            }
            if t[c.vp.clone()].trim().trim_end_matches(':').trim().is_empty() {
                lead = Some(Lead {
                    number: number.clone(),
                    words: t[c.start..c.vp.start].trim().to_string(),
                    clause: c,
                });
                continue;
            }
            push(&mut out, doc, (n, s), refs, c, anchored);
        }
    }
    merge(out)
}

/// A duty's subject and modality announced by a lead-in ("Both Parties express their
/// intention:"), for the sub-paragraphs of `number`.
struct Lead {
    number: String,
    /// The lead-in's words up to the colon.
    words: String,
    clause: Clause,
}

impl Lead {
    /// The clause of a sub-paragraph that continues the lead-in: it opens in lower case
    /// ("to facilitate …", "subject to the resources, to conduct …").
    fn item(&self, t: &str) -> Option<Clause> {
        let first = t.trim_start().chars().next()?;
        if !first.is_lowercase() {
            return None;
        }
        let start = t.len() - t.trim_start().len();
        Some(Clause {
            modality: self.clause.modality,
            parties: self.clause.parties.clone(),
            start,
            carried: Some(self.words.clone()),
            vp: start..t.trim_end().len(),
            review: self.clause.review.clone(),
        })
    }
}

/// The number of a sentence's paragraph: the unit's number, or its paragraph's within
/// an article ("1", "1.1").
fn place(doc: &Document, s: &Sentence) -> String {
    match &s.para {
        Some(p) => format!("{}/{p}", doc.units[s.unit].number),
        None => doc.units[s.unit].number.clone(),
    }
}

fn push(
    out: &mut Vec<(usize, Obligation)>,
    doc: &Document,
    (n, s): (usize, &Sentence),
    refs: &Refs,
    c: Clause,
    anchored: bool,
) {
    if c.parties.is_empty() {
        return;
    }
    let t = s.text.as_str();
    let vp = &t[c.vp.clone()];
    let starts = actions(vp);
    for (k, &a) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map_or(vp.len(), |&b| b.saturating_sub(5).max(a));
        let part = vp[a..end].trim().trim_end_matches([',', ';', ' ']);
        if part.is_empty() {
            continue;
        }
        let mut reviews: Vec<String> = c.review.iter().cloned().collect();
        let every = interval(part).map(|i| {
            let quote = s.text.quote(c.vp.start + a + i.at.start..c.vp.start + a + i.at.end);
            let mut f = Found::new(i.every.clone(), quote);
            if i.assumed {
                f = f.review(format!("the text gives no interval; {} is a default", i.every));
            }
            (f, i.assumed)
        });
        let (every, assumed) = match every {
            Some((f, assumed)) if anchored => (Some(f), assumed),
            Some((f, _)) => {
                reviews.push(format!(
                    "recurs ({}: \"{}\") but there is no date to count from; add `from:` and `every: {}`",
                    if f.review.is_some() {
                        "no interval given"
                    } else {
                        "interval given"
                    },
                    f.source.text,
                    f.value
                ));
                (None, false)
            }
            None => (None, false),
        };
        let once = every.is_none() && c.modality != Modality::May && once(part);
        let subject = match &c.carried {
            Some(carried) => format!("{carried} {}", t[c.start..c.vp.start].trim()),
            None => t[c.start..c.vp.start].trim().to_string(),
        };
        let text = format!("{subject} {part}");
        let text = capitalise(&shorten(super::source::collapse_spaces(text.trim()).as_str(), 240));
        out.push((
            n,
            Obligation {
                id: id_for(part),
                text,
                parties: c.parties.iter().map(|&i| refs.parties[i].id.clone()).collect(),
                modality: c.modality,
                article: reference(doc, s.unit, s.para.as_deref()),
                every,
                assumed,
                once,
                source: s.text.quote(c.start..c.vp.end),
                reviews,
            },
        ));
    }
}

/// An id from the first words of the duty ("consult-matters-relating").
fn id_for(vp: &str) -> String {
    const STOP: &[&str] = &[
        "the",
        "a",
        "an",
        "to",
        "of",
        "and",
        "or",
        "in",
        "on",
        "for",
        "with",
        "its",
        "their",
        "his",
        "her",
        "such",
        "any",
        "all",
        "each",
        "other",
        "also",
        "jointly",
        "closely",
        "regularly",
        "further",
        "be",
        "as",
        "that",
        "this",
        "these",
        "those",
        "which",
        "by",
        "at",
        "from",
        "into",
        "upon",
        "where",
        "when",
        "whenever",
        "so",
        "far",
        "possible",
    ];
    let words: Vec<String> = tokens(vp)
        .into_iter()
        .map(|(_, w)| w.to_lowercase())
        .filter(|w| !STOP.contains(&w.as_str()) && w.chars().all(|c| c.is_alphanumeric() || c == '-'))
        .take(3)
        .collect();
    let id = kebab(&words.join(" "));
    if id.is_empty() {
        "obligation".into()
    } else {
        id
    }
}

/// Standing duties of one paragraph with the same parties and modality become one
/// obligation, and so do the steps of one sentence that different parties take with
/// the same modality (a procedure between them); ids are made unique.
fn merge(list: Vec<(usize, Obligation)>) -> Vec<Obligation> {
    let mut out: Vec<(usize, Obligation)> = Vec::new();
    for (n, o) in list {
        let standing = o.every.is_none() && !o.once;
        let same = out.iter_mut().find(|(m, x)| {
            let alike = x.article == o.article && x.modality == o.modality;
            let standing_alike = standing && x.every.is_none() && !x.once && x.parties == o.parties;
            // "X shall notify Y …, and Y shall bring it to …": one procedure.
            let procedure = *m == n && x.parties != o.parties && x.every.is_none() && o.every.is_none();
            alike && (standing_alike || procedure)
        });
        match same {
            Some((_, x)) => {
                if x.parties != o.parties {
                    for p in &o.parties {
                        if !x.parties.contains(p) {
                            x.parties.push(p.clone());
                        }
                    }
                    x.once = false;
                }
                x.text = shorten(&format!("{}; {}", x.text.trim_end_matches('.'), o.text), 300);
                for r in o.reviews {
                    if !x.reviews.contains(&r) {
                        x.reviews.push(r);
                    }
                }
            }
            None => out.push((n, o)),
        }
    }
    let mut out: Vec<Obligation> = out.into_iter().map(|(_, o)| o).collect();
    let mut seen: Vec<String> = Vec::new();
    for o in &mut out {
        let base = o.id.clone();
        let mut n = 2;
        while seen.contains(&o.id) {
            o.id = format!("{base}-{n}");
            n += 1;
        }
        seen.push(o.id.clone());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::clean::clean;
    use crate::import::front::{preamble, title};
    use crate::import::parties;
    use crate::import::sentences::sentences;
    use crate::import::structure::segment;

    type Row = (String, Vec<String>, &'static str, Option<(String, bool)>, bool);

    fn run(articles: &str) -> Vec<Row> {
        let text = format!(
            "AGREEMENT\n\nThe Alpha Union (AU) and the Beta Fund (BF),\n\nHave agreed as follows:\n\n{articles}\n"
        );
        let c = clean(&text);
        let d = segment(c.lines, c.fixes);
        let t = title(&d);
        let pre = preamble(&d, t.as_ref());
        let ps = parties::find(&d, t.as_ref(), &pre);
        let refs = Refs::new(&d, &ps);
        let all = sentences(&d);
        find(&d, &all, &refs, &[], true)
            .into_iter()
            .map(|o| {
                (
                    o.article,
                    o.parties,
                    o.modality.name(),
                    o.every.map(|e| (e.value, o.assumed)),
                    o.once,
                )
            })
            .collect()
    }

    fn row(a: &str, p: &[&str], m: &'static str) -> Row {
        (a.into(), p.iter().map(|s| s.to_string()).collect(), m, None, false)
    }

    #[test]
    fn subjects_modalities_and_articles() {
        let o = run("Article 1\n1. AU and BF shall act in close collaboration. To this end, the two Parties shall consider a framework.\n2. Either Organization may request the cooperation of the other.\n3. The Beta Fund undertakes to conduct its activities in accordance with the Charter.\n4. The Director General of the Alpha Union shall, in accordance with the rules, bring the items to the attention of the Council.");
        assert_eq!(
            o,
            vec![
                row("Art. 1(1)", &["au", "bf"], "shall"),
                row("Art. 1(2)", &["au", "bf"], "may"),
                row("Art. 1(3)", &["bf"], "shall"),
                row("Art. 1(4)", &["au"], "shall")
            ]
        );
    }

    #[test]
    fn rights_and_statements_are_not_duties() {
        let o = run("Article 2\n1. The Alpha Union shall be entitled to attend the sessions.\n2. The Beta Fund shall enjoy exemption from local charges.\n3. Nothing in this Agreement shall affect the rights of AU.\n4. Expenses shall be subject to separate arrangements.\n5. The United Nations recognizes that the Beta Fund, by its nature, shall function independently.\n6. AU agrees to take such action as may be necessary.");
        assert_eq!(o, vec![row("Art. 2(6)", &["au"], "shall")]);
    }

    #[test]
    fn passives_coordination_and_schedules() {
        let o = run("Article 3\n1. Written statements shall be distributed by the Beta Fund to all members.\n2. The Executive Heads of both organizations will meet when necessary, and will nominate senior officials to meet regularly, at least annually to review issues. This Agreement shall be reviewed at regular intervals by a joint Task Force.\n3. AU and BF shall conduct regular consultations and designate contact persons.\n4. Even where either AU or BF leads, consultations between both organizations will take place.");
        assert_eq!(o[0], row("Art. 3(1)", &["bf"], "shall"));
        assert_eq!(o[1], row("Art. 3(2)", &["au", "bf"], "will"));
        assert_eq!(o[2].3, Some(("1 year".into(), false)));
        assert_eq!((o[3].2, o[3].3.clone()), ("shall", Some(("1 year".into(), true))));
        assert_eq!(o[4].3, Some(("1 year".into(), true)));
        assert_eq!((o[5].0.as_str(), o[5].4), ("Art. 3(3)", true));
        assert_eq!(o[6], row("Art. 3(4)", &["au", "bf"], "will"));
        assert_eq!(o.len(), 7);
    }

    #[test]
    fn intentions_and_recommendations_keep_their_force() {
        let o = run("1. Both Parties express their intention:\n\n1.1. to facilitate cooperation in the field of migration;\n\n1.2. subject to the resources available, to hold joint seminars;\n\n2. AU intends to send observers. BF should consult AU. Should a dispute arise, BF shall inform AU.\n\n3. The Parties will meet.");
        assert_eq!(
            o,
            vec![
                row("para 1.1", &["au", "bf"], "intends"),
                row("para 1.2", &["au", "bf"], "intends"),
                row("para 2", &["au"], "intends"),
                row("para 2", &["bf"], "should"),
                row("para 2", &["bf"], "shall"),
                row("para 3", &["au", "bf"], "will"),
            ]
        );
    }

    #[test]
    fn the_steps_of_one_procedure_are_one_obligation() {
        let o = run("Article 5\n1. AU may propose items. In such cases, AU shall notify the Director General of the Beta Fund, and the Director General of the Beta Fund shall bring the items to the attention of the Board.\n2. AU shall report annually, and BF shall publish the report.");
        assert_eq!(o[0], row("Art. 5(1)", &["au"], "may"));
        assert_eq!(o[1], row("Art. 5(1)", &["au", "bf"], "shall"));
        assert_eq!((o[2].0.as_str(), o[2].1.clone()), ("Art. 5(2)", vec!["au".to_string()]));
        assert_eq!(o[2].3, Some(("1 year".into(), false)));
        assert_eq!((o[3].0.as_str(), o[3].1.clone()), ("Art. 5(2)", vec!["bf".to_string()]));
        assert_eq!(o.len(), 4);
    }

    #[test]
    fn resolutions_request_and_one_off_duties() {
        let o = run("Article 4\nThe Parties shall prepare a work programme.\n\nIN WITNESS WHEREOF signed.\n\nAnnex II\n\nThe Council,\n\n1. *Requests* the Director General of the Beta Fund to report to the next regular session of the Council.");
        assert!(o[0].4);
        assert_eq!(
            (o[1].0.as_str(), o[1].1.clone(), o[1].4),
            ("Annex II, para 1", vec!["bf".to_string()], true)
        );
    }
}
