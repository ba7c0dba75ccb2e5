//! Wording: causes should describe conditions, not blame people.

use super::Rules;
use crate::check::paths::{self, CausePath};
use crate::diagnostic::Code;
use crate::load::positions::YamlPath;

const BLAME_WORDS: [&str; 9] = [
    "human error",
    "should have",
    "careless",
    "failed to",
    "negligent",
    "negligence",
    "incompetent",
    "their fault",
    "didn't bother",
];

/// Where in a cause one of its texts is.
type TextPath = fn(CausePath) -> YamlPath;

impl Rules<'_> {
    /// Warns once per cause whose title or details use a blaming word.
    pub(super) fn blame(&mut self) {
        for (n, cause) in self.incident.causes.iter().enumerate() {
            let texts: [(TextPath, _); 2] = [
                (CausePath::title, Some(&cause.title)),
                (CausePath::details, cause.details.as_ref()),
            ];
            for (path, text) in texts {
                let Some(text) = text else { continue };
                let lower = text.to_lowercase();
                if let Some(word) = BLAME_WORDS.iter().find(|w| lower.contains(*w)) {
                    self.findings.value(
                        Code::BlameLanguage,
                        path(paths::cause(n)),
                        format!("cause '{}' uses blaming language ('{}')", cause.id, word),
                        Some("describe the condition that let the mistake happen (what made it easy, what did not catch it), not the person".to_string()),
                    );
                    break;
                }
            }
        }
    }
}
