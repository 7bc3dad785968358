//! The shapes of the user's files (site.yaml, people.yaml, front matter, timeline, positions).
//!
//! Unknown keys are rejected so that a typo is an error with a suggestion, never a silent blank.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize};

mod settings;
pub use settings::{PhotoConfig, RelatedConfig, Weights};

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    #[serde(deserialize_with = "text")]
    pub title: String,
    #[serde(default)]
    #[serde(deserialize_with = "text")]
    pub description: String,
    /// Checked when the model is built (`model::parse_base_url`); `/` when not given.
    #[serde(default, deserialize_with = "opt_text")]
    pub base_url: Option<String>,
    #[serde(default = "default_language")]
    #[serde(deserialize_with = "text")]
    pub language: String,
    #[serde(default)]
    pub publisher: Option<Publisher>,
    #[serde(default = "yes")]
    pub question_pages: bool,
    #[serde(default)]
    pub allow_raw_html: bool,
    /// A Pagefind search index, a search page and a search box (`crate::search`).
    #[serde(default)]
    pub search: bool,
    /// Draw a share image (og:image) for every explainer and question page.
    #[serde(default = "yes")]
    pub share_images: bool,
    #[serde(default)]
    pub faq_schema: bool,
    /// How many of the newest entries feed.xml carries (0: every one).
    #[serde(default = "default_feed_limit")]
    pub feed_limit: usize,
    /// Where `parley deploy` publishes (see docs/publishing.md).
    #[serde(default)]
    pub deploy: Option<DeployConfig>,
    /// The site's languages, the default (`language`) among them; none: one language.
    #[serde(default)]
    pub languages: Vec<LanguageEntry>,
    /// What a language without a translation of an explainer shows: `omit` (nothing) or
    /// `fallback` (the original, marked as such).
    #[serde(default)]
    pub missing_translations: MissingTranslations,
    /// Put the default language's pages in its own folder (`/en/`) like the others', with
    /// a static page at the root that redirects there (`crate::lang::root`). 404.html,
    /// robots.txt, the sitemap index and static files stay at the root. Needs `languages:`.
    #[serde(default)]
    pub default_language_folder: bool,
    /// Explainers per page of the home page and term pages (0: all on one page).
    #[serde(default)]
    pub paginate_by: usize,
    /// How related explainers are chosen (the taxonomy's related module).
    #[serde(default)]
    pub related: RelatedConfig,
    /// How photos in explainer folders are resized and encoded (the photos module).
    #[serde(default)]
    pub photos: PhotoConfig,
}

/// One of `languages:` in site.yaml.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageEntry {
    /// The suffix of its files (`index.uk.md`) and its folder in URLs (`/uk/`).
    #[serde(deserialize_with = "text")]
    pub code: String,
    /// Its name in itself, for the language switcher (`Українська`).
    #[serde(deserialize_with = "text")]
    pub name: String,
    /// Its BCP 47 tag for `lang` and `hreflang`; the code when not given.
    #[serde(default, deserialize_with = "opt_text")]
    pub tag: Option<String>,
    /// Text direction.
    #[serde(default)]
    pub dir: Direction,
    /// The notice on an explainer shown untranslated (with `missing_translations: fallback`);
    /// a built-in one for en, uk, ru and tr.
    #[serde(default, deserialize_with = "opt_text")]
    pub fallback_notice: Option<String>,
    /// The site's title in this language (its pages, feeds and header); site.yaml's `title`
    /// when not given.
    #[serde(default, deserialize_with = "opt_text")]
    pub title: Option<String>,
    /// The site's description in this language; site.yaml's `description` when not given.
    #[serde(default, deserialize_with = "opt_text")]
    pub description: Option<String>,
}

/// A language's text direction.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    #[default]
    Ltr,
    Rtl,
}

/// `missing_translations:` in site.yaml.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum MissingTranslations {
    #[default]
    Omit,
    Fallback,
}

