//! Sites in several languages: the languages of site.yaml, each explainer's translations
//! beside it (`index.uk.md`), one site model per language, and which page translates which.
//!
//! The default language is built at the root as a one-language site is (or, with
//! `default_language_folder: true`, in its own folder like the others, the root
//! redirecting there: [`root`]); every other language is a site of its own under its
//! folder (`/uk/`), sharing the static files.

mod alternates;
pub mod i18n;
pub(crate) mod root;
pub(crate) mod slugs;
pub(crate) mod strings;
mod translate;

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

pub use crate::model::{Alternates, Language};
pub use alternates::Alt;

use crate::diag::{ContentError, Source};
use crate::load::Loaded;
use crate::model::assemble;
use crate::model::{self, ModelOptions, Site};
use crate::schema::{Direction, MissingTranslations, SiteConfig};
use crate::text::slug;

/// The site's languages, the default first; every problem with `languages:` otherwise.
pub(crate) fn languages(
    cfg: &SiteConfig,
    src: &Source,
) -> Result<Vec<Language>, Vec<ContentError>> {
    let mut errors = Vec::new();
    let at = src.text.find("languages:").unwrap_or(0);
    let mut seen = HashSet::new();
    let mut list = Vec::new();
    for l in &cfg.languages {
        if !slug::is_valid_id(&l.code) || l.code == "people" || l.code == "__parley" {
            errors.push(
                src.error_near(
                    at,
                    &l.code,
                    format!("`{}` cannot be a language's folder", l.code),
                )
                .help(
                    "use the language's code in lowercase letters and dashes, e.g. `uk` or `pt-br`",
                ),
            );
        }
        if !seen.insert(l.code.as_str()) {
            errors.push(
                src.error_near(
                    at,
                    &l.code,
                    format!("two languages have the code `{}`", l.code),
                )
                .help("list each language once"),
            );
        }
        let tag = l.tag.clone().unwrap_or_else(|| l.code.clone());
        let default = l.code == cfg.language || tag == cfg.language;
        let notice = l
            .fallback_notice
            .clone()
            .or_else(|| strings::fallback_notice(&tag).map(str::to_string))
            .unwrap_or_else(|| {
                strings::fallback_notice("en")
                    .unwrap_or_default()
                    .to_string()
            });
        list.push(Language {
            folder: if default && !cfg.default_language_folder {
                String::new()
            } else {
                format!("{}/", l.code)
            },
            code: l.code.clone(),
            name: l.name.clone(),
            switcher: strings::switcher_label(&tag).to_string(),
            tag,
            dir: match l.dir {
                Direction::Ltr => "ltr",
                Direction::Rtl => "rtl",
            },
            default,
            notice,
            index: 0,
            title: l.title.clone(),
            description: l.description.clone(),
        });
    }
    match list.iter().position(|l| l.default) {
        Some(i) => {
            let d = list.remove(i);
            list.insert(0, d);
        }
        None => errors.push(
            src.error_near(
                at,
                "languages:",
                format!("`language: {}` is not one of `languages:`", cfg.language),
            )
            .help(format!(
                "add `- {{code: {}, name: …}}` to `languages:`, or set `language:` to one of them",
                cfg.language
            )),
        ),
    }
    for (i, l) in list.iter_mut().enumerate() {
        l.index = i;
    }
    if errors.is_empty() {
        Ok(list)
    } else {
        Err(errors)
    }
}

