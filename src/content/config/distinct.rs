//! Is the brand's accent hard to tell from a follow-up status colour? A
//! reader told "red is cancelled" must not read a burgundy link as a
//! status. Measured by CIEDE2000, the CIE's colour difference: below
//! [`LEAST`] two colours are taken for one by many readers at a glance.

use super::brand::{LIGHT, Rgb};
use super::key_range;
use crate::diagnostics::{Diagnostic, Severity, SourceFile};

/// A warning when `brand.accent` (written in `src`) is too like a status
/// colour, with the nearest accent of another hue that is not.
pub fn warning(src: &SourceFile, accent: Option<&str>) -> Option<Diagnostic> {
    let accent = Rgb::parse(accent?)?;
    let (status, distance) = too_like(accent)?;
    let message = format!(
        "`brand.accent` `{}` is hard to tell from the colour of the status `{status}` (a CIEDE2000 difference of {distance:.1}, below {LEAST})",
        accent.hex()
    );
    let hint = match nearest_distinct(accent) {
        Some(c) => format!(
            "links and the header band would read as that status; the nearest accent that does not is `\"{}\"`",
            c.hex()
        ),
        None => "links and the header band would read as that status: choose an accent of another hue".to_string(),
    };
    let at = key_range(src, &["brand", "accent"]);
    Some(Diagnostic::at(Severity::Warning, "accent-like-status", src, at, message).with_hint(hint))
}

/// The colour nearest `accent` by hue (same saturation and lightness, or
/// the lightness nearest that is readable) that is readable on the light
/// page and too like no status colour.
fn nearest_distinct(accent: Rgb) -> Option<Rgb> {
    let (h, s, l) = accent.hsl();
    (1..=180)
        .flat_map(|step| {
            let d = f64::from(step) / 360.0;
            [h + d, h - d]
        })
        .map(|h| Rgb::from_hsl(h.rem_euclid(1.0), s, l))
        .filter_map(|c| match c.readable_on(&LIGHT) {
            true => Some(c),
            false => c.nearest_readable(&LIGHT),
        })
        .find(|c| too_like(*c).is_none())
}

use crate::model::Status;

/// The least CIEDE2000 difference between the accent and a status colour.
/// Below about 15, two saturated colours of a page read as shades of one
/// (a burgundy `#8a1538` is 13.5 from the "cancelled" red).
pub const LEAST: f64 = 15.0;

/// The status colour `accent` is too like, and how far from it it is.
pub fn too_like(accent: Rgb) -> Option<(&'static str, f64)> {
    let colour = |s: Status| Rgb::parse(s.colour()).expect("the theme's status colours are colours");
    (Status::ALL.iter())
        .map(|s| (s.as_str(), ciede2000(lab(accent), lab(colour(*s)))))
        .filter(|(_, d)| *d < LEAST)
        .min_by(|a, b| a.1.total_cmp(&b.1))
}

/// CIE L*a*b* (D65) of an sRGB colour.
fn lab(c: Rgb) -> [f64; 3] {
    let lin = |v: u8| {
        let v = f64::from(v) / 255.0;
        if v <= 0.04045 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    let (r, g, b) = (lin(c.0), lin(c.1), lin(c.2));
    let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
    let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
    let f = |t: f64| {
        if t > 0.008856 {
            t.cbrt()
        } else {
            7.787 * t + 16.0 / 116.0
        }
    };
    let (fx, fy, fz) = (f(x), f(y), f(z));
    [116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)]
}

