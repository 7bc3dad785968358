//! Issue 6: the output is right for static hosts (GitHub Pages on a sub-path, Netlify,
//! Cloudflare Pages, S3): feeds and sitemap parsed with real parsers, JSON-LD and social
//! metadata, `_headers` rules as both hosts match them, and links that stay under a sub-path.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use common::*;
use serde_json::Value;

const REPO: &str = "https://user.github.io/repo/";

fn geneva() -> PathBuf {
    fixture("geneva-site")
}

/// The fixture built as a GitHub Pages project site.
fn geneva_on_sub_path() -> Built {
    build_with(&geneva(), |o| o.base_url = Some(REPO.into()))
}

// ---------------------------------------------------------------------------------------
// A small HTML attribute reader (quoted and unquoted values, as minified pages have them).

#[derive(Clone)]
struct Attr {
    tag: String,
    name: String,
    value: String,
}

fn attributes(html: &str) -> Vec<Attr> {
    let b = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        i += off + 1;
        if html[i..].starts_with("!--") {
            i += html[i..].find("-->").map_or(html.len() - i, |e| e + 3);
            continue;
        }
        if i >= b.len() || !b[i].is_ascii_alphabetic() {
            continue;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_alphanumeric() {
            i += 1;
        }
        let tag = html[start..i].to_ascii_lowercase();
        loop {
            while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
                i += 1;
            }
            if i >= b.len() || b[i] == b'>' {
                i += 1;
                break;
            }
            let ns = i;
            while i < b.len() && !b[i].is_ascii_whitespace() && !b"=>/".contains(&b[i]) {
                i += 1;
            }
            let name = html[ns..i].to_ascii_lowercase();
            let mut value = String::new();
            if i < b.len() && b[i] == b'=' {
                i += 1;
                if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                    let q = b[i] as char;
                    let end = html[i + 1..].find(q).unwrap() + i + 1;
                    value = html[i + 1..end].to_string();
                    i = end + 1;
                } else {
                    let vs = i;
                    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                        i += 1;
                    }
                    value = html[vs..i].to_string();
                }
            }
            out.push(Attr {
                tag: tag.clone(),
                name,
                value: value.replace("&amp;", "&"),
            });
        }
        // Raw text elements: skip to their end tag.
        if tag == "script" || tag == "style" {
            let close = format!("</{tag}");
            i += html[i..].find(&close).unwrap_or(html.len() - i);
        }
    }
    out
}

fn meta_content(html: &str, key: &str) -> Option<String> {
    let attrs = attributes(html);
    // Attributes come in tag order; group each <meta>'s attributes.
    let mut current: Vec<&Attr> = Vec::new();
    let mut groups: Vec<Vec<&Attr>> = Vec::new();
    for a in &attrs {
        if a.tag == "meta" && (a.name == "property" || a.name == "name" || a.name == "content") {
            current.push(a);
            if current.len() == 2 {
                groups.push(std::mem::take(&mut current));
            }
        } else {
            current.clear();
        }
    }
    groups.into_iter().find_map(|g| {
        let named = g
            .iter()
            .any(|a| (a.name == "property" || a.name == "name") && a.value == key);
        named
            .then(|| {
                g.iter()
                    .find(|a| a.name == "content")
                    .map(|a| a.value.clone())
            })
            .flatten()
    })
}

