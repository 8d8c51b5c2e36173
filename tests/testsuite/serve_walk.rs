//! `serve` after any sequence of saves holds what a fresh build makes: a
//! seeded random walk of edits (areas, actions, plan titles, years,
//! reports, attachments, a template and a stylesheet of the theme) is
//! saved one at a time, each change is passed to `serve`'s rebuild as the
//! watcher would pass it, and after each the served folder is compared
//! byte for byte with a fresh build of the same files.

use crate::cards::png_header;
use crate::helpers::{TestSite, tree};
use handlingsplan::diagnostics::Severity;
use handlingsplan::pipeline::LoadOptions;
use handlingsplan::serve::classify::classify;
use handlingsplan::serve::{Outcome, SiteState};
use rand::{RngExt, SeedableRng};
use rand_xorshift::XorShiftRng;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// How many edits one walk makes.
const EDITS: usize = 60;
const LANGS: [&str; 2] = ["sv", "en"];

#[derive(Clone)]
struct Area {
    id: String,
    title: String,
    actions: Vec<String>,
}

#[derive(Clone)]
struct Year {
    /// Per language: the plan's title and its areas.
    plans: BTreeMap<&'static str, (String, Vec<Area>)>,
    /// Per date: the status of an action by its id.
    reports: BTreeMap<String, BTreeMap<String, &'static str>>,
    attachments: BTreeSet<String>,
}

/// The site being edited, and what the edit in progress saved.
struct Walk {
    site: TestSite,
    rng: XorShiftRng,
    years: BTreeMap<u16, Year>,
    counter: usize,
    saved: BTreeSet<String>,
}

impl Walk {
    /// A site of two years; `cards`: does it draw share cards (slow in a
    /// debug build), or show one fixed image?
    fn new(seed: u64, cards: bool) -> Walk {
        let site = TestSite::fixture("minimal");
        std::fs::remove_dir_all(site.path("content/2022")).unwrap();
        if !cards {
            let config = site.read("content/site.yaml");
            site.write(
                "content/site.yaml",
                format!("{config}brand:\n  share_image: delning.png\n"),
            );
            site.write("content/delning.png", png_header(1200, 630));
        }
        let mut walk = Walk {
            site,
            rng: XorShiftRng::seed_from_u64(seed),
            years: BTreeMap::new(),
            counter: 0,
            saved: BTreeSet::new(),
        };
        for year in [2021, 2022] {
            let fresh = walk.new_year(year);
            walk.years.insert(year, fresh);
            walk.save_year(year);
        }
        walk.saved.clear();
        walk
    }

    fn next(&mut self) -> usize {
        self.counter += 1;
        self.counter
    }

    fn new_year(&mut self, year: u16) -> Year {
        let areas: Vec<Area> = (0..2).map(|_| self.new_area()).collect();
        let plans = LANGS
            .iter()
            .map(|&lang| (lang, (format!("Plan {year} {lang}"), areas.clone())))
            .collect();
        Year {
            plans,
            reports: BTreeMap::new(),
            attachments: BTreeSet::new(),
        }
    }

