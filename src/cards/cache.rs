//! The card cache read back as untrusted input: anyone who can write the
//! site's folder (a restored CI cache, a pull request) can plant a link or
//! another file under a card's name. So the cache's folders are used only
//! when they are real folders, entries are never followed through a link,
//! and a file is published as a card only once what was linked into the
//! output is a regular file that is a 1200×630 PNG; anything else is a miss.

use super::{CardError, HEIGHT, Painter, TAG, WIDTH, hex};
use crate::fs_utils::{self, FsError};
use std::hash::Hasher;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;

/// The bytes of a PNG's start that say it is a 1200×630 image: the
/// signature, then the IHDR chunk's length, name, width and height.
pub const HEAD: usize = 24;

/// The most a card can weigh: its pixels uncompressed, and then some.
const MAX_BYTES: u64 = 4 * (WIDTH as u64) * (HEIGHT as u64) + 64 * 1024;

/// Does a file that starts with `head` start as a card this program
/// draws (a PNG of 1200×630)? A secret linked into the cache does not.
pub fn is_card(head: &[u8]) -> bool {
    let be = |at: usize| {
        head.get(at..at + 4)
            .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    };
    head.starts_with(b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR") && be(16) == Some(WIDTH) && be(20) == Some(HEIGHT)
}

/// Why the cache cannot be used, if one of `folders` is a link or a file.
pub(super) fn unusable(folders: &[&Path]) -> Option<String> {
    folders
        .iter()
        .find_map(|folder| match std::fs::symlink_metadata(folder) {
            Ok(meta) if !meta.is_dir() => Some(format!(
                "`{}` is a link or a file where the card cache's folder should be",
                folder.display()
            )),
            _ => None,
        })
}

impl Painter {
    /// Where the card `svg` draws is kept in the cache (it may not be yet);
    /// `None` when the cache is not used.
    pub fn path_of(&self, svg: &[u8]) -> Option<PathBuf> {
        self.unusable
            .is_none()
            .then(|| self.dir.join(format!("{}.png", self.key(svg))))
    }

    /// Where the card whose page says what `content` hashes (the renderer's
    /// hash of the card's data and templates) is kept, once it has been made.
    pub fn path_by_content(&self, content: u128) -> Option<PathBuf> {
        let mut h = self.hasher();
        h.write_u128(content);
        self.unusable
            .is_none()
            .then(|| self.pages.join(format!("{}.png", hex(&h))))
    }

    /// Did this build draw a card into the cache (which then grew)?
    pub fn has_drawn(&self) -> bool {
        self.drawn.load(Ordering::Relaxed) > 0
    }

    /// How many cache entries this build refused, and why the cache was
    /// not used at all, if it was not: for a warning.
    pub fn problems(&self) -> (u64, Option<&str>) {
        (self.refused.load(Ordering::Relaxed), self.unusable.as_deref())
    }

    /// Keep the cached card `svg` draws under `content` too. Failing only
    /// costs the next build the SVG, so errors are dropped.
    pub fn remember(&self, svg: &[u8], content: u128) {
        let (Some(cached), Some(alias)) = (self.path_of(svg), self.path_by_content(content)) else {
            return;
        };
        self.note(&cached);
        self.note(&alias);
        if let Err(e) = fs_utils::link_or_copy(&cached, &alias)
            && e.is_not_found()
            && self.prepare(true).is_ok()
        {
            let _ = fs_utils::link_or_copy(&cached, &alias);
        }
    }

    /// The cache file of the card `svg` draws, drawn first if it is not
    /// there as a regular file; `Ok(None)` when the cache is not used.
    pub fn cached(&self, svg: &[u8]) -> Result<Option<PathBuf>, CardError> {
        let Some(path) = self.path_of(svg) else {
            return Ok(None);
        };
        if fs_utils::plain_file_len(&path).is_some() {
            return Ok(Some(path));
        }
        let png = self.paint(svg)?;
        self.prepare(false)?;
        // Written beside its name and renamed (over a link, never through
        // one): a build running at the same time sees the whole card or none.
        let tag = self.temp.fetch_add(1, Ordering::Relaxed);
        fs_utils::replace(&path, &png, tag)?;
        self.drawn.fetch_add(1, Ordering::Relaxed);
        Ok(Some(path))
    }

    /// The bytes of the card `svg` draws: from the cache if it holds a
    /// card there, else drawn (and kept).
    pub fn bytes(&self, svg: &[u8]) -> Result<Vec<u8>, CardError> {
        if let Some(path) = self.cached(svg)?
            && let Some(bytes) = read_card(&path)
        {
            return Ok(bytes);
        }
        self.paint(svg)
    }

    /// Create the cache's folders (`pages/` too when asked), each a real
    /// folder, and tag the cache as one, before the first card is kept.
    fn prepare(&self, pages: bool) -> Result<(), FsError> {
        let cache = self.dir.parent().unwrap_or(&self.dir);
        let folders: &[&Path] = match pages {
            true => &[cache, &self.dir, &self.pages],
            false => &[cache, &self.dir],
        };
        for folder in folders {
            fs_utils::ensure_dir(folder)?;
            if !fs_utils::symlink_metadata(folder)?.is_dir() {
                let link = std::io::Error::other("a link where the card cache's folder should be");
                return Err(FsError::new("refused", folder, link));
            }
        }
        match fs_utils::write_new(&cache.join("CACHEDIR.TAG"), TAG.as_bytes()) {
            Err(e) if e.source.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
            other => other,
        }
    }
}

/// The card at `path`, if it is a regular file (not a link) and a card.
pub(super) fn read_card(path: &Path) -> Option<Vec<u8>> {
    use std::io::Read;
    let file = fs_utils::open_nofollow(path).ok()?;
    let mut bytes = Vec::new();
    file.take(MAX_BYTES + 1).read_to_end(&mut bytes).ok()?;
    (is_card(&bytes) && bytes.len() as u64 <= MAX_BYTES).then_some(bytes)
}
