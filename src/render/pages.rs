//! Single pages through the templates: an explainer's page, question cards and co-located
//! files ([`Pages::explainer_output`]), people's and authors' pages, who's who and the 404 page.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use tera::{Context, Value};

use super::output::Inputs;
use super::theme::Theme;
use super::values::{Listed, PeopleValues, full_value};
use super::{Files, Output, Sink, feeds, meta};
use crate::diag::ContentError;
use crate::markdown::shortcode::{self, MARK};
use crate::model::newsroom::Author;
use crate::model::{Answers, Explainer, Person, SiteInfo, people_by_party};
use crate::photos::html::Picture;

/// Page metadata every template gets as `page`.
#[derive(Serialize)]
pub(crate) struct PageMeta<'a> {
    pub(crate) kind: &'a str,
    pub(crate) title: &'a str,
    pub(crate) description: &'a str,
    /// Site-relative path, e.g. `istanbul-talks-2025/`.
    pub(crate) path: &'a str,
    /// Absolute URL.
    pub(crate) permalink: String,
}

/// Fill shortcode placeholders in `html` with their rendered output.
fn fill(html: &str, rendered: &[String]) -> String {
    if !html.contains(MARK) {
        return html.to_string();
    }
    let extra: usize = rendered.iter().map(String::len).sum();
    let mut out = String::with_capacity(html.len() + extra);
    let mut rest = html;
    while let Some(at) = rest.find(MARK) {
        let (before, from) = rest.split_at(at);
        match shortcode::placeholder_at(from) {
            Some((i, len)) if i < rendered.len() => {
                let r = rendered[i].trim_end();
                let after = &from[len..];
                // A shortcode alone in its paragraph replaces the paragraph.
                match (before.strip_suffix("<p>"), after.strip_prefix("</p>")) {
                    (Some(b), Some(a)) => {
                        out.push_str(b);
                        out.push_str(r);
                        rest = a;
                    }
                    _ => {
                        out.push_str(before);
                        out.push_str(r);
                        rest = after;
                    }
                }
            }
            _ => {
                let end = at + MARK.len_utf8();
                out.push_str(&rest[..end]);
                rest = &rest[end..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The hash of a page's `extra` values: `shared`, the name and hash of one made once for
/// several pages ([`value_hash`]), then each of `extra`.
pub(crate) fn extra_hash(shared: Option<(&str, u128)>, extra: &[(&'static str, Value)]) -> u128 {
    let mut h = Inputs::new(0);
    if let Some((k, hash)) = shared {
        h.add_hash(k, hash);
    }
    for (k, v) in extra {
        h.add_value(k, v);
    }
    h.finish()
}

/// An explainer page's values: `explainer` (`ev`) and the `rest`.
fn with_explainer<const N: usize>(
    ev: &Value,
    rest: [(&'static str, Value); N],
) -> Vec<(&'static str, Value)> {
    std::iter::once(("explainer", ev.clone()))
        .chain(rest)
        .collect()
}

/// An explainer's answers as its pages show them (shortcodes rendered, photos in place) and
/// its template value ([`full_value`]).
pub struct Shown<'e> {
    pub answers: Answers<'e>,
    pub ev: Value,
}

/// Where an explainer's pages get its [`Shown`]: made when the first page rendered asks for
/// it, so that an explainer whose pages are all kept as they were renders no shortcode.
pub type Show<'s, 'e> = &'s dyn Fn() -> Result<&'s Shown<'e>, ContentError>;

/// Where an explainer's pages get its JSON-LD: made when the first page rendered asks.
type Ld<'l> = &'l dyn Fn() -> &'l meta::JsonLd<'l>;

/// `cell`'s value, made by `make` the first time.
fn once<T>(
    cell: &OnceCell<T>,
    make: impl FnOnce() -> Result<T, ContentError>,
) -> Result<&T, ContentError> {
    if let Some(v) = cell.get() {
        return Ok(v);
    }
    let v = make()?;
    Ok(cell.get_or_init(|| v))
}

/// Renders single pages. The theme's globals must have been set with [`set_globals`](super::set_globals).
pub struct Pages<'a> {
    pub theme: &'a Theme,
    pub info: &'a SiteInfo,
    /// The people's values: for shortcodes, and shared by the explainers' talks.
    pub people: &'a PeopleValues,
    /// Minify every page (`build --minify`).
    pub minify: bool,
    /// How share images are drawn.
    pub share: &'a crate::share::Drawing,
    /// How photos are encoded.
    pub photos: &'a crate::photos::Photos,
    /// Where the pages go: asked whether a page need be rendered again ([`Sink::unchanged`]).
    pub sink: &'a dyn Sink,
}

impl Pages<'_> {
    pub(crate) fn abs(&self, path: &str) -> String {
        format!("{}{}", self.info.base_url, path)
    }

    /// The theme's word `key` in the site's language ([`crate::lang::i18n`]), with `args`.
    pub(crate) fn word(&self, key: &str, args: &[(&str, &str)]) -> String {
        let mut a = fluent_bundle::FluentArgs::new();
        for (k, v) in args {
            a.set(*k, v.to_string());
        }
        self.theme
            .strings
            .get(&self.info.language, key, &a)
            .unwrap_or_else(|| key.to_string())
    }

    /// An explainer's page's (or card's) canonical URL: the original's for an explainer
    /// shown untranslated in another language's folder.
    fn canonical(&self, e: &Explainer, path: &str) -> String {
        match &e.fallback {
            Some(o) => format!("{}{}{path}", self.info.root_url, o.folder),
            None => self.abs(path),
        }
    }

    /// Render the page template `tpl` into the file `file` (site-relative) with `page`
    /// (`meta`), its alternates and `extra`.
    pub(crate) fn page(
        &self,
        tpl: &str,
        file: String,
        meta: PageMeta,
        extra: &[(&'static str, Value)],
    ) -> Result<(String, Output), ContentError> {
        let hash = self.sink.remembers().then(|| extra_hash(None, extra));
        self.page_hashed(tpl, file, meta, hash, || Ok(extra.to_vec()))
    }

    /// [`Pages::page`], given the hash of what `extra` makes ([`extra_hash`], for a sink
    /// that remembers), which makes it only if the page is rendered.
    ///
    /// For a sink that remembers ([`Sink::remembers`]: a build), the page's inputs are
    /// hashed: the theme's, the template's name, `page`, the alternates and `extra`'s. A page
    /// whose inputs are those of the page the previous build left in place is not rendered
    /// again.
    pub(crate) fn page_hashed(
        &self,
        tpl: &str,
        file: String,
        meta: PageMeta,
        extra_hash: Option<u128>,
        extra: impl FnOnce() -> Result<Vec<(&'static str, Value)>, ContentError>,
    ) -> Result<(String, Output), ContentError> {
        let mut ctx = Context::new();
        let mut base = vec![("page", Value::from_serializable(&meta))];
        // This page in the site's other languages (none in a one-language site).
        match (&self.info.alternates, &self.info.lang) {
            (Some(table), Some(lang)) => {
                let alternates = table.of(lang.index, meta.path);
                base.push(("alternates", Value::from_serializable(&alternates)));
                let x_default = table.x_default(lang.index, meta.path);
                base.push(("x_default", Value::from_serializable(&x_default)));
            }
            _ => {
                base.push(("alternates", Value::from(Vec::<Value>::new())));
                base.push(("x_default", Value::none()));
            }
        }
        let inputs = extra_hash.map(|hash| {
            let mut h = Inputs::new(self.theme.inputs);
            h.add_str("template", tpl);
            h.add_hash("extra", hash);
            for (k, v) in &base {
                h.add_value(k, v);
            }
            h.finish()
        });
        if let Some(i) = inputs
            && self.sink.unchanged(&file, i)
        {
            return Ok((file, Output::Unchanged(i)));
        }
        for (k, v) in base.into_iter().chain(extra()?) {
            ctx.insert_value(k, v);
        }
        // Straight into bytes (no UTF-8 re-check of a String), sized for a typical page.
        let mut html = self.theme.render(tpl, &ctx, meta.path, 32 * 1024)?;
        if self.minify {
            html = crate::render::minify::html(&html);
        }
        Ok((
            file,
            match inputs {
                Some(i) => Output::Page(html, i),
                None => Output::Bytes(html),
            },
        ))
    }

    /// Render an explainer's shortcodes into its answers (borrowed as they are when it has
    /// none).
    /// Shortcodes see the explainer as lists do (`listing`, from [`listing`]): everything but
    /// the answers, which they are part of.
    pub fn finish<'e>(
        &self,
        e: &'e Explainer,
        listing: &Value,
    ) -> Result<Answers<'e>, ContentError> {
        let theme = self.theme;
        if e.calls.is_empty() {
            return Ok(e.answers());
        }
        let mut rendered = Vec::with_capacity(e.calls.len());
        for c in &e.calls {
            let mut ctx = Context::new();
            ctx.insert_value("explainer", listing.clone());
            ctx.insert_value("people", self.people.cards.clone());
            for (k, v) in &c.args {
                ctx.insert(k.clone(), v);
            }
            let name = format!("shortcodes/{}.html", c.name);
            let html = theme.render(&name, &ctx, &e.path, 1024).map_err(|inner| {
                e.source()
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
            // Tera writes only text, so this is UTF-8.
            rendered.push(
                String::from_utf8(html)
                    .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
            );
        }
        Ok(Answers {
            lead: Cow::Owned(fill(&e.lead_html, &rendered)),
            questions: e
                .questions
                .iter()
                .map(|q| Cow::Owned(fill(&q.html, &rendered)))
                .collect(),
        })
    }

    /// Everything one explainer makes, in one go: its files (page, question cards, its own
    /// feed, co-located assets) and its [`listing`] for the home page, plus the explainer with
    /// its shortcodes rendered when `keep` asks for it.
    pub fn explainer_output(
        &self,
        e: &Explainer,
        keep: bool,
    ) -> Result<(Option<Explainer>, Value, Files), ContentError> {
        // Shortcodes never change what a listing holds (titles, dates, data), only answers.
        let listed = Listed::new(e, self.sink.remembers());
        let (done, files) = self.explainer_listed(e, &listed, keep)?;
        Ok((done, listed.into_value(), files))
    }

    /// [`Pages::explainer_output`] for an explainer whose listing is `listed` (made when a
    /// page needs it; with its hash, for a sink that remembers).
    pub(super) fn explainer_listed(
        &self,
        e: &Explainer,
        listed: &Listed,
        keep: bool,
    ) -> Result<(Option<Explainer>, Files), ContentError> {
        let crate::photos::Planned { lead, body, files } = self.photos.plan(self.info, e)?;
        // Its value is hashed from what its answers are made of, so that pages kept as they
        // were need neither its shortcodes nor its photos' HTML.
        let ev_hash = listed.hash.map(|lh| self.answers_inputs(e, lh, &body));
        let cell = OnceCell::new();
        let show = || once(&cell, || self.show(e, listed.value(), &body));
        let mut out = self.explainer_files(e, &show, ev_hash, lead.as_ref())?;
        out.extend(self.colocated_files(e, &body, files));
        // Its feed shows its updates, which shortcodes are not part of.
        out.push(feeds::explainer_feed(self.theme, self.sink, self.info, e)?);
        let done = if keep {
            show()?;
            cell.into_inner()
        } else {
            None
        };
        Ok((done.map(|s| e.with_answers(s.answers)), out))
    }

    /// `e`'s answers as its pages show them: its shortcodes rendered ([`Pages::finish`]) and
    /// its photos (`body`) in place; with its template value.
    fn show<'e>(
        &self,
        e: &'e Explainer,
        listing: &Value,
        body: &HashMap<String, Picture>,
    ) -> Result<Shown<'e>, ContentError> {
        let mut answers = self.finish(e, listing)?;
        for html in std::iter::once(&mut answers.lead).chain(answers.questions.iter_mut()) {
            if let Some(done) = crate::photos::html::rewrite(html, body) {
                *html = Cow::Owned(done);
            }
        }
        let ev = full_value(listing, &answers);
        Ok(Shown { answers, ev })
    }

    /// The hash of what [`Pages::show`] makes `e`'s answers and value from: its listing
    /// (`listing_hash`), its answers as modelled, its shortcode calls and the people cards
    /// they see, and its photos.
    fn answers_inputs(
        &self,
        e: &Explainer,
        listing_hash: u128,
        body: &HashMap<String, Picture>,
    ) -> u128 {
        let mut h = Inputs::new(listing_hash);
        h.add_str("lead_html", &e.lead_html);
        for q in &e.questions {
            h.add_str("html", &q.html);
        }
        if !e.calls.is_empty() {
            h.add_hash("people", self.people.cards_hash);
            for c in &e.calls {
                h.add_str("shortcode", &c.name);
                h.add_serialized("args", &c.args);
            }
        }
        let body: BTreeMap<&String, &Picture> = body.iter().collect();
        h.add_serialized("photos", &body);
        h.finish()
    }

    /// An explainer's page and its question cards, with their share images. `show` gives
    /// its answers as shown and its value, `ev_hash` that value's hash (for a sink that
    /// remembers: see [`Pages::answers_inputs`]), `lead` its lead photo.
    pub fn explainer_files(
        &self,
        e: &Explainer,
        show: Show<'_, '_>,
        ev_hash: Option<u128>,
        lead: Option<&Picture>,
    ) -> Result<Files, ContentError> {
        let words = |key: &str, args: &[(&str, &str)]| self.word(key, args);
        let ld_cell = OnceCell::new();
        let ld = || {
            ld_cell.get_or_init(|| {
                let mut ld = meta::JsonLd::new(self.info, e, &words);
                ld.image_url = lead.map(|p| p.url.clone());
                ld
            })
        };
        let lead_photo = Value::from_serializable(&lead);
        let mut out: Files = Vec::with_capacity(2 * e.questions.len() + 2);
        let (page_share, question_shares) = self.share_images(e, &mut out)?;
        let shared = (show, &ld as Ld, ev_hash);
        out.push(self.explainer_page(e, shared, page_share, &lead_photo)?);
        if self.info.question_pages {
            out.extend(self.question_pages(e, shared, &question_shares, &lead_photo)?);
        }
        Ok(out)
    }

    /// The share images (none when site.yaml turns them off) of `e`'s page and, with
    /// question pages, of each question's card; their files into `out`.
    fn share_images(
        &self,
        e: &Explainer,
        out: &mut Files,
    ) -> Result<(Value, Vec<Value>), ContentError> {
        let info = self.info;
        let lead = self.share.lead(e)?;
        // The page's share image (none when site.yaml turns them off), its file into `out`.
        let mut share = |q: Option<&crate::model::Question>| -> Result<Value, ContentError> {
            if !info.share_images {
                return Ok(Value::none());
            }
            let planned = self.share.plan(self.theme, info, e, q, &lead)?;
            out.extend(planned.file);
            Ok(Value::from_serializable(&planned.value))
        };
        let page_share = share(None)?;
        let question_shares = if info.question_pages {
            e.questions
                .iter()
                .map(|q| share(Some(q)))
                .collect::<Result<Vec<_>, _>>()?
        } else {
            Vec::new()
        };
        Ok((page_share, question_shares))
    }

    /// What an explainer's pages say they are about: its summary, else the site's
    /// description.
    fn description<'s>(&'s self, e: &'s Explainer) -> &'s str {
        if e.summary.is_empty() {
            &self.info.description
        } else {
            &e.summary
        }
    }

    /// An explainer's page. `show` and `ld` give its answers, value and JSON-LD, `ev_hash`
    /// the value's hash (for a sink that remembers), `share_image` its share image's value.
    fn explainer_page(
        &self,
        e: &Explainer,
        (show, ld, ev_hash): (Show, Ld, Option<u128>),
        share_image: Value,
        lead_photo: &Value,
    ) -> Result<(String, Output), ContentError> {
        let rest = [
            ("share_image", share_image),
            ("lead_photo", lead_photo.clone()),
            // The people its answers mention who are not at the table (search filter).
            (
                "mentioned",
                Value::from_serializable(&self.people.mentioned(e)),
            ),
        ];
        // The JSON-LD is made from the explainer, its answers and the site: hashed as theirs.
        self.page_hashed(
            "explainer.html",
            format!("{}index.html", e.path),
            PageMeta {
                kind: "explainer",
                title: &e.title,
                description: self.description(e),
                path: &e.path,
                permalink: self.canonical(e, &e.path),
            },
            ev_hash.map(|h| extra_hash(Some(("explainer", h)), &rest)),
            || {
                let shown = show()?;
                let jsonld = Value::normal_string(&ld().page(None, &shown.answers));
                let mut values = with_explainer(&shown.ev, rest);
                values.push(("jsonld", jsonld));
                Ok(values)
            },
        )
    }

    /// The card page of each of an explainer's questions, in order, each with the previous
    /// and next one. `show`, `ld` and `ev_hash` as for [`Pages::explainer_page`]; `shares`:
    /// their share images' values, in the same order.
    fn question_pages(
        &self,
        e: &Explainer,
        (show, ld, ev_hash): (Show, Ld, Option<u128>),
        shares: &[Value],
        lead_photo: &Value,
    ) -> Result<Files, ContentError> {
        let desc = self.description(e);
        let mut out: Files = Vec::with_capacity(e.questions.len());
        for (i, q) in e.questions.iter().enumerate() {
            let title = format!("{} – {}", q.title, e.title);
            let rest = [
                ("share_image", shares[i].clone()),
                ("lead_photo", lead_photo.clone()),
            ];
            // The question, the one before and the one after are the explainer's value's
            // `questions` at i - 1, i and i + 1: hashed as the explainer's hash and i.
            let hash = ev_hash.map(|h| {
                let mut with_i = Inputs::new(extra_hash(Some(("explainer", h)), &rest));
                with_i.add_str("question", &i.to_string());
                with_i.finish()
            });
            out.push(self.page_hashed(
                "question.html",
                format!("{}index.html", q.path),
                PageMeta {
                    kind: "question",
                    title: &title,
                    description: desc,
                    path: &q.path,
                    permalink: self.canonical(e, &q.path),
                },
                hash,
                || {
                    let shown = show()?;
                    let jsonld = Value::normal_string(&ld().page(Some(q), &shown.answers));
                    let ev = &shown.ev;
                    let qs = (ev.get_from_path("questions"))
                        .and_then(Value::as_array)
                        .unwrap_or(&[]);
                    let at = |j: Option<usize>| {
                        j.and_then(|j| qs.get(j))
                            .cloned()
                            .unwrap_or_else(Value::none)
                    };
                    let mut values = with_explainer(ev, rest);
                    values.extend([
                        ("jsonld", jsonld),
                        ("question", at(Some(i))),
                        ("prev", at(i.checked_sub(1))),
                        ("next", at(Some(i + 1))),
                    ]);
                    Ok(values)
                },
            )?);
        }
        Ok(out)
    }

    /// An explainer's photos as published (`files`; `body`: the pictures its answers show),
    /// then its other co-located assets, copied.
    pub fn colocated_files(
        &self,
        e: &Explainer,
        body: &HashMap<String, Picture>,
        files: Files,
    ) -> Files {
        // The photos as published; the originals, with their metadata, are not.
        let originals: std::collections::HashSet<String> = body
            .keys()
            .filter_map(|src| src.strip_prefix(&self.info.base_path))
            .map(str::to_string)
            .collect();
        let mut out = files;
        for a in &e.assets {
            let rel = a
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            let path = format!("{}{}", e.path, rel);
            if !originals.contains(&path) {
                out.push((path, Output::Copy(e.dir.join(a))));
            }
        }
        out
    }

    /// A person's page.
    pub fn person(&self, p: &Person) -> Result<(String, Output), ContentError> {
        let desc = if p.role.is_empty() {
            p.name.clone()
        } else {
            format!("{}: {}", p.name, p.role)
        };
        // A person serialises with one order (structs and lists), back-links apart.
        let hash = self.sink.remembers().then(|| {
            let mut h = Inputs::new(0);
            h.add_serialized("person", p);
            h.add_serialized("mentions", &p.mentions);
            h.add_serialized("roles_in", &p.roles_in);
            h.finish()
        });
        self.page_hashed(
            "person.html",
            format!("{}index.html", p.path),
            PageMeta {
                kind: "person",
                title: &p.name,
                description: &desc,
                path: &p.path,
                permalink: self.abs(&p.path),
            },
            hash,
            || Ok(vec![("person", crate::render::values::person_page(p))]),
        )
    }

    /// An author's page: who they are and the explainers they wrote.
    pub fn author(&self, a: &Author) -> Result<(String, Output), ContentError> {
        let by = self.word("author-description", &[("name", &a.who.name)]);
        let desc = if a.who.role.is_empty() {
            by
        } else {
            format!("{by}, {}", a.who.role)
        };
        self.page(
            "author.html",
            format!("{}index.html", a.who.path),
            PageMeta {
                kind: "author",
                title: &a.who.name,
                description: &desc,
                path: &a.who.path,
                permalink: self.abs(&a.who.path),
            },
            &[("author", Value::from_serializable(a))],
        )
    }

    /// Who's who: everyone (as person cards, without their back-links), grouped by party.
    pub fn people_index(&self, people: &[Person]) -> Result<(String, Output), ContentError> {
        let info = self.info;
        #[derive(Serialize)]
        struct Group<'a> {
            party: String,
            people: Vec<&'a Person>,
        }
        let groups: Vec<Group> = people_by_party(people)
            .into_iter()
            .map(|(party, ps)| Group { party, people: ps })
            .collect();
        self.page(
            "people.html",
            "people/index.html".to_string(),
            PageMeta {
                kind: "people",
                title: &self.word("nav-whos-who", &[]),
                description: &self.word("people-description", &[("site", &info.title)]),
                path: "people/",
                permalink: self.abs("people/"),
            },
            &[("groups", Value::from_serializable(&groups))],
        )
    }

    /// The 404 page.
    pub fn not_found(&self) -> Result<(String, Output), ContentError> {
        let info = self.info;
        self.page(
            "404.html",
            "404.html".to_string(),
            PageMeta {
                kind: "404",
                title: &self.word("page-not-found", &[]),
                description: &info.description,
                path: "404.html",
                permalink: self.abs("404.html"),
            },
            &[],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::fill;
    use crate::markdown::shortcode::{MARK, placeholder};
    use proptest::prelude::*;

    /// The definition `fill` must meet, written out the slow way: from left to right, a
    /// placeholder of a rendered shortcode (alone in its paragraph: with the paragraph) is
    /// replaced; anything else, stray marks included, is copied a character at a time.
    /// (The replace-based fill this one-pass version replaced is not a usable reference: it
    /// replaced all of placeholder 0, then all of 1, and so on, so where placeholders share
    /// a mark, which only U+FFFC typed into content can make, its result depends on their
    /// numbers: see `placeholders_sharing_a_mark_are_read_left_to_right`.)
    fn fill_by_definition(html: &str, rendered: &[String]) -> String {
        // The number of the placeholder `MARK sc <digits> MARK` at the start of `s`, and its
        // length, if it is one of `rendered`'s.
        let known = |s: &str| -> Option<(usize, usize)> {
            let body = s.strip_prefix(MARK)?.strip_prefix("sc")?;
            let digits: String = body.chars().take_while(char::is_ascii_digit).collect();
            let n: usize = digits.parse().ok()?;
            body[digits.len()..].strip_prefix(MARK)?;
            (n < rendered.len()).then_some((n, 2 * MARK.len_utf8() + 2 + digits.len()))
        };
        let mut out = String::new();
        let mut i = 0;
        while i < html.len() {
            let rest = &html[i..];
            if let Some(inner) = rest.strip_prefix("<p>")
                && let Some((n, len)) = known(inner)
                && inner[len..].starts_with("</p>")
            {
                out.push_str(rendered[n].trim_end());
                i += 3 + len + 4;
            } else if let Some((n, len)) = known(rest) {
                out.push_str(rendered[n].trim_end());
                i += len;
            } else {
                let c = rest.chars().next().expect("not at the end");
                out.push(c);
                i += c.len_utf8();
            }
        }
        out
    }

    /// Placeholders that share a mark (U+FFFC typed into content) are read from the left:
    /// the first complete one wins, and its closing mark is not read again.
    #[test]
    fn placeholders_sharing_a_mark_are_read_left_to_right() {
        let r = vec!["<x>0</x>\n".to_string(), "one".to_string(), String::new()];
        let html = format!("{}sc1{}", placeholder(2), placeholder(1));
        assert_eq!(fill(&html, &r), "sc1one");
        assert_eq!(fill_by_definition(&html, &r), "sc1one");
        // An unknown number's opening mark is copied, and reading goes on after it.
        let html = format!("{}sc1{MARK}", placeholder(7));
        assert_eq!(fill(&html, &r), format!("{MARK}sc7one"));
        assert_eq!(fill_by_definition(&html, &r), format!("{MARK}sc7one"));
    }

    #[test]
    fn fill_replaces_paragraphs_and_inline_placeholders() {
        let r = vec!["<aside>A</aside>\n".to_string(), "<b>B</b>".to_string()];
        let html = format!("<p>{}</p>\n<p>x {} y</p>", placeholder(0), placeholder(1));
        assert_eq!(fill(&html, &r), "<aside>A</aside>\n<p>x <b>B</b> y</p>");
        // Unknown numbers, stray marks and half placeholders stay as they are.
        let odd = format!("{} {MARK} {MARK}sc{MARK} {MARK}sc1", placeholder(7));
        assert_eq!(fill(&odd, &r), odd);
        assert_eq!(fill("plain", &r), "plain");
    }

    proptest! {
        #[test]
        fn fill_matches_its_definition(parts in proptest::collection::vec(
            prop_oneof![
                Just("<p>".to_string()),
                Just("</p>".to_string()),
                Just(MARK.to_string()),
                Just("sc".to_string()),
                (0usize..4).prop_map(placeholder),
                "[a-z <>/1]{0,6}",
            ],
            0..12,
        )) {
            let html: String = parts.concat();
            let rendered = vec!["<x>0</x>\n".to_string(), "one".to_string(), String::new()];
            prop_assert_eq!(fill(&html, &rendered), fill_by_definition(&html, &rendered));
        }
    }
}
