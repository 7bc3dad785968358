//! Models one explainer: parses its dates, resolves its people, renders its body and
//! checks its shortcodes, timeline and positions, collecting every problem found.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use crate::diag::{ContentError, Source, did_you_mean};
use crate::load::RawExplainer;
use crate::markdown::shortcode::Call;
use crate::markdown::{self, Body, LinkKind, Settings};
use crate::model::newsroom::{self, Byline, Latest};
use crate::model::{
    Event, Explainer, IssueRow, Party, PersonRef, Positions, Question, Talks, Update,
};
use crate::schema::{EventDate, Image, SourceEntry, Status, TalksEntry, TalksWhen};
use crate::text::dates::{self, When};
use crate::text::typography::{quoted, quoted_opt};

/// Model one explainer (no cross-explainer checks: see [`check_links`]).
pub fn explainer(
    r: RawExplainer,
    settings: &Settings,
    people: &[Arc<PersonRef>],
    by_id: &HashMap<String, usize>,
    bylines: &HashMap<String, Arc<Byline>>,
    shortcodes: &HashSet<String>,
) -> Result<Explainer, Vec<ContentError>> {
    let mut m = Modeller {
        r: &r,
        settings,
        people,
        by_id,
        errors: Vec::new(),
        reported: HashMap::new(),
    };
    let f = &r.front;
    let (src, fm) = (&r.source, r.front_offset);
    let published = m.date(&f.published.as_text(), "published");
    let explicit_updated = f
        .updated
        .as_ref()
        .and_then(|u| m.date(&u.as_text(), "updated"));
    let updates = m.updates();
    let authors = newsroom::byline(&f.authors, src, fm, bylines, &mut m.errors);
    let talks = f.talks.as_ref().map(|t| m.talks(t));
    if let Some(img) = &f.image {
        m.check_image(img);
    }
    let timeline = m.timeline();
    let positions = m.positions();
    m.check_sources();

    // A translation may have its own URL slug (`slug:`); the folder's name stays its id.
    let page_path = format!("{}/", r.front.slug.as_deref().unwrap_or(&r.slug));
    let body = m.body(&page_path, shortcodes);
    let questions = m.questions(&body, &page_path);
    let corrections = newsroom::corrections(
        &f.corrections,
        src,
        fm,
        &questions,
        settings.allow_raw_html,
        &mut m.errors,
    );
    if !m.errors.is_empty() {
        return Err(m.errors);
    }
    let published = published.expect("no errors, so published parsed");
    let latest = newsroom::latest(&updates, &corrections);
    let updated = last_changed(&published, explicit_updated, &questions, latest.as_ref());
    let mentions: Vec<BTreeSet<usize>> = std::iter::once(body.lead_mentions.clone())
        .chain(body.questions.iter().map(|q| q.mentions.clone()))
        .collect();
    let slug = r.slug.clone();
    Ok(Explainer {
        path: page_path,
        was_updated: updated != published,
        slug,
        title: quoted(f.title.clone()),
        summary: quoted(f.summary.clone()),
        published,
        updated,
        draft: f.draft,
        fallback: None,
        image: f.image.clone().map(typeset_image),
        talks,
        updates,
        sources: f.sources.iter().map(typeset_source).collect(),
        authors,
        corrections,
        latest,
        taxa: crate::taxonomy::Taxa::written(
            f.series.clone(),
            f.topics.clone(),
            f.countries.clone(),
        ),
        lead_html: body.lead_html,
        questions,
        timeline,
        positions,
        assets: r.assets,
        dir: r.dir,
        body_offset: r.body_offset,
        source: r.source,
        source_released: false,
        calls: body.calls,
        links: body.links,
        mentions,
    })
}

/// The lead image with typographic quotes in its alt text, caption and credit.
fn typeset_image(i: Image) -> Image {
    Image {
        alt: quoted(i.alt),
        caption: quoted_opt(i.caption),
        credit: quoted_opt(i.credit),
        ..i
    }
}

/// A source with typographic quotes in its title.
fn typeset_source(s: &SourceEntry) -> SourceEntry {
    SourceEntry {
        title: quoted(s.title.clone()),
        ..s.clone()
    }
}

/// One explainer being modelled: what its parts are checked against, and every problem
/// found so far.
struct Modeller<'a> {
    r: &'a RawExplainer,
    settings: &'a Settings<'a>,
    people: &'a [Arc<PersonRef>],
    by_id: &'a HashMap<String, usize>,
    errors: Vec<ContentError>,
    /// Where each unknown person id was last reported: the same id given twice is reported
    /// twice, each at its own place.
    reported: HashMap<String, usize>,
}

