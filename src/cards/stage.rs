//! Share cards as a stage of their own: `render` makes each card's SVG (or
//! only the hash of what it is made from) and asks the stage for the card;
//! the stage finds it made before or draws it, and says which file of the
//! cache to put in place. The sink only links that file ([`link_card`]).
//! A [`Painter`] is the stage of `build` and `serve`; `check` uses a
//! [`Checker`], which reads each SVG and draws nothing.

use super::cache::{HEAD, is_card};
use super::{CardError, Painter};
use crate::fs_utils::{self, FsError, Linked};
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;

/// A card, as the stage has it for `render` to put in place.
pub enum Drawn {
    /// A file of the cache, to be linked into place.
    Cached(PathBuf),
    /// The PNG itself: the cache cannot be used.
    Png(Vec<u8>),
    /// Only read, not drawn (`check`): the SVG.
    Checked(Vec<u8>),
}

/// What makes share cards, for `render`.
pub trait Cards: Sync {
    /// The card made before from what `content` hashes (the renderer's hash
    /// of the card's data and templates), if the cache has one.
    fn known(&self, content: u128) -> Option<PathBuf>;
    /// The card `svg` draws: found in the cache, or drawn.
    fn draw(&self, svg: &[u8]) -> Result<Drawn, CardError>;
    /// The PNG `svg` draws, drawn now (its cache file could not be linked).
    fn paint(&self, svg: &[u8]) -> Result<Vec<u8>, CardError>;
    /// The cache file `from` was put in place as the card of `content`;
    /// `svg` when it was drawn from that (so that it is known next time).
    fn linked(&self, from: &Path, svg: Option<&[u8]>, content: u128);
    /// The cache file `from` is not a card: it is counted and forgotten.
    fn refused(&self, from: &Path);
}

impl Cards for Painter {
    fn known(&self, content: u128) -> Option<PathBuf> {
        self.path_by_content(content)
    }

    fn draw(&self, svg: &[u8]) -> Result<Drawn, CardError> {
        Ok(match self.cached(svg)? {
            Some(path) => Drawn::Cached(path),
            None => Drawn::Png(Painter::paint(self, svg)?),
        })
    }

    fn paint(&self, svg: &[u8]) -> Result<Vec<u8>, CardError> {
        Painter::paint(self, svg)
    }

    fn linked(&self, from: &Path, svg: Option<&[u8]>, content: u128) {
        match svg {
            Some(svg) => self.remember(svg, content),
            None => self.note(from),
        }
    }

    fn refused(&self, from: &Path) {
        self.refused.fetch_add(1, Ordering::Relaxed);
        // Its name is removed from the cache, never what a link leads to.
        let _ = fs_utils::remove_file(from);
    }
}

/// `check`'s card stage: every SVG is read as the painter would read it;
/// nothing is drawn or kept.
pub struct Checker;

impl Cards for Checker {
    fn known(&self, _content: u128) -> Option<PathBuf> {
        None
    }

    fn draw(&self, svg: &[u8]) -> Result<Drawn, CardError> {
        super::validate(svg)?;
        Ok(Drawn::Checked(svg.to_vec()))
    }

    fn paint(&self, svg: &[u8]) -> Result<Vec<u8>, CardError> {
        super::validate(svg)?;
        Ok(svg.to_vec())
    }

    fn linked(&self, _from: &Path, _svg: Option<&[u8]>, _content: u128) {}

    fn refused(&self, _from: &Path) {}
}

/// Link the cache file `from` at `to` if it is a card: a link, or any file
/// that is not a 1200×630 PNG, is refused and nothing is left at `to`.
pub fn link_card(from: &Path, to: &Path) -> Result<Linked, FsError> {
    fs_utils::link_checked(from, to, HEAD, is_card)
}

/// The bytes of the cache file `from`, if it is a card (a regular file, not
/// a link, that is a 1200×630 PNG); `Linked::Missing` when there is none.
pub fn read_card(from: &Path) -> Result<Vec<u8>, Linked> {
    match super::cache::read_card(from) {
        Some(bytes) => Ok(bytes),
        None if std::fs::symlink_metadata(from).is_err() => Err(Linked::Missing),
        None => Err(Linked::Refused),
    }
}
