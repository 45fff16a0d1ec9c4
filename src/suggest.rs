//! "Did you mean …?": the closest known name to a misspelt one.

/// The candidate closest to `input` by edit distance, if close enough to be a typo
/// (at most a third of the longer word, and at least one edit allowed).
///
/// ```
/// use accord::suggest::closest;
/// assert_eq!(closest("notcie", ["notice", "form", "by"]), Some("notice"));
/// assert_eq!(closest("xyz", ["notice", "form"]), None);
/// ```
pub fn closest<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let input_lower = input.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (distance(&input_lower, &c.to_lowercase()), c))
        .filter(|(d, c)| *d <= (input.chars().count().max(c.chars().count()) / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance over characters.
pub fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == *cb { prev } else { 1 + prev.min(cur).min(row[j]) };
            prev = cur;
        }
    }
    row[b.len()]
}

/// ` (did you mean `x`?)`-style help text, or `None`.
pub fn did_you_mean<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    closest(input, candidates).map(|c| format!("did you mean `{c}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("same", "same"), 0);
    }

    #[test]
    fn suggestions_prefer_the_nearest_and_ignore_case() {
        assert_eq!(closest("IOM", ["iom", "eco"]), Some("iom"));
        assert_eq!(
            closest("unhcr-iom-1998", ["unhcr-iom-1997", "eco-iom-2009"]),
            Some("unhcr-iom-1997")
        );
        assert_eq!(closest("a", ["b"]), Some("b"));
        assert_eq!(closest("ab", ["xyz"]), None);
    }
}
