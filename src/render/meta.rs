//! Structured metadata for search and social: JSON-LD for explainers and question cards, the
//! Open Graph locale, and the dates every machine-readable file agrees on.
//!
//! Dates: an explainer's "modified" date is its `updated` (which defaults to its newest update
//! or newer answer `updated=`, else `published`); a card's is its question's `updated=`, else
//! the explainer's. JSON-LD, Open Graph, the feeds and the sitemap all use these, in the
//! precision the editor wrote (a date stays a date: no midnight is invented).

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::{Serialize, Serializer};
use serde_json::value::RawValue;
use serde_json::{Value, json};

use crate::model::newsroom;
use crate::model::{Answers, Explainer, Party, PersonRef, Question, SiteInfo, Talks};
use crate::text::dates::When;

// The Open Graph locale and its table of territories are in their own file.
pub use super::locale::og_locale;

/// JSON safe to embed in `<script type="application/ld+json">`: no `</script>` or `<!--`
/// break-out, and no `&` for an HTML minifier or parser to touch.
pub fn script_safe(v: &impl Serialize) -> String {
    let json = serde_json::to_vec(v).expect("JSON values serialise");
    let mut out = String::with_capacity(json.len() + json.len() / 16);
    let mut start = 0;
    // The three are ASCII, so the runs between them are whole UTF-8 text.
    for i in memchr::memchr3_iter(b'<', b'>', b'&', &json) {
        out.push_str(std::str::from_utf8(&json[start..i]).expect("serde_json writes UTF-8"));
        out.push_str(match json[i] {
            b'<' => "\\u003c",
            b'>' => "\\u003e",
            _ => "\\u0026",
        });
        start = i + 1;
    }
    out.push_str(std::str::from_utf8(&json[start..]).expect("serde_json writes UTF-8"));
    out
}

/// When the explainer page last changed.
pub fn explainer_modified(e: &Explainer) -> &When {
    &e.updated
}

/// When a question's card page last changed: its own `updated=`, else the explainer's.
pub fn question_modified<'a>(e: &'a Explainer, q: &'a Question) -> &'a When {
    q.updated.as_ref().unwrap_or(&e.updated)
}

fn organization(site: &SiteInfo) -> Option<Value> {
    let p = site.publisher.as_ref()?;
    let mut org = json!({ "@type": "NewsMediaOrganization", "name": p.name });
    if let Some(u) = &p.url {
        org["url"] = json!(u);
    }
    if let Some(l) = &p.logo {
        org["logo"] = json!({ "@type": "ImageObject", "url": l });
    }
    Some(org)
}

/// A person at the talks, as schema.org's `Person`. Fields in key order: serde_json's own
/// objects write their keys sorted, and this JSON-LD has always been written that way.
#[derive(Serialize)]
struct PersonLd<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "jobTitle", skip_serializing_if = "str::is_empty")]
    job_title: &'a str,
    name: &'a str,
    url: String,
}

fn person<'a>(site: &SiteInfo, p: &'a PersonRef) -> PersonLd<'a> {
    PersonLd {
        kind: "Person",
        job_title: &p.role,
        name: &p.name,
        url: format!("{}{}", site.base_url, p.path),
    }
}

/// Who attends the talks: a party's delegation, or a mediator.
#[derive(Serialize)]
#[serde(untagged)]
enum AttendeeLd<'a> {
    Delegation {
        #[serde(rename = "@type")]
        kind: &'static str,
        /// The delegation's size as reported, when the members named are not all of it.
        #[serde(skip_serializing_if = "Option::is_none")]
        description: Option<String>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        member: Vec<PersonLd<'a>>,
        name: String,
    },
    Person(PersonLd<'a>),
}

/// A place or an organisation: a type and a name (and a place's address).
#[derive(Serialize)]
struct NamedLd<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    address: Option<&'a str>,
    name: Cow<'a, str>,
}

/// The talks as schema.org's `Event` (keys in order, as [`PersonLd`]'s).
#[derive(Serialize)]
struct EventLd<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    attendee: Vec<AttendeeLd<'a>>,
    /// The start in words, when the reporting qualifies it (tentative, a label or a note).
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(rename = "eventAttendanceMode")]
    attendance_mode: &'static str,
    #[serde(rename = "eventStatus")]
    status: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<NamedLd<'a>>,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    organizer: Option<NamedLd<'a>>,
    #[serde(rename = "startDate", skip_serializing_if = "Option::is_none")]
    start_date: Option<&'a str>,
}

