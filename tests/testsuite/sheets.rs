//! Action owners report in a spreadsheet: `follow-up sheet` writes the
//! workbook, `follow-up import` reads it back into a dated report — every
//! wrong cell said at once, nothing written until all are right, and what is
//! written passes the strict check the CI workflow runs.

use crate::helpers::{TestSite, stderr, stdout};
use calamine::{Data, Reader};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use std::io::Read as _;

/// `follow-up import` of the file `name` in `site`, with `more` arguments.
fn import(site: &TestSite, name: &str, more: &[&str]) -> std::process::Output {
    let path = site.path(name).to_string_lossy().into_owned();
    let args = [&["follow-up", "import", path.as_str()], more].concat();
    site.cmd(&args).output().unwrap()
}

/// A part of an xlsx file (a zip of XML).
fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut text = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut text).unwrap();
    text
}

#[test]
fn the_sheet_has_a_row_per_action_in_the_sites_words_and_the_same_bytes_each_time() {
    let site = TestSite::fixture("reports");
    for name in ["a.xlsx", "b.xlsx"] {
        let out = site
            .cmd(&["follow-up", "sheet", "2022", "-o", &site.path(name).to_string_lossy()])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let bytes = std::fs::read(site.path("a.xlsx")).unwrap();
    assert_eq!(bytes, std::fs::read(site.path("b.xlsx")).unwrap(), "reproducible");
    let mut book = calamine::open_workbook_auto(site.path("a.xlsx")).unwrap();
    assert_eq!(book.sheet_names(), ["Uppföljning"]);
    let range = book.worksheet_range("Uppföljning").unwrap();
    let text = |r: u32, c: u32| range.get_value((r, c)).map(|d| d.to_string()).unwrap_or_default();
    assert_eq!(
        (text(0, 0), text(0, 3), text(0, 4)),
        ("Rapportdatum".into(), "Handlingsplan för år".into(), "2022".into())
    );
    let headers: Vec<String> = (0..9).map(|c| text(2, c)).collect();
    assert_eq!(
        headers,
        [
            "Insatsområde",
            "Id",
            "Insats",
            "Ansvarig",
            "Samarbetspartner",
            "Ska vara klar senast",
            "Status",
            "Genomfört",
            "Anteckning"
        ]
    );
    // The last report's state: skola-1 done at 100 %, due as a date cell.
    assert_eq!(
        (text(3, 1), text(3, 6), text(3, 7), text(3, 8)),
        (
            "skola-1".into(),
            "Klar".into(),
            "100".into(),
            "Klart i september.".into()
        )
    );
    assert!(
        matches!(range.get_value((3, 5)), Some(Data::DateTime(_))),
        "due is a date cell"
    );
    assert_eq!(
        (text(4, 1), text(5, 1), text(5, 6)),
        ("skola-2".into(), "miljo-1".into(), "Pausad".into())
    );
    let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(
        sheet.contains("<formula1>\"Planerad,Pågår,Klar,Pausad,Avbruten\"</formula1>"),
        "{sheet}"
    );
    assert!(sheet.contains("type=\"whole\"") && sheet.contains("<formula1>0</formula1><formula2>100</formula2>"));
    assert!(sheet.contains("state=\"frozen\""), "the header stays in view");
    let workbook = part(&bytes, "xl/workbook.xml");
    assert!(
        workbook.contains("<definedName name=\"report_date\">'Uppföljning'!$B$1</definedName>"),
        "{workbook}"
    );
}

/// A workbook as an action owner saves it: the date in a date cell, statuses
/// in the site's words, progress as numbers.
fn filled(path: &std::path::Path, date: &str, rows: &[[&str; 4]]) {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("Uppföljning").unwrap();
    let day = Format::new().set_num_format("yyyy-mm-dd");
    ws.write_string(0, 0, "Rapportdatum").unwrap();
    ws.write_datetime_with_format(0, 1, ExcelDateTime::parse_from_str(date).unwrap(), &day)
        .unwrap();
    ws.write_string(0, 3, "Handlingsplan för år").unwrap();
    ws.write_number(0, 4, 2022).unwrap();
    for (c, h) in ["Id", "Status", "Genomfört", "Anteckning"].iter().enumerate() {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            match v.parse::<f64>() {
                Ok(n) => ws.write_number(3 + r as u32, c as u16, n).unwrap(),
                Err(_) => ws.write_string(3 + r as u32, c as u16, *v).unwrap(),
            };
        }
    }
    book.save(path).unwrap();
}

