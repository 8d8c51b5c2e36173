//! A [`Sink`] that keeps the rendered site in memory: every file's bytes
//! (tests), or what a reader keeps of each file as it arrives (`check`
//! keeps a page's ids and links, read in the rendering threads, not the
//! gigabytes of a long archive's pages).

use super::Sink;
use crate::fs_utils::{FsError, Linked};
use std::collections::BTreeMap;
use std::sync::Mutex;

/// Rendered files by output path, each as `keep` made it from its bytes
/// (by default the bytes). Copied files are recorded with their source
/// path instead.
pub struct MemorySink<T = Vec<u8>> {
    files: Mutex<BTreeMap<String, MemoryFile<T>>>,
    keep: fn(&str, &[u8]) -> T,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MemoryFile<T = Vec<u8>> {
    /// A rendered file: its bytes, or what was kept of them.
    Bytes(T),
    /// A file copied from the site root or the card cache, by its path there.
    Copy(String),
}

impl MemorySink {
    /// A sink that keeps every file's bytes.
    pub fn new() -> Self {
        MemorySink::keeping(|_, bytes| bytes.to_vec())
    }
}

impl Default for MemorySink {
    fn default() -> Self {
        Self::new()
    }
}

impl<T: Send> MemorySink<T> {
    /// A sink that keeps `keep(path, bytes)` of each rendered file; `keep`
    /// runs in the thread that rendered the file.
    pub fn keeping(keep: fn(&str, &[u8]) -> T) -> Self {
        MemorySink {
            files: Mutex::new(BTreeMap::new()),
            keep,
        }
    }

    /// This sink with `check`'s card stage, which reads each card's SVG
    /// and draws nothing: rendering with it writes no file anywhere.
    pub fn checking(&self) -> super::Target<'_> {
        super::Target {
            sink: self,
            cards: &crate::cards::Checker,
            part: super::Part::Everything,
        }
    }

    pub fn into_files(self) -> BTreeMap<String, MemoryFile<T>> {
        self.files.into_inner().unwrap_or_else(|e| e.into_inner())
    }

    fn insert(&self, path: &str, file: MemoryFile<T>) -> Option<MemoryFile<T>> {
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        files.insert(path.to_string(), file)
    }
}

impl<T: Send> Sink for MemorySink<T> {
    fn file(&self, path: &str, bytes: &[u8]) -> Result<(), FsError> {
        let kept = (self.keep)(path, bytes);
        self.insert(path, MemoryFile::Bytes(kept));
        Ok(())
    }

    /// Like a build's folder, never over a file the site made.
    fn copy(&self, source: &str, path: &str) -> Result<(), FsError> {
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        if files.contains_key(path) {
            let exists = std::io::Error::new(std::io::ErrorKind::AlreadyExists, "the site makes a file of that name");
            return Err(FsError::new("could not copy", std::path::Path::new(source), exists));
        }
        files.insert(path.to_string(), MemoryFile::Copy(source.to_string()));
        Ok(())
    }

    /// Records the cache file by its path (`check`'s card stage reads
    /// SVGs and gives none).
    fn link_card(&self, from: &std::path::Path, path: &str) -> Result<Linked, FsError> {
        self.insert(path, MemoryFile::Copy(from.display().to_string()));
        Ok(Linked::Yes)
    }
}