impl<'a> Modeller<'a> {
    /// A date of the front matter; `key` names it in the error.
    fn date(&mut self, text: &str, key: &str) -> Option<When> {
        match dates::parse(text) {
            Ok(w) => Some(w),
            Err(msg) => {
                let r = self.r;
                self.errors.push(
                    r.source
                        .error_near(r.front_offset, text, format!("`{key}`: {msg}"))
                        .help("write a date as 2025-05-16 or a UTC time as 2025-05-16T09:30:00Z"),
                );
                None
            }
        }
    }

    /// The front matter's `updates:`, newest first.
    fn updates(&mut self) -> Vec<Update> {
        let r = self.r;
        let allow_raw_html = self.settings.allow_raw_html;
        let mut updates: Vec<Update> = (r.front.updates.iter())
            .filter_map(|u| {
                self.date(&u.at.as_text(), "updates.at").map(|at| Update {
                    at,
                    html: markdown::render_inline(&u.text, allow_raw_html),
                    text: u.text.clone(),
                })
            })
            .collect();
        updates.sort_by_key(|u| std::cmp::Reverse(u.at.timestamp));
        updates
    }

    /// A person of people.yaml by id.
    fn person(&mut self, id: &str) -> Option<Arc<PersonRef>> {
        if let Some(&i) = self.by_id.get(id) {
            return Some(Arc::clone(&self.people[i]));
        }
        let help = match did_you_mean(id, self.by_id.keys().map(String::as_str)) {
            Some(s) => format!("did you mean `{s}`? People are defined in content/people.yaml"),
            None => "add this person to content/people.yaml, or fix the id".into(),
        };
        let (src, fm) = (&self.r.source, self.r.front_offset);
        let from = self.reported.get(id).map_or(fm, |at| at + 1);
        let at = crate::load::frontmatter::find_token(&src.text, from, id).unwrap_or(from);
        self.reported.insert(id.to_string(), at);
        self.errors.push(
            src.error_at(at, id.len(), format!("unknown person id `{id}`"))
                .help(help),
        );
        None
    }

    /// The talks of the front matter: when and where, and who sits at them.
    fn talks(&mut self, t: &TalksEntry) -> Talks {
        let detail = match &t.when {
            Some(TalksWhen::Detailed(d)) => Some(d),
            _ => None,
        };
        let tentative = detail.is_some_and(|d| d.tentative);
        let when = (t.when.as_ref()).and_then(|w| self.date(&w.at().as_text(), "talks.when"));
        let (mut local_time, mut local_iso) = (None, None);
        if let (Some(w), Some(zone)) = (&when, &t.timezone) {
            match dates::local(w, zone, t.place.as_deref()) {
                // A tentative time is not turned into a venue time: that would state it twice.
                Ok((text, iso)) if w.precision == dates::Precision::Instant && !tentative => {
                    local_time = Some(text);
                    local_iso = Some(iso);
                }
                Ok(_) => {}
                Err(msg) => self.errors.push(
                    (self.r.source.error_near(self.r.front_offset, zone, msg))
                        .help("use an IANA time zone name such as Europe/Istanbul"),
                ),
            }
        }
        // A tentative time without its own label: pages say `Provisionally set for` in their
        // language (the theme's `provisionally-set-for`); the JSON-LD text in English.
        let when_label = detail.and_then(|d| quoted_opt(d.label.clone()));
        let when_note = detail.and_then(|d| quoted_opt(d.note.clone()));
        let label = when_label
            .clone()
            .or_else(|| tentative.then(|| "Provisionally set for".to_string()));
        let when_text = when
            .as_ref()
            .map(|w| when_text(label.as_deref(), &w.display, when_note.as_deref()));
        let parties: Vec<Party> = (t.parties.iter())
            .map(|p| Party {
                name: p.name.clone(),
                head: p.head.as_ref().and_then(|h| self.person(h)),
                members: p.members.iter().filter_map(|m| self.person(m)).collect(),
                others: quoted_opt(p.others.clone()),
            })
            .collect();
        let mediators = t.mediators.iter().filter_map(|m| self.person(m)).collect();
        Talks {
            name: quoted_opt(t.name.clone()).unwrap_or_else(|| event_name(&parties)),
            when,
            tentative,
            when_label,
            when_note,
            when_text,
            local_time,
            local_iso,
            timezone: t.timezone.clone(),
            place: quoted_opt(t.place.clone()),
            venue: quoted_opt(t.venue.clone()),
            host: quoted_opt(t.host.clone()),
            status: t.status.label().into(),
            status_key: t.status.key().into(),
            status_schema: Status::schema_org(t.status).into(),
            parties,
            mediators,
        }
    }

