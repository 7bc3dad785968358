//! Markdown to HTML for explainers: splits questions at level-2 headings, links people's
//! names, rewrites internal `@/` links, and escapes raw HTML unless the site allows it.

use std::collections::{BTreeSet, HashMap, HashSet};

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd, html};

use crate::markdown::names::NameIndex;
use crate::text::slug;
use shortcode::Call;

mod links;
pub mod names;
pub mod shortcode;

use links::check_tag;
pub use links::{Link, LinkKind, classify, resolve_relative};

/// Settings that shape rendering.
#[derive(Clone, Copy)]
pub struct Settings<'a> {
    pub allow_raw_html: bool,
    /// The site's base path, e.g. `/` or `/repo/`.
    pub base_path: &'a str,
    pub names: &'a NameIndex,
    /// The site-relative path of the page being rendered, e.g. `istanbul-talks-2025/`:
    /// relative links resolve against it and are rewritten root-relative, so an answer's
    /// links work on its explainer page and on its question card alike.
    pub page_path: &'a str,
    /// The language of the text (a code or tag): generated question ids are transliterated
    /// by its rules ([`slug::slugify_in`]).
    pub lang: &'a str,
    /// Explainers whose URL slug in this language is not their folder's name (a
    /// translation's `slug:`): `@/<folder>/index.md` links lead there.
    pub slugs: Option<&'a HashMap<String, String>>,
}

/// One question as rendered.
#[derive(Debug, Clone)]
pub struct Question {
    pub id: String,
    /// Whether the id was given with `{#id}`.
    pub explicit_id: bool,
    pub title: String,
    pub title_html: String,
    /// HTML of the answer; may contain shortcode placeholders.
    pub html: String,
    /// The `updated=` heading attribute, as written.
    pub updated: Option<String>,
    /// Byte offset of the heading in the original file text's body.
    pub offset: usize,
    /// Every person mentioned in the answer (person indices).
    pub mentions: BTreeSet<usize>,
    /// Unknown heading attributes (name, offset), for the checker.
    pub unknown_attrs: Vec<String>,
}

/// A body rendered into its lead and questions.
#[derive(Debug, Default)]
pub struct Body {
    pub lead_html: String,
    pub lead_mentions: BTreeSet<usize>,
    pub questions: Vec<Question>,
    pub calls: Vec<Call>,
    pub links: Vec<Link>,
    /// Problems (body offset, message, help).
    pub problems: Vec<(usize, String, String)>,
}

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Render an explainer body.
pub fn render(body: &str, settings: &Settings) -> Body {
    let ex = shortcode::extract(body);
    let mut r = Renderer::new(settings);
    for e in &ex.errors {
        r.out.problems.push((
            e.offset,
            format!("malformed shortcode: {}", e.message),
            "write it as `{{ name(arg=\"value\") }}`".into(),
        ));
    }
    for (event, range) in Parser::new_ext(&ex.text, options()).into_offset_iter() {
        r.event(event, ex.original_offset(range.start));
    }
    r.finish(ex.calls)
}

/// One body being rendered: the events of the section (lead or answer) being gathered, the
/// question heading being read, and what is known so far.
struct Renderer<'s, 'a> {
    settings: &'s Settings<'s>,
    out: Body,
    /// Events of the current section, turned into HTML when it closes.
    section: Vec<Event<'a>>,
    /// The level-2 heading being read, with the question it starts.
    heading: Option<(Vec<Event<'a>>, Question)>,
    /// People already linked in this section: only a first mention is linked.
    linked: HashSet<usize>,
    /// People mentioned in this section.
    mentions: BTreeSet<usize>,
    /// Question ids used so far.
    taken: HashSet<String>,
    /// Open tags: only a heading at depth 0 starts a question.
    depth: usize,
    /// Open links (names are not linked inside one) and code blocks (nor inside these).
    in_link: usize,
    in_code: usize,
}

impl<'s, 'a> Renderer<'s, 'a> {
    fn new(settings: &'s Settings<'s>) -> Self {
        Renderer {
            settings,
            out: Body::default(),
            section: Vec::new(),
            heading: None,
            linked: HashSet::new(),
            mentions: BTreeSet::new(),
            taken: HashSet::new(),
            depth: 0,
            in_link: 0,
            in_code: 0,
        }
    }

