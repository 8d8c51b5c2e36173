//! Writes a synthetic archive of plans for benchmarks: a site in the
//! project's format with P year folders, each holding `plan.sv.md` and
//! `plan.en.md` with an introduction and 10 focus areas, each with a
//! description paragraph (emphasis and a link) and 3 actions of ~20 words.
//! The same seed always gives the same files.
//!
//! ```sh
//! cargo run --release --example synthetic -- --plans 1000 --out /dev/shm/archive [--seed 1]
//! cargo run --release --example synthetic -- --plans 1 --areas 30000 --out /dev/shm/wide
//! ```
//!
//! `--areas N` (default 10) gives every plan N focus areas (beyond the ten
//! named ones, `a11`, `a12` …): a plan far larger than any real one, to show
//! that the time a build takes grows in proportion to it.
//!
//! `--reports N` (0–52, default 0) gives every year N dated follow-up reports
//! (`follow-up/<date>.yaml`: up to 4 at the end of every quarter, up to 12
//! monthly, more spread evenly through the year, e.g. 40 for a decade of
//! quarterly reports on one plan), each reporting every action with a
//! status, progress, a due date, a lead and a note in both languages.

use rand::{RngExt, SeedableRng};
use rand_xorshift::XorShiftRng;
use std::fmt::Write as _;
use std::path::PathBuf;

const SV: &[&str] = &[
    "arbeta",
    "för",
    "regionens",
    "företag",
    "med",
    "innovation",
    "och",
    "hållbar",
    "tillväxt",
    "samverkan",
    "kommunerna",
    "infrastruktur",
    "kompetens",
    "utbildning",
    "export",
    "näringsliv",
    "digitalisering",
    "bättre",
    "villkor",
    "nätverk",
    "över",
    "gränsen",
    "analys",
    "seminarier",
    "tillsammans",
    "forskning",
    "elpriser",
];
const EN: &[&str] = &[
    "work",
    "for",
    "the",
    "region's",
    "companies",
    "with",
    "innovation",
    "and",
    "sustainable",
    "growth",
    "cooperation",
    "municipalities",
    "infrastructure",
    "skills",
    "education",
    "exports",
    "business",
    "digital",
    "better",
    "conditions",
    "networks",
    "across",
    "the border",
    "analysis",
    "seminars",
    "together",
    "research",
];
const AREAS: &[(&str, &str, &str)] = &[
    ("innovation", "Innovation och FoU", "Innovation and R&D"),
    ("infrastruktur", "Infrastruktur", "Infrastructure"),
    ("flyg", "Flyget", "Aviation"),
    ("sakerhet", "Säkerhet", "Security"),
    ("energi", "Energi och elpriser", "Energy and electricity prices"),
    ("oresund", "Öresundsregionen", "The Öresund region"),
    ("agenda-2030", "Agenda 2030", "Agenda 2030"),
    ("kompetens", "Kompetens", "Skills"),
    ("internationalisering", "Internationalisering", "Internationalisation"),
    ("digitalisering", "Digitalisering", "Digitalisation"),
];

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let plans: u32 = arg("--plans").and_then(|p| p.parse().ok()).expect("--plans P");
    let out = PathBuf::from(arg("--out").expect("--out DIR"));
    let seed: u64 = arg("--seed").and_then(|s| s.parse().ok()).unwrap_or(1);
    let areas: usize = arg("--areas").and_then(|s| s.parse().ok()).unwrap_or(AREAS.len());
    let reports: usize = arg("--reports").and_then(|s| s.parse().ok()).unwrap_or(0);
    assert!(reports <= 52, "--reports must be 0..=52");
    assert!(
        (1..=8999).contains(&plans),
        "--plans must be 1..=8999 (years have four digits)"
    );
    let mut rng = XorShiftRng::seed_from_u64(seed);
    let first = (2026 - plans as i64 + 1).max(1000) as u32;
    std::fs::create_dir_all(out.join("content")).unwrap();
    std::fs::write(
        out.join("content/site.yaml"),
        "base_url: https://example.org/archive\ndefault_language: sv\nlanguages:\n  sv: { name: Svenska, title: Syntetiskt arkiv }\n  en: { name: English, title: Synthetic archive }\n",
    )
    .unwrap();
    for year in first..first + plans {
        let dir = out.join(format!("content/{year}"));
        std::fs::create_dir_all(&dir).unwrap();
        let mut actions = Vec::new();
        for (lang, words, prefix) in [("sv", SV, ""), ("en", EN, "/en")] {
            let md = plan(&mut rng, year, (lang, words, prefix), areas);
            if lang == "sv" {
                actions = action_texts(&md);
            }
            std::fs::write(dir.join(format!("plan.{lang}.md")), md).unwrap();
        }
        if reports > 0 {
            std::fs::create_dir_all(dir.join("follow-up")).unwrap();
        }
        for r in 0..reports {
            let (date, yaml) = report(&mut rng, year, r, reports, &actions);
            std::fs::write(dir.join(format!("follow-up/{date}.yaml")), yaml).unwrap();
        }
    }
    println!(
        "wrote {plans} plans ({first}–{}) into {}",
        first + plans - 1,
        out.display()
    );
}

