//! A folder held open, and every look and removal inside it made relative
//! to that handle, one name at a time, without following links: whatever
//! a forged manifest or a planted link names, nothing outside the folder
//! can be reached through it.
//!
//! On Unix each step is an `openat`/`unlinkat` on the folder's descriptor
//! with `O_NOFOLLOW`; elsewhere each step checks the entry (not its
//! target) before acting on it.

use super::{FsError, Result};
use std::ffi::{OsStr, OsString};
use std::io;
use std::path::{Path, PathBuf};

/// A folder held open.
#[derive(Debug)]
pub struct Folder {
    /// For messages (and, where there are no descriptors, for each call).
    path: PathBuf,
    #[cfg(unix)]
    fd: std::os::fd::OwnedFd,
}

/// What a name in a held folder is, as the folder sees it (a link is a link).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Folder,
    /// A file, a link, or anything else that is not a folder.
    Other,
}

/// What [`Folder::remove_empty`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Removed {
    Yes,
    Missing,
    NotEmpty,
}

/// A name that is one normal path component: not empty, not `.` or `..`,
/// no separator, no NUL.
pub fn is_plain_name(name: &str) -> bool {
    !name.is_empty() && name != "." && name != ".." && !name.contains(['/', '\\', '\0'])
}

fn plain(name: &OsStr, dir: &Path) -> Result<()> {
    match name.to_str().is_none_or(is_plain_name) {
        true => Ok(()),
        false => Err(FsError::new(
            "refused",
            &dir.join(name),
            io::Error::new(io::ErrorKind::InvalidInput, "not a plain file name"),
        )),
    }
}

impl Folder {
    /// Open the folder at `path`. If `path` itself is a link it is refused,
    /// not followed (the folders above it are the caller's to trust).
    pub fn open(path: &Path) -> Result<Folder> {
        Folder::open_at(None, path)
    }

    /// The folder's path, for messages.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Open the folder `name` inside this one: `None` when there is nothing
    /// of that name; an error when it is a link or not a folder.
    pub fn open_folder(&self, name: &OsStr) -> Result<Option<Folder>> {
        plain(name, &self.path)?;
        match Folder::open_at(Some(self), Path::new(name)) {
            Err(e) if e.is_not_found() => Ok(None),
            other => other.map(Some),
        }
    }

    /// Remove the file or link `name` (a link itself, never what it leads
    /// to); false when nothing of that name was there.
    pub fn remove_file(&self, name: &OsStr) -> Result<bool> {
        plain(name, &self.path)?;
        let path = self.path.join(name);
        match self.unlink(name, false) {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
            Err(e) => Err(FsError::new("could not remove", &path, e)),
        }
    }

    /// Remove the folder `name` if it is empty.
    pub fn remove_empty(&self, name: &OsStr) -> Result<Removed> {
        plain(name, &self.path)?;
        match self.unlink(name, true) {
            Ok(()) => Ok(Removed::Yes),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Removed::Missing),
            Err(e) if e.kind() == io::ErrorKind::DirectoryNotEmpty || e.raw_os_error() == Some(EEXIST) => {
                Ok(Removed::NotEmpty)
            }
            Err(e) => Err(FsError::new("could not remove folder", &self.path.join(name), e)),
        }
    }

    /// The names in this folder and what each is, sorted by name.
    pub fn entries(&self) -> Result<Vec<(OsString, Kind)>> {
        let mut out = self
            .list()
            .map_err(|e| FsError::new("could not list folder", &self.path, e))?;
        out.sort();
        Ok(out)
    }

    /// Remove everything in this folder, never following a link; the entry
    /// named `last`, if any, goes after everything else (a staging folder's
    /// manifest: a clean-up cut short leaves the folder still marked as ours).
    /// Big folders are cleared on every core.
    pub fn clear(&self, last: Option<&OsStr>) -> Result<()> {
        use rayon::prelude::*;
        let entries = self.entries()?;
        let (folders, files): (Vec<_>, Vec<_>) = entries
            .iter()
            .filter(|(name, _)| Some(name.as_os_str()) != last)
            .partition(|(_, kind)| *kind == Kind::Folder);
        let remove_folder = |(name, _): &&(OsString, Kind)| -> Result<()> {
            if let Some(inner) = self.open_folder(name)? {
                inner.clear(None)?;
            }
            match self.remove_empty(name)? {
                Removed::NotEmpty => Err(FsError::new(
                    "could not remove folder",
                    &self.path.join(name),
                    io::Error::new(
                        io::ErrorKind::DirectoryNotEmpty,
                        "something was added while it was removed",
                    ),
                )),
                _ => Ok(()),
            }
        };
        match folders.len() >= PARALLEL_FROM {
            true => folders.par_iter().try_for_each(remove_folder)?,
            false => folders.iter().try_for_each(remove_folder)?,
        }
        for (name, _) in files {
            self.remove_file(name)?;
        }
        if let Some(last) = last {
            self.remove_file(last)?;
        }
        Ok(())
    }
}

