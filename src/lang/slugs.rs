//! A translation's own URL slug (`slug:` in `index.uk.md`: `/uk/<slug>/`): checked as an
//! id, against the pages parley makes, and against the language's other explainers.

use std::collections::HashMap;

use crate::diag::ContentError;
use crate::load::RawExplainer;
use crate::load::frontmatter::key_offset;
use crate::text::slug;

use super::Language;

/// The folders of a language's own pages: an explainer may not take their names.
const RESERVED: &[&str] = &[
    "people",
    "search",
    "series",
    "topics",
    "countries",
    "page",
    "pagefind",
    "__parley",
];

/// Check the `slug:` of each of `lang`'s explainers (the originals shown untranslated have
/// none); a wrong one is reported and dropped (the folder's name serves instead).
pub(crate) fn check(explainers: &mut [RawExplainer], lang: &Language) -> Vec<ContentError> {
    let mut errors = Vec::new();
    for r in explainers.iter_mut() {
        let Some(s) = r.front.slug.clone() else {
            continue;
        };
        let problem = if !slug::is_valid_id(&s) {
            let better = slug::slugify_in(&s, &lang.tag);
            let better = if better.is_empty() {
                r.slug.clone()
            } else {
                better
            };
            Some((
                format!("the slug `{s}` cannot be used in a URL"),
                format!("use letters, digits and dashes, e.g. `slug: {better}`"),
            ))
        } else if RESERVED.contains(&s.as_str()) {
            Some((
                format!(
                    "the slug `{s}` is the folder of pages parley makes (/{}{s}/)",
                    lang.folder
                ),
                format!(
                    "give the explainer another slug, e.g. `slug: {}-{s}`",
                    r.slug
                ),
            ))
        } else {
            None
        };
        if let Some((message, help)) = problem {
            errors.push(at_slug(r, &s, message, help));
            r.front.slug = None;
        }
    }
    // Unique in the language: each URL slug (its own, else its folder's) once.
    let mut owner: HashMap<String, String> = HashMap::new();
    for r in explainers.iter().filter(|r| r.front.slug.is_none()) {
        owner.insert(r.slug.clone(), r.slug.clone());
    }
    for r in explainers.iter_mut() {
        let Some(s) = r.front.slug.clone() else {
            continue;
        };
        match owner.get(&s) {
            Some(other) if *other != r.slug => {
                let message = format!(
                    "the slug `{s}` is also the URL of content/{other}/ in {} (/{}{s}/)",
                    lang.name, lang.folder
                );
                let help = format!(
                    "give this translation a slug no other explainer has in {}, e.g. `slug: {s}-{}`",
                    lang.name, r.slug
                );
                errors.push(at_slug(r, &s, message, help));
                r.front.slug = None;
            }
            _ => {
                owner.insert(s, r.slug.clone());
            }
        }
    }
    errors
}

/// An error at the value of `slug:` in `r`'s front matter.
fn at_slug(r: &RawExplainer, value: &str, message: String, help: String) -> ContentError {
    let at = key_offset(&r.source, r.front_offset, "slug");
    r.source.error_near(at, value, message).help(help)
}
