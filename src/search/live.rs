//! The search index of a site held in memory (`serve`): what it was made from, whether an
//! edit changed any of that, and making it again off the reload path.
//!
//! Each searchable page's *indexed part* (its `lang` and the HTML from the element marked
//! `data-pagefind-body` to the end of `<main>`) is hashed. After a rebuild, the index is
//! stale only if one of those hashes changed, a page was added or one is gone; then a
//! [`Job`] (the pages, copied) is indexed without holding the site, and its files replace
//! the old index only if the pages are still those it indexed (a later rebuild's job makes
//! the index of theirs).

use std::collections::BTreeMap;

use xxhash_rust::xxh3::xxh3_64;

use super::{DIR, Page, searchable};
use crate::render::{Files, Output};

/// What the index is made from: each searchable page's path and the hash of its indexed part.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Keys(BTreeMap<String, u64>);

/// The part of a page Pagefind reads: its `<html lang>` and the marked body to the end of
/// `<main>` (the header, the `<head>` with its fingerprinted asset names and the footer are
/// not indexed, so a change there does not make the index stale).
fn indexed_part(bytes: &[u8]) -> (&[u8], &[u8]) {
    let finder =
        |needle: &[u8], from: usize| memchr::memmem::find(&bytes[from..], needle).map(|i| i + from);
    let lang = finder(b"<html", 0)
        .map(|start| {
            let end = finder(b">", start).unwrap_or(bytes.len());
            &bytes[start..end]
        })
        .unwrap_or_default();
    let body = match finder(super::BODY_MARK, 0) {
        Some(mark) => {
            // From the start of the marked element's tag.
            let start = memchr::memrchr(b'<', &bytes[..mark]).unwrap_or(mark);
            let end = memchr::memmem::rfind(bytes, b"</main>").filter(|&e| e > start);
            &bytes[start..end.unwrap_or(bytes.len())]
        }
        None => &[],
    };
    (lang, body)
}

impl Keys {
    /// The keys of the searchable pages among `files`.
    pub fn of(files: &Files) -> Keys {
        Keys(
            files
                .iter()
                .filter_map(|(path, out)| match out {
                    Output::Bytes(b) if searchable(path, b) => {
                        let (lang, body) = indexed_part(b);
                        let h = xxh3_64(lang) ^ xxh3_64(body).rotate_left(1);
                        Some((path.clone(), h))
                    }
                    _ => None,
                })
                .collect(),
        )
    }
}

/// The index of a live site: its files are among the site's; this says what they were made
/// from and whether they still match.
#[derive(Debug, Default)]
pub struct State {
    /// What the index among the files was made from.
    made_from: Keys,
    /// What the pages are now.
    now: Keys,
}

/// The pages to index, copied out of the site, and their keys.
pub struct Job {
    pages: Vec<Page>,
    keys: Keys,
}

/// A made index and the keys of the pages it indexes, ready to replace the old one.
pub struct Made {
    files: Files,
    keys: Keys,
}

impl Job {
    /// Index the pages (the slow part: run it holding no lock).
    pub fn run(self) -> anyhow::Result<Made> {
        let started = std::time::Instant::now();
        let files = super::index(self.pages)?;
        log::info!(
            "search: indexed {} pages in {:.1} ms",
            self.keys.0.len(),
            started.elapsed().as_secs_f64() * 1e3
        );
        Ok(Made {
            files,
            keys: self.keys,
        })
    }
}

impl State {
    /// A state for an index made from `made_from` (none yet: empty keys).
    pub fn new(made_from: Keys) -> State {
        State {
            now: made_from.clone(),
            made_from,
        }
    }

    /// The pages among `files` are now these: the index is stale if what it indexes changed.
    /// Returns whether it is stale.
    pub fn pages_are(&mut self, files: &Files) -> bool {
        self.now = Keys::of(files);
        self.is_stale()
    }

    /// Whether the index does not match the pages.
    pub fn is_stale(&self) -> bool {
        self.made_from != self.now
    }

