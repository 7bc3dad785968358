//! Builds the site model from what was loaded: site settings, people, bylines and terms,
//! then every explainer (in parallel), the links between them and the people's back-links.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use rayon::prelude::*;

use crate::diag::{ContentError, Source};
use crate::load::{Loaded, RawExplainer};
use crate::markdown::{self, LinkKind, Settings};
use crate::model::explainer::explainer;
use crate::model::newsroom;
use crate::model::*;
use crate::schema::{PersonEntry, SiteConfig};
use crate::text::slug;
use crate::text::typography::{quoted, quoted_opt};

/// The site's base URL: `--base-url`, else site.yaml's (checked by [`parse_base_url`]), else
/// `/` (root-relative: links work on any host, feeds and the sitemap cannot be absolute).
fn base_url(
    given: Option<&str>,
    cfg: &crate::schema::SiteConfig,
    src: &Source,
) -> Result<String, ContentError> {
    let help = "write the address the site is published at, e.g. https://example.org/ or https://user.github.io/repo/";
    match (given, &cfg.base_url) {
        (Some(url), _) => parse_base_url(url)
            .map_err(|e| ContentError::in_file(std::path::Path::new("--base-url"), e).help(help)),
        (None, Some(url)) => parse_base_url(url).map_err(|e| {
            let at = src.text.find("base_url").unwrap_or(0);
            src.error_near(at, url.trim(), e).help(help)
        }),
        (None, None) => Ok("/".into()),
    }
}

/// Build the model of what is right, beside every problem found: the site holds the
/// explainers that modelled, so that later steps can look for their problems too.
pub fn build_partial(
    loaded: Loaded,
    opts: &ModelOptions,
    shortcodes: &HashSet<String>,
) -> (Site, Vec<ContentError>) {
    let mut errors = Vec::new();
    let cfg_pages = loaded.config.clone();
    let info = site_info(loaded.config, opts, &loaded.config_source, &mut errors);
    let (mut people, by_id) = people(loaded.people, loaded.people_source.as_ref(), &mut errors);
    let bylines = newsroom::bylines(
        loaded.authors,
        loaded.authors_source.as_ref(),
        &people,
        &mut errors,
    );
    let taxonomy = crate::taxonomy::Taxonomy::new(loaded.taxonomy, &cfg_pages, &mut errors);
    let name_index = name_index(&info, &people);
    let refs = person_refs(&people);
    // A translation's explainers with their own URL slug (`slug:` in index.<code>.md).
    let own_slugs: HashMap<String, String> = (loaded.explainers.iter())
        .filter_map(|r| Some((r.slug.clone(), r.front.slug.clone()?)))
        .collect();
    let settings = Settings {
        allow_raw_html: info.allow_raw_html,
        base_path: &info.base_path,
        names: &name_index,
        page_path: "",
        lang: opts.language.as_deref().unwrap_or(&info.language),
        slugs: Some(&own_slugs),
    };

    // Explainers, in parallel.
    let raws: Vec<RawExplainer> = loaded
        .explainers
        .into_iter()
        .filter(|r| opts.drafts || !r.front.draft)
        .collect();
    let mut failed = loaded.failed;
    let slugs: Vec<String> = raws.iter().map(|r| r.slug.clone()).collect();
    let built: Vec<Result<Explainer, Vec<ContentError>>> = raws
        .into_par_iter()
        .map(|r| explainer(r, &settings, &refs, &by_id, &bylines.by_id, shortcodes))
        .collect();
    let mut explainers = Vec::new();
    for (b, slug) in built.into_iter().zip(slugs) {
        match b {
            Ok(e) => explainers.push(e),
            Err(mut e) => {
                errors.append(&mut e);
                failed.push(slug);
            }
        }
    }

    errors.extend(check_links_except(&explainers, &failed));

    sort_newest_first(&mut explainers);
    link_people(&mut people, &explainers);
    errors.extend(crate::taxonomy::link(&mut explainers, &taxonomy, &people));
    let authors = newsroom::authors(&bylines, &explainers);
    let site = Site {
        info,
        people,
        explainers,
        bylines,
        authors,
        taxonomy: Arc::new(taxonomy),
        translations: Vec::new(),
    };
    (site, errors)
}

