//! The incident index in each sort order, and one list page per severity.

use super::context::Site;
use super::page::{Page, Render};
use super::paging::{self, PageOf};
use super::paths::{self, Order};
use super::SiteError;
use crate::view::summary::IncidentSummary;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
struct SortLink {
    label: &'static str,
    href: &'static str,
    current: bool,
}

/// The index in every order, page by page.
pub(super) fn pages(site: &Site) -> Vec<Page> {
    let mut pages = Vec::new();
    for order in Order::ALL {
        let first = paths::index(order);
        let sorted = in_order(site, order);
        for (page, members) in paging::split(&sorted, site.settings.page_size) {
            pages.push(Page {
                path: paths::list_page(first, page.number),
                render: Render::Index {
                    order,
                    page,
                    members,
                },
            });
        }
    }
    pages
}

/// The list pages of each severity present, page by page.
pub(super) fn severity_pages(site: &Site) -> Vec<Page> {
    let mut pages = Vec::new();
    for (severity, _) in severity_counts(site) {
        let first = paths::severity_page(&severity);
        let chosen: Vec<usize> = (0..site.summaries.len())
            .filter(|&i| site.summaries[i].severity == severity)
            .collect();
        for (page, members) in paging::split(&chosen, site.settings.page_size) {
            pages.push(Page {
                path: paths::list_page(&first, page.number),
                render: Render::Severity {
                    severity: severity.clone(),
                    page,
                    members,
                },
            });
        }
    }
    pages
}

/// Every incident (indexes into the site's) in `order`.
fn in_order(site: &Site, order: Order) -> Vec<usize> {
    let mut sorted: Vec<usize> = (0..site.summaries.len()).collect();
    if order != Order::Newest {
        // Stable sort over newest-first keeps ties newest first.
        sorted.sort_by_key(|&i| key(order, site.summaries[i]));
    }
    sorted
}

fn label(order: Order) -> &'static str {
    match order {
        Order::Newest => "Newest first",
        Order::Severity => "Severity",
        Order::Duration => "Longest",
        Order::CustomerMinutes => "Customer-minutes",
    }
}

/// What an order sorts by, smallest first; ties keep the newest-first order.
fn key(order: Order, s: &IncidentSummary) -> i64 {
    match order {
        Order::Newest => 0,
        Order::Severity => i64::from(s.severity_rank),
        Order::Duration => -s.duration_seconds.unwrap_or(-1),
        Order::CustomerMinutes => {
            -(s.customer_minutes_value.unwrap_or(0).min(i64::MAX as u64) as i64)
        }
    }
}

/// One page of the index of every incident in `order`.
pub(super) fn sorted(
    site: &Site,
    order: Order,
    page: PageOf,
    members: &[usize],
) -> Result<String, SiteError> {
    let first = paths::index(order);
    let mut context = site.list_page_context(first, page, members, "Incidents", "incidents");
    let links: Vec<SortLink> = Order::ALL
        .into_iter()
        .map(|o| SortLink {
            label: label(o),
            href: paths::index(o),
            current: o == order,
        })
        .collect();
    context.insert("sorts", &links);
    context.insert("sort_label", label(order));
    context.insert("severities", &severity_counts(site));
    context.insert("search", &true);
    site.render("index.html", &context)
}

/// One page of the incidents of one severity, newest first.
pub(super) fn severity(
    site: &Site,
    severity: &str,
    page: PageOf,
    members: &[usize],
) -> Result<String, SiteError> {
    let first = paths::severity_page(severity);
    let title = format!("{severity} incidents");
    let mut context = site.list_page_context(&first, page, members, &title, "incidents");
    let count = page.total;
    let meaning = site
        .settings
        .config
        .severities
        .definition(severity)
        .map_or(String::new(), |definition| {
            format!(" {severity}: {definition}.")
        });
    context.insert(
        "intro",
        &format!(
            "{count} incident{} of severity {severity}, newest first.{meaning}",
            if count == 1 { "" } else { "s" }
        ),
    );
    site.render("list.html", &context)
}

/// Each severity present with its number of incidents, worst first.
fn severity_counts(site: &Site) -> Vec<(String, usize)> {
    let mut counts: BTreeMap<(u8, &str), usize> = BTreeMap::new();
    for s in &site.summaries {
        *counts.entry((s.severity_rank, &s.severity)).or_default() += 1;
    }
    counts
        .into_iter()
        .map(|((_, name), count)| (name.to_string(), count))
        .collect()
}
