//! `handlingsplan serve` against a real server on an ephemeral port, with
//! real file edits in a temporary copy of a fixture site.

use crate::helpers::TestSite;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A running `serve` process; killed when dropped. Its temporary folders
/// (the served build) are made in `tmp`, removed with it even when the
/// process is killed.
pub struct Server {
    pub child: Child,
    pub port: u16,
    lines: Arc<Mutex<Vec<String>>>,
    pub tmp: tempfile::TempDir,
}

impl Server {
    pub fn start(site: &TestSite) -> Server {
        Server::start_with(site, &[])
    }

    /// `serve --port 0` with the arguments `extra`.
    pub fn start_with(site: &TestSite, extra: &[&str]) -> Server {
        let tmp = tempfile::tempdir().unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_handlingsplan"))
            .args(["serve", "--port", "0"])
            .args(extra)
            .current_dir(site.root())
            .env("NO_COLOR", "1")
            .env("TMPDIR", tmp.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let lines = Arc::new(Mutex::new(Vec::new()));
        let (tx, rx) = mpsc::channel();
        for stream in [
            Box::new(child.stdout.take().unwrap()) as Box<dyn Read + Send>,
            Box::new(child.stderr.take().unwrap()),
        ] {
            let (lines, tx) = (lines.clone(), tx.clone());
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    let _ = tx.send(line.clone());
                    lines.lock().unwrap().push(line);
                }
            });
        }
        let deadline = Instant::now() + Duration::from_secs(20);
        let port = loop {
            let line = rx
                .recv_timeout(deadline - Instant::now())
                .expect("serve printed its address");
            if let Some(rest) = line.strip_prefix("serving the site at http://") {
                let host = rest.split('/').next().unwrap();
                break host.rsplit_once(':').unwrap().1.parse().unwrap();
            }
        };
        let server = Server {
            child,
            port,
            lines,
            tmp,
        };
        server.wait_for_line("rebuilt everything", 0);
        server
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// GET `path`: status and body.
    pub fn get(&self, path: &str) -> (u16, String) {
        self.try_get(path).unwrap_or_else(|e| panic!("GET {path}: {e}"))
    }

    /// GET `path`, or why the request failed.
    fn try_get(&self, path: &str) -> Result<(u16, String), ureq::Error> {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(5)))
            .build()
            .into();
        let mut resp = agent.get(&self.url(path)).call()?;
        Ok((resp.status().as_u16(), resp.body_mut().read_to_string()?))
    }

    /// Send a raw request line, so no client normalises the path; the status code.
    fn raw_status(&self, target: &str) -> u16 {
        self.raw("GET", target, "localhost").0
    }

    /// Send a raw request: the status, the headers (lowercase names) and the body.
    fn raw(&self, method: &str, target: &str, host: &str) -> (u16, Vec<(String, String)>, Vec<u8>) {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        write!(
            s,
            "{method} {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut reader = BufReader::new(s);
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        let status = line.split_whitespace().nth(1).unwrap().parse().unwrap();
        let mut headers = Vec::new();
        loop {
            line.clear();
            reader.read_line(&mut line).unwrap();
            let Some((name, value)) = line.trim_end().split_once(": ") else {
                break;
            };
            headers.push((name.to_ascii_lowercase(), value.to_string()));
        }
        let mut body = Vec::new();
        reader.read_to_end(&mut body).unwrap();
        (status, headers, body)
    }

    /// Poll `path` until its body satisfies `pred`, for at most 2 seconds.
    fn eventually(&self, path: &str, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(2);
        loop {
            // A poll may meet the server busy with the rebuild it waits for.
            let body = self.try_get(path).map(|(_, body)| body).unwrap_or_default();
            if pred(&body) {
                return body;
            }
            assert!(
                Instant::now() < deadline,
                "{path}: {what} did not happen within 2 s; log:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn log(&self) -> String {
        self.lines.lock().unwrap().join("\n")
    }

    pub fn count(&self, needle: &str) -> usize {
        self.lines.lock().unwrap().iter().filter(|l| l.contains(needle)).count()
    }

    /// Wait until more than `already` lines contain `needle`.
    pub fn wait_for_line(&self, needle: &str, already: usize) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while self.count(needle) <= already {
            assert!(Instant::now() < deadline, "no `{needle}` in the log:\n{}", self.log());
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Listen to the reload channel; events arrive on the returned receiver.
    pub fn events(&self) -> mpsc::Receiver<String> {
        let (tx, rx) = mpsc::channel();
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        write!(s, "GET /__handlingsplan/events HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(s).lines().map_while(Result::ok) {
                if let Some(event) = line.strip_prefix("event: ") {
                    let _ = tx.send(event.to_string());
                }
            }
        });
        std::thread::sleep(Duration::from_millis(100));
        rx
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn next_event(rx: &mpsc::Receiver<String>) -> String {
    rx.recv_timeout(Duration::from_secs(2))
        .expect("an event on the reload channel within 2 s")
}

#[test]
fn serves_both_languages_with_the_reload_script() {
    let site = TestSite::fixture("minimal");
    let server = Server::start(&site);
    let (status, sv) = server.get("/2022/");
    assert_eq!(status, 200);
    assert!(
        sv.contains("<h1>Testplan 2022</h1>") && sv.contains("/__handlingsplan/livereload.js"),
        "{sv}"
    );
    let (status, en) = server.get("/en/2022/skola/");
    assert_eq!(status, 200);
    assert!(en.contains("School and work"));
    assert!(
        en.contains(&format!("href=\"http://127.0.0.1:{}/en/2022/skola/\"", server.port)),
        "canonical uses the local address"
    );
    let (status, script) = server.get("/__handlingsplan/livereload.js");
    assert_eq!(status, 200);
    assert!(script.contains("EventSource"));
    let (status, missing) = server.get("/2022/nope/");
    assert_eq!(status, 404);
    assert!(missing.contains("Sidan finns inte"));
}

#[test]
fn an_edit_shows_at_once_and_the_reload_channel_signals_it() {
    let site = TestSite::fixture("minimal");
    let server = Server::start(&site);
    let events = server.events();
    let plan = site
        .read("content/2022/plan.sv.md")
        .replace("Första insatsen", "Nyskriven insats");
    site.write("content/2022/plan.sv.md", plan);
    assert_eq!(next_event(&events), "reload");
    server.eventually("/2022/", "the edit", |b| b.contains("Nyskriven insats"));
    server.eventually("/", "the edit on the home page", |b| b.contains("Nyskriven insats"));
    server.wait_for_line("rebuilt 2022:", 0);
}

#[test]
fn a_rename_style_save_is_picked_up() {
    let site = TestSite::fixture("minimal");
    let server = Server::start(&site);
    let plan = site
        .read("content/2022/plan.en.md")
        .replace("Plant trees", "Plant an orchard");
    site.write("content/2022/.plan.en.md.tmp", plan);
    std::fs::rename(
        site.path("content/2022/.plan.en.md.tmp"),
        site.path("content/2022/plan.en.md"),
    )
    .unwrap();
    server.eventually("/en/2022/miljo/", "the renamed-over file", |b| {
        b.contains("Plant an orchard")
    });
}

#[test]
fn a_broken_file_puts_the_overlay_on_every_page_until_it_is_fixed() {
    let site = TestSite::fixture("minimal");
    let server = Server::start(&site);
    let events = server.events();
    let good = site.read("content/2022/plan.sv.md");
    site.write("content/2022/plan.sv.md", good.replacen("---\n", "---\ntitel: x\n", 1));
    assert_eq!(next_event(&events), "problems");
    for page in ["/", "/2022/", "/en/2022/skola/", "/404.html"] {
        let body = server.eventually(page, "the overlay", |b| b.contains("handlingsplan-overlay"));
        assert!(body.contains("content/2022/plan.sv.md:2:1"), "{page}: {body}");
        assert!(body.contains("did you mean `title`?"), "{page}");
    }
    server.wait_for_line("error[unknown-key]", 0); // the terminal prints the same
    site.write("content/2022/plan.sv.md", good);
    assert_eq!(next_event(&events), "reload");
    server.eventually("/2022/", "the overlay to go", |b| !b.contains("handlingsplan-overlay"));
}

#[test]
fn a_template_error_shows_the_templates_location() {
    let site = TestSite::fixture("minimal");
    let server = Server::start(&site);
    site.write(
        "themes/default/templates/area.html",
        "{% extends \"base.html\" %}\n{% block main %}\n{{ area.nope }}\n{% endblock main %}\n",
    );
    let body = server.eventually("/2022/", "the overlay", |b| b.contains("handlingsplan-overlay"));
    assert!(body.contains("themes/default/templates/area.html:3:"), "{body}");
    std::fs::remove_file(site.path("themes/default/templates/area.html")).unwrap();
    server.eventually("/2022/skola/", "recovery", |b| {
        !b.contains("handlingsplan-overlay") && b.contains("Skola och jobb")
    });
}

#[test]
fn a_css_change_swaps_stylesheets() {
    let site = TestSite::fixture("minimal");
    site.write("themes/default/static/style.css", "body { color: black; }\n");
    let server = Server::start(&site);
    let events = server.events();
    site.write("themes/default/static/style.css", "body { color: rebeccapurple; }\n");
    assert_eq!(next_event(&events), "css");
    let (_, page) = server.get("/2022/");
    let href = page
        .split("rel=\"stylesheet\" href=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    assert!(href.starts_with("../static/style.") && href.ends_with(".css"), "{href}");
    let href = format!("/{}", href.trim_start_matches("../"));
    server.eventually(&href, "the new stylesheet", |b| b.contains("rebeccapurple"));
}

#[test]
fn a_new_year_folder_appears() {
    let site = TestSite::fixture("minimal");
    let server = Server::start(&site);
    site.write(
        "content/2023/plan.sv.md",
        "---\ntitle: Plan 2023\ndescription: D\n---\n\n## Ett {#ett}\n\n- Insats\n",
    );
    let body = server.eventually("/", "the new year", |b| b.contains("Plan 2023"));
    assert!(body.contains("Testplan 2022"), "earlier years are listed");
    server.wait_for_line("warning[missing-translation]", 0); // a warning in serve, not an error
    let (status, _) = server.get("/2023/ett/");
    assert_eq!(status, 200);
}

#[test]
fn drafts_are_shown_and_marked() {
    let site = TestSite::fixture("minimal");
    for lang in ["sv", "en"] {
        let path = format!("content/2022/plan.{lang}.md");
        site.write(&path, site.read(&path).replacen("---\n", "---\ndraft: true\n", 1));
    }
    let server = Server::start(&site);
    let (_, body) = server.get("/2022/");
    assert!(body.contains("Utkast"), "{body}");
    let (_, body) = server.get("/en/2022/");
    assert!(body.contains("Draft"));
}

#[test]
fn nothing_outside_the_site_is_served() {
    let site = TestSite::fixture("minimal");
    site.write("secret.txt", "do not serve");
    let server = Server::start(&site);
    for target in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/..%2fsecret.txt",
        "/2022/..%5c..%5csecret.txt",
        "/2022\\..\\..\\secret.txt",
        "//etc/passwd",
        "/content/site.yaml",
        "/secret.txt",
    ] {
        let status = server.raw_status(target);
        assert!(status == 400 || status == 404, "{target}: {status}");
    }
    let status = server.raw_status("/etc/passwd");
    assert_eq!(status, 404);
}

#[test]
fn reading_files_does_not_trigger_a_rebuild() {
    let site = TestSite::fixture("minimal");
    let server = Server::start(&site);
    let before = server.count("rebuilt");
    for file in site.files("content") {
        let _ = std::fs::read(site.path(&format!("content/{file}"))).unwrap();
    }
    server.get("/2022/");
    // A real change after the reads: the watcher reports events in order, so
    // once its rebuild is done, any rebuild the reads caused would be too.
    let plan = site.read("content/2022/plan.sv.md");
    site.write(
        "content/2022/plan.sv.md",
        plan.replace("Första insatsen", "Första insatsen, ändrad"),
    );
    server.wait_for_line("rebuilt", before);
    server.eventually("/2022/", "the change", |page| page.contains("ändrad"));
    assert_eq!(
        server.count("rebuilt"),
        before + 1,
        "only the change rebuilt: {}",
        server.log()
    );
}

#[test]
fn build_output_has_no_live_reload_code() {
    let site = TestSite::fixture("minimal");
    site.build_ok();
    for file in site.text_files("public") {
        let text = site.read(&format!("public/{file}"));
        assert!(
            !text.contains("__handlingsplan") && !text.contains("EventSource"),
            "{file}"
        );
    }
}

#[test]
fn an_explicit_port_that_is_taken_is_a_clear_error() {
    let site = TestSite::fixture("minimal");
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let out = site
        .cmd(&["serve", "--port", &port])
        .timeout(Duration::from_secs(10))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&format!("could not listen on 127.0.0.1:{port}")), "{err}");
}

#[test]
fn serve_shows_exactly_the_pages_build_writes() {
    let site = TestSite::fixture("two-years");
    let server = Server::start(&site);
    // `serve` shows drafts and names its own address as the site's; build the same.
    let base_url = server.url("");
    let out = site
        .cmd(&["build", "--drafts", "--base-url", &base_url, "--output", "built"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let script = "<script src=\"/__handlingsplan/livereload.js\"></script>";
    let mut compared = 0;
    for file in site.files("built").into_iter().filter(|f| f.ends_with(".html")) {
        let path = format!("/{}", file.trim_end_matches("index.html"));
        let (status, body) = server.get(&path);
        assert_eq!(status, 200, "{path}");
        assert_eq!(
            body.replacen(script, "", 1),
            site.read(&format!("built/{file}")),
            "{path}"
        );
        compared += 1;
    }
    assert!(compared >= 18, "{compared} pages");
}

#[test]
fn readers_never_receive_half_a_page_while_the_plan_is_saved() {
    let site = TestSite::fixture("minimal");
    let server = Server::start(&site);
    let plan = site.read("content/2022/plan.sv.md");
    let stop = std::sync::atomic::AtomicBool::new(false);
    let (responses, cut) = std::thread::scope(|scope| {
        let readers: Vec<_> = (0..8)
            .map(|i| {
                let (server, stop) = (&server, &stop);
                scope.spawn(move || {
                    let path = ["/2022/", "/2022/skola/", "/", "/en/2022/"][i % 4];
                    let (mut n, mut cut) = (0, Vec::new());
                    while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                        let (status, body) = server.get(path);
                        if status != 200 || !body.trim_end().ends_with("</html>") {
                            cut.push(format!("{path}: {status}, {} bytes", body.len()));
                        }
                        n += 1;
                    }
                    (n, cut)
                })
            })
            .collect();
        for i in 0..50 {
            // A long text makes each page take a while to write.
            let extra = format!("\n\nTillägg {i}: {}\n", "mer text ".repeat(2000));
            site.write(
                "content/2022/plan.sv.md",
                plan.replacen("\n## ", &format!("{extra}\n## "), 1),
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        readers
            .into_iter()
            .map(|r| r.join().unwrap())
            .fold((0, Vec::new()), |(n, mut cut), (m, c)| {
                cut.extend(c);
                (n + m, cut)
            })
    });
    assert!(responses > 100, "only {responses} responses");
    assert!(
        cut.is_empty(),
        "{} of {responses} responses were cut short: {:?}",
        cut.len(),
        &cut[..cut.len().min(5)]
    );
}

#[test]
fn only_requests_for_this_machine_are_answered() {
    let site = TestSite::fixture("minimal");
    let server = Server::start(&site);
    let port = server.port;
    for host in [
        "localhost",
        &format!("127.0.0.1:{port}"),
        &format!("localhost:{port}"),
        "[::1]",
    ] {
        assert_eq!(server.raw("GET", "/2022/", host).0, 200, "{host}");
    }
    // A page of another site whose name was pointed at 127.0.0.1 (DNS rebinding).
    for host in [
        "evil.example",
        &format!("evil.example:{port}"),
        "127.0.0.1.evil.example",
    ] {
        let (status, _, body) = server.raw("GET", "/2022/", host);
        assert_eq!(status, 403, "{host}");
        assert!(!String::from_utf8_lossy(&body).contains("Testplan"), "{host}");
    }
}

#[test]
fn odd_requests_get_plain_answers() {
    let site = TestSite::fixture("minimal");
    let server = Server::start(&site);
    let (status, headers, body) = server.raw("HEAD", "/2022/", "localhost");
    assert_eq!(status, 200);
    assert!(body.is_empty());
    let length: usize = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .unwrap()
        .1
        .parse()
        .unwrap();
    let (_, get_headers, get_body) = server.raw("GET", "/2022/", "localhost");
    assert!(
        !get_headers
            .iter()
            .any(|(n, v)| n == "transfer-encoding" && v == "chunked")
    );
    assert_eq!(length, get_body.len(), "HEAD says how long the page GET sends is");
    let long = format!("/{}/", "a".repeat(300));
    for target in [long.as_str(), "/2022/index.html/", "/static/"] {
        let (status, _, _) = server.raw("GET", target, "localhost");
        assert_eq!(status, 404, "{target}");
    }
}

#[cfg(unix)]
#[test]
fn the_served_folder_is_private_and_gone_after_the_terminal_closes() {
    use std::os::unix::fs::PermissionsExt;
    let site = TestSite::fixture("minimal");
    let mut server = Server::start(&site);
    let folders: Vec<_> = std::fs::read_dir(server.tmp.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let [folder] = folders.as_slice() else {
        panic!("serve made one temporary folder: {folders:?}")
    };
    assert!(
        folder.join("2022/index.html").exists(),
        "the served folder holds the site"
    );
    let mode = std::fs::metadata(folder).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o700, "{}", folder.display());
    let hup = std::process::Command::new("kill")
        .args(["-HUP", &server.child.id().to_string()])
        .status()
        .unwrap();
    assert!(hup.success());
    let _ = server.child.wait();
    assert!(!folder.exists(), "{} is left behind", folder.display());
}

#[test]
fn a_site_init_wrote_is_served_with_its_draft_plan() {
    let site = TestSite::empty();
    let out = site.cmd(&["init", "--year", "2027"]).output().unwrap();
    assert!(out.status.success());
    let server = Server::start(&site);
    let (status, page) = server.get("/2027/");
    assert_eq!(status, 200);
    assert!(page.contains("Exempelområde"), "{page}");
    let (status, page) = server.get("/en/2027/exempel/");
    assert_eq!(status, 200);
    assert!(page.contains("Write the first action as a sentence"), "{page}");
}

#[test]
fn the_first_report_of_a_site_without_follow_up_gets_its_pages() {
    // The follow-up templates are compiled only when a site needs them.
    let site = TestSite::fixture("minimal");
    let server = Server::start(&site);
    assert_eq!(server.get("/2022/reports/2022-09-30/").0, 404);
    site.write(
        "content/2022/follow-up/2022-09-30.yaml",
        "skola-1:\n  text: \"Första insatsen\"\n  status: done\n",
    );
    let page = server.eventually("/2022/reports/2022-09-30/", "the report's page", |p| {
        p.contains("Uppföljningsrapport 30 september 2022")
    });
    assert!(page.contains("status status-done"), "{page}");
    // The languages are written one after the other: wait for the English one too.
    server.eventually("/en/2022/follow-up/", "the English overview", |p| {
        p.contains("Follow-up overview")
    });
}

#[test]
fn serve_for_a_colleague_never_says_every_address_and_takes_a_base_url() {
    let site = TestSite::fixture("minimal");
    let server = Server::start_with(&site, &["-i", "0.0.0.0"]);
    let (status, page) = server.get("/2022/");
    assert_eq!(status, 200);
    assert!(!page.contains("0.0.0.0"), "{page}");
    let said = server.lines.lock().unwrap().join("\n");
    assert!(!said.contains("0.0.0.0"), "{said}");
    assert!(said.contains("colleagues on its network"), "{said}");
    drop(server);
    let server = Server::start_with(
        &site,
        &["--interface", "127.0.0.1", "-u", "https://preview.example.se/plan"],
    );
    let (_, page) = server.get("/2022/");
    assert!(
        page.contains(r#"<link rel="canonical" href="https://preview.example.se/plan/2022/">"#),
        "{page}"
    );
}

#[test]
fn a_theme_that_renames_a_status_has_the_follow_up_read_again_with_its_words() {
    let site = TestSite::fixture("minimal");
    site.write(
        "content/2022/follow-up.yaml",
        "skola-1:\n  text: \"Första insatsen\"\n  status: Klar\n",
    );
    let server = Server::start(&site);
    server.eventually("/2022/", "the status in the theme's word", |b| {
        b.contains("status-done")
    });
    // The theme now says "Avklarad": "Klar" is no longer a word for a status.
    let sv = String::from_utf8(handlingsplan::theme::builtin("i18n/sv.yaml").unwrap().to_vec()).unwrap();
    site.write(
        "themes/default/i18n/sv.yaml",
        sv.replace("status_done: Klar", "status_done: Avklarad"),
    );
    server.eventually("/2022/", "the follow-up to be read again", |b| {
        b.contains("handlingsplan-overlay")
    });
    server.wait_for_line("error[unknown-status]", 0);
    site.write(
        "content/2022/follow-up.yaml",
        "skola-1:\n  text: \"Första insatsen\"\n  status: avklarad\n",
    );
    server.eventually("/2022/", "the new word to count", |b| {
        !b.contains("handlingsplan-overlay") && b.contains("status-done")
    });
}
