//! What to publish: the built files the manifest lists, their HTTP headers (Cache-Control from
//! the `_headers` file the build wrote, Content-Type from the extension), and the upload order.

use std::path::Path;

use anyhow::{Context, Result, bail};
use rayon::prelude::*;

use crate::write::Manifest;

/// The caching of files no `_headers` rule names: the hosts' default, revalidate every time.
const DEFAULT_CACHE: &str = "public, max-age=0, must-revalidate";

/// Upload order: a page goes up only after every asset it may point at, and the feeds and
/// sitemap (which point at pages) after the pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Rank {
    /// Fingerprinted CSS and JS (cached for a year).
    Fingerprinted,
    /// Images and other files pages use.
    Asset,
    /// HTML pages.
    Page,
    /// Feeds, the sitemap, robots.txt and `_headers`: they point at pages.
    Index,
}

impl Rank {
    pub fn label(self) -> &'static str {
        match self {
            Rank::Fingerprinted => "fingerprinted assets",
            Rank::Asset => "other assets",
            Rank::Page => "pages",
            Rank::Index => "feeds and sitemap",
        }
    }
}

/// One file to publish.
#[derive(Debug, Clone)]
pub struct LocalFile {
    /// Site-relative path with `/` separators, e.g. `talks/index.html`.
    pub path: String,
    pub size: u64,
    /// The build record's content hash.
    pub hash: String,
    pub content_type: String,
    pub cache_control: String,
    pub rank: Rank,
}

/// The files of a complete parley build in `out`, in upload order. Refuses anything else.
pub fn local_files(out: &Path) -> Result<Vec<LocalFile>> {
    let Some(manifest) = Manifest::read(out)? else {
        bail!(
            "{} was not built by parley (it has no .parley-manifest.json)\nhelp: run parley build first, or pass the folder it wrote with --output",
            out.display()
        );
    };
    if !manifest.complete {
        bail!(
            "the build in {} did not finish\nhelp: run parley build first",
            out.display()
        );
    }
    let rules = Rules::of(out);
    let mut files = Vec::with_capacity(manifest.files.len());
    for (path, record) in &manifest.files {
        if !crate::write::is_safe_relative(path)
            || path.split('/').any(|s| s.starts_with(".parley-"))
        {
            continue;
        }
        let cache_control = rules
            .cache_control(path)
            .unwrap_or(DEFAULT_CACHE)
            .to_string();
        let rank = rank(path, cache_control.contains("immutable"));
        files.push(LocalFile {
            content_type: crate::write::mime::content_type(path),
            path: path.clone(),
            size: record.size,
            hash: record.hash.clone(),
            cache_control,
            rank,
        });
    }
    // What goes up is what the build wrote: same size and content hash.
    files.par_iter().try_for_each(|f| {
        let bytes = std::fs::read(out.join(&f.path)).with_context(|| {
            format!(
                "{} is in the build's record but cannot be read from {}",
                f.path,
                out.display()
            )
        })?;
        let record = &manifest.files[&f.path];
        if bytes.len() as u64 != record.size || crate::write::content_hash(&bytes) != record.hash {
            bail!(
                "{} changed after parley built it\nhelp: run parley build again",
                f.path
            );
        }
        Ok(())
    })?;
    files.sort_by(|a, b| (a.rank, &a.path).cmp(&(b.rank, &b.path)));
    Ok(files)
}

fn rank(path: &str, immutable: bool) -> Rank {
    let name = path.rsplit('/').next().unwrap_or(path);
    if immutable {
        Rank::Fingerprinted
    } else if name.ends_with(".html") {
        Rank::Page
    } else if name.ends_with(".xml") || name == "robots.txt" || name == "_headers" {
        Rank::Index
    } else {
        Rank::Asset
    }
}

/// The rules of a Netlify-style `_headers` file: a path pattern, then indented headers.
#[derive(Debug, Default)]
pub struct Rules {
    rules: Vec<(String, Vec<(String, String)>)>,
    /// The site's path (`/` or `/repo/`): what every pattern starts with.
    base: String,
}

impl Rules {
    /// The rules of the `_headers` file the build wrote in `out` (none if there is none).
    pub fn of(out: &Path) -> Rules {
        match std::fs::read_to_string(out.join("_headers")) {
            Ok(text) => Rules::parse(&text),
            Err(_) => Rules::default(),
        }
    }

