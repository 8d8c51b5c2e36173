//! File-system calls that name the path in their error.
//!
//! Every read, write and directory operation in the library goes through
//! here, so a failure always says which file and what we were doing.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

pub mod held;

/// An I/O failure with the operation and the path it concerned. Its message
/// includes the cause (`could not read `x`: permission denied`), so it is
/// complete wherever it is shown.
#[derive(Debug)]
pub struct FsError {
    pub action: &'static str,
    pub path: PathBuf,
    pub source: io::Error,
}

impl FsError {
    pub fn new(action: &'static str, path: &Path, source: io::Error) -> Self {
        FsError {
            action,
            path: path.to_path_buf(),
            source,
        }
    }

    /// A failure met while walking the tree under `dir`.
    pub fn walk(dir: &Path, e: walkdir::Error) -> Self {
        let path = e.path().unwrap_or(dir).to_path_buf();
        let source = e
            .into_io_error()
            .unwrap_or_else(|| io::Error::other("a symbolic link loop"));
        FsError {
            action: "could not list",
            path,
            source,
        }
    }

    /// Was the path missing?
    pub fn is_not_found(&self) -> bool {
        self.source.kind() == io::ErrorKind::NotFound
    }
}

impl fmt::Display for FsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path.display().to_string();
        write!(f, "{} `{}`: {}", self.action, printable(&path), self.source)
    }
}

/// The cause is part of the message, so it is not repeated as a source.
impl std::error::Error for FsError {}

pub type Result<T> = std::result::Result<T, FsError>;

fn ctx<T>(action: &'static str, path: &Path, r: io::Result<T>) -> Result<T> {
    r.map_err(|source| FsError::new(action, path, source))
}

pub fn read(path: &Path) -> Result<Vec<u8>> {
    ctx("could not read", path, std::fs::read(path))
}

/// Read at most `limit` bytes; returns `None` when the file is larger.
pub fn read_limited(path: &Path, limit: u64) -> Result<Option<Vec<u8>>> {
    use std::io::Read;
    let file = ctx("could not open", path, std::fs::File::open(path))?;
    // The size the file says it has (0 for a device) sizes the buffer, so
    // that it is read in one go; the limit holds whatever it says.
    let size = file.metadata().map_or(0, |m| m.len());
    if size > limit {
        return Ok(None);
    }
    let mut buf = Vec::with_capacity(size as usize + 1);
    ctx("could not read", path, file.take(limit + 1).read_to_end(&mut buf))?;
    Ok((buf.len() as u64 <= limit).then_some(buf))
}

/// A folder's identity (device and inode on Unix), to tell whether two paths
/// name the same folder however they are spelled; `None` if it cannot be read.
pub fn identity(path: &Path) -> Option<Identity> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let m = std::fs::metadata(path).ok()?;
        Some(Identity(m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        same_file::Handle::from_path(path).ok().map(Identity)
    }
}

/// See [`identity`].
#[cfg(unix)]
#[derive(Debug, PartialEq, Eq)]
pub struct Identity(u64, u64);

/// See [`identity`].
#[cfg(not(unix))]
#[derive(Debug, PartialEq, Eq)]
pub struct Identity(same_file::Handle);

pub fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    ctx("could not write", path, std::fs::write(path, bytes))
}

/// Create `path` with `bytes`; an error of kind `AlreadyExists` (and
/// nothing changed) if something is already there.
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write as _;
    let mut file = ctx(
        "could not create",
        path,
        std::fs::File::options().write(true).create_new(true).open(path),
    )?;
    ctx("could not write", path, file.write_all(bytes))
}

/// Replace `path` with `bytes` in one step: written beside it under the
/// hidden name `.<name>.<tag>.tmp`, then renamed over it. A reader sees the
/// old file or the new one, never a part; a failure leaves the old one.
pub fn replace(path: &Path, bytes: &[u8], tag: u64) -> Result<()> {
    let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    let temp = path.with_file_name(format!(".{name}.{}-{tag}.tmp", std::process::id()));
    write(&temp, bytes)?;
    rename(&temp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&temp);
    })
}