fn link_href(html: &str, rel: &str) -> Vec<String> {
    let mut out = Vec::new();
    let attrs = attributes(html);
    let mut i = 0;
    while i < attrs.len() {
        if attrs[i].tag == "link" {
            // The attributes of one <link> are consecutive; collect until the tag changes.
            let mut j = i;
            let (mut r, mut h) = (None, None);
            while j < attrs.len() && attrs[j].tag == "link" {
                match attrs[j].name.as_str() {
                    "rel" if r.is_some() => break,
                    "rel" => r = Some(attrs[j].value.clone()),
                    "href" if h.is_some() => break,
                    "href" => h = Some(attrs[j].value.clone()),
                    _ => {}
                }
                j += 1;
            }
            if r.as_deref() == Some(rel) {
                out.extend(h);
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

fn json_ld(html: &str) -> Value {
    // Quoted or not (a minified page drops the quotes).
    let at = html.find("application/ld+json").expect("a JSON-LD script");
    let start = html[at..].find('>').unwrap() + at + 1;
    let end = html[start..].find("</script>").unwrap() + start;
    let text = &html[start..end];
    assert!(!text.contains('<'), "JSON-LD must not hold a raw `<`");
    serde_json::from_str(text).expect("JSON-LD parses")
}

/// The BackgroundNewsArticle node, whether alone or in an @graph.
fn article(ld: &Value) -> &Value {
    match ld.get("@graph") {
        Some(g) => g
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["@type"] == "BackgroundNewsArticle")
            .unwrap(),
        None => ld,
    }
}

fn html_pages(out: &Path) -> Vec<String> {
    all_files(out)
        .into_iter()
        .filter(|f| f.ends_with(".html"))
        .collect()
}

// ---------------------------------------------------------------------------------------
// Feeds.

fn parse_feed(text: &str) -> feed_rs::model::Feed {
    feed_rs::parser::parse(text.as_bytes()).expect("feed.xml parses as a feed")
}

#[test]
fn atom_feed_lists_explainers_and_updates_newest_first() {
    let b = geneva_on_sub_path();
    let xml = b.read("feed.xml");
    assert!(xml.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\""));
    let feed = parse_feed(&xml);
    assert_eq!(feed.feed_type, feed_rs::model::FeedType::Atom);
    assert_eq!(feed.id, format!("{REPO}feed.xml"));
    assert_eq!(feed.title.unwrap().content, "Borderlands Explainers");
    assert_eq!(feed.authors[0].name, "Example News");
    assert!(feed.updated.is_some());
    assert!(
        feed.links
            .iter()
            .any(|l| l.rel.as_deref() == Some("self") && l.href == format!("{REPO}feed.xml"))
    );

    // Three published explainers, and the two updates and the correction of the Geneva one;
    // no draft.
    let ids: Vec<&str> = feed.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            format!("{REPO}geneva-water-talks/"),
            format!("{REPO}geneva-water-talks/#update-2026-03-02T12:45:00Z"),
            format!("{REPO}geneva-water-talks/#correction-2026-03-02T10:15:00Z"),
            format!("{REPO}geneva-water-talks/#update-2026-03-02T08:20:00Z"),
            format!("{REPO}border-talks/"),
            format!("{REPO}lake-commission-talks/"),
        ]
    );
    assert!(!xml.contains("draft-talks"));
    let mut last = None;
    for e in &feed.entries {
        let updated = e.updated.expect("every entry has <updated>");
        if let Some(prev) = last {
            assert!(updated <= prev, "entries are newest first");
        }
        last = Some(updated);
        assert!(e.title.as_ref().is_some_and(|t| !t.content.is_empty()));
        assert!(e.links[0].href.starts_with(REPO));
        assert!(e.summary.is_some());
    }
    let update = &feed.entries[1];
    assert_eq!(
        update.title.as_ref().unwrap().content,
        "Update: The mediator said the morning session had been “constructive” and talks would resume after lunch."
    );
    assert_eq!(
        update.links[0].href,
        format!("{REPO}geneva-water-talks/#updates")
    );
    assert_eq!(
        update.published.unwrap().to_rfc3339(),
        "2026-03-02T12:45:00+00:00"
    );
    // A date-only explainer: midnight UTC, as Atom needs a time.
    assert_eq!(
        feed.entries[4].updated.unwrap().to_rfc3339(),
        "2025-11-10T00:00:00+00:00"
    );
    // The byline is each entry's author, linked to the author page; an entry of an
    // explainer without a byline has none of its own (the feed's author stands).
    for e in &feed.entries[..4] {
        let who: Vec<(&str, Option<&str>)> = e
            .authors
            .iter()
            .map(|a| (a.name.as_str(), a.uri.as_deref()))
            .collect();
        assert_eq!(
            who,
            [
                ("Lena Marsh", Some(&*format!("{REPO}authors/lena-marsh/"))),
                ("Omar Haddad", Some(&*format!("{REPO}authors/omar-haddad/"))),
            ],
            "{}",
            e.id
        );
    }
    let border: Vec<&str> = feed.entries[4]
        .authors
        .iter()
        .map(|a| a.name.as_str())
        .collect();
    assert_eq!(border, ["Lena Marsh"]);
}

/// feed.xml carries the newest `feed_limit` entries (50 unless set; 0 for all); each
/// explainer's own feed stays complete.
#[test]
fn feed_limit_keeps_the_newest_entries() {
    let full: Vec<String> = parse_feed(&geneva_on_sub_path().read("feed.xml"))
        .entries
        .into_iter()
        .map(|e| e.id)
        .collect();
    assert_eq!(full.len(), 6);
    for (limit, expected) in [(1, 1), (2, 2), (3, 3), (5, 5), (0, 6), (10, 6)] {
        let site = copy_site(&geneva());
        let yaml = site.path().join("content/site.yaml");
        let text = std::fs::read_to_string(&yaml).unwrap();
        std::fs::write(&yaml, format!("{text}\nfeed_limit: {limit}\n")).unwrap();
        let b = build_with(site.path(), |o| o.base_url = Some(REPO.into()));
        let ids: Vec<String> = parse_feed(&b.read("feed.xml"))
            .entries
            .into_iter()
            .map(|e| e.id)
            .collect();
        assert_eq!(ids, full[..expected], "feed_limit: {limit}");
        let own = parse_feed(&b.read("geneva-water-talks/feed.xml"));
        assert_eq!(own.entries.len(), 4, "feed_limit: {limit}");
    }
}

#[test]
fn each_explainer_has_its_own_feed() {
    let b = geneva_on_sub_path();
    let feed = parse_feed(&b.read("geneva-water-talks/feed.xml"));
    assert_eq!(feed.id, format!("{REPO}geneva-water-talks/feed.xml"));
    assert_eq!(feed.entries.len(), 4);
    assert!(
        feed.entries
            .iter()
            .all(|e| e.id.starts_with(&format!("{REPO}geneva-water-talks/")))
    );
    assert_eq!(feed.authors[0].name, "Example News");
    let border = parse_feed(&b.read("border-talks/feed.xml"));
    assert_eq!(border.entries.len(), 1);
    // The pages point readers and feed readers at both feeds, with absolute URLs.
    let page = b.read("geneva-water-talks/index.html");
    let alternates = link_href(&page, "alternate");
    assert!(alternates.contains(&format!("{REPO}feed.xml")));
    assert!(alternates.contains(&format!("{REPO}geneva-water-talks/feed.xml")));
}

