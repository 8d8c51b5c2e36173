//! Follow-up as templates see it: each action's status (with its label in
//! the page's language and a symbol, never colour alone), and roll-ups per
//! focus area and plan ("4 of 30 done, 12 ongoing").

use super::bars::{Part, STRIP_ORDER, overdue_width, parts};
use crate::model::{FollowUp, Status};
use serde::Serialize;
use std::fmt::Write as _;

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
    /// The note in the page's language, or else in the language it was
    /// written in (a note given only in Swedish is shown on English pages).
    pub note_html: Option<&'a str>,
    /// The note's language when it is not the page's (`lang` on its element).
    pub note_lang: Option<&'a str>,
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
    ui(strings, status.label_key(), status.as_str())
}

/// The UI string of a count's word in a roll-up: `rollup_<status>`, or
/// `rollup_<status>_one` for one.
fn rollup_key(status: Status, one: bool) -> &'static str {
    match (status, one) {
        (Status::Planned, false) => "rollup_planned",
        (Status::Planned, true) => "rollup_planned_one",
        (Status::Ongoing, false) => "rollup_ongoing",
        (Status::Ongoing, true) => "rollup_ongoing_one",
        (Status::Done, false) => "rollup_done",
        (Status::Done, true) => "rollup_done_one",
        (Status::Paused, false) => "rollup_paused",
        (Status::Paused, true) => "rollup_paused_one",
        (Status::Cancelled, false) => "rollup_cancelled",
        (Status::Cancelled, true) => "rollup_cancelled_one",
    }
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
    let note = note(f, lang);
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
        note_html: note.map(|n| n.1),
        note_lang: note.and_then(|n| n.0),
    }
}

/// `f`'s note on `lang`'s pages: (`Some(language it is written in)` when
/// not `lang`, the HTML).
pub fn note<'a>(f: &'a FollowUp, lang: &str) -> Option<(Option<&'a str>, &'a str)> {
    let html = f.note_html.text(lang)?;
    Some((f.note_from.text(lang), html))
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
    /// Its first part, a bar's label: "1 av 3 klara". Empty without follow-up.
    pub headline: String,
    /// The split as parts of a bar 100 wide, done first, then ongoing,
    /// planned, paused, cancelled, and the actions not yet reported last
    /// (`status.strip`); empty without follow-up.
    pub strip: Vec<Part>,
}

#[derive(Serialize, Debug, PartialEq, Hash)]
pub struct StatusCount {
    pub status: Status,
    /// The status in the page's language.
    pub label: String,
    pub symbol: &'static str,
    pub count: usize,
    /// How many of them are overdue ("13 pågår, varav 5 försenade").
    pub overdue: usize,
}

impl Rollup {
    /// The counts a bar shows, done first and the unreported last; none
    /// without follow-up.
    pub fn split(&self) -> Vec<(&'static str, usize)> {
        if self.followed == 0 {
            return Vec::new();
        }
        let count = |s: Status| self.statuses.iter().find(|c| c.status == s).map_or(0, |c| c.count);
        let mut split: Vec<(&'static str, usize)> = STRIP_ORDER.iter().map(|s| (s.as_str(), count(*s))).collect();
        split.push(("unreported", self.unreported));
        split
    }
}

/// How many of some actions' follow-ups are in each status (in the order
/// of [`Status::ALL`]), and how many of those are overdue.
struct Counts {
    counts: [usize; 5],
    late: [usize; 5],
    overdue: usize,
}

impl Counts {
    fn of<'f>(follow_ups: impl Iterator<Item = &'f FollowUp>) -> Counts {
        let mut c = Counts {
            counts: [0; 5],
            late: [0; 5],
            overdue: 0,
        };
        for f in follow_ups {
            let i = Status::ALL.iter().position(|s| *s == f.status).unwrap_or(0);
            c.counts[i] += 1;
            c.late[i] += usize::from(f.overdue);
            c.overdue += usize::from(f.overdue);
        }
        c
    }
}

/// A roll-up's summary alone ("4 of 30 done, 12 ongoing"; empty without
/// follow-up) and how many are overdue: what each report's roll-up in a
/// list shows, without the rest of a [`Rollup`].
pub fn summary_of<'f>(
    total: usize,
    follow_ups: impl Iterator<Item = &'f FollowUp>,
    strings: Option<&Strings>,
) -> (String, usize) {
    let Counts { counts, overdue, .. } = Counts::of(follow_ups);
    if counts.iter().sum::<usize>() == 0 {
        return (String::new(), overdue);
    }
    (
        summary(&done_of(total, counts[2], strings), &counts, overdue, strings),
        overdue,
    )
}

/// Count the statuses of `follow_ups` among `total` actions.
pub fn rollup<'f>(total: usize, follow_ups: impl Iterator<Item = &'f FollowUp>, strings: Option<&Strings>) -> Rollup {
    let Counts { counts, late, overdue } = Counts::of(follow_ups);
    let followed = counts.iter().sum();
    let statuses: Vec<StatusCount> = (Status::ALL.iter().zip(counts).zip(late))
        .filter(|((_, c), _)| *c > 0)
        .map(|((s, count), overdue)| StatusCount {
            status: *s,
            label: label(*s, strings).to_string(),
            symbol: symbol(*s),
            count,
            overdue,
        })
        .collect();

    let (summary, headline) = if followed == 0 {
        (String::new(), String::new())
    } else {
        let headline = done_of(total, counts[2], strings);
        (summary(&headline, &counts, overdue, strings), headline)
    };
    let mut rollup = Rollup {
        total,
        followed,
        unreported: total.saturating_sub(followed),
        overdue,
        statuses,
        summary,
        headline,
        strip: Vec::new(),
    };
    let of = |name: &str| rollup.statuses.iter().find(|c| c.status.as_str() == name);
    let strip = (parts(&rollup.split(), 1000).into_iter()).map(|(status, count, x, width)| {
        let found = of(status);
        let overdue = found.map_or(0, |c| c.overdue);
        let late = overdue_width(width, count, overdue);
        Part {
            status,
            label: found.map_or_else(
                || ui(strings, "not_reported", "Not reported").to_string(),
                |c| c.label.clone(),
            ),
            symbol: found.map_or("", |c| c.symbol),
            count,
            overdue,
            x,
            width,
            overdue_x: x + width - late,
            overdue_width: late,
        }
    });
    rollup.strip = strip.collect();
    rollup
}

/// "4 av 30 klara".
fn done_of(total: usize, done: usize, strings: Option<&Strings>) -> String {
    let pattern = ui(strings, "rollup_done", "{done} of {total} done");
    crate::theme::fill(pattern, &[("{done}", &done), ("{total}", &total)])
}

/// "4 av 30 klara, 12 pågår, 2 pausade, 3 försenade": `headline` (the done
/// of all) and the count of each other status and of the overdue.
fn summary(headline: &str, counts: &[usize; 5], overdue: usize, strings: Option<&Strings>) -> String {
    let mut out = String::with_capacity(headline.len() + 64);
    out.push_str(headline);
    for (status, &count) in Status::ALL.iter().zip(counts) {
        if *status != Status::Done && count > 0 {
            let word = ui(strings, rollup_key(*status, count == 1), status.as_str());
            write!(out, ", {count} {word}").expect("writing to a string cannot fail");
        }
    }
    if overdue > 0 {
        let key = if overdue == 1 {
            "rollup_overdue_one"
        } else {
            "rollup_overdue"
        };
        write!(out, ", {overdue} {}", ui(strings, key, "overdue")).expect("writing to a string cannot fail");
    }
    out
}

#[cfg(test)]
mod tests;
