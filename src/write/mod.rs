//! Writes the built site into its output folder without ever losing a user's file: only into
//! a folder that is new, empty or built by parley before (its record, [`MANIFEST`], says so),
//! one build at a time (a lock), and only the files whose bytes changed, each moved into
//! place once the whole site has rendered.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs::{self, File};
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use anyhow::{Context, Result, bail};

pub(crate) mod links;
pub(crate) mod mime;
mod record;

pub use record::{FileRecord, MANIFEST, Manifest, content_hash};

use crate::render::{Files, Output, Sink};

/// Held (`flock`) by the build writing into the folder.
const LOCK: &str = ".parley-lock";
/// Where a build puts the files whose bytes changed until everything has succeeded.
const STAGING: &str = ".parley-staging";

/// Whether a name in the output folder is parley's own bookkeeping, never a page.
pub fn is_bookkeeping(name: &str) -> bool {
    name.starts_with(".parley-")
}

/// Whether a site-relative output path stays inside the output folder.
pub fn is_safe_relative(path: &str) -> bool {
    let p = Path::new(path);
    !path.is_empty()
        && !path.contains('\\')
        && !is_bookkeeping(path)
        && p.components().all(|c| matches!(c, Component::Normal(_)))
}

/// `p` made absolute against the current folder, with `.` and `..` resolved lexically (as a
/// shell's `cd` does), then with its longest existing part resolved on disk (symbolic links).
pub fn resolve(p: &Path) -> Result<PathBuf> {
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir()
            .context("cannot read the current folder")?
            .join(p)
    };
    let mut lexical = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::ParentDir => {
                lexical.pop();
            }
            Component::CurDir => {}
            c => lexical.push(c),
        }
    }
    let mut existing = lexical.as_path();
    let mut rest = Vec::new();
    while fs::symlink_metadata(existing).is_err() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => break,
        }
    }
    let mut real = fs::canonicalize(existing).unwrap_or_else(|_| existing.to_path_buf());
    real.extend(rest.iter().rev());
    Ok(real)
}

/// Refuse output folders that hold the site, or sit inside its sources. `out` is shown as the
/// user gave it; `real` is it [`resolve`]d.
fn refuse_site_folders(root: &Path, out: &Path, real: &Path) -> Result<()> {
    let root = fs::canonicalize(root)
        .with_context(|| format!("cannot open the site folder {}", root.display()))?;
    if root.starts_with(real) {
        bail!(
            "refusing to use {} as the output folder: it contains the site itself\nhelp: choose a folder inside the site, such as public/",
            out.display()
        );
    }
    for protected in ["content", "templates", "static", ".git"] {
        if real.starts_with(root.join(protected)) {
            bail!(
                "refusing to write the site into {}: it is part of the site's sources ({protected}/)\nhelp: choose another folder, such as public/",
                out.display()
            );
        }
    }
    Ok(())
}

/// Who an existing output folder belongs to.
enum Owner {
    /// Nothing in it but parley's own bookkeeping.
    Empty,
    /// Built by parley: its record.
    Parley(Manifest),
    /// Someone else's files (a few of their names).
    Foreign(Vec<String>),
}

fn owner(dir: &Path) -> Result<Owner> {
    if let Some(m) = Manifest::read(dir)? {
        return Ok(Owner::Parley(m));
    }
    let mut names: Vec<String> = fs::read_dir(dir)
        .with_context(|| format!("cannot read the output folder {}", dir.display()))?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !is_bookkeeping(n))
        .collect();
    if names.is_empty() {
        return Ok(Owner::Empty);
    }
    names.sort();
    names.truncate(3);
    Ok(Owner::Foreign(names))
}

fn foreign(out: &Path, names: &[String]) -> anyhow::Error {
    anyhow::anyhow!(
        "refusing to build into {}: it holds files that parley did not write ({}{})\nhelp: choose a new or empty folder, or pass --force to add the site beside those files (parley never overwrites or deletes them); a folder built by parley before it kept a record (.parley-manifest.json) must be deleted by hand once",
        out.display(),
        names.join(", "),
        if names.len() == 3 { ", …" } else { "" }
    )
}

