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

use crate::cards::{CardError, Painter};
use crate::fs_utils::{self, FsError};
use crate::render::Sink;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// A [`Sink`] writing into a folder. Sub-folders are created when a write
/// finds them missing, so no list of created folders is kept.
pub struct DirSink {
    /// The site root, where copied files come from.
    root: PathBuf,
    dir: PathBuf,
    /// `serve`: update files in place, rewriting only those that changed,
    /// each atomically (so a browser never receives half a page).
    incremental: bool,
    /// Every path written (or found unchanged), relative to `dir`: the
    /// build's manifest, and in incremental mode what not to prune.
    written: Mutex<Vec<String>>,
    /// Numbers the temporary files of atomic writes.
    temp: AtomicU64,
    /// Draws share cards, or finds them drawn in its cache.
    painter: Arc<Painter>,
}

impl DirSink {
    pub fn new(root: &Path, dir: &Path, painter: Arc<Painter>) -> Self {
        DirSink {
            root: root.to_path_buf(),
            dir: dir.to_path_buf(),
            incremental: false,
            written: Mutex::new(Vec::new()),
            temp: AtomicU64::new(0),
            painter,
        }
    }

    /// A sink that updates an existing folder in place, rewriting only the
    /// files whose content changed (so watchers and caches see no churn).
    pub fn incremental(root: &Path, dir: &Path, painter: Arc<Painter>) -> Self {
        DirSink {
            incremental: true,
            ..DirSink::new(root, dir, painter)
        }
    }

    fn record(&self, path: &str) {
        self.written
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(path.to_string());
    }

    /// Call `f` with the paths written so far, to look up.
    pub fn with_written<T>(&self, f: impl FnOnce(&HashSet<&str>) -> T) -> T {
        let written = self.written.lock().unwrap_or_else(|e| e.into_inner());
        f(&written.iter().map(String::as_str).collect())
    }

    /// The paths written so far.
    pub fn take_written(&self) -> Vec<String> {
        std::mem::take(&mut *self.written.lock().unwrap_or_else(|e| e.into_inner()))
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

    /// Run `op` on the target file of `path`; if its folder is missing,
    /// create it and try once more.
    fn with_folder<T>(&self, path: &str, op: impl Fn(&Path) -> Result<T, FsError>) -> Result<T, FsError> {
        self.record(path);
        let target = self.dir.join(path);
        if stop::requested().is_some() {
            return Err(stop::error(&target));
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
                return fs_utils::write(target, bytes);
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
        self.with_folder(path, |target| fs_utils::write_with(target, &mut *write.borrow_mut()))
    }

    fn copy(&self, source: &str, path: &str) -> Result<(), FsError> {
        let from = self.root.join(source);
        if self.incremental {
            let bytes = fs_utils::read(&from)?;
            return self.file(path, &bytes);
        }
        self.with_folder(path, |target| fs_utils::copy(&from, target).map(|_| ()))
    }

    /// Links the card from the painter's cache (drawn there first if it is
    /// new): a build of an unchanged site writes no card's bytes.
    fn card(&self, path: &str, svg: &[u8], content: u128) -> Result<(), CardError> {
        if self.incremental {
            let bytes = fs_utils::read(&self.painter.cached(svg)?)?;
            self.painter.remember(svg, content);
            return Ok(self.file(path, &bytes)?);
        }
        // Usually one link: the card is in the cache, and its page made the folder.
        match fs_utils::link_or_copy(&self.painter.path_of(svg), &self.dir.join(path)) {
            Err(e) if e.is_not_found() => {
                let cached = self.painter.cached(svg)?;
                self.with_folder(path, |target| fs_utils::link_or_copy(&cached, target))?;
            }
            linked => {
                self.record(path);
                linked?;
            }
        }
        self.painter.remember(svg, content);
        Ok(())
    }

    /// Links the card kept under `content`, if there is one (not when
    /// serving, which writes each file in one step).
    fn known_card(&self, path: &str, content: u128) -> Result<bool, FsError> {
        if self.incremental {
            return Ok(false);
        }
        match fs_utils::link_or_copy(&self.painter.path_by_content(content), &self.dir.join(path)) {
            Err(e) if e.is_not_found() => Ok(false),
            linked => {
                self.record(path);
                linked.map(|()| true)
            }
        }
    }
}

#[cfg(test)]
mod tests;
