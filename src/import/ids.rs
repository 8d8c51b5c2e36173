//! Focus-area ids for an imported plan: made from each area's title, or kept
//! from the plan of the same year in another language, area by area in
//! order, so that the translations still pair up after an import.

use crate::content::slug::slugify;
use crate::diagnostics::{Diagnostic, Severity};
use std::collections::HashSet;
use std::path::Path;

/// The area ids of the plan of the same year in another language.
#[derive(Debug, Clone)]
pub struct OtherPlan {
    /// As the user knows it, e.g. `content/2022/plan.en.md`.
    pub file: String,
    pub ids: Vec<String>,
}

/// The other-language plan beside `target` (`plan.<lang>.md`): the first
/// plan file in another language, by name, whose areas can be read.
pub fn other_plan(target: &Path, lang: &str) -> Option<OtherPlan> {
    let folder = target.parent()?;
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .ok()?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.starts_with("plan.") && n.ends_with(".md") && *n != format!("plan.{lang}.md"))
        .collect();
    names.sort();
    names.into_iter().find_map(|name| {
        let path = folder.join(&name);
        let file = path.display().to_string();
        let src = crate::sources::read_text(&path, &file).ok()??;
        let ids = area_ids(&src, &name[5..name.len() - 3]);
        (!ids.is_empty()).then_some(OtherPlan { file, ids })
    })
}

/// The ids of a plan file's focus areas, as the site reads them.
fn area_ids(src: &crate::diagnostics::SourceFile, lang: &str) -> Vec<String> {
    use crate::content::{html::HtmlOptions, plan};
    let meta = plan::PlanMeta {
        year: 0,
        lang: lang.to_string(),
        file: src.path.to_string(),
    };
    let opts = HtmlOptions::for_site(&crate::model::Config::default(), false);
    let plan = plan::parse(src, &meta, &opts, &mut Vec::new());
    plan.areas.into_iter().map(|a| a.id.into()).collect()
}

/// One id per title: the other plan's ids, area by area, when it has as
/// many areas (it is this plan's translation); else a slug of each title
/// that no other area has. A note says which ids were kept; a warning says
/// when they could not be, as the translations will not pair up.
pub fn assign(file: &str, titles: &[&str], other: Option<&OtherPlan>) -> (Vec<String>, Vec<Diagnostic>) {
    let Some(other) = other else {
        return (slugs(titles), Vec::new());
    };
    if other.ids.len() != titles.len() {
        let message = format!(
            "the document has {} focus areas and `{}` has {}: the ids are made from the titles",
            titles.len(),
            other.file,
            other.ids.len()
        );
        let hint = "a year's translations pair up by id: give each area the id of its translation";
        let warning = Diagnostic::warning("area-count-differs", file, message).with_hint(hint);
        return (slugs(titles), vec![warning]);
    }
    let message = format!(
        "the {} focus areas keep the ids of `{}`, matched by position",
        titles.len(),
        other.file
    );
    let note = Diagnostic::new(Severity::Note, "ids-kept", file, message);
    (other.ids.clone(), vec![note])
}

fn slugs(titles: &[&str]) -> Vec<String> {
    let mut taken = HashSet::new();
    titles.iter().map(|t| unique(t, &mut taken)).collect()
}

/// A slug of `title` no other area has (`taken` holds theirs).
fn unique(title: &str, taken: &mut HashSet<String>) -> String {
    let base = Some(slugify(title))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "area".into());
    let mut id = base.clone();
    let mut n = 2;
    while !taken.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_slugs_unless_kept_from_the_other_language() {
        let (ids, diags) = assign("in", &["Same", "Same", "Ö"], None);
        assert_eq!(ids, ["same", "same-2", "o"]);
        assert!(diags.is_empty());
        let other = OtherPlan {
            file: "plan.en.md".into(),
            ids: vec!["innovation".into(), "same".into()],
        };
        let (ids, diags) = assign("in", &["Innovation och FoU", "Vägar"], Some(&other));
        assert_eq!(ids, ["innovation", "same"]);
        assert_eq!(diags[0].code, "ids-kept");
        // Not a translation yet (a starter plan of one area): ids of its own.
        let (ids, diags) = assign("in", &["Innovation och FoU", "Vägar", "Same"], Some(&other));
        assert_eq!(ids, ["innovation-och-fou", "vagar", "same"]);
        assert_eq!(diags[0].code, "area-count-differs");
    }

    #[test]
    fn area_ids_are_read_as_the_site_reads_them() {
        let text = "---\ntitle: T\n---\n\n## Innovation {#innovation}\n\n- a\n\n## Vägar och järnvägar\n\n- b\n";
        let src = crate::diagnostics::SourceFile::new("plan.en.md", text);
        assert_eq!(area_ids(&src, "en"), ["innovation", "vagar-och-jarnvagar"]);
    }
}
