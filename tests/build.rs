//! Builds the default site (content/) and the fixture site and checks the HTML they produce.

mod common;

use common::*;

const QUESTIONS: [(&str, &str); 6] = [
    ("when-are-the-talks", "When are the talks?"),
    ("who-is-expected-to-attend", "Who is expected to attend?"),
    (
        "where-do-the-two-parties-stand",
        "Where do the two parties stand?",
    ),
    ("what-are-the-expectations", "What are the expectations?"),
    ("why-turkiye", "Why Türkiye?"),
    // The timeline, as a block of its own after the article's questions.
    ("how-did-we-get-here", "How did we get here?"),
];

const PEOPLE: [&str; 18] = [
    "Zelenskyy",
    "Putin",
    "Erdogan",
    "Trump",
    "Rubio",
    "Fidan",
    "Sybiga",
    "Umerov",
    "Anton",
    "Medinsky",
    "Galuzin",
    "Fomin",
    "Kostyukov",
    "Lavrov",
    "Ushakov",
    "Kyslytsya",
    "Poklad",
    "Shevchenko",
];

#[test]
fn default_site_has_six_questions_with_stable_ids_and_self_links() {
    let b = build(&repo());
    let html = b.read("istanbul-talks-2025/index.html");
    for (id, title) in QUESTIONS {
        assert!(
            html.contains(&format!("<h2 id=\"{id}\">{title}</h2>")),
            "missing question {id}"
        );
        assert!(
            html.contains(&format!("class=\"self-link\" href=\"#{id}\"")),
            "missing self-link for {id}"
        );
        assert!(
            html.contains(&format!("<li><a href=\"#{id}\">{title}</a></li>")),
            "missing list entry for {id}"
        );
    }
    // Questions appear in the article's order.
    let positions: Vec<usize> = QUESTIONS
        .iter()
        .map(|(id, _)| html.find(&format!("<h2 id=\"{id}\"")).unwrap())
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]));
    // The lead comes before the first question, and quotes are attributed as in the article.
    let lead = html.find("class=\"lead\"").unwrap();
    assert!(lead < positions[0]);
    assert!(
        html.contains("“Unfortunately, they are not taking the real negotiations very seriously,”")
    );
    assert!(html.contains("no “high expectations”"));
}

#[test]
fn default_site_names_every_person_and_links_them() {
    let b = build(&repo());
    let people = b.read("people/index.html");
    for name in PEOPLE {
        assert!(people.contains(name), "people index lacks {name}");
    }
    assert_eq!(
        all_files(&b.out().join("people"))
            .iter()
            .filter(|f| f.ends_with("index.html"))
            .count(),
        PEOPLE.len() + 1
    );
    let html = b.read("istanbul-talks-2025/index.html");
    assert!(html.contains("<a href=\"/people/vladimir-medinsky/\">Vladimir Medinsky</a>"));
    // The article gives no name in another script, so the default site shows none.
    for f in all_files(&b.out()).iter().filter(|f| f.ends_with(".html")) {
        assert!(
            !b.read(f).contains("class=\"native\""),
            "{f} shows a native name"
        );
    }
    // The fixture site's invented names do, with their language.
    let g = build(&fixture("geneva-site"));
    assert!(
        g.read("people/dimitris-kallas/index.html")
            .contains("<span class=\"native\" lang=\"el\">Δημήτρης Κάλλας</span>")
    );
}

