//! The jobs of a render: one per plan (every file of its folder, made from
//! one view of the plan) and one per other file, in the inventory's order.

use super::layout::Output;
use super::{Part, Scope};
use crate::model::{Plan, Site};

/// The jobs that render what `scope` wants of `outputs` (the inventory of
/// `site`), in its order: one per plan (every file of its folder, which
/// share the plan's view), one per other file.
pub(super) fn jobs<'a, 'o>(site: &'a Site, outputs: &'o [Output<'a>], scope: Scope, part: Part) -> Vec<Job<'a, 'o>> {
    // A home page showing a plan is made by that plan's job, which has the
    // plan's view at hand (the two are made from the same years).
    let homes: Vec<&Plan> = (outputs.iter())
        .filter_map(|o| match o {
            Output::Home { latest, .. } => *latest,
            _ => None,
        })
        .collect();
    let mut jobs = Vec::new();
    let mut rest = outputs;
    while let Some(first) = rest.first() {
        let Some(plan) = first.in_plan() else {
            let wanted = scope.wants(first, site) && part.wants(first);
            if wanted && !matches!(first, Output::Home { latest: Some(_), .. }) {
                jobs.push(Job::File(*first));
            }
            rest = &rest[1..];
            continue;
        };
        let same = |o: &Output| o.in_plan().is_some_and(|p| std::ptr::eq(p, plan));
        let (files, after) = rest.split_at(rest.iter().take_while(|o| same(o)).count());
        if scope.wants(first, site) && files.iter().any(|f| part.wants(f)) {
            let home = homes.iter().any(|h| std::ptr::eq(*h, plan)) && part.wants(first);
            jobs.push(Job::Plan { plan, files, home });
        }
        rest = after;
    }
    jobs
}

/// The years whose pages `jobs` ask about (a page asks whether it exists
/// in the other languages), sorted, each once; `None` when they ask about
/// every page (the sitemap lists them all).
pub(super) fn asked_about(jobs: &[Job]) -> Option<Vec<u16>> {
    let mut years = Vec::new();
    for job in jobs {
        match job {
            Job::Plan { plan, .. } => years.push(plan.year),
            Job::File(Output::Sitemap) => return None,
            Job::File(file) => years.extend(file.page().and_then(|(_, page)| page.year())),
        }
    }
    years.sort_unstable();
    years.dedup();
    Some(years)
}

pub(super) enum Job<'a, 'o> {
    /// Every file in a plan's folder, and the home page of its language
    /// when `home` (it is the latest plan).
    Plan {
        plan: &'a Plan,
        files: &'o [Output<'a>],
        home: bool,
    },
    /// One file outside the plans' folders.
    File(Output<'a>),
}

impl Job<'_, '_> {
    /// The year of a plan's job.
    pub(super) fn year(&self) -> Option<u16> {
        match self {
            Job::Plan { plan, .. } => Some(plan.year),
            Job::File(_) => None,
        }
    }
}
