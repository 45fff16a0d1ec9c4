//! Editing agreement files as text: appending an event to the top-level `events` list
//! in the style the file already uses (block or flow, its indentation, its line ends),
//! and the commented template of `accord new`. Everything outside the inserted lines
//! stays byte for byte as it was; nothing is re-serialised.

/// One event to append, as ordered `key: value` pairs (`date` and `type` first).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct NewEvent {
    pub fields: Vec<(&'static str, String)>,
}

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("line {line}: `events` is a flow list over several lines; accord edits only one-line flow lists or block lists. Rewrite it as a block list (`- date: ...`) and try again")]
    MultiLineFlow { line: usize },
}

/// Quotes a scalar when plain YAML would misread it.
fn scalar(value: &str) -> String {
    let plain = !value.is_empty()
        && !value.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`~ ".contains(c))
        && !value.contains(": ")
        && !value.contains(" #")
        && !value.ends_with([' ', ':'])
        && !matches!(
            value.to_ascii_lowercase().as_str(),
            "true" | "false" | "null" | "yes" | "no" | "on" | "off"
        );
    if plain {
        value.to_string()
    } else {
        format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

fn flow_item(ev: &NewEvent) -> String {
    let inner: Vec<String> = ev.fields.iter().map(|(k, v)| format!("{k}: {}", scalar(v))).collect();
    format!("{{{}}}", inner.join(", "))
}

/// The text with `ev` appended to the top-level `events` list (created if missing).
pub(crate) fn append_event(text: &str, ev: &NewEvent) -> Result<String, EditError> {
    let nl = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let bare = |l: &str| l.trim_end_matches(['\r', '\n']).to_string();
    let key_line = lines.iter().position(|l| {
        let b = bare(l);
        b == "events:" || b.starts_with("events: ") || b.starts_with("events:\t") || b.starts_with("events:#")
    });

    let Some(k) = key_line else {
        // No `events` key: append one at the end.
        let mut out = text.to_string();
        if !out.is_empty() && !out.ends_with('\n') {
            out.push_str(nl);
        }
        out.push_str("events:");
        out.push_str(nl);
        out.push_str(&block_item(ev, 2, 4, nl));
        return Ok(out);
    };

    let key = bare(lines[k]);
    let rest = key["events:".len()..].trim();
    let value = strip_comment(rest);
    if value.starts_with('[') {
        if !value.ends_with(']') {
            return Err(EditError::MultiLineFlow { line: k + 1 });
        }
        // One-line flow list: insert before the closing bracket.
        let line = lines[k];
        let close = line.rfind(']').unwrap_or(line.len());
        let before = line[..close].trim_end();
        let sep = if before.ends_with('[') { "" } else { ", " };
        let new_line = format!("{before}{sep}{}{}", flow_item(ev), &line[close..]);
        let mut out: String = lines[..k].concat();
        out.push_str(&new_line);
        out.push_str(&lines[k + 1..].concat());
        return Ok(out);
    }

    // Block list (or an empty key): find the list's extent and the style of its items.
    let mut last_item_line = None;
    let mut dash_indent = None;
    let mut key_indent = None;
    let mut flow_items = false;
    for (i, l) in lines.iter().enumerate().skip(k + 1) {
        let b = bare(l);
        let trimmed = b.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let indent = b.len() - trimmed.len();
        let is_item = trimmed.starts_with("- ") || trimmed == "-";
        if indent == 0 && !is_item {
            break; // the next top-level key
        }
        if dash_indent.is_none() && is_item {
            dash_indent = Some(indent);
            let after = trimmed[1..].trim_start();
            flow_items = after.starts_with('{');
            key_indent = Some(indent + (trimmed.len() - after.len()));
        }
        last_item_line = Some(i);
    }
    let item = match (dash_indent, key_indent) {
        (Some(d), Some(_)) if flow_items => format!("{}- {}{nl}", " ".repeat(d), flow_item(ev)),
        (Some(d), Some(ki)) => block_item(ev, d, ki, nl),
        _ => block_item(ev, 2, 4, nl),
    };
    let insert_at = last_item_line.map_or(k + 1, |i| i + 1);
    let mut out: String = lines[..insert_at].concat();
    if !out.ends_with('\n') {
        out.push_str(nl);
    }
    out.push_str(&item);
    out.push_str(&lines[insert_at..].concat());
    Ok(out)
}

fn strip_comment(s: &str) -> &str {
    match s.find(" #") {
        Some(i) => s[..i].trim_end(),
        None if s.starts_with('#') => "",
        None => s,
    }
}

fn block_item(ev: &NewEvent, dash: usize, key: usize, nl: &str) -> String {
    let mut out = String::new();
    for (i, (k, v)) in ev.fields.iter().enumerate() {
        if i == 0 {
            out.push_str(&" ".repeat(dash));
            out.push_str("- ");
            out.push_str(&" ".repeat(key.saturating_sub(dash + 2)));
        } else {
            out.push_str(&" ".repeat(key));
        }
        out.push_str(&format!("{k}: {}{nl}", scalar(v)));
    }
    out
}

/// The commented file `accord new` writes.
pub(crate) fn template(id: &str, title: &str, parties: &[(String, String)]) -> String {
    let mut s = format!(
        "# {title}\n#\n# Created by `accord new`. Every key is described in docs/format.md; uncomment\n# and fill in what the agreement says, and run `accord check` after each change.\nid: {id}\ntitle: {}\n# kind: memorandum-of-understanding\n\nparties:\n",
        scalar(title)
    );
    for (pid, name) in parties {
        s.push_str(&format!("  {pid}:\n    name: {}\n", scalar(name)));
    }
    s.push_str(
        "\n# signed: {date: YYYY-MM-DD, place: Geneva}\n\
         # entry_into_force: {upon: signature, article: Art. X}\n\
         # termination: {notice: six months, by: any_party, form: written, article: Art. Y}\n\
         # amendment: {requires: all_parties, in_force: on_last_acceptance, article: Art. Z}\n\
         \n\
         # obligations:\n\
         #   - id: consultations\n\
         #     text: Consult each other on the implementation of the agreement\n\
         #     parties: [a, b]\n\
         #     modality: shall\n\
         #     article: Art. 3\n\
         #     every: 1 year\n\
         \n\
         # `accord record` appends what happens here.\n\
         events:\n",
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev() -> NewEvent {
        NewEvent {
            fields: vec![
                ("date", "2026-11-22".into()),
                ("type", "performed".into()),
                ("obligation", "review".into()),
            ],
        }
    }

    #[test]
    fn creates_the_list_when_missing_and_keeps_the_rest() {
        let text = "id: x\r\ntitle: T # a comment\r\n";
        let out = append_event(text, &ev()).unwrap();
        assert!(out.starts_with(text));
        assert_eq!(
            &out[text.len()..],
            "events:\r\n  - date: 2026-11-22\r\n    type: performed\r\n    obligation: review\r\n"
        );
    }

    #[test]
    fn fills_an_empty_key() {
        let text = "id: x\nevents:\n# trailing comment\nnotes: n\n";
        let out = append_event(text, &ev()).unwrap();
        assert_eq!(out, "id: x\nevents:\n  - date: 2026-11-22\n    type: performed\n    obligation: review\n# trailing comment\nnotes: n\n");
    }

    #[test]
    fn follows_odd_indentation() {
        let text = "events:\n- date: 2026-01-01\n  type: note\n\n# after\n";
        let out = append_event(text, &ev()).unwrap();
        assert_eq!(out, "events:\n- date: 2026-01-01\n  type: note\n- date: 2026-11-22\n  type: performed\n  obligation: review\n\n# after\n");
        let text = "events:\n    -   date: 2026-01-01\n        type: note\n";
        let out = append_event(text, &ev()).unwrap();
        assert!(
            out.ends_with("    -   date: 2026-11-22\n        type: performed\n        obligation: review\n"),
            "{out}"
        );
    }

    #[test]
    fn flow_lists_and_flow_items() {
        let out = append_event("events: [] # none yet\n", &ev()).unwrap();
        assert_eq!(
            out,
            "events: [{date: 2026-11-22, type: performed, obligation: review}] # none yet\n"
        );
        let out = append_event("events: [{date: 2026-01-01, type: note}]\n", &ev()).unwrap();
        assert_eq!(
            out,
            "events: [{date: 2026-01-01, type: note}, {date: 2026-11-22, type: performed, obligation: review}]\n"
        );
        let out = append_event("events:\n  - {date: 2026-01-01, type: note}\n", &ev()).unwrap();
        assert_eq!(out, "events:\n  - {date: 2026-01-01, type: note}\n  - {date: 2026-11-22, type: performed, obligation: review}\n");
        assert_eq!(
            append_event("events: [\n  {date: 2026-01-01, type: note}]\n", &ev()),
            Err(EditError::MultiLineFlow { line: 1 })
        );
    }

    #[test]
    fn values_that_yaml_would_misread_are_quoted() {
        assert_eq!(scalar("General Assembly"), "General Assembly");
        assert_eq!(scalar("no"), "\"no\"");
        assert_eq!(scalar("a: b"), "\"a: b\"");
        assert_eq!(scalar("# x"), "\"# x\"");
    }

    #[test]
    fn appends_after_the_last_event_and_keeps_the_rest() {
        let ev = NewEvent {
            fields: vec![("date", "2026-11-22".into()), ("type", "note".into())],
        };
        let text = "id: x # keep me\nevents:\n  - date: 2026-01-01\n    type: note\nnotes: end\n";
        assert_eq!(
            append_event(text, &ev).unwrap(),
            "id: x # keep me\nevents:\n  - date: 2026-01-01\n    type: note\n  - date: 2026-11-22\n    type: note\nnotes: end\n"
        );
    }
}
