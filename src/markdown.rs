//! Markdown to HTML for explainers: splits questions at level-2 headings, links people's
//! names, rewrites internal `@/` links, and escapes raw HTML unless the site allows it.

use std::collections::{BTreeSet, HashSet};

use aho_corasick::AhoCorasick;
use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd, html};

use crate::shortcode::{self, Call};
use crate::slug;

/// The names to link, built once per site.
pub struct NameIndex {
    /// Every name and alias, matched from a given position (anchored), longest first.
    matcher: Option<AhoCorasick>,
    /// Bytes that begin some name: only words starting with one are looked at.
    starts: [bool; 256],
    /// Every name begins with an ASCII capital or a non-ASCII byte (as names usually do):
    /// text without either is skipped eight bytes at a time.
    capitals_only: bool,
    /// Pattern index -> person index.
    owners: Vec<usize>,
    /// Person index -> URL of their page.
    urls: Vec<String>,
}

impl NameIndex {
    /// `people` is (names and aliases, page URL) per person.
    pub fn new(people: &[(Vec<String>, String)]) -> Self {
        let mut patterns = Vec::new();
        let mut owners = Vec::new();
        let mut starts = [false; 256];
        for (i, (names, _)) in people.iter().enumerate() {
            for n in names.iter().filter(|n| !n.trim().is_empty()) {
                starts[n.as_bytes()[0] as usize] = true;
                patterns.push(n.clone());
                owners.push(i);
            }
        }
        let matcher = (!patterns.is_empty()).then(|| {
            AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::LeftmostLongest)
                .start_kind(aho_corasick::StartKind::Anchored)
                .build(&patterns)
                .expect("names are plain strings")
        });
        let capitals_only =
            (0..=255u8).all(|b| !starts[b as usize] || b.is_ascii_uppercase() || b >= 0x80);
        NameIndex {
            matcher,
            starts,
            capitals_only,
            owners,
            urls: people.iter().map(|p| p.1.clone()).collect(),
        }
    }

    /// Whole-word mentions in `text`, left to right: (start, end, person). At each word
    /// start, the longest name that ends a word there; the search goes on after it.
    fn mentions(&self, text: &str) -> Vec<(usize, usize, usize)> {
        let Some(m) = &self.matcher else {
            return Vec::new();
        };
        let bytes = text.as_bytes();
        let mut found = Vec::new();
        let mut i = 0;
        // Only a byte that begins a name can begin a mention; such a byte is never inside a
        // UTF-8 sequence, so `i` stays on a character boundary.
        while let Some(k) = self.next_start(bytes, i) {
            i = k;
            let word_start = !text[..i]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
            match word_start.then(|| longest_at(m, text, i)).flatten() {
                Some(hit) => {
                    found.push((i, hit.end(), self.owners[hit.pattern().as_usize()]));
                    i = hit.end();
                }
                None => i += 1,
            }
        }
        found
    }
}

impl NameIndex {
    /// The first position from `i` on whose byte begins some name.
    fn next_start(&self, bytes: &[u8], mut i: usize) -> Option<usize> {
        if self.capitals_only {
            while let Some(chunk) = bytes.get(i..i + 8) {
                let w = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
                if may_begin_name(w)
                    && let Some(k) = chunk.iter().position(|&b| self.starts[b as usize])
                {
                    return Some(i + k);
                }
                i += 8;
            }
        }
        bytes[i..]
            .iter()
            .position(|&b| self.starts[b as usize])
            .map(|k| i + k)
    }
}

/// Whether any of the eight bytes in `w` is an ASCII capital or not ASCII. With the high bit
/// set in every byte, subtracting `A` (or the byte after `Z`) borrows from no neighbour, and
/// leaves the high bit set exactly where the byte is at least `A` (or past `Z`).
fn may_begin_name(w: u64) -> bool {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const ONES: u64 = 0x0101_0101_0101_0101;
    let x = w | HIGH;
    let from_a = x - ONES * u64::from(b'A');
    let past_z = x - ONES * u64::from(b'Z' + 1);
    ((from_a & !past_z) | w) & HIGH != 0
}

