//! A year's follow-up while its files are rendered: the model's own, or —
//! for a year whose follow-up is read when it is rendered — read for the
//! year's jobs and let go when the last of them is done, so that a build
//! holds a few years' reports at a time, not an archive's.

use super::RenderError;
use crate::diagnostics::Diagnostic;
use crate::model::{FollowUps, Report, Site, YearFollowUp, YearPlans};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// Reads a year's follow-up: what the pipeline gives a render of a site
/// whose years' follow-up is read as they are rendered ([`YearPlans::deferred`]).
pub trait FollowUpReader: Sync {
    /// The follow-up of `year`, or the problems that stopped reading it.
    fn follow_up(&self, year: &YearPlans) -> Result<YearFollowUp, Vec<Diagnostic>>;
}

/// A year's follow-up for as long as a job needs it.
pub enum Held<'a> {
    /// The model's own (also a year without follow-up).
    Kept(&'a YearPlans),
    /// Read for this render.
    Read(Arc<YearFollowUp>),
    /// No such year (a plan's year is always there).
    Missing,
}

impl Held<'_> {
    /// The current state, by action anchor.
    pub fn current(&self) -> Option<&FollowUps> {
        match self {
            Held::Kept(year) => Some(&year.follow_up),
            Held::Read(read) => Some(&read.current),
            Held::Missing => None,
        }
    }

    /// The dated reports, oldest first.
    pub fn reports(&self) -> &[Report] {
        match self {
            Held::Kept(year) => &year.reports,
            Held::Read(read) => &read.reports,
            Held::Missing => &[],
        }
    }
}

/// The follow-up of every year of a render, each read at most once while
/// jobs of its year are left.
pub struct Years<'a> {
    site: &'a Site,
    reader: Option<&'a dyn FollowUpReader>,
    /// By the index of the year in `site.years`.
    slots: Vec<Slot>,
}

#[derive(Default)]
struct Slot {
    read: Mutex<Option<Arc<YearFollowUp>>>,
    /// Jobs of the year not yet done.
    jobs: AtomicUsize,
}

impl<'a> Years<'a> {
    /// For a render whose plan jobs are of the years `jobs` (one item per job).
    pub fn new(site: &'a Site, reader: Option<&'a dyn FollowUpReader>, jobs: impl Iterator<Item = u16>) -> Self {
        let slots: Vec<Slot> = site.years.iter().map(|_| Slot::default()).collect();
        for year in jobs {
            if let Some(i) = index(site, year) {
                slots[i].jobs.fetch_add(1, Ordering::Relaxed);
            }
        }
        Years { site, reader, slots }
    }

    /// The follow-up of `year` for one of its jobs, which then calls
    /// [`Years::done`]: read at the first, kept for the others.
    pub fn for_job(&self, year: u16) -> Result<Held<'a>, RenderError> {
        self.get(year, true)
    }

    /// The follow-up of `year` for a file outside its jobs (the feed, a
    /// home page): held by a job of the year if one is, else read for it.
    pub fn peek(&self, year: u16) -> Result<Held<'a>, RenderError> {
        self.get(year, false)
    }

    fn get(&self, year: u16, keep: bool) -> Result<Held<'a>, RenderError> {
        let Some(i) = index(self.site, year) else {
            return Ok(Held::Missing);
        };
        let plans = &self.site.years[i];
        if plans.deferred.is_none() {
            return Ok(Held::Kept(plans));
        }
        let mut slot = self.slots[i].read.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(read) = &*slot {
            return Ok(Held::Read(read.clone()));
        }
        let read = Arc::new(self.read(plans)?);
        if keep {
            *slot = Some(read.clone());
        }
        Ok(Held::Read(read))
    }

    fn read(&self, year: &YearPlans) -> Result<YearFollowUp, RenderError> {
        let Some(reader) = self.reader else {
            let message = format!(
                "the follow-up of {} is to be read while rendering, but nothing reads it",
                year.year
            );
            let error = Diagnostic::error("internal", "", message).with_hint("please report this as a bug");
            return Err(RenderError::Content(vec![error]));
        };
        reader.follow_up(year).map_err(RenderError::Content)
    }

    /// A job of `year` is done: after the last, its follow-up is let go.
    pub fn done(&self, year: u16) {
        let Some(slot) = index(self.site, year).map(|i| &self.slots[i]) else {
            return;
        };
        if slot.jobs.fetch_sub(1, Ordering::AcqRel) == 1 {
            slot.read.lock().unwrap_or_else(|e| e.into_inner()).take();
        }
    }
}

