//! iCalendar (RFC 5545) export of the schedule: one all-day VEVENT per dated item,
//! DTEND the day after (an all-day DTEND is exclusive), a VALARM at the item's lead
//! time, and a UID that names the occurrence (agreement, kind, item and occurrence
//! number), not its date, so that a calendar re-importing the file moves an event
//! whose date changed instead of keeping a stale copy beside it.

use crate::engine::due::Item;
use crate::time::calendar::shift_back;
use chrono::NaiveDate;
use std::io::{self, Write};

/// The UID of an item's occurrence: the same across runs, and when its date moves
/// (a performance recorded late, a corrected anchor): `eco-iom-2009.obligation.
/// consultations.18@accord`. Items that happen once have no occurrence number.
pub(crate) fn uid(item: &Item) -> String {
    let occurrence = item.occurrence.map(|k| format!(".{k}")).unwrap_or_default();
    format!("{}.{}.{}{occurrence}@accord", item.agreement, item.kind.name(), item.id)
}

/// Escapes TEXT values (RFC 5545 §3.3.11).
fn escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace('\n', "\\n")
}

/// Folds a content line at 75 octets (RFC 5545 §3.1), never inside a character.
fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut width = 0;
    for ch in line.chars() {
        let len = ch.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(ch);
        width += len;
    }
    out
}

/// Writes the calendar. `stamp` is the DTSTAMP of every event (the as-of date, so
/// that the output is reproducible).
pub(crate) fn write(out: &mut dyn Write, items: &[Item], stamp: NaiveDate) -> io::Result<()> {
    let mut line = |s: &str| -> io::Result<()> { write!(out, "{}\r\n", fold(s)) };
    line("BEGIN:VCALENDAR")?;
    line("VERSION:2.0")?;
    line("PRODID:-//accord//agreement obligations//EN")?;
    line("CALSCALE:GREGORIAN")?;
    for item in items {
        let Some(date) = item.date else { continue };
        let next = date.succ_opt().unwrap_or(date);
        line("BEGIN:VEVENT")?;
        line(&format!("UID:{}", uid(item)))?;
        line(&format!("DTSTAMP:{}T000000Z", stamp.format("%Y%m%d")))?;
        line(&format!("DTSTART;VALUE=DATE:{}", date.format("%Y%m%d")))?;
        line(&format!("DTEND;VALUE=DATE:{}", next.format("%Y%m%d")))?;
        let article = crate::model::cite(item.article.as_deref());
        line(&format!(
            "SUMMARY:{}",
            escape(&format!("{}: {}{article}", item.agreement, item.text))
        ))?;
        let assumed: String = item
            .assumptions
            .iter()
            .map(|a| match *a {
                "interval" => "\nThe interval is an assumption of the file's author.",
                "entry_into_force" => {
                    "\nEntry into force is an assumption of the file's author: the text has no entry-into-force clause."
                }
                _ => "\nThe date rests on an assumption of the file's author.",
            })
            .collect();
        line(&format!(
            "DESCRIPTION:{}",
            escape(&format!("{}\nWho: {}{assumed}", item.explanation, item.who))
        ))?;
        line(&format!("CATEGORIES:{}", item.kind.name()))?;
        line("TRANSP:TRANSPARENT")?;
        let lead_days = shift_back(date, item.lead).map_or(30, |r| (date - r).num_days());
        line("BEGIN:VALARM")?;
        line("ACTION:DISPLAY")?;
        line(&format!("DESCRIPTION:{}", escape(&item.text)))?;
        line(&format!("TRIGGER:-P{lead_days}D"))?;
        line("END:VALARM")?;
        line("END:VEVENT")?;
    }
    line("END:VCALENDAR")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_lines_within_75_octets_and_characters_whole() {
        let long = format!("SUMMARY:{}", "é".repeat(100));
        let folded = fold(&long);
        for part in folded.split("\r\n") {
            assert!(part.len() <= 75, "{}", part.len());
        }
        assert_eq!(folded.replace("\r\n ", ""), long);
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }
}
