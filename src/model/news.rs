//! The newsroom's values in the model: bylines, author pages, corrections and the latest
//! change (the newsroom module makes them).

use std::collections::HashMap;
use std::sync::Arc;

use serde::Serialize;

use crate::text::dates::When;

/// Someone in a byline: a member of staff (authors.yaml) or a person (people.yaml).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Byline {
    pub id: String,
    pub name: String,
    pub role: String,
    /// Their page elsewhere, as authors.yaml gives it.
    pub url: Option<String>,
    /// Site-relative path of their author page: `authors/<id>/`.
    pub path: String,
    /// Their who's-who page, when the byline names someone in people.yaml.
    pub person_path: Option<String>,
}

/// An author's page: who they are and the explainers they wrote, newest first.
#[derive(Debug, Clone, Serialize)]
pub struct Author {
    #[serde(flatten)]
    pub who: Arc<Byline>,
    pub explainers: Vec<Authored>,
}

/// An explainer on an author's page.
#[derive(Debug, Clone, Serialize)]
pub struct Authored {
    pub title: String,
    pub path: String,
    pub published: When,
}

/// Everyone a byline may name: the staff (in authors.yaml order) and, by id, staff and people.
#[derive(Debug, Clone, Default)]
pub struct Bylines {
    pub staff: Vec<Arc<Byline>>,
    pub by_id: HashMap<String, Arc<Byline>>,
}

/// A correction as pages show it.
#[derive(Debug, Clone, Serialize)]
pub struct Correction {
    pub at: When,
    pub html: String,
    pub text: String,
    /// The question it is about (its id and title), if one.
    pub question: Option<String>,
    pub question_title: Option<String>,
}

/// The newest update or correction, shown at the top of the explainer.
#[derive(Debug, Clone, Serialize)]
pub struct Latest {
    /// `update` or `correction`.
    pub kind: &'static str,
    pub at: When,
    pub html: String,
    /// Where the full entry is on the page: `updates` or `corrections`.
    pub anchor: &'static str,
}
