//! The HTTP side of `serve`: maps request paths onto the in-memory site (refusing any
//! path outside it) and answers pages, the 404 page and the live-reload event stream.

use std::borrow::Cow;
use std::io::Write;

use tiny_http::{Header, Method, Request, Response, StatusCode};

use super::*;

/// How a request path maps onto the site's files.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    /// A file of the site, by its site-relative path.
    File(String),
    /// A folder asked for without its trailing slash: redirect here.
    Redirect(String),
    NotFound,
    BadRequest,
}

/// Map a request target (`/a/b/?x`) to a file of the site, given a way to ask whether the
/// site has a file. Never yields a path with `.`, `..` or empty segments, a backslash or a NUL.
pub fn resolve(target: &str, exists: impl Fn(&str) -> bool) -> Resolved {
    let (path, query) = match target.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (target, None),
    };
    let path = path.split('#').next().unwrap_or("");
    if !path.starts_with('/') {
        return Resolved::BadRequest;
    }
    // Encoded separators never name a file of the site.
    let lower = path.to_ascii_lowercase();
    if lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00") {
        return Resolved::NotFound;
    }
    let Ok(decoded) = percent_encoding::percent_decode_str(path).decode_utf8() else {
        return Resolved::BadRequest;
    };
    let rel = &decoded[1..];
    let dir = rel.is_empty() || rel.ends_with('/');
    let body = rel.strip_suffix('/').unwrap_or(rel);
    if !body.is_empty()
        && body.split('/').any(|seg| {
            seg.is_empty()
                || seg == "."
                || seg == ".."
                || seg.contains('\\')
                || seg.contains('\0')
                || seg.contains(':')
        })
    {
        return Resolved::NotFound;
    }
    if dir {
        let key = format!("{rel}index.html");
        return if exists(&key) {
            Resolved::File(key)
        } else {
            Resolved::NotFound
        };
    }
    if exists(rel) {
        return Resolved::File(rel.to_string());
    }
    if exists(&format!("{rel}/index.html")) {
        let mut to = format!("{path}/");
        if let Some(q) = query {
            to.push('?');
            to.push_str(q);
        }
        return Resolved::Redirect(to);
    }
    Resolved::NotFound
}

pub use crate::write::mime::content_type;

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid header")
}

fn send(rq: Request, status: u16, ctype: &str, body: Vec<u8>, extra: &[(&str, &str)]) {
    let mut r = Response::from_data(body)
        .with_status_code(StatusCode(status))
        .with_chunked_threshold(usize::MAX)
        .with_header(header("Content-Type", ctype))
        .with_header(header("Cache-Control", "no-store"))
        .with_header(header("X-Content-Type-Options", "nosniff"));
    for (k, v) in extra {
        r = r.with_header(header(k, v));
    }
    let _ = rq.respond(r);
}

fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The page served while there is no good build at all.
fn error_page(report: &str) -> Vec<u8> {
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>The site did not build</title>\n<script src=\"/__parley/live.js\" defer></script>\n</head>\n<body>\n<main>\n<h1>The site did not build</h1>\n<p>Fix the problem below and save: this page reloads by itself.</p>\n<pre>{}</pre>\n</main>\n</body>\n</html>\n",
        escape_html(report)
    )
    .into_bytes()
}

pub(super) fn handle(shared: &Shared, rq: Request) {
    if !matches!(rq.method(), Method::Get | Method::Head) {
        send(
            rq,
            405,
            "text/plain; charset=utf-8",
            b"method not allowed\n".to_vec(),
            &[("Allow", "GET, HEAD")],
        );
        return;
    }
    let target = rq.url().to_string();
    let path = target.split('?').next().unwrap_or("");
    match path {
        "/__parley/live.js" => {
            return send(
                rq,
                200,
                "text/javascript; charset=utf-8",
                LIVE_JS.as_bytes().to_vec(),
                &[],
            );
        }
        "/__parley/events" => return events(shared, rq),
        _ => {}
    }
    enum Reply {
        Bytes(u16, Cow<'static, str>, Vec<u8>),
        /// A copied file, read when asked for, and only if still inside the site folder.
        File(PathBuf, Cow<'static, str>, PathBuf),
        Redirect(String),
    }
    let reply = {
        let st = shared.state.read().unwrap_or_else(|e| e.into_inner());
        match &st.site {
            None => Reply::Bytes(
                500,
                "text/html; charset=utf-8".into(),
                error_page(st.error.as_deref().unwrap_or("")),
            ),
            Some(site) => match resolve(&target, |p| site.get(p).is_some()) {
                Resolved::File(key) => {
                    let ctype = Cow::Owned(content_type(&key));
                    match site.get(&key) {
                        Some(Output::Copy(p)) => {
                            Reply::File(p.clone(), ctype, site.options().root.clone())
                        }
                        // serve renders into memory; nothing is ever written out.
                        out => match out.and_then(Output::bytes) {
                            Some(b) => Reply::Bytes(200, ctype, b.to_vec()),
                            None => not_found(site),
                        },
                    }
                }
                Resolved::Redirect(to) => Reply::Redirect(to),
                Resolved::NotFound => not_found(site),
                Resolved::BadRequest => Reply::Bytes(
                    400,
                    "text/plain; charset=utf-8".into(),
                    b"bad request\n".to_vec(),
                ),
            },
        }
    };
    fn not_found(site: &LiveSite) -> Reply {
        match site.get("404.html") {
            Some(Output::Bytes(b)) => {
                Reply::Bytes(404, "text/html; charset=utf-8".into(), b.clone())
            }
            _ => Reply::Bytes(
                404,
                "text/plain; charset=utf-8".into(),
                b"not found\n".to_vec(),
            ),
        }
    }
    match reply {
        Reply::Bytes(status, ctype, body) => send(rq, status, &ctype, body, &[]),
        Reply::File(p, ctype, root) => match crate::load::files::read_inside(&root, &p) {
            Ok(body) => send(rq, 200, &ctype, body, &[]),
            // Gone since the last build (the next rebuild drops it), or now a link out of
            // the site (the next rebuild reports it).
            Err(_) => send(
                rq,
                404,
                "text/plain; charset=utf-8",
                b"not found\n".to_vec(),
                &[],
            ),
        },
        Reply::Redirect(to) => send(
            rq,
            301,
            "text/plain; charset=utf-8",
            format!("moved to {to}\n").into_bytes(),
            &[("Location", &to)],
        ),
    }
}

/// Open an event stream: `hello` with the current build id, then the current error if any;
/// later events come from [`Shared::broadcast`].
pub(super) fn events(shared: &Shared, rq: Request) {
    // tiny_http's responses buffer their body; an event stream is written to the connection
    // as events happen, so it takes the raw writer and sends the response head itself.
    let mut w = rq.into_writer();
    // Hold the client list while reading the state, so no event falls in between.
    let mut clients = shared.clients.lock().unwrap_or_else(|e| e.into_inner());
    let (builds, error) = {
        let st = shared.state.read().unwrap_or_else(|e| e.into_inner());
        (st.builds, st.error.clone())
    };
    let mut out = String::from(
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\nretry: 1000\n\n",
    );
    out += &sse_event(
        "hello",
        &serde_json::json!({ "build": shared.build_id(builds) }),
    );
    if let Some(e) = error {
        out += &sse_event("error", &serde_json::json!({ "message": e }));
    }
    if w.write_all(out.as_bytes()).and_then(|_| w.flush()).is_ok() {
        clients.push(w);
    }
}
