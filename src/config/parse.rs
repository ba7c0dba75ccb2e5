//! Reading `rootline.toml`'s text into a [`Config`], key by key, with the span of every
//! key and value: a mistake is a diagnostic at its line and column, with "did you mean".

use super::Vocabulary;
use super::{Checks, Config, ConfigError, Described, Scale, Site, Terminology, Unknown};
use crate::diagnostic::{did_you_mean, Code, Diagnostic, Level, Position};
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::de::{DeTable, DeValue};
use toml::Spanned;

type Value<'i> = Spanned<DeValue<'i>>;

/// One key of a table: its name, where the name is, and its value.
struct Entry<'a, 'i> {
    key: &'a str,
    span: Range<usize>,
    value: &'a Value<'i>,
}

/// Checks `text` as the config file `path`.
pub fn parse(path: &Path, text: &str) -> Result<Config, ConfigError> {
    let reader = Reader { path, text };
    let document = DeTable::parse(text)
        .map_err(|e| reader.error(e.span().unwrap_or(0..0), e.message().trim(), None))?;
    let mut config = Config::default();
    let known = ["site", "severities", "vocabulary", "checks"];
    for entry in reader.entries(document.get_ref(), "the file", &known)? {
        match entry.key {
            "site" => reader.site(&entry, &mut config)?,
            "severities" => config.severities = reader.severities(&entry)?,
            "vocabulary" => config.vocabulary = reader.vocabulary(&entry)?,
            _ => config.checks = reader.checks(&entry)?,
        }
    }
    Ok(config)
}

/// The text of one config file, to point into.
struct Reader<'t> {
    path: &'t Path,
    text: &'t str,
}

