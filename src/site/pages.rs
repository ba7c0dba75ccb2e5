//! The site as a list of pages: each a path and what renders it, only when asked.
//!
//! The list is made of parts (one incident's folder, the root folder, the
//! severities, one grouping, the report). `build` renders every page of every
//! part; `serve` makes only the part its path falls in (`paths::place`), finds
//! the page there and renders that one alone. Both answer from the same parts.

use super::context::Site;
use super::groups::Group;
use super::paths::{self, Grouping, Order, Place};
use super::{feed, groups, incident, index, report, support, SiteError};
use crate::render::DocumentFormat;
use tera::Context;

/// One file of the site.
pub(super) struct Page {
    /// Where it goes, relative to the site root.
    pub path: String,
    /// What renders it.
    pub render: Render,
}

/// What one page is made from; nothing is rendered until the page is asked for.
pub(super) enum Render {
    /// An incident's post-mortem (index into the site's incidents).
    Document {
        incident: usize,
        format: DocumentFormat,
    },
    /// An incident's JSON analysis.
    Json { incident: usize },
    /// The index of every incident in one order.
    Index(Order),
    /// The incidents of one severity.
    Severity { severity: String, count: usize },
    /// The overview of one grouping.
    Groups {
        grouping: Grouping,
        groups: Vec<Group>,
    },
    /// The incidents of one group (indexes into the site's incidents, in order).
    Group {
        grouping: Grouping,
        name: String,
        members: Vec<usize>,
    },
    /// The report in one format.
    Report(DocumentFormat),
    /// The Atom feed.
    Feed,
    /// The sitemap.
    Sitemap,
    /// The search index.
    SearchIndex,
    /// The search script.
    SearchScript,
    /// The stylesheet.
    Style,
    /// The 404 page.
    NotFound,
}

/// What several pages are made from: the first of them to render makes it,
/// the others reuse it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Source {
    /// One incident's view: its HTML and Markdown share it.
    Incident(usize),
    /// The report's view: its HTML and Markdown share it.
    Report,
}

impl Render {
    /// What this page shares with its neighbours in the list, if anything.
    pub fn source(&self) -> Option<Source> {
        match self {
            Render::Document { incident, .. } | Render::Json { incident } => {
                Some(Source::Incident(*incident))
            }
            Render::Report(_) => Some(Source::Report),
            _ => None,
        }
    }

    /// Whether this is an incident's HTML page (what `Built` counts as incident pages).
    pub fn is_incident_page(&self) -> bool {
        matches!(
            self,
            Render::Document {
                format: DocumentFormat::Html,
                ..
            }
        )
    }
}

/// Every page of the site; pages that share a source are next to each other.
pub(super) fn page_list(site: &Site) -> Vec<Page> {
    let mut pages = Vec::new();
    for incident in 0..site.incidents.len() {
        pages.extend(incident::pages(site, incident));
    }
    pages.extend(root_pages(site));
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
            Vec::from(incident::pages(site, incident))
        }
        Place::Root => root_pages(site),
        Place::Severity => index::severity_pages(site),
        Place::Group(grouping) => groups::pages(site, grouping),
        Place::Report => Vec::from(report::pages()),
    };
    part.into_iter().find(|page| page.path == relative)
}

/// The pages in the site's root folder.
fn root_pages(site: &Site) -> Vec<Page> {
    let mut pages = index::pages();
    pages.extend(feed::pages(site));
    pages.extend(support::pages());
    pages
}

/// Whether two neighbours in the list render as one run (on one thread, sharing
/// their source): a page without a source is a run alone.
pub(super) fn same_run(a: &Page, b: &Page) -> bool {
    a.render.source().is_some() && a.render.source() == b.render.source()
}

impl Page {
    /// Renders the page; `shared` holds what its run's earlier pages made from their source.
    pub fn render(&self, site: &Site, shared: &mut Option<Context>) -> Result<String, SiteError> {
        match &self.render {
            Render::Document { incident, format } => {
                incident::document(site, *incident, *format, shared)
            }
            Render::Json { incident } => Ok(incident::json(site, *incident)),
            Render::Index(order) => index::sorted(site, *order),
            Render::Severity { severity, count } => {
                index::severity(site, &self.path, severity, *count)
            }
            Render::Groups { grouping, groups } => {
                groups::overview(site, &self.path, *grouping, groups)
            }
            Render::Group {
                grouping,
                name,
                members,
            } => groups::group(site, &self.path, *grouping, name, members),
            Render::Report(format) => report::report(site, *format, shared),
            Render::Feed => feed::feed(site),
            Render::Sitemap => Ok(feed::sitemap(site)),
            Render::SearchIndex => Ok(support::search_index(site)),
            Render::SearchScript => support::search_script(site),
            Render::Style => support::style(site),
            Render::NotFound => support::not_found(site),
        }
    }
}
