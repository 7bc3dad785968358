//! Share images: the 1200 × 630 PNG drawn for every explainer and question page from the
//! `share.svg` template (the site's own, or the built-in one), which `og:image` points at.
//!
//! The text is fitted here ([`layout`]), the template is rendered like any other, and the SVG
//! it makes is drawn ([`draw`]) only when no earlier build drew the same one: images are
//! named and cached by the hash of everything that goes into them.

pub(crate) mod draw;
pub(crate) mod layout;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use serde::Serialize;
use tera::Context;

use crate::diag::ContentError;
use crate::model::{Explainer, Question, SiteInfo};
use crate::render::output::Output;
use crate::render::theme::Theme;
use layout::{Fitted, Frame, Metrics};

/// The size of every share image, in pixels (what Facebook, LinkedIn and X show best).
pub const WIDTH: u32 = 1200;
pub const HEIGHT: u32 = 630;
/// The template's name among the templates (the theme holds the built-in one).
pub const TEMPLATE: &str = crate::render::theme::SHARE_TEMPLATE;

/// How a render treats share images.
#[derive(Debug, Clone, Default)]
pub struct Drawing {
    /// Draw the PNGs (`build`, `serve`); otherwise the SVGs are made and the first of each
    /// explainer parsed, to find problems (`check`).
    pub draw: bool,
    /// The site folder: the lead photo is read from inside it only.
    pub root: PathBuf,
    /// Where drawn images are kept between builds (`<output>/.parley-cache/share`).
    pub cache: Option<PathBuf>,
    /// Whether to add newly drawn images to the cache (`serve` only reads it).
    pub keep: bool,
    /// The images of this build, by key and output path, and whether each was drawn (not
    /// taken from the cache): the cache is brought up to date from them once the build has
    /// succeeded ([`Drawing::settle`]), so a failed build writes nothing.
    pub used: Arc<Mutex<Vec<Used>>>,
}

/// A share image a build has: its cache key, its site-relative path, and whether it was drawn.
#[derive(Debug, Clone)]
pub struct Used {
    key: String,
    path: String,
    drawn: bool,
}

/// The cache folder for share images in the output folder `out`.
pub fn cache_dir(out: &Path) -> PathBuf {
    out.join(".parley-cache").join("share")
}

/// One share image, planned: where it goes and what pages say about it.
pub struct Planned {
    /// For templates as `share_image`: `url`, `width`, `height`, `alt`.
    pub value: ShareValue,
    /// The file (drawn, or taken from the cache), or `None` when not drawing.
    pub file: Option<(String, Output)>,
}

/// What templates see as `share_image`.
#[derive(Debug, Clone, Serialize)]
pub struct ShareValue {
    pub url: String,
    pub width: u32,
    pub height: u32,
    pub alt: String,
}

/// What the `share.svg` template sees as `share`.
#[derive(Serialize)]
struct Card<'a> {
    width: u32,
    height: u32,
    /// `explainer` or `question`.
    kind: &'a str,
    /// The site's name, the explainer's title above a question, and the status and date
    /// line: each fitted to one line.
    site: String,
    kicker: String,
    footer: String,
    /// The explainer's title or the question, as it is and fitted into lines.
    title: &'a str,
    headline: Headline,
    /// The lead photo's file name (to use as `href`), when the explainer has one.
    photo: Option<&'a str>,
    photo_alt: Option<&'a str>,
}

#[derive(Serialize)]
struct Headline {
    size: f32,
    lines: Vec<Line>,
    /// `ltr` or `rtl` (by the headline's first strong letter); `anchor` and `x` follow it.
    direction: &'static str,
    anchor: &'static str,
    x: f32,
}

#[derive(Serialize)]
struct Line {
    text: String,
    y: f32,
}

const PAD: f32 = 72.0;
/// RIGHT-TO-LEFT MARK.
pub(crate) const RLM: char = '\u{200F}';

fn metrics() -> &'static (Metrics, Metrics) {
    static M: OnceLock<(Metrics, Metrics)> = OnceLock::new();
    M.get_or_init(|| {
        let m = |b| Metrics::new(b).expect("the embedded fonts parse (unit-tested)");
        (m(draw::REGULAR), m(draw::BOLD))
    })
}

