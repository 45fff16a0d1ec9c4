//! From the file as written ([`crate::raw`]) to the checked model ([`crate::model`]):
//! every value is parsed and every reference resolved, and every problem becomes a
//! [`Diagnostic`] pointing at the offending value. Checking never stops at the first
//! problem; an agreement is returned only when it has no errors.

use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::file::raw::*;
use crate::model::*;
use crate::suggest::did_you_mean;
use crate::time::calendar::Roll;
use crate::time::period::Period;
use chrono::{Datelike, NaiveDate};
use serde_saphyr::{Location, Spanned};
use std::path::Path;

/// Collects the diagnostics of one file.
pub struct Ctx<'a> {
    pub file: &'a Path,
    pub source: &'a str,
    pub diagnostics: Vec<Diagnostic>,
}

impl<'a> Ctx<'a> {
    pub fn new(file: &'a Path, source: &'a str) -> Self {
        Ctx {
            file,
            source,
            diagnostics: Vec::new(),
        }
    }

    pub fn span(&self, loc: &Location) -> Span {
        Span::at(self.source, loc.line() as usize, loc.column() as usize)
    }

    pub fn report(&mut self, code: &'static str, loc: &Location, message: impl Into<String>, help: Option<String>) {
        let mut d = Diagnostic::new(code, self.file, Some(self.span(loc)), message);
        d.help = help;
        self.diagnostics.push(d);
    }

    fn errors(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    /// A date written `YYYY-MM-DD` that exists in the calendar.
    pub fn date(&mut self, s: &S) -> Option<NaiveDate> {
        match parse_date(&s.value) {
            Ok(d) => Some(d),
            Err(why) => {
                self.report(
                    "invalid-date",
                    &s.referenced,
                    why,
                    Some("write dates as YYYY-MM-DD, e.g. 2009-01-27".into()),
                );
                None
            }
        }
    }

    pub fn period(&mut self, s: &S, what: &str) -> Option<Period> {
        match Period::parse(&s.value) {
            Ok(p) if p.is_zero() => {
                self.report(
                    "zero-period",
                    &s.referenced,
                    format!("{what} `{}` has no length", s.value),
                    Some("give a length of at least one day, or remove the key".into()),
                );
                None
            }
            Ok(p) => Some(p),
            Err(e) => {
                self.report(
                    "invalid-period",
                    &s.referenced,
                    format!("{what} `{}` cannot be read", s.value),
                    Some(e.0),
                );
                None
            }
        }
    }

    /// A keyword out of a fixed set.
    fn keyword<T: Copy>(&mut self, s: &S, what: &str, options: &[(&str, T)]) -> Option<T> {
        if let Some((_, v)) = options.iter().find(|(name, _)| *name == s.value) {
            return Some(*v);
        }
        let names: Vec<&str> = options.iter().map(|(n, _)| *n).collect();
        let help = did_you_mean(&s.value, names.iter().copied())
            .unwrap_or_else(|| format!("expected one of: {}", names.join(", ")));
        self.report(
            "invalid-value",
            &s.referenced,
            format!("`{}` is not a valid {what}", s.value),
            Some(help),
        );
        None
    }

    fn party(&mut self, s: &S, parties: &[Party]) -> Option<String> {
        if parties.iter().any(|p| p.id == s.value) {
            return Some(s.value.clone());
        }
        let help = did_you_mean(&s.value, parties.iter().map(|p| p.id.as_str())).unwrap_or_else(|| {
            format!(
                "the parties are: {}",
                parties.iter().map(|p| p.id.as_str()).collect::<Vec<_>>().join(", ")
            )
        });
        self.report(
            "undefined-party",
            &s.referenced,
            format!("`{}` is not a party to this agreement", s.value),
            Some(help),
        );
        None
    }

    fn approval(&mut self, raw: &RawApproval, parties: &[Party]) -> Option<Approval> {
        let party = self.party(&raw.party, parties)?;
        let organ = match &raw.organ {
            None => None,
            Some(o) => {
                let organs = &parties.iter().find(|p| p.id == party)?.organs;
                if !organs.contains(&o.value) {
                    let help = did_you_mean(&o.value, organs.iter().map(String::as_str))
                        .unwrap_or_else(|| format!("list it under `parties.{party}.organs`"));
                    self.report(
                        "undefined-organ",
                        &o.referenced,
                        format!("`{}` is not an organ of `{party}`", o.value),
                        Some(help),
                    );
                    return None;
                }
                Some(o.value.clone())
            }
        };
        Some(Approval { party, organ })
    }

    fn id(&mut self, s: &S, what: &str) {
        if !is_valid_id(&s.value) {
            self.report(
                "invalid-id",
                &s.referenced,
                format!("{what} `{}` is not a valid id", s.value),
                Some(format!(
                    "ids use lowercase letters, digits and hyphens, e.g. `{}`",
                    suggest_id(&s.value)
                )),
            );
        }
    }
}

/// Parses a strict ISO date and explains why one does not exist.
///
/// ```
/// use accord::file::validate::parse_date;
/// assert!(parse_date("2024-02-29").is_ok());
/// assert_eq!(parse_date("2023-02-29").unwrap_err(), "2023-02-29 does not exist: February 2023 has 28 days");
/// ```
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let b = text.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape {
        return Err(format!("`{text}` is not a date in the form YYYY-MM-DD"));
    }
    let (y, m, d) = (
        text[0..4].parse().unwrap_or(0),
        text[5..7].parse().unwrap_or(0),
        text[8..10].parse().unwrap_or(0),
    );
    if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
        return Ok(date);
    }
    if !(1..=12).contains(&m) {
        return Err(format!("{text} does not exist: there is no month {m}"));
    }
    let first = NaiveDate::from_ymd_opt(y, m, 1).ok_or_else(|| format!("{text} is out of range"))?;
    let days = crate::time::calendar::term_last_day(first, Period::months(1)).map_or(31, |d| d.day());
    Err(format!(
        "{text} does not exist: {} {y} has {days} days",
        crate::time::calendar::month_name(m)
    ))
}

pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-')
}

fn suggest_id(id: &str) -> String {
    let s: String = id
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let s = s.trim_matches('-').to_string();
    if s.is_empty() {
        "my-agreement".into()
    } else {
        s
    }
}

const UPON: &[(&str, u8)] = &[("signature", 0), ("date", 1), ("conditions", 2)];
const THEN: &[(&str, Then)] = &[("signature", Then::Signature), ("last_approval", Then::LastApproval)];
const EFFECTIVE: &[(&str, Effective)] = &[
    ("end_of_notice", Effective::EndOfNotice),
    ("end_of_calendar_year", Effective::EndOfCalendarYear),
];
const IN_FORCE: &[(&str, AmendmentInForce)] = &[
    ("on_last_acceptance", AmendmentInForce::OnLastAcceptance),
    ("on_last_approval", AmendmentInForce::OnLastApproval),
    ("on_signature", AmendmentInForce::OnSignature),
];
const MODALITY: &[(&str, Modality)] = &[
    ("shall", Modality::Shall),
    ("will", Modality::Will),
    ("may", Modality::May),
];

/// Checks one parsed file. Returns the agreement when it has no errors, and the
/// file's diagnostics (warnings included) either way.
pub fn agreement(raw: RawAgreement, file: &Path, source: &str) -> (Option<Agreement>, Vec<Diagnostic>) {
    let mut cx = Ctx::new(file, source);
    let a = build(&mut cx, raw, file);
    let ok = cx.errors() == 0;
    (if ok { Some(a) } else { None }, cx.diagnostics)
}

