//! Pairing translations: every year has the default language's plan, every
//! other language has its own file, and the files agree on focus-area ids
//! and on the number of actions in each area.

use crate::diagnostics::{Diagnostic, Severity};
use crate::model::{Config, FocusArea, Lang, Plan};
use std::collections::{BTreeMap, HashMap};

/// Check one year folder. `found` lists every language that has a file
/// (parsed or not); `plans` holds those that parsed.
pub fn check_year(
    config: &Config,
    year_rel: &str,
    found: &[&str],
    plans: &BTreeMap<Lang, Plan>,
    severity: Severity,
    diags: &mut Vec<Diagnostic>,
) {
    let default = config.default_language.as_str();
    if !found.contains(&default) {
        diags.push(
            Diagnostic::error(
                "missing-default-language",
                year_rel,
                format!("`{year_rel}` has no plan in the default language ({default})"),
            )
            .with_hint(format!(
                "create `{year_rel}/plan.{default}.md`; other languages are translations of it"
            )),
        );
        return;
    }
    for lang in &config.languages {
        if !found.contains(&lang.code.as_str()) {
            diags.push(
                Diagnostic::new(severity, "missing-translation", year_rel, format!("`{year_rel}` has no {} translation (`plan.{}.md`)", lang.name, lang.code))
                    .with_hint(format!("every plan is published in every language of site.yaml; add `{year_rel}/plan.{}.md` with the same `{{#id}}`s", lang.code)),
            );
        }
    }
    let Some(original) = plans.get(default) else {
        return;
    };
    for (lang, translation) in plans {
        if lang != default {
            compare(original, translation, severity, diags);
        }
    }
}

/// Areas by id, for the ids that are used once (a duplicated id is already
/// an error in its file, and nothing can be paired by it).
fn by_unique_id(plan: &Plan) -> HashMap<&str, Option<&FocusArea>> {
    let mut ids: HashMap<&str, Option<&FocusArea>> = HashMap::with_capacity(plan.areas.len());
    for area in &plan.areas {
        ids.entry(area.id.as_str())
            .and_modify(|seen| *seen = None)
            .or_insert(Some(area));
    }
    ids
}

/// Compare a translation with the original: same area ids, same action
/// counts and action ids. Linear in the number of areas.
fn compare(original: &Plan, translation: &Plan, severity: Severity, diags: &mut Vec<Diagnostic>) {
    let (ours, theirs) = (by_unique_id(original), by_unique_id(translation));
    for area in original.areas.iter().filter(|a| ours[a.id.as_str()].is_some()) {
        match theirs.get(area.id.as_str()) {
            None => diags.push(missing_area(original, area, translation, severity)),
            Some(None) => {} // duplicated in the translation: reported there
            Some(Some(t)) if area.actions.is_empty() || t.actions.is_empty() => {} // `no-actions`, reported
            Some(Some(t)) if t.actions.len() != area.actions.len() => diags.push(
                Diagnostic::new(
                    severity,
                    "action-count-mismatch",
                    &translation.file,
                    format!(
                        "focus area `{}` has {} action(s) here but {} in {}:{}",
                        area.id,
                        t.actions.len(),
                        area.actions.len(),
                        original.file,
                        area.pos.line
                    ),
                )
                .with_pos(t.pos.line, t.pos.col)
                .with_hint(
                    "translations pair actions by position: translate each action as one bullet, in the same order",
                ),
            ),
            Some(Some(t)) => compare_ids(original, area, translation, t, severity, diags),
        }
    }
    for t in translation.areas.iter().filter(|t| !ours.contains_key(t.id.as_str())) {
        diags.push(
            Diagnostic::new(
                severity,
                "unpaired-area",
                &translation.file,
                format!("focus area `{}` does not exist in {}", t.id, original.file),
            )
            .with_pos(t.pos.line, t.pos.col)
            .with_hint(format!(
                "translations pair areas by id; give this heading the id of its original, e.g. `{{#{}}}`",
                nearest_id(original, &theirs, &t.id)
            )),
        );
    }
    check_order(original, translation, &ours, &theirs, diags);
}