/// Check the output folder before anything is built: it must not hold the site or its
/// sources, must be a folder if it exists, and must be empty or parley's unless `force`.
pub fn check_output_dir(root: &Path, out: &Path, force: bool) -> Result<PathBuf> {
    let real = resolve(out)?;
    refuse_site_folders(root, out, &real)?;
    match fs::metadata(&real) {
        Ok(m) if !m.is_dir() => bail!(
            "refusing to use {} as the output folder: it is a file, not a folder\nhelp: pass --output with a folder's name, such as public/",
            out.display()
        ),
        Ok(_) => {
            // A folder with parley's record is parley's: the record itself is read (and a
            // damaged one refused) under the lock, by [`OutputDir::open`].
            let recorded = fs::symlink_metadata(real.join(MANIFEST)).is_ok_and(|m| m.is_file());
            if !recorded
                && let Owner::Foreign(names) = owner(&real)?
                && !force
            {
                return Err(foreign(out, &names));
            }
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => {
            return Err(e)
                .with_context(|| format!("cannot use {} as the output folder", out.display()));
        }
    }
    Ok(real)
}

/// An output folder opened for one build: locked against other builds, with the previous
/// build's record and a staging folder for the files whose bytes changed. Dropped without
/// [`OutputDir::commit`], the staging folder goes and the site stays exactly as it was.
pub struct OutputDir {
    dir: PathBuf,
    staging: PathBuf,
    /// What the previous build wrote.
    old: BTreeMap<String, FileRecord>,
    /// Whether the previous build finished moving its files into place.
    old_complete: bool,
    /// Stage every file, changed or not (`--force`).
    rewrite_all: bool,
    /// The folder had nothing in it: no file can collide with one already there.
    fresh: bool,
    /// This build made the folder: if it fails, the folder goes again.
    created: bool,
    committed: bool,
    _lock: File,
}

/// What [`OutputDir::commit`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Changes {
    pub written: usize,
    pub removed: usize,
}

impl OutputDir {
    /// Open `out` (given as the user wrote it) for a build of the site at `root`, waiting for
    /// another build into it to finish first. `force`: build beside files parley did not write
    /// (never touching them), and rewrite every file.
    pub fn open(root: &Path, out: &Path, force: bool) -> Result<OutputDir> {
        let dir = check_output_dir(root, out, force)?;
        let created = fs::symlink_metadata(&dir).is_err();
        let lock = lock(&dir)?;
        // Under the lock: what the build before this one left.
        let (old, old_complete, fresh) = match owner(&dir)? {
            Owner::Parley(m) => (m.files, m.complete, false),
            Owner::Empty => (BTreeMap::new(), true, true),
            Owner::Foreign(_) if force => (BTreeMap::new(), true, false),
            Owner::Foreign(names) => return Err(foreign(out, &names)),
        };
        let staging = dir.join(STAGING);
        // A build killed mid-way left its staging folder: it held the lock, so it is over.
        if fs::symlink_metadata(&staging).is_ok() {
            fs::remove_dir_all(&staging)
                .with_context(|| format!("cannot remove {}", staging.display()))?;
        }
        fs::create_dir(&staging).with_context(|| format!("cannot create {}", staging.display()))?;
        Ok(OutputDir {
            dir,
            staging,
            old,
            old_complete,
            rewrite_all: force,
            fresh,
            created,
            committed: false,
            _lock: lock,
        })
    }

