//! Criterion benchmarks of a build's hot paths, on the default site's Istanbul explainer (the
//! seed article: 18 people to link by name, shortcodes, a timeline and positions):
//!
//! - `markdown/istanbul`: the body into questions and HTML, with first-mention name linking
//!   and shortcode extraction (`markdown::render`);
//! - `explainer/model`: the whole explainer from its loaded files (dates, talks, people,
//!   Markdown) (`explainer::explainer`);
//! - `explainer/render`: its listing, shortcodes, page and feed through the built-in templates
//!   (`Pages::explainer_output`);
//! - `explainer/render-cards`: the same with question cards on (one page per question).
//!
//! Run with `cargo bench --bench hot_paths`; the whole-build comparison with Hugo is
//! `bench/run` (see bench/README.md).

use std::collections::HashSet;
use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use parley::markdown::{self, Settings};
use parley::model::{self, Site};
use parley::render::theme;
use parley::render::{self, Pages, RenderOptions};
use parley::{BuildOptions, load};

const SLUG: &str = "istanbul-talks-2025";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn site() -> (Site, theme::Theme) {
    let opts = BuildOptions {
        root: root(),
        ..Default::default()
    };
    match parley::model_site(&opts) {
        Ok(s) => s,
        Err(e) => panic!("the default site models: {e}"),
    }
}

fn markdown(c: &mut Criterion) {
    let (site, _) = site();
    let raw = load::load_explainer(&root(), &root().join("content").join(SLUG))
        .expect("loads")
        .expect("has index.md");
    let names = model::name_index(&site.info, &site.people);
    let settings = Settings {
        allow_raw_html: false,
        base_path: &site.info.base_path,
        names: &names,
        page_path: "",
        lang: &site.info.language,
        slugs: None,
    };
    let body = raw.body().to_string();
    c.bench_function("markdown/istanbul", |b| {
        b.iter(|| markdown::render(black_box(&body), &settings))
    });

    let by_id = site
        .people
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.clone(), i))
        .collect();
    let shortcodes: HashSet<String> = ["timeline", "positions", "delegation", "person"]
        .into_iter()
        .map(String::from)
        .collect();
    let refs = model::person_refs(&site.people);
    let bylines = site.bylines.by_id.clone();
    c.bench_function("explainer/model", |b| {
        b.iter_batched(
            || {
                load::load_explainer(&root(), &root().join("content").join(SLUG))
                    .expect("loads")
                    .expect("has index.md")
            },
            |raw| {
                parley::model::explainer::explainer(
                    raw,
                    &settings,
                    &refs,
                    &by_id,
                    &bylines,
                    &shortcodes,
                )
            },
            criterion::BatchSize::SmallInput,
        )
    });
}

fn templates(c: &mut Criterion) {
    for (name, cards) in [
        ("explainer/render", false),
        ("explainer/render-cards", true),
    ] {
        let (mut site, mut theme) = site();
        site.info.question_pages = cards;
        // The templates only: share images are drawn once and cached (bench/run times them).
        site.info.share_images = false;
        let (_, assets) = render::static_files(&root(), false).expect("static files");
        render::set_globals(&mut theme, &site.info, &assets, &RenderOptions::default());
        let people = parley::render::values::PeopleValues::new(&site.people);
        let pages = Pages {
            theme: &theme,
            info: &site.info,
            people: &people,
            minify: false,
            share: &Default::default(),
            // The default site has no photos.
            photos: &Default::default(),
            sink: &parley::render::Memory,
        };
        let e = site
            .explainers
            .iter()
            .find(|e| e.slug == SLUG)
            .expect("the Istanbul explainer");
        c.bench_function(name, |b| {
            b.iter(|| {
                pages
                    .explainer_output(black_box(e), false)
                    .expect("renders")
            })
        });
    }
}

criterion_group!(benches, markdown, templates);
criterion_main!(benches);
