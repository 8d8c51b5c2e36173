//! Adopting the tool: `init`, `theme export`, shell completions, `--help`,
//! and the GitHub Action and workflows that ship with it.

use crate::helpers::{TestSite, repo_root, stderr, stdout};

/// `init` with every flag, in the (empty) site folder.
fn init(site: &TestSite, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["init", "--name", "Kommunen", "--year", "2027"];
    args.extend_from_slice(extra);
    site.cmd(&args).output().unwrap()
}

#[test]
fn init_writes_a_site_that_checks_and_builds_at_once() {
    let site = TestSite::empty();
    let flags = [
        "--base-url",
        "https://plan.kommunen.se/",
        "--contact",
        "mailto:webb@kommunen.se",
    ];
    let out = init(&site, &flags);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("handlingsplan serve"),
        "points to serve: {}",
        stdout(&out)
    );
    for file in [
        "content/site.yaml",
        "content/2027/plan.sv.md",
        "content/2027/plan.en.md",
        ".gitignore",
        ".github/workflows/site.yml",
    ] {
        assert!(site.path(file).is_file(), "{file}");
    }
    // The plan is a draft until it is adopted: `check` says what `build`
    // will publish (the home pages) and warns of it, as `build` does.
    let check = site.cmd(&["check"]).output().unwrap();
    assert!(check.status.success(), "{}", stderr(&check));
    let said = stderr(&check);
    assert!(
        said.contains("check: build publishes no plan, only the home pages; holds back the drafts 2027 (sv, en)"),
        "{said}"
    );
    assert_eq!(said.matches("warning[").count(), 1, "{said}");
    assert!(said.contains("warning[no-plans]"), "{said}");
    // `--drafts` shows the plan.
    let build = site.cmd(&["build", "--drafts"]).output().unwrap();
    assert!(build.status.success(), "{}", stderr(&build));
    assert!(site.read("public/2027/index.html").contains("Exempelområde"));
    // The organisation closes a page's title, once.
    assert!(
        site.read("public/2027/index.html")
            .contains("<title>Handlingsplan 2027 – Kommunen</title>")
    );
    assert!(site.read("public/en/2027/index.html").contains("Example area"));
    assert!(site.read("public/index.html").contains("Kommunen – handlingsplan"));
    let ignored = site.read(".gitignore");
    assert!(
        ignored.contains("/public/") && ignored.contains("/.public.*"),
        "{ignored}"
    );
    // Once a plan is adopted, `check` asks for what only the owner can say
    // in the accessibility statement; the drafts gave them time.
    for lang in ["sv", "en"] {
        let file = format!("content/2027/plan.{lang}.md");
        site.write(&file, site.read(&file).replace("draft: true", "draft: false"));
    }
    let adopted = stderr(&site.cmd(&["check"]).output().unwrap());
    assert!(adopted.contains("check: build publishes 2027 (sv, en)\n"), "{adopted}");
    assert_eq!(adopted.matches("warning[").count(), 2, "{adopted}");
    assert_eq!(
        adopted.matches("warning[accessibility-statement]").count(),
        2,
        "{adopted}"
    );
    assert!(adopted.contains("`accessibility.status`") && adopted.contains("`accessibility.assessed`"));
}

#[test]
fn init_without_addresses_warns_about_its_placeholders() {
    let site = TestSite::empty();
    assert!(init(&site, &[]).status.success());
    let check = site.cmd(&["check"]).output().unwrap();
    assert!(check.status.success(), "{}", stderr(&check));
    let text = stderr(&check);
    assert_eq!(text.matches("warning[placeholder]").count(), 2, "{text}");
    assert!(text.contains("warning[no-plans]"), "{text}");
    assert!(
        !site
            .cmd(&["check", "--deny-warnings"])
            .output()
            .unwrap()
            .status
            .success()
    );
}

