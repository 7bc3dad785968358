//! Responsive photos: tests/fixtures/photo-site's lead photo (a JPEG with EXIF and GPS) and
//! its Markdown map (a PNG) are published resized, as JPEG/PNG and WebP, without metadata,
//! as `<picture>` with `srcset`, `sizes`, `width` and `height`; cached between builds; and a
//! photo that cannot be used is a located error that leaves the previous site alone.

mod common;
#[path = "common/photo.rs"]
mod photo;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use common::*;

const SLUG: &str = "harbour-talks";

fn parley() -> Command {
    Command::cargo_bin("parley").unwrap()
}

fn site() -> PathBuf {
    fixture("photo-site")
}

/// The fixture photos are what tests/common/photo.rs makes (which writes them with
/// `PARLEY_WRITE_FIXTURES=1`), and small enough to commit.
#[test]
fn committed_fixture_photos_are_the_generated_ones() {
    let dir = site().join("content").join(SLUG);
    for (name, bytes) in [
        ("harbour.jpg", photo::harbour_jpeg(2000, 1250)),
        ("map.png", photo::map_png(900, 560)),
    ] {
        let path = dir.join(name);
        if std::env::var_os("PARLEY_WRITE_FIXTURES").is_some() {
            std::fs::write(&path, &bytes).unwrap();
        }
        assert!(bytes.len() < 100_000, "{name} is {} bytes", bytes.len());
        assert!(
            std::fs::read(&path).unwrap() == bytes,
            "{name} differs from what tests/common/photo.rs makes"
        );
    }
}

/// The value of attribute `name` in the tag starting at `tag`.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let tag = &tag[..tag.find('>')?];
    let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    Some(&tag[at..at + tag[at..].find('"')?])
}

/// Every `<picture>` in `html`: its WebP `<source>` tag and its `<img>` tag.
fn pictures(html: &str) -> Vec<(&str, &str)> {
    html.match_indices("<picture>")
        .map(|(i, _)| {
            let rest = &html[i..];
            let end = rest.find("</picture>").expect("a closed <picture>");
            let inner = &rest[..end];
            let source = &inner[inner.find("<source").expect("a <source>")..];
            let img = &inner[inner.find("<img").expect("an <img>")..];
            (source, img)
        })
        .collect()
}

/// `srcset` as (URL, width) pairs.
fn srcset(value: &str) -> Vec<(String, u32)> {
    value
        .split(", ")
        .map(|s| {
            let (url, w) = s.rsplit_once(' ').unwrap();
            (url.to_string(), w.trim_end_matches('w').parse().unwrap())
        })
        .collect()
}

/// The image at site URL `url` (base path `/harbour/`) in `out`: format, width, height, bytes.
fn decode(out: &Path, url: &str) -> (&'static str, u32, u32, Vec<u8>) {
    let rel = url.strip_prefix("/harbour/").unwrap();
    let bytes = std::fs::read(out.join(rel)).unwrap_or_else(|e| panic!("{url}: {e}"));
    let (format, w, h) = if bytes.starts_with(b"RIFF") {
        let mut d = image_webp::WebPDecoder::new(std::io::Cursor::new(&bytes)).unwrap();
        let (w, h) = d.dimensions();
        let mut buf = vec![0; d.output_buffer_size().unwrap()];
        d.read_image(&mut buf).unwrap();
        assert!(d.is_lossy(), "{url}: lossless WebP");
        assert!(d.exif_metadata().unwrap().is_none(), "{url} has EXIF");
        assert!(d.xmp_metadata().unwrap().is_none(), "{url} has XMP");
        ("webp", w, h)
    } else {
        let img = image::load_from_memory(&bytes).unwrap_or_else(|e| panic!("{url}: {e}"));
        let format = match image::guess_format(&bytes).unwrap() {
            image::ImageFormat::Jpeg => "jpg",
            image::ImageFormat::Png => "png",
            f => panic!("{url} is {f:?}"),
        };
        (format, img.width(), img.height())
    };
    (format, w, h, bytes)
}