/// Create `path`, which must not exist yet (an error of kind
/// `AlreadyExists` then), and write it through a buffered writer given to `write`.
pub fn write_new_with(
    path: &Path,
    write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> Result<()> {
    use std::io::Write as _;
    let file = ctx(
        "could not create",
        path,
        std::fs::File::options().write(true).create_new(true).open(path),
    )?;
    let mut out = std::io::BufWriter::with_capacity(64 * 1024, file);
    ctx("could not write", path, write(&mut out).and_then(|()| out.flush()))
}

pub fn create_dir_all(path: &Path) -> Result<()> {
    ctx("could not create folder", path, std::fs::create_dir_all(path))
}

/// Create folder `path` unless it exists: one `mkdir` when its parent
/// exists, which is the usual case; its missing ancestors too otherwise.
pub fn ensure_dir(path: &Path) -> Result<()> {
    match std::fs::create_dir(path) {
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => create_dir_all(path),
        r => ctx("could not create folder", path, r),
    }
}

pub fn remove_dir_all(path: &Path) -> Result<()> {
    ctx("could not remove folder", path, std::fs::remove_dir_all(path))
}

pub fn remove_file(path: &Path) -> Result<()> {
    ctx("could not remove", path, std::fs::remove_file(path))
}

pub fn rename(from: &Path, to: &Path) -> Result<()> {
    ctx("could not move into place", to, std::fs::rename(from, to))
}

/// Move `from` to `to` unless something is already at `to` (then an error
/// of kind `AlreadyExists`), atomically where the system can.
pub fn rename_noreplace(from: &Path, to: &Path) -> Result<()> {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        match renameat_with(CWD, from, CWD, to, RenameFlags::NOREPLACE) {
            Ok(()) => return Ok(()),
            // Not supported by this file system: fall back to the check below.
            Err(e) if e == rustix::io::Errno::INVAL || e == rustix::io::Errno::NOSYS => {}
            Err(e) => return ctx("could not move into place", to, Err(e.into())),
        }
    }
    if std::fs::symlink_metadata(to).is_ok() {
        let exists = io::Error::new(io::ErrorKind::AlreadyExists, "something is already there");
        return ctx("could not move into place", to, Err(exists));
    }
    rename(from, to)
}

/// Swap `a` and `b` (both must exist) in one atomic step. Returns `false`,
/// having done nothing, where the system or file system cannot.
pub fn exchange(a: &Path, b: &Path) -> Result<bool> {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
            Ok(()) => return Ok(true),
            Err(e) if e == rustix::io::Errno::INVAL || e == rustix::io::Errno::NOSYS => {}
            Err(e) => return ctx("could not move into place", b, Err(e.into())),
        }
    }
    let _ = (a, b);
    Ok(false)
}

pub fn copy(from: &Path, to: &Path) -> Result<u64> {
    ctx("could not copy", from, std::fs::copy(from, to))
}

/// Make `to` a hard link to `from` (no bytes written), or a copy where the
/// file system cannot link them (another device, no hard links). Never
/// through a link: a link at `from` is linked as a link (Linux) or, when
/// copied, refused. A missing folder of `to` is an error of kind `NotFound`.
pub fn link_or_copy(from: &Path, to: &Path) -> Result<()> {
    match std::fs::hard_link(from, to) {
        Err(e) if e.kind() != io::ErrorKind::NotFound && e.kind() != io::ErrorKind::AlreadyExists => copy_new(from, to),
        r => ctx("could not link", to, r),
    }
}

/// Copy the regular file `from` to `to`, which must not exist yet (an
/// error of kind `AlreadyExists` then, and nothing changed); a link or
/// anything but a regular file at `from` is refused, not followed.
pub fn copy_new(from: &Path, to: &Path) -> Result<()> {
    let mut source = open_nofollow(from)?;
    let mut target = ctx(
        "could not create",
        to,
        std::fs::File::options().write(true).create_new(true).open(to),
    )?;
    ctx("could not copy", from, io::copy(&mut source, &mut target).map(drop))
}

/// Open `path` to read, refusing (not following) a link there; only a regular file.
pub fn open_nofollow(path: &Path) -> Result<std::fs::File> {
    let options = open_options_nofollow();
    #[cfg(not(unix))]
    if symlink_metadata(path)?.file_type().is_symlink() {
        return ctx("could not open", path, Err(io::Error::other("it is a link")));
    }
    let file = ctx("could not open", path, options.open(path))?;
    let meta = ctx("could not inspect", path, file.metadata())?;
    if !meta.is_file() {
        return ctx("could not open", path, Err(io::Error::other("not a regular file")));
    }
    Ok(file)
}

/// What [`link_checked`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Linked {
    Yes,
    /// Nothing at `from`, or no folder for `to`: nothing written.
    Missing,
    /// What was at `from` is not what the caller accepts: nothing left at `to`.
    Refused,
}

