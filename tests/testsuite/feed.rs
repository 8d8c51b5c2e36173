//! The Atom feed of the dated follow-up reports: well-formed, newest
//! first, the newest fifty, announced on every page.

use crate::helpers::TestSite;

const ATOM: &str = "http://www.w3.org/2005/Atom";

/// The Atom child `name` of `node`, which must have one.
fn child<'a, 'i>(node: roxmltree::Node<'a, 'i>, name: &str) -> roxmltree::Node<'a, 'i> {
    node.children()
        .find(|c| c.has_tag_name((ATOM, name)))
        .unwrap_or_else(|| panic!("<{name}> in <{}>", node.tag_name().name()))
}

#[test]
fn the_feed_is_atom_with_an_entry_per_report_newest_first() {
    let site = TestSite::fixture("reports");
    site.build_ok();
    let xml = site.read("public/feed.xml");
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let feed = doc.root_element();
    let atom = ATOM;
    assert_eq!(
        (feed.tag_name().namespace(), feed.tag_name().name()),
        (Some(atom), "feed")
    );
    // RFC 4287: a feed has id, title and updated; so does every entry, with a link.
    for name in ["id", "title", "updated", "author"] {
        child(feed, name);
    }
    assert_eq!(child(feed, "updated").text(), Some("2022-09-30T00:00:00Z"));
    let entries: Vec<_> = feed.children().filter(|c| c.has_tag_name((atom, "entry"))).collect();
    let dates: Vec<_> = entries.iter().map(|e| child(*e, "updated").text().unwrap()).collect();
    assert_eq!(
        dates,
        ["2022-09-30T00:00:00Z", "2022-06-30T00:00:00Z", "2022-03-31T00:00:00Z"]
    );
    for entry in &entries {
        let id = child(*entry, "id").text().unwrap();
        assert!(id.starts_with("https://") && id.contains("/2022/reports/"), "{id}");
        assert_eq!(child(*entry, "link").attribute("href"), Some(id));
        child(*entry, "title");
    }
    insta::assert_snapshot!("feed_en", site.read("public/en/feed.xml"));
    // Announced on the pages.
    let home = site.read("public/index.html");
    assert!(
        home.contains(r#"<link rel="alternate" type="application/atom+xml" href="feed.xml""#),
        "{home}"
    );
    let plan = site.read("public/en/2022/index.html");
    assert!(plan.contains(r#"type="application/atom+xml" href="../feed.xml""#));
}

#[test]
fn the_feed_holds_the_newest_fifty_reports_and_the_site_every_one() {
    let site = TestSite::fixture("reports");
    // 48 more reports, in January and February of the next year: 51 in all.
    for day in 0..48 {
        let date = format!("2023-{:02}-{:02}", 1 + day / 28, 1 + day % 28);
        site.write(
            &format!("content/2022/follow-up/{date}.yaml"),
            format!("skola-1:\n  text: \"Första insatsen\"\n  status: ongoing\n  progress: {day}\n"),
        );
    }
    site.build_ok();
    let xml = site.read("public/feed.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let updated: Vec<_> = doc
        .root_element()
        .children()
        .filter(|c| c.has_tag_name((ATOM, "entry")))
        .map(|e| child(e, "updated").text().unwrap().to_string())
        .collect();
    assert_eq!(updated.len(), 50, "{xml}");
    assert_eq!(updated[0], "2023-02-20T00:00:00Z");
    assert_eq!(updated[49], "2022-06-30T00:00:00Z");
    assert!(!xml.contains("2022-03-31"), "the oldest report is left to the site");
    let overview = site.read("public/2022/follow-up/index.html");
    assert!(overview.contains("reports/2022-03-31/"), "{overview}");
    assert!(site.path("public/2022/reports/2022-03-31/index.html").exists());
}
