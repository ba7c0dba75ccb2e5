//! The offline search index: a prebuilt inverted index in a script file.
//!
//! A `.js` file (not `.json`) so that it loads from `file://` too, where
//! browsers refuse `fetch`. Terms are lower-cased words; the page's script
//! matches query words as prefixes and intersects the results.

use crate::view::summary::IncidentSummary;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Serialize)]
struct Index<'a> {
    /// `[href, title, date, severity]` per incident.
    docs: Vec<[&'a str; 4]>,
    /// Word -> indexes into `docs`.
    terms: BTreeMap<String, Vec<usize>>,
}

fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() > 1)
        .map(str::to_lowercase)
}

/// The contents of `search-index.js`.
pub fn search_index(incidents: &[&IncidentSummary]) -> String {
    let mut terms: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
    for (i, s) in incidents.iter().enumerate() {
        let tags = s
            .tags
            .iter()
            .chain(&s.categories)
            .chain(&s.vendors)
            .map(|t| t.name.as_str());
        let fields = [
            s.id.as_str(),
            s.title.as_str(),
            s.summary.as_str(),
            s.severity.as_str(),
        ];
        for word in fields.into_iter().chain(tags).flat_map(words) {
            terms.entry(word).or_default().insert(i);
        }
    }
    let index = Index {
        docs: incidents
            .iter()
            .map(|s| {
                [
                    s.href.as_str(),
                    s.title.as_str(),
                    s.date.as_str(),
                    s.severity.as_str(),
                ]
            })
            .collect(),
        terms: terms
            .into_iter()
            .map(|(k, v)| (k, v.into_iter().collect()))
            .collect(),
    };
    let json =
        serde_json::to_string(&index).unwrap_or_else(|_| "{\"docs\":[],\"terms\":{}}".to_string());
    // `</` can never end a script element here, but escaping it costs nothing.
    format!("window.ROOTLINE_SEARCH = {};\n", json.replace("</", "<\\/"))
}
