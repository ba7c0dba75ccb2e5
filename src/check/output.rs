//! Output formats for diagnostics: human (rustc-like), JSON and GitHub annotations.

use crate::diagnostic::{Diagnostic, Level};
use crate::text::count;
use annotate_snippets::{Level as SnippetLevel, Renderer, Snippet};
use serde::Serialize;
use std::collections::HashMap;
use std::path::PathBuf;

/// The `--format` of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// rustc-like messages with the source line and a caret.
    Human,
    /// A JSON array of `{severity, code, message, file, line, column, hint}`.
    Json,
    /// GitHub Actions workflow commands (`::error file=...`).
    Github,
}

/// What `check` prints for `files` incident files: the diagnostics in the chosen format and,
/// in human form, a last line saying how many incidents were checked and with what result.
pub fn render_checked(
    files: usize,
    diagnostics: &[Diagnostic],
    sources: &HashMap<PathBuf, String>,
    format: Format,
    color: bool,
) -> String {
    let mut out = render(diagnostics, sources, format, color);
    if format == Format::Human {
        out.push_str(&checked_summary(files, diagnostics));
    }
    out
}

/// The diagnostics alone in the chosen format, for a mistake outside the incidents
/// (rootline.toml) that no count of checked incidents describes.
pub fn render(
    diagnostics: &[Diagnostic],
    sources: &HashMap<PathBuf, String>,
    format: Format,
    color: bool,
) -> String {
    match format {
        Format::Human => human_diagnostics(diagnostics, sources, color),
        Format::Json => json(diagnostics),
        Format::Github => github(diagnostics),
    }
}

fn human_diagnostics(
    diagnostics: &[Diagnostic],
    sources: &HashMap<PathBuf, String>,
    color: bool,
) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    // An accepted warning is counted in the summary line, never shown.
    for diagnostic in diagnostics.iter().filter(|d| !d.accepted) {
        out.push_str(&human_one(diagnostic, sources, &renderer));
        out.push_str("\n\n");
    }
    out
}

fn human_one(d: &Diagnostic, sources: &HashMap<PathBuf, String>, renderer: &Renderer) -> String {
    let level = match d.level() {
        Level::Error => SnippetLevel::Error,
        Level::Warning => SnippetLevel::Warning,
    };
    let title = d.message.as_str();
    let code = d.code.code();
    let origin = match d.position {
        Some(p) => format!("{}:{}:{}", d.file.display(), p.line, p.column),
        None => d.file.display().to_string(),
    };
    let file_name = d.file.display().to_string();
    let hint = d.hint.as_deref().unwrap_or("");
    let name_note = d.code.explain_note();
    let line_text = d
        .position
        .and_then(|p| sources.get(&d.file).map(|text| line_at(text, p.offset)));
    let mut message = level.title(title).id(code);
    if let (Some((line, start)), Some(p)) = (line_text, d.position) {
        let from = floor_char_boundary(line, p.offset.saturating_sub(start));
        let to = ceil_char_boundary(line, from + p.len).max(from);
        let span = if from == to && !line.is_empty() {
            from.saturating_sub(1)..from
        } else {
            from..to
        };
        message = message.snippet(
            Snippet::source(line)
                .line_start(p.line)
                .origin(&file_name)
                .annotation(level.span(span)),
        );
    } else {
        message = message.footer(SnippetLevel::Note.title(&origin));
    }
    if !hint.is_empty() {
        message = message.footer(SnippetLevel::Help.title(hint));
    }
    message = message.footer(SnippetLevel::Note.title(&name_note));
    let rendered = renderer.render(message).to_string();
    rendered
}

fn floor_char_boundary(text: &str, index: usize) -> usize {
    let mut index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

fn ceil_char_boundary(text: &str, index: usize) -> usize {
    let mut index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index += 1;
    }
    index
}

/// The line containing `offset`, and the byte offset where it starts.
fn line_at(text: &str, offset: usize) -> (&str, usize) {
    let offset = floor_char_boundary(text, offset);
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    (text[start..end].trim_end_matches('\r'), start)
}

/// Only the errors of `files` incident files, in human form, then what was checked:
/// what `build`, `render` and `serve` show when they refuse (`checked 12 incidents: 2 errors`).
pub fn errors_only(
    files: usize,
    diagnostics: &[Diagnostic],
    sources: &HashMap<PathBuf, String>,
    color: bool,
) -> String {
    let errors: Vec<Diagnostic> = diagnostics
        .iter()
        .filter(|d| d.is_error())
        .cloned()
        .collect();
    let mut out = human_diagnostics(&errors, sources, color);
    out.push_str(&format!(
        "checked {}: {}\n",
        count(files, "incident"),
        count(errors.len(), "error")
    ));
    out
}

/// `checked 12 incidents: ok`, `checked 1 incident: ok, 1 warning`,
/// `checked 3 incidents: failed, 2 errors, 1 warning` or
/// `checked 1 incident: ok, 1 warning accepted`.
pub fn checked_summary(files: usize, diagnostics: &[Diagnostic]) -> String {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let accepted = diagnostics.iter().filter(|d| d.accepted).count();
    let warnings = diagnostics.len() - errors - accepted;
    let mut result = match (errors, warnings) {
        (0, 0) => "ok".to_string(),
        (0, w) => format!("ok, {}", count(w, "warning")),
        (e, 0) => format!("failed, {}", count(e, "error")),
        (e, w) => format!("failed, {}, {}", count(e, "error"), count(w, "warning")),
    };
    if accepted > 0 {
        result.push_str(&format!(", {} accepted", count(accepted, "warning")));
    }
    format!("checked {}: {result}\n", count(files, "incident"))
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    severity: Level,
    code: &'a str,
    name: &'a str,
    message: &'a str,
    file: String,
    line: Option<usize>,
    column: Option<usize>,
    hint: Option<&'a str>,
    /// Only written for a warning the incident accepts, so other entries keep their shape.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    accepted: bool,
}

fn json(diagnostics: &[Diagnostic]) -> String {
    let items: Vec<JsonDiagnostic> = diagnostics
        .iter()
        .map(|d| JsonDiagnostic {
            severity: d.level(),
            code: d.code.code(),
            name: d.code.name(),
            message: &d.message,
            file: d.file.display().to_string(),
            line: d.position.map(|p| p.line),
            column: d.position.map(|p| p.column),
            hint: d.hint.as_deref(),
            accepted: d.accepted,
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".to_string());
    text.push('\n');
    text
}

/// Escapes data for a workflow command (`%`, CR and LF; also `:` and `,` in properties).
fn escape_github(text: &str, property: bool) -> String {
    let mut out = text
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    if property {
        out = out.replace(':', "%3A").replace(',', "%2C");
    }
    out
}

fn github(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics.iter().filter(|d| !d.accepted) {
        let command = match d.level() {
            Level::Error => "error",
            Level::Warning => "warning",
        };
        let mut properties = format!(
            "file={}",
            escape_github(&d.file.display().to_string(), true)
        );
        if let Some(p) = d.position {
            properties.push_str(&format!(",line={},col={}", p.line, p.column));
        }
        let title = format!("{} {}", d.code.code(), d.code.name());
        properties.push_str(&format!(",title={}", escape_github(&title, true)));
        let mut message = d.message.clone();
        if let Some(hint) = &d.hint {
            message.push_str(&format!("\nhelp: {hint}"));
        }
        out.push_str(&format!(
            "::{command} {properties}::{}\n",
            escape_github(&message, false)
        ));
    }
    out
}
