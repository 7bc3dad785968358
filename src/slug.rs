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
    fn ids_reject_paths() {
        assert!(is_valid_id("who-attends"));
        assert!(!is_valid_id("../etc"));
        assert!(!is_valid_id("a/b"));
        assert!(!is_valid_id(""));
        assert!(!is_valid_id("/abs"));
    }
}