fn missing_area(original: &Plan, area: &FocusArea, translation: &Plan, severity: Severity) -> Diagnostic {
    Diagnostic::new(
        severity,
        "missing-area",
        &translation.file,
        format!(
            "focus area `{}` ({}:{}) is missing from this translation",
            area.id, original.file, area.pos.line
        ),
    )
    .with_pos(translation.pos.line, translation.pos.col)
    .with_hint(format!(
        "add `## <translated heading> {{#{}}}` with its {} action(s)",
        area.id,
        area.actions.len()
    ))
}

/// The areas both have (by unique id) in the same order (a warning).
fn check_order(
    original: &Plan,
    translation: &Plan,
    ours: &HashMap<&str, Option<&FocusArea>>,
    theirs: &HashMap<&str, Option<&FocusArea>>,
    diags: &mut Vec<Diagnostic>,
) {
    let both = |id: &&str| matches!(ours.get(id), Some(Some(_))) && matches!(theirs.get(id), Some(Some(_)));
    let order_o: Vec<&str> = original.areas.iter().map(|a| a.id.as_str()).filter(both).collect();
    let order_t: Vec<&str> = translation.areas.iter().map(|a| a.id.as_str()).filter(both).collect();
    if order_o != order_t {
        diags.push(
            Diagnostic::warning(
                "area-order",
                &translation.file,
                format!("focus areas are in a different order than in {}", original.file),
            )
            .with_pos(translation.pos.line, translation.pos.col)
            .with_hint(format!("the original's order is: {}", order_o.join(", "))),
        );
    }
}

/// Actions pair by position, and an action's id (`{#scaleup}`) is its
/// follow-up key and anchor: the translation must give the same action the same id.
fn compare_ids(
    original: &Plan,
    area: &FocusArea,
    translation: &Plan,
    translated: &FocusArea,
    severity: Severity,
    diags: &mut Vec<Diagnostic>,
) {
    for (o, t) in area.actions.iter().zip(&translated.actions) {
        if o.anchor == t.anchor {
            continue;
        }
        let at = format!("{}:{}", original.file, o.pos.line);
        let (message, hint) = match (o.has_explicit_id(&area.id), t.has_explicit_id(&translated.id)) {
            (true, false) => (
                format!("has the id `{{#{}}}` in {at}, but not here", o.anchor),
                format!("add `{{#{}}}` at the end of its text", o.anchor),
            ),
            (false, _) => (
                format!("has the id `{{#{}}}` here, but none in {at}", t.anchor),
                "remove it here, or give the original the same id".to_string(),
            ),
            (true, true) => (
                format!("has the id `{{#{}}}` in {at}, but `{{#{}}}` here", o.anchor, t.anchor),
                format!("use `{{#{}}}` here too", o.anchor),
            ),
        };
        diags.push(
            Diagnostic::new(
                severity,
                "action-id-mismatch",
                &translation.file,
                format!("action {} of `{}` {message}", o.n, area.id),
            )
            .with_pos(t.pos.line, t.pos.col)
            .with_hint(format!(
                "{hint}: an action has the same id in every language, so its anchor and its follow-up are the same"
            )),
        );
    }
}

/// The id a stray translated area most likely meant: one of the original's
/// ids that the translation lacks.
fn nearest_id<'a>(original: &'a Plan, theirs: &HashMap<&str, Option<&FocusArea>>, id: &str) -> &'a str {
    let unpaired: Vec<&str> = original
        .areas
        .iter()
        .map(|a| a.id.as_str())
        .filter(|o| !theirs.contains_key(o))
        .collect();
    crate::diagnostics::suggest(id, unpaired.iter().copied())
        .or_else(|| unpaired.first().copied())
        .or_else(|| original.areas.first().map(|a| a.id.as_str()))
        .unwrap_or("id")
}
