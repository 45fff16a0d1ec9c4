//! Small lexical tools the importer's rules share: whole-word search, number words
//! and ordinals, ids, and the
//! reading text of a passage (Markdown emphasis and struck-out words removed).

use super::source::Text;

/// Whether `c` can be part of a word (letters, digits, apostrophes inside words).
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Byte offsets of every whole-word, case-insensitive occurrence of `needle` in `hay`.
/// `needle` may hold several words; its spaces match any run of whitespace.
pub(crate) fn find_words(hay: &str, needle: &str) -> Vec<usize> {
    let needle_words: Vec<&str> = needle.split_whitespace().collect();
    if needle_words.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let lower = hay.to_lowercase();
    // Lower-casing can change byte lengths; fall back to a char-wise scan then.
    if lower.len() != hay.len() {
        return find_words_slow(hay, &needle_words);
    }
    let first = needle_words[0].to_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find(&first) {
        let at = from + i;
        from = at + first.len().max(1);
        if at > 0 && hay[..at].chars().next_back().is_some_and(is_word_char) {
            continue;
        }
        if let Some(end) = match_rest(&lower, at, &needle_words) {
            if !hay[end..].chars().next().is_some_and(is_word_char) {
                out.push(at);
            }
        }
    }
    out
}

fn match_rest(lower: &str, at: usize, words: &[&str]) -> Option<usize> {
    let mut pos = at;
    for (k, w) in words.iter().enumerate() {
        if k > 0 {
            let skipped = lower[pos..].len() - lower[pos..].trim_start().len();
            if skipped == 0 {
                return None;
            }
            pos += skipped;
        }
        let w = w.to_lowercase();
        if !lower[pos..].starts_with(&w) {
            return None;
        }
        pos += w.len();
    }
    Some(pos)
}

fn find_words_slow(hay: &str, words: &[&str]) -> Vec<usize> {
    let joined = words.join(" ").to_lowercase();
    let mut out = Vec::new();
    for (at, _) in hay.char_indices() {
        if at > 0 && hay[..at].chars().next_back().is_some_and(is_word_char) {
            continue;
        }
        let rest: String = hay[at..].chars().take(joined.chars().count() + 1).collect();
        let rest_l = crate::import::source::collapse_spaces(&rest.to_lowercase());
        if rest_l.starts_with(&joined) && !rest_l[joined.len()..].chars().next().is_some_and(is_word_char) {
            out.push(at);
        }
    }
    out
}

/// The first whole-word occurrence of any of `needles`: (offset, needle index).
pub(crate) fn find_any(hay: &str, needles: &[&str]) -> Option<(usize, usize)> {
    needles
        .iter()
        .enumerate()
        .filter_map(|(k, n)| find_words(hay, n).first().map(|&at| (at, k)))
        .min()
}

/// Whether `hay` holds any of `needles` as whole words.
pub(crate) fn has_any(hay: &str, needles: &[&str]) -> bool {
    needles.iter().any(|n| !find_words(hay, n).is_empty())
}

/// The words of `s` with their byte offsets (letters, digits, and inner `-`/`'`).
pub(crate) fn tokens(s: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let inner = (c == '-' || c == '\'' || c == '’')
            && start.is_some()
            && chars.get(k + 1).is_some_and(|&(_, n)| n.is_alphanumeric());
        if c.is_alphanumeric() || inner {
            start.get_or_insert(i);
        } else if let Some(st) = start.take() {
            out.push((st, &s[st..i]));
        }
    }
    if let Some(st) = start {
        out.push((st, &s[st..]));
    }
    out
}

const UNITS: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 10] = [
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];
const ORDINAL_UNITS: [&str; 20] = [
    "zeroth",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
];
const ORDINAL_TENS: [&str; 10] = [
    "",
    "",
    "twentieth",
    "thirtieth",
    "fortieth",
    "fiftieth",
    "sixtieth",
    "seventieth",
    "eightieth",
    "ninetieth",
];

/// A cardinal number written in digits or English words ("six", "ninety", "twenty-four").
pub(crate) fn cardinal(word: &str) -> Option<u32> {
    let w = word.to_lowercase();
    if !w.is_empty() && w.len() <= 4 && w.chars().all(|c| c.is_ascii_digit()) {
        return w.parse().ok();
    }
    if let Some(n) = UNITS.iter().position(|u| *u == w) {
        return Some(n as u32);
    }
    if let Some(n) = TENS.iter().position(|t| !t.is_empty() && *t == w) {
        return Some(n as u32 * 10);
    }
    let (tens, unit) = w.split_once('-')?;
    let t = TENS.iter().position(|x| !x.is_empty() && *x == tens)?;
    let u = UNITS[1..10].iter().position(|x| *x == unit)? + 1;
    Some((t * 10 + u) as u32)
}

