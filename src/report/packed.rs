//! Several strings kept in one allocation: what a report keeps per row when a folder
//! can run to hundreds of thousands of rows (a `String` costs 24 bytes plus its own
//! allocation; here each field costs 4 bytes).

/// `N` strings back to back, with where each ends.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Fields<const N: usize> {
    text: Box<str>,
    ends: [u32; N],
}

impl<const N: usize> Fields<N> {
    /// Packs `parts`; a field longer than 4 GiB cannot occur (files are capped at 4 MiB).
    pub(crate) fn new(parts: [&str; N]) -> Fields<N> {
        let mut text = String::with_capacity(parts.iter().map(|p| p.len()).sum());
        let mut ends = [0; N];
        for (end, part) in ends.iter_mut().zip(parts) {
            text.push_str(part);
            *end = text.len() as u32;
        }
        Fields {
            text: text.into_boxed_str(),
            ends,
        }
    }

    /// Field `i` (`i < N`).
    pub(crate) fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }
}

/// As a string and where each field ends; read back only when the ends are in order
/// and fall on character boundaries of the string (a cache entry is checked, but a
/// field that could not be sliced must not panic whatever the bytes).
impl<const N: usize> serde::Serialize for Fields<N> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serde::Serialize::serialize(&(&*self.text, &self.ends[..]), s)
    }
}

impl<'de, const N: usize> serde::Deserialize<'de> for Fields<N> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let (text, ends): (Box<str>, Vec<u32>) = serde::Deserialize::deserialize(d)?;
        let ends: [u32; N] = ends
            .try_into()
            .map_err(|_| serde::de::Error::custom("wrong number of fields"))?;
        let mut at = 0;
        for &end in &ends {
            let end = end as usize;
            if end < at || !text.is_char_boundary(end) {
                return Err(serde::de::Error::custom("a field out of place"));
            }
            at = end;
        }
        if at != text.len() {
            return Err(serde::de::Error::custom("text after the last field"));
        }
        Ok(Fields { text, ends })
    }
}

/// An optional date in a binary form (the cache's) as its day number: chrono's own
/// form is its text, which would have to be parsed back (`#[serde(with = ...)]`).
pub(crate) mod day_number {
    use chrono::{Datelike, NaiveDate};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub(crate) fn serialize<S: Serializer>(date: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        date.map(|d| d.num_days_from_ce()).serialize(s)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        Option::<i32>::deserialize(d)?
            .map(|n| NaiveDate::from_num_days_from_ce_opt(n).ok_or_else(|| serde::de::Error::custom("no such day")))
            .transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_read_back() {
        let f = Fields::new(["eco-iom-2009", "", "Art. 5"]);
        assert_eq!((f.get(0), f.get(1), f.get(2)), ("eco-iom-2009", "", "Art. 5"));
    }

    #[test]
    fn fields_read_back_from_their_binary_form_only_when_they_can_be_sliced() {
        let f = Fields::new(["é", "", "Art. 5"]);
        let bytes = postcard::to_stdvec(&f).unwrap();
        assert_eq!(postcard::from_bytes::<Fields<3>>(&bytes).unwrap(), f);
        assert!(postcard::from_bytes::<Fields<2>>(&bytes).is_err());
        let bad = |text: &str, ends: &[u32]| postcard::to_stdvec(&(text, ends)).unwrap();
        // Inside "é", backwards, short of the end, past the end.
        for ends in [&[1, 2, 8][..], &[2, 1, 8], &[2, 2, 7], &[2, 2, 9]] {
            assert!(
                postcard::from_bytes::<Fields<3>>(&bad("éArt. 5", ends)).is_err(),
                "{ends:?}"
            );
        }
        assert!(postcard::from_bytes::<Fields<3>>(&bad("éArt. 5", &[2, 2, 8])).is_ok());
    }

    #[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
    struct Day(#[serde(with = "day_number")] Option<chrono::NaiveDate>);

    #[test]
    fn dates_read_back_from_their_day_numbers() {
        for d in [
            Some(chrono::NaiveDate::from_ymd_opt(2028, 2, 29).unwrap()),
            Some(chrono::NaiveDate::MIN),
            Some(chrono::NaiveDate::MAX),
            None,
        ] {
            let bytes = postcard::to_stdvec(&Day(d)).unwrap();
            assert_eq!(postcard::from_bytes::<Day>(&bytes).unwrap(), Day(d));
        }
        // A day number past chrono's last day is refused, not wrapped.
        let past = postcard::to_stdvec(&Some(i32::MAX)).unwrap();
        assert!(postcard::from_bytes::<Day>(&past).is_err());
    }
}
