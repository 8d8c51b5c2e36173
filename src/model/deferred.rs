//! A year whose follow-up is read when the year is rendered, not when the
//! site is opened: what a build of a long archive knows of each such year's
//! reports until then, so that it never holds every report at once and
//! reads each report once.

use super::{FollowUp, FollowUps, Lang, Report, SourceLink, YearPlans};

/// What a year whose follow-up is read later knows of it: the report dates
/// (in [`YearPlans::reports`], states empty) from the file names, and —
/// once the year is rendered — the links written in its notes.
#[derive(Debug, Clone, Default)]
pub struct Deferred {
    /// The links written in the notes, as [`YearPlans::note_links`] gives
    /// them; filled in after the render read the year.
    pub note_links: Vec<(String, Lang, SourceLink)>,
}

/// A year's follow-up as read: the current state and the dated reports.
#[derive(Debug, Clone, Default)]
pub struct YearFollowUp {
    pub current: FollowUps,
    pub reports: Vec<Report>,
}

/// A note link: the file it is written in, the note's language, the link.
pub type NoteLink<'a> = (&'a str, &'a Lang, &'a SourceLink);

impl YearFollowUp {
    /// Every link written in the notes its pages show, an entry carried
    /// forward as often as it is shown.
    pub fn note_links(&self) -> impl Iterator<Item = NoteLink<'_>> {
        note_links(&self.current, &self.reports)
    }
}

impl YearPlans {
    /// Has the year follow-up (pages of its own), read or to be read?
    pub fn has_follow_up(&self) -> bool {
        !self.follow_up.is_empty() || self.deferred.is_some()
    }

    /// Every link written in the notes the year's pages show: (file,
    /// language, link), an entry carried forward as often as it is shown.
    /// For a year read later, those its render found.
    pub fn note_links(&self) -> Box<dyn Iterator<Item = NoteLink<'_>> + '_> {
        match &self.deferred {
            Some(d) => Box::new(d.note_links.iter().map(|(f, l, s)| (f.as_str(), l, s))),
            None => Box::new(note_links(&self.follow_up, &self.reports)),
        }
    }
}

fn note_links<'a>(current: &'a FollowUps, reports: &'a [Report]) -> impl Iterator<Item = NoteLink<'a>> {
    let reported = reports.iter().flat_map(|r| r.state.values());
    (current.values().chain(reported))
        .map(|f| &**f)
        .flat_map(|f: &FollowUp| f.note_links.iter().map(move |(l, s)| (f.file.as_str(), l, s)))
}