fn build(cx: &mut Ctx, raw: RawAgreement, file: &Path) -> Agreement {
    cx.id(&raw.id, "agreement id");
    let draft = match &raw.status {
        None => false,
        Some(s) => cx.keyword(s, "status", &[("draft", true)]).unwrap_or(false),
    };

    // Parties.
    let mut parties: Vec<Party> = Vec::new();
    for (key, p) in raw.parties.value.0 {
        cx.id(&key, "party id");
        if parties.iter().any(|q| q.id == key.value) {
            cx.report(
                "duplicate-id",
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
            signatory: p.signatory.map(|s| Signatory {
                name: s.name,
                title: s.title,
            }),
            organs: p.organs.unwrap_or_default().into_iter().map(|o| o.value).collect(),
        });
    }
    if parties.len() < 2 {
        cx.report("too-few-parties", &raw.parties.referenced, format!("an agreement needs at least two parties; this one has {}", parties.len()), Some("add each party under `parties:` keyed by a short id, e.g. `iom: {name: International Organization for Migration}`".into()));
    }

    let signed = raw.signed.map(|s| Signed {
        date: s.date.as_ref().and_then(|d| cx.date(d)),
        place: s.place,
    });
    let entry_into_force = raw.entry_into_force.and_then(|e| entry_into_force(cx, e, &parties));
    let term = raw.term.map(|t| term(cx, t));
    let termination = raw.termination.and_then(|t| termination(cx, t, &parties));
    let amendment = raw.amendment.and_then(|a| amendment_clause(cx, a, &parties));

    let mut obligations: Vec<Obligation> = Vec::new();
    for o in raw.obligations.unwrap_or_default() {
        if let Some(ob) = obligation(
            cx,
            o,
            &parties,
            &obligations,
            entry_into_force.is_some() || signed.as_ref().is_some_and(|s| s.date.is_some()),
        ) {
            obligations.push(ob);
        }
    }

    let mut amendments: Vec<Amendment> = Vec::new();
    for a in raw.amendments.unwrap_or_default() {
        if let Some(am) = amendment_item(cx, a, &parties, &amendments) {
            amendments.push(am);
        }
    }

    let events = events(
        cx,
        raw.events.unwrap_or_default(),
        &parties,
        &obligations,
        &amendments,
        termination.as_ref(),
        signed.as_ref().and_then(|s| s.date),
    );

    let articles = raw
        .articles
        .unwrap_or_default()
        .into_iter()
        .map(|a| Article {
            number: a.number,
            title: a.title,
            text: a.text,
        })
        .collect();
    let supersedes = raw
        .supersedes
        .unwrap_or_default()
        .into_iter()
        .map(|r| match r.value {
            RawReference::Id(id) => Reference::Id(id),
            RawReference::External { title, date } => Reference::External { title, date },
        })
        .collect();
    let sources = raw
        .sources
        .unwrap_or_default()
        .into_iter()
        .map(|s| Source {
            title: s.title,
            date: s.date.as_ref().and_then(|d| cx.date(d)),
            document: s.document,
            note: s.note,
        })
        .collect();

    Agreement {
        id: raw.id.value,
        title: raw.title.value,
        short_title: raw.short_title,
        kind: raw.kind,
        draft,
        parties,
        signed,
        entry_into_force,
        term,
        termination,
        amendment,
        obligations,
        amendments,
        events,
        articles,
        supersedes,
        under: raw.under.map(|u| u.value),
        sources,
        file: file.to_path_buf(),
        superseded_by: Vec::new(),
    }
}

