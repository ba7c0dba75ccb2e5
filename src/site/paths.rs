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
/// Every incident on the site with its figures, as JSON.
pub const INCIDENTS_JSON: &str = "incidents.json";
/// The same rows as CSV, for spreadsheets.
pub const INCIDENTS_CSV: &str = "incidents.csv";
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
/// The folder of the search index's shards, loaded only when someone searches.
const SEARCH_FOLDER: &str = "search";
/// The folder of the front page's later pages (`page/2.html`).
const FRONT_PAGES: &str = "page";

/// How deep list pages sit below the root at most: the later pages of a
/// severity, category, tag or vendor (`tags/dns/2.html`).
pub const MAX_LIST_DEPTH: usize = 2;

/// Page `number` (1 is the first) of the list whose first page is `first`.
///
/// The first page keeps its name; later ones go into a folder named after it,
/// `by-duration.html` then `by-duration/2.html`, except the front page's,
/// which go into `page/`. Slugs never hold `/`, so no list's pages meet another's.
pub fn list_page(first: &str, number: usize) -> String {
    if number <= 1 {
        return first.to_string();
    }
    let stem = first.strip_suffix(".html").unwrap_or(first);
    let folder = if stem == "index" { FRONT_PAGES } else { stem };
    format!("{folder}/{number}.html")
}

/// The search shard of the terms whose first two letters make `key`.
pub fn search_terms(key: &str) -> String {
    format!("{SEARCH_FOLDER}/terms-{key}.js")
}

/// The search shard of the titles and links of one chunk of incidents.
pub fn search_docs(chunk: usize) -> String {
    format!("{SEARCH_FOLDER}/docs-{chunk}.js")
}

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
    /// The root folder and the index's later pages: the index in every
    /// order, feed, sitemap, search script, style, 404, incident lists.
    Root,
    /// The search index's shards.
    Search,
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
    let later_index_page = |order| list_page(index(order), 2).starts_with(&format!("{folder}/"));
    match folder {
        REPORT_FOLDER => Some(Place::Report),
        SEVERITY_FOLDER => Some(Place::Severity),
        SEARCH_FOLDER => Some(Place::Search),
        _ if Order::ALL.into_iter().any(later_index_page) => Some(Place::Root),
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
        assert_eq!(root(&severity_page("SEV1")), "../");
        assert_eq!(root(&group_page(Grouping::Tags, "dns")), "../");
        let deepest = list_page(&group_page(Grouping::Tags, "dns"), 2);
        assert_eq!(root(&deepest), root_at(MAX_LIST_DEPTH));
        assert_eq!(root(&incident_page("2024-03-01-x")), "../../");
    }

    #[test]
    fn every_page_is_placed_in_the_part_of_the_site_that_lists_it() {
        for order in Order::ALL {
            assert_eq!(place(index(order)), Some(Place::Root));
            assert_eq!(place(&list_page(index(order), 7)), Some(Place::Root));
        }
        assert_eq!(place(&search_terms("ce")), Some(Place::Search));
        assert_eq!(place(&search_docs(3)), Some(Place::Search));
        let root_files = [FEED, SITEMAP, SEARCH_SCRIPT, STYLE, NOT_FOUND];
        for root_file in root_files
            .into_iter()
            .chain([INCIDENTS_JSON, INCIDENTS_CSV])
        {
            assert_eq!(place(root_file), Some(Place::Root), "{root_file}");
        }
        assert_eq!(place(REPORT), Some(Place::Report));
        for format in DOCUMENT_FORMATS {
            assert_eq!(place(&report_document(format)), Some(Place::Report));
        }
        assert_eq!(place(&severity_page("SEV2")), Some(Place::Severity));
        let later_severity = list_page(&severity_page("SEV2"), 2);
        assert_eq!(place(&later_severity), Some(Place::Severity));
        for grouping in Grouping::ALL {
            assert_eq!(place(&group_index(grouping)), Some(Place::Group(grouping)));
            for number in [1, 2] {
                let page = list_page(&group_page(grouping, "x"), number);
                assert_eq!(place(&page), Some(Place::Group(grouping)), "{page}");
            }
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
    fn later_pages_of_a_list_sit_in_a_folder_named_after_its_first() {
        assert_eq!(list_page(INDEX, 1), "index.html");
        assert_eq!(list_page(INDEX, 2), "page/2.html");
        assert_eq!(list_page(index(Order::Duration), 3), "by-duration/3.html");
        assert_eq!(list_page(&severity_page("SEV1"), 2), "severity/sev1/2.html");
        assert_eq!(
            list_page(&group_page(Grouping::Vendors, "aws"), 12),
            "vendors/aws/12.html"
        );
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
