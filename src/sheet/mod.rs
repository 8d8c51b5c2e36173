//! The follow-up as a spreadsheet, the way action owners report:
//! `follow-up sheet` writes a workbook to fill in, `follow-up import` reads
//! one back (xlsx, ods or csv) into a dated report in the project's format.
//! Headers, status words and the sheet's name are the site's default
//! language's, so a sheet is read by its headers, in any order.

mod columns;
mod import;
mod read;
mod write;

pub use columns::{Column, Labels};
pub use read::{Cell, Table, column_letters, serial_date};

use crate::content::LoadOptions;
use crate::diagnostics::Diagnostic;
use crate::fs_utils::{self, FsError};
use crate::model::{Plan, Site, YearPlans};
use std::path::{Path, PathBuf};

/// `follow-up sheet YEAR [-o FILE]`.
pub struct SheetOptions {
    pub root: PathBuf,
    pub year: u16,
    /// Where to write it (default `follow-up-<year>.xlsx` in the current folder).
    pub output: Option<PathBuf>,
    /// Replace a file that is there.
    pub force: bool,
}

/// `follow-up import FILE [--date D] [--year Y] [--force]`.
pub struct ImportOptions {
    pub root: PathBuf,
    pub file: PathBuf,
    pub date: Option<String>,
    pub year: Option<u16>,
    pub force: bool,
}

/// What an import did.
#[derive(Debug)]
pub enum Imported {
    /// The report written (relative to the site root) and the actions in it.
    Written { file: String, actions: Vec<String> },
    /// Every row says what the last report said: nothing was written.
    Unchanged { since: Option<String> },
}

#[derive(Debug, thiserror::Error)]
pub enum SheetError {
    #[error("the site has problems; fix them first (run `handlingsplan check`)")]
    Content(Vec<Diagnostic>),
    #[error("the sheet has {} problem{}; nothing was written", .0.len(), if .0.len() == 1 { "" } else { "s" })]
    Sheet(Vec<Diagnostic>),
    #[error("{0}")]
    Refused(String),
    #[error("could not make the workbook: {0}")]
    Xlsx(String),
    #[error(transparent)]
    Fs(#[from] FsError),
}

/// The site, with drafts, and the labels of its default language.
fn open(root: &Path) -> Result<(Site, Labels), SheetError> {
    let inspection = crate::pipeline::inspect(&LoadOptions {
        drafts: true,
        ..LoadOptions::new(root)
    });
    let errors: Vec<Diagnostic> = inspection
        .diagnostics
        .into_iter()
        .filter(Diagnostic::is_error)
        .collect();
    match (inspection.site, inspection.theme) {
        (Some(site), Some(theme)) if errors.is_empty() => {
            let strings = theme
                .strings
                .get(&site.config.default_language)
                .cloned()
                .unwrap_or_default();
            Ok((site, Labels::new(&strings)))
        }
        _ => Err(SheetError::Content(errors)),
    }
}

fn year_plan(site: &Site, year: u16) -> Result<(&YearPlans, &Plan), SheetError> {
    let plans = site.years.iter().find(|y| y.year == year);
    let plan = plans.and_then(|y| y.plans.get(&site.config.default_language));
    match (plans, plan) {
        (Some(y), Some(p)) => Ok((y, p)),
        _ => Err(SheetError::Refused(format!(
            "there is no {year} plan in `{}` (content/{year}/plan.{}.md)",
            site.config.default_language, site.config.default_language
        ))),
    }
}

/// Write the sheet for `opts.year`; the path written.
pub fn sheet(opts: &SheetOptions) -> Result<PathBuf, SheetError> {
    let (site, labels) = open(&opts.root)?;
    let (year, plan) = year_plan(&site, opts.year)?;
    let lang = plan.lang.as_str();
    let mut rows = Vec::new();
    for area in &plan.areas {
        for action in &area.actions {
            let f = year.follow_up.get(action.anchor.as_str());
            rows.push(write::SheetRow {
                area: &area.title,
                id: &action.anchor,
                action: &action.text,
                lead: f.and_then(|f| f.lead.as_ref()).map_or("", |n| n.get(lang)),
                partners: f
                    .map(|f| f.partners.iter().map(|n| n.get(lang)).collect::<Vec<_>>().join(", "))
                    .unwrap_or_default(),
                due: f.and_then(|f| f.due.as_deref()),
                status: f.map(|f| labels.status(f.status)),
                progress: f.and_then(|f| f.progress),
                note: f
                    .and_then(|f| f.note_html.get(lang))
                    .map_or_else(String::new, |h| crate::render::plain_text(h)),
            });
        }
    }
    let made = year
        .reports
        .last()
        .map_or_else(|| format!("{}-01-01", opts.year), |r| r.date.clone());
    let sheet = write::Sheet {
        year: opts.year,
        rows: &rows,
        labels: &labels,
        made: &made,
    };
    let bytes = write::workbook(&sheet).map_err(|e| SheetError::Xlsx(e.to_string()))?;
    let path = opts
        .output
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("follow-up-{}.xlsx", opts.year)));
    if opts.force {
        fs_utils::write(&path, &bytes)?;
    } else if fs_utils::exists(&path) {
        return Err(SheetError::Refused(format!(
            "`{}` exists; give another `-o FILE`, or `--force` to replace it",
            path.display()
        )));
    } else {
        fs_utils::write_new(&path, &bytes)?;
    }
    Ok(path)
}

