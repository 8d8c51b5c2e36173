//! `handlingsplan import plan.docx|.odt`: the real plan from documents made
//! by LibreOffice and pandoc (`tests/word/`, with the script that made
//! them), word for word; what has no place in a plan said, not guessed;
//! hostile documents refused with nothing written.

use crate::helpers::{TestSite, repo_root, stderr};
use std::io::Write;

const PLAN_DOCUMENTS: [&str; 3] = ["plan-2022.pandoc.docx", "plan-2022.lo.docx", "plan-2022.lo.odt"];

fn word(name: &str) -> String {
    repo_root().join("tests/word").join(name).display().to_string()
}

/// The real site with its Swedish plan taken away.
fn without_swedish_plan() -> TestSite {
    let site = TestSite::real();
    std::fs::remove_file(site.path("content/2022/plan.sv.md")).unwrap();
    site
}

fn import(site: &TestSite, file: &str, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["import", file, "--year", "2022", "--lang", "sv"];
    args.extend(extra);
    site.cmd(&args).output().unwrap()
}

/// A plan file's text: every line but the front matter, ids taken off.
fn text(md: &str) -> Vec<String> {
    let body = md.splitn(3, "---\n").nth(2).unwrap();
    body.lines()
        .filter(|l| !l.is_empty())
        .map(|l| l.split(" {#").next().unwrap().to_string())
        .collect()
}

#[test]
fn the_real_plan_from_every_producer_is_the_plan_word_for_word() {
    let real = std::fs::read_to_string(repo_root().join("content/2022/plan.sv.md")).unwrap();
    for doc in PLAN_DOCUMENTS {
        let site = without_swedish_plan();
        let out = import(&site, &word(doc), &["--strict"]);
        assert!(out.status.success(), "{doc}: {}", stderr(&out));
        let imported = site.read("content/2022/plan.sv.md");
        assert_eq!(text(&imported), text(&real), "{doc}");
        let actions: Vec<&str> = imported.lines().filter(|l| l.starts_with("- ")).collect();
        assert_eq!(actions.len(), 30, "{doc}");
        assert_eq!(imported.lines().filter(|l| l.starts_with("## ")).count(), 10, "{doc}");
        assert!(
            actions.contains(&"- Handelskammaren skall verka för att svenska företag har tillgång till CPH på samma villkor som danska under avvecklingen av pandemin"),
            "{doc}: the line break in the CPH action is joined"
        );
        let fixed_link = actions
            .iter()
            .filter(|a| a.contains("fast förbindelse Helsingborg-Helsingör"))
            .count();
        assert_eq!(
            fixed_link, 2,
            "{doc}: the fixed link in both areas, each in its own words"
        );
        assert!(imported.starts_with("---\ntitle: Handlingsplan 2022\n"), "{doc}");
        // The English plan beside it gave every area its id: the ids are the real ones.
        let ids = |md: &str| {
            md.lines()
                .filter_map(|l| l.split_once(" {#").map(|(_, id)| id.to_string()))
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&imported), ids(&real), "{doc}");
        assert!(
            stderr(&out).contains("the 10 focus areas keep the ids of"),
            "{doc}: {}",
            stderr(&out)
        );
        // What it wrote passes `check`, and builds.
        let check = site.cmd(&["check"]).output().unwrap();
        assert!(check.status.success(), "{doc}: {}", stderr(&check));
    }
}