/// Every action of a plan file: (anchor, text), in order.
fn action_texts(md: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let (mut area, mut n) = (String::new(), 0);
    for line in md.lines() {
        if let Some(id) = line
            .strip_prefix("## ")
            .and_then(|h| h.rsplit_once("{#"))
            .map(|(_, id)| id)
        {
            area = id.trim_end_matches('}').to_string();
            n = 0;
        } else if let Some(text) = line.strip_prefix("- ") {
            n += 1;
            out.push((format!("{area}-{n}"), text.to_string()));
        }
    }
    out
}

/// The `r`th of `count` reports on the `year` plan: its date and its YAML.
fn report(rng: &mut XorShiftRng, year: u32, r: usize, count: usize, actions: &[(String, String)]) -> (String, String) {
    let (month, day) = match count {
        1..=4 => ([3, 6, 9, 12][r * 4 / count], [31, 30, 30, 31][r * 4 / count]),
        5..=12 => (r as u32 + 1, 28),
        _ => day_of_year(1 + r * 365 / count),
    };
    let date = format!("{year}-{month:02}-{day:02}");
    let mut yaml = String::new();
    let statuses = ["planned", "ongoing", "ongoing", "done", "paused"];
    for (anchor, text) in actions {
        let status = statuses[rng.random_range(0..statuses.len())];
        let _ = writeln!(yaml, "{anchor}:\n  text: \"{text}\"\n  status: {status}");
        let _ = writeln!(yaml, "  progress: {}", rng.random_range(0..=100));
        let _ = writeln!(yaml, "  due: {year}-{:02}-28", rng.random_range(1..=12));
        let _ = writeln!(yaml, "  lead: Grupp {}", rng.random_range(1..=20));
        let (sv, en) = (sentence(rng, SV, 8), sentence(rng, EN, 8));
        let _ = writeln!(yaml, "  note:\n    sv: {sv}.\n    en: {en}.");
    }
    (date, yaml)
}

/// The month and day of day `n` (from 1) of a year without 29 February.
fn day_of_year(mut n: usize) -> (u32, u32) {
    const DAYS: [usize; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let mut month = 0;
    while n > DAYS[month] {
        n -= DAYS[month];
        month += 1;
    }
    (month as u32 + 1, n as u32)
}

fn sentence(rng: &mut XorShiftRng, words: &[&str], n: usize) -> String {
    let mut s: String = (0..n)
        .map(|_| words[rng.random_range(0..words.len())])
        .collect::<Vec<_>>()
        .join(" ");
    if let Some(first) = s.get(0..1) {
        s.replace_range(0..1, &first.to_uppercase());
    }
    s
}

fn plan(rng: &mut XorShiftRng, year: u32, (lang, words, prefix): (&str, &[&str], &str), areas: usize) -> String {
    let title = if lang == "sv" {
        format!("Handlingsplan {year}")
    } else {
        format!("Action plan {year}")
    };
    let mut md = format!(
        "---\ntitle: {title}\ndescription: {}.\n---\n\n",
        sentence(rng, words, 12)
    );
    let _ = writeln!(md, "{}. {}.\n", sentence(rng, words, 25), sentence(rng, words, 20));
    let area = |i: usize| match AREAS.get(i) {
        Some((id, sv, en)) => (id.to_string(), if lang == "sv" { sv } else { en }.to_string()),
        None => (format!("a{}", i + 1), format!("Område {}", i + 1)),
    };
    for i in 0..areas {
        let (id, name) = area(i);
        let (other, _) = area((i + 1) % areas);
        let _ = writeln!(md, "## {name} {{#{id}}}\n");
        let _ = writeln!(
            md,
            "{} *{}* {}, [{}]({prefix}/{year}/{other}/).\n",
            sentence(rng, words, 10),
            sentence(rng, words, 3).to_lowercase(),
            sentence(rng, words, 8).to_lowercase(),
            sentence(rng, words, 2).to_lowercase()
        );
        for _ in 0..3 {
            let _ = writeln!(md, "- {}", sentence(rng, words, 20));
        }
        md.push('\n');
    }
    md
}
