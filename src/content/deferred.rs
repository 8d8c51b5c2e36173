//! Which years' follow-up a build reads when it renders them instead of
//! when it opens the site: those read after a budget of entries is spent
//! (a long archive's), so that it holds a few years' reports at a time and
//! reads each report once.

use super::followup::reports::ReportFile;
use crate::sources;
use std::sync::atomic::{AtomicUsize, Ordering};

/// How many follow-up entries the years read so far may hold
/// ([`super::LoadOptions::keep_follow_up`]); shared by the years read in
/// parallel.
#[derive(Debug)]
pub struct Budget {
    held: AtomicUsize,
    limit: usize,
}

impl Budget {
    pub fn new(limit: usize) -> Self {
        Budget {
            held: AtomicUsize::new(0),
            limit,
        }
    }

    /// Reading as much as a session that keeps everything.
    pub fn unlimited() -> Self {
        Budget::new(usize::MAX)
    }

    /// Is there room for `entries` more? They are counted either way, so
    /// the years read first are the ones kept.
    fn admit(&self, entries: usize) -> bool {
        let before = self.held.fetch_add(entries, Ordering::Relaxed);
        before.saturating_add(entries) <= self.limit
    }
}

/// Is the follow-up in `files` (of a plan with `actions` actions) read when
/// its year is rendered? When the budget has no room for it and one of the
/// files writes an entry: a year whose reports write nothing has no
/// follow-up pages, and that must be known now. A file that cannot be read
/// is read now, so that its problem is reported where the others are.
pub fn later(budget: &Budget, actions: usize, files: &[ReportFile]) -> bool {
    // Each report can write every action, and the current state holds them once more.
    let entries = actions.saturating_mul(files.len() + 1);
    if budget.admit(entries) {
        return false;
    }
    let mut writes = false;
    for file in files {
        match sources::read_text(&file.path, &file.rel) {
            Ok(Some(src)) => writes |= writes_an_entry(&src.text),
            _ => return false,
        }
    }
    writes
}

/// Does this follow-up file surely write an entry: a line, not indented,
/// that starts a key (`innovation-1:`)? Only a file that does is read later:
/// one that writes nothing, or that this cannot tell (a flow mapping
/// `{innovation-1: …}`), is read now — reading it then costs little.
fn writes_an_entry(text: &str) -> bool {
    let starts_key = |c: char| c.is_alphanumeric() || matches!(c, '_' | '"' | '\'');
    text.lines()
        .any(|line| line.starts_with(starts_key) && line.contains(':'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_writes_an_entry_when_a_line_starts_a_key() {
        let table = [
            ("", false),
            ("\n\n", false),
            ("# nothing yet\n", false),
            ("---\n...\n", false),
            ("{}\n", false),
            ("~\n", false),
            ("null\n", false),
            ("{innovation-1: {status: done}}\n", false),
            ("  innovation-1:\n", false),
            ("innovation-1:\n  status: done\n", true),
            ("# q3\ninnovation-1:\n  status: done\n", true),
            ("---\ninnovation-1: {status: done}\n", true),
            ("\"innovation-1\":\n  status: done\n", true),
            ("scaleup:\n", true),
            ("innovation-1\n", false),
        ];
        for (text, expected) in table {
            assert_eq!(writes_an_entry(text), expected, "{text:?}");
        }
    }

    #[test]
    fn the_years_read_first_are_kept_until_the_budget_is_spent() {
        let budget = Budget::new(100);
        assert!(budget.admit(60));
        assert!(budget.admit(40));
        assert!(!budget.admit(1));
        // Counted though refused: a later small year is not kept either.
        assert!(!budget.admit(0));
        let unlimited = Budget::unlimited();
        assert!(unlimited.admit(usize::MAX) && unlimited.admit(usize::MAX));
    }

    #[test]
    fn a_year_with_room_or_without_entries_is_read_now() {
        let dir = tempfile::tempdir().unwrap();
        let file = |name: &str, text: &str| {
            let path = dir.path().join(name);
            std::fs::write(&path, text).unwrap();
            ReportFile {
                date: name.trim_end_matches(".yaml").into(),
                path,
                rel: format!("content/2022/follow-up/{name}"),
            }
        };
        let empty = [file("2022-03-31.yaml", "# nothing yet\n")];
        let written = [
            empty[0].clone(),
            file("2022-06-30.yaml", "innovation-1:\n  status: done\n"),
        ];
        assert!(!later(&Budget::new(1_000), 30, &written), "room for 90");
        assert!(later(&Budget::new(10), 30, &written));
        assert!(!later(&Budget::new(10), 30, &empty), "writes nothing");
        let missing = ReportFile {
            path: dir.path().join("gone.yaml"),
            ..written[1].clone()
        };
        assert!(
            !later(&Budget::new(10), 30, &[written[1].clone(), missing]),
            "one cannot be read"
        );
    }
}
