//! `build --prune-cache`: removing from the card cache what the build did
//! not use, after proving the folder is the cache this program made.

use super::{Painter, TAG};
use crate::fs_utils::{self, FsError};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Why the cache was not pruned.
#[derive(Debug, thiserror::Error)]
pub enum PruneError {
    #[error("`{}` is not the cache folder handlingsplan made ({why}); nothing was deleted", .path.display())]
    NotOurs { path: PathBuf, why: &'static str },
    #[error(transparent)]
    Io(#[from] FsError),
}

impl Painter {
    /// Note the cache file `path` as used by this build, when pruning.
    pub fn note(&self, path: &Path) {
        if let Some(used) = &self.used {
            used.lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(path.to_path_buf());
        }
    }

    /// Delete the cards in the cache that this build did not use (a card
    /// kept under its SVG's hash stays while its file is used under any
    /// name; one under its page data's hash only if that name was used):
    /// only files named like a card, in the two folders the painter writes,
    /// each a real folder inside a cache marked by its tag. Returns how many
    /// files went.
    pub fn prune(&self) -> Result<usize, PruneError> {
        let Some(used) = &self.used else {
            return Ok(0);
        };
        let used = std::mem::take(&mut *used.lock().unwrap_or_else(|e| e.into_inner()));
        let cache = self.dir.parent().unwrap_or(&self.dir);
        if !fs_utils::exists(&self.dir) {
            return Ok(0);
        }
        prove_ours(cache)?;
        let kept = identities(&used)?;
        self.delete_unused(&used, &kept, false)
    }

    /// Keep the cache bounded without being asked to prune it: after a
    /// build that drew cards (the only way it grows), when it holds more
    /// than `slack` names beyond four per card of the output (two names a
    /// card, each as drawn before a change), delete the cards that none of
    /// `output_cards` (the output's card files) is. Returns how many went.
    /// Only where files have identities (Unix); elsewhere `--prune-cache`.
    pub fn keep_bounded(&self, output_cards: &[PathBuf], slack: usize) -> Result<usize, PruneError> {
        if !self.has_drawn() || self.unusable.is_some() || cfg!(not(unix)) {
            return Ok(0);
        }
        let count = |dir: &Path| std::fs::read_dir(dir).map_or(0, |d| d.count());
        if count(&self.dir) + count(&self.pages) <= 4 * output_cards.len() + slack {
            return Ok(0);
        }
        prove_ours(self.dir.parent().unwrap_or(&self.dir))?;
        let kept = identities(&output_cards.iter().cloned().collect())?;
        self.delete_unused(&HashSet::new(), &kept, true)
    }

    /// Delete the card files not in `used` whose file is not one of `kept`
    /// (by identity): under their SVG's name always, under their page
    /// data's name only when `pages_by_identity` (else only by `used`).
    fn delete_unused(
        &self,
        used: &HashSet<PathBuf>,
        kept: &HashSet<(u64, u64)>,
        pages_by_identity: bool,
    ) -> Result<usize, PruneError> {
        let mut deleted = 0;
        for folder in [&self.dir, &self.pages] {
            match fs_utils::symlink_metadata(folder) {
                Err(e) if e.is_not_found() => continue,
                meta => {
                    if !meta?.is_dir() {
                        return Err(not_ours(folder, "a link or a file where a folder should be"));
                    }
                }
            }
            for entry in fs_utils::read_dir_sorted(folder)? {
                let path = entry.path();
                let name = entry.file_name();
                if !name.to_str().is_some_and(is_card_name) || used.contains(&path) {
                    continue;
                }
                let meta = fs_utils::symlink_metadata(&path)?;
                let by_identity = pages_by_identity || folder == &self.dir;
                if meta.is_file() && !(by_identity && identity(&meta).is_some_and(|id| kept.contains(&id))) {
                    fs_utils::remove_file(&path)?;
                    deleted += 1;
                }
            }
        }
        Ok(deleted)
    }
}

fn not_ours(path: &Path, why: &'static str) -> PruneError {
    PruneError::NotOurs {
        path: path.to_path_buf(),
        why,
    }
}

/// The cache folder is a real folder (not a link to one) holding the tag
/// this program writes there.
fn prove_ours(cache: &Path) -> Result<(), PruneError> {
    if !fs_utils::symlink_metadata(cache)?.is_dir() {
        return Err(not_ours(cache, "it is a link or a file, not a folder"));
    }
    let tag = std::fs::read(cache.join("CACHEDIR.TAG")).unwrap_or_default();
    if tag != TAG.as_bytes() {
        return Err(not_ours(
            cache,
            "its CACHEDIR.TAG is missing or not the one handlingsplan writes",
        ));
    }
    Ok(())
}

/// A cache file's name: 32 hex digits and `.png`.
fn is_card_name(name: &str) -> bool {
    name.strip_suffix(".png")
        .is_some_and(|hex| hex.len() == 32 && hex.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')))
}

/// The files behind the names a build used: a card found under one name
/// (its page data) keeps its other name (its SVG) too, so that a change to
/// a page template, which misses the first, still finds the second.
fn identities(used: &HashSet<PathBuf>) -> Result<HashSet<(u64, u64)>, FsError> {
    let mut ids = HashSet::new();
    for path in used {
        match fs_utils::symlink_metadata(path) {
            Err(e) if e.is_not_found() => {}
            meta => ids.extend(identity(&meta?)),
        }
    }
    Ok(ids)
}

/// Device and inode, where the platform has them (elsewhere a card is kept
/// only under the names the build used).
fn identity(meta: &std::fs::Metadata) -> Option<(u64, u64)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some((meta.dev(), meta.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        None
    }
}

#[cfg(test)]
mod tests {
    use super::is_card_name;

    #[test]
    fn only_names_the_cache_gives_count_as_cards() {
        let table = [
            ("0123456789abcdef0123456789abcdef.png", true),
            ("0123456789ABCDEF0123456789abcdef.png", false),
            ("0123456789abcdef0123456789abcde.png", false),
            ("0123456789abcdef0123456789abcdef.png.bak", false),
            ("0123456789abcdef0123456789abcdef.svg", false),
            ("logo.png", false),
            ("CACHEDIR.TAG", false),
            ("pages", false),
        ];
        for (name, card) in table {
            assert_eq!(is_card_name(name), card, "{name}");
        }
    }
}
