//! The incident table's rows, rendered once in Rust and reused by every list page.
//!
//! At 10,000 incidents the index, sort, severity, tag, category and vendor
//! pages hold about 160,000 rows; building them through Tera meant copying
//! every summary into a template context for every page (the largest cost in
//! the build profile). Each row is the same wherever it appears, apart from the
//! relative path to the site root, so it is rendered once per depth.

use crate::text::{escape_html as e, UNKNOWN};
use crate::view::summary::{IncidentSummary, Slugged};
use std::fmt::Write;

fn links(out: &mut String, items: &[Slugged], root: &str, folder: &str) {
    if items.is_empty() {
        out.push('—');
    }
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        let _ = write!(
            out,
            r#"<a href="{root}{folder}/{}.html">{}</a>"#,
            e(&item.slug),
            e(&item.name)
        );
    }
}

/// One `<tr>` of the incident table, for a page `root` away from the site root.
pub fn row(s: &IncidentSummary, root: &str) -> String {
    let mut out = String::with_capacity(640);
    let muted = |unknown: bool| if unknown { " muted" } else { "" };
    let _ = write!(
        out,
        r#"<tr><td class="time">{}</td><td><a href="{root}{}">{}</a></td><td><span class="badge sev-{}">{}</span></td><td class="num{}">{}</td><td class="num hide-narrow{}">{}</td><td class="hide-narrow">"#,
        e(&s.date),
        e(&s.href),
        e(&s.title),
        s.severity_rank,
        e(&s.severity),
        muted(s.duration.is_none()),
        e(s.duration.as_deref().unwrap_or(UNKNOWN)),
        muted(s.customers.is_none()),
        e(s.customers.as_deref().unwrap_or(UNKNOWN)),
    );
    links(&mut out, &s.categories, root, "categories");
    out.push_str(r#"</td><td class="hide-narrow">"#);
    links(&mut out, &s.vendors, root, "vendors");
    let _ = write!(
        out,
        r#"</td><td class="hide-narrow">{}</td></tr>"#,
        e(&s.status)
    );
    out
}
