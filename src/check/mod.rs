//! `check`: everything a build would find, and more, without writing a file.
//!
//! Content and theme are loaded and every page is rendered in memory; then
//! the rendered site is checked (every internal link and anchor resolves).
//! Every problem is reported, not only the first.

mod links;

use crate::content::{self, LoadOptions};
use crate::diagnostics::{self, Diagnostic};
use crate::render::{self, LinkStyle, MemorySink, RenderError};
use crate::theme::Theme;
use std::path::PathBuf;

/// Options of `handlingsplan check`.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    pub root: PathBuf,
}

/// Check the site at `opts.root`; returns every problem, sorted.
pub fn check(opts: &CheckOptions) -> Vec<Diagnostic> {
    // Drafts are checked too: CI should catch a mistake before it is published.
    let loaded = content::load(&LoadOptions {
        drafts: true,
        links: true,
        ..LoadOptions::new(&opts.root)
    });
    let mut diags = loaded.diagnostics;
    let theme = loaded.config.as_ref().and_then(|config| {
        let langs: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
        Theme::load(&opts.root, &config.theme, &langs)
            .map_err(|d| diags.extend(d))
            .ok()
    });
    if let (Some(site), Some(theme)) = (&loaded.site, &theme) {
        let sink = MemorySink::new();
        match render::render_site(site, theme, &sink, LinkStyle::Relative) {
            Ok(_) => diags.extend(links::check(site, &sink.into_files())),
            Err(RenderError::Template(d)) => diags.extend(d),
            Err(RenderError::Io(e)) => diags.push(Diagnostic::error("io", "", e.to_string())),
        }
    }
    let mut diags = crate::pipeline::with_snippets(&opts.root, diags);
    diagnostics::sort(&mut diags);
    diags.dedup_by(|a, b| (&a.file, a.line, a.col, a.code, &a.message) == (&b.file, b.line, b.col, b.code, &b.message));
    diags
}
