//! Machine-readable files for hosts and readers: Atom feeds (each explainer's own with its
//! pages, [`explainer_feed`]; the site's with the sitemap and robots.txt, [`site_files`]) and
//! `_headers` (written last by [`finish`], from the final file names).
//!
//! Only published explainers appear in feed.xml and the sitemap: a build with `--drafts` is a
//! preview, and its drafts stay out (their pages carry `noindex`; each still gets its own feed,
//! which its page links to).

use std::collections::HashMap;

use serde::Serialize;

use crate::diag::ContentError;
use crate::lang::{Alternates, Language};
use crate::model::{Explainer, Site, SiteInfo};
use crate::render::meta::{explainer_modified, question_modified};
use crate::render::output::{Files, Inputs, Output, fingerprint};
use crate::render::theme::{
    ATOM_TEMPLATE, ROBOTS_TEMPLATE, SITEMAP_INDEX_TEMPLATE, SITEMAP_TEMPLATE, Theme,
};
use crate::render::{Memory, Sink};
use crate::text::dates::When;
pub use crate::text::typography::{plain_text, shorten};

/// One entry of a feed, as the `atom.xml` template gets it: an explainer, or one of its
/// updates or corrections.
#[derive(Serialize)]
struct Entry<'a> {
    id: String,
    title: String,
    link: String,
    /// Its byline (empty: the feed's author stands), each with their author page.
    authors: Vec<FeedAuthor<'a>>,
    /// The explainer it belongs to.
    category: Category<'a>,
    #[serde(serialize_with = "rfc3339")]
    published: &'a When,
    #[serde(serialize_with = "rfc3339")]
    updated: &'a When,
    /// Plain text; empty for none.
    summary: String,
}

/// A date as Atom writes it.
fn rfc3339<S: serde::Serializer>(when: &&When, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&when.rfc3339)
}

/// `e`'s byline as a feed names it (each author with their page, as JSON-LD's `url`), and
/// the explainer as an entry's category.
fn credits<'a>(site: &SiteInfo, e: &'a Explainer) -> (Vec<FeedAuthor<'a>>, Category<'a>) {
    let authors = (e.authors.iter())
        .map(|a| FeedAuthor {
            name: &a.name,
            uri: Some(format!("{}{}", site.base_url, a.path)),
        })
        .collect();
    let category = Category {
        term: &e.slug,
        label: &e.title,
    };
    (authors, category)
}

/// The explainer and each of its updates, as feed entries.
///
/// Ids are tied to what never changes when an explainer is edited: its URL, and for an update
/// the time it was posted (`…/#update-2026-03-02T12:45:00Z`). Two updates written with the
/// same bare date are numbered in the order they are written (`…-2`, `…-3`).
fn entries<'a>(site: &SiteInfo, e: &'a Explainer) -> Vec<Entry<'a>> {
    let link = format!("{}{}", site.base_url, e.path);
    let (authors, category) = credits(site, e);
    let mut out = vec![Entry {
        id: link.clone(),
        title: e.title.clone(),
        link: link.clone(),
        published: &e.published,
        updated: explainer_modified(e),
        summary: e.summary.clone(),
        category,
        authors: authors.clone(),
    }];
    // The model sorts updates newest first with a stable sort: equal times keep file order,
    // so the first written of several same-date updates keeps the plain id.
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for u in &e.updates {
        let n = seen.entry(u.at.iso.as_str()).or_insert(0);
        *n += 1;
        let mut id = format!("{link}#update-{}", u.at.iso);
        if *n > 1 {
            id += &format!("-{n}");
        }
        let text = plain_text(&u.html);
        out.push(Entry {
            id,
            title: format!("Update: {}", shorten(&text, 100)),
            link: format!("{link}#updates"),
            published: &u.at,
            updated: &u.at,
            summary: text,
            category,
            authors: authors.clone(),
        });
    }
    out.extend(correction_entries(&link, e, (&authors, category)));
    out
}

/// An explainer's corrections, as feed entries (ids as updates', `…#correction-<time>`),
/// each with the explainer's [`credits`].
fn correction_entries<'a>(
    link: &str,
    e: &'a Explainer,
    (authors, category): (&[FeedAuthor<'a>], Category<'a>),
) -> Vec<Entry<'a>> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    e.corrections
        .iter()
        .map(|c| {
            let n = seen.entry(c.at.iso.as_str()).or_insert(0);
            *n += 1;
            let mut id = format!("{link}#correction-{}", c.at.iso);
            if *n > 1 {
                id += &format!("-{n}");
            }
            let text = plain_text(&c.html);
            Entry {
                id,
                title: format!("Correction: {}", shorten(&text, 100)),
                link: format!("{link}#corrections"),
                published: &c.at,
                updated: &c.at,
                summary: text,
                category,
                authors: authors.to_vec(),
            }
        })
        .collect()
}