/// The talks as a schema.org `Event`, as JSON text: start, place, status, the parties'
/// delegations and the mediators as attendees, the host as organiser. Written from borrowed
/// fields, not built as `serde_json::Value`s first (`JsonLd::new`, which makes it, took
/// 56.9 M instructions that way for 1,000 explainers, 30.7 M this way).
///
/// A tentative start is given as its date alone: schema.org's `startDate` has no way to say
/// "initially set for", and readers of it (search engines, calendars) take a time as firm.
/// The time as reported, qualified, goes into `description`.
/// The theme's words in the page's language, for the JSON-LD's few phrases: (message id,
/// arguments) -> text ([`crate::lang::i18n`]).
pub type Words<'w> = &'w (dyn Fn(&str, &[(&str, &str)]) -> String + Sync);

fn event(site: &SiteInfo, t: &Talks, words: Words) -> Box<RawValue> {
    let mut attendee: Vec<AttendeeLd> = t
        .parties
        .iter()
        .map(|p| AttendeeLd::Delegation {
            kind: "Organization",
            description: p.others.as_deref().map(|o| delegation_size(p, o, words)),
            member: p
                .head
                .iter()
                .chain(p.members.iter())
                .map(|m| person(site, m))
                .collect(),
            name: words("ld-delegation", &[("party", &p.name)]),
        })
        .collect();
    attendee.extend(
        t.mediators
            .iter()
            .map(|m| AttendeeLd::Person(person(site, m))),
    );
    let qualified = t.tentative || t.when_label.is_some() || t.when_note.is_some();
    let ld = EventLd {
        kind: "Event",
        attendee,
        description: t.when_text.as_deref().filter(|_| qualified),
        attendance_mode: "https://schema.org/OfflineEventAttendanceMode",
        status: &t.status_schema,
        start_date: t.when.as_ref().map(|w| start_date(t, w)),
        location: t.place.as_deref().map(|place| NamedLd {
            kind: "Place",
            address: Some(place),
            name: match &t.venue {
                Some(v) => Cow::Owned(format!("{v}, {place}")),
                None => Cow::Borrowed(place),
            },
        }),
        name: &t.name,
        organizer: t.host.as_deref().map(|h| NamedLd {
            kind: "Organization",
            address: None,
            name: Cow::Borrowed(h),
        }),
    };
    serde_json::value::to_raw_value(&ld).expect("JSON-LD serialises")
}

/// `startDate`: a tentative time as its date alone; else the venue's local time with its
/// offset when known, else the time or date as written.
fn start_date<'a>(t: &'a Talks, w: &'a When) -> &'a str {
    if t.tentative {
        // `2025-05-16T09:30:00Z` -> `2025-05-16`; a date, month or year stays as it is.
        return w
            .iso
            .get(..10)
            .filter(|_| w.iso.len() > 10)
            .unwrap_or(&w.iso);
    }
    t.local_iso.as_deref().unwrap_or(&w.iso)
}

/// A delegation's size as reported: `Led by Rustem Umerov, with around a dozen …`.
fn delegation_size(p: &Party, others: &str, words: Words) -> String {
    match &p.head {
        Some(h) => words("ld-led-by", &[("head", &h.name), ("others", others)]),
        None => {
            let mut c = others.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        }
    }
}

/// An explainer's JSON-LD, for its page and each of its cards: the parts every page shares
/// (the publisher, the talks as an `Event`) are built once.
pub struct JsonLd<'a> {
    site: &'a SiteInfo,
    e: &'a Explainer,
    /// The publisher and the talks as JSON text, written once for every page of the
    /// explainer.
    org: Option<Box<RawValue>>,
    event: Option<Box<RawValue>>,
    /// The lead photo as published (`crate::photos`), when it is not the file itself.
    pub image_url: Option<String>,
}

