//! The parts of a bar of 100 %: the status strip, the area cards, the chart
//! and the share cards draw from the one split made here, done first, in
//! whole units that fill the bar exactly, each status's overdue share at
//! its end.

use crate::model::Status;
use serde::Serialize;

/// One status's part of a bar: where it starts and how wide it is.
#[derive(Serialize, Debug, PartialEq, Hash)]
pub struct Part {
    /// A status's name, or `unreported`.
    pub status: &'static str,
    /// The status in the page's language ("Inte rapporterad" for the rest).
    pub label: String,
    /// The status's symbol (none for the unreported).
    pub symbol: &'static str,
    pub count: usize,
    /// How many of them are overdue.
    pub overdue: usize,
    #[serde(serialize_with = "tenths")]
    pub x: u32,
    #[serde(serialize_with = "tenths")]
    pub width: u32,
    /// The overdue share, drawn hatched at the end of the part (0 wide when none).
    #[serde(serialize_with = "tenths")]
    pub overdue_x: u32,
    #[serde(serialize_with = "tenths")]
    pub overdue_width: u32,
}

/// Parts are kept in tenths (hashable), written as numbers (`12.5`).
fn tenths<S: serde::Serializer>(v: &u32, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64(f64::from(*v) / 10.0)
}

/// The order the parts of a bar come in: what is done first.
pub const STRIP_ORDER: [Status; 5] = [
    Status::Done,
    Status::Ongoing,
    Status::Planned,
    Status::Paused,
    Status::Cancelled,
];

/// `counts` (a status's name or `unreported`, and its count) as parts of a
/// bar `width` wide: `(name, count, x, width)`, in whole units that fill it
/// exactly; the share cards' bar and the status strip.
pub fn parts(counts: &[(&'static str, usize)], width: u32) -> Vec<(&'static str, usize, u32, u32)> {
    let total: usize = counts.iter().map(|c| c.1).sum();
    if total == 0 {
        return Vec::new();
    }
    let edge = |at: usize| ((at as f64 * f64::from(width)) / total as f64).round() as u32;
    let mut at = 0;
    (counts.iter())
        .filter(|c| c.1 > 0)
        .map(|&(status, count)| {
            let (x, end) = (edge(at), edge(at + count));
            at += count;
            (status, count, x, end - x)
        })
        .collect()
}

/// How wide the `overdue` of a part `width` wide for `count` actions is drawn.
pub fn overdue_width(width: u32, count: usize, overdue: usize) -> u32 {
    match count {
        0 => 0,
        _ => ((f64::from(width) * overdue as f64) / count as f64).round() as u32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_fill_the_bar_exactly_and_the_overdue_share_is_rounded() {
        let split = parts(&[("done", 1), ("ongoing", 0), ("planned", 2)], 1000);
        assert_eq!(split, [("done", 1, 0, 333), ("planned", 2, 333, 667)]);
        assert_eq!(split.iter().map(|p| p.3).sum::<u32>(), 1000);
        assert!(parts(&[("done", 0)], 1000).is_empty());
        assert_eq!(overdue_width(667, 2, 1), 334);
        assert_eq!(overdue_width(500, 0, 0), 0);
    }
}
