use super::*;
use crate::render::followup::StatusCount;

/// Every character half as wide as the font size.
fn half(_: char) -> f32 {
    0.5
}

#[test]
fn titles_are_broken_into_lines_at_the_largest_size_that_fits() {
    // At 64 px a character is 32 px wide: 1040 px hold 32 characters.
    let cases: &[(&str, f32, &[&str])] = &[
        ("Innovation", 64.0, &["Innovation"]),
        (
            "Kompetensförsörjning och livslångt lärande i hela regionen",
            64.0,
            &["Kompetensförsörjning och", "livslångt lärande i hela", "regionen"],
        ),
        // Four lines at 64 px (two words of 11 a line), three at 56 (37 characters a line).
        (
            "aaaaaaaaaaa bbbbbbbbbbb ccccccccccc ddddddddddd eeeeeeeeeee fffffffffff ggggggggggg",
            56.0,
            &[
                "aaaaaaaaaaa bbbbbbbbbbb ccccccccccc",
                "ddddddddddd eeeeeeeeeee fffffffffff",
                "ggggggggggg",
            ],
        ),
        ("  spaces   between  ", 64.0, &["spaces between"]),
        ("", 64.0, &[]),
    ];
    for (title, size, lines) in cases {
        assert_eq!(
            wrap(title, half, 1040.0),
            (*size, lines.iter().map(|l| l.to_string()).collect()),
            "{title}"
        );
    }
}

#[test]
fn a_title_too_long_for_three_lines_ends_in_an_ellipsis() {
    let title = "word ".repeat(100);
    let (size, lines) = wrap(&title, half, 1040.0);
    assert_eq!(size, 42.0);
    assert_eq!(lines.len(), 3);
    let last = lines.last().unwrap();
    assert!(last.ends_with('…') && !last.ends_with(" …"), "{last}");
    // Every line fits, the ellipsis included.
    for line in &lines {
        assert!(line.chars().count() as f32 * 0.5 * 42.0 <= 1040.0, "{line}");
    }
}

#[test]
fn the_built_in_font_measures_wide_letters_wider() {
    let font = TitleFont::new(crate::theme::builtin("fonts/Inter-Bold.otf").unwrap()).unwrap();
    assert!(font.advance('W') > font.advance('i'));
    assert!(font.advance('å') > 0.3 && font.advance('å') < 0.8);
}

fn rollup(total: usize, statuses: &[(Status, usize)]) -> Rollup {
    let followed = statuses.iter().map(|s| s.1).sum();
    Rollup {
        total,
        followed,
        unreported: total - followed,
        statuses: statuses
            .iter()
            .map(|&(status, count)| StatusCount {
                status,
                label: status.as_str().to_string(),
                symbol: "",
                count,
                overdue: 0,
            })
            .collect(),
        ..Rollup::default()
    }
}

#[test]
fn the_status_bar_splits_the_width_by_count_and_fills_it_exactly() {
    assert_eq!(bars(&rollup(30, &[])), []);
    let three = rollup(3, &[(Status::Ongoing, 1), (Status::Done, 1)]);
    let split = bars(&three);
    let shown: Vec<(&str, f32, f32, &str)> = split.iter().map(|b| (b.status, b.x, b.width, b.colour)).collect();
    assert_eq!(
        shown,
        [
            // Done first; each status in its own colour, never the accent.
            ("done", 0.0, 347.0, "#1a6b32"),
            ("ongoing", 347.0, 346.0, "#0b5394"),
            ("unreported", 693.0, 347.0, "#c9d0d8"),
        ]
    );
    let last = split.last().unwrap();
    assert_eq!(last.x + last.width, TEXT_WIDTH);
}
