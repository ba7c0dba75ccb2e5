//! Checking: the rules, the diagnostics they produce and their output formats.

mod cross_file;
mod dates;
mod findings;
mod graph_rules;
mod near_duplicates;
pub mod output;
pub mod paths;
pub mod phrases;
mod validate;

pub use cross_file::{cross_file_rules, CrossFile, CrossFinding};
pub use findings::{Finding, Findings};
pub use graph_rules::{cycles, warnings};
pub use validate::{validate, validate_with};

/// `docs/checks.md`: every code's explanation, with the built-in phrase table of `blame-language`.
pub fn checks_markdown() -> String {
    let table = phrases::phrases_markdown(phrases::HINDSIGHT_PHRASES);
    crate::diagnostic::checks_markdown(&table)
}