    /// One event of the parser; `at` is its offset in the original body.
    fn event(&mut self, event: Event<'a>, at: usize) {
        if self.heading.is_some() {
            self.heading_event(event, at);
            return;
        }
        match event {
            // Level-2 headings at the top level start a new question.
            Event::Start(Tag::Heading {
                level: HeadingLevel::H2,
                id,
                classes: _,
                attrs,
            }) if self.depth == 0 => self.start_question(id, attrs, at),
            Event::Start(tag) => self.start(tag, at),
            Event::End(end) => self.end(end),
            Event::Text(text) if self.in_code == 0 => self.text(text),
            Event::Html(h) | Event::InlineHtml(h) if !self.settings.allow_raw_html => {
                self.section.push(Event::Text(h))
            }
            e => self.section.push(e),
        }
    }

    /// An event inside a question's heading.
    fn heading_event(&mut self, event: Event<'a>, at: usize) {
        let event = match event {
            Event::End(TagEnd::Heading(HeadingLevel::H2)) => return self.end_question(),
            Event::Html(h) | Event::InlineHtml(h) if !self.settings.allow_raw_html => {
                Event::Text(h)
            }
            // Setext headings can hold links: check them like any other.
            Event::Start(tag) => Event::Start(check_tag(tag, at, self.settings, &mut self.out)),
            other => other,
        };
        if let Some((events, _)) = self.heading.as_mut() {
            events.push(event);
        }
    }

    /// A level-2 heading opens: the section before it closes and a question begins.
    fn start_question(
        &mut self,
        id: Option<CowStr<'a>>,
        attrs: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
        at: usize,
    ) {
        self.flush();
        self.depth += 1;
        let mut q = Question {
            id: String::new(),
            explicit_id: false,
            title: String::new(),
            title_html: String::new(),
            html: String::new(),
            updated: None,
            offset: at,
            mentions: BTreeSet::new(),
            unknown_attrs: Vec::new(),
        };
        if let Some(id) = id {
            self.explicit_id(&mut q, &id, at);
        }
        for (k, v) in attrs {
            match (k.as_ref(), v) {
                ("updated", Some(v)) => q.updated = Some(v.to_string()),
                (k, _) => q.unknown_attrs.push(k.to_string()),
            }
        }
        self.heading = Some((Vec::new(), q));
    }

    /// A question's `{#id}`: used if it can be a URL segment, else reported.
    fn explicit_id(&mut self, q: &mut Question, id: &str, at: usize) {
        let lang = self.settings.lang;
        if slug::is_valid_id(id) {
            q.id = id.to_string();
            q.explicit_id = true;
        } else if id.len() > slug::MAX_ID {
            self.out.problems.push((
                at,
                format!(
                    "the question id is {} characters long, longer than the {} a URL segment may have",
                    id.len(),
                    slug::MAX_ID
                ),
                format!(
                    "give a shorter id, e.g. `{{#{}}}`",
                    slug::slugify_in(id, lang)
                ),
            ));
        } else {
            self.out.problems.push((
                at,
                format!("the question id `{id}` cannot be used in a URL"),
                format!(
                    "use letters, digits and dashes, e.g. `{{#{}}}`",
                    slug::slugify_in(id, lang)
                ),
            ));
        }
    }

    /// A question's heading closes: its title is known, and so its id.
    fn end_question(&mut self) {
        let (events, mut q) = self.heading.take().expect("inside a heading");
        q.title = plain_text(&events);
        let mut h = String::new();
        html::push_html(&mut h, events.into_iter());
        q.title_html = h;
        if q.id.is_empty() {
            q.id = slug::unique(
                slug::slugify_in(&q.title, self.settings.lang),
                &mut self.taken,
            );
        } else if !self.taken.insert(q.id.clone()) {
            self.out.problems.push((
                q.offset,
                format!("two questions have the id `{}`", q.id),
                "give one of them another `{#id}`".into(),
            ));
        }
        self.linked.clear();
        self.out.questions.push(q);
        self.depth -= 1;
    }

