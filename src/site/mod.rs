//! The static site: incident pages, index, report, lists, feed, sitemap, search.
//!
//! The site is a list of pages (`pages`), each a path and what renders it.
//! `build` writes them all; `render_one` renders the one `serve` is asked for.

mod context;
mod data;
mod feed;
mod groups;
mod incident;
mod index;
pub mod output;
mod page;
mod pages;
mod paging;
pub mod paths;
mod report;
mod rows;
mod search;
mod support;
mod write;

use crate::analysis::Analysed;
use crate::model::Status;
use crate::render::templates::{TemplateError, Templates};
use crate::view::summary::{summarise, IncidentSummary};
use crate::workspace::{Corpus, Options};
use chrono::NaiveDate;
use context::Site;
use output::OutputError;
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// Settings of one build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// Folder of incident files.
    pub incidents: PathBuf,
    /// Output folder.
    pub out: PathBuf,
    /// Template folder, if any.
    pub templates: Option<PathBuf>,
    /// Absolute URL of the published site, ending in `/`.
    pub base_url: Option<String>,
    /// Include drafts.
    pub drafts: bool,
    /// Check options (as-of date, limits).
    pub check: Options,
    /// Show a progress bar (only ever drawn on a terminal).
    pub progress: bool,
    /// How many incidents each list page shows.
    pub page_size: PageSize,
    /// How many of the newest published incidents the feed holds.
    pub feed_size: usize,
}

/// How many incidents a list page shows: a fixed number, or all on one page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageSize {
    /// Every incident of the list on one page.
    All,
    /// At most this many incidents per page.
    Rows(NonZeroUsize),
}

impl PageSize {
    /// The size list pages have unless a build says otherwise.
    pub const DEFAULT: PageSize = PageSize::Rows(match NonZeroUsize::new(100) {
        Some(n) => n,
        None => unreachable!(),
    });
}

impl Default for PageSize {
    fn default() -> Self {
        PageSize::DEFAULT
    }
}

/// The feed's length unless a build says otherwise: feed readers expect the newest few dozen.
pub const DEFAULT_FEED_SIZE: usize = 50;

/// Why a page size was not understood.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("a page size is a whole number from 1, or `all`; not `{0}`")]
pub struct PageSizeError(String);

impl FromStr for PageSize {
    type Err = PageSizeError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        if text.eq_ignore_ascii_case("all") {
            return Ok(PageSize::All);
        }
        text.parse::<NonZeroUsize>()
            .map(PageSize::Rows)
            .map_err(|_| PageSizeError(text.to_string()))
    }
}

/// Why a build failed after the input checked clean.
#[derive(Debug, thiserror::Error)]
pub enum SiteError {
    /// The output folder cannot be used or written.
    #[error(transparent)]
    Output(#[from] OutputError),
    /// A template failed.
    #[error(transparent)]
    Template(#[from] TemplateError),
}

/// What a finished build reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Built {
    /// Incident pages written.
    pub incidents: usize,
    /// Files written in all.
    pub files: usize,
}

/// Whether an incident goes on the site.
pub fn on_site(analysed: &Analysed, drafts: bool) -> bool {
    drafts || analysed.validated.incident.status != Status::Draft
}

/// The files with errors that a site without drafts can leave out: those whose
/// top-level `status` says `draft`. None when drafts are built, and none for a
/// file whose status cannot be read (its errors still stop the build).
pub fn drafts_with_errors(corpus: &Corpus, drafts: bool) -> BTreeSet<PathBuf> {
    if drafts {
        return BTreeSet::new();
    }
    let with_errors: BTreeSet<&PathBuf> = corpus
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| &d.file)
        .collect();
    with_errors
        .into_iter()
        .filter(|path| says_draft(path))
        .cloned()
        .collect()
}

/// Whether the file at `path` is YAML whose top-level `status` is `draft`.
fn says_draft(path: &Path) -> bool {
    // The file failed to check, so no validated incident says what it is: read it loosely.
    let Ok(text) = std::fs::read_to_string(path) else {
        return false;
    };
    serde_yaml::from_str::<serde_yaml::Value>(&text)
        .ok()
        .and_then(|yaml| yaml.get("status")?.as_str().map(|s| s == "draft"))
        .unwrap_or(false)
}

