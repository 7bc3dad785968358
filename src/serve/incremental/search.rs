//! A live site's search index: made again only when a searchable page's indexed part changed,
//! and (in `serve`) after the reloading pages are served, not before.

use super::LiveSite;
use crate::render::Files;
use crate::search::live::{Job, Keys, Made, index_files};

/// A site's index as it was, carried into a full rebuild ([`LiveSite::build_keeping`]) so the
/// search keeps working, and is not made again if the pages it indexes did not change.
#[derive(Default)]
pub struct PreviousIndex {
    pub(super) files: Files,
    pub(super) made_from: Keys,
}

impl LiveSite {
    /// Whether the search index does not match the pages yet.
    pub fn search_stale(&self) -> bool {
        self.site.info.search && self.search.is_stale()
    }

    /// The pages to index again, copied, when the index is stale: run it without holding the
    /// site, then [`LiveSite::apply_search`].
    pub fn search_job(&self) -> Option<Job> {
        if !self.site.info.search {
            return None;
        }
        self.search.job(&self.files)
    }

    /// Put in the index a [`Job`] made, unless the pages changed since (a later job will make
    /// theirs); `_headers` follows the index's new file names. Returns whether it was put in.
    pub fn apply_search(&mut self, made: Made) -> bool {
        if !self.search.apply(made, &mut self.files) {
            return false;
        }
        if !self.own_headers {
            self.files.retain(|(p, _)| p != "_headers");
            self.files =
                crate::render::feeds::finish(&self.site.info, std::mem::take(&mut self.files));
        }
        true
    }

    /// Bring the search index up to date now (the first build, tests).
    pub fn refresh_search(&mut self) -> anyhow::Result<()> {
        if let Some(job) = self.search_job() {
            let made = job.run()?;
            self.apply_search(made);
        }
        Ok(())
    }

    /// The index as it is (its files and what they were made from), for a full rebuild to
    /// keep ([`LiveSite::build_keeping`]).
    pub fn previous_index(&self) -> PreviousIndex {
        PreviousIndex {
            files: index_files(&self.files),
            made_from: self.search.made_from().clone(),
        }
    }
}
