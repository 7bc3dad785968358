//! `parley deploy`: publishes a finished build to an S3-compatible bucket or a git branch,
//! changing only what changed, assets before the pages that use them, deletes last.

#[cfg(feature = "s3")]
mod cdn;
mod git;
pub(crate) mod plan;
#[cfg(feature = "s3")]
mod record;
#[cfg(feature = "s3")]
mod s3;
pub(crate) mod target;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::bail;

use crate::BuildError;
pub use target::Target;

/// The default for `--max-deletes`: more than this many deletions needs `--force`.
pub const DEFAULT_MAX_DELETES: usize = 256;

/// What to publish, where, and how carefully.
#[derive(Debug, Clone)]
pub struct DeployOptions {
    /// The site folder (with content/site.yaml, which may name targets).
    pub root: PathBuf,
    /// The built folder; `<root>/public` when not given.
    pub output: Option<PathBuf>,
    /// A target URL or a name from site.yaml's `deploy: targets:`.
    pub target: Option<String>,
    /// Compare and report, change nothing.
    pub dry_run: bool,
    /// Delete more than `max_deletes` files.
    pub force: bool,
    pub max_deletes: usize,
    /// Compare with the bucket's listing, not with the record the last deploy left there
    /// (for a bucket changed by other means).
    pub relist: bool,
}

impl DeployOptions {
    pub fn new(root: PathBuf) -> Self {
        DeployOptions {
            root,
            output: None,
            target: None,
            dry_run: false,
            force: false,
            max_deletes: DEFAULT_MAX_DELETES,
            relist: false,
        }
    }
}

/// What a deploy changed (or, with `--dry-run`, would change).
#[derive(Debug, Clone, Default)]
pub struct DeployReport {
    /// The target, as printed.
    pub target: String,
    /// Site-relative paths uploaded that the target did not have.
    pub added: Vec<String>,
    /// Site-relative paths uploaded over a different version.
    pub changed: Vec<String>,
    /// Site-relative paths deleted from the target.
    pub deleted: Vec<String>,
    pub unchanged: usize,
    pub dry_run: bool,
    /// For git targets: the commit made, if any.
    pub commit: Option<String>,
    /// For S3 targets with a CloudFront distribution: the invalidation made, if any.
    pub invalidation: Option<String>,
    pub elapsed: Duration,
}

impl DeployReport {
    /// The URL paths a CDN should invalidate: every changed or deleted file, and for
    /// `…/index.html` also its folder URL `…/`. `base` is the site's path in the bucket.
    pub fn invalidation_paths(&self, base: &str) -> Vec<String> {
        let mut out = Vec::new();
        for p in self.changed.iter().chain(&self.deleted) {
            out.push(format!("{base}{p}"));
            if let Some(dir) = p.strip_suffix("index.html") {
                out.push(format!("{base}{dir}"));
            }
        }
        out
    }
}

impl DeployReport {
    /// What changed, for people: counts, then each path (`+` added, `~` changed, `-` deleted;
    /// at most 20 added ones), then the paths a CDN should invalidate.
    pub fn summary(&self) -> String {
        let verb = if self.dry_run {
            "dry run, nothing changed: would deploy"
        } else {
            "deployed"
        };
        let mut s = format!(
            "{verb} to {}: {} added, {} changed, {} deleted, {} unchanged in {} ms\n",
            self.target,
            self.added.len(),
            self.changed.len(),
            self.deleted.len(),
            self.unchanged,
            self.elapsed.as_millis()
        );
        if let Some(c) = &self.commit {
            s += &format!("commit {c}\n");
        }
        if let Some(i) = &self.invalidation {
            s += &format!("CloudFront invalidation {i}\n");
        }
        for p in self.added.iter().take(20) {
            s += &format!("  + {p}\n");
        }
        if self.added.len() > 20 {
            s += &format!("  + … and {} more\n", self.added.len() - 20);
        }
        for p in &self.changed {
            s += &format!("  ~ {p}\n");
        }
        for p in &self.deleted {
            s += &format!("  - {p}\n");
        }
        let paths = self.invalidation_paths("/");
        if !paths.is_empty() {
            s += "paths to invalidate in a CDN (from the site's root):\n";
            for p in paths {
                s += &format!("  {p}\n");
            }
        }
        s
    }
}

/// Publish the build in the output folder to the target.
pub fn deploy(opts: &DeployOptions) -> Result<DeployReport, BuildError> {
    let start = Instant::now();
    let target = target::resolve(&opts.root, opts.target.as_deref())?;
    let out = opts
        .output
        .clone()
        .unwrap_or_else(|| opts.root.join("public"));
    let files = plan::local_files(&out)?;
    let mut report = match &target {
        #[cfg(feature = "s3")]
        Target::S3(t) => s3::deploy(t, &out, &files, opts)?,
        #[cfg(not(feature = "s3"))]
        Target::S3(_) => {
            return Err(anyhow::anyhow!(
                "this parley was built without S3 support\nhelp: install it with the default features (cargo install parley)"
            )
            .into());
        }
        Target::Git(t) => git::deploy(t, &out, &files, opts)?,
    };
    report.target = target.to_string();
    report.dry_run = opts.dry_run;
    report.elapsed = start.elapsed();
    Ok(report)
}

/// Refuse a mass delete (a wrong prefix, a half-empty build) unless `--force` says so.
fn check_deletes(deletes: &[String], opts: &DeployOptions) -> anyhow::Result<()> {
    if deletes.len() > opts.max_deletes && !opts.force && !opts.dry_run {
        let shown: Vec<&str> = deletes.iter().take(5).map(String::as_str).collect();
        bail!(
            "refusing to delete {} files from the target (more than --max-deletes {}), e.g. {}; nothing was changed\nhelp: check the target and the build; if the deletions are meant, pass --force or a higher --max-deletes",
            deletes.len(),
            opts.max_deletes,
            shown.join(", ")
        );
    }
    Ok(())
}
