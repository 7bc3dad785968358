//! `serve`'s rebuild times on a synthetic site (default 1,000 explainers of 8 questions of
//! ~120 words each, 40 people named throughout, shortcodes, internal links).
//!
//! Prints medians of:
//! - full: a full in-memory build (`LiveSite::build`: load, model, render, finish), as serve
//!   does at start and after a template, static, site.yaml or people.yaml change;
//! - incremental: applying a one-question edit to an explainer (file written, then
//!   `LiveSite::update`) until the new bytes are in the in-memory site; then, separately, the
//!   site-wide feed.xml and sitemap.xml, which serve renders after sending the reload;
//! - the same edit naming a person the explainer did not mention (their page is re-rendered);
//! - save to reload: through the real server: the edited file is written, and the clock stops
//!   when a client of `/__parley/events` receives `reload` (file watcher, debounce, rebuild,
//!   event), after which the page served is checked for the new text.
//!
//! cargo bench --bench rebuild                        # 1,000 explainers, 7 runs
//! cargo bench --bench rebuild -- --explainers 100 --runs 11

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use parley::BuildOptions;
use parley::render::Output;
use parley::serve::incremental::{Change, LiveSite};
use parley::serve::{ServeOptions, start};

const FIRST: &[&str] = &[
    "Anna", "Boris", "Celik", "Dmitri", "Elena", "Farid", "Greta", "Hakan", "Irina", "Jonas",
    "Katarina", "Leyla", "Mikhail", "Nadia", "Oleksiy", "Pavel", "Rustam", "Sofia", "Tariq",
    "Ulla", "Viktor", "Yulia", "Zeynep", "Andriy", "Mariam", "Omar", "Ingrid", "Lars", "Selin",
    "Kemal", "Amira", "Henrik", "Olga", "Sergiy", "Lina", "Emre", "Nikolai", "Rania", "Marek",
    "Agata",
];
const LAST: &[&str] = &[
    "Aldemir",
    "Borisenko",
    "Celikkaya",
    "Dragunov",
    "Ekstrom",
    "Farahani",
    "Grunewald",
    "Halvorsen",
    "Ivanova",
    "Jankowski",
    "Karimov",
    "Lindqvist",
    "Marchetti",
    "Novak",
    "Okonkwo",
    "Petrenko",
    "Qureshi",
    "Rasmussen",
    "Sokolov",
    "Tamberg",
    "Umarov",
    "Vasquez",
    "Wojcik",
    "Yilmaz",
    "Zhukova",
    "Abramyan",
    "Bakirov",
    "Castellanos",
    "Demir",
    "Eriksen",
    "Fomenko",
    "Gashi",
    "Haddad",
    "Ilves",
    "Juhasz",
    "Kovalenko",
    "Leclerc",
    "Mansour",
    "Nordahl",
    "Ozturk",
];
const PARTIES: &[&str] = &[
    "Aldoria", "Berenia", "Castavia", "Dornland", "Estmark", "Farovia", "Galdor", "Hesperia",
    "Ilyria", "Jorvania",
];
const WORDS: &[&str] = &[
    "ceasefire",
    "delegation",
    "agreement",
    "prisoner",
    "exchange",
    "framework",
    "memorandum",
    "border",
    "corridor",
    "guarantee",
    "sanctions",
    "round",
    "of",
    "talks",
    "mediation",
    "proposal",
    "timetable",
    "security",
    "zone",
    "the",
    "and",
    "officials",
    "said",
    "both",
    "sides",
    "discussed",
    "rejected",
    "welcomed",
    "proposed",
    "questioned",
    "accepted",
    "postponed",
    "signalled",
    "direct",
    "technical",
    "limited",
    "lasting",
    "fragile",
    "formal",
];
const QUESTIONS: &[&str] = &[
    "When are the talks?",
    "Who is expected to attend? {#who}",
    "Where do the parties stand?",
    "What are the expectations?",
    "Why here?",
    "What happened before?",
    "Who is mediating?",
    "What comes next?",
];

/// A small deterministic generator (xorshift), so every run writes the same site.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn person_id(i: usize) -> String {
    format!("{}-{}", FIRST[i], LAST[i]).to_lowercase()
}

fn slug(i: usize) -> String {
    format!("talks-{i:05}")
}

/// One answer of about 120 words naming people by full name and by surname.
fn answer(r: &mut Rng, people: &[usize], marker: &str) -> String {
    let mut out = String::new();
    for sentence in 0..10 {
        let p = people[r.below(people.len())];
        if sentence % 2 == 0 {
            out += &format!("{} {}", FIRST[p], LAST[p]);
        } else {
            out += LAST[p];
        }
        for _ in 0..10 {
            out.push(' ');
            out += WORDS[r.below(WORDS.len())];
        }
        out += ". ";
        if sentence == 4 {
            out += "\n\n";
        }
    }
    out += marker;
    out.push('\n');
    out
}

