//! The record of what a build wrote into its output folder ([`MANIFEST`]): every file's
//! content hash and size, and whether the build finished moving them into place.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::Path;

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

/// The record of what a build wrote, in the output folder: every file's hash and size.
pub const MANIFEST: &str = ".parley-manifest.json";

/// One file a build wrote: its content hash ([`content_hash`]) and size in bytes, and for a
/// page the hash of what it was rendered from ([`inputs_hash`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileRecord {
    pub hash: String,
    pub size: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inputs: Option<String>,
}

impl FileRecord {
    pub fn of(bytes: &[u8]) -> FileRecord {
        FileRecord {
            hash: content_hash(bytes),
            size: bytes.len() as u64,
            inputs: None,
        }
    }

    /// Whether it records the same bytes as `other`.
    pub fn same_bytes(&self, other: &FileRecord) -> bool {
        self.hash == other.hash && self.size == other.size
    }
}

/// A page's inputs' hash as the manifest stores it (hex).
pub fn inputs_hash(inputs: u128) -> String {
    format!("{inputs:032x}")
}

/// A file's content hash as the manifest stores it (XXH3, 128 bits, hex).
pub fn content_hash(bytes: &[u8]) -> String {
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(bytes))
}

/// What parley wrote into an output folder. `complete` is false while a build is moving its
/// files into place: a build killed then left some of them changed, which the next build
/// rewrites (their hashes are recorded as unknown).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Manifest {
    pub generator: String,
    pub version: u32,
    pub complete: bool,
    pub files: BTreeMap<String, FileRecord>,
}

impl Manifest {
    pub(super) fn new(files: BTreeMap<String, FileRecord>, complete: bool) -> Manifest {
        Manifest {
            generator: "parley".into(),
            version: 1,
            complete,
            files,
        }
    }

    /// The record in the output folder `out`, if there is one.
    pub fn read(out: &Path) -> Result<Option<Manifest>> {
        let path = out.join(MANIFEST);
        let bytes = match fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
        };
        let m: Manifest = serde_json::from_slice(&bytes)
            .ok()
            .filter(|m: &Manifest| m.generator == "parley")
            .with_context(|| {
                format!(
                    "{} is not a record parley can read\nhelp: delete the output folder yourself and build again",
                    path.display()
                )
            })?;
        Ok(Some(m))
    }

    /// Write the record (beside, then renamed over the old one).
    pub(super) fn write(&self, out: &Path) -> Result<()> {
        let tmp = out.join(format!("{MANIFEST}.tmp"));
        let mut text = serde_json::to_vec_pretty(self).context("cannot encode the record")?;
        text.push(b'\n');
        fs::write(&tmp, text).with_context(|| format!("cannot write {}", tmp.display()))?;
        fs::rename(&tmp, out.join(MANIFEST))
            .with_context(|| format!("cannot write {}", out.join(MANIFEST).display()))
    }
}