    /// The lead image must be a URL-safe file beside index.md.
    fn check_image(&mut self, img: &Image) {
        let (r, fm) = (self.r, self.r.front_offset);
        let src = &r.source;
        // The YAML parser does not locate values: look for `src:` after `image:`.
        let image_at = src.text[fm..].find("image:").map_or(fm, |i| fm + i);
        let src_at = src.text[image_at..]
            .find("src:")
            .map_or(image_at, |i| image_at + i);
        let at_src = |message: String| match img.src.is_empty() {
            true => src.error_at(src_at, 4, message),
            false => src.error_near(src_at, &img.src, message),
        };
        let ok = !img.src.contains("..")
            && !img.src.starts_with('/')
            && !img.src.contains('\\')
            && !img.src.contains(':');
        let error = if img.src.trim().is_empty() {
            at_src("the image has no file name (`src` is empty)".into())
                .help("give the file name of an image beside index.md, or remove `image:`")
        } else if !ok {
            at_src(format!(
                "the image `{}` must be a file beside index.md",
                img.src
            ))
            .help("put the image in the explainer's folder and give its file name")
        } else if !img
            .src
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_./".contains(&b))
        {
            // The name goes into URLs (og:image, JSON-LD) as it is: keep it URL-safe.
            at_src(format!("the image name `{}` is not URL-safe", img.src)).help(format!(
                "rename the file to `{}` (letters, digits, dashes, dots)",
                img.src
                    .replace(|c: char| !c.is_ascii_alphanumeric() && c != '.', "-")
            ))
        } else if !r.assets.iter().any(|a| a.to_string_lossy() == img.src) {
            at_src(format!("the image `{}` does not exist", img.src))
                .help("put the image file in the explainer's folder, beside index.md")
        } else {
            return;
        };
        self.errors.push(error);
    }

    /// timeline.yaml's events, each with its date checked and its link safe.
    fn timeline(&mut self) -> Vec<Event> {
        let Some((tsrc, events)) = self.r.timeline.as_ref() else {
            return Vec::new();
        };
        let allow_raw_html = self.settings.allow_raw_html;
        let errors = &mut self.errors;
        events
            .iter()
            .filter_map(|e| {
                let date = event_date(tsrc, &e.date).map_err(|err| errors.push(err));
                let link = match &e.link {
                    Some(l) if markdown::classify(l) == LinkKind::Unsafe => {
                        errors.push(unsafe_url(tsrc, 0, l));
                        None
                    }
                    l => l.clone(),
                };
                Some(Event {
                    date: date.ok()?,
                    html: markdown::render_inline(&e.text, allow_raw_html),
                    link,
                })
            })
            .collect()
    }

