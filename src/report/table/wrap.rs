//! Breaking free text into lines: at spaces only, never after an abbreviation that
//! introduces a number ("Art. 17(1)"), never inside a word.

use super::layout::width;

/// Abbreviations never left at the end of a line: "Art. 17(1)" stays together.
const GLUED: [&str; 10] = [
    "Art.", "art.", "Arts.", "arts.", "para", "paras", "No.", "Reg.", "cl.", "§",
];

/// The units a line may break between: words, an abbreviation that introduces a number
/// joined to it ("Art. 17(1)").
pub(super) fn units(text: &str) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    let (mut offset, mut start, mut glue) = (0, 0, false);
    for word in text.split(' ') {
        let end = offset + word.len();
        if !word.is_empty() {
            if glue {
                out.pop();
            } else {
                start = offset;
            }
            out.push(&text[start..end]);
            glue = GLUED.contains(&word.trim_start_matches(['(', '[']));
        }
        offset = end + 1;
    }
    out
}

/// `text` in lines of at most `limit` columns, broken between [`units`] only (a unit
/// longer than the limit stands on its own line).
pub(super) fn wrap_text(text: &str, limit: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    for unit in units(text) {
        if !current.is_empty() && width(&current) + 1 + width(unit) > limit {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(unit);
    }
    if !current.is_empty() || lines.is_empty() {
        lines.push(current);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_breaks_at_spaces_only() {
        assert_eq!(wrap_text("a bb ccc dddd", 6), ["a bb", "ccc", "dddd"]);
        assert_eq!(wrap_text("implementation of", 5), ["implementation", "of"]);
        assert_eq!(wrap_text("", 5), [""]);
        assert_eq!(wrap_text("signature (Art. 17(1))", 15), ["signature", "(Art. 17(1))"]);
        assert_eq!(wrap_text("in para 47 it", 6), ["in", "para 47", "it"]);
        assert_eq!(units("a (Art. 2) b"), ["a", "(Art. 2)", "b"]);
    }
}
