//! The manifest read back as untrusted input: a table of lines a build
//! never writes, removal that never leaves the folder (links included),
//! and a property test over generated manifests in a sandbox.

use super::*;

#[test]
fn paths_survive_the_round_trip_and_foreign_files_are_found() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let mut written = vec![
        "b/index.html".to_string(),
        "a 100%\nodd.pdf".to_string(),
        "index.html".to_string(),
    ];
    for path in &written {
        std::fs::create_dir_all(dir.join(path).parent().unwrap()).unwrap();
        std::fs::write(dir.join(path), "x").unwrap();
    }
    std::fs::write(dir.join(FILE), contents(&mut written)).unwrap();
    let manifest = Manifest::read(dir).unwrap().expect("ours");
    assert_eq!(manifest.foreign_files(dir).unwrap(), Vec::<String>::new());
    std::fs::write(dir.join("CNAME"), "x").unwrap();
    std::fs::write(dir.join("b/.DS_Store"), "x").unwrap();
    std::fs::create_dir(dir.join("empty")).unwrap();
    assert_eq!(manifest.foreign_files(dir).unwrap(), ["CNAME"]);
}

#[test]
fn a_previous_output_is_removed_by_its_manifest_small_or_large() {
    // 3 files stay on this thread; 3,000 are over the parallel threshold.
    for count in [3, 3000] {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("old");
        let mut written: Vec<String> = (0..count).map(|i| format!("{}/p{i}/index.html", i % 7)).collect();
        written.push("odd 100%.pdf".into());
        for path in &written {
            std::fs::create_dir_all(dir.join(path).parent().unwrap()).unwrap();
            std::fs::write(dir.join(path), "x").unwrap();
        }
        std::fs::write(dir.join("3/.DS_Store"), "x").unwrap_or_default();
        std::fs::write(dir.join(FILE), contents(&mut written)).unwrap();
        let manifest = Manifest::read(&dir).unwrap().unwrap();
        assert_eq!(manifest.foreign_files(&dir).unwrap(), Vec::<String>::new(), "{count}");
        manifest.remove_listed(&dir).unwrap();
        assert!(!dir.exists(), "{count} files");
        assert!(tmp.path().exists());
    }
}

#[test]
fn a_file_of_the_same_name_that_is_not_a_manifest_is_not_ours() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join(FILE), "my own notes\n").unwrap();
    assert!(Manifest::read(tmp.path()).unwrap().is_err());
}

fn with_header(lines: &[&str]) -> Vec<u8> {
    let mut text = format!("{HEADER}\n");
    for line in lines {
        text.push_str(line);
        text.push('\n');
    }
    text.into_bytes()
}

#[test]
fn every_line_a_build_would_not_write_makes_the_file_not_ours() {
    let ok: &[&[&str]] = &[
        &[],
        &["2022/index.html", "index.html"],
        &["a 100%25.pdf", "b%0Ac"],
        &["en/2022/share.png", "en/index.html"],
    ];
    for lines in ok {
        assert!(Manifest::parse(with_header(lines)).is_ok(), "{lines:?}");
    }
    let bad: &[(&[&str], usize)] = &[
        (&["../README.md"], 2),
        (&["index.html", "../../x"], 3),
        (&["/etc/passwd"], 2),
        (&["/tmp"], 2),
        (&["a/../../x"], 2),
        (&["./a"], 2),
        (&["a/./b"], 2),
        (&["a//b"], 2),
        (&["a/"], 2),
        (&[""], 2),
        (&["."], 2),
        (&[".."], 2),
        (&["a\0b"], 2),
        (&["a\\..\\..\\x"], 2),
        (&["C:/Windows"], 2),
        (&["a", "index.html\r"], 3),
        (&["a%2E%2E/x"], 2),
        (&["a%"], 2),
        (&["b", "a"], 3),
        (&["a", "a"], 3),
        (&[FILE], 2),
    ];
    for (lines, line) in bad {
        let got = Manifest::parse(with_header(lines));
        assert_eq!(got.map(|_| ()).map_err(|e| e.line), Err(*line), "{lines:?}");
    }
    let crlf = format!("{HEADER}\r\nindex.html\r\n").into_bytes();
    assert_eq!(Manifest::parse(crlf).unwrap_err().line, 1);
    let no_final_newline = format!("{HEADER}\nindex.html").into_bytes();
    assert_eq!(Manifest::parse(no_final_newline).unwrap_err().line, 2);
    let mut not_utf8 = with_header(&["a"]);
    not_utf8.extend_from_slice(b"b\xff\n");
    assert_eq!(Manifest::parse(not_utf8).unwrap_err().line, 3);
    assert_eq!(Manifest::parse(b"# other\n".to_vec()).unwrap_err().line, 1);
}

