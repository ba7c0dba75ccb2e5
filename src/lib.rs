//! rootline: turns incident files into post-mortems.
//!
//! The data flows one way: [`load`] (YAML to model, with positions) ->
//! [`check`] (rules and diagnostics) -> [`analysis`] (causal graph, chains,
//! metrics) -> [`view`] (what templates see) -> [`render`] -> [`site`].

pub mod analysis;
pub mod app;
pub mod check;
pub mod cli;
pub mod corpus;
pub mod diagnostic;
pub mod fuzzing;
pub mod import;
pub mod load;
pub mod memory;
pub mod model;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod site;
pub mod view;
pub mod workspace;
