//! What `accord import` prints: the drafted file (`--out -`), the extraction as JSON
//! for other tools (every value with its span: `line`, `column` and `quote` of the
//! words it was read from, review reasons and remarks), or the line saying where the
//! draft was written.

use crate::import::draft::Draft;
use std::io::{self, Write};
use std::path::Path;

/// The drafted agreement file, as written.
pub(crate) fn yaml(out: &mut dyn Write, text: &str) -> io::Result<()> {
    out.write_all(text.as_bytes())
}

/// The extraction as JSON (format documented in docs/import.md).
pub(crate) fn json(out: &mut dyn Write, draft: &Draft) -> io::Result<()> {
    super::write_json(out, &value(draft)?)
}

/// `wrote agreements/x.yaml: …`, and what to do next.
pub(crate) fn written(
    out: &mut dyn Write,
    path: &Path,
    articles: usize,
    obligations: usize,
    reviews: usize,
) -> io::Result<()> {
    let n = |k: usize, what: &str| format!("{k} {what}{}", if k == 1 { "" } else { "s" });
    writeln!(
        out,
        "wrote {}: {}, {}, {} to review; check it against the text, then run `accord check`",
        path.display(),
        n(articles, "article"),
        n(obligations, "obligation"),
        n(reviews, "value")
    )
}

/// The draft as a JSON value, each `source: {line, column, text}` written `span: {line,
/// column, quote}`.
fn value(d: &Draft) -> io::Result<serde_json::Value> {
    let mut v = serde_json::to_value(d)?;
    rename_sources(&mut v);
    Ok(v)
}

fn rename_sources(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(map) => {
            if let Some(mut src) = map.remove("source") {
                if let Some(obj) = src.as_object_mut() {
                    if let Some(t) = obj.remove("text") {
                        obj.insert("quote".into(), t);
                    }
                }
                map.insert("span".into(), src);
            }
            map.values_mut().for_each(rename_sources);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(rename_sources),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{import, Options};

    #[test]
    fn values_carry_spans() {
        let d = import("AGREEMENT\n\nThe Alpha Union (AU) and the Beta Fund (BF),\n\nHave agreed as follows:\n\nArticle 1\nAU and BF shall meet annually.\n\nDone at Geneva on 2 May 2020.\n", &Options::default());
        let v = value(&d).unwrap();
        assert_eq!(v["parties"][0]["name"]["span"]["line"], 3);
        assert_eq!(v["signed_date"]["value"], "2020-05-02");
        assert_eq!(v["signed_date"]["span"]["quote"], "2 May 2020");
        assert_eq!(v["obligations"][0]["every"]["span"]["quote"], "annually");
        assert!(v["obligations"][0].get("source").is_none());
    }
}
