//! `handlingsplan follow-up pin`: write into every follow-up entry which
//! action it was written for (`text:`, the start of the action's text), so
//! that a revised plan can never move the entry onto another action. Only
//! the missing lines are added: every other byte of the file — comments,
//! order, quoting — stays as it was.

use crate::content::LoadOptions;
use crate::content::followup::identity::pin_text;
use crate::diagnostics::Diagnostic;
use crate::fs_utils::{self, FsError};
use crate::model::Action;
use crate::sources;
use std::path::PathBuf;

/// Options of `handlingsplan follow-up pin`.
#[derive(Debug, Clone)]
pub struct PinOptions {
    pub root: PathBuf,
    /// Only this year (every year with a follow-up file when `None`).
    pub year: Option<u16>,
}

/// What was pinned: per follow-up file (relative to the root), the keys
/// that got a `text:` line.
pub type Pinned = Vec<(String, Vec<String>)>;

#[derive(Debug, thiserror::Error)]
pub enum PinError {
    #[error("the plans have problems; fix them first (run `handlingsplan check`)")]
    Content(Vec<Diagnostic>),
    #[error("`content/{0}` has no follow-up file")]
    NoFollowUp(u16),
    #[error(transparent)]
    Fs(#[from] FsError),
}

/// Pin every entry of the chosen years' follow-up files.
pub fn pin(opts: &PinOptions) -> Result<Pinned, PinError> {
    let loaded = crate::pipeline::read_content(&LoadOptions {
        drafts: true,
        ..LoadOptions::new(&opts.root)
    });
    // The plans may have problems (a follow-up entry that no longer fits is
    // one): pinning needs only the actions that could be read.
    let Some(site) = loaded.site else {
        return Err(PinError::Content(loaded.diagnostics));
    };
    let default = &site.config.default_language;
    let mut pinned = Vec::new();
    for year in site.years.iter().filter(|y| opts.year.is_none_or(|w| w == y.year)) {
        let Some(plan) = year.plans.get(default) else { continue };
        let actions: Vec<&Action> = plan.areas.iter().flat_map(|a| &a.actions).collect();
        // The undated follow-up file, and every dated report.
        let undated = format!("content/{}/{}", year.year, sources::FOLLOW_UP);
        let files = std::iter::once(undated).chain(year.reports.iter().map(|r| r.file.clone()));
        for rel in files {
            let path = opts.root.join(&rel);
            if !fs_utils::exists(&path) {
                continue;
            }
            let text = String::from_utf8_lossy(&fs_utils::read(&path)?).into_owned();
            let (new, keys) = pin_entries(&text, &actions);
            if !keys.is_empty() {
                fs_utils::replace(&path, new.as_bytes(), 0)?;
            }
            pinned.push((rel, keys));
        }
    }
    if let (Some(year), true) = (opts.year, pinned.is_empty()) {
        return Err(PinError::NoFollowUp(year));
    }
    Ok(pinned)
}

/// `text` (a follow-up file) with a `text:` line added as the first line of
/// each block entry that is an action of `actions` and has none. Returns
/// the new text and the keys pinned.
pub fn pin_entries(text: &str, actions: &[&Action]) -> (String, Vec<String>) {
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    // A byte-order mark (from Windows editors) is kept, but not taken for
    // part of the first key.
    let bom = if text.starts_with('\u{feff}') { "\u{feff}" } else { "" };
    let lines: Vec<&str> = text[bom.len()..].split_inclusive('\n').collect();
    let mut out = String::with_capacity(text.len() + 256);
    out.push_str(bom);
    let mut pinned = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        out.push_str(line);
        let Some(key) = block_key(line) else { continue };
        let Some(action) = actions.iter().find(|a| a.anchor == key) else {
            continue;
        };
        let children = entry_lines(&lines[i + 1..]);
        if children.iter().any(|l| block_child(l) == Some("text")) {
            continue;
        }
        let indent = children
            .iter()
            .find(|l| !is_blank_or_comment(l))
            .map_or("  ", |l| &l[..l.len() - l.trim_start().len()]);
        if !line.ends_with('\n') {
            out.push_str(newline);
        }
        out.push_str(&format!(
            "{indent}text: {}{newline}",
            sources::quoted(&pin_text(&action.text))
        ));
        pinned.push(key.to_string());
    }
    (out, pinned)
}