/// A folder with this many sub-folders is cleared on every core.
const PARALLEL_FROM: usize = 8;

/// "Directory not empty" is `EEXIST` on some systems.
#[cfg(unix)]
const EEXIST: i32 = rustix::io::Errno::EXIST.raw_os_error();
#[cfg(not(unix))]
const EEXIST: i32 = -1;

#[cfg(unix)]
impl Folder {
    fn open_at(parent: Option<&Folder>, name: &Path) -> Result<Folder> {
        use rustix::fs::{CWD, Mode, OFlags, openat};
        let path = parent.map_or_else(|| name.to_path_buf(), |p| p.path.join(name));
        let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC;
        let opened = match parent {
            Some(p) => openat(&p.fd, name, flags, Mode::empty()),
            None => openat(CWD, name, flags, Mode::empty()),
        };
        match opened {
            Ok(fd) => Ok(Folder { path, fd }),
            // A link (`ELOOP`) or a file (`ENOTDIR`) where a folder should be.
            Err(e) if e == rustix::io::Errno::LOOP || e == rustix::io::Errno::NOTDIR => Err(FsError::new(
                "refused",
                &path,
                io::Error::new(
                    io::ErrorKind::NotADirectory,
                    "a link or a file where a folder should be",
                ),
            )),
            Err(e) => Err(FsError::new("could not open", &path, e.into())),
        }
    }

    fn unlink(&self, name: &OsStr, folder: bool) -> io::Result<()> {
        use rustix::fs::{AtFlags, unlinkat};
        let flags = if folder { AtFlags::REMOVEDIR } else { AtFlags::empty() };
        unlinkat(&self.fd, name, flags).map_err(io::Error::from)
    }

    fn list(&self) -> io::Result<Vec<(OsString, Kind)>> {
        use rustix::fs::{AtFlags, Dir, FileType, statat};
        use std::os::unix::ffi::OsStrExt;
        let mut out = Vec::new();
        for entry in Dir::read_from(&self.fd)? {
            let entry = entry?;
            let name = entry.file_name().to_bytes();
            if name == b"." || name == b".." {
                continue;
            }
            let kind = match entry.file_type() {
                FileType::Directory => Kind::Folder,
                // Some file systems do not say: ask, without following a link.
                FileType::Unknown => match statat(&self.fd, entry.file_name(), AtFlags::SYMLINK_NOFOLLOW) {
                    Ok(st) if FileType::from_raw_mode(st.st_mode) == FileType::Directory => Kind::Folder,
                    _ => Kind::Other,
                },
                _ => Kind::Other,
            };
            out.push((OsStr::from_bytes(name).to_os_string(), kind));
        }
        Ok(out)
    }
}

#[cfg(not(unix))]
impl Folder {
    fn open_at(parent: Option<&Folder>, name: &Path) -> Result<Folder> {
        let path = parent.map_or_else(|| name.to_path_buf(), |p| p.path.join(name));
        let meta = super::symlink_metadata(&path)?;
        if !meta.is_dir() {
            return Err(FsError::new(
                "refused",
                &path,
                io::Error::new(
                    io::ErrorKind::NotADirectory,
                    "a link or a file where a folder should be",
                ),
            ));
        }
        Ok(Folder { path })
    }

    fn unlink(&self, name: &OsStr, folder: bool) -> io::Result<()> {
        let path = self.path.join(name);
        let meta = std::fs::symlink_metadata(&path)?;
        match (folder, meta.is_dir()) {
            (true, true) => std::fs::remove_dir(&path),
            (false, false) => std::fs::remove_file(&path),
            (true, false) => Err(io::Error::new(io::ErrorKind::NotADirectory, "not a folder")),
            (false, true) => Err(io::Error::new(io::ErrorKind::IsADirectory, "a folder")),
        }
    }

    fn list(&self) -> io::Result<Vec<(OsString, Kind)>> {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(&self.path)? {
            let entry = entry?;
            let kind = match entry.file_type()?.is_dir() {
                true => Kind::Folder,
                false => Kind::Other,
            };
            out.push((entry.file_name(), kind));
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests;
