//! Loading: finds incident files, reads them and deserialises them into the model.
//!
//! Problems found here (unreadable files, YAML syntax, types, unknown keys) come
//! back as diagnostics with positions; nothing here stops at the first bad file.

mod guard;
pub mod positions;
mod yaml;

use crate::diagnostic::{did_you_mean, Code, Diagnostic, Position};
use crate::model::{self, Incident, IncidentFile};
use positions::{Segment, SpanMap, Target, YamlPath};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// Limits on what one file may hold; flags raise them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest file read, in bytes.
    pub max_file_bytes: u64,
    /// Most events, causes and actions in one incident.
    pub max_nodes: usize,
    /// Most `caused_by` and `addresses` entries in one incident.
    pub max_edges: usize,
    /// Deepest nesting of YAML collections.
    pub max_depth: usize,
    /// Most YAML aliases (`*name`) in one file.
    pub max_aliases: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 16 * 1024 * 1024,
            max_nodes: 100_000,
            max_edges: 400_000,
            max_depth: 64,
            max_aliases: 1_000,
        }
    }
}

/// Failure to find input at all (as opposed to problems inside a file).
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// A path given on the command line does not exist.
    #[error("{0}: no such file or folder")]
    NotFound(PathBuf),
    /// A folder could not be listed.
    #[error("{path}: {source}")]
    Walk {
        /// The folder.
        path: PathBuf,
        /// Why.
        source: walkdir::Error,
    },
}

/// One file after loading: its text and, if it deserialised, the incident.
#[derive(Debug, Clone)]
pub struct LoadedFile {
    /// Where it came from.
    pub file: IncidentFile,
    /// The text, without a byte-order mark; empty when unreadable.
    pub text: String,
    /// The incident, when the file deserialised.
    pub incident: Option<Incident>,
    /// Problems found while loading.
    pub diagnostics: Vec<Diagnostic>,
}

/// Finds incident files under `paths`, in a stable (sorted) order.
pub fn discover(paths: &[PathBuf]) -> Result<Vec<IncidentFile>, LoadError> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_file() {
            files.push(incident_file(path));
        } else if path.is_dir() {
            discover_dir(path, &mut files)?;
        } else {
            return Err(LoadError::NotFound(path.clone()));
        }
    }
    files.sort();
    files.dedup();
    Ok(files)
}

/// The incident ids directly inside `folders` (files and incident folders), without reading them.
pub fn discover_shallow(folders: &[PathBuf]) -> std::collections::BTreeSet<String> {
    let mut ids = std::collections::BTreeSet::new();
    for folder in folders {
        let Ok(entries) = std::fs::read_dir(folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                if let Some(main) = folder_incident(&path) {
                    ids.insert(incident_file(&main).stem);
                }
            } else if is_yaml(&path) && !is_hidden(&path) {
                ids.insert(incident_file(&path).stem);
            }
        }
    }
    ids
}

fn discover_dir(root: &Path, files: &mut Vec<IncidentFile>) -> Result<(), LoadError> {
    let mut walker = walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .min_depth(1)
        .into_iter();
    while let Some(entry) = walker.next() {
        let entry = entry.map_err(|source| LoadError::Walk {
            path: root.to_path_buf(),
            source,
        })?;
        let path = entry.path();
        if entry.file_type().is_dir() {
            if let Some(main) = folder_incident(path) {
                files.push(incident_file(&main));
                walker.skip_current_dir();
            }
        } else if entry.file_type().is_file() && is_yaml(path) && !is_hidden(path) {
            files.push(incident_file(path));
        }
    }
    Ok(())
}

fn folder_incident(dir: &Path) -> Option<PathBuf> {
    ["incident.yaml", "incident.yml"]
        .iter()
        .map(|name| dir.join(name))
        .find(|candidate| candidate.is_file())
}

fn is_yaml(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml")
    )
}

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'))
}

