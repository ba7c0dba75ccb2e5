//! Command-line interface definitions (clap).

use crate::check::output::Format as CheckFormat;
use crate::import::{Source, SOURCES};
use crate::render::formats::{self, html::HTML, markdown::MARKDOWN};
use crate::render::{DocumentFormat, DOCUMENT_FORMATS};
use clap::builder::{PossibleValue, PossibleValuesParser, StyledStr, TypedValueParser};
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{ArgMatches, Args, FromArgMatches, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Turns incident files into post-mortems.
#[derive(Debug, Parser)]
#[command(name = "rootline", version, about, long_about = None, after_help = EXAMPLES)]
pub struct Cli {
    /// When to colour diagnostics: auto (a terminal without NO_COLOR), always or never.
    #[arg(long, global = true, value_name = "WHEN", default_value = "auto")]
    pub color: clap::ColorChoice,
    /// The settings file to read instead of the nearest rootline.toml at or above the current folder.
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The process's arguments as a [`Cli`]; `--color` is read first, so that clap's own
/// help, usage and errors follow it too, as rootline's output does.
pub fn parse() -> Cli {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    parse_from(args).unwrap_or_else(|error| error.exit())
}

/// [`parse`] of the given arguments (the first is the program's name).
pub fn parse_from(args: Vec<std::ffi::OsString>) -> Result<Cli, clap::Error> {
    let mut command = <Cli as clap::CommandFactory>::command().color(color_asked(&args));
    let matches = command.try_get_matches_from_mut(args)?;
    Cli::from_arg_matches(&matches).map_err(|error| error.format(&mut command))
}

/// The last `--color WHEN` or `--color=WHEN` before `--`; `auto` when there is none or
/// it is wrong (clap then reports it). `auto` leaves NO_COLOR and the terminal to clap.
fn color_asked(args: &[std::ffi::OsString]) -> clap::ColorChoice {
    let mut asked = clap::ColorChoice::Auto;
    let mut args = args.iter().skip(1).map(|arg| arg.to_str().unwrap_or(""));
    while let Some(arg) = args.next() {
        let value = match arg {
            "--" => break,
            "--color" => args.next(),
            _ => arg.strip_prefix("--color="),
        };
        if let Some(choice) = value.and_then(|v| clap::ColorChoice::from_str(v, false).ok()) {
            asked = choice;
        }
    }
    asked
}

use crate::config::parse::parse_day;

const EXAMPLES: &str = "Examples:
  rootline check                          check every incident under incidents/
  rootline build                          build the site from incidents/ into site/
  rootline render incidents/x.yaml --format html -o x.html
  rootline export incidents --format json";

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check incident files like a compiler: errors and warnings with file:line:col.
    #[command(
        after_help = "Examples:\n  rootline check\n  rootline check incidents/2018-12-06-o2-data-outage.yaml --format github\n  rootline check --deny-warnings --as-of 2019-06-01"
    )]
    Check(CheckArgs),
    /// Print the analysis (metrics, root causes, chains, timeline) as JSON.
    #[command(
        after_help = "Examples:\n  rootline export incidents/2018-12-06-o2-data-outage.yaml\n  rootline export incidents > analysis.json"
    )]
    Export(ExportArgs),
    /// Print the causal graph of one incident as DOT, Mermaid or JSON.
    #[command(
        after_help = "Examples:\n  rootline graph incidents/2018-12-06-o2-data-outage.yaml --format dot | dot -Tsvg > graph.svg"
    )]
    Graph(GraphArgs),
    /// Render one incident as a Markdown or HTML post-mortem.
    #[command(
        after_help = "Examples:\n  rootline render incidents/2018-12-06-o2-data-outage.yaml --format html -o o2.html\n  rootline render incidents/2018-12-06-o2-data-outage.yaml --format md"
    )]
    Render(RenderArgs),
    /// Build the static site from a folder of incidents.
    #[command(
        after_help = "Examples:\n  rootline build\n  rootline build --incidents incidents --out public --base-url https://sre.example.com/postmortems/\n  SOURCE_DATE_EPOCH=1735689600 rootline build   # reproducible: judge overdue items as of that day"
    )]
    Build(BuildArgs),
    /// Print the cross-incident report as Markdown or HTML.
    #[command(
        after_help = "Examples:\n  rootline report --format md --since 2018-01-01 --until 2018-12-31\n  rootline report --format html > report.html"
    )]
    Report(ReportArgs),
    /// Preview the site on 127.0.0.1, rebuilding and reloading pages as files change.
    #[command(
        after_help = "Examples:\n  rootline serve --open\n  rootline serve --port 0   # any free port"
    )]
    Serve(ServeArgs),
    /// Start a new incident file (never overwrites).
    #[command(
        after_help = "Examples:\n  rootline new 2024-03-01-checkout-errors --title \"Checkout errors\" --severity SEV2\n  rootline new 2024-03-01-checkout-errors --folder   # incidents/<id>/incident.yaml, for screenshots beside it"
    )]
    New(NewArgs),
    /// Make a new post-mortem repository: incidents/, a first incident, a CI workflow, a README, a rootline.toml.
    #[command(after_help = "Examples:\n  mkdir postmortems && cd postmortems && rootline init")]
    Init(InitArgs),
    /// Print a shell completion script.
    #[command(
        after_help = "Examples:\n  rootline completions bash > ~/.local/share/bash-completion/completions/rootline\n  rootline completions zsh > \"${fpath[1]}/_rootline\"\n  rootline completions fish > ~/.config/fish/completions/rootline.fish"
    )]
    Completions(CompletionsArgs),
    /// Turn a timeline kept in another tool into a new incident file.
    #[command(subcommand)]
    Import(ImportCommand),
    /// Print the JSON Schema of the incident format (draft-07), for editors.
    #[command(
        after_help = "Examples:\n  rootline schema > schema/incident.schema.json\n  # then start incident files with:\n  # yaml-language-server: $schema=../schema/incident.schema.json"
    )]
    Schema,
    /// Print the man page (roff).
    #[command(after_help = "Examples:\n  rootline man > rootline.1 && man ./rootline.1")]
    Man,
    /// Explain a check code at length, with an example and the fix (like `rustc --explain`).
    #[command(
        after_help = "Examples:\n  rootline explain E0003\n  rootline explain dangling-reference"
    )]
    Explain(ExplainArgs),
}