    /// The folder the site is written into.
    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// Stage one file if its bytes differ from what is in place. Returns whether it was
    /// staged. A file in the way that parley did not write is an error.
    fn stage(&self, rel: &str, bytes: &[u8], record: &FileRecord) -> Result<bool> {
        let dest = self.dir.join(rel);
        if !self.fresh {
            let on_disk = fs::symlink_metadata(&dest).ok();
            match self.old.get(rel) {
                Some(old)
                    if !self.rewrite_all
                        && old.same_bytes(record)
                        && on_disk
                            .as_ref()
                            .is_some_and(|m| m.is_file() && m.len() == record.size) =>
                {
                    return Ok(false);
                }
                None if on_disk.as_ref().is_some_and(|m| !m.is_dir()) => bail!(
                    "refusing to overwrite {}: parley did not write it\nhelp: move it out of the output folder (or rename the page that would replace it)",
                    dest.display()
                ),
                _ => {}
            }
        }
        let staged = self.staging.join(rel);
        if let Some(parent) = staged.parent() {
            fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        fs::write(&staged, bytes).with_context(|| format!("cannot write {}", staged.display()))?;
        Ok(true)
    }

    /// The previous build's record of the page `rel`, if it was made from `inputs` (see
    /// [`record::inputs_hash`]). An empty hash marks a file a killed build may have left
    /// half-moved: never a match.
    fn made_from(&self, rel: &str, inputs: &str) -> Option<&FileRecord> {
        let old = self.old.get(rel)?;
        (old.inputs.as_deref() == Some(inputs) && !old.hash.is_empty()).then_some(old)
    }

    /// Whether the page `rel` need not be rendered again: the previous build made it from
    /// `inputs` ([`OutputDir::made_from`]) and it is in place as that build wrote it.
    fn unchanged(&self, rel: &str, inputs: &str) -> bool {
        !self.rewrite_all
            && !self.fresh
            && self.made_from(rel, inputs).is_some_and(|old| {
                fs::symlink_metadata(self.dir.join(rel))
                    .is_ok_and(|m| m.is_file() && m.len() == old.size)
            })
    }

    /// Move the staged files into place, remove the files the previous build wrote and this
    /// one did not, and record what is there now. `files`: every file of this build, with
    /// whether it was staged.
    pub fn commit(mut self, files: Vec<(String, FileRecord, bool)>) -> Result<Changes> {
        let new: BTreeMap<String, FileRecord> = files
            .iter()
            .map(|(p, r, _)| (p.clone(), r.clone()))
            .collect();
        // A build that changes nothing writes nothing, its record included.
        if self.old_complete && new == self.old && files.iter().all(|f| !f.2) {
            self.committed = true;
            let _ = fs::remove_dir_all(&self.staging);
            return Ok(Changes::default());
        }
        let gone: HashSet<String> = self
            .old
            .keys()
            .filter(|p| !new.contains_key(*p))
            .cloned()
            .collect();
        // Everything staged must have a place to go before anything moves.
        self.place_staged(Path::new(""), &gone, false)?;
        // Until the end, the record says which files may be half-updated: a killed build's
        // successor rewrites them.
        let mut during = self.old.clone();
        for (path, record, staged) in &files {
            let record = if *staged {
                FileRecord {
                    hash: String::new(),
                    size: record.size,
                    inputs: None,
                }
            } else {
                record.clone()
            };
            during.insert(path.clone(), record);
        }
        Manifest::new(during, false).write(&self.dir)?;
        self.place_staged(Path::new(""), &gone, true)?;
        let removed = self.remove(&gone)?;
        Manifest::new(new, true).write(&self.dir)?;
        self.committed = true;
        let _ = fs::remove_dir_all(&self.staging);
        Ok(Changes {
            written: files.iter().filter(|f| f.2).count(),
            removed,
        })
    }

    /// Walk the staged tree below `rel`: check that each entry can take its place (`apply`
    /// false), or move it there (`apply` true). A folder that is not in place yet moves
    /// whole; a file replaces its old version in one rename. Only a file of the previous
    /// build that this one drops (`gone`) may be removed to make room.
    fn place_staged(&self, rel: &Path, gone: &HashSet<String>, apply: bool) -> Result<()> {
        let from = self.staging.join(rel);
        let entries =
            fs::read_dir(&from).with_context(|| format!("cannot read {}", from.display()))?;
        let mut make_room = Vec::new();
        for entry in entries {
            let entry = entry.with_context(|| format!("cannot read {}", from.display()))?;
            let rel = rel.join(entry.file_name());
            let rel_str = rel.to_string_lossy().replace('\\', "/");
            let (src, dest) = (entry.path(), self.dir.join(&rel));
            let staged_dir = entry.file_type()?.is_dir();
            let in_place = fs::symlink_metadata(&dest).ok();
            let ours = self.old.contains_key(&rel_str);
            match in_place {
                None => {}
                Some(m) if staged_dir && m.is_dir() => {
                    self.place_staged(&rel, gone, apply)?;
                    continue;
                }
                Some(m) if !staged_dir && !m.is_dir() && ours => {}
                // A dropped page of the previous build where a folder goes now, or a folder
                // of dropped pages where a page goes.
                Some(m) if staged_dir && !m.is_dir() && ours && gone.contains(&rel_str) => {
                    make_room.push(dest.clone());
                }
                Some(m) if !staged_dir && m.is_dir() && self.only_dropped(&dest, gone) => {
                    make_room.push(dest.clone());
                }
                Some(_) => bail!(
                    "refusing to replace {}: parley did not write it\nhelp: move it out of the output folder",
                    dest.display()
                ),
            }
            if apply {
                for page in make_room.drain(..) {
                    if page.is_dir() {
                        fs::remove_dir_all(&page)
                    } else {
                        fs::remove_file(&page)
                    }
                    .with_context(|| format!("cannot remove {}", page.display()))?;
                }
                fs::rename(&src, &dest)
                    .with_context(|| format!("cannot write {}", dest.display()))?;
            }
        }
        Ok(())
    }

    /// Whether the folder `dir` holds nothing but files of the previous build that this one
    /// drops (`gone`), and folders of them: no file, link or empty folder of anyone else's.
    fn only_dropped(&self, dir: &Path, gone: &HashSet<String>) -> bool {
        walkdir::WalkDir::new(dir).into_iter().all(|e| {
            e.is_ok_and(|e| {
                if e.file_type().is_dir() {
                    fs::read_dir(e.path()).is_ok_and(|mut d| d.next().is_some())
                } else {
                    e.file_type().is_file()
                        && e.path().strip_prefix(&self.dir).is_ok_and(|rel| {
                            gone.contains(&rel.to_string_lossy().replace('\\', "/"))
                        })
                }
            })
        })
    }

    /// Remove the files of the previous build that this one did not write, and the folders
    /// that leaves empty. Returns how many files went.
    fn remove(&self, gone: &HashSet<String>) -> Result<usize> {
        let mut removed = 0;
        let mut folders = HashSet::new();
        for rel in gone {
            let path = self.dir.join(rel);
            let Ok(meta) = fs::symlink_metadata(&path) else {
                continue;
            };
            // Never through a link that leads out of the output folder.
            let parent_inside = path
                .parent()
                .and_then(|p| fs::canonicalize(p).ok())
                .is_some_and(|p| p.starts_with(&self.dir));
            if meta.is_dir() || !parent_inside {
                continue;
            }
            fs::remove_file(&path).with_context(|| format!("cannot remove {}", path.display()))?;
            removed += 1;
            let mut up = Path::new(rel).parent();
            while let Some(p) = up.filter(|p| !p.as_os_str().is_empty()) {
                folders.insert(p.to_path_buf());
                up = p.parent();
            }
        }
        // Deepest first; a folder that still holds anything stays.
        let mut folders: Vec<PathBuf> = folders.into_iter().collect();
        folders.sort_by_key(|p| std::cmp::Reverse(p.components().count()));
        for f in folders {
            let _ = fs::remove_dir(self.dir.join(f));
        }
        Ok(removed)
    }
}

impl Drop for OutputDir {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.staging);
            if self.created {
                // Only our lock is left in it (removed while we hold it: see `lock`).
                let _ = fs::remove_file(self.dir.join(LOCK));
                let _ = fs::remove_dir(&self.dir);
            }
        }
    }
}

