//! A [`Sink`] that keeps the rendered site in memory (for `check` and `serve`).

use super::Sink;
use crate::cards::CardError;
use crate::fs_utils::FsError;
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
    /// A file copied from the site root, by its path there.
    Copy(String),
    /// A share card, by the SVG it would be drawn from (nothing is drawn).
    Card(Vec<u8>),
}

impl MemorySink {
    pub fn new() -> Self {
        Self::default()
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

    /// Keeps the SVG after making sure resvg can read it (`check` reports
    /// a broken card template; drawing it is `build`'s work).
    fn card(&self, path: &str, svg: &[u8], _content: u128) -> Result<(), CardError> {
        crate::cards::validate(svg)?;
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        files.insert(path.to_string(), MemoryFile::Card(svg.to_vec()));
        Ok(())
    }
}
