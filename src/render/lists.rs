//! The list pages: the home page, series pages, topic and country pages and their
//! indexes, paginated (which pages there are: `taxonomy::pages`), and each term's feed.

use serde::Serialize;
use serde_json::json;
use tera::Value;

use super::output::Inputs;
use super::pages::extra_hash;
use super::values::Listed;
use super::{Files, PageMeta, Pages};
use crate::diag::ContentError;
use crate::model::{Explainer, Site, SiteInfo};
use crate::taxonomy::pages::{What, has, plan};
use crate::taxonomy::{Kind, Term};

/// A term of an index page, with how many explainers have it.
#[derive(Serialize)]
struct Counted<'a> {
    #[serde(flatten)]
    term: &'a Term,
    count: usize,
}

/// The Fluent key of the heading of a kind's index page.
fn kind_title(kind: Kind) -> &'static str {
    match kind {
        Kind::Series => "terms-series",
        Kind::Topic => "terms-topics",
        Kind::Country => "terms-countries",
    }
}

/// A series' page's JSON-LD: the series with its rounds as parts.
fn series_page_ld(info: &SiteInfo, t: &Term, rounds: &[&Explainer]) -> String {
    let mut v = crate::render::meta::series_ld(&info.base_url, t);
    v["@context"] = json!("https://schema.org");
    if let Some(d) = &t.description {
        v["description"] = json!(d);
    }
    v["hasPart"] = rounds
        .iter()
        .map(|e| {
            json!({
                "@type": "BackgroundNewsArticle",
                "headline": e.title,
                "url": format!("{}{}", info.base_url, e.path),
                "datePublished": e.published.iso,
            })
        })
        .collect();
    crate::render::meta::script_safe(&v)
}

/// Render every list page (and each term's feed), with `listed` the explainers' listings in
/// site order (with their hashes, for a sink that remembers).
pub fn render(pages: &Pages, site: &Site, listed: &[Listed]) -> Result<Files, ContentError> {
    let info = &site.info;
    let mut out = Vec::new();
    let plan = plan(site);
    for p in &plan {
        // The list's hash, from its members' (each hashed once for every list it is on).
        let members_hash = pages.sink.remembers().then(|| {
            let mut h = Inputs::new(0);
            for &i in &p.members {
                h.add_hash("member", listed[i].hash.unwrap_or_default());
            }
            h.finish()
        });
        let mut extra = vec![("paginator", Value::from_serializable(&p.paginator))];
        let (tpl, kind, title, desc) = match &p.what {
            What::Home => (
                "home.html",
                "home",
                info.title.clone(),
                info.description.clone(),
            ),
            What::Index(k) => {
                let terms: Vec<Counted> = site.taxonomy.terms[*k as usize]
                    .iter()
                    .map(|t| Counted {
                        term: t,
                        count: site.explainers.iter().filter(|e| has(e, t)).count(),
                    })
                    .collect();
                extra.push(("terms", Value::from_serializable(&terms)));
                extra.push(("term_kind", Value::from(k.folder())));
                let title = pages.word(kind_title(*k), &[]);
                let desc = pages.word(
                    "terms-description",
                    &[("kind", &title), ("site", &info.title)],
                );
                ("terms.html", "terms", title, desc)
            }
            What::Series(t) | What::Term(t) => {
                extra.push(("term", Value::from_serializable(&**t)));
                let desc = t
                    .description
                    .clone()
                    .unwrap_or_else(|| pages.word("term-description", &[("name", &t.name)]));
                if let What::Series(_) = p.what {
                    let rounds: Vec<&Explainer> =
                        p.members.iter().map(|&i| &site.explainers[i]).collect();
                    let ld = series_page_ld(info, t, &rounds);
                    extra.push(("jsonld", Value::from(ld)));
                    ("series.html", "series", t.name.clone(), desc)
                } else {
                    if p.paginator.number == 1 {
                        let members: Vec<&Explainer> =
                            (site.explainers.iter()).filter(|e| has(e, t)).collect();
                        out.push(crate::render::feeds::list_feed(
                            pages.theme,
                            pages.sink,
                            info,
                            (&t.name, &desc),
                            &t.path,
                            &members,
                        )?);
                    }
                    ("term.html", "term", t.name.clone(), desc)
                }
            }
        };
        let title = match p.paginator.number {
            1 => title,
            n => pages.word(
                "title-page",
                &[("title", &title), ("number", &n.to_string())],
            ),
        };
        let hash = members_hash.map(|h| extra_hash(Some(("explainers", h)), &extra));
        let page = pages.page_hashed(
            tpl,
            format!("{}index.html", p.path),
            PageMeta {
                kind,
                title: &title,
                description: &desc,
                path: &p.path,
                permalink: format!("{}{}", info.base_url, p.path),
            },
            hash,
            || {
                let members = p.members.iter().map(|&i| listed[i].value().clone());
                extra.push(("explainers", Value::from(members.collect::<Vec<_>>())));
                Ok(extra)
            },
        )?;
        out.push(page);
    }
    Ok(out)
}
