//! The build's caches of drawn and encoded images (`<output>/.parley-cache/…`): files named
//! by the hash of their inputs, added from a successful build's output and pruned to what it
//! used. A cache that cannot be read or written only makes the next build slower.

use std::collections::HashSet;
use std::path::Path;

/// The file `name` in the cache folder `dir`, if an earlier build kept it.
pub(crate) fn read(dir: &Path, name: &str) -> Option<Vec<u8>> {
    std::fs::read(dir.join(name)).ok()
}

/// Keep the file at `file` (just written by a build) in the cache folder `dir` as `name`: a
/// hard link (a copy where links cannot be made), made beside and renamed into place.
pub(crate) fn keep(dir: &Path, name: &str, file: &Path) {
    let tmp = dir.join(format!(".{name}.tmp"));
    let _ = std::fs::remove_file(&tmp);
    let done = std::fs::create_dir_all(dir)
        .and_then(|()| {
            std::fs::hard_link(file, &tmp).or_else(|_| std::fs::copy(file, &tmp).map(drop))
        })
        .and_then(|()| std::fs::rename(&tmp, dir.join(name)));
    if let Err(e) = done {
        let _ = std::fs::remove_file(&tmp);
        log::warn!("cannot keep a file in the cache {}: {e}", dir.display());
    }
}

/// Remove from the cache folder `dir` every file not named in `keep`, so that the cache
/// holds what the site has and no more.
pub(crate) fn prune(dir: &Path, keep: &HashSet<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !keep.contains(&name) && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}
