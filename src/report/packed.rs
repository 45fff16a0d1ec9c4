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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_read_back() {
        let f = Fields::new(["eco-iom-2009", "", "Art. 5"]);
        assert_eq!((f.get(0), f.get(1), f.get(2)), ("eco-iom-2009", "", "Art. 5"));
    }
}
