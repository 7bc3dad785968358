//! Share images (issue 23): one 1200 × 630 PNG per explainer and question page, og:image on
//! each page, drawn from the site's template, cached, and the same bytes on every build.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::{build_with, copy_dir, edit, fixture};

const BASE: &str = "https://news.example.com/explainers/";

/// The panel colour the built-in template fills a card without a photo with.
const PANEL: [u8; 3] = [0xf5, 0xf3, 0xef];

struct Png {
    width: u32,
    height: u32,
    /// RGBA, row by row.
    pixels: Vec<u8>,
    exif: bool,
}

impl Png {
    fn at(&self, x: u32, y: u32) -> [u8; 3] {
        let i = ((y * self.width + x) * 4) as usize;
        [self.pixels[i], self.pixels[i + 1], self.pixels[i + 2]]
    }
}

fn decode(path: &Path) -> Png {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut reader = png::Decoder::new(std::io::BufReader::new(file))
        .read_info()
        .unwrap_or_else(|e| panic!("{} is not a PNG: {e}", path.display()));
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut pixels).unwrap();
    assert_eq!(info.color_type, png::ColorType::Rgba, "{}", path.display());
    assert_eq!(info.bit_depth, png::BitDepth::Eight);
    let exif = reader.info().exif_metadata.is_some();
    Png {
        width: info.width,
        height: info.height,
        pixels,
        exif,
    }
}

/// The content of `<meta property|name="key" content="...">` in `html`.
fn meta(html: &str, key: &str) -> Option<String> {
    for attr in ["property", "name"] {
        let needle = format!("<meta {attr}=\"{key}\" content=\"");
        if let Some(at) = html.find(&needle) {
            let rest = &html[at + needle.len()..];
            return Some(rest[..rest.find('"').unwrap()].to_string());
        }
    }
    None
}

/// Every explainer and question page of a built site (an `index.html` under an explainer).
fn article_pages(out: &Path) -> Vec<PathBuf> {
    common::all_files(out)
        .into_iter()
        .filter(|p| p.ends_with("index.html") && p.matches('/').count() >= 1)
        // Not the list pages: people, authors, series, topics, countries, a list's pages.
        .filter(|p| {
            !p.split('/').any(|s| {
                ["people", "authors", "series", "topics", "countries", "page"].contains(&s)
            })
        })
        .map(|p| out.join(p))
        .collect()
}

/// The output file an absolute og:image URL names.
fn file_of(out: &Path, url: &str) -> PathBuf {
    out.join(url.strip_prefix(BASE).expect("og:image under the base URL"))
}

fn site_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("geneva-site"), dir.path());
    dir
}

/// Every file of a built site (bookkeeping left out) with its bytes.
fn snapshot(out: &Path) -> BTreeMap<String, Vec<u8>> {
    common::all_files(out)
        .into_iter()
        .filter(|p| !p.starts_with(".parley-"))
        .map(|p| {
            let bytes = std::fs::read(out.join(&p)).unwrap();
            (p, bytes)
        })
        .collect()
}

#[test]
fn every_explainer_and_question_page_has_a_decodable_share_image_as_og_image() {
    let b = build_with(&fixture("geneva-site"), |_| {});
    let out = b.out();
    let pages = article_pages(&out);
    assert!(pages.len() >= 8, "{pages:?}");
    let mut images = Vec::new();
    for page in &pages {
        let html = std::fs::read_to_string(page).unwrap();
        let Some(url) = meta(&html, "og:image") else {
            panic!("{} has no og:image", page.display());
        };
        assert_eq!(meta(&html, "og:image:width").as_deref(), Some("1200"));
        assert_eq!(meta(&html, "og:image:height").as_deref(), Some("630"));
        assert_eq!(meta(&html, "og:image:type").as_deref(), Some("image/png"));
        assert_eq!(
            meta(&html, "twitter:card").as_deref(),
            Some("summary_large_image")
        );
        assert_eq!(meta(&html, "twitter:image").as_deref(), Some(&*url));
        let alt = meta(&html, "og:image:alt").unwrap();
        assert!(alt.starts_with("Borderlands Explainers: "), "{alt}");
        let png = decode(&file_of(&out, &url));
        assert_eq!((png.width, png.height), (1200, 630), "{url}");
        assert!(!png.exif, "{url} carries EXIF");
        images.push(url);
    }
    images.sort();
    images.dedup();
    assert_eq!(images.len(), pages.len(), "one image per page");
    // A question's alt names its question and its explainer.
    let q = b.read("border-talks/what-was-agreed/index.html");
    assert_eq!(
        meta(&q, "og:image:alt").as_deref(),
        Some(
            "Borderlands Explainers: What was agreed? (Arland–Borovia border talks: the deal \
             explained). Concluded · Updated 10 November 2025"
        )
    );
    // Share images are files of the site like any other, in its record.
    let record = std::fs::read_to_string(out.join(".parley-manifest.json")).unwrap();
    assert!(record.contains("border-talks/what-was-agreed/share."));
}

