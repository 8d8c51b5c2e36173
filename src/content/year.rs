//! One year folder: its plan files (one per language), its follow-up file
//! and the other files copied beside its pages.

use super::deferred::{self, Budget};
use super::followup;
use super::followup::reports::{self, ReportFile};
use super::html::HtmlOptions;
use super::plan::{self, PlanMeta};
use super::{Kind, LoadOptions, file_kind, read_dir, translations};
use crate::diagnostics::{Diagnostic, Severity};
use crate::fs_utils;
use crate::model::{Config, Deferred, FollowUp, FollowUps, Plan, Report, YearFollowUp, YearPlans};
use crate::sources::{self, Role};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The files of one year folder, sorted by what they are.
#[derive(Default)]
struct YearFiles {
    plans: Vec<(PathBuf, PlanMeta)>,
    assets: Vec<String>,
    follow_up: Option<(PathBuf, String)>,
    /// The folder of dated reports, `follow-up/`.
    reports: Option<PathBuf>,
}

/// What reading a year folder needs besides the folder: the options, the
/// site's settings, the Markdown options and the follow-up budget.
pub(super) struct YearReader<'a> {
    pub opts: &'a LoadOptions,
    pub config: &'a Config,
    pub html: &'a HtmlOptions,
    pub budget: &'a Budget,
}

pub(super) fn load_year(reader: &YearReader, year: u16, dir: &Path, diags: &mut Vec<Diagnostic>) -> Option<YearPlans> {
    let YearReader { opts, config, .. } = *reader;
    let year_rel = fs_utils::display_rel(&opts.root, dir);
    let files = list_files(opts, config, year, dir, diags);
    let mut plans = BTreeMap::new();
    for (path, meta) in &files.plans {
        let (plan, d) = read_plan(path, meta, reader.html);
        diags.extend(d);
        if let Some(p) = plan {
            plans.insert(p.lang.clone(), p);
        }
    }
    let found: Vec<&str> = files.plans.iter().map(|(_, m)| m.lang.as_str()).collect();
    translations::check_year(config, &year_rel, &found, &plans, opts.translation_severity, diags);
    if !found.contains(&config.default_language.as_str()) {
        return None;
    }
    // A draft year is not rendered unless asked for: its follow-up is read
    // now, or its mistakes would never be reported.
    let may_defer = !plans.values().any(|p| p.draft);
    let read = match plans.get(&config.default_language) {
        Some(original) => read_follow_up(&files, &follow_up_input(reader, original, may_defer), diags),
        None => FollowUpRead::Now(YearFollowUp::default()),
    };
    let (read, deferred) = match read {
        FollowUpRead::Now(read) => (read, None),
        FollowUpRead::Later(reports) => (
            YearFollowUp {
                current: FollowUps::new(),
                reports,
            },
            Some(Deferred::default()),
        ),
    };
    Some(YearPlans {
        year,
        plans,
        assets: files.assets,
        follow_up: read.current,
        reports: read.reports,
        deferred,
    })
}

/// The follow-up of `year` (from its folder `dir`), read as the year's
/// render needs it; `None` without the plan in the default language.
pub(super) fn read_deferred(
    reader: &YearReader,
    year: &YearPlans,
    dir: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Option<YearFollowUp> {
    let files = list_files(reader.opts, reader.config, year.year, dir, diags);
    let original = year.plans.get(&reader.config.default_language)?;
    match read_follow_up(&files, &follow_up_input(reader, original, false), diags) {
        FollowUpRead::Now(read) => Some(read),
        FollowUpRead::Later(_) => None,
    }
}

fn follow_up_input<'a>(reader: &YearReader<'a>, original: &'a Plan, may_defer: bool) -> FollowUpInput<'a> {
    FollowUpInput {
        opts: reader.opts,
        config: reader.config,
        original,
        html: reader.html,
        actions: followup::PlanActions::of(original),
        budget: may_defer.then_some(reader.budget),
    }
}

/// Sort the entries of the year folder `dir` by the source-file rule.
fn list_files(opts: &LoadOptions, config: &Config, year: u16, dir: &Path, diags: &mut Vec<Diagnostic>) -> YearFiles {
    let mut files = YearFiles::default();
    for entry in read_dir(&opts.root, dir, diags) {
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        let rel = fs_utils::display_rel(&opts.root, &path);
        if sources::is_leftover(&name) {
            continue;
        }
        let Some(kind) = file_kind(&path, &rel, diags) else {
            continue;
        };
        match (sources::classify(&name, true), kind) {
            (Role::Leftover | Role::Source, Kind::File) => {}
            (Role::Reports, Kind::Dir) => files.reports = Some(path),
            (Role::Reports, Kind::File) => diags.push(
                Diagnostic::error("invalid-report", rel, "`follow-up` is a file, not a folder of reports").with_hint(
                    "dated reports go in a folder `follow-up/`, one file per report: `follow-up/2022-09-30.yaml`",
                ),
            ),
            (_, Kind::Dir) => collect_assets(opts, &path, &mut files.assets, diags),
            (Role::Asset, Kind::File) => files.assets.push(rel),
            (Role::FollowUp, Kind::File) => files.follow_up = Some((path, rel)),
            (Role::Plan(lang), Kind::File) if config.language(&lang).is_some() => {
                files.plans.push((path, PlanMeta { year, lang, file: rel }))
            }
            (Role::Plan(_) | Role::BadPlanName, Kind::File) => diags.push(unknown_language(config, &name, rel)),
        }
    }
    files
}

/// `name` looks like a plan file but names no language of the site.
fn unknown_language(config: &Config, name: &str, rel: String) -> Diagnostic {
    let codes: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
    let message = format!("`{name}` is not a plan file for a language of this site");
    Diagnostic::error("unknown-language", rel, message).with_hint(format!(
        "plan files are named `plan.<language>.md`; the languages in site.yaml are: {}",
        codes.join(", ")
    ))
}

/// What reading a follow-up file needs: the site's settings, the plan in
/// the default language (translations have the same anchors) and the
/// Markdown options.
struct FollowUpInput<'a> {
    opts: &'a LoadOptions,
    config: &'a Config,
    original: &'a Plan,
    html: &'a HtmlOptions,
    /// The original's actions, gathered once for every report of the year.
    actions: followup::PlanActions<'a>,
    /// The budget of entries read now, when the year may be read later.
    budget: Option<&'a Budget>,
}

