//! Reads a site folder: finds the content with walkdir and parses every file into its schema.

pub mod files;
pub mod frontmatter;
pub mod scaffold;
pub(crate) mod terms;
pub mod yaml;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diag::{ContentError, Source};
use crate::schema::{EventEntry, FrontMatter, PersonEntry, PositionsFile, SiteConfig};
use crate::text::slug;

/// Everything read from `content/`, parsed but not yet cross-checked.
#[derive(Clone)]
pub struct Loaded {
    pub config: SiteConfig,
    pub config_source: Source,
    pub people: Vec<PersonEntry>,
    pub people_source: Option<Source>,
    /// content/authors.yaml: the staff who write bylines.
    pub authors: Vec<crate::schema::AuthorEntry>,
    pub authors_source: Option<Source>,
    /// content/series.yaml, topics.yaml and countries.yaml.
    pub taxonomy: terms::Declared,
    pub explainers: Vec<RawExplainer>,
    /// The folders of explainers that failed to load (their problems are reported): links
    /// to them are not reported as links to missing pages as well.
    pub failed: Vec<String>,
}

/// One explainer folder as read from disk.
#[derive(Clone)]
pub struct RawExplainer {
    pub slug: String,
    pub source: Source,
    pub front: FrontMatter,
    pub front_offset: usize,
    pub body_offset: usize,
    pub timeline: Option<(Source, Vec<EventEntry>)>,
    pub positions: Option<(Source, PositionsFile)>,
    /// Co-located files, relative to the explainer folder.
    pub assets: Vec<PathBuf>,
    pub dir: PathBuf,
    /// Its translations' files (`index.uk.md`, `timeline.uk.yaml`, …), by language code.
    pub translations: Vec<RawTranslation>,
    /// For a translation: the original's question ids, which its questions take unless a
    /// heading sets its own `{#id}` (empty for an original).
    pub question_ids: Vec<String>,
}

/// One language's translation files in an explainer folder, read but not parsed (that needs
/// the original, which the languages module does).
#[derive(Clone)]
pub struct RawTranslation {
    pub code: String,
    pub index: Option<Source>,
    pub timeline: Option<Source>,
    pub positions: Option<Source>,
}

/// Which content file a translation file translates.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub(crate) enum Translated {
    Index,
    Timeline,
    Positions,
}

/// `index.uk.md` -> (Index, `uk`); `timeline.tr.yaml` -> (Timeline, `tr`); else `None`.
pub(crate) fn translation_file(name: &str) -> Option<(Translated, &str)> {
    let (kind, rest) = if let Some(r) = name.strip_prefix("index.") {
        (Translated::Index, r.strip_suffix(".md")?)
    } else if let Some(r) = name.strip_prefix("timeline.") {
        (Translated::Timeline, r.strip_suffix(".yaml")?)
    } else if let Some(r) = name.strip_prefix("positions.") {
        (Translated::Positions, r.strip_suffix(".yaml")?)
    } else {
        return None;
    };
    let code_ok = !rest.is_empty()
        && rest
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    code_ok.then_some((kind, rest))
}

impl RawExplainer {
    pub fn body(&self) -> &str {
        &self.source.text[self.body_offset..]
    }
}

/// Read a text file for parsing, as a `Source` named relative to the site root (see
/// [`files::read_text`] for what is refused).
pub fn read_source(root: &Path, path: &Path) -> Result<Source, ContentError> {
    files::read_text(root, files::shown(root, path), path)
}

