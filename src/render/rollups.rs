//! The roll-ups of a plan and its areas at each dated report, and the
//! window of them a report's page shows: made once per year, so that a
//! year's report pages grow with their number, not its square.

use super::followup::{Strings, summary_of};
use super::layout::Page;
use super::urls::Urls;
use crate::model::{Plan, Report};
use serde::Serialize;
use std::borrow::Cow;

/// A roll-up as of one report (each of `plan.rollups` and `area.rollups`).
#[derive(Serialize, Clone)]
pub struct RollupAt {
    pub date: String,
    /// The report's page.
    pub url: String,
    pub summary: String,
    pub overdue: usize,
}

/// What a page's roll-ups are made from: the year's reports (on a report's
/// page, those up to it), where their pages are, and the words.
#[derive(Clone, Copy)]
pub struct Reports<'a> {
    pub urls: Urls<'a>,
    pub strings: Option<&'a Strings>,
    pub reports: &'a [Report],
    /// On a report's page: the year's roll-ups, made once.
    pub table: Option<&'a RollupTable>,
}

/// How many reports a report's page lists, with their roll-ups: the last
/// ones up to it. Every page listing every report before it would make a
/// year's report pages grow with the square of their number.
pub const REPORT_WINDOW: usize = 12;

/// The roll-ups of a plan and of each of its areas at every report of the
/// year, made once for all the year's report pages.
pub struct RollupTable {
    plan: Vec<RollupAt>,
    areas: Vec<Vec<RollupAt>>,
}

impl RollupTable {
    pub fn new(plan: &Plan, cx: Reports) -> Self {
        let actions = plan.areas.iter().flat_map(|a| &a.actions);
        RollupTable {
            plan: rollups_at(actions, plan.action_count(), plan, cx),
            areas: (plan.areas.iter())
                .map(|a| rollups_at(a.actions.iter(), a.actions.len(), plan, cx))
                .collect(),
        }
    }
}

/// The last [`REPORT_WINDOW`] of `all` up to the `n`th.
pub(super) fn window<T>(all: &[T], n: usize) -> &[T] {
    let n = n.min(all.len());
    &all[n.saturating_sub(REPORT_WINDOW)..n]
}

/// The roll-ups of `plan` (or of its area `area`) that a page shows: on a
/// report's page, a window of the year's table; elsewhere, at every report.
pub(super) fn rollups_shown<'a>(plan: &Plan, area: Option<usize>, cx: Reports<'a>) -> Cow<'a, [RollupAt]> {
    match (cx.table, area) {
        (Some(table), None) => Cow::Borrowed(window(&table.plan, cx.reports.len())),
        (Some(table), Some(i)) => Cow::Borrowed(window(&table.areas[i], cx.reports.len())),
        (None, None) => {
            let actions = plan.areas.iter().flat_map(|a| &a.actions);
            Cow::Owned(rollups_at(actions, plan.action_count(), plan, cx))
        }
        (None, Some(i)) => {
            let a = &plan.areas[i];
            Cow::Owned(rollups_at(a.actions.iter(), a.actions.len(), plan, cx))
        }
    }
}

/// The roll-up of `actions` at every report of `cx`.
fn rollups_at<'a>(
    actions: impl Iterator<Item = &'a crate::model::Action> + Clone,
    total: usize,
    plan: &Plan,
    cx: Reports,
) -> Vec<RollupAt> {
    (cx.reports.iter())
        .map(|r| {
            let reported = actions
                .clone()
                .filter_map(|x| r.state.get(x.anchor.as_str()).map(|f| &**f));
            let (summary, overdue) = summary_of(total, reported, cx.strings);
            RollupAt {
                date: r.date.clone(),
                url: cx
                    .urls
                    .path(&plan.lang, &Page::Report(plan.year, &r.date).rel(&plan.lang)),
                summary,
                overdue,
            }
        })
        .collect()
}