/// What the `atom.xml` template is given: one feed (the site's, an explainer's or a list
/// page's).
#[derive(Serialize)]
struct Feed<'a> {
    /// The site's language (`xml:lang`).
    language: &'a str,
    title: &'a str,
    /// Empty for none.
    subtitle: &'a str,
    /// The feed's own address, which is also its id.
    self_url: &'a str,
    /// The page it follows.
    alternate_url: &'a str,
    /// Its newest entry's `updated` (the Unix epoch when it has none).
    updated: &'a str,
    /// The publisher (or the site) and its address, if any.
    author: FeedAuthor<'a>,
    /// Newest first.
    entries: Vec<Entry<'a>>,
}

/// A feed's or an entry's author.
#[derive(Clone, Serialize)]
struct FeedAuthor<'a> {
    name: &'a str,
    uri: Option<String>,
}

/// The explainer an entry belongs to: its slug and title.
#[derive(Clone, Copy, Serialize)]
struct Category<'a> {
    term: &'a str,
    label: &'a str,
}

/// The text of a feed: its title, subtitle, own address and the page it follows.
struct FeedHead<'a> {
    title: &'a str,
    subtitle: &'a str,
    self_url: &'a str,
    alt_url: &'a str,
}

/// The Atom feed `page` of `items` from the `atom.xml` template, newest first; only the first
/// `limit` of them when `limit` is not 0.
fn atom(
    (theme, sink): (&Theme, &dyn Sink),
    site: &SiteInfo,
    page: &str,
    head: FeedHead,
    mut items: Vec<Entry>,
    limit: usize,
) -> Result<Output, ContentError> {
    items.sort_by(|a, b| {
        b.updated
            .timestamp
            .cmp(&a.updated.timestamp)
            .then_with(|| a.id.cmp(&b.id))
    });
    if limit > 0 {
        items.truncate(limit);
    }
    // A feed with no entries has no content date: the Unix epoch keeps the output
    // deterministic (never the wall clock).
    let updated = items
        .first()
        .map_or("1970-01-01T00:00:00Z", |e| e.updated.rfc3339.as_str());
    let author = match &site.publisher {
        Some(p) => FeedAuthor {
            name: &p.name,
            uri: p.url.clone(),
        },
        None => FeedAuthor {
            name: &site.title,
            uri: Some(site.base_url.clone()),
        },
    };
    let feed = Feed {
        language: &site.language,
        title: head.title,
        subtitle: head.subtitle,
        self_url: head.self_url,
        alternate_url: head.alt_url,
        updated,
        author,
        entries: items,
    };
    render((theme, sink), ATOM_TEMPLATE, page, &feed, 4096)
}

/// The newest of some dates.
fn newest<'a>(dates: impl IntoIterator<Item = &'a When>) -> Option<&'a When> {
    dates.into_iter().max_by_key(|w| w.timestamp)
}

/// What the `sitemap.xml` template is given: every public page of one language.
#[derive(Serialize)]
struct Urlset<'a> {
    /// Whether the site has several languages: each page then lists its translations.
    languages: bool,
    urls: Vec<SitemapUrl<'a>>,
}

/// One page in the sitemap.
#[derive(Serialize)]
struct SitemapUrl<'a> {
    /// Its address.
    loc: String,
    /// When its content last changed (W3C Datetime, in the precision the editor wrote);
    /// none where the content has no date (the people index).
    lastmod: Option<&'a str>,
    /// Its translations, each in its language (`hreflang`).
    alternates: Vec<Translation<'a>>,
    /// The page for readers of any other language (`x-default`), where there is one.
    x_default: Option<&'a str>,
}

/// A translation of a page: its language tag and address.
#[derive(Serialize)]
struct Translation<'a> {
    hreflang: &'a str,
    href: &'a str,
}