/// The longest name matching `text` at `at` that ends a word.
fn longest_at(m: &AhoCorasick, text: &str, at: usize) -> Option<aho_corasick::Match> {
    let mut end = text.len();
    loop {
        let input = aho_corasick::Input::new(text)
            .range(at..end)
            .anchored(aho_corasick::Anchored::Yes);
        let hit = m.find(input)?;
        if !text[hit.end()..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
        {
            return Some(hit);
        }
        // It runs into the next letter (`Ann` in `Annabel`): try the shorter names.
        end = hit.end() - 1;
    }
}

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

/// A link found in the body, for checking.
#[derive(Debug, Clone)]
pub struct Link {
    pub dest: String,
    /// Byte offset in the body.
    pub offset: usize,
    pub kind: LinkKind,
    /// For relative links: the site-relative path and fragment they resolve to.
    pub target: Option<(String, Option<String>)>,
}

/// Resolve a relative link from the page at `page_path` (site-relative, ending in `/`)
/// to a site-relative path and fragment. `None` when it climbs above the site root.
pub fn resolve_relative(page_path: &str, dest: &str) -> Option<(String, Option<String>)> {
    let (rest, frag) = match dest.split_once('#') {
        Some((p, f)) => (p, Some(f.to_string())),
        None => (dest, None),
    };
    let path = rest.split('?').next().unwrap_or("");
    if path.is_empty() {
        return Some((page_path.to_string(), frag));
    }
    let mut parts: Vec<&str> = if path.starts_with('/') {
        Vec::new()
    } else {
        page_path.split('/').filter(|p| !p.is_empty()).collect()
    };
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut out = parts.join("/");
    if path.ends_with('/') && !out.is_empty() {
        out.push('/');
    }
    Some((out, frag))
}

#[derive(Debug, Clone, PartialEq)]
pub enum LinkKind {
    /// `@/<explainer>/index.md#anchor`: explainer slug and optional anchor.
    Internal {
        explainer: String,
        anchor: Option<String>,
    },
    /// A relative link like `../other/` or `#anchor`.
    Relative,
    /// A scheme that runs code (`javascript:` and kin): always an error.
    Unsafe,
    External,
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

/// Classify a link destination.
pub fn classify(dest: &str) -> LinkKind {
    // What decides is the scheme: the text up to the first `:` (kept), lowercased, without
    // white space or control characters (browsers ignore those: `java\tscript:`).
    let mut lower = String::new();
    for c in dest
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .flat_map(char::to_lowercase)
    {
        lower.push(c);
        if c == ':' {
            break;
        }
    }
    if let Some(rest) = dest.strip_prefix("@/") {
        let (path, anchor) = match rest.split_once('#') {
            Some((p, a)) => (p, Some(a.to_string())),
            None => (rest, None),
        };
        let explainer = path
            .trim_end_matches("index.md")
            .trim_end_matches('/')
            .to_string();
        return LinkKind::Internal { explainer, anchor };
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

/// Render an explainer body.
pub fn render(body: &str, settings: &Settings) -> Body {
    let ex = shortcode::extract(body);
    let mut out = Body::default();
    for e in &ex.errors {
        out.problems.push((
            e.offset,
            format!("malformed shortcode: {}", e.message),
            "write it as `{{ name(arg=\"value\") }}`".into(),
        ));
    }

    let parser = Parser::new_ext(&ex.text, options()).into_offset_iter();
    let mut section: Vec<Event> = Vec::new();
    let mut linked: HashSet<usize> = HashSet::new();
    let mut mentions: BTreeSet<usize> = BTreeSet::new();
    let mut taken: HashSet<String> = HashSet::new();
    let mut depth = 0usize;
    let mut in_link = 0usize;
    let mut in_code = 0usize;
    let mut heading: Option<(Vec<Event>, Question)> = None;

    // Close the current section into the lead or the last question.
    let flush = |section: &mut Vec<Event>, mentions: &mut BTreeSet<usize>, out: &mut Body| {
        // Sized for the text plus its tags, so the HTML is not copied as it grows.
        let size: usize = section
            .iter()
            .map(|e| match e {
                Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                    t.len() + 8
                }
                _ => 16,
            })
            .sum();
        let mut s = String::with_capacity(size);
        html::push_html(&mut s, section.drain(..));
        match out.questions.last_mut() {
            Some(q) => {
                q.html = s;
                q.mentions = std::mem::take(mentions);
            }
            None => {
                out.lead_html = s;
                out.lead_mentions = std::mem::take(mentions);
            }
        }
    };

    for (event, range) in parser {
        let at = ex.original_offset(range.start);
        // Level-2 headings at the top level start a new question.
        if let Some((events, _)) = heading.as_mut() {
            match event {
                Event::End(TagEnd::Heading(HeadingLevel::H2)) => {
                    let (events, mut q) = heading.take().expect("inside a heading");
                    q.title = plain_text(&events);
                    let mut h = String::new();
                    html::push_html(&mut h, events.into_iter());
                    q.title_html = h;
                    if q.id.is_empty() {
                        q.id = slug::unique(slug::slugify(&q.title), &mut taken);
                    } else if !taken.insert(q.id.clone()) {
                        out.problems.push((
                            q.offset,
                            format!("two questions have the id `{}`", q.id),
                            "give one of them another `{#id}`".into(),
                        ));
                    }
                    linked.clear();
                    out.questions.push(q);
                    depth -= 1;
                }
                Event::Html(h) | Event::InlineHtml(h) if !settings.allow_raw_html => {
                    events.push(Event::Text(h))
                }
                // Setext headings can hold links: check them like any other.
                Event::Start(tag) => {
                    events.push(Event::Start(check_tag(tag, at, settings, &mut out)))
                }
                other => events.push(other),
            }
            continue;
        }
        match event {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H2,
                id,
                classes: _,
                attrs,
            }) if depth == 0 => {
                flush(&mut section, &mut mentions, &mut out);
                depth += 1;
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
                    if slug::is_valid_id(&id) {
                        q.id = id.to_string();
                        q.explicit_id = true;
                    } else {
                        out.problems.push((
                            at,
                            format!("the question id `{id}` cannot be used in a URL"),
                            format!(
                                "use letters, digits and dashes, e.g. `{{#{}}}`",
                                slug::slugify(&id)
                            ),
                        ));
                    }
                }
                for (k, v) in attrs {
                    match (k.as_ref(), v) {
                        ("updated", Some(v)) => q.updated = Some(v.to_string()),
                        (k, _) => q.unknown_attrs.push(k.to_string()),
                    }
                }
                heading = Some((Vec::new(), q));
            }
            Event::Start(tag) => {
                depth += 1;
                let tag = match tag {
                    t @ (Tag::Link { .. } | Tag::Image { .. }) => {
                        if matches!(t, Tag::Link { .. }) {
                            in_link += 1;
                        }
                        check_tag(t, at, settings, &mut out)
                    }
                    Tag::CodeBlock(k) => {
                        in_code += 1;
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
                            out.problems.push((
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
                section.push(Event::Start(tag));
            }
            Event::End(end) => {
                depth = depth.saturating_sub(1);
                match end {
                    TagEnd::Link => in_link = in_link.saturating_sub(1),
                    TagEnd::CodeBlock => in_code = in_code.saturating_sub(1),
                    _ => {}
                }
                section.push(Event::End(end));
            }
            Event::Text(text) if in_code == 0 => {
                link_names(
                    text,
                    in_link > 0,
                    settings,
                    &mut linked,
                    &mut mentions,
                    &mut section,
                );
            }
            Event::Html(h) | Event::InlineHtml(h) if !settings.allow_raw_html => {
                section.push(Event::Text(h))
            }
            e => section.push(e),
        }
    }
    if let Some((events, q)) = heading.take() {
        // Unclosed heading at the end of input (cannot normally happen).
        out.problems.push((
            q.offset,
            "unfinished heading".into(),
            "end the heading line".into(),
        ));
        drop(events);
    }
    flush(&mut section, &mut mentions, &mut out);
    out.calls = ex.calls;
    out
}

/// A link or image tag with its destination checked (and rewritten where needed).
fn check_tag<'a>(tag: Tag<'a>, at: usize, settings: &Settings, out: &mut Body) -> Tag<'a> {
    match tag {
        Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        } => Tag::Link {
            link_type,
            dest_url: check_link(dest_url, at, settings, out),
            title,
            id,
        },
        Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        } => Tag::Image {
            link_type,
            dest_url: check_link(dest_url, at, settings, out),
            title,
            id,
        },
        t => t,
    }
}

