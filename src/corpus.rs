//! The pipeline from paths to analysed incidents: load -> validate -> analyse -> lint.

use crate::analysis::{self, Analysis, CausalGraph};
use crate::check::{self, Findings, Validated};
use crate::diagnostic::{Code, Diagnostic, Position};
use crate::load::positions::{SpanMap, Target, YamlPath};
use crate::load::{self, IncidentFile, Limits, LoadError, LoadedFile};
use chrono::NaiveDate;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;

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
}

impl Options {
    /// Default limits, judged as of `as_of`.
    pub fn new(as_of: NaiveDate) -> Self {
        Options {
            as_of,
            limits: Limits::default(),
            chain_limit: 100,
            warning_positions: true,
        }
    }
}

/// One incident that passed every error rule, with its analysis.
#[derive(Debug, Clone)]
pub struct Analysed {
    /// The typed incident.
    pub validated: Validated,
    /// What was derived from it.
    pub analysis: Analysis,
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
    /// Finds, loads and checks every incident under `paths`.
    pub fn check(paths: &[PathBuf], options: &Options) -> Result<Corpus, LoadError> {
        let files = load::discover(paths)?;
        let neighbours = neighbour_ids(paths, &files);
        Ok(Self::check_files(files, &neighbours, options))
    }

    /// Loads and checks the given files; `neighbours` are further incident ids `related` may name.
    pub fn check_files(
        files: Vec<IncidentFile>,
        neighbours: &BTreeSet<String>,
        options: &Options,
    ) -> Corpus {
        let outcomes: Vec<FileOutcome> = files
            .into_par_iter()
            .map(|file| check_file(load::load_file(file, &options.limits), options))
            .collect();
        let mut corpus = Corpus::default();
        let mut texts: Vec<(PathBuf, String)> = Vec::new();
        for outcome in outcomes {
            if let Some(text) = outcome.text {
                texts.push((outcome.path.clone(), text));
            }
            corpus.diagnostics.extend(outcome.diagnostics);
            corpus.incidents.extend(outcome.analysed);
        }
        corpus.sources = texts.into_iter().collect();
        corpus.corpus_rules(neighbours);
        corpus
            .incidents
            .sort_by(|a, b| a.validated.id.cmp(&b.validated.id));
        corpus.diagnostics.sort_by_key(Diagnostic::sort_key);
        corpus
    }

    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// Rules across files; drops the incidents they fail and records their diagnostics.
    fn corpus_rules(&mut self, neighbours: &BTreeSet<String>) {
        let all: Vec<&Analysed> = self.incidents.iter().collect();
        let cross = cross_file_rules(&all, neighbours);
        let mut index = 0;
        self.incidents.retain(|_| {
            index += 1;
            !cross.dropped[index - 1]
        });
        for finding in cross.findings {
            let diagnostic = finding.place(&mut self.sources);
            self.diagnostics.push(diagnostic);
        }
    }
}

/// A finding of a rule across files, not yet placed in its file.
#[derive(Debug, Clone)]
pub(crate) struct CrossFinding {
    file: PathBuf,
    code: Code,
    path: YamlPath,
    message: String,
    hint: Option<String>,
}

impl CrossFinding {
    /// The diagnostic, placed in the file's text (kept in `sources`, read if missing).
    pub(crate) fn place(self, sources: &mut HashMap<PathBuf, String>) -> Diagnostic {
        let text = sources
            .entry(self.file.clone())
            .or_insert_with(|| std::fs::read_to_string(&self.file).unwrap_or_default());
        let position: Position = SpanMap::new(text).locate(&self.path, Target::Value);
        Diagnostic::new(self.code, self.message, self.file)
            .at(Some(position))
            .with_hint(self.hint)
    }
}

/// What the rules across files found.
pub(crate) struct CrossFile {
    /// The findings, in incident order.
    pub findings: Vec<CrossFinding>,
    /// `dropped[i]`: incident `i` failed a rule and stays off the site.
    pub dropped: Vec<bool>,
}

