//! `serve`'s incremental rebuilds with series, topics, related explainers and paginated lists:
//! an edit re-renders the other explainers whose neighbours or related explainers changed and
//! the list pages, removes the list pages that are gone, and equals a full build.

mod common;
use common::{copy_dir, edit};

use std::path::Path;

use parley::BuildOptions;
use parley::render::Output;
use parley::serve::incremental::{Change, LiveSite, classify};

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(Path::new("tests/fixtures/geneva-site"), dir.path());
    dir
}

fn opts(root: &Path) -> BuildOptions {
    BuildOptions {
        root: root.to_path_buf(),
        base_url: Some("http://127.0.0.1:1111/".into()),
        live_reload: true,
        ..Default::default()
    }
}

/// The live site, feeds brought up to date, equals a full build of the same sources.
fn assert_same_as_full(live: &mut LiveSite) {
    live.refresh_feeds().expect("feeds render");
    let (_, full) = parley::render_site(live.options()).expect("the full build succeeds");
    let got: Vec<&str> = live.files().iter().map(|(p, _)| p.as_str()).collect();
    let want: Vec<&str> = full.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(got, want, "the same files");
    for ((path, a), (_, b)) in live.files().iter().zip(&full) {
        if let (Output::Bytes(a), Output::Bytes(b)) = (a, b) {
            assert!(
                a == b,
                "{path} differs from a full build:\n--- incremental\n{}\n--- full\n{}",
                String::from_utf8_lossy(a),
                String::from_utf8_lossy(b)
            );
        }
    }
}

fn page(live: &LiveSite, path: &str) -> String {
    match live.get(path) {
        Some(Output::Bytes(b)) => String::from_utf8(b.clone()).unwrap(),
        _ => panic!("no page {path}"),
    }
}

fn explainer(slug: &str) -> Vec<Change> {
    vec![Change::Explainer(slug.into())]
}

#[test]
fn a_title_edit_reaches_the_other_rounds_and_related_lists() {
    let dir = site();
    let mut live = LiveSite::build(&opts(dir.path())).unwrap();
    edit(
        &dir.path().join("content/geneva-water-talks/index.md"),
        "title: \"",
        "title: \"Renamed: ",
    );
    let r = live.update(&explainer("geneva-water-talks")).unwrap();
    assert!(!r.full, "an explainer edit stays incremental");
    // The Vienna round's next round, Lausanne's related explainers, the series and term
    // pages and the home page all show the new title.
    for p in [
        "border-talks/index.html",
        "lake-commission-talks/index.html",
        "series/arland-borovia-talks/index.html",
        "topics/water/index.html",
        "index.html",
    ] {
        assert!(page(&live, p).contains("Renamed: "), "{p}");
    }
    assert_same_as_full(&mut live);
}

#[test]
fn term_edits_move_explainers_between_list_pages() {
    let dir = site();
    let mut live = LiveSite::build(&opts(dir.path())).unwrap();
    assert!(live.get("topics/water/page/2/index.html").is_some());
    // Lausanne leaves `water`: the topic has two explainers, one page.
    let lake = dir.path().join("content/lake-commission-talks/index.md");
    edit(&lake, "topics: [water]", "topics: [mediation]");
    let r = live.update(&explainer("lake-commission-talks")).unwrap();
    assert!(!r.full);
    assert!(live.get("topics/water/page/2/index.html").is_none());
    assert!(page(&live, "topics/mediation/index.html").contains("lake-commission-talks/"));
    assert_same_as_full(&mut live);

    // An unknown topic: an error, and the site as it was.
    let before = page(&live, "topics/mediation/index.html");
    edit(&lake, "topics: [mediation]", "topics: [mediaton]");
    let e = live
        .update(&explainer("lake-commission-talks"))
        .unwrap_err();
    match &e {
        parley::BuildError::Content(c) => {
            let report = c.plain_report();
            assert!(report.contains("unknown topic `mediaton`"), "{report}");
            assert!(report.contains("did you mean `mediation`?"), "{report}");
        }
        other => panic!("{other}"),
    }
    assert_eq!(page(&live, "topics/mediation/index.html"), before);
    // Fixed: back to `water`, and page 2 comes back.
    edit(&lake, "topics: [mediaton]", "topics: [water]");
    live.update(&[]).unwrap();
    assert!(live.get("topics/water/page/2/index.html").is_some());
    assert_same_as_full(&mut live);
}

#[test]
fn a_shortcode_reading_related_explainers_makes_such_edits_full() {
    let dir = site();
    std::fs::write(
        dir.path().join("templates/shortcodes/see_also.html"),
        "{% for r in explainer.related %}{{ r.title }}{% endfor %}",
    )
    .unwrap();
    let mut live = LiveSite::build(&opts(dir.path())).unwrap();
    edit(
        &dir.path().join("content/geneva-water-talks/index.md"),
        "title: \"",
        "title: \"Renamed: ",
    );
    let r = live.update(&explainer("geneva-water-talks")).unwrap();
    assert!(r.full, "other explainers' shortcodes may show the title");
    assert_same_as_full(&mut live);
    // An edit that changes nothing other explainers show stays incremental.
    edit(
        &dir.path().join("content/geneva-water-talks/index.md"),
        "twenty minutes late",
        "twenty minutes behind schedule",
    );
    let r = live.update(&explainer("geneva-water-talks")).unwrap();
    assert!(!r.full);
    assert_same_as_full(&mut live);
}

#[test]
fn the_declaring_files_are_site_wide_changes() {
    let root = Path::new("/site");
    for f in ["series.yaml", "topics.yaml", "countries.yaml"] {
        assert_eq!(
            classify(root, &root.join("content").join(f)),
            Some(Change::Full),
            "{f}"
        );
    }
}