/// The article: "initially set for 0930 GMT" and "the exact timings appeared to be in
/// flux". The box says so, derives no venue time from it, and names no organiser.
#[test]
fn at_a_glance_gives_the_tentative_time_as_reported_and_status() {
    let b = build(&repo());
    for page in [
        "istanbul-talks-2025/index.html",
        "istanbul-talks-2025/when-are-the-talks/index.html",
    ] {
        let html = b.read(page);
        assert!(
            html.contains(
                "<dt>When</dt><dd>Initially set for <time datetime=\"2025-05-16T09:30:00Z\">\
                 16 May 2025, 09:30 UTC</time> (timings in flux)</dd>"
            ),
            "{page}"
        );
        assert!(
            !html.contains("in Istanbul (UTC"),
            "{page}: a derived venue time"
        );
        assert!(!html.contains("+03:00"), "{page}: a derived offset");
        assert!(
            !html.contains("<dt>Host</dt>"),
            "{page}: an organiser claim"
        );
        assert!(html.contains("<span class=\"status status-scheduled\">scheduled</span>"));
        // The delegation as reported, not as counted from the names given.
        assert!(html.contains(
            "<dt>Ukraine</dt><dd>Led by <a href=\"/people/rustem-umerov/\">Rustem Umerov</a>, \
             with around a dozen deputy ministers and military officials</dd>"
        ));
        assert!(html.contains(
            "<dt>Russia</dt><dd>Led by <a href=\"/people/vladimir-medinsky/\">Vladimir Medinsky</a>, \
             with 3 others named</dd>"
        ));
    }
    // A firm time with a zone still gets its venue time (the fixture site).
    let g = build(&fixture("geneva-site"));
    assert!(
        g.read("geneva-water-talks/index.html").contains(
            "<time datetime=\"2026-03-02T09:00:00+01:00\">09:00 in Geneva (UTC+1)</time>"
        )
    );
}

#[test]
fn timeline_and_positions_render_from_data_files() {
    let b = build(&repo());
    let html = b.read("istanbul-talks-2025/index.html");
    assert!(
        html.contains("<time datetime=\"2022-02\">February 2022</time>"),
        "timeline month"
    );
    assert!(html.contains("<time datetime=\"2022-03\">March 2022</time>"));
    // "on Thursday": a weekday of the article's week, no day of the month invented.
    assert!(
        html.contains("<li><time datetime=\"2025-W20\">Thursday</time> <span>Russia showed up")
    );
    assert!(!html.contains("15 May"), "a date the article does not give");
    assert!(html.contains("<caption id=\"positions-caption\">Where each side stands</caption>"));
    assert!(html.contains("<th scope=\"row\">Ceasefire</th>"));
    assert!(html.contains("<h3 id=\"delegation-1\">Russia’s delegation</h3>"));
}

/// Text from YAML (people's roles and bios, stances, the site's title) gets the typographic
/// quotes Markdown gives the answers, on every page that shows it.
#[test]
fn text_from_yaml_has_typographic_quotes() {
    let b = build(&repo());
    let html = b.read("istanbul-talks-2025/index.html");
    // positions.yaml: `"root causes"`; people.yaml: `Russia's GRU`.
    assert!(html.contains(
        "<td data-party=\"Russia\">Insists the talks address what it calls the “root causes” of the conflict, including the “denazification”"
    ));
    assert!(html.contains(
        "<span class=\"role\">Director of Russia’s GRU military intelligence agency</span>"
    ));
    let erdogan = b.read("people/erdogan/index.html");
    assert!(erdogan.contains("after a meeting with Erdogan: “Unfortunately, they are not taking the real negotiations very seriously.”"));
    let rubio = b.read("people/marco-rubio/index.html");
    assert!(rubio.contains("no “high expectations” for them"));
    for page in [&html, &erdogan, &rubio, &b.read("people/index.html")] {
        let text = visible_text(page);
        for straight in ["\"", "'", "&quot;", "&#x27;", "&#39;"] {
            assert!(
                !text.contains(straight),
                "a straight quote {straight} in {text}"
            );
        }
    }
}

/// The page's text outside tags, scripts and styles (attributes and JSON-LD left out).
fn visible_text(html: &str) -> String {
    let body = &html[html.find("<body").unwrap()..];
    let mut out = String::new();
    let mut rest = body;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let tag = &rest[lt..];
        let skip_to = if tag.starts_with("<script") {
            tag.find("</script>").map(|i| i + "</script>".len())
        } else {
            tag.find('>').map(|i| i + 1)
        };
        rest = &tag[skip_to.unwrap_or(tag.len())..];
    }
    out.push_str(rest);
    out
}

