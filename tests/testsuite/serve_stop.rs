//! `serve` stops when asked, with a browser tab open or not, however early:
//! the live-reload streams end, a second Ctrl-C stops at once, and the
//! temporary folder is always removed.

use crate::helpers::TestSite;
use crate::serve::Server;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

fn signal(child: &std::process::Child, name: &str) {
    let sent = std::process::Command::new("kill")
        .args([&format!("-{name}"), &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
}

/// Wait for `child` to exit, at most `within`.
fn exits_within(child: &mut std::process::Child, within: Duration) -> bool {
    let deadline = Instant::now() + within;
    while Instant::now() < deadline {
        if child.try_wait().unwrap().is_some() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    false
}

fn leftovers(server: &Server) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(server.tmp.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect()
}

#[cfg(unix)]
#[test]
fn serve_stops_on_every_signal_while_a_browser_listens_for_reloads() {
    let site = TestSite::fixture("minimal");
    for name in ["INT", "TERM", "HUP"] {
        let mut server = Server::start(&site);
        let _events = server.events();
        let started = Instant::now();
        signal(&server.child, name);
        assert!(
            exits_within(&mut server.child, Duration::from_secs(2)),
            "{name}: still serving"
        );
        assert!(started.elapsed() < Duration::from_secs(2));
        assert_eq!(leftovers(&server), Vec::<std::path::PathBuf>::new(), "{name}");
    }
}

#[cfg(unix)]
#[test]
fn a_second_ctrl_c_stops_at_once_and_an_early_one_still_cleans_up() {
    let site = TestSite::fixture("minimal");
    let mut server = Server::start(&site);
    let _events = server.events();
    signal(&server.child, "INT");
    signal(&server.child, "INT");
    assert!(exits_within(&mut server.child, Duration::from_secs(2)));
    assert_eq!(leftovers(&server), Vec::<std::path::PathBuf>::new());
    // Ctrl-C in the first moment, before the first build is done.
    for delay in [0, 5, 20, 60] {
        let tmp = tempfile::tempdir().unwrap();
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_handlingsplan"))
            .args(["serve", "--port", "0"])
            .current_dir(site.root())
            .env("TMPDIR", tmp.path())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        signal(&child, "INT");
        assert!(exits_within(&mut child, Duration::from_secs(10)), "{delay} ms");
        let left: Vec<_> = std::fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        assert!(left.is_empty(), "{delay} ms: {left:?}");
    }
}

#[test]
fn live_reload_streams_are_capped() {
    let site = TestSite::fixture("minimal");
    let server = Server::start(&site);
    let open = |_| {
        let mut s = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
        write!(s, "GET /__handlingsplan/events HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
        s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        let mut head = [0u8; 12];
        s.read_exact(&mut head).unwrap();
        (String::from_utf8_lossy(&head).into_owned(), s)
    };
    let streams: Vec<(String, TcpStream)> = (0..64).map(open).collect();
    assert!(
        streams.iter().all(|(head, _)| head.ends_with("200")),
        "{:?}",
        streams[0].0
    );
    let (over, _) = open(64);
    assert!(over.ends_with("503"), "{over}");
    drop(streams);
    // Closed streams give their places back.
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let (again, _) = open(0);
        if again.ends_with("200") {
            break;
        }
        assert!(Instant::now() < deadline, "{again}");
        std::thread::sleep(Duration::from_millis(50));
    }
}