/// `rootline explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The code (`E0003`) or name (`dangling-reference`) that `check` printed.
    pub code: String,
}

/// `rootline import <source>`: the source with its own flags set, and the flags every source takes.
///
/// Its subcommands come from [`crate::import::SOURCES`], so a new source needs no change here.
#[derive(Debug)]
pub struct ImportCommand {
    /// The source, ready to read.
    pub reader: crate::import::Reader,
    /// The flags every source takes.
    pub args: ImportArgs,
}

impl ImportCommand {
    /// `import` with one subcommand per source in `sources`.
    fn with_sources(command: clap::Command, sources: &[&'static dyn Source]) -> clap::Command {
        let examples: String = sources
            .iter()
            .map(|source| format!("\n  {}", source.example()))
            .collect();
        command
            .subcommand_value_name("SOURCE")
            .subcommand_help_heading("Sources")
            // An unknown source then reaches `from_sources`, whose error names the sources.
            .allow_external_subcommands(true)
            // `help` listed among the sources would read as one; `import <source> --help` stays.
            .disable_help_subcommand(true)
            .after_help(format!("Examples:{examples}"))
            .subcommands(sources.iter().map(|source| source_command(*source)))
    }

    /// The source `matches` chose among `sources`, with its flags and the shared ones.
    fn from_sources(
        matches: &ArgMatches,
        sources: &[&'static dyn Source],
    ) -> Result<Self, clap::Error> {
        let Some((name, matches)) = matches.subcommand() else {
            return Err(clap::Error::new(ErrorKind::MissingSubcommand));
        };
        let Some(source) = sources.iter().find(|source| source.name() == name) else {
            return Err(unknown_source(name, sources));
        };
        Ok(ImportCommand {
            reader: source.configure(matches)?,
            args: ImportArgs::from_arg_matches(matches)?,
        })
    }
}

/// `rootline import <source>`: the shared flags, then the source's own under its heading.
fn source_command(source: &dyn Source) -> clap::Command {
    let shared = ImportArgs::augment_args(clap::Command::new(source.name()));
    // The flags' derives set `about` from their doc comments, so ours come last.
    source
        .add_flags(shared.next_help_heading("Source options"))
        .next_help_heading(None)
        .about(source.about())
        .long_about(None)
        .after_help(format!("Examples:\n  {}", source.example()))
}

/// The usage error for `rootline import <name>` when no source is called `name`.
fn unknown_source(name: &str, sources: &[&'static dyn Source]) -> clap::Error {
    let names: Vec<&str> = sources.iter().map(|source| source.name()).collect();
    let mut tips: Vec<StyledStr> = crate::diagnostic::did_you_mean(name, names.iter().copied())
        .into_iter()
        .map(StyledStr::from)
        .collect();
    tips.push(format!("the sources are {}", names.join(", ")).into());
    let mut error = clap::Error::new(ErrorKind::InvalidSubcommand);
    error.insert(
        ContextKind::InvalidSubcommand,
        ContextValue::String(name.to_string()),
    );
    error.insert(ContextKind::Suggested, ContextValue::StyledStrs(tips));
    let mut cli = <Cli as clap::CommandFactory>::command();
    cli.build();
    if let Some(import) = cli.find_subcommand_mut("import") {
        error.insert(
            ContextKind::Usage,
            ContextValue::StyledStr(import.render_usage()),
        );
    }
    error
}

impl FromArgMatches for ImportCommand {
    fn from_arg_matches(matches: &ArgMatches) -> Result<Self, clap::Error> {
        ImportCommand::from_sources(matches, SOURCES)
    }

    fn update_from_arg_matches(&mut self, matches: &ArgMatches) -> Result<(), clap::Error> {
        *self = ImportCommand::from_arg_matches(matches)?;
        Ok(())
    }
}

impl Subcommand for ImportCommand {
    fn augment_subcommands(command: clap::Command) -> clap::Command {
        ImportCommand::with_sources(command, SOURCES)
    }

    fn augment_subcommands_for_update(command: clap::Command) -> clap::Command {
        ImportCommand::with_sources(command, SOURCES)
    }

    fn has_subcommand(name: &str) -> bool {
        crate::import::source(name).is_some()
    }
}

/// The flags every `rootline import <source>` takes.
#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("target").args(["id", "into"]).required(true))]
pub struct ImportArgs {
    /// The exported timeline (several files for a source whose export comes in pages).
    #[arg(required = true, num_args = 1.., value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The new incident's id (file name).
    #[arg(long)]
    pub id: Option<String>,
    /// Add the events to this existing incident instead, keeping every byte of it.
    #[arg(long, value_name = "FILE")]
    pub into: Option<PathBuf>,
    /// Print what would be added and change nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Title of the new incident.
    #[arg(long, default_value = crate::model::placeholders::IMPORTED_TITLE)]
    pub title: String,
    /// Zone for times without an offset [default: the --into file's timezone, else UTC].
    #[arg(long)]
    pub timezone: Option<String>,
    /// Where incidents live.
    #[arg(long, default_value = "incidents", value_name = "DIR")]
    pub incidents: PathBuf,
}

/// `rootline completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    pub shell: clap_complete::Shell,
}

/// `rootline serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Folder of incident files.
    #[arg(long, default_value = "incidents", value_name = "DIR")]
    pub incidents: PathBuf,
    /// Folder of templates overriding the built-in ones (watched too).
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Port on 127.0.0.1; 0 picks a free one.
    #[arg(long, default_value_t = 4000)]
    pub port: u16,
    /// Open the preview in a browser.
    #[arg(long)]
    pub open: bool,
    /// Leave drafts out (a preview shows them by default).
    #[arg(long)]
    pub no_drafts: bool,
    /// Incidents per list page, or `all` for one long page.
    #[arg(long, default_value = "100", value_name = "N|all")]
    pub page_size: crate::site::PageSize,
    /// How many of the newest published incidents the feed holds.
    #[arg(long, default_value_t = crate::site::DEFAULT_FEED_SIZE, value_name = "N")]
    pub feed_size: usize,
    /// Shared input options.
    #[command(flatten)]
    pub input: InputArgs,
}

/// `rootline new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// The incident id, e.g. 2024-03-01-checkout-errors (also the file name).
    pub id: String,
    /// One-line title.
    #[arg(long, default_value = crate::model::placeholders::TITLE)]
    pub title: String,
    /// Severity, a level of the scale: `[severities]` of rootline.toml, or SEV1 (worst) to
    /// SEV5; the middle level when not given.
    #[arg(long)]
    pub severity: Option<String>,
    /// Make a folder `<id>/incident.yaml` (screenshots and graphs can sit beside it).
    #[arg(long)]
    pub folder: bool,
    /// Where incidents live.
    #[arg(long, default_value = "incidents", value_name = "DIR")]
    pub incidents: PathBuf,
}

