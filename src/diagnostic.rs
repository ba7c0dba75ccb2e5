//! Diagnostics: what `check` reports, with stable codes and source positions.

use serde::Serialize;
use std::fmt;
use std::path::PathBuf;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// The input is wrong; nothing is rendered from it.
    Error,
    /// The input is valid but probably not what the author meant.
    Warning,
}

macro_rules! codes {
    ($($variant:ident = $code:literal, $name:literal, $level:ident, $doc:literal;)*) => {
        /// Every check rootline makes, with its stable code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $(#[doc = $doc] $variant,)*
        }

        impl Code {
            /// All codes, in code order.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The stable code, for example `E0003`.
            pub fn code(self) -> &'static str {
                match self { $(Code::$variant => $code,)* }
            }

            /// The stable name, for example `dangling-reference`.
            pub fn name(self) -> &'static str {
                match self { $(Code::$variant => $name,)* }
            }

            /// Whether the check is an error or a warning.
            pub fn level(self) -> Level {
                match self { $(Code::$variant => Level::$level,)* }
            }
        }
    };
}

codes! {
    YamlSyntax = "E0001", "yaml-syntax", Error, "The file is not valid YAML (or not UTF-8, or empty).";
    TypeMismatch = "E0002", "type-mismatch", Error, "A value has the wrong type, for example a list where a string belongs.";
    DanglingReference = "E0003", "dangling-reference", Error, "A reference (`caused_by`, `addresses`, `actor`, `vendor`) names an id that does not exist.";
    UnknownKey = "E0004", "unknown-key", Error, "A key the format does not know; extension keys must start with `x-`.";
    MissingKey = "E0005", "missing-key", Error, "A required key is missing.";
    InvalidEnum = "E0006", "invalid-value", Error, "A value is not one of those allowed (status, severity, kind, role, priority...).";
    InvalidId = "E0007", "invalid-id", Error, "An id does not match `^[a-z0-9][a-z0-9-]*$`.";
    IdMismatch = "E0008", "id-mismatch", Error, "An explicit `id:` differs from the file stem or folder name.";
    DuplicateId = "E0009", "duplicate-id", Error, "Two events, causes or actions of one incident share an id.";
    DuplicateIncident = "E0010", "duplicate-incident", Error, "Two files in the corpus define the same incident id.";
    CausedByAction = "E0011", "edge-to-action", Error, "`caused_by` or `addresses` names an action; edges join causes and events only.";
    BadParty = "E0012", "bad-party", Error, "An `actor` or `vendor` is not a party of the incident, or a `vendor` is not a vendor.";
    UnknownTimezone = "E0013", "unknown-timezone", Error, "`timezone` is not an IANA zone name.";
    InvalidTime = "E0014", "invalid-time", Error, "A time or date cannot be read.";
    NonexistentTime = "E0015", "nonexistent-local-time", Error, "A local time falls in a daylight-saving gap.";
    AmbiguousTime = "E0016", "ambiguous-local-time", Error, "A local time happens twice at a daylight-saving change.";
    CausalCycle = "E0017", "causal-cycle", Error, "The `caused_by` edges form a cycle.";
    UnknownRelated = "E0018", "unknown-related", Error, "`related` names an incident that is not in the corpus.";
    LimitExceeded = "E0019", "limit-exceeded", Error, "A file is larger, or has more events or edges, than the configured limits.";
    DuplicateParty = "E0020", "duplicate-party", Error, "Two parties share an id.";
    EffectBeforeCause = "W0001", "effect-before-cause", Warning, "An event is caused by an event that happened later.";
    NoImpactStart = "W0002", "no-impact-start", Warning, "No event has kind `impact_start`, so nothing can be measured.";
    UnknownMetric = "W0003", "unknown-metric", Warning, "A metric cannot be computed because its events are missing.";
    UnaddressedRootCause = "W0004", "unaddressed-root-cause", Warning, "No action item or vendor action addresses a root cause.";
    OverdueAction = "W0005", "overdue-action", Warning, "An action item is past its due date and still open.";
    BlameLanguage = "W0006", "blame-language", Warning, "A cause uses blaming words; blameless post-mortems describe systems, not people.";
    NoOperator = "W0007", "no-operator", Warning, "No party has the role `operator`.";
    NearDuplicateEvent = "W0008", "near-duplicate-event", Warning, "Two events at the same minute have near-identical titles (often one moment imported from two sources).";
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A place in a source file: 1-based line and column (in characters), plus the byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    /// Byte offset of the start.
    pub offset: usize,
    /// Length in bytes of the offending text (at least 1 for display).
    pub len: usize,
}

impl Position {
    /// The one-byte place at byte `offset` of `text` (which must fall on a character boundary).
    pub fn at_offset(text: &str, offset: usize) -> Position {
        let before = &text[..offset];
        Position {
            line: before.matches('\n').count() + 1,
            column: before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1,
            offset,
            len: 1,
        }
    }
}

/// One problem found in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Which check.
    pub code: Code,
    /// What is wrong, in one line.
    pub message: String,
    /// The file it is in.
    pub file: PathBuf,
    /// Where in the file; `None` only when the file could not be read at all.
    pub position: Option<Position>,
    /// How to fix it.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// A diagnostic with no position or hint yet.
    pub fn new(code: Code, message: impl Into<String>, file: impl Into<PathBuf>) -> Self {
        Diagnostic {
            code,
            message: message.into(),
            file: file.into(),
            position: None,
            hint: None,
        }
    }

    /// Sets the position.
    pub fn at(mut self, position: Option<Position>) -> Self {
        self.position = position;
        self
    }

    /// Sets the hint.
    pub fn with_hint(mut self, hint: Option<String>) -> Self {
        self.hint = hint;
        self
    }

    /// Error or warning, from the code.
    pub fn level(&self) -> Level {
        self.code.level()
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.level() == Level::Error
    }

    /// Ordering key: file, then position, then code.
    pub fn sort_key(&self) -> (PathBuf, usize, usize, Code) {
        let (line, column) = self.position.map(|p| (p.line, p.column)).unwrap_or((0, 0));
        (self.file.clone(), line, column, self.code)
    }
}

/// The closest candidate to `word`, if one is close enough to be a likely typo.
pub fn did_you_mean<'a, I>(word: &str, candidates: I) -> Option<String>
where
    I: IntoIterator<Item = &'a str>,
{
    candidates
        .into_iter()
        .map(|candidate| (strsim::jaro_winkler(word, candidate), candidate))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, candidate)| format!("did you mean '{candidate}'?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_well_formed() {
        let mut seen = std::collections::BTreeSet::new();
        for code in Code::ALL {
            assert!(seen.insert(code.code()), "{} twice", code.code());
            let prefix = if code.level() == Level::Error {
                'E'
            } else {
                'W'
            };
            assert!(code.code().starts_with(prefix));
        }
    }

    #[test]
    fn suggests_close_words_only() {
        assert_eq!(
            did_you_mean("cert-expird", ["cert-expired", "data-down"]).as_deref(),
            Some("did you mean 'cert-expired'?")
        );
        assert_eq!(did_you_mean("zzz", ["cert-expired"]), None);
    }
}
