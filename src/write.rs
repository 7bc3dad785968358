//! Writes the built site atomically: into a sibling temporary folder, swapped in at the end.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use anyhow::{Context, Result, bail};

use crate::render::{Files, Output, Sink};

/// Whether a site-relative output path stays inside the output folder.
pub fn is_safe_relative(path: &str) -> bool {
    let p = Path::new(path);
    !path.is_empty()
        && !path.contains('\\')
        && p.components().all(|c| matches!(c, Component::Normal(_)))
}

/// Refuse output folders whose replacement would destroy the site itself.
pub fn check_output_dir(root: &Path, out: &Path) -> Result<()> {
    let root = fs::canonicalize(root)
        .with_context(|| format!("cannot open the site folder {}", root.display()))?;
    let out_abs = absolute(out)?;
    if root.starts_with(&out_abs) {
        bail!(
            "refusing to use {} as the output folder: it contains the site itself\nhelp: choose a folder inside the site, such as public/",
            out.display()
        );
    }
    for protected in ["content", "templates", "static", "src", ".git"] {
        if out_abs.starts_with(root.join(protected)) {
            bail!(
                "refusing to write the site into {}: it is part of the site's sources\nhelp: choose another folder, such as public/",
                out.display()
            );
        }
    }
    Ok(())
}

/// An absolute, normalised path for a folder that may not exist yet.
fn absolute(p: &Path) -> Result<PathBuf> {
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir()?.join(p)
    };
    // Canonicalise the longest existing ancestor, then append the rest.
    let mut existing = abs.as_path();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => break,
        }
    }
    let mut out = fs::canonicalize(existing).unwrap_or_else(|_| existing.to_path_buf());
    for n in rest.into_iter().rev() {
        out.push(n);
    }
    Ok(out)
}

/// A new site being written into a fresh folder beside the output folder: [`Staging::commit`]
/// swaps it in; dropped without committing, it is removed and the previous site stays exactly
/// as it was.
pub struct Staging {
    out: PathBuf,
    tmp: PathBuf,
    old: PathBuf,
    committed: bool,
}

impl Staging {
    /// Make the fresh folder for a new site at `out` (after cleaning up any build that was
    /// killed mid-way).
    pub fn begin(out: &Path) -> Result<Staging> {
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_else(|| "public".into());
        recover_interrupted(&parent, &name, out)?;
        let tmp = parent.join(format!(".{name}.parley-new-{}", std::process::id()));
        let old = parent.join(format!(".{name}.parley-old-{}", std::process::id()));
        if tmp.exists() {
            fs::remove_dir_all(&tmp)?;
        }
        fs::create_dir_all(&tmp).with_context(|| format!("cannot create {}", tmp.display()))?;
        Ok(Staging {
            out: out.to_path_buf(),
            tmp,
            old,
            committed: false,
        })
    }

    /// The folder the new site is written into.
    pub fn dir(&self) -> &Path {
        &self.tmp
    }

    /// Swap the new site in for the old one.
    pub fn commit(mut self) -> Result<()> {
        let (out, tmp, old) = (&self.out, &self.tmp, &self.old);
        if out.exists() {
            fs::rename(out, old).with_context(|| {
                format!("cannot move the previous site {} aside", out.display())
            })?;
            if let Err(e) = fs::rename(tmp, out) {
                // Put the previous site back (the new one goes when `self` drops).
                let _ = fs::rename(old, out);
                return Err(e)
                    .with_context(|| format!("cannot move the new site into {}", out.display()));
            }
            self.committed = true;
            fs::remove_dir_all(old)
                .with_context(|| format!("cannot remove the previous site at {}", old.display()))?;
        } else {
            fs::rename(tmp, out)
                .with_context(|| format!("cannot move the new site into {}", out.display()))?;
            self.committed = true;
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.tmp);
        }
    }
}

/// A [`Sink`] that writes each group of files into a folder as it comes and keeps only their
/// paths, plus the pages the link check needs ([`crate::links::wanted`]). Without a folder it
/// is a dry run (`check`): nothing is written.
pub struct DiskSink<'a> {
    dir: Option<&'a Path>,
    wanted: HashSet<String>,
    kept: Mutex<HashMap<String, Vec<u8>>>,
}

