//! Lines into paragraphs: joins the lines of a paragraph (repairing words hyphenated at
//! a line end), joins a paragraph split by a page break (a blank gap after words that
//! do not end a sentence, before a word in lower case), and opens a new block at each
//! label (`1.`, `(a)`, `(iv)`), writing scanned labels (`4,`, `(i1)`, `(V)` in a
//! lower-case list) as the sequence requires.

use super::clean::{Fix, Line};
use super::numbering::{label_at_start, misread_as, roman_value, to_roman, Label, Wrap};
use super::source::Text;
use super::words::find_words;

/// A paragraph or a list item.
#[derive(Clone, Debug, Default)]
pub(crate) struct Block {
    /// The label as it is written in the article text ("1.", "(ii)", "i."), if any.
    pub label: Option<String>,
    /// The paragraph number the block belongs to, for references ("1" in "Art. 3(1)").
    pub para: Option<String>,
    /// The text after the label, lines joined, Markdown emphasis kept.
    pub text: Text,
    /// A list item (letters or Roman numerals) rather than a numbered paragraph.
    pub item: bool,
}

/// Whether a passage ends a sentence or a list entry.
pub(crate) fn ends_sentence(s: &str) -> bool {
    let s = s.trim_end_matches(['*', '~', '"', '”', '’', ')', ' ']);
    s.ends_with(['.', ';', ':', '?', '!'])
}

/// Builds the blocks of `lines` (a unit's lines, its heading and title excluded).
/// `all` holds the whole text's lines, to decide how to repair hyphenated words.
pub(crate) fn blocks(lines: &[Line], all: &[Line], fixes: &mut Vec<Fix>) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut gap = false;
    let mut para: Option<String> = None;
    for line in lines {
        let s = line.text.as_str();
        if s.is_empty() {
            gap = true;
            continue;
        }
        let label = label_at_start(s).filter(|l| fits(s, l, &out, gap));
        if let Some(l) = label {
            let (written, number) = write_label(&l, &out, line.no, fixes);
            let item = !number.chars().all(|c| c.is_ascii_digit() || c == '.');
            if !item {
                para = Some(number.clone());
            }
            out.push(Block {
                label: Some(written),
                para: para.clone(),
                text: line.text.slice(l.len..s.len()).trim(),
                item,
            });
            gap = false;
            continue;
        }
        let continues = out
            .last()
            .is_some_and(|b| b.text.is_empty() || !gap || (!ends_sentence(b.text.as_str()) && starts_lower(s)));
        match out.last_mut() {
            Some(b) if continues => join(&mut b.text, &line.text, all),
            _ => out.push(Block {
                label: None,
                para: para.clone(),
                text: line.text.clone(),
                item: false,
            }),
        }
        gap = false;
    }
    out
}

fn starts_lower(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_lowercase())
}

/// Whether a label at a line start opens a block here: after a gap or a finished
/// sentence always; inside a running sentence only if it continues the numbering.
fn fits(s: &str, l: &Label, out: &[Block], gap: bool) -> bool {
    let Some(prev) = out.last() else { return true };
    if gap || ends_sentence(prev.text.as_str()) || prev.text.is_empty() {
        return true;
    }
    let digits = l.raw.chars().all(|c| c.is_ascii_digit());
    let next = prev
        .para
        .as_deref()
        .and_then(|p| p.parse::<u32>().ok())
        .map(|p| (p + 1).to_string());
    let text_after = &s[l.len.min(s.len())..];
    digits && next.as_deref() == Some(l.raw.as_str()) && text_after.chars().next().is_some_and(|c| c.is_uppercase())
}

/// The label as the article text should show it, and its number; repairs what a
/// scanner misread when the sequence shows what it must be.
fn write_label(l: &Label, out: &[Block], line: u32, fixes: &mut Vec<Fix>) -> (String, String) {
    let prev_item = out.iter().rev().find(|b| b.item).and_then(|b| b.label.clone());
    let mut raw = l.raw.clone();
    if let Some(expected) = prev_item.as_deref().and_then(|p| next_item(p, l.wrap)) {
        if raw != expected && misread_as(&raw, &expected) {
            fixes.push(Fix {
                line,
                from: raw.clone(),
                to: expected.clone(),
                why: "a list label the sequence shows was misread",
            });
            raw = expected;
        }
    }
    let written = match l.wrap {
        Wrap::Dot => format!("{raw}."),
        Wrap::Bare => raw.clone(),
        Wrap::Comma => {
            fixes.push(Fix {
                line,
                from: format!("{raw},"),
                to: format!("{raw}."),
                why: "a paragraph number read with a comma",
            });
            format!("{raw}.")
        }
        Wrap::Paren => format!("{raw})"),
        Wrap::Brackets => format!("({raw})"),
    };
    (written, raw)
}

