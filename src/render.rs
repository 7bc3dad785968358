//! Renders the site model through the templates into output files, in parallel.

use std::collections::HashMap;
use std::path::PathBuf;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Value};

use crate::diag::ContentError;
use crate::feeds;
use crate::meta;
use crate::model::{Explainer, Site, people_by_party};
use crate::shortcode::{self, MARK};
use crate::theme::{STATIC, Theme};

/// One file of the built site.
pub enum Output {
    Bytes(Vec<u8>),
    Copy(PathBuf),
}

/// The files to write: site-relative path -> contents.
pub type Files = Vec<(String, Output)>;

/// Options that change how pages are rendered.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// Inject the live-reload script (serve mode).
    pub live_reload: bool,
}

/// Page metadata every template gets as `page`.
#[derive(Serialize)]
struct PageMeta<'a> {
    kind: &'a str,
    title: &'a str,
    description: &'a str,
    /// Site-relative path, e.g. `istanbul-talks-2025/`.
    path: &'a str,
    /// Absolute URL.
    permalink: String,
}

/// Fingerprint name for an asset: `style.css` -> `style.1a2b3c4d.css`.
pub fn fingerprint(name: &str, bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    let hash = Sha256::digest(bytes);
    let hex: String = hash.iter().take(5).map(|b| format!("{b:02x}")).collect();
    match name.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}.{hex}.{ext}"),
        None => format!("{name}.{hex}"),
    }
}

/// The static files (built-in theme's, then the site's own over them), with
/// fingerprinted names for CSS and JS. Returns (files, original name -> output name).
fn static_files(root: &std::path::Path) -> Result<(Files, HashMap<String, String>), ContentError> {
    let mut by_name: std::collections::BTreeMap<String, Output> = STATIC
        .iter()
        .map(|(n, b)| (n.to_string(), Output::Bytes(b.to_vec())))
        .collect();
    let dir = root.join("static");
    if dir.is_dir() {
        for entry in walkdir::WalkDir::new(&dir)
            .follow_links(true)
            .sort_by_file_name()
        {
            let entry = entry.map_err(|e| {
                ContentError::in_file(&dir, format!("cannot read static files: {e}"))
            })?;
            if entry.file_type().is_file() && !crate::load::is_editor_junk(entry.path()) {
                let rel = entry.path().strip_prefix(&dir).unwrap_or(entry.path());
                let name = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                by_name.insert(name, Output::Copy(entry.into_path()));
            }
        }
    }
    let mut files = Vec::new();
    let mut names = HashMap::new();
    for (name, out) in by_name {
        let fingerprinted = name.ends_with(".css") || name.ends_with(".js");
        if fingerprinted {
            let bytes = match out {
                Output::Bytes(b) => b,
                Output::Copy(p) => std::fs::read(&p)
                    .map_err(|e| ContentError::in_file(&p, format!("cannot read: {e}")))?,
            };
            let fp = fingerprint(&name, &bytes);
            names.insert(name, fp.clone());
            files.push((fp, Output::Bytes(bytes)));
        } else {
            names.insert(name.clone(), name.clone());
            files.push((name, out));
        }
    }
    Ok((files, names))
}

/// Fill shortcode placeholders in `html` with their rendered output.
fn fill(html: &str, rendered: &[String]) -> String {
    if !html.contains(MARK) {
        return html.to_string();
    }
    let mut out = html.to_string();
    for (i, r) in rendered.iter().enumerate() {
        let ph = shortcode::placeholder(i);
        if !out.contains(&ph) {
            continue;
        }
        // A shortcode alone in its paragraph replaces the paragraph.
        out = out.replace(&format!("<p>{ph}</p>"), r.trim_end());
        out = out.replace(&ph, r.trim_end());
    }
    out
}

/// Render shortcodes and finish an explainer's HTML.
fn finish(e: &Explainer, theme: &Theme, people: &Value) -> Result<Explainer, ContentError> {
    if e.calls.is_empty() {
        return Ok(e.clone());
    }
    let ev = Value::from_serializable(e);
    let mut rendered = Vec::with_capacity(e.calls.len());
    for c in &e.calls {
        let mut ctx = Context::new();
        ctx.insert_value("explainer", ev.clone());
        ctx.insert_value("people", people.clone());
        for (k, v) in &c.args {
            ctx.insert(k.clone(), v);
        }
        let name = format!("shortcodes/{}.html", c.name);
        let html = theme.tera.render(&name, &ctx).map_err(|err| {
            let inner = theme.error(&err);
            e.source
                .error_at(
                    e.body_offset + c.offset,
                    c.len,
                    format!(
                        "shortcode `{}` failed: {}: {}",
                        c.name, inner.location, inner.message
                    ),
                )
                .help(format!(
                    "check the shortcode's arguments against templates/shortcodes/{}.html",
                    c.name
                ))
        })?;
        rendered.push(html);
    }
    let mut done = e.clone();
    done.lead_html = fill(&e.lead_html, &rendered);
    for q in &mut done.questions {
        q.html = fill(&q.html, &rendered);
    }
    Ok(done)
}

