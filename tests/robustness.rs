//! Hostile and odd input: no panic, a clear error or a correct build.

mod common;

use std::path::{Path, PathBuf};

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

const INDEX: &[u8] = b"---\ntitle: A\npublished: 2026-01-05\n---\n## Q?\n\nA.\n";

/// `parley check` and `parley build` (into a fresh folder) on `dir`: both exit 1 with the same
/// report, and the build writes nothing. Returns the report.
fn fails_alike(dir: &Path) -> String {
    let (code, err) = run(dir, &["check"]);
    assert_eq!(code, Some(1), "check: {err}");
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let (code, build_err) = run(dir, &["build", "--output", out.to_str().unwrap()]);
    assert_eq!(code, Some(1), "build: {build_err}");
    assert_eq!(build_err, err, "build reports what check reports");
    assert!(!out.exists(), "a failed build writes nothing");
    err
}

/// Files from outside the site folder: every kind of symbolic link that leads out of it is an
/// error naming the link and its target, in `check`, `build` and serve's builds, and what it
/// leads to is never read into an error or the output.
#[cfg(unix)]
#[test]
fn links_out_of_the_site_are_errors_naming_the_link_and_its_target() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.txt");
    std::fs::write(&secret, "root:x:0:0:SECRET-LINE\n").unwrap();
    std::fs::create_dir_all(outside.path().join("dir")).unwrap();
    std::fs::write(outside.path().join("dir/x.txt"), "SECRET-LINE").unwrap();
    std::fs::create_dir_all(outside.path().join("explainer")).unwrap();
    std::fs::write(outside.path().join("explainer/index.md"), INDEX).unwrap();
    let real = |p: &str| std::fs::canonicalize(outside.path().join(p)).unwrap();
    let cases: &[(&str, PathBuf)] = &[
        ("content/a/leak.txt", real("secret.txt")),
        ("content/a/maps", real("dir")),
        ("content/b", real("explainer")),
        ("content/people.yaml", real("secret.txt")),
        ("content/a/timeline.yaml", real("secret.txt")),
        ("static/leak.txt", real("secret.txt")),
        ("static/dir", real("dir")),
        ("templates/partials/leak.html", real("secret.txt")),
    ];
    for (link, target) in cases {
        let dir = site(&[
            ("content/site.yaml", SITE),
            ("content/a/index.md", INDEX),
            ("static/inside/in.txt", b"in"),
            ("templates/partials/.keep", b""),
        ]);
        let at = dir.path().join(link);
        std::fs::create_dir_all(at.parent().unwrap()).unwrap();
        std::os::unix::fs::symlink(target, &at).unwrap();
        let err = fails_alike(dir.path());
        let want = format!(
            "error: {link}: a symbolic link to `{}`, outside the site folder",
            target.display()
        );
        assert!(err.starts_with(&want), "{link}: {err}");
        assert!(
            !err.contains("SECRET"),
            "{link}: the target's text is shown: {err}"
        );

        // serve builds through the same pipeline.
        let opts = parley::BuildOptions {
            root: dir.path().to_path_buf(),
            live_reload: true,
            ..Default::default()
        };
        match parley::serve::incremental::LiveSite::build(&opts) {
            Err(parley::BuildError::Content(e)) => {
                assert!(e.plain_report().starts_with(&want), "{link}: serve")
            }
            Err(e) => panic!("{link}: serve fails otherwise: {e}"),
            Ok(_) => panic!("{link}: serve built the site"),
        }
    }

    // site.yaml itself.
    let dir = site(&[("content/a/index.md", INDEX)]);
    std::os::unix::fs::symlink(&secret, dir.path().join("content/site.yaml")).unwrap();
    let err = fails_alike(dir.path());
    assert!(
        err.contains("content/site.yaml: a symbolic link to"),
        "{err}"
    );
    assert!(!err.contains("SECRET"), "{err}");
}

/// Links that stay inside the site folder keep working, in static/ and templates/ too.
#[cfg(unix)]
#[test]
fn links_inside_the_site_keep_working() {
    let dir = site(&[
        ("content/site.yaml", SITE),
        ("content/a/index.md", INDEX),
        ("shared/logo.svg", b"<svg>logo</svg>"),
        ("shared/partial.html", b"<p>shared 404</p>"),
    ]);
    std::fs::create_dir_all(dir.path().join("static")).unwrap();
    std::fs::create_dir_all(dir.path().join("templates")).unwrap();
    std::os::unix::fs::symlink("../shared/logo.svg", dir.path().join("static/logo.svg")).unwrap();
    std::os::unix::fs::symlink("../shared", dir.path().join("static/shared")).unwrap();
    std::os::unix::fs::symlink(
        dir.path().join("shared/partial.html"),
        dir.path().join("templates/404.html"),
    )
    .unwrap();
    let (code, err) = run(dir.path(), &["build"]);
    assert_eq!(code, Some(0), "{err}");
    let out = dir.path().join("public");
    assert_eq!(
        std::fs::read(out.join("logo.svg")).unwrap(),
        b"<svg>logo</svg>"
    );
    assert!(out.join("shared/logo.svg").is_file());
    assert_eq!(
        std::fs::read_to_string(out.join("404.html")).unwrap(),
        "<p>shared 404</p>"
    );
}