/// The news order of the explainer: kicker, headline, standfirst, dateline and credit; then
/// the question index (every question, the timeline's too), the facts at a glance and the
/// story. The at-a-glance box has no fixed label column in its markup (the stylesheet's job).
#[test]
fn explainer_reads_in_news_order() {
    let b = build(&repo());
    let html = b.read("istanbul-talks-2025/index.html");
    let at = |needle: &str| {
        html.find(needle)
            .unwrap_or_else(|| panic!("{needle} not on the page"))
    };
    let order = [
        at("class=\"kicker\""),
        at("<h1>"),
        at("class=\"summary\""),
        at("class=\"dateline\""),
        at("class=\"credit\""),
        at("<nav class=\"toc\""),
        at("class=\"glance\""),
        at("class=\"lead\""),
        at("<h2 id=\"when-are-the-talks\">"),
        at("<h2 id=\"how-did-we-get-here\">"),
        at("class=\"timeline\""),
    ];
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    // The timeline is not inside the "Why Türkiye?" answer.
    let why = at("<h2 id=\"why-turkiye\">");
    assert!(!html[why..at("<h2 id=\"how-did-we-get-here\">")].contains("class=\"timeline\""));
    // The home page: its own h1, each explainer an h2 under it.
    let home = b.read("index.html");
    assert!(home.contains("<h1>Latest explainers</h1>"));
    assert!(home.contains("<h2 id=\"e-istanbul-talks-2025\">"));
    assert_eq!(home.matches("<h1").count(), 1);
    // Every page prints its own address.
    assert!(html.contains("<p class=\"print-url\">https://example.org/istanbul-talks-2025/</p>"));
}

#[test]
fn default_build_writes_the_pages_the_design_lists() {
    let b = build(&repo());
    for f in [
        "index.html",
        "404.html",
        "feed.xml",
        "sitemap.xml",
        "robots.txt",
        "people/index.html",
        "people/vladimir-putin/index.html",
        "istanbul-talks-2025/index.html",
        "istanbul-talks-2025/feed.xml",
    ] {
        assert!(b.exists(f), "missing {f}");
    }
    for (id, _) in QUESTIONS {
        assert!(
            b.exists(&format!("istanbul-talks-2025/{id}/index.html")),
            "missing card {id}"
        );
    }
    // 1 home + 1 explainer + 6 cards + 1 people index + 18 people + 404 + search (issue 22)
    // + the topics and countries: 2 index pages, 2 topic pages, 4 country pages (issue 19);
    // and the same in Ukrainian (uk/) but the 404 page (search works per language).
    assert_eq!(b.report.pages, (29 + 8) + (28 + 8));
    for f in ["topics/ceasefire/index.html", "countries/tr/index.html"] {
        assert!(b.exists(f), "missing {f}");
    }
    let uk_topic = b.read("uk/topics/prisoner-exchanges/index.html");
    assert!(
        uk_topic.contains("<h1>Обміни полоненими</h1>"),
        "{uk_topic}"
    );
    assert!(b.exists("uk/istanbul-talks-2025/index.html"));
    let home = b.read("index.html");
    assert!(home.contains(
        "<a href=\"/istanbul-talks-2025/\">Russia–Ukraine talks in Istanbul: what we know</a>"
    ));
}

#[test]
fn explainer_main_content_snapshot() {
    let b = build(&repo());
    let html = b.read("istanbul-talks-2025/index.html");
    insta::assert_snapshot!("istanbul_explainer_main", main_of(&html));
}

