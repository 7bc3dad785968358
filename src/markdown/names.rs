//! Finds people's names in answer text for linking: whole words, the longest name at each
//! word start, left to right.

use aho_corasick::AhoCorasick;

/// The names to link, built once per site.
pub struct NameIndex {
    /// Every name and alias, matched from a given position (anchored), longest first.
    matcher: Option<AhoCorasick>,
    /// Bytes that begin some name: only words starting with one are looked at.
    starts: [bool; 256],
    /// Every name begins with an ASCII capital or a non-ASCII byte (as names usually do):
    /// text without either is skipped eight bytes at a time.
    capitals_only: bool,
    /// Pattern index -> person index.
    owners: Vec<usize>,
    /// Person index -> URL of their page.
    urls: Vec<String>,
}

impl NameIndex {
    /// `people` is (names and aliases, page URL) per person.
    pub fn new(people: &[(Vec<String>, String)]) -> Self {
        let mut patterns = Vec::new();
        let mut owners = Vec::new();
        let mut starts = [false; 256];
        for (i, (names, _)) in people.iter().enumerate() {
            for n in names.iter().filter(|n| !n.trim().is_empty()) {
                starts[n.as_bytes()[0] as usize] = true;
                patterns.push(n.clone());
                owners.push(i);
            }
        }
        let matcher = (!patterns.is_empty()).then(|| {
            AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::LeftmostLongest)
                .start_kind(aho_corasick::StartKind::Anchored)
                .build(&patterns)
                .expect("names are plain strings")
        });
        let capitals_only =
            (0..=255u8).all(|b| !starts[b as usize] || b.is_ascii_uppercase() || b >= 0x80);
        NameIndex {
            matcher,
            starts,
            capitals_only,
            owners,
            urls: people.iter().map(|p| p.1.clone()).collect(),
        }
    }

    /// Whole-word mentions in `text`, left to right: (start, end, person). At each word
    /// start, the longest name that ends a word there; the search goes on after it.
    pub fn mentions(&self, text: &str) -> Vec<(usize, usize, usize)> {
        let Some(m) = &self.matcher else {
            return Vec::new();
        };
        let bytes = text.as_bytes();
        let mut found = Vec::new();
        let mut i = 0;
        // Only a byte that begins a name can begin a mention; such a byte is never inside a
        // UTF-8 sequence, so `i` stays on a character boundary.
        while let Some(k) = self.next_start(bytes, i) {
            i = k;
            let word_start = !text[..i]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
            match word_start.then(|| longest_at(m, text, i)).flatten() {
                Some(hit) => {
                    found.push((i, hit.end(), self.owners[hit.pattern().as_usize()]));
                    i = hit.end();
                }
                None => i += 1,
            }
        }
        found
    }

    /// The URL of person `person`'s page.
    pub fn url(&self, person: usize) -> &str {
        &self.urls[person]
    }

    /// The first position from `i` on whose byte begins some name.
    fn next_start(&self, bytes: &[u8], mut i: usize) -> Option<usize> {
        if self.capitals_only {
            while let Some(chunk) = bytes.get(i..i + 8) {
                let w = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
                if may_begin_name(w)
                    && let Some(k) = chunk.iter().position(|&b| self.starts[b as usize])
                {
                    return Some(i + k);
                }
                i += 8;
            }
        }
        bytes[i..]
            .iter()
            .position(|&b| self.starts[b as usize])
            .map(|k| i + k)
    }
}

/// Whether any of the eight bytes in `w` is an ASCII capital or not ASCII. With the high bit
/// set in every byte, subtracting `A` (or the byte after `Z`) borrows from no neighbour, and
/// leaves the high bit set exactly where the byte is at least `A` (or past `Z`).
fn may_begin_name(w: u64) -> bool {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const ONES: u64 = 0x0101_0101_0101_0101;
    let x = w | HIGH;
    let from_a = x - ONES * u64::from(b'A');
    let past_z = x - ONES * u64::from(b'Z' + 1);
    ((from_a & !past_z) | w) & HIGH != 0
}

