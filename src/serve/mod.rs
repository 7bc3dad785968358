//! `serve`: builds the site into memory, serves it on loopback, watches content/, templates/
//! and static/, rebuilds on change (incrementally, see [`crate::serve::incremental`]) and reloads
//! open pages over Server-Sent Events.
//!
//! The site is served from memory, straight from the [`LiveSite`] the rebuilds update: nothing
//! is written to public/ (or anywhere else), so there is nothing to clean up on exit and no
//! half-written state to serve. Only paths the build produced can be served: a request path is
//! percent-decoded once, refused if it has `.`/`..` segments, empty segments, backslashes or
//! encoded slashes, then looked up in the site's list of files; the file system is read only
//! for files the build itself would copy (co-located images, static files).
//!
//! Under `/__parley/` the server adds `live.js` (the script the base template includes when
//! the `live_reload` global is true) and `events`, the Server-Sent Events stream: `hello`
//! with the build id on connect, `reload` after each good rebuild, `error` with the report
//! of a failed one (the page keeps showing the last good build under an overlay).

use std::collections::BTreeSet;
use std::io::{IsTerminal, Write};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, RwLock};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use notify::{RecommendedWatcher, RecursiveMode, Watcher};
use notify_debouncer_mini::{DebounceEventResult, Debouncer, new_debouncer_opt};

use crate::render::Output;
use crate::serve::incremental::{Change, LiveSite, Rebuilt, classify};
use crate::{BuildError, BuildOptions};

/// The default port, as in Zola.
pub const DEFAULT_PORT: u16 = 1111;

/// How long the watcher waits for a burst of file events (an editor's save) to settle.
pub const DEFAULT_DEBOUNCE: Duration = Duration::from_millis(20);

/// The live-reload script served at `/__parley/live.js`.
mod http;
pub mod incremental;
mod index;
use http::handle;
pub use http::{Resolved, content_type, resolve};

pub const LIVE_JS: &str = include_str!("live.js");

/// What to serve and where.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site folder (with content/).
    pub root: PathBuf,
    /// Include drafts.
    pub drafts: bool,
    /// The address to listen on; loopback unless asked otherwise.
    pub interface: IpAddr,
    /// 0 for any free port.
    pub port: u16,
    /// How long file events must settle before a rebuild.
    pub debounce: Duration,
    /// Print the address, rebuilds and errors (off for benchmarks).
    pub print: bool,
}

impl ServeOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        ServeOptions {
            root: root.into(),
            drafts: false,
            interface: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: DEFAULT_PORT,
            debounce: DEFAULT_DEBOUNCE,
            print: true,
        }
    }
}

/// The state requests read.
struct State {
    /// The last good build (`None` until one succeeds).
    site: Option<LiveSite>,
    /// The report of the last build, when it failed.
    error: Option<String>,
    /// Good builds so far.
    builds: u64,
}

struct Shared {
    state: RwLock<State>,
    /// Open event streams.
    clients: Mutex<Vec<Box<dyn Write + Send>>>,
    /// Distinguishes this server's builds from a previous run's, for pages left open.
    instance: u64,
    print: bool,
    stopping: AtomicBool,
    /// A search indexer is running ([`index::in_background`]).
    indexing: AtomicBool,
}

impl Shared {
    fn build_id(&self, builds: u64) -> String {
        format!("{:x}-{builds}", self.instance)
    }

    fn broadcast(&self, event: &str) {
        let mut clients = self.clients.lock().unwrap_or_else(|e| e.into_inner());
        clients.retain_mut(|w| {
            w.write_all(event.as_bytes())
                .and_then(|_| w.flush())
                .is_ok()
        });
    }
}

/// One Server-Sent Event; `data` is JSON (one line).
fn sse_event(name: &str, data: &serde_json::Value) -> String {
    format!("event: {name}\ndata: {data}\n\n")
}

enum Msg {
    Paths(Vec<PathBuf>),
    Stop,
}

/// A watcher that passes on only events that may change a file: not opening or reading one,
/// which every build does to the files it watches (and would rebuild forever).
struct ChangesOnly<W>(W);

