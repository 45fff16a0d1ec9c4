//! The clauses of an agreement in words, one line each, as `show` prints them beside
//! their names ("6 months' written notice by any party (Art. IX(3))") and the report
//! in each agreement's section: one wording, [`clauses`], for both.

use crate::model::*;
use chrono::NaiveDate;

/// One clause in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ClauseWords {
    /// What `show` calls it: "entry into force".
    pub name: &'static str,
    /// The clause in words, without its article.
    pub text: String,
    /// Said when the clause is the file author's assumption, not the text's:
    /// "[assumed: not in the text]".
    pub assumed: Option<&'static str>,
    pub article: Option<String>,
}

impl ClauseWords {
    fn new(name: &'static str, text: String, article: Option<&str>) -> ClauseWords {
        ClauseWords {
            name,
            text,
            assumed: None,
            article: article.map(str::to_string),
        }
    }

    /// The line `show` prints: the words, the assumption, the article.
    pub(crate) fn line(&self) -> String {
        let assumed = self.assumed.map(|m| format!(" {m}")).unwrap_or_default();
        format!("{}{assumed}{}", self.text, cite(self.article.as_deref()))
    }
}

/// The clauses of `a` in words, in the order `show` prints them: signature, entry into
/// force, provisional application, duration, term, termination (said when missing), each
/// survival clause, amendment, supersession.
pub(crate) fn clauses(a: &Agreement) -> Vec<ClauseWords> {
    let mut out = vec![ClauseWords::new("signed", signed(a), None), entry_into_force(a)];
    out.extend(a.provisional_application.as_ref().map(provisional_application));
    out.extend(a.duration.as_ref().map(duration));
    out.extend(a.term.as_ref().map(term));
    out.push(termination(a));
    out.extend(a.survival.iter().map(survival));
    out.extend(a.amendment.as_ref().map(|c| amendment(a, c)));
    if !a.supersedes.is_empty() {
        out.push(ClauseWords::new("supersedes", supersedes(a), None));
    }
    out
}

/// Who must act, how the text words it, and when: "UNHCR, IOM; shall; every 1 year from
/// 1998-01-01" (with `first`, the first due date, when the caller knows it).
pub(crate) fn obligation(a: &Agreement, o: &Obligation, first: Option<NaiveDate>) -> String {
    let when = match &o.schedule {
        Schedule::Every { period, from, .. } => format!(
            "every {period}{}{}{}",
            from.map(|f| format!(" from {f}")).unwrap_or_default(),
            first.map(|f| format!(", first due {f}")).unwrap_or_default(),
            if o.assumed { " (assumed)" } else { "" }
        ),
        Schedule::Once { due: Some(d) } => format!("once, by {d}"),
        Schedule::Once { due: None } => "once, no deadline".to_string(),
        Schedule::Standing => "standing".to_string(),
    };
    let who = o
        .parties
        .iter()
        .map(|p| a.party_label(p))
        .collect::<Vec<_>>()
        .join(", ");
    let modal = match o.modality {
        Some(Modality::Intends) => "intends (not binding)",
        Some(m) => m.name(),
        None => "",
    };
    format!("{who}; {modal}; {when}")
}

fn signed(a: &Agreement) -> String {
    let Some(s) = &a.signed else {
        return "not signed".to_string();
    };
    let date = s.date.map_or("date not given".to_string(), |d| d.to_string());
    let place = s.place.as_ref().map(|p| format!(", {p}")).unwrap_or_default();
    format!("{date}{place}")
}

fn entry_into_force(a: &Agreement) -> ClauseWords {
    let Some(e) = &a.entry_into_force else {
        return ClauseWords::new("entry into force", "no clause".to_string(), None);
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
    let mut c = ClauseWords::new("entry into force", how, e.article.as_deref());
    c.assumed = e.assumed.then_some("[assumed: not in the text]");
    c
}

fn provisional_application(p: &ProvisionalApplication) -> ClauseWords {
    let from = match &p.from {
        PaStart::Signature => "from signature".to_string(),
        PaStart::Date(d) => format!("from {d}"),
        PaStart::Conditions(list) => format!("once {} approvals are given", list.len()),
    };
    ClauseWords::new(
        "provisional",
        format!("applied provisionally {from} until entry into force"),
        p.article.as_deref(),
    )
}

fn duration(d: &Duration) -> ClauseWords {
    let what = match (&d.while_, d.indefinite) {
        (Some(w), _) => format!("in force as long as {w}"),
        (None, true) => "indefinite".to_string(),
        (None, false) => "not stated".to_string(),
    };
    ClauseWords::new("duration", what, d.article.as_deref())
}

fn survival(s: &Survival) -> ClauseWords {
    let scope = s.scope.as_ref().map(|x| format!(" to {x}")).unwrap_or_default();
    let text = format!(
        "{} {} continue to apply{scope} for {} after the last day in force",
        if s.articles.len() == 1 { "article" } else { "articles" },
        s.articles.join(", "),
        s.period,
    );
    ClauseWords::new("survival", text, s.article.as_deref())
}

fn term(t: &Term) -> ClauseWords {
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
    ClauseWords::new("term", s, t.article.as_deref())
}

fn termination(a: &Agreement) -> ClauseWords {
    let Some(t) = &a.termination else {
        return ClauseWords::new(
            "termination",
            "no termination clause (see VCLT art. 56)".to_string(),
            None,
        );
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
    ClauseWords::new("termination", what, t.article.as_deref())
}

fn amendment(a: &Agreement, c: &AmendmentClause) -> ClauseWords {
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
    let mut words = ClauseWords::new("amendment", format!("{req}{form}, {on}"), c.article.as_deref());
    words.assumed = c.assumed.then_some("[assumed: the text does not say]");
    words
}

fn supersedes(a: &Agreement) -> String {
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
