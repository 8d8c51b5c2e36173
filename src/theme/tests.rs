//! The theme's table tests: which templates are compiled, static names.

use super::{FOLLOW_UP_PARTIALS, FOLLOW_UP_TEMPLATES, Theme};

/// A site root whose theme folder holds one template of its own, `name`.
fn with_template(name: &str, text: &str) -> tempfile::TempDir {
    let root = tempfile::tempdir().unwrap();
    let templates = root.path().join("themes/default/templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(templates.join(name), text).unwrap();
    root
}

/// Which follow-up templates a theme compiles, by whether the site has
/// follow-up and whether the theme has templates of its own.
#[test]
fn follow_up_templates_are_compiled_only_where_they_can_be_rendered() {
    let builtin = tempfile::tempdir().unwrap();
    let area = "{% extends \"base.html\" %}{% block main %}{% include \"partials/bar.html\" %}{% endblock main %}";
    let custom = with_template("area.html", area);
    for (root, follow_up, templates_compiled, partials_real) in [
        (builtin.path(), false, false, false),
        (builtin.path(), true, true, true),
        // Its area page may include a roll-up partial without follow-up.
        (custom.path(), false, false, true),
        (custom.path(), true, true, true),
    ] {
        let theme = Theme::load(root, "default", &["sv", "en"], follow_up).unwrap();
        let case = format!(
            "{} theme, follow-up {follow_up}",
            ["custom", "built-in"][usize::from(root == builtin.path())]
        );
        for t in FOLLOW_UP_TEMPLATES {
            assert_eq!(theme.tera.contains_template(t), templates_compiled, "{case}: {t}");
        }
        for t in FOLLOW_UP_PARTIALS {
            // Rendered without its variables: the real partial fails at
            // one of them, the stand-in at once, saying why.
            let error = format!("{:?}", theme.tera.render(t, &tera::Context::new()).unwrap_err());
            assert_eq!(
                !error.contains("only for a site with follow-up"),
                partials_real,
                "{case}: {t}: {error}"
            );
        }
        assert!(theme.tera.contains_template("partials/actions.html"), "{case}");
        assert_eq!(theme.has_follow_up_templates(), follow_up, "{case}");
    }
}

#[test]
fn stylesheets_and_scripts_get_a_content_hash() {
    let a = super::hashed_name("style.css", b"body{}");
    assert!(
        a.starts_with("style.") && a.ends_with(".css") && a.len() == "style.0123456789.css".len(),
        "{a}"
    );
    assert_eq!(
        a,
        super::hashed_name("style.css", b"body{}"),
        "the same bytes give the same name"
    );
    assert_ne!(a, super::hashed_name("style.css", b"body{ }"));
    assert!(super::hashed_name("js/app.js", b"x").starts_with("js/app."));
    assert_eq!(super::hashed_name("favicon.svg", b"<svg/>"), "favicon.svg");
}

/// The built-in card template is compiled when a card is first drawn; a
/// theme with templates of its own has it compiled with the others.
#[test]
fn the_built_in_card_template_is_compiled_when_first_drawn() {
    use super::CARD_TEMPLATE;
    let builtin = tempfile::tempdir().unwrap();
    let custom = with_template(CARD_TEMPLATE, "<svg>{{ card.title }}</svg>");
    for (root, at_start) in [(builtin.path(), false), (custom.path(), true)] {
        let theme = Theme::load(root, "default", &["sv", "en"], false).unwrap();
        assert_eq!(theme.tera.contains_template(CARD_TEMPLATE), at_start);
        let mut card = tera::Context::new();
        card.insert(
            "card",
            &std::collections::BTreeMap::from([("title", "Näringsliv & skola")]),
        );
        let mut out = Vec::new();
        // The built-in template wants more than a title: it runs, and stops
        // at a variable (it is there); the custom one draws the title.
        match theme.render_card(&card, &mut out) {
            Ok(()) => assert_eq!(String::from_utf8(out).unwrap(), "<svg>Näringsliv &amp; skola</svg>"),
            Err(e) => assert!(!at_start && !e.to_string().contains("not found"), "{e}"),
        }
    }
}
