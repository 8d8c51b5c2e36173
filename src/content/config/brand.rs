//! `brand:` in `site.yaml`: the organisation's logo and accent colour. The
//! accent is refused when text in it would be hard to read (WCAG 2.1 AA,
//! 4.5:1) on the page in either colour scheme, and the nearest colour of
//! the same hue that is readable is suggested.

use super::key_range;
use crate::diagnostics::{Diagnostic, Severity, SourceFile};
use crate::fs_utils;
use crate::model::{Brand, ShareImage};
use std::path::Path;

/// `brand:` as written.
#[derive(serde::Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawBrand {
    logo: Option<String>,
    accent: Option<String>,
    accent_dark: Option<String>,
    share_image: Option<String>,
}

/// The backgrounds text in the accent is read on: the page and the surface
/// of header, footer and cards, in the light and the dark scheme (the
/// values of `--hp-color-background` and `--hp-color-surface` in the
/// built-in theme's `style.css`).
pub const LIGHT: [Rgb; 2] = [Rgb(0xff, 0xff, 0xff), Rgb(0xf3, 0xf5, 0xf7)];
pub const DARK: [Rgb; 2] = [Rgb(0x12, 0x14, 0x17), Rgb(0x1c, 0x20, 0x26)];

/// The least contrast of text with its background (WCAG 2.1 AA, 1.4.3).
const AA: f64 = 4.5;

/// A colour.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#8a1538` or `#a13`.
    pub fn parse(text: &str) -> Option<Rgb> {
        let hex = text.strip_prefix('#')?;
        let digit = |i: usize, len: usize| u8::from_str_radix(hex.get(i..i + len)?, 16).ok();
        match hex.len() {
            6 => Some(Rgb(digit(0, 2)?, digit(2, 2)?, digit(4, 2)?)),
            3 => Some(Rgb(digit(0, 1)? * 17, digit(1, 1)? * 17, digit(2, 1)? * 17)),
            _ => None,
        }
    }

    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// Relative luminance (WCAG 2.1).
    fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }

    pub fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// Readable as text on every one of `backgrounds`?
    pub fn readable_on(self, backgrounds: &[Rgb]) -> bool {
        backgrounds.iter().all(|b| self.contrast(*b) >= AA)
    }

    /// The colour of the same hue and saturation, with the lightness nearest
    /// to this one's, that is readable on every one of `backgrounds`.
    pub fn nearest_readable(self, backgrounds: &[Rgb]) -> Option<Rgb> {
        let (h, s, l) = self.hsl();
        (0..=1000)
            .flat_map(|step| {
                let d = f64::from(step) / 1000.0;
                [l - d, l + d]
            })
            .filter(|l| (0.0..=1.0).contains(l))
            .map(|l| Rgb::from_hsl(h, s, l))
            .find(|c| c.readable_on(backgrounds))
    }

    pub(super) fn hsl(self) -> (f64, f64, f64) {
        let [r, g, b] = [self.0, self.1, self.2].map(|c| f64::from(c) / 255.0);
        let (max, min) = (r.max(g).max(b), r.min(g).min(b));
        let l = (max + min) / 2.0;
        if max == min {
            return (0.0, 0.0, l);
        }
        let d = max - min;
        let s = if l > 0.5 {
            d / (2.0 - max - min)
        } else {
            d / (max + min)
        };
        let h = if max == r {
            (g - b) / d + if g < b { 6.0 } else { 0.0 }
        } else if max == g {
            (b - r) / d + 2.0
        } else {
            (r - g) / d + 4.0
        };
        (h / 6.0, s, l)
    }

    pub(super) fn from_hsl(h: f64, s: f64, l: f64) -> Rgb {
        let q = if l < 0.5 { l * (1.0 + s) } else { l + s - l * s };
        let p = 2.0 * l - q;
        let channel = |t: f64| {
            let t = t.rem_euclid(1.0);
            let v = if t < 1.0 / 6.0 {
                p + (q - p) * 6.0 * t
            } else if t < 0.5 {
                q
            } else if t < 2.0 / 3.0 {
                p + (q - p) * (2.0 / 3.0 - t) * 6.0
            } else {
                p
            };
            (v * 255.0).round().clamp(0.0, 255.0) as u8
        };
        Rgb(channel(h + 1.0 / 3.0), channel(h), channel(h - 1.0 / 3.0))
    }
}

