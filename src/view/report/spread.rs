//! A median and 90th percentile over some incidents, marked as estimates where they rest on one.

use crate::text::{estimate, percentile};
use serde::Serialize;

/// The middle and the tail of one figure over the incidents where it is known.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Spread {
    /// Incidents with a known value.
    pub known: usize,
    /// Median (nearest rank), for people; none when no value is known.
    pub p50: Option<String>,
    /// 90th percentile (nearest rank), for people; none when no value is known.
    pub p90: Option<String>,
    /// Largest value, for people; none when no value is known.
    pub max: Option<String>,
    /// The median, in the figure's unit (for charts and tests).
    pub p50_value: Option<i64>,
    /// The 90th percentile, in the figure's unit.
    pub p90_value: Option<i64>,
}

impl Spread {
    /// The spread of `values` (each with whether it rests on an estimate), shown by `show`.
    pub fn of(mut values: Vec<(i64, bool)>, show: impl Fn(i64) -> String) -> Spread {
        values.sort_unstable();
        let numbers: Vec<i64> = values.iter().map(|&(v, _)| v).collect();
        // A percentile is an estimate when a value equal to it is.
        let text = |value: Option<i64>| {
            let value = value?;
            let approx = values.iter().any(|&(v, approx)| v == value && approx);
            Some(estimate(approx, show(value)))
        };
        let p50 = percentile(&numbers, 50.0);
        let p90 = percentile(&numbers, 90.0);
        Spread {
            known: values.len(),
            p50: text(p50),
            p90: text(p90),
            max: text(numbers.last().copied()),
            p50_value: p50,
            p90_value: p90,
        }
    }
}

/// A number of days for people: "1 day", "12 days".
pub fn days(n: i64) -> String {
    if n == 1 {
        "1 day".to_string()
    } else {
        format!("{n} days")
    }
}
