//! The theme's table tests: which templates are compiled, static names.

use super::{FOLLOW_UP_PARTIALS, FOLLOW_UP_TEMPLATES, Theme};

/// Which follow-up templates a theme compiles, by whether the site has
/// follow-up and whether the theme has templates of its own.
#[test]
fn follow_up_templates_are_compiled_only_where_they_can_be_rendered() {
    let builtin = tempfile::tempdir().unwrap();
    let custom = tempfile::tempdir().unwrap();
    let templates = custom.path().join("themes/default/templates");
    std::fs::create_dir_all(&templates).unwrap();
    let area = "{% extends \"base.html\" %}{% block main %}{% include \"partials/bar.html\" %}{% endblock main %}";
    std::fs::write(templates.join("area.html"), area).unwrap();
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
