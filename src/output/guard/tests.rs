use super::*;
use crate::output::manifest;

/// A site root with sources, an earlier build's output and folders of a
/// user's own, and symbolic links to some of them.
fn site() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    let write = |rel: &str, text: &[u8]| {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write("content/site.yaml", b"x");
    write("content/2022/plan.sv.md", b"x");
    write("themes/default/templates/base.html", b"x");
    write("notes/todo.txt", b"x");
    write("file.txt", b"x");
    write("empty-but-for-finder/.DS_Store", b"x");
    std::fs::create_dir(root.join("empty")).unwrap();
    for dir in ["public", "public-with-cname"] {
        write(&format!("{dir}/2022/index.html"), b"x");
        let mut written = vec!["2022/index.html".to_string()];
        write(&format!("{dir}/{}", manifest::FILE), &manifest::contents(&mut written));
    }
    write("public-with-cname/CNAME", b"plan.example.org");
    write("forged/.handlingsplan-output", b"not a manifest");
    let mut escape = manifest::started();
    escape.extend_from_slice(b"../README.md\n");
    write("forged-escape/.handlingsplan-output", &escape);
    #[cfg(unix)]
    for (link, to) in [
        ("link-to-content", "content"),
        ("link-to-root", "."),
        ("link-to-public", "public"),
        ("dangling", "nowhere"),
    ] {
        std::os::unix::fs::symlink(root.join(to), root.join(link)).unwrap();
    }
    tmp
}

fn name(state: &State) -> &'static str {
    match state {
        State::Absent => "absent",
        State::Empty => "empty",
        State::Ours(_) => "ours",
    }
}

#[test]
fn output_folders_get_a_verdict_on_their_resolved_path() {
    let tmp = site();
    let root = tmp.path().join("site");
    // (output as typed, relative to the site root; `Ok(state)` or `Err(part of the reason)`)
    let mut cases: Vec<(&str, Result<&str, &str>)> = vec![
        ("content", Err("is the site's `content/` folder")),
        ("content/", Err("is the site's `content/` folder")),
        ("./content", Err("is the site's `content/` folder")),
        ("notes/../content", Err("is the site's `content/` folder")),
        ("content/2022", Err("inside the site's `content/` folder")),
        ("content/new", Err("inside the site's `content/` folder")),
        ("themes", Err("is the site's `themes/` folder")),
        ("themes/default/static", Err("inside the site's `themes/` folder")),
        (".", Err("is the site root")),
        ("", Err("is the site root")),
        ("public/..", Err("is the site root")),
        ("..", Err("contains the site root")),
        ("notes", Err("did not write (`todo.txt`)")),
        ("public/2022", Err("did not write (`index.html`)")),
        ("file.txt", Err("is a file")),
        (
            "public-with-cname",
            Err("holds files that build did not write (`CNAME`)"),
        ),
        ("forged", Err("not a record a build wrote (line 1: not the header")),
        (
            "forged-escape",
            Err("not a record a build wrote (line 2: a path that is not plain names"),
        ),
        ("public", Ok("ours")),
        ("public/", Ok("ours")),
        ("notes/../public", Ok("ours")),
        ("empty", Ok("empty")),
        ("empty-but-for-finder", Ok("empty")),
        ("out", Ok("absent")),
        ("out/deep/er", Ok("absent")),
        ("../elsewhere", Ok("absent")),
    ];
    #[cfg(unix)]
    cases.extend([
        ("link-to-content", Err("is the site's `content/` folder")),
        ("link-to-content/2022", Err("inside the site's `content/` folder")),
        ("link-to-root", Err("is the site root")),
        ("dangling", Err("symbolic link that leads nowhere")),
        ("link-to-public", Ok("ours")),
    ]);
    assert!(cases.len() >= 15);
    for (typed, want) in cases {
        let got = check(&root, &root.join(typed));
        match (got, want) {
            (Ok(c), Ok(state)) => assert_eq!(name(&c.state), state, "{typed}"),
            (Err(OutputError::Refused { reason, hint, .. }), Err(part)) => {
                assert!(reason.contains(part), "{typed}: {reason}");
                assert!(!hint.is_empty(), "{typed}");
            }
            (got, want) => panic!("{typed}: got {got:?}, want {want:?}"),
        }
    }
    let refused = |path: &Path| matches!(check(&root, path), Err(OutputError::Refused { .. }));
    assert!(refused(Path::new("/")), "the file-system root");
    assert!(refused(&root), "the site root, absolute");
}

#[cfg(unix)]
#[test]
fn a_path_that_is_not_utf8_is_judged_like_any_other() {
    use std::os::unix::ffi::OsStrExt;
    let tmp = site();
    let root = tmp.path().join("site");
    let odd = root.join(std::ffi::OsStr::from_bytes(b"anteckningar-\xff"));
    std::fs::create_dir(&odd).unwrap();
    std::fs::write(odd.join("x.txt"), "x").unwrap();
    assert!(matches!(check(&root, &odd), Err(OutputError::Refused { .. })));
    let fresh = root.join(std::ffi::OsStr::from_bytes(b"ut-\xff"));
    assert_eq!(name(&check(&root, &fresh).unwrap().state), "absent");
}
