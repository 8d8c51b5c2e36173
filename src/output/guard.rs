//! Which folders a build may replace: one that is absent, empty, or the
//! build's own earlier output — never the site's sources, never a folder of
//! someone's own files. Decided on the resolved path (symlinks, `.`, `..`,
//! another spelling of the same folder) before anything is written or removed.

use super::manifest::{self, Manifest};
use crate::fs_utils::{self, FsError};
use crate::sources;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

/// Why an output folder may not be used, or could not be inspected.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("refusing to write the site into `{}`: {reason}\n  help: {hint}", path.display())]
    Refused {
        /// The resolved path.
        path: PathBuf,
        reason: String,
        hint: String,
    },
    #[error(transparent)]
    Io(#[from] FsError),
}

/// What the output folder holds now, when it may be replaced.
#[derive(Debug)]
pub enum State {
    Absent,
    /// Exists with nothing in it (or only the files an OS leaves everywhere).
    Empty,
    /// An earlier build's output: its manifest lists every file in it.
    Ours(Arc<Manifest>),
}

/// An output folder that passed every rule.
#[derive(Debug)]
pub struct Checked {
    /// Absolute, with `.`, `..` and symlinks resolved.
    pub path: PathBuf,
    pub state: State,
}

const NOT_A_RECORD: &str = "someone may have changed the record to make a build delete other files: look at what is in the folder, then delete it yourself or choose a new folder";

const CHOOSE_ANOTHER: &str = "choose a new or empty folder (the default is `public/` in the site root), or delete this one yourself if nothing in it is needed";

/// Check that `output` may be replaced wholesale by a build of the site at
/// `root`: [`screen`], then [`inspect`].
pub fn check(root: &Path, output: &Path) -> Result<Checked, OutputError> {
    let path = screen(root, output)?;
    let state = inspect(&path)?;
    Ok(Checked { path, state })
}

/// The resolved output path, unless it is the file-system root, the site
/// root or a folder above it, or `content/` or `themes/` or inside them.
/// Looks at paths only: its verdict cannot change while a build runs.
pub fn screen(root: &Path, output: &Path) -> Result<PathBuf, OutputError> {
    let path = resolve(output)?;
    if path.parent().is_none() {
        return Err(refused(&path, "it is the file-system root".into(), CHOOSE_ANOTHER));
    }
    if let Some(reason) = overlaps_sources(root, &path)? {
        let hint = "write the site into a folder of its own, such as `public/` in the site root";
        return Err(refused(&path, reason, hint));
    }
    Ok(path)
}

/// What is at the (resolved, screened) output path: absent, empty or an
/// earlier build's output, or else why it may not be replaced. A build into
/// the same folder changes it: look while holding the folder's turn.
pub fn inspect(path: &Path) -> Result<State, OutputError> {
    let state = first_look(path)?;
    if let State::Ours(manifest) = &state {
        confirm(path, manifest)?;
    }
    Ok(state)
}

/// [`inspect`] without going through an earlier output file by file: what
/// its top level and its manifest say. A build still [`confirm`]s it (while
/// it renders) before it removes anything.
pub fn first_look(path: &Path) -> Result<State, OutputError> {
    match look(path)? {
        Inspection::State(state) => Ok(state),
        Inspection::Refused(reason, hint) => Err(refused(path, reason, hint)),
    }
}

/// Every file in the earlier output at `path` is one its build wrote.
pub fn confirm(path: &Path, manifest: &Manifest) -> Result<(), OutputError> {
    let foreign = manifest.foreign_files(path)?;
    if foreign.is_empty() {
        return Ok(());
    }
    let reason = format!(
        "it is an earlier build's output, but holds files that build did not write ({})",
        sample(&foreign)
    );
    let hint = "a build replaces the whole folder: to publish a file such as CNAME with the site, move it to `static/` beside `content/` (files there are published at the site root); move the others elsewhere, or delete them yourself";
    Err(refused(path, reason, hint))
}

fn refused(path: &Path, reason: String, hint: &str) -> OutputError {
    OutputError::Refused {
        path: path.to_path_buf(),
        reason,
        hint: hint.to_string(),
    }
}

