//! The site model: people, explainers and their questions, cross-checked and linked,
//! in the shape the templates read.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use rayon::prelude::*;
use serde::Serialize;

use crate::dates::{self, When};
use crate::diag::{ContentError, Source, did_you_mean};
use crate::load::{Loaded, RawExplainer};
use crate::markdown::{self, LinkKind, NameIndex, Settings};
use crate::schema::{Image, Publisher, SourceEntry, Status};
use crate::shortcode::Call;
use crate::slug;

/// Options that change what the model includes.
#[derive(Debug, Clone, Default)]
pub struct ModelOptions {
    pub drafts: bool,
    pub base_url: Option<String>,
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
    pub allow_raw_html: bool,
    pub faq_schema: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Person {
    pub id: String,
    pub name: String,
    pub role: String,
    pub party: String,
    pub aliases: Vec<String>,
    pub native_name: Option<String>,
    pub native_lang: Option<String>,
    pub bio: Option<String>,
    /// Site-relative path: `people/<id>/`.
    pub path: String,
    /// Questions that mention them.
    pub mentions: Vec<Mention>,
    /// Explainers where they sit in a delegation or mediate.
    pub roles_in: Vec<Mention>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mention {
    pub explainer_title: String,
    pub explainer_path: String,
    pub question_title: String,
    pub question_path: String,
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
    pub image: Option<Image>,
    pub talks: Option<Talks>,
    pub updates: Vec<Update>,
    pub sources: Vec<SourceEntry>,
    pub lead_html: String,
    pub questions: Vec<Question>,
    pub timeline: Vec<Event>,
    pub positions: Option<Positions>,
    #[serde(skip)]
    pub assets: Vec<std::path::PathBuf>,
    #[serde(skip)]
    pub dir: std::path::PathBuf,
    #[serde(skip)]
    pub source: Source,
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

#[derive(Debug, Clone, Serialize)]
pub struct Question {
    pub id: String,
    pub title: String,
    pub title_html: String,
    /// Answer HTML; shortcode placeholders are filled in when pages are rendered.
    pub html: String,
    pub updated: Option<When>,
    /// Site-relative path of the card page: `<slug>/<id>/`.
    pub path: String,
    pub position: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Talks {
    pub when: Option<When>,
    /// `12:30 in Istanbul (UTC+3)` when a time zone and a time are given.
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
    pub mediators: Vec<PersonRef>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Party {
    pub name: String,
    pub head: Option<PersonRef>,
    pub members: Vec<PersonRef>,
}

/// A person as shown inside an explainer.
#[derive(Debug, Clone, Serialize)]
pub struct PersonRef {
    pub id: String,
    pub name: String,
    pub role: String,
    pub native_name: Option<String>,
    pub native_lang: Option<String>,
    pub path: String,
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

/// Build the model, collecting every problem found.
pub fn build(
    loaded: Loaded,
    opts: &ModelOptions,
    shortcodes: &HashSet<String>,
) -> Result<Site, Vec<ContentError>> {
    let mut errors = Vec::new();
    let cfg = loaded.config;
    let (base_url, base_path) = split_base_url(opts.base_url.as_deref().unwrap_or(&cfg.base_url));
    let info = SiteInfo {
        title: cfg.title,
        description: cfg.description,
        base_url,
        base_path,
        language: cfg.language,
        publisher: cfg.publisher,
        question_pages: cfg.question_pages,
        allow_raw_html: cfg.allow_raw_html,
        faq_schema: cfg.faq_schema,
    };

    // People.
    let mut people: Vec<Person> = Vec::with_capacity(loaded.people.len());
    let mut by_id: HashMap<String, usize> = HashMap::new();
    for p in loaded.people {
        let src = loaded
            .people_source
            .as_ref()
            .expect("people were read from a file");
        if !slug::is_valid_id(&p.id) {
            errors.push(
                src.error_near(
                    0,
                    &format!("id: {}", p.id),
                    format!("the person id `{}` cannot be used in a URL", p.id),
                )
                .help(format!(
                    "use letters, digits and dashes, e.g. `{}`",
                    slug::slugify(&p.name)
                )),
            );
            continue;
        }
        if p.native_name.is_some() && p.native_lang.is_none() {
            errors.push(
                src.error_near(
                    0,
                    &format!("id: {}", p.id),
                    format!("`{}` has a native_name but no native_lang", p.id),
                )
                .help("add `native_lang:` with the language code, e.g. `ru` or `uk`"),
            );
        }
        if by_id.contains_key(&p.id) {
            let first = src.text.find(&format!("id: {}", p.id)).map_or(0, |i| i + 1);
            errors.push(
                src.error_near(
                    first,
                    &format!("id: {}", p.id),
                    format!("two people have the id `{}`", p.id),
                )
                .help("give each person a different id"),
            );
            continue;
        }
        by_id.insert(p.id.clone(), people.len());
        people.push(Person {
            path: format!("people/{}/", p.id),
            id: p.id,
            name: p.name,
            role: p.role,
            party: p.party,
            aliases: p.aliases,
            native_name: p.native_name,
            native_lang: p.native_lang,
            bio: p.bio,
            mentions: Vec::new(),
            roles_in: Vec::new(),
        });
    }
    let name_index = name_index(&info, &people);
    let settings = Settings {
        allow_raw_html: info.allow_raw_html,
        base_path: &info.base_path,
        names: &name_index,
        page_path: "",
    };

    // Explainers, in parallel.
    let raws: Vec<RawExplainer> = loaded
        .explainers
        .into_iter()
        .filter(|r| opts.drafts || !r.front.draft)
        .collect();
    let built: Vec<Result<Explainer, Vec<ContentError>>> = raws
        .into_par_iter()
        .map(|r| explainer(r, &settings, &people, &by_id, shortcodes))
        .collect();
    let mut explainers = Vec::new();
    for b in built {
        match b {
            Ok(e) => explainers.push(e),
            Err(mut e) => errors.append(&mut e),
        }
    }

    errors.extend(check_links(&explainers));

    if !errors.is_empty() {
        return Err(errors);
    }

    sort_newest_first(&mut explainers);
    link_people(&mut people, &explainers);
    Ok(Site {
        info,
        people,
        explainers,
    })
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
    let mut errors = Vec::new();
    let anchors: HashMap<&str, HashSet<&str>> = explainers
        .iter()
        .map(|e| {
            (
                e.slug.as_str(),
                e.questions.iter().map(|q| q.id.as_str()).collect(),
            )
        })
        .collect();
    for e in explainers {
        for link in &e.links {
            if let LinkKind::Internal { explainer, anchor } = &link.kind {
                let at = e.body_offset + link.offset;
                match anchors.get(explainer.as_str()) {
                    None => {
                        let help = match did_you_mean(explainer, anchors.keys().copied()) {
                            Some(s) => format!("did you mean `@/{s}/index.md`?"),
                            None => "link to an explainer folder that exists, as `@/<folder>/index.md#<question-id>`".into(),
                        };
                        errors.push(
                            e.source
                                .error_near(
                                    at,
                                    &link.dest,
                                    format!("link to a missing page `{}`", link.dest),
                                )
                                .help(help),
                        );
                    }
                    Some(ids) => {
                        if let Some(a) = anchor
                            && !ids.contains(a.as_str())
                        {
                            let help = match did_you_mean(a, ids.iter().copied()) {
                                Some(s) => format!("did you mean `#{s}`?"),
                                None => format!("use one of the question ids of `{explainer}`"),
                            };
                            errors.push(
                                e.source
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
    explainers.sort_by(|a, b| {
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
pub fn link_people_among(
    people: &mut [Person],
    explainers: &[Explainer],
    only: impl Fn(usize) -> bool,
) {
    for e in explainers {
        for (i, set) in e.mentions.iter().enumerate().skip(1) {
            let q = &e.questions[i - 1];
            for &p in set.iter().filter(|&&p| only(p)) {
                people[p].mentions.push(Mention {
                    explainer_title: e.title.clone(),
                    explainer_path: e.path.clone(),
                    question_title: q.title.clone(),
                    question_path: format!("{}#{}", e.path, q.id),
                });
            }
        }
        if let Some(t) = &e.talks {
            let mut ids: Vec<&str> = t
                .parties
                .iter()
                .flat_map(|p| p.head.iter().chain(p.members.iter()))
                .map(|r| r.id.as_str())
                .collect();
            ids.extend(t.mediators.iter().map(|m| m.id.as_str()));
            ids.sort_unstable();
            ids.dedup();
            for id in ids {
                if let Some((_, p)) = people
                    .iter_mut()
                    .enumerate()
                    .find(|(i, p)| p.id == id && only(*i))
                {
                    p.roles_in.push(Mention {
                        explainer_title: e.title.clone(),
                        explainer_path: e.path.clone(),
                        question_title: String::new(),
                        question_path: e.path.clone(),
                    });
                }
            }
        }
    }
}

fn person_ref(p: &Person) -> PersonRef {
    PersonRef {
        id: p.id.clone(),
        name: p.name.clone(),
        role: p.role.clone(),
        native_name: p.native_name.clone(),
        native_lang: p.native_lang.clone(),
        path: p.path.clone(),
    }
}

/// Model one explainer (no cross-explainer checks: see [`check_links`]).
pub fn explainer(
    r: RawExplainer,
    settings: &Settings,
    people: &[Person],
    by_id: &HashMap<String, usize>,
    shortcodes: &HashSet<String>,
) -> Result<Explainer, Vec<ContentError>> {
    let mut errors = Vec::new();
    let src = &r.source;
    let fm = r.front_offset;
    let date = |text: &str, key: &str, errors: &mut Vec<ContentError>| -> Option<When> {
        match dates::parse(text) {
            Ok(w) => Some(w),
            Err(msg) => {
                errors.push(
                    src.error_near(fm, text, format!("`{key}`: {msg}"))
                        .help("write a date as 2025-05-16 or a UTC time as 2025-05-16T09:30:00Z"),
                );
                None
            }
        }
    };
    let f = &r.front;
    let published = date(&f.published.as_text(), "published", &mut errors);
    let explicit_updated = f
        .updated
        .as_ref()
        .and_then(|u| date(&u.as_text(), "updated", &mut errors));
    let mut updates: Vec<Update> = f
        .updates
        .iter()
        .filter_map(|u| {
            date(&u.at.as_text(), "updates.at", &mut errors).map(|at| Update {
                at,
                html: markdown::render_inline(&u.text, settings.allow_raw_html),
                text: u.text.clone(),
            })
        })
        .collect();
    updates.sort_by_key(|u| std::cmp::Reverse(u.at.timestamp));

    let person = |id: &str, errors: &mut Vec<ContentError>| -> Option<PersonRef> {
        match by_id.get(id) {
            Some(&i) => Some(person_ref(&people[i])),
            None => {
                let help = match did_you_mean(id, by_id.keys().map(String::as_str)) {
                    Some(s) => {
                        format!("did you mean `{s}`? People are defined in content/people.yaml")
                    }
                    None => "add this person to content/people.yaml, or fix the id".into(),
                };
                errors.push(
                    src.error_near(fm, id, format!("unknown person id `{id}`"))
                        .help(help),
                );
                None
            }
        }
    };

    let talks = f.talks.as_ref().map(|t| {
        let when = t
            .when
            .as_ref()
            .and_then(|w| date(&w.as_text(), "talks.when", &mut errors));
        let (mut local_time, mut local_iso) = (None, None);
        if let (Some(w), Some(zone)) = (&when, &t.timezone) {
            match dates::local(w, zone) {
                Ok((text, iso)) if w.precision == dates::Precision::Instant => {
                    local_time = Some(text);
                    local_iso = Some(iso);
                }
                Ok(_) => {}
                Err(msg) => errors.push(
                    src.error_near(fm, zone, msg)
                        .help("use an IANA time zone name such as Europe/Istanbul"),
                ),
            }
        }
        let parties = t
            .parties
            .iter()
            .map(|p| Party {
                name: p.name.clone(),
                head: p.head.as_ref().and_then(|h| person(h, &mut errors)),
                members: p
                    .members
                    .iter()
                    .filter_map(|m| person(m, &mut errors))
                    .collect(),
            })
            .collect();
        let mediators = t
            .mediators
            .iter()
            .filter_map(|m| person(m, &mut errors))
            .collect();
        Talks {
            when,
            local_time,
            local_iso,
            timezone: t.timezone.clone(),
            place: t.place.clone(),
            venue: t.venue.clone(),
            host: t.host.clone(),
            status: t.status.label().into(),
            status_key: t.status.key().into(),
            status_schema: Status::schema_org(t.status).into(),
            parties,
            mediators,
        }
    });

    if let Some(img) = &f.image {
        let ok = !img.src.contains("..")
            && !img.src.starts_with('/')
            && !img.src.contains('\\')
            && !img.src.contains(':');
        if !ok {
            errors.push(
                src.error_near(
                    fm,
                    &img.src,
                    format!("the image `{}` must be a file beside index.md", img.src),
                )
                .help("put the image in the explainer's folder and give its file name"),
            );
        } else if !img
            .src
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_./".contains(&b))
        {
            // The name goes into URLs (og:image, JSON-LD) as it is: keep it URL-safe.
            errors.push(
                src.error_near(fm, &img.src, format!("the image name `{}` is not URL-safe", img.src))
                    .help(format!("rename the file to `{}` (letters, digits, dashes, dots)", img.src.replace(|c: char| !c.is_ascii_alphanumeric() && c != '.', "-"))),
            );
        } else if !r.assets.iter().any(|a| a.to_string_lossy() == img.src) {
            errors.push(
                src.error_near(
                    fm,
                    &img.src,
                    format!("the image `{}` does not exist", img.src),
                )
                .help("put the image file in the explainer's folder, beside index.md"),
            );
        }
    }

    let timeline: Vec<Event> =
        r.timeline
            .as_ref()
            .map(|(tsrc, events)| {
                events
                    .iter()
                    .filter_map(|e| match dates::parse(&e.date.as_text()) {
                        Ok(date) => Some(Event {
                            date,
                            html: markdown::render_inline(&e.text, settings.allow_raw_html),
                            link: match &e.link {
                                Some(l) if markdown::classify(l) == LinkKind::Unsafe => {
                                    errors.push(unsafe_url(tsrc, 0, l));
                                    None
                                }
                                l => l.clone(),
                            },
                        }),
                        Err(msg) => {
                            errors.push(tsrc.error_near(0, &e.date.as_text(), msg).help(
                                "write a year (2022), a month (2022-02) or a day (2022-02-24)",
                            ));
                            None
                        }
                    })
                    .collect()
            })
            .unwrap_or_default();

    let positions = r.positions.as_ref().map(|(psrc, p)| {
        for issue in &p.issues {
            for party in issue.stances.keys() {
                if !p.parties.contains(party) {
                    let help = match did_you_mean(party, p.parties.iter().map(String::as_str)) {
                        Some(s) => format!("did you mean `{s}`?"),
                        None => "add the party to `parties:` at the top of the file".into(),
                    };
                    errors.push(
                        psrc.error_near(
                            0,
                            &format!("{party}:"),
                            format!("`{party}` is not one of the parties listed"),
                        )
                        .help(help),
                    );
                }
            }
        }
        Positions {
            parties: p.parties.clone(),
            issues: p
                .issues
                .iter()
                .map(|i| IssueRow {
                    issue: i.issue.clone(),
                    stances: p
                        .parties
                        .iter()
                        .map(|party| i.stances.get(party).cloned())
                        .collect(),
                })
                .collect(),
        }
    });

    for s in &f.sources {
        if let Some(u) = s.url.as_deref().filter(|u| markdown::classify(u) == LinkKind::Unsafe) {
            errors.push(unsafe_url(src, fm, u));
        }
    }

    // The body.
    let page_path = format!("{}/", r.slug);
    let body = markdown::render(r.body(), &Settings { page_path: &page_path, ..*settings });
    for (at, msg, help) in &body.problems {
        errors.push(
            src.error_at(r.body_offset + at, 1, msg.clone())
                .help(help.clone()),
        );
    }
    let party_names: Vec<&str> = f
        .talks
        .as_ref()
        .map(|t| t.parties.iter().map(|p| p.name.as_str()).collect())
        .unwrap_or_default();
    for c in &body.calls {
        let at = r.body_offset + c.offset;
        if !shortcodes.contains(&c.name) {
            let help = match did_you_mean(&c.name, shortcodes.iter().map(String::as_str)) {
                Some(s) => format!(
                    "did you mean `{s}`? Shortcodes live in templates/shortcodes/<name>.html"
                ),
                None => format!(
                    "add templates/shortcodes/{}.html, or use one of: {}",
                    c.name,
                    sorted(shortcodes).join(", ")
                ),
            };
            errors.push(
                src.error_at(at, c.len, format!("unknown shortcode `{}`", c.name))
                    .help(help),
            );
            continue;
        }
        let arg = |k: &str| c.args.get(k).and_then(|v| v.as_str());
        match c.name.as_str() {
            "delegation" => match arg("party") {
                Some(p) if party_names.contains(&p) => {}
                Some(p) => errors.push(
                    src.error_at(
                        at,
                        c.len,
                        format!("no party `{p}` in this explainer's talks"),
                    )
                    .with_help(Some(
                        match did_you_mean(p, party_names.iter().copied()) {
                            Some(s) => format!("did you mean `{s}`?"),
                            None => format!(
                                "use one of the parties under `talks:`: {}",
                                party_names.join(", ")
                            ),
                        },
                    )),
                ),
                None => errors.push(
                    src.error_at(at, c.len, "`delegation` needs a `party` argument")
                        .help("write `{{ delegation(party=\"Name\") }}`"),
                ),
            },
            "person" => match arg("id") {
                Some(id) if by_id.contains_key(id) => {}
                Some(id) => errors.push(
                    src.error_at(at, c.len, format!("unknown person id `{id}`"))
                        .help("use an id from content/people.yaml"),
                ),
                None => errors.push(
                    src.error_at(at, c.len, "`person` needs an `id` argument")
                        .help("write `{{ person(id=\"person-id\") }}`"),
                ),
            },
            "timeline" if r.timeline.is_none() => errors.push(
                src.error_at(at, c.len, "this explainer has no timeline.yaml")
                    .help("add timeline.yaml beside index.md, or remove the shortcode"),
            ),
            "positions" if r.positions.is_none() => errors.push(
                src.error_at(at, c.len, "this explainer has no positions.yaml")
                    .help("add positions.yaml beside index.md, or remove the shortcode"),
            ),
            _ => {}
        }
    }

    let slug = r.slug.clone();
    let questions: Vec<Question> = body
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let updated = q.updated.as_ref().and_then(|u| match dates::parse(u) {
                Ok(w) => Some(w),
                Err(msg) => {
                    errors.push(
                        src.error_near(r.body_offset + q.offset, u, format!("`updated=`: {msg}"))
                            .help("write `updated=2025-05-16T10:00:00Z` in the heading's `{…}`"),
                    );
                    None
                }
            });
            for a in &q.unknown_attrs {
                errors.push(
                    src.error_near(
                        r.body_offset + q.offset,
                        a,
                        format!("unknown heading attribute `{a}`"),
                    )
                    .help("question headings take `{#id}` and `updated=…`"),
                );
            }
            Question {
                path: format!("{slug}/{}/", q.id),
                id: q.id.clone(),
                title: q.title.clone(),
                title_html: q.title_html.clone(),
                html: q.html.clone(),
                updated,
                position: i + 1,
            }
        })
        .collect();
    if questions.is_empty() && errors.is_empty() {
        errors.push(
            src.error_at(r.body_offset, 0, "this explainer has no questions")
                .help("add at least one question as a level-2 heading: `## When are the talks?`"),
        );
    }
    for q in &questions {
        if r.assets.iter().any(|a| {
            a.components()
                .next()
                .is_some_and(|c| c.as_os_str() == q.id.as_str())
        }) {
            errors.push(
                src.error_near(
                    r.body_offset,
                    &q.title,
                    format!(
                        "the question id `{}` is also the name of a folder beside index.md",
                        q.id
                    ),
                )
                .help("rename the folder or give the question another `{#id}`"),
            );
        }
    }

    if !errors.is_empty() {
        return Err(errors);
    }
    let published = published.expect("no errors, so published parsed");
    let newest_update = updates.first().map(|u| u.at.clone());
    let updated = explicit_updated
        .or(newest_update)
        .unwrap_or_else(|| published.clone());
    let mentions: Vec<BTreeSet<usize>> = std::iter::once(body.lead_mentions.clone())
        .chain(body.questions.iter().map(|q| q.mentions.clone()))
        .collect();
    Ok(Explainer {
        path: format!("{slug}/"),
        was_updated: updated != published,
        slug,
        title: f.title.clone(),
        summary: f.summary.clone(),
        published,
        updated,
        draft: f.draft,
        image: f.image.clone(),
        talks,
        updates,
        sources: f.sources.clone(),
        lead_html: body.lead_html,
        questions,
        timeline,
        positions,
        assets: r.assets,
        dir: r.dir,
        body_offset: r.body_offset,
        source: r.source,
        calls: body.calls,
        links: body.links,
        mentions,
    })
}

/// A link whose scheme could run code (`javascript:` and kin).
fn unsafe_url(src: &Source, from: usize, url: &str) -> ContentError {
    src.error_near(from, url, format!("unsafe link `{}`", url.chars().take(40).collect::<String>()))
        .help("links may not run code: use an https:// address")
}

fn sorted(set: &HashSet<String>) -> Vec<String> {
    let mut v: Vec<String> = set.iter().cloned().collect();
    v.sort();
    v
}

/// Group people by party, in order of first appearance.
pub fn people_by_party(people: &[Person]) -> Vec<(String, Vec<&Person>)> {
    let mut groups: BTreeMap<usize, (String, Vec<&Person>)> = BTreeMap::new();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for p in people {
        let n = seen.len();
        let k = *seen.entry(p.party.as_str()).or_insert(n);
        groups
            .entry(k)
            .or_insert_with(|| (p.party.clone(), Vec::new()))
            .1
            .push(p);
    }
    groups.into_values().collect()
}