#[test]
fn formatting_is_kept_and_what_has_no_place_is_said_where_it_is() {
    let mut outputs = Vec::new();
    for doc in ["features.lo.docx", "features.lo.odt"] {
        let site = TestSite::fixture("minimal");
        let out = site
            .cmd(&["import", &word(doc), "--year", "2030", "--lang", "sv"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{doc}: {}", stderr(&out));
        let err = stderr(&out).replace(&word(doc), "DOC");
        let md = site.read("content/2030/plan.sv.md");
        outputs.push((md.clone(), err.clone()));
        insta::assert_snapshot!("word_features_plan", md);
        insta::assert_snapshot!("word_features_warnings", err);
    }
    assert_eq!(
        outputs[0], outputs[1],
        "a .docx and an .odt of one document import alike"
    );
}

#[test]
fn strict_writes_nothing_when_anything_was_not_placed() {
    let site = TestSite::fixture("minimal");
    let out = site
        .cmd(&[
            "import",
            &word("features.lo.docx"),
            "--year",
            "2030",
            "--lang",
            "sv",
            "--strict",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("nothing was written"), "{}", stderr(&out));
    assert!(!site.path("content/2030").exists());
}

#[test]
fn an_existing_plan_is_not_replaced_without_force() {
    let site = TestSite::real();
    let before = site.read("content/2022/plan.sv.md");
    let out = import(&site, &word("plan-2022.lo.odt"), &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("already exists; pass --force"),
        "{}",
        stderr(&out)
    );
    assert_eq!(site.read("content/2022/plan.sv.md"), before);
    assert!(import(&site, &word("plan-2022.lo.odt"), &["--force"]).status.success());
    assert_eq!(text(&site.read("content/2022/plan.sv.md")), text(&before));
}

/// A package of `parts`, deflated.
fn package(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in parts {
        zip.start_file(*name, opts).unwrap();
        zip.write_all(data).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

const DOC_START: &str =
    r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#;

#[test]
fn hostile_documents_are_refused_with_nothing_written() {
    let laughs = format!(
        r#"<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>{DOC_START}<w:p><w:r><w:t>&c;</w:t></w:r></w:p></w:body></w:document>"#
    );
    let zeros = vec![b' '; 80 * 1024 * 1024];
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("bomb.docx", package(&[("word/document.xml", &zeros)]), "it unpacks to"),
        (
            "laughs.docx",
            package(&[("word/document.xml", laughs.as_bytes())]),
            "declares a DTD",
        ),
        (
            "climb.docx",
            package(&[("word/document.xml", b"<x/>"), ("../../evil.xml", b"x")]),
            "outside the package",
        ),
        (
            "macros.docx",
            package(&[("word/document.xml", b"<x/>"), ("word/vbaProject.bin", b"x")]),
            "holds macros",
        ),
        ("plan.docm", package(&[("word/document.xml", b"<x/>")]), "macro-enabled"),
        (
            "sheet.docx",
            package(&[("xl/workbook.xml", b"<x/>")]),
            "not a Word document",
        ),
        ("text.docx", b"Handlingsplan 2022\n".to_vec(), "is not a document"),
        ("old.doc", b"\xd0\xcf\x11\xe0".to_vec(), "old binary format"),
    ];
    for (name, bytes, says) in cases {
        let site = without_swedish_plan();
        site.write(name, &bytes);
        let out = import(&site, name, &[]);
        assert_eq!(out.status.code(), Some(1), "{name}");
        assert!(stderr(&out).contains(says), "{name}: {}", stderr(&out));
        assert!(!stderr(&out).contains("panicked"), "{name}");
        assert!(!site.path("content/2022/plan.sv.md").exists(), "{name}");
    }
    // A 50 MB document is refused by its size before anything is read.
    let site = without_swedish_plan();
    let big = std::fs::File::create(site.path("big.docx")).unwrap();
    big.set_len(50 * 1024 * 1024).unwrap();
    let out = import(&site, "big.docx", &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("larger than 16 MB"), "{}", stderr(&out));
}

#[test]
fn a_plain_text_plan_named_as_text_but_zipped_is_pointed_at_docx() {
    let site = without_swedish_plan();
    std::fs::copy(word("plan-2022.lo.docx"), site.path("plan.txt")).unwrap();
    let out = import(&site, "plan.txt", &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("name it `.docx`"), "{}", stderr(&out));
}
