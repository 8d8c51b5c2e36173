//! Writing a rendered site to disk without ever losing anything.
//!
//! A build writes into a fresh staging folder beside the output folder and
//! swaps it in only when every file was written, so a failed build leaves
//! the previous output exactly as it was. It replaces only a folder that is
//! absent, empty or its own earlier output ([`guard`]), which it marks with
//! a [`manifest`]. `serve` updates its own folder in place, file by file,
//! each file written beside its target and renamed over it.

mod guard;
pub mod manifest;
pub mod stop;
mod swap;

pub use guard::{Checked, OutputError, State, check, resolve};
pub use swap::{Claim, Written, claim, write_atomically};

use crate::cards;
use crate::fs_utils::{self, FsError, Linked};
use crate::render::Sink;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

/// A [`Sink`] writing into a folder. A fresh build creates each sub-folder
/// before its first file (its staging folder starts empty); `serve` creates
/// one when a write finds it missing.
pub struct DirSink {
    /// The site root, where copied files come from.
    root: PathBuf,
    dir: PathBuf,
    /// `serve`: update files in place, rewriting only those that changed,
    /// each atomically (so a browser never receives half a page).
    incremental: bool,
    /// Every path written (or found unchanged), and the folders written into.
    written: Mutex<Record>,
    /// Numbers the temporary files of atomic writes.
    temp: AtomicU64,
    /// Stops the writing at the next file once a stop is asked for.
    cancel: stop::Cancel,
}

impl DirSink {
    pub fn new(root: &Path, dir: &Path) -> Self {
        DirSink {
            root: root.to_path_buf(),
            dir: dir.to_path_buf(),
            incremental: false,
            written: Mutex::new(Record::default()),
            temp: AtomicU64::new(0),
            cancel: stop::Cancel::default(),
        }
    }

    /// This sink, failing its next write once `cancel` asks it to stop.
    pub fn cancelled_by(self, cancel: &stop::Cancel) -> Self {
        DirSink {
            cancel: cancel.clone(),
            ..self
        }
    }

