//! A zip package someone sends us — a workbook (`.xlsx`, `.ods`) or a
//! document (`.docx`, `.odt`) — opened within limits: the file's size, what
//! its parts inflate to (a zip bomb is refused before anything is inflated,
//! and again if a part lies about its size), and its member names (none
//! may climb out of the package, though nothing is ever extracted).

use std::io::{Cursor, Read};
use std::path::Path;

/// The most a package may weigh: more than any plan or follow-up sheet.
pub const MAX_BYTES: u64 = 16 * 1024 * 1024;
/// The most a package's parts may inflate to, in all.
pub const MAX_INFLATED: u64 = 64 * 1024 * 1024;

/// An open package; `what` ("workbook", "document") names it in errors.
pub struct Package {
    zip: zip::ZipArchive<Cursor<Vec<u8>>>,
    what: &'static str,
    /// What reading has inflated so far.
    read: u64,
}

/// Read the file at `path` (at most [`MAX_BYTES`]); the error says, in
/// words, why it is not one.
pub fn read_file(path: &Path, what: &str) -> Result<Vec<u8>, String> {
    match crate::fs_utils::read_limited(path, MAX_BYTES) {
        Ok(Some(bytes)) => Ok(bytes),
        Ok(None) => Err(format!(
            "it is larger than {} MB, more than any {what}",
            MAX_BYTES >> 20
        )),
        Err(e) => Err(e.to_string()),
    }
}

impl Package {
    /// Open `bytes` as a zip package, checking the table of contents.
    pub fn open(bytes: Vec<u8>, what: &'static str) -> Result<Package, String> {
        let not = |e: zip::result::ZipError| format!("it is not a {what}: {e}");
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(not)?;
        let mut total: u64 = 0;
        for i in 0..zip.len() {
            let member = zip.by_index_raw(i).map_err(not)?;
            let name = member.name().map_err(not)?;
            if !safe_name(&name) {
                return Err(format!(
                    "it has a part named `{}`, outside the package: not a {what} any program writes",
                    name.escape_debug()
                ));
            }
            total = total.saturating_add(member.size());
        }
        if total > MAX_INFLATED {
            return Err(format!(
                "it unpacks to {total} bytes, more than any {what} ({} MB)",
                MAX_INFLATED >> 20
            ));
        }
        Ok(Package { zip, what, read: 0 })
    }

    /// Whether the package has a part named `name`.
    pub fn has(&self, name: &str) -> bool {
        self.zip.index_for_name(name).is_some()
    }

    /// The part `name` as bytes (`None` if there is none), inflated only
    /// while the package stays within [`MAX_INFLATED`], whatever it claims.
    pub fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, String> {
        let what = self.what;
        let mut member = match self.zip.by_name(name) {
            Ok(member) => member,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(format!("its part `{name}` cannot be read: {e}")),
        };
        let left = MAX_INFLATED - self.read;
        let mut buf = Vec::with_capacity(member.size().min(left) as usize);
        (&mut member)
            .take(left + 1)
            .read_to_end(&mut buf)
            .map_err(|e| format!("its part `{name}` cannot be read: {e}"))?;
        if buf.len() as u64 > left {
            return Err(format!(
                "it unpacks to more than any {what} ({} MB)",
                MAX_INFLATED >> 20
            ));
        }
        self.read += buf.len() as u64;
        Ok(Some(buf))
    }

    /// The part `name` as UTF-8 text.
    pub fn text(&mut self, name: &str) -> Result<Option<String>, String> {
        match self.read(name)? {
            None => Ok(None),
            Some(bytes) => String::from_utf8(bytes)
                .map(Some)
                .map_err(|_| format!("its part `{name}` is not UTF-8 text")),
        }
    }

    /// The package's bytes, for a reader that opens it again itself.
    pub fn into_bytes(self) -> Vec<u8> {
        self.zip.into_inner().into_inner()
    }
}

/// A member name that stays inside the package: relative, no `..`, no
/// drive, no backslash, no control character.
fn safe_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('/')
        && !name.contains(['\\', ':'])
        && !name.chars().any(char::is_control)
        && name.split('/').all(|part| part != "..")
}

/// A package of `parts`, deflated: for tests of what reads packages.
#[cfg(test)]
pub fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in parts {
        w.start_file(*name, opts).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn member_names_that_climb_out_are_refused() {
        for (name, safe) in [
            ("word/document.xml", true),
            ("../evil", false),
            ("word/../../evil", false),
            ("/etc/passwd", false),
            ("C:/x", false),
            ("a\\..\\b", false),
            ("a\nb", false),
            ("", false),
            ("..a/b..", true),
        ] {
            assert_eq!(safe_name(name), safe, "{name:?}");
        }
        let err = Package::open(zip_of(&[("../x.xml", b"x")]), "document").err().unwrap();
        assert!(err.contains("outside the package"), "{err}");
    }

    #[test]
    fn parts_are_read_by_name_and_within_the_limit() {
        let mut p = Package::open(zip_of(&[("a.xml", b"<a/>")]), "document").unwrap();
        assert!(p.has("a.xml") && !p.has("b.xml"));
        assert_eq!(p.text("a.xml").unwrap().as_deref(), Some("<a/>"));
        assert_eq!(p.read("b.xml").unwrap(), None);
        let bomb = vec![0u8; MAX_INFLATED as usize + 1];
        let err = Package::open(zip_of(&[("big", &bomb)]), "document").err().unwrap();
        assert!(err.contains("unpacks to"), "{err}");
        assert!(
            Package::open(b"not a zip".to_vec(), "document")
                .err()
                .unwrap()
                .contains("not a document")
        );
    }
}
