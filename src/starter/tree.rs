//! Writing a new site's files into a folder: a new or empty one, or a
//! freshly cloned repository (only `.git`, `.gitignore`, `README*`,
//! `LICENSE*`, `.github/` in it). Never over a file: `.gitignore` gains the
//! lines it lacks, and `--force` writes only the files that do not exist.
//! On a failure, what this call made is removed again, and nothing else.

use super::StartError;
use crate::fs_utils::{self, FsError};
use std::path::{Path, PathBuf};

/// What [`write`] did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Written {
    /// The files it created, relative to the folder.
    pub created: Vec<String>,
    /// The files that were there and were left as they were (`--force`).
    pub skipped: Vec<String>,
    /// `.gitignore`, when it was there and gained lines.
    pub merged: Vec<String>,
}

/// Is `name` (at the top of the folder) one a repository starts with?
pub fn is_repository_file(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    matches!(lower.as_str(), ".git" | ".gitignore" | ".gitattributes" | ".github")
        || ["readme", "license", "licence", "copying"]
            .iter()
            .any(|p| lower.starts_with(p))
}

/// What in `dir` is in the way of writing `files` there: what is not a
/// repository's own, and any of `files` that exists (but `.gitignore`).
fn in_the_way(dir: &Path, files: &[(String, &[u8])]) -> Result<Vec<String>, FsError> {
    let mut found: Vec<String> = fs_utils::read_dir_sorted(dir)?
        .iter()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| !is_repository_file(name))
        .collect();
    let exists = |rel: &&String| *rel != GITIGNORE && fs_utils::symlink_metadata(&dir.join(rel)).is_ok();
    found.extend(files.iter().map(|(rel, _)| rel).filter(exists).cloned());
    Ok(found)
}

const GITIGNORE: &str = ".gitignore";

/// Write `files` (relative path → bytes) into `dir`, new, empty or a fresh
/// repository; with `force`, into any folder, skipping what exists.
pub fn write(dir: &Path, files: &[(String, &[u8])], force: bool) -> Result<Written, StartError> {
    let shown = dir.display().to_string();
    match std::fs::symlink_metadata(dir) {
        Ok(m) if !m.is_dir() => return Err(StartError::NotAFolder(shown)),
        Ok(_) => {
            let blocking = in_the_way(dir, files)?;
            if !force && !blocking.is_empty() {
                return Err(StartError::NotEmpty(shown, blocking.join(", ")));
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => fs_utils::create_dir_all(dir)?,
        Err(e) => return Err(FsError::new("could not read", dir, e).into()),
    }
    let mut made = Made::default();
    let mut written = Written::default();
    let result = files.iter().try_for_each(|(rel, bytes)| -> Result<(), FsError> {
        let path = dir.join(rel);
        if fs_utils::symlink_metadata(&path).is_ok() {
            if rel != GITIGNORE {
                written.skipped.push(rel.clone());
            } else if merge_gitignore(&path, bytes)? {
                written.merged.push(rel.clone());
            }
            return Ok(());
        }
        made.folders_for(dir, &path)?;
        fs_utils::write_new(&path, bytes)?;
        made.files.push(path);
        written.created.push(rel.clone());
        Ok(())
    });
    if let Err(e) = result {
        made.undo();
        return Err(e.into());
    }
    Ok(written)
}

/// Add the lines of `ours` that `path` lacks at its end; was anything added?
fn merge_gitignore(path: &Path, ours: &[u8]) -> Result<bool, FsError> {
    let theirs = String::from_utf8_lossy(&fs_utils::read(path)?).into_owned();
    let have: Vec<&str> = theirs.lines().map(str::trim).collect();
    let ours = String::from_utf8_lossy(ours);
    let missing: Vec<&str> = (ours.lines())
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#') && !have.contains(&l.trim()))
        .collect();
    if missing.is_empty() {
        return Ok(false);
    }
    let mut merged = theirs.clone();
    if !merged.is_empty() && !merged.ends_with('\n') {
        merged.push('\n');
    }
    merged.push_str("\n# handlingsplan: what `build` writes, and the share cards' cache.\n");
    merged.push_str(&missing.join("\n"));
    merged.push('\n');
    fs_utils::replace(path, merged.as_bytes(), 0)?;
    Ok(true)
}

/// What one call made, to remove again on a failure.
#[derive(Default)]
struct Made {
    files: Vec<PathBuf>,
    folders: Vec<PathBuf>,
}

impl Made {
    /// Make the folders `path` needs below `dir`, noting the new ones.
    fn folders_for(&mut self, dir: &Path, path: &Path) -> Result<(), FsError> {
        let mut missing: Vec<&Path> = path
            .ancestors()
            .skip(1)
            .take_while(|a| *a != dir && !a.exists())
            .collect();
        missing.reverse();
        for folder in missing {
            fs_utils::ensure_dir(folder)?;
            self.folders.push(folder.to_path_buf());
        }
        Ok(())
    }

    fn undo(self) {
        for file in self.files.iter().rev() {
            let _ = fs_utils::remove_file(file);
        }
        for folder in self.folders.iter().rev() {
            let _ = std::fs::remove_dir(folder);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_repositorys_own_files_are_not_in_the_way() {
        for name in [
            ".git",
            ".gitignore",
            "README.md",
            "readme",
            "LICENSE",
            "LICENCE.txt",
            "COPYING",
            ".github",
        ] {
            assert!(is_repository_file(name), "{name}");
        }
        for name in ["content", "index.html", "notes.txt", ".env"] {
            assert!(!is_repository_file(name), "{name}");
        }
    }
}