    /// Any other tag opens: links and images are checked, code is marked (no name linking
    /// there), and a lower heading's id must be valid.
    fn start(&mut self, tag: Tag<'a>, at: usize) {
        self.depth += 1;
        let tag = match tag {
            t @ (Tag::Link { .. } | Tag::Image { .. }) => {
                if matches!(t, Tag::Link { .. }) {
                    self.in_link += 1;
                }
                check_tag(t, at, self.settings, &mut self.out)
            }
            Tag::CodeBlock(k) => {
                self.in_code += 1;
                Tag::CodeBlock(k)
            }
            Tag::Heading {
                level,
                id,
                classes,
                attrs,
            } => {
                if let Some(id) = &id
                    && !slug::is_valid_id(id)
                {
                    self.out.problems.push((
                        at,
                        format!("the heading id `{id}` is not a valid id"),
                        "use letters, digits and dashes".into(),
                    ));
                }
                Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                }
            }
            t => t,
        };
        self.section.push(Event::Start(tag));
    }

    fn end(&mut self, end: TagEnd) {
        self.depth = self.depth.saturating_sub(1);
        match end {
            TagEnd::Link => self.in_link = self.in_link.saturating_sub(1),
            TagEnd::CodeBlock => self.in_code = self.in_code.saturating_sub(1),
            _ => {}
        }
        self.section.push(Event::End(end));
    }

    /// Text outside code: the first mention of each person in this section becomes a link
    /// to their page (unless it is already inside a link).
    fn text(&mut self, text: CowStr<'a>) {
        let settings = self.settings;
        let found = settings.names.mentions(&text);
        if found.is_empty() {
            self.section.push(Event::Text(text));
            return;
        }
        let out = &mut self.section;
        let mut last = 0;
        for (start, end, person) in found {
            self.mentions.insert(person);
            if self.in_link > 0 || !self.linked.insert(person) {
                continue;
            }
            if start > last {
                out.push(Event::Text(CowStr::from(text[last..start].to_string())));
            }
            let url = CowStr::from(settings.names.url(person).to_string());
            out.push(Event::Start(Tag::Link {
                link_type: LinkType::Inline,
                dest_url: url,
                title: CowStr::from(""),
                id: CowStr::from(""),
            }));
            out.push(Event::Text(CowStr::from(text[start..end].to_string())));
            out.push(Event::End(TagEnd::Link));
            last = end;
        }
        if last == 0 {
            out.push(Event::Text(text));
        } else if last < text.len() {
            out.push(Event::Text(CowStr::from(text[last..].to_string())));
        }
    }

    /// Close the current section into the lead or the last question.
    fn flush(&mut self) {
        // Sized for the text plus its tags, so the HTML is not copied as it grows.
        let size: usize = (self.section.iter())
            .map(|e| match e {
                Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                    t.len() + 8
                }
                _ => 16,
            })
            .sum();
        let mut s = String::with_capacity(size);
        html::push_html(&mut s, self.section.drain(..));
        let mentions = std::mem::take(&mut self.mentions);
        match self.out.questions.last_mut() {
            Some(q) => {
                q.html = s;
                q.mentions = mentions;
            }
            None => {
                self.out.lead_html = s;
                self.out.lead_mentions = mentions;
            }
        }
    }

    /// The end of the body: the last section closes.
    fn finish(mut self, calls: Vec<Call>) -> Body {
        if let Some((_, q)) = self.heading.take() {
            // Unclosed heading at the end of input (cannot normally happen).
            self.out.problems.push((
                q.offset,
                "unfinished heading".into(),
                "end the heading line".into(),
            ));
        }
        self.flush();
        self.out.calls = calls;
        self.out
    }
}

