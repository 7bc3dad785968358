//! Incremental rebuilds for `serve`: the whole built site kept in memory, and a change to one
//! explainer re-rendering only what depends on it.
//!
//! A full build ([`LiveSite::build`]) runs the same pipeline as `parley build` (model, render,
//! [`crate::finish_files`]) and keeps, beside the files, what later rebuilds need: the theme with
//! its globals set, the people with their back-links, and every explainer as rendered (shortcodes
//! filled) with its template value.
//!
//! An edit inside `content/<slug>/` ([`Change::Explainer`]) then
//! 1. loads and models that one explainer again (nothing is changed yet, so a content error
//!    leaves the site as it was);
//! 2. puts it in the list of explainers (newest first), links every explainer's terms again
//!    (`taxonomy::link`: series rounds, related explainers), renders its shortcodes, its page,
//!    its question cards and its own feed, and those of every other explainer whose series
//!    neighbours or related explainers changed (from them as rendered: their shortcodes are
//!    not run again; a site whose shortcode templates read those is rebuilt whole), and
//!    checks every internal link again;
//! 3. works out what the explainer gives people's pages before and after the edit (by running
//!    `model::link_people` on it alone): when it keeps its place in the list, only the people
//!    whose share changed get their back-links recomputed and their page re-rendered (none, for
//!    an edit that names no one new); else everyone it names, before or after;
//! 4. re-renders the list pages (home, series, topics, countries, paginated) and the terms'
//!    feeds, and removes those the site no longer has;
//! 5. runs the site-wide finishing steps ([`crate::finish_files`]: relative links checked
//!    against the built files, `_headers`);
//! 6. and, separately ([`LiveSite::refresh_feeds`], which serve runs after sending the reload),
//!    regenerates feed.xml and sitemap.xml, which read every explainer, keeping what changed.
//!
//! Anything else (site.yaml, people.yaml, templates/, static/) is a full rebuild: those change
//! every page. So is, to be safe, an explainer change while a template other than
//! `person.html` mentions people's back-links (`mentions`, `roles_in`): shortcodes and the
//! people index get person cards without them, so such a template reads nothing there today,
//! but a page that did would depend on every explainer. A rebuild that fails leaves the previous
//! site in place, and the explainers that failed are retried with the next change.
//!
//! `tests/serve.rs` checks after each kind of edit that the result equals a full build.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::time::{Duration, Instant};

use tera::Value;

use crate::diag::{ContentError, ContentErrors};
use crate::markdown::Settings;
use crate::markdown::names::NameIndex;
use crate::model::{self, Explainer, Mention, Person, Site};
use crate::render::theme::Theme;
use crate::render::values::PeopleValues;
use crate::render::{self, Files, Output, Pages, RenderOptions};
use crate::{BuildError, BuildOptions};

mod classify;
mod explainers;
pub use classify::{Change, classify, watched_dirs};

/// What a rebuild did.
#[derive(Debug, Clone)]
pub struct Rebuilt {
    /// Whether the whole site was rebuilt.
    pub full: bool,
    /// Explainers loaded and rendered again.
    pub explainers: usize,
    /// Files rendered again (pages, feeds), changed or not.
    pub rendered: usize,
    /// Files in the site now.
    pub files: usize,
    pub elapsed: Duration,
    /// Things worth telling the editor (e.g. a draft that is not shown).
    pub notes: Vec<String>,
}

/// What one explainer gives people's pages: person index -> (mentions, roles).
type Backlinks = std::collections::BTreeMap<usize, (Vec<Mention>, Vec<Mention>)>;

