//! The commented file `accord new` writes.

use super::text::scalar;

/// The commented file `accord new` writes.
pub(crate) fn template(id: &str, title: &str, parties: &[(String, String)]) -> String {
    let mut s = format!(
        "# {title}\n#\n# Created by `accord new`. Every key is described in docs/format.md; uncomment\n# and fill in what the agreement says, and run `accord check` after each change.\nid: {id}\ntitle: {}\n# kind: memorandum-of-understanding\n\nparties:\n",
        scalar(title)
    );
    for (pid, name) in parties {
        s.push_str(&format!("  {pid}:\n    name: {}\n", scalar(name)));
    }
    s.push_str(
        "\n# signed: {date: YYYY-MM-DD, place: Geneva}\n\
         # entry_into_force: {upon: signature, article: Art. X}\n\
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
         # `accord record` appends what happens here.\n\
         events:\n",
    );
    s
}
