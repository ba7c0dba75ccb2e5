//! Formatting shared by every output: durations, counts, times.

use chrono::{DateTime, Datelike, TimeZone, Timelike, Utc};
use chrono_tz::Tz;
use std::fmt::Display;

/// A duration for people: `45 s`, `27 min`, `1 h 27 min`, `2 d 3 h`; negative with a minus sign.
///
/// ```
/// use rootline::text::format_duration;
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
    let local = time.with_timezone(&zone);
    format!("{} {}", date_and_minute(&local), local.offset())
}

/// `2018-12-06 05:00 UTC`.
pub fn format_utc(time: DateTime<Utc>) -> String {
    format!("{} UTC", date_and_minute(&time))
}

// Pages show thousands of times; chrono's `format` parses its pattern on every
// call, which was a visible share of every incident page. These write the
// fields directly and give what `%Y-%m-%d`, `%H:%M` and `%Y-%m` give (a test
// compares them), with chrono itself for years outside 0 to 9999.

/// `2018-12-06 05:00` (`%Y-%m-%d %H:%M`) of a time in its own zone.
pub fn date_and_minute<Z: TimeZone>(time: &DateTime<Z>) -> String
where
    Z::Offset: Display,
{
    format!("{} {}", date(time), clock(time))
}

/// `2018-12-06` (`%Y-%m-%d`).
pub fn date<Z: TimeZone>(time: &DateTime<Z>) -> String
where
    Z::Offset: Display,
{
    match time.year() {
        year @ 0..=9999 => format!("{year:04}-{:02}-{:02}", time.month(), time.day()),
        _ => time.format("%Y-%m-%d").to_string(),
    }
}

/// `2018-12` (`%Y-%m`).
pub fn year_month<Z: TimeZone>(time: &DateTime<Z>) -> String
where
    Z::Offset: Display,
{
    match time.year() {
        year @ 0..=9999 => format!("{year:04}-{:02}", time.month()),
        _ => time.format("%Y-%m").to_string(),
    }
}

/// `05:00` (`%H:%M`).
pub fn clock<Z: TimeZone>(time: &DateTime<Z>) -> String {
    format!("{:02}:{:02}", time.hour(), time.minute())
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

    proptest::proptest! {
        #[test]
        fn times_read_as_chrono_writes_them(seconds in -70_000_000_000i64..300_000_000_000, zone in 0usize..4) {
            let zone = [Tz::UTC, Tz::Europe__London, Tz::Asia__Kolkata, Tz::America__St_Johns][zone];
            let Some(utc) = DateTime::from_timestamp(seconds, 0) else { return Ok(()) };
            let local = utc.with_timezone(&zone);
            proptest::prop_assert_eq!(date_and_minute(&local), local.format("%Y-%m-%d %H:%M").to_string());
            proptest::prop_assert_eq!(year_month(&local), local.format("%Y-%m").to_string());
            proptest::prop_assert_eq!(format_local(utc, zone), local.format("%Y-%m-%d %H:%M %Z").to_string());
            proptest::prop_assert_eq!(format_utc(utc), utc.format("%Y-%m-%d %H:%M UTC").to_string());
        }
    }

    #[test]
    fn counts_have_separators() {
        assert_eq!(format_count(32_000_000), "32,000,000");
        assert_eq!(format_count(999), "999");
        assert_eq!(format_large(32_000_000), "32 million");
        assert_eq!(format_large(46_080_000_000), "46.1 billion");
    }
}
