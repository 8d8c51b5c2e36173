//! Table tests for the year-over-year comparison.

use super::*;
use crate::model::{InlineHtml, Pos};

fn plan(year: u16, areas: &[(&str, &[&str])]) -> Plan {
    Plan {
        year,
        lang: "sv".into(),
        file: format!("content/{year}/plan.sv.md"),
        title: format!("Plan {year}"),
        description: String::new(),
        draft: false,
        intro_html: String::new(),
        areas: areas
            .iter()
            .map(|(id, actions)| FocusArea {
                id: (*id).into(),
                title: id.to_string(),
                title_html: InlineHtml::default(),
                description_html: String::new(),
                actions: actions
                    .iter()
                    .enumerate()
                    .map(|(i, t)| Action {
                        n: i + 1,
                        anchor: compact_str::format_compact!("{id}-{}", i + 1),
                        text: t.to_string(),
                        text_html: InlineHtml::default(),
                        details_html: String::new(),
                        pos: Pos::default(),
                    })
                    .collect(),
                pos: Pos::default(),
            })
            .collect(),
        pos: Pos::default(),
        links: Vec::new(),
    }
}

#[test]
fn similarity_of_hard_cases() {
    let cases: &[(&str, &str, f64, f64)] = &[
        // identical, or differing only in case, punctuation and function words
        (
            "Arbeta för bättre villkor för pendling",
            "arbeta för bättre villkor, för pendling.",
            1.0,
            1.0,
        ),
        (
            "Verka för en ny fast förbindelse Helsingborg-Helsingör",
            "Verka för ny fast förbindelse Helsingborg–Helsingör",
            1.0,
            1.0,
        ),
        // reworded but the same action
        (
            "Verka för en ny fast förbindelse Helsingborg-Helsingör",
            "Arbeta för beslut om en ny fast förbindelse Helsingborg-Helsingör",
            0.5,
            0.7,
        ),
        // same words, another order
        (
            "Seminarier om hållbarhet och Agenda 2030",
            "Agenda 2030: seminarier om hållbarhet",
            1.0,
            1.0,
        ),
        // sharing only function words and one theme word: not the same action
        (
            "Arbeta för bättre villkor för pendling",
            "Arbeta med innovation för företagen",
            0.0,
            0.2,
        ),
        // å/ä/ö folded: spelling with or without diacritics is the same word
        ("Öresundsbrons överskott", "Oresundsbrons overskott", 1.0, 1.0),
    ];
    for (a, b, lo, hi) in cases {
        let s = similarity(a, b);
        assert!(s >= *lo && s <= *hi, "{a:?} vs {b:?}: {s}");
    }
}

/// An area's id, status, former id and its actions' statuses and previous numbers.
type Summary<'a> = (&'a str, AreaStatus, Option<&'a str>, Vec<(ActionStatus, Option<usize>)>);

#[test]
fn areas_and_actions_are_classified() {
    let previous = plan(
        2021,
        &[
            (
                "innovation",
                &[
                    "Skapa en arbetsgrupp för innovation",
                    "Arbeta med Scaleup tillsammans med forskarparker",
                ],
            ),
            ("flyg", &["Verka för regionala flygplatser"]),
            (
                "trafik",
                &[
                    "Verka för en ny fast förbindelse Helsingborg-Helsingör",
                    "Delta i remissarbetet för nationell plan",
                ],
            ),
        ],
    );
    let current = plan(
        2022,
        &[
            // continued area, actions reordered, one reworded, one new
            (
                "innovation",
                &[
                    "Arbeta med Scaleup tillsammans med forskarparker",
                    "Skapa en arbetsgrupp som beskriver företagens behov av innovation",
                    "Ta fram analyser över innovation i Sydsverige",
                ],
            ),
            // renamed area: new id, same actions
            (
                "infrastruktur",
                &[
                    "Delta i det officiella remissarbetet för nationell plan",
                    "Arbeta för beslut om en ny fast förbindelse Helsingborg-Helsingör",
                ],
            ),
            // new area
            ("digitalisering", &["Fokusera på hybridledarskapet"]),
        ],
    );
    let changes = compare(&previous, &current);
    assert_eq!(changes.since, 2021);
    let summary: Vec<Summary> = changes
        .areas
        .iter()
        .map(|a| {
            (
                a.id.as_str(),
                a.status,
                a.from.as_deref(),
                a.actions.iter().map(|x| (x.status, x.previous)).collect(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (
                "innovation",
                AreaStatus::Continued,
                None,
                vec![
                    (ActionStatus::Same, Some(2)),
                    (ActionStatus::Continued, Some(1)),
                    (ActionStatus::New, None)
                ]
            ),
            (
                "infrastruktur",
                AreaStatus::Renamed,
                Some("trafik"),
                vec![(ActionStatus::Continued, Some(2)), (ActionStatus::Continued, Some(1))]
            ),
            ("digitalisering", AreaStatus::New, None, vec![(ActionStatus::New, None)]),
        ]
    );
    assert_eq!(
        changes.dropped,
        [DroppedArea {
            id: "flyg".into(),
            title: "flyg".into(),
            actions: 1
        }]
    );
}

#[test]
fn an_action_pairs_with_one_action_only() {
    let previous = plan(2021, &[("a", &["Arbeta för bättre villkor för pendling"])]);
    let current = plan(
        2022,
        &[(
            "a",
            &[
                "Arbeta för bättre villkor för pendling",
                "Arbeta för bättre villkor för pendling över Öresund",
            ],
        )],
    );
    let c = compare(&previous, &current);
    let statuses: Vec<_> = c.areas[0].actions.iter().map(|a| (a.status, a.previous)).collect();
    assert_eq!(statuses, [(ActionStatus::Same, Some(1)), (ActionStatus::New, None)]);
}

#[test]
fn a_new_id_with_other_actions_is_a_new_area_and_the_old_one_is_dropped() {
    let previous = plan(2021, &[("kompetens", &["Arbeta med Yh-utbildning i Skåne"])]);
    let current = plan(2022, &[("export", &["Stöd företagens export till Tyskland"])]);
    let c = compare(&previous, &current);
    assert_eq!(c.areas[0].status, AreaStatus::New);
    assert_eq!(c.dropped.len(), 1);
}

#[test]
fn function_words_fit_the_word_reader() {
    assert!(STOPWORDS.iter().all(|w| w.len() <= STOPWORD_MAX));
    // A function word is skipped, a longer word starting like one is not.
    let count = |text: &str| {
        let mut n = 0;
        for_each_word(text, |_| n += 1);
        n
    };
    assert_eq!(count("och att kring Kringla"), 1);
    assert_eq!(count("Företag, företagen; ÖRESUND"), 3);
}

#[test]
fn a_huge_area_is_compared_by_identical_texts_only() {
    // 300 × 300 actions is past what is compared each with each.
    let texts: Vec<String> = (0..300)
        .map(|i| format!("Insats nummer {i} om regionens utveckling"))
        .collect();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let mut reversed = refs.clone();
    reversed.reverse();
    reversed[0] = "En helt ny insats om något annat";
    let before = plan(2021, &[("a", &refs)]);
    let now = plan(2022, &[("a", &reversed)]);
    let changes = compare(&before, &now);
    let actions = &changes.areas[0].actions;
    assert_eq!(actions[0].status, ActionStatus::New);
    assert!(
        actions[1..].iter().all(|a| a.status == ActionStatus::Same),
        "identical texts still pair"
    );
    assert_eq!(actions[1].previous, Some(299), "with the action they repeat");
}