fn incident_file(path: &Path) -> IncidentFile {
    let stem_of = |p: &Path| {
        p.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    let is_folder_main = path.file_stem().is_some_and(|stem| stem == "incident")
        && path.parent().and_then(Path::file_name).is_some();
    match (is_folder_main, path.parent()) {
        (true, Some(dir)) => IncidentFile {
            path: path.to_path_buf(),
            stem: dir
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            asset_dir: Some(dir.to_path_buf()),
        },
        _ => IncidentFile {
            path: path.to_path_buf(),
            stem: stem_of(path),
            asset_dir: None,
        },
    }
}

/// Loads every file, in parallel, keeping the input order.
pub fn load_all(files: Vec<IncidentFile>, limits: &Limits) -> Vec<LoadedFile> {
    files
        .into_par_iter()
        .map(|file| load_file(file, limits))
        .collect()
}

/// Reads and deserialises one file.
pub fn load_file(file: IncidentFile, limits: &Limits) -> LoadedFile {
    match read_bytes(&file.path, limits) {
        Ok(bytes) => load_bytes(file, bytes, limits),
        Err(diagnostic) => LoadedFile {
            file,
            text: String::new(),
            incident: None,
            diagnostics: vec![*diagnostic],
        },
    }
}

/// A file refused by a guard before parsing: E0019 at `offset`.
fn refused(
    file: IncidentFile,
    text: String,
    offset: usize,
    message: String,
    flag: &str,
) -> LoadedFile {
    let diagnostic = Diagnostic::new(Code::LimitExceeded, message, &file.path)
        .at(Some(Position::at_offset(&text, offset)))
        .with_hint(Some(format!(
            "raise the limit with {flag} if this is intended"
        )));
    LoadedFile {
        file,
        text,
        incident: None,
        diagnostics: vec![diagnostic],
    }
}

/// A file that could not be read as text: the diagnostic, and whatever text can be shown.
struct ReadFailure {
    diagnostic: Diagnostic,
    text: String,
}

/// Loads a file's bytes as `load_file` would (for fuzzing and tests).
pub fn load_bytes(file: IncidentFile, bytes: Vec<u8>, limits: &Limits) -> LoadedFile {
    if bytes.len() as u64 > limits.max_file_bytes {
        let message = format!(
            "the file is {} bytes, over the limit of {} (raise it with --max-file-size)",
            bytes.len(),
            limits.max_file_bytes
        );
        let diagnostic = Diagnostic::new(Code::LimitExceeded, message, &file.path);
        return LoadedFile {
            file,
            text: String::new(),
            incident: None,
            diagnostics: vec![diagnostic],
        };
    }
    match decode(&file.path, bytes) {
        Ok(text) => {
            if let Some(offset) = guard::too_deep(&text, limits.max_depth) {
                let message = format!(
                    "collections are nested more than {} levels deep",
                    limits.max_depth
                );
                return refused(file, text, offset, message, "--max-depth");
            }
            if let Some(offset) = guard::too_many_aliases(&text, limits.max_aliases) {
                let message = format!(
                    "the file repeats data through more than {} aliases",
                    limits.max_aliases
                );
                return refused(file, text, offset, message, "--max-aliases");
            }
            load_text(file, text)
        }
        Err(failure) => LoadedFile {
            file,
            text: failure.text,
            incident: None,
            diagnostics: vec![failure.diagnostic],
        },
    }
}

/// Deserialises text that was already read (used by `load_file` and by tests).
pub fn load_text(file: IncidentFile, text: String) -> LoadedFile {
    let mut loaded = LoadedFile {
        file,
        text,
        incident: None,
        diagnostics: Vec::new(),
    };
    match yaml::deserialize(&loaded.text) {
        Ok((incident, ignored)) => {
            loaded.diagnostics = unknown_key_diagnostics(&loaded, &ignored);
            loaded.incident = Some(incident);
        }
        Err(error) => loaded.diagnostics.push(yaml_diagnostic(&loaded, error)),
    }
    loaded
}

/// Reads a file, refusing one over the size limit before reading it.
fn read_bytes(path: &Path, limits: &Limits) -> Result<Vec<u8>, Box<Diagnostic>> {
    let fail = |code, message: String| Box::new(Diagnostic::new(code, message, path));
    let size = std::fs::metadata(path)
        .map_err(|e| fail(Code::YamlSyntax, format!("cannot read the file: {e}")))?
        .len();
    if size > limits.max_file_bytes {
        return Err(fail(
            Code::LimitExceeded,
            format!(
                "the file is {size} bytes, over the limit of {} (raise it with --max-file-size)",
                limits.max_file_bytes
            ),
        ));
    }
    std::fs::read(path).map_err(|e| fail(Code::YamlSyntax, format!("cannot read the file: {e}")))
}

/// Bytes to text: UTF-8 required, a byte-order mark dropped.
fn decode(path: &Path, bytes: Vec<u8>) -> Result<String, Box<ReadFailure>> {
    let mut text = String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        // The bytes before the first invalid one are valid UTF-8, as many as `offset`.
        let valid = String::from_utf8_lossy(&e.as_bytes()[..offset]);
        let position = Position::at_offset(&valid, offset);
        let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
        Box::new(ReadFailure {
            diagnostic: Diagnostic::new(
                Code::YamlSyntax,
                format!("the file is not UTF-8 (invalid byte at offset {offset})"),
                path,
            )
            .at(Some(position))
            .with_hint(Some("save the file as UTF-8".to_string())),
            text: lossy,
        })
    })?;
    if text.starts_with('\u{feff}') {
        text.drain(..3);
    }
    Ok(text)
}

fn unknown_key_diagnostics(loaded: &LoadedFile, ignored: &[YamlPath]) -> Vec<Diagnostic> {
    let unknown: Vec<&YamlPath> = ignored.iter().filter(|path| !is_extension(path)).collect();
    if unknown.is_empty() {
        return Vec::new();
    }
    let spans = SpanMap::new(&loaded.text);
    unknown
        .into_iter()
        .map(|path| {
            let key = match path.0.last() {
                Some(Segment::Key(key)) => key.as_str(),
                _ => "",
            };
            let hint = did_you_mean(key, known_keys(path).iter().copied())
                .or_else(|| Some("extension keys must start with 'x-'".to_string()));
            Diagnostic::new(
                Code::UnknownKey,
                format!("unknown key '{key}' in {}", describe_parent(path)),
                &loaded.file.path,
            )
            .at(Some(spans.locate(path, Target::Key)))
            .with_hint(hint)
        })
        .collect()
}