    fn new_area(&mut self) -> Area {
        let n = self.next();
        Area {
            id: format!("omrade{n}"),
            title: format!("Område {n}"),
            actions: vec![format!("Insats {n}")],
        }
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.rng.random_range(0..items.len())]
    }

    fn any_year(&mut self) -> u16 {
        let years: Vec<u16> = self.years.keys().copied().collect();
        self.pick(&years)
    }

    /// The languages an edit touches: one of them, or both.
    fn langs(&mut self) -> Vec<&'static str> {
        match self.rng.random_range(0..3) {
            0 => LANGS.to_vec(),
            i => vec![LANGS[i - 1]],
        }
    }

    /// One random edit, saved.
    fn edit(&mut self) -> String {
        let year = self.any_year();
        let langs = self.langs();
        let n = self.next();
        let kind = self.rng.random_range(0..13);
        let many = self.years.len() > 1;
        let y = self.years.get_mut(&year).expect("a year");
        let described = match kind {
            0 => {
                for lang in &langs {
                    let areas = &mut y.plans.get_mut(lang).expect("a plan").1;
                    let last = areas.len() - 1;
                    let at = n % areas.len();
                    areas[at].title = format!("Nytt namn {n}");
                    areas[last].actions.push(format!("Ny insats {n}"));
                }
                "retitle an area, add an action"
            }
            1 => {
                let area = Area {
                    id: format!("omrade{n}"),
                    title: format!("Område {n}"),
                    actions: vec![format!("Insats {n}")],
                };
                for lang in &langs {
                    y.plans.get_mut(lang).expect("a plan").1.push(area.clone());
                }
                "add an area"
            }
            2 => {
                for lang in &langs {
                    let areas = &mut y.plans.get_mut(lang).expect("a plan").1;
                    if areas.len() > 1 {
                        let at = n % areas.len();
                        areas.remove(at);
                    }
                }
                "remove an area"
            }
            3 => {
                for lang in &langs {
                    let areas = &mut y.plans.get_mut(lang).expect("a plan").1;
                    let at = n % areas.len();
                    let area = &mut areas[at];
                    if area.actions.len() > 1 {
                        area.actions.remove(0);
                    }
                }
                "remove an action"
            }
            4 => {
                for lang in &langs {
                    y.plans.get_mut(lang).expect("a plan").0 = format!("Plan {year} ändrad {n}");
                }
                "retitle a plan"
            }
            5 => {
                let new = if self.rng.random_range(0..2) == 0 {
                    self.years.keys().next_back().map_or(2020, |y| y + 1)
                } else {
                    self.years.keys().next().map_or(2020, |y| y - 1)
                };
                let fresh = self.new_year(new);
                self.years.insert(new, fresh);
                self.save_year(new);
                return format!("add the year {new}");
            }
            6 if many => {
                self.years.remove(&year);
                let folder = format!("content/{year}");
                std::fs::remove_dir_all(self.site.path(&folder)).unwrap();
                self.saved.insert(folder);
                return format!("remove the year {year}");
            }
            7 | 8 => {
                let date = format!("{year}-{}", ["03-31", "06-30", "09-30"][n % 3]);
                let ids: Vec<String> = (y.plans["sv"].1.iter())
                    .filter(|a| y.plans["en"].1.iter().any(|b| b.id == a.id))
                    .map(|a| format!("{}-1", a.id))
                    .collect();
                let status = ["done", "ongoing", "planned", "paused"][n % 4];
                let report: BTreeMap<String, &str> = ids.into_iter().take(2).map(|id| (id, status)).collect();
                y.reports.insert(date, report);
                "save a report"
            }
            9 => {
                let first = y.reports.keys().next().cloned();
                if let Some(date) = first {
                    y.reports.remove(&date);
                    let file = format!("content/{year}/follow-up/{date}.yaml");
                    std::fs::remove_file(self.site.path(&file)).unwrap();
                    self.saved.insert(file);
                }
                "remove a report"
            }
            10 => {
                let name = format!("bilaga-{}.txt", n % 3);
                let file = format!("content/{year}/{name}");
                if y.attachments.remove(&name) {
                    std::fs::remove_file(self.site.path(&file)).unwrap();
                } else {
                    y.attachments.insert(name);
                    self.site.write(&file, format!("bilaga {n}"));
                }
                self.saved.insert(file);
                return format!("add or remove an attachment in {year}");
            }
            11 => {
                // A template of the site's own beside the built-in ones.
                let file = "themes/default/templates/404.html";
                let template = handlingsplan::theme::builtin("templates/404.html").expect("a built-in 404 page");
                let text = String::from_utf8_lossy(template).replace(
                    "{% endblock main %}",
                    &format!("<!-- walk {n} -->\n{{% endblock main %}}"),
                );
                assert!(text.contains("<!-- walk"), "the 404 page's block has moved");
                self.site.write(file, text);
                self.saved.insert(file.into());
                return "save a template".into();
            }
            _ => {
                let file = "themes/default/static/extra.css";
                self.site.write(file, format!("body {{ --walk: {n}; }}\n"));
                self.saved.insert(file.into());
                return "save a stylesheet".into();
            }
        };
        self.save_year(year);
        format!("{described} in {year} ({})", langs.join(", "))
    }

    /// Write every file of `year` that differs from what is on disk.
    fn save_year(&mut self, year: u16) {
        let y = self.years[&year].clone();
        // Reports name only actions that exist in both languages.
        let mut y = y;
        for report in y.reports.values_mut() {
            report.retain(|id, _| {
                y.plans
                    .values()
                    .all(|(_, areas)| areas.iter().any(|a| format!("{}-1", a.id) == *id))
            });
        }
        self.years.insert(year, y.clone());
        for (lang, (title, areas)) in &y.plans {
            let mut text = format!("---\ntitle: {title}\ndescription: En plan för tester.\n---\n\nInledning.\n");
            for area in areas {
                text += &format!("\n## {} {{#{}}}\n\n", area.title, area.id);
                for action in &area.actions {
                    text += &format!("- {action}\n");
                }
            }
            self.save(&format!("content/{year}/plan.{lang}.md"), &text);
        }
        for (date, report) in &y.reports {
            let mut text = String::new();
            for (id, status) in report {
                text += &format!("{id}:\n  status: {status}\n");
            }
            if text.is_empty() {
                text = "{}\n".into();
            }
            self.save(&format!("content/{year}/follow-up/{date}.yaml"), &text);
        }
    }

    fn save(&mut self, rel: &str, text: &str) {
        if std::fs::read_to_string(self.site.path(rel)).ok().as_deref() != Some(text) {
            self.site.write(rel, text);
            self.saved.insert(rel.to_string());
        }
    }
}

