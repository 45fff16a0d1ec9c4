//! Lines and brackets of a file's text: where a line starts and ends, its indentation,
//! the file's line end, where a flow collection closes, where a block node's content
//! ends, and how a value is written so that YAML reads it back unchanged.

/// The file's line end: `\r\n` if its first line ends so, else `\n`.
pub(super) fn newline(text: &str) -> &'static str {
    match text.find('\n') {
        Some(i) if i > 0 && text.as_bytes()[i - 1] == b'\r' => "\r\n",
        _ => "\n",
    }
}

/// The start of the line that holds byte `at`.
pub(super) fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// The start of the line after the one that holds byte `at` (the text's end on the last).
pub(super) fn next_line(text: &str, at: usize) -> usize {
    text[at..].find('\n').map_or(text.len(), |i| at + i + 1)
}

/// The 1-based line number of byte `at`, for messages.
pub(super) fn line_number(text: &str, at: usize) -> usize {
    text[..at].matches('\n').count() + 1
}

/// The line that starts at `start`, without its line end.
fn line_at(text: &str, start: usize) -> &str {
    let end = next_line(text, start);
    text[start..end].trim_end_matches(['\n', '\r'])
}

/// The number of spaces a line starts with.
pub(super) fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// Whether only spaces precede byte `at` on its line.
pub(super) fn starts_line(text: &str, at: usize) -> bool {
    text[line_start(text, at)..at].bytes().all(|b| b == b' ')
}

/// A line that holds no content at this level: blank, or a comment indented at most
/// `max_indent` (a deeper comment belongs to the node above it).
fn is_trailing(line: &str, max_indent: usize) -> bool {
    let t = line.trim();
    t.is_empty() || (t.starts_with('#') && indent(line) <= max_indent)
}

/// Where a block node that starts on the line at `from` ends, given that the next node
/// starts on the line at `limit`: after its last line of content. Blank lines and
/// comments indented at most `max_indent` before `limit` belong to what follows.
pub(super) fn content_end(text: &str, from: usize, limit: usize, max_indent: usize) -> usize {
    let mut end = limit;
    while end > from {
        let start = line_start(text, end - 1);
        if start < from || !is_trailing(line_at(text, start), max_indent) {
            break;
        }
        end = start;
    }
    end.max(next_line(text, from).min(limit))
}

/// Moves `at` (a line start) up over the comments directly above it that are indented at
/// most `max_indent`: comments that introduce the node at `at` stay with it. Never
/// moves above `floor`.
pub(super) fn above_comments(text: &str, mut at: usize, floor: usize, max_indent: usize) -> usize {
    while at > floor {
        let start = line_start(text, at - 1);
        let line = line_at(text, start);
        if start < floor || line.trim().is_empty() || !is_trailing(line, max_indent) {
            break;
        }
        at = start;
    }
    at
}

/// The byte after the bracket that closes the flow collection opening at `open`
/// (`[` or `{`), skipping quoted scalars and comments.
pub(super) fn flow_end(text: &str, open: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = open;
    let mut prev = b' ';
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'[' | b'{' => depth += 1,
            b']' | b'}' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            b'#' if prev.is_ascii_whitespace() => {
                i = next_line(text, i);
                prev = b'\n';
                continue;
            }
            b'"' | b'\'' if starts_scalar(bytes, i) => {
                i = quoted_end(bytes, i)?;
                prev = b;
                continue;
            }
            _ => {}
        }
        prev = b;
        i += 1;
    }
    None
}

/// A quote starts a quoted scalar only where a scalar may start: after an indicator or
/// at the start of content, not inside a plain scalar (`it's`).
fn starts_scalar(bytes: &[u8], at: usize) -> bool {
    bytes[..at]
        .iter()
        .rev()
        .find(|b| !b.is_ascii_whitespace())
        .is_none_or(|b| matches!(b, b'[' | b'{' | b',' | b':' | b'?' | b'-'))
}

/// The byte after the quoted scalar that opens at `open`.
fn quoted_end(bytes: &[u8], open: usize) -> Option<usize> {
    let q = bytes[open];
    let mut i = open + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if q == b'"' => i += 2,
            b'\'' if q == b'\'' && bytes.get(i + 1) == Some(&b'\'') => i += 2,
            b if b == q => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// Writes a scalar so that YAML reads it back as the same string: plain when that is
/// safe, else double-quoted.
pub(super) fn scalar(value: &str) -> String {
    let plain = !value.is_empty()
        && !value.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`~ ".contains(c))
        && !value.contains(": ")
        && !value.contains(" #")
        && !value.contains([',', '[', ']', '{', '}', '\n', '\r', '\t'])
        && !value.ends_with([' ', ':'])
        && !matches!(
            value.to_ascii_lowercase().as_str(),
            "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "y" | "n"
        )
        && value.parse::<f64>().is_err();
    if plain {
        value.to_string()
    } else {
        let escaped = value
            .replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace('\n', "\\n")
            .replace('\r', "\\r")
            .replace('\t', "\\t");
        format!("\"{escaped}\"")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flow_end_skips_quotes_and_comments() {
        let t = "[{a: \"]\"}, {b: 'x'']'}, {c: it's}] # [1]";
        assert_eq!(flow_end(t, 0), Some(t.find(" #").unwrap()));
        let t = "[\n  {a: 1}, # a comment ]\n  {b: 2}\n]\n";
        assert_eq!(flow_end(t, 0), Some(t.len() - 1));
        assert_eq!(flow_end("[{a: 1}", 0), None);
    }

    #[test]
    fn content_ends_before_trailing_comments_and_blank_lines() {
        let t = "events:\n  - a: 1\n    # deeper: part of the item\n\n# closing\nnotes: x\n";
        let limit = t.find("notes").unwrap();
        let from = t.find("  - a").unwrap();
        assert_eq!(&t[content_end(t, from, limit, 2)..], "\n# closing\nnotes: x\n");
        assert_eq!(
            &t[content_end(t, from, limit, 4)..],
            "    # deeper: part of the item\n\n# closing\nnotes: x\n"
        );
    }

    #[test]
    fn comments_above_a_node_stay_with_it() {
        let t = "events:\n  - a: 1\n\n  # the next one\n  - a: 2\n";
        let at = t.find("  - a: 2").unwrap();
        assert_eq!(&t[above_comments(t, at, 8, 2)..], "  # the next one\n  - a: 2\n");
    }

    #[test]
    fn values_that_yaml_would_misread_are_quoted() {
        assert_eq!(scalar("General Assembly"), "General Assembly");
        assert_eq!(scalar("no"), "\"no\"");
        assert_eq!(scalar("a: b"), "\"a: b\"");
        assert_eq!(scalar("# x"), "\"# x\"");
        assert_eq!(scalar("Paris, France"), "\"Paris, France\"");
        assert_eq!(scalar("1.5"), "\"1.5\"");
        assert_eq!(scalar("\"quoted\" first"), "\"\\\"quoted\\\" first\"");
        assert_eq!(scalar("two\nlines"), "\"two\\nlines\"");
    }
}
