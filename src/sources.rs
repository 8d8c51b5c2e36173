//! Which files under `content/` are sources, which are published beside the
//! pages, and which are an editor's or an operating system's leftovers: one
//! rule, used by `build`, `check` and `serve` alike.

mod yaml_strings;
use crate::diagnostics::{Diagnostic, SourceFile};
use crate::fs_utils;
use std::path::Path;
pub use yaml_strings::{quoted, unusual_in_yaml_file};

/// The name of the follow-up file in a year folder.
pub const FOLLOW_UP: &str = "follow-up.yaml";

/// The folder of dated follow-up reports in a year folder
/// (`follow-up/<YYYY-MM-DD>.yaml`): read, never published.
pub const REPORTS: &str = "follow-up";

/// Input files larger than this are refused: a plan is a few kilobytes, and
/// the limit keeps a runaway (or hostile) file from exhausting memory.
pub const MAX_BYTES: u64 = 10 * 1024 * 1024;

/// Read an input file (a plan, a follow-up file, `site.yaml`, a template,
/// UI strings), named `rel` in messages: a regular file — never read
/// through a symbolic link, which could lead anywhere (`/proc/self/environ`,
/// `/dev/zero`) — of at most [`MAX_BYTES`], UTF-8 with an optional
/// byte-order mark. `Ok(None)` when there is no such file.
pub fn read_text(path: &Path, rel: &str) -> Result<Option<SourceFile>, Diagnostic> {
    let meta = match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(Diagnostic::error(
                "io",
                rel,
                fs_utils::FsError::new("could not inspect", path, e).to_string(),
            ));
        }
        Ok(meta) => meta,
    };
    if meta.file_type().is_symlink() {
        return Err(symlink_error(rel));
    }
    if !meta.is_file() {
        return Err(
            Diagnostic::error("not-a-file", rel, format!("`{rel}` is not a regular file"))
                .with_hint("input files are plain text files"),
        );
    }
    let bytes = match fs_utils::read_limited(path, MAX_BYTES) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => {
            return Err(Diagnostic::error(
                "file-too-large",
                rel,
                format!("`{rel}` is larger than {} MiB", MAX_BYTES >> 20),
            )
            .with_hint("a plan or a settings file is normally a few kilobytes; check that this is the right file"));
        }
        Err(e) => return Err(Diagnostic::error("io", rel, e.to_string())),
    };
    decode(rel, &bytes).map(Some)
}

/// A character that has no place in text a page shows, named for messages:
/// control characters (but tab and line breaks), a byte-order mark inside a
/// file, and the invisible marks that reorder text (which can make a line
/// read differently from what it holds).
pub fn unusual_character(c: char) -> Option<&'static str> {
    Some(match c {
        '\t' | '\n' | '\r' => return None,
        '\u{feff}' => "a byte-order mark (U+FEFF), invisible, probably pasted from another document",
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => "an invisible mark that reorders text",
        c if c.is_control() => "a control character",
        _ => return None,
    })
}

/// Every unusual character (see [`unusual_character`]) in `src`, at its
/// place: one error per line, naming the character.
pub fn unusual_characters(src: &SourceFile) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let mut last_line = 0;
    // Only bytes that can start such a character are looked at, and only
    // in the blocks that hold one (every plan and report is read this way).
    const BLOCK: usize = 64;
    let blocks = src.text.as_bytes().chunks(BLOCK).enumerate();
    let candidates = blocks
        .filter(|(_, block)| block.iter().fold(false, |any, &b| any | may_start_unusual(b)))
        .flat_map(|(i, block)| {
            (block.iter().enumerate()).filter_map(move |(j, &b)| may_start_unusual(b).then_some(i * BLOCK + j))
        });
    for at in candidates {
        let Some(c) = src.text[at..].chars().next() else {
            continue;
        };
        let Some(what) = unusual_character(c) else { continue };
        let line = src.pos(at).line;
        if line != last_line {
            last_line = line;
            diags.push(
                Diagnostic::error_at("unusual-character", src, at..at + c.len_utf8(), format!("the text holds {what} (U+{:04X})", c as u32))
                    .with_hint("delete it: it is not shown, or shown as a box, and it can make a line mean something else than it shows"),
            );
        }
    }
    diags
}

