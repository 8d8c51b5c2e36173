//! A board revises the plan: actions are inserted, reordered, deleted and
//! reworded, in both languages. Follow-up either stays with its action (an
//! action with an id) or the build fails at the entry, saying where its
//! action is now — it is never shown under another action.

use crate::helpers::{TestSite, stderr};
use scraper::{Html, Selector};

/// The two-years fixture with follow-up for `skola-2` only.
fn site_with_follow_up(key: &str) -> TestSite {
    let site = TestSite::fixture("two-years");
    site.write(
        "content/2022/follow-up.yaml",
        format!("{key}:\n  text: Andra insatsen med fetstil\n  status: done\n  note:\n    sv: Klart.\n    en: Done.\n"),
    );
    site
}

/// Replace `from` by `to` in both plan files of 2022.
fn revise(site: &TestSite, sv: (&str, &str), en: (&str, &str)) {
    for (lang, (from, to)) in [("sv", sv), ("en", en)] {
        let file = format!("content/2022/plan.{lang}.md");
        let text = site.read(&file);
        assert!(text.contains(from), "{file} has {from:?}");
        site.write(&file, text.replacen(from, to, 1));
    }
}

/// The text of the action that shows the status "done" on the plan page.
fn done_action(site: &TestSite) -> String {
    let doc = Html::parse_document(&site.read("public/2022/index.html"));
    let sel = Selector::parse("li.action").unwrap();
    let text = Selector::parse(".action-text").unwrap();
    let done: Vec<String> = doc
        .select(&sel)
        .filter(|li| li.html().contains("status-done"))
        .map(|li| {
            // The action's own words, without the "new" badge and the link to the action.
            let html = li.select(&text).next().unwrap().inner_html();
            let own = html.split(" <span class=\"change-badge").next().unwrap();
            let own = own.split(" <a class=\"action-link").next().unwrap();
            Html::parse_fragment(own).root_element().text().collect::<String>()
        })
        .collect();
    assert_eq!(done.len(), 1, "{done:?}");
    done[0].clone()
}

#[test]
fn a_positional_key_that_now_names_another_action_fails_at_the_entry() {
    // (what the board does, the Swedish edit, the English edit, where the action is now)
    let inserted = (
        ("- Första insatsen\n", "- En ny första insats\n- Första insatsen\n"),
        ("- The first action\n", "- A new first action\n- The first action\n"),
        "which is now `skola-3`",
    );
    let reordered = (
        (
            "- Första insatsen\n- Andra insatsen med **fetstil**\n\n  Detaljer om den andra insatsen.\n",
            "- Andra insatsen med **fetstil**\n\n  Detaljer om den andra insatsen.\n- Första insatsen\n",
        ),
        (
            "- The first action\n- The second action in **bold**\n\n  Details of the second action.\n",
            "- The second action in **bold**\n\n  Details of the second action.\n- The first action\n",
        ),
        "which is now `skola-1`",
    );
    let deleted = (
        (
            "- Andra insatsen med **fetstil**\n\n  Detaljer om den andra insatsen.\n",
            "- Ytterligare en insats\n",
        ),
        (
            "- The second action in **bold**\n\n  Details of the second action.\n",
            "- One more action\n",
        ),
        "which is no longer in the plan",
    );
    for (sv, en, now) in [inserted, reordered, deleted] {
        let site = site_with_follow_up("skola-2");
        site.build_ok();
        assert_eq!(done_action(&site), "Andra insatsen med fetstil");
        revise(&site, sv, en);
        let out = site.build();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{sv:?}: {err}");
        assert!(
            err.contains("error[wrong-action]: `skola-2` was written for “Andra insatsen med fetstil”"),
            "{err}"
        );
        assert!(err.contains(now), "{now}: {err}");
        assert!(err.contains("--> content/2022/follow-up.yaml:2:9"), "{err}");
        assert_eq!(
            done_action(&site),
            "Andra insatsen med fetstil",
            "the previous site is untouched"
        );
        let check = site.cmd(&["check"]).output().unwrap();
        assert_eq!(check.status.code(), Some(1), "check fails too");
    }
}

