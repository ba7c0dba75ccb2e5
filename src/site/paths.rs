//! Where every file of the site lives, relative to the site root.
//!
//! Generators, the sitemap and `serve` all ask here, so a page is linked
//! under the same path it is written to. A document's file name is its
//! format's; the folder it sits in is the site's.

use crate::render::formats::html::HTML;
use crate::render::DocumentFormat;

/// The front page: every incident, newest first.
pub const INDEX: &str = "index.html";
/// The report over all incidents: its HTML page, which the site links to.
pub const REPORT: &str = "report/index.html";
/// The Atom feed of published incidents.
pub const FEED: &str = "feed.xml";
/// The sitemap (written only with a base URL).
pub const SITEMAP: &str = "sitemap.xml";
/// The prebuilt search index.
pub const SEARCH_INDEX: &str = "search-index.js";
/// The script that searches the index.
pub const SEARCH_SCRIPT: &str = "search.js";
/// The stylesheet of every page.
pub const STYLE: &str = "style.css";
/// The page a web server shows for a missing path.
pub const NOT_FOUND: &str = "404.html";

/// The folder holding one folder per incident.
const INCIDENTS: &str = "incidents";
/// The folder of the report, one file per document format.
const REPORT_FOLDER: &str = "report";
/// The folder of the per-severity list pages.
const SEVERITY_FOLDER: &str = "severity";

/// How deep list pages (severity, category, tag, vendor) sit below the root.
pub const LIST_DEPTH: usize = 1;

/// The orders the incident index comes in, each its own page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// Newest first: the front page.
    Newest,
    /// Worst severity first.
    Severity,
    /// Longest first.
    Duration,
    /// Most customer-minutes first.
    CustomerMinutes,
}

impl Order {
    /// Every order, as the sort links list them.
    pub const ALL: [Order; 4] = [
        Order::Newest,
        Order::Severity,
        Order::Duration,
        Order::CustomerMinutes,
    ];
}

/// The index page sorted in `order`.
pub fn index(order: Order) -> &'static str {
    match order {
        Order::Newest => INDEX,
        Order::Severity => "by-severity.html",
        Order::Duration => "by-duration.html",
        Order::CustomerMinutes => "by-customer-minutes.html",
    }
}

/// The ways incidents are grouped, each with a folder of list pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grouping {
    /// Cause categories on a chain to the impact.
    Categories,
    /// Tags.
    Tags,
    /// Vendors that were a party.
    Vendors,
}

impl Grouping {
    /// Every grouping, in the order the site is built.
    pub const ALL: [Grouping; 3] = [Grouping::Categories, Grouping::Tags, Grouping::Vendors];

    /// The folder of this grouping's pages; also the navigation section.
    pub fn folder(self) -> &'static str {
        match self {
            Grouping::Categories => "categories",
            Grouping::Tags => "tags",
            Grouping::Vendors => "vendors",
        }
    }
}

/// The overview of one grouping: every group with its count.
pub fn group_index(grouping: Grouping) -> String {
    format!("{}/index.html", grouping.folder())
}

/// The list page of the group whose slug is `slug`.
pub fn group_page(grouping: Grouping, slug: &str) -> String {
    format!("{}/{slug}.html", grouping.folder())
}

/// The list page of one severity (`SEV1` lives at `severity/sev1.html`).
pub fn severity_page(severity: &str) -> String {
    format!("{SEVERITY_FOLDER}/{}.html", severity.to_lowercase())
}

/// The folder of one incident: its page, downloads and copied files.
pub fn incident_folder(id: &str) -> String {
    format!("{INCIDENTS}/{id}")
}

/// The HTML post-mortem of one incident: the page the site links to.
pub fn incident_page(id: &str) -> String {
    incident_document(id, &HTML)
}

/// The post-mortem of one incident in `format`, in the incident's folder.
pub fn incident_document(id: &str, format: &DocumentFormat) -> String {
    format!("{INCIDENTS}/{id}/{}", (format.incident_file)(id))
}

/// The report in `format`, in the report's folder.
pub fn report_document(format: &DocumentFormat) -> String {
    format!("{REPORT_FOLDER}/{}", format.report_file)
}

/// The JSON analysis of one incident.
pub fn incident_json(id: &str) -> String {
    format!("{INCIDENTS}/{id}/{id}.json")
}