/// Can `b` start an unusual character (see [`unusual_character`])? Tabs and
/// line breaks cannot.
fn may_start_unusual(b: u8) -> bool {
    (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0x7f || matches!(b, 0xc2 | 0xe2 | 0xef)
}

/// What is wrong with `name` (of a file or folder under `content/`) for a
/// site, if anything: not UTF-8, or holding a control character. Such a
/// name cannot be written into a page or a URL as it is.
pub fn name_problem(name: &std::ffi::OsStr) -> Option<&'static str> {
    match name.to_str() {
        None => Some("a name that is not UTF-8 text"),
        Some(n) if n.contains(char::is_control) => Some("a name with a control character (such as a line break)"),
        Some(_) => None,
    }
}

/// A file or folder under `content/` that cannot be part of a site.
pub fn name_error(rel: &str, problem: &str) -> Diagnostic {
    Diagnostic::error(
        "unusual-file",
        rel,
        format!("`{rel}` has {problem}").replace("has not a", "is not a"),
    )
    .with_hint("rename it with letters, digits, spaces, `-`, `_` and `.`, or move it out of content/")
}

/// A symbolic link where content is read: an error, since it could lead
/// anywhere (outside the site, into a loop, to a device).
pub fn symlink_error(rel: &str) -> Diagnostic {
    Diagnostic::error(
        "symlink-not-read",
        rel,
        format!("`{rel}` is a symbolic link: nothing under content/ is read through one"),
    )
    .with_hint("a link could lead outside the site: copy the file or folder into place instead")
}

/// Decode an input file's bytes: UTF-8, with an optional byte-order mark.
pub fn decode(file: &str, bytes: &[u8]) -> Result<SourceFile, Diagnostic> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile::new(file, text)),
        Err(e) => {
            let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).expect("prefix is valid");
            let pos = SourceFile::new(file, valid).pos(valid.len());
            Err(Diagnostic::error(
                "not-utf8",
                file,
                format!(
                    "the file is not UTF-8 text (invalid byte 0x{:02X})",
                    bytes[e.valid_up_to()]
                ),
            )
            .with_pos(pos.line, pos.col)
            .with_hint("save the file as UTF-8 in your editor (e.g. \"Save with encoding → UTF-8\")"))
        }
    }
}

/// What a file in a year folder (or one of its sub-folders) is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    /// `plan.<lang>.md` in the year folder itself.
    Plan(String),
    /// `follow-up.yaml` in the year folder itself.
    FollowUp,
    /// `follow-up/` in the year folder itself: dated reports.
    Reports,
    /// Looks like a plan file but its language part is wrong (`plan.md`, `plan.SV.md`).
    BadPlanName,
    /// Markdown or YAML that is not read: a source, never published.
    Source,
    /// An editor's backup, auto-save, swap or lock file, an OS file, or a
    /// hidden file: never read, never published, no rebuild when it changes.
    Leftover,
    /// Anything else: an attachment, copied beside the year's pages.
    Asset,
}

impl Role {
    /// Is a file of this role copied into the site?
    pub fn is_published(&self) -> bool {
        *self == Role::Asset
    }
}

/// Editor backups, auto-saves, swap and lock files, OS files and hidden
/// files and folders: names that are never content. Compared without
/// regard to case, as Windows and macOS name them.
pub fn is_leftover(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let n = lower.as_str();
    n.starts_with('.') // hidden; also `.#plan.sv.md` (Emacs lock), `.~lock.x#` (LibreOffice)
        || n.starts_with("~$") // an open Word or Excel document's owner file
        || n.ends_with('~') // Emacs, gedit, nano backups
        || (n.len() > 1 && n.starts_with('#') && n.ends_with('#')) // Emacs auto-save
        || [".swp", ".swo", ".swx", ".bak", ".orig", ".rej", ".tmp", ".crswap"]
            .iter()
            .any(|ext| n.ends_with(ext))
        || is_os_file(n)
        || n == "4913" // Vim's test that it may write in the folder
}

