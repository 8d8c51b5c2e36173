//! The plain-file test, against files, folders and links to each.

use super::{is_plain_folder, plain_file_len};

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
