//! A corpus kept in memory for `serve`: after a change, only the files that
//! changed on disk are read and checked again; the rules across files (ids,
//! `related`) run over the whole corpus, which is cheap once it is parsed.

use crate::check::output;
use crate::corpus::{check_file, cross_file_rules, Analysed, Options};
use crate::diagnostic::Diagnostic;
use crate::load::{self, LoadError};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

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

/// A folder of incidents, checked, and re-checked file by file.
pub struct Workspace {
    root: PathBuf,
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
    /// Reads and checks every incident under `root`.
    pub fn open(root: PathBuf, options: Options) -> Result<Self, LoadError> {
        let mut workspace = Workspace {
            root,
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
        let found = load::discover(std::slice::from_ref(&self.root))?;
        let present: BTreeSet<&PathBuf> = found.iter().map(|f| &f.path).collect();
        let before = self.files.len();
        self.files.retain(|path, _| present.contains(path));
        let removed = before - self.files.len();
        let changed: Vec<(load::IncidentFile, Option<Stamp>)> = found
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
        let limits = &self.options.limits;
        let options = &self.options;
        let outcomes: Vec<(PathBuf, Checked)> = changed
            .into_par_iter()
            .map(|(file, stamp)| {
                let outcome = check_file(load::load_file(file, limits), options);
                let checked = Checked {
                    stamp,
                    text: outcome.text,
                    analysed: outcome.analysed.map(Arc::new),
                    diagnostics: outcome.diagnostics,
                };
                (outcome.path, checked)
            })
            .collect();
        self.files.extend(outcomes);
        if checked > 0 || removed > 0 {
            self.run_cross_file_rules();
        }
        Ok(Refreshed { checked, removed })
    }

    fn run_cross_file_rules(&mut self) {
        let analysed: Vec<&Analysed> = self
            .files
            .values()
            .filter_map(|c| c.analysed.as_deref())
            .collect();
        let cross = cross_file_rules(&analysed, &BTreeSet::new());
        self.dropped = analysed
            .iter()
            .zip(&cross.dropped)
            .filter(|(_, &dropped)| dropped)
            .map(|(a, _)| a.validated.file.path.clone())
            .collect();
        let mut sources = HashMap::new();
        self.cross = cross
            .findings
            .into_iter()
            .map(|f| f.place(&mut sources))
            .collect();
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
        output::errors_only(&self.diagnostics(), &self.sources(), false)
    }

    /// The incidents that passed every rule, in file order.
    pub fn incidents(&self) -> Vec<Arc<Analysed>> {
        self.files
            .iter()
            .filter(|(path, _)| !self.dropped.contains(*path))
            .filter_map(|(_, c)| c.analysed.clone())
            .collect()
    }
}
