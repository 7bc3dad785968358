//! Issue 19, series, topics, countries, related explainers and pagination, on the built
//! HTML, the feeds and the parsed JSON-LD of the fixture site (tests/fixtures/geneva-site:
//! `paginate_by: 2`, a series of two rounds, three explainers sharing people and topics).

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

/// The article node: in the `@graph`, or the document itself.
fn article(ld: &Value) -> &Value {
    match ld.get("@graph") {
        Some(g) => g
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["@type"] == "BackgroundNewsArticle")
            .expect("an article"),
        None => ld,
    }
}

/// The `href`s of the links in the part of `html` between `start` and the next `end`.
fn links_in(html: &str, start: &str, end: &str) -> Vec<String> {
    let from = html.find(start).unwrap_or_else(|| panic!("no {start:?}"));
    let part = &html[from..];
    let part = &part[..part.find(end).unwrap()];
    part.split("href=\"")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].to_string())
        .collect()
}

/// `<link rel="…">` in the head, if any.
fn head_link(html: &str, rel: &str) -> Option<String> {
    let head = &html[..html.find("</head>").unwrap()];
    let tag = format!("<link rel=\"{rel}\" href=\"");
    head.find(&tag).map(|i| {
        let s = &head[i + tag.len()..];
        s[..s.find('"').unwrap()].to_string()
    })
}

#[test]
fn a_series_lists_its_rounds_in_order_and_each_round_links_the_next() {
    let b = build(&fixture("geneva-site"));
    // The series page: the Vienna round (talks on 8 November 2025), then Geneva (March 2026).
    let page = b.read("series/arland-borovia-talks/index.html");
    assert_eq!(
        links_in(&page, "<ol class=\"explainer-list rounds\">", "</ol>"),
        [
            "/explainers/border-talks/",
            "/explainers/geneva-water-talks/"
        ]
    );
    assert!(page.contains("Round 1 of 2"));
    assert!(!page.contains("lake-commission-talks"), "not in the series");
    let ld = json_ld(&page);
    assert_eq!(ld["@type"], "CreativeWorkSeries");
    assert_eq!(ld["name"], "Arland–Borovia talks");
    let parts: Vec<&str> = ld["hasPart"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["url"].as_str().unwrap())
        .collect();
    assert_eq!(
        parts,
        [
            format!("{BASE}border-talks/"),
            format!("{BASE}geneva-water-talks/")
        ]
    );

    // Each round: where it stands, and its neighbours with rel=prev/next.
    let first = b.read("border-talks/index.html");
    assert!(first.contains("Round 1 of 2 in the series <a href=\"/explainers/series/arland-borovia-talks/\">Arland–Borovia talks</a>"));
    assert!(first.contains("<a href=\"/explainers/geneva-water-talks/\" rel=\"next\"><span class=\"dir\">Next round</span>"));
    assert!(!first.contains("rel=\"prev\""));
    let second = b.read("geneva-water-talks/index.html");
    assert!(second.contains("Round 2 of 2"));
    assert!(second.contains("<a href=\"/explainers/border-talks/\" rel=\"prev\"><span class=\"dir\">Previous round</span> Arland–Borovia border talks: the deal explained</a>"));
    assert!(!second.contains("rel=\"next\""));
    let ld = json_ld(&second);
    assert_eq!(
        article(&ld)["isPartOf"],
        serde_json::json!({
            "@type": "CreativeWorkSeries",
            "name": "Arland–Borovia talks",
            "url": format!("{BASE}series/arland-borovia-talks/"),
        })
    );
    // An explainer outside any series says nothing of one.
    let lake = b.read("lake-commission-talks/index.html");
    assert!(!lake.contains("series-nav"));
    assert!(article(&json_ld(&lake)).get("isPartOf").is_none());
}

