//! The registry of document formats: each format is one module describing
//! itself, and one line in [`DOCUMENT_FORMATS`]. The CLI's `--format`, the
//! site's files and the pictures drawn all follow this list.

pub mod html;
pub mod markdown;

/// Every document format: a site writes each incident and the report in all
/// of them, in this order; `--format` accepts their names.
pub static DOCUMENT_FORMATS: &[&DocumentFormat] = &[&html::HTML, &markdown::MARKDOWN];

/// One document format: how it is named, rendered, tidied and filed.
#[derive(Debug)]
pub struct DocumentFormat {
    /// Its `--format` value; unique across the registry.
    pub name: &'static str,
    /// Other `--format` values accepted for it (not listed in help).
    pub aliases: &'static [&'static str],
    /// What `--help` says it is.
    pub about: &'static str,
    /// The built-in template of one post-mortem.
    pub incident: Template,
    /// The built-in template of the report.
    pub report: Template,
    /// Its file in an incident's folder, given the incident id.
    pub incident_file: fn(&str) -> String,
    /// Its file in the report's folder.
    pub report_file: &'static str,
    /// What is done to a rendered template before it is written.
    pub finish: fn(String) -> String,
    /// The pictures its templates show.
    pub pictures: Pictures,
}

/// A built-in template: users override it by putting a file of this name in their folder.
#[derive(Debug)]
pub struct Template {
    /// Its name, as templates `extends` or `include` it.
    pub name: &'static str,
    /// Its text.
    pub source: &'static str,
}

/// Which pictures a format's templates show; only these are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pictures {
    /// Inline SVG: the timeline, the causal graph and the report's charts.
    pub svg: bool,
    /// The causal graph as a Mermaid flowchart.
    pub mermaid: bool,
}

impl PartialEq for DocumentFormat {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl Eq for DocumentFormat {}

impl DocumentFormat {
    /// Whether `--format value` means this format.
    pub fn is_named(&self, value: &str) -> bool {
        self.name == value || self.aliases.contains(&value)
    }
}

/// The registered format `value` names (its name or an alias).
pub fn named(value: &str) -> Option<&'static DocumentFormat> {
    DOCUMENT_FORMATS.iter().copied().find(|f| f.is_named(value))
}

/// The built-in templates of every registered format.
pub fn templates() -> impl Iterator<Item = &'static Template> {
    DOCUMENT_FORMATS
        .iter()
        .flat_map(|format| [&format.incident, &format.report])
}

/// Leaves a rendered document as the template made it.
pub fn as_rendered(text: String) -> String {
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_formats_answer_to_the_same_name_or_write_the_same_file() {
        let mut names: Vec<&str> = DOCUMENT_FORMATS
            .iter()
            .flat_map(|f| std::iter::once(f.name).chain(f.aliases.iter().copied()))
            .collect();
        let all = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), all, "a --format value names two formats");
        let incident_files: Vec<String> = DOCUMENT_FORMATS
            .iter()
            .map(|f| (f.incident_file)("x"))
            .collect();
        let report_files: Vec<String> = DOCUMENT_FORMATS
            .iter()
            .map(|f| f.report_file.to_string())
            .collect();
        for mut files in [incident_files, report_files] {
            files.sort_unstable();
            files.dedup();
            assert_eq!(
                files.len(),
                DOCUMENT_FORMATS.len(),
                "two formats share a file"
            );
        }
        // The JSON analysis shares the incident folder.
        assert!(DOCUMENT_FORMATS
            .iter()
            .all(|f| (f.incident_file)("x") != "x.json"));
    }

    #[test]
    fn no_format_template_shadows_another_built_in_template() {
        let mut names: Vec<&str> = templates().map(|t| t.name).collect();
        names.extend(
            crate::render::templates::DEFAULTS
                .iter()
                .map(|(name, _)| *name),
        );
        let all = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), all, "two built-in templates share a name");
    }

    #[test]
    fn every_name_and_alias_finds_its_format() {
        assert_eq!(named("md"), Some(&markdown::MARKDOWN));
        assert_eq!(named("markdown"), Some(&markdown::MARKDOWN));
        assert_eq!(named("html"), Some(&html::HTML));
        assert_eq!(named("nonsense"), None);
    }
}
