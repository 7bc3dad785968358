//! Checks relative links in answers against the files the build actually writes.

use std::collections::HashMap;

use crate::diag::ContentError;
use crate::markdown::LinkKind;
use crate::model::Site;
use crate::render::{Files, Output};

/// The file a site-relative path is served from: `a/` -> `a/index.html`.
fn file_for<'a>(files: &'a HashMap<&str, &Output>, path: &str) -> Option<(String, &'a Output)> {
    let candidates = if path.is_empty() || path.ends_with('/') {
        vec![format!("{path}index.html")]
    } else {
        vec![path.to_string(), format!("{path}/index.html")]
    };
    candidates
        .into_iter()
        .find_map(|c| files.get(c.as_str()).map(|o| (c, *o)))
}

/// Every relative link must lead to a page or file the build writes, and its
/// fragment (if any) to an element id on that page.
pub fn check(site: &Site, files: &Files) -> Vec<ContentError> {
    let by_path: HashMap<&str, &Output> = files.iter().map(|(p, o)| (p.as_str(), o)).collect();
    let mut errors = Vec::new();
    for e in &site.explainers {
        for link in &e.links {
            let (LinkKind::Relative, Some((path, frag))) = (&link.kind, &link.target) else {
                continue;
            };
            let at = e.body_offset + link.offset;
            match file_for(&by_path, path) {
                None => errors.push(
                    e.source
                        .error_near(at, &link.dest, format!("link to a missing page `{}`", link.dest))
                        .help(format!("no page or file is built at `{}{path}`; fix the path, or use `@/<explainer>/index.md#<question-id>`", site.info.base_path)),
                ),
                Some((file, Output::Bytes(html))) if file.ends_with(".html") => {
                    if let Some(f) = frag.as_deref().filter(|f| !f.is_empty()) {
                        let needle = format!("id=\"{f}\"");
                        if !html.windows(needle.len()).any(|w| w == needle.as_bytes()) {
                            errors.push(
                                e.source
                                    .error_near(at, &link.dest, format!("link to a missing anchor: `{}{path}` has no `#{f}`", site.info.base_path))
                                    .help("link to a question id that exists on that page"),
                            );
                        }
                    }
                }
                Some(_) => {}
            }
        }
    }
    errors
}
