//! `serve`'s rebuild of changed explainers: model them again, link their terms and the
//! people they name, render what they touch, and apply that to the live files, undoing it
//! all when a step fails.

use std::collections::{BTreeSet, HashMap, HashSet};

use tera::Value;

use super::{Backlinks, LiveSite, content_errors, put, same, take};
use crate::BuildError;
use crate::diag::ContentError;
use crate::load;
use crate::model::{self, Author, Explainer, Mention};
use crate::photos::Photos;
use crate::render::values::Listed;
use crate::render::{Files, Output, Pages, Shown};
use crate::taxonomy::Taxa;

/// What a rebuild of explainers has changed in the site model so far: what to put back when
/// a later step fails.
struct Undo {
    /// The rebuilt explainers as they were.
    old: Vec<Explainer>,
    /// The other explainers' terms as they were (linking may change their related explainers).
    kept_taxa: HashMap<String, Taxa>,
    /// The people whose back-links were recomputed, with their mentions and roles before.
    people: Vec<(usize, Vec<Mention>, Vec<Mention>)>,
}

/// The changed explainers and those they affect, rendered: each one's files (page, cards,
/// assets, feed) and template value, by slug.
#[derive(Default)]
struct Fresh {
    files: Vec<(String, Files)>,
    values: Vec<(String, Value)>,
}

/// The files taken out of or put in the live files, with what was there before (`None`:
/// nothing), in the order it was done.
type FileUndo = Vec<(String, Option<Output>)>;

impl LiveSite {
    /// Rebuild the explainers in `slugs` (loaded again from disk; gone if their folder or
    /// index.md is gone) and everything that depends on them but feed.xml and the sitemap (see
    /// [`LiveSite::refresh_feeds`]). Returns the number of files rendered and notes for the
    /// editor, or `None` (the site as it was) when the edit changes what other explainers'
    /// pages show (series neighbours, related explainers): then everything is rebuilt.
    pub(super) fn rebuild_explainers(
        &mut self,
        slugs: &BTreeSet<String>,
    ) -> Result<Option<(usize, Vec<String>)>, BuildError> {
        let mut notes = Vec::new();

        // 1. Load and model each changed explainer; nothing is changed yet.
        let modelled = self.model_changed(slugs, &mut notes)?;

        // 2. The new list of explainers, their terms linked (series, related); then the
        // changed ones rendered, with their own feeds; internal links checked across all.
        let (mut undo, mut problems, affected) = self.put_in_and_link(slugs, modelled);
        if problems.is_empty() && !affected.is_empty() && self.taxa_in_shortcodes {
            self.put_back(slugs, undo);
            return Ok(None);
        }
        let fresh = if problems.is_empty() {
            self.render_explainers(slugs, &affected, &mut problems)
        } else {
            Fresh::default()
        };
        problems.extend(model::check_links(&self.site.explainers));
        if !problems.is_empty() {
            self.put_back(slugs, undo);
            return Err(content_errors(problems));
        }

        // 3. People's back-links; the pages of those whose back-links changed, the list,
        // search and author pages.
        let touched = self.touched_people(slugs, &undo.old);
        let relinked = self.relink_people(&touched, &mut undo);
        let authors = crate::model::newsroom::authors(&self.site.bylines, &self.site.explainers);
        let gone_authors = self.gone_author_pages(&authors);
        let rendered_pages = match self.render_pages(&relinked, &fresh.values, &authors) {
            Ok(pages) => pages,
            Err(errors) => {
                self.put_back(slugs, undo);
                return Err(content_errors(errors));
            }
        };
        let rendered =
            rendered_pages.len() + fresh.files.iter().map(|(_, f)| f.len()).sum::<usize>();

        // 4. Apply to the files, keeping what is needed to undo it.
        let mut file_undo = FileUndo::new();
        let mut files = std::mem::take(&mut self.files);
        let list_paths = crate::taxonomy::pages::file_paths(&self.site);
        self.remove_stale(
            &mut files,
            &mut file_undo,
            slugs,
            &gone_authors,
            &list_paths,
        );
        let owned_now = put_new(&mut files, &mut file_undo, fresh.files, rendered_pages);
        self.finish_or_undo(files, file_undo, slugs, undo)?;

        // Commit.
        for slug in slugs {
            self.values.remove(slug);
            self.owned.remove(slug);
        }
        self.values.extend(fresh.values);
        self.owned.extend(owned_now);
        self.site.authors = authors;
        self.list_paths = list_paths;
        self.feeds_stale = true;
        if self.site.info.search {
            self.search.pages_are(&self.files);
        }
        Ok(Some((rendered, notes)))
    }

