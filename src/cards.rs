//! Share cards: the 1200×630 PNG a link preview shows for a plan or an area
//! page, drawn with resvg (no browser, no network) from the SVG the theme's
//! `share_card.svg` template made.
//!
//! Drawing a card takes milliseconds; a page takes microseconds. So every
//! card is kept in a cache folder ([`CACHE_DIR`], safe to delete) under the
//! hash of its SVG and of everything else that decides its pixels (the
//! fonts, the images it may show, this program's version). An unchanged card
//! is never drawn again: a build links the cached file into place. Each card
//! is also linked under the hash of what its SVG is made from (the card's
//! data, the templates, the UI strings: see `render::cards`), so a rebuild
//! finds it without making its SVG.

use crate::fs_utils::FsError;
use resvg::{tiny_skia, usvg};
use siphasher::sip128::{Hasher128, SipHasher13};
use std::borrow::Cow;
use std::collections::HashSet;
use std::hash::Hasher;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex, OnceLock};

mod cache;
mod prune;
mod stage;
pub use cache::is_card;
pub use prune::PruneError;
pub use stage::{Cards, Checker, Drawn, link_card, read_card};

/// The cache, below the site root. Everything in it can be made again.
pub const CACHE_DIR: &str = ".handlingsplan-cache";
/// The cards' folder in the cache.
const CARDS: &str = "share-cards";
/// The cards again (hard links), named by the hash of what their pages say
/// rather than of their SVG: found there, a rebuild need not make the SVG.
const PAGES: &str = "pages";
/// The size of a card: the 1.91:1 that link previews show whole.
pub const WIDTH: u32 = 1200;
pub const HEIGHT: u32 = 630;
/// Marks the cache as one, for backup tools (<https://bford.info/cachedir/>).
const TAG: &str = "Signature: 8a477f597d28d172789f06886806bc55\n\
# This folder is a cache made by handlingsplan (share cards).\n\
# It is safe to delete: the next build makes what it needs again.\n";

/// Why a card could not be made.
#[derive(Debug, thiserror::Error)]
pub enum CardError {
    /// The template made something resvg cannot read.
    #[error("the share card is not valid SVG: {0}")]
    Svg(String),
    #[error(transparent)]
    Io(#[from] FsError),
}

/// An image a card may show: its template writes `<image href="NAME">`.
#[derive(Debug, Clone)]
pub struct Image {
    pub name: String,
    pub bytes: Arc<Vec<u8>>,
}

/// Draws cards and keeps them in the cache. Shared by every thread of a build.
pub struct Painter {
    dir: PathBuf,
    /// `dir`'s `pages/` folder.
    pages: PathBuf,
    fonts: Vec<Cow<'static, [u8]>>,
    images: Vec<Image>,
    /// The hash of all but the SVG that decides a card's pixels.
    salt: (u64, u64),
    fontdb: OnceLock<Arc<usvg::fontdb::Database>>,
    /// Numbers the temporary files cards are written to.
    temp: AtomicU64,
    /// The cache files this build used, when it is to prune the rest.
    used: Option<Mutex<HashSet<PathBuf>>>,
    /// Why the cache is not used at all (a link where its folder should
    /// be): cards are then drawn for each build.
    unusable: Option<String>,
    /// How many cache entries were refused (not a card this program drew).
    refused: AtomicU64,
    /// How many cards this build drew into the cache.
    drawn: AtomicU64,
}

impl std::fmt::Debug for Painter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Painter")
            .field("dir", &self.dir)
            .finish_non_exhaustive()
    }
}

/// The code cards are made and drawn by (a hash of its sources, of the
/// drawing crates' versions and of the built-in theme's fonts, made by
/// `build.rs`): part of every cache key, so that a change to it draws the
/// cards again.
pub const CODE: &str = env!("HANDLINGSPLAN_CARD_CODE");

/// What every cache key of a painter starts from: the program and the code
/// that draws cards, and the fonts and images a card may show.
fn salt(code: &str, fonts: &[Cow<'static, [u8]>], images: &[Image]) -> siphasher::sip128::Hash128 {
    let mut h = SipHasher13::new();
    h.write(env!("CARGO_PKG_VERSION").as_bytes());
    h.write(code.as_bytes());
    for font in fonts {
        // A built-in font is in `code` already: its name stands for it
        // (hashing 100 KB of fonts was 1.4 % of the real site's start).
        match builtin_font(font) {
            Some(name) => h.write(name.as_bytes()),
            None => {
                h.write_usize(font.len());
                h.write(font);
            }
        }
    }
    for image in images {
        h.write(image.name.as_bytes());
        h.write_usize(image.bytes.len());
        h.write(&image.bytes);
    }
    h.finish128()
}

/// The name of the built-in theme's font that `font` is, byte for byte.
fn builtin_font(font: &[u8]) -> Option<&'static str> {
    let builtin = crate::theme::embedded_files().iter();
    let mut fonts = builtin.filter(|(rel, _)| rel.starts_with("fonts/"));
    fonts.find(|(_, bytes)| *bytes == font).map(|(rel, _)| *rel)
}

impl Painter {
    /// A painter caching in `<cache>/share-cards/`, drawing text in `fonts`
    /// (the first is the default) and showing `images`.
    pub fn new(cache: &Path, fonts: Vec<Cow<'static, [u8]>>, images: Vec<Image>) -> Self {
        let salt = salt(CODE, &fonts, &images);
        let dir = cache.join(CARDS);
        let pages = dir.join(PAGES);
        Painter {
            unusable: cache::unusable(&[cache, &dir, &pages]),
            refused: AtomicU64::new(0),
            drawn: AtomicU64::new(0),
            pages,
            dir,
            fonts,
            images,
            salt: (salt.h1, salt.h2),
            fontdb: OnceLock::new(),
            temp: AtomicU64::new(0),
            used: None,
        }
    }

