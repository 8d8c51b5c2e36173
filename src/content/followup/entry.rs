//! One entry of a follow-up file: its keys read one by one (so that each
//! problem has its place), the action it says it was written for, and its
//! values checked and turned into a [`FollowUp`].

use super::identity;
use super::values;
use super::{KEYS, is_iso_date, status_list};
use crate::content::html::HtmlOptions;
use crate::content::names::{self, Problem, RawName};
use crate::diagnostics::{Diagnostic, Severity, SourceFile, yaml};
use crate::model::{Action, Config, FollowUp, Name, Status};
use std::collections::BTreeMap;
use std::ops::Range;

/// An entry as written, read key by key.
#[derive(Default)]
pub(super) struct RawEntry {
    /// The start of the text of the action the entry was written for.
    pub text: Option<String>,
    status: Option<String>,
    progress: Option<i64>,
    lead: Option<RawName>,
    partners: Vec<RawName>,
    updated: Option<String>,
    due: Option<String>,
    note: BTreeMap<String, String>,
    /// The keys whose values could not be read (each said in the problems).
    failed: Vec<String>,
}

/// The entry under one key of a follow-up file, and what reading it needs.
pub(super) struct Entry<'a> {
    pub src: &'a SourceFile,
    pub config: &'a Config,
    /// The key: the anchor of the action it follows up.
    pub anchor: &'a str,
    /// Where the key is written.
    pub key: Range<usize>,
    /// The entry's lines: the key's and those below it.
    pub block: Range<usize>,
    pub html: &'a HtmlOptions,
}

