//! The one pipeline driver: load -> validate -> analyse -> lint, per file, then
//! the rules across files. `check` and `build` open a [`Workspace`] once and take
//! its [`Corpus`]; `serve` keeps it and refreshes it after a change, when only the
//! files that changed on disk are read and checked again.

use crate::analysis::{self, Analysed, CausalGraph};
use crate::check::{self, cross_file_rules, Findings};
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::load::{self, Limits, LoadError, LoadedFile};
use crate::model::IncidentFile;
use chrono::NaiveDate;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

/// Settings for checking a corpus.
#[derive(Debug, Clone)]
pub struct Options {
    /// The day overdue action items are judged against.
    pub as_of: NaiveDate,
    /// Size limits.
    pub limits: Limits,
    /// Most root-cause chains listed per incident.
    pub chain_limit: usize,
    /// Whether warnings get source positions (a second, span-aware parse of the file).
    /// `build` only counts warnings, so it skips this; errors always get positions.
    pub warning_positions: bool,
    /// `rootline.toml`: the scale, the vocabularies, and which warnings are off or errors.
    pub config: Arc<Config>,
}

impl Options {
    /// Default limits, judged as of `as_of`.
    pub fn new(as_of: NaiveDate) -> Self {
        Options {
            as_of,
            limits: Limits::default(),
            chain_limit: 100,
            warning_positions: true,
            config: Arc::default(),
        }
    }
}

/// A checked corpus: the incidents that passed and every diagnostic, sorted.
#[derive(Debug, Default)]
pub struct Corpus {
    /// Analysed incidents, sorted by id.
    pub incidents: Vec<Analysed>,
    /// All diagnostics, sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
    /// Texts of files that have diagnostics, for snippets.
    pub sources: HashMap<PathBuf, String>,
}

impl Corpus {
    /// Finds, loads and checks every incident under `paths`, once.
    pub fn check(paths: &[PathBuf], options: &Options) -> Result<Corpus, LoadError> {
        Ok(Workspace::open(paths.to_vec(), options.clone())?.into_corpus())
    }

    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Size and modification time: a file whose stamp is unchanged is not read again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
}

impl Stamp {
    fn of(path: &Path) -> Option<Stamp> {
        let meta = std::fs::metadata(path).ok()?;
        Some(Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
        })
    }
}

/// One file's last check.
struct Checked {
    stamp: Option<Stamp>,
    analysed: Option<Arc<Analysed>>,
    diagnostics: Vec<Diagnostic>,
    /// The text, kept only when a diagnostic points into it.
    text: Option<String>,
}

/// What one refresh found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Refreshed {
    /// Files read and checked again (new or changed).
    pub checked: usize,
    /// Files that disappeared.
    pub removed: usize,
}

/// Incident files and folders, checked, and re-checked file by file.
pub struct Workspace {
    paths: Vec<PathBuf>,
    options: Options,
    files: BTreeMap<PathBuf, Checked>,
    /// Findings of the rules across files, placed.
    cross: Vec<Diagnostic>,
    /// Texts of files with such findings, for snippets.
    cross_sources: HashMap<PathBuf, String>,
    /// Files that failed a rule across files.
    dropped: BTreeSet<PathBuf>,
}

impl Workspace {
    /// Reads and checks every incident under `paths` (files or folders).
    pub fn open(paths: Vec<PathBuf>, options: Options) -> Result<Self, LoadError> {
        let mut workspace = Workspace {
            paths,
            options,
            files: BTreeMap::new(),
            cross: Vec::new(),
            cross_sources: HashMap::new(),
            dropped: BTreeSet::new(),
        };
        workspace.refresh()?;
        Ok(workspace)
    }

