use super::*;

fn fonts() -> Vec<Cow<'static, [u8]>> {
    let bold = crate::theme::builtin("fonts/Inter-Bold.otf").expect("the built-in theme has Inter");
    vec![Cow::Borrowed(bold)]
}

fn card(body: &str) -> Vec<u8> {
    format!(r##"<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630"><rect width="1200" height="630" fill="#ffffff"/>{body}</svg>"##).into_bytes()
}

/// The RGBA of pixel (x, y) of a PNG card.
fn pixel(png: &[u8], x: u32, y: u32) -> [u8; 4] {
    let map = tiny_skia::Pixmap::decode_png(png).unwrap();
    let c = map.pixel(x, y).unwrap().demultiply();
    [c.red(), c.green(), c.blue(), c.alpha()]
}

const RED_LOGO: &[u8] = br##"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10" fill="#ff0000"/></svg>"##;

#[test]
fn a_card_is_a_1200_by_630_png_and_the_same_svg_gives_the_same_bytes() {
    let tmp = tempfile::tempdir().unwrap();
    let painter = Painter::new(tmp.path(), fonts(), Vec::new());
    let svg = card(
        r##"<text x="80" y="300" font-size="64" font-weight="700" fill="#1b1f24">Handlingsplan 2022 – åäö</text>"##,
    );
    let png = painter.paint(&svg).unwrap();
    let map = tiny_skia::Pixmap::decode_png(&png).unwrap();
    assert_eq!((map.width(), map.height()), (WIDTH, HEIGHT));
    // The text is drawn (dark pixels where it stands), with the embedded font.
    assert!(map.pixels().iter().any(|p| p.red() < 64), "no text was drawn");
    let again = Painter::new(tmp.path(), fonts(), Vec::new()).paint(&svg).unwrap();
    assert_eq!(png, again);
}

#[test]
fn an_unchanged_card_is_taken_from_the_cache_and_not_drawn_again() {
    let tmp = tempfile::tempdir().unwrap();
    let painter = Painter::new(tmp.path(), fonts(), Vec::new());
    let svg = card("");
    let cached = painter.cached(&svg).unwrap().unwrap();
    assert!(cached.starts_with(tmp.path().join("share-cards")));
    assert!(tmp.path().join("CACHEDIR.TAG").is_file());
    // Mark the cached file: a second request returns it as it is.
    std::fs::write(&cached, b"marked").unwrap();
    assert_eq!(
        Painter::new(tmp.path(), fonts(), Vec::new())
            .cached(&svg)
            .unwrap()
            .unwrap(),
        cached
    );
    assert_eq!(std::fs::read(&cached).unwrap(), b"marked");
    // Another SVG, another font or another logo is another card.
    let other = painter.cached(&card("<g/>")).unwrap().unwrap();
    let no_fonts = Painter::new(tmp.path(), Vec::new(), Vec::new())
        .cached(&svg)
        .unwrap()
        .unwrap();
    let logo = Image {
        name: "logo.svg".into(),
        bytes: Arc::new(RED_LOGO.to_vec()),
    };
    let with_logo = Painter::new(tmp.path(), fonts(), vec![logo])
        .cached(&svg)
        .unwrap()
        .unwrap();
    let names = [&cached, &other, &no_fonts, &with_logo];
    for (i, a) in names.iter().enumerate() {
        for b in &names[i + 1..] {
            assert_ne!(a, b);
        }
    }
}

#[test]
fn a_card_shows_the_images_it_is_given_and_reads_no_file() {
    let tmp = tempfile::tempdir().unwrap();
    let on_disk = tmp.path().join("red.svg");
    std::fs::write(&on_disk, RED_LOGO).unwrap();
    let logo = Image {
        name: "logo.svg".into(),
        bytes: Arc::new(RED_LOGO.to_vec()),
    };
    let painter = Painter::new(tmp.path(), fonts(), vec![logo]);
    let shown = painter
        .paint(&card(
            r#"<image href="logo.svg" x="0" y="0" width="100" height="100"/>"#,
        ))
        .unwrap();
    assert_eq!(pixel(&shown, 50, 50), [255, 0, 0, 255]);
    let path = on_disk.display();
    let file = painter
        .paint(&card(&format!(
            r#"<image href="{path}" x="0" y="0" width="100" height="100"/>"#
        )))
        .unwrap();
    assert_eq!(pixel(&file, 50, 50), [255, 255, 255, 255], "a file on disk was read");
}

#[test]
fn what_is_not_svg_is_an_error_that_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let painter = Painter::new(tmp.path(), fonts(), Vec::new());
    for bad in [&b"<svg"[..], b"not svg at all", b"<html></html>"] {
        assert!(matches!(painter.paint(bad), Err(CardError::Svg(_))), "{bad:?}");
        assert!(matches!(validate(bad), Err(CardError::Svg(_))), "{bad:?}");
        assert!(painter.cached(bad).is_err());
    }
    validate(&card("<text>ok</text>")).unwrap();
    // Nothing broken was cached.
    let cached = std::fs::read_dir(tmp.path().join("share-cards")).map_or(0, |d| d.count());
    assert_eq!(cached, 0);
}