/// `check` and `build` on a site where `make` put something odd: both fail alike, fast (a
/// FIFO is never opened), with an error naming the file.
#[cfg(unix)]
fn odd_file_fails(make: fn(&Path), want: &str) {
    let dir = site(&[("content/site.yaml", SITE), ("content/b/index.md", INDEX)]);
    std::fs::create_dir_all(dir.path().join("content/a")).unwrap();
    make(dir.path());
    let started = std::time::Instant::now();
    let err = fails_alike(dir.path());
    assert!(started.elapsed().as_secs() < 60, "{want}: took too long");
    assert!(err.starts_with(want), "{want}\n{err}");
    assert!(!err.contains("built 0"), "{err}");
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let ok = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap()
        .success();
    assert!(ok, "mkfifo {}", path.display());
}

/// An index.md that is a folder, a FIFO or a link to /dev/zero, and FIFOs where data files,
/// assets, templates and static files belong: errors, never a silently dropped explainer or
/// a hang.
#[cfg(unix)]
#[test]
fn special_files_where_a_file_belongs_are_errors_not_hangs() {
    odd_file_fails(
        |d| std::fs::create_dir_all(d.join("content/a/index.md/x")).unwrap(),
        "error: content/a/index.md: a folder, not a file",
    );
    odd_file_fails(
        |d| mkfifo(&d.join("content/a/index.md")),
        "error: content/a/index.md: a FIFO (named pipe), not a file",
    );
    odd_file_fails(
        |d| std::os::unix::fs::symlink("/dev/zero", d.join("content/a/index.md")).unwrap(),
        "error: content/a/index.md: a symbolic link to `/dev/zero`, outside the site folder",
    );
    odd_file_fails(
        |d| {
            std::fs::write(d.join("content/a/index.md"), INDEX).unwrap();
            mkfifo(&d.join("content/a/timeline.yaml"));
        },
        "error: content/a/timeline.yaml: a FIFO (named pipe), not a file",
    );
    odd_file_fails(
        |d| {
            std::fs::write(d.join("content/a/index.md"), INDEX).unwrap();
            mkfifo(&d.join("content/a/map.svg"));
        },
        "error: content/a/map.svg: a FIFO (named pipe), not a file",
    );
    odd_file_fails(
        |d| mkfifo(&d.join("content/people.yaml")),
        "error: content/people.yaml: a FIFO (named pipe), not a file",
    );
    odd_file_fails(
        |d| {
            std::fs::create_dir_all(d.join("templates")).unwrap();
            mkfifo(&d.join("templates/home.html"));
        },
        "error: templates/home.html: a FIFO (named pipe), not a file",
    );
    odd_file_fails(
        |d| {
            std::fs::create_dir_all(d.join("static")).unwrap();
            mkfifo(&d.join("static/feed.css"));
        },
        "error: static/feed.css: a FIFO (named pipe), not a file",
    );
}

/// A template that writes without end is stopped at the page bound, naming the template and
/// the page, instead of growing memory for ever.
#[test]
fn a_template_that_writes_without_end_is_stopped() {
    let chunk = "x".repeat(1000);
    let home = format!(
        "{{% for i in range(end=40000) %}}{{% for j in range(end=40000) %}}{chunk}{{% endfor %}}{{% endfor %}}"
    );
    let dir = site(&[
        ("content/site.yaml", SITE),
        ("content/a/index.md", INDEX),
        ("templates/home.html", home.as_bytes()),
    ]);
    let err = fails_alike(dir.path());
    assert!(
        err.starts_with(
            "error: templates/home.html: the template `home.html` wrote more than 64 MB for the page `/`; stopped"
        ),
        "{err}"
    );
}

/// `check` and `build` agree on a question of 10,000 characters: both succeed, and its id,
/// cut after a word, makes a folder name any file system takes.
#[test]
fn a_ten_thousand_character_question_checks_and_builds() {
    let question = "Why do the delegations meet again ".repeat(300);
    assert!(question.len() > 10_000);
    let body = format!("---\ntitle: A\npublished: 2026-01-05\n---\n## {question}?\n\nA.\n");
    let dir = site(&[
        ("content/site.yaml", SITE),
        ("content/a/index.md", body.as_bytes()),
    ]);
    let (code, err) = run(dir.path(), &["check"]);
    assert_eq!(code, Some(0), "{err}");
    let (code, err) = run(dir.path(), &["build"]);
    assert_eq!(code, Some(0), "{err}");
    let ids: Vec<String> = std::fs::read_dir(dir.path().join("public/a"))
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().unwrap().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(ids.len(), 1, "{ids:?}");
    assert!(ids[0].len() <= 80, "{}", ids[0]);
    assert!(
        "why-do-the-delegations-meet-again-"
            .repeat(4)
            .starts_with(&format!("{}-", ids[0])),
        "{}",
        ids[0]
    );
}

