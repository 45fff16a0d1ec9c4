//! Taking a key out of a file's text so that parsing can go on past it: the parser
//! stops at the first unknown key, but a user wants every one at once. The key and its
//! value are blanked (a block entry is commented out, a flow entry replaced by spaces),
//! so that every other line and column stays where it was and the next diagnostics
//! point at the original text.

/// The text with the entry whose key starts at `line`:`column` (1-based, columns in
/// characters) taken out, or `None` if there is no such position.
///
/// ```text
/// a: 1                      a: 1
/// modalty: shall    →       #modalty: shall
/// b: {x: 1, y: 2}           b: {x: 1, y: 2}
/// ```
pub(crate) fn excise(text: &str, line: usize, column: usize) -> Option<String> {
    let mut lines: Vec<String> = text.split_inclusive('\n').map(str::to_string).collect();
    let target = lines.get(line.checked_sub(1)?)?.clone();
    let start = target.char_indices().nth(column.checked_sub(1)?).map(|(i, _)| i)?;
    let before = target[..start].trim_end();
    // What is taken out; an anchor in it may be used further down, and taking it out
    // would turn a misspelt key into a string of confusing alias errors.
    let mut removed = String::new();
    if before.ends_with('{') || before.ends_with(',') {
        let (blanked, taken) = blank_flow_entry(&target, start, before.ends_with(','));
        lines[line - 1] = blanked;
        removed.push_str(&taken);
    } else {
        let indent = target[..start].chars().count();
        lines[line - 1] = format!("{}#{}", &target[..start], &target[start..]);
        removed.push_str(&target[start..]);
        for l in lines.iter_mut().skip(line) {
            let content = l.trim_start_matches([' ', '\t']);
            let body = content.trim_end_matches(['\r', '\n']);
            if body.is_empty() || body.starts_with('#') {
                continue;
            }
            let depth = l.len() - content.len();
            if depth <= indent {
                break;
            }
            removed.push_str(content);
            *l = format!("{}#{}", &l[..depth], content);
        }
    }
    if removed.lines().any(has_anchor) {
        return None;
    }
    let out = lines.concat();
    // Nothing left to parse: the next error would say nothing about the file.
    out.lines()
        .any(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .then_some(out)
}

/// Whether a line defines a YAML anchor (`&name` after a space or an indicator, not the
/// `&` of "R&D").
fn has_anchor(line: &str) -> bool {
    let chars: Vec<char> = line.chars().collect();
    chars
        .windows(3)
        .any(|w| (w[0].is_whitespace() || "[{,:-".contains(w[0])) && w[1] == '&' && w[2].is_alphanumeric())
        || chars.first() == Some(&'&')
}

/// A flow mapping entry (`key: value`) replaced by spaces up to the next `,` or `}` at
/// its own depth, with the comma that separates it from its neighbours; and the text
/// taken out.
fn blank_flow_entry(line: &str, start: usize, after_comma: bool) -> (String, String) {
    let bytes: Vec<char> = line[start..].chars().collect();
    let mut depth = 0i32;
    let mut quote: Option<char> = None;
    let mut end = bytes.len();
    let mut drop_comma = false;
    for (i, c) in bytes.iter().enumerate() {
        match (quote, c) {
            (Some(q), c) if *c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(*c),
            (None, '{' | '[') => depth += 1,
            (None, '}' | ']') if depth > 0 => depth -= 1,
            (None, '}' | ']' | '\r' | '\n' | '#') => {
                end = i;
                break;
            }
            (None, ',') if depth == 0 => {
                end = i + 1;
                drop_comma = true;
                break;
            }
            _ => {}
        }
    }
    let removed: String = bytes[..end].iter().collect();
    let mut head = line[..start].to_string();
    if !drop_comma && after_comma {
        // The last entry: its separating comma goes with it.
        if let Some(i) = head.rfind(',') {
            head.replace_range(i..=i, " ");
        }
    }
    let blanks = " ".repeat(removed.chars().count());
    let out = format!("{head}{blanks}{}", &line[start + removed.len()..]);
    (out, removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_entry_and_its_value_are_commented_out() {
        let text = "a: 1\nmodalty:\n  nested: 2\n\n  more: 3\nb: 4\n";
        assert_eq!(
            excise(text, 2, 1).unwrap(),
            "a: 1\n#modalty:\n  #nested: 2\n\n  #more: 3\nb: 4\n"
        );
    }

    #[test]
    fn a_key_in_a_list_item_keeps_its_siblings() {
        let text = "obligations:\n  - modalty: shall\n    id: x\n";
        assert_eq!(
            excise(text, 2, 5).unwrap(),
            "obligations:\n  - #modalty: shall\n    id: x\n"
        );
    }

    #[test]
    fn flow_entries_are_blanked_with_their_comma() {
        let line = "p: {name: A, titel: \"B, C\", x: 1}\n";
        let out = excise(line, 1, 14).unwrap();
        assert_eq!(out, "p: {name: A,                x: 1}\n");
        assert_eq!(out.len(), line.len());
        let last = excise("p: {name: A, titel: B}\n", 1, 14).unwrap();
        assert_eq!(last, "p: {name: A          }\n");
        let first = excise("p: {titel: B, name: A}\n", 1, 5).unwrap();
        assert_eq!(first, "p: {          name: A}\n");
    }

    #[test]
    fn an_entry_with_an_anchor_stays() {
        assert_eq!(excise("a0: &a0 [x]\nb: *a0\n", 1, 1), None);
        assert_eq!(excise("a0:\n  x: &x 1\nb: *x\n", 1, 1), None);
        // The anchor is on the line but outside the entry taken out.
        assert_eq!(
            excise("a: &a {n: 1, nn: 2}\nb: *a\n", 1, 14).unwrap(),
            "a: &a {n: 1       }\nb: *a\n"
        );
        assert!(excise("note: R&D office\nb: 1\n", 1, 1).is_some());
    }

    #[test]
    fn no_such_position() {
        assert_eq!(excise("a: 1\n", 3, 1), None);
        assert_eq!(excise("a: 1\n", 1, 40), None);
    }
}