impl<'a> JsonLd<'a> {
    /// `words`: the theme's words in the site's language (delegations' names and sizes).
    pub fn new(site: &'a SiteInfo, e: &'a Explainer, words: Words) -> JsonLd<'a> {
        JsonLd {
            site,
            e,
            org: organization(site).map(|v| raw(&v)),
            event: e.talks.as_ref().map(|t| event(site, t, words)),
            image_url: None,
        }
    }

    /// The explainer (or one question's card) as a schema.org `BackgroundNewsArticle` about
    /// the talks as an `Event`; with `faq_schema` on, the explainer page also gets a
    /// `FAQPage`, which quotes `answers` (as the page shows them). Returned as script-safe
    /// JSON text.
    pub fn page(&self, q: Option<&Question>, answers: &Answers) -> String {
        let (site, e) = (self.site, self.e);
        let explainer_url = format!("{}{}", site.base_url, e.path);
        let url = match q {
            Some(q) => format!("{}{}", site.base_url, q.path),
            None => explainer_url.clone(),
        };
        let modified = match q {
            Some(q) => question_modified(e, q),
            None => explainer_modified(e),
        };
        let mut article = Obj::new();
        article.put("@type", json!("BackgroundNewsArticle"));
        article.put(
            "headline",
            json!(q.map_or(e.title.as_str(), |q| q.title.as_str())),
        );
        article.put("url", json!(url));
        article.put("mainEntityOfPage", json!(url));
        article.put("datePublished", json!(e.published.iso));
        article.put("dateModified", json!(modified.iso));
        article.put("inLanguage", json!(site.language));
        if !e.summary.is_empty() {
            article.put("description", json!(e.summary));
        }
        if !e.taxa.topics.is_empty() {
            let names: Vec<&str> = e.taxa.topics.iter().map(|t| t.name.as_str()).collect();
            article.put("keywords", json!(names));
        }
        if let (None, Some(r)) = (q, &e.taxa.series) {
            article.put("isPartOf", series_ld(&site.base_url, &r.term));
        }
        if q.is_some() {
            article.put(
                "isPartOf",
                json!({
                    "@type": "BackgroundNewsArticle",
                    "headline": e.title,
                    "url": explainer_url,
                }),
            );
        }
        // The publisher and the talks are the same on every page of the explainer: written
        // once, copied in as text.
        if let Some(org) = &self.org {
            article.raw("author", org);
            article.raw("publisher", org);
        }
        if !e.authors.is_empty() {
            article.put("author", newsroom::authors_ld(&site.base_url, &e.authors));
        }
        let corrections = newsroom::corrections_ld(&e.corrections, q.map(|q| q.id.as_str()));
        if !corrections.is_empty() {
            article.put("correction", Value::Array(corrections));
        }
        if let Some(img) = &e.image {
            article.put(
                "image",
                json!({
                    "@type": "ImageObject",
                    "url": self.image_url.clone().unwrap_or_else(|| format!("{explainer_url}{}", img.src)),
                    "description": img.alt,
                }),
            );
        }
        if let Some(ev) = &self.event {
            article.raw("about", ev);
        }
        let live = q
            .is_none()
            .then(|| self.live_blog(&explainer_url))
            .flatten();
        if (site.faq_schema || live.is_some()) && q.is_none() {
            let mut doc = Obj::new();
            doc.put("@context", json!("https://schema.org"));
            let mut graph = vec![Node::Obj(article)];
            graph.extend(live.map(Node::Obj));
            if site.faq_schema {
                graph.push(Node::Val(json!({
                    "@type": "FAQPage",
                    "url": url,
                    "mainEntity": e.questions.iter().zip(&answers.questions).map(|(q, html)| json!({
                        "@type": "Question",
                        "name": q.title,
                        "acceptedAnswer": { "@type": "Answer", "text": html },
                    })).collect::<Vec<_>>(),
                })));
            }
            doc.0.insert("@graph", Node::List(graph));
            script_safe(&doc)
        } else {
            article.put("@context", json!("https://schema.org"));
            script_safe(&article)
        }
    }
}

impl<'a> JsonLd<'a> {
    /// While the talks are under way, the explainer's updates as a schema.org
    /// `LiveBlogPosting` about the same event (coverage from when the explainer was
    /// published); `None` before and after the talks.
    fn live_blog(&self, url: &str) -> Option<Obj<'_>> {
        let e = self.e;
        let t = e.talks.as_ref()?;
        if t.status_key != "under-way" {
            return None;
        }
        let mut blog = Obj::new();
        blog.put("@type", json!("LiveBlogPosting"));
        blog.put("headline", json!(e.title));
        blog.put("url", json!(url));
        blog.put("mainEntityOfPage", json!(url));
        blog.put("datePublished", json!(e.published.iso));
        blog.put("dateModified", json!(e.updated.iso));
        blog.put("coverageStartTime", json!(e.published.iso));
        blog.put(
            "liveBlogUpdate",
            Value::Array(newsroom::live_updates_ld(url, &e.updates)),
        );
        if let Some(org) = &self.org {
            blog.raw("author", org);
            blog.raw("publisher", org);
        }
        if !e.authors.is_empty() {
            blog.put(
                "author",
                newsroom::authors_ld(&self.site.base_url, &e.authors),
            );
        }
        if let Some(ev) = &self.event {
            blog.raw("about", ev);
        }
        Some(blog)
    }
}