/// `--base-url` takes only an absolute http(s) address: anything else is a usage error, and
/// the library refuses it too.
#[test]
fn a_bad_base_url_on_the_command_line_is_refused() {
    let dir = site(&[("content/site.yaml", SITE), ("content/a/index.md", INDEX)]);
    for bad in [
        "javascript:alert(1)//",
        "not a url",
        "https://example.org/?x=1",
    ] {
        let (code, err) = run(dir.path(), &["build", "--base-url", bad]);
        assert_eq!(code, Some(2), "{bad}: {err}");
        assert!(
            err.contains("invalid value") && err.contains("base_url"),
            "{err}"
        );
        assert!(!dir.path().join("public").exists());
    }
    let opts = parley::BuildOptions {
        root: dir.path().to_path_buf(),
        base_url: Some("javascript:alert(1)//".into()),
        ..Default::default()
    };
    match parley::check(&opts) {
        Err(parley::BuildError::Content(e)) => assert!(
            e.plain_report().starts_with(
                "error: --base-url: base_url must be an absolute http:// or https:// address"
            ),
            "{}",
            e.plain_report()
        ),
        other => panic!("accepted: {:?}", other.map(|r| r.pages)),
    }
    let (code, err) = run(
        dir.path(),
        &["build", "--base-url", "https://user.github.io/repo"],
    );
    assert_eq!(code, Some(0), "{err}");
    let feed = std::fs::read_to_string(dir.path().join("public/feed.xml")).unwrap();
    assert!(feed.contains("https://user.github.io/repo/a/"), "{feed}");
}

/// Tabs pass; no other control character reaches a page, even one typed as a YAML escape.
#[test]
fn control_characters_are_refused_and_tabs_pass() {
    let dir = site(&[
        ("content/site.yaml", b"title: \"Odd\\tinput\"\n"),
        (
            "content/a/index.md",
            b"---\ntitle: \"A\\tB\"\npublished: 2026-01-05\n---\n## Q?\n\nA\tb.\n",
        ),
    ]);
    let (code, err) = run(dir.path(), &["build"]);
    assert_eq!(code, Some(0), "{err}");
    for escape in ["\\0", "\\x1b", "\\r", "\\x85", "\\u0007"] {
        let yaml = format!("title: \"Odd{escape}input\"\n");
        std::fs::write(dir.path().join("content/site.yaml"), yaml).unwrap();
        let err = fails_alike(dir.path());
        assert!(
            err.starts_with("error: content/site.yaml:1:8: control character U+"),
            "{escape}: {err}"
        );
    }
}

/// A style sheet whose name fits on disk but not once fingerprinted: `check` finds what
/// `build` would meet (a file name too long), with the file's name.
#[test]
fn a_static_name_too_long_to_fingerprint_fails_check_and_build_alike() {
    let name = format!("static/{}.css", "a".repeat(250));
    let dir = site(&[
        ("content/site.yaml", SITE),
        ("content/a/index.md", INDEX),
        (name.as_str(), b"body{}"),
    ]);
    let err = fails_alike(dir.path());
    assert!(
        err.starts_with(&format!("error: {name}: the file name is too long")),
        "{err}"
    );
}

/// A broken link and a link to itself are errors naming the link; the dangling links editors
/// keep as lock files (Emacs's `.#name`) are passed over.
#[cfg(unix)]
#[test]
fn broken_links_are_errors_and_editor_lock_links_are_ignored() {
    let dir = site(&[
        ("content/site.yaml", SITE),
        ("content/a/index.md", INDEX),
        ("static/x.txt", b"x"),
        ("templates/partials/.keep", b""),
    ]);
    let link = |target: &str, at: &str| {
        std::os::unix::fs::symlink(target, dir.path().join(at)).unwrap();
    };
    link("user@host.4242:1700000000", "content/a/.#index.md");
    link("user@host.4242:1700000000", "static/.#x.txt");
    link("user@host.4242:1700000000", "templates/partials/.#a.html");
    let (code, err) = run(dir.path(), &["build"]);
    assert_eq!(code, Some(0), "{err}");

    link("nowhere.png", "content/a/map.png");
    link("self.txt", "static/self.txt");
    let err = fails_alike(dir.path());
    assert_eq!(
        err,
        "error: content/a/map.png: a broken symbolic link: its target `nowhere.png` does not exist\n  \
         = help: point the link at a file that exists, or remove it\n\n\
         error: static/self.txt: a symbolic link loop: `self.txt` leads back to the link\n  \
         = help: remove the link that leads back to itself\n\
         found 2 problems in the site\n"
    );
}