#[test]
fn a_filled_in_workbook_becomes_a_report_of_what_changed_that_passes_a_strict_check() {
    let site = TestSite::fixture("reports");
    let rows = [
        ["skola-1", "Klar", "100", "Klart i september."],
        ["skola-2", "klar", "100", "Färdigt \"i tid\"."],
        ["miljo-1", "pågår", "40", ""],
    ];
    filled(&site.path("ifyllt.xlsx"), "2022-12-31", &rows);
    let out = import(&site, "ifyllt.xlsx", &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("2 actions (skola-2, miljo-1)"),
        "{}",
        stdout(&out)
    );
    // skola-1 says what the last report said: it is left out.
    insta::assert_snapshot!("imported_report", site.read("content/2022/follow-up/2022-12-31.yaml"));
    let check = site.cmd(&["check", "--deny-warnings"]).output().unwrap();
    assert!(check.status.success(), "{}", stderr(&check));
    // The site shows the new statuses, and a new sheet says what was filled in.
    site.build_ok();
    assert!(site.read("public/2022/index.html").contains("2 av 3 klara"));
    let again = site.path("igen.xlsx");
    assert!(
        site.cmd(&["follow-up", "sheet", "2022", "-o", &again.to_string_lossy()])
            .output()
            .unwrap()
            .status
            .success()
    );
    let mut book = calamine::open_workbook_auto(&again).unwrap();
    let range = book.worksheet_range("Uppföljning").unwrap();
    let row = |r: u32| -> Vec<String> {
        [1, 6, 7, 8]
            .iter()
            .map(|&c| range.get_value((r, c)).map(|d| d.to_string()).unwrap_or_default())
            .collect()
    };
    // The note as the page shows it, with the page's quotation marks.
    assert_eq!(row(4), ["skola-2", "Klar", "100", "Färdigt ”i tid”."]);
    assert_eq!(row(5), ["miljo-1", "Pågår", "40", ""]);
    // A report of that date is never written over without --force.
    let again = import(&site, "ifyllt.xlsx", &["--date", "2022-12-31"]);
    assert_eq!(again.status.code(), Some(1));
    let forced = import(&site, "ifyllt.xlsx", &["--date", "2022-12-31", "--force"]);
    assert!(forced.status.success(), "{}", stderr(&forced));
}

