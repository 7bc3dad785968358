//! The record a finished S3 deploy leaves beside the site (`.parley-deployed.json`): each
//! published file's size, content hash and headers, so the next deploy compares the build
//! with it instead of listing the bucket and hashing every file again.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::plan::LocalFile;

/// The record's key under the target's prefix. `.parley-` names are never published files.
pub(crate) const KEY: &str = ".parley-deployed.json";
const GENERATOR: &str = "parley";
const VERSION: u32 = 1;

/// What the target holds after the last deploy that finished.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Deployed {
    generator: String,
    version: u32,
    files: BTreeMap<String, Published>,
}

/// One published file, as it was uploaded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Published {
    size: u64,
    /// The build record's content hash (xxh3-128), not an MD5.
    hash: String,
    content_type: String,
    cache_control: String,
}

impl Published {
    fn of(f: &LocalFile) -> Published {
        Published {
            size: f.size,
            hash: f.hash.clone(),
            content_type: f.content_type.clone(),
            cache_control: f.cache_control.clone(),
        }
    }
}

impl Deployed {
    /// The record of a target holding exactly `files`.
    pub(crate) fn of(files: &[LocalFile]) -> Deployed {
        Deployed {
            generator: GENERATOR.into(),
            version: VERSION,
            files: files
                .iter()
                .map(|f| (f.path.clone(), Published::of(f)))
                .collect(),
        }
    }

    /// A record read back from the target; `None` for anything this version did not write,
    /// so the deploy falls back to listing the bucket.
    pub(crate) fn parse(bytes: &[u8]) -> Option<Deployed> {
        let d: Deployed = serde_json::from_slice(bytes).ok()?;
        (d.generator == GENERATOR && d.version == VERSION).then_some(d)
    }

    pub(crate) fn to_json(&self) -> Vec<u8> {
        // A map of strings and numbers always serializes.
        serde_json::to_vec(self).unwrap_or_default()
    }

    /// Whether the target already holds this file with these bytes and headers (a changed
    /// `_headers` rule uploads the file again, so its Cache-Control follows the rule).
    pub(crate) fn holds(&self, f: &LocalFile) -> Option<bool> {
        self.files.get(&f.path).map(|p| *p == Published::of(f))
    }

    /// Published files the build no longer has.
    pub(crate) fn removed(&self, files: &[LocalFile]) -> Vec<String> {
        let local: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
        self.files
            .keys()
            .filter(|p| !local.contains(p.as_str()))
            .cloned()
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deploy::plan::Rank;

    fn file(path: &str, hash: &str, cache: &str) -> LocalFile {
        LocalFile {
            path: path.into(),
            size: 10,
            hash: hash.into(),
            content_type: "text/html; charset=utf-8".into(),
            cache_control: cache.into(),
            rank: Rank::Page,
        }
    }

    #[test]
    fn a_record_tells_new_changed_same_and_removed_files() {
        let before = [file("a.html", "h1", "c"), file("b.html", "h2", "c")];
        let rec = Deployed::parse(&Deployed::of(&before).to_json()).expect("round trip");
        assert_eq!(rec.holds(&file("a.html", "h1", "c")), Some(true));
        assert_eq!(rec.holds(&file("a.html", "h9", "c")), Some(false));
        assert_eq!(rec.holds(&file("a.html", "h1", "no-cache")), Some(false));
        assert_eq!(rec.holds(&file("new.html", "h1", "c")), None);
        assert_eq!(rec.removed(&[file("a.html", "h1", "c")]), vec!["b.html"]);
    }

    #[test]
    fn records_from_elsewhere_are_not_trusted() {
        assert!(Deployed::parse(b"not json").is_none());
        assert!(Deployed::parse(br#"{"generator":"other","version":1,"files":{}}"#).is_none());
        assert!(Deployed::parse(br#"{"generator":"parley","version":99,"files":{}}"#).is_none());
    }
}
