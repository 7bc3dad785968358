//! Readable ASCII slugs from text in any script, and checks on user-given ids.

/// The longest slug [`slugify`] makes: a whole question as its id would make a file name
/// longer than file systems allow.
pub const MAX_SLUG: usize = 80;

/// The longest id a user may give (an explainer's folder, a person, a question's `{#id}`):
/// it is one segment of a path, well within the 255 bytes a file name may have.
pub const MAX_ID: usize = 200;

/// `Why Türkiye?` -> `why-turkiye`; Cyrillic is transliterated; empty when nothing is left.
/// At most [`MAX_SLUG`] characters, cut after a whole word where there is one.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars() {
        // Turkish dotless and dotted i transliterate to a plain i.
        let ascii: std::borrow::Cow<str> = match c {
            'ı' | 'İ' => "i".into(),
            c if c.is_ascii() => c.to_string().into(),
            c => deunicode::deunicode_char(c).unwrap_or("").into(),
        };
        for a in ascii.chars() {
            if a.is_ascii_alphanumeric() {
                if dash && !out.is_empty() {
                    out.push('-');
                }
                dash = false;
                out.push(a.to_ascii_lowercase());
            } else if a != '\'' {
                dash = true;
            }
        }
        if out.len() > MAX_SLUG {
            break;
        }
    }
    if out.len() > MAX_SLUG {
        // All ASCII: any byte is a character boundary.
        let cut = match out[..=MAX_SLUG].rfind('-') {
            Some(i) if i > 0 => i,
            _ => MAX_SLUG,
        };
        out.truncate(cut);
    }
    out
}