/// [`link_or_copy`] `from` to `to`, then keep it only if what is at `to`
/// is not a link and `accept` approves of its first `head` bytes. What is
/// checked is what was linked: `to` is in a folder of the caller's. (A
/// folder cannot be read as a file, and a pipe is opened without waiting,
/// so neither passes; three system calls, as few as a check can take.)
pub fn link_checked(from: &Path, to: &Path, head: usize, accept: impl Fn(&[u8]) -> bool) -> Result<Linked> {
    use std::io::Read;
    match link_or_copy(from, to) {
        Err(e) if e.is_not_found() => return Ok(Linked::Missing),
        Err(e) if e.source.kind() == io::ErrorKind::AlreadyExists => return Err(e),
        Err(_) => return Ok(Linked::Refused),
        Ok(()) => {}
    }
    let accepted = open_options_nofollow().open(to).is_ok_and(|mut file| {
        let mut buf = vec![0; head];
        file.read_exact(&mut buf).is_ok() && accept(&buf)
    });
    if accepted {
        return Ok(Linked::Yes);
    }
    remove_file(to)?;
    Ok(Linked::Refused)
}

/// Options to open a file to read that refuse a link (not following it)
/// and do not wait on a pipe.
fn open_options_nofollow() -> std::fs::OpenOptions {
    let mut options = std::fs::File::options();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        let flags = rustix::fs::OFlags::NOFOLLOW | rustix::fs::OFlags::NONBLOCK;
        options.custom_flags(flags.bits() as i32);
    }
    options
}

pub fn metadata(path: &Path) -> Result<std::fs::Metadata> {
    ctx("could not inspect", path, std::fs::metadata(path))
}

/// The size of `path` when it is a regular file itself, not a symbolic link
/// to one: the one test of "a plain file" for what is read or linked.
/// `None` for a link, a folder, anything else, or nothing there.
pub fn plain_file_len(path: &Path) -> Option<u64> {
    (std::fs::symlink_metadata(path).ok())
        .filter(std::fs::Metadata::is_file)
        .map(|m| m.len())
}

/// Is `path` a folder itself, not a symbolic link to one?
pub fn is_plain_folder(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.is_dir())
}

pub fn symlink_metadata(path: &Path) -> Result<std::fs::Metadata> {
    ctx("could not inspect", path, std::fs::symlink_metadata(path))
}

pub fn canonicalize(path: &Path) -> Result<PathBuf> {
    ctx("could not resolve", path, std::fs::canonicalize(path))
}

/// Does `path` exist (following symlinks)? Errors other than "not found" count as existing.
pub fn exists(path: &Path) -> bool {
    path.try_exists().unwrap_or(true)
}

/// The entries of a folder, sorted by name so output never depends on
/// the file system's order.
pub fn read_dir_sorted(path: &Path) -> Result<Vec<std::fs::DirEntry>> {
    let entries = ctx("could not list folder", path, std::fs::read_dir(path))?;
    let mut out = Vec::new();
    for entry in entries {
        out.push(ctx("could not list folder", path, entry)?);
    }
    out.sort_by_key(|e| e.file_name());
    Ok(out)
}

/// A path relative to `root`, with `/` separators, for messages and URLs;
/// control characters escaped ([`printable`]: a name a file cannot have on
/// the site is refused where it is found).
pub fn display_rel(root: &Path, path: &Path) -> String {
    match plain_rel(root, path) {
        Some(rel) => printable(rel).into_owned(),
        None => printable(&components_rel(root, path)).into_owned(),
    }
}

/// [`display_rel`] by the path's components: what it is for any path.
fn components_rel(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    (rel.components())
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// `path` below `root` as its text, where that is what its components
/// give ([`components_rel`]): UTF-8, below `root` after a `/`, no empty
/// or `.` parts — the paths a build makes, without splitting them.
fn plain_rel<'a>(root: &Path, path: &'a Path) -> Option<&'a str> {
    let (root, path) = (root.to_str()?, path.to_str()?);
    let rest = path.strip_prefix(root)?;
    let rel = if root.ends_with('/') {
        rest
    } else {
        rest.strip_prefix('/')?
    };
    (!rel.is_empty() && rel.split('/').all(|part| !part.is_empty() && part != ".")).then_some(rel)
}

/// `text` with its control characters escaped (`\n`, `\u{1b}`): a name
/// printed in a terminal or a CI log can then neither move the cursor nor
/// start a line of its own (a GitHub workflow command, say).
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(char::is_control) {
        return text.into();
    }
    text.chars()
        .map(|c| match c.is_control() {
            true => c.escape_default().to_string(),
            false => c.to_string(),
        })
        .collect::<String>()
        .into()
}

#[cfg(all(test, unix))]
mod tests;
