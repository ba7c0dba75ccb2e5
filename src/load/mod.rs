//! Loading: finds incident files, reads them and deserialises them into the model.
//!
//! Problems found here (unreadable files, YAML syntax, types, unknown keys) come
//! back as diagnostics with positions; nothing here stops at the first bad file.

mod guard;
mod messages;
pub mod positions;
mod recover;
mod syntax;
mod yaml;

use crate::diagnostic::{did_you_mean, Code, Diagnostic, Position};
use crate::model::{self, Incident, IncidentFile};
use positions::{Segment, SpanMap, Target, YamlPath};
use recover::describe_parent;
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

/// The incident file of id `id` in the folder that holds `beside` (as `<id>.yaml`, `<id>.yml`
/// or `<id>/incident.yaml`), without walking the folder.
pub fn sibling(beside: &IncidentFile, id: &str) -> Option<IncidentFile> {
    let folder = match &beside.asset_dir {
        Some(dir) => dir.parent()?,
        None => beside.path.parent()?,
    };
    let files = [format!("{id}.yaml"), format!("{id}.yml")];
    let file = files
        .iter()
        .map(|name| folder.join(name))
        .find(|p| p.is_file());
    let found = file.or_else(|| folder_incident(&folder.join(id)))?;
    Some(incident_file(&found))
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
            let ignored: Vec<(YamlPath, YamlPath)> = ignored
                .into_iter()
                .map(|path| (path.clone(), path))
                .collect();
            loaded.diagnostics = unknown_key_diagnostics(&loaded, &ignored);
            loaded.incident = Some(incident);
        }
        Err(error) => load_with_repairs(&mut loaded, error),
    }
    loaded
}

/// After serde's first error: every problem of the file, and the incident of a repaired copy.
///
/// Runs only for files with an error, so valid files never pay for the second parse.
fn load_with_repairs(loaded: &mut LoadedFile, first: yaml::YamlError) {
    let mut diagnostics = repaired(loaded);
    // Whatever recovery could not explain, serde's first error still does.
    if loaded.incident.is_none() && !diagnostics.iter().any(Diagnostic::is_error) {
        diagnostics.push(messages::yaml_diagnostic(loaded, first));
    }
    diagnostics.sort_by_key(Diagnostic::sort_key);
    loaded.diagnostics = diagnostics;
}

/// The problems recovery finds, setting the repaired incident when there is one.
fn repaired(loaded: &mut LoadedFile) -> Vec<Diagnostic> {
    let spans = SpanMap::new(&loaded.text);
    let Some((working, mut diagnostics)) = without_repeated_keys(loaded, &spans) else {
        return repeated_key_diagnostics(loaded, &spans);
    };
    let value = match yaml::parse_value(&working) {
        Ok(value) => value,
        // A syntax error that serde met only after a missing key: the syntax error is the cause.
        Err(error) if !error.message.contains("limit exceeded") => {
            diagnostics.push(syntax_diagnostic(loaded, error));
            return diagnostics;
        }
        Err(_) => return Vec::new(),
    };
    if let Some(recovered) = recover::recover(value, working.len()) {
        let unknown = unknown_key_diagnostics(loaded, &recovered.ignored);
        for problem in recovered.problems {
            let position = spans.locate(&problem.path, problem.target);
            diagnostics.push(
                Diagnostic::new(problem.code, problem.message, &loaded.file.path)
                    .at(Some(position))
                    .with_hint(problem.hint),
            );
        }
        diagnostics.extend(unknown);
        loaded.incident = recovered.incident;
    }
    diagnostics
}

/// A syntax error, explained when it is a known slip and in the parser's words otherwise.
fn syntax_diagnostic(loaded: &LoadedFile, error: yaml::YamlError) -> Diagnostic {
    match syntax::diagnose(&loaded.text, &error.message, error.location) {
        Some(slip) => Diagnostic::new(Code::YamlSyntax, slip.message, &loaded.file.path)
            .at(Some(slip.position))
            .with_hint(slip.hint),
        None => messages::yaml_diagnostic(loaded, error),
    }
}

/// E0001 at each repeat of a key, naming the line of its first copy.
fn repeated_key_diagnostics(loaded: &LoadedFile, spans: &SpanMap<'_>) -> Vec<Diagnostic> {
    // Inside an extension block serde never looks, and a valid file may repeat a key there.
    spans
        .repeated_keys()
        .into_iter()
        .filter(|repeated| !is_extension(&repeated.path))
        .map(|repeated| {
            let key = repeated.path.last_key().unwrap_or_default();
            let parent = YamlPath(repeated.path.0[..repeated.path.0.len() - 1].to_vec());
            Diagnostic::new(
                Code::YamlSyntax,
                format!("key '{key}' appears twice in {}", describe_parent(&parent)),
                &loaded.file.path,
            )
            .at(Some(repeated.repeat))
            .with_hint(Some(format!(
                "the first is on line {}; keep one of them",
                repeated.first.line
            )))
        })
        .collect()
}

