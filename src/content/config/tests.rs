//! Table tests for `config`.

use super::*;
use crate::model::{Assessor, Compliance, Law};

fn parse_str(text: &str) -> Result<Config, Vec<Diagnostic>> {
    parse(&SourceFile::new("content/site.yaml", text), None).map(|(c, _)| c)
}

#[test]
fn parses_the_example_with_the_default_language_first() {
    let c = parse_str(EXAMPLE).unwrap();
    assert_eq!(c.base_url, "https://example.org/handlingsplan");
    assert_eq!(c.base_path(), "/handlingsplan");
    let codes: Vec<_> = c.languages.iter().map(|l| l.code.as_str()).collect();
    assert_eq!(codes, ["sv", "en"]);
    assert!(!c.allow_html);
    assert_eq!(c.theme, "default");
}

#[test]
fn base_url_override_and_trailing_slash() {
    let (c, _) = parse(&SourceFile::new("s", EXAMPLE), Some("http://127.0.0.1:1111/")).unwrap();
    assert_eq!(c.base_url, "http://127.0.0.1:1111");
    assert_eq!(c.base_path(), "");
}

#[test]
fn errors() {
    let cases = [
        ("base_url: x\n", "invalid-site-config"),
        (&EXAMPLE.replace("theme", "tema"), "unknown-key"),
        (
            &EXAMPLE.replace("default_language: sv", "default_language: fi"),
            "unknown-language",
        ),
        (
            &EXAMPLE.replace("https://example.org", "example.org"),
            "invalid-base-url",
        ),
        (&EXAMPLE.replace("en:", "English:"), "invalid-language"),
        (&EXAMPLE.replace("name: English", "nam: English"), "unknown-key"),
        ("languages: [\n", "invalid-site-config"),
    ];
    for (text, code) in cases {
        let d = parse_str(text).unwrap_err();
        assert_eq!(d[0].code, code, "{text}: {:?}", d[0]);
        assert!(d[0].line > 0 && d[0].hint.is_some(), "{:?}", d[0]);
    }
}

#[test]
fn accessibility_contact() {
    let with = |c: &str| parse_str(&format!("{EXAMPLE}\naccessibility:\n  contact: {c}\n"));
    let contact = |c: &str| with(c).unwrap().accessibility.contact;
    assert_eq!(contact("webb@example.org").as_deref(), Some("mailto:webb@example.org"));
    assert_eq!(
        contact("https://example.org/kontakt").as_deref(),
        Some("https://example.org/kontakt")
    );
    assert_eq!(with("javascript:alert(1)").unwrap_err()[0].code, "invalid-contact");
    assert_eq!(with("ring oss").unwrap_err()[0].code, "invalid-contact");
}

#[test]
fn theme_names_are_one_folder() {
    for ok in ["default", "kammaren", "my_theme-2", "v1.2"] {
        assert!(is_theme_name(ok), "{ok}");
    }
    for bad in [
        "",
        "/some/dir",
        "/proc",
        "../elsewhere",
        "a/b",
        "a\\b",
        ".hidden",
        "..",
        "a..b",
        "C:x",
        "-x",
        &"x".repeat(65),
    ] {
        assert!(!is_theme_name(bad), "{bad}");
    }
    let d = parse_str(&EXAMPLE.replace("theme: default", "theme: /proc")).unwrap_err();
    assert_eq!((d[0].code, d[0].line), ("invalid-theme", 6));
}

#[test]
fn language_codes() {
    for ok in ["sv", "en", "sme", "pt-br"] {
        assert!(is_lang_code(ok), "{ok}");
    }
    for bad in ["", "s", "SV", "english", "sv-", "s v"] {
        assert!(!is_lang_code(bad), "{bad}");
    }
}

#[test]
fn placeholder_hosts_are_warned_about() {
    for host in [
        "example.org",
        "EXAMPLE.COM",
        "www.example.net",
        "plan.example",
        "a.test",
        "x.invalid",
        "localhost",
        "example.org.",
    ] {
        assert!(is_placeholder_host(host), "{host}");
    }
    for host in [
        "handelskammaren.se",
        "example.se",
        "myexample.org",
        "testing.se",
        "127.0.0.1",
    ] {
        assert!(!is_placeholder_host(host), "{host}");
    }
    let warned = |text: &str| {
        let (_, warnings) = parse(&SourceFile::new("content/site.yaml", text), None).unwrap();
        warnings.iter().map(|w| (w.code, w.line)).collect::<Vec<_>>()
    };
    let assessed = "  status: full\n  assessed: 2026-05-31\n  assessed_by: self\n";
    assert_eq!(
        warned(&format!(
            "{EXAMPLE}\naccessibility:\n  contact: webb@example.org\n{assessed}"
        )),
        [("placeholder", 1), ("placeholder", 8)]
    );
    let real = EXAMPLE.replace("example.org", "handelskammaren.se");
    assert_eq!(
        warned(&format!(
            "{real}\naccessibility:\n  contact: https://handelskammaren.se/kontakt\n{assessed}"
        )),
        []
    );
    let (_, w) = parse(&SourceFile::new("s", EXAMPLE), Some("https://plan.handelskammaren.se")).unwrap();
    assert!(
        w.iter().all(|w| w.code != "placeholder"),
        "a --base-url replaces the placeholder: {w:?}"
    );
}

