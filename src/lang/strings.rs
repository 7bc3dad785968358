//! The few interface words a several-language site needs in each language (the switcher's
//! label, the notice on an untranslated explainer): built in for en, uk, ru and tr.

/// Built-in words: (language, switcher label, fallback notice).
const BUILT_IN: &[(&str, &str, &str)] = &[
    (
        "en",
        "Languages",
        "This explainer has not been translated into English yet: it is shown in its original language.",
    ),
    (
        "uk",
        "Мови",
        "Цей матеріал ще не перекладено українською: його показано мовою оригіналу.",
    ),
    (
        "ru",
        "Языки",
        "Этот материал ещё не переведён на русский язык: он показан на языке оригинала.",
    ),
    (
        "tr",
        "Diller",
        "Bu açıklama henüz Türkçeye çevrilmedi: özgün dilinde gösteriliyor.",
    ),
];

/// The primary language subtag of a BCP 47 tag, lowercased: `uk-UA` -> `uk`.
fn primary(tag: &str) -> String {
    tag.split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

fn built_in(tag: &str) -> Option<&'static (&'static str, &'static str, &'static str)> {
    let p = primary(tag);
    BUILT_IN.iter().find(|(l, _, _)| *l == p)
}

/// The language switcher's label in the language tagged `tag` (English when not built in).
pub(crate) fn switcher_label(tag: &str) -> &'static str {
    built_in(tag).map_or(BUILT_IN[0].1, |b| b.1)
}

/// The built-in notice on an untranslated explainer, if the language has one.
pub(crate) fn fallback_notice(tag: &str) -> Option<&'static str> {
    built_in(tag).map(|b| b.2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_by_primary_subtag() {
        assert_eq!(switcher_label("uk-UA"), "Мови");
        assert_eq!(switcher_label("RU"), "Языки");
        assert_eq!(switcher_label("he"), "Languages");
        assert!(fallback_notice("tr").unwrap().contains("Türkçe"));
        assert_eq!(fallback_notice("he"), None);
    }
}
