//! Shared helpers for integration tests: build a site folder into a temp dir and read pages.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use parley::{BuildOptions, BuildReport};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures").join(name)
}

pub struct Built {
    pub dir: tempfile::TempDir,
    pub report: BuildReport,
}

impl Built {
    pub fn out(&self) -> PathBuf {
        self.dir.path().join("public")
    }
    pub fn read(&self, rel: &str) -> String {
        let p = self.out().join(rel);
        std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))
    }
    pub fn exists(&self, rel: &str) -> bool {
        self.out().join(rel).exists()
    }
}

pub fn build_with(root: &Path, f: impl FnOnce(&mut BuildOptions)) -> Built {
    let dir = tempfile::tempdir().unwrap();
    let mut opts = BuildOptions {
        root: root.to_path_buf(),
        output: Some(dir.path().join("public")),
        ..Default::default()
    };
    f(&mut opts);
    let report = match parley::build(&opts) {
        Ok(r) => r,
        Err(parley::BuildError::Content(e)) => panic!("build failed:\n{}", e.plain_report()),
        Err(e) => panic!("build failed: {e:#}"),
    };
    Built { dir, report }
}

pub fn build(root: &Path) -> Built {
    build_with(root, |_| {})
}

/// The text between `<main` and `</main>`.
pub fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("a <main>");
    let end = html.find("</main>").expect("a </main>") + "</main>".len();
    &html[start..end]
}

/// Every site file path below `dir`, sorted, relative (not parley's own record and lock).
pub fn all_files(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_entry(|e| !parley::write::is_bookkeeping(&e.file_name().to_string_lossy()))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    v.sort();
    v
}

/// Copy a folder tree (a fixture site) into another folder.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A copy of the site folder `from` in a temp dir (to edit without touching the fixture).
pub fn copy_site(from: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(from, dir.path());
    dir
}

/// Replace the first `from` in the file at `path` with `to` (`from` must be there).
pub fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has no {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}