/// sitemap.xml from its template: every public page, with `lastmod` from the content's own
/// dates (and none where the content has no date: the people index).
fn sitemap<'a>(
    (theme, sink): (&Theme, &dyn Sink),
    file: &str,
    site: &'a Site,
    explainers: &[&'a Explainer],
) -> Result<Output, ContentError> {
    let base = &site.info.base_url;
    // In a site of several languages, each page lists its translations (`xhtml:link`).
    let alternates = site
        .info
        .alternates
        .as_deref()
        .zip(site.info.lang.as_ref().map(|l| l.index));
    let mut urls = Vec::new();
    let mut url = |path: &str, lastmod: Option<&'a When>| {
        let (translations, x_default) = match alternates {
            Some((table, lang)) => (
                (table.of(lang, path).into_iter())
                    .map(|a| Translation {
                        hreflang: a.tag,
                        href: a.url,
                    })
                    .collect(),
                table.x_default(lang, path),
            ),
            None => (Vec::new(), None),
        };
        urls.push(SitemapUrl {
            loc: format!("{base}{path}"),
            lastmod: lastmod.map(|l| l.iso.as_str()),
            alternates: translations,
            x_default,
        });
    };
    url("", newest(explainers.iter().map(|e| explainer_modified(e))));
    for e in explainers {
        url(&e.path, Some(explainer_modified(e)));
        if site.info.question_pages {
            for q in &e.questions {
                url(&q.path, Some(question_modified(e, q)));
            }
        }
    }
    for (path, lastmod) in crate::taxonomy::pages::sitemap_pages(site) {
        url(&path, lastmod);
    }
    url("people/", None);
    // A person's page lists the explainers whose answers name them or whose talks they sit
    // in: it changes with them. One pass over the explainers finds each person's newest.
    let index: HashMap<&str, usize> = site
        .people
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    let mut last: Vec<Option<&When>> = vec![None; site.people.len()];
    for e in explainers {
        let modified = explainer_modified(e);
        let named = e.mentions.iter().skip(1).flatten().copied();
        let sitting = e
            .talks
            .iter()
            .flat_map(|t| t.people())
            .filter_map(|r| index.get(r.id.as_str()).copied());
        for i in named.chain(sitting) {
            if let Some(slot) = last.get_mut(i)
                && slot.is_none_or(|w| w.timestamp <= modified.timestamp)
            {
                *slot = Some(modified);
            }
        }
    }
    for (p, l) in site.people.iter().zip(last) {
        url(&p.path, l);
    }
    // An author's page lists their explainers: it changes with the newest of them.
    let mut by_author: HashMap<&str, &When> = HashMap::new();
    for e in explainers {
        let modified = explainer_modified(e);
        for b in &e.authors {
            let slot = by_author.entry(b.id.as_str()).or_insert(modified);
            if slot.timestamp < modified.timestamp {
                *slot = modified;
            }
        }
    }
    for a in &site.authors {
        url(&a.who.path, by_author.get(a.who.id.as_str()).copied());
    }
    let values = Urlset {
        languages: alternates.is_some(),
        urls,
    };
    render((theme, sink), SITEMAP_TEMPLATE, file, &values, 256 * 1024)
}

/// feed.xml, sitemap.xml and robots.txt: the files that read every explainer. Each
/// explainer's own feed comes from [`explainer_feed`].
pub fn site_files(theme: &Theme, sink: &dyn Sink, site: &Site) -> Result<Files, ContentError> {
    let info = &site.info;
    let base = &info.base_url;
    // Explainers shown untranslated belong to their own language's feed and sitemap.
    let public: Vec<&Explainer> = (site.explainers.iter())
        .filter(|e| !e.draft && e.fallback.is_none())
        .collect();
    let mut out = Vec::new();
    // Only the newest `feed_limit` entries are written: make entries only for the explainers
    // that have one as new as the limit's oldest (ties included; `atom` cuts exactly).
    let cutoff = match info.feed_limit {
        0 => None,
        n => {
            let mut times: Vec<jiff::Timestamp> = public
                .iter()
                .flat_map(|e| {
                    std::iter::once(explainer_modified(e).timestamp)
                        .chain(e.updates.iter().map(|u| u.at.timestamp))
                        .chain(e.corrections.iter().map(|c| c.at.timestamp))
                })
                .collect();
            (times.len() > n).then(|| {
                let (_, nth, _) = times.select_nth_unstable_by(n - 1, |a, b| b.cmp(a));
                *nth
            })
        }
    };
    let all: Vec<Entry> = public
        .iter()
        .filter(|e| {
            cutoff.is_none_or(|c| {
                explainer_modified(e).timestamp >= c
                    || e.updates.iter().any(|u| u.at.timestamp >= c)
                    || e.corrections.iter().any(|x| x.at.timestamp >= c)
            })
        })
        .flat_map(|e| entries(info, e))
        .collect();
    let head = FeedHead {
        title: &info.title,
        subtitle: &info.description,
        self_url: &format!("{base}feed.xml"),
        alt_url: base,
    };
    let feed = atom((theme, sink), info, "feed.xml", head, all, info.feed_limit)?;
    out.push(("feed.xml".to_string(), feed));
    let mut urlset = |file: String| -> Result<(), ContentError> {
        let xml = sitemap((theme, sink), &file, site, &public)?;
        out.push((file, xml));
        Ok(())
    };
    match (&info.lang, &info.alternates) {
        // A language in its folder (the default's too with `default_language_folder`): its
        // sitemap there, and no robots.txt (the root's serves, made here or by the `lang`
        // module's root files).
        (Some(lang), _) if !lang.folder.is_empty() => {
            urlset("sitemap.xml".to_string())?;
            return Ok(out);
        }
        // The default language of several: its own sitemap beside the index of every one.
        (Some(lang), Some(table)) => {
            urlset(format!("sitemap.{}.xml", lang.code))?;
            let index = sitemap_index(theme, info, lang, table)?;
            out.push(("sitemap.xml".to_string(), index));
        }
        _ => urlset("sitemap.xml".to_string())?,
    }
    out.push(robots(theme, &info.root_url)?);
    Ok(out)
}

