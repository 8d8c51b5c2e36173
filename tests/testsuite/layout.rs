//! The map of the output (`render::layout`) is what a build makes: for
//! every kind of site, the files the inventory lists are exactly the files
//! rendering writes, each once.

use crate::helpers::TestSite;
use handlingsplan::pipeline::{LoadOptions, Session};
use handlingsplan::render::layout::inventory;
use handlingsplan::render::urls::Urls;
use handlingsplan::render::{LinkStyle, MemorySink, Scope};
use std::collections::BTreeSet;

fn assert_inventory_is_the_output(site: &TestSite, what: &str) {
    let session = Session::open(LoadOptions::new(site.root())).unwrap_or_else(|d| panic!("{what}: {d:?}"));
    let sink = MemorySink::new();
    session
        .render(sink.checking(), Scope::All, LinkStyle::Relative)
        .unwrap();
    let written: BTreeSet<String> = sink.into_files().into_keys().collect();
    let urls = Urls::new(&session.site().config);
    let listed: Vec<String> = inventory(session.site(), session.theme())
        .iter()
        .map(|o| o.path(urls))
        .collect();
    let unique: BTreeSet<String> = listed.iter().cloned().collect();
    assert_eq!(unique.len(), listed.len(), "{what}: a path listed twice");
    let missing: Vec<_> = written.difference(&unique).collect();
    let extra: Vec<_> = unique.difference(&written).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "{what}: written, not listed {missing:?}; listed, not written {extra:?}"
    );
}

#[test]
fn the_inventory_lists_exactly_the_files_a_build_writes() {
    for fixture in ["minimal", "two-years", "reports"] {
        let site = TestSite::fixture(fixture);
        site.write("content/2022/bilagor/karta.pdf", "%PDF");
        site.write("content/2022/rapport.pdf", "%PDF");
        assert_inventory_is_the_output(&site, fixture);
    }
    assert_inventory_is_the_output(&TestSite::real(), "the real site");
    // A brand with a logo and one share image instead of cards.
    let site = TestSite::fixture("minimal");
    site.write(
        "content/logo.svg",
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>"#,
    );
    let text = site.read("content/site.yaml") + "brand:\n  logo: logo.svg\n";
    site.write("content/site.yaml", &text);
    assert_inventory_is_the_output(&site, "a logo");
    // The header of a 1200×630 PNG: all a reader of image sizes looks at.
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    png.extend(1200u32.to_be_bytes());
    png.extend(630u32.to_be_bytes());
    png.extend([8, 6, 0, 0, 0, 0, 0, 0, 0]);
    site.write("content/share.png", png);
    site.write("content/site.yaml", text + "  share_image: share.png\n");
    assert_inventory_is_the_output(&site, "a share image instead of cards");
}
