//! The site model: people, explainers and their questions, cross-checked and linked,
//! in the shape the templates read.

pub(crate) mod assemble;
pub mod explainer;
mod langs;
mod news;
pub(crate) mod newsroom;
mod terms;

pub use langs::{Alternates, Language};
pub use news::{Author, Authored, Byline, Bylines, Correction, Latest};
pub use terms::{Link, Round, Taxa, Taxonomy, Term, Written};

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use crate::diag::{ContentError, Source, did_you_mean};
use crate::markdown::names::NameIndex;
use crate::markdown::shortcode::Call;
use crate::markdown::{self, LinkKind};
use crate::schema::{Image, Publisher, SourceEntry};
use crate::text::dates::When;

/// Options that change what the model includes.
#[derive(Debug, Clone, Default)]
pub struct ModelOptions {
    pub drafts: bool,
    pub base_url: Option<String>,
    /// The language's folder (`uk/`) in a several-language site; empty for the default.
    pub folder: String,
    /// The language of the content when it is not site.yaml's `language` (a translation's).
    pub language: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SiteInfo {
    pub title: String,
    pub description: String,
    /// Absolute, ending in `/`: `https://example.org/repo/`.
    pub base_url: String,
    /// The path part of `base_url`, ending in `/`: `/repo/`.
    pub base_path: String,
    pub language: String,
    pub publisher: Option<Publisher>,
    pub question_pages: bool,
    /// Build a search index and page (`search: true` in site.yaml).
    pub search: bool,
    /// Draw share images (`share_images` in site.yaml).
    pub share_images: bool,
    pub allow_raw_html: bool,
    pub faq_schema: bool,
    /// How many of the newest entries feed.xml carries (0: every one).
    pub feed_limit: usize,
    /// How photos are resized and encoded (`photos:` in site.yaml).
    pub photos: crate::schema::PhotoConfig,
    /// The whole site's address and path: `base_url` and `base_path` but for a language's
    /// folder (static files are shared by every language).
    pub root_url: String,
    pub root_path: String,
    /// This language, in a site of several (`None`: a one-language site).
    pub lang: Option<Language>,
    /// Which page translates which (several-language sites only).
    #[serde(skip)]
    pub alternates: Option<Arc<Alternates>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Person {
    pub id: String,
    pub name: String,
    pub role: String,
    /// The side of the talks they belong to; empty for anyone else.
    pub party: String,
    /// For someone on no side: the country the reporting ties them to.
    pub country: Option<String>,
    pub aliases: Vec<String>,
    pub native_name: Option<String>,
    pub native_lang: Option<String>,
    pub bio: Option<String>,
    /// Site-relative path: `people/<id>/`.
    pub path: String,
    /// Questions that mention them. Like `roles_in`, not serialised: these back-links grow
    /// with the archive, and only the person's own page shows them
    /// (`render::values::person_page`); shortcodes and Who's who get the rest.
    #[serde(skip)]
    pub mentions: Vec<Mention>,
    /// Explainers where they sit in a delegation or mediate.
    #[serde(skip)]
    pub roles_in: Vec<Mention>,
}

/// A back-link on a person's page: made once per question (or explainer) and shared, by
/// pointer, by every person it names. A large archive has hundreds of thousands of these;
/// each person's list holds one pointer per back-link.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention(Arc<BackLink>);

/// What a [`Mention`] links to, as templates see it.
#[derive(Debug, PartialEq, Serialize)]
pub struct BackLink {
    pub explainer_title: Arc<str>,
    pub explainer_path: Arc<str>,
    pub question_title: Arc<str>,
    pub question_path: Arc<str>,
}

impl Mention {
    pub fn new(link: BackLink) -> Mention {
        Mention(Arc::new(link))
    }
}

impl std::ops::Deref for Mention {
    type Target = BackLink;
    fn deref(&self) -> &BackLink {
        &self.0
    }
}

/// Serialised as its [`BackLink`]: the same four fields.
impl Serialize for Mention {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Explainer {
    pub slug: String,
    /// Site-relative path: `<slug>/`.
    pub path: String,
    pub title: String,
    pub summary: String,
    pub published: When,
    pub updated: When,
    /// Whether `updated` differs from `published`.
    pub was_updated: bool,
    pub draft: bool,
    /// Shown untranslated in another language's folder: the original's language.
    pub fallback: Option<Original>,
    pub image: Option<Image>,
    pub talks: Option<Talks>,
    pub updates: Vec<Update>,
    pub sources: Vec<SourceEntry>,
    /// The byline, in the order written.
    pub authors: Vec<Arc<Byline>>,
    /// Newest first.
    pub corrections: Vec<Correction>,
    /// The newest update or correction.
    pub latest: Option<Latest>,
    /// Series, topics, countries and related explainers (`series`, `topics`, `countries`,
    /// `related` in templates).
    #[serde(flatten)]
    pub taxa: Taxa,
    /// The lead's HTML. Like each answer's, serialised only on the explainer's own pages
    /// (`render::values::full_value`): lists of ten thousand explainers leave them out.
    #[serde(skip)]
    pub lead_html: String,
    pub questions: Vec<Question>,
    pub timeline: Vec<Event>,
    pub positions: Option<Positions>,
    #[serde(skip)]
    pub assets: Vec<std::path::PathBuf>,
    #[serde(skip)]
    pub dir: std::path::PathBuf,
    /// index.md as loaded; read it through [`Explainer::source`], which reads the file again
    /// after [`Site::release_sources`].
    #[serde(skip)]
    pub(crate) source: Source,
    /// Whether `source`'s text was let go after modelling (see [`Site::release_sources`]).
    #[serde(skip)]
    pub(crate) source_released: bool,
    #[serde(skip)]
    pub body_offset: usize,
    #[serde(skip)]
    pub calls: Vec<Call>,
    #[serde(skip)]
    pub links: Vec<markdown::Link>,
    /// People mentioned: index 0 is the lead, index i the i-th question.
    #[serde(skip)]
    pub mentions: Vec<BTreeSet<usize>>,
}

/// An explainer's answers' HTML as its pages show them: as modelled (borrowed), or with its
/// shortcodes rendered into them. Pages take the answers apart from the explainer, so that
/// rendering shortcodes does not copy the rest of it.
pub struct Answers<'e> {
    pub lead: Cow<'e, str>,
    /// One per question, in order.
    pub questions: Vec<Cow<'e, str>>,
}

impl Explainer {
    /// The answers as modelled (shortcode placeholders not filled in).
    pub fn answers(&self) -> Answers<'_> {
        Answers {
            lead: Cow::Borrowed(&self.lead_html),
            questions: self
                .questions
                .iter()
                .map(|q| Cow::Borrowed(q.html.as_str()))
                .collect(),
        }
    }

    /// index.md, to locate an error in: the text kept from loading, or read again if
    /// [`Site::release_sources`] let it go (if that fails, errors still name the file).
    pub fn source(&self) -> Cow<'_, Source> {
        if !self.source_released {
            return Cow::Borrowed(&self.source);
        }
        match crate::load::read_named(self.source.path.clone(), &self.dir.join("index.md")) {
            Ok(s) => Cow::Owned(s),
            Err(_) => Cow::Borrowed(&self.source),
        }
    }

