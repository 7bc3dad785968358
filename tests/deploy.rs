//! `parley deploy` against real servers on loopback: moto's S3 server (behind a small proxy
//! that counts, and can fail, requests) and a bare git repository as a Pages remote.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command as Process, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use assert_cmd::Command;

/// A moto S3 server on a free loopback port, stopped when dropped.
struct Moto {
    child: Child,
    port: u16,
}

impl Moto {
    fn start() -> Moto {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free loopback port")
            .port();
        let child = Process::new("moto_server")
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!(
                    "cannot start moto_server ({e}): these tests need moto's S3 server; install it with python3 -m pip install \"moto[server]==5.2.1\" (as .ci/run does)"
                )
            });
        let moto = Moto { child, port };
        let start = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "moto_server did not start on port {port}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        moto
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What the proxy saw, and whether it fails uploads.
#[derive(Default)]
struct Seen {
    /// Method and path of every request that reached moto.
    passed: Vec<(String, String)>,
    /// Paths of PUTs, every try; the ones answered 500 are also in `failed`.
    put_tries: Vec<String>,
    failed: Vec<String>,
    /// Fail every other distinct object (the 1st, 3rd, …) on every try.
    fail_half: bool,
    distinct_puts: Vec<String>,
}

/// An HTTP proxy on loopback in front of moto: one request per connection.
struct Proxy {
    port: u16,
    seen: Arc<Mutex<Seen>>,
}

impl Proxy {
    fn start(upstream: u16) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let seen = Arc::new(Mutex::new(Seen::default()));
        let s = seen.clone();
        std::thread::spawn(move || {
            for conn in listener.incoming().flatten() {
                let s = s.clone();
                std::thread::spawn(move || relay(conn, upstream, &s));
            }
        });
        Proxy { port, seen }
    }

    /// Published files uploaded (not parley's record of the deploy).
    fn puts(&self) -> BTreeSet<String> {
        let seen = self.seen.lock().unwrap();
        seen.passed
            .iter()
            .filter(|(m, p)| m == "PUT" && !p.ends_with(RECORD))
            .map(|(_, p)| p.clone())
            .collect()
    }

    /// Published files deleted (not parley's record of the deploy).
    fn deletes(&self) -> BTreeSet<String> {
        let seen = self.seen.lock().unwrap();
        let del = seen.passed.iter().filter(|(m, p)| {
            (m == "DELETE" || (m == "POST" && p.contains("delete"))) && !p.ends_with(RECORD)
        });
        del.map(|(_, p)| p.clone()).collect()
    }

    /// Every request that reached the server, as `METHOD path`.
    fn requests(&self) -> Vec<String> {
        let seen = self.seen.lock().unwrap();
        seen.passed
            .iter()
            .map(|(m, p)| format!("{m} {p}"))
            .collect()
    }

    fn clear(&self) {
        let mut seen = self.seen.lock().unwrap();
        seen.passed.clear();
        seen.put_tries.clear();
    }
}

fn relay(mut client: TcpStream, upstream: u16, seen: &Mutex<Seen>) {
    let mut reader = BufReader::new(client.try_clone().unwrap());
    let mut head = Vec::new();
    let mut length = 0usize;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
            length = v.trim().parse().unwrap_or(0);
        }
        if line.to_ascii_lowercase().starts_with("connection:") {
            continue;
        }
        if line == "\r\n" {
            head.extend_from_slice(b"Connection: close\r\n\r\n");
            break;
        }
        head.extend_from_slice(line.as_bytes());
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).unwrap();
    let first = String::from_utf8_lossy(&head)
        .lines()
        .next()
        .unwrap_or("")
        .to_string();
    let mut parts = first.split(' ');
    let (method, path) = (
        parts.next().unwrap_or("").to_string(),
        parts.next().unwrap_or("").to_string(),
    );
    let fail = {
        let mut s = seen.lock().unwrap();
        if method == "PUT" && path.matches('/').count() > 1 {
            s.put_tries.push(path.clone());
            if !s.distinct_puts.contains(&path) {
                s.distinct_puts.push(path.clone());
            }
            let n = s.distinct_puts.iter().position(|p| *p == path).unwrap();
            let fail = s.fail_half && n % 2 == 0;
            if fail {
                s.failed.push(path.clone());
            } else {
                s.passed.push((method, path));
            }
            fail
        } else {
            s.passed.push((method, path));
            false
        }
    };
    if fail {
        let msg = "<Error><Code>InternalError</Code><Message>test proxy</Message></Error>";
        let _ = write!(
            client,
            "HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/xml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{msg}",
            msg.len()
        );
        return;
    }
    let mut up = TcpStream::connect(("127.0.0.1", upstream)).unwrap();
    up.write_all(&head).unwrap();
    up.write_all(&body).unwrap();
    let mut response = Vec::new();
    let _ = up.read_to_end(&mut response);
    let _ = client.write_all(&response);
}