/// Take the output folder's lock, waiting (and saying so) while another build holds it.
/// A build that fails into a folder it created removes the folder and its lock file; a build
/// that was waiting on that file then takes the lock anew.
fn lock(dir: &Path) -> Result<File> {
    let path = dir.join(LOCK);
    loop {
        fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let file = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .with_context(|| format!("cannot create {}", path.display()))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => {
                eprintln!(
                    "waiting for another parley build into {} to finish…",
                    dir.display()
                );
                file.lock()
                    .with_context(|| format!("cannot lock {}", path.display()))?;
            }
            Err(fs::TryLockError::Error(e)) => {
                return Err(e).with_context(|| format!("cannot lock {}", path.display()));
            }
        }
        if same_file(&file, &path) {
            return Ok(file);
        }
    }
}

/// Whether the open `file` is still the one at `path`.
#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_: &File, path: &Path) -> bool {
    path.exists()
}

/// A [`Sink`] that stages each group of files as it comes (only those whose bytes changed)
/// and keeps only their paths and records, plus the pages the link check needs
/// ([`crate::write::links::wanted`]). Without an output folder it is a dry run (`check`).
pub struct DiskSink<'a> {
    out: Option<&'a OutputDir>,
    wanted: HashSet<String>,
    kept: Mutex<HashMap<String, Vec<u8>>>,
    records: Mutex<Vec<(String, FileRecord, bool)>>,
}

