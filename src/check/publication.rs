//! What `build` will publish, as `check` (which reads drafts too) sees the
//! site: the summary line, and the warnings when nothing would be published
//! or a year's plan is a draft in some languages only (then `build`
//! publishes no plan of that year).

use crate::diagnostics::{Diagnostic, Severity, yaml};
use crate::model::Site;
use std::path::Path;

/// The years `build` publishes and those it holds back, each with its languages.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Publication {
    pub published: Vec<(u16, Vec<String>)>,
    /// Years with a draft in at least one language: none of their plans is published.
    pub held_back: Vec<(u16, Vec<String>)>,
}

/// What `build` (without `--drafts`) makes of `site` read with its drafts.
pub fn publication(site: &Site) -> Publication {
    let codes = site.config.language_codes();
    let mut out = Publication::default();
    for year in &site.years {
        let langs: Vec<String> = (codes.iter())
            .filter(|l| year.plans.contains_key(**l))
            .map(|l| l.to_string())
            .collect();
        match year.is_draft() {
            true => out.held_back.push((year.year, langs)),
            false => out.published.push((year.year, langs)),
        }
    }
    out
}

impl Publication {
    /// One line: "build publishes 2021, 2022 (sv, en); holds back 2027 (sv, en), a draft".
    pub fn summary(&self) -> String {
        let list = |years: &[(u16, Vec<String>)]| {
            let mut groups: Vec<(Vec<u16>, &[String])> = Vec::new();
            for (year, langs) in years {
                match groups.last_mut() {
                    Some((ys, ls)) if *ls == langs.as_slice() => ys.push(*year),
                    _ => groups.push((vec![*year], langs)),
                }
            }
            let group = |(ys, ls): &(Vec<u16>, &[String])| {
                let ys: Vec<String> = ys.iter().map(u16::to_string).collect();
                format!("{} ({})", ys.join(", "), ls.join(", "))
            };
            groups.iter().map(group).collect::<Vec<_>>().join("; ")
        };
        let published = match self.published.is_empty() {
            true => "build publishes no plan, only the home pages".to_string(),
            false => format!("build publishes {}", list(&self.published)),
        };
        match self.held_back.is_empty() {
            true => published,
            false => format!("{published}; holds back the drafts {}", list(&self.held_back)),
        }
    }

    /// A warning for each plan that holds back the other languages' plans
    /// of its year, read from the site at `root`.
    pub fn warnings(&self, site: &Site, root: &Path) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for year in site.years.iter().filter(|y| y.is_draft()) {
            let (drafts, adopted): (Vec<_>, Vec<_>) = year.plans.values().partition(|p| p.draft);
            if adopted.is_empty() {
                continue;
            }
            let adopted: Vec<&str> = adopted.iter().map(|p| p.lang.as_str()).collect();
            for plan in drafts {
                let message = format!(
                    "the {} plan is a draft in `{}` only: `build` publishes no plan of {}, also not in {}",
                    year.year,
                    plan.lang,
                    year.year,
                    adopted.join(", ")
                );
                let hint = "a year is published when no language's plan is a draft: set `draft: false` here once the translation is adopted";
                out.push(located(root, &plan.file, message).with_hint(hint));
            }
        }
        out
    }
}

/// A `partly-draft` warning at the `draft:` line of `file`.
fn located(root: &Path, file: &str, message: String) -> Diagnostic {
    let src = crate::sources::read_text(&root.join(file), file).ok().flatten();
    let at = src
        .as_ref()
        .and_then(|s| yaml::key(s, 0..s.text.len(), &["draft"]).map(|r| (s, r)));
    match at {
        Some((src, range)) => Diagnostic::at(Severity::Warning, "partly-draft", src, range, message),
        None => Diagnostic::warning("partly-draft", file, message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_groups_years_with_the_same_languages() {
        let langs = |l: &[&str]| l.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let p = Publication {
            published: vec![
                (2021, langs(&["sv"])),
                (2022, langs(&["sv", "en"])),
                (2023, langs(&["sv", "en"])),
            ],
            held_back: vec![(2027, langs(&["sv", "en"]))],
        };
        assert_eq!(
            p.summary(),
            "build publishes 2021 (sv); 2022, 2023 (sv, en); holds back the drafts 2027 (sv, en)"
        );
        let nothing = Publication {
            published: vec![],
            held_back: vec![(2027, langs(&["sv"]))],
        };
        assert_eq!(
            nothing.summary(),
            "build publishes no plan, only the home pages; holds back the drafts 2027 (sv)"
        );
    }
}
