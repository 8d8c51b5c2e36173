//! The small edges of hostile input (round three, item 10): odd file
//! names and kinds, addresses with secrets in them, sizes, and folders a
//! command must not write into.

use crate::helpers::{TestSite, stderr};
use crate::round_three::Case;

#[test]
fn a_logo_in_a_hidden_folder_or_too_large_is_refused() {
    let hidden = Case {
        what: "a hidden folder",
        files: &[(
            "content/2022/.hidden/secret.svg",
            b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        )],
        edits: &[(
            "content/site.yaml",
            "default_language:",
            "brand:\n  logo: 2022/.hidden/secret.svg\ndefault_language:",
        )],
        code: "invalid-logo",
        at: "content/site.yaml",
    };
    hidden.assert_fails();
    let site = TestSite::fixture("minimal");
    let logo = std::fs::File::create(site.path("content/logo.svg")).unwrap();
    logo.set_len(11 * 1024 * 1024).unwrap();
    let text =
        site.read("content/site.yaml")
            .replacen("default_language:", "brand:\n  logo: logo.svg\ndefault_language:", 1);
    site.write("content/site.yaml", text);
    for args in [&["build"][..], &["check"]] {
        let out = site.cmd(args).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(stderr(&out).contains("error[too-large]"), "{args:?}: {}", stderr(&out));
    }
}

#[cfg(unix)]
#[test]
fn names_and_kinds_of_file_a_site_cannot_have_are_errors_in_build_and_check_alike() {
    use std::os::unix::ffi::OsStrExt;
    let not_utf8 = std::ffi::OsStr::from_bytes(b"rapport-\xff.pdf");
    type Make<'a> = Box<dyn Fn(&TestSite) + 'a>;
    let cases: Vec<(&str, Make)> = vec![
        (
            "a pipe",
            Box::new(|s: &TestSite| {
                let made = std::process::Command::new("mkfifo")
                    .arg(s.path("content/2022/pipe"))
                    .status()
                    .unwrap();
                assert!(made.success());
            }),
        ),
        (
            "a name that is not UTF-8",
            Box::new(move |s: &TestSite| {
                std::fs::write(s.path("content/2022").join(not_utf8), "x").unwrap();
            }),
        ),
        (
            "a folder whose name starts a line",
            Box::new(|s: &TestSite| {
                s.write("content/2022/bilagor\n::error title=pwned::x/a.pdf", "x");
            }),
        ),
    ];
    for (what, make) in cases {
        let site = TestSite::fixture("minimal");
        make(&site);
        for args in [&["build"][..], &["check"], &["check", "--format", "github"]] {
            let out = site
                .cmd(args)
                .timeout(std::time::Duration::from_secs(30))
                .output()
                .unwrap();
            let all = format!("{}{}", stderr(&out), String::from_utf8_lossy(&out.stdout));
            assert_eq!(out.status.code(), Some(1), "{what} {args:?}: {all}");
            assert!(all.contains("unusual-file"), "{what} {args:?}: {all}");
            assert!(
                !all.lines().any(|l| l.starts_with("::error title=pwned")),
                "{what} {args:?}: a name started a line:\n{all}"
            );
        }
        assert!(!site.path("public").exists(), "{what}");
    }
}

#[test]
fn addresses_with_a_secret_or_a_script_are_refused_and_an_empty_one_is_unset() {
    let site = TestSite::fixture("minimal");
    let out = site
        .cmd(&["build", "--base-url", "https://user:pass@testkammaren.se/hp"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("user name or password"));
    let out = site.cmd(&["build"]).env("HANDLINGSPLAN_BASE_URL", "").output().unwrap();
    assert!(
        out.status.success(),
        "an empty variable is no address: {}",
        stderr(&out)
    );
    assert!(
        site.read("public/sitemap.xml")
            .contains("https://testkammaren.se/hp/2022/")
    );
    let empty = TestSite::empty();
    let out = empty
        .cmd(&["init", "--contact", "javascript:alert(1)"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(!empty.path("content").exists(), "nothing written");
    Case {
        what: "credentials in site.yaml",
        files: &[],
        edits: &[(
            "content/site.yaml",
            "https://testkammaren.se/hp",
            "https://u:p@testkammaren.se/hp",
        )],
        code: "invalid-base-url",
        at: "content/site.yaml",
    }
    .assert_fails();
}

#[test]
fn commands_do_not_write_where_sources_belong_or_read_without_bound() {
    let site = TestSite::fixture("minimal");
    let out = site.cmd(&["build", "-o", "themes"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("`themes/` folder (which does not exist yet)"),
        "{}",
        stderr(&out)
    );
    assert!(!site.path("themes").exists());
    let out = site.cmd(&["theme", "export", "content/2022/tema"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(!site.path("content/2022/tema").exists());
    #[cfg(unix)]
    {
        let out = site
            .cmd(&["import", "/dev/zero", "--year", "2030", "--lang", "sv"])
            .timeout(std::time::Duration::from_secs(30))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        assert!(stderr(&out).contains("larger than 10 MiB"), "{}", stderr(&out));
    }
}