impl<'a> DiskSink<'a> {
    pub fn new(out: Option<&'a OutputDir>, wanted: HashSet<String>) -> DiskSink<'a> {
        DiskSink {
            out,
            wanted,
            kept: Mutex::new(HashMap::new()),
            records: Mutex::new(Vec::new()),
        }
    }

    /// Every file staged or found unchanged: path, record, whether it was staged.
    pub fn into_records(self) -> Vec<(String, FileRecord, bool)> {
        self.records
            .into_inner()
            .expect("no thread panics holding it")
    }

    fn stage(&self, out: &OutputDir, rel: &str, output: &Output) -> Result<()> {
        if !is_safe_relative(rel) {
            bail!(
                "refusing to write `{rel}`: it would land outside the output folder, or its name is reserved for parley's record (.parley-*)"
            );
        }
        let read;
        let (bytes, inputs) = match output {
            Output::Bytes(b) => (b.as_slice(), None),
            Output::Page(b, inputs) => (b.as_slice(), Some(*inputs)),
            Output::Unchanged(inputs) => {
                // Found in place by `Sink::unchanged` before it was not rendered.
                let old = out.made_from(rel, &record::inputs_hash(*inputs));
                let old = old.with_context(|| format!("{rel} has no record to keep"))?;
                self.records
                    .lock()
                    .expect("no thread panics holding it")
                    .push((rel.to_string(), old.clone(), false));
                return Ok(());
            }
            Output::Copy(src) => {
                read = fs::read(src).with_context(|| format!("cannot read {}", src.display()))?;
                (read.as_slice(), None)
            }
            Output::Written => return Ok(()),
        };
        let mut record = FileRecord::of(bytes);
        record.inputs = inputs.map(record::inputs_hash);
        let staged = out.stage(rel, bytes, &record)?;
        self.records
            .lock()
            .expect("no thread panics holding it")
            .push((rel.to_string(), record, staged));
        Ok(())
    }
}

impl Sink for DiskSink<'_> {
    fn put(&self, files: Files) -> Result<Files> {
        if let Some(out) = self.out {
            for (rel, output) in &files {
                self.stage(out, rel, output)?;
            }
        }
        Ok(files
            .into_iter()
            .map(|(path, out)| {
                if let Output::Bytes(b) | Output::Page(b, _) = out
                    && self.wanted.contains(&path)
                {
                    self.kept
                        .lock()
                        .expect("no thread panics holding it")
                        .insert(path.clone(), b);
                }
                (path, Output::Written)
            })
            .collect())
    }

    fn kept_pages(&self) -> HashMap<String, Vec<u8>> {
        std::mem::take(&mut *self.kept.lock().expect("no thread panics holding it"))
    }

