//! Cause categories, tags and vendors: an overview of each, and a list page per group.

use super::context::Site;
use super::page::{Group, Page, Render};
use super::paging::{self, PageOf};
use super::paths::{self, Grouping};
use super::SiteError;
use crate::view::summary::{IncidentSummary, Slugged};

use std::collections::BTreeMap;

/// How a grouping reads on its pages.
struct Wording {
    title: &'static str,
    intro: &'static str,
}

fn wording(grouping: Grouping) -> Wording {
    let (title, intro) = match grouping {
        Grouping::Categories => (
            "Cause categories",
            "Incidents with a cause of this category on a chain to the impact",
        ),
        Grouping::Tags => ("Tags", "Incidents tagged"),
        Grouping::Vendors => ("Vendors", "Incidents this vendor was a party to"),
    };
    Wording { title, intro }
}

fn groups_of(grouping: Grouping, s: &IncidentSummary) -> &[Slugged] {
    match grouping {
        Grouping::Categories => &s.categories,
        Grouping::Tags => &s.tags,
        Grouping::Vendors => &s.vendors,
    }
}

/// Every group of `grouping` by slug: its name and its incidents (indexes, newest first).
fn by_slug<'s>(site: &'s Site, grouping: Grouping) -> BTreeMap<&'s str, (String, Vec<usize>)> {
    let mut groups: BTreeMap<&Slugged, Vec<usize>> = BTreeMap::new();
    for (i, s) in site.summaries.iter().enumerate() {
        for g in groups_of(grouping, s) {
            groups.entry(g).or_default().push(i);
        }
    }
    // Names that slug alike share a page.
    let mut by_slug: BTreeMap<&str, (String, Vec<usize>)> = BTreeMap::new();
    for (g, list) in groups {
        let entry = by_slug
            .entry(&g.slug)
            .or_insert_with(|| (g.name.clone(), Vec::new()));
        entry.1.extend(list);
    }
    for (_, list) in by_slug.values_mut() {
        // Summaries are newest first already; indexes keep that order.
        list.sort_unstable();
        list.dedup();
    }
    by_slug
}

/// What rootline.toml says a group means: only cause categories are described there.
fn description(site: &Site, grouping: Grouping, name: &str) -> Option<String> {
    let categories = site.settings.config.vocabulary.categories.as_ref()?;
    match grouping {
        Grouping::Categories => categories.description(name).map(String::from),
        Grouping::Tags | Grouping::Vendors => None,
    }
}

/// The overview of `grouping`, then a page per group.
pub(super) fn pages(site: &Site, grouping: Grouping) -> Vec<Page> {
    let by_slug = by_slug(site, grouping);
    let groups = by_slug
        .iter()
        .map(|(slug, (name, list))| Group {
            name: name.clone(),
            slug: slug.to_string(),
            count: list.len(),
            description: description(site, grouping, name),
        })
        .collect();
    let overview = Page {
        path: paths::group_index(grouping),
        render: Render::Groups { grouping, groups },
    };
    let mut pages = vec![overview];
    for (slug, (name, all)) in by_slug {
        let first = paths::group_page(grouping, slug);
        for (page, members) in paging::split(&all, site.settings.page_size) {
            pages.push(Page {
                path: paths::list_page(&first, page.number),
                render: Render::Group {
                    grouping,
                    name: name.clone(),
                    page,
                    members,
                },
            });
        }
    }
    pages
}

/// The overview of one grouping: every group with its number of incidents.
pub(super) fn overview(
    site: &Site,
    path: &str,
    grouping: Grouping,
    groups: &[Group],
) -> Result<String, SiteError> {
    let title = wording(grouping).title;
    let mut context = site.list_context(path, &[], title, grouping.folder());
    context.insert("groups", groups);
    context.insert(
        "intro",
        &format!(
            "{} {}, with the number of incidents each.",
            groups.len(),
            title.to_lowercase()
        ),
    );
    site.render("list.html", &context)
}

/// One page of the incidents of one group.
pub(super) fn group(
    site: &Site,
    grouping: Grouping,
    name: &str,
    page: PageOf,
    members: &[usize],
) -> Result<String, SiteError> {
    let Wording { title, intro } = wording(grouping);
    let first = paths::group_page(grouping, &Slugged::new(name).slug);
    let mut context = site.list_page_context(&first, page, members, name, grouping.folder());
    context.insert("intro", &format!("{intro}: {}.", page.total));
    context.insert("description", &description(site, grouping, name));
    context.insert("up", &format!("All {}", title.to_lowercase()));
    context.insert("up_href", &paths::group_index(grouping));
    site.render("list.html", &context)
}
