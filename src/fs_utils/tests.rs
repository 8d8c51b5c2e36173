//! The plain-file test, against files, folders and links to each; the
//! relative paths shown in messages.

use super::{components_rel, display_rel, is_plain_folder, plain_file_len, plain_rel};
use std::path::Path;

#[test]
fn a_plain_file_or_folder_is_never_a_link() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let at = |name: &str| tmp.path().join(name);
    std::fs::write(at("file"), b"four").expect("a file");
    std::fs::create_dir(at("folder")).expect("a folder");
    std::os::unix::fs::symlink(at("file"), at("file-link")).expect("a link");
    std::os::unix::fs::symlink(at("folder"), at("folder-link")).expect("a link");
    let table = [
        ("file", Some(4), false),
        ("file-link", None, false),
        ("folder", None, true),
        ("folder-link", None, false),
        ("missing", None, false),
    ];
    for (name, len, folder) in table {
        assert_eq!(plain_file_len(&at(name)), len, "{name}");
        assert_eq!(is_plain_folder(&at(name)), folder, "{name}");
    }
}

/// The quick way to a relative path gives what the components give, or
/// steps aside.
#[test]
fn a_path_relative_to_the_root_is_its_components_joined_by_slashes() {
    let table = [
        (
            "/site",
            "/site/content/2022/plan.sv.md",
            Some("content/2022/plan.sv.md"),
        ),
        ("/site/", "/site/content/plan.sv.md", Some("content/plan.sv.md")),
        (".", "./content/site.yaml", Some("content/site.yaml")),
        ("/site", "/site", None),
        ("/site", "/sites/a", None),
        ("/site", "/site//a", None),
        ("/site", "/site/./a", None),
        ("/site", "/site/a/", None),
        ("/site", "/elsewhere/a", None),
        ("", "content/a", None),
        ("/a//b", "/a//b/c", Some("c")),
        ("/a/b", "/a//b/c", None),
    ];
    for (root, path, quick) in table {
        let (root, path) = (Path::new(root), Path::new(path));
        assert_eq!(plain_rel(root, path), quick, "{root:?} {path:?}");
        if let Some(quick) = quick {
            assert_eq!(quick, components_rel(root, path), "{root:?} {path:?}");
        }
        assert_eq!(display_rel(root, path), components_rel(root, path), "{root:?} {path:?}");
    }
    assert_eq!(
        display_rel(Path::new("/s"), Path::new("/s/a\nb")),
        "a\\nb",
        "control characters escaped"
    );
}
