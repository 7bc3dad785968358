//! The templates: the built-in theme embedded in the binary, overridden by a site's own.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use crate::diag::{ContentError, Source};
use crate::load::read_source;

/// The share image template's name among the templates (drawn by the share module).
pub const SHARE_TEMPLATE: &str = "share.svg";

/// robots.txt's template (plain text: nothing in it is escaped).
pub const ROBOTS_TEMPLATE: &str = "robots.txt";

/// A language's sitemap's template (XML: its values are escaped as XML, [`escape_xml`]).
pub const SITEMAP_TEMPLATE: &str = "sitemap.xml";

/// The template of the index of every language's sitemap, in a site of several.
pub const SITEMAP_INDEX_TEMPLATE: &str = "sitemap_index.xml";

/// Every Atom feed's template: the site's, each explainer's and each list page's.
pub const ATOM_TEMPLATE: &str = "atom.xml";

/// The built-in theme's templates, by name.
pub const BUILTIN: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("home.html", include_str!("../../templates/home.html")),
    (
        "explainer.html",
        include_str!("../../templates/explainer.html"),
    ),
    (
        "question.html",
        include_str!("../../templates/question.html"),
    ),
    ("people.html", include_str!("../../templates/people.html")),
    ("person.html", include_str!("../../templates/person.html")),
    ("author.html", include_str!("../../templates/author.html")),
    ("series.html", include_str!("../../templates/series.html")),
    ("term.html", include_str!("../../templates/term.html")),
    ("terms.html", include_str!("../../templates/terms.html")),
    (
        "partials/pagination.html",
        include_str!("../../templates/partials/pagination.html"),
    ),
    (
        "partials/pagination_links.html",
        include_str!("../../templates/partials/pagination_links.html"),
    ),
    (
        "partials/explainer_cards.html",
        include_str!("../../templates/partials/explainer_cards.html"),
    ),
    ("404.html", include_str!("../../templates/404.html")),
    ("search.html", include_str!("../../templates/search.html")),
    (SHARE_TEMPLATE, include_str!("../../templates/share.svg")),
    (
        "partials/share.html",
        include_str!("../../templates/partials/share.html"),
    ),
    (
        "partials/glance.html",
        include_str!("../../templates/partials/glance.html"),
    ),
    (
        "partials/answer.html",
        include_str!("../../templates/partials/answer.html"),
    ),
    (
        "partials/person_name.html",
        include_str!("../../templates/partials/person_name.html"),
    ),
    (
        "partials/head_meta.html",
        include_str!("../../templates/partials/head_meta.html"),
    ),
    (
        "partials/og_alternates.html",
        include_str!("../../templates/partials/og_alternates.html"),
    ),
    (
        "shortcodes/timeline.html",
        include_str!("../../templates/shortcodes/timeline.html"),
    ),
    (
        "shortcodes/positions.html",
        include_str!("../../templates/shortcodes/positions.html"),
    ),
    (
        "shortcodes/delegation.html",
        include_str!("../../templates/shortcodes/delegation.html"),
    ),
    (
        "shortcodes/person.html",
        include_str!("../../templates/shortcodes/person.html"),
    ),
    (ROBOTS_TEMPLATE, include_str!("../../templates/robots.txt")),
    (
        SITEMAP_TEMPLATE,
        include_str!("../../templates/sitemap.xml"),
    ),
    (
        SITEMAP_INDEX_TEMPLATE,
        include_str!("../../templates/sitemap_index.xml"),
    ),
    (ATOM_TEMPLATE, include_str!("../../templates/atom.xml")),
];

/// The built-in static files, by output name.
pub const STATIC: &[(&str, &[u8])] = &[
    ("style.css", include_bytes!("../../static/style.css")),
    ("site.js", include_bytes!("../../static/site.js")),
    ("search.js", include_bytes!("../../static/search.js")),
    ("favicon.svg", include_bytes!("../../static/favicon.svg")),
];

/// A loaded set of templates, with their sources for error reporting.
pub struct Theme {
    pub tera: tera::Tera,
    pub sources: BTreeMap<String, Source>,
    /// The interface words of every language (built in, and the site's `i18n/*.ftl`).
    pub strings: std::sync::Arc<crate::lang::i18n::Strings>,
    /// The language tag of the pages it renders (the site's `language`, set with the
    /// globals): the language of `t()` and `local_date`.
    pub language: String,
    /// This parley, the templates and the interface words, hashed ([`fingerprint`]).
    pub(crate) fingerprint: u128,
    /// What every page it renders is made from besides its own values, hashed: the
    /// fingerprint and the globals ([`crate::render::set_globals`]).
    pub(crate) inputs: u128,
}