/// A path inside an incident folder, split into the incident id and the
/// path below its folder (empty for the folder itself).
pub fn in_incident_folder(relative: &str) -> Option<(&str, &str)> {
    let rest = relative.strip_prefix(INCIDENTS)?.strip_prefix('/')?;
    Some(rest.split_once('/').unwrap_or((rest, "")))
}

/// The part of the site a path falls in, by its folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place<'a> {
    /// The folder of the incident with this id.
    Incident(&'a str),
    /// The root folder: the index in every order, feed, sitemap, search, style, 404.
    Root,
    /// The per-severity list pages.
    Severity,
    /// The pages of one grouping.
    Group(Grouping),
    /// The report.
    Report,
}

/// Where `relative` would be, if the site has it; `None` for a folder no page is in.
pub fn place(relative: &str) -> Option<Place<'_>> {
    if let Some((id, _)) = in_incident_folder(relative) {
        return Some(Place::Incident(id));
    }
    let Some((folder, _)) = relative.split_once('/') else {
        return Some(Place::Root);
    };
    match folder {
        REPORT_FOLDER => Some(Place::Report),
        SEVERITY_FOLDER => Some(Place::Severity),
        _ => Grouping::ALL
            .into_iter()
            .find(|g| g.folder() == folder)
            .map(Place::Group),
    }
}

/// The relative path from a page at `relative` back to the site root.
pub fn root(relative: &str) -> String {
    root_at(relative.matches('/').count())
}

/// The relative path to the site root from a page `depth` folders down.
pub fn root_at(depth: usize) -> String {
    "../".repeat(depth)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::formats::markdown::MARKDOWN;
    use crate::render::DOCUMENT_FORMATS;

    #[test]
    fn each_page_reaches_the_root_through_as_many_folders_as_it_sits_in() {
        assert_eq!(root(INDEX), "");
        assert_eq!(root(REPORT), "../");
        assert_eq!(root(&severity_page("SEV1")), root_at(LIST_DEPTH));
        assert_eq!(
            root(&group_page(Grouping::Tags, "dns")),
            root_at(LIST_DEPTH)
        );
        assert_eq!(root(&incident_page("2024-03-01-x")), "../../");
    }

    #[test]
    fn every_page_is_placed_in_the_part_of_the_site_that_lists_it() {
        for order in Order::ALL {
            assert_eq!(place(index(order)), Some(Place::Root));
        }
        for root_file in [FEED, SITEMAP, SEARCH_INDEX, SEARCH_SCRIPT, STYLE, NOT_FOUND] {
            assert_eq!(place(root_file), Some(Place::Root), "{root_file}");
        }
        assert_eq!(place(REPORT), Some(Place::Report));
        for format in DOCUMENT_FORMATS {
            assert_eq!(place(&report_document(format)), Some(Place::Report));
        }
        assert_eq!(place(&severity_page("SEV2")), Some(Place::Severity));
        for grouping in Grouping::ALL {
            assert_eq!(place(&group_index(grouping)), Some(Place::Group(grouping)));
            assert_eq!(
                place(&group_page(grouping, "x")),
                Some(Place::Group(grouping))
            );
        }
        let documents = DOCUMENT_FORMATS.iter().map(|f| incident_document("a", f));
        for page in documents.chain([incident_page("a"), incident_json("a")]) {
            assert_eq!(place(&page), Some(Place::Incident("a")), "{page}");
        }
        assert_eq!(place("elsewhere/index.html"), None);
    }

    #[test]
    fn the_site_links_to_the_html_documents_at_their_folders_index() {
        assert_eq!(incident_page("a"), "incidents/a/index.html");
        assert_eq!(report_document(&HTML), REPORT);
        assert_eq!(report_document(&MARKDOWN), "report/report.md");
    }

    #[test]
    fn a_path_in_an_incident_folder_splits_into_id_and_file() {
        assert_eq!(
            in_incident_folder("incidents/2024-03-01-x/img/a.png"),
            Some(("2024-03-01-x", "img/a.png"))
        );
        assert_eq!(
            in_incident_folder(&incident_document("a", &MARKDOWN)),
            Some(("a", "a.md"))
        );
        assert_eq!(in_incident_folder("incidents/a"), Some(("a", "")));
        assert_eq!(in_incident_folder("incidentsa/b"), None);
        assert_eq!(in_incident_folder(INDEX), None);
    }
}
