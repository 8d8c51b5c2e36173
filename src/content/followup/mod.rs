//! `content/<year>/follow-up.yaml`: how each action of the year's plan is
//! going. The approved plan text stays untouched; follow-up lives beside it,
//! keyed by action anchor (`innovation-1`, or an action's id), each entry
//! saying in `text:` which action it was written for ([`identity`]).

pub mod identity;

use super::html::{self, HtmlOptions};
use crate::diagnostics::{Diagnostic, SourceFile, strip_yaml_location, yaml};
use crate::model::{Action, Config, FollowUp, SourceLink, Status};
use pulldown_cmark::Parser;
use std::collections::BTreeMap;
use std::ops::Range;

/// The keys an entry may have.
pub const KEYS: [&str; 7] = ["text", "status", "progress", "lead", "partners", "updated", "note"];

/// An entry as written, read key by key so that each problem has its place.
#[derive(Default)]
struct RawEntry {
    /// The start of the text of the action the entry was written for.
    text: Option<String>,
    status: Option<String>,
    progress: Option<i64>,
    lead: Option<String>,
    partners: Vec<String>,
    updated: Option<String>,
    note: BTreeMap<String, String>,
}

/// Parse a follow-up file. `actions` are the actions of the plan in the
/// default language; every problem is pushed to `diags`, and only valid
/// entries are returned.
pub fn parse(
    src: &SourceFile,
    config: &Config,
    actions: &[&Action],
    html: &HtmlOptions,
    diags: &mut Vec<Diagnostic>,
) -> BTreeMap<String, FollowUp> {
    let mut out = BTreeMap::new();
    diags.extend(crate::sources::unusual_characters(src));
    let root: serde_yaml::Value = match serde_yaml::from_str(&src.text) {
        Ok(v) => v,
        Err(e) => {
            let at = e.location().map_or(0, |l| l.index());
            diags.push(
                Diagnostic::error_at("invalid-yaml", src, at..src.line_end(at), format!("the follow-up file is not valid YAML: {}", strip_yaml_location(&e.to_string())))
                    .with_hint("each action is `<anchor>:` followed by indented `key: value` lines, e.g.\ninnovation-1:\n  status: ongoing"),
            );
            return out;
        }
    };
    let entries = match root {
        serde_yaml::Value::Null => return out,
        serde_yaml::Value::Mapping(m) => m,
        _ => {
            diags.push(
                Diagnostic::error_at(
                    "invalid-follow-up",
                    src,
                    0..src.line_end(0),
                    "the follow-up file must map action anchors to their follow-up",
                )
                .with_hint("e.g.\ninnovation-1:\n  status: ongoing"),
            );
            return out;
        }
    };
    for (key, value) in entries {
        let anchor = match key {
            serde_yaml::Value::String(s) => s,
            other => format!("{other:?}"),
        };
        let key_range = locate(src, &[&anchor]).unwrap_or(0..0);
        let Some(action) = actions.iter().find(|a| a.anchor == anchor) else {
            let d = Diagnostic::error_at(
                "unknown-action",
                src,
                key_range.clone(),
                format!("`{anchor}` is not an action of this year's plan"),
            );
            let how =
                "actions are `<area-id>-<n>`, numbered from 1 in each focus area, or the `{#id}` after their text";
            diags.push(d.did_you_mean(
                &anchor,
                actions.iter().map(|a| a.anchor.as_str()),
                format!("the keys of {how}"),
            ));
            continue;
        };
        let Some(raw) = read_entry(src, &anchor, key_range.clone(), value, diags) else {
            continue;
        };
        check_identity(src, action, actions, raw.text.as_deref(), key_range, diags);
        if let Some(f) = check_entry(src, config, &anchor, raw, html, diags) {
            out.insert(anchor, f);
        }
    }
    out
}