    pub fn parse(text: &str) -> Rules {
        let mut rules: Vec<(String, Vec<(String, String)>)> = Vec::new();
        for line in text.lines() {
            let trimmed = line.trim();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            if !line.starts_with([' ', '\t']) {
                rules.push((trimmed.to_string(), Vec::new()));
            } else if let (Some(rule), Some((k, v))) = (rules.last_mut(), trimmed.split_once(':')) {
                rule.1
                    .push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
            }
        }
        // parley's own file has a rule for the home page, which is exactly the site's path;
        // for a hand-written one this is the longest folder every pattern starts with.
        let mut base = rules.first().map_or("/".to_string(), |r| r.0.clone());
        for (p, _) in &rules {
            let common = base
                .bytes()
                .zip(p.bytes())
                .take_while(|(a, b)| a == b)
                .count();
            base.truncate(common);
        }
        let base = match base.rfind('/') {
            Some(i) => base[..=i].to_string(),
            None => "/".to_string(),
        };
        Rules { rules, base }
    }

    /// The site's path on its host (`/` or `/repo/`), as the rules' patterns spell it.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// The first rule's Cache-Control for the file at a site-relative path, matched at the
    /// URLs that serve it (`/repo/talks/index.html` and `/repo/talks/`).
    pub fn cache_control(&self, path: &str) -> Option<&str> {
        let url = format!("{}{path}", self.base);
        let clean = url.strip_suffix("index.html");
        self.rules
            .iter()
            .filter(|(pattern, _)| glob(pattern, &url) || clean.is_some_and(|c| glob(pattern, c)))
            .flat_map(|(_, headers)| headers)
            .find(|(k, _)| k == "cache-control")
            .map(|(_, v)| v.as_str())
    }
}

/// Netlify's patterns: `*` matches anything (slashes too), `:name` one path segment.
fn glob(pattern: &str, url: &str) -> bool {
    let Some((head, tail)) = pattern.split_once(['*', ':']) else {
        return pattern == url;
    };
    let Some(rest) = url.strip_prefix(head) else {
        return false;
    };
    if pattern.as_bytes()[head.len()] == b'*' {
        (0..=rest.len())
            .filter(|&i| rest.is_char_boundary(i))
            .any(|i| glob(tail, &rest[i..]))
    } else {
        // `:name`: skip the placeholder's name, then one non-empty segment.
        let tail = tail.trim_start_matches(|c: char| c.is_ascii_alphanumeric() || c == '_');
        let end = rest.find('/').unwrap_or(rest.len());
        end > 0 && glob(tail, &rest[end..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_rules_give_each_file_its_cache_control() {
        let text = "# c\n/repo/*\n  X-Content-Type-Options: nosniff\n\n/repo/style.0123456789.css\n  Cache-Control: public, max-age=31536000, immutable\n/repo/\n  Cache-Control: public, max-age=0, must-revalidate\n/repo/talks/*\n  Cache-Control: no-cache\n";
        let r = Rules::parse(text);
        assert_eq!(r.base, "/repo/");
        assert_eq!(
            r.cache_control("style.0123456789.css"),
            Some("public, max-age=31536000, immutable")
        );
        assert_eq!(
            r.cache_control("index.html"),
            Some("public, max-age=0, must-revalidate")
        );
        assert_eq!(r.cache_control("talks/q/index.html"), Some("no-cache"));
        assert_eq!(r.cache_control("people/index.html"), None);
        assert!(glob("/a/:slug/x", "/a/b/x") && !glob("/a/:slug/x", "/a//x"));
    }

    #[test]
    fn content_types_and_ranks() {
        assert_eq!(
            crate::write::mime::content_type("a/index.html"),
            "text/html; charset=utf-8"
        );
        assert_eq!(
            crate::write::mime::content_type("site.0123456789.js"),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(
            crate::write::mime::content_type("a/feed.xml"),
            "application/atom+xml; charset=utf-8"
        );
        assert_eq!(
            crate::write::mime::content_type("sitemap.xml"),
            "text/xml; charset=utf-8"
        );
        assert_eq!(crate::write::mime::content_type("img/x.png"), "image/png");
        assert_eq!(rank("style.css", true), Rank::Fingerprinted);
        assert_eq!(rank("img/x.png", false), Rank::Asset);
        assert_eq!(rank("a/index.html", false), Rank::Page);
        assert_eq!(rank("a/feed.xml", false), Rank::Index);
    }
}
