//! The theme's own words in each language: Fluent messages (with CLDR plural rules, so
//! Ukrainian and Russian get one/few/many), built in for en, uk, ru and tr; a site's
//! `i18n/<code>.ftl` overrides messages or adds a language. Templates read them through
//! `t(key=…, …)` and dates through the `local_date` filter.

use std::collections::BTreeMap;
use std::path::Path;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use crate::diag::{ContentError, Source};

/// The built-in messages, by language.
const BUILT_IN: &[(&str, &str)] = &[
    ("en", include_str!("../../i18n/en.ftl")),
    ("uk", include_str!("../../i18n/uk.ftl")),
    ("ru", include_str!("../../i18n/ru.ftl")),
    ("tr", include_str!("../../i18n/tr.ftl")),
];

/// Every language's messages.
pub struct Strings {
    /// By lowercase language tag or code (`uk`, `pt-br`).
    bundles: BTreeMap<String, FluentBundle<FluentResource>>,
    /// Each message id of the built-in English, and where each language's file is (for
    /// listing what it lacks).
    english_ids: Vec<String>,
    files: BTreeMap<String, Source>,
}

fn bundle(lang: &str) -> FluentBundle<FluentResource> {
    let id = lang
        .parse::<unic_langid::LanguageIdentifier>()
        .unwrap_or_default();
    let mut b = FluentBundle::new_concurrent(vec![id]);
    // The words go into HTML: no bidi isolation marks around arguments (`dir` does that).
    b.set_use_isolating(false);
    b
}

fn ids(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| l.starts_with(|c: char| c.is_ascii_alphabetic()))
        .filter_map(|l| l.split_once('=').map(|(k, _)| k.trim().to_string()))
        .collect()
}

impl Strings {
    /// The site's own message files (`i18n/<lang>.ftl`): language -> text.
    pub(crate) fn site_files(&self) -> impl Iterator<Item = (&str, &str)> {
        self.files.iter().map(|(l, s)| (l.as_str(), &*s.text))
    }

    /// The built-in messages with the site's `i18n/*.ftl` over them; a file that does not
    /// parse is an error at its line.
    pub fn load(root: &Path) -> Result<Strings, Vec<ContentError>> {
        let mut s = Strings {
            bundles: BTreeMap::new(),
            english_ids: ids(BUILT_IN[0].1),
            files: BTreeMap::new(),
        };
        for (lang, text) in BUILT_IN {
            let res = FluentResource::try_new(text.to_string()).expect("built-in messages parse");
            let mut b = bundle(lang);
            b.add_resource_overriding(res);
            s.bundles.insert(lang.to_string(), b);
        }
        let dir = root.join("i18n");
        let Ok(entries) = std::fs::read_dir(&dir) else {
            return Ok(s);
        };
        let mut errors = Vec::new();
        let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for path in paths
            .iter()
            .filter(|p| p.extension().is_some_and(|x| x == "ftl"))
        {
            let lang = path
                .file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .to_lowercase();
            let src = match crate::load::read_source(root, path) {
                Ok(src) => src,
                Err(e) => {
                    errors.push(e);
                    continue;
                }
            };
            match FluentResource::try_new(src.text.to_string()) {
                Ok(res) => {
                    s.bundles
                        .entry(lang.clone())
                        .or_insert_with(|| bundle(&lang))
                        .add_resource_overriding(res);
                    s.files.insert(lang, src);
                }
                Err((_, errs)) => {
                    for e in errs {
                        errors.push(
                            src.error_at(e.pos.start, e.pos.end.saturating_sub(e.pos.start), format!("this message does not parse: {}", e.kind))
                                .help("write messages as `key = text`, plurals as `{ $count -> [one] … *[other] … }` (see docs/content-format.md)"),
                        );
                    }
                }
            }
        }
        if errors.is_empty() {
            Ok(s)
        } else {
            Err(errors)
        }
    }

    /// The bundle for a language tag: the tag's own (`pt-br`), else its language's (`pt`).
    fn bundle_for(&self, tag: &str) -> Option<&FluentBundle<FluentResource>> {
        let tag = tag.to_ascii_lowercase();
        let primary = tag.split(['-', '_']).next().unwrap_or("");
        self.bundles.get(&tag).or_else(|| self.bundles.get(primary))
    }