/// `rootline init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The repository folder.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
}

/// Options shared by every command that reads incidents.
#[derive(Debug, Clone, Args)]
pub struct InputArgs {
    /// The day overdue items are judged against (YYYY-MM-DD); default: `as_of` in rootline.toml, SOURCE_DATE_EPOCH's day, or today.
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub as_of: Option<chrono::NaiveDate>,
    /// Largest incident file read, in bytes.
    #[arg(long, help_heading = "Limits", value_name = "BYTES", default_value_t = 16 * 1024 * 1024)]
    pub max_file_size: u64,
    /// Most events, causes and actions in one incident.
    #[arg(
        long,
        help_heading = "Limits",
        value_name = "N",
        default_value_t = 100_000
    )]
    pub max_nodes: usize,
    /// Most `caused_by` and `addresses` entries in one incident.
    #[arg(
        long,
        help_heading = "Limits",
        value_name = "N",
        default_value_t = 400_000
    )]
    pub max_edges: usize,
    /// Deepest nesting of YAML lists and maps.
    #[arg(long, help_heading = "Limits", value_name = "N", default_value_t = 64)]
    pub max_depth: usize,
    /// Most YAML aliases (`*name`) in one file: bounds how much data aliases can repeat.
    #[arg(
        long,
        help_heading = "Limits",
        value_name = "N",
        default_value_t = 1_000
    )]
    pub max_aliases: usize,
    /// Most root-cause chains listed per incident (beyond it, the shortest per root and impact).
    #[arg(long, help_heading = "Limits", value_name = "N", default_value_t = 100)]
    pub max_chains: usize,
}

