//! Reads the site's own files and nothing else: a symbolic link that leads out of the site
//! folder, a FIFO or device, a folder where a file belongs, an oversized or non-UTF-8 file and
//! a control character are each an error naming the file (and the place in it), never read.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diag::{ContentError, Source};
use crate::load::frontmatter;

/// The largest content, data or template file read (a 10 MB answer is well within it).
pub const MAX_FILE: u64 = 64 * 1024 * 1024;

/// `path` as the user knows it: relative to the site folder.
pub fn shown(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// When `path` is a symbolic link: an error unless it resolves to something inside the site
/// folder `root`. The error names the link and where it leads, never what is there.
pub fn check_link(root: &Path, path: &Path) -> Result<(), ContentError> {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link {
        return Ok(());
    }
    let name = shown(root, path);
    let target = std::fs::read_link(path)
        .map(|t| t.display().to_string())
        .unwrap_or_default();
    let real = match std::fs::canonicalize(path) {
        Ok(real) => real,
        Err(e) => {
            // ELOOP, the error for a link that leads back to itself.
            let eloop = if cfg!(target_os = "linux") { 40 } else { 62 };
            let (what, help) = if e.raw_os_error() == Some(eloop) {
                (
                    format!("a symbolic link loop: `{target}` leads back to the link"),
                    "remove the link that leads back to itself",
                )
            } else if e.kind() == std::io::ErrorKind::NotFound {
                (
                    format!("a broken symbolic link: its target `{target}` does not exist"),
                    "point the link at a file that exists, or remove it",
                )
            } else {
                (
                    format!("a symbolic link to `{target}` that cannot be followed: {e}"),
                    "point the link at a readable file, or remove it",
                )
            };
            return Err(ContentError::in_file(&name, what).help(help));
        }
    };
    let inside = std::fs::canonicalize(root).is_ok_and(|r| real.starts_with(r));
    if inside {
        return Ok(());
    }
    Err(ContentError::in_file(
        &name,
        format!(
            "a symbolic link to `{}`, outside the site folder",
            real.display()
        ),
    )
    .help("copy the file into the site folder instead of linking to it, or remove the link"))
}

/// The bytes of the file at `path`, read only if it is (still) a regular file inside the site
/// folder `root`: `serve` reads copied files when they are asked for, and a file may have
/// been replaced by a link since the last build.
pub fn read_inside(root: &Path, path: &Path) -> std::io::Result<Vec<u8>> {
    let real = std::fs::canonicalize(path)?;
    let inside = std::fs::canonicalize(root).is_ok_and(|r| real.starts_with(r));
    if !inside || !std::fs::metadata(&real)?.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::PermissionDenied,
            "not a file of the site",
        ));
    }
    std::fs::read(real)
}

/// What a non-regular file is, in words.
fn kind(t: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if t.is_dir() {
        "a folder"
    } else {
        "not a regular file"
    }
}

/// The error for a special file (FIFO, device, socket, folder) where a file belongs.
pub fn not_a_file(name: &Path, t: std::fs::FileType) -> ContentError {
    ContentError::in_file(name, format!("{}, not a file", kind(t)))
        .help("replace it with a plain file, or remove it")
}

/// Read the text file at `path` (under the site folder `root`) as a `Source` named `shown`.
/// Checked before it is opened: a link must stay inside the site, the target must be a
/// regular file of at most [`MAX_FILE`] bytes; after: UTF-8 without control characters.
pub fn read_text(root: &Path, shown: PathBuf, path: &Path) -> Result<Source, ContentError> {
    let unreadable = |e: std::io::Error| {
        ContentError::in_file(&shown, format!("cannot read the file: {e}"))
            .help("check that it exists and is readable")
    };
    check_link(root, path)?;
    let meta = std::fs::metadata(path).map_err(unreadable)?;
    if !meta.is_file() {
        return Err(not_a_file(&shown, meta.file_type()));
    }
    let too_big = || {
        ContentError::in_file(
            &shown,
            format!(
                "the file is larger than {} MB, the most parley reads",
                MAX_FILE / (1024 * 1024)
            ),
        )
        .help("split it into smaller files")
    };
    if meta.len() > MAX_FILE {
        return Err(too_big());
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_FILE + 1).read_to_end(&mut bytes))
        .map_err(unreadable)?;
    if bytes.len() as u64 > MAX_FILE {
        return Err(too_big());
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => return Err(not_utf8(shown, e)),
    };
    let text: Arc<str> = Arc::from(frontmatter::strip_bom(&text));
    let source = Source::new(shown, text);
    if let Some((at, c)) = first_control(&source.text) {
        return Err(source
            .error_at(at, c.len_utf8(), format!("control character {} in the file", name(c)))
            .help("remove it (editors can show invisible characters); only tabs and line breaks may be used"));
    }
    Ok(source)
}