fn entry_into_force(cx: &mut Ctx, raw: Spanned<RawEntryIntoForce>, parties: &[Party]) -> Option<EntryIntoForce> {
    let loc = raw.referenced;
    let e = raw.value;
    let upon = match cx.keyword(&e.upon, "entry-into-force condition (`upon`)", UPON)? {
        0 => Upon::Signature,
        1 => {
            let Some(d) = &e.date else {
                cx.report(
                    "conflicting-keys",
                    &e.upon.referenced,
                    "`upon: date` needs a `date`",
                    Some("add `date: YYYY-MM-DD`".into()),
                );
                return None;
            };
            Upon::Date(cx.date(d)?)
        }
        _ => {
            let requires: Vec<Approval> = e
                .requires
                .iter()
                .flatten()
                .filter_map(|r| cx.approval(r, parties))
                .collect();
            if e.requires.as_ref().is_none_or(|r| r.is_empty()) {
                cx.report(
                    "unsatisfiable-entry-into-force",
                    &loc,
                    "`upon: conditions` lists no approvals in `requires`",
                    Some("list the approvals, e.g. `requires: [{party: iom, organ: Council}]`".into()),
                );
                return None;
            }
            let then = match &e.then {
                None => Then::LastApproval,
                Some(t) => cx.keyword(t, "`then`", THEN)?,
            };
            Upon::Conditions { requires, then }
        }
    };
    if e.date.is_some() && !matches!(upon, Upon::Date(_)) {
        if let Some(d) = &e.date {
            cx.report(
                "conflicting-keys",
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

fn term(cx: &mut Ctx, t: RawTerm) -> Term {
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
                    "renewal-notice-too-long",
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

fn termination(cx: &mut Ctx, raw: Spanned<RawTermination>, parties: &[Party]) -> Option<Termination> {
    let loc = raw.referenced;
    let t = raw.value;
    let notice = t.notice.as_ref().and_then(|n| cx.period(n, "notice period"));
    let fallback = match &t.fallback {
        None => false,
        Some(f) => cx.keyword(f, "fallback", &[("vclt_56", true)]).unwrap_or(false),
    };
    if t.notice.is_none() && !fallback {
        cx.report("missing-key", &loc, "a termination clause needs a `notice` period", Some("for an agreement with no termination clause leave `termination` out, or write `fallback: vclt_56` to opt in to VCLT art. 56(2)".into()));
    }
    let by = match &t.by {
        None => By::AnyParty,
        Some(b) => match &b.value {
            RawBy::Keyword(k) if k == "any_party" => By::AnyParty,
            RawBy::Keyword(k) => {
                cx.report(
                    "invalid-value",
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
        Some(e) => cx
            .keyword(e, "`effective`", EFFECTIVE)
            .unwrap_or(Effective::EndOfNotice),
    };
    let roll = t
        .roll
        .as_ref()
        .and_then(|r| cx.keyword(r, "roll-over convention", &Roll::ALL));
    let holidays = t.holidays.iter().flatten().filter_map(|h| cx.date(h)).collect();
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

fn amendment_clause(cx: &mut Ctx, a: RawAmendmentClause, parties: &[Party]) -> Option<AmendmentClause> {
    let requires = match &a.requires {
        None => Requires::AllParties,
        Some(r) => match &r.value {
            RawRequires::Keyword(k) if k == "all_parties" => Requires::AllParties,
            RawRequires::Keyword(k) => {
                cx.report(
                    "invalid-value",
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
        Some(s) => cx.keyword(s, "`in_force`", IN_FORCE)?,
    };
    Some(AmendmentClause {
        requires,
        in_force,
        form: a.form,
        article: a.article,
    })
}

fn obligation(
    cx: &mut Ctx,
    o: RawObligation,
    parties: &[Party],
    seen: &[Obligation],
    has_start: bool,
) -> Option<Obligation> {
    cx.id(&o.id, "obligation id");
    if seen.iter().any(|s| s.id == o.id.value) {
        cx.report(
            "duplicate-id",
            &o.id.referenced,
            format!("obligation `{}` is defined twice", o.id.value),
            None,
        );
    }
    let who: Vec<String> = o.parties.iter().filter_map(|p| cx.party(p, parties)).collect();
    if o.parties.is_empty() {
        cx.report(
            "missing-key",
            &o.id.referenced,
            format!("obligation `{}` names no party in `parties`", o.id.value),
            Some("list who must act, e.g. `parties: [eco, iom]`".into()),
        );
    }
    let modality = o.modality.as_ref().and_then(|m| cx.keyword(m, "modality", MODALITY));
    let schedule = match (&o.every, o.once.unwrap_or(false)) {
        (Some(e), true) => {
            cx.report(
                "conflicting-keys",
                &e.referenced,
                "an obligation is either recurring (`every`) or one-off (`once`), not both",
                None,
            );
            return None;
        }
        (Some(e), false) => {
            let period = cx.period(e, "interval")?;
            let from = o.from.as_ref().and_then(|f| cx.date(f));
            if o.from.is_none() && !has_start {
                cx.report("no-anchor", &e.referenced, format!("obligation `{}` recurs but has no `from` date, and the agreement has no date of entry into force", o.id.value), Some("add `from: YYYY-MM-DD`, the date the schedule counts from".into()));
            }
            if o.article.is_none() {
                cx.report(
                    "every-without-article",
                    &e.referenced,
                    format!("recurring obligation `{}` cites no article", o.id.value),
                    Some("add `article:`; if the interval is not in the text, say so with `assumed: true`".into()),
                );
            }
            Schedule::Every { period, from }
        }
        (None, true) => Schedule::Once {
            due: o.due.as_ref().and_then(|d| cx.date(d)),
        },
        (None, false) => {
            if let Some(d) = &o.due {
                cx.report("conflicting-keys", &d.referenced, "`due` needs `once: true`", None);
            }
            Schedule::Standing
        }
    };
    if let (Some(f), Schedule::Once { .. } | Schedule::Standing) = (&o.from, &schedule) {
        cx.report(
            "conflicting-keys",
            &f.referenced,
            "`from` is the anchor of a recurring obligation and needs `every`",
            None,
        );
    }
    let lead = o.lead.as_ref().and_then(|l| cx.period(l, "lead time"));
    Some(Obligation {
        id: o.id.value,
        text: o.text,
        parties: who,
        modality,
        article: o.article,
        schedule,
        assumed: o.assumed.unwrap_or(false),
        lead,
        note: o.note,
    })
}

fn amendment_item(cx: &mut Ctx, a: RawAmendment, parties: &[Party], seen: &[Amendment]) -> Option<Amendment> {
    cx.id(&a.id, "amendment id");
    if seen.iter().any(|s| s.id == a.id.value) {
        cx.report(
            "duplicate-id",
            &a.id.referenced,
            format!("amendment `{}` is defined twice", a.id.value),
            None,
        );
    }
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
                        "acceptance-before-proposal",
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
        article: a.article,
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

#[allow(clippy::too_many_arguments)]
fn events(
    cx: &mut Ctx,
    raw: Vec<RawEvent>,
    parties: &[Party],
    obligations: &[Obligation],
    amendments: &[Amendment],
    termination: Option<&Termination>,
    signed: Option<NaiveDate>,
) -> Vec<Event> {
    let mut out: Vec<Event> = Vec::new();
    let mut last: Option<NaiveDate> = None;
    for e in raw {
        let Some(date) = cx.date(&e.date) else { continue };
        let Some(kind) = cx.keyword(&e.kind, "event type", &EventKind::ALL) else {
            continue;
        };
        if let Some(prev) = last {
            if date < prev {
                cx.report(
                    "event-order",
                    &e.date.referenced,
                    format!("event dated {date} comes after one dated {prev}"),
                    Some("keep `events` in date order".into()),
                );
            }
        }
        last = Some(last.map_or(date, |l| l.max(date)));
        if let Some(s) = signed {
            if date < s && !matches!(kind, EventKind::Approved | EventKind::Note | EventKind::Signed) {
                cx.report(
                    "event-order",
                    &e.date.referenced,
                    format!("{} event dated {date} is before the signature on {s}", kind.name()),
                    None,
                );
            }
        }
        let party = e.party.as_ref().and_then(|p| cx.party(p, parties));
        let by = e.by.as_ref().and_then(|p| cx.party(p, parties));
        let organ = match (&e.organ, &party) {
            (Some(o), Some(p)) => {
                let organs = &parties
                    .iter()
                    .find(|x| x.id == *p)
                    .map(|x| x.organs.clone())
                    .unwrap_or_default();
                if organs.contains(&o.value) {
                    Some(o.value.clone())
                } else {
                    cx.report(
                        "undefined-organ",
                        &o.referenced,
                        format!("`{}` is not an organ of `{p}`", o.value),
                        did_you_mean(&o.value, organs.iter().map(String::as_str)),
                    );
                    None
                }
            }
            _ => None,
        };
        let need = |cx: &mut Ctx, ok: bool, what: &str| {
            if !ok {
                cx.report(
                    "missing-key",
                    &e.kind.referenced,
                    format!("a `{}` event needs `{what}`", e.kind.value),
                    None,
                );
            }
        };
        match kind {
            EventKind::Approved => need(cx, e.party.is_some(), "party"),
            EventKind::Performed => need(cx, e.obligation.is_some(), "obligation"),
            EventKind::NoticeGiven | EventKind::NoticeRevoked => need(cx, e.by.is_some(), "by"),
            _ => {}
        }
        if let Some(o) = &e.obligation {
            if !obligations.iter().any(|x| x.id == o.value) {
                let help = did_you_mean(&o.value, obligations.iter().map(|x| x.id.as_str()));
                cx.report(
                    "undefined-obligation",
                    &o.referenced,
                    format!("no obligation `{}` in this agreement", o.value),
                    help,
                );
            }
        }
        if let Some(a) = &e.amendment {
            if !amendments.iter().any(|x| x.id == a.value) {
                let help = did_you_mean(&a.value, amendments.iter().map(|x| x.id.as_str()));
                cx.report(
                    "undefined-amendment",
                    &a.referenced,
                    format!("no amendment `{}` in this agreement", a.value),
                    help,
                );
            }
        }
        if kind == EventKind::NoticeGiven {
            if let (Some(b), Some(t), Some(s)) = (&by, termination, &e.by) {
                if !t.by.allows(b) {
                    cx.report(
                        "notice-without-right",
                        &s.referenced,
                        format!("`{b}` has no right to terminate under the termination clause"),
                        None,
                    );
                }
            }
        }
        out.push(Event {
            date,
            kind,
            party,
            organ,
            obligation: e.obligation.map(|o| o.value),
            amendment: e.amendment.map(|a| a.value),
            by,
            note: e.note,
        });
    }
    out.sort_by_key(|e| e.date);
    out
}
