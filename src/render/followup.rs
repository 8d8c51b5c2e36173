//! Follow-up as templates see it: each action's status (with its label in
//! the page's language and a symbol, never colour alone), and roll-ups per
//! focus area and plan ("4 of 30 done, 12 ongoing").

use crate::model::{FollowUp, Status};
use serde::Serialize;

/// UI strings of one language.
pub use crate::theme::Strings;

/// A UI string, or `fallback` when the theme lacks it.
pub fn ui<'s>(strings: Option<&'s Strings>, key: &str, fallback: &'s str) -> &'s str {
    strings.and_then(|s| s.get(key)).map_or(fallback, String::as_str)
}

/// The symbol shown with a status, so that no status is told by colour alone.
pub fn symbol(status: Status) -> &'static str {
    match status {
        Status::Planned => "○",
        Status::Ongoing => "◐",
        Status::Done => "✓",
        Status::Paused => "‖",
        Status::Cancelled => "✕",
    }
}

/// `action.follow_up` in templates; `plan.json`'s is `opendata::FollowUpJson`
/// (the same fields without `label` and `symbol`).
#[derive(Serialize)]
pub struct FollowUpView<'a> {
    /// `planned`, `ongoing`, `done`, `paused` or `cancelled`.
    pub status: Status,
    /// The status in the page's language (`status_<status>` UI string).
    pub label: &'a str,
    pub symbol: &'static str,
    pub progress: Option<u8>,
    pub lead: Option<&'a str>,
    pub partners: Vec<&'a str>,
    pub updated: Option<&'a str>,
    /// When the action is due (`YYYY-MM-DD`), if a report says.
    pub due: Option<&'a str>,
    /// Due before the report's date and neither done nor cancelled; shown
    /// with [`OVERDUE_SYMBOL`] and the `overdue` UI string.
    pub overdue: bool,
    /// [`OVERDUE_SYMBOL`], shown with the `overdue` UI string.
    pub overdue_symbol: &'static str,
    /// The status at each report where it changed, oldest first (empty
    /// without dated reports).
    pub history: Vec<HistoryPoint<'a>>,
    /// The note in the page's language, if there is one.
    pub note_html: Option<&'a str>,
}

/// A status from a report (`action.follow_up.history`).
#[derive(Serialize)]
pub struct HistoryPoint<'a> {
    pub date: &'a str,
    pub status: Status,
    pub label: &'a str,
    pub symbol: &'static str,
}

impl<'a> HistoryPoint<'a> {
    /// `status` as of `date`, in the language of `strings`.
    pub fn new(date: &'a str, status: Status, strings: Option<&'a Strings>) -> Self {
        HistoryPoint {
            date,
            status,
            label: label(status, strings),
            symbol: symbol(status),
        }
    }
}

/// Shown with the word for "overdue", so that lateness is not told by colour alone.
pub const OVERDUE_SYMBOL: &str = "⚠";

/// The status's word in the page's language.
pub fn label(status: Status, strings: Option<&Strings>) -> &str {
    ui(strings, &format!("status_{}", status.as_str()), status.as_str())
}

/// `f` as templates see it; its history's last `window` changes of status
/// when given (a report's page), else all of them.
pub fn follow_up_view<'a>(
    f: &'a FollowUp,
    lang: &str,
    strings: Option<&'a Strings>,
    window: Option<usize>,
) -> FollowUpView<'a> {
    let changes = f.history.changes();
    let skip = window.map_or(0, |w| changes.len().saturating_sub(w));
    let history = changes
        .skip(skip)
        .map(|(date, status)| HistoryPoint::new(date, *status, strings))
        .collect();
    FollowUpView {
        status: f.status,
        label: label(f.status, strings),
        symbol: symbol(f.status),
        progress: f.progress,
        lead: f.lead.as_ref().map(|n| n.get(lang)),
        partners: f.partners.iter().map(|n| n.get(lang)).collect(),
        updated: f.updated.as_deref(),
        due: f.due.as_deref(),
        overdue: f.overdue,
        overdue_symbol: OVERDUE_SYMBOL,
        history,
        note_html: f.note_html.get(lang).map(String::as_str),
    }
}

/// How the actions of an area or a plan stand (`area.rollup`, `plan.rollup`).
#[derive(Serialize, Default, Debug, PartialEq, Hash)]
pub struct Rollup {
    pub total: usize,
    /// Actions that have a follow-up.
    pub followed: usize,
    /// Actions with no follow-up yet (`total - followed`).
    pub unreported: usize,
    /// Followed actions that are overdue.
    pub overdue: usize,
    /// Per status, in the order planned, ongoing, done, paused, cancelled; only statuses that occur.
    pub statuses: Vec<StatusCount>,
    /// The roll-up in words: "4 av 30 klara, 12 pågår". Empty without follow-up.
    pub summary: String,
}

#[derive(Serialize, Debug, PartialEq, Hash)]
pub struct StatusCount {
    pub status: Status,
    /// The status in the page's language.
    pub label: String,
    pub symbol: &'static str,
    pub count: usize,
}

/// Count the statuses of `follow_ups` among `total` actions.
pub fn rollup<'f>(total: usize, follow_ups: impl Iterator<Item = &'f FollowUp>, strings: Option<&Strings>) -> Rollup {
    let mut counts = [0usize; 5];
    let mut overdue = 0;
    for f in follow_ups {
        counts[Status::ALL.iter().position(|s| *s == f.status).unwrap_or(0)] += 1;
        overdue += usize::from(f.overdue);
    }
    let followed = counts.iter().sum();
    let statuses: Vec<StatusCount> = Status::ALL
        .iter()
        .zip(counts)
        .filter(|(_, c)| *c > 0)
        .map(|(s, count)| StatusCount {
            status: *s,
            label: label(*s, strings).to_string(),
            symbol: symbol(*s),
            count,
        })
        .collect();
    let summary = if followed == 0 {
        String::new()
    } else {
        summary(total, &counts, overdue, strings)
    };
    Rollup {
        total,
        followed,
        unreported: total.saturating_sub(followed),
        overdue,
        statuses,
        summary,
    }
}

/// "4 av 30 klara, 12 pågår, 2 pausade, 3 försenade".
fn summary(total: usize, counts: &[usize; 5], overdue: usize, strings: Option<&Strings>) -> String {
    let done = counts[2];
    let mut parts = vec![
        ui(strings, "rollup_done", "{done} of {total} done")
            .replace("{done}", &done.to_string())
            .replace("{total}", &total.to_string()),
    ];
    for (i, status) in Status::ALL.iter().enumerate() {
        if *status != Status::Done && counts[i] > 0 {
            let key = format!("rollup_{}{}", status.as_str(), if counts[i] == 1 { "_one" } else { "" });
            let word = ui(strings, &key, status.as_str());
            parts.push(format!("{} {word}", counts[i]));
        }
    }
    if overdue > 0 {
        let key = if overdue == 1 {
            "rollup_overdue_one"
        } else {
            "rollup_overdue"
        };
        parts.push(format!("{overdue} {}", ui(strings, key, "overdue")));
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn f(status: Status) -> FollowUp {
        FollowUp {
            status,
            ..FollowUp::default()
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
    fn every_status_has_its_own_symbol() {
        let symbols: std::collections::BTreeSet<_> = Status::ALL.iter().map(|s| symbol(*s)).collect();
        assert_eq!(symbols.len(), Status::ALL.len());
    }
}
