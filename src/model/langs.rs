//! A site's languages in the model: the language a site is in, and which pages translate
//! which (the lang module makes them).

use std::collections::HashMap;

use serde::Serialize;

/// One language of the site, as templates see it (`site.lang`).
#[derive(Debug, Clone, Serialize)]
pub struct Language {
    /// The suffix of its files and its URL folder: `uk`.
    pub code: String,
    /// Its name in itself: `Українська`.
    pub name: String,
    /// BCP 47 tag for `lang` and `hreflang`.
    pub tag: String,
    /// `ltr` or `rtl`.
    pub dir: &'static str,
    /// Its pages' folder: `""` for the default language, else `uk/`.
    pub folder: String,
    /// Whether it is the default language.
    pub default: bool,
    /// Its place in the site's languages (the default's is 0).
    #[serde(skip)]
    pub index: usize,
    /// The language switcher's label.
    pub switcher: String,
    /// The notice on an explainer shown untranslated.
    pub notice: String,
    /// The site's title and description in this language, when site.yaml gives them.
    #[serde(skip)]
    pub title: Option<String>,
    #[serde(skip)]
    pub description: Option<String>,
}

/// Every page of every language, grouped with its translations.
#[derive(Debug, Default, PartialEq)]
pub struct Alternates {
    /// Per language, in site order (the default first): (tag, name, og:locale, folder).
    pub(crate) langs: Vec<(String, String, Option<String>, String)>,
    /// Each group: (language, absolute URL) of one page in every language that has it.
    pub(crate) groups: Vec<Vec<(usize, String)>>,
    /// Per language: site-relative path (in the language's folder) -> group.
    pub(crate) by_page: Vec<HashMap<String, usize>>,
}
