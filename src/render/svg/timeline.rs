//! The timeline picture: a time axis, one lane per party, marks with labels that never overlap.

use super::{escape, num, text_width, truncate, Picture};

use crate::text::{format_count, format_duration, format_local};
use crate::view::incident::{TimelineFigure, TimelineRow};
use chrono::{DateTime, Duration, Timelike, Utc};
use chrono_tz::Tz;
use std::fmt::Write;

const WIDTH: f64 = 960.0;
const LANE_LABEL: f64 = 150.0;
const RIGHT_PAD: f64 = 24.0;
const AXIS_TOP: f64 = 46.0;
const ROW: f64 = 18.0;
const FONT: f64 = 11.0;
const MAX_LABEL: usize = 44;
/// Beyond this many entries the picture is not drawn; the table lists them all.
pub const MAX_DRAWN_EVENTS: usize = 400;

struct Lane {
    id: String,
    name: String,
    rows: Vec<f64>, // right edge of the last label in each row
    marks: Vec<Mark>,
}

struct Mark {
    x: f64,
    row: usize,
    label: String,
    anchor_end: bool,
    kind: &'static str,
    approx: bool,
    full: String,
}

/// Draws the timeline of one incident; `rows` is its sorted timeline view.
pub fn timeline(figure: &TimelineFigure, rows: &[TimelineRow]) -> Picture {
    if rows.is_empty() {
        return Picture::default();
    }
    if rows.len() > MAX_DRAWN_EVENTS {
        return Picture {
            svg: String::new(),
            alt: format!(
                "The timeline has {} entries, too many to draw; the table below lists them all.",
                rows.len()
            ),
        };
    }
    let (start, end) = time_range(figure, rows);
    let span = (end - start).num_seconds().max(1) as f64;
    let plot = WIDTH - LANE_LABEL - RIGHT_PAD;
    let x_of = |t: DateTime<Utc>| LANE_LABEL + (t - start).num_seconds() as f64 / span * plot;

    let mut lanes = lanes(figure, rows);
    for row in rows {
        let lane_index = lanes
            .iter()
            .position(|l| l.id == row.lane)
            .unwrap_or(lanes.len() - 1);
        place(&mut lanes[lane_index], row, x_of(row.at));
    }
    lanes.retain(|l| !l.marks.is_empty());

    let mut body = String::new();
    let mut y = AXIS_TOP + 14.0;
    let lane_tops: Vec<(f64, f64)> = lanes
        .iter()
        .map(|lane| {
            let height = lane.rows.len().max(1) as f64 * ROW + 12.0;
            let top = y;
            y += height;
            (top, height)
        })
        .collect();
    let height = y + 34.0;

    impact_window(&mut body, figure, &x_of, height);
    for ((top, lane_height), lane) in lane_tops.iter().zip(&lanes) {
        let _ = write!(
            body,
            r#"<g class="tl-lane"><rect class="tl-lane-bg" x="0" y="{}" width="{}" height="{}"/><text class="tl-lane-name" x="8" y="{}">{}</text>"#,
            num(*top),
            num(WIDTH),
            num(*lane_height),
            num(top + 6.0 + ROW / 2.0 + 4.0),
            escape(&truncate(&lane.name, 22))
        );
        for mark in &lane.marks {
            draw_mark(
                &mut body,
                mark,
                top + 6.0 + mark.row as f64 * ROW + ROW / 2.0,
            );
        }
        body.push_str("</g>");
    }
    y += affected_band(&mut body, figure, &x_of, y);
    let height = height.max(y + 34.0);
    axis(&mut body, start, end, figure.zone, &x_of, y);
    milestones(&mut body, figure, &x_of, y);

    let alt = describe(figure, rows, lanes.len());
    let svg = format!(
        r#"<svg class="timeline" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-labelledby="timeline-title" xmlns="http://www.w3.org/2000/svg"><title id="timeline-title">{alt}</title>{body}</svg>"#,
        w = num(WIDTH),
        h = num(height),
        alt = escape(&alt),
    );
    Picture { svg, alt }
}

fn time_range(m: &TimelineFigure, rows: &[TimelineRow]) -> (DateTime<Utc>, DateTime<Utc>) {
    let first = rows
        .iter()
        .map(|r| r.at)
        .chain(m.impact_start)
        .min()
        .unwrap_or_default();
    let last = rows
        .iter()
        .map(|r| r.at)
        .chain(m.impact_end)
        .max()
        .unwrap_or_default();
    let span = (last - first).max(Duration::minutes(10));
    let pad = span / 40;
    (first - pad, first + span + pad)
}

