//! A build's staging folder and the swap that puts it in place.
//!
//! Builds into one output folder take turns (a lock on the folder that
//! holds it), so two builds never race, and a staging folder found without
//! its build is provably left over from a killed one: it is removed. The
//! swap is one atomic exchange where the system has one (`renameat2` on
//! Linux), so there is never a moment without an output folder.

use super::guard::{self, OutputError, State};
use super::stop::Cancel;
use super::{DirSink, manifest};
use crate::fs_utils::{self, FsError};
use std::path::{Path, PathBuf};

/// What [`write_atomically`] returns on success.
#[derive(Debug)]
pub struct Written<T> {
    pub value: T,
    /// The new output is in place, but the previous one could not be
    /// removed completely (a warning, not a failed build).
    pub cleanup: Option<FsError>,
}

/// An output folder this build may replace, held for the whole build:
/// other builds into the same folder wait until this one is done.
pub struct Claim {
    root: PathBuf,
    path: PathBuf,
    state: State,
    /// Going through an earlier output file by file, on a thread of its own
    /// while the site is read and rendered; joined before anything is removed.
    confirming: Option<std::thread::JoinHandle<Result<(), OutputError>>>,
    /// Asks the build writing into the claim to stop.
    cancel: Cancel,
    _turn: Turn,
}

/// Screen `output` ([`guard::screen`]), wait for its turn, then inspect it
/// ([`guard::inspect`]). Nothing is written or removed before it passed,
/// except the missing folders above an absent output (where nothing can be lost).
pub fn claim(root: &Path, output: &Path) -> Result<Claim, OutputError> {
    let path = guard::screen(root, output)?;
    let (parent, name) = parent_and_name(&path);
    if !fs_utils::exists(&parent) {
        fs_utils::create_dir_all(&parent)?;
    }
    let turn = Turn::take(&parent, &name)?;
    let state = guard::first_look(&path)?;
    let confirming = match &state {
        State::Ours(manifest) => {
            let (path, manifest) = (path.clone(), manifest.clone());
            Some(std::thread::spawn(move || guard::confirm(&path, &manifest)))
        }
        _ => None,
    };
    Ok(Claim {
        root: root.to_path_buf(),
        path,
        state,
        confirming,
        cancel: Cancel::default(),
        _turn: turn,
    })
}

/// [`claim`] the output folder and [`Claim::write`] it.
pub fn write_atomically<T, E>(
    root: &Path,
    output: &Path,
    write: impl FnOnce(&DirSink) -> Result<T, E>,
) -> Result<Written<T>, E>
where
    E: From<OutputError>,
{
    claim(root, output)?.write(write)
}

impl Claim {
    /// Let `cancel` stop the write at its next file.
    pub fn cancelled_by(self, cancel: &Cancel) -> Self {
        Claim {
            cancel: cancel.clone(),
            ..self
        }
    }

    /// The resolved output folder.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Run `write` against a staging folder beside the output, then swap it
    /// in. When `write` fails, the staging folder is removed and the output
    /// is untouched.
    pub fn write<T, E>(self, write: impl FnOnce(&DirSink) -> Result<T, E>) -> Result<Written<T>, E>
    where
        E: From<OutputError>,
    {
        let (parent, name) = parent_and_name(&self.path);
        remove_stale(&parent, &name);
        let staging = fresh_staging(&parent, &name).map_err(OutputError::from)?;
        let sink = DirSink::new(&self.root, &staging).cancelled_by(&self.cancel);
        let result = write(&sink).and_then(|value| {
            let mut written = sink.take_written();
            let manifest = manifest::contents(&mut written);
            fs_utils::write(&staging.join(manifest::FILE), &manifest).map_err(OutputError::from)?;
            Ok(value)
        });
        let confirmed = match self.confirming {
            Some(thread) => thread.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            None => Ok(()),
        };
        let value = match result.and_then(|value| confirmed.map(|()| value).map_err(E::from)) {
            Ok(value) => value,
            Err(e) => {
                let _ = remove_ours(&staging);
                return Err(e);
            }
        };
        // A stop asked for from here on lets the swap finish: it is one step.
        match swap_in(&staging, &self.path, self.state) {
            Ok(cleanup) => Ok(Written { value, cleanup }),
            Err(e) => {
                let _ = remove_ours(&staging);
                Err(e.into())
            }
        }
    }
}

fn parent_and_name(path: &Path) -> (PathBuf, String) {
    let parent = path.parent().expect("screened: not the file-system root");
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    (parent.to_path_buf(), name.unwrap_or_default())
}

/// `.public.tmp-<pid>`: a staging folder's name.
fn staging_name(name: &str, tag: &str) -> String {
    format!(".{name}.tmp-{tag}")
}

/// A new staging folder, marked as ours before anything else is written in it.
fn fresh_staging(parent: &Path, name: &str) -> Result<PathBuf, FsError> {
    let pid = std::process::id();
    let mut n = 0;
    loop {
        let tag = if n == 0 { pid.to_string() } else { format!("{pid}-{n}") };
        let staging = parent.join(staging_name(name, &tag));
        match std::fs::create_dir(&staging) {
            Ok(()) => {
                fs_utils::write(&staging.join(manifest::FILE), &manifest::started())?;
                return Ok(staging);
            }
            // Someone else's folder of that name: leave it, take another name.
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => n += 1,
            Err(e) => return Err(FsError::new("could not create folder", &staging, e)),
        }
    }
}

