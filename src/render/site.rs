//! Renders a whole site: each language's explainers (in parallel) and its site-wide pages and
//! feeds, each other language into its folder, through a [`Sink`].

use std::collections::HashMap;

use rayon::prelude::*;
use tera::Value;

use super::theme::Theme;
use super::values::{Listed, PeopleValues};
use super::{
    Files, Memory, Output, Pages, RenderOptions, Sink, feeds, lists, set_globals, static_files,
};
use crate::diag::ContentError;
use crate::model::{Explainer, Site};

/// Every file of the site, grouped by what it depends on ([`Rendered::into_files`] for the
/// flat list).
/// Files a [`Sink`] wrote out are here as [`Output::Written`].
pub struct Rendered {
    /// The theme's and the site's static files (kept in memory: `_headers` reads them).
    pub static_files: Files,
    /// Original static file name -> output name (fingerprinted for CSS and JS).
    pub asset_names: HashMap<String, String>,
    /// The people's values ([`PeopleValues`]).
    pub people_values: PeopleValues,
    /// The explainers with their shortcodes rendered, newest first; empty unless the sink
    /// keeps them ([`Sink::keep_explainers`]).
    pub explainers: Vec<Explainer>,
    /// Their listings ([`super::values::listing`]), newest first; empty unless the sink
    /// keeps the explainers.
    pub values: Vec<Value>,
    /// Their files (page, cards, own feed, assets), in the same order.
    pub explainer_files: Vec<Files>,
    /// People's pages, who's who, the list pages (home, series, terms) and 404.
    pub singles: Files,
    /// feed.xml, sitemap.xml and robots.txt.
    pub feeds: Files,
    /// Every file of the site's other languages, in their folders.
    pub translated: Files,
}

impl Rendered {
    /// The flat, sorted list of files.
    pub fn into_files(self) -> Files {
        let mut files = self.static_files;
        for mut f in self.explainer_files {
            files.append(&mut f);
        }
        files.extend(self.singles);
        files.extend(self.feeds);
        files.extend(self.translated);
        // Deterministic order for writing and reporting.
        files.sort_by(|a, b| a.0.cmp(&b.0));
        files
    }
}

/// Why rendering failed: problems in content or templates, or the sink could not take files.
#[derive(Debug)]
pub enum RenderError {
    Content(Vec<ContentError>),
    Sink(anyhow::Error),
}

/// A sink for one language's files: puts them into its folder (`uk/`) of `inner`.
struct Prefixed<'a> {
    inner: &'a dyn Sink,
    folder: &'a str,
    /// Whether to keep the explainers as `inner` does (the default language's: serve
    /// reads them), else not (another language's).
    keep: bool,
}

impl Sink for Prefixed<'_> {
    fn keep_explainers(&self) -> bool {
        self.keep && self.inner.keep_explainers()
    }

    fn put(&self, files: Files) -> anyhow::Result<Files> {
        let files = files
            .into_iter()
            .map(|(p, o)| (format!("{}{p}", self.folder), o))
            .collect();
        self.inner.put(files)
    }

    fn remembers(&self) -> bool {
        self.inner.remembers()
    }

    fn unchanged(&self, path: &str, inputs: u128) -> bool {
        self.inner
            .unchanged(&format!("{}{path}", self.folder), inputs)
    }
}

