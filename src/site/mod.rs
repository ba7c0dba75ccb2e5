//! The static site: incident pages, index, report, lists, feed, sitemap, search.

pub mod output;
mod rows;
mod search;

use crate::analysis::Analysed;
use crate::model::Status;
use crate::render::templates::{TemplateError, Templates};
use crate::render::{self, DocumentFormat};
use crate::view::report::{report_with_summaries, Period};
use crate::view::summary::{summarise, IncidentSummary, Slugged};
use crate::view::{export, incident_view, CorpusLinks, PageContext};
use crate::workspace::{Corpus, Options};
use chrono::NaiveDate;
use output::OutputError;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tera::Context;

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
    };
    let sink = Sink::Folder {
        dir: staging.dir().to_path_buf(),
        previous: staging.previous().map(Path::to_path_buf),
    };
    let built = Site::new(&contents, templates, &settings, &sink).write_all()?;
    let marker = format!("rootline site\nas-of: {}\n", options.check.as_of);
    staging.commit(&marker)?;
    Ok(built)
}

/// One incident's line in every list, made once: its summary and its table rows.
#[derive(Debug, Clone)]
pub struct Listing {
    /// The summary line.
    pub summary: IncidentSummary,
    row_at_root: String,
    row_nested: String,
}

impl Listing {
    /// The listing of one incident.
    pub fn of(analysed: &Analysed) -> Self {
        let summary = summarise(analysed);
        Listing {
            row_at_root: rows::row(&summary, ""),
            row_nested: rows::row(&summary, "../"),
            summary,
        }
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
    let sink = Sink::One {
        wanted: relative.to_string(),
        found: std::sync::Mutex::new(None),
    };
    let site = Site::new(contents, templates, settings, &sink);
    if let Some(rest) = relative.strip_prefix("incidents/") {
        let (id, file) = rest.split_once('/').unwrap_or((rest, ""));
        let Some(analysed) = contents.incidents.iter().find(|a| a.validated.id == id) else {
            return Ok(None);
        };
        site.incident_page(
            analysed,
            &CorpusLinks::new(contents.incidents.iter().copied()),
        )?;
        if let Some(text) = sink.take() {
            return Ok(Some(Served::Text(text)));
        }
        return Ok(analysed
            .validated
            .file
            .asset_dir
            .as_deref()
            .and_then(|dir| output::asset(dir, file))
            .map(Served::File));
    }
    site.write_all()?;
    Ok(sink.take().map(Served::Text))
}

/// Where pages go: files in a folder, or the one page a request wants.
enum Sink {
    Folder {
        dir: PathBuf,
        /// The site being replaced, if any.
        previous: Option<PathBuf>,
    },
    One {
        wanted: String,
        found: std::sync::Mutex<Option<String>>,
    },
}

impl Sink {
    fn wants(&self, relative: &str) -> bool {
        match self {
            Sink::Folder { .. } => true,
            Sink::One { wanted, .. } => wanted == relative,
        }
    }

    fn wants_under(&self, folder: &str) -> bool {
        match self {
            Sink::Folder { .. } => true,
            Sink::One { wanted, .. } => wanted
                .strip_prefix(folder)
                .is_some_and(|rest| rest.starts_with('/')),
        }
    }

    fn put(&self, relative: &str, text: String) -> Result<(), SiteError> {
        match self {
            Sink::Folder { dir, previous } => {
                let path = dir.join(relative);
                let old = previous.as_ref().map(|p| p.join(relative));
                let write = || output::write_or_link(&path, text.as_bytes(), old.as_deref());
                // Folders are made when a write finds them missing, not before
                // every file: an incident's three files share one folder.
                match write() {
                    Err(OutputError::Io { source, .. })
                        if source.kind() == std::io::ErrorKind::NotFound =>
                    {
                        if let Some(parent) = path.parent() {
                            std::fs::create_dir_all(parent).map_err(|source| OutputError::Io {
                                path: parent.to_path_buf(),
                                source,
                            })?;
                        }
                        Ok(write()?)
                    }
                    other => Ok(other?),
                }
            }
            Sink::One { wanted, found } => {
                if wanted == relative {
                    *found.lock().unwrap_or_else(|e| e.into_inner()) = Some(text);
                }
                Ok(())
            }
        }
    }