    /// Message `key` in the language tagged `tag` (English where it lacks it), with `args`.
    pub fn get(&self, tag: &str, key: &str, args: &FluentArgs) -> Option<String> {
        let en = self.bundles.get("en");
        [self.bundle_for(tag), en]
            .into_iter()
            .flatten()
            .find_map(|b| {
                let pattern = b.get_message(key)?.value()?;
                let mut errors = Vec::new();
                Some(
                    b.format_pattern(pattern, Some(args), &mut errors)
                        .into_owned(),
                )
            })
    }

    /// The built-in English messages the language tagged `tag` has no word for, and the
    /// file they belong in (`i18n/<code>.ftl`, with its line count when it exists).
    pub fn missing(&self, tag: &str, code: &str) -> (Vec<&str>, String) {
        let has = |id: &str| self.bundle_for(tag).is_some_and(|b| b.has_message(id));
        let missing = self
            .english_ids
            .iter()
            .map(String::as_str)
            // (English has no `month-day-N`: those forms are a language's own, and optional.)
            .filter(|id| !has(id))
            .collect();
        let file = match self.files.get(code) {
            Some(src) => format!("{}:{}", src.path.display(), src.text.lines().count() + 1),
            None => format!("i18n/{code}.ftl"),
        };
        (missing, file)
    }

    /// A date as readers read it in the language tagged `tag`: from its `iso` form
    /// (`2025-05-16`, `2025-05`, `2025`, `2025-05-16T09:30:00Z`); English keeps `display`.
    pub fn date(&self, tag: &str, iso: &str, display: &str) -> String {
        let primary = tag
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        if primary == "en" || self.bundle_for(tag).is_none() {
            return display.to_string();
        }
        // A day of a week (`2025-W20`, shown `Thursday`): the weekday in the language.
        if iso.contains("-W") {
            const WEEKDAYS: [&str; 7] = [
                "Monday",
                "Tuesday",
                "Wednesday",
                "Thursday",
                "Friday",
                "Saturday",
                "Sunday",
            ];
            return WEEKDAYS
                .iter()
                .position(|d| *d == display)
                .and_then(|i| self.word(tag, &format!("weekday-{}", i + 1)))
                .unwrap_or_else(|| display.to_string());
        }
        let (date, time) = match iso.split_once('T') {
            Some((d, t)) => (d, Some(t)),
            None => (iso, None),
        };
        let parts: Vec<&str> = date.split('-').collect();
        let num = |s: &str| s.parse::<u32>().ok();
        let text = match parts[..] {
            [y, m, d] if num(m).is_some() && num(d).is_some() => {
                let m = num(m).unwrap_or(1);
                let month = self
                    .word(tag, &format!("month-day-{m}"))
                    .or_else(|| self.word(tag, &format!("month-{m}")));
                month.and_then(|month| {
                    let mut a = FluentArgs::new();
                    a.set("day", FluentValue::from(num(d).unwrap_or(1).to_string()));
                    a.set("month", FluentValue::from(month));
                    a.set("year", FluentValue::from(y.to_string()));
                    self.get(tag, "date-day", &a)
                })
            }
            [y, m] if num(m).is_some() => self
                .word(tag, &format!("month-{}", num(m).unwrap_or(1)))
                .and_then(|month| {
                    let mut a = FluentArgs::new();
                    a.set("month", FluentValue::from(month));
                    a.set("year", FluentValue::from(y.to_string()));
                    self.get(tag, "date-month", &a)
                }),
            [y] if num(y).is_some() => Some(y.to_string()),
            _ => None,
        };
        match (text, time) {
            (Some(t), None) => t,
            // The time as the English display gives it (`09:30 UTC`).
            (Some(t), Some(_)) => match display.rsplit_once(", ") {
                Some((_, clock)) => format!("{t}, {clock}"),
                None => t,
            },
            (None, _) => display.to_string(),
        }
    }

    /// A message without arguments, in the language itself only.
    fn word(&self, tag: &str, key: &str) -> Option<String> {
        let b = self.bundle_for(tag)?;
        let pattern = b.get_message(key)?.value()?;
        let mut errors = Vec::new();
        Some(b.format_pattern(pattern, None, &mut errors).into_owned())
    }
}

