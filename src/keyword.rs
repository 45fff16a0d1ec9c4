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
/// [`Keyword`], `Display` and `Serialize` implementations.
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
                s.serialize_str($crate::keyword::Keyword::name(*self))
            }
        }
    };
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
}