    fn take(self) -> Option<String> {
        match self {
            Sink::Folder { .. } => None,
            Sink::One { found, .. } => found.into_inner().unwrap_or_else(|e| e.into_inner()),
        }
    }
}

/// Large corpora only: a bar for five pages is noise. Hidden unless stderr is a terminal.
const PROGRESS_FROM: usize = 200;

fn progress_bar(wanted: bool, total: usize) -> indicatif::ProgressBar {
    if !wanted || total < PROGRESS_FROM {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(total as u64),
        indicatif::ProgressDrawTarget::stderr(),
    );
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} incident pages")
    {
        bar.set_style(style);
    }
    bar
}

struct Site<'a> {
    incidents: &'a [&'a Analysed],
    listings: &'a [&'a Listing],
    summaries: Vec<&'a IncidentSummary>,
    templates: &'a Templates,
    settings: &'a Settings,
    sink: &'a Sink,
    as_of: String,
}

#[derive(Serialize)]
struct Group {
    name: String,
    slug: String,
    count: usize,
}

#[derive(Serialize)]
struct SortLink {
    label: &'static str,
    href: &'static str,
    current: bool,
}

impl<'a> Site<'a> {
    fn new(
        contents: &'a Contents<'a>,
        templates: &'a Templates,
        settings: &'a Settings,
        sink: &'a Sink,
    ) -> Self {
        Site {
            incidents: &contents.incidents,
            listings: &contents.listings,
            summaries: contents.listings.iter().map(|l| &l.summary).collect(),
            templates,
            settings,
            sink,
            as_of: settings.as_of.to_string(),
        }
    }

    fn page(&self, depth: usize, section: &str) -> PageContext {
        PageContext {
            site: true,
            root: "../".repeat(depth),
            site_title: "Post-mortems".to_string(),
            section: section.to_string(),
            downloads: false,
            as_of: self.as_of.clone(),
        }
    }

    fn write(&self, relative: &str, text: String) -> Result<(), SiteError> {
        self.sink.put(relative, text)
    }

    fn render(&self, template: &str, relative: &str, context: &Context) -> Result<(), SiteError> {
        let text = self.templates.render(template, context)?;
        self.write(relative, text)
    }

    fn write_all(&self) -> Result<Built, SiteError> {
        // The shared pages are mostly one thread's work: they run beside the
        // incident pages instead of after them.
        let (pages, shared) = rayon::join(
            || self.incident_pages(),
            || -> Result<usize, SiteError> {
                Ok(self.index_pages()?
                    + self.group_pages()?
                    + self.report_pages()?
                    + self.feed_sitemap_search_404()?)
            },
        );
        Ok(Built {
            incidents: self.incidents.len(),
            files: pages? + shared?,
        })
    }

    fn incident_pages(&self) -> Result<usize, SiteError> {
        let links = CorpusLinks::new(self.incidents.iter().copied());
        let bar = progress_bar(self.settings.progress, self.incidents.len());
        let counts: Vec<usize> = self
            .incidents
            .par_iter()
            .map(|analysed| -> Result<usize, SiteError> {
                bar.inc(1);
                self.incident_page(analysed, &links)
            })
            .collect::<Result<_, _>>()?;
        bar.finish_and_clear();
        Ok(counts.into_iter().sum())
    }

    /// The page, Markdown and JSON of one incident, and its folder's files.
    fn incident_page(&self, analysed: &Analysed, links: &CorpusLinks) -> Result<usize, SiteError> {
        let id = &analysed.validated.id;
        let folder = format!("incidents/{id}");
        let html_path = format!("{folder}/index.html");
        let md_path = format!("{folder}/{id}.md");
        let json_path = format!("{folder}/{id}.json");
        let (html, md) = (self.sink.wants(&html_path), self.sink.wants(&md_path));
        if html || md {
            let view = incident_view(analysed, links, self.settings.as_of);
            let mut page = self.page(2, "incidents");
            page.downloads = true;
            let context = render::document_context(
                &view,
                &page,
                &[DocumentFormat::Html, DocumentFormat::Markdown],
            );
            if html {
                let text = render::document_in(self.templates, &context, DocumentFormat::Html)?;
                self.write(&html_path, text)?;
            }
            if md {
                let text = render::document_in(self.templates, &context, DocumentFormat::Markdown)?;
                self.write(&md_path, text)?;
            }
        }
        if self.sink.wants(&json_path) {
            self.write(&json_path, export::to_json(analysed))?;
        }
        let assets = match (&analysed.validated.file.asset_dir, self.sink) {
            (Some(dir), Sink::Folder { dir: out, .. }) => {
                output::copy_assets(dir, &out.join(&folder))?
            }
            _ => 0,
        };
        Ok(3 + assets)
    }

