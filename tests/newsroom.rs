//! Issue 19, the newsroom layer: bylines and author pages, corrections, the latest change
//! and live coverage, on the HTML, the feeds and the parsed JSON-LD.

mod common;

use common::*;
use serde_json::Value;

const BASE: &str = "https://news.example.com/explainers/";

/// The page's JSON-LD, parsed.
fn json_ld(html: &str) -> Value {
    let at = html.find("application/ld+json").expect("a JSON-LD script");
    let start = html[at..].find('>').unwrap() + at + 1;
    let end = html[start..].find("</script>").unwrap() + start;
    serde_json::from_str(&html[start..end]).expect("JSON-LD parses")
}

/// The node of type `kind`: in the `@graph`, or the document itself.
fn node<'a>(ld: &'a Value, kind: &str) -> Option<&'a Value> {
    match ld.get("@graph") {
        Some(g) => g.as_array().unwrap().iter().find(|n| n["@type"] == kind),
        None => (ld["@type"] == kind).then_some(ld),
    }
}

fn article(ld: &Value) -> &Value {
    node(ld, "BackgroundNewsArticle").expect("an article")
}

fn geneva() -> std::path::PathBuf {
    fixture("geneva-site")
}

fn parse_feed(text: &str) -> feed_rs::model::Feed {
    feed_rs::parser::parse(text.as_bytes()).expect("the feed parses")
}

#[test]
fn bylines_link_to_author_pages_that_list_their_explainers() {
    let b = build(&geneva());
    let html = b.read("geneva-water-talks/index.html");
    assert!(html.contains(
        "<p class=\"byline\">By <a href=\"/explainers/authors/lena-marsh/\" rel=\"author\">Lena Marsh</a> \
         and <a href=\"/explainers/authors/omar-haddad/\" rel=\"author\">Omar Haddad</a></p>"
    ));
    // Under the headline: after the <h1>, before the answers.
    let h1 = html.find("<h1>").unwrap();
    let byline = html.find("class=\"byline\"").unwrap();
    assert!(h1 < byline && byline < html.find("class=\"lead\"").unwrap());
    // A card carries the byline too.
    let card = b.read("geneva-water-talks/agenda/index.html");
    assert!(card.contains("rel=\"author\">Omar Haddad</a></p>"));
    let border = b.read("border-talks/index.html");
    assert!(border.contains(
        "<p class=\"byline\">By <a href=\"/explainers/authors/lena-marsh/\" rel=\"author\">Lena Marsh</a></p>"
    ));

    // Lena wrote both, newest first; Omar only the Geneva one.
    let lena = b.read("authors/lena-marsh/index.html");
    let main = main_of(&lena);
    assert!(main.contains("<h1>Lena Marsh</h1>"));
    assert!(main.contains("<p class=\"role\">Diplomatic correspondent</p>"));
    assert!(main.contains(
        "More about Lena Marsh: <a href=\"https://news.example.com/staff/lena-marsh\">their staff page</a>."
    ));
    let geneva_at = main
        .find("href=\"/explainers/geneva-water-talks/\"")
        .unwrap();
    let border_at = main.find("href=\"/explainers/border-talks/\"").unwrap();
    assert!(geneva_at < border_at);
    assert!(lena.contains("<body class=\"kind-author\">"));
    assert!(lena.contains(
        "<link rel=\"canonical\" href=\"https://news.example.com/explainers/authors/lena-marsh/\">"
    ));
    let omar = main_of(&b.read("authors/omar-haddad/index.html")).to_string();
    assert!(omar.contains("href=\"/explainers/geneva-water-talks/\""));
    assert!(!omar.contains("border-talks"));
    assert!(!omar.contains("staff page"), "no url, no link to one");
}

