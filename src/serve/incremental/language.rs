//! `serve` in a site of several languages: an edit of translations alone (`index.uk.md`,
//! `timeline.uk.yaml`, `positions.uk.yaml`) models and renders only their languages again,
//! unless it changes which page translates which (a new `slug:`, a question's own `{#id}`, a
//! translation added or removed): every language's alternates change, and the whole site is
//! built again.

use std::collections::{BTreeSet, HashMap};
use std::time::Instant;

use super::{Change, LiveSite, Rebuilt, content_errors};
use crate::BuildError;
use crate::model;
use crate::render::{self, RenderOptions};

/// Whether `changes` are all edits of translations.
pub(super) fn only_translations(changes: &[Change]) -> bool {
    !changes.is_empty() && changes.iter().all(|c| matches!(c, Change::Translation(..)))
}

impl LiveSite {
    /// Rebuild the languages of the translations in `changes` (see the module docs). On an
    /// error the site served stays as it was, marked for a full rebuild with the next change.
    pub(super) fn rebuild_languages(
        &mut self,
        changes: &[Change],
        start: Instant,
    ) -> Result<Rebuilt, BuildError> {
        let codes: BTreeSet<&str> = (changes.iter())
            .filter_map(|c| match c {
                Change::Translation(_, code) => Some(code.as_str()),
                _ => None,
            })
            .collect();
        let mut rendered = 0;
        let mut explainers = 0;
        for code in codes {
            match self.rebuild_language(code) {
                Ok(Some((e, n))) => {
                    explainers += e;
                    rendered += n;
                }
                Ok(None) => return self.rebuild_all(start),
                Err(e) => {
                    self.broken = true;
                    return Err(e);
                }
            }
        }
        Ok(Rebuilt {
            full: false,
            explainers,
            rendered,
            files: self.files.len(),
            elapsed: start.elapsed(),
            notes: Vec::new(),
        })
    }

    /// Model and render the language `code` again, in place of its files: the number of its
    /// explainers and of the files rendered, or `None` when the whole site is to be rebuilt
    /// (not one of the site's other languages, or its alternates changed).
    fn rebuild_language(&mut self, code: &str) -> Result<Option<(usize, usize)>, BuildError> {
        let model_opts = model::ModelOptions {
            drafts: self.opts.drafts,
            base_url: self.opts.base_url.clone(),
            folder: String::new(),
            language: None,
        };
        let root = self.opts.root.clone();
        let again =
            crate::lang::model_again(&root, &model_opts, &self.site, code, &self.shortcodes)
                .map_err(content_errors)?;
        let Some(new) = again else {
            return Ok(None);
        };
        let folder = new.info.lang.as_ref().map_or("", |l| l.folder.as_str());
        if folder.is_empty() {
            return Ok(None);
        }
        let render_opts = RenderOptions {
            live_reload: self.opts.live_reload,
            minify: self.opts.minify,
            share: self.opts.share_drawing(false),
            photos: self.opts.photos(false),
        };
        let made = render::render_translation(
            &self.site,
            &new,
            &mut self.theme,
            &self.asset_names,
            &render_opts,
        )
        .map_err(|e| match e {
            render::RenderError::Content(e) => content_errors(e),
            render::RenderError::Sink(e) => BuildError::Other(e),
        })?;
        // Its folder holds its files alone: they are replaced whole.
        let counts = (new.explainers.len(), made.len());
        let mut files = std::mem::take(&mut self.files);
        files.retain(|(p, _)| !p.starts_with(folder) && (self.own_headers || p != "_headers"));
        files.extend(made);
        files.sort_by(|a, b| a.0.cmp(&b.0));
        let finished = crate::finish_files(&self.site, &mut files, &HashMap::new());
        self.files = files;
        finished?;
        if self.site.info.search {
            self.search.pages_are(&self.files);
        }
        let i = (self.site.translations.iter())
            .position(|t| t.info.lang.as_ref().is_some_and(|l| l.code == code))
            .expect("model_again found the language");
        self.site.translations[i] = new;
        Ok(Some(counts))
    }
}