#[cfg(unix)]
#[test]
fn a_cache_grown_far_beyond_the_site_is_cut_back_to_its_cards_after_a_build_that_drew() {
    let tmp = tempfile::tempdir().unwrap();
    let cache = tmp.path().join("cache");
    let painter = Painter::new(&cache, fonts(), Vec::new());
    let output = tmp.path().join("public");
    std::fs::create_dir(&output).unwrap();
    // Nothing drawn yet: nothing to bound, however large the cache.
    let stale: Vec<PathBuf> = (0..40)
        .map(|i| cache.join(format!("share-cards/{i:032x}.png")))
        .collect();
    assert_eq!(painter.keep_bounded(&[], 0).unwrap(), 0);
    let card = painter.cached(&card("")).unwrap().unwrap();
    let shown = output.join("share.png");
    std::fs::hard_link(&card, &shown).unwrap();
    for path in &stale {
        std::fs::write(path, "an old card").unwrap();
    }
    std::fs::write(cache.join("share-cards/notes.txt"), "mine").unwrap();
    // Within the slack: kept.
    assert_eq!(painter.keep_bounded(std::slice::from_ref(&shown), 100).unwrap(), 0);
    assert!(stale.iter().all(|p| p.exists()));
    // Beyond it: only the card the output shows stays (and files not named like a card).
    assert_eq!(painter.keep_bounded(std::slice::from_ref(&shown), 10).unwrap(), 40);
    assert!(card.exists() && shown.exists() && cache.join("share-cards/notes.txt").exists());
    assert!(stale.iter().all(|p| !p.exists()));
}

#[test]
fn the_code_that_draws_cards_is_part_of_every_key() {
    assert_eq!(super::CODE.len(), 16, "{}", super::CODE);
    assert!(super::CODE.bytes().all(|b| b.is_ascii_hexdigit()), "{}", super::CODE);
    let fonts = [std::borrow::Cow::Borrowed(&b"font"[..])];
    let key = |code: &str| {
        let h = super::salt(code, &fonts, &[]);
        (h.h1, h.h2)
    };
    assert_eq!(key(super::CODE), key(super::CODE));
    assert_ne!(
        key(super::CODE),
        key("0000000000000000"),
        "a change to the code draws again"
    );
}

/// A built-in font is named in a key, not hashed: the same key whether the
/// theme folder holds a copy of it or not; any other font is hashed, so a
/// changed font draws again.
#[test]
fn a_built_in_font_is_named_in_the_key_and_any_other_hashed() {
    let key = |fonts: &[Cow<'static, [u8]>]| {
        let h = super::salt(super::CODE, fonts, &[]);
        (h.h1, h.h2)
    };
    let builtin = fonts();
    let copy: Vec<Cow<'static, [u8]>> = vec![Cow::Owned(builtin[0].to_vec())];
    let mut changed = builtin[0].to_vec();
    changed[1000] ^= 1;
    assert_eq!(super::builtin_font(&builtin[0]), Some("fonts/Inter-Bold.otf"));
    assert_eq!(key(&builtin), key(&copy), "a copy of the built-in font");
    assert_eq!(super::builtin_font(&changed), None);
    assert_ne!(key(&builtin), key(&[Cow::Owned(changed)]), "a changed font");
    let regular = crate::theme::builtin("fonts/Inter-Regular.otf").unwrap();
    assert_ne!(key(&builtin), key(&[Cow::Borrowed(regular)]), "another built-in font");
}
