//! What each file depends on, and which pages exist: table tests on a site
//! made in memory.

use super::*;
use crate::model::{Config, FocusArea, InlineHtml, Pos, YearPlans};
use crate::theme::Theme;

fn plan(year: u16, lang: &str, areas: &[&str]) -> Plan {
    Plan {
        year,
        lang: lang.into(),
        file: format!("content/{year}/plan.{lang}.md"),
        title: format!("Plan {year}"),
        description: String::new(),
        draft: false,
        intro_html: String::new(),
        areas: (areas.iter())
            .map(|id| FocusArea {
                id: (*id).into(),
                title: id.to_string(),
                title_html: InlineHtml::default(),
                description_html: String::new(),
                actions: Vec::new(),
                pos: Pos::default(),
            })
            .collect(),
        pos: Pos::default(),
        links: Vec::new(),
    }
}

/// 2019 and 2022 in Swedish and English, 2021 in Swedish only; German has no plan.
fn site() -> Site {
    let year = |year: u16, langs: &[&str]| YearPlans {
        year,
        plans: (langs.iter())
            .map(|l| (l.to_string(), plan(year, l, &["skola", "miljo"])))
            .collect(),
        assets: Vec::new(),
        follow_up: Default::default(),
        reports: Vec::new(),
        deferred: None,
    };
    Site {
        config: Config::sample("https://example.org", &["sv", "en", "de"]),
        years: vec![
            year(2019, &["sv", "en"]),
            year(2021, &["sv"]),
            year(2022, &["sv", "en"]),
        ],
        root_files: Vec::new(),
    }
}

/// The built-in theme in Swedish and English, as a site without a theme of its own has it.
fn builtin_theme() -> Theme {
    let root = tempfile::tempdir().expect("a temporary folder");
    Theme::load(root.path(), "default", &["sv", "en"], false).expect("the built-in theme")
}

#[test]
fn a_file_depends_on_its_year_and_on_the_plan_before_in_its_language() {
    let site = site();
    let plan = |year: u16, lang: &str| &site.year(year).expect("a year").plans[lang];
    let years = |year, previous| Inputs::Years { year, previous };
    let table: [(Output, Inputs); 12] = [
        (Output::Plan { plan: plan(2022, "sv") }, years(2022, Some(2021))),
        // English skipped 2021: its 2022 plan is compared with 2019's.
        (Output::Plan { plan: plan(2022, "en") }, years(2022, Some(2019))),
        (
            Output::Area {
                plan: plan(2021, "sv"),
                area: 1,
            },
            years(2021, Some(2019)),
        ),
        (
            Output::Card {
                plan: plan(2019, "en"),
                area: None,
            },
            years(2019, None),
        ),
        (Output::PlanJson { plan: plan(2022, "en") }, years(2022, Some(2019))),
        (
            Output::Home {
                lang: "sv",
                latest: Some(plan(2022, "sv")),
            },
            years(2022, Some(2021)),
        ),
        (
            Output::Home {
                lang: "de",
                latest: None,
            },
            Inputs::Listing,
        ),
        (Output::Sitemap, Inputs::Listing),
        (Output::Robots, Inputs::Listing),
        (Output::Feed { lang: "sv" }, Inputs::Reports),
        (
            Output::NotFound {
                lang: "sv",
                latest: None,
            },
            Inputs::Settings,
        ),
        // The 404 page leads on to the latest plan and its areas.
        (
            Output::NotFound {
                lang: "en",
                latest: Some(plan(2022, "en")),
            },
            years(2022, Some(2019)),
        ),
    ];
    for (output, want) in table {
        assert_eq!(output.inputs(&site), want, "{output:?}");
    }
}