/// Read again the text file at `path`, already read once through [`read_source`], as a
/// `Source` shown as `shown` (to quote it in an error found later).
pub fn read_named(shown: PathBuf, path: &Path) -> Result<Source, ContentError> {
    // Never open what is no longer a regular file (a FIFO would block).
    let regular =
        std::fs::metadata(path).and_then(|m| match m.is_file() && m.len() <= files::MAX_FILE {
            true => Ok(()),
            false => Err(std::io::Error::other("no longer a regular file")),
        });
    let bytes = regular.and_then(|()| std::fs::read(path)).map_err(|e| {
        ContentError::in_file(&shown, format!("cannot read the file: {e}"))
            .help("check that it exists and is readable")
    })?;
    let text = String::from_utf8(bytes).map_err(|_| {
        ContentError::in_file(&shown, "the file is not valid UTF-8")
            .help("save the file as UTF-8 in your editor")
    })?;
    // One copy, into the shared text (not a String first).
    let text: std::sync::Arc<str> = std::sync::Arc::from(frontmatter::strip_bom(&text));
    Ok(Source::new(shown, text))
}

/// Load the site at `root`. Every problem found is returned, not just the first, beside
/// whatever did load (so that later checks still run on the good parts).
pub fn load(root: &Path) -> (Option<Loaded>, Vec<ContentError>) {
    let content = root.join("content");
    if !content.is_dir() {
        return (
            None,
            vec![
                ContentError::in_file(&content, "no content/ folder here").help(
                    "run parley in a site folder (one with content/site.yaml), or pass --root DIR",
                ),
            ],
        );
    }
    if let Err(e) = files::check_link(root, &content) {
        return (None, vec![e]);
    }
    let mut errors = Vec::new();

    let config_path = content.join("site.yaml");
    let (config, config_source) = match read_source(root, &config_path) {
        Ok(src) => match yaml::parse::<SiteConfig>(&src, 0, &src.text.clone()) {
            Ok(c) => (Some(c), src),
            Err(e) => {
                errors.push(e);
                (None, src)
            }
        },
        Err(e) => {
            errors.push(e.help("create content/site.yaml with at least `title: My explainers`"));
            (None, Source::new("content/site.yaml", ""))
        }
    };

    let (people, people_source) = read_list::<crate::schema::PeopleFile, _>(
        root,
        &content.join("people.yaml"),
        &mut errors,
        |f| f.0,
    );
    let (authors, authors_source) = read_list::<crate::schema::AuthorsFile, _>(
        root,
        &content.join("authors.yaml"),
        &mut errors,
        |f| f.0,
    );
    let taxonomy = terms::load(root, &content, &mut errors);

    // Explainer folders: content/<slug>/index.md.
    let dirs = folders(root, &content, &mut errors);
    let results: Vec<Result<Option<RawExplainer>, Vec<ContentError>>> =
        dirs.par_iter().map(|d| load_explainer(root, d)).collect();
    let mut explainers = Vec::new();
    let mut failed = Vec::new();
    for (r, dir) in results.into_iter().zip(&dirs) {
        match r {
            Ok(Some(x)) => explainers.push(x),
            Ok(None) => {}
            Err(mut e) => {
                errors.append(&mut e);
                failed.extend(dir.file_name().map(|n| n.to_string_lossy().into_owned()));
            }
        }
    }

    let loaded = config.map(|config| Loaded {
        config,
        config_source,
        people,
        people_source,
        authors,
        authors_source,
        taxonomy,
        explainers,
        failed,
    });
    (loaded, errors)
}

/// An optional list file (people.yaml, authors.yaml): its entries (none when it is missing
/// or empty) and its source; problems go into `errors`.
pub(crate) fn read_list<F: serde::de::DeserializeOwned, T>(
    root: &Path,
    path: &Path,
    errors: &mut Vec<ContentError>,
    entries: impl Fn(F) -> Vec<T>,
) -> (Vec<T>, Option<Source>) {
    // A link that leads nowhere is read (and reported), not passed over.
    if path.symlink_metadata().is_err() {
        return (Vec::new(), None);
    }
    match read_source(root, path) {
        Ok(src) => {
            let text = src.text.clone();
            let list = if text.trim().is_empty() {
                Vec::new()
            } else {
                yaml::parse::<F>(&src, 0, &text)
                    .map(&entries)
                    .unwrap_or_else(|e| {
                        errors.push(e);
                        Vec::new()
                    })
            };
            (list, Some(src))
        }
        Err(e) => {
            errors.push(e);
            (Vec::new(), None)
        }
    }
}

