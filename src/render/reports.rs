//! Follow-up pages of a year: a page per dated report (print-ready for the
//! board: its summary, what changed since the report before, every action)
//! and an overview of the actions by status and by who leads them.

use super::followup::{HistoryPoint, Rollup, Strings, label, rollup, symbol, ui};
use super::layout::Page;
use super::view::{self, PlanContext, ReportLink};
use super::{Buffers, RenderError, Renderer};
use crate::model::{FollowUp, Plan, Report, Status};
use serde::Serialize;
use std::collections::BTreeMap;

/// `report` on a report's page.
#[derive(Serialize)]
struct ReportView<'a> {
    date: &'a str,
    url: String,
    previous: Option<ReportLink>,
    next: Option<ReportLink>,
    /// What changed since the previous report, in plan order.
    changes: Vec<ReportChange<'a>>,
}

/// One thing a report says that the one before did not.
#[derive(Serialize)]
struct ReportChange<'a> {
    action: ActionRef<'a>,
    /// The status before (none: first reported now) and now.
    from: Option<HistoryPoint<'a>>,
    to: HistoryPoint<'a>,
    /// The status changed (not only the note or the dates).
    status_changed: bool,
    /// Overdue now, and was not in the previous report.
    newly_overdue: bool,
    /// The note, when it is new or changed, in the page's language.
    note_html: Option<&'a str>,
}

/// An action, named and linked from a follow-up page.
#[derive(Serialize, Clone)]
struct ActionRef<'a> {
    #[serde(skip)]
    anchor: &'a str,
    /// `2.1`: the area's number and the action's.
    number: String,
    text: &'a str,
    area: &'a str,
    /// The action on the plan page.
    url: String,
}

/// `overview` on the follow-up overview page.
#[derive(Serialize)]
struct OverviewView<'a> {
    /// The date of the latest report (none for an undated follow-up).
    as_of: Option<&'a str>,
    rollup: Rollup,
    overdue: Vec<ActionRef<'a>>,
    /// Per status that occurs, in the order planned … cancelled.
    by_status: Vec<StatusGroup<'a>>,
    /// Actions that have no follow-up yet.
    unreported: Vec<ActionRef<'a>>,
    /// Everyone named as lead or partner, alphabetically, with their actions.
    by_person: Vec<PersonGroup<'a>>,
    /// Every action in plan order, as a row of the overview's table.
    rows: Vec<OverviewRow<'a>>,
}

/// One action in the overview's table: where it stands, who leads it, when it is due.
#[derive(Serialize)]
struct OverviewRow<'a> {
    action: ActionRef<'a>,
    /// None: not reported yet.
    status: Option<Status>,
    /// The status in the page's language, or "Inte rapporterad".
    label: &'a str,
    symbol: &'static str,
    progress: Option<u8>,
    lead: Option<&'a str>,
    /// `YYYY-MM-DD`.
    due: Option<&'a str>,
    overdue: bool,
}

impl<'a> OverviewRow<'a> {
    fn new(action: ActionRef<'a>, f: Option<&'a FollowUp>, lang: &str, strings: Option<&'a Strings>) -> Self {
        OverviewRow {
            action,
            status: f.map(|f| f.status),
            label: f.map_or_else(
                || ui(strings, "not_reported", "Not reported"),
                |f| label(f.status, strings),
            ),
            symbol: f.map_or("", |f| symbol(f.status)),
            progress: f.and_then(|f| f.progress),
            lead: f.and_then(|f| f.lead.as_ref()).map(|n| n.get(lang)),
            due: f.and_then(|f| f.due.as_deref()),
            overdue: f.is_some_and(|f| f.overdue),
        }
    }
}

#[derive(Serialize)]
struct StatusGroup<'a> {
    status: Status,
    label: &'a str,
    symbol: &'static str,
    actions: Vec<ActionRef<'a>>,
}

#[derive(Serialize)]
struct PersonGroup<'a> {
    name: &'a str,
    leads: Vec<ActionRef<'a>>,
    partners: Vec<ActionRef<'a>>,
}

/// Every action of `plan` with its follow-up in `state`, as linked refs.
fn actions<'a>(
    plan: &'a Plan,
    plan_url: &str,
    state: &'a crate::model::FollowUps,
) -> Vec<(ActionRef<'a>, Option<&'a FollowUp>)> {
    let mut out = Vec::with_capacity(plan.action_count());
    for (i, area) in plan.areas.iter().enumerate() {
        for action in &area.actions {
            let r = ActionRef {
                anchor: &action.anchor,
                number: format!("{}.{}", i + 1, action.n),
                text: &action.text,
                area: &area.title,
                url: format!("{plan_url}#{}", action.anchor),
            };
            out.push((r, state.get(action.anchor.as_str()).map(|f| &**f)));
        }
    }
    out
}

/// What the report `now` changed since `before`.
fn changes<'a>(
    plan: &'a Plan,
    plan_url: &str,
    (before, now): (Option<&'a Report>, &'a Report),
    strings: Option<&'a Strings>,
) -> Vec<ReportChange<'a>> {
    let lang = plan.lang.as_str();
    let empty = BTreeMap::new();
    let before_state = before.map_or(&empty, |r| &r.state);
    let mut out = Vec::new();
    for (action, current) in actions(plan, plan_url, &now.state) {
        let Some(current) = current else { continue };
        let previous = before_state.get(action.anchor);
        let note = current.note_html.text(lang);
        let note_changed = note.is_some() && previous.is_none_or(|p| p.note_html.text(lang) != note);
        let status_changed = previous.is_none_or(|p| p.status != current.status);
        let newly_overdue = current.overdue && !previous.is_some_and(|p| p.overdue);
        if status_changed || note_changed || newly_overdue {
            out.push(ReportChange {
                action,
                from: previous.map(|p| HistoryPoint::new(before.map_or("", |b| b.date.as_str()), p.status, strings)),
                to: HistoryPoint::new(&now.date, current.status, strings),
                status_changed,
                newly_overdue,
                note_html: note.filter(|_| note_changed),
            });
        }
    }
    out
}

