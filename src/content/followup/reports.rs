//! Dated follow-up reports (`content/<year>/follow-up/<YYYY-MM-DD>.yaml`):
//! read in date order, each action's `due`, `lead` and `partners` carried
//! forward until a later report changes them, and every action judged
//! overdue against each report's date — never against the day of the build,
//! so the same files give the same site on any day.

use super::is_iso_date;
use crate::content::{Kind, file_kind, read_dir};
use crate::diagnostics::Diagnostic;
use crate::fs_utils;
use crate::model::{FollowUp, FollowUps, History, Report, SharedHistory, Status, WholeHistory};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A report file found in `follow-up/`.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportFile {
    /// `YYYY-MM-DD`, from the file name.
    pub date: String,
    pub path: PathBuf,
    /// Relative to the site root, for messages.
    pub rel: String,
}

/// The reports in the folder `dir` of the `year` plan, oldest first. A file
/// that is not `<date>.yaml`, or is dated more than a year after the plan's
/// year ends, is an error.
pub fn list(root: &Path, dir: &Path, year: u16, diags: &mut Vec<Diagnostic>) -> Vec<ReportFile> {
    let mut files = Vec::new();
    for entry in read_dir(root, dir, diags) {
        let name = entry.file_name().to_string_lossy().into_owned();
        if crate::sources::is_leftover(&name) {
            continue;
        }
        let (path, rel) = (entry.path(), fs_utils::display_rel(root, &entry.path()));
        // A link is refused by the rule every input file is read by.
        match (report_date(&name, year), file_kind(&path, &rel, diags)) {
            (_, None) => {}
            (Ok(date), Some(Kind::File)) => files.push(ReportFile { date, path, rel }),
            (Ok(_), Some(Kind::Dir)) => diags.push(
                Diagnostic::error("invalid-report", rel, format!("`{name}` is not a file"))
                    .with_hint("a report is a file `follow-up/<YYYY-MM-DD>.yaml`"),
            ),
            (Err((message, hint)), _) => {
                diags.push(Diagnostic::error("invalid-report", rel, message).with_hint(hint));
            }
        }
    }
    files
}

/// The date a report file's name gives, or what is wrong with it.
fn report_date(name: &str, year: u16) -> Result<String, (String, String)> {
    let example = format!("name each report by its date, e.g. `follow-up/{year}-09-30.yaml`");
    let Some(date) = name.strip_suffix(".yaml") else {
        let message = format!("`{name}` in `follow-up/` is not a report");
        return Err((message, example));
    };
    if !is_iso_date(date) {
        let message = format!("`{name}` is not named by a date: `{date}` is not a real YYYY-MM-DD date");
        return Err((message, example));
    }
    let first = format!("{}-01-01", year - 1);
    if date < first.as_str() {
        let message = format!("report `{name}` is dated before the year before the {year} plan's year");
        let hint = format!("a report on the {year} plan is dated on or after {first}; check the year in the name");
        return Err((message, hint));
    }
    let last = format!("{}-12-31", year + 1);
    if date > last.as_str() {
        let message = format!("report `{name}` is dated more than a year after the {year} plan's year ends");
        let hint = format!("a report on the {year} plan is dated on or before {last}; check the year in the name");
        return Err((message, hint));
    }
    Ok(date.to_string())
}

/// Merge the reports, each with the entries it writes (by action anchor),
/// oldest first, into every report's state; a report that changes nothing
/// (and has no error of its own) gets a warning. Returns the reports and the current state (the latest's).
pub fn merge(
    written: Vec<(ReportFile, BTreeMap<String, FollowUp>)>,
    diags: &mut Vec<Diagnostic>,
) -> (Vec<Report>, FollowUps) {
    // Each entry is made once and shared (`Arc`) by every report that
    // carries it forward: a report's state is a map of pointers.
    let mut state: FollowUps = BTreeMap::new();
    // Each action's history is gathered once and shared by every report's
    // state as a prefix: copying it into each would grow with the square
    // of the number of reports.
    let mut histories: BTreeMap<String, (Vec<(String, Status)>, SharedHistory)> = BTreeMap::new();
    let mut reports = Vec::with_capacity(written.len());
    for (file, entries) in written {
        let mut changed = false;
        for (anchor, mut now) in entries {
            let previous = state.get(anchor.as_str());
            if let Some(previous) = previous {
                carry_forward(previous, &mut now);
            }
            changed |= previous.is_none_or(|p| !same_report(p, &now));
            let (points, whole) = histories.entry(anchor.clone()).or_default();
            points.push((file.date.clone(), now.status));
            now.history = History::prefix(points.len(), whole);
            state.insert(anchor.into(), Arc::new(now));
        }
        // Overdue is judged at each report's date: an entry that turns
        // overdue is copied for this report on, the earlier ones keep theirs.
        for f in state.values_mut() {
            let overdue = is_overdue(f, &file.date);
            if f.overdue != overdue {
                Arc::make_mut(f).overdue = overdue;
            }
        }
        // A report with a mistake in it is said to have one, not to change nothing.
        let mistaken = diags.iter().any(|d| d.is_error() && d.file == file.rel);
        if !changed && !mistaken {
            let message = format!("the report of {} changes nothing since the report before it", file.date);
            let hint =
                "a report says what is new: a status, progress, a note or a date; remove the file if it adds nothing";
            diags.push(Diagnostic::warning("unchanged-report", file.rel.clone(), message).with_hint(hint));
        }
        reports.push(Report {
            date: file.date,
            file: file.rel,
            state: state.clone(),
        });
    }
    for (points, whole) in histories.into_values() {
        let _ = whole.set(WholeHistory::new(points));
    }
    (reports, state)
}

/// What `now` does not say about `due`, `lead` and `partners` is what
/// `previous` said.
fn carry_forward(previous: &FollowUp, now: &mut FollowUp) {
    if now.due.is_none() {
        now.due.clone_from(&previous.due);
    }
    if now.lead.is_none() {
        now.lead.clone_from(&previous.lead);
    }
    if now.partners.is_empty() {
        now.partners.clone_from(&previous.partners);
    }
}

/// Do two entries report the same (whatever file and history they have)?
fn same_report(a: &FollowUp, b: &FollowUp) -> bool {
    (a.status, a.progress, &a.lead, &a.partners, &a.due, &a.note_html)
        == (b.status, b.progress, &b.lead, &b.partners, &b.due, &b.note_html)
}

/// Is `f` overdue as of `date`: due before it, and neither done nor cancelled?
fn is_overdue(f: &FollowUp, date: &str) -> bool {
    let open = !matches!(f.status, Status::Done | Status::Cancelled);
    open && f.due.as_deref().is_some_and(|due| due < date)
}

#[cfg(test)]
mod tests;