/// The folders in `content/`, sorted by name, with walkdir: links followed when they stay in
/// the site, the others, loops and unreadable entries reported into `errors`.
fn folders(root: &Path, content: &Path, errors: &mut Vec<ContentError>) -> Vec<PathBuf> {
    files::walk(root, content, 1, &|_, is_dir| !is_dir, errors)
        .into_iter()
        .map(walkdir::DirEntry::into_path)
        .collect()
}

/// What one explainer folder holds, from a single listing of it.
struct Listing {
    has_index: bool,
    timeline: bool,
    positions: bool,
    /// Co-located files, relative to the folder, sorted by name.
    assets: Vec<PathBuf>,
    /// Translation files: (what they translate, language code, file name).
    translations: Vec<(Translated, String, String)>,
}

/// Whether a file in an explainer folder is one of its assets (not content, not editor junk).
fn is_asset(rel: &Path) -> bool {
    let ext = rel.extension().and_then(|x| x.to_str()).unwrap_or("");
    !matches!(ext, "md" | "yaml" | "yml") && !files::is_editor_junk(rel)
}

/// The translation files directly in `dir`.
fn translations_in(dir: &Path) -> Vec<(Translated, String, String)> {
    let mut found: Vec<(Translated, String, String)> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_str()?.to_string();
            let (kind, code) = translation_file(&name)?;
            Some((kind, code.to_string(), name))
        })
        .collect();
    found.sort();
    found
}

/// List an explainer folder with walkdir: sub-folders, links followed, loops reported (into
/// `errors`, beside whatever else is wrong with the explainer).
fn list(root: &Path, dir: &Path, errors: &mut Vec<ContentError>) -> Listing {
    // Content files are read (and checked) on their own; only assets are walked.
    let skip = |rel: &Path, is_dir: bool| !is_dir && !is_asset(rel);
    let mut assets = Vec::new();
    for e in files::walk(root, dir, 4, &skip, errors) {
        let kind = e.file_type();
        if kind.is_dir() {
            continue;
        }
        let rel = e.path().strip_prefix(dir).unwrap_or(e.path()).to_path_buf();
        if kind.is_file() {
            assets.push(rel);
        } else {
            errors.push(files::not_a_file(&files::shown(root, e.path()), kind));
        }
    }
    // Present in any form (a folder, a FIFO, a link): reading it says what is wrong.
    let present = |name: &str| dir.join(name).symlink_metadata().is_ok();
    Listing {
        has_index: present("index.md"),
        timeline: present("timeline.yaml"),
        positions: present("positions.yaml"),
        assets,
        translations: translations_in(dir),
    }
}