/// The files an operating system leaves in folders it shows (Finder's
/// `.DS_Store`, Explorer's `Thumbs.db` and `desktop.ini`).
pub fn is_os_file(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    matches!(
        lower.as_str(),
        ".ds_store" | "thumbs.db" | "desktop.ini" | "ehthumbs.db"
    )
}

/// Markdown and YAML: the formats content is written in, never published.
pub fn is_source_format(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [".md", ".markdown", ".yaml", ".yml"]
        .iter()
        .any(|ext| lower.ends_with(ext))
}

/// What the file `name` is. `top` is true in the year folder itself (where
/// plan and follow-up files live), false in its sub-folders.
pub fn classify(name: &str, top: bool) -> Role {
    if is_leftover(name) {
        return Role::Leftover;
    }
    if top {
        if name == FOLLOW_UP {
            return Role::FollowUp;
        }
        if name == REPORTS {
            return Role::Reports;
        }
        if let Some(lang) = plan_language(name) {
            let exact = name.starts_with("plan.") && name.ends_with(".md");
            return match exact && is_lang_code(lang) {
                true => Role::Plan(lang.to_string()),
                false => Role::BadPlanName,
            };
        }
        if name.eq_ignore_ascii_case("plan.md") {
            return Role::BadPlanName;
        }
    }
    if is_source_format(name) {
        Role::Source
    } else {
        Role::Asset
    }
}

/// `plan.sv.md` → `sv`: the middle of a name that looks like a plan file
/// (`plan.` and `.md` in any case, so `Plan.sv.MD` is reported rather than
/// published as an attachment). The caller checks the rest.
fn plan_language(name: &str) -> Option<&str> {
    let lower = name.to_ascii_lowercase();
    let looks = lower.len() > "plan..md".len() && lower.starts_with("plan.") && lower.ends_with(".md");
    looks.then(|| &name["plan.".len()..name.len() - ".md".len()])
}

/// The year a folder under `content/` holds: four digits, 1000–9999.
/// `0999` would publish to `/999/` and is refused like any other name.
pub fn year_folder(name: &str) -> Option<u16> {
    let valid = name.len() == 4 && name.bytes().all(|b| b.is_ascii_digit()) && !name.starts_with('0');
    valid.then(|| name.parse().ok()).flatten()
}

