//! Accepted warnings: an incident's `allow` names warnings that are true but unusual for it.

use super::Rules;
use crate::check::paths;
use crate::diagnostic::{Code, Level};

impl Rules<'_> {
    /// Accepts each warning `allow` names; an entry that names no warning is an error.
    pub(super) fn allow(&mut self) {
        for (n, entry) in self.incident.allow.iter().enumerate() {
            let path = paths::allow().index(n);
            let (message, hint) = match Code::find(entry) {
                Some(code) if code.level() == Level::Warning => {
                    self.findings.accept(code);
                    continue;
                }
                Some(code) => (
                    format!(
                        "{path}: {code} ({}) is an error, which cannot be accepted",
                        code.name()
                    ),
                    "fix what it reports; only warnings can be accepted".to_string(),
                ),
                None => (
                    format!("{path}: '{entry}' is not the name or code of a check"),
                    Code::suggest(entry).unwrap_or_else(|| {
                        "name a warning as `rootline explain` does: `unknown-metric` or `W0003`"
                            .to_string()
                    }),
                ),
            };
            self.findings
                .value(Code::UnknownAllow, path, message, Some(hint));
        }
    }
}