impl<W: Watcher> Watcher for ChangesOnly<W> {
    fn new<F: notify::EventHandler>(
        mut handler: F,
        config: notify::Config,
    ) -> notify::Result<Self> {
        use notify::event::{AccessKind, AccessMode, EventKind};
        W::new(
            move |res: notify::Result<notify::Event>| {
                let change = match &res {
                    Ok(e) => match e.kind {
                        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
                        EventKind::Access(_) => false,
                        _ => true,
                    },
                    Err(_) => true,
                };
                if change {
                    handler.handle_event(res);
                }
            },
            config,
        )
        .map(ChangesOnly)
    }

    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> notify::Result<()> {
        self.0.watch(path, mode)
    }

    fn unwatch(&mut self, path: &Path) -> notify::Result<()> {
        self.0.unwatch(path)
    }

    fn configure(&mut self, option: notify::Config) -> notify::Result<bool> {
        self.0.configure(option)
    }

    fn kind() -> notify::WatcherKind {
        W::kind()
    }
}

/// A file watcher: inotify (or the platform's own) when it can watch every folder, else
/// polling (e.g. past the inotify watch limit).
enum Watch {
    Native(Debouncer<ChangesOnly<RecommendedWatcher>>),
    Poll(Debouncer<ChangesOnly<notify::PollWatcher>>),
}

impl Watch {
    fn watcher(&mut self) -> &mut dyn Watcher {
        match self {
            Watch::Native(d) => d.watcher(),
            Watch::Poll(d) => d.watcher(),
        }
    }
}

fn watch(root: &Path, debounce: Duration, tx: Sender<Msg>, print: bool) -> Result<Watch> {
    let handler = move |tx: Sender<Msg>| {
        move |res: DebounceEventResult| match res {
            Ok(events) => {
                let _ = tx.send(Msg::Paths(events.into_iter().map(|e| e.path).collect()));
            }
            Err(e) => eprintln!("warning: file watcher: {e}"),
        }
    };
    let config = || {
        notify_debouncer_mini::Config::default()
            .with_timeout(debounce)
            .with_batch_mode(false)
    };
    let mut native =
        new_debouncer_opt::<_, ChangesOnly<RecommendedWatcher>>(config(), handler(tx.clone()))
            .map(Watch::Native);
    if let Ok(w) = &mut native
        && let Err(e) = add_watches(w, root)
    {
        if print {
            eprintln!(
                "warning: cannot watch every folder ({e}); polling for changes instead\n  = help: on Linux, raise fs.inotify.max_user_watches"
            );
        }
        native = Err(e);
    }
    match native {
        Ok(w) => Ok(w),
        Err(_) => {
            let config = config().with_notify_config(
                notify::Config::default().with_poll_interval(Duration::from_millis(300)),
            );
            let mut w = Watch::Poll(
                new_debouncer_opt::<_, ChangesOnly<notify::PollWatcher>>(config, handler(tx))
                    .context("cannot start the file watcher")?,
            );
            add_watches(&mut w, root).context("cannot watch the site folder")?;
            Ok(w)
        }
    }
}

fn add_watches(w: &mut Watch, root: &Path) -> notify::Result<()> {
    // The root itself, not recursively: notices templates/ or static/ appearing.
    w.watcher().watch(root, RecursiveMode::NonRecursive)?;
    for d in crate::serve::incremental::watched_dirs(root) {
        if d.is_dir() {
            w.watcher().watch(&d, RecursiveMode::Recursive)?;
        }
    }
    Ok(())
}

/// A running server. Dropping it does not stop it: call [`Serving::stop`].
pub struct Serving {
    url: String,
    addr: SocketAddr,
    shared: Arc<Shared>,
    server: Arc<tiny_http::Server>,
    workers: Vec<JoinHandle<()>>,
    rebuilder: Option<JoinHandle<()>>,
    tx: Sender<Msg>,
}

const WORKERS: usize = 4;

impl Serving {
    /// The site's address, e.g. `http://127.0.0.1:1111/`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Good builds so far (the first build counts).
    pub fn builds(&self) -> u64 {
        self.shared.state.read().map(|s| s.builds).unwrap_or(0)
    }

    /// The last build's error report, if it failed.
    pub fn error(&self) -> Option<String> {
        self.shared.state.read().ok().and_then(|s| s.error.clone())
    }

