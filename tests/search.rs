//! `search: true` (issue 22): the Pagefind index is built from the pages, written and recorded
//! like every other file, lands each question as its own sub-result, carries the filters from
//! the model, and is the same bytes when nothing changed.

#![cfg(feature = "search")]

mod common;

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;
use std::process::Command;

use common::{Built, all_files, build, fixture, repo};
use serde_json::Value;

/// Every fragment of the index (one per indexed page), decoded: url -> fragment.
fn fragments(out: &Path) -> BTreeMap<String, Value> {
    fragments_of(out, "")
}

/// The fragments of one language's part of the index (Pagefind names them `<lang>_<hash>`).
fn fragments_of(out: &Path, lang: &str) -> BTreeMap<String, Value> {
    let dir = out.join("pagefind/fragment");
    let mut by_url = BTreeMap::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let entry = entry.unwrap();
        if !entry.file_name().to_string_lossy().starts_with(lang) {
            continue;
        }
        let bytes = std::fs::read(entry.path()).unwrap();
        let mut text = Vec::new();
        flate2::read::GzDecoder::new(&bytes[..])
            .read_to_end(&mut text)
            .unwrap();
        let json = text
            .strip_prefix(b"pagefind_dcd")
            .expect("a Pagefind fragment");
        let v: Value = serde_json::from_slice(json).unwrap();
        by_url.insert(v["url"].as_str().unwrap().to_string(), v);
    }
    by_url
}

