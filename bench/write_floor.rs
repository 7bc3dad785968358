//! The "merely write the same files" floor for the parley benchmark.
//!
//! Usage: write_floor MANIFEST OUT_DIR [THREADS]
//!
//! MANIFEST has one line per file, `SIZE<TAB>RELATIVE/PATH`, as bench/run lists it from a
//! real parley output tree (listing is done before timing). This program creates OUT_DIR,
//! then writes each file with exactly SIZE bytes from a buffer in memory: no reading, parsing
//! or rendering, just mkdir + create + write + close, the system calls any generator has to
//! make for the same output.
//!
//! It uses THREADS threads (default: the number of cores), like a parallel generator would,
//! and hands them whole top-level folders (an explainer with its question cards) one at a
//! time from a shared counter: each thread makes a folder's directories as it writes into
//! them. The floor used to make every directory first, on one thread, which left the other
//! core idle while the kernel created thousands of directories: 403 ms against 238 ms this
//! way for the same files at 1,000 explainers with cards (bench/README.md, "The write
//! floor"), so it was not a floor.
//!
//! Standard library only; bench/run compiles it with `rustc -O`.

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

/// A file to write: its size and path.
type File = (usize, PathBuf);

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: write_floor MANIFEST OUT_DIR [THREADS]");
        std::process::exit(2);
    }
    let manifest = fs::read_to_string(&args[1]).expect("read manifest");
    let out = PathBuf::from(&args[2]);
    let threads: usize = match args.get(3) {
        Some(t) => t.parse().expect("THREADS must be a number"),
        None => thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
    };

    // Files grouped by their first path component (files at the top level each on their
    // own), in path order, so that a folder comes before the folders inside it.
    let mut units: BTreeMap<String, Vec<File>> = BTreeMap::new();
    for line in manifest.lines() {
        if line.is_empty() {
            continue;
        }
        let (size, rel) = line.split_once('\t').expect("SIZE<TAB>PATH");
        let top = rel.split('/').next().unwrap_or(rel).to_string();
        units
            .entry(top)
            .or_default()
            .push((size.parse().expect("size"), out.join(rel)));
    }
    let mut units: Vec<Vec<File>> = units.into_values().collect();
    for u in &mut units {
        u.sort_by(|a, b| a.1.cmp(&b.1));
    }
    let max = units.iter().flatten().map(|f| f.0).max().unwrap_or(0);
    // Printable filler, so the pages look like text to anything that cares.
    let buf: Vec<u8> = (0..max).map(|i| b"<p>lorem ipsum</p>\n"[i % 19]).collect();

    fs::create_dir_all(&out).expect("create out dir");
    let next = AtomicUsize::new(0);
    thread::scope(|s| {
        for _ in 0..threads.max(1) {
            let (units, buf, next, out) = (&units, &buf, &next, &out);
            s.spawn(move || {
                let mut made: HashSet<PathBuf> = HashSet::new();
                while let Some(unit) = units.get(next.fetch_add(1, Ordering::Relaxed)) {
                    for (size, path) in unit {
                        let dir = path.parent().unwrap_or(out.as_path());
                        if dir != out.as_path() && !made.contains(dir) {
                            make_dir(dir);
                            made.insert(dir.to_path_buf());
                        }
                        write_one(path, &buf[..*size]);
                    }
                }
            });
        }
    });
}

/// `mkdir -p`: the folder and any missing parents (another thread may make one first).
fn make_dir(dir: &Path) {
    fs::create_dir_all(dir).unwrap_or_else(|e| panic!("mkdir {}: {e}", dir.display()));
}

fn write_one(path: &Path, data: &[u8]) {
    let mut f = fs::File::create(path).unwrap_or_else(|e| panic!("create {}: {e}", path.display()));
    f.write_all(data).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
}
