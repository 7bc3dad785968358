//! The template values: what each template sees of the model, made once per thing and
//! shared between the pages that show it.

use std::collections::HashMap;

use serde::Serialize;
use tera::Value;
use tera::value::Key;

use crate::dates::When;
use crate::model::{Answers, Event, Explainer, Person, Positions, Talks, Update};
use crate::schema::{Image, SourceEntry};

/// A person as shortcodes see them: who they are, without their back-links (which grow
/// with the archive and belong to their own page).
#[derive(Serialize)]
pub(crate) struct PersonCard<'a> {
    id: &'a str,
    name: &'a str,
    role: &'a str,
    party: &'a str,
    aliases: &'a [String],
    native_name: Option<&'a str>,
    native_lang: Option<&'a str>,
    bio: Option<&'a str>,
    path: &'a str,
}

pub(crate) fn card(p: &Person) -> PersonCard<'_> {
    PersonCard {
        id: &p.id,
        name: &p.name,
        role: &p.role,
        party: &p.party,
        aliases: &p.aliases,
        native_name: p.native_name.as_deref(),
        native_lang: p.native_lang.as_deref(),
        bio: p.bio.as_deref(),
        path: &p.path,
    }
}

/// The people as shortcodes see them: id -> person card.
pub fn people_value(people: &[Person]) -> Value {
    let people_map: HashMap<&str, PersonCard> =
        people.iter().map(|p| (p.id.as_str(), card(p))).collect();
    Value::from_serializable(&people_map)
}

/// An explainer as lists see it (the home page's `explainers`): every field of the
/// explainer's own template value but the answers' HTML (`lead_html`, each question's `html`),
/// which only its own pages show. A list of ten thousand explainers stays small this way.
#[derive(Serialize)]
struct Listing<'a> {
    slug: &'a str,
    path: &'a str,
    title: &'a str,
    summary: &'a str,
    published: &'a When,
    updated: &'a When,
    was_updated: bool,
    draft: bool,
    image: &'a Option<Image>,
    talks: &'a Option<Talks>,
    updates: &'a [Update],
    sources: &'a [SourceEntry],
    questions: Vec<QuestionListing<'a>>,
    timeline: &'a [Event],
    positions: &'a Option<Positions>,
}

/// A question as lists see it: everything but its answer's HTML.
#[derive(Serialize)]
struct QuestionListing<'a> {
    id: &'a str,
    title: &'a str,
    title_html: &'a str,
    updated: &'a Option<When>,
    path: &'a str,
    position: usize,
}

/// An explainer's template value for lists: every field of its own value but the answers' HTML.
pub fn listing(e: &Explainer) -> Value {
    Value::from_serializable(&Listing {
        slug: &e.slug,
        path: &e.path,
        title: &e.title,
        summary: &e.summary,
        published: &e.published,
        updated: &e.updated,
        was_updated: e.was_updated,
        draft: e.draft,
        image: &e.image,
        talks: &e.talks,
        updates: &e.updates,
        sources: &e.sources,
        questions: e
            .questions
            .iter()
            .map(|q| QuestionListing {
                id: &q.id,
                title: &q.title,
                title_html: &q.title_html,
                updated: &q.updated,
                path: &q.path,
                position: q.position,
            })
            .collect(),
        timeline: &e.timeline,
        positions: &e.positions,
    })
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
