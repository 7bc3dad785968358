//! The newsroom layer: bylines and author pages, corrections, and the latest change.

use std::collections::HashMap;
use std::sync::Arc;

use crate::diag::{ContentError, Source, did_you_mean};
use crate::markdown::{self, LinkKind};
pub use crate::model::{Author, Authored, Byline, Bylines, Correction, Latest};
use crate::model::{Explainer, Person, Question, Update};
use crate::schema::{AuthorEntry, CorrectionEntry};
use crate::text::dates;
use crate::text::slug;

/// The bylines of the site: authors.yaml checked (ids usable in URLs, no id twice or also a
/// person's, safe links), then everyone in people.yaml.
pub fn bylines(
    authors: Vec<AuthorEntry>,
    src: Option<&Source>,
    people: &[Person],
    errors: &mut Vec<ContentError>,
) -> Bylines {
    let mut out = Bylines::default();
    for p in people {
        out.by_id.insert(
            p.id.clone(),
            Arc::new(Byline {
                id: p.id.clone(),
                name: p.name.clone(),
                role: p.role.clone(),
                url: None,
                path: format!("authors/{}/", p.id),
                person_path: Some(p.path.clone()),
            }),
        );
    }
    let Some(src) = src else { return out };
    let mut staff_ids = std::collections::HashSet::new();
    for a in authors {
        let near = |msg: String| src.error_near(0, &a.id, msg);
        if !slug::is_valid_id(&a.id) {
            errors.push(
                near(format!("the author id `{}` cannot be used in a URL", a.id)).help(format!(
                    "use letters, digits and dashes, e.g. `{}`",
                    slug::slugify(&a.name)
                )),
            );
            continue;
        }
        if !staff_ids.insert(a.id.clone()) {
            errors.push(
                near(format!("two authors have the id `{}`", a.id))
                    .help("give each author a different id"),
            );
            continue;
        }
        if out.by_id.contains_key(&a.id) {
            errors.push(
                near(format!("`{}` is both an author and a person in people.yaml", a.id))
                    .help("give the author another id, or drop them from authors.yaml and name the person"),
            );
            continue;
        }
        if let Some(u) = a
            .url
            .as_deref()
            .filter(|u| markdown::classify(u) == LinkKind::Unsafe)
        {
            errors.push(
                src.error_near(
                    0,
                    u,
                    format!("unsafe link `{}`", u.chars().take(40).collect::<String>()),
                )
                .help("links may not run code: use an https:// address"),
            );
        }
        let b = Arc::new(Byline {
            path: format!("authors/{}/", a.id),
            id: a.id,
            name: a.name,
            role: a.role,
            url: a.url,
            person_path: None,
        });
        out.by_id.insert(b.id.clone(), Arc::clone(&b));
        out.staff.push(b);
    }
    out
}

/// An explainer's `authors:`, each looked up; an unknown id is a located error.
pub fn byline(
    ids: &[String],
    src: &Source,
    fm: usize,
    bylines: &HashMap<String, Arc<Byline>>,
    errors: &mut Vec<ContentError>,
) -> Vec<Arc<Byline>> {
    let mut out: Vec<Arc<Byline>> = Vec::with_capacity(ids.len());
    for id in ids {
        match bylines.get(id) {
            Some(b) if out.iter().any(|o| o.id == b.id) => errors.push(
                src.error_near(fm, id, format!("`{id}` is in the byline twice"))
                    .help("name each author once"),
            ),
            Some(b) => out.push(Arc::clone(b)),
            None => {
                let help = match did_you_mean(id, bylines.keys().map(String::as_str)) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => "add them to content/authors.yaml (id, name, role), or use an id \
                             from content/people.yaml"
                        .into(),
                };
                errors.push(
                    src.error_near(fm, id, format!("unknown author id `{id}`"))
                        .help(help),
                );
            }
        }
    }
    out
}

/// An explainer's `corrections:`, newest first; a named question must be one of its own.
pub fn corrections(
    entries: &[CorrectionEntry],
    src: &Source,
    fm: usize,
    questions: &[Question],
    allow_raw_html: bool,
    errors: &mut Vec<ContentError>,
) -> Vec<Correction> {
    let mut out = Vec::with_capacity(entries.len());
    for c in entries {
        let at_text = c.at.as_text();
        let at = match dates::parse(&at_text) {
            Ok(w) => Some(w),
            Err(msg) => {
                errors.push(
                    src.error_near(fm, &at_text, format!("`corrections.at`: {msg}"))
                        .help("write a date as 2025-05-16 or a UTC time as 2025-05-16T09:30:00Z"),
                );
                None
            }
        };
        let question = match &c.question {
            None => Some(None),
            Some(id) => match questions.iter().find(|q| q.id == *id) {
                Some(q) => Some(Some(q)),
                None => {
                    let help = match did_you_mean(id, questions.iter().map(|q| q.id.as_str())) {
                        Some(s) => format!("did you mean `{s}`?"),
                        None => {
                            "use the id of one of this explainer's questions (its `{#id}`)".into()
                        }
                    };
                    errors.push(
                        src.error_near(
                            fm,
                            &format!("question: {id}"),
                            format!("the correction names a missing question `{id}`"),
                        )
                        .help(help),
                    );
                    None
                }
            },
        };
        if let (Some(at), Some(q)) = (at, question) {
            out.push(Correction {
                at,
                html: markdown::render_inline(&c.text, allow_raw_html),
                text: c.text.clone(),
                question: q.map(|q| q.id.clone()),
                question_title: q.map(|q| q.title.clone()),
            });
        }
    }
    out.sort_by_key(|c| std::cmp::Reverse(c.at.timestamp));
    out
}

