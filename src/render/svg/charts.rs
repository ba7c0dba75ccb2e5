//! Report charts as plain SVG: stacked monthly bars, strip-and-box plots, horizontal bars,
//! quarterly trend lines.
//!
//! Plain SVG was simpler than a chart crate here: three small shapes, classes
//! for colours (so dark mode and print apply), and byte-stable output.

use super::{escape, num, text_width, truncate, Picture};
use crate::text::format_duration;
use crate::text::percentile;
use crate::view::report::{MonthRow, QuarterFigure, QuarterRow};
use std::fmt::Write;

const WIDTH: f64 = 900.0;

/// Incidents per month, stacked by severity; `levels` names the scale, worst first.
pub fn stacked_months(months: &[MonthRow], levels: &[&str]) -> Picture {
    if months.is_empty() {
        return Picture::default();
    }
    let (left, top, height) = (36.0, 12.0, 180.0);
    let max = months.iter().map(|m| m.total).max().unwrap_or(0).max(1);
    let plot = WIDTH - left - 10.0;
    let slot = plot / months.len() as f64;
    let bar = (slot * 0.7).clamp(2.0, 40.0);
    let y_of = |v: f64| top + height - v / f64::from(max) * height;
    let mut body = String::new();
    let step = (f64::from(max) / 4.0).ceil().max(1.0) as u32;
    let mut tick = 0;
    while tick <= max {
        grid_line(&mut body, left, y_of(f64::from(tick)), &tick.to_string());
        tick += step;
    }
    let label_every = (months.len() as f64 / 12.0).ceil().max(1.0) as usize;
    for (i, m) in months.iter().enumerate() {
        let x = left + i as f64 * slot + (slot - bar) / 2.0;
        let mut base = 0u32;
        for (s, &count) in m.counts.iter().enumerate() {
            if count == 0 {
                continue;
            }
            let (y0, y1) = (y_of(f64::from(base)), y_of(f64::from(base + count)));
            let _ = write!(
                body,
                r#"<rect class="s{}" x="{}" y="{}" width="{}" height="{}"><title>{}: {} {}</title></rect>"#,
                s + 1,
                num(x),
                num(y1),
                num(bar),
                num(y0 - y1),
                escape(&m.label),
                count,
                escape(levels.get(s).copied().unwrap_or(""))
            );
            base += count;
        }
        if i % label_every == 0 {
            let _ = write!(
                body,
                r#"<text x="{}" y="{}" text-anchor="middle">{}</text>"#,
                num(x + bar / 2.0),
                num(top + height + 16.0),
                escape(&m.label)
            );
        }
    }
    let total: u32 = months.iter().map(|m| m.total).sum();
    let busiest = months
        .iter()
        .max_by_key(|m| m.total)
        .map(|m| format!("; the busiest month was {} with {}", m.label, m.total))
        .unwrap_or_default();
    let alt = format!("Incidents per month by severity, {} to {}: {total} in all{busiest}. The table lists every month.", months[0].label, months[months.len() - 1].label);
    wrap_svg("chart months", WIDTH, top + height + 26.0, &alt, &body)
}

/// Up to this many incidents a strip plot draws one dot each, named in its tooltip;
/// beyond, one mark per column of the axis, so the chart keeps a fixed size
/// (10,000 dots made the report 1.4 MB per chart).
const MOST_DOTS: usize = 300;
/// Columns of the axis a binned strip groups its incidents into.
const BINS: usize = 120;

