//! Removing an earlier output by its manifest: the listed files and the
//! folders that held them, relative to the output folder held open, one
//! plain name at a time, never through a link; the manifest last.

use super::{FILE, Manifest};
use crate::fs_utils::{FsError, held::Folder, held::Kind, held::Removed};
use crate::sources;
use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::path::Path;

/// The listed files as a tree of folders.
#[derive(Default)]
struct Node<'a> {
    files: Vec<&'a str>,
    folders: BTreeMap<&'a str, Node<'a>>,
}

impl<'a> Node<'a> {
    fn insert(&mut self, path: &'a str) {
        let mut node = self;
        let mut parts = path.split('/').peekable();
        while let Some(part) = parts.next() {
            match parts.peek() {
                Some(_) => node = node.folders.entry(part).or_default(),
                None => node.files.push(part),
            }
        }
    }
}

/// See [`Manifest::remove_listed`].
pub(super) fn listed(manifest: &Manifest, dir: &Path) -> Result<(), FsError> {
    let files: Vec<std::borrow::Cow<str>> = manifest.files().collect();
    let mut tree = Node::default();
    for file in &files {
        tree.insert(file);
    }
    let (parent, name) = held_in_parent(dir)?;
    let Some(top) = parent.open_folder(name)? else {
        return Ok(());
    };
    let parallel = manifest.text.len() > super::PARALLEL_FROM_BYTES;
    empty(&top, &tree, parallel)?;
    remove_os_files(&top)?;
    top.remove_file(OsStr::new(FILE))?;
    remove_folder(&parent, name)
}

/// The folder above `dir`, held open, and `dir`'s name in it: what every
/// removal of a whole output or staging folder starts from.
pub(in crate::output) fn held_in_parent(dir: &Path) -> Result<(Folder, &OsStr), FsError> {
    let (Some(parent), Some(name)) = (dir.parent(), dir.file_name()) else {
        return Err(FsError::new("refused", dir, std::io::ErrorKind::InvalidInput.into()));
    };
    Ok((Folder::open(parent)?, name))
}

/// Remove what `node` lists from `folder`, and each of its folders that is
/// left empty then.
fn empty(folder: &Folder, node: &Node, parallel: bool) -> Result<(), FsError> {
    use rayon::prelude::*;
    for file in &node.files {
        folder.remove_file(OsStr::new(file))?;
    }
    let below = |(name, child): (&&str, &Node)| -> Result<(), FsError> {
        let name = OsStr::new(*name);
        match folder.open_folder(name)? {
            Some(inner) => empty(&inner, child, parallel)?,
            None => return Ok(()),
        }
        remove_folder(folder, name)
    };
    match parallel && node.folders.len() > 1 {
        true => node.folders.par_iter().try_for_each(below),
        false => node.folders.iter().try_for_each(below),
    }
}

/// Remove the folder `name` from `parent` once its listed files are gone
/// (or, for an output that was empty, at once): the files an OS leaves
/// everywhere may go with it, nothing else.
pub(in crate::output) fn remove_folder(parent: &Folder, name: &OsStr) -> Result<(), FsError> {
    if parent.remove_empty(name)? != Removed::NotEmpty {
        return Ok(());
    }
    if let Some(inner) = parent.open_folder(name)? {
        remove_os_files(&inner)?;
    }
    match parent.remove_empty(name)? {
        Removed::NotEmpty => Err(FsError::new(
            "left in place",
            &parent.path().join(name),
            std::io::Error::new(
                std::io::ErrorKind::DirectoryNotEmpty,
                "it holds files the earlier build did not write",
            ),
        )),
        _ => Ok(()),
    }
}

fn remove_os_files(folder: &Folder) -> Result<(), FsError> {
    for (name, kind) in folder.entries()? {
        if kind == Kind::Other && name.to_str().is_some_and(sources::is_os_file) {
            folder.remove_file(&name)?;
        }
    }
    Ok(())
}
