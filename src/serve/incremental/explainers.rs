//! `serve`'s rebuild of changed explainers: model them again, link their terms and the
//! people they name, render what they touch, and apply that to the live files, undoing it
//! all when a step fails.

use std::collections::{BTreeSet, HashMap};

use tera::Value;

use super::{Backlinks, LiveSite, content_errors, put, same, take};
use crate::BuildError;
use crate::load;
use crate::model::{self, Explainer, Mention, Site};
use crate::render::{Files, Output};

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
        let mut errors = Vec::new();

        // 1. Load and model each changed explainer; nothing is changed yet.
        let modelled = self.model_changed(slugs, &mut notes)?;

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
                    let listing = crate::render::values::listing(e, &self.people_values);
                    let answers = e.answers();
                    let ev = crate::render::values::full_value(&listing, &answers);
                    // Its answers were kept with their photos in place; only the files and
                    // the lead photo are planned again (from the cache).
                    let planned = photos.plan(&self.site.info, e);
                    match planned.and_then(|ph| pages.explainer_files(e, &answers, &ev, ph)) {
                        Ok(mut files) => {
                            files.push(crate::render::feeds::explainer_feed(&self.site.info, e));
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
        let authors = crate::model::newsroom::authors(&self.site.bylines, &self.site.explainers);
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
