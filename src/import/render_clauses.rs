//! The final clauses of a draft as YAML: entry into force, term, termination,
//! amendment and supersession, each value with its source comment (see
//! [`super::render`]).

use super::draft::{Amendment, Draft, EntryIntoForce, InForce, Requires, Section, Term, Termination, Then, Upon};
use super::render::{cite, q, remarks, value_line};
use std::fmt::Write;

pub(super) fn eif(o: &mut String, d: &Draft) {
    o.push('\n');
    remarks(o, d, Section::EntryIntoForce, "");
    let Some(EntryIntoForce { upon, article, assumed }) = &d.entry_into_force else {
        return;
    };
    o.push_str("entry_into_force:\n");
    match &upon.value {
        Upon::Signature => value_line(o, "  ", "upon", "signature", upon),
        Upon::Date { date } => {
            value_line(o, "  ", "upon", "date", upon);
            let _ = writeln!(o, "  date: {date}");
        }
        Upon::Conditions { requires, then } => {
            value_line(o, "  ", "upon", "conditions", upon);
            o.push_str("  requires:\n");
            for a in requires {
                match &a.organ {
                    Some(org) => {
                        let _ = writeln!(o, "    - {{party: {}, organ: {}}}", a.party, q(org));
                    }
                    None => {
                        let _ = writeln!(o, "    - {{party: {}}}", a.party);
                    }
                }
            }
            let then = match then {
                Then::Signature => "signature",
                Then::LastApproval => "last_approval",
            };
            let _ = writeln!(o, "  then: {then}");
        }
    }
    if *assumed {
        o.push_str("  assumed: true\n");
        let _ = writeln!(
            o,
            "  note: {}",
            q("The text has no entry-into-force clause; entry into force on signature is assumed.")
        );
    }
    if let Some(a) = article {
        let _ = writeln!(o, "  article: {}", q(a));
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
    let Some(Termination {
        notice,
        by,
        form,
        end_of_calendar_year,
        article,
    }) = &d.termination
    else {
        return;
    };
    o.push_str("termination:\n");
    value_line(o, "  ", "notice", &q(&notice.value), notice);
    match by {
        None => o.push_str("  by: any_party\n"),
        Some(ids) => {
            let _ = writeln!(o, "  by: [{}]", ids.join(", "));
        }
    }
    if let Some(f) = form {
        let _ = writeln!(o, "  form: {}", q(f));
    }
    if *end_of_calendar_year {
        o.push_str("  effective: end_of_calendar_year\n");
    }
    let _ = writeln!(o, "  article: {}", q(article));
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
            for a in list {
                match &a.organ {
                    Some(org) => {
                        let _ = writeln!(o, "    - {{party: {}, organ: {}}}", a.party, q(org));
                    }
                    None => {
                        let _ = writeln!(o, "    - {{party: {}}}", a.party);
                    }
                }
            }
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
        o.push_str("}\n");
    }
}
