//! Command-line interface definitions (clap).

use crate::check::output::Format as CheckFormat;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Turns incident files into post-mortems.
#[derive(Debug, Parser)]
#[command(name = "rootline", version, about, long_about = None, after_help = EXAMPLES)]
pub struct Cli {
    /// When to colour diagnostics: auto (a terminal without NO_COLOR), always or never.
    #[arg(long, global = true, value_name = "WHEN", default_value = "auto")]
    pub color: clap::ColorChoice,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Reads a day given as YYYY-MM-DD, saying which part is wrong.
pub fn parse_day(text: &str) -> Result<chrono::NaiveDate, String> {
    let parts: Vec<&str> = text.split('-').collect();
    let number = |part: &str, width: usize| {
        if part.len() == width && part.bytes().all(|b| b.is_ascii_digit()) {
            part.parse::<u32>().ok()
        } else {
            None
        }
    };
    let fields = match parts.as_slice() {
        [y, m, d] => (number(y, 4), number(m, 2), number(d, 2)),
        _ => (None, None, None),
    };
    let (Some(year), Some(month), Some(day)) = fields else {
        return Err("write the day as YYYY-MM-DD, e.g. 2024-03-01".to_string());
    };
    if !(1..=12).contains(&month) {
        return Err(format!(
            "there is no month {month}: months run from 01 to 12"
        ));
    }
    let year = i32::try_from(year).map_err(|_| "the year is out of range".to_string())?;
    chrono::NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| {
        let days = (28..=31)
            .rev()
            .find(|&d| chrono::NaiveDate::from_ymd_opt(year, month, d).is_some())
            .unwrap_or(28);
        let name = chrono::NaiveDate::from_ymd_opt(year, month, 1)
            .map(|first| first.format("%B %Y").to_string())
            .unwrap_or_default();
        format!("there is no day {day} in {name}: it has {days} days")
    })
}

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
    /// Make a new post-mortem repository: incidents/, a first incident, a CI workflow, a README.
    #[command(after_help = "Examples:\n  mkdir postmortems && cd postmortems && rootline init")]
    Init(InitArgs),
    /// Print a shell completion script.
    #[command(
        after_help = "Examples:\n  rootline completions bash > ~/.local/share/bash-completion/completions/rootline\n  rootline completions zsh > \"${fpath[1]}/_rootline\"\n  rootline completions fish > ~/.config/fish/completions/rootline.fish"
    )]
    Completions(CompletionsArgs),
    /// Turn a timeline exported as CSV into a new incident file.
    #[command(
        subcommand,
        after_help = "Examples:\n  rootline import csv timeline.csv --id 2024-03-01-checkout-errors --timezone Europe/London"
    )]
    Import(ImportCommand),
    /// Print the JSON Schema of the incident format (draft-07), for editors.
    #[command(
        after_help = "Examples:\n  rootline schema > schema/incident.schema.json\n  # then start incident files with:\n  # yaml-language-server: $schema=../schema/incident.schema.json"
    )]
    Schema,
    /// Print the man page (roff).
    #[command(after_help = "Examples:\n  rootline man > rootline.1 && man ./rootline.1")]
    Man,
}

/// What `rootline import` reads.
#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// A CSV with the columns time, kind, title and optionally actor and details.
    Csv(ImportArgs),
}

impl ImportCommand {
    /// The source this subcommand reads, and its arguments.
    pub fn into_parts(self) -> (&'static dyn crate::import::Importer, ImportArgs) {
        match self {
            ImportCommand::Csv(args) => (&crate::import::csv::Csv, args),
        }
    }
}

/// The arguments every `rootline import <source>` takes.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The exported timeline (for csv, a header row naming time, kind, title, actor, details).
    pub file: PathBuf,
    /// The new incident's id (file name).
    #[arg(long)]
    pub id: String,
    /// Title of the new incident.
    #[arg(long, default_value = "Imported timeline")]
    pub title: String,
    /// Zone for times without an offset.
    #[arg(long, default_value = "UTC")]
    pub timezone: String,
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
    #[arg(long, default_value = "What happened, in one line")]
    pub title: String,
    /// Severity, SEV1 (worst) to SEV5.
    #[arg(long, default_value = "SEV3", value_parser = ["SEV1", "SEV2", "SEV3", "SEV4", "SEV5"])]
    pub severity: String,
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

/// Format of a rendered document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DocFormat {
    /// GitHub-flavoured Markdown.
    Md,
    /// One self-contained HTML page.
    Html,
}

/// `rootline render`.
#[derive(Debug, Args)]
pub struct RenderArgs {
    /// The incident file.
    pub file: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DocFormat::Html)]
    pub format: DocFormat,
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
    #[arg(long, value_enum, default_value_t = DocFormat::Md)]
    pub format: DocFormat,
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
