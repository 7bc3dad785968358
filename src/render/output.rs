//! One file of the built site, as rendering hands it to writing, and fingerprinted asset names.

use std::path::PathBuf;

/// One file of the built site.
pub enum Output {
    Bytes(Vec<u8>),
    Copy(PathBuf),
    /// Already written to the output folder by a streaming sink while rendering: only the path is kept.
    Written,
}

/// The files to write: site-relative path -> contents.
pub type Files = Vec<(String, Output)>;

/// Fingerprint name for an asset: `style.css` -> `style.1a2b3c4d.css`.
pub fn fingerprint(name: &str, bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    let hash = Sha256::digest(bytes);
    let hex: String = hash.iter().take(5).map(|b| format!("{b:02x}")).collect();
    match name.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}.{hex}.{ext}"),
        None => format!("{name}.{hex}"),
    }
}