/// A strip plot (one dot per incident, or per column when there are many) over
/// a box of the quartiles, on a log time axis.
pub fn strip_box(name: &str, values: &[(i64, String)]) -> Picture {
    if values.is_empty() {
        return Picture {
            svg: String::new(),
            alt: format!("{name}: no incident has a known value."),
        };
    }
    let (left, right, mid) = (20.0, WIDTH - 20.0, 44.0);
    let ticks = TIME_TICKS;
    let log = |s: i64| (s.max(1) as f64).log10();
    let mut sorted: Vec<i64> = values.iter().map(|(v, _)| *v).collect();
    sorted.sort_unstable();
    let lo = log(sorted[0].min(60)).min(log(60));
    let hi = log(*sorted.last().unwrap_or(&60)).max(log(3600)) + 0.15;
    let x_of = |s: i64| left + (log(s) - lo) / (hi - lo) * (right - left);
    let mut body = String::new();
    let _ = write!(
        body,
        r#"<g class="axis"><line x1="{}" y1="{}" x2="{}" y2="{}"/></g>"#,
        num(left),
        num(mid + 26.0),
        num(right),
        num(mid + 26.0)
    );
    for (s, label) in ticks.iter().filter(|(s, _)| log(*s) >= lo && log(*s) <= hi) {
        let _ = write!(
            body,
            r#"<line class="grid" x1="{x}" y1="10" x2="{x}" y2="{}"/><text x="{x}" y="{}" text-anchor="middle">{label}</text>"#,
            num(mid + 26.0),
            num(mid + 42.0),
            x = num(x_of(*s))
        );
    }
    let (q1, q2, q3) = (
        percentile(&sorted, 25.0).unwrap_or(0),
        percentile(&sorted, 50.0).unwrap_or(0),
        percentile(&sorted, 75.0).unwrap_or(0),
    );
    let _ = write!(
        body,
        r#"<rect class="box" x="{}" y="{}" width="{}" height="28"/><line class="median" x1="{m}" y1="{}" x2="{m}" y2="{}"/>"#,
        num(x_of(q1)),
        num(mid - 14.0),
        num((x_of(q3) - x_of(q1)).max(1.0)),
        num(mid - 16.0),
        num(mid + 16.0),
        m = num(x_of(q2))
    );
    if values.len() <= MOST_DOTS {
        dots(&mut body, values, x_of, mid);
    } else {
        binned_dots(&mut body, &sorted, x_of, (left, right), mid);
    }
    let alt = format!(
        "{name} of {} on a logarithmic scale: median {}, middle half from {} to {}, longest {}.",
        crate::text::count(sorted.len(), "incident"),
        format_duration(q2),
        format_duration(q1),
        format_duration(q3),
        format_duration(*sorted.last().unwrap_or(&0))
    );
    let alt = if values.len() > MOST_DOTS {
        format!("{alt} Each mark groups the incidents of one narrow range; its size grows with their number.")
    } else {
        alt
    };
    wrap_svg("chart strip", WIDTH, mid + 50.0, &alt, &body)
}

/// One dot per incident, jittered so equal values stay visible.
fn dots(body: &mut String, values: &[(i64, String)], x_of: impl Fn(i64) -> f64, mid: f64) {
    for (i, (value, title)) in values.iter().enumerate() {
        let dy = ((i * 7919) % 21) as f64 - 10.0;
        let _ = write!(
            body,
            r#"<circle class="dot" cx="{}" cy="{}" r="4"><title>{}: {}</title></circle>"#,
            num(x_of(*value)),
            num(mid + dy),
            escape(&truncate(title, 80)),
            format_duration(*value)
        );
    }
}

/// One mark per column of the axis that holds incidents, its area growing
/// with their number; the tooltip gives the count and the range.
fn binned_dots(
    body: &mut String,
    sorted: &[i64],
    x_of: impl Fn(i64) -> f64,
    (left, right): (f64, f64),
    mid: f64,
) {
    let width = (right - left) / BINS as f64;
    let column = |value: i64| (((x_of(value) - left) / width) as usize).min(BINS - 1);
    let columns: Vec<&[i64]> = sorted.chunk_by(|a, b| column(*a) == column(*b)).collect();
    let most = columns.iter().map(|c| c.len()).max().unwrap_or(1) as f64;
    for values in columns {
        let (first, last) = (values[0], values[values.len() - 1]);
        let radius = 1.5 + 6.5 * (values.len() as f64 / most).sqrt();
        let range = if first == last {
            format_duration(first)
        } else {
            format!("{} to {}", format_duration(first), format_duration(last))
        };
        let _ = write!(
            body,
            r#"<circle class="dot" cx="{}" cy="{}" r="{}"><title>{}: {}</title></circle>"#,
            num(left + (column(first) as f64 + 0.5) * width),
            num(mid),
            num(radius),
            crate::text::count(values.len(), "incident"),
            range
        );
    }
}

/// Horizontal bars with labels, largest first (the caller sorts).
pub fn horizontal_bars(rows: &[(String, usize)]) -> Picture {
    if rows.is_empty() {
        return Picture::default();
    }
    let label_width = rows
        .iter()
        .map(|(l, _)| text_width(&truncate(l, 40), 11.0))
        .fold(80.0, f64::max)
        + 12.0;
    let max = rows.iter().map(|(_, n)| *n).max().unwrap_or(1).max(1) as f64;
    let plot = WIDTH - label_width - 40.0;
    let mut body = String::new();
    for (i, (label, n)) in rows.iter().enumerate() {
        let y = 6.0 + i as f64 * 22.0;
        let _ = write!(
            body,
            r#"<text x="{}" y="{}" text-anchor="end">{}</text><rect class="bar" x="{}" y="{}" width="{}" height="14"/><text x="{}" y="{}">{n}</text>"#,
            num(label_width - 8.0),
            num(y + 11.0),
            escape(&truncate(label, 40)),
            num(label_width),
            num(y),
            num((*n as f64 / max * plot).max(2.0)),
            num(label_width + (*n as f64 / max * plot).max(2.0) + 6.0),
            num(y + 11.0)
        );
    }
    let alt = rows
        .iter()
        .map(|(l, n)| format!("{l}: {n}"))
        .collect::<Vec<_>>()
        .join("; ");
    wrap_svg(
        "chart bars",
        WIDTH,
        12.0 + rows.len() as f64 * 22.0,
        &alt,
        &body,
    )
}