/// `rootline check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or folders to check.
    #[arg(default_value = "incidents")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
    /// Fail (exit 1) on warnings too.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Check only incident files changed since this git revision (e.g. origin/main).
    #[arg(long, value_name = "REF")]
    pub changed_since: Option<String>,
    /// Shared input options.
    #[command(flatten)]
    pub input: InputArgs,
}

/// Format of `export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// The analysis contract of the format.
    Json,
}

/// `rootline export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// A file (one object) or a folder (an array sorted by id).
    pub path: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
    pub format: ExportFormat,
    /// Shared input options.
    #[command(flatten)]
    pub input: InputArgs,
}

/// Format of `graph`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GraphFormat {
    /// Graphviz DOT.
    Dot,
    /// A Mermaid flowchart.
    Mermaid,
    /// Nodes and edges as JSON.
    Json,
}

/// `rootline graph`.
#[derive(Debug, Args)]
pub struct GraphArgs {
    /// The incident file.
    pub file: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = GraphFormat::Dot)]
    pub format: GraphFormat,
    /// Shared input options.
    #[command(flatten)]
    pub input: InputArgs,
}

/// `--format` of a rendered document: any registered document format, by name or alias.
fn document_format() -> impl TypedValueParser<Value = &'static DocumentFormat> {
    let values = DOCUMENT_FORMATS.iter().map(|format| {
        PossibleValue::new(format.name)
            .aliases(format.aliases.iter().copied())
            .help(format.about)
    });
    PossibleValuesParser::new(values)
        .try_map(|value| formats::named(&value).ok_or_else(|| format!("no format '{value}'")))
}

