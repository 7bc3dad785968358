//! Series, topics and countries: the terms a site declares (content/series.yaml,
//! topics.yaml, countries.yaml), each explainer's terms checked against them, the rounds of a
//! series put in order, and each explainer's related explainers ([`related`]). Their pages
//! (series, term and paginated list pages) are made by [`pages`].

pub(crate) mod pages;
pub(crate) mod related;

use std::collections::HashMap;
use std::sync::Arc;

use crate::diag::{ContentError, did_you_mean};
use crate::model::{Explainer, Person};
use crate::text::slug;

pub use crate::load::terms::{Declared, Kind, RawTerm, parse};
pub use crate::model::{Link, Round, Taxa, Taxonomy, Term, Written};

pub use related::RelatedConfig;

/// Whether `code` is written as an ISO 3166-1 alpha-2 code: two capital letters.
fn is_country_code(code: &str) -> bool {
    code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase())
}

impl Taxonomy {
    /// Check the declared terms: ids usable in URLs (countries: two capital letters), none
    /// declared twice.
    pub fn new(
        declared: Declared,
        cfg: &crate::schema::SiteConfig,
        errors: &mut Vec<ContentError>,
    ) -> Taxonomy {
        let mut t = Taxonomy {
            paginate_by: cfg.paginate_by,
            related: cfg.related.clone(),
            ..Taxonomy::default()
        };
        for (kind, (raw, src)) in Kind::ALL.into_iter().zip(declared.0) {
            let Some(src) = src else { continue };
            let k = kind.index();
            t.declared[k] = true;
            let mut from = 0;
            for r in raw {
                // Each entry's id comes after the one before it.
                let at = find_token(&src.text, from, &r.id).unwrap_or(from);
                from = at + r.id.len();
                let wrong = |msg: String| src.error_at(at, r.id.len(), msg);
                t.rejected[k].insert(r.id.to_ascii_uppercase());
                if kind == Kind::Country && !is_country_code(&r.id) {
                    errors.push(wrong(format!("`{}` is not a country code", r.id)).help(
                        "write the ISO 3166-1 alpha-2 code in capitals, e.g. `UA` for Ukraine",
                    ));
                    continue;
                }
                let lowercase = !r.id.bytes().any(|b| b.is_ascii_uppercase());
                if kind != Kind::Country && !(slug::is_valid_id(&r.id) && lowercase) {
                    errors.push(
                        wrong(format!(
                            "the {} id `{}` cannot be used in a URL",
                            kind.noun(),
                            r.id
                        ))
                        .help(format!(
                            "use lowercase letters, digits and dashes, e.g. `{}`",
                            slug::slugify(&r.name)
                        )),
                    );
                    continue;
                }
                if t.by_id[k].contains_key(&r.id) {
                    errors.push(
                        wrong(format!("the {} `{}` is declared twice", kind.noun(), r.id))
                            .help("give each one a different id, or remove the second"),
                    );
                    continue;
                }
                t.rejected[k].remove(&r.id.to_ascii_uppercase());
                let path = format!("{}/{}/", kind.folder(), r.id.to_ascii_lowercase());
                t.by_id[k].insert(r.id.clone(), t.terms[k].len());
                t.terms[k].push(Arc::new(Term {
                    kind,
                    id: r.id,
                    name: r.name,
                    description: r.description,
                    path,
                }));
            }
        }
        t
    }
}

impl Link {
    fn of(e: &Explainer) -> Link {
        Link {
            slug: e.slug.clone(),
            title: e.title.clone(),
            path: e.path.clone(),
            published: e.published.clone(),
        }
    }
}

impl Taxa {
    /// Terms as written; resolved by [`link`].
    pub fn written(series: Option<String>, topics: Vec<String>, countries: Vec<String>) -> Taxa {
        Taxa {
            written: Written {
                series,
                topics,
                countries,
            },
            ..Taxa::default()
        }
    }
}

/// Resolve every explainer's terms (an unknown one is an error at its place in index.md),
/// order each series' rounds and choose related explainers. `explainers` are newest first;
/// `people` are the site's (explainers name them by index).
pub fn link(explainers: &mut [Explainer], tax: &Taxonomy, people: &[Person]) -> Vec<ContentError> {
    let mut errors = Vec::new();
    for e in explainers.iter_mut() {
        resolve(e, tax, &mut errors);
    }
    order_series(explainers);
    related::fill(explainers, &tax.related, people);
    errors
}

/// Where `token` stands alone (not inside a longer id) in `text`, from byte `from`.
fn find_token(text: &str, from: usize, token: &str) -> Option<usize> {
    crate::load::frontmatter::find_token(text, from, token)
}

