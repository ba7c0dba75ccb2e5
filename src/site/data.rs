//! `incidents.json` and `incidents.csv`: one row per incident on the site,
//! for spreadsheets and BI tools.
//!
//! The figures are those of `rootline export` (the same `ExportMetrics`), so
//! the two never disagree; the columns are documented in docs/site.md.

use super::context::Site;
use super::page::{Page, Render};
use super::paths;
use crate::view::export::ExportMetrics;
use crate::view::summary::{IncidentSummary, Slugged};
use serde::Serialize;

/// The two files, at the site root.
pub(super) fn pages() -> [Page; 2] {
    [
        (paths::INCIDENTS_JSON, Render::IncidentsJson),
        (paths::INCIDENTS_CSV, Render::IncidentsCsv),
    ]
    .map(|(path, render)| Page {
        path: path.to_string(),
        render,
    })
}

/// The columns, in order: the CSV's header and the JSON's keys.
pub const COLUMNS: [&str; 20] = [
    "id",
    "title",
    "url",
    "date",
    "severity",
    "status",
    "impact_start",
    "impact_end",
    "duration_seconds",
    "time_to_detect_seconds",
    "time_to_respond_seconds",
    "time_to_mitigate_seconds",
    "time_to_resolve_seconds",
    "customers",
    "customer_minutes",
    "approximate",
    "categories",
    "services",
    "vendors",
    "tags",
];

/// One incident's row.
#[derive(Serialize)]
struct Row<'a> {
    id: &'a str,
    title: &'a str,
    url: &'a str,
    date: &'a str,
    severity: &'a str,
    status: &'a str,
    /// The figures of `rootline export`, in its order and under its names.
    #[serde(flatten)]
    metrics: ExportMetrics,
    categories: Vec<&'a str>,
    services: &'a [String],
    vendors: Vec<&'a str>,
    tags: Vec<&'a str>,
}

fn names(items: &[Slugged]) -> Vec<&str> {
    items.iter().map(|s| s.name.as_str()).collect()
}

fn rows<'a>(site: &'a Site) -> impl Iterator<Item = Row<'a>> + 'a {
    site.incidents
        .iter()
        .zip(&site.summaries)
        .map(|(analysed, summary)| {
            let services = &analysed.validated.incident.impact.services;
            // Only the figures: the rest of an export (chains, timeline) is not in a row.
            row(
                summary,
                services,
                ExportMetrics::new(&analysed.analysis.metrics),
            )
        })
}

fn row<'a>(s: &'a IncidentSummary, services: &'a [String], metrics: ExportMetrics) -> Row<'a> {
    Row {
        id: &s.id,
        title: &s.title,
        url: &s.href,
        date: &s.date,
        severity: &s.severity,
        status: &s.status,
        metrics,
        categories: names(&s.categories),
        services,
        vendors: names(&s.vendors),
        tags: names(&s.tags),
    }
}

/// `incidents.json`: an array of rows, one a line, newest first.
pub(super) fn json(site: &Site) -> String {
    let lines: Vec<String> = rows(site)
        .map(|row| serde_json::to_string(&row).unwrap_or_else(|_| "null".to_string()))
        .collect();
    if lines.is_empty() {
        return "[]\n".to_string();
    }
    format!("[\n{}\n]\n", lines.join(",\n"))
}

/// `incidents.csv`: a header, then one row per incident; lists are joined with `; `
/// and an unknown figure is an empty cell.
pub(super) fn csv(site: &Site) -> String {
    let mut out = csv::Writer::from_writer(Vec::new());
    let mut records = vec![COLUMNS.map(String::from).to_vec()];
    records.extend(rows(site).map(|row| cells(&row)));
    for record in records {
        // Writing into memory cannot fail.
        let _ = out.write_record(&record);
    }
    let bytes = out.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

fn cells(row: &Row) -> Vec<String> {
    let number = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
    let count = |n: Option<u64>| n.map(|n| n.to_string()).unwrap_or_default();
    let text = |t: &Option<String>| t.clone().unwrap_or_default();
    let m = &row.metrics;
    vec![
        row.id.to_string(),
        row.title.to_string(),
        row.url.to_string(),
        row.date.to_string(),
        row.severity.to_string(),
        row.status.to_string(),
        text(&m.impact_start),
        text(&m.impact_end),
        number(m.duration_seconds),
        number(m.time_to_detect_seconds),
        number(m.time_to_respond_seconds),
        number(m.time_to_mitigate_seconds),
        number(m.time_to_resolve_seconds),
        count(m.customers),
        count(m.customer_minutes),
        m.approximate.join("; "),
        row.categories.join("; "),
        row.services.join("; "),
        row.vendors.join("; "),
        row.tags.join("; "),
    ]
}