    /// What the index was made from.
    pub fn made_from(&self) -> &Keys {
        &self.made_from
    }

    /// The job that brings the index up to date, when it is stale.
    pub fn job(&self, files: &Files) -> Option<Job> {
        self.is_stale().then(|| Job {
            pages: super::pages_in(files),
            keys: self.now.clone(),
        })
    }

    /// Put a made index in place of the old one among `files` (sorted), unless the pages
    /// changed since its job was made. Returns whether it was put in.
    pub fn apply(&mut self, made: Made, files: &mut Files) -> bool {
        if made.keys != self.now {
            return false;
        }
        swap_index(files, made.files);
        self.made_from = made.keys;
        true
    }
}

/// Replace the index files among `files` (sorted by path) with `made`.
pub fn swap_index(files: &mut Files, made: Files) {
    files.retain(|(p, _)| !p.starts_with(DIR));
    files.extend(made);
    files.sort_by(|a, b| a.0.cmp(&b.0));
}

/// The index files among `files`, copied.
pub fn index_files(files: &Files) -> Files {
    files
        .iter()
        .filter(|(p, _)| p.starts_with(DIR))
        .filter_map(|(p, o)| match o {
            Output::Bytes(b) => Some((p.clone(), Output::Bytes(b.clone()))),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(path: &str, html: &str) -> (String, Output) {
        (path.to_string(), Output::Bytes(html.as_bytes().to_vec()))
    }

    const PAGE: &str = r#"<html lang="uk"><head><link href="/style.1.css"></head><body><header>Site</header><main><article data-pagefind-body><h1>Питання</h1></article></main><footer>f</footer>"#;

    #[test]
    fn only_the_indexed_part_counts() {
        let a = Keys::of(&vec![page("a/index.html", PAGE)]);
        // A new stylesheet name, header or footer: the same key.
        let restyled = PAGE
            .replace("style.1.css", "style.2.css")
            .replace(">Site<", ">Сайт<")
            .replace(">f<", ">g<");
        assert_eq!(a, Keys::of(&vec![page("a/index.html", &restyled)]));
        // The indexed text, or the page's language: another key.
        for other in [
            PAGE.replace("Питання", "Запитання"),
            PAGE.replace("lang=\"uk\"", "lang=\"ru\""),
        ] {
            assert_ne!(a, Keys::of(&vec![page("a/index.html", &other)]), "{other}");
        }
        // Pages without the mark are not indexed at all.
        assert_eq!(
            Keys::of(&vec![page("b/index.html", "<main>x</main>")]),
            Keys::default()
        );
    }

    #[test]
    fn stale_only_on_change_and_outdated_jobs_are_dropped() {
        let files = vec![page("a/index.html", PAGE)];
        let mut state = State::new(Keys::of(&files));
        assert!(!state.pages_are(&files));
        assert!(state.job(&files).is_none());
        let edited = vec![page("a/index.html", &PAGE.replace("Питання", "Інше"))];
        assert!(state.pages_are(&edited));
        let old_job = state.job(&edited).unwrap();
        let again = vec![page("a/index.html", &PAGE.replace("Питання", "Третє"))];
        assert!(state.pages_are(&again));
        // The first job's index is of pages that are gone: not put in.
        let mut out = vec![page("a/index.html", &PAGE.replace("Питання", "Третє"))];
        let made = Made {
            files: vec![page("pagefind/x", "old")],
            keys: old_job.keys,
        };
        assert!(!state.apply(made, &mut out));
        assert!(state.is_stale());
        assert!(!out.iter().any(|(p, _)| p.starts_with(DIR)));
        let job = state.job(&again).unwrap();
        let made = Made {
            files: vec![page("pagefind/y", "new")],
            keys: job.keys,
        };
        assert!(state.apply(made, &mut out));
        assert!(!state.is_stale());
        assert_eq!(out.len(), 2);
    }
}