#[test]
fn question_cards_link_prev_next_and_back() {
    let b = build(&repo());
    let first = b.read("istanbul-talks-2025/when-are-the-talks/index.html");
    assert!(first.contains("<h1>When are the talks?</h1>"));
    assert!(!first.contains("rel=\"prev\""));
    assert!(
        first.contains("href=\"/istanbul-talks-2025/who-is-expected-to-attend/\" rel=\"next\"")
    );
    assert!(
        first.contains("href=\"/istanbul-talks-2025/#when-are-the-talks\""),
        "link back to the full explainer"
    );
    assert!(
        first.contains("class=\"glance\""),
        "cards carry the at-a-glance box"
    );
    // "Why Türkiye?" is an answer of its own, not the carrier of the whole timeline.
    let why = b.read("istanbul-talks-2025/why-turkiye/index.html");
    assert!(why.contains("href=\"/istanbul-talks-2025/what-are-the-expectations/\" rel=\"prev\""));
    assert!(why.contains("href=\"/istanbul-talks-2025/how-did-we-get-here/\" rel=\"next\""));
    assert!(!why.contains("class=\"timeline\""));
    let last = b.read("istanbul-talks-2025/how-did-we-get-here/index.html");
    assert!(last.contains("href=\"/istanbul-talks-2025/why-turkiye/\" rel=\"prev\""));
    assert!(!last.contains("rel=\"next\""));
    // The card carries the whole answer, shortcodes included.
    assert!(last.contains("class=\"timeline\""));
    // Under the card's h1, the answer's own headings move up a level (no h1 -> h3 skip).
    assert!(
        last.contains("<h2 id=\"timeline-title\">Timeline</h2>"),
        "card headings promoted"
    );
    assert!(!last.contains("<h3"));
}

#[test]
fn person_pages_link_back_to_every_question_that_mentions_them() {
    let b = build(&repo());
    let putin = b.read("people/vladimir-putin/index.html");
    for id in [
        "when-are-the-talks",
        "who-is-expected-to-attend",
        "what-are-the-expectations",
    ] {
        assert!(
            putin.contains(&format!("href=\"/istanbul-talks-2025/#{id}\"")),
            "Putin page lacks {id}"
        );
    }
    let umerov = b.read("people/rustem-umerov/index.html");
    assert!(
        umerov.contains("At the talks"),
        "delegation membership listed"
    );
    let people = b.read("people/index.html");
    let russia = people.find(">Russia</h2>").expect("Russia group");
    let ukraine = people.find(">Ukraine</h2>").expect("Ukraine group");
    assert!(russia != ukraine);
}

#[test]
fn first_mention_only_is_linked_per_answer() {
    let b = build(&repo());
    let html = b.read("istanbul-talks-2025/index.html");
    let start = html.find("<h2 id=\"who-is-expected-to-attend\"").unwrap();
    let end = html
        .find("<h2 id=\"where-do-the-two-parties-stand\"")
        .unwrap();
    let answer = &html[start..end];
    let answer_prose = &answer[..answer.find("class=\"delegation\"").unwrap()];
    // "Zelenskyy" appears once in this answer's prose and is linked; Putin likewise once.
    assert_eq!(
        answer_prose
            .matches("href=\"/people/vladimir-putin/\"")
            .count(),
        1
    );
}

#[test]
fn fixture_site_builds_other_talks_with_custom_ids_shortcodes_and_updates() {
    let b = build(&fixture("geneva-site"));
    let html = b.read("geneva-water-talks/index.html");
    assert!(
        html.contains("<h2 id=\"why-geneve\">Why Genève?</h2>"),
        "transliterated id"
    );
    assert!(
        html.contains("<h2 id=\"agenda\">What’s on the table?</h2>"),
        "custom id"
    );
    assert!(html.contains("<h2 id=\"delegations\">Who is at the table?</h2>"));
    // The site's own shortcode, escaped values and all.
    assert!(
        html.contains("<aside class=\"factbox\">"),
        "custom shortcode"
    );
    assert!(html.contains("3 rounds so far"));
    // Per-question update stamp and the update log, newest first.
    assert!(html.contains("Answer updated <time datetime=\"2026-03-02T11:00:00Z\">"));
    let a = html.find("2026-03-02T12:45:00Z\">").unwrap();
    let b2 = html.find("2026-03-02T08:20:00Z\">").unwrap();
    assert!(a < b2, "updates newest first");
    assert!(html.contains(
        "Updated <time datetime=\"2026-03-02T12:45:00Z\">2 March 2026, 12:45 UTC</time>"
    ));
    // Internal links rewritten to the page's URL under the base path.
    assert!(html.contains("href=\"/explainers/border-talks/#what-was-agreed\""));
    assert!(html.contains("href=\"/explainers/geneva-water-talks/#delegations\""));
    assert!(html.contains("<span class=\"status status-under-way\">under way</span>"));
    // Nothing from the default site leaks in.
    assert!(!html.contains("Istanbul"));
    assert!(b.exists("geneva-water-talks/agenda/index.html"));
}

