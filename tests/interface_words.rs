//! The theme's words on translated pages (issue 21): no built-in English interface string is
//! left in the text of a Ukrainian (Russian, Turkish) page, its attributes a reader or a
//! screen reader meets, or the search script's messages; the site's title is the language's.
//! What legitimately stays in the original language is left out of the check: an explainer
//! shown untranslated (its `<article lang>`), and everything that is not one of the theme's
//! words (people's names, the language switcher's names).

mod common;

use std::path::Path;

use common::{Built, all_files, build, copy_dir, edit, fixture, repo};

/// The built-in English words: each message of i18n/en.ftl, as the literal runs of its text
/// (the parts between `{ $variables }`), those of at least two letters but for the small
/// words that only join a message's variables (`of` in `Question 2 of 5`), which English
/// content shown as it is (an untranslated timeline) has too.
fn english_words() -> Vec<String> {
    words_of("en")
}

/// The literal runs of the built-in messages of a language (see [`english_words`]).
fn words_of(lang: &str) -> Vec<String> {
    let ftl = std::fs::read_to_string(repo().join(format!("i18n/{lang}.ftl"))).unwrap();
    let mut words = Vec::new();
    let mut lines = ftl.lines().peekable();
    while let Some(line) = lines.next() {
        if line.starts_with('#') || !line.contains(" = ") {
            continue;
        }
        let (_, value) = line.split_once(" = ").unwrap();
        let mut texts = vec![value.to_string()];
        // A plural: its variants' texts.
        if value.trim_end().ends_with("->") {
            texts.clear();
            while let Some(v) = lines.next_if(|l| l.starts_with(' ') || l.starts_with('}')) {
                if let Some((_, t)) = v.split_once(']') {
                    texts.push(t.to_string());
                }
            }
        }
        for t in texts {
            for run in t.split(['{', '}']).step_by(2) {
                let run = run
                    .trim()
                    .trim_matches(|c: char| ":.;,’".contains(c))
                    .trim();
                let joining = run.len() <= 3 && run.chars().all(|c| c.is_ascii_lowercase());
                if run.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !joining {
                    words.push(run.to_string());
                }
            }
        }
    }
    words.sort();
    words.dedup();
    words
}

/// Decode the few entities the theme's escaping writes.
fn decode(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    tag.split(&format!(" {name}=\"")).nth(1)?.split('"').next()
}

/// What a reader or a screen reader meets on a page: its text (not scripts or styles), the
/// words in its attributes (labels, titles, alternative texts, meta descriptions and titles,
/// the search script's messages), without the elements whose `lang` is not the page's (an
/// explainer shown untranslated, its title in a list, a language's name in the switcher).
fn reader_text(html: &str) -> Vec<String> {
    let page_lang = attr(&html[html.find("<html").unwrap()..], "lang")
        .unwrap()
        .to_string();
    let mut out = Vec::new();
    let mut rest = html;
    // The element in another language being skipped, and how deep in it we are.
    let mut skip: Option<(String, usize)> = None;
    while let Some(lt) = rest.find('<') {
        if skip.is_none() {
            out.push(decode(&rest[..lt]));
        }
        let gt = lt + rest[lt..].find('>').expect("tags close");
        let tag = &rest[lt..=gt];
        rest = &rest[gt + 1..];
        let name: String = tag[1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '/')
            .collect();
        match name.as_str() {
            "script" | "style" => {
                let end = rest.find(&format!("</{name}>")).expect("closed");
                rest = &rest[end..];
            }
            _ => {}
        }
        match &mut skip {
            Some((n, depth)) if *n == name => *depth += 1,
            Some((n, depth)) if name.strip_prefix('/') == Some(n.as_str()) => {
                *depth -= 1;
                if *depth == 0 {
                    skip = None;
                }
                continue;
            }
            Some(_) => {}
            None if name != "html" && attr(tag, "lang").is_some_and(|l| l != page_lang) => {
                skip = Some((name.clone(), 1));
            }
            None => {}
        }
        if skip.is_some() {
            continue;
        }
        for a in [
            "aria-label",
            "title",
            "alt",
            "placeholder",
            "data-msg-prompt",
            "data-msg-none",
            "data-msg-none-all",
            "data-msg-results",
            "data-msg-results-all",
            "data-msg-first",
            "data-msg-failed",
        ] {
            out.extend(attr(tag, a).map(decode));
        }
        let meta = attr(tag, "name").or_else(|| attr(tag, "property"));
        if name == "meta" && meta.is_some_and(|m| m.contains("title") || m.contains("descr")) {
            out.extend(attr(tag, "content").map(decode));
        }
    }
    // A URL (the page's own, printed for paper) is an address, not words.
    let is_url = |t: &str| {
        let t = t.trim();
        (t.starts_with("https://") || t.starts_with("http://")) && !t.contains(char::is_whitespace)
    };
    out.into_iter()
        .filter(|t| !t.trim().is_empty() && !is_url(t))
        .collect()
}