/// `rootline render`.
#[derive(Debug, Args)]
pub struct RenderArgs {
    /// The incident file.
    pub file: PathBuf,
    /// Output format.
    #[arg(long, value_parser = document_format(), default_value = HTML.name)]
    pub format: &'static DocumentFormat,
    /// Write here instead of standard output.
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Folder of templates overriding the built-in ones by name (default: ./templates if present).
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Shared input options.
    #[command(flatten)]
    pub input: InputArgs,
}

/// `rootline build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Folder of incident files.
    #[arg(long, default_value = "incidents", value_name = "DIR")]
    pub incidents: PathBuf,
    /// Output folder; replaced only when the whole build succeeds.
    #[arg(long, default_value = "site", value_name = "DIR")]
    pub out: PathBuf,
    /// Folder of templates overriding the built-in ones by name (default: ./templates if present).
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Absolute URL the site is published at: the feed's links use it, and the sitemap is written only with it.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Include draft incidents.
    #[arg(long)]
    pub drafts: bool,
    /// No progress output.
    #[arg(long, short)]
    pub quiet: bool,
    /// Incidents per list page, or `all` for one long page.
    #[arg(long, default_value = "100", value_name = "N|all")]
    pub page_size: crate::site::PageSize,
    /// How many of the newest published incidents the feed holds.
    #[arg(long, default_value_t = crate::site::DEFAULT_FEED_SIZE, value_name = "N")]
    pub feed_size: usize,
    /// Shared input options.
    #[command(flatten)]
    pub input: InputArgs,
}