    /// Reads and checks again the files that are new or changed since the last call.
    pub fn refresh(&mut self) -> Result<Refreshed, LoadError> {
        let found = load::discover(&self.paths)?;
        let neighbours = neighbour_ids(&self.paths, &found);
        let present: BTreeSet<&PathBuf> = found.iter().map(|f| &f.path).collect();
        let before = self.files.len();
        self.files.retain(|path, _| present.contains(path));
        let removed = before - self.files.len();
        let changed: Vec<(IncidentFile, Option<Stamp>)> = found
            .into_iter()
            .map(|file| {
                let stamp = Stamp::of(&file.path);
                (file, stamp)
            })
            .filter(|(file, stamp)| {
                self.files
                    .get(&file.path)
                    .is_none_or(|known| known.stamp.is_none() || known.stamp != *stamp)
            })
            .collect();
        let checked = changed.len();
        let options = &self.options;
        let outcomes: Vec<(PathBuf, Checked)> = changed
            .into_par_iter()
            .map(|(file, stamp)| check_file(load::load_file(file, &options.limits), options, stamp))
            .collect();
        self.files.extend(outcomes);
        if checked > 0 || removed > 0 {
            self.run_cross_file_rules(&neighbours);
        }
        Ok(Refreshed { checked, removed })
    }

    fn run_cross_file_rules(&mut self, neighbours: &BTreeSet<String>) {
        let validated: Vec<&crate::model::Validated> = self
            .files
            .values()
            .filter_map(|c| c.analysed.as_deref())
            .map(|a| &a.validated)
            .collect();
        let cross = cross_file_rules(&validated, neighbours);
        self.dropped = validated
            .iter()
            .zip(&cross.dropped)
            .filter(|(_, &dropped)| dropped)
            .map(|(v, _)| v.file.path.clone())
            .collect();
        // Only the texts the findings point into: every checked file with a
        // warning keeps its text, and copying them all cost 130 MB at 10,000.
        let mut sources: HashMap<PathBuf, String> = HashMap::new();
        for finding in &cross.findings {
            let file = finding.file();
            let kept = self.files.get(file).and_then(|c| c.text.as_ref());
            if let (false, Some(text)) = (sources.contains_key(file), kept) {
                sources.insert(file.clone(), text.clone());
            }
        }
        self.cross = cross
            .findings
            .into_iter()
            .map(|f| f.place(&mut sources))
            .collect();
        self.options.config.checks.apply(&mut self.cross);
        sources.retain(|path, _| self.files.get(path).is_none_or(|c| c.text.is_none()));
        self.cross_sources = sources;
    }

    /// Texts of the files diagnostics point into.
    fn sources(&self) -> HashMap<PathBuf, String> {
        let mut sources = self.cross_sources.clone();
        sources.extend(
            self.files
                .iter()
                .filter_map(|(path, c)| c.text.clone().map(|t| (path.clone(), t))),
        );
        sources
    }

    /// Every diagnostic, sorted by file and position.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let mut all: Vec<Diagnostic> = self
            .files
            .values()
            .flat_map(|c| c.diagnostics.iter().cloned())
            .chain(self.cross.iter().cloned())
            .collect();
        all.sort_by_key(Diagnostic::sort_key);
        all
    }

    /// Whether any file has an error.
    pub fn has_errors(&self) -> bool {
        self.cross.iter().any(Diagnostic::is_error)
            || self
                .files
                .values()
                .any(|c| c.diagnostics.iter().any(Diagnostic::is_error))
    }

    /// The errors, rendered as `rootline check` prints them (without colour).
    pub fn error_report(&self) -> String {
        check::output::errors_only(
            self.files.len(),
            &self.diagnostics(),
            &self.sources(),
            false,
        )
    }

    /// The incidents that passed every rule, in file order.
    pub fn incidents(&self) -> Vec<Arc<Analysed>> {
        self.files
            .iter()
            .filter(|(path, _)| !self.dropped.contains(*path))
            .filter_map(|(_, c)| c.analysed.clone())
            .collect()
    }

    /// The checked corpus, for a command that runs the pipeline once; moves, never copies.
    pub fn into_corpus(self) -> Corpus {
        let mut corpus = Corpus {
            incidents: Vec::with_capacity(self.files.len()),
            diagnostics: self.cross,
            sources: self.cross_sources,
        };
        for (path, checked) in self.files {
            corpus.diagnostics.extend(checked.diagnostics);
            if let Some(text) = checked.text {
                corpus.sources.insert(path.clone(), text);
            }
            if let Some(analysed) = checked.analysed.filter(|_| !self.dropped.contains(&path)) {
                // Nothing else holds the Arc yet, so this moves rather than copies.
                corpus.incidents.push(Arc::unwrap_or_clone(analysed));
            }
        }
        corpus.diagnostics.sort_by_key(Diagnostic::sort_key);
        corpus
            .incidents
            .sort_by(|a, b| a.validated.id.cmp(&b.validated.id));
        corpus
    }
}