/// Is the output (once resolved) the site root, a folder above it, or
/// `content/` or `themes/` or anything inside them? Folders are compared by
/// identity as well as by path, so another spelling of the same folder (a
/// different case on a case-insensitive file system, a bind mount) is caught.
fn overlaps_sources(root: &Path, out: &Path) -> Result<Option<String>, OutputError> {
    let root = fs_utils::canonicalize(root)?;
    let out_id = fs_utils::identity(out);
    let same = |a: &Path, b: &Path, b_id: &Option<fs_utils::Identity>| {
        a == b || (b_id.is_some() && fs_utils::identity(a) == *b_id)
    };
    if let Some(above) = root.ancestors().find(|a| same(a, out, &out_id)) {
        return Ok(Some(match above == root {
            true => "it is the site root, which holds the sources".into(),
            false => format!("it contains the site root `{}`", root.display()),
        }));
    }
    for name in ["content", "themes"] {
        let sources = root.join(name);
        if !fs_utils::exists(&sources) {
            // Not there yet, but a later `theme export` or editor makes it there.
            if out.starts_with(&sources) {
                return Ok(Some(match out == sources {
                    true => format!("it is the site's `{name}/` folder (which does not exist yet)"),
                    false => format!("it is inside the site's `{name}/` folder (which does not exist yet)"),
                }));
            }
            continue;
        }
        let sources_id = fs_utils::identity(&sources);
        if let Some(inside) = out
            .ancestors()
            .filter(|a| fs_utils::exists(a))
            .find(|a| same(a, &sources, &sources_id))
        {
            return Ok(Some(match inside == out {
                true => format!("it is the site's `{name}/` folder"),
                false => format!("it is inside the site's `{name}/` folder"),
            }));
        }
    }
    Ok(None)
}

enum Inspection {
    State(State),
    Refused(String, &'static str),
}

fn look(out: &Path) -> Result<Inspection, OutputError> {
    let refused = |reason: String, hint| Ok(Inspection::Refused(reason, hint));
    let meta = match std::fs::symlink_metadata(out) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Inspection::State(State::Absent)),
        other => other.map_err(|source| FsError::new("could not inspect", out, source))?,
    };
    if meta.file_type().is_symlink() {
        return refused("it is a symbolic link that leads nowhere".into(), CHOOSE_ANOTHER);
    }
    if !meta.is_dir() {
        return refused("it is a file, not a folder".into(), CHOOSE_ANOTHER);
    }
    let names: Vec<String> = fs_utils::read_dir_sorted(out)?
        .iter()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| !sources::is_os_file(name))
        .collect();
    if names.is_empty() {
        return Ok(Inspection::State(State::Empty));
    }
    if !names.iter().any(|n| n == manifest::FILE) {
        return refused(
            format!(
                "it holds files that handlingsplan did not write ({}) and no record of an earlier build",
                sample(&names)
            ),
            CHOOSE_ANOTHER,
        );
    }
    match Manifest::read(out)? {
        Ok(manifest) => Ok(Inspection::State(State::Ours(Arc::new(manifest)))),
        Err(not_ours) => refused(
            format!(
                "`{}` in it is not a record a build wrote ({not_ours}), so nothing it names is touched",
                manifest::FILE
            ),
            NOT_A_RECORD,
        ),
    }
}

/// `a`, `b`, `c` and 4 more.
fn sample(names: &[String]) -> String {
    let shown: Vec<String> = names.iter().take(3).map(|n| format!("`{n}`")).collect();
    match names.len() {
        n if n > 3 => format!("{} and {} more", shown.join(", "), n - 3),
        _ => shown.join(", "),
    }
}

/// `output` made absolute with `.` and `..` resolved and symlinks followed
/// for the part of it that exists, as the file system will see it: `a/..`
/// leads to where `a`'s target's parent is, not to `.`.
pub fn resolve(output: &Path) -> Result<PathBuf, FsError> {
    let abs = std::path::absolute(output).map_err(|source| FsError::new("could not resolve", output, source))?;
    let mut out = PathBuf::new();
    for component in abs.components() {
        match component {
            Component::ParentDir => {
                out = resolve_existing(&out)?;
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    resolve_existing(&out)
}

/// Canonicalise the longest existing ancestor of `path` and append the rest.
fn resolve_existing(path: &Path) -> Result<PathBuf, FsError> {
    let Some(existing) = path
        .ancestors()
        .find(|a| fs_utils::exists(a) && !a.as_os_str().is_empty())
    else {
        return Ok(path.to_path_buf());
    };
    let rest = path.strip_prefix(existing).unwrap_or(Path::new(""));
    let mut out = fs_utils::canonicalize(existing)?;
    if !rest.as_os_str().is_empty() {
        out.push(rest);
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