/// Read a filled-in sheet into `content/<year>/follow-up/<date>.yaml`.
pub fn import(opts: &ImportOptions) -> Result<Imported, SheetError> {
    let (site, labels) = open(&opts.root)?;
    let file = opts.file.display().to_string();
    let table = read::read(&opts.file, &labels.sheet).map_err(|why| {
        SheetError::Sheet(vec![Diagnostic::error(
            "unreadable-sheet",
            &file,
            format!("`{file}` cannot be imported: {why}"),
        )])
    })?;
    let year = match opts.year {
        Some(year) => year,
        None => sheet_year(&table, &labels, &site, opts.date.as_deref()).ok_or_else(|| {
            SheetError::Refused(format!(
                "the sheet does not say which year's plan it is for: give `--year`, or fill in `{}`",
                labels.year
            ))
        })?,
    };
    let (plans, plan) = year_plan(&site, year)?;
    if fs_utils::exists(&opts.root.join(format!("content/{year}/{}", crate::sources::FOLLOW_UP))) {
        return Err(SheetError::Refused(format!(
            "the {year} follow-up is one file, `content/{year}/follow-up.yaml`: dated reports go in `content/{year}/follow-up/`; move it to `content/{year}/follow-up/<its date>.yaml` first"
        )));
    }
    // With `--force` a report of the same date is replaced: read against the one before it.
    let date_wanted = opts.date.clone();
    let before: Vec<&crate::model::Report> = (plans.reports.iter())
        .filter(|r| !(opts.force && date_wanted.as_deref().is_some_and(|d| d == r.date)))
        .collect();
    let empty = Default::default();
    let cx = import::Context {
        file: &file,
        plan,
        state: before.last().map_or(&empty, |r| &r.state),
        last: before.last().map(|r| r.date.as_str()),
        words: &site.config.status_words,
        labels: &labels,
        date: opts.date.as_deref(),
    };
    let report = import::report(&table, &cx).map_err(SheetError::Sheet)?;
    if report.actions.is_empty() {
        return Ok(Imported::Unchanged {
            since: cx.last.map(str::to_string),
        });
    }
    let rel = format!("content/{year}/follow-up/{}.yaml", report.date);
    write_report(&opts.root, &rel, report.yaml.as_bytes(), opts.force)?;
    Ok(Imported::Written {
        file: rel,
        actions: report.actions,
    })
}

/// Write the report at `rel`: a new file, or with `force` in place of a
/// report that is a plain file. Nothing is written through a link: neither
/// a report nor its `follow-up/` folder may be one.
fn write_report(root: &Path, rel: &str, bytes: &[u8], force: bool) -> Result<(), SheetError> {
    let path = root.join(rel);
    let dir = path.parent().unwrap_or(root);
    let plain = |p: &Path, dir: bool| {
        std::fs::symlink_metadata(p).is_ok_and(|m| {
            if dir {
                m.file_type().is_dir()
            } else {
                m.file_type().is_file()
            }
        })
    };
    if std::fs::symlink_metadata(dir).is_ok() && !plain(dir, true) {
        return Err(SheetError::Refused(format!(
            "`{}` is not a plain folder; nothing was written",
            dir.display()
        )));
    }
    fs_utils::create_dir_all(dir)?;
    match fs_utils::write_new(&path, bytes) {
        Err(e) if e.source.kind() == std::io::ErrorKind::AlreadyExists => {}
        other => return Ok(other?),
    }
    if !force {
        return Err(SheetError::Refused(format!(
            "`{rel}` exists; give `--force` to replace it"
        )));
    }
    if !plain(&path, false) {
        return Err(SheetError::Refused(format!(
            "`{rel}` is not a plain file; nothing was written"
        )));
    }
    Ok(fs_utils::replace(&path, bytes, 0)?)
}

/// The year the sheet names, or the latest plan's year not after the date's.
fn sheet_year(table: &Table, labels: &Labels, site: &Site, date: Option<&str>) -> Option<u16> {
    if let Some((_, _, cell)) = import::labelled(table, &labels.year) {
        return cell.text().parse().ok();
    }
    let date = date
        .map(str::to_string)
        .or_else(|| import::labelled(table, &labels.date).map(|(_, _, c)| c.text()))?;
    let year: u16 = date.get(..4)?.parse().ok()?;
    site.years.iter().map(|y| y.year).filter(|y| *y <= year).max()
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_report_is_written_new_or_over_a_plain_file_and_never_through_a_link() {
        let root = std::env::temp_dir().join(format!("hp-write-report-{}", std::process::id()));
        let outside = root.join("outside");
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::write(outside.join("victim.yaml"), "untouched").unwrap();
        let rel = "content/2022/follow-up/2022-12-31.yaml";
        write_report(&root, rel, b"one", false).unwrap();
        assert!(matches!(
            write_report(&root, rel, b"two", false),
            Err(SheetError::Refused(_))
        ));
        write_report(&root, rel, b"two", true).unwrap();
        assert_eq!(std::fs::read(root.join(rel)).unwrap(), b"two");
        // A report that is a link is refused, with or without --force.
        std::fs::remove_file(root.join(rel)).unwrap();
        std::os::unix::fs::symlink(outside.join("victim.yaml"), root.join(rel)).unwrap();
        assert!(matches!(
            write_report(&root, rel, b"evil", true),
            Err(SheetError::Refused(_))
        ));
        // So is a follow-up folder that is a link.
        let linked = "content/2023/follow-up/2023-03-31.yaml";
        std::fs::create_dir_all(root.join("content/2023")).unwrap();
        std::os::unix::fs::symlink(&outside, root.join("content/2023/follow-up")).unwrap();
        assert!(matches!(
            write_report(&root, linked, b"evil", false),
            Err(SheetError::Refused(_))
        ));
        assert_eq!(
            std::fs::read_to_string(outside.join("victim.yaml")).unwrap(),
            "untouched"
        );
        assert!(!outside.join("2023-03-31.yaml").exists());
        std::fs::remove_dir_all(&root).unwrap();
    }
}