    /// Stop watching and serving; waits for the threads to finish.
    pub fn stop(mut self) {
        self.shared.stopping.store(true, Ordering::SeqCst);
        let _ = self.tx.send(Msg::Stop);
        for _ in 0..self.workers.len() {
            self.server.unblock();
        }
        for w in self.workers.drain(..) {
            let _ = w.join();
        }
        if let Some(r) = self.rebuilder.take() {
            let _ = r.join();
        }
        // Close the event streams.
        self.shared
            .clients
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
    }
}

/// The URL pages should use for this address: an unspecified address (0.0.0.0) is reached
/// through loopback.
fn site_url(addr: SocketAddr) -> String {
    let ip = match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(std::net::Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    format!("http://{}/", SocketAddr::new(ip, addr.port()))
}

/// Build the site, start serving and watching. Returns once the first build is done (good or
/// not: a failed build is reported, and served as an error page until a good one).
pub fn start(opts: &ServeOptions) -> Result<Serving> {
    let root = std::fs::canonicalize(&opts.root)
        .with_context(|| format!("cannot open the site folder {}", opts.root.display()))?;
    if !crate::is_site(&root) {
        anyhow::bail!(
            "no content/ folder in {}\nhelp: run parley in a site folder (one with content/site.yaml), or pass --root DIR",
            opts.root.display()
        );
    }
    let bind = SocketAddr::new(opts.interface, opts.port);
    let server = tiny_http::Server::http(bind).map_err(|e| {
        anyhow::anyhow!(
            "cannot listen on {bind}: {e}\nhelp: pass --port 0 to use any free port, or stop the program using this one"
        )
    })?;
    let addr = server
        .server_addr()
        .to_ip()
        .context("the server has no IP address")?;
    let url = site_url(addr);
    let build_opts = BuildOptions {
        root: opts.root.clone(),
        output: None,
        base_url: Some(url.clone()),
        drafts: opts.drafts,
        live_reload: true,
        ..Default::default()
    };
    let instance = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0)
        ^ u64::from(std::process::id());
    let shared = Arc::new(Shared {
        state: RwLock::new(State {
            site: None,
            error: None,
            builds: 0,
        }),
        clients: Mutex::new(Vec::new()),
        instance,
        print: opts.print,
        stopping: AtomicBool::new(false),
        indexing: AtomicBool::new(false),
    });

    // Watch first, so that a save during the first build is not missed.
    let (tx, rx) = mpsc::channel::<Msg>();
    let watcher = watch(&root, opts.debounce, tx.clone(), opts.print)?;

    first_build(&shared, &build_opts, opts.print);

    let server = Arc::new(server);
    let workers = http_workers(&server, &shared);
    let rebuilder = {
        let shared = Arc::clone(&shared);
        let root = root.clone();
        std::thread::Builder::new()
            .name("parley-rebuild".into())
            .spawn(move || watch_and_rebuild(&shared, &root, &build_opts, &rx, watcher))
            .expect("can start a thread")
    };
    if opts.print {
        println!("serving at {url}");
        println!(
            "watching content/, templates/ and static/ in {}; press Ctrl-C to stop",
            opts.root.display()
        );
        let _ = std::io::stdout().flush();
    }
    Ok(Serving {
        url,
        addr,
        shared,
        server,
        workers,
        rebuilder: Some(rebuilder),
        tx,
    })
}

/// The first build: served when it succeeds, its errors shown in the browser when not.
fn first_build(shared: &Shared, build_opts: &BuildOptions, print: bool) {
    let t = Instant::now();
    match LiveSite::build(build_opts) {
        Ok(site) => {
            if print {
                let n = site.site().explainers.len();
                let pages = site.files().iter().filter(|(p, _)| p.ends_with(".html"));
                println!(
                    "built {n} explainer{}: {} pages, {} files in {} ms",
                    if n == 1 { "" } else { "s" },
                    pages.count(),
                    site.files().len(),
                    t.elapsed().as_millis()
                );
            }
            let mut st = shared.state.write().unwrap_or_else(|e| e.into_inner());
            st.site = Some(site);
            st.builds = 1;
        }
        Err(e) => {
            let report = report_error(&e, print);
            shared
                .state
                .write()
                .unwrap_or_else(|e| e.into_inner())
                .error = Some(report);
        }
    }
}

