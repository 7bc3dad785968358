//! Fits a share image's text into its box: wraps at spaces by the font's own advance widths
//! and shrinks until every line fits, so that no headline overflows the picture.

use skrifa::MetadataProvider;
use skrifa::instance::{LocationRef, Size};

/// Widths of text in one font, in font units.
pub(crate) struct Metrics {
    font: skrifa::FontRef<'static>,
    units_per_em: f32,
}

impl Metrics {
    /// The metrics of a font embedded in the binary (checked by a unit test).
    pub(crate) fn new(bytes: &'static [u8]) -> Option<Metrics> {
        let font = skrifa::FontRef::new(bytes).ok()?;
        let units_per_em = f32::from(
            font.metrics(Size::unscaled(), LocationRef::default())
                .units_per_em,
        );
        Some(Metrics { font, units_per_em })
    }

    /// The width of `text` set at `size` pixels: the sum of its characters' advances (a
    /// character the font lacks counts as the font's missing-glyph box, as it is drawn).
    pub(crate) fn width(&self, text: &str, size: f32) -> f32 {
        let charmap = self.font.charmap();
        let glyphs = self
            .font
            .glyph_metrics(Size::unscaled(), LocationRef::default());
        let units: f32 = text
            .chars()
            .map(|c| {
                let id = charmap.map(c).unwrap_or(skrifa::GlyphId::NOTDEF);
                glyphs.advance_width(id).unwrap_or(0.0)
            })
            .sum();
        units * size / self.units_per_em
    }
}

/// Where text may go and how large it may be.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Frame {
    pub width: f32,
    pub height: f32,
    /// The largest and smallest type size tried, in pixels.
    pub max_size: f32,
    pub min_size: f32,
    /// Line height as a multiple of the type size.
    pub leading: f32,
}

/// Text fitted into a [`Frame`]: its type size and its lines.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Fitted {
    pub size: f32,
    pub lines: Vec<String>,
}

/// The share of the measured width kept free: shaping (kerning, joined scripts) may set a
/// line a little wider than the sum of its advances.
const SLACK: f32 = 0.96;

/// Fit `text` into `frame`: the largest size (in steps of 2 px) at which its wrapped lines fit
/// both ways; at the smallest size, the lines that fit, the last one ending in `…`.
pub(crate) fn fit(m: &Metrics, text: &str, frame: Frame) -> Fitted {
    let width = frame.width * SLACK;
    let mut size = frame.max_size;
    loop {
        let lines = wrap(m, text, width, size);
        let rows = (frame.height / (size * frame.leading)).floor().max(1.0) as usize;
        if lines.len() <= rows {
            return Fitted { size, lines };
        }
        if size - 2.0 < frame.min_size {
            return Fitted {
                size,
                lines: cut(m, lines, rows, width, size),
            };
        }
        size -= 2.0;
    }
}

/// The first `rows` of `lines`, the last one shortened to end in `…` within `width`.
fn cut(m: &Metrics, mut lines: Vec<String>, rows: usize, width: f32, size: f32) -> Vec<String> {
    lines.truncate(rows);
    if let Some(last) = lines.last_mut() {
        let mut chars: Vec<char> = last.trim_end().chars().collect();
        loop {
            let candidate: String = chars.iter().collect::<String>().trim_end().to_string() + "…";
            if chars.is_empty() || m.width(&candidate, size) <= width {
                *last = candidate;
                break;
            }
            chars.pop();
        }
    }
    lines
}

/// Greedy wrapping at white space; a word wider than the line is broken between characters.
pub(crate) fn wrap(m: &Metrics, text: &str, width: f32, size: f32) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let joined = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if m.width(&joined, size) <= width {
            line = joined;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        // The word alone: broken into pieces that fit, the last piece starting a new line.
        for c in word.chars() {
            line.push(c);
            if m.width(&line, size) > width && line.chars().count() > 1 {
                line.pop();
                lines.push(std::mem::replace(&mut line, c.to_string()));
            }
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::share::draw::{BOLD, REGULAR};
    use proptest::prelude::*;

    fn bold() -> Metrics {
        Metrics::new(BOLD).expect("the embedded bold font parses")
    }

    const FRAME: Frame = Frame {
        width: 1000.0,
        height: 300.0,
        max_size: 72.0,
        min_size: 32.0,
        leading: 1.2,
    };

    #[test]
    fn both_embedded_fonts_parse_and_have_latin_cyrillic_and_turkish_letters() {
        for bytes in [REGULAR, BOLD] {
            let m = Metrics::new(bytes).unwrap();
            let font = skrifa::FontRef::new(bytes).unwrap();
            for c in "AzЖяğışİŞÇöü".chars() {
                assert!(font.charmap().map(c).is_some(), "{c} missing");
            }
            assert!(m.width("W", 100.0) > m.width("i", 100.0));
        }
    }

    #[test]
    fn a_short_headline_stays_large_on_one_line() {
        let f = fit(&bold(), "Talks in Istanbul", FRAME);
        assert_eq!(f.size, 72.0);
        assert_eq!(f.lines, vec!["Talks in Istanbul"]);
    }

    #[test]
    fn a_long_headline_wraps_and_shrinks() {
        let text = "Russia–Ukraine talks in Istanbul: what we know about the first direct peace \
                    talks in more than three years, who attends and where the sides stand";
        let f = fit(&bold(), text, FRAME);
        assert!(f.size < 72.0 && f.size >= 32.0, "{f:?}");
        assert!(f.lines.len() > 1);
        assert_eq!(f.lines.join(" "), text, "nothing lost when it fits");
    }

    #[test]
    fn a_very_long_headline_is_cut_with_an_ellipsis_at_the_smallest_size() {
        let text = "word ".repeat(400);
        let f = fit(&bold(), &text, FRAME);
        assert_eq!(f.size, 32.0);
        assert_eq!(f.lines.len(), (300.0 / (32.0 * 1.2)) as usize);
        assert!(f.lines.last().unwrap().ends_with('…'));
    }

    #[test]
    fn a_word_wider_than_the_line_is_broken() {
        let m = bold();
        let lines = wrap(&m, &"Ж".repeat(100), 500.0, 40.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.concat(), "Ж".repeat(100));
    }

    proptest! {
        #[test]
        fn every_fitted_line_fits_the_frame(text in "\\PC{0,300}") {
            let m = bold();
            let f = fit(&m, &text, FRAME);
            prop_assert!(f.size >= FRAME.min_size && f.size <= FRAME.max_size);
            let rows = (FRAME.height / (f.size * FRAME.leading)).floor() as usize;
            prop_assert!(f.lines.len() <= rows.max(1));
            for line in &f.lines {
                // A single character wider than the frame is the only thing that may not fit.
                prop_assert!(m.width(line, f.size) <= FRAME.width || line.chars().count() <= 2,
                    "{line:?} at {}", f.size);
            }
        }
    }
}