/// moto, the proxy in front of it, and a bucket.
struct S3 {
    moto: Moto,
    proxy: Proxy,
    bucket: Box<s3::Bucket>,
}

const BUCKET: &str = "explainers";
/// The record a finished deploy leaves beside the site.
const RECORD: &str = ".parley-deployed.json";

impl S3 {
    fn start() -> S3 {
        let moto = Moto::start();
        let proxy = Proxy::start(moto.port);
        let region = s3::Region::Custom {
            region: "us-east-1".into(),
            endpoint: format!("http://127.0.0.1:{}", moto.port),
        };
        let creds =
            s3::creds::Credentials::new(Some("test"), Some("test"), None, None, None).unwrap();
        // moto takes an unsigned request; the test talks to it directly, not through the proxy.
        let mut conn = TcpStream::connect(("127.0.0.1", moto.port)).unwrap();
        write!(conn, "PUT /{BUCKET} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").unwrap();
        let mut answer = String::new();
        let _ = conn.read_to_string(&mut answer);
        assert!(
            answer.starts_with("HTTP/1.1 200"),
            "create the test bucket: {answer}"
        );
        let bucket = s3::Bucket::new(BUCKET, region, creds)
            .unwrap()
            .with_path_style();
        S3 {
            moto,
            proxy,
            bucket,
        }
    }

    /// The target URL, through the proxy.
    fn target(&self) -> String {
        format!(
            "s3://{BUCKET}/site?endpoint=http://127.0.0.1:{}&path_style=true&region=us-east-1",
            self.proxy.port
        )
    }

    /// Every published object under site/ (not parley's record): key without the prefix ->
    /// bytes.
    fn objects(&self) -> BTreeMap<String, Vec<u8>> {
        let mut out = BTreeMap::new();
        for page in self.bucket.list("site/".into(), None).unwrap() {
            for o in page
                .contents
                .into_iter()
                .filter(|o| !o.key.ends_with(RECORD))
            {
                let body = self.bucket.get_object(&o.key).unwrap().to_vec();
                out.insert(o.key["site/".len()..].to_string(), body);
            }
        }
        out
    }