/// A file that is not UTF-8, located at its first bad byte (the text before it is shown).
fn not_utf8(shown: PathBuf, e: std::string::FromUtf8Error) -> ContentError {
    let at = e.utf8_error().valid_up_to();
    let bytes = e.into_bytes();
    // The line with the bad byte, as far as it can be shown.
    let mut text = String::from_utf8_lossy(&bytes[..at]).into_owned();
    let line_end = bytes[at..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |i| at + i);
    text.push_str(&String::from_utf8_lossy(&bytes[at..line_end]));
    let byte = bytes[at];
    Source::new(shown, text)
        .error_at(
            at,
            1,
            format!("the file is not valid UTF-8 (byte 0x{byte:02X} here)"),
        )
        .help("save the file as UTF-8 in your editor")
}

/// The first character that must not reach a page: a control character other than tab and
/// the line breaks (`\n`, and `\r` of Windows line endings, which Markdown and YAML read as
/// line breaks).
pub fn first_control(text: &str) -> Option<(usize, char)> {
    text.char_indices()
        .find(|&(_, c)| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
}

/// `U+001B`, as messages name a character.
pub fn name(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

/// Everything under `dir` (a folder of the site `root`), down to `max_depth`, sorted by name
/// within each folder, symbolic links followed when they stay inside the site. `skip` is asked
/// first about each entry (its path relative to `dir`, whether it is a folder): what it
/// skips is neither checked nor entered. A link out of the site, a broken link and a link
/// loop go into `errors`, and are not entered.
pub fn walk(
    root: &Path,
    dir: &Path,
    max_depth: usize,
    skip: &dyn Fn(&Path, bool) -> bool,
    errors: &mut Vec<ContentError>,
) -> Vec<walkdir::DirEntry> {
    if let Err(e) = check_link(root, dir) {
        errors.push(e);
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut it = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .max_depth(max_depth)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = it.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let rel = e.path().and_then(|p| p.strip_prefix(dir).ok());
                // An editor's lock file is often a dangling link (Emacs's `.#name`).
                if !rel.is_some_and(is_editor_junk) {
                    errors.push(walk_error(root, &e));
                }
                continue;
            }
        };
        let is_dir = entry.file_type().is_dir();
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        if skip(rel, is_dir) {
            if is_dir {
                it.skip_current_dir();
            }
            continue;
        }
        if entry.path_is_symlink()
            && let Err(e) = check_link(root, entry.path())
        {
            errors.push(e);
            if is_dir {
                it.skip_current_dir();
            }
            continue;
        }
        out.push(entry);
    }
    out
}

fn walk_error(root: &Path, e: &walkdir::Error) -> ContentError {
    let path = e.path().map(|p| shown(root, p)).unwrap_or_default();
    if let Some(ancestor) = e.loop_ancestor() {
        ContentError::in_file(
            &path,
            format!(
                "a symbolic link loop: the link leads back to `{}`, one of its own parent folders",
                shown(root, ancestor).display()
            ),
        )
        .help("remove the link that points back to one of its own parent folders")
    } else if let Some(p) = e.path()
        && let Err(link) = check_link(root, p)
    {
        link
    } else {
        ContentError::in_file(&path, format!("cannot read: {e}"))
            .help("check the file's permissions")
    }
}

/// Swap files, backups and dotfiles that editors leave beside content: never loaded, copied
/// or watched (the one list, shared by `build` and `serve`).
pub fn is_editor_junk(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || [".bak", ".orig", ".crswap", "___jb_tmp___", "___jb_old___"]
            .iter()
            .any(|e| name.ends_with(e))
        || name == "4913"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_found_but_tabs_and_line_breaks_pass() {
        assert_eq!(first_control("a\tb\r\nc\n"), None);
        assert_eq!(first_control("Київ é ° «»"), None);
        assert_eq!(first_control("ab\u{0}c"), Some((2, '\u{0}')));
        assert_eq!(first_control("é\u{1b}[31m"), Some((2, '\u{1b}')));
        assert_eq!(first_control("x\u{85}"), Some((1, '\u{85}')));
        assert_eq!(first_control("\u{7f}"), Some((0, '\u{7f}')));
    }

    #[cfg(unix)]
    #[test]
    fn read_inside_refuses_what_became_a_link_out_of_the_site() {
        let root = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret"), "secret").unwrap();
        let file = root.path().join("style.css");
        std::fs::write(&file, "body{}").unwrap();
        assert_eq!(read_inside(root.path(), &file).unwrap(), b"body{}");
        std::fs::remove_file(&file).unwrap();
        std::os::unix::fs::symlink(outside.path().join("secret"), &file).unwrap();
        assert!(read_inside(root.path(), &file).is_err());
        std::fs::remove_file(&file).unwrap();
        std::os::unix::fs::symlink("/dev/zero", &file).unwrap();
        assert!(read_inside(root.path(), &file).is_err());
    }

    #[test]
    fn not_utf8_is_located_at_the_first_bad_byte() {
        let e = String::from_utf8(b"title: a\nsum\xffmary: b\n".to_vec()).unwrap_err();
        let err = not_utf8(PathBuf::from("x.yaml"), e);
        assert_eq!(err.location, "x.yaml:2:4");
        assert!(err.message.contains("0xFF"), "{}", err.message);
    }
}