/// `deploy:` in site.yaml: named target URLs and the one `parley deploy` uses by default.
/// The URLs are checked by `parley deploy` (in src/deploy/target.rs), located in the file.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DeployConfig {
    #[serde(default)]
    pub targets: BTreeMap<String, String>,
    #[serde(default)]
    pub default: Option<String>,
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
    #[serde(deserialize_with = "text")]
    pub name: String,
    #[serde(default)]
    #[serde(deserialize_with = "opt_text")]
    pub url: Option<String>,
    #[serde(default)]
    #[serde(deserialize_with = "opt_text")]
    pub logo: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PersonEntry {
    #[serde(deserialize_with = "text")]
    pub id: String,
    #[serde(deserialize_with = "text")]
    pub name: String,
    #[serde(default)]
    #[serde(deserialize_with = "text")]
    pub role: String,
    /// The side of the talks they belong to (one of the parties); empty for anyone else.
    #[serde(default)]
    #[serde(deserialize_with = "text")]
    pub party: String,
    /// For someone on no side: the country the reporting ties them to (`United States`).
    #[serde(default)]
    #[serde(deserialize_with = "opt_text")]
    pub country: Option<String>,
    #[serde(default)]
    #[serde(deserialize_with = "texts")]
    pub aliases: Vec<String>,
    #[serde(default)]
    #[serde(deserialize_with = "opt_text")]
    pub native_name: Option<String>,
    #[serde(default)]
    #[serde(deserialize_with = "opt_text")]
    pub native_lang: Option<String>,
    #[serde(default)]
    #[serde(deserialize_with = "opt_text")]
    pub bio: Option<String>,
}

/// An entry of people.<code>.yaml: a person of people.yaml (by id) in another language.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonTranslation {
    #[serde(deserialize_with = "text")]
    pub id: String,
    #[serde(default, deserialize_with = "opt_text")]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub role: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub party: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub country: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub bio: Option<String>,
    /// More names to link in this language's answers (inflected forms: `Зеленського`).
    #[serde(default, deserialize_with = "texts")]
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    #[serde(deserialize_with = "text")]
    pub title: String,
    #[serde(default)]
    #[serde(deserialize_with = "text")]
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
    /// The byline: ids from content/authors.yaml or content/people.yaml.
    #[serde(default)]
    pub authors: Vec<String>,
    #[serde(default)]
    pub corrections: Vec<CorrectionEntry>,
    /// The series (content/series.yaml id) this explainer is a round of.
    #[serde(default, deserialize_with = "opt_text")]
    pub series: Option<String>,
    /// Topic ids from content/topics.yaml.
    #[serde(default, deserialize_with = "texts")]
    pub topics: Vec<String>,
    /// Country codes from content/countries.yaml.
    #[serde(default, deserialize_with = "texts")]
    pub countries: Vec<String>,
    /// A translation's own URL slug (`index.uk.md`: `/uk/<slug>/`), an id unique in its
    /// language (`crate::lang::slugs`); the original's URL is its folder's name.
    #[serde(default, deserialize_with = "opt_text")]
    pub slug: Option<String>,
}

/// `corrections: [{at: …, text: …, question: <id>}]`: what was wrong and when it was fixed.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CorrectionEntry {
    pub at: DateText,
    pub text: String,
    /// The question (heading id) the correction is about, if one.
    #[serde(default)]
    pub question: Option<String>,
}

/// A member of staff who writes explainers (content/authors.yaml).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthorEntry {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub role: String,
    /// Their page elsewhere (the newsroom's staff page, a profile).
    #[serde(default)]
    pub url: Option<String>,
}

/// An author in the map form of authors.yaml: an [`AuthorEntry`] whose id is its key.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct AuthorBody {
    name: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    url: Option<String>,
}

/// authors.yaml: a list of authors with `id:`, or a map `id: {name, role, url}`.
#[derive(Debug, Clone, Default)]
pub struct AuthorsFile(pub Vec<AuthorEntry>);