fn check_link<'a>(dest: CowStr<'a>, at: usize, settings: &Settings, out: &mut Body) -> CowStr<'a> {
    let kind = classify(&dest);
    let mut target = None;
    let rewritten = match &kind {
        LinkKind::Internal { explainer, anchor } => {
            let mut url = format!("{}{}/", settings.base_path, explainer);
            if explainer.is_empty() {
                url = settings.base_path.to_string();
            }
            if let Some(a) = anchor {
                url.push('#');
                url.push_str(a);
            }
            Some(CowStr::from(url))
        }
        LinkKind::Unsafe => {
            out.problems.push((
                at,
                format!(
                    "unsafe link `{}`",
                    dest.chars().take(40).collect::<String>()
                ),
                "links may not run code: use an https:// address".into(),
            ));
            Some(CowStr::from("#"))
        }
        LinkKind::Relative if !dest.starts_with('/') => {
            match resolve_relative(settings.page_path, &dest) {
                Some((path, frag)) => {
                    target = Some((path.clone(), frag.clone()));
                    let mut url = format!("{}{}", settings.base_path, path);
                    if let Some(q) = dest
                        .split('#')
                        .next()
                        .and_then(|p| p.split_once('?'))
                        .map(|(_, q)| q)
                    {
                        url.push('?');
                        url.push_str(q);
                    }
                    if let Some(f) = frag {
                        url.push('#');
                        url.push_str(&f);
                    }
                    Some(CowStr::from(url))
                }
                None => {
                    out.problems.push((
                        at,
                        format!("the link `{dest}` leads outside the site"),
                        "remove the extra `../`, or link with `@/<explainer>/index.md`".into(),
                    ));
                    Some(CowStr::from("#"))
                }
            }
        }
        LinkKind::Relative => {
            // Root-relative: it must lie under the base path.
            match dest.strip_prefix(settings.base_path) {
                Some(rest) => target = resolve_relative("", rest),
                None => out.problems.push((
                    at,
                    format!(
                        "the link `{dest}` is outside the site's base path `{}`",
                        settings.base_path
                    ),
                    "link with `@/<explainer>/index.md#<question>` or a relative path".into(),
                )),
            }
            None
        }
        _ => None,
    };
    out.links.push(Link {
        dest: dest.to_string(),
        offset: at,
        kind,
        target,
    });
    rewritten.unwrap_or(dest)
}

