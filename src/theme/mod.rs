//! A theme: Tera templates, static files and UI strings per language.
//!
//! The default theme is embedded in the binary; files under
//! `themes/<name>/` override the embedded ones of the same path, so a site
//! without a `themes/` folder still builds and a site can change one
//! template without copying the rest.

mod compile;
mod errors;
mod strings;
use compile::engine;
pub use compile::{CARD_TEMPLATE, FOLLOW_UP_PARTIALS, FOLLOW_UP_TEMPLATES};
pub use strings::{fill, long_date, status_words};

pub use errors::template_error;

use crate::diagnostics::{Diagnostic, SourceFile};
use crate::fs_utils;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::OnceLock;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/default_theme.rs"));
}

/// UI strings of one language: key → text.
pub type Strings = BTreeMap<String, String>;

/// A file from the theme's `static/` folder.
#[derive(Debug, Clone)]
pub struct StaticFile {
    /// Path below `static/` in the theme, e.g. `style.css`.
    pub path: String,
    /// Path below `static/` in the output: stylesheets and scripts carry a
    /// hash of their content (`style.3f2a1b4c5d.css`), so a browser never
    /// uses a stale copy after a deploy.
    pub out_path: String,
    pub bytes: Cow<'static, [u8]>,
}

/// The output name of a static file: `name.<hash>.ext` for CSS and JS.
pub fn hashed_name(path: &str, bytes: &[u8]) -> String {
    use std::hash::Hasher;
    let Some((stem, ext)) = path.rsplit_once('.').filter(|(_, ext)| matches!(*ext, "css" | "js")) else {
        return path.to_string();
    };
    let mut h = siphasher::sip::SipHasher13::new_with_keys(0, 0);
    h.write(bytes);
    format!("{stem}.{:010x}.{ext}", h.finish() >> 24)
}

/// A loaded, compiled theme.
pub struct Theme {
    pub name: String,
    pub tera: tera::Tera,
    /// UI strings per language code.
    pub strings: BTreeMap<String, Strings>,
    pub statics: Vec<StaticFile>,
    /// The fonts share cards are drawn with (`fonts/*.otf`, `fonts/*.ttf`).
    pub fonts: Vec<Cow<'static, [u8]>>,
    /// Template name → its source, for locating render errors.
    sources: HashMap<String, SourceFile>,
    /// Were [`FOLLOW_UP_TEMPLATES`] compiled?
    follow_up: bool,
    /// Are the templates and UI strings the built-in theme's, byte for byte?
    builtin_pages: bool,
    /// The built-in card template, compiled on its own when first drawn
    /// (with the theme's other templates otherwise).
    card: OnceLock<Result<tera::Tera, String>>,
}

impl std::fmt::Debug for Theme {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Theme")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

/// A file of the built-in theme (`fonts/Inter-Bold.otf`).
pub fn builtin(path: &str) -> Option<&'static [u8]> {
    embedded::FILES
        .iter()
        .find(|(rel, _)| *rel == path)
        .map(|(_, bytes)| *bytes)
}

/// The built-in theme's UI strings of `rel` (`i18n/sv.yaml`), parsed when
/// the binary was built, as (key, text) in key order — when `bytes` are
/// that file's: a theme that copies the file unchanged gets them too.
fn builtin_strings(rel: &str, bytes: &[u8]) -> Option<&'static [(&'static str, &'static str)]> {
    (builtin(rel)? == bytes).then(|| builtin_table(rel)).flatten()
}

/// The built-in theme's UI strings of `rel`, parsed when the binary was built.
fn builtin_table(rel: &str) -> Option<&'static [(&'static str, &'static str)]> {
    embedded::STRINGS
        .iter()
        .find(|(path, _)| *path == rel)
        .map(|(_, pairs)| *pairs)
}

/// A file of the theme with the path shown in messages.
struct ThemeFile {
    display: String,
    bytes: Cow<'static, [u8]>,
}

impl Theme {
    /// Theme path below `static/` → output path below `static/` (see [`StaticFile::out_path`]).
    pub fn asset_paths(&self) -> impl Iterator<Item = (&str, &str)> {
        self.statics.iter().map(|f| (f.path.as_str(), f.out_path.as_str()))
    }