    /// This painter, noting which cache files the build uses, so that
    /// [`Painter::prune`] can delete the others.
    pub fn noting_use(self) -> Self {
        Painter {
            used: Some(Mutex::default()),
            ..self
        }
    }

    /// The card `svg` draws, as PNG bytes (the same bytes for the same input).
    pub fn paint(&self, svg: &[u8]) -> Result<Vec<u8>, CardError> {
        let fontdb = self.fontdb.get_or_init(|| Arc::new(self.font_database())).clone();
        let images = &self.images;
        let options = usvg::Options {
            fontdb,
            font_family: "Inter".to_string(),
            image_href_resolver: usvg::ImageHrefResolver {
                resolve_data: usvg::ImageHrefResolver::default_data_resolver(),
                resolve_string: Box::new(move |href, opts| {
                    let image = images.iter().find(|i| i.name == href)?;
                    image_kind(&image.bytes, opts)
                }),
            },
            ..usvg::Options::default()
        };
        let tree = usvg::Tree::from_data(svg, &options).map_err(|e| CardError::Svg(e.to_string()))?;
        let mut pixmap = tiny_skia::Pixmap::new(WIDTH, HEIGHT).expect("the card's size is not zero");
        let size = tree.size();
        let scale = tiny_skia::Transform::from_scale(WIDTH as f32 / size.width(), HEIGHT as f32 / size.height());
        resvg::render(&tree, scale, &mut pixmap.as_mut());
        Ok(encode(&pixmap))
    }

    /// The cache key of `svg`: 128 bits of hash, in hex.
    fn key(&self, svg: &[u8]) -> String {
        let mut h = self.hasher();
        h.write(svg);
        hex(&h)
    }

    /// A hasher of cache keys, keyed by everything but the SVG.
    fn hasher(&self) -> SipHasher13 {
        SipHasher13::new_with_keys(self.salt.0, self.salt.1)
    }

    fn font_database(&self) -> usvg::fontdb::Database {
        let mut db = usvg::fontdb::Database::new();
        for font in &self.fonts {
            db.load_font_data(font.to_vec());
        }
        // The built-in font stands in for the generic families.
        db.set_sans_serif_family("Inter");
        db.set_serif_family("Inter");
        db
    }
}

/// The 128-bit hash of what `h` was given, as 32 hex digits.
fn hex(h: &SipHasher13) -> String {
    let k = h.finish128();
    format!("{:016x}{:016x}", k.h1, k.h2)
}

/// `pixmap` as PNG: RGB when it is opaque (cards are), compressed with
/// the PNG encoder's fast DEFLATE, which costs a tenth of the default's
/// time for files a few per cent larger.
fn encode(pixmap: &tiny_skia::Pixmap) -> Vec<u8> {
    let opaque = pixmap.pixels().iter().all(|p| p.alpha() == u8::MAX);
    let (colour, data): (png::ColorType, Vec<u8>) = match opaque {
        true => (
            png::ColorType::Rgb,
            pixmap.data().chunks_exact(4).flat_map(|p| [p[0], p[1], p[2]]).collect(),
        ),
        false => (
            png::ColorType::Rgba,
            pixmap
                .pixels()
                .iter()
                .flat_map(|p| {
                    let c = p.demultiply();
                    [c.red(), c.green(), c.blue(), c.alpha()]
                })
                .collect(),
        ),
    };
    let mut png = Vec::new();
    let mut encoder = png::Encoder::new(&mut png, pixmap.width(), pixmap.height());
    encoder.set_color(colour);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    let written = encoder
        .write_header()
        .and_then(|mut w| w.write_image_data(&data).and_then(|()| w.finish()));
    written.expect("encoding a PNG into memory cannot fail");
    png
}

/// Is `svg` a card resvg can read? (`check` reads every card, draws none.)
pub fn validate(svg: &[u8]) -> Result<(), CardError> {
    let options = usvg::Options {
        image_href_resolver: no_files(),
        ..usvg::Options::default()
    };
    usvg::Tree::from_data(svg, &options)
        .map(|_| ())
        .map_err(|e| CardError::Svg(e.to_string()))
}

/// A resolver that reads no file: a card shows only the images it is given.
fn no_files() -> usvg::ImageHrefResolver<'static> {
    usvg::ImageHrefResolver {
        resolve_data: usvg::ImageHrefResolver::default_data_resolver(),
        resolve_string: Box::new(|_, _| None),
    }
}

/// What kind of image `bytes` is, by its first bytes (an SVG otherwise).
fn image_kind(bytes: &Arc<Vec<u8>>, opts: &usvg::Options) -> Option<usvg::ImageKind> {
    let b = bytes.as_slice();
    let kind = if b.starts_with(b"\x89PNG") {
        usvg::ImageKind::PNG(bytes.clone())
    } else if b.starts_with(&[0xff, 0xd8]) {
        usvg::ImageKind::JPEG(bytes.clone())
    } else if b.starts_with(b"GIF8") {
        usvg::ImageKind::GIF(bytes.clone())
    } else if b.len() > 12 && &b[..4] == b"RIFF" && &b[8..12] == b"WEBP" {
        usvg::ImageKind::WEBP(bytes.clone())
    } else {
        // An SVG logo is read with the card's fonts, and may show no other image.
        let inner = usvg::Options {
            fontdb: opts.fontdb.clone(),
            font_family: opts.font_family.clone(),
            image_href_resolver: no_files(),
            ..usvg::Options::default()
        };
        usvg::ImageKind::SVG(usvg::Tree::from_data(b, &inner).ok()?)
    };
    Some(kind)
}

#[cfg(test)]
mod tests;
