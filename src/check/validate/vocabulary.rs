//! The team's own lists from `rootline.toml`: the severity scale, and the cause categories,
//! services and owners an incident may name.

use super::Rules;
use crate::check::paths;
use crate::config::{Described, SEVERITY_NAMES};
use crate::diagnostic::{did_you_mean, Code};
use crate::load::positions::YamlPath;

impl Rules<'_> {
    /// The incident's rank on the scale (1 for the worst), or an error and 0 when its
    /// severity is not on it.
    pub(super) fn severity_scale(&mut self) -> u8 {
        let scale = &self.config.severities;
        let severity = self.incident.severity.as_str();
        if let Some(rank) = scale.rank(severity) {
            return rank;
        }
        if scale.defined().is_empty() {
            let hint = did_you_mean(severity, SEVERITY_NAMES.iter().copied())
                .unwrap_or_else(|| format!("allowed: {}", SEVERITY_NAMES.join(", ")));
            self.findings.value(
                Code::InvalidEnum,
                paths::severity(),
                format!("severity: '{severity}' is not an allowed value"),
                Some(hint),
            );
            return 0;
        }
        // Every near miss of SEV4 is another level, so the hint lists the scale instead.
        let hint = format!("the scale in rootline.toml is {}", scale.names().join(", "));
        self.findings.value(
            Code::UnknownSeverity,
            paths::severity(),
            format!("severity {severity} is not on the scale of rootline.toml"),
            Some(hint),
        );
        0
    }

    /// A finding at each category, service or owner that a present list lacks.
    pub(super) fn vocabulary(&mut self) {
        let vocabulary = &self.config.vocabulary;
        if let Some(categories) = &vocabulary.categories {
            for (n, cause) in self.incident.causes.iter().enumerate() {
                if let Some(category) = &cause.category {
                    let path = paths::cause(n).category();
                    unlisted(self, categories, "category", category, path);
                }
            }
        }
        if let Some(services) = &vocabulary.services {
            for (n, service) in self.incident.impact.services.iter().enumerate() {
                let path = paths::impact_services().index(n);
                unlisted(self, services, "service", service, path);
            }
        }
        if let Some(owners) = &vocabulary.owners {
            for (n, item) in self.incident.action_items.iter().enumerate() {
                let path = paths::action_item(n).owner();
                unlisted(self, owners, "owner", &item.owner, path);
            }
        }
    }
}

/// Records `value` at `path` unless `list` has it, with the listed value it is closest to.
fn unlisted(rules: &mut Rules<'_>, list: &Described, what: &str, value: &str, path: YamlPath) {
    if list.contains(value) {
        return;
    }
    let hint = did_you_mean(value, list.names()).unwrap_or_else(|| {
        format!("use one of [vocabulary] in rootline.toml, or add '{value}' to it")
    });
    rules.findings.value(
        Code::UnlistedValue,
        path,
        format!("{what} '{value}' is not in the {what} list of rootline.toml"),
        Some(hint),
    );
}