    /// Load theme `name` from `<root>/themes/<name>/`, falling back to the
    /// embedded default theme for every file it does not have; with the
    /// follow-up templates when `follow_up`.
    pub fn load(root: &Path, name: &str, languages: &[&str], follow_up: bool) -> Result<Theme, Vec<Diagnostic>> {
        let files = collect_files(root, name)?;
        let builtin_pages = files
            .iter()
            .filter(|(rel, _)| rel.starts_with("templates/") || rel.starts_with("i18n/"))
            .all(|(rel, file)| builtin(rel) == Some(&*file.bytes));
        let mut diags = Vec::new();
        let mut sources = HashMap::new();
        let mut templates = Vec::new();
        let mut statics = Vec::new();
        let mut string_files = BTreeMap::new();
        let mut fonts = Vec::new();
        for (rel, file) in &files {
            if let Some(t) = rel.strip_prefix("templates/") {
                match std::str::from_utf8(&file.bytes) {
                    Ok(text) => {
                        sources.insert(t.to_string(), SourceFile::new(file.display.clone(), text));
                        templates.push((t.to_string(), text));
                    }
                    Err(_) => diags.push(Diagnostic::error(
                        "not-utf8",
                        &file.display,
                        "template is not UTF-8 text",
                    )),
                }
            } else if let Some(s) = rel.strip_prefix("static/") {
                statics.push(StaticFile {
                    path: s.to_string(),
                    out_path: hashed_name(s, &file.bytes),
                    bytes: file.bytes.clone(),
                });
            } else if let Some(lang) = rel.strip_prefix("i18n/").and_then(|r| r.strip_suffix(".yaml")) {
                string_files.insert(lang.to_string(), file);
            } else if rel.starts_with("fonts/") && (rel.ends_with(".otf") || rel.ends_with(".ttf")) {
                fonts.push(file.bytes.clone());
            }
        }
        compile::at_start(&mut templates, builtin_pages, follow_up);
        let mut tera = engine();
        if let Err(e) = tera.add_raw_templates(templates) {
            diags.push(template_error(&e, &sources));
        }
        let strings = strings::load(name, &string_files, languages, &mut diags);
        if !diags.is_empty() {
            return Err(diags);
        }
        Ok(Theme {
            name: name.to_string(),
            tera,
            strings,
            statics,
            fonts,
            sources,
            follow_up,
            builtin_pages,
            card: OnceLock::new(),
        })
    }

    /// Render the share card template with `ctx` into `out`.
    pub fn render_card(&self, ctx: &tera::Context, out: &mut Vec<u8>) -> Result<(), tera::Error> {
        if !self.builtin_pages {
            return self.tera.render_to(CARD_TEMPLATE, ctx, out);
        }
        let card = self.card.get_or_init(|| {
            let mut tera = engine();
            let text = self.sources.get(CARD_TEMPLATE).map_or("", |s| &*s.text);
            tera.add_raw_template(CARD_TEMPLATE, text).map_err(|e| e.to_string())?;
            Ok(tera)
        });
        match card {
            Ok(tera) => tera.render_to(CARD_TEMPLATE, ctx, out),
            Err(message) => Err(tera::Error::message(message)),
        }
    }

    /// Warnings about the UI strings: a language still in English.
    pub fn warnings(&self) -> Vec<Diagnostic> {
        strings::untranslated(&self.name, &self.strings)
    }

    /// Can it render a year with follow-up (see [`FOLLOW_UP_TEMPLATES`])?
    pub fn has_follow_up_templates(&self) -> bool {
        self.follow_up
    }

    /// Turn a Tera error into a diagnostic pointing into the template.
    pub fn error(&self, e: &tera::Error) -> Diagnostic {
        template_error(e, &self.sources)
    }

    /// Where `text` is written in the templates (the first place, in the
    /// order of their names), to point at a problem a template made.
    pub fn find(&self, text: &str) -> Option<(&SourceFile, std::ops::Range<usize>)> {
        let mut names: Vec<&String> = self.sources.keys().collect();
        names.sort();
        names.into_iter().find_map(|name| {
            let src = &self.sources[name];
            src.text.find(text).map(|at| (src, at..at + text.len()))
        })
    }

    /// A hash of every template's name and text: all a rendered file
    /// depends on besides its context.
    pub fn templates_hash(&self) -> u128 {
        use std::hash::Hasher;
        let mut names: Vec<&String> = self.sources.keys().collect();
        names.sort();
        let mut h = siphasher::sip128::SipHasher13::new();
        for name in names {
            let text = &self.sources[name].text;
            for part in [name.as_bytes(), text.as_bytes()] {
                h.write_usize(part.len());
                h.write(part);
            }
        }
        siphasher::sip128::Hasher128::finish128(&h).as_u128()
    }

    /// Are the templates and UI strings the built-in theme's? Its links are
    /// made only from the URLs the renderer gives (tested on every
    /// fixture), so a build need not read its pages back to check them.
    pub fn is_builtin(&self) -> bool {
        self.builtin_pages
    }

