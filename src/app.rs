//! What each command does, on top of the library stages. Errors here are reported once, by `main`.

pub mod config;
pub mod schema;

use crate::analysis::Analysed;
use crate::check::output::{self, Format as CheckFormat};
use crate::cli::{
    BuildArgs, CheckArgs, Cli, Command, ExportArgs, GraphArgs, GraphFormat, InputArgs, RenderArgs,
    ReportArgs,
};
use crate::diagnostic::Diagnostic;
use crate::load::{self, Limits, LoadError};
use crate::render as renderer;
use crate::render::graph_text;
use crate::render::templates::{self, TemplateError, Templates};
use crate::site::{self, BuildOptions, SiteError};
use crate::view::export;
use crate::view::graph::GraphView;
use crate::view::report::Period;
use crate::view::{incident_view, CorpusLinks, PageContext};
use crate::workspace::{Corpus, Options};
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
    /// The site could not be built or written.
    #[error(transparent)]
    Site(#[from] SiteError),
    /// A new file could not be made.
    #[error(transparent)]
    Scaffold(#[from] crate::scaffold::ScaffoldError),
    /// `rootline.toml` is wrong.
    #[error(transparent)]
    Config(#[from] crate::config::ConfigError),
    /// Some other failure with its own message.
    #[error("{0}")]
    Other(String),
}

/// `--color`, set once per process before any output.
static COLOR: std::sync::OnceLock<clap::ColorChoice> = std::sync::OnceLock::new();

/// `--config FILE`, set once per process before any command reads the settings.
static CONFIG_FILE: std::sync::OnceLock<Option<PathBuf>> = std::sync::OnceLock::new();

/// Runs one command and returns the process exit code.
pub fn run(cli: Cli) -> Result<ExitCode, AppError> {
    let _ = COLOR.set(cli.color);
    let _ = CONFIG_FILE.set(cli.config.clone());
    match run_command(cli) {
        Err(AppError::Config(crate::config::ConfigError::Invalid { diagnostic, text })) => {
            // Shown like a mistake in an incident file: the line, a caret and the hint.
            show_settings_error(*diagnostic, text, CheckFormat::Human);
            Ok(ExitCode::from(2))
        }
        other => other,
    }
}

/// The settings: `--config FILE`, else the nearest rootline.toml, else none.
/// Paths in it (the logo) are made relative to the current folder, as the file means them.
pub fn settings() -> Result<crate::config::Config, AppError> {
    let given = CONFIG_FILE.get().cloned().flatten();
    let Some(path) = config::locate(given.as_deref()) else {
        return Ok(crate::config::Config::default());
    };
    let mut settings = config::load(&path)?;
    if let Some(logo) = &mut settings.site.logo {
        *logo = config::folder_of(&path).join(&*logo);
        if !logo.is_file() {
            return Err(AppError::Usage(format!(
                "[site] logo in rootline.toml: {} is not a file",
                logo.display()
            )));
        }
    }
    Ok(settings)
}

fn run_command(cli: Cli) -> Result<ExitCode, AppError> {
    match cli.command {
        Command::Check(args) => check(args),
        Command::Export(args) => export(args),
        Command::Graph(args) => graph(args),
        Command::Render(args) => render(args),
        Command::Build(args) => build(args),
        Command::Report(args) => report_command(args),
        Command::Serve(args) => {
            let options = crate::serve::ServeOptions {
                incidents: args.incidents.clone(),
                templates: args.templates.clone(),
                port: args.port,
                drafts: !args.no_drafts,
                page_size: args.page_size,
                feed_size: args.feed_size,
                // Only errors are shown in the preview; warnings need no positions.
                check: crate::workspace::Options {
                    warning_positions: false,
                    ..options(&args.input)?
                },
                color: use_color(),
            };
            crate::serve::serve(options, args.open).map_err(|e| AppError::Other(e.to_string()))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::New(args) => new(args),
        Command::Init(args) => init(args),
        Command::Completions(args) => {
            let mut command = <crate::cli::Cli as clap::CommandFactory>::command();
            let mut out = Vec::new();
            clap_complete::generate(args.shell, &mut command, "rootline", &mut out);
            write_stdout(&String::from_utf8_lossy(&out))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Import(command) => import_timeline(command),
        Command::Explain(args) => explain(&args.code),
        Command::Schema => {
            let schema = crate::model::json_schema_value();
            write_stdout(&schema::with_settings(schema, &settings()?))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Man => {
            let command = <crate::cli::Cli as clap::CommandFactory>::command();
            let mut out = Vec::new();
            clap_mangen::Man::new(command)
                .render(&mut out)
                .map_err(|e| AppError::Other(e.to_string()))?;
            write_stdout(&String::from_utf8_lossy(&out))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The options the input flags describe; the day is `--as-of`, else rootline.toml's pin, else the default.
pub fn options(input: &InputArgs) -> Result<Options, AppError> {
    let settings = settings()?;
    Ok(Options {
        as_of: input.as_of.or(settings.as_of).unwrap_or_else(default_as_of),
        limits: Limits {
            max_file_bytes: input.max_file_size,
            max_nodes: input.max_nodes,
            max_edges: input.max_edges,
            max_depth: input.max_depth,
            max_aliases: input.max_aliases,
        },
        chain_limit: input.max_chains,
        warning_positions: true,
        config: std::sync::Arc::new(settings),
    })
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
    match COLOR.get().copied().unwrap_or(clap::ColorChoice::Auto) {
        clap::ColorChoice::Always => true,
        clap::ColorChoice::Never => false,
        clap::ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stderr().is_terminal()
        }
    }
}

/// Prints diagnostics to stderr (human) or stdout (json, github); true when the command must fail.
fn print_diagnostics(
    corpus: &Corpus,
    files: usize,
    format: CheckFormat,
    deny_warnings: bool,
) -> bool {
    let text = output::render_checked(
        files,
        &corpus.diagnostics,
        &corpus.sources,
        format,
        use_color(),
    );
    match format {
        CheckFormat::Human => eprint!("{text}"),
        _ => print!("{text}"),
    }
    corpus.has_errors() || (deny_warnings && corpus.diagnostics.iter().any(|d| !d.accepted))
}

fn exit(failed: bool) -> ExitCode {
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn check(args: CheckArgs) -> Result<ExitCode, AppError> {
    let paths = match &args.changed_since {
        Some(revision) => changed_files(revision, &args.paths)?,
        None => args.paths.clone(),
    };
    if paths.is_empty() {
        eprintln!("ok: no incident file changed");
        return Ok(ExitCode::SUCCESS);
    }
    let options = match options(&args.input) {
        Err(AppError::Config(crate::config::ConfigError::Invalid { diagnostic, text })) => {
            show_settings_error(*diagnostic, text, args.format);
            return Ok(exit(true));
        }
        other => other?,
    };
    let corpus = Corpus::check(&paths, &options)?;
    let files = files_checked(&corpus);
    if files == 0 {
        // A green check of nothing would hide a wrong path; machine formats stay parseable.
        if args.format == CheckFormat::Json {
            println!("[]");
        }
        let looked_in: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        eprintln!(
            "error: no incident files in {} (incidents are *.yaml, *.yml or <id>/incident.yaml)",
            looked_in.join(", ")
        );
        return Ok(exit(true));
    }
    let failed = print_diagnostics(&corpus, files, args.format, args.deny_warnings);
    leave_to_exit(corpus);
    Ok(exit(failed))
}

/// A wrong rootline.toml, shown like any mistake in the chosen format (human on stderr).
fn show_settings_error(diagnostic: Diagnostic, text: String, format: CheckFormat) {
    let sources = std::collections::HashMap::from([(diagnostic.file.clone(), text)]);
    let shown = output::render(&[diagnostic], &sources, format, use_color());
    match format {
        CheckFormat::Human => eprint!("{shown}"),
        _ => print!("{shown}"),
    }
}

/// How many incident files were checked: those that passed and those with a diagnostic.
fn files_checked(corpus: &Corpus) -> usize {
    let passed = corpus.incidents.iter().map(|a| &a.validated.file.path);
    let reported = corpus.diagnostics.iter().map(|d| &d.file);
    passed
        .chain(reported)
        .collect::<std::collections::BTreeSet<_>>()
        .len()
}

/// Lets the process end take the corpus: freeing every parsed incident one by
/// one costs a noticeable part of a second at 10,000, and the OS takes the
/// memory at once. Only for commands that finish right after.
fn leave_to_exit(corpus: Corpus) {
    std::mem::forget(corpus);
}

/// Loads and checks `paths`; on errors prints them (human, to stderr) and returns `None`.
fn checked(paths: &[PathBuf], input: &InputArgs) -> Result<Option<Corpus>, AppError> {
    checked_with(paths, &options(input)?)
}

fn checked_with(paths: &[PathBuf], options: &Options) -> Result<Option<Corpus>, AppError> {
    let corpus = Corpus::check(paths, options)?;
    if corpus.has_errors() {
        print_errors(&corpus);
        return Ok(None);
    }
    Ok(Some(corpus))
}

/// The errors of `corpus` to stderr, as a command that refuses shows them.
fn print_errors(corpus: &Corpus) {
    let text = output::errors_only(
        files_checked(corpus),
        &corpus.diagnostics,
        &corpus.sources,
        use_color(),
    );
    eprint!("{text}");
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
    if !dir.is_dir() {
        return Err(AppError::Usage(format!(
            "cannot write {}: the folder {} does not exist",
            path.display(),
            dir.display()
        )));
    }
    let mut temp = tempfile::NamedTempFile::new_in(dir).map_err(fail)?;
    temp.write_all(text.as_bytes()).map_err(fail)?;
    // tempfile creates 0600; a rendered document is as readable as any file the user writes.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        temp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))
            .map_err(fail)?;
    }
    temp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}

fn render(args: RenderArgs) -> Result<ExitCode, AppError> {
    let templates = Templates::load(templates::user_dir(args.templates.as_deref()).as_deref())?;
    let options = options(&args.input)?;
    let Some(corpus) = checked_with(std::slice::from_ref(&args.file), &options)? else {
        return Ok(exit(true));
    };
    let analysed = single(&corpus, &args.file)?;
    let related = related_titles(&analysed, &options);
    let mut links = CorpusLinks::new([&analysed]);
    links.titles.extend(
        related
            .iter()
            .map(|(id, title)| (id.as_str(), title.as_str())),
    );
    let view = incident_view(&analysed, &links, options.as_of);
    let page = PageContext::standalone(&options.as_of.to_string()).with_config(&options.config);
    let text = renderer::document(&templates, &view, &page, args.format)?;
    write_output(args.output.as_deref(), &text)?;
    Ok(ExitCode::SUCCESS)
}

/// The titles of the incidents `related` names that lie beside the rendered file, read
/// from their files; one that is not there, or does not load, is left to show its id.
fn related_titles(analysed: &Analysed, options: &Options) -> Vec<(String, String)> {
    let file = &analysed.validated.file;
    let related = &analysed.validated.incident.related;
    related
        .iter()
        .filter_map(|id| {
            let loaded = load::load_file(load::sibling(file, id)?, &options.limits);
            Some((id.clone(), loaded.incident?.title))
        })
        .collect()
}

fn build(args: BuildArgs) -> Result<ExitCode, AppError> {
    let template_dir = templates::user_dir(args.templates.as_deref());
    let templates = Templates::load(template_dir.as_deref())?;
    let mut check = options(&args.input)?;
    check.warning_positions = false;
    let Some(corpus) = checked_for_site(&args.incidents, args.drafts, &check, "the site")? else {
        eprintln!(
            "error: the site was not built; {} is unchanged",
            args.out.display()
        );
        return Ok(exit(true));
    };
    let warnings = corpus.diagnostics.iter().filter(|d| !d.is_error()).count();
    let options = BuildOptions {
        incidents: args.incidents.clone(),
        out: args.out.clone(),
        templates: template_dir,
        // The flag wins over rootline.toml, which says where the site usually goes.
        base_url: args.base_url.clone().or(check.config.site.base_url.clone()),
        drafts: args.drafts,
        page_size: args.page_size,
        feed_size: args.feed_size,
        check,
        // indicatif draws only on a terminal; CI logs stay clean.
        progress: !args.quiet
            && std::env::var_os("CI").is_none()
            && std::io::stderr().is_terminal(),
    };
    let built = site::build(&corpus, &templates, &options)?;
    leave_to_exit(corpus);
    if !args.quiet {
        eprintln!(
            "built {}: {}, {}{}",
            args.out.display(),
            crate::text::count(built.incidents, "incident page"),
            crate::text::count(built.files, "file"),
            if warnings > 0 {
                format!(
                    "; {} (see `rootline check`)",
                    crate::text::count(warnings, "warning")
                )
            } else {
                String::new()
            }
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Loads and checks the incidents `made` (`the site`, `the report`) shows. Without
/// `drafts`, errors in drafts are printed and those drafts left out (they are not
/// published, and `check` still fails on them); any other error prints every error
/// and returns `None`.
fn checked_for_site(
    incidents: &std::path::Path,
    drafts: bool,
    check: &Options,
    made: &str,
) -> Result<Option<Corpus>, AppError> {
    let corpus = Corpus::check(&[incidents.to_path_buf()], check)?;
    if !corpus.has_errors() {
        return Ok(Some(corpus));
    }
    let left_out = site::drafts_with_errors(&corpus, drafts);
    print_errors(&corpus);
    let blocking = corpus
        .diagnostics
        .iter()
        .any(|d| d.is_error() && !left_out.contains(&d.file));
    if blocking {
        return Ok(None);
    }
    for draft in &left_out {
        eprintln!(
            "warning: left {} out of {made}: a draft with errors (`rootline check` fails on it)",
            draft.display()
        );
    }
    Ok(Some(corpus))
}

fn report_command(args: ReportArgs) -> Result<ExitCode, AppError> {
    let templates = Templates::load(templates::user_dir(args.templates.as_deref()).as_deref())?;
    if let (Some(since), Some(until)) = (args.since, args.until) {
        if since > until {
            return Err(AppError::Usage(format!(
                "--since {since} is after --until {until}: no day is in that period"
            )));
        }
    }
    let check = options(&args.input)?;
    let as_of = check.as_of;
    let Some(corpus) = checked_for_site(&args.incidents, args.drafts, &check, "the report")? else {
        return Ok(exit(true));
    };
    let periods = if args.since.is_some() || args.until.is_some() {
        vec![Period {
            id: "period".into(),
            label: "Report".into(),
            since: args.since,
            until: args.until,
        }]
    } else {
        vec![Period::last_12_months(as_of), Period::all_time()]
    };
    let incidents: Vec<_> = corpus
        .incidents
        .iter()
        .filter(|a| site::on_site(a, args.drafts))
        .collect();
    let judged = crate::view::report::Judged::new(as_of, &check.config);
    let view = crate::view::report::report(&incidents, &periods, &judged);
    let page = PageContext::standalone(&as_of.to_string()).with_config(&check.config);
    let context = renderer::report_context(&view, &page, &[args.format]);
    let text = renderer::report_in(&templates, &context, args.format)?;
    write_stdout(&text)?;
    Ok(ExitCode::SUCCESS)
}

fn new(args: crate::cli::NewArgs) -> Result<ExitCode, AppError> {
    let date = date_of_id(&args.id).unwrap_or_else(default_as_of);
    let scale = settings()?.severities;
    let severity = args.severity.unwrap_or_else(|| scale.middle().to_string());
    if scale.rank(&severity).is_none() {
        return Err(AppError::Usage(format!(
            "--severity {severity} is not on the scale: {}",
            scale.names().join(", ")
        )));
    }
    let new = crate::scaffold::NewIncident {
        id: args.id,
        title: args.title,
        severity,
        folder: args.folder,
        date,
    };
    let path = crate::scaffold::new_incident(&args.incidents, &new)?;
    eprintln!(
        "created {}; fill it in, then run `rootline check {}`",
        path.display(),
        path.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// The day an id such as `2024-03-01-checkout-errors` starts with, if it starts with one.
fn date_of_id(id: &str) -> Option<NaiveDate> {
    let day = id.get(..10)?;
    let rest = &id[10..];
    if !(rest.is_empty() || rest.starts_with('-')) {
        return None;
    }
    crate::model::parse_date(day)
}

fn init(args: crate::cli::InitArgs) -> Result<ExitCode, AppError> {
    let date = default_as_of();
    let first = crate::scaffold::NewIncident {
        id: format!("{}-first-incident", date.format("%Y-%m-%d")),
        title: crate::model::placeholders::FIRST_TITLE.to_string(),
        severity: "SEV3".to_string(),
        folder: false,
        date,
    };
    let created = crate::scaffold::init(&args.dir, &first)?;
    for path in &created {
        eprintln!("created {}", path.display());
    }
    if created.is_empty() {
        eprintln!("nothing to do: every file already exists");
    }
    if created.contains(&args.dir.join(crate::scaffold::WORKFLOW_PATH)) {
        eprintln!(
            "next: set {} in {} to rootline's git URL and the revision to pin; CI stops until it is set",
            crate::scaffold::SOURCE_VARIABLE,
            crate::scaffold::WORKFLOW_PATH
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn import_timeline(command: crate::cli::ImportCommand) -> Result<ExitCode, AppError> {
    use crate::import::{ImportError, Target};
    let crate::cli::ImportCommand { reader, args } = command;
    let zone = match &args.timezone {
        Some(name) => Some(
            name.parse()
                .map_err(|_| AppError::Usage(format!("unknown time zone '{name}'")))?,
        ),
        None => None,
    };
    let target = match (args.into, args.id) {
        (Some(into), _) => Target::Into(into),
        (None, Some(id)) => Target::New {
            incidents: args.incidents,
            id,
        },
        (None, None) => return Err(AppError::Usage("give --id ID or --into FILE".into())),
    };
    let options = crate::import::ImportOptions {
        title: args.title,
        severity: settings()?.severities.middle().to_string(),
        zone,
    };
    let report = match crate::import::import(&reader, &args.files, &target, &options, args.dry_run)
    {
        Ok(report) => report,
        Err(e @ (ImportError::Rows { .. } | ImportError::Refused { .. })) => {
            eprintln!("error: {e}");
            return Ok(exit(true));
        }
        Err(ImportError::Target(e)) => return Err(e.into()),
        Err(e) => return Err(AppError::Other(e.to_string())),
    };
    for warning in &report.warnings {
        eprintln!("warning: {warning}");
    }
    if report.dry_run {
        print!("{}", report.preview);
    }
    eprintln!("{report}");
    if report.created && !report.dry_run {
        eprintln!("next: rootline check {}", report.path.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// `rootline explain CODE`: the long explanation of a check, by code or name.
fn explain(query: &str) -> Result<ExitCode, AppError> {
    let Some(code) = crate::diagnostic::Code::find(query) else {
        let hint = crate::diagnostic::Code::suggest(query).unwrap_or_else(|| {
            "codes look like E0003 or W0001; names like dangling-reference".into()
        });
        return Err(AppError::Usage(format!(
            "no check is called '{query}'; {hint}"
        )));
    };
    write_stdout(&code.explain())?;
    Ok(ExitCode::SUCCESS)
}

/// Incident files under `roots` that differ from `revision` (added, copied, modified, renamed).
fn changed_files(revision: &str, roots: &[PathBuf]) -> Result<Vec<PathBuf>, AppError> {
    let output = std::process::Command::new("git")
        .args([
            "diff",
            "--name-only",
            "--diff-filter=ACMR",
            "--relative",
            revision,
            "--",
        ])
        .args(roots)
        .output()
        .map_err(|e| AppError::Usage(format!("--changed-since needs git: {e}")))?;
    if !output.status.success() {
        return Err(AppError::Usage(format!(
            "git diff {revision}: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        )));
    }
    let mut files: Vec<PathBuf> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(PathBuf::from)
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    Ok(files)
}
