//! Responsive photos: every JPEG or PNG an explainer shows (its `image:` and the Markdown
//! images of its own folder) is published resized to the widths of `photos:` in site.yaml,
//! as its own format and as WebP, stripped of its metadata, under names that carry the hash
//! of the photo and the settings; pages show it as `<picture>` with `srcset` and `sizes`.
//!
//! Encoding is the slow part: its results are kept between builds in
//! `<output>/.parley-cache/img/`, named by the same hash, the way share images are.

pub(crate) mod encode;
pub(crate) mod html;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

pub use html::Picture;

use crate::diag::ContentError;
use crate::markdown::{Link, LinkKind};
use crate::model::{Explainer, SiteInfo};
use crate::render::output::{Files, Output};
use crate::schema::PhotoConfig;
use encode::Problem;

/// How a render treats photos.
#[derive(Debug, Clone, Default)]
pub struct Photos {
    /// Encode them (`build`, `serve`); otherwise only their headers are read, which gives the
    /// same pages (`check`).
    pub encode: bool,
    /// The site folder: photos are read from inside it only.
    pub root: PathBuf,
    /// Where encoded files are kept between builds (`<output>/.parley-cache/img`).
    pub cache: Option<PathBuf>,
    /// Whether to add newly encoded files to the cache (`serve` only reads it).
    pub keep: bool,
    /// The files of this build, for the cache once the build has succeeded ([`Photos::settle`]).
    pub used: Arc<Mutex<Vec<Used>>>,
}

/// A file a build has: its cache name, its output path, and whether it was just encoded.
#[derive(Debug, Clone)]
pub struct Used {
    name: String,
    path: String,
    encoded: bool,
}

/// The output path (in the language's folder) and the cache name of each size of the photo
/// at `rel` in `e`'s folder, in its own format (`ext`) and in WebP, smallest first. The
/// names carry a key of the photo's bytes and the settings that encode it.
fn output_names(
    info: &SiteInfo,
    e: &Explainer,
    rel: &str,
    bytes: &[u8],
    ext: &str,
    widths: &[u32],
) -> Vec<[(String, String); 2]> {
    let cfg = &info.photos;
    let key = crate::write::content_hash(
        format!(
            "{}\n{:?}\n{}\n{}",
            encode::ENCODER,
            cfg.widths,
            cfg.quality,
            crate::write::content_hash(bytes)
        )
        .as_bytes(),
    );
    let key = &key[..16];
    let folder = rel.rsplit_once('/').map_or("", |(f, _)| f);
    let folder = if folder.is_empty() {
        String::new()
    } else {
        format!("{folder}/")
    };
    let stem = safe_stem(rel);
    widths
        .iter()
        .map(|w| {
            [ext, "webp"].map(|ext| {
                let file = format!("{stem}.{key}.{w}.{ext}");
                (
                    format!("{}{folder}{file}", e.path),
                    format!("{key}.{w}.{ext}"),
                )
            })
        })
        .collect()
}

