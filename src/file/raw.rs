//! The agreement file as written: serde structs that mirror the YAML format
//! (`docs/format.md`) key for key. Values that later checks may reject (dates,
//! periods, references) are kept as spanned strings so that a diagnostic can point
//! at the exact value. [`crate::validate`] turns these into the checked model.

use crate::file::schema as sch;
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer};
use serde_saphyr::Spanned;
use std::marker::PhantomData;

/// A scalar with its position in the file.
pub(crate) type S = Spanned<String>;

crate::keywords! {
    /// `status`: the stage of the text.
    pub(crate) enum DocStatus: "status" {
        Draft = "draft": "a text under negotiation, not signed",
    }
}

crate::keywords! {
    /// `termination.fallback`.
    pub(crate) enum Fallback: "fallback" {
        Vclt56 = "vclt_56": "opt in to twelve months' notice under VCLT art. 56(2) when there is no termination clause",
    }
}

crate::keywords! {
    /// `termination.by` as a word.
    pub(crate) enum AnyParty: "`by`" {
        AnyParty = "any_party": "any party may give notice",
    }
}

crate::keywords! {
    /// `amendment.requires` as a word.
    pub(crate) enum AllParties: "`requires`" {
        AllParties = "all_parties": "the acceptance of every party",
    }
}