/// Checks one in-memory file (the fuzz targets' entry point); `related` is not checked.
pub fn check_bytes(
    name: &str,
    bytes: Vec<u8>,
    options: &Options,
) -> (Option<Analysed>, Vec<Diagnostic>) {
    let stem = Path::new(name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let file = IncidentFile {
        path: PathBuf::from(name),
        stem,
        asset_dir: None,
    };
    let (_, checked) = check_file(
        load::load_bytes(file, bytes, &options.limits),
        options,
        None,
    );
    (
        checked.analysed.map(Arc::unwrap_or_clone),
        checked.diagnostics,
    )
}

/// Validates, analyses and lints one loaded file.
fn check_file(loaded: LoadedFile, options: &Options, stamp: Option<Stamp>) -> (PathBuf, Checked) {
    let mut findings = Findings::default();
    let analysed = check::validate_with(&loaded, &options.limits, &options.config, &mut findings)
        .and_then(|validated| {
            let graph = CausalGraph::build(&validated);
            if check::cycles(&validated, &graph, &mut findings) {
                return None;
            }
            let analysis = analysis::analyse(&validated, graph, options.chain_limit);
            check::warnings(&validated, &analysis, options.as_of, &mut findings);
            Some(Analysed {
                validated,
                analysis,
            })
        });
    let load_failed = loaded.diagnostics.iter().any(Diagnostic::is_error);
    let analysed = analysed.filter(|_| !load_failed);
    let mut diagnostics = loaded.diagnostics;
    // A warning rootline.toml makes an error is shown like one: with its position.
    let raised = findings.found.iter().any(|f| options.config.raises(f.code));
    if options.warning_positions || findings.has_errors() || raised {
        diagnostics.extend(findings.into_diagnostics(&loaded.file.path, &loaded.text));
    } else {
        diagnostics.extend(findings.into_unplaced(&loaded.file.path));
    }
    options.config.apply(&mut diagnostics);
    // Let go of the text here, on the worker, unless a snippet will quote it:
    // held until every file is checked, 10,000 texts were 130 MB of peak memory.
    let quoted = diagnostics.iter().any(|d| d.position.is_some());
    let checked = Checked {
        stamp,
        text: quoted.then_some(loaded.text),
        analysed: analysed.map(Arc::new),
        diagnostics,
    };
    (loaded.file.path, checked)
}

/// Ids of the incidents beside single files given on the command line, so that
/// `related` can name a sibling without loading it.
fn neighbour_ids(paths: &[PathBuf], files: &[IncidentFile]) -> BTreeSet<String> {
    let folders: BTreeSet<PathBuf> = files
        .iter()
        .filter(|f| paths.contains(&f.path))
        .filter_map(|f| match &f.asset_dir {
            Some(dir) => dir.parent().map(PathBuf::from),
            None => f.path.parent().map(PathBuf::from),
        })
        .map(|dir| {
            if dir.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                dir
            }
        })
        .collect();
    let folders: Vec<PathBuf> = folders.into_iter().collect();
    load::discover_shallow(&folders)
}
