//! The record a build leaves in its output folder: it marks the folder as
//! handlingsplan's (so the next build may replace it) and lists every file
//! the build wrote (so a file someone added since is noticed, not deleted).
//! Harmless if published: it names only files that are published anyway.
//!
//! The record is read back as untrusted input: anyone who can put a file in
//! the output folder (a committed `docs/`, a restored CI cache) can forge it.
//! So it is parsed strictly ([`Manifest::parse`]: every line one relative
//! path of plain names, sorted as the build writes them, or the whole file
//! is not ours), and what it lists is removed relative to the held output
//! folder, name by name, never through a link ([`remove`]).

use crate::fs_utils::{self, FsError, held};
use crate::sources;
use std::collections::HashSet;
use std::path::Path;

mod remove;
pub(super) use remove::{held_in_parent, remove_folder};

/// The manifest's name in the output folder.
pub const FILE: &str = ".handlingsplan-output";

/// The manifest's first line.
const HEADER: &str = "# handlingsplan build output: the next `handlingsplan build` replaces this folder whole.";

/// No real manifest comes near this (22,000 files at 1,000 plans is 0.7 MB).
const MAX_BYTES: u64 = 256 * 1024 * 1024;

/// The files an earlier build wrote: the manifest's text, every line checked.
#[derive(Debug)]
pub struct Manifest {
    text: String,
}

/// Why a file named like a manifest is not one a build wrote: the first
/// line that could not have come from one (1-based), and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotOurs {
    pub line: usize,
    pub why: String,
}

impl std::fmt::Display for NotOurs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.why)
    }
}

impl Manifest {
    /// Read `dir`'s manifest: `Err(NotOurs)` when the file is not exactly
    /// what a build writes (too large, another header, one bad line).
    pub fn read(dir: &Path) -> Result<Result<Manifest, NotOurs>, FsError> {
        let path = dir.join(FILE);
        let Some(bytes) = fs_utils::read_limited(&path, MAX_BYTES)? else {
            let why = format!("larger than {} MiB", MAX_BYTES >> 20);
            return Ok(Err(NotOurs { line: 1, why }));
        };
        Ok(Manifest::parse(bytes))
    }

    /// A manifest from its bytes, if every line is one a build writes: the
    /// header, then one path per line, each ending in a line feed, relative,
    /// made of plain names (no empty, `.` or `..` part, no NUL, no
    /// backslash), percent-encoded as [`contents`] does, in ascending order.
    pub fn parse(bytes: Vec<u8>) -> Result<Manifest, NotOurs> {
        let text = String::from_utf8(bytes).map_err(|e| {
            let line = 1 + e.as_bytes()[..e.utf8_error().valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            NotOurs {
                line,
                why: "not UTF-8".into(),
            }
        })?;
        let bad = |line: usize, why: &str| NotOurs { line, why: why.into() };
        if text.split('\n').next() != Some(HEADER) {
            return Err(bad(1, "not the header a build writes"));
        }
        let Some(body) = text.strip_suffix('\n') else {
            let line = text.matches('\n').count() + 1;
            return Err(bad(line, "the last line does not end in a line feed"));
        };
        let mut lines = body.split('\n');
        lines.next();
        let mut previous: Option<String> = None;
        for (i, line) in lines.enumerate() {
            let path = decode_strict(line).ok_or_else(|| bad(i + 2, "a stray `%` or line break"))?;
            if let Some(why) = path_problem(&path) {
                return Err(bad(i + 2, why));
            }
            if previous.as_ref().is_some_and(|p| *p >= path) {
                return Err(bad(i + 2, "out of order or listed twice"));
            }
            previous = Some(path);
        }
        Ok(Manifest { text })
    }

    /// Every file listed, relative to the output folder (checked: plain names).
    fn files(&self) -> impl Iterator<Item = std::borrow::Cow<'_, str>> {
        self.text
            .split('\n')
            .skip(1)
            .filter(|l| !l.is_empty())
            .map(|line| match line.contains('%') {
                true => decode_strict(line).unwrap_or_default().into(),
                false => line.into(),
            })
    }

    /// Files in `dir` that are not in the manifest (other than the manifest
    /// itself and the files an OS leaves everywhere), sorted. This runs
    /// before every rebuild, over every file of the previous output: one
    /// `readdir` per folder, no `stat` per file, no allocation per known
    /// file, and the folders of a large output on every core. A link is a
    /// file here, never followed.
    pub fn foreign_files(&self, dir: &Path) -> Result<Vec<String>, FsError> {
        let files: Vec<std::borrow::Cow<str>> = self.files().collect();
        let mut known: HashSet<&str> = files.iter().map(|f| &**f).collect();
        known.insert(FILE);
        let walk = Walk {
            known,
            parallel: self.text.len() > PARALLEL_FROM_BYTES,
        };
        let mut foreign = walk.folder(dir, String::new())?;
        foreign.sort();
        Ok(foreign)
    }