    /// A request to moto's CloudFront API (moto tells services apart by the signature's
    /// scope and does not check the signature); the answer's body.
    fn cloudfront(&self, method: &str, path: &str, body: &str) -> String {
        let mut conn = TcpStream::connect(("127.0.0.1", self.moto.port)).unwrap();
        write!(
            conn,
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: AWS4-HMAC-SHA256 Credential=test/20250101/us-east-1/cloudfront/aws4_request, SignedHeaders=host, Signature=0\r\nContent-Type: application/xml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .unwrap();
        let mut answer = String::new();
        let _ = conn.read_to_string(&mut answer);
        assert!(answer.starts_with("HTTP/1.1 20"), "{answer}");
        answer
    }

    /// A CloudFront distribution in front of the bucket; its id.
    fn distribution(&self) -> String {
        let config = r#"<?xml version="1.0" encoding="UTF-8"?><DistributionConfig xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><CallerReference>test</CallerReference><Origins><Quantity>1</Quantity><Items><Origin><Id>bucket</Id><DomainName>explainers.s3.amazonaws.com</DomainName><S3OriginConfig><OriginAccessIdentity></OriginAccessIdentity></S3OriginConfig></Origin></Items></Origins><DefaultCacheBehavior><TargetOriginId>bucket</TargetOriginId><ViewerProtocolPolicy>allow-all</ViewerProtocolPolicy></DefaultCacheBehavior><Comment>test</Comment><Enabled>true</Enabled></DistributionConfig>"#;
        let answer = self.cloudfront("POST", "/2020-05-31/distribution", config);
        between(&answer, "<Id>", "</Id>")[0].clone()
    }

    /// The paths of each invalidation of the distribution, oldest first.
    fn invalidations(&self, distribution: &str) -> Vec<BTreeSet<String>> {
        let base = format!("/2020-05-31/distribution/{distribution}/invalidation");
        let list = self.cloudfront("GET", &base, "");
        let mut ids = between(&list, "<Id>", "</Id>");
        ids.reverse();
        ids.iter()
            .map(|id| {
                let one = self.cloudfront("GET", &format!("{base}/{id}"), "");
                between(&one, "<Path>", "</Path>").into_iter().collect()
            })
            .collect()
    }

    /// The record of the last finished deploy, if the bucket holds one.
    fn record(&self) -> Option<serde_json::Value> {
        let r = self.bucket.get_object(format!("site/{RECORD}")).ok()?;
        (r.status_code() == 200).then(|| serde_json::from_slice(r.as_slice()).unwrap())
    }

    /// Content-Type and Cache-Control of an object, as a GET answers them (rust-s3 0.38's
    /// blocking `head_object` drops the Content-Type).
    fn head(&self, path: &str) -> (String, String) {
        let r = self.bucket.get_object(format!("site/{path}")).unwrap();
        assert_eq!(r.status_code(), 200, "GET {path}");
        let h = r.headers();
        let get = |k: &str| {
            h.iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(k))
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        (get("content-type"), get("cache-control"))
    }
}

/// A copy of the test site in a temp folder.
struct Site {
    dir: tempfile::TempDir,
}

impl Site {
    fn new() -> Site {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&common::fixture("geneva-site"), &dir.path().join("site"));
        Site { dir }
    }
    /// The test site with a third explainer, which the tests remove.
    fn with_extra() -> Site {
        let site = Site::new();
        let content = site.root().join("content");
        copy_dir(&content.join("border-talks"), &content.join("extra-talks"));
        site
    }
    fn root(&self) -> PathBuf {
        self.dir.path().join("site")
    }
    fn out(&self) -> PathBuf {
        self.root().join("public")
    }
    fn build(&self) {
        Command::cargo_bin("parley")
            .unwrap()
            .arg("--root")
            .arg(self.root())
            .arg("build")
            .assert()
            .success();
    }
    /// The built files parley publishes (not its own `.parley-*` records): path -> bytes.
    fn built(&self) -> BTreeMap<String, Vec<u8>> {
        let mut out = BTreeMap::new();
        for e in walkdir::WalkDir::new(self.out())
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
        {
            let rel = e
                .path()
                .strip_prefix(self.out())
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            if !rel.split('/').any(|s| s.starts_with(".parley-")) {
                out.insert(rel, std::fs::read(e.path()).unwrap());
            }
        }
        out
    }
    fn edit(&self, rel: &str, from: &str, to: &str) {
        let p = self.root().join(rel);
        let text = std::fs::read_to_string(&p).unwrap();
        assert!(text.contains(from), "{rel} has no {from:?}");
        std::fs::write(&p, text.replacen(from, to, 1)).unwrap();
    }
    fn deploy(&self, target: &str, extra: &[&str]) -> assert_cmd::assert::Assert {
        Command::cargo_bin("parley")
            .unwrap()
            .arg("--root")
            .arg(self.root())
            .args(["deploy", "--target", target])
            .args(extra)
            .env("AWS_ACCESS_KEY_ID", "test")
            .env("AWS_SECRET_ACCESS_KEY", "test")
            .env_remove("AWS_PROFILE")
            .env("GIT_AUTHOR_NAME", "Test Desk")
            .env("GIT_AUTHOR_EMAIL", "desk@example.org")
            .env("GIT_COMMITTER_NAME", "Test Desk")
            .env("GIT_COMMITTER_EMAIL", "desk@example.org")
            .assert()
    }
}