#[test]
fn feed_ids_never_change_when_an_explainer_is_edited() {
    let site = copy_site(&geneva());
    let ids = |b: &Built| -> BTreeSet<String> {
        parse_feed(&b.read("feed.xml"))
            .entries
            .into_iter()
            .map(|e| e.id)
            .collect()
    };
    let before = ids(&build(site.path()));

    // Retitle, reword and re-date the explainer, and post a new update.
    let md = site.path().join("content/geneva-water-talks/index.md");
    edit(
        &md,
        "title: \"Arland & Borovia water talks in Genève: what we know\"",
        "title: \"Water talks in Geneva: the latest\"",
    );
    edit(
        &md,
        "summary: Arland and Borovia are meeting",
        "summary: They meet",
    );
    edit(
        &md,
        "  - at: 2026-03-02T12:45:00Z\n    text: The mediator said",
        "  - at: 2026-03-02T12:45:00Z\n    text: Correction. The mediator said",
    );
    edit(
        &md,
        "updates:\n",
        "updated: 2026-03-03T09:00:00Z\nupdates:\n  - at: 2026-03-03T08:00:00Z\n    text: Talks resumed.\n",
    );
    let after = ids(&build(site.path()));
    assert!(before.is_subset(&after), "{before:?} vs {after:?}");
    assert_eq!(after.len(), before.len() + 1);
}

#[test]
fn updates_on_the_same_date_get_distinct_ids() {
    let site = copy_site(&geneva());
    let md = site.path().join("content/border-talks/index.md");
    edit(
        &md,
        "draft: false\n",
        "draft: false\nupdates:\n  - at: 2025-11-11\n    text: First.\n  - at: 2025-11-11\n    text: Second.\n",
    );
    let b = build(site.path());
    let feed = parse_feed(&b.read("border-talks/feed.xml"));
    let ids: BTreeSet<String> = feed.entries.iter().map(|e| e.id.clone()).collect();
    let base = "https://news.example.com/explainers/border-talks/#update-2025-11-11";
    assert!(ids.contains(base), "{ids:?}");
    assert!(ids.contains(&format!("{base}-2")), "{ids:?}");
    let first = feed.entries.iter().find(|e| e.id == base).unwrap();
    assert_eq!(first.summary.as_ref().unwrap().content, "First.");
}

// ---------------------------------------------------------------------------------------
// Sitemap and robots.txt.

