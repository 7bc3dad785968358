//! Checks relative links in answers against the files the build actually writes.

use std::collections::{HashMap, HashSet};

use crate::diag::ContentError;
use crate::markdown::LinkKind;
use crate::model::Site;
use crate::render::{Files, Output};

/// The files a site-relative path may be served from: `a/` -> `a/index.html`; `a` -> `a`
/// or `a/index.html`.
fn candidates(path: &str) -> Vec<String> {
    if path.is_empty() || path.ends_with('/') {
        vec![format!("{path}index.html")]
    } else {
        vec![path.to_string(), format!("{path}/index.html")]
    }
}

/// The pages whose HTML the check needs: those a relative link points into with a
/// `#fragment`, by their path in the output (in the default language's folder with
/// `default_language_folder`). A streaming build keeps these in memory after writing them.
pub fn wanted(site: &Site) -> HashSet<String> {
    let folder = site.info.lang.as_ref().map_or("", |l| l.folder.as_str());
    site.explainers
        .iter()
        .flat_map(|e| &e.links)
        .filter_map(|link| match (&link.kind, &link.target) {
            (LinkKind::Relative, Some((path, Some(frag)))) if !frag.is_empty() => Some(path),
            _ => None,
        })
        .flat_map(|path| candidates(path))
        .map(|c| format!("{folder}{c}"))
        .collect()
}

/// Whether `html` has an element with this id, its value quoted or (after minifying) not.
pub fn has_id(html: &[u8], id: &str) -> bool {
    let mut rest = html;
    while let Some(i) = rest.windows(3).position(|w| w == b"id=") {
        let attr_start = i == 0 || rest[i - 1].is_ascii_whitespace();
        let after = &rest[i + 3..];
        if attr_start {
            let value = match after.first() {
                Some(&q @ (b'"' | b'\'')) => {
                    let v = &after[1..];
                    &v[..v.iter().position(|&b| b == q).unwrap_or(v.len())]
                }
                _ => {
                    let end = after
                        .iter()
                        .position(|&b| b.is_ascii_whitespace() || b == b'>')
                        .unwrap_or(after.len());
                    &after[..end]
                }
            };
            if value == id.as_bytes() {
                return true;
            }
        }
        rest = after;
    }
    false
}

/// Every relative link must lead to a page or file the build writes, and its fragment (if
/// any) to an element id on that page. Pages already written out ([`Output::Written`]) are
/// looked up in `kept` (see [`wanted`]).
pub fn check(site: &Site, files: &Files, kept: &HashMap<String, Vec<u8>>) -> Vec<ContentError> {
    let by_path: HashMap<&str, &Output> = files.iter().map(|(p, o)| (p.as_str(), o)).collect();
    let mut errors = Vec::new();
    // The default language's pages are in its folder with `default_language_folder`.
    let folder = site.info.lang.as_ref().map_or("", |l| l.folder.as_str());
    for e in &site.explainers {
        for link in &e.links {
            let (LinkKind::Relative, Some((path, frag))) = (&link.kind, &link.target) else {
                continue;
            };
            // A photo is published resized, under other names (`crate::photos`).
            if crate::photos::body_photo(e, link).is_some() {
                continue;
            }
            let at = e.body_offset + link.offset;
            let found = candidates(path)
                .into_iter()
                .map(|c| format!("{folder}{c}"))
                .find_map(|c| by_path.get(c.as_str()).map(|o| (c, *o)));
            let html = match &found {
                None => {
                    errors.push(
                        e.source()
                            .error_near(at, &link.dest, format!("link to a missing page `{}`", link.dest))
                            .help(format!("no page or file is built at `{}{path}`; fix the path, or use `@/<explainer>/index.md#<question-id>`", site.info.base_path)),
                    );
                    continue;
                }
                Some((file, _)) if !file.ends_with(".html") => continue,
                Some((_, Output::Bytes(html) | Output::Page(html, _))) => html.as_slice(),
                Some((file, Output::Written | Output::Unchanged(_))) => match kept.get(file) {
                    Some(html) => html.as_slice(),
                    None => continue,
                },
                Some((_, Output::Copy(_))) => continue,
            };
            if let Some(f) = frag.as_deref().filter(|f| !f.is_empty())
                && !has_id(html, f)
            {
                errors.push(
                    e.source()
                        .error_near(
                            at,
                            &link.dest,
                            format!(
                                "link to a missing anchor: `{}{path}` has no `#{f}`",
                                site.info.base_path
                            ),
                        )
                        .help("link to a question id that exists on that page"),
                );
            }
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_found_quoted_and_minified() {
        assert!(has_id(br#"<h2 id="why">"#, "why"));
        assert!(has_id(b"<h2 id='why'>", "why"));
        assert!(has_id(b"<h2 id=why>", "why"));
        assert!(has_id(b"<h2 id=why class=x>", "why"));
        assert!(!has_id(b"<h2 id=why-not>", "why"));
        assert!(!has_id(br#"<h2 id="why-not">"#, "why"));
        assert!(!has_id(b"<h2 data-id=why>", "why"));
        assert!(!has_id(br#"<h2 data-id="why">"#, "why"));
        assert!(has_id(br#"<p data-id="a" id="why">"#, "why"));
    }
}
