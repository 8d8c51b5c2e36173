//! Files the tool wrote earlier, forged: an output manifest that names
//! files outside the output makes a build refuse, with nothing deleted.
//! Every case runs in a sandbox (see [`Sandbox`]).

use crate::helpers::Sandbox;

const MANIFEST: &str = ".handlingsplan-output";

/// Build, let `forge` change the manifest, build again: the second build
/// must refuse (exit 1, naming the record and the line) and change nothing.
fn refused_after(forge: impl Fn(&Sandbox, &str) -> Vec<u8>, expect: &str) {
    let sandbox = Sandbox::new("minimal");
    let first = sandbox.cmd(&["build"]).output().unwrap();
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    let path = sandbox.site.join("public").join(MANIFEST);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, forge(&sandbox, &text)).unwrap();
    sandbox.own();
    let before = sandbox.snapshot();
    let second = sandbox.cmd(&["build"]).output().unwrap();
    let err = String::from_utf8_lossy(&second.stderr);
    assert_eq!(second.status.code(), Some(1), "{expect}: {err}");
    assert!(
        err.contains("is not a record a build wrote") && err.contains(expect),
        "{expect}: {err}"
    );
    assert_eq!(sandbox.snapshot(), before, "{expect}: nothing changed");
    assert_eq!(
        std::fs::read_to_string(sandbox.outside.join("canary.txt")).unwrap(),
        "still here"
    );
}

fn appended(line: &str) -> impl Fn(&Sandbox, &str) -> Vec<u8> + '_ {
    move |_, text| format!("{text}{line}\n").into_bytes()
}

#[test]
fn a_line_leading_out_of_the_output_makes_the_build_refuse_and_delete_nothing() {
    refused_after(appended("../README.md"), "a path that is not plain names");
    refused_after(appended("zz/../../outside"), "a path that is not plain names");
    refused_after(appended("."), "a path that is not plain names");
    refused_after(appended("a\0b"), "a path that is not plain names");
    refused_after(
        |sandbox, text| format!("{text}{}\n", sandbox.outside.display()).into_bytes(),
        "an absolute path",
    );
    refused_after(|_, text| text.replace('\n', "\r\n").into_bytes(), "line 1");
    refused_after(
        |_, text| {
            let mut lines: String = (0..1_000_000).map(|i| format!("zz/{i:07}\n")).collect();
            lines.push_str("zz/../../README.md\n");
            format!("{text}{lines}").into_bytes()
        },
        "(line 10000",
    );
}

#[cfg(unix)]
#[test]
fn a_link_in_the_output_to_a_folder_outside_is_not_followed() {
    let sandbox = Sandbox::new("minimal");
    assert!(sandbox.cmd(&["build"]).status().unwrap().success());
    let public = sandbox.site.join("public");
    std::os::unix::fs::symlink(&sandbox.outside, public.join("zz")).unwrap();
    let text = std::fs::read_to_string(public.join(MANIFEST)).unwrap();
    std::fs::write(
        public.join(MANIFEST),
        format!("{text}zz/canary.txt\nzz/folder/canary.txt\n"),
    )
    .unwrap();
    sandbox.own();
    let before = sandbox.snapshot();
    let out = sandbox.cmd(&["build"]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("did not write (`zz`)"), "{err}");
    assert_eq!(sandbox.snapshot(), before);
}

