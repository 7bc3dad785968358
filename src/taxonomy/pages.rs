//! Which list pages there are (rendered by `render::lists`): the home page and each topic's
//! and country's page, paginated by site.yaml's `paginate_by` (page 1 at the plain URL, then
//! `page/2/`, …), each series' page (its rounds in order), an index of each kind's terms, and
//! a feed per term.

use std::sync::Arc;

use serde::Serialize;

use super::{Kind, Term, rounds};
use crate::model::{Explainer, Site};

/// What a list page lists.
#[derive(Debug, Clone)]
pub enum What {
    /// Every explainer, newest first.
    Home,
    /// A series' rounds, in order.
    Series(Arc<Term>),
    /// A topic's or country's explainers, newest first.
    Term(Arc<Term>),
    /// Every term of a kind.
    Index(Kind),
}

/// A link to one page of a paginated list.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PageLink {
    pub number: usize,
    /// Site-relative path.
    pub path: String,
    pub current: bool,
}

/// Where a page is among the pages of its list (`paginator` in templates).
#[derive(Debug, Clone, Serialize)]
pub struct Paginator {
    /// This page's number, from 1.
    pub number: usize,
    /// How many pages the list has.
    pub count: usize,
    /// How many explainers it lists in all.
    pub total: usize,
    pub prev: Option<PageLink>,
    pub next: Option<PageLink>,
    /// Every page of the list.
    pub pages: Vec<PageLink>,
}

/// One list page to make.
#[derive(Debug, Clone)]
pub struct ListPage {
    /// Site-relative path: `""`, `page/2/`, `topics/ceasefire/`, ….
    pub path: String,
    pub what: What,
    /// The explainers on this page (indices into the site's, which are newest first).
    pub members: Vec<usize>,
    pub paginator: Paginator,
}

/// The path of page `n` of the list at `base`: page 1 is `base` itself (no `page/1/`).
fn page_path(base: &str, n: usize) -> String {
    match n {
        1 => base.to_string(),
        n => format!("{base}page/{n}/"),
    }
}

/// Split `members` into pages of `per` (0: one page), each with its paginator.
pub fn paginate(base: &str, members: &[usize], per: usize) -> Vec<(String, Vec<usize>, Paginator)> {
    let chunks: Vec<&[usize]> = match per {
        0 => vec![members],
        _ if members.is_empty() => vec![members],
        per => members.chunks(per).collect(),
    };
    let count = chunks.len();
    let link = |n: usize, at: usize| PageLink {
        number: n,
        path: page_path(base, n),
        current: n == at,
    };
    chunks
        .into_iter()
        .enumerate()
        .map(|(i, chunk)| {
            let n = i + 1;
            let p = Paginator {
                number: n,
                count,
                total: members.len(),
                prev: (n > 1).then(|| link(n - 1, n)),
                next: (n < count).then(|| link(n + 1, n)),
                pages: (1..=count).map(|m| link(m, n)).collect(),
            };
            (page_path(base, n), chunk.to_vec(), p)
        })
        .collect()
}

/// Every list page of `site`, in a fixed order: the home pages, then per kind its index and
/// its terms' pages.
pub fn plan(site: &Site) -> Vec<ListPage> {
    let tax = &site.taxonomy;
    let per = tax.paginate_by;
    let all: Vec<usize> = (0..site.explainers.len()).collect();
    let mut out = Vec::new();
    let mut add = |what: What, base: &str, members: &[usize], per: usize| {
        for (path, members, paginator) in paginate(base, members, per) {
            out.push(ListPage {
                path,
                what: what.clone(),
                members,
                paginator,
            });
        }
    };
    add(What::Home, "", &all, per);
    for kind in Kind::ALL {
        let terms = &tax.terms[kind as usize];
        if terms.is_empty() {
            continue;
        }
        add(What::Index(kind), &format!("{}/", kind.folder()), &[], 0);
        for t in terms {
            if kind == Kind::Series {
                let members = rounds(&site.explainers, &t.id);
                add(What::Series(Arc::clone(t)), &t.path, &members, 0);
            } else {
                let members: Vec<usize> = all
                    .iter()
                    .copied()
                    .filter(|&i| has(&site.explainers[i], t))
                    .collect();
                add(What::Term(Arc::clone(t)), &t.path, &members, per);
            }
        }
    }
    out
}

/// Whether explainer `e` has the topic or country `t`.
pub(crate) fn has(e: &Explainer, t: &Term) -> bool {
    let list = match t.kind {
        Kind::Topic => &e.taxa.topics,
        Kind::Country => &e.taxa.countries,
        Kind::Series => return e.taxa.series.as_ref().is_some_and(|r| r.term.id == t.id),
    };
    list.iter().any(|x| x.id == t.id)
}

/// The files `render::lists` makes for `site`: every list page and each term's feed.
pub fn file_paths(site: &Site) -> std::collections::HashSet<String> {
    let mut out = std::collections::HashSet::new();
    for p in plan(site) {
        if let (What::Term(_), 1) = (&p.what, p.paginator.number) {
            out.insert(format!("{}feed.xml", p.path));
        }
        out.insert(format!("{}index.html", p.path));
    }
    out
}

/// The list pages for the sitemap: path and the newest change among the public explainers
/// they list (home page 1 is left out: the sitemap lists it first on its own).
pub fn sitemap_pages(site: &Site) -> Vec<(String, Option<&crate::text::dates::When>)> {
    plan(site)
        .into_iter()
        .filter(|p| !p.path.is_empty())
        .map(|p| {
            let members: Vec<usize> = match &p.what {
                What::Index(k) => (0..site.explainers.len())
                    .filter(|&i| {
                        let e = &site.explainers[i];
                        site.taxonomy.terms[*k as usize].iter().any(|t| has(e, t))
                    })
                    .collect(),
                _ => p.members,
            };
            let newest = members
                .iter()
                .map(|&i| &site.explainers[i])
                .filter(|e| !e.draft && e.fallback.is_none())
                .map(crate::render::meta::explainer_modified)
                .max_by_key(|w| w.timestamp);
            (p.path, newest)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_one_is_the_plain_url() {
        let pages = paginate("topics/x/", &[0, 1, 2, 3, 4], 2);
        let paths: Vec<&str> = pages.iter().map(|p| p.0.as_str()).collect();
        assert_eq!(paths, ["topics/x/", "topics/x/page/2/", "topics/x/page/3/"]);
        assert_eq!(pages[0].1, [0, 1]);
        assert_eq!(pages[2].1, [4]);
        let first = &pages[0].2;
        assert!(first.prev.is_none());
        assert_eq!(first.next.as_ref().unwrap().path, "topics/x/page/2/");
        let second = &pages[1].2;
        assert_eq!(second.prev.as_ref().unwrap().path, "topics/x/");
        assert_eq!(second.count, 3);
        assert!(second.pages[1].current);
    }

    #[test]
    fn no_pagination_is_one_page() {
        for per in [0, 5, 9] {
            let pages = paginate("", &[0, 1, 2, 3, 4], per);
            assert_eq!(pages.len(), 1);
            assert_eq!(pages[0].0, "");
            assert!(pages[0].2.next.is_none());
        }
        assert_eq!(paginate("", &[], 3).len(), 1);
    }
}
