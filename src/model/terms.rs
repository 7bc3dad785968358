//! Series, topics and countries in the model: the declared terms, an explainer's terms and
//! its place in a series, and its related explainers (the taxonomy module makes them).

use std::collections::HashMap;
use std::sync::Arc;

use serde::Serialize;

use crate::load::terms::Kind;
use crate::schema::RelatedConfig;
use crate::text::dates::When;

/// A declared term, as pages show it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Term {
    pub kind: Kind,
    /// As explainers name it: the series' or topic's id, the country's code (`UA`).
    pub id: String,
    /// The series' title, the topic's or country's name.
    pub name: String,
    pub description: Option<String>,
    /// Site-relative path of its page: `topics/<id>/`, `countries/ua/`.
    pub path: String,
}

/// The site's terms, checked, with the settings of the pages made from them.
#[derive(Debug, Clone, Default)]
pub struct Taxonomy {
    /// Per kind ([`Kind::ALL`] order), in the order declared.
    pub terms: [Vec<Arc<Term>>; 3],
    pub(crate) by_id: [HashMap<String, usize>; 3],
    /// Whether the kind's file exists (an explainer may use a kind only when it does).
    pub(crate) declared: [bool; 3],
    /// Terms declared wrongly (reported in their file, not again where explainers name
    /// them), by kind, upper-cased.
    pub(crate) rejected: [std::collections::HashSet<String>; 3],
    /// Explainers per list page (0: one page).
    pub paginate_by: usize,
    pub related: RelatedConfig,
}

/// An explainer as a link on another's page (series neighbours, related explainers).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Link {
    pub slug: String,
    pub title: String,
    pub path: String,
    pub published: When,
}

/// An explainer's place in its series.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Round {
    /// The series.
    pub term: Arc<Term>,
    /// 1 for the first round.
    pub position: usize,
    pub count: usize,
    pub prev: Option<Link>,
    pub next: Option<Link>,
}

/// The terms as an explainer's front matter writes them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Written {
    pub series: Option<String>,
    pub topics: Vec<String>,
    pub countries: Vec<String>,
}

/// An explainer's series, topics and countries, and its related explainers (the taxonomy
/// module resolves and chooses them).
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Taxa {
    pub series: Option<Round>,
    pub topics: Vec<Arc<Term>>,
    pub countries: Vec<Arc<Term>>,
    /// Best first.
    pub related: Vec<Link>,
    #[serde(skip)]
    pub written: Written,
}