/// Whether a JPEG has an APP1 (EXIF/XMP) segment before its image data.
fn jpeg_has_app1(bytes: &[u8]) -> bool {
    let mut i = 2;
    while i + 4 <= bytes.len() && bytes[i] == 0xFF {
        let marker = bytes[i + 1];
        if marker == 0xE1 {
            return true;
        }
        if marker == 0xDA {
            return false;
        }
        i += 2 + usize::from(u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]));
    }
    false
}

#[test]
fn the_source_photo_carries_exif_and_gps_so_the_checks_below_can_fail() {
    let src = std::fs::read(site().join("content").join(SLUG).join("harbour.jpg")).unwrap();
    assert!(jpeg_has_app1(&src));
    assert!(src.windows(photo::MAKE.len()).any(|w| w == photo::MAKE));
}

#[test]
fn photos_are_resized_reencoded_without_metadata_and_shown_as_pictures() {
    let b = build(&site());
    let out = b.out();
    let html = b.read(&format!("{SLUG}/index.html"));
    let found = pictures(&html);
    assert_eq!(found.len(), 2, "the lead photo and the map");
    // (alt, largest width, its height, widths, format, lead)
    let expected = [
        (
            "The old harbour at dusk, with the pier on the left",
            1600,
            1000,
            vec![480, 960, 1600],
            "jpg",
            true,
        ),
        (
            "Map: Aldmere west of the river, Vessa east of it",
            900,
            560,
            vec![480, 900],
            "png",
            false,
        ),
    ];
    for ((source, img), (alt, width, height, widths, format, lead)) in found.iter().zip(expected) {
        assert_eq!(attr(img, "alt"), Some(alt));
        assert_eq!(attr(img, "width"), Some(width.to_string().as_str()));
        assert_eq!(attr(img, "height"), Some(height.to_string().as_str()));
        assert_eq!(attr(img, "decoding"), Some("async"));
        assert_eq!(attr(img, "loading"), (!lead).then_some("lazy"));
        assert_eq!(attr(img, "fetchpriority"), lead.then_some("high"));
        assert_eq!(attr(source, "type"), Some("image/webp"));
        let sizes = "(min-width: 42rem) 40rem, calc(100vw - 2rem)";
        assert_eq!(attr(img, "sizes"), Some(sizes));
        assert_eq!(attr(source, "sizes"), Some(sizes));
        let own = srcset(attr(img, "srcset").unwrap());
        let webp = srcset(attr(source, "srcset").unwrap());
        assert_eq!(own.iter().map(|s| s.1).collect::<Vec<_>>(), widths);
        assert_eq!(webp.iter().map(|s| s.1).collect::<Vec<_>>(), widths);
        assert_eq!(attr(img, "src"), Some(own.last().unwrap().0.as_str()));
        for ((url, w), ext) in own
            .iter()
            .map(|s| (s, format))
            .chain(webp.iter().map(|s| (s, "webp")))
        {
            // Content-hashed names: stem, 16 hex digits, width, extension.
            let name = url.rsplit('/').next().unwrap();
            let parts: Vec<&str> = name.split('.').collect();
            assert_eq!(parts.len(), 4, "{name}");
            assert!(parts[1].len() == 16 && parts[1].bytes().all(|c| c.is_ascii_hexdigit()));
            assert_eq!((parts[2], parts[3]), (w.to_string().as_str(), ext));
            let (got, gw, gh, bytes) = decode(&out, url);
            assert_eq!((got, gw), (ext, *w), "{url}");
            assert_eq!(gh, (height * w + width / 2) / width, "{url}: aspect ratio");
            assert!(
                !bytes.windows(photo::MAKE.len()).any(|x| x == photo::MAKE),
                "{url}"
            );
            assert!(!bytes.windows(6).any(|x| x == b"Exif\0\0"), "{url}");
            if ext == "jpg" {
                assert!(!jpeg_has_app1(&bytes), "{url} has an APP1 segment");
            }
            if ext == "png" {
                assert!(
                    !bytes.windows(4).any(|x| x == b"eXIf" || x == b"tEXt"),
                    "{url}"
                );
            }
        }
    }
    // The caption and credit stay; the originals (with their EXIF) are not published.
    assert!(html.contains("<figcaption>The old harbour that both sides claim. <span class=\"credit\">Photo: Fixture Desk</span></figcaption>"));
    assert!(html.contains(r#"title="The river and the two banks""#));
    assert!(!b.exists(&format!("{SLUG}/harbour.jpg")));
    assert!(!b.exists(&format!("{SLUG}/map.png")));
    // The question page shows the map too.
    let card = b.read(&format!("{SLUG}/where-is-the-harbour/index.html"));
    assert_eq!(pictures(&card).len(), 1);
    // `check` plans the same pages without encoding anything.
    parley()
        .args(["--root", site().to_str().unwrap(), "check"])
        .assert()
        .success();
}

/// Every file in `out` but parley's bookkeeping, with its bytes.
fn tree(out: &Path) -> BTreeMap<String, Vec<u8>> {
    walk(out)
        .into_iter()
        .filter(|p| !p.starts_with(".parley-"))
        .map(|p| {
            let bytes = std::fs::read(out.join(&p)).unwrap();
            (p, bytes)
        })
        .collect()
}

fn walk(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.file_type().unwrap().is_dir() {
            out.extend(
                walk(&entry.path())
                    .into_iter()
                    .map(|p| format!("{name}/{p}")),
            );
        } else {
            out.push(name);
        }
    }
    out
}

#[test]
fn two_builds_are_byte_identical_and_a_rebuild_writes_nothing_and_encodes_nothing() {
    let (one, two) = (build(&site()), build(&site()));
    let (a, b) = (tree(&one.out()), tree(&two.out()));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert!(bytes == &b[path], "{path} differs between two builds");
    }
    let webps = a.keys().filter(|p| p.ends_with(".webp")).count();
    assert_eq!(webps, 5, "3 sizes of the photo, 2 of the map");

    // Built again into the same folder: nothing written.
    let opts = parley::BuildOptions {
        root: site(),
        output: Some(one.out()),
        ..Default::default()
    };
    let again = parley::build(&opts).unwrap();
    assert_eq!(again.changes.written, 0);
    assert_eq!(again.changes.removed, 0);

    // The cache holds every encoded file; one replaced there (not in the site) comes out as
    // it is in the next build: what is cached is not encoded again.
    let cache = one.out().join(".parley-cache/img");
    let cached = walk(&cache);
    assert_eq!(cached.len(), 10, "{cached:?}");
    let name = cached.iter().find(|n| n.ends_with(".480.webp")).unwrap();
    let marker = b"RIFF not really a webp".to_vec();
    std::fs::write(cache.join("tmp"), &marker).unwrap();
    std::fs::rename(cache.join("tmp"), cache.join(name)).unwrap();
    let after = parley::build(&opts).unwrap();
    assert_eq!(after.changes.written, 1);
    let published: Vec<_> = tree(&one.out())
        .into_iter()
        .filter(|(p, _)| p.ends_with(&format!(".{name}")))
        .collect();
    assert_eq!(published.len(), 1);
    assert_eq!(published[0].1, marker);
}

