//! What each command does, on top of the library stages. Errors here are reported once, by `main`.

use crate::check::output::{self, Format as CheckFormat};
use crate::cli::{
    CheckArgs, Command, DocFormat, ExportArgs, GraphArgs, GraphFormat, InputArgs, RenderArgs,
};
use crate::corpus::{Analysed, Corpus, Options};
use crate::load::{Limits, LoadError};
use crate::render::graph_text::{self, GraphView};
use crate::render::templates::{self, TemplateError, Templates};
use crate::render::{self as renderer, DocumentFormat};
use crate::view::export;
use crate::view::{incident_view, CorpusLinks, PageContext};
use chrono::NaiveDate;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Failures that stop a command before or after its diagnostics (exit code 2).
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Input could not be found or listed.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// Writing output failed.
    #[error("{path}: {source}")]
    Write {
        /// Where.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The command was used wrongly.
    #[error("{0}")]
    Usage(String),
    /// A template could not be loaded or rendered.
    #[error(transparent)]
    Template(#[from] TemplateError),
    /// Some other failure with its own message.
    #[error("{0}")]
    Other(String),
}

/// Runs one command and returns the process exit code.
pub fn run(command: Command) -> Result<ExitCode, AppError> {
    match command {
        Command::Check(args) => check(args),
        Command::Export(args) => export(args),
        Command::Graph(args) => graph(args),
        Command::Render(args) => render(args),
    }
}

/// The options the input flags describe.
pub fn options(input: &InputArgs) -> Options {
    Options {
        as_of: input.as_of.unwrap_or_else(default_as_of),
        limits: Limits {
            max_file_bytes: input.max_file_size,
            max_nodes: input.max_nodes,
            max_edges: input.max_edges,
        },
        chain_limit: input.max_chains,
    }
}

/// `SOURCE_DATE_EPOCH`'s day when set (reproducible builds), otherwise today (UTC).
pub fn default_as_of() -> NaiveDate {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| chrono::DateTime::from_timestamp(secs, 0))
        .map(|t| t.date_naive())
        .unwrap_or_else(|| chrono::Utc::now().date_naive())
}

fn use_color() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stderr().is_terminal()
}

/// Prints diagnostics to stderr (human) or stdout (json, github); true when the command must fail.
fn report(corpus: &Corpus, format: CheckFormat, deny_warnings: bool) -> bool {
    let text = output::render(&corpus.diagnostics, &corpus.sources, format, use_color());
    match format {
        CheckFormat::Human => eprint!("{text}"),
        _ => print!("{text}"),
    }
    corpus.has_errors() || (deny_warnings && !corpus.diagnostics.is_empty())
}

fn exit(failed: bool) -> ExitCode {
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn check(args: CheckArgs) -> Result<ExitCode, AppError> {
    let corpus = Corpus::check(&args.paths, &options(&args.input))?;
    Ok(exit(report(&corpus, args.format, args.deny_warnings)))
}

/// Loads and checks `paths`; on errors prints them (human, to stderr) and returns `None`.
fn checked(paths: &[PathBuf], input: &InputArgs) -> Result<Option<Corpus>, AppError> {
    let corpus = Corpus::check(paths, &options(input))?;
    if corpus.has_errors() {
        let errors: Vec<_> = corpus
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .cloned()
            .collect();
        let text = output::render(&errors, &corpus.sources, CheckFormat::Human, use_color());
        eprint!("{text}");
        return Ok(None);
    }
    Ok(Some(corpus))
}

/// The one incident of a single-file command.
fn single(corpus: &Corpus, file: &std::path::Path) -> Result<Analysed, AppError> {
    corpus
        .incidents
        .first()
        .cloned()
        .ok_or_else(|| AppError::Usage(format!("{}: no incident found", file.display())))
}

fn write_stdout(text: &str) -> Result<(), AppError> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|_| stdout.flush())
    {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        result => result.map_err(|source| AppError::Write {
            path: PathBuf::from("<stdout>"),
            source,
        }),
    }
}

fn export(args: ExportArgs) -> Result<ExitCode, AppError> {
    let Some(corpus) = checked(std::slice::from_ref(&args.path), &args.input)? else {
        return Ok(exit(true));
    };
    let text = if args.path.is_file() {
        export::to_json(&single(&corpus, &args.path)?)
    } else {
        let all: Vec<export::Export> = corpus.incidents.iter().map(export::Export::new).collect();
        let mut text =
            serde_json::to_string_pretty(&all).map_err(|e| AppError::Other(e.to_string()))?;
        text.push('\n');
        text
    };
    write_stdout(&text)?;
    Ok(ExitCode::SUCCESS)
}

fn graph(args: GraphArgs) -> Result<ExitCode, AppError> {
    let Some(corpus) = checked(std::slice::from_ref(&args.file), &args.input)? else {
        return Ok(exit(true));
    };
    let analysed = single(&corpus, &args.file)?;
    let view = GraphView::new(&analysed);
    let text = match args.format {
        GraphFormat::Dot => graph_text::to_dot(&view),
        GraphFormat::Mermaid => graph_text::to_mermaid(&view),
        GraphFormat::Json => graph_text::to_json(&view),
    };
    write_stdout(&text)?;
    Ok(ExitCode::SUCCESS)
}

/// Writes `text` to `path` atomically (a temporary file beside it, then a rename), or to stdout.
fn write_output(path: Option<&std::path::Path>, text: &str) -> Result<(), AppError> {
    let Some(path) = path else {
        return write_stdout(text);
    };
    let fail = |source| AppError::Write {
        path: path.to_path_buf(),
        source,
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let mut temp = tempfile::NamedTempFile::new_in(dir).map_err(fail)?;
    temp.write_all(text.as_bytes()).map_err(fail)?;
    temp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}

impl From<DocFormat> for DocumentFormat {
    fn from(format: DocFormat) -> Self {
        match format {
            DocFormat::Md => DocumentFormat::Markdown,
            DocFormat::Html => DocumentFormat::Html,
        }
    }
}

fn render(args: RenderArgs) -> Result<ExitCode, AppError> {
    let templates = Templates::load(templates::user_dir(args.templates.as_deref()).as_deref())?;
    let options = options(&args.input);
    let Some(corpus) = checked(std::slice::from_ref(&args.file), &args.input)? else {
        return Ok(exit(true));
    };
    let analysed = single(&corpus, &args.file)?;
    let links = CorpusLinks::new(std::slice::from_ref(&analysed));
    let view = incident_view(&analysed, &links, options.as_of);
    let page = PageContext::standalone(&options.as_of.to_string());
    let text = renderer::document(&templates, &view, &page, args.format.into())?;
    write_output(args.output.as_deref(), &text)?;
    Ok(ExitCode::SUCCESS)
}