/// What the templates see of a photo: its largest size's URL, both srcsets and its size.
fn picture(
    info: &SiteInfo,
    names: &[[(String, String); 2]],
    widths: &[u32],
    header: &encode::Header,
) -> Picture {
    let url = |p: &str| escaped(&format!("{}{p}", info.base_path));
    let srcset = |i: usize| {
        names
            .iter()
            .zip(widths)
            .map(|(n, w)| format!("{} {w}w", url(&n[i].0)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let (largest, last) = (*widths.last().unwrap_or(&header.width), names.len() - 1);
    Picture {
        url: format!("{}{}", info.base_url, names[last][0].0),
        src: url(&names[last][0].0),
        srcset: srcset(0),
        webp_srcset: srcset(1),
        sizes: escaped(&info.photos.sizes),
        width: largest,
        height: encode::scaled_height(header.width, header.height, largest),
    }
}

/// The cache folder for photos in the output folder `out`.
pub fn cache_dir(out: &Path) -> PathBuf {
    out.join(".parley-cache").join("img")
}

/// An explainer's photos: the lead photo's picture, the answers' pictures by the `src`
/// Markdown gives them, and their files.
#[derive(Default)]
pub struct Planned {
    pub lead: Option<Picture>,
    pub body: HashMap<String, Picture>,
    pub files: Files,
}

/// Whether a file in an explainer's folder is processed as a photo (SVG drawings are not).
fn is_photo(rel: &str) -> bool {
    !rel.to_ascii_lowercase().ends_with(".svg")
}

/// The file in `e`'s folder that a Markdown image `link` shows, if it is a processed photo.
pub fn body_photo<'l>(e: &Explainer, link: &'l Link) -> Option<&'l str> {
    let (LinkKind::Relative, Some((path, _)), true) = (&link.kind, &link.target, link.image) else {
        return None;
    };
    let rel = path.strip_prefix(&e.path)?;
    let known = e.assets.iter().any(|a| a.to_string_lossy() == rel);
    (known && is_photo(rel)).then_some(rel)
}

/// Where a photo is used, to point at in an error.
#[derive(Clone, Copy)]
enum Use<'a> {
    Lead(&'a str),
    Body(&'a Link),
}

fn located(e: &Explainer, at: Use, message: String) -> ContentError {
    let src = e.source();
    match at {
        Use::Lead(name) => {
            let from = src.text.find("image:").unwrap_or(0);
            src.error_near(from, name, message)
        }
        Use::Body(link) => src.error_near(e.body_offset + link.offset, &link.dest, message),
    }
}

fn problem(e: &Explainer, at: Use, shown: &Path, p: Problem) -> ContentError {
    let shown = shown.display();
    let (message, help) = match p {
        Problem::Unsupported(what) => (
            format!("the photo `{shown}` is not a JPEG or PNG ({what})"),
            "save it as JPEG (photos) or PNG (graphics), or use an SVG drawing".to_string(),
        ),
        Problem::Corrupt(why) => (
            format!("the photo `{shown}` cannot be read: {why}"),
            "the file is damaged or not what its name says: export it again as JPEG or PNG"
                .to_string(),
        ),
        Problem::TooBig(w, h) => (
            format!(
                "the photo `{shown}` is {w} × {h} pixels, more than the {} megapixels parley reads",
                encode::MAX_PIXELS / 1_000_000
            ),
            "scale it down (3200 pixels wide is plenty for the web) and save it again".to_string(),
        ),
    };
    located(e, at, message).help(help)
}

/// `name` reduced to what is safe in a URL: letters, digits, `-` and `_`.
fn safe_stem(name: &str) -> String {
    let stem = Path::new(name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem: String = stem
        .chars()
        .map(|c| match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' | '-' | '_' => c,
            _ => '-',
        })
        .collect();
    if stem.is_empty() {
        "photo".into()
    } else {
        stem
    }
}

/// `text` HTML-escaped (for an attribute value).
fn escaped(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len());
    // Writing into a Vec cannot fail.
    let _ = crate::render::theme::escape_html(text, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

impl Photos {
    /// Plan (and when encoding, encode or take from the cache) every photo `e` shows. A photo
    /// that cannot be used is an error at the line that uses it.
    pub fn plan(&self, info: &SiteInfo, e: &Explainer) -> Result<Planned, ContentError> {
        let mut uses: BTreeMap<&str, Use> = BTreeMap::new();
        if let Some(img) = e.image.as_ref().filter(|i| is_photo(&i.src)) {
            uses.insert(img.src.as_str(), Use::Lead(&img.src));
        }
        for link in &e.links {
            if let Some(rel) = body_photo(e, link) {
                uses.entry(rel).or_insert(Use::Body(link));
            }
        }
        let mut planned = Planned::default();
        for (rel, at) in uses {
            let (picture, files) = self.one(info, e, rel, at)?;
            planned.files.extend(files);
            if e.image.as_ref().is_some_and(|i| i.src == rel) {
                planned.lead = Some(picture.clone());
            }
            let src = format!("{}{}{rel}", info.base_path, e.path);
            planned.body.insert(src, picture);
        }
        Ok(planned)
    }

    /// One photo of `e`, at `rel` in its folder.
    fn one(
        &self,
        info: &SiteInfo,
        e: &Explainer,
        rel: &str,
        at: Use,
    ) -> Result<(Picture, Files), ContentError> {
        let path = e.dir.join(rel);
        let shown = crate::load::files::shown(&self.root, &path);
        let bytes = crate::load::files::read_inside(&self.root, &path).map_err(|err| {
            located(
                e,
                at,
                format!("cannot read the photo `{}`: {err}", shown.display()),
            )
            .help("check that the file is in the explainer's folder and readable")
        })?;
        let header = encode::header(&bytes).map_err(|p| problem(e, at, &shown, p))?;
        let widths = encode::widths(header.width, &info.photos.widths);
        let names = output_names(info, e, rel, &bytes, header.kind.ext(), &widths);
        let picture = picture(info, &names, &widths, &header);
        if !self.encode {
            return Ok((picture, Vec::new()));
        }
        let cached: Option<Vec<Vec<u8>>> = names
            .iter()
            .flatten()
            .map(|(_, name)| {
                self.cache
                    .as_deref()
                    .and_then(|c| crate::render::cache::read(c, name))
            })
            .collect();
        let encoded = cached.is_none();
        let contents = match cached {
            Some(c) => c,
            None => encode::encode(&bytes, &widths, info.photos.quality)
                .map_err(|p| problem(e, at, &shown, p))?
                .into_iter()
                .flat_map(|s| [s.original, s.webp])
                .collect(),
        };
        let lang = info.lang.as_ref().map_or("", |l| l.folder.as_str());
        let mut files = Vec::with_capacity(contents.len());
        let mut used = Vec::with_capacity(contents.len());
        for ((path, name), bytes) in names.into_iter().flatten().zip(contents) {
            used.push(Used {
                name,
                path: format!("{lang}{path}"),
                encoded,
            });
            files.push((path, Output::Bytes(bytes)));
        }
        if self.keep {
            self.used
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .extend(used);
        }
        Ok((picture, files))
    }

    /// After a successful build into `out`: the files encoded this time go into the cache (as
    /// links to the files just written), and the cached files this build did not use go.
    pub fn settle(&self, out: &Path) {
        let Some(dir) = self.cache.as_deref().filter(|_| self.keep) else {
            return;
        };
        let used = std::mem::take(&mut *self.used.lock().unwrap_or_else(|p| p.into_inner()));
        for u in used.iter().filter(|u| u.encoded) {
            crate::render::cache::keep(dir, &u.name, &out.join(&u.path));
        }
        let names: HashSet<String> = used.into_iter().map(|u| u.name).collect();
        crate::render::cache::prune(dir, &names);
    }
}

/// Check `photos:` from site.yaml: the problem and its fix, if any.
pub fn check_config(cfg: &PhotoConfig) -> Option<(String, String)> {
    if cfg.widths.is_empty() || cfg.widths.len() > 8 {
        return Some((
            format!("`photos: widths` has {} widths", cfg.widths.len()),
            "give one to eight widths in pixels, e.g. `widths: [480, 960, 1600]`".into(),
        ));
    }
    if let Some(w) = cfg.widths.iter().find(|w| !(16..=4096).contains(*w)) {
        return Some((
            format!("the photo width {w} is out of range"),
            "give widths between 16 and 4096 pixels".into(),
        ));
    }
    if !(1..=100).contains(&cfg.quality) {
        return Some((
            format!("`photos: quality` is {}", cfg.quality),
            "give a quality from 1 to 100 (80 is the default)".into(),
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_are_url_safe() {
        assert_eq!(safe_stem("Lead photo.JPG"), "Lead-photo");
        assert_eq!(safe_stem("img/talks_1.png"), "talks_1");
        assert_eq!(safe_stem("é.png"), "-");
    }

    #[test]
    fn settings_out_of_range_are_refused() {
        let ok = PhotoConfig::default();
        assert_eq!(check_config(&ok), None);
        for bad in [
            PhotoConfig {
                widths: vec![],
                ..ok.clone()
            },
            PhotoConfig {
                widths: vec![480, 10_000],
                ..ok.clone()
            },
            PhotoConfig {
                quality: 0,
                ..ok.clone()
            },
        ] {
            assert!(check_config(&bad).is_some(), "{bad:?}");
        }
    }
}
