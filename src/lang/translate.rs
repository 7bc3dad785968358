//! One language's content: each explainer's translation laid over its original (text from
//! the translation, facts from the original), and people's translated names and roles.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::diag::{ContentError, did_you_mean};
use crate::load::frontmatter;
use crate::load::yaml::{self, Part};
use crate::load::{Loaded, RawExplainer, RawTranslation};
use crate::schema::{EventEntry, FrontMatter, PersonTranslation, PositionsFile};

use super::Language;

/// Front matter keys that are facts: a translation repeats them or leaves them out.
fn front_fact(path: &str) -> bool {
    matches!(
        path,
        "published"
            | "updated"
            | "draft"
            | "authors"
            | "image.src"
            | "talks.when"
            | "talks.when.at"
            | "talks.when.tentative"
            | "talks.timezone"
            | "talks.status"
            | "talks.parties.head"
            | "talks.parties.members"
            | "talks.mediators"
            | "updates.at"
            | "corrections.at"
            | "corrections.question"
            | "sources.url"
            | "series"
            | "topics"
            | "countries"
    )
}

/// timeline.yaml keys that are facts: the dates and links.
fn timeline_fact(path: &str) -> bool {
    path == "date" || path.starts_with("date.") || path == "link"
}

/// One language's [`Loaded`]: explainers translated into it (else, with `fallback`, their
/// originals; else left out), and its people. Also returns the slugs shown untranslated.
pub(crate) fn language(
    root: &Path,
    original: &Loaded,
    lang: &Language,
    ids: &HashMap<String, Vec<String>>,
    fallback: bool,
) -> (Loaded, HashSet<String>, Vec<ContentError>) {
    let mut errors = Vec::new();
    let mut fallbacks = HashSet::new();
    let mut explainers = Vec::new();
    // Translations that failed (their problems are reported) are not also missing pages.
    let mut failed = original.failed.clone();
    for r in &original.explainers {
        match r.translations.iter().find(|t| t.code == lang.code) {
            Some(t) => {
                let question_ids = ids.get(&r.slug).cloned().unwrap_or_default();
                match explainer(r, t, question_ids) {
                    Ok(x) => explainers.push(x),
                    Err(mut e) => {
                        errors.append(&mut e);
                        failed.push(r.slug.clone());
                    }
                }
            }
            None if fallback => {
                fallbacks.insert(r.slug.clone());
                explainers.push(r.clone());
            }
            None => {}
        }
    }
    let people = people(root, original, lang, &mut errors);
    let loaded = Loaded {
        config: original.config.clone(),
        config_source: original.config_source.clone(),
        people,
        people_source: original.people_source.clone(),
        authors: original.authors.clone(),
        authors_source: original.authors_source.clone(),
        taxonomy: original.taxonomy.translated(root, &lang.code, &mut errors),
        explainers,
        failed,
    };
    (loaded, fallbacks, errors)
}

