//! Inserting an event into the top-level `events` list in date order, after the events
//! of the same date: in a block list, as the neighbouring items are written (their
//! indentation, block or flow items); in a flow list, between its items; an empty or
//! missing list is created.

use super::shape::{Node, Value};
use super::text::{above_comments, content_end, flow_end, line_start, newline, next_line, starts_line};
use super::{add_lead, apply, fill_null, flow_map, region_end, root, EditError, NewEvent, Splice};
use chrono::NaiveDate;

/// The text with `ev` inserted into `events`.
pub(crate) fn insert_event(text: &str, ev: &NewEvent) -> Result<String, EditError> {
    let root = root(text)?;
    let nl = newline(text);
    let entries = root.entries();
    let Some(k) = entries.iter().position(|e| e.key == "events") else {
        return Ok(apply(text, vec![new_list(text, &root, ev)]));
    };
    let entry = &entries[k];
    let list = &entry.value;
    if list.alias {
        return Err(EditError::at(text, list.at, "`events` is an alias of another node"));
    }
    let splice = match &list.value {
        Value::Null => {
            let colon = super::after_colon(text, entry)?;
            let rest = text[colon..next_line(text, colon)].trim();
            if rest.is_empty() || rest.starts_with('#') {
                let dash = list_indent(text, &root);
                let at = next_line(text, colon);
                Splice::insert(
                    at,
                    format!("{}{}", add_lead(text, at), block_item(ev, dash, dash + 2, nl)),
                )
            } else {
                fill_null(text, entry, &format!("[{}]", flow_map(&ev.fields)))?
            }
        }
        Value::Seq(items) => {
            let idx = position(text, items, ev.date)?;
            if text[list.at..].starts_with('[') {
                in_flow(text, list, idx, ev)?
            } else {
                let floor = next_line(text, entry.key_at);
                in_block(text, items, idx, floor, region_end(text, entries, k), ev)?
            }
        }
        _ => return Err(EditError::at(text, list.at, "`events` is not a list")),
    };
    Ok(apply(text, vec![splice]))
}

/// A new `events` list, indented as the file's other lists: before the first key that
/// the format lists after `events` (and the comments introducing it), else at the end.
fn new_list(text: &str, root: &Node, ev: &NewEvent) -> Splice {
    const AFTER_EVENTS: [&str; 5] = ["articles", "supersedes", "under", "sources", "notes"];
    let nl = newline(text);
    let dash = list_indent(text, root);
    let list = format!("events:{nl}{}", block_item(ev, dash, dash + 2, nl));
    let Some(next) = root.entries().iter().find(|e| AFTER_EVENTS.contains(&e.key.as_str())) else {
        return Splice::insert(text.len(), format!("{}{list}", add_lead(text, text.len())));
    };
    let at = above_comments(text, line_start(text, next.key_at), 0, 0);
    // Set apart as the key it precedes is, by a blank line.
    let apart = at > 0 && text[line_start(text, at - 1)..at].trim().is_empty();
    Splice::insert(at, if apart { format!("{list}{nl}") } else { list })
}

/// Where an event dated `date` goes: after the last item dated on or before it.
fn position(text: &str, items: &[Node], date: NaiveDate) -> Result<usize, EditError> {
    let mut idx = 0;
    for (i, item) in items.iter().enumerate() {
        let d = item
            .entry("date")
            .and_then(|e| e.value.scalar())
            .and_then(|s| s.parse::<NaiveDate>().ok())
            .ok_or_else(|| EditError::at(text, item.at, "an event without a readable date"))?;
        if d <= date {
            idx = i + 1;
        }
    }
    Ok(idx)
}

/// Inserts into a flow list (`[...]`, on one line or several).
fn in_flow(text: &str, list: &Node, idx: usize, ev: &NewEvent) -> Result<Splice, EditError> {
    let item = flow_map(&ev.fields);
    let items = list.items();
    let unclosed = |at| EditError::at(text, at, "cannot find where the list's item closes");
    if items.is_empty() {
        flow_end(text, list.at).ok_or_else(|| unclosed(list.at))?;
        return Ok(Splice::insert(list.at + 1, item));
    }
    let own_line = |at: usize| -> String {
        let start = line_start(text, at);
        format!("{}{}", newline(text), &text[start..at])
    };
    if let Some(next) = items.get(idx) {
        let with = if starts_line(text, next.at) {
            format!("{item},{}", own_line(next.at))
        } else {
            format!("{item}, ")
        };
        return Ok(Splice::insert(next.at, with));
    }
    let last = &items[items.len() - 1];
    let end = flow_end(text, last.at).ok_or_else(|| unclosed(last.at))?;
    let with = if starts_line(text, last.at) {
        format!(",{}{item}", own_line(last.at))
    } else {
        format!(", {item}")
    };
    Ok(Splice::insert(end, with))
}

