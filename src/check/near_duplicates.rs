//! Two events of one incident at the same minute with near-identical titles.
//!
//! Importing from several sources records one moment more than once (the page's
//! trigger and the alert bot's chat message); both are kept, so that nothing is
//! lost, and this warning points at the pair for the author to merge.

use super::findings::Findings;
use super::paths;
use crate::diagnostic::Code;
use crate::model::Validated;
use std::collections::HashMap;

/// Titles this many letters apart (a typo, a tense) read as the same, when their
/// numbers agree ("release 42" and "release 43" are two releases)...
const TYPOS: usize = 2;
/// ...when both are at least this long; short titles differ meaningfully by a letter.
const TYPO_MIN_LEN: usize = 10;
/// A title whose words (at least this many) all appear, in order, in the other
/// reads as the same: `[Triggered] High error rate` within `Triggered by Datadog: High error rate`.
const CONTAINED_MIN_WORDS: usize = 4;

/// How many earlier events of the same minute each event is compared with; equal
/// titles are found however many there are. A generated file can put 60,000
/// events in one minute, where comparing every pair would take minutes.
const WINDOW: usize = 32;

/// A title split into lowercase words, and those words joined by single spaces.
struct Title {
    words: Vec<String>,
    text: String,
}

impl Title {
    fn new(title: &str) -> Title {
        let words: Vec<String> = title
            .split(|c: char| !c.is_alphanumeric())
            .filter(|word| !word.is_empty())
            .map(str::to_lowercase)
            .collect();
        let text = words.join(" ");
        Title { words, text }
    }
}

/// Warns at the later event of each pair at the same minute whose titles are near-identical.
pub fn near_duplicate_events(validated: &Validated, findings: &mut Findings) {
    let mut order: Vec<(i64, usize)> = validated
        .events()
        .map(|event| (event.at.timestamp().div_euclid(60), event.index))
        .collect();
    order.sort_unstable();
    // Most minutes hold one event: only those with two or more need their titles split.
    for group in order.chunk_by(|a, b| a.0 == b.0).filter(|g| g.len() > 1) {
        let events: Vec<usize> = group.iter().map(|&(_, index)| index).collect();
        for (first, later) in pairs_in_minute(validated, &events) {
            report(validated, first.min(later), first.max(later), findings);
        }
    }
}

/// The near-identical pairs among `events` (indexes of events at one minute, in
/// time order): each event paired with the first earlier one it repeats.
fn pairs_in_minute(validated: &Validated, events: &[usize]) -> Vec<(usize, usize)> {
    let titles: Vec<Title> = events
        .iter()
        .map(|&index| Title::new(&validated.incident.events[index].title))
        .collect();
    let mut first_with: HashMap<&str, usize> = HashMap::new();
    let mut pairs = Vec::new();
    for (n, title) in titles.iter().enumerate() {
        let first = first_with.get(title.text.as_str()).copied().or_else(|| {
            (n.saturating_sub(WINDOW)..n).find(|&earlier| similar(&titles[earlier], title))
        });
        if !title.text.is_empty() {
            first_with.entry(title.text.as_str()).or_insert(n);
        }
        if let Some(first) = first {
            pairs.push((events[first], events[n]));
        }
    }
    pairs
}

fn report(validated: &Validated, first: usize, later: usize, findings: &mut Findings) {
    let title = &validated.event(later).event.title;
    findings.value(
        Code::NearDuplicateEvent,
        paths::event(later).title(),
        format!("events[{later}] and events[{first}] happen at the same minute with near-identical titles ('{title}')"),
        Some(format!("the first is events[{first}]; if both record one moment, keep one and give it both sources")),
    );
}

/// Whether two titles say the same once case, punctuation and spacing are set aside.
///
/// A similarity ratio is not enough: "Sky Mobile customers lose data" and
/// "Lycamobile customers lose data" share most letters and are two events.
fn similar(a: &Title, b: &Title) -> bool {
    if a.text.is_empty() || b.text.is_empty() {
        return false;
    }
    let shortest = a.text.chars().count().min(b.text.chars().count());
    let (shorter, longer) = if a.words.len() <= b.words.len() {
        (&a.words, &b.words)
    } else {
        (&b.words, &a.words)
    };
    a.text == b.text
        || (shortest >= TYPO_MIN_LEN
            && numbers(a).eq(numbers(b))
            && strsim::levenshtein(&a.text, &b.text) <= TYPOS)
        || (shorter.len() >= CONTAINED_MIN_WORDS && in_order(shorter, longer))
}

/// The words of a title that hold a digit.
fn numbers(title: &Title) -> impl Iterator<Item = &String> + '_ {
    title
        .words
        .iter()
        .filter(|word| word.chars().any(|c| c.is_ascii_digit()))
}

/// Whether every word of `short` appears in `long`, in the same order.
fn in_order(short: &[String], long: &[String]) -> bool {
    let mut long = long.iter();
    short.iter().all(|word| long.any(|other| other == word))
}

#[cfg(test)]
mod tests {
    use super::{similar, Title};

    fn near_identical(a: &str, b: &str) -> bool {
        similar(&Title::new(a), &Title::new(b))
    }

    #[test]
    fn titles_differing_in_case_punctuation_a_typo_or_a_prefix_are_near_identical() {
        assert!(near_identical(
            "[TRIGGERED] high error rate on checkout",
            "Triggered by Datadog: High error rate on checkout"
        ));
        assert!(near_identical("Alert fires", "alert fired."));
        assert!(!near_identical(
            "Acknowledged by Ana Ruiz",
            "Resolved by Ana Ruiz"
        ));
        assert!(!near_identical(
            "Sky Mobile customers lose mobile data too",
            "Lycamobile customers lose mobile data too"
        ));
        assert!(
            !near_identical("Disk full", "Disk fills"),
            "short titles need more than a typo"
        );
        assert!(
            !near_identical("!!!", "???"),
            "titles of no words never match"
        );
    }
}
