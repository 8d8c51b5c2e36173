//! Pairing translations: every year has the default language's plan, every
//! other language has its own file, and the files agree on focus-area ids
//! and on the number of actions in each area.

use crate::diagnostics::{Diagnostic, Severity};
use crate::model::{Config, FocusArea, Lang, Plan};
use std::collections::BTreeMap;

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

/// Compare a translation with the original: same area ids, same action counts.
fn compare(original: &Plan, translation: &Plan, severity: Severity, diags: &mut Vec<Diagnostic>) {
    let at = |plan: &Plan, line, col, code, msg: String| {
        Diagnostic::new(severity, code, &plan.file, msg).with_pos(line, col)
    };
    for area in &original.areas {
        match translation.areas.iter().find(|a| a.id == area.id) {
            None => diags.push(
                at(
                    translation,
                    translation.pos.line,
                    translation.pos.col,
                    "missing-area",
                    format!(
                        "focus area `{}` ({}:{}) is missing from this translation",
                        area.id, original.file, area.pos.line
                    ),
                )
                .with_hint(format!(
                    "add `## <translated heading> {{#{}}}` with its {} action(s)",
                    area.id,
                    area.actions.len()
                )),
            ),
            Some(t) if t.actions.len() != area.actions.len() => diags.push(
                at(
                    translation,
                    t.pos.line,
                    t.pos.col,
                    "action-count-mismatch",
                    format!(
                        "focus area `{}` has {} action(s) here but {} in {}:{}",
                        area.id,
                        t.actions.len(),
                        area.actions.len(),
                        original.file,
                        area.pos.line
                    ),
                )
                .with_hint(
                    "translations pair actions by position: translate each action as one bullet, in the same order",
                ),
            ),
            Some(t) => compare_ids(original, area, translation, t, severity, diags),
        }
    }
    for t in &translation.areas {
        if !original.areas.iter().any(|a| a.id == t.id) {
            diags.push(
                at(
                    translation,
                    t.pos.line,
                    t.pos.col,
                    "unpaired-area",
                    format!("focus area `{}` does not exist in {}", t.id, original.file),
                )
                .with_hint(format!(
                    "translations pair areas by id; give this heading the id of its original, e.g. `{{#{}}}`",
                    nearest_id(original, translation, &t.id)
                )),
            );
        }
    }
    let order_o: Vec<&str> = original
        .areas
        .iter()
        .map(|a| a.id.as_str())
        .filter(|id| translation.areas.iter().any(|t| t.id == *id))
        .collect();
    let order_t: Vec<&str> = translation
        .areas
        .iter()
        .map(|a| a.id.as_str())
        .filter(|id| original.areas.iter().any(|o| o.id == *id))
        .collect();
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
fn nearest_id<'a>(original: &'a Plan, translation: &Plan, id: &str) -> &'a str {
    let unpaired: Vec<&str> = original
        .areas
        .iter()
        .map(|a| a.id.as_str())
        .filter(|o| !translation.areas.iter().any(|t| t.id == *o))
        .collect();
    crate::diagnostics::suggest(id, unpaired.iter().copied())
        .or_else(|| unpaired.first().copied())
        .or_else(|| original.areas.first().map(|a| a.id.as_str()))
        .unwrap_or("id")
}