/// What the `sitemap_index.xml` template is given: the address of each language's sitemap.
#[derive(Serialize)]
struct SitemapIndex {
    sitemaps: Vec<String>,
}

/// The root `sitemap.xml` of a site of several languages, from its template: an index of
/// each language's sitemap, `sitemap.<code>.xml` for a default language at the root
/// (`default`), else `<folder>sitemap.xml`.
pub(crate) fn sitemap_index(
    theme: &Theme,
    info: &SiteInfo,
    default: &Language,
    table: &Alternates,
) -> Result<Output, ContentError> {
    let sitemaps = table
        .folders()
        .map(|folder| {
            let file = match folder.is_empty() {
                true => format!("sitemap.{}.xml", default.code),
                false => "sitemap.xml".to_string(),
            };
            format!("{}{folder}{file}", info.root_url)
        })
        .collect();
    let values = SitemapIndex { sitemaps };
    render(
        (theme, &Memory),
        SITEMAP_INDEX_TEMPLATE,
        "sitemap.xml",
        &values,
        1024,
    )
}

/// What the `robots.txt` template is given.
#[derive(Serialize)]
struct Robots<'a> {
    /// The site's root address (`https://example.org/`; the host's root or a sub-path).
    root_url: &'a str,
    /// The sitemap (the index of every language's in a site of several) at that root.
    sitemap_url: String,
}

/// robots.txt from its template, naming the sitemap at the site's root `root_url`. Crawlers
/// read robots.txt only at a host's root: on a sub-path (a GitHub Pages project site) this
/// one is inert, and the sitemap is submitted to search engines by hand.
pub(crate) fn robots(theme: &Theme, root_url: &str) -> Result<(String, Output), ContentError> {
    let values = Robots {
        root_url,
        sitemap_url: format!("{root_url}sitemap.xml"),
    };
    let text = render(
        (theme, &Memory),
        ROBOTS_TEMPLATE,
        ROBOTS_TEMPLATE,
        &values,
        128,
    )?;
    Ok((ROBOTS_TEMPLATE.to_string(), text))
}

/// The file `file` (site-relative) from the template `tpl`, the site's own or the built-in
/// one, given `values`. For a sink that remembers (a build), a file whose inputs are those of
/// the one in place is not rendered again, as a page is not ([`crate::render::Pages::page`]).
fn render(
    (theme, sink): (&Theme, &dyn Sink),
    tpl: &str,
    file: &str,
    values: &impl Serialize,
    size_hint: usize,
) -> Result<Output, ContentError> {
    if !sink.remembers() {
        let ctx = tera::Context::from_serialize(values).map_err(|e| theme.error(&e))?;
        return Ok(Output::Bytes(theme.render(tpl, &ctx, file, size_hint)?));
    }
    let mut inputs = Inputs::new(theme.inputs);
    inputs.add_str("template", tpl);
    // Each of these values is structs and lists, no hash map: it serialises in one order.
    inputs.add_serialized("values", values);
    let inputs = inputs.finish();
    if sink.unchanged(file, inputs) {
        return Ok(Output::Unchanged(inputs));
    }
    let ctx = tera::Context::from_serialize(values).map_err(|e| theme.error(&e))?;
    Ok(Output::Page(
        theme.render(tpl, &ctx, file, size_hint)?,
        inputs,
    ))
}

