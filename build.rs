//! Embeds the default theme (`themes/default/`) in the binary, so a site
//! without a `themes/` folder still builds, with its UI strings already
//! parsed (parsing them at every start was a fifth of the real site's
//! build); and names the code that draws
//! share cards (`HANDLINGSPLAN_CARD_CODE`), so that a change to it draws
//! every card again instead of finding an old one in the cache.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap()).join("themes/default");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    collect(&root, &root, &mut files);
    files.sort();
    let mut out = String::from(
        "/// Files of the built-in default theme: (path in the theme, contents).\npub static FILES: &[(&str, &[u8])] = &[\n",
    );
    for (rel, abs) in &files {
        println!("cargo:rerun-if-changed={}", abs.display());
        writeln!(out, "    ({rel:?}, include_bytes!({:?})),", abs.display().to_string()).unwrap();
    }
    out.push_str("];\n");
    out.push_str(&ui_strings(&files));
    let dest = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("default_theme.rs");
    std::fs::write(dest, out).unwrap();
    println!("cargo:rustc-env=HANDLINGSPLAN_CARD_CODE={:016x}", card_code());
}

/// The built-in UI strings (`i18n/<lang>.yaml`), parsed by the parser
/// that reads a theme's own: `STRINGS`, (path in the theme, (key, text) in
/// key order). A built-in file that is not a flat map fails the build.
fn ui_strings(files: &[(String, PathBuf)]) -> String {
    let mut out = String::from(
        "/// The built-in UI strings, parsed when the binary was built: (path in the theme, (key, text) in key order).\n\
         pub static STRINGS: &[(&str, &[(&str, &str)])] = &[\n",
    );
    for (rel, abs) in files
        .iter()
        .filter(|(rel, _)| rel.starts_with("i18n/") && rel.ends_with(".yaml"))
    {
        let text = std::fs::read_to_string(abs).unwrap();
        let map: std::collections::BTreeMap<String, String> =
            serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("the built-in `{rel}` is not a flat map: {e}"));
        writeln!(out, "    ({rel:?}, &[").unwrap();
        for (key, text) in &map {
            writeln!(out, "        ({key:?}, {text:?}),").unwrap();
        }
        out.push_str("    ]),\n");
    }
    out.push_str("];\n");
    out
}

/// The code a card's pixels come from: the files that make its SVG and
/// draw it, and the versions of the crates that draw it (from
/// `Cargo.lock`). FNV-1a: the same sources give the same name on any
/// compiler.
fn card_code() -> u64 {
    const SOURCES: [&str; 3] = ["src/cards.rs", "src/cards/cache.rs", "src/render/cards.rs"];
    const DRAWING: [&str; 6] = ["resvg", "usvg", "tiny-skia", "png", "fontdb", "skrifa"];
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let mut hash = 0xcbf2_9ce4_8422_2325_u64;
    let mut add = |bytes: &[u8]| {
        for b in bytes {
            hash = (hash ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
    };
    for rel in SOURCES {
        let path = manifest.join(rel);
        println!("cargo:rerun-if-changed={}", path.display());
        add(rel.as_bytes());
        add(&std::fs::read(&path).unwrap_or_default());
    }
    // The built-in fonts: a card's cache key names them instead of hashing them.
    let mut fonts = Vec::new();
    collect(
        &manifest.join("themes/default"),
        &manifest.join("themes/default/fonts"),
        &mut fonts,
    );
    fonts.sort();
    for (rel, path) in fonts {
        add(rel.as_bytes());
        add(&std::fs::read(&path).unwrap_or_default());
    }
    let lock = manifest.join("Cargo.lock");
    println!("cargo:rerun-if-changed={}", lock.display());
    let lock = std::fs::read_to_string(lock).unwrap_or_default();
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        let name = line.strip_prefix("name = \"").and_then(|l| l.strip_suffix('"'));
        if let (Some(name), Some(version)) = (name.filter(|n| DRAWING.contains(n)), lines.next()) {
            add(name.as_bytes());
            add(version.as_bytes());
        }
    }
    hash
}

fn collect(root: &Path, dir: &Path, files: &mut Vec<(String, PathBuf)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy();
        if name.starts_with('.') || name == "README.md" {
            continue;
        }
        if path.is_dir() {
            collect(root, &path, files);
        } else {
            let rel = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
            files.push((rel, path));
        }
    }
}
