//! GitHub-flavoured Markdown, with the causal graph as a Mermaid flowchart.

use super::{DocumentFormat, Pictures, Template};

/// GitHub-flavoured Markdown, downloadable beside each HTML page.
pub static MARKDOWN: DocumentFormat = DocumentFormat {
    name: "md",
    aliases: &["markdown"],
    about: "GitHub-flavoured Markdown",
    incident: Template {
        name: "incident.md",
        source: include_str!("../../../templates/incident.md"),
    },
    report: Template {
        name: "report.md",
        source: include_str!("../../../templates/report.md"),
    },
    incident_file: |id| format!("{id}.md"),
    report_file: "report.md",
    finish: |text| tidy_markdown(&text),
    pictures: Pictures {
        svg: false,
        mermaid: true,
    },
};

/// Removes the blank-line runs and trailing spaces templates leave behind (markdownlint wants neither).
pub fn tidy_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_run = 0;
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank_run += 1;
            if blank_run > 1 {
                continue;
            }
        } else {
            blank_run = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out.push('\n');
    out
}
