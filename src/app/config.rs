//! `rootline.toml`: a repository's settings, found like `Cargo.toml` in the
//! current folder or the nearest one above it. Every key is optional; without
//! the file rootline behaves as if it were empty.

use chrono::NaiveDate;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// The file name looked for.
pub const FILE_NAME: &str = "rootline.toml";

/// Why `rootline.toml` could not be used (exit code 2).
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file exists but cannot be read.
    #[error("{path}: {source}")]
    Read {
        /// Where.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The file is not valid TOML, or has a key or value rootline does not know.
    #[error("{path}:{line}:{column}: {message}")]
    Invalid {
        /// Where.
        path: PathBuf,
        /// Line, from 1.
        line: usize,
        /// Column in characters, from 1.
        column: usize,
        /// What is wrong, and how to fix it.
        message: String,
    },
}

/// What `rootline.toml` says.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Config {
    /// `[site] as_of`: the day every command judges overdue items against, pinned.
    pub as_of: Option<NaiveDate>,
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    site: SiteTable,
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct SiteTable {
    as_of: Option<toml::Spanned<toml::Value>>,
}

/// The nearest `rootline.toml` at or above `start`, if any.
pub fn find(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|dir| dir.join(FILE_NAME))
        .find(|candidate| candidate.is_file())
}

/// Reads the nearest `rootline.toml` above the current folder; none is an empty config.
pub fn load_nearest() -> Result<Config, ConfigError> {
    let here = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    match find(&here) {
        // Named as the user would type it when it is in the current folder.
        Some(path) => load(path.strip_prefix(&here).unwrap_or(&path)),
        None => Ok(Config::default()),
    }
}

/// Reads and checks one config file.
pub fn load(path: &Path) -> Result<Config, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    parse(path, &text)
}

/// Checks `text` as the config file `path`.
pub fn parse(path: &Path, text: &str) -> Result<Config, ConfigError> {
    let invalid = |span: Option<Range<usize>>, message: String| {
        let (line, column) = line_column(text, span.map_or(0, |s| s.start));
        ConfigError::Invalid {
            path: path.to_path_buf(),
            line,
            column,
            message,
        }
    };
    let file: File =
        toml::from_str(text).map_err(|e| invalid(e.span(), in_our_words(e.message())))?;
    let as_of = match file.site.as_of {
        None => None,
        Some(value) => {
            let span = value.span();
            Some(day(value.into_inner()).map_err(|message| invalid(Some(span), message))?)
        }
    };
    Ok(Config { as_of })
}

/// `as_of` as a TOML date (`2026-11-28`) or a string (`"2026-11-28"`).
fn day(value: toml::Value) -> Result<NaiveDate, String> {
    let text = match value {
        toml::Value::String(text) => text,
        toml::Value::Datetime(dt) if dt.time.is_none() && dt.offset.is_none() => dt.to_string(),
        _ => return Err("`as_of` is a day: write as_of = \"YYYY-MM-DD\"".to_string()),
    };
    crate::cli::parse_day(&text).map_err(|why| format!("`as_of` = \"{text}\": {why}"))
}

/// Serde's "unknown field `x`, expected `a` or `b`" as our message, with "did you mean".
fn in_our_words(message: &str) -> String {
    let Some(rest) = message.strip_prefix("unknown field ") else {
        return message.trim().to_string();
    };
    let quoted: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
    let Some((unknown, known)) = quoted.split_first() else {
        return message.trim().to_string();
    };
    let closest = known
        .iter()
        .map(|k| (strsim::damerau_levenshtein(unknown, k), *k))
        .filter(|(distance, _)| *distance <= 2)
        .min();
    match closest {
        Some((_, key)) => format!("unknown key '{unknown}'; did you mean '{key}'?"),
        None => format!("unknown key '{unknown}'; known here: {}", known.join(", ")),
    }
}

/// The 1-based line and column (in characters) of byte `offset` in `text`.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_misspelled_key_is_named_at_its_position_with_the_key_meant() {
        let error = parse(
            Path::new("rootline.toml"),
            "[site]\nas_o = \"2026-11-28\"\n",
        )
        .unwrap_err()
        .to_string();
        assert_eq!(
            error,
            "rootline.toml:2:1: unknown key 'as_o'; did you mean 'as_of'?"
        );
    }

    #[test]
    fn as_of_is_read_as_a_string_or_a_date_and_a_wrong_day_is_named() {
        let config = |text: &str| parse(Path::new("rootline.toml"), text);
        let pinned = NaiveDate::from_ymd_opt(2026, 11, 28);
        assert_eq!(
            config("[site]\nas_of = \"2026-11-28\"\n").unwrap().as_of,
            pinned
        );
        assert_eq!(
            config("[site]\nas_of = 2026-11-28\n").unwrap().as_of,
            pinned
        );
        assert_eq!(config("").unwrap().as_of, None);
        assert_eq!(
            config("[site]\nas_of = \"2026-02-30\"\n").unwrap_err().to_string(),
            "rootline.toml:2:9: `as_of` = \"2026-02-30\": there is no day 30 in February 2026: it has 28 days"
        );
    }
}
