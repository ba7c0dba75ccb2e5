//! Rendering: documents through Tera, Markdown and sanitising, SVG pictures.

pub mod graph_text;
pub mod pictures;
pub mod svg;
pub mod templates;

use crate::view::report::ReportView;
use crate::view::{IncidentView, PageContext};
use templates::{TemplateError, Templates};

/// The two document formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentFormat {
    /// GitHub-flavoured Markdown (`incident.md`).
    Markdown,
    /// A self-contained HTML page (`incident.html`).
    Html,
}

/// Every document format: a site writes each incident and the report in all of them.
pub const DOCUMENT_FORMATS: [DocumentFormat; 2] = [DocumentFormat::Html, DocumentFormat::Markdown];

/// Renders one post-mortem document.
pub fn document(
    templates: &Templates,
    view: &IncidentView,
    page: &PageContext,
    format: DocumentFormat,
) -> Result<String, TemplateError> {
    document_in(templates, &document_context(view, page, &[format]), format)
}

/// The template context of one post-mortem, with the pictures `formats` show;
/// build it once to render several formats.
pub fn document_context(
    view: &IncidentView,
    page: &PageContext,
    formats: &[DocumentFormat],
) -> tera::Context {
    let mut context = tera::Context::new();
    context.insert("incident", &pictures::incident_document(view, formats));
    context.insert("page", page);
    context
}

/// The template context of the report, with the charts `formats` show.
pub fn report_context(
    view: &ReportView,
    page: &PageContext,
    formats: &[DocumentFormat],
) -> tera::Context {
    let mut context = tera::Context::new();
    context.insert("report", &pictures::report_document(view, formats));
    context.insert("page", page);
    context
}

/// Renders the report from a prepared context.
pub fn report_in(
    templates: &Templates,
    context: &tera::Context,
    format: DocumentFormat,
) -> Result<String, TemplateError> {
    Ok(match format {
        DocumentFormat::Markdown => tidy_markdown(&templates.render("report.md", context)?),
        DocumentFormat::Html => templates.render("report.html", context)?,
    })
}

/// Renders one post-mortem from a prepared context.
pub fn document_in(
    templates: &Templates,
    context: &tera::Context,
    format: DocumentFormat,
) -> Result<String, TemplateError> {
    let name = match format {
        DocumentFormat::Markdown => "incident.md",
        DocumentFormat::Html => "incident.html",
    };
    let text = templates.render(name, context)?;
    Ok(match format {
        DocumentFormat::Markdown => tidy_markdown(&text),
        DocumentFormat::Html => text,
    })
}

/// Removes the blank-line runs and trailing spaces templates leave behind (markdownlint wants neither).
pub fn tidy_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_run = 0;
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank_run += 1;
            if blank_run > 1 {
                continue;
            }
        } else {
            blank_run = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out.push('\n');
    out
}