/// A built site held in memory, ready for incremental rebuilds.
pub struct LiveSite {
    opts: BuildOptions,
    theme: Theme,
    /// People with their back-links, and the explainers as rendered, newest first.
    site: Site,
    /// Each explainer's template value, by slug.
    values: HashMap<String, Value>,
    /// The people's template values: for shortcodes and for the explainers' talks.
    people_values: PeopleValues,
    /// The people without back-links.
    blank_people: Vec<Person>,
    names: NameIndex,
    by_id: HashMap<String, usize>,
    shortcodes: HashSet<String>,
    /// A template other than person.html reads back-links: explainer edits rebuild everything.
    backlinks_elsewhere: bool,
    /// A shortcode reads an explainer's series, topics, countries or related explainers: an
    /// edit that changes another explainer's rebuilds everything.
    taxa_in_shortcodes: bool,
    /// The site has its own static `_headers` (else the build writes one).
    own_headers: bool,
    /// Original static file name -> output name (for re-rendering one language).
    asset_names: HashMap<String, String>,
    /// Each explainer's own files (page, cards, assets), by slug.
    owned: HashMap<String, Vec<String>>,
    /// The files feeds::files wrote last time.
    feed_paths: HashSet<String>,
    /// The list pages (home, series, terms) and term feeds made last time.
    list_paths: HashSet<String>,
    /// Every file, sorted by path.
    files: Files,
    /// Explainers whose last rebuild failed, to retry with the next change.
    pending: BTreeSet<String>,
    /// The in-memory state is not to be trusted: rebuild everything next time.
    broken: bool,
    /// feed.xml and sitemap.xml are not up to date yet.
    feeds_stale: bool,
    /// The search index among the files: what it was made from, whether it is stale.
    search: crate::search::live::State,
}

fn content_errors(errors: Vec<ContentError>) -> BuildError {
    BuildError::Content(ContentErrors { errors })
}

/// Put `out` at `path` in the sorted `files`, returning what was there.
fn put(files: &mut Files, path: String, out: Output) -> Option<Output> {
    match files.binary_search_by(|(p, _)| p.as_str().cmp(&path)) {
        Ok(i) => Some(std::mem::replace(&mut files[i].1, out)),
        Err(i) => {
            files.insert(i, (path, out));
            None
        }
    }
}

/// Remove `path` from the sorted `files`, returning what was there.
fn take(files: &mut Files, path: &str) -> Option<Output> {
    files
        .binary_search_by(|(p, _)| p.as_str().cmp(path))
        .ok()
        .map(|i| files.remove(i).1)
}

fn same(a: &Output, b: &Output) -> bool {
    match (a, b) {
        (Output::Bytes(x), Output::Bytes(y)) => x == y,
        (Output::Copy(x), Output::Copy(y)) => x == y,
        _ => false,
    }
}

mod language;
mod search;

pub use search::PreviousIndex;

impl LiveSite {
    /// Build the whole site in memory, as `parley build` would (writes nothing), its search
    /// index included.
    pub fn build(opts: &BuildOptions) -> Result<LiveSite, BuildError> {
        let mut live = LiveSite::build_keeping(opts, None)?;
        live.refresh_search()?;
        Ok(live)
    }

    /// [`LiveSite::build`], but with the search index of `previous` (its files and what they
    /// were made from) in place of a new one: stale if the pages changed, to be made again
    /// after the pages are served ([`LiveSite::search_job`]).
    pub fn build_keeping(
        opts: &BuildOptions,
        previous: Option<PreviousIndex>,
    ) -> Result<LiveSite, BuildError> {
        let (mut site, mut theme) = crate::model_site(opts)?;
        let mut rendered = render::render_parts(
            &site,
            &mut theme,
            &opts.root,
            &RenderOptions {
                live_reload: opts.live_reload,
                minify: opts.minify,
                share: opts.share_drawing(false),
                photos: opts.photos(false),
            },
            &render::Memory,
        )
        .map_err(|e| match e {
            render::RenderError::Content(e) => content_errors(e),
            render::RenderError::Sink(e) => BuildError::Other(e),
        })?;
        site.explainers = std::mem::take(&mut rendered.explainers);
        let values: HashMap<String, Value> = site
            .explainers
            .iter()
            .map(|e| e.slug.clone())
            .zip(std::mem::take(&mut rendered.values))
            .collect();
        let owned = site
            .explainers
            .iter()
            .zip(&rendered.explainer_files)
            .map(|(e, f)| (e.slug.clone(), f.iter().map(|(p, _)| p.clone()).collect()))
            .collect();
        let feed_paths = rendered.feeds.iter().map(|(p, _)| p.clone()).collect();
        let list_paths = crate::taxonomy::pages::file_paths(&site);
        let own_headers = rendered.static_files.iter().any(|(p, _)| p == "_headers");
        let people_values = std::mem::take(&mut rendered.people_values);
        let asset_names = std::mem::take(&mut rendered.asset_names);
        let mut files = rendered.into_files();
        let previous = previous.unwrap_or_default();
        if site.info.search {
            crate::search::live::swap_index(&mut files, previous.files);
        }
        crate::finish_files(&site, &mut files, &HashMap::new())?;
        let mut search = crate::search::live::State::new(previous.made_from);
        if site.info.search {
            search.pages_are(&files);
        }
        let backlinks_elsewhere = theme.sources.iter().any(|(name, src)| {
            name != "person.html"
                && (src.text.contains("mentions") || src.text.contains("roles_in"))
        });
        let taxa_in_shortcodes = theme.sources.iter().any(|(name, src)| {
            name.starts_with("shortcodes/")
                && ["related", "series", "topics", "countries"]
                    .iter()
                    .any(|w| src.text.contains(w))
        });
        let blank_people = site
            .people
            .iter()
            .map(|p| {
                let mut p = p.clone();
                p.mentions = Vec::new();
                p.roles_in = Vec::new();
                p
            })
            .collect();
        Ok(LiveSite {
            blank_people,
            names: model::name_index(&site.info, &site.people),
            by_id: site
                .people
                .iter()
                .enumerate()
                .map(|(i, p)| (p.id.clone(), i))
                .collect(),
            shortcodes: theme.shortcodes(),
            opts: opts.clone(),
            theme,
            site,
            values,
            people_values,
            backlinks_elsewhere,
            taxa_in_shortcodes,
            own_headers,
            asset_names,
            owned,
            feed_paths,
            list_paths,
            files,
            pending: BTreeSet::new(),
            broken: false,
            feeds_stale: false,
            search,
        })
    }

