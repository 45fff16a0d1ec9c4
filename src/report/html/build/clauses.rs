//! An agreement's status and clauses in the page's words: the status with its phase,
//! the clauses as `show` words them ([`crate::report::show::clauses`]) beside the title
//! of the article each cites, and each obligation with its article.

use crate::engine::status::{State, Status};
use crate::model::{cites, Agreement};
use crate::report::html::page::{Clause, Phase, Standing};
use crate::report::show::clauses::{self as words, ClauseWords};

/// Where a status puts an agreement on the page.
pub(super) fn phase(state: State) -> Phase {
    match state {
        State::Draft | State::AwaitingApproval | State::Signed | State::ProvisionallyApplied => Phase::Pending,
        State::InForce => Phase::InForce,
        State::Terminating => Phase::Ending,
        State::Terminated | State::Superseded => Phase::Ended,
    }
}

/// The status's label, as the other commands print it, capitalised: "Awaiting approval".
pub(super) fn label(state: State) -> String {
    capitalised(state.label())
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The status in the page's words.
pub(super) fn standing(st: &Status) -> Standing {
    Standing {
        name: st.state.name().to_string(),
        label: label(st.state),
        phase: phase(st.state),
        reason: st.reason.clone(),
        assumed: st.assumed,
    }
}

/// The title of the article a reference cites, when the file has that article: "Art.
/// IX(3)" cites article "IX"; of several numbers it could cite ("1" and "1.2" for "para
/// 1.2"), the longest.
pub(super) fn article_title(a: &Agreement, reference: &str) -> Option<String> {
    a.articles
        .iter()
        .filter(|art| cites(reference, &art.number))
        .max_by_key(|art| art.number.len())
        .and_then(|art| art.title.clone())
}

fn clause(a: &Agreement, c: ClauseWords) -> Clause {
    Clause {
        name: capitalised(c.name),
        article_title: c.article.as_deref().and_then(|r| article_title(a, r)),
        text: c.text,
        article: c.article,
        assumed: c.assumed.map(str::to_string),
    }
}

/// The clauses as `show` words them, and the agreement it is an arrangement under.
pub(super) fn clauses(a: &Agreement) -> Vec<Clause> {
    let mut out: Vec<Clause> = words::clauses(a).into_iter().map(|c| clause(a, c)).collect();
    if let Some(u) = &a.under {
        out.push(Clause {
            name: "Under".into(),
            text: format!("an arrangement under {u}"),
            article: None,
            article_title: None,
            assumed: None,
        });
    }
    out
}

/// Each obligation: its text, who must act, how firmly, when, under which article.
pub(super) fn obligations(a: &Agreement) -> Vec<Clause> {
    a.obligations
        .iter()
        .map(|o| Clause {
            name: o.id.clone(),
            text: format!("{} ({})", o.text, words::obligation(a, o, None)),
            article: o.article.clone(),
            article_title: o.article.as_deref().and_then(|r| article_title(a, r)),
            // The words say "(assumed)" of an assumed interval.
            assumed: None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::file::parse::{agreement, Texts};
    use std::path::Path;

    fn load(src: &str) -> Agreement {
        let (a, diags) = agreement(Path::new("t.yaml"), src, Texts::Keep);
        a.unwrap_or_else(|| panic!("{diags:?}"))
    }

    #[test]
    fn clauses_are_shows_words_and_a_missing_termination_clause_is_said() {
        let a = load("id: t\ntitle: T\nparties:\n  a: {name: A}\n  b: {name: B}\nsigned: {date: 2024-02-29}\nentry_into_force: {upon: signature, article: Art. 1}\n");
        let c = clauses(&a);
        let names: Vec<&str> = c.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["Signed", "Entry into force", "Termination"]);
        assert_eq!(c[1].text, "on signature");
        assert_eq!(c[1].article.as_deref(), Some("Art. 1"));
        assert!(c[2].text.starts_with("no termination clause"), "{}", c[2].text);
        let show: Vec<String> = words::clauses(&a).iter().map(ClauseWords::line).collect();
        assert_eq!(show[1], "on signature (Art. 1)");
    }

    #[test]
    fn references_name_the_articles_of_the_file() {
        let a = load("id: t\ntitle: T\nparties:\n  a: {name: A}\n  b: {name: B}\narticles:\n  - {number: IX, title: Final clauses}\n  - {number: '1', title: General}\n  - {number: '1.2', title: Information}\n  - {number: '47', title: Review}\n");
        assert_eq!(article_title(&a, "Art. IX(3)").as_deref(), Some("Final clauses"));
        assert_eq!(article_title(&a, "Article ix").as_deref(), Some("Final clauses"));
        assert_eq!(article_title(&a, "para 1.2").as_deref(), Some("Information"));
        assert_eq!(article_title(&a, "para 1").as_deref(), Some("General"));
        assert_eq!(article_title(&a, "para 47").as_deref(), Some("Review"));
        assert_eq!(article_title(&a, "Annex II, para 6"), None);
        assert_eq!(article_title(&a, "Art. X"), None);
    }

    #[test]
    fn renewal_terms_and_obligations_in_words() {
        let a = load(
            "id: t\ntitle: T\nparties:\n  a: {name: A, short_name: AA}\n  b: {name: B}\nsigned: {date: 2020-03-31}\nentry_into_force: {upon: signature}\nterm:\n  length: 2 years\n  renewal: {tacit: true, length: 1 year, notice: 3 months}\n  article: Art. 10\nobligations:\n  - {id: r, text: Report, parties: [a, b], modality: shall, article: Art. 4, every: 3 months, assumed: true}\n",
        );
        let term = clauses(&a).into_iter().find(|c| c.name == "Term").unwrap();
        assert_eq!(
            term.text,
            "2 years; renewed tacitly for 1 year unless notice of non-renewal is received 3 months before the end of the term"
        );
        let o = &obligations(&a)[0];
        assert_eq!(o.text, "Report (AA, B; shall; every 3 months (assumed))");
        assert!(o.assumed.is_none());
        assert_eq!(o.article.as_deref(), Some("Art. 4"));
    }
}
