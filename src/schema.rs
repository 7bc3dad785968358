//! The shapes of the user's files (site.yaml, people.yaml, front matter, timeline, positions).
//!
//! Unknown keys are rejected so that a typo is an error with a suggestion, never a silent blank.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// Checked when the model is built (`model::parse_base_url`); `/` when not given.
    #[serde(default)]
    pub base_url: Option<String>,
    #[serde(default = "default_language")]
    pub language: String,
    #[serde(default)]
    pub publisher: Option<Publisher>,
    #[serde(default = "yes")]
    pub question_pages: bool,
    #[serde(default)]
    pub allow_raw_html: bool,
    #[serde(default)]
    pub faq_schema: bool,
    /// How many of the newest entries feed.xml carries (0: every one).
    #[serde(default = "default_feed_limit")]
    pub feed_limit: usize,
}

fn default_feed_limit() -> usize {
    50
}

fn default_language() -> String {
    "en".into()
}
fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Publisher {
    pub name: String,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub logo: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PersonEntry {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub role: String,
    /// The side of the talks they belong to (one of the parties); empty for anyone else.
    #[serde(default)]
    pub party: String,
    /// For someone on no side: the country the reporting ties them to (`United States`).
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub native_name: Option<String>,
    #[serde(default)]
    pub native_lang: Option<String>,
    #[serde(default)]
    pub bio: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: String,
    #[serde(default)]
    pub summary: String,
    pub published: DateText,
    #[serde(default)]
    pub updated: Option<DateText>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub image: Option<Image>,
    #[serde(default)]
    pub talks: Option<TalksEntry>,
    #[serde(default)]
    pub updates: Vec<UpdateEntry>,
    #[serde(default)]
    pub sources: Vec<SourceEntry>,
}

/// A date or timestamp as written; parsed (and located on error) when the model is built.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum DateText {
    Text(String),
    Year(i64),
}

