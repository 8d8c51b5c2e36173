//! Nothing an editor wrote is ever lost or published by accident: refused
//! output folders leave every file as it was, and leftovers never reach the site.

use crate::helpers::{TestSite, stderr};
use std::collections::BTreeMap;
use std::path::Path;

/// Every file and symbolic link under `dir`, with its bytes or its target.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .follow_links(false)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| !e.file_type().is_dir())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned();
            let bytes = match e.file_type().is_symlink() {
                true => std::fs::read_link(e.path())
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
                    .into_bytes(),
                false => std::fs::read(e.path()).unwrap(),
            };
            (rel, bytes)
        })
        .collect()
}

#[test]
fn every_refused_output_folder_leaves_every_file_as_it_was() {
    let site = TestSite::real();
    site.write("notes/möte.txt", "the board's notes");
    site.write("seeds/handlingsplan-2022.txt", "a copy of the seed");
    site.write("afile.txt", "not a folder");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(site.path("content"), site.path("link-to-content")).unwrap();
        std::os::unix::fs::symlink(site.path("."), site.path("link-to-root")).unwrap();
    }
    site.build_ok();
    site.write("public/CNAME", "plan.example.org");
    let parent = site.root().parent().unwrap().to_path_buf();
    let before = snapshot(site.root());
    // Beside the site (in the shared temporary folder, where other tests
    // come and go): a build's staging folder would be named after it.
    let name = site.root().file_name().unwrap().to_string_lossy().into_owned();
    let beside = || -> Vec<_> {
        let entries = std::fs::read_dir(&parent).unwrap().map(|e| e.unwrap().file_name());
        entries.filter(|n| n.to_string_lossy().contains(&name)).collect()
    };
    let parent_before = beside();
    let mut refused = vec![
        "content",
        "content/",
        "./content",
        "content/2022",
        "content/ny",
        "notes/../content",
        "themes",
        "themes/default",
        ".",
        "..",
        "/",
        "notes",
        "seeds",
        "afile.txt",
        "public",
        "public/2022",
    ];
    #[cfg(unix)]
    refused.extend(["link-to-content", "link-to-root", "link-to-content/2022"]);
    for output in refused {
        let out = site.cmd(&["build", "--output", output]).output().unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "--output {output}: {err}");
        assert!(
            err.starts_with("error: refusing to write the site into `"),
            "--output {output}: {err}"
        );
        assert!(err.contains("\n  help: "), "--output {output}: {err}");
        assert!(!err.contains("panicked"), "{err}");
        assert_eq!(snapshot(site.root()), before, "--output {output} changed a file");
    }
    let parent_after = beside();
    assert_eq!(
        parent_before, parent_after,
        "nothing was written beside the site either"
    );
}

#[test]
fn editor_leftovers_and_sources_are_never_published() {
    let site = TestSite::fixture("minimal");
    let plan = site.read("content/2022/plan.sv.md");
    let leftovers = [
        "#plan.sv.md#",
        ".#plan.sv.md",
        "plan.sv.md~",
        "plan.sv.md.bak",
        "plan.sv.md.orig",
        "plan.sv.md.rej",
        ".plan.sv.md.swp",
        "plan.sv.md.swo",
        "~$rapport.docx",
        ".~lock.rapport.docx#",
        ".DS_Store",
        "Thumbs.db",
        "desktop.ini",
        "anteckningar.md",
        "utkast.yaml",
        "bilder/.git/config",
        "bilder/.DS_Store",
        ".hemligt/rapport.pdf",
        "bilder/utkast.md",
    ];
    for name in leftovers {
        site.write(&format!("content/2022/{name}"), &plan);
    }
    site.write("content/2022/rapport.pdf", "%PDF-1.4 report");
    site.write("content/2022/bilder/karta.png", "png");
    site.build_ok();
    let published = site.files("public");
    for lang_dir in ["", "en/"] {
        for want in ["rapport.pdf", "bilder/karta.png"] {
            let path = format!("{lang_dir}2022/{want}");
            assert!(published.contains(&path), "{path} is published: {published:?}");
        }
    }
    let stray: Vec<&String> = published
        .iter()
        .filter(|p| leftovers.iter().any(|name| p.ends_with(name)) || p.ends_with(".md"))
        .collect();
    assert!(stray.is_empty(), "published: {stray:?}");
    // `check` agrees: no leftover is a problem, and none is read as a plan.
    let out = site.cmd(&["check"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
}
