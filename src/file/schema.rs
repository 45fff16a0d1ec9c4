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
string_schema!(AfterText, "An `after` rule.", {
    "type": "string",
    "description": "counted from the triggering day: a period (30 days: on the thirtieth day after; 1 day: on the day after; 0 days: on that day), or a calendar rule: first day of the month following, first day of the second month"
});

/// A schema type listing the words of a keyword set: `enum`, a `description` giving
/// each word's meaning, and `enumDescriptions` (which editors show beside each word).
macro_rules! keyword_schema {
    ($name:ident, $keyword:ty, $doc:literal) => {
        #[doc = $doc]
        pub struct $name;
        impl JsonSchema for $name {
            fn schema_name() -> Cow<'static, str> {
                stringify!($name).into()
            }
            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                keyword_set::<$keyword>()
            }
        }
    };
}

fn keyword_set<K: Keyword>() -> Schema {
    let words: Vec<&str> = K::names().collect();
    let meanings: Vec<&str> = K::ALL.iter().map(|(_, _, doc)| *doc).collect();
    let description: Vec<String> = K::ALL.iter().map(|(word, _, doc)| format!("{word}: {doc}")).collect();
    json_schema!({
        "enum": words,
        "enumDescriptions": meanings,
        "description": description.join("; "),
    })
}

keyword_schema!(Status, DocStatus, "`status`.");
keyword_schema!(Upon, UponKind, "`entry_into_force.upon`.");
keyword_schema!(Then, model::Then, "`entry_into_force.then`.");
keyword_schema!(PaFrom, model::PaFrom, "`provisional_application.from`.");
keyword_schema!(EffectiveKw, Effective, "`termination.effective`.");
keyword_schema!(CountingKw, model::Counting, "`termination.counting`.");
keyword_schema!(ScopeKw, model::Scope, "`termination.scope`.");
keyword_schema!(NotBeforeFromKw, model::NotBeforeFrom, "`termination.not_before.from`.");
keyword_schema!(LaterDateKw, raw::LaterDate, "`termination.later_date`.");
keyword_schema!(Fallback, raw::Fallback, "`termination.fallback`.");
keyword_schema!(RollKw, Roll, "`termination.roll`.");
keyword_schema!(AnyParty, raw::AnyParty, "`termination.by: any_party`.");
keyword_schema!(AllParties, raw::AllParties, "`amendment.requires: all_parties`.");
keyword_schema!(InForce, AmendmentInForce, "`amendment.in_force`.");
keyword_schema!(Modality, model::Modality, "`obligations[].modality`.");
keyword_schema!(EventType, EventKind, "`events[].type`.");
keyword_schema!(InstrumentKw, model::Instrument, "`events[].instrument`.");
keyword_schema!(NoticeScopeKw, model::NoticeScope, "`events[].scope`.");
keyword_schema!(PartyKindKw, model::PartyKind, "`parties.ID.kind`.");

/// `any_party`, or a list of party ids.
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)] // describes the file for the schema; never built
pub enum By {
    Keyword(AnyParty),
    Parties(Vec<Id>),
}

/// `all_parties`, or a list of `{party, organ}` approvals.
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)] // describes the file for the schema; never built
pub enum Requires {
    Keyword(AllParties),
    Approvals(Vec<raw::RawApproval>),
}

/// An agreement of the folder (its id, or `{id, article}`), or one outside it (`{title, date, article}`).
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)] // describes the file for the schema; never built
pub enum Reference {
    Id(Id),
    InFolder {
        /// The id of the agreement in the folder.
        id: Id,
        /// The article of this agreement that supersedes it.
        article: Option<String>,
    },
    External {
        /// The title of the agreement outside the folder.
        title: String,
        /// Its date.
        date: Option<Date>,
        /// The article of this agreement that supersedes it.
        article: Option<String>,
    },
}

/// A waiting period, or `{period, from}`.
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)] // describes the file for the schema; never built
pub enum NotBefore {
    Period(PeriodText),
    Counted {
        /// The waiting period.
        period: PeriodText,
        /// What it counts from: entry_into_force (for the party giving notice; the default) or signature.
        from: Option<NotBeforeFromKw>,
    },
}

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
