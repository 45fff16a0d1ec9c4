//! The clauses of an agreement in words, one line each, as `show` prints them beside
//! their names: "6 months' written notice by any party (Art. IX(3))".

use crate::model::*;

pub(super) fn signed(a: &Agreement) -> String {
    let Some(s) = &a.signed else {
        return "not signed".to_string();
    };
    let date = s.date.map_or("date not given".to_string(), |d| d.to_string());
    let place = s.place.as_ref().map(|p| format!(", {p}")).unwrap_or_default();
    format!("{date}{place}")
}

pub(super) fn entry_into_force(a: &Agreement) -> String {
    let Some(e) = &a.entry_into_force else {
        return "no clause".to_string();
    };
    let how = match &e.upon {
        Upon::Signature => "on signature".to_string(),
        Upon::Date(d) => format!("on {d}"),
        Upon::Conditions { requires, then } => {
            let who = approvals(a, requires);
            match then {
                Then::Signature => format!("after approval by {who}, on signature"),
                Then::LastApproval => format!("on the later approval by {who}"),
            }
        }
        Upon::Notifications => {
            "once every party has notified the others that its internal requirements are met".to_string()
        }
        Upon::Instruments(i) => {
            let mut s = format!("on the deposit of the {}th instrument", i.count);
            if !i.requires_parties.is_empty() {
                let who: Vec<String> = i.requires_parties.iter().map(|p| a.party_label(p)).collect();
                s.push_str(&format!(", including those of {}", who.join(" and ")));
            }
            if let Some(l) = i.for_later_parties {
                s.push_str(&format!("; for a party depositing later, {l} after its deposit"));
            }
            if let Some(d) = i.date {
                s.push_str(&format!("; in force generally since {d} (stated)"));
            }
            s
        }
        Upon::AgreedDate => "on a date the parties agree".to_string(),
    };
    let how = match e.after {
        Some(after) => format!("{how}, then {after} after it"),
        None => how,
    };
    let assumed = if e.assumed { " [assumed: not in the text]" } else { "" };
    format!("{how}{}{assumed}", cite(e.article.as_deref()))
}

pub(super) fn provisional_application(p: &ProvisionalApplication) -> String {
    let from = match &p.from {
        PaStart::Signature => "from signature".to_string(),
        PaStart::Date(d) => format!("from {d}"),
        PaStart::Conditions(list) => format!("once {} approvals are given", list.len()),
    };
    format!(
        "applied provisionally {from} until entry into force{}",
        cite(p.article.as_deref())
    )
}

pub(super) fn duration(d: &Duration) -> String {
    let what = match (&d.while_, d.indefinite) {
        (Some(w), _) => format!("in force as long as {w}"),
        (None, true) => "indefinite".to_string(),
        (None, false) => "not stated".to_string(),
    };
    format!("{what}{}", cite(d.article.as_deref()))
}

pub(super) fn survival(s: &Survival) -> String {
    let scope = s.scope.as_ref().map(|x| format!(" to {x}")).unwrap_or_default();
    format!(
        "{} {} continue to apply{scope} for {} after the last day in force{}",
        if s.articles.len() == 1 { "article" } else { "articles" },
        s.articles.join(", "),
        s.period,
        cite(s.article.as_deref())
    )
}

pub(super) fn term(t: &Term) -> String {
    let mut s = match t.length {
        Some(l) => format!("{l}{}", t.from.map(|f| format!(" from {f}")).unwrap_or_default()),
        None => "indefinite".to_string(),
    };
    if let Some(r) = &t.renewal {
        s.push_str(&format!(
            "; renewed {}for {}",
            if r.tacit { "tacitly " } else { "" },
            r.length
        ));
        if let Some(n) = r.notice {
            s.push_str(&format!(
                " unless notice of non-renewal is received {n} before the end of the term"
            ));
        }
    }
    if let Some(m) = t.minimum {
        s.push_str(&format!("; minimum term {m}"));
    }
    format!("{s}{}", cite(t.article.as_deref()))
}

pub(super) fn termination(a: &Agreement) -> String {
    let Some(t) = &a.termination else {
        return "no termination clause (see VCLT art. 56)".to_string();
    };
    let who = match &t.by {
        By::AnyParty => "any party".to_string(),
        By::Parties(p) => p.iter().map(|x| a.party_label(x)).collect::<Vec<_>>().join(", "),
    };
    let what = match t.notice {
        Some(n) => format!(
            "{n}' {}notice by {who}",
            t.form.as_ref().map(|f| format!("{f} ")).unwrap_or_default()
        ),
        None => "no clause; the file opts in to VCLT art. 56(2)'s twelve months".to_string(),
    };
    let mut what = what;
    if t.effective == Effective::EndOfCalendarYear {
        what.push_str(", effective at the end of a calendar year");
    }
    if t.counting == Counting::Anniversary {
        what.push_str(", counted to the anniversary");
    }
    if a.is_multilateral() || t.scope.is_some() {
        match crate::engine::rules::scope(a) {
            Scope::WithdrawingParty => what.push_str("; a notice ends the withdrawing party's participation"),
            Scope::Agreement => what.push_str("; a notice ends the agreement"),
        }
    }
    if let Some(nb) = &t.not_before {
        let from = match nb.from {
            NotBeforeFrom::EntryIntoForce => "entry into force for the party",
            NotBeforeFrom::Signature => "signature",
        };
        what.push_str(&format!("; not before {} from {from}", nb.period));
    }
    if t.later_date {
        what.push_str("; or on a later date named in the notice");
    }
    format!("{what}{}", cite(t.article.as_deref()))
}

pub(super) fn amendment(a: &Agreement, c: &AmendmentClause) -> String {
    let req = match &c.requires {
        Requires::AllParties => "acceptance by all parties".to_string(),
        Requires::Approvals(list) => format!("approval by {}", approvals(a, list)),
    };
    let on = match c.in_force {
        AmendmentInForce::OnLastAcceptance => "in force on the last acceptance",
        AmendmentInForce::OnLastApproval => "in force on the later approval",
        AmendmentInForce::OnSignature => "in force on signature",
    };
    let form = c.form.as_ref().map(|f| format!(" ({f})")).unwrap_or_default();
    let assumed = if c.assumed {
        " [assumed: the text does not say]"
    } else {
        ""
    };
    format!("{req}{form}, {on}{assumed}{}", cite(c.article.as_deref()))
}

pub(super) fn supersedes(a: &Agreement) -> String {
    let list: Vec<String> = a
        .supersedes
        .iter()
        .map(|r| {
            let what = match r {
                Reference::Id { id, .. } => id.clone(),
                Reference::External { title, date, .. } => format!(
                    "{title}{}",
                    date.as_ref().map(|d| format!(" ({d})")).unwrap_or_default()
                ),
            };
            format!("{what}, on entry into force{}", cite(r.article()))
        })
        .collect();
    list.join("; ")
}

/// "UN General Assembly and IOM Council".
fn approvals(a: &Agreement, list: &[Approval]) -> String {
    list.iter()
        .map(|r| a.approval_label(r))
        .collect::<Vec<_>>()
        .join(" and ")
}
