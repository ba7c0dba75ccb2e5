//! Hindsight and blame: the phrases a blameless post-mortem avoids, each with what to
//! write instead, and one scan of a text for all of them.
//!
//! The scan is one pass of an Aho-Corasick automaton over the text as written (ASCII case
//! folded by the automaton, so offsets stay those of the text), keeping matches that start
//! and end at word boundaries.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::sync::{Arc, LazyLock, Mutex};

/// The built-in phrases, lower case, each with the rewrite its diagnostic suggests.
pub const HINDSIGHT_PHRASES: &[(&str, &str)] = &[
    (
        "should have",
        "say what would have helped, and what made it hard to see at the time",
    ),
    (
        "shouldn't have",
        "say what made the action look reasonable at the time",
    ),
    (
        "should not have",
        "say what made the action look reasonable at the time",
    ),
    (
        "ought to have",
        "say what would have helped, and what made it hard to see at the time",
    ),
    (
        "could have",
        "say what was known at the time; put what would help next time in an action item",
    ),
    (
        "if only",
        "describe what happened; put what would help next time in an action item",
    ),
    (
        "failed to",
        "say what did not happen, and what made it hard to do at the time",
    ),
    (
        "neglected to",
        "say what did not happen, and what made it easy to miss",
    ),
    (
        "forgot to",
        "say which step relied on someone remembering it",
    ),
    ("didn't bother", "say what made the step easy to skip"),
    ("did not bother", "say what made the step easy to skip"),
    (
        "human error",
        "name the condition that made the action reasonable at the time",
    ),
    (
        "operator error",
        "name the condition that made the action reasonable at the time",
    ),
    (
        "lost situational awareness",
        "say what information was missing or hard to see, and where it was",
    ),
    (
        "lack of situational awareness",
        "say what information was missing or hard to see, and where it was",
    ),
    (
        "careless",
        "describe what made the mistake easy to make, and what did not catch it",
    ),
    (
        "carelessness",
        "describe what made the mistake easy to make, and what did not catch it",
    ),
    (
        "negligent",
        "describe the condition, not a judgement of the person",
    ),
    (
        "negligence",
        "describe the condition, not a judgement of the person",
    ),
    (
        "incompetent",
        "describe the condition, not a judgement of the person",
    ),
    (
        "incompetence",
        "describe the condition, not a judgement of the person",
    ),
    (
        "reckless",
        "describe the condition, not a judgement of the person",
    ),
    (
        "sloppy",
        "describe what made the mistake easy to make, and what did not catch it",
    ),
    (
        "complacent",
        "say what made the risk look small at the time",
    ),
    (
        "complacency",
        "say what made the risk look small at the time",
    ),
    ("their fault", "say what in the system let it happen"),
    ("his fault", "say what in the system let it happen"),
    ("her fault", "say what in the system let it happen"),
    (
        "ignored the",
        "say why the signal did not stand out at the time",
    ),
    (
        "obviously",
        "say what made it clear afterwards; it was not obvious at the time",
    ),
    (
        "simply",
        "say what the step involved; 'simply' hides why it was not done",
    ),
];

/// Why a phrase table cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum PhraseError {
    /// A phrase is empty or only spaces: it would match between any two characters.
    #[error("phrase {0} of the table is empty")]
    Empty(usize),
    /// The automaton could not be built (a table far larger than any list of phrases).
    #[error("the phrase table cannot be searched: {0}")]
    Build(#[from] aho_corasick::BuildError),
}

/// A phrase found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhraseMatch {
    /// Which entry of the table.
    pub entry: usize,
    /// Byte offset of the phrase in the text.
    pub offset: usize,
    /// Its length in bytes, as written.
    pub len: usize,
}

/// A table of phrases, ready to scan texts with.
pub struct PhraseTable {
    entries: Vec<(String, String)>,
    /// Patterns in automaton order, each with the entry it spells (a phrase with an
    /// apostrophe is also searched with the typographic one).
    pattern_entry: Vec<usize>,
    automaton: AhoCorasick,
}

/// A team's own phrases and the table made of them with the built-in ones.
type MadeTable = (Vec<(String, String)>, Arc<PhraseTable>);

static BUILT_IN: LazyLock<PhraseTable> =
    LazyLock::new(|| PhraseTable::new(HINDSIGHT_PHRASES).expect("the built-in phrases are short"));

