//! Checking: the rules, the diagnostics they produce and their output formats.

mod findings;
mod graph_rules;
pub mod output;
mod validate;

pub use findings::{Finding, Findings};
pub use graph_rules::{cycles, warnings};
pub use validate::{slugify, validate, Validated};
