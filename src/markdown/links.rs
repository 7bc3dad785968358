//! Link destinations in Markdown: classifies them (internal `@/`, relative, external, or
//! running code), resolves relative ones against the page, and rewrites them for the site.

use pulldown_cmark::{CowStr, Tag};

use super::{Body, Settings};

/// A link found in the body, for checking.
#[derive(Debug, Clone)]
pub struct Link {
    pub dest: String,
    /// Byte offset in the body.
    pub offset: usize,
    pub kind: LinkKind,
    /// For relative links: the site-relative path and fragment they resolve to.
    pub target: Option<(String, Option<String>)>,
    /// An image (`![alt](src)`), not a link.
    pub image: bool,
}

/// Resolve a relative link from the page at `page_path` (site-relative, ending in `/`)
/// to a site-relative path and fragment. `None` when it climbs above the site root.
pub fn resolve_relative(page_path: &str, dest: &str) -> Option<(String, Option<String>)> {
    let (rest, frag) = match dest.split_once('#') {
        Some((p, f)) => (p, Some(f.to_string())),
        None => (dest, None),
    };
    let path = rest.split('?').next().unwrap_or("");
    if path.is_empty() {
        return Some((page_path.to_string(), frag));
    }
    let mut parts: Vec<&str> = if path.starts_with('/') {
        Vec::new()
    } else {
        page_path.split('/').filter(|p| !p.is_empty()).collect()
    };
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut out = parts.join("/");
    if path.ends_with('/') && !out.is_empty() {
        out.push('/');
    }
    Some((out, frag))
}

/// What a link destination is, which decides how it is checked and rewritten.
#[derive(Debug, Clone, PartialEq)]
pub enum LinkKind {
    /// `@/<explainer>/index.md#anchor`: explainer slug and optional anchor.
    Internal {
        explainer: String,
        anchor: Option<String>,
    },
    /// A relative link like `../other/` or `#anchor`.
    Relative,
    /// A scheme that runs code (`javascript:` and kin): always an error.
    Unsafe,
    External,
}

/// Classify a link destination.
pub fn classify(dest: &str) -> LinkKind {
    // What decides is the scheme: the text up to the first `:` (kept), lowercased, without
    // white space or control characters (browsers ignore those: `java\tscript:`).
    let mut lower = String::new();
    for c in dest
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .flat_map(char::to_lowercase)
    {
        lower.push(c);
        if c == ':' {
            break;
        }
    }
    if let Some(rest) = dest.strip_prefix("@/") {
        let (path, anchor) = match rest.split_once('#') {
            Some((p, a)) => (p, Some(a.to_string())),
            None => (rest, None),
        };
        let explainer = path
            .trim_end_matches("index.md")
            .trim_end_matches('/')
            .to_string();
        return LinkKind::Internal { explainer, anchor };
    }
    for bad in ["javascript:", "vbscript:", "data:", "file:"] {
        if lower.starts_with(bad) {
            return LinkKind::Unsafe;
        }
    }
    let has_scheme = lower.split_once(':').is_some_and(|(s, _)| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    if has_scheme || lower.starts_with("//") {
        LinkKind::External
    } else {
        LinkKind::Relative
    }
}

/// A link or image tag with its destination checked (and rewritten where needed).
pub(crate) fn check_tag<'a>(
    tag: Tag<'a>,
    at: usize,
    settings: &Settings,
    out: &mut Body,
) -> Tag<'a> {
    match tag {
        Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        } => Tag::Link {
            link_type,
            dest_url: check_link(dest_url, at, settings, out, false),
            title,
            id,
        },
        Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        } => Tag::Image {
            link_type,
            dest_url: check_link(dest_url, at, settings, out, true),
            title,
            id,
        },
        t => t,
    }
}

/// Check one destination: record it in `out.links` for the cross-explainer checks, report
/// ones that run code and ones leading outside the site, and return the URL to write.
fn check_link<'a>(
    dest: CowStr<'a>,
    at: usize,
    settings: &Settings,
    out: &mut Body,
    image: bool,
) -> CowStr<'a> {
    let kind = classify(&dest);
    let mut target = None;
    let rewritten = match &kind {
        LinkKind::Internal { explainer, anchor } => {
            let url_slug = settings
                .slugs
                .and_then(|m| m.get(explainer))
                .unwrap_or(explainer);
            let mut url = format!("{}{}/", settings.base_path, url_slug);
            if explainer.is_empty() {
                url = settings.base_path.to_string();
            }
            if let Some(a) = anchor {
                url.push('#');
                url.push_str(a);
            }
            Some(CowStr::from(url))
        }
        LinkKind::Unsafe => {
            out.problems.push((
                at,
                format!(
                    "unsafe link `{}`",
                    dest.chars().take(40).collect::<String>()
                ),
                "links may not run code: use an https:// address".into(),
            ));
            Some(CowStr::from("#"))
        }
        LinkKind::Relative if !dest.starts_with('/') => {
            match resolve_relative(settings.page_path, &dest) {
                Some((path, frag)) => {
                    target = Some((path.clone(), frag.clone()));
                    let mut url = format!("{}{}", settings.base_path, path);
                    if let Some(q) = dest
                        .split('#')
                        .next()
                        .and_then(|p| p.split_once('?'))
                        .map(|(_, q)| q)
                    {
                        url.push('?');
                        url.push_str(q);
                    }
                    if let Some(f) = frag {
                        url.push('#');
                        url.push_str(&f);
                    }
                    Some(CowStr::from(url))
                }
                None => {
                    out.problems.push((
                        at,
                        format!("the link `{dest}` leads outside the site"),
                        "remove the extra `../`, or link with `@/<explainer>/index.md`".into(),
                    ));
                    Some(CowStr::from("#"))
                }
            }
        }
        LinkKind::Relative => {
            // Root-relative: it must lie under the base path.
            match dest.strip_prefix(settings.base_path) {
                Some(rest) => target = resolve_relative("", rest),
                None => out.problems.push((
                    at,
                    format!(
                        "the link `{dest}` is outside the site's base path `{}`",
                        settings.base_path
                    ),
                    "link with `@/<explainer>/index.md#<question>` or a relative path".into(),
                )),
            }
            None
        }
        _ => None,
    };
    out.links.push(Link {
        dest: dest.to_string(),
        offset: at,
        kind,
        target,
        image,
    });
    rewritten.unwrap_or(dest)
}