fn index(site: &Site, year: u16) -> Option<usize> {
    site.years.binary_search_by_key(&year, |y| y.year).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Config, Deferred};
    use std::sync::atomic::AtomicUsize;

    /// Counts its readings; each gives one report dated `2022-03-31`.
    struct Counting(AtomicUsize);

    impl FollowUpReader for Counting {
        fn follow_up(&self, _: &YearPlans) -> Result<YearFollowUp, Vec<Diagnostic>> {
            self.0.fetch_add(1, Ordering::SeqCst);
            let report = Report {
                date: "2022-03-31".into(),
                file: String::new(),
                state: FollowUps::new(),
            };
            Ok(YearFollowUp {
                current: FollowUps::new(),
                reports: vec![report],
            })
        }
    }

    fn site(deferred: bool) -> Site {
        let year = |year: u16| YearPlans {
            year,
            plans: Default::default(),
            assets: Vec::new(),
            follow_up: FollowUps::new(),
            reports: Vec::new(),
            deferred: deferred.then(Deferred::default),
        };
        Site {
            config: Config::sample("https://example.org", &["sv"]),
            years: vec![year(2021), year(2022)],
            root_files: Vec::new(),
        }
    }

    fn read(held: &Held) -> Arc<YearFollowUp> {
        match held {
            Held::Read(read) => read.clone(),
            _ => panic!("not read"),
        }
    }

    #[test]
    fn a_year_is_read_once_for_its_jobs_and_let_go_after_the_last() {
        let (site, reads) = (site(true), Counting(AtomicUsize::new(0)));
        let years = Years::new(&site, Some(&reads), [2022, 2022].into_iter());
        let first = read(&years.for_job(2022).unwrap());
        let second = read(&years.for_job(2022).unwrap());
        assert!(Arc::ptr_eq(&first, &second));
        assert_eq!(first.reports.len(), 1);
        assert_eq!(reads.0.load(Ordering::SeqCst), 1);
        // A file outside the jobs shares what they hold.
        assert!(Arc::ptr_eq(&first, &read(&years.peek(2022).unwrap())));
        years.done(2022);
        assert!(Arc::ptr_eq(&first, &read(&years.for_job(2022).unwrap())));
        years.done(2022);
        assert_eq!(Arc::strong_count(&first), 2, "let go: held here and by `second` only");
        // Once let go, a look reads it again and does not keep it.
        years.peek(2022).unwrap();
        years.peek(2022).unwrap();
        assert_eq!(reads.0.load(Ordering::SeqCst), 3);
        // A year without jobs, and a year that is not there.
        years.peek(2021).unwrap();
        assert!(matches!(years.peek(1999).unwrap(), Held::Missing));
    }

    #[test]
    fn a_kept_year_is_the_models_and_one_read_later_needs_a_reader() {
        let kept = site(false);
        let years = Years::new(&kept, None, [2022].into_iter());
        assert!(matches!(years.for_job(2022).unwrap(), Held::Kept(y) if y.year == 2022));
        let deferred = site(true);
        let years = Years::new(&deferred, None, [2022].into_iter());
        let Err(RenderError::Content(errors)) = years.for_job(2022) else {
            panic!("read without a reader");
        };
        assert!(errors[0].message.contains("2022"), "{errors:?}");
    }
}