    fn remembers(&self) -> bool {
        self.out.is_some()
    }

    /// A page the link check reads (`wanted`) is always rendered.
    fn unchanged(&self, path: &str, inputs: u128) -> bool {
        self.out.is_some_and(|out| {
            !self.wanted.contains(path) && out.unchanged(path, &record::inputs_hash(inputs))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build_into(root: &Path, out: &Path, files: &[(&str, &str)]) -> Result<Changes> {
        let dir = OutputDir::open(root, out, false)?;
        let sink = DiskSink::new(Some(&dir), HashSet::new());
        let files: Files = files
            .iter()
            .map(|(p, b)| (p.to_string(), Output::Bytes(b.as_bytes().to_vec())))
            .collect();
        sink.put(files)?;
        let records = sink.into_records();
        dir.commit(records)
    }

    fn site() -> tempfile::TempDir {
        let d = tempfile::tempdir().unwrap();
        fs::create_dir_all(d.path().join("content")).unwrap();
        d
    }

    #[test]
    fn only_changed_files_are_written_and_dropped_ones_removed() {
        let d = site();
        let out = d.path().join("public");
        let first = [
            ("index.html", "home"),
            ("a/index.html", "a"),
            ("b/x/index.html", "b"),
        ];
        let c = build_into(d.path(), &out, &first).unwrap();
        assert_eq!((c.written, c.removed), (3, 0));
        assert_eq!(fs::read_to_string(out.join("b/x/index.html")).unwrap(), "b");
        let c = build_into(d.path(), &out, &first).unwrap();
        assert_eq!((c.written, c.removed), (0, 0));
        let c = build_into(
            d.path(),
            &out,
            &[("index.html", "new"), ("a/index.html", "a")],
        )
        .unwrap();
        assert_eq!((c.written, c.removed), (1, 1));
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "new");
        assert!(!out.join("b").exists(), "the emptied folders go too");
        let m = Manifest::read(&out).unwrap().unwrap();
        assert!(m.complete);
        assert_eq!(
            m.files.keys().collect::<Vec<_>>(),
            ["a/index.html", "index.html"]
        );
        assert!(!out.join(STAGING).exists());
        // A page that becomes a folder, and back.
        build_into(d.path(), &out, &[("a", "file")]).unwrap();
        build_into(d.path(), &out, &[("a/index.html", "folder")]).unwrap();
        assert_eq!(
            fs::read_to_string(out.join("a/index.html")).unwrap(),
            "folder"
        );
        build_into(d.path(), &out, &[("b", "x")]).unwrap();
        assert_eq!(fs::read_to_string(out.join("b")).unwrap(), "x");
        assert!(!out.join("a").exists());
    }

    #[test]
    fn a_file_replaced_or_deleted_by_hand_is_written_again() {
        let d = site();
        let out = d.path().join("public");
        let files = [("index.html", "home"), ("a/index.html", "a")];
        build_into(d.path(), &out, &files).unwrap();
        fs::remove_file(out.join("a/index.html")).unwrap();
        fs::write(out.join("index.html"), "edited by hand").unwrap();
        let c = build_into(d.path(), &out, &files).unwrap();
        assert_eq!(c.written, 2);
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "home");
    }

    #[test]
    fn a_killed_commit_is_completed_by_the_next_build() {
        let d = site();
        let out = d.path().join("public");
        build_into(d.path(), &out, &[("index.html", "v1")]).unwrap();
        // As if a build of "v2" died after moving the page but before its final record.
        let mut during = Manifest::read(&out).unwrap().unwrap();
        during.complete = false;
        during.files.get_mut("index.html").unwrap().hash.clear();
        during.write(&out).unwrap();
        fs::write(out.join("index.html"), "v2").unwrap();
        fs::create_dir_all(out.join(STAGING).join("x")).unwrap();
        // Back to v1: the record cannot vouch for the page, so it is written.
        let c = build_into(d.path(), &out, &[("index.html", "v1")]).unwrap();
        assert_eq!(c.written, 1);
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "v1");
        assert!(Manifest::read(&out).unwrap().unwrap().complete);
    }