#[test]
fn home_lists_explainers_newest_first_and_leaves_drafts_out() {
    let b = build(&fixture("geneva-site"));
    let home = b.read("index.html");
    let water = home.find("geneva-water-talks/").unwrap();
    let border = home.find("border-talks/").unwrap();
    assert!(water < border, "newest first");
    assert!(home.contains("status-concluded"));
    assert!(!home.contains("draft-talks"));
    assert!(!b.exists("draft-talks/index.html"));

    let d = build_with(&fixture("geneva-site"), |o| o.drafts = true);
    assert!(d.read("index.html").contains("draft-talks/"));
    assert!(d.exists("draft-talks/index.html"));
}

#[test]
fn base_url_flag_overrides_site_yaml() {
    let b = build_with(&repo(), |o| {
        o.base_url = Some("https://user.github.io/repo".into())
    });
    let html = b.read("istanbul-talks-2025/index.html");
    assert!(html.contains(
        "<link rel=\"canonical\" href=\"https://user.github.io/repo/istanbul-talks-2025/\">"
    ));
    assert!(html.contains("href=\"/repo/people/vladimir-medinsky/\""));
}

#[test]
fn card_pages_can_be_turned_off() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("geneva-site"), dir.path());
    let cfg = dir.path().join("content/site.yaml");
    let text = std::fs::read_to_string(&cfg).unwrap() + "question_pages: false\n";
    std::fs::write(&cfg, text).unwrap();
    let b = build(dir.path());
    assert!(b.exists("geneva-water-talks/index.html"));
    assert!(!b.exists("geneva-water-talks/agenda/index.html"));
    assert!(
        !b.read("geneva-water-talks/index.html")
            .contains("Share this answer")
    );
}

#[test]
fn same_input_gives_byte_identical_output() {
    let a = build(&repo());
    let b = build(&repo());
    let fa = all_files(&a.out());
    assert_eq!(fa, all_files(&b.out()));
    for f in fa {
        assert_eq!(
            std::fs::read(a.out().join(&f)).unwrap(),
            std::fs::read(b.out().join(&f)).unwrap(),
            "{f} differs"
        );
    }
}

/// `build` writes pages out as it renders them; `render_site` (what `serve` starts from and
/// `check` validates) keeps them in memory. Both must give the same site, file for file.
#[test]
fn streamed_build_writes_exactly_what_renders_in_memory() {
    for root in [repo(), fixture("geneva-site")] {
        for minify in [false, true] {
            let built = build_with(&root, |o| o.minify = minify);
            let opts = parley::BuildOptions {
                root: root.clone(),
                minify,
                ..Default::default()
            };
            let (_, files) = parley::render_site(&opts).expect("renders");
            let on_disk = all_files(&built.out());
            let in_memory: Vec<String> = files.iter().map(|(p, _)| p.clone()).collect();
            assert_eq!(on_disk, in_memory, "{} minify={minify}", root.display());
            assert_eq!(built.report.files, files.len());
            for (path, out) in &files {
                let disk = std::fs::read(built.out().join(path)).unwrap();
                match out {
                    parley::render::Output::Bytes(b) => {
                        assert!(disk == *b, "{path} differs (minify={minify})")
                    }
                    parley::render::Output::Copy(src) => {
                        assert_eq!(disk, std::fs::read(src).unwrap(), "{path}")
                    }
                    parley::render::Output::Written
                    | parley::render::Output::Page(..)
                    | parley::render::Output::Unchanged(_) => {
                        panic!("{path}: the memory sink neither writes nor remembers")
                    }
                }
            }
        }
    }
}