fn explainer(i: usize, marker: &str) -> String {
    let mut r = Rng(0x9e37_79b9_7f4a_7c15 ^ (i as u64 + 1).wrapping_mul(0x2545_f491_4f6c_dd1d));
    let (a, b) = (i % PARTIES.len(), (i + 3) % PARTIES.len());
    // Four people from each party (person k belongs to party k % 10).
    let side = |party: usize| -> Vec<usize> { (0..4).map(|k| party + 10 * k).collect() };
    let (sa, sb) = (side(a), side(b));
    let mediator = (i + 5) % PARTIES.len();
    let everyone: Vec<usize> = sa.iter().chain(&sb).copied().chain([mediator]).collect();
    let day = 1 + i % 28;
    let month = 1 + (i / 28) % 12;
    let year = 2020 + i / 336;
    let mut s = format!(
        "---\ntitle: \"{} and {} talks, round {}\"\nsummary: \"Delegations from {} and {} meet for technical talks.\"\npublished: {year}-{month:02}-{day:02}T08:00:00Z\ntalks:\n  when: {year}-{month:02}-{day:02}T12:00:00Z\n  timezone: Europe/Istanbul\n  where: \"Istanbul\"\n  status: scheduled\n  parties:\n    - name: \"{}\"\n      head: {}\n      members: [{}, {}]\n    - name: \"{}\"\n      head: {}\n      members: [{}, {}]\n  mediators: [{}]\nupdates:\n  - at: {year}-{month:02}-{day:02}T09:00:00Z\n    text: \"Officials said the timings were in flux.\"\nsources:\n  - title: \"Report on round {}\"\n    url: https://example.org/news/{i}\n---\n",
        PARTIES[a],
        PARTIES[b],
        i + 1,
        PARTIES[a],
        PARTIES[b],
        PARTIES[a],
        person_id(sa[0]),
        person_id(sa[1]),
        person_id(sa[2]),
        PARTIES[b],
        person_id(sb[0]),
        person_id(sb[1]),
        person_id(sb[2]),
        person_id(mediator),
        i + 1,
    );
    s += &answer(&mut r, &everyone, "");
    for (q, title) in QUESTIONS.iter().enumerate() {
        s += &format!("\n## {title}\n\n");
        s += &answer(&mut r, &everyone, if q == 2 { marker } else { "" });
        if q == 1 {
            s += &format!("\n{{{{ delegation(party=\"{}\") }}}}\n", PARTIES[a]);
        }
        if q == 6 {
            s += &format!("\n{{{{ person(id=\"{}\") }}}}\n", person_id(mediator));
        }
        if q == 7 && i > 0 {
            s += &format!(
                "\nSee also [the previous round](@/{}/index.md#who).\n",
                slug(i - 1)
            );
        }
    }
    s
}

fn generate(root: &Path, n: usize) {
    let content = root.join("content");
    std::fs::create_dir_all(&content).unwrap();
    std::fs::write(
        content.join("site.yaml"),
        "title: Talks Explained\ndescription: Plain answers about peace talks.\nbase_url: https://example.org/\nlanguage: en\n",
    )
    .unwrap();
    let mut people = String::new();
    for i in 0..FIRST.len() {
        people += &format!(
            "- id: {}\n  name: {} {}\n  role: Envoy of {}\n  party: {}\n  aliases: [{}]\n",
            person_id(i),
            FIRST[i],
            LAST[i],
            PARTIES[i % 10],
            PARTIES[i % 10],
            LAST[i]
        );
    }
    std::fs::write(content.join("people.yaml"), people).unwrap();
    for i in 0..n {
        let dir = content.join(slug(i));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("index.md"), explainer(i, "")).unwrap();
    }
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn summary(name: &str, v: &[Duration]) {
    let min = v.iter().min().unwrap();
    let max = v.iter().max().unwrap();
    println!(
        "{name:<34} median {:>10}   (min {}, max {}, {} runs)",
        ms(median(v.to_vec())),
        ms(*min),
        ms(*max),
        v.len()
    );
}