/// Rules across files: duplicate incident ids and `related` naming unknown incidents.
/// `incidents` are in file order; of two with one id, the later is the duplicate.
pub(crate) fn cross_file_rules(
    incidents: &[&Analysed],
    neighbours: &BTreeSet<String>,
) -> CrossFile {
    let mut by_id: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, analysed) in incidents.iter().enumerate() {
        by_id.entry(&analysed.validated.id).or_default().push(i);
    }
    let mut dropped = vec![false; incidents.len()];
    let mut findings = Vec::new();
    for (id, indexes) in by_id.iter().filter(|(_, v)| v.len() > 1) {
        let first = &incidents[indexes[0]].validated.file.path;
        for &i in &indexes[1..] {
            let validated = &incidents[i].validated;
            findings.push(CrossFinding {
                file: validated.file.path.clone(),
                code: Code::DuplicateIncident,
                path: if validated.incident.id.is_some() {
                    YamlPath::root().key("id")
                } else {
                    YamlPath::root()
                },
                message: format!("incident id '{id}' is also defined by {}", first.display()),
                hint: Some("each incident needs its own id; rename one file".to_string()),
            });
            dropped[i] = true;
        }
    }
    for (i, analysed) in incidents.iter().enumerate() {
        for (n, related) in analysed.validated.incident.related.iter().enumerate() {
            if !by_id.contains_key(related.as_str()) && !neighbours.contains(related) {
                findings.push(CrossFinding {
                    file: analysed.validated.file.path.clone(),
                    code: Code::UnknownRelated,
                    path: YamlPath::root().key("related").index(n),
                    message: format!("related incident '{related}' is not in the corpus"),
                    hint: crate::diagnostic::did_you_mean(related, by_id.keys().copied()),
                });
                if Code::UnknownRelated.level() == crate::diagnostic::Level::Error {
                    dropped[i] = true;
                }
            }
        }
    }
    CrossFile { findings, dropped }
}

/// One file's check.
pub(crate) struct FileOutcome {
    pub path: PathBuf,
    /// The file's text, kept only when a diagnostic points into it (for snippets).
    pub text: Option<String>,
    pub analysed: Option<Analysed>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Checks one in-memory file (the fuzz targets' entry point); `related` is not checked.
pub fn check_bytes(
    name: &str,
    bytes: Vec<u8>,
    options: &Options,
) -> (Option<Analysed>, Vec<Diagnostic>) {
    let stem = std::path::Path::new(name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let file = IncidentFile {
        path: PathBuf::from(name),
        stem,
        asset_dir: None,
    };
    let outcome = check_file(load::load_bytes(file, bytes, &options.limits), options);
    (outcome.analysed, outcome.diagnostics)
}

/// Validates, analyses and lints one loaded file.
pub(crate) fn check_file(loaded: LoadedFile, options: &Options) -> FileOutcome {
    let mut findings = Findings::default();
    let analysed = check::validate(&loaded, options.as_of, &options.limits, &mut findings)
        .and_then(|validated| {
            let graph = CausalGraph::build(&validated);
            if check::cycles(&validated, &graph, &mut findings) {
                return None;
            }
            let analysis = analysis::analyse(&validated, graph, options.chain_limit);
            check::warnings(&validated, &analysis, &mut findings);
            Some(Analysed {
                validated,
                analysis,
            })
        });
    let load_failed = loaded.diagnostics.iter().any(Diagnostic::is_error);
    let analysed = analysed.filter(|_| !load_failed);
    let mut diagnostics = loaded.diagnostics;
    if options.warning_positions || findings.has_errors() {
        diagnostics.extend(findings.into_diagnostics(&loaded.file.path, &loaded.text));
    } else {
        diagnostics.extend(findings.into_unplaced(&loaded.file.path));
    }
    // Let go of the text here, on the worker, unless a snippet will quote it:
    // held until every file is checked, 10,000 texts were 130 MB of peak memory.
    let quoted = diagnostics.iter().any(|d| d.position.is_some());
    FileOutcome {
        path: loaded.file.path,
        text: quoted.then_some(loaded.text),
        analysed,
        diagnostics,
    }
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