#[test]
fn json_ld_author_is_the_byline_as_people_with_urls() {
    let b = build(&geneva());
    for page in [
        "geneva-water-talks/index.html",
        "geneva-water-talks/delegations/index.html",
    ] {
        let ld = json_ld(&b.read(page));
        let authors = article(&ld)["author"].as_array().unwrap().clone();
        assert_eq!(authors.len(), 2, "{page}");
        assert_eq!(authors[0]["@type"], "Person");
        assert_eq!(authors[0]["name"], "Lena Marsh");
        assert_eq!(authors[0]["url"], format!("{BASE}authors/lena-marsh/"));
        assert_eq!(authors[0]["jobTitle"], "Diplomatic correspondent");
        assert_eq!(
            authors[0]["sameAs"],
            "https://news.example.com/staff/lena-marsh"
        );
        assert_eq!(authors[1]["name"], "Omar Haddad");
        assert_eq!(authors[1]["url"], format!("{BASE}authors/omar-haddad/"));
        assert!(authors[1].get("sameAs").is_none());
        // The publisher stays the publisher.
        assert_eq!(article(&ld)["publisher"]["name"], "Example News");
    }
    // Without a byline, the publisher is the author (as before).
    let site = copy_site(&geneva());
    edit(
        &site.path().join("content/border-talks/index.md"),
        "authors: [lena-marsh]\n",
        "",
    );
    let b = build(site.path());
    let border = b.read("border-talks/index.html");
    assert!(!border.contains("class=\"byline\""));
    let ld = json_ld(&border);
    assert_eq!(article(&ld)["author"]["@type"], "NewsMediaOrganization");
}

/// A byline may name someone in people.yaml: they get an author page that links to their
/// who's-who page; authors.yaml's list form builds the same site as its map form.
#[test]
fn a_person_can_be_in_a_byline_and_authors_yaml_takes_a_list() {
    let site = copy_site(&geneva());
    edit(
        &site.path().join("content/border-talks/index.md"),
        "authors: [lena-marsh]",
        "authors: [lena-marsh, ines-aubert]",
    );
    std::fs::write(
        site.path().join("content/authors.yaml"),
        "- id: lena-marsh\n  name: Lena Marsh\n  role: Diplomatic correspondent\n  \
         url: https://news.example.com/staff/lena-marsh\n\
         - id: omar-haddad\n  name: Omar Haddad\n  role: Geneva reporter\n",
    )
    .unwrap();
    let b = build(site.path());
    let html = b.read("border-talks/index.html");
    assert!(html.contains(
        "rel=\"author\">Lena Marsh</a> and <a href=\"/explainers/authors/ines-aubert/\" rel=\"author\">Inès Aubert</a></p>"
    ));
    let page = main_of(&b.read("authors/ines-aubert/index.html")).to_string();
    assert!(page.contains("<h1>Inès Aubert</h1>"));
    assert!(page.contains(
        "More about Inès Aubert: <a href=\"/explainers/people/ines-aubert/\">in who’s who</a>.</p>"
    ));
    assert!(page.contains("href=\"/explainers/border-talks/\""));
    let ld = json_ld(&html);
    assert_eq!(
        article(&ld)["author"][1]["url"],
        format!("{BASE}authors/ines-aubert/")
    );
    // People in no byline get no author page.
    assert!(!b.exists("authors/mara-lindqvist/index.html"));
    // The list form: the same author pages as the fixture's map form.
    let map_form = build(&geneva());
    assert_eq!(
        b.read("authors/omar-haddad/index.html"),
        map_form.read("authors/omar-haddad/index.html")
    );
}

