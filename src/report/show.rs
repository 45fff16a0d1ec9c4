//! `accord show`: everything about one agreement, readable in a terminal.

use crate::engine::amendments;
use crate::engine::status::Status;
use crate::model::*;
use chrono::NaiveDate;
use std::io::{self, Write};

/// What `show` needs besides the agreement.
pub struct ShowContext<'a> {
    pub status: &'a Status,
    pub as_of: NaiveDate,
    pub articles: bool,
    /// Agreements that name this one as `under`, with their status.
    pub children: Vec<(&'a Agreement, Status)>,
    /// The parent agreement and its status, for a child.
    pub parent: Option<(&'a Agreement, Status)>,
}

fn field(out: &mut dyn Write, name: &str, value: impl std::fmt::Display) -> io::Result<()> {
    writeln!(out, "{:<18}{value}", format!("{name}:"))
}

pub fn text(out: &mut dyn Write, a: &Agreement, cx: &ShowContext) -> io::Result<()> {
    writeln!(out, "{}\n{}\n", a.id, a.title)?;
    if let Some(k) = &a.kind {
        field(out, "kind", k)?;
    }
    field(out, "status", format!("{} — {}", cx.status.state, cx.status.reason))?;
    if let Some((p, st)) = &cx.parent {
        field(out, "under", format!("{} ({}: {})", p.id, st.state, st.reason))?;
    }
    writeln!(out, "parties:")?;
    for p in &a.parties {
        let sig = p
            .signatory
            .as_ref()
            .map(|s| {
                format!(
                    "; signatory {}{}",
                    s.name,
                    s.title.as_ref().map(|t| format!(", {t}")).unwrap_or_default()
                )
            })
            .unwrap_or_default();
        let organs = if p.organs.is_empty() {
            String::new()
        } else {
            format!("; organs: {}", p.organs.join(", "))
        };
        writeln!(out, "  {:<8}{}{sig}{organs}", p.id, p.name)?;
    }
    if let Some(s) = &a.signed {
        let date = s.date.map_or("date not given".to_string(), |d| d.to_string());
        field(
            out,
            "signed",
            format!(
                "{date}{}",
                s.place.as_ref().map(|p| format!(", {p}")).unwrap_or_default()
            ),
        )?;
    } else {
        field(out, "signed", "not signed")?;
    }
    match &a.entry_into_force {
        None => field(out, "entry into force", "no clause")?,
        Some(e) => {
            let how = match &e.upon {
                Upon::Signature => "on signature".to_string(),
                Upon::Date(d) => format!("on {d}"),
                Upon::Conditions { requires, then } => {
                    let who = requires
                        .iter()
                        .map(|r| a.approval_label(r))
                        .collect::<Vec<_>>()
                        .join(" and ");
                    match then {
                        Then::Signature => format!("after approval by {who}, on signature"),
                        Then::LastApproval => format!("on the later approval by {who}"),
                    }
                }
            };
            let assumed = if e.assumed { " [assumed: not in the text]" } else { "" };
            field(
                out,
                "entry into force",
                format!("{how}{}{assumed}", cite(e.article.as_deref())),
            )?;
        }
    }
    if let Some(t) = &a.term {
        let mut s = String::new();
        if let Some(l) = t.length {
            s.push_str(&format!("{l}"));
            if let Some(f) = t.from {
                s.push_str(&format!(" from {f}"));
            }
        } else {
            s.push_str("indefinite");
        }
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
        field(out, "term", format!("{s}{}", cite(t.article.as_deref())))?;
    }
    match &a.termination {
        None => field(out, "termination", "no termination clause (see VCLT art. 56)")?,
        Some(t) => {
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
            let eff = if t.effective == Effective::EndOfCalendarYear {
                ", effective at the end of a calendar year"
            } else {
                ""
            };
            field(out, "termination", format!("{what}{eff}{}", cite(t.article.as_deref())))?;
        }
    }
    if let Some(c) = &a.amendment {
        let req = match &c.requires {
            Requires::AllParties => "acceptance by all parties".to_string(),
            Requires::Approvals(list) => format!(
                "approval by {}",
                list.iter()
                    .map(|r| a.approval_label(r))
                    .collect::<Vec<_>>()
                    .join(" and ")
            ),
        };
        let on = match c.in_force {
            AmendmentInForce::OnLastAcceptance => "in force on the last acceptance",
            AmendmentInForce::OnLastApproval => "in force on the later approval",
            AmendmentInForce::OnSignature => "in force on signature",
        };
        field(out, "amendment", format!("{req}, {on}{}", cite(c.article.as_deref())))?;
    }
    if !a.supersedes.is_empty() {
        let list: Vec<String> = a
            .supersedes
            .iter()
            .map(|r| match r {
                Reference::Id(id) => id.clone(),
                Reference::External { title, date } => format!(
                    "{title}{}",
                    date.as_ref().map(|d| format!(" ({d})")).unwrap_or_default()
                ),
            })
            .collect();
        field(out, "supersedes", list.join("; "))?;
    }
    if !a.obligations.is_empty() {
        writeln!(out, "\nobligations:")?;
        for o in &a.obligations {
            let when = match &o.schedule {
                Schedule::Every { period, from } => format!(
                    "every {period}{}{}",
                    from.map(|f| format!(" from {f}")).unwrap_or_default(),
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
            let modal = o.modality.map(|m| format!("{m:?}").to_lowercase()).unwrap_or_default();
            writeln!(out, "  {} [{who}; {modal}; {when}{}]", o.id, cite(o.article.as_deref()))?;
            writeln!(out, "      {}", o.text)?;
        }
    }
    if a.amendments.iter().any(|am| amendments::proposed_by_then(am, cx.as_of)) {
        writeln!(out, "\namendments:")?;
        for am in a
            .amendments
            .iter()
            .filter(|am| amendments::proposed_by_then(am, cx.as_of))
        {
            let st = amendments::status(a, am, cx.as_of);
            writeln!(
                out,
                "  {} to {}: {} — {}",
                am.id,
                am.article.as_deref().unwrap_or("-"),
                st.state.name(),
                st.reason
            )?;
            if let Some(s) = &am.summary {
                writeln!(out, "      {s}")?;
            }
        }
    }
    if !a.events.is_empty() {
        writeln!(out, "\nevents:")?;
        for e in &a.events {
            writeln!(
                out,
                "  {}  {}{}",
                e.date,
                e.kind.name(),
                super::lifecycle::event_detail(a, e)
            )?;
        }
    }
    if !cx.children.is_empty() {
        writeln!(out, "\narrangements under this agreement:")?;
        for (c, st) in &cx.children {
            writeln!(out, "  {}  {} — {}", c.id, c.display_title(), st.state)?;
        }
    }
    if !a.articles.is_empty() {
        if cx.articles {
            writeln!(out, "\narticles (as in force on {}):", cx.as_of)?;
            for (art, by) in amendments::articles_as_of(a, cx.as_of) {
                writeln!(
                    out,
                    "\n  {} {}{}",
                    art.number,
                    art.title.as_deref().unwrap_or(""),
                    by.map(|b| format!("  [as amended by {b}]")).unwrap_or_default()
                )?;
                for line in art.text.as_deref().unwrap_or("").lines() {
                    writeln!(out, "    {line}")?;
                }
            }
        } else {
            writeln!(out, "\narticles ({}; --articles prints their text):", a.articles.len())?;
            for art in &a.articles {
                writeln!(out, "  {:<6}{}", art.number, art.title.as_deref().unwrap_or(""))?;
            }
        }
    }
    if !a.sources.is_empty() {
        writeln!(out, "\nsources:")?;
        for s in &a.sources {
            writeln!(
                out,
                "  {}{}",
                s.title,
                s.date.map(|d| format!(" ({d})")).unwrap_or_default()
            )?;
        }
    }
    writeln!(out, "\nfile: {}", a.file.display())
}

pub fn json(out: &mut dyn Write, a: &Agreement, cx: &ShowContext) -> io::Result<()> {
    let mut v = super::list::json_value(&super::list::Row::of(a, cx.status.clone()));
    let articles: Vec<_> = amendments::articles_as_of(a, cx.as_of)
        .into_iter()
        .map(|(art, by)| serde_json::json!({"number": art.number, "title": art.title, "text": art.text, "amended_by": by}))
        .collect();
    let obligations: Vec<_> = a
        .obligations
        .iter()
        .map(|o| {
            let (every, from, due) = match &o.schedule {
                Schedule::Every { period, from } => (Some(period.to_string()), *from, None),
                Schedule::Once { due } => (None, None, *due),
                Schedule::Standing => (None, None, None),
            };
            serde_json::json!({"id": o.id, "text": o.text, "parties": o.parties, "modality": o.modality, "article": o.article, "every": every, "from": from, "due": due, "assumed": o.assumed})
        })
        .collect();
    let amendments: Vec<_> = a
        .amendments
        .iter()
        .filter(|am| amendments::proposed_by_then(am, cx.as_of))
        .map(|am| {
            let st = amendments::status(a, am, cx.as_of);
            serde_json::json!({"id": am.id, "article": am.article, "status": st.state, "summary": am.summary, "in_force_on": st.in_force_on})
        })
        .collect();
    if let Some(map) = v.as_object_mut() {
        map.insert("articles".into(), articles.into());
        map.insert("obligations".into(), obligations.into());
        map.insert("amendments".into(), amendments.into());
        map.insert(
            "children".into(),
            cx.children.iter().map(|(c, _)| c.id.clone()).collect::<Vec<_>>().into(),
        );
        map.insert("under".into(), a.under.clone().into());
    }
    serde_json::to_writer_pretty(&mut *out, &v)?;
    writeln!(out)
}