/// Render every page and collect every file of the site.
pub fn render(
    site: &Site,
    theme: &mut Theme,
    root: &std::path::Path,
    opts: &RenderOptions,
) -> Result<Files, Vec<ContentError>> {
    let (mut files, asset_names) = static_files(root).map_err(|e| vec![e])?;
    let assets: HashMap<String, String> = asset_names
        .iter()
        .map(|(k, v)| (k.clone(), format!("{}{}", site.info.base_path, v)))
        .collect();
    let people_map: HashMap<&str, &crate::model::Person> =
        site.people.iter().map(|p| (p.id.as_str(), p)).collect();
    let people_value = Value::from_serializable(&people_map);
    {
        let g = theme.tera.global_context();
        g.insert("site", &site.info);
        g.insert("assets", &assets);
        g.insert("live_reload", &opts.live_reload);
    }
    let theme = &*theme;
    let info = &site.info;
    let abs = |path: &str| format!("{}{}", info.base_url, path);

    // Explainers with shortcodes filled, in parallel.
    let finished: Vec<Result<Explainer, ContentError>> = site
        .explainers
        .par_iter()
        .map(|e| finish(e, theme, &people_value))
        .collect();
    let mut errors = Vec::new();
    let explainers: Vec<Explainer> = finished
        .into_iter()
        .filter_map(|r| r.map_err(|e| errors.push(e)).ok())
        .collect();
    if !errors.is_empty() {
        return Err(errors);
    }
    let values: Vec<Value> = explainers
        .par_iter()
        .map(Value::from_serializable)
        .collect();

    let page = |tpl: &str,
                meta: PageMeta,
                extra: &[(&'static str, Value)]|
     -> Result<Output, ContentError> {
        let mut ctx = Context::new();
        ctx.insert("page", &meta);
        for (k, v) in extra {
            ctx.insert_value(*k, v.clone());
        }
        theme
            .tera
            .render(tpl, &ctx)
            .map(|s| Output::Bytes(s.into_bytes()))
            .map_err(|e| theme.error(&e))
    };

    // Per-explainer pages, cards and assets.
    let per: Vec<Result<Files, ContentError>> = explainers
        .par_iter()
        .zip(values.par_iter())
        .map(|(e, ev)| {
            let mut out: Files = Vec::with_capacity(e.questions.len() + 2);
            let desc = if e.summary.is_empty() {
                &info.description
            } else {
                &e.summary
            };
            out.push((
                format!("{}index.html", e.path),
                page(
                    "explainer.html",
                    PageMeta {
                        kind: "explainer",
                        title: &e.title,
                        description: desc,
                        path: &e.path,
                        permalink: abs(&e.path),
                    },
                    &[
                        ("explainer", ev.clone()),
                        (
                            "jsonld",
                            Value::normal_string(&meta::explainer_jsonld(info, e, None)),
                        ),
                    ],
                )?,
            ));
            if info.question_pages {
                let qs = ev
                    .get_from_path("questions")
                    .and_then(Value::as_array)
                    .unwrap_or(&[]);
                for (i, q) in e.questions.iter().enumerate() {
                    let qv = qs[i].clone();
                    let prev = if i > 0 {
                        qs[i - 1].clone()
                    } else {
                        Value::none()
                    };
                    let next = qs.get(i + 1).cloned().unwrap_or_else(Value::none);
                    let title = format!("{} – {}", q.title, e.title);
                    out.push((
                        format!("{}index.html", q.path),
                        page(
                            "question.html",
                            PageMeta {
                                kind: "question",
                                title: &title,
                                description: desc,
                                path: &q.path,
                                permalink: abs(&q.path),
                            },
                            &[
                                ("explainer", ev.clone()),
                                ("question", qv),
                                ("prev", prev),
                                ("next", next),
                                (
                                    "jsonld",
                                    Value::normal_string(&meta::explainer_jsonld(info, e, Some(q))),
                                ),
                            ],
                        )?,
                    ));
                }
            }
            for a in &e.assets {
                let rel = a
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                out.push((format!("{}{}", e.path, rel), Output::Copy(e.dir.join(a))));
            }
            Ok(out)
        })
        .collect();
    for r in per {
        match r {
            Ok(mut f) => files.append(&mut f),
            Err(e) => errors.push(e),
        }
    }

    // People pages.
    let people: Vec<Result<(String, Output), ContentError>> = site
        .people
        .par_iter()
        .map(|p| {
            let desc = if p.role.is_empty() {
                p.name.clone()
            } else {
                format!("{}: {}", p.name, p.role)
            };
            Ok((
                format!("{}index.html", p.path),
                page(
                    "person.html",
                    PageMeta {
                        kind: "person",
                        title: &p.name,
                        description: &desc,
                        path: &p.path,
                        permalink: abs(&p.path),
                    },
                    &[("person", Value::from_serializable(p))],
                )?,
            ))
        })
        .collect();
    for r in people {
        match r {
            Ok(f) => files.push(f),
            Err(e) => errors.push(e),
        }
    }

    let list = Value::from_serializable(&values);
    let groups: Vec<serde_json::Value> = people_by_party(&site.people)
        .into_iter()
        .map(|(party, ps)| serde_json::json!({ "party": party, "people": ps }))
        .collect();
    let singles: Vec<Result<(String, Output), ContentError>> = vec![
        page(
            "home.html",
            PageMeta {
                kind: "home",
                title: &info.title,
                description: &info.description,
                path: "",
                permalink: abs(""),
            },
            &[("explainers", list)],
        )
        .map(|o| ("index.html".to_string(), o)),
        page(
            "people.html",
            PageMeta {
                kind: "people",
                title: "Who’s who",
                description: &format!("The people in {}", info.title),
                path: "people/",
                permalink: abs("people/"),
            },
            &[("groups", Value::from_serializable(&groups))],
        )
        .map(|o| ("people/index.html".to_string(), o)),
        page(
            "404.html",
            PageMeta {
                kind: "404",
                title: "Page not found",
                description: &info.description,
                path: "404.html",
                permalink: abs("404.html"),
            },
            &[],
        )
        .map(|o| ("404.html".to_string(), o)),
    ];
    for r in singles {
        match r {
            Ok(f) => files.push(f),
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    files.extend(feeds::files(site, &explainers));
    // Deterministic order for writing and reporting.
    files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(files)
}
