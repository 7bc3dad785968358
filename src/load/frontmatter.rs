//! Splits a Markdown file into its YAML front matter and its body.

/// The parts of a content file, as byte ranges of the (BOM-stripped) text.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the fences (empty when there is none).
    pub yaml: &'a str,
    /// Byte offset of `yaml` within the text.
    pub yaml_offset: usize,
    /// The Markdown after the closing fence.
    pub body: &'a str,
    /// Byte offset of `body` within the text.
    pub body_offset: usize,
    /// Whether a front matter block was present at all.
    pub has_front_matter: bool,
}

/// The text without a leading byte-order mark.
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Split `text` (already BOM-stripped) at `---` fences. `Err(offset)` when the front
/// matter opens but never closes: the offset of the opening fence.
pub fn split(text: &str) -> Result<Split<'_>, usize> {
    let first_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_end].trim_end() != "---" {
        return Ok(Split {
            yaml: "",
            yaml_offset: 0,
            body: text,
            body_offset: 0,
            has_front_matter: false,
        });
    }
    let mut pos = first_end;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        if text[pos..end].trim_end() == "---" {
            return Ok(Split {
                yaml: &text[first_end..pos],
                yaml_offset: first_end,
                body: &text[end..],
                body_offset: end,
                has_front_matter: true,
            });
        }
        pos = end;
    }
    Err(0)
}

/// The first place from `from` on where `token` stands on its own (not inside a longer id).
pub(crate) fn find_token(text: &str, from: usize, token: &str) -> Option<usize> {
    let part = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    let mut at = from.min(text.len());
    while !token.is_empty() {
        let i = at + text.get(at..)?.find(token)?;
        let end = i + token.len();
        let before = text[..i].chars().next_back().is_none_or(|c| !part(c));
        let after = text[end..].chars().next().is_none_or(|c| !part(c));
        if before && after {
            return Some(i);
        }
        at = end;
    }
    None
}

/// The offset of the front matter's top-level `key:` in `src` (from `from`, the front
/// matter's start), else `from`.
pub(crate) fn key_offset(src: &crate::diag::Source, from: usize, key: &str) -> usize {
    let mut at = from.min(src.text.len());
    for line in src.text[at..].split_inclusive('\n') {
        if line.strip_prefix(key).is_some_and(|r| r.starts_with(':')) {
            return at;
        }
        if line.trim_end() == "---" {
            break;
        }
        at += line.len();
    }
    from
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_front_matter() {
        let s = split("# Hi\n\ntext").unwrap();
        assert!(!s.has_front_matter);
        assert_eq!(s.body, "# Hi\n\ntext");
    }

    #[test]
    fn plain_front_matter() {
        let s = split("---\ntitle: a\n---\nbody\n").unwrap();
        assert_eq!(s.yaml, "title: a\n");
        assert_eq!(s.yaml_offset, 4);
        assert_eq!(s.body, "body\n");
        assert_eq!(s.body_offset, 17);
    }

    #[test]
    fn crlf_line_endings() {
        let s = split("---\r\ntitle: a\r\n---\r\nbody\r\n").unwrap();
        assert_eq!(s.yaml, "title: a\r\n");
        assert_eq!(s.body, "body\r\n");
    }

    #[test]
    fn bom_is_stripped() {
        let t = strip_bom("\u{feff}---\ntitle: a\n---\n");
        let s = split(t).unwrap();
        assert_eq!(s.yaml, "title: a\n");
    }

    #[test]
    fn empty_body_and_no_trailing_newline() {
        let s = split("---\ntitle: a\n---").unwrap();
        assert_eq!(s.body, "");
        assert!(s.has_front_matter);
    }

    #[test]
    fn unclosed_front_matter() {
        assert_eq!(split("---\ntitle: a\n"), Err(0));
    }

    #[test]
    fn dashes_later_are_not_front_matter() {
        let s = split("text\n---\nmore").unwrap();
        assert!(!s.has_front_matter);
    }
}