/// The text with each repeated key renamed to an extension key of the same length (so every
/// position stays put), and the diagnostics for the repeats; `None` when one cannot be renamed.
fn without_repeated_keys(
    loaded: &LoadedFile,
    spans: &SpanMap<'_>,
) -> Option<(String, Vec<Diagnostic>)> {
    let repeats = spans.repeated_keys();
    let mut text = loaded.text.clone();
    for (n, repeated) in repeats.iter().enumerate() {
        let key = repeated.path.last_key().unwrap_or_default();
        let range = repeated.repeat.offset..repeated.repeat.offset + repeated.repeat.len;
        if key.len() < 2 || text.get(range.clone()) != Some(key) {
            return None;
        }
        // Numbered so that two repeats in one mapping stay apart; a two-letter key has no room.
        let width = key.len() - 2;
        let number = if width == 0 {
            String::new()
        } else {
            format!("{n:0>width$}")
        };
        if number.len() > width {
            return None;
        }
        let renamed = format!("x-{number}");
        text.replace_range(range, &renamed);
    }
    Some((text, repeated_key_diagnostics(loaded, spans)))
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

/// E0004 for each key the model does not know: `ignored` holds each key's path in the
/// model's names (for hints) and as the file writes it (for its position).
fn unknown_key_diagnostics(
    loaded: &LoadedFile,
    ignored: &[(YamlPath, YamlPath)],
) -> Vec<Diagnostic> {
    let unknown: Vec<&(YamlPath, YamlPath)> = ignored
        .iter()
        .filter(|(path, _)| !is_extension(path))
        .collect();
    if unknown.is_empty() {
        return Vec::new();
    }
    let spans = SpanMap::new(&loaded.text);
    unknown
        .into_iter()
        .map(|(path, written)| {
            let key = path.last_key().unwrap_or_default();
            let hint = did_you_mean(key, known_keys(path).iter().copied())
                .or_else(|| belongs_elsewhere(path))
                .or_else(|| Some("extension keys must start with 'x-'".to_string()));
            let parent = YamlPath(written.0[..written.0.len().saturating_sub(1)].to_vec());
            Diagnostic::new(
                Code::UnknownKey,
                format!("unknown key '{key}' in {}", describe_parent(&parent)),
                &loaded.file.path,
            )
            .at(Some(spans.locate(written, Target::Key)))
            .with_hint(hint)
        })
        .collect()
}

fn is_extension(path: &YamlPath) -> bool {
    path.0
        .iter()
        .any(|segment| matches!(segment, Segment::Key(key) if key.starts_with("x-")))
}

/// The blocks of the format, as `belongs_elsewhere` names them.
const BLOCKS: &[(&str, &str)] = &[
    ("", "the incident"),
    ("impact", "impact"),
    ("parties", "parties"),
    ("events", "events"),
    ("causes", "causes"),
    ("vendor_actions", "vendor actions"),
    ("action_items", "action items"),
    ("lessons", "lessons"),
    ("links", "links"),
];

/// "causes have no 'addresses'; vendor actions and action items do", for a key the model
/// knows in other blocks than the one it was written in.
fn belongs_elsewhere(path: &YamlPath) -> Option<String> {
    let key = path.last_key()?;
    let keys: Vec<&str> = path
        .0
        .iter()
        .filter_map(|segment| match segment {
            Segment::Key(key) => Some(key.as_str()),
            Segment::Index(_) => None,
        })
        .collect();
    let parent = keys[..keys.len().saturating_sub(1)].join(".");
    let here = BLOCKS.iter().find(|(block, _)| *block == parent)?.1;
    let elsewhere: Vec<&str> = BLOCKS
        .iter()
        .filter(|(block, _)| *block != parent)
        .filter(|(block, _)| {
            let block_keys: Vec<&str> = block.split('.').filter(|k| !k.is_empty()).collect();
            model::fields_at::<Incident>(&block_keys).contains(&key)
        })
        .map(|(_, name)| *name)
        .collect();
    let (last, rest) = elsewhere.split_last()?;
    let places = match rest {
        [] => last.to_string(),
        _ => format!("{} and {last}", rest.join(", ")),
    };
    let verb = if here == "the incident" {
        "has"
    } else {
        "have"
    };
    let does = if rest.is_empty() && *last == "the incident" {
        "does"
    } else {
        "do"
    };
    Some(format!("{here} {verb} no '{key}'; {places} {does}"))
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
