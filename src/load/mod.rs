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

/// Reads and deserialises one file.
pub fn load_file(file: IncidentFile, limits: &Limits) -> LoadedFile {
    match read_bytes(&file.path, limits) {
        Ok(bytes) => load_bytes(file, bytes, limits),
        Err(diagnostic) => failed(file, String::new(), *diagnostic),
    }
}

/// A file that did not load: the one diagnostic and whatever text can be shown.
fn failed(file: IncidentFile, text: String, diagnostic: Diagnostic) -> LoadedFile {
    LoadedFile {
        file,
        text,
        incident: None,
        diagnostics: vec![diagnostic],
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
    failed(file, text, diagnostic)
}

/// A file that could not be read as text: the diagnostic, and whatever text can be shown.
struct ReadFailure {
    diagnostic: Diagnostic,
    text: String,
}

/// Loads a file's bytes as `load_file` would (for fuzzing and tests).
pub fn load_bytes(file: IncidentFile, bytes: Vec<u8>, limits: &Limits) -> LoadedFile {
    if let Some(diagnostic) = over_size_limit(&file.path, bytes.len() as u64, limits) {
        return failed(file, String::new(), *diagnostic);
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
        Err(failure) => failed(file, failure.text, failure.diagnostic),
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
    if let Some(diagnostic) = over_size_limit(path, size, limits) {
        return Err(diagnostic);
    }
    std::fs::read(path).map_err(|e| fail(Code::YamlSyntax, format!("cannot read the file: {e}")))
}

/// E0019 for `size` bytes over the limit; checked before reading and on bytes handed over.
fn over_size_limit(path: &Path, size: u64, limits: &Limits) -> Option<Box<Diagnostic>> {
    if size <= limits.max_file_bytes {
        return None;
    }
    let message = format!(
        "the file is {size} bytes, over the limit of {} (raise it with --max-file-size)",
        limits.max_file_bytes
    );
    Some(Box::new(Diagnostic::new(
        Code::LimitExceeded,
        message,
        path,
    )))
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

/// The keys allowed where `path` (an unknown key) was found, as the model's types say.
fn known_keys(path: &YamlPath) -> &'static [&'static str] {
    let keys: Vec<&str> = path
        .0
        .iter()
        .filter_map(|segment| match segment {
            Segment::Key(key) => Some(key.as_str()),
            Segment::Index(_) => None,
        })
        .collect();
    let parent = &keys[..keys.len().saturating_sub(1)];
    model::fields_at::<Incident>(parent)
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
///
/// The message is `path: what`; `what` is matched only at its start against the
/// texts serde's `de::Error` defaults and serde_yaml write, so a value quoted
/// inside a message cannot be taken for one of them. Names come from the model.
fn classify(text: &str, message: &str) -> (Code, String, Option<String>) {
    if text.trim().is_empty() {
        return (
            Code::YamlSyntax,
            "the file is empty".to_string(),
            Some("an incident needs at least title, status, severity, summary, impact, parties and events (try `rootline new`)".to_string()),
        );
    }
    let error = SerdeMessage::parse(message);
    let prefix = &message[..message.len() - error.what.len()];
    if let Some(field) = error.missing_field() {
        let message = format!("{prefix}missing required key '{field}'");
        return (Code::MissingKey, message, None);
    }
    if let Some((value, allowed)) = error.unknown_variant() {
        let hint = did_you_mean(value, allowed.iter().copied())
            .or_else(|| Some(format!("allowed: {}", allowed.join(", "))));
        let message = format!("{prefix}'{value}' is not an allowed value");
        return (Code::InvalidEnum, message, hint);
    }
    if error.what.starts_with("repetition limit exceeded") {
        return (
            Code::LimitExceeded,
            "aliases expand to far more data than the file holds (an alias bomb?)".to_string(),
            Some("write the values out instead of repeating aliases".to_string()),
        );
    }
    if error.what.starts_with("recursion limit exceeded") {
        return (
            Code::LimitExceeded,
            "collections are nested too deeply for the YAML reader".to_string(),
            None,
        );
    }
    if error.keys.is_empty() && error.what.ends_with("expected struct Incident") {
        return (
            Code::TypeMismatch,
            "an incident file must be a mapping of keys (title, status, ...)".to_string(),
            None,
        );
    }
    if error.what.starts_with("invalid type: ") || error.what.starts_with("invalid value: ") {
        return (Code::TypeMismatch, message.to_string(), None);
    }
    (Code::YamlSyntax, message.to_string(), None)
}

/// A serde_yaml message taken apart: the model keys of its path and what went wrong.
struct SerdeMessage<'a> {
    /// The keys of the path serde_yaml puts first (`events[2].kind`), indices left out.
    keys: Vec<&'a str>,
    /// The rest: serde's own text, e.g. "missing field `at`".
    what: &'a str,
}

impl<'a> SerdeMessage<'a> {
    /// Splits `events[2].kind: unknown variant ...`; a path never holds a space.
    fn parse(message: &'a str) -> Self {
        let word = message
            .split(char::is_whitespace)
            .next()
            .unwrap_or_default();
        let (path, what) = match (
            word.strip_suffix(':'),
            message[word.len()..].strip_prefix(' '),
        ) {
            (Some(path), Some(what)) if !path.is_empty() => (path, what),
            _ => ("", message),
        };
        let keys = path
            .split('.')
            .map(|segment| segment.split('[').next().unwrap_or_default())
            .filter(|key| !key.is_empty())
            .collect();
        SerdeMessage { keys, what }
    }

    /// The field of serde's "missing field `name`".
    fn missing_field(&self) -> Option<&'a str> {
        self.what.strip_prefix("missing field `")?.strip_suffix('`')
    }

    /// The value and the allowed names of serde's "unknown variant `value`, expected ...".
    ///
    /// The names are the model's enum at the path, and the value is what stands between
    /// the fixed start and serde's list of exactly those names, backticks and all.
    fn unknown_variant(&self) -> Option<(&'a str, Vec<&'a str>)> {
        let rest = self.what.strip_prefix("unknown variant `")?;
        let allowed = model::variants_at::<Incident>(&self.keys);
        if !allowed.is_empty() {
            let tail = format!("`, expected {}", one_of(allowed));
            if let Some(value) = rest.strip_suffix(tail.as_str()) {
                return Some((value, allowed.to_vec()));
            }
        }
        // A place the model walk does not reach: read the names off the message.
        let mut parts = rest.split('`');
        let value = parts.next().unwrap_or_default();
        Some((value, parts.skip(1).step_by(2).collect()))
    }
}

/// serde's wording of a list of expected names (`de::Error::unknown_variant`).
fn one_of(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|name| format!("`{name}`")).collect();
    match quoted.as_slice() {
        [] => "there are no variants".to_string(),
        [one] => one.clone(),
        [a, b] => format!("{a} or {b}"),
        _ => format!("one of {}", quoted.join(", ")),
    }
}
