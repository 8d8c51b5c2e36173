//! What `serve` shows after a save is what a fresh build makes, also on
//! the pages that depend on the file saved without being made from it (a
//! plan's pages compare it with the plan of the year before).

use crate::helpers::TestSite;
use crate::serve::Server;

/// Every HTML page a fresh build of `site` makes, as `serve` at `server`
/// shows it, equals the build's.
fn assert_serve_equals_build(site: &TestSite, server: &Server, when: &str) {
    let out = site
        .cmd(&["build", "--drafts", "--base-url", &server.url(""), "--output", "built"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let script = "<script src=\"/__handlingsplan/livereload.js\"></script>";
    for file in site.files("built").into_iter().filter(|f| f.ends_with(".html")) {
        let path = format!("/{}", file.trim_end_matches("index.html"));
        let (status, body) = server.get(&path);
        assert_eq!(status, 200, "{when}: {path}");
        assert!(
            body.replacen(script, "", 1) == site.read(&format!("built/{file}")),
            "{when}: {path} differs"
        );
    }
    std::fs::remove_dir_all(site.path("built")).unwrap();
}

#[test]
fn a_save_to_one_year_renders_the_next_year_again() {
    let site = TestSite::fixture("two-years");
    let server = Server::start(&site);
    assert_serve_equals_build(&site, &server, "at start");
    let before = server.get("/2022/").1;
    assert!(
        before.contains("Trafik"),
        "2022 lists 2021's area that is no longer included"
    );
    // Remove the area `trafik` from 2021 (in both languages).
    for (lang, heading) in [("sv", "## Trafik {#trafik}"), ("en", "## Traffic {#trafik}")] {
        let path = format!("content/2021/plan.{lang}.md");
        let text = site.read(&path);
        let at = text.find(heading).unwrap_or_else(|| panic!("{heading} in {path}"));
        site.write(&path, &text[..at]);
    }
    let rebuilt = server.count("rebuilt");
    server.wait_for_line("rebuilt", rebuilt);
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert_serve_equals_build(&site, &server, "after removing an area from 2021");
}
