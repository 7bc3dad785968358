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
    #[serde(default = "default_base_url")]
    pub base_url: String,
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

fn default_base_url() -> String {
    "/".into()
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
    #[serde(default)]
    pub party: String,
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
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TalksEntry {
    #[serde(default)]
    pub when: Option<DateText>,
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
    pub date: DateText,
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