#[test]
fn term_pages_list_their_explainers_newest_first_with_a_feed() {
    let b = build(&fixture("geneva-site"));
    // Water: three explainers, two a page.
    let water = b.read("topics/water/index.html");
    assert!(water.contains("<h1>Water sharing</h1>"));
    assert!(water.contains("3 explainers"));
    assert_eq!(
        links_in(&water, "<ol class=\"explainer-list\">", "</ol>")
            .into_iter()
            .filter(|l| !l.contains("#"))
            .collect::<Vec<_>>(),
        [
            "/explainers/geneva-water-talks/",
            "/explainers/border-talks/"
        ]
    );
    let second = b.read("topics/water/page/2/index.html");
    assert_eq!(
        links_in(&second, "<ol class=\"explainer-list\">", "</ol>"),
        ["/explainers/lake-commission-talks/"]
    );
    // A country's page, by its code in small letters.
    let at = b.read("countries/at/index.html");
    assert!(at.contains("<h1>Austria</h1>"));
    assert_eq!(
        links_in(&at, "<ol class=\"explainer-list\">", "</ol>"),
        ["/explainers/border-talks/"]
    );
    // The explainer links its terms.
    let border = b.read("border-talks/index.html");
    assert_eq!(
        links_in(&border, "<ul class=\"terms\"", "</ul>"),
        [
            "/explainers/topics/borders/",
            "/explainers/topics/water/",
            "/explainers/countries/xa/",
            "/explainers/countries/xb/",
            "/explainers/countries/at/",
        ]
    );
    assert_eq!(
        article(&json_ld(&border))["keywords"],
        serde_json::json!(["Borders", "Water sharing"])
    );
    // The indexes of each kind.
    let topics = b.read("topics/index.html");
    assert!(topics.contains("<a href=\"/explainers/topics/water/\">Water sharing</a> <span class=\"meta\">3 explainers</span>"));
    assert!(topics.contains("<a href=\"/explainers/topics/fisheries/\">Fisheries</a> <span class=\"meta\">0 explainers</span>"));

    // The term's feed: its explainers and their updates and corrections, newest first.
    let feed = feed_rs::parser::parse(b.read("topics/water/feed.xml").as_bytes()).unwrap();
    assert_eq!(feed.id, format!("{BASE}topics/water/feed.xml"));
    assert_eq!(feed.title.unwrap().content, "Water sharing");
    let ids: Vec<String> = feed.entries.iter().map(|e| e.id.clone()).collect();
    assert_eq!(
        ids,
        [
            format!("{BASE}geneva-water-talks/"),
            format!("{BASE}geneva-water-talks/#update-2026-03-02T12:45:00Z"),
            format!("{BASE}geneva-water-talks/#correction-2026-03-02T10:15:00Z"),
            format!("{BASE}geneva-water-talks/#update-2026-03-02T08:20:00Z"),
            format!("{BASE}border-talks/"),
            format!("{BASE}lake-commission-talks/"),
        ]
    );
    let borders = feed_rs::parser::parse(b.read("topics/borders/feed.xml").as_bytes()).unwrap();
    assert_eq!(borders.entries.len(), 1);
    // A topic only a draft has: a page and an empty feed, no draft in either.
    assert!(
        !b.read("topics/fisheries/index.html")
            .contains("draft-talks")
    );
    assert!(!b.read("topics/fisheries/feed.xml").contains("draft-talks"));
    // Term pages take the feed link in their head.
    assert!(water.contains(&format!("href=\"{BASE}topics/water/feed.xml\"")));
}

#[test]
fn related_explainers_are_ranked_by_what_they_share() {
    let related = |html: &str| links_in(html, "<h2 id=\"related-title\">", "</ul>");
    let b = build(&fixture("geneva-site"));
    // Geneva shares the series, both sides, two people, water and two countries with the
    // Vienna round; both sides, two people, water and three countries with Lausanne.
    assert_eq!(
        related(&b.read("geneva-water-talks/index.html")),
        [
            "/explainers/border-talks/",
            "/explainers/lake-commission-talks/"
        ]
    );
    assert_eq!(
        related(&b.read("lake-commission-talks/index.html")),
        [
            "/explainers/geneva-water-talks/",
            "/explainers/border-talks/"
        ]
    );

    // site.yaml's weights and limit: without the series and with countries counting five,
    // Lausanne (three shared countries) comes first; with a limit of 1, alone.
    let site = copy_site(&fixture("geneva-site"));
    let yaml = site.path().join("content/site.yaml");
    edit(
        &yaml,
        "paginate_by: 2\n",
        "paginate_by: 2\nrelated:\n  limit: 1\n  weights: {series: 0, countries: 5}\n",
    );
    let b = build(site.path());
    assert_eq!(
        related(&b.read("geneva-water-talks/index.html")),
        ["/explainers/lake-commission-talks/"]
    );
    // A limit of 0: no related explainers at all.
    edit(&yaml, "limit: 1", "limit: 0");
    let b = build(site.path());
    assert!(
        !b.read("geneva-water-talks/index.html")
            .contains("related-title")
    );
}

#[test]
fn related_ties_go_to_the_newer_then_the_folder_name() {
    // Three copies of the Lausanne explainer score the same against it as Geneva does (both
    // sides, two people, water, three countries): the newest first (Geneva, then the copy
    // dated a day later), then, the same day, the folder that sorts first; the limit (3)
    // leaves `lake-c` out.
    let site = copy_site(&fixture("geneva-site"));
    let content = site.path().join("content");
    for name in ["lake-c", "lake-b", "lake-a"] {
        copy_dir(&content.join("lake-commission-talks"), &content.join(name));
    }
    edit(
        &content.join("lake-b/index.md"),
        "published: 2025-09-15",
        "published: 2025-09-16",
    );
    let b = build(site.path());
    let html = b.read("lake-commission-talks/index.html");
    assert_eq!(
        links_in(&html, "<h2 id=\"related-title\">", "</ul>"),
        [
            "/explainers/geneva-water-talks/",
            "/explainers/lake-b/",
            "/explainers/lake-a/",
        ]
    );
}