/// A photo replaced by one of another size: the rebuild into the same folder shows it as a
/// build into a new folder does (its page's `<picture>` sizes, not only its files).
#[test]
fn a_rebuild_after_a_photo_is_replaced_equals_a_fresh_build() {
    let (dir, out, before) = built_copy();
    std::fs::write(
        dir.path().join("content").join(SLUG).join("map.png"),
        photo::map_png(700, 300),
    )
    .unwrap();
    let root = dir.path().to_str().unwrap().to_string();
    parley().args(["--root", &root, "build"]).assert().success();
    let fresh = dir.path().join("fresh");
    let fresh_arg = fresh.to_str().unwrap().to_string();
    (parley().args(["--root", &root, "build", "--output", &fresh_arg]))
        .assert()
        .success();
    let (rebuilt, fresh) = (tree(&out), tree(&fresh));
    assert_eq!(
        rebuilt.keys().collect::<Vec<_>>(),
        fresh.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &fresh {
        assert!(&rebuilt[path] == bytes, "{path} differs from a fresh build");
    }
    let page = format!("{SLUG}/index.html");
    assert!(
        rebuilt[&page] != before[&page],
        "the page shows the new map's sizes"
    );
}

/// A copy of the fixture site in a temp folder, built once into `public/`.
fn built_copy() -> (tempfile::TempDir, PathBuf, BTreeMap<String, Vec<u8>>) {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&site(), dir.path());
    let out = dir.path().join("public");
    let root = dir.path().to_str().unwrap().to_string();
    parley().args(["--root", &root, "build"]).assert().success();
    let before = tree(&out);
    (dir, out, before)
}

