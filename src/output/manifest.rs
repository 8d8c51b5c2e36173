//! The record a build leaves in its output folder: it marks the folder as
//! handlingsplan's (so the next build may replace it) and lists every file
//! the build wrote (so a file someone added since is noticed, not deleted).
//! Harmless if published: it names only files that are published anyway.

use crate::fs_utils::{self, FsError};
use crate::sources;
use std::collections::HashSet;
use std::path::Path;

/// The manifest's name in the output folder.
pub const FILE: &str = ".handlingsplan-output";

/// The manifest's first line.
const HEADER: &str = "# handlingsplan build output: the next `handlingsplan build` replaces this folder whole.";

/// No real manifest comes near this (22,000 files at 1,000 plans is 0.7 MB).
const MAX_BYTES: u64 = 256 * 1024 * 1024;

/// The files an earlier build wrote: the manifest's text, looked up line by line.
#[derive(Debug)]
pub struct Manifest {
    text: String,
}

impl Manifest {
    /// Read `dir`'s manifest; `None` when the file is not a handlingsplan manifest.
    pub fn read(dir: &Path) -> Result<Option<Manifest>, FsError> {
        let path = dir.join(FILE);
        let Some(bytes) = fs_utils::read_limited(&path, MAX_BYTES)? else {
            return Ok(None);
        };
        let text = String::from_utf8_lossy(&bytes).into_owned();
        Ok(text
            .lines()
            .next()
            .is_some_and(|l| l == HEADER)
            .then_some(Manifest { text }))
    }

    /// Files in `dir` that are not in the manifest (other than the manifest
    /// itself and the files an OS leaves everywhere), sorted. This runs
    /// before every rebuild, over every file of the previous output: one
    /// `readdir` per folder, no `stat` per file, no allocation per known
    /// file, and the folders of a large output on every core.
    pub fn foreign_files(&self, dir: &Path) -> Result<Vec<String>, FsError> {
        let decoded: Vec<String> = self.text.lines().filter(|l| l.contains('%')).map(decode).collect();
        let mut known: HashSet<&str> = self.text.lines().skip(1).filter(|l| !l.contains('%')).collect();
        known.extend(decoded.iter().map(String::as_str));
        known.insert(FILE);
        let walk = Walk {
            known,
            parallel: self.text.len() > PARALLEL_FROM_BYTES,
        };
        let mut foreign = walk.folder(dir, String::new())?;
        foreign.sort();
        Ok(foreign)
    }
}

impl Manifest {
    /// Every file listed, relative to the output folder.
    fn files(&self) -> impl Iterator<Item = std::borrow::Cow<'_, str>> {
        self.text
            .lines()
            .skip(1)
            .filter(|l| !l.is_empty())
            .map(|line| match line.contains('%') {
                true => decode(line).into(),
                false => line.into(),
            })
    }

    /// Remove the previous output `dir` that this manifest describes (and
    /// [`Manifest::foreign_files`] found nothing else in): every listed file,
    /// then each folder, deepest first. Knowing every name, it never lists a
    /// folder; a folder that is not empty then (a `.DS_Store`) is removed whole.
    pub fn remove_listed(&self, dir: &Path) -> Result<(), FsError> {
        use rayon::prelude::*;
        let files: Vec<std::borrow::Cow<str>> = self.files().chain([FILE.into()]).collect();
        let mut folders: HashSet<&str> = HashSet::new();
        for file in &files {
            let mut path: &str = file;
            while let Some(i) = path.rfind('/') {
                path = &path[..i];
                if !folders.insert(path) {
                    break;
                }
            }
        }
        let remove_file = |rel: &std::borrow::Cow<str>| match std::fs::remove_file(dir.join(&**rel)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                Err(FsError::new("could not remove", &dir.join(&**rel), e))
            }
            _ => Ok(()),
        };
        let remove_folder = |rel: &&str| {
            let path = dir.join(rel);
            match std::fs::remove_dir(&path) {
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
                Err(_) => fs_utils::remove_dir_all(&path),
                Ok(()) => Ok(()),
            }
        };
        let parallel = self.text.len() > PARALLEL_FROM_BYTES;
        match parallel {
            true => files.par_iter().try_for_each(remove_file)?,
            false => files.iter().try_for_each(remove_file)?,
        }
        let mut by_depth: Vec<&str> = folders.into_iter().collect();
        by_depth.sort_unstable_by_key(|f| std::cmp::Reverse(f.matches('/').count()));
        for level in by_depth.chunk_by(|a, b| a.matches('/').count() == b.matches('/').count()) {
            match parallel {
                true => level.par_iter().try_for_each(remove_folder)?,
                false => level.iter().try_for_each(remove_folder)?,
            }
        }
        remove_folder(&"")
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
    fn a_previous_output_is_removed_by_its_manifest_small_or_large() {
        // 3 files stay on this thread; 3,000 are over the parallel threshold.
        for count in [3, 3000] {
            let tmp = tempfile::tempdir().unwrap();
            let dir = tmp.path().join("old");
            let mut written: Vec<String> = (0..count).map(|i| format!("{}/p{i}/index.html", i % 7)).collect();
            written.push("odd 100%.pdf".into());
            for path in &written {
                std::fs::create_dir_all(dir.join(path).parent().unwrap()).unwrap();
                std::fs::write(dir.join(path), "x").unwrap();
            }
            std::fs::write(dir.join("3/.DS_Store"), "x").unwrap_or_default();
            std::fs::write(dir.join(FILE), contents(&mut written)).unwrap();
            let manifest = Manifest::read(&dir).unwrap().unwrap();
            assert_eq!(manifest.foreign_files(&dir).unwrap(), Vec::<String>::new(), "{count}");
            manifest.remove_listed(&dir).unwrap();
            assert!(!dir.exists(), "{count} files");
            assert!(tmp.path().exists());
        }
    }

    #[test]
    fn a_file_of_the_same_name_that_is_not_a_manifest_is_not_ours() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join(FILE), "my own notes\n").unwrap();
        assert!(Manifest::read(tmp.path()).unwrap().is_none());
    }
}