fn plain_text(events: &[Event]) -> String {
    let mut s = String::new();
    for e in events {
        match e {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                s.push_str(t)
            }
            Event::SoftBreak | Event::HardBreak => s.push(' '),
            _ => {}
        }
    }
    s.trim().to_string()
}

/// Render a short Markdown fragment (a timeline entry, an update) as inline HTML:
/// the paragraph wrapper is dropped; raw HTML is escaped unless allowed.
pub fn render_inline(text: &str, allow_raw_html: bool) -> String {
    let parser = Parser::new_ext(text, options()).filter_map(|e| match e {
        Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) => None,
        Event::Html(h) | Event::InlineHtml(h) if !allow_raw_html => Some(Event::Text(h)),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let dest_url = if classify(&dest_url) == LinkKind::Unsafe {
                CowStr::from("#")
            } else {
                dest_url
            };
            Some(Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }))
        }
        e => Some(e),
    });
    let mut s = String::new();
    html::push_html(&mut s, parser);
    s.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Link classification as first written, lowercasing the whole address: the reference.
    fn classify_whole(dest: &str) -> LinkKind {
        let lower: String = dest
            .trim()
            .chars()
            .filter(|c| !c.is_whitespace() && !c.is_control())
            .flat_map(char::to_lowercase)
            .collect();
        if dest.starts_with("@/") {
            return classify(dest);
        }
        for bad in ["javascript:", "vbscript:", "data:", "file:"] {
            if lower.starts_with(bad) {
                return LinkKind::Unsafe;
            }
        }
        let has_scheme = lower.split_once(':').is_some_and(|(s, _)| {
            !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        });
        if has_scheme || lower.starts_with("//") {
            LinkKind::External
        } else {
            LinkKind::Relative
        }
    }

    proptest! {
        #[test]
        fn classify_reads_only_the_scheme(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "java", "script", "JavaScript", ":", "\t", " ", "\u{0}", "//", "/", "a", "data",
                    "FILE", "vb", "\u{212A}", "\u{130}", "#", "x.y", "+", "@/", "é", "http",
                ]),
                0..8,
            )
        ) {
            let dest: String = pieces.concat();
            prop_assert_eq!(
                format!("{:?}", classify(&dest)),
                format!("{:?}", classify_whole(&dest))
            );
        }
    }

    fn names() -> NameIndex {
        NameIndex::new(&[
            (
                vec!["Vladimir Putin".into(), "Putin".into()],
                "/people/vladimir-putin/".into(),
            ),
            (
                vec!["Rustem Umerov".into(), "Umerov".into()],
                "/people/rustem-umerov/".into(),
            ),
        ])
    }

    fn render_body(src: &str, raw: bool) -> Body {
        let n = names();
        render(
            src,
            &Settings {
                allow_raw_html: raw,
                base_path: "/",
                names: &n,
                page_path: "talks/",
                lang: "en",
                slugs: None,
            },
        )
    }

    #[test]
    fn questions_split_at_h2() {
        let b = render_body(
            "Lead text.\n\n## When?\n\nSoon.\n\n## Why Türkiye?\n\nBecause.\n",
            false,
        );
        assert_eq!(b.lead_html, "<p>Lead text.</p>\n");
        assert_eq!(b.questions.len(), 2);
        assert_eq!(b.questions[0].id, "when");
        assert_eq!(b.questions[1].id, "why-turkiye");
        assert_eq!(b.questions[1].title, "Why Türkiye?");
        assert_eq!(b.questions[1].html, "<p>Because.</p>\n");
    }

    #[test]
    fn explicit_id_and_updated_attribute() {
        let b = render_body("## Who? {#who updated=2025-05-16T10:00:00Z}\n\nX\n", false);
        assert_eq!(b.questions[0].id, "who");
        assert!(b.questions[0].explicit_id);
        assert_eq!(
            b.questions[0].updated.as_deref(),
            Some("2025-05-16T10:00:00Z")
        );
    }

    #[test]
    fn relative_links_resolve_from_the_page_and_are_rewritten() {
        assert_eq!(
            resolve_relative("a/", "../b/#x"),
            Some(("b/".into(), Some("x".into())))
        );
        assert_eq!(
            resolve_relative("a/", "#x"),
            Some(("a/".into(), Some("x".into())))
        );
        assert_eq!(
            resolve_relative("a/", "img/p.png"),
            Some(("a/img/p.png".into(), None))
        );
        assert_eq!(resolve_relative("a/", "../../etc"), None);
        let b = render_body("[x](../other/#q) [y](#who) [z](../../../x)", false);
        assert!(
            b.lead_html.contains("href=\"/other/#q\""),
            "{}",
            b.lead_html
        );
        assert!(b.lead_html.contains("href=\"/talks/#who\""));
        assert_eq!(b.problems.len(), 1);
    }

    #[test]
    fn links_in_question_headings_are_checked() {
        let b = render_body("[j](javascript:x)\n---\n", false);
        assert_eq!(b.problems.len(), 1);
        assert!(!b.questions[0].title_html.contains("javascript"));
    }

    #[test]
    fn bad_explicit_id_is_a_problem() {
        let b = render_body("## Who? {#../../etc}\n\nX\n", false);
        assert_eq!(b.problems.len(), 1);
        assert!(b.problems[0].1.contains("cannot be used in a URL"));
    }

    #[test]
    fn duplicate_titles_get_unique_ids() {
        let b = render_body("## Why?\n\n## Why?\n", false);
        assert_eq!(b.questions[1].id, "why-2");
    }

    #[test]
    fn first_mention_links_once_per_answer() {
        let b = render_body(
            "## Q\n\nPutin met Umerov. Putin left.\n\n## R\n\nPutin again.\n",
            false,
        );
        let q = &b.questions[0].html;
        assert_eq!(
            q.matches("href=\"/people/vladimir-putin/\"").count(),
            1,
            "{q}"
        );
        assert_eq!(q.matches("href=\"/people/rustem-umerov/\"").count(), 1);
        assert!(b.questions[1].html.contains("/people/vladimir-putin/"));
        assert_eq!(b.questions[0].mentions.len(), 2);
    }

    #[test]
    fn no_linking_in_code_links_or_headings_or_partial_words() {
        let b = render_body(
            "## Putin?\n\n`Putin` [Putin](https://x.org) Putinism\n\n```\nPutin\n```\n",
            false,
        );
        let q = &b.questions[0];
        assert!(!q.html.contains("/people/"), "{}", q.html);
        assert!(!q.title_html.contains("href"));
    }

    #[test]
    fn raw_html_escaped_unless_allowed() {
        let b = render_body("<script>alert(1)</script>\n\nHi <b>x</b>", false);
        assert!(!b.lead_html.contains("<script>"), "{}", b.lead_html);
        assert!(b.lead_html.contains("&lt;script&gt;"));
        let b = render_body("<b>x</b>", true);
        assert!(b.lead_html.contains("<b>x</b>"));
    }

    #[test]
    fn internal_links_are_rewritten_and_unsafe_ones_rejected() {
        let b = render_body(
            "[a](@/talks/index.md#who) [b](javascript:alert(1)) [c](JaVaScRiPt:x) [d](&#106;avascript:x)",
            false,
        );
        assert!(
            b.lead_html.contains("href=\"/talks/#who\""),
            "{}",
            b.lead_html
        );
        assert!(!b.lead_html.to_lowercase().contains("javascript"));
        assert_eq!(b.problems.len(), 3);
        assert_eq!(
            b.links[0].kind,
            LinkKind::Internal {
                explainer: "talks".into(),
                anchor: Some("who".into())
            }
        );
    }

    #[test]
    fn shortcodes_become_placeholders() {
        let b = render_body("## Q\n\n{{ timeline() }}\n", false);
        assert_eq!(b.calls.len(), 1);
        assert!(b.questions[0].html.contains(&shortcode::placeholder(0)));
    }
}