/// Every text between `open` and `close` in `text`.
fn between(text: &str, open: &str, close: &str) -> Vec<String> {
    text.split(open)
        .skip(1)
        .filter_map(|t| t.split_once(close).map(|(v, _)| v.to_string()))
        .collect()
}

fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from).into_iter().flatten() {
        let dest = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}

/// The object paths (as the proxy saw them) of site-relative paths.
fn keys<'a>(paths: impl IntoIterator<Item = &'a String>) -> BTreeSet<String> {
    paths
        .into_iter()
        .map(|p| format!("/{BUCKET}/site/{p}"))
        .collect()
}

/// Paths whose bytes differ between two builds, or that only one has.
fn changed(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) -> BTreeSet<String> {
    let mut out: BTreeSet<String> = b
        .iter()
        .filter(|(p, v)| a.get(*p) != Some(*v))
        .map(|(p, _)| p.clone())
        .collect();
    out.extend(a.keys().filter(|p| !b.contains_key(*p)).cloned());
    out
}

#[test]
fn first_deploy_uploads_every_file_with_its_type_and_caching() {
    let s3 = S3::start();
    let site = Site::new();
    site.build();
    site.deploy(&s3.target(), &[])
        .success()
        .stdout(predicates::str::contains(format!(
            "{} added, 0 changed, 0 deleted, 0 unchanged",
            site.built().len()
        )));
    let built = site.built();
    assert_eq!(
        s3.objects(),
        built,
        "the bucket holds exactly the built files, byte for byte"
    );
    assert_eq!(s3.proxy.puts(), keys(built.keys()));
    let css = built
        .keys()
        .find(|p| p.starts_with("style.") && p.ends_with(".css"))
        .unwrap();
    let immutable = "public, max-age=31536000, immutable";
    let revalidate = "public, max-age=0, must-revalidate";
    assert_eq!(
        s3.head(css),
        ("text/css; charset=utf-8".into(), immutable.into())
    );
    assert_eq!(
        s3.head("index.html"),
        ("text/html; charset=utf-8".into(), revalidate.into())
    );
    assert_eq!(
        s3.head("border-talks/what-was-agreed/index.html").1,
        revalidate
    );
    assert_eq!(s3.head("feed.xml").0, "application/atom+xml; charset=utf-8");
    assert_eq!(s3.head("favicon.svg").0, "image/svg+xml; charset=utf-8");
    // Every upload order puts assets before pages, and pages before feeds and the sitemap.
    let seen = s3.proxy.seen.lock().unwrap();
    let order: Vec<&str> = seen
        .put_tries
        .iter()
        .map(|p| p.rsplit('/').next().unwrap())
        .collect();
    let last_asset = order
        .iter()
        .rposition(|n| n.ends_with(".css") || n.ends_with(".js"))
        .unwrap();
    let first_page = order.iter().position(|n| n.ends_with(".html")).unwrap();
    let last_page = order.iter().rposition(|n| n.ends_with(".html")).unwrap();
    let first_index = order.iter().position(|n| n.ends_with(".xml")).unwrap();
    assert!(
        last_asset < first_page && last_page < first_index,
        "{order:?}"
    );
}

#[test]
fn redeploys_upload_only_what_changed_and_delete_what_was_removed() {
    let s3 = S3::start();
    let site = Site::with_extra();
    site.build();
    site.deploy(&s3.target(), &[]).success();
    // No change: nothing uploaded or deleted.
    s3.proxy.clear();
    site.deploy(&s3.target(), &[])
        .success()
        .stdout(predicates::str::contains(format!(
            "0 added, 0 changed, 0 deleted, {} unchanged",
            site.built().len()
        )));
    assert!(s3.proxy.puts().is_empty() && s3.proxy.deletes().is_empty());

    // A one-question edit: exactly the files whose bytes changed go up.
    let before = site.built();
    site.edit(
        "content/border-talks/index.md",
        "The border follows",
        "The new border follows",
    );
    site.build();
    let after = site.built();
    let diff = changed(&before, &after);
    assert!(!diff.is_empty() && diff.len() < 6, "{diff:?}");
    s3.proxy.clear();
    site.deploy(&s3.target(), &[])
        .success()
        .stdout(predicates::str::contains(
            "~ border-talks/what-was-agreed/index.html",
        ));
    assert_eq!(s3.proxy.puts(), keys(&diff));
    assert_eq!(s3.objects(), after);

    // A removed explainer: its pages and feed are deleted, after the uploads.
    std::fs::remove_dir_all(site.root().join("content/extra-talks")).unwrap();
    site.build();
    let removed = site.built();
    let gone: BTreeSet<String> = after
        .keys()
        .filter(|p| !removed.contains_key(*p))
        .cloned()
        .collect();
    assert!(
        gone.contains("extra-talks/index.html") && gone.contains("extra-talks/feed.xml"),
        "{gone:?}"
    );
    s3.proxy.clear();
    site.deploy(&s3.target(), &[]).success();
    assert_eq!(s3.proxy.deletes(), keys(&gone));
    assert_eq!(s3.objects(), removed);
}

