//! The view model: everything templates see, already computed and formatted.

pub mod export;
mod format;
pub mod incident;
pub mod page;
pub mod report;
pub mod summary;

pub use format::{
    clock, format_count, format_duration, format_large, format_local, format_offset, format_utc,
    rfc3339,
};
pub use incident::{incident_view, CorpusLinks, IncidentView};
pub use page::PageContext;