    #[test]
    fn a_failed_build_changes_nothing() {
        let d = site();
        let out = d.path().join("public");
        build_into(d.path(), &out, &[("index.html", "v1")]).unwrap();
        let before = fs::read(out.join(MANIFEST)).unwrap();
        {
            let dir = OutputDir::open(d.path(), &out, false).unwrap();
            let sink = DiskSink::new(Some(&dir), HashSet::new());
            sink.put(vec![("index.html".into(), Output::Bytes(b"v2".to_vec()))])
                .unwrap();
            // Dropped without a commit, as when rendering fails.
        }
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "v1");
        assert_eq!(fs::read(out.join(MANIFEST)).unwrap(), before);
        assert!(!out.join(STAGING).exists());
    }

    #[test]
    fn foreign_files_are_never_overwritten_or_removed() {
        let d = site();
        let out = d.path().join("userdata");
        fs::create_dir_all(out.join("sub")).unwrap();
        fs::write(out.join("thesis.txt"), "mine").unwrap();
        let e = build_into(d.path(), &out, &[("index.html", "x")]).unwrap_err();
        assert!(
            format!("{e:#}").contains("holds files that parley did not write (sub, thesis.txt)")
        );
        // With --force the site goes beside them; a page in the way of one is refused.
        let force = |files: &[(&str, &str)]| -> Result<Changes> {
            let dir = OutputDir::open(d.path(), &out, true)?;
            let sink = DiskSink::new(Some(&dir), HashSet::new());
            sink.put(
                files
                    .iter()
                    .map(|(p, b)| (p.to_string(), Output::Bytes(b.as_bytes().to_vec())))
                    .collect(),
            )?;
            let records = sink.into_records();
            dir.commit(records)
        };
        let e = force(&[("thesis.txt", "page")]).unwrap_err();
        assert!(
            format!("{e:#}").contains("parley did not write it"),
            "{e:#}"
        );
        let e = force(&[("sub", "page")]).unwrap_err();
        assert!(
            format!("{e:#}").contains("parley did not write it"),
            "{e:#}"
        );
        force(&[("index.html", "x")]).unwrap();
        // Later builds need no --force, and drop only their own files.
        build_into(d.path(), &out, &[("other.html", "y")]).unwrap();
        assert!(!out.join("index.html").exists());
        assert_eq!(fs::read_to_string(out.join("thesis.txt")).unwrap(), "mine");
        assert!(out.join("sub").is_dir());
    }

    #[test]
    fn paths_resolve_dot_dot_lexically_before_any_check() {
        let d = site();
        let root = d.path();
        fs::write(root.join("content/site.yaml"), "title: x").unwrap();
        for bad in [
            "nx/../content",
            "public/../content",
            "nx/../../",
            ".",
            "content/x",
        ] {
            let out = root.join(bad);
            let e = OutputDir::open(root, &out, true)
                .err()
                .unwrap_or_else(|| panic!("{bad}"));
            assert!(format!("{e:#}").starts_with("refusing"), "{bad}: {e:#}");
        }
        assert!(root.join("content/site.yaml").exists());
        assert!(!root.join("nx").exists() && !root.join("public").exists());
        let file = root.join("afile");
        fs::write(&file, "keep").unwrap();
        let e = OutputDir::open(root, &file, true).err().unwrap();
        assert!(format!("{e:#}").contains("it is a file, not a folder"));
        assert_eq!(fs::read_to_string(&file).unwrap(), "keep");
    }

    #[test]
    fn relative_paths() {
        assert!(is_safe_relative("a/index.html"));
        assert!(!is_safe_relative("../x"));
        assert!(!is_safe_relative("/etc/passwd"));
        assert!(!is_safe_relative("a/../../x"));
        assert!(!is_safe_relative(""));
        assert!(!is_safe_relative("a\\..\\x"));
        assert!(!is_safe_relative(".parley-manifest.json"));
    }
}
