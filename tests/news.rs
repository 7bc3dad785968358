//! Issues 19 and 20: what the pages and their JSON-LD say is only what the reporting says:
//! tentative times, delegations as reported, sides and countries, credited sources.

mod common;

use common::*;
use serde_json::Value;

/// The page's JSON-LD, parsed.
fn json_ld(html: &str) -> Value {
    let at = html.find("application/ld+json").expect("a JSON-LD script");
    let start = html[at..].find('>').unwrap() + at + 1;
    let end = html[start..].find("</script>").unwrap() + start;
    serde_json::from_str(&html[start..end]).expect("JSON-LD parses")
}

/// The talks' Event, whether the article stands alone or in an `@graph` (FAQ schema on).
fn event_of(ld: &Value) -> &Value {
    let article = match ld.get("@graph") {
        Some(g) => g
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["@type"] == "BackgroundNewsArticle")
            .unwrap(),
        None => ld,
    };
    &article["about"]
}

/// The default site's Event: named as an event (not with the article's headline), its
/// tentative start as the date alone with the time in words, no offset, no organiser, and
/// the Ukrainian delegation's size as the article gives it.
#[test]
fn default_json_ld_states_only_what_the_article_does() {
    let b = build(&repo());
    for page in [
        "istanbul-talks-2025/index.html",
        "istanbul-talks-2025/who-is-expected-to-attend/index.html",
    ] {
        let html = b.read(page);
        let ld = json_ld(&html);
        let ev = event_of(&ld);
        assert_eq!(ev["@type"], "Event");
        assert_eq!(
            ev["name"],
            "Direct peace talks between Ukraine and Russia in Istanbul"
        );
        assert_ne!(ev["name"], "Russia–Ukraine talks in Istanbul: what we know");
        assert_eq!(ev["startDate"], "2025-05-16", "{page}");
        assert_eq!(
            ev["description"],
            "Initially set for 16 May 2025, 09:30 UTC (timings in flux)"
        );
        assert!(ev.get("organizer").is_none(), "{page}: no host is named");
        assert!(!ld.to_string().contains("+03:00"), "{page}");
        let ukraine = ev["attendee"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["name"] == "Delegation of Ukraine")
            .unwrap();
        assert_eq!(
            ukraine["description"],
            "Led by Rustem Umerov, with around a dozen deputy ministers and military officials"
        );
        assert_eq!(ukraine["member"].as_array().unwrap().len(), 4);
        // Russia's size is not qualified: the Kremlin named three other negotiators.
        let russia = &ev["attendee"][0];
        assert_eq!(russia["name"], "Delegation of Russia");
        assert!(russia.get("description").is_none());
    }
}

/// The fixture's postponed talks have a tentative time with a zone: no venue time, no
/// offset, the date alone in JSON-LD; its firm talks keep all three.
#[test]
fn fixture_tentative_time_gives_no_venue_time_and_a_date_only_start() {
    let b = build_with(&fixture("geneva-site"), |o| o.drafts = true);
    let html = b.read("draft-talks/index.html");
    assert!(html.contains(
        "<dt>When</dt><dd>Provisionally set for <time datetime=\"2026-04-20T08:00:00Z\">\
         20 April 2026, 08:00 UTC</time> (new date not confirmed)</dd>"
    ));
    assert!(!html.contains("in Geneva (UTC"));
    let ld = json_ld(&html);
    let ev = event_of(&ld);
    assert_eq!(ev["startDate"], "2026-04-20");
    assert_eq!(
        ev["description"],
        "Provisionally set for 20 April 2026, 08:00 UTC (new date not confirmed)"
    );
    assert_eq!(ev["name"], "Talks between Arland and Borovia");
    assert_eq!(ev["eventStatus"], "https://schema.org/EventPostponed");
    let firm = b.read("geneva-water-talks/index.html");
    assert!(firm.contains("09:00 in Geneva (UTC+1)"));
    let ld = json_ld(&firm);
    let firm_ev = event_of(&ld);
    assert_eq!(firm_ev["startDate"], "2026-03-02T09:00:00+01:00");
    assert!(firm_ev.get("description").is_none());
}

/// People on neither side of the talks are not shown as a "Side"; those the article gives
/// no role or country get none.
#[test]
fn people_outside_the_two_sides_show_a_country_or_nothing() {
    let b = build(&repo());
    let rubio = b.read("people/marco-rubio/index.html");
    assert!(rubio.contains("<p class=\"meta\">Country: United States</p>"));
    assert!(!rubio.contains("Side:"));
    let fidan = b.read("people/hakan-fidan/index.html");
    assert!(fidan.contains("Turkish counterpart of US Secretary of State Marco Rubio"));
    assert!(fidan.contains("Country: Türkiye") && !fidan.contains("Side:"));
    let sybiga = b.read("people/andriy-sybiga/index.html");
    assert!(sybiga.contains("Ukrainian counterpart of US Secretary of State Marco Rubio"));
    assert!(sybiga.contains("Side: Ukraine"));
    let erdogan = b.read("people/erdogan/index.html");
    assert!(!erdogan.contains("class=\"role\""), "no invented role");
    assert!(!erdogan.contains("Side:") && !erdogan.contains("Country:"));
    let putin = b.read("people/vladimir-putin/index.html");
    assert!(putin.contains("for Thursday,") && !putin.contains("15 May"));
    let people = b.read("people/index.html");
    for heading in ["Ukraine", "Russia", "United States", "Türkiye", "Others"] {
        assert!(people.contains(&format!(">{heading}</h2>")), "{heading}");
    }
}