/// An explainer's translation, laid over the original `r`; its questions take `ids` (the
/// original's) unless a heading sets its own.
pub(crate) fn explainer(
    r: &RawExplainer,
    t: &RawTranslation,
    ids: Vec<String>,
) -> Result<RawExplainer, Vec<ContentError>> {
    let Some(src) = &t.index else {
        let file = t
            .timeline
            .as_ref()
            .or(t.positions.as_ref())
            .expect("a file");
        return Err(vec![
            file.error_at(0, 0, format!("a translation without index.{}.md", t.code))
                .help(format!(
                    "translate index.md into index.{}.md beside it, or remove this file",
                    t.code
                )),
        ]);
    };
    let split = frontmatter::split(&src.text).map_err(|at| {
        vec![
            src.error_at(at, 3, "front matter is not closed")
                .help("end the front matter with a line `---`"),
        ]
    })?;
    let orig = frontmatter::split(&r.source.text).map_err(|_| Vec::new())?;
    let part = |s, offset, text| Part {
        source: s,
        offset,
        text,
    };
    let front: FrontMatter = yaml::parse_overlay(
        part(&r.source, orig.yaml_offset, orig.yaml),
        part(src, split.yaml_offset, split.yaml),
        &front_fact,
        false,
    )?;
    let mut errors = Vec::new();
    let mut data = |original: Option<&crate::diag::Source>, tr: Option<&crate::diag::Source>| match (
        original, tr,
    ) {
        (Some(o), Some(t)) => Some((o.clone(), t.clone())),
        (None, Some(t)) => {
            errors.push(
                t.error_at(0, 0, "this translation has no original beside it")
                    .help("a translation adds nothing: remove it, or add the original first"),
            );
            None
        }
        _ => None,
    };
    let timeline_pair = data(r.timeline.as_ref().map(|t| &t.0), t.timeline.as_ref());
    let positions_pair = data(r.positions.as_ref().map(|p| &p.0), t.positions.as_ref());
    fn whole(s: &crate::diag::Source) -> Part<'_> {
        Part {
            source: s,
            offset: 0,
            text: &s.text,
        }
    }
    let mut timeline = r.timeline.clone();
    if let Some((o, tr)) = &timeline_pair {
        match yaml::parse_overlay::<Vec<EventEntry>>(whole(o), whole(tr), &timeline_fact, false) {
            Ok(v) => timeline = Some((tr.clone(), v)),
            Err(mut e) => errors.append(&mut e),
        }
    }
    let mut positions = r.positions.clone();
    if let Some((o, tr)) = &positions_pair {
        match yaml::parse_overlay::<PositionsFile>(whole(o), whole(tr), &|_| false, true) {
            Ok(v) => positions = Some((tr.clone(), v)),
            Err(mut e) => errors.append(&mut e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(RawExplainer {
        slug: r.slug.clone(),
        source: src.clone(),
        front,
        front_offset: split.yaml_offset,
        body_offset: split.body_offset,
        timeline,
        positions,
        assets: r.assets.clone(),
        dir: r.dir.clone(),
        translations: Vec::new(),
        question_ids: ids,
    })
}

/// The people in `lang`: people.<code>.yaml's names, roles, countries, bios and aliases over
/// people.yaml's entries, by id.
fn people(
    root: &Path,
    original: &Loaded,
    lang: &Language,
    errors: &mut Vec<ContentError>,
) -> Vec<crate::schema::PersonEntry> {
    let mut people = original.people.clone();
    let path = root
        .join("content")
        .join(format!("people.{}.yaml", lang.code));
    if path.symlink_metadata().is_err() {
        return people;
    }
    let src = match crate::load::read_source(root, &path) {
        Ok(s) => s,
        Err(e) => {
            errors.push(e);
            return people;
        }
    };
    let list: Vec<PersonTranslation> = match yaml::parse(&src, 0, &src.text) {
        Ok(l) => l,
        Err(e) => {
            errors.push(e);
            return people;
        }
    };
    for t in list {
        let Some(p) = people.iter_mut().find(|p| p.id == t.id) else {
            let help = match did_you_mean(&t.id, original.people.iter().map(|p| p.id.as_str())) {
                Some(s) => format!("did you mean `{s}`?"),
                None => "translate only people of content/people.yaml, by their id".into(),
            };
            errors.push(
                src.error_near(
                    0,
                    &format!("id: {}", t.id),
                    format!("unknown person id `{}`", t.id),
                )
                .help(help),
            );
            continue;
        };
        p.name = t.name.unwrap_or(std::mem::take(&mut p.name));
        p.role = t.role.unwrap_or(std::mem::take(&mut p.role));
        p.party = t.party.unwrap_or(std::mem::take(&mut p.party));
        p.country = t.country.or(p.country.take());
        p.bio = t.bio.or(p.bio.take());
        p.aliases.extend(t.aliases);
    }
    people
}
