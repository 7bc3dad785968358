//! Renders the site model through the templates into output files, in parallel.

use std::collections::HashMap;
use std::path::PathBuf;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Value};

use crate::diag::ContentError;
use crate::feeds;
use crate::meta;
use crate::model::{Explainer, Person, Site, SiteInfo, people_by_party};
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
pub fn static_files(
    root: &std::path::Path,
) -> Result<(Files, HashMap<String, String>), ContentError> {
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

/// A person as shortcodes see them: who they are, without their back-links (which grow
/// with the archive and belong to their own page).
#[derive(Serialize)]
struct PersonCard<'a> {
    id: &'a str,
    name: &'a str,
    role: &'a str,
    party: &'a str,
    aliases: &'a [String],
    native_name: Option<&'a str>,
    native_lang: Option<&'a str>,
    bio: Option<&'a str>,
    path: &'a str,
}

/// The people as shortcodes see them: id -> person card.
pub fn people_value(people: &[Person]) -> Value {
    let people_map: HashMap<&str, PersonCard> = people
        .iter()
        .map(|p| {
            let card = PersonCard {
                id: &p.id,
                name: &p.name,
                role: &p.role,
                party: &p.party,
                aliases: &p.aliases,
                native_name: p.native_name.as_deref(),
                native_lang: p.native_lang.as_deref(),
                bio: p.bio.as_deref(),
                path: &p.path,
            };
            (p.id.as_str(), card)
        })
        .collect();
    Value::from_serializable(&people_map)
}

/// Set the template globals every page reads: `site`, `assets` (original name -> URL of the
/// fingerprinted file) and `live_reload`.
pub fn set_globals(
    theme: &mut Theme,
    info: &SiteInfo,
    asset_names: &HashMap<String, String>,
    opts: &RenderOptions,
) {
    let assets: HashMap<String, String> = asset_names
        .iter()
        .map(|(k, v)| (k.clone(), format!("{}{}", info.base_path, v)))
        .collect();
    let g = theme.tera.global_context();
    g.insert("site", info);
    g.insert("assets", &assets);
    g.insert("live_reload", &opts.live_reload);
    g.insert("og_locale", &crate::meta::og_locale(&info.language));
}

/// Renders single pages. The theme's globals must have been set with [`set_globals`].
pub struct Pages<'a> {
    pub theme: &'a Theme,
    pub info: &'a SiteInfo,
    /// The people for shortcodes, from [`people_value`].
    pub people: &'a Value,
}

