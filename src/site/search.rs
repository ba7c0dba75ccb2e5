//! The offline search index: a prebuilt inverted index split into shards.
//!
//! Terms are lower-cased words of two letters or more, so every query word
//! names the shard of its first two letters (`search/terms-ce.js` holds every
//! term starting with "ce"); the titles and links of results are in chunks
//! of incidents (`search/docs-0.js`). The page's script loads nothing until
//! the search box is used, then only the shards the query needs. Shards are
//! `.js` files that call back into the page, not `.json`, so that they load
//! with a `<script>` element from `file://` too, where browsers refuse `fetch`.

use crate::view::summary::IncidentSummary;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// How many incidents' titles and links one docs shard holds.
pub const DOCS_PER_CHUNK: usize = 500;

/// The search index of a site: terms by shard, and each incident's result line.
pub(super) struct SearchIndex {
    /// Shard key -> term -> indexes of the incidents that hold it, ascending.
    shards: BTreeMap<String, BTreeMap<String, Vec<usize>>>,
    /// `[href, title, date, severity]` per incident, in list order.
    docs: Vec<[String; 4]>,
}

fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() > 1)
        .map(str::to_lowercase)
}

/// The shard of a term (at least two letters): its first two, each kept when
/// an ASCII letter or digit and written `_<hex>_` otherwise, so file names stay plain.
/// `search.js` computes the same key.
pub fn shard_key(term: &str) -> String {
    let mut key = String::new();
    for c in term.chars().take(2) {
        if c.is_ascii_alphanumeric() {
            key.push(c);
        } else {
            key.push_str(&format!("_{:x}_", c as u32));
        }
    }
    key
}

impl SearchIndex {
    /// The index over `incidents`, in list order.
    pub fn new(incidents: &[&IncidentSummary]) -> Self {
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
        let mut shards: BTreeMap<String, BTreeMap<String, Vec<usize>>> = BTreeMap::new();
        for (term, docs) in terms {
            shards
                .entry(shard_key(&term))
                .or_default()
                .insert(term, docs.into_iter().collect());
        }
        let docs = incidents
            .iter()
            .map(|s| [&s.href, &s.title, &s.date, &s.severity].map(|field| field.to_string()))
            .collect();
        SearchIndex { shards, docs }
    }

    /// The key of every terms shard, in order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.shards.keys().map(String::as_str)
    }

    /// How many docs shards there are.
    pub fn chunks(&self) -> usize {
        self.docs.len().div_ceil(DOCS_PER_CHUNK)
    }

    /// The script of the terms shard `key`: term -> incident indexes.
    pub fn terms_script(&self, key: &str) -> String {
        let empty = BTreeMap::new();
        let terms = self.shards.get(key).unwrap_or(&empty);
        script("terms", key, terms)
    }

    /// The script of docs shard `chunk`: the result lines of its incidents.
    pub fn docs_script(&self, chunk: usize) -> String {
        let start = (chunk * DOCS_PER_CHUNK).min(self.docs.len());
        let end = (start + DOCS_PER_CHUNK).min(self.docs.len());
        script("docs", &chunk.to_string(), &self.docs[start..end])
    }
}

/// `ROOTLINE_SEARCH.<kind>(<name>, <data>);`: the page defines the callback before loading.
fn script(kind: &str, name: &str, data: &(impl Serialize + ?Sized)) -> String {
    let json = serde_json::to_string(data).unwrap_or_else(|_| "null".to_string());
    // `</` can never end a script element here, but escaping it costs nothing.
    format!(
        "ROOTLINE_SEARCH.{kind}({}, {});\n",
        serde_json::Value::from(name),
        json.replace("</", "<\\/")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_term_goes_to_the_shard_of_its_first_two_letters() {
        assert_eq!(shard_key("certificate"), "ce");
        assert_eq!(shard_key("c1"), "c1");
        assert_eq!(shard_key("été"), "_e9_t");
    }
}
