//! The view model: everything templates see, already computed and formatted.

pub mod export;
pub mod figures;
pub mod graph;

pub mod incident;
pub mod page;
pub mod report;
pub mod summary;

pub use incident::{incident_view, CorpusLinks, IncidentView};
pub use page::{logo_path, PageContext, Terms};
