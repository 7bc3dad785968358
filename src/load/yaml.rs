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

/// YAML text at byte `offset` of `source` (a front matter, or a whole data file).
#[derive(Clone, Copy)]
pub struct Part<'a> {
    pub source: &'a Source,
    pub offset: usize,
    pub text: &'a str,
}

/// Parse a translation's YAML laid over its original's: what the translation sets replaces
/// the original's (maps key by key, lists entry by entry), the rest comes from the original.
/// Keys `is_fact` accepts (dotted paths, list entries not counted: `talks.parties.head`)
/// are facts: a translation may repeat them but not change or add them. With
/// `rename_parties`, a translated `parties:` list renames the original's `stances:` keys
/// (positions.yaml, whose stances are keyed by party name).
pub fn parse_overlay<T: DeserializeOwned>(
    original: Part,
    translation: Part,
    is_fact: &dyn Fn(&str) -> bool,
    rename_parties: bool,
) -> Result<T, Vec<ContentError>> {
    let value = |p: Part| -> Result<serde_yaml::Value, ContentError> {
        let text = if p.text.trim().is_empty() {
            "{}"
        } else {
            p.text
        };
        serde_yaml::from_str(text).map_err(|e| to_error(p.source, p.offset, &e))
    };
    let mut merged = value(original).map_err(|e| vec![e])?;
    let over = value(translation).map_err(|e| vec![e])?;
    if rename_parties {
        rename_stances(&mut merged, &over);
    }
    let mut errors = Vec::new();
    let at = Overlay {
        original,
        translation,
        is_fact,
    };
    at.merge(&mut merged, over, "", &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    serde_yaml::from_value(merged)
        .map_err(|e| vec![to_error(translation.source, translation.offset, &e)])
}

struct Overlay<'a> {
    original: Part<'a>,
    translation: Part<'a>,
    is_fact: &'a dyn Fn(&str) -> bool,
}

impl Overlay<'_> {
    fn merge(
        &self,
        into: &mut serde_yaml::Value,
        over: serde_yaml::Value,
        path: &str,
        errors: &mut Vec<ContentError>,
    ) {
        use serde_yaml::Value as V;
        // A fact is compared whole, but for a map on both sides (`when: {at, label}`),
        // whose own facts are checked key by key.
        if !path.is_empty() && (self.is_fact)(path) && !(into.is_mapping() && over.is_mapping()) {
            if *into != over {
                errors.push(self.conflict(path, &over, Some(&*into)));
            }
            return;
        }
        match (into, over) {
            (V::Mapping(into), V::Mapping(over)) => {
                for (k, v) in over {
                    let key = k.as_str().map(str::to_string).unwrap_or_default();
                    let sub = if path.is_empty() {
                        key
                    } else {
                        format!("{path}.{key}")
                    };
                    match into.get_mut(&k) {
                        Some(slot) => self.merge(slot, v, &sub, errors),
                        None if (self.is_fact)(&sub) => errors.push(self.conflict(&sub, &v, None)),
                        None if contains_fact(&v, &sub, self.is_fact) => {
                            errors.push(self.conflict(&sub, &v, None))
                        }
                        None => {
                            into.insert(k, v);
                        }
                    }
                }
            }
            (V::Sequence(into), V::Sequence(over)) => {
                let (have, more) = (into.len(), over.len());
                for (i, v) in over.into_iter().enumerate() {
                    match into.get_mut(i) {
                        Some(slot) => self.merge(slot, v, path, errors),
                        None => {
                            errors.push(self.more_entries(path, have, more));
                            break;
                        }
                    }
                }
            }
            (into, over) => *into = over,
        }
    }

    /// A fact the translation changes (`was`: the original's) or adds (`was`: none).
    fn conflict(
        &self,
        path: &str,
        now: &serde_yaml::Value,
        was: Option<&serde_yaml::Value>,
    ) -> ContentError {
        let key = path.rsplit('.').next().unwrap_or(path);
        let shown = |v: &serde_yaml::Value| {
            serde_yaml::to_string(v)
                .map(|s| s.trim().replace('\n', " "))
                .unwrap_or_default()
        };
        let now_text = shown(now);
        let needle = match now.as_str() {
            Some(s) if self.translation.text.contains(s) => s.to_string(),
            _ => format!("{key}:"),
        };
        let file = self.original.source.path.display();
        let (message, help) = match was {
            Some(w) => (
                format!(
                    "this translation changes a fact: `{path}` is `{now_text}` here but `{}` in {file}",
                    shown(w)
                ),
                format!(
                    "remove `{key}` here (facts come from the original), or correct it in {file} if the original is wrong"
                ),
            ),
            None => (
                format!("this translation adds a fact: `{path}` is not in {file}"),
                format!("remove `{key}` here, or add it to {file} first"),
            ),
        };
        self.translation
            .source
            .error_near(self.translation.offset, &needle, message)
            .help(help)
    }

    fn more_entries(&self, path: &str, have: usize, more: usize) -> ContentError {
        let key = path.rsplit('.').next().unwrap_or(path);
        let list = if key.is_empty() { "the list" } else { key };
        self.translation
            .source
            .error_near(
                self.translation.offset,
                &format!("{key}:"),
                format!(
                    "this translation has {more} entries in `{list}`, the original ({}) has {have}",
                    self.original.source.path.display()
                ),
            )
            .help("translate the original's entries, in its order: a translation adds no entry")
    }
}

