//! The S3-compatible backend (AWS S3, R2, MinIO, B2, …) through rust-s3's blocking client:
//! compare with the last deploy's record (or the listing: size and MD5/ETag), upload by rank
//! with retries, delete last, then leave a new record.

use std::collections::{BTreeMap, HashSet};
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use anyhow::{Context, Result, anyhow, bail};
use rayon::prelude::*;
use s3::error::S3Error;
use s3::{Bucket, Region, creds::Credentials};

use super::cdn;
use super::plan::{LocalFile, Rank};
use super::record::{self, Deployed};
use super::target::S3Target;
use super::{DeployOptions, DeployReport, check_deletes};

/// Tries per request (the first and three retries), and the first pause between them.
const TRIES: u32 = 4;
const FIRST_PAUSE: Duration = Duration::from_millis(100);
/// Requests in flight at once.
const WORKERS: usize = 8;

/// Publish `files` from `out` to the bucket.
pub fn deploy(
    t: &S3Target,
    out: &Path,
    files: &[LocalFile],
    opts: &DeployOptions,
) -> Result<DeployReport> {
    let bucket = connect(t)?;
    let record = if opts.relist {
        None
    } else {
        read_record(&bucket, t)?
    };
    let mut report = DeployReport::default();
    let uploads = match &record {
        Some(record) => compare_with_record(record, files, &mut report),
        None => compare_with_listing(&bucket, t, out, files, &mut report)?,
    };
    check_deletes(&report.deleted, opts)?;
    let fresh = Deployed::of(files);
    if opts.dry_run || record.as_ref() == Some(&fresh) {
        return Ok(report);
    }
    let key = format!("{}{}", t.prefix, record::KEY);
    if !uploads.is_empty() || !report.deleted.is_empty() {
        // A deploy that stops half-way must not leave a record that no longer describes the
        // bucket: the next one then lists the bucket instead.
        retry(|| bucket.delete_object(&key).map(drop))
            .context("cannot set aside the record of the last deploy; nothing was changed")?;
    }
    upload_by_rank(&bucket, t, out, &uploads, &report.deleted)?;
    let failed = run_parallel(&report.deleted, "deleting", |p| {
        retry(|| bucket.delete_object(format!("{}{p}", t.prefix)).map(drop)).map_err(Into::into)
    });
    if let Some((i, e)) = failed
        .iter()
        .enumerate()
        .find_map(|(i, r)| r.as_ref().err().map(|e| (i, e)))
    {
        bail!(
            "every file was uploaded, but deleting old files failed ({}: {e}); the site is complete and consistent, with some old files left\nhelp: run parley deploy again",
            report.deleted[i]
        );
    }
    let json = fresh.to_json();
    retry(|| {
        bucket
            .put_object_with_content_type(&key, &json, "application/json")
            .map(drop)
    })
    .context("the site is published, but the record of this deploy could not be written; the next deploy lists the bucket instead")?;
    if let Some(distribution) = &t.cloudfront {
        report.invalidation = invalidate(&bucket, t, distribution, out, &report)?;
    }
    Ok(report)
}

/// Tell CloudFront to drop its copies of what changed or went away (new files were never
/// cached); `None` when nothing did.
fn invalidate(
    bucket: &Bucket,
    t: &S3Target,
    distribution: &str,
    out: &Path,
    report: &DeployReport,
) -> Result<Option<String>> {
    let base = super::plan::Rules::of(out).base().to_string();
    let paths = cdn::batch(report.invalidation_paths(&base), &base);
    if paths.is_empty() {
        return Ok(None);
    }
    let creds = bucket.credentials()?;
    cdn::invalidate(t.cloudfront_endpoint.as_deref(), &creds, distribution, &paths)
        .map(Some)
        .with_context(|| {
            format!(
                "the site is published, but CloudFront distribution {distribution} was not told to invalidate {}\nhelp: invalidate them in the CloudFront console, or with `aws cloudfront create-invalidation --distribution-id {distribution} --paths {}`",
                paths.join(" "),
                paths.join(" ")
            )
        })
}

/// The record the last finished deploy left; `None` when there is none (a first deploy, a
/// deploy that stopped half-way, an older parley) or it is not one this version reads.
fn read_record(bucket: &Bucket, t: &S3Target) -> Result<Option<Deployed>> {
    let key = format!("{}{}", t.prefix, record::KEY);
    match retry(|| bucket.get_object(&key)) {
        Ok(response) => Ok(Deployed::parse(response.as_slice())),
        // No record, or no bucket: listing says which, with the fix.
        Err(S3Error::HttpFailWithBody(404, _)) => Ok(None),
        Err(e) => Err(anyhow!("cannot read s3://{}/{key}: {e}", t.bucket)),
    }
}