/// `sv`, `en`, `sme`, `pt-br`: lowercase, 2–3 letters, optional region.
pub fn is_lang_code(code: &str) -> bool {
    let (lang, region) = code.split_once('-').unwrap_or((code, "x"));
    (2..=3).contains(&lang.len())
        && lang.bytes().all(|b| b.is_ascii_lowercase())
        && !region.is_empty()
        && region.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// Add source snippets to diagnostics that point into files under `root`,
/// read by the rule every input file is read by (never through a link).
pub fn with_snippets(root: &Path, mut diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    crate::diagnostics::attach_snippets(&mut diags, |file| {
        let src = read_text(&root.join(file), file).ok()??;
        Some(src.text.to_string())
    });
    diags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_folder_files_are_classified() {
        let plan = |l: &str| Role::Plan(l.into());
        let cases: &[(&str, bool, Role)] = &[
            ("plan.sv.md", true, plan("sv")),
            ("plan.en.md", true, plan("en")),
            ("plan.pt-br.md", true, plan("pt-br")),
            ("follow-up.yaml", true, Role::FollowUp),
            ("follow-up", true, Role::Reports),
            ("follow-up", false, Role::Asset),
            ("plan.md", true, Role::BadPlanName),
            ("Plan.md", true, Role::BadPlanName),
            ("plan.SV.md", true, Role::BadPlanName),
            ("Plan.sv.MD", true, Role::BadPlanName),
            ("plan.swedish.md", true, Role::BadPlanName),
            ("rapport.pdf", true, Role::Asset),
            ("karta.PNG", false, Role::Asset),
            ("bilaga-å.pdf", true, Role::Asset),
            ("rapport A.pdf", true, Role::Asset),
            ("Makefile", true, Role::Asset),
            // Sources: read or not, never published.
            ("anteckningar.md", true, Role::Source),
            ("README.markdown", true, Role::Source),
            ("follow-up.yml", true, Role::Source),
            ("data.YAML", false, Role::Source),
            ("plan.sv.md", false, Role::Source),
            ("follow-up.yaml", false, Role::Source),
            // Editor leftovers.
            ("plan.sv.md~", true, Role::Leftover),
            ("#plan.sv.md#", true, Role::Leftover),
            (".#plan.sv.md", true, Role::Leftover),
            (".plan.sv.md.swp", true, Role::Leftover),
            (".plan.sv.md.swo", true, Role::Leftover),
            ("plan.sv.md.swp", true, Role::Leftover),
            ("plan.sv.md.bak", true, Role::Leftover),
            ("plan.sv.md.BAK", true, Role::Leftover),
            ("plan.sv.md.orig", true, Role::Leftover),
            ("plan.sv.md.rej", true, Role::Leftover),
            ("rapport.pdf.tmp", true, Role::Leftover),
            ("~$rapport.docx", true, Role::Leftover),
            (".~lock.rapport.docx#", true, Role::Leftover),
            ("4913", true, Role::Leftover),
            // Operating systems.
            (".DS_Store", true, Role::Leftover),
            ("Thumbs.db", true, Role::Leftover),
            ("thumbs.db", false, Role::Leftover),
            ("desktop.ini", true, Role::Leftover),
            ("Desktop.ini", false, Role::Leftover),
            // Hidden.
            (".htaccess", true, Role::Leftover),
            (".git", false, Role::Leftover),
        ];
        for (name, top, want) in cases {
            assert_eq!(&classify(name, *top), want, "{name} (top: {top})");
        }
        assert!(Role::Asset.is_published());
        for role in [Role::Source, Role::Leftover, Role::FollowUp, plan("sv")] {
            assert!(!role.is_published(), "{role:?}");
        }
    }

    #[test]
    fn unusual_characters_are_found_where_they_are() {
        let src = SourceFile::new(
            "f",
            "ok åäö é ”citat” — emoji 👍\ttab\r\nbell\u{7} bom\u{feff} rlo\u{202e}x\nc1\u{85}\n",
        );
        let found: Vec<(usize, usize)> = unusual_characters(&src).iter().map(|d| (d.line, d.col)).collect();
        assert_eq!(found, [(2, 5), (3, 3)], "one report per line, at the first");
        assert!(unusual_characters(&SourceFile::new("f", "## Rubrik {#id}\n- Text med å\n")).is_empty());
        // Found in any block of the scan, and across the end of one.
        let long = format!(
            "{}\u{202e}x\n{}\u{7}\n{}",
            "a".repeat(63),
            "b".repeat(200),
            "– ”c” ".repeat(50)
        );
        let found: Vec<(usize, usize)> = (unusual_characters(&SourceFile::new("f", long.as_str())).iter())
            .map(|d| (d.line, d.col))
            .collect();
        assert_eq!(found, [(1, 64), (2, 201)]);
    }

    #[test]
    fn year_folders_are_four_digits_from_1000() {
        let cases = [
            ("2022", Some(2022)),
            ("1000", Some(1000)),
            ("9999", Some(9999)),
            ("0999", None),
            ("0000", None),
            ("22", None),
            ("20222", None),
            ("2o22", None),
            ("+202", None),
            ("drafts", None),
        ];
        for (name, want) in cases {
            assert_eq!(year_folder(name), want, "{name}");
        }
    }
}