#[test]
fn two_builds_are_byte_identical_and_the_second_draws_and_writes_nothing() {
    let site = site_copy();
    let out = site.path().join("public");
    let opts = parley::BuildOptions {
        root: site.path().to_path_buf(),
        ..Default::default()
    };
    let first = parley::build(&opts).unwrap();
    let before = snapshot(&out);
    let cache = parley::share::cache_dir(&out);
    let cached = common::all_files(&cache);
    assert_eq!(
        cached.len(),
        before.keys().filter(|p| p.contains("/share.")).count(),
        "every image cached: {cached:?}"
    );
    assert!(first.changes.written > cached.len());
    let second = parley::build(&opts).unwrap();
    assert_eq!(second.changes.written, 0, "{:?}", second.changes);
    assert_eq!(snapshot(&out), before);
    // Drawn again from nothing (no cache), into another folder: the very same bytes.
    let elsewhere = build_with(site.path(), |_| {});
    assert_eq!(snapshot(&elsewhere.out()), before);
    // An edited question gets a new image; the old one leaves the site and the cache.
    let md = site.path().join("content/border-talks/index.md");
    edit(&md, "## What happens next?", "## What happens after this?");
    parley::build(&opts).unwrap();
    let after = snapshot(&out);
    let shares = |s: &BTreeMap<String, Vec<u8>>| -> Vec<String> {
        s.keys()
            .filter(|p| p.contains("/share."))
            .cloned()
            .collect()
    };
    let (old, new) = (shares(&before), shares(&after));
    let gone: Vec<_> = old.iter().filter(|p| !new.contains(p)).collect();
    let added: Vec<_> = new.iter().filter(|p| !old.contains(p)).collect();
    assert_eq!(gone.len(), 1, "{gone:?}");
    assert_eq!(added.len(), 1, "{added:?}");
    assert!(added[0].starts_with("border-talks/what-happens-after-this/"));
    assert_eq!(common::all_files(&cache).len(), cached.len());
}

#[test]
fn a_failed_build_writes_no_cache() {
    let site = site_copy();
    let md = site.path().join("content/border-talks/index.md");
    edit(
        &md,
        "## What happens next?",
        "## What happens next?\n\n[x](@/nowhere/index.md)",
    );
    let out = site.path().join("public");
    let opts = parley::BuildOptions {
        root: site.path().to_path_buf(),
        ..Default::default()
    };
    assert!(parley::build(&opts).is_err());
    assert!(!out.exists(), "a failed build left {}", out.display());
}

/// A site whose explainer has a Cyrillic and a Turkish question, a very long question, and
/// a lead photo (a plain blue PNG made here).
fn cyrillic_site(photo: bool) -> tempfile::TempDir {
    let site = site_copy();
    let md = site.path().join("content/border-talks/index.md");
    let long = "Why ".to_string() + &"would anyone keep writing this question ".repeat(12) + "?";
    edit(
        &md,
        "## What happens next?",
        &format!(
            "## Что будет дальше с границей?\n\nText.\n\n## Müzakereler İstanbul'da mı?\n\nText.\n\n## {long}\n\nText.\n\n## What happens next?"
        ),
    );
    if photo {
        let dir = site.path().join("content/border-talks");
        let file = std::fs::File::create(dir.join("river.png")).unwrap();
        let mut enc = png::Encoder::new(std::io::BufWriter::new(file), 80, 50);
        enc.set_color(png::ColorType::Rgb);
        let mut w = enc.write_header().unwrap();
        w.write_image_data(&[0, 0, 255].repeat(80 * 50)).unwrap();
        drop(w);
        edit(
            &md,
            "draft: false\n",
            "draft: false\nimage: { src: river.png, alt: A river }\n",
        );
    }
    site
}

