//! Property tests: the parsers of user files never panic, and keep their invariants.

use parley::diag::Source;
use parley::load::{frontmatter, yaml};
use parley::markdown::names::NameIndex;
use parley::markdown::shortcode;
use parley::markdown::{self, Settings};
use parley::schema::{EventEntry, FrontMatter, PeopleFile, PersonEntry, SiteConfig};
use parley::text::slug;
use proptest::prelude::*;

/// Markdown-ish text: the characters that matter to our parsers, plus anything.
fn markdownish() -> impl Strategy<Value = String> {
    let pieces = prop::collection::vec(
        prop_oneof![
            Just("## ".to_string()),
            Just("\n".to_string()),
            Just("---\n".to_string()),
            Just("{{ ".to_string()),
            Just(" }}".to_string()),
            Just("{{ timeline() }}".to_string()),
            Just("{{ person(id=\"a\", n=1) }}".to_string()),
            Just("(".to_string()),
            Just("\"".to_string()),
            Just("`".to_string()),
            Just("```\n".to_string()),
            Just("{#id}".to_string()),
            Just("[x](@/a/index.md#b)".to_string()),
            Just("[j](javascript:x)".to_string()),
            Just("<script>".to_string()),
            Just("Putin".to_string()),
            Just("\u{FFFC}".to_string()),
            Just("\r\n".to_string()),
            Just("> ".to_string()),
            Just("- ".to_string()),
            "\\PC{0,12}",
        ],
        0..40,
    );
    pieces.prop_map(|v| v.concat())
}

