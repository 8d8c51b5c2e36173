//! Table tests for `config`.

use super::*;

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
    let with = |c: &str| parse_str(&format!("{EXAMPLE}\naccessibility_contact: {c}\n"));
    assert_eq!(
        with("webb@example.org").unwrap().accessibility_contact.as_deref(),
        Some("mailto:webb@example.org")
    );
    assert_eq!(
        with("https://example.org/kontakt")
            .unwrap()
            .accessibility_contact
            .as_deref(),
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
    assert_eq!(
        warned(&format!("{EXAMPLE}\naccessibility_contact: webb@example.org\n")),
        [("placeholder", 1), ("placeholder", 7)]
    );
    let real = EXAMPLE.replace("example.org", "handelskammaren.se");
    assert_eq!(
        warned(&format!(
            "{real}\naccessibility_contact: https://handelskammaren.se/kontakt\n"
        )),
        []
    );
    let (_, w) = parse(&SourceFile::new("s", EXAMPLE), Some("https://plan.handelskammaren.se")).unwrap();
    assert!(w.is_empty(), "a --base-url replaces the placeholder: {w:?}");
}

#[test]
fn a_language_may_carry_a_notice_and_the_owner_an_accessibility_review() {
    let text = format!(
        "{}\naccessibility_reviewed: 2024-05-31\naccessibility_issues:\n  en: [The PDF is not accessible.]\n",
        EXAMPLE.replace(
            "en: { name: English, title: The Chamber of Commerce action plan }",
            "en: { name: English, title: T, notice: A translation. }"
        )
    );
    let c = parse_str(&text).unwrap();
    let en = c.language("en").unwrap();
    assert_eq!(en.notice.as_deref(), Some("A translation."));
    assert_eq!(en.accessibility_issues, ["The PDF is not accessible."]);
    assert!(c.language("sv").unwrap().notice.is_none());
    assert_eq!(c.accessibility_reviewed.as_deref(), Some("2024-05-31"));
    let bad = parse_str(&format!("{EXAMPLE}\naccessibility_reviewed: maj 2024\n")).unwrap_err();
    assert_eq!((bad[0].code, bad[0].line), ("bad-date", 7));
    let bad = parse_str(&format!("{EXAMPLE}\naccessibility_issues:\n  de: [x]\n")).unwrap_err();
    assert_eq!(bad[0].code, "unknown-language");
}
