//! The record a build leaves in its output folder: it marks the folder as
//! handlingsplan's (so the next build may replace it) and lists every file
//! the build wrote (so a file someone added since is noticed, not deleted).
//! Harmless if published: it names only files that are published anyway.

use crate::content::files;
use crate::fsx::{self, FsError};
use std::collections::HashSet;
use std::path::Path;

/// The manifest's name in the output folder.
pub const FILE: &str = ".handlingsplan-output";

/// The manifest's first line.
const HEADER: &str = "# handlingsplan build output: the next `handlingsplan build` replaces this folder whole.";

/// No real manifest comes near this (22,000 files at 1,000 plans is 0.7 MB).
const MAX_BYTES: u64 = 256 * 1024 * 1024;

/// The files an earlier build wrote.
#[derive(Debug)]
pub struct Manifest {
    files: HashSet<String>,
}

impl Manifest {
    /// Read `dir`'s manifest; `None` when the file is not a handlingsplan manifest.
    pub fn read(dir: &Path) -> Result<Option<Manifest>, FsError> {
        let path = dir.join(FILE);
        let Some(bytes) = fsx::read_limited(&path, MAX_BYTES)? else {
            return Ok(None);
        };
        let text = String::from_utf8_lossy(&bytes);
        let mut lines = text.lines();
        if lines.next() != Some(HEADER) {
            return Ok(None);
        }
        let files = lines.filter(|l| !l.is_empty()).map(decode).collect();
        Ok(Some(Manifest { files }))
    }

    /// Files in `dir` that are not in the manifest (other than the manifest
    /// itself and the files an OS leaves everywhere), sorted.
    pub fn foreign_files(&self, dir: &Path) -> Result<Vec<String>, FsError> {
        let mut foreign = Vec::new();
        for entry in walkdir::WalkDir::new(dir).follow_links(false).min_depth(1) {
            let entry = entry.map_err(|e| FsError::walk(dir, e))?;
            if entry.file_type().is_dir() || files::is_os_file(&entry.file_name().to_string_lossy()) {
                continue;
            }
            let rel = fsx::display_rel(dir, entry.path());
            if rel != FILE && !self.files.contains(&rel) {
                foreign.push(rel);
            }
        }
        foreign.sort();
        Ok(foreign)
    }
}

/// The manifest for `written` (paths relative to the output folder, with
/// `/` separators), in a stable order.
pub fn contents(written: &mut [String]) -> Vec<u8> {
    written.sort_unstable();
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
    contents(&mut [])
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

fn decode(line: &str) -> String {
    line.replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_survive_the_round_trip_and_foreign_files_are_found() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        let mut written = vec![
            "b/index.html".to_string(),
            "a 100%\nodd.pdf".to_string(),
            "index.html".to_string(),
        ];
        for path in &written {
            std::fs::create_dir_all(dir.join(path).parent().unwrap()).unwrap();
            std::fs::write(dir.join(path), "x").unwrap();
        }
        std::fs::write(dir.join(FILE), contents(&mut written)).unwrap();
        let manifest = Manifest::read(dir).unwrap().expect("ours");
        assert_eq!(manifest.foreign_files(dir).unwrap(), Vec::<String>::new());
        std::fs::write(dir.join("CNAME"), "x").unwrap();
        std::fs::write(dir.join("b/.DS_Store"), "x").unwrap();
        std::fs::create_dir(dir.join("empty")).unwrap();
        assert_eq!(manifest.foreign_files(dir).unwrap(), ["CNAME"]);
    }

    #[test]
    fn a_file_of_the_same_name_that_is_not_a_manifest_is_not_ours() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join(FILE), "my own notes\n").unwrap();
        assert!(Manifest::read(tmp.path()).unwrap().is_none());
    }
}
