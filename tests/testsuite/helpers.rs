//! A small builder for test sites: copy a fixture into a temporary folder,
//! change files, run the binary.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A site in a temporary folder.
pub struct TestSite {
    dir: tempfile::TempDir,
}

impl TestSite {
    /// The `minimal` fixture with fixture `name` laid over it. A `REMOVE`
    /// file in the fixture lists paths to delete from the result.
    pub fn fixture(name: &str) -> TestSite {
        let site = TestSite::empty();
        copy_tree(&fixtures().join("minimal"), site.root());
        if name != "minimal" {
            let overlay = fixtures().join(name);
            assert!(overlay.is_dir(), "no fixture `{name}`");
            copy_tree(&overlay, site.root());
            if let Ok(list) = std::fs::read_to_string(site.root().join("REMOVE")) {
                for rel in list.lines().filter(|l| !l.is_empty()) {
                    std::fs::remove_file(site.root().join(rel)).unwrap();
                }
                std::fs::remove_file(site.root().join("REMOVE")).unwrap();
            }
        }
        site
    }

    /// A copy of the project's real site (`content/`, `themes/`).
    pub fn real() -> TestSite {
        let site = TestSite::empty();
        copy_tree(&repo_root().join("content"), &site.root().join("content"));
        copy_tree(&repo_root().join("themes"), &site.root().join("themes"));
        site
    }

    pub fn empty() -> TestSite {
        TestSite {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root().join(rel)
    }

    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> &Self {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
        self
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("reading {rel}: {e}"))
    }

    /// The binary, run in the site's folder.
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut cmd = Command::cargo_bin("handlingsplan").unwrap();
        cmd.current_dir(self.root()).env("NO_COLOR", "1").args(args);
        cmd
    }

    /// `build` into `public/`.
    /// What `build` is given for this site, reading every report when the
    /// site is opened (the command reads a long archive's later).
    pub fn build_options(&self) -> handlingsplan::pipeline::BuildOptions {
        handlingsplan::pipeline::BuildOptions {
            root: self.root().to_path_buf(),
            output: self.path("public"),
            base_url: None,
            drafts: false,
            links: handlingsplan::render::LinkStyle::Relative,
            prune_cache: false,
            cancel: Default::default(),
            keep_follow_up: usize::MAX,
        }
    }

    pub fn build(&self) -> std::process::Output {
        self.cmd(&["build"]).output().unwrap()
    }

    /// `build`, which must succeed.
    pub fn build_ok(&self) -> &Self {
        let out = self.build();
        assert!(
            out.status.success(),
            "build failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        self
    }

    /// Every file under `rel`, as paths relative to it, sorted.
    /// The text files under `rel` (not the PNG cards or WOFF2 fonts), as [`files`](Self::files).
    pub fn text_files(&self, rel: &str) -> Vec<String> {
        let binary = [".png", ".woff2"];
        (self.files(rel).into_iter())
            .filter(|f| !binary.iter().any(|b| f.ends_with(b)))
            .collect()
    }

    pub fn files(&self, rel: &str) -> Vec<String> {
        let base = self.path(rel);
        let mut out: Vec<String> = walkdir::WalkDir::new(&base)
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                e.path()
                    .strip_prefix(&base)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect();
        out.sort();
        out
    }
}

/// Every file under `dir` with its bytes: a full "tree hash".
pub fn tree(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

pub fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A site in a sandbox: a temporary folder that holds the site (`site/`),
/// files that must survive whatever the site's build does (`outside/`), and
/// a link to the binary. Where the tests run as root, the sandbox belongs to
/// an unprivileged user and the binary runs as that user: a bug that
/// deletes outside the site can then reach only the sandbox.
pub struct Sandbox {
    pub dir: tempfile::TempDir,
    pub site: PathBuf,
    pub outside: PathBuf,
    exe: PathBuf,
}

/// The unprivileged user a sandbox belongs to when the tests run as root.
#[cfg(unix)]
const NOBODY: u32 = 65534;

impl Sandbox {
    /// The `fixture` site (see [`TestSite::fixture`]) in a new sandbox.
    pub fn new(fixture: &str) -> Sandbox {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        let outside = dir.path().join("outside");
        let source = TestSite::fixture(fixture);
        copy_tree(source.root(), &site);
        std::fs::create_dir_all(outside.join("folder")).unwrap();
        std::fs::write(outside.join("canary.txt"), "still here").unwrap();
        std::fs::write(outside.join("folder/canary.txt"), "still here").unwrap();
        std::fs::write(site.join("README.md"), "the site's own file").unwrap();
        let exe = dir.path().join("handlingsplan");
        let built = assert_cmd::cargo::cargo_bin("handlingsplan");
        std::fs::hard_link(&built, &exe)
            .or_else(|_| std::fs::copy(&built, &exe).map(drop))
            .unwrap();
        let sandbox = Sandbox {
            dir,
            site,
            outside,
            exe,
        };
        sandbox.own();
        sandbox
    }

    /// Give every file in the sandbox to the unprivileged user (as root).
    pub fn own(&self) {
        #[cfg(unix)]
        if running_as_root() {
            for entry in walkdir::WalkDir::new(self.dir.path()) {
                let entry = entry.unwrap();
                if entry.path() != self.exe {
                    std::os::unix::fs::lchown(entry.path(), Some(NOBODY), Some(NOBODY)).unwrap();
                }
            }
        }
    }

    /// The binary, run in the site's folder (as the unprivileged user, as root).
    pub fn cmd(&self, args: &[&str]) -> std::process::Command {
        let mut cmd = std::process::Command::new(&self.exe);
        cmd.current_dir(&self.site).env("NO_COLOR", "1").args(args);
        #[cfg(unix)]
        if running_as_root() {
            use std::os::unix::process::CommandExt;
            // std drops the supplementary groups too when root changes uid.
            cmd.uid(NOBODY).gid(NOBODY);
        }
        cmd
    }

    /// Every path in the sandbox (but the binary) with its bytes, or its
    /// link target; a folder with nothing.
    pub fn snapshot(&self) -> Vec<(String, Vec<u8>)> {
        let mut out: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(self.dir.path())
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.path() != self.exe)
            .map(|e| {
                let rel = e
                    .path()
                    .strip_prefix(self.dir.path())
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                let bytes = match (e.file_type().is_file(), e.path_is_symlink()) {
                    (true, _) => std::fs::read(e.path()).unwrap(),
                    (_, true) => std::fs::read_link(e.path())
                        .unwrap()
                        .to_string_lossy()
                        .into_owned()
                        .into_bytes(),
                    _ => Vec::new(),
                };
                (rel, bytes)
            })
            .collect();
        out.sort();
        out
    }
}

#[cfg(unix)]
fn running_as_root() -> bool {
    std::fs::metadata("/proc/self")
        .map(|m| std::os::unix::fs::MetadataExt::uid(&m) == 0)
        .unwrap_or(false)
}
