//! Where things are in a file's text, as the YAML parser reads it: every mapping key and
//! every node with its byte offset. Edits find the `events` list, the `signed` mapping or
//! an amendment here rather than by looking for lines that start with a key, so a line
//! inside a multi-line string or a bracket inside a comment can never be mistaken for
//! structure.

use crate::file::parse::parser_options;
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{Location, Spanned};
use std::fmt;

/// One node of the document.
#[derive(Debug)]
pub(crate) struct Node {
    /// The byte offset where the node starts: a flow collection's bracket, a block
    /// sequence's first item, a scalar's first character; for an empty value, the end
    /// of its key's `:`.
    pub at: usize,
    /// The node is an alias: its text is elsewhere and cannot be edited here.
    pub alias: bool,
    pub value: Value,
}

#[derive(Debug)]
pub(crate) enum Value {
    Map(Vec<Entry>),
    Seq(Vec<Node>),
    Scalar(String),
    Null,
}

/// One `key: value` of a mapping.
#[derive(Debug)]
pub(crate) struct Entry {
    pub key: String,
    /// The byte offset of the key and its length in the text (quotes included).
    pub key_at: usize,
    pub key_len: usize,
    pub value: Node,
}

impl Node {
    /// The entry `key` of a mapping.
    pub(crate) fn entry(&self, key: &str) -> Option<&Entry> {
        match &self.value {
            Value::Map(entries) => entries.iter().find(|e| e.key == key),
            _ => None,
        }
    }

    pub(crate) fn entries(&self) -> &[Entry] {
        match &self.value {
            Value::Map(entries) => entries,
            _ => &[],
        }
    }

    pub(crate) fn items(&self) -> &[Node] {
        match &self.value {
            Value::Seq(items) => items,
            _ => &[],
        }
    }

    pub(crate) fn scalar(&self) -> Option<&str> {
        match &self.value {
            Value::Scalar(s) => Some(s),
            _ => None,
        }
    }
}

/// The document's nodes, or the parser's message when the text cannot be read.
pub(crate) fn read(text: &str) -> Result<Node, String> {
    let bom = if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let root: Spanned<Value> =
        serde_saphyr::from_str_with_options(&text[bom..], parser_options()).map_err(|e| e.to_string())?;
    let mut node = node(root)?;
    if bom > 0 {
        shift(&mut node, bom);
    }
    Ok(node)
}

fn shift(node: &mut Node, by: usize) {
    node.at += by;
    match &mut node.value {
        Value::Map(entries) => {
            for e in entries {
                e.key_at += by;
                shift(&mut e.value, by);
            }
        }
        Value::Seq(items) => items.iter_mut().for_each(|n| shift(n, by)),
        Value::Scalar(_) | Value::Null => {}
    }
}

fn offset(loc: &Location) -> Result<usize, String> {
    loc.span()
        .byte_offset()
        .map(|o| o as usize)
        .ok_or_else(|| "the parser gave no position".to_string())
}

fn node(s: Spanned<Value>) -> Result<Node, String> {
    Ok(Node {
        at: offset(&s.referenced)?,
        alias: s.referenced != s.defined,
        value: s.value,
    })
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Value, D::Error> {
        d.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML node")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Spanned<String>>()? {
            let value: Spanned<Value> = map.next_value()?;
            let key_at = offset(&key.referenced).map_err(de::Error::custom)?;
            let key_len = key.referenced.span().byte_len().unwrap_or(0) as usize;
            entries.push(Entry {
                key: key.value,
                key_at,
                key_len,
                value: node(value).map_err(de::Error::custom)?,
            });
        }
        Ok(Value::Map(entries))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Spanned<Value>>()? {
            items.push(node(item).map_err(de::Error::custom)?);
        }
        Ok(Value::Seq(items))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        Ok(Value::Scalar(v.to_string()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        Ok(Value::Scalar(v))
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Scalar(v.to_string()))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Scalar(v.to_string()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Scalar(v.to_string()))
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Value, E> {
        Ok(Value::Scalar(v.to_string()))
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Value, E> {
        Ok(Value::Scalar(v.to_string()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Scalar(v.to_string()))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        Value::deserialize(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_nodes_where_the_parser_reads_them() {
        let text = "id: x\nsources: [{title: \"a\nevents: [1]\"}]\nevents: [] # see minutes [1]\nsigned:\n";
        let root = read(text).unwrap();
        let keys: Vec<(&str, usize)> = root.entries().iter().map(|e| (e.key.as_str(), e.key_at)).collect();
        // The `events:` inside the quoted string is not a key.
        assert_eq!(keys, [("id", 0), ("sources", 6), ("events", 42), ("signed", 71)]);
        let events = &root.entry("events").unwrap().value;
        assert_eq!(&text[events.at..events.at + 2], "[]");
        assert!(matches!(root.entry("signed").unwrap().value.value, Value::Null));
    }

    #[test]
    fn items_of_block_and_flow_lists() {
        let text = "events:\n  - date: 2020-01-01\n  -   {date: 2021-01-01}\n";
        let root = read(text).unwrap();
        let items = root.entry("events").unwrap().value.items();
        assert_eq!(&text[items[0].at..items[0].at + 4], "date");
        assert_eq!(&text[items[1].at..items[1].at + 1], "{");
        assert_eq!(items[1].entry("date").unwrap().value.scalar(), Some("2021-01-01"));
    }

    #[test]
    fn offsets_count_a_byte_order_mark_and_aliases_are_marked() {
        let text = "\u{feff}id: &a x\ntitle: *a\n";
        let root = read(text).unwrap();
        assert_eq!(root.entries()[0].key_at, 3);
        assert!(!root.entries()[0].value.alias);
        assert!(root.entries()[1].value.alias);
    }
}
