//! `new`: scaffolds an explainer with its front matter filled in and placeholder questions.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use anyhow::{Context, Result, bail};
use memchr::memmem;
use rayon::prelude::*;

use crate::load::Loaded;
use crate::text::slug;

/// The texts [`template`] leaves for the writer to replace; published as they are, they
/// would read as a mistake.
const PLACEHOLDERS: [&str; 7] = [
    "Write the answer here.",
    "What readers need to know first, in two or three sentences.",
    "One or two sentences: what these talks are and why they matter.",
    "\"City, Country\"",
    "\"First party\"",
    "\"Second party\"",
    "head: null",
];

/// Title case from a slug: `geneva-water-talks` -> `Geneva water talks`.
pub fn title_from_slug(s: &str) -> String {
    let words = s.replace(['-', '_'], " ");
    let mut c = words.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The text of a new explainer published at `now` (RFC 3339).
pub fn template(slug: &str, now: &str) -> String {
    let title = title_from_slug(slug);
    format!(
        r#"---
title: "{title}"
summary: "One or two sentences: what these talks are and why they matter."
published: {now}
draft: true
talks:
  when: {now}             # start time in UTC, or a date
  timezone: Europe/Istanbul   # the venue's IANA time zone
  where: "City, Country"
  host: "Host country"
  status: scheduled           # scheduled | under way | concluded | postponed
  parties:
    - name: "First party"
      head: null              # a people.yaml id
      members: []
    - name: "Second party"
      head: null
      members: []
  mediators: []
updates: []
---
What readers need to know first, in two or three sentences.

## When are the talks?

Write the answer here.

## Who is expected to attend?

Write the answer here.

## Where do the parties stand?

Write the answer here.
"#
    )
}

/// Write `content/<slug>/index.md` under `root`; refuses to overwrite.
pub fn new_explainer(root: &Path, name: &str, now: &str) -> Result<PathBuf> {
    if !slug::is_valid_id(name) {
        bail!(
            "`{name}` cannot be used as a folder and URL name\nhelp: use letters, digits and dashes, e.g. `{}`",
            slug::slugify(name)
        );
    }
    let dir = root.join("content").join(name);
    let file = dir.join("index.md");
    if file.exists() {
        bail!(
            "{} already exists\nhelp: choose another name, or edit that file",
            file.display()
        );
    }
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&file)
        .with_context(|| format!("cannot create {}", file.display()))?;
    std::io::Write::write_all(&mut f, template(name, now).as_bytes())?;
    Ok(file)
}

/// The 1-based lines of `text` holding a scaffold placeholder, with the first one found.
pub(crate) fn placeholders(text: &str) -> (Vec<usize>, Option<&'static str>) {
    // Written explainers hold none: a SIMD search of the whole text for each says so at
    // once. Looking for each placeholder line by line took a tenth of a no-change rebuild;
    // `str::contains` (and aho-corasick's one pass for all seven) over whole texts, a
    // twentieth at 10,000 explainers.
    static FINDERS: LazyLock<Vec<memmem::Finder<'static>>> =
        LazyLock::new(|| PLACEHOLDERS.iter().map(memmem::Finder::new).collect());
    if !FINDERS.iter().any(|f| f.find(text.as_bytes()).is_some()) {
        return (Vec::new(), None);
    }
    let mut lines = Vec::new();
    let mut first = None;
    for (i, line) in text.lines().enumerate() {
        if let Some(p) = PLACEHOLDERS.iter().find(|p| line.contains(*p)) {
            lines.push(i + 1);
            first.get_or_insert(*p);
        }
    }
    (lines, first)
}

/// Warn (through `log`) about what a new user would not notice: drafts left out without
/// `--drafts`, and scaffold placeholders still in the explainers that are built.
pub(crate) fn warn_drafts_and_placeholders(loaded: &Loaded, drafts: bool) {
    let skipped: Vec<String> = (loaded.explainers.iter())
        .filter(|e| e.front.draft && !drafts)
        .map(|e| format!("content/{}", e.slug))
        .collect();
    if !skipped.is_empty() {
        let one = skipped.len() == 1;
        log::warn!(
            "skipped {} draft{}: {} (use --drafts to include {})",
            skipped.len(),
            if one { "" } else { "s" },
            skipped.join(", "),
            if one { "it" } else { "them" }
        );
    }
    // Looked for in parallel, warned about in the explainers' order.
    let left_in: Vec<_> = (loaded.explainers.par_iter())
        .filter(|e| drafts || !e.front.draft)
        .filter_map(|e| match placeholders(&e.source.text) {
            (lines, Some(first)) => Some((&e.slug, lines, first)),
            (_, None) => None,
        })
        .collect();
    for (slug, lines, first) in left_in {
        let lines: Vec<String> = lines.iter().map(usize::to_string).collect();
        log::warn!(
            "content/{slug}/index.md: scaffold placeholders left in (`{first}`) on line{} {}: replace them before publishing",
            if lines.len() == 1 { "" } else { "s" },
            lines.join(", ")
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scaffold_is_all_placeholders_until_written() {
        let text = template("lake-talks", "2026-01-01T00:00:00Z");
        let (lines, first) = placeholders(&text);
        assert_eq!(first, Some(PLACEHOLDERS[2]));
        // Summary, place, two parties and their heads, the lede and three answers.
        assert_eq!(lines.len(), 10, "{lines:?}");
        let written = text
            .replace("Write the answer here.", "In March.")
            .replace("head: null", "head: mara")
            .replace(
                "What readers need to know first, in two or three sentences.",
                "Lede.",
            )
            .replace(
                "One or two sentences: what these talks are and why they matter.",
                "Sum.",
            )
            .replace("City, Country", "Geneva, Switzerland")
            .replace("First party", "Norway")
            .replace("Second party", "Iceland");
        assert_eq!(placeholders(&written), (Vec::new(), None));
    }

    #[test]
    fn placeholder_lines_count_every_line_break_once() {
        let text = "a\r\nhead: null and Write the answer here.\r\n\nb\nhead: null\nhead: null";
        assert_eq!(
            placeholders(text),
            (vec![2, 5, 6], Some("Write the answer here."))
        );
        assert_eq!(placeholders("no\nplaceholders"), (Vec::new(), None));
    }

    #[test]
    fn titles() {
        assert_eq!(title_from_slug("geneva-water-talks"), "Geneva water talks");
    }
}
