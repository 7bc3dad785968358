//! Renders the site model through the templates into output files, in parallel.

use std::collections::HashMap;

use crate::diag::ContentError;
use crate::model::{Site, SiteInfo};
use crate::render::theme::{STATIC, Theme};

pub(crate) mod cache;
pub mod feeds;
pub(crate) mod lists;
mod locale;
pub(crate) mod meta;
pub(crate) mod minify;
pub(crate) mod output;
mod pages;
mod site;
pub mod theme;
pub mod values;

pub use crate::render::output::{Files, Output, fingerprint};
pub(crate) use pages::PageMeta;
pub use pages::{Pages, Shown};
pub(crate) use site::render_translation;
pub use site::{RenderError, Rendered, render_parts};

/// Options that change how pages are rendered.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// Inject the live-reload script (serve mode).
    pub live_reload: bool,
    /// Minify pages and style sheets (`build --minify`).
    pub minify: bool,
    /// Whether and how share images are drawn.
    pub share: crate::share::Drawing,
    /// Whether and how photos are encoded.
    pub photos: crate::photos::Photos,
}

/// Where rendered files go as they are made: each explainer's files are handed over as soon as
/// they are rendered, so a build can write them out and forget them instead of holding the
/// whole site in memory.
pub trait Sink: Sync {
    /// Take one group of files; return what stays in memory (a writing sink returns each
    /// file it wrote as [`Output::Written`]).
    fn put(&self, files: Files) -> anyhow::Result<Files>;
    /// Whether [`Rendered::explainers`] keeps every explainer with its shortcodes rendered
    /// (serve needs them for incremental rebuilds; a build does not).
    fn keep_explainers(&self) -> bool {
        false
    }
    /// The bytes of written pages that relative links point into with a `#fragment`, by path,
    /// so the link check can look for the fragment.
    fn kept_pages(&self) -> HashMap<String, Vec<u8>> {
        HashMap::new()
    }
    /// Whether this sink records what each page is made from: pages then come to it as
    /// [`Output::Page`] (or [`Output::Unchanged`]), with the hash of their inputs.
    fn remembers(&self) -> bool {
        false
    }
    /// Whether the page at `path` that the previous build left in place was made from these
    /// `inputs` (and is still there as written): then it is not rendered again, and comes
    /// as [`Output::Unchanged`].
    fn unchanged(&self, _path: &str, _inputs: u128) -> bool {
        false
    }
}

/// A sink that keeps everything in memory (`serve`, tests).
pub struct Memory;

impl Sink for Memory {
    fn put(&self, files: Files) -> anyhow::Result<Files> {
        Ok(files)
    }
    fn keep_explainers(&self) -> bool {
        true
    }
}

/// A sink that keeps nothing: rendering only to find problems.
struct Discard;

impl Sink for Discard {
    fn put(&self, files: Files) -> anyhow::Result<Files> {
        Ok(files
            .into_iter()
            .map(|(p, _)| (p, Output::Written))
            .collect())
    }
}

/// The problems rendering `site` meets (shortcodes, templates, static files), writing
/// nothing: a build that fails on other problems reports these too. (Relative links are
/// checked against a complete site only.)
pub fn problems(site: &Site, theme: &mut Theme, root: &std::path::Path) -> Vec<ContentError> {
    match render_parts(site, theme, root, &RenderOptions::default(), &Discard) {
        Err(RenderError::Content(errors)) => errors,
        Ok(_) | Err(RenderError::Sink(_)) => Vec::new(),
    }
}

/// The static files (built-in theme's, then the site's own over them), with
/// fingerprinted names for CSS and JS. Returns (files, original name -> output name).
/// With `minify`, style sheets are minified first, so their fingerprint is that of the bytes
/// served.
pub fn static_files(
    root: &std::path::Path,
    minify: bool,
) -> Result<(Files, HashMap<String, String>), Vec<ContentError>> {
    let mut by_name: std::collections::BTreeMap<String, Output> = STATIC
        .iter()
        .map(|(n, b)| (n.to_string(), Output::Bytes(b.to_vec())))
        .collect();
    let dir = root.join("static");
    if dir.is_dir() {
        let skip = |rel: &std::path::Path, is_dir: bool| {
            !is_dir && crate::load::files::is_editor_junk(rel)
        };
        let mut errors = Vec::new();
        for entry in crate::load::files::walk(root, &dir, usize::MAX, &skip, &mut errors) {
            let kind = entry.file_type();
            if kind.is_dir() {
                continue;
            }
            if !kind.is_file() {
                let shown = crate::load::files::shown(root, entry.path());
                errors.push(crate::load::files::not_a_file(&shown, kind));
                continue;
            }
            let rel = entry.path().strip_prefix(&dir).unwrap_or(entry.path());
            let name = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            by_name.insert(name, Output::Copy(entry.into_path()));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
    }
    let mut files = Vec::new();
    let mut names = HashMap::new();
    for (name, out) in by_name {
        let fingerprinted = name.ends_with(".css") || name.ends_with(".js");
        if fingerprinted {
            let mut bytes = match out {
                Output::Bytes(b) => b,
                Output::Copy(p) => std::fs::read(&p)
                    .map_err(|e| vec![ContentError::in_file(&p, format!("cannot read: {e}"))])?,
                Output::Page(..) | Output::Unchanged(_) | Output::Written => {
                    unreachable!("static files are read, not rendered or written")
                }
            };
            if minify && name.ends_with(".css") {
                bytes = crate::render::minify::style_sheet(&name, &bytes).map_err(|e| vec![e])?;
            }
            let fp = fingerprint(&name, &bytes);
            // `check` writes nothing, so it must find what a file system would refuse.
            if fp.rsplit('/').next().is_some_and(|f| f.len() > 255) {
                return Err(vec![
                    ContentError::in_file(
                        &std::path::Path::new("static").join(&name),
                        "the file name is too long once its fingerprint is added (at most 244 bytes)",
                    )
                    .help("give the file a shorter name"),
                ]);
            }
            names.insert(name, fp.clone());
            files.push((fp, Output::Bytes(bytes)));
        } else {
            names.insert(name.clone(), name.clone());
            files.push((name, out));
        }
    }
    Ok((files, names))
}

/// Set the template globals every page reads: `site`, `assets` (original name -> URL of the
/// fingerprinted file) and `live_reload`.
pub fn set_globals(
    theme: &mut Theme,
    info: &SiteInfo,
    asset_names: &HashMap<String, String>,
    opts: &RenderOptions,
) {
    let assets: HashMap<String, String> = asset_names
        .iter()
        .map(|(k, v)| (k.clone(), format!("{}{}", info.root_path, v)))
        .collect();
    theme.language = info.language.clone();
    let og_locale = crate::render::meta::og_locale(&info.language);
    // Every page is made from these too: they join the theme's own inputs.
    let mut inputs = output::Inputs::new(theme.fingerprint);
    inputs.add_value("site", &tera::Value::from_serializable(info));
    inputs.add_value("assets", &tera::Value::from_serializable(&assets));
    inputs.add_value("live_reload", &opts.live_reload.into());
    inputs.add_value("og_locale", &tera::Value::from_serializable(&og_locale));
    inputs.add_value("minify", &opts.minify.into());
    theme.inputs = inputs.finish();
    let g = theme.tera.global_context();
    g.insert("site", info);
    g.insert("assets", &assets);
    g.insert("live_reload", &opts.live_reload);
    g.insert("og_locale", &og_locale);
}