/// `rootline report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Folder of incident files.
    #[arg(long, default_value = "incidents", value_name = "DIR")]
    pub incidents: PathBuf,
    /// Output format.
    #[arg(long, value_parser = document_format(), default_value = MARKDOWN.name)]
    pub format: &'static DocumentFormat,
    /// First day included (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub since: Option<chrono::NaiveDate>,
    /// Last day included (YYYY-MM-DD); not before --since.
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub until: Option<chrono::NaiveDate>,
    /// Folder of templates overriding the built-in ones by name.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Include draft incidents.
    #[arg(long)]
    pub drafts: bool,
    /// Shared input options.
    #[command(flatten)]
    pub input: InputArgs,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{ImportError, ImportOptions, Imported, ImportedEvent, Importer};
    use crate::model::EventKind;
    use std::path::Path;

    /// Flags like the chat importers', to see them reach `read`.
    #[derive(Debug, Args)]
    struct ChatFlags {
        /// The channel to read.
        #[arg(long, value_name = "NAME")]
        channel: String,
        /// Keep only messages with one of these reactions.
        #[arg(long, value_name = "NAME", num_args = 1..)]
        reaction: Vec<String>,
        /// Keep messages from bots too.
        #[arg(long)]
        bots: bool,
    }

    /// A source that reads nothing and writes its flags into one event's title.
    struct Chat;

    impl Importer for Chat {
        type Flags = ChatFlags;

        fn name(&self) -> &'static str {
            "chat"
        }

        fn about(&self) -> &'static str {
            "A chat export"
        }

        fn example(&self) -> &'static str {
            "rootline import chat export.zip --id x --channel ops"
        }

        fn read(
            &self,
            input: &Path,
            flags: &ChatFlags,
            _options: &ImportOptions,
        ) -> Result<Imported, ImportError> {
            let title = format!(
                "{} from {} with {} bots={}",
                input.display(),
                flags.channel,
                flags.reaction.join("+"),
                flags.bots
            );
            Ok(Imported {
                events: vec![ImportedEvent {
                    at: "2024-03-01T10:00:00Z".into(),
                    kind: EventKind::Note,
                    actor: None,
                    title,
                    details: None,
                    source: None,
                }],
                ..Imported::default()
            })
        }
    }

    static TEST_SOURCES: &[&dyn Source] = &[&crate::import::csv::Csv, &Chat];

    fn import_command() -> clap::Command {
        ImportCommand::with_sources(clap::Command::new("import"), TEST_SOURCES)
    }

    fn parse(args: &[&str]) -> Result<ImportCommand, clap::Error> {
        let matches = import_command().try_get_matches_from(args)?;
        ImportCommand::from_sources(&matches, TEST_SOURCES)
    }

    #[test]
    fn a_sources_own_flags_reach_its_read_and_the_shared_ones_the_args() {
        let command = parse(&[
            "import",
            "chat",
            "export.zip",
            "--id",
            "2024-03-01-x",
            "--channel",
            "incident-42",
            "--reaction",
            "pushpin",
            "eyes",
            "--bots",
            "--timezone",
            "Europe/London",
        ])
        .unwrap();
        assert_eq!(command.reader.name(), "chat");
        assert_eq!(command.args.files, [PathBuf::from("export.zip")]);
        assert_eq!(command.args.id.as_deref(), Some("2024-03-01-x"));
        assert_eq!(command.args.timezone.as_deref(), Some("Europe/London"));
        assert_eq!(command.args.title, "Imported timeline");
        let options = ImportOptions {
            title: command.args.title.clone(),
            severity: "SEV3".into(),
            zone: Some(chrono_tz::UTC),
        };
        let imported = command
            .reader
            .read_all(&command.args.files, &options)
            .unwrap();
        assert_eq!(
            imported.events[0].title,
            "export.zip from incident-42 with pushpin+eyes bots=true"
        );
    }

    #[test]
    fn a_sources_flags_belong_to_it_alone() {
        let missing = parse(&["import", "chat", "export.zip", "--id", "x"]).unwrap_err();
        assert_eq!(missing.kind(), ErrorKind::MissingRequiredArgument);
        assert!(
            missing.to_string().contains("--channel <NAME>"),
            "{missing}"
        );
        let foreign = parse(&["import", "csv", "t.csv", "--id", "x", "--channel", "ops"]);
        assert_eq!(
            foreign.unwrap_err().kind(),
            ErrorKind::UnknownArgument,
            "csv has no --channel"
        );
    }

    #[test]
    fn a_sources_help_lists_the_shared_flags_then_its_own() {
        let mut import = import_command();
        let help = import
            .find_subcommand_mut("chat")
            .unwrap()
            .render_help()
            .to_string();
        let lines: Vec<&str> = help.lines().map(str::trim_end).collect();
        let at = |prefix: &str| {
            lines
                .iter()
                .position(|line| line.trim_start().starts_with(prefix))
                .unwrap_or_else(|| panic!("{prefix} in\n{help}"))
        };
        assert_eq!(lines[0], "A chat export");
        assert!(at("Options:") < at("--id <ID>"));
        assert!(at("--incidents <DIR>") < at("-h, --help"));
        assert!(at("-h, --help") < at("Source options:"));
        assert_eq!(at("--channel <NAME>"), at("Source options:") + 1);
        assert!(at("--bots") < at("Examples:"));
        assert_eq!(
            lines[at("Examples:") + 1],
            "  rootline import chat export.zip --id x --channel ops"
        );
    }

    #[test]
    fn an_unknown_source_is_a_usage_error_naming_the_sources() {
        let error = parse(&["import", "chta", "export.zip"]).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidSubcommand);
        assert_eq!(error.exit_code(), 2);
        let text = error.to_string();
        assert!(text.contains("unrecognized subcommand 'chta'"), "{text}");
        assert!(text.contains("tip: did you mean 'chat'?"), "{text}");
        assert!(text.contains("tip: the sources are csv, chat"), "{text}");
    }
}
