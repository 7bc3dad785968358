//! parley: turns Markdown and YAML about diplomatic talks into an explainer website.
//!
//! Data flows one way, and the folders follow it: [`load`] reads the site folder (files,
//! front matter, YAML), [`markdown`] turns answers into HTML, [`model`] cross-checks what
//! was loaded into the site model ([`model::assemble`], [`model::explainer`]), [`render`]
//! turns the model into files through the templates (pages, feeds, JSON-LD), and [`write`]
//! puts them into the output folder without losing a file. [`serve`] sits beside them: it
//! builds into memory and rebuilds what an edit touches. [`text`] holds the text rules every
//! stage uses (dates, slugs, typography) and [`diag`] the located errors. The optional
//! layers have their own folders, each reaching into the stages it extends: [`lang`],
//! [`taxonomy`], [`photos`], [`share`], [`search`] and [`deploy`].

// Content errors carry their file's text so they can show the offending line; they are
// rare and short-lived, so their size in a `Result` does not matter.
#![allow(clippy::result_large_err)]

pub mod deploy;
pub mod diag;
pub mod lang;
pub mod load;
pub mod markdown;
pub mod model;
pub(crate) mod photos;
pub mod render;
pub mod schema;
pub(crate) mod search;
pub mod serve;
pub mod share;
pub mod taxonomy;
pub mod text;
pub mod write;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub use diag::{ContentError, ContentErrors};

/// What to build and how.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The site folder (with content/).
    pub root: PathBuf,
    /// Where to write; `<root>/public` when not given.
    pub output: Option<PathBuf>,
    /// Overrides site.yaml's base_url.
    pub base_url: Option<String>,
    /// Include drafts.
    pub drafts: bool,
    /// Inject the live-reload script (serve mode).
    pub live_reload: bool,
    /// Minify HTML and CSS (`build --minify`).
    pub minify: bool,
    /// Rewrite every file, and build into a folder holding files parley did not write
    /// (beside them, never touching them).
    pub force: bool,
}

impl BuildOptions {
    pub fn output_dir(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.root.join("public"))
    }

    /// Share images drawn, with the output folder's cache (added to when `keep`: a build;
    /// `serve`, which writes nothing, only reads it).
    pub fn share_drawing(&self, keep: bool) -> share::Drawing {
        share::Drawing {
            draw: true,
            root: self.root.clone(),
            cache: Some(share::cache_dir(&self.output_dir())),
            keep,
            used: Default::default(),
        }
    }

    /// Photos encoded, with the output folder's cache (added to when `keep`: a build; `serve`,
    /// which writes nothing, only reads it).
    pub fn photos(&self, keep: bool) -> photos::Photos {
        photos::Photos {
            encode: true,
            root: self.root.clone(),
            cache: Some(photos::cache_dir(&self.output_dir())),
            keep,
            used: Default::default(),
        }
    }
}

/// What a build did.
#[derive(Debug, Clone)]
pub struct BuildReport {
    pub explainers: usize,
    pub pages: usize,
    pub files: usize,
    pub elapsed: Duration,
    pub output: PathBuf,
    /// Files whose bytes changed (and so were written) and files of the previous build that
    /// this one no longer has (removed); zero for `check`.
    pub changes: write::Changes,
}