    /// The options the site was built with.
    pub fn options(&self) -> &BuildOptions {
        &self.opts
    }

    /// Every file, sorted by site-relative path.
    pub fn files(&self) -> &Files {
        &self.files
    }

    /// The file at a site-relative path (`people/index.html`).
    pub fn get(&self, path: &str) -> Option<&Output> {
        self.files
            .binary_search_by(|(p, _)| p.as_str().cmp(path))
            .ok()
            .map(|i| &self.files[i].1)
    }

    /// The site model: people with back-links, explainers as rendered, newest first.
    pub fn site(&self) -> &Site {
        &self.site
    }

    /// Mark the site as no longer matching its sources (a full rebuild failed): the next
    /// change rebuilds everything.
    pub fn mark_stale(&mut self) {
        self.broken = true;
    }

    /// Whether these changes need a full rebuild (a new [`LiveSite::build`]) rather than
    /// [`LiveSite::update`].
    pub fn needs_full(&self, changes: &[Change]) -> bool {
        // A site in several languages is rebuilt whole (every language reads the originals),
        // but for edits of translations alone ([`LiveSite::rebuild_languages`]).
        self.broken
            || (!self.site.translations.is_empty() && !language::only_translations(changes))
            || changes.contains(&Change::Full)
            || (self.backlinks_elsewhere && !changes.is_empty())
    }

    /// Apply changes; a full rebuild when [`LiveSite::needs_full`] says so. On an error the
    /// site is left as it was (and the failed explainers are retried with the next change).
    pub fn update(&mut self, changes: &[Change]) -> Result<Rebuilt, BuildError> {
        let start = Instant::now();
        if self.needs_full(changes) {
            return self.rebuild_all(start);
        }
        if !self.site.translations.is_empty() {
            return self.rebuild_languages(changes, start);
        }
        let mut slugs = std::mem::take(&mut self.pending);
        for c in changes {
            if let Change::Explainer(s) | Change::Translation(s, _) = c {
                slugs.insert(s.clone());
            }
        }
        match self.rebuild_explainers(&slugs) {
            // The edit changes what other explainers show (their series neighbours or
            // related explainers): everything is rebuilt.
            Ok(None) => {
                self.pending = slugs;
                self.rebuild_all(start)
            }
            Ok(Some((rendered, notes))) => Ok(Rebuilt {
                full: false,
                explainers: slugs.len(),
                rendered,
                files: self.files.len(),
                elapsed: start.elapsed(),
                notes,
            }),
            Err(e) => {
                self.pending = slugs;
                Err(e)
            }
        }
    }

