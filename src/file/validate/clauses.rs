//! The final clauses: entry into force, provisional application, duration, term and
//! renewal, termination, survival and the amendment clause, each read from its raw form
//! with every problem reported.

use super::context::Ctx;
use super::values::parse_date;
use crate::diagnostic::Code;
use crate::file::raw::*;
use crate::keyword::Keyword;
use crate::model::*;
use crate::time::after::After;
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
    let kind = cx.keyword::<UponKind>(&e.upon)?;
    let upon = match kind {
        UponKind::Signature => Upon::Signature,
        UponKind::Notifications => Upon::Notifications,
        UponKind::AgreedDate => Upon::AgreedDate,
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
            let requires = approvals(cx, e.requires.as_deref(), parties);
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
        UponKind::Instruments => Upon::Instruments(instruments(cx, &e, parties, &loc)?),
    };
    only_with(cx, &e.date, "date", kind, &[UponKind::Date, UponKind::Instruments]);
    only_with(cx, &e.then, "then", kind, &[UponKind::Conditions]);
    only_with(
        cx,
        &e.for_later_parties,
        "for_later_parties",
        kind,
        &[UponKind::Instruments],
    );
    if let (Some(r), false) = (&e.requires, kind == UponKind::Conditions) {
        if let Some(first) = r.first() {
            let message = format!("`requires` is only used with `upon: conditions`, not `upon: {kind}`");
            cx.report(Code::ConflictingKeys, &first.party.referenced, message, None);
        }
    }
    let after = e.after.as_ref().and_then(|a| cx.after(a));
    Some(EntryIntoForce {
        upon,
        after,
        article: cx.article(&e.article),
        assumed: e.assumed.unwrap_or(false),
        note: e.note,
    })
}

/// Reports `key` given with an `upon` that does not use it.
fn only_with(cx: &mut Ctx, value: &Option<S>, key: &str, kind: UponKind, used_by: &[UponKind]) {
    if let (Some(v), false) = (value, used_by.contains(&kind)) {
        let with: Vec<String> = used_by.iter().map(|u| format!("`upon: {u}`")).collect();
        cx.report(
            Code::ConflictingKeys,
            &v.referenced,
            format!("`{key}` is only used with {}, not `upon: {kind}`", with.join(" or ")),
            None,
        );
    }
}

fn approvals(cx: &mut Ctx, raw: Option<&[RawApproval]>, parties: &[Party]) -> Vec<Approval> {
    raw.unwrap_or_default()
        .iter()
        .filter_map(|r| cx.approval(r, parties))
        .collect()
}

/// `upon: instruments`: the count, the parties whose instruments are needed, the
/// period for later parties, and the general date when stated as a fact.
fn instruments(
    cx: &mut Ctx,
    e: &RawEntryIntoForce,
    parties: &[Party],
    loc: &serde_saphyr::Location,
) -> Option<Instruments> {
    let Some(count) = &e.count else {
        cx.report(
            Code::MissingKey,
            &e.upon.referenced,
            "`upon: instruments` needs a `count`",
            Some("the number of instruments whose deposit brings the agreement into force, e.g. `count: 55`".into()),
        );
        return None;
    };
    if count.value == 0 {
        cx.report(
            Code::UnsatisfiableEntryIntoForce,
            &count.referenced,
            "`count: 0`: entry into force needs at least one instrument",
            None,
        );
        return None;
    }
    let requires_parties: Vec<String> = e
        .requires_parties
        .iter()
        .flatten()
        .filter_map(|p| cx.party(p, parties))
        .collect();
    let named = parties.iter().filter(|p| !p.collective).count();
    let collective = parties.iter().any(|p| p.collective);
    if !collective && count.value as usize > named {
        cx.report(
            Code::UnsatisfiableEntryIntoForce,
            loc,
            format!(
                "`count: {}` instruments, but the file names {named} parties and no collective entry",
                count.value
            ),
            Some("add `{name: Other parties, collective: true}` for the parties the file does not name".into()),
        );
    }
    Some(Instruments {
        count: count.value,
        requires_parties,
        for_later_parties: e.for_later_parties.as_ref().and_then(|a| cx.after(a)),
        date: e.date.as_ref().and_then(|d| cx.date(d)),
    })
}

pub(super) fn provisional_application(
    cx: &mut Ctx,
    raw: Spanned<RawProvisionalApplication>,
    parties: &[Party],
) -> Option<ProvisionalApplication> {
    let p = raw.value;
    let from = match cx.keyword::<PaFrom>(&p.from)? {
        PaFrom::Signature => PaStart::Signature,
        PaFrom::Date => {
            let Some(d) = &p.date else {
                cx.report(
                    Code::ConflictingKeys,
                    &p.from.referenced,
                    "`from: date` needs a `date`",
                    Some("add `date: YYYY-MM-DD`".into()),
                );
                return None;
            };
            PaStart::Date(cx.date(d)?)
        }
        PaFrom::Conditions => {
            let requires = approvals(cx, p.requires.as_deref(), parties);
            if p.requires.as_ref().is_none_or(|r| r.is_empty()) {
                cx.report(
                    Code::MissingKey,
                    &p.from.referenced,
                    "`from: conditions` needs the approvals in `requires`",
                    None,
                );
                return None;
            }
            PaStart::Conditions(requires)
        }
    };
    Some(ProvisionalApplication {
        from,
        article: cx.article(&p.article),
        note: p.note,
    })
}