#[test]
fn a_redeploy_compares_with_the_record_of_the_last_deploy_not_the_listing() {
    let s3 = S3::start();
    let site = Site::new();
    site.build();
    site.deploy(&s3.target(), &[]).success();
    let record = s3.record().expect("a finished deploy leaves its record");
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(site.out().join(".parley-manifest.json")).unwrap())
            .unwrap();
    let files = record["files"].as_object().unwrap();
    assert_eq!(
        keys(files.keys()),
        keys(site.built().keys()),
        "the record lists exactly the published files"
    );
    for (path, entry) in files {
        assert_eq!(entry["hash"], manifest["files"][path]["hash"], "{path}");
    }

    // No change: one request (the record), no listing, nothing written.
    s3.proxy.clear();
    site.deploy(&s3.target(), &[])
        .success()
        .stdout(predicates::str::contains("0 added, 0 changed, 0 deleted"));
    assert_eq!(
        s3.proxy.requests(),
        vec![format!("GET /{BUCKET}/site/{RECORD}")]
    );

    // A file removed from the bucket by hand: the record does not see it; --relist does.
    s3.bucket.delete_object("site/feed.xml").unwrap();
    site.deploy(&s3.target(), &[])
        .success()
        .stdout(predicates::str::contains("0 added, 0 changed, 0 deleted"));
    assert!(!s3.objects().contains_key("feed.xml"));
    s3.proxy.clear();
    site.deploy(&s3.target(), &["--relist"])
        .success()
        .stdout(predicates::str::contains("1 added, 0 changed, 0 deleted"))
        .stdout(predicates::str::contains("+ feed.xml"));
    assert!(
        s3.proxy.requests().iter().any(|r| r.contains("list-type")),
        "--relist lists the bucket"
    );
    assert_eq!(s3.objects(), site.built());
}

#[test]
fn a_cloudfront_distribution_is_told_what_changed_or_went_away() {
    let s3 = S3::start();
    let distribution = s3.distribution();
    let target = format!(
        "{}&cloudfront={distribution}&cloudfront_endpoint=http://127.0.0.1:{}",
        s3.target(),
        s3.moto.port
    );
    let site = Site::with_extra();
    site.build();
    // A first deploy only adds files: no reader can have a cached copy.
    site.deploy(&target, &[]).success();
    assert!(s3.invalidations(&distribution).is_empty());

    site.edit(
        "content/border-talks/index.md",
        "The border follows",
        "The new border follows",
    );
    std::fs::remove_dir_all(site.root().join("content/extra-talks")).unwrap();
    site.build();
    let out = site.deploy(&target, &[]).success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(stdout.contains("CloudFront invalidation "), "{stdout}");
    let sent = s3.invalidations(&distribution);
    assert_eq!(sent.len(), 1, "{sent:?}");
    let paths = &sent[0];
    // The site lives at /explainers/ (its base_url): the paths readers request.
    for p in [
        "/explainers/border-talks/what-was-agreed/index.html",
        "/explainers/border-talks/what-was-agreed/",
        "/explainers/extra-talks/",
        "/explainers/extra-talks/feed.xml",
    ] {
        assert!(paths.contains(p), "{p} not in {paths:?}");
    }
    assert!(
        paths.iter().all(|p| p.starts_with("/explainers/")),
        "{paths:?}"
    );

    // No change, no invalidation.
    site.deploy(&target, &[]).success();
    assert_eq!(s3.invalidations(&distribution).len(), 1);
}

