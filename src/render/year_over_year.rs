//! Year over year as templates see it (`plan.changes`): which areas are
//! new, continued (or renamed) and dropped since the previous plan.

use super::urls::Urls;
use crate::changes::{ActionStatus, AreaStatus, Changes};
use crate::model::Plan;
use serde::Serialize;

/// `plan.changes`: what changed since the previous plan.
#[derive(Serialize)]
pub struct ChangesView {
    pub since: u16,
    /// The previous plan's page.
    pub since_url: String,
    pub new_areas: Vec<AreaRef>,
    /// Areas that continue one of last year (same id, or renamed: then `from` is last year's title).
    pub continued_areas: Vec<ContinuedArea>,
    /// Last year's areas that did not continue, linking to last year's page.
    pub dropped_areas: Vec<AreaRef>,
    /// This year's actions that continue one of last year, and the new ones.
    pub continued_actions: usize,
    pub new_actions: usize,
}

#[derive(Serialize)]
pub struct AreaRef {
    pub title: String,
    pub url: String,
    pub actions: usize,
}

#[derive(Serialize)]
pub struct ContinuedArea {
    pub title: String,
    pub url: String,
    pub from: Option<String>,
    pub continued: usize,
    pub new: usize,
}

pub fn changes_view(c: &Changes, previous: &Plan, plan: &Plan, urls: Urls) -> ChangesView {
    let lang = plan.lang.as_str();
    let area_url = |year: u16, id: &str| urls.path(lang, &format!("{year}/{id}/"));
    let mut view = ChangesView {
        since: c.since,
        since_url: urls.path(lang, &format!("{}/", c.since)),
        new_areas: Vec::new(),
        continued_areas: Vec::new(),
        dropped_areas: c
            .dropped
            .iter()
            .map(|d| AreaRef {
                title: d.title.clone(),
                url: area_url(c.since, &d.id),
                actions: d.actions,
            })
            .collect(),
        continued_actions: 0,
        new_actions: 0,
    };
    for (change, area) in c.areas.iter().zip(&plan.areas) {
        let new = change.actions.iter().filter(|a| a.status == ActionStatus::New).count();
        view.new_actions += new;
        view.continued_actions += change.actions.len() - new;
        let url = area_url(plan.year, &area.id);
        match change.status {
            AreaStatus::New => view.new_areas.push(AreaRef {
                title: area.title.clone(),
                url,
                actions: area.actions.len(),
            }),
            AreaStatus::Continued | AreaStatus::Renamed => view.continued_areas.push(ContinuedArea {
                title: area.title.clone(),
                url,
                from: change
                    .from
                    .as_ref()
                    .and_then(|id| previous.areas.iter().find(|a| a.id == id))
                    .map(|a| a.title.clone()),
                continued: change.actions.len() - new,
                new,
            }),
        }
    }
    view
}
