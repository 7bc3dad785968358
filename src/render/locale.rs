//! The Open Graph locale (`og:locale`, `language_TERRITORY`) for a site's BCP 47 language.

/// The likeliest territory for a bare language code (CLDR's likely subtags, with Facebook's
/// `ar_AR` for Arabic), for `og:locale`, which wants `language_TERRITORY`.
const LIKELY_TERRITORY: &[(&str, &str)] = &[
    ("ar", "AR"),
    ("az", "AZ"),
    ("be", "BY"),
    ("bg", "BG"),
    ("bn", "BD"),
    ("bs", "BA"),
    ("ca", "ES"),
    ("cs", "CZ"),
    ("cy", "GB"),
    ("da", "DK"),
    ("de", "DE"),
    ("el", "GR"),
    ("en", "US"),
    ("es", "ES"),
    ("et", "EE"),
    ("eu", "ES"),
    ("fa", "IR"),
    ("fi", "FI"),
    ("fr", "FR"),
    ("ga", "IE"),
    ("he", "IL"),
    ("hi", "IN"),
    ("hr", "HR"),
    ("hu", "HU"),
    ("hy", "AM"),
    ("id", "ID"),
    ("is", "IS"),
    ("it", "IT"),
    ("ja", "JP"),
    ("ka", "GE"),
    ("kk", "KZ"),
    ("ko", "KR"),
    ("lt", "LT"),
    ("lv", "LV"),
    ("mk", "MK"),
    ("ms", "MY"),
    ("nb", "NO"),
    ("nl", "NL"),
    ("nn", "NO"),
    ("pl", "PL"),
    ("ps", "AF"),
    ("pt", "BR"),
    ("ro", "RO"),
    ("ru", "RU"),
    ("sk", "SK"),
    ("sl", "SI"),
    ("sq", "AL"),
    ("sr", "RS"),
    ("sv", "SE"),
    ("sw", "KE"),
    ("th", "TH"),
    ("tr", "TR"),
    ("uk", "UA"),
    ("ur", "PK"),
    ("uz", "UZ"),
    ("vi", "VN"),
    ("zh", "CN"),
];

/// `og:locale` (`language_TERRITORY`) from the site's BCP 47 language: `en-GB` -> `en_GB`,
/// `zh-Hant-TW` -> `zh_TW`, a bare `en` -> `en_US` (its likeliest territory). `None` when the
/// language is not one we know a territory for: the tag is then left out, and Facebook
/// assumes `en_US`, which is better than a wrong guess.
pub fn og_locale(language: &str) -> Option<String> {
    let mut parts = language.trim().split(['-', '_']);
    let lang = parts.next()?.to_ascii_lowercase();
    if !(2..=3).contains(&lang.len()) || !lang.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    // Subtags after the language: an optional 4-letter script, then an optional region.
    let region = parts
        .take(2)
        .find(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_alphabetic()))
        .map(str::to_ascii_uppercase);
    let region = region.or_else(|| {
        LIKELY_TERRITORY
            .iter()
            .find(|(l, _)| *l == lang)
            .map(|(_, t)| t.to_string())
    })?;
    Some(format!("{lang}_{region}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn og_locale_wants_language_and_territory() {
        assert_eq!(og_locale("en").as_deref(), Some("en_US"));
        assert_eq!(og_locale("en-GB").as_deref(), Some("en_GB"));
        assert_eq!(og_locale("pt_br").as_deref(), Some("pt_BR"));
        assert_eq!(og_locale("zh-Hant-TW").as_deref(), Some("zh_TW"));
        assert_eq!(og_locale("sr-Latn").as_deref(), Some("sr_RS"));
        assert_eq!(og_locale("uk").as_deref(), Some("uk_UA"));
        assert_eq!(og_locale("tlh"), None);
        assert_eq!(og_locale(""), None);
        assert_eq!(og_locale("en-419").as_deref(), Some("en_US"));
    }
}
