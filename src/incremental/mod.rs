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
use crate::load;
use crate::markdown::Settings;
use crate::model::{self, Explainer, Mention, Person, Site};
use crate::names::NameIndex;
use crate::render::{self, Files, Output, Pages, RenderOptions};
use crate::theme::Theme;
use crate::values::PeopleValues;
use crate::{BuildError, BuildOptions};

mod classify;
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
        }
    }

    /// Rebuild the explainers in `slugs` (loaded again from disk; gone if their folder or
    /// index.md is gone) and everything that depends on them but feed.xml and the sitemap (see
    /// [`LiveSite::refresh_feeds`]). Returns the number of files rendered and notes for the
    /// editor, or `None` (the site as it was) when the edit changes what other explainers'
    /// pages show (series neighbours, related explainers): then everything is rebuilt.
    fn rebuild_explainers(
        &mut self,
        slugs: &BTreeSet<String>,
    ) -> Result<Option<(usize, Vec<String>)>, BuildError> {
        let root = self.opts.root.clone();
        let mut notes = Vec::new();
        let mut errors = Vec::new();

        // 1. Load and model each changed explainer; nothing is changed yet.
        let mut modelled: Vec<Explainer> = Vec::new();
        {
            let settings = self.settings();
            let refs = model::person_refs(&self.site.people);
            for slug in slugs {
                let dir = root.join("content").join(slug);
                let raw = if dir.is_dir() {
                    match load::load_explainer(&root, &dir) {
                        Ok(r) => r,
                        Err(mut e) => {
                            errors.append(&mut e);
                            continue;
                        }
                    }
                } else {
                    None
                };
                let Some(raw) = raw else { continue };
                if raw.front.draft && !self.opts.drafts {
                    notes.push(format!(
                        "content/{slug}/index.md is a draft: run serve with --drafts to preview it"
                    ));
                    continue;
                }
                let e = match crate::explainer::explainer(
                    raw,
                    &settings,
                    &refs,
                    &self.by_id,
                    &self.site.bylines.by_id,
                    &self.shortcodes,
                ) {
                    Ok(e) => e,
                    Err(mut e) => {
                        errors.append(&mut e);
                        continue;
                    }
                };
                modelled.push(e);
            }
        }
        if !errors.is_empty() {
            return Err(content_errors(errors));
        }

        // 2. The new list of explainers, their terms linked (series, related); then the
        // changed ones rendered, with their own feeds; internal links checked across all.
        let (old, kept): (Vec<Explainer>, Vec<Explainer>) =
            std::mem::take(&mut self.site.explainers)
                .into_iter()
                .partition(|e| slugs.contains(&e.slug));
        let kept_taxa: HashMap<String, crate::taxonomy::Taxa> = kept
            .iter()
            .map(|e| (e.slug.clone(), e.taxa.clone()))
            .collect();
        let mut list = kept;
        list.extend(modelled);
        model::sort_newest_first(&mut list);
        self.site.explainers = list;
        let tax = std::sync::Arc::clone(&self.site.taxonomy);
        let mut problems =
            crate::taxonomy::link(&mut self.site.explainers, &tax, &self.site.people);
        // Other explainers whose series neighbours or related explainers changed: their pages
        // are made again from them as rendered (their shortcodes are not run again, so a
        // shortcode that reads these needs a full rebuild).
        let affected: BTreeSet<String> = (self.site.explainers.iter())
            .filter(|e| kept_taxa.get(&e.slug).is_some_and(|t| *t != e.taxa))
            .map(|e| e.slug.clone())
            .collect();
        if problems.is_empty() && !affected.is_empty() && self.taxa_in_shortcodes {
            self.restore_explainers(slugs, old, &kept_taxa);
            return Ok(None);
        }
        let mut new_files = Vec::new();
        let mut new_values = Vec::new();
        let mut done = Vec::new();
        if problems.is_empty() {
            let (share, photos) = (self.opts.share_drawing(false), self.opts.photos(false));
            let pages = self.pages(&share, &photos);
            for (i, e) in self.site.explainers.iter().enumerate() {
                if affected.contains(&e.slug) {
                    let listing = crate::values::listing(e, &self.people_values);
                    let answers = e.answers();
                    let ev = crate::values::full_value(&listing, &answers);
                    // Its answers were kept with their photos in place; only the files and
                    // the lead photo are planned again (from the cache).
                    let planned = photos.plan(&self.site.info, e);
                    match planned.and_then(|ph| pages.explainer_files(e, &answers, &ev, ph)) {
                        Ok(mut files) => {
                            files.push(crate::feeds::explainer_feed(&self.site.info, e));
                            new_values.push((e.slug.clone(), listing));
                            new_files.push((e.slug.clone(), files));
                        }
                        Err(e) => problems.push(e),
                    }
                    continue;
                }
                if !slugs.contains(&e.slug) {
                    continue;
                }
                match pages.explainer_output(e, true) {
                    Ok((kept, listing, files)) => {
                        new_values.push((e.slug.clone(), listing));
                        new_files.push((e.slug.clone(), files));
                        done.push((i, kept.expect("kept when asked")));
                    }
                    Err(e) => problems.push(e),
                }
            }
        }
        for (i, e) in done {
            self.site.explainers[i] = e;
        }
        problems.extend(model::check_links(&self.site.explainers));
        if !problems.is_empty() {
            self.restore_explainers(slugs, old, &kept_taxa);
            return Err(content_errors(problems));
        }

        // 3. People's back-links, and the pages of those whose back-links changed. First what
        // each changed explainer gives people, before and after (from `model::link_people`
        // itself, run on that one explainer).
        let before_c: HashMap<&str, Backlinks> = old
            .iter()
            .map(|e| (e.slug.as_str(), self.backlinks_of(e)))
            .collect();
        let after_c: HashMap<&str, Backlinks> = self
            .site
            .explainers
            .iter()
            .filter(|e| slugs.contains(&e.slug))
            .map(|e| (e.slug.as_str(), self.backlinks_of(e)))
            .collect();
        // Back-links are the explainers' contributions in site order. When the changed
        // explainers keep their place, only the people whose contribution changed can have
        // new back-links; else everyone they give back-links to, before or after.
        let same_place = before_c.len() == after_c.len()
            && old.iter().all(|o| {
                self.site
                    .explainers
                    .iter()
                    .find(|e| e.slug == o.slug)
                    .is_some_and(|n| n.published.timestamp == o.published.timestamp)
            });
        let mut touched = BTreeSet::new();
        for (slug, after) in &after_c {
            let before = before_c.get(slug);
            for (i, c) in after {
                if !same_place || before.and_then(|b| b.get(i)) != Some(c) {
                    touched.insert(*i);
                }
            }
            for (i, c) in before.into_iter().flatten() {
                if !same_place || after.get(i) != Some(c) {
                    touched.insert(*i);
                }
            }
        }
        for (slug, before) in &before_c {
            if !after_c.contains_key(slug) {
                touched.extend(before.keys().copied());
            }
        }
        let before: Vec<(usize, Vec<Mention>, Vec<Mention>)> = touched
            .iter()
            .map(|&i| {
                let p = &mut self.site.people[i];
                (
                    i,
                    std::mem::take(&mut p.mentions),
                    std::mem::take(&mut p.roles_in),
                )
            })
            .collect();
        model::link_people_among(&mut self.site.people, &self.site.explainers, |i| {
            touched.contains(&i)
        });
        let relinked: Vec<usize> = before
            .iter()
            .filter(|(i, m, r)| {
                let p = &self.site.people[*i];
                p.mentions != *m || p.roles_in != *r
            })
            .map(|(i, _, _)| *i)
            .collect();
        let authors = crate::newsroom::authors(&self.site.bylines, &self.site.explainers);
        let gone_authors: Vec<String> = self
            .site
            .authors
            .iter()
            .filter(|o| !authors.iter().any(|a| a.who.path == o.who.path))
            .map(|o| format!("{}index.html", o.who.path))
            .collect();
        let rendered_pages = {
            let (share, photos) = (self.opts.share_drawing(false), self.opts.photos(false));
            let pages = self.pages(&share, &photos);
            let mut out: Vec<(String, Output)> = Vec::new();
            for &i in &relinked {
                match pages.person(&self.site.people[i]) {
                    Ok(f) => out.push(f),
                    Err(e) => errors.push(e),
                }
            }
            // 4. The home page.
            let fresh_values: HashMap<&str, &Value> =
                new_values.iter().map(|(s, v)| (s.as_str(), v)).collect();
            let values: Vec<Value> = self
                .site
                .explainers
                .iter()
                .map(|e| {
                    fresh_values
                        .get(e.slug.as_str())
                        .copied()
                        .or_else(|| self.values.get(&e.slug))
                        .expect("every explainer has a value")
                        .clone()
                })
                .collect();
            // The list pages (home, series, terms) and the terms' feeds.
            match crate::render::lists::render(&pages, &self.site, &values) {
                Ok(f) => out.extend(f),
                Err(e) => errors.push(e),
            }
            // The search page lists the sides and statuses of every explainer.
            if self.site.info.search {
                match pages.search(&self.site) {
                    Ok(f) => out.push(f),
                    Err(e) => errors.push(e),
                }
            }
            // 4b. The author pages (they list explainers by title and date).
            for a in &authors {
                match pages.author(a) {
                    Ok(f) => out.push(f),
                    Err(e) => errors.push(e),
                }
            }
            out
        };
        let undo_people = |site: &mut Site, before: Vec<(usize, Vec<Mention>, Vec<Mention>)>| {
            for (i, m, r) in before {
                site.people[i].mentions = m;
                site.people[i].roles_in = r;
            }
        };
        if !errors.is_empty() {
            self.restore_explainers(slugs, old, &kept_taxa);
            undo_people(&mut self.site, before);
            return Err(content_errors(errors));
        }
        let rendered = rendered_pages.len() + new_files.iter().map(|(_, f)| f.len()).sum::<usize>();

        // 5. Apply to the files, keeping what is needed to undo it.
        let mut undo: Vec<(String, Option<Output>)> = Vec::new();
        let remove = |files: &mut Files, undo: &mut Vec<(String, Option<Output>)>, p: &str| {
            if let Some(o) = take(files, p) {
                undo.push((p.to_string(), Some(o)));
            }
        };
        let mut files = std::mem::take(&mut self.files);
        for slug in slugs {
            for p in self.owned.get(slug).into_iter().flatten() {
                remove(&mut files, &mut undo, p);
            }
        }
        if !self.own_headers {
            remove(&mut files, &mut undo, "_headers");
        }
        for p in &gone_authors {
            remove(&mut files, &mut undo, p);
        }
        let list_paths = crate::taxonomy::pages::file_paths(&self.site);
        for p in self.list_paths.difference(&list_paths) {
            remove(&mut files, &mut undo, p);
        }
        let mut owned_now = Vec::with_capacity(new_files.len());
        for (slug, f) in new_files {
            owned_now.push((slug, f.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>()));
            for (p, o) in f {
                let before = put(&mut files, p.clone(), o);
                undo.push((p, before));
            }
        }
        for (p, o) in rendered_pages {
            if let Ok(i) = files.binary_search_by(|(q, _)| q.as_str().cmp(&p))
                && same(&files[i].1, &o)
            {
                continue;
            }
            let before = put(&mut files, p.clone(), o);
            undo.push((p, before));
        }
        let finished = crate::finish_files(&self.site, &mut files, &HashMap::new());
        if let Err(e) = finished {
            if files.is_empty() {
                // A finishing step failed after taking the files: start afresh next time.
                self.broken = true;
                return Err(e);
            }
            // Relative links broken by this edit: put everything back.
            for (p, before) in undo.into_iter().rev() {
                match before {
                    Some(o) => {
                        put(&mut files, p, o);
                    }
                    None => {
                        take(&mut files, &p);
                    }
                }
            }
            self.files = files;
            self.restore_explainers(slugs, old, &kept_taxa);
            undo_people(&mut self.site, before);
            return Err(e);
        }
        self.files = files;

        // Commit.
        for slug in slugs {
            self.values.remove(slug);
            self.owned.remove(slug);
        }
        self.values.extend(new_values);
        self.owned.extend(owned_now);
        self.site.authors = authors;
        self.list_paths = list_paths;
        self.feeds_stale = true;
        if self.site.info.search {
            self.search.pages_are(&self.files);
        }
        Ok(Some((rendered, notes)))
    }

    /// Whether feed.xml and sitemap.xml wait for [`LiveSite::refresh_feeds`]: an incremental
    /// update renders an explainer's own feed but leaves the site-wide ones (which read every
    /// explainer) to be done after the pages are served.
    pub fn feeds_stale(&self) -> bool {
        self.feeds_stale
    }

    /// The feeds and sitemap for the site as it is now. Changes nothing, so a server can run
    /// it while pages are being read; then [`LiveSite::apply_feeds`].
    pub fn render_feeds(&self) -> Files {
        crate::feeds::site_files(&self.site)
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
    pub fn refresh_feeds(&mut self) -> usize {
        let feeds = self.render_feeds();
        self.apply_feeds(feeds)
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
