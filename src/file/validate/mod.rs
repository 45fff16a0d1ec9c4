//! From the file as written (`crate::file::raw`) to the checked model
//! ([`crate::model`]): every value is parsed and every reference resolved, and every
//! problem becomes a [`Diagnostic`] pointing at the offending value. Checking never stops
//! at the first problem; an agreement is returned only when it has no errors.

mod clauses;
mod coherence;
mod context;
mod events;
mod items;
mod values;

pub use values::{is_valid_id, parse_date};

use crate::diagnostic::{Code, Diagnostic};
use crate::file::raw::*;
use crate::model::*;
use context::Ctx;
use std::path::Path;

/// Checks one parsed file. Returns the agreement when it has no errors, and the
/// file's diagnostics (warnings included) either way.
pub(crate) fn agreement<T: ArticleText>(
    raw: RawAgreement<T>,
    file: &Path,
    source: &str,
) -> (Option<Agreement>, Vec<Diagnostic>) {
    let mut cx = Ctx::new(file, source);
    let spans = coherence::Spans::of(&raw);
    let a = build(&mut cx, raw, file);
    coherence::check(&mut cx, &a, &spans);
    let ok = cx.errors() == 0;
    (if ok { Some(a) } else { None }, cx.diagnostics)
}

fn build<T: ArticleText>(cx: &mut Ctx, raw: RawAgreement<T>, file: &Path) -> Agreement {
    cx.id(&raw.id, "agreement id");
    let draft = raw
        .status
        .as_ref()
        .is_some_and(|s| cx.keyword::<DocStatus>(s).is_some());
    let parties = parties(cx, raw.parties);
    let signed = raw.signed.map(|s| Signed {
        date: s.date.as_ref().and_then(|d| cx.date(d)),
        place: s.place,
    });
    let entry_into_force = raw
        .entry_into_force
        .and_then(|e| clauses::entry_into_force(cx, e, &parties));
    let provisional_application = raw
        .provisional_application
        .and_then(|p| clauses::provisional_application(cx, p, &parties));
    let duration = raw.duration.map(|d| clauses::duration(cx, d));
    let term = raw.term.map(|t| clauses::term(cx, t));
    let termination = raw.termination.and_then(|t| clauses::termination(cx, t, &parties));
    let survival = raw
        .survival
        .unwrap_or_default()
        .into_iter()
        .filter_map(|s| clauses::survival(cx, s))
        .collect();
    let amendment = raw.amendment.and_then(|a| clauses::amendment_clause(cx, a, &parties));

    let has_start = entry_into_force.is_some()
        || provisional_application.is_some()
        || signed.as_ref().is_some_and(|s| s.date.is_some());
    let mut obligations: Vec<Obligation> = Vec::new();
    for o in raw.obligations.unwrap_or_default() {
        if let Some(ob) = items::obligation(cx, o, &parties, &obligations, has_start) {
            obligations.push(ob);
        }
    }
    let mut amendments: Vec<Amendment> = Vec::new();
    for a in raw.amendments.unwrap_or_default() {
        if let Some(am) = items::amendment_item(cx, a, &parties, &amendments) {
            amendments.push(am);
        }
    }
    let known = events::Known {
        parties: &parties,
        obligations: &obligations,
        amendments: &amendments,
        termination: termination.as_ref(),
        signed: signed.as_ref().and_then(|s| s.date),
        has_condition: duration.as_ref().is_some_and(|d| d.while_.is_some()),
    };
    let events = events::events(cx, raw.events.unwrap_or_default(), &known);

    Agreement {
        id: raw.id.value,
        title: raw.title.value,
        short_title: raw.short_title,
        kind: raw.kind,
        draft,
        date: raw.date.as_ref().and_then(|d| cx.date(d)),
        parties,
        depositary: raw.depositary.map(|d| Depositary {
            name: d.name,
            article: cx.article(&d.article),
        }),
        signed,
        entry_into_force,
        provisional_application,
        duration,
        term,
        termination,
        survival,
        amendment,
        obligations,
        amendments,
        events,
        articles: articles(cx, raw.articles.unwrap_or_default()),
        supersedes: references(cx, raw.supersedes.unwrap_or_default()),
        under: raw.under.map(|u| u.value),
        sources: sources(cx, raw.sources.unwrap_or_default()),
        file: file.to_path_buf(),
        superseded_by: Vec::new(),
    }
}

/// The parties, keyed by id in file order; at least two (or one and a collective entry).
fn parties(cx: &mut Ctx, raw: serde_saphyr::Spanned<Pairs<S, RawParty>>) -> Vec<Party> {
    let mut parties: Vec<Party> = Vec::new();
    for (key, p) in raw.value.0 {
        cx.id(&key, "party id");
        if parties.iter().any(|q| q.id == key.value) {
            cx.report(
                Code::DuplicateId,
                &key.referenced,
                format!("party `{}` is defined twice", key.value),
                None,
            );
            continue;
        }
        parties.push(Party {
            id: key.value,
            name: p.name,
            short_name: p.short_name,
            kind: p.kind.as_ref().and_then(|k| cx.keyword(k)),
            collective: p.collective.unwrap_or(false),
            signatory: p.signatory.map(|s| Signatory {
                name: s.name,
                title: s.title,
            }),
            organs: p.organs.unwrap_or_default().into_iter().map(|o| o.value).collect(),
        });
    }
    if parties.len() < 2 {
        cx.report(
            Code::TooFewParties,
            &raw.referenced,
            format!("an agreement needs at least two parties; this one has {}", parties.len()),
            Some("add each party under `parties:` keyed by a short id, e.g. `iom: {name: International Organization for Migration}`".into()),
        );
    }
    parties
}

fn articles<T: ArticleText>(cx: &mut Ctx, raw: Vec<RawArticle<T>>) -> Vec<Article> {
    let mut out: Vec<Article> = Vec::new();
    for a in raw {
        cx.unique(&a.number, "article", out.iter().map(|x| x.number.as_str()));
        out.push(Article {
            number: a.number.value,
            title: a.title,
            text: a.text.into_text(),
        });
    }
    out
}

fn references(cx: &mut Ctx, raw: Vec<serde_saphyr::Spanned<RawReference>>) -> Vec<Reference> {
    let mut out = Vec::new();
    for r in raw {
        match r.value {
            ScalarOr::Scalar(id) => out.push(Reference::Id { id, article: None }),
            ScalarOr::Map(m) => {
                let article = cx.article(&m.article);
                match (m.id, m.title) {
                    (Some(id), None) => out.push(Reference::Id {
                        id: id.value,
                        article,
                    }),
                    (None, Some(title)) => out.push(Reference::External {
                        title,
                        date: m.date,
                        article,
                    }),
                    _ => cx.report(
                        Code::ConflictingKeys,
                        &r.referenced,
                        "a `supersedes` entry names either an agreement of the folder (`id`) or one outside it (`title`)",
                        Some("write `{id: old-agreement}` or `{title: ..., date: YYYY-MM-DD}`".into()),
                    ),
                }
            }
        }
    }
    out
}

fn sources(cx: &mut Ctx, raw: Vec<RawSource>) -> Vec<Source> {
    raw.into_iter()
        .map(|s| Source {
            title: s.title,
            date: s.date.as_ref().and_then(|d| cx.date(d)),
            document: s.document,
            note: s.note,
        })
        .collect()
}
