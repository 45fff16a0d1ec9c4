//! The lists of an agreement: obligations (recurring, one-off or standing, with their
//! schedule) and amendments (proposed, accepted, rejected, withdrawn).

use super::context::Ctx;
use crate::diagnostic::Code;
use crate::file::raw::*;
use crate::model::*;
use chrono::NaiveDate;

pub(super) fn obligation(
    cx: &mut Ctx,
    o: RawObligation,
    parties: &[Party],
    seen: &[Obligation],
    has_start: bool,
) -> Option<Obligation> {
    cx.id(&o.id, "obligation id");
    cx.unique(&o.id, "obligation", seen.iter().map(|s| s.id.as_str()));
    let who: Vec<String> = o.parties.iter().filter_map(|p| cx.party(p, parties)).collect();
    if o.parties.is_empty() {
        cx.report(
            Code::MissingKey,
            &o.id.referenced,
            format!("obligation `{}` names no party in `parties`", o.id.value),
            Some("list who must act, e.g. `parties: [eco, iom]`".into()),
        );
    }
    let modality = o.modality.as_ref().and_then(|m| cx.keyword(m));
    let schedule = match (&o.every, o.once.unwrap_or(false)) {
        (Some(e), true) => {
            cx.report(
                Code::ConflictingKeys,
                &e.referenced,
                "an obligation is either recurring (`every`) or one-off (`once`), not both",
                None,
            );
            return None;
        }
        (Some(e), false) => {
            let period = cx.period(e, "interval")?;
            let from = o.from.as_ref().and_then(|f| cx.date(f));
            let first = o.first.as_ref().and_then(|f| cx.date(f));
            if let (Some(f), Some(start), Some(raw)) = (first, from, &o.first) {
                if f <= start {
                    cx.report(
                        Code::ConflictingKeys,
                        &raw.referenced,
                        format!("the first due date {f} is not after the schedule's start {start}"),
                        Some("`first` is the first occurrence; `from` the day the schedule counts from".into()),
                    );
                }
            }
            if o.from.is_none() && o.first.is_none() && !has_start {
                cx.report(Code::NoAnchor, &e.referenced, format!("obligation `{}` recurs but has no `from` date, and the agreement has no date of entry into force", o.id.value), Some("add `first: YYYY-MM-DD` (the first due date) or `from: YYYY-MM-DD` (the date the schedule counts from)".into()));
            }
            if o.article.is_none() {
                cx.report(
                    Code::EveryWithoutArticle,
                    &e.referenced,
                    format!("recurring obligation `{}` cites no article", o.id.value),
                    Some("add `article:`; if the interval is not in the text, say so with `assumed: true`".into()),
                );
            }
            Schedule::Every { period, from, first }
        }
        (None, true) => Schedule::Once {
            due: o.due.as_ref().and_then(|d| cx.date(d)),
        },
        (None, false) => {
            if let Some(d) = &o.due {
                cx.report(Code::ConflictingKeys, &d.referenced, "`due` needs `once: true`", None);
            }
            Schedule::Standing
        }
    };
    let anchors = [
        ("from", &o.from, "the anchor"),
        ("first", &o.first, "the first due date"),
    ];
    for (key, value, what) in anchors {
        if let (Some(f), Schedule::Once { .. } | Schedule::Standing) = (value, &schedule) {
            cx.report(
                Code::ConflictingKeys,
                &f.referenced,
                format!("`{key}` is {what} of a recurring obligation and needs `every`"),
                None,
            );
        }
    }
    let lead = o.lead.as_ref().and_then(|l| cx.period(l, "lead time"));
    Some(Obligation {
        id: o.id.value,
        text: o.text,
        parties: who,
        modality,
        article: cx.article(&o.article),
        schedule,
        assumed: o.assumed.unwrap_or(false),
        condition: o.condition,
        lead,
        note: o.note,
    })
}

pub(super) fn amendment_item(
    cx: &mut Ctx,
    a: RawAmendment,
    parties: &[Party],
    seen: &[Amendment],
) -> Option<Amendment> {
    cx.id(&a.id, "amendment id");
    cx.unique(&a.id, "amendment", seen.iter().map(|s| s.id.as_str()));
    let proposed_by = a.proposed.as_ref().and_then(|p| cx.party(&p.by, parties));
    let proposed_on = a
        .proposed
        .as_ref()
        .and_then(|p| p.date.as_ref())
        .and_then(|d| cx.date(d));
    let dated = |pairs: &Option<Pairs<S, S>>, cx: &mut Ctx| -> Vec<(String, NaiveDate)> {
        let mut out = Vec::new();
        for (p, d) in pairs.iter().flat_map(|x| x.0.iter()) {
            let (Some(party), Some(date)) = (cx.party(p, parties), cx.date(d)) else {
                continue;
            };
            if let Some(prop) = proposed_on {
                if date < prop {
                    cx.report(
                        Code::AcceptanceBeforeProposal,
                        &d.referenced,
                        format!("`{party}` acted on {date}, before the amendment was proposed on {prop}"),
                        None,
                    );
                }
            }
            out.push((party, date));
        }
        out
    };
    let accepted = dated(&a.accepted, cx);
    let rejected = dated(&a.rejected, cx);
    Some(Amendment {
        id: a.id.value,
        article: cx.article(&a.article),
        proposed_by,
        proposed_on,
        summary: a.summary,
        text: a.text,
        accepted,
        rejected,
        withdrawn: a.withdrawn.as_ref().and_then(|d| cx.date(d)),
        signed: a.signed.as_ref().and_then(|d| cx.date(d)),
    })
}