/// The `lang` of a page's `<html>`.
fn lang_of(html: &str) -> String {
    attr(&html[html.find("<html").unwrap()..], "lang")
        .unwrap()
        .to_string()
}

/// Whether `word` is in `text` as a whole word (no letter right before or after it).
fn has_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// Every English interface word on the pages of `folder` (`uk/`, its language's code), with
/// where it is. A word the language's own messages use too (Turkish `Site`) is not counted.
/// On a page showing an explainer untranslated, its `<head>` (the original's title) is not
/// read.
fn english_left(built: &Built, folder: &str) -> Vec<String> {
    let own = words_of(folder.trim_end_matches('/'));
    let mut words = english_words();
    // (Single words only: a phrase the same in both is a message left untranslated.)
    words.retain(|w| w.contains(' ') || !own.iter().any(|o| has_word(o, w)));
    let mut found = Vec::new();
    let pages: Vec<String> = all_files(&built.out())
        .into_iter()
        .filter(|f| f.starts_with(folder) && f.ends_with(".html"))
        .collect();
    assert!(pages.len() > 3, "{pages:?}");
    for page in pages {
        let html = built.read(&page);
        let html = match html.contains("class=\"wrap translation-notice\"") {
            true => html
                .split_once("</head>")
                .map_or(html.as_str(), |(_, body)| body),
            false => html.as_str(),
        };
        for text in reader_text(&format!(
            "<html lang=\"{}\">{html}",
            lang_of(&built.read(&page))
        )) {
            for w in words.iter().filter(|w| has_word(&text, w)) {
                found.push(format!("{page}: {w:?} in {:?}", text.trim()));
            }
        }
    }
    found
}

#[test]
fn the_english_words_are_known() {
    let words = english_words();
    for w in [
        "At a glance",
        "Led by",
        "In this explainer",
        "Source",
        "Explainer",
        "Search needs JavaScript, which is off or still loading",
        "Nothing found for",
        "Nothing found. Try fewer filters",
        "questions answered",
        "Thursday",
        "May",
    ] {
        assert!(
            words.iter().any(|x| x.starts_with(w)),
            "{w:?} not in {words:?}"
        );
    }
    // The check itself: it finds an English word, not one inside another word or name.
    let html = r#"<html lang="uk"><body><p>Led by <a>Putin</a></p><p aria-label="At a glance">x</p><p>Mayor</p><article lang="en"><h1>Search</h1></article></body></html>"#;
    let text = reader_text(html);
    assert!(text.iter().any(|t| has_word(t, "Led by")), "{text:?}");
    assert!(text.iter().any(|t| has_word(t, "At a glance")), "{text:?}");
    assert!(!text.iter().any(|t| has_word(t, "May")), "{text:?}");
    assert!(!text.iter().any(|t| has_word(t, "Search")), "{text:?}");
}

#[test]
fn no_english_interface_words_on_the_default_sites_ukrainian_pages() {
    let built = build(&repo());
    let left = english_left(&built, "uk/");
    assert!(left.is_empty(), "{}", left.join("\n"));
    // The site's title and description in Ukrainian (site.yaml's `languages:`).
    let home = built.read("uk/index.html");
    assert!(
        home.contains("<title>Переговори: пояснюємо</title>"),
        "{home}"
    );
    assert!(
        home.contains("<p class=\"summary\">Прості відповіді"),
        "{home}"
    );
    assert!(built.read("uk/feed.xml").contains("Переговори: пояснюємо"));
    // The English site keeps site.yaml's own.
    assert!(
        built
            .read("index.html")
            .contains("<title>Talks Explained</title>")
    );
    // Words of the search page and its script.
    let search = built.read("uk/search/index.html");
    for w in [
        "Пошук",
        "Слова або імена",
        "Нічого не знайдено",
        "Для пошуку потрібен JavaScript",
    ] {
        assert!(search.contains(w), "{w} not in {search}");
    }
    // Dates given as a weekday, and the status of the talks.
    let page = built.read("uk/istanbul-talks-2025/index.html");
    assert!(page.contains(">четвер</time>"), "no Ukrainian weekday");
    assert!(page.contains(">заплановано</span>"), "no Ukrainian status");
    // The JSON-LD's phrases too (search engines read them as the page's language).
    assert!(
        page.contains("\"name\":\"Делегація: Україна\""),
        "JSON-LD delegation"
    );
    assert!(
        page.contains("Очолює Rustem Umerov; з ним"),
        "JSON-LD delegation size"
    );
    assert!(!page.contains("Delegation of") && !page.contains("Led by"));
    let en = built.read("istanbul-talks-2025/index.html");
    assert!(
        en.contains("\"name\":\"Delegation of Ukraine\"")
            && en.contains("Led by Rustem Umerov, with")
    );
}

