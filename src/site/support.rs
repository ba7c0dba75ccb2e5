//! The files every page leans on: stylesheet, search index and script, the 404 page.

use super::context::Site;
use super::page::{Page, Render};
use super::{paths, search, SiteError};
use tera::Context;

/// The search index and script, the stylesheet and the 404 page.
pub(super) fn pages() -> [Page; 4] {
    [
        (paths::SEARCH_INDEX, Render::SearchIndex),
        (paths::SEARCH_SCRIPT, Render::SearchScript),
        (paths::STYLE, Render::Style),
        (paths::NOT_FOUND, Render::NotFound),
    ]
    .map(|(path, render)| Page {
        path: path.to_string(),
        render,
    })
}

/// The prebuilt search index over every incident.
pub(super) fn search_index(site: &Site) -> String {
    search::search_index(&site.summaries)
}

/// The script that searches the index.
pub(super) fn search_script(site: &Site) -> Result<String, SiteError> {
    site.render("search.js", &Context::new())
}

/// One stylesheet for every page: a standalone document inlines it instead.
pub(super) fn style(site: &Site) -> Result<String, SiteError> {
    site.render("style.css", &Context::new())
}

/// The 404 page. A server shows it at any depth, so with a base URL its
/// links are absolute.
pub(super) fn not_found(site: &Site) -> Result<String, SiteError> {
    let mut page = site.page(paths::NOT_FOUND, "");
    if let Some(base) = &site.base {
        page.root = base.clone();
    }
    let mut context = Context::new();
    context.insert("page", &page);
    site.render("404.html", &context)
}
