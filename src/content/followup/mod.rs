//! `content/<year>/follow-up.yaml`: how each action of the year's plan is
//! going. The approved plan text stays untouched; follow-up lives beside it,
//! keyed by action anchor (`innovation-1`, or an action's id), each entry
//! saying in `text:` which action it was written for ([`identity`]).

mod entry;
pub mod identity;
mod notes;
pub mod reports;
mod values;

use super::html::HtmlOptions;
use crate::diagnostics::{Diagnostic, SourceFile, strip_yaml_location, yaml};
use crate::model::{Action, Config, FollowUp, Plan, Status};
use entry::Entry;
use std::collections::{BTreeMap, HashSet};
use std::ops::Range;

/// The keys an entry may have.
pub const KEYS: [&str; 8] = [
    "text", "status", "progress", "lead", "partners", "updated", "due", "note",
];

/// The actions of the plan in the default language, which a follow-up file
/// is read against.
pub struct PlanActions<'a> {
    pub list: Vec<&'a Action>,
    /// The anchors that are ids given in the plan (`{#scaleup}`): an entry
    /// keyed by one stays with its action, and needs no `text:` pin.
    pub ids: HashSet<&'a str>,
}

impl<'a> PlanActions<'a> {
    pub fn of(plan: &'a Plan) -> Self {
        let areas = plan.areas.iter();
        PlanActions {
            list: plan.areas.iter().flat_map(|a| &a.actions).collect(),
            ids: (areas.flat_map(|a| a.actions.iter().filter(|x| x.has_explicit_id(&a.id))))
                .map(|x| x.anchor.as_str())
                .collect(),
        }
    }
}

/// Parse a follow-up file against `actions`; every problem is pushed to
/// `diags`, and the entries are returned with what could be read of them.
pub fn parse(
    src: &SourceFile,
    config: &Config,
    plan: &PlanActions,
    html: &HtmlOptions,
    diags: &mut Vec<Diagnostic>,
) -> BTreeMap<String, FollowUp> {
    let actions = plan.list.as_slice();
    let mut out = BTreeMap::new();
    diags.extend(crate::sources::unusual_characters(src));
    let Some(entries) = read_mapping(src, diags) else {
        return out;
    };
    // Looked up once per file: a report names every action once, and
    // searching the file or the plan for each would grow with the square.
    let blocks = top_level_blocks(src);
    let by_anchor: std::collections::HashMap<&str, &Action> = actions.iter().map(|a| (a.anchor.as_str(), *a)).collect();
    for (key, value) in entries {
        let anchor = match key {
            serde_yaml::Value::String(s) => s,
            other => format!("{other:?}"),
        };
        let block = blocks.get(anchor.as_str()).cloned().unwrap_or(0..src.text.len());
        let key_range = yaml::key(src, block.clone(), &[&anchor]).unwrap_or(0..0);
        let Some(action) = by_anchor.get(anchor.as_str()).copied() else {
            diags.push(unknown_action(src, key_range, &anchor, actions));
            continue;
        };
        let entry = Entry {
            src,
            config,
            anchor: &anchor,
            key: key_range,
            block,
            html,
        };
        let Some(raw) = entry.read(value, diags) else {
            continue;
        };
        let keyed_by_id = plan.ids.contains(anchor.as_str());
        if raw.text.is_some() || !keyed_by_id {
            entry.check_identity(action, actions, raw.text.as_deref(), diags);
        }
        out.insert(anchor.clone(), entry.check(raw, diags));
    }
    out
}

/// The file's top-level mapping of anchors to entries; `None` (with the
/// problem in `diags`) when it is not YAML or not a mapping, and for an
/// empty file.
fn read_mapping(src: &SourceFile, diags: &mut Vec<Diagnostic>) -> Option<serde_yaml::Mapping> {
    let example = "e.g.\ninnovation-1:\n  status: ongoing";
    match serde_yaml::from_str(&src.text) {
        Ok(serde_yaml::Value::Null) => None,
        Ok(serde_yaml::Value::Mapping(m)) => Some(m),
        Ok(_) => {
            let message = "the follow-up file must map action anchors to their follow-up";
            diags.push(Diagnostic::error_at("invalid-follow-up", src, 0..src.line_end(0), message).with_hint(example));
            None
        }
        Err(e) => {
            if let Some((key, first, again)) = repeated_key(src) {
                let line = src.pos(first).line;
                let message = format!("`{key}` is followed up twice in this file (first at line {line})");
                let hint = "an action has one entry per file: merge the two, or give the second its own action's key";
                diags.push(Diagnostic::error_at("duplicate-entry", src, again, message).with_hint(hint));
                return None;
            }
            let at = e.location().map_or(0, |l| l.index());
            let message = format!(
                "the follow-up file is not valid YAML: {}",
                strip_yaml_location(&e.to_string())
            );
            let hint = format!("each action is `<anchor>:` followed by indented `key: value` lines, {example}");
            diags.push(Diagnostic::error_at("invalid-yaml", src, at..src.line_end(at), message).with_hint(hint));
            None
        }
    }
}

/// The first top-level key written twice: the key, where it is first
/// written, and where again.
fn repeated_key(src: &SourceFile) -> Option<(String, usize, Range<usize>)> {
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    let mut at = 0;
    for line in src.text.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let Some((key, _)) = line.split_once(':') else { continue };
        if key.is_empty() || key.starts_with([' ', '\t', '#', '-']) {
            continue;
        }
        let key = key.trim().trim_matches(['"', '\'']);
        if let Some(first) = seen.insert(key, start) {
            return Some((key.to_string(), first, start..start + key.len()));
        }
    }
    None
}

/// An entry keyed by an anchor no action has.
fn unknown_action(src: &SourceFile, key: Range<usize>, anchor: &str, actions: &[&Action]) -> Diagnostic {
    let message = format!("`{anchor}` is not an action of this year's plan");
    let how = "actions are `<area-id>-<n>`, numbered from 1 in each focus area, or the `{#id}` after their text";
    Diagnostic::error_at("unknown-action", src, key, message).did_you_mean(
        anchor,
        actions.iter().map(|a| a.anchor.as_str()),
        format!("the keys of {how}"),
    )
}

fn status_list() -> String {
    Status::ALL.map(Status::as_str).join(", ")
}

/// `YYYY-MM-DD`, a real calendar date.
pub fn is_iso_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let [y, m, d] = parts.as_slice() else { return false };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 || !s.bytes().all(|b| b.is_ascii_digit() || b == b'-') {
        return false;
    }
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<u32>(), m.parse::<u32>(), d.parse::<u32>()) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

/// Each top-level key of a block mapping, with its block: from the key's
/// line to the next top-level key (or the end of the file).
fn top_level_blocks(src: &SourceFile) -> std::collections::HashMap<&str, Range<usize>> {
    let mut starts: Vec<(&str, usize)> = Vec::new();
    for line in 1..=src.line_count() {
        let range = src.line_range(line);
        let text = &src.text[range.clone()];
        if text.starts_with([' ', '\t', '#', '-']) || text.trim().is_empty() {
            continue;
        }
        if let Some((key, _)) = text.split_once(':') {
            starts.push((key.trim().trim_matches(['"', '\'']), range.start));
        }
    }
    let ends = starts.iter().skip(1).map(|&(_, at)| at).chain([src.text.len()]);
    starts
        .iter()
        .zip(ends)
        .map(|(&(key, start), end)| (key, start..end))
        .collect()
}

#[cfg(test)]
mod tests;