/// Up to this many quarters a trend line marks each point, named in its tooltip.
const MOST_QUARTER_DOTS: usize = 40;

/// The ticks of a logarithmic time axis.
const TIME_TICKS: [(i64, &str); 8] = [
    (60, "1 min"),
    (600, "10 min"),
    (3600, "1 h"),
    (6 * 3600, "6 h"),
    (86_400, "1 d"),
    (7 * 86_400, "1 wk"),
    (30 * 86_400, "30 d"),
    (365 * 86_400, "1 y"),
];

/// The median (solid) and 90th percentile (dashed) of one figure per quarter, on a
/// log time axis; a quarter with too few known values gets no point and says so.
pub fn quarter_trend(
    name: &str,
    quarters: &[QuarterRow],
    figure: impl Fn(&QuarterRow) -> &QuarterFigure,
) -> Picture {
    let drawn: Vec<(usize, i64, i64)> = quarters
        .iter()
        .enumerate()
        .filter_map(|(i, q)| {
            let f = figure(q);
            let (p50, p90) = (f.spread.p50_value?, f.spread.p90_value?);
            f.enough.then_some((i, p50, p90))
        })
        .collect();
    if drawn.is_empty() {
        return Picture::default();
    }
    let (left, top, height) = (52.0, 12.0, 160.0);
    let log = |s: i64| (s.max(1) as f64).log10();
    let lowest = drawn.iter().map(|d| d.1).min().unwrap_or(60);
    let highest = drawn.iter().map(|d| d.2).max().unwrap_or(3600);
    // From the tick at or below the lowest point to the one at or above the highest,
    // so every point sits between two labelled lines.
    let below = TIME_TICKS
        .iter()
        .rev()
        .find(|t| t.0 <= lowest)
        .map_or(lowest, |t| t.0);
    let above = TIME_TICKS
        .iter()
        .find(|t| t.0 >= highest)
        .map_or(highest, |t| t.0);
    let (lo, hi) = (log(below.min(60)), log(above.max(3600)) + 0.02);
    let y_of = |s: i64| top + height - (log(s) - lo) / (hi - lo) * height;
    let slot = (WIDTH - left - 10.0) / quarters.len() as f64;
    let x_of = |i: usize| left + (i as f64 + 0.5) * slot;
    let mut body = String::new();
    for (s, label) in TIME_TICKS
        .iter()
        .filter(|(s, _)| log(*s) >= lo && log(*s) <= hi)
    {
        grid_line(&mut body, left, y_of(*s), label);
    }
    quarter_labels(&mut body, quarters, &figure, x_of, top + height);
    trend_lines(&mut body, quarters, &figure, &drawn, (&x_of, &y_of));
    let alt = trend_alt(name, quarters, &drawn);
    wrap_svg("chart trend", WIDTH, top + height + 40.0, &alt, &body)
}

/// The quarters under the axis, and "too few" under those that show no point.
fn quarter_labels(
    body: &mut String,
    quarters: &[QuarterRow],
    figure: &impl Fn(&QuarterRow) -> &QuarterFigure,
    x_of: impl Fn(usize) -> f64,
    bottom: f64,
) {
    let label_every = (quarters.len() as f64 / 12.0).ceil().max(1.0) as usize;
    for (i, q) in quarters.iter().enumerate() {
        let known = figure(q).spread.known;
        let below = match (figure(q).enough, q.incidents) {
            (true, _) => String::new(),
            (false, 0) => "no incidents".to_string(),
            (false, _) => format!("too few ({known} known)"),
        };
        if i % label_every == 0 || !below.is_empty() {
            let _ = write!(
                body,
                r#"<text x="{}" y="{}" text-anchor="middle">{}</text>"#,
                num(x_of(i)),
                num(bottom + 16.0),
                escape(&q.label)
            );
        }
        if !below.is_empty() {
            let _ = write!(
                body,
                r#"<text class="note" x="{}" y="{}" text-anchor="middle">{}</text>"#,
                num(x_of(i)),
                num(bottom + 30.0),
                below
            );
        }
    }
}

