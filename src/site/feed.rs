//! The Atom feed of published incidents, and the sitemap.

use super::context::Site;
use super::page::{Page, Render};
use super::{paths, SiteError};
use crate::text::escape_html;
use crate::view::summary::IncidentSummary;
use tera::Context;

/// The feed, and the sitemap when the site has a base URL: the sitemap
/// protocol takes absolute URLs only, so without one there is no valid sitemap.
pub(super) fn pages(site: &Site) -> Vec<Page> {
    let mut pages = vec![Page {
        path: paths::FEED.to_string(),
        render: Render::Feed,
    }];
    if site.base.is_some() {
        pages.push(Page {
            path: paths::SITEMAP.to_string(),
            render: Render::Sitemap,
        });
    }
    pages
}

/// The feed: the newest published incidents (as many as the settings say),
/// with absolute links when there is a base URL.
pub(super) fn feed(site: &Site) -> Result<String, SiteError> {
    // Summaries are newest first, so the first few published are the newest.
    let published: Vec<&IncidentSummary> = site
        .summaries
        .iter()
        .copied()
        .filter(|s| s.status == "published")
        .take(site.settings.feed_size)
        .collect();
    let mut context = Context::new();
    context.insert("base_url", &site.base);
    context.insert("entries", &published);
    context.insert(
        "updated",
        &published
            .iter()
            .map(|s| s.updated.as_str())
            .max()
            .unwrap_or("1970-01-01T00:00:00Z"),
    );
    context.insert("page", &site.page(paths::FEED, ""));
    site.render("feed.xml", &context)
}

/// The sitemap of `pages` (paths from the site root) under the base URL.
pub(super) fn sitemap<'p>(site: &Site, pages: impl Iterator<Item = &'p str>) -> String {
    let prefix = site.base.as_deref().unwrap_or_default();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for url in pages {
        out.push_str(&format!(
            "  <url><loc>{}</loc></url>\n",
            escape_html(&format!("{prefix}{url}"))
        ));
    }
    out.push_str("</urlset>\n");
    out
}