/// Render every page, handing each explainer's files to `sink` as soon as they are made (in
/// parallel), then the site-wide pages and feeds; then the same for each other language,
/// into its folder. Static files stay in memory, unsunk: the caller finishes the site with
/// them (`_headers`) and sinks them last.
pub fn render_parts(
    site: &Site,
    theme: &mut Theme,
    root: &std::path::Path,
    opts: &RenderOptions,
    sink: &dyn Sink,
) -> Result<Rendered, RenderError> {
    let (mut static_files, asset_names) =
        static_files(root, opts.minify).map_err(RenderError::Content)?;
    // The built-in search page's script only where there is a search page (a site's own
    // static/search.js is the site's to ship).
    if let (false, Some(js)) = (site.info.search, asset_names.get("search.js"))
        && !root.join("static/search.js").exists()
    {
        static_files.retain(|(p, _)| p != js);
    }
    let mut errors = Vec::new();
    let mut translated = Vec::new();
    for t in &site.translations {
        let folder = t.info.lang.as_ref().map_or("", |l| l.folder.as_str());
        let sink = Prefixed {
            inner: sink,
            folder,
            keep: false,
        };
        match render_language(t, theme, asset_names.clone(), opts, &sink, None) {
            Ok(r) => translated.extend(r.into_files()),
            Err(RenderError::Content(mut e)) => errors.append(&mut e),
            Err(e) => return Err(e),
        }
    }
    // The default language last: the theme's globals stay its own (serve renders with them).
    // In its own folder (`default_language_folder`), only the 404 page stays at the root,
    // and the root gets the redirect, the sitemap index and robots.txt.
    let folder = site.info.lang.as_ref().map_or("", |l| l.folder.as_str());
    let prefixed = Prefixed {
        inner: sink,
        folder,
        keep: true,
    };
    let own: &dyn Sink = if folder.is_empty() { sink } else { &prefixed };
    match render_language(site, theme, asset_names, opts, own, Some(sink)) {
        Ok(mut r) if errors.is_empty() => {
            if !folder.is_empty() {
                let (page, feeds) = crate::lang::root::files(theme, site).map_err(content)?;
                r.singles.extend(sink.put(page).map_err(RenderError::Sink)?);
                r.feeds.extend(sink.put(feeds).map_err(RenderError::Sink)?);
            }
            r.static_files = static_files;
            r.translated = translated;
            Ok(r)
        }
        Ok(_) => Err(RenderError::Content(errors)),
        Err(RenderError::Content(mut e)) => {
            errors.append(&mut e);
            Err(RenderError::Content(errors))
        }
        Err(e) => Err(e),
    }
}

/// Every file of `t`, one of `site`'s other languages, in its folder, for `serve`: what
/// [`render_parts`] makes for that language. The theme's globals are `site`'s again after.
pub(crate) fn render_translation(
    site: &Site,
    t: &Site,
    theme: &mut Theme,
    asset_names: &HashMap<String, String>,
    opts: &RenderOptions,
) -> Result<Files, RenderError> {
    let sink = Prefixed {
        inner: &Memory,
        folder: t.info.lang.as_ref().map_or("", |l| l.folder.as_str()),
        keep: false,
    };
    let rendered = render_language(t, theme, asset_names.clone(), opts, &sink, None);
    set_globals(theme, &site.info, asset_names, opts);
    Ok(rendered?.into_files())
}

/// [`render_parts`] for one language's site, without the static files. `root`: the default
/// language's, which alone has the 404 page, is given the sink of the site's root for it.
fn render_language(
    site: &Site,
    theme: &mut Theme,
    asset_names: HashMap<String, String>,
    opts: &RenderOptions,
    sink: &dyn Sink,
    root: Option<&dyn Sink>,
) -> Result<Rendered, RenderError> {
    set_globals(theme, &site.info, &asset_names, opts);
    let people_values = PeopleValues::new(&site.people);
    let pages = Pages {
        theme: &*theme,
        info: &site.info,
        people: &people_values,
        minify: opts.minify,
        share: &opts.share,
        photos: &opts.photos,
        sink,
    };

    // The explainers' listings (the home page lists them, each explainer's own value builds
    // on its), each made by the first page rendered that shows it, so that the home page is
    // made while the explainers' pages are. For a sink that remembers, each with its hash:
    // every page that shows it hashes that.
    let remembers = sink.remembers();
    let listed: Vec<Listed> = (site.explainers.par_iter())
        .map(|e| Listed::new(e, remembers))
        .collect();

    // Each explainer on its own: shortcodes, page, cards, feed, straight into the sink;
    // meanwhile, what reads the whole model but no rendered page: people's pages (each into
    // the sink as it is made), the site's feeds, the home page, who's who and the 404 page.
    let (per, (people, feeds, lists)) = rayon::join(
        || explainer_pages(&pages, site, &listed, sink),
        || site_pages(&pages, site, &listed, sink, root),
    );
    let mut errors = Vec::new();
    let (explainers, explainer_files) = gather_explainers(per, &mut errors)?;
    let mut singles = Vec::with_capacity(people.len() + lists.len());
    for r in people.into_iter().chain(lists) {
        gather(&mut singles, &mut errors, r)?;
    }
    let mut feed_files = Vec::new();
    gather(&mut feed_files, &mut errors, feeds)?;
    if !errors.is_empty() {
        return Err(RenderError::Content(errors));
    }
    Ok(Rendered {
        static_files: Vec::new(),
        asset_names,
        people_values,
        explainers,
        values: match sink.keep_explainers() {
            true => listed.into_iter().map(Listed::into_value).collect(),
            false => Vec::new(),
        },
        explainer_files,
        singles,
        feeds: feed_files,
        translated: Vec::new(),
    })
}