pub(super) fn duration(cx: &mut Ctx, d: RawDuration) -> Duration {
    Duration {
        indefinite: d.indefinite.unwrap_or(false),
        while_: d.while_,
        article: cx.article(&d.article),
    }
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
        article: cx.article(&t.article),
    }
}

pub(super) fn termination(cx: &mut Ctx, raw: Spanned<RawTermination>, parties: &[Party]) -> Option<Termination> {
    let loc = raw.referenced;
    let t = raw.value;
    let notice = t.notice.as_ref().and_then(|n| cx.period(n, "notice period"));
    let fallback = t.fallback.as_ref().is_some_and(|f| cx.keyword::<Fallback>(f).is_some());
    if t.notice.is_none() && !fallback {
        cx.report(Code::MissingKey, &loc, "a termination clause needs a `notice` period", Some("for an agreement with no termination clause leave `termination` out, or write `fallback: vclt_56` to opt in to VCLT art. 56(2)".into()));
    }
    let by = match &t.by {
        None => By::AnyParty,
        Some(b) => match &b.value {
            WordOr::Word(k) if AnyParty::parse(k).is_some() => By::AnyParty,
            WordOr::Word(k) => {
                cx.report(
                    Code::InvalidValue,
                    &b.referenced,
                    format!("`{k}` is not a valid `by`"),
                    Some("write `any_party` or a list of party ids".into()),
                );
                By::AnyParty
            }
            WordOr::List(list) => By::Parties(list.iter().filter_map(|p| cx.party(p, parties)).collect()),
        },
    };
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
        effective: t
            .effective
            .as_ref()
            .and_then(|e| cx.keyword(e))
            .unwrap_or(Effective::EndOfNotice),
        counting: t
            .counting
            .as_ref()
            .and_then(|c| cx.keyword(c))
            .unwrap_or(Counting::EndOfPeriod),
        scope: t.scope.as_ref().and_then(|s| cx.keyword(s)),
        not_before: t.not_before.as_ref().and_then(|n| not_before(cx, n)),
        later_date: t
            .later_date
            .as_ref()
            .is_some_and(|l| cx.keyword::<LaterDate>(l).is_some()),
        article: cx.article(&t.article),
        fallback_vclt56: fallback,
        roll: t.roll.as_ref().and_then(|r| cx.keyword(r)),
        holidays,
    })
}

fn not_before(cx: &mut Ctx, raw: &Spanned<RawNotBefore>) -> Option<NotBefore> {
    match &raw.value {
        ScalarOr::Scalar(text) => {
            let s = Spanned {
                value: text.clone(),
                referenced: raw.referenced,
                defined: raw.defined,
            };
            Some(NotBefore {
                period: cx.period(&s, "waiting period (`not_before`)")?,
                from: NotBeforeFrom::EntryIntoForce,
            })
        }
        ScalarOr::Map(m) => Some(NotBefore {
            period: cx.period(&m.period, "waiting period (`not_before`)")?,
            from: match &m.from {
                None => NotBeforeFrom::EntryIntoForce,
                Some(f) => cx.keyword(f)?,
            },
        }),
    }
}

pub(super) fn survival(cx: &mut Ctx, s: RawSurvival) -> Option<Survival> {
    if s.articles.is_empty() {
        cx.report(
            Code::MissingKey,
            &s.period.referenced,
            "a survival clause lists no `articles`",
            Some("list the articles that continue to apply, e.g. `articles: [\"8\", \"9\"]`".into()),
        );
    }
    let articles = s.articles.iter().map(|a| cx.survivor(a)).collect();
    Some(Survival {
        articles,
        period: cx.period(&s.period, "survival period")?,
        scope: s.scope,
        article: cx.article(&s.article),
    })
}

pub(super) fn amendment_clause(cx: &mut Ctx, a: RawAmendmentClause, parties: &[Party]) -> Option<AmendmentClause> {
    let requires = match &a.requires {
        None => Requires::AllParties,
        Some(r) => match &r.value {
            WordOr::Word(k) if AllParties::parse(k).is_some() => Requires::AllParties,
            WordOr::Word(k) => {
                cx.report(
                    Code::InvalidValue,
                    &r.referenced,
                    format!("`{k}` is not a valid `requires`"),
                    Some("write `all_parties` or a list of `{party, organ}` approvals".into()),
                );
                return None;
            }
            WordOr::List(list) => Requires::Approvals(approvals(cx, Some(list), parties)),
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
        article: cx.article(&a.article),
        assumed: a.assumed.unwrap_or(false),
    })
}

/// Keeps an `after` rule, reporting one it cannot read.
impl Ctx<'_> {
    pub(super) fn after(&mut self, s: &S) -> Option<After> {
        match After::parse(&s.value) {
            Ok(a) => Some(a),
            Err(why) => {
                self.report(Code::InvalidPeriod, &s.referenced, why, None);
                None
            }
        }
    }
}