#[test]
fn a_correction_is_shown_at_the_top_and_at_the_foot_of_its_question() {
    let b = build(&geneva());
    let html = b.read("geneva-water-talks/index.html");
    let text = "An earlier version said Tomás Reyes is with the foreign ministry; he is with the water authority.";
    // At the top, before the lead, with its time and the question it is about.
    let top = html
        .find("<section class=\"corrections\" id=\"corrections\"")
        .unwrap();
    assert!(top < html.find("class=\"lead\"").unwrap());
    assert!(html.contains(&format!(
        "<li><time datetime=\"2026-03-02T10:15:00Z\">2 March 2026, 10:15 UTC</time> <span>{text}</span> \
         <a href=\"#delegations\">Who is at the table?</a></li>"
    )));
    // At the foot of that question's answer, and of no other.
    let foot = format!(
        "<p class=\"correction\"><strong>Correction</strong> <time datetime=\"2026-03-02T10:15:00Z\">\
         2 March 2026, 10:15 UTC</time>: {text}</p>"
    );
    let at = html.find(&foot).unwrap();
    let section = |id: &str| html.find(&format!("<h2 id=\"{id}\">")).unwrap();
    assert!(section("delegations") < at && at < section("agenda"));
    assert_eq!(html.matches("<p class=\"correction\">").count(), 1);
    // Distinct from the updates: not in their list.
    let updates = &html[html.find("id=\"updates\"").unwrap()..];
    assert!(!updates.contains("foreign ministry"));
    // The card of that question shows it; the others do not.
    assert!(
        b.read("geneva-water-talks/delegations/index.html")
            .contains(&foot)
    );
    assert!(
        !b.read("geneva-water-talks/agenda/index.html")
            .contains("class=\"correction\"")
    );
}

#[test]
fn corrections_are_in_the_json_ld_and_the_feeds() {
    let b = build(&geneva());
    let ld = json_ld(&b.read("geneva-water-talks/index.html"));
    let c = &article(&ld)["correction"];
    assert_eq!(c.as_array().unwrap().len(), 1);
    assert_eq!(c[0]["@type"], "CorrectionComment");
    assert_eq!(c[0]["datePublished"], "2026-03-02T10:15:00Z");
    assert!(
        c[0]["text"]
            .as_str()
            .unwrap()
            .starts_with("An earlier version said Tomás Reyes")
    );
    // The card of the question it names carries it; another card does not.
    let card = json_ld(&b.read("geneva-water-talks/delegations/index.html"));
    assert_eq!(card["correction"][0]["@type"], "CorrectionComment");
    let other = json_ld(&b.read("geneva-water-talks/agenda/index.html"));
    assert!(other.get("correction").is_none());
    assert!(
        json_ld(&b.read("border-talks/index.html"))
            .to_string()
            .find("CorrectionComment")
            .is_none()
    );

    for feed in ["geneva-water-talks/feed.xml", "feed.xml"] {
        let f = parse_feed(&b.read(feed));
        let entry = f
            .entries
            .iter()
            .find(|e| e.id == format!("{BASE}geneva-water-talks/#correction-2026-03-02T10:15:00Z"))
            .unwrap_or_else(|| panic!("{feed} has the correction"));
        assert_eq!(
            entry.title.as_ref().unwrap().content,
            "Correction: An earlier version said Tomás Reyes is with the foreign ministry; he is with the water authority."
        );
        assert_eq!(
            entry.links[0].href,
            format!("{BASE}geneva-water-talks/#corrections")
        );
        assert_eq!(
            entry.updated.unwrap().to_rfc3339(),
            "2026-03-02T10:15:00+00:00"
        );
    }
}

