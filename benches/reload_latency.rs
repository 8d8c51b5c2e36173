//! Save-to-reload latency of `handlingsplan serve`: the time from writing a
//! plan file to the reload signal on the live-reload channel.
//!
//! ```sh
//! cargo bench --bench reload_latency                   # the real 2022 site
//! cargo bench --bench reload_latency -- --root DIR     # any site, e.g. a synthetic archive
//! cargo bench --bench reload_latency -- --edits 50
//! cargo bench --bench reload_latency -- --root DIR --report   # edit the newest dated report instead
//! cargo bench --bench reload_latency -- --pause 1000           # ms between edits (default 100)
//! HANDLINGSPLAN_BIN=/tmp/old/handlingsplan cargo bench --bench reload_latency   # another binary
//! ```
//!
//! It copies the site to a temporary folder, starts `serve` on a free port,
//! listens to `/__handlingsplan/events`, then 20 times appends a word to the
//! default-language plan of the newest year (with `--report`: changes the
//! first progress in the newest year's last dated report) and waits for
//! `event: reload`.
//! Prints the median and the maximum. Not a test: numbers depend on the machine.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let source = arg("--root")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    let edits: usize = arg("--edits").and_then(|n| n.parse().ok()).unwrap_or(20);
    let report = args.iter().any(|a| a == "--report");
    // The pause between edits: an editor saves every few seconds, and
    // `serve` draws the share cards of one save after announcing its pages.
    let pause: u64 = arg("--pause").and_then(|n| n.parse().ok()).unwrap_or(100);

    let site = tempfile::tempdir().unwrap();
    copy_dir(&source.join("content"), &site.path().join("content"));
    if source.join("themes").is_dir() {
        copy_dir(&source.join("themes"), &site.path().join("themes"));
    }
    let plan = newest_plan(&site.path().join("content"));
    let edited = match report {
        true => newest_report(&plan),
        false => plan,
    };

    // HANDLINGSPLAN_BIN measures another build of the binary (an A/B of two versions).
    let bin =
        std::env::var_os("HANDLINGSPLAN_BIN").map_or_else(|| env!("CARGO_BIN_EXE_handlingsplan").into(), PathBuf::from);
    // serve's build goes into a folder of this bench's own (the archive's
    // is gigabytes), removed with it however the bench ends.
    let tmp = tempfile::tempdir().unwrap();
    let child = Command::new(bin)
        .args(["serve", "--port", "0", "--root"])
        .arg(site.path())
        .env("TMPDIR", tmp.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut server = Stopped(child);
    let mut out = BufReader::new(server.0.stdout.take().unwrap());
    let mut port = None;
    let mut line = String::new();
    while out.read_line(&mut line).unwrap() > 0 {
        if let Some(rest) = line.trim().strip_prefix("serving the site at http://127.0.0.1:") {
            port = rest.split('/').next().and_then(|p| p.parse::<u16>().ok());
        }
        if line.starts_with("rebuilt everything") {
            break;
        }
        line.clear();
    }
    let port = port.expect("serve printed its address");
    // What serve says each rebuild took ("rebuilt 2022: 36 pages in 29 ms"),
    // besides the time from save to signal measured here.
    let (said_tx, said) = mpsc::channel();
    std::thread::spawn(move || {
        for line in out.lines().map_while(Result::ok) {
            let ms = line.strip_prefix("rebuilt ").and_then(|l| l.split(" in ").nth(1));
            if let Some(ms) = ms.and_then(|m| m.split(" ms").next()?.parse::<u64>().ok()) {
                let _ = said_tx.send(ms);
            }
        }
    });

    let events = listen(port);
    let mut times = Vec::with_capacity(edits);
    for i in 0..edits {
        let text = std::fs::read_to_string(&edited).unwrap();
        let text = match report {
            true => change_progress(&text, i),
            false => format!("{text}\nRedigering {i}.\n"),
        };
        let start = Instant::now();
        std::fs::write(&edited, text).unwrap();
        loop {
            let event = events
                .recv_timeout(Duration::from_secs(10))
                .expect("a signal within 10 s");
            if event == "reload" {
                break;
            }
        }
        times.push(start.elapsed());
        std::thread::sleep(Duration::from_millis(pause));
    }
    drop(server);
    drop(tmp);
    let mut rebuilds: Vec<u64> = said.try_iter().collect();
    rebuilds.sort();
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "save {} → reload signal on {} ({} edits): median {:.1} ms, min {:.1} ms, max {:.1} ms",
        if report { "a report" } else { "a plan" },
        source.display(),
        times.len(),
        ms(times[times.len() / 2]),
        ms(times[0]),
        ms(times[times.len() - 1])
    );
    if let Some(median) = rebuilds.get(rebuilds.len() / 2) {
        println!(
            "  of which serve's rebuild ({} said): median {median} ms",
            rebuilds.len()
        );
    }
}

/// A running `serve`, stopped when dropped as a person stops it (SIGTERM,
/// then it removes its folder and exits), even when the bench panics.
struct Stopped(std::process::Child);

impl Drop for Stopped {
    fn drop(&mut self) {
        let term = Command::new("kill").arg(self.0.id().to_string()).status();
        if !term.is_ok_and(|s| s.success()) {
            let _ = self.0.kill();
        }
        let _ = self.0.wait();
    }
}

/// The event names arriving on the live-reload channel.
fn listen(port: u16) -> mpsc::Receiver<String> {
    let (tx, rx) = mpsc::channel();
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(s, "GET /__handlingsplan/events HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(s).lines().map_while(Result::ok) {
            if let Some(event) = line.strip_prefix("event: ") {
                let _ = tx.send(event.to_string());
            }
        }
    });
    std::thread::sleep(Duration::from_millis(200));
    rx
}

/// The default-language plan of the newest year (the first `plan.*.md` in name order).
fn newest_plan(content: &Path) -> PathBuf {
    let mut years: Vec<PathBuf> = std::fs::read_dir(content)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    years.sort();
    let year = years.last().expect("a year folder");
    let config = std::fs::read_to_string(content.join("site.yaml")).unwrap();
    let lang = config
        .lines()
        .find_map(|l| l.strip_prefix("default_language:"))
        .map(|l| l.trim().to_string())
        .unwrap_or_else(|| "sv".into());
    year.join(format!("plan.{lang}.md"))
}

/// The last dated report (by name) of the year of `plan`.
fn newest_report(plan: &Path) -> PathBuf {
    let folder = plan.parent().unwrap().join("follow-up");
    let mut reports: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap_or_else(|_| panic!("--report: `{}` has no dated reports", folder.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    reports.sort();
    reports.pop().expect("a dated report")
}

/// `text` with its first `progress:` set to a value of edit `i`'s own.
fn change_progress(text: &str, i: usize) -> String {
    let at = text.find("progress: ").expect("--report: the report sets a progress") + "progress: ".len();
    let end = at + text[at..].find('\n').unwrap_or(text.len() - at);
    format!("{}{}{}", &text[..at], (i * 7) % 101, &text[end..])
}

fn copy_dir(from: &Path, to: &Path) {
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