    /// A list page's context: the pre-rendered rows of `incidents` (indexes into `summaries`).
    fn index_context(
        &self,
        incidents: &[usize],
        title: &str,
        depth: usize,
        section: &str,
    ) -> Context {
        let rows: Vec<&str> = incidents
            .iter()
            .map(|&i| {
                let listing = self.listings[i];
                if depth == 0 {
                    listing.row_at_root.as_str()
                } else {
                    listing.row_nested.as_str()
                }
            })
            .collect();
        let mut context = Context::new();
        context.insert("page", &self.page(depth, section));
        context.insert("title", title);
        context.insert("rows", &rows);
        context.insert("count", &rows.len());
        context
    }

    fn index_pages(&self) -> Result<usize, SiteError> {
        type Key = fn(&IncidentSummary) -> (i64, String);
        let sorts: [(&str, &str, Key); 4] = [
            ("Newest first", "index.html", |s| (0, s.date.clone())),
            ("Severity", "by-severity.html", |s| {
                (i64::from(s.severity_rank), s.date.clone())
            }),
            ("Longest", "by-duration.html", |s| {
                (-s.duration_seconds.unwrap_or(-1), s.date.clone())
            }),
            ("Customer-minutes", "by-customer-minutes.html", |s| {
                (
                    -(s.customer_minutes_value.unwrap_or(0).min(i64::MAX as u64) as i64),
                    s.date.clone(),
                )
            }),
        ];
        let mut written = 0;
        for (label, file, key) in sorts {
            if !self.sink.wants(file) {
                continue;
            }
            let mut sorted: Vec<usize> = (0..self.summaries.len()).collect();
            if file != "index.html" {
                // Stable sort over newest-first keeps ties newest first.
                sorted.sort_by_key(|&i| key(self.summaries[i]).0);
            }
            let mut context = self.index_context(&sorted, "Incidents", 0, "incidents");
            let links: Vec<SortLink> = sorts
                .iter()
                .map(|(l, f, _)| SortLink {
                    label: l,
                    href: f,
                    current: *f == file,
                })
                .collect();
            context.insert("sorts", &links);
            context.insert("sort_label", label);
            context.insert("severities", &self.severity_counts());
            context.insert("search", &true);
            self.render("index.html", file, &context)?;
            written += 1;
        }
        for (severity, count) in self.severity_counts() {
            let file = format!("severity/{}.html", severity.to_lowercase());
            if !self.sink.wants(&file) {
                continue;
            }
            let chosen: Vec<usize> = (0..self.summaries.len())
                .filter(|&i| self.summaries[i].severity == severity)
                .collect();
            let mut context =
                self.index_context(&chosen, &format!("{severity} incidents"), 1, "incidents");
            context.insert(
                "intro",
                &format!(
                    "{count} incident{} of severity {severity}, newest first.",
                    if count == 1 { "" } else { "s" }
                ),
            );
            self.render("list.html", &file, &context)?;
            written += 1;
        }
        Ok(written)
    }

    fn severity_counts(&self) -> Vec<(String, usize)> {
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for s in &self.summaries {
            *counts.entry(s.severity.clone()).or_default() += 1;
        }
        counts.into_iter().collect()
    }

    fn group_pages(&self) -> Result<usize, SiteError> {
        type Pick = fn(&IncidentSummary) -> &[Slugged];
        let kinds: [(&str, &str, &str, Pick); 3] = [
            (
                "categories",
                "Cause categories",
                "Incidents with a cause of this category on a chain to the impact",
                |s| &s.categories,
            ),
            ("tags", "Tags", "Incidents tagged", |s| &s.tags),
            (
                "vendors",
                "Vendors",
                "Incidents this vendor was a party to",
                |s| &s.vendors,
            ),
        ];
        let mut written = 0;
        for (folder, title, intro, pick) in kinds {
            if !self.sink.wants_under(folder) {
                continue;
            }
            let mut groups: BTreeMap<&Slugged, Vec<usize>> = BTreeMap::new();
            for (i, s) in self.summaries.iter().enumerate() {
                for g in pick(s) {
                    groups.entry(g).or_default().push(i);
                }
            }
            // Names that slug alike share a page.
            let mut by_slug: BTreeMap<&str, (String, Vec<usize>)> = BTreeMap::new();
            for (g, list) in groups {
                let entry = by_slug
                    .entry(&g.slug)
                    .or_insert_with(|| (g.name.clone(), Vec::new()));
                entry.1.extend(list);
            }
            let overview: Vec<Group> = by_slug
                .iter()
                .map(|(slug, (name, list))| Group {
                    name: name.clone(),
                    slug: slug.to_string(),
                    count: list.len(),
                })
                .collect();
            let mut context = self.index_context(&[], title, 1, folder);
            context.insert("groups", &overview);
            context.insert(
                "intro",
                &format!(
                    "{} {}, with the number of incidents each.",
                    overview.len(),
                    title.to_lowercase()
                ),
            );
            self.render("list.html", &format!("{folder}/index.html"), &context)?;
            written += 1;
            for (slug, (name, mut list)) in by_slug {
                let file = format!("{folder}/{slug}.html");
                if !self.sink.wants(&file) {
                    continue;
                }
                // Summaries are newest first already; indexes keep that order.
                list.sort_unstable();
                list.dedup();
                let mut context = self.index_context(&list, name.as_str(), 1, folder);
                context.insert("intro", &format!("{intro}: {}.", list.len()));
                context.insert("up", &format!("All {}", title.to_lowercase()));
                self.render("list.html", &file, &context)?;
                written += 1;
            }
        }
        Ok(written)
    }

