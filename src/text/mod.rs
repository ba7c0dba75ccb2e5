//! Text for people: durations, counts, dates, slugs, percentiles, escaping and
//! safe Markdown. A leaf: it knows nothing of incidents, so every stage may use it.

pub mod format;
pub mod html;
pub mod markdown;

pub use format::{
    clock, format_count, format_duration, format_large, format_local, format_offset, format_utc,
    rfc3339,
};
pub use html::escape_html;

/// `1 incident`, `2 warnings`: a count and its noun, in the plural unless it is one.
pub fn count(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

/// A figure with `~` in front when it rests on an estimated time.
pub fn estimate(approx: bool, text: String) -> String {
    if approx {
        format!("~{text}")
    } else {
        text
    }
}

/// What a page shows where a value is not known (never 0 or a guess).
pub const UNKNOWN: &str = "unknown";

/// Nearest-rank percentile of sorted values.
pub fn percentile(sorted: &[i64], p: f64) -> Option<i64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil().max(1.0) as usize;
    sorted.get(rank.min(sorted.len()) - 1).copied()
}

/// A best-effort slug for hints: lower case, runs of other characters as one dash.
pub fn slugify(text: &str) -> String {
    let mut slug = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::percentile;

    #[test]
    fn nearest_rank_percentiles() {
        let values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        assert_eq!(percentile(&values, 50.0), Some(5));
        assert_eq!(percentile(&values, 90.0), Some(9));
        assert_eq!(percentile(&[7], 90.0), Some(7));
        assert_eq!(percentile(&[], 50.0), None);
    }
}