impl DateText {
    pub fn as_text(&self) -> String {
        match self {
            DateText::Text(s) => s.clone(),
            DateText::Year(y) => y.to_string(),
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Image {
    pub src: String,
    pub alt: String,
    /// What the photo shows, for readers (the `alt` is for those who cannot see it).
    #[serde(default)]
    pub caption: Option<String>,
    /// Who took or supplied it: `Photo: Name / Agency`.
    #[serde(default)]
    pub credit: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TalksEntry {
    /// The event's name in JSON-LD (default: `Talks between A and B`).
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub when: Option<TalksWhen>,
    #[serde(default)]
    pub timezone: Option<String>,
    #[serde(rename = "where", default)]
    pub place: Option<String>,
    #[serde(default)]
    pub venue: Option<String>,
    #[serde(default)]
    pub host: Option<String>,
    #[serde(default)]
    pub status: Status,
    #[serde(default)]
    pub parties: Vec<PartyEntry>,
    #[serde(default)]
    pub mediators: Vec<String>,
}

#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq, Eq)]
pub enum Status {
    #[default]
    #[serde(rename = "scheduled")]
    Scheduled,
    #[serde(rename = "under way")]
    UnderWay,
    #[serde(rename = "concluded")]
    Concluded,
    #[serde(rename = "postponed")]
    Postponed,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Scheduled => "scheduled",
            Status::UnderWay => "under way",
            Status::Concluded => "concluded",
            Status::Postponed => "postponed",
        }
    }
    /// The CSS-safe key, e.g. `under-way`.
    pub fn key(self) -> &'static str {
        match self {
            Status::UnderWay => "under-way",
            s => s.label(),
        }
    }
    /// schema.org EventStatusType.
    pub fn schema_org(self) -> &'static str {
        match self {
            Status::Scheduled | Status::UnderWay | Status::Concluded => {
                "https://schema.org/EventScheduled"
            }
            Status::Postponed => "https://schema.org/EventPostponed",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartyEntry {
    pub name: String,
    #[serde(default)]
    pub head: Option<String>,
    #[serde(default)]
    pub members: Vec<String>,
    /// The delegation's size as reported (`around a dozen deputy ministers`), shown instead
    /// of a count of the members named.
    #[serde(default)]
    pub others: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateEntry {
    pub at: DateText,
    pub text: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SourceEntry {
    pub title: String,
    #[serde(default)]
    pub url: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventEntry {
    pub date: EventDate,
    pub text: String,
    #[serde(default)]
    pub link: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PositionsFile {
    pub parties: Vec<String>,
    pub issues: Vec<IssueEntry>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IssueEntry {
    pub issue: String,
    #[serde(default)]
    pub stances: BTreeMap<String, String>,
}

/// The talks' start as written: a date or time, or a map saying how sure the reporting is.
#[derive(Debug, Clone)]
pub enum TalksWhen {
    Plain(DateText),
    Detailed(WhenDetail),
}

/// `when: {at: 2025-05-16T09:30:00Z, tentative: true, label: "Initially set for", note: …}`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WhenDetail {
    pub at: DateText,
    /// The reporting gives the time as not settled: no local time, no firm JSON-LD start.
    #[serde(default)]
    pub tentative: bool,
    /// The words before the time, as the reporting puts them (`Initially set for`).
    #[serde(default)]
    pub label: Option<String>,
    /// Shown in brackets after the time (`timings in flux`).
    #[serde(default)]
    pub note: Option<String>,
}

impl TalksWhen {
    pub fn at(&self) -> &DateText {
        match self {
            TalksWhen::Plain(d) => d,
            TalksWhen::Detailed(d) => &d.at,
        }
    }
}

impl<'de> Deserialize<'de> for TalksWhen {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(OrMap::<WhenDetail>::new(
            "a date, a UTC time, or a map with `at:` (and `tentative:`, `label:`, `note:`)",
        ))
        .map(|v| match v {
            Either::Plain(p) => TalksWhen::Plain(p),
            Either::Map(m) => TalksWhen::Detailed(m),
        })
    }
}

/// A timeline date as written: a year, month or day, or a weekday of a known week.
#[derive(Debug, Clone)]
pub enum EventDate {
    Plain(DateText),
    Weekday(WeekdayOf),
}

/// `date: {weekday: Thursday, week_of: 2025-05-16}`: a day the reporting names only by its
/// weekday, in the week of a known date (Monday to Sunday).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WeekdayOf {
    pub weekday: String,
    pub week_of: DateText,
}

impl<'de> Deserialize<'de> for EventDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(OrMap::<WeekdayOf>::new(
            "a date, or a map with `weekday:` and `week_of:`",
        ))
        .map(|v| match v {
            Either::Plain(p) => EventDate::Plain(p),
            Either::Map(m) => EventDate::Weekday(m),
        })
    }
}

/// A date as text or a year, or a map deserialised as `M`.
enum Either<M> {
    Plain(DateText),
    Map(M),
}

struct OrMap<M> {
    expecting: &'static str,
    map: std::marker::PhantomData<M>,
}

impl<M> OrMap<M> {
    fn new(expecting: &'static str) -> OrMap<M> {
        OrMap {
            expecting,
            map: std::marker::PhantomData,
        }
    }
}

impl<'de, M: Deserialize<'de>> serde::de::Visitor<'de> for OrMap<M> {
    type Value = Either<M>;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(self.expecting)
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Either::Plain(DateText::Text(v.to_string())))
    }
    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Either::Plain(DateText::Year(v)))
    }
    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Self::Value, E> {
        i64::try_from(v)
            .map(|y| Either::Plain(DateText::Year(y)))
            .map_err(|_| E::custom(format!("`{v}` is not a date")))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        M::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(Either::Map)
    }
}

/// people.yaml: a list of people with `id:`, or a map `id: {name, role, …}`; either way the
/// people in the order written.
#[derive(Debug, Clone, Default)]
pub struct PeopleFile(pub Vec<PersonEntry>);

/// A person in the map form of people.yaml: a [`PersonEntry`] whose id is its key.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct PersonBody {
    name: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    party: String,
    #[serde(default)]
    country: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    native_name: Option<String>,
    #[serde(default)]
    native_lang: Option<String>,
    #[serde(default)]
    bio: Option<String>,
}

impl<'de> Deserialize<'de> for PeopleFile {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = PeopleFile;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(
                    "a list of people (`- id: …`) or a map of ids to people (`id: {name: …}`)",
                )
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                seq: A,
            ) -> Result<PeopleFile, A::Error> {
                Vec::<PersonEntry>::deserialize(serde::de::value::SeqAccessDeserializer::new(seq))
                    .map(PeopleFile)
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<PeopleFile, A::Error> {
                let mut people = Vec::new();
                while let Some((id, p)) = map.next_entry::<String, PersonBody>()? {
                    people.push(PersonEntry {
                        id,
                        name: p.name,
                        role: p.role,
                        party: p.party,
                        country: p.country,
                        aliases: p.aliases,
                        native_name: p.native_name,
                        native_lang: p.native_lang,
                        bio: p.bio,
                    });
                }
                Ok(PeopleFile(people))
            }
        }
        d.deserialize_any(V)
    }
}
