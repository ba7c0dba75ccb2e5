//! Formatting shared by every output: durations, counts, times.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

/// A duration for people: `45 s`, `27 min`, `1 h 27 min`, `2 d 3 h`; negative with a minus sign.
///
/// ```
/// use rootline::view::format_duration;
/// assert_eq!(format_duration(27 * 60), "27 min");
/// assert_eq!(format_duration(22 * 3600 + 30 * 60), "22 h 30 min");
/// ```
pub fn format_duration(seconds: i64) -> String {
    let sign = if seconds < 0 { "\u{2212}" } else { "" };
    let s = seconds.unsigned_abs();
    let (days, hours, minutes) = (s / 86_400, s % 86_400 / 3_600, s % 3_600 / 60);
    let text = match (days, hours, minutes) {
        (0, 0, 0) => format!("{s} s"),
        (0, 0, m) => format!("{m} min"),
        (0, h, 0) => format!("{h} h"),
        (0, h, m) => format!("{h} h {m} min"),
        (d, 0, _) => format!("{d} d"),
        (d, h, _) => format!("{d} d {h} h"),
    };
    format!("{sign}{text}")
}

/// `T+1 h 27 min` / `T−5 min` relative to the impact start.
pub fn format_offset(seconds: i64) -> String {
    if seconds == 0 {
        return "T+0".to_string();
    }
    let sign = if seconds < 0 { "\u{2212}" } else { "+" };
    format!("T{sign}{}", format_duration(seconds.abs()))
}

/// A count with thin separators: `32,000,000`.
pub fn format_count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A large count in words: `46.1 billion`, `32 million`, `12,400`.
pub fn format_large(n: u64) -> String {
    let scaled = |unit: f64, name: &str| {
        let value = n as f64 / unit;
        if value >= 100.0 || (value.fract() * 10.0).round() == 0.0 {
            format!("{:.0} {name}", value)
        } else {
            format!("{:.1} {name}", value)
        }
    };
    match n {
        0..=99_999 => format_count(n),
        100_000..=999_999_999 => scaled(1e6, "million"),
        1_000_000_000..=999_999_999_999 => scaled(1e9, "billion"),
        _ => scaled(1e12, "trillion"),
    }
}

/// `2018-12-06 05:00 GMT` in the incident's zone.
pub fn format_local(time: DateTime<Utc>, zone: Tz) -> String {
    time.with_timezone(&zone)
        .format("%Y-%m-%d %H:%M %Z")
        .to_string()
}

/// `05:00` in the incident's zone.
pub fn format_clock(time: DateTime<Utc>, zone: Tz) -> String {
    time.with_timezone(&zone).format("%H:%M").to_string()
}

/// `2018-12-06 05:00 UTC`.
pub fn format_utc(time: DateTime<Utc>) -> String {
    time.format("%Y-%m-%d %H:%M UTC").to_string()
}

/// RFC 3339 in UTC with a `Z`, as in JSON.
pub fn rfc3339(time: DateTime<Utc>) -> String {
    time.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_naturally() {
        assert_eq!(format_duration(45), "45 s");
        assert_eq!(format_duration(27 * 60), "27 min");
        assert_eq!(format_duration(87 * 60), "1 h 27 min");
        assert_eq!(format_duration(3600), "1 h");
        assert_eq!(format_duration(2 * 86_400 + 3 * 3600 + 60), "2 d 3 h");
        assert_eq!(format_duration(-300), "\u{2212}5 min");
        assert_eq!(format_offset(-300), "T\u{2212}5 min");
    }

    #[test]
    fn counts_have_separators() {
        assert_eq!(format_count(32_000_000), "32,000,000");
        assert_eq!(format_count(999), "999");
        assert_eq!(format_large(32_000_000), "32 million");
        assert_eq!(format_large(46_080_000_000), "46.1 billion");
    }
}
