//! The terms a site declares: content/series.yaml, topics.yaml and countries.yaml (and
//! their translations, `topics.uk.yaml`), read and parsed, not yet checked.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diag::{ContentError, Source, did_you_mean};

/// The kinds of term a site may declare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Series,
    Topic,
    Country,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Series, Kind::Topic, Kind::Country];

    /// The folder of its pages in URLs, and its key in front matter.
    pub fn folder(self) -> &'static str {
        match self {
            Kind::Series => "series",
            Kind::Topic => "topics",
            Kind::Country => "countries",
        }
    }

    /// The file in content/ that declares it.
    pub fn file(self) -> &'static str {
        match self {
            Kind::Series => "series.yaml",
            Kind::Topic => "topics.yaml",
            Kind::Country => "countries.yaml",
        }
    }

    pub(crate) fn noun(self) -> &'static str {
        match self {
            Kind::Series => "series",
            Kind::Topic => "topic",
            Kind::Country => "country",
        }
    }

    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

/// An entry of content/series.yaml.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct SeriesEntry {
    #[serde(deserialize_with = "crate::schema::text")]
    id: String,
    #[serde(deserialize_with = "crate::schema::text")]
    title: String,
    #[serde(default, deserialize_with = "crate::schema::opt_text")]
    description: Option<String>,
}

/// An entry of content/topics.yaml.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct TopicEntry {
    #[serde(deserialize_with = "crate::schema::text")]
    id: String,
    #[serde(deserialize_with = "crate::schema::text")]
    name: String,
    #[serde(default, deserialize_with = "crate::schema::opt_text")]
    description: Option<String>,
}

/// An entry of content/countries.yaml: an ISO 3166-1 alpha-2 code and the name to show.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct CountryEntry {
    #[serde(deserialize_with = "crate::schema::text")]
    code: String,
    #[serde(deserialize_with = "crate::schema::text")]
    name: String,
}

/// A declared term as read, before it is checked.
#[derive(Debug, Clone, PartialEq)]
pub struct RawTerm {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
}

/// The three declaring files as read: each one's terms and its source (none: no file).
#[derive(Debug, Clone, Default)]
pub struct Declared(pub [(Vec<RawTerm>, Option<Source>); 3]);

/// Series entries as terms.
fn series_terms(v: Vec<SeriesEntry>) -> Vec<RawTerm> {
    v.into_iter()
        .map(|s| RawTerm {
            id: s.id,
            name: s.title,
            description: s.description,
        })
        .collect()
}

/// Topic entries as terms.
fn topic_terms(v: Vec<TopicEntry>) -> Vec<RawTerm> {
    v.into_iter()
        .map(|t| RawTerm {
            id: t.id,
            name: t.name,
            description: t.description,
        })
        .collect()
}

/// Country entries as terms (the code as the id).
fn country_terms(v: Vec<CountryEntry>) -> Vec<RawTerm> {
    v.into_iter()
        .map(|c| RawTerm {
            id: c.code,
            name: c.name,
            description: None,
        })
        .collect()
}

/// Read content/series.yaml, topics.yaml and countries.yaml (each optional).
pub fn load(root: &Path, content: &Path, errors: &mut Vec<ContentError>) -> Declared {
    use super::read_list;
    let file = |k: Kind| content.join(k.file());
    let series = read_list(root, &file(Kind::Series), errors, series_terms);
    let topics = read_list(root, &file(Kind::Topic), errors, topic_terms);
    let countries = read_list(root, &file(Kind::Country), errors, country_terms);
    Declared([series, topics, countries])
}

impl Declared {
    /// The terms as the site in language `lang` shows them: names (and descriptions) from
    /// `content/<file>.<lang>.yaml` (`topics.uk.yaml`, same form as the original) where it
    /// has them, the original's otherwise. A term the original does not declare is an
    /// error in the translating file.
    pub fn translated(&self, root: &Path, lang: &str, errors: &mut Vec<ContentError>) -> Declared {
        use super::read_list;
        let mut out = self.clone();
        for kind in Kind::ALL {
            let stem = kind.file().trim_end_matches(".yaml");
            let path = root.join("content").join(format!("{stem}.{lang}.yaml"));
            let (list, src) = match kind {
                Kind::Series => read_list(root, &path, errors, series_terms),
                Kind::Topic => read_list(root, &path, errors, topic_terms),
                Kind::Country => read_list(root, &path, errors, country_terms),
            };
            let Some(src) = src else { continue };
            let terms = &mut out.0[kind.index()].0;
            for t in list {
                match terms.iter_mut().find(|o| o.id == t.id) {
                    Some(o) => {
                        o.name = t.name;
                        o.description = t.description.or(o.description.take());
                    }
                    None => {
                        errors.push(not_in_original(kind, &src, &t.id, &self.0[kind.index()].0))
                    }
                }
            }
        }
        out
    }
}

/// A translating file's term that the original file does not declare.
fn not_in_original(kind: Kind, src: &Source, id: &str, original: &[RawTerm]) -> ContentError {
    let key = match kind {
        Kind::Country => "code",
        _ => "id",
    };
    let help = match did_you_mean(id, original.iter().map(|t| t.id.as_str())) {
        Some(s) => format!("did you mean `{s}`?"),
        None => format!(
            "translate only the terms of content/{}, by their {key}",
            kind.file()
        ),
    };
    src.error_near(
        0,
        &format!("{key}: {id}"),
        format!("unknown {} `{id}`", kind.noun()),
    )
    .help(help)
}

/// Parse the text of a declaring file of `kind` (as [`load`] does, for tests).
pub fn parse(kind: Kind, src: &Source) -> Result<Vec<RawTerm>, ContentError> {
    let text = src.text.clone();
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    match kind {
        Kind::Series => crate::load::yaml::parse(src, 0, &text).map(series_terms),
        Kind::Topic => crate::load::yaml::parse(src, 0, &text).map(topic_terms),
        Kind::Country => crate::load::yaml::parse(src, 0, &text).map(country_terms),
    }
}
