//! People and talks for unit tests elsewhere (values.rs, meta.rs), with every field set.

use super::*;

/// A person in the party Aldoria, at `people/<id>/`, with no native name or bio.
pub fn person(id: &str, name: &str, role: &str) -> Person {
    Person {
        id: id.into(),
        name: name.into(),
        role: role.into(),
        party: "Aldoria".into(),
        country: None,
        aliases: vec![],
        native_name: None,
        native_lang: None,
        bio: None,
        path: format!("people/{id}/"),
        mentions: vec![],
        roles_in: vec![],
    }
}

/// Talks with every optional part given (a time and its zone, a place and venue with
/// text that needs escaping, a host), around `parties` and `mediators`.
pub fn talks(parties: Vec<Party>, mediators: Vec<Arc<PersonRef>>) -> Talks {
    Talks {
        name: "Talks between Aldoria and Berenia".into(),
        when: Some(crate::text::dates::parse("2025-05-16T09:30:00Z").unwrap()),
        tentative: false,
        when_label: Some("Set for".into()),
        when_note: Some("two days".into()),
        when_text: Some("Set for 16 May 2025, 09:30 UTC (two days)".into()),
        local_time: Some("12:30 in Istanbul (UTC+3)".into()),
        local_iso: Some("2025-05-16T12:30:00+03:00".into()),
        timezone: Some("Europe/Istanbul".into()),
        place: Some("Istanbul".into()),
        venue: Some("Dolmabahçe Palace & grounds".into()),
        host: Some("Türkiye".into()),
        status: "Under way".into(),
        status_key: "under-way".into(),
        status_schema: "https://schema.org/EventScheduled".into(),
        parties,
        mediators,
    }
}
