//! Times and dates as the format writes them.

use chrono::{DateTime, LocalResult, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;

/// Why a time could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TimeError {
    /// Not one of the accepted shapes; the message says which part is wrong.
    #[error("'{0}' is not a time: {reason}", reason = why_not_a_time(.0))]
    Malformed(String),
    /// Falls in a DST gap.
    #[error("'{time}' does not exist in {zone}: the clocks skip it at a daylight-saving change")]
    Nonexistent {
        /// The time as written.
        time: String,
        /// The zone name.
        zone: String,
    },
    /// Falls in a DST overlap.
    #[error("'{time}' happens twice in {zone} (daylight-saving change): {first} or {second}")]
    Ambiguous {
        /// The time as written.
        time: String,
        /// The zone name.
        zone: String,
        /// First reading, with offset.
        first: String,
        /// Second reading, with offset.
        second: String,
    },
}

const LOCAL_FORMATS: [&str; 4] = [
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%dT%H:%M:%S",
];

/// Reads an `at` value: RFC 3339 with offset, or local time in `zone`.
pub fn parse_time(text: &str, zone: Tz) -> Result<DateTime<Utc>, TimeError> {
    let text = text.trim();
    if let Ok(with_offset) = DateTime::parse_from_rfc3339(text) {
        return Ok(with_offset.with_timezone(&Utc));
    }
    let naive = local_time(text).ok_or_else(|| TimeError::Malformed(text.to_string()))?;
    match zone.from_local_datetime(&naive) {
        LocalResult::Single(local) => Ok(local.with_timezone(&Utc)),
        LocalResult::None => Err(TimeError::Nonexistent {
            time: text.to_string(),
            zone: zone.name().to_string(),
        }),
        LocalResult::Ambiguous(first, second) => Err(TimeError::Ambiguous {
            time: text.to_string(),
            zone: zone.name().to_string(),
            first: first.to_rfc3339(),
            second: second.to_rfc3339(),
        }),
    }
}

/// Which part of `text`, which is not a time, is wrong, in a few words.
pub fn why_not_a_time(text: &str) -> String {
    let text = text.trim();
    let (date, rest) = match text.find([' ', 'T', 't']) {
        Some(i) => (&text[..i], Some(&text[i + 1..])),
        None => (text, None),
    };
    if looks_like_clock(date) {
        return "it has no date; write the day first, as in 2024-03-01 09:58".to_string();
    }
    if let Err(reason) = check_date(date) {
        return reason;
    }
    let Some(clock) = rest.map(str::trim).filter(|r| !r.is_empty()) else {
        return format!("it has no time of day; write it after the date, as in {date} 09:58");
    };
    match check_clock(clock) {
        Err(reason) => reason,
        Ok(()) => {
            format!("write it as local time ({date} 09:58) or with its offset ({date}T09:58:00Z)")
        }
    }
}

/// Why `text` is not a date, or nothing when it is one.
pub fn why_not_a_date(text: &str) -> Option<String> {
    check_date(text.trim()).err()
}

fn looks_like_clock(text: &str) -> bool {
    text.contains(':') && !text.contains('-')
}

fn number(part: Option<&str>, digits: usize) -> Option<u32> {
    let part = part?;
    (part.len() == digits && part.bytes().all(|b| b.is_ascii_digit()))
        .then(|| part.parse().ok())
        .flatten()
}

/// `Ok` for a real `YYYY-MM-DD`; otherwise which part is wrong.
fn check_date(text: &str) -> Result<(), String> {
    let mut parts = text.split('-');
    let year = number(parts.next(), 4);
    let month = number(parts.next(), 2);
    let day = number(parts.next(), 2);
    let (Some(year), Some(month), Some(day), None) = (year, month, day, parts.next()) else {
        return Err(format!(
            "'{text}' is not a date; write YYYY-MM-DD, as in 2024-03-01"
        ));
    };
    if !(1..=12).contains(&month) {
        return Err(format!("there is no month {month} (months are 01 to 12)"));
    }
    let first = NaiveDate::from_ymd_opt(year as i32, month, 1);
    let days = first
        .and_then(|f| f.checked_add_months(chrono::Months::new(1)))
        .zip(first)
        .map_or(31, |(next, f)| (next - f).num_days() as u32);
    if day == 0 || day > days {
        let name = first.map_or(String::new(), |f| f.format("%B %Y").to_string());
        return Err(format!("{name} has no day {day} (it has {days} days)"));
    }
    Ok(())
}

