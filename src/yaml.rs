//! The one place that parses YAML: typed values out, located errors with fixes.
//!
//! serde_yaml is unmaintained upstream; swapping it means changing this file only.

use serde::de::DeserializeOwned;

use crate::diag::{ContentError, Source, did_you_mean};

/// Parse `text`, which starts at byte `offset` of `source`, into `T`.
/// Errors point at the line in the file, not in the fragment.
pub fn parse<T: DeserializeOwned>(
    source: &Source,
    offset: usize,
    text: &str,
) -> Result<T, ContentError> {
    // An empty document is an empty mapping, so that all-optional structs accept it.
    let text = if text.trim().is_empty() { "{}" } else { text };
    serde_yaml::from_str(text).map_err(|e| to_error(source, offset, &e))
}

fn to_error(source: &Source, offset: usize, e: &serde_yaml::Error) -> ContentError {
    let raw = e.to_string();
    // serde_yaml appends " at line L column C"; we print our own location.
    let message = strip_positions(&raw);
    let at = e.location().map_or(offset, |l| offset + l.index());
    // serde_yaml prefixes errors below the top level with the key path, e.g. `talks.status: `.
    let (path, rest) = match message.split_once(": ") {
        Some((p, r))
            if !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "_-.[]".contains(c)) =>
        {
            (Some(p), r)
        }
        _ => (None, message.as_str()),
    };
    let (mut text, help) = explain(rest);
    if let Some(p) = path {
        text = format!("{text} (in `{p}`)");
    }
    // Underline the whole key for unknown keys.
    let len = rest
        .strip_prefix("unknown field `")
        .and_then(|r| r.split('`').next())
        .map_or(1, str::len);
    source.error_at(at, len, text).with_help(help)
}

/// Remove serde_yaml's ` at line L column C` fragments: they count from the fragment,
/// not the file, and we print our own location.
fn strip_positions(raw: &str) -> String {
    let mut out = raw.to_string();
    while let Some(i) = out.find(" at line ") {
        let rest = &out[i + 9..];
        let end = rest
            .find(" column ")
            .map(|j| {
                let after = &rest[j + 8..];
                j + 8
                    + after
                        .find(|c: char| !c.is_ascii_digit())
                        .unwrap_or(after.len())
            })
            .unwrap_or(rest.len());
        out.replace_range(i..i + 9 + end, "");
    }
    out
}

/// Reword serde's messages into ours, with a fix.
fn explain(message: &str) -> (String, Option<String>) {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (field, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let allowed: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        let help = match did_you_mean(field, allowed.iter().copied()) {
            Some(s) => format!("did you mean `{s}`?"),
            None if allowed.is_empty() => "remove this key".to_string(),
            None => format!("remove it, or use one of: {}", allowed.join(", ")),
        };
        return (format!("unknown key `{field}`"), Some(help));
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or(rest);
        return (
            format!("missing key `{field}`"),
            Some(format!("add `{field}:` here")),
        );
    }
    if let Some(rest) = message.strip_prefix("invalid type: ")
        && let Some((found, expected)) = rest.split_once(", expected ")
    {
        return (
            format!("wrong type: found {found}, expected {expected}"),
            Some(format!("write {expected} here")),
        );
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let (value, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let allowed: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        let help = match did_you_mean(value, allowed.iter().copied()) {
            Some(s) => format!("did you mean `{s}`?"),
            None => format!("use one of: {}", allowed.join(", ")),
        };
        return (format!("`{value}` is not an allowed value"), Some(help));
    }
    if message.starts_with("control character") {
        return (
            message.to_string(),
            Some("remove it: only tabs and line breaks may be used in text (no escapes such as \"\\0\" or \"\\x1b\")".into()),
        );
    }
    if message.contains("while scanning a quoted scalar") {
        return (
            "a quoted text is not closed".into(),
            Some("close the quotes on the line where they open; the parser reached the end of the YAML looking for them".into()),
        );
    }
    (
        message.to_string(),
        Some("check the YAML syntax: indentation, colons after keys, and quotes around text containing `: ` or `#`".into()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct T {
        title: String,
        draft: Option<bool>,
    }

    #[test]
    fn unknown_key_suggests() {
        let s = Source::new("x.md", "---\ntitel: a\n---\n");
        let e = parse::<T>(&s, 4, "titel: a\n").unwrap_err();
        assert_eq!(e.location, "x.md:2:1");
        assert_eq!(e.message, "unknown key `titel`");
        assert_eq!(e.help.as_deref(), Some("did you mean `title`?"));
    }

    #[test]
    fn wrong_type_names_expected() {
        let s = Source::new("x.md", "---\ntitle: a\ndraft: yes please\n---\n");
        let e = parse::<T>(&s, 4, "title: a\ndraft: yes please\n").unwrap_err();
        assert_eq!(e.location, "x.md:3:8");
        assert!(e.message.contains("expected a boolean"), "{}", e.message);
    }

    #[test]
    fn syntax_error_is_located_in_file() {
        let s = Source::new("x.md", "---\ntitle: [a\n---\n");
        let e = parse::<T>(&s, 4, "title: [a\n").unwrap_err();
        assert!(e.location.starts_with("x.md:"), "{}", e.location);
    }
}