/// A year's follow-up: read now, or only its report dates (from the file
/// names) with the rest read when the year is rendered.
enum FollowUpRead {
    Now(YearFollowUp),
    Later(Vec<Report>),
}

/// The year's follow-up: its dated reports and the current state, from
/// `follow-up/` or from an undated `follow-up.yaml` (never both).
fn read_follow_up(files: &YearFiles, input: &FollowUpInput, diags: &mut Vec<Diagnostic>) -> FollowUpRead {
    let listed = match (&files.follow_up, &files.reports) {
        (Some((_, rel)), Some(_)) => {
            let message = "the year has both `follow-up.yaml` and dated reports in `follow-up/`";
            let hint = "keep one: move what `follow-up.yaml` says into a report named by its date, e.g. `follow-up/2022-09-30.yaml`";
            diags.push(Diagnostic::error("two-follow-ups", rel.clone(), message).with_hint(hint));
            return FollowUpRead::Now(YearFollowUp::default());
        }
        (Some((path, rel)), None) => {
            let undated = ReportFile {
                date: String::new(),
                path: path.clone(),
                rel: rel.clone(),
            };
            if input
                .budget
                .is_some_and(|b| deferred::later(b, input.actions.list.len(), &[undated]))
            {
                return FollowUpRead::Later(Vec::new());
            }
            let entries = read_follow_up_file(path, rel, input, diags);
            let current = entries
                .into_iter()
                .map(|(a, f)| (a.into(), std::sync::Arc::new(f)))
                .collect();
            return FollowUpRead::Now(YearFollowUp {
                current,
                reports: Vec::new(),
            });
        }
        (None, Some(dir)) => reports::list(&input.opts.root, dir, input.original.year, diags),
        (None, None) => return FollowUpRead::Now(YearFollowUp::default()),
    };
    if input
        .budget
        .is_some_and(|b| deferred::later(b, input.actions.list.len(), &listed))
    {
        let dated = |file: ReportFile| Report {
            date: file.date,
            file: file.rel,
            state: FollowUps::new(),
        };
        return FollowUpRead::Later(listed.into_iter().map(dated).collect());
    }
    let written = listed
        .into_iter()
        .map(|file| {
            let entries = read_follow_up_file(&file.path, &file.rel, input, diags);
            (file, entries)
        })
        .collect();
    let (reports, current) = reports::merge(written, diags);
    FollowUpRead::Now(YearFollowUp { current, reports })
}

/// Read one follow-up file, checking its keys against the actions of the
/// default-language plan.
fn read_follow_up_file(
    path: &Path,
    rel: &str,
    input: &FollowUpInput,
    diags: &mut Vec<Diagnostic>,
) -> BTreeMap<String, FollowUp> {
    let src = match sources::read_text(path, rel) {
        Ok(Some(src)) => src,
        Ok(None) => return BTreeMap::new(),
        Err(d) => {
            diags.push(d);
            return BTreeMap::new();
        }
    };
    let (config, original) = (input.config, input.original);
    let html = input.html.for_plan(&config.default_language, original.year);
    followup::parse(&src, config, &input.actions, &html, diags)
}

