//! A held folder reaches nothing outside it: links are removed as links,
//! never followed, and names that are not plain are refused.

use super::*;

fn tree(root: &Path) {
    for dir in ["2022/area", "en/2022/area"] {
        std::fs::create_dir_all(root.join(dir)).unwrap();
        std::fs::write(root.join(dir).join("index.html"), "x").unwrap();
    }
    std::fs::write(root.join("index.html"), "x").unwrap();
    std::fs::write(root.join("last"), "x").unwrap();
}

#[test]
fn names_that_are_not_plain_are_refused() {
    for name in ["", ".", "..", "a/b", "a\\b", "a\0b"] {
        assert!(!is_plain_name(name), "{name:?}");
    }
    for name in ["a", "index.html", ".DS_Store", "...", "a b"] {
        assert!(is_plain_name(name), "{name:?}");
    }
    let tmp = tempfile::tempdir().unwrap();
    let held = Folder::open(tmp.path()).unwrap();
    for name in ["..", "../x", "."] {
        assert!(held.remove_file(OsStr::new(name)).is_err(), "{name}");
        assert!(held.open_folder(OsStr::new(name)).is_err(), "{name}");
        assert!(held.remove_empty(OsStr::new(name)).is_err(), "{name}");
    }
}

#[test]
fn clearing_removes_everything_small_or_large() {
    for years in [1, 40] {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("site");
        for y in 0..years {
            tree(&site.join(y.to_string()));
        }
        std::fs::write(site.join("record"), "x").unwrap();
        let held = Folder::open(&site).unwrap();
        held.clear(Some(OsStr::new("record"))).unwrap();
        assert_eq!(held.entries().unwrap(), Vec::new(), "{years}");
    }
}

#[cfg(unix)]
#[test]
fn links_are_removed_as_links_and_a_linked_folder_is_not_opened() {
    let tmp = tempfile::tempdir().unwrap();
    let outside = tmp.path().join("outside");
    tree(&outside);
    let site = tmp.path().join("site");
    std::fs::create_dir(&site).unwrap();
    std::os::unix::fs::symlink(&outside, site.join("folder-link")).unwrap();
    std::os::unix::fs::symlink(outside.join("index.html"), site.join("file-link")).unwrap();
    let held = Folder::open(&site).unwrap();
    let err = held.open_folder(OsStr::new("folder-link")).unwrap_err();
    assert!(err.to_string().contains("link"), "{err}");
    assert_eq!(
        held.entries().unwrap(),
        [("file-link".into(), Kind::Other), ("folder-link".into(), Kind::Other)]
    );
    held.clear(None).unwrap();
    assert_eq!(held.entries().unwrap(), Vec::new());
    assert!(outside.join("2022/area/index.html").exists() && outside.join("index.html").exists());
    assert!(
        Folder::open(&outside.join("index.html")).is_err(),
        "a file is not a folder"
    );
    std::os::unix::fs::symlink(&outside, tmp.path().join("top-link")).unwrap();
    assert!(
        Folder::open(&tmp.path().join("top-link")).is_err(),
        "a link is not followed"
    );
}

#[test]
fn a_folder_that_is_not_empty_is_said_so() {
    let tmp = tempfile::tempdir().unwrap();
    tree(tmp.path());
    let held = Folder::open(tmp.path()).unwrap();
    assert_eq!(held.remove_empty(OsStr::new("2022")).unwrap(), Removed::NotEmpty);
    assert_eq!(held.remove_empty(OsStr::new("none")).unwrap(), Removed::Missing);
    assert!(!held.remove_file(OsStr::new("none")).unwrap());
    assert!(held.remove_file(OsStr::new("index.html")).unwrap());
}