/// Build the site model, in every language when site.yaml lists several (see the module
/// docs); a one-language site is modelled exactly as [`assemble::build_partial`] does.
pub fn build(
    root: &Path,
    loaded: Loaded,
    opts: &ModelOptions,
    shortcodes: &HashSet<String>,
) -> (Site, Vec<ContentError>) {
    if loaded.config.languages.is_empty() {
        let folder_wanted = loaded.config.default_language_folder;
        let src = loaded.config_source.clone();
        let (site, mut errors) = assemble::build_partial(loaded, opts, shortcodes);
        if folder_wanted {
            let at = src.text.find("default_language_folder").unwrap_or(0);
            errors.push(
                src.error_near(at, "default_language_folder", "`default_language_folder: true` needs the site's `languages:`")
                    .help("list the site's languages under `languages:` (the default among them), or remove `default_language_folder`"),
            );
        }
        return (site, errors);
    }
    let langs = match languages(&loaded.config, &loaded.config_source) {
        Ok(l) => l,
        Err(mut errors) => {
            let (site, mut more) = assemble::build_partial(loaded, opts, shortcodes);
            errors.append(&mut more);
            return (site, errors);
        }
    };
    let mut errors = unknown_codes(&loaded, &langs);
    // A language's folder and an explainer's would be the same URL.
    for l in langs.iter().filter(|l| !l.folder.is_empty()) {
        if loaded.explainers.iter().any(|r| r.slug == l.code) {
            let src = &loaded.config_source;
            let at = src.text.find("languages:").unwrap_or(0);
            errors.push(
                src.error_near(at, &format!("code: {}", l.code), format!("the language `{}` and the explainer content/{}/ would share the folder /{}/", l.code, l.code, l.code))
                    .help("rename the explainer's folder"),
            );
        }
    }
    let fallback = loaded.config.missing_translations == MissingTranslations::Fallback;
    untranslated(&loaded, &langs, fallback);
    let original = loaded.clone();
    let default_opts = ModelOptions {
        folder: langs[0].folder.clone(),
        ..opts.clone()
    };
    let (mut site, mut more) = assemble::build_partial(loaded, &default_opts, shortcodes);
    errors.append(&mut more);
    site.info.lang = Some(langs[0].clone());
    // The default language's title and description are site.yaml's own, unless its entry
    // in `languages:` sets them.
    if let Some(title) = &langs[0].title {
        site.info.title = title.clone();
    }
    if let Some(description) = &langs[0].description {
        site.info.description = description.clone();
    }
    let ids = question_ids(&site);
    // Problems of the original show again in each language built on it: reported once.
    let mut seen: HashSet<(String, String)> = errors
        .iter()
        .map(|e| (e.location.clone(), e.message.clone()))
        .collect();
    let mut translations = Vec::new();
    for lang in &langs[1..] {
        let made = Made {
            original: &original,
            default: &langs[0],
            ids: &ids,
            fallback,
            opts,
            shortcodes,
        };
        let (s, errs) = made.language(root, lang);
        errors.extend(
            errs.into_iter()
                .filter(|e| seen.insert((e.location.clone(), e.message.clone()))),
        );
        translations.push(s);
    }
    let sites: Vec<&Site> = std::iter::once(&site).chain(&translations).collect();
    let table = Arc::new(Alternates::new(&sites));
    site.info.alternates = Some(table.clone());
    for t in &mut translations {
        t.info.alternates = Some(table.clone());
    }
    site.translations = translations;
    (site, errors)
}

/// Each explainer's question ids (by its folder), which its translations keep.
fn question_ids(site: &Site) -> HashMap<String, Vec<String>> {
    (site.explainers.iter())
        .map(|e| {
            let ids = e.questions.iter().map(|q| q.id.clone()).collect();
            (e.slug.clone(), ids)
        })
        .collect()
}

/// What every language other than the default is modelled from.
struct Made<'a> {
    /// The default language's content, as loaded.
    original: &'a Loaded,
    default: &'a Language,
    /// The original's question ids ([`question_ids`]).
    ids: &'a HashMap<String, Vec<String>>,
    /// `missing_translations: fallback`.
    fallback: bool,
    opts: &'a ModelOptions,
    shortcodes: &'a HashSet<String>,
}

impl Made<'_> {
    /// The site in `lang` (without the alternates table), and its problems.
    fn language(&self, root: &Path, lang: &Language) -> (Site, Vec<ContentError>) {
        let (mut loaded, fallbacks, mut errs) =
            translate::language(root, self.original, lang, self.ids, self.fallback);
        errs.append(&mut slugs::check(&mut loaded.explainers, lang));
        let lang_opts = ModelOptions {
            folder: lang.folder.clone(),
            language: Some(lang.tag.clone()),
            ..self.opts.clone()
        };
        let (mut s, mut more) = assemble::build_partial(loaded, &lang_opts, self.shortcodes);
        errs.append(&mut more);
        s.info.language = lang.tag.clone();
        if let Some(title) = &lang.title {
            s.info.title = title.clone();
        }
        if let Some(description) = &lang.description {
            s.info.description = description.clone();
        }
        s.info.lang = Some(lang.clone());
        for e in &mut s.explainers {
            if fallbacks.contains(&e.slug) {
                e.fallback = Some(model::Original {
                    lang: self.default.tag.clone(),
                    dir: self.default.dir,
                    folder: self.default.folder.clone(),
                });
            }
        }
        (s, errs)
    }
}