    /// Put `modelled` in place of the explainers in `slugs` (newest first) and link every
    /// explainer's terms again. Returns what to undo, the linking's problems, and the other
    /// explainers whose series neighbours or related explainers changed.
    fn put_in_and_link(
        &mut self,
        slugs: &BTreeSet<String>,
        modelled: Vec<Explainer>,
    ) -> (Undo, Vec<ContentError>, BTreeSet<String>) {
        let (old, kept): (Vec<Explainer>, Vec<Explainer>) =
            std::mem::take(&mut self.site.explainers)
                .into_iter()
                .partition(|e| slugs.contains(&e.slug));
        let kept_taxa: HashMap<String, Taxa> = kept
            .iter()
            .map(|e| (e.slug.clone(), e.taxa.clone()))
            .collect();
        let mut list = kept;
        list.extend(modelled);
        model::sort_newest_first(&mut list);
        self.site.explainers = list;
        let tax = std::sync::Arc::clone(&self.site.taxonomy);
        let problems = crate::taxonomy::link(&mut self.site.explainers, &tax, &self.site.people);
        // Other explainers whose series neighbours or related explainers changed: their pages
        // are made again from them as rendered (their shortcodes are not run again, so a
        // shortcode that reads these needs a full rebuild).
        let affected: BTreeSet<String> = (self.site.explainers.iter())
            .filter(|e| kept_taxa.get(&e.slug).is_some_and(|t| *t != e.taxa))
            .map(|e| e.slug.clone())
            .collect();
        let undo = Undo {
            old,
            kept_taxa,
            people: Vec::new(),
        };
        (undo, problems, affected)
    }

    /// Put the site model back as it was before this rebuild: the explainers in `slugs`, the
    /// others' terms, and the people's back-links.
    fn put_back(&mut self, slugs: &BTreeSet<String>, undo: Undo) {
        self.restore_explainers(slugs, undo.old, &undo.kept_taxa);
        for (i, m, r) in undo.people {
            self.site.people[i].mentions = m;
            self.site.people[i].roles_in = r;
        }
    }

