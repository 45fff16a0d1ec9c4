//! Commands about one agreement keep only it and the agreements its status depends
//! on, yet report the whole folder's diagnostics and know every id.

use accord::file::parse::Texts;
use accord::folder::load::{load_around, load_paths, Reading};
use std::path::PathBuf;

const PARTIES: &str = "parties:\n  alpha: {name: Alpha}\n  beta: {name: Beta}\nsigned: {date: 2020-01-15}\nentry_into_force: {upon: signature}\n";

fn folder() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("accord-around-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let files = [
        ("a-parent.yaml", "id: parent\ntitle: Parent\n"),
        ("b-child.yaml", "id: child\ntitle: Child\nunder: parent\n"),
        ("c-newer.yaml", "id: newer\ntitle: Newer\nsupersedes: [child]\n"),
        (
            "d-successor.yaml",
            "id: successor\ntitle: Successor\nsupersedes: [parent]\n",
        ),
        ("e-other.yaml", "id: other\ntitle: Other\n"),
    ];
    for (name, head) in files {
        std::fs::write(dir.join(name), format!("{head}{PARTIES}")).unwrap();
    }
    std::fs::write(dir.join("f-broken.yaml"), "id: [unclosed\n").unwrap();
    dir
}

fn ids(loaded: &accord::folder::load::Loaded) -> Vec<&str> {
    loaded.agreements.iter().map(|a| a.id.as_str()).collect()
}

#[test]
fn one_agreement_brings_its_parent_children_and_superseders() {
    let dir = folder();
    let all = load_paths(std::slice::from_ref(&dir), 2).unwrap();
    assert_eq!(ids(&all), ["parent", "child", "newer", "successor", "other"]);
    for (asked, expected) in [
        ("child", vec!["parent", "child", "newer", "successor"]),
        ("parent", vec!["parent", "child", "newer", "successor"]),
        ("newer", vec!["newer"]),
        ("other", vec!["other"]),
        ("nowhere", vec![]),
    ] {
        let around = load_around(std::slice::from_ref(&dir), &Reading::threads(2), &[asked], Texts::Skip).unwrap();
        assert_eq!(ids(&around), expected, "around {asked}");
        // The folder's diagnostics and ids are all there.
        assert_eq!(around.diagnostics, all.diagnostics);
        assert_eq!((around.files, around.failed_files), (6, 1));
        assert_eq!(around.index.ids().collect::<Vec<_>>(), ids(&all));
        // Supersession is known as in a whole load.
        for a in &around.agreements {
            let whole = all.agreements.iter().find(|b| b.id == a.id).unwrap();
            assert_eq!(a.superseded_by, whole.superseded_by, "{}", a.id);
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
