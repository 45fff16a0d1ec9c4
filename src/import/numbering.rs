//! Numbering schemes: the labels that open a paragraph or a list item (`1.`, `4,` as
//! scanned, `1.1.`, `1.1`, `(a)`, `a)`, `(iv)`, `i.`), Roman numerals (with the
//! scanning confusions `l`/`1`/`f` for `i`, accepted only where the sequence expects
//! that numeral), and the sequence of paragraph numbers. Heading lines are read by
//! [`super::headings`].

/// A label at the start of a line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Label {
    /// The label as written, without brackets or final dot ("1", "1.1", "i1", "V").
    pub raw: String,
    /// How it is wrapped.
    pub wrap: Wrap,
    /// Bytes from the start of the line to the text after the label.
    pub len: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Wrap {
    /// `1.`, `1.1.`
    Dot,
    /// `1.1` with no final dot
    Bare,
    /// `1,` as a scanner may read `1.`
    Comma,
    /// `a)`
    Paren,
    /// `(a)`
    Brackets,
}

/// The value of a Roman numeral (either case), if `s` is one (1 to 3999).
pub(crate) fn roman_value(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 12 {
        return None;
    }
    let digit = |c: char| match c.to_ascii_uppercase() {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        'C' => Some(100),
        'D' => Some(500),
        'M' => Some(1000),
        _ => None,
    };
    let lower = s.chars().all(|c| c.is_ascii_lowercase());
    let upper = s.chars().all(|c| c.is_ascii_uppercase());
    if !lower && !upper {
        return None;
    }
    let values: Vec<u32> = s.chars().map(digit).collect::<Option<_>>()?;
    let mut total = 0;
    for (k, v) in values.iter().enumerate() {
        if values.get(k + 1).is_some_and(|n| n > v) {
            total -= *v as i64;
        } else {
            total += *v as i64;
        }
    }
    let n = u32::try_from(total).ok().filter(|n| (1..4000).contains(n))?;
    // Only canonical spellings: "IIII" or "IC" are not numerals.
    (to_roman(n, upper) == s).then_some(n)
}

/// `n` as a Roman numeral.
pub(crate) fn to_roman(mut n: u32, upper: bool) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut out = String::new();
    for (v, s) in TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    if upper {
        out.to_uppercase()
    } else {
        out
    }
}

/// Whether `raw` can be the numeral `expected` as a scanner misread it: case aside,
/// `l`, `1` and `f` for `i`, `I` for `l`.
pub(crate) fn misread_as(raw: &str, expected: &str) -> bool {
    if raw.len() != expected.len() || raw == expected {
        return false;
    }
    raw.chars().zip(expected.chars()).all(|(r, e)| {
        let e = e.to_ascii_lowercase();
        let r = r.to_ascii_lowercase();
        r == e || (e == 'i' && matches!(r, 'l' | '1' | 'f' | '!' | 'j')) || (e == 'l' && r == 'i')
    })
}

/// The label that opens `s`, if any.
pub(crate) fn label_at_start(s: &str) -> Option<Label> {
    let first = s.chars().next()?;
    if first == '(' {
        let close = s[..s.len().min(8)].find(')')?;
        let raw = &s[1..close];
        if !plausible_token(raw) || !followed_by_text(&s[close + 1..], true) {
            return None;
        }
        return Some(Label {
            raw: raw.to_string(),
            wrap: Wrap::Brackets,
            len: close + 1 + spaces(&s[close + 1..]),
        });
    }
    let end = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.'))
        .unwrap_or(s.len());
    let head = &s[..end];
    if let Some(l) = dotted(s, head) {
        return Some(l);
    }
    let token_end = s.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(s.len());
    let raw = &s[..token_end];
    if !plausible_token(raw) {
        return None;
    }
    let after = &s[token_end..];
    let (wrap, mark) = match after.chars().next()? {
        '.' => (Wrap::Dot, 1),
        ')' => (Wrap::Paren, 1),
        ',' if raw.chars().all(|c| c.is_ascii_digit()) => (Wrap::Comma, 1),
        _ => return None,
    };
    let rest = &after[mark..];
    // "a." must be followed by a space ("e.g." is not a label); digits may run on.
    let tight_ok = raw.chars().all(|c| c.is_ascii_digit()) && wrap == Wrap::Dot;
    if !followed_by_text(rest, !tight_ok) {
        return None;
    }
    Some(Label {
        raw: raw.to_string(),
        wrap,
        len: token_end + mark + spaces(rest),
    })
}

/// `1.1`, `1.1.`, `2.3.1` followed by text ("1.1.to facilitate" as extracted).
fn dotted(s: &str, head: &str) -> Option<Label> {
    let trimmed = head.trim_end_matches('.');
    let parts: Vec<&str> = trimmed.split('.').collect();
    if parts.len() < 2
        || parts
            .iter()
            .any(|p| p.is_empty() || p.len() > 3 || !p.chars().all(|c| c.is_ascii_digit()))
    {
        // "1.1.to": the text runs on after the final dot.
        let k = head.rfind('.')?;
        let (num, run) = (&head[..k], &head[k + 1..]);
        let ps: Vec<&str> = num.split('.').collect();
        let ok = ps.len() >= 2
            && ps
                .iter()
                .all(|p| !p.is_empty() && p.len() <= 3 && p.chars().all(|c| c.is_ascii_digit()))
            && run.chars().next().is_some_and(|c| c.is_alphabetic());
        return ok.then(|| Label {
            raw: num.to_string(),
            wrap: Wrap::Dot,
            len: k + 1,
        });
    }
    let rest = &s[head.len()..];
    if !followed_by_text(rest, true) {
        return None;
    }
    Some(Label {
        raw: trimmed.to_string(),
        wrap: if head.ends_with('.') { Wrap::Dot } else { Wrap::Bare },
        len: head.len() + spaces(rest),
    })
}

