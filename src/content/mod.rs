//! Reading `content/`: site settings, year folders and plan files → [`Site`].
//!
//! Every problem becomes a [`Diagnostic`]; loading goes on after a problem so
//! that one run reports all of them. A [`Site`] is returned only when there
//! were no errors.

mod body;
mod config;
mod frontmatter;
pub mod html;
mod pair;
pub mod plan;
pub mod slug;

pub use config::is_lang_code;
pub use frontmatter::KEYS as FRONT_MATTER_KEYS;

use crate::diagnostics::{Diagnostic, Severity};
use crate::fsx;
use crate::model::{Config, Plan, Site, YearPlans};
use html::HtmlOptions;
use plan::PlanMeta;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// How to read the content tree.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// The site root: the folder holding `content/` (and `themes/`).
    pub root: PathBuf,
    /// Keep draft plans (`serve`, `build --drafts`).
    pub drafts: bool,
    /// Replaces `base_url` from `site.yaml`.
    pub base_url: Option<String>,
    /// How a missing or mismatched translation counts: an error in `build`
    /// and `check`, a warning in `serve`.
    pub translation_severity: Severity,
}

impl LoadOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        LoadOptions {
            root: root.into(),
            drafts: false,
            base_url: None,
            translation_severity: Severity::Error,
        }
    }
}

/// The result of reading the content tree.
#[derive(Debug)]
pub struct Loaded {
    /// `Some` when `site.yaml` could be read, even if plans had errors.
    pub config: Option<Config>,
    /// `Some` when there were no errors.
    pub site: Option<Site>,
    /// Every problem found, errors and warnings, in a stable order.
    pub diagnostics: Vec<Diagnostic>,
}

/// What a file in a year folder is.
#[derive(Debug, PartialEq, Eq)]
pub enum YearFile {
    Plan(String),
    /// Looks like a plan but the language part is wrong.
    BadPlanName,
    /// Copied beside the year's pages.
    Asset,
    /// Hidden, editor backup or temporary file.
    Ignored,
}

/// Classify a file name found in a year folder.
pub fn classify_year_file(name: &str) -> YearFile {
    if name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".tmp")
        || name == "4913"
    {
        return YearFile::Ignored;
    }
    match name.strip_prefix("plan.").and_then(|r| r.strip_suffix(".md")) {
        Some(lang) if is_lang_code(lang) => YearFile::Plan(lang.to_string()),
        Some(_) => YearFile::BadPlanName,
        None if name == "plan.md" => YearFile::BadPlanName,
        None => YearFile::Asset,
    }
}

/// Read and check the whole content tree.
pub fn load(opts: &LoadOptions) -> Loaded {
    let mut diags = Vec::new();
    let site = load_inner(opts, &mut diags);
    crate::diagnostics::sort(&mut diags);
    let config = site.as_ref().map(|s| s.config.clone());
    let site = if crate::diagnostics::has_errors(&diags) {
        None
    } else {
        site
    };
    Loaded {
        config,
        site,
        diagnostics: diags,
    }
}

fn load_inner(opts: &LoadOptions, diags: &mut Vec<Diagnostic>) -> Option<Site> {
    let content = opts.root.join("content");
    let config = load_config(opts, diags)?;
    let html = HtmlOptions::for_site(&config);
    let mut folders = Vec::new();
    for entry in read_dir(&opts.root, &content, diags) {
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        let rel = fsx::display_rel(&opts.root, &path);
        if name.starts_with('.') || name == "site.yaml" || name.ends_with('~') {
            continue;
        }
        let Some(kind) = file_kind(&path, &rel, diags) else {
            continue;
        };
        if kind == Kind::File {
            continue;
        }
        match name.parse::<u16>() {
            Ok(year) if name.len() == 4 && name.bytes().all(|b| b.is_ascii_digit()) => folders.push((year, path)),
            _ => diags.push(
                Diagnostic::error(
                    "bad-year-folder",
                    rel,
                    format!("folder `{name}` in content/ is not a year"),
                )
                .with_hint("each plan lives in a folder named for its year with four digits, e.g. `content/2023/`"),
            ),
        }
    }
    // Years are read in parallel (each with its own list of problems), then
    // joined in folder order, so the result never depends on scheduling.
    let read = |(year, path): &(u16, PathBuf)| {
        let mut d = Vec::new();
        (load_year(opts, &config, &html, *year, path, &mut d), d)
    };
    let loaded: Vec<(Option<YearPlans>, Vec<Diagnostic>)> = if folders.len() > PARALLEL_FROM {
        folders.par_iter().map(read).collect()
    } else {
        folders.iter().map(read).collect()
    };
    let mut years = Vec::with_capacity(loaded.len());
    for (year, d) in loaded {
        diags.extend(d);
        years.extend(year.filter(|y| opts.drafts || !y.is_draft()));
    }
    Some(Site { config, years })
}

