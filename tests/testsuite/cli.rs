//! Command-line conventions: every value checked by the parser (a bad one is
//! exit code 2 with the usage), `-r/--root` before or after the command, and
//! Zola's short flags.

use crate::helpers::{TestSite, stderr, stdout};

#[test]
fn a_bad_value_is_a_usage_error_with_exit_code_2() {
    let site = TestSite::fixture("minimal");
    site.write("plan.txt", "Plan\n\nIntro.\n\nArea\n• Action\n");
    let cases: &[&[&str]] = &[
        &["import", "plan.txt", "--year", "2030", "--lang", "SV"],
        &["import", "plan.txt", "--year", "2030", "--lang", "svenska"],
        &["import", "plan.txt", "--year", "99", "--lang", "sv"],
        &["new", "20222"],
        &["new", "2023", "--from", "tjugo"],
        &["serve", "--port", "70000"],
        &["serve", "-p", "x"],
        &["serve", "--bind", "localhost:80"],
        &["serve", "-i", "256.0.0.1"],
        &["build", "--base-url", "example.org/plan"],
        &["build", "-u", "ftp://example.org/"],
        &["build", "-u", "https://example.org/?page=1"],
        &["check", "--format", "xml"],
        &["build", "--no-such-flag"],
        &["frobnicate"],
    ];
    for args in cases {
        let out = site.cmd(args).output().unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains("Usage:") || err.contains("usage:"), "{args:?}: {err}");
        assert!(
            !site.path("public").exists() && !site.path("content/2030").exists(),
            "{args:?}"
        );
    }
}

#[test]
fn the_root_is_accepted_before_or_after_the_command() {
    let site = TestSite::empty();
    crate::helpers::copy_tree(&crate::helpers::fixtures().join("minimal"), &site.path("sajt"));
    for args in [
        &["--root", "sajt", "check"][..],
        &["-r", "sajt", "check"],
        &["check", "-r", "sajt"],
        &["check", "--root", "sajt"],
    ] {
        let out = site.cmd(args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    }
    let out = site
        .cmd(&["-r", "sajt", "build", "-o", "ut", "-u", "https://plan.example.se/"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("into ut"), "{}", stdout(&out));
    let page = site.read("ut/2022/index.html");
    assert!(
        page.contains("href=\"https://plan.example.se/2022/\""),
        "the base URL from -u"
    );
}

/// Each command whose reader went away before it wrote (`… | head`) ends
/// quietly, with no panic.
#[test]
fn a_closed_stdout_ends_a_command_quietly() {
    let site = TestSite::fixture("minimal");
    let commands: [&[&str]; 4] = [
        &["completions", "bash"],
        &["check", "--format", "json"],
        &["build"],
        &["--help"],
    ];
    for args in commands {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("handlingsplan"))
            .args(args)
            .current_dir(site.root())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take()); // the reader is gone before anything is written
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(
            out.status.code().is_some_and(|c| c <= 1),
            "{args:?}: {:?} {err}",
            out.status
        );
    }
}

/// A closed stdout does not change what the exit code says.
#[test]
fn a_closed_stdout_keeps_the_exit_code() {
    let site = TestSite::fixture("broken-links");
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("handlingsplan"))
        .args(["check", "--format", "json"])
        .current_dir(site.root())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
}

/// Each way of pointing at no site says so once, with `init` as the way on.
#[test]
fn no_site_is_said_clearly_with_init_as_the_way_on() {
    let empty = TestSite::empty();
    let missing = empty.path("no-such-dir");
    let missing = missing.to_str().unwrap();
    for args in [
        &["check", "-r", missing][..],
        &["build", "-r", missing],
        &["serve", "-r", missing],
    ] {
        let out = empty.cmd(args).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = stderr(&out);
        assert!(
            err.contains("does not exist") && err.contains("handlingsplan init"),
            "{args:?}: {err}"
        );
    }
    // A folder without `content/`: `serve` does not start.
    let out = empty
        .cmd(&["serve", "-p", "0"])
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no `content/` folder"), "{}", stderr(&out));
    // Without `site.yaml`, `check` points at `init` first.
    let out = empty.cmd(&["check"]).output().unwrap();
    assert!(
        stderr(&out).contains("start a site here with `handlingsplan init`"),
        "{}",
        stderr(&out)
    );
}

/// A port in use: the cause is said once.
#[test]
fn a_taken_port_is_said_once() {
    let site = TestSite::fixture("minimal");
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let out = site
        .cmd(&["serve", "-p", &port])
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_eq!(err.matches("in use").count(), 1, "{err}");
}

#[test]
fn zolas_long_flag_names_are_accepted_where_ours_differ() {
    let site = TestSite::fixture("minimal");
    let out = site.cmd(&["build", "--output-dir", "site-out"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(site.path("site-out/index.html").is_file());
    let help = stdout(&site.cmd(&["serve", "--help"]).output().unwrap());
    assert!(help.contains("--interface") && help.contains("--base-url"), "{help}");
}