/// `v` as compact JSON text (as serde_json writes it inside a larger value).
fn raw(v: &Value) -> Box<RawValue> {
    serde_json::value::to_raw_value(v).expect("JSON values serialise")
}

/// A JSON object written in key order, as serde_json's own objects are, whose members may be
/// JSON text written before: the parts every page of an explainer shares are serialised once.
struct Obj<'a>(BTreeMap<&'static str, Node<'a>>);

/// A member of an [`Obj`].
enum Node<'a> {
    Val(Value),
    /// JSON text written before, as it is.
    Raw(&'a RawValue),
    Obj(Obj<'a>),
    List(Vec<Node<'a>>),
}

impl<'a> Obj<'a> {
    fn new() -> Obj<'a> {
        Obj(BTreeMap::new())
    }

    fn put(&mut self, key: &'static str, v: Value) {
        self.0.insert(key, Node::Val(v));
    }

    fn raw(&mut self, key: &'static str, v: &'a RawValue) {
        self.0.insert(key, Node::Raw(v));
    }
}

impl Serialize for Obj<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl Serialize for Node<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Node::Val(v) => v.serialize(s),
            Node::Raw(r) => r.serialize(s),
            Node::Obj(o) => o.serialize(s),
            Node::List(l) => l.serialize(s),
        }
    }
}

