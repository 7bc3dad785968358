//! Models one explainer: parses its dates, resolves its people, renders its body and
//! checks its shortcodes, timeline and positions, collecting every problem found.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use crate::dates::{self, When};
use crate::diag::{ContentError, Source, did_you_mean};
use crate::load::RawExplainer;
use crate::markdown::{self, LinkKind, Settings};
use crate::model::{
    Event, Explainer, IssueRow, Party, PersonRef, Positions, Question, Talks, Update,
};
use crate::newsroom::{self, Byline};
use crate::schema::{EventDate, Image, SourceEntry, Status, TalksWhen};
use crate::typography::{quoted, quoted_opt};

/// Model one explainer (no cross-explainer checks: see [`check_links`]).
pub fn explainer(
    r: RawExplainer,
    settings: &Settings,
    people: &[Arc<PersonRef>],
    by_id: &HashMap<String, usize>,
    bylines: &HashMap<String, Arc<Byline>>,
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
    let authors = newsroom::byline(&f.authors, src, fm, bylines, &mut errors);

    // Where each unknown id was last reported: the same id given twice is reported twice,
    // each at its own place.
    let reported: std::cell::RefCell<HashMap<String, usize>> = Default::default();
    let person = |id: &str, errors: &mut Vec<ContentError>| -> Option<Arc<PersonRef>> {
        match by_id.get(id) {
            Some(&i) => Some(Arc::clone(&people[i])),
            None => {
                let help = match did_you_mean(id, by_id.keys().map(String::as_str)) {
                    Some(s) => {
                        format!("did you mean `{s}`? People are defined in content/people.yaml")
                    }
                    None => "add this person to content/people.yaml, or fix the id".into(),
                };
                let mut reported = reported.borrow_mut();
                let from = reported.get(id).map_or(fm, |at| at + 1);
                let at = crate::frontmatter::find_token(&src.text, from, id).unwrap_or(from);
                reported.insert(id.to_string(), at);
                errors.push(
                    src.error_at(at, id.len(), format!("unknown person id `{id}`"))
                        .help(help),
                );
                None
            }
        }
    };

    let talks = f.talks.as_ref().map(|t| {
        let detail = match &t.when {
            Some(TalksWhen::Detailed(d)) => Some(d),
            _ => None,
        };
        let tentative = detail.is_some_and(|d| d.tentative);
        let when = t
            .when
            .as_ref()
            .and_then(|w| date(&w.at().as_text(), "talks.when", &mut errors));
        let (mut local_time, mut local_iso) = (None, None);
        if let (Some(w), Some(zone)) = (&when, &t.timezone) {
            match dates::local(w, zone, t.place.as_deref()) {
                // A tentative time is not turned into a venue time: that would state it twice.
                Ok((text, iso)) if w.precision == dates::Precision::Instant && !tentative => {
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
        let parties: Vec<Party> = t
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
                others: quoted_opt(p.others.clone()),
            })
            .collect();
        let mediators = t
            .mediators
            .iter()
            .filter_map(|m| person(m, &mut errors))
            .collect();
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
    });

    if let Some(img) = &f.image {
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
        if img.src.trim().is_empty() {
            errors.push(
                at_src("the image has no file name (`src` is empty)".into())
                    .help("give the file name of an image beside index.md, or remove `image:`"),
            );
        } else if !ok {
            errors.push(
                at_src(format!(
                    "the image `{}` must be a file beside index.md",
                    img.src
                ))
                .help("put the image in the explainer's folder and give its file name"),
            );
        } else if !img
            .src
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_./".contains(&b))
        {
            // The name goes into URLs (og:image, JSON-LD) as it is: keep it URL-safe.
            errors.push(
                at_src(format!("the image name `{}` is not URL-safe", img.src)).help(format!(
                    "rename the file to `{}` (letters, digits, dashes, dots)",
                    img.src
                        .replace(|c: char| !c.is_ascii_alphanumeric() && c != '.', "-")
                )),
            );
        } else if !r.assets.iter().any(|a| a.to_string_lossy() == img.src) {
            errors.push(
                at_src(format!("the image `{}` does not exist", img.src))
                    .help("put the image file in the explainer's folder, beside index.md"),
            );
        }
    }

    let timeline: Vec<Event> = r
        .timeline
        .as_ref()
        .map(|(tsrc, events)| {
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
                        html: markdown::render_inline(&e.text, settings.allow_raw_html),
                        link,
                    })
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
                    issue: quoted(i.issue.clone()),
                    stances: p
                        .parties
                        .iter()
                        .map(|party| quoted_opt(i.stances.get(party).cloned()))
                        .collect(),
                })
                .collect(),
        }
    });

    for s in &f.sources {
        if let Some(u) = s
            .url
            .as_deref()
            .filter(|u| markdown::classify(u) == LinkKind::Unsafe)
        {
            errors.push(unsafe_url(src, fm, u));
        }
    }

    // The body.
    // A translation may have its own URL slug (`slug:`); the folder's name stays its id.
    let page_path = format!("{}/", r.front.slug.as_deref().unwrap_or(&r.slug));
    let body = markdown::render(
        r.body(),
        &Settings {
            page_path: &page_path,
            ..*settings
        },
    );
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
    if !r.question_ids.is_empty() && questions.len() != r.question_ids.len() {
        errors.push(
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

    let corrections = newsroom::corrections(
        &f.corrections,
        src,
        fm,
        &questions,
        settings.allow_raw_html,
        &mut errors,
    );
    if !errors.is_empty() {
        return Err(errors);
    }
    let published = published.expect("no errors, so published parsed");
    // Anything that changed moves it: the newest update or correction, or an answer's
    // `updated=` newer than that (and than `published`), unless `updated:` says otherwise.
    let latest = newsroom::latest(&updates, &corrections);
    let newest_update = latest.as_ref().map(|l| l.at.clone());
    let newest_answer = questions
        .iter()
        .filter_map(|q| q.updated.as_ref())
        .max_by_key(|w| w.timestamp)
        .filter(|a| a.timestamp > newest_update.as_ref().unwrap_or(&published).timestamp)
        .cloned();
    let updated = explicit_updated
        .or(newest_answer)
        .or(newest_update)
        .unwrap_or_else(|| published.clone());
    let mentions: Vec<BTreeSet<usize>> = std::iter::once(body.lead_mentions.clone())
        .chain(body.questions.iter().map(|q| q.mentions.clone()))
        .collect();
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
        image: f.image.clone().map(|i| Image {
            alt: quoted(i.alt),
            caption: quoted_opt(i.caption),
            credit: quoted_opt(i.credit),
            ..i
        }),
        talks,
        updates,
        sources: f
            .sources
            .iter()
            .map(|s| SourceEntry {
                title: quoted(s.title.clone()),
                ..s.clone()
            })
            .collect(),
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
