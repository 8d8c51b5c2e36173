//! Embeds the default theme (`themes/default/`) in the binary, so a site
//! without a `themes/` folder still builds.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    link_position_dependent();
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
    let dest = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("default_theme.rs");
    std::fs::write(dest, out).unwrap();
}

/// Link the `handlingsplan` executable (only it: not tests, not proc-macros)
/// at a fixed address on Linux, as Go links Hugo. A position-independent
/// executable spends its first ~0.4 ms applying 27,000 relocations and
/// copying 140 pages of relocated data, a tenth of a whole build of the real
/// site (measured A/B). What it gives up is address-space randomisation of
/// the executable itself; shared libraries, heap and stack stay randomised.
fn link_position_dependent() {
    let var = |name: &str| std::env::var(name).unwrap_or_default();
    if var("CARGO_CFG_TARGET_OS") == "linux" && var("CARGO_CFG_TARGET_ENV") == "gnu" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
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
