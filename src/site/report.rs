//! The report over every incident on the site, as HTML and Markdown.

use super::context::Site;
use super::page::{Page, Render};
use super::{paths, SiteError};
use crate::render::{self, DocumentFormat};
use crate::view::report::{report_with_summaries, Period};
use tera::Context;

/// The report's two pages, next to each other (they share its view).
pub(super) fn pages() -> [Page; 2] {
    [
        Page {
            path: paths::REPORT.to_string(),
            render: Render::Report(DocumentFormat::Html),
        },
        Page {
            path: paths::REPORT_MARKDOWN.to_string(),
            render: Render::Report(DocumentFormat::Markdown),
        },
    ]
}

/// The report in `format`; `shared` keeps the template context for the other format.
pub(super) fn report(
    site: &Site,
    format: DocumentFormat,
    shared: &mut Option<Context>,
) -> Result<String, SiteError> {
    let context = shared.get_or_insert_with(|| report_context(site));
    Ok(render::report_in(site.templates, context, format)?)
}

fn report_context(site: &Site) -> Context {
    let as_of = site.settings.as_of;
    let view = report_with_summaries(
        site.incidents,
        &site.summaries,
        &[Period::last_12_months(as_of), Period::all_time()],
        as_of,
    );
    // The Markdown sits in the same folder, so one context serves both.
    let page = site.page(paths::REPORT, "report");
    render::report_context(&view, &page, &render::DOCUMENT_FORMATS)
}
