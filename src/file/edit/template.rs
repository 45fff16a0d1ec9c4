//! The commented file `accord new` writes: a draft (`status: draft` until the signature
//! is recorded), with the schema modeline first so that an editor checks it from the
//! first keystroke.

use super::text::scalar;

/// The new agreement's text. `schema` is the path of `accord.schema.json` relative to
/// the new file, for the modeline.
pub(crate) fn template(id: &str, title: &str, parties: &[(String, String)], schema: Option<&str>) -> String {
    let mut s = String::new();
    if let Some(schema) = schema {
        s.push_str(&format!("# yaml-language-server: $schema={schema}\n"));
    }
    // A comment is one line: a title given with line breaks is shown on one.
    let one_line = title.split_whitespace().collect::<Vec<_>>().join(" ");
    s.push_str(&format!(
        "# {one_line}\n#\n# Created by `accord new`. Every key is described in docs/format.md; uncomment\n# and fill in what the agreement says, and run `accord check` after each change.\nid: {id}\ntitle: {}\n# kind: memorandum-of-understanding\nstatus: draft   # until `accord record {id} signed --date YYYY-MM-DD` records the signature\n\nparties:\n",
        scalar(title)
    ));
    for (pid, name) in parties {
        s.push_str(&format!("  {pid}:\n    name: {}\n", scalar(name)));
    }
    s.push_str(
        "\n# entry_into_force: {upon: signature, article: Art. X}\n\
         # termination: {notice: six months, by: any_party, form: written, article: Art. Y}\n\
         # amendment: {requires: all_parties, in_force: on_last_acceptance, article: Art. Z}\n\
         \n\
         # obligations:\n\
         #   - id: consultations\n\
         #     text: Consult each other on the implementation of the agreement\n\
         #     parties: [a, b]\n\
         #     modality: shall\n\
         #     article: Art. 3\n\
         #     every: 1 year\n\
         \n\
         # `accord record` inserts what happens here, in date order.\n\
         events:\n",
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_with_the_modeline_first() {
        let parties = [
            ("a".to_string(), "A: the first".to_string()),
            ("b".to_string(), "B".to_string()),
        ];
        let t = template("x", "Line one\nline two", &parties, Some("../docs/accord.schema.json"));
        assert!(t.starts_with("# yaml-language-server: $schema=../docs/accord.schema.json\n# Line one line two\n"));
        assert!(t.contains("\ntitle: \"Line one\\nline two\"\n"));
        assert!(t.contains("\nstatus: draft   # until `accord record x signed"));
        assert!(t.contains("  a:\n    name: \"A: the first\"\n"));
    }
}