// An agreement file. `T` is how article texts are read: kept (`Option<String>`), or
// parsed and dropped (`Skipped`) for commands that never print them. (Doc comments on
// these types become the JSON Schema's descriptions.)
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[serde(bound(deserialize = "T: Deserialize<'de> + Default"))]
#[schemars(rename = "RawAgreement", bound = "T: Default + serde::Serialize")]
pub struct RawAgreement<T = Option<String>> {
    #[schemars(with = "sch::Id")]
    pub id: S,
    #[schemars(with = "String")]
    pub title: S,
    pub short_title: Option<String>,
    pub kind: Option<String>,
    #[schemars(with = "Option<sch::Status>")]
    pub status: Option<S>,
    #[schemars(with = "std::collections::BTreeMap<String, RawParty>")]
    pub parties: Spanned<Pairs<S, RawParty>>,
    pub signed: Option<RawSigned>,
    #[schemars(with = "Option<RawEntryIntoForce>")]
    pub entry_into_force: Option<Spanned<RawEntryIntoForce>>,
    pub term: Option<RawTerm>,
    #[schemars(with = "Option<RawTermination>")]
    pub termination: Option<Spanned<RawTermination>>,
    pub amendment: Option<RawAmendmentClause>,
    pub obligations: Option<Vec<RawObligation>>,
    pub amendments: Option<Vec<RawAmendment>>,
    pub events: Option<Vec<RawEvent>>,
    pub articles: Option<Vec<RawArticle<T>>>,
    #[schemars(with = "Option<Vec<RawReference>>")]
    pub supersedes: Option<Vec<Spanned<RawReference>>>,
    #[schemars(with = "Option<sch::Id>")]
    pub under: Option<S>,
    pub sources: Option<Vec<RawSource>>,
    pub notes: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawParty {
    pub name: String,
    pub short_name: Option<String>,
    pub signatory: Option<RawSignatory>,
    #[schemars(with = "Option<Vec<String>>")]
    pub organs: Option<Vec<S>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSignatory {
    pub name: String,
    pub title: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSigned {
    #[schemars(with = "Option<sch::Date>")]
    pub date: Option<S>,
    pub place: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawEntryIntoForce {
    #[schemars(with = "sch::Upon")]
    pub upon: S,
    #[schemars(with = "Option<sch::Date>")]
    pub date: Option<S>,
    pub requires: Option<Vec<RawApproval>>,
    #[schemars(with = "Option<sch::Then>")]
    pub then: Option<S>,
    pub article: Option<String>,
    pub assumed: Option<bool>,
    pub note: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawApproval {
    #[schemars(with = "sch::Id")]
    pub party: S,
    #[schemars(with = "Option<String>")]
    pub organ: Option<S>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawTerm {
    #[schemars(with = "Option<sch::PeriodText>")]
    pub length: Option<S>,
    #[schemars(with = "Option<sch::Date>")]
    pub from: Option<S>,
    pub renewal: Option<RawRenewal>,
    #[schemars(with = "Option<sch::PeriodText>")]
    pub minimum: Option<S>,
    pub article: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawRenewal {
    #[schemars(with = "Option<bool>")]
    pub tacit: Option<Spanned<bool>>,
    #[schemars(with = "Option<sch::PeriodText>")]
    pub length: Option<S>,
    #[schemars(with = "Option<sch::PeriodText>")]
    pub notice: Option<S>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawTermination {
    #[schemars(with = "Option<sch::PeriodText>")]
    pub notice: Option<S>,
    #[schemars(with = "Option<RawBy>")]
    pub by: Option<Spanned<RawBy>>,
    pub form: Option<String>,
    #[schemars(with = "Option<sch::EffectiveKw>")]
    pub effective: Option<S>,
    pub article: Option<String>,
    #[schemars(with = "Option<sch::Fallback>")]
    pub fallback: Option<S>,
    #[schemars(with = "Option<sch::RollKw>")]
    pub roll: Option<S>,
    #[schemars(with = "Option<Vec<sch::Date>>")]
    pub holidays: Option<Vec<S>>,
    pub note: Option<String>,
}

/// `any_party`, or a list of party ids.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum RawBy {
    Keyword(#[schemars(with = "sch::AnyParty")] String),
    Parties(#[schemars(with = "Vec<sch::Id>")] Vec<S>),
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawAmendmentClause {
    #[schemars(with = "Option<RawRequires>")]
    pub requires: Option<Spanned<RawRequires>>,
    #[schemars(with = "Option<sch::InForce>")]
    pub in_force: Option<S>,
    pub form: Option<String>,
    pub article: Option<String>,
}

/// `all_parties`, or a list of `{party, organ}` approvals.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum RawRequires {
    Keyword(#[schemars(with = "sch::AllParties")] String),
    Approvals(Vec<RawApproval>),
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawObligation {
    #[schemars(with = "sch::Id")]
    pub id: S,
    pub text: String,
    #[schemars(with = "Vec<sch::Id>")]
    pub parties: Vec<S>,
    #[schemars(with = "Option<sch::Modality>")]
    pub modality: Option<S>,
    pub article: Option<String>,
    #[schemars(with = "Option<sch::PeriodText>")]
    pub every: Option<S>,
    #[schemars(with = "Option<sch::Date>")]
    pub from: Option<S>,
    pub assumed: Option<bool>,
    pub once: Option<bool>,
    #[schemars(with = "Option<sch::Date>")]
    pub due: Option<S>,
    #[schemars(with = "Option<sch::PeriodText>")]
    pub lead: Option<S>,
    pub note: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawAmendment {
    #[schemars(with = "sch::Id")]
    pub id: S,
    pub article: Option<String>,
    pub proposed: Option<RawProposed>,
    pub summary: Option<String>,
    pub text: Option<String>,
    #[schemars(with = "Option<std::collections::BTreeMap<String, sch::Date>>")]
    pub accepted: Option<Pairs<S, S>>,
    #[schemars(with = "Option<std::collections::BTreeMap<String, sch::Date>>")]
    pub rejected: Option<Pairs<S, S>>,
    #[schemars(with = "Option<sch::Date>")]
    pub withdrawn: Option<S>,
    #[schemars(with = "Option<sch::Date>")]
    pub signed: Option<S>,
    pub note: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawProposed {
    #[schemars(with = "sch::Id")]
    pub by: S,
    #[schemars(with = "Option<sch::Date>")]
    pub date: Option<S>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawEvent {
    #[schemars(with = "sch::Date")]
    pub date: S,
    #[serde(rename = "type")]
    #[schemars(with = "sch::EventType")]
    pub kind: S,
    #[schemars(with = "Option<sch::Id>")]
    pub party: Option<S>,
    #[schemars(with = "Option<String>")]
    pub organ: Option<S>,
    #[schemars(with = "Option<sch::Id>")]
    pub obligation: Option<S>,
    #[schemars(with = "Option<sch::Id>")]
    pub amendment: Option<S>,
    #[schemars(with = "Option<sch::Id>")]
    pub by: Option<S>,
    pub note: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[serde(bound(deserialize = "T: Deserialize<'de> + Default"))]
#[schemars(rename = "RawArticle", bound = "T: Default + serde::Serialize")]
pub struct RawArticle<T = Option<String>> {
    pub number: String,
    pub title: Option<String>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub text: T,
}

/// How an article's text is read.
pub trait ArticleText: Default {
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

/// An agreement in the folder (its id), or one outside it (`{title, date}`).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum RawReference {
    Id(String),
    External { title: String, date: Option<String> },
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    pub title: String,
    #[schemars(with = "Option<sch::Date>")]
    pub date: Option<S>,
    pub document: Option<String>,
    pub note: Option<String>,
}

/// A YAML mapping read in file order, keys kept with their positions
/// (`BTreeMap` would lose the order and cannot hold spanned keys).
#[derive(Debug)]
pub struct Pairs<K, V>(pub Vec<(K, V)>);

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
