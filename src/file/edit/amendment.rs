//! Recording a decision on an amendment in its entry under `amendments`: a party's
//! acceptance or rejection (`accepted: {party: date}`, `rejected: {party: date}`), or
//! the withdrawal of the proposal (`withdrawn: date`).

use super::shape::{Node, Value};
use super::text::{flow_end, line_start, newline, next_line};
use super::{add_entry, apply, fill_null, region_end, root, EditError, Splice};
use chrono::NaiveDate;

/// A decision on an amendment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Decision {
    Accepted { party: String, date: NaiveDate },
    Rejected { party: String, date: NaiveDate },
    Withdrawn { date: NaiveDate },
}

/// The text with `decision` recorded in the amendment `id`.
pub(crate) fn decide(text: &str, id: &str, decision: &Decision) -> Result<String, EditError> {
    let root = root(text)?;
    let entries = root.entries();
    let k = entries
        .iter()
        .position(|e| e.key == "amendments")
        .ok_or_else(|| EditError::at(text, root.at, "the file has no `amendments`"))?;
    let list = &entries[k].value;
    let items = list.items();
    let j = items
        .iter()
        .position(|a| a.entry("id").and_then(|e| e.value.scalar()) == Some(id))
        .ok_or_else(|| EditError::at(text, list.at, format!("no amendment `{id}` under `amendments`")))?;
    let item = &items[j];
    if list.alias || item.alias {
        return Err(EditError::at(
            text,
            item.at,
            "the amendment is an alias of another node",
        ));
    }
    // The item ends where the next begins, or where `amendments` ends.
    let limit = match items.get(j + 1) {
        Some(next) if !text[list.at..].starts_with('[') => line_start(text, next.at),
        Some(next) => next.at,
        None => region_end(text, entries, k),
    };
    let splice = match decision {
        Decision::Accepted { party, date } => add_pair(text, item, limit, "accepted", party, *date)?,
        Decision::Rejected { party, date } => add_pair(text, item, limit, "rejected", party, *date)?,
        Decision::Withdrawn { date } => match item.entry("withdrawn") {
            None => add_entry(text, item, limit, "withdrawn", &date.to_string())?,
            Some(e) => return Err(EditError::at(text, e.key_at, "the amendment already has `withdrawn`")),
        },
    };
    Ok(apply(text, vec![splice]))
}

/// Adds `party: date` to the mapping `key` of the amendment, creating it if needed.
fn add_pair(
    text: &str,
    item: &Node,
    limit: usize,
    key: &str,
    party: &str,
    date: NaiveDate,
) -> Result<Splice, EditError> {
    let pair = format!("{}: {date}", super::text::scalar(party));
    let Some(e) = item.entry(key) else {
        return add_entry(text, item, limit, key, &format!("{{{pair}}}"));
    };
    let map = &e.value;
    if map.alias {
        return Err(EditError::at(text, map.at, format!("`{key}` is an alias")));
    }
    match &map.value {
        Value::Null => fill_null(text, e, &format!("{{{pair}}}")),
        Value::Map(pairs) if pairs.iter().any(|p| p.key == party) => {
            Err(EditError::at(text, map.at, format!("`{key}` already names `{party}`")))
        }
        Value::Map(pairs) if text[map.at..].starts_with('{') => {
            let close = flow_end(text, map.at)
                .ok_or_else(|| EditError::at(text, map.at, "cannot find where the mapping closes"))?
                - 1;
            let at = map.at + 1 + text[map.at + 1..close].trim_end().len();
            let sep = if pairs.is_empty() { "" } else { ", " };
            Ok(Splice::insert(at, format!("{sep}{pair}")))
        }
        Value::Map(pairs) => {
            // One `party: date` per line: the new one after the last.
            let last = &pairs[pairs.len() - 1];
            let col = pairs[0].key_at - line_start(text, pairs[0].key_at);
            let at = next_line(text, last.value.at);
            let nl = newline(text);
            Ok(Splice::insert(
                at,
                format!("{}{}{pair}{nl}", super::add_lead(text, at), " ".repeat(col)),
            ))
        }
        _ => Err(EditError::at(text, map.at, format!("`{key}` is not a mapping"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accepted(party: &str, date: &str) -> Decision {
        Decision::Accepted {
            party: party.into(),
            date: date.parse().unwrap(),
        }
    }

    #[test]
    fn adds_the_mapping_to_a_block_or_flow_amendment() {
        let text = "amendments:\n  - id: one\n    proposed: {by: a, date: 2025-01-01}\n    # about one\n  # the second\n  - {id: two, proposed: {by: a}}\nevents:\n";
        let out = decide(text, "one", &accepted("b", "2025-02-01")).unwrap();
        assert_eq!(out, "amendments:\n  - id: one\n    proposed: {by: a, date: 2025-01-01}\n    # about one\n    accepted: {b: 2025-02-01}\n  # the second\n  - {id: two, proposed: {by: a}}\nevents:\n");
        let out = decide(
            text,
            "two",
            &Decision::Withdrawn {
                date: "2025-03-01".parse().unwrap(),
            },
        )
        .unwrap();
        assert!(
            out.contains("  - {id: two, proposed: {by: a}, withdrawn: 2025-03-01}\n"),
            "{out}"
        );
    }

    #[test]
    fn adds_to_an_existing_mapping() {
        let text = "amendments:\n- id: one\n  accepted: {b: 2025-02-01 }\n";
        let out = decide(text, "one", &accepted("c", "2025-02-02")).unwrap();
        assert_eq!(
            out,
            "amendments:\n- id: one\n  accepted: {b: 2025-02-01, c: 2025-02-02 }\n"
        );
        let text = "amendments:\n- id: one\n  rejected:\n    b: 2025-02-01   # by letter\n  note: n\n";
        let rejected = Decision::Rejected {
            party: "c".into(),
            date: "2025-02-02".parse().unwrap(),
        };
        let out = decide(text, "one", &rejected).unwrap();
        assert_eq!(
            out,
            "amendments:\n- id: one\n  rejected:\n    b: 2025-02-01   # by letter\n    c: 2025-02-02\n  note: n\n"
        );
        let text = "amendments:\n- id: one\n  accepted:\n";
        let out = decide(text, "one", &accepted("c", "2025-02-02")).unwrap();
        assert_eq!(out, "amendments:\n- id: one\n  accepted: {c: 2025-02-02}\n");
    }

    #[test]
    fn refuses_a_second_decision_of_the_same_kind() {
        let text = "amendments:\n- {id: one, accepted: {b: 2025-02-01}, withdrawn: 2025-01-01}\n";
        assert!(decide(text, "one", &accepted("b", "2025-03-01")).is_err());
        assert!(decide(
            text,
            "one",
            &Decision::Withdrawn {
                date: "2025-03-01".parse().unwrap()
            }
        )
        .is_err());
        assert!(decide(text, "two", &accepted("b", "2025-03-01")).is_err());
    }
}