/// The threads answering HTTP requests.
fn http_workers(server: &Arc<tiny_http::Server>, shared: &Arc<Shared>) -> Vec<JoinHandle<()>> {
    (0..WORKERS)
        .map(|i| {
            let server = Arc::clone(server);
            let shared = Arc::clone(shared);
            std::thread::Builder::new()
                .name(format!("parley-http-{i}"))
                .spawn(move || {
                    loop {
                        match server.recv() {
                            Ok(rq) => handle(&shared, rq),
                            Err(_) if shared.stopping.load(Ordering::SeqCst) => break,
                            // A failed accept (e.g. out of file descriptors): try again.
                            Err(_) => std::thread::sleep(Duration::from_millis(10)),
                        }
                    }
                })
                .expect("can start a thread")
        })
        .collect()
}

/// The rebuilding thread's work: wait for changes (pinging the live-reload streams while
/// idle), coalesce them, watch folders that appeared or were replaced, and rebuild.
fn watch_and_rebuild(
    shared: &Arc<Shared>,
    root: &Path,
    build_opts: &BuildOptions,
    rx: &mpsc::Receiver<Msg>,
    mut watcher: Watch,
) {
    let mut watched: BTreeSet<PathBuf> = crate::serve::incremental::watched_dirs(root)
        .into_iter()
        .filter(|d| d.is_dir())
        .collect();
    loop {
        let first = match rx.recv_timeout(Duration::from_secs(15)) {
            Ok(m) => m,
            Err(RecvTimeoutError::Timeout) => {
                // Keeps proxies from closing the streams; drops dead clients.
                shared.broadcast(": ping\n\n");
                continue;
            }
            Err(RecvTimeoutError::Disconnected) => break,
        };
        let mut changes = BTreeSet::new();
        let mut stop = false;
        let tops = crate::serve::incremental::watched_dirs(root);
        // Watched folders that were themselves created, removed or replaced
        // (a `git checkout`, a restored backup): watched afresh below.
        let mut replaced = BTreeSet::new();
        let mut add = |m: Msg, changes: &mut BTreeSet<Change>| match m {
            Msg::Paths(paths) => {
                replaced.extend(paths.iter().filter(|p| tops.contains(p)).cloned());
                changes.extend(paths.iter().filter_map(|p| classify(root, p)))
            }
            Msg::Stop => stop = true,
        };
        add(first, &mut changes);
        // Coalesce whatever else is already waiting.
        while let Ok(m) = rx.try_recv() {
            add(m, &mut changes);
        }
        if stop {
            break;
        }
        for d in &replaced {
            if watched.remove(d) {
                let _ = watcher.watcher().unwatch(d);
            }
        }
        // A folder that appeared (templates/, static/) is watched from now on.
        for d in tops {
            if d.is_dir()
                && !watched.contains(&d)
                && watcher
                    .watcher()
                    .watch(&d, RecursiveMode::Recursive)
                    .is_ok()
            {
                watched.insert(d);
            }
        }
        if !changes.is_empty() {
            let changes: Vec<Change> = changes.into_iter().collect();
            rebuild(shared, build_opts, &changes);
        }
    }
    drop(watcher);
}

/// Print a failed build's errors on the terminal and return the plain report for the browser.
fn report_error(e: &BuildError, print: bool) -> String {
    let plain = match e {
        BuildError::Content(errors) => format!("{}{errors}\n", errors.plain_report()),
        BuildError::Other(e) => {
            let mut s = format!("error: {e}\n");
            for cause in e.chain().skip(1) {
                s += &format!("  caused by: {cause}\n");
            }
            s
        }
    };
    if print {
        match e {
            BuildError::Content(errors) if std::io::stderr().is_terminal() => {
                // Colour and box drawing on a terminal, as `parley build` prints them.
                let handler = miette::GraphicalReportHandler::new();
                for err in &errors.errors {
                    let mut s = String::new();
                    if handler.render_report(&mut s, err).is_err() {
                        s = crate::diag::plain(err);
                    }
                    eprintln!("{s}");
                }
                eprintln!("{errors}");
            }
            _ => eprint!("{plain}"),
        }
    }
    plain
}