impl Reader<'_> {
    /// The diagnostic for a mistake at `span`.
    fn error(&self, span: Range<usize>, message: &str, hint: Option<String>) -> ConfigError {
        let start = (0..=span.start.min(self.text.len()))
            .rev()
            .find(|&i| self.text.is_char_boundary(i))
            .unwrap_or(0);
        let mut position = Position::at_offset(self.text, start);
        position.len = span.end.saturating_sub(start).max(1);
        let diagnostic = Diagnostic::new(Code::InvalidConfig, message, self.path)
            .at(Some(position))
            .with_hint(hint);
        ConfigError::Invalid {
            diagnostic: Box::new(diagnostic),
            text: self.text.to_string(),
        }
    }

    /// The entries of `table` in the order of the file, each key one of `known`.
    fn entries<'a, 'i>(
        &self,
        table: &'a DeTable<'i>,
        place: &str,
        known: &[&str],
    ) -> Result<Vec<Entry<'a, 'i>>, ConfigError> {
        let mut entries: Vec<Entry<'a, 'i>> = table
            .iter()
            .map(|(key, value)| Entry {
                key: key.get_ref().as_ref(),
                span: key.span(),
                value,
            })
            .collect();
        entries.sort_by_key(|entry| entry.span.start);
        for entry in &entries {
            if !known.is_empty() && !known.contains(&entry.key) {
                let hint = did_you_mean(entry.key, known.iter().copied())
                    .unwrap_or_else(|| format!("known in {place}: {}", known.join(", ")));
                let message = format!("unknown key '{}' in {place}", entry.key);
                return Err(self.error(entry.span.clone(), &message, Some(hint)));
            }
        }
        Ok(entries)
    }

    /// The table under `entry`.
    fn table<'a, 'i>(&self, entry: &Entry<'a, 'i>) -> Result<&'a DeTable<'i>, ConfigError> {
        entry.value.get_ref().as_table().ok_or_else(|| {
            let message = format!(
                "`{}` is a table: write [{}] on a line",
                entry.key, entry.key
            );
            self.error(entry.value.span(), &message, None)
        })
    }

    /// The text under `entry`.
    fn string(&self, entry: &Entry<'_, '_>) -> Result<String, ConfigError> {
        match entry.value.get_ref() {
            DeValue::String(text) => Ok(text.to_string()),
            other => {
                let message = format!(
                    "`{}` is text, not {}: write {} = \"...\"",
                    entry.key,
                    other.type_str(),
                    entry.key
                );
                Err(self.error(entry.value.span(), &message, None))
            }
        }
    }

    /// One of `choices` under `entry`.
    fn choice<'c>(
        &self,
        entry: &Entry<'_, '_>,
        choices: &[&'c str],
    ) -> Result<&'c str, ConfigError> {
        let text = self.string(entry)?;
        choices.iter().copied().find(|c| *c == text).ok_or_else(|| {
            let listed = choices
                .iter()
                .map(|c| format!("\"{c}\""))
                .collect::<Vec<_>>();
            let hint = did_you_mean(&text, choices.iter().copied())
                .unwrap_or_else(|| format!("write {}", listed.join(" or ")));
            let message = format!("`{}` cannot be \"{text}\"", entry.key);
            self.error(entry.value.span(), &message, Some(hint))
        })
    }

    /// A table of names, each with a one-line description (its value).
    fn described(&self, entry: &Entry<'_, '_>) -> Result<Described, ConfigError> {
        let table = self.table(entry)?;
        let mut listed = Vec::new();
        for item in self.entries(table, &format!("[{}]", entry.key), &[])? {
            listed.push((item.key.to_string(), self.string(&item)?));
        }
        Ok(Described(listed))
    }

    /// `[site]`.
    fn site(&self, entry: &Entry<'_, '_>, config: &mut Config) -> Result<(), ConfigError> {
        let known = [
            "title",
            "organisation",
            "description",
            "logo",
            "base_url",
            "terminology",
            "as_of",
        ];
        let mut site = Site::default();
        for item in self.entries(self.table(entry)?, "[site]", &known)? {
            match item.key {
                "title" => site.title = Some(self.string(&item)?),
                "organisation" => site.organisation = Some(self.string(&item)?),
                "description" => site.description = Some(self.string(&item)?),
                "logo" => site.logo = Some(PathBuf::from(self.string(&item)?)),
                "base_url" => site.base_url = Some(self.base_url(&item)?),
                "terminology" => config.terminology = self.terminology(&item)?,
                _ => config.as_of = Some(self.day(&item)?),
            }
        }
        config.site = site;
        Ok(())
    }

    /// `base_url`: an absolute address, or a path from the host's root.
    fn base_url(&self, entry: &Entry<'_, '_>) -> Result<String, ConfigError> {
        let url = self.string(entry)?;
        let absolute = url.starts_with("https://") || url.starts_with("http://");
        if absolute || url.starts_with('/') {
            return Ok(url);
        }
        let message = format!("`base_url` = \"{url}\" is not an address");
        let hint = "write the address the site is published at, such as \"https://sre.example.com/postmortems/\", or a path such as \"/postmortems/\"";
        Err(self.error(entry.value.span(), &message, Some(hint.to_string())))
    }

    fn terminology(&self, entry: &Entry<'_, '_>) -> Result<Terminology, ConfigError> {
        let names = [
            Terminology::RootCauses.name(),
            Terminology::ContributingFactors.name(),
        ];
        Ok(match self.choice(entry, &names)? {
            "contributing-factors" => Terminology::ContributingFactors,
            _ => Terminology::RootCauses,
        })
    }

    /// `as_of` as a TOML date (`2026-11-28`) or a string (`"2026-11-28"`).
    fn day(&self, entry: &Entry<'_, '_>) -> Result<chrono::NaiveDate, ConfigError> {
        let text = match entry.value.get_ref() {
            DeValue::String(text) => text.to_string(),
            DeValue::Datetime(dt) if dt.time.is_none() && dt.offset.is_none() => dt.to_string(),
            _ => {
                let message = "`as_of` is a day: write as_of = \"YYYY-MM-DD\"";
                return Err(self.error(entry.value.span(), message, None));
            }
        };
        parse_day(&text).map_err(|why| {
            let message = format!("`as_of` = \"{text}\": {why}");
            self.error(entry.value.span(), &message, None)
        })
    }

    /// `[severities]`: the scale's levels, worst first, in the order of the file.
    fn severities(&self, entry: &Entry<'_, '_>) -> Result<Scale, ConfigError> {
        let table = self.table(entry)?;
        let mut scale: Vec<(String, String)> = Vec::new();
        for item in self.entries(table, "[severities]", &[])? {
            // A level names a page (`severity/<level>.html`) and a CSS class.
            if !is_level_name(item.key) {
                let message = format!("severity level '{}' is not a name", item.key);
                let hint =
                    "name levels with letters, digits, - and _, as in SEV1 or P1".to_string();
                return Err(self.error(item.span.clone(), &message, Some(hint)));
            }
            if let Some((same, _)) = scale.iter().find(|(n, _)| n.eq_ignore_ascii_case(item.key)) {
                let message = format!(
                    "severity level '{}' is already on the scale as '{same}'",
                    item.key
                );
                return Err(self.error(item.span.clone(), &message, None));
            }
            scale.push((item.key.to_string(), self.string(&item)?));
        }
        Ok(Scale(Described(scale)))
    }

    /// `[vocabulary]`.
    fn vocabulary(&self, entry: &Entry<'_, '_>) -> Result<Vocabulary, ConfigError> {
        let known = ["unknown", "categories", "services", "owners"];
        let mut vocabulary = Vocabulary::default();
        for item in self.entries(self.table(entry)?, "[vocabulary]", &known)? {
            match item.key {
                "unknown" => {
                    vocabulary.unknown = match self.choice(&item, &["error", "warning"])? {
                        "warning" => Unknown::Warning,
                        _ => Unknown::Error,
                    }
                }
                "categories" => vocabulary.categories = Some(self.slugs(&item)?),
                "services" => vocabulary.services = Some(self.described(&item)?),
                _ => vocabulary.owners = Some(self.described(&item)?),
            }
        }
        Ok(vocabulary)
    }

    /// Categories: described, and slugs like the categories of incident files.
    fn slugs(&self, entry: &Entry<'_, '_>) -> Result<Described, ConfigError> {
        let listed = self.described(entry)?;
        let table = self.table(entry)?;
        for item in self.entries(table, "[vocabulary.categories]", &[])? {
            if !is_slug(item.key) {
                let message = format!("category '{}' is not a slug", item.key);
                let hint = "write lower-case letters, digits and dashes, as in incident files";
                return Err(self.error(item.span, &message, Some(hint.to_string())));
            }
        }
        Ok(listed)
    }

    /// `[checks]`.
    fn checks(&self, entry: &Entry<'_, '_>) -> Result<Checks, ConfigError> {
        let known = ["allow", "deny", "stale_days", "phrases"];
        let mut checks = Checks::default();
        for item in self.entries(self.table(entry)?, "[checks]", &known)? {
            match item.key {
                "allow" => checks.allow = self.warnings(&item)?,
                "deny" => checks.deny = self.warnings(&item)?,
                "stale_days" => checks.stale_days = Some(self.days(&item)?),
                _ => checks.phrases = self.phrases(&item)?,
            }
        }
        Ok(checks)
    }

    /// `[checks.phrases]`: each phrase must have a letter to find.
    fn phrases(&self, entry: &Entry<'_, '_>) -> Result<Vec<(String, String)>, ConfigError> {
        let table = self.table(entry)?;
        for item in self.entries(table, "[checks.phrases]", &[])? {
            if item.key.trim().is_empty() {
                let hint = "write the phrase to look for as the key: \"just restart\" = \"...\"";
                let message = "an empty phrase would match every text";
                return Err(self.error(item.span, message, Some(hint.to_string())));
            }
        }
        Ok(self.described(entry)?.0)
    }

    /// A list of warnings, by code or name.
    fn warnings(&self, entry: &Entry<'_, '_>) -> Result<Vec<Code>, ConfigError> {
        let not_a_list = || {
            let message = format!(
                "`{}` is a list of warnings: write {} = [\"overdue-action\"]",
                entry.key, entry.key
            );
            self.error(entry.value.span(), &message, None)
        };
        let items = entry.value.get_ref().as_array().ok_or_else(not_a_list)?;
        let mut codes = Vec::new();
        for item in items.iter() {
            let Some(name) = item.get_ref().as_str() else {
                return Err(not_a_list());
            };
            codes.push(self.warning(name, item.span())?);
        }
        Ok(codes)
    }

    fn warning(&self, name: &str, span: Range<usize>) -> Result<Code, ConfigError> {
        let Some(code) = Code::find(name) else {
            let message = format!("no check is called '{name}'");
            let hint = Code::suggest(name)
                .unwrap_or_else(|| "`rootline explain` lists the checks".to_string());
            return Err(self.error(span, &message, Some(hint)));
        };
        if code.level() == Level::Error {
            let message = format!(
                "{} ({}) is an error, not a warning",
                code.code(),
                code.name()
            );
            let hint = "only warnings can be turned off or made errors";
            return Err(self.error(span, &message, Some(hint.to_string())));
        }
        Ok(code)
    }

    /// A whole number of days, at least 1.
    fn days(&self, entry: &Entry<'_, '_>) -> Result<u32, ConfigError> {
        let days = entry
            .value
            .get_ref()
            .as_integer()
            .and_then(|n| i64::from_str_radix(&n.as_str().replace('_', ""), n.radix()).ok())
            .and_then(|n| u32::try_from(n).ok())
            .filter(|n| *n >= 1);
        days.ok_or_else(|| {
            let message = format!("`{}` is a whole number of days, at least 1", entry.key);
            self.error(entry.value.span(), &message, None)
        })
    }
}