/// Below this many year folders, reading in parallel costs more than it saves.
const PARALLEL_FROM: usize = 4;

/// Re-read one year folder, for `serve` when one of its files changed.
/// Returns the year (or `None` when the folder is gone, lacks the default
/// language, or is a draft that is not shown) and the problems found in it.
pub fn load_one_year(opts: &LoadOptions, config: &Config, year: u16) -> (Option<YearPlans>, Vec<Diagnostic>) {
    let html = HtmlOptions::for_site(config);
    let dir = opts.root.join("content").join(year.to_string());
    let mut diags = Vec::new();
    if !fsx::exists(&dir) {
        return (None, diags);
    }
    let loaded = load_year(opts, config, &html, year, &dir, &mut diags).filter(|y| opts.drafts || !y.is_draft());
    crate::diagnostics::sort(&mut diags);
    (loaded, diags)
}

fn load_config(opts: &LoadOptions, diags: &mut Vec<Diagnostic>) -> Option<Config> {
    let path = opts.root.join("content").join("site.yaml");
    let rel = fsx::display_rel(&opts.root, &path);
    let bytes = match fsx::read(&path) {
        Ok(b) => b,
        Err(e) => {
            let (code, msg) = if e.source.kind() == std::io::ErrorKind::NotFound {
                (
                    "missing-site-config",
                    format!("no site settings: `{rel}` does not exist"),
                )
            } else {
                ("io", format!("{e}: {}", e.source))
            };
            diags.push(Diagnostic::error(code, rel, msg).with_hint(format!("create it, e.g.:\n{}", config::EXAMPLE)));
            return None;
        }
    };
    let src = plan::decode(&rel, &bytes).map_err(|d| diags.push(d)).ok()?;
    config::parse(&src, opts.base_url.as_deref())
        .map_err(|d| diags.extend(d))
        .ok()
}

#[derive(PartialEq, Eq)]
enum Kind {
    File,
    Dir,
}

/// Is `path` a file or folder we follow? Symbolic links are not followed: a
/// link could lead outside the site or into a loop.
fn file_kind(path: &Path, rel: &str, diags: &mut Vec<Diagnostic>) -> Option<Kind> {
    match fsx::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            diags.push(
                Diagnostic::warning("symlink-skipped", rel, "symbolic links in content/ are not followed")
                    .with_hint("copy the file or folder into place instead"),
            );
            None
        }
        Ok(m) if m.is_dir() => Some(Kind::Dir),
        Ok(_) => Some(Kind::File),
        Err(e) => {
            diags.push(Diagnostic::error("io", rel, format!("{e}: {}", e.source)));
            None
        }
    }
}

fn read_dir(root: &Path, dir: &Path, diags: &mut Vec<Diagnostic>) -> Vec<std::fs::DirEntry> {
    fsx::read_dir_sorted(dir).unwrap_or_else(|e| {
        diags.push(Diagnostic::error(
            "io",
            fsx::display_rel(root, dir),
            format!("{e}: {}", e.source),
        ));
        Vec::new()
    })
}

