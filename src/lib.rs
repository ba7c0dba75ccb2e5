//! rootline: turns incident files into post-mortems.
//!
//! The data flows one way: [`load`] (YAML to model, with positions) ->
//! [`check`] (rules and diagnostics, with [`analysis`]: causal graph, chains,
//! metrics) -> [`view`] (what templates see) -> [`render`] -> [`site`], driven
//! by one [`workspace`].
//!
//! The modules below are declared in stage order, lowest first: a module may
//! import only the modules declared before it (and its own submodules). This
//! list is the one statement of that order; `tests/layering.rs` reads it and
//! fails on any import that runs the other way.

// Leaves: no knowledge of incidents.
pub mod memory;

// Formatting, slugs, escaping, safe Markdown.
pub mod text;

// Diagnostic codes and positions.
pub mod diagnostic;

// rootline.toml's settings, as values the stages below read.
pub mod config;

// The incident format and the validated incident.
pub mod model;

// Files to models, with positions.
pub mod load;

// The causal graph, chains and metrics.
pub mod analysis;

// The rules: per file, per graph, across files.
pub mod check;

// The pipeline driver.
pub mod workspace;

// What templates see.
pub mod view;

// Templates, pictures, documents.
pub mod render;

// The static site.
pub mod site;

// New incidents and repositories.
pub mod scaffold;

// Timelines from other tools.
pub mod import;

// The live preview.
pub mod serve;

// Fuzz entry points.
pub mod fuzzing;

// The command line.
pub mod cli;

// What each command does.
pub mod app;