fn load(root: &Path) -> LoadOptions {
    LoadOptions {
        drafts: true,
        base_url: Some("http://127.0.0.1:1111".into()),
        translation_severity: Severity::Warning,
        ..LoadOptions::new(root)
    }
}

fn built(outcome: &Outcome) -> bool {
    matches!(outcome, Outcome::Built { .. })
}

/// What a rebuild came to once its share cards are drawn (as `serve` draws
/// them: after announcing the pages), which also prunes what it left.
fn settled(state: &mut SiteState, outcome: Outcome) -> Outcome {
    state.draw_cards().unwrap_or(outcome)
}

/// Walk `EDITS` random saves from `seed`, comparing after each.
fn walk(seed: u64, cards: bool) {
    let mut walk = Walk::new(seed, cards);
    let served = tempfile::tempdir().unwrap();
    let mut state = SiteState::new(load(walk.site.root()), served.path().to_path_buf());
    let first = state.full();
    assert!(built(&settled(&mut state, first)), "the first build");
    let mut compared = 0;
    for step in 0..EDITS {
        let what = walk.edit();
        let changes = std::mem::take(&mut walk.saved)
            .iter()
            .filter_map(|rel| classify(rel, "default"))
            .collect();
        let incremental = state.apply(&changes);
        let incremental = settled(&mut state, incremental);
        let fresh_dir = tempfile::tempdir().unwrap();
        let mut fresh_state = SiteState::new(load(walk.site.root()), fresh_dir.path().to_path_buf());
        let fresh = fresh_state.full();
        let fresh = settled(&mut fresh_state, fresh);
        let when = format!("seed {seed}, edit {step}: {what}");
        assert_eq!(
            built(&incremental),
            built(&fresh),
            "{when}: {incremental:?} / {fresh:?}"
        );
        if built(&fresh) {
            assert_same_files(served.path(), fresh_dir.path(), &when);
            compared += 1;
        }
    }
    // A walk whose edits broke the site would compare nothing.
    assert!(
        compared >= EDITS * 9 / 10,
        "seed {seed}: only {compared} of {EDITS} edits built"
    );
}

/// The folders `served` and `built` hold the same files, byte for byte.
fn assert_same_files(served: &Path, built: &Path, when: &str) {
    let (got, want) = (tree(served), tree(built));
    let names = |t: &BTreeMap<String, Vec<u8>>| t.keys().cloned().collect::<BTreeSet<_>>();
    let (got_names, want_names) = (names(&got), names(&want));
    let extra: Vec<_> = got_names.difference(&want_names).collect();
    assert!(extra.is_empty(), "{when}: served but not built: {extra:?}");
    let missing: Vec<_> = want_names.difference(&got_names).collect();
    assert!(missing.is_empty(), "{when}: built but not served: {missing:?}");
    for (name, bytes) in &want {
        assert!(got[name] == *bytes, "{when}: `{name}` differs");
    }
}

#[test]
fn serve_after_a_random_walk_of_saves_equals_a_fresh_build() {
    walk(1, false);
}

/// The same with share cards drawn: slow in a debug build, so `.ci/run`
/// runs it (`cargo test --test testsuite -- --ignored`).
#[test]
#[ignore = "draws cards: about 30 s in a debug build"]
fn serve_after_a_random_walk_of_saves_with_cards_equals_a_fresh_build() {
    walk(2, true);
}
