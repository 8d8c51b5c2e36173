//! What a render found in the years whose follow-up it read as it rendered
//! them ([`crate::model::YearPlans::deferred`]): their warnings and the
//! links in their notes, which `build` reports and checks as it does those
//! of the years read when the site was opened.

use crate::diagnostics::Diagnostic;
use crate::model::{Lang, SourceLink, YearFollowUp};
use std::collections::BTreeMap;
use std::sync::Mutex;

/// What the render found, by year: recorded at a year's first reading.
#[derive(Debug, Default)]
pub(super) struct Found(Mutex<BTreeMap<u16, YearFound>>);

/// What one year's reading found.
#[derive(Debug)]
pub(super) struct YearFound {
    pub warnings: Vec<Diagnostic>,
    pub note_links: Vec<(String, Lang, SourceLink)>,
}

impl YearFound {
    pub fn of(read: &YearFollowUp, warnings: Vec<Diagnostic>) -> Self {
        let note_links = (read.note_links())
            .map(|(file, lang, link)| (file.to_string(), lang.clone(), link.clone()))
            .collect();
        YearFound { warnings, note_links }
    }
}

impl Found {
    /// `year` was read: what `found` makes is kept unless an earlier
    /// reading of the year was (a year the feed looks at after its jobs
    /// is read twice, the same both times).
    pub fn record(&self, year: u16, found: impl FnOnce() -> YearFound) {
        let mut years = self.0.lock().unwrap_or_else(|e| e.into_inner());
        years.entry(year).or_insert_with(found);
    }

    /// What the reading of `year` found, once.
    pub fn take(&mut self, year: u16) -> Option<YearFound> {
        self.0.get_mut().unwrap_or_else(|e| e.into_inner()).remove(&year)
    }
}

/// `late` without the warnings `early` already holds (reading a year
/// again lists its folder again), in a stable order.
pub(super) fn new_warnings(early: &[Diagnostic], mut late: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let known: std::collections::HashSet<_> = early.iter().map(Diagnostic::key).collect();
    late.retain(|d| !known.contains(&d.key()));
    crate::diagnostics::sort_dedup(&mut late);
    late
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_years_first_reading_is_kept_and_taken_once() {
        let mut found = Found::default();
        let warning = |m: &str| Diagnostic::warning("unchanged-report", "content/2022/follow-up/2022-06-30.yaml", m);
        found.record(2022, || YearFound::of(&YearFollowUp::default(), vec![warning("first")]));
        found.record(2022, || {
            YearFound::of(&YearFollowUp::default(), vec![warning("second")])
        });
        assert_eq!(found.take(2022).unwrap().warnings[0].message, "first");
        assert!(found.take(2022).is_none());
    }

    #[test]
    fn late_warnings_said_when_opening_are_not_said_twice() {
        let at = |file: &str, m: &str| Diagnostic::warning("w", file, m);
        let early = [at("content/2022/plan.sv.md", "opened")];
        let late = vec![
            at("content/2023/follow-up/2023-06-30.yaml", "b"),
            at("content/2022/plan.sv.md", "opened"),
            at("content/2023/follow-up/2023-03-31.yaml", "a"),
            at("content/2023/follow-up/2023-03-31.yaml", "a"),
        ];
        let messages: Vec<String> = new_warnings(&early, late).into_iter().map(|d| d.message).collect();
        assert_eq!(messages, ["a", "b"]);
    }
}