/// `build` of the site at `root` fails (exit 1) with all of `wanted` in its error output,
/// and leaves the previous site `before` as it was.
fn fails_with(root: &Path, out: &Path, before: &BTreeMap<String, Vec<u8>>, wanted: &[&str]) {
    let result = parley()
        .args(["--root", root.to_str().unwrap(), "build"])
        .env("NO_COLOR", "1")
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&result.get_output().stderr).into_owned();
    for w in wanted {
        assert!(stderr.contains(w), "missing `{w}` in:\n{stderr}");
    }
    assert!(&tree(out) == before, "the previous site changed");
}

#[test]
fn a_corrupt_lead_photo_is_an_error_at_its_front_matter_line() {
    let (dir, out, before) = built_copy();
    let photo = dir.path().join("content").join(SLUG).join("harbour.jpg");
    // A download cut short: the JPEG's start (with its EXIF) and nothing after.
    let mut bytes = std::fs::read(&photo).unwrap();
    bytes.truncate(400);
    std::fs::write(&photo, bytes).unwrap();
    fails_with(
        dir.path(),
        &out,
        &before,
        &[
            "index.md:7",
            "the photo `content/harbour-talks/harbour.jpg` cannot be read",
            "export it again as JPEG or PNG",
        ],
    );
}

#[test]
fn an_unsupported_markdown_image_is_an_error_at_its_markdown_line() {
    let (dir, out, before) = built_copy();
    let map = dir.path().join("content").join(SLUG).join("map.png");
    std::fs::write(&map, b"GIF89a\x10\x00\x10\x00\x80\x00\x00").unwrap();
    fails_with(
        dir.path(),
        &out,
        &before,
        &[
            "index.md:27",
            "the photo `content/harbour-talks/map.png` is not a JPEG or PNG (Gif)",
            "save it as JPEG",
        ],
    );
}

#[test]
fn a_huge_photo_is_refused_from_its_header() {
    let (dir, out, before) = built_copy();
    // A real PNG header claiming 20,000 × 20,000 pixels, with a valid checksum, and then
    // hardly any data: refused before decoding, whatever comes after.
    let mut png = photo::map_png(4, 4);
    png[16..20].copy_from_slice(&20_000u32.to_be_bytes());
    png[20..24].copy_from_slice(&20_000u32.to_be_bytes());
    let crc = crc32(&png[12..29]);
    png[29..33].copy_from_slice(&crc.to_be_bytes());
    std::fs::write(dir.path().join("content").join(SLUG).join("map.png"), png).unwrap();
    let start = std::time::Instant::now();
    fails_with(
        dir.path(),
        &out,
        &before,
        &[
            "index.md:27",
            "is 20000 × 20000 pixels, more than the 100 megapixels parley reads",
            "scale it down",
        ],
    );
    assert!(start.elapsed().as_secs() < 20, "took {:?}", start.elapsed());
}

/// CRC-32 as PNG uses it.
fn crc32(bytes: &[u8]) -> u32 {
    let mut c = !0u32;
    for &b in bytes {
        c ^= u32::from(b);
        for _ in 0..8 {
            c = if c & 1 == 1 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
    }
    !c
}

#[test]
fn photo_settings_out_of_range_are_located_errors() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&site(), dir.path());
    let yaml = dir.path().join("content/site.yaml");
    let text = std::fs::read_to_string(&yaml).unwrap();
    std::fs::write(&yaml, text.replace("quality: 80", "quality: 0")).unwrap();
    let result = parley()
        .args(["--root", dir.path().to_str().unwrap(), "check"])
        .env("NO_COLOR", "1")
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&result.get_output().stderr).into_owned();
    assert!(stderr.contains("site.yaml:5"), "{stderr}");
    assert!(stderr.contains("`photos: quality` is 0"), "{stderr}");
}