/// Push `text`, linking the first mention of each person in this answer.
fn link_names<'a>(
    text: CowStr<'a>,
    in_link: bool,
    settings: &Settings,
    linked: &mut HashSet<usize>,
    mentions: &mut BTreeSet<usize>,
    out: &mut Vec<Event<'a>>,
) {
    let found = settings.names.mentions(&text);
    if found.is_empty() {
        out.push(Event::Text(text));
        return;
    }
    let mut last = 0;
    for (start, end, person) in found {
        mentions.insert(person);
        if in_link || !linked.insert(person) {
            continue;
        }
        if start > last {
            out.push(Event::Text(CowStr::from(text[last..start].to_string())));
        }
        let url = CowStr::from(settings.names.urls[person].clone());
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

/// Whether `text` is one line that Markdown renders unchanged: it starts with a letter (no
/// list, heading or indented code), has no character that escapes, marks up or is made
/// typographic (`&<>"'*_[]!~\#|{}$` and backticks, `--`, `..`), and no line break or
/// trailing space.
fn is_plain_line(text: &str) -> bool {
    let starts_with_letter = text.bytes().next().is_some_and(|b| b.is_ascii_alphabetic());
    starts_with_letter
        && !text.ends_with(char::is_whitespace)
        && !text.contains("--")
        && !text.contains("..")
        && text.chars().all(|c| {
            c.is_alphanumeric()
                || matches!(
                    c,
                    ' ' | ',' | '.' | ';' | ':' | '?' | '(' | ')' | '/' | '%' | '-' | '+' | '='
                )
                || (!c.is_ascii() && !c.is_whitespace() && !c.is_control())
        })
}

/// Render a short Markdown fragment (a timeline entry, an update) as inline HTML:
/// the paragraph wrapper is dropped; raw HTML is escaped unless allowed.
pub fn render_inline(text: &str, allow_raw_html: bool) -> String {
    // Most updates and timeline entries are one plain sentence, which Markdown prints as it
    // is: skip the parser (and its allocations) for those.
    if is_plain_line(text) {
        return text.to_string();
    }
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

    /// render_inline without its plain-line shortcut: the parser's own output.
    fn parsed_inline(text: &str) -> String {
        let mut s = String::new();
        html::push_html(
            &mut s,
            Parser::new_ext(text, options()).filter(|e| {
                !matches!(
                    e,
                    Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph)
                )
            }),
        );
        s.trim_end().to_string()
    }

    #[test]
    fn plain_lines_skip_the_parser_only_when_it_would_change_nothing() {
        for plain in [
            "The talks resumed in Istanbul, a Turkish official said.",
            "Kyiv (Київ) and Moscow, via Ankara: 2 delegations, 90% agreed; next round?",
            "Zelensky–Erdoğan call on 15/05",
        ] {
            assert!(is_plain_line(plain), "{plain}");
            assert_eq!(render_inline(plain, false), parsed_inline(plain));
        }
        for marked in [
            "Talks *resumed*",
            "1. numbered",
            "- a list",
            "Wait...",
            "A -- B",
            "It's \"quoted\"",
            "A & B",
            "a <b>tag</b>",
            "trailing space ",
            "two\nlines",
            "    indented",
            "# heading",
            "",
        ] {
            assert!(!is_plain_line(marked), "{marked:?}");
        }
    }

    proptest! {
        #[test]
        fn plain_lines_render_as_the_parser_renders_them(
            text in "[A-Za-z][A-Za-z0-9 ,.;:?()/%+=\\-Київ–é\u{00a0}]{0,40}"
        ) {
            if is_plain_line(&text) {
                prop_assert_eq!(render_inline(&text, false), parsed_inline(&text));
            }
        }
    }

    /// Names that overlap, share beginnings, repeat and leave ASCII, for the property below.
    const TRICKY: [&[&str]; 5] = [
        &["Ann", "Anna Lee", "Lee"],
        &["Lee Ann", "Annabel"],
        &["Ö Zil", "Zil"],
        &["Ann"],
        &["Київ", "ab cd", "cd ef"],
    ];

    /// The definition of a mention, the slow way: at each word start (a character boundary
    /// not after a letter or digit), the longest name there that ends a word, ties to the
    /// person listed first; then on after it.
    fn mentions_by_definition(text: &str) -> Vec<(usize, usize, usize)> {
        mentions_of(&TRICKY, text)
    }

    /// [`mentions_by_definition`] for any people's names.
    fn mentions_of(people: &[&[&str]], text: &str) -> Vec<(usize, usize, usize)> {
        let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let mut out = Vec::new();
        let mut i = 0;
        while i < text.len() {
            if alnum(text[..i].chars().next_back()) {
                i += text[i..].chars().next().map_or(1, char::len_utf8);
                continue;
            }
            let best = people
                .iter()
                .enumerate()
                .flat_map(|(p, ns)| ns.iter().map(move |n| (p, *n)))
                .filter(|(_, n)| {
                    text[i..].starts_with(n) && !alnum(text[i + n.len()..].chars().next())
                })
                .fold(None::<(usize, &str)>, |b, (p, n)| match b {
                    Some((_, bn)) if bn.len() >= n.len() => b,
                    _ => Some((p, n)),
                });
            match best {
                Some((p, n)) => {
                    out.push((i, i + n.len(), p));
                    i += n.len();
                }
                None => i += text[i..].chars().next().map_or(1, char::len_utf8),
            }
        }
        out
    }

    proptest! {
        /// Name finding is the definition above, on text made of pieces of the names.
        #[test]
        fn mentions_are_the_longest_whole_names_left_to_right(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "Ann", "Anna", "Lee", " ", "a", "bel", ",", "Ö", "Zil", "é", "Київ", "x",
                    "ab", "cd", "ef", " cd", "-", "1",
                ]),
                0..12,
            )
        ) {
            let text: String = pieces.concat();
            let index = NameIndex::new(
                &TRICKY
                    .iter()
                    .map(|ns| (ns.iter().map(|n| n.to_string()).collect(), String::new()))
                    .collect::<Vec<_>>(),
            );
            prop_assert_eq!(index.mentions(&text), mentions_by_definition(&text));
        }
    }

    proptest! {
        /// The same with names that all begin with a capital or a non-ASCII letter, which are
        /// looked for eight bytes at a time, in longer text.
        #[test]
        fn capitalised_names_are_found_eight_bytes_at_a_time(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "Ann", "Anna", "Lee", " ", "a", "bel", ",", "Ö", "Zil", "é", "Київ", "x",
                    "the talks ", "Bel", "AZ", "@[`{", "1",
                ]),
                0..24,
            )
        ) {
            let people: &[&[&str]] = &TRICKY[..4];
            let text: String = pieces.concat();
            let index = NameIndex::new(
                &people
                    .iter()
                    .map(|ns| (ns.iter().map(|n| n.to_string()).collect(), String::new()))
                    .collect::<Vec<_>>(),
            );
            prop_assert!(index.capitals_only);
            prop_assert_eq!(index.mentions(&text), mentions_of(people, &text));
        }
    }

    /// The eight-byte test against the one-byte one, for every byte in every place.
    #[test]
    fn may_begin_name_sees_every_capital_and_non_ascii_byte() {
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut bytes = *b"abcdefgh";
                bytes[at] = b;
                assert_eq!(
                    may_begin_name(u64::from_le_bytes(bytes)),
                    b.is_ascii_uppercase() || b >= 0x80,
                    "byte {b:#x} at {at}"
                );
            }
        }
        assert!(!may_begin_name(u64::from_le_bytes(*b"@[`{ z09")));
    }

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

    #[test]
    fn a_name_running_into_a_word_gives_way_to_a_shorter_one() {
        let index = NameIndex::new(&[(vec!["Kemal".into(), "Kemal Eriksen".into()], "/k/".into())]);
        assert_eq!(index.mentions("Kemal Eriksenn said"), vec![(0, 5, 0)]);
        assert_eq!(index.mentions("Kemal Eriksen, said"), vec![(0, 13, 0)]);
        assert_eq!(index.mentions("xKemal Kemal"), vec![(7, 12, 0)]);
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
