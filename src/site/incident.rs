//! Each incident's folder: its post-mortem as HTML and Markdown, and its JSON analysis.

use super::context::Site;
use super::page::{Page, Render};
use super::{paths, SiteError};
use crate::render::{self, DocumentFormat};
use crate::view::{export, incident_view};
use tera::Context;

/// The three pages of one incident, next to each other (they share its view).
pub(super) fn pages(site: &Site, incident: usize) -> [Page; 3] {
    let id = &site.incidents[incident].validated.id;
    [
        Page {
            path: paths::incident_page(id),
            render: Render::Document {
                incident,
                format: DocumentFormat::Html,
            },
        },
        Page {
            path: paths::incident_markdown(id),
            render: Render::Document {
                incident,
                format: DocumentFormat::Markdown,
            },
        },
        Page {
            path: paths::incident_json(id),
            render: Render::Json { incident },
        },
    ]
}

/// One post-mortem; `shared` keeps the template context for the incident's other format.
pub(super) fn document(
    site: &Site,
    incident: usize,
    format: DocumentFormat,
    shared: &mut Option<Context>,
) -> Result<String, SiteError> {
    let context = shared.get_or_insert_with(|| document_context(site, incident));
    Ok(render::document_in(site.templates, context, format)?)
}

fn document_context(site: &Site, incident: usize) -> Context {
    let analysed = site.incidents[incident];
    let view = incident_view(analysed, site.links(), site.settings.as_of);
    // The Markdown sits in the same folder, so one context serves both.
    let mut page = site.page(&paths::incident_page(&analysed.validated.id), "incidents");
    page.downloads = true;
    render::document_context(&view, &page, &render::DOCUMENT_FORMATS)
}

/// One incident's machine-readable analysis.
pub(super) fn json(site: &Site, incident: usize) -> String {
    export::to_json(site.incidents[incident])
}