fn manifest(out: &Path) -> BTreeMap<String, Value> {
    let text = std::fs::read_to_string(out.join(".parley-manifest.json")).unwrap();
    let v: Value = serde_json::from_str(&text).unwrap();
    v["files"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// The index's files are on disk, every one in the build record, and a second build with no
/// change writes nothing (the index is deterministic).
fn index_is_written_recorded_and_stable(built: &Built, root: &Path) {
    let out = built.out();
    for f in [
        "pagefind/pagefind.js",
        "pagefind/pagefind-entry.json",
        "search/index.html",
    ] {
        assert!(built.exists(f), "{f} was not written");
    }
    let on_disk: Vec<String> = all_files(&out)
        .into_iter()
        .filter(|f| f.starts_with("pagefind/"))
        .collect();
    assert!(on_disk.iter().any(|f| f.starts_with("pagefind/fragment/")));
    assert!(on_disk.iter().any(|f| f.starts_with("pagefind/index/")));
    assert!(on_disk.iter().any(|f| f.starts_with("pagefind/wasm.")));
    // Pagefind's own ready-made interfaces are not shipped: the page has its own.
    assert!(!on_disk.iter().any(|f| f.contains("-ui.")), "{on_disk:?}");
    let recorded = manifest(&out);
    for f in &on_disk {
        assert!(recorded.contains_key(f), "{f} is not in the build record");
    }
    let again = parley::build(&parley::BuildOptions {
        root: root.to_path_buf(),
        output: Some(out.clone()),
        ..Default::default()
    })
    .unwrap();
    assert_eq!(
        (again.changes.written, again.changes.removed),
        (0, 0),
        "a build with no change rewrote files"
    );
}

#[test]
fn default_site_index_lands_on_each_question_with_model_filters() {
    let built = build(&repo());
    index_is_written_recorded_and_stable(&built, &repo());
    let out = built.out();

    let entry: Value = serde_json::from_str(&built.read("pagefind/pagefind-entry.json")).unwrap();
    let people = all_files(&out)
        .into_iter()
        .filter(|f| {
            f.starts_with("people/") && f.ends_with("/index.html") && f != "people/index.html"
        })
        .count();
    // Each explainer and each person's page: not the question cards, home or lists.
    assert_eq!(entry["languages"]["en"]["page_count"], 1 + people);

    let frags = fragments(&out);
    let e = &frags["/istanbul-talks-2025/"];
    assert_eq!(
        e["meta"]["title"],
        "Russia–Ukraine talks in Istanbul: what we know"
    );
    // Every question heading is an anchor (a sub-result) with the question's text.
    let html = built.read("istanbul-talks-2025/index.html");
    let anchors: Vec<(String, String)> = e["anchors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["id"].as_str().unwrap().into(),
                a["text"].as_str().unwrap().into(),
            )
        })
        .collect();
    let questions = html.matches("<section class=\"question\"").count();
    assert!(questions >= 5, "{questions} questions");
    for (id, text) in [
        ("who-is-expected-to-attend", "Who is expected to attend?"),
        ("why-turkiye", "Why Türkiye?"),
    ] {
        assert!(
            anchors.contains(&(id.to_string(), text.to_string())),
            "no sub-result {id} {text:?} in {anchors:?}"
        );
    }
    // The index, the at-a-glance box and the self-links are not indexed text.
    let content = e["content"].as_str().unwrap();
    assert!(!content.contains("In this explainer"), "{content}");
    assert!(!content.contains("Link to this question"), "{content}");
    assert!(content.contains("Medinsky"));
    // Filters, from the model.
    assert_eq!(
        e["filters"]["party"],
        serde_json::json!(["Russia", "Ukraine"])
    );
    assert_eq!(e["filters"]["status"], serde_json::json!(["scheduled"]));
    let persons = e["filters"]["person"].as_array().unwrap();
    assert!(persons.contains(&"Vladimir Medinsky".into()), "{persons:?}");
    assert!(persons.contains(&"Rustem Umerov".into()), "{persons:?}");
    // And the people the answers mention who do not sit at the talks, each once.
    for name in ["Donald Trump", "Marco Rubio", "Erdogan"] {
        assert!(persons.contains(&name.into()), "{name} not in {persons:?}");
    }
    let mut once = persons.clone();
    once.sort_by_key(|v| v.to_string());
    once.dedup();
    assert_eq!(once.len(), persons.len(), "{persons:?}");
    // The explainer's topics and countries (issue 19's terms), by name.
    assert_eq!(
        e["filters"]["topic"],
        serde_json::json!(["Ceasefire", "Prisoner exchanges"])
    );
    let countries = e["filters"]["country"].as_array().unwrap();
    for name in ["Russia", "Ukraine", "Türkiye", "United States"] {
        assert!(
            countries.contains(&name.into()),
            "{name} not in {countries:?}"
        );
    }
    let page = built.read("search/index.html");
    assert!(
        page.contains("<select id=\"search-topic\" name=\"topic\">"),
        "{page}"
    );
    assert!(
        page.contains("<option>Prisoner exchanges</option>"),
        "{page}"
    );
    assert!(
        page.contains("<select id=\"search-country\" name=\"country\">"),
        "{page}"
    );
    // No explainer of the default site is in a series: no select for it.
    assert!(!page.contains("name=\"series\""), "{page}");
    // People's pages: searchable, with their side.
    let m = &frags["/people/vladimir-medinsky/"];
    assert_eq!(m["meta"]["title"], "Vladimir Medinsky");
    assert_eq!(m["filters"]["party"], serde_json::json!(["Russia"]));
    assert_eq!(
        m["filters"]["person"],
        serde_json::json!(["Vladimir Medinsky"])
    );

    // The search page: a plain GET form with the model's sides, and what to do without JS.
    let page = built.read("search/index.html");
    assert!(
        page.contains("action=\"/search/\" method=\"get\""),
        "{page}"
    );
    assert!(page.contains("<option>Russia</option>") && page.contains("<option>Ukraine</option>"));
    assert!(page.contains("Search needs JavaScript"));
    assert!(page.contains("href=\"/people/\""));
    // The header's box on every page.
    assert!(html.contains("<form class=\"site-search\" role=\"search\""));
    // Cache rules for the content-hashed index files, and none too broad.
    let headers = built.read("_headers");
    assert!(
        headers
            .contains("/pagefind/fragment/*\n  Cache-Control: public, max-age=31536000, immutable"),
        "{headers}"
    );
    assert!(
        headers.contains("/pagefind/index/*\n  Cache-Control: public, max-age=31536000, immutable"),
        "{headers}"
    );
    assert!(!headers.contains("/pagefind/*\n"), "{headers}");
    assert!(!headers.contains("/pagefind/pagefind.js\n"), "{headers}");
}

