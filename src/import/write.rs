//! Writing an imported plan: a new file, or with `--force` a plan file of
//! the same language replaced in one step — never anything else.

use crate::fs_utils::{self, FsError};
use crate::sources::{self, Role};
use std::path::{Path, PathBuf};

/// Why an imported plan was not written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("`{}` already exists; pass --force to replace it", .0.display())]
    Exists(PathBuf),
    #[error("refusing to replace `{}`: --force replaces only a plan file named `plan.{lang}.md`", path.display())]
    NotAPlanFile { path: PathBuf, lang: String },
    #[error(transparent)]
    Fs(#[from] FsError),
}

/// Write an imported plan (`markdown`, in language `lang`) to `target`.
/// A new file is created; an existing one is replaced only with `force`,
/// and only if it is a plan file of that language (`plan.<lang>.md`, not a
/// link): `--force` can never overwrite anything else. The file is replaced
/// in one step, so a failure leaves the old plan as it was.
pub fn write_plan(target: &Path, lang: &str, markdown: &str, force: bool) -> Result<(), WriteError> {
    if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs_utils::create_dir_all(parent)?;
    }
    match fs_utils::write_new(target, markdown.as_bytes()) {
        Err(e) if e.source.kind() == std::io::ErrorKind::AlreadyExists => {}
        other => return Ok(other?),
    }
    if !force {
        return Err(WriteError::Exists(target.to_path_buf()));
    }
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let is_plan = sources::classify(&name, true) == Role::Plan(lang.to_string());
    let is_file = std::fs::symlink_metadata(target).is_ok_and(|m| m.file_type().is_file());
    if !(is_plan && is_file) {
        return Err(WriteError::NotAPlanFile {
            path: target.to_path_buf(),
            lang: lang.to_string(),
        });
    }
    Ok(fs_utils::replace(target, markdown.as_bytes(), 0)?)
}
