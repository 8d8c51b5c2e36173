//! The GitHub Action installs the release binary without compiling:
//! `scripts/install-release.sh` against a fake release on disk (`file://`),
//! with a good archive, a tampered one, a missing one and hostile ones.

use crate::helpers::repo_root;
use std::path::Path;
use std::process::Command;

const TARGET: &str = "x86_64-unknown-linux-gnu";

/// A release `tag` under `releases/` holding an archive made by `fill`
/// (given the folder the archive packs), and its checksum file.
fn release(releases: &Path, tag: &str, fill: impl Fn(&Path)) {
    let name = format!("handlingsplan-{tag}-{TARGET}");
    let work = tempfile::tempdir().unwrap();
    let folder = work.path().join(&name);
    std::fs::create_dir_all(&folder).unwrap();
    fill(&folder);
    let dir = releases.join(tag);
    std::fs::create_dir_all(&dir).unwrap();
    let archive = format!("{name}.tar.gz");
    let tar = Command::new("tar")
        .args(["-czf", dir.join(&archive).to_str().unwrap(), &name])
        .current_dir(work.path())
        .status()
        .unwrap();
    assert!(tar.success());
    let sum = Command::new("sha256sum")
        .arg(&archive)
        .current_dir(&dir)
        .output()
        .unwrap();
    std::fs::write(dir.join(format!("{archive}.sha256")), sum.stdout).unwrap();
}

fn binary(folder: &Path) {
    std::fs::write(folder.join("handlingsplan"), "#!/bin/sh\necho fake handlingsplan\n").unwrap();
    std::fs::write(folder.join("README.md"), "# handlingsplan\n").unwrap();
}

/// Run the script for `tag`; its exit code and where it installs.
fn install(releases: &Path, tag: &str, target: &str) -> (Option<i32>, tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new("bash")
        .arg(repo_root().join("scripts/install-release.sh"))
        .env("VERSION", tag)
        .env("TARGET", target)
        .env("DIR", dir.path())
        .env("BASE", format!("file://{}", releases.display()))
        .output()
        .expect("bash runs");
    (
        out.status.code(),
        dir,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_release_binary_is_installed_once_its_checksum_matches() {
    let releases = tempfile::tempdir().unwrap();
    release(releases.path(), "v9.9.9", binary);
    let (code, dir, err) = install(releases.path(), "v9.9.9", TARGET);
    assert_eq!(code, Some(0), "{err}");
    let ran = Command::new(dir.path().join("bin/handlingsplan")).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&ran.stdout), "fake handlingsplan\n");
}

#[test]
fn a_tampered_or_hostile_archive_installs_nothing() {
    let releases = tempfile::tempdir().unwrap();
    release(releases.path(), "v9.9.9", binary);
    let archive = releases
        .path()
        .join(format!("v9.9.9/handlingsplan-v9.9.9-{TARGET}.tar.gz"));
    let mut bytes = std::fs::read(&archive).unwrap();
    bytes.extend_from_slice(b"tampered");
    std::fs::write(&archive, bytes).unwrap();
    let (code, dir, err) = install(releases.path(), "v9.9.9", TARGET);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("does not match its checksum"), "{err}");
    assert!(!dir.path().join("bin").exists());
    // The binary a link out of the folder; no binary at all.
    release(releases.path(), "v9.9.8", |folder| {
        std::os::unix::fs::symlink("/etc/passwd", folder.join("handlingsplan")).unwrap();
    });
    release(releases.path(), "v9.9.7", |folder| {
        std::fs::write(folder.join("other"), "x").unwrap()
    });
    for tag in ["v9.9.8", "v9.9.7"] {
        let (code, dir, err) = install(releases.path(), tag, TARGET);
        assert_eq!(code, Some(1), "{tag}: {err}");
        assert!(!dir.path().join("bin").exists(), "{tag}");
    }
}

#[test]
fn without_a_release_binary_the_caller_compiles() {
    let releases = tempfile::tempdir().unwrap();
    release(releases.path(), "v9.9.9", binary);
    for (tag, target) in [
        ("v1.0.0", TARGET),                   // no such release
        ("main", TARGET),                     // a branch, not a release
        ("v9.9.9", "x86_64-pc-windows-msvc"), // a zip this script does not unpack
    ] {
        let (code, dir, err) = install(releases.path(), tag, target);
        assert_eq!(code, Some(2), "{tag} {target}: {err}");
        assert!(!dir.path().join("bin").exists());
    }
}

#[test]
fn the_action_tries_the_release_binary_before_compiling() {
    let action = std::fs::read_to_string(repo_root().join("action.yml")).unwrap();
    let script = action.find("install-release.sh").expect("the action runs the script");
    let compile = action.find("cargo install").expect("and compiles as a fallback");
    assert!(script < compile, "the download comes first");
    assert!(
        action.contains("\"$status\" -ne 2"),
        "only 'no binary' falls back to compiling"
    );
}
