//! The steps entry into force waits for, as open items: approvals, signature,
//! notifications that internal requirements are met, instruments to deposit, a date the
//! parties are to agree; and the date of entry into force once it is known.

use super::items::{Builder, Step};
use super::{Item, Kind};
use crate::engine::entry::{self, party_entry_into_force, EntryIntoForce};
use crate::engine::status::Status;
use crate::model::*;

/// The steps before entry into force, as of the builder's day.
pub(super) fn entry_into_force(b: &Builder, st: &Status, out: &mut Vec<Item>) {
    let a = b.a;
    let article = a.entry_into_force.as_ref().and_then(|e| e.article.clone());
    let step = |kind: Kind, id: String, parties: Vec<String>, text: String| {
        let mut s = Step::new(kind, id, parties, text);
        s.article = article.clone();
        s.explanation = b.explain(|| st.reason.clone());
        s
    };
    match entry::entry_into_force(a, b.as_of) {
        EntryIntoForce::AwaitingApprovals { missing, then, .. } => {
            let then = if then == Then::Signature {
                "; then signature"
            } else {
                ""
            };
            for m in &missing {
                let organ = m.organ.as_ref().map(|o| format!("-{}", slug(o))).unwrap_or_default();
                let text = format!("approval by {} for entry into force{then}", a.approval_label(m));
                out.push(b.item(step(
                    Kind::Approval,
                    format!("approval-{}{organ}", m.party),
                    vec![m.party.clone()],
                    text,
                )));
            }
        }
        EntryIntoForce::AwaitingSignature { .. } => {
            out.push(b.item(step(
                Kind::Step,
                "signature".into(),
                b.everyone(),
                "signature of the agreement".into(),
            )));
        }
        EntryIntoForce::AwaitingNotifications { missing, .. } => {
            for p in missing {
                let text = format!(
                    "notification by {} that its internal requirements for entry into force are met",
                    a.party_label(&p)
                );
                out.push(b.item(step(Kind::Step, format!("notification-{p}"), vec![p], text)));
            }
        }
        EntryIntoForce::AwaitingInstruments { .. } => instruments_of_parties(b, out),
        EntryIntoForce::AwaitingAgreedDate { .. } => {
            let text = "the parties agree on the date of entry into force".to_string();
            out.push(b.item(step(Kind::Step, "agreed-date".into(), b.everyone(), text)));
        }
        EntryIntoForce::OnDate { date, reason } => {
            let mut s = step(
                Kind::Deadline,
                "entry-into-force".into(),
                b.everyone(),
                "enters into force".into(),
            );
            s.date = Some(date);
            s.explanation = b.explain(|| reason.clone());
            out.push(b.item(s));
        }
        EntryIntoForce::Since { .. } | EntryIntoForce::Unknown { .. } => {}
    }
}

/// In an agreement that enters into force by instruments, each named party that is
/// not bound and has not deposited one.
pub(super) fn instruments_of_parties(b: &Builder, out: &mut Vec<Item>) {
    let a = b.a;
    let Some(Upon::Instruments(rule)) = a.entry_into_force.as_ref().map(|c| &c.upon) else {
        return;
    };
    for p in a.parties.iter().filter(|p| !p.collective) {
        let deposited = a
            .events_of(EventKind::Deposited, b.as_of)
            .any(|e| e.party.as_deref() == Some(&p.id));
        if deposited || party_entry_into_force(a, &p.id, b.as_of).is_some_and(|(d, _)| d <= b.as_of) {
            continue;
        }
        let required = if rule.requires_parties.contains(&p.id) {
            "; its instrument is required for entry into force"
        } else {
            ""
        };
        let text = format!(
            "deposit of {}'s instrument of ratification, acceptance, approval or accession",
            a.party_label(&p.id)
        );
        let mut s = Step::new(Kind::Step, format!("instrument-{}", p.id), vec![p.id.clone()], text);
        s.article = a.entry_into_force.as_ref().and_then(|e| e.article.clone());
        s.explanation = b.explain(|| {
            let deposits = a.events_of(EventKind::Deposited, b.as_of).count();
            format!("{} of {} instruments deposited{required}", deposits, rule.count)
        });
        out.push(b.item(s));
    }
}

/// `General Assembly` → `general-assembly`, for item ids.
fn slug(s: &str) -> String {
    s.to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}