/// Remove what killed builds into `name` left beside it: staging folders,
/// and previous outputs moved aside. Only while this build has its turn
/// (so none of them belongs to a running build), and only folders that hold
/// a handlingsplan manifest (so none of them is someone's own).
fn remove_stale(parent: &Path, name: &str) {
    let prefixes = [format!(".{name}.tmp-"), format!(".{name}.old-")];
    let Ok(entries) = fs_utils::read_dir_sorted(parent) else {
        return;
    };
    for entry in entries {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if is_dir
            && prefixes.iter().any(|p| file_name.starts_with(p.as_str()))
            && matches!(manifest::Manifest::read(&path), Ok(Ok(_)))
        {
            let _ = remove_ours(&path);
        }
    }
}

/// Remove a folder this build made (its staging folder) or proved a killed
/// build's (by name and manifest), whole: relative to the folder held open,
/// never through a link, the manifest last, so that a clean-up cut short
/// leaves a folder the next build still knows as ours.
fn remove_ours(path: &Path) -> Result<(), FsError> {
    let (parent, name) = manifest::held_in_parent(path)?;
    if let Some(folder) = parent.open_folder(name)? {
        folder.clear(Some(manifest::FILE.as_ref()))?;
    }
    parent.remove_empty(name).map(drop)
}

/// Remove a previous output that was empty (but for the files an OS leaves
/// everywhere) when it was inspected; anything added since stays.
fn remove_emptied(path: &Path) -> Result<(), FsError> {
    let (parent, name) = manifest::held_in_parent(path)?;
    manifest::remove_folder(&parent, name)
}

/// Put `staging` where `out` is, and remove what was there. Returns the
/// error met while removing the previous output, if any: the new one is in
/// place by then, so that is only a warning.
fn swap_in(staging: &Path, out: &Path, checked: State) -> Result<Option<FsError>, OutputError> {
    let checked = match checked {
        // Someone made it while this build ran: judge it as if it had been there.
        State::Absent if fs_utils::exists(out) => guard::inspect(out)?,
        other => other,
    };
    // An earlier output is removed by its manifest: quicker than listing
    // every folder again.
    let remove_old = |old: &Path| match &checked {
        State::Ours(manifest) => manifest.remove_listed(old).err(),
        _ => remove_emptied(old).err(),
    };
    for _ in 0..3 {
        if !fs_utils::exists(out) {
            match fs_utils::rename_noreplace(staging, out) {
                Ok(()) => return Ok(None),
                Err(e) if e.source.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(e.into()),
            }
        }
        if fs_utils::exchange(staging, out)? {
            // `staging` now holds the previous output.
            return Ok(remove_old(staging));
        }
        // No atomic exchange here: move the previous output aside first.
        let old = staging.with_file_name(
            staging
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().replacen(".tmp-", ".old-", 1)),
        );
        fs_utils::rename(out, &old)?;
        if let Err(e) = fs_utils::rename(staging, out) {
            let _ = fs_utils::rename(&old, out);
            return Err(e.into());
        }
        return Ok(remove_old(&old));
    }
    Err(FsError::new(
        "could not move into place",
        out,
        std::io::Error::other("another program keeps creating it"),
    )
    .into())
}

/// This build's turn at writing the output folder `name` in `parent`: an
/// exclusive lock, released when dropped (or when the process ends).
struct Turn(#[allow(dead_code)] std::fs::File);

impl Turn {
    /// Wait for other builds into the same folder to finish.
    fn take(parent: &Path, name: &str) -> Result<Turn, FsError> {
        let file = Self::lock_file(parent, name)?;
        file.lock().map_err(|e| FsError::new("could not lock", parent, e))?;
        Ok(Turn(file))
    }

    /// On Unix the folder itself is locked: nothing is left behind.
    #[cfg(unix)]
    fn lock_file(parent: &Path, _name: &str) -> Result<std::fs::File, FsError> {
        std::fs::File::open(parent).map_err(|e| FsError::new("could not open", parent, e))
    }

    /// Elsewhere a folder cannot be opened as a file: a lock file beside the output.
    #[cfg(not(unix))]
    fn lock_file(parent: &Path, name: &str) -> Result<std::fs::File, FsError> {
        let path = parent.join(format!(".{name}.lock"));
        std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| FsError::new("could not open", &path, e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stale_staging_is_removed_only_when_it_is_ours() {
        let tmp = tempfile::tempdir().unwrap();
        let parent = tmp.path();
        let ours = parent.join(".public.tmp-99999");
        let moved_aside = parent.join(".public.old-99999");
        let theirs = parent.join(".public.tmp-notes");
        let other_output = parent.join(".site.tmp-1");
        for dir in [&ours, &moved_aside, &theirs, &other_output] {
            std::fs::create_dir(dir).unwrap();
            std::fs::write(dir.join("index.html"), "x").unwrap();
        }
        for dir in [&ours, &moved_aside, &other_output] {
            std::fs::write(dir.join(manifest::FILE), manifest::started()).unwrap();
        }
        remove_stale(parent, "public");
        assert!(!ours.exists() && !moved_aside.exists());
        assert!(
            theirs.join("index.html").exists(),
            "a folder without a manifest is not ours"
        );
        assert!(
            other_output.exists(),
            "another output's staging is not this build's business"
        );
    }

    #[test]
    fn a_taken_turn_makes_the_next_build_wait() {
        let tmp = tempfile::tempdir().unwrap();
        let first = Turn::take(tmp.path(), "public").unwrap();
        let again = Turn::lock_file(tmp.path(), "public").unwrap();
        assert!(again.try_lock().is_err(), "the turn is exclusive");
        drop(first);
        assert!(again.try_lock().is_ok());
    }
}
