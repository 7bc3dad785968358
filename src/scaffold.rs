//! `new`: scaffolds an explainer with its front matter filled in and placeholder questions.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::slug;

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles() {
        assert_eq!(title_from_slug("geneva-water-talks"), "Geneva water talks");
    }
}
