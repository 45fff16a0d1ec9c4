//! The draft as a format-v1 agreement file: every extracted value followed by a
//! comment naming its source line and quoting the words (`# line 212: "six months'
//! written notice"`), `# review:` lines for values to check, and `# not found:` lines
//! for what the text does not contain. Strings are double-quoted and escaped; article
//! texts are literal blocks.

use super::draft::{Draft, Found, Obligation, RemarkKind, Section};
use super::render_clauses as clauses;
use super::source::{shorten, Quote};
use std::fmt::Write;

/// Characters of a quote shown in a comment.
const QUOTE_CHARS: usize = 72;

/// The draft as YAML.
pub fn yaml(d: &Draft) -> String {
    let mut o = String::with_capacity(16 * 1024);
    header(&mut o, d);
    top(&mut o, d);
    parties(&mut o, d);
    depositary(&mut o, d);
    signed(&mut o, d);
    clauses::eif(&mut o, d);
    clauses::duration(&mut o, d);
    clauses::term(&mut o, d);
    clauses::termination(&mut o, d);
    clauses::survival(&mut o, d);
    clauses::amendment(&mut o, d);
    clauses::supersedes(&mut o, d);
    obligations(&mut o, d);
    sources(&mut o, d);
    articles(&mut o, d);
    while o.contains("\n\n\n") {
        o = o.replace("\n\n\n", "\n\n");
    }
    o
}

/// A YAML double-quoted string, with characters YAML cannot hold removed.
pub fn q(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push(' '),
            c if printable(c) => out.push(c),
            _ => {}
        }
    }
    out.push('"');
    out
}