/// Check `brand:` (written in `src`); the brand, or the problems with it.
pub(super) fn check(src: &SourceFile, raw: Option<RawBrand>) -> Result<Option<Brand>, Vec<Diagnostic>> {
    let Some(raw) = raw else { return Ok(None) };
    let mut diags = Vec::new();
    let mut colour = |key: &str, written: Option<&str>, backgrounds: &[Rgb], scheme: &str| {
        let written = written?;
        let at = key_range(src, &["brand", key]);
        let Some(rgb) = Rgb::parse(written.trim()) else {
            let message = format!("`brand.{key}` `{written}` is not a colour");
            let hint = "write it as a hex colour in quotes, e.g. `accent: \"#8a1538\"`";
            diags.push(Diagnostic::error_at("invalid-colour", src, at, message).with_hint(hint));
            return None;
        };
        if !rgb.readable_on(backgrounds) {
            let least = backgrounds.iter().map(|b| rgb.contrast(*b)).fold(f64::MAX, f64::min);
            let message = format!(
                "`brand.{key}` `{written}` gives text {least:.1}:1 contrast on the {scheme} page; WCAG 2.1 AA needs 4.5:1"
            );
            let hint = match rgb.nearest_readable(backgrounds) {
                Some(c) => format!(
                    "the nearest colour of the same hue that is readable there is `\"{}\"`",
                    c.hex()
                ),
                None => "choose a darker or lighter colour".to_string(),
            };
            diags.push(Diagnostic::error_at("low-contrast", src, at, message).with_hint(hint));
            return None;
        }
        Some(rgb)
    };
    let accent = colour("accent", raw.accent.as_deref(), &LIGHT, "light");
    let written_dark = colour("accent_dark", raw.accent_dark.as_deref(), &DARK, "dark");
    if let Some(logo) = raw.logo.as_deref().filter(|l| !is_logo_path(l)) {
        let message = format!("`brand.logo` `{logo}` is not the name of an image beside site.yaml");
        let hint = "put the image in content/ and write its name, e.g. `logo: logo.svg` (SVG, PNG, JPEG or WebP; letters, digits, `-`, `_` in its name)";
        diags.push(
            Diagnostic::error_at("invalid-logo", src, key_range(src, &["brand", "logo"]), message).with_hint(hint),
        );
    }
    if let Some(image) = raw.share_image.as_deref().filter(|i| !is_image_path(i, SHARE_IMAGE)) {
        let message = format!("`brand.share_image` `{image}` is not the name of a PNG or JPEG image beside site.yaml");
        let hint = "put the image in content/ and write its name, e.g. `share_image: share.png` (PNG or JPEG, which every link preview shows; 1200×630 pixels is shown best)";
        let at = key_range(src, &["brand", "share_image"]);
        diags.push(Diagnostic::error_at("invalid-share-image", src, at, message).with_hint(hint));
    }
    if !diags.is_empty() {
        return Err(diags);
    }
    // In the dark scheme, the accent's own hue made readable there.
    let dark = written_dark.or_else(|| accent.and_then(|a| a.nearest_readable(&DARK)));
    Ok(Some(Brand {
        logo: raw.logo,
        accent: accent.map(Rgb::hex),
        accent_dark: dark.map(Rgb::hex),
        // Its size is read with the file's other checks ([`check_files`]).
        share_image: raw.share_image.map(|name| ShareImage {
            name,
            ..ShareImage::default()
        }),
    }))
}

/// `logo.svg`, `bilder/logo.png`: a relative path inside content/ to an
/// image, in letters, digits, `-`, `_` and `.` (it is also its URL).
fn is_logo_path(path: &str) -> bool {
    is_image_path(path, &[".svg", ".png", ".jpg", ".jpeg", ".webp"])
}

/// What `share_image` may be: the formats every link preview shows.
const SHARE_IMAGE: &[&str] = &[".png", ".jpg", ".jpeg"];

/// Link previews ignore a smaller image (Facebook's and LinkedIn's minimum).
const SHARE_IMAGE_MIN: u32 = 200;

/// A relative path inside content/ to a file ending in one of `extensions`,
/// in letters, digits, `-`, `_` and `.` (it is also its URL).
fn is_image_path(path: &str, extensions: &[&str]) -> bool {
    let lower = path.to_ascii_lowercase();
    let image = extensions.iter().any(|e| lower.ends_with(e));
    let plain = path.chars().all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c));
    // Hidden folders and files are never published (`.git/`, `.private/`).
    let inside = path.split('/').all(|p| !p.is_empty() && !p.starts_with('.'));
    image && plain && inside
}

