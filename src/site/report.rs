//! The report over every incident on the site, in every document format.

use super::context::Site;
use super::page::{Page, Render};
use super::{paths, SiteError};
use crate::render::{self, DocumentFormat, DOCUMENT_FORMATS};
use crate::view::report::{report_with_summaries, Judged, Period};
use tera::Context;

/// The report's pages, one per document format, next to each other (they share its view).
pub(super) fn pages() -> Vec<Page> {
    DOCUMENT_FORMATS
        .iter()
        .map(|&format| Page {
            path: paths::report_document(format),
            render: Render::Report(format),
        })
        .collect()
}

/// The report in `format`; `shared` keeps the template context for the other formats.
pub(super) fn report(
    site: &Site,
    format: &DocumentFormat,
    shared: &mut Option<Context>,
) -> Result<String, SiteError> {
    let context = shared.get_or_insert_with(|| report_context(site));
    Ok(render::report_in(site.templates, context, format)?)
}

fn report_context(site: &Site) -> Context {
    let as_of = site.settings.as_of;
    let judged = Judged::new(as_of, &site.settings.config);
    let view = report_with_summaries(
        site.incidents,
        &site.summaries,
        site.history(),
        &[Period::last_12_months(as_of), Period::all_time()],
        &judged,
    );
    // Every format's file sits in the same folder, so one context serves them all.
    let page = site.page(paths::REPORT, "report");
    render::report_context(&view, &page, DOCUMENT_FORMATS)
}
