//! The template values: what each template sees of the model, made once per thing and
//! shared between the pages that show it.

use std::collections::HashMap;
use std::sync::Arc;

use serde::Serialize;
use tera::Value;
use tera::value::Key;

use crate::model::newsroom::{Byline, Correction, Latest};
use crate::model::{
    Answers, Event, Explainer, Original, Person, PersonRef, Positions, Talks, Update, person_refs,
};
use crate::schema::{Image, SourceEntry};
use crate::text::dates::When;

/// A person as shortcodes see them: who they are, without their back-links (which grow
/// with the archive and belong to their own page).
#[derive(Serialize)]
pub(crate) struct PersonCard<'a> {
    id: &'a str,
    name: &'a str,
    role: &'a str,
    party: &'a str,
    country: Option<&'a str>,
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
        country: p.country.as_deref(),
        aliases: &p.aliases,
        native_name: p.native_name.as_deref(),
        native_lang: p.native_lang.as_deref(),
        bio: p.bio.as_deref(),
        path: &p.path,
    }
}

/// The people's template values, made once per site.
pub struct PeopleValues {
    /// As shortcodes see them (`people`): id -> person card.
    pub cards: Value,
    /// As explainers seat them (`explainer.talks`): id -> [`PersonRef`]. Every explainer's
    /// talks share these (a Tera value is a pointer), instead of each holding a copy.
    refs: HashMap<String, Value>,
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
        let cards: HashMap<&str, PersonCard> =
            people.iter().map(|p| (p.id.as_str(), card(p))).collect();
        let refs = person_refs(people)
            .iter()
            .map(|r| (r.id.clone(), Value::from_serializable(&**r)))
            .collect();
        PeopleValues {
            cards: Value::from_serializable(&cards),
            refs,
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

    /// `r`'s shared value (made afresh for someone not among the site's people).
    fn person(&self, r: &PersonRef) -> Value {
        self.refs
            .get(&r.id)
            .cloned()
            .unwrap_or_else(|| Value::from_serializable(r))
    }
}

/// [`Talks`] as templates see them: the same fields, serialised the same way, with the
/// people's values shared (see [`PeopleValues`]). The test
/// `talks_as_listed_are_the_talks_serialised` holds the two field lists together.
#[derive(Serialize)]
struct TalksListing<'a> {
    name: &'a str,
    when: &'a Option<When>,
    tentative: bool,
    when_label: &'a Option<String>,
    when_note: &'a Option<String>,
    when_text: &'a Option<String>,
    local_time: &'a Option<String>,
    local_iso: &'a Option<String>,
    timezone: &'a Option<String>,
    place: &'a Option<String>,
    venue: &'a Option<String>,
    host: &'a Option<String>,
    status: &'a str,
    status_key: &'a str,
    status_schema: &'a str,
    parties: Vec<PartyListing<'a>>,
    mediators: Vec<Value>,
}

/// A [`Party`](crate::model::Party) as templates see it.
#[derive(Serialize)]
struct PartyListing<'a> {
    name: &'a str,
    head: Option<Value>,
    members: Vec<Value>,
    others: &'a Option<String>,
}

impl<'a> TalksListing<'a> {
    fn new(t: &'a Talks, people: &PeopleValues) -> TalksListing<'a> {
        let all = |rs: &[Arc<PersonRef>]| rs.iter().map(|r| people.person(r)).collect();
        TalksListing {
            name: &t.name,
            when: &t.when,
            tentative: t.tentative,
            when_label: &t.when_label,
            when_note: &t.when_note,
            when_text: &t.when_text,
            local_time: &t.local_time,
            local_iso: &t.local_iso,
            timezone: &t.timezone,
            place: &t.place,
            venue: &t.venue,
            host: &t.host,
            status: &t.status,
            status_key: &t.status_key,
            status_schema: &t.status_schema,
            parties: t
                .parties
                .iter()
                .map(|p| PartyListing {
                    name: &p.name,
                    head: p.head.as_deref().map(|r| people.person(r)),
                    members: all(&p.members),
                    others: &p.others,
                })
                .collect(),
            mediators: all(&t.mediators),
        }
    }
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
    fallback: &'a Option<Original>,
    image: &'a Option<Image>,
    talks: Option<TalksListing<'a>>,
    updates: &'a [Update],
    sources: &'a [SourceEntry],
    authors: &'a [Arc<Byline>],
    corrections: &'a [Correction],
    latest: &'a Option<Latest>,
    #[serde(flatten)]
    taxa: &'a crate::taxonomy::Taxa,
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
pub fn listing(e: &Explainer, people: &PeopleValues) -> Value {
    Value::from_serializable(&Listing {
        slug: &e.slug,
        path: &e.path,
        title: &e.title,
        summary: &e.summary,
        published: &e.published,
        updated: &e.updated,
        was_updated: e.was_updated,
        draft: e.draft,
        fallback: &e.fallback,
        image: &e.image,
        talks: e.talks.as_ref().map(|t| TalksListing::new(t, people)),
        updates: &e.updates,
        sources: &e.sources,
        authors: &e.authors,
        corrections: &e.corrections,
        latest: &e.latest,
        taxa: &e.taxa,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Party, fixtures};

    fn person(id: &str, native: bool) -> Person {
        Person {
            native_name: native.then(|| format!("Native {id}")),
            native_lang: native.then(|| "uk".into()),
            ..fixtures::person(
                id,
                &format!("Name of {id}"),
                &format!("Role of {id}, a role long enough to be shared"),
            )
        }
    }

    #[test]
    fn talks_as_listed_are_the_talks_serialised() {
        let people = vec![person("a", true), person("b", false), person("c", true)];
        let refs = person_refs(&people);
        // `stranger` is not among the site's people: made afresh, the same way.
        let stranger = person_refs(&[person("stranger", true)]).remove(0);
        let full = fixtures::talks(
            vec![
                Party {
                    name: "Aldoria".into(),
                    head: Some(refs[0].clone()),
                    members: vec![refs[1].clone(), stranger.clone()],
                    others: Some("around a dozen officials".into()),
                },
                Party {
                    name: "Berenia".into(),
                    head: None,
                    members: vec![],
                    others: None,
                },
            ],
            vec![refs[2].clone(), refs[0].clone()],
        );
        let bare = Talks {
            when: None,
            when_label: None,
            when_note: None,
            when_text: None,
            local_time: None,
            local_iso: None,
            timezone: None,
            place: None,
            venue: None,
            host: None,
            parties: vec![],
            mediators: vec![],
            ..full.clone()
        };
        let values = PeopleValues::new(&people);
        for t in [&full, &bare] {
            assert_eq!(
                Value::from_serializable(&TalksListing::new(t, &values)),
                Value::from_serializable(t)
            );
        }
        // The people's values are shared, not copies.
        let listed = Value::from_serializable(&TalksListing::new(&full, &values));
        let head = listed.get_from_path("parties.0.head").unwrap();
        assert_eq!(head, &values.refs["a"]);
        assert_eq!(
            head.get_from_path("role").and_then(Value::as_str),
            Some("Role of a, a role long enough to be shared")
        );
    }
}
