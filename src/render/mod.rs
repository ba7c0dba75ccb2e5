//! Rendering: documents through Tera, Markdown and sanitising, SVG pictures.

pub mod formats;
pub mod graph_text;
pub mod pictures;
pub mod svg;
pub mod templates;

use crate::view::report::ReportView;
use crate::view::{IncidentView, PageContext};
use templates::{TemplateError, Templates};

pub use formats::{DocumentFormat, DOCUMENT_FORMATS};

/// Renders one post-mortem document.
pub fn document(
    templates: &Templates,
    view: &IncidentView,
    page: &PageContext,
    format: &DocumentFormat,
) -> Result<String, TemplateError> {
    document_in(templates, &document_context(view, page, &[format]), format)
}

/// The template context of one post-mortem, with the pictures `formats` show;
/// build it once to render several formats.
pub fn document_context(
    view: &IncidentView,
    page: &PageContext,
    formats: &[&DocumentFormat],
) -> tera::Context {
    let mut context = tera::Context::new();
    context.insert(
        "incident",
        &pictures::incident_document(view, formats, &page.terms),
    );
    context.insert("page", page);
    context
}

/// The template context of the report, with the charts `formats` show.
pub fn report_context(
    view: &ReportView,
    page: &PageContext,
    formats: &[&DocumentFormat],
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
    format: &DocumentFormat,
) -> Result<String, TemplateError> {
    Ok((format.finish)(
        templates.render(format.report.name, context)?,
    ))
}

/// Renders one post-mortem from a prepared context.
pub fn document_in(
    templates: &Templates,
    context: &tera::Context,
    format: &DocumentFormat,
) -> Result<String, TemplateError> {
    Ok((format.finish)(
        templates.render(format.incident.name, context)?,
    ))
}