#[test]
fn the_page_set_knows_each_page_per_language_and_lists_the_default_first() {
    let site = site();
    let theme = builtin_theme();
    let outputs = inventory(&site, &theme);
    let pages = PageSet::new(&outputs, None);
    assert!(pages.exists("sv", Page::Plan(2021)));
    assert!(!pages.exists("en", Page::Plan(2021)));
    assert!(pages.exists("en", Page::Area(2019, "miljo")));
    assert!(!pages.exists("de", Page::Plan(2022)));
    assert!(pages.exists("de", Page::Home));
    let listed: Vec<String> = pages.listed().map(|p| p.rel("sv")).collect();
    assert_eq!(
        listed,
        [
            "",
            "tillganglighet/",
            "2019/",
            "2019/skola/",
            "2019/miljo/",
            "2021/",
            "2021/skola/",
            "2021/miljo/",
            "2022/",
            "2022/skola/",
            "2022/miljo/"
        ]
    );
    // A render of 2019 and 2021 asks only about their pages and those of no year:
    // the same answers for them, none for the other years.
    let some = PageSet::new(&outputs, Some(&[2019, 2021]));
    for (lang, page) in [("sv", Page::Plan(2021)), ("en", Page::Plan(2021)), ("de", Page::Home)] {
        assert_eq!(some.exists(lang, page), pages.exists(lang, page), "{lang} {page:?}");
    }
    assert!(some.exists("sv", Page::Accessibility));
    assert!(some.exists("en", Page::Area(2019, "miljo")));
    assert!(!some.exists("sv", Page::Plan(2022)));
}

#[test]
fn an_inventory_of_some_plans_has_their_files_and_every_file_of_no_plan() {
    let site = site();
    let theme = builtin_theme();
    let all = inventory(&site, &theme);
    let some = inventory_of(&site, &theme, &|p| {
        p.year == 2021 || (p.year, p.lang.as_str()) == (2022, "en")
    });
    let wanted = |o: &Output| match o.in_plan() {
        Some(p) => p.year == 2021 || (p.year, p.lang.as_str()) == (2022, "en"),
        None => true,
    };
    let debug = |o: &Output| format!("{o:?}");
    let expected: Vec<String> = all.iter().filter(|o| wanted(o)).map(debug).collect();
    assert_eq!(some.iter().map(debug).collect::<Vec<_>>(), expected);
    assert!(some.len() < all.len() && some.iter().any(|o| o.in_plan().is_some()));
}

#[test]
fn the_statement_is_at_its_languages_word_and_the_old_address_sends_readers_on() {
    for (lang, rel) in [
        ("sv", "tillganglighet/"),
        ("en", "accessibility/"),
        ("de", "barrierefreiheit/"),
        ("xx", "accessibility/"),
    ] {
        assert_eq!(Page::Accessibility.rel(lang), rel, "{lang}");
    }
    let site = site();
    let theme = builtin_theme();
    let urls = crate::render::urls::Urls::new(&site.config);
    let moved: Vec<(String, String)> = inventory(&site, &theme)
        .iter()
        .filter_map(|o| match o {
            Output::Moved { lang, to, .. } => Some((o.path(urls), urls.file(lang, &to.rel(lang)))),
            _ => None,
        })
        .collect();
    let want = |from: &str, to: &str| (from.to_string(), to.to_string());
    assert_eq!(
        moved,
        [
            want("accessibility/index.html", "tillganglighet/index.html"),
            want("de/accessibility/index.html", "de/barrierefreiheit/index.html")
        ]
    );
}

#[test]
fn root_files_are_published_at_the_root_and_never_over_the_sites_own() {
    let mut site = site();
    let sources = ["static/CNAME", "static/robots.txt", "static/.well-known/x.txt"];
    site.root_files = sources.iter().map(|s| s.to_string()).collect();
    let theme = builtin_theme();
    let urls = crate::render::urls::Urls::new(&site.config);
    let outputs = inventory(&site, &theme);
    let paths: Vec<String> = outputs.iter().map(|o| o.path(urls)).collect();
    for path in ["CNAME", "robots.txt", ".well-known/x.txt"] {
        assert_eq!(paths.iter().filter(|p| *p == path).count(), 1, "{path}: {paths:?}");
    }
    assert!(
        !outputs.iter().any(|o| matches!(o, Output::Robots)),
        "the site's own robots.txt stands in"
    );
    assert!(clashes(&site).is_empty());
    site.root_files.push("static/2022/Index.HTML".into());
    let said: Vec<String> = clashes(&site).iter().map(|d| d.file.clone()).collect();
    assert_eq!(said, ["static/2022/Index.HTML"]);
}
