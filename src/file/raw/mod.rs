//! The agreement file as written: serde structs that mirror the YAML format
//! (`docs/format.md`) key for key. Values that later checks may reject (dates,
//! periods, references, keywords) are kept as spanned strings so that a diagnostic can
//! point at the exact value; `validate` turns these into the checked model. The doc
//! comments on fields are the JSON Schema's descriptions, which editors show on hover.

mod clauses;
mod forms;
mod lists;

pub(crate) use clauses::*;
pub(crate) use forms::*;
pub(crate) use lists::*;

use crate::file::schema as sch;
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer};
use serde_saphyr::Spanned;
use std::marker::PhantomData;

/// A scalar with its position in the file.
pub(crate) type S = Spanned<String>;

// An agreement file. `T` is how article texts are read: kept (`Option<String>`), or
// parsed and dropped (`Skipped`) for commands that never print them. (A doc comment here
// would become the schema's description of the whole file.)
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[serde(bound(deserialize = "T: Deserialize<'de> + Default"))]
#[schemars(rename = "RawAgreement", bound = "T: Default + serde::Serialize")]
pub(crate) struct RawAgreement<T = Option<String>> {
    /// The agreement's id, unique across the folder: lowercase letters, digits and hyphens.
    #[schemars(with = "sch::Id")]
    pub id: S,
    /// The full title.
    #[schemars(with = "String")]
    pub title: S,
    /// The title shown in tables.
    pub short_title: Option<String>,
    /// Free text: memorandum-of-understanding, host-country-agreement, treaty, contract.
    pub kind: Option<String>,
    /// `draft` for a text under negotiation, not yet signed.
    #[schemars(with = "Option<sch::Status>")]
    pub status: Option<S>,
    /// The date of the text (of a draft: the date of the version encoded).
    #[schemars(with = "Option<sch::Date>")]
    pub date: Option<S>,
    /// The parties, keyed by a short id, in the order the agreement names them.
    #[schemars(with = "std::collections::BTreeMap<String, RawParty>")]
    pub parties: Spanned<Pairs<S, RawParty>>,
    /// The depositary of a multilateral agreement, which receives instruments and notices.
    pub depositary: Option<RawDepositary>,
    /// Signature: date and place.
    pub signed: Option<RawSigned>,
    /// When the agreement enters into force.
    #[schemars(with = "Option<RawEntryIntoForce>")]
    pub entry_into_force: Option<Spanned<RawEntryIntoForce>>,
    /// Provisional application before entry into force.
    #[schemars(with = "Option<RawProvisionalApplication>")]
    pub provisional_application: Option<Spanned<RawProvisionalApplication>>,
    /// How long the agreement lasts when it has no fixed term: indefinitely, or as long as a condition holds.
    pub duration: Option<RawDuration>,
    /// A fixed or minimum term, and tacit renewal.
    pub term: Option<RawTerm>,
    /// The termination (or withdrawal) clause; absent when the agreement has none.
    #[schemars(with = "Option<RawTermination>")]
    pub termination: Option<Spanned<RawTermination>>,
    /// Provisions that continue to apply after termination or withdrawal.
    pub survival: Option<Vec<RawSurvival>>,
    /// The amendment clause.
    pub amendment: Option<RawAmendmentClause>,
    /// What the parties must, will, may or intend to do.
    pub obligations: Option<Vec<RawObligation>>,
    /// Amendments (or, for a draft, changes to the draft) proposed, accepted, rejected or withdrawn.
    pub amendments: Option<Vec<RawAmendment>>,
    /// What happened, when, in date order.
    pub events: Option<Vec<RawEvent>>,
    /// The text, article by article.
    pub articles: Option<Vec<RawArticle<T>>>,
    /// Agreements this one supersedes on entering into force: an id in the folder, or `{title, date}` for one outside it.
    #[schemars(with = "Option<Vec<sch::Reference>>")]
    pub supersedes: Option<Vec<Spanned<RawReference>>>,
    /// The parent agreement of a letter of understanding or special arrangement.
    #[schemars(with = "Option<sch::Id>")]
    pub under: Option<S>,
    /// The documents the file was encoded from.
    pub sources: Option<Vec<RawSource>>,
    /// Free text.
    #[allow(dead_code)] // free text for the reader of the file; nothing is computed from it
    pub notes: Option<String>,
}

/// An article of the text.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[serde(bound(deserialize = "T: Deserialize<'de> + Default"))]
#[schemars(rename = "RawArticle", bound = "T: Default + serde::Serialize")]
pub(crate) struct RawArticle<T = Option<String>> {
    /// The number as the text writes it: "IX", "2", "1.2", "45", "Annex II".
    #[schemars(with = "String")]
    pub number: S,
    /// The heading.
    pub title: Option<String>,
    /// The text of the article.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub text: T,
}

/// How an article's text is read.
pub(crate) trait ArticleText: Default {
    /// The text, if it was kept.
    fn into_text(self) -> Option<String>;
}

impl ArticleText for Option<String> {
    fn into_text(self) -> Option<String> {
        self
    }
}

/// An article text that was parsed (so the file is still checked) but not stored:
/// the bulk of every file, which only `show` prints.
#[derive(Debug, Default)]
pub(crate) struct Skipped;

impl<'de> Deserialize<'de> for Skipped {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        serde::de::IgnoredAny::deserialize(d)?;
        Ok(Skipped)
    }
}

impl ArticleText for Skipped {
    fn into_text(self) -> Option<String> {
        None
    }
}

/// A YAML mapping read in file order, keys kept with their positions
/// (`BTreeMap` would lose the order and cannot hold spanned keys).
#[derive(Debug)]
pub(crate) struct Pairs<K, V>(pub Vec<(K, V)>);

impl<'de, K: Deserialize<'de>, V: Deserialize<'de>> Deserialize<'de> for Pairs<K, V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor<K, V>(PhantomData<(K, V)>);
        impl<'de, K: Deserialize<'de>, V: Deserialize<'de>> serde::de::Visitor<'de> for Visitor<K, V> {
            type Value = Pairs<K, V>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a mapping")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut pairs = Vec::with_capacity(map.size_hint().unwrap_or(0));
                while let Some(entry) = map.next_entry()? {
                    pairs.push(entry);
                }
                Ok(Pairs(pairs))
            }
        }
        deserializer.deserialize_map(Visitor(PhantomData))
    }
}
