//! A year's follow-up let go after reading: what a build of a long archive
//! keeps of each year's reports until it renders the year and reads them
//! again, so that it never holds every report at once.

use super::{FollowUps, Lang, Report, SourceLink, YearPlans};

/// What a year keeps of its follow-up once the states are let go: what the
/// pages of other years and the checks after rendering need.
#[derive(Debug, Clone, Default)]
pub struct Released {
    /// The links written in the notes, as [`YearPlans::note_links`] gives them.
    pub note_links: Vec<(String, Lang, SourceLink)>,
}

/// A year's follow-up as read: the current state and the dated reports.
#[derive(Debug, Clone, Default)]
pub struct YearFollowUp {
    pub current: FollowUps,
    pub reports: Vec<Report>,
}

impl YearPlans {
    /// Has the year follow-up (pages of its own), kept or let go?
    pub fn has_follow_up(&self) -> bool {
        !self.follow_up.is_empty() || self.released.is_some()
    }

    /// Let the follow-up's states go, keeping the report dates and what
    /// [`Released`] holds: a large site's build reads each year's again when
    /// it renders the year, instead of holding every report of every year.
    pub fn release_follow_up(&mut self) {
        if self.follow_up.is_empty() {
            return;
        }
        let note_links = self
            .note_links()
            .map(|(f, l, s)| (f.to_string(), l.clone(), s.clone()))
            .collect();
        self.follow_up = FollowUps::new();
        for report in &mut self.reports {
            report.state = FollowUps::new();
        }
        self.released = Some(Released { note_links });
    }

    /// Every link written in the notes the year's pages show: (file,
    /// language, link), an entry carried forward as often as it is shown.
    pub fn note_links(&self) -> Box<dyn Iterator<Item = (&str, &Lang, &SourceLink)> + '_> {
        match &self.released {
            Some(r) => Box::new(r.note_links.iter().map(|(f, l, s)| (f.as_str(), l, s))),
            None => Box::new(
                (self.all_follow_ups()).flat_map(|f| f.note_links.iter().map(move |(l, s)| (f.file.as_str(), l, s))),
            ),
        }
    }
}
