//! `serve`'s search index: made again off the reload path, in a thread of its own, only when
//! an edit changed what is indexed ([`crate::search::live`]); until then the previous index
//! answers.

use std::sync::Arc;
use std::sync::atomic::Ordering;

use super::Shared;
use crate::serve::incremental::LiveSite;

/// Bring the served site's search index up to date in the background, if it is stale. One
/// indexer at a time: it indexes again until the index matches the pages (edits made while it
/// ran included), then stops.
pub(super) fn in_background(shared: &Arc<Shared>) {
    if !stale(shared) || shared.indexing.swap(true, Ordering::AcqRel) {
        return;
    }
    let mine = Arc::clone(shared);
    let spawned = std::thread::Builder::new()
        .name("parley-search".into())
        .spawn(move || {
            let shared = mine;
            run(&shared);
            shared.indexing.store(false, Ordering::Release);
            // A rebuild that ended between the last look and now left its pages to us.
            if stale(&shared) && !shared.stopping.load(Ordering::Acquire) {
                in_background(&shared);
            }
        });
    if spawned.is_err() {
        shared.indexing.store(false, Ordering::Release);
    }
}

fn stale(shared: &Shared) -> bool {
    let st = shared.state.read().unwrap_or_else(|e| e.into_inner());
    st.site.as_ref().is_some_and(LiveSite::search_stale)
}

/// Index until the index matches the pages: copy the pages (a read lock), index them (no
/// lock), put the index in (a write lock; dropped if the pages changed meanwhile).
fn run(shared: &Shared) {
    while !shared.stopping.load(Ordering::Acquire) {
        let job = {
            let st = shared.state.read().unwrap_or_else(|e| e.into_inner());
            st.site.as_ref().and_then(LiveSite::search_job)
        };
        let Some(job) = job else { return };
        let started = std::time::Instant::now();
        match job.run() {
            Ok(made) => {
                let mut st = shared.state.write().unwrap_or_else(|e| e.into_inner());
                let applied = st.site.as_mut().is_some_and(|s| s.apply_search(made));
                if applied && shared.print {
                    println!(
                        "search index updated in {:.1} ms",
                        started.elapsed().as_secs_f64() * 1000.0
                    );
                }
            }
            Err(e) => {
                if shared.print {
                    eprintln!("warning: the search index was not updated: {e:#}");
                }
                return;
            }
        }
    }
}