#[test]
fn every_wrong_cell_is_said_at_once_and_nothing_is_written() {
    let site = TestSite::fixture("reports");
    let csv = "Rapportdatum;2022-06-01\n\nInsatsområde;Id;Insats;Ansvarig;Samarbetspartner;Ska vara klar senast;Status;Genomfört;Anteckning\n\
               ;skola-1;;;;;klar?;;\n;skola-9;;;;;Klar;;\n;skola-1;;;;;Klar;;\n;miljo-1;;;;31/12;Pågår;40%;\n";
    site.write("uppfoljning.csv", csv);
    let before = crate::helpers::tree(&site.path("content"));
    let out = import(&site, "uppfoljning.csv", &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    for said in [
        "uppfoljning!B1: 2022-06-01 is not after the last report, of 2022-09-30",
        "uppfoljning!G4: `klar?` is not a status",
        "did you mean Klar?",
        "uppfoljning!B5: `skola-9` is not an action of the 2022 plan",
        "uppfoljning!B6: `skola-1` has a row already",
        "uppfoljning!H7: `40%` is not a whole number from 0 to 100, without %",
        "write it without %: 40",
        "uppfoljning!F7: `31/12` is not a date",
        "the sheet has 6 problems; nothing was written",
    ] {
        assert!(err.contains(said), "{said}:\n{err}");
    }
    assert_eq!(crate::helpers::tree(&site.path("content")), before, "nothing written");
    // A date the site would refuse is refused here too.
    site.write("sent.csv", "Id;Status\nskola-1;Pågår\n");
    let out = import(&site, "sent.csv", &["--date", "2024-01-15"]);
    assert!(
        stderr(&out).contains("--date: 2024-01-15 is more than a year after the 2022 plan's year ends"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_sheet_that_says_nothing_new_writes_nothing_and_a_single_follow_up_file_is_not_split() {
    let site = TestSite::fixture("reports");
    let sheet = site.path("s.xlsx").to_string_lossy().into_owned();
    assert!(
        site.cmd(&["follow-up", "sheet", "2022", "-o", &sheet])
            .output()
            .unwrap()
            .status
            .success()
    );
    let out = site
        .cmd(&["follow-up", "import", &sheet, "--date", "2022-12-31"])
        .output()
        .unwrap();
    assert!(stdout(&out).contains("nothing written"), "{}", stdout(&out));
    assert!(!site.path("content/2022/follow-up/2022-12-31.yaml").exists());
    let single = TestSite::fixture("minimal");
    single.write(
        "content/2022/follow-up.yaml",
        "skola-1:\n  text: \"Första insatsen\"\n  status: done\n",
    );
    single.write("s.csv", "Id;Status\nskola-1;Pågår\n");
    let out = single
        .cmd(&[
            "follow-up",
            "import",
            &single.path("s.csv").to_string_lossy(),
            "--date",
            "2022-09-30",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("move it to `content/2022/follow-up/<its date>.yaml` first"),
        "{}",
        stderr(&out)
    );
}

/// An OpenDocument spreadsheet (as LibreOffice saves one), made here from its XML.
fn ods(path: &std::path::Path, rows: &[Vec<&str>]) {
    use std::io::Write as _;
    let cell = |v: &str| match v {
        "" => "<table:table-cell/>".to_string(),
        d if d.len() == 10 && d.as_bytes()[4] == b'-' => format!(
            "<table:table-cell office:value-type=\"date\" office:date-value=\"{d}\"><text:p>{d}</text:p></table:table-cell>"
        ),
        n if n.parse::<f64>().is_ok() => format!(
            "<table:table-cell office:value-type=\"float\" office:value=\"{n}\"><text:p>{n}</text:p></table:table-cell>"
        ),
        s => format!("<table:table-cell office:value-type=\"string\"><text:p>{s}</text:p></table:table-cell>"),
    };
    let body: String = rows
        .iter()
        .map(|r| {
            format!(
                "<table:table-row>{}</table:table-row>",
                r.iter().map(|v| cell(v)).collect::<String>()
            )
        })
        .collect();
    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.3\">\
<office:body><office:spreadsheet><table:table table:name=\"Uppföljning\">{body}</table:table></office:spreadsheet></office:body></office:document-content>"
    );
    let manifest = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.3\">\
<manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/>\
<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/></manifest:manifest>";
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    zip.start_file("META-INF/manifest.xml", stored).unwrap();
    zip.write_all(manifest.as_bytes()).unwrap();
    zip.start_file("content.xml", stored).unwrap();
    zip.write_all(content.as_bytes()).unwrap();
    zip.finish().unwrap();
}

#[test]
fn an_opendocument_sheet_is_read_as_well_and_its_cells_are_placed() {
    let site = TestSite::fixture("reports");
    let rows = [
        vec!["Rapportdatum", "2022-12-31"],
        vec![],
        vec!["Id", "Status", "Genomfört"],
        vec!["miljo-1", "Avbruten", "10"],
        vec!["skola-2", "Klar", "lite"],
    ];
    ods(&site.path("s.ods"), &rows);
    let out = import(&site, "s.ods", &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("Uppföljning!C5: `lite` is not a whole number"),
        "{}",
        stderr(&out)
    );
    let rows = [&rows[..4], &[vec!["skola-2", "Klar", "100"]]].concat();
    ods(&site.path("s.ods"), &rows);
    let out = import(&site, "s.ods", &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let report = site.read("content/2022/follow-up/2022-12-31.yaml");
    assert!(
        report.contains("miljo-1:\n  text: \"Plantera träd\"\n  status: cancelled\n  progress: 10\n"),
        "{report}"
    );
}

#[test]
fn formulas_are_read_as_their_text_never_evaluated_and_written_as_plain_strings() {
    let site = TestSite::fixture("reports");
    let write = |status_is_formula: bool| {
        let mut book = Workbook::new();
        let ws = book.add_worksheet();
        ws.set_name("Uppföljning").unwrap();
        for (c, h) in ["Id", "Status", "Anteckning"].iter().enumerate() {
            ws.write_string(2, c as u16, *h).unwrap();
        }
        ws.write_string(3, 0, "miljo-1").unwrap();
        if status_is_formula {
            ws.write_formula(3, 1, "=HYPERLINK(\"http://evil.example\",\"Klar\")")
                .unwrap();
        } else {
            ws.write_string(3, 1, "Klar").unwrap();
        }
        ws.write_formula(3, 2, "=cmd|' /C calc'!A0").unwrap();
        book.save(site.path("f.xlsx")).unwrap();
    };
    let import = || import(&site, "f.xlsx", &["--date", "2022-12-31"]);
    write(true);
    let out = import();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("Uppföljning!B4: `=HYPERLINK(\"http://evil.example\",\"Klar\")` is not a status"),
        "{}",
        stderr(&out)
    );
    write(false);
    let out = import();
    assert!(out.status.success(), "{}", stderr(&out));
    let report = site.read("content/2022/follow-up/2022-12-31.yaml");
    assert!(report.contains("    sv: \"=cmd|' /C calc'!A0\"\n"), "{report}");
}

#[test]
fn text_from_the_plan_goes_into_the_sheet_as_text_never_as_a_formula() {
    let site = TestSite::fixture("minimal");
    let plan = site
        .read("content/2022/plan.sv.md")
        .replace("- Plantera träd", "- =HYPERLINK(\"http://evil.example\") träd");
    site.write("content/2022/plan.sv.md", plan);
    let sheet = site.path("s.xlsx");
    let out = site
        .cmd(&["follow-up", "sheet", "2022", "-o", &sheet.to_string_lossy()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let bytes = std::fs::read(&sheet).unwrap();
    assert!(
        !part(&bytes, "xl/worksheets/sheet1.xml").contains("<f>"),
        "no cell is a formula"
    );
    assert!(
        part(&bytes, "xl/sharedStrings.xml").contains("=HYPERLINK("),
        "the text is there, as text"
    );
}

#[test]
fn a_huge_file_and_a_zip_bomb_are_refused_before_they_are_read() {
    use std::io::Write as _;
    let site = TestSite::fixture("reports");
    let huge = site.path("stor.csv");
    std::fs::write(&huge, vec![b';'; 17 * 1024 * 1024]).unwrap();
    let out = site
        .cmd(&["follow-up", "import", &huge.to_string_lossy()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("larger than 16 MB"), "{}", stderr(&out));
    // A few hundred kilobytes that unpack to 80 MB.
    let bomb = site.path("bomb.xlsx");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&bomb).unwrap());
    zip.start_file("xl/worksheets/sheet1.xml", zip::write::SimpleFileOptions::default())
        .unwrap();
    let zeros = vec![b' '; 1024 * 1024];
    for _ in 0..80 {
        zip.write_all(&zeros).unwrap();
    }
    zip.finish().unwrap();
    assert!(std::fs::metadata(&bomb).unwrap().len() < 1024 * 1024);
    let out = site
        .cmd(&["follow-up", "import", &bomb.to_string_lossy()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("it unpacks to 83886080 bytes"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn workbooks_saved_by_libreoffice_are_read_alike() {
    let mut reports = Vec::new();
    for file in ["uppfoljning.xlsx", "uppfoljning.ods", "uppfoljning.csv"] {
        let site = TestSite::fixture("reports");
        let path = crate::helpers::repo_root().join("tests/sheets").join(file);
        let out = site
            .cmd(&["follow-up", "import", &path.to_string_lossy()])
            .output()
            .unwrap();
        assert!(out.status.success(), "{file}: {}", stderr(&out));
        reports.push(site.read("content/2022/follow-up/2022-12-31.yaml"));
    }
    assert_eq!(reports[0], reports[1], "xlsx and ods");
    assert_eq!(reports[0], reports[2], "and the CSV they were made from");
    assert!(
        reports[0]
            .contains("miljo-1:\n  text: \"Plantera träd\"\n  status: ongoing\n  progress: 20\n  due: 2023-05-31\n"),
        "{}",
        reports[0]
    );
}

#[cfg(unix)]
#[test]
fn import_never_writes_through_a_link_even_with_force() {
    let site = TestSite::fixture("reports");
    let outside = tempfile_outside();
    std::fs::write(outside.join("victim.yaml"), "untouched\n").unwrap();
    std::os::unix::fs::symlink(
        outside.join("victim.yaml"),
        site.path("content/2022/follow-up/2022-12-31.yaml"),
    )
    .unwrap();
    site.write("s.csv", "Id;Status\nmiljo-1;Pågår\n");
    let out = import(&site, "s.csv", &["--date", "2022-12-31", "--force"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    // The site refuses the link before the sheet is read; were it made
    // after, the write would refuse it (`write_report`).
    let err = stderr(&out);
    assert!(
        err.contains("is a symbolic link") || err.contains("is not a plain file"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(outside.join("victim.yaml")).unwrap(),
        "untouched\n"
    );
    std::fs::remove_dir_all(outside).unwrap();
}

/// A folder outside every test site.
fn tempfile_outside() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("hp-outside-{}-{}", std::process::id(), line!()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
