//! Hostile and odd input: no panic, a clear error or a correct build.

mod common;

use std::path::Path;

use assert_cmd::Command;

fn site(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (rel, bytes) in files {
        let p = dir.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }
    dir
}

const SITE: &[u8] = b"title: Odd input\n";

fn run(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let out = Command::cargo_bin("parley")
        .unwrap()
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

#[test]
fn bom_and_crlf_files_build_like_plain_ones() {
    let body = "\u{feff}---\r\ntitle: CRLF talks\r\npublished: 2026-01-05\r\n---\r\nLead.\r\n\r\n## When?\r\n\r\nSoon.\r\n\r\n## Where? {#where}\r\n\r\nHere.\r\n";
    let dir = site(&[
        ("content/site.yaml", b"\xef\xbb\xbftitle: BOM site\r\n"),
        ("content/crlf/index.md", body.as_bytes()),
    ]);
    let (code, err) = run(dir.path(), &["build"]);
    assert_eq!(code, Some(0), "{err}");
    let html = std::fs::read_to_string(dir.path().join("public/crlf/index.html")).unwrap();
    assert!(html.contains("<h2 id=\"when\">When?</h2>"));
    assert!(html.contains("<h2 id=\"where\">Where?</h2>"));
    assert!(html.contains("<title>CRLF talks | BOM site</title>"));
}

#[test]
fn empty_files_are_errors_not_panics() {
    let dir = site(&[
        ("content/site.yaml", b""),
        ("content/a/index.md", b""),
        ("content/people.yaml", b""),
    ]);
    let (code, err) = run(dir.path(), &["check"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("content/site.yaml:1:1: missing key `title`"),
        "{err}"
    );
    assert!(
        err.contains("content/a/index.md:1:1: this explainer has no front matter"),
        "{err}"
    );
}

#[test]
fn missing_content_folder_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let (code, err) = run(dir.path(), &["build"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("no content/ folder here"), "{err}");
    assert!(!dir.path().join("public").exists());
}

#[test]
fn a_ten_megabyte_answer_builds() {
    let mut body = String::from("---\ntitle: Long\npublished: 2026-01-05\n---\n## How long?\n\n");
    let para = "The delegations met again in the afternoon and talked about the river. ".repeat(20)
        + "\n\n";
    while body.len() < 10 * 1024 * 1024 {
        body.push_str(&para);
    }
    let dir = site(&[
        ("content/site.yaml", SITE),
        ("content/long/index.md", body.as_bytes()),
    ]);
    let (code, err) = run(dir.path(), &["build"]);
    assert_eq!(code, Some(0), "{err}");
    let len = std::fs::metadata(dir.path().join("public/long/index.html"))
        .unwrap()
        .len();
    assert!(len > 10 * 1024 * 1024);
}

#[test]
fn ten_thousand_deep_nesting_does_not_crash() {
    let mut body = String::from("---\ntitle: Deep\npublished: 2026-01-05\n---\n## Deep?\n\n");
    body.push_str(&"> ".repeat(10_000));
    body.push_str("quote\n\n");
    for i in 0..10_000 {
        body.push_str(&" ".repeat(i.min(2000) * 2));
        body.push_str("- item\n");
    }
    body.push('\n');
    body.push_str(&"[".repeat(10_000));
    body.push_str(&"*".repeat(10_000));
    body.push_str("\n\n");
    body.push_str(&"{{ ".repeat(5_000));
    body.push('\n');
    let dir = site(&[
        ("content/site.yaml", SITE),
        ("content/deep/index.md", body.as_bytes()),
    ]);
    let (code, err) = run(dir.path(), &["build"]);
    assert_eq!(code, Some(0), "{err}");
}

/// Co-located files are copied beside the explainer's page, in sub-folders too and through
/// symbolic links; content files and editor junk are not.
#[cfg(unix)]
#[test]
fn co_located_files_are_copied_from_flat_and_nested_folders() {
    let index = b"---\ntitle: A\npublished: 2026-01-05\n---\n## Q?\n\nA.\n\n{{ timeline() }}\n";
    let flat = site(&[
        ("content/site.yaml", SITE),
        ("content/a/index.md", index),
        ("content/a/map.svg", b"<svg/>"),
        ("content/a/notes.md", b"not an asset"),
        ("content/a/.map.svg.swp", b"junk"),
        (
            "content/a/timeline.yaml",
            b"- date: 2026-01-04\n  text: Before.\n",
        ),
    ]);
    let (code, err) = run(flat.path(), &["build"]);
    assert_eq!(code, Some(0), "{err}");
    let out = flat.path().join("public/a");
    assert_eq!(std::fs::read(out.join("map.svg")).unwrap(), b"<svg/>");
    assert!(!out.join("notes.md").exists());
    assert!(!out.join(".map.svg.swp").exists());
    assert!(!out.join("timeline.yaml").exists());
    let page = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(page.contains("Before."), "the timeline was read");

    let nested = site(&[
        ("content/site.yaml", SITE),
        (
            "content/a/index.md",
            b"---\ntitle: A\npublished: 2026-01-05\n---\n## Q?\n\nA.\n",
        ),
        ("content/a/maps/river.svg", b"<svg>river</svg>"),
        ("elsewhere/photo.jpg", b"jpeg"),
    ]);
    std::os::unix::fs::symlink(
        nested.path().join("elsewhere/photo.jpg"),
        nested.path().join("content/a/photo.jpg"),
    )
    .unwrap();
    let (code, err) = run(nested.path(), &["build"]);
    assert_eq!(code, Some(0), "{err}");
    let out = nested.path().join("public/a");
    assert_eq!(
        std::fs::read(out.join("maps/river.svg")).unwrap(),
        b"<svg>river</svg>"
    );
    assert_eq!(std::fs::read(out.join("photo.jpg")).unwrap(), b"jpeg");
}

/// `parley check` on a site whose one explainer (`index`) holds a link to its own folder.
#[cfg(unix)]
fn check_with_link_loop(index: &[u8]) -> (Option<i32>, String) {
    let dir = site(&[("content/site.yaml", SITE), ("content/a/index.md", index)]);
    std::os::unix::fs::symlink(
        dir.path().join("content/a"),
        dir.path().join("content/a/loop"),
    )
    .unwrap();
    run(dir.path(), &["check"])
}

#[cfg(unix)]
#[test]
fn symlink_loops_in_content_are_reported() {
    let (code, err) =
        check_with_link_loop(b"---\ntitle: A\npublished: 2026-01-05\n---\n## Q?\n\nA.\n");
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("symbolic link loop"), "{err}");
}

/// A link loop does not hide the explainer's other problems: one run reports both.
#[cfg(unix)]
#[test]
fn symlink_loops_are_reported_beside_front_matter_errors() {
    let (code, err) = check_with_link_loop(
        b"---\ntitle: A\npublished: 2026-01-05\nsumary: typo\n---\n## Q?\n\nA.\n",
    );
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("symbolic link loop"), "{err}");
    assert!(err.contains("unknown key `sumary`"), "{err}");
}