/// Read the keys of one entry, reporting unknown keys and values of the wrong type.
fn read_entry(
    src: &SourceFile,
    anchor: &str,
    key_range: Range<usize>,
    value: serde_yaml::Value,
    diags: &mut Vec<Diagnostic>,
) -> Option<RawEntry> {
    let serde_yaml::Value::Mapping(map) = value else {
        diags.push(
            Diagnostic::error_at(
                "wrong-type",
                src,
                key_range,
                format!("the follow-up of `{anchor}` must be `key: value` lines"),
            )
            .with_hint(format!("e.g.\n{anchor}:\n  status: ongoing")),
        );
        return None;
    };
    let before = diags.len();
    let mut raw = RawEntry::default();
    for (k, v) in map {
        let key = k.as_str().unwrap_or_default().to_string();
        let range = locate(src, &[anchor, &key]).unwrap_or(key_range.clone());
        let result = match key.as_str() {
            "text" => serde_yaml::from_value(v).map(|x| raw.text = Some(x)),
            "status" => serde_yaml::from_value(v).map(|x| raw.status = Some(x)),
            "progress" => serde_yaml::from_value(v).map(|x| raw.progress = Some(x)),
            "lead" => serde_yaml::from_value(v).map(|x| raw.lead = Some(x)),
            "partners" => serde_yaml::from_value(v).map(|x| raw.partners = x),
            "updated" => serde_yaml::from_value(v).map(|x| raw.updated = Some(x)),
            "note" => serde_yaml::from_value(v).map(|x| raw.note = x),
            _ => {
                let d = Diagnostic::error_at(
                    "unknown-key",
                    src,
                    range,
                    format!("unknown follow-up key `{key}` for `{anchor}`"),
                );
                diags.push(d.did_you_mean(&key, KEYS, format!("known keys: {}", KEYS.join(", "))));
                continue;
            }
        };
        if let Err(e) = result {
            let expected = match key.as_str() {
                "progress" => "a whole number from 0 to 100",
                "partners" => "a list, e.g. `[Polisen, Länsstyrelsen]`",
                "note" => "one line per language, e.g. `sv: …` and `en: …` indented under `note:`",
                _ => "text",
            };
            diags.push(
                Diagnostic::error_at(
                    "wrong-type",
                    src,
                    yaml::value(src, range),
                    format!(
                        "`{key}` of `{anchor}` is not valid: {}",
                        strip_yaml_location(&e.to_string())
                    ),
                )
                .with_hint(format!("`{key}` is {expected}")),
            );
        }
    }
    if raw.status.is_none() && diags.len() == before {
        diags.push(
            Diagnostic::error_at(
                "missing-key",
                src,
                key_range,
                format!("the follow-up of `{anchor}` has no `status`"),
            )
            .with_hint(format!("add `status:`, one of {}", status_list())),
        );
    }
    (diags.len() == before).then_some(raw)
}

/// Is the action at the entry's key the one its `text:` names? An entry
/// that does not say is a warning; one written for another action is an
/// error that says where that action is now.
fn check_identity(
    src: &SourceFile,
    action: &Action,
    actions: &[&Action],
    text: Option<&str>,
    key_range: Range<usize>,
    diags: &mut Vec<Diagnostic>,
) {
    let anchor = &action.anchor;
    let now = identity::pin_text(&action.text);
    let Some(text) = text else {
        diags.push(
            Diagnostic::at(
                crate::diagnostics::Severity::Warning,
                "unpinned-follow-up",
                src,
                key_range,
                format!("the follow-up of `{anchor}` does not say which action it was written for"),
            )
            .with_hint(format!(
                "add `text: \"{now}\"` under `{anchor}:` (or run `handlingsplan follow-up pin`), so that a revised plan cannot move it onto another action"
            )),
        );
        return;
    };
    let at = yaml::value(src, locate(src, &[anchor, "text"]).unwrap_or(key_range));
    let (message, hint) = match identity::verdict(text, action, actions) {
        identity::Verdict::Same => return,
        identity::Verdict::Moved(other) => (
            format!("`{anchor}` was written for “{text}”, which is now `{other}`"),
            format!(
                "move this entry to `{other}:`; the action now at `{anchor}` is “{now}”. Give actions an id (`- … {{#name}}`) to key their follow-up by it: an id stays with its action when the plan is revised"
            ),
        ),
        identity::Verdict::Gone => (
            format!("`{anchor}` was written for “{text}”, which is no longer in the plan"),
            format!("remove this entry, or, if it is for the action now at `{anchor}`, change its `text:` to “{now}”"),
        ),
    };
    diags.push(Diagnostic::error_at("wrong-action", src, at, message).with_hint(hint));
}

