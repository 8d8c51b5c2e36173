//! Writing a rendered site to disk, atomically.
//!
//! Files go into a fresh staging folder beside the output folder; only when
//! every file was written is the staging folder moved into place. A failed
//! build leaves the previous output exactly as it was.

use crate::fsx::{self, FsError};
use crate::render::Sink;
use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

/// Why an output folder may not be used.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("refusing to write the site into `{}`: {reason}", path.display())]
    Unsafe { path: PathBuf, reason: &'static str },
    #[error(transparent)]
    Io(#[from] FsError),
}

/// Check that `output` can be replaced wholesale without destroying
/// anything that is not a previous build.
pub fn check_output_dir(root: &Path, output: &Path) -> Result<(), OutputError> {
    let unsafe_because = |reason| {
        Err(OutputError::Unsafe {
            path: output.to_path_buf(),
            reason,
        })
    };
    let root = fsx::canonicalize(root)?;
    let out = absolute_normalized(output)?;
    if out.parent().is_none() {
        return unsafe_because("it is the file-system root");
    }
    if root.starts_with(&out) {
        return unsafe_because("it is the site root or a folder that contains it");
    }
    if fsx::exists(&out.join("content")) || fsx::exists(&out.join("themes")) {
        return unsafe_because("it contains a `content/` or `themes/` folder, so it looks like a site, not a build");
    }
    if fsx::exists(&out) && !fsx::metadata(&out)?.is_dir() {
        return unsafe_because("it exists and is not a folder");
    }
    Ok(())
}

/// `output` made absolute with `.` and `..` resolved and symlinks followed
/// for the part of it that exists.
fn absolute_normalized(output: &Path) -> Result<PathBuf, FsError> {
    let abs = std::path::absolute(output).map_err(|source| FsError {
        action: "could not resolve",
        path: output.to_path_buf(),
        source,
    })?;
    let mut out = PathBuf::new();
    for component in abs.components() {
        match component {
            Component::ParentDir => {
                out = resolve_existing(&out)?;
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    resolve_existing(&out)
}

/// Canonicalise the longest existing ancestor of `path` and append the rest.
fn resolve_existing(path: &Path) -> Result<PathBuf, FsError> {
    let Some(existing) = path.ancestors().find(|a| fsx::exists(a) && !a.as_os_str().is_empty()) else {
        return Ok(path.to_path_buf());
    };
    let rest = path.strip_prefix(existing).unwrap_or(Path::new(""));
    let mut out = fsx::canonicalize(existing)?;
    if !rest.as_os_str().is_empty() {
        out.push(rest);
    }
    Ok(out)
}

/// A [`Sink`] writing into a folder. Sub-folders are created when a write
/// finds them missing, so no list of created folders is kept.
pub struct DirSink {
    /// The site root, where copied files come from.
    root: PathBuf,
    dir: PathBuf,
    /// In incremental mode (`serve`): every path written or found unchanged,
    /// so that files no longer produced can be pruned.
    written: Option<Mutex<HashSet<String>>>,
}

impl DirSink {
    pub fn new(root: &Path, dir: &Path) -> Self {
        DirSink {
            root: root.to_path_buf(),
            dir: dir.to_path_buf(),
            written: None,
        }
    }

    /// A sink that updates an existing folder in place, rewriting only the
    /// files whose content changed (so watchers and caches see no churn).
    pub fn incremental(root: &Path, dir: &Path) -> Self {
        DirSink {
            written: Some(Mutex::new(HashSet::new())),
            ..DirSink::new(root, dir)
        }
    }

    fn is_incremental(&self) -> bool {
        self.written.is_some()
    }

    fn record(&self, path: &str) {
        if let Some(written) = &self.written {
            written
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(path.to_string());
        }
    }

    /// Delete files under the folders `prefixes` (relative, `""` for all)
    /// that were not written through this (incremental) sink: pages of
    /// removed areas, years or languages. Returns how many were deleted.
    pub fn prune(&self, prefixes: &[String]) -> Result<usize, FsError> {
        let Some(written) = &self.written else { return Ok(0) };
        let written = written.lock().unwrap_or_else(|e| e.into_inner());
        let mut deleted = 0;
        for prefix in prefixes {
            let base = self.dir.join(prefix);
            if !fsx::exists(&base) {
                continue;
            }
            for entry in walkdir::WalkDir::new(&base).into_iter().filter_map(Result::ok) {
                let rel = fsx::display_rel(&self.dir, entry.path());
                if entry.file_type().is_file() && !written.contains(&rel) {
                    fsx::remove_file(entry.path())?;
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
        match op(&target) {
            Err(e) if e.source.kind() == std::io::ErrorKind::NotFound => {
                if let Some(parent) = target.parent() {
                    fsx::create_dir_all(parent)?;
                }
                op(&target)
            }
            other => other,
        }
    }
}

impl Sink for DirSink {
    fn file(&self, path: &str, bytes: &[u8]) -> Result<(), FsError> {
        self.with_folder(path, |target| {
            if self.is_incremental() && fsx::read(target).is_ok_and(|old| old == bytes) {
                return Ok(());
            }
            fsx::write(target, bytes)
        })
    }

    fn write_with(
        &self,
        path: &str,
        write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<(), FsError> {
        if self.is_incremental() {
            let mut bytes = Vec::new();
            write(&mut bytes).expect("writing to memory cannot fail");
            return self.file(path, &bytes);
        }
        let write = std::cell::RefCell::new(write);
        self.with_folder(path, |target| fsx::write_with(target, &mut *write.borrow_mut()))
    }

    fn copy(&self, source: &str, path: &str) -> Result<(), FsError> {
        let from = self.root.join(source);
        self.with_folder(path, |target| {
            if self.is_incremental() && fsx::read(&from).ok() == fsx::read(target).ok() {
                return Ok(());
            }
            fsx::copy(&from, target).map(|_| ())
        })
    }
}

/// Run `write` against a staging folder beside `output`, then swap it in.
/// When `write` fails, the staging folder is removed and `output` untouched.
pub fn write_atomically<T, E>(root: &Path, output: &Path, write: impl FnOnce(&DirSink) -> Result<T, E>) -> Result<T, E>
where
    E: From<OutputError>,
{
    check_output_dir(root, output)?;
    let output = absolute_normalized(output).map_err(OutputError::from)?;
    let name = output
        .file_name()
        .map_or_else(|| "site".into(), |n| n.to_string_lossy().into_owned());
    let parent = output.parent().expect("checked: not the file-system root");
    fsx::create_dir_all(parent).map_err(OutputError::from)?;
    let pid = std::process::id();
    let staging = parent.join(format!(".{name}.tmp-{pid}"));
    let old = parent.join(format!(".{name}.old-{pid}"));
    for stale in [&staging, &old] {
        if fsx::exists(stale) {
            fsx::remove_dir_all(stale).map_err(OutputError::from)?;
        }
    }
    fsx::create_dir_all(&staging).map_err(OutputError::from)?;
    let result = write(&DirSink::new(root, &staging));
    if result.is_err() {
        let _ = fsx::remove_dir_all(&staging);
        return result;
    }
    swap_in(&staging, &output, &old).map_err(|e| {
        let _ = fsx::remove_dir_all(&staging);
        E::from(e)
    })?;
    result
}

/// Move `staging` to `output`, moving any previous output aside first and
/// deleting it only once the new one is in place.
fn swap_in(staging: &Path, output: &Path, old: &Path) -> Result<(), OutputError> {
    let had_previous = fsx::exists(output);
    if had_previous {
        fsx::rename(output, old)?;
    }
    if let Err(e) = fsx::rename(staging, output) {
        if had_previous {
            let _ = fsx::rename(old, output);
        }
        return Err(e.into());
    }
    if had_previous {
        fsx::remove_dir_all_parallel(old)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_dangerous_output_folders() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        std::fs::create_dir_all(root.join("content")).unwrap();
        std::fs::create_dir_all(tmp.path().join("other/themes")).unwrap();
        std::fs::write(tmp.path().join("file"), "x").unwrap();
        let refused = [
            PathBuf::from("/"),
            root.clone(),
            tmp.path().to_path_buf(),
            root.join("."),
            root.join("public/.."),
            tmp.path().join("other"),
            tmp.path().join("file"),
        ];
        for out in refused {
            assert!(check_output_dir(&root, &out).is_err(), "{}", out.display());
        }
        for ok in [
            root.join("public"),
            tmp.path().join("elsewhere/out"),
            root.join("a/../public"),
        ] {
            assert!(check_output_dir(&root, &ok).is_ok(), "{}", ok.display());
        }
    }

    #[derive(Debug)]
    struct Failed;
    impl From<OutputError> for Failed {
        fn from(_: OutputError) -> Self {
            Failed
        }
    }

    #[test]
    fn a_failed_write_leaves_the_old_output_and_no_staging_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        std::fs::create_dir_all(&root).unwrap();
        let out = root.join("public");
        write_atomically(&root, &out, |s| s.file("a/index.html", b"one").map_err(|_| Failed)).unwrap();
        let r: Result<(), Failed> = write_atomically(&root, &out, |s| {
            s.file("b.html", b"two").map_err(|_| Failed)?;
            Err(Failed)
        });
        assert!(r.is_err());
        assert_eq!(std::fs::read(out.join("a/index.html")).unwrap(), b"one");
        assert!(!out.join("b.html").exists());
        let names: Vec<_> = std::fs::read_dir(&root)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["public"]);
        write_atomically(&root, &out, |s| s.file("c.html", b"three").map_err(|_| Failed)).unwrap();
        assert!(!out.join("a").exists(), "old files are gone after a successful build");
        assert_eq!(std::fs::read(out.join("c.html")).unwrap(), b"three");
    }

    #[test]
    fn an_incremental_sink_rewrites_only_changed_files_and_prunes_the_rest() {
        use std::time::{Duration, SystemTime};
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let first = DirSink::new(tmp.path(), &out);
        for (path, bytes) in [
            ("2022/index.html", "same"),
            ("2022/a/index.html", "old"),
            ("2022/gone/index.html", "x"),
        ] {
            first.file(path, bytes.as_bytes()).unwrap();
        }
        let long_ago = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
        for path in ["2022/index.html", "2022/a/index.html"] {
            let file = std::fs::File::options().write(true).open(out.join(path)).unwrap();
            file.set_modified(long_ago).unwrap();
        }
        let modified = |path: &str| std::fs::metadata(out.join(path)).unwrap().modified().unwrap();

        let sink = DirSink::incremental(tmp.path(), &out);
        sink.file("2022/index.html", b"same").unwrap();
        sink.file("2022/a/index.html", b"new").unwrap();
        assert_eq!(modified("2022/index.html"), long_ago, "unchanged file rewritten");
        assert_ne!(modified("2022/a/index.html"), long_ago);
        assert_eq!(std::fs::read(out.join("2022/a/index.html")).unwrap(), b"new");
        assert_eq!(sink.prune(&["2022/".to_string()]).unwrap(), 1);
        assert!(!out.join("2022/gone/index.html").exists());
        assert!(out.join("2022/index.html").exists());
    }
}
