use super::*;

#[derive(Debug)]
struct Failed;
impl From<OutputError> for Failed {
    fn from(_: OutputError) -> Self {
        Failed
    }
}

/// `root` holds the output folder and nothing else: no staging folder is left.
fn assert_only_the_output_in(root: &Path) {
    let names: Vec<_> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["public"], "no staging folder is left");
}

#[test]
fn a_failed_write_leaves_the_old_output_and_no_staging_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    std::fs::create_dir_all(&root).unwrap();
    let out = root.join("public");
    write_atomically(&root, &out, |s| s.file("a/index.html", b"one").map_err(|_| Failed)).unwrap();
    let r: Result<Written<()>, Failed> = write_atomically(&root, &out, |s| {
        s.file("b.html", b"two").map_err(|_| Failed)?;
        Err(Failed)
    });
    assert!(r.is_err());
    assert_eq!(std::fs::read(out.join("a/index.html")).unwrap(), b"one");
    assert!(!out.join("b.html").exists());
    assert_only_the_output_in(&root);
    write_atomically(&root, &out, |s| s.file("c.html", b"three").map_err(|_| Failed)).unwrap();
    assert!(!out.join("a").exists(), "old files are gone after a successful build");
    assert_eq!(std::fs::read(out.join("c.html")).unwrap(), b"three");
}

#[test]
fn an_incremental_sink_rewrites_only_changed_files_and_prunes_the_rest() {
    use std::time::{Duration, SystemTime};
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let first = DirSink::new(tmp.path(), &out);
    for (path, bytes) in [
        ("2022/index.html", "same"),
        ("2022/a/index.html", "old"),
        ("2022/gone/index.html", "x"),
    ] {
        first.file(path, bytes.as_bytes()).unwrap();
    }
    let long_ago = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
    for path in ["2022/index.html", "2022/a/index.html"] {
        let file = std::fs::File::options().write(true).open(out.join(path)).unwrap();
        file.set_modified(long_ago).unwrap();
    }
    let modified = |path: &str| std::fs::metadata(out.join(path)).unwrap().modified().unwrap();

    let sink = DirSink::incremental(tmp.path(), &out);
    sink.file("2022/index.html", b"same").unwrap();
    sink.file("2022/a/index.html", b"new").unwrap();
    assert_eq!(modified("2022/index.html"), long_ago, "unchanged file rewritten");
    assert_ne!(modified("2022/a/index.html"), long_ago);
    assert_eq!(std::fs::read(out.join("2022/a/index.html")).unwrap(), b"new");
    assert_eq!(sink.prune(&["2022/".to_string()]).unwrap(), 1);
    assert!(!out.join("2022/gone/index.html").exists());
    assert!(out.join("2022/index.html").exists());
}

#[test]
fn the_output_holds_a_manifest_of_every_file_written() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    write_atomically(tmp.path(), &out, |s| {
        s.file("b/index.html", b"b")?;
        Ok::<_, OutputError>(s.file("a.html", b"a")?)
    })
    .unwrap();
    let text = std::fs::read_to_string(out.join(manifest::FILE)).unwrap();
    let lines: Vec<&str> = text.lines().skip(1).collect();
    assert_eq!(lines, ["a.html", "b/index.html"], "sorted, so builds are reproducible");
}

#[test]
fn a_killed_builds_staging_folder_is_removed_by_the_next_build() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    // What a build killed mid-way leaves: a marked staging folder.
    let stale = tmp.path().join(".public.tmp-4194305");
    std::fs::create_dir(&stale).unwrap();
    std::fs::write(stale.join(manifest::FILE), manifest::started()).unwrap();
    std::fs::write(stale.join("index.html"), "half").unwrap();
    write_atomically(tmp.path(), &out, |s| {
        Ok::<_, OutputError>(s.file("index.html", b"whole")?)
    })
    .unwrap();
    assert!(!stale.exists());
    assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"whole");
}

#[test]
fn concurrent_builds_into_one_folder_take_turns_and_all_succeed() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    std::thread::scope(|scope| {
        for t in 0..4 {
            let out = &out;
            let root = tmp.path();
            scope.spawn(move || {
                for i in 0..25 {
                    let page = format!("{t}-{i}");
                    write_atomically(root, out, |s| {
                        Ok::<_, OutputError>(s.file("index.html", page.as_bytes())?)
                    })
                    .unwrap_or_else(|e| panic!("build {t}-{i}: {e}"));
                }
            });
        }
    });
    let names: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["public"]);
}