#[test]
fn synthetic_200_explainer_site_is_indexed_and_stable() {
    let dir = tempfile::tempdir().unwrap();
    let status = Command::new("python3")
        .arg(repo().join("bench/gen_site.py"))
        .args([
            "--explainers",
            "200",
            "--only",
            "parley",
            "--search",
            "on",
            "--words",
            "40",
        ])
        .arg("--out")
        .arg(dir.path())
        .output()
        .expect("python3 runs bench/gen_site.py");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let root = dir.path().join("parley");
    let built = build(&root);
    assert_eq!(built.report.explainers, 200);
    index_is_written_recorded_and_stable(&built, &root);
    let out = built.out();
    let frags = fragments(&out);
    let explainers: Vec<&Value> = frags
        .values()
        .filter(|f| !f["url"].as_str().unwrap().starts_with("/people/"))
        .collect();
    assert_eq!(explainers.len(), 200);
    for f in explainers {
        assert!(
            !f["anchors"].as_array().unwrap().is_empty(),
            "{} has no question anchors",
            f["url"]
        );
        assert!(
            f["filters"]["party"]
                .as_array()
                .is_some_and(|p| p.len() >= 2),
            "{}",
            f["url"]
        );
        assert!(
            f["filters"]["status"]
                .as_array()
                .is_some_and(|s| s.len() == 1),
            "{}",
            f["url"]
        );
    }
}

#[test]
fn without_search_there_is_no_index_page_or_box() {
    let built = build(&fixture("geneva-site"));
    assert!(!built.exists("pagefind"));
    assert!(!built.exists("search/index.html"));
    let home = built.read("index.html");
    assert!(!home.contains("site-search"));
    assert!(!built.read("_headers").contains("pagefind"));
}

#[test]
fn an_edit_in_serve_is_searchable_at_once() {
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(&repo().join("content"), &dir.path().join("content"));
    let root = dir.path();
    let opts = parley::BuildOptions {
        root: root.to_path_buf(),
        ..Default::default()
    };
    let mut live = parley::serve::incremental::LiveSite::build(&opts).unwrap();
    let md = root.join("content/istanbul-talks-2025/index.md");
    let text = std::fs::read_to_string(&md).unwrap();
    std::fs::write(
        &md,
        text.replace("## Why Türkiye?", "## Why Türkiye, said Quillfeather?"),
    )
    .unwrap();
    live.update(&[parley::serve::incremental::Change::Explainer(
        "istanbul-talks-2025".into(),
    )])
    .unwrap();
    assert!(
        live.files()
            .iter()
            .any(|(p, _)| p.starts_with("pagefind/index/")),
        "no index after the rebuild"
    );
    // Write the in-memory site out and read the explainer's fragment.
    let out = tempfile::tempdir().unwrap();
    for (p, o) in live.files() {
        if let parley::render::Output::Bytes(b) = o {
            let f = out.path().join(p);
            std::fs::create_dir_all(f.parent().unwrap()).unwrap();
            std::fs::write(f, b).unwrap();
        }
    }
    let frags = fragments(out.path());
    let anchors = frags["/istanbul-talks-2025/"]["anchors"].to_string();
    assert!(
        anchors.contains("Why Türkiye, said Quillfeather?"),
        "{anchors}"
    );
}

