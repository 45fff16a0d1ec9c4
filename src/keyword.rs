//! Keywords of the file format and the command line (`upon: signature`, `modality:
//! shall`, `--roll following`): each set is declared once, with [`keywords!`](crate::keywords), as an enum
//! whose variants carry their spelling and a one-line description. The validator reads
//! them, the JSON Schema lists them, clap offers them and the reports print them, all from
//! the same table, so the spellings cannot drift apart.

/// A closed set of words with one meaning each.
pub trait Keyword: Copy + PartialEq + 'static {
    /// What the word names, for messages: "modality".
    const WHAT: &'static str;
    /// Every word, its value and its description, in documentation order.
    const ALL: &'static [(&'static str, Self, &'static str)];

    /// The word as written in files and on the command line.
    fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, v, _)| *v == self)
            .map_or("", |(name, _, _)| name)
    }

    /// What the word means.
    fn describe(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, v, _)| *v == self)
            .map_or("", |(_, _, doc)| doc)
    }

    /// The value a word stands for, if it is one of the set.
    fn parse(text: &str) -> Option<Self> {
        Self::ALL.iter().find(|(name, _, _)| *name == text).map(|(_, v, _)| *v)
    }

    /// Every word of the set.
    fn names() -> impl Iterator<Item = &'static str> {
        Self::ALL.iter().map(|(name, _, _)| *name)
    }
}

/// Declares a keyword enum: the variants, their spellings and descriptions, and its
/// [`Keyword`], `Display`, `Serialize` and `Deserialize` implementations.
///
/// ```
/// use accord::keyword::Keyword;
/// accord::keywords! {
///     /// How sure a statement is.
///     pub enum Certainty: "certainty" {
///         Sure = "sure": "stated by the text",
///         Assumed = "assumed": "the file author's assumption",
///     }
/// }
/// assert_eq!(Certainty::parse("assumed"), Some(Certainty::Assumed));
/// assert_eq!(Certainty::Sure.to_string(), "sure");
/// assert_eq!(Certainty::names().collect::<Vec<_>>(), ["sure", "assumed"]);
/// ```
#[macro_export]
macro_rules! keywords {
    ($(#[$meta:meta])* $vis:vis enum $name:ident : $what:literal {
        $($(#[$vmeta:meta])* $variant:ident = $word:literal : $doc:literal),+ $(,)?
    }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $vis enum $name {
            $($(#[$vmeta])* #[doc = $doc] $variant),+
        }

        impl $crate::keyword::Keyword for $name {
            const WHAT: &'static str = $what;
            const ALL: &'static [(&'static str, Self, &'static str)] = &[$(($word, $name::$variant, $doc)),+];
        }

        impl $name {
            /// The word as written in files and on the command line.
            // Not every set is printed, and a set declared in a private module is
            // reachable only there.
            #[allow(dead_code, unreachable_pub)]
            pub fn name(self) -> &'static str {
                $crate::keyword::Keyword::name(self)
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str($crate::keyword::Keyword::name(*self))
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                $crate::keyword::serialize(*self, s)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                $crate::keyword::deserialize(d)
            }
        }
    };
}

/// A keyword as serde writes it: the word in human-readable formats (JSON output), its
/// position in [`Keyword::ALL`] in binary ones (the cache, where the build that wrote
/// an entry is part of its key, so positions cannot shift under it).
#[doc(hidden)]
pub fn serialize<K: Keyword, S: serde::Serializer>(k: K, s: S) -> Result<S::Ok, S::Error> {
    if s.is_human_readable() {
        s.serialize_str(k.name())
    } else {
        let position = K::ALL.iter().position(|(_, v, _)| *v == k).unwrap_or(usize::MAX);
        s.serialize_u16(u16::try_from(position).unwrap_or(u16::MAX))
    }
}

/// The inverse of [`serialize`]: a word of the set, or its position.
#[doc(hidden)]
pub fn deserialize<'de, K: Keyword, D: serde::Deserializer<'de>>(d: D) -> Result<K, D::Error> {
    struct Visit<K>(std::marker::PhantomData<K>);
    impl<K: Keyword> serde::de::Visitor<'_> for Visit<K> {
        type Value = K;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "a {}", K::WHAT)
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<K, E> {
            K::parse(v).ok_or_else(|| E::invalid_value(serde::de::Unexpected::Str(v), &self))
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<K, E> {
            let found = usize::try_from(v).ok().and_then(|i| K::ALL.get(i));
            found
                .map(|(_, k, _)| *k)
                .ok_or_else(|| E::invalid_value(serde::de::Unexpected::Unsigned(v), &self))
        }
    }
    let visit = Visit(std::marker::PhantomData);
    if d.is_human_readable() {
        d.deserialize_str(visit)
    } else {
        d.deserialize_u16(visit)
    }
}

#[cfg(test)]
mod tests {
    use super::Keyword;

    crate::keywords! {
        /// A test set.
        enum Colour: "colour" {
            Red = "red": "like a fire engine",
            DarkBlue = "dark_blue": "like the sea at night",
        }
    }

    #[test]
    fn words_round_trip_and_describe_themselves() {
        for (word, value, doc) in Colour::ALL {
            assert_eq!(Colour::parse(word), Some(*value));
            assert_eq!(value.name(), *word);
            assert_eq!(value.describe(), *doc);
        }
        assert_eq!(Colour::parse("Red"), None);
        assert_eq!(serde_json::to_string(&Colour::DarkBlue).unwrap(), "\"dark_blue\"");
        assert_eq!(Colour::WHAT, "colour");
    }

    #[test]
    fn words_in_json_positions_in_binary() {
        assert_eq!(
            serde_json::from_str::<Colour>("\"dark_blue\"").unwrap(),
            Colour::DarkBlue
        );
        assert!(serde_json::from_str::<Colour>("\"blue\"").is_err());
        let bytes = postcard::to_stdvec(&Colour::DarkBlue).unwrap();
        assert_eq!(bytes, [1]);
        assert_eq!(postcard::from_bytes::<Colour>(&bytes).unwrap(), Colour::DarkBlue);
        assert!(postcard::from_bytes::<Colour>(&[2]).is_err());
    }
}
