//! Pictures as inline SVG, drawn in Rust: the timeline and the causal graph.
//!
//! The SVG carries classes, not colours: the page's stylesheet colours it, so
//! dark mode and print styles apply to the pictures too.

pub mod charts;
mod graph;
mod layout;
mod timeline;

pub use graph::causal_graph;
pub use timeline::timeline;

/// An inline SVG picture and its text alternative.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Picture {
    /// The `<svg>` element; empty when there is nothing to draw.
    pub svg: String,
    /// What the picture shows, in words.
    pub alt: String,
}

pub use crate::text::escape_html as escape;

/// Width in pixels of text at the given font size, estimated (no font metrics at build time).
pub fn text_width(text: &str, font_size: f64) -> f64 {
    text.chars()
        .map(|c| match c {
            'i' | 'l' | 'j' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' | ' ' => 0.32,
            'm' | 'w' | 'M' | 'W' => 0.85,
            c if c.is_ascii_uppercase() => 0.66,
            c if c.is_ascii() => 0.54,
            _ => 1.0,
        })
        .sum::<f64>()
        * font_size
}

/// Shortens text to `max` characters with an ellipsis.
pub fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut short: String = text.chars().take(max.saturating_sub(1)).collect();
    short = short.trim_end().to_string();
    short.push('\u{2026}');
    short
}

/// Splits text into at most `max_lines` lines of about `width` characters.
pub fn wrap(text: &str, width: usize, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        if !current.is_empty() && current.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    if !current.is_empty() {
        lines.push(current);
    }
    if lines.len() > max_lines {
        let rest = lines[max_lines - 1..].join(" ");
        lines.truncate(max_lines - 1);
        lines.push(truncate(&rest, width));
    }
    lines.into_iter().map(|l| truncate(&l, width + 2)).collect()
}

/// A number for SVG attributes: one decimal, no trailing `.0`.
pub fn num(value: f64) -> String {
    let tenths = (value * 10.0).round();
    if !tenths.is_finite() || tenths.abs() >= 1e15 {
        return format!("{value:.1}");
    }
    // Integer arithmetic: float formatting was a visible cost in every picture.
    let tenths = tenths as i64;
    let (whole, fraction) = (tenths / 10, (tenths % 10).abs());
    match (fraction, tenths < 0 && whole == 0) {
        (0, _) => whole.to_string(),
        (_, true) => format!("-0.{fraction}"),
        (_, false) => format!("{whole}.{fraction}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn numbers_match_the_float_formatting(value in -1e9f64..1e9) {
            let rounded = (value * 10.0).round() / 10.0;
            let expected = if rounded.fract() == 0.0 {
                format!("{}", rounded as i64)
            } else {
                format!("{rounded:.1}")
            };
            proptest::prop_assert_eq!(num(value), expected);
        }
    }

    #[test]
    fn wraps_and_truncates() {
        assert_eq!(
            wrap("a certificate in the release expired", 14, 3),
            ["a certificate", "in the release", "expired"]
        );
        assert_eq!(
            wrap("one two three four five six", 7, 2),
            ["one two", "three\u{2026}"]
        );
        assert_eq!(
            escape("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
        assert_eq!(num(3.0), "3");
        assert_eq!(num(2.25), "2.3");
    }
}