/// Apply changes: incrementally under the write lock, or a full build beside the served site
/// and swapped in.
fn rebuild(shared: &Arc<Shared>, opts: &BuildOptions, changes: &[Change]) {
    let t = Instant::now();
    let full = {
        let st = shared.state.read().unwrap_or_else(|e| e.into_inner());
        st.site.as_ref().is_none_or(|s| s.needs_full(changes))
    };
    let result: Result<Rebuilt, BuildError> = if full {
        full_build(shared, opts, t)
    } else {
        let mut st = shared.state.write().unwrap_or_else(|e| e.into_inner());
        st.site
            .as_mut()
            .expect("an incremental rebuild has a site")
            .update(changes)
    };
    match result {
        Ok(r) => rebuilt(shared, changes, &r),
        Err(e) => failed(shared, &e),
    }
}

/// A full build beside the served site (started at `t`), swapped in when it succeeds; when it
/// fails, the served site stays but is marked stale.
fn full_build(shared: &Shared, opts: &BuildOptions, t: Instant) -> Result<Rebuilt, BuildError> {
    // The search index as it is: kept, and made again after the reload if it is stale.
    let previous = {
        let st = shared.state.read().unwrap_or_else(|e| e.into_inner());
        st.site.as_ref().map(LiveSite::previous_index)
    };
    match LiveSite::build_keeping(opts, previous) {
        Ok(site) => {
            let r = Rebuilt {
                full: true,
                explainers: site.site().explainers.len(),
                rendered: site.files().len(),
                files: site.files().len(),
                elapsed: t.elapsed(),
                notes: Vec::new(),
            };
            shared.state.write().unwrap_or_else(|e| e.into_inner()).site = Some(site);
            Ok(r)
        }
        Err(e) => {
            // The site served stays, but it no longer matches the sources.
            if let Some(s) = shared
                .state
                .write()
                .unwrap_or_else(|e| e.into_inner())
                .site
                .as_mut()
            {
                s.mark_stale();
            }
            Err(e)
        }
    }
}

/// After a good rebuild: count it, print it, tell the open pages to reload, then bring
/// feed.xml, the sitemap and the search index up to date.
fn rebuilt(shared: &Arc<Shared>, changes: &[Change], r: &Rebuilt) {
    let builds = {
        let mut st = shared.state.write().unwrap_or_else(|e| e.into_inner());
        st.error = None;
        st.builds += 1;
        st.builds
    };
    if shared.print {
        print_rebuilt(r, changes);
    }
    shared.broadcast(&sse_event(
        "reload",
        &serde_json::json!({
            "build": shared.build_id(builds),
            "ms": r.elapsed.as_secs_f64() * 1000.0,
        }),
    ));
    // Then feed.xml and the sitemap, which read every explainer: rendered while the
    // reloading pages are served, swapped in after.
    let feeds = {
        let st = shared.state.read().unwrap_or_else(|e| e.into_inner());
        st.site
            .as_ref()
            .filter(|s| s.feeds_stale())
            .map(LiveSite::render_feeds)
    };
    match feeds {
        Some(Ok(feeds)) => {
            let mut st = shared.state.write().unwrap_or_else(|e| e.into_inner());
            if let Some(s) = st.site.as_mut() {
                s.apply_feeds(feeds);
            }
        }
        // A feed template that fails on the new content: the old feeds stay, and say so.
        Some(Err(e)) => eprintln!("{}", crate::diag::plain(&e)),
        None => {}
    }
    // And the search index, if what it indexes changed: in the background.
    index::in_background(shared);
}