impl<'de> Deserialize<'de> for AuthorsFile {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = AuthorsFile;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(
                    "a list of authors (`- id: …`) or a map of ids to authors (`id: {name: …}`)",
                )
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                seq: A,
            ) -> Result<AuthorsFile, A::Error> {
                Vec::<AuthorEntry>::deserialize(serde::de::value::SeqAccessDeserializer::new(seq))
                    .map(AuthorsFile)
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<AuthorsFile, A::Error> {
                let mut authors = Vec::new();
                while let Some((id, a)) = map.next_entry::<String, AuthorBody>()? {
                    authors.push(AuthorEntry {
                        id,
                        name: a.name,
                        role: a.role,
                        url: a.url,
                    });
                }
                Ok(AuthorsFile(authors))
            }
        }
        d.deserialize_any(V)
    }
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
    #[serde(deserialize_with = "text")]
    pub src: String,
    #[serde(deserialize_with = "text")]
    pub alt: String,
    /// What the photo shows, for readers (the `alt` is for those who cannot see it).
    #[serde(default)]
    #[serde(deserialize_with = "opt_text")]
    pub caption: Option<String>,
    /// Who took or supplied it: `Photo: Name / Agency`.
    #[serde(default)]
    #[serde(deserialize_with = "opt_text")]
    pub credit: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TalksEntry {
    /// The event's name in JSON-LD (default: `Talks between A and B`).
    #[serde(default)]
    #[serde(deserialize_with = "opt_text")]
    pub name: Option<String>,
    #[serde(default)]
    pub when: Option<TalksWhen>,
    #[serde(default)]
    #[serde(deserialize_with = "opt_text")]
    pub timezone: Option<String>,
    #[serde(rename = "where", default)]
    #[serde(deserialize_with = "opt_text")]
    pub place: Option<String>,
    #[serde(default)]
    #[serde(deserialize_with = "opt_text")]
    pub venue: Option<String>,
    #[serde(default)]
    #[serde(deserialize_with = "opt_text")]
    pub host: Option<String>,
    #[serde(default)]
    pub status: Status,
    #[serde(default)]
    pub parties: Vec<PartyEntry>,
    #[serde(default)]
    #[serde(deserialize_with = "texts")]
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
    #[serde(deserialize_with = "text")]
    pub name: String,
    #[serde(default)]
    #[serde(deserialize_with = "opt_text")]
    pub head: Option<String>,
    #[serde(default)]
    #[serde(deserialize_with = "texts")]
    pub members: Vec<String>,
    /// The delegation's size as reported (`around a dozen deputy ministers`), shown instead
    /// of a count of the members named.
    #[serde(default)]
    #[serde(deserialize_with = "opt_text")]
    pub others: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateEntry {
    pub at: DateText,
    #[serde(deserialize_with = "text")]
    pub text: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SourceEntry {
    #[serde(deserialize_with = "text")]
    pub title: String,
    #[serde(default)]
    #[serde(deserialize_with = "opt_text")]
    pub url: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventEntry {
    pub date: EventDate,
    #[serde(deserialize_with = "text")]
    pub text: String,
    #[serde(default)]
    #[serde(deserialize_with = "opt_text")]
    pub link: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PositionsFile {
    #[serde(deserialize_with = "texts")]
    pub parties: Vec<String>,
    pub issues: Vec<IssueEntry>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IssueEntry {
    #[serde(deserialize_with = "text")]
    pub issue: String,
    #[serde(default)]
    #[serde(deserialize_with = "text_map")]
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
    #[serde(deserialize_with = "opt_text")]
    pub label: Option<String>,
    /// Shown in brackets after the time (`timings in flux`).
    #[serde(default)]
    #[serde(deserialize_with = "opt_text")]
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
    #[serde(deserialize_with = "text")]
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
    #[serde(deserialize_with = "text")]
    name: String,
    #[serde(default)]
    #[serde(deserialize_with = "text")]
    role: String,
    #[serde(default)]
    #[serde(deserialize_with = "text")]
    party: String,
    #[serde(default)]
    #[serde(deserialize_with = "opt_text")]
    country: Option<String>,
    #[serde(default)]
    #[serde(deserialize_with = "texts")]
    aliases: Vec<String>,
    #[serde(default)]
    #[serde(deserialize_with = "opt_text")]
    native_name: Option<String>,
    #[serde(default)]
    #[serde(deserialize_with = "opt_text")]
    native_lang: Option<String>,
    #[serde(default)]
    #[serde(deserialize_with = "opt_text")]
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

/// Text from a YAML file. serde_yaml locates an error raised while the scalar is read, so a
/// control character (say from the escapes `"\0"` or `"\x1b"`) is refused here, at its place.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct Text(String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_string(TextVisitor)
    }
}

struct TextVisitor;

impl serde::de::Visitor<'_> for TextVisitor {
    type Value = Text;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Text, E> {
        self.visit_string(v.to_string())
    }

    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Text, E> {
        // In parsed YAML, a line break is `\n`: a `\r` can only come from an escape.
        match v
            .chars()
            .find(|&c| c.is_control() && c != '\t' && c != '\n')
        {
            Some(c) => Err(E::custom(format!(
                "control character {} in the text",
                crate::load::files::name(c)
            ))),
            None => Ok(Text(v)),
        }
    }
}

pub(crate) fn text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Text::deserialize(d).map(|t| t.0)
}

pub(crate) fn opt_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Option::<Text>::deserialize(d).map(|t| t.map(|t| t.0))
}

pub(crate) fn texts<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    Vec::<Text>::deserialize(d).map(|v| v.into_iter().map(|t| t.0).collect())
}

fn text_map<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<String, String>, D::Error> {
    BTreeMap::<Text, Text>::deserialize(d).map(|m| m.into_iter().map(|(k, v)| (k.0, v.0)).collect())
}