fn load_year(
    opts: &LoadOptions,
    config: &Config,
    html: &HtmlOptions,
    year: u16,
    dir: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Option<YearPlans> {
    let mut metas = Vec::new();
    let mut assets = Vec::new();
    let year_rel = fsx::display_rel(&opts.root, dir);
    for entry in read_dir(&opts.root, dir, diags) {
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        let rel = fsx::display_rel(&opts.root, &path);
        let Some(kind) = file_kind(&path, &rel, diags) else {
            continue;
        };
        match (classify_year_file(&name), kind) {
            (YearFile::Ignored, _) => {}
            (_, Kind::Dir) => collect_assets(opts, &path, &mut assets, diags),
            (YearFile::Asset, Kind::File) => assets.push(rel),
            (YearFile::Plan(lang), Kind::File) if config.language(&lang).is_some() => {
                metas.push((path, PlanMeta { year, lang, file: rel }))
            }
            (YearFile::Plan(_) | YearFile::BadPlanName, Kind::File) => {
                let codes: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
                diags.push(
                    Diagnostic::error(
                        "unknown-language",
                        rel,
                        format!("`{name}` is not a plan file for a language of this site"),
                    )
                    .with_hint(format!(
                        "plan files are named `plan.<language>.md`; the languages in site.yaml are: {}",
                        codes.join(", ")
                    )),
                );
            }
        }
    }
    let results: Vec<(Option<Plan>, Vec<Diagnostic>)> =
        metas.iter().map(|(path, meta)| read_plan(path, meta, html)).collect();
    let mut plans = BTreeMap::new();
    for (plan, d) in results {
        diags.extend(d);
        if let Some(p) = plan {
            plans.insert(p.lang.clone(), p);
        }
    }
    let found: Vec<&str> = metas.iter().map(|(_, m)| m.lang.as_str()).collect();
    pair::check_year(config, &year_rel, &found, &plans, opts.translation_severity, diags);
    if !found.contains(&config.default_language.as_str()) {
        return None;
    }
    Some(YearPlans { year, plans, assets })
}

fn read_plan(path: &Path, meta: &PlanMeta, html: &HtmlOptions) -> (Option<Plan>, Vec<Diagnostic>) {
    let html = &HtmlOptions {
        lang: meta.lang.clone(),
        ..html.clone()
    };
    let mut diags = Vec::new();
    let bytes = match fsx::read_limited(path, plan::MAX_PLAN_BYTES) {
        Ok(Some(b)) => b,
        Ok(None) => {
            let d = Diagnostic::error(
                "file-too-large",
                &meta.file,
                format!("the plan file is larger than {} MiB", plan::MAX_PLAN_BYTES >> 20),
            )
            .with_hint("a plan is normally a few kilobytes; check that this is the right file");
            return (None, vec![d]);
        }
        Err(e) => {
            return (
                None,
                vec![Diagnostic::error("io", &meta.file, format!("{e}: {}", e.source))],
            );
        }
    };
    let plan = match plan::decode(&meta.file, &bytes) {
        Ok(src) => plan::parse(&src, meta, html, &mut diags),
        Err(d) => {
            diags.push(d);
            None
        }
    };
    (plan, diags)
}

/// Files in sub-folders of a year folder are assets too (e.g. `2022/images/logo.png`).
fn collect_assets(opts: &LoadOptions, dir: &Path, assets: &mut Vec<String>, diags: &mut Vec<Diagnostic>) {
    for entry in walkdir::WalkDir::new(dir).follow_links(false).sort_by_file_name() {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                if classify_year_file(&e.file_name().to_string_lossy()) != YearFile::Ignored {
                    assets.push(fsx::display_rel(&opts.root, e.path()));
                }
            }
            Ok(e) if e.file_type().is_symlink() => {
                diags.push(Diagnostic::warning(
                    "symlink-skipped",
                    fsx::display_rel(&opts.root, e.path()),
                    "symbolic links in content/ are not followed",
                ));
            }
            Ok(_) => {}
            Err(e) => diags.push(Diagnostic::error(
                "io",
                fsx::display_rel(&opts.root, dir),
                e.to_string(),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_files_are_classified() {
        let cases = [
            ("plan.sv.md", YearFile::Plan("sv".into())),
            ("plan.en.md", YearFile::Plan("en".into())),
            ("plan.md", YearFile::BadPlanName),
            ("plan.SV.md", YearFile::BadPlanName),
            ("plan.swedish.md", YearFile::BadPlanName),
            ("rapport.pdf", YearFile::Asset),
            ("plan.sv.md~", YearFile::Ignored),
            (".plan.sv.md.swp", YearFile::Ignored),
            ("4913", YearFile::Ignored),
            (".DS_Store", YearFile::Ignored),
        ];
        for (name, want) in cases {
            assert_eq!(classify_year_file(name), want, "{name}");
        }
    }
}