/// Print a good rebuild's notes and what it rebuilt (the site, or the explainers changed).
fn print_rebuilt(r: &Rebuilt, changes: &[Change]) {
    for n in &r.notes {
        println!("note: {n}");
    }
    let what = if r.full {
        format!("the site ({} explainers)", r.explainers)
    } else {
        changes
            .iter()
            .filter_map(|c| match c {
                Change::Explainer(s) => Some(format!("content/{s}/")),
                Change::Translation(s, code) => Some(format!("content/{s}/ (in {code})")),
                Change::Full => None,
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    println!(
        "rebuilt {what} in {:.1} ms: {} files rendered",
        r.elapsed.as_secs_f64() * 1000.0,
        r.rendered
    );
}

/// After a failed rebuild: keep its report for the pages, print it and send it to the open
/// pages, unless it is the same error as last time.
fn failed(shared: &Shared, e: &BuildError) {
    let report = report_error(e, false);
    {
        let mut st = shared.state.write().unwrap_or_else(|e| e.into_inner());
        if st.error.as_deref() == Some(report.as_str()) {
            // The same error again (one save can come as two bursts of events, e.g.
            // `sed -i`): the terminal and the open pages show it already.
            return;
        }
        st.error = Some(report.clone());
    }
    report_error(e, shared.print);
    shared.broadcast(&sse_event(
        "error",
        &serde_json::json!({ "message": report }),
    ));
}

/// `parley serve`: start, then wait for Ctrl-C and stop cleanly.
pub fn run(opts: &ServeOptions) -> Result<()> {
    let (tx, rx) = mpsc::channel::<()>();
    ctrlc::set_handler(move || {
        let _ = tx.send(());
    })
    .context("cannot handle Ctrl-C")?;
    let serving = start(opts)?;
    let ip = opts.interface;
    if !ip.is_loopback() && opts.print {
        eprintln!(
            "warning: serving on {ip}, not only on this computer: anyone who can reach it can read the preview"
        );
    }
    let _ = rx.recv();
    if opts.print {
        println!("stopping");
    }
    serving.stop();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(p: &str) -> bool {
        matches!(
            p,
            "index.html" | "a/index.html" | "a/b.png" | "style.1234.css" | "people/x/index.html"
        )
    }

    #[test]
    fn resolves_pages_and_files() {
        assert_eq!(resolve("/", site), Resolved::File("index.html".into()));
        assert_eq!(resolve("/?x=1", site), Resolved::File("index.html".into()));
        assert_eq!(resolve("/a/", site), Resolved::File("a/index.html".into()));
        assert_eq!(resolve("/a/b.png", site), Resolved::File("a/b.png".into()));
        assert_eq!(resolve("/a", site), Resolved::Redirect("/a/".into()));
        assert_eq!(resolve("/a?q", site), Resolved::Redirect("/a/?q".into()));
        assert_eq!(
            resolve("/people/x/", site),
            Resolved::File("people/x/index.html".into())
        );
        assert_eq!(
            resolve("/%61/", site),
            Resolved::File("a/index.html".into())
        );
        assert_eq!(resolve("/nope", site), Resolved::NotFound);
    }

    #[test]
    fn refuses_paths_outside_the_site() {
        let any = |_: &str| true;
        for bad in [
            "/../etc/passwd",
            "/a/../../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E/%2E%2E/etc/passwd",
            "/..%2fetc%2fpasswd",
            "/a%2f..%2f..%2fetc/passwd",
            "/a%5c..%5cx",
            "/a\\..\\x",
            "//etc/passwd",
            "/./index.html",
            "/a/./b.png",
            "/C:/x",
            "/a%00.html",
        ] {
            assert_eq!(resolve(bad, any), Resolved::NotFound, "{bad}");
        }
        assert_eq!(resolve("http://evil/x", any), Resolved::BadRequest);
        assert_eq!(resolve("/%ff%fe", any), Resolved::BadRequest);
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(
            content_type("feed.xml"),
            "application/atom+xml; charset=utf-8"
        );
        assert_eq!(
            content_type("x/feed.xml"),
            "application/atom+xml; charset=utf-8"
        );
        assert_eq!(content_type("sitemap.xml"), "text/xml; charset=utf-8");
        assert_eq!(content_type("style.1a.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("a/photo.JPG"), "image/jpeg");
        assert_eq!(content_type("_headers"), "text/plain; charset=utf-8");
        assert_eq!(content_type("robots.txt"), "text/plain; charset=utf-8");
        assert_eq!(content_type("x.bin"), "application/octet-stream");
        assert_eq!(content_type("app.js"), "text/javascript; charset=utf-8");
        assert_eq!(content_type("font.woff2"), "font/woff2");
        assert_eq!(content_type("no-extension"), "application/octet-stream");
    }
}