/// Whether YAML allows `c` in a document (YAML 1.2, 5.1).
pub(super) fn printable(c: char) -> bool {
    matches!(c, '\u{20}'..='\u{7e}' | '\u{85}' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
}

/// `# line N: "words"`.
pub(super) fn cite(quote: &Quote) -> String {
    let words: String = shorten(&quote.text, QUOTE_CHARS)
        .chars()
        .filter(|c| printable(*c))
        .collect();
    format!("# line {}: \"{}\"", quote.line, words)
}

pub(super) fn comment_lines(o: &mut String, indent: &str, kind: &str, text: &str) {
    let clean: String = text.chars().filter(|c| printable(*c)).collect();
    let _ = writeln!(o, "{indent}# {kind}: {clean}");
}

pub(super) fn remarks(o: &mut String, d: &Draft, section: Section, indent: &str) {
    for r in d.remarks.iter().filter(|r| r.section == section) {
        let kind = match r.kind {
            RemarkKind::Review => "review",
            RemarkKind::NotFound => "not found",
            RemarkKind::Repaired => "repaired",
        };
        let text = match &r.source {
            Some(src) => format!(
                "{} (line {}: \"{}\")",
                r.text,
                src.line,
                shorten(&src.text, QUOTE_CHARS)
            ),
            None => r.text.clone(),
        };
        comment_lines(o, indent, kind, &text);
    }
}

pub(super) fn value_line<T>(o: &mut String, indent: &str, key: &str, value: &str, found: &Found<T>) {
    let _ = writeln!(o, "{indent}{key}: {value}  {}", cite(&found.source));
    if let Some(r) = &found.review {
        comment_lines(o, indent, "review", r);
    }
}

fn header(o: &mut String, d: &Draft) {
    o.push_str("# Draft written by `accord import`");
    if let Some(doc) = &d.document {
        let _ = write!(
            o,
            " from {}",
            doc.chars().filter(|c| printable(*c) && *c != '\n').collect::<String>()
        );
    }
    o.push_str(".\n# Every value cites the line it was read from; check each one, then remove\n");
    o.push_str("# these comments as you like. `# review:` marks what needs a second look,\n");
    o.push_str("# `# not found:` what the text does not contain (nothing is invented).\n");
}

fn top(o: &mut String, d: &Draft) {
    let _ = writeln!(o, "id: {}", d.id);
    match &d.title {
        Some(t) => value_line(o, "", "title", &q(&t.value), t),
        None => {
            remarks(o, d, Section::Top, "");
            let _ = writeln!(o, "title: {}", q("Untitled agreement"));
        }
    }
    if d.title.is_some() {
        remarks(o, d, Section::Top, "");
    }
    if let Some(k) = &d.kind {
        let _ = writeln!(o, "kind: {k}");
    }
    if let Some(why) = &d.draft {
        let _ = writeln!(
            o,
            "status: draft  # {}",
            why.chars().filter(|c| printable(*c)).collect::<String>()
        );
    }
    if let Some(date) = &d.date {
        value_line(o, "", "date", &date.value.to_string(), date);
    }
}

fn parties(o: &mut String, d: &Draft) {
    o.push('\n');
    remarks(o, d, Section::Parties, "");
    if d.parties.is_empty() {
        o.push_str("parties: {}\n");
        return;
    }
    o.push_str("parties:\n");
    for p in &d.parties {
        let _ = writeln!(o, "  {}:", p.id);
        value_line(o, "    ", "name", &q(&p.name.value), &p.name);
        if p.collective {
            o.push_str("    collective: true\n");
        }
        if let Some(s) = &p.short_name {
            value_line(o, "    ", "short_name", &q(&s.value), s);
        }
        if let Some(s) = &p.signatory {
            let mut v = format!("{{name: {}", q(&s.value.name));
            if let Some(t) = &s.value.title {
                let _ = write!(v, ", title: {}", q(t));
            }
            v.push('}');
            value_line(o, "    ", "signatory", &v, s);
        }
        if !p.organs.is_empty() {
            let list: Vec<String> = p.organs.iter().map(|x| q(x)).collect();
            let _ = writeln!(o, "    organs: [{}]", list.join(", "));
        }
    }
}

fn depositary(o: &mut String, d: &Draft) {
    let Some(dep) = &d.depositary else { return };
    let v = format!("{{name: {}, article: {}}}", q(&dep.name.value), q(&dep.article));
    o.push('\n');
    value_line(o, "", "depositary", &v, &dep.name);
}

fn signed(o: &mut String, d: &Draft) {
    o.push('\n');
    remarks(o, d, Section::Signed, "");
    if d.signed_date.is_none() && d.signed_place.is_none() {
        return;
    }
    o.push_str("signed:\n");
    if let Some(x) = &d.signed_date {
        value_line(o, "  ", "date", &x.value.to_string(), x);
    }
    if let Some(x) = &d.signed_place {
        value_line(o, "  ", "place", &q(&x.value), x);
    }
}

fn obligation(o: &mut String, ob: &Obligation) {
    let _ = writeln!(o, "  - id: {}  {}", ob.id, cite(&ob.source));
    let _ = writeln!(o, "    text: {}", q(&ob.text));
    let _ = writeln!(o, "    parties: [{}]", ob.parties.join(", "));
    let _ = writeln!(o, "    modality: {}", ob.modality.name());
    let _ = writeln!(o, "    article: {}", q(&ob.article));
    if let Some(e) = &ob.every {
        value_line(o, "    ", "every", &q(&e.value), e);
        if ob.assumed {
            o.push_str("    assumed: true\n");
        }
    } else if ob.once {
        o.push_str("    once: true\n");
    }
    for r in &ob.reviews {
        comment_lines(o, "    ", "review", r);
    }
}

fn obligations(o: &mut String, d: &Draft) {
    o.push('\n');
    remarks(o, d, Section::Obligations, "");
    if d.obligations.is_empty() {
        return;
    }
    o.push_str("obligations:\n");
    for ob in &d.obligations {
        obligation(o, ob);
    }
}

fn sources(o: &mut String, d: &Draft) {
    let Some(doc) = &d.document else { return };
    o.push_str("\nsources:\n");
    let title = d.title.as_ref().map_or("Agreement text", |t| t.value.as_str());
    let _ = writeln!(o, "  - title: {}", q(title));
    if let Some(date) = &d.signed_date {
        let _ = writeln!(o, "    date: {}", date.value);
    }
    let _ = writeln!(o, "    document: {}", q(doc));
}

fn articles(o: &mut String, d: &Draft) {
    o.push('\n');
    remarks(o, d, Section::Articles, "");
    if d.articles.is_empty() {
        return;
    }
    o.push_str("articles:\n");
    for a in &d.articles {
        let _ = writeln!(o, "  - number: {}  # line {}", q(&a.number), a.line);
        if let Some(t) = &a.title {
            let _ = writeln!(o, "    title: {}", q(t));
        }
        if a.text.trim().is_empty() {
            o.push_str("    text: \"\"\n");
            continue;
        }
        o.push_str("    text: |\n");
        for line in a.text.lines() {
            let clean: String = line.chars().filter(|c| printable(*c) || *c == '\t').collect();
            let clean = clean.trim_end();
            if clean.is_empty() {
                o.push('\n');
            } else {
                let _ = writeln!(o, "      {clean}");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{import, Options};
    use std::path::Path;

    const TEXT: &str = "MEMORANDUM OF UNDERSTANDING\n\nThe Alpha Union (AU) and the Beta Fund (BF), hereinafter the \"Parties\",\n\nHave agreed as follows:\n\nArticle 1\nAU and BF shall consult each other regularly.\n\nArticle 2\n1. This MOU shall enter into force on signature.\n2. Either party may terminate this MOU by giving six months' written notice.\n\nDone at Geneva on 2 May 2020.\n";

    #[test]
    fn the_draft_loads_and_cites_its_lines() {
        let d = import(
            TEXT,
            &Options {
                id: None,
                document: Some("../sources/x.txt".into()),
            },
        );
        let y = yaml(&d);
        let (a, diags) = crate::file::parse::agreement(Path::new("x.yaml"), &y, crate::file::parse::Texts::Keep);
        assert!(diags.is_empty(), "{y}\n{diags:#?}");
        let a = a.unwrap();
        assert_eq!(a.id, "au-bf-2020");
        assert!(y.contains("  notice: \"six months\"  # line 12: \"six months\""), "{y}");
        assert!(
            y.contains("# review: the text gives no interval; 1 year is a default"),
            "{y}"
        );
        assert_eq!(
            a.obligations[0].schedule,
            crate::model::Schedule::Every {
                period: crate::time::period::Period::years(1),
                from: None,
                first: None
            }
        );
    }

    #[test]
    fn strings_are_escaped() {
        assert_eq!(q("a \"b\" \\ c\u{7}"), "\"a \\\"b\\\" \\\\ c\"");
    }
}