/// Check the values of one entry and turn it into a [`FollowUp`].
fn check_entry(
    src: &SourceFile,
    config: &Config,
    anchor: &str,
    raw: RawEntry,
    html: &HtmlOptions,
    diags: &mut Vec<Diagnostic>,
) -> Option<FollowUp> {
    let at = |key: &str| {
        locate(src, &[anchor, key])
            .or_else(|| locate(src, &[anchor]))
            .unwrap_or(0..0)
    };
    let written = raw.status.unwrap_or_default();
    let status = Status::ALL.into_iter().find(|s| s.as_str() == written);
    if status.is_none() {
        let d = Diagnostic::error_at(
            "unknown-status",
            src,
            yaml::value(src, at("status")),
            format!("`{written}` is not a status"),
        );
        let names = Status::ALL.map(Status::as_str);
        diags.push(d.did_you_mean(&written, names, format!("a status is one of {}", status_list())));
    }
    let progress = match raw.progress {
        Some(p) if !(0..=100).contains(&p) => {
            diags.push(
                Diagnostic::error_at(
                    "progress-out-of-range",
                    src,
                    yaml::value(src, at("progress")),
                    format!("progress {p} is outside 0–100"),
                )
                .with_hint("progress is the share done, in percent: a whole number from 0 to 100"),
            );
            None
        }
        p => p.map(|p| p as u8),
    };
    if let Some(date) = &raw.updated
        && !is_iso_date(date)
    {
        diags.push(
            Diagnostic::error_at(
                "bad-date",
                src,
                yaml::value(src, at("updated")),
                format!("`{date}` is not a date"),
            )
            .with_hint("write the date as YYYY-MM-DD, e.g. `updated: 2022-09-30`"),
        );
    }
    let texts = raw
        .lead
        .iter()
        .map(|t| ("lead", t))
        .chain(raw.partners.iter().map(|t| ("partners", t)));
    for (key, text) in texts.chain(raw.note.values().map(|t| ("note", t))) {
        if let Some(c) = text.chars().find(|c| crate::sources::unusual_character(*c).is_some()) {
            let what = crate::sources::unusual_character(c).unwrap_or_default();
            diags.push(
                Diagnostic::error_at(
                    "unusual-character",
                    src,
                    at(key),
                    format!("`{key}` of `{anchor}` holds {what} (U+{:04X})", c as u32),
                )
                .with_hint("remove the escape that makes it (such as `\\u0007` in quotes)"),
            );
        }
    }
    let mut note_html = BTreeMap::new();
    let mut note_links = Vec::new();
    for (lang, text) in &raw.note {
        if config.language(lang).is_none() {
            let codes: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
            let range = locate(src, &[anchor, "note", lang]).unwrap_or_else(|| at("note"));
            let d = Diagnostic::error_at(
                "unknown-language",
                src,
                range,
                format!("the note of `{anchor}` is in `{lang}`, which is not a language of this site"),
            );
            let then = format!("the site's languages are {}", codes.join(", "));
            diags.push(d.did_you_mean(lang, codes.iter().copied(), then));
            continue;
        }
        let opts = html.for_language(lang);
        note_html.insert(
            lang.clone(),
            html::render(Parser::new_ext(text, super::body::markdown_options()), &opts),
        );
        if html.record_links {
            let key = locate(src, &[anchor, "note", lang]).unwrap_or_else(|| at("note"));
            note_links.extend(
                links_in_note(src, key.start, text, &opts.folder)
                    .into_iter()
                    .map(|l| (lang.clone(), l)),
            );
        }
    }
    // An entry with a mistake is kept, with what could be read (a status it
    // lacks counts as planned), so that the checks after it still run; the
    // mistake is an error, so it is never published.
    Some(FollowUp {
        status: status.unwrap_or(Status::Planned),
        progress,
        lead: raw.lead.map(|l| l.trim().to_string()).filter(|l| !l.is_empty()),
        partners: raw
            .partners
            .into_iter()
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty())
            .collect(),
        updated: raw.updated,
        note_html,
        note_links,
    })
}

/// The links written in a note (whose key starts at `from` in the file),
/// each at the first place after the key where its address is written.
fn links_in_note(src: &SourceFile, from: usize, text: &str, folder: &str) -> Vec<SourceLink> {
    use pulldown_cmark::{Event, Tag};
    let mut links = Vec::new();
    let mut search_from = from;
    for event in Parser::new_ext(text, super::body::markdown_options()) {
        let (Event::Start(Tag::Link { dest_url, .. }) | Event::Start(Tag::Image { dest_url, .. })) = event else {
            continue;
        };
        let at = src.text[search_from..]
            .find(dest_url.as_ref())
            .map_or(from, |i| search_from + i);
        search_from = at;
        links.push(SourceLink {
            href: html::site_link(dest_url.clone(), folder).to_string(),
            written: dest_url.to_string(),
            pos: src.pos(at),
            end: src.pos(at + dest_url.len()),
        });
    }
    links
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

/// The range of the key at `path` in a follow-up file.
fn locate(src: &SourceFile, path: &[&str]) -> Option<Range<usize>> {
    yaml::key(src, 0..src.text.len(), path)
}

#[cfg(test)]
mod tests;