/// The logo and the share image must be files in `content/` (read like
/// every input: never through a symbolic link); the share image's size is
/// read from it into `brand`.
pub fn check_files(src: &SourceFile, root: &Path, brand: Option<&mut Brand>) -> Vec<Diagnostic> {
    let Some(brand) = brand else { return Vec::new() };
    let at = |key: &str| crate::diagnostics::yaml::value(src, key_range(src, &["brand", key]));
    let mut diags = Vec::new();
    let logo = brand.logo.iter().map(|l| ("logo", "missing-logo", l.as_str()));
    let share = brand
        .share_image
        .iter()
        .map(|i| ("share_image", "missing-share-image", i.name.as_str()));
    for (key, missing, name) in logo.chain(share) {
        let (code, message, hint) = match plain_file_size(&root.join("content"), name) {
            None => (
                missing,
                format!("`brand.{key}`: `content/{name}` does not exist or is not a file"),
                "put the image in content/ beside site.yaml, or correct the name",
            ),
            Some(size) if size > crate::sources::MAX_BYTES => (
                "too-large",
                format!(
                    "`brand.{key}`: `content/{name}` is larger than {} MiB",
                    crate::sources::MAX_BYTES >> 20
                ),
                "a logo or share image is a few hundred kilobytes at most: save a smaller version",
            ),
            Some(_) => continue,
        };
        diags.push(Diagnostic::error_at(code, src, at(key), message).with_hint(hint));
    }
    let Some(image) = brand.share_image.as_mut().filter(|_| diags.is_empty()) else {
        return diags;
    };
    match imagesize::size(root.join("content").join(&image.name)) {
        Ok(size) => {
            image.width = u32::try_from(size.width).unwrap_or(u32::MAX);
            image.height = u32::try_from(size.height).unwrap_or(u32::MAX);
            if image.width < SHARE_IMAGE_MIN || image.height < SHARE_IMAGE_MIN {
                let message = format!(
                    "`brand.share_image` is {}×{} pixels: link previews ignore an image smaller than {SHARE_IMAGE_MIN}×{SHARE_IMAGE_MIN}",
                    image.width, image.height
                );
                let hint = "use an image of 1200×630 pixels, the size link previews show whole";
                diags.push(
                    Diagnostic::at(Severity::Warning, "small-share-image", src, at("share_image"), message)
                        .with_hint(hint),
                );
            }
        }
        Err(e) => {
            let message = format!(
                "`brand.share_image`: `content/{}` is not a PNG or JPEG image that can be read ({e})",
                image.name
            );
            diags.push(
                Diagnostic::error_at("unreadable-share-image", src, at("share_image"), message)
                    .with_hint("save the image again as PNG or JPEG"),
            );
        }
    }
    diags
}

/// The size of `name` (a relative path of plain parts) under `dir`, if it
/// is a regular file reached without going through a symbolic link.
fn plain_file_size(dir: &Path, name: &str) -> Option<u64> {
    let mut path = dir.to_path_buf();
    let (last, folders) = name.rsplit_once('/').map_or((name, ""), |(f, l)| (l, f));
    for folder in folders.split('/').filter(|f| !f.is_empty()) {
        path.push(folder);
        if !fs_utils::is_plain_folder(&path) {
            return None;
        }
    }
    fs_utils::plain_file_len(&path.join(last))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_follows_wcag() {
        let white = Rgb(255, 255, 255);
        assert!((Rgb(0, 0, 0).contrast(white) - 21.0).abs() < 0.01);
        assert!((Rgb::parse("#777").unwrap().contrast(white) - 4.48).abs() < 0.01);
        assert_eq!(Rgb::parse("#8A1538"), Some(Rgb(0x8a, 0x15, 0x38)));
        for bad in ["8a1538", "#8a153", "#ggg", "red", "#8a15388"] {
            assert_eq!(Rgb::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_nearest_readable_colour_keeps_the_hue() {
        let cases = [
            ("#8a1538", true),
            ("#ffcc00", false),
            ("#0b5394", true),
            ("#777777", false),
        ];
        for (hex, light_ok) in cases {
            let c = Rgb::parse(hex).unwrap();
            assert_eq!(c.readable_on(&LIGHT), light_ok, "{hex}");
            let light = c.nearest_readable(&LIGHT).unwrap();
            let dark = c.nearest_readable(&DARK).unwrap();
            assert!(light.readable_on(&LIGHT) && dark.readable_on(&DARK), "{hex}");
            if light_ok {
                assert_eq!(light, c, "a readable colour is its own nearest");
            }
            let hue = |x: Rgb| (x.hsl().0 * 360.0).round();
            if c.hsl().1 > 0.0 {
                assert!(
                    (hue(light) - hue(c)).abs() <= 2.0 && (hue(dark) - hue(c)).abs() <= 2.0,
                    "{hex}"
                );
            }
        }
    }

    #[test]
    fn logo_paths_stay_in_content() {
        for ok in ["logo.svg", "Logo-2.PNG", "a.webp"] {
            assert!(is_logo_path(ok), "{ok}");
        }
        for bad in [
            "../logo.svg",
            "/etc/logo.svg",
            "logo.gif",
            "bilder//a.svg",
            "c:logo.png",
            "logo",
            "vår logga.svg",
            "2022/.hidden/secret.svg",
            ".logo.svg",
        ] {
            assert!(!is_logo_path(bad), "{bad}");
        }
    }
}