/// Explainer folders are listed in one pass unless one is a symbolic link: then the walk
/// follows it (a linked explainer is built) and reports a link back up the tree.
#[cfg(unix)]
#[test]
fn linked_explainer_folders_are_followed_and_loops_at_the_top_reported() {
    let index = b"---\ntitle: A\npublished: 2026-01-05\n---\n## Q?\n\nA.\n";
    let dir = site(&[
        ("content/site.yaml", SITE),
        ("content/a/index.md", index),
        ("elsewhere/b/index.md", index),
    ]);
    std::os::unix::fs::symlink(dir.path().join("elsewhere/b"), dir.path().join("content/b"))
        .unwrap();
    let (code, err) = run(dir.path(), &["build"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(dir.path().join("public/a/index.html").is_file());
    assert!(dir.path().join("public/b/index.html").is_file());

    std::os::unix::fs::symlink(dir.path().join("content"), dir.path().join("content/up")).unwrap();
    let (code, err) = run(dir.path(), &["check"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("symbolic link loop"), "{err}");
    assert!(err.contains("content/up"), "{err}");
}

#[test]
fn raw_html_and_script_injection_are_escaped_by_default() {
    let evil = "---\ntitle: \"<script>alert(1)</script>\"\nsummary: \"\\\" onmouseover=\\\"x\"\npublished: 2026-01-05\nupdates:\n  - at: 2026-01-05\n    text: \"<img src=x onerror=alert(1)>\"\n---\n<script>alert(2)</script>\n\n## Q <b>bold</b>?\n\n<iframe src=\"https://evil.example\"></iframe>\n";
    let people = b"- id: x\n  name: \"<b>X</b>\"\n  role: \"</span><script>alert(3)</script>\"\n";
    let dir = site(&[
        ("content/site.yaml", SITE),
        ("content/people.yaml", people),
        ("content/evil/index.md", evil.as_bytes()),
    ]);
    let (code, err) = run(dir.path(), &["build"]);
    assert_eq!(code, Some(0), "{err}");
    for f in [
        "public/evil/index.html",
        "public/index.html",
        "public/people/x/index.html",
        "public/people/index.html",
    ] {
        let html = std::fs::read_to_string(dir.path().join(f)).unwrap();
        assert!(!html.contains("<script>alert"), "{f} has a live script");
        assert!(!html.contains("<iframe"), "{f} has a live iframe");
        assert!(!html.contains("<img src=x"), "{f} has a live img");
        assert!(
            !html.contains("\"\" onmouseover"),
            "{f} has an attribute break-out"
        );
    }
    let page = std::fs::read_to_string(dir.path().join("public/evil/index.html")).unwrap();
    assert!(page.contains("&lt;script&gt;alert(2)&lt;/script&gt;"));

    // With allow_raw_html, Markdown's raw HTML passes, front matter is still escaped.
    let dir2 = site(&[
        ("content/site.yaml", b"title: Raw\nallow_raw_html: true\n"),
        ("content/people.yaml", people),
        ("content/evil/index.md", evil.as_bytes()),
    ]);
    let (code, err) = run(dir2.path(), &["build"]);
    assert_eq!(code, Some(0), "{err}");
    let page = std::fs::read_to_string(dir2.path().join("public/evil/index.html")).unwrap();
    assert!(page.contains("<iframe src=\"https://evil.example\"></iframe>"));
    assert!(!page.contains("<title><script>"));
}
