//! Keys that take one of several forms — a word or a list (`by: any_party` or `by:
//! [iom]`), a scalar or a mapping (`not_before: 3 years` or `{period, from}`) — read
//! without serde's untagged enums, which buffer the value and lose the positions of what
//! is inside it. The words only the file format has are declared here too.

use super::{RawApproval, S};
use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use std::fmt;
use std::marker::PhantomData;

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

crate::keywords! {
    /// `termination.later_date`.
    pub(crate) enum LaterDate: "`later_date`" {
        Allowed = "allowed": "the notice may name a later day on which it takes effect",
    }
}

/// A word, or a list of `T`.
#[derive(Debug)]
pub(crate) enum WordOr<T> {
    Word(String),
    List(Vec<T>),
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for WordOr<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = WordOr<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a word or a list")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(WordOr::Word(v.to_string()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
                Vec::<T>::deserialize(SeqAccessDeserializer::new(seq)).map(WordOr::List)
            }
        }
        d.deserialize_any(V(PhantomData))
    }
}

/// A scalar, or a mapping read as `M`.
#[derive(Debug)]
pub(crate) enum ScalarOr<M> {
    Scalar(String),
    Map(M),
}

impl<'de, M: Deserialize<'de>> Deserialize<'de> for ScalarOr<M> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<M>(PhantomData<M>);
        impl<'de, M: Deserialize<'de>> Visitor<'de> for V<M> {
            type Value = ScalarOr<M>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a value or a mapping")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(ScalarOr::Scalar(v.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                M::deserialize(MapAccessDeserializer::new(map)).map(ScalarOr::Map)
            }
        }
        d.deserialize_any(V(PhantomData))
    }
}

/// `termination.by`: `any_party`, or a list of party ids.
pub(crate) type RawBy = WordOr<S>;

/// `amendment.requires`: `all_parties`, or a list of approvals.
pub(crate) type RawRequires = WordOr<RawApproval>;

/// A `supersedes` entry: an id in the folder, or a mapping.
pub(crate) type RawReference = ScalarOr<RawReferenceMap>;

/// A `supersedes` entry written as a mapping: `{id, article}` for an agreement of the
/// folder, `{title, date, article}` for one outside it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawReferenceMap {
    pub id: Option<S>,
    pub title: Option<String>,
    pub date: Option<String>,
    pub article: Option<S>,
}

/// `termination.not_before`: a period, or `{period, from}`.
pub(crate) type RawNotBefore = ScalarOr<RawNotBeforeMap>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawNotBeforeMap {
    pub period: S,
    pub from: Option<S>,
}