    /// Render the explainers in `slugs` (shortcodes run, kept as rendered in the site) and the
    /// `affected` ones (from them as rendered), each with its own feed, in site order; a
    /// failure goes to `problems`.
    fn render_explainers(
        &mut self,
        slugs: &BTreeSet<String>,
        affected: &BTreeSet<String>,
        problems: &mut Vec<ContentError>,
    ) -> Fresh {
        let mut fresh = Fresh::default();
        let mut done = Vec::new();
        let (share, photos) = (self.opts.share_drawing(false), self.opts.photos(false));
        let pages = self.pages(&share, &photos);
        for (i, e) in self.site.explainers.iter().enumerate() {
            if affected.contains(&e.slug) {
                match self.affected_files(&pages, &photos, e) {
                    Ok((listing, files)) => {
                        fresh.values.push((e.slug.clone(), listing));
                        fresh.files.push((e.slug.clone(), files));
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
                    fresh.values.push((e.slug.clone(), listing));
                    fresh.files.push((e.slug.clone(), files));
                    done.push((i, kept.expect("kept when asked")));
                }
                Err(e) => problems.push(e),
            }
        }
        for (i, e) in done {
            self.site.explainers[i] = e;
        }
        fresh
    }

    /// The template value and files (with its own feed) of an explainer whose series
    /// neighbours or related explainers changed, made from it as rendered.
    fn affected_files(
        &self,
        pages: &Pages,
        photos: &Photos,
        e: &Explainer,
    ) -> Result<(Value, Files), ContentError> {
        let listing = crate::render::values::listing(e);
        let answers = e.answers();
        let ev = crate::render::values::full_value(&listing, &answers);
        let shown = Shown { answers, ev };
        // Its answers were kept with their photos in place; only the files and
        // the lead photo are planned again (from the cache).
        let planned = photos.plan(&self.site.info, e)?;
        let mut files = pages.explainer_files(e, &|| Ok(&shown), None, planned.lead.as_ref())?;
        files.extend(pages.colocated_files(e, &planned.body, planned.files));
        files.push(crate::render::feeds::explainer_feed(
            pages.theme,
            pages.sink,
            &self.site.info,
            e,
        )?);
        Ok((listing, files))
    }

    /// The people whose back-links may change: first what each changed explainer gives
    /// people, before (`old`) and after (from `model::link_people` itself, run on that one
    /// explainer).
    fn touched_people(&self, slugs: &BTreeSet<String>, old: &[Explainer]) -> BTreeSet<usize> {
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
        touched
    }

    /// Compute the back-links of the `touched` people again, keeping theirs before in
    /// `undo`. Returns the people whose back-links changed.
    fn relink_people(&mut self, touched: &BTreeSet<usize>, undo: &mut Undo) -> Vec<usize> {
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
        let relinked = before
            .iter()
            .filter(|(i, m, r)| {
                let p = &self.site.people[*i];
                p.mentions != *m || p.roles_in != *r
            })
            .map(|(i, _, _)| *i)
            .collect();
        undo.people = before;
        relinked
    }

    /// The pages of the site's authors that `authors` no longer has.
    fn gone_author_pages(&self, authors: &[Author]) -> Vec<String> {
        self.site
            .authors
            .iter()
            .filter(|o| !authors.iter().any(|a| a.who.path == o.who.path))
            .map(|o| format!("{}index.html", o.who.path))
            .collect()
    }

    /// Render the pages the rebuilt explainers show in: the `relinked` people's, the list
    /// pages, the search page and the `authors`' pages. `fresh` holds the rebuilt explainers'
    /// template values. Every failure is returned.
    fn render_pages(
        &self,
        relinked: &[usize],
        fresh: &[(String, Value)],
        authors: &[Author],
    ) -> Result<Files, Vec<ContentError>> {
        let mut errors = Vec::new();
        let (share, photos) = (self.opts.share_drawing(false), self.opts.photos(false));
        let pages = self.pages(&share, &photos);
        let mut out: Files = Vec::new();
        for &i in relinked {
            match pages.person(&self.site.people[i]) {
                Ok(f) => out.push(f),
                Err(e) => errors.push(e),
            }
        }
        // The list pages (home, series, terms) and the terms' feeds.
        // serve does not remember pages: the listings go without hashes.
        let listed: Vec<_> = (self.site.explainers.iter())
            .zip(self.values_with(fresh))
            .map(|(e, v)| Listed::made(e, v))
            .collect();
        match crate::render::lists::render(&pages, &self.site, &listed) {
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
        // The author pages (they list explainers by title and date).
        for a in authors {
            match pages.author(a) {
                Ok(f) => out.push(f),
                Err(e) => errors.push(e),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(out)
    }

    /// Every explainer's template value in site order: from `fresh` when it was rendered
    /// again, else as kept.
    fn values_with(&self, fresh: &[(String, Value)]) -> Vec<Value> {
        let fresh_values: HashMap<&str, &Value> =
            fresh.iter().map(|(s, v)| (s.as_str(), v)).collect();
        self.site
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
            .collect()
    }

    /// Take out of `files` what the rebuild replaces or the site no longer has: the files of
    /// the explainers in `slugs`, the `_headers` the build writes, the pages of
    /// `gone_authors`, and the list pages not in `list_paths`; each goes to `undo`.
    fn remove_stale(
        &self,
        files: &mut Files,
        undo: &mut FileUndo,
        slugs: &BTreeSet<String>,
        gone_authors: &[String],
        list_paths: &HashSet<String>,
    ) {
        for slug in slugs {
            for p in self.owned.get(slug).into_iter().flatten() {
                remove(files, undo, p);
            }
        }
        if !self.own_headers {
            remove(files, undo, "_headers");
        }
        for p in gone_authors {
            remove(files, undo, p);
        }
        for p in self.list_paths.difference(list_paths) {
            remove(files, undo, p);
        }
    }

    /// Run the site-wide finishing steps on `files` and make them the live files. When a step
    /// fails, put back what `file_undo` and `undo` record (or, if the step took the files,
    /// mark the site for a full rebuild) and return its error.
    fn finish_or_undo(
        &mut self,
        mut files: Files,
        file_undo: FileUndo,
        slugs: &BTreeSet<String>,
        undo: Undo,
    ) -> Result<(), BuildError> {
        let finished = crate::finish_files(&self.site, &mut files, &HashMap::new());
        if let Err(e) = finished {
            if files.is_empty() {
                // A finishing step failed after taking the files: start afresh next time.
                self.broken = true;
                return Err(e);
            }
            // Relative links broken by this edit: put everything back.
            for (p, before) in file_undo.into_iter().rev() {
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
            self.put_back(slugs, undo);
            return Err(e);
        }
        self.files = files;
        Ok(())
    }

    /// Load and model the explainers in `slugs` again (one whose folder or index.md is gone
    /// is left out; a draft too, with a note unless drafts are shown).
    fn model_changed(
        &self,
        slugs: &BTreeSet<String>,
        notes: &mut Vec<String>,
    ) -> Result<Vec<Explainer>, BuildError> {
        let root = &self.opts.root;
        let mut errors = Vec::new();
        let mut modelled: Vec<Explainer> = Vec::new();
        let settings = self.settings();
        let refs = model::person_refs(&self.site.people);
        for slug in slugs {
            let dir = root.join("content").join(slug);
            let raw = if dir.is_dir() {
                match load::load_explainer(root, &dir) {
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
            match crate::model::explainer::explainer(
                raw,
                &settings,
                &refs,
                &self.by_id,
                &self.site.bylines.by_id,
                &self.shortcodes,
            ) {
                Ok(e) => modelled.push(e),
                Err(mut e) => errors.append(&mut e),
            }
        }
        if !errors.is_empty() {
            return Err(content_errors(errors));
        }
        Ok(modelled)
    }
}

/// Take `p` out of `files`, if there, keeping it in `undo`.
fn remove(files: &mut Files, undo: &mut FileUndo, p: &str) {
    if let Some(o) = take(files, p) {
        undo.push((p.to_string(), Some(o)));
    }
}

/// Put the rebuilt explainers' files and the re-rendered `pages` (those that changed) in
/// `files`, keeping what was there in `undo`. Returns each explainer's files' paths, by slug.
fn put_new(
    files: &mut Files,
    undo: &mut FileUndo,
    explainer_files: Vec<(String, Files)>,
    pages: Files,
) -> Vec<(String, Vec<String>)> {
    let mut owned_now = Vec::with_capacity(explainer_files.len());
    for (slug, f) in explainer_files {
        owned_now.push((slug, f.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>()));
        for (p, o) in f {
            let before = put(files, p.clone(), o);
            undo.push((p, before));
        }
    }
    for (p, o) in pages {
        if let Ok(i) = files.binary_search_by(|(q, _)| q.as_str().cmp(&p))
            && same(&files[i].1, &o)
        {
            continue;
        }
        let before = put(files, p.clone(), o);
        undo.push((p, before));
    }
    owned_now
}
