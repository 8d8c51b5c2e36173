//! Table tests for follow-up files.

use super::*;
use crate::model::Name;

/// A Swedish and English site, with the built-in theme's status words.
fn config() -> Config {
    let mut config = Config::sample("https://ex.org", &["sv", "en"]);
    let words = [
        ("Planerad", Status::Planned),
        ("Pågår", Status::Ongoing),
        ("Klar", Status::Done),
        ("Pausad", Status::Paused),
        ("Avbruten", Status::Cancelled),
        ("Done", Status::Done),
    ];
    for (word, status) in words {
        config.status_words.add(word, status);
    }
    config
}

fn action(anchor: &str, text: &str) -> Action {
    Action::sample(anchor, text)
}

/// Parse `text` against a plan of three actions; entries without `text:`
/// (most of these tests) are a warning, left out of the result.
fn parse_all(text: &str) -> (BTreeMap<String, FollowUp>, Vec<Diagnostic>) {
    parse_with_ids(text, &[])
}

/// As [`parse_all`], with `ids` the anchors the plan gave as ids.
fn parse_with_ids(text: &str, ids: &[&'static str]) -> (BTreeMap<String, FollowUp>, Vec<Diagnostic>) {
    let actions = [
        action("innovation-1", "Skapa en arbetsgrupp för innovation"),
        action("innovation-2", "Arbeta med Scaleup tillsammans med forskarparker"),
        action("energi-1", "Verka för ökad produktion av el"),
    ];
    let plan = PlanActions {
        list: actions.iter().collect(),
        ids: ids.iter().copied().collect(),
    };
    let src = SourceFile::new("content/2022/follow-up.yaml", text);
    let mut diags = Vec::new();
    let out = parse(&src, &config(), &plan, &HtmlOptions::default(), &mut diags);
    (out, diags)
}

fn parse_str(text: &str) -> (BTreeMap<String, FollowUp>, Vec<Diagnostic>) {
    let (out, mut diags) = parse_all(text);
    diags.retain(|d| d.code != "unpinned-follow-up");
    (out, diags)
}

#[test]
fn an_entry_says_which_action_it_was_written_for() {
    let cases: &[(&str, &[(&str, usize)])] = &[
        ("innovation-2:\n  text: Arbeta med Scaleup …\n  status: done\n", &[]),
        (
            "innovation-2:\n  text: \"arbeta med scaleup tillsammans med forskningsparker\"\n  status: done\n",
            &[],
        ),
        ("innovation-2:\n  status: done\n", &[("unpinned-follow-up", 1)]),
        (
            "innovation-1:\n  text: Arbeta med Scaleup …\n  status: done\n",
            &[("wrong-action", 2)],
        ),
        (
            "innovation-1:\n  text: Ordna ett seminarium\n  status: done\n",
            &[("wrong-action", 2)],
        ),
    ];
    for (text, want) in cases {
        let (_, diags) = parse_all(text);
        let got: Vec<(&str, usize)> = diags.iter().map(|d| (d.code, d.line)).collect();
        assert_eq!(got, *want, "{text}");
        assert!(diags.iter().all(|d| d.hint.is_some()));
    }
    let (_, diags) = parse_all("innovation-1:\n  text: Arbeta med Scaleup …\n  status: done\n");
    assert_eq!(
        diags[0].message,
        "`innovation-1` was written for “Arbeta med Scaleup …”, which is now `innovation-2`"
    );
    assert!(
        diags[0]
            .hint
            .as_ref()
            .unwrap()
            .contains("move this entry to `innovation-2:`"),
        "{diags:?}"
    );
    assert_eq!((diags[0].line, diags[0].col), (2, 9), "at the text it names");
}

#[test]
fn a_complete_entry() {
    let text = "innovation-1:\n  status: ongoing\n  progress: 40\n  lead: Handelskammaren\n  partners: [Polisen, Länsstyrelsen]\n  updated: 2022-09-30\n  note:\n    sv: Arbetsgruppen har haft *tre* möten.\n    en: The working group has met three times.\nenergi-1:\n  status: done\n";
    let (out, diags) = parse_str(text);
    assert!(diags.is_empty(), "{diags:?}");
    let f = &out["innovation-1"];
    assert_eq!(f.status, Status::Ongoing);
    assert_eq!(f.progress, Some(40));
    assert_eq!(f.lead.as_ref().map(|n| n.get("sv")), Some("Handelskammaren"));
    assert_eq!(f.partners, [Name::one("Polisen"), Name::one("Länsstyrelsen")]);
    assert_eq!(f.updated.as_deref(), Some("2022-09-30"));
    assert_eq!(
        &*f.note_html["sv"],
        "<p>Arbetsgruppen har haft <em>tre</em> möten.</p>\n"
    );
    assert_eq!(out["energi-1"].status, Status::Done);
    assert!(out["energi-1"].note_html.is_empty());
}

#[test]
fn names_may_be_given_per_language() {
    let text = "innovation-1:\n  status: ongoing\n  lead:\n    sv: Polisen\n    en: the Swedish Police Authority\n  partners: [Kommunen, {sv: Tullverket, en: Swedish Customs}]\n";
    let (out, diags) = parse_str(text);
    assert!(diags.is_empty(), "{diags:?}");
    let f = &out["innovation-1"];
    let lead = f.lead.as_ref().expect("a lead");
    assert_eq!(
        (lead.get("sv"), lead.get("en")),
        ("Polisen", "the Swedish Police Authority")
    );
    let partners = |lang| f.partners.iter().map(|n| n.get(lang)).collect::<Vec<_>>();
    assert_eq!(partners("sv"), ["Kommunen", "Tullverket"]);
    assert_eq!(partners("en"), ["Kommunen", "Swedish Customs"]);
    // A language not given shows the default language's name.
    let (out, diags) = parse_str("innovation-1:\n  status: ongoing\n  lead: {sv: Polisen}\n");
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(out["innovation-1"].lead.as_ref().map(|n| n.get("en")), Some("Polisen"));
    let cases = [
        ("  lead: {en: the Police}\n", "missing-name", "none in `sv`"),
        ("  lead: {sv: Polisen, de: Polizei}\n", "unknown-language", "`de`"),
        ("  partners: [{en: Customs}]\n", "missing-name", "none in `sv`"),
    ];
    for (line, code, says) in cases {
        let (_, diags) = parse_str(&format!("innovation-1:\n  status: ongoing\n{line}"));
        let found = diags.iter().find(|d| d.code == code);
        assert!(
            found.is_some_and(|d| d.message.contains(says) && d.line >= 3),
            "{line}: {diags:?}"
        );
    }
}

#[test]
fn empty_and_comment_only_files_have_no_follow_up() {
    for text in ["", "# nothing yet\n", "\n\n"] {
        let (out, diags) = parse_str(text);
        assert!(out.is_empty() && diags.is_empty(), "{text:?}");
    }
}

#[test]
fn every_error_is_located_with_a_hint() {
    let cases: &[(&str, &str, usize, usize)] = &[
        ("innovaton-1:\n  status: done\n", "unknown-action", 1, 1),
        ("innovation-1:\n  stat: done\n", "unknown-key", 2, 3),
        ("innovation-1:\n  status: ongoin\n", "unknown-status", 2, 11),
        (
            "innovation-1:\n  status: done\n  progress: 140\n",
            "progress-out-of-range",
            3,
            13,
        ),
        (
            "innovation-1:\n  status: done\n  progress: -5\n",
            "progress-out-of-range",
            3,
            13,
        ),
        (
            "innovation-1:\n  status: done\n  updated: 2022-13-01\n",
            "bad-date",
            3,
            12,
        ),
        (
            "innovation-1:\n  status: done\n  updated: 30/9 2022\n",
            "bad-date",
            3,
            12,
        ),
        (
            "innovation-1:\n  status: done\n  note:\n    de: Hallo\n",
            "unknown-language",
            4,
            5,
        ),
        ("innovation-1:\n  progress: 10\n", "missing-key", 1, 1),
        ("innovation-1:\n  status: done\n  progress: lots\n", "wrong-type", 3, 13),
        (
            "innovation-1:\n  status: done\n  partners: Polisen\n",
            "wrong-type",
            3,
            13,
        ),
        ("innovation-1: done\n", "wrong-type", 1, 1),
        ("innovation-1:\n  status: [done\n", "invalid-yaml", 3, 1),
        ("- innovation-1\n", "invalid-follow-up", 1, 1),
    ];
    for (text, code, line, col) in cases {
        let (out, diags) = parse_str(text);
        assert_eq!(diags.len(), 1, "{text:?}: {diags:?}");
        let d = &diags[0];
        assert_eq!((d.code, d.line, d.col), (*code, *line, *col), "{text:?}: {d}");
        assert!(d.hint.is_some(), "{text:?}");
        // What could be read of an entry with a mistake is kept, for the checks after it.
        assert!(
            out.values()
                .all(|f| f.status == Status::Planned || f.status == Status::Done),
            "{out:?}"
        );
    }
}

#[test]
fn suggestions_name_the_nearest() {
    let (_, d) = parse_str("innovaton-1:\n  status: done\n");
    assert!(
        d[0].hint
            .as_deref()
            .unwrap()
            .starts_with("did you mean `innovation-1`?")
    );
    let (_, d) = parse_str("innovation-1:\n  status: ongoin\n");
    assert!(d[0].hint.as_deref().unwrap().starts_with("did you mean `ongoing`?"));
    let (_, d) = parse_str("innovation-1:\n  status: done\n  partner: [A]\n");
    assert!(d[0].hint.as_deref().unwrap().starts_with("did you mean `partners`?"));
    let (_, d) = parse_str("innovation-1:\n  status: done\n  note:\n    se: Hej\n");
    assert!(
        d[0].hint.as_deref().unwrap().starts_with("did you mean `sv`?"),
        "{:?}",
        d[0].hint
    );
}

#[test]
fn errors_in_one_entry_do_not_hide_the_others() {
    let (out, diags) = parse_str(
        "innovation-1:\n  status: nope\ninnovation-2:\n  status: done\nenergi-1:\n  status: done\n  progress: 101\n",
    );
    assert_eq!(diags.len(), 2);
    assert_eq!(out.len(), 3, "entries with a mistake are kept, with what could be read");
    assert_eq!(out["innovation-2"].status, Status::Done);
    assert_eq!(
        out["innovation-1"].status,
        Status::Planned,
        "a status that is not one counts as planned"
    );
    assert_eq!(out["energi-1"].progress, None);
}

#[test]
fn dates() {
    for ok in ["2022-09-30", "2024-02-29", "2000-02-29", "1999-12-31"] {
        assert!(is_iso_date(ok), "{ok}");
    }
    for bad in [
        "2023-02-29",
        "1900-02-29",
        "2022-9-30",
        "2022-00-10",
        "2022-04-31",
        "22-09-30",
        "2022/09/30",
        "",
        "2022-09-30T10:00",
    ] {
        assert!(!is_iso_date(bad), "{bad}");
    }
}

#[test]
fn a_status_is_written_as_the_site_shows_it_in_any_language_and_case() {
    for (written, want) in [
        ("Klar", Status::Done),
        ("pågår", Status::Ongoing),
        ("Done", Status::Done),
        ("PAUSAD", Status::Paused),
    ] {
        let (out, diags) = parse_str(&format!("innovation-1:\n  status: {written}\n"));
        assert!(diags.is_empty(), "{written}: {diags:?}");
        assert_eq!(out["innovation-1"].status, want, "{written}");
    }
    let (_, diags) = parse_str("innovation-1:\n  status: \"klar?\"\n");
    let hint = diags[0].hint.as_deref().unwrap();
    assert!(hint.starts_with("did you mean `Klar`?"), "{hint}");
    assert!(hint.contains("Planerad, Pågår, Klar, Pausad, Avbruten"), "{hint}");
}

#[test]
fn every_problem_of_an_entry_is_said_at_once_in_plain_words() {
    // The action owner's three mistakes: a % sign, a status in Swedish (fine) and a short date.
    let (out, diags) = parse_str("innovation-1:\n  status: pågår\n  progress: 40%\n  updated: 2022-9-30\n");
    let found: Vec<(&str, usize)> = diags.iter().map(|d| (d.code, d.line)).collect();
    assert_eq!(found, [("wrong-type", 3), ("bad-date", 4)], "{diags:?}");
    assert_eq!(
        diags[0].message,
        "`progress` of `innovation-1` is `40%`, not a whole number from 0 to 100, without %"
    );
    assert_eq!(diags[0].hint.as_deref(), Some("write it without %: `progress: 40`"));
    assert_eq!(
        out["innovation-1"].status,
        Status::Ongoing,
        "what could be read is kept"
    );
    // A misspelt key hides nothing after it: the note's language is checked too.
    let (_, diags) = parse_str("innovation-1:\n  status: done\n  progres: 10\n  note:\n    de: Hallo\n");
    let codes: Vec<&str> = diags.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["unknown-key", "unknown-language"]);
    // No message speaks the parser's language.
    let (_, diags) = parse_str("innovation-1:\n  status: [done]\n  text: {a: b}\n  progress: 1.5\n  lead: [a, b]\n");
    assert_eq!(diags.len(), 4, "{diags:?}");
    for d in &diags {
        for rust in ["i64", "invalid type", "expected", "string", "sequence", "map"] {
            assert!(
                !d.message.contains(rust) && !d.hint.as_deref().unwrap_or("").contains(rust),
                "{rust}: {d}"
            );
        }
    }
}