fn is_extension(path: &YamlPath) -> bool {
    path.0
        .iter()
        .any(|segment| matches!(segment, Segment::Key(key) if key.starts_with("x-")))
}

fn describe_parent(path: &YamlPath) -> String {
    let parent = YamlPath(path.0[..path.0.len().saturating_sub(1)].to_vec());
    if parent.0.is_empty() {
        "the incident".to_string()
    } else {
        format!("'{parent}'")
    }
}

/// The keys allowed where `path` (an unknown key) was found.
fn known_keys(path: &YamlPath) -> &'static [&'static str] {
    let names: Vec<&str> = path
        .0
        .iter()
        .filter_map(|segment| match segment {
            Segment::Key(key) => Some(key.as_str()),
            Segment::Index(_) => None,
        })
        .collect();
    let parent = names.len().checked_sub(2).and_then(|i| names.get(i));
    match parent.copied() {
        None => model::struct_fields::<model::Incident>(),
        Some("impact") => model::struct_fields::<model::Impact>(),
        Some("parties") => model::struct_fields::<model::Party>(),
        Some("events") => model::struct_fields::<model::Event>(),
        Some("causes") => model::struct_fields::<model::Cause>(),
        Some("vendor_actions") => model::struct_fields::<model::VendorAction>(),
        Some("action_items") => model::struct_fields::<model::ActionItem>(),
        Some("lessons") => model::struct_fields::<model::Lessons>(),
        Some("links") => model::struct_fields::<model::Link>(),
        Some(_) => &[],
    }
}

fn yaml_diagnostic(loaded: &LoadedFile, error: yaml::YamlError) -> Diagnostic {
    let (code, message, hint) = classify(&loaded.text, &error.message);
    let position = error.location.map(|(line, column)| {
        let offset = line_column_offset(&loaded.text, line, column);
        let len = loaded.text[offset..]
            .find(['\n', ',', ']', '}'])
            .unwrap_or(loaded.text.len() - offset)
            .max(1);
        Position {
            line,
            column,
            offset,
            len,
        }
    });
    Diagnostic::new(code, message, &loaded.file.path)
        .at(position.or(Some(Position::at_offset(&loaded.text, 0))))
        .with_hint(hint)
}

fn line_column_offset(text: &str, line: usize, column: usize) -> usize {
    let line_start = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>()
        .min(text.len());
    text[line_start..]
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(text.len(), |(i, _)| line_start + i)
}

/// Turns a serde_yaml message into a code, a message for people and a hint.
fn classify(text: &str, message: &str) -> (Code, String, Option<String>) {
    if text.trim().is_empty() {
        return (
            Code::YamlSyntax,
            "the file is empty".to_string(),
            Some("an incident needs at least title, status, severity, summary, impact, parties and events (try `rootline new`)".to_string()),
        );
    }
    if let Some(rest) = after(message, "missing field `") {
        let field = rest.split('`').next().unwrap_or_default();
        return (
            Code::MissingKey,
            format!("{}missing required key '{field}'", path_prefix(message)),
            None,
        );
    }
    if let Some(rest) = after(message, "unknown variant `") {
        let value = rest.split('`').next().unwrap_or_default();
        let allowed: Vec<&str> = rest.split('`').skip(2).step_by(2).collect();
        let hint = did_you_mean(value, allowed.iter().copied())
            .or_else(|| Some(format!("allowed: {}", allowed.join(", "))));
        return (
            Code::InvalidEnum,
            format!("{}'{value}' is not an allowed value", path_prefix(message)),
            hint,
        );
    }
    if message.contains("repetition limit exceeded") {
        return (
            Code::LimitExceeded,
            "aliases expand to far more data than the file holds (an alias bomb?)".to_string(),
            Some("write the values out instead of repeating aliases".to_string()),
        );
    }
    if message.contains("recursion limit exceeded") {
        return (
            Code::LimitExceeded,
            "collections are nested too deeply for the YAML reader".to_string(),
            None,
        );
    }
    if message.contains("expected struct Incident") {
        return (
            Code::TypeMismatch,
            "an incident file must be a mapping of keys (title, status, ...)".to_string(),
            None,
        );
    }
    if message.contains("invalid type") || message.contains("invalid value") {
        return (Code::TypeMismatch, message.to_string(), None);
    }
    (Code::YamlSyntax, message.to_string(), None)
}

fn after<'a>(message: &'a str, needle: &str) -> Option<&'a str> {
    message.find(needle).map(|i| &message[i + needle.len()..])
}

fn path_prefix(message: &str) -> &str {
    match message.find(": ") {
        Some(i) if !message[..i].contains(' ') => &message[..i + 2],
        _ => "",
    }
}