/// Load one explainer folder (`None` when it has no index.md).
pub fn load_explainer(root: &Path, dir: &Path) -> Result<Option<RawExplainer>, Vec<ContentError>> {
    files::check_link(root, dir).map_err(|e| vec![e])?;
    let mut walk_errors = Vec::new();
    let listing = list(root, dir, &mut walk_errors);
    if !listing.has_index {
        return Ok(None);
    }
    let index = dir.join("index.md");
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let mut errors = walk_errors;
    let source = match read_source(root, &index) {
        Ok(source) => source,
        Err(e) => {
            errors.push(e);
            return Err(errors);
        }
    };
    if !slug::is_valid_id(&name) {
        errors.push(
            source
                .error_at(
                    0,
                    0,
                    format!("the folder name `{name}` cannot be used in a URL"),
                )
                .help(format!(
                    "rename the folder to `{}` (letters, digits and dashes)",
                    slug::slugify(&name)
                )),
        );
    }
    let (front, front_offset, body_offset) =
        front_matter(&source, &name, &mut errors).map_err(|e| vec![e])?;
    let (timeline, positions) = data_files(root, dir, &listing, &mut errors);
    let translations = read_translations(root, dir, &listing.translations, &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(front.map(|front| RawExplainer {
        slug: name,
        source,
        front,
        front_offset,
        body_offset,
        timeline,
        positions,
        assets: listing.assets,
        dir: dir.to_path_buf(),
        translations,
        question_ids: Vec::new(),
    }))
}

/// An explainer's front matter, parsed (`None` after an error in it, which goes into
/// `errors`; so does a `slug:`, which only translations take), with the offsets of its YAML
/// and its body. `Err`: the file has no front matter, or it is not closed.
fn front_matter(
    source: &Source,
    name: &str,
    errors: &mut Vec<ContentError>,
) -> Result<(Option<FrontMatter>, usize, usize), ContentError> {
    let split = frontmatter::split(&source.text).map_err(|at| {
        source
            .error_at(at, 3, "front matter is not closed")
            .help("end the front matter with a line `---`")
    })?;
    if !split.has_front_matter {
        return Err(source
            .error_at(0, 0, "this explainer has no front matter")
            .help("start the file with `---`, then `title:` and `published:` lines, then `---`"));
    }
    let front: Option<FrontMatter> = match yaml::parse(source, split.yaml_offset, split.yaml) {
        Ok(f) => Some(f),
        Err(e) => {
            errors.push(e);
            None
        }
    };
    if let Some(s) = front.as_ref().and_then(|f| f.slug.as_deref()) {
        let at = frontmatter::key_offset(source, split.yaml_offset, "slug");
        errors.push(
            source
                .error_near(at, "slug", "`slug:` is for translations (index.<code>.md): the original's URL is its folder's name")
                .help(format!("rename the folder content/{name}/ to content/{s}/, or remove `slug:`")),
        );
    }
    Ok((front, split.yaml_offset, split.body_offset))
}

/// A data file's text and parsed value, when the explainer's folder has it.
type Data<T> = Option<(Source, T)>;

/// An explainer's timeline.yaml and positions.yaml, when its folder has them; their errors
/// into `errors`.
fn data_files(
    root: &Path,
    dir: &Path,
    listing: &Listing,
    errors: &mut Vec<ContentError>,
) -> (Data<Vec<EventEntry>>, Data<PositionsFile>) {
    let data = |file: &str, present: bool| present.then(|| dir.join(file));
    let timeline = data("timeline.yaml", listing.timeline)
        .map(|p| load_data::<Vec<EventEntry>>(root, &p))
        .transpose()
        .unwrap_or_else(|e| {
            errors.push(e);
            None
        });
    let positions = data("positions.yaml", listing.positions)
        .map(|p| load_data::<PositionsFile>(root, &p))
        .transpose()
        .unwrap_or_else(|e| {
            errors.push(e);
            None
        });
    (timeline, positions)
}

/// Read an explainer's translation files (found by its listing), grouped by language.
fn read_translations(
    root: &Path,
    dir: &Path,
    found: &[(Translated, String, String)],
    errors: &mut Vec<ContentError>,
) -> Vec<RawTranslation> {
    let mut out: Vec<RawTranslation> = Vec::new();
    for (kind, code, name) in found {
        let src = match read_source(root, &dir.join(name)) {
            Ok(s) => s,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        let t = match out.iter().position(|t| &t.code == code) {
            Some(i) => &mut out[i],
            None => {
                out.push(RawTranslation {
                    code: code.clone(),
                    index: None,
                    timeline: None,
                    positions: None,
                });
                out.last_mut().expect("just pushed")
            }
        };
        match kind {
            Translated::Index => t.index = Some(src),
            Translated::Timeline => t.timeline = Some(src),
            Translated::Positions => t.positions = Some(src),
        }
    }
    out
}

fn load_data<T: serde::de::DeserializeOwned>(
    root: &Path,
    path: &Path,
) -> Result<(Source, T), ContentError> {
    let src = read_source(root, path)?;
    let value = yaml::parse::<T>(&src, 0, &src.text)?;
    Ok((src, value))
}
