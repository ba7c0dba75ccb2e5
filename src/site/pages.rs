//! The site as a list of pages: each a path and what renders it, only when asked.
//!
//! The list is made of parts (one incident's folder, the root folder, the
//! severities, one grouping, the report). `build` renders every page of every
//! part; `serve` makes only the part its path falls in (`paths::place`), finds
//! the page there and renders that one alone. Both answer from the same parts.

use super::context::Site;
use super::page::{Page, Render};
use super::paths::{self, Grouping, Place};
use super::{data, feed, groups, incident, index, report, support, SiteError};
use tera::Context;

/// Every page of the site; pages that share a source are next to each other.
pub(super) fn page_list(site: &Site) -> Vec<Page> {
    let mut pages = Vec::new();
    for incident in 0..site.incidents.len() {
        pages.extend(incident::pages(site, incident));
    }
    pages.extend(root_pages(site));
    pages.extend(support::search_pages(site));
    pages.extend(index::severity_pages(site));
    for grouping in Grouping::ALL {
        pages.extend(groups::pages(site, grouping));
    }
    pages.extend(report::pages());
    pages
}

/// The page at `relative`, if the site has one. Only the part of the list
/// where the path would be is made: at 10,000 incidents the whole list costs
/// `serve` tens of milliseconds a request.
pub(super) fn find(site: &Site, relative: &str) -> Option<Page> {
    let part = match paths::place(relative)? {
        Place::Incident(id) => {
            let incident = site.incidents.iter().position(|a| a.validated.id == id)?;
            incident::pages(site, incident)
        }
        Place::Root => root_pages(site),
        Place::Search => support::search_pages(site),
        Place::Severity => index::severity_pages(site),
        Place::Group(grouping) => groups::pages(site, grouping),
        Place::Report => report::pages(),
    };
    part.into_iter().find(|page| page.path == relative)
}

/// The pages in the site's root folder.
fn root_pages(site: &Site) -> Vec<Page> {
    let mut pages = index::pages(site);
    pages.extend(feed::pages(site));
    pages.extend(support::pages());
    pages.extend(data::pages());
    pages
}

/// The sitemap: every HTML page a reader can land on (the 404 page is none).
fn sitemap(site: &Site) -> String {
    let pages = page_list(site);
    let readable = pages
        .iter()
        .map(|page| page.path.as_str())
        .filter(|path| path.ends_with(".html") && *path != paths::NOT_FOUND);
    feed::sitemap(site, readable)
}

impl Page {
    /// Renders the page; `shared` holds what its run's earlier pages made from their source.
    pub fn render(&self, site: &Site, shared: &mut Option<Context>) -> Result<String, SiteError> {
        match &self.render {
            Render::Document { incident, format } => {
                incident::document(site, *incident, format, shared)
            }
            Render::Json { incident } => Ok(incident::json(site, *incident)),
            Render::Index {
                order,
                page,
                members,
            } => index::sorted(site, *order, *page, members),
            Render::Severity {
                severity,
                page,
                members,
            } => index::severity(site, severity, *page, members),
            Render::Groups { grouping, groups } => {
                groups::overview(site, &self.path, *grouping, groups)
            }
            Render::Group {
                grouping,
                name,
                page,
                members,
            } => groups::group(site, *grouping, name, *page, members),
            Render::Report(format) => report::report(site, format, shared),
            Render::Feed => feed::feed(site),
            Render::Sitemap => Ok(sitemap(site)),
            Render::SearchTerms { key } => Ok(site.search().terms_script(key)),
            Render::SearchDocs { chunk } => Ok(site.search().docs_script(*chunk)),
            Render::IncidentsJson => Ok(data::json(site)),
            Render::IncidentsCsv => Ok(data::csv(site)),
            Render::SearchScript => support::search_script(site),
            Render::Style => support::style(site),
            Render::NotFound => support::not_found(site),
        }
    }
}