impl Theme {
    /// Names of the shortcodes available (`shortcodes/<name>.html`).
    pub fn shortcodes(&self) -> HashSet<String> {
        self.sources
            .keys()
            .filter_map(|n| n.strip_prefix("shortcodes/")?.strip_suffix(".html"))
            .map(str::to_string)
            .collect()
    }

    /// A Tera error as a located error in the right template file.
    pub fn error(&self, e: &tera::Error) -> ContentError {
        tera_error(&self.sources, e)
    }

    /// Render the template `tpl` for the page at `page` (site-relative), bounded: a template
    /// that writes more than [`MAX_PAGE`] bytes, or is still writing after [`MAX_RENDER`],
    /// is stopped, and the error names it and the page. (A loop that writes nothing cannot
    /// be stopped: Tera offers no hook inside its loops.)
    pub fn render(
        &self,
        tpl: &str,
        ctx: &tera::Context,
        page: &str,
        size_hint: usize,
    ) -> Result<Vec<u8>, ContentError> {
        let mut out = Bounded {
            out: Vec::with_capacity(size_hint),
            started: std::time::Instant::now(),
            over: None,
        };
        let outer = RENDERING.replace(Rendering {
            xml: tpl.ends_with(".xml"),
            language: self.language.clone(),
        });
        let rendered = self.tera.render_to(tpl, ctx, &mut out);
        RENDERING.set(outer);
        match rendered {
            Ok(()) => Ok(out.out),
            Err(e) => Err(match out.over {
                Some(over) => {
                    let file = self.sources.get(tpl).map_or(Path::new(tpl), |s| &s.path);
                    ContentError::in_file(
                        file,
                        format!("the template `{tpl}` {over} for the page `/{page}`; stopped"),
                    )
                    .help("look for a loop in the template that runs far more often than meant")
                }
                None => self.error(&e),
            }),
        }
    }
}

/// The most a template may write for one page (a page with a 10 MB answer is well within).
pub const MAX_PAGE: usize = 64 * 1024 * 1024;

/// The longest a template may take to render one page.
pub const MAX_RENDER: std::time::Duration = std::time::Duration::from_secs(20);

/// A page's output, refusing to grow past [`MAX_PAGE`] or to go on past [`MAX_RENDER`]
/// (looked at every 64 KB of output): `over` says which bound was hit.
struct Bounded {
    out: Vec<u8>,
    started: std::time::Instant,
    over: Option<String>,
}

impl std::io::Write for Bounded {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let (before, after) = (self.out.len(), self.out.len() + buf.len());
        if after > MAX_PAGE {
            self.over = Some(format!("wrote more than {} MB", MAX_PAGE >> 20));
        } else if before >> 16 != after >> 16 && self.started.elapsed() > MAX_RENDER {
            self.over = Some(format!("took more than {} s", MAX_RENDER.as_secs()));
        }
        if self.over.is_some() {
            return Err(std::io::Error::other("the page's bound was reached"));
        }
        self.out.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn tera_error(sources: &BTreeMap<String, Source>, e: &tera::Error) -> ContentError {
    let report = match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => Some(r),
        _ => None,
    };
    match report {
        Some(r) => {
            let src = sources
                .get(r.filename())
                .cloned()
                .unwrap_or_else(|| Source::new(r.filename(), ""));
            let span = r.span();
            let msg = lower_first(r.message());
            src.error_at(
                span.range.start,
                span.range.len().max(1),
                format!("template error: {msg}"),
            )
            .help("fix the template; the Tera 2 syntax is described at keats.github.io/tera")
        }
        None => chain_error(sources, e.kind()).unwrap_or_else(|| {
            ContentError::in_file(
                Path::new("templates"),
                format!("template error: {}", lower_first(&e.to_string())),
            )
            .help("check the template names used in extends and include")
        }),
    }
}

