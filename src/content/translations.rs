//! Pairing translations: every year has the default language's plan, every
//! other language has its own file, and the files agree on focus-area ids
//! and on the number of actions in each area.

use crate::diagnostics::{Diagnostic, Severity};
use crate::model::{Config, FocusArea, Lang, Plan, Pos};
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

/// A translation and its original, compared area by area; problems are
/// reported in the translation's file, with `severity`.
struct Pair<'a> {
    original: &'a Plan,
    translation: &'a Plan,
    severity: Severity,
    ours: HashMap<&'a str, Option<&'a FocusArea>>,
    theirs: HashMap<&'a str, Option<&'a FocusArea>>,
}

/// Compare a translation with the original: same area ids, same action
/// counts and action ids. Linear in the number of areas.
fn compare(original: &Plan, translation: &Plan, severity: Severity, diags: &mut Vec<Diagnostic>) {
    let pair = Pair {
        original,
        translation,
        severity,
        ours: by_unique_id(original),
        theirs: by_unique_id(translation),
    };
    for area in original.areas.iter().filter(|a| pair.ours[a.id.as_str()].is_some()) {
        match pair.theirs.get(area.id.as_str()) {
            None => diags.push(pair.missing_area(area)),
            Some(None) => {} // duplicated in the translation: reported there
            Some(Some(t)) if area.actions.is_empty() || t.actions.is_empty() => {} // `no-actions`, reported
            Some(Some(t)) if t.actions.len() != area.actions.len() => diags.push(pair.action_count(area, t)),
            Some(Some(t)) => diags.extend(pair.action_ids(area, t)),
        }
    }
    let unpaired = translation
        .areas
        .iter()
        .filter(|t| !pair.ours.contains_key(t.id.as_str()));
    diags.extend(unpaired.map(|t| pair.unpaired(t)));
    diags.extend(pair.order());
}

impl Pair<'_> {
    /// A problem at `pos` in the translation.
    fn problem(&self, code: &'static str, pos: Pos, message: String) -> Diagnostic {
        Diagnostic::new(self.severity, code, &self.translation.file, message).with_pos(pos.line, pos.col)
    }

    fn missing_area(&self, area: &FocusArea) -> Diagnostic {
        let (file, line) = (&self.original.file, area.pos.line);
        let message = format!(
            "focus area `{}` ({file}:{line}) is missing from this translation",
            area.id
        );
        self.problem("missing-area", self.translation.pos, message)
            .with_hint(format!(
                "add `## <translated heading> {{#{}}}` with its {} action(s)",
                area.id,
                area.actions.len()
            ))
    }

    fn action_count(&self, area: &FocusArea, translated: &FocusArea) -> Diagnostic {
        let (file, line) = (&self.original.file, area.pos.line);
        let (here, there) = (translated.actions.len(), area.actions.len());
        let message = format!(
            "focus area `{}` has {here} action(s) here but {there} in {file}:{line}",
            area.id
        );
        self.problem("action-count-mismatch", translated.pos, message)
            .with_hint("translations pair actions by position: translate each action as one bullet, in the same order")
    }

    /// An area of the translation whose id the original does not have.
    fn unpaired(&self, t: &FocusArea) -> Diagnostic {
        let message = format!("focus area `{}` does not exist in {}", t.id, self.original.file);
        self.problem("unpaired-area", t.pos, message).with_hint(format!(
            "translations pair areas by id; give this heading the id of its original, e.g. `{{#{}}}`",
            nearest_id(self.original, &self.theirs, &t.id)
        ))
    }

    /// The areas both have (by unique id) in the same order (a warning).
    fn order(&self) -> Option<Diagnostic> {
        let both =
            |id: &&str| matches!(self.ours.get(id), Some(Some(_))) && matches!(self.theirs.get(id), Some(Some(_)));
        let order_o: Vec<&str> = self.original.areas.iter().map(|a| a.id.as_str()).filter(both).collect();
        let order_t: Vec<&str> = self
            .translation
            .areas
            .iter()
            .map(|a| a.id.as_str())
            .filter(both)
            .collect();
        (order_o != order_t).then(|| {
            let message = format!("focus areas are in a different order than in {}", self.original.file);
            let d = Diagnostic::warning("area-order", &self.translation.file, message);
            let pos = self.translation.pos;
            d.with_pos(pos.line, pos.col)
                .with_hint(format!("the original's order is: {}", order_o.join(", ")))
        })
    }

    /// Actions pair by position, and an action's id (`{#scaleup}`) is its
    /// follow-up key and anchor: the translation must give the same action
    /// the same id.
    fn action_ids(&self, area: &FocusArea, translated: &FocusArea) -> Vec<Diagnostic> {
        let pairs = area.actions.iter().zip(&translated.actions);
        let differ = pairs.filter(|(o, t)| o.anchor != t.anchor);
        differ
            .map(|(o, t)| {
                let at = format!("{}:{}", self.original.file, o.pos.line);
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
                let message = format!("action {} of `{}` {message}", o.n, area.id);
                self.problem("action-id-mismatch", t.pos, message).with_hint(format!(
                    "{hint}: an action has the same id in every language, so its anchor and its follow-up are the same"
                ))
            })
            .collect()
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