    /// A full rebuild, in place of the site when it succeeds.
    fn rebuild_all(&mut self, start: Instant) -> Result<Rebuilt, BuildError> {
        let pending = std::mem::take(&mut self.pending);
        match LiveSite::build(&self.opts) {
            Ok(new) => {
                *self = new;
                Ok(Rebuilt {
                    full: true,
                    explainers: self.site.explainers.len(),
                    rendered: self.files.len(),
                    files: self.files.len(),
                    elapsed: start.elapsed(),
                    notes: Vec::new(),
                })
            }
            Err(e) => {
                self.pending = pending;
                self.broken = true;
                Err(e)
            }
        }
    }

    fn settings(&self) -> Settings<'_> {
        Settings {
            allow_raw_html: self.site.info.allow_raw_html,
            base_path: &self.site.info.base_path,
            names: &self.names,
            page_path: "",
            lang: &self.site.info.language,
            slugs: None,
        }
    }

    /// The page renderer over this site, with `serve`'s share images and photos (read from
    /// the output's caches, never added to them).
    fn pages<'a>(
        &'a self,
        share: &'a crate::share::Drawing,
        photos: &'a crate::photos::Photos,
    ) -> Pages<'a> {
        Pages {
            theme: &self.theme,
            info: &self.site.info,
            people: &self.people_values,
            minify: self.opts.minify,
            share,
            photos,
            // serve keeps every page in memory and renders each one it needs.
            sink: &crate::render::Memory,
        }
    }

    /// Whether feed.xml and sitemap.xml wait for [`LiveSite::refresh_feeds`]: an incremental
    /// update renders an explainer's own feed but leaves the site-wide ones (which read every
    /// explainer) to be done after the pages are served.
    pub fn feeds_stale(&self) -> bool {
        self.feeds_stale
    }

    /// The feeds and sitemap for the site as it is now. Changes nothing, so a server can run
    /// it while pages are being read; then [`LiveSite::apply_feeds`].
    pub fn render_feeds(&self) -> Result<Files, ContentError> {
        crate::render::feeds::site_files(&self.theme, &crate::render::Memory, &self.site)
    }

    /// Put in what [`LiveSite::render_feeds`] made; returns how many files changed.
    pub fn apply_feeds(&mut self, feeds: Files) -> usize {
        let paths: HashSet<String> = feeds.iter().map(|(p, _)| p.clone()).collect();
        let mut changed = 0;
        for p in self.feed_paths.difference(&paths) {
            if take(&mut self.files, p).is_some() {
                changed += 1;
            }
        }
        for (p, o) in feeds {
            match self.files.binary_search_by(|(q, _)| q.as_str().cmp(&p)) {
                Ok(i) if same(&self.files[i].1, &o) => {}
                _ => {
                    put(&mut self.files, p, o);
                    changed += 1;
                }
            }
        }
        self.feed_paths = paths;
        self.feeds_stale = false;
        changed
    }

    /// Bring feed.xml and the sitemap up to date after [`LiveSite::update`].
    pub fn refresh_feeds(&mut self) -> Result<usize, ContentError> {
        let feeds = self.render_feeds()?;
        Ok(self.apply_feeds(feeds))
    }

    /// The back-links one explainer gives people: person index -> (mentions, roles).
    fn backlinks_of(&self, e: &Explainer) -> Backlinks {
        let mut people = self.blank_people.clone();
        model::link_people(&mut people, std::slice::from_ref(e));
        people
            .into_iter()
            .enumerate()
            .filter(|(_, p)| !p.mentions.is_empty() || !p.roles_in.is_empty())
            .map(|(i, p)| (i, (p.mentions, p.roles_in)))
            .collect()
    }

    /// Put back the explainers `old` in place of the rebuilt `slugs`, and the others' terms
    /// as they were (`kept_taxa`: linking may have changed their related explainers).
    fn restore_explainers(
        &mut self,
        slugs: &BTreeSet<String>,
        old: Vec<Explainer>,
        kept_taxa: &HashMap<String, crate::taxonomy::Taxa>,
    ) {
        let mut list = std::mem::take(&mut self.site.explainers);
        list.retain(|e| !slugs.contains(&e.slug));
        for e in &mut list {
            if let Some(t) = kept_taxa.get(&e.slug) {
                e.taxa = t.clone();
            }
        }
        list.extend(old);
        model::sort_newest_first(&mut list);
        self.site.explainers = list;
    }
}
