//! `search: true`: a Pagefind index of the built pages, made in process, its search page, and
//! the `_headers` rules for its content-hashed files.
//!
//! The pages to index are those whose template marks a searchable part
//! (`data-pagefind-body`: explainers and people's pages in the built-in theme). A build keeps a
//! copy of each as it goes through the sink ([`Collect`]); `serve` indexes its in-memory
//! files ([`pages_in`]). The index files Pagefind returns join the site's other files, so they
//! are written, recorded and swapped in like every other file.

pub(crate) mod live;

use std::sync::Mutex;

use crate::model::SiteInfo;
use crate::render::{Files, Output, PageMeta, Pages, Sink};

/// Where the index goes, under the output folder.
pub const DIR: &str = "pagefind/";
/// The search page.
pub const PAGE: &str = "search/index.html";
/// What a template puts on the part of a page to index.
const BODY_MARK: &[u8] = b"data-pagefind-body";

/// A page to index: its site-relative path and its HTML.
pub type Page = (String, Vec<u8>);

/// Is this file a page to index?
fn searchable(path: &str, bytes: &[u8]) -> bool {
    path.ends_with(".html") && memchr::memmem::find(bytes, BODY_MARK).is_some()
}

/// The pages to index among files held in memory (`serve`).
pub fn pages_in(files: &Files) -> Vec<Page> {
    files
        .iter()
        .filter_map(|(path, out)| match out.bytes() {
            Some(b) if searchable(path, b) => Some((path.clone(), b.to_vec())),
            _ => None,
        })
        .collect()
}

/// A [`Sink`] in front of another that keeps a copy of every page to index as it goes by.
/// A page not rendered again ([`Output::Unchanged`]) is read from the output folder `out`,
/// where the build before left it.
pub struct Collect<'a> {
    inner: &'a dyn Sink,
    out: &'a std::path::Path,
    pages: Mutex<Vec<Page>>,
}

impl<'a> Collect<'a> {
    pub fn new(inner: &'a dyn Sink, out: &'a std::path::Path) -> Collect<'a> {
        Collect {
            inner,
            out,
            pages: Mutex::new(Vec::new()),
        }
    }

    /// The pages collected so far.
    pub fn take(&self) -> Vec<Page> {
        std::mem::take(&mut *self.pages.lock().expect("no thread panics holding it"))
    }
}

impl Sink for Collect<'_> {
    fn put(&self, files: Files) -> anyhow::Result<Files> {
        let mut mine: Vec<Page> = pages_in(&files);
        for (path, out) in &files {
            if let Output::Unchanged(_) = out {
                let file = self.out.join(path);
                let html = std::fs::read(&file).map_err(|e| {
                    anyhow::anyhow!("cannot read {} to index it: {e}", file.display())
                })?;
                if searchable(path, &html) {
                    mine.push((path.clone(), html));
                }
            }
        }
        if !mine.is_empty() {
            self.pages
                .lock()
                .expect("no thread panics holding it")
                .append(&mut mine);
        }
        self.inner.put(files)
    }
    fn keep_explainers(&self) -> bool {
        self.inner.keep_explainers()
    }
    fn kept_pages(&self) -> std::collections::HashMap<String, Vec<u8>> {
        self.inner.kept_pages()
    }
    fn remembers(&self) -> bool {
        self.inner.remembers()
    }
    fn unchanged(&self, path: &str, inputs: u128) -> bool {
        self.inner.unchanged(path, inputs)
    }
}

/// The URL Pagefind records for a page (its results link there; the search script adds the
/// site's base path): `a/b/index.html` -> `/a/b/`.
fn url_of(path: &str) -> String {
    format!("/{}", path.strip_suffix("index.html").unwrap_or(path))
}

/// Pagefind's ready-made interfaces, which the search page does not use (it has its own,
/// `static/search.js`, on Pagefind's JavaScript API): left out of the site.
fn is_unused_ui(name: &str) -> bool {
    name.starts_with("pagefind-") && name.contains("ui.") || name == "pagefind-highlight.js"
}

/// Index `pages` and return the index's files under [`DIR`]. Pages are added in path order, so
/// the same pages give the same files.
#[cfg(feature = "search")]
pub fn index(mut pages: Vec<Page>) -> anyhow::Result<Files> {
    use anyhow::Context;
    use pagefind::api::PagefindIndex;
    use pagefind::options::PagefindServiceConfig;

    pages.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .context("cannot start the search indexer")?;
    let files = runtime.block_on(async move {
        let config = PagefindServiceConfig::builder()
            .keep_index_url(false)
            .build();
        let mut index = PagefindIndex::new(Some(config))?;
        for (path, html) in pages {
            let html = String::from_utf8(html).context("a page is not UTF-8")?;
            index
                .add_html_file(None, Some(url_of(&path)), html)
                .await
                .with_context(|| format!("cannot index {path}"))?;
        }
        index.get_files().await
    });
    let files = files.context("cannot build the search index")?;
    let mut out: Files = files
        .into_iter()
        .map(|f| (f.filename.to_string_lossy().replace('\\', "/"), f.contents))
        .filter(|(name, _)| !is_unused_ui(name))
        .map(|(name, bytes)| (format!("{DIR}{name}"), Output::Bytes(bytes)))
        .collect();
    out.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

/// Without the `search` feature there is no indexer: say how to get one.
#[cfg(not(feature = "search"))]
pub fn index(_pages: Vec<Page>) -> anyhow::Result<Files> {
    anyhow::bail!(
        "site.yaml asks for `search: true`, but this parley was built without search\nhelp: build parley with `--features search` (on by default), or remove `search: true`"
    )
}

/// A side's, a status's or a term's name, once, in the order first met.
fn distinct<'a>(names: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut seen = Vec::new();
    for n in names {
        if !seen.contains(&n) {
            seen.push(n);
        }
    }
    seen
}