/// `Ok` for `HH:MM` or `HH:MM:SS` (with an optional offset); otherwise which part is wrong.
fn check_clock(text: &str) -> Result<(), String> {
    let clock = text
        .trim_end_matches(['Z', 'z'])
        .split(['+', '-'])
        .next()
        .unwrap_or(text);
    let clock = clock.split('.').next().unwrap_or(clock);
    let parts: Vec<&str> = clock.split(':').collect();
    let field = |i: usize| number(parts.get(i).copied(), 2);
    let (Some(hour), Some(minute)) = (field(0), field(1)) else {
        return Err(format!(
            "'{text}' is not a time of day; write HH:MM, as in 09:58"
        ));
    };
    let second = if parts.len() > 2 { field(2) } else { Some(0) };
    if parts.len() > 3 || second.is_none() {
        return Err(format!(
            "'{text}' is not a time of day; write HH:MM or HH:MM:SS"
        ));
    }
    if hour > 23 {
        return Err(format!("there is no hour {hour} (hours are 00 to 23)"));
    }
    if minute > 59 {
        return Err(format!(
            "there is no minute {minute} (minutes are 00 to 59)"
        ));
    }
    if second.is_some_and(|s| s > 59) {
        return Err("seconds are 00 to 59".to_string());
    }
    Ok(())
}

/// The two ways to write `text`, a local time that falls in a daylight-saving gap of
/// `zone`, with an offset: the offset before the change, and the one after it.
pub fn gap_readings(text: &str, zone: Tz) -> Option<(String, String)> {
    let naive = local_time(text.trim())?;
    let offset_at = |hours: i64| {
        let utc = naive.checked_sub_signed(chrono::Duration::hours(hours))?;
        Some(zone.offset_from_utc_datetime(&utc).fix())
    };
    let (before, after) = (offset_at(12)?, offset_at(-12)?);
    let write = |offset: chrono::FixedOffset| {
        offset
            .from_local_datetime(&naive)
            .single()
            .map(|t| t.to_rfc3339())
    };
    Some((write(before)?, write(after)?))
}

fn local_time(text: &str) -> Option<NaiveDateTime> {
    LOCAL_FORMATS
        .iter()
        .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())
}

/// Reads a `due` value: `YYYY-MM-DD`.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_and_local_times_read_alike() {
        let london: Tz = "Europe/London".parse().unwrap();
        let a = parse_time("2018-12-06T05:00:00Z", london).unwrap();
        let b = parse_time("2018-12-06 05:00", london).unwrap();
        let c = parse_time("2018-12-06T06:00:00+01:00", Tz::UTC).unwrap();
        assert_eq!(a, b);
        assert_eq!(a, c);
    }

    #[test]
    fn summer_local_time_uses_the_summer_offset() {
        let london: Tz = "Europe/London".parse().unwrap();
        let t = parse_time("2018-07-01 12:00", london).unwrap();
        assert_eq!(t.to_rfc3339(), "2018-07-01T11:00:00+00:00");
    }

    #[test]
    fn dst_gap_and_overlap_are_errors() {
        let london: Tz = "Europe/London".parse().unwrap();
        assert!(matches!(
            parse_time("2018-03-25 01:30", london),
            Err(TimeError::Nonexistent { .. })
        ));
        assert!(matches!(
            parse_time("2018-10-28 01:30", london),
            Err(TimeError::Ambiguous { .. })
        ));
    }

    #[test]
    fn a_time_that_is_not_one_says_which_part_is_wrong() {
        let reason = |text| TimeError::Malformed(text).to_string();
        assert_eq!(
            reason("2024-03-01 25:00".into()),
            "'2024-03-01 25:00' is not a time: there is no hour 25 (hours are 00 to 23)"
        );
        assert_eq!(
            reason("10:00".into()),
            "'10:00' is not a time: it has no date; write the day first, as in 2024-03-01 09:58"
        );
        assert_eq!(
            reason("2024-02-30 10:00".into()),
            "'2024-02-30 10:00' is not a time: February 2024 has no day 30 (it has 29 days)"
        );
        assert_eq!(
            reason("2024-03-01".into()),
            "'2024-03-01' is not a time: it has no time of day; write it after the date, as in 2024-03-01 09:58"
        );
        assert_eq!(
            why_not_a_date("2019-13-01").as_deref(),
            Some("there is no month 13 (months are 01 to 12)")
        );
    }

    #[test]
    fn a_time_in_a_gap_can_be_written_with_either_offset() {
        let london: Tz = "Europe/London".parse().unwrap();
        assert_eq!(
            gap_readings("2024-03-31 01:30", london),
            Some((
                "2024-03-31T01:30:00+00:00".to_string(),
                "2024-03-31T01:30:00+01:00".to_string()
            ))
        );
    }

    #[test]
    fn nonsense_is_malformed() {
        assert!(matches!(
            parse_time("yesterday", Tz::UTC),
            Err(TimeError::Malformed(_))
        ));
        assert!(parse_time("2018-02-30 10:00", Tz::UTC).is_err());
        assert_eq!(parse_date("2019-01-31").unwrap().to_string(), "2019-01-31");
        assert!(parse_date("2019-13-01").is_none());
    }
}
