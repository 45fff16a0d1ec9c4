//! Recording the signature: the date (and place) written into the top-level `signed`
//! mapping, added after `parties` when the file has none, and `status: draft` removed,
//! since a signed text is no longer a draft.

use super::shape::Value;
use super::text::{content_end, line_start, newline, next_line};
use super::{add_lead, apply, fill_null, flow_map, region_end, root, EditError, Splice};
use chrono::NaiveDate;

/// The text with the signature on `date` (at `place`) recorded.
pub(crate) fn sign(text: &str, date: NaiveDate, place: Option<&str>) -> Result<String, EditError> {
    let root = root(text)?;
    let nl = newline(text);
    let entries = root.entries();
    let mut splices = Vec::new();
    let mut fields = vec![("date", date.to_string())];
    match entries.iter().find(|e| e.key == "signed") {
        None => {
            fields.extend(place.map(|p| ("place", p.to_string())));
            let k = entries
                .iter()
                .position(|e| e.key == "parties")
                .ok_or_else(|| EditError::at(text, root.at, "the file has no `parties`"))?;
            let from = line_start(text, entries[k].key_at);
            let at = content_end(text, from, region_end(text, entries, k), 0);
            let line = format!("{}signed: {}{nl}", add_lead(text, at), flow_map(&fields));
            splices.push(Splice::insert(at, line));
        }
        Some(e) if e.value.alias => return Err(EditError::at(text, e.value.at, "`signed` is an alias")),
        Some(e) => {
            let map = &e.value;
            if map.entry("date").is_some_and(|d| !matches!(d.value.value, Value::Null)) {
                return Err(EditError::at(text, map.at, "`signed` already has a date"));
            }
            if map.entry("date").is_some() {
                return Err(EditError::at(text, map.at, "`signed` has an empty `date`"));
            }
            if map.entry("place").is_none() {
                fields.extend(place.map(|p| ("place", p.to_string())));
            }
            match &map.value {
                Value::Null => splices.push(fill_null(text, e, &flow_map(&fields))?),
                Value::Map(entries) if text[map.at..].starts_with('{') => {
                    let inner = flow_map(&fields);
                    let inner = &inner[1..inner.len() - 1];
                    let sep = if entries.is_empty() { "" } else { ", " };
                    splices.push(Splice::insert(map.at + 1, format!("{inner}{sep}")));
                }
                Value::Map(entries) => {
                    let first = &entries[0];
                    let start = line_start(text, first.key_at);
                    let col = first.key_at - start;
                    let lines: String = fields
                        .iter()
                        .map(|(k, v)| format!("{}{k}: {}{nl}", " ".repeat(col), super::text::scalar(v)))
                        .collect();
                    splices.push(Splice::insert(start, lines));
                }
                _ => return Err(EditError::at(text, map.at, "`signed` is not a mapping")),
            }
        }
    }
    if let Some(k) = entries.iter().position(|e| e.key == "status") {
        splices.push(drop_line(text, entries, k)?);
    }
    Ok(apply(text, splices))
}

/// Removes the line of `status: draft`, comment and all; a value over several lines is
/// left to the user.
fn drop_line(text: &str, entries: &[super::shape::Entry], k: usize) -> Result<Splice, EditError> {
    let e = &entries[k];
    if e.value.scalar() != Some("draft") {
        return Err(EditError::at(text, e.key_at, "`status` is not `draft`"));
    }
    let start = line_start(text, e.key_at);
    let end = next_line(text, e.key_at);
    if line_start(text, e.value.at) != start || region_end(text, entries, k) < end {
        return Err(EditError::at(
            text,
            e.key_at,
            "`status: draft` is not on a line of its own",
        ));
    }
    Ok(Splice {
        range: start..end,
        with: String::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn adds_signed_after_the_parties_and_drops_the_draft_status() {
        let text = "id: x\nstatus: draft   # until signed\n\nparties:\n  a:\n    name: A\n  b: {name: B}\n\n# signed: recorded by accord\nevents:\n";
        let out = sign(text, d("2026-11-20"), Some("Geneva, CH")).unwrap();
        assert_eq!(out, "id: x\n\nparties:\n  a:\n    name: A\n  b: {name: B}\nsigned: {date: 2026-11-20, place: \"Geneva, CH\"}\n\n# signed: recorded by accord\nevents:\n");
    }

    #[test]
    fn fills_an_existing_mapping_in_its_style() {
        let out = sign("id: x\r\nsigned: {place: Minsk}\r\n", d("2008-09-19"), Some("Minsk")).unwrap();
        assert_eq!(out, "id: x\r\nsigned: {date: 2008-09-19, place: Minsk}\r\n");
        let out = sign("signed:\n   place: Minsk\nid: x\n", d("2008-09-19"), None).unwrap();
        assert_eq!(out, "signed:\n   date: 2008-09-19\n   place: Minsk\nid: x\n");
        let out = sign("signed: # to come\nid: x\n", d("2008-09-19"), None).unwrap();
        assert_eq!(out, "signed: {date: 2008-09-19} # to come\nid: x\n");
        let out = sign("signed: {}\nid: x\n", d("2008-09-19"), None).unwrap();
        assert_eq!(out, "signed: {date: 2008-09-19}\nid: x\n");
    }

    #[test]
    fn never_replaces_a_date() {
        assert!(sign("signed: {date: 2020-01-01}\n", d("2021-01-01"), None).is_err());
    }

    #[test]
    fn the_status_next_to_the_insertion_goes_and_the_signature_stays() {
        let text = "parties:\n  a: {name: A}\nstatus: draft\nid: x\n";
        let out = sign(text, d("2026-01-01"), None).unwrap();
        assert_eq!(out, "parties:\n  a: {name: A}\nsigned: {date: 2026-01-01}\nid: x\n");
    }
}