impl PhraseTable {
    /// A table of `(phrase, suggestion)` entries; phrases match case-insensitively.
    pub fn new(entries: &[(&str, &str)]) -> Result<Self, PhraseError> {
        let mut patterns = Vec::new();
        let mut pattern_entry = Vec::new();
        for (n, (phrase, _)) in entries.iter().enumerate() {
            if phrase.trim().is_empty() {
                return Err(PhraseError::Empty(n + 1));
            }
            patterns.push(phrase.to_string());
            pattern_entry.push(n);
            if phrase.contains('\'') {
                patterns.push(phrase.replace('\'', "\u{2019}"));
                pattern_entry.push(n);
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(&patterns)?;
        Ok(PhraseTable {
            entries: entries
                .iter()
                .map(|(phrase, suggestion)| (phrase.to_string(), suggestion.to_string()))
                .collect(),
            pattern_entry,
            automaton,
        })
    }

    /// The built-in table, [`HINDSIGHT_PHRASES`].
    pub fn built_in() -> &'static PhraseTable {
        &BUILT_IN
    }

    /// The built-in table and a team's own phrases (rootline.toml's `[checks.phrases]`),
    /// made once per distinct list: every file of a corpus is checked with the same one.
    pub fn with_extra(extra: &[(String, String)]) -> Arc<PhraseTable> {
        static MADE: Mutex<Vec<MadeTable>> = Mutex::new(Vec::new());
        let mut made = MADE.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some((_, table)) = made.iter().find(|(list, _)| list == extra) {
            return Arc::clone(table);
        }
        let mut entries: Vec<(&str, &str)> = HINDSIGHT_PHRASES.to_vec();
        entries.extend(extra.iter().map(|(p, s)| (p.as_str(), s.as_str())));
        // rootline.toml refuses an empty phrase, the one thing `new` refuses.
        let table = PhraseTable::new(&entries).map_or_else(
            |_| Arc::new(PhraseTable::new(HINDSIGHT_PHRASES).expect("the built-in phrases")),
            Arc::new,
        );
        made.push((extra.to_vec(), Arc::clone(&table)));
        table
    }

    /// The phrase and suggestion of entry `n`.
    pub fn entry(&self, n: usize) -> (&str, &str) {
        let (phrase, suggestion) = &self.entries[n];
        (phrase, suggestion)
    }

    /// Every phrase in `text` that stands as whole words, in text order; of overlapping
    /// ones, the first and then the longest.
    pub fn find(&self, text: &str) -> Vec<PhraseMatch> {
        let mut found: Vec<PhraseMatch> = self
            .automaton
            .find_overlapping_iter(text)
            .filter(|m| is_word_boundary(text, m.start(), m.end()))
            .map(|m| PhraseMatch {
                entry: self.pattern_entry[m.pattern().as_usize()],
                offset: m.start(),
                len: m.end() - m.start(),
            })
            .collect();
        found.sort_by_key(|m| (m.offset, std::cmp::Reverse(m.len)));
        let mut end = 0;
        found.retain(|m| {
            let keep = m.offset >= end;
            end = end.max(m.offset + m.len);
            keep
        });
        found
    }
}

/// Whether `text[start..end]` is not part of a longer word.
fn is_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let joins = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    !joins(before) && !joins(after)
}

/// The phrase table as a Markdown table, for the documentation.
pub fn phrases_markdown(entries: &[(&str, &str)]) -> String {
    let mut out = String::from("| phrase | write instead |\n|---|---|\n");
    for (phrase, suggestion) in entries {
        out.push_str(&format!("| {phrase} | {suggestion} |\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phrases(text: &str) -> Vec<(&'static str, usize)> {
        let table = PhraseTable::built_in();
        let found = table.find(text);
        found
            .iter()
            .map(|m| (table.entry(m.entry).0, m.offset))
            .collect()
    }

    #[test]
    fn phrases_are_found_in_any_case_as_whole_words_only() {
        assert_eq!(
            phrases("We Should Have paged; nobody was careless or carelessly simplyfied."),
            [("should have", 3), ("careless", 33)]
        );
    }

    #[test]
    fn the_negative_form_and_the_typographic_apostrophe_are_found() {
        assert_eq!(
            phrases("They shouldn\u{2019}t have. They shouldn't have."),
            [("shouldn't have", 5), ("shouldn't have", 28)]
        );
    }

    #[test]
    fn a_longer_word_is_its_own_phrase() {
        assert_eq!(phrases("pure carelessness"), [("carelessness", 5)]);
    }

    #[test]
    fn a_table_given_as_a_parameter_is_searched_and_an_empty_phrase_refused() {
        let own = [("tribal knowledge", "write down where the knowledge lives")];
        let table = PhraseTable::new(&own).unwrap();
        let found = table.find("It was Tribal Knowledge, should have known.");
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].entry, found[0].offset, found[0].len), (0, 7, 16));
        let empty = [("tribal knowledge", "x"), (" ", "y")];
        let refused = PhraseTable::new(&empty).err().map(|e| e.to_string());
        assert_eq!(refused.as_deref(), Some("phrase 2 of the table is empty"));
    }

    #[test]
    fn every_phrase_is_lower_case_and_listed_once() {
        let mut seen = std::collections::BTreeSet::new();
        for (phrase, suggestion) in HINDSIGHT_PHRASES {
            assert_eq!(*phrase, phrase.to_lowercase());
            assert!(seen.insert(*phrase), "{phrase} twice");
            assert!(!suggestion.is_empty());
        }
        assert!(HINDSIGHT_PHRASES.len() >= 20);
    }
}
