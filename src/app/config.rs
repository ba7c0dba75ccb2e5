//! Finding and reading `rootline.toml`: `--config FILE`, else the nearest one at or above the
//! current folder, like `Cargo.toml`. Without a file rootline behaves as if it were empty.

use crate::config::{Config, ConfigError, FILE_NAME};
use std::path::{Path, PathBuf};

/// The nearest `rootline.toml` at or above `start`, if any.
pub fn find(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|dir| dir.join(FILE_NAME))
        .find(|candidate| candidate.is_file())
}

/// The file `--config` names, else the nearest one; `None` when there is none.
pub fn locate(given: Option<&Path>) -> Option<PathBuf> {
    if let Some(path) = given {
        return Some(path.to_path_buf());
    }
    let here = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let found = find(&here)?;
    // Named as the user would type it when it is in the current folder or below.
    Some(
        found
            .strip_prefix(&here)
            .map_or(found.clone(), Path::to_path_buf),
    )
}

/// Reads and checks one config file.
pub fn load(path: &Path) -> Result<Config, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    crate::config::parse::parse(path, &text)
}

/// The folder paths in the config file at `path` (such as `[site] logo`) are relative to.
pub fn folder_of(path: &Path) -> PathBuf {
    path.parent()
        .filter(|dir| !dir.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

#[cfg(test)]
mod tests {
    use crate::config::parse::parse;
    use chrono::NaiveDate;
    use std::path::Path;

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
            "rootline.toml:2:1: unknown key 'as_o' in [site]; did you mean 'as_of'?"
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