    /// The path shown for template `name` (`themes/default/templates/area.html`).
    pub fn template_path(&self, name: &str) -> Option<&str> {
        self.sources.get(name).map(|s| s.path.as_str())
    }
}

/// The embedded default files, overridden by those on disk.
fn collect_files(root: &Path, name: &str) -> Result<BTreeMap<String, ThemeFile>, Vec<Diagnostic>> {
    let mut files: BTreeMap<String, ThemeFile> = embedded::FILES
        .iter()
        .map(|(rel, bytes)| {
            let display = format!("themes/default/{rel}");
            let file = ThemeFile {
                display,
                bytes: Cow::Borrowed(*bytes),
            };
            (rel.to_string(), file)
        })
        .collect();
    let dir = root.join("themes").join(name);
    match theme_folder(root, name, &dir)? {
        false => Ok(files),
        true => {
            files.extend(read_folder(root, &dir)?);
            Ok(files)
        }
    }
}

/// Is there a folder for theme `name` to read (`false` for the built-in
/// default theme without one)? An error when the name could lead anywhere
/// else, or names no folder.
fn theme_folder(root: &Path, name: &str, dir: &Path) -> Result<bool, Vec<Diagnostic>> {
    let error = |code, message: String, hint| {
        Err(vec![
            Diagnostic::error(code, "content/site.yaml", message).with_hint(hint),
        ])
    };
    let is_link = |path: &Path| std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if !crate::content::is_theme_name(name) || is_link(&root.join("themes")) || is_link(dir) {
        let message = format!("theme `{name}` is not a folder under themes/ that can be read");
        return error(
            "invalid-theme",
            message,
            "a theme is a folder `themes/<name>/` (not a symbolic link); `theme:` names it",
        );
    }
    match (fs_utils::exists(dir), name) {
        (true, _) => Ok(true),
        (false, "default") => Ok(false),
        (false, _) => {
            let message = format!("theme `{name}` not found: `themes/{name}/` does not exist");
            error(
                "unknown-theme",
                message,
                "create the folder, or use `theme: default` (the built-in theme)",
            )
        }
    }
}

/// Every file in the theme folder `dir`, by its path in the theme. Editors'
/// leftovers and hidden files are skipped by the same rule as in `content/`;
/// links and files too large are errors.
fn read_folder(root: &Path, dir: &Path) -> Result<Vec<(String, ThemeFile)>, Vec<Diagnostic>> {
    let mut files = Vec::new();
    let mut diags = Vec::new();
    let walk = walkdir::WalkDir::new(dir).follow_links(false).sort_by_file_name();
    let skip_leftovers = walk
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !crate::sources::is_leftover(&e.file_name().to_string_lossy()));
    for entry in skip_leftovers {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                diags.push(Diagnostic::error("io", fs_utils::display_rel(root, dir), e.to_string()));
                continue;
            }
        };
        let display = fs_utils::display_rel(root, entry.path());
        if entry.file_type().is_symlink() {
            diags.push(crate::sources::symlink_error(&display));
        } else if entry.file_type().is_file() {
            let rel = fs_utils::display_rel(dir, entry.path());
            match read_theme_file(entry.path(), &rel, &display) {
                Ok(bytes) => files.push((
                    rel,
                    ThemeFile {
                        display,
                        bytes: Cow::Owned(bytes),
                    },
                )),
                Err(d) => diags.push(d),
            }
        }
    }
    if diags.is_empty() { Ok(files) } else { Err(diags) }
}

/// A theme file's bytes: at most 10 MiB, or 64 MiB in `static/` (a font, an image).
fn read_theme_file(path: &Path, rel: &str, display: &str) -> Result<Vec<u8>, Diagnostic> {
    let limit = match rel.starts_with("static/") {
        true => MAX_STATIC_BYTES,
        false => crate::sources::MAX_BYTES,
    };
    match fs_utils::read_limited(path, limit) {
        Ok(Some(bytes)) => Ok(bytes),
        Ok(None) => Err(Diagnostic::error(
            "file-too-large",
            display,
            format!("`{display}` is larger than {} MiB", limit >> 20),
        )),
        Err(e) => Err(Diagnostic::error("io", display, e.to_string())),
    }
}

/// The largest file a theme's `static/` may hold (a font, an image).
const MAX_STATIC_BYTES: u64 = 64 * 1024 * 1024;

/// The embedded default theme's files, for tests and `themes/README.md`.
pub fn embedded_files() -> &'static [(&'static str, &'static [u8])] {
    embedded::FILES
}

#[cfg(test)]
mod tests;