fn read_plan(path: &Path, meta: &PlanMeta, html: &HtmlOptions) -> (Option<Plan>, Vec<Diagnostic>) {
    let html = &html.for_plan(&meta.lang, meta.year);
    let mut diags = Vec::new();
    let plan = match sources::read_text(path, &meta.file) {
        Ok(Some(src)) => Some(plan::parse(&src, meta, html, &mut diags)),
        Ok(None) => None,
        Err(d) => {
            diags.push(d);
            None
        }
    };
    (plan, diags)
}

/// Every plan file under `content/` read on its own, without the site's
/// settings (which could not be read): the problems each file has by itself.
pub(super) fn plans_alone(opts: &LoadOptions) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let content = opts.root.join("content");
    let years = fs_utils::read_dir_sorted(&content).unwrap_or_default();
    for (year, dir) in years
        .iter()
        .filter_map(|e| Some((sources::year_folder(&e.file_name().to_string_lossy())?, e.path())))
    {
        for entry in fs_utils::read_dir_sorted(&dir).unwrap_or_default() {
            let Role::Plan(lang) = sources::classify(&entry.file_name().to_string_lossy(), true) else {
                continue;
            };
            let path = entry.path();
            if fs_utils::plain_file_len(&path).is_none() {
                continue;
            }
            let file = fs_utils::display_rel(&opts.root, &path);
            diags.extend(read_plan(&path, &PlanMeta { year, lang, file }, &HtmlOptions::default()).1);
        }
    }
    diags
}

/// Published files in sub-folders of a year folder (e.g. `2022/bilder/karta.png`),
/// by the same rule as the year folder itself: hidden folders, leftovers and
/// sources are skipped.
fn collect_assets(opts: &LoadOptions, dir: &Path, assets: &mut Vec<String>, diags: &mut Vec<Diagnostic>) {
    let walk = walkdir::WalkDir::new(dir).follow_links(false).sort_by_file_name();
    // A name that cannot be on the site is reported, and nothing under it read.
    let mut unusual = Vec::new();
    let skip_leftovers = walk.into_iter().filter_entry(|e| {
        let problem = (e.depth() > 0).then(|| sources::name_problem(e.file_name())).flatten();
        if let Some(problem) = problem {
            unusual.push(sources::name_error(
                &fs_utils::display_rel(&opts.root, e.path()),
                problem,
            ));
        }
        e.depth() == 0 || (problem.is_none() && !sources::is_leftover(&e.file_name().to_string_lossy()))
    });
    for entry in skip_leftovers {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                if sources::classify(&e.file_name().to_string_lossy(), false).is_published() {
                    assets.push(fs_utils::display_rel(&opts.root, e.path()));
                }
            }
            Ok(e) if e.file_type().is_symlink() => {
                diags.push(sources::symlink_error(&fs_utils::display_rel(&opts.root, e.path())));
            }
            Ok(_) => {}
            Err(e) => diags.push(Diagnostic::error(
                "io",
                fs_utils::display_rel(&opts.root, dir),
                e.to_string(),
            )),
        }
    }
    diags.extend(unusual);
}

/// A warning for each plan of `year` that holds back the plans of the other
/// languages (a year is published when no language's plan is a draft), at
/// its `draft:` line in the site at `root`: `build` and `check` alike.
pub(super) fn partly_draft(root: &Path, year: &YearPlans) -> Vec<Diagnostic> {
    let (drafts, adopted): (Vec<_>, Vec<_>) = year.plans.values().partition(|p| p.draft);
    if drafts.is_empty() || adopted.is_empty() {
        return Vec::new();
    }
    let adopted: Vec<&str> = adopted.iter().map(|p| p.lang.as_str()).collect();
    let hint = "a year is published when no language's plan is a draft: set `draft: false` here once the translation is adopted";
    (drafts.into_iter())
        .map(|plan| {
            let message = format!(
                "the {} plan is a draft in `{}` only: `build` publishes no plan of {}, also not in {}",
                year.year,
                plan.lang,
                year.year,
                adopted.join(", ")
            );
            let src = crate::sources::read_text(&root.join(&plan.file), &plan.file)
                .ok()
                .flatten();
            let at = (src.as_ref())
                .and_then(|s| crate::diagnostics::yaml::key(s, 0..s.text.len(), &["draft"]).map(|r| (s, r)));
            let d = match at {
                Some((src, range)) => Diagnostic::at(Severity::Warning, "partly-draft", src, range, message),
                None => Diagnostic::warning("partly-draft", plan.file.as_str(), message),
            };
            d.with_hint(hint)
        })
        .collect()
}