/// (loc, lastmod) pairs, read with quick-xml.
fn sitemap(xml: &str) -> Vec<(String, Option<String>)> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = Vec::new();
    let mut path: Vec<String> = Vec::new();
    let mut saw_urlset = false;
    loop {
        match reader.read_event().expect("sitemap.xml is well-formed XML") {
            Event::Start(e) => {
                let name = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
                if name == "urlset" {
                    saw_urlset = e.attributes().any(|a| {
                        let a = a.unwrap();
                        a.key.as_ref() == b"xmlns"
                            && a.value.as_ref() == b"http://www.sitemaps.org/schemas/sitemap/0.9"
                    });
                }
                if name == "url" {
                    out.push((String::new(), None));
                }
                path.push(name);
            }
            Event::End(_) => {
                path.pop();
            }
            Event::Text(t) => {
                let text = t.unescape().unwrap().into_owned();
                match path.last().map(String::as_str) {
                    Some("loc") => out.last_mut().unwrap().0 = text,
                    Some("lastmod") => out.last_mut().unwrap().1 = Some(text),
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert!(saw_urlset, "the sitemap namespace");
    out
}

#[test]
fn sitemap_lists_every_public_page_with_the_contents_dates() {
    let b = geneva_on_sub_path();
    let urls = sitemap(&b.read("sitemap.xml"));
    let map: BTreeMap<String, Option<String>> = urls.iter().cloned().collect();
    assert_eq!(map.len(), urls.len(), "no duplicates");
    let expected: BTreeSet<String> = [
        "",
        "geneva-water-talks/",
        "geneva-water-talks/when-are-the-talks/",
        "geneva-water-talks/delegations/",
        "geneva-water-talks/agenda/",
        "geneva-water-talks/why-geneve/",
        "border-talks/",
        "border-talks/what-was-agreed/",
        "border-talks/what-happens-next/",
        "lake-commission-talks/",
        "lake-commission-talks/what-did-arland-ask-for/",
        "lake-commission-talks/what-did-borovia-ask-for/",
        // The list pages (paginate_by: 2): the home page's second page, the series, the
        // topics and the countries, each with its index.
        "page/2/",
        "series/",
        "series/arland-borovia-talks/",
        "topics/",
        "topics/borders/",
        "topics/water/",
        "topics/water/page/2/",
        "topics/mediation/",
        "topics/fisheries/",
        "countries/",
        "countries/xa/",
        "countries/xa/page/2/",
        "countries/xb/",
        "countries/xb/page/2/",
        "countries/at/",
        "countries/ch/",
        "people/",
        "people/mara-lindqvist/",
        "people/tomas-reyes/",
        "people/jon-halvard/",
        "people/dimitris-kallas/",
        "people/anya-sorel/",
        "people/ines-aubert/",
        "authors/lena-marsh/",
        "authors/omar-haddad/",
    ]
    .iter()
    .map(|p| format!("{REPO}{p}"))
    .collect();
    assert_eq!(map.keys().cloned().collect::<BTreeSet<_>>(), expected);
    // Every listed page exists in the output.
    for loc in map.keys() {
        let rel = loc.strip_prefix(REPO).unwrap();
        assert!(b.exists(&format!("{rel}index.html")), "{loc}");
    }
    let lastmod = |p: &str| map[&format!("{REPO}{p}")].clone();
    // The newest update; the question's own `updated=`; a date stays a date.
    assert_eq!(lastmod("").as_deref(), Some("2026-03-02T12:45:00Z"));
    assert_eq!(
        lastmod("geneva-water-talks/").as_deref(),
        Some("2026-03-02T12:45:00Z")
    );
    assert_eq!(
        lastmod("geneva-water-talks/delegations/").as_deref(),
        Some("2026-03-02T11:00:00Z")
    );
    assert_eq!(lastmod("border-talks/").as_deref(), Some("2025-11-10"));
    assert_eq!(
        lastmod("border-talks/what-was-agreed/").as_deref(),
        Some("2025-11-10")
    );
    // A person's page changes with the explainers they appear in.
    assert_eq!(
        lastmod("people/jon-halvard/").as_deref(),
        Some("2025-11-10")
    );
    assert_eq!(
        lastmod("people/ines-aubert/").as_deref(),
        Some("2026-03-02T12:45:00Z")
    );
    // An author's page changes with the newest of their explainers.
    assert_eq!(
        lastmod("authors/lena-marsh/").as_deref(),
        Some("2026-03-02T12:45:00Z")
    );
    assert_eq!(
        lastmod("authors/omar-haddad/").as_deref(),
        Some("2026-03-02T12:45:00Z")
    );
    // The people index has no date of its own: no lastmod is invented.
    assert_eq!(lastmod("people/"), None);
    // A list page changes with the newest explainer it lists; one listing only a draft has
    // no date.
    assert_eq!(lastmod("page/2/").as_deref(), Some("2025-09-15"));
    assert_eq!(lastmod("topics/borders/").as_deref(), Some("2025-11-10"));
    assert_eq!(
        lastmod("series/arland-borovia-talks/").as_deref(),
        Some("2026-03-02T12:45:00Z")
    );
    assert_eq!(lastmod("topics/fisheries/"), None);
    assert!(!map.contains_key(&format!("{REPO}page/1/")));
}

#[test]
fn sitemap_leaves_out_cards_when_question_pages_are_off_and_drafts_always() {
    let site = copy_site(&geneva());
    edit(
        &site.path().join("content/site.yaml"),
        "faq_schema: true",
        "faq_schema: true\nquestion_pages: false",
    );
    let b = build_with(site.path(), |o| o.drafts = true);
    let xml = b.read("sitemap.xml");
    let locs: Vec<String> = sitemap(&xml).into_iter().map(|(l, _)| l).collect();
    // Home, 3 explainers, who's who, 6 people, 2 authors, and 17 list pages: with the draft
    // built, the home page, `water`, `XA`, `XB` and `CH` list 3 or 4 explainers, 2 a page, so
    // each has a second page (page/2/, series/ and its 1 series, topics/ and its 4, water's
    // page 2, countries/ and its 4, their 3 second pages).
    assert_eq!(locs.len(), 1 + 3 + 1 + 6 + 2 + 17, "{locs:?}");
    assert!(!xml.contains("draft-talks"));
    assert!(!b.read("feed.xml").contains("draft-talks"));
    // The draft page is built for preview, kept out of search, and its own feed link works.
    let draft = b.read("draft-talks/index.html");
    assert_eq!(meta_content(&draft, "robots").as_deref(), Some("noindex"));
    assert!(b.exists("draft-talks/feed.xml"));
}

#[test]
fn robots_txt_points_at_the_sitemap() {
    let b = geneva_on_sub_path();
    let robots = b.read("robots.txt");
    assert!(robots.contains("User-agent: *"));
    assert!(
        robots
            .lines()
            .any(|l| l == format!("Sitemap: {REPO}sitemap.xml")),
        "{robots}"
    );
}

// ---------------------------------------------------------------------------------------
// Page metadata.

#[test]
fn every_page_has_title_description_canonical_and_lang() {
    let b = geneva_on_sub_path();
    for rel in html_pages(&b.out()) {
        let html = b.read(&rel);
        assert!(html.contains("<html lang=\"en\">"), "{rel}: lang");
        let title = &html[html.find("<title>").unwrap() + 7..html.find("</title>").unwrap()];
        assert!(!title.trim().is_empty(), "{rel}: title");
        assert!(
            meta_content(&html, "description").is_some_and(|d| !d.is_empty()),
            "{rel}: description"
        );
        let canonical = link_href(&html, "canonical");
        if rel == "404.html" {
            // Served at any missing URL: no canonical, not indexed.
            assert!(canonical.is_empty(), "404 has no canonical");
            assert_eq!(meta_content(&html, "robots").as_deref(), Some("noindex"));
            continue;
        }
        let url = format!("{REPO}{}", rel.trim_end_matches("index.html"));
        assert_eq!(canonical, std::slice::from_ref(&url), "{rel}: canonical");
        assert_eq!(meta_content(&html, "og:url"), Some(url), "{rel}: og:url");
        assert_eq!(meta_content(&html, "og:locale").as_deref(), Some("en_US"));
        assert!(meta_content(&html, "twitter:card").is_some(), "{rel}");
    }
}

#[test]
fn explainers_and_cards_have_open_graph_article_tags_and_a_card() {
    let b = geneva_on_sub_path();
    let page = b.read("geneva-water-talks/index.html");
    let m = |k: &str| meta_content(&page, k);
    assert_eq!(
        m("og:title").as_deref(),
        Some("Arland & Borovia water talks in Genève: what we know")
    );
    assert_eq!(m("og:type").as_deref(), Some("article"));
    assert_eq!(m("og:site_name").as_deref(), Some("Borderlands Explainers"));
    assert!(
        m("og:description")
            .unwrap()
            .starts_with("Arland and Borovia are meeting")
    );
    assert_eq!(
        m("article:published_time").as_deref(),
        Some("2026-03-02T07:00:00Z")
    );
    assert_eq!(
        m("article:modified_time").as_deref(),
        Some("2026-03-02T12:45:00Z")
    );
    // Changed by issue 23: every explainer now has a share image, so a large card, and
    // og:image is that image (it used to be "no image, no og:image" and a small card).
    assert_eq!(m("twitter:card").as_deref(), Some("summary_large_image"));
    let image = m("og:image").expect("the share image as og:image");
    assert!(
        image.starts_with(&format!("{REPO}geneva-water-talks/share.")) && image.ends_with(".png"),
        "{image}"
    );
    assert_eq!(m("og:image:width").as_deref(), Some("1200"));
    assert_eq!(m("og:image:height").as_deref(), Some("630"));
    // With share images off, a page without an image has none again.
    let site = copy_site(&geneva());
    edit(
        &site.path().join("content/site.yaml"),
        "faq_schema: true\n",
        "faq_schema: true\nshare_images: false\n",
    );
    let off = build_with(site.path(), |o| o.base_url = Some(REPO.into()));
    let page = off.read("geneva-water-talks/index.html");
    assert!(
        meta_content(&page, "og:image").is_none(),
        "no image, no og:image"
    );
    assert_eq!(
        meta_content(&page, "twitter:card").as_deref(),
        Some("summary")
    );

    // A card: its own URL and title, the answer's own modified time.
    let card = b.read("geneva-water-talks/delegations/index.html");
    let c = |k: &str| meta_content(&card, k);
    assert_eq!(c("og:type").as_deref(), Some("article"));
    assert_eq!(
        c("og:url").as_deref(),
        Some(&*format!("{REPO}geneva-water-talks/delegations/"))
    );
    assert!(c("og:title").unwrap().starts_with("Who is at the table?"));
    assert_eq!(
        c("article:modified_time").as_deref(),
        Some("2026-03-02T11:00:00Z")
    );
    // A date-only explainer keeps its date as written.
    let border = b.read("border-talks/index.html");
    assert_eq!(
        meta_content(&border, "article:published_time").as_deref(),
        Some("2025-11-10")
    );
    // The home page is a website, not an article.
    let home = b.read("index.html");
    assert_eq!(meta_content(&home, "og:type").as_deref(), Some("website"));
    assert!(meta_content(&home, "article:published_time").is_none());
}

#[test]
fn an_explainer_image_becomes_an_absolute_og_image_with_its_alt() {
    let site = copy_site(&geneva());
    let dir = site.path().join("content/border-talks");
    // A real PNG: photos are re-encoded (issue 23), and a broken one is an error.
    image::RgbImage::from_pixel(800, 400, image::Rgb([40, 110, 200]))
        .save(dir.join("river-map.png"))
        .unwrap();
    edit(
        &dir.join("index.md"),
        "draft: false\n",
        "draft: false\nimage: { src: river-map.png, alt: \"The Silver River & the new border\" }\n",
    );
    // With share images off (issue 23 made them the default), the lead image is og:image.
    let yaml = site.path().join("content/site.yaml");
    edit(
        &yaml,
        "faq_schema: true\n",
        "faq_schema: true\nshare_images: false\n",
    );
    let b = build_with(site.path(), |o| o.base_url = Some(REPO.into()));
    let page = b.read("border-talks/index.html");
    // The photo as published: `river-map.<hash>.800.png`, its largest size.
    let url = meta_content(&page, "og:image").unwrap();
    let name = url.strip_prefix(&format!("{REPO}border-talks/")).unwrap();
    assert!(
        name.starts_with("river-map.") && name.ends_with(".800.png"),
        "{url}"
    );
    assert!(b.exists(&format!("border-talks/{name}")));
    assert_eq!(
        meta_content(&page, "og:image:alt").as_deref(),
        Some("The Silver River & the new border")
    );
    assert_eq!(
        meta_content(&page, "twitter:card").as_deref(),
        Some("summary_large_image")
    );
    let card = b.read("border-talks/what-was-agreed/index.html");
    assert_eq!(meta_content(&card, "og:image").as_deref(), Some(&*url));
    let ld = json_ld(&page);
    assert_eq!(article(&ld)["image"]["url"], url);
    assert_eq!(
        article(&ld)["image"]["description"],
        "The Silver River & the new border"
    );
    // The lead image itself is served from under the base path too.
    assert!(page.contains(&format!("<img src=\"/repo/border-talks/{name}\"")));
    assert_links_stay_under(&b.out(), REPO, &[]);
}

#[test]
fn json_ld_parses_and_names_the_right_dates() {
    let b = geneva_on_sub_path();
    let ld = json_ld(&b.read("geneva-water-talks/index.html"));
    assert_eq!(ld["@context"], "https://schema.org");
    let a = article(&ld);
    assert_eq!(a["@type"], "BackgroundNewsArticle");
    assert_eq!(
        a["headline"],
        "Arland & Borovia water talks in Genève: what we know"
    );
    assert_eq!(a["datePublished"], "2026-03-02T07:00:00Z");
    assert_eq!(a["dateModified"], "2026-03-02T12:45:00Z");
    assert_eq!(a["url"], format!("{REPO}geneva-water-talks/"));
    assert_eq!(a["publisher"]["name"], "Example News");
    // The byline's first author (the fixture's explainers have one; see tests/newsroom.rs).
    assert_eq!(a["author"][0]["name"], "Lena Marsh");
    assert_eq!(a["inLanguage"], "en");
    let ev = &a["about"];
    assert_eq!(ev["@type"], "Event");
    // 08:00 UTC at the venue, Geneva (UTC+1 in March).
    assert_eq!(ev["startDate"], "2026-03-02T09:00:00+01:00");
    assert_eq!(ev["eventStatus"], "https://schema.org/EventScheduled");
    assert_eq!(
        ev["location"]["name"],
        "Palais des Nations, Geneva, Switzerland"
    );
    assert_eq!(ev["organizer"]["name"], "Switzerland");
    let attendees = ev["attendee"].as_array().unwrap();
    let names: Vec<&str> = attendees
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "Delegation of Arland",
            "Delegation of Borovia",
            "Inès Aubert"
        ]
    );
    assert_eq!(attendees[0]["member"][0]["name"], "Mara Lindqvist");
    assert_eq!(
        attendees[0]["member"][0]["url"],
        format!("{REPO}people/mara-lindqvist/")
    );
    // faq_schema: true in the fixture's site.yaml.
    let faq = ld["@graph"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["@type"] == "FAQPage")
        .expect("FAQPage when faq_schema is on");
    assert_eq!(faq["mainEntity"].as_array().unwrap().len(), 4);
    assert_eq!(faq["mainEntity"][0]["name"], "When are the talks?");
    // Answers are quoted as the page shows them: shortcodes rendered, no placeholders.
    let delegations = faq["mainEntity"][1]["acceptedAnswer"]["text"]
        .as_str()
        .unwrap();
    assert!(
        delegations.contains("class=\"delegation\"") && delegations.contains("aside"),
        "{delegations}"
    );
    assert!(!delegations.contains('\u{FFFC}'), "{delegations}");

    // A card: the question as headline, part of the explainer, its own modified date, no FAQ.
    let card = json_ld(&b.read("geneva-water-talks/delegations/index.html"));
    assert!(card.get("@graph").is_none());
    assert_eq!(card["headline"], "Who is at the table?");
    assert_eq!(card["dateModified"], "2026-03-02T11:00:00Z");
    assert_eq!(card["datePublished"], "2026-03-02T07:00:00Z");
    assert_eq!(
        card["isPartOf"]["url"],
        format!("{REPO}geneva-water-talks/")
    );

    // A date-only explainer: dates as written; a concluded meeting on a date.
    let border = article(&json_ld(&b.read("border-talks/index.html"))).clone();
    assert_eq!(border["datePublished"], "2025-11-10");
    assert_eq!(border["dateModified"], "2025-11-10");
    assert_eq!(border["about"]["startDate"], "2025-11-08");
}

#[test]
fn faq_markup_is_off_unless_site_yaml_turns_it_on() {
    let site = copy_site(&geneva());
    edit(
        &site.path().join("content/site.yaml"),
        "faq_schema: true\n",
        "",
    );
    let b = build(site.path());
    let page = b.read("geneva-water-talks/index.html");
    assert!(!page.contains("FAQPage"));
    // The Geneva talks are under way: the article and its live blog, nothing else.
    let ld = json_ld(&page);
    assert_eq!(ld["@context"], "https://schema.org");
    let types: Vec<&str> = ld["@graph"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["@type"].as_str().unwrap())
        .collect();
    assert_eq!(types, ["BackgroundNewsArticle", "LiveBlogPosting"]);
    // The concluded border talks: the article alone.
    let ld = json_ld(&b.read("border-talks/index.html"));
    assert_eq!(ld["@type"], "BackgroundNewsArticle");
    assert_eq!(ld["@context"], "https://schema.org");
}

#[test]
fn json_ld_cannot_break_out_of_its_script() {
    let site = copy_site(&geneva());
    edit(
        &site.path().join("content/border-talks/index.md"),
        "summary: Arland and Borovia signed",
        "summary: </script><script>alert(1)</script> <!-- Arland and Borovia signed",
    );
    let b = build(site.path());
    let page = b.read("border-talks/index.html");
    let ld = json_ld(&page);
    assert!(
        article(&ld)["description"]
            .as_str()
            .unwrap()
            .starts_with("</script><script>alert(1)</script> <!--")
    );
    assert!(!page.contains("<script>alert(1)"));
}

// ---------------------------------------------------------------------------------------
// Links under a sub-path.

/// Every href and src either is external, a fragment, or stays under the base path (and,
/// for our own files, leads to a file the build wrote); absolute URLs to the site's own host
/// stay under the base URL.
/// `external` lists deliberate links to the same host outside the site (the publisher's home,
/// its sources): exact URLs, or prefixes ending in `*`.
fn assert_links_stay_under(out: &Path, base_url: &str, external: &[&str]) {
    let base_path = &base_url[base_url[8..].find('/').unwrap() + 8..];
    let host = &base_url[..base_url.len() - base_path.len()];
    let files: BTreeSet<String> = all_files(out).into_iter().collect();
    let mut checked = 0;
    for rel in html_pages(out) {
        let html = std::fs::read_to_string(out.join(&rel)).unwrap();
        // A `srcset` lists several URLs, each with its width: every one is checked.
        let values = attributes(&html).into_iter().flat_map(|a| {
            let urls: Vec<String> = match a.name.as_str() {
                "srcset" => a
                    .value
                    .split(',')
                    .map(|c| c.split_whitespace().next().unwrap_or("").to_string())
                    .collect(),
                _ => vec![a.value.trim().to_string()],
            };
            urls.into_iter().map(move |v| (a.clone(), v))
        });
        for (a, v) in values {
            let v = v.as_str();
            let is_url_attr = matches!(a.name.as_str(), "href" | "src" | "action" | "srcset");
            let absolute_own =
                v.starts_with(host) || v.starts_with(&host.replacen("https:", "", 1));
            if !is_url_attr && !absolute_own {
                continue;
            }
            checked += 1;
            let where_ = format!("{rel}: <{} {}=\"{v}\">", a.tag, a.name);
            let listed = external.iter().any(|e| match e.strip_suffix('*') {
                Some(prefix) => v.starts_with(prefix),
                None => v == *e,
            });
            if v.starts_with('#') || listed {
                continue;
            }
            if absolute_own {
                assert!(v.starts_with(base_url), "escapes {base_url}: {where_}");
                continue;
            }
            if v.contains("://") || v.starts_with("mailto:") || v.starts_with("//") {
                continue; // another site
            }
            assert!(v.starts_with(base_path), "not under {base_path}: {where_}");
            // Our own file: it must exist.
            let path = v[base_path.len()..].split(['#', '?']).next().unwrap();
            let file = if path.is_empty() || path.ends_with('/') {
                format!("{path}index.html")
            } else {
                path.to_string()
            };
            assert!(files.contains(&file), "no such file {file}: {where_}");
        }
    }
    assert!(checked > 100, "only {checked} URLs checked");
}

#[test]
fn a_sub_path_base_url_keeps_every_link_under_it() {
    let b = geneva_on_sub_path();
    assert_links_stay_under(&b.out(), REPO, &[]);
    // The 404 page is served at any missing URL: its assets and links are root-relative.
    let nf = b.read("404.html");
    let css = link_href(&nf, "stylesheet");
    assert_eq!(css.len(), 1);
    assert!(css[0].starts_with("/repo/style."), "{css:?}");
}

#[test]
fn the_sub_path_in_site_yaml_works_too() {
    // The fixture's own base_url is https://news.example.com/explainers/.
    let b = build(&geneva());
    assert_links_stay_under(
        &b.out(),
        "https://news.example.com/explainers/",
        &[
            "https://news.example.com/",
            "https://news.example.com/sources/*",
            "https://news.example.com/staff/*",
        ],
    );
}

#[test]
fn the_default_site_keeps_its_links_under_a_sub_path() {
    let b = build_with(&repo(), |o| o.base_url = Some(REPO.into()));
    assert_links_stay_under(&b.out(), REPO, &[]);
}

#[test]
fn minified_pages_keep_their_links_under_a_sub_path() {
    let b = build_with(&geneva(), |o| {
        o.base_url = Some(REPO.into());
        o.minify = true;
    });
    assert_links_stay_under(&b.out(), REPO, &[]);
}

// ---------------------------------------------------------------------------------------
// _headers, matched the way Netlify and Cloudflare Pages match it.

struct Rule {
    path: String,
    headers: Vec<(String, String)>,
}

fn parse_headers(text: &str) -> Vec<Rule> {
    let mut rules: Vec<Rule> = Vec::new();
    for line in text.lines() {
        assert!(line.len() <= 2000, "Cloudflare's line limit");
        let t = line.trim();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        if !line.starts_with(char::is_whitespace) {
            assert!(t.starts_with('/'), "a path rule starts with /: {line}");
            assert!(t.matches('*').count() <= 1, "one splat per rule: {line}");
            rules.push(Rule {
                path: t.to_string(),
                headers: Vec::new(),
            });
        } else {
            let (k, v) = t.split_once(':').expect("Name: value");
            assert!(!v.trim().is_empty());
            rules
                .last_mut()
                .expect("a path before headers")
                .headers
                .push((k.trim().to_string(), v.trim().to_string()));
        }
    }
    assert!(rules.len() <= 100, "Cloudflare reads at most 100 rules");
    rules
}

/// `*` matches any run of characters, `/` included.
fn glob(p: &[u8], t: &[u8]) -> bool {
    match p.split_first() {
        None => t.is_empty(),
        Some((b'*', rest)) => (0..=t.len()).any(|i| glob(rest, &t[i..])),
        Some((c, rest)) => t.first() == Some(c) && glob(rest, &t[1..]),
    }
}

/// Cloudflare Pages: a splat matches anything; otherwise exact.
fn cloudflare_matches(rule: &str, path: &str) -> bool {
    glob(rule.as_bytes(), path.as_bytes())
}

/// Netlify: segments split on `/` (so trailing slashes do not matter), a standalone `*`
/// segment also matches nothing at all (with its slash), case-insensitive.
fn netlify_matches(rule: &str, path: &str) -> bool {
    let parts: Vec<&str> = rule.split('/').filter(|p| !p.is_empty()).collect();
    let mut pattern = String::new();
    for (i, part) in parts.iter().enumerate() {
        if *part == "*" {
            pattern.push('*');
        } else {
            if i > 0 || pattern.is_empty() {
                pattern.push('/');
            }
            pattern.push_str(part);
        }
    }
    if pattern.is_empty() {
        pattern.push('/');
    }
    let path = path.to_ascii_lowercase();
    let trimmed = if path.len() > 1 {
        path.trim_end_matches('/')
    } else {
        &path
    };
    let pattern = pattern.to_ascii_lowercase();
    glob(pattern.as_bytes(), trimmed.as_bytes())
        || glob(pattern.as_bytes(), format!("{trimmed}/").as_bytes())
}

fn cache_rules<'a>(rules: &'a [Rule], path: &str, matches: fn(&str, &str) -> bool) -> Vec<&'a str> {
    rules
        .iter()
        .filter(|r| matches(&r.path, path))
        .flat_map(|r| r.headers.iter())
        .filter(|(k, _)| k.eq_ignore_ascii_case("cache-control"))
        .map(|(_, v)| v.as_str())
        .collect()
}