/// The longest name matching `text` at `at` that ends a word.
fn longest_at(m: &AhoCorasick, text: &str, at: usize) -> Option<aho_corasick::Match> {
    let mut end = text.len();
    loop {
        let input = aho_corasick::Input::new(text)
            .range(at..end)
            .anchored(aho_corasick::Anchored::Yes);
        let hit = m.find(input)?;
        if !text[hit.end()..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
        {
            return Some(hit);
        }
        // It runs into the next letter (`Ann` in `Annabel`): try the shorter names.
        end = hit.end() - 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Names that overlap, share beginnings, repeat and leave ASCII, for the property below.
    const TRICKY: [&[&str]; 5] = [
        &["Ann", "Anna Lee", "Lee"],
        &["Lee Ann", "Annabel"],
        &["Ö Zil", "Zil"],
        &["Ann"],
        &["Київ", "ab cd", "cd ef"],
    ];

    /// An index of these people's names (no pages).
    fn index_of(people: &[&[&str]]) -> NameIndex {
        NameIndex::new(
            &people
                .iter()
                .map(|ns| (ns.iter().map(|n| n.to_string()).collect(), String::new()))
                .collect::<Vec<_>>(),
        )
    }

    /// The definition of a mention, the slow way: at each word start (a character boundary
    /// not after a letter or digit), the longest name there that ends a word, ties to the
    /// person listed first; then on after it.
    fn mentions_by_definition(text: &str) -> Vec<(usize, usize, usize)> {
        mentions_of(&TRICKY, text)
    }

    /// [`mentions_by_definition`] for any people's names.
    fn mentions_of(people: &[&[&str]], text: &str) -> Vec<(usize, usize, usize)> {
        let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let mut out = Vec::new();
        let mut i = 0;
        while i < text.len() {
            if alnum(text[..i].chars().next_back()) {
                i += text[i..].chars().next().map_or(1, char::len_utf8);
                continue;
            }
            let best = people
                .iter()
                .enumerate()
                .flat_map(|(p, ns)| ns.iter().map(move |n| (p, *n)))
                .filter(|(_, n)| {
                    text[i..].starts_with(n) && !alnum(text[i + n.len()..].chars().next())
                })
                .fold(None::<(usize, &str)>, |b, (p, n)| match b {
                    Some((_, bn)) if bn.len() >= n.len() => b,
                    _ => Some((p, n)),
                });
            match best {
                Some((p, n)) => {
                    out.push((i, i + n.len(), p));
                    i += n.len();
                }
                None => i += text[i..].chars().next().map_or(1, char::len_utf8),
            }
        }
        out
    }

    proptest! {
        /// Name finding is the definition above, on text made of pieces of the names.
        #[test]
        fn mentions_are_the_longest_whole_names_left_to_right(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "Ann", "Anna", "Lee", " ", "a", "bel", ",", "Ö", "Zil", "é", "Київ", "x",
                    "ab", "cd", "ef", " cd", "-", "1",
                ]),
                0..12,
            )
        ) {
            let text: String = pieces.concat();
            let index = index_of(&TRICKY);
            prop_assert_eq!(index.mentions(&text), mentions_by_definition(&text));
        }
    }

    proptest! {
        /// The same with names that all begin with a capital or a non-ASCII letter, which are
        /// looked for eight bytes at a time, in longer text.
        #[test]
        fn capitalised_names_are_found_eight_bytes_at_a_time(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "Ann", "Anna", "Lee", " ", "a", "bel", ",", "Ö", "Zil", "é", "Київ", "x",
                    "the talks ", "Bel", "AZ", "@[`{", "1",
                ]),
                0..24,
            )
        ) {
            let people: &[&[&str]] = &TRICKY[..4];
            let text: String = pieces.concat();
            let index = index_of(people);
            prop_assert!(index.capitals_only);
            prop_assert_eq!(index.mentions(&text), mentions_of(people, &text));
        }
    }

    /// The eight-byte test against the one-byte one, for every byte in every place.
    #[test]
    fn may_begin_name_sees_every_capital_and_non_ascii_byte() {
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut bytes = *b"abcdefgh";
                bytes[at] = b;
                assert_eq!(
                    may_begin_name(u64::from_le_bytes(bytes)),
                    b.is_ascii_uppercase() || b >= 0x80,
                    "byte {b:#x} at {at}"
                );
            }
        }
        assert!(!may_begin_name(u64::from_le_bytes(*b"@[`{ z09")));
    }

    #[test]
    fn a_name_running_into_a_word_gives_way_to_a_shorter_one() {
        let index = NameIndex::new(&[(vec!["Kemal".into(), "Kemal Eriksen".into()], "/k/".into())]);
        assert_eq!(index.mentions("Kemal Eriksenn said"), vec![(0, 5, 0)]);
        assert_eq!(index.mentions("Kemal Eriksen, said"), vec![(0, 13, 0)]);
        assert_eq!(index.mentions("xKemal Kemal"), vec![(7, 12, 0)]);
    }
}
