//! The JSON Schema of the file format (draft-07, which yaml-language-server reads),
//! generated from the loader's own raw types in `crate::raw`, plus the schema-only
//! types that describe its spanned strings: ids, dates, periods and keywords.

use crate::file::raw::{self, DocStatus, RawAgreement};
use crate::keyword::Keyword;
use crate::model::{self, AmendmentInForce, Effective, EventKind, UponKind};
use crate::time::calendar::Roll;
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use std::borrow::Cow;

/// The schema of an agreement file, as a JSON value.
pub fn schema() -> serde_json::Value {
    let generator = schemars::generate::SchemaSettings::draft07().into_generator();
    let mut root = generator.into_root_schema_for::<RawAgreement>();
    root.insert("title".into(), "accord agreement file, format version 1".into());
    root.insert("$id".into(), "https://accord.invalid/schema/agreement-v1.json".into());
    root.to_value()
}

macro_rules! string_schema {
    ($name:ident, $doc:literal, $body:tt) => {
        #[doc = $doc]
        pub struct $name;
        impl JsonSchema for $name {
            fn schema_name() -> Cow<'static, str> {
                stringify!($name).into()
            }
            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                json_schema!($body)
            }
        }
    };
}

string_schema!(Id, "An id: lowercase letters, digits and hyphens.", {
    "type": "string", "pattern": "^[a-z0-9-]+$",
    "description": "lowercase letters, digits and hyphens, e.g. eco-iom-2009"
});
string_schema!(Date, "A date, YYYY-MM-DD.", {
    "type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "format": "date",
    "description": "a date, YYYY-MM-DD"
});
string_schema!(PeriodText, "A period.", {
    "type": "string",
    "pattern": "^(P([0-9]+Y)?([0-9]+M)?([0-9]+W)?([0-9]+D)?|[ ,A-Za-z0-9]+)$",
    "description": "a period: 90 days, 2 weeks, six months, 1 year 6 months, or ISO 8601 such as P90D, P6M, P1Y6M"
});
/// A schema type listing the words of a keyword set, with an optional description.
macro_rules! keyword_schema {
    ($name:ident, $keyword:ty, $doc:literal $(, $description:literal)?) => {
        #[doc = $doc]
        pub struct $name;
        impl JsonSchema for $name {
            fn schema_name() -> Cow<'static, str> {
                stringify!($name).into()
            }
            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                let words: Vec<&str> = <$keyword as Keyword>::names().collect();
                #[allow(unused_mut)] // mutated only when there is a description
                let mut schema = json_schema!({ "enum": words });
                $(schema.insert("description".into(), $description.into());)?
                schema
            }
        }
    };
}

keyword_schema!(
    Status,
    DocStatus,
    "`status`.",
    "draft: a text under negotiation, not signed"
);
keyword_schema!(Upon, UponKind, "`entry_into_force.upon`.");
keyword_schema!(Then, model::Then, "`entry_into_force.then`.");
keyword_schema!(EffectiveKw, Effective, "`termination.effective`.");
keyword_schema!(
    Fallback,
    raw::Fallback,
    "`termination.fallback`.",
    "opt in to twelve months' notice under VCLT art. 56(2) when there is no termination clause"
);
keyword_schema!(RollKw, Roll, "`termination.roll`.");
keyword_schema!(AnyParty, raw::AnyParty, "`termination.by: any_party`.");
keyword_schema!(AllParties, raw::AllParties, "`amendment.requires: all_parties`.");
keyword_schema!(InForce, AmendmentInForce, "`amendment.in_force`.");
keyword_schema!(Modality, model::Modality, "`obligations[].modality`.");
keyword_schema!(EventType, EventKind, "`events[].type`.");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draft_07_closed_objects_with_the_required_keys() {
        let s = schema();
        assert_eq!(s["$schema"], "http://json-schema.org/draft-07/schema#");
        assert_eq!(s["additionalProperties"], false);
        let required: Vec<&str> = s["required"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(required, ["id", "title", "parties"]);
        assert!(s["properties"]["termination"].to_string().contains("RawTermination"));
        let defs = s["definitions"].as_object().unwrap();
        assert!(defs["Upon"]["enum"]
            .as_array()
            .unwrap()
            .iter()
            .any(|v| v == "conditions"));
    }
}