impl Pages<'_> {
    /// The search page of `site` (one per language: `search/` in its folder), with the
    /// filters' choices from the model: every side at the talks and every status, as the
    /// pages' filters name them (in the page's language).
    pub fn search(
        &self,
        site: &crate::model::Site,
    ) -> Result<(String, Output), crate::ContentError> {
        let info: &SiteInfo = &site.info;
        let talks = || site.explainers.iter().filter_map(|e| e.talks.as_ref());
        let mut parties = distinct(talks().flat_map(|t| t.parties.iter().map(|p| p.name.as_str())));
        parties.sort_unstable();
        let statuses: Vec<String> = distinct(talks().map(|t| t.status_key.as_str()))
            .into_iter()
            .map(|k| self.word(&format!("status-{k}"), &[]))
            .collect();
        // The series, topics and countries explainers have (in the page's language), per
        // filter; a kind no explainer uses has no select.
        let taxa = || site.explainers.iter().map(|e| &e.taxa);
        let mut terms = Vec::new();
        for (filter, mut names) in [
            (
                "series",
                distinct(taxa().filter_map(|x| x.series.as_ref().map(|r| r.term.name.as_str()))),
            ),
            (
                "topic",
                distinct(taxa().flat_map(|x| x.topics.iter().map(|t| t.name.as_str()))),
            ),
            (
                "country",
                distinct(taxa().flat_map(|x| x.countries.iter().map(|t| t.name.as_str()))),
            ),
        ] {
            if !names.is_empty() {
                names.sort_unstable();
                terms.push(serde_json::json!({"filter": filter, "names": names}));
            }
        }
        let title = self.word("search", &[]);
        self.page(
            "search.html",
            PAGE.to_string(),
            PageMeta {
                kind: "search",
                title: &title,
                description: &info.description,
                path: "search/",
                permalink: self.abs("search/"),
            },
            &[
                ("parties", tera::Value::from_serializable(&parties)),
                ("statuses", tera::Value::from_serializable(&statuses)),
                ("terms", tera::Value::from_serializable(&terms)),
            ],
        )
    }
}

/// `_headers` rules for the index's content-hashed files (cached as immutable): its fragment
/// and index folders, and its `pagefind.<hash>.pf_meta` files. `pagefind.js`,
/// `pagefind-entry.json` and the WebAssembly keep fixed names, so they are not among them.
pub fn immutable_rules(files: &Files) -> Vec<String> {
    let mut rules = Vec::new();
    let mut folders = Vec::new();
    for (name, _) in files {
        let Some(rest) = name.strip_prefix(DIR) else {
            continue;
        };
        match rest.split_once('/') {
            Some((folder @ ("fragment" | "index" | "filter"), _)) => folders.push(folder),
            Some(_) => {}
            None if rest.starts_with("pagefind.") && rest.ends_with(".pf_meta") => {
                rules.push(name.clone())
            }
            None => {}
        }
    }
    folders.sort_unstable();
    folders.dedup();
    rules.extend(folders.into_iter().map(|f| format!("{DIR}{f}/*")));
    rules.sort_unstable();
    rules
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(names: &[&str]) -> Files {
        names
            .iter()
            .map(|n| (n.to_string(), Output::Bytes(Vec::new())))
            .collect()
    }

    #[test]
    fn urls_drop_index_html() {
        assert_eq!(url_of("a/b/index.html"), "/a/b/");
        assert_eq!(url_of("index.html"), "/");
        assert_eq!(url_of("404.html"), "/404.html");
    }

    #[test]
    fn only_marked_pages_are_searchable() {
        let f: Files = vec![
            (
                "a/index.html".into(),
                Output::Bytes(b"<article data-pagefind-body>".to_vec()),
            ),
            ("b/index.html".into(), Output::Bytes(b"<article>".to_vec())),
            (
                "c.css".into(),
                Output::Bytes(b"data-pagefind-body".to_vec()),
            ),
            ("d/index.html".into(), Output::Written),
        ];
        let names: Vec<String> = pages_in(&f).into_iter().map(|p| p.0).collect();
        assert_eq!(names, ["a/index.html"]);
    }

    #[test]
    fn hashed_index_files_get_folder_and_exact_rules() {
        let f = files(&[
            "pagefind/fragment/en_1.pf_fragment",
            "pagefind/fragment/en_2.pf_fragment",
            "pagefind/index/en_3.pf_index",
            "pagefind/pagefind.en_4.pf_meta",
            "pagefind/pagefind.js",
            "pagefind/pagefind-entry.json",
            "pagefind/wasm.en.pagefind",
            "fragment/x.html",
        ]);
        assert_eq!(
            immutable_rules(&f),
            [
                "pagefind/fragment/*",
                "pagefind/index/*",
                "pagefind/pagefind.en_4.pf_meta"
            ]
        );
    }

    #[test]
    fn only_the_api_and_its_data_are_kept() {
        for unused in [
            "pagefind-ui.js",
            "pagefind-modular-ui.css",
            "pagefind-component-ui.js",
        ] {
            assert!(is_unused_ui(unused), "{unused}");
        }
        for kept in [
            "pagefind.js",
            "pagefind-worker.js",
            "pagefind-entry.json",
            "wasm.en.pagefind",
        ] {
            assert!(!is_unused_ui(kept), "{kept}");
        }
    }

    #[test]
    fn distinct_keeps_first_order() {
        assert_eq!(distinct(["b", "a", "b"].into_iter()), ["b", "a"]);
    }
}