/// The site model of the site folder at `root`, as a build makes it.
fn modelled(root: std::path::PathBuf) -> parley::model::Site {
    let opts = parley::BuildOptions {
        root,
        ..Default::default()
    };
    parley::model_site(&opts).expect("models").0
}

/// Lists (the home page's `explainers`) get the explainer as it serialises, which is every
/// field its own pages get but the answers' HTML: ten thousand explainers must not drag their
/// answers into one page.
#[test]
fn listings_carry_every_field_but_the_answers() {
    let site = modelled(repo());
    let e = &site.explainers[0];
    let listing = serde_json::to_value(parley::render::values::listing(e)).unwrap();
    assert_eq!(listing, serde_json::to_value(e).unwrap());
    assert!(listing.get("lead_html").is_none());
    assert!(listing["questions"][0].get("html").is_none());
    assert_eq!(
        listing["questions"][0]["title"],
        e.questions[0].title.as_str()
    );
    assert!(listing["talks"]["parties"][0]["head"]["name"].is_string());
    assert!(!listing.to_string().contains("<p>"));
}

/// An explainer's own pages get its listing plus the answers, built without serialising the
/// listing's part twice: the explainer serialised whole, with the lead's and each answer's
/// HTML.
#[test]
fn full_template_value_is_the_whole_explainer() {
    for root in [repo(), fixture("geneva-site")] {
        let site = modelled(root);
        for e in &site.explainers {
            let listing = parley::render::values::listing(e);
            let full = parley::render::values::full_value(&listing, &e.answers());
            let mut expected = serde_json::to_value(e).unwrap();
            expected["lead_html"] = e.lead_html.as_str().into();
            for (q, html) in e.questions.iter().enumerate() {
                expected["questions"][q]["html"] = e.questions[q].html.as_str().into();
                assert!(html.html.contains("<p>"), "{}: {}", e.slug, html.id);
            }
            assert_eq!(serde_json::to_value(&full).unwrap(), expected, "{}", e.slug);
        }
    }
}

/// Back-links, checked against their definition: a person's `mentions` are the questions
/// that name them, in site order; their `roles_in` the explainers whose talks seat them.
/// Relinking only some people (as `serve` does) gives them the same and leaves the rest alone.
#[test]
fn back_links_follow_the_site_order_for_everyone_and_for_a_few() {
    for root in [repo(), fixture("geneva-site")] {
        let site = modelled(root);
        let expected = |i: usize, id: &str| {
            let mut mentions = Vec::new();
            let mut roles = Vec::new();
            for e in &site.explainers {
                for (q, set) in e.questions.iter().zip(e.mentions.iter().skip(1)) {
                    if set.contains(&i) {
                        mentions.push((e.title.clone(), format!("{}#{}", e.path, q.id)));
                    }
                }
                if e.talks.iter().flat_map(|t| t.people()).any(|r| r.id == id) {
                    roles.push(e.path.clone());
                }
            }
            (mentions, roles)
        };
        let got = |p: &parley::model::Person| {
            let m: Vec<(String, String)> = p
                .mentions
                .iter()
                .map(|m| (m.explainer_title.to_string(), m.question_path.to_string()))
                .collect();
            let r: Vec<String> = p
                .roles_in
                .iter()
                .map(|m| m.explainer_path.to_string())
                .collect();
            (m, r)
        };
        assert!(site.people.iter().any(|p| !p.mentions.is_empty()));
        assert!(site.people.iter().any(|p| !p.roles_in.is_empty()));
        for (i, p) in site.people.iter().enumerate() {
            assert_eq!(got(p), expected(i, &p.id), "{}", p.id);
        }
        // Relink every other person from nothing; the others keep what they had.
        let mut people = site.people.clone();
        for p in people.iter_mut().step_by(2) {
            p.mentions.clear();
            p.roles_in.clear();
        }
        parley::model::link_people_among(&mut people, &site.explainers, |i| i % 2 == 0);
        for (p, q) in people.iter().zip(&site.people) {
            assert_eq!(got(p), got(q), "{}", p.id);
        }
    }
}

