//! `parley serve`: incremental rebuilds give the same site as a full build, and the server
//! (started as a real process on an ephemeral port) serves pages, reloads them after an edit,
//! survives a broken file, refuses paths outside the site and stops cleanly on Ctrl-C.

mod common;
use common::{copy_dir, edit};

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use parley::BuildOptions;
use parley::render::Output;
use parley::serve::incremental::{Change, LiveSite};

const FIXTURE: &str = "tests/fixtures/geneva-site";

/// A copy of the fixture site in a temp folder.
fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(Path::new(FIXTURE), dir.path());
    dir
}

// ---------------------------------------------------------------------------------------
// Incremental rebuilds, in memory

fn opts(root: &Path, drafts: bool) -> BuildOptions {
    BuildOptions {
        root: root.to_path_buf(),
        base_url: Some("http://127.0.0.1:1111/".into()),
        drafts,
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
        match (a, b) {
            (Output::Bytes(a), Output::Bytes(b)) => assert!(
                a == b,
                "{path} differs from a full build:\n--- incremental\n{}\n--- full\n{}",
                String::from_utf8_lossy(a),
                String::from_utf8_lossy(b)
            ),
            (Output::Copy(a), Output::Copy(b)) => assert_eq!(a, b, "{path}"),
            _ => panic!("{path}: one is copied, the other rendered"),
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
fn incremental_answer_edit_matches_a_full_build() {
    let dir = site();
    let mut live = LiveSite::build(&opts(dir.path(), false)).unwrap();
    let file = dir.path().join("content/geneva-water-talks/index.md");
    edit(
        &file,
        "## Why Genève?\n",
        "## Why Genève?\n\nA new sentence for the test.\n",
    );
    let r = live.update(&explainer("geneva-water-talks")).unwrap();
    assert!(!r.full, "one explainer, not the whole site");
    assert!(page(&live, "geneva-water-talks/index.html").contains("A new sentence for the test."));
    assert_same_as_full(&mut live);

    // Someone newly named, in place: only their back-links change.
    edit(
        &file,
        "A new sentence for the test.",
        "Halvard sent a note.",
    );
    live.update(&explainer("geneva-water-talks")).unwrap();
    assert!(page(&live, "people/jon-halvard/index.html").contains("Why Genève?"));
    assert_same_as_full(&mut live);
    // And no longer named.
    edit(&file, "Halvard sent a note.", "Someone sent a note.");
    live.update(&explainer("geneva-water-talks")).unwrap();
    assert!(!page(&live, "people/jon-halvard/index.html").contains("Why Genève?"));
    assert_same_as_full(&mut live);
}

#[test]
fn incremental_edits_that_move_back_links_match_a_full_build() {
    let dir = site();
    let mut live = LiveSite::build(&opts(dir.path(), false)).unwrap();
    let file = dir.path().join("content/geneva-water-talks/index.md");
    // A question renamed (people's pages list it), a person newly named in an answer, and the
    // explainer moved in the site's order.
    edit(&file, "## Why Genève?", "## Why Geneva, of all places?");
    edit(
        &file,
        "## Why Geneva, of all places?\n",
        "## Why Geneva, of all places?\n\nKallas agreed.\n",
    );
    let text = std::fs::read_to_string(&file).unwrap();
    let published = text
        .lines()
        .find(|l| l.starts_with("published:"))
        .unwrap()
        .to_string();
    edit(&file, &published, "published: 2020-01-01T00:00:00Z");
    let r = live.update(&explainer("geneva-water-talks")).unwrap();
    assert!(!r.full);
    assert!(
        page(&live, "people/dimitris-kallas/index.html").contains("Why Geneva, of all places?")
    );
    assert_same_as_full(&mut live);
}

/// Author pages follow the explainers they list: a renamed explainer, a person newly in a
/// byline (a new author page), and dropped from it again (the page goes).
#[test]
fn incremental_byline_edits_match_a_full_build() {
    let dir = site();
    let mut live = LiveSite::build(&opts(dir.path(), false)).unwrap();
    let file = dir.path().join("content/border-talks/index.md");
    edit(
        &file,
        "title: \"Arland–Borovia border talks: the deal explained\"",
        "title: \"Border talks: the deal\"",
    );
    edit(
        &file,
        "authors: [lena-marsh]",
        "authors: [lena-marsh, ines-aubert]",
    );
    let r = live.update(&explainer("border-talks")).unwrap();
    assert!(!r.full);
    assert!(page(&live, "authors/lena-marsh/index.html").contains("Border talks: the deal"));
    assert!(page(&live, "authors/ines-aubert/index.html").contains("Border talks: the deal"));
    assert_same_as_full(&mut live);
    edit(
        &file,
        "authors: [lena-marsh, ines-aubert]",
        "authors: [lena-marsh]",
    );
    live.update(&explainer("border-talks")).unwrap();
    assert!(live.get("authors/ines-aubert/index.html").is_none());
    assert_same_as_full(&mut live);
}

#[test]
fn incremental_new_and_removed_explainers_match_a_full_build() {
    let dir = site();
    let mut live = LiveSite::build(&opts(dir.path(), true)).unwrap();
    // A new explainer.
    copy_dir(
        &dir.path().join("content/border-talks"),
        &dir.path().join("content/border-talks-2"),
    );
    edit(
        &dir.path().join("content/border-talks-2/index.md"),
        "title: \"",
        "title: \"Again: ",
    );
    edit(
        &dir.path().join("content/border-talks-2/index.md"),
        "@/border-talks/",
        "@/border-talks-2/",
    );
    live.update(&explainer("border-talks-2")).unwrap();
    // The fixture's home page is paginated (2 a page): newest first, the copy of
    // border-talks is on page 2.
    assert!(page(&live, "page/2/index.html").contains("Again: "));
    assert_same_as_full(&mut live);
    // A draft (built with --drafts) removed.
    std::fs::remove_dir_all(dir.path().join("content/draft-talks")).unwrap();
    live.update(&explainer("draft-talks")).unwrap();
    assert!(live.get("draft-talks/index.html").is_none());
    assert_same_as_full(&mut live);
}

#[test]
fn incremental_draft_is_hidden_without_drafts() {
    let dir = site();
    let mut live = LiveSite::build(&opts(dir.path(), false)).unwrap();
    edit(
        &dir.path().join("content/border-talks/index.md"),
        "draft: false",
        "draft: true",
    );
    // geneva-water-talks links to border-talks: hiding it breaks that link.
    let e = live
        .update(&explainer("border-talks"))
        .expect_err("a broken link");
    assert!(e.to_string().contains("problem"), "{e}");
    assert!(
        live.get("border-talks/index.html").is_some(),
        "the last good site stays"
    );
    edit(
        &dir.path().join("content/geneva-water-talks/index.md"),
        "The [last border deal](@/border-talks/index.md#what-was-agreed)",
        "The last border deal",
    );
    let r = live
        .update(&explainer("geneva-water-talks"))
        .expect("fixed");
    assert!(r.notes.iter().any(|n| n.contains("draft")), "{:?}", r.notes);
    assert!(live.get("border-talks/index.html").is_none());
    assert_same_as_full(&mut live);
}

#[test]
fn incremental_errors_leave_the_site_and_the_next_good_save_recovers() {
    let dir = site();
    let mut live = LiveSite::build(&opts(dir.path(), false)).unwrap();
    let before: Vec<String> = live.files().iter().map(|(p, _)| p.clone()).collect();
    let home = page(&live, "index.html");
    let file = dir.path().join("content/border-talks/index.md");
    let good = std::fs::read_to_string(&file).unwrap();

    // Bad front matter.
    edit(&file, "title:", "titel:");
    let e = live.update(&explainer("border-talks")).unwrap_err();
    match &e {
        parley::BuildError::Content(c) => {
            let report = c.plain_report();
            assert!(
                report.contains("content/border-talks/index.md:2:1"),
                "{report}"
            );
        }
        other => panic!("{other}"),
    }
    assert_eq!(page(&live, "index.html"), home);

    // A question id another explainer links to, renamed: a broken link elsewhere.
    std::fs::write(
        &file,
        good.replace("## What was agreed?", "## What did they agree?"),
    )
    .unwrap();
    let e = live.update(&explainer("border-talks")).unwrap_err();
    match &e {
        parley::BuildError::Content(c) => {
            let report = c.plain_report();
            assert!(
                report.contains("content/geneva-water-talks/index.md"),
                "{report}"
            );
            assert!(report.contains("what-was-agreed"), "{report}");
        }
        other => panic!("{other}"),
    }
    let after: Vec<String> = live.files().iter().map(|(p, _)| p.clone()).collect();
    assert_eq!(before, after);
    assert_eq!(page(&live, "index.html"), home);

    // Fixed.
    std::fs::write(&file, &good).unwrap();
    let r = live.update(&[]).unwrap();
    assert!(!r.full, "the failed explainer is retried on its own");
    assert_same_as_full(&mut live);
}

#[test]
fn site_wide_changes_rebuild_everything() {
    let dir = site();
    let mut live = LiveSite::build(&opts(dir.path(), false)).unwrap();
    let people = dir.path().join("content/people.yaml");
    edit(
        &people,
        "role: Interior Minister of Arland",
        "role: Home Secretary of Arland",
    );
    let r = live.update(&[Change::Full]).unwrap();
    assert!(r.full);
    assert!(page(&live, "people/jon-halvard/index.html").contains("Home Secretary"));
    assert_same_as_full(&mut live);

    std::fs::create_dir_all(dir.path().join("templates")).unwrap();
    std::fs::write(
        dir.path().join("templates/404.html"),
        "{% extends \"base.html\" %}{% block main %}<p>Lost at the border.</p>{% endblock main %}",
    )
    .unwrap();
    live.update(&[Change::Full]).unwrap();
    assert!(page(&live, "404.html").contains("Lost at the border."));
    assert_same_as_full(&mut live);
}

#[test]
fn changes_are_classified_and_editor_files_ignored() {
    use parley::serve::incremental::classify;
    let root = Path::new("/site");
    let c = |p: &str| classify(root, &root.join(p));
    assert_eq!(c("content/x/index.md"), Some(Change::Explainer("x".into())));
    assert_eq!(c("content/people.yaml"), Some(Change::Full));
    assert_eq!(c("content/authors.yaml"), Some(Change::Full));
    assert_eq!(c("templates/base.html"), Some(Change::Full));
    assert_eq!(c("static/style.css"), Some(Change::Full));
    for junk in [
        "content/x/.index.md.swp",
        "content/x/.index.md.swx",
        "content/x/index.md~",
        "content/x/4913",
        "content/x/.#index.md",
        "content/x/#index.md#",
        "templates/.base.html.kate-swp",
        "content/x/index.md___jb_tmp___",
        "static/x.bak",
        "content/x/photo.jpg.orig",
        "public/index.html",
    ] {
        assert_eq!(c(junk), None, "{junk}");
    }
}

/// One list of editor files: what `serve` does not watch, `build` does not copy.
#[test]
fn editor_backups_in_static_are_neither_copied_nor_watched() {
    let dir = site();
    std::fs::create_dir_all(dir.path().join("static")).unwrap();
    std::fs::write(dir.path().join("static/notes.txt"), "kept").unwrap();
    std::fs::write(dir.path().join("static/notes.txt.bak"), "old").unwrap();
    std::fs::write(dir.path().join("static/notes.txt.orig"), "older").unwrap();
    let (_, files) = parley::render_site(&opts(dir.path(), false)).unwrap();
    let paths: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
    assert!(paths.contains(&"notes.txt"), "{paths:?}");
    assert!(
        !paths
            .iter()
            .any(|p| p.ends_with(".bak") || p.ends_with(".orig")),
        "{paths:?}"
    );
    let c = |p: &str| parley::serve::incremental::classify(dir.path(), &dir.path().join(p));
    assert_eq!(c("static/notes.txt"), Some(Change::Full));
    assert_eq!(c("static/notes.txt.bak"), None);
}

// ---------------------------------------------------------------------------------------
// The server, as a process

struct Serve {
    child: Child,
    addr: SocketAddr,
    url: String,
    /// stdout lines after the address.
    out: mpsc::Receiver<String>,
    /// stderr lines.
    err: mpsc::Receiver<String>,
}

fn lines(r: impl Read + Send + 'static) -> mpsc::Receiver<String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(r).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

impl Serve {
    fn start(root: &Path, extra: &[&str]) -> Serve {
        let mut child = Command::new(env!("CARGO_BIN_EXE_parley"))
            .arg("--root")
            .arg(root)
            .args(["serve", "--port", "0"])
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let out = lines(child.stdout.take().unwrap());
        let err = lines(child.stderr.take().unwrap());
        let deadline = Instant::now() + Duration::from_secs(60);
        let url = loop {
            let line = out
                .recv_timeout(deadline.saturating_duration_since(Instant::now()))
                .expect("serve prints its address");
            if let Some(u) = line.strip_prefix("serving at ") {
                break u.trim().to_string();
            }
        };
        let addr: SocketAddr = url
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .parse()
            .unwrap();
        Serve {
            child,
            addr,
            url,
            out,
            err,
        }
    }

    fn get(&self, target: &str) -> Reply {
        request(
            self.addr,
            &format!("GET {target} HTTP/1.0\r\nHost: localhost\r\n\r\n"),
        )
    }

    fn events(&self) -> Events {
        let mut s = TcpStream::connect(self.addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        write!(
            s,
            "GET /__parley/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n"
        )
        .unwrap();
        let mut ev = Events(BufReader::new(s));
        let mut head = String::new();
        ev.0.read_line(&mut head).unwrap();
        assert!(head.starts_with("HTTP/1.1 200"), "{head}");
        let (name, _) = ev.next();
        assert_eq!(name, "hello");
        ev
    }

    /// Wait for a line on stdout or stderr containing `needle`.
    fn wait_output(&self, needle: &str, stderr: bool) -> String {
        let rx = if stderr { &self.err } else { &self.out };
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let line = rx
                .recv_timeout(deadline.saturating_duration_since(Instant::now()))
                .unwrap_or_else(|_| panic!("no line with `{needle}`"));
            if line.contains(needle) {
                return line;
            }
        }
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Reply {
    status: u16,
    headers: HashMap<String, String>,
    body: Vec<u8>,
}

impl Reply {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// One raw request (so that nothing normalises the path on the way) and its response; the
/// server closes HTTP/1.0 connections after the response.
fn request(addr: SocketAddr, raw: &str) -> Reply {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    s.write_all(raw.as_bytes()).unwrap();
    let mut all = Vec::new();
    s.read_to_end(&mut all).unwrap();
    let split = all
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a response head");
    let head = String::from_utf8_lossy(&all[..split]).into_owned();
    let mut lines = head.lines();
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Reply {
        status,
        headers,
        body: all[split + 4..].to_vec(),
    }
}

struct Events(BufReader<TcpStream>);

impl Events {
    /// The next event: (name, data).
    fn next(&mut self) -> (String, String) {
        let (mut name, mut data) = (String::new(), String::new());
        loop {
            let mut line = String::new();
            let n = self.0.read_line(&mut line).expect("an event in time");
            assert!(n > 0, "the event stream closed");
            let line = line.trim_end_matches(['\r', '\n']);
            if line.is_empty() {
                if !name.is_empty() {
                    return (name, data);
                }
            } else if let Some(v) = line.strip_prefix("event: ") {
                name = v.to_string();
            } else if let Some(v) = line.strip_prefix("data: ") {
                data = v.to_string();
            }
        }
    }

    /// Skip to the next event called `want`.
    fn until(&mut self, want: &str) -> String {
        loop {
            let (name, data) = self.next();
            if name == want {
                return data;
            }
        }
    }

    /// Skip to the next `want` event after which `done` holds: an editor's save may come in
    /// more than one burst of file events, so more than one rebuild.
    fn until_done(&mut self, want: &str, done: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let data = self.until(want);
            if done(&data) {
                return data;
            }
            assert!(Instant::now() < deadline, "no `{want}` event as expected");
        }
    }
}

#[test]
fn serve_serves_the_site_from_memory() {
    let dir = site();
    let s = Serve::start(dir.path(), &[]);
    assert!(s.url.starts_with("http://127.0.0.1:"), "{}", s.url);

    let home = s.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(home.headers["content-type"], "text/html; charset=utf-8");
    let text = home.text();
    assert!(text.contains("Borderlands Explainers"));
    assert!(
        text.contains("/__parley/live.js"),
        "the live-reload script in serve mode"
    );
    // Links point at the server, not at site.yaml's base_url.
    assert!(text.contains(&s.url), "base_url is the server's");

    let page = s.get("/geneva-water-talks/");
    assert_eq!(page.status, 200);
    let moved = s.get("/geneva-water-talks");
    assert_eq!(moved.status, 301);
    assert_eq!(moved.headers["location"], "/geneva-water-talks/");

    let feed = s.get("/feed.xml");
    assert_eq!(feed.status, 200);
    assert_eq!(
        feed.headers["content-type"],
        "application/atom+xml; charset=utf-8"
    );
    let css = text
        .split("href=\"")
        .filter_map(|x| x.split('"').next())
        .find(|h| h.ends_with(".css"))
        .expect("a stylesheet");
    let css = s.get(css);
    assert_eq!(css.status, 200);
    assert_eq!(css.headers["content-type"], "text/css; charset=utf-8");

    let live = s.get("/__parley/live.js");
    assert_eq!(live.status, 200);
    assert_eq!(
        live.headers["content-type"],
        "text/javascript; charset=utf-8"
    );
    assert!(live.text().contains("EventSource"));

    let missing = s.get("/no-such-page/");
    assert_eq!(missing.status, 404);
    assert!(
        missing.text().contains("Page not found"),
        "the site's own 404 page"
    );
    // No directory listing: a folder without index.html is just not found.
    let people = s.get("/people/");
    assert_eq!(people.status, 200);
    assert_eq!(s.get("/istanbul/").status, 404);

    let post = request(s.addr, "POST / HTTP/1.0\r\nContent-Length: 0\r\n\r\n");
    assert_eq!(post.status, 405);

    // Nothing written into the site folder.
    assert!(!dir.path().join("public").exists());
}

#[test]
fn serve_refuses_paths_outside_the_site() {
    let dir = site();
    // Something outside the site, and a way to it through public/ (which serve never reads).
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "TOP SECRET").unwrap();
    std::fs::create_dir_all(dir.path().join("public")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        outside.path().join("secret.txt"),
        dir.path().join("public/secret.txt"),
    )
    .unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(outside.path(), dir.path().join("public/out")).unwrap();
    let s = Serve::start(dir.path(), &[]);
    let secret = outside.path().join("secret.txt");
    let abs = secret.display().to_string();
    for target in [
        "/../content/site.yaml".to_string(),
        "/../../../../../../etc/passwd".to_string(),
        "/%2e%2e/content/site.yaml".to_string(),
        "/%2E%2E/%2E%2E/%2E%2E/etc/passwd".to_string(),
        "/..%2fcontent%2fsite.yaml".to_string(),
        "/people/..%2f..%2fcontent/site.yaml".to_string(),
        "/%2fetc%2fpasswd".to_string(),
        "/..%5ccontent%5csite.yaml".to_string(),
        "//etc/passwd".to_string(),
        format!("/{abs}"),
        format!("/{}", abs.trim_start_matches('/')),
        "/secret.txt".to_string(),
        "/out/secret.txt".to_string(),
        "/content/site.yaml".to_string(),
        "/templates/shortcodes/factbox.html".to_string(),
        "/./index.html".to_string(),
    ] {
        let r = s.get(&target);
        assert!(
            r.status == 404 || r.status == 400,
            "{target}: status {}",
            r.status
        );
        let body = r.text();
        assert!(!body.contains("TOP SECRET"), "{target}");
        assert!(!body.contains("root:"), "{target}");
        assert!(!body.contains("base_url:"), "{target}");
    }
    // An absolute URL in the request line.
    let r = request(
        s.addr,
        &format!("GET file://{abs} HTTP/1.0\r\nHost: localhost\r\n\r\n"),
    );
    assert_ne!(r.status, 200);
    assert!(!r.text().contains("TOP SECRET"));
}

#[test]
fn serve_reloads_open_pages_after_an_edit() {
    let dir = site();
    let s = Serve::start(dir.path(), &[]);
    let mut events = s.events();
    let file = dir.path().join("content/geneva-water-talks/index.md");
    edit(
        &file,
        "## Why Genève?\n",
        "## Why Genève?\n\nEdited while serving.\n",
    );
    let data = events.until_done("reload", |_| {
        s.get("/geneva-water-talks/")
            .text()
            .contains("Edited while serving.")
    });
    assert!(data.contains("\"build\""), "{data}");
    let page = s.get("/geneva-water-talks/").text();
    assert!(page.contains("Edited while serving."));
    let card = s.get("/geneva-water-talks/why-geneve/").text();
    assert!(
        card.contains("Edited while serving."),
        "the question card too"
    );
    let line = s.wait_output("rebuilt content/geneva-water-talks/ in", false);
    assert!(line.contains(" ms"), "{line}");

    // An editor's swap file changes nothing.
    std::fs::write(
        dir.path().join("content/geneva-water-talks/.index.md.swp"),
        "swap",
    )
    .unwrap();
    // A template change rebuilds the whole site.
    std::fs::create_dir_all(dir.path().join("templates")).unwrap();
    std::fs::write(
        dir.path().join("templates/404.html"),
        "{% extends \"base.html\" %}{% block main %}<p>Lost at the border.</p>{% endblock main %}",
    )
    .unwrap();
    events.until_done("reload", |_| {
        s.get("/nowhere/").text().contains("Lost at the border.")
    });
    let missing = s.get("/nowhere/");
    assert_eq!(missing.status, 404);
    assert!(missing.text().contains("Lost at the border."));
    s.wait_output("rebuilt the site", false);
}

#[test]
fn serve_survives_a_broken_file_and_reports_it() {
    let dir = site();
    let s = Serve::start(dir.path(), &[]);
    let mut events = s.events();
    let file = dir.path().join("content/border-talks/index.md");
    let good = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, good.replace("title:", "titel:")).unwrap();
    let data = events.until_done("error", |d| d.contains("titel"));
    let v: serde_json::Value = serde_json::from_str(&data).unwrap();
    let message = v["message"].as_str().unwrap();
    assert!(
        message.contains("content/border-talks/index.md:2:1"),
        "{message}"
    );
    assert!(message.contains("titel"), "{message}");
    s.wait_output("content/border-talks/index.md:2:1", true);

    // Still serving the last good site.
    let page = s.get("/border-talks/");
    assert_eq!(page.status, 200);
    // A page opened now gets the error as soon as it connects.
    let mut late = s.events();
    assert_eq!(late.next().0, "error");

    // A broken template too.
    std::fs::create_dir_all(dir.path().join("templates")).unwrap();
    std::fs::write(
        dir.path().join("templates/home.html"),
        "{% extends \"base.html\" %}{% block main %}{% if %}{% endblock main %}",
    )
    .unwrap();
    // (Creating templates/ may first rebuild with the content error still there.)
    let data = events.until_done("error", |d| d.contains("templates/home.html"));
    assert!(data.contains("templates/home.html:1"), "{data}");

    // The next good saves clear it.
    std::fs::remove_file(dir.path().join("templates/home.html")).unwrap();
    std::fs::write(&file, &good).unwrap();
    events.until_done("reload", |_| {
        s.get("/border-talks/").status == 200 && s.get("/nowhere/").status == 404
    });
}

#[test]
fn serve_starts_on_a_broken_site_and_recovers() {
    let dir = site();
    let file = dir.path().join("content/site.yaml");
    edit(&file, "title:", "titel:");
    let s = Serve::start(dir.path(), &[]);
    let page = s.get("/");
    assert_eq!(page.status, 500);
    let text = page.text();
    assert!(text.contains("content/site.yaml"), "{text}");
    assert!(
        text.contains("/__parley/live.js"),
        "reloads itself when fixed"
    );
    let mut events = s.events();
    assert_eq!(events.next().0, "error");
    edit(&file, "titel:", "title:");
    events.until_done("reload", |_| s.get("/").status == 200);
}

#[cfg(unix)]
#[test]
fn serve_stops_cleanly_on_ctrl_c() {
    let dir = site();
    let mut s = Serve::start(dir.path(), &[]);
    let _events = s.events();
    let status = Command::new("kill")
        .args(["-INT", &s.child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let deadline = Instant::now() + Duration::from_secs(10);
    let code = loop {
        if let Some(code) = s.child.try_wait().unwrap() {
            break code;
        }
        assert!(Instant::now() < deadline, "serve did not stop");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(code.success(), "{code:?}");
    // Nothing left behind in the site folder or beside it.
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["content", "templates"]);
}

#[test]
fn serve_reports_a_port_in_use() {
    let dir = site();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let out = Command::new(env!("CARGO_BIN_EXE_parley"))
        .arg("--root")
        .arg(dir.path())
        .args(["serve", "--port", &port])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cannot listen on 127.0.0.1:"), "{err}");
}

#[test]
fn serve_includes_drafts_only_when_asked() {
    let dir = site();
    let s = Serve::start(dir.path(), &[]);
    assert_eq!(s.get("/draft-talks/").status, 404);
    drop(s);
    let s = Serve::start(dir.path(), &["--drafts"]);
    assert_eq!(s.get("/draft-talks/").status, 200);
}

#[test]
#[cfg(feature = "search")]
fn serve_reloads_first_and_brings_the_search_index_up_to_date_after() {
    // The default site: searchable, in English and Ukrainian.
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&common::repo().join("content"), &dir.path().join("content"));
    let s = Serve::start(dir.path(), &[]);
    let entry = || s.get("/pagefind/pagefind-entry.json").text();
    let before = entry();
    assert!(before.contains("\"uk\""), "{before}");
    let mut events = s.events();
    let file = dir.path().join("content/istanbul-talks-2025/index.uk.md");
    edit(
        &file,
        "## Чому Туреччина?",
        "## Чому Туреччина, спитав Квілфезер?",
    );
    // The reload: the page has the edit.
    events.until_done("reload", |_| {
        s.get("/uk/istanbul-talks-2025/")
            .text()
            .contains("Квілфезер")
    });
    // Then the index, in the background: the Ukrainian part is made again (a new hash in the
    // entry file), the English part is the same.
    s.wait_output("search index updated in", false);
    let after = entry();
    let part = |json: &str, lang: &str| -> String {
        let v: serde_json::Value = serde_json::from_str(json).unwrap();
        v["languages"][lang]["hash"].as_str().unwrap().to_string()
    };
    assert_ne!(part(&after, "uk"), part(&before, "uk"));
    assert_eq!(part(&after, "en"), part(&before, "en"));
    let meta = s.get(&format!(
        "/pagefind/pagefind.{}.pf_meta",
        part(&after, "uk")
    ));
    assert_eq!(meta.status, 200);
}