    /// A copy with other answers (`serve` keeps each explainer as its pages show it).
    pub fn with_answers(&self, answers: Answers<'_>) -> Explainer {
        let mut e = self.clone();
        e.lead_html = answers.lead.into_owned();
        for (q, html) in e.questions.iter_mut().zip(answers.questions) {
            q.html = html.into_owned();
        }
        e
    }
}

/// The language of an explainer shown untranslated (see [`Explainer::fallback`]).
#[derive(Debug, Clone, Serialize)]
pub struct Original {
    /// Its BCP 47 tag, for `lang`.
    pub lang: String,
    /// `ltr` or `rtl`, for `dir`.
    pub dir: &'static str,
    /// Its language's folder (`""`, or `en/` with `default_language_folder`).
    pub folder: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Question {
    pub id: String,
    pub title: String,
    pub title_html: String,
    /// Answer HTML; shortcode placeholders are filled in when pages are rendered. Not
    /// serialised, as [`Explainer::lead_html`].
    #[serde(skip)]
    pub html: String,
    pub updated: Option<When>,
    /// Site-relative path of the card page: `<slug>/<id>/`.
    pub path: String,
    pub position: usize,
    /// Whether the heading set its id (`{#id}`) rather than taking it from its title.
    #[serde(skip)]
    pub explicit_id: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Talks {
    /// The event's name (JSON-LD): as written, else `Talks between A and B`.
    pub name: String,
    pub when: Option<When>,
    /// Whether the reporting gives the start as not settled (`tentative: true`).
    pub tentative: bool,
    /// The words before the time (`Initially set for`), if any.
    pub when_label: Option<String>,
    /// Said in brackets after the time (`timings in flux`), if any.
    pub when_note: Option<String>,
    /// The start as readers read it, label and note included:
    /// `Initially set for 16 May 2025, 09:30 UTC (timings in flux)`.
    pub when_text: Option<String>,
    /// `12:30 in Istanbul (UTC+3)` when a time zone and a firm time are given.
    pub local_time: Option<String>,
    pub local_iso: Option<String>,
    pub timezone: Option<String>,
    pub place: Option<String>,
    pub venue: Option<String>,
    pub host: Option<String>,
    pub status: String,
    pub status_key: String,
    pub status_schema: String,
    pub parties: Vec<Party>,
    pub mediators: Vec<Arc<PersonRef>>,
}

impl Talks {
    /// Everyone at the table: each party's head and members, then the mediators.
    pub fn people(&self) -> impl Iterator<Item = &PersonRef> {
        self.parties
            .iter()
            .flat_map(|p| p.head.iter().chain(p.members.iter()))
            .chain(self.mediators.iter())
            .map(|r| &**r)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Party {
    pub name: String,
    pub head: Option<Arc<PersonRef>>,
    pub members: Vec<Arc<PersonRef>>,
    /// The delegation's size as reported (`around a dozen deputy ministers`), if given.
    pub others: Option<String>,
}

/// A person as shown inside an explainer: made once per person ([`person_refs`]) and
/// shared by every explainer that seats them.
#[derive(Debug, Clone, Serialize)]
pub struct PersonRef {
    pub id: String,
    pub name: String,
    pub role: String,
    pub native_name: Option<String>,
    pub native_lang: Option<String>,
    pub path: String,
}

/// Each person as explainers show them, in the order of `people` (indices of `by_id`).
pub fn person_refs(people: &[Person]) -> Vec<Arc<PersonRef>> {
    people
        .iter()
        .map(|p| {
            Arc::new(PersonRef {
                id: p.id.clone(),
                name: p.name.clone(),
                role: p.role.clone(),
                native_name: p.native_name.clone(),
                native_lang: p.native_lang.clone(),
                path: p.path.clone(),
            })
        })
        .collect()
}

#[derive(Debug, Clone, Serialize)]
pub struct Update {
    pub at: When,
    pub html: String,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Event {
    pub date: When,
    pub html: String,
    pub link: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Positions {
    pub parties: Vec<String>,
    pub issues: Vec<IssueRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct IssueRow {
    pub issue: String,
    /// One cell per party, in `parties` order; `None` where a side's stance is not known.
    pub stances: Vec<Option<String>>,
}

/// The whole site, ready to render.
pub struct Site {
    pub info: SiteInfo,
    pub people: Vec<Person>,
    /// Newest first.
    pub explainers: Vec<Explainer>,
    /// Who may be in a byline (staff and people).
    pub bylines: Bylines,
    /// Author pages: the staff, then people in a byline, each with their explainers.
    pub authors: Vec<Author>,
    /// Series, topics and countries, and the settings of list pages.
    pub taxonomy: Arc<Taxonomy>,
    /// The site in each other language; empty for one language.
    pub translations: Vec<Site>,
}

impl Site {
    /// Let go of every explainer's index.md text (about 100 MB of a 10,000-explainer
    /// build's peak): `build` needs it again only to locate an error, and then reads the
    /// file anew ([`Explainer::source`]). `serve` keeps it: its rebuilds report errors often.
    pub fn release_sources(&mut self) {
        let empty: Arc<str> = Arc::from("");
        for e in &mut self.explainers {
            e.source.text = empty.clone();
            e.source_released = true;
        }
    }
}

/// Turn `base_url` into (absolute URL with a trailing slash, path with slashes both ends).
pub fn split_base_url(base: &str) -> (String, String) {
    let mut url = base.trim().to_string();
    if !url.ends_with('/') {
        url.push('/');
    }
    let path = match url.find("://") {
        Some(i) => match url[i + 3..].find('/') {
            Some(j) => url[i + 3 + j..].to_string(),
            None => "/".to_string(),
        },
        None => {
            if url.starts_with('/') {
                url.clone()
            } else {
                format!("/{url}")
            }
        }
    };
    (url, path)
}

/// Check a `base_url` given in site.yaml or with `--base-url`: an absolute `http` or `https`
/// URL (it goes into canonical links, feeds and the sitemap as it is), without user, query
/// or fragment. Returns it trimmed, or what is wrong with it.
pub fn parse_base_url(url: &str) -> Result<String, String> {
    let url = url.trim();
    let rest = ["https://", "http://"]
        .iter()
        .find_map(|s| {
            url.get(..s.len())
                .filter(|p| p.eq_ignore_ascii_case(s))
                .map(|_| &url[s.len()..])
        })
        .ok_or("base_url must be an absolute http:// or https:// address")?;
    let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let (name, port) = match host.rsplit_once(':') {
        Some((n, p)) if !n.ends_with(':') && (n.starts_with('[') || !n.contains(':')) => {
            (n, Some(p))
        }
        _ => (host, None),
    };
    let name_ok = match name.strip_prefix('[').and_then(|n| n.strip_suffix(']')) {
        Some(v6) => !v6.is_empty() && v6.chars().all(|c| c.is_ascii_hexdigit() || c == ':'),
        None => {
            !name.is_empty()
                && !name.starts_with(['.', '-'])
                && name
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '-' || c == '.')
        }
    };
    if !name_ok {
        return Err(format!(
            "base_url has no valid host name (`{}`)",
            host.chars().take(60).collect::<String>()
        ));
    }
    if port.is_some_and(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit())) {
        return Err("base_url has a port that is not a number".into());
    }
    if let Some(c) = path
        .chars()
        .find(|&c| !(c.is_ascii_alphanumeric() || "-._~!$&()*+,;=:@/%".contains(c)))
    {
        return Err(match c {
            '?' | '#' => "base_url may not have a query (`?`) or fragment (`#`)".into(),
            c => format!("base_url has a character that must be percent-encoded: {c:?}"),
        });
    }
    Ok(url.to_string())
}

/// The names to link in answers (names and aliases -> person page), built once per site.
pub fn name_index(info: &SiteInfo, people: &[Person]) -> NameIndex {
    NameIndex::new(
        &people
            .iter()
            .map(|p| {
                let mut names = vec![p.name.clone()];
                names.extend(p.aliases.iter().cloned());
                (names, format!("{}{}", info.base_path, p.path))
            })
            .collect::<Vec<_>>(),
    )
}

/// Internal links: the explainer and the question must exist.
pub fn check_links(explainers: &[Explainer]) -> Vec<ContentError> {
    check_links_except(explainers, &[])
}

/// [`check_links`], where links into the explainers `failed` (whose own problems are
/// reported) are not reported as well.
pub fn check_links_except(explainers: &[Explainer], failed: &[String]) -> Vec<ContentError> {
    let mut errors = Vec::new();
    // By slug; an explainer's few question ids are looked through as they are.
    let anchors: HashMap<&str, &[Question]> = explainers
        .iter()
        .map(|e| (e.slug.as_str(), e.questions.as_slice()))
        .collect();
    for e in explainers {
        for link in &e.links {
            if let LinkKind::Internal { explainer, anchor } = &link.kind {
                if failed.contains(explainer) {
                    continue;
                }
                let at = e.body_offset + link.offset;
                match anchors.get(explainer.as_str()) {
                    None => {
                        let help = match did_you_mean(explainer, anchors.keys().copied()) {
                            Some(s) => format!("did you mean `@/{s}/index.md`?"),
                            None => "link to an explainer folder that exists, as `@/<folder>/index.md#<question-id>`".into(),
                        };
                        errors.push(
                            e.source()
                                .error_near(
                                    at,
                                    &link.dest,
                                    format!("link to a missing page `{}`", link.dest),
                                )
                                .help(help),
                        );
                    }
                    Some(questions) => {
                        if let Some(a) = anchor
                            && !questions.iter().any(|q| q.id == *a)
                        {
                            let ids = questions.iter().map(|q| q.id.as_str());
                            let help = match did_you_mean(a, ids) {
                                Some(s) => format!("did you mean `#{s}`?"),
                                None => format!("use one of the question ids of `{explainer}`"),
                            };
                            errors.push(
                                e.source()
                                    .error_near(at, &link.dest, format!("link to a missing question: `{explainer}` has no question `#{a}`"))
                                    .help(help),
                            );
                        }
                    }
                }
            }
        }
    }
    errors
}

/// The site's order: newest first, then by slug.
pub fn sort_newest_first(explainers: &mut [Explainer]) {
    // No two explainers share a slug, so the order is total and an unstable sort gives it.
    explainers.par_sort_unstable_by(|a, b| {
        b.published
            .timestamp
            .cmp(&a.published.timestamp)
            .then_with(|| a.slug.cmp(&b.slug))
    });
}

/// Fill each person's back-links: every question that mentions them, and the talks they sit in.
pub fn link_people(people: &mut [Person], explainers: &[Explainer]) {
    link_people_among(people, explainers, |_| true);
}

/// [`link_people`] for only the people (by index) `only` accepts: `serve` recomputes the
/// back-links of the people an edit touches, not everyone's.
///
/// Each explainer's back-links are made on their own, in parallel (the strings of a back-link
/// once per question, shared by everyone it names), then handed to the people in site order:
/// the work follows the back-links there are, not people × explainers.
pub fn link_people_among(
    people: &mut [Person],
    explainers: &[Explainer],
    only: impl Fn(usize) -> bool,
) {
    let wanted: Vec<bool> = (0..people.len()).map(&only).collect();
    if !wanted.contains(&true) {
        return;
    }
    let index: HashMap<&str, usize> = people
        .iter()
        .enumerate()
        .filter(|(i, _)| wanted[*i])
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    let empty: Arc<str> = Arc::from("");
    let per: Vec<ExplainerLinks> = explainers
        .par_iter()
        .map(|e| back_links(e, &index, &wanted, &empty))
        .collect();
    // Sized once: a person named across a large archive has thousands of back-links.
    let mut counts = vec![(0, 0); people.len()];
    for b in &per {
        for (i, _) in &b.mentions {
            counts[*i].0 += 1;
        }
        for (i, _) in &b.roles_in {
            counts[*i].1 += 1;
        }
    }
    for (p, (m, r)) in people.iter_mut().zip(counts) {
        p.mentions.reserve(m);
        p.roles_in.reserve(r);
    }
    for b in per {
        for (i, m) in b.mentions {
            people[i].mentions.push(m);
        }
        for (i, m) in b.roles_in {
            people[i].roles_in.push(m);
        }
    }
}

/// One explainer's back-links, by person index: who its questions name, and who sits at its
/// talks.
struct ExplainerLinks {
    mentions: Vec<(usize, Mention)>,
    roles_in: Vec<(usize, Mention)>,
}

/// The back-links `e` gives the `wanted` people (`index`: their ids): one per question that
/// names someone, per person named; one per person at the talks (once each, in list order).
fn back_links(
    e: &Explainer,
    index: &HashMap<&str, usize>,
    wanted: &[bool],
    empty: &Arc<str>,
) -> ExplainerLinks {
    let mut sits: Vec<usize> = e
        .talks
        .iter()
        .flat_map(|t| t.people())
        .filter_map(|r| index.get(r.id.as_str()).copied())
        .collect();
    sits.sort_unstable();
    sits.dedup();
    let named = |set: &BTreeSet<usize>| set.iter().any(|&i| wanted.get(i) == Some(&true));
    let mut out = ExplainerLinks {
        mentions: Vec::new(),
        roles_in: Vec::with_capacity(sits.len()),
    };
    if sits.is_empty() && !e.mentions.iter().skip(1).any(named) {
        return out;
    }
    let title: Arc<str> = Arc::from(e.title.as_str());
    let path: Arc<str> = Arc::from(e.path.as_str());
    for (q, set) in e.questions.iter().zip(e.mentions.iter().skip(1)) {
        if !named(set) {
            continue;
        }
        let mut anchor = String::with_capacity(e.path.len() + 1 + q.id.len());
        anchor.push_str(&e.path);
        anchor.push('#');
        anchor.push_str(&q.id);
        let mention = Mention::new(BackLink {
            explainer_title: title.clone(),
            explainer_path: path.clone(),
            question_title: Arc::from(q.title.as_str()),
            question_path: Arc::from(anchor),
        });
        for &i in set {
            if wanted.get(i) == Some(&true) {
                out.mentions.push((i, mention.clone()));
            }
        }
    }
    if !sits.is_empty() {
        let role = Mention::new(BackLink {
            explainer_title: title,
            explainer_path: path.clone(),
            question_title: empty.clone(),
            question_path: path,
        });
        for i in sits {
            out.roles_in.push((i, role.clone()));
        }
    }
    out
}

/// Group people by party (or, for those on no side, by country), in order of first
/// appearance.
pub fn people_by_party(people: &[Person]) -> Vec<(String, Vec<&Person>)> {
    let mut groups: BTreeMap<usize, (String, Vec<&Person>)> = BTreeMap::new();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for p in people {
        let n = seen.len();
        let group = match (&*p.party, &p.country) {
            ("", Some(c)) => c.as_str(),
            (party, _) => party,
        };
        let k = *seen.entry(group).or_insert(n);
        groups
            .entry(k)
            .or_insert_with(|| (group.to_string(), Vec::new()))
            .1
            .push(p);
    }
    groups.into_values().collect()
}

/// People and talks for unit tests elsewhere (values.rs, meta.rs), with every field set.
#[cfg(test)]
pub(crate) mod fixtures;
