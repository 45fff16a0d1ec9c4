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
    let mut out = Vec::new();
    each_unit(text, |unit| out.push(unit));
    out
}

/// Calls `f` on each of the [`units`] of `text`, in order, without collecting them.
pub(super) fn each_unit<'a>(text: &'a str, mut f: impl FnMut(&'a str)) {
    // The unit being built: where it starts and ends; it is handed on once the next
    // word is known not to be glued to it.
    let mut current: Option<(usize, usize)> = None;
    let (mut offset, mut glue) = (0, false);
    for word in text.split(' ') {
        let end = offset + word.len();
        if !word.is_empty() {
            current = match current {
                Some((start, _)) if glue => Some((start, end)),
                Some((start, stop)) => {
                    f(&text[start..stop]);
                    Some((offset, end))
                }
                None => Some((offset, end)),
            };
            glue = GLUED.contains(&word.trim_start_matches(['(', '[']));
        }
        offset = end + 1;
    }
    if let Some((start, stop)) = current {
        f(&text[start..stop]);
    }
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
        assert_eq!(units("  Art.  5 and para"), ["Art.  5", "and", "para"]);
        assert_eq!(units("para"), ["para"]);
        assert!(units("").is_empty() && units("   ").is_empty());
    }
}