/// Inserts into a block list whose items start after `floor` and end before `limit`.
fn in_block(
    text: &str,
    items: &[Node],
    idx: usize,
    floor: usize,
    limit: usize,
    ev: &NewEvent,
) -> Result<Splice, EditError> {
    let nl = newline(text);
    let neighbour = &items[idx.saturating_sub(1).min(items.len() - 1)];
    let dash = dash_of(text, neighbour)?;
    let dash_col = dash - line_start(text, dash);
    let key_col = if line_start(text, neighbour.at) == line_start(text, dash) {
        neighbour.at - line_start(text, dash)
    } else {
        dash_col + 2
    };
    let item = if text[neighbour.at..].starts_with('{') {
        format!("{}- {}{nl}", " ".repeat(dash_col), flow_map(&ev.fields))
    } else {
        block_item(ev, dash_col, key_col, nl)
    };
    let at = match items.get(idx) {
        Some(next) => {
            let line = line_start(text, dash_of(text, next)?);
            above_comments(text, line, floor, dash_col)
        }
        None => content_end(text, line_start(text, dash), limit, dash_col),
    };
    Ok(Splice::insert(at, format!("{}{item}", add_lead(text, at))))
}

/// The `-` that introduces a block list's item.
fn dash_of(text: &str, item: &Node) -> Result<usize, EditError> {
    let before = text[..item.at].trim_end_matches([' ', '\n', '\r']);
    if before.ends_with('-') && starts_line(text, before.len() - 1) {
        Ok(before.len() - 1)
    } else {
        Err(EditError::at(text, item.at, "cannot find the `-` of this list item"))
    }
}

/// The indentation of the file's block lists (of the first top-level one), else 2.
fn list_indent(text: &str, root: &Node) -> usize {
    root.entries()
        .iter()
        .filter(|e| !text[e.value.at..].starts_with('['))
        .find_map(|e| e.value.items().first())
        .and_then(|item| dash_of(text, item).ok())
        .map_or(2, |dash| dash - line_start(text, dash))
}