/// [`slugify`] for text in the language `lang` (a code or BCP 47 tag: `uk`, `uk-UA`):
/// Ukrainian by the official national transliteration (Cabinet of Ministers resolution 55
/// of 2010: `Згорани` -> `zghorany`, `Юрій` -> `yurii`), Russian and Turkish as readable
/// ASCII (`Щукин` -> `shchukin`, `Kırım Şişli` -> `kirim-sisli`); any other language as
/// [`slugify`] does. Always a valid id ([`is_valid_id`]) or empty.
pub fn slugify_in(text: &str, lang: &str) -> String {
    let primary = lang.split(['-', '_']).next().unwrap_or("");
    let table: fn(char, Option<char>, bool) -> Option<&'static str> =
        match primary.to_ascii_lowercase().as_str() {
            "uk" => ukrainian,
            "ru" => russian,
            // Turkish needs nothing more than `slugify` does (`ı`, `İ` and deunicode's
            // `ş ğ ç ö ü â`).
            _ => return slugify(text),
        };
    let mut out = String::with_capacity(text.len());
    let mut prev: Option<char> = None;
    for c in text.chars() {
        let lower = c.to_lowercase().next().unwrap_or(c);
        // Apostrophes inside a word are dropped, and do not end it.
        let start = !prev.is_some_and(|p| p.is_alphabetic() || is_apostrophe(p));
        match table(lower, prev, start) {
            Some(ascii) => out.push_str(ascii),
            None => out.push(lower),
        }
        prev = Some(lower);
        // Enough for a whole slug: the rest would be cut.
        if out.len() > 4 * MAX_SLUG {
            break;
        }
    }
    slugify(&out)
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}' | '`')
}

/// One lowercase Ukrainian letter (after `prev`; `start`: at a word's start), by
/// resolution 55: `є ї й ю я` differ at a word's start, `зг` is `zgh`.
fn ukrainian(c: char, prev: Option<char>, start: bool) -> Option<&'static str> {
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' if prev == Some('з') => "gh",
        'г' => "h",
        'ґ' => "g",
        'д' => "d",
        'е' => "e",
        'є' if start => "ye",
        'є' => "ie",
        'ж' => "zh",
        'з' => "z",
        'и' => "y",
        'і' => "i",
        'ї' if start => "yi",
        'ї' => "i",
        'й' if start => "y",
        'й' => "i",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ь' => "",
        'ю' if start => "yu",
        'ю' => "iu",
        'я' if start => "ya",
        'я' => "ia",
        c if is_apostrophe(c) => "",
        _ => return None,
    })
}

/// One lowercase Russian letter, as readable ASCII (`щ` -> `shch`, `й` -> `y`, `ъ ь`
/// dropped).
fn russian(c: char, _: Option<char>, _: bool) -> Option<&'static str> {
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'е' | 'ё' | 'э' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' => "i",
        'й' | 'ы' => "y",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' | 'ь' => "",
        'ю' => "yu",
        'я' => "ya",
        _ => return None,
    })
}

/// Whether a user-given id is safe as one path segment and as an HTML id.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        && !id.starts_with('-')
}

/// Make `slug` unique among `taken` by adding `-2`, `-3`, ….
pub fn unique(slug: String, taken: &mut std::collections::HashSet<String>) -> String {
    let base = if slug.is_empty() {
        "question".to_string()
    } else {
        slug
    };
    let mut candidate = base.clone();
    let mut n = 2;
    while taken.contains(&candidate) {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    taken.insert(candidate.clone());
    candidate
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn latin_with_diacritics() {
        assert_eq!(slugify("Why Türkiye?"), "why-turkiye");
        assert_eq!(slugify("Genève: what's next"), "geneve-whats-next");
        assert_eq!(slugify("Erdoğan and Şişli"), "erdogan-and-sisli");
    }

    #[test]
    fn turkish_dotless_i() {
        assert_eq!(slugify("Kırım"), "kirim");
        assert_eq!(slugify("İstanbul"), "istanbul");
    }

    #[test]
    fn cyrillic_is_transliterated() {
        let s = slugify("Владимир Мединский");
        assert!(s.starts_with("vladimir-medinsk"), "{s}");
        assert!(s.is_ascii());
        assert_eq!(slugify("Київ"), "kiyiv");
    }

    #[test]
    fn punctuation_only_is_empty() {
        assert_eq!(slugify("?!…—"), "");
        assert_eq!(slugify("  --  "), "");
    }

    #[test]
    fn duplicates_get_numbers() {
        let mut taken = HashSet::new();
        assert_eq!(unique("a".into(), &mut taken), "a");
        assert_eq!(unique("a".into(), &mut taken), "a-2");
        assert_eq!(unique("a".into(), &mut taken), "a-3");
        assert_eq!(unique(String::new(), &mut taken), "question");
    }

    #[test]
    fn long_text_is_cut_after_a_word() {
        let s = slugify(&"Why are the talks in Geneva? ".repeat(400));
        assert!(s.len() <= MAX_SLUG, "{}", s.len());
        assert!(s.starts_with("why-are-the-talks-in-geneva-why"), "{s}");
        assert!(!s.ends_with('-') && is_valid_id(&s));
        assert!(
            "why-are-the-talks-in-geneva-"
                .repeat(4)
                .starts_with(&format!("{s}-"))
        );
        let one_word = slugify(&"a".repeat(500));
        assert_eq!(one_word.len(), MAX_SLUG);
    }

    #[test]
    fn ukrainian_by_the_national_transliteration() {
        // The resolution's own examples.
        for (uk, want) in [
            ("Згорани", "zghorany"),
            ("Розгон", "rozghon"),
            ("Юрій", "yurii"),
            ("Корюківка", "koriukivka"),
            ("Їжакевич", "yizhakevych"),
            ("Кадиївка", "kadyivka"),
            ("Щербухи", "shcherbukhy"),
            ("Гоща", "hoshcha"),
            ("Рівне", "rivne"),
            ("Єнакієве", "yenakiieve"),
            ("Гаєвич", "haievych"),
            ("Короп'є", "koropie"),
            ("Йосипівка", "yosypivka"),
            ("Стрий", "stryi"),
            ("Олексій", "oleksii"),
            ("Ярошенко", "yaroshenko"),
            ("Костянтин", "kostiantyn"),
            ("Знам'янка", "znamianka"),
            ("Феодосія", "feodosiia"),
            ("Ґалаґан", "galagan"),
            ("Ужгород", "uzhhorod"),
            ("Харків", "kharkiv"),
            ("Біла Церква", "bila-tserkva"),
            ("Чернівці", "chernivtsi"),
            ("Борщагівка", "borshchahivka"),
            ("Гадяч", "hadiach"),
            ("Житомир", "zhytomyr"),
            ("Шостка", "shostka"),
            ("Київ", "kyiv"),
        ] {
            assert_eq!(slugify_in(uk, "uk"), want, "{uk}");
        }
        // A word's start after a space, a dash or a typographic apostrophe inside a word.
        assert_eq!(
            slugify_in("Коли почнуться переговори?", "uk-UA"),
            "koly-pochnutsia-perehovory"
        );
        assert_eq!(slugify_in("Нова Ялта — Юрій", "uk"), "nova-yalta-yurii");
        assert_eq!(slugify_in("В’ячеслав", "uk"), "viacheslav");
    }

    #[test]
    fn russian_and_turkish_as_readable_ascii() {
        assert_eq!(slugify_in("Владимир Мединский", "ru"), "vladimir-medinskiy");
        assert_eq!(slugify_in("Щукин, Хабаровск", "ru"), "shchukin-khabarovsk");
        assert_eq!(
            slugify_in("Объявление о встрече", "ru"),
            "obyavlenie-o-vstreche"
        );
        assert_eq!(slugify_in("Кто за столом?", "ru"), "kto-za-stolom");
        assert_eq!(slugify_in("Kırım ve İstanbul", "tr"), "kirim-ve-istanbul");
        assert_eq!(
            slugify_in("Şişli, Ağrı, Çanakkale, Göç, Üsküdar", "tr"),
            "sisli-agri-canakkale-goc-uskudar"
        );
        assert_eq!(slugify_in("ISPARTA", "tr"), "isparta");
        // Any other language: as slugify.
        assert_eq!(slugify_in("Why Türkiye?", "en"), slugify("Why Türkiye?"));
        assert_eq!(slugify_in("Київ", "he"), slugify("Київ"));
    }

    proptest::proptest! {
        #[test]
        fn slugify_in_gives_a_valid_id_or_nothing(
            text in "(\\PC|[ЄєЇїЙйЮюЯяЗзГгЬь'’ʼ ıİşğ-]){0,200}",
            lang in proptest::sample::select(vec!["uk", "uk-UA", "ru", "tr", "en", "he", ""]),
        ) {
            let s = slugify_in(&text, lang);
            proptest::prop_assert!(s.is_empty() || is_valid_id(&s), "{:?} -> {:?}", text, s);
            proptest::prop_assert!(s.len() <= MAX_SLUG);
        }
    }

    #[test]
    fn ids_reject_paths() {
        assert!(is_valid_id("who-attends"));
        assert!(!is_valid_id("../etc"));
        assert!(!is_valid_id("a/b"));
        assert!(!is_valid_id(""));
        assert!(!is_valid_id("/abs"));
    }
}