/// The files to upload and the files to delete, by the record of the last deploy: no
/// listing and no hashing, the build record's hashes say what changed.
fn compare_with_record<'a>(
    record: &Deployed,
    files: &'a [LocalFile],
    report: &mut DeployReport,
) -> Vec<&'a LocalFile> {
    report.deleted = record.removed(files);
    sort_out(files, report, |_, f| record.holds(f))
}

/// Count each file as added (`holds` says `None`: the target lacks it), changed (`Some(false)`)
/// or unchanged (`Some(true)`); the added and changed ones are to upload.
fn sort_out<'a>(
    files: &'a [LocalFile],
    report: &mut DeployReport,
    holds: impl Fn(usize, &LocalFile) -> Option<bool>,
) -> Vec<&'a LocalFile> {
    let mut uploads = Vec::new();
    for (i, f) in files.iter().enumerate() {
        match holds(i, f) {
            Some(true) => {
                report.unchanged += 1;
                continue;
            }
            Some(false) => report.changed.push(f.path.clone()),
            None => report.added.push(f.path.clone()),
        }
        uploads.push(f);
    }
    uploads
}

/// The files to upload and the files to delete, by the bucket's listing: size, then the MD5
/// of each local file against the object's ETag.
fn compare_with_listing<'a>(
    bucket: &Bucket,
    t: &S3Target,
    out: &Path,
    files: &'a [LocalFile],
    report: &mut DeployReport,
) -> Result<Vec<&'a LocalFile>> {
    let remote = list(bucket, t)?;
    let md5s: Vec<String> = files
        .par_iter()
        .map(|f| {
            let bytes = std::fs::read(out.join(&f.path))
                .with_context(|| format!("cannot read {}", f.path))?;
            Ok(format!("{:x}", md5::compute(&bytes)))
        })
        .collect::<Result<_>>()?;
    let local: HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    report.deleted = remote
        .keys()
        .filter(|p| !local.contains(p.as_str()))
        .cloned()
        .collect();
    Ok(sort_out(files, report, |i, f| {
        remote
            .get(&f.path)
            .map(|(size, etag)| *size == f.size && *etag == md5s[i])
    }))
}

/// A bucket handle with credentials from the environment or the AWS profile files.
fn connect(t: &S3Target) -> Result<Box<Bucket>> {
    let creds = Credentials::from_env()
        .or_else(|_| Credentials::from_profile(std::env::var("AWS_PROFILE").ok().as_deref()))
        .map_err(|_| {
            anyhow!(
                "no S3 credentials\nhelp: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE and ~/.aws/credentials"
            )
        })?;
    let region_name = t
        .region
        .clone()
        .or_else(|| std::env::var("AWS_REGION").ok())
        .or_else(|| std::env::var("AWS_DEFAULT_REGION").ok())
        .unwrap_or_else(|| "us-east-1".into());
    let region = match &t.endpoint {
        Some(endpoint) => Region::Custom {
            region: region_name,
            endpoint: endpoint.clone(),
        },
        None => region_name
            .parse()
            .with_context(|| format!("unknown region `{region_name}`"))?,
    };
    let mut bucket = Bucket::new(&t.bucket, region, creds)?;
    if t.path_style {
        bucket = bucket.with_path_style();
    }
    bucket.set_request_timeout(Some(Duration::from_secs(60)));
    Ok(bucket)
}

/// Every object under the prefix: site-relative path -> (size, ETag without quotes).
fn list(bucket: &Bucket, t: &S3Target) -> Result<BTreeMap<String, (u64, String)>> {
    let pages = retry(|| bucket.list(t.prefix.clone(), None)).map_err(|e| match e {
        S3Error::HttpFailWithBody(404, body) if body.contains("NoSuchBucket") => anyhow!(
            "the bucket `{}` does not exist{}\nhelp: create it first, or correct the target",
            t.bucket,
            t.endpoint
                .as_ref()
                .map_or(String::new(), |e| format!(" at {e}"))
        ),
        e => anyhow!("cannot list s3://{}/{}: {e}", t.bucket, t.prefix),
    })?;
    let mut remote = BTreeMap::new();
    for o in pages.into_iter().flat_map(|p| p.contents) {
        let Some(path) = o.key.strip_prefix(&t.prefix) else {
            continue;
        };
        // parley's own record is not a published file.
        if path.is_empty()
            || path.ends_with('/')
            || path.split('/').any(|s| s.starts_with(".parley-"))
        {
            continue;
        }
        // A multipart upload's ETag is no MD5 ("…-3"): it never matches, so it is uploaded again.
        let etag = o.e_tag.unwrap_or_default().trim_matches('"').to_string();
        remote.insert(path.to_string(), (o.size, etag));
    }
    Ok(remote)
}