/// Whether `v` (at `path`) sets any fact below it.
fn contains_fact(v: &serde_yaml::Value, path: &str, is_fact: &dyn Fn(&str) -> bool) -> bool {
    use serde_yaml::Value as V;
    match v {
        V::Mapping(m) => m.iter().any(|(k, v)| {
            let sub = format!("{path}.{}", k.as_str().unwrap_or_default());
            is_fact(&sub) || contains_fact(v, &sub, is_fact)
        }),
        V::Sequence(s) => s.iter().any(|v| contains_fact(v, path, is_fact)),
        _ => false,
    }
}

/// positions.yaml: rename the original's `stances:` keys (party names) to the translation's
/// `parties:` names, entry by entry, when both list as many parties.
fn rename_stances(original: &mut serde_yaml::Value, translation: &serde_yaml::Value) {
    use serde_yaml::Value as V;
    let names = |v: &V| -> Vec<V> {
        v.get("parties")
            .and_then(V::as_sequence)
            .cloned()
            .unwrap_or_default()
    };
    let (from, to) = (names(original), names(translation));
    if from.len() != to.len() || to.is_empty() {
        return;
    }
    let Some(issues) = original.get_mut("issues").and_then(V::as_sequence_mut) else {
        return;
    };
    for issue in issues {
        if let Some(V::Mapping(stances)) = issue.get_mut("stances") {
            let old = std::mem::take(stances);
            for (k, v) in old {
                let k = from
                    .iter()
                    .position(|f| *f == k)
                    .map_or(k, |i| to[i].clone());
                stances.insert(k, v);
            }
        }
    }
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

    #[derive(Deserialize, Debug, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct F {
        title: String,
        published: String,
        #[serde(default)]
        updates: Vec<U>,
    }
    #[derive(Deserialize, Debug, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct U {
        at: String,
        text: String,
    }

    fn overlay(orig: &str, tr: &str) -> Result<F, Vec<ContentError>> {
        let o = Source::new("a/index.md", orig);
        let t = Source::new("a/index.uk.md", tr);
        let fact = |p: &str| matches!(p, "published" | "updates.at");
        parse_overlay(
            Part {
                source: &o,
                offset: 0,
                text: orig,
            },
            Part {
                source: &t,
                offset: 0,
                text: tr,
            },
            &fact,
            false,
        )
    }

    #[test]
    fn overlay_takes_text_from_the_translation_and_facts_from_the_original() {
        let orig =
            "title: Talks\npublished: 2025-05-16\nupdates:\n  - {at: 2025-05-17, text: More}\n";
        let f = overlay(orig, "title: Переговори\nupdates:\n  - text: Більше\n").unwrap();
        assert_eq!(f.title, "Переговори");
        assert_eq!(f.published, "2025-05-16");
        assert_eq!(
            f.updates,
            vec![U {
                at: "2025-05-17".into(),
                text: "Більше".into()
            }]
        );
        // Repeating a fact as it is is fine.
        assert!(overlay(orig, "title: X\npublished: 2025-05-16\n").is_ok());
    }

    #[test]
    fn overlay_refuses_a_changed_or_added_fact_with_its_place() {
        let orig =
            "title: Talks\npublished: 2025-05-16\nupdates:\n  - {at: 2025-05-17, text: More}\n";
        let e = overlay(orig, "title: X\npublished: 2025-05-18\n").unwrap_err();
        assert_eq!(e[0].location, "a/index.uk.md:2:12");
        assert!(
            e[0].message.contains("changes a fact: `published`"),
            "{}",
            e[0].message
        );
        let e = overlay(
            orig,
            "title: X\nupdates:\n  - {text: a}\n  - {at: 2025-05-19, text: b}\n",
        )
        .unwrap_err();
        assert!(
            e[0].message.contains("2 entries in `updates`"),
            "{}",
            e[0].message
        );
        let e = overlay(orig, "title: X\nupdates:\n  - {at: 2025-05-18, text: b}\n").unwrap_err();
        assert!(e[0].message.contains("`updates.at`"), "{}", e[0].message);
    }

    #[test]
    fn overlay_reports_unknown_keys_of_the_translation() {
        let orig = "title: Talks\npublished: 2025-05-16\n";
        let e = overlay(orig, "titel: X\n").unwrap_err();
        assert_eq!(e[0].message, "unknown key `titel`");
        assert!(e[0].location.starts_with("a/index.uk.md"));
    }
}
