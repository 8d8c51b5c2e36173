//! Which of a theme's templates are compiled when it is loaded: Tera
//! compiles every template it is given, about 230 instructions a byte, at
//! every start — the largest part of a small site's build. What a build
//! cannot render is left out or compiled when first needed.

/// Templates only a year with follow-up renders. Every template is parsed
/// at every start, which is most of a small site's build: these are
/// compiled only when a site has follow-up (and always by `check`).
pub const FOLLOW_UP_TEMPLATES: [&str; 3] = ["report.html", "follow_up.html", "partials/action_list.html"];

/// Partials that the built-in templates include only for a year with
/// follow-up (its roll-ups: the status strip, the chart, the bars). When
/// the templates are all the built-in ones, a site without follow-up gets
/// in their place a template that stops the render should it ever be
/// included ([`STAND_IN`]): Tera wants every included name to exist, and
/// they are a sixth of the text compiled at every start. A theme with
/// templates of its own may include them anywhere, so it gets them.
pub const FOLLOW_UP_PARTIALS: [&str; 5] = [
    "partials/strip.html",
    "partials/chart.html",
    "partials/bar.html",
    "partials/legend.html",
    "partials/rollups.html",
];

/// The template of the share cards. Rendered only to draw a card the
/// cache does not hold: the built-in one is compiled when the first card
/// is drawn ([`super::Theme::render_card`]), not at every start.
pub const CARD_TEMPLATE: &str = "share_card.svg";

/// What stands in for a [`FOLLOW_UP_PARTIALS`] template not compiled.
const STAND_IN: &str = "{{ throw(message=\"this partial is compiled only for a site with follow-up\") }}";

/// Leave out of `templates` (name, text) what a build of this site cannot
/// render at its start: without `follow_up`, the follow-up templates, and —
/// the templates being the `builtin` ones — the roll-up partials (a
/// stand-in in their place) and the card template ([`CARD_TEMPLATE`]).
pub(super) fn at_start(templates: &mut Vec<(String, &str)>, builtin: bool, follow_up: bool) {
    templates.retain(|(t, _)| {
        let follow_up_only = FOLLOW_UP_TEMPLATES.contains(&t.as_str());
        (follow_up || !follow_up_only) && !(builtin && t == CARD_TEMPLATE)
    });
    if builtin && !follow_up {
        for (name, text) in templates {
            if FOLLOW_UP_PARTIALS.contains(&name.as_str()) {
                *text = STAND_IN;
            }
        }
    }
}

/// A Tera with the theme's escaping and filters, without templates.
pub(super) fn engine() -> tera::Tera {
    let mut tera = tera::Tera::new();
    tera.autoescape_on([".html", ".xml", ".svg"]);
    tera.register_filter("long_date", long_date_filter);
    tera
}

/// `{{ report.date | long_date }}`: a `YYYY-MM-DD` date in words in the
/// page's language ("30 september 2022"), by the UI strings `date_long` and
/// `months` of the page's `t`; as written when it is no date.
fn long_date_filter(iso: &str, _: tera::Kwargs, state: &tera::State) -> String {
    let t: Option<tera::Value> = state.get("t").ok().flatten();
    let text = |key: &'static str| {
        let map = t.as_ref()?.as_map()?;
        map.get(&tera::value::Key::Str(key))?.as_str()
    };
    super::strings::date_in_words(text("date_long"), text("months"), iso)
}
