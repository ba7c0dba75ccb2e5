//! What every page knows about where it sits in the site.

use serde::Serialize;

/// The `page` variable of every template.
#[derive(Debug, Clone, Serialize, Default, PartialEq)]
pub struct PageContext {
    /// Whether the page is part of a built site (navigation, relative links).
    pub site: bool,
    /// Relative path from the page to the site root: "" or "../".
    pub root: String,
    /// Site title for the navigation.
    pub site_title: String,
    /// Navigation section this page belongs to.
    pub section: String,
    /// Whether `<id>.md` and `<id>.json` sit beside the page.
    pub downloads: bool,
    /// The day overdue items were judged against.
    pub as_of: String,
}

impl PageContext {
    /// A document rendered on its own (`rootline render`).
    pub fn standalone(as_of: &str) -> Self {
        PageContext {
            as_of: as_of.to_string(),
            ..PageContext::default()
        }
    }
}
