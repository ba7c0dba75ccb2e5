//! Each incident's folder: its post-mortem in every document format, and its JSON analysis.

use super::context::Site;
use super::page::{Page, Render};
use super::{paths, SiteError};
use crate::render::{self, DocumentFormat, DOCUMENT_FORMATS};
use crate::view::{export, incident_view};
use tera::Context;

/// The pages of one incident, next to each other (they share its view): its
/// post-mortem in every document format, then its JSON analysis.
pub(super) fn pages(site: &Site, incident: usize) -> Vec<Page> {
    let id = &site.incidents[incident].validated.id;
    let documents = DOCUMENT_FORMATS.iter().map(|&format| Page {
        path: paths::incident_document(id, format),
        render: Render::Document { incident, format },
    });
    let json = Page {
        path: paths::incident_json(id),
        render: Render::Json { incident },
    };
    documents.chain([json]).collect()
}

/// One post-mortem; `shared` keeps the template context for the incident's other formats.
pub(super) fn document(
    site: &Site,
    incident: usize,
    format: &DocumentFormat,
    shared: &mut Option<Context>,
) -> Result<String, SiteError> {
    let context = shared.get_or_insert_with(|| document_context(site, incident));
    Ok(render::document_in(site.templates, context, format)?)
}

fn document_context(site: &Site, incident: usize) -> Context {
    let analysed = site.incidents[incident];
    let mut view = incident_view(analysed, site.links(), site.settings.as_of);
    view.recurred_after = site.recurrences(incident);
    // Every format's file sits in the same folder, so one context serves them all.
    let mut page = site.page(&paths::incident_page(&analysed.validated.id), "incidents");
    page.downloads = true;
    render::document_context(&view, &page, DOCUMENT_FORMATS)
}

/// One incident's machine-readable analysis.
pub(super) fn json(site: &Site, incident: usize) -> String {
    export::to_json(site.incidents[incident])
}