fn spaces(s: &str) -> usize {
    s.len() - s.trim_start().len()
}

/// A space then text, or the end of the line (a label alone on its line).
fn followed_by_text(rest: &str, need_space: bool) -> bool {
    rest.is_empty() || rest.starts_with(' ') || (!need_space && rest.chars().next().is_some_and(|c| c.is_alphabetic()))
}

/// Digits (up to 3), one letter, a Roman numeral, or a scanned Roman numeral.
fn plausible_token(raw: &str) -> bool {
    if raw.is_empty() || raw.len() > 6 {
        return false;
    }
    if raw.chars().all(|c| c.is_ascii_digit()) {
        return raw.len() <= 3;
    }
    if raw.len() == 1 {
        return raw.chars().all(|c| c.is_ascii_alphabetic());
    }
    roman_value(raw).is_some()
        || (raw
            .chars()
            .all(|c| matches!(c.to_ascii_lowercase(), 'i' | 'v' | 'x' | 'l' | '1' | 'f'))
            && raw.chars().any(|c| c.is_ascii_alphabetic()))
}

/// The label that follows `prev` in a paragraph numbering (`4` → `5` or `4.1`;
/// `1.6` → `1.7`, `2` or `1.6.1`).
pub(crate) fn next_numbers(prev: &str) -> Vec<String> {
    let parts: Vec<u32> = prev.split('.').filter_map(|p| p.parse().ok()).collect();
    if parts.is_empty() {
        return vec!["1".to_string()];
    }
    let join = |v: &[u32]| v.iter().map(u32::to_string).collect::<Vec<_>>().join(".");
    let mut out = Vec::new();
    for depth in (1..=parts.len()).rev() {
        let mut v = parts[..depth].to_vec();
        // A number at u32::MAX has no successor in the text either.
        let Some(next) = v[depth - 1].checked_add(1) else {
            continue;
        };
        v[depth - 1] = next;
        out.push(join(&v));
    }
    let mut child = parts.clone();
    child.push(1);
    out.push(join(&child));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(s: &str) -> Option<(String, Wrap, usize)> {
        label_at_start(s).map(|l| (l.raw, l.wrap, l.len))
    }

    #[test]
    fn labels_of_every_scheme() {
        assert_eq!(label("1. ECO and IOM"), Some(("1".into(), Wrap::Dot, 3)));
        assert_eq!(label("4, This MOU"), Some(("4".into(), Wrap::Comma, 3)));
        assert_eq!(label("1.1.to facilitate"), Some(("1.1".into(), Wrap::Dot, 4)));
        assert_eq!(label("2.3 The Parties"), Some(("2.3".into(), Wrap::Bare, 4)));
        assert_eq!(label("2.3. The Parties"), Some(("2.3".into(), Wrap::Dot, 5)));
        assert_eq!(label("(a) the premises"), Some(("a".into(), Wrap::Brackets, 4)));
        assert_eq!(label("b) the arrival"), Some(("b".into(), Wrap::Paren, 3)));
        assert_eq!(label("(i1) migrants;"), Some(("i1".into(), Wrap::Brackets, 5)));
        assert_eq!(label("iv. Raise awareness"), Some(("iv".into(), Wrap::Dot, 4)));
        assert_eq!(label("1."), Some(("1".into(), Wrap::Dot, 2)));
        assert_eq!(label("e.g. this"), None);
        assert_eq!(label("1989. UNHCR"), None);
        assert_eq!(label("(including the Network)"), None);
        assert_eq!(label("In 1997,"), None);
    }

    #[test]
    fn roman_numerals_and_misreadings() {
        assert_eq!(roman_value("IX"), Some(9));
        assert_eq!(roman_value("xiv"), Some(14));
        assert_eq!(roman_value("IIII"), None);
        assert_eq!(roman_value("Iv"), None);
        assert_eq!(to_roman(47, true), "XLVII");
        assert!(misread_as("i1", "ii"));
        assert!(misread_as("if", "ii"));
        assert!(misread_as("V", "v"));
        assert!(!misread_as("vi", "ii"));
    }

    #[test]
    fn paragraph_sequences() {
        assert_eq!(next_numbers("4"), vec!["5", "4.1"]);
        assert_eq!(next_numbers("1.6"), vec!["1.7", "2", "1.6.1"]);
        // No overflow on a number as large as the text may write (debug builds panic).
        assert_eq!(next_numbers("4294967295"), vec!["4294967295.1"]);
        assert_eq!(next_numbers("2.4294967295"), vec!["3", "2.4294967295.1"]);
    }
}