    /// Remove the previous output `dir` that this manifest describes (and
    /// [`Manifest::foreign_files`] found nothing else in): every listed file,
    /// then each folder that held one, deepest first, then the manifest, then
    /// `dir` itself; all relative to `dir` held open, never through a link.
    /// A folder that is not empty then keeps what nobody listed (but the
    /// files an OS leaves everywhere), and the error says so.
    pub fn remove_listed(&self, dir: &Path) -> Result<(), FsError> {
        remove::listed(self, dir)
    }
}

/// What is wrong with `path` as a line of a manifest, if anything.
fn path_problem(path: &str) -> Option<&'static str> {
    if path.is_empty() {
        return Some("an empty line");
    }
    if path.starts_with('/') || path.as_bytes().get(1) == Some(&b':') {
        return Some("an absolute path");
    }
    if path == FILE {
        return Some("it names the record itself");
    }
    match path.split('/').all(held::is_plain_name) {
        true => None,
        false => Some("a path that is not plain names joined by `/` (`..`, `.`, an empty part, a NUL or a backslash)"),
    }
}

/// A manifest longer than this (about 2,000 files) is checked on every
/// core; a small site's on this thread, where starting threads costs more.
const PARALLEL_FROM_BYTES: usize = 64 * 1024;

struct Walk<'a> {
    known: HashSet<&'a str>,
    parallel: bool,
}

impl Walk<'_> {
    /// The files under `dir` (whose path relative to the output is `rel`)
    /// that are not known.
    fn folder(&self, dir: &Path, mut rel: String) -> Result<Vec<String>, FsError> {
        use rayon::prelude::*;
        let entries = std::fs::read_dir(dir).map_err(|e| FsError::new("could not list folder", dir, e))?;
        let mut foreign = Vec::new();
        let mut folders = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|e| FsError::new("could not list folder", dir, e))?;
            let kind = entry
                .file_type()
                .map_err(|e| FsError::new("could not inspect", &entry.path(), e))?;
            let name = entry.file_name();
            let name = name.to_string_lossy();
            let len = rel.len();
            rel.push_str(&name);
            if kind.is_dir() {
                folders.push((entry.path(), format!("{rel}/")));
            } else if !self.known.contains(rel.as_str()) && !sources::is_os_file(&name) {
                foreign.push(rel.clone());
            }
            rel.truncate(len);
        }
        let below = |(path, rel): (std::path::PathBuf, String)| self.folder(&path, rel);
        let nested: Vec<Vec<String>> = match self.parallel {
            true => folders.into_par_iter().map(below).collect::<Result<_, _>>()?,
            false => folders.into_iter().map(below).collect::<Result<_, _>>()?,
        };
        foreign.extend(nested.into_iter().flatten());
        Ok(foreign)
    }
}

/// The manifest for `written` (paths relative to the output folder, with
/// `/` separators), in a stable order.
pub fn contents(written: &mut Vec<String>) -> Vec<u8> {
    written.sort_unstable();
    written.dedup();
    let mut out = Vec::with_capacity(HEADER.len() + written.len() * 32);
    out.extend_from_slice(HEADER.as_bytes());
    out.push(b'\n');
    for path in written.iter() {
        out.extend_from_slice(encode(path).as_bytes());
        out.push(b'\n');
    }
    out
}

/// The manifest a build writes first, before any page: it marks a staging
/// folder as ours even if the build is killed before it finishes.
pub fn started() -> Vec<u8> {
    contents(&mut Vec::new())
}

/// A path on one line: `%`, line feeds and carriage returns percent-encoded.
fn encode(path: &str) -> std::borrow::Cow<'_, str> {
    if !path.contains(['%', '\n', '\r']) {
        return path.into();
    }
    path.replace('%', "%25")
        .replace('\n', "%0A")
        .replace('\r', "%0D")
        .into()
}

/// The path a line encodes, if it is one [`encode`] could have written: no
/// raw line break, and every `%` starts `%25`, `%0A` or `%0D`.
fn decode_strict(line: &str) -> Option<String> {
    if line.contains('\r') {
        return None;
    }
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = rest.find('%') {
        out.push_str(&rest[..at]);
        let (escape, after) = rest[at..].split_at_checked(3)?;
        out.push(match escape {
            "%25" => '%',
            "%0A" => '\n',
            "%0D" => '\r',
            _ => return None,
        });
        rest = after;
    }
    out.push_str(rest);
    Some(out)
}

#[cfg(test)]
mod tests;
