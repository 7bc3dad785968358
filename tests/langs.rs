//! Sites in several languages: the multilingual fixture (English, Ukrainian, Russian,
//! Turkish and right-to-left Hebrew; river-talks translated into all but Turkish, shown
//! untranslated there) built and read back: alternates, sitemaps, feeds, fallbacks.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use common::*;

const BASE: &str = "https://news.example.com/explainers/";

/// Each `<link rel="alternate" hreflang>` of a page: hreflang -> href.
fn alternates(html: &str) -> BTreeMap<String, String> {
    let head = &html[..html.find("</head>").expect("a head")];
    let mut out = BTreeMap::new();
    for part in head.split("<link rel=\"alternate\" hreflang=\"").skip(1) {
        let (lang, rest) = part.split_once('"').unwrap();
        let href = rest
            .split("href=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        assert!(
            out.insert(lang.to_string(), href.to_string()).is_none(),
            "{lang} twice"
        );
    }
    out
}

/// The site file a URL of the site is served from.
fn file_of(url: &str) -> String {
    let rel = url
        .strip_prefix(BASE)
        .unwrap_or_else(|| panic!("{url} is not on the site"));
    format!("{rel}index.html")
}

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    tag.split(&format!(" {name}=\"")).nth(1)?.split('"').next()
}

fn html_tag(html: &str) -> &str {
    let start = html.find("<html").unwrap();
    &html[start..start + html[start..].find('>').unwrap()]
}

fn multilingual() -> Built {
    build(&fixture("multilingual-site"))
}

#[test]
fn every_pages_alternates_point_back_with_x_default() {
    let b = multilingual();
    let with = alternates_point_back(&b);
    // Home, who's who, 3 people, river-talks and its 3 cards, in each language with them.
    assert!(with >= 5 * 5 + 4 * 4, "only {with} pages have alternates");
}

/// Every page's alternates list itself and x-default, and each alternate is a page built
/// with the same alternates (no orphans). The root's redirect page (a site with
/// `default_language_folder`) has its target's. Returns how many pages have alternates.
fn alternates_point_back(b: &Built) -> usize {
    let pages: Vec<String> = all_files(&b.out())
        .into_iter()
        .filter(|f| f.ends_with("index.html"))
        .collect();
    let mut with = 0;
    for page in &pages {
        let html = b.read(page);
        let alts = alternates(&html);
        if alts.is_empty() {
            continue;
        }
        with += 1;
        if page == "index.html" && html.contains("http-equiv=\"refresh\"") {
            let to = alts["x-default"].clone();
            assert!(html.contains(&format!("<link rel=\"canonical\" href=\"{to}\">")));
            assert_eq!(alternates(&b.read(&file_of(&to))), alts, "{page} vs {to}");
            continue;
        }
        let own = format!("{BASE}{}", page.trim_end_matches("index.html"));
        assert!(
            alts.values().any(|u| *u == own),
            "{page} does not list itself: {alts:?}"
        );
        assert_eq!(
            alts.get("x-default").map(|u| u.starts_with(BASE)),
            Some(true),
            "{page}"
        );
        for (lang, url) in &alts {
            // Each alternate is a page built, whose own alternates are the same set (so each
            // points back: no orphans, no one-way links).
            let other = file_of(url);
            assert!(b.exists(&other), "{page} -> {lang} {url}: not built");
            assert_eq!(alternates(&b.read(&other)), alts, "{page} vs {other}");
        }
        // The page's own hreflang is its <html lang>.
        let lang = attr(html_tag(&b.read(page)), "lang").unwrap().to_string();
        assert_eq!(alts.get(&lang), Some(&own), "{page}");
    }
    with
}

#[test]
fn question_ids_stay_unless_a_heading_sets_its_own() {
    let b = multilingual();
    let uk = b.read("uk/river-talks/index.html");
    assert!(
        uk.contains("<h2 id=\"who-is-at-the-table\">Хто за столом?</h2>"),
        "{uk}"
    );
    assert!(uk.contains("<h2 id=\"agenda\">"));
    // `{#koly}` in index.uk.md: its own id, still the translation of the first question.
    assert!(uk.contains("<h2 id=\"koly\">"));
    let card = alternates(&b.read("uk/river-talks/koly/index.html"));
    assert_eq!(card["en"], format!("{BASE}river-talks/when-are-the-talks/"));
    assert_eq!(
        card["ru"],
        format!("{BASE}ru/river-talks/when-are-the-talks/")
    );
    let ru = b.read("ru/river-talks/index.html");
    assert!(ru.contains("<h2 id=\"who-is-at-the-table\">Кто за столом?</h2>"));
}

