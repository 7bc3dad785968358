//! The git backend (GitHub Pages and the like) through the system `git`: the built files
//! become one commit's tree on the branch, with `.nojekyll`; no commit when nothing changed.
//! Works in a temporary bare repository, so no checkout is needed and only the branch's tip
//! is fetched.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context, Result, anyhow, bail};

use super::plan::LocalFile;
use super::target::GitTarget;
use super::{DeployOptions, DeployReport, check_deletes};

/// Publish `files` from `out` as the branch's next commit.
pub fn deploy(
    t: &GitTarget,
    out: &Path,
    files: &[LocalFile],
    opts: &DeployOptions,
) -> Result<DeployReport> {
    let work = TempRepo::new()?;
    let git = |args: &[&str]| work.git(args, None);
    git(&["init", "--quiet", "--bare"])?;
    let has_branch = !git(&[
        "ls-remote",
        "--heads",
        &t.remote,
        &format!("refs/heads/{}", t.branch),
    ])?
    .trim()
    .is_empty();
    let parent = if has_branch {
        git(&[
            "fetch",
            "--quiet",
            "--depth=1",
            &t.remote,
            &format!("refs/heads/{}", t.branch),
        ])?;
        Some(git(&["rev-parse", "FETCH_HEAD"])?.trim().to_string())
    } else {
        None
    };
    let tree = write_tree(&work, out, files)?;
    let mut report = DeployReport::default();
    if let Some(p) = &parent {
        let diff = git(&["diff-tree", "-r", "--no-renames", "--name-status", p, &tree])?;
        for line in diff.lines() {
            let (status, path) = line.split_once('\t').unwrap_or((line, ""));
            let list = match status {
                "A" => &mut report.added,
                "D" => &mut report.deleted,
                _ => &mut report.changed,
            };
            list.push(path.to_string());
        }
    } else {
        report.added = files.iter().map(|f| f.path.clone()).collect();
        report.added.push(".nojekyll".into());
    }
    report.unchanged = (files.len() + 1).saturating_sub(report.added.len() + report.changed.len());
    check_deletes(&report.deleted, opts)?;
    let nothing = report.added.is_empty() && report.changed.is_empty() && report.deleted.is_empty();
    if opts.dry_run || nothing {
        return Ok(report);
    }
    let message = format!(
        "parley deploy: {} added, {} changed, {} deleted",
        report.added.len(),
        report.changed.len(),
        report.deleted.len()
    );
    let mut args = vec![
        "-c",
        "commit.gpgsign=false",
        "commit-tree",
        &tree,
        "-m",
        &message,
    ];
    if let (Some(p), false) = (&parent, t.squash) {
        args.extend(["-p", p.as_str()]);
    }
    let commit = git(&args)?.trim().to_string();
    // A squashed branch replaces the old history, so its push is forced.
    let force = if t.squash { "+" } else { "" };
    git(&["push", "--quiet", &t.remote, &format!("{force}{commit}:refs/heads/{}", t.branch)])
        .map_err(|e| anyhow!("{e:#}\nnothing was published; the branch is as it was\nhelp: if someone else pushed to {} meanwhile, run parley deploy again", t.branch))?;
    report.commit = Some(commit);
    Ok(report)
}

/// Store every file and `.nojekyll` in the object database; the tree that lists them.
fn write_tree(work: &TempRepo, out: &Path, files: &[LocalFile]) -> Result<String> {
    let out =
        std::fs::canonicalize(out).with_context(|| format!("cannot open {}", out.display()))?;
    let mut paths = String::new();
    for f in files {
        let p = out.join(&f.path);
        let p = p
            .to_str()
            .ok_or_else(|| anyhow!("{} is not UTF-8", p.display()))?;
        if p.contains('\n') {
            bail!("{} has a line break in its name", f.path);
        }
        paths.push_str(p);
        paths.push('\n');
    }
    let hashes = work.git(
        &["hash-object", "-w", "--no-filters", "--stdin-paths"],
        Some(&paths),
    )?;
    let empty = work.git(&["hash-object", "-w", "--stdin"], Some(""))?;
    let mut index = format!("100644 {}\t.nojekyll\n", empty.trim());
    for (f, h) in files.iter().zip(hashes.lines()) {
        index.push_str(&format!("100644 {h}\t{}\n", f.path));
    }
    work.git(&["update-index", "--add", "--index-info"], Some(&index))?;
    Ok(work.git(&["write-tree"], None)?.trim().to_string())
}

/// A bare repository in a temporary folder, removed when dropped.
struct TempRepo {
    dir: PathBuf,
}

impl TempRepo {
    fn new() -> Result<TempRepo> {
        let base = std::env::temp_dir();
        for n in 0..100u32 {
            let dir = base.join(format!("parley-deploy-{}-{n}", std::process::id()));
            match std::fs::create_dir(&dir) {
                Ok(()) => return Ok(TempRepo { dir }),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(e).context("cannot make a temporary folder for git"),
            }
        }
        bail!(
            "cannot make a temporary folder for git in {}",
            base.display()
        )
    }

    /// Run git in this repository, with `input` on stdin; its stdout, or its stderr as error.
    fn git(&self, args: &[&str], input: Option<&str>) -> Result<String> {
        let mut cmd = Command::new("git");
        cmd.args(args)
            .env("GIT_DIR", &self.dir)
            .env("GIT_INDEX_FILE", self.dir.join("index"))
            .env("GIT_TERMINAL_PROMPT", "0")
            .stdin(if input.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        // Commits are parley's, whoever runs it, unless the environment names someone.
        for (var, default) in [
            ("GIT_AUTHOR_NAME", "parley"),
            ("GIT_AUTHOR_EMAIL", "parley@localhost"),
            ("GIT_COMMITTER_NAME", "parley"),
            ("GIT_COMMITTER_EMAIL", "parley@localhost"),
        ] {
            if std::env::var_os(var).is_none() {
                cmd.env(var, default);
            }
        }
        let mut child = cmd.spawn().map_err(|e| {
            anyhow!("cannot run git ({e})\nhelp: install git; deploying to a git+ target uses it")
        })?;
        if let (Some(text), Some(mut stdin)) = (input, child.stdin.take()) {
            // A writer thread: git may fill its stdout pipe before it has read all its input.
            let text = text.to_string();
            let writer = std::thread::spawn(move || stdin.write_all(text.as_bytes()));
            let output = child.wait_with_output()?;
            writer
                .join()
                .map_err(|_| anyhow!("git input thread failed"))??;
            return finish(args, output);
        }
        finish(args, child.wait_with_output()?)
    }
}

fn finish(args: &[&str], output: std::process::Output) -> Result<String> {
    if !output.status.success() {
        bail!(
            "git {} failed: {}",
            args.first().copied().unwrap_or(""),
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    String::from_utf8(output.stdout).map_err(|_| anyhow!("git printed something that is not UTF-8"))
}

impl Drop for TempRepo {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
