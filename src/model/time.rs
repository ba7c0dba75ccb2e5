//! Times and dates as the format writes them.

use chrono::{DateTime, LocalResult, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

/// Why a time could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TimeError {
    /// Not one of the accepted shapes.
    #[error(
        "'{0}' is not a time: write RFC 3339 (2018-12-06T05:00:00Z) or local (2018-12-06 05:00)"
    )]
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
    let naive = LOCAL_FORMATS
        .iter()
        .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())
        .ok_or_else(|| TimeError::Malformed(text.to_string()))?;
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