#[test]
fn the_switcher_lists_only_translations_that_exist() {
    let b = multilingual();
    let page = b.read("uk/river-talks/index.html");
    let nav = &page[page.find("<nav class=\"languages\"").expect("a switcher")..];
    let nav = &nav[..nav.find("</nav>").unwrap()];
    assert!(nav.contains("aria-label=\"Мови\""));
    let names: Vec<&str> = nav
        .split("</a>")
        .filter_map(|a| a.rsplit('>').next())
        .filter(|n| !n.trim().is_empty())
        .collect();
    assert_eq!(names, ["English", "Українська", "Русский", "עברית"]);
    assert!(nav.contains("href=\"https://news.example.com/explainers/uk/river-talks/\" hreflang=\"uk\" lang=\"uk\" data-keep-hash aria-current=\"page\""));
    // Not translated anywhere: no switcher, no alternates.
    let border = b.read("border-talks/index.html");
    assert!(!border.contains("class=\"languages\""));
    assert!(alternates(&border).is_empty());
    // og:locale:alternate: the other languages' locales.
    assert!(page.contains("<meta property=\"og:locale\" content=\"uk_UA\">"));
    for l in ["en_US", "ru_RU", "he_IL"] {
        assert!(
            page.contains(&format!(
                "<meta property=\"og:locale:alternate\" content=\"{l}\">"
            )),
            "{l}"
        );
    }
    assert!(!page.contains("og:locale:alternate\" content=\"uk_UA"));
}

#[test]
fn lang_and_dir_on_every_page_right_to_left_included() {
    let b = multilingual();
    for (folder, lang, dir) in [
        ("", "en", "ltr"),
        ("uk/", "uk", "ltr"),
        ("he/", "he", "rtl"),
    ] {
        for page in ["index.html", "river-talks/index.html", "people/index.html"] {
            let html = b.read(&format!("{folder}{page}"));
            let tag = html_tag(&html);
            assert_eq!(attr(tag, "lang"), Some(lang), "{folder}{page}");
            assert_eq!(attr(tag, "dir"), Some(dir), "{folder}{page}");
        }
    }
    let he = b.read("he/river-talks/index.html");
    assert!(he.contains("שיחות הנהר בין ארלנד לבורוביה"));
    // people.he.yaml names one person; the others keep their names.
    let people = b.read("he/people/index.html");
    assert!(people.contains("מרה לינדקוויסט") && people.contains("Dimitris Kallas"));
    // Static files are shared: the pages in a folder link the root's.
    let style = b.read("index.html");
    let href = style
        .split("<link rel=\"stylesheet\" href=\"")
        .nth(1)
        .unwrap();
    let href = href.split('"').next().unwrap();
    assert!(he.contains(&format!("href=\"{href}\"")), "{href}");
}

#[test]
fn an_untranslated_explainer_falls_back_to_the_original_marked_as_such() {
    let b = multilingual();
    let page = b.read("tr/river-talks/index.html");
    assert_eq!(attr(html_tag(&page), "lang"), Some("tr"));
    assert!(page.contains(
        "<link rel=\"canonical\" href=\"https://news.example.com/explainers/river-talks/\">"
    ));
    assert!(page.contains(
        "<p class=\"wrap translation-notice\" role=\"note\">Bu açıklama henüz Türkçeye çevrilmedi"
    ));
    assert!(
        page.contains("<article class=\"explainer\" data-pagefind-body lang=\"en\" dir=\"ltr\">")
    );
    assert!(page.contains("Arland and Borovia river talks: what we know"));
    // A fallback is no one's translation: no alternates, not in the sitemap or the feed.
    assert!(alternates(&page).is_empty());
    assert!(!b.read("tr/sitemap.xml").contains("river-talks"));
    assert!(!b.read("tr/feed.xml").contains("river-talks"));
    // The Hebrew notice is the one site.yaml sets, inside an RTL page, on an LTR article.
    let he = b.read("he/border-talks/index.html");
    assert!(he.contains("הסבר זה טרם תורגם לעברית"));
    assert!(he.contains("lang=\"en\" dir=\"ltr\""));
}

