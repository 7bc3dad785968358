//! Finds Zola-style shortcode calls, `{{ name(arg="value") }}`, in Markdown source.
//!
//! Calls are swapped for placeholders before Markdown rendering and the placeholders for
//! the rendered templates after, so Markdown never mangles a shortcode's output.

use std::collections::BTreeMap;

use serde_json::Value;

/// The character that brackets a placeholder; it never appears in real prose.
pub const MARK: char = '\u{FFFC}';

/// What opens a call: named once, so the scanner's byte tests say what they look for.
const OPEN: &str = "{{";

/// One call found in the source.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    pub name: String,
    pub args: BTreeMap<String, Value>,
    /// Byte offset and length of the whole `{{ … }}` in the original text.
    pub offset: usize,
    pub len: usize,
}

/// A malformed call: where, and what is wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    pub offset: usize,
    pub message: String,
}

/// The source with calls replaced by placeholders, and a map back to original offsets.
#[derive(Debug, Default)]
pub struct Extracted {
    pub text: String,
    pub calls: Vec<Call>,
    pub errors: Vec<SyntaxError>,
    /// (offset in `text`, offset in the original, placeholder length, original length).
    spans: Vec<(usize, usize, usize, usize)>,
}

impl Extracted {
    /// The original byte offset of a byte offset in the processed text.
    pub fn original_offset(&self, at: usize) -> usize {
        let i = self.spans.partition_point(|s| s.0 <= at);
        if i == 0 {
            return at;
        }
        let (p, o, plen, olen) = self.spans[i - 1];
        if at < p + plen {
            o
        } else {
            at - (p + plen) + (o + olen)
        }
    }
}

impl Extracted {
    /// Put `call`'s placeholder in the text, noting where it stands for which original.
    fn push_call(&mut self, call: Call) {
        let ph = placeholder(self.calls.len());
        self.spans
            .push((self.text.len(), call.offset, ph.len(), call.len));
        self.text.push_str(&ph);
        self.calls.push(call);
    }
}

/// The placeholder text for call number `n`.
pub fn placeholder(n: usize) -> String {
    format!("{MARK}sc{n}{MARK}")
}

/// The number and byte length of the [`placeholder`] at the start of `s`, if one is there.
pub fn placeholder_at(s: &str) -> Option<(usize, usize)> {
    let body = s.strip_prefix(MARK)?.strip_prefix("sc")?;
    let digits = body.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || !body[digits..].starts_with(MARK) {
        return None;
    }
    let n = body[..digits].parse().ok()?;
    Some((n, 2 * MARK.len_utf8() + 2 + digits))
}

/// Find every call outside code, replacing each with its placeholder.
pub fn extract(src: &str) -> Extracted {
    let mut out = Extracted {
        text: String::with_capacity(src.len()),
        ..Default::default()
    };
    if !src.contains(OPEN) {
        out.text.push_str(src);
        return out;
    }
    let bytes = src.as_bytes();
    let mut i = 0;
    let mut copied = 0;
    let mut fence: Option<(u8, usize)> = None;
    let mut line_start = true;
    while i < bytes.len() {
        let b = bytes[i];
        if line_start {
            fence = fence_after_line_start(bytes, i, fence);
        }
        line_start = b == b'\n';
        if fence.is_some() {
            // Inside fenced code only the start of the next line matters.
            i += 1;
            if !line_start {
                i += memchr::memchr(b'\n', &bytes[i..]).unwrap_or(bytes.len() - i);
            }
            continue;
        }
        if b == b'`' {
            i = after_code_span(src, i);
            continue;
        }
        if bytes[i..].starts_with(OPEN.as_bytes()) {
            match parse_call(src, i) {
                Ok(Some(call)) => {
                    out.text.push_str(&src[copied..i]);
                    i += call.len;
                    copied = i;
                    out.push_call(call);
                    continue;
                }
                Ok(None) => {}
                Err(e) => out.errors.push(e),
            }
        }
        i += 1;
        if !line_start {
            // Only a newline, a backtick or a brace can change anything: skip to the next.
            i += memchr::memchr3(b'\n', b'`', OPEN.as_bytes()[0], &bytes[i..])
                .unwrap_or(bytes.len() - i);
        }
    }
    out.text.push_str(&src[copied..]);
    out
}