/// Read one HTTP/1.0 response (the server closes the connection after it).
fn get(addr: std::net::SocketAddr, path: &str) -> String {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(s, "GET {path} HTTP/1.0\r\nHost: localhost\r\n\r\n").unwrap();
    let mut body = String::new();
    s.read_to_string(&mut body).unwrap();
    body
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --all-targets` does not, and gets a quick
    // smoke run instead of the measurement.
    let bench = std::env::args().any(|a| a == "--bench");
    let (mut n, mut runs) = if bench { (1000, 7) } else { (20, 2) };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--explainers" => n = args.next().and_then(|v| v.parse().ok()).unwrap_or(n),
            "--runs" => runs = args.next().and_then(|v| v.parse().ok()).unwrap_or(runs),
            _ => {}
        }
    }
    let tmp = tempfile::tempdir().expect("a temp folder");
    let root: PathBuf = tmp.path().to_path_buf();
    let t = Instant::now();
    generate(&root, n);
    println!(
        "site: {n} explainers x {} questions, {} people, generated in {}",
        QUESTIONS.len(),
        FIRST.len(),
        ms(t.elapsed())
    );
    let opts = BuildOptions {
        root: root.clone(),
        base_url: Some("http://127.0.0.1:1111/".into()),
        live_reload: true,
        ..Default::default()
    };

    // Full in-memory builds.
    let mut full = Vec::new();
    let mut site = None;
    for _ in 0..runs.min(5) {
        let t = Instant::now();
        let s = LiveSite::build(&opts).expect("the synthetic site builds");
        full.push(t.elapsed());
        site = Some(s);
    }
    let mut site = site.unwrap();
    println!(
        "built: {} files, {} pages",
        site.files().len(),
        site.files()
            .iter()
            .filter(|(p, _)| p.ends_with(".html"))
            .count()
    );

    // One-question edits, each one to a different explainer in the middle of the site.
    let mut incremental = Vec::new();
    let mut feeds = Vec::new();
    for run in 0..runs {
        let i = n / 2 + run;
        let marker = format!("Edited in run {run}.");
        let file = root.join("content").join(slug(i)).join("index.md");
        let page = format!("{}/index.html", slug(i));
        let t = Instant::now();
        std::fs::write(&file, explainer(i, &marker)).unwrap();
        let r = site
            .update(&[Change::Explainer(slug(i))])
            .expect("the edit builds");
        let elapsed = t.elapsed();
        assert!(!r.full);
        match site.get(&page) {
            Some(Output::Bytes(b)) => {
                assert!(
                    String::from_utf8_lossy(b).contains(&marker),
                    "new text served"
                )
            }
            _ => panic!("{page} is in the site"),
        }
        incremental.push(elapsed);
        let t = Instant::now();
        site.refresh_feeds().expect("feeds render");
        feeds.push(t.elapsed());
    }

    // The same, naming someone the explainer did not mention: their back-links change, so
    // their page (listing every question that names them) is rendered again too.
    let mut naming = Vec::new();
    for run in 0..runs {
        let i = n / 4 + run;
        let p = (i + 7) % PARTIES.len();
        let marker = format!("{} {} said so in run {run}.", FIRST[p], LAST[p]);
        let file = root.join("content").join(slug(i)).join("index.md");
        let t = Instant::now();
        std::fs::write(&file, explainer(i, &marker)).unwrap();
        site.update(&[Change::Explainer(slug(i))])
            .expect("the edit builds");
        let elapsed = t.elapsed();
        match site.get(&format!("people/{}/index.html", person_id(p))) {
            Some(Output::Bytes(b)) => assert!(
                String::from_utf8_lossy(b).contains(&format!("/{}/#", slug(i))),
                "the person's page lists the question"
            ),
            _ => panic!("the person has a page"),
        }
        naming.push(elapsed);
        site.refresh_feeds().expect("feeds render");
    }
    drop(site);

    // Save to reload, through the server and the file watcher.
    let serving = start(&ServeOptions {
        port: 0,
        print: false,
        ..ServeOptions::new(&root)
    })
    .expect("serve starts");
    let addr = serving.addr();
    let mut events = TcpStream::connect(addr).unwrap();
    write!(
        events,
        "GET /__parley/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n"
    )
    .unwrap();
    events
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let mut events = BufReader::new(events);
    let mut line = String::new();
    // Up to the hello event.
    loop {
        line.clear();
        events.read_line(&mut line).unwrap();
        if line.starts_with("data:") {
            break;
        }
    }
    let mut e2e = Vec::new();
    for run in 0..runs {
        let i = n / 3 + run;
        let marker = format!("Saved in run {run}.");
        let file = root.join("content").join(slug(i)).join("index.md");
        std::thread::sleep(Duration::from_millis(300));
        let t = Instant::now();
        std::fs::write(&file, explainer(i, &marker)).unwrap();
        // Until a reload after which the page has the edit (a save can reach the watcher
        // in more than one burst, so there can be a reload for a half-written file first).
        loop {
            line.clear();
            if events.read_line(&mut line).unwrap() == 0 {
                panic!("event stream closed");
            }
            if line.trim() == "event: reload"
                && get(addr, &format!("/{}/", slug(i))).contains(&marker)
            {
                break;
            }
        }
        e2e.push(t.elapsed());
    }
    serving.stop();

    println!();
    summary("full build (in memory)", &full);
    summary("incremental one-question edit", &incremental);
    summary("  then feed.xml and sitemap.xml", &feeds);
    summary("edit naming one more person", &naming);
    summary("save to reload (watcher + SSE)", &e2e);
}