// ---------------------------------------------------------------------------------------
// The machine-readable files come from templates a site can override by name.

/// The geneva fixture with `templates/<name>` written as `text`.
fn geneva_with_template(name: &str, text: &str) -> tempfile::TempDir {
    let site = copy_site(&fixture("geneva-site"));
    std::fs::write(site.path().join("templates").join(name), text).unwrap();
    site
}

#[test]
fn a_sites_own_robots_txt_template_replaces_the_built_in_one() {
    let built_in = build(&fixture("geneva-site")).read("robots.txt");
    assert!(built_in.starts_with("User-agent: *\nAllow: /\n\nSitemap: "));
    assert!(built_in.ends_with("sitemap.xml\n"), "{built_in:?}");
    let site = geneva_with_template(
        "robots.txt",
        "User-agent: *\nDisallow: /drafts/\n\nSitemap: {{ sitemap_url }}\n# {{ root_url }}\n\n",
    );
    let own = build(site.path()).read("robots.txt");
    let root = built_in
        .trim_end()
        .strip_prefix("User-agent: *\nAllow: /\n\nSitemap: ");
    let sitemap = root.expect("the built-in robots.txt names the sitemap");
    let root_url = sitemap.strip_suffix("sitemap.xml").unwrap();
    assert_eq!(
        own,
        format!("User-agent: *\nDisallow: /drafts/\n\nSitemap: {sitemap}\n# {root_url}\n")
    );
}

#[test]
fn a_sites_own_sitemap_template_replaces_the_built_in_one() {
    let built_in = build(&fixture("geneva-site")).read("sitemap.xml");
    let site = geneva_with_template(
        "sitemap.xml",
        "<urlset>{% for u in urls %}<loc>{{ u.loc }}</loc>{% endfor %}</urlset>\n\n",
    );
    let own = build(site.path()).read("sitemap.xml");
    let locs: Vec<&str> = built_in
        .split("<loc>")
        .skip(1)
        .map(|l| l.split("</loc>").next().unwrap())
        .collect();
    let expected: String = locs.iter().map(|l| format!("<loc>{l}</loc>")).collect();
    assert_eq!(own, format!("<urlset>{expected}</urlset>\n"));
}

#[test]
fn a_sites_own_atom_template_replaces_the_built_in_one_and_still_escapes_as_xml() {
    let built_in = build(&fixture("geneva-site")).read("geneva-water-talks/feed.xml");
    assert!(
        built_in
            .contains("<title>Arland &amp; Borovia water talks in Genève: what we know</title>")
    );
    let site = geneva_with_template(
        "atom.xml",
        "<feed>{{ title }}|{% for e in entries %}[{{ e.title }}]{% endfor %}</feed>\n\n",
    );
    let title = "title: \"Arland & Borovia water talks in Genève: what we know\"";
    let md = site.path().join("content/geneva-water-talks/index.md");
    edit(&md, title, "title: \"A <b> & c talks\"");
    let own = build(site.path()).read("geneva-water-talks/feed.xml");
    // (Quotes in a title become typographic ones; `'` and `"` are escaped as `&apos;` and
    // `&quot;`, as the unit tests of the escaping show.)
    let escaped = "A &lt;b&gt; &amp; c talks";
    assert!(
        own.starts_with(&format!("<feed>{escaped}|[{escaped}]")),
        "{own}"
    );
    assert!(own.ends_with("]</feed>\n"), "{own}");
    assert!(!own.contains("<b>"));
    // The site's feed too, through the same template.
    let site_feed = build(site.path()).read("feed.xml");
    assert!(site_feed.contains(&format!("[{escaped}]")), "{site_feed}");
}