#[test]
fn a_sink_knows_the_first_file_of_each_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let sink = DirSink::new(tmp.path(), tmp.path());
    let firsts: Vec<bool> = [
        "a/index.html",
        "a/share.png",
        "index.html",
        "a/b/index.html",
        "a/b/x.json",
        "a/c.txt",
    ]
    .iter()
    .map(|path| sink.record(path))
    .collect();
    assert_eq!(firsts, [true, false, false, true, false, false]);
    sink.take_written();
    assert!(sink.record("a/index.html"), "a taken record starts again");
}

#[test]
fn a_fresh_sink_creates_folders_before_their_first_file_and_copes_when_one_goes_missing() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    std::fs::create_dir(&out).unwrap();
    let sink = DirSink::new(tmp.path(), &out);
    std::thread::scope(|scope| {
        for t in 0..4 {
            let sink = &sink;
            scope.spawn(move || {
                for i in 0..50 {
                    // Two threads share each folder; every file has one writer.
                    let path = format!("sv/{}/{i}/page-{t}.html", t % 2);
                    sink.file(&path, path.as_bytes()).unwrap();
                    sink.file(&format!("sv/{}/data-{t}-{i}.json", t % 2), b"{}").unwrap();
                }
            });
        }
    });
    assert_eq!(
        std::fs::read(out.join("sv/1/49/page-3.html")).unwrap(),
        b"sv/1/49/page-3.html"
    );
    // A folder this build made, removed behind its back, is made again.
    std::fs::remove_dir_all(out.join("sv/0/7")).unwrap();
    sink.file("sv/0/7/share.png", b"png").unwrap();
    assert_eq!(std::fs::read(out.join("sv/0/7/share.png")).unwrap(), b"png");
    assert_eq!(sink.take_written().len(), 401);
}

#[test]
fn a_copied_file_never_replaces_one_the_build_made() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    std::fs::create_dir(&out).unwrap();
    std::fs::create_dir_all(tmp.path().join("content/2022")).unwrap();
    std::fs::write(tmp.path().join("content/2022/share.png"), "attachment").unwrap();
    let sink = DirSink::new(tmp.path(), &out);
    sink.file("2022/share.png", b"card").unwrap();
    let twice = sink.file("2022/share.png", b"other").unwrap_err();
    assert_eq!(
        twice.source.kind(),
        std::io::ErrorKind::AlreadyExists,
        "one path, one producer: {twice}"
    );
    let err = sink.copy("content/2022/share.png", "2022/share.png").unwrap_err();
    assert_eq!(err.source.kind(), std::io::ErrorKind::AlreadyExists, "{err}");
    assert_eq!(std::fs::read(out.join("2022/share.png")).unwrap(), b"card");
    let memory = crate::render::MemorySink::new();
    memory.file("2022/share.png", b"card").unwrap();
    assert!(memory.copy("content/2022/share.png", "2022/share.png").is_err());
}

#[test]
fn a_cancelled_write_stops_at_the_next_file_and_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    std::fs::create_dir_all(&root).unwrap();
    let out = root.join("public");
    write_atomically(&root, &out, |s| s.file("a.html", b"one").map_err(|_| Failed)).unwrap();
    let cancel = stop::Cancel::new();
    let claim = claim(&root, &out).unwrap().cancelled_by(&cancel);
    let r: Result<Written<()>, Failed> = claim.write(|s| {
        s.file("b.html", b"two").map_err(|_| Failed)?;
        cancel.stop(15);
        let e = s.file("c.html", b"three").expect_err("a write after the stop");
        assert!(e.to_string().contains("asked to stop"), "{e}");
        Err(Failed)
    });
    assert!(r.is_err());
    assert_eq!(cancel.requested(), Some(15));
    assert_eq!(std::fs::read(out.join("a.html")).unwrap(), b"one");
    assert!(!out.join("b.html").exists());
    assert_only_the_output_in(&root);
    // Another build, with a token of its own, is not stopped.
    write_atomically(&root, &out, |s| s.file("d.html", b"four").map_err(|_| Failed)).unwrap();
}