/// Upload rank by rank; stop before the next rank if any file of one failed, so no page
/// goes up before its assets and nothing is deleted.
fn upload_by_rank(
    bucket: &Bucket,
    t: &S3Target,
    out: &Path,
    uploads: &[&LocalFile],
    deletes: &[String],
) -> Result<()> {
    let mut done: Vec<&str> = Vec::new();
    let mut start = 0;
    while start < uploads.len() {
        let rank = uploads[start].rank;
        let end = start
            + uploads[start..]
                .iter()
                .take_while(|f| f.rank == rank)
                .count();
        let group = &uploads[start..end];
        let results = run_parallel(group, rank.label(), |f| put(bucket, t, out, f));
        let mut failed = Vec::new();
        for (f, r) in group.iter().zip(results) {
            match r {
                Ok(()) => done.push(&f.path),
                Err(e) => failed.push((f.path.as_str(), e)),
            }
        }
        if !failed.is_empty() {
            let waiting: Vec<&str> = uploads[end..].iter().map(|f| f.path.as_str()).collect();
            return Err(partial_failure(
                rank,
                &done,
                &failed,
                &waiting,
                deletes.len(),
            ));
        }
        start = end;
    }
    Ok(())
}

fn partial_failure(
    rank: Rank,
    done: &[&str],
    failed: &[(&str, anyhow::Error)],
    waiting: &[&str],
    deletes: usize,
) -> anyhow::Error {
    fn list(paths: &[&str]) -> String {
        let mut s: Vec<&str> = paths.iter().take(10).copied().collect();
        let more = paths.len().saturating_sub(10);
        if more > 0 {
            s.push("…");
        }
        let mut text = s.join(", ");
        if more > 0 {
            text += &format!(" ({more} more)");
        }
        text
    }
    let failed_paths: Vec<&str> = failed.iter().map(|(p, _)| *p).collect();
    anyhow!(
        "deploy stopped: {} of the {} could not be uploaded ({}: {:#})\n  uploaded ({}): {}\n  failed ({}): {}\n  not uploaded, waiting for those ({}): {}\n  not deleted: {deletes} old files\nthe site is consistent: no page went up before the files it uses, and nothing was deleted\nhelp: run parley deploy again when the host answers; it uploads only what is still missing",
        failed.len(),
        rank.label(),
        failed[0].0,
        failed[0].1,
        done.len(),
        list(done),
        failed.len(),
        list(&failed_paths),
        waiting.len(),
        list(waiting),
    )
}

/// Upload one file with its headers.
fn put(bucket: &Bucket, t: &S3Target, out: &Path, f: &LocalFile) -> Result<()> {
    let bytes =
        std::fs::read(out.join(&f.path)).with_context(|| format!("cannot read {}", f.path))?;
    let key = format!("{}{}", t.prefix, f.path);
    retry(|| {
        bucket
            .put_object_builder(&key, &bytes)
            .with_content_type(&f.content_type)
            .with_cache_control(&f.cache_control)?
            .execute()
            .map(drop)
    })
    .map_err(Into::into)
}

/// Whether a failed request may succeed if tried again.
fn transient(e: &S3Error) -> bool {
    match e {
        S3Error::HttpFailWithBody(status, _) => *status >= 500 || matches!(status, 408 | 429),
        S3Error::Atto(_) | S3Error::Io(_) => true,
        _ => false,
    }
}

/// Run `f`, again after 100, 200 and 400 ms while it fails transiently.
fn retry<T>(mut f: impl FnMut() -> Result<T, S3Error>) -> Result<T, S3Error> {
    let mut pause = FIRST_PAUSE;
    for _ in 1..TRIES {
        match f() {
            Err(e) if transient(&e) => {
                std::thread::sleep(pause);
                pause *= 2;
            }
            r => return r,
        }
    }
    f()
}

/// `f` over `items` on a few threads (requests wait on the network, not the CPU), results in
/// order; a progress count on a terminal for long runs.
fn run_parallel<T: Sync, R: Send>(
    items: &[T],
    label: &str,
    f: impl Fn(&T) -> Result<R> + Sync,
) -> Vec<Result<R>> {
    let next = AtomicUsize::new(0);
    let finished = AtomicUsize::new(0);
    let progress = items.len() >= 50 && std::io::stderr().is_terminal();
    let mut results: Vec<Option<Result<R>>> = (0..items.len()).map(|_| None).collect();
    let slots = std::sync::Mutex::new(&mut results);
    std::thread::scope(|s| {
        for _ in 0..WORKERS.min(items.len()) {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(i) else { break };
                    let r = f(item);
                    if let Ok(mut slots) = slots.lock() {
                        slots[i] = Some(r);
                    }
                    let n = finished.fetch_add(1, Ordering::Relaxed) + 1;
                    if progress {
                        eprint!("\r{label}: {n}/{}", items.len());
                        let _ = std::io::stderr().flush();
                    }
                }
            });
        }
    });
    if progress {
        eprintln!();
    }
    results
        .into_iter()
        .map(|r| r.unwrap_or_else(|| Err(anyhow!("not run"))))
        .collect()
}