fn share_of(b: &common::Built, page: &str) -> Png {
    let html = b.read(page);
    decode(&file_of(&b.out(), &meta(&html, "og:image").unwrap()))
}

/// The share of pixels in the rectangle that are not `colour`.
fn inked(png: &Png, xs: std::ops::Range<u32>, ys: std::ops::Range<u32>, colour: [u8; 3]) -> usize {
    let mut n = 0;
    for y in ys {
        for x in xs.clone() {
            n += usize::from(png.at(x, y) != colour);
        }
    }
    n
}

#[test]
fn cyrillic_turkish_and_very_long_questions_are_drawn_inside_the_margins() {
    let site = cyrillic_site(false);
    let b = build_with(site.path(), |_| {});
    let page = |start: &str| {
        common::all_files(&b.out())
            .into_iter()
            .find(|p| p.starts_with(start) && p.ends_with("index.html"))
            .unwrap_or_else(|| panic!("no page {start}…"))
    };
    let long_page = page("border-talks/why-would-anyone");
    let pages = [
        page("border-talks/chto-"),
        page("border-talks/muzakereler"),
        long_page.clone(),
    ];
    for page in &pages {
        let png = share_of(&b, page);
        // The headline is drawn (ink in its box) ...
        assert!(
            inked(&png, 72..1128, 200..520, PANEL) > 2000,
            "{page}: no headline"
        );
        // ... and nothing crosses the right margin or runs into the footer's rule.
        assert_eq!(
            inked(&png, 1140..1200, 0..630, PANEL),
            0,
            "{page}: over the margin"
        );
        assert_eq!(
            inked(&png, 16..1200, 524..538, PANEL),
            0,
            "{page}: into the footer"
        );
    }
    // The long one fills its box down to the bottom (wrapped and cut, not one line).
    let png = share_of(&b, &long_page);
    assert!(inked(&png, 72..1128, 440..520, PANEL) > 1000);
}

#[test]
fn the_lead_photo_is_the_background_under_a_dark_veil() {
    let site = cyrillic_site(true);
    let b = build_with(site.path(), |_| {});
    let question = common::all_files(&b.out())
        .into_iter()
        .find(|p| p.starts_with("border-talks/chto-") && p.ends_with("index.html"))
        .unwrap();
    for page in ["border-talks/index.html", question.as_str()] {
        let png = share_of(&b, page);
        // Blue (0, 0, 255) under #141414 at 72 %: about (14, 14, 86), in a corner with no text.
        let [r, g, bl] = png.at(1180, 20);
        assert!(
            r < 20 && g < 20 && (80..92).contains(&bl),
            "{page}: {:?}",
            (r, g, bl)
        );
    }
    // The page itself names the photo's alt nowhere in og:image:alt (that describes the card).
    let html = b.read("border-talks/index.html");
    assert!(
        meta(&html, "og:image")
            .unwrap()
            .contains("border-talks/share.")
    );
}

/// The image in grey, averaged over 30 × 30 blocks: a 40 × 21 thumbnail.
fn thumbnail(png: &Png) -> Vec<u8> {
    let mut out = Vec::with_capacity(40 * 21);
    for by in 0..21 {
        for bx in 0..40 {
            let mut sum = 0u32;
            for y in by * 30..(by + 1) * 30 {
                for x in bx * 30..(bx + 1) * 30 {
                    let [r, g, b] = png.at(x, y);
                    sum += u32::from(r) * 30 + u32::from(g) * 59 + u32::from(b) * 11;
                }
            }
            out.push((sum / (900 * 100)) as u8);
        }
    }
    out
}