/// Templates that extend or include each other in a circle, or extend one that does not
/// exist: located at the `extends` or `include` in the template that names the next one.
fn chain_error(sources: &BTreeMap<String, Source>, kind: &tera::ErrorKind) -> Option<ContentError> {
    // (the template to point into, the name it gives, the message, the fix)
    let (file, names, message, help) = match kind {
        tera::ErrorKind::CircularExtend {
            tpl,
            inheritance_chain,
        } => {
            let chain: Vec<&str> = std::iter::once(tpl.as_str())
                .chain(inheritance_chain.iter().map(String::as_str))
                .collect();
            (
                tpl.as_str(),
                chain.get(1).copied().unwrap_or(tpl),
                format!(
                    "templates extend each other in a circle: {}",
                    chain.join(" -> ")
                ),
                "make one of them extend a template outside the circle, e.g. base.html",
            )
        }
        tera::ErrorKind::CircularInclude { tpl, include_chain } => {
            let start = include_chain.iter().position(|t| t == tpl).unwrap_or(0);
            let circle: Vec<&str> = include_chain[start..].iter().map(String::as_str).collect();
            let n = circle.len();
            let (from, to) = match n {
                0 | 1 => (tpl.as_str(), tpl.as_str()),
                n => (circle[n - 2], circle[n - 1]),
            };
            (
                from,
                to,
                format!(
                    "templates include each other in a circle: {}",
                    circle.join(" -> ")
                ),
                "remove one of the includes in the circle",
            )
        }
        tera::ErrorKind::MissingParent { current, parent } => (
            current.as_str(),
            parent.as_str(),
            format!("the template `{current}` extends `{parent}`, which does not exist"),
            "fix the name in `extends`, or add the template under templates/",
        ),
        _ => return None,
    };
    let src = sources.get(file)?;
    let at = ["\"", "'"]
        .iter()
        .find_map(|q| src.text.find(&format!("{q}{names}{q}")))
        .map_or(0, |i| i + 1);
    Some(src.error_at(at, names.len(), message).help(help))
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Raise every heading in an HTML fragment one level (h3 -> h2 …): a question card's
/// answer sits under the page's h1, not under a question h2 as on the explainer page.
pub fn promote_headings(html: &str, _: tera::Kwargs, _: &tera::State) -> String {
    // One pass: copy up to each `<`, and lower the digit of `<hN` / `</hN>` for N in 3..=6.
    let b = html.as_bytes();
    let mut out = String::with_capacity(html.len());
    let mut copied = 0;
    for lt in memchr::memchr_iter(b'<', b) {
        let digit = match (b.get(lt + 1), b.get(lt + 2), b.get(lt + 3), b.get(lt + 4)) {
            (Some(b'h'), Some(b'3'..=b'6'), _, _) => Some(lt + 2),
            (Some(b'/'), Some(b'h'), Some(b'3'..=b'6'), Some(b'>')) => Some(lt + 3),
            _ => None,
        };
        if let Some(d) = digit {
            out.push_str(&html[copied..d]);
            out.push(char::from(b[d] - 1));
            copied = d + 1;
        }
    }
    out.push_str(&html[copied..]);
    out
}

/// Load the built-in theme, then the site's `templates/` over it.
pub fn load(root: &Path) -> Result<Theme, Vec<ContentError>> {
    let mut sources: BTreeMap<String, Source> = BUILTIN
        .iter()
        .map(|(name, text)| {
            (
                name.to_string(),
                Source::new(format!("(built-in) templates/{name}"), *text),
            )
        })
        .collect();
    let mut errors = Vec::new();
    let dir = root.join("templates");
    if dir.is_dir() {
        let skip = |rel: &Path, is_dir: bool| !is_dir && crate::load::files::is_editor_junk(rel);
        for entry in crate::load::files::walk(root, &dir, usize::MAX, &skip, &mut errors) {
            let kind = entry.file_type();
            if kind.is_dir() {
                continue;
            }
            if !kind.is_file() {
                let shown = crate::load::files::shown(root, entry.path());
                errors.push(crate::load::files::not_a_file(&shown, kind));
                continue;
            }
            let name = entry
                .path()
                .strip_prefix(&dir)
                .unwrap_or(entry.path())
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            match read_source(root, entry.path()) {
                Ok(src) => {
                    sources.insert(name, src);
                }
                Err(e) => errors.push(e),
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    // Like Jinja, drop one trailing newline so that included partials join inline text cleanly.
    let texts: Vec<(String, String)> = sources
        .iter()
        .map(|(n, s)| {
            (
                n.clone(),
                s.text.strip_suffix('\n').unwrap_or(&s.text).to_string(),
            )
        })
        .collect();
    let strings = std::sync::Arc::new(crate::lang::i18n::Strings::load(root)?);
    let mut tera = tera::Tera::new();
    tera.register_filter("promote_headings", promote_headings);
    tera.register_filter("urlencode", urlencode);
    register_words(&mut tera, &strings);
    tera.set_escape_fn(escape);
    // The share image's SVG is XML: escaped as pages are.
    tera.autoescape_on([".html", ".htm", ".xml", ".svg"]);
    // Add templates one by one first to locate syntax errors in the right file.
    for (name, src) in &sources {
        let mut probe = tera::Tera::new();
        probe.register_filter("promote_headings", promote_headings);
        probe.register_filter("urlencode", urlencode);
        register_words(&mut probe, &strings);
        if let Err(e) = probe.add_raw_template(name, &src.text)
            && matches!(e.kind(), tera::ErrorKind::SyntaxError(_))
        {
            errors.push(tera_error(&sources, &e));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    if let Err(e) = tera.add_raw_templates(texts.iter().map(|(n, t)| (n.as_str(), t.as_str()))) {
        return Err(vec![tera_error(&sources, &e)]);
    }
    let fingerprint = fingerprint(&sources, &strings);
    Ok(Theme {
        fingerprint,
        inputs: fingerprint,
        tera,
        sources,
        strings,
        language: "en".into(),
    })
}

/// The hash of what a theme renders with: this parley (its version, and its program file's
/// size and time, so that another build of parley, whose built-in templates or filters may
/// differ, renders every page again), every template and the site's interface words.
fn fingerprint(sources: &BTreeMap<String, Source>, strings: &crate::lang::i18n::Strings) -> u128 {
    let program = std::env::current_exe()
        .and_then(std::fs::metadata)
        .map(|m| (m.len(), m.modified().ok()));
    let mut h = crate::render::output::Inputs::new(0);
    h.add_str("parley", env!("CARGO_PKG_VERSION"));
    h.add_str("program", &format!("{program:?}"));
    for (name, src) in sources {
        h.add_str(name, &src.text);
    }
    for (lang, text) in strings.site_files() {
        h.add_str(lang, text);
    }
    h.finish()
}

/// `f` of the language of the page [`Theme::render`] is rendering on this thread
/// ([`Theme::language`]).
fn in_page_language<T>(f: impl FnOnce(&str) -> T) -> T {
    RENDERING.with_borrow(|r| f(&r.language))
}

/// `urlencode`: text as one component of a URL (a query value in a share link), as
/// JavaScript's `encodeURIComponent` writes it.
fn urlencode(text: &str, _: tera::Kwargs, _: &tera::State) -> String {
    const COMPONENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'_')
        .remove(b'.')
        .remove(b'!')
        .remove(b'~')
        .remove(b'*')
        .remove(b'\'')
        .remove(b'(')
        .remove(b')');
    percent_encoding::utf8_percent_encode(text, COMPONENT).to_string()
}

/// `t(key=…, count=…)`: the theme's words in the page's language ([`crate::lang::i18n`]);
/// `local_date`: a date (`{iso, display}`) as the page's language writes it.
fn register_words(tera: &mut tera::Tera, strings: &std::sync::Arc<crate::lang::i18n::Strings>) {
    let words = strings.clone();
    tera.register_function(
        "t",
        move |kwargs: tera::Kwargs, _: &tera::State| -> tera::TeraResult<String> {
            let key: &str = kwargs.must_get("key")?;
            let args = crate::lang::i18n::fluent_args(&kwargs);
            in_page_language(|lang| words.get(lang, key, &args)).ok_or_else(|| {
                tera::Error::message(format!(
                    "no interface string `{key}`: add `{key} = …` to i18n/en.ftl in the site folder"
                ))
            })
        },
    );
    let words = strings.clone();
    tera.register_filter(
        "local_date",
        move |when: &tera::Map, _: tera::Kwargs, _: &tera::State| -> String {
            let field = |k: &'static str| {
                when.get(&tera::value::Key::from(k))
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default()
            };
            in_page_language(|lang| words.date(lang, &field("iso"), &field("display")))
        },
    );
}

/// What [`Theme::render`] is rendering on this thread, for what Tera calls without the page:
/// the autoescape and the theme's words.
#[derive(Default)]
struct Rendering {
    /// The template is XML (a name ending `.xml`: the sitemaps and feeds), whose values
    /// [`escape`] writes as XML.
    xml: bool,
    /// The page's language tag, for `t()` and `local_date`.
    language: String,
}

thread_local! {
    /// The page being rendered on this thread; put back as it was after each render.
    static RENDERING: std::cell::RefCell<Rendering> = std::cell::RefCell::default();
}

/// The theme's autoescape: [`escape_xml`] in an XML template (see [`Rendering`]), else
/// [`escape_html`]. (Tera takes one plain function for every template.)
fn escape(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    match RENDERING.with_borrow(|r| r.xml) {
        true => escape_xml(input, out),
        false => escape_html(input, out),
    }
}

/// XML's escaping, as the feeds and sitemaps write values: `&<>"'` become entities (`'` is
/// `&apos;`), and the characters XML 1.0 forbids (controls other than tab and line ends,
/// U+FFFE, U+FFFF) are dropped. Written in runs between the characters it replaces.
pub fn escape_xml(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut run = 0;
    for (i, c) in input.char_indices() {
        let entity = match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '"' => "&quot;",
            '\'' => "&apos;",
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => "",
            '\u{FFFE}' | '\u{FFFF}' => "",
            _ => continue,
        };
        out.write_all(&input.as_bytes()[run..i])?;
        out.write_all(entity.as_bytes())?;
        run = i + c.len_utf8();
    }
    out.write_all(&input.as_bytes()[run..])
}

/// Tera's HTML autoescape, byte for byte (`&`, `<`, `>`, `"` and `'`), written in runs
/// between the characters it replaces (Tera's own writes each byte on its own through
/// `dyn Write`, which was the largest part of rendering a page), and looked for 16 bytes at
/// a time: pulldown-cmark's escaper, which replaces the same five the same way.
///
/// Control characters other than tab and line breaks are dropped: content with one is refused
/// where it is read (located), so this is only the backstop for values from anywhere else.
pub fn escape_html(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let input = match crate::load::files::first_control(input) {
        None => std::borrow::Cow::Borrowed(input),
        Some(_) => std::borrow::Cow::Owned(without_controls(input)),
    };
    pulldown_cmark_escape::escape_html(pulldown_cmark_escape::IoWriter(out), &input)
}

/// `text` without control characters other than tab and line breaks.
pub fn without_controls(text: &str) -> String {
    text.chars()
        .filter(|&c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'))
        .collect()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    fn escaped(f: fn(&str, &mut dyn std::io::Write) -> std::io::Result<()>, s: &str) -> Vec<u8> {
        let mut out = Vec::new();
        f(s, &mut out).expect("writing to a Vec does not fail");
        out
    }

    #[test]
    fn escape_html_replaces_the_five_characters() {
        assert_eq!(
            escaped(super::escape_html, r#"a<b>&"c"'d' Київ"#),
            b"a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39; \xd0\x9a\xd0\xb8\xd1\x97\xd0\xb2".to_vec()
        );
        assert_eq!(escaped(super::escape_html, ""), b"".to_vec());
        assert_eq!(escaped(super::escape_html, "&"), b"&amp;".to_vec());
        // The backstop: no control character but tab and line breaks reaches a page.
        assert_eq!(
            escaped(super::escape_html, "a\u{0}b\u{1b}[31m\tc\n\u{85}<"),
            b"ab[31m\tc\n&lt;".to_vec()
        );
    }

    proptest! {
        #[test]
        fn escape_html_matches_tera(s in any::<String>(), t in "[<>&\"'a ]{0,40}") {
            // Tera's escaping, but with control characters dropped (no tab, no line break).
            let visible = super::without_controls(&s);
            prop_assert_eq!(escaped(super::escape_html, &s), escaped(tera::escape_html, &visible));
            prop_assert_eq!(crate::load::files::first_control(&visible), None);
            prop_assert_eq!(escaped(super::escape_html, &t), escaped(tera::escape_html, &t));
        }
    }

    #[test]
    fn promote_headings_raises_each_level_once() {
        let ctx = tera::Context::new();
        let state = tera::State::new(&ctx);
        let kw = tera::Kwargs::default();
        let out = super::promote_headings("<h3 id=\"a\">A</h3><h4>B</h4><p>h3</p>", kw, &state);
        assert_eq!(out, "<h2 id=\"a\">A</h2><h3>B</h3><p>h3</p>");
        let kw = tera::Kwargs::default();
        let out = super::promote_headings(
            "<h2>x</h2><h6>y</h6><h7>z</h7></h5 ><header><hr>Київ<",
            kw,
            &state,
        );
        assert_eq!(out, "<h2>x</h2><h5>y</h5><h7>z</h7></h5 ><header><hr>Київ<");
    }
}
