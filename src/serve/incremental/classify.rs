//! Which changed files mean what for `serve`: a full rebuild or one explainer's.

use std::path::{Component, Path, PathBuf};

use crate::load::files;

/// What a changed file means for the site.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    /// Everything may have changed: site.yaml, people.yaml, a template or a static file.
    Full,
    /// Something in `content/<slug>/` changed (or the folder came or went).
    Explainer(String),
    /// A translation's file in `content/<slug>/` changed (`index.uk.md`, `timeline.uk.yaml`,
    /// `positions.uk.yaml`): the explainer's folder and the language's code. In a site of
    /// several languages, only that language is built again.
    Translation(String, String),
}

/// The language code of a translation's file name (`index.uk.md` -> `uk`).
fn translation_code(name: &str) -> Option<&str> {
    let (stem, rest) = name.split_once('.')?;
    let (code, ext) = rest.rsplit_once('.')?;
    let known = matches!(
        (stem, ext),
        ("index", "md") | ("timeline" | "positions", "yaml")
    );
    (known && !code.is_empty() && !code.contains('.')).then_some(code)
}

/// What a change to `path` (absolute, under `root`) means, or `None` when it cannot affect the
/// site (editor temp files, files outside content/, templates/ and static/).
pub fn classify(root: &Path, path: &Path) -> Option<Change> {
    let rel = path.strip_prefix(root).ok()?;
    let parts: Vec<String> = rel
        .components()
        .map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect::<Option<_>>()?;
    if parts.iter().any(|p| files::is_editor_junk(Path::new(p))) {
        return None;
    }
    match parts.first().map(String::as_str)? {
        "templates" | "static" => Some(Change::Full),
        "content" => match parts.get(1) {
            None => Some(Change::Full),
            Some(name) if parts.len() == 2 => {
                // site.yaml, people, authors and the terms, and their translations
                // (`people.uk.yaml`, `topics.uk.yaml`).
                let stem = name.split('.').next().unwrap_or_default();
                let site_wide = ["site", "people", "authors", "series", "topics", "countries"];
                if name.ends_with(".yaml") && site_wide.contains(&stem) {
                    Some(Change::Full)
                } else if path.is_file() {
                    // Other files beside site.yaml are not part of the site.
                    None
                } else {
                    Some(Change::Explainer(name.clone()))
                }
            }
            Some(name) => match (parts.len(), parts.get(2).map(|f| translation_code(f))) {
                (3, Some(Some(code))) => Some(Change::Translation(name.clone(), code.into())),
                _ => Some(Change::Explainer(name.clone())),
            },
        },
        _ => None,
    }
}

/// Where a site folder's changes come from: the folders `serve` watches.
pub fn watched_dirs(root: &Path) -> Vec<PathBuf> {
    ["content", "templates", "static"]
        .iter()
        .map(|d| root.join(d))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_changes() {
        let root = Path::new("/site");
        let c = |p: &str| classify(root, &root.join(p));
        assert_eq!(c("content/site.yaml"), Some(Change::Full));
        assert_eq!(c("content/people.yaml"), Some(Change::Full));
        assert_eq!(c("content/people.uk.yaml"), Some(Change::Full));
        assert_eq!(c("content/topics.uk.yaml"), Some(Change::Full));
        assert_eq!(c("templates/home.html"), Some(Change::Full));
        assert_eq!(c("static/style.css"), Some(Change::Full));
        assert_eq!(
            c("content/talks/index.md"),
            Some(Change::Explainer("talks".into()))
        );
        assert_eq!(
            c("content/talks/img/photo.jpg"),
            Some(Change::Explainer("talks".into()))
        );
        assert_eq!(
            c("content/talks/index.uk.md"),
            Some(Change::Translation("talks".into(), "uk".into()))
        );
        assert_eq!(
            c("content/talks/positions.pt-br.yaml"),
            Some(Change::Translation("talks".into(), "pt-br".into()))
        );
        for not_one in [
            "content/talks/index.md",
            "content/talks/timeline.yaml",
            "content/talks/notes.uk.md",
            "content/talks/img/index.uk.md",
        ] {
            assert_eq!(
                c(not_one),
                Some(Change::Explainer("talks".into())),
                "{not_one}"
            );
        }
        // A folder that is no longer there.
        assert_eq!(c("content/gone"), Some(Change::Explainer("gone".into())));
        assert_eq!(c("content/talks/.index.md.swp"), None);
        assert_eq!(c("content/talks/index.md~"), None);
        assert_eq!(c("content/talks/4913"), None);
        assert_eq!(c("content/talks/#index.md#"), None);
        assert_eq!(c("content/talks/index.md___jb_tmp___"), None);
        assert_eq!(c("static/x.bak"), None);
        assert_eq!(c("content/talks/photo.jpg.orig"), None);
        assert_eq!(c("templates/.home.html.swx"), None);
        assert_eq!(c("public/index.html"), None);
        assert_eq!(c("target/debug/parley"), None);
        assert_eq!(classify(root, Path::new("/elsewhere/content/x")), None);
    }
}
