//! One entry of a follow-up file: its keys read one by one (so that each
//! problem has its place), the action it says it was written for, and its
//! values checked and turned into a [`FollowUp`].

use super::identity;
use super::{KEYS, is_iso_date, status_list};
use crate::content::html::{self, HtmlOptions};
use crate::content::names::{self, Problem, RawName};
use crate::diagnostics::{Diagnostic, Severity, SourceFile, strip_yaml_location, yaml};
use crate::model::{Action, Config, FollowUp, Name, SourceLink, Status};
use pulldown_cmark::Parser;
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
    fn at(&self, key: &str) -> Range<usize> {
        yaml::key(self.src, self.block.clone(), &[self.anchor, key]).unwrap_or(self.key.clone())
    }

    /// Read the keys of the entry, reporting unknown keys and values of the
    /// wrong type; `None` when it cannot be read.
    pub fn read(&self, value: serde_yaml::Value, diags: &mut Vec<Diagnostic>) -> Option<RawEntry> {
        let serde_yaml::Value::Mapping(map) = value else {
            let message = format!("the follow-up of `{}` must be `key: value` lines", self.anchor);
            let d = Diagnostic::error_at("wrong-type", self.src, self.key.clone(), message);
            diags.push(d.with_hint(format!("e.g.\n{}:\n  status: ongoing", self.anchor)));
            return None;
        };
        let before = diags.len();
        let mut raw = RawEntry::default();
        for (k, v) in map {
            let key = k.as_str().unwrap_or_default().to_string();
            if let Some(d) = self.read_key(&mut raw, &key, v) {
                diags.push(d);
            }
        }
        if raw.status.is_none() && diags.len() == before {
            let message = format!("the follow-up of `{}` has no `status`", self.anchor);
            let d = Diagnostic::error_at("missing-key", self.src, self.key.clone(), message);
            diags.push(d.with_hint(format!("add `status:`, one of {}", status_list())));
        }
        (diags.len() == before).then_some(raw)
    }

    /// Read `key` into `raw`; what is wrong with it, if anything.
    fn read_key(&self, raw: &mut RawEntry, key: &str, v: serde_yaml::Value) -> Option<Diagnostic> {
        let result = match key {
            "text" => serde_yaml::from_value(v).map(|x| raw.text = Some(x)),
            "status" => serde_yaml::from_value(v).map(|x| raw.status = Some(x)),
            "progress" => serde_yaml::from_value(v).map(|x| raw.progress = Some(x)),
            "lead" => serde_yaml::from_value(v).map(|x| raw.lead = Some(x)),
            "partners" => serde_yaml::from_value(v).map(|x| raw.partners = x),
            "updated" => serde_yaml::from_value(v).map(|x| raw.updated = Some(x)),
            "due" => serde_yaml::from_value(v).map(|x| raw.due = Some(x)),
            "note" => serde_yaml::from_value(v).map(|x| raw.note = x),
            _ => {
                let message = format!("unknown follow-up key `{key}` for `{}`", self.anchor);
                let d = Diagnostic::error_at("unknown-key", self.src, self.at(key), message);
                return Some(d.did_you_mean(key, KEYS, format!("known keys: {}", KEYS.join(", "))));
            }
        };
        let e = result.err()?;
        let expected = match key {
            "progress" => "a whole number from 0 to 100",
            "partners" => {
                "a list, e.g. `[Polisen, Länsstyrelsen]`; a partner may be named per language: `{sv: Polisen, en: the Swedish Police Authority}`"
            }
            "lead" => "a name, or one per language (`sv: …` and `en: …` indented under `lead:`)",
            "note" => "one line per language, e.g. `sv: …` and `en: …` indented under `note:`",
            _ => "text",
        };
        let message = format!(
            "`{key}` of `{}` is not valid: {}",
            self.anchor,
            strip_yaml_location(&e.to_string())
        );
        let d = Diagnostic::error_at("wrong-type", self.src, yaml::value(self.src, self.at(key)), message);
        Some(d.with_hint(format!("`{key}` is {expected}")))
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
        let now = identity::pin_text(&action.text);
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
                "add `text: \"{now}\"` under `{anchor}:` (or run `handlingsplan follow-up pin`), so that a revised plan cannot move it onto another action"
            )));
            return;
        };
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
        let status = self.status(raw.status.as_deref().unwrap_or_default(), diags);
        let progress = self.progress(raw.progress, diags);
        self.date("updated", raw.updated.as_deref(), diags);
        self.date("due", raw.due.as_deref(), diags);
        let due = raw.due.clone().filter(|d| is_iso_date(d));
        self.check_due(due.as_deref(), self.html.year(), diags);
        self.characters(&raw, diags);
        let (note_html, note_links) = self.notes(&raw.note, diags);
        let lead = raw.lead.and_then(|n| self.name("lead", n, diags));
        let partners = (raw.partners.into_iter())
            .filter_map(|n| self.name("partners", n, diags))
            .collect();
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
            note_links,
        }
    }

    fn status(&self, written: &str, diags: &mut Vec<Diagnostic>) -> Option<Status> {
        let status = Status::ALL.into_iter().find(|s| s.as_str() == written);
        if status.is_none() {
            let at = yaml::value(self.src, self.at("status"));
            let d = Diagnostic::error_at("unknown-status", self.src, at, format!("`{written}` is not a status"));
            let names = Status::ALL.map(Status::as_str);
            diags.push(d.did_you_mean(written, names, format!("a status is one of {}", status_list())));
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

    /// The notes as HTML per language, and the links written in them.
    #[allow(clippy::type_complexity)]
    fn notes(
        &self,
        notes: &BTreeMap<String, String>,
        diags: &mut Vec<Diagnostic>,
    ) -> (BTreeMap<String, String>, Vec<(String, SourceLink)>) {
        let mut note_html = BTreeMap::new();
        let mut note_links = Vec::new();
        for (lang, text) in notes {
            let key = yaml::key(self.src, self.block.clone(), &[self.anchor, "note", lang])
                .unwrap_or_else(|| self.at("note"));
            if self.config.language(lang).is_none() {
                let codes = self.config.language_codes();
                let message = format!(
                    "the note of `{}` is in `{lang}`, which is not a language of this site",
                    self.anchor
                );
                let then = format!("the site's languages are {}", codes.join(", "));
                let d = Diagnostic::error_at("unknown-language", self.src, key, message);
                diags.push(d.did_you_mean(lang, codes, then));
                continue;
            }
            let opts = self.html.for_language(lang);
            let markdown = Parser::new_ext(text, crate::content::body::markdown_options()).into_offset_iter();
            let (markdown, too_deep) = html::cap_nesting(markdown.collect());
            if too_deep.is_some() {
                let message = format!(
                    "the note of `{}` nests block quotes or lists more than {} levels deep",
                    self.anchor,
                    html::MAX_NESTING
                );
                diags.push(
                    Diagnostic::error_at("nested-too-deeply", self.src, key.clone(), message)
                        .with_hint("a note needs a few levels at most: remove the extra `>` or list markers"),
                );
            }
            note_html.insert(lang.clone(), html::render(markdown.into_iter().map(|(e, _)| e), &opts));
            if self.html.record_links {
                let links = links_in_note(self.src, key.start, text, &opts.folder);
                note_links.extend(links.into_iter().map(|l| (lang.clone(), l)));
            }
        }
        (note_html, note_links)
    }
}

/// The links written in a note (whose key starts at `from` in the file),
/// each at the first place after the key where its address is written.
fn links_in_note(src: &SourceFile, from: usize, text: &str, folder: &str) -> Vec<SourceLink> {
    use pulldown_cmark::{Event, Tag};
    let mut links = Vec::new();
    let mut search_from = from;
    for event in Parser::new_ext(text, crate::content::body::markdown_options()) {
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
