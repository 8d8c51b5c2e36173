//! A [`Sink`] that keeps the rendered site in memory (for `check`).

use super::Sink;
use crate::fs_utils::{FsError, Linked};
use std::collections::BTreeMap;
use std::sync::Mutex;

/// Rendered files by output path. Copied files are recorded with their
/// source path instead of their bytes.
#[derive(Debug, Default)]
pub struct MemorySink {
    files: Mutex<BTreeMap<String, MemoryFile>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MemoryFile {
    Bytes(Vec<u8>),
    /// A file copied from the site root or the card cache, by its path there.
    Copy(String),
}

impl MemorySink {
    pub fn new() -> Self {
        Self::default()
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

    pub fn into_files(self) -> BTreeMap<String, MemoryFile> {
        self.files.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl Sink for MemorySink {
    fn file(&self, path: &str, bytes: &[u8]) -> Result<(), FsError> {
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        files.insert(path.to_string(), MemoryFile::Bytes(bytes.to_vec()));
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
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        files.insert(path.to_string(), MemoryFile::Copy(from.display().to_string()));
        Ok(Linked::Yes)
    }
}
