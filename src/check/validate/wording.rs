//! Wording: causes should describe conditions, not blame people.

use super::Rules;
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

impl Rules<'_> {
    /// Warns once per cause whose title or details use a blaming word.
    pub(super) fn blame(&mut self) {
        for (n, cause) in self.incident.causes.iter().enumerate() {
            let texts = [
                ("title", Some(&cause.title)),
                ("details", cause.details.as_ref()),
            ];
            for (key, text) in texts {
                let Some(text) = text else { continue };
                let lower = text.to_lowercase();
                if let Some(word) = BLAME_WORDS.iter().find(|w| lower.contains(*w)) {
                    self.findings.value(
                        Code::BlameLanguage,
                        YamlPath::field("causes", n, key),
                        format!("cause '{}' uses blaming language ('{}')", cause.id, word),
                        Some("describe the condition that let the mistake happen (what made it easy, what did not catch it), not the person".to_string()),
                    );
                    break;
                }
            }
        }
    }
}
