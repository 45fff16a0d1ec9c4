//! The agreement file as written: serde structs that mirror the YAML format
//! (`docs/format.md`) key for key. Values that later checks may reject (dates,
//! periods, references) are kept as spanned strings so that a diagnostic can point
//! at the exact value. [`crate::validate`] turns these into the checked model.

use serde::{Deserialize, Deserializer};
use serde_saphyr::Spanned;
use std::marker::PhantomData;

/// A scalar with its position in the file.
pub type S = Spanned<String>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAgreement {
    pub id: S,
    pub title: S,
    pub short_title: Option<String>,
    pub kind: Option<String>,
    pub status: Option<S>,
    pub parties: Spanned<Pairs<S, RawParty>>,
    pub signed: Option<RawSigned>,
    pub entry_into_force: Option<Spanned<RawEntryIntoForce>>,
    pub term: Option<RawTerm>,
    pub termination: Option<Spanned<RawTermination>>,
    pub amendment: Option<RawAmendmentClause>,
    pub obligations: Option<Vec<RawObligation>>,
    pub amendments: Option<Vec<RawAmendment>>,
    pub events: Option<Vec<RawEvent>>,
    pub articles: Option<Vec<RawArticle>>,
    pub supersedes: Option<Vec<Spanned<RawReference>>>,
    pub under: Option<S>,
    pub sources: Option<Vec<RawSource>>,
    pub notes: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawParty {
    pub name: String,
    pub short_name: Option<String>,
    pub signatory: Option<RawSignatory>,
    pub organs: Option<Vec<S>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSignatory {
    pub name: String,
    pub title: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSigned {
    pub date: Option<S>,
    pub place: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEntryIntoForce {
    pub upon: S,
    pub date: Option<S>,
    pub requires: Option<Vec<RawApproval>>,
    pub then: Option<S>,
    pub article: Option<String>,
    pub assumed: Option<bool>,
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawApproval {
    pub party: S,
    pub organ: Option<S>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTerm {
    pub length: Option<S>,
    pub from: Option<S>,
    pub renewal: Option<RawRenewal>,
    pub minimum: Option<S>,
    pub article: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRenewal {
    pub tacit: Option<Spanned<bool>>,
    pub length: Option<S>,
    pub notice: Option<S>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTermination {
    pub notice: Option<S>,
    pub by: Option<Spanned<RawBy>>,
    pub form: Option<String>,
    pub effective: Option<S>,
    pub article: Option<String>,
    pub fallback: Option<S>,
    pub roll: Option<S>,
    pub holidays: Option<Vec<S>>,
    pub note: Option<String>,
}

/// `any_party`, or a list of party ids.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum RawBy {
    Keyword(String),
    Parties(Vec<S>),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAmendmentClause {
    pub requires: Option<Spanned<RawRequires>>,
    pub in_force: Option<S>,
    pub form: Option<String>,
    pub article: Option<String>,
}

/// `all_parties`, or a list of `{party, organ}` approvals.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum RawRequires {
    Keyword(String),
    Approvals(Vec<RawApproval>),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawObligation {
    pub id: S,
    pub text: String,
    pub parties: Vec<S>,
    pub modality: Option<S>,
    pub article: Option<String>,
    pub every: Option<S>,
    pub from: Option<S>,
    pub assumed: Option<bool>,
    pub once: Option<bool>,
    pub due: Option<S>,
    pub lead: Option<S>,
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAmendment {
    pub id: S,
    pub article: Option<String>,
    pub proposed: Option<RawProposed>,
    pub summary: Option<String>,
    pub text: Option<String>,
    pub accepted: Option<Pairs<S, S>>,
    pub rejected: Option<Pairs<S, S>>,
    pub withdrawn: Option<S>,
    pub signed: Option<S>,
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawProposed {
    pub by: S,
    pub date: Option<S>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEvent {
    pub date: S,
    #[serde(rename = "type")]
    pub kind: S,
    pub party: Option<S>,
    pub organ: Option<S>,
    pub obligation: Option<S>,
    pub amendment: Option<S>,
    pub by: Option<S>,
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawArticle {
    pub number: String,
    pub title: Option<String>,
    pub text: Option<String>,
}

/// An agreement in the folder (its id), or one outside it (`{title, date}`).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum RawReference {
    Id(String),
    External { title: String, date: Option<String> },
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    pub title: String,
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
