//! Markdown fields and links as templates need them: safe HTML, safe Markdown, plain text.

use crate::text::markdown::{forms, is_safe_url, unwrap_paragraph};
use serde::Serialize;

/// A Markdown field in the three forms templates need.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Text {
    /// Sanitised HTML (insert with `| safe`).
    pub html: String,
    /// Sanitised HTML without a wrapping paragraph, for table cells.
    pub inline_html: String,
    /// The Markdown, with raw HTML shown as text and unsafe links unlinked, for Markdown output.
    pub markdown: String,
    /// Plain text, for attributes and summaries.
    pub plain: String,
}

impl Text {
    /// Renders one Markdown field.
    pub fn new(markdown: &str) -> Self {
        let forms = forms(&markdown.trim().replace("\r\n", "\n"));
        Text {
            inline_html: unwrap_paragraph(&forms.html),
            html: forms.html,
            plain: forms.plain,
            markdown: forms.markdown,
        }
    }
}

/// A link whose URL was checked; `url` is `None` when it is not safe to follow.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SafeLink {
    /// Link text.
    pub title: String,
    /// The URL, only when http(s) or mailto.
    pub url: Option<String>,
    /// The URL as written (shown as text when unsafe).
    pub raw: String,
}

impl SafeLink {
    /// Checks a URL from an incident file.
    pub fn new(title: &str, url: &str) -> Self {
        SafeLink {
            title: title.to_string(),
            url: is_safe_url(url).then(|| url.trim().to_string()),
            raw: url.to_string(),
        }
    }
}

/// Source URLs as links labelled by their host.
pub(super) fn source_links(urls: &[String]) -> Vec<SafeLink> {
    urls.iter()
        .map(|url| SafeLink::new(&source_label(url), url))
        .collect()
}

/// A short label for a source URL: its host.
fn source_label(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.split(['/', '?', '#'])
        .next()
        .unwrap_or(rest)
        .trim_start_matches("www.")
        .to_string()
}