/// The site's settings as pages read them, for the language folder `opts.folder`; problems
/// with `base_url`, `photos:` and the publisher's links go into `errors`.
fn site_info(
    cfg: SiteConfig,
    opts: &ModelOptions,
    src: &Source,
    errors: &mut Vec<ContentError>,
) -> SiteInfo {
    let url = base_url(opts.base_url.as_deref(), &cfg, src).unwrap_or_else(|e| {
        errors.push(e);
        "/".into()
    });
    let (root_url, root_path) = split_base_url(&url);
    let info = SiteInfo {
        title: quoted(cfg.title),
        description: quoted(cfg.description),
        base_url: format!("{root_url}{}", opts.folder),
        base_path: format!("{root_path}{}", opts.folder),
        root_url,
        root_path,
        lang: None,
        alternates: None,
        language: cfg.language,
        publisher: cfg.publisher,
        question_pages: cfg.question_pages,
        search: cfg.search,
        share_images: cfg.share_images,
        allow_raw_html: cfg.allow_raw_html,
        faq_schema: cfg.faq_schema,
        feed_limit: cfg.feed_limit,
        photos: cfg.photos,
    };
    if let Some((message, help)) = crate::photos::check_config(&info.photos) {
        errors.push(src.error_near(0, "photos:", message).help(help));
    }
    if let Some(p) = &info.publisher {
        for url in p.url.iter().chain(p.logo.iter()) {
            if markdown::classify(url) == LinkKind::Unsafe {
                errors.push(
                    src.error_near(
                        0,
                        url,
                        format!("unsafe link `{}`", url.chars().take(40).collect::<String>()),
                    )
                    .help("links may not run code: use an https:// address"),
                );
            }
        }
    }
    info
}

/// people.yaml's people, checked (ids usable in URLs, none twice), with each one's index by id.
fn people(
    list: Vec<PersonEntry>,
    src: Option<&Source>,
    errors: &mut Vec<ContentError>,
) -> (Vec<Person>, HashMap<String, usize>) {
    let mut people: Vec<Person> = Vec::with_capacity(list.len());
    let mut by_id: HashMap<String, usize> = HashMap::new();
    for p in list {
        let src = src.expect("people were read from a file");
        if !slug::is_valid_id(&p.id) {
            errors.push(
                src.error_near(
                    0,
                    &format!("id: {}", p.id),
                    format!("the person id `{}` cannot be used in a URL", p.id),
                )
                .help(format!(
                    "use letters, digits and dashes, e.g. `{}`",
                    slug::slugify(&p.name)
                )),
            );
            continue;
        }
        if p.native_name.is_some() && p.native_lang.is_none() {
            errors.push(
                src.error_near(
                    0,
                    &format!("id: {}", p.id),
                    format!("`{}` has a native_name but no native_lang", p.id),
                )
                .help("add `native_lang:` with the language code, e.g. `ru` or `uk`"),
            );
        }
        if by_id.contains_key(&p.id) {
            let first = src.text.find(&format!("id: {}", p.id)).map_or(0, |i| i + 1);
            errors.push(
                src.error_near(
                    first,
                    &format!("id: {}", p.id),
                    format!("two people have the id `{}`", p.id),
                )
                .help("give each person a different id"),
            );
            continue;
        }
        by_id.insert(p.id.clone(), people.len());
        people.push(Person {
            path: format!("people/{}/", p.id),
            id: p.id,
            name: p.name,
            role: quoted(p.role),
            party: p.party,
            country: quoted_opt(p.country),
            aliases: p.aliases,
            native_name: p.native_name,
            native_lang: p.native_lang,
            bio: quoted_opt(p.bio),
            mentions: Vec::new(),
            roles_in: Vec::new(),
        });
    }
    (people, by_id)
}