/// An explainer's own feed, `<explainer>/feed.xml`: the explainer and its updates. Every
/// explainer page links its own feed, so drafts (built with `--drafts`) get one too.
pub fn explainer_feed(
    theme: &Theme,
    sink: &dyn Sink,
    info: &SiteInfo,
    e: &Explainer,
) -> Result<(String, Output), ContentError> {
    let url = format!("{}{}", info.base_url, e.path);
    let page = format!("{}feed.xml", e.path);
    let head = FeedHead {
        title: &e.title,
        subtitle: &e.summary,
        self_url: &format!("{url}feed.xml"),
        alt_url: &url,
    };
    let feed = atom((theme, sink), info, &page, head, entries(info, e), 0)?;
    Ok((page, feed))
}

/// A list page's feed, `<path>feed.xml` (a topic's or country's): its public explainers and
/// their updates and corrections, newest first, as many as `feed_limit`.
pub(crate) fn list_feed(
    theme: &Theme,
    sink: &dyn Sink,
    info: &SiteInfo,
    (title, subtitle): (&str, &str),
    path: &str,
    explainers: &[&Explainer],
) -> Result<(String, Output), ContentError> {
    let url = format!("{}{path}", info.base_url);
    let items = (explainers.iter())
        .filter(|e| !e.draft && e.fallback.is_none())
        .flat_map(|e| entries(info, e))
        .collect();
    let page = format!("{path}feed.xml");
    let head = FeedHead {
        title,
        subtitle,
        self_url: &format!("{url}feed.xml"),
        alt_url: &url,
    };
    let feed = atom((theme, sink), info, &page, head, items, info.feed_limit)?;
    Ok((page, feed))
}

/// Cloudflare Pages reads at most this many `_headers` rules.
const MAX_RULES: usize = 100;
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const REVALIDATE: &str = "public, max-age=0, must-revalidate";

/// The name a fingerprinted file had before: `css/style.1a2b3c4d5e.css` -> `css/style.css`.
/// `None` unless the name really is the fingerprint of these bytes.
pub fn unfingerprinted(name: &str, bytes: &[u8]) -> Option<String> {
    let (rest, ext) = name.rsplit_once('.')?;
    let (stem, hash) = rest.rsplit_once('.')?;
    if !matches!(ext, "css" | "js") || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let original = format!("{stem}.{ext}");
    (fingerprint(&original, bytes) == name).then_some(original)
}

/// The `_headers` file (Netlify and Cloudflare Pages; other hosts ignore it): fingerprinted
/// CSS and JS immutable for a year, pages revalidated on every visit.
///
/// Both hosts combine every rule that matches a request, and Cloudflare joins two values of
/// one header with a comma, so no two rules here may both match a file: a catch-all `/*`
/// Cache-Control would turn `immutable` into `max-age=0, …, max-age=31536000`. Rules are
/// therefore exact paths for the fingerprinted files, and for pages the home page, the
/// top-level pages and one `/<folder>/*` per folder of pages (Netlify matches `/a/*` like a
/// prefix `/a…`, so a folder rule that would catch a fingerprinted file is left out; every
/// file no rule names gets the hosts' default, which is already "revalidate").
pub fn headers(base_path: &str, files: &Files) -> String {
    let mut immutable: Vec<&str> = files
        .iter()
        .filter_map(|(name, out)| unfingerprinted(name, out.bytes()?).map(|_| name.as_str()))
        .collect();
    let search_rules = crate::search::immutable_rules(files);
    immutable.extend(search_rules.iter().map(String::as_str));
    immutable.sort_unstable();
    let mut pages: Vec<String> = vec![base_path.to_string()];
    let mut folders: Vec<&str> = Vec::new();
    for (name, _) in files.iter().filter(|(n, _)| n.ends_with(".html")) {
        match name.split_once('/') {
            Some((folder, _)) => folders.push(folder),
            None => pages.push(format!("{base_path}{name}")),
        }
    }
    folders.sort_unstable();
    folders.dedup();
    for f in folders {
        let prefix = format!("{base_path}{f}");
        if immutable
            .iter()
            .all(|i| !format!("{base_path}{i}").starts_with(&prefix))
        {
            pages.push(format!("{prefix}/*"));
        }
    }
    let mut x = String::from(
        "# HTTP headers for Netlify and Cloudflare Pages (other hosts ignore this file).\n\
         # Written by parley build: edits are lost on the next build. See docs/publishing.md.\n\n\
         # Every response: no MIME sniffing.\n",
    );
    x += &format!("{base_path}*\n  X-Content-Type-Options: nosniff\n");
    let mut rules = 1;
    x += "\n# Fingerprinted CSS and JS (and the search index's content-hashed files): a new name for\n# new content, so cache them for a year.\n";
    for i in &immutable {
        x += &format!("{base_path}{i}\n  Cache-Control: {IMMUTABLE}\n");
        rules += 1;
    }
    x += "\n# Pages: revalidated on every visit, so readers see an update at once.\n";
    let room = MAX_RULES.saturating_sub(rules);
    if pages.len() > room {
        x += "# (Too many folders for Cloudflare's 100 rules: the rest keep the hosts' default,\n\
              # which is also max-age=0, must-revalidate.)\n";
    }
    for p in pages.iter().take(room) {
        x += &format!("{p}\n  Cache-Control: {REVALIDATE}\n");
    }
    x
}

