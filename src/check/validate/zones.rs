//! Zone names that are not the zone of a place: abbreviations (`PST`, which is no zone at
//! all, or `EST`, a fixed −05:00) and fixed offsets (`Etc/GMT+5`), with the zone to use.

use super::Rules;
use crate::check::paths;
use crate::diagnostic::Code;
use chrono::{NaiveDate, Offset, TimeZone};
use chrono_tz::Tz;

/// Abbreviations and old US rules, with the IANA zone of the place they usually mean.
const PLACES: [(&str, &str); 33] = [
    ("EST", "America/New_York"),
    ("EDT", "America/New_York"),
    ("EST5EDT", "America/New_York"),
    ("CST", "America/Chicago"),
    ("CDT", "America/Chicago"),
    ("CST6CDT", "America/Chicago"),
    (
        "MST",
        "America/Denver (or America/Phoenix, which keeps no daylight saving)",
    ),
    ("MDT", "America/Denver"),
    ("MST7MDT", "America/Denver"),
    ("PST", "America/Los_Angeles"),
    ("PDT", "America/Los_Angeles"),
    ("PST8PDT", "America/Los_Angeles"),
    ("AKST", "America/Anchorage"),
    ("AKDT", "America/Anchorage"),
    ("HST", "Pacific/Honolulu"),
    (
        "GMT",
        "Europe/London (or UTC, if no daylight saving is meant)",
    ),
    ("BST", "Europe/London"),
    ("WET", "Europe/Lisbon"),
    ("WEST", "Europe/Lisbon"),
    (
        "CET",
        "Europe/Paris (or the zone of your city, such as Europe/Berlin)",
    ),
    (
        "CEST",
        "Europe/Paris (or the zone of your city, such as Europe/Berlin)",
    ),
    (
        "MET",
        "Europe/Paris (or the zone of your city, such as Europe/Berlin)",
    ),
    (
        "EET",
        "Europe/Athens (or the zone of your city, such as Europe/Helsinki)",
    ),
    (
        "EEST",
        "Europe/Athens (or the zone of your city, such as Europe/Helsinki)",
    ),
    ("IST", "Asia/Kolkata (India) or Europe/Dublin (Ireland)"),
    ("JST", "Asia/Tokyo"),
    ("KST", "Asia/Seoul"),
    ("SGT", "Asia/Singapore"),
    ("HKT", "Asia/Hong_Kong"),
    ("AEST", "Australia/Sydney"),
    ("AEDT", "Australia/Sydney"),
    ("NZST", "Pacific/Auckland"),
    ("NZDT", "Pacific/Auckland"),
];

/// The zone of the place an abbreviation such as `PST` usually means.
pub(super) fn place_of(name: &str) -> Option<&'static str> {
    let name = name.trim();
    PLACES
        .iter()
        .find(|(abbreviation, _)| abbreviation.eq_ignore_ascii_case(name))
        .map(|(_, place)| *place)
}

/// Whether `name` is a fixed offset such as `Etc/GMT+5` (not `Etc/UTC`, which is meant).
fn is_fixed_offset(name: &str) -> bool {
    let Some(offset) = name
        .strip_prefix("Etc/GMT")
        .or_else(|| name.strip_prefix("GMT"))
    else {
        return false;
    };
    offset.starts_with(['+', '-']) && offset[1..].parse::<u8>().is_ok_and(|hours| hours > 0)
}

/// The zone's one offset (`−05:00`) when it keeps no daylight saving.
fn fixed_offset(zone: Tz) -> Option<String> {
    let offset_on = |month| {
        let day = NaiveDate::from_ymd_opt(2024, month, 1)?.and_hms_opt(12, 0, 0)?;
        Some(zone.offset_from_utc_datetime(&day).fix())
    };
    let (winter, summer) = (offset_on(1)?, offset_on(7)?);
    (winter == summer).then(|| winter.to_string().replace('-', "\u{2212}"))
}

impl Rules<'_> {
    /// Warns when `zone`, as `name` gives it, is an abbreviation or a fixed offset.
    pub(super) fn legacy_zone(&mut self, name: &str, zone: Tz) {
        let place = place_of(name);
        if place.is_none() && !is_fixed_offset(name) {
            return;
        }
        let message = match fixed_offset(zone) {
            Some(offset) => format!("'{name}' is a fixed {offset}, with no daylight saving"),
            None => format!(
                "'{name}' is an old rule set named by abbreviations, not the zone of a place"
            ),
        };
        let hint = match place {
            Some(place) => format!("use the zone of the place: timezone: {place}"),
            None => "use the zone of the place the times were read in, such as Europe/London"
                .to_string(),
        };
        self.findings
            .value(Code::LegacyTimezone, paths::timezone(), message, Some(hint));
    }
}