/// Why a build failed.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// Problems in the user's content or templates: exit code 1.
    #[error(transparent)]
    Content(#[from] ContentErrors),
    /// Anything else (I/O, a refused output folder).
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

fn errs(errors: Vec<ContentError>) -> BuildError {
    BuildError::Content(ContentErrors { errors })
}

/// Load and cross-check the site, and load its templates: everything before rendering.
pub fn model_site(opts: &BuildOptions) -> Result<(model::Site, render::theme::Theme), BuildError> {
    model_site_timed(opts, &mut |_| {})
}

fn model_site_timed(
    opts: &BuildOptions,
    phase: &mut dyn FnMut(&str),
) -> Result<(model::Site, render::theme::Theme), BuildError> {
    let root = &opts.root;
    // Read content and templates (at the same time); report problems from both at once.
    let ((loaded, mut errors), theme) =
        rayon::join(|| load::load(root), || render::theme::load(root));
    let (Some(loaded), Ok(theme)) = (loaded, theme.map_err(|mut e| errors.append(&mut e))) else {
        return Err(errs(errors));
    };
    phase("load");
    load::scaffold::warn_drafts_and_placeholders(&loaded, opts.drafts);
    let model_opts = model::ModelOptions {
        drafts: opts.drafts,
        base_url: opts.base_url.clone(),
        folder: String::new(),
        language: None,
    };
    // Cross-check what did load, so one run reports every problem.
    let (site, mut more) = lang::build(root, loaded, &model_opts, &theme.shortcodes());
    errors.append(&mut more);
    lang::warn_missing_strings(&site, &theme.strings);
    if errors.is_empty() {
        return Ok((site, theme));
    }
    // And render what did model, writing nothing, for its shortcode and template problems.
    let mut theme = theme;
    errors.append(&mut render::problems(&site, &mut theme, root));
    Err(errs(errors))
}

/// The steps after rendering, over the whole list of files: relative links are checked
/// against the built files (`kept`: the pages they point into that a streaming sink has
/// already written out), then `_headers` from the final file names. Shared by full builds and
/// `serve`'s incremental rebuilds. On a broken link, `files` is left as it was.
pub fn finish_files(
    site: &model::Site,
    files: &mut render::Files,
    kept: &HashMap<String, Vec<u8>>,
) -> Result<(), BuildError> {
    let broken = write::links::check(site, files, kept);
    if !broken.is_empty() {
        return Err(errs(broken));
    }
    *files = render::feeds::finish(&site.info, std::mem::take(files));
    Ok(())
}

/// Render the modelled site into `sink` and finish it: the one pipeline behind `build`,
/// `check` and [`render_site`]. Returns every file's path (and, for the memory sink, its
/// contents).
fn render_into(
    site: &model::Site,
    theme: &mut render::theme::Theme,
    opts: &BuildOptions,
    sink: &dyn render::Sink,
    (share, photos): (share::Drawing, photos::Photos),
    phase: &mut dyn FnMut(&str),
) -> Result<render::Files, BuildError> {
    let render_opts = render::RenderOptions {
        live_reload: opts.live_reload,
        minify: opts.minify,
        share,
        photos,
    };
    // With search on, the pages to index are copied as they go by.
    let out = opts.output_dir();
    let collect = search::Collect::new(sink, &out);
    let sink: &dyn render::Sink = if site.info.search { &collect } else { sink };
    let rendered =
        render::render_parts(site, theme, &opts.root, &render_opts, sink).map_err(|e| match e {
            render::RenderError::Content(e) => errs(e),
            render::RenderError::Sink(e) => BuildError::Other(e),
        })?;
    phase("render");
    let mut files = rendered.into_files();
    if site.info.search {
        files.extend(search::index(collect.take())?);
        files.sort_by(|a, b| a.0.cmp(&b.0));
        phase("search");
    }
    finish_files(site, &mut files, &sink.kept_pages())?;
    // What is still in memory: the static files and _headers.
    let files = sink.put(files)?;
    phase("finish");
    Ok(files)
}

/// Load, check and render the whole site in memory. Writes nothing.
pub fn render_site(opts: &BuildOptions) -> Result<(model::Site, render::Files), BuildError> {
    let (site, mut theme) = model_site(opts)?;
    let images = (opts.share_drawing(false), opts.photos(false));
    let files = render_into(
        &site,
        &mut theme,
        opts,
        &render::Memory,
        images,
        &mut |_| {},
    )?;
    Ok((site, files))
}

fn report(
    site: &model::Site,
    files: &render::Files,
    start: Instant,
    output: PathBuf,
) -> BuildReport {
    BuildReport {
        explainers: site.explainers.len(),
        pages: files.iter().filter(|(p, _)| p.ends_with(".html")).count(),
        files: files.len(),
        elapsed: start.elapsed(),
        output,
        changes: write::Changes::default(),
    }
}

/// Build the site into its output folder. Pages are staged as they are rendered (only those
/// whose bytes changed); once everything succeeded they move into place and the files the
/// previous build wrote and this one does not are removed. A failed build changes nothing.
///
/// The time of each phase is logged at `info` level (`parley -v build`, or `RUST_LOG=info`).
pub fn build(opts: &BuildOptions) -> Result<BuildReport, BuildError> {
    let start = Instant::now();
    let mut last = start;
    let mut phase = |name: &str| {
        let now = Instant::now();
        log::info!("{name:>6}: {:>7.1} ms", (now - last).as_secs_f64() * 1e3);
        last = now;
    };
    let out = opts.output_dir();
    // Refuse a wrong output folder before the work. Then it is locked, checked again and its
    // record read while the site loads.
    write::check_output_dir(&opts.root, &out, opts.force)?;
    let (output, modelled) = rayon::join(
        || write::OutputDir::open(&opts.root, &out, opts.force),
        || model_site_timed(opts, &mut phase),
    );
    let output = output?;
    let (mut site, mut theme) = modelled?;
    site.release_sources();
    phase("model");
    let sink = write::DiskSink::new(Some(&output), write::links::wanted(&site));
    let (share, photos) = (opts.share_drawing(true), opts.photos(true));
    let images = (share.clone(), photos.clone());
    let files = render_into(&site, &mut theme, opts, &sink, images, &mut phase)?;
    let records = sink.into_records();
    let mut report = report(&site, &files, start, out.clone());
    // The model is let go on another core while the files move into place: after them, on
    // this one, it took 0.13 s of a 1.7 s no-change rebuild at 10,000 explainers.
    let (changes, ()) = rayon::join(|| output.commit(records), move || drop(site));
    report.changes = changes?;
    share.settle(&out);
    photos.settle(&out);
    phase("swap");
    report.elapsed = start.elapsed();
    Ok(report)
}

/// Validate the whole site, writing nothing.
pub fn check(opts: &BuildOptions) -> Result<BuildReport, BuildError> {
    let start = Instant::now();
    let (site, mut theme) = model_site(opts)?;
    let sink = write::DiskSink::new(None, write::links::wanted(&site));
    // Share images are planned and their template checked, not drawn; photos' headers are
    // read, and nothing is encoded.
    let photos = photos::Photos {
        root: opts.root.clone(),
        ..Default::default()
    };
    let images = (share::Drawing::default(), photos);
    let files = render_into(&site, &mut theme, opts, &sink, images, &mut |_| {})?;
    Ok(report(&site, &files, start, opts.output_dir()))
}

/// Is `dir` a site folder?
pub fn is_site(dir: &Path) -> bool {
    dir.join("content").is_dir()
}