#[test]
fn a_million_lines_are_read_quickly_and_one_bad_line_at_the_end_refuses_them_all() {
    let mut lines: Vec<String> = (0..1_000_000).map(|i| format!("p/{i:07}/index.html")).collect();
    let text = with_header(&lines.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(Manifest::parse(text).is_ok());
    lines.push("../x".into());
    let text = with_header(&lines.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(Manifest::parse(text).unwrap_err().line, 1_000_002);
}

/// A file's path and bytes, for every file under `dir` (links as links).
fn snapshot(dir: &Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut out: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .map(|e| {
            let bytes = match e.file_type().is_file() {
                true => std::fs::read(e.path()).unwrap(),
                false => Vec::new(),
            };
            (e.path().to_path_buf(), bytes)
        })
        .collect();
    out.sort();
    out
}

/// `root/outside` (files that must survive) and `root/a/b/c/d/e/f/out`,
/// the output: deep enough that no generated line of six parts, however
/// wrongly read, leads out of `root`.
fn sandbox() -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let outside = tmp.path().join("outside");
    std::fs::create_dir_all(outside.join("sub")).unwrap();
    std::fs::write(outside.join("keep.txt"), "keep").unwrap();
    std::fs::write(outside.join("sub/index.html"), "keep").unwrap();
    let out = tmp.path().join("a/b/c/d/e/f/out");
    std::fs::create_dir_all(&out).unwrap();
    (tmp, outside, out)
}

#[cfg(unix)]
#[test]
fn removal_never_goes_through_a_link_even_when_the_manifest_names_one() {
    let (tmp, outside, out) = sandbox();
    let before = snapshot(tmp.path());
    std::os::unix::fs::symlink(&outside, out.join("link")).unwrap();
    std::os::unix::fs::symlink(outside.join("keep.txt"), out.join("file-link")).unwrap();
    std::fs::write(out.join("index.html"), "x").unwrap();
    let text = with_header(&["file-link", "index.html", "link/keep.txt", "link/sub/index.html"]);
    std::fs::write(out.join(FILE), &text).unwrap();
    let manifest = Manifest::parse(text).unwrap();
    assert_eq!(
        manifest.foreign_files(&out).unwrap(),
        ["link"],
        "a linked folder is not ours"
    );
    let err = manifest.remove_listed(&out).unwrap_err();
    assert!(err.to_string().contains("link"), "{err}");
    assert!(!out.join("file-link").exists(), "the link itself is removed");
    assert!(!out.join("index.html").exists());
    assert!(out.join(FILE).exists(), "a removal cut short leaves the record");
    std::fs::remove_file(out.join("link")).unwrap();
    std::fs::remove_file(out.join(FILE)).unwrap();
    std::fs::remove_dir(&out).unwrap();
    std::fs::create_dir(&out).unwrap();
    assert_eq!(snapshot(tmp.path()), before, "nothing outside the output changed");
}

#[test]
fn a_removal_leaves_what_nobody_listed_and_takes_the_os_files() {
    let (_tmp, _outside, out) = sandbox();
    for file in ["2022/index.html", "2022/.DS_Store", "index.html", "Thumbs.db"] {
        std::fs::create_dir_all(out.join(file).parent().unwrap()).unwrap();
        std::fs::write(out.join(file), "x").unwrap();
    }
    std::fs::write(out.join(FILE), with_header(&["2022/index.html", "index.html"])).unwrap();
    let manifest = Manifest::read(&out).unwrap().unwrap();
    std::fs::write(out.join("2022/added-since.txt"), "mine").unwrap();
    let err = manifest.remove_listed(&out).unwrap_err();
    assert!(err.to_string().contains("did not write"), "{err}");
    assert_eq!(
        std::fs::read_to_string(out.join("2022/added-since.txt")).unwrap(),
        "mine"
    );
    assert!(!out.join("2022/.DS_Store").exists() && !out.join("2022/index.html").exists());
}

mod generated {
    use super::*;
    use proptest::prelude::*;

    /// One part of a generated line: plain names, and every way out.
    fn part() -> impl Strategy<Value = String> {
        prop_oneof![
            4 => "[a-c]{1,2}".prop_map(String::from),
            1 => Just("..".to_string()),
            1 => Just(".".to_string()),
            1 => Just(String::new()),
            1 => Just("outside".to_string()),
            1 => Just("keep.txt".to_string()),
            1 => Just("link".to_string()),
            1 => Just("%2E%2E".to_string()),
            1 => Just("x\r".to_string()),
        ]
    }

    fn line() -> impl Strategy<Value = (bool, Vec<String>)> {
        (any::<bool>(), proptest::collection::vec(part(), 1..6))
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]
        /// Whatever the manifest says, and whether or not its lines parse,
        /// nothing outside the output folder changes.
        #[test]
        fn nothing_outside_the_output_changes(
            lines in proptest::collection::vec(line(), 0..12),
            files in proptest::collection::vec("[a-c]{1,2}(/[a-c]{1,2}){0,2}", 0..8),
            sort in any::<bool>(),
        ) {
            let (tmp, outside, out) = sandbox();
            #[cfg(unix)]
            std::os::unix::fs::symlink(&outside, out.join("link")).unwrap();
            for file in &files {
                let path = out.join(file);
                let _ = std::fs::create_dir_all(path.parent().unwrap());
                let _ = std::fs::write(&path, "x");
            }
            let before = snapshot(&outside);
            let mut lines: Vec<String> = lines
                .into_iter()
                .map(|(absolute, parts)| {
                    let rel = parts.join("/");
                    match absolute {
                        true => format!("{}/{rel}", tmp.path().display()),
                        false => rel,
                    }
                })
                .collect();
            if sort {
                lines.sort();
                lines.dedup();
            }
            let text = with_header(&lines.iter().map(String::as_str).collect::<Vec<_>>());
            std::fs::write(out.join(FILE), &text).unwrap();
            if let Ok(manifest) = Manifest::parse(text.clone()) {
                let _ = manifest.remove_listed(&out);
            }
            // The removal layer holds on its own, even for a manifest the
            // parser refused: the lines it can read, it reads as names.
            let unchecked = Manifest { text: String::from_utf8_lossy(&text).into_owned() };
            let _ = unchecked.remove_listed(&out);
            prop_assert_eq!(snapshot(&outside), before);
            prop_assert!(tmp.path().join("a/b/c/d/e/f").is_dir());
        }
    }
}