/// The label that follows a list label written `prev` ("(i)" → "ii", "b)" → "c").
fn next_item(prev: &str, wrap: Wrap) -> Option<String> {
    let core = prev.trim_matches(['(', ')', '.']);
    let lower = core.chars().all(|c| c.is_ascii_lowercase());
    if let Some(n) = roman_value(core).filter(|_| core.len() > 1 || core == "i" || core == "I") {
        return Some(to_roman(n + 1, !lower));
    }
    let _ = wrap;
    let c = core.chars().next()?;
    (core.len() == 1 && c.is_ascii_alphabetic() && c != 'z' && c != 'Z')
        .then(|| ((c as u8) + 1) as char)
        .map(String::from)
}

/// Appends a line to a paragraph: a word hyphenated at the line end is rejoined
/// (without the hyphen, unless the text writes the word with one elsewhere).
pub(crate) fn join(text: &mut Text, next: &Text, all: &[Line]) {
    let s = text.as_str();
    let n = next.as_str();
    let hyphenated = s.ends_with('-')
        && s[..s.len() - 1].chars().next_back().is_some_and(|c| c.is_alphabetic())
        && !s.ends_with("--")
        && n.chars().next().is_some_and(|c| c.is_lowercase());
    if !hyphenated {
        text.join_line(next);
        return;
    }
    let head_start = s[..s.len() - 1]
        .rfind(|c: char| !c.is_alphabetic())
        .map_or(0, |k| k + s[k..].chars().next().map_or(1, char::len_utf8));
    let head = &s[head_start..s.len() - 1];
    let tail_end = n.find(|c: char| !c.is_alphabetic()).unwrap_or(n.len());
    let tail = &n[..tail_end];
    let with_hyphen = format!("{head}-{tail}");
    let keep = all
        .iter()
        .any(|l| !find_words(l.text.as_str(), &with_hyphen).is_empty());
    if keep {
        text.append(next);
    } else {
        let cut = text.slice(0..s.len() - 1);
        *text = cut;
        text.append(next);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::clean::clean;

    type Got = Vec<(Option<String>, Option<String>, String)>;

    fn run(s: &str) -> (Got, Vec<Fix>) {
        let c = clean(s);
        let mut fixes = Vec::new();
        let b = blocks(&c.lines, &c.lines, &mut fixes);
        (
            b.into_iter()
                .map(|b| (b.label, b.para, b.text.as_str().to_string()))
                .collect(),
            fixes,
        )
    }

    #[test]
    fn numbered_paragraphs_and_list_items() {
        let (b, _) = run("1.\nThe Parties agree:\ni. to meet;\nii. to report.\n2. The Parties shall\nconsult.\n");
        assert_eq!(
            b,
            vec![
                (Some("1.".into()), Some("1".into()), "The Parties agree:".into()),
                (Some("i.".into()), Some("1".into()), "to meet;".into()),
                (Some("ii.".into()), Some("1".into()), "to report.".into()),
                (Some("2.".into()), Some("2".into()), "The Parties shall consult.".into()),
            ]
        );
    }

    #[test]
    fn page_breaks_inside_a_sentence_are_joined() {
        let (b, _) = run("7. UNHCR is mandated to provide\n\n\n\nor other circumstances.\n\nA new paragraph.\n");
        assert_eq!(b.len(), 2);
        assert_eq!(b[0].2, "UNHCR is mandated to provide or other circumstances.");
    }

    #[test]
    fn scanned_labels_follow_the_sequence() {
        let (b, fixes) =
            run("4, This covers:\n(i) refugees;\n\n(i1) migrants;\n\n(iii) others;\n(iv) returnees;\n\n(V) persons;\n");
        let labels: Vec<String> = b.iter().filter_map(|x| x.0.clone()).collect();
        assert_eq!(labels, vec!["4.", "(i)", "(ii)", "(iii)", "(iv)", "(v)"]);
        assert_eq!(fixes.len(), 3);
    }

    #[test]
    fn hyphenated_words_are_rejoined() {
        let (b, _) = run("The organi-\nzation and the long-\nstanding partner. A long-standing tie.\n");
        assert_eq!(
            b[0].2,
            "The organization and the long-standing partner. A long-standing tie."
        );
    }

    #[test]
    fn a_number_inside_a_sentence_is_not_a_label() {
        let (b, _) = run("1. Under paragraph\n2. of this Article the Parties shall meet.\n");
        assert_eq!(b.len(), 1);
    }
}
