//! The files every page leans on: stylesheet, search shards and script, the 404 page.

use super::context::Site;
use super::page::{Page, Render};
use super::{paths, search, SiteError};
use tera::Context;

/// The search script, the stylesheet and the 404 page.
pub(super) fn pages() -> [Page; 3] {
    [
        (paths::SEARCH_SCRIPT, Render::SearchScript),
        (paths::STYLE, Render::Style),
        (paths::NOT_FOUND, Render::NotFound),
    ]
    .map(|(path, render)| Page {
        path: path.to_string(),
        render,
    })
}

/// The shards of the search index: one per pair of leading letters, and the
/// result lines of the incidents in chunks.
pub(super) fn search_pages(site: &Site) -> Vec<Page> {
    let index = site.search();
    let terms = index.keys().map(|key| Page {
        path: paths::search_terms(key),
        render: Render::SearchTerms {
            key: key.to_string(),
        },
    });
    let docs = (0..index.chunks()).map(|chunk| Page {
        path: paths::search_docs(chunk),
        render: Render::SearchDocs { chunk },
    });
    terms.chain(docs).collect()
}

/// The script that searches the index: it knows which shards exist, so it
/// never asks for one that does not.
pub(super) fn search_script(site: &Site) -> Result<String, SiteError> {
    let index = site.search();
    let keys: Vec<&str> = index.keys().collect();
    let mut context = Context::new();
    context.insert("keys", &serde_json::to_string(&keys).unwrap_or_default());
    context.insert("docs_per_chunk", &search::DOCS_PER_CHUNK);
    site.render("search.js", &context)
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
