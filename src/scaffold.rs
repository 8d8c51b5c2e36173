//! `handlingsplan new`: next year's plan, started from this year's.
//!
//! Every language's plan file is copied with the same focus areas, ids and
//! actions, its title (and description) moved to the new year and marked
//! `draft: true`; an empty follow-up file with a commented template is added.
//! The new folder appears whole or not at all.

use crate::content::{LoadOptions, frontmatter};
use crate::diagnostics::{Diagnostic, SourceFile};
use crate::fs_utils::{self, FsError};
use crate::model::Action;
use std::path::{Path, PathBuf};

/// Options of `handlingsplan new`.
#[derive(Debug, Clone)]
pub struct NewOptions {
    pub root: PathBuf,
    pub year: u16,
    /// The year to start from; the latest year when `None`.
    pub from: Option<u16>,
}

#[derive(Debug, thiserror::Error)]
pub enum NewError {
    #[error("`content/{0}` already exists; `new` never overwrites a year")]
    Exists(u16),
    #[error("there is no plan to start from: {0}")]
    NoSource(String),
    #[error("the plan to start from has problems; fix them first (run `handlingsplan check`)")]
    Content(Vec<Diagnostic>),
    #[error(transparent)]
    Fs(#[from] FsError),
}

/// Create `content/<year>/`; returns the files written, relative to the root.
pub fn new_year(opts: &NewOptions) -> Result<Vec<String>, NewError> {
    let content = opts.root.join("content");
    let target = content.join(opts.year.to_string());
    if fs_utils::exists(&target) {
        return Err(NewError::Exists(opts.year));
    }
    let loaded = crate::pipeline::read_content(&LoadOptions {
        drafts: true,
        ..LoadOptions::new(&opts.root)
    });
    let (site, _) = loaded.complete().map_err(NewError::Content)?;
    let source = match opts.from {
        Some(y) => site
            .year(y)
            .ok_or_else(|| NewError::NoSource(format!("`content/{y}` has no plan")))?,
        None => site
            .years
            .last()
            .ok_or_else(|| NewError::NoSource("`content/` has no year folder yet".into()))?,
    };
    let staging = content.join(format!(".{}.new-{}", opts.year, std::process::id()));
    let result = write_year(&staging, &opts.root, source, opts.year, &site.config.default_language);
    if result.is_err() {
        let _ = fs_utils::remove_dir_all(&staging);
        return result;
    }
    // Never over a year that appeared meanwhile.
    if let Err(e) = fs_utils::rename_noreplace(&staging, &target) {
        let _ = fs_utils::remove_dir_all(&staging);
        return Err(match e.source.kind() {
            std::io::ErrorKind::AlreadyExists | std::io::ErrorKind::DirectoryNotEmpty => NewError::Exists(opts.year),
            _ => e.into(),
        });
    }
    result
}

fn write_year(
    staging: &Path,
    root: &Path,
    source: &crate::model::YearPlans,
    year: u16,
    default_language: &str,
) -> Result<Vec<String>, NewError> {
    fs_utils::create_dir_all(staging)?;
    let mut written = Vec::new();
    for (lang, plan) in &source.plans {
        let bytes = fs_utils::read(&root.join(&plan.file))?;
        let text = String::from_utf8_lossy(&bytes);
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let name = format!("plan.{lang}.md");
        fs_utils::write(
            &staging.join(&name),
            next_year_text(&plan.file, text, source.year, year).as_bytes(),
        )?;
        written.push(format!("content/{year}/{name}"));
    }
    // Entries name their action in the default language (translations have the same anchors).
    let actions: Vec<&Action> = source
        .plans
        .get(default_language)
        .or_else(|| source.plans.values().next())
        .into_iter()
        .flat_map(|p| &p.areas)
        .flat_map(|a| &a.actions)
        .collect();
    // A site that reports by date keeps doing so: a `follow-up.yaml` beside
    // `follow-up/` would be two follow-ups. Its reports start with the first one.
    if source.reports.is_empty() {
        fs_utils::write(
            &staging.join("follow-up.yaml"),
            follow_up_template(&actions, year).as_bytes(),
        )?;
        written.push(format!("content/{year}/follow-up.yaml"));
    }
    Ok(written)
}

/// A plan file moved to `year`: the old year replaced in the front matter and
/// `draft: true` set. The body (areas, ids, actions) is kept as it is.
pub fn next_year_text(file: &str, text: &str, from: u16, year: u16) -> String {
    let src = SourceFile::new(file, text);
    let Ok(split) = frontmatter::split(&src) else {
        return text.to_string();
    };
    let yaml = &text[split.yaml.clone()];
    let mut lines: Vec<String> = Vec::new();
    let mut has_draft = false;
    for line in yaml.lines() {
        if line.trim_start().starts_with("draft:") && !line.starts_with(char::is_whitespace) {
            lines.push("draft: true".into());
            has_draft = true;
        } else if line.starts_with("title:") || line.starts_with("description:") {
            lines.push(line.replace(&from.to_string(), &year.to_string()));
        } else {
            lines.push(line.to_string());
        }
    }
    if !has_draft {
        lines.push("draft: true".into());
    }
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    format!(
        "---{newline}{}{newline}---{newline}{}",
        lines.join(newline),
        &text[split.body.clone()]
    )
}

/// An empty follow-up file that explains itself, listing the year's actions;
/// its example is the plan's own first action.
pub fn follow_up_template(actions: &[&Action], year: u16) -> String {
    let quote = |a: &Action| crate::sources::quoted(&crate::content::followup::identity::pin_text(&a.text));
    let (anchor, text) = actions
        .first()
        .map_or(("an-action-1".to_string(), "\"…\"".to_string()), |a| {
            (a.anchor.to_string(), quote(a))
        });
    let mut out = format!(
        "# Follow-up of the {year} plan: how each action is going.\n\
         # The plan text stays as approved; report progress here, keyed by action anchor\n\
         # (or by the id an action is given in the plan: `- … {{#scaleup}}`). `text:` says which\n\
         # action an entry was written for, so that a revised plan cannot move it onto another.\n\
         # Remove the `#` in front of an action's lines to start its follow-up, e.g.:\n\
         #\n\
         # {anchor}:\n\
         #   text: {text}\n\
         #   status: ongoing          # planned | ongoing | done | paused | cancelled, or as the site says it (Pågår)\n\
         #   progress: 40             # optional, 0–100\n\
         #   lead: …                  # optional: who leads it\n\
         #   partners: [… , …]        # optional: who takes part\n\
         #   due: {year}-12-31         # optional, YYYY-MM-DD: when it is to be done\n\
         #   updated: {year}-09-30     # optional, YYYY-MM-DD\n\
         #   note:                    # optional, per language, Markdown\n\
         #     sv: Arbetsgruppen har haft tre möten.\n\
         #     en: The working group has met three times.\n\
         #\n\
         # Reports through the year go in follow-up/<date>.yaml instead, one file per report\n\
         # (`handlingsplan follow-up sheet {year}` makes a sheet for the action owners).\n\
         #\n\
         # The actions of this plan:\n",
    );
    for action in actions {
        out.push_str(&format!(
            "#\n# {}:\n#   text: {}\n#   status: planned\n",
            action.anchor,
            quote(action)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_front_matter_moves_to_the_new_year() {
        let text =
            "---\ntitle: Handlingsplan 2022\ndescription: Planen för 2022.\ndraft: false\n---\n\n## A {#a}\n\n- x\n";
        assert_eq!(
            next_year_text("p", text, 2022, 2023),
            "---\ntitle: Handlingsplan 2023\ndescription: Planen för 2023.\ndraft: true\n---\n\n## A {#a}\n\n- x\n"
        );
        let no_draft = "---\r\ntitle: Plan 2022\r\n---\r\nBody 2022\r\n";
        assert_eq!(
            next_year_text("p", no_draft, 2022, 2023),
            "---\r\ntitle: Plan 2023\r\ndraft: true\r\n---\r\nBody 2022\r\n"
        );
    }

    #[test]
    fn the_follow_up_template_is_valid_and_empty() {
        let action = Action::sample;
        let (a, b) = (action("a-1", "Första"), action("scaleup", "Arbeta med \"Scaleup\""));
        let text = follow_up_template(&[&a, &b], 2027);
        assert!(
            text.contains("# a-1:\n#   text: \"Första\"\n#   status: ongoing"),
            "the site's own action is the example"
        );
        assert!(text.contains("#   due: 2027-12-31"), "{text}");
        assert!(
            !text.contains("innovation") && !text.contains("Polisen"),
            "nothing of another site"
        );
        let value: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
        assert!(value.is_null(), "only comments");
        assert!(
            text.contains("# scaleup:\n#   text: \"Arbeta med \\\"Scaleup\\\"\"\n#   status: planned"),
            "{text}"
        );
        let lines: Vec<&str> = text.lines().collect();
        let at = lines.iter().position(|l| *l == "# scaleup:").unwrap();
        let uncommented: String = lines[at..at + 3].iter().map(|l| format!("{}\n", &l[2..])).collect();
        let entry: serde_yaml::Value = serde_yaml::from_str(&uncommented).unwrap();
        assert_eq!(
            entry["scaleup"]["text"].as_str(),
            Some("Arbeta med \"Scaleup\""),
            "uncommented, it is valid"
        );
    }
}