impl<'a> DiskSink<'a> {
    pub fn new(dir: Option<&'a Path>, wanted: HashSet<String>) -> DiskSink<'a> {
        DiskSink {
            dir,
            wanted,
            kept: Mutex::new(HashMap::new()),
        }
    }
}

impl Sink for DiskSink<'_> {
    fn put(&self, files: Files) -> Result<Files> {
        if let Some(dir) = self.dir {
            write_group(dir, &files)?;
        }
        Ok(files
            .into_iter()
            .map(|(path, out)| {
                if let Output::Bytes(b) = out
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
}

/// Write some files (not yet written ones: [`Output::Written`] is skipped) under `dir`,
/// creating their folders.
fn write_group(dir: &Path, files: &[(String, Output)]) -> Result<()> {
    let mut made: HashSet<&Path> = HashSet::new();
    for (rel, output) in files {
        if matches!(output, Output::Written) {
            continue;
        }
        if !is_safe_relative(rel) {
            bail!("refusing to write `{rel}`: it would land outside the output folder");
        }
        if let Some(parent) = Path::new(rel).parent()
            && !parent.as_os_str().is_empty()
            && made.insert(parent)
        {
            fs::create_dir_all(dir.join(parent))
                .with_context(|| format!("cannot create {}", dir.join(parent).display()))?;
        }
        let target = dir.join(rel);
        match output {
            Output::Bytes(b) => fs::write(&target, b),
            Output::Copy(src) => fs::copy(src, &target).map(|_| ()),
            Output::Written => unreachable!("skipped above"),
        }
        .map_err(|e: io::Error| anyhow::anyhow!(e))
        .with_context(|| format!("cannot write {}", target.display()))?;
    }
    Ok(())
}

/// Clean up after a build that was killed mid-way: half-written new sites are removed,
/// and a previous site moved aside but never replaced is put back.
fn recover_interrupted(parent: &Path, name: &str, out: &Path) -> Result<()> {
    let Ok(entries) = fs::read_dir(parent) else {
        return Ok(());
    };
    let new_prefix = format!(".{name}.parley-new-");
    let old_prefix = format!(".{name}.parley-old-");
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().to_string();
        if file_name.starts_with(&new_prefix) {
            fs::remove_dir_all(entry.path()).with_context(|| {
                format!(
                    "cannot remove the unfinished build {}",
                    entry.path().display()
                )
            })?;
        } else if file_name.starts_with(&old_prefix) {
            if out.exists() {
                fs::remove_dir_all(entry.path()).with_context(|| {
                    format!("cannot remove the old site {}", entry.path().display())
                })?;
            } else {
                fs::rename(entry.path(), out).with_context(|| {
                    format!("cannot restore the previous site to {}", out.display())
                })?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_interrupted_build_is_cleaned_up_and_the_old_site_restored() {
        let d = tempfile::tempdir().unwrap();
        let out = d.path().join("public");
        fs::create_dir_all(d.path().join(".public.parley-new-1/x")).unwrap();
        fs::create_dir_all(d.path().join(".public.parley-old-1")).unwrap();
        fs::write(d.path().join(".public.parley-old-1/index.html"), "old").unwrap();
        recover_interrupted(d.path(), "public", &out).unwrap();
        assert!(!d.path().join(".public.parley-new-1").exists());
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "old");
        let files: Files = vec![("index.html".into(), Output::Bytes(b"new".to_vec()))];
        let staging = Staging::begin(&out).unwrap();
        DiskSink::new(Some(staging.dir()), HashSet::new())
            .put(files)
            .unwrap();
        staging.commit().unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "new");
        assert_eq!(fs::read_dir(d.path()).unwrap().count(), 1);
    }

    #[test]
    fn relative_paths() {
        assert!(is_safe_relative("a/index.html"));
        assert!(!is_safe_relative("../x"));
        assert!(!is_safe_relative("/etc/passwd"));
        assert!(!is_safe_relative("a/../../x"));
        assert!(!is_safe_relative(""));
        assert!(!is_safe_relative("a\\..\\x"));
    }
}
