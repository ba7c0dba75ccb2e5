//! Tera templates: the defaults are embedded; a user's folder overrides them by name.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use tera::{Context, Tera, Value};

/// The built-in templates, by name.
pub const DEFAULTS: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("style.css", include_str!("../../templates/style.css")),
    (
        "incident.html",
        include_str!("../../templates/incident.html"),
    ),
    ("incident.md", include_str!("../../templates/incident.md")),
    ("macros.html", include_str!("../../templates/macros.html")),
    ("index.html", include_str!("../../templates/index.html")),
    ("list.html", include_str!("../../templates/list.html")),
    ("report.html", include_str!("../../templates/report.html")),
    ("report.md", include_str!("../../templates/report.md")),
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
        let mut tera = Tera::default();
        tera.add_raw_templates(DEFAULTS.to_vec())
            .map_err(|e| parse_error("built-in templates", &e))?;
        let mut origins: HashMap<String, String> = DEFAULTS
            .iter()
            .map(|(name, _)| (name.to_string(), format!("built-in {name}")))
            .collect();
        if let Some(dir) = user_dir {
            for (name, path) in user_templates(dir)? {
                let text = std::fs::read_to_string(&path).map_err(|source| TemplateError::Io {
                    path: path.clone(),
                    source,
                })?;
                // One at a time, so a broken file is reported with its own path.
                tera.add_raw_template(&name, &text)
                    .map_err(|e| parse_error(&path.display().to_string(), &e))?;
                origins.insert(name, path.display().to_string());
            }
            tera.build_inheritance_chains()
                .map_err(|e| parse_error(&dir.display().to_string(), &e))?;
        }
        // Tera's default also escapes '/', which makes every URL unreadable; these five suffice.
        tera.set_escape_fn(escape_html);
        tera.register_filter("md_escape", md_escape_filter);
        tera.register_filter("md_cell", md_cell_filter);
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
    parts.join(": ").replace('\n', " ")
}

/// Tera's parse errors carry `--> line:col`; put it after the file name like a compiler.
fn parse_error(file: &str, error: &tera::Error) -> TemplateError {
    let message = chain(error);
    let position = message.split("--> ").nth(1).and_then(|rest| {
        let token: String = rest
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == ':')
            .collect();
        (!token.is_empty()).then_some(token)
    });
    TemplateError::Parse {
        location: match position {
            Some(p) => format!("{file}:{p}"),
            None => file.to_string(),
        },
        message: message.split_whitespace().collect::<Vec<_>>().join(" "),
    }
}

fn md_escape_filter(value: &Value, _: &HashMap<String, Value>) -> tera::Result<Value> {
    Ok(Value::String(crate::render::markdown::escape_markdown(
        &as_text(value),
    )))
}

fn md_cell_filter(value: &Value, _: &HashMap<String, Value>) -> tera::Result<Value> {
    Ok(Value::String(crate::render::markdown::markdown_cell(
        &as_text(value),
    )))
}

fn as_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// Escapes the characters that matter in HTML, XML and SVG text and quoted attribute
/// values; control characters other than tab and newlines (invalid there) become spaces.
pub fn escape_html(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len() + 8);
    // Runs of bytes that need nothing are copied whole; this is on every page's hot path.
    let mut run_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let (replacement, width): (&str, usize) = match bytes[i] {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' => ("&quot;", 1),
            b'\'' => ("&#39;", 1),
            b'\t' | b'\n' | b'\r' => {
                i += 1;
                continue;
            }
            0..=0x1f | 0x7f => (" ", 1),
            // U+0080 to U+009F, the C1 controls, are 0xC2 0x80..=0x9F in UTF-8.
            0xc2 if bytes.get(i + 1).is_some_and(|b| (0x80..=0x9f).contains(b)) => (" ", 2),
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&text[run_start..i]);
        out.push_str(replacement);
        i += width;
        run_start = i;
    }
    out.push_str(&text[run_start..]);
    out
}

#[cfg(test)]
mod tests {
    use super::escape_html;
    use proptest::prelude::*;

    /// The plain definition the fast escaper must agree with.
    fn escape_by_char(text: &str) -> String {
        text.chars()
            .map(|c| match c {
                '&' => "&amp;".to_string(),
                '<' => "&lt;".to_string(),
                '>' => "&gt;".to_string(),
                '"' => "&quot;".to_string(),
                '\'' => "&#39;".to_string(),
                '\t' | '\n' | '\r' => c.to_string(),
                c if c.is_control() => " ".to_string(),
                c => c.to_string(),
            })
            .collect()
    }

    #[test]
    fn escapes_markup_and_blanks_control_characters() {
        assert_eq!(
            escape_html("<a href=\"x\">O2 & 'Ericsson'</a>"),
            "&lt;a href=&quot;x&quot;&gt;O2 &amp; &#39;Ericsson&#39;&lt;/a&gt;"
        );
        assert_eq!(escape_html("bell\u{7}\u{85}é\tok\n"), "bell  é\tok\n");
    }

    proptest! {
        #[test]
        fn agrees_with_the_character_definition(text in "\\PC*|[\\x00-\\x{a0}<>&\"'é€😀]*") {
            prop_assert_eq!(escape_html(&text), escape_by_char(&text));
        }
    }
}