/// `text` on one line at `size` in the regular font, cut with `…` if it is too wide.
fn one_line(text: &str, size: f32) -> String {
    let frame = Frame {
        width: WIDTH as f32 - 2.0 * PAD,
        height: size * 1.2,
        max_size: size,
        min_size: size,
        leading: 1.2,
    };
    layout::fit(&metrics().0, text, frame).lines.join(" ")
}

/// Whether `text` reads right to left: its first strong letter is Hebrew, Arabic, Syriac,
/// Thaana or N'Ko (or their presentation forms).
fn is_rtl(text: &str) -> bool {
    text.chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(|c| matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}'))
}

/// `text` with its first letter in upper case (`scheduled` -> `Scheduled`).
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn headline(text: &str, top: f32) -> Headline {
    let bottom = 520.0;
    let frame = Frame {
        width: WIDTH as f32 - 2.0 * PAD,
        height: bottom - top,
        max_size: 72.0,
        min_size: 34.0,
        leading: 1.18,
    };
    let Fitted { size, lines } = layout::fit(&metrics().1, text, frame);
    let rtl = is_rtl(text);
    // usvg lays every text out in a left-to-right paragraph: right-to-left words come out in
    // the right order, but punctuation at a line's ends would go to the wrong side. A
    // right-to-left mark at each end makes the line one right-to-left run.
    let lines = lines
        .into_iter()
        .map(|l| if rtl { format!("{RLM}{l}{RLM}") } else { l });
    Headline {
        size,
        lines: lines
            .enumerate()
            .map(|(i, text)| Line {
                text,
                y: top + size * (0.95 + 1.18 * i as f32),
            })
            .collect(),
        direction: if rtl { "rtl" } else { "ltr" },
        anchor: if rtl { "end" } else { "start" },
        x: if rtl { WIDTH as f32 - PAD } else { PAD },
    }
}

/// The lead photo's bytes, read once per explainer (only when drawing).
pub struct Lead {
    photo: Option<draw::Photo>,
    /// Its content hash, part of every key.
    hash: String,
}

impl Drawing {
    /// Read `e`'s lead photo, if it has one and images are drawn. A photo that cannot be read
    /// is a located error naming it.
    pub fn lead(&self, e: &Explainer) -> Result<Lead, ContentError> {
        let Some(img) = e.image.as_ref().filter(|_| self.draw) else {
            return Ok(Lead {
                photo: None,
                hash: String::new(),
            });
        };
        let path = e.dir.join(&img.src);
        let bytes = crate::load::files::read_inside(&self.root, &path).map_err(|err| {
            ContentError::in_file(
                &crate::load::files::shown(&self.root, &path),
                format!("cannot read the explainer's image for its share image: {err}"),
            )
            .help("check that `image: src` names a file in the explainer's folder")
        })?;
        Ok(Lead {
            hash: crate::write::content_hash(&bytes),
            photo: Some(draw::Photo {
                href: img.src.clone(),
                bytes: Arc::new(bytes),
            }),
        })
    }