/// The source is credited under the dateline; no update the article did not make is logged
/// (nor stamped at an invented midnight in the feed).
#[test]
fn default_explainer_credits_its_source_and_logs_no_invented_update() {
    let b = build(&repo());
    let html = b.read("istanbul-talks-2025/index.html");
    let dateline = html.find("<p class=\"dateline\">").unwrap();
    let credit = html
        .find(
            "<p class=\"credit\">Source: the seed article dated 16 May 2025 \
             (its publisher is not named)</p>",
        )
        .expect("a source credit");
    assert!(dateline < credit && credit < html.find("class=\"lead\"").unwrap());
    // Each card credits it too.
    let card = b.read("istanbul-talks-2025/why-turkiye/index.html");
    assert!(card.contains("<p class=\"credit\">Source: the seed article dated 16 May 2025"));
    assert!(!html.contains("id=\"updates\""));
    // The explainer is its feed's only entry (Atom wants a time for its date: that is
    // feeds.rs's, not an update's).
    let feed = b.read("istanbul-talks-2025/feed.xml");
    assert_eq!(feed.matches("<entry>").count(), 1, "{feed}");
    assert!(
        !feed.contains("#update") && !feed.contains("in flux"),
        "{feed}"
    );
}

/// `image:` with a caption and a credit is a figure with a figcaption.
#[test]
fn lead_image_caption_and_credit_render_as_a_figcaption() {
    let site = copy_site(&fixture("geneva-site"));
    let dir = site.path().join("content/border-talks");
    // A real PNG: photos are re-encoded (issue 23), and a broken one is an error.
    image::RgbImage::from_pixel(600, 300, image::Rgb([40, 110, 200]))
        .save(dir.join("river-map.png"))
        .unwrap();
    edit(
        &dir.join("index.md"),
        "draft: false\n",
        "draft: false\nimage:\n  src: river-map.png\n  alt: A map of the river\n  \
         caption: The new border follows the main channel & its islands.\n  \
         credit: \"Map: Example News\"\n",
    );
    let b = build(site.path());
    let html = b.read("border-talks/index.html");
    // The photo is a <picture> (tests/photos.rs checks its sizes); the caption follows it.
    assert!(
        html.contains("<figure class=\"lead-image\"><picture><source type=\"image/webp\""),
        "{html}"
    );
    assert!(
        html.contains(
            " alt=\"A map of the river\" fetchpriority=\"high\" decoding=\"async\"></picture>\
         <figcaption>The new border follows the main channel &amp; its islands. \
         <span class=\"credit\">Map: Example News</span></figcaption></figure>"
        ),
        "{html}"
    );
}

/// The dateline says "Updated <date, time, zone>" when an answer changed, even with no entry
/// in the update log; JSON-LD's `dateModified` agrees.
#[test]
fn an_answers_update_moves_the_datelines_updated_time() {
    let site = copy_site(&fixture("geneva-site"));
    edit(
        &site.path().join("content/border-talks/index.md"),
        "## What was agreed?",
        "## What was agreed? {updated=2025-11-11T16:05:00Z}",
    );
    let b = build(site.path());
    let html = b.read("border-talks/index.html");
    assert!(
        html.contains(
            "Updated <time datetime=\"2025-11-11T16:05:00Z\">11 November 2025, 16:05 UTC</time>"
        ),
        "{html}"
    );
    let ld = json_ld(&html);
    let article = ld.get("@graph").map_or(&ld, |g| &g[0]);
    assert_eq!(article["dateModified"], "2025-11-11T16:05:00Z");
    // Unedited, it was published and not updated.
    let plain = build(&fixture("geneva-site")).read("border-talks/index.html");
    assert!(!plain.contains("class=\"updated\""));
}

/// people.yaml's map form (`id: {name, …}`) gives the same site as its list form.
#[test]
fn people_yaml_map_form_builds_the_same_site_as_the_list_form() {
    let site = copy_site(&fixture("geneva-site"));
    let path = site.path().join("content/people.yaml");
    let list = std::fs::read_to_string(&path).unwrap();
    let map: String = list
        .lines()
        .map(|l| match l.strip_prefix("- id: ") {
            Some(id) => format!("{id}:\n"),
            None => format!("{l}\n"),
        })
        .collect();
    assert!(map.contains("\nmara-lindqvist:\n  name: Mara Lindqvist\n"));
    std::fs::write(&path, map).unwrap();
    let (a, b) = (build(&fixture("geneva-site")), build(site.path()));
    let files = all_files(&a.out());
    assert_eq!(files, all_files(&b.out()));
    for f in files {
        assert_eq!(
            std::fs::read(a.out().join(&f)).unwrap(),
            std::fs::read(b.out().join(&f)).unwrap(),
            "{f}"
        );
    }
}

/// A note on a firm time is shown with it, and the time keeps its venue time and its full
/// `startDate`.
#[test]
fn a_note_on_a_firm_time_keeps_the_venue_time() {
    let site = copy_site(&fixture("geneva-site"));
    edit(
        &site.path().join("content/geneva-water-talks/index.md"),
        "  when: 2026-03-02T08:00:00Z\n",
        "  when: {at: 2026-03-02T08:00:00Z, note: expected to run for two days}\n",
    );
    let b = build(site.path());
    let html = b.read("geneva-water-talks/index.html");
    assert!(
        html.contains(
            "<time datetime=\"2026-03-02T08:00:00Z\">2 March 2026, 08:00 UTC</time> \
         (expected to run for two days)<br><span class=\"local\">\
         <time datetime=\"2026-03-02T09:00:00+01:00\">09:00 in Geneva (UTC+1)</time>"
        ),
        "{html}"
    );
    let ld = json_ld(&html);
    let ev = event_of(&ld);
    assert_eq!(ev["startDate"], "2026-03-02T09:00:00+01:00");
    assert_eq!(
        ev["description"],
        "2 March 2026, 08:00 UTC (expected to run for two days)"
    );
}
