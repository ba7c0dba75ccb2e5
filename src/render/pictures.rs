//! The pictures of a document, drawn from view types only, and only for the
//! formats that show them (each format says which: `DocumentFormat::pictures`).

use super::formats::DocumentFormat;
use super::graph_text;
use super::svg::{self, charts};
use crate::view::report::{ReportSection, ReportView};
use crate::view::{IncidentView, Terms};
use serde::Serialize;

/// The pictures of one post-mortem, as templates see them beside the view.
#[derive(Debug, Default, Serialize)]
pub struct IncidentPictures {
    /// The causal graph as a Mermaid flowchart.
    pub mermaid: String,
    /// The timeline picture, inline SVG.
    pub timeline_svg: String,
    /// Text alternative of the timeline picture.
    pub timeline_alt: String,
    /// The causal graph picture, inline SVG, empty when too large to draw.
    pub graph_svg: String,
    /// Text alternative of the causal graph picture.
    pub graph_alt: String,
}

/// A post-mortem as templates see it: the view with its pictures.
#[derive(Debug, Serialize)]
pub struct IncidentDocument<'a> {
    #[serde(flatten)]
    view: &'a IncidentView,
    #[serde(flatten)]
    pictures: IncidentPictures,
}

/// Draws the pictures `formats` show, their text in the wording of `terms`.
pub fn incident_document<'a>(
    view: &'a IncidentView,
    formats: &[&DocumentFormat],
    terms: &Terms,
) -> IncidentDocument<'a> {
    let mut pictures = IncidentPictures::default();
    if formats.iter().any(|f| f.pictures.mermaid) {
        pictures.mermaid = graph_text::to_mermaid(&view.graph);
    }
    if formats.iter().any(|f| f.pictures.svg) {
        let timeline = svg::timeline(&view.timeline_figure, &view.timeline);
        let graph = svg::causal_graph(&view.graph, terms);
        pictures.timeline_svg = timeline.svg;
        pictures.timeline_alt = timeline.alt;
        pictures.graph_svg = graph.svg;
        pictures.graph_alt = graph.alt;
    }
    IncidentDocument { view, pictures }
}

/// One period of the report with its charts.
#[derive(Debug, Serialize)]
pub struct SectionDocument<'a> {
    #[serde(flatten)]
    section: &'a ReportSection,
    /// Stacked bar chart of incidents per month.
    pub months_svg: String,
    /// Its text alternative.
    pub months_alt: String,
    /// Bar chart of the cause categories.
    pub categories_svg: String,
    /// Strip and box plot of durations.
    pub durations_svg: String,
    /// Its text alternative.
    pub durations_alt: String,
    /// Strip and box plot of times to detect.
    pub detect_svg: String,
    /// Its text alternative.
    pub detect_alt: String,
    /// Duration per quarter.
    pub duration_trend_svg: String,
    /// Its text alternative.
    pub duration_trend_alt: String,
    /// Time to detect per quarter.
    pub detect_trend_svg: String,
    /// Its text alternative.
    pub detect_trend_alt: String,
}

/// The report as templates see it: the view with its charts.
#[derive(Debug, Serialize)]
pub struct ReportDocument<'a> {
    /// The day overdue items are judged against.
    pub as_of: &'a str,
    /// One or more periods.
    pub sections: Vec<SectionDocument<'a>>,
}

/// Draws the report's charts when one of `formats` shows SVG pictures.
pub fn report_document<'a>(
    view: &'a ReportView,
    formats: &[&DocumentFormat],
) -> ReportDocument<'a> {
    let draw = formats.iter().any(|f| f.pictures.svg);
    ReportDocument {
        as_of: &view.as_of,
        sections: view
            .sections
            .iter()
            .map(|section| section_document(section, draw))
            .collect(),
    }
}

fn section_document(section: &ReportSection, draw: bool) -> SectionDocument<'_> {
    let mut document = SectionDocument {
        section,
        months_svg: String::new(),
        months_alt: String::new(),
        categories_svg: String::new(),
        durations_svg: String::new(),
        durations_alt: String::new(),
        detect_svg: String::new(),
        detect_alt: String::new(),
        duration_trend_svg: String::new(),
        duration_trend_alt: String::new(),
        detect_trend_svg: String::new(),
        detect_trend_alt: String::new(),
    };
    if !draw {
        return document;
    }
    let levels: Vec<&str> = section
        .by_severity
        .iter()
        .map(|(name, _)| name.as_str())
        .collect();
    let months = charts::stacked_months(&section.months, &levels);
    let bars: Vec<(String, usize)> = section
        .categories
        .iter()
        .take(12)
        .map(|c| (c.category.name.clone(), c.count))
        .collect();
    let durations = charts::strip_box(section.durations.name, &section.durations.values);
    let detect = charts::strip_box(section.detect.name, &section.detect.values);
    document.months_svg = months.svg;
    document.months_alt = months.alt;
    document.categories_svg = charts::horizontal_bars(&bars).svg;
    document.durations_svg = durations.svg;
    document.durations_alt = durations.alt;
    document.detect_svg = detect.svg;
    document.detect_alt = detect.alt;
    let duration_trend = charts::quarter_trend("Duration", &section.quarters, |q| &q.duration);
    let detect_trend = charts::quarter_trend("Time to detect", &section.quarters, |q| &q.detect);
    document.duration_trend_svg = duration_trend.svg;
    document.duration_trend_alt = duration_trend.alt;
    document.detect_trend_svg = detect_trend.svg;
    document.detect_trend_alt = detect_trend.alt;
    document
}
