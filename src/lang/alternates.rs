//! Which pages are translations of which: `hreflang` alternates, the language switcher and
//! the sitemap's `xhtml:link`s all read this one table.

use std::collections::HashMap;

use serde::Serialize;

use crate::model::{Alternates, Site};

/// One language's version of a page, as templates see it (`alternates`).
#[derive(Debug, Serialize, PartialEq)]
pub struct Alt<'a> {
    pub tag: &'a str,
    pub name: &'a str,
    pub url: &'a str,
    /// Whether this is the page being rendered.
    pub current: bool,
    pub og_locale: Option<&'a str>,
}

impl Alternates {
    /// The table for `sites` (the default language's first). A page's translations are the
    /// pages at the same path, but for explainers, matched by their folder (a translation
    /// may have its own `slug:`), and questions, by their place in the explainer (a
    /// translation may give a question its own `{#id}`). Explainers shown untranslated
    /// (fallbacks) are no one's translation.
    pub fn new(sites: &[&Site]) -> Alternates {
        let mut table = Alternates::default();
        let mut key_group: HashMap<String, usize> = HashMap::new();
        for (li, site) in sites.iter().enumerate() {
            let info = &site.info;
            let (tag, name, folder) = match &info.lang {
                Some(l) => (l.tag.clone(), l.name.clone(), l.folder.clone()),
                None => (info.language.clone(), info.language.clone(), String::new()),
            };
            let og = crate::render::meta::og_locale(&tag);
            table.langs.push((tag, name, og, folder));
            table.by_page.push(HashMap::new());
            let mut add = |key: String, path: &str| {
                let g = *key_group.entry(key).or_insert_with(|| {
                    table.groups.push(Vec::new());
                    table.groups.len() - 1
                });
                table.groups[g].push((li, format!("{}{path}", info.base_url)));
                table.by_page[li].insert(path.to_string(), g);
            };
            for p in crate::taxonomy::pages::plan(site) {
                add(p.path.clone(), &p.path);
            }
            add("people/".into(), "people/");
            if info.search {
                add("search/".into(), "search/");
            }
            for p in &site.people {
                add(p.path.clone(), &p.path);
            }
            for a in &site.authors {
                add(a.who.path.clone(), &a.who.path);
            }
            for e in site.explainers.iter().filter(|e| e.fallback.is_none()) {
                // Keys no page path has (paths hold no NUL).
                add(format!("\0{}", e.slug), &e.path);
                for q in &e.questions {
                    add(format!("\0{}#{}", e.slug, q.position), &q.path);
                }
            }
        }
        table
    }

    /// The versions of the page at `path` in language `lang`, in site order; empty when it
    /// has none in another language.
    pub fn of(&self, lang: usize, path: &str) -> Vec<Alt<'_>> {
        let Some(&g) = self.by_page.get(lang).and_then(|m| m.get(path)) else {
            return Vec::new();
        };
        let group = &self.groups[g];
        if group.len() < 2 {
            return Vec::new();
        }
        group
            .iter()
            .map(|(li, url)| {
                let (tag, name, og, _) = &self.langs[*li];
                Alt {
                    tag,
                    name,
                    url,
                    current: *li == lang,
                    og_locale: og.as_deref(),
                }
            })
            .collect()
    }

    /// The page's `x-default`: its version in the default language, else its first.
    pub fn x_default(&self, lang: usize, path: &str) -> Option<&str> {
        let g = *self.by_page.get(lang)?.get(path)?;
        let group = &self.groups[g];
        (group.len() > 1).then(|| group[0].1.as_str())
    }

    /// Each language's folder (`""` for the default's, `uk/` for Ukrainian), in site order.
    pub fn folders(&self) -> impl Iterator<Item = &str> {
        self.langs.iter().map(|l| l.3.as_str())
    }
}