/// The fence state after the start of the line at `i`: a line starting (after up to 3
/// spaces) with ``` or ~~~ opens fenced code, or closes the open fence if it is made of the
/// same character and at least as long.
fn fence_after_line_start(
    bytes: &[u8],
    i: usize,
    fence: Option<(u8, usize)>,
) -> Option<(u8, usize)> {
    let indent = bytes[i..].iter().take_while(|&&c| c == b' ').count();
    let j = i + indent;
    if indent <= 3 && j < bytes.len() && (bytes[j] == b'`' || bytes[j] == b'~') {
        let run = bytes[j..].iter().take_while(|&&c| c == bytes[j]).count();
        if run >= 3 {
            match fence {
                None => return Some((bytes[j], run)),
                Some((c, n)) if c == bytes[j] && run >= n => return None,
                _ => {}
            }
        }
    }
    fence
}

/// Where scanning resumes after the inline code span whose backticks start at `i`: after
/// the matching run of backticks in the same paragraph, or after the opening run if none.
fn after_code_span(src: &str, i: usize) -> usize {
    let run = src.as_bytes()[i..]
        .iter()
        .take_while(|&&c| c == b'`')
        .count();
    let ticks = &src[i..i + run];
    match src[i + run..].find(ticks) {
        Some(end) if !src[i + run..i + run + end].contains("\n\n") => i + run + end + run,
        _ => i + run,
    }
}

/// Parse a call starting at `start` (which is at `{{`). `Ok(None)` when it is not a
/// shortcode at all (e.g. `{{` in prose), `Err` when it is one but malformed.
fn parse_call(src: &str, start: usize) -> Result<Option<Call>, SyntaxError> {
    let mut p = Parser {
        s: src,
        i: start + 2,
    };
    p.ws();
    let name = p.ident();
    if name.is_empty() {
        return Ok(None);
    }
    p.ws();
    if !p.eat('(') {
        return Ok(None);
    }
    let mut args = BTreeMap::new();
    loop {
        p.ws();
        if p.eat(')') {
            break;
        }
        let key_at = p.i;
        let key = p.ident();
        if key.is_empty() {
            return Err(p.err("expected an argument name, like `party=\"Russia\"`, or `)`"));
        }
        p.ws();
        if !p.eat('=') {
            return Err(p.err(&format!("expected `=` after the argument name `{key}`")));
        }
        p.ws();
        let value = p.value()?;
        if args.insert(key.to_string(), value).is_some() {
            return Err(SyntaxError {
                offset: key_at,
                message: format!("the argument `{key}` is given twice"),
            });
        }
        p.ws();
        if p.eat(',') {
            continue;
        }
        if p.eat(')') {
            break;
        }
        return Err(p.err("expected `,` or `)` after an argument"));
    }
    p.ws();
    if !(p.eat('}') && p.eat('}')) {
        return Err(p.err("expected `}}` to close the shortcode"));
    }
    Ok(Some(Call {
        name: name.to_string(),
        args,
        offset: start,
        len: p.i - start,
    }))
}

