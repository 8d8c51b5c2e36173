//! Table tests for statuses as templates see them and for roll-ups.

use super::*;
use std::collections::BTreeMap;

fn f(status: Status) -> FollowUp {
    FollowUp {
        status,
        ..FollowUp::default()
    }
}

#[test]
fn ui_string_keys_are_named_by_the_status() {
    for status in Status::ALL {
        let name = status.as_str();
        assert_eq!(status.label_key(), format!("status_{name}"));
        assert_eq!(rollup_key(status, false), format!("rollup_{name}"));
        assert_eq!(rollup_key(status, true), format!("rollup_{name}_one"));
    }
}

#[test]
fn rollups_count_and_say_it_in_words() {
    let all = [f(Status::Done), f(Status::Done), f(Status::Ongoing), f(Status::Paused)];
    let r = rollup(30, all.iter(), None);
    assert_eq!(r.summary, "2 of 30 done, 1 ongoing, 1 paused");
    assert_eq!(r.followed, 4);
    let shown: Vec<_> = r.statuses.iter().map(|s| (s.status, s.count)).collect();
    assert_eq!(shown, [(Status::Ongoing, 1), (Status::Done, 2), (Status::Paused, 1)]);
    let sv = BTreeMap::from([
        ("rollup_done".to_string(), "{done} av {total} klara".to_string()),
        ("rollup_ongoing_one".to_string(), "pågår".to_string()),
        ("rollup_paused_one".to_string(), "pausad".to_string()),
        ("rollup_paused".to_string(), "pausade".to_string()),
    ]);
    assert_eq!(
        rollup(30, all.iter(), Some(&sv)).summary,
        "2 av 30 klara, 1 pågår, 1 pausad"
    );
    let mut late = f(Status::Ongoing);
    late.overdue = true;
    let with_late = [f(Status::Done), late.clone(), late];
    let r = rollup(4, with_late.iter(), None);
    // A report's roll-up in a list: the same summary, made alone.
    for (total, some, strings) in [(4, &with_late[..], None), (30, &all[..], Some(&sv)), (3, &[][..], None)] {
        let whole = rollup(total, some.iter(), strings);
        assert_eq!(summary_of(total, some.iter(), strings), (whole.summary, whole.overdue));
    }
    assert_eq!((r.overdue, r.unreported), (2, 1));
    assert_eq!(r.summary, "1 of 4 done, 2 ongoing, 2 overdue");
    let two_paused = [f(Status::Paused), f(Status::Paused)];
    assert_eq!(
        rollup(5, two_paused.iter(), Some(&sv)).summary,
        "0 av 5 klara, 2 pausade"
    );
    assert_eq!(
        rollup(3, [].iter(), None),
        Rollup {
            total: 3,
            unreported: 3,
            ..Rollup::default()
        }
    );
}

#[test]
fn the_strip_puts_done_first_adds_up_and_counts_the_late_within_their_status() {
    let mut late = f(Status::Ongoing);
    late.overdue = true;
    let all = [
        f(Status::Planned),
        late.clone(),
        late,
        f(Status::Ongoing),
        f(Status::Done),
    ];
    let r = rollup(8, all.iter(), None);
    let strip: Vec<(&str, usize)> = r.strip.iter().map(|p| (p.status, p.count)).collect();
    assert_eq!(strip, [("done", 1), ("ongoing", 3), ("planned", 1), ("unreported", 3)]);
    assert_eq!(strip.iter().map(|p| p.1).sum::<usize>(), r.total, "the counts add up");
    let last = r.strip.last().unwrap();
    assert_eq!(
        last.x + last.width,
        1000,
        "the bar is filled exactly (in tenths of a percent)"
    );
    let ongoing = r.statuses.iter().find(|s| s.status == Status::Ongoing).unwrap();
    assert_eq!((ongoing.count, ongoing.overdue), (3, 2));
    assert!(
        rollup(8, [].iter(), None).strip.is_empty(),
        "no strip without follow-up"
    );
}

#[test]
fn every_status_has_its_own_symbol() {
    let symbols: std::collections::BTreeSet<_> = Status::ALL.iter().map(|s| symbol(*s)).collect();
    assert_eq!(symbols.len(), Status::ALL.len());
}