    fn report_pages(&self) -> Result<usize, SiteError> {
        if !self.sink.wants("report/index.html") && !self.sink.wants("report/report.md") {
            return Ok(0);
        }
        let as_of = self.settings.as_of;
        let view = report_with_summaries(
            self.incidents,
            &self.summaries,
            &[Period::last_12_months(as_of), Period::all_time()],
            as_of,
        );
        let context = render::report_context(
            &view,
            &self.page(1, "report"),
            &[DocumentFormat::Html, DocumentFormat::Markdown],
        );
        if self.sink.wants("report/index.html") {
            self.render("report.html", "report/index.html", &context)?;
        }
        if self.sink.wants("report/report.md") {
            let md = render::tidy_markdown(&self.templates.render("report.md", &context)?);
            self.write("report/report.md", md)?;
        }
        Ok(2)
    }

    fn feed_sitemap_search_404(&self) -> Result<usize, SiteError> {
        let base = self.settings.base_url.as_deref().map(|b| {
            if b.ends_with('/') {
                b.to_string()
            } else {
                format!("{b}/")
            }
        });
        if self.sink.wants("feed.xml") {
            self.feed(base.as_deref())?;
        }
        // The sitemap protocol takes absolute URLs only: without a base URL there
        // is no valid sitemap to write.
        let sitemap = match &base {
            Some(base) if self.sink.wants("sitemap.xml") => {
                self.write("sitemap.xml", self.sitemap(base))?;
                1
            }
            _ => 0,
        };
        if self.sink.wants("search-index.js") {
            self.write("search-index.js", search::search_index(&self.summaries))?;
        }
        if self.sink.wants("search.js") {
            self.render("search.js", "search.js", &Context::new())?;
        }
        // One stylesheet for every page: a standalone document inlines it instead.
        if self.sink.wants("style.css") {
            self.render("style.css", "style.css", &Context::new())?;
        }
        if self.sink.wants("404.html") {
            let mut context = Context::new();
            let mut page = self.page(0, "");
            if let Some(base) = &base {
                page.root = base.clone();
            }
            context.insert("page", &page);
            self.render("404.html", "404.html", &context)?;
        }
        Ok(5 + sitemap)
    }

    fn feed(&self, base: Option<&str>) -> Result<(), SiteError> {
        let published: Vec<&IncidentSummary> = self
            .summaries
            .iter()
            .copied()
            .filter(|s| s.status == "published")
            .collect();
        let mut context = Context::new();
        context.insert("base_url", &base);
        context.insert("entries", &published);
        context.insert(
            "updated",
            &published
                .iter()
                .map(|s| s.updated.as_str())
                .max()
                .unwrap_or("1970-01-01T00:00:00Z"),
        );
        context.insert("page", &self.page(0, ""));
        self.render("feed.xml", "feed.xml", &context)
    }

    fn sitemap(&self, prefix: &str) -> String {
        let mut urls: Vec<String> = vec!["index.html".into(), "report/index.html".into()];
        urls.extend(self.summaries.iter().map(|s| s.href.clone()));
        let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        for url in urls {
            out.push_str(&format!(
                "  <url><loc>{}</loc></url>\n",
                crate::text::escape_html(&format!("{prefix}{url}"))
            ));
        }
        out.push_str("</urlset>\n");
        out
    }
}