/// Builds the site from a corpus that checked clean.
pub fn build(
    corpus: &Corpus,
    templates: &Templates,
    options: &BuildOptions,
) -> Result<Built, SiteError> {
    let mut inputs: Vec<&Path> = vec![&options.incidents];
    if let Some(t) = &options.templates {
        inputs.push(t);
    }
    let staging = output::stage(&options.out, &inputs)?;
    let on_this_site: Vec<&Analysed> = corpus
        .incidents
        .iter()
        .filter(|a| on_site(a, options.drafts))
        .collect();
    let listings: Vec<Listing> = on_this_site.par_iter().map(|a| Listing::of(a)).collect();
    let contents = Contents::new(on_this_site.into_iter().zip(&listings).collect());
    let settings = Settings {
        as_of: options.check.as_of,
        base_url: options.base_url.clone(),
        progress: options.progress,
        page_size: options.page_size,
        feed_size: options.feed_size,
        config: options.check.config.clone(),
    };
    let folder = write::Folder {
        dir: staging.dir().to_path_buf(),
        previous: staging.previous().map(Path::to_path_buf),
    };
    let site = Site::new(&contents, templates, &settings);
    let mut built = write::write_all(&site, &pages::page_list(&site), &folder)?;
    if let Some(logo) = &settings.config.site.logo {
        let to = staging.dir().join(crate::view::logo_path(logo));
        output::copy_file(logo, &to)?;
        built.files += 1;
    }
    let marker = format!("rootline site\nas-of: {}\n", options.check.as_of);
    staging.commit(&marker)?;
    Ok(built)
}

/// One incident's line in every list, made once: its summary and its table rows.
#[derive(Debug, Clone)]
pub struct Listing {
    /// The summary line.
    pub summary: IncidentSummary,
    /// The row at each depth a list page can sit at, from the root down.
    rows: [String; paths::MAX_LIST_DEPTH + 1],
}

impl Listing {
    /// The listing of one incident.
    pub fn of(analysed: &Analysed) -> Self {
        let summary = summarise(analysed);
        Listing {
            rows: std::array::from_fn(|depth| rows::row(&summary, &paths::root_at(depth))),
            summary,
        }
    }

    /// The table row for a list page whose way to the root is `root`: list
    /// pages sit at most `MAX_LIST_DEPTH` folders down.
    fn row(&self, root: &str) -> &str {
        let depth = root.len() / "../".len();
        debug_assert_eq!(root, paths::root_at(depth));
        &self.rows[depth.min(paths::MAX_LIST_DEPTH)]
    }
}

/// The incidents of a site, newest first, each with its listing.
pub struct Contents<'a> {
    incidents: Vec<&'a Analysed>,
    listings: Vec<&'a Listing>,
}

impl<'a> Contents<'a> {
    /// Orders incidents newest first (ties by id); each pair is an incident and its listing.
    pub fn new(mut pairs: Vec<(&'a Analysed, &'a Listing)>) -> Self {
        pairs.sort_by(|(_, a), (_, b)| a.summary.newest_first(&b.summary));
        let (incidents, listings) = pairs.into_iter().unzip();
        Contents {
            incidents,
            listings,
        }
    }
}

/// What pages depend on besides the incidents.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The day overdue items are judged against.
    pub as_of: NaiveDate,
    /// Absolute URL of the published site, if known.
    pub base_url: Option<String>,
    /// Show a progress bar over incident pages.
    pub progress: bool,
    /// How many incidents each list page shows.
    pub page_size: PageSize,
    /// How many of the newest published incidents the feed holds.
    pub feed_size: usize,
    /// rootline.toml: the site's names, the wording, the severity scale.
    pub config: std::sync::Arc<crate::config::Config>,
}

/// One page of a site held in memory, as `serve` answers a request.
#[derive(Debug, PartialEq, Eq)]
pub enum Served {
    /// A rendered page.
    Text(String),
    /// A file copied from an incident folder.
    File(PathBuf),
}

/// Renders the one file at `relative` (a path inside the site), if the site has it.
pub fn render_one(
    contents: &Contents,
    templates: &Templates,
    settings: &Settings,
    relative: &str,
) -> Result<Option<Served>, SiteError> {
    let mut site = Site::new(contents, templates, settings);
    site.one_page = true;
    if let Some(page) = pages::find(&site, relative) {
        return Ok(Some(Served::Text(page.render(&site, &mut None)?)));
    }
    if let Some(logo) = &settings.config.site.logo {
        if relative == crate::view::logo_path(logo) {
            return Ok(Some(Served::File(logo.clone())));
        }
    }
    let Some((id, file)) = paths::in_incident_folder(relative) else {
        return Ok(None);
    };
    Ok(contents
        .incidents
        .iter()
        .find(|a| a.validated.id == id)
        .and_then(|a| a.validated.file.asset_dir.as_deref())
        .and_then(|dir| output::asset(dir, file))
        .map(Served::File))
}
