//! Typographic quotes for plain text from YAML (titles, roles, bios, stances, captions), as
//! Markdown's smart punctuation gives the answers: 'x' -> ‘x’, "x" -> “x”, it's -> it’s.

use std::borrow::Cow;

/// `text` with straight quotes made typographic: an opening quote after the start, a space or
/// an opening bracket or dash, a closing quote (or apostrophe) elsewhere. Web addresses in
/// the text (`http://…`, `https://…`, `www.…`, up to the next space) are left as they are.
pub(crate) fn quotes(text: &str) -> Cow<'_, str> {
    if !text.contains(['\'', '"']) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut prev: Option<char> = None;
    let mut in_url = false;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            in_url = false;
        } else if !in_url && opens_word(prev) && starts_url(&text[i..]) {
            in_url = true;
        }
        let opening = opens_word(prev);
        out.push(match c {
            '\'' if !in_url => {
                // '90s: an apostrophe for the missing digits, not an opening quote.
                let digit_follows = text[i + 1..].starts_with(|d: char| d.is_ascii_digit());
                if opening && !digit_follows {
                    '‘'
                } else {
                    '’'
                }
            }
            '"' if !in_url => {
                if opening {
                    '“'
                } else {
                    '”'
                }
            }
            c => c,
        });
        prev = Some(c);
    }
    Cow::Owned(out)
}

/// What a quote opens after, besides white space: an opening bracket, a dash, another
/// opening quote or a slash.
const OPENERS: [char; 9] = ['(', '[', '{', '—', '–', '-', '“', '‘', '/'];

/// Whether a quote after `prev` opens: at the start, after a space or one of [`OPENERS`].
fn opens_word(prev: Option<char>) -> bool {
    match prev {
        None => true,
        Some(p) => p.is_whitespace() || OPENERS.contains(&p),
    }
}

fn starts_url(s: &str) -> bool {
    let lower = |p: &str| s.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p));
    lower("http://") || lower("https://") || lower("www.")
}

/// [`quotes`] into an owned string (taking `text` back when nothing changes).
pub(crate) fn quoted(text: String) -> String {
    match quotes(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(s) => s,
    }
}

/// [`quoted`] for an optional text.
pub(crate) fn quoted_opt(text: Option<String>) -> Option<String> {
    text.map(quoted)
}

/// The text of a bit of rendered inline HTML: tags dropped, the entities a Markdown renderer
/// writes decoded (each once: `&amp;lt;` is `&lt;`), whitespace collapsed.
pub fn plain_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// At most `max` characters, cut at a word boundary with an ellipsis.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => &cut[..i],
        _ => &cut,
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apostrophes_and_double_quotes_become_typographic() {
        assert_eq!(
            quotes("Director of Russia's GRU"),
            "Director of Russia’s GRU"
        );
        assert_eq!(
            quotes(r#"what it calls the "root causes" of the conflict, the "denazification""#),
            "what it calls the “root causes” of the conflict, the “denazification”"
        );
        assert_eq!(
            quotes(r#"Erdogan: "Unfortunately, they are not serious.""#),
            "Erdogan: “Unfortunately, they are not serious.”"
        );
        assert_eq!(
            quotes("'single' and ('bracketed')"),
            "‘single’ and (‘bracketed’)"
        );
        assert_eq!(quotes("the soldiers' remains"), "the soldiers’ remains");
        assert_eq!(quotes("the '90s"), "the ’90s");
        assert_eq!(quotes(r#""a 'nested' quote""#), "“a ‘nested’ quote”");
        assert_eq!(
            quotes("talks—\"possible compromises\""),
            "talks—“possible compromises”"
        );
    }

    #[test]
    fn text_without_straight_quotes_is_borrowed_as_it_is() {
        assert!(matches!(quotes("Türkiye’s “talks”"), Cow::Borrowed(_)));
        assert!(matches!(quotes(""), Cow::Borrowed(_)));
        let s = String::from("no quotes here");
        let ptr = s.as_ptr();
        let same = quoted(s);
        assert_eq!(same.as_ptr(), ptr);
    }

    #[test]
    fn web_addresses_keep_their_straight_quotes() {
        assert_eq!(
            quotes("see https://example.org/it's?q=\"x\" for 'more'"),
            "see https://example.org/it's?q=\"x\" for ‘more’"
        );
        assert_eq!(
            quotes("(www.example.org/a'b) isn't"),
            "(www.example.org/a'b) isn’t"
        );
    }
}
