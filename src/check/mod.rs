//! `check`: everything a build would find, and more, without writing a file.
//!
//! Content and theme are loaded and every page is rendered in memory, read
//! for its ids and links where it is made and let go; then the rendered
//! site is checked (every internal link and anchor resolves).
//! Every problem is reported in one run: each stage runs on whatever the
//! stages before it could read, and only what truly depends on a failed
//! piece is skipped — said once, as a note.

mod publication;

pub use publication::{Publication, publication};

use crate::diagnostics::{self, Diagnostic};
use crate::linkcheck::SiteReading;
use crate::model::Site;
use crate::pipeline::{self, LoadOptions, Theme};
use crate::render::memory::MemoryFile;
use crate::render::{self, LinkStyle, MemorySink, RenderError};
use std::path::PathBuf;

/// Options of `handlingsplan check`.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    pub root: PathBuf,
    /// Replaces `base_url` from `site.yaml` (`--base-url`).
    pub base_url: Option<String>,
}

/// What `check` found.
#[derive(Debug)]
pub struct Checked {
    /// Every problem, sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// What `build` would publish, when the settings could be read.
    pub publication: Option<Publication>,
}

/// Check the site at `opts.root`: every problem, and what `build` would publish.
pub fn check(opts: &CheckOptions) -> Checked {
    // Drafts are checked too: CI should catch a mistake before it is published.
    let inspection = pipeline::inspect(&LoadOptions {
        drafts: true,
        links: true,
        base_url: opts.base_url.clone(),
        ..LoadOptions::new(&opts.root)
    });
    let mut diags = inspection.diagnostics;
    let publication = inspection.site.as_ref().map(|site| {
        let publication = publication(site);
        if publication.published.is_empty() && !publication.held_back.is_empty() {
            diags.push(crate::content::no_plans(publication.held_back.len()));
        }
        publication
    });
    match (&inspection.site, &inspection.theme) {
        (None, _) => diags.push(Diagnostic::not_checked(
            "content/site.yaml",
            "translations, follow-up, links and templates were not checked: they need the site settings",
        )),
        (Some(site), Some(theme)) => diags.extend(rendered(site, theme)),
        (Some(site), None) => {
            let theme_file = format!("themes/{}", site.config.theme);
            let file = diags
                .iter()
                .find(|d| d.file.starts_with("themes/"))
                .map_or(theme_file, |d| d.file.clone());
            diags.push(Diagnostic::not_checked(
                file,
                "links were not checked: the pages cannot be made without the theme",
            ));
        }
    }
    let mut diags = crate::sources::with_snippets(&opts.root, diags);
    diagnostics::sort_dedup(&mut diags);
    Checked {
        diagnostics: diags,
        publication,
    }
}

/// Render `site` (as far as it could be read), reading each page for its
/// ids and links as it is made, and check its links: the template errors,
/// and every broken link of the pages that rendered.
fn rendered(site: &Site, theme: &Theme) -> Vec<Diagnostic> {
    let sink = MemorySink::keeping(crate::linkcheck::keep);
    let (mut diags, unrendered) = match render::render_site(site, theme, sink.checking(), LinkStyle::Relative) {
        Ok(_) => (Vec::new(), Vec::new()),
        Err(RenderError::Template { errors, unrendered }) => (errors, unrendered),
        Err(RenderError::Content(errors)) => (errors, Vec::new()),
        Err(RenderError::Io(e)) => return vec![Diagnostic::error("io", "", e.to_string())],
    };
    if let (Some(first), false) = (diags.first(), unrendered.is_empty()) {
        let note = format!(
            "links to the {} page(s) that could not be made were not checked (e.g. `public/{}`)",
            unrendered.len(),
            unrendered[0]
        );
        let file = first.file.clone();
        diags.push(Diagnostic::not_checked(file, note));
    }
    let files: SiteReading = (sink.into_files().into_iter())
        .map(|(path, file)| (path, if let MemoryFile::Bytes(page) = file { page } else { None }))
        .collect();
    diags.extend(crate::linkcheck::check(site, theme, &files, &unrendered));
    diags
}