/// Resolve one explainer's written terms against the declared ones.
fn resolve(e: &mut Explainer, tax: &Taxonomy, errors: &mut Vec<ContentError>) {
    let written = e.taxa.written.clone();
    let series = written.series.iter().cloned().collect::<Vec<_>>();
    let mut found: [Vec<Arc<Term>>; 3] = Default::default();
    let lists = [
        (Kind::Series, &series),
        (Kind::Topic, &written.topics),
        (Kind::Country, &written.countries),
    ];
    for (kind, ids) in lists {
        if ids.is_empty() {
            continue;
        }
        let src = e.source();
        // The key's line in the front matter; values are looked for after it.
        let key = src
            .text
            .find(&format!("\n{}:", kind.folder()))
            .map_or(0, |i| i + 1);
        let k = kind.index();
        let mut from = key;
        for id in ids {
            let at = find_token(&src.text, from, id).unwrap_or(key);
            from = at + 1;
            let err = |msg: String| src.error_at(at, id.len(), msg);
            match tax.by_id[k].get(id) {
                Some(_) if found[k].iter().any(|t| t.id == *id) => {
                    errors.push(
                        err(format!("`{id}` is in `{}` twice", kind.folder()))
                            .help("name each term once"),
                    );
                }
                Some(&i) => found[k].push(Arc::clone(&tax.terms[k][i])),
                None if tax.rejected[k].contains(&id.to_ascii_uppercase()) => {}
                None => errors.push(unknown(kind, id, tax, err)),
            }
        }
    }
    let [series, topics, countries] = found;
    e.taxa.series = series.into_iter().next().map(|term| Round {
        term,
        position: 1,
        count: 1,
        prev: None,
        next: None,
    });
    e.taxa.topics = topics;
    e.taxa.countries = countries;
}

/// The error for a term `id` of `kind` that the site does not declare, with a fix.
fn unknown(
    kind: Kind,
    id: &str,
    tax: &Taxonomy,
    err: impl Fn(String) -> ContentError,
) -> ContentError {
    let k = kind.index();
    let file = kind.file();
    if !tax.declared[k] {
        return err(format!(
            "unknown {} `{id}`: the site declares no {}",
            kind.noun(),
            kind.folder()
        ))
        .help(format!(
            "declare it in content/{file} (see docs/content-format.md, \"Series, topics and countries\")"
        ));
    }
    let terms = &tax.terms[k];
    // A country written by its name (or a code in small letters): its code.
    let by_name = terms
        .iter()
        .find(|t| t.name.eq_ignore_ascii_case(id) || t.id.eq_ignore_ascii_case(id));
    let near = by_name
        .map(|t| t.id.as_str())
        .or_else(|| did_you_mean(id, terms.iter().map(|t| t.id.as_str())))
        .or_else(|| {
            did_you_mean(id, terms.iter().map(|t| t.name.as_str()))
                .and_then(|n| terms.iter().find(|t| t.name == n))
                .map(|t| t.id.as_str())
        });
    let help = match near {
        Some(s) => format!(
            "did you mean `{s}`? The {} are declared in content/{file}",
            kind.folder()
        ),
        None => format!("declare it in content/{file}, or fix the id"),
    };
    err(format!("unknown {} `{id}`", kind.noun())).help(help)
}

/// The date a round is ordered by: the talks' start when given, else the explainer's
/// publication.
fn round_date(e: &Explainer) -> jiff::Timestamp {
    e.talks
        .as_ref()
        .and_then(|t| t.when.as_ref())
        .map_or(e.published.timestamp, |w| w.timestamp)
}

/// Each series' rounds in date order (ties by slug): position, count, previous and next.
fn order_series(explainers: &mut [Explainer]) {
    let mut by_series: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, e) in explainers.iter().enumerate() {
        if let Some(r) = &e.taxa.series {
            by_series.entry(r.term.id.clone()).or_default().push(i);
        }
    }
    for rounds in by_series.values_mut() {
        rounds.sort_by(|&a, &b| {
            let (a, b) = (&explainers[a], &explainers[b]);
            round_date(a)
                .cmp(&round_date(b))
                .then_with(|| a.slug.cmp(&b.slug))
        });
        let links: Vec<Link> = rounds.iter().map(|&i| Link::of(&explainers[i])).collect();
        for (n, &i) in rounds.iter().enumerate() {
            if let Some(r) = &mut explainers[i].taxa.series {
                r.position = n + 1;
                r.count = rounds.len();
                r.prev = n.checked_sub(1).map(|p| links[p].clone());
                r.next = links.get(n + 1).cloned();
            }
        }
    }
}

/// The explainers of a series, in round order (indices into `explainers`).
pub fn rounds(explainers: &[Explainer], id: &str) -> Vec<usize> {
    let mut out: Vec<usize> = (0..explainers.len())
        .filter(|&i| {
            explainers[i]
                .taxa
                .series
                .as_ref()
                .is_some_and(|r| r.term.id == id)
        })
        .collect();
    out.sort_by_key(|&i| explainers[i].taxa.series.as_ref().map_or(0, |r| r.position));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn country_codes_are_two_capitals() {
        assert!(is_country_code("UA"));
        assert!(!is_country_code("ua"));
        assert!(!is_country_code("UKR"));
        assert!(!is_country_code("Ü"));
    }
}