/// The median and 90th-percentile lines, broken where a quarter has no point, with a dot per point.
fn trend_lines(
    body: &mut String,
    quarters: &[QuarterRow],
    figure: &impl Fn(&QuarterRow) -> &QuarterFigure,
    drawn: &[(usize, i64, i64)],
    (x_of, y_of): (&dyn Fn(usize) -> f64, &dyn Fn(i64) -> f64),
) {
    for (class, pick) in [("median", 1usize), ("tail", 2)] {
        // A quarter without a point breaks the line: a gap, not a guess.
        let value = |d: &(usize, i64, i64)| if pick == 1 { d.1 } else { d.2 };
        for run in drawn.chunk_by(|a, b| b.0 == a.0 + 1) {
            let points: Vec<String> = run
                .iter()
                .map(|d| format!("{},{}", num(x_of(d.0)), num(y_of(value(d)))))
                .collect();
            let _ = write!(
                body,
                r#"<polyline class="trend {class}" points="{}"/>"#,
                points.join(" ")
            );
        }
        // Past MOST_QUARTER_DOTS the line alone reads better, and the table has every figure.
        for d in drawn.iter().filter(|_| quarters.len() <= MOST_QUARTER_DOTS) {
            let q = &quarters[d.0];
            let _ = write!(
                body,
                r#"<circle class="dot {class}" cx="{}" cy="{}" r="4"><title>{}: {} {}, over {}</title></circle>"#,
                num(x_of(d.0)),
                num(y_of(value(d))),
                escape(&q.label),
                if pick == 1 {
                    "median"
                } else {
                    "90th percentile"
                },
                format_duration(value(d)),
                crate::text::count(figure(q).spread.known, "incident")
            );
        }
    }
}

/// What the trend chart shows, in words.
fn trend_alt(name: &str, quarters: &[QuarterRow], drawn: &[(usize, i64, i64)]) -> String {
    let too_few = quarters.len() - drawn.len();
    let (low, high) = (
        drawn.iter().min_by_key(|d| (d.1, d.0)),
        drawn.iter().max_by_key(|d| (d.1, std::cmp::Reverse(d.0))),
    );
    let range = match (low, high) {
        (Some(l), Some(h)) => format!(
            "; the median was lowest in {} ({}) and highest in {} ({})",
            quarters[l.0].label,
            format_duration(l.1),
            quarters[h.0].label,
            format_duration(h.1)
        ),
        _ => String::new(),
    };
    format!(
        "{name} per quarter, {} to {}, median (solid) and 90th percentile (dashed) on a logarithmic scale{range}. {} had fewer than {} incidents with a known value and show no point. The table gives every figure.",
        quarters[0].label,
        quarters[quarters.len() - 1].label,
        crate::text::count(too_few, "quarter"),
        crate::view::report::FEWEST_FOR_MEDIAN
    )
}

/// A horizontal grid line across the plot at `y`, labelled left of the axis at `left`.
fn grid_line(body: &mut String, left: f64, y: f64, label: &str) {
    let _ = write!(
        body,
        r#"<line class="grid" x1="{}" y1="{y}" x2="{}" y2="{y}"/><text x="{}" y="{}" text-anchor="end">{label}</text>"#,
        num(left),
        num(WIDTH - 10.0),
        num(left - 6.0),
        num(y + 4.0),
        y = num(y)
    );
}

fn wrap_svg(class: &str, width: f64, height: f64, alt: &str, body: &str) -> Picture {
    let svg = format!(
        r#"<svg class="{class}" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" xmlns="http://www.w3.org/2000/svg"><title>{alt}</title>{body}</svg>"#,
        w = num(width),
        h = num(height),
        alt = escape(alt)
    );
    Picture {
        svg,
        alt: alt.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::{strip_box, BINS, MOST_DOTS};

    fn values(n: usize) -> Vec<(i64, String)> {
        (0..n)
            .map(|i| (60 + (i as i64 * 7_919) % 200_000, format!("incident {i}")))
            .collect()
    }

    #[test]
    fn a_few_incidents_get_one_named_dot_each() {
        let picture = strip_box("Duration", &values(12));
        assert_eq!(picture.svg.matches("<circle").count(), 12);
        assert!(picture.svg.contains("<title>incident 3: "));
    }

    #[test]
    fn ten_thousand_incidents_keep_the_chart_small_and_every_incident_counted() {
        let picture = strip_box("Duration", &values(10_000));
        let marks = picture.svg.matches("<circle").count();
        assert!(marks <= BINS, "{marks} marks");
        assert!(picture.svg.len() < 40_000, "{} bytes", picture.svg.len());
        let counted: usize = picture
            .svg
            .split("<title>")
            .skip(1)
            .map(|t| t.split(' ').next().unwrap_or("").replace(',', ""))
            .map(|n| n.parse::<usize>().unwrap_or(0))
            .sum();
        assert_eq!(counted, 10_000);
        assert!(picture.alt.contains("Each mark groups"));
    }

    #[test]
    fn binning_starts_just_past_the_dot_limit() {
        let at_limit = strip_box("Duration", &values(MOST_DOTS));
        assert_eq!(at_limit.svg.matches("<circle").count(), MOST_DOTS);
        let past = strip_box("Duration", &values(MOST_DOTS + 1));
        assert!(past.svg.matches("<circle").count() <= BINS);
    }
}