#[test]
fn dry_run_and_max_deletes_change_nothing() {
    let s3 = S3::start();
    let site = Site::with_extra();
    site.build();
    site.deploy(&s3.target(), &[]).success();
    let published = s3.objects();
    std::fs::remove_dir_all(site.root().join("content/extra-talks")).unwrap();
    site.build();

    s3.proxy.clear();
    site.deploy(&s3.target(), &["--dry-run"])
        .success()
        .stdout(predicates::str::contains("dry run, nothing changed"))
        .stdout(predicates::str::contains("- extra-talks/index.html"));
    assert!(s3.proxy.puts().is_empty() && s3.proxy.deletes().is_empty());
    assert_eq!(s3.objects(), published);

    site.deploy(&s3.target(), &["--max-deletes", "2"])
        .failure()
        .stderr(predicates::str::contains("refusing to delete"))
        .stderr(predicates::str::contains("--force"));
    assert!(s3.proxy.puts().is_empty() && s3.proxy.deletes().is_empty());
    assert_eq!(s3.objects(), published);

    site.deploy(&s3.target(), &["--max-deletes", "2", "--force"])
        .success();
    assert_eq!(s3.objects(), site.built());
}

#[test]
fn a_failing_server_leaves_a_consistent_site_and_a_clear_error() {
    let s3 = S3::start();
    let site = Site::new();
    site.build();
    site.deploy(&s3.target(), &[]).success();
    // A new stylesheet: a new fingerprinted name, and every page points at it.
    std::fs::create_dir_all(site.root().join("static")).unwrap();
    std::fs::write(
        site.root().join("static/style.css"),
        "body { color: #222 }\n",
    )
    .unwrap();
    site.build();
    s3.proxy.seen.lock().unwrap().fail_half = true;
    s3.proxy.clear();
    let failed = site.deploy(&s3.target(), &[]).failure();
    let err = String::from_utf8_lossy(&failed.get_output().stderr).to_string();
    assert!(
        err.contains("deploy stopped") && err.contains("not uploaded") && err.contains("HTTP 500"),
        "{err}"
    );
    assert!(err.contains("the site is consistent"), "{err}");
    {
        let seen = s3.proxy.seen.lock().unwrap();
        let first = &seen.failed[0];
        assert!(
            seen.failed.iter().filter(|p| *p == first).count() > 1,
            "retried: {:?}",
            seen.failed
        );
    }
    assert!(
        s3.proxy.deletes().is_empty(),
        "nothing is deleted after a failure"
    );
    assert!(
        s3.record().is_none(),
        "a deploy that stopped leaves no record claiming the bucket is complete"
    );
    // Every published page's stylesheet and script exist in the bucket.
    let objects = s3.objects();
    for (path, body) in objects.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(body);
        for asset in ["style.", "site."] {
            let Some(i) = html.find(&format!("/explainers/{asset}")) else {
                continue;
            };
            let name = html[i + "/explainers/".len()..].split('"').next().unwrap();
            assert!(
                objects.contains_key(name),
                "{path} points at {name}, which is not in the bucket"
            );
        }
    }
    // Once the server answers again, the next deploy completes the site.
    s3.proxy.seen.lock().unwrap().fail_half = false;
    s3.proxy.clear();
    site.deploy(&s3.target(), &[]).success();
    assert!(
        s3.proxy.requests().iter().any(|r| r.contains("list-type")),
        "with no record, the next deploy lists the bucket: {:?}",
        s3.proxy.requests()
    );
    assert!(s3.record().is_some());
    let built = site.built();
    let now = s3.objects();
    assert_eq!(now.len(), built.len(), "the old stylesheet is deleted last");
    assert_eq!(now, built);
}