#[test]
fn lists_paginate_without_a_page_one_alias() {
    let b = build(&fixture("geneva-site"));
    let home = b.read("index.html");
    assert_eq!(head_link(&home, "prev"), None);
    assert_eq!(
        head_link(&home, "next").as_deref(),
        Some(&*format!("{BASE}page/2/"))
    );
    assert!(home.contains("<a href=\"/explainers/page/2/\" rel=\"next\">Older explainers</a>"));
    assert!(home.contains("Page 1 of 2"));
    assert!(!home.contains("page/1/"));
    let two = b.read("page/2/index.html");
    assert_eq!(head_link(&two, "prev").as_deref(), Some(BASE));
    assert_eq!(head_link(&two, "next"), None);
    assert!(two.contains("<a href=\"/explainers/\" rel=\"prev\">Newer explainers</a>"));
    assert!(two.contains("<a href=\"/explainers/page/2/\" aria-current=\"page\">2</a>"));
    assert!(two.contains(&format!("<link rel=\"canonical\" href=\"{BASE}page/2/\">")));
    // Newest first across the pages: Geneva and Vienna, then Lausanne.
    assert!(home.contains("geneva-water-talks/") && home.contains("border-talks/"));
    assert!(!home.contains("lake-commission-talks/"));
    assert!(two.contains("lake-commission-talks/"));
    for page_one in ["page/1/index.html", "topics/water/page/1/index.html"] {
        assert!(!b.exists(page_one), "{page_one}");
    }
    let water2 = b.read("topics/water/page/2/index.html");
    assert_eq!(
        head_link(&water2, "prev").as_deref(),
        Some(&*format!("{BASE}topics/water/"))
    );

    // Without paginate_by, every list is one page.
    let site = copy_site(&fixture("geneva-site"));
    edit(
        &site.path().join("content/site.yaml"),
        "paginate_by: 2\n",
        "",
    );
    let b = build(site.path());
    assert!(!b.exists("page/2/index.html"));
    let home = b.read("index.html");
    assert!(home.contains("lake-commission-talks/"));
    assert_eq!(head_link(&home, "next"), None);
    assert!(!home.contains("class=\"pagination\""));
}

#[test]
fn translations_keep_the_originals_terms() {
    let site = copy_site(&fixture("multilingual-site"));
    let content = site.path().join("content");
    std::fs::write(
        content.join("topics.yaml"),
        "- id: water\n  name: Water sharing\n- id: borders\n  name: Borders\n",
    )
    .unwrap();
    edit(
        &content.join("river-talks/index.md"),
        "\n---\n",
        "\ntopics: [water]\n---\n",
    );
    let b = build(site.path());
    // The Ukrainian site has the term page too, listing the translation.
    let uk = b.read("uk/topics/water/index.html");
    assert!(uk.contains("href=\"/explainers/uk/river-talks/\""), "{uk}");
    assert!(
        b.read("uk/river-talks/index.html")
            .contains("<a href=\"/explainers/uk/topics/water/\" rel=\"tag\">Water sharing</a>")
    );
    // The term pages are each other's translations.
    assert!(
        uk.contains(&format!("hreflang=\"en\" href=\"{BASE}topics/water/\"")),
        "{uk}"
    );
    // Names are translated beside the declaring file; a term left out keeps its name.
    std::fs::write(
        content.join("topics.uk.yaml"),
        "- id: water\n  name: Розподіл води\n",
    )
    .unwrap();
    let b = build(site.path());
    let uk_page = b.read("uk/river-talks/index.html");
    assert!(
        uk_page.contains("<a href=\"/explainers/uk/topics/water/\" rel=\"tag\">Розподіл води</a>"),
        "{uk_page}"
    );
    assert!(
        b.read("uk/topics/water/index.html")
            .contains("<h1>Розподіл води</h1>")
    );
    assert!(
        b.read("river-talks/index.html")
            .contains("rel=\"tag\">Water sharing</a>")
    );
    // A translating file names only declared terms.
    std::fs::write(
        content.join("topics.uk.yaml"),
        "- id: water\n  name: Розподіл води\n- id: boarders\n  name: Кордони\n",
    )
    .unwrap();
    let opts = parley::BuildOptions {
        root: site.path().to_path_buf(),
        output: Some(site.path().join("out")),
        ..Default::default()
    };
    match parley::build(&opts) {
        Err(parley::BuildError::Content(e)) => {
            let report = e.plain_report();
            assert!(report.contains("content/topics.uk.yaml:3:"), "{report}");
            assert!(report.contains("unknown topic `boarders`"), "{report}");
            assert!(report.contains("did you mean `borders`?"), "{report}");
        }
        other => panic!("expected a content error, got {:?}", other.map(|r| r.pages)),
    }
    std::fs::remove_file(content.join("topics.uk.yaml")).unwrap();
    // A translation may repeat the terms but not change them.
    edit(
        &content.join("river-talks/index.uk.md"),
        "\ntalks:",
        "\ntopics: [borders]\ntalks:",
    );
    let opts = parley::BuildOptions {
        root: site.path().to_path_buf(),
        output: Some(site.path().join("out")),
        ..Default::default()
    };
    match parley::build(&opts) {
        Err(parley::BuildError::Content(e)) => {
            let report = e.plain_report();
            assert!(
                report.contains("content/river-talks/index.uk.md:4:"),
                "{report}"
            );
            assert!(report.contains("topics"), "{report}");
        }
        other => panic!("expected a content error, got {:?}", other.map(|r| r.pages)),
    }
}
