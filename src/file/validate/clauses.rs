//! The final clauses: entry into force, term and renewal, termination, and the
//! amendment clause, each read from its raw form with every problem reported.

use super::context::Ctx;
use super::values::parse_date;
use crate::diagnostic::Code;
use crate::file::raw::*;
use crate::keyword::Keyword;
use crate::model::*;
use crate::time::calendar;
use chrono::NaiveDate;
use serde_saphyr::Spanned;

pub(super) fn entry_into_force(
    cx: &mut Ctx,
    raw: Spanned<RawEntryIntoForce>,
    parties: &[Party],
) -> Option<EntryIntoForce> {
    let loc = raw.referenced;
    let e = raw.value;
    let upon = match cx.keyword::<UponKind>(&e.upon)? {
        UponKind::Signature => Upon::Signature,
        UponKind::Date => {
            let Some(d) = &e.date else {
                cx.report(
                    Code::ConflictingKeys,
                    &e.upon.referenced,
                    "`upon: date` needs a `date`",
                    Some("add `date: YYYY-MM-DD`".into()),
                );
                return None;
            };
            Upon::Date(cx.date(d)?)
        }
        UponKind::Conditions => {
            let requires: Vec<Approval> = e
                .requires
                .iter()
                .flatten()
                .filter_map(|r| cx.approval(r, parties))
                .collect();
            if e.requires.as_ref().is_none_or(|r| r.is_empty()) {
                cx.report(
                    Code::UnsatisfiableEntryIntoForce,
                    &loc,
                    "`upon: conditions` lists no approvals in `requires`",
                    Some("list the approvals, e.g. `requires: [{party: iom, organ: Council}]`".into()),
                );
                return None;
            }
            let then = match &e.then {
                None => Then::LastApproval,
                Some(t) => cx.keyword(t)?,
            };
            Upon::Conditions { requires, then }
        }
    };
    if e.date.is_some() && !matches!(upon, Upon::Date(_)) {
        if let Some(d) = &e.date {
            cx.report(
                Code::ConflictingKeys,
                &d.referenced,
                "`date` is only used with `upon: date`",
                None,
            );
        }
    }
    Some(EntryIntoForce {
        upon,
        article: e.article,
        assumed: e.assumed.unwrap_or(false),
        note: e.note,
    })
}

pub(super) fn term(cx: &mut Ctx, t: RawTerm) -> Term {
    let length = t.length.as_ref().and_then(|l| cx.period(l, "term length"));
    let renewal = t.renewal.and_then(|r| {
        let rlength = match &r.length {
            Some(l) => cx.period(l, "renewal term")?,
            None => length?,
        };
        let notice = r.notice.as_ref().and_then(|n| cx.period(n, "notice of non-renewal"));
        if let (Some(n), Some(s)) = (notice, &r.notice) {
            if n.approx_days() > rlength.approx_days() {
                cx.report(
                    Code::RenewalNoticeTooLong,
                    &s.referenced,
                    format!("notice of non-renewal ({n}) is longer than the renewal term ({rlength})"),
                    Some("no renewal term could ever be ended in time; check both periods".into()),
                );
            }
        }
        Some(Renewal {
            tacit: r.tacit.map(|t| t.value).unwrap_or(true),
            length: rlength,
            notice,
        })
    });
    Term {
        length,
        from: t.from.as_ref().and_then(|d| cx.date(d)),
        renewal,
        minimum: t.minimum.as_ref().and_then(|m| cx.period(m, "minimum term")),
        article: t.article,
    }
}

pub(super) fn termination(cx: &mut Ctx, raw: Spanned<RawTermination>, parties: &[Party]) -> Option<Termination> {
    let loc = raw.referenced;
    let t = raw.value;
    let notice = t.notice.as_ref().and_then(|n| cx.period(n, "notice period"));
    let fallback = match &t.fallback {
        None => false,
        Some(f) => cx.keyword::<Fallback>(f).is_some(),
    };
    if t.notice.is_none() && !fallback {
        cx.report(Code::MissingKey, &loc, "a termination clause needs a `notice` period", Some("for an agreement with no termination clause leave `termination` out, or write `fallback: vclt_56` to opt in to VCLT art. 56(2)".into()));
    }
    let by = match &t.by {
        None => By::AnyParty,
        Some(b) => match &b.value {
            RawBy::Keyword(k) if AnyParty::parse(k).is_some() => By::AnyParty,
            RawBy::Keyword(k) => {
                cx.report(
                    Code::InvalidValue,
                    &b.referenced,
                    format!("`{k}` is not a valid `by`"),
                    Some("write `any_party` or a list of party ids".into()),
                );
                By::AnyParty
            }
            RawBy::Parties(list) => By::Parties(list.iter().filter_map(|p| cx.party(p, parties)).collect()),
        },
    };
    let effective = match &t.effective {
        None => Effective::EndOfNotice,
        Some(e) => cx.keyword(e).unwrap_or(Effective::EndOfNotice),
    };
    let roll = t.roll.as_ref().and_then(|r| cx.keyword(r));
    let holidays: Vec<NaiveDate> = t.holidays.iter().flatten().filter_map(|h| cx.date(h)).collect();
    if let Some((first, last)) = calendar::year_without_working_day(&holidays) {
        // At the first holiday of the list that is in the run.
        let in_run = |h: &&S| parse_date(&h.value).is_ok_and(|d| (first..=last).contains(&d));
        let at = t.holidays.iter().flatten().find(in_run).map_or(loc, |h| h.referenced);
        cx.report(
            Code::InvalidValue,
            &at,
            format!(
                "the holidays leave no working day from {first} to {last}: a roll-over could not end a period there"
            ),
            Some(format!(
                "a roll-over looks {} days ahead at most; check the dates of the list",
                calendar::ROLL_LIMIT
            )),
        );
    }
    Some(Termination {
        notice,
        by,
        form: t.form,
        effective,
        article: t.article,
        fallback_vclt56: fallback,
        roll,
        holidays,
    })
}

pub(super) fn amendment_clause(cx: &mut Ctx, a: RawAmendmentClause, parties: &[Party]) -> Option<AmendmentClause> {
    let requires = match &a.requires {
        None => Requires::AllParties,
        Some(r) => match &r.value {
            RawRequires::Keyword(k) if AllParties::parse(k).is_some() => Requires::AllParties,
            RawRequires::Keyword(k) => {
                cx.report(
                    Code::InvalidValue,
                    &r.referenced,
                    format!("`{k}` is not a valid `requires`"),
                    Some("write `all_parties` or a list of `{party, organ}` approvals".into()),
                );
                return None;
            }
            RawRequires::Approvals(list) => {
                Requires::Approvals(list.iter().filter_map(|x| cx.approval(x, parties)).collect())
            }
        },
    };
    let in_force = match &a.in_force {
        None => AmendmentInForce::OnLastAcceptance,
        Some(s) => cx.keyword(s)?,
    };
    Some(AmendmentClause {
        requires,
        in_force,
        form: a.form,
        article: a.article,
    })
}