#[test]
fn an_entry_keyed_by_an_id_needs_no_pin_and_one_keyed_by_position_does() {
    let text = "innovation-1:\n  status: done\ninnovation-2:\n  status: done\n";
    let (_, diags) = parse_with_ids(text, &["innovation-2"]);
    let unpinned: Vec<usize> = (diags.iter().filter(|d| d.code == "unpinned-follow-up"))
        .map(|d| d.line)
        .collect();
    assert_eq!(unpinned, [1], "only the entry keyed by position: {diags:?}");
    // A pin written under an id is still checked.
    let (_, diags) = parse_with_ids(
        "innovation-2:\n  text: Verka för ökad produktion\n  status: done\n",
        &["innovation-2"],
    );
    assert_eq!(diags.iter().map(|d| d.code).collect::<Vec<_>>(), ["wrong-action"]);
}

#[test]
fn the_links_of_a_note_are_where_they_are_written() {
    let text = "innovation-1:\n  text: Skapa en arbetsgrupp för innovation\n  status: ongoing\n  note:\n    sv: Se [skolan](/2022/skola/), [mer](https://ex.org/a) och [skolan](/2022/skola/) igen.\n";
    let actions = [action("innovation-1", "Skapa en arbetsgrupp för innovation")];
    let plan = PlanActions {
        list: actions.iter().collect(),
        ids: Default::default(),
    };
    let src = SourceFile::new("content/2022/follow-up.yaml", text);
    let html = HtmlOptions::for_site(&config(), true);
    let out = parse(&src, &config(), &plan, &html, &mut Vec::new());
    let links: Vec<(&str, &str, usize, usize)> = out["innovation-1"]
        .note_links
        .iter()
        .map(|(lang, l)| (lang.as_str(), l.written.as_str(), l.pos.line, l.pos.col))
        .collect();
    // Every language's pages show the note (English shows the Swedish one),
    // and each link is found after the one before it, the same address twice.
    let sv = [
        ("sv", "/2022/skola/", 5, 21),
        ("sv", "https://ex.org/a", 5, 42),
        ("sv", "/2022/skola/", 5, 73),
    ];
    let en = sv.map(|(_, w, l, c)| ("en", w, l, c));
    assert_eq!(links, [&sv[..], &en[..]].concat());
}
