//! TEMP until main has write::Manifest: the build's record of the files it wrote.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, Result};
use serde::Deserialize;

/// `<output>/.parley-manifest.json` as a build writes it.
#[derive(Debug, Clone, Deserialize)]
pub struct Manifest {
    pub complete: bool,
    pub files: BTreeMap<String, FileRecord>,
}

/// One written file: its content hash and size.
#[derive(Debug, Clone, Deserialize)]
pub struct FileRecord {
    pub hash: String,
    pub size: u64,
}

impl Manifest {
    /// The manifest in `out`, or `None` when the folder has none.
    pub fn read(out: &Path) -> Result<Option<Manifest>> {
        let path = out.join(".parley-manifest.json");
        match std::fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes)
                .map(Some)
                .with_context(|| format!("cannot read {}", path.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e).with_context(|| format!("cannot read {}", path.display())),
        }
    }
}