/// An ordinal in words or digits ("thirtieth", "30th", "1st", "twenty-first").
pub(crate) fn ordinal(word: &str) -> Option<u32> {
    let w = word.to_lowercase();
    for suffix in ["st", "nd", "rd", "th", "er", "e", "º", "°"] {
        if let Some(d) = w.strip_suffix(suffix) {
            if !d.is_empty() && d.len() <= 3 && d.chars().all(|c| c.is_ascii_digit()) {
                return d.parse().ok();
            }
        }
    }
    if let Some(n) = ORDINAL_UNITS.iter().position(|u| *u == w) {
        return Some(n as u32);
    }
    if let Some(n) = ORDINAL_TENS.iter().position(|t| !t.is_empty() && *t == w) {
        return Some(n as u32 * 10);
    }
    let (tens, unit) = w.split_once('-')?;
    let t = TENS.iter().position(|x| !x.is_empty() && *x == tens)?;
    let u = ORDINAL_UNITS[1..10].iter().position(|x| *x == unit)? + 1;
    Some((t * 10 + u) as u32)
}

/// `s` with its first letter in upper case.
pub(crate) fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Whether the letters of `s` are all capitals (and there are at least two).
pub(crate) fn is_caps(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
}

/// An id of lowercase letters, digits and hyphens made from `s` ("" if nothing is left).
pub(crate) fn kebab(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        let c = fold_accent(c);
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

fn fold_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        _ => c,
    }
}

/// The reading text of a passage: words struck out (`~~…~~`) removed, emphasis
/// markers (`**`, `*`) dropped. Positions are kept for what remains.
pub(crate) fn reading(t: &Text) -> Text {
    let s = t.as_str();
    let mut drop = vec![false; s.len()];
    let mut i = 0;
    while let Some(k) = s[i..].find("~~") {
        let open = i + k;
        match s[open + 2..].find("~~") {
            Some(m) => {
                let close = open + 2 + m + 2;
                drop[open..close].iter_mut().for_each(|d| *d = true);
                i = close;
            }
            None => {
                drop[open..open + 2].iter_mut().for_each(|d| *d = true);
                break;
            }
        }
    }
    for (k, b) in s.bytes().enumerate() {
        if b == b'*' {
            drop[k] = true;
        }
    }
    let stripped = t.filter(|at, _| !drop[at]);
    squeeze(&stripped)
}

/// Runs of spaces reduced to one (positions of the first kept), ends trimmed.
pub(crate) fn squeeze(t: &Text) -> Text {
    let mut prev_space = true;
    let out = t.filter(|_, c| {
        let space = c.is_whitespace();
        let keep = !(space && prev_space);
        prev_space = space;
        keep
    });
    out.trim()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::source::Pos;

    fn t(s: &str) -> Text {
        let mut x = Text::new();
        for (i, c) in s.chars().enumerate() {
            x.push(
                c,
                Pos {
                    line: 1,
                    column: i as u32 + 1,
                },
            );
        }
        x
    }

    #[test]
    fn whole_words_only() {
        assert_eq!(find_words("Either Party may terminate", "party"), vec![7]);
        assert!(find_words("the parties", "party").is_empty());
        assert_eq!(find_words("six  months'\nnotice", "months notice").len(), 0);
        assert_eq!(find_words("agreed as\n follows", "agreed as follows"), vec![0]);
    }

    #[test]
    fn numbers_in_words_and_digits() {
        assert_eq!(cardinal("six"), Some(6));
        assert_eq!(cardinal("Ninety"), Some(90));
        assert_eq!(cardinal("twenty-four"), Some(24));
        assert_eq!(cardinal("30"), Some(30));
        assert_eq!(cardinal("many"), None);
        assert_eq!(ordinal("thirtieth"), Some(30));
        assert_eq!(ordinal("27th"), Some(27));
        assert_eq!(ordinal("1er"), Some(1));
        assert_eq!(ordinal("twenty-first"), Some(21));
    }

    #[test]
    fn capitals() {
        assert!(is_caps("ARTICLE IX"));
        assert!(!is_caps("Article IX"));
        assert_eq!(capitalise("élan"), "Élan");
    }

    #[test]
    fn ids_are_kebab_case() {
        assert_eq!(
            kebab("Executive Committee of the CIS"),
            "executive-committee-of-the-cis"
        );
        assert_eq!(kebab("i-on"), "i-on");
        assert_eq!(kebab("Comité"), "comite");
    }

    #[test]
    fn reading_text_drops_marks_and_struck_words() {
        let r = reading(&t("as ~~the~~ **an** organization *inter alia*"));
        assert_eq!(r.as_str(), "as an organization inter alia");
        let at = r.as_str().find("an").unwrap();
        assert_eq!(r.pos_at(at).column, 14);
    }

    #[test]
    fn tokens_keep_inner_hyphens() {
        let toks: Vec<&str> = tokens("i-on's Secretary-General, (30)")
            .into_iter()
            .map(|(_, w)| w)
            .collect();
        assert_eq!(toks, vec!["i-on's", "Secretary-General", "30"]);
    }
}
