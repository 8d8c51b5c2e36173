//! `static/` beside `content/` (Zola's convention): files published at the
//! site root as they are — `CNAME`, `_redirects`, `_headers`, `favicon.ico`,
//! a site-verification file, `.well-known/`. Read by the rule the year
//! folders are read by: no links followed, no editor leftovers, no hidden
//! file unless `site.yaml` lists its name in `publish_hidden`.

use crate::diagnostics::Diagnostic;
use crate::fs_utils;
use crate::sources;
use std::path::Path;

/// The folder beside `content/` whose files are published at the site root.
pub const FOLDER: &str = "static";

/// The names of the files in `content/` that a new user puts there to have
/// them at the site root: `check` says where they belong.
const MEANT_FOR_ROOT: [&str; 5] = ["CNAME", "_redirects", "_headers", "favicon.ico", "robots.txt"];

/// Every file under `static/` of the site at `root`, as its path from the
/// root (`static/CNAME`), sorted; problems go to `diags`. `hidden` lists the
/// hidden names (`.well-known`) that may be published at the top of it.
pub fn read(root: &Path, hidden: &[String], diags: &mut Vec<Diagnostic>) -> Vec<String> {
    let dir = root.join(FOLDER);
    if !fs_utils::is_plain_folder(&dir) {
        if fs_utils::symlink_metadata(&dir).is_ok_and(|m| m.file_type().is_symlink()) {
            diags.push(sources::symlink_error(FOLDER));
        }
        return Vec::new();
    }
    let mut files = Vec::new();
    let walk = walkdir::WalkDir::new(&dir).follow_links(false).sort_by_file_name();
    let mut unusual = Vec::new();
    let wanted = walk.into_iter().filter_entry(|e| {
        if e.depth() == 0 {
            return true;
        }
        let name = e.file_name().to_string_lossy();
        if let Some(problem) = sources::name_problem(e.file_name()) {
            unusual.push(sources::name_error(&fs_utils::display_rel(root, e.path()), problem));
            return false;
        }
        let listed = e.depth() == 1 && hidden.iter().any(|h| *h == name);
        listed || !sources::is_leftover(&name)
    });
    for entry in wanted {
        match entry {
            Ok(e) if e.file_type().is_file() => files.push(fs_utils::display_rel(root, e.path())),
            Ok(e) if e.file_type().is_symlink() => {
                diags.push(sources::symlink_error(&fs_utils::display_rel(root, e.path())));
            }
            Ok(_) => {}
            Err(e) => diags.push(Diagnostic::error("io", FOLDER, e.to_string())),
        }
    }
    diags.extend(unusual);
    files
}

/// A file `name` in `content/` that was meant for the site root: a warning
/// that says where it belongs.
pub fn misplaced(name: &str) -> Option<Diagnostic> {
    let meant = MEANT_FOR_ROOT.iter().any(|m| m.eq_ignore_ascii_case(name));
    meant.then(|| {
        let message = format!("`content/{name}` is not published: files in content/ are the plans' and the brand's");
        Diagnostic::warning("not-published", format!("content/{name}"), message).with_hint(format!(
            "to publish it at the site root, move it to `{FOLDER}/{name}` beside `content/`"
        ))
    })
}

/// Where a file of `static/` (its path from the site's root) is published,
/// from the output's root.
pub fn published_at(source: &str) -> &str {
    source
        .strip_prefix(FOLDER)
        .and_then(|r| r.strip_prefix('/'))
        .unwrap_or(source)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_for_the_root_in_content_are_pointed_to_static() {
        for name in ["CNAME", "cname", "_redirects", "favicon.ico"] {
            assert!(misplaced(name).is_some(), "{name}");
        }
        for name in ["logo.svg", "delning.png", "site.yaml"] {
            assert!(misplaced(name).is_none(), "{name}");
        }
        assert_eq!(
            published_at("static/.well-known/security.txt"),
            ".well-known/security.txt"
        );
        assert_eq!(published_at("static/CNAME"), "CNAME");
    }
}
