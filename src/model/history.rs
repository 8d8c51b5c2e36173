//! An action's history through a year of dated reports, kept once and
//! shared by every report's state: copying it into each would make a year
//! of reports grow with the square of their number.

use super::Status;

/// An action's status in each dated report that wrote it, up to one
/// report: a prefix of the year's whole history of the action, which every
/// report's state shares (a year of reports holds each history once).
#[derive(Debug, Clone, Default)]
pub struct History {
    whole: std::sync::Arc<WholeHistory>,
    len: usize,
}

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
    pub fn new(points: Vec<(String, Status)>) -> std::sync::Arc<Self> {
        let changes = (0..points.len())
            .filter(|&i| i == 0 || points[i].1 != points[i - 1].1)
            .collect();
        std::sync::Arc::new(WholeHistory { points, changes })
    }
}

impl History {
    /// The first `len` points of the whole history [`History::share`] gives.
    pub fn prefix(len: usize) -> Self {
        History {
            whole: Default::default(),
            len,
        }
    }

    /// Take this prefix of `whole`.
    pub fn share(&mut self, whole: &std::sync::Arc<WholeHistory>) {
        self.len = self.len.min(whole.points.len());
        self.whole = whole.clone();
    }

    /// The points where the status changed (the first point too), oldest first.
    pub fn changes(&self) -> impl DoubleEndedIterator<Item = &(String, Status)> + ExactSizeIterator {
        let n = self.whole.changes.partition_point(|&i| i < self.len);
        self.whole.changes[..n].iter().map(|&i| &self.whole.points[i])
    }
}

impl std::ops::Deref for History {
    type Target = [(String, Status)];
    fn deref(&self) -> &Self::Target {
        &self.whole.points[..self.len.min(self.whole.points.len())]
    }
}

impl PartialEq for History {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}