#[test]
fn init_with_other_languages() {
    let site = TestSite::empty();
    let out = init(&site, &["--languages", "en,sv,en", "--base-url", "https://x.se/"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let yaml = site.read("content/site.yaml");
    assert!(yaml.contains("default_language: en"), "{yaml}");
    assert!(
        site.read("content/2027/plan.sv.md")
            .contains("## Exempelområde {#example}")
    );
    let check = site.cmd(&["check"]).output().unwrap();
    assert!(check.status.success(), "{}", stderr(&check));
}

#[test]
fn init_refuses_a_folder_that_is_not_empty_and_changes_nothing() {
    let site = TestSite::empty();
    site.write("notes.txt", "mine");
    let out = init(&site, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("already holds notes.txt"), "{}", stderr(&out));
    let entries: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(entries, ["notes.txt"]);
    // A site that exists already, through DIR.
    let other = TestSite::fixture("minimal");
    let before = other.read("content/site.yaml");
    let out = other.cmd(&["init", "."]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(other.read("content/site.yaml"), before);
    // A file is not a folder.
    let out = site.cmd(&["init", "notes.txt"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("not a folder"), "{}", stderr(&out));
}

#[test]
fn init_writes_into_a_freshly_cloned_repository_and_merges_its_gitignore() {
    let site = TestSite::empty();
    site.write(".git/HEAD", "ref: refs/heads/main\n");
    site.write("README.md", "# Vår plan\n");
    site.write("LICENSE", "MIT\n");
    site.write(".gitignore", "node_modules/\n/public/\n");
    site.write(".github/CODEOWNERS", "* @kommunen\n");
    let out = init(&site, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(site.read("README.md"), "# Vår plan\n");
    assert_eq!(site.read(".github/CODEOWNERS"), "* @kommunen\n");
    let ignored = site.read(".gitignore");
    assert!(
        ignored.starts_with("node_modules/\n/public/\n"),
        "theirs kept: {ignored}"
    );
    assert_eq!(ignored.matches("/public/").count(), 1, "no line twice: {ignored}");
    assert!(ignored.contains("/.handlingsplan-cache/"), "{ignored}");
    assert!(site.path("content/2027/plan.sv.md").is_file());
    // A workflow of the same name is in the way; --force leaves it and says so.
    let other = TestSite::empty();
    other.write(".github/workflows/site.yml", "mine\n");
    let out = init(&other, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains(".github/workflows/site.yml"), "{}", stderr(&out));
    assert!(!other.path("content").exists(), "nothing was written");
    let out = init(&other, &["--force"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(other.read(".github/workflows/site.yml"), "mine\n");
    assert!(
        stdout(&out).contains("skipped") && stdout(&out).contains("site.yml"),
        "{}",
        stdout(&out)
    );
    assert!(other.path("content/site.yaml").is_file());
}

#[test]
fn init_with_a_language_the_theme_lacks_writes_its_strings_to_translate() {
    let site = TestSite::empty();
    let out = init(&site, &["--languages", "sv,en,da", "--base-url", "https://x.se/"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let strings = site.read("themes/default/i18n/da.yaml");
    assert!(
        strings.starts_with("# UI strings of the default theme in `da`"),
        "{strings}"
    );
    let yaml = site.read("content/site.yaml");
    assert_eq!(
        yaml.matches("notice:").count(),
        1,
        "only English has words of its own: {yaml}"
    );
    let check = site.cmd(&["check"]).output().unwrap();
    let err = stderr(&check);
    assert!(check.status.success(), "{err}");
    assert!(
        !err.contains("missing-ui-strings") && err.contains("warning[untranslated-ui-strings]"),
        "{err}"
    );
    site.cmd(&["build", "--drafts"]).output().unwrap();
    assert!(!site.read("public/da/2027/index.html").contains("language-notice"));
}

#[test]
fn init_creates_a_new_folder() {
    let site = TestSite::empty();
    let out = site.cmd(&["init", "ny/plats", "--year", "2030"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(site.path("ny/plats/content/2030/plan.sv.md").is_file());
    assert!(
        stdout(&out).contains("cd ny/plats && handlingsplan serve"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn the_workflow_init_writes_is_the_example_and_names_this_version() {
    let site = TestSite::empty();
    assert!(init(&site, &[]).status.success());
    let example = std::fs::read_to_string(repo_root().join("examples/github-actions.yml")).unwrap();
    assert_eq!(site.read(".github/workflows/site.yml"), example);
    let version = format!("handlingsplan/handlingsplan@v{}", env!("CARGO_PKG_VERSION"));
    for file in ["examples/github-actions.yml", "examples/github-pages.yml", "action.yml"] {
        let text = std::fs::read_to_string(repo_root().join(file)).unwrap();
        assert!(text.contains(&version), "{file} uses {version}");
    }
    let gitlab = std::fs::read_to_string(repo_root().join("examples/gitlab-ci.yml")).unwrap();
    assert!(gitlab.contains(&format!("HANDLINGSPLAN_VERSION: v{}", env!("CARGO_PKG_VERSION"))));
}

#[test]
fn theme_export_copies_the_built_in_theme_which_then_builds_the_same_site() {
    let site = TestSite::fixture("minimal");
    site.build_ok();
    let before = site.read("public/2022/index.html");
    let out = site.cmd(&["theme", "export", "themes/egen"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(site.path("themes/egen/templates/base.html").is_file());
    assert!(site.path("themes/egen/i18n/sv.yaml").is_file());
    let yaml = site.read("content/site.yaml").replace("theme: default", "theme: egen");
    let yaml = if yaml.contains("theme: egen") {
        yaml
    } else {
        format!("{yaml}theme: egen\n")
    };
    site.write("content/site.yaml", yaml);
    site.build_ok();
    assert_eq!(site.read("public/2022/index.html"), before);
    // Never over an existing theme.
    let again = site.cmd(&["theme", "export", "themes/egen"]).output().unwrap();
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("already holds"), "{}", stderr(&again));
}

#[test]
fn completions_for_every_shell() {
    let site = TestSite::empty();
    for (shell, marker) in [
        ("bash", "_handlingsplan()"),
        ("zsh", "#compdef handlingsplan"),
        ("fish", "complete -c handlingsplan"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let out = site.cmd(&["completions", shell]).output().unwrap();
        assert!(out.status.success(), "{shell}: {}", stderr(&out));
        let script = stdout(&out);
        assert!(script.contains(marker), "{shell}");
        assert!(
            script.contains("init") && script.contains("serve"),
            "{shell} completes the subcommands"
        );
    }
    let out = site.cmd(&["completions", "tcsh"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn help_shows_examples_the_way_to_start_and_the_exit_codes() {
    let out = TestSite::empty().cmd(&["--help"]).output().unwrap();
    assert!(out.status.success());
    let help = stdout(&out);
    for wanted in [
        "Examples:",
        "handlingsplan serve",
        "handlingsplan init",
        "Exit codes: 0",
        "2 a bad command line",
    ] {
        assert!(help.contains(wanted), "{wanted}:\n{help}");
    }
}

/// The action's inputs, as `action.yml` declares them.
fn action_inputs() -> Vec<String> {
    let text = std::fs::read_to_string(repo_root().join("action.yml")).unwrap();
    let action: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    assert_eq!(action["runs"]["using"].as_str(), Some("composite"));
    let inputs = action["inputs"].as_mapping().unwrap();
    inputs.keys().map(|k| k.as_str().unwrap().to_string()).collect()
}

#[test]
fn the_action_declares_what_it_uses_and_uses_what_it_declares() {
    let text = std::fs::read_to_string(repo_root().join("action.yml")).unwrap();
    let inputs = action_inputs();
    for wanted in ["root", "version", "base-url", "check", "deny-warnings", "output"] {
        assert!(inputs.iter().any(|i| i == wanted), "input {wanted}");
    }
    for input in &inputs {
        assert!(text.contains(&format!("inputs.{input}")), "input {input} is used");
    }
    let used = text.match_indices("inputs.").map(|(i, _)| {
        let rest = &text[i + "inputs.".len()..];
        rest[..rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .unwrap_or(rest.len())]
            .to_string()
    });
    for input in used {
        assert!(inputs.contains(&input), "inputs.{input} is declared");
    }
    let action: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    for step in action["runs"]["steps"].as_sequence().unwrap() {
        if step.get("run").is_some() {
            assert!(
                step.get("shell").is_some(),
                "a composite step that runs names its shell: {step:?}"
            );
        }
    }
}

#[test]
fn the_examples_give_the_action_only_inputs_it_has() {
    let inputs = action_inputs();
    for file in [
        "examples/github-actions.yml",
        "examples/github-pages.yml",
        ".github/workflows/site.yml",
    ] {
        let text = std::fs::read_to_string(repo_root().join(file)).unwrap();
        let workflow: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
        let steps = workflow["jobs"]
            .as_mapping()
            .unwrap()
            .values()
            .flat_map(|job| job["steps"].as_sequence().cloned().unwrap_or_default());
        let ours: Vec<_> = steps
            .filter(|s| {
                s["uses"]
                    .as_str()
                    .is_some_and(|u| u == "./" || u.starts_with("handlingsplan/handlingsplan@"))
            })
            .collect();
        assert_eq!(ours.len(), 1, "{file} uses the action once");
        for key in ours[0]["with"].as_mapping().unwrap().keys() {
            let key = key.as_str().unwrap();
            assert!(
                inputs.iter().any(|i| i == key),
                "{file}: `{key}` is an input of the action"
            );
        }
    }
}
