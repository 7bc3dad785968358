//! The Content-Type of a built file by its name, one rule for `serve` and `deploy`.

/// Content-Type from the extension; text types say they are UTF-8, as parley writes them.
pub fn content_type(path: &str) -> String {
    let name = path.rsplit('/').next().unwrap_or(path);
    match name {
        "_headers" => return "text/plain; charset=utf-8".into(),
        "feed.xml" => return "application/atom+xml; charset=utf-8".into(),
        _ => {}
    }
    let mime = mime_guess::from_path(name).first_or_octet_stream();
    let text = mime.type_() == mime_guess::mime::TEXT
        || matches!(
            mime.essence_str(),
            "application/javascript"
                | "application/json"
                | "application/xml"
                | "application/atom+xml"
                | "image/svg+xml"
        );
    if text && mime.get_param(mime_guess::mime::CHARSET).is_none() {
        format!("{}; charset=utf-8", mime.essence_str())
    } else {
        mime.essence_str().to_string()
    }
}
