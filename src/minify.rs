//! `build --minify`: smaller HTML and CSS, through well-kept minifiers (minify-html for pages,
//! lightningcss for style sheets).
//!
//! Pages stay valid HTML5: minify-html's defaults are spec-compliant (the doctype is kept, no
//! attribute value is left unquoted where the spec forbids it), and we also keep closing tags
//! and the `<html>`/`<head>` tags so that other tools read the pages as before. JavaScript is
//! left as written (`<script type="application/ld+json">` included).
//!
//! A fingerprinted style sheet gets a new fingerprint from its minified bytes, so a name always
//! stands for one content (the promise behind `Cache-Control: immutable`), and every page is
//! pointed at the new name.

use std::path::Path;

use rayon::prelude::*;

use crate::diag::ContentError;
use crate::feeds::unfingerprinted;
use crate::render::{Files, Output, fingerprint};

/// Minify one page.
pub fn html(page: &[u8]) -> Vec<u8> {
    let cfg = minify_html::Cfg {
        keep_closing_tags: true,
        keep_html_and_head_opening_tags: true,
        minify_css: true,
        minify_js: false,
        ..minify_html::Cfg::default()
    };
    minify_html::minify(page, &cfg)
}

/// Minify one style sheet. Rules the parser cannot read are kept out rather than failing the
/// build (lightningcss's error recovery); a sheet it cannot read at all is an error.
pub fn css(name: &str, text: &str) -> Result<String, String> {
    use lightningcss::stylesheet::{MinifyOptions, ParserOptions, PrinterOptions, StyleSheet};
    let mut sheet = StyleSheet::parse(
        text,
        ParserOptions {
            filename: name.to_string(),
            error_recovery: true,
            ..ParserOptions::default()
        },
    )
    .map_err(|e| e.to_string())?;
    sheet
        .minify(MinifyOptions::default())
        .map_err(|e| e.to_string())?;
    let out = sheet
        .to_css(PrinterOptions {
            minify: true,
            ..PrinterOptions::default()
        })
        .map_err(|e| e.to_string())?;
    Ok(out.code)
}

/// A style sheet minified: its (old, new) name when the fingerprint changed.
type Minified = Result<Option<(String, String)>, Box<ContentError>>;

/// Minify every rendered page and style sheet in `files`. Files copied as they are (a site's
/// own static HTML, explainer assets) are left untouched.
pub fn minify(files: &mut Files) -> Result<(), Vec<ContentError>> {
    // Style sheets first, so pages can be pointed at their new names.
    let results: Vec<Minified> = files
        .par_iter_mut()
        .filter(|(name, out)| name.ends_with(".css") && matches!(out, Output::Bytes(_)))
        .map(|(name, out)| {
            let Output::Bytes(bytes) = out else {
                unreachable!("filtered to bytes")
            };
            let original = unfingerprinted(name, bytes);
            let shown = original.clone().unwrap_or_else(|| name.clone());
            let text = std::str::from_utf8(bytes).map_err(|_| {
                Box::new(
                    ContentError::in_file(Path::new(&shown), "cannot minify: not UTF-8 text")
                        .help("save the style sheet as UTF-8, or build without --minify"),
                )
            })?;
            let small = css(&shown, text).map_err(|e| {
                Box::new(
                    ContentError::in_file(Path::new(&shown), format!("cannot minify: {e}"))
                        .help("fix the CSS, or build without --minify"),
                )
            })?;
            *bytes = small.into_bytes();
            Ok(original.map(|orig| {
                let renamed = fingerprint(&orig, bytes);
                let old = std::mem::replace(name, renamed.clone());
                (old, renamed)
            }))
        })
        .collect();
    let mut errors = Vec::new();
    let mut renames = Vec::new();
    for r in results {
        match r {
            Ok(Some(pair)) => renames.push(pair),
            Ok(None) => {}
            Err(e) => errors.push(*e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    renames.retain(|(old, new)| old != new);

    files
        .par_iter_mut()
        .filter(|(name, out)| name.ends_with(".html") && matches!(out, Output::Bytes(_)))
        .for_each(|(_, out)| {
            let Output::Bytes(bytes) = out else {
                unreachable!("filtered to bytes")
            };
            if !renames.is_empty() {
                // Fingerprinted names hold a 10-digit hash: no other text can match them.
                let mut text = String::from_utf8_lossy(bytes).into_owned();
                for (old, new) in &renames {
                    text = text.replace(old.as_str(), new);
                }
                *bytes = text.into_bytes();
            }
            *bytes = html(bytes);
        });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_gets_smaller_and_keeps_its_meaning() {
        let out = css(
            "a.css",
            "/* note */\nbody {\n  color: #ff0000;\n  margin: 0px;\n}\n",
        )
        .unwrap();
        assert_eq!(out, "body{color:red;margin:0}");
    }

    #[test]
    fn html_keeps_doctype_and_json_ld() {
        let page = b"<!doctype html>\n<html lang=\"en\">\n<head>\n<title>T</title>\n<script type=\"application/ld+json\">{\"a\": \"\\u003c/script\\u003e\"}</script>\n</head>\n<body>\n  <p>One   two</p>\n</body>\n</html>\n";
        let out = String::from_utf8(html(page)).unwrap();
        assert!(
            out.to_ascii_lowercase().starts_with("<!doctype html>"),
            "{out}"
        );
        assert!(out.contains("{\"a\": \"\\u003c/script\\u003e\"}"), "{out}");
        assert!(out.contains("<p>One two</p>"), "{out}");
        assert!(out.len() < page.len());
    }

    #[test]
    fn a_minified_sheet_gets_a_new_fingerprint_and_pages_follow() {
        let css_src = b"body {\n  color: #ff0000;\n}\n".to_vec();
        let old = fingerprint("style.css", &css_src);
        let page = format!(
            "<!doctype html><html lang=en><head><link rel=stylesheet href=\"/repo/{old}\"></head><body></body></html>"
        );
        let mut files: Files = vec![
            (old.clone(), Output::Bytes(css_src)),
            ("index.html".into(), Output::Bytes(page.into_bytes())),
        ];
        minify(&mut files).unwrap();
        let new = fingerprint("style.css", b"body{color:red}");
        assert_eq!(files[0].0, new);
        let Output::Bytes(p) = &files[1].1 else {
            panic!()
        };
        let p = String::from_utf8(p.clone()).unwrap();
        assert!(p.contains(&format!("/repo/{new}")), "{p}");
        assert!(!p.contains(&old));
    }
}