impl Pages<'_> {
    fn abs(&self, path: &str) -> String {
        format!("{}{}", self.info.base_url, path)
    }

    fn page(
        &self,
        tpl: &str,
        meta: PageMeta,
        extra: &[(&'static str, Value)],
    ) -> Result<Output, ContentError> {
        let mut ctx = Context::new();
        ctx.insert("page", &meta);
        for (k, v) in extra {
            ctx.insert_value(*k, v.clone());
        }
        self.theme
            .tera
            .render(tpl, &ctx)
            .map(|s| Output::Bytes(s.into_bytes()))
            .map_err(|e| self.theme.error(&e))
    }

    /// Render an explainer's shortcodes into its HTML.
    pub fn finish(&self, e: &Explainer) -> Result<Explainer, ContentError> {
        let theme = self.theme;
        if e.calls.is_empty() {
            return Ok(e.clone());
        }
        let ev = Value::from_serializable(e);
        let mut rendered = Vec::with_capacity(e.calls.len());
        for c in &e.calls {
            let mut ctx = Context::new();
            ctx.insert_value("explainer", ev.clone());
            ctx.insert_value("people", self.people.clone());
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

    /// An explainer's own files: its page, its question cards and its co-located assets.
    /// `e` is finished (see [`Pages::finish`]) and `ev` is its template value.
    pub fn explainer_files(&self, e: &Explainer, ev: &Value) -> Result<Files, ContentError> {
        let info = self.info;
        let mut out: Files = Vec::with_capacity(e.questions.len() + 2);
        let desc = if e.summary.is_empty() {
            &info.description
        } else {
            &e.summary
        };
        out.push((
            format!("{}index.html", e.path),
            self.page(
                "explainer.html",
                PageMeta {
                    kind: "explainer",
                    title: &e.title,
                    description: desc,
                    path: &e.path,
                    permalink: self.abs(&e.path),
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
                    self.page(
                        "question.html",
                        PageMeta {
                            kind: "question",
                            title: &title,
                            description: desc,
                            path: &q.path,
                            permalink: self.abs(&q.path),
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
    }

    /// A person's page.
    pub fn person(&self, p: &Person) -> Result<(String, Output), ContentError> {
        let desc = if p.role.is_empty() {
            p.name.clone()
        } else {
            format!("{}: {}", p.name, p.role)
        };
        Ok((
            format!("{}index.html", p.path),
            self.page(
                "person.html",
                PageMeta {
                    kind: "person",
                    title: &p.name,
                    description: &desc,
                    path: &p.path,
                    permalink: self.abs(&p.path),
                },
                &[("person", Value::from_serializable(p))],
            )?,
        ))
    }

    /// The home page: every explainer (their template values, newest first).
    pub fn home(&self, values: &[Value]) -> Result<(String, Output), ContentError> {
        let info = self.info;
        self.page(
            "home.html",
            PageMeta {
                kind: "home",
                title: &info.title,
                description: &info.description,
                path: "",
                permalink: self.abs(""),
            },
            &[("explainers", Value::from_serializable(values))],
        )
        .map(|o| ("index.html".to_string(), o))
    }

    /// Who's who: everyone, grouped by party.
    pub fn people_index(&self, people: &[Person]) -> Result<(String, Output), ContentError> {
        let info = self.info;
        let groups: Vec<serde_json::Value> = people_by_party(people)
            .into_iter()
            .map(|(party, ps)| serde_json::json!({ "party": party, "people": ps }))
            .collect();
        self.page(
            "people.html",
            PageMeta {
                kind: "people",
                title: "Who’s who",
                description: &format!("The people in {}", info.title),
                path: "people/",
                permalink: self.abs("people/"),
            },
            &[("groups", Value::from_serializable(&groups))],
        )
        .map(|o| ("people/index.html".to_string(), o))
    }

    /// The 404 page.
    pub fn not_found(&self) -> Result<(String, Output), ContentError> {
        let info = self.info;
        self.page(
            "404.html",
            PageMeta {
                kind: "404",
                title: "Page not found",
                description: &info.description,
                path: "404.html",
                permalink: self.abs("404.html"),
            },
            &[],
        )
        .map(|o| ("404.html".to_string(), o))
    }
}

/// Every file of the site, grouped by what it depends on (see [`render`] for the flat list).
pub struct Rendered {
    /// The theme's and the site's static files.
    pub static_files: Files,
    /// Original static file name -> output name (fingerprinted for CSS and JS).
    pub asset_names: HashMap<String, String>,
    /// The people as shortcodes saw them ([`people_value`]).
    pub people_value: Value,
    /// The explainers with their shortcodes rendered, newest first.
    pub explainers: Vec<Explainer>,
    /// Their template values, in the same order.
    pub values: Vec<Value>,
    /// Their files (page, cards, assets), in the same order.
    pub explainer_files: Vec<Files>,
    /// People's pages, in people.yaml order.
    pub people_files: Files,
    /// Home, who's who and 404.
    pub singles: Files,
    /// Feeds, sitemap, robots.txt and _headers.
    pub feeds: Files,
}

impl Rendered {
    /// The flat, sorted list of files.
    pub fn into_files(self) -> Files {
        let mut files = self.static_files;
        for mut f in self.explainer_files {
            files.append(&mut f);
        }
        files.extend(self.people_files);
        files.extend(self.singles);
        files.extend(self.feeds);
        // Deterministic order for writing and reporting.
        files.sort_by(|a, b| a.0.cmp(&b.0));
        files
    }
}

/// Render every page and collect every file of the site, grouped.
pub fn render_parts(
    site: &Site,
    theme: &mut Theme,
    root: &std::path::Path,
    opts: &RenderOptions,
) -> Result<Rendered, Vec<ContentError>> {
    let (static_files, asset_names) = static_files(root).map_err(|e| vec![e])?;
    set_globals(theme, &site.info, &asset_names, opts);
    let people_value = people_value(&site.people);
    let pages = Pages {
        theme: &*theme,
        info: &site.info,
        people: &people_value,
    };

    // Explainers with shortcodes filled, in parallel.
    let finished: Vec<Result<Explainer, ContentError>> = site
        .explainers
        .par_iter()
        .map(|e| pages.finish(e))
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

    // Per-explainer pages, cards and assets.
    let per: Vec<Result<Files, ContentError>> = explainers
        .par_iter()
        .zip(values.par_iter())
        .map(|(e, ev)| pages.explainer_files(e, ev))
        .collect();
    let mut explainer_files = Vec::with_capacity(per.len());
    for r in per {
        match r {
            Ok(f) => explainer_files.push(f),
            Err(e) => errors.push(e),
        }
    }

    // People pages.
    let people: Vec<Result<(String, Output), ContentError>> =
        site.people.par_iter().map(|p| pages.person(p)).collect();
    let mut people_files = Vec::with_capacity(people.len());
    for r in people {
        match r {
            Ok(f) => people_files.push(f),
            Err(e) => errors.push(e),
        }
    }

    let mut singles = Vec::with_capacity(3);
    for r in [
        pages.home(&values),
        pages.people_index(&site.people),
        pages.not_found(),
    ] {
        match r {
            Ok(f) => singles.push(f),
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let feeds = feeds::files(site, &explainers);
    Ok(Rendered {
        static_files,
        asset_names,
        people_value,
        explainers,
        values,
        explainer_files,
        people_files,
        singles,
        feeds,
    })
}

/// Render every page and collect every file of the site.
pub fn render(
    site: &Site,
    theme: &mut Theme,
    root: &std::path::Path,
    opts: &RenderOptions,
) -> Result<Files, Vec<ContentError>> {
    render_parts(site, theme, root, opts).map(Rendered::into_files)
}