impl Entry<'_> {
    /// Where `key` of the entry is (or else the entry's key).
    pub(super) fn at(&self, key: &str) -> Range<usize> {
        yaml::key(self.src, self.block.clone(), &[self.anchor, key]).unwrap_or(self.key.clone())
    }

    /// Read the keys of the entry, reporting every unknown key and every
    /// value that cannot be read, and keeping what can: the checks of the
    /// other values still run. `None` when it is not `key: value` lines.
    pub fn read(&self, value: serde_yaml::Value, diags: &mut Vec<Diagnostic>) -> Option<RawEntry> {
        let serde_yaml::Value::Mapping(map) = value else {
            let message = format!("the follow-up of `{}` must be `key: value` lines", self.anchor);
            let d = Diagnostic::error_at("wrong-type", self.src, self.key.clone(), message);
            diags.push(d.with_hint(format!("e.g.\n{}:\n  status: ongoing", self.anchor)));
            return None;
        };
        let mut raw = RawEntry::default();
        for (k, v) in map {
            let key = values::text(&k).unwrap_or_default();
            if let Some(d) = self.read_key(&mut raw, &key, v) {
                raw.failed.push(key);
                diags.push(d);
            }
        }
        // A misspelt `status` (`stat:`) is said once, as the unknown key it is.
        let tried = |k: &String| k == "status" || crate::diagnostics::suggest(k, KEYS) == Some("status");
        if raw.status.is_none() && !raw.failed.iter().any(tried) {
            let message = format!("the follow-up of `{}` has no `status`", self.anchor);
            let d = Diagnostic::error_at("missing-key", self.src, self.key.clone(), message);
            diags.push(d.with_hint(format!("add `status:`, one of {}", status_list())));
        }
        Some(raw)
    }

    /// Read `key` into `raw`; what is wrong with it, if anything.
    fn read_key(&self, raw: &mut RawEntry, key: &str, v: serde_yaml::Value) -> Option<Diagnostic> {
        let read = match key {
            "text" | "status" | "updated" | "due" => {
                let slot = match key {
                    "text" => &mut raw.text,
                    "status" => &mut raw.status,
                    "updated" => &mut raw.updated,
                    _ => &mut raw.due,
                };
                *slot = values::text(&v);
                slot.as_ref().map(drop).ok_or(None)
            }
            "progress" => values::progress(&v).map(|p| raw.progress = Some(p)).map_err(Some),
            "lead" => serde_yaml::from_value(v.clone())
                .map(|x| raw.lead = Some(x))
                .map_err(|_| None),
            "partners" => serde_yaml::from_value(v.clone())
                .map(|x| raw.partners = x)
                .map_err(|_| None),
            "note" => serde_yaml::from_value(v.clone())
                .map(|x| raw.note = x)
                .map_err(|_| None),
            _ => {
                let message = format!("unknown follow-up key `{key}` for `{}`", self.anchor);
                let d = Diagnostic::error_at("unknown-key", self.src, self.at(key), message);
                return Some(d.did_you_mean(key, KEYS, format!("known keys: {}", KEYS.join(", "))));
            }
        };
        let hint = read.err()?;
        let expected = values::expected(key);
        let message = format!(
            "`{key}` of `{}` is {}, not {expected}",
            self.anchor,
            values::describe(&v)
        );
        let d = Diagnostic::error_at("wrong-type", self.src, yaml::value(self.src, self.at(key)), message);
        Some(d.with_hint(hint.unwrap_or_else(|| format!("`{key}` is {expected}"))))
    }

    /// Is `action`, at the entry's key, the one its `text:` names? An entry
    /// that does not say is a warning; one written for another action is an
    /// error that says where that action is now.
    pub fn check_identity(
        &self,
        action: &Action,
        actions: &[&Action],
        text: Option<&str>,
        diags: &mut Vec<Diagnostic>,
    ) {
        let anchor = self.anchor;
        // Said only in a message: made only for one.
        let now = || identity::pin_text(&action.text);
        let Some(text) = text else {
            let message = format!("the follow-up of `{anchor}` does not say which action it was written for");
            let d = Diagnostic::at(
                Severity::Warning,
                "unpinned-follow-up",
                self.src,
                self.key.clone(),
                message,
            );
            diags.push(d.with_hint(format!(
                "add `text: \"{}\"` under `{anchor}:` (or run `handlingsplan follow-up pin`), so that a revised plan cannot move it onto another action",
                now()
            )));
            return;
        };
        let verdict = identity::verdict(text, action, actions);
        if verdict == identity::Verdict::Same {
            return;
        }
        let now = now();
        let (message, hint) = match verdict {
            identity::Verdict::Same => return,
            identity::Verdict::Moved(other) => (
                format!("`{anchor}` was written for “{text}”, which is now `{other}`"),
                format!(
                    "move this entry to `{other}:`; the action now at `{anchor}` is “{now}”. Give actions an id (`- … {{#name}}`) to key their follow-up by it: an id stays with its action when the plan is revised"
                ),
            ),
            identity::Verdict::Gone => (
                format!("`{anchor}` was written for “{text}”, which is no longer in the plan"),
                format!(
                    "remove this entry, or, if it is for the action now at `{anchor}`, change its `text:` to “{now}”"
                ),
            ),
        };
        let at = yaml::value(self.src, self.at("text"));
        diags.push(Diagnostic::error_at("wrong-action", self.src, at, message).with_hint(hint));
    }

    /// Check the entry's values and turn it into a [`FollowUp`]. An entry
    /// with a mistake is kept, with what could be read (a status it lacks
    /// counts as planned), so that the checks after it still run; the
    /// mistake is an error, so it is never published.
    pub fn check(&self, raw: RawEntry, diags: &mut Vec<Diagnostic>) -> FollowUp {
        let status = raw.status.as_deref().and_then(|written| self.status(written, diags));
        let progress = self.progress(raw.progress, diags);
        self.date("updated", raw.updated.as_deref(), diags);
        self.date("due", raw.due.as_deref(), diags);
        let due = raw.due.clone().filter(|d| is_iso_date(d));
        self.check_due(due.as_deref(), self.html.year(), diags);
        self.characters(&raw, diags);
        let notes = self.notes(&raw.note, diags);
        let lead = raw.lead.and_then(|n| self.name("lead", n, diags));
        let partners = (raw.partners.into_iter())
            .filter_map(|n| self.name("partners", n, diags))
            .collect();
        let (mut note_html, mut note_from) = (notes.html, notes.from);
        note_html.shrink_to_fit();
        note_from.shrink_to_fit();
        FollowUp {
            status: status.unwrap_or(Status::Planned),
            progress,
            lead,
            partners,
            updated: raw.updated,
            due,
            overdue: false,
            history: crate::model::History::default(),
            file: self.src.path.clone(),
            note_html,
            note_from,
            note_links: notes.links,
        }
    }

    /// The status `written` names: a keyword or the theme's word for it, in any case.
    fn status(&self, written: &str, diags: &mut Vec<Diagnostic>) -> Option<Status> {
        let words = &self.config.status_words;
        let status = words.find(written);
        if status.is_none() {
            let at = yaml::value(self.src, self.at("status"));
            let d = Diagnostic::error_at("unknown-status", self.src, at, format!("`{written}` is not a status"));
            let own = words.own_words();
            let then = match own.is_empty() {
                true => format!("a status is one of {}", status_list()),
                false => format!(
                    "a status is one of {}, or as the site says it: {}",
                    status_list(),
                    own.join(", ")
                ),
            };
            diags.push(d.did_you_mean(written, words.all(), then));
        }
        status
    }

    fn progress(&self, progress: Option<i64>, diags: &mut Vec<Diagnostic>) -> Option<u8> {
        match progress {
            Some(p) if !(0..=100).contains(&p) => {
                let at = yaml::value(self.src, self.at("progress"));
                let d = Diagnostic::error_at(
                    "progress-out-of-range",
                    self.src,
                    at,
                    format!("progress {p} is outside 0–100"),
                );
                diags.push(d.with_hint("progress is the share done, in percent: a whole number from 0 to 100"));
                None
            }
            p => p.map(|p| p as u8),
        }
    }

    /// `key` (`updated`, `due`) holds a real date, if anything.
    fn date(&self, key: &str, date: Option<&str>, diags: &mut Vec<Diagnostic>) {
        if let Some(date) = date.filter(|d| !is_iso_date(d)) {
            let at = yaml::value(self.src, self.at(key));
            let d = Diagnostic::error_at("bad-date", self.src, at, format!("`{date}` is not a date"));
            diags.push(d.with_hint(format!("write the date as YYYY-MM-DD, e.g. `{key}: 2022-09-30`")));
        }
    }

    /// A warning when the `due` date is outside any sensible range for a
    /// plan of `year`: before the year before it, or more than five years on.
    pub fn check_due(&self, due: Option<&str>, year: u16, diags: &mut Vec<Diagnostic>) {
        let Some(due) = due else { return };
        let (from, to) = (format!("{}-01-01", year - 1), format!("{}-12-31", year + 5));
        if due < from.as_str() || due > to.as_str() {
            let at = yaml::value(self.src, self.at("due"));
            let message = format!("`{}` is due {due}, far from the {year} plan's year", self.anchor);
            let d = Diagnostic::at(Severity::Warning, "unlikely-due", self.src, at, message);
            diags.push(d.with_hint(format!("a due date is usually between {from} and {to}; check the year")));
        }
    }

    /// `raw`, written under `key` (`lead` or `partners`), as a name; `None`
    /// when it is empty, or wrong (said in `diags`, at its place).
    fn name(&self, key: &str, raw: RawName, diags: &mut Vec<Diagnostic>) -> Option<Name> {
        let problems = match names::name(raw, &self.config.default_language, |l| {
            self.config.language(l).is_some()
        }) {
            Ok(name) => return name,
            Err(problems) => problems,
        };
        let anchor = self.anchor;
        for problem in problems {
            diags.push(match problem {
                Problem::UnknownLanguage(lang) => {
                    let at = yaml::key(self.src, self.block.clone(), &[anchor, key, &lang]).unwrap_or(self.at(key));
                    let message = format!("`{key}` of `{anchor}` names `{lang}`, which is not a language of this site");
                    let codes = self.config.language_codes();
                    let then = format!("the site's languages are {}", codes.join(", "));
                    Diagnostic::error_at("unknown-language", self.src, at, message).did_you_mean(&lang, codes, then)
                }
                Problem::NoDefault => {
                    let lang = &self.config.default_language;
                    let message = format!(
                        "`{key}` of `{anchor}` gives a name per language but none in `{lang}`, the default language"
                    );
                    Diagnostic::error_at("missing-name", self.src, self.at(key), message).with_hint(format!(
                        "add `{lang}: …`: a language without a name of its own shows the default language's"
                    ))
                }
            });
        }
        None
    }

    /// Characters a YAML escape (`"\u0007"`) put in the text fields.
    fn characters(&self, raw: &RawEntry, diags: &mut Vec<Diagnostic>) {
        let texts = raw.lead.iter().flat_map(RawName::texts).map(|t| ("lead", t));
        let texts = texts.chain(raw.partners.iter().flat_map(RawName::texts).map(|t| ("partners", t)));
        for (key, text) in texts.chain(raw.note.values().map(|t| ("note", t))) {
            let Some((c, what)) = text
                .chars()
                .find_map(|c| Some((c, crate::sources::unusual_character(c)?)))
            else {
                continue;
            };
            let message = format!("`{key}` of `{}` holds {what} (U+{:04X})", self.anchor, c as u32);
            let d = Diagnostic::error_at("unusual-character", self.src, self.at(key), message);
            diags.push(d.with_hint("remove the escape that makes it (such as `\\u0007` in quotes)"));
        }
    }
}