/// Whether `name` matches `^[a-z0-9][a-z0-9-]*$`, the form of categories in incident files.
fn is_slug(name: &str) -> bool {
    let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit();
    name.starts_with(allowed) && name.chars().all(|c| allowed(c) || c == '-')
}

/// Reads a day given as YYYY-MM-DD, saying which part is wrong.
pub fn parse_day(text: &str) -> Result<chrono::NaiveDate, String> {
    let parts: Vec<&str> = text.split('-').collect();
    let number = |part: &str, width: usize| {
        if part.len() == width && part.bytes().all(|b| b.is_ascii_digit()) {
            part.parse::<u32>().ok()
        } else {
            None
        }
    };
    let fields = match parts.as_slice() {
        [y, m, d] => (number(y, 4), number(m, 2), number(d, 2)),
        _ => (None, None, None),
    };
    let (Some(year), Some(month), Some(day)) = fields else {
        return Err("write the day as YYYY-MM-DD, e.g. 2024-03-01".to_string());
    };
    if !(1..=12).contains(&month) {
        return Err(format!(
            "there is no month {month}: months run from 01 to 12"
        ));
    }
    let year = i32::try_from(year).map_err(|_| "the year is out of range".to_string())?;
    chrono::NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| {
        let days = (28..=31)
            .rev()
            .find(|&d| chrono::NaiveDate::from_ymd_opt(year, month, d).is_some())
            .unwrap_or(28);
        let name = chrono::NaiveDate::from_ymd_opt(year, month, 1)
            .map(|first| first.format("%B %Y").to_string())
            .unwrap_or_default();
        format!("there is no day {day} in {name}: it has {days} days")
    })
}

/// A level of `[severities]`: letters, digits, `-` and `_`, starting with a letter or digit.
fn is_level_name(name: &str) -> bool {
    name.chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}