    /// positions.yaml's table; a stance of a party not listed is an error.
    fn positions(&mut self) -> Option<Positions> {
        let (psrc, p) = self.r.positions.as_ref()?;
        for issue in &p.issues {
            for party in issue.stances.keys() {
                if p.parties.contains(party) {
                    continue;
                }
                let help = match did_you_mean(party, p.parties.iter().map(String::as_str)) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => "add the party to `parties:` at the top of the file".into(),
                };
                self.errors.push(
                    psrc.error_near(
                        0,
                        &format!("{party}:"),
                        format!("`{party}` is not one of the parties listed"),
                    )
                    .help(help),
                );
            }
        }
        Some(Positions {
            parties: p.parties.clone(),
            issues: (p.issues.iter())
                .map(|i| IssueRow {
                    issue: quoted(i.issue.clone()),
                    stances: (p.parties.iter())
                        .map(|party| quoted_opt(i.stances.get(party).cloned()))
                        .collect(),
                })
                .collect(),
        })
    }

    /// Sources' links must not run code.
    fn check_sources(&mut self) {
        let r = self.r;
        for s in &r.front.sources {
            if let Some(u) =
                (s.url.as_deref()).filter(|u| markdown::classify(u) == LinkKind::Unsafe)
            {
                self.errors.push(unsafe_url(&r.source, r.front_offset, u));
            }
        }
    }

    /// The body rendered from Markdown at `page_path`: its problems and unknown shortcodes
    /// into the errors.
    fn body(&mut self, page_path: &str, shortcodes: &HashSet<String>) -> Body {
        let r = self.r;
        let body = markdown::render(
            r.body(),
            &Settings {
                page_path,
                ..*self.settings
            },
        );
        for (at, msg, help) in &body.problems {
            self.errors.push(
                r.source
                    .error_at(r.body_offset + at, 1, msg.clone())
                    .help(help.clone()),
            );
        }
        self.check_calls(&body.calls, shortcodes);
        body
    }

    /// Every shortcode of the body must exist and have the arguments it needs.
    fn check_calls(&mut self, calls: &[Call], shortcodes: &HashSet<String>) {
        let r = self.r;
        for c in calls {
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
                self.errors.push(
                    (r.source
                        .error_at(at, c.len, format!("unknown shortcode `{}`", c.name)))
                    .help(help),
                );
            } else if let Some(e) = self.check_builtin_call(c, at) {
                self.errors.push(e);
            }
        }
    }

    /// The built-in shortcodes' arguments: a party of these talks, a known person, a
    /// timeline or positions file that exists.
    fn check_builtin_call(&self, c: &Call, at: usize) -> Option<ContentError> {
        let r = self.r;
        let src = &r.source;
        let party_names: Vec<&str> = (r.front.talks.as_ref())
            .map(|t| t.parties.iter().map(|p| p.name.as_str()).collect())
            .unwrap_or_default();
        let arg = |k: &str| c.args.get(k).and_then(|v| v.as_str());
        match c.name.as_str() {
            "delegation" => match arg("party") {
                Some(p) if party_names.contains(&p) => None,
                Some(p) => Some(
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
                None => Some(
                    src.error_at(at, c.len, "`delegation` needs a `party` argument")
                        .help("write `{{ delegation(party=\"Name\") }}`"),
                ),
            },
            "person" => match arg("id") {
                Some(id) if self.by_id.contains_key(id) => None,
                Some(id) => Some(
                    src.error_at(at, c.len, format!("unknown person id `{id}`"))
                        .help("use an id from content/people.yaml"),
                ),
                None => Some(
                    src.error_at(at, c.len, "`person` needs an `id` argument")
                        .help("write `{{ person(id=\"person-id\") }}`"),
                ),
            },
            "timeline" if r.timeline.is_none() => Some(
                src.error_at(at, c.len, "this explainer has no timeline.yaml")
                    .help("add timeline.yaml beside index.md, or remove the shortcode"),
            ),
            "positions" if r.positions.is_none() => Some(
                src.error_at(at, c.len, "this explainer has no positions.yaml")
                    .help("add positions.yaml beside index.md, or remove the shortcode"),
            ),
            _ => None,
        }
    }

    /// The body's questions, with their ids (a translation keeps the original's) and dates.
    fn questions(&mut self, body: &Body, page_path: &str) -> Vec<Question> {
        let r = self.r;
        let src = &r.source;
        let questions: Vec<Question> = (body.questions.iter().enumerate())
            .map(|(i, q)| {
                let updated = q.updated.as_ref().and_then(|u| match dates::parse(u) {
                    Ok(w) => Some(w),
                    Err(msg) => {
                        self.errors.push(
                            (src.error_near(
                                r.body_offset + q.offset,
                                u,
                                format!("`updated=`: {msg}"),
                            ))
                            .help("write `updated=2025-05-16T10:00:00Z` in the heading's `{…}`"),
                        );
                        None
                    }
                });
                for a in &q.unknown_attrs {
                    self.errors.push(
                        src.error_near(
                            r.body_offset + q.offset,
                            a,
                            format!("unknown heading attribute `{a}`"),
                        )
                        .help("question headings take `{#id}` and `updated=…`"),
                    );
                }
                // A translation's questions keep the original's ids, unless they set their own.
                let id = match r.question_ids.get(i) {
                    Some(id) if !q.explicit_id => id.clone(),
                    _ => q.id.clone(),
                };
                Question {
                    path: format!("{page_path}{id}/"),
                    id,
                    explicit_id: q.explicit_id,
                    title: q.title.clone(),
                    title_html: q.title_html.clone(),
                    html: q.html.clone(),
                    updated,
                    position: i + 1,
                }
            })
            .collect();
        self.check_questions(&questions);
        questions
    }

    /// As many questions as the original has (in a translation), at least one, and none
    /// whose id is the name of a folder beside index.md.
    fn check_questions(&mut self, questions: &[Question]) {
        let r = self.r;
        let src = &r.source;
        if !r.question_ids.is_empty() && questions.len() != r.question_ids.len() {
            self.errors.push(
                src.error_at(
                    r.body_offset,
                    0,
                    format!(
                        "this translation has {} questions, the original has {}",
                        questions.len(),
                        r.question_ids.len()
                    ),
                )
                .help("translate every question of index.md, in its order, and add none"),
            );
        }
        if questions.is_empty() && self.errors.is_empty() {
            self.errors.push(
                src.error_at(r.body_offset, 0, "this explainer has no questions")
                    .help(
                        "add at least one question as a level-2 heading: `## When are the talks?`",
                    ),
            );
        }
        for q in questions {
            if r.assets.iter().any(|a| {
                a.components()
                    .next()
                    .is_some_and(|c| c.as_os_str() == q.id.as_str())
            }) {
                self.errors.push(
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
    }
}

/// When an explainer last changed: anything that changed moves it (the newest update or
/// correction, or an answer's `updated=` newer than that and than `published`), unless
/// `updated:` says otherwise.
fn last_changed(
    published: &When,
    explicit: Option<When>,
    questions: &[Question],
    latest: Option<&Latest>,
) -> When {
    let newest_update = latest.map(|l| l.at.clone());
    let newest_answer = questions
        .iter()
        .filter_map(|q| q.updated.as_ref())
        .max_by_key(|w| w.timestamp)
        .filter(|a| a.timestamp > newest_update.as_ref().unwrap_or(published).timestamp)
        .cloned();
    explicit
        .or(newest_answer)
        .or(newest_update)
        .unwrap_or_else(|| published.clone())
}

/// A timeline date: a year, month or day, or a weekday of a known week.
fn event_date(tsrc: &Source, d: &EventDate) -> Result<When, ContentError> {
    match d {
        EventDate::Plain(p) => dates::parse(&p.as_text()).map_err(|msg| {
            tsrc.error_near(0, &p.as_text(), msg).help(
                "write a year (2022), a month (2022-02), a day (2022-02-24), or \
                 `{weekday: Thursday, week_of: 2025-05-16}`",
            )
        }),
        EventDate::Weekday(w) => {
            let week_of = dates::parse(&w.week_of.as_text()).map_err(|msg| {
                tsrc.error_near(0, &w.week_of.as_text(), format!("`week_of`: {msg}"))
                    .help("give a day of the week meant, as 2025-05-16")
            })?;
            dates::weekday_of(&w.weekday, &week_of).map_err(|msg| {
                let (near, help) = if week_of.precision < dates::Precision::Day {
                    (
                        w.week_of.as_text(),
                        "give a whole day, as 2025-05-16".to_string(),
                    )
                } else {
                    let help = match did_you_mean(&w.weekday, dates::WEEKDAYS.iter().copied()) {
                        Some(s) => format!("did you mean `{s}`?"),
                        None => format!("use one of: {}", dates::WEEKDAYS.join(", ")),
                    };
                    (w.weekday.clone(), help)
                };
                tsrc.error_near(0, &near, msg).help(help)
            })
        }
    }
}

/// The talks' start as readers read it: `Initially set for 16 May 2025, 09:30 UTC (timings
/// in flux)`.
fn when_text(label: Option<&str>, display: &str, note: Option<&str>) -> String {
    let mut s = String::new();
    if let Some(l) = label {
        s.push_str(l);
        s.push(' ');
    }
    s.push_str(display);
    if let Some(n) = note {
        s.push_str(" (");
        s.push_str(n);
        s.push(')');
    }
    s
}

/// An event name from the parties: `Talks between Russia and Ukraine`.
fn event_name(parties: &[Party]) -> String {
    let names: Vec<&str> = parties.iter().map(|p| p.name.as_str()).collect();
    match names.as_slice() {
        [] => "Talks".into(),
        [one] => format!("Talks with {one}"),
        [rest @ .., last] => format!("Talks between {} and {last}", rest.join(", ")),
    }
}

/// A link whose scheme could run code (`javascript:` and kin).
fn unsafe_url(src: &Source, from: usize, url: &str) -> ContentError {
    src.error_near(
        from,
        url,
        format!("unsafe link `{}`", url.chars().take(40).collect::<String>()),
    )
    .help("links may not run code: use an https:// address")
}

fn sorted(set: &HashSet<String>) -> Vec<String> {
    let mut v: Vec<String> = set.iter().cloned().collect();
    v.sort();
    v
}
