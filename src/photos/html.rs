//! The markup of a processed photo: `<picture>` with a WebP `<source>` and an `<img>` with
//! `srcset`, `sizes`, `width` and `height`, written over the `<img>` tags Markdown made.

use std::collections::HashMap;

use serde::Serialize;

/// A processed photo as pages show it (templates see the lead photo as `lead_photo`). The
/// URLs (but `url`) and `sizes` are HTML-escaped already.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Picture {
    /// The largest size in the photo's own format, as an absolute URL (for `og:image` and
    /// JSON-LD; not escaped).
    pub url: String,
    /// The largest size, for browsers without `srcset`.
    pub src: String,
    /// Each size in the photo's own format, and as WebP: `url 480w, url 960w`.
    pub srcset: String,
    pub webp_srcset: String,
    pub sizes: String,
    /// The largest size's, so the browser keeps the photo's room before it loads.
    pub width: u32,
    pub height: u32,
}

/// `<picture>` for `p` in an answer, with its `alt` (and `title`) HTML-escaped already. It
/// loads when it comes near the screen (the lead photo, fetched first, is the template's).
pub(crate) fn picture(p: &Picture, alt: &str, title: Option<&str>) -> String {
    let title = title
        .map(|t| format!(r#" title="{t}""#))
        .unwrap_or_default();
    format!(
        r#"<picture><source type="image/webp" srcset="{}" sizes="{}"><img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{alt}"{title} loading="lazy" decoding="async"></picture>"#,
        p.webp_srcset, p.sizes, p.src, p.srcset, p.sizes, p.width, p.height
    )
}

/// `html` (Markdown's output) with each `<img>` whose `src` is one of `pictures`' keys
/// replaced by its `<picture>`; `None` when there is none. Markdown writes images as
/// `<img src="…" alt="…" />` or `<img src="…" alt="…" title="…" />`, values escaped.
pub(crate) fn rewrite(html: &str, pictures: &HashMap<String, Picture>) -> Option<String> {
    const OPEN: &str = "<img src=\"";
    if pictures.is_empty() || !html.contains(OPEN) {
        return None;
    }
    let mut out = String::with_capacity(html.len() + 512);
    let mut rest = html;
    let mut changed = false;
    while let Some(at) = rest.find(OPEN) {
        let (before, tag) = rest.split_at(at);
        out.push_str(before);
        match parse_img(tag).and_then(|(src, alt, title, len)| {
            pictures.get(src).map(|p| (picture(p, alt, title), len))
        }) {
            Some((markup, len)) => {
                out.push_str(&markup);
                rest = &tag[len..];
                changed = true;
            }
            None => {
                out.push_str(OPEN);
                rest = &tag[OPEN.len()..];
            }
        }
    }
    out.push_str(rest);
    changed.then_some(out)
}

/// The `src`, `alt`, `title` and length of the `<img …/>` tag at the start of `tag`, as
/// Markdown writes it.
fn parse_img(tag: &str) -> Option<(&str, &str, Option<&str>, usize)> {
    let rest = tag.strip_prefix("<img src=\"")?;
    let (src, rest) = rest.split_once('"')?;
    let rest = rest.strip_prefix(" alt=\"")?;
    let (alt, rest) = rest.split_once('"')?;
    let (title, rest) = match rest.strip_prefix(" title=\"") {
        Some(r) => {
            let (t, r) = r.split_once('"')?;
            (Some(t), r)
        }
        None => (None, rest),
    };
    let rest = rest.strip_prefix(" />")?;
    Some((src, alt, title, tag.len() - rest.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pic() -> Picture {
        Picture {
            url: "https://example.org/a/p.1.960.jpg".into(),
            src: "/a/p.1.960.jpg".into(),
            srcset: "/a/p.1.480.jpg 480w, /a/p.1.960.jpg 960w".into(),
            webp_srcset: "/a/p.1.480.webp 480w, /a/p.1.960.webp 960w".into(),
            sizes: "100vw".into(),
            width: 960,
            height: 540,
        }
    }

    #[test]
    fn markdown_images_of_processed_photos_become_pictures() {
        let map = HashMap::from([("/a/p.jpg".to_string(), pic())]);
        let html = r#"<p><img src="/a/p.jpg" alt="A &amp; B" title="T" /> and <img src="/a/q.jpg" alt="q" /></p>"#;
        let out = rewrite(html, &map).unwrap();
        assert_eq!(
            out,
            r#"<p><picture><source type="image/webp" srcset="/a/p.1.480.webp 480w, /a/p.1.960.webp 960w" sizes="100vw"><img src="/a/p.1.960.jpg" srcset="/a/p.1.480.jpg 480w, /a/p.1.960.jpg 960w" sizes="100vw" width="960" height="540" alt="A &amp; B" title="T" loading="lazy" decoding="async"></picture> and <img src="/a/q.jpg" alt="q" /></p>"#
        );
        assert_eq!(rewrite(r#"<img src="/a/q.jpg" alt="" />"#, &map), None);
        // A tag Markdown did not write (raw HTML) is left as it is.
        assert_eq!(rewrite(r#"<img src="/a/p.jpg" class="x">"#, &map), None);
    }
}
