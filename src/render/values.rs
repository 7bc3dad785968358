//! The template values: what each template sees of the model, made once per thing and
//! shared between the pages that show it.

use std::collections::HashMap;
use std::sync::OnceLock;

use tera::Value;
use tera::value::Key;

use super::output::{Inputs, value_hash};
use crate::model::{Answers, Explainer, Person};

/// A person's own page's value: the person serialised (as shortcodes and Who's who see
/// them) with their back-links, `mentions` and `roles_in`.
pub(crate) fn person_page(p: &Person) -> Value {
    let mut map = Value::from_serializable(p)
        .as_map()
        .cloned()
        .unwrap_or_default();
    map.insert(Key::from("mentions"), Value::from_serializable(&p.mentions));
    map.insert(Key::from("roles_in"), Value::from_serializable(&p.roles_in));
    Value::from(map)
}

/// The people's template values, made once per site.
pub struct PeopleValues {
    /// As shortcodes see them (`people`): id -> person card.
    pub cards: Value,
    /// The hash of `cards` ([`value_hash`]): what shortcodes see of people.
    pub cards_hash: u128,
    /// Each person's (id, name), in the site's order (the order of [`Explainer::mentions`]).
    names: Vec<(String, String)>,
}

/// No people (a placeholder while a [`PeopleValues`] is moved out of a struct).
impl Default for PeopleValues {
    fn default() -> PeopleValues {
        PeopleValues::new(&[])
    }
}

impl PeopleValues {
    pub fn new(people: &[Person]) -> PeopleValues {
        let cards: HashMap<&str, &Person> = people.iter().map(|p| (p.id.as_str(), p)).collect();
        let cards = Value::from_serializable(&cards);
        PeopleValues {
            cards_hash: value_hash(&cards),
            cards,
            names: people
                .iter()
                .map(|p| (p.id.clone(), p.name.clone()))
                .collect(),
        }
    }

    /// The names of the people `e`'s lead or answers mention who do not sit at its talks
    /// (those are in `talks`), in the site's order of people.
    pub fn mentioned<'p>(&'p self, e: &Explainer) -> Vec<&'p str> {
        let seated: Vec<&str> = e
            .talks
            .iter()
            .flat_map(|t| {
                t.parties
                    .iter()
                    .flat_map(|p| p.head.iter().chain(&p.members))
                    .chain(&t.mediators)
            })
            .map(|r| r.id.as_str())
            .collect();
        let mut all: Vec<usize> = e.mentions.iter().flatten().copied().collect();
        all.sort_unstable();
        all.dedup();
        all.into_iter()
            .filter_map(|i| self.names.get(i))
            .filter(|(id, _)| !seated.contains(&id.as_str()))
            .map(|(_, name)| name.as_str())
            .collect()
    }
}

/// An explainer as lists see it (the home page's `explainers`): the explainer serialised,
/// which leaves out the answers' HTML (see [`Explainer::lead_html`]).
pub fn listing(e: &Explainer) -> Value {
    Value::from_serializable(e)
}

/// The hash of an explainer's [`listing`]: of the explainer serialised (structs and lists,
/// one order), which is what the listing is made of.
fn listing_hash(e: &Explainer) -> u128 {
    let mut h = Inputs::new(0);
    h.add_serialized("explainer", e);
    h.finish()
}

/// An explainer's [`listing`], made when first asked for (a rebuild that keeps every page
/// showing the explainer never asks), with its [`listing_hash`] for a sink that remembers.
pub struct Listed<'e> {
    explainer: &'e Explainer,
    value: OnceLock<Value>,
    pub hash: Option<u128>,
}

impl<'e> Listed<'e> {
    /// `hashed`: whether the sink remembers, and so needs the hash.
    pub fn new(explainer: &'e Explainer, hashed: bool) -> Listed<'e> {
        Listed {
            explainer,
            value: OnceLock::new(),
            hash: hashed.then(|| listing_hash(explainer)),
        }
    }

    /// A listing made before (`serve` keeps them; it does not remember pages, so no hash).
    pub fn made(explainer: &'e Explainer, value: Value) -> Listed<'e> {
        Listed {
            explainer,
            value: OnceLock::from(value),
            hash: None,
        }
    }

    pub fn value(&self) -> &Value {
        self.value.get_or_init(|| listing(self.explainer))
    }

    pub fn into_value(self) -> Value {
        let explainer = self.explainer;
        (self.value.into_inner()).unwrap_or_else(|| listing(explainer))
    }
}

/// An explainer's own template value: its [`listing`] (shared, not serialised again) plus
/// the answers' HTML.
pub fn full_value(listing: &Value, answers: &Answers) -> Value {
    let mut map = listing.as_map().cloned().unwrap_or_default();
    map.insert(Key::from("lead_html"), Value::from(&*answers.lead));
    let listed = listing
        .get_from_path("questions")
        .and_then(Value::as_array)
        .unwrap_or(&[]);
    let questions: Vec<Value> = listed
        .iter()
        .zip(&answers.questions)
        .map(|(lq, html)| {
            let mut qm = lq.as_map().cloned().unwrap_or_default();
            qm.insert(Key::from("html"), Value::from(&**html));
            Value::from(qm)
        })
        .collect();
    map.insert(Key::from("questions"), Value::from(questions));
    Value::from(map)
}