fn check_headers(out: &Path, base_path: &str) {
    let text = std::fs::read_to_string(out.join("_headers")).unwrap();
    let rules = parse_headers(&text);
    let immutable = "public, max-age=31536000, immutable";
    let revalidate = "public, max-age=0, must-revalidate";
    let mut fingerprinted = 0;
    for file in all_files(out) {
        if file == "_headers" {
            continue;
        }
        let bytes = std::fs::read(out.join(&file)).unwrap();
        let is_fp = parley::render::feeds::unfingerprinted(&file, &bytes).is_some();
        let mut urls = vec![format!("{base_path}{file}")];
        if let Some(dir) = file.strip_suffix("index.html") {
            urls.push(format!("{base_path}{dir}"));
        }
        for url in urls {
            for (host, m) in [
                ("Netlify", netlify_matches as fn(&str, &str) -> bool),
                ("Cloudflare", cloudflare_matches),
            ] {
                let cc = cache_rules(&rules, &url, m);
                assert!(
                    cc.len() <= 1,
                    "{host}: two Cache-Control rules for {url}: {cc:?}"
                );
                if is_fp {
                    assert_eq!(cc, [immutable], "{host}: {url}");
                } else if file.ends_with(".html") {
                    assert_eq!(cc, [revalidate], "{host}: {url}");
                } else {
                    assert!(
                        !cc.contains(&immutable),
                        "{host}: {url} is not fingerprinted"
                    );
                }
            }
        }
        if is_fp {
            fingerprinted += 1;
        }
    }
    assert_eq!(fingerprinted, 2, "style.css and site.js");
}