/// `<loc>` -> its `xhtml:link` alternates (hreflang -> href), read with quick-xml.
fn urlset(xml: &str) -> BTreeMap<String, BTreeMap<String, String>> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = BTreeMap::new();
    let (mut loc, mut in_loc, mut alts) = (String::new(), false, BTreeMap::new());
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) if e.name().as_ref() == b"loc" => in_loc = true,
            Event::Text(t) if in_loc => loc = t.unescape().unwrap().into_owned(),
            Event::End(e) if e.name().as_ref() == b"loc" => in_loc = false,
            Event::Empty(e) if e.name().as_ref() == b"xhtml:link" => {
                let get = |k: &[u8]| {
                    let a = e.try_get_attribute(k).unwrap().unwrap();
                    a.unescape_value().unwrap().into_owned()
                };
                assert_eq!(get(b"rel"), "alternate");
                alts.insert(get(b"hreflang"), get(b"href"));
            }
            Event::End(e) if e.name().as_ref() == b"url" => {
                out.insert(std::mem::take(&mut loc), std::mem::take(&mut alts));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

#[test]
fn sitemaps_index_every_language_with_the_pages_alternates() {
    let b = multilingual();
    let index = b.read("sitemap.xml");
    assert!(index.contains("<sitemapindex"));
    let locs: Vec<&str> = index
        .split("<loc>")
        .skip(1)
        .map(|s| s.split('<').next().unwrap())
        .collect();
    let folders = [
        "sitemap.en.xml",
        "uk/sitemap.xml",
        "ru/sitemap.xml",
        "tr/sitemap.xml",
        "he/sitemap.xml",
    ];
    assert_eq!(locs, folders.map(|f| format!("{BASE}{f}")));
    assert!(
        b.read("robots.txt")
            .contains(&format!("Sitemap: {BASE}sitemap.xml"))
    );
    assert!(!b.exists("uk/robots.txt"));
    let mut urls = 0;
    for f in folders {
        for (loc, alts) in urlset(&b.read(f)) {
            urls += 1;
            // The sitemap says what the page's head says.
            let html = b.read(&file_of(&loc));
            assert_eq!(alternates(&html), alts, "{loc}");
        }
    }
    assert!(urls > 30, "{urls}");
    let uk = urlset(&b.read("uk/sitemap.xml"));
    assert_eq!(
        uk[&format!("{BASE}uk/river-talks/")]["x-default"],
        format!("{BASE}river-talks/")
    );
}

#[test]
fn each_language_has_its_own_feeds_and_people_pages() {
    let b = multilingual();
    for (folder, title) in [
        ("", "Arland and Borovia river talks"),
        ("uk/", "Переговори Арландії та Боровії"),
        ("ru/", "Переговоры Арландии"),
    ] {
        let xml = b.read(&format!("{folder}feed.xml"));
        let feed = feed_rs::parser::parse(xml.as_bytes()).expect("a valid feed");
        let links: BTreeSet<String> = feed
            .entries
            .iter()
            .flat_map(|e| e.links.iter().map(|l| l.href.clone()))
            .collect();
        assert!(
            links
                .iter()
                .all(|l| l.starts_with(&format!("{BASE}{folder}"))),
            "{folder}: {links:?}"
        );
        assert!(
            feed.entries
                .iter()
                .any(|e| e.title.as_ref().is_some_and(|t| t.content.contains(title))),
            "{folder}"
        );
        assert!(b.exists(&format!("{folder}river-talks/feed.xml")));
    }
    assert!(b.read("uk/feed.xml").contains("xml:lang=\"uk\""));
    let person = b.read("uk/people/mara-lindqvist/index.html");
    assert!(
        person.contains("Мара Ліндквіст")
            && person.contains("Міністерка закордонних справ Арландії")
    );
    assert!(
        person.contains("href=\"/explainers/uk/river-talks/"),
        "back-links stay in the language"
    );
    // Positions and timeline from their translations, facts from the originals.
    let uk = b.read("uk/river-talks/index.html");
    assert!(uk.contains("Хоче гарантованого мінімального стоку."));
    assert!(uk.contains("Починається третій раунд переговорів."));
    assert!(
        uk.contains("datetime=\"1998\""),
        "the timeline's dates are the original's"
    );
}

/// A copy of the multilingual fixture with `edit` applied, built: its errors, plainly.
fn errors_after(edit: impl FnOnce(&Path)) -> String {
    let dir = tempfile::tempdir().unwrap();
    let src = fixture("multilingual-site");
    for e in walkdir::WalkDir::new(&src) {
        let e = e.unwrap();
        let to = dir.path().join(e.path().strip_prefix(&src).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::copy(e.path(), &to).unwrap();
        }
    }
    edit(dir.path());
    let opts = parley::BuildOptions {
        root: dir.path().to_path_buf(),
        output: Some(dir.path().join("public")),
        ..Default::default()
    };
    match parley::build(&opts) {
        Err(parley::BuildError::Content(e)) => e.plain_report(),
        Err(e) => panic!("not a content error: {e:#}"),
        Ok(_) => panic!("built"),
    }
}

fn replace(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from}");
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn a_translation_that_changes_a_fact_is_a_located_error() {
    let report = errors_after(|d| {
        replace(
            &d.join("content/river-talks/index.uk.md"),
            "talks:\n",
            "published: 2026-03-03T07:00:00Z\ntalks:\n  status: concluded\n",
        )
    });
    assert!(
        report.contains("content/river-talks/index.uk.md:4:12"),
        "{report}"
    );
    assert!(
        report.contains("this translation changes a fact: `published`"),
        "{report}"
    );
    assert!(
        report.contains("`talks.status` is `concluded` here but `under way`"),
        "{report}"
    );
    assert!(report.contains("remove `published` here"), "{report}");
    let report = errors_after(|d| {
        replace(
            &d.join("content/river-talks/timeline.uk.yaml"),
            "- text: Починається",
            "- date: 2026-03-04\n  text: Починається",
        )
    });
    assert!(
        report.contains("content/river-talks/timeline.uk.yaml:2:9"),
        "{report}"
    );
    assert!(
        !report.contains("missing page"),
        "a failed translation is not a missing page: {report}"
    );
    assert!(
        report.contains("`date` is `2026-03-04` here but `2026-03-02`"),
        "{report}"
    );
}

#[test]
fn translation_problems_name_the_fix() {
    let report = errors_after(|d| {
        std::fs::write(
            d.join("content/river-talks/index.xx.md"),
            "---\ntitle: x\n---\n",
        )
        .unwrap();
        replace(
            &d.join("content/river-talks/index.ru.md"),
            "## Что обсуждают?\n",
            "",
        );
        replace(
            &d.join("content/people.uk.yaml"),
            "id: ines-aubert",
            "id: ines-aubbert",
        );
    });
    assert!(
        report.contains("content/river-talks/index.xx.md:1:1"),
        "{report}"
    );
    assert!(
        report.contains("`xx` is not one of the site's other languages"),
        "{report}"
    );
    assert!(
        report.contains("this translation has 2 questions, the original has 3"),
        "{report}"
    );
    assert!(
        report.contains("unknown person id `ines-aubbert`"),
        "{report}"
    );
    assert!(report.contains("did you mean `ines-aubert`?"), "{report}");
    let report = errors_after(|d| {
        replace(
            &d.join("content/site.yaml"),
            "language: en\n",
            "language: de\n",
        )
    });
    assert!(
        report.contains("`language: de` is not one of `languages:`"),
        "{report}"
    );
    let report = errors_after(|d| {
        std::fs::create_dir(d.join("content/uk")).unwrap();
        std::fs::copy(
            d.join("content/border-talks/index.md"),
            d.join("content/uk/index.md"),
        )
        .unwrap();
    });
    assert!(report.contains("content/site.yaml:"), "{report}");
    assert!(
        report.contains(
            "the language `uk` and the explainer content/uk/ would share the folder /uk/"
        ),
        "{report}"
    );
}

#[test]
fn omitting_missing_translations_leaves_the_pages_out() {
    let dir = tempfile::tempdir().unwrap();
    let src = fixture("multilingual-site");
    for e in walkdir::WalkDir::new(&src) {
        let e = e.unwrap();
        let to = dir.path().join(e.path().strip_prefix(&src).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::copy(e.path(), &to).unwrap();
        }
    }
    replace(
        &dir.path().join("content/site.yaml"),
        "missing_translations: fallback",
        "missing_translations: omit",
    );
    // The border deal links into river-talks: drop the link (it would point at a page left
    // out in Turkish).
    replace(
        &dir.path().join("content/border-talks/index.md"),
        " See [the river talks](@/river-talks/index.md#agenda).",
        "",
    );
    let b = build(dir.path());
    assert!(b.exists("uk/river-talks/index.html"));
    assert!(!b.exists("tr/river-talks/index.html"));
    assert!(!b.exists("uk/border-talks/index.html"));
    assert!(
        b.exists("tr/index.html"),
        "every language has its home page"
    );
    assert!(!b.read("tr/index.html").contains("river-talks"));
}

#[test]
fn interface_words_and_dates_in_each_language_with_plurals() {
    let b = multilingual();
    // river-talks has 3 questions, border-talks 1 (shown untranslated outside English).
    for (folder, three, one) in [
        ("", "3 questions answered", "1 question answered"),
        (
            "uk/",
            "3 відповіді на запитання",
            "1 відповідь на запитання",
        ),
        ("ru/", "3 ответа на вопросы", "1 ответ на вопрос"),
        ("tr/", "3 soru yanıtlandı", "1 soru yanıtlandı"),
        // The site's own i18n/he.ftl: a language the theme has no words for.
        ("he/", "3 שאלות נענו", "שאלה אחת נענתה"),
    ] {
        let home = b.read(&format!("{folder}index.html"));
        assert!(
            home.contains(&format!("<span class=\"count\">{three}</span>")),
            "{folder}"
        );
        assert!(
            home.contains(&format!("<span class=\"count\">{one}</span>")),
            "{folder}"
        );
    }
    let uk = b.read("uk/river-talks/index.html");
    assert!(uk.contains("<p class=\"dateline\">Опубліковано <time datetime=\"2026-03-02T07:00:00Z\">2 березня 2026 р., 07:00 UTC</time>"), "{uk}");
    assert!(uk.contains(">Перейти до основного вмісту</a>") && uk.contains(">Хто є хто</a>"));
    let card = b.read("ru/river-talks/agenda/index.html");
    assert!(card.contains("Вопрос 3 из 3 · Опубликовано"));
    // Hebrew: the site's word where it has one, English where it has none.
    let he = b.read("he/index.html");
    assert!(he.contains(">הסברים</a>") && he.contains(">Who’s who</a>"));
}

#[test]
fn check_lists_missing_interface_strings_and_untranslated_explainers() {
    let out = assert_cmd::Command::cargo_bin("parley")
        .unwrap()
        .args([
            "--root",
            fixture("multilingual-site").to_str().unwrap(),
            "check",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("content/river-talks/index.md:1:1: not translated into Türkçe (tr)"),
        "{err}"
    );
    assert!(err.contains("add content/river-talks/index.tr.md"), "{err}");
    assert!(
        !err.contains("river-talks/index.md:1:1: not translated into Українська"),
        "{err}"
    );
    assert!(err.contains("i18n/he.ftl:"), "{err}");
    assert!(
        err.contains("missing in עברית (he), shown in English:"),
        "{err}"
    );
    assert!(err.contains("nav-whos-who"), "{err}");
    assert!(!err.contains("missing in Українська"), "{err}");
}

/// A copy of the multilingual fixture with `default_language_folder: true`.
fn folders_site() -> tempfile::TempDir {
    let site = copy_site(&fixture("multilingual-site"));
    edit(
        &site.path().join("content/site.yaml"),
        "missing_translations: fallback",
        "missing_translations: fallback\ndefault_language_folder: true",
    );
    site
}

/// The multilingual fixture with `default_language_folder: true`, built (and its site
/// folder, which the build's output is beside).
fn in_folders() -> (tempfile::TempDir, Built) {
    let site = folders_site();
    let b = build(site.path());
    (site, b)
}

#[test]
fn the_default_language_in_its_folder_and_a_redirect_at_the_root() {
    let (_site, b) = in_folders();
    let root = b.read("index.html");
    assert_eq!(attr(html_tag(&root), "lang"), Some("en"));
    assert_eq!(attr(html_tag(&root), "dir"), Some("ltr"));
    assert!(root.contains("<meta http-equiv=\"refresh\" content=\"0; url=/explainers/en/\">"));
    assert!(root.contains(&format!("<link rel=\"canonical\" href=\"{BASE}en/\">")));
    // Every language's home, and x-default: the same as the homes' own.
    let want: BTreeMap<String, String> = [
        ("en", "en/"),
        ("uk", "uk/"),
        ("ru", "ru/"),
        ("tr", "tr/"),
        ("he", "he/"),
        ("x-default", "en/"),
    ]
    .map(|(l, f)| (l.to_string(), format!("{BASE}{f}")))
    .into();
    assert_eq!(alternates(&root), want);
    assert_eq!(alternates(&b.read("en/index.html")), want);
    assert_eq!(alternates(&b.read("he/index.html")), want);
    // A link to each home for readers whose browser does not follow the refresh.
    assert!(root.contains(&format!(
        "<a href=\"{BASE}en/\" hreflang=\"en\" lang=\"en\">English</a>"
    )));
    assert!(root.contains(&format!(
        "<a href=\"{BASE}uk/\" hreflang=\"uk\" lang=\"uk\">Українська</a>"
    )));
    // The default language's pages, feeds and sitemap in en/, like the others'.
    for f in [
        "en/index.html",
        "en/river-talks/index.html",
        "en/river-talks/when-are-the-talks/index.html",
        "en/river-talks/feed.xml",
        "en/people/index.html",
        "en/feed.xml",
        "en/sitemap.xml",
    ] {
        assert!(b.exists(f), "{f}");
    }
    for f in ["river-talks/index.html", "people/index.html", "feed.xml"] {
        assert!(!b.exists(f), "{f} at the root");
    }
    // What stays at the root: 404, robots.txt, the sitemap index, static files.
    for f in ["404.html", "robots.txt", "sitemap.xml", "favicon.svg"] {
        assert!(b.exists(f), "{f}");
    }
    for f in ["404.html", "robots.txt", "favicon.svg"] {
        assert!(!b.exists(&format!("en/{f}")), "en/{f}");
    }
    assert!(!b.exists("sitemap.en.xml"));
    assert!(
        b.read("404.html")
            .contains("href=\"/explainers/en/people/\"")
    );
    assert!(b.read("_headers").contains("\n/explainers/404.html\n"));
    let page = b.read("en/river-talks/index.html");
    assert!(page.contains(&format!(
        "<link rel=\"canonical\" href=\"{BASE}en/river-talks/\">"
    )));
    let css = page
        .split("<link rel=\"stylesheet\" href=\"")
        .nth(1)
        .unwrap();
    let css = css.split('"').next().unwrap();
    assert!(b.exists(css.strip_prefix("/explainers/").unwrap()), "{css}");
    // An explainer shown untranslated points to the original in its folder.
    assert!(b.read("tr/river-talks/index.html").contains(&format!(
        "<link rel=\"canonical\" href=\"{BASE}en/river-talks/\">"
    )));
    // No orphans: the root's page and every language's pages point back to each other.
    let with = alternates_point_back(&b);
    assert!(with > 5 * 5 + 4 * 4, "only {with} pages have alternates");
}

#[test]
fn with_the_default_in_its_folder_the_root_sitemap_indexes_every_folder() {
    let (_site, b) = in_folders();
    let index = b.read("sitemap.xml");
    assert!(index.contains("<sitemapindex"));
    let locs: Vec<&str> = index
        .split("<loc>")
        .skip(1)
        .map(|s| s.split('<').next().unwrap())
        .collect();
    let folders = ["en/", "uk/", "ru/", "tr/", "he/"];
    assert_eq!(locs, folders.map(|f| format!("{BASE}{f}sitemap.xml")));
    assert_eq!(
        b.read("robots.txt"),
        format!("User-agent: *\nAllow: /\n\nSitemap: {BASE}sitemap.xml\n")
    );
    let mut urls = 0;
    for f in folders {
        for (loc, alts) in urlset(&b.read(&format!("{f}sitemap.xml"))) {
            urls += 1;
            assert!(loc.starts_with(&format!("{BASE}{f}")), "{loc}");
            assert_eq!(alternates(&b.read(&file_of(&loc))), alts, "{loc}");
        }
    }
    assert!(urls > 30, "{urls}");
    let uk = urlset(&b.read("uk/sitemap.xml"));
    assert_eq!(
        uk[&format!("{BASE}uk/river-talks/")]["x-default"],
        format!("{BASE}en/river-talks/")
    );
}

#[test]
fn serve_has_the_root_redirect_with_the_default_in_its_folder() {
    let site = copy_site(&fixture("multilingual-site"));
    edit(
        &site.path().join("content/site.yaml"),
        "language: en\n",
        "language: en\ndefault_language_folder: true\n",
    );
    let opts = parley::BuildOptions {
        root: site.path().to_path_buf(),
        base_url: Some("http://127.0.0.1:1111/".into()),
        live_reload: true,
        ..Default::default()
    };
    let mut live = parley::serve::incremental::LiveSite::build(&opts).expect("it builds");
    assert!(
        bytes(&live, "index.html")
            .contains("<meta http-equiv=\"refresh\" content=\"0; url=/en/\">")
    );
    assert!(bytes(&live, "en/index.html").contains("__parley/live.js"));
    assert!(bytes(&live, "404.html").contains("href=\"/en/\""));
    // An edit of a translation: that language alone, the root's files kept.
    let uk = site.path().join("content/river-talks/index.uk.md");
    edit(&uk, "Скільки води тече", "Скільки саме води тече");
    let change = parley::serve::incremental::classify(site.path(), &uk).expect("a change");
    let r = live.update(&[change]).expect("rebuilt");
    assert!(!r.full, "{r:?}");
    assert!(bytes(&live, "uk/river-talks/index.html").contains("Скільки саме води тече"));
    same_as_full(&live);
}

#[test]
fn default_language_folder_needs_languages() {
    let site = copy_site(&fixture("geneva-site"));
    let yaml = site.path().join("content/site.yaml");
    let text = std::fs::read_to_string(&yaml).unwrap();
    std::fs::write(&yaml, format!("{text}default_language_folder: true\n")).unwrap();
    let opts = parley::BuildOptions {
        root: site.path().to_path_buf(),
        output: Some(site.path().join("public")),
        ..Default::default()
    };
    let report = match parley::build(&opts) {
        Err(parley::BuildError::Content(e)) => e.plain_report(),
        Err(e) => panic!("not a content error: {e:#}"),
        Ok(_) => panic!("built"),
    };
    assert!(
        report.contains("content/site.yaml:")
            && report.contains("`default_language_folder: true` needs the site's `languages:`")
            && report.contains("help: list the site's languages under `languages:`"),
        "{report}"
    );
}

#[test]
fn a_translation_has_its_own_slug_and_everything_follows() {
    let site = copy_site(&fixture("multilingual-site"));
    let uk = site.path().join("content/river-talks/index.uk.md");
    edit(&uk, "\nsummary:", "\nslug: perehovory-pro-richku\nsummary:");
    edit(
        &uk,
        "Скільки води тече",
        "[Хто за столом](@/river-talks/index.md#who-is-at-the-table). Скільки води тече",
    );
    let b = build(site.path());
    let own = format!("{BASE}uk/perehovory-pro-richku/");
    assert!(b.exists("uk/perehovory-pro-richku/index.html"));
    assert!(b.exists("uk/perehovory-pro-richku/koly/index.html"));
    assert!(b.exists("uk/perehovory-pro-richku/feed.xml"));
    assert!(!b.exists("uk/river-talks/index.html"));
    // Question ids stay the original's in every language, the slug notwithstanding.
    let page = b.read("uk/perehovory-pro-richku/index.html");
    assert!(page.contains("<h2 id=\"who-is-at-the-table\">Хто за столом?</h2>"));
    assert!(page.contains(&format!("<link rel=\"canonical\" href=\"{own}\">")));
    // `@/<folder>/index.md` links lead to the language's slug.
    assert!(
        page.contains("href=\"/explainers/uk/perehovory-pro-richku/#who-is-at-the-table\""),
        "{page}"
    );
    // Alternates and the switcher in every language.
    let en = alternates(&b.read("river-talks/index.html"));
    assert_eq!(en["uk"], own);
    assert_eq!(en["ru"], format!("{BASE}ru/river-talks/"));
    let card = alternates(&b.read("ru/river-talks/when-are-the-talks/index.html"));
    assert_eq!(card["uk"], format!("{own}koly/"));
    assert!(
        b.read("he/river-talks/index.html")
            .contains(&format!("<a href=\"{own}\" hreflang=\"uk\" lang=\"uk\""))
    );
    let with = alternates_point_back(&b);
    assert!(with >= 5 * 5 + 4 * 4, "only {with} pages have alternates");
    // The language's sitemap, feed, home and people's pages.
    let sitemap = urlset(&b.read("uk/sitemap.xml"));
    assert_eq!(sitemap[&own]["en"], format!("{BASE}river-talks/"));
    assert!(!sitemap.keys().any(|l| l.contains("uk/river-talks")));
    assert!(b.read("uk/feed.xml").contains(&format!("href=\"{own}\"")));
    assert!(
        b.read("uk/index.html")
            .contains("href=\"/explainers/uk/perehovory-pro-richku/\"")
    );
    assert!(
        b.read("uk/people/mara-lindqvist/index.html")
            .contains("href=\"/explainers/uk/perehovory-pro-richku/")
    );
}

#[test]
fn a_wrong_slug_is_a_located_error_with_a_fix() {
    // Not an id: the fix is the Ukrainian transliteration.
    let report = errors_after(|d| {
        replace(
            &d.join("content/river-talks/index.uk.md"),
            "\nsummary:",
            "\nslug: Переговори про річку\nsummary:",
        )
    });
    assert!(
        report.contains("content/river-talks/index.uk.md:3:7: the slug `Переговори про річку` cannot be used in a URL")
            && report.contains("help: use letters, digits and dashes, e.g. `slug: perehovory-pro-richku`"),
        "{report}"
    );
    // Another explainer's URL in the language (border-talks is shown untranslated in ru/).
    let report = errors_after(|d| {
        replace(
            &d.join("content/river-talks/index.ru.md"),
            "\nsummary:",
            "\nslug: border-talks\nsummary:",
        )
    });
    assert!(
        report.contains("content/river-talks/index.ru.md:3:7: the slug `border-talks` is also the URL of content/border-talks/ in Русский (/ru/border-talks/)")
            && report.contains("help: give this translation a slug no other explainer has in Русский"),
        "{report}"
    );
    // A folder of parley's own pages.
    let report = errors_after(|d| {
        replace(
            &d.join("content/river-talks/index.uk.md"),
            "\nsummary:",
            "\nslug: people\nsummary:",
        )
    });
    assert!(
        report.contains("index.uk.md:3:7: the slug `people` is the folder of pages parley makes"),
        "{report}"
    );
    // The original's URL is its folder.
    let report = errors_after(|d| {
        replace(
            &d.join("content/river-talks/index.md"),
            "\nsummary:",
            "\nslug: river\nsummary:",
        )
    });
    assert!(
        report.contains("content/river-talks/index.md:3:1: `slug:` is for translations")
            && report.contains(
                "help: rename the folder content/river-talks/ to content/river/, or remove `slug:`"
            ),
        "{report}"
    );
}

#[test]
fn generated_question_ids_follow_the_texts_language() {
    // A Ukrainian site: its question ids by the national transliteration.
    let site = copy_site(&fixture("multilingual-site"));
    let yaml = site.path().join("content/site.yaml");
    edit(&yaml, "language: en\n", "language: uk\n");
    let index = site.path().join("content/border-talks/index.md");
    let text = std::fs::read_to_string(&index).unwrap();
    let body_at = text[3..].find("---\n").unwrap() + 7;
    std::fs::write(
        &index,
        format!(
            "{}## Юрій і Згорани: що в Щербухах?\n\nВідповідь.\n\n{}",
            &text[..body_at],
            &text[body_at..]
        ),
    )
    .unwrap();
    let _ = std::fs::remove_file(site.path().join("content/river-talks/index.uk.md"));
    let _ = std::fs::remove_file(site.path().join("content/river-talks/timeline.uk.yaml"));
    let _ = std::fs::remove_file(site.path().join("content/river-talks/positions.uk.yaml"));
    let _ = std::fs::remove_file(site.path().join("content/people.uk.yaml"));
    let b = build(site.path());
    assert!(
        b.exists("border-talks/yurii-i-zghorany-shcho-v-shcherbukhakh/index.html"),
        "{:?}",
        all_files(&b.out())
    );
}

/// The live site's files are a full build's, byte for byte.
fn same_as_full(live: &parley::serve::incremental::LiveSite) {
    use parley::render::Output;
    let (_, full) = parley::render_site(live.options()).expect("the full build succeeds");
    let got: Vec<&str> = live.files().iter().map(|(p, _)| p.as_str()).collect();
    let want: Vec<&str> = full.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(got, want, "the same files");
    for ((path, a), (_, b)) in live.files().iter().zip(&full) {
        match (a, b) {
            (Output::Bytes(a), Output::Bytes(b)) => assert!(a == b, "{path} differs"),
            (Output::Copy(a), Output::Copy(b)) => assert_eq!(a, b, "{path}"),
            _ => panic!("{path}: one is copied, the other rendered"),
        }
    }
}

fn bytes(live: &parley::serve::incremental::LiveSite, path: &str) -> String {
    match live.get(path) {
        Some(parley::render::Output::Bytes(b)) => String::from_utf8(b.clone()).unwrap(),
        _ => panic!("no {path}"),
    }
}

#[test]
fn serve_rebuilds_only_the_language_of_an_edited_translation() {
    use parley::serve::incremental::{Change, LiveSite, classify};
    let site = copy_site(&fixture("multilingual-site"));
    let opts = parley::BuildOptions {
        root: site.path().to_path_buf(),
        base_url: Some("http://127.0.0.1:1111/".into()),
        live_reload: true,
        ..Default::default()
    };
    let mut live = LiveSite::build(&opts).expect("it builds");
    let uk = site.path().join("content/river-talks/index.uk.md");
    let change = classify(site.path(), &uk).expect("a change");
    assert_eq!(
        change,
        Change::Translation("river-talks".into(), "uk".into())
    );
    // Every other language's pages and feeds stay as they are.
    let before: BTreeMap<String, String> = (live.files().iter())
        .filter(|(p, _)| !p.starts_with("uk/") && (p.ends_with(".html") || p.ends_with(".xml")))
        .map(|(p, _)| (p.clone(), bytes(&live, p)))
        .collect();
    edit(&uk, "Скільки води тече", "Скільки саме води тече");
    let r = live.update(std::slice::from_ref(&change)).expect("rebuilt");
    assert!(!r.full, "{r:?}");
    assert!(bytes(&live, "uk/river-talks/index.html").contains("Скільки саме води тече"));
    for (p, old) in &before {
        assert_eq!(&bytes(&live, p), old, "{p} changed");
    }
    same_as_full(&live);

    // An error leaves the pages as they were; the next good save brings the edit in.
    edit(&uk, "Скільки саме", "{{ nope() }} Скільки саме");
    assert!(live.update(std::slice::from_ref(&change)).is_err());
    assert!(bytes(&live, "uk/river-talks/index.html").contains("Скільки саме води тече"));
    edit(&uk, "{{ nope() }} ", "");
    live.update(std::slice::from_ref(&change)).expect("rebuilt");
    same_as_full(&live);

    // A translation's own slug changes every language's alternates: the whole site.
    edit(&uk, "\nsummary:", "\nslug: perehovory\nsummary:");
    let r = live.update(std::slice::from_ref(&change)).expect("rebuilt");
    assert!(r.full, "{r:?}");
    assert!(bytes(&live, "river-talks/index.html").contains("/uk/perehovory/"));
    same_as_full(&live);
    // An edit of the original is one too (every language reads it).
    assert!(live.needs_full(&[Change::Explainer("river-talks".into())]));
}

#[test]
fn the_root_redirect_escapes_what_site_yaml_says() {
    let site = copy_site(&fixture("multilingual-site"));
    let yaml = site.path().join("content/site.yaml");
    edit(
        &yaml,
        "language: en\n",
        "language: en\ndefault_language_folder: true\n",
    );
    edit(
        &yaml,
        "title: Borderlands Explainers",
        "title: 'Borderlands <b>&</b>'",
    );
    edit(&yaml, "name: English", "name: 'English <i>'");
    let b = build(site.path());
    let root = b.read("index.html");
    assert!(
        root.contains("<title>Borderlands &lt;b&gt;&amp;&lt;/b&gt;</title>"),
        "{root}"
    );
    assert!(root.contains("lang=\"en\">English &lt;i&gt;</a>"), "{root}");
    assert!(!root.contains("<b>") && !root.contains("<i>"));
}

/// With the default language in its folder, a link to a missing question id is still found:
/// the check reads the page in `en/`, not a page at the root that is not there.
#[test]
fn a_missing_anchor_is_found_with_the_default_language_in_its_folder() {
    let site = folders_site();
    let index = site.path().join("content/river-talks/index.md");
    let text = std::fs::read_to_string(&index).unwrap();
    std::fs::write(
        &index,
        format!("{text}\nSee [the talks](../river-talks/#no-such-question).\n"),
    )
    .unwrap();
    let built = parley::build(&parley::BuildOptions {
        root: site.path().to_path_buf(),
        output: Some(site.path().join("public")),
        ..Default::default()
    });
    let report = match built {
        Err(parley::BuildError::Content(e)) => e.plain_report(),
        other => panic!("expected a content error, got {other:?}"),
    };
    assert!(report.contains("has no `#no-such-question`"), "{report}");
}