fn overview<'a>(
    plan: &'a Plan,
    plan_url: &str,
    state: &'a crate::model::FollowUps,
    cx: &PlanContext<'a>,
) -> OverviewView<'a> {
    let all = actions(plan, plan_url, state);
    let strings = cx.strings;
    let by_status = Status::ALL
        .iter()
        .map(|&status| StatusGroup {
            status,
            label: label(status, strings),
            symbol: symbol(status),
            actions: (all.iter().filter(|(_, f)| f.is_some_and(|f| f.status == status)))
                .map(|(a, _)| a.clone())
                .collect(),
        })
        .filter(|g| !g.actions.is_empty())
        .collect();
    let mut people: BTreeMap<&str, PersonGroup> = BTreeMap::new();
    for (a, f) in all.iter().filter_map(|(a, f)| Some((a, (*f)?))) {
        let group = |name| PersonGroup {
            name,
            leads: Vec::new(),
            partners: Vec::new(),
        };
        // By the name in the page's language.
        if let Some(lead) = f.lead.as_ref().map(|n| n.get(&plan.lang)) {
            people.entry(lead).or_insert_with(|| group(lead)).leads.push(a.clone());
        }
        for partner in f.partners.iter().map(|n| n.get(&plan.lang)) {
            people
                .entry(partner)
                .or_insert_with(|| group(partner))
                .partners
                .push(a.clone());
        }
    }
    OverviewView {
        as_of: cx.reports.last().map(|r| r.date.as_str()),
        rollup: rollup(plan.action_count(), all.iter().filter_map(|(_, f)| *f), strings),
        overdue: (all.iter().filter(|(_, f)| f.is_some_and(|f| f.overdue)))
            .map(|(a, _)| a.clone())
            .collect(),
        by_status,
        unreported: (all.iter().filter(|(_, f)| f.is_none()))
            .map(|(a, _)| a.clone())
            .collect(),
        by_person: people.into_values().collect(),
        rows: (all.into_iter())
            .map(|(a, f)| OverviewRow::new(a, f, &plan.lang, strings))
            .collect(),
    }
}

impl<'a> Renderer<'a> {
    /// The follow-up overview of `plan`'s year in its language.
    /// `plan_ctx` is the plan page's context: its `plan` is reused.
    pub(super) fn follow_up_page(
        &self,
        plan: &'a Plan,
        cx: &PlanContext<'a>,
        plan_ctx: &tera::Context,
        buf: &mut Buffers,
    ) -> Result<(), RenderError> {
        let Some(state) = cx.follow_up.filter(|f| !f.is_empty()) else {
            return Ok(());
        };
        let lang = plan.lang.as_str();
        let plan_url = self.urls.path(lang, &Page::Plan(plan.year).rel(lang));
        let mut ctx = plan_ctx.clone();
        ctx.insert("overview", &overview(plan, &plan_url, state, cx));
        let at = (lang, Page::FollowUp(plan.year));
        let rel = at.1.rel(lang);
        let title = self.title(lang, &[self.ui(lang, "follow_up_overview"), &plan.title]);
        let description = format!("{}: {}", self.ui(lang, "follow_up_overview"), plan.title);
        ctx.insert("page", &self.page_view("follow_up", at, &rel, title, &description));
        self.render_page("follow_up.html", &ctx, &self.urls.file(lang, &rel), buf)
    }

    /// The page of the `i`th report on `plan`.
    pub(super) fn report_page(
        &self,
        plan: &'a Plan,
        cx: &PlanContext<'a>,
        table: &view::RollupTable,
        i: usize,
        buf: &mut Buffers,
    ) -> Result<(), RenderError> {
        let (lang, reports) = (plan.lang.as_str(), cx.reports);
        let report = &reports[i];
        let at_report = PlanContext {
            urls: cx.urls,
            strings: cx.strings,
            follow_up: Some(&report.state),
            previous: None,
            changes: None,
            reports: &reports[..=i],
            table: Some(table),
        };
        let plan_view = view::plan_view(plan, &at_report);
        let link = |r: &Report| view::report_link(self.urls, lang, plan.year, &r.date);
        let before = i.checked_sub(1).map(|j| &reports[j]);
        let report_view = ReportView {
            date: &report.date,
            url: self.urls.path(lang, &Page::Report(plan.year, &report.date).rel(lang)),
            previous: before.map(link),
            next: reports.get(i + 1).map(link),
            changes: changes(plan, &plan_view.url, (before, report), cx.strings),
        };
        let mut ctx = self.base_context(lang);
        ctx.insert("plan", &plan_view);
        ctx.insert("report", &report_view);
        let at = (lang, Page::Report(plan.year, &report.date));
        let rel = at.1.rel(lang);
        let date = crate::theme::long_date(self.theme.strings.get(lang), &report.date);
        let heading = self.ui(lang, "report_title").replace("{date}", &date);
        let title = self.title(lang, &[&heading, &plan.title]);
        let description = format!("{heading}: {}. {}", plan.title, plan_view.rollup.summary);
        ctx.insert("page", &self.page_view("report", at, &rel, title, &description));
        self.render_page("report.html", &ctx, &self.urls.file(lang, &rel), buf)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn overdue_has_its_own_symbol() {
        let statuses = crate::model::Status::ALL.map(super::symbol);
        assert!(!statuses.contains(&crate::render::followup::OVERDUE_SYMBOL));
    }
}