#[test]
fn a_language_may_carry_a_notice() {
    let text = EXAMPLE.replace(
        "en: { name: English, title: The Chamber of Commerce action plan }",
        "en: { name: English, title: T, notice: A translation. }",
    );
    let c = parse_str(&text).unwrap();
    assert_eq!(c.language("en").unwrap().notice.as_deref(), Some("A translation."));
    assert!(c.language("sv").unwrap().notice.is_none());
}

const STATEMENT: &str = "organisation: { sv: Handelskammaren, en: The Chamber of Commerce }
accessibility:
  status: partial
  law: dos
  contact: webb@handelskammaren.se
  assessed: 2026-05-31
  assessed_by: { sv: Funka, en: Funka Nu }
  updated: 2026-06-02
  shortcomings:
    - text: { sv: PDF:en saknar taggar., en: The PDF has no tags. }
      wcag: [1.3.1, 4.1.2]
    - Kartan saknar textalternativ.
  disproportionate: [{ sv: Gamla videor., en: Old videos. }]
  not_covered:
    - Dokument publicerade före 2018.
";

#[test]
fn the_statement_holds_what_the_owner_states() {
    let c = parse_str(&format!("{EXAMPLE}\n{STATEMENT}")).unwrap();
    let a = &c.accessibility;
    assert_eq!(
        c.organisation.as_ref().map(|o| o.get("en")),
        Some("The Chamber of Commerce")
    );
    assert_eq!((a.status, a.law), (Some(Compliance::Partial), Law::Dos));
    assert_eq!(a.contact.as_deref(), Some("mailto:webb@handelskammaren.se"));
    assert_eq!(
        (a.assessed.as_deref(), a.updated.as_deref()),
        (Some("2026-05-31"), Some("2026-06-02"))
    );
    let Some(Assessor::External(by)) = &a.assessor else {
        panic!("{:?}", a.assessor)
    };
    assert_eq!((by.get("sv"), by.get("en")), ("Funka", "Funka Nu"));
    let texts: Vec<_> = a
        .shortcomings
        .iter()
        .map(|s| (s.text.get("en"), s.wcag.len()))
        .collect();
    assert_eq!(
        texts,
        [("The PDF has no tags.", 2), ("Kartan saknar textalternativ.", 0)]
    );
    assert_eq!(a.disproportionate[0].get("en"), "Old videos.");
    assert_eq!(a.not_covered[0].get("en"), "Dokument publicerade före 2018.");
    let own = parse_str(&format!("{EXAMPLE}\naccessibility:\n  assessed_by: Self\n")).unwrap();
    assert_eq!(own.accessibility.assessor, Some(Assessor::Owner));
    let none = parse_str(EXAMPLE).unwrap();
    assert_eq!(
        (none.accessibility.status, none.accessibility.law),
        (None, Law::Voluntary),
        "never inferred"
    );
}

#[test]
fn statement_errors_are_placed() {
    let cases = [
        ("accessibility:\n  status: delvis\n", "invalid-site-config", 8),
        ("accessibility:\n  law: private\n", "invalid-site-config", 8),
        ("accessibility:\n  assessed: maj 2026\n", "bad-date", 8),
        ("accessibility:\n  updated: 2026-6-1\n", "bad-date", 8),
        (
            "accessibility:\n  shortcomings:\n    - text: x\n      wcag: [1.4]\n",
            "bad-wcag-criterion",
            10,
        ),
        ("accessibility:\n  not_covered: [{ en: Old. }]\n", "missing-text", 8),
        (
            "accessibility:\n  disproportionate: [{ sv: x, de: y }]\n",
            "unknown-language",
            8,
        ),
        ("organisation: { de: Kammer }\n", "unknown-language", 7),
        ("accessibility_contact: webb@x.se\n", "moved-key", 7),
        ("accessibility_reviewed: 2024-05-31\n", "moved-key", 7),
        ("accessibility:\n  contakt: x\n", "unknown-key", 8),
    ];
    for (text, code, line) in cases {
        let d = parse_str(&format!("{EXAMPLE}\n{text}")).unwrap_err();
        assert_eq!((d[0].code, d[0].line), (code, line), "{text}: {:?}", d[0]);
        assert!(
            d[0].hint.is_some() || code == "invalid-site-config",
            "{text}: {:?}",
            d[0]
        );
    }
    let d = parse_str(&format!("{EXAMPLE}\naccessibility:\n  contakt: x\n")).unwrap_err();
    assert!(
        d[0].hint.as_deref().unwrap().contains("did you mean `contact`"),
        "{:?}",
        d[0].hint
    );
}

#[test]
fn check_warns_while_the_statement_lacks_what_only_the_owner_knows() {
    let warned = |text: &str| {
        let (_, w) = parse(
            &SourceFile::new("s", format!("{EXAMPLE}\n{text}").as_str()),
            Some("https://h.se"),
        )
        .unwrap();
        w.iter().map(|w| w.message.clone()).collect::<Vec<_>>().join("\n")
    };
    let nothing = warned("");
    for missing in [
        "`accessibility.status`",
        "`accessibility.assessed`",
        "`accessibility.contact`",
    ] {
        assert!(nothing.contains(missing), "{missing}: {nothing}");
    }
    let unlisted = warned("accessibility:\n  status: partial\n  assessed: 2026-01-01\n  contact: a@h.se\n");
    assert!(unlisted.contains("no `shortcomings`"), "{unlisted}");
    assert_eq!(warned(&STATEMENT.replace("webb@handelskammaren.se", "webb@h.se")), "");
}