#[test]
fn deploy_refuses_a_folder_parley_did_not_build() {
    let site = Site::new();
    std::fs::create_dir_all(site.out()).unwrap();
    std::fs::write(site.out().join("index.html"), "<p>hand-made</p>").unwrap();
    site.deploy(
        "s3://b/site?endpoint=http://127.0.0.1:9&path_style=true",
        &[],
    )
    .failure()
    .stderr(predicates::str::contains("was not built by parley"))
    .stderr(predicates::str::contains("run parley build first"));
    // A built file edited afterwards is refused too.
    std::fs::remove_dir_all(site.out()).unwrap();
    site.build();
    std::fs::write(site.out().join("index.html"), "<p>hand-edited</p>").unwrap();
    site.deploy("git+file:///nonexistent.git#gh-pages", &[])
        .failure()
        .stderr(predicates::str::contains(
            "index.html changed after parley built it",
        ));
}

#[test]
fn site_yaml_names_the_default_target_and_bad_ones_are_located() {
    let s3 = S3::start();
    let site = Site::new();
    site.build();
    let yaml = site.root().join("content/site.yaml");
    let mut text = std::fs::read_to_string(&yaml).unwrap();
    text += &format!(
        "deploy:\n  default: live\n  targets:\n    live: \"{}\"\n",
        s3.target()
    );
    std::fs::write(&yaml, &text).unwrap();
    Command::cargo_bin("parley")
        .unwrap()
        .arg("--root")
        .arg(site.root())
        .arg("deploy")
        .env("AWS_ACCESS_KEY_ID", "test")
        .env("AWS_SECRET_ACCESS_KEY", "test")
        .assert()
        .success()
        .stdout(predicates::str::contains(format!(
            "{} added",
            site.built().len()
        )));
    let line = text.lines().count();
    std::fs::write(&yaml, text.replace("path_style=true", "path_styel=true")).unwrap();
    site.deploy("live", &[])
        .failure()
        .stderr(predicates::str::contains(format!(
            "content/site.yaml:{line}:"
        )))
        .stderr(predicates::str::contains("did you mean `path_style`?"));
}

fn git(repo: &Path, args: &[&str]) -> String {
    let out = Process::new("git")
        .arg("--git-dir")
        .arg(repo)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn a_pages_branch_gets_the_site_and_no_commit_without_a_change() {
    let site = Site::new();
    site.build();
    let remote = site.dir.path().join("pages.git");
    assert!(
        Process::new("git")
            .args(["init", "--quiet", "--bare"])
            .arg(&remote)
            .status()
            .unwrap()
            .success()
    );
    let target = format!("git+file://{}#gh-pages", remote.display());
    site.deploy(&target, &[])
        .success()
        .stdout(predicates::str::contains(format!(
            "{} added",
            site.built().len() + 1
        )));
    let files: BTreeSet<String> = git(&remote, &["ls-tree", "-r", "--name-only", "gh-pages"])
        .lines()
        .map(str::to_string)
        .collect();
    let mut expected: BTreeSet<String> = site.built().into_keys().collect();
    expected.insert(".nojekyll".into());
    assert_eq!(files, expected);
    assert_eq!(
        git(&remote, &["show", "gh-pages:index.html"]).as_bytes(),
        site.built()["index.html"]
    );
    assert_eq!(
        git(&remote, &["log", "-1", "--format=%an <%ae>", "gh-pages"]).trim(),
        "Test Desk <desk@example.org>"
    );

    site.deploy(&target, &[])
        .success()
        .stdout(predicates::str::contains("0 added, 0 changed, 0 deleted"));
    assert_eq!(
        git(&remote, &["rev-list", "--count", "gh-pages"]).trim(),
        "1",
        "no commit without a change"
    );

    let before = site.built();
    site.edit(
        "content/border-talks/index.md",
        "The border follows",
        "The new border follows",
    );
    site.build();
    let diff = changed(&before, &site.built());
    site.deploy(&target, &[]).success();
    assert_eq!(
        git(&remote, &["rev-list", "--count", "gh-pages"]).trim(),
        "2",
        "history is kept"
    );
    let touched: BTreeSet<String> =
        git(&remote, &["diff", "--name-only", "gh-pages~1", "gh-pages"])
            .lines()
            .map(str::to_string)
            .collect();
    assert_eq!(touched, diff, "only the changed files change");
}