/// Turn a template function's keyword arguments into Fluent's (numbers stay numbers, for
/// plural rules).
pub(crate) fn fluent_args(kwargs: &tera::Kwargs) -> FluentArgs<'static> {
    let mut args = FluentArgs::new();
    for (k, v) in kwargs.iter() {
        let name = k.to_string();
        if name == "key" {
            continue;
        }
        let value = match (v.as_i128(), v.as_str()) {
            (Some(n), _) => FluentValue::from(n as f64),
            (None, Some(s)) => FluentValue::from(s.to_string()),
            _ => FluentValue::from(v.to_string()),
        };
        args.set(name, value);
    }
    args
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings() -> Strings {
        Strings::load(Path::new("/nonexistent")).unwrap()
    }

    fn plural(tag: &str, key: &str, n: i64) -> String {
        let mut a = FluentArgs::new();
        a.set("count", FluentValue::from(n as f64));
        strings().get(tag, key, &a).unwrap()
    }

    #[test]
    fn ukrainian_and_russian_plurals_are_one_few_many() {
        let uk: Vec<String> = [1, 2, 5, 11, 21, 22, 25]
            .iter()
            .map(|n| plural("uk", "with-others-named", *n))
            .collect();
        assert_eq!(
            uk,
            [
                "і ще 1 особа",
                "і ще 2 особи",
                "і ще 5 осіб",
                "і ще 11 осіб",
                "і ще 21 особа",
                "і ще 22 особи",
                "і ще 25 осіб"
            ]
        );
        let uk: Vec<String> = [1, 2, 5, 11, 21]
            .iter()
            .map(|n| plural("uk", "questions-answered", *n))
            .collect();
        assert_eq!(
            uk,
            [
                "1 відповідь на запитання",
                "2 відповіді на запитання",
                "5 відповідей на запитання",
                "11 відповідей на запитання",
                "21 відповідь на запитання"
            ]
        );
        let ru: Vec<String> = [1, 2, 5, 11, 21]
            .iter()
            .map(|n| plural("ru", "with-others-named", *n))
            .collect();
        assert_eq!(
            ru,
            [
                "и ещё 1 человек",
                "и ещё 2 человека",
                "и ещё 5 человек",
                "и ещё 11 человек",
                "и ещё 21 человек"
            ]
        );
        let ru: Vec<String> = [1, 2, 5, 11, 21]
            .iter()
            .map(|n| plural("ru", "questions-answered", *n))
            .collect();
        assert_eq!(
            ru,
            [
                "1 ответ на вопрос",
                "2 ответа на вопросы",
                "5 ответов на вопросы",
                "11 ответов на вопросы",
                "21 ответ на вопрос"
            ]
        );
        assert_eq!(plural("en", "questions-answered", 1), "1 question answered");
        assert_eq!(
            plural("en", "questions-answered", 21),
            "21 questions answered"
        );
        assert_eq!(plural("tr", "questions-answered", 2), "2 soru yanıtlandı");
    }

    #[test]
    fn dates_per_language() {
        let s = strings();
        assert_eq!(
            s.date("uk", "2025-05-16", "16 May 2025"),
            "16 травня 2025 р."
        );
        assert_eq!(s.date("ru", "2022-02", "February 2022"), "февраль 2022 г.");
        assert_eq!(
            s.date("tr", "2025-05-16T09:30:00Z", "16 May 2025, 09:30 UTC"),
            "16 Mayıs 2025, 09:30 UTC"
        );
        assert_eq!(s.date("uk", "1998", "1998"), "1998");
        assert_eq!(s.date("uk", "2025-W20", "Thursday"), "четвер");
        assert_eq!(s.date("tr", "2025-W20", "Friday"), "Cuma");
        assert_eq!(s.date("en", "2025-W20", "Thursday"), "Thursday");
        assert_eq!(s.date("en-GB", "2025-05-16", "16 May 2025"), "16 May 2025");
        // A language without words keeps the English display.
        assert_eq!(s.date("he", "2025-05-16", "16 May 2025"), "16 May 2025");
    }

    #[test]
    fn missing_words_are_listed_and_english_fills_in() {
        let s = strings();
        assert_eq!(s.missing("uk", "uk").0, Vec::<&str>::new());
        let (he, file) = s.missing("he", "he");
        assert!(he.contains(&"nav-explainers"));
        assert_eq!(file, "i18n/he.ftl");
        assert_eq!(
            s.get("he", "nav-explainers", &FluentArgs::new()).unwrap(),
            "Explainers"
        );
    }
}