/// A series as schema.org `CreativeWorkSeries` (an explainer's `isPartOf`).
pub(crate) fn series_ld(base_url: &str, t: &crate::taxonomy::Term) -> serde_json::Value {
    json!({
        "@type": "CreativeWorkSeries",
        "name": t.name,
        "url": format!("{base_url}{}", t.path),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Party, Person, fixtures, person_refs};

    // The talks' Event as it was first written, from `serde_json::Value`s: the reference.
    fn person_by_value(site: &SiteInfo, name: &str, role: &str, path: &str) -> Value {
        let mut p =
            json!({ "@type": "Person", "name": name, "url": format!("{}{}", site.base_url, path) });
        if !role.is_empty() {
            p["jobTitle"] = json!(role);
        }
        p
    }

    fn event_by_value(site: &SiteInfo, t: &Talks) -> Value {
        let mut event = json!({
            "@type": "Event",
            "name": t.name,
            "eventStatus": t.status_schema,
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        });
        if let Some(w) = &t.when {
            // A tentative time: its date alone. Else the venue's local time with its offset
            // when known, else the time or date as written.
            event["startDate"] = if t.tentative {
                json!(w.iso.split('T').next().unwrap())
            } else {
                json!(t.local_iso.clone().unwrap_or_else(|| w.iso.clone()))
            };
        }
        if (t.tentative || t.when_label.is_some() || t.when_note.is_some())
            && let Some(text) = &t.when_text
        {
            event["description"] = json!(text);
        }
        if let Some(place) = &t.place {
            let name = match &t.venue {
                Some(v) => format!("{v}, {place}"),
                None => place.clone(),
            };
            event["location"] = json!({ "@type": "Place", "name": name, "address": place });
        }
        let mut attendees: Vec<Value> = t
            .parties
            .iter()
            .map(|p| {
                let members: Vec<Value> = p
                    .head
                    .iter()
                    .chain(p.members.iter())
                    .map(|m| person_by_value(site, &m.name, &m.role, &m.path))
                    .collect();
                let mut party =
                    json!({ "@type": "Organization", "name": format!("Delegation of {}", p.name) });
                if let Some(o) = &p.others {
                    party["description"] = json!(match &p.head {
                        Some(h) => format!("Led by {}, with {o}", h.name),
                        None => o[..1].to_uppercase() + &o[1..],
                    });
                }
                if !members.is_empty() {
                    party["member"] = Value::Array(members);
                }
                party
            })
            .collect();
        attendees.extend(
            t.mediators
                .iter()
                .map(|m| person_by_value(site, &m.name, &m.role, &m.path)),
        );
        if !attendees.is_empty() {
            event["attendee"] = Value::Array(attendees);
        }
        if let Some(h) = &t.host {
            event["organizer"] = json!({ "@type": "Organization", "name": h });
        }
        event
    }

    fn someone(id: &str, role: &str) -> Person {
        fixtures::person(id, &format!("Name \"of\" {id} </script>"), role)
    }

    /// The Event written from borrowed fields is the text the `Value`s wrote, key for key,
    /// with and without each optional part.
    #[test]
    fn events_write_as_the_values_did() {
        let site = SiteInfo {
            title: "T".into(),
            description: String::new(),
            base_url: "https://example.org/x/".into(),
            base_path: "/x/".into(),
            language: "en".into(),
            publisher: None,
            question_pages: false,
            search: false,
            share_images: false,
            allow_raw_html: false,
            faq_schema: false,
            feed_limit: 50,
            photos: Default::default(),
            root_url: "https://example.org/x/".into(),
            root_path: "/x/".into(),
            lang: None,
            alternates: None,
        };
        let refs = person_refs(&[
            someone("a", "Minister"),
            someone("b", ""),
            someone("c", "Envoy"),
        ]);
        let full = fixtures::talks(
            vec![
                Party {
                    name: "Ukraine".into(),
                    head: Some(refs[0].clone()),
                    members: vec![refs[1].clone()],
                    others: Some("around a dozen officials".into()),
                },
                Party {
                    name: "Russia".into(),
                    head: None,
                    members: vec![],
                    others: Some("three negotiators".into()),
                },
            ],
            vec![refs[2].clone()],
        );
        let variants = [
            full.clone(),
            Talks {
                local_iso: None,
                venue: None,
                host: None,
                mediators: vec![],
                ..full.clone()
            },
            // Tentative: the date alone, the time in words.
            Talks {
                tentative: true,
                ..full.clone()
            },
            Talks {
                tentative: true,
                when: Some(crate::text::dates::parse("2025-05").unwrap()),
                when_label: None,
                when_note: None,
                ..full.clone()
            },
            Talks {
                when_label: None,
                when_note: None,
                parties: full
                    .parties
                    .iter()
                    .map(|p| Party {
                        others: None,
                        ..p.clone()
                    })
                    .collect(),
                ..full.clone()
            },
            Talks {
                when: None,
                place: None,
                parties: vec![],
                ..full.clone()
            },
            Talks {
                when: None,
                local_iso: None,
                place: None,
                venue: None,
                host: None,
                parties: vec![],
                mediators: vec![],
                ..full.clone()
            },
        ];
        let full = Talks {
            name: "Talks \u{2028}in <Istanbul>".into(),
            ..full
        };
        for t in variants.iter().chain([&full]) {
            let strings =
                crate::lang::i18n::Strings::load(std::path::Path::new("/nonexistent")).unwrap();
            let english = |key: &str, args: &[(&str, &str)]| {
                let mut a = fluent_bundle::FluentArgs::new();
                for (k, v) in args {
                    a.set(*k, v.to_string());
                }
                strings.get("en", key, &a).unwrap()
            };
            assert_eq!(
                event(&site, t, &english).get(),
                raw(&event_by_value(&site, t)).get()
            );
        }
    }

    /// An `Obj` writes the same text as serde_json's own object with the same members:
    /// keys in order, members written before (raw) and built here alike, nested.
    #[test]
    fn objects_with_shared_members_write_like_serde_json() {
        let shared = json!({ "@type": "Event", "name": "Talks", "attendee": [{ "b": 1, "a": 2 }] });
        let text = raw(&shared);
        let mut inner = Obj::new();
        inner.put("zeta", json!("z"));
        inner.raw("about", &text);
        let mut doc = Obj::new();
        doc.put("url", json!("https://example.org/"));
        doc.raw("about", &text);
        doc.0.insert(
            "@graph",
            Node::List(vec![Node::Obj(inner), Node::Val(shared.clone())]),
        );
        doc.put("@context", json!("https://schema.org"));
        let expected = json!({
            "url": "https://example.org/",
            "about": shared,
            "@graph": [{ "zeta": "z", "about": shared }, shared],
            "@context": "https://schema.org",
        });
        assert_eq!(
            serde_json::to_string(&doc).unwrap(),
            serde_json::to_string(&expected).unwrap()
        );
    }

    proptest::proptest! {
        /// One pass over the JSON gives what three `replace` calls gave.
        #[test]
        fn script_safe_matches_replacing(s in "[<>&a-z\"\\\\é😀 ]{0,40}") {
            let v = json!({ "x": s });
            let by_replace = serde_json::to_string(&v)
                .unwrap()
                .replace('<', "\\u003c")
                .replace('>', "\\u003e")
                .replace('&', "\\u0026");
            proptest::prop_assert_eq!(script_safe(&v), by_replace);
        }
    }

    #[test]
    fn script_safe_cannot_close_the_script() {
        let s = script_safe(&json!({ "x": "</script><script>alert(1)</script><!-- & " }));
        assert!(!s.contains("</script>"));
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('&'));
        let back: Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back["x"], "</script><script>alert(1)</script><!-- & ");
    }
}
