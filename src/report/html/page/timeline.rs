//! The timeline's part of the page: the bars (spans) and marks of one agreement's row,
//! what each kind stands for, and the words the legend gives it.

use chrono::NaiveDate;

/// What a bar of the timeline shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum SpanKind {
    /// Applied provisionally, not yet in force (VCLT art. 25).
    Provisional,
    /// In force, with no end known.
    InForce,
    /// In force up to a known last day still ahead.
    Ending,
    /// Was in force; terminated.
    Terminated,
    /// Was in force until another agreement replaced it.
    Superseded,
    /// The term running on the as-of date.
    CurrentTerm,
    /// A later term, if the agreement is renewed.
    NextTerm,
    /// The days on which notice of non-renewal ends a given term.
    NoticeWindow,
    /// Provisions that continue to apply after the end (a survival clause).
    Survival,
}

impl SpanKind {
    pub(crate) fn class(self) -> &'static str {
        match self {
            SpanKind::Provisional => "provisional",
            SpanKind::InForce => "in-force",
            SpanKind::Ending => "ending",
            SpanKind::Terminated => "terminated",
            SpanKind::Superseded => "superseded",
            SpanKind::CurrentTerm => "term",
            SpanKind::NextTerm => "next-term",
            SpanKind::NoticeWindow => "window",
            SpanKind::Survival => "survival",
        }
    }

    /// Whether the span is one of the agreement's life (the main bar) rather than a
    /// term or a window drawn over it.
    pub(crate) fn is_life(self) -> bool {
        matches!(
            self,
            SpanKind::Provisional | SpanKind::InForce | SpanKind::Ending | SpanKind::Terminated | SpanKind::Superseded
        )
    }
}

/// A period of an agreement's life.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Span {
    pub kind: SpanKind,
    pub from: NaiveDate,
    /// The last day; `None` when no end is known (drawn to the edge of the timeline).
    pub to: Option<NaiveDate>,
    /// "In force since 2009-01-27".
    pub label: String,
    /// How the dates were found.
    pub explanation: String,
}

/// What a mark on the timeline stands for, most important first: when marks fall on
/// the same spot, the first kind is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum MarkKind {
    /// The latest day notice can be received for a decision (non-renewal, end of a year).
    LatestNotice,
    /// The last day in force (of the agreement, or of a party's participation):
    /// terminated, terminating, a term that expires.
    LastDay,
    /// An obligation whose date has passed.
    Overdue,
    EntryIntoForce,
    /// The first day the agreement (or a party's participation) no longer binds: the
    /// day termination or withdrawal takes effect.
    TakesEffect,
    Superseded,
    /// The end of the current or a later term.
    TermEnd,
    /// The next date of an obligation.
    Obligation,
    /// If notice were received on the as-of date, the last day in force.
    EarliestEnd,
    /// Provisional application begins.
    Provisional,
    /// The last day on which provisions that survive the end apply.
    SurvivalEnds,
    Signed,
    /// An amendment entered into force.
    Amendment,
    /// Something recorded in the file (performed, notice given, approved…).
    Event,
}

impl MarkKind {
    pub(crate) fn class(self) -> &'static str {
        match self {
            MarkKind::LatestNotice => "latest-notice",
            MarkKind::LastDay => "last-day",
            MarkKind::Overdue => "overdue",
            MarkKind::EntryIntoForce => "eif",
            MarkKind::TakesEffect => "takes-effect",
            MarkKind::Superseded => "superseded",
            MarkKind::TermEnd => "term-end",
            MarkKind::Obligation => "obligation",
            MarkKind::EarliestEnd => "earliest-end",
            MarkKind::Provisional => "provisional",
            MarkKind::SurvivalEnds => "survival-ends",
            MarkKind::Signed => "signed",
            MarkKind::Amendment => "amendment",
            MarkKind::Event => "event",
        }
    }

    /// What the legend calls it.
    pub(crate) fn legend(self) -> &'static str {
        match self {
            MarkKind::LatestNotice => "latest day for notice (a decision)",
            MarkKind::LastDay => "last day in force",
            MarkKind::Overdue => "obligation overdue",
            MarkKind::EntryIntoForce => "entry into force",
            MarkKind::TakesEffect => "termination or withdrawal takes effect (first day not bound)",
            MarkKind::Superseded => "superseded",
            MarkKind::TermEnd => "end of a term",
            MarkKind::Obligation => "next date of an obligation",
            MarkKind::EarliestEnd => "earliest end if notice were received on the as-of date",
            MarkKind::Provisional => "provisional application begins",
            MarkKind::SurvivalEnds => "last day surviving provisions apply",
            MarkKind::Signed => "signature",
            MarkKind::Amendment => "amendment in force",
            MarkKind::Event => "recorded event",
        }
    }

    pub(crate) const ALL: [MarkKind; 14] = [
        MarkKind::LatestNotice,
        MarkKind::LastDay,
        MarkKind::Overdue,
        MarkKind::EntryIntoForce,
        MarkKind::TakesEffect,
        MarkKind::Superseded,
        MarkKind::TermEnd,
        MarkKind::Obligation,
        MarkKind::EarliestEnd,
        MarkKind::Provisional,
        MarkKind::SurvivalEnds,
        MarkKind::Signed,
        MarkKind::Amendment,
        MarkKind::Event,
    ];
}

/// A day on the timeline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Mark {
    pub date: NaiveDate,
    pub kind: MarkKind,
    /// "Entry into force".
    pub label: String,
    /// How the date was found, or what was recorded.
    pub explanation: String,
    /// A shorter account of how the date was found, for the timeline's tooltip, when
    /// the explanation is long; the full one is in the agreement's section.
    pub short: Option<String>,
    /// Computed by accord rather than recorded in the file: listed among the
    /// agreement's computed dates.
    pub derived: bool,
}

impl Mark {
    /// What the timeline's tooltip says of how the date was found.
    pub(crate) fn tooltip(&self) -> &str {
        self.short.as_deref().unwrap_or(&self.explanation)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_are_ordered_by_importance() {
        let mut kinds = MarkKind::ALL.to_vec();
        kinds.reverse();
        kinds.sort();
        assert_eq!(kinds, MarkKind::ALL);
        assert!(MarkKind::LatestNotice < MarkKind::Event);
    }
}
