//! A share card put in place: the card stage's cache file linked at the
//! card's path, or its PNG written where the cache cannot be used.

use super::super::Renderer;
use crate::cards::{CardError, Drawn};
use crate::fs_utils::{FsError, Linked};
use std::path::Path;
use std::sync::atomic::Ordering;

impl Renderer<'_> {
    /// Put the card `svg` draws at `path`: its cache file linked (drawn
    /// into the cache first if need be, and drawn again once if the file
    /// there was refused), or, where the cache cannot be used, the PNG.
    pub(super) fn put_card(&self, path: &str, svg: &[u8], content: u128) -> Result<(), CardError> {
        for _ in 0..2 {
            let from = match self.cards.draw(svg)? {
                Drawn::Cached(from) => from,
                Drawn::Png(bytes) | Drawn::Checked(bytes) => return self.put_bytes(path, &bytes),
            };
            if self.put_cached(&from, Some(svg), content, path)? {
                return Ok(());
            }
        }
        self.put_bytes(path, &self.cards.paint(svg)?)
    }

    fn put_bytes(&self, path: &str, bytes: &[u8]) -> Result<(), CardError> {
        self.sink.file(path, bytes)?;
        self.files.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// Link the cache file `from` at `path` as the card of `content` (made
    /// from `svg` when given); `false` when it is missing or refused.
    pub(super) fn put_cached(
        &self,
        from: &Path,
        svg: Option<&[u8]>,
        content: u128,
        path: &str,
    ) -> Result<bool, FsError> {
        match self.sink.link_card(from, path)? {
            Linked::Yes => {
                self.cards.linked(from, svg, content);
                self.files.fetch_add(1, Ordering::Relaxed);
                Ok(true)
            }
            Linked::Refused => {
                self.cards.refused(from);
                Ok(false)
            }
            Linked::Missing => Ok(false),
        }
    }
}
