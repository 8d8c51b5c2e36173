//! Atomic and reproducible builds.

use crate::helpers::{TestSite, copy_tree, stderr, tree};

#[test]
fn a_failed_build_leaves_the_previous_output_byte_for_byte() {
    let site = TestSite::real();
    site.build_ok();
    let before = tree(&site.path("public"));
    for broken in ["---\ntitle: Broken\n", "---\ntitle: T\n---\n# H1\n"] {
        site.write("content/2022/plan.en.md", broken);
        let out = site.build();
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        assert_eq!(tree(&site.path("public")), before, "the previous output changed");
    }
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.') && n != ".handlingsplan-cache")
        .collect();
    assert!(leftovers.is_empty(), "staging folders left behind: {leftovers:?}");
}

#[test]
fn a_successful_build_replaces_the_whole_output() {
    let site = TestSite::fixture("minimal");
    site.build_ok();
    assert!(site.path("public/2022/miljo/index.html").exists());
    // The focus area `miljo` is removed from the plan (in both languages).
    for lang in ["sv", "en"] {
        let file = format!("content/2022/plan.{lang}.md");
        let text = site.read(&file);
        let cut = text
            .find("\n## ")
            .map(|first| first + 1 + text[first + 1..].find("\n## ").unwrap());
        site.write(&file, &text[..cut.unwrap()]);
    }
    site.build_ok();
    assert!(
        !site.path("public/2022/miljo/index.html").exists(),
        "a page no longer produced is gone"
    );
    assert!(site.path("public/2022/index.html").exists());
}

#[test]
fn a_file_added_to_the_output_by_hand_stops_the_next_build_and_survives() {
    let site = TestSite::fixture("minimal");
    site.build_ok();
    site.write("public/CNAME", "plan.example.org");
    let before = tree(&site.path("public"));
    let out = site.build();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("holds files that build did not write (`CNAME`)"), "{err}");
    assert!(err.contains("help: a build replaces the whole folder"), "{err}");
    assert_eq!(tree(&site.path("public")), before);
}

#[test]
fn two_builds_from_copies_in_different_folders_are_byte_identical() {
    let a = TestSite::real();
    let b = TestSite::empty();
    let nested = b.path("deeper/folder with space");
    copy_tree(a.root(), &nested);
    a.build_ok();
    let out = b
        .cmd(&["build", "--root", "deeper/folder with space", "--output", "out"])
        .env("TZ", "Pacific/Kiritimati")
        .env("LANG", "tr_TR.UTF-8")
        .env("LC_ALL", "tr_TR.UTF-8")
        .env("SOURCE_DATE_EPOCH", "1")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let (first, second) = (tree(&a.path("public")), tree(&b.path("out")));
    assert!(first.len() > 25);
    assert_eq!(first.keys().collect::<Vec<_>>(), second.keys().collect::<Vec<_>>());
    for (path, bytes) in &first {
        assert!(bytes == &second[path], "{path} differs between the two builds");
    }
}

#[cfg(unix)]
#[test]
fn a_stopped_build_removes_its_staging_folder_and_leaves_the_output() {
    // A site large enough that the build is still running when it is stopped.
    let site = TestSite::empty();
    let synthetic = crate::archive::synthetic();
    let made = std::process::Command::new(synthetic)
        .args(["--plans", "300", "--out"])
        .arg(site.root())
        .output()
        .unwrap();
    assert!(made.status.success());
    // One plain card for every page: drawn once, where 6,600 cards would
    // take minutes in a test build (what is tested is the stop).
    let plain = r##"<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630"><rect width="1200" height="630" fill="#fff"/></svg>"##;
    site.write("themes/default/templates/share_card.svg", plain);
    site.build_ok();
    let before = tree(&site.path("public"));
    for signal in ["INT", "TERM", "HUP"] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_handlingsplan"))
            .arg("build")
            .current_dir(site.root())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let staging = || {
            std::fs::read_dir(site.root())
                .unwrap()
                .filter_map(|e| e.ok())
                .any(|e| e.file_name().to_string_lossy().starts_with(".public.tmp-"))
        };
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while !staging() {
            assert!(std::time::Instant::now() < deadline, "the build never began writing");
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        let kill = std::process::Command::new("kill")
            .args([&format!("-{signal}"), &child.id().to_string()])
            .status()
            .unwrap();
        assert!(kill.success());
        let status = child.wait().unwrap();
        let mut err = String::new();
        std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut err).unwrap();
        if status.success() {
            continue; // it finished before the signal arrived: nothing to check
        }
        let code = std::os::unix::process::ExitStatusExt::signal(&status).map_or(status.code(), |s| Some(128 + s));
        assert!(matches!(code, Some(129 | 130 | 143)), "{signal}: {status:?} {err}");
        assert!(!staging(), "{signal}: the staging folder is gone");
        assert_eq!(
            tree(&site.path("public")),
            before,
            "{signal}: the previous output is untouched"
        );
        assert!(err.contains("stopped: nothing was changed"), "{err}");
    }
}

#[test]
fn many_builds_into_one_folder_at_once_all_succeed() {
    let site = TestSite::fixture("minimal");
    let children: Vec<_> = (0..24)
        .map(|_| {
            std::process::Command::new(env!("CARGO_BIN_EXE_handlingsplan"))
                .arg("build")
                .current_dir(site.root())
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.') && n != ".handlingsplan-cache")
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    assert!(site.path("public/2022/index.html").exists());
}

/// The folders beside the output whose names mark them as a build's.
fn beside(site: &TestSite) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(site.root())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".public."))
        .map(|e| e.path())
        .collect()
}

#[cfg(unix)]
#[test]
fn a_build_killed_while_it_removes_the_previous_output_leaves_it_marked_and_the_next_build_removes_it() {
    let site = TestSite::fixture("minimal");
    for round in 0..4 {
        site.build_ok();
        // Make the previous output large: 12,000 more files in its record.
        let public = site.path("public");
        let manifest = public.join(".handlingsplan-output");
        let mut text = std::fs::read_to_string(&manifest).unwrap();
        std::fs::create_dir_all(public.join("zz-bulk")).unwrap();
        for i in 0..12_000 {
            std::fs::write(public.join(format!("zz-bulk/{i:05}")), "x").unwrap();
            text.push_str(&format!("zz-bulk/{i:05}\n"));
        }
        std::fs::write(&manifest, text).unwrap();
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_handlingsplan"))
            .arg("build")
            .current_dir(site.root())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // The previous output is being removed once it is beside the new one.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        while !beside(&site).iter().any(|dir| dir.join("zz-bulk").exists()) {
            if child.try_wait().unwrap().is_some() || std::time::Instant::now() > deadline {
                break;
            }
        }
        std::thread::sleep(std::time::Duration::from_millis(round * 3));
        let _ = child.kill();
        child.wait().unwrap();
        for dir in beside(&site) {
            assert!(
                dir.join(".handlingsplan-output").exists(),
                "round {round}: {} was left without its record",
                dir.display()
            );
        }
    }
    site.build_ok();
    assert_eq!(
        beside(&site),
        Vec::<std::path::PathBuf>::new(),
        "the next build removed them"
    );
    assert!(site.path("public/2022/index.html").exists());
}
