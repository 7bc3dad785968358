//! The "merely write the same files" floor for the parley benchmark.
//!
//! Usage: write_floor MANIFEST OUT_DIR [THREADS]
//!
//! MANIFEST has one line per file, `SIZE<TAB>RELATIVE/PATH`, as bench/run lists it from a
//! real parley output tree (listing is done before timing). This program creates OUT_DIR
//! and every folder, then writes each file with exactly SIZE bytes from a buffer in memory:
//! no reading, parsing or rendering, just mkdir + create + write + close, the system calls
//! any generator has to make for the same output. It uses THREADS threads (default: the
//! number of cores), like a parallel generator would, so it is a floor, not a strawman.
//!
//! Standard library only; bench/run compiles it with `rustc -O`.

use std::collections::BTreeSet;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::thread;

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

    let mut files: Vec<(usize, PathBuf)> = Vec::new();
    let mut dirs: BTreeSet<PathBuf> = BTreeSet::new();
    for line in manifest.lines() {
        if line.is_empty() {
            continue;
        }
        let (size, rel) = line.split_once('\t').expect("SIZE<TAB>PATH");
        let path = out.join(rel);
        if let Some(parent) = path.parent() {
            dirs.insert(parent.to_path_buf());
        }
        files.push((size.parse().expect("size"), path));
    }
    let max = files.iter().map(|f| f.0).max().unwrap_or(0);
    // Printable filler, so the pages look like text to anything that cares.
    let buf: Vec<u8> = (0..max).map(|i| b"<p>lorem ipsum</p>\n"[i % 19]).collect();

    fs::create_dir_all(&out).expect("create out dir");
    // BTreeSet order puts parents before children.
    for d in &dirs {
        if let Err(e) = fs::create_dir(d) {
            if e.kind() != std::io::ErrorKind::AlreadyExists {
                panic!("mkdir {}: {e}", d.display());
            }
        }
    }

    let threads = threads.max(1);
    let chunk = files.len().div_ceil(threads).max(1);
    thread::scope(|s| {
        for part in files.chunks(chunk) {
            let buf = &buf;
            s.spawn(move || {
                for (size, path) in part {
                    write_one(path, &buf[..*size]);
                }
            });
        }
    });
}

fn write_one(path: &Path, data: &[u8]) {
    let mut f = fs::File::create(path).unwrap_or_else(|e| panic!("create {}: {e}", path.display()));
    f.write_all(data).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
}
