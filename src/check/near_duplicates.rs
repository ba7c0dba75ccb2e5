//! Two events of one incident at the same minute with near-identical titles.
//!
//! Importing from several sources records one moment more than once (the page's
//! trigger and the alert bot's chat message); both are kept, so that nothing is
//! lost, and this warning points at the pair for the author to merge.

use super::findings::Findings;
use super::paths;
use crate::diagnostic::Code;
use crate::model::Validated;

/// Titles this many letters apart (a typo, a tense) read as the same...
const TYPOS: usize = 2;
/// ...when both are at least this long; short titles differ meaningfully by a letter.
const TYPO_MIN_LEN: usize = 10;
/// A title whose words (at least this many) all appear, in order, in the other
/// reads as the same: `[Triggered] High error rate` within `Triggered by Datadog: High error rate`.
const CONTAINED_MIN_WORDS: usize = 4;

/// Warns at the later event of each pair at the same minute whose titles are near-identical.
pub fn near_duplicate_events(validated: &Validated, findings: &mut Findings) {
    let mut order: Vec<(i64, usize)> = validated
        .events()
        .map(|event| (event.at.timestamp().div_euclid(60), event.index))
        .collect();
    order.sort_unstable();
    for group in order.chunk_by(|a, b| a.0 == b.0) {
        for (n, &(_, later)) in group.iter().enumerate().skip(1) {
            let title = &validated.event(later).event.title;
            let first = group[..n]
                .iter()
                .map(|&(_, earlier)| earlier)
                .find(|&earlier| near_identical(&validated.event(earlier).event.title, title));
            if let Some(first) = first {
                let (first, later) = (first.min(later), first.max(later));
                let later_title = &validated.event(later).event.title;
                findings.value(
                    Code::NearDuplicateEvent,
                    paths::event(later).title(),
                    format!("events[{later}] and events[{first}] happen at the same minute with near-identical titles ('{later_title}')"),
                    Some(format!("the first is events[{first}]; if both record one moment, keep one and give it both sources")),
                );
            }
        }
    }
}

/// Whether two titles say the same once case, punctuation and spacing are set aside.
///
/// A similarity ratio is not enough: "Sky Mobile customers lose data" and
/// "Lycamobile customers lose data" share most letters and are two events.
fn near_identical(a: &str, b: &str) -> bool {
    let (a, b) = (words(a), words(b));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let (a_text, b_text) = (a.join(" "), b.join(" "));
    let shortest = a_text.chars().count().min(b_text.chars().count());
    let (shorter, longer) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    a_text == b_text
        || (shortest >= TYPO_MIN_LEN && strsim::levenshtein(&a_text, &b_text) <= TYPOS)
        || (shorter.len() >= CONTAINED_MIN_WORDS && in_order(shorter, longer))
}

/// Whether every word of `short` appears in `long`, in the same order.
fn in_order(short: &[String], long: &[String]) -> bool {
    let mut long = long.iter();
    short.iter().all(|word| long.any(|other| other == word))
}

fn words(title: &str) -> Vec<String> {
    title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::near_identical;

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