/// CIEDE2000 (Sharma, Wu and Dalal 2005), with kL = kC = kH = 1.
fn ciede2000([l1, a1, b1]: [f64; 3], [l2, a2, b2]: [f64; 3]) -> f64 {
    use std::f64::consts::PI;
    let deg = |r: f64| r * 180.0 / PI;
    let rad = |d: f64| d * PI / 180.0;
    let c_bar = (a1.hypot(b1) + a2.hypot(b2)) / 2.0;
    let g = 0.5 * (1.0 - (c_bar.powi(7) / (c_bar.powi(7) + 25f64.powi(7))).sqrt());
    let (a1p, a2p) = (a1 * (1.0 + g), a2 * (1.0 + g));
    let (c1p, c2p) = (a1p.hypot(b1), a2p.hypot(b2));
    let hue = |b: f64, a: f64| {
        if b == 0.0 && a == 0.0 {
            0.0
        } else {
            deg(b.atan2(a)).rem_euclid(360.0)
        }
    };
    let (h1p, h2p) = (hue(b1, a1p), hue(b2, a2p));
    let dlp = l2 - l1;
    let dcp = c2p - c1p;
    let dhp = match (c1p * c2p == 0.0, h2p - h1p) {
        (true, _) => 0.0,
        (false, d) if d.abs() <= 180.0 => d,
        (false, d) if d > 180.0 => d - 360.0,
        (false, d) => d + 360.0,
    };
    let dhp_big = 2.0 * (c1p * c2p).sqrt() * rad(dhp / 2.0).sin();
    let lp_bar = (l1 + l2) / 2.0;
    let cp_bar = (c1p + c2p) / 2.0;
    let hp_bar = match (c1p * c2p == 0.0, (h1p - h2p).abs()) {
        (true, _) => h1p + h2p,
        (false, d) if d <= 180.0 => (h1p + h2p) / 2.0,
        (false, _) if h1p + h2p < 360.0 => (h1p + h2p + 360.0) / 2.0,
        (false, _) => (h1p + h2p - 360.0) / 2.0,
    };
    let t =
        1.0 - 0.17 * rad(hp_bar - 30.0).cos() + 0.24 * rad(2.0 * hp_bar).cos() + 0.32 * rad(3.0 * hp_bar + 6.0).cos()
            - 0.20 * rad(4.0 * hp_bar - 63.0).cos();
    let d_theta = 30.0 * (-((hp_bar - 275.0) / 25.0).powi(2)).exp();
    let rc = 2.0 * (cp_bar.powi(7) / (cp_bar.powi(7) + 25f64.powi(7))).sqrt();
    let sl = 1.0 + 0.015 * (lp_bar - 50.0).powi(2) / (20.0 + (lp_bar - 50.0).powi(2)).sqrt();
    let sc = 1.0 + 0.045 * cp_bar;
    let sh = 1.0 + 0.015 * cp_bar * t;
    let rt = -rad(2.0 * d_theta).sin() * rc;
    let (l, c, h) = (dlp / sl, dcp / sc, dhp_big / sh);
    (l * l + c * c + h * h + rt * c * h).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ciede2000_matches_sharmas_published_pairs() {
        // Pairs 1, 7 and 17 of Sharma, Wu and Dalal's test data, to 4 decimals.
        let cases = [
            ([50.0, 2.6772, -79.7751], [50.0, 0.0, -82.7485], 2.0425),
            ([50.0, 0.0, 0.0], [50.0, -1.0, 2.0], 2.3669),
            ([50.0, 2.5, 0.0], [73.0, 25.0, -18.0], 27.1492),
        ];
        for (a, b, want) in cases {
            assert!(
                (ciede2000(a, b) - want).abs() < 1e-3,
                "{a:?} {b:?}: {}",
                ciede2000(a, b)
            );
        }
    }

    #[test]
    fn a_burgundy_accent_is_too_like_cancelled_and_a_green_one_like_done() {
        let like = |hex: &str| too_like(Rgb::parse(hex).unwrap()).map(|(name, _)| name);
        assert_eq!(like("#8a1538"), Some("cancelled"));
        assert_eq!(like("#1b6d35"), Some("done"));
        assert_eq!(like("#0b5394"), Some("ongoing"));
        assert_eq!(like("#5b2a86"), None, "a purple reads as none of them");
    }

    #[test]
    fn the_status_colours_are_the_themes() {
        let (_, css) = crate::theme::embedded_files()
            .iter()
            .find(|(p, _)| *p == "static/style.css")
            .unwrap();
        let css = String::from_utf8_lossy(css);
        for status in Status::ALL {
            let declared = format!("--hp-color-{}: {};", status.as_str(), status.colour());
            assert!(css.contains(&declared), "style.css declares {declared}");
        }
    }

    #[test]
    fn the_hint_is_an_accent_that_is_readable_and_like_no_status() {
        for hex in ["#8a1538", "#1b6d35", "#c8102e", "#00529b"] {
            let near = nearest_distinct(Rgb::parse(hex).unwrap()).unwrap();
            assert!(
                near.readable_on(&LIGHT) && too_like(near).is_none(),
                "{hex} → {}",
                near.hex()
            );
        }
    }
}