#[test]
fn a_reworded_action_keeps_its_follow_up() {
    let site = site_with_follow_up("skola-2");
    revise(
        &site,
        ("Andra insatsen med **fetstil**", "Andra insatsen med **kursiv**"),
        ("second action in **bold**", "second action in *italics*"),
    );
    site.build_ok();
    assert_eq!(done_action(&site), "Andra insatsen med kursiv");
}

#[test]
fn an_action_with_an_id_keeps_its_follow_up_through_every_revision() {
    const SV: &str =
        "- Första insatsen\n- Andra insatsen med **fetstil** {#andra}\n\n  Detaljer om den andra insatsen.\n";
    const EN: &str =
        "- The first action\n- The second action in **bold** {#andra}\n\n  Details of the second action.\n";
    let inserted = (
        "- En ny första insats\n- Första insatsen\n- Andra insatsen med **fetstil** {#andra}\n",
        "- A new first action\n- The first action\n- The second action in **bold** {#andra}\n",
    );
    let reordered = (
        "- Andra insatsen med **fetstil** {#andra}\n- Första insatsen\n",
        "- The second action in **bold** {#andra}\n- The first action\n",
    );
    let deleted = (
        "- Andra insatsen med **fetstil** {#andra}\n",
        "- The second action in **bold** {#andra}\n",
    );
    for (sv, en) in [inserted, reordered, deleted] {
        let site = site_with_follow_up("andra");
        revise(
            &site,
            (
                "- Första insatsen\n- Andra insatsen med **fetstil**\n\n  Detaljer om den andra insatsen.\n",
                SV,
            ),
            (
                "- The first action\n- The second action in **bold**\n\n  Details of the second action.\n",
                EN,
            ),
        );
        revise(&site, (SV, sv), (EN, en));
        let out = site.build();
        assert!(out.status.success(), "{sv:?}: {}", stderr(&out));
        assert_eq!(done_action(&site), "Andra insatsen med fetstil", "{sv:?}");
        let doc = Html::parse_document(&site.read("public/en/2022/index.html"));
        assert_eq!(
            doc.select(&Selector::parse("li#andra").unwrap()).count(),
            1,
            "the anchor is the id in English too"
        );
    }
}

#[test]
fn a_translation_that_forgets_an_actions_id_is_an_error_at_its_line() {
    let site = site_with_follow_up("andra");
    let sv = site.read("content/2022/plan.sv.md");
    site.write(
        "content/2022/plan.sv.md",
        sv.replace("med **fetstil**\n", "med **fetstil** {#andra}\n"),
    );
    let out = site.build();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("error[action-id-mismatch]: action 2 of `skola` has the id `{#andra}` in content/2022/plan.sv.md:13, but not here"), "{err}");
    assert!(err.contains("--> content/2022/plan.en.md:13:1"), "{err}");
    assert!(err.contains("add `{#andra}` at the end of its text"), "{err}");
}

#[test]
fn pin_adds_what_each_entry_was_written_for_and_nothing_else() {
    let site = TestSite::fixture("two-years");
    let text = "# Uppföljning\nskola-2: # den andra\n  status: ongoing\n\n# Miljö\nmiljo-1:\n    status: paused\n    progress: 10\n";
    site.write("content/2022/follow-up.yaml", text);
    let check = site.cmd(&["check"]).output().unwrap();
    assert!(
        stderr(&check).contains("warning[unpinned-follow-up]"),
        "{}",
        stderr(&check)
    );
    let out = site.cmd(&["follow-up", "pin"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        site.read("content/2022/follow-up.yaml"),
        "# Uppföljning\nskola-2: # den andra\n  text: \"Andra insatsen med fetstil\"\n  status: ongoing\n\n# Miljö\nmiljo-1:\n    text: \"Plantera träd\"\n    status: paused\n    progress: 10\n"
    );
    let check = site.cmd(&["check", "--deny-warnings"]).output().unwrap();
    assert!(check.status.success(), "{}", stderr(&check));
    let again = site.cmd(&["follow-up", "pin", "2022"]).output().unwrap();
    assert!(String::from_utf8_lossy(&again.stdout).contains("every entry already says"));
}