/// The drawing guard: the border-talks share image, as a grey thumbnail (a binary PGM
/// committed in tests/snapshots; written when missing, so a new one is looked at before it is
/// committed), may differ from it by a little anti-aliasing, never by a moved or lost word.
#[test]
fn the_border_talks_share_image_looks_as_it_did() {
    let b = build_with(&fixture("geneva-site"), |_| {});
    let thumb = thumbnail(&share_of(&b, "border-talks/index.html"));
    let path = common::repo().join("tests/snapshots/share_border_talks.pgm");
    let Ok(saved) = std::fs::read(&path) else {
        let mut pgm = b"P5\n40 21\n255\n".to_vec();
        pgm.extend(&thumb);
        std::fs::write(&path, pgm).unwrap();
        panic!("wrote {}: look at it, commit it, run again", path.display());
    };
    let saved = &saved[saved.len() - 40 * 21..];
    let worst = thumb
        .iter()
        .zip(saved)
        .map(|(a, b)| a.abs_diff(*b))
        .max()
        .unwrap();
    assert!(
        worst <= 6,
        "a 30 × 30 block of the image changed by {worst} grey levels"
    );
}

#[test]
fn a_site_template_draws_the_image_with_its_text_escaped() {
    let site = site_copy();
    let templates = site.path().join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("share.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{{ share.width }}\" height=\"{{ share.height }}\">\
         <rect width=\"100%\" height=\"100%\" fill=\"#00ff00\"/>\
         <text x=\"10\" y=\"50\">{{ share.title }} {{ share.site }}</text></svg>",
    )
    .unwrap();
    let md = site.path().join("content/border-talks/index.md");
    edit(
        &md,
        "## What happens next?",
        "## What happens next: <b> & \"more\"?",
    );
    let b = build_with(site.path(), |_| {});
    let png = share_of(&b, "border-talks/index.html");
    assert_eq!(png.at(600, 600), [0, 255, 0]);
    let page = common::all_files(&b.out())
        .into_iter()
        .find(|p| p.starts_with("border-talks/what-happens-next") && p.ends_with("index.html"))
        .unwrap();
    assert_eq!(share_of(&b, &page).at(600, 600), [0, 255, 0]);
}

#[test]
fn a_template_that_makes_no_svg_is_a_located_error_in_build_and_check() {
    let site = site_copy();
    let templates = site.path().join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(templates.join("share.svg"), "<svg><g></svg>\n").unwrap();
    let opts = parley::BuildOptions {
        root: site.path().to_path_buf(),
        ..Default::default()
    };
    for result in [parley::build(&opts), parley::check(&opts)] {
        let Err(parley::BuildError::Content(e)) = result else {
            panic!("not a content error");
        };
        let text = e.plain_report();
        assert!(text.contains("templates/share.svg"), "{text}");
        assert!(text.contains("is not a valid SVG"), "{text}");
        assert!(text.contains("help:"), "{text}");
    }
    assert!(!site.path().join("public").exists());
}

#[test]
fn a_translated_sites_share_images_are_cached_too() {
    let root = fixture("multilingual-site");
    let built = build_with(&root, |_| {});
    let out = built.dir.path().join("public");
    let images: Vec<String> = snapshot(&out)
        .into_keys()
        .filter(|p| p.contains("/share.") && p.ends_with(".png"))
        .collect();
    assert!(
        images.iter().any(|p| p.starts_with("uk/")),
        "the Ukrainian pages have share images: {images:?}"
    );
    // Pages with the same card (a fallback copy of the original) share one cache entry.
    let keys: std::collections::BTreeSet<&str> = images
        .iter()
        .map(|p| p.rsplit("share.").next().unwrap().trim_end_matches(".png"))
        .collect();
    let cached: std::collections::BTreeSet<String> =
        common::all_files(&parley::share::cache_dir(&out))
            .into_iter()
            .map(|f| f.trim_end_matches(".png")[..16].to_string())
            .collect();
    assert_eq!(
        cached,
        keys.iter()
            .map(|k| k.to_string())
            .collect::<std::collections::BTreeSet<String>>(),
        "every language's images are cached, so the next build draws none"
    );
}