/// An item of a block list: `- key: value` lines, the dash at `dash` and the keys at
/// `key` columns.
fn block_item(ev: &NewEvent, dash: usize, key: usize, nl: &str) -> String {
    let mut out = String::new();
    for (i, (k, v)) in ev.fields.iter().enumerate() {
        if i == 0 {
            out.push_str(&" ".repeat(dash));
            out.push('-');
            out.push_str(&" ".repeat(key.saturating_sub(dash + 1).max(1)));
        } else {
            out.push_str(&" ".repeat(key));
        }
        out.push_str(&format!("{k}: {}{nl}", super::text::scalar(v)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(date: &str) -> NewEvent {
        NewEvent {
            date: date.parse().unwrap(),
            fields: vec![
                ("date", date.into()),
                ("type", "performed".into()),
                ("obligation", "review".into()),
            ],
        }
    }

    #[test]
    fn creates_the_list_before_the_articles() {
        let text = "id: x\nobligations:\n    - id: a\n\n# The text.\narticles:\n    - number: '1'\n";
        let out = insert_event(text, &ev("2026-11-22")).unwrap();
        assert_eq!(out, "id: x\nobligations:\n    - id: a\n\nevents:\n    - date: 2026-11-22\n      type: performed\n      obligation: review\n\n# The text.\narticles:\n    - number: '1'\n");
    }

    #[test]
    fn creates_the_list_when_missing_and_keeps_the_rest() {
        let text = "id: x\r\ntitle: T # a comment\r\n";
        let out = insert_event(text, &ev("2026-11-22")).unwrap();
        assert!(out.starts_with(text));
        assert_eq!(
            &out[text.len()..],
            "events:\r\n  - date: 2026-11-22\r\n    type: performed\r\n    obligation: review\r\n"
        );
        let out = insert_event("id: x\nlist:\n- a\n", &ev("2026-11-22")).unwrap();
        assert!(
            out.ends_with("events:\n- date: 2026-11-22\n  type: performed\n  obligation: review\n"),
            "{out}"
        );
    }

    #[test]
    fn fills_an_empty_key() {
        let text = "id: x\nevents:\n# trailing comment\nnotes: n\n";
        let out = insert_event(text, &ev("2026-11-22")).unwrap();
        assert_eq!(out, "id: x\nevents:\n  - date: 2026-11-22\n    type: performed\n    obligation: review\n# trailing comment\nnotes: n\n");
        let out = insert_event("id: x\nevents: ~ # none\n", &ev("2026-11-22")).unwrap();
        assert_eq!(
            out,
            "id: x\nevents: [{date: 2026-11-22, type: performed, obligation: review}] # none\n"
        );
    }

    #[test]
    fn back_dated_events_go_in_date_order_after_the_same_date() {
        let text = "events:\n  - date: 2021-01-01\n    type: note\n  # the second\n  - date: 2023-01-01\n    type: note\nnotes: end\n";
        let out = insert_event(text, &ev("2022-06-01")).unwrap();
        assert_eq!(out, "events:\n  - date: 2021-01-01\n    type: note\n  - date: 2022-06-01\n    type: performed\n    obligation: review\n  # the second\n  - date: 2023-01-01\n    type: note\nnotes: end\n");
        let out = insert_event(text, &ev("2021-01-01")).unwrap();
        assert!(
            out.starts_with("events:\n  - date: 2021-01-01\n    type: note\n  - date: 2021-01-01\n    type: performed"),
            "{out}"
        );
        let out = insert_event(text, &ev("2020-01-01")).unwrap();
        assert!(
            out.starts_with("events:\n  - date: 2020-01-01\n    type: performed"),
            "{out}"
        );
    }

    #[test]
    fn follows_odd_indentation_and_flow_items() {
        let text = "events:\n    -   date: 2026-01-01\n        type: note\n";
        let out = insert_event(text, &ev("2026-11-22")).unwrap();
        assert!(
            out.ends_with("    -   date: 2026-11-22\n        type: performed\n        obligation: review\n"),
            "{out}"
        );
        let text = "events:\n- date: 2026-12-01\n  type: note\n";
        let out = insert_event(text, &ev("2026-11-22")).unwrap();
        assert!(
            out.starts_with("events:\n- date: 2026-11-22\n  type: performed\n  obligation: review\n- date: 2026-12-01"),
            "{out}"
        );
        let text = "events:\n  - {date: 2026-01-01, type: note}\n";
        let out = insert_event(text, &ev("2025-01-01")).unwrap();
        assert_eq!(out, "events:\n  - {date: 2025-01-01, type: performed, obligation: review}\n  - {date: 2026-01-01, type: note}\n");
    }

    #[test]
    fn flow_lists_on_one_line_or_several() {
        let out = insert_event("events: [] # see minutes [1]\n", &ev("2026-11-22")).unwrap();
        assert_eq!(
            out,
            "events: [{date: 2026-11-22, type: performed, obligation: review}] # see minutes [1]\n"
        );
        let text = "events: [{date: 2026-01-01, type: note}, {date: 2027-01-01, type: note}] # [x]\n";
        let out = insert_event(text, &ev("2026-11-22")).unwrap();
        assert_eq!(out, "events: [{date: 2026-01-01, type: note}, {date: 2026-11-22, type: performed, obligation: review}, {date: 2027-01-01, type: note}] # [x]\n");
        let text = "events: [\n  {date: 2026-01-01, type: note}\n]\n";
        let out = insert_event(text, &ev("2026-11-22")).unwrap();
        assert_eq!(out, "events: [\n  {date: 2026-01-01, type: note},\n  {date: 2026-11-22, type: performed, obligation: review}\n]\n");
        let out = insert_event(text, &ev("2025-11-22")).unwrap();
        assert_eq!(out, "events: [\n  {date: 2025-11-22, type: performed, obligation: review},\n  {date: 2026-01-01, type: note}\n]\n");
    }

    #[test]
    fn a_key_inside_a_multi_line_string_is_not_the_list() {
        // YAML lets a quoted string inside a flow collection continue at column 1.
        let head = "sources: [{title: \"first line\nevents: [] and more\"}]\n";
        let out = insert_event(
            &format!("{head}events:\n  - date: 2020-01-01\n    type: note\n"),
            &ev("2026-11-22"),
        )
        .unwrap();
        assert!(
            out.starts_with(&format!(
                "{head}events:\n  - date: 2020-01-01\n    type: note\n  - date: 2026-11-22\n"
            )),
            "{out}"
        );
        let out = insert_event(head, &ev("2026-11-22")).unwrap();
        assert_eq!(
            out,
            format!("events:\n  - date: 2026-11-22\n    type: performed\n    obligation: review\n{head}")
        );
    }

    #[test]
    fn refuses_what_it_cannot_edit_in_place() {
        assert!(matches!(
            insert_event("{id: x, events: []}", &ev("2026-11-22")),
            Err(EditError::Layout { .. })
        ));
        assert!(matches!(
            insert_event("a: &e []\nevents: *e\n", &ev("2026-11-22")),
            Err(EditError::Layout { line: 2, .. })
        ));
    }
}