/// The last step of a build, over the final list of files: `_headers` from the final
/// fingerprinted names. A site's own `static/_headers` is kept as it is instead.
pub fn finish(info: &SiteInfo, mut files: Files) -> Files {
    if !files.iter().any(|(n, _)| n == "_headers") {
        let h = headers(&info.root_path, &files);
        files.push(("_headers".to_string(), Output::Bytes(h.into_bytes())));
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What an `.xml` template writes for a value.
    fn xml_escape(s: &str) -> String {
        let mut out = Vec::new();
        crate::render::theme::escape_xml(s, &mut out).expect("writing to a Vec does not fail");
        String::from_utf8(out).expect("escaped UTF-8 stays UTF-8")
    }

    #[test]
    fn xml_escape_escapes_markup_and_drops_forbidden_characters() {
        assert_eq!(xml_escape("Talks in Geneva"), "Talks in Geneva");
        assert_eq!(
            xml_escape("A & B <i>\"x\"</i> it's"),
            "A &amp; B &lt;i&gt;&quot;x&quot;&lt;/i&gt; it&apos;s"
        );
        assert_eq!(xml_escape("a\u{1}b\tc\u{FFFF}"), "ab\tc");
        assert_eq!(xml_escape("Київ"), "Київ");
    }

    #[test]
    fn shorten_cuts_at_a_word() {
        assert_eq!(shorten("short", 10), "short");
        assert_eq!(
            shorten("The mediator said the session was constructive", 20),
            "The mediator said…"
        );
    }

    #[test]
    fn plain_text_drops_tags_and_decodes() {
        assert_eq!(
            plain_text("<em>Talks</em> &amp; <a href=\"/x\">more</a>\n &lt;3"),
            "Talks & more <3"
        );
    }

    #[test]
    fn only_true_fingerprints_count() {
        let css = b"body{}".to_vec();
        let name = fingerprint("style.css", &css);
        assert_eq!(unfingerprinted(&name, &css).as_deref(), Some("style.css"));
        assert_eq!(unfingerprinted(&name, b"other"), None);
        assert_eq!(unfingerprinted("jquery.1234567890.js", b"x"), None);
        assert_eq!(unfingerprinted("style.css", &css), None);
    }

    #[test]
    fn headers_never_give_a_file_two_cache_rules() {
        let css = b"body{}".to_vec();
        let fp = fingerprint("style.css", &css);
        let files: Files = vec![
            (fp.clone(), Output::Bytes(css)),
            ("index.html".into(), Output::Bytes(vec![])),
            ("404.html".into(), Output::Bytes(vec![])),
            ("people/index.html".into(), Output::Bytes(vec![])),
            ("style/index.html".into(), Output::Bytes(vec![])),
            ("talks/index.html".into(), Output::Bytes(vec![])),
            ("talks/q/index.html".into(), Output::Bytes(vec![])),
        ];
        let h = headers("/repo/", &files);
        assert!(h.contains(&format!("/repo/{fp}\n  Cache-Control: {IMMUTABLE}\n")));
        assert!(h.contains(&format!("/repo/\n  Cache-Control: {REVALIDATE}\n")));
        assert!(h.contains("/repo/talks/*\n"));
        assert!(h.contains("/repo/people/*\n"));
        // `/repo/style/*` would match `/repo/style.<hash>.css` on Netlify.
        assert!(!h.contains("/repo/style/*"));
        assert_eq!(h.matches("Cache-Control").count(), 1 + 5);
    }
}
