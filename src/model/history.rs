//! An action's history through a year of dated reports, kept once and
//! shared by every report's state: copying it into each would make a year
//! of reports grow with the square of their number.

use super::Status;
use std::sync::{Arc, OnceLock};

/// An action's status in each dated report that wrote it, up to one
/// report: a prefix of the year's whole history of the action, which every
/// report's state shares (a year of reports holds each history once).
#[derive(Debug, Clone, Default)]
pub struct History {
    whole: SharedHistory,
    len: usize,
}

/// The year's whole history of one action, filled in once every report is
/// read; every [`History`] of the action holds it from the start, so that
/// an entry is made once and shared by every report that carries it.
pub type SharedHistory = Arc<OnceLock<WholeHistory>>;

/// An action's history over a whole year of reports, and where in it the
/// status changed.
#[derive(Debug, Default)]
pub struct WholeHistory {
    points: Vec<(String, Status)>,
    /// The indices of `points` whose status differs from the one before.
    changes: Vec<usize>,
}

impl WholeHistory {
    /// `points`: (report date, status), oldest first.
    pub fn new(points: Vec<(String, Status)>) -> Self {
        let changes = (0..points.len())
            .filter(|&i| i == 0 || points[i].1 != points[i - 1].1)
            .collect();
        WholeHistory { points, changes }
    }
}

impl History {
    /// The first `len` points of `whole` (once it is filled in).
    pub fn prefix(len: usize, whole: &SharedHistory) -> Self {
        History {
            whole: whole.clone(),
            len,
        }
    }

    fn whole(&self) -> Option<&WholeHistory> {
        self.whole.get()
    }

    /// The points where the status changed (the first point too), oldest first.
    pub fn changes(&self) -> impl DoubleEndedIterator<Item = &(String, Status)> + ExactSizeIterator {
        let (changes, points): (&[usize], &[(String, Status)]) =
            self.whole().map_or((&[], &[]), |w| (&w.changes, &w.points));
        let n = changes.partition_point(|&i| i < self.len);
        changes[..n].iter().map(move |&i| &points[i])
    }
}

impl std::ops::Deref for History {
    type Target = [(String, Status)];
    fn deref(&self) -> &Self::Target {
        self.whole().map_or(&[], |w| &w.points[..self.len.min(w.points.len())])
    }
}

impl PartialEq for History {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}
