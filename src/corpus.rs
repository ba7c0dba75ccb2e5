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
            .map(|file| check_one(load::load_file(file, &options.limits), options))
            .collect();
        let mut corpus = Corpus::default();
        let mut texts: Vec<(PathBuf, String)> = Vec::new();
        for outcome in outcomes {
            // Snippets need the text only where something has a position to show.
            if outcome.diagnostics.iter().any(|d| d.position.is_some()) {
                texts.push((outcome.path.clone(), outcome.text));
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

    /// Rules across files: duplicate incident ids and `related` naming unknown incidents.
    fn corpus_rules(&mut self, neighbours: &BTreeSet<String>) {
        let mut by_id: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, analysed) in self.incidents.iter().enumerate() {
            by_id
                .entry(analysed.validated.id.clone())
                .or_default()
                .push(i);
        }
        let mut drop = vec![false; self.incidents.len()];
        let mut found = Vec::new();
        for (id, indexes) in by_id.iter().filter(|(_, v)| v.len() > 1) {
            let first = &self.incidents[indexes[0]].validated.file.path;
            for &i in &indexes[1..] {
                let file = &self.incidents[i].validated.file;
                let path = if self.incidents[i].validated.incident.id.is_some() {
                    YamlPath::root().key("id")
                } else {
                    YamlPath::root()
                };
                found.push((
                    file.path.clone(),
                    Code::DuplicateIncident,
                    path,
                    format!("incident id '{id}' is also defined by {}", first.display()),
                    Some("each incident needs its own id; rename one file".to_string()),
                ));
                drop[i] = true;
            }
        }
        for analysed in &self.incidents {
            for (n, related) in analysed.validated.incident.related.iter().enumerate() {
                if !by_id.contains_key(related) && !neighbours.contains(related) {
                    let hint =
                        crate::diagnostic::did_you_mean(related, by_id.keys().map(String::as_str));
                    found.push((
                        analysed.validated.file.path.clone(),
                        Code::UnknownRelated,
                        YamlPath::root().key("related").index(n),
                        format!("related incident '{related}' is not in the corpus"),
                        hint,
                    ));
                }
            }
        }
        let failing: Vec<PathBuf> = found
            .iter()
            .filter(|f| f.1.level() == crate::diagnostic::Level::Error)
            .map(|f| f.0.clone())
            .collect();
        let mut index = 0;
        self.incidents.retain(|a| {
            index += 1;
            !drop[index - 1] && !failing.contains(&a.validated.file.path)
        });
        for (file, code, path, message, hint) in found {
            let text = match self.sources.get(&file) {
                Some(text) => text.clone(),
                None => std::fs::read_to_string(&file).unwrap_or_default(),
            };
            let position: Position = SpanMap::new(&text).locate(&path, Target::Value);
            self.sources.insert(file.clone(), text);
            self.diagnostics.push(
                Diagnostic::new(code, message, file)
                    .at(Some(position))
                    .with_hint(hint),
            );
        }
    }
}

struct FileOutcome {
    path: PathBuf,
    text: String,
    analysed: Option<Analysed>,
    diagnostics: Vec<Diagnostic>,
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
    let outcome = check_one(load::load_bytes(file, bytes, &options.limits), options);
    (outcome.analysed, outcome.diagnostics)
}

fn check_one(loaded: LoadedFile, options: &Options) -> FileOutcome {
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
    FileOutcome {
        path: loaded.file.path,
        text: loaded.text,
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
