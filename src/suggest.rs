//! "Did you mean …?": the closest known name to a misspelt one.

/// The candidate closest to `input` by edit distance, if close enough to be a typo
/// (at most a third of the longer word, and at least one edit allowed).
pub(crate) fn closest<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let input_lower = input.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (distance(&input_lower, &c.to_lowercase()), c))
        .filter(|(d, c)| *d <= (input.chars().count().max(c.chars().count()) / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Edit distance over characters, counting a swap of two neighbours as one edit
/// (optimal string alignment), so that "unchr" is one edit from "unhcr".
pub(crate) fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

/// The command meant by a mistyped one: the nearest by edit distance, counting two
/// words made of the same letters but one as one edit apart ("dew" and "due"), and at
/// equal distance the first of `commands` (list the read-only ones first, so that a
/// typo never suggests a command that writes when one that reads is as close).
pub(crate) fn command<'a>(input: &str, commands: &[&'a str]) -> Option<&'a str> {
    let input = input.to_lowercase();
    commands
        .iter()
        .map(|c| (distance(&input, c).min(letters_apart(&input, c)), *c))
        .filter(|(d, c)| *d <= (input.chars().count().max(c.chars().count()) / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// How many letters one word has that the other lacks (the larger of the two counts),
/// whatever their order.
fn letters_apart(a: &str, b: &str) -> usize {
    let mut only_a: Vec<char> = a.chars().collect();
    let mut only_b = Vec::new();
    for ch in b.chars() {
        match only_a.iter().position(|c| *c == ch) {
            Some(i) => {
                only_a.swap_remove(i);
            }
            None => only_b.push(ch),
        }
    }
    only_a.len().max(only_b.len())
}

/// ` (did you mean `x`?)`-style help text, or `None`.
pub(crate) fn did_you_mean<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
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
        assert_eq!(distance("unchr", "unhcr"), 1);
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

    #[test]
    fn a_mistyped_command_suggests_the_reading_one_first() {
        let commands = ["due", "list", "show", "status", "new", "record"];
        assert_eq!(command("dew", &commands), Some("due"));
        assert_eq!(command("lsit", &commands), Some("list"));
        assert_eq!(command("nwe", &commands), Some("new"));
        assert_eq!(command("recrod", &commands), Some("record"));
        assert_eq!(command("xyz", &commands), None);
    }

    #[test]
    fn closest_is_a_typo_away() {
        assert_eq!(closest("notcie", ["notice", "form", "by"]), Some("notice"));
        assert_eq!(closest("xyz", ["notice", "form"]), None);
    }
}