    /// Plan (and, when drawing, draw or take from the cache) the share image of `e`'s page,
    /// or of its question `q`'s. `first`: the first of the explainer's, which is parsed even
    /// when not drawing, to find problems in the template.
    pub fn plan(
        &self,
        theme: &Theme,
        info: &SiteInfo,
        e: &Explainer,
        q: Option<&Question>,
        lead: &Lead,
    ) -> Result<Planned, ContentError> {
        let page = q.map_or(&e.path, |q| &q.path);
        let title = q.map_or(&e.title, |q| &q.title);
        let updated = q.and_then(|q| q.updated.as_ref()).unwrap_or(&e.updated);
        let status = e.talks.as_ref().map(|t| capitalised(&t.status));
        let footer = match status {
            Some(s) if !s.is_empty() => format!("{s} · Updated {}", updated.display),
            _ => format!("Updated {}", updated.display),
        };
        let footer = one_line(&footer, 28.0);
        let kicker = q.map(|_| one_line(&e.title, 28.0)).unwrap_or_default();
        let card = Card {
            width: WIDTH,
            height: HEIGHT,
            kind: if q.is_some() { "question" } else { "explainer" },
            site: one_line(&info.title, 30.0),
            headline: headline(title, if q.is_some() { 196.0 } else { 150.0 }),
            kicker,
            footer,
            title,
            photo: e.image.as_ref().map(|i| i.src.as_str()),
            photo_alt: e.image.as_ref().map(|i| i.alt.as_str()),
        };
        let alt = match q {
            Some(_) => format!("{}: {title} ({}). {}", info.title, e.title, card.footer),
            None => format!("{}: {title}. {}", info.title, card.footer),
        };
        let mut ctx = Context::new();
        ctx.insert("share", &card);
        let svg = theme.render(TEMPLATE, &ctx, page, 4096)?;
        let svg = String::from_utf8(svg).unwrap_or_default();
        let key = crate::write::content_hash(
            format!("{}\n{}\n{svg}", draw::DRAWER, lead.hash).as_bytes(),
        );
        let path = format!("{page}share.{}.png", &key[..16]);
        let value = ShareValue {
            url: format!("{}{path}", info.base_url),
            width: WIDTH,
            height: HEIGHT,
            alt,
        };
        let invalid = |msg: String| {
            let file = theme.sources.get(TEMPLATE).map(|s| s.path.clone());
            ContentError::in_file(
                file.as_deref().unwrap_or(Path::new(TEMPLATE)),
                format!("the share image of `/{page}` is not a valid SVG: {msg}"),
            )
            .help("fix the SVG the template makes (it is drawn with resvg)")
        };
        if !self.draw {
            if q.is_none() {
                draw::parse(&svg, None).map_err(invalid)?;
            }
            return Ok(Planned { value, file: None });
        }
        let cached = self.cache.as_deref().and_then(|c| draw::cached(c, &key));
        let drawn = cached.is_none();
        let png = match cached {
            Some(png) => png,
            None => {
                let tree = draw::parse(&svg, lead.photo.as_ref()).map_err(invalid)?;
                draw::png(&tree, WIDTH, HEIGHT).map_err(invalid)?
            }
        };
        if self.keep {
            // Where the file lands in the output: a translation's pages are under its folder.
            let folder = info.lang.as_ref().map_or("", |l| l.folder.as_str());
            let used = Used {
                key,
                path: format!("{folder}{path}"),
                drawn,
            };
            self.used
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .push(used);
        }
        Ok(Planned {
            value,
            file: Some((path, Output::Bytes(png))),
        })
    }
}

impl Drawing {
    /// After a successful build into `out`: the images drawn this time go into the cache (as
    /// links to the files just written), and the cached images this build did not use go.
    pub fn settle(&self, out: &Path) {
        let Some(dir) = self.cache.as_deref().filter(|_| self.keep) else {
            return;
        };
        let used = std::mem::take(&mut *self.used.lock().unwrap_or_else(|p| p.into_inner()));
        for u in used.iter().filter(|u| u.drawn) {
            draw::keep(dir, &u.key, &out.join(&u.path));
        }
        let keys: std::collections::HashSet<String> =
            used.into_iter().map(|u| format!("{}.png", u.key)).collect();
        draw::prune(dir, &keys);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` drawn in the headline's font at the right margin, as the template draws it.
    fn drawn(text: &str) -> Vec<u8> {
        let svg = format!(
            "<svg xmlns='http://www.w3.org/2000/svg' width='600' height='100'><rect width='600' \
             height='100' fill='white'/><text x='560' y='70' font-size='60' font-weight='bold' \
             text-anchor='end' direction='rtl'>{text}</text></svg>"
        );
        let tree = draw::parse(&svg, None).unwrap();
        draw::png(&tree, 600, 100).unwrap()
    }

    #[test]
    fn a_right_to_left_headline_is_drawn_in_reading_order_with_its_punctuation_at_the_end() {
        let h = headline("שלום עולם?", 150.0);
        assert_eq!((h.direction, h.anchor, h.x), ("rtl", "end", 1128.0));
        let line = &h.lines[0].text;
        // What a reader sees, left to right: `?`, then the second word, then the first, each
        // word's letters from right to left: forced left to right with an override (LRO).
        let seen = "\u{202D}?םלוע םולש\u{202C}";
        assert_eq!(drawn(line), drawn(seen));
        // And the test can tell: without the marks, the `?` lands on the wrong side.
        assert_ne!(drawn("שלום עולם?"), drawn(seen));
    }

    #[test]
    fn right_to_left_is_found_by_the_first_strong_letter() {
        assert!(is_rtl("«שלום» עולם"));
        assert!(is_rtl("مفاوضات 2025"));
        assert!(!is_rtl("2025: Переговоры"));
        assert!(!is_rtl("Talks in İstanbul"));
    }
}
