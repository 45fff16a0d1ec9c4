//! The final clauses of a draft as YAML: entry into force, term, termination,
//! amendment and supersession, each value with its source comment (see
//! [`super::render`]).

use super::draft::{Amendment, Approval, Draft, InForce, Requires, Section, Term, Then, Upon};
use super::render::{cite, q, remarks, value_line};
use std::fmt::Write;

pub(super) fn eif(o: &mut String, d: &Draft) {
    o.push('\n');
    remarks(o, d, Section::EntryIntoForce, "");
    let Some(e) = &d.entry_into_force else {
        return;
    };
    o.push_str("entry_into_force:\n");
    let upon = &e.upon;
    match &upon.value {
        Upon::Signature => value_line(o, "  ", "upon", "signature", upon),
        Upon::Date { date } => {
            value_line(o, "  ", "upon", "date", upon);
            let _ = writeln!(o, "  date: {date}");
        }
        Upon::Conditions { requires, then } => {
            value_line(o, "  ", "upon", "conditions", upon);
            o.push_str("  requires:\n");
            approvals(o, "    ", requires);
            let then = match then {
                Then::Signature => "signature",
                Then::LastApproval => "last_approval",
            };
            let _ = writeln!(o, "  then: {then}");
        }
        Upon::Notifications => value_line(o, "  ", "upon", "notifications", upon),
        Upon::Instruments { count } => {
            value_line(o, "  ", "upon", "instruments", upon);
            let _ = writeln!(o, "  count: {count}");
        }
        Upon::AgreedDate => value_line(o, "  ", "upon", "agreed_date", upon),
    }
    if let Some(a) = &e.after {
        value_line(o, "  ", "after", &q(&a.value), a);
    }
    if let Some(a) = &e.for_later_parties {
        value_line(o, "  ", "for_later_parties", &q(&a.value), a);
    }
    if e.assumed {
        o.push_str("  assumed: true\n");
        let _ = writeln!(
            o,
            "  note: {}",
            q("The text has no entry-into-force clause; entry into force on signature is assumed.")
        );
    }
    if let Some(a) = &e.article {
        let _ = writeln!(o, "  article: {}", q(a));
    }
}

/// A list of approvals, one `{party, organ}` per line.
fn approvals(o: &mut String, indent: &str, list: &[Approval]) {
    for a in list {
        match &a.organ {
            Some(org) => {
                let _ = writeln!(o, "{indent}- {{party: {}, organ: {}}}", a.party, q(org));
            }
            None => {
                let _ = writeln!(o, "{indent}- {{party: {}}}", a.party);
            }
        }
    }
}

pub(super) fn duration(o: &mut String, d: &Draft) {
    o.push('\n');
    remarks(o, d, Section::Duration, "");
    let Some(du) = &d.duration else { return };
    o.push_str("duration:\n");
    match &du.while_ {
        Some(w) => value_line(o, "  ", "while", &q(&w.value), w),
        None => {
            let _ = writeln!(o, "  indefinite: true  {}", cite(&du.source));
        }
    }
    let _ = writeln!(o, "  article: {}", q(&du.article));
}

pub(super) fn survival(o: &mut String, d: &Draft) {
    o.push('\n');
    remarks(o, d, Section::Survival, "");
    if d.survival.is_empty() {
        return;
    }
    o.push_str("survival:\n");
    for s in &d.survival {
        let list: Vec<String> = s.articles.iter().map(|a| q(a)).collect();
        let _ = writeln!(o, "  - articles: [{}]  {}", list.join(", "), cite(&s.source));
        value_line(o, "    ", "period", &q(&s.period.value), &s.period);
        let _ = writeln!(o, "    article: {}", q(&s.article));
    }
}

pub(super) fn term(o: &mut String, d: &Draft) {
    o.push('\n');
    remarks(o, d, Section::Term, "");
    let Some(Term {
        length,
        renewal,
        article,
    }) = &d.term
    else {
        return;
    };
    o.push_str("term:\n");
    if let Some(l) = length {
        value_line(o, "  ", "length", &q(&l.value), l);
    }
    if let Some(r) = renewal {
        let _ = writeln!(o, "  renewal:  {}", cite(&r.source));
        let _ = writeln!(o, "    tacit: {}", r.value.tacit);
        if let Some(l) = &r.value.length {
            let _ = writeln!(o, "    length: {}", q(l));
        }
        if let Some(n) = &r.value.notice {
            let _ = writeln!(o, "    notice: {}", q(n));
        }
    }
    let _ = writeln!(o, "  article: {}", q(article));
}

pub(super) fn termination(o: &mut String, d: &Draft) {
    o.push('\n');
    remarks(o, d, Section::Termination, "");
    let Some(t) = &d.termination else {
        return;
    };
    o.push_str("termination:\n");
    value_line(o, "  ", "notice", &q(&t.notice.value), &t.notice);
    match &t.by {
        None => o.push_str("  by: any_party\n"),
        Some(ids) => {
            let _ = writeln!(o, "  by: [{}]", ids.join(", "));
        }
    }
    if let Some(f) = &t.form {
        let _ = writeln!(o, "  form: {}", q(f));
    }
    if t.end_of_calendar_year {
        o.push_str("  effective: end_of_calendar_year\n");
    }
    if t.anniversary {
        o.push_str("  counting: anniversary\n");
    }
    if let Some(n) = &t.not_before {
        let value = if n.value.from_signature {
            format!("{{period: {}, from: signature}}", q(&n.value.period))
        } else {
            q(&n.value.period)
        };
        value_line(o, "  ", "not_before", &value, n);
    }
    if let Some(l) = &t.later_date {
        let _ = writeln!(o, "  later_date: allowed  {}", cite(l));
    }
    let _ = writeln!(o, "  article: {}", q(&t.article));
}

pub(super) fn amendment(o: &mut String, d: &Draft) {
    o.push('\n');
    remarks(o, d, Section::Amendment, "");
    let Some(Amendment {
        requires,
        in_force,
        form,
        article,
    }) = &d.amendment
    else {
        return;
    };
    o.push_str("amendment:\n");
    match &requires.value {
        Requires::AllParties => value_line(o, "  ", "requires", "all_parties", requires),
        Requires::Approvals(list) => {
            let _ = writeln!(o, "  requires:  {}", cite(&requires.source));
            approvals(o, "    ", list);
        }
    }
    if let Some(f) = in_force {
        let v = match f.value {
            InForce::OnLastAcceptance => "on_last_acceptance",
            InForce::OnLastApproval => "on_last_approval",
            InForce::OnSignature => "on_signature",
        };
        value_line(o, "  ", "in_force", v, f);
    }
    if let Some(f) = form {
        let _ = writeln!(o, "  form: {}", q(f));
    }
    let _ = writeln!(o, "  article: {}", q(article));
}

pub(super) fn supersedes(o: &mut String, d: &Draft) {
    if d.supersedes.is_empty() {
        return;
    }
    o.push('\n');
    o.push_str("supersedes:\n");
    for s in &d.supersedes {
        let _ = writeln!(o, "  {}", cite(&s.source));
        let _ = write!(o, "  - {{title: {}", q(&s.value.title));
        if let Some(date) = s.value.date {
            let _ = write!(o, ", date: {}", q(&date.to_string()));
        }
        let _ = writeln!(o, ", article: {}}}", q(&s.value.article));
    }
}
