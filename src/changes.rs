//! Year over year: what changed between a plan and the one before it.
//!
//! Focus areas pair by id (new, continued, dropped), and a new id whose
//! actions mostly continue those of a dropped area counts as that area
//! renamed. Within a pair of areas, actions pair by text, not position:
//!
//! - texts are reduced to sets of words: lowercase, letters folded to ASCII
//!   (å/ä→a, ö→o), split at anything that is not a letter or digit, with
//!   one- and two-letter words and common Swedish and English function words
//!   left out;
//! - two actions are the *same* when their word sequences are equal, and one
//!   *continues* the other when the word sets overlap by at least
//!   [`CONTINUES`] (Jaccard: shared words / all words);
//! - each action pairs with at most one action of last year, best matches
//!   first.

use crate::content::slug::fold;
use crate::model::{Action, FocusArea, Plan};
use serde::Serialize;
use std::collections::{BTreeSet, HashMap, HashSet};

/// The least word overlap for an action to continue one of last year.
pub const CONTINUES: f64 = 0.5;

/// The least share of a new area's actions that continue a dropped area's
/// for the new area to count as that area renamed.
pub const RENAMED: f64 = 0.5;

/// Function words that say nothing about what an action is (folded, longer than two letters).
const STOPWORDS: &[&str] = &[
    "och", "att", "for", "med", "som", "det", "den", "ett", "till", "inom", "kring", "samt", "the", "and", "with",
    "its", "that", "from", "into", "are", "our", "all",
];

