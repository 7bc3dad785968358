//! Located content errors: a file, a line and column, the offending line, and a fix.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use miette::{Diagnostic, NamedSource, SourceSpan};

/// A source file held for error reporting: its display path and its full text.
#[derive(Clone, Debug)]
pub struct Source {
    pub path: PathBuf,
    pub text: Arc<str>,
}

impl Source {
    pub fn new(path: impl Into<PathBuf>, text: impl Into<Arc<str>>) -> Self {
        Source {
            path: path.into(),
            text: text.into(),
        }
    }

    /// An error at a byte offset of this file.
    pub fn error_at(&self, offset: usize, len: usize, message: impl Into<String>) -> ContentError {
        ContentError::new(self, offset, len, message.into())
    }

    /// An error whose place is found by searching for `needle` after byte `from`
    /// (used for values in YAML, which the parser does not locate), else at `from`.
    pub fn error_near(
        &self,
        from: usize,
        needle: &str,
        message: impl Into<String>,
    ) -> ContentError {
        let from = from.min(self.text.len());
        match (!needle.is_empty())
            .then(|| self.text[from..].find(needle))
            .flatten()
        {
            Some(i) => self.error_at(from + i, needle.len(), message),
            None => self.error_at(from, 0, message),
        }
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = text[line_start..offset].chars().count() + 1;
    (line, col)
}

/// `text` with its control characters (but tab and line break) written as `\u{1b}`: an
/// error message never sends the terminal a control sequence out of the user's files.
fn visible(text: String) -> String {
    if !text.chars().any(is_hidden) {
        return text;
    }
    text.chars()
        .map(|c| match c {
            c if is_hidden(c) => c.escape_unicode().to_string(),
            c => c.to_string(),
        })
        .collect()
}

fn is_hidden(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// A file's text to quote in an error: each control character (but tab and line breaks)
/// replaced by a visible one of the same length in bytes, so that spans still fit.
fn same_length_visible(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            c if is_hidden(c) && c.len_utf8() == 1 => '?',
            c if is_hidden(c) => '¿',
            c => c,
        })
        .collect()
}

/// One problem in the user's content, templates or data.
#[derive(Debug, thiserror::Error, Diagnostic)]
#[error("{location}: {message}")]
pub struct ContentError {
    /// `path:line:column`.
    pub location: String,
    pub message: String,
    #[help]
    pub help: Option<String>,
    #[source_code]
    pub src: Option<NamedSource<String>>,
    #[label("here")]
    pub span: Option<SourceSpan>,
}

impl ContentError {
    fn new(source: &Source, offset: usize, len: usize, message: String) -> Self {
        let (line, col) = line_col(&source.text, offset);
        let name = source.path.display().to_string();
        let mut offset = offset.min(source.text.len());
        while !source.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let mut len = len.min(source.text.len() - offset);
        while !source.text.is_char_boundary(offset + len) {
            len -= 1;
        }
        ContentError {
            location: format!("{name}:{line}:{col}"),
            message: visible(message),
            help: None,
            src: Some(NamedSource::new(name, same_length_visible(&source.text))),
            span: Some(SourceSpan::from((offset, len))),
        }
    }

    /// An error about a whole file (no line to point at, e.g. it is not UTF-8).
    pub fn in_file(path: &Path, message: impl Into<String>) -> Self {
        ContentError {
            location: visible(path.display().to_string()),
            message: visible(message.into()),
            help: None,
            src: None,
            span: None,
        }
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_help(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }
}

/// Every problem found in one pass over the site.
#[derive(Debug, thiserror::Error, Diagnostic)]
pub struct ContentErrors {
    #[related]
    pub errors: Vec<ContentError>,
}

impl fmt::Display for ContentErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.errors.len() {
            1 => write!(f, "found 1 problem in the site"),
            n => write!(f, "found {n} problems in the site"),
        }
    }
}

impl ContentErrors {
    /// The plain-text report: one block per error, as printed in pipes and CI.
    pub fn plain_report(&self) -> String {
        self.errors.iter().map(plain).collect::<Vec<_>>().join("\n")
    }
}

/// One error as plain text: `error: path:line:col: message`, the line with a marker, the fix.
pub fn plain(e: &ContentError) -> String {
    let mut out = format!("error: {}: {}\n", e.location, e.message);
    if let (Some(src), Some(span)) = (&e.src, &e.span) {
        let text = src.inner();
        let (line, col) = line_col(text, span.offset());
        if let Some(l) = text.lines().nth(line - 1) {
            let gutter = line.to_string();
            let pad = " ".repeat(gutter.len());
            let width = text[span.offset()..span.offset() + span.len()]
                .lines()
                .next()
                .map_or(1, |s| s.chars().count().max(1));
            out += &format!(
                "{pad} |\n{gutter} | {l}\n{pad} | {}{}\n",
                " ".repeat(col - 1),
                "^".repeat(width)
            );
        }
    }
    if let Some(h) = &e.help {
        out += &format!("  = help: {h}\n");
    }
    out
}

/// The closest candidate to `word`, if one is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters() {
        let t = "ab\nçdé\nx";
        assert_eq!(line_col(t, 0), (1, 1));
        assert_eq!(line_col(t, 3), (2, 1));
        assert_eq!(line_col(t, 6), (2, 3)); // after "çd"
        assert_eq!(line_col(t, 999), (3, 2));
    }

    #[test]
    fn plain_report_marks_the_span() {
        let s = Source::new("a.md", "title: x\nhead: nobody\n");
        let e = s
            .error_near(0, "nobody", "unknown person `nobody`")
            .help("add them to people.yaml");
        assert_eq!(
            plain(&e),
            "error: a.md:2:7: unknown person `nobody`\n  |\n2 | head: nobody\n  |       ^^^^^^\n  = help: add them to people.yaml\n"
        );
    }

    #[test]
    fn suggestions() {
        assert_eq!(did_you_mean("titel", ["title", "summary"]), Some("title"));
        assert_eq!(did_you_mean("zzz", ["title", "summary"]), None);
    }
}