#[test]
fn headers_make_fingerprinted_files_immutable_and_pages_revalidated() {
    let b = geneva_on_sub_path();
    assert!(b.exists("_headers"));
    check_headers(&b.out(), "/repo/");
    // The pages reference the fingerprinted names.
    let home = b.read("index.html");
    let css = link_href(&home, "stylesheet");
    assert!(b.exists(css[0].strip_prefix("/repo/").unwrap()));
    // At the root of a host, too.
    let root = build_with(&geneva(), |o| {
        o.base_url = Some("https://example.org".into())
    });
    check_headers(&root.out(), "/");
}

#[test]
fn the_sites_own_headers_file_is_kept() {
    let site = copy_site(&geneva());
    std::fs::create_dir_all(site.path().join("static")).unwrap();
    std::fs::write(site.path().join("static/_headers"), "/*\n  X-Mine: yes\n").unwrap();
    let b = build(site.path());
    assert_eq!(b.read("_headers"), "/*\n  X-Mine: yes\n");
}

// ---------------------------------------------------------------------------------------
// --minify.

#[test]
fn build_minify_shrinks_html_and_css_and_keeps_fingerprints_true() {
    let plain = geneva_on_sub_path();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    assert_cmd::Command::cargo_bin("parley")
        .unwrap()
        .args(["--root", geneva().to_str().unwrap(), "build", "--minify"])
        .args(["--base-url", REPO, "--output", out.to_str().unwrap()])
        .assert()
        .success();
    let read = |p: &str| std::fs::read_to_string(out.join(p)).unwrap();

    let page = read("geneva-water-talks/index.html");
    let before = plain.read("geneva-water-talks/index.html");
    assert!(page.len() < before.len());
    assert!(page.to_ascii_lowercase().starts_with("<!doctype html>"));
    // The same metadata, read back from the minified page.
    assert_eq!(json_ld(&page), json_ld(&before));
    for key in ["og:title", "og:url", "description", "article:modified_time"] {
        assert_eq!(
            meta_content(&page, key),
            meta_content(&before, key),
            "{key}"
        );
    }

    // The style sheet is smaller, named after its new bytes, and every page follows.
    let css: Vec<String> = all_files(&out)
        .into_iter()
        .filter(|f| f.ends_with(".css"))
        .collect();
    assert_eq!(css.len(), 1);
    let bytes = std::fs::read(out.join(&css[0])).unwrap();
    assert_eq!(
        parley::render::feeds::unfingerprinted(&css[0], &bytes).as_deref(),
        Some("style.css")
    );
    let plain_css: Vec<String> = all_files(&plain.out())
        .into_iter()
        .filter(|f| f.ends_with(".css"))
        .collect();
    assert_ne!(css, plain_css, "a new fingerprint for new bytes");
    assert!(
        bytes.len()
            < std::fs::metadata(plain.out().join(&plain_css[0]))
                .unwrap()
                .len() as usize
    );
    for rel in html_pages(&out) {
        let html = read(&rel);
        assert_eq!(
            link_href(&html, "stylesheet"),
            [format!("/repo/{}", css[0])],
            "{rel}"
        );
    }
    check_headers(&out, "/repo/");
}

#[test]
fn output_is_deterministic_with_and_without_minify() {
    for minify in [false, true] {
        let a = build_with(&geneva(), |o| o.minify = minify);
        let b = build_with(&geneva(), |o| o.minify = minify);
        let files = all_files(&a.out());
        assert_eq!(files, all_files(&b.out()));
        let differ: Vec<&String> = files
            .iter()
            .filter(|f| {
                std::fs::read(a.out().join(f)).unwrap() != std::fs::read(b.out().join(f)).unwrap()
            })
            .collect();
        assert!(differ.is_empty(), "minify={minify}: {differ:?}");
    }
}
