//! `build --minify`: smaller HTML and CSS, through well-kept minifiers (minify-html for pages,
//! lightningcss for style sheets).
//!
//! Pages stay valid HTML5: minify-html's defaults are spec-compliant (the doctype is kept, no
//! attribute value is left unquoted where the spec forbids it), and we also keep closing tags
//! and the `<html>`/`<head>` tags so that other tools read the pages as before. JavaScript is
//! left as written (`<script type="application/ld+json">` included).
//!
//! Pages are minified as they are rendered ([`html`]). Style sheets are minified before they are
//! fingerprinted ([`style_sheet`]), so a name always stands for one content (the promise behind
//! `Cache-Control: immutable`) and pages link the final name from the start.

use std::path::Path;

use crate::diag::ContentError;

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

/// Minify a static style sheet (`name` as under static/) before it is fingerprinted, so its
/// name stands for the bytes served.
pub fn style_sheet(name: &str, bytes: &[u8]) -> Result<Vec<u8>, ContentError> {
    let shown = Path::new("static").join(name);
    let text = std::str::from_utf8(bytes).map_err(|_| {
        ContentError::in_file(&shown, "cannot minify: not UTF-8 text")
            .help("save the style sheet as UTF-8, or build without --minify")
    })?;
    css(name, text).map(String::into_bytes).map_err(|e| {
        ContentError::in_file(&shown, format!("cannot minify: {e}"))
            .help("fix the CSS, or build without --minify")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::{Output, fingerprint};

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
    fn a_minified_sheet_is_fingerprinted_by_its_minified_bytes() {
        let site = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(site.path().join("static")).unwrap();
        std::fs::write(
            site.path().join("static/extra.css"),
            "body {\n  color: #ff0000;\n}\n",
        )
        .unwrap();
        let (files, names) = crate::render::static_files(site.path(), true).unwrap();
        let new = fingerprint("extra.css", b"body{color:red}");
        assert_eq!(names["extra.css"], new);
        let (_, out) = files.iter().find(|(n, _)| *n == new).unwrap();
        let Output::Bytes(b) = out else { panic!() };
        assert_eq!(b, b"body{color:red}");
        // Without --minify the sheet keeps its bytes and their fingerprint.
        let (_, plain) = crate::render::static_files(site.path(), false).unwrap();
        assert_eq!(
            plain["extra.css"],
            fingerprint("extra.css", b"body {\n  color: #ff0000;\n}\n")
        );
    }

    #[test]
    fn an_unreadable_sheet_names_its_file() {
        let e = style_sheet("bad.css", b"\xff").unwrap_err();
        assert!(e.to_string().contains("static/bad.css"), "{e}");
    }
}
