//! Checking: the rules, the diagnostics they produce and their output formats.

mod cross_file;
mod findings;
mod graph_rules;
mod near_duplicates;
pub mod output;
pub mod paths;
mod validate;

pub use cross_file::{cross_file_rules, CrossFile, CrossFinding};
pub use findings::{Finding, Findings};
pub use graph_rules::{cycles, warnings};
pub use validate::{validate, validate_with};
