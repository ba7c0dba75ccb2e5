//! Tera templates: the defaults are embedded; a user's folder overrides them by name.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use tera::{Context, Kwargs, State, Tera, TeraResult, Value};

/// The built-in templates of the site, by name; each document format brings its own two.
pub const DEFAULTS: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("style.css", include_str!("../../templates/style.css")),
    (
        "incident_table.html",
        include_str!("../../templates/incident_table.html"),
    ),
    ("index.html", include_str!("../../templates/index.html")),
    ("list.html", include_str!("../../templates/list.html")),
    ("feed.xml", include_str!("../../templates/feed.xml")),
    ("404.html", include_str!("../../templates/404.html")),
    ("search.js", include_str!("../../templates/search.js")),
];

/// A template could not be loaded or rendered.
#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    /// A user template does not parse.
    #[error("{location}: {message}")]
    Parse {
        /// `file:line:col` (or the file alone).
        location: String,
        /// What Tera said.
        message: String,
    },
    /// Rendering failed (a missing variable, a bad filter...).
    #[error("template '{name}' ({file}): {message}")]
    Render {
        /// Template name.
        name: String,
        /// Where it came from.
        file: String,
        /// What Tera said.
        message: String,
    },
    /// The template folder cannot be read.
    #[error("{path}: {source}")]
    Io {
        /// The folder or file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

/// The loaded template set.
pub struct Templates {
    tera: Tera,
    origins: HashMap<String, String>,
}

impl Templates {
    /// The built-in templates with `user_dir`'s files laid over them by name.
    pub fn load(user_dir: Option<&Path>) -> Result<Self, TemplateError> {
        let formats = super::formats::templates().map(|t| (t.name, t.source));
        let mut sources: BTreeMap<String, (String, String)> = DEFAULTS
            .iter()
            .copied()
            .chain(formats)
            .map(|(name, text)| {
                (
                    name.to_string(),
                    (format!("built-in {name}"), text.to_string()),
                )
            })
            .collect();
        if let Some(dir) = user_dir {
            for (name, path) in user_templates(dir)? {
                let text = std::fs::read_to_string(&path).map_err(|source| TemplateError::Io {
                    path: path.clone(),
                    source,
                })?;
                sources.insert(name, (path.display().to_string(), text));
            }
        }
        let origins: HashMap<String, String> = sources
            .iter()
            .map(|(name, (origin, _))| (name.clone(), origin.clone()))
            .collect();
        let mut tera = Tera::new();
        // Tera's default escaper differs from ours; one escaper for all our HTML and SVG.
        tera.set_escape_fn(crate::text::html::escape_html_to);
        tera.register_filter("md_escape", |value: Value, _: Kwargs, _: &State| {
            unless_unchanged(value, crate::text::markdown::escape_markdown)
        });
        tera.register_filter("md_cell", |value: Value, _: Kwargs, _: &State| {
            unless_unchanged(value, crate::text::markdown::markdown_cell)
        });
        tera.register_filter("default", default_filter);
        // Filters first: Tera checks that every filter a template names exists.
        tera.add_raw_templates(sources.into_iter().map(|(name, (_, text))| (name, text)))
            .map_err(|e| parse_error(&e, &origins))?;
        Ok(Templates { tera, origins })
    }

    /// Renders template `name`.
    pub fn render(&self, name: &str, context: &Context) -> Result<String, TemplateError> {
        self.tera
            .render(name, context)
            .map_err(|e| TemplateError::Render {
                name: name.to_string(),
                file: self
                    .origins
                    .get(name)
                    .cloned()
                    .unwrap_or_else(|| "missing".to_string()),
                message: chain(&e),
            })
    }
}

/// The folder `--templates` names, or `./templates` when it exists.
pub fn user_dir(flag: Option<&Path>) -> Option<PathBuf> {
    match flag {
        Some(dir) => Some(dir.to_path_buf()),
        None => Path::new("templates")
            .is_dir()
            .then(|| PathBuf::from("templates")),
    }
}

fn user_templates(dir: &Path) -> Result<Vec<(String, PathBuf)>, TemplateError> {
    let io = |source| TemplateError::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut found = Vec::new();
    let entries = std::fs::read_dir(dir).map_err(io)?;
    for entry in entries {
        let path = entry.map_err(io)?.path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        if path.is_file() && !name.starts_with('.') {
            found.push((name, path));
        }
    }
    found.sort();
    Ok(found)
}

fn chain(error: &tera::Error) -> String {
    let mut parts = vec![error.to_string()];
    let mut source = std::error::Error::source(error);
    while let Some(s) = source {
        parts.push(s.to_string());
        source = s.source();
    }
    crate::text::markdown::collapse_whitespace(&parts.join(": "))
}

/// A template that does not parse, placed as `file:line:col` like a compiler would.
fn parse_error(error: &tera::Error, origins: &HashMap<String, String>) -> TemplateError {
    if let tera::ErrorKind::SyntaxError(report) = error.kind() {
        let file = origins
            .get(report.filename())
            .cloned()
            .unwrap_or_else(|| report.filename().to_string());
        let span = report.span();
        return TemplateError::Parse {
            location: format!("{file}:{}:{}", span.start_line, span.start_col + 1),
            message: report.message().to_string(),
        };
    }
    // Errors found after parsing (an unknown filter) carry ` --> name:line:col`.
    let message = chain(error);
    let place = message.split(" --> ").nth(1).and_then(|rest| {
        let token = rest.split_whitespace().next()?;
        let (name, position) = token.split_once(':')?;
        Some(format!("{}:{position}", origins.get(name)?))
    });
    let text = message.split(" --> ").next().unwrap_or_default();
    TemplateError::Parse {
        location: place.unwrap_or_else(|| "templates".to_string()),
        message: text.trim_start_matches("error: ").to_string(),
    }
}

/// Like Tera's `default`, and also for a value that is present but empty (`null`),
/// which is how the view model says "not recorded".
fn default_filter(value: Value, kwargs: Kwargs, _: &State) -> TeraResult<Value> {
    let fallback = kwargs.must_get::<Value>("value")?;
    Ok(if value.is_undefined() || value.is_none() {
        fallback
    } else {
        value
    })
}

/// `change` applied to the value's text; the value itself when that changes
/// nothing (most titles hold nothing to escape), so no new string is made.
fn unless_unchanged(value: Value, change: fn(&str) -> Cow<'_, str>) -> Value {
    if let Some(text) = value.as_str() {
        return match change(text) {
            // A filter's result is plain text, never marked safe: as before.
            Cow::Borrowed(_) if !value.is_safe() => value,
            unchanged_or_changed => Value::from(unchanged_or_changed.into_owned()),
        };
    }
    let text = if value.is_undefined() || value.is_none() {
        String::new()
    } else {
        value.to_string()
    };
    Value::from(change(&text).into_owned())
}

#[cfg(test)]
mod tests {
    use super::Templates;

    #[test]
    fn markdown_filters_give_text_to_escape_even_from_a_safe_value() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("probe.html"),
            "{{ x | safe | md_escape }}|{{ x | md_cell }}|{{ y | md_escape }}|{{ z | md_cell }}",
        )
        .unwrap();
        let templates = Templates::load(Some(dir.path())).unwrap();
        let mut context = tera::Context::new();
        context.insert("x", "a & b");
        context.insert("y", "*a*");
        context.insert("z", "a |\n b");
        assert_eq!(
            templates.render("probe.html", &context).unwrap(),
            "a &amp; b|a &amp; b|\\*a\\*|a \\| b"
        );
    }
}
