//! The entry point fuzz targets and property tests share: bytes in, no panic out.

use crate::render::templates::Templates;
use crate::render::{document, DOCUMENT_FORMATS};
use crate::view::{incident_view, CorpusLinks, PageContext};
use crate::workspace::{check_bytes, Options};
use chrono::NaiveDate;
use std::sync::OnceLock;

fn templates() -> &'static Templates {
    static TEMPLATES: OnceLock<Option<Templates>> = OnceLock::new();
    TEMPLATES
        .get_or_init(|| Templates::load(None).ok())
        .as_ref()
        .expect("the built-in templates load")
}

/// Loads, checks, analyses and renders one file's bytes, as `rootline render` would.
/// Returns whether an incident came out; panics only on a bug (which is the point).
pub fn run(bytes: &[u8]) -> bool {
    let as_of = NaiveDate::from_ymd_opt(2024, 6, 1).unwrap_or_default();
    let options = Options::new(as_of);
    let (analysed, diagnostics) = check_bytes("fuzz.yaml", bytes.to_vec(), &options);
    let Some(analysed) = analysed else {
        assert!(
            diagnostics.iter().any(|d| d.is_error()),
            "no incident and no error"
        );
        return false;
    };
    let view = incident_view(&analysed, &CorpusLinks::new([&analysed]), as_of);
    let page = PageContext::standalone("2024-06-01");
    for format in DOCUMENT_FORMATS {
        if let Err(e) = document(templates(), &view, &page, format) {
            panic!("a checked incident failed to render: {e}");
        }
    }
    true
}