#[test]
fn a_long_record_of_files_that_are_gone_is_still_ours() {
    let sandbox = Sandbox::new("minimal");
    assert!(sandbox.cmd(&["build"]).status().unwrap().success());
    let path = sandbox.site.join("public").join(MANIFEST);
    let text = std::fs::read_to_string(&path).unwrap();
    let gone: String = (0..100_000).map(|i| format!("zz/{i:06}/index.html\n")).collect();
    std::fs::write(&path, format!("{text}{gone}")).unwrap();
    sandbox.own();
    let out = sandbox.cmd(&["build"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(sandbox.site.join("README.md").exists() && sandbox.outside.join("canary.txt").exists());
    assert!(!std::fs::read_to_string(&path).unwrap().contains("zz/"));
}

/// Every share card in the output: a regular file (not a link) that is a
/// 1200×630 PNG and holds nothing of `secret`.
fn assert_cards_are_cards(sandbox: &Sandbox, secret: &[u8]) -> usize {
    let mut count = 0;
    for entry in walkdir::WalkDir::new(sandbox.site.join("public")) {
        let entry = entry.unwrap();
        if entry.file_name() != "share.png" {
            continue;
        }
        assert!(
            entry.file_type().is_file(),
            "{}: a link was published",
            entry.path().display()
        );
        let bytes = std::fs::read(entry.path()).unwrap();
        assert!(handlingsplan::cards::is_card(&bytes), "{}", entry.path().display());
        assert!(
            !bytes.windows(secret.len()).any(|w| w == secret),
            "{}",
            entry.path().display()
        );
        count += 1;
    }
    count
}

/// The cache's card files, in both of its folders.
fn cache_entries(sandbox: &Sandbox) -> Vec<std::path::PathBuf> {
    walkdir::WalkDir::new(sandbox.site.join(".handlingsplan-cache/share-cards"))
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "png"))
        .collect()
}

#[cfg(unix)]
#[test]
fn links_and_other_files_planted_in_the_card_cache_are_never_published() {
    const SECRET: &[u8] = b"SECRET-BYTES-4f1c";
    let sandbox = Sandbox::new("minimal");
    let secret = sandbox.outside.join("secret");
    std::fs::write(&secret, SECRET).unwrap();
    assert!(sandbox.cmd(&["build"]).status().unwrap().success());
    let cards = assert_cards_are_cards(&sandbox, SECRET);
    assert!(cards >= 2);
    // Half the entries become links to the secret, the other half other files.
    for (i, entry) in cache_entries(&sandbox).iter().enumerate() {
        std::fs::remove_file(entry).unwrap();
        match i % 2 {
            0 => std::os::unix::fs::symlink(&secret, entry).unwrap(),
            _ => std::fs::write(entry, SECRET).unwrap(),
        }
    }
    sandbox.own();
    let out = sandbox.cmd(&["build"]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("card-cache-refused") && err.contains("were not cards"),
        "{err}"
    );
    assert_eq!(assert_cards_are_cards(&sandbox, SECRET), cards);
    assert_eq!(
        std::fs::read(&secret).unwrap(),
        SECRET,
        "what the link led to is untouched"
    );
    // The refused entries were replaced by real cards: the next build is quiet.
    let again = sandbox.cmd(&["build"]).output().unwrap();
    assert!(
        !String::from_utf8_lossy(&again.stderr).contains("card-cache"),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    for entry in cache_entries(&sandbox) {
        assert!(entry.symlink_metadata().unwrap().is_file(), "{}", entry.display());
    }
}

#[cfg(unix)]
#[test]
fn a_card_cache_folder_that_is_a_link_is_not_used_or_written_through() {
    for linked in [".handlingsplan-cache", ".handlingsplan-cache/share-cards"] {
        let sandbox = Sandbox::new("minimal");
        let elsewhere = sandbox.outside.join("folder");
        let link = sandbox.site.join(linked);
        std::fs::create_dir_all(link.parent().unwrap()).unwrap();
        std::os::unix::fs::symlink(&elsewhere, &link).unwrap();
        sandbox.own();
        let before = std::fs::read_dir(&elsewhere).unwrap().count();
        let out = sandbox.cmd(&["build"]).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{linked}: {err}");
        assert!(err.contains("the card cache was not used"), "{linked}: {err}");
        assert!(assert_cards_are_cards(&sandbox, b"\0\0\0\0SECRET") >= 2);
        assert_eq!(
            std::fs::read_dir(&elsewhere).unwrap().count(),
            before,
            "{linked}: nothing written through the link"
        );
    }
}