struct Parser<'a> {
    s: &'a str,
    i: usize,
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<char> {
        self.s[self.i..].chars().next()
    }
    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.i += c.len_utf8();
            true
        } else {
            false
        }
    }
    fn ws(&mut self) {
        while let Some(c) = self.peek() {
            if c == ' ' || c == '\t' {
                self.i += 1;
            } else {
                break;
            }
        }
    }
    fn ident(&mut self) -> &'a str {
        let start = self.i;
        while let Some(c) = self.peek() {
            if c.is_ascii_alphanumeric() || c == '_' {
                self.i += 1;
            } else {
                break;
            }
        }
        &self.s[start..self.i]
    }
    fn err(&self, message: &str) -> SyntaxError {
        SyntaxError {
            offset: self.i,
            message: message.to_string(),
        }
    }
    fn value(&mut self) -> Result<Value, SyntaxError> {
        match self.peek() {
            Some(q @ ('"' | '\'')) => {
                let start = self.i;
                self.i += 1;
                let mut v = String::new();
                loop {
                    match self.peek() {
                        None | Some('\n') => {
                            return Err(SyntaxError {
                                offset: start,
                                message: "this text argument is not closed".into(),
                            });
                        }
                        Some('\\') => {
                            self.i += 1;
                            if let Some(c) = self.peek() {
                                v.push(c);
                                self.i += c.len_utf8();
                            }
                        }
                        Some(c) if c == q => {
                            self.i += 1;
                            return Ok(Value::String(v));
                        }
                        Some(c) => {
                            v.push(c);
                            self.i += c.len_utf8();
                        }
                    }
                }
            }
            _ => {
                let word = self.ident();
                match word {
                    "true" => Ok(Value::Bool(true)),
                    "false" => Ok(Value::Bool(false)),
                    _ => {
                        let mut w = word.to_string();
                        // Allow a leading minus and a fraction.
                        if w.is_empty() && self.eat('-') {
                            w = format!("-{}", self.ident());
                        }
                        if self.peek() == Some('.') {
                            self.i += 1;
                            w = format!("{w}.{}", self.ident());
                        }
                        if let Ok(n) = w.parse::<i64>() {
                            Ok(Value::from(n))
                        } else if let Some(n) =
                            w.parse::<f64>().ok().and_then(serde_json::Number::from_f64)
                        {
                            Ok(Value::Number(n))
                        } else {
                            Err(self.err("expected a value: \"text\", a number, true or false"))
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholder_at_reads_back_what_placeholder_writes() {
        for n in [0, 7, 12, 305] {
            let ph = placeholder(n);
            assert_eq!(placeholder_at(&format!("{ph}</p>")), Some((n, ph.len())));
        }
        for not in [
            "",
            "sc1",
            "\u{FFFC}sc\u{FFFC}",
            "\u{FFFC}sc1",
            "\u{FFFC}x1\u{FFFC}",
            "a\u{FFFC}sc1\u{FFFC}",
        ] {
            assert_eq!(placeholder_at(not), None, "{not:?}");
        }
    }

    #[test]
    fn finds_calls_with_arguments() {
        let e = extract("Before\n\n{{ delegation(party=\"Russia\", n=3, big=true) }}\n\nAfter");
        assert_eq!(e.calls.len(), 1);
        let c = &e.calls[0];
        assert_eq!(c.name, "delegation");
        assert_eq!(c.args["party"], Value::String("Russia".into()));
        assert_eq!(c.args["n"], Value::from(3));
        assert_eq!(c.args["big"], Value::Bool(true));
        assert_eq!(c.offset, 8);
        assert!(e.text.contains(&placeholder(0)));
        assert!(!e.text.contains("delegation"));
    }

    #[test]
    fn no_arguments() {
        let e = extract("{{ timeline() }}");
        assert_eq!(e.calls[0].name, "timeline");
        assert!(e.calls[0].args.is_empty());
        assert_eq!(e.text, placeholder(0));
    }

    #[test]
    fn ignored_inside_code() {
        let src = "`{{ timeline() }}`\n\n```\n{{ positions() }}\n```\n";
        let e = extract(src);
        assert!(e.calls.is_empty());
        assert_eq!(e.text, src);
    }

    #[test]
    fn prose_braces_are_not_calls() {
        let e = extract("a {{ b }} c {{");
        assert!(e.calls.is_empty());
        assert!(e.errors.is_empty());
    }

    #[test]
    fn malformed_calls_are_errors() {
        let e = extract("{{ person(id=\"x) }}");
        assert_eq!(e.errors.len(), 1);
        assert!(e.errors[0].message.contains("not closed"));
        let e = extract("{{ person(id \"x\") }}");
        assert!(e.errors[0].message.contains("expected `=`"));
    }

    #[test]
    fn offsets_map_back() {
        let src = "ab {{ timeline() }} cd";
        let e = extract(src);
        let cd = e.text.find("cd").unwrap();
        assert_eq!(e.original_offset(cd), src.find("cd").unwrap());
        assert_eq!(e.original_offset(1), 1);
    }
}