fn lanes(figure: &TimelineFigure, rows: &[TimelineRow]) -> Vec<Lane> {
    let mut lanes: Vec<Lane> = figure
        .lanes
        .iter()
        .map(|(id, name)| Lane {
            id: id.clone(),
            name: name.clone(),
            rows: Vec::new(),
            marks: Vec::new(),
        })
        .collect();
    if rows.iter().any(|r| r.lane.is_empty()) || lanes.is_empty() {
        lanes.push(Lane {
            id: String::new(),
            name: "Unattributed".to_string(),
            rows: Vec::new(),
            marks: Vec::new(),
        });
    }
    lanes
}

/// Puts a mark and its label in the first row of the lane where the label fits.
fn place(lane: &mut Lane, row: &TimelineRow, x: f64) {
    let prefix = if row.approx { "~" } else { "" };
    let label = format!(
        "{prefix}{} {}",
        row.clock.trim_start_matches('~'),
        truncate(&row.title, MAX_LABEL)
    );
    let width = text_width(&label, FONT);
    let anchor_end = x + 8.0 + width > WIDTH - 4.0;
    let (left, right) = if anchor_end {
        (x - 8.0 - width, x + 6.0)
    } else {
        (x - 6.0, x + 8.0 + width)
    };
    let row_index = match lane.rows.iter().position(|&edge| edge + 6.0 < left) {
        Some(i) => i,
        None => {
            lane.rows.push(f64::MIN);
            lane.rows.len() - 1
        }
    };
    lane.rows[row_index] = right;
    lane.marks.push(Mark {
        x,
        row: row_index,
        label,
        anchor_end,
        kind: row.kind,
        approx: row.approx,
        full: format!("{} \u{2014} {}: {}", row.local, row.kind_label, row.title),
    });
}

fn draw_mark(out: &mut String, mark: &Mark, y: f64) {
    let class = if mark.approx {
        "tl-mark approx"
    } else {
        "tl-mark"
    };
    let (text_x, anchor) = if mark.anchor_end {
        (mark.x - 8.0, "end")
    } else {
        (mark.x + 8.0, "start")
    };
    let _ = write!(
        out,
        r#"<g class="{class} k-{kind}"><title>{full}</title><circle cx="{x}" cy="{y}" r="5"/><text x="{tx}" y="{ty}" text-anchor="{anchor}">{label}</text></g>"#,
        kind = mark.kind,
        full = escape(&mark.full),
        x = num(mark.x),
        y = num(y),
        tx = num(text_x),
        ty = num(y + 4.0),
        label = escape(&mark.label),
    );
}

fn impact_window(
    out: &mut String,
    m: &TimelineFigure,
    x_of: &dyn Fn(DateTime<Utc>) -> f64,
    height: f64,
) {
    let Some(start) = m.impact_start else { return };
    let x0 = x_of(start);
    let (x1, class) = match m.impact_end {
        Some(end) => (x_of(end), "tl-impact"),
        None => (WIDTH - RIGHT_PAD, "tl-impact open"),
    };
    let _ = write!(
        out,
        r#"<rect class="{class}" x="{}" y="{}" width="{}" height="{}"/><text class="tl-impact-label" x="{}" y="{}">Impact{}</text>"#,
        num(x0),
        num(AXIS_TOP),
        num((x1 - x0).max(2.0)),
        num(height - AXIS_TOP - 34.0),
        num(x0 + 4.0),
        num(AXIS_TOP - 4.0),
        m.duration_seconds
            .map(|d| format!(" \u{00b7} {}", format_duration(d)))
            .unwrap_or_else(|| " \u{00b7} end unknown".to_string()),
    );
}

fn milestones(
    out: &mut String,
    figure: &TimelineFigure,
    x_of: &dyn Fn(DateTime<Utc>) -> f64,
    bottom: f64,
) {
    let mut label_edges: Vec<f64> = Vec::new();
    for &(kind, label, at) in &figure.milestones {
        let x = x_of(at);
        let width = text_width(label, FONT);
        let level = label_edges
            .iter()
            .position(|&edge| edge + 4.0 < x)
            .unwrap_or_else(|| {
                label_edges.push(f64::MIN);
                label_edges.len() - 1
            });
        label_edges[level] = x + width;
        let _ = write!(
            out,
            r#"<g class="tl-milestone k-{}"><line x1="{x}" y1="{top}" x2="{x}" y2="{bottom}"/><text x="{x}" y="{ty}">{label}</text></g>"#,
            kind.as_str(),
            x = num(x),
            top = num(AXIS_TOP - 2.0),
            bottom = num(bottom),
            ty = num(bottom + 26.0 + level as f64 * 12.0 - 12.0),
        );
    }
}

const STEPS_MINUTES: [i64; 16] = [
    1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 4320, 10080, 20160,
];

/// Height of the band that shows how many customers were affected over time.
const BAND: f64 = 40.0;