/// What one explainer made: the explainer with its shortcodes rendered (when the sink keeps
/// explainers) and what the sink kept of its files.
type One = Result<(Option<Explainer>, Files), RenderError>;
/// What a sink kept of the files it was given.
type Sunk = Result<Files, RenderError>;

/// A content problem as a [`RenderError`].
fn content(e: ContentError) -> RenderError {
    RenderError::Content(vec![e])
}

/// Hand one made file to `sink`.
fn put_one(sink: &dyn Sink, made: Result<(String, Output), ContentError>) -> Sunk {
    sink.put(vec![made.map_err(content)?])
        .map_err(RenderError::Sink)
}

/// Each explainer on its own, in parallel: shortcodes, page, cards, feed, straight into the
/// sink. `listed`: their listings, in the same order.
fn explainer_pages(pages: &Pages, site: &Site, listed: &[Listed], sink: &dyn Sink) -> Vec<One> {
    let keep = sink.keep_explainers();
    site.explainers
        .par_iter()
        .zip(listed)
        .map(|(e, listed)| {
            let made = pages.explainer_listed(e, listed, keep);
            let (done, files) = made.map_err(content)?;
            let files = sink.put(files).map_err(RenderError::Sink)?;
            Ok((done, files))
        })
        .collect()
}

/// What reads the whole model but no rendered page, in parallel: people's and authors'
/// pages, the site's feeds, and the site-wide pages ([`single_pages`]).
fn site_pages(
    pages: &Pages,
    site: &Site,
    listed: &[Listed],
    sink: &dyn Sink,
    root: Option<&dyn Sink>,
) -> (Vec<Sunk>, Sunk, [Sunk; 4]) {
    let (people, (feeds, lists)) = rayon::join(
        || people_pages(pages, site, sink),
        || {
            rayon::join(
                || {
                    let files = feeds::site_files(pages.theme, sink, site).map_err(content)?;
                    sink.put(files).map_err(RenderError::Sink)
                },
                || single_pages(pages, site, listed, sink, root),
            )
        },
    );
    (people, feeds, lists)
}

/// People's pages, then authors', each into the sink as it is made.
fn people_pages(pages: &Pages, site: &Site, sink: &dyn Sink) -> Vec<Sunk> {
    site.people
        .par_iter()
        .map(|p| put_one(sink, pages.person(p)))
        .chain(
            site.authors
                .par_iter()
                .map(|a| put_one(sink, pages.author(a))),
        )
        .collect()
}

/// The list pages (home, series, terms), who's who, the search page (when the site has one)
/// and, into `root`, the 404 page (the default language's alone).
fn single_pages(
    pages: &Pages,
    site: &Site,
    listed: &[Listed],
    sink: &dyn Sink,
    root: Option<&dyn Sink>,
) -> [Sunk; 4] {
    [
        lists::render(pages, site, listed)
            .map_err(content)
            .and_then(|f| sink.put(f).map_err(RenderError::Sink)),
        put_one(sink, pages.people_index(&site.people)),
        match site.info.search {
            true => put_one(sink, pages.search(site)),
            false => Ok(Vec::new()),
        },
        match root {
            Some(root) => pages
                .not_found()
                .map_err(content)
                .and_then(|f| root.put(vec![f]).map_err(RenderError::Sink)),
            None => Ok(Vec::new()),
        },
    ]
}

/// The explainers kept and each one's files, in order; content problems into `errors`, the
/// first sink failure returned.
fn gather_explainers(
    per: Vec<One>,
    errors: &mut Vec<ContentError>,
) -> Result<(Vec<Explainer>, Vec<Files>), RenderError> {
    let mut explainers = Vec::new();
    let mut explainer_files = Vec::with_capacity(per.len());
    for r in per {
        match r {
            Ok((done, files)) => {
                explainers.extend(done);
                explainer_files.push(files);
            }
            Err(RenderError::Content(mut e)) => errors.append(&mut e),
            Err(e @ RenderError::Sink(_)) => return Err(e),
        }
    }
    Ok((explainers, explainer_files))
}

/// What a sink kept, into `into`; content problems into `errors`.
fn gather(into: &mut Files, errors: &mut Vec<ContentError>, r: Sunk) -> Result<(), RenderError> {
    match r {
        Ok(mut files) => {
            into.append(&mut files);
            Ok(())
        }
        Err(RenderError::Content(mut e)) => {
            errors.append(&mut e);
            Ok(())
        }
        Err(e @ RenderError::Sink(_)) => Err(e),
    }
}