/// `innovation-1:` at the start of a line, nothing after the colon but a
/// comment: the key of a block entry.
fn block_key(line: &str) -> Option<&str> {
    if line.starts_with([' ', '\t', '#', '-']) {
        return None;
    }
    let (key, rest) = line.split_once(':')?;
    let rest = rest.trim();
    (rest.is_empty() || rest.starts_with('#')).then(|| key.trim().trim_matches(['"', '\'']))
}

/// The key of an indented `key: value` line.
fn block_child(line: &str) -> Option<&str> {
    let trimmed = line.trim_start();
    if trimmed.len() == line.len() || trimmed.starts_with('#') {
        return None;
    }
    trimmed.split_once(':').map(|(k, _)| k.trim().trim_matches(['"', '\'']))
}

/// The lines of an entry: up to the next line that is not indented.
fn entry_lines<'a>(rest: &[&'a str]) -> Vec<&'a str> {
    rest.iter()
        .take_while(|l| is_blank_or_comment(l) || l.starts_with([' ', '\t']))
        .copied()
        .collect()
}

fn is_blank_or_comment(line: &str) -> bool {
    let t = line.trim();
    t.is_empty() || t.starts_with('#')
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::model::Action;

    fn action(anchor: &str, text: &str) -> Action {
        Action::sample(anchor, text)
    }

    #[test]
    fn a_file_that_starts_with_a_byte_order_mark_has_its_first_entry_pinned_too() {
        let actions = [action("a-1", "Första"), action("a-2", "Andra")];
        let refs: Vec<&Action> = actions.iter().collect();
        let (new, keys) = pin_entries("\u{feff}a-1:\n  status: done\na-2:\n  status: planned\n", &refs);
        assert_eq!(keys, ["a-1", "a-2"]);
        assert!(new.starts_with("\u{feff}a-1:\n  text: \"Första\"\n"), "{new}");
    }

    #[test]
    fn only_the_missing_lines_are_added() {
        let a = action("a-1", "Skapa en arbetsgrupp");
        let b = action(
            "scaleup",
            "Arbeta med \"Scaleup\" tillsammans med forskarparker och andra viktiga aktörer i regionen",
        );
        let actions = [&a, &b];
        let cases = [
            (
                "# Uppföljning\na-1:\n  status: done # klart!\n\n# nästa\nscaleup:\n    status: ongoing\n",
                "# Uppföljning\na-1:\n  text: \"Skapa en arbetsgrupp\"\n  status: done # klart!\n\n# nästa\nscaleup:\n    text: \"Arbeta med \\\"Scaleup\\\" tillsammans med forskarparker och andra …\"\n    status: ongoing\n",
                vec!["a-1", "scaleup"],
            ),
            (
                "a-1:\r\n  text: redan\r\n  status: done\r\nokänd-1:\r\n  status: done\r\n",
                "a-1:\r\n  text: redan\r\n  status: done\r\nokänd-1:\r\n  status: done\r\n",
                vec![],
            ),
            ("a-1: {status: done}\n", "a-1: {status: done}\n", vec![]),
            (
                "\"a-1\": # citerad\n  status: done",
                "\"a-1\": # citerad\n  text: \"Skapa en arbetsgrupp\"\n  status: done",
                vec!["a-1"],
            ),
            ("", "", vec![]),
        ];
        for (text, want, keys) in cases {
            let (got, pinned) = pin_entries(text, &actions);
            assert_eq!(got, want, "{text:?}");
            assert_eq!(pinned, keys, "{text:?}");
        }
    }

    #[test]
    fn a_pinned_file_is_still_valid_yaml_with_the_same_entries() {
        let a = action("a-1", "Text med: kolon och # tecken");
        let text = "a-1:\n  status: done\n  note:\n    sv: x\n";
        let (pinned, _) = pin_entries(text, &[&a]);
        let value: serde_yaml::Value = serde_yaml::from_str(&pinned).unwrap();
        assert_eq!(value["a-1"]["text"].as_str(), Some("Text med: kolon och # tecken"));
        assert_eq!(value["a-1"]["note"]["sv"].as_str(), Some("x"));
    }
}
