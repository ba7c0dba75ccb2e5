//! What one file of the site is made from. Generators describe their pages
//! with these types; `pages` lists them and renders each one it is asked for.

use super::paging::PageOf;
use super::paths::{Grouping, Order};
use crate::render::formats::html::HTML;
use crate::render::DocumentFormat;
use serde::Serialize;

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
        format: &'static DocumentFormat,
    },
    /// An incident's JSON analysis.
    Json { incident: usize },
    /// One page of the index of every incident in one order (`members`:
    /// this page's incidents, indexes into the site's incidents).
    Index {
        order: Order,
        page: PageOf,
        members: Vec<usize>,
    },
    /// One page of the incidents of one severity.
    Severity {
        severity: String,
        page: PageOf,
        members: Vec<usize>,
    },
    /// The overview of one grouping.
    Groups {
        grouping: Grouping,
        groups: Vec<Group>,
    },
    /// One page of the incidents of one group.
    Group {
        grouping: Grouping,
        name: String,
        page: PageOf,
        members: Vec<usize>,
    },
    /// The report in one format.
    Report(&'static DocumentFormat),
    /// The Atom feed.
    Feed,
    /// The sitemap.
    Sitemap,
    /// The search index's terms that start with `key`.
    SearchTerms { key: String },
    /// The titles and links of one chunk of incidents, for search results.
    SearchDocs { chunk: usize },
    /// Every incident with its figures, as JSON.
    IncidentsJson,
    /// The same as CSV.
    IncidentsCsv,
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
    /// One incident's view: its documents and JSON share it.
    Incident(usize),
    /// The report's view: its documents share it.
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
        matches!(self, Render::Document { format, .. } if **format == HTML)
    }
}

/// One group as the overview lists it.
#[derive(Debug, Serialize)]
pub(super) struct Group {
    /// Its name as written.
    pub name: String,
    /// Its file name.
    pub slug: String,
    /// How many incidents it has.
    pub count: usize,
    /// What it means, when rootline.toml says (cause categories).
    pub description: Option<String>,
}

/// Whether two neighbours in the list render as one run (on one thread, sharing
/// their source): a page without a source is a run alone.
pub(super) fn same_run(a: &Page, b: &Page) -> bool {
    a.render.source().is_some() && a.render.source() == b.render.source()
}