#[test]
fn each_language_has_its_search_page_and_its_own_part_of_the_index() {
    let built = build(&repo());
    let out = built.out();
    let entry: Value = serde_json::from_str(&built.read("pagefind/pagefind-entry.json")).unwrap();
    let searchable = |folder: &str| {
        all_files(&out)
            .into_iter()
            .filter(|f| f.starts_with(folder) && f.ends_with("index.html"))
            .filter(|f| built.read(f).contains("data-pagefind-body"))
            .count()
    };
    let uk_pages = searchable("uk/");
    assert!(uk_pages > 10, "{uk_pages}");
    assert_eq!(entry["languages"]["uk"]["page_count"], uk_pages);
    assert_eq!(
        entry["languages"]["en"]["page_count"],
        searchable("") - uk_pages
    );
    // The Ukrainian part holds the Ukrainian pages only, and the English part none of them:
    // a search on a Ukrainian page (Pagefind picks the part by `<html lang>`) finds only them.
    let uk = fragments_of(&out, "uk_");
    assert_eq!(uk.len(), uk_pages);
    assert!(uk.keys().all(|u| u.starts_with("/uk/")), "{uk:?}");
    assert!(
        fragments_of(&out, "en_")
            .keys()
            .all(|u| !u.starts_with("/uk/"))
    );
    let e = &uk["/uk/istanbul-talks-2025/"];
    assert_eq!(
        e["meta"]["title"],
        "Переговори Росії та України в Стамбулі: що відомо"
    );
    let content = e["content"].as_str().unwrap();
    assert!(
        content.contains("Стамбул") && content.contains("Medinsky"),
        "{content}"
    );
    assert!(
        !content.contains("У цьому поясненні"),
        "the index is not indexed: {content}"
    );
    // Its filters as the Ukrainian page names them.
    assert_eq!(
        e["filters"]["party"],
        serde_json::json!(["Росія", "Україна"])
    );
    assert_eq!(
        e["filters"]["topic"],
        serde_json::json!(["Припинення вогню", "Обміни полоненими"])
    );
    assert_eq!(e["filters"]["status"], serde_json::json!(["заплановано"]));
    let anchors = e["anchors"].to_string();
    assert!(
        anchors.contains("why-turkiye") && anchors.contains("Чому Туреччина?"),
        "{anchors}"
    );

    // The Ukrainian search page: in Ukrainian, searching from the one index, offering the
    // choices the Ukrainian pages' filters have, and the translation of the English one.
    let page = built.read("uk/search/index.html");
    assert!(page.contains("<html lang=\"uk\""), "{page}");
    assert!(
        page.contains("action=\"/uk/search/\" method=\"get\""),
        "{page}"
    );
    assert!(page.contains("data-pagefind=\"/pagefind/pagefind.js\" data-base=\"/\""));
    assert!(
        page.contains("<option>Росія</option>") && page.contains("<option>заплановано</option>")
    );
    assert!(page.contains("<option>заплановано</option>"));
    assert!(page.contains("hreflang=\"en\" href=\"https://example.org/search/\""));
    assert!(
        built
            .read("search/index.html")
            .contains("hreflang=\"uk\" href=\"https://example.org/uk/search/\"")
    );
    // The header's box on a Ukrainian page opens it.
    let html = built.read("uk/istanbul-talks-2025/index.html");
    assert!(
        html.contains("action=\"/uk/search/\""),
        "the box opens the Ukrainian page"
    );
}

/// Write a live site's files into a folder (to read its index as a build's).
fn write_out(live: &parley::serve::incremental::LiveSite) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    for (p, o) in live.files() {
        if let parley::render::Output::Bytes(b) = o {
            let f = out.path().join(p);
            std::fs::create_dir_all(f.parent().unwrap()).unwrap();
            std::fs::write(f, b).unwrap();
        }
    }
    out
}

fn index_of(live: &parley::serve::incremental::LiveSite) -> Vec<(String, Vec<u8>)> {
    live.files()
        .iter()
        .filter(|(p, _)| p.starts_with("pagefind/"))
        .map(|(p, o)| match o {
            parley::render::Output::Bytes(b) => (p.clone(), b.clone()),
            _ => panic!("{p} is in memory"),
        })
        .collect()
}