/// Draws the customers affected as a step line when the count changes during
/// the impact; returns the height it took (0 when there is nothing to show).
fn affected_band(
    out: &mut String,
    figure: &TimelineFigure,
    x_of: &dyn Fn(DateTime<Utc>) -> f64,
    top: f64,
) -> f64 {
    let steps = &figure.affected;
    if steps.windows(2).all(|pair| pair[0].1 == pair[1].1) {
        return 0.0;
    }
    let max = steps.iter().map(|&(_, n)| n).max().unwrap_or(1).max(1) as f64;
    let y_of = |n: u64| top + BAND - 8.0 - n as f64 / max * (BAND - 20.0);
    let end_x = figure.impact_end.map_or(WIDTH - RIGHT_PAD, x_of);
    let mut path = String::new();
    let mut labels = String::new();
    for (i, &(at, count)) in steps.iter().enumerate() {
        let (x, y) = (x_of(at), y_of(count));
        let _ = if i == 0 {
            write!(path, "M{} {}", num(x), num(y))
        } else {
            write!(path, "V{}", num(y))
        };
        let next_x = steps.get(i + 1).map_or(end_x, |&(t, _)| x_of(t));
        let _ = write!(path, "H{}", num(next_x));
        let _ = write!(
            labels,
            r#"<text class="tl-affected-label" x="{}" y="{}">{}</text>"#,
            num(x + 3.0),
            num(y - 3.0),
            format_count(count)
        );
    }
    let _ = write!(
        out,
        r#"<g class="tl-affected"><rect class="tl-lane-bg" x="0" y="{}" width="{}" height="{}"/><text class="tl-lane-name" x="8" y="{}">Customers affected</text><path class="tl-affected-line" d="{path}"/>{labels}</g>"#,
        num(top),
        num(WIDTH),
        num(BAND),
        num(top + BAND / 2.0 + 4.0),
    );
    BAND
}

fn axis(
    out: &mut String,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    zone: Tz,
    x_of: &dyn Fn(DateTime<Utc>) -> f64,
    bottom: f64,
) {
    let span_minutes = (end - start).num_minutes().max(1);
    let step = STEPS_MINUTES
        .iter()
        .copied()
        .find(|s| span_minutes / s <= 8)
        .unwrap_or(20160);
    let local_start = start.with_timezone(&zone);
    // First tick: the local time rounded up to the step (days align to local midnight).
    let minute_of_day = i64::from(local_start.hour()) * 60 + i64::from(local_start.minute());
    let offset = if step >= 1440 {
        1440 - minute_of_day
    } else {
        (step - minute_of_day % step) % step
    };
    let mut tick =
        start + Duration::minutes(offset) - Duration::seconds(i64::from(local_start.second()));
    let _ = write!(
        out,
        r#"<g class="tl-axis"><line x1="{}" y1="{}" x2="{}" y2="{}"/>"#,
        num(LANE_LABEL),
        num(AXIS_TOP),
        num(WIDTH - RIGHT_PAD),
        num(AXIS_TOP)
    );
    let mut last_day = None;
    while tick <= end {
        let x = x_of(tick);
        let local = tick.with_timezone(&zone);
        let day = local.date_naive();
        let label = if last_day != Some(day) || step >= 1440 {
            local.format("%-d %b %H:%M").to_string()
        } else {
            crate::text::clock(&local)
        };
        last_day = Some(day);
        let _ = write!(
            out,
            r#"<line class="tl-grid" x1="{x}" y1="{}" x2="{x}" y2="{}"/><text x="{x}" y="{}" text-anchor="middle">{}</text>"#,
            num(AXIS_TOP),
            num(bottom),
            num(AXIS_TOP - 18.0),
            escape(&label),
            x = num(x),
        );
        tick += Duration::minutes(step);
    }
    let _ = write!(
        out,
        r#"<text class="tl-zone" x="8" y="{}">{}</text></g>"#,
        num(AXIS_TOP - 18.0),
        escape(zone.name())
    );
}

fn describe(m: &TimelineFigure, rows: &[TimelineRow], lanes: usize) -> String {
    let mut text = format!(
        "Timeline of {} in {}",
        crate::text::count(rows.len(), "event"),
        crate::text::count(lanes, "lane")
    );
    match (m.impact_start, m.duration_seconds) {
        (Some(start), Some(d)) => {
            let _ = write!(
                text,
                "; impact from {} lasting {}",
                format_local(start, m.zone),
                format_duration(d)
            );
        }
        (Some(start), None) => {
            let _ = write!(
                text,
                "; impact from {}, end unknown",
                format_local(start, m.zone)
            );
        }
        _ => {}
    }
    text.push_str(". The table below lists every event.");
    text
}
