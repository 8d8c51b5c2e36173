//! `static/` beside `content/`: files published at the site root as they
//! are (CNAME, `_redirects`, `.well-known/`), never over the site's own.

use crate::helpers::{TestSite, stderr, stdout};

/// The `static-root` fixture, `.well-known` listed as publishable.
fn site() -> TestSite {
    let site = TestSite::fixture("static-root");
    let settings = site.read("content/site.yaml");
    site.write(
        "content/site.yaml",
        format!("{settings}publish_hidden: [.well-known]\n"),
    );
    site
}

#[test]
fn static_files_are_published_at_the_root_as_they_are() {
    let site = site();
    let check = site.cmd(&["check", "--deny-warnings"]).output().unwrap();
    assert!(check.status.success(), "{}", stderr(&check));
    site.build_ok();
    for (file, from) in [
        ("CNAME", "static/CNAME"),
        ("_redirects", "static/_redirects"),
        (".well-known/security.txt", "static/.well-known/security.txt"),
        ("verify/google123.html", "static/verify/google123.html"),
        // The site's own robots.txt stands in for the one the tool makes.
        ("robots.txt", "static/robots.txt"),
    ] {
        assert_eq!(site.read(&format!("public/{file}")), site.read(from), "{file}");
    }
    let files = site.files("public");
    for never in ["CNAME~", ".secret/key"] {
        assert!(!files.iter().any(|f| f == never), "{never} was published");
    }
    // The next build knows them as its own: no "files that build did not write".
    site.build_ok();
    site.write("static/CNAME", "plan.example.se\n");
    site.build_ok();
    assert_eq!(site.read("public/CNAME"), "plan.example.se\n");
}

#[test]
fn a_static_file_never_replaces_one_the_site_makes() {
    for (file, said) in [
        ("index.html", "the page `home.html` makes"),
        ("2022/index.html", "the page `plan.html` makes"),
        ("SITEMAP.XML", "its `sitemap.xml`"),
        ("static/style.css", "the theme's files"),
        ("2022", "a folder of its pages"),
    ] {
        let site = site();
        site.write(&format!("static/{file}"), "mine");
        let out = site.build();
        assert_eq!(out.status.code(), Some(1), "{file}");
        let err = stderr(&out);
        assert!(
            err.contains("error[reserved-name]") && err.contains(&format!("static/{file}")),
            "{file}: {err}"
        );
        assert!(err.contains(said), "{file}: {err}");
        assert!(!site.path("public").exists(), "{file}: nothing is written");
        let check = site.cmd(&["check"]).output().unwrap();
        assert_eq!(check.status.code(), Some(1), "check agrees on {file}");
    }
}

#[test]
fn static_cannot_reach_outside_the_site_or_publish_hidden_files_unlisted() {
    let site = site();
    #[cfg(unix)]
    {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret"), "x").unwrap();
        std::os::unix::fs::symlink(outside.path().join("secret"), site.path("static/leak")).unwrap();
        std::os::unix::fs::symlink(outside.path(), site.path("static/dir")).unwrap();
        let out = site.build();
        assert_eq!(out.status.code(), Some(1));
        let err = stderr(&out);
        assert!(err.contains("static/leak") && err.contains("static/dir"), "{err}");
        std::fs::remove_file(site.path("static/leak")).unwrap();
        std::fs::remove_file(site.path("static/dir")).unwrap();
    }
    for listed in [".git", "..", ".well-known/x", ".handlingsplan-output", "well-known"] {
        let site = TestSite::fixture("static-root");
        let settings = site.read("content/site.yaml");
        site.write(
            "content/site.yaml",
            format!("{settings}publish_hidden: [\"{listed}\"]\n"),
        );
        let err = stderr(&site.cmd(&["check"]).output().unwrap());
        assert!(err.contains("error[invalid-hidden-name]"), "{listed}: {err}");
    }
    // Unlisted, a hidden folder stays home.
    let site = TestSite::fixture("static-root");
    site.build_ok();
    assert!(!site.path("public/.well-known").exists());
}

#[test]
fn files_meant_for_the_root_elsewhere_are_pointed_to_static() {
    let site = TestSite::fixture("minimal");
    site.write("content/CNAME", "plan.handelskammaren.se\n");
    let out = site.cmd(&["check"]).output().unwrap();
    let err = stderr(&out);
    assert!(
        err.contains("warning[not-published]") && err.contains("move it to `static/CNAME`"),
        "{err}"
    );
    site.write("content/static/CNAME", "x");
    let err = stderr(&site.cmd(&["check"]).output().unwrap());
    assert!(err.contains("`static/` beside `content/`, not in it"), "{err}");
    // A file put into the output by hand: the refusal says where it belongs.
    let site = TestSite::fixture("minimal");
    site.build_ok();
    site.write("public/CNAME", "plan.handelskammaren.se\n");
    let out = site.build();
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(stderr(&out).contains("move it to `static/`"), "{}", stderr(&out));
}