/// YAML-ish text for translations laid over an original: keys that are facts and text,
/// lists, maps, flow collections and stray syntax.
fn yamlish() -> impl Strategy<Value = String> {
    let pieces = prop::collection::vec(
        prop_oneof![
            Just("title: ".to_string()),
            Just("published: ".to_string()),
            Just("talks:\n".to_string()),
            Just("  when: ".to_string()),
            Just("  parties:\n".to_string()),
            Just("    - name: ".to_string()),
            Just("updates:\n".to_string()),
            Just("  - at: ".to_string()),
            Just("    text: ".to_string()),
            Just("2025-05-16".to_string()),
            Just("{at: 2025-05-16T09:30:00Z, label: x}".to_string()),
            Just("[a, b]".to_string()),
            Just("\n".to_string()),
            Just("\"".to_string()),
            Just(": ".to_string()),
            Just("- ".to_string()),
            "\\PC{0,10}",
        ],
        0..30,
    );
    pieces.prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn translation_overlay_never_panics_and_locates_its_errors(tr in yamlish()) {
        let orig = "title: T\npublished: 2025-05-16\ntalks:\n  when: {at: 2025-05-16T09:30:00Z, label: x}\n  parties:\n    - name: A\n      members: [a]\nupdates:\n  - at: 2025-05-17\n    text: u\n";
        let o = Source::new("index.md", orig);
        let t = Source::new("index.uk.md", tr.as_str());
        let fact = |p: &str| matches!(p, "published" | "talks.when.at" | "talks.parties.members" | "updates.at");
        let part = |s, text| yaml::Part { source: s, offset: 0, text };
        match yaml::parse_overlay::<FrontMatter>(part(&o, orig), part(&t, &tr), &fact, false) {
            // Facts are the original's, whatever the translation says.
            Ok(f) => prop_assert_eq!(f.published.as_text(), "2025-05-16"),
            Err(errors) => {
                prop_assert!(!errors.is_empty());
                for e in errors {
                    prop_assert!(e.location.starts_with("index.uk.md:"), "{}", e.location);
                }
            }
        }
    }

    #[test]
    fn front_matter_split_never_panics_and_ranges_are_consistent(text in markdownish()) {
        let t = frontmatter::strip_bom(&text);
        if let Ok(s) = frontmatter::split(t) {
            prop_assert_eq!(&t[s.body_offset..], s.body);
            prop_assert_eq!(&t[s.yaml_offset..s.yaml_offset + s.yaml.len()], s.yaml);
        }
    }

    #[test]
    fn slugs_are_readable_ascii(text in "\\PC{0,40}") {
        let s = slug::slugify(&text);
        prop_assert!(s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'));
        prop_assert!(!s.starts_with('-') && !s.ends_with('-') && !s.contains("--"));
        prop_assert!(s.is_empty() || slug::is_valid_id(&s));
    }

    #[test]
    fn shortcode_extraction_never_panics_and_maps_offsets_in_bounds(text in markdownish()) {
        let ex = shortcode::extract(&text);
        for i in 0..=ex.text.len() {
            prop_assert!(ex.original_offset(i) <= text.len());
        }
        for c in &ex.calls {
            prop_assert!(text[c.offset..].starts_with("{{"));
            prop_assert!(c.offset + c.len <= text.len());
        }
    }

    #[test]
    fn markdown_rendering_never_panics_and_never_leaks_script(text in markdownish()) {
        let names = NameIndex::new(&[(vec!["Putin".into()], "/people/p/".into())]);
        let body = markdown::render(&text, &Settings { allow_raw_html: false, base_path: "/", names: &names, page_path: "a/", lang: "en", slugs: None });
        let all = std::iter::once(body.lead_html.clone()).chain(body.questions.iter().map(|q| q.html.clone() + &q.title_html));
        for html in all {
            prop_assert!(!html.contains("<script"));
            prop_assert!(!html.contains("href=\"javascript"));
        }
        for q in &body.questions {
            prop_assert!(slug::is_valid_id(&q.id), "bad id {:?}", q.id);
        }
    }

    #[test]
    fn yaml_parsing_never_panics(text in "\\PC{0,200}") {
        let src = Source::new("x.yaml", text.clone());
        let _ = yaml::parse::<SiteConfig>(&src, 0, &text);
        let _ = yaml::parse::<FrontMatter>(&src, 0, &text);
        let _ = yaml::parse::<Vec<PersonEntry>>(&src, 0, &text);
        let _ = yaml::parse::<PeopleFile>(&src, 0, &text);
        let _ = yaml::parse::<Vec<EventEntry>>(&src, 0, &text);
    }

    /// The new forms' keys in any order and shape: an error or a value, never a panic.
    #[test]
    fn when_and_weekday_maps_never_panic(
        at in "[0-9T:Z-]{0,22}",
        extra in "(tentative: (true|maybe)|note: x|label: y|weekday: [A-Za-z]{0,9}|week_of: [0-9-]{0,10}|at: 1|)",
    ) {
        let text = format!("title: t\npublished: 2025\ntalks:\n  when: {{at: \"{at}\", {extra}}}\n");
        let src = Source::new("x.md", text.clone());
        let _ = yaml::parse::<FrontMatter>(&src, 0, &text);
        let events = format!("- date: {{weekday: Thursday, week_of: \"{at}\", {extra}}}\n  text: t\n");
        let src = Source::new("t.yaml", events.clone());
        if let Ok(list) = yaml::parse::<Vec<EventEntry>>(&src, 0, &events)
            && let Some(parley::schema::EventDate::Weekday(w)) = list.first().map(|e| &e.date)
            && let Ok(week_of) = parley::text::dates::parse(&w.week_of.as_text())
        {
            let _ = parley::text::dates::weekday_of(&w.weekday, &week_of);
        }
    }

    #[test]
    fn slugs_of_long_text_are_capped_after_a_word(words in prop::collection::vec("[a-zA-Zé ]{1,30}", 0..60)) {
        let text = words.join(" ");
        let s = slug::slugify(&text);
        prop_assert!(s.len() <= slug::MAX_SLUG, "{} > {}", s.len(), slug::MAX_SLUG);
        prop_assert!(s.is_empty() || slug::is_valid_id(&s));
        // Cut where a word ends: the slug of the text and more words starts with it.
        let longer = slug::slugify(&format!("{text} more words"));
        prop_assert!(longer.starts_with(&s), "{} / {}", s, longer);
    }

    #[test]
    fn question_ids_fit_in_a_file_name(words in prop::collection::vec("[a-z]{1,12}", 1..100)) {
        let names = NameIndex::new(&[]);
        let text = format!("## {}?\n\nA.\n\n## {}?\n\nB.\n", words.join(" "), words.join(" "));
        let body = markdown::render(&text, &Settings { allow_raw_html: false, base_path: "/", names: &names, page_path: "a/", lang: "en", slugs: None });
        prop_assert_eq!(body.questions.len(), 2);
        for q in &body.questions {
            prop_assert!(q.id.len() <= slug::MAX_SLUG + 2, "{}", q.id.len());
            prop_assert!(slug::is_valid_id(&q.id));
        }
        prop_assert_ne!(&body.questions[0].id, &body.questions[1].id);
    }

    /// Text read from YAML never holds a control character but tab and line break, however
    /// it is escaped: it is refused (with a place) instead.
    #[test]
    fn yaml_text_holds_no_control_characters(parts in prop::collection::vec(
        prop_oneof![
            Just("\\0"), Just("\\x1b"), Just("\\t"), Just("\\n"), Just("\\r"),
            Just("\\u0085"), Just("\\x7f"), Just("\\e"), Just("\\a"), Just("a"), Just("é"), Just(" "),
        ],
        0..12,
    )) {
        let text = format!("title: \"{}\"\npublished: 2026-01-05\n", parts.concat());
        let src = Source::new("x.md", text.clone());
        match yaml::parse::<FrontMatter>(&src, 0, &text) {
            Ok(f) => prop_assert!(
                !f.title.chars().any(|c| c.is_control() && c != '\t' && c != '\n'),
                "{:?}", f.title
            ),
            Err(e) => {
                prop_assert!(e.message.starts_with("control character U+"), "{}", e.message);
                prop_assert_eq!(e.location.as_str(), "x.md:1:8");
            }
        }
    }

    #[test]
    fn control_characters_are_found_wherever_they_are(s in any::<String>()) {
        let by_definition = s
            .char_indices()
            .find(|&(_, c)| c.is_control() && !matches!(c, '\t' | '\n' | '\r'));
        prop_assert_eq!(parley::load::files::first_control(&s), by_definition);
    }

    #[test]
    fn dates_never_panic(text in "[0-9T:Z+-]{0,30}") {
        let _ = parley::text::dates::parse(&text);
    }
}

/// Declaring files (content/series.yaml, topics.yaml, countries.yaml) of any text: parsed or
/// a located error, never a panic.
fn declaring_text() -> impl Strategy<Value = String> {
    let pieces = prop::collection::vec(
        prop_oneof![
            Just("- id: ".to_string()),
            Just("- code: ".to_string()),
            Just("  name: ".to_string()),
            Just("  title: ".to_string()),
            Just("  description: ".to_string()),
            Just("water".to_string()),
            Just("UA".to_string()),
            Just("[a, b]".to_string()),
            Just("{id: x}".to_string()),
            Just("\n".to_string()),
            Just(": ".to_string()),
            Just("\"".to_string()),
            "\\PC{0,8}",
        ],
        0..24,
    );
    pieces.prop_map(|v| v.concat())
}

fn taxonomy_kind(i: usize) -> parley::taxonomy::Kind {
    parley::taxonomy::Kind::ALL[i]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn declaring_files_never_panic(text in declaring_text(), k in 0usize..3) {
        let kind = taxonomy_kind(k);
        let src = Source::new(format!("content/{}", kind.file()), text.as_str());
        if let Err(e) = parley::taxonomy::parse(kind, &src) {
            let want = format!("error: content/{}:", kind.file());
            let report = parley::diag::plain(&e);
            prop_assert!(report.starts_with(&want), "{}", report);
        }
    }

    /// Each declared term is accepted once (ids usable in URLs, no two at one path) or
    /// reported at the line of its id.
    #[test]
    fn declared_terms_are_accepted_once_or_reported_at_their_line(
        ids in prop::collection::vec(
            prop_oneof![
                Just("water"), Just("Water"), Just("borders"), Just("UA"), Just("ua"),
                Just("TR"), Just("a b"), Just("x_1"), Just("über"), Just("UKR"),
            ],
            0..8,
        ),
        k in 0usize..3,
    ) {
        let kind = taxonomy_kind(k);
        let key = if kind == parley::taxonomy::Kind::Country { "code" } else { "id" };
        let name = if kind == parley::taxonomy::Kind::Series { "title" } else { "name" };
        let text: String = ids.iter().map(|id| format!("- {key}: {id}\n  {name}: N\n")).collect();
        let src = Source::new(format!("content/{}", kind.file()), text.as_str());
        let terms = parley::taxonomy::parse(kind, &src).expect("well-formed YAML");
        prop_assert_eq!(terms.len(), ids.len());
        let mut declared = parley::taxonomy::Declared::default();
        declared.0[k] = (terms, Some(src.clone()));
        let cfg_src = Source::new("content/site.yaml", "title: x");
        let cfg: SiteConfig = yaml::parse(&cfg_src, 0, "title: x").unwrap();
        let mut errors = Vec::new();
        let tax = parley::taxonomy::Taxonomy::new(declared, &cfg, &mut errors);
        let accepted = &tax.terms[k];
        prop_assert_eq!(accepted.len() + errors.len(), ids.len());
        let paths: std::collections::HashSet<&str> = accepted.iter().map(|t| t.path.as_str()).collect();
        prop_assert_eq!(paths.len(), accepted.len(), "no two terms at one path");
        for e in &errors {
            let report = parley::diag::plain(e);
            let line: usize = report.split(':').nth(2).unwrap().parse().unwrap();
            let text_line = text.lines().nth(line - 1).unwrap();
            prop_assert!(ids.iter().any(|id| text_line == format!("- {key}: {id}")), "{}", report);
        }
    }
}