#[test]
fn no_english_interface_words_on_translated_series_topic_and_list_pages() {
    let site = tempfile::tempdir().unwrap();
    copy_dir(&fixture("multilingual-site"), site.path());
    let content = site.path().join("content");
    std::fs::write(
        content.join("series.yaml"),
        "- id: arland-borovia\n  title: Arland–Borovia negotiations\n",
    )
    .unwrap();
    std::fs::write(
        content.join("topics.yaml"),
        "- id: rivers\n  name: Rivers\n",
    )
    .unwrap();
    std::fs::write(
        content.join("countries.yaml"),
        "- code: XA\n  name: Arland\n",
    )
    .unwrap();
    for slug in ["river-talks", "border-talks"] {
        edit(
            &content.join(slug).join("index.md"),
            "\n---\n",
            "\nseries: arland-borovia\ntopics: [rivers]\ncountries: [XA]\n---\n",
        );
    }
    edit(
        &content.join("site.yaml"),
        "\nlanguage: en\n",
        "\nlanguage: en\npaginate_by: 1\n",
    );
    let built = build(site.path());
    for page in [
        "uk/series/arland-borovia/index.html",
        "uk/topics/rivers/index.html",
        "uk/topics/index.html",
        "uk/countries/index.html",
        "uk/page/2/index.html",
    ] {
        assert!(built.out().join(page).is_file(), "{page} is missing");
    }
    let series = built.read("uk/river-talks/index.html");
    assert!(series.contains("Раунд 2 з 2 у серії"), "{series}");
    for folder in ["uk/", "ru/", "tr/"] {
        let left = english_left(&built, folder);
        assert!(left.is_empty(), "{}", left.join("\n"));
    }
}

#[test]
fn no_english_interface_words_on_the_fixtures_translated_pages() {
    let built = build(&fixture("multilingual-site"));
    for folder in ["uk/", "ru/", "tr/"] {
        let left = english_left(&built, folder);
        assert!(left.is_empty(), "{}", left.join("\n"));
    }
    // The fallback page keeps its English article, marked as such, and is not counted above.
    let fallback = built.read("tr/border-talks/index.html");
    assert!(fallback.contains("<article class=\"explainer\" data-pagefind-body lang=\"en\""));
    // A language without its own title has site.yaml's.
    assert!(
        built
            .read("uk/index.html")
            .contains("<title>Пояснення про прикордоння</title>")
    );
    assert!(
        built
            .read("he/index.html")
            .contains("<title>Borderlands Explainers</title>")
    );
}

#[test]
fn every_built_in_language_has_every_word() {
    let dir = tempfile::tempdir().unwrap();
    let strings = parley::lang::i18n::Strings::load(Path::new(dir.path())).unwrap();
    for lang in ["uk", "ru", "tr"] {
        let (missing, _) = strings.missing(lang, lang);
        assert!(missing.is_empty(), "{lang} lacks {missing:?}");
    }
}

#[test]
fn a_tentative_time_without_a_label_is_qualified_in_each_language() {
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(&fixture("multilingual-site"), dir.path());
    let md = dir.path().join("content/river-talks/index.md");
    let text = std::fs::read_to_string(&md).unwrap();
    let tentative = text.replace(
        "  when: 2026-03-02T08:00:00Z\n",
        "  when:\n    at: 2026-03-02T08:00:00Z\n    tentative: true\n",
    );
    assert_ne!(tentative, text);
    std::fs::write(&md, tentative).unwrap();
    let built = build(dir.path());
    let glance = |page: &str| {
        let html = built.read(page);
        let at = html.find("<dt>").unwrap();
        html[at..at + html[at..].find("</dl>").unwrap()].to_string()
    };
    assert!(glance("river-talks/index.html").contains("Provisionally set for <time"));
    let uk = glance("uk/river-talks/index.html");
    assert!(uk.contains("Попередньо призначено на <time"), "{uk}");
    let left = english_left(&built, "uk/");
    assert!(left.is_empty(), "{}", left.join("\n"));
}