/// `site`'s language `code` (one of its translations) modelled again from the files, for
/// `serve`: `Ok(None)` when that changes which page translates which (every language's
/// alternates: rebuild the whole site), else the new site of that language, its problems
/// (any one, the original's included, is an error) otherwise.
pub(crate) fn model_again(
    root: &Path,
    opts: &ModelOptions,
    site: &Site,
    code: &str,
    shortcodes: &HashSet<String>,
) -> Result<Option<Site>, Vec<ContentError>> {
    let Some(i) = (site.translations.iter())
        .position(|t| t.info.lang.as_ref().is_some_and(|l| l.code == code))
    else {
        return Ok(None);
    };
    let (Some(default), Some(table)) = (&site.info.lang, &site.info.alternates) else {
        return Ok(None);
    };
    let (original, mut errors) = crate::load::load(root);
    let Some(original) = original.filter(|_| errors.is_empty()) else {
        return Err(errors);
    };
    let lang = site.translations[i].info.lang.clone().expect("a language");
    let made = Made {
        original: &original,
        default,
        ids: &question_ids(site),
        fallback: original.config.missing_translations == MissingTranslations::Fallback,
        opts,
        shortcodes,
    };
    let (mut new, mut errs) = made.language(root, &lang);
    errors.append(&mut errs);
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut sites: Vec<&Site> = std::iter::once(site).chain(&site.translations).collect();
    sites[i + 1] = &new;
    if Alternates::new(&sites) != **table {
        return Ok(None);
    }
    new.info.alternates = Some(table.clone());
    Ok(Some(new))
}

/// Say which interface strings each language lacks (English shows instead), with the file
/// to add them to.
pub fn warn_missing_strings(site: &Site, strings: &i18n::Strings) {
    for s in std::iter::once(site).chain(&site.translations) {
        let Some(lang) = &s.info.lang else { continue };
        let (missing, file) = strings.missing(&lang.tag, &lang.code);
        if !missing.is_empty() {
            log::warn!(
                "{file}: {} interface string{} missing in {} ({}), shown in English: {}; add `{} = …`",
                missing.len(),
                if missing.len() == 1 { "" } else { "s" },
                lang.name,
                lang.code,
                missing.join(", "),
                missing[0]
            );
        }
    }
}

/// Translation files in a language site.yaml does not list.
fn unknown_codes(loaded: &Loaded, langs: &[Language]) -> Vec<ContentError> {
    let codes: Vec<&str> = langs.iter().map(|l| l.code.as_str()).collect();
    let mut errors = Vec::new();
    for r in &loaded.explainers {
        for t in &r.translations {
            if codes.contains(&t.code.as_str()) && t.code != langs[0].code {
                continue;
            }
            let file = [&t.index, &t.timeline, &t.positions]
                .into_iter()
                .flatten()
                .next()
                .expect("a translation has a file");
            let help = match crate::diag::did_you_mean(&t.code, codes.iter().copied()) {
                Some(s) if t.code != langs[0].code => format!(
                    "did you mean `{s}`? Or add `{}` to `languages:` in content/site.yaml",
                    t.code
                ),
                _ if t.code == langs[0].code => {
                    "the default language's text is in the file without a code: remove this one"
                        .into()
                }
                _ => format!(
                    "add `- {{code: {}, name: …}}` to `languages:` in content/site.yaml",
                    t.code
                ),
            };
            errors.push(
                file.error_at(
                    0,
                    0,
                    format!("`{}` is not one of the site's other languages", t.code),
                )
                .help(help),
            );
        }
    }
    errors
}

/// Say which explainers have no translation into which language (`check` and `build`
/// print these as warnings, each with the original's file and line).
fn untranslated(loaded: &Loaded, langs: &[Language], fallback: bool) {
    for r in loaded.explainers.iter().filter(|r| !r.front.draft) {
        for l in &langs[1..] {
            if r.translations.iter().any(|t| t.code == l.code) {
                continue;
            }
            log::warn!(
                "content/{}/index.md:1:1: not translated into {} ({}): {}; add content/{}/index.{}.md",
                r.slug,
                l.name,
                l.code,
                if fallback {
                    "shown in the original language"
                } else {
                    "left out of that language"
                },
                r.slug,
                l.code
            );
        }
    }
}