/// How this year's plan differs from an earlier one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Changes {
    /// The year compared with.
    pub since: u16,
    /// This year's areas, in order.
    pub areas: Vec<AreaChange>,
    /// Last year's areas that have no counterpart this year.
    pub dropped: Vec<DroppedArea>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AreaChange {
    pub id: String,
    pub status: AreaStatus,
    /// For a renamed area: its id last year.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    pub actions: Vec<ActionChange>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AreaStatus {
    New,
    Continued,
    Renamed,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActionChange {
    /// The action's number this year.
    pub n: usize,
    pub status: ActionStatus,
    /// The number of the action it continues, in last year's area.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ActionStatus {
    Same,
    Continued,
    New,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DroppedArea {
    pub id: String,
    pub title: String,
    pub actions: usize,
}

/// Call `f` with the hash of each word of `text` that counts (folded to
/// lowercase ASCII, longer than two letters, not a function word). Words are
/// hashed as they are read: no word is ever built as a string.
fn for_each_word(text: &str, mut f: impl FnMut(u64)) {
    let mut word = Word::new();
    let mut end = |word: &mut Word| {
        if let Some(hash) = word.take() {
            f(hash);
        }
    };
    for c in text.chars() {
        if c.is_ascii() {
            // The common case, without the general lowercase mapping.
            match c.to_ascii_lowercase() {
                c @ ('a'..='z' | '0'..='9') => word.push(&[c as u8]),
                _ => end(&mut word),
            }
            continue;
        }
        for lower in c.to_lowercase() {
            match fold(lower) {
                "" => end(&mut word),
                folded => word.push(folded.as_bytes()),
            }
        }
    }
    end(&mut word);
}

/// The longest function word in [`STOPWORDS`], in bytes.
const STOPWORD_MAX: usize = 5;

/// A word being read: its hash so far, its length, and its first bytes
/// (enough to tell a function word).
struct Word {
    hash: u64,
    len: usize,
    head: [u8; STOPWORD_MAX],
}

impl Word {
    fn new() -> Self {
        Word {
            hash: FNV_OFFSET,
            len: 0,
            head: [0; STOPWORD_MAX],
        }
    }

    fn push(&mut self, bytes: &[u8]) {
        for &b in bytes {
            if let Some(slot) = self.head.get_mut(self.len) {
                *slot = b;
            }
            self.hash = fnv1a(self.hash, &[b]);
            self.len += 1;
        }
    }

    /// The finished word's hash when it counts; starts the next word.
    fn take(&mut self) -> Option<u64> {
        let head = &self.head[..self.len.min(STOPWORD_MAX)];
        let stopword = self.len <= STOPWORD_MAX && STOPWORDS.iter().any(|s| s.as_bytes() == head);
        let counts = self.len > 2 && !stopword;
        let hash = self.hash;
        *self = Word::new();
        counts.then_some(hash)
    }
}

/// Jaccard overlap of two texts' word sets, 0.0–1.0.
pub fn similarity(a: &str, b: &str) -> f64 {
    Words::of(a).similarity(&Words::of(b))
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// 64-bit FNV-1a: a fixed, fast hash for short words. A collision would at
/// worst count two words as one; with 64 bits over one plan's few hundred
/// words it does not happen in practice.
fn fnv1a(mut hash: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        hash = (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// An action's words, computed once, as hashes: the sorted set, and one
/// hash of the whole sequence (equal sequences are the *same* action).
struct Words {
    sequence: u64,
    set: Vec<u64>,
}

impl Words {
    fn of(text: &str) -> Words {
        let mut set = Vec::with_capacity(24);
        let mut sequence = FNV_OFFSET;
        for_each_word(text, |word| {
            sequence = fnv1a(sequence, &word.to_le_bytes());
            set.push(word);
        });
        set.sort_unstable();
        set.dedup();
        Words { sequence, set }
    }

    /// Jaccard overlap of the two sets, by merging the sorted lists.
    fn similarity(&self, other: &Words) -> f64 {
        let (a, b) = (&self.set, &other.set);
        if a.is_empty() && b.is_empty() {
            return 1.0;
        }
        let (mut i, mut j, mut shared) = (0, 0, 0);
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    shared += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        shared as f64 / (a.len() + b.len() - shared) as f64
    }
}

/// Compare `current` with `previous` (an earlier plan in the same language).
pub fn compare(previous: &Plan, current: &Plan) -> Changes {
    let old_by_id: HashMap<&str, &FocusArea> = previous.areas.iter().map(|a| (a.id.as_str(), a)).collect();
    let new_ids: HashSet<&str> = current.areas.iter().map(|a| a.id.as_str()).collect();
    let unpaired_old: Vec<&FocusArea> = previous
        .areas
        .iter()
        .filter(|p| !new_ids.contains(p.id.as_str()))
        .collect();
    let unpaired_new: Vec<usize> = (0..current.areas.len())
        .filter(|&i| !old_by_id.contains_key(current.areas[i].id.as_str()))
        .collect();
    let (renamed_from, used_old) = renamed(current, &unpaired_new, &unpaired_old);
    let areas = current
        .areas
        .iter()
        .enumerate()
        .map(
            |(i, area)| match (old_by_id.get(area.id.as_str()), renamed_from.get(&i)) {
                (Some(old), _) => area_change(area, AreaStatus::Continued, Some(old)),
                (None, Some(old)) => area_change(area, AreaStatus::Renamed, Some(old)),
                (None, None) => area_change(area, AreaStatus::New, None),
            },
        )
        .collect();
    let dropped = unpaired_old
        .iter()
        .enumerate()
        .filter(|(j, _)| !used_old.contains(j))
        .map(|(_, a)| DroppedArea {
            id: a.id.to_string(),
            title: a.title.clone(),
            actions: a.actions.len(),
        })
        .collect();
    Changes {
        since: previous.year,
        areas,
        dropped,
    }
}

/// More comparisons than this (a plan no board writes: hundreds of areas
/// renamed at once, or of actions in one area) and only identical texts are
/// paired, so that the time a comparison takes stays in proportion to the plan.
const MAX_COMPARISONS: usize = 40_000;

/// Areas with a new id whose actions mostly continue a gone area's: by the
/// index of the new area, the old one, best pairs first, each old area used
/// once; and the indexes (in `unpaired_old`) of the old areas used.
fn renamed<'a>(
    current: &Plan,
    unpaired_new: &[usize],
    unpaired_old: &[&'a FocusArea],
) -> (HashMap<usize, &'a FocusArea>, BTreeSet<usize>) {
    let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
    if unpaired_new.len() * unpaired_old.len() <= MAX_COMPARISONS {
        for &i in unpaired_new {
            for (j, old) in unpaired_old.iter().enumerate() {
                let share = continued_share(&current.areas[i], old);
                if share >= RENAMED {
                    candidates.push((share, i, j));
                }
            }
        }
    }
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut renamed_from = HashMap::new();
    let mut used_old = BTreeSet::new();
    for (_, i, j) in candidates {
        if !used_old.contains(&j) && !renamed_from.contains_key(&i) {
            used_old.insert(j);
            renamed_from.insert(i, unpaired_old[j]);
        }
    }
    (renamed_from, used_old)
}

/// How `area` compares with `old` (the area it continues, if any).
fn area_change(area: &FocusArea, status: AreaStatus, old: Option<&FocusArea>) -> AreaChange {
    let all_new = || {
        area.actions
            .iter()
            .map(|a| ActionChange {
                n: a.n,
                status: ActionStatus::New,
                previous: None,
            })
            .collect()
    };
    AreaChange {
        id: area.id.to_string(),
        status,
        from: old.filter(|_| status == AreaStatus::Renamed).map(|o| o.id.to_string()),
        actions: old.map_or_else(all_new, |old| pair_actions(&area.actions, &old.actions)),
    }
}

fn continued_share(area: &FocusArea, old: &FocusArea) -> f64 {
    let pairs = pair_actions(&area.actions, &old.actions);
    let continued = pairs.iter().filter(|p| p.status != ActionStatus::New).count();
    continued as f64 / area.actions.len().max(old.actions.len()).max(1) as f64
}

/// Pair this year's actions with last year's by text, best matches first.
fn pair_actions(current: &[Action], previous: &[Action]) -> Vec<ActionChange> {
    let now: Vec<Words> = current.iter().map(|a| Words::of(&a.text)).collect();
    let before: Vec<Words> = previous.iter().map(|a| Words::of(&a.text)).collect();
    let mut scored: Vec<(f64, usize, usize)> = Vec::new();
    if now.len() * before.len() <= MAX_COMPARISONS {
        for (i, c) in now.iter().enumerate() {
            for (j, p) in before.iter().enumerate() {
                let s = c.similarity(p);
                if s >= CONTINUES {
                    scored.push((s, i, j));
                }
            }
        }
    } else {
        // Too many to compare each with each: identical texts only.
        let mut by_text: HashMap<u64, Vec<usize>> = HashMap::new();
        for (j, p) in before.iter().enumerate().rev() {
            by_text.entry(p.sequence).or_default().push(j);
        }
        for (i, c) in now.iter().enumerate() {
            if let Some(j) = by_text.get_mut(&c.sequence).and_then(Vec::pop) {
                scored.push((1.0, i, j));
            }
        }
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut result: Vec<ActionChange> = current
        .iter()
        .map(|a| ActionChange {
            n: a.n,
            status: ActionStatus::New,
            previous: None,
        })
        .collect();
    let mut used = BTreeSet::new();
    for (_, i, j) in scored {
        if result[i].previous.is_none() && used.insert(j) {
            let same = now[i].sequence == before[j].sequence;
            result[i].status = if same {
                ActionStatus::Same
            } else {
                ActionStatus::Continued
            };
            result[i].previous = Some(previous[j].n);
        }
    }
    result
}

#[cfg(test)]
mod tests;
