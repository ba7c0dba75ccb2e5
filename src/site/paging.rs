//! Splitting a list of incidents into pages, and the links between them.
//!
//! Every list (the index in each order, each severity, category, tag and
//! vendor) is cut into pages of the build's page size, so no page grows
//! with the corpus. Each page links to the first, previous, next and last
//! page with plain links: they work without JavaScript and from `file://`.

use super::paths;
use super::PageSize;
use crate::text::format::format_count;
use serde::Serialize;

/// Where one page sits in its list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct PageOf {
    /// 1 for the first page.
    pub number: usize,
    /// How many pages the list has (at least 1).
    pub pages: usize,
    /// How many incidents the whole list has.
    pub total: usize,
    /// How many incidents come before this page's first.
    pub offset: usize,
    /// How many incidents this page shows.
    pub shown: usize,
}

/// Cuts `members` (in list order) into pages of `size`: each page's place and its members.
/// An empty list still has one (empty) page.
pub(super) fn split(members: &[usize], size: PageSize) -> Vec<(PageOf, Vec<usize>)> {
    let per_page = match size {
        PageSize::All => members.len().max(1),
        PageSize::Rows(n) => n.get(),
    };
    let pages = members.len().div_ceil(per_page).max(1);
    (0..pages)
        .map(|i| {
            let offset = i * per_page;
            let end = (offset + per_page).min(members.len());
            let page = PageOf {
                number: i + 1,
                pages,
                total: members.len(),
                offset,
                shown: end.saturating_sub(offset),
            };
            (page, members[offset.min(end)..end].to_vec())
        })
        .collect()
}

/// The links of one page to the others of its list, as templates show them.
#[derive(Debug, Serialize)]
pub(super) struct Pager {
    /// "Incidents 101–200 of 10,000".
    pub range: String,
    /// "Page 2 of 100".
    pub position: String,
    /// Each link, `None` where it would lead to this page.
    pub first: Option<String>,
    /// The page before.
    pub previous: Option<String>,
    /// The page after.
    pub next: Option<String>,
    /// The last page.
    pub last: Option<String>,
}

/// The pager of `page` in the list whose first page is `first`; `None` when
/// the list fits on one page, which needs no links.
pub(super) fn pager(first: &str, page: PageOf) -> Option<Pager> {
    if page.pages <= 1 {
        return None;
    }
    let here = paths::list_page(first, page.number);
    let root = paths::root(&here);
    let link = |number: usize| {
        (number != page.number).then(|| format!("{root}{}", paths::list_page(first, number)))
    };
    Some(Pager {
        range: range(page),
        position: format!(
            "Page {} of {}",
            format_count(page.number as u64),
            format_count(page.pages as u64)
        ),
        first: link(1),
        previous: (page.number > 1).then(|| link(page.number - 1)).flatten(),
        next: (page.number < page.pages)
            .then(|| link(page.number + 1))
            .flatten(),
        last: link(page.pages),
    })
}

/// "Incidents 101–200 of 10,000".
fn range(page: PageOf) -> String {
    let from = page.offset + 1;
    let to = page.offset + page.shown;
    let count = |n: usize| format_count(n as u64);
    if from == to {
        format!("Incident {} of {}", count(from), count(page.total))
    } else {
        format!(
            "Incidents {}–{} of {}",
            count(from),
            count(to),
            count(page.total)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::num::NonZeroUsize;

    fn rows(n: usize) -> PageSize {
        PageSize::Rows(NonZeroUsize::new(n).unwrap())
    }

    #[test]
    fn a_list_is_cut_into_full_pages_and_a_shorter_last_one() {
        let members: Vec<usize> = (0..250).collect();
        let pages = split(&members, rows(100));
        let lengths: Vec<usize> = pages.iter().map(|(_, m)| m.len()).collect();
        assert_eq!(lengths, [100, 100, 50]);
        assert_eq!(pages[2].1[0], 200);
        assert_eq!((pages[2].0.offset, pages[2].0.shown), (200, 50));
        let middle = pager(paths::INDEX, pages[1].0).unwrap();
        assert_eq!(middle.range, "Incidents 101–200 of 250");
        assert!(pages.iter().all(|(p, _)| p.pages == 3 && p.total == 250));
    }

    #[test]
    fn all_puts_every_incident_on_one_page_and_an_empty_list_still_has_a_page() {
        let members: Vec<usize> = (0..250).collect();
        assert_eq!(split(&members, PageSize::All).len(), 1);
        assert_eq!(split(&[], rows(100)).len(), 1);
        assert_eq!(split(&[], PageSize::All)[0].1, Vec::<usize>::new());
    }

    #[test]
    fn the_pager_says_which_incidents_a_page_shows_and_links_the_others() {
        let members: Vec<usize> = (0..10_000).collect();
        let pages = split(&members, rows(100));
        let second = pager(paths::INDEX, pages[1].0).unwrap();
        assert_eq!(second.range, "Incidents 101–200 of 10,000");
        assert_eq!(second.position, "Page 2 of 100");
        assert_eq!(second.first.as_deref(), Some("../index.html"));
        assert_eq!(second.previous.as_deref(), Some("../index.html"));
        assert_eq!(second.next.as_deref(), Some("../page/3.html"));
        assert_eq!(second.last.as_deref(), Some("../page/100.html"));
        let first = pager(paths::INDEX, pages[0].0).unwrap();
        assert_eq!((first.first, first.previous), (None, None));
        let last = pager(paths::INDEX, pages[99].0).unwrap();
        assert_eq!(last.range, "Incidents 9,901–10,000 of 10,000");
        assert_eq!((last.next, last.last), (None, None));
    }

    #[test]
    fn a_last_page_of_one_incident_names_it_alone_and_one_page_needs_no_pager() {
        let members: Vec<usize> = (0..201).collect();
        let pages = split(&members, rows(100));
        let last = pager("tags/dns.html", pages[2].0).unwrap();
        assert_eq!(last.range, "Incident 201 of 201");
        assert_eq!(last.first.as_deref(), Some("../../tags/dns.html"));
        assert!(pager("tags/dns.html", split(&members, PageSize::All)[0].0).is_none());
    }
}
