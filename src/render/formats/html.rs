//! A self-contained HTML page, with the pictures drawn as inline SVG.

use super::{as_rendered, DocumentFormat, Pictures, Template};

/// A self-contained HTML page: the site's page of each incident and of the report.
pub static HTML: DocumentFormat = DocumentFormat {
    name: "html",
    aliases: &[],
    about: "One self-contained HTML page",
    incident: Template {
        name: "incident.html",
        source: include_str!("../../../templates/incident.html"),
    },
    report: Template {
        name: "report.html",
        source: include_str!("../../../templates/report.html"),
    },
    incident_file: |_| "index.html".to_string(),
    report_file: "index.html",
    finish: as_rendered,
    pictures: Pictures {
        svg: true,
        mermaid: false,
    },
};