/// The latest change is at the top with its time. A correction newer than every update
/// moves dateModified, the "Updated" dateline, the sitemap and the latest box.
#[test]
fn the_newest_change_is_at_the_top_and_a_correction_moves_the_dates() {
    let b = build(&geneva());
    let html = b.read("geneva-water-talks/index.html");
    assert!(html.contains(
        "<p class=\"latest latest-update\"><strong>Latest</strong> <time datetime=\"2026-03-02T12:45:00Z\">\
         2 March 2026, 12:45 UTC</time>: The mediator said"
    ));
    assert!(html.find("class=\"latest").unwrap() < html.find("class=\"lead\"").unwrap());
    assert!(!b.read("border-talks/index.html").contains("class=\"latest"));

    let site = copy_site(&geneva());
    edit(
        &site.path().join("content/geneva-water-talks/index.md"),
        "  - at: 2026-03-02T10:15:00Z",
        "  - at: 2026-03-02T13:30:00Z",
    );
    let b = build(site.path());
    let html = b.read("geneva-water-talks/index.html");
    assert!(html.contains(
        "<a href=\"#corrections\" class=\"updated\">Updated <time datetime=\"2026-03-02T13:30:00Z\">\
         2 March 2026, 13:30 UTC</time></a>"
    ));
    assert!(html.contains(
        "<p class=\"latest latest-correction\"><strong>Latest correction</strong> \
         <time datetime=\"2026-03-02T13:30:00Z\">2 March 2026, 13:30 UTC</time>: An earlier version"
    ));
    let ld = json_ld(&html);
    assert_eq!(article(&ld)["dateModified"], "2026-03-02T13:30:00Z");
    assert!(b.read("sitemap.xml").contains(&format!(
        "<loc>{BASE}geneva-water-talks/</loc><lastmod>2026-03-02T13:30:00Z</lastmod>"
    )));
    let own = parse_feed(&b.read("geneva-water-talks/feed.xml"));
    assert_eq!(
        own.entries[0].updated.unwrap().to_rfc3339(),
        "2026-03-02T13:30:00+00:00"
    );
}

#[test]
fn talks_under_way_are_also_a_live_blog_and_concluded_ones_are_not() {
    let b = build(&geneva());
    let ld = json_ld(&b.read("geneva-water-talks/index.html"));
    let blog = node(&ld, "LiveBlogPosting").expect("a live blog while under way");
    assert_eq!(blog["coverageStartTime"], "2026-03-02T07:00:00Z");
    assert_eq!(blog["url"], format!("{BASE}geneva-water-talks/"));
    assert_eq!(blog["headline"], article(&ld)["headline"]);
    assert_eq!(blog["about"]["@type"], "Event");
    assert_eq!(blog["author"][0]["name"], "Lena Marsh");
    let updates = blog["liveBlogUpdate"].as_array().unwrap();
    assert_eq!(updates.len(), 2);
    assert_eq!(updates[0]["@type"], "BlogPosting");
    assert_eq!(updates[0]["datePublished"], "2026-03-02T12:45:00Z");
    assert_eq!(updates[1]["datePublished"], "2026-03-02T08:20:00Z");
    assert_eq!(
        updates[1]["articleBody"],
        "The delegations sat down together at 09:20 local time, twenty minutes late."
    );
    // The FAQ is still there, and cards are articles alone.
    assert!(node(&ld, "FAQPage").is_some());
    let card = json_ld(&b.read("geneva-water-talks/agenda/index.html"));
    assert!(card.get("@graph").is_none());
    assert_eq!(card["@type"], "BackgroundNewsArticle");
    // Concluded talks: the article alone.
    assert!(
        node(
            &json_ld(&b.read("border-talks/index.html")),
            "LiveBlogPosting"
        )
        .is_none()
    );
    let site = copy_site(&geneva());
    edit(
        &site.path().join("content/geneva-water-talks/index.md"),
        "status: under way",
        "status: concluded",
    );
    let b = build(site.path());
    let ld = json_ld(&b.read("geneva-water-talks/index.html"));
    assert!(node(&ld, "LiveBlogPosting").is_none());
    assert!(node(&ld, "BackgroundNewsArticle").is_some());
}

/// The default site's article names no author and corrects nothing: none is invented.
#[test]
fn the_default_site_has_no_byline_and_no_corrections() {
    let b = build(&repo());
    let html = b.read("istanbul-talks-2025/index.html");
    assert!(!html.contains("class=\"byline\""));
    assert!(!html.contains("class=\"corrections\""));
    assert!(!b.exists("authors"));
    let ld = json_ld(&html);
    assert!(article(&ld).get("correction").is_none());
}