#[test]
fn serve_indexes_again_only_what_changed_and_after_the_pages() {
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(&repo().join("content"), &dir.path().join("content"));
    let root = dir.path();
    let opts = parley::BuildOptions {
        root: root.to_path_buf(),
        ..Default::default()
    };
    let live = parley::serve::incremental::LiveSite::build(&opts).unwrap();
    assert!(!live.search_stale());
    let before = index_of(&live);

    // A change to what no index reads (a style sheet, the pages' heads): the rebuilt site
    // keeps the index as it was, with nothing to index again.
    std::fs::create_dir_all(root.join("static")).unwrap();
    std::fs::write(root.join("static/extra.css"), "p { color: teal }").unwrap();
    let live =
        parley::serve::incremental::LiveSite::build_keeping(&opts, Some(live.previous_index()))
            .unwrap();
    assert!(
        !live.search_stale(),
        "an unindexed change made the index stale"
    );
    assert!(live.search_job().is_none());
    assert_eq!(index_of(&live), before);

    // An edit to a Ukrainian answer: the pages have it at once, the index is stale and still
    // the previous one (it answers until the new one is in), and made again it has the edit.
    let uk = root.join("content/istanbul-talks-2025/index.uk.md");
    let text = std::fs::read_to_string(&uk).unwrap();
    assert!(text.contains("## Чому Туреччина?"));
    std::fs::write(
        &uk,
        text.replace("## Чому Туреччина?", "## Чому Туреччина, спитав Квілфезер?"),
    )
    .unwrap();
    let mut live =
        parley::serve::incremental::LiveSite::build_keeping(&opts, Some(live.previous_index()))
            .unwrap();
    let page = live.get("uk/istanbul-talks-2025/index.html").unwrap();
    assert!(
        matches!(page, parley::render::Output::Bytes(b) if String::from_utf8_lossy(b).contains("Квілфезер"))
    );
    assert!(live.search_stale());
    assert_eq!(
        index_of(&live),
        before,
        "the previous index until the new one is made"
    );
    let job = live.search_job().expect("a stale index has a job");
    let made = job.run().unwrap();
    assert!(live.apply_search(made));
    assert!(!live.search_stale());
    let out = write_out(&live);
    let anchors =
        fragments_of(out.path(), "uk_")["/uk/istanbul-talks-2025/"]["anchors"].to_string();
    assert!(
        anchors.contains("Чому Туреччина, спитав Квілфезер?"),
        "{anchors}"
    );
    // Only the Ukrainian part of the index changed.
    let after = index_of(&live);
    let en = |files: &[(String, Vec<u8>)]| -> Vec<(String, Vec<u8>)> {
        files
            .iter()
            .filter(|(p, _)| p.contains("/en_") || p.contains(".en_"))
            .cloned()
            .collect()
    };
    assert_eq!(en(&after), en(&before));
    assert_ne!(after, before);
    // _headers follows the index's new file names.
    let headers = match live.get("_headers").unwrap() {
        parley::render::Output::Bytes(b) => String::from_utf8(b.clone()).unwrap(),
        _ => unreachable!(),
    };
    let meta = after
        .iter()
        .find(|(p, _)| p.starts_with("pagefind/pagefind.uk_"))
        .unwrap();
    assert!(headers.contains(&format!("/{}\n", meta.0)), "{headers}");

    // A job made for pages that changed since is not put in (their own job makes the index),
    // even when a full rebuild came in between.
    std::fs::write(
        &uk,
        text.replace("## Чому Туреччина?", "## Чому саме Туреччина?"),
    )
    .unwrap();
    let live =
        parley::serve::incremental::LiveSite::build_keeping(&opts, Some(live.previous_index()))
            .unwrap();
    let outdated = live.search_job().unwrap().run().unwrap();
    std::fs::write(
        &uk,
        text.replace("## Чому Туреччина?", "## Чому ж Туреччина?"),
    )
    .unwrap();
    let mut live =
        parley::serve::incremental::LiveSite::build_keeping(&opts, Some(live.previous_index()))
            .unwrap();
    assert!(!live.apply_search(outdated));
    assert!(live.search_stale());
    live.refresh_search().unwrap();
    assert!(!live.search_stale());
    let out = write_out(&live);
    let anchors =
        fragments_of(out.path(), "uk_")["/uk/istanbul-talks-2025/"]["anchors"].to_string();
    assert!(anchors.contains("Чому ж Туреччина?"), "{anchors}");
}