    /// A sink that updates an existing folder in place, rewriting only the
    /// files whose content changed (so watchers and caches see no churn).
    pub fn incremental(root: &Path, dir: &Path) -> Self {
        DirSink {
            incremental: true,
            ..DirSink::new(root, dir)
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Record> {
        self.written.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Note that `path` is written; is it the first file in its folder?
    fn record(&self, path: &str) -> bool {
        let mut record = self.lock();
        record.paths.push(path.to_string());
        let folder = path.rsplit_once('/').map_or("", |(folder, _)| folder);
        !folder.is_empty() && !record.folders.contains(folder) && record.folders.insert(folder.to_string())
    }

    /// Call `f` with the paths written so far, to look up.
    pub fn with_written<T>(&self, f: impl FnOnce(&HashSet<&str>) -> T) -> T {
        f(&self.lock().paths.iter().map(String::as_str).collect())
    }

    /// The bytes of the file written at `path`, if it can be read.
    pub fn read(&self, path: &str) -> Option<Vec<u8>> {
        fs_utils::read(&self.dir.join(path)).ok()
    }

    /// The paths written so far.
    pub fn take_written(&self) -> Vec<String> {
        let mut record = self.lock();
        record.folders.clear();
        std::mem::take(&mut record.paths)
    }

    /// Delete files under the folders `prefixes` (relative, `""` for all)
    /// that were not written through this (incremental) sink: pages of
    /// removed areas, years or languages. Returns how many were deleted.
    pub fn prune(&self, prefixes: &[String]) -> Result<usize, FsError> {
        if !self.incremental {
            return Ok(0);
        }
        let written: HashSet<String> = self.take_written().into_iter().collect();
        let mut deleted = 0;
        for prefix in prefixes {
            let base = self.dir.join(prefix);
            if !fs_utils::exists(&base) {
                continue;
            }
            for entry in walkdir::WalkDir::new(&base).into_iter().filter_map(Result::ok) {
                let rel = fs_utils::display_rel(&self.dir, entry.path());
                if entry.file_type().is_file() && !written.contains(&rel) {
                    fs_utils::remove_file(entry.path())?;
                    deleted += 1;
                }
            }
        }
        Ok(deleted)
    }

    /// Run `op` on the target file of `path`, creating its folder first if
    /// this build has not written into it yet (`serve`: if it is missing).
    fn with_folder<T>(&self, path: &str, op: impl Fn(&Path) -> Result<T, FsError>) -> Result<T, FsError> {
        let first_in_folder = self.record(path);
        let target = self.dir.join(path);
        if self.cancel.requested().is_some() {
            return Err(stop::error(&target));
        }
        if first_in_folder
            && !self.incremental
            && let Some(parent) = target.parent()
        {
            // One `mkdir`, where trying the file first would fail once for
            // nearly every page (each has a folder of its own).
            fs_utils::ensure_dir(parent)?;
        }
        match op(&target) {
            Err(e) if e.is_not_found() => {
                if let Some(parent) = target.parent() {
                    fs_utils::create_dir_all(parent)?;
                }
                op(&target)
            }
            other => other,
        }
    }

    /// Replace `target` with `bytes` in one step ([`fs_utils::replace`]).
    fn replace(&self, target: &Path, bytes: &[u8]) -> Result<(), FsError> {
        fs_utils::replace(target, bytes, self.temp.fetch_add(1, Ordering::Relaxed))
    }
}

impl Sink for DirSink {
    fn file(&self, path: &str, bytes: &[u8]) -> Result<(), FsError> {
        self.with_folder(path, |target| {
            if !self.incremental {
                // Never over a file: the staging folder starts empty, so one
                // there is another producer's (or a link into the card cache).
                return fs_utils::write_new(target, bytes);
            }
            if fs_utils::read(target).is_ok_and(|old| old == bytes) {
                return Ok(());
            }
            self.replace(target, bytes)
        })
    }

    fn write_with(
        &self,
        path: &str,
        write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<(), FsError> {
        if self.incremental {
            let mut bytes = Vec::new();
            write(&mut bytes).expect("writing to memory cannot fail");
            return self.file(path, &bytes);
        }
        let write = std::cell::RefCell::new(write);
        self.with_folder(path, |target| {
            fs_utils::write_new_with(target, &mut *write.borrow_mut())
        })
    }

    fn copy(&self, source: &str, path: &str) -> Result<(), FsError> {
        let from = self.root.join(source);
        if self.incremental {
            let bytes = fs_utils::read(&from)?;
            return self.file(path, &bytes);
        }
        // Never over a file the build made: an attachment of its name is
        // refused before rendering (`render::layout::clashes`); this is the
        // last line of defence.
        self.with_folder(path, |target| fs_utils::copy_new(&from, target))
    }

    fn link_card(&self, from: &Path, path: &str) -> Result<Linked, FsError> {
        let target = self.dir.join(path);
        if self.cancel.requested().is_some() {
            return Err(stop::error(&target));
        }
        if self.incremental {
            // `serve` writes each file in one step, never a link.
            return match cards::read_card(from) {
                Ok(bytes) => self.file(path, &bytes).map(|()| Linked::Yes),
                Err(linked) => Ok(linked),
            };
        }
        // Usually its page made the folder: only a card without one makes it.
        let folder = path.rsplit_once('/').map_or("", |(folder, _)| folder);
        if !folder.is_empty()
            && !self.lock().folders.contains(folder)
            && let Some(parent) = target.parent()
        {
            fs_utils::ensure_dir(parent)?;
        }
        let linked = cards::link_card(from, &target)?;
        if linked == Linked::Yes {
            self.record(path);
        }
        Ok(linked)
    }
}

/// What a [`DirSink`] wrote.
#[derive(Default)]
struct Record {
    /// Every path written (or found unchanged), relative to the sink's
    /// folder: the build's manifest, and in incremental mode what not to prune.
    paths: Vec<String>,
    /// The folders of those paths (but the top one).
    folders: HashSet<String>,
}

#[cfg(test)]
mod tests;