/// The newest of the updates and corrections (both newest first); an update wins a tie.
pub fn latest(updates: &[Update], corrections: &[Correction]) -> Option<Latest> {
    let u = updates.first();
    let c = corrections.first();
    match (u, c) {
        (Some(c_u), Some(c_c)) if c_c.at.timestamp > c_u.at.timestamp => Some(from_correction(c_c)),
        (Some(u), _) => Some(Latest {
            kind: "update",
            at: u.at.clone(),
            html: u.html.clone(),
            anchor: "updates",
        }),
        (None, Some(c)) => Some(from_correction(c)),
        (None, None) => None,
    }
}

fn from_correction(c: &Correction) -> Latest {
    Latest {
        kind: "correction",
        at: c.at.clone(),
        html: c.html.clone(),
        anchor: "corrections",
    }
}

/// Each author's page: every member of staff, and each person who is in a byline, with the
/// explainers they wrote (in `explainers`' order: newest first).
pub fn authors(bylines: &Bylines, explainers: &[Explainer]) -> Vec<Author> {
    let mut written: HashMap<&str, Vec<Authored>> = HashMap::new();
    let mut people_bylined: Vec<Arc<Byline>> = Vec::new();
    for e in explainers {
        for b in &e.authors {
            let list = written.entry(b.id.as_str()).or_default();
            if list.is_empty() && b.person_path.is_some() {
                people_bylined.push(Arc::clone(b));
            }
            list.push(Authored {
                title: e.title.clone(),
                path: e.path.clone(),
                published: e.published.clone(),
            });
        }
    }
    people_bylined.sort_by(|a, b| a.id.cmp(&b.id));
    bylines
        .staff
        .iter()
        .chain(&people_bylined)
        .map(|b| Author {
            who: Arc::clone(b),
            explainers: written.remove(b.id.as_str()).unwrap_or_default(),
        })
        .collect()
}

/// The byline as JSON-LD `Person`s, each with its author page as `url` (and its page
/// elsewhere as `sameAs`).
pub fn authors_ld(base_url: &str, authors: &[Arc<Byline>]) -> serde_json::Value {
    let people: Vec<serde_json::Value> = authors
        .iter()
        .map(|b| {
            let mut p = serde_json::json!({
                "@type": "Person",
                "name": b.name,
                "url": format!("{base_url}{}", b.path),
            });
            if !b.role.is_empty() {
                p["jobTitle"] = serde_json::json!(b.role);
            }
            if let Some(u) = &b.url {
                p["sameAs"] = serde_json::json!(u);
            }
            p
        })
        .collect();
    serde_json::Value::Array(people)
}

/// Corrections as JSON-LD `CorrectionComment`s: those of the whole explainer, or of one
/// question (`Some(id)`: those naming it).
pub fn corrections_ld(corrections: &[Correction], only: Option<&str>) -> Vec<serde_json::Value> {
    corrections
        .iter()
        .filter(|c| only.is_none() || c.question.as_deref() == only)
        .map(|c| {
            serde_json::json!({
                "@type": "CorrectionComment",
                "text": crate::text::typography::plain_text(&c.html),
                "datePublished": c.at.iso,
            })
        })
        .collect()
}

/// The updates as a live blog's `liveBlogUpdate` entries (`BlogPosting`s), newest first.
pub fn live_updates_ld(explainer_url: &str, updates: &[Update]) -> Vec<serde_json::Value> {
    updates
        .iter()
        .map(|u| {
            let text = crate::text::typography::plain_text(&u.html);
            serde_json::json!({
                "@type": "BlogPosting",
                "headline": crate::text::typography::shorten(&text, 110),
                "articleBody": text,
                "datePublished": u.at.iso,
                "url": format!("{explainer_url}#updates"),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn update(at: &str) -> Update {
        Update {
            at: dates::parse(at).unwrap(),
            html: format!("update {at}"),
            text: format!("update {at}"),
        }
    }

    fn correction(at: &str) -> Correction {
        Correction {
            at: dates::parse(at).unwrap(),
            html: format!("correction {at}"),
            text: format!("correction {at}"),
            question: None,
            question_title: None,
        }
    }

    #[test]
    fn latest_is_the_newest_update_or_correction() {
        let u = [update("2026-03-02T12:00:00Z")];
        let c = [correction("2026-03-02T13:00:00Z")];
        assert!(latest(&[], &[]).is_none());
        let l = latest(&u, &c).unwrap();
        assert_eq!((l.kind, l.anchor), ("correction", "corrections"));
        assert_eq!(l.html, "correction 2026-03-02T13:00:00Z");
        let older = [correction("2026-03-02T11:00:00Z")];
        assert_eq!(latest(&u, &older).unwrap().kind, "update");
        assert_eq!(latest(&[], &older).unwrap().kind, "correction");
        // A tie goes to the update: the news, not the fix.
        let same = [correction("2026-03-02T12:00:00Z")];
        assert_eq!(latest(&u, &same).unwrap().kind, "update");
    }
}
